"""A claims explorer for JupyterLab, and the plain table functions behind it.

The filtering is done by ordinary functions on DataFrames, tested without a
browser and usable from a script:

* :func:`statement_table` -- one row per statement (a claim, or a
  codebook-free claim cluster, in one sentence) with its stance, speaker,
  outlet, publication date and independent origin;
* :func:`filter_statements` -- by claim, stance, speaker, outlet and date range;
* :func:`origin_summary` -- the matching statements grouped by independent
  origin (five outlets running one wire story are one origin);
* :func:`measured_things` and :func:`figures_for` -- the units figures are
  given in, and one unit's figures across sources with their sentences.

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
from typing import Any, Iterable, Mapping

import pandas as pd

from analysis.errors import ParameterError

STANCES = ("asserts", "hedged", "denies")
ANY = "(any)"

#: Columns of :func:`statement_table`, in order (voice-type columns of the
#: claims table, when present, follow ``stance``).
STATEMENT_COLUMNS = ["origin_id", "origin_label", "claim_id", "label", "stance", "speaker", "speaker_type",
                     "outlet", "published", "article_id", "sentence_id", "start", "end", "sentence"]
_EXTRA_CLAIM_COLUMNS = ("voice", "speaker_stance", "outlet_stance", "stance_cue", "cue")
FIGURE_COLUMNS = ["origin_id", "origin_label", "outlet", "published", "surface", "value", "value_high", "unit",
                  "qualifier", "subject", "sentence", "article_id", "start", "end"]


# --------------------------------------------------------------------------
# plain functions


def statement_table(claims: pd.DataFrame, articles: pd.DataFrame,
                    origins: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per statement, with everything the explorer filters on.

    Parameters
    ----------
    claims : pandas.DataFrame
        :func:`analysis.tag_claims` output (``claim_id``, ``stance``,
        ``speaker``, ...) or :func:`analysis.cluster_claims` output
        (``cluster_id``; its representative sentence becomes the ``label``
        and the stance is left empty).
    articles : pandas.DataFrame
        ``article_id`` and, when present, ``outlet`` and ``published`` (the
        body is not needed).
    origins : pandas.DataFrame, optional
        :func:`analysis.origins` output.  Without it every article is its own
        origin (``origin_id`` = the article id).

    Returns
    -------
    pandas.DataFrame
        :data:`STATEMENT_COLUMNS` (plus ``voice`` and similar columns when the
        claims table has them), sorted by origin, then publication date,
        article and position; ``attrs["kind"]`` is ``"claims"`` or
        ``"clusters"``.

    Raises
    ------
    ParameterError
        The claims table has neither ``claim_id`` nor ``cluster_id``.

    Examples
    --------
    >>> claims = pd.DataFrame({"article_id": ["a", "b"], "claim_id": ["C1", "C1"],
    ...                        "stance": ["asserts", "denies"], "speaker": ["X", "Y"],
    ...                        "start": [0, 0], "end": [5, 5], "sentence": ["It is.", "No."]})
    >>> arts = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["Post", "Times"]})
    >>> statement_table(claims, arts)[["origin_id", "outlet", "stance"]].values.tolist()
    [['a', 'Post', 'asserts'], ['b', 'Times', 'denies']]
    """
    if "claim_id" in claims.columns:
        kind = "claims"
        frame = claims.copy()
    elif "cluster_id" in claims.columns:
        kind = "clusters"
        frame = claims.rename(columns={"cluster_id": "claim_id"})
        frame["label"] = frame["representative"] if "representative" in frame else ""
        frame["stance"] = ""
    else:
        raise ParameterError("the claims table needs a claim_id (tag_claims) or cluster_id (cluster_claims) "
                             f"column; it has {', '.join(map(str, claims.columns))}")
    frame["article_id"] = frame["article_id"].astype(str)
    for col in ("label", "stance", "speaker", "speaker_type", "sentence"):
        frame[col] = frame[col].fillna("").astype(str) if col in frame else ""
    for col in ("sentence_id", "start", "end"):
        if col not in frame:
            frame[col] = -1
    meta = pd.DataFrame({"article_id": articles["article_id"].astype(str).to_numpy()})
    meta["outlet"] = articles["outlet"].fillna("").astype(str).to_numpy() if "outlet" in articles else ""
    meta["published"] = (pd.to_datetime(articles["published"], errors="coerce").to_numpy()
                         if "published" in articles else pd.NaT)
    frame = frame.drop(columns=[c for c in ("outlet", "published") if c in frame]).merge(
        meta, on="article_id", how="left")
    frame["outlet"] = frame["outlet"].fillna("")
    frame = _with_origins(frame, origins)
    extra = [c for c in _EXTRA_CLAIM_COLUMNS if c in frame.columns]
    columns = STATEMENT_COLUMNS[:5] + extra + STATEMENT_COLUMNS[5:]
    out = frame[columns].sort_values(["origin_id", "published", "article_id", "start", "claim_id"],
                                     kind="mergesort", na_position="last").reset_index(drop=True)
    out.attrs["kind"] = kind
    return out


