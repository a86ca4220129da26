"""A folder of Parquet tables: the on-disk form of the pipeline's output.

Layout (written by :func:`analysis.scale.streaming.extract_to_parquet` and
``python -m analysis extract CORPUS --out DIR``)::

    DIR/
      articles.parquet      one row per article (the load_corpus columns)
      sentences.parquet     one file per table, one row group per chunk
      quantities.parquet
      dates.parquet
      attributions.parquet
      claims.parquet
      readability.parquet
      reuse.parquet         corpus-level steps, written after the chunks
      _run.json             the run marker: source, steps, chunk size, counts,
                            skipped files, "complete": true

Each table is a single Parquet file so that any tool reads it directly
(``pandas.read_parquet("DIR/quantities.parquet")``, DuckDB, Spark, ...).
:func:`load_tables` reads the folder back as the same dict of DataFrames that
:func:`analysis.run_pipeline` returns, and :func:`analysis.load_corpus`
accepts the folder as a corpus (it reads ``articles.parquet``).

**Sentences are stored once.**  In memory, ``quantities``, ``attributions``
and ``claims`` carry the text of each row's sentence (``sentence``); on disk
that column is left out and the text is kept once in ``sentences.parquet``
(``text``), referenced by ``(article_id, sentence_id)``.  A sentence with a
thousand figures would otherwise be stored (and, in Arrow, copied) a
thousand times.  :func:`load_tables` joins the text back; other tools join
``sentences.parquet`` themselves.

**Complete runs only.**  ``extract`` writes into a temporary folder and
publishes it by renaming, so the folder is either the previous complete run
or the new one.  Readers (:func:`load_tables`, :func:`read_articles`, and so
``load_corpus``) refuse a folder whose ``_run.json`` is missing or not marked
complete, naming the folder, instead of returning stale or mixed tables.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Iterable

import pandas as pd

from analysis.errors import CorpusError

ARTICLES_FILE = "articles.parquet"
RUN_FILE = "_run.json"
SENTENCES_TABLE = "sentences"
#: Tables whose ``sentence`` column is stored as a reference into ``sentences.parquet``.
SENTENCE_TEXT_TABLES = ("quantities", "attributions", "claims")
SENTENCE_KEY = ["article_id", "sentence_id"]


class TableWriter:
    """Append chunks of one table to a single Parquet file.

    The schema is fixed by the first non-empty chunk; later chunks are cast
    to it, so a column that happens to be all-missing in one chunk (which
    pandas would type as ``object``/null) does not break the file.  A column
    that is all-missing in the *first* chunk is stored as text.

    Parameters
    ----------
    path : path-like
        The ``.parquet`` file to write (replaced if it exists).
    name : str
        Table name, for error messages.
    """

    def __init__(self, path: str | os.PathLike[str], name: str) -> None:
        self.path = Path(path)
        self.name = name
        self.rows = 0
        self._writer = None
        self._schema = None
        self._empty: pd.DataFrame | None = None

    def write(self, frame: pd.DataFrame) -> None:
        """Append one chunk (a DataFrame with the table's columns)."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        if not len(frame):
            if self._empty is None:
                self._empty = frame.iloc[:0]
            if self._writer is None:
                return
        table = pa.Table.from_pandas(frame, preserve_index=False)
        if self._writer is None:
            fields = [pa.field(f.name, pa.large_string()) if pa.types.is_null(f.type) else f
                      for f in table.schema]
            # pandas' own metadata would describe the first chunk's dtypes only
            self._schema = pa.schema(fields)
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._writer = pq.ParquetWriter(self._partial, self._schema, compression="zstd")
        table = self._conform(table)
        self._writer.write_table(table)
        self.rows += table.num_rows

    def _conform(self, table):
        if table.schema.names != self._schema.names:
            raise CorpusError(
                f"{self.name} table: chunk columns {table.schema.names} differ from the "
                f"first chunk's {self._schema.names}")
        try:
            return table.cast(self._schema)
        except (ValueError, TypeError, NotImplementedError) as exc:  # pyarrow.ArrowInvalid is a ValueError
            raise CorpusError(f"{self.name} table: a chunk's column types do not match the "
                              f"first chunk's ({exc})") from None

    def close(self) -> None:
        """Finish the file; a table that never had a row is written empty."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        if self._writer is None:
            empty = self._empty if self._empty is not None else pd.DataFrame()
            table = pa.Table.from_pandas(empty, preserve_index=False)
            schema = pa.schema([pa.field(f.name, pa.large_string()) if pa.types.is_null(f.type) else f
                                for f in table.schema])
            self.path.parent.mkdir(parents=True, exist_ok=True)
            pq.write_table(table.cast(schema), self._partial, compression="zstd")
        else:
            self._writer.close()
            self._writer = None
        os.replace(self._partial, self.path)

    def abort(self) -> None:
        """Give up: close and delete the half-written file (an earlier table stays)."""
        if self._writer is not None:
            self._writer.close()
            self._writer = None
        self._partial.unlink(missing_ok=True)

    @property
    def _partial(self) -> Path:
        # Written under another name and renamed when complete, so a reader
        # never takes a half-written table for a whole one.
        return self.path.with_name(self.path.name + ".partial")


def write_tables(tables: dict[str, pd.DataFrame], out: str | os.PathLike[str],
                 run_info: dict[str, Any] | None = None) -> Path:
    """Write a dict of tables (as from :func:`analysis.run_pipeline`) to a folder.

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        Table name -> table; each becomes ``<name>.parquet``.
    out : path-like
        Output folder (created if needed).
    run_info : dict, optional
        Extra facts for ``_run.json``.

    Returns
    -------
    pathlib.Path
        The output folder.
    """
    folder = Path(out)
    stored: dict[str, list[str]] = {}
    for name, frame in tables.items():
        if SENTENCES_TABLE in tables:
            frame, columns = without_sentence_text(name, frame)
            if columns is not None:
                stored[name] = columns
        writer = TableWriter(folder / f"{name}.parquet", name)
        writer.write(frame)
        writer.close()
    info = dict(run_info or {})
    info.setdefault("tables", {name: int(len(frame)) for name, frame in tables.items()})
    info["sentence_text"] = {**info.get("sentence_text", {}), **stored}
    info["complete"] = True
    write_run_info(folder, info)
    return folder


def without_sentence_text(name: str, frame: pd.DataFrame) -> tuple[pd.DataFrame, list[str] | None]:
    """Drop the ``sentence`` text column of a table that references sentences by id.

    Parameters
    ----------
    name : str
        Table name; only :data:`SENTENCE_TEXT_TABLES` are changed.
    frame : pandas.DataFrame

    Returns
    -------
    (pandas.DataFrame, list of str or None)
        The frame to store, and the in-memory column order (for
        :func:`join_sentence_text`), or None when nothing was dropped.
    """
    if name not in SENTENCE_TEXT_TABLES or "sentence" not in frame.columns \
            or not set(SENTENCE_KEY) <= set(frame.columns):
        return frame, None
    # Rows outside the body's sentences (a headline's claims, sentence_id -1)
    # keep their own text; every other row's is a null that costs nothing.
    own = frame["sentence_id"].astype("int64") < 0
    if own.any():
        kept = frame["sentence"].where(own, None).astype(object)
        return frame.assign(sentence=kept), list(frame.columns)
    return frame.drop(columns=["sentence"]), list(frame.columns)


def join_sentence_text(frame: pd.DataFrame, sentences: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Put the ``sentence`` text back into a table stored without it.

    Parameters
    ----------
    frame : pandas.DataFrame
        A table read from disk (has ``article_id`` and ``sentence_id``).
    sentences : pandas.DataFrame
        ``article_id``, ``sentence_id``, ``text``.
    columns : list of str
        The in-memory column order (``sentence`` among them).

    Returns
    -------
    pandas.DataFrame
        ``frame`` with ``sentence`` ("" when the sentence is unknown), in
        ``columns`` order; rows and index unchanged.
    """
    lookup = sentences[[*SENTENCE_KEY, "text"]].set_index(SENTENCE_KEY)["text"]
    key = pd.MultiIndex.from_arrays([frame["article_id"].astype(str), frame["sentence_id"].astype("int64")])
    lookup.index = pd.MultiIndex.from_arrays([lookup.index.get_level_values(0).astype(str),
                                              lookup.index.get_level_values(1).astype("int64")])
    text = lookup.reindex(key).fillna("").to_numpy(dtype=object) if len(frame) else []
    joined = pd.Series(text, index=frame.index, dtype=object)
    if "sentence" in frame.columns:  # rows that kept their own text (headlines)
        own = frame["sentence"].notna()
        joined[own] = frame.loc[own, "sentence"].astype(object)
    out = frame.assign(sentence=joined)
    wanted = [c for c in columns if c in out.columns] + [c for c in out.columns if c not in columns]
    return out[wanted]


def write_run_info(folder: Path, info: dict[str, Any]) -> None:
    """Write ``_run.json`` (atomically, so a reader never sees half a file)."""
    target = Path(folder) / RUN_FILE
    tmp = target.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(info, indent=2, default=str) + "\n", encoding="utf-8")
    os.replace(tmp, target)


