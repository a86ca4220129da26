"""Figures as intervals, and the headline figures of a corpus.

A reported figure is rarely a point: "about 900 km", "more than 1,000
containers", "thousands of containers", "21 of roughly 50 missiles".  To
compare what sources say, each figure becomes an interval (``low``,
``high``) from its qualifier:

=========  =====================================================
qualifier  interval
=========  =====================================================
exact      [value, value]
approx     [value x (1 - tolerance), value x (1 + tolerance)]
at_least   [value, +inf)   (open above)
at_most    (-inf, value]   (open below; 0 for counts)
range      [value, value_high]
vague      [value, value_high] (value_high = value when missing)
part_of    [value, value]  (the whole, ``of_value``, kept beside it)
=========  =====================================================

Two sources agree on a figure when their intervals overlap: "more than
1,000" and "thousands" are compatible, "about 900 km" and "365 km" are not.

The *headline figures* of a corpus are found from the data, not typed in:
figures are grouped by unit (the counted noun for counts, the measure for
measures), and the groups that the most independent sources report, most
often, come first.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from analysis.errors import ParameterError
from analysis.sentences import _require

QUANTITY_COLUMNS = ["article_id", "surface", "value", "value_high", "unit", "qualifier"]
INTERVAL_COLUMNS = ["low", "high", "open_low", "open_high"]

# Units of elapsed time and calendar position: context in most stories
# ("for 15 years", "in 2006"), rarely the figure sources dispute, so they
# rank after every other unit.
_TIME_UNITS = frozenset("""
second minute hour day week month year decade century s min h yr
""".split())


def _counts_are_nonnegative(kind: Any) -> bool:
    return str(kind).lower() in {"count", "money", "currency"}


def figure_intervals(quantities: pd.DataFrame, approx_tolerance: float = 0.1) -> pd.DataFrame:
    """Add the interval each figure stands for: low, high, open_low, open_high.

    Parameters
    ----------
    quantities : pandas.DataFrame
        Output of :func:`analysis.extract_quantities` (needs article_id,
        surface, value, value_high, unit, qualifier; ``kind`` and
        ``of_value`` are used when present).
    approx_tolerance : float, default 0.1
        Relative half-width of the band drawn around an approximate figure
        ("about 900 km" -> 810-990 km).  Must be in [0, 1).

    Returns
    -------
    pandas.DataFrame
        A copy with ``low``, ``high`` (floats; +/-inf for open bounds) and
        ``open_low``, ``open_high`` (bool).

    Raises
    ------
    analysis.errors.ParameterError
        If ``approx_tolerance`` is outside [0, 1).

    Examples
    --------
    >>> q = pd.DataFrame({"article_id": ["a"], "surface": ["more than 1,000"], "value": [1000.0],
    ...                   "value_high": [np.nan], "unit": ["container"], "qualifier": ["at_least"]})
    >>> figure_intervals(q)[["low", "high", "open_high"]].iloc[0].tolist()
    [1000.0, inf, True]
    """
    _require(quantities, QUANTITY_COLUMNS, "figure_intervals")
    if not 0 <= float(approx_tolerance) < 1:
        raise ParameterError(f"approx_tolerance must be in [0, 1), got {approx_tolerance!r}")
    out = quantities.copy()
    value = pd.to_numeric(out["value"], errors="coerce").astype(float)
    high_given = pd.to_numeric(out["value_high"], errors="coerce").astype(float)
    qualifier = out["qualifier"].astype(str)
    kind = out["kind"] if "kind" in out else pd.Series("", index=out.index)
    floor = np.where(kind.map(_counts_are_nonnegative) | (value >= 0), 0.0, -np.inf)

    low = value.copy()
    high = value.copy()
    tol = float(approx_tolerance)
    approx = qualifier == "approx"
    low[approx] = value[approx] - np.abs(value[approx]) * tol
    high[approx] = value[approx] + np.abs(value[approx]) * tol
    at_least = qualifier == "at_least"
    high[at_least] = np.inf
    at_most = qualifier == "at_most"
    low[at_most] = floor[at_most.to_numpy()]
    spans = qualifier.isin(["range", "vague"]) & high_given.notna()
    high[spans] = high_given[spans]
    # a range written high-to-low ("50-20") still spans the same interval
    swap = high < low
    low[swap], high[swap] = high[swap], low[swap]
    out["low"] = low
    out["high"] = high
    out["open_low"] = at_most.to_numpy()
    out["open_high"] = at_least.to_numpy()
    return out


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


def headline_figures(quantities: pd.DataFrame, articles: pd.DataFrame | None = None, top: int = 5,
                     approx_tolerance: float = 0.1) -> pd.DataFrame:
    """The figures a corpus is about: groups of same-unit figures across sources.

    Figures are grouped by ``unit``; a group's rank comes from how many
    different articles report a figure in that unit, then how many figures
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

    Returns
    -------
    pandas.DataFrame
        One row per headline group, best first: rank, unit, n_sources,
        n_figures, low (largest lower bound), high (smallest upper bound),
        consistent (whether every interval in the group overlaps every
        other), figures (list of "surface (source)" strings, in value
        order), article_ids (list), values (list of floats).

    Examples
    --------
    >>> q = analysis.extract_quantities(analysis.load_corpus("seeds"))   # doctest: +SKIP
    >>> headline_figures(q)[["unit", "n_sources"]]                       # doctest: +SKIP
    """
    columns = ["rank", "unit", "n_sources", "n_figures", "low", "high", "consistent",
               "figures", "article_ids", "values"]
    intervals = figure_intervals(quantities, approx_tolerance)
    intervals = intervals[intervals["value"].notna() & (intervals["unit"].fillna("").astype(str) != "")]
    if intervals.empty:
        return pd.DataFrame(columns=columns)
    intervals = intervals.assign(source=_source_names(intervals, articles),
                                 qualified=intervals["qualifier"].astype(str) != "exact")
    rows = []
    for unit, group in intervals.groupby("unit", sort=False):
        group = group.sort_values(["value", "article_id"])
        lower = float(group["low"].max())
        upper = float(group["high"].min())
        rows.append({
            "unit": unit,
            "n_sources": int(group["article_id"].nunique()),
            "n_figures": int(len(group)),
            "n_qualified": int(group["qualified"].sum()),
            "is_time": str(unit).lower() in _TIME_UNITS,
            "low": lower,
            "high": upper,
            "consistent": bool(lower <= upper),
            "figures": [f"{' '.join(str(s).split())} ({src})" for s, src in zip(group["surface"], group["source"])],
            "article_ids": group["article_id"].astype(str).tolist(),
            "values": group["value"].astype(float).tolist(),
        })
    table = pd.DataFrame(rows).sort_values(
        ["is_time", "n_sources", "n_figures", "n_qualified", "unit"],
        ascending=[True, False, False, False, True], kind="mergesort")
    if top:
        table = table.head(int(top))
    table = table.reset_index(drop=True)
    table.insert(0, "rank", range(1, len(table) + 1))
    return table[columns]


def describe_interval(low: float, high: float) -> str:
    """Human wording of an interval: '1,000 or more', 'at most 50', '810 to 990', '21'."""
    if np.isfinite(low) and not np.isfinite(high):
        return f"{_fmt(low)} or more"
    if not np.isfinite(low) and np.isfinite(high):
        return f"at most {_fmt(high)}"
    if low == high:
        return _fmt(low)
    return f"{_fmt(low)} to {_fmt(high)}"