def filter_statements(statements: pd.DataFrame, *, claims: Iterable[str] | str | None = None,
                      stances: Iterable[str] | str | None = None, speakers: Iterable[str] | str | None = None,
                      outlets: Iterable[str] | str | None = None, date_from: Any = None,
                      date_to: Any = None) -> pd.DataFrame:
    """The statements matching every filter given.

    Parameters
    ----------
    statements : pandas.DataFrame
        :func:`statement_table` output.
    claims, stances, speakers, outlets : str or iterable of str, optional
        Keep rows whose ``claim_id`` / ``stance`` / ``speaker`` / ``outlet``
        is one of these.  ``None``, an empty list and ``"(any)"`` mean no
        filter.
    date_from, date_to : date-like, optional
        Keep articles published on or after / on or before these days
        (inclusive).  Articles without a publication date are left out when
        either bound is given.

    Returns
    -------
    pandas.DataFrame
        The matching rows, in the input order.

    Raises
    ------
    ParameterError
        An unknown stance, or a date that cannot be read.

    Examples
    --------
    >>> st = pd.DataFrame({"claim_id": ["C1", "C1", "C2"], "stance": ["asserts", "denies", "asserts"],
    ...                    "speaker": ["X", "Y", "X"], "outlet": ["P", "P", "Q"],
    ...                    "published": pd.to_datetime(["2024-01-01", "2024-01-03", None])})
    >>> filter_statements(st, stances="denies").index.tolist()
    [1]
    >>> filter_statements(st, speakers=["X"], date_to="2024-01-02").index.tolist()
    [0]
    """
    keep = pd.Series(True, index=statements.index)
    for column, wanted in (("claim_id", claims), ("stance", stances), ("speaker", speakers), ("outlet", outlets)):
        values = _choice(wanted)
        if values is None:
            continue
        if column == "stance":
            unknown = values - set(STANCES) - {""}
            if unknown:
                raise ParameterError(f"unknown stance(s) {', '.join(sorted(unknown))}; "
                                     f"choose from {', '.join(STANCES)}")
        keep &= statements[column].astype(str).isin(values)
    if date_from is not None or date_to is not None:
        published = pd.to_datetime(statements["published"], errors="coerce").dt.normalize()
        keep &= published.notna()
        if date_from is not None:
            keep &= published >= _day(date_from, "date_from")
        if date_to is not None:
            keep &= published <= _day(date_to, "date_to")
    return statements[keep]


_FILTER_OF = {"claim_id": "claims", "stance": "stances", "speaker": "speakers", "outlet": "outlets"}


def facet_counts(statements: pd.DataFrame, column: str, **filters: Any) -> pd.Series:
    """How many statements each value of ``column`` would keep, given the *other* filters.

    The explorer lists each filter's choices with these counts, so that
    after picking a stance the speaker list holds only speakers who take it.

    Parameters
    ----------
    statements : pandas.DataFrame
        :func:`statement_table` output.
    column : {"claim_id", "stance", "speaker", "outlet"}
        The filter whose choices are counted (its own filter is ignored).
    **filters
        Keyword arguments of :func:`filter_statements`.

    Returns
    -------
    pandas.Series
        value -> number of statements, most frequent first (ties by value);
        empty values left out.

    Examples
    --------
    >>> st = pd.DataFrame({"claim_id": ["C1", "C1", "C2"], "stance": ["asserts", "denies", "denies"],
    ...                    "speaker": ["X", "Y", "Y"], "outlet": ["P", "P", "Q"], "published": pd.NaT})
    >>> facet_counts(st, "speaker", stances="denies", speakers="X").to_dict()
    {'Y': 2}
    """
    if column not in _FILTER_OF:
        raise ParameterError(f"no filter on {column!r}; choose from {', '.join(_FILTER_OF)}")
    filters = {k: v for k, v in filters.items() if k != _FILTER_OF[column]}
    values = filter_statements(statements, **filters)[column].fillna("").astype(str)
    counts = values[values != ""].value_counts()
    order = sorted(counts.index, key=lambda v: (-counts[v], v))
    return counts.reindex(order).rename(column)


