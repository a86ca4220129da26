"""Extract a corpus chunk by chunk into a folder of Parquet tables.

Memory stays flat as the corpus grows: :func:`iter_corpus` loads N articles
at a time, the per-article steps run on that chunk (here or on a Dask
cluster), each table's rows are appended to its Parquet file, and the chunk
is dropped.  Only the corpus-level steps (text reuse) need every article at
once; they run at the end on the ``article_id``/``body`` columns read back
from ``articles.parquet``.

Loading reuses :mod:`analysis.corpus.load` rather than duplicating it.  The one
refactor it needed there (made in the same commit as this module's first
version): ``_from_folder`` and ``_from_manifest`` became thin ``list()``
wrappers around the generators ``_iter_folder`` / ``_iter_manifest``, which
yield one article row at a time.  Rows are turned into DataFrames with
``analysis.corpus.load._assemble``, so a chunk has exactly the columns and dtypes
of :func:`analysis.load_corpus`; duplicate ids are renamed across chunks with
the same ``id~2`` rule ``_assemble`` applies within one load.

Examples
--------
>>> from analysis.scale.streaming import extract_to_parquet
>>> summary = extract_to_parquet("../shared/bench/bbc", "out", chunk_size=500)  # doctest: +SKIP
>>> import analysis
>>> tables = analysis.load_tables("out")                                        # doctest: +SKIP
"""

from __future__ import annotations

import itertools
import os
import shutil
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import pandas as pd

from analysis.corpus import load as corpus_load
from analysis.corpus import records as record_reader
from analysis.scale import tables as table_files
from analysis.errors import CorpusError, CorpusWarning, ParameterError
from analysis.scale.pipeline import prepare_options, resolve_steps, run_chunk, run_corpus_steps

DEFAULT_CHUNK_SIZE = 1000


def iter_corpus(path: str | os.PathLike[str], chunk_size: int = DEFAULT_CHUNK_SIZE,
                strict: bool = False, *, boilerplate_rules=None,
                max_bytes: int = corpus_load.DEFAULT_MAX_BYTES) -> Iterator[pd.DataFrame]:
    """Load a corpus lazily, ``chunk_size`` articles at a time.

    Parameters
    ----------
    path : str or path-like
        Anything :func:`analysis.load_corpus` accepts: a folder (with or
        without ``manifest.csv``), a manifest, JSONL/JSON/CSV records, or a
        folder of Parquet tables (its ``articles.parquet`` is read in batches).
    chunk_size : int, default 1000
        Articles per chunk.
    strict, boilerplate_rules, max_bytes
        As for :func:`analysis.load_corpus`.

    Yields
    ------
    pandas.DataFrame
        Chunks with the columns and dtypes of :func:`analysis.load_corpus`;
        concatenated, they equal ``load_corpus(path)`` row for row.
        ``attrs["skipped"]`` / ``attrs["notes"]`` of each chunk list the
        problems met while loading it.

    Raises
    ------
    CorpusError
        As :func:`analysis.load_corpus`: missing path, no usable articles, or
        (``strict``) any unusable file.
    ParameterError
        ``chunk_size`` is not a positive integer.

    Examples
    --------
    >>> for chunk in iter_corpus("../shared/bench/bbc", chunk_size=500):  # doctest: +SKIP
    ...     print(len(chunk))
    """
    if not isinstance(chunk_size, int) or chunk_size < 1:
        raise ParameterError(f"chunk_size must be a positive number of articles, not {chunk_size!r}")
    source = Path(path)
    if not source.exists():
        raise CorpusError(f"{source}: no such file or folder")
    if table_files.is_table_folder(source):
        yield from _iter_parquet_articles(source, chunk_size)
        return
    rules = corpus_load.resolve_rules(source, boilerplate_rules)
    problems = corpus_load._Problems(strict)
    rows = _iter_rows(source, problems, rules, max_bytes)
    ids = _IdRegistry()
    batch: list[dict[str, Any]] = []
    reported = (0, 0)
    n_yielded = 0

    def emit() -> pd.DataFrame:
        nonlocal reported
        ids.rename(batch, problems)
        frame = corpus_load._assemble(batch, problems)
        frame.attrs["skipped"] = problems.skipped[reported[0]:]
        frame.attrs["notes"] = problems.notes[reported[1]:]
        frame.attrs["source"] = str(source.resolve())
        reported = (len(problems.skipped), len(problems.notes))
        return frame

    for row in rows:
        if row is None:
            continue
        batch.append(row)
        if len(batch) == chunk_size:
            yield emit()
            n_yielded += len(batch)
            batch = []
    if batch:
        yield emit()
        n_yielded += len(batch)
    problems.summarise()
    if not n_yielded:
        detail = f" ({len(problems.skipped)} skipped)" if problems.skipped else ""
        raise CorpusError(f"{source}: no usable articles found{detail}")


