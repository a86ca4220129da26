"""One article as HTML, with every extraction marked in its own text.

:func:`show_article` gathers the rows of the extraction tables that belong to
one article -- figures, dates, speakers and reporting cues, quotations,
claims (or codebook-free claim clusters) with the speaker's stance, passages
shared with other articles -- turns each into a *mark* (a ``body[start:end]``
span, a layer, a tooltip) and renders the body with the marks as nested
``<span>`` elements, plus a legend.  The result shows in JupyterLab (it has
``_repr_html_``) and in the static HTML reports.

Safety: the article text, headline, outlet and every value shown in a
tooltip are HTML-escaped; the view holds no script, no link and no URL, and
its CSS is scoped under ``.osint-av``.  Scraped text stays text.

Overlapping spans: marks of different tables overlap freely (a figure inside
a quotation inside a claim sentence that is part of a shared passage), and
two marks may even cross.  The body is cut into segments at every mark
boundary; each segment is wrapped in the marks covering it, outermost layer
first (:data:`LAYERS`).  Consecutive segments keep the elements they share
open, so a mark is split into several elements only where another mark
crosses it.  Every element carries ``data-m`` (the mark's row in
:attr:`ArticleView.marks`), so the text of a mark's elements, joined, is
exactly ``body[start:end]``.

The tables follow the package's contract (``article_id``, ``start``,
``end`` into ``body``); columns a table lacks are left out of the tooltip,
so the view works with tables from :func:`analysis.run_pipeline`, from an
``extract`` Parquet folder (:func:`analysis.load_tables`), with any codebook
or with :func:`analysis.cluster_claims` instead of codebook claims.

The work is split by job: :mod:`analysis.explore.article_tables` selects one
article's rows (in memory, indexed by :class:`ArticleTables`, or from a
Parquet folder), :mod:`analysis.explore.article_marks` turns them into marks,
:mod:`analysis.explore.marked_text` renders the marked body and the legend; this
module assembles the view.

Examples
--------
>>> import analysis
>>> articles = analysis.load_corpus("seeds")                        # doctest: +SKIP
>>> tables = analysis.run_pipeline(articles)                        # doctest: +SKIP
>>> analysis.show_article(articles["article_id"][0], articles, tables)  # doctest: +SKIP
"""

from __future__ import annotations

import html
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

import pandas as pd

from analysis.errors import InputError
from analysis.explore.article_marks import LAYER_LABELS, LAYERS, STANCE_CLASSES, article_marks
from analysis.explore.article_tables import (TABLES, ArticleTables, article_row, articles_file, origin_of, outlet_names,
                                     tables_for)
from analysis.explore.display_values import day_text, text_of
from analysis.explore.marked_text import VIEW_CSS, legend_html, paragraph_windows, render_marked_text

__all__ = ["ArticleTables", "ArticleView", "ArticleViews", "LAYERS", "LAYER_LABELS", "STANCE_CLASSES", "TABLES",
           "article_html", "article_marks", "legend_html", "paragraph_windows", "render_marked_text",
           "show_article", "show_claim"]


# --------------------------------------------------------------------------
# the view


@dataclass
class ArticleView:
    """One article with its extractions marked; shows itself in Jupyter.

    Attributes
    ----------
    article_id : str
        The article shown.
    html : str
        The complete HTML fragment (style, header, legend, marked body).
    marks : pandas.DataFrame
        One row per mark: ``layer``, ``start``, ``end`` (into the body),
        ``css`` (stance class of claims), ``title`` (the tooltip),
        ``badge`` (the label shown after a claim), ``table`` (where the
        mark came from) and ``text`` (``body[start:end]``).  Row ``i`` is
        the mark of the elements with ``data-m="i"``.
    skipped : list of str
        Table rows whose span did not fit the body (left unmarked).
    """

    article_id: str
    html: str
    marks: pd.DataFrame
    skipped: list[str] = field(default_factory=list)

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        counts = self.marks["layer"].value_counts().to_dict() if len(self.marks) else {}
        parts = ", ".join(f"{n} {layer}" for layer, n in counts.items()) or "no marks"
        return f"<ArticleView {self.article_id!r}: {parts}>"


