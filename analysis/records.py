"""Read article records (JSONL, JSON, CSV) and manifests, row by row.

Scrapers name their fields differently; :data:`FIELD_ALIASES` maps the
common names onto the package's columns (first match wins).  A malformed
row is reported with its file and line number and skipped, never dropped
silently.  The files are decoded like article files (see
:mod:`analysis.decoding`): a byte-order mark, UTF-16 or a Windows-1252
export is read and the fallback recorded, so one bad byte never costs the
whole file.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path
from typing import Any, Iterator

from analysis.decoding import decode_article_bytes
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


def read_text(path: Path, problems) -> str:
    """Decode a records file or manifest, noting any encoding fallback.

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


# --- JSON ------------------------------------------------------------------

def read_json_records(path: Path, problems) -> Iterator[dict[str, Any]]:
    """Yield canonical records from a JSON Lines file or a JSON document.

    A ``.json`` file may hold an array of records, one record, or an object
    wrapping the array under one of :data:`JSON_LIST_KEYS`; a ``.json``
    file that is really JSON Lines is read as such.
    """
    text = read_text(path, problems)
    if not text.strip():
        raise CorpusError(f"{path}: empty file (no article records)")
    numbered: Iterator[tuple[int, Any]] | None = None
    label = "line"
    if path.suffix.lower() == ".json":
        try:
            document = json.loads(text)
        except json.JSONDecodeError as exc:
            if not _first_line_is_json(text):
                raise CorpusError(
                    f"{path}:{exc.lineno}: invalid JSON ({exc.msg} at column {exc.colno})"
                ) from None
            numbered = None  # JSON Lines under a .json name
        else:
            items = _json_items(path, document)
            numbered = ((i + 1, item) for i, item in enumerate(items))
            label = "item"
    if numbered is None:
        numbered = _json_lines(path, text, problems)
    for number, item in numbered:
        where = f"{path}:{number}" if label == "line" else f"{path}[{number}]"
        if not isinstance(item, dict):
            problems.skip(where, f"{label} is a JSON {type(item).__name__}, not an object (record)")
            continue
        record = _canonical(item)
        record.setdefault("article_id", f"{path.stem}-{number}")
        record["_where"] = where
        yield record


def _json_items(path: Path, document: Any) -> list[Any]:
    if isinstance(document, list):
        return document
    if isinstance(document, dict):
        for key in JSON_LIST_KEYS:
            if isinstance(document.get(key), list):
                return document[key]
        return [document]
    raise CorpusError(f"{path}: JSON holds a {type(document).__name__}, not article records")


def _first_line_is_json(text: str) -> bool:
    line = next((l for l in text.split("\n") if l.strip()), "")
    try:
        json.loads(line)
    except json.JSONDecodeError:
        return False
    return True


def _json_lines(path: Path, text: str, problems) -> Iterator[tuple[int, Any]]:
    # split on "\n" only: str.splitlines() would also break at U+2028 and
    # friends, which JSON allows raw inside strings.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line)
        except json.JSONDecodeError as exc:
            problems.skip(f"{path}:{number}", f"invalid JSON ({exc.msg} at column {exc.colno})")


# --- CSV -------------------------------------------------------------------

def _csv_table(path: Path, problems) -> tuple[list[str], Iterator[tuple[int, list[str] | str]]]:
    """Return the lower-cased header and an iterator of ``(line, row or error)``."""
    text = read_text(path, problems)
    # strict: a stray quote or a quoted field never closed is an error we
    # report, not a row silently merged with the ones after it.
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        raise CorpusError(f"{path}: empty CSV file (no header row)") from None
    except csv.Error as exc:
        raise CorpusError(f"{path}:1: unreadable CSV header ({exc})") from None

    def rows() -> Iterator[tuple[int, list[str] | str]]:
        while True:
            first = reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                last = reader.line_num
                if str(exc) == "unexpected end of data":
                    yield first, (f"a quoted field opened on line {first} is never closed; "
                                  f"lines {first}-{last} skipped")
                else:
                    yield first, f"malformed CSV row ({exc})"
                continue
            yield first, row

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


def _checked_rows(path: Path, header: list[str], rows, problems) -> Iterator[tuple[int, dict[str, str]]]:
    for line_no, row in rows:
        if isinstance(row, str):
            problems.skip(f"{path}:{line_no}", row)
            continue
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            problems.skip(f"{path}:{line_no}",
                          f"malformed CSV row: {len(row)} fields where the header has {len(header)}")
            continue
        yield line_no, dict(zip(header, row))


def read_manifest(path: Path, problems) -> list[tuple[int, dict[str, str]]]:
    """Return ``(line number, metadata)`` for each usable manifest row."""
    header, rows = _csv_table(path, problems)
    file_col = next((c for c in MANIFEST_FILE_COLUMNS if c in header), None)
    if file_col is None:
        raise CorpusError(
            f"{path}: manifest has no 'file' column (columns: {', '.join(header) or 'none'})"
        )
    out = []
    for line_no, meta in _checked_rows(path, header, rows, problems):
        meta = {k: v.strip() for k, v in meta.items()}
        meta["file"] = meta.pop(file_col)
        out.append((line_no, meta))
    return out


def read_csv_records(path: Path, problems) -> Iterator[dict[str, Any]]:
    """Yield canonical records from a CSV file of articles."""
    header, rows = _csv_table(path, problems)
    if not any(c in header for c in FIELD_ALIASES["body"]):
        raise CorpusError(
            f"{path}: CSV has no article text column (one of: {', '.join(FIELD_ALIASES['body'])})"
        )
    for line_no, raw in _checked_rows(path, header, rows, problems):
        record = _canonical(raw)
        record.setdefault("article_id", f"{path.stem}-{line_no}")
        record["_where"] = f"{path}:{line_no}"
        yield record