def _iter_rows(source: Path, problems, rules, max_bytes) -> Iterable[dict[str, Any] | None]:
    """The article rows of any corpus form, one at a time (mirrors load_corpus)."""
    if source.is_dir():
        manifest = source / "manifest.csv"
        if manifest.is_file():
            return corpus_load._iter_manifest(manifest, problems, rules, max_bytes)
        return corpus_load._iter_folder(source, problems, rules, max_bytes)
    suffix = source.suffix.lower()
    if suffix in (".jsonl", ".ndjson", ".json"):
        return (corpus_load._finish_record(r, problems, rules)
                for r in record_reader.read_json_records(source, problems, max_bytes))
    if suffix == ".csv":
        if record_reader.looks_like_manifest(source):
            return corpus_load._iter_manifest(source, problems, rules, max_bytes)
        return (corpus_load._finish_record(r, problems, rules)
                for r in record_reader.read_csv_records(source, problems, max_bytes))
    if suffix in corpus_load.ARTICLE_SUFFIXES:
        return iter([corpus_load._from_text_file(source, source.stem, {}, problems, rules, max_bytes)])
    raise CorpusError(f"{source}: unsupported corpus file type {suffix or '(none)'}; "
                      "give a folder, manifest.csv, .jsonl, .json, .csv, .txt, .md or .html")


class _IdRegistry:
    """The duplicate-id rule of ``analysis.corpus.load._assemble``, across chunks.

    The first article keeps its id; later ones become ``id~2``, ``id~3``,
    ..., passing over ids already taken.  ``load_corpus`` sees every id up
    front; a stream sees the ids so far, so only an id spelt like a rename
    (``x~2``) that comes *after* the duplicate ``x`` can end up differently.
    """

    def __init__(self) -> None:
        self.seen: dict[str, int] = {}
        self.taken: set[str] = set()

    def rename(self, rows: list[dict[str, Any]], problems) -> None:
        self.taken.update(str(row["article_id"]) for row in rows)
        for row in rows:
            aid = str(row["article_id"])
            if aid not in self.seen:
                self.seen[aid] = 1
                continue
            if problems.strict:
                raise CorpusError(f"{row['path']}: duplicate article_id {aid!r}")
            n = self.seen[aid]
            while f"{aid}~{n + 1}" in self.taken:
                n += 1
            new_id = f"{aid}~{n + 1}"
            self.seen[aid] = n + 1
            self.taken.add(new_id)
            problems.note(row["path"], f"duplicate article_id {aid!r} renamed to {new_id!r}")
            row["article_id"] = new_id


def _iter_parquet_articles(folder: Path, chunk_size: int) -> Iterator[pd.DataFrame]:
    import pyarrow.parquet as pq

    target = folder / table_files.ARTICLES_FILE
    table_files.check_complete(folder)
    try:
        handle = pq.ParquetFile(target)
    except (OSError, ValueError) as exc:
        raise CorpusError(f"{target}: cannot be read as Parquet ({exc})") from None
    with handle:
        for batch in handle.iter_batches(batch_size=chunk_size):
            frame = batch.to_pandas()
            frame.attrs.update(skipped=[], notes=[], source=str(folder.resolve()))
            yield frame


