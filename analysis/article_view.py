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

Examples
--------
>>> import analysis
>>> articles = analysis.load_corpus("seeds")                        # doctest: +SKIP
>>> tables = analysis.run_pipeline(articles)                        # doctest: +SKIP
>>> analysis.show_article(articles["article_id"][0], articles, tables)  # doctest: +SKIP
"""

from __future__ import annotations

import html
import math
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

import pandas as pd

from analysis.palette import OKABE_ITO

#: Mark layers, outermost first: a segment covered by several marks nests
#: their elements in this order.  Long spans (shared passages, claim
#: sentences) wrap short ones (figures, dates), so a tooltip on a figure is
#: the figure's and a tooltip elsewhere in the sentence is the claim's.
LAYERS: tuple[str, ...] = ("focus", "shared", "claim", "cluster", "quote", "speaker", "cue", "date", "figure")

LAYER_LABELS: dict[str, str] = {
    "focus": "statement in focus",
    "shared": "passage shared with another article",
    "claim": "claim sentence (colour and underline: the speaker's stance)",
    "cluster": "sentence in a claim cluster (no codebook)",
    "quote": "quoted words",
    "speaker": "speaker as named",
    "cue": "reporting cue (said, told, according to ...)",
    "date": "date (tooltip: resolved date)",
    "figure": "figure (tooltip: value, unit, qualifier)",
}

STANCE_CLASSES = ("asserts", "hedged", "denies", "mixed", "none")

#: Table names :func:`show_article` reads, and what it makes of them.
TABLES = ("quantities", "dates", "attributions", "claims", "clusters", "reuse", "origins")

_MARK_COLUMNS = ["layer", "start", "end", "css", "title", "badge", "table", "text"]

_CSS = f"""
.osint-av {{ font-family: Georgia, 'Times New Roman', serif; line-height: 1.9; max-width: 52em; color: #111; }}
.osint-av .av-head {{ font-family: sans-serif; margin-bottom: .4em; }}
.osint-av .av-head h4 {{ margin: 0 0 .2em 0; font-size: 1.1em; }}
.osint-av .av-meta {{ color: #444; font-size: .85em; }}
.osint-av .av-body {{ white-space: pre-wrap; word-wrap: break-word; border-top: 1px solid #ccc; padding-top: .5em; }}
.osint-av .av-gap {{ color: #777; font-family: sans-serif; }}
.osint-av .av-legend {{ font-family: sans-serif; font-size: .8em; line-height: 2.2; margin: .3em 0;
  padding: .2em .5em; background: #f7f7f7; border: 1px solid #e0e0e0; }}
.osint-av .av-legend > span.av-key {{ margin-right: 1.2em; white-space: nowrap; }}
.osint-av .av-note {{ font-family: sans-serif; font-size: .8em; color: #8a4b00; }}
.osint-av .av-badge {{ font-family: sans-serif; font-size: .68em; vertical-align: super; color: #333;
  background: #eee; border-radius: 3px; padding: 0 .25em; margin: 0 .15em; user-select: none; white-space: nowrap; }}
.osint-av .av-focus {{ outline: 2px solid {OKABE_ITO["black"]}; outline-offset: 1px; }}
.osint-av .av-shared {{ background: #ece6f2; border-top: 2px dotted {OKABE_ITO["reddish_purple"]}; }}
.osint-av .av-claim, .osint-av .av-cluster {{ border-bottom: 2px solid #999; padding-bottom: 1px; }}
.osint-av .av-claim.av-asserts {{ background: #dcebf5; border-bottom: 2px solid {OKABE_ITO["blue"]}; }}
.osint-av .av-claim.av-hedged {{ background: #fbeccb; border-bottom: 2px dashed {OKABE_ITO["orange"]}; }}
.osint-av .av-claim.av-denies {{ background: #f8dccb; border-bottom: 3px double {OKABE_ITO["vermillion"]}; }}
.osint-av .av-claim.av-mixed {{ background: #eeeeee; border-bottom: 2px dotted #333; }}
.osint-av .av-cluster {{ background: #e9f4ee; border-bottom: 2px solid {OKABE_ITO["bluish_green"]}; }}
.osint-av .av-quote {{ font-style: italic; color: #3b3b3b; }}
.osint-av .av-speaker {{ font-variant: small-caps; font-weight: bold; }}
.osint-av .av-cue {{ font-weight: bold; text-decoration: underline wavy {OKABE_ITO["blue"]}; }}
.osint-av .av-date {{ border: 1.5px dashed {OKABE_ITO["bluish_green"]}; border-radius: 3px; padding: 0 1px; }}
.osint-av .av-figure {{ border: 1.5px solid {OKABE_ITO["blue"]}; border-radius: 3px; padding: 0 1px;
  font-weight: bold; background: #fff; }}
"""


# --------------------------------------------------------------------------
# the view object


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
    article = index.article_row(article_id, articles) if index else _article_row(article_id, articles)
    body = _text(article.get("body"))
    rows = index.rows_for(article_id) if index else _tables_for(article_id, tables)
    if compute:
        rows.update(_computed_layers(article, rows))
    names = index.outlet_names(articles, rows.get("reuse")) if index else _outlet_names(articles, rows.get("reuse"))
    marks, skipped = article_marks(str(article_id), body, rows, names=names, focus=focus)
    if wanted is not None:
        marks = marks[marks["layer"].isin(wanted)].reset_index(drop=True)
    windows = None
    if excerpt and focus:
        windows = paragraph_windows(body, [(int(s), int(e)) for s, e in focus])
    origin = _origin_of(article_id, rows.get("origins"))
    parts = ['<div class="osint-av">', f"<style>{_CSS}</style>", _header(article, origin),
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
            return _article_row(article_id, articles)
        hits = self.positions(articles, "article_id").get(str(article_id), [])
        if not len(hits):
            raise KeyError(f"no article {article_id!r} in the articles table")
        if "body" not in articles.columns:
            raise ValueError("show_article() needs the articles' body column")
        return articles.iloc[hits[0]].to_dict()

    def outlet_names(self, articles, reuse: pd.DataFrame | None) -> dict[str, str]:
        """article_id -> outlet for the articles a passage is shared with."""
        if not isinstance(articles, pd.DataFrame) or "outlet" not in articles.columns:
            return _outlet_names(articles, reuse)
        if reuse is None or reuse.empty:
            return {}
        index = self.positions(articles, "article_id")
        others = set(reuse["article_a"].astype(str)) | set(reuse["article_b"].astype(str))
        return {a: _text(articles["outlet"].iloc[index[a][0]]) for a in others
                if a in index and _text(articles["outlet"].iloc[index[a][0]])}


def _take(frame: pd.DataFrame, positions) -> pd.DataFrame:
    # The per-article tables hold each article's rows together, so its rows
    # are usually one run: a slice, which for Arrow-backed text columns is
    # free where a gather of positions costs a pass over the column's chunks.
    if len(positions) and positions[-1] - positions[0] + 1 == len(positions):
        return frame.iloc[positions[0]:positions[-1] + 1]
    return frame.iloc[positions]


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
    from analysis.explorer import filter_statements, statement_table

    frames = _load_for_claims(tables) if isinstance(tables, (str, os.PathLike)) else dict(tables)
    claims = frames.get("claims")
    if claims is None or claims.empty or ("claim_id" not in claims and "cluster_id" not in claims):
        claims = frames.get("clusters")
    if claims is None:
        raise ValueError("show_claim() needs a claims (or clusters) table")
    meta = articles if isinstance(articles, pd.DataFrame) else pd.read_parquet(
        _articles_file(articles), columns=["article_id", "outlet", "published"])
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
    from analysis.tables import load_tables

    present = {p.stem for p in Path(folder).glob("*.parquet")}
    return load_tables(folder, [t for t in ("claims", "clusters", "origins") if t in present])


def _articles_file(articles) -> Path:
    path = Path(articles)
    return path / "articles.parquet" if path.is_dir() else path


def _computed_layers(article: Mapping[str, Any], rows: Mapping[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Figures, dates and attributions of one article, for the layers the tables lack."""
    import importlib

    one = pd.DataFrame([article])
    out = {}
    for name, module, func in (("quantities", "analysis.quantities", "extract_quantities"),
                               ("dates", "analysis.dates", "extract_dates"),
                               ("attributions", "analysis.attribution", "extract_attributions")):
        if rows.get(name) is None:
            out[name] = getattr(importlib.import_module(module), func)(one)
    return out


# --------------------------------------------------------------------------
# marks from tables


def article_marks(article_id: str, body: str, tables: Mapping[str, pd.DataFrame], *,
                  names: Mapping[str, str] | None = None,
                  focus: Iterable[tuple[int, int]] | None = None) -> tuple[pd.DataFrame, list[str]]:
    """The marks of one article from its rows of the extraction tables.

    Parameters
    ----------
    article_id : str
        The article (rows of other articles are ignored).
    body : str
        Its body; every mark is a ``body[start:end]`` span.
    tables : mapping of str to pandas.DataFrame
        Extraction tables (see :func:`show_article`).
    names : mapping of str to str, optional
        article_id -> outlet, to name the articles a passage is shared with.
    focus : iterable of (start, end), optional
        Spans to outline.

    Returns
    -------
    (pandas.DataFrame, list of str)
        The marks (columns ``layer``, ``start``, ``end``, ``css``,
        ``title``, ``badge``, ``table``, ``text``; one row per distinct
        span and layer, tooltips of rows with the same span joined) and a
        description of every row whose span does not fit the body.
    """
    names = dict(names or {})
    raw: list[dict[str, Any]] = []
    skipped: list[str] = []
    n = len(body)

    def add(layer, start, end, title, table, css="", badge=""):
        s, e = _int(start), _int(end)
        if s is None or e is None or s < 0 or e < 0:
            return  # -1 / missing: the table says there is no such span
        if not s < e <= n:
            skipped.append(f"{table} {layer} span {s}:{e} outside the body (length {n})")
            return
        raw.append({"layer": layer, "start": s, "end": e, "css": css, "title": title, "badge": badge,
                    "table": table})

    for r in _records(tables.get("quantities"), article_id):
        add("figure", r.get("start"), r.get("end"), _figure_title(r), "quantities")
    for r in _records(tables.get("dates"), article_id):
        add("date", r.get("start"), r.get("end"), _date_title(r), "dates")
    for r in _records(tables.get("attributions"), article_id):
        _attribution_marks(r, add)
    claims = tables.get("claims")
    for table_name, frame in (("claims", claims), ("clusters", tables.get("clusters"))):
        for r in _records(frame, article_id):
            if _has(r, "claim_id"):
                stance = _text(r.get("stance")) or "none"
                add("claim", r.get("start"), r.get("end"), _claim_title(r), table_name,
                    css=stance if stance in STANCE_CLASSES else "none",
                    badge=f"{_text(r.get('claim_id'))} {stance}" if stance != "none" else _text(r.get("claim_id")))
            elif _has(r, "cluster_id"):
                add("cluster", r.get("start"), r.get("end"), _cluster_title(r), table_name,
                    badge=_text(r.get("cluster_id")))
    for other, s, e, r in _reuse_rows(tables.get("reuse"), article_id):
        label = f"{names[other]} ({other})" if names.get(other) else other
        add("shared", s, e, f"shared with {label}" + _reuse_detail(r), "reuse")
    for s, e in focus or ():
        add("focus", s, e, "statement in focus", "focus")

    marks = _merge(raw)
    marks["text"] = [body[s:e] for s, e in zip(marks["start"], marks["end"])]
    return marks[_MARK_COLUMNS], skipped


def _attribution_marks(r: Mapping[str, Any], add) -> None:
    speaker = _text(r.get("speaker"))
    kind = _text(r.get("speaker_type"))
    if kind == "narrator":
        return  # the outlet's own voice: nothing in the text to point at
    who = speaker + (f" ({kind}" + (f", {_text(r.get('speaker_role'))}" if _text(r.get("speaker_role")) else "")
                     + ")" if kind else "")
    add("cue", r.get("cue_start"), r.get("cue_end"), f"reporting cue '{_text(r.get('cue'))}' -> speaker: {who}",
        "attributions")
    if _has(r, "quote_start") and r.get("quoted", True) is not False:
        add("quote", r.get("quote_start"), r.get("quote_end"), f"quoted words of {who}", "attributions")
    if _has(r, "speaker_start"):
        add("speaker", r.get("speaker_start"), r.get("speaker_end"), f"speaker: {who}", "attributions")
    elif _has(r, "sentence_start") and (_int(r.get("start")), _int(r.get("end"))) != (
            _int(r.get("sentence_start")), _int(r.get("sentence_end"))):
        # the table's own span is the attribution itself once sentences have their own columns
        add("speaker", r.get("start"), r.get("end"), f"speaker: {who}", "attributions")


def _merge(raw: list[dict[str, Any]]) -> pd.DataFrame:
    """One mark per (layer, start, end): tooltips joined, differing stances -> ``mixed``."""
    if not raw:
        return pd.DataFrame(columns=_MARK_COLUMNS)
    merged: dict[tuple[str, int, int], dict[str, Any]] = {}
    for m in raw:
        key = (m["layer"], m["start"], m["end"])
        old = merged.get(key)
        if old is None:
            merged[key] = dict(m, titles=[m["title"]], badges=[m["badge"]] if m["badge"] else [])
            continue
        if m["title"] not in old["titles"]:
            old["titles"].append(m["title"])
        if m["badge"] and m["badge"] not in old["badges"]:
            old["badges"].append(m["badge"])
        if m["css"] != old["css"]:
            old["css"] = "mixed"
    rank = {name: i for i, name in enumerate(LAYERS)}
    rows = sorted(merged.values(), key=lambda m: (m["start"], rank[m["layer"]], -m["end"]))
    frame = pd.DataFrame([{**m, "title": "\n".join(m["titles"]), "badge": " | ".join(m["badges"])}
                          for m in rows])
    return frame.drop(columns=["titles", "badges"]).reset_index(drop=True)


# --------------------------------------------------------------------------
# rendering


def render_marked_text(body: str, marks: pd.DataFrame, *, windows: Sequence[tuple[int, int]] | None = None,
                       badges: bool = True) -> str:
    """Escape ``body`` and wrap each mark's text in ``<span data-m=i>`` elements.

    Parameters
    ----------
    body : str
        The article body.
    marks : pandas.DataFrame
        ``layer``, ``start``, ``end`` and optionally ``css``, ``title``,
        ``badge`` (as from :func:`article_marks`); row ``i`` becomes the
        elements with ``data-m="i"``.
    windows : sequence of (start, end), optional
        Show only these parts of the body (joined by a ``[...]`` gap);
        marks are cut to them.
    badges : bool, default True
        Emit each mark's ``badge`` (class ``av-badge``) after its end.

    Returns
    -------
    str
        HTML: the escaped body with nested, well-formed ``<span>`` elements.
        Joining the text of the elements with ``data-m="i"`` (leaving out
        ``av-badge`` labels) gives ``body[start:end]`` of mark ``i`` (cut
        to the windows).
    """
    if windows is None:
        windows = [(0, len(body))]
    rank = {name: i for i, name in enumerate(LAYERS)}
    spans = []
    for i, row in enumerate(marks.itertuples(index=False)):
        spans.append((int(row.start), int(row.end), i, rank.get(row.layer, len(LAYERS)), row))
    out: list[str] = []
    for w, (lo, hi) in enumerate(windows):
        if w or lo > 0:
            out.append('<span class="av-gap">[&#8230;]\n</span>' if w else '<span class="av-gap">[&#8230;] </span>')
        inside = [(max(s, lo), min(e, hi), i, k, row) for s, e, i, k, row in spans if s < hi and e > lo]
        out.append(_render_window(body, lo, hi, inside, badges))
    if windows and windows[-1][1] < len(body):
        out.append('<span class="av-gap"> [&#8230;]</span>')
    return "".join(out)


def _render_window(body: str, lo: int, hi: int, spans: list, badges: bool) -> str:
    cuts = sorted({lo, hi, *(s for s, *_ in spans), *(e for _, e, *_ in spans)})
    starts: dict[int, list] = {}
    ends: dict[int, list] = {}
    for span in spans:
        starts.setdefault(span[0], []).append(span)
        ends.setdefault(span[1], []).append(span)
    active: dict[int, tuple] = {}
    stack: list[int] = []
    out: list[str] = []
    for a, b in zip(cuts, cuts[1:]):
        ended = ends.get(a, [])
        for span in ended:
            active.pop(span[2], None)
        for span in starts.get(a, []):
            active[span[2]] = span
        # outer layer first, then longer spans outside shorter ones; the key
        # of a mark never changes, so marks that stay active stay in order
        path = [span[2] for span in sorted(active.values(), key=lambda t: (t[3], t[0], -t[1], t[2]))]
        keep = 0
        while keep < min(len(stack), len(path)) and stack[keep] == path[keep]:
            keep += 1
        out.append("</span>" * (len(stack) - keep))
        del stack[keep:]
        if badges:
            out.extend(_badge(span[4]) for span in ended if _text(getattr(span[4], "badge", "")))
        for i in path[keep:]:
            out.append(_open(i, active[i][4]))
            stack.append(i)
        out.append(html.escape(body[a:b]))
    out.append("</span>" * len(stack))
    if badges:
        out.extend(_badge(span[4]) for span in ends.get(hi, []) if _text(getattr(span[4], "badge", "")))
    return "".join(out)


def _open(i: int, row) -> str:
    css = _text(getattr(row, "css", ""))
    classes = f"av-m av-{html.escape(str(row.layer))}" + (f" av-{html.escape(css)}" if css else "")
    title = _text(getattr(row, "title", ""))
    return f'<span class="{classes}" data-m="{i}" title="{html.escape(title)}">'


def _badge(row) -> str:
    return f'<span class="av-badge" aria-hidden="true">{html.escape(_text(row.badge))}</span>'


def legend_html(marks: pd.DataFrame | None = None) -> str:
    """The legend: a sample of each layer present (all layers when ``marks`` is None), with counts."""
    present = marks["layer"].value_counts().to_dict() if marks is not None and len(marks) else {}
    keys = []
    for layer in LAYERS:
        if marks is not None and layer not in present:
            continue
        if layer == "claim":
            # the three stances always (a reader learns them once), the rest when present
            stances = {"asserts", "hedged", "denies"}
            if marks is not None:
                stances |= set(marks.loc[marks["layer"] == "claim", "css"])
            for stance in ("asserts", "hedged", "denies", "mixed", "none"):
                if stance in stances:
                    keys.append(f'<span class="av-key"><span class="av-m av-claim av-{stance}">claim: '
                                f'{"several stances" if stance == "mixed" else stance}</span></span>')
            continue
        count = f" ({present[layer]})" if layer in present else ""
        keys.append(f'<span class="av-key"><span class="av-m av-{layer}">{layer}</span> '
                    f"{html.escape(LAYER_LABELS[layer])}{count}</span>")
    if not keys:
        return '<div class="av-legend">nothing extracted from this article</div>'
    # spaces between the keys: the only places a line of the legend may break
    return ('<div class="av-legend"><b>Legend</b> (hover a mark for details): ' + " ".join(keys) + "</div>")


def _header(article: Mapping[str, Any], origin: str) -> str:
    headline = _text(article.get("headline")) or "(no headline)"
    meta = [f"<b>{html.escape(_text(article.get('outlet')))}</b>" if _text(article.get("outlet")) else "",
            html.escape(_date(article.get("published"))),
            f"article {html.escape(_text(article.get('article_id')))}",
            f"origin {html.escape(origin)}" if origin else ""]
    return (f'<div class="av-head"><h4>{html.escape(headline)}</h4>'
            f'<div class="av-meta">{" &#183; ".join(m for m in meta if m)}</div></div>')


def paragraph_windows(body: str, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The paragraphs holding ``spans``, merged, in order.

    A paragraph is a line of the body: corpora separate paragraphs by a
    blank line or by a single line break, and a line is a paragraph in both.
    """
    windows = []
    for s, e in sorted(spans):
        s, e = max(0, s), min(len(body), e)
        lo = body.rfind("\n", 0, s)
        lo = 0 if lo < 0 else lo + 1
        hi = body.find("\n", e)
        hi = len(body) if hi < 0 else hi
        if windows and not body[windows[-1][1]:lo].strip():  # adjacent paragraphs: one window
            windows[-1] = (windows[-1][0], max(hi, windows[-1][1]))
        else:
            windows.append((lo, hi))
    return windows or [(0, len(body))]


# --------------------------------------------------------------------------
# tooltips


def _figure_title(r: Mapping[str, Any]) -> str:
    value = _num(r.get("value"))
    if _num(r.get("value_high")):
        value += f" to {_num(r.get('value_high'))}"
    parts = [f"figure '{_text(r.get('surface'))}': {value} {_text(r.get('unit'))}".rstrip(),
             f"qualifier: {_text(r.get('qualifier'))}" if _text(r.get("qualifier")) else "",
             f"kind: {_text(r.get('kind'))}" if _text(r.get("kind")) else "",
             f"of {_num(r.get('of_value'))}" if _num(r.get("of_value")) else "",
             f"subject: {_text(r.get('subject'))}" if _text(r.get("subject")) else ""]
    return " | ".join(p for p in parts if p)


def _date_title(r: Mapping[str, Any]) -> str:
    first, last = _date(r.get("date")), _date(r.get("date_end"))
    when = first + (f" to {last}" if last and last != first else "")
    parts = [f"date '{_text(r.get('surface'))}': {when or 'unresolved'}",
             f"precision: {_text(r.get('precision'))}" if _text(r.get("precision")) else "",
             "resolved against the publication date" if r.get("relative") is True else ""]
    return " | ".join(p for p in parts if p)


def _claim_title(r: Mapping[str, Any]) -> str:
    speaker = _text(r.get("speaker")) or "(unattributed)"
    kind = _text(r.get("speaker_type"))
    head = f"{_text(r.get('claim_id'))} {_text(r.get('label'))}".strip()
    parts = [head, f"{_text(r.get('stance')) or 'no stance'} -- by {speaker}" + (f" ({kind})" if kind else "")]
    for col, name in (("stance_cue", "stance cue"), ("cue", "reporting cue"), ("voice", "voice"),
                      ("outlet_stance", "outlet's stance"), ("speaker_stance", "speaker's stance"),
                      ("evidence", "matched")):
        if _text(r.get(col)):
            parts.append(f"{name}: {_text(r.get(col))}")
    return " | ".join(parts)


def _cluster_title(r: Mapping[str, Any]) -> str:
    parts = [f"cluster {_text(r.get('cluster_id'))}",
             f"{_num(r.get('n_articles'))} articles" if _num(r.get("n_articles")) else "",
             f"like: {_text(r.get('representative'))}" if _text(r.get("representative")) else ""]
    return " | ".join(p for p in parts if p)


def _reuse_detail(r: Mapping[str, Any]) -> str:
    parts = [f"{_num(r.get('n_words'))} words" if _num(r.get("n_words")) else "",
             f"similarity {float(r['score']):.2f}" if _num(r.get("score")) else "",
             "mostly quotation" if r.get("quoted") is True else ""]
    return "".join(f" | {p}" for p in parts if p)


# --------------------------------------------------------------------------
# reading tables


def _tables_for(article_id: str, tables) -> dict[str, pd.DataFrame]:
    if tables is None:
        return {}
    if isinstance(tables, (str, os.PathLike)):
        return _read_folder_rows(Path(tables), str(article_id))
    return {name: frame for name, frame in tables.items() if isinstance(frame, pd.DataFrame)}


def _read_folder_rows(folder: Path, article_id: str) -> dict[str, pd.DataFrame]:
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


def _article_row(article_id: str, articles) -> dict[str, Any]:
    if isinstance(articles, (str, os.PathLike)):
        frame = pd.read_parquet(_articles_file(articles), filters=[("article_id", "==", str(article_id))])
    else:
        frame = articles[articles["article_id"].astype(str) == str(article_id)]
    if frame.empty:
        raise KeyError(f"no article {article_id!r} in the articles table")
    if "body" not in frame.columns:
        raise ValueError("show_article() needs the articles' body column")
    return frame.iloc[0].to_dict()


def _outlet_names(articles, reuse: pd.DataFrame | None) -> dict[str, str]:
    if reuse is None or reuse.empty:
        return {}
    others = set(reuse["article_a"].astype(str)) | set(reuse["article_b"].astype(str))
    if isinstance(articles, (str, os.PathLike)):
        try:
            frame = pd.read_parquet(_articles_file(articles), columns=["article_id", "outlet"],
                                    filters=[("article_id", "in", sorted(others))])
        except (KeyError, ValueError):
            return {}
    else:
        if "outlet" not in articles.columns:
            return {}
        frame = articles[articles["article_id"].astype(str).isin(others)]
    return {str(a): _text(o) for a, o in zip(frame["article_id"], frame["outlet"]) if _text(o)}


def _records(frame: pd.DataFrame | None, article_id: str) -> list[dict[str, Any]]:
    if frame is None or frame.empty or "article_id" not in frame.columns:
        return []
    return frame[frame["article_id"].astype(str) == article_id].to_dict("records")


def _reuse_rows(frame: pd.DataFrame | None, article_id: str):
    if frame is None or frame.empty or "article_a" not in frame.columns:
        return
    # select this article's passages first: the corpus's reuse table can be large
    mine = frame[(frame["article_a"].astype(str) == article_id) | (frame["article_b"].astype(str) == article_id)]
    for r in mine.to_dict("records"):
        if str(r["article_a"]) == article_id:
            yield str(r["article_b"]), r.get("start_a"), r.get("end_a"), r
        if str(r["article_b"]) == article_id:
            yield str(r["article_a"]), r.get("start_b"), r.get("end_b"), r


def _origin_of(article_id: str, origins: pd.DataFrame | None) -> str:
    if origins is None or origins.empty or "origin_id" not in origins.columns:
        return ""
    row = origins[origins["article_id"].astype(str) == str(article_id)]
    if row.empty:
        return ""
    label = _text(row["origin_label"].iloc[0]) if "origin_label" in row else ""
    return f"{_text(row['origin_id'].iloc[0])}" + (f" ({label})" if label else "")


def _check_layers(layers: Iterable[str] | None) -> set[str] | None:
    if layers is None:
        return None
    chosen = {str(layer) for layer in layers}
    unknown = chosen - set(LAYERS)
    if unknown:
        raise ValueError(f"unknown layer(s) {', '.join(sorted(unknown))}; choose from {', '.join(LAYERS)}")
    return chosen


def _has(r: Mapping[str, Any], col: str) -> bool:
    return col in r and not _missing(r[col])


def _missing(value: Any) -> bool:
    try:
        return value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value))
    except TypeError:
        return False


def _text(value: Any) -> str:
    return "" if _missing(value) else str(value)


def _int(value: Any) -> int | None:
    if _missing(value):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _num(value: Any) -> str:
    if _missing(value):
        return ""
    try:
        return f"{float(value):,.6g}"
    except (TypeError, ValueError):
        return str(value)


def _date(value: Any) -> str:
    if _missing(value):
        return ""
    try:
        return pd.Timestamp(value).strftime("%Y-%m-%d")
    except (TypeError, ValueError):
        return str(value)