def show_article(article_id: str, articles: pd.DataFrame | str | os.PathLike[str],
                 tables: Mapping[str, pd.DataFrame] | str | os.PathLike[str] | None = None, *,
                 focus: Iterable[tuple[int, int]] | None = None, excerpt: bool = False,
                 layers: Iterable[str] | None = None, badges: bool = True, compute: bool = False,
                 legend: bool = True) -> ArticleView:
    """Render one article with every extraction marked in its text.

    Parameters
    ----------
    article_id : str
        The article to show.
    articles : pandas.DataFrame, str or path-like
        The articles table (``article_id``, ``body``; ``headline``,
        ``outlet``, ``published`` shown when present), or an ``extract``
        Parquet folder (only this article's row is read).
    tables : mapping of str to pandas.DataFrame, ArticleTables, str or path-like, optional
        The extraction tables, as :func:`analysis.run_pipeline` returns
        them: any of ``quantities``, ``dates``, ``attributions``,
        ``claims`` (codebook claims, or :func:`analysis.cluster_claims`
        output), ``clusters``, ``reuse``, ``origins``.  Missing tables are
        simply not marked.  A path to an ``extract`` Parquet folder reads
        only this article's rows of each table.  For many calls on a large
        corpus, wrap the dict in :class:`ArticleTables` (indexed by article
        once, so each call costs only the article's own rows).
    focus : iterable of (start, end), optional
        Spans to outline (e.g. the statement chosen in the explorer).
    excerpt : bool, default False
        Show only the paragraphs holding the ``focus`` spans (the whole
        article when there is no focus).
    layers : iterable of str, optional
        Only these layers (see :data:`LAYERS`); default all.
    badges : bool, default True
        Label each claim sentence with its claim ids and stances.
    compute : bool, default False
        Extract the per-article layers missing from ``tables`` (figures,
        dates, attributions) for this one article; shared passages and
        claims are never computed here (they need the corpus, or its
        codebook).
    legend : bool, default True
        Show the legend above the text.

    Returns
    -------
    ArticleView
        Displays as HTML in JupyterLab; ``.html`` is the fragment and
        ``.marks`` the marks as a table.

    Raises
    ------
    KeyError
        ``article_id`` is not in ``articles``.
    ValueError
        An unknown layer name.

    Examples
    --------
    >>> arts = pd.DataFrame({"article_id": ["a"], "body": ["About 40 <b>rockets</b> fell."]})
    >>> figs = pd.DataFrame({"article_id": ["a"], "start": [0], "end": [8], "surface": ["About 40"],
    ...                      "value": [40.0], "unit": ["rocket"], "qualifier": ["approx"]})
    >>> view = show_article("a", arts, {"quantities": figs})
    >>> view.marks[["layer", "text"]].values.tolist()
    [['figure', 'About 40']]
    >>> "&lt;b&gt;rockets&lt;/b&gt;" in view.html and "<b>rockets" not in view.html
    True
    """
    wanted = _check_layers(layers)
    index = tables if isinstance(tables, ArticleTables) else None
    article = index.article_row(article_id, articles) if index else article_row(article_id, articles)
    body = text_of(article.get("body"))
    rows = index.rows_for(article_id) if index else tables_for(article_id, tables)
    if compute:
        rows.update(_computed_layers(article, rows))
    names = index.outlet_names(articles, rows.get("reuse")) if index else outlet_names(articles, rows.get("reuse"))
    marks, skipped = article_marks(str(article_id), body, rows, names=names, focus=focus)
    if wanted is not None:
        marks = marks[marks["layer"].isin(wanted)].reset_index(drop=True)
    windows = None
    if excerpt and focus:
        windows = paragraph_windows(body, [(int(s), int(e)) for s, e in focus])
    origin = origin_of(article_id, rows.get("origins"))
    parts = ['<div class="osint-av">', f"<style>{VIEW_CSS}</style>", _header(article, origin),
             legend_html(marks) if legend else ""]
    if skipped:
        parts.append(f'<div class="av-note">{len(skipped)} extracted span(s) did not fit this body and are '
                     "not marked (see .skipped)</div>")
    parts.append(f'<div class="av-body">{render_marked_text(body, marks, windows=windows, badges=badges)}</div>')
    parts.append("</div>")
    return ArticleView(str(article_id), "".join(parts), marks, skipped)


def article_html(article_id: str, articles: pd.DataFrame | str | os.PathLike[str],
                 tables: Mapping[str, pd.DataFrame] | str | os.PathLike[str] | None = None, **options: Any) -> str:
    """The HTML fragment of :func:`show_article` as a string (same arguments)."""
    return show_article(article_id, articles, tables, **options).html


class ArticleViews(list):
    """Several :class:`ArticleView` under a heading; shows them one after the other in Jupyter."""

    def __init__(self, views: Iterable[ArticleView] = (), heading: str = "") -> None:
        super().__init__(views)
        self.heading = heading

    def _repr_html_(self) -> str:
        head = f'<p class="osint-av-heading"><b>{html.escape(self.heading)}</b></p>' if self.heading else ""
        return head + '<hr style="border:0;border-top:1px solid #ccc">'.join(v.html for v in self)

    def __repr__(self) -> str:
        return f"<ArticleViews {self.heading!r}: {len(self)} article(s)>"