def origin_summary(statements: pd.DataFrame) -> pd.DataFrame:
    """Statements grouped by independent origin.

    Returns
    -------
    pandas.DataFrame
        One row per origin: ``origin_id``, ``origin_label``,
        ``n_statements``, ``n_articles``, ``outlets`` and ``speakers``
        (comma-separated, most frequent first) and the count of each stance
        (``asserts``, ``hedged``, ``denies``); origins with most articles
        first.
    """
    columns = ["origin_id", "origin_label", "n_statements", "n_articles", "outlets", "speakers", *STANCES]
    if statements.empty:
        return pd.DataFrame(columns=columns)
    rows = []
    for (origin, label), g in statements.groupby(["origin_id", "origin_label"], sort=False):
        row = {"origin_id": origin, "origin_label": label, "n_statements": len(g),
               "n_articles": g["article_id"].nunique(), "outlets": _ranked(g["outlet"]),
               "speakers": _ranked(g["speaker"])}
        counts = g["stance"].value_counts()
        row.update({s: int(counts.get(s, 0)) for s in STANCES})
        rows.append(row)
    table = pd.DataFrame(rows, columns=columns)
    return table.sort_values(["n_articles", "n_statements", "origin_id"], ascending=[False, False, True],
                             kind="mergesort").reset_index(drop=True)


