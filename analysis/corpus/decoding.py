"""Turn the bytes of an article file into text, or say why they are not text.

News corpora come from scrapers: UTF-8 with and without a byte-order mark,
UTF-16 exported by Windows tools, Windows-1252 from old CMSs, binary files
with a ``.txt`` name, stray NUL bytes.  :func:`decode_article_bytes` handles
each case in a documented way and reports what it did, so a loader can record
the encoding and any repair instead of silently changing text.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field

from analysis.errors import CorpusError

# Magic numbers of binary formats that turn up renamed as .txt in scrapes.
_BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (or DOCX/XLSX)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\x7fELF", "ELF executable"),
    (b"RIFF", "RIFF media file"),
    (b"\xd0\xcf\x11\xe0", "legacy Office document"),
    (b"SQLite format 3\x00", "SQLite database"),
)

# Control characters other than tab, newline, carriage return and form feed
# are not text; a file made largely of them is binary whatever its name.
_CONTROL_BYTES = frozenset(range(0, 32)) - {9, 10, 12, 13}
_MAX_CONTROL_SHARE = 0.01
# A handful of NULs is scraper debris even in a short file; beyond this many
# (and beyond 1 %) the file is binary or BOM-less UTF-16.
_MAX_STRAY_NULS = 8


@dataclass
class DecodedText:
    """Text decoded from a file, with a record of how it was obtained."""

    text: str
    encoding: str
    repairs: list[str] = field(default_factory=list)


def _binary_kind(data: bytes) -> str | None:
    for signature, kind in _BINARY_SIGNATURES:
        if data.startswith(signature):
            return kind
    return None


def normalise_newlines(text: str) -> str:
    """Return ``text`` with CRLF and lone CR line ends turned into LF."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_article_bytes(data: bytes, source: str) -> DecodedText:
    """Decode the bytes of one article file.

    Parameters
    ----------
    data : bytes
        The file's contents.
    source : str
        The file name, used in error messages.

    Returns
    -------
    DecodedText
        ``text`` with line ends normalised to ``\\n``, the ``encoding`` used
        (``utf-8``, ``utf-8-sig``, ``utf-16``, ``utf-32``, ``cp1252`` or
        ``latin-1``) and the list of ``repairs`` made (removed NUL bytes,
        normalised line ends, encoding fallback).

    Raises
    ------
    CorpusError
        When the bytes are not text: a known binary signature, more than
        8 NUL bytes making up over 1 % of the file, more than 1 % control
        characters in the first 64 KiB, or a UTF-16/32 byte-order mark
        followed by bytes invalid in that encoding.
    """
    repairs: list[str] = []
    kind = _binary_kind(data)
    if kind is not None:
        raise CorpusError(f"{source}: not a text file (looks like a {kind})")

    if data.startswith(codecs.BOM_UTF32_LE) or data.startswith(codecs.BOM_UTF32_BE):
        text, encoding = _strict(data, "utf-32", source), "utf-32"
    elif data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        text, encoding = _strict(data, "utf-16", source), "utf-16"
    else:
        if b"\x00" in data:
            # A few NULs in an otherwise textual file are scraper debris; many
            # mean the file is binary (or BOM-less UTF-16, which we refuse
            # rather than guess which half of each pair is the text).
            n_nul = data.count(b"\x00")
            if n_nul > max(_MAX_CONTROL_SHARE * len(data), _MAX_STRAY_NULS):
                raise CorpusError(
                    f"{source}: not a text file ({n_nul} NUL bytes in {len(data)} bytes; "
                    "UTF-16 files need a byte-order mark)"
                )
            data = data.replace(b"\x00", b"")
            repairs.append(f"removed {n_nul} NUL byte(s)")
        sample = data[:65536]
        n_control = sum(sample.count(bytes([b])) for b in _CONTROL_BYTES)
        if sample and n_control > _MAX_CONTROL_SHARE * len(sample):
            raise CorpusError(
                f"{source}: not a text file ({n_control} control bytes in the first {len(sample)})"
            )
        if data.startswith(codecs.BOM_UTF8):
            text, encoding = _strict(data, "utf-8-sig", source), "utf-8-sig"
        else:
            try:
                text, encoding = data.decode("utf-8"), "utf-8"
            except UnicodeDecodeError as exc:
                try:
                    text, encoding = data.decode("cp1252"), "cp1252"
                except UnicodeDecodeError:
                    # latin-1 maps every byte, so nothing is lost.
                    text, encoding = data.decode("latin-1"), "latin-1"
                repairs.append(
                    f"invalid UTF-8 at byte {exc.start}; decoded as {encoding}"
                )
    if "\r" in text:
        text = normalise_newlines(text)
        repairs.append("normalised CR/CRLF line ends")
    return DecodedText(text=text, encoding=encoding, repairs=repairs)


def _strict(data: bytes, encoding: str, source: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise CorpusError(
            f"{source}: has a {encoding} byte-order mark but invalid {encoding} at byte {exc.start}"
        ) from None


def check_not_binary(head: bytes, source: str) -> None:
    """Refuse bytes that start like a binary file (signature or control bytes).

    Parameters
    ----------
    head : bytes
        The first bytes of the file (64 KiB is enough).
    source : str
        The file name, for the message.

    Raises
    ------
    CorpusError
        A known binary signature, or more than 1 % control bytes.
    """
    kind = _binary_kind(head)
    if kind is not None:
        raise CorpusError(f"{source}: not a text file (looks like a {kind})")
    sample = head[:65536]
    n_control = sum(sample.count(bytes([b])) for b in _CONTROL_BYTES)
    if sample and n_control > _MAX_CONTROL_SHARE * len(sample):
        raise CorpusError(f"{source}: not a text file ({n_control} control bytes in the first {len(sample)})")


def decode_line(data: bytes) -> tuple[str, str]:
    """Decode one line of a record file on its own: UTF-8, else Windows-1252.

    Record files are often concatenated from several exports, so the
    encoding is decided per line (and so per record), never for the whole
    file from its first bad byte.  NUL bytes are dropped.

    Returns
    -------
    (str, str)
        The text and the encoding used (``utf-8``, ``cp1252`` or ``latin-1``).
    """
    if b"\x00" in data:
        data = data.replace(b"\x00", b"")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            return data.decode("latin-1"), "latin-1"
