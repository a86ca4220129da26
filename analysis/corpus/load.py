"""Load a corpus of news articles into one tidy DataFrame.

Accepted inputs (see the README, "Load your own corpus"):

* a folder of ``.txt``/``.md`` files (first non-empty line = headline),
  optionally with a ``manifest.csv`` carrying metadata;
* a manifest CSV whose ``file`` column names article files relative to the
  manifest's folder;
* a JSON Lines (``.jsonl``/``.ndjson``), JSON array (``.json``) or CSV file
  of article records, as scrapers export them (column names in
  :data:`analysis.corpus.records.FIELD_ALIASES`).

Policy for bad input (every case is listed in ``docs/bad-input.md``):

* a file or record that cannot be used is skipped with a
  :class:`~analysis.errors.CorpusWarning` naming it and the problem, and is
  listed in ``articles.attrs["skipped"]``;
* a repair that keeps the text (an encoding fallback, stray NUL bytes, a
  renamed duplicate id, an unparseable date left unknown) is warned about
  and listed in ``articles.attrs["notes"]``;
* with ``strict=True`` every skip, and every duplicate id or unparseable
  date, raises :class:`~analysis.errors.CorpusError` instead;
* a problem with the input as a whole (missing path, no articles, a
  manifest without a ``file`` column, a broken JSON document) always raises.
"""

from __future__ import annotations

import os
import warnings
from collections import Counter
from pathlib import Path
from typing import Any, Iterable, Iterator

import pandas as pd

from analysis.corpus.article_text import parse_article_text
from analysis.corpus.boilerplate import DEFAULT_RULES, BoilerplateRule, corpus_rules, load_boilerplate_file
from analysis.corpus.decoding import decode_article_bytes
from analysis.errors import CorpusError, CorpusWarning
from analysis.corpus import records as record_reader
from analysis.text.safe_text import strip_bidi

#: Files larger than this are skipped (or raise with ``strict=True``).
DEFAULT_MAX_BYTES = 64 * 1024 * 1024
TEXT_SUFFIXES = (".txt", ".md")
#: Saved web pages, read with trafilatura (see :mod:`analysis.corpus.html_pages`).
HTML_SUFFIXES = (".html", ".htm")
#: Every file suffix a corpus folder is searched for (compared lower-cased: B.TXT, C.Md).
ARTICLE_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES

ARTICLE_COLUMNS = [
    "article_id", "outlet", "published", "published_basis", "headline", "body",
    "url", "language", "wire", "path", "encoding", "boilerplate", "repairs",
    "n_chars", "n_words",
]


#: Warnings shown one by one per load; the rest are counted in one summary
#: warning (every one is still listed in ``attrs["skipped"]``/``attrs["notes"]``),
#: so 50,000 empty files do not print 50,000 lines into every report.
MAX_WARNINGS = 20


class _Problems:
    """Collects skipped inputs; raises at once in strict mode."""

    def __init__(self, strict: bool) -> None:
        self.strict = strict
        self.skipped: list[dict[str, str]] = []
        self.notes: list[dict[str, str]] = []
        self.n_warned = 0
        self.n_unshown = 0

    def _warn(self, message: str) -> None:
        if self.n_warned < MAX_WARNINGS:
            self.n_warned += 1
            warnings.warn(message, CorpusWarning, stacklevel=5)
        else:
            self.n_unshown += 1

    def skip(self, where: str, problem: str) -> None:
        message = f"{where}: {problem}"
        if self.strict:
            raise CorpusError(message)
        self._warn(f"skipped {message}")
        self.skipped.append({"path": where, "reason": problem})

    def note(self, where: str, problem: str) -> None:
        """A repair that loses nothing (recorded, warned, never fatal)."""
        self._warn(f"{where}: {problem}")
        self.notes.append({"path": where, "note": problem})

    def summarise(self) -> None:
        """One warning for the problems not warned about one by one (call once, at the end)."""
        if self.n_unshown:
            warnings.warn(f"... and {self.n_unshown:,} more skipped file(s) or repair(s) not shown one "
                          "by one; every one is listed in attrs['skipped'] and attrs['notes'] "
                          f"({len(self.skipped):,} skipped, {len(self.notes):,} repaired in all)",
                          CorpusWarning, stacklevel=3)
            self.n_unshown = 0

    def flag(self, where: str, problem: str) -> None:
        """A data problem worked around: a note, or an error when strict."""
        if self.strict:
            raise CorpusError(f"{where}: {problem}")
        self.note(where, problem)


