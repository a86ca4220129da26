"""Figures as intervals, and the headline figures of a corpus.

A reported figure is rarely a point: "about 900 km", "more than 1,000
containers", "thousands of containers", "21 of roughly 50 missiles".  To
compare what sources say, each figure becomes two intervals, computed by
:func:`analysis.compare.figure_bounds.figure_bounds` (the same rules
:func:`analysis.find_contradictions` uses):

* ``low``/``high`` -- the *literal* interval, what the words cannot be false
  about ("more than 1,000" = [1,000, ∞));
* ``plausible_low``/``plausible_high`` -- the *pragmatic* interval, what a
  reader takes the words to mean ("more than 1,000" = [1,000, 2,000];
  "thousands" = [2,000, 10,000)).

Two sources *contradict* each other when their literal intervals do not
meet, and are in *tension* when only the pragmatic ones do not: "more than
1,000" and "thousands" can both be true, but a writer who knew of thousands
would not write "more than 1,000".

The *headline figures* of a corpus are found from the data, not typed in:
figures are grouped by what they measure -- the unit *and* the measured
thing (:mod:`analysis.compare.figure_groups`: "about 900 km" of range apart from
"365 km" of distance) -- and the groups that the most sources report, most
often, come first.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from analysis.errors import ParameterError
from analysis.compare.figure_bounds import figure_bounds
from analysis.compare.figure_groups import explain_comparison, group_figures
from analysis.checks import require_columns
from analysis.lexicon.units import TIME_UNITS

QUANTITY_COLUMNS = ["article_id", "surface", "value", "value_high", "unit", "qualifier"]
INTERVAL_COLUMNS = ["low", "high", "plausible_low", "plausible_high", "open_low", "open_high"]

# Units of elapsed time (TIME_UNITS) are context in most stories, rarely the
# figure sources dispute, so they rank after every other unit.


def figure_intervals(quantities: pd.DataFrame, approx_tolerance: float = 0.1) -> pd.DataFrame:
    """Add the literal and pragmatic interval of every figure.

    Parameters
    ----------
    quantities : pandas.DataFrame
        Output of :func:`analysis.extract_quantities` (needs article_id,
        surface, value, value_high, unit, qualifier).
    approx_tolerance : float, default 0.1
        Relative half-width of the pragmatic band around an approximate
        figure ("about 900 km" -> 810-990 km).  Must be in [0, 1).

    Returns
    -------
    pandas.DataFrame
        A copy with ``low``, ``high`` (literal; +inf for open bounds),
        ``plausible_low``, ``plausible_high`` (pragmatic) and ``open_low``,
        ``open_high`` (bool: the literal interval is unbounded on that side
        by the wording, as in "at least", "at most").  A part of a whole
        ("21 of 50") is the point ``value``; its whole stays in ``of_value``.

    Raises
    ------
    analysis.errors.ParameterError
        If ``approx_tolerance`` is outside [0, 1).

    Examples
    --------
    >>> q = pd.DataFrame({"article_id": ["a"], "surface": ["more than 1,000"], "value": [1000.0],
    ...                   "value_high": [np.nan], "unit": ["container"], "qualifier": ["at_least"]})
    >>> row = figure_intervals(q).iloc[0]
    >>> float(row["low"]), float(row["high"]), float(row["plausible_high"]), bool(row["open_high"])
    (1000.0, inf, 1500.0, True)
    """
    require_columns(quantities, QUANTITY_COLUMNS, "figure_intervals")
    if not 0 <= float(approx_tolerance) < 1:
        raise ParameterError(f"approx_tolerance must be in [0, 1), got {approx_tolerance!r}")
    out = quantities.copy()
    literal, plausible = [], []
    for value, high, qualifier, surface in zip(out["value"], out["value_high"], out["qualifier"], out["surface"]):
        bounds = figure_bounds(value, high, qualifier, str(surface), approx_tolerance=float(approx_tolerance))
        if bounds is None:  # part of a whole, or a figure without a number: the value itself
            v = pd.to_numeric(pd.Series([value]), errors="coerce").iloc[0]
            bounds = ((float(v), float(v)), (float(v), float(v)))
        literal.append(bounds[0])
        plausible.append(bounds[1])
    out["low"] = [lo for lo, _ in literal] if literal else pd.Series(dtype=float)
    out["high"] = [hi for _, hi in literal] if literal else pd.Series(dtype=float)
    out["plausible_low"] = [lo for lo, _ in plausible] if plausible else pd.Series(dtype=float)
    out["plausible_high"] = [hi for _, hi in plausible] if plausible else pd.Series(dtype=float)
    qualifier = out["qualifier"].astype(str)
    out["open_low"] = (qualifier == "at_most").to_numpy()
    out["open_high"] = ((qualifier == "at_least") | np.isinf(out["high"].astype(float))).to_numpy()
    return out.astype({"low": float, "high": float, "plausible_low": float, "plausible_high": float})


# The pragmatic upper end of "at least v" (2v) and of a vague amount
# ("thousands" < 10,000) is where the wording stops being natural, not a
# value it allows: those intervals are open above, so "more than 1,000"
# ([1,000, 2,000)) and "thousands" ([2,000, 10,000)) do not meet.
_OPEN_ABOVE = frozenset({"at_least", "vague"})


def _meet(group: pd.DataFrame) -> bool:
    """Whether the pragmatic intervals of ``group`` share a value."""
    lows = group["plausible_low"].astype(float)
    highs = group["plausible_high"].astype(float)
    lo, hi = float(lows.max()), float(highs.min())
    if lo < hi:
        return True
    if lo > hi:
        return False
    at_top = group[highs == hi]
    open_top = at_top["qualifier"].astype(str).isin(_OPEN_ABOVE) & (at_top["plausible_low"] < at_top["plausible_high"])
    return not bool(open_top.any())


def _fmt(v: float) -> str:
    if not np.isfinite(v):
        return "∞" if v > 0 else "-∞"
    return f"{v:,.0f}" if float(v).is_integer() or abs(v) >= 100 else f"{v:,.3g}"


def _source_names(frame: pd.DataFrame, articles: pd.DataFrame | None) -> pd.Series:
    if articles is not None and "outlet" in articles:
        names = frame["article_id"].map(articles.set_index("article_id")["outlet"])
        names = names.fillna("").astype(str)
        return names.where(names != "", frame["article_id"].astype(str))
    return frame["article_id"].astype(str)


def distinct_figures(quantities: pd.DataFrame) -> pd.DataFrame:
    """One row per distinct figure of an article, with ``n_mentions``.

    Pages often repeat a sentence (a standfirst repeated in the body, a
    caption): the same figure with the same wording in the same article is
    one statement, not two sources of support.

    Parameters
    ----------
    quantities : pandas.DataFrame
        Output of :func:`analysis.extract_quantities`.

    Returns
    -------
    pandas.DataFrame
        The first mention of each (article_id, unit, value, value_high,
        qualifier, surface) in input order, plus ``n_mentions``.

    Examples
    --------
    >>> q = pd.DataFrame({"article_id": ["a", "a"], "surface": ["thousands"] * 2, "value": [2000.0] * 2,
    ...                   "value_high": [np.nan] * 2, "unit": ["container"] * 2, "qualifier": ["vague"] * 2})
    >>> distinct_figures(q)["n_mentions"].tolist()
    [2]
    """
    require_columns(quantities, QUANTITY_COLUMNS, "distinct_figures")
    key = pd.DataFrame({
        "a": quantities["article_id"].astype(str),
        "u": quantities["unit"].fillna("").astype(str),
        "v": pd.to_numeric(quantities["value"], errors="coerce").fillna(np.nan).astype(str),
        "h": pd.to_numeric(quantities["value_high"], errors="coerce").astype(str),
        "q": quantities["qualifier"].astype(str),
        "s": quantities["surface"].astype(str).str.lower().str.split().str.join(" "),
    })
    counts = key.groupby(list(key.columns), sort=False, dropna=False)["a"].transform("size")
    first = ~key.duplicated()
    return quantities[first.to_numpy()].assign(n_mentions=counts[first].to_numpy()).reset_index(drop=True)


def figure_label(surface: str, qualifier: str, of_value: Any = None) -> str:
    """'21 of 50' for a part of a whole, else the surface on one line."""
    text = " ".join(str(surface).split())
    try:
        whole = float(of_value)
    except (TypeError, ValueError):
        whole = np.nan
    if qualifier == "part_of" and np.isfinite(whole):
        text += f" (of {_fmt(whole)})"
    return text


def headline_figures(quantities: pd.DataFrame, articles: pd.DataFrame | None = None, top: int = 5,
                     approx_tolerance: float = 0.1, min_sources: int = 2, by: str = "measure") -> pd.DataFrame:
    """The figures a corpus is about: groups of same-unit figures across sources.

    Figures are grouped by what they measure (``by``); a group's rank comes from how many
    different articles report a figure in that group, then how many figures
    it holds, then how many of them carry a qualifier (a qualified figure --
    "at least", "about", "21 of 50" -- is usually a claim, an exact small
    number is more often incidental).  Units of time (years, days) rank
    last.  Within a group, the intervals tell whether the sources are
    compatible.

    Parameters
    ----------
    quantities : pandas.DataFrame
        Output of :func:`analysis.extract_quantities`.
    articles : pandas.DataFrame, optional
        The articles, to name sources by outlet.
    top : int, default 5
        Number of groups to return (all when 0).
    approx_tolerance : float, default 0.1
        See :func:`figure_intervals`.
    min_sources : int, default 2
        Keep only units reported by at least this many articles -- a figure
        only one source gives cannot be cross-checked.  When no unit reaches
        it (a one-article corpus), every unit is eligible.
    by : {"measure", "unit"}, default "measure"
        ``"measure"`` groups by what the figures measure (unit *and* measured
        thing, :func:`analysis.compare.figure_groups.group_figures`), so "about 900
        km" (a range) is not compared with "365 km" (a distance), nor "up to
        500 soldiers" with "1,200 people"; each row lists in
        ``not_compared`` the figures sharing its unit but measuring something
        else, with the reason.  ``"unit"`` groups by unit alone (the
        behaviour before measures existed).

    Returns
    -------
    pandas.DataFrame
        One row per headline group, best first: rank, unit, n_sources,
        n_figures, low / high (the literal interval every comparable figure
        allows: largest lower bound, smallest upper bound), consistent
        (the literal intervals share a value), as_read (the pragmatic ones
        do too), verdict (``"single figure"``, ``"consistent"``,
        ``"tension"`` -- literally compatible, not as read -- or ``"no common
        value"``), figures (list of "surface (source)" strings, in value
        order), article_ids (list), values (list of floats), measure (the
        group's measure; the unit when ``by="unit"``) and not_compared (list
        of "surface (source): reason" for same-unit figures left out of the
        group; empty when ``by="unit"``).  Parts of a
        whole ("21 of 50") are listed but not compared: a subset count is
        not a rival estimate.

    Examples
    --------
    >>> q = analysis.extract_quantities(analysis.load_corpus("seeds"))   # doctest: +SKIP
    >>> headline_figures(q)[["unit", "n_sources"]]                       # doctest: +SKIP
    """
    columns = ["rank", "unit", "n_sources", "n_figures", "low", "high", "consistent", "as_read",
               "verdict", "figures", "article_ids", "values", "measure", "not_compared"]
    if by not in ("unit", "measure"):
        raise ParameterError(f"by must be 'unit' or 'measure', got {by!r}")
    intervals = figure_intervals(distinct_figures(quantities), approx_tolerance)
    intervals = intervals[intervals["value"].notna() & (intervals["unit"].fillna("").astype(str) != "")]
    if intervals.empty:
        return pd.DataFrame(columns=columns)
    intervals = intervals.assign(source=_source_names(intervals, articles),
                                 qualified=intervals["qualifier"].astype(str) != "exact")
    if by == "measure":
        intervals = group_figures(intervals)
    else:
        intervals = intervals.assign(measure=intervals["unit"])
    rows = []
    for measure, group in intervals.groupby("measure", sort=False):
        unit = group["unit"].iloc[0]
        group = group.sort_values(["value", "article_id"])
        compared = group[group["qualifier"].astype(str) != "part_of"]
        if compared.empty:
            compared = group
        lower, upper = float(compared["low"].max()), float(compared["high"].min())
        consistent = bool(lower <= upper)
        as_read = _meet(compared)
        if len(compared) < 2:
            verdict = "single figure"
        elif not consistent:
            verdict = "no common value"
        else:
            verdict = "consistent" if as_read else "tension"
        rows.append({
            "unit": unit,
            "n_sources": int(group["article_id"].nunique()),
            "n_figures": int(len(group)),
            "n_qualified": int(group["qualified"].sum()),
            "is_time": str(unit).lower() in TIME_UNITS,
            "low": lower,
            "high": upper,
            "consistent": consistent,
            "as_read": as_read,
            "verdict": verdict,
            "figures": [f"{figure_label(s, q, w)} ({src})" for s, q, w, src in
                        zip(group["surface"], group["qualifier"],
                            group["of_value"] if "of_value" in group else [None] * len(group), group["source"])],
            "article_ids": group["article_id"].astype(str).tolist(),
            "values": group["value"].astype(float).tolist(),
            "measure": measure,
            "not_compared": _not_compared(group, intervals) if by == "measure" else [],
        })
    table = pd.DataFrame(rows).sort_values(
        ["is_time", "n_sources", "n_figures", "n_qualified", "unit"],
        ascending=[True, False, False, False, True], kind="mergesort")
    if (table["n_sources"] >= int(min_sources)).any():
        table = table[table["n_sources"] >= int(min_sources)]
    if top:
        table = table.head(int(top))
    table = table.reset_index(drop=True)
    table.insert(0, "rank", range(1, len(table) + 1))
    return table[columns]


def _not_compared(group: pd.DataFrame, intervals: pd.DataFrame) -> list[str]:
    """Same-unit figures outside ``group``, each with the reason it is not compared."""
    first = group.iloc[0]
    others = intervals[(intervals["unit"] == first["unit"]) & (intervals["measure"] != first["measure"])]
    return [f"{row.surface} ({row.source}): {explain_comparison(first, row)[1]}"
            for row in others.itertuples(index=False)]


def describe_interval(low: float, high: float) -> str:
    """Human wording of an interval: '1,000 or more', 'at most 50', '810 to 990', '21'."""
    if np.isfinite(low) and not np.isfinite(high):
        return f"{_fmt(low)} or more"
    if not np.isfinite(low) and np.isfinite(high):
        return f"at most {_fmt(high)}"
    if low == high:
        return _fmt(low)
    return f"{_fmt(low)} to {_fmt(high)}"
