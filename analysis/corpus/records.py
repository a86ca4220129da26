"""Read article records (JSONL, JSON, CSV) and manifests, row by row.

Scrapers name their fields differently; :data:`FIELD_ALIASES` maps the
common names onto the package's columns (first match wins).  A malformed
row is reported with its file and line number and skipped, never dropped
silently.  The files are decoded like article files (see
:mod:`analysis.corpus.decoding`): a byte-order mark, UTF-16 or a Windows-1252
export is read and the fallback recorded, so one bad byte never costs the
whole file.
"""

from __future__ import annotations

import codecs
import csv
import json
import sys
from pathlib import Path
from typing import Any, Iterator

from analysis.corpus.decoding import check_not_binary, decode_article_bytes, decode_line
from analysis.errors import CorpusError

#: Package column -> accepted field names in JSONL/CSV records, in order.
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "article_id": ("article_id", "id", "doc_id", "uid", "guid"),
    "headline": ("headline", "title"),
    "body": ("body", "text", "content", "maintext", "article", "full_text"),
    "outlet": ("outlet", "source", "source_name", "publisher", "site", "source_domain", "domain"),
    "published": ("published", "date", "published_at", "publish_date", "date_publish",
                  "pubdate", "datetime", "timestamp"),
    "url": ("url", "link", "source_url"),
    "language": ("language", "lang"),
    "wire": ("wire", "agency", "wire_service"),
}

MANIFEST_FILE_COLUMNS = ("file", "path", "filename")

#: Keys under which JSON exports wrap their list of articles ({"articles": [...]}).
JSON_LIST_KEYS = ("articles", "items", "data", "results", "records", "documents", "docs", "posts")

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


def _canonical(record: dict[str, Any]) -> dict[str, Any]:
    lowered = {str(k).strip().lower(): v for k, v in record.items()}
    out: dict[str, Any] = {}
    used: set[str] = set()
    for column, aliases in FIELD_ALIASES.items():
        for alias in aliases:
            if alias in lowered and lowered[alias] not in (None, ""):
                value = lowered[alias]
                if isinstance(value, list):
                    # news-please style lists: paragraphs of the text, or authors
                    sep = "\n\n" if column == "body" else ", "
                    value = sep.join(str(v) for v in value if v is not None)
                out[column] = value if column == "body" else str(value)
                used.add(alias)
                break
    for key, value in lowered.items():
        if key not in used and key not in out and not isinstance(value, (dict, list)):
            out[key] = value
    return out


#: A ``.json`` document (array) must be parsed whole; above this size it is
#: refused with advice to export JSON Lines, which are streamed record by record.
MAX_JSON_DOCUMENT_BYTES = 1024 * 1024 * 1024
#: One record (a JSONL line, a CSV row) larger than this is skipped, like an
#: article file over ``load_corpus(max_bytes=...)``.
DEFAULT_MAX_RECORD_BYTES = 64 * 1024 * 1024
# Nesting deeper than this is not an article record; checked before json.loads
# so hostile input ('[' * 100000) is skipped, never a RecursionError.
MAX_JSON_DEPTH = 200
_READ_BLOCK = 1024 * 1024