def show_claim(claim_id: str, articles: pd.DataFrame | str | os.PathLike[str],
               tables: Mapping[str, pd.DataFrame] | str | os.PathLike[str], *,
               stances: Iterable[str] | None = None, max_articles: int = 3, excerpt: bool = True,
               compute: bool = True) -> ArticleViews:
    """The articles behind one claim: one article per independent origin, the claim's sentences outlined.

    Parameters
    ----------
    claim_id : str
        A ``claim_id`` of the claims table (or a ``cluster_id`` of
        codebook-free clusters).
    articles : pandas.DataFrame, str or path-like
        As for :func:`show_article`.
    tables : mapping of str to pandas.DataFrame, str or path-like
        As for :func:`show_article`; must hold ``claims`` (or ``clusters``);
        ``origins`` picks one article per independent origin (without it,
        every article is its own origin).
    stances : iterable of str, optional
        Only statements with these stances (e.g. ``["denies"]``).
    max_articles : int, default 3
        Articles shown at most (origins with the earliest article first).
    excerpt : bool, default True
        Show only the paragraphs holding the claim.
    compute : bool, default True
        Extract figures, dates and attributions missing from ``tables`` for
        the shown articles only (see :func:`show_article`).

    Returns
    -------
    ArticleViews
        A list of :class:`ArticleView` that displays as HTML; empty (with a
        heading saying so) when no statement matches.
    """
    from analysis.explore.statement_filters import filter_statements, statement_table

    frames = _load_for_claims(tables) if isinstance(tables, (str, os.PathLike)) else dict(tables)
    claims = frames.get("claims")
    if claims is None or claims.empty or ("claim_id" not in claims and "cluster_id" not in claims):
        claims = frames.get("clusters")
    if claims is None:
        raise InputError("show_claim() needs a claims (or clusters) table")
    meta = articles if isinstance(articles, pd.DataFrame) else pd.read_parquet(
        articles_file(articles), columns=["article_id", "outlet", "published"])
    statements = statement_table(claims, meta, frames.get("origins"))
    chosen = filter_statements(statements, claims=str(claim_id), stances=stances)
    label = chosen["label"].iloc[0] if len(chosen) else ""
    n_origins = chosen["origin_id"].nunique()
    firsts = chosen.groupby("origin_id", sort=False)["published"].min().sort_values(na_position="last")
    views = []
    for origin in firsts.index[:max(0, int(max_articles))]:
        rows = chosen[chosen["origin_id"] == origin]
        article_id = rows.sort_values("published", kind="mergesort", na_position="last")["article_id"].iloc[0]
        spans = rows.loc[rows["article_id"] == article_id, ["start", "end"]]
        focus = [(int(s), int(e)) for s, e in zip(spans["start"], spans["end"]) if int(s) >= 0]
        views.append(show_article(article_id, articles, tables, focus=focus, excerpt=excerpt, compute=compute,
                                  legend=not views))
    what = f"{claim_id} {label}".strip()
    if stances is not None:
        what += f" ({', '.join(sorted({stances} if isinstance(stances, str) else set(stances)))})"
    heading = (f"{what}: {len(chosen['article_id'].unique())} article(s) from {n_origins} independent origin(s); "
               f"showing {len(views)}, one per origin" if len(chosen) else f"{what}: no statement")
    return ArticleViews(views, heading)


def _load_for_claims(folder) -> dict[str, pd.DataFrame]:
    from analysis.scale.tables import load_tables

    present = {p.stem for p in Path(folder).glob("*.parquet")}
    return load_tables(folder, [t for t in ("claims", "clusters", "origins") if t in present])


def _computed_layers(article: Mapping[str, Any], rows: Mapping[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Figures, dates and attributions of one article, for the layers the tables lack."""
    import importlib

    one = pd.DataFrame([article])
    out = {}
    for name, module, func in (("quantities", "analysis.extract.quantities.extractor", "extract_quantities"),
                               ("dates", "analysis.extract.dates.extractor", "extract_dates"),
                               ("attributions", "analysis.sources.attribution", "extract_attributions")):
        if rows.get(name) is None:
            out[name] = getattr(importlib.import_module(module), func)(one)
    return out


def _header(article: Mapping[str, Any], origin: str) -> str:
    headline = text_of(article.get("headline")) or "(no headline)"
    meta = [f"<b>{html.escape(text_of(article.get('outlet')))}</b>" if text_of(article.get("outlet")) else "",
            html.escape(day_text(article.get("published"))),
            f"article {html.escape(text_of(article.get('article_id')))}",
            f"origin {html.escape(origin)}" if origin else ""]
    return (f'<div class="av-head"><h4>{html.escape(headline)}</h4>'
            f'<div class="av-meta">{" &#183; ".join(m for m in meta if m)}</div></div>')


def _check_layers(layers: Iterable[str] | None) -> set[str] | None:
    if layers is None:
        return None
    chosen = {str(layer) for layer in layers}
    unknown = chosen - set(LAYERS)
    if unknown:
        raise ValueError(f"unknown layer(s) {', '.join(sorted(unknown))}; choose from {', '.join(LAYERS)}")
    return chosen