def extract_to_parquet(
    corpus: str | os.PathLike[str] | Iterable[pd.DataFrame],
    out: str | os.PathLike[str],
    steps: Iterable[str] | str | None = None,
    *,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    engine: str = "pandas",
    codebook: Any = None,
    strict: bool = False,
    client: Any = None,
    scheduler: str | None = None,
    n_workers: int | None = None,
    progress: Callable[[dict[str, Any]], None] | None = None,
) -> dict[str, Any]:
    """Run the pipeline chunk by chunk and write every table to Parquet.

    Parameters
    ----------
    corpus : str, path-like or iterable of pandas.DataFrame
        A corpus path (read with :func:`iter_corpus`) or an iterable of
        article chunks (e.g. generated in memory); article ids must be
        unique across chunks.
    out : str or path-like
        Output folder (layout in :mod:`analysis.scale.tables`).  The run is written
        into a temporary folder beside it and published by renaming when
        complete, so ``out`` always holds one whole run: the previous one
        until this one has finished, never a mixture.  An existing ``out``
        must be an earlier extraction or empty.
    steps : iterable of str or str, optional
        As for :func:`analysis.run_pipeline` (default: every step).
    chunk_size : int, default 1000
        Articles per chunk; memory grows with this, not with the corpus.
    engine : {"pandas", "dask"}, default "pandas"
        Where the per-article steps run; with ``"dask"`` up to two chunks
        per worker thread are in flight at once.
    codebook : optional
        Passed to :func:`analysis.tag_claims`; default: the corpus's own
        ``codebook.yaml`` (:func:`analysis.claims.codebook.find_codebook`), else
        none (the claims table is then empty).
    strict : bool, default False
        As for :func:`analysis.load_corpus`.
    client, scheduler, n_workers
        The Dask cluster (see :func:`analysis.run_pipeline`).
    progress : callable, optional
        Called after each chunk with a dict (``chunks``, ``articles``,
        ``seconds``).

    Returns
    -------
    dict
        The run record also written to ``out/_run.json``: ``source``,
        ``steps``, ``chunk_size``, ``engine``, ``articles``, ``chunks``,
        ``tables`` (rows per table), ``seconds``, ``skipped``, ``notes``,
        ``codebook`` (the file the claims step used, or None).

    Examples
    --------
    >>> extract_to_parquet("seeds", "out", steps="sentences,quantities")  # doctest: +SKIP
    """
    chosen = resolve_steps(steps)
    article_steps = [s.name for s in chosen if s.per_article]
    if codebook is None and isinstance(corpus, (str, os.PathLike)):
        from analysis.claims.codebook import find_codebook

        codebook = find_codebook(corpus)  # the corpus's own codebook.yaml, if it has one
    options = prepare_options(chosen, codebook)
    if engine not in ("pandas", "dask"):
        raise ParameterError(f"unknown engine {engine!r}; choose from pandas, dask")
    folder = Path(out)
    if folder.exists() and not folder.is_dir():
        raise ParameterError(f"{folder}: --out must be a folder, not a file")
    if isinstance(corpus, (str, os.PathLike)):
        source = str(Path(corpus).resolve())
        if Path(corpus).resolve() == folder.resolve():
            raise ParameterError(f"{folder}: the output folder cannot be the corpus itself")
        chunks: Iterable[pd.DataFrame] = iter_corpus(corpus, chunk_size, strict)
    else:
        source = "<in-memory chunks>"
        chunks = corpus
    # Read the first chunk before touching the output, so a bad corpus
    # (missing, empty, unreadable) leaves an earlier extraction intact.
    chunks = iter(chunks)
    first = next(chunks, None)
    if first is None:
        raise CorpusError(f"{source}: no articles to extract")
    chunks = itertools.chain([first], chunks)
    target = folder
    _check_replaceable(target)
    folder = _publish.start(target)
    try:
        info = _extract_into(folder, chunks, chosen, article_steps, options, engine, client, scheduler,
                             n_workers, progress, source, chunk_size)
        info["source"] = source
        table_files.write_run_info(folder, info)
        _publish.finish(folder, target)
    except BaseException:
        _publish.discard(folder)
        raise
    return info