def read_text(path: Path, problems) -> str:
    """Decode a whole records file or manifest, noting any encoding fallback.

    Raises
    ------
    CorpusError
        The file cannot be read, or holds binary data.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CorpusError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    decoded = decode_article_bytes(data, str(path))
    for repair in decoded.repairs:
        if not repair.startswith("normalised"):
            problems.note(str(path), repair)
    return decoded.text


def _utf16_or_32(head: bytes) -> bool:
    return head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE,
                            codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))


def iter_lines(path: Path, problems, max_bytes: int = DEFAULT_MAX_RECORD_BYTES
               ) -> Iterator[tuple[int, str, str]]:
    """Stream ``(line number, text with its line end, encoding)`` from a record file.

    The file is read a line at a time, so memory follows the longest line,
    not the file.  Each line is decoded on its own (UTF-8, else
    Windows-1252; see :func:`analysis.corpus.decoding.decode_line`).  A line longer
    than ``max_bytes`` is skipped (warning with its line number) without
    being held in memory.  UTF-16/32 files (byte-order mark) and files with
    CR-only line ends cannot be split into lines as bytes; they are decoded
    whole (like an article file).

    Raises
    ------
    CorpusError
        The file cannot be read, or starts like a binary file.
    """
    label = str(path)
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise CorpusError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    with handle:
        head = handle.read(65536)
        if _utf16_or_32(head) or (b"\r" in head and b"\n" not in head):
            # UTF-16/32 cannot be split into lines as bytes, and a file with
            # old Mac (CR-only) line ends has no "\n" to split at: decode whole.
            handle.close()
            try:
                decoded = decode_article_bytes(path.read_bytes(), label)
            except OSError as exc:
                raise CorpusError(f"{path}: cannot be read ({exc.strerror or exc})") from None
            for repair in decoded.repairs:
                if not repair.startswith("normalised"):
                    problems.note(label, repair)
            encoding = "utf-8" if decoded.encoding == "utf-8-sig" else decoded.encoding
            for number, line in enumerate(decoded.text.split("\n"), start=1):
                yield number, line + "\n", encoding
            return
        check_not_binary(head, label)
        handle.seek(0)
        number = 0
        while True:
            raw = handle.readline(max_bytes + 1)
            if not raw:
                return
            number += 1
            if number == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8):]
            if len(raw) > max_bytes and not raw.endswith(b"\n"):
                while raw and not raw.endswith(b"\n"):  # drop the rest of the line unread
                    raw = handle.readline(_READ_BLOCK)
                problems.skip(f"{label}:{number}", f"line is over the {max_bytes:,}-byte record "
                                                   "limit (raise max_bytes to load it)")
                continue
            text, encoding = decode_line(raw)
            yield number, text, encoding


def _too_deep(text: str) -> bool:
    """True when brackets nest deeper than :data:`MAX_JSON_DEPTH` (strings ignored roughly)."""
    if text.count("[") + text.count("{") <= MAX_JSON_DEPTH:
        return False
    depth = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                return True
        elif ch in "]}":
            depth -= 1
    return False


def _loads(text: str) -> Any:
    """``json.loads`` that reports hostile nesting as a decode error, never RecursionError."""
    if _too_deep(text):
        raise json.JSONDecodeError(f"nested more than {MAX_JSON_DEPTH} levels deep", text, 0)
    try:
        return json.loads(text)
    except RecursionError:
        raise json.JSONDecodeError("nested too deeply", text, 0) from None


# --- JSON ------------------------------------------------------------------

def read_json_records(path: Path, problems, max_bytes: int = DEFAULT_MAX_RECORD_BYTES
                      ) -> Iterator[dict[str, Any]]:
    """Yield canonical records from a JSON Lines file or a JSON document.

    JSON Lines are streamed one line at a time (each line at most
    ``max_bytes``).  A ``.json`` file may hold an array of records, one
    record, or an object wrapping the array under one of
    :data:`JSON_LIST_KEYS`; it is parsed whole (up to
    :data:`MAX_JSON_DOCUMENT_BYTES`).  A ``.json`` file that is really JSON
    Lines is streamed as such.
    """
    numbered: Iterator[tuple[int, Any, str]] | None = None
    label = "line"
    if path.suffix.lower() == ".json" and not _first_line_is_json(path, problems, max_bytes):
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise CorpusError(f"{path}: cannot be read ({exc.strerror or exc})") from None
        if size > MAX_JSON_DOCUMENT_BYTES:
            raise CorpusError(f"{path}: JSON document is {size:,} bytes, over the "
                              f"{MAX_JSON_DOCUMENT_BYTES:,}-byte limit for one document; "
                              "export JSON Lines (.jsonl), which are read record by record")
        text = read_text(path, problems)
        if not text.strip():
            raise CorpusError(f"{path}: empty file (no article records)")
        try:
            document = _loads(text)
        except json.JSONDecodeError as exc:
            raise CorpusError(
                f"{path}:{exc.lineno}: invalid JSON ({exc.msg} at column {exc.colno})"
            ) from None
        del text
        items = _json_items(path, document)
        numbered = ((i + 1, item, "") for i, item in enumerate(items))
        label = "item"
    if numbered is None:
        numbered = _json_lines(path, problems, max_bytes)
    n_records = n_untitled = 0
    for number, item, encoding in numbered:
        where = f"{path}:{number}" if label == "line" else f"{path}[{number}]"
        if not isinstance(item, dict):
            problems.skip(where, f"{label} is a JSON {type(item).__name__}, not an object (record)")
            continue
        record = _canonical(item)
        record.setdefault("article_id", f"{path.stem}-{number}")
        record["_where"] = where
        if encoding and encoding != "utf-8":
            record["_encoding"] = encoding
        n_records += 1
        n_untitled += not str(record.get("headline") or "").strip()
        yield record
    if not n_records and not problems.skipped:
        raise CorpusError(f"{path}: empty file (no article records)")
    _note_untitled(path, n_untitled, problems)


def _note_untitled(path: Path, n_untitled: int, problems) -> None:
    if n_untitled:
        problems.note(str(path), f"{n_untitled} record(s) have no headline/title: each keeps its "
                                 "whole text as body and gets a headline derived from its first "
                                 "sentence (listed in the 'repairs' column)")


def _json_items(path: Path, document: Any) -> list[Any]:
    if isinstance(document, list):
        return document
    if isinstance(document, dict):
        for key in JSON_LIST_KEYS:
            if isinstance(document.get(key), list):
                return document[key]
        return [document]
    raise CorpusError(f"{path}: JSON holds a {type(document).__name__}, not article records")


def _first_line_is_json(path: Path, problems, max_bytes: int) -> bool:
    """True when a ``.json`` file is JSON Lines: a whole JSON object on its first line, and more lines."""
    class _Quiet:
        strict = False
        skipped: list = []

        def skip(self, *args):
            pass

        def note(self, *args):
            pass

    first = None
    for _, line, _ in iter_lines(path, _Quiet(), max_bytes):
        if not line.strip():
            continue
        if first is not None:
            return True  # a whole object on line 1 and more lines after it
        try:
            first = _loads(line)
        except json.JSONDecodeError:
            return False
        if not isinstance(first, dict):
            return False
    return False  # one object, on one line: a JSON document


def _json_lines(path: Path, problems, max_bytes: int) -> Iterator[tuple[int, Any, str]]:
    # split on "\n" only: str.splitlines() would also break at U+2028 and
    # friends, which JSON allows raw inside strings.
    for number, line, encoding in iter_lines(path, problems, max_bytes):
        if not line.strip():
            continue
        try:
            yield number, _loads(line), encoding
        except json.JSONDecodeError as exc:
            problems.skip(f"{path}:{number}", f"invalid JSON ({exc.msg} at column {exc.colno})")
        if encoding in ("cp1252", "latin-1"):
            problems.note(f"{path}:{number}", f"invalid UTF-8 in this line; decoded as {encoding}")


# --- CSV -------------------------------------------------------------------

class _LineFeed:
    """Decoded lines for ``csv.reader``, remembering the encodings since the last row."""

    def __init__(self, lines: Iterator[tuple[int, str, str]]) -> None:
        self.lines = lines
        self.encodings: set[str] = set()

    def __iter__(self):
        return self

    def __next__(self) -> str:
        _, text, encoding = next(self.lines)
        self.encodings.add(encoding)
        return text

    def take_encodings(self) -> set[str]:
        out, self.encodings = self.encodings, set()
        return out


def _csv_table(path: Path, problems, max_bytes: int = DEFAULT_MAX_RECORD_BYTES
               ) -> tuple[list[str], Iterator[tuple[int, list[str] | str, str]]]:
    """Return the lower-cased header and an iterator of ``(line, row or error, encoding)``."""
    feed = _LineFeed(iter_lines(path, problems, max_bytes))
    # strict: a stray quote or a quoted field never closed is an error we
    # report, not a row silently merged with the ones after it.
    reader = csv.reader(feed, strict=True)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        raise CorpusError(f"{path}: empty CSV file (no header row)") from None
    except csv.Error as exc:
        raise CorpusError(f"{path}:1: unreadable CSV header ({exc})") from None
    feed.take_encodings()

    def rows() -> Iterator[tuple[int, list[str] | str, str]]:
        while True:
            first = reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                last = reader.line_num
                feed.take_encodings()
                if str(exc) == "unexpected end of data":
                    yield first, (f"a quoted field opened on line {first} is never closed; "
                                  f"lines {first}-{last} skipped"), ""
                else:
                    yield first, f"malformed CSV row ({exc})", ""
                continue
            encodings = feed.take_encodings() - {"utf-8"}
            yield first, row, ",".join(sorted(encodings))

    return header, rows()


def looks_like_manifest(path: Path) -> bool:
    """True when a CSV names article files (a manifest) rather than holding text."""
    try:
        with path.open("rb") as handle:
            head = handle.read(65536)
    except OSError as exc:
        raise CorpusError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    first_line = head.decode("utf-8-sig", errors="replace").splitlines()[:1]
    header = [h.strip().lower() for h in next(csv.reader(first_line), [])]
    has_file = any(c in header for c in MANIFEST_FILE_COLUMNS)
    has_body = any(c in header for c in FIELD_ALIASES["body"])
    return has_file and not has_body


def _checked_rows(path: Path, header: list[str], rows, problems
                  ) -> Iterator[tuple[int, dict[str, str], str]]:
    for line_no, row, encoding in rows:
        if isinstance(row, str):
            problems.skip(f"{path}:{line_no}", row)
            continue
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            problems.skip(f"{path}:{line_no}",
                          f"malformed CSV row: {len(row)} fields where the header has {len(header)}")
            continue
        if encoding in ("cp1252", "latin-1", "cp1252,latin-1"):
            problems.note(f"{path}:{line_no}", f"invalid UTF-8 in this row; decoded as {encoding}")
        yield line_no, dict(zip(header, row)), encoding


def read_manifest(path: Path, problems) -> list[tuple[int, dict[str, str]]]:
    """Return ``(line number, metadata)`` for each usable manifest row."""
    header, rows = _csv_table(path, problems)
    file_col = next((c for c in MANIFEST_FILE_COLUMNS if c in header), None)
    if file_col is None:
        raise CorpusError(
            f"{path}: manifest has no 'file' column (columns: {', '.join(header) or 'none'})"
        )
    out = []
    for line_no, meta, _ in _checked_rows(path, header, rows, problems):
        meta = {k: v.strip() for k, v in meta.items()}
        meta["file"] = meta.pop(file_col)
        out.append((line_no, meta))
    return out


def read_csv_records(path: Path, problems, max_bytes: int = DEFAULT_MAX_RECORD_BYTES
                     ) -> Iterator[dict[str, Any]]:
    """Yield canonical records from a CSV file of articles, streamed row by row.

    Each row is decoded on its own (a file concatenated from UTF-8 and
    Windows-1252 exports keeps both right) and its ``encoding`` recorded;
    a line over ``max_bytes`` is skipped.
    """
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1, max(max_bytes, 1)))
    header, rows = _csv_table(path, problems, max_bytes)
    if not any(c in header for c in FIELD_ALIASES["body"]):
        raise CorpusError(
            f"{path}: CSV has no article text column (one of: {', '.join(FIELD_ALIASES['body'])})"
        )
    n_untitled = 0
    for line_no, raw, encoding in _checked_rows(path, header, rows, problems):
        record = _canonical(raw)
        record.setdefault("article_id", f"{path.stem}-{line_no}")
        record["_where"] = f"{path}:{line_no}"
        if encoding:
            record["_encoding"] = encoding
        n_untitled += not str(record.get("headline") or "").strip()
        yield record
    _note_untitled(path, n_untitled, problems)
