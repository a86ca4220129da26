"""Read article records (JSONL, JSON, CSV) and manifests, row by row.

Scrapers name their fields differently; :data:`FIELD_ALIASES` maps the
common names onto the package's columns (first match wins).  A malformed
row is reported with its file and line number and skipped, never dropped
silently.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Any, Iterator

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

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


def _canonical(record: dict[str, Any]) -> dict[str, Any]:
    lowered = {str(k).strip().lower(): v for k, v in record.items()}
    out: dict[str, Any] = {}
    used: set[str] = set()
    for column, aliases in FIELD_ALIASES.items():
        for alias in aliases:
            if alias in lowered and lowered[alias] not in (None, ""):
                value = lowered[alias]
                if isinstance(value, list):  # news-please style lists of authors etc.
                    value = ", ".join(map(str, value))
                out[column] = value if column == "body" else str(value)
                used.add(alias)
                break
    for key, value in lowered.items():
        if key not in used and key not in out and not isinstance(value, (dict, list)):
            out[key] = value
    return out


def read_json_records(path: Path, problems) -> Iterator[dict[str, Any]]:
    """Yield canonical records from a JSON Lines file or a JSON array."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise CorpusError(f"{path}: cannot be read as UTF-8 JSON ({exc})") from None
    if path.suffix.lower() == ".json" and text.lstrip().startswith("["):
        try:
            items = json.loads(text)
        except json.JSONDecodeError as exc:
            raise CorpusError(f"{path}:{exc.lineno}: invalid JSON ({exc.msg})") from None
        numbered = ((i + 1, item) for i, item in enumerate(items))
        label = "item"
    else:
        numbered = _json_lines(path, text, problems)
        label = "line"
    for number, item in numbered:
        where = f"{path}:{number}" if label == "line" else f"{path}[{number}]"
        if not isinstance(item, dict):
            problems.skip(where, f"{label} is not a JSON object")
            continue
        record = _canonical(item)
        record.setdefault("article_id", f"{path.stem}-{number}")
        record["_where"] = where
        yield record


def _json_lines(path: Path, text: str, problems) -> Iterator[tuple[int, Any]]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line)
        except json.JSONDecodeError as exc:
            problems.skip(f"{path}:{number}", f"invalid JSON ({exc.msg})")


def _csv_rows(path: Path) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    try:
        handle = path.open(newline="", encoding="utf-8-sig")
    except OSError as exc:
        raise CorpusError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    reader = csv.reader(handle)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        handle.close()
        raise CorpusError(f"{path}: empty CSV file (no header row)") from None
    except (csv.Error, UnicodeDecodeError) as exc:
        handle.close()
        raise CorpusError(f"{path}:1: unreadable CSV header ({exc})") from None

    def rows() -> Iterator[tuple[int, list[str]]]:
        with handle:
            while True:
                try:
                    row = next(reader)
                except StopIteration:
                    return
                except (csv.Error, UnicodeDecodeError) as exc:
                    yield reader.line_num, ["__error__", str(exc)]
                    continue
                yield reader.line_num, row

    return header, rows()


def looks_like_manifest(path: Path) -> bool:
    """True when a CSV names article files (a manifest) rather than holding text."""
    header, rows = _csv_rows(path)
    rows.close()
    has_file = any(c in header for c in MANIFEST_FILE_COLUMNS)
    has_body = any(c in header for c in FIELD_ALIASES["body"])
    return has_file and not has_body


def _checked_rows(path: Path, header: list[str], rows, problems) -> Iterator[tuple[int, dict[str, str]]]:
    for line_no, row in rows:
        if row[:1] == ["__error__"]:
            problems.skip(f"{path}:{line_no}", f"malformed CSV row ({row[1]})")
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
    header, rows = _csv_rows(path)
    file_col = next((c for c in MANIFEST_FILE_COLUMNS if c in header), None)
    if file_col is None:
        rows.close()
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
    header, rows = _csv_rows(path)
    if not any(c in header for c in FIELD_ALIASES["body"]):
        rows.close()
        raise CorpusError(
            f"{path}: CSV has no article text column (one of: {', '.join(FIELD_ALIASES['body'])})"
        )
    for line_no, raw in _checked_rows(path, header, rows, problems):
        record = _canonical(raw)
        record.setdefault("article_id", f"{path.stem}-{line_no}")
        record["_where"] = f"{path}:{line_no}"
        yield record