def _check_replaceable(target: Path) -> None:
    """Refuse to replace a folder that is not an earlier extraction (or empty)."""
    if not target.is_dir():
        return
    foreign = [p.name for p in target.iterdir()
               if not (p.suffix in (".parquet", ".partial") or p.name in (table_files.RUN_FILE, table_files.RUN_FILE + ".tmp"))]
    if foreign:
        shown = ", ".join(sorted(foreign)[:3])
        raise ParameterError(f"{target}: --out holds other files ({shown}); extract replaces the whole "
                             "folder, so give a new or empty folder, or an earlier extract's output")


def _extract_into(folder: Path, chunks, chosen, article_steps, options, engine, client, scheduler,
                  n_workers, progress, source, chunk_size) -> dict[str, Any]:
    # Tables that carry sentence text reference sentences.parquet instead,
    # so the sentences table is always written with them.
    if any(n in table_files.SENTENCE_TEXT_TABLES for n in article_steps) and "sentences" not in article_steps:
        article_steps = ["sentences", *article_steps]
    stored_sentences: dict[str, list[str]] = {}
    writers = {name: table_files.TableWriter(folder / f"{name}.parquet", name)
               for name in ["articles", *article_steps]}
    skipped: list[dict[str, str]] = []
    notes: list[dict[str, str]] = []
    started = time.perf_counter()
    n_articles = n_chunks = 0
    try:
        columns: list[str] | None = None
        seen_ids: set[str] = set()
        for articles, result in _map_chunks(chunks, article_steps, options, engine,
                                            client, scheduler, n_workers):
            ids = articles["article_id"].astype(str)
            repeated = [i for i in ids if i in seen_ids]
            if repeated or ids.duplicated().any():
                repeated = repeated or ids[ids.duplicated()].tolist()
                raise CorpusError(f"{source}: article_id must be unique across chunks; repeated: "
                                  f"{', '.join(repeated[:5])} (nothing was published)")
            seen_ids.update(ids)
            skipped.extend(articles.attrs.get("skipped", []))
            notes.extend(articles.attrs.get("notes", []))
            if columns is None:
                columns = list(articles.columns)
            writers["articles"].write(_align_columns(articles, columns, notes))
            for name in article_steps:
                table, order = table_files.without_sentence_text(name, result[name])
                if order is not None:
                    stored_sentences[name] = order
                writers[name].write(table)
            n_articles += len(articles)
            n_chunks += 1
            if progress is not None:
                progress({"chunks": n_chunks, "articles": n_articles,
                          "seconds": time.perf_counter() - started})
    except BaseException:
        for writer in writers.values():
            writer.abort()
        raise
    for writer in writers.values():
        writer.close()
    counts = {name: w.rows for name, w in writers.items()}

    corpus_steps = [s for s in chosen if not s.per_article]
    if corpus_steps:
        # Only what comparing articles needs is read back, not the whole table.
        wanted = {"article_id", "outlet", "published", "headline", "body", "wire", "url"}
        import pyarrow.parquet as pq

        names = [c for c in pq.read_schema(folder / table_files.ARTICLES_FILE).names if c in wanted]
        tables = {"articles": pd.read_parquet(folder / table_files.ARTICLES_FILE, columns=names)}
        for name in sorted({n for s in corpus_steps for n in (*s.needs, *s.uses)}):
            if name in writers:  # per-article tables this run wrote
                tables[name] = pd.read_parquet(folder / f"{name}.parquet")
                if name in stored_sentences:
                    sentences = pd.read_parquet(folder / "sentences.parquet",
                                                columns=[*table_files.SENTENCE_KEY, "text"])
                    tables[name] = table_files.join_sentence_text(tables[name], sentences,
                                                              stored_sentences[name])
                    del sentences
        run_corpus_steps(tables, corpus_steps, options)
        for step in corpus_steps:
            writer = table_files.TableWriter(folder / f"{step.name}.parquet", step.name)
            writer.write(tables[step.name])
            writer.close()
            counts[step.name] = writer.rows
        del tables

    return {
        "source": source,
        "steps": [s.name for s in chosen],
        "chunk_size": chunk_size,
        "engine": engine,
        "articles": n_articles,
        "chunks": n_chunks,
        "tables": counts,
        "seconds": round(time.perf_counter() - started, 3),
        "skipped": skipped,
        "notes": notes,
        "sentence_text": stored_sentences,
        # the codebook the claims step used (None: no codebook, claims table empty)
        "codebook": getattr(options.get("codebook"), "source", None),
        "complete": True,
    }