def measured_things(quantities: pd.DataFrame, articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """The units figures are given in: what is measured or counted, and how widely.

    Returns
    -------
    pandas.DataFrame
        ``unit``, ``kind`` (most common), ``n_figures``, ``n_articles``,
        ``n_outlets`` (when ``articles`` has outlets) and ``subjects`` (the
        three most common subjects as written); units reported by most
        articles first.  Figures without a unit are left out.
    """
    columns = ["unit", "kind", "n_figures", "n_articles", "n_outlets", "subjects"]
    q = quantities[quantities["unit"].fillna("").astype(str) != ""] if "unit" in quantities else quantities.iloc[:0]
    if q.empty:
        return pd.DataFrame(columns=columns)
    q = q.assign(article_id=q["article_id"].astype(str))
    if articles is not None and "outlet" in articles:
        names = dict(zip(articles["article_id"].astype(str), articles["outlet"].fillna("").astype(str)))
        q = q.assign(outlet=q["article_id"].map(names).fillna(""))
    rows = []
    for unit, g in q.groupby(q["unit"].astype(str), sort=False):
        rows.append({"unit": unit,
                     "kind": g["kind"].astype(str).mode().iloc[0] if "kind" in g else "",
                     "n_figures": len(g), "n_articles": g["article_id"].nunique(),
                     "n_outlets": g["outlet"].nunique() if "outlet" in g else g["article_id"].nunique(),
                     "subjects": _ranked(g["subject"], 3) if "subject" in g else ""})
    table = pd.DataFrame(rows, columns=columns)
    return table.sort_values(["n_articles", "n_figures", "unit"], ascending=[False, False, True],
                             kind="mergesort").reset_index(drop=True)


def figures_for(quantities: pd.DataFrame, unit: str, articles: pd.DataFrame | None = None,
                origins: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every figure given in ``unit``, across sources, with its sentence.

    Returns
    -------
    pandas.DataFrame
        :data:`FIGURE_COLUMNS`, sorted by origin, publication date and
        position.
    """
    q = quantities[quantities["unit"].fillna("").astype(str) == str(unit)].copy()
    q["article_id"] = q["article_id"].astype(str)
    for col in ("surface", "qualifier", "subject", "sentence"):
        q[col] = q[col].fillna("").astype(str) if col in q else ""
    for col in ("value", "value_high"):
        if col not in q:
            q[col] = float("nan")
    meta = pd.DataFrame({"article_id": [], "outlet": [], "published": []})
    if articles is not None:
        meta = pd.DataFrame({"article_id": articles["article_id"].astype(str).to_numpy(),
                             "outlet": (articles["outlet"].fillna("").astype(str).to_numpy()
                                        if "outlet" in articles else ""),
                             "published": (pd.to_datetime(articles["published"], errors="coerce").to_numpy()
                                           if "published" in articles else pd.NaT)})
    q = q.drop(columns=[c for c in ("outlet", "published") if c in q]).merge(meta, on="article_id", how="left")
    q["outlet"] = q["outlet"].fillna("")
    q = _with_origins(q, origins)
    return q[FIGURE_COLUMNS].sort_values(["origin_id", "published", "article_id", "start"], kind="mergesort",
                                         na_position="last").reset_index(drop=True)


def statement_label(row: Mapping[str, Any], width: int = 110) -> str:
    """A one-line description of a statement, for a list to pick from."""
    parts = [str(row.get("origin_label") or row.get("origin_id") or ""), str(row.get("outlet") or ""),
             _day_text(row.get("published")), str(row.get("claim_id") or "")]
    if row.get("stance"):
        parts.append(f"{row['stance']} by {row.get('speaker') or '?'}")
    head = " | ".join(p for p in parts if p)
    sentence = " ".join(str(row.get("sentence") or "").split())
    room = max(20, width - len(head) - 3)
    return f"{head} | {sentence[:room] + ('...' if len(sentence) > room else '')}"


def _with_origins(frame: pd.DataFrame, origins: pd.DataFrame | None) -> pd.DataFrame:
    frame = frame.drop(columns=[c for c in ("origin_id", "origin_label") if c in frame])
    if origins is not None and not origins.empty and "origin_id" in origins:
        o = pd.DataFrame({"article_id": origins["article_id"].astype(str).to_numpy(),
                          "origin_id": origins["origin_id"].astype(str).to_numpy(),
                          "origin_label": (origins["origin_label"].fillna("").astype(str).to_numpy()
                                           if "origin_label" in origins else "")})
        frame = frame.merge(o, on="article_id", how="left")
    else:
        frame = frame.assign(origin_id=pd.NA, origin_label=pd.NA)
    # an article with no known origin is its own
    missing = frame["origin_id"].isna()
    frame.loc[missing, "origin_id"] = frame.loc[missing, "article_id"]
    frame.loc[missing, "origin_label"] = frame.loc[missing, "outlet"]
    frame["origin_label"] = frame["origin_label"].fillna("")
    return frame


def _choice(wanted: Iterable[str] | str | None) -> set[str] | None:
    if wanted is None:
        return None
    values = {wanted} if isinstance(wanted, str) else {str(v) for v in wanted}
    values.discard(ANY)
    return values or None


def _day(value: Any, name: str) -> pd.Timestamp:
    try:
        day = pd.Timestamp(value)
    except (TypeError, ValueError):
        raise ParameterError(f"{name} must be a date (YYYY-MM-DD), got {value!r}") from None
    if pd.isna(day):
        raise ParameterError(f"{name} must be a date (YYYY-MM-DD), got {value!r}")
    return day.tz_localize(None).normalize() if day.tzinfo else day.normalize()


def _day_text(value: Any) -> str:
    try:
        return "" if value is None or pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d")
    except (TypeError, ValueError):
        return str(value)


def _ranked(values: pd.Series, top: int | None = None) -> str:
    counts = values.fillna("").astype(str).replace("", pd.NA).dropna().value_counts(sort=True)
    names = list(counts.index[:top] if top else counts.index)
    return ", ".join(names)


# --------------------------------------------------------------------------
# loading


def load_explorer_tables(source: Mapping[str, pd.DataFrame] | str | os.PathLike[str]) -> dict[str, pd.DataFrame]:
    """The tables the explorer needs, from a dict or an ``extract`` folder.

    From a folder, the articles are read without their bodies (a body is
    read only when its article is shown).
    """
    if isinstance(source, (str, os.PathLike)):
        from analysis.tables import load_tables

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
        from analysis.article_view import show_article

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
        from analysis.article_view import show_article

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
            from analysis.article_view import ArticleTables

            self._indexed = ArticleTables(self.tables)
        return self._indexed

    _indexed = None


