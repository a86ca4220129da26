"""The pipeline tables a render computes once and every report notebook reads.

Each report notebook needs some of the same tables (claims, figures, dates,
text reuse, origins, readability).  Computed in every notebook's kernel they
cost a render several extractions; instead ``render`` calls
:func:`write_shared_tables` once per run into ``<run>/tables/`` (one Parquet
file per table) and passes that folder to the notebooks as their
``tables_dir`` parameter.  A notebook opens its tables with
:func:`open_tables`: from the folder when it is given, otherwise (a notebook
run alone in JupyterLab or with papermill) computed in its own kernel on
first use -- by the same functions, so both ways give the same tables.

Examples
--------
>>> tables = open_tables("seeds")                 # doctest: +SKIP
>>> tables["claims"].attrs["codebook"]            # doctest: +SKIP
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping

import pandas as pd

from analysis.errors import ParameterError

#: The tables the report notebooks use, in the order they are computed.
TABLES: tuple[str, ...] = ("sentences", "quantities", "dates", "attributions", "claims", "readability",
                           "reuse", "origins")
#: What render computes up front: the tables several notebooks read (attributions
#: because claims need them).  Readability is left to the one notebook that reads
#: it (01): its dictionary import costs about 1.5 s, which up front would hold
#: every notebook back instead of running beside the others.
SHARED: tuple[str, ...] = ("quantities", "dates", "attributions", "claims", "reuse", "origins")
ARTICLES = "articles"
#: Per table: its frame attributes (claims: codebook name and labels) and object columns.
ATTRS_FILE = "_attrs.json"


def _producers() -> dict[str, Callable[["SharedTables"], pd.DataFrame]]:
    import analysis
    from analysis.report import data as report_data

    return {
        "sentences": lambda t: analysis.sentences(t.articles),
        "quantities": lambda t: analysis.extract_quantities(t.articles),
        "dates": lambda t: analysis.extract_dates(t.articles),
        "attributions": lambda t: analysis.extract_attributions(t.articles),
        # The notebooks' own claims function, so the codebook rule lives in one place.
        "claims": lambda t: report_data.find_claims(t.articles, t.codebook, attributions=t["attributions"]),
        "readability": lambda t: analysis.readability(t.articles),
        "reuse": lambda t: analysis.find_text_reuse(t.articles),
        "origins": lambda t: analysis.origins(t.articles, t["reuse"]),
    }


class SharedTables(Mapping[str, pd.DataFrame]):
    """Read-only mapping of table name -> DataFrame, loaded or computed on first access.

    Parameters
    ----------
    corpus : str or Path
        The corpus (anything :func:`analysis.load_corpus` reads); used when
        ``tables_dir`` is empty.
    codebook : str, default ""
        The notebooks' ``codebook`` parameter, passed to
        :func:`analysis.report.data.find_claims`.
    tables_dir : str or Path, default ""
        A folder written by :func:`write_shared_tables`; ``""`` computes
        every table in this process.
    """

    def __init__(self, corpus: str | Path, codebook: str | Path | None = "", tables_dir: str | Path = ""):
        self.corpus = Path(corpus)
        self.codebook = "" if codebook is None else str(codebook)
        self.tables_dir = Path(tables_dir) if str(tables_dir).strip() else None
        self._cache: dict[str, pd.DataFrame] = {}
        self._attrs: dict[str, dict[str, Any]] | None = None
        if self.tables_dir is not None and not (self.tables_dir / f"{ARTICLES}.parquet").is_file():
            raise ParameterError(f"tables_dir {self.tables_dir}: no {ARTICLES}.parquet (not written by render?)")

    @property
    def articles(self) -> pd.DataFrame:
        """The articles table."""
        return self[ARTICLES]

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in self._cache:
            if name != ARTICLES and name not in TABLES:
                raise KeyError(f"{name!r}: no such table; choose from {', '.join((ARTICLES, *TABLES))}")
            self._cache[name] = self._read(name) if self.tables_dir is not None else self._compute(name)
        return self._cache[name]

    def __iter__(self) -> Iterator[str]:
        return iter((ARTICLES, *TABLES))

    def __len__(self) -> int:
        return 1 + len(TABLES)

    def _compute(self, name: str) -> pd.DataFrame:
        if name == ARTICLES:
            from analysis.corpus.load import load_corpus

            return load_corpus(self.corpus)
        return _producers()[name](self)

    def _read(self, name: str) -> pd.DataFrame:
        path = self.tables_dir / f"{name}.parquet"
        if not path.is_file():  # a table this render did not write: compute it here
            return self._compute(name)
        frame = pd.read_parquet(path)
        if self._attrs is None:
            attrs_file = self.tables_dir / ATTRS_FILE
            self._attrs = json.loads(attrs_file.read_text(encoding="utf-8")) if attrs_file.is_file() else {}
        meta = self._attrs.get(name, {})
        # Parquet reads text back as pandas' string dtype; give the notebook the
        # object columns the functions returned, so both ways show the same frames.
        for column in meta.get("object_columns", []):
            if column in frame:
                frame[column] = frame[column].astype(object)
        frame.attrs.update(meta.get("attrs", {}))
        return frame


def open_tables(corpus: str | Path, codebook: str | Path | None = "", tables_dir: str | Path = "") -> SharedTables:
    """The tables of a report notebook: from ``tables_dir`` when given, else computed on first use.

    Parameters
    ----------
    corpus : str or Path
        The corpus (an absolute path; see :func:`analysis.report.data.resolve_path`).
    codebook : str, default ""
        The notebooks' ``codebook`` parameter.
    tables_dir : str or Path, default ""
        The folder render wrote with :func:`write_shared_tables`.

    Returns
    -------
    SharedTables
        ``tables.articles``, ``tables["claims"]``, ... (see :data:`TABLES`).
    """
    return SharedTables(corpus, codebook, tables_dir)


def write_shared_tables(corpus: str | Path, out: str | Path, codebook: str | Path | None = None,
                        articles: pd.DataFrame | None = None,
                        tables: tuple[str, ...] = SHARED) -> dict[str, int]:
    """Compute the report tables once and write them to ``out/<table>.parquet``.

    Parameters
    ----------
    corpus : str or Path
        The corpus.
    out : str or Path
        Folder to write (created).
    codebook : str or Path, optional
        The codebook the run decided on (None or "" for the notebooks' default).
    articles : pandas.DataFrame, optional
        The corpus already loaded (saves reading it twice).
    tables : tuple of str
        Which tables (default: :data:`SHARED`); a notebook computes any other
        table it reads itself.

    Returns
    -------
    dict
        Table name -> rows written.
    """
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    shared = SharedTables(corpus, codebook)
    if articles is not None:
        shared._cache[ARTICLES] = articles
    rows: dict[str, int] = {}
    attrs: dict[str, dict[str, Any]] = {}
    for name in (ARTICLES, *tables):
        frame = shared[name]
        attrs[name] = {"attrs": _jsonable_attrs(frame.attrs),
                       "object_columns": [str(c) for c in frame.columns if frame[c].dtype == object]}
        # attrs travel in _attrs.json, not pandas' Parquet metadata (which must be JSON too)
        plain = frame.copy(deep=False)
        plain.attrs = {}
        plain.to_parquet(folder / f"{name}.parquet", index=False)
        rows[name] = len(frame)
    (folder / ATTRS_FILE).write_text(json.dumps(attrs, indent=1, default=str), encoding="utf-8")
    return rows


def _jsonable_attrs(attrs: Mapping[str, Any]) -> dict[str, Any]:
    out = {}
    for key, value in attrs.items():
        try:
            json.dumps(value)
        except (TypeError, ValueError):
            continue  # an attribute that is not plain data stays in memory only
        out[str(key)] = value
    return out