def load_corpus(
    path: str | os.PathLike[str],
    strict: bool = False,
    *,
    boilerplate_rules: Iterable[BoilerplateRule] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> pd.DataFrame:
    """Load news articles into a DataFrame, one row per article.

    Parameters
    ----------
    path : str or path-like
        A folder of article files (with or without ``manifest.csv``), a
        manifest CSV, or a JSONL/JSON/CSV file of article records.
    strict : bool, default False
        Raise :class:`CorpusError` on the first unusable file or record,
        duplicate article id or unparseable date, instead of skipping or
        working around it with a warning.
    boilerplate_rules : iterable of BoilerplateRule, or path, optional
        Extra page-chrome rules (or a YAML rule file, format in
        :mod:`analysis.corpus.boilerplate`), applied after the defaults in
        :data:`analysis.corpus.boilerplate.DEFAULT_RULES` and the corpus folder's
        own ``boilerplate.yaml`` when it has one.
    max_bytes : int, default 64 MiB
        Larger article files are skipped (or raise when ``strict``).

    Returns
    -------
    pandas.DataFrame
        Columns ``article_id`` (unique str), ``outlet``, ``published``
        (datetime64, NaT when unknown), ``published_basis`` (where the date
        came from), ``headline``, ``body``, ``url``, ``language``, ``wire``,
        ``path``, ``encoding``, ``boilerplate`` (removed chrome lines,
        newline-separated, each prefixed with its rule name), ``repairs``,
        ``n_chars``, ``n_words``, plus any extra manifest/record columns.
        ``attrs["skipped"]`` lists what was skipped and why (dicts with
        ``path`` and ``reason``), ``attrs["notes"]`` the repairs made (dicts
        with ``path`` and ``note``); ``attrs["source"]`` is the resolved
        input path; ``attrs["codebook"]`` is the corpus's own
        ``codebook.yaml`` (at the folder's root or beside the manifest /
        records file) when it has one, which :func:`analysis.tag_claims`
        and the reports then use.

    Raises
    ------
    CorpusError
        The path does not exist, holds no articles, a manifest lacks its
        ``file`` column, a JSON document or CSV header is broken, or
        (``strict=True``) any file or record is unusable.

    Examples
    --------
    >>> articles = load_corpus("seeds")                  # doctest: +SKIP
    >>> articles[["article_id", "outlet", "published"]]  # doctest: +SKIP
    """
    source = Path(path)
    problems = _Problems(strict)
    if not source.exists():
        raise CorpusError(f"{source}: no such file or folder")
    if (source / "articles.parquet").is_file():  # a folder of tables from `analysis extract`
        from analysis.scale import tables

        return tables.read_articles(source)
    rules = resolve_rules(source, boilerplate_rules)
    if source.is_dir():
        manifest = source / "manifest.csv"
        if manifest.is_file():
            rows = _from_manifest(manifest, problems, rules, max_bytes)
        else:
            rows = _from_folder(source, problems, rules, max_bytes)
    else:
        suffix = source.suffix.lower()
        if suffix in (".jsonl", ".ndjson", ".json"):
            rows = [_finish_record(r, problems, rules)
                    for r in record_reader.read_json_records(source, problems, max_bytes)]
        elif suffix == ".csv":
            if record_reader.looks_like_manifest(source):
                rows = _from_manifest(source, problems, rules, max_bytes)
            else:
                rows = [_finish_record(r, problems, rules)
                        for r in record_reader.read_csv_records(source, problems, max_bytes)]
        elif suffix in ARTICLE_SUFFIXES:
            rows = [_from_text_file(source, source.stem, {}, problems, rules, max_bytes)]
        else:
            raise CorpusError(
                f"{display_path(source)}: unsupported corpus file type {suffix or '(none)'}; "
                "give a folder, manifest.csv, .jsonl, .json, .csv, .txt, .md or .html"
            )
        rows = [r for r in rows if r is not None]
    if not rows:
        problems.summarise()
        detail = f" ({len(problems.skipped)} skipped)" if problems.skipped else ""
        raise CorpusError(f"{source}: no usable articles found{detail}")
    frame = _assemble(rows, problems)
    problems.summarise()
    frame.attrs["skipped"] = problems.skipped
    frame.attrs["notes"] = problems.notes
    frame.attrs["source"] = str(source.resolve())
    # the corpus's own codebook travels with it: tag_claims(articles) and
    # the reports find it here (analysis.claims.codebook.find_codebook)
    from analysis.claims.codebook import find_codebook

    codebook = find_codebook(source)
    if codebook is not None:
        frame.attrs["codebook"] = str(codebook)
    return frame


def resolve_rules(source: Path, extra=None) -> tuple[BoilerplateRule, ...]:
    """Default chrome rules + the corpus's own ``boilerplate.yaml`` + ``extra``.

    Parameters
    ----------
    source : Path
        The corpus path (a folder, or a file whose folder is the corpus root).
    extra : iterable of BoilerplateRule, or path of a rule file, optional

    Returns
    -------
    tuple of BoilerplateRule
    """
    if isinstance(extra, (str, os.PathLike)):
        extra = load_boilerplate_file(extra)
    return tuple(DEFAULT_RULES) + corpus_rules(source) + tuple(extra or ())


def display_path(p: str | os.PathLike[str]) -> str:
    """A file name safe to print and store: undecodable bytes shown as ``\\xNN``.

    File names that are not valid UTF-8 reach Python as surrogate escapes,
    which cannot be written to a terminal, a log or a Parquet column.
    """
    text = os.fspath(p)
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


# --- folders and manifests -------------------------------------------------

def _from_folder(root: Path, problems: _Problems, rules, max_bytes) -> list[dict[str, Any]]:
    return list(_iter_folder(root, problems, rules, max_bytes))


def _article_files(root: Path) -> list[Path]:
    """Article files under ``root``, skipping hidden files and folders."""
    return sorted(
        p for p in root.rglob("*")
        if p.suffix.lower() in ARTICLE_SUFFIXES
        and not any(part.startswith(".") for part in p.relative_to(root).parts)
    )


def _iter_folder(root: Path, problems: _Problems, rules, max_bytes) -> Iterator[dict[str, Any]]:
    # A generator so that analysis.scale.streaming can load a corpus chunk by chunk.
    files = _article_files(root)
    real_root = root.resolve()
    # Folders reached through symbolic links are not walked (rglob does not
    # follow them); say so, so their files are not silently missing.
    for link in sorted(p for p in root.rglob("*") if p.is_symlink() and p.is_dir()):
        if _inside(link, real_root):
            problems.note(str(link), "symbolic link to a folder in the corpus; not followed")
        else:
            problems.skip(str(link), "symbolic link points outside the corpus folder")
    if not files:
        raise CorpusError(f"{display_path(root)}: folder holds no article files "
                          "(*.txt, *.md, *.html) and no manifest.csv")
    # a Counter, not a pandas Series: stems of undecodable file names hold
    # surrogates that Arrow-backed strings cannot take
    clash = {stem for stem, n in Counter(p.stem for p in files).items() if n > 1}
    for p in files:
        rel = p.relative_to(root)
        if not _inside(p, real_root):
            problems.skip(str(p), "symbolic link points outside the corpus folder")
            continue
        if p.is_dir():
            continue
        # File stems are the ids; files of one name in two subfolders keep
        # their relative path so neither is lost.
        article_id = display_path(rel.with_suffix("").as_posix() if p.stem in clash else p.stem)
        row = _from_text_file(p, article_id, {}, problems, rules, max_bytes)
        if row is not None:
            yield row


def _inside(p: Path, real_root: Path) -> bool:
    try:
        return p.resolve().is_relative_to(real_root)
    except (OSError, RuntimeError):  # symlink loops
        return False


def _from_manifest(manifest: Path, problems: _Problems, rules, max_bytes) -> list[dict[str, Any]]:
    return list(_iter_manifest(manifest, problems, rules, max_bytes))


def _iter_manifest(manifest: Path, problems: _Problems, rules, max_bytes) -> Iterator[dict[str, Any]]:
    entries = record_reader.read_manifest(manifest, problems)
    root = manifest.parent
    real_root = root.resolve()
    named: set[str] = set()
    for line_no, meta in entries:
        where = f"{manifest}:{line_no}"
        # Manifests written on Windows separate folders with backslashes.
        name = meta.pop("file", "").strip().replace("\\", "/")
        if name:
            named.add(os.path.normpath(root / name))
        if not name:
            problems.skip(where, "empty 'file' value")
            continue
        candidate = Path(name)
        if candidate.is_absolute() or ".." in candidate.parts:
            problems.skip(where, f"file path {name!r} escapes the corpus folder")
            continue
        target = root / candidate
        if not _inside(target, real_root):
            problems.skip(where, f"file {name!r} resolves outside the corpus folder")
            continue
        if not target.is_file():
            problems.skip(where, f"file {name!r} does not exist")
            continue
        article_id = meta.get("article_id") or candidate.stem
        meta["article_id"] = article_id
        row = _from_text_file(target, article_id, meta, problems, rules, max_bytes, where=where)
        if row is not None:
            yield row
    # Files beside the manifest that it does not name are not loaded; say so,
    # once, so a forgotten manifest row is not a silently missing article.
    unlisted = [p for p in _article_files(root) if os.path.normpath(p) not in named]
    if unlisted:
        shown = ", ".join(p.relative_to(root).as_posix() for p in unlisted[:5])
        more = f" and {len(unlisted) - 5} more" if len(unlisted) > 5 else ""
        problems.note(str(manifest), f"{len(unlisted)} article file(s) in the folder are not listed "
                                     f"in the manifest and were not loaded: {shown}{more}")


def _from_text_file(p: Path, article_id: str, meta: dict[str, Any], problems: _Problems,
                    rules, max_bytes: int, where: str | None = None) -> dict[str, Any] | None:
    label = display_path(p)
    if label != str(p):
        problems.note(label, "file name is not valid UTF-8; undecodable bytes shown as \\xNN "
                             "in article_id and path")
    try:
        size = p.stat().st_size
        if size > max_bytes:
            problems.skip(label, f"file is {size:,} bytes, over the {max_bytes:,}-byte limit "
                                 "(raise max_bytes to load it)")
            return None
        data = p.read_bytes()
    except OSError as exc:
        problems.skip(label, f"cannot be read ({exc.strerror or exc})")
        return None
    try:
        decoded = decode_article_bytes(data, label)
    except CorpusError as exc:
        problems.skip(label, str(exc).split(": ", 1)[-1])
        return None
    if not decoded.text.strip():
        problems.skip(label, "empty or whitespace-only file")
        return None
    for repair in decoded.repairs:
        if not repair.startswith("normalised"):
            problems.note(label, repair)
    text, n_bidi = strip_bidi(decoded.text)
    if n_bidi:
        decoded.repairs.append(f"removed {n_bidi} bidirectional control character(s)")
        problems.note(label, decoded.repairs[-1])
    page = None
    if p.suffix.lower() in HTML_SUFFIXES:
        from analysis.corpus.html_pages import read_page

        page = read_page(text, label)
        text = page.text
        meta = {**page.metadata(), **{k: v for k, v in meta.items() if str(v).strip()}}
        if not text.strip():
            problems.skip(label, "no article text found in the page")
            return None
    parsed = parse_article_text(text, rules, headline=(page.headline if page else None))
    for note in parsed.notes:
        problems.note(label, note)
    if parsed.headline_derived:
        decoded.repairs.append("headline derived from the first sentence")
    if not parsed.body:
        problems.note(label, "no body text after the headline; kept with an empty body")
    row = dict(meta)
    row.update(
        article_id=str(article_id),
        headline=meta.get("headline") or parsed.headline,
        body=parsed.body,
        path=label,
        encoding=decoded.encoding,
        repairs="; ".join(decoded.repairs),
        boilerplate="\n".join(f"[{name}] {line}" for name, line in
                              [*(page.removed if page else []), *parsed.removed]),
    )
    _fill_published(row, parsed, problems, where or label)
    return row


def _finish_record(record: dict[str, Any], problems: _Problems, rules) -> dict[str, Any] | None:
    where = record.pop("_where")
    text = record.pop("body", None)
    if text is None or not str(text).strip():
        problems.skip(where, "record has no article text (body/text/content field)")
        return None
    encoding = record.pop("_encoding", "utf-8")
    repairs = [f"invalid UTF-8; decoded as {encoding}"] if encoding in ("cp1252", "latin-1") else []
    text, n_bidi = strip_bidi(str(text).replace("\r\n", "\n").replace("\r", "\n"))
    headline, n_bidi_h = strip_bidi(str(record.get("headline") or ""))
    if n_bidi + n_bidi_h:
        repairs.append(f"removed {n_bidi + n_bidi_h} bidirectional control character(s)")
        problems.note(where, repairs[-1])
    # A record's text is all body: a missing headline is derived, never
    # taken out of the body (a one-line record would otherwise lose it).
    parsed = parse_article_text(text, rules, headline=headline)
    if parsed.headline_derived:
        repairs.append("headline derived from the first sentence")
    row = dict(record)
    row.update(headline=parsed.headline, body=parsed.body, path=where, encoding=encoding,
               repairs="; ".join(repairs),
               boilerplate="\n".join(f"[{n}] {line}" for n, line in parsed.removed))
    _fill_published(row, parsed, problems, where)
    return row


def _fill_published(row: dict[str, Any], parsed, problems: _Problems, where: str) -> None:
    raw = row.get("published")
    value = pd.NaT
    basis = str(row.get("published_basis") or "")
    if raw is not None and str(raw).strip():
        value, why = _parse_timestamp(str(raw).strip())
        if value is pd.NaT:
            problems.flag(where, f"{why} published date {str(raw)[:40]!r}; left unknown")
            basis = f"{why} manifest value {str(raw)[:40]!r}"
        elif not basis:
            basis = "given in the manifest/record"
    if value is pd.NaT and parsed.byline_date is not None:
        value = parsed.byline_date
        basis = f"stated in the text: {parsed.byline_evidence!r}"
    row["published"] = value
    row["published_basis"] = basis


def _parse_timestamp(raw: str) -> tuple[Any, str]:
    """Return ``(timestamp or NaT, why it is NaT)``; aware times become naive UTC."""
    try:
        if raw.isdigit() and len(raw) in (10, 13):
            # Unix epoch seconds / milliseconds, as JSON exports give them.
            ts = pd.Timestamp(int(raw), unit="s" if len(raw) == 10 else "ms")
        else:
            ts = pd.Timestamp(raw)
    except (ValueError, TypeError, OverflowError):
        return pd.NaT, "unparseable"
    if ts is pd.NaT:
        return pd.NaT, "unparseable"
    if ts.tzinfo is not None:
        ts = ts.tz_convert("UTC").tz_localize(None)
    try:
        ts = ts.as_unit("ns")  # the column is datetime64[ns]: years 1678-2261
    except (ValueError, OverflowError):
        return pd.NaT, "out-of-range (before 1678 or after 2261)"
    return ts, ""


# --- assembly --------------------------------------------------------------

def _assemble(rows: list[dict[str, Any]], problems: _Problems) -> pd.DataFrame:
    taken = {str(row["article_id"]) for row in rows}
    seen: dict[str, int] = {}
    for row in rows:
        aid = str(row["article_id"])
        if aid in seen:
            if problems.strict:
                raise CorpusError(f"{row['path']}: duplicate article_id {aid!r}")
            # the first keeps its id; later ones get id~2, id~3, ..., passing
            # over any such id another article already has
            n = seen[aid]
            while f"{aid}~{n + 1}" in taken:
                n += 1
            new_id = f"{aid}~{n + 1}"
            seen[aid] = n + 1
            taken.add(new_id)
            problems.note(row["path"], f"duplicate article_id {aid!r} renamed to {new_id!r}")
            row["article_id"] = new_id
        else:
            seen[aid] = 1
    frame = pd.DataFrame(rows)
    for col in ARTICLE_COLUMNS:
        if col not in frame.columns:
            frame[col] = ""
    text_cols = ["article_id", "outlet", "published_basis", "headline", "body", "url",
                 "language", "wire", "path", "encoding", "boilerplate", "repairs"]
    for col in text_cols:
        frame[col] = frame[col].fillna("").astype(str)
    # Invisible bidi controls in metadata would reverse what follows them in
    # every label drawn from it (bodies were cleaned, with a note, above).
    for col in ("article_id", "outlet", "headline", "wire", "url", "language"):
        frame[col] = frame[col].map(lambda v: strip_bidi(v)[0])
    frame["published"] = pd.to_datetime(frame["published"], errors="coerce").astype("datetime64[ns]")
    frame["n_chars"] = frame["body"].str.len().astype("int64")
    frame["n_words"] = frame["body"].map(lambda b: len(b.split())).astype("int64")
    extra = [c for c in frame.columns if c not in ARTICLE_COLUMNS]
    return frame[ARTICLE_COLUMNS + extra].reset_index(drop=True)