class _publish:
    """Write a run beside its target folder and swap it in by renaming."""

    @staticmethod
    def start(target: Path) -> Path:
        target.parent.mkdir(parents=True, exist_ok=True)
        # Debris of runs killed with SIGKILL or a power cut: the next run removes it.
        for old in target.parent.glob(f".{target.name}.tmp-*"):
            pid = old.name.rsplit("-", 2)[-2]
            if not (pid.isdigit() and _alive(int(pid))):
                shutil.rmtree(old, ignore_errors=True)
        return Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-{os.getpid()}-", dir=target.parent))

    @staticmethod
    def finish(folder: Path, target: Path) -> None:
        if target.exists():
            # Two renames: a reader between them finds no folder (an error),
            # never a mixture of the two runs.
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-{os.getpid()}-", dir=target.parent))
            os.rename(target, old / "run")
            os.rename(folder, target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.rename(folder, target)

    @staticmethod
    def discard(folder: Path) -> None:
        shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _align_columns(articles: pd.DataFrame, columns: list[str],
                   notes: list[dict[str, str]]) -> pd.DataFrame:
    """Give a chunk the first chunk's columns (a Parquet file has one schema).

    Record files (JSONL) may carry a field in some records only.  A column
    the first chunk lacked cannot be added to the file: it is reported
    (warning and ``_run.json`` note) and left out; a column this chunk lacks
    is left missing (null), as :func:`analysis.load_corpus` leaves it.
    """
    if list(articles.columns) == columns:
        return articles
    extra = [c for c in articles.columns if c not in columns]
    if extra:
        message = (f"field(s) {', '.join(extra)} first appear after the first chunk and are not "
                   f"in articles.parquet (use a larger --chunk-size or load_corpus to keep them)")
        if not any(n.get("note") == message for n in notes):
            warnings.warn(message, CorpusWarning, stacklevel=3)
            notes.append({"path": articles.attrs.get("source", ""), "note": message})
    return articles.reindex(columns=columns)  # missing fields are missing values (null)


def _map_chunks(chunks: Iterable[pd.DataFrame], steps: list[str], options: dict[str, Any],
                engine: str, client, scheduler, n_workers) -> Iterator[tuple[pd.DataFrame, dict]]:
    """``(articles, tables)`` for each chunk, in input order."""
    if engine == "dask":
        from analysis.scale.engine_dask import cluster_client, imap_chunks

        with cluster_client(client, scheduler, n_workers) as dask_client:
            yield from imap_chunks(chunks, steps, options, dask_client)
        return
    if client is not None or scheduler or n_workers:
        raise ParameterError("client, scheduler and n_workers apply to engine='dask' only")
    for articles in chunks:
        yield articles, run_chunk(articles, steps, options)
