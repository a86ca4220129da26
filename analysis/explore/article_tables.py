"""One article's rows of the extraction tables: from memory, indexed, or from a Parquet folder."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Mapping

import pandas as pd

from analysis.errors import ArticleNotFoundError, InputError

from analysis.explore.display_values import text_of

#: Tables the article view reads.
TABLES = ("quantities", "dates", "attributions", "claims", "clusters", "reuse", "origins")


class ArticleTables:
    """Extraction tables indexed by article, for many :func:`show_article` calls.

    Selecting one article's rows from a plain table scans the table; this
    wrapper groups each table's row positions by article on first use
    (one pass, linear in the table), after which a call costs only the rows
    of the article shown -- what the explorer does on every click.

    Parameters
    ----------
    tables : mapping of str to pandas.DataFrame
        As for :func:`show_article`.

    Examples
    --------
    >>> indexed = ArticleTables(tables)                            # doctest: +SKIP
    >>> show_article(article_id, articles, indexed)                # doctest: +SKIP
    """

    def __init__(self, tables: Mapping[str, pd.DataFrame]) -> None:
        self.tables = {name: frame for name, frame in tables.items() if isinstance(frame, pd.DataFrame)}
        self._positions: dict[tuple[int, str], tuple[pd.DataFrame, dict]] = {}

    def positions(self, frame: pd.DataFrame, column: str) -> dict:
        """Row positions of ``frame`` by the text of ``column`` (cached per frame object)."""
        key = (id(frame), column)
        cached = self._positions.get(key)
        if cached is None or cached[0] is not frame:
            cached = (frame, frame.groupby(frame[column].astype(str), sort=False).indices)
            self._positions[key] = cached
        return cached[1]

    def rows_for(self, article_id: str) -> dict[str, pd.DataFrame]:
        """Each table's rows of one article (both sides of ``reuse``)."""
        aid = str(article_id)
        out = {}
        for name, frame in self.tables.items():
            if "article_id" in frame.columns:
                out[name] = _take(frame, self.positions(frame, "article_id").get(aid, []))
            elif {"article_a", "article_b"} <= set(frame.columns):
                hits = sorted({*self.positions(frame, "article_a").get(aid, []),
                               *self.positions(frame, "article_b").get(aid, [])})
                out[name] = frame.iloc[hits]
        return out

    def article_row(self, article_id: str, articles) -> dict[str, Any]:
        """The article's row (indexed when ``articles`` is a DataFrame)."""
        if not isinstance(articles, pd.DataFrame):
            return article_row(article_id, articles)
        hits = self.positions(articles, "article_id").get(str(article_id), [])
        if not len(hits):
            raise ArticleNotFoundError(f"no article {article_id!r} in the articles table")
        if "body" not in articles.columns:
            raise InputError("show_article() needs the articles' body column")
        return articles.iloc[hits[0]].to_dict()

    def outlet_names(self, articles, reuse: pd.DataFrame | None) -> dict[str, str]:
        """article_id -> outlet for the articles a passage is shared with."""
        if not isinstance(articles, pd.DataFrame) or "outlet" not in articles.columns:
            return outlet_names(articles, reuse)
        if reuse is None or reuse.empty:
            return {}
        index = self.positions(articles, "article_id")
        others = set(reuse["article_a"].astype(str)) | set(reuse["article_b"].astype(str))
        return {a: text_of(articles["outlet"].iloc[index[a][0]]) for a in others
                if a in index and text_of(articles["outlet"].iloc[index[a][0]])}


def _take(frame: pd.DataFrame, positions) -> pd.DataFrame:
    # The per-article tables hold each article's rows together, so its rows
    # are usually one run: a slice, which for Arrow-backed text columns is
    # free where a gather of positions costs a pass over the column's chunks.
    if len(positions) and positions[-1] - positions[0] + 1 == len(positions):
        return frame.iloc[positions[0]:positions[-1] + 1]
    return frame.iloc[positions]


def tables_for(article_id: str, tables) -> dict[str, pd.DataFrame]:
    if tables is None:
        return {}
    if isinstance(tables, (str, os.PathLike)):
        return read_folder_rows(Path(tables), str(article_id))
    return {name: frame for name, frame in tables.items() if isinstance(frame, pd.DataFrame)}


def read_folder_rows(folder: Path, article_id: str) -> dict[str, pd.DataFrame]:
    """This article's rows of each table of an ``extract`` folder (a filtered Parquet read)."""
    out = {}
    for name in TABLES:
        path = folder / f"{name}.parquet"
        if not path.is_file():
            continue
        if name == "reuse":
            parts = [pd.read_parquet(path, filters=[(col, "==", article_id)]) for col in ("article_a", "article_b")]
            out[name] = pd.concat(parts, ignore_index=True)
        else:
            out[name] = pd.read_parquet(path, filters=[("article_id", "==", article_id)])
    return out


def article_row(article_id: str, articles) -> dict[str, Any]:
    if isinstance(articles, (str, os.PathLike)):
        frame = pd.read_parquet(articles_file(articles), filters=[("article_id", "==", str(article_id))])
    else:
        frame = articles[articles["article_id"].astype(str) == str(article_id)]
    if frame.empty:
        raise ArticleNotFoundError(f"no article {article_id!r} in the articles table")
    if "body" not in frame.columns:
        raise InputError("show_article() needs the articles' body column")
    return frame.iloc[0].to_dict()


def articles_file(articles) -> Path:
    path = Path(articles)
    return path / "articles.parquet" if path.is_dir() else path


def outlet_names(articles, reuse: pd.DataFrame | None) -> dict[str, str]:
    if reuse is None or reuse.empty:
        return {}
    others = set(reuse["article_a"].astype(str)) | set(reuse["article_b"].astype(str))
    if isinstance(articles, (str, os.PathLike)):
        try:
            frame = pd.read_parquet(articles_file(articles), columns=["article_id", "outlet"],
                                    filters=[("article_id", "in", sorted(others))])
        except (KeyError, ValueError):
            return {}
    else:
        if "outlet" not in articles.columns:
            return {}
        frame = articles[articles["article_id"].astype(str).isin(others)]
    return {str(a): text_of(o) for a, o in zip(frame["article_id"], frame["outlet"]) if text_of(o)}


def origin_of(article_id: str, origins: pd.DataFrame | None) -> str:
    if origins is None or origins.empty or "origin_id" not in origins.columns:
        return ""
    row = origins[origins["article_id"].astype(str) == str(article_id)]
    if row.empty:
        return ""
    label = text_of(row["origin_label"].iloc[0]) if "origin_label" in row else ""
    return f"{text_of(row['origin_id'].iloc[0])}" + (f" ({label})" if label else "")

