"""A claims explorer for JupyterLab, and the plain table functions behind it.

The filtering is done by ordinary functions on DataFrames in
:mod:`analysis.explore.statement_filters` (``statement_table``, ``filter_statements``,
``facet_counts``, ``origin_summary``, ``measured_things``, ``figures_for``;
re-exported here), tested without a browser and usable from a script.
:class:`ClaimsExplorer` puts widgets (ipywidgets) on top: pick a claim,
stance, speaker, outlet or date range, read the matching statements grouped
by origin, click one to read its article with every extraction marked
(:func:`analysis.show_article`); a second tab does the same for figures.
It reads the tables of :func:`analysis.run_pipeline` or of an ``extract``
Parquet folder, so a large corpus is explored without recomputing anything:
only the article being read is loaded with its body.

Examples
--------
>>> import analysis
>>> tables = analysis.run_pipeline("seeds")                         # doctest: +SKIP
>>> analysis.ClaimsExplorer(tables["articles"], tables)             # doctest: +SKIP
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Mapping

import pandas as pd

from analysis.errors import ParameterError
from analysis.explore.statement_filters import (ANY, FIGURE_COLUMNS, STANCES, STATEMENT_COLUMNS, facet_counts, figures_for,
                                        filter_statements, measured_things, origin_summary, statement_label,
                                        statement_table)

__all__ = ["ANY", "FIGURE_COLUMNS", "STANCES", "STATEMENT_COLUMNS", "ClaimsExplorer", "facet_counts", "figures_for",
           "filter_statements", "load_explorer_tables", "measured_things", "origin_summary", "statement_label",
           "statement_table"]


# --------------------------------------------------------------------------
# loading


def load_explorer_tables(source: Mapping[str, pd.DataFrame] | str | os.PathLike[str]) -> dict[str, pd.DataFrame]:
    """The tables the explorer needs, from a dict or an ``extract`` folder.

    From a folder, the articles are read without their bodies (a body is
    read only when its article is shown).
    """
    if isinstance(source, (str, os.PathLike)):
        from analysis.scale.tables import load_tables

        folder = Path(source)
        present = {p.stem for p in folder.glob("*.parquet")}
        wanted = [t for t in ("claims", "clusters", "quantities", "origins") if t in present]
        import pyarrow.parquet as pq

        article_cols = [c for c in ("article_id", "outlet", "published", "headline")
                        if c in pq.read_schema(folder / "articles.parquet").names]
        out = load_tables(folder, ["articles", *wanted], columns={"articles": article_cols})
        return out
    return dict(source)


# --------------------------------------------------------------------------
# widgets


class ClaimsExplorer:
    """Filter statements and figures in JupyterLab; click one to read its marked article.

    Parameters
    ----------
    articles : pandas.DataFrame, str or path-like
        The articles table (with ``body``), or an ``extract`` Parquet folder.
    tables : mapping of str to pandas.DataFrame, str or path-like, optional
        The pipeline's tables (:func:`analysis.run_pipeline`), or an
        ``extract`` folder (default: the ``articles`` folder, when it is one).
        Needs ``claims`` (codebook claims or :func:`analysis.cluster_claims`
        output) or ``clusters``; uses ``origins``, ``quantities`` and every
        table :func:`analysis.show_article` marks.
    use : {"claims", "clusters"}, optional
        Which statements to explore (default: codebook claims when the
        tables have any, else clusters).
    max_rows : int, default 300
        Statements and figures listed at once (narrow the filters for more).
    max_choices : int, default 500
        Choices offered in each list (the most frequent; the others are
        reached by narrowing another filter first), so that a corpus with
        thousands of speakers keeps a usable list.

    Attributes
    ----------
    statements : pandas.DataFrame
        :func:`statement_table` of the corpus.
    matching : pandas.DataFrame
        The statements the current filters keep.
    widget : ipywidgets.Tab
        The explorer (two tabs: claims, figures).

    Examples
    --------
    >>> explorer = ClaimsExplorer(tables["articles"], tables)   # doctest: +SKIP
    >>> explorer.set_filters(stance="denies")                   # doctest: +SKIP
    >>> explorer.show_statement(0)                              # doctest: +SKIP
    """

    def __init__(self, articles: pd.DataFrame | str | os.PathLike[str],
                 tables: Mapping[str, pd.DataFrame] | str | os.PathLike[str] | None = None, *,
                 use: str | None = None, max_rows: int = 300, max_choices: int = 500) -> None:
        if tables is None:
            if not isinstance(articles, (str, os.PathLike)):
                raise ParameterError("ClaimsExplorer needs the tables (run_pipeline output or an extract folder)")
            tables = articles
        self._articles_source = articles
        self._tables_source = tables
        self.tables = load_explorer_tables(tables)
        meta = self.tables.get("articles")
        if meta is None:
            meta = articles if isinstance(articles, pd.DataFrame) else load_explorer_tables(articles)["articles"]
        self.articles_meta = meta
        statements = self._statements_source(use)
        self.statements = statement_table(statements, meta, self.tables.get("origins"))
        self.matching = self.statements
        self.max_rows = int(max_rows)
        self.max_choices = int(max_choices)
        quantities = self.tables.get("quantities")
        self.things = measured_things(quantities, meta) if quantities is not None else measured_things(
            pd.DataFrame({"article_id": [], "unit": []}))
        self.figures = pd.DataFrame(columns=FIGURE_COLUMNS)
        self._build()

    def _statements_source(self, use: str | None) -> pd.DataFrame:
        claims, clusters = self.tables.get("claims"), self.tables.get("clusters")
        if use not in (None, "claims", "clusters"):
            raise ParameterError(f"use must be 'claims' or 'clusters', not {use!r}")
        if use == "clusters" or (use is None and (claims is None or claims.empty) and clusters is not None):
            if clusters is not None:
                return clusters
            if claims is not None and "cluster_id" in claims:
                return claims
            raise ParameterError("no clusters table; make one with analysis.cluster_claims(articles)")
        if claims is None:
            raise ParameterError("the tables have no claims; run the claims step (or pass "
                                 "{'clusters': analysis.cluster_claims(articles)})")
        return claims

    # -- the widgets ------------------------------------------------------

    def _build(self) -> None:
        import ipywidgets as w

        wide = w.Layout(width="98%")
        # choices and their counts are filled in by _refresh (see _update_choices)
        self.claim = w.Dropdown(options=[ANY], value=ANY, description="claim", layout=wide)
        self.stance = w.ToggleButtons(options=[ANY], value=ANY, description="stance")
        self.speaker = w.Dropdown(options=[ANY], value=ANY, description="speaker")
        self.outlet = w.Dropdown(options=[ANY], value=ANY, description="outlet")
        self.date_from = w.DatePicker(description="from")
        self.date_to = w.DatePicker(description="to")
        self.summary = w.HTML()
        self.statement_list = w.Select(options=[], rows=12, layout=wide)
        self.whole_article = w.Checkbox(value=True, description="whole article (untick: only its paragraph)",
                                        style={"description_width": "initial"}, indent=False)
        self.article = w.HTML()
        for control in (self.claim, self.stance, self.speaker, self.outlet, self.date_from, self.date_to):
            control.observe(self._on_filter, names="value")
        self.statement_list.observe(self._on_statement, names="value")
        self.whole_article.observe(self._on_statement, names="value")
        claims_tab = w.VBox([self.claim, self.stance, w.HBox([self.speaker, self.outlet]),
                             w.HBox([self.date_from, self.date_to]), self.summary,
                             w.HTML("<b>Statements</b> (grouped by independent origin; click one to read it):"),
                             self.statement_list, self.whole_article, self.article])

        thing_options = [(f"{r.unit} ({r.n_articles} articles, {r.n_figures} figures)", r.unit)
                         for r in self.things.itertuples()]
        self.thing = w.Dropdown(options=[(ANY, ANY)] + thing_options, value=ANY, description="measure",
                                layout=wide)
        self.figure_table = w.HTML()
        self.figure_list = w.Select(options=[], rows=10, layout=wide)
        self.figure_article = w.HTML()
        self.thing.observe(self._on_thing, names="value")
        self.figure_list.observe(self._on_figure, names="value")
        figures_tab = w.VBox([self.thing, self.figure_table,
                              w.HTML("<b>Figures</b> (click one to read it in its article):"),
                              self.figure_list, self.figure_article])
        self.widget = w.Tab(children=[claims_tab, figures_tab])
        self.widget.set_title(0, "Claims")
        self.widget.set_title(1, "Figures")
        self._refresh()

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict[str, Any]:
        # The widget for JupyterLab, plus a static fallback (text/html) that a
        # report or a frontend without widgets shows instead of the widget's repr.
        bundle = dict(self.widget._repr_mimebundle_(include=include, exclude=exclude) or {})
        bundle["text/plain"] = self.describe()
        bundle["text/html"] = self.static_html()
        return bundle

    def describe(self) -> str:
        """One line: what the explorer holds."""
        s = self.statements
        return (f"ClaimsExplorer: {len(s):,} statements ({s.attrs.get('kind', 'claims')}) in "
                f"{s['article_id'].nunique():,} articles from {s['origin_id'].nunique():,} independent origins; "
                f"{len(self.things):,} measured things (interactive: open this notebook in JupyterLab)")

    def static_html(self) -> str:
        """The explorer without widgets: what it holds, by origin and by measured thing (escaped tables)."""
        import html

        return (f"<p><b>{html.escape(self.describe())}</b></p>"
                "<p>Statements by independent origin:</p>"
                + origin_summary(self.statements).head(20).to_html(index=False, escape=True, border=0)
                + "<p>Measured things:</p>"
                + self.things.head(20).to_html(index=False, escape=True, border=0))

    # -- programmatic use (and what the widgets call) ---------------------

    def set_filters(self, *, claim: str = ANY, stance: str = ANY, speaker: str = ANY, outlet: str = ANY,
                    date_from: Any = None, date_to: Any = None) -> pd.DataFrame:
        """Set the filter widgets and return the matching statements."""
        self._quiet = True
        try:
            self.claim.value, self.stance.value = claim, stance
            self.speaker.value, self.outlet.value = speaker, outlet
            self.date_from.value = None if date_from is None else pd.Timestamp(date_from).date()
            self.date_to.value = None if date_to is None else pd.Timestamp(date_to).date()
        finally:
            self._quiet = False
        self._refresh()
        return self.matching

    def show_statement(self, position: int):
        """Show the article of the ``position``-th matching statement; return the view."""
        self.statement_list.value = int(position)
        return self._current_view

    def show_figures(self, unit: str) -> pd.DataFrame:
        """List the figures given in ``unit``; return them."""
        self.thing.value = unit
        return self.figures

    # -- callbacks --------------------------------------------------------

    _quiet = False
    _current_view = None

    def _on_filter(self, _change=None) -> None:
        if not self._quiet:
            self._refresh()

    def _filters(self) -> dict[str, Any]:
        return {"claims": self.claim.value, "stances": self.stance.value, "speakers": self.speaker.value,
                "outlets": self.outlet.value, "date_from": self.date_from.value, "date_to": self.date_to.value}

    def _update_choices(self) -> None:
        """Each list offers what the other filters leave, with counts (the current choice stays)."""
        filters = self._filters()
        labels = self.statements.drop_duplicates("claim_id").set_index("claim_id")["label"]
        for control, column in ((self.claim, "claim_id"), (self.stance, "stance"), (self.speaker, "speaker"),
                                (self.outlet, "outlet")):
            counts = facet_counts(self.statements, column, **filters).head(self.max_choices)
            if column == "stance":  # always in the same order: asserts, hedged, denies
                counts = counts.reindex([v for v in STANCES if v in counts.index])
            current = control.value
            options = [(ANY, ANY)]
            for value, n in counts.items():
                text = f"{value} ({n})"
                if column == "claim_id" and labels.get(value):
                    text = f"{value} ({n}) {labels[value]}"[:120]
                options.append((text, value))
            if current != ANY and current not in counts.index:
                options.append((f"{current} (0)", current))
            if list(control.options) != options:
                control.options = options
                control.value = current

    def _refresh(self) -> None:
        self._quiet = True
        try:
            self._update_choices()
        finally:
            self._quiet = False
        self.matching = filter_statements(self.statements, **self._filters())
        groups = origin_summary(self.matching)
        shown = self.matching.head(self.max_rows)
        more = (f" (first {self.max_rows} listed; narrow the filters)" if len(self.matching) > self.max_rows
                else "")
        self.summary.value = (f"<p><b>{len(self.matching):,}</b> statements in "
                              f"<b>{self.matching['article_id'].nunique():,}</b> articles from "
                              f"<b>{len(groups):,}</b> independent origins{more}</p>"
                              + groups.head(20).to_html(index=False, escape=True, border=0))
        self.statement_list.value = None
        self.statement_list.options = [(statement_label(r), i) for i, r in enumerate(shown.to_dict("records"))]
        self.article.value = ""

    def _on_statement(self, _change=None) -> None:
        from analysis.explore.article_view import show_article

        i = self.statement_list.value
        if i is None:
            return
        row = self.matching.iloc[int(i)]
        focus = [(int(row["start"]), int(row["end"]))] if int(row["start"]) >= 0 else None
        view = show_article(row["article_id"], self._articles_source, self._view_tables(), focus=focus,
                            excerpt=not self.whole_article.value)
        self._current_view = view
        self.article.value = view.html

    def _on_thing(self, _change=None) -> None:
        unit = self.thing.value
        if unit in (None, ANY) or "quantities" not in self.tables:
            self.figures = pd.DataFrame(columns=FIGURE_COLUMNS)
        else:
            self.figures = figures_for(self.tables["quantities"], unit, self.articles_meta,
                                       self.tables.get("origins"))
        shown = self.figures.head(self.max_rows)
        table = shown[["origin_label", "outlet", "published", "surface", "qualifier", "value", "value_high",
                       "subject", "sentence"]]
        self.figure_table.value = table.to_html(index=False, escape=True, border=0, na_rep="")
        self.figure_list.value = None
        self.figure_list.options = [
            (f"{r['origin_label']} | {r['outlet']} | {r['surface']} ({r['qualifier']}) | {r['subject']}"[:140], i)
            for i, r in enumerate(shown.to_dict("records"))]
        self.figure_article.value = ""

    def _on_figure(self, _change=None) -> None:
        from analysis.explore.article_view import show_article

        i = self.figure_list.value
        if i is None:
            return
        row = self.figures.iloc[int(i)]
        view = show_article(row["article_id"], self._articles_source, self._view_tables(),
                            focus=[(int(row["start"]), int(row["end"]))])
        self._current_view = view
        self.figure_article.value = view.html

    def _view_tables(self):
        # an extract folder is read article by article (filtered Parquet reads);
        # in-memory tables are indexed by article once, so a click costs one article
        if isinstance(self._tables_source, (str, os.PathLike)):
            return self._tables_source
        if self._indexed is None:
            from analysis.explore.article_view import ArticleTables

            self._indexed = ArticleTables(self.tables)
        return self._indexed

    _indexed = None