def check_complete(folder: str | os.PathLike[str], allow_incomplete: bool = False) -> dict[str, Any]:
    """Return the folder's run marker, refusing a folder without a complete one.

    Parameters
    ----------
    folder : str or path-like
    allow_incomplete : bool, default False
        Warn (``CorpusWarning``) instead of raising, and return the marker
        with ``"complete": False``.

    Returns
    -------
    dict
        ``_run.json``.

    Raises
    ------
    CorpusError
        ``_run.json`` is missing or not marked complete: the tables may be
        half written, or from two different runs.
    """
    run = read_run_info(folder)
    if run and run.get("complete", True):  # folders written before the marker had no flag
        return run
    message = (f"{folder}: no complete run marker ({RUN_FILE} "
               f"{'missing' if not run else 'not marked complete'}); the tables may be from an "
               "interrupted or older `extract` run. Re-run `python -m analysis extract` into it, or "
               "pass allow_incomplete=True to read them anyway")
    if not allow_incomplete:
        raise CorpusError(message)
    import warnings

    from analysis.errors import CorpusWarning

    warnings.warn(message, CorpusWarning, stacklevel=3)
    return {**run, "complete": False}


def is_table_folder(path: str | os.PathLike[str]) -> bool:
    """True when ``path`` is a folder holding ``articles.parquet``."""
    return (Path(path) / ARTICLES_FILE).is_file()


def load_tables(path: str | os.PathLike[str], tables: Iterable[str] | None = None,
                columns: dict[str, list[str]] | None = None, *,
                allow_incomplete: bool = False) -> dict[str, pd.DataFrame]:
    """Read a folder of Parquet tables back into DataFrames.

    Parameters
    ----------
    path : str or path-like
        A folder written by ``python -m analysis extract`` (or
        :func:`write_tables`).
    tables : iterable of str, optional
        Only these tables (default: every ``*.parquet`` in the folder).
    columns : dict of str to list of str, optional
        Read only these columns of the named tables (e.g.
        ``{"articles": ["article_id", "outlet", "published"]}`` to leave the
        bodies on disk).
    allow_incomplete : bool, default False
        Read a folder without a complete run marker anyway (with a warning)
        instead of refusing it.

    Returns
    -------
    dict of str to pandas.DataFrame
        Table name -> table, in the same form :func:`analysis.run_pipeline`
        returns.  ``attrs["run"]`` of each table holds ``_run.json``.

    Raises
    ------
    CorpusError
        The folder does not exist, has no Parquet tables, lacks a table
        asked for, or has no complete run marker (see the module docstring).

    Examples
    --------
    >>> tables = load_tables("out")                          # doctest: +SKIP
    >>> tables["quantities"].groupby("unit").size()          # doctest: +SKIP
    """
    folder = Path(path)
    if not folder.is_dir():
        raise CorpusError(f"{folder}: no such folder of Parquet tables")
    available = {p.stem: p for p in sorted(folder.glob("*.parquet"))}
    if not available:
        raise CorpusError(f"{folder}: holds no .parquet tables (write them with "
                          "`python -m analysis extract CORPUS --out DIR`)")
    names = list(available) if tables is None else list(tables)
    missing = [n for n in names if n not in available]
    if missing:
        raise CorpusError(f"{folder}: no table(s) {', '.join(missing)} "
                          f"(has {', '.join(available)})")
    run = check_complete(folder, allow_incomplete)
    columns = columns or {}
    stored = run.get("sentence_text", {})
    sentences = None
    out = {}
    for name in names:
        wanted = columns.get(name)
        joined = name in stored and (wanted is None or "sentence" in wanted) \
            and SENTENCES_TABLE in available
        if joined and wanted is not None:
            import pyarrow.parquet as pq

            # a stored `sentence` column holds the rows outside the body's sentences
            has_own = "sentence" in pq.read_schema(available[name]).names
            wanted = [c for c in wanted if c != "sentence"] + (["sentence"] if has_own else [])
            wanted += [k for k in SENTENCE_KEY if k not in wanted]
        frame = pd.read_parquet(available[name], columns=wanted)
        if joined:
            if sentences is None:
                sentences = pd.read_parquet(available[SENTENCES_TABLE], columns=[*SENTENCE_KEY, "text"])
            order = stored[name] if columns.get(name) is None else columns[name]
            frame = join_sentence_text(frame, sentences, order)
            if columns.get(name) is not None:
                frame = frame[columns[name]]
        frame.attrs["run"] = run
        out[name] = frame
    return out


def read_run_info(folder: str | os.PathLike[str]) -> dict[str, Any]:
    """The folder's ``_run.json`` as a dict (empty when absent)."""
    target = Path(folder) / RUN_FILE
    if not target.is_file():
        return {}
    try:
        return json.loads(target.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise CorpusError(f"{target}: unreadable run record ({exc})") from None


def read_articles(path: str | os.PathLike[str], columns: list[str] | None = None) -> pd.DataFrame:
    """Read ``articles.parquet`` of a table folder as a :func:`load_corpus` frame.

    Parameters
    ----------
    path : str or path-like
        The table folder (or the ``articles.parquet`` file itself).
    columns : list of str, optional
        Only these columns.

    Returns
    -------
    pandas.DataFrame
        The articles table, with ``attrs["source"]`` (the folder) and
        ``attrs["skipped"]`` (files skipped when the corpus was extracted).
    """
    target = Path(path)
    folder = target.parent if target.suffix == ".parquet" else target
    if target.suffix != ".parquet":
        target = target / ARTICLES_FILE
    run = check_complete(folder)
    try:
        frame = pd.read_parquet(target, columns=columns)
    except (OSError, ValueError) as exc:
        raise CorpusError(f"{target}: cannot be read as Parquet ({exc})") from None
    frame.attrs["source"] = str(folder.resolve())
    frame.attrs["skipped"] = run.get("skipped", [])
    frame.attrs["notes"] = run.get("notes", [])
    return frame
