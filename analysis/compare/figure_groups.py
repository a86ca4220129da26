"""Figures grouped by what they measure, and why two figures are compared.

Two figures are comparable only when they count or measure the same thing:
the same unit *and* the same measured thing.  "about 900 km" (a missile's
range) and "365 km" (a distance to an island) share a unit but not a
measure; "more than 1,000 containers" and "thousands of containers" share
both.  The measure of a figure is its ``measure`` column (from
:func:`analysis.extract_quantities`; rebuilt here from ``unit``, ``kind``
and ``subject`` when missing):

* counts: the counted noun, i.e. the unit (``missile``, ``container``);
  people are ``person`` when the noun says nothing about who they are
  ("people", "civilians", "the dead", "Ukrainians") and ``person:role``
  otherwise ("500 soldiers" -> ``person:soldier``), so troops deployed are
  not compared with people evacuated;
* measures, money and percentages: the unit and the head noun of what is
  measured, when the text names it (``km:range``, ``usd:contract``,
  ``percent:voter``); the bare unit when it does not (``km``).

Examples
--------
>>> measure_of("km", "distance", "ranges")
'km:range'
>>> measure_of("missile", "count", "North Korean ballistic missiles")
'missile'
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

import pandas as pd

from analysis.lexicon.units import person_role, singular

GROUP_COLUMNS = ["measure", "group_id", "group_size", "n_sources"]
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
# Words that end the head of a subject phrase ("containers of munitions").
_HEAD_STOP = frozenset("of for from to in on at by with as per than that which who".split())


@lru_cache(maxsize=65536)
def measure_of(unit: str, kind: str, subject: str) -> str:
    """The measured thing of one figure: the unit, plus the subject's head for measures.

    Parameters
    ----------
    unit, kind, subject : str
        The figure's ``unit``, ``kind`` and ``subject`` columns.

    Returns
    -------
    str
        ``unit`` for counts; ``"unit:head"`` for measures whose subject is
        named ("km:range"); ``""`` when the figure has no unit.
    """
    unit = "" if unit is None or (isinstance(unit, float) and math.isnan(unit)) else str(unit)
    if not unit:
        return ""
    if str(kind) == "count":
        if unit == "person":  # "500 soldiers" deployed are not "1,200 people" evacuated
            role = person_role(_head_word(subject))
            return f"person:{role}" if role else unit
        return unit
    head = subject_head(subject)
    return f"{unit}:{head}" if head and head != unit else unit


def subject_head(subject) -> str:
    """The normalised head noun of a subject phrase ("containers of munitions" -> "container")."""
    head = _head_word(subject)
    return singular(head) if head else ""


def _head_word(subject) -> str:
    if not isinstance(subject, str) or not subject:
        return ""
    head = ""
    for w in _WORD.findall(subject):
        if w.lower() in _HEAD_STOP:
            break
        head = w
    return head


def group_figures(quantities: pd.DataFrame) -> pd.DataFrame:
    """Group figures into comparable sets: same unit and same measured thing.

    Parameters
    ----------
    quantities : pandas.DataFrame
        Output of :func:`analysis.extract_quantities` (needs ``article_id``,
        ``unit``; ``measure`` is rebuilt from ``kind`` and ``subject`` when
        absent).

    Returns
    -------
    pandas.DataFrame
        A copy with ``measure``, ``group_id`` (one id per measure, numbered by
        first appearance; -1 for figures without a unit, which are compared
        with nothing), ``group_size`` (figures in the group) and ``n_sources``
        (articles in the group).  Figures with equal ``group_id`` are the
        ones the figures report compares; :func:`explain_comparison` says why
        two figures are or are not compared.

    Examples
    --------
    >>> q = pd.DataFrame({"article_id": ["a", "b", "b"], "unit": ["km", "km", "container"],
    ...                   "kind": ["distance", "distance", "count"],
    ...                   "subject": ["ranges", "", "containers"]})
    >>> group_figures(q)[["measure", "group_id", "group_size"]].values.tolist()
    [['km:range', 0, 1], ['km', 1, 1], ['container', 2, 1]]
    """
    if not isinstance(quantities, pd.DataFrame):
        raise TypeError(f"group_figures() takes a DataFrame of figures, not {type(quantities).__name__}")
    missing = [c for c in ("article_id", "unit") if c not in quantities.columns]
    if missing:
        raise ValueError(f"group_figures() needs columns {', '.join(missing)} (from analysis.extract_quantities)")
    out = quantities.copy()
    if "measure" not in out.columns:
        kinds = out["kind"] if "kind" in out.columns else pd.Series("count", index=out.index)
        subjects = out["subject"] if "subject" in out.columns else pd.Series("", index=out.index)
        out["measure"] = [measure_of(u, k, s) for u, k, s in zip(out["unit"], kinds, subjects)]
    measure = out["measure"].fillna("").astype(str)
    codes, _ = pd.factorize(measure.where(measure != ""), use_na_sentinel=True)
    out["group_id"] = codes.astype("int64")
    has = out["group_id"] >= 0
    sizes = out[has].groupby("group_id")["article_id"].transform("size")
    sources = out[has].groupby("group_id")["article_id"].transform("nunique")
    out["group_size"] = sizes.reindex(out.index).fillna(0).astype("int64")
    out["n_sources"] = sources.reindex(out.index).fillna(0).astype("int64")
    return out


def explain_comparison(a, b) -> tuple[bool, str]:
    """Whether two figures are compared, and why in words.

    Parameters
    ----------
    a, b : mapping or row (``pandas.Series``, named tuple)
        Two figures with ``surface``, ``unit`` and ``measure`` (or ``kind``
        and ``subject`` to build it), as rows of :func:`group_figures`.

    Returns
    -------
    (bool, str)
        ``True`` and the shared measure when both name the same unit and the
        same measured thing; ``False`` and the difference otherwise.

    Examples
    --------
    >>> explain_comparison({"surface": "about 900 km", "unit": "km", "kind": "distance", "subject": "ranges"},
    ...                    {"surface": "365 km", "unit": "km", "kind": "distance", "subject": ""})
    (False, "not compared: both in km, but 'about 900 km' measures range and '365 km' does not name what it measures")
    """
    fa, fb = _fields(a), _fields(b)
    if not fa["unit"] or not fb["unit"]:
        missing = fa["surface"] if not fa["unit"] else fb["surface"]
        return False, f"not compared: '{missing}' names no unit or counted thing"
    if fa["unit"] != fb["unit"]:
        return False, f"not compared: different units ({fa['unit']} vs {fb['unit']})"
    if fa["measure"] == fb["measure"]:
        what = fa["measure"].split(":", 1)
        thing = f"{what[0]} of {what[1]}" if len(what) == 2 else what[0]
        return True, f"compared: both measure {thing}"
    ha, hb = _head_of(fa["measure"]), _head_of(fb["measure"])
    da = f"measures {ha}" if ha else "does not name what it measures"
    db = f"measures {hb}" if hb else "does not name what it measures"
    return False, f"not compared: both in {fa['unit']}, but '{fa['surface']}' {da} and '{fb['surface']}' {db}"


def _head_of(measure: str) -> str:
    return measure.split(":", 1)[1] if ":" in measure else ""


def _fields(row) -> dict:
    get = row.get if hasattr(row, "get") else (lambda k, d=None: getattr(row, k, d))
    unit = get("unit", "")
    unit = "" if unit is None or (isinstance(unit, float) and math.isnan(unit)) else str(unit)
    measure = get("measure", None)
    if not isinstance(measure, str):
        measure = measure_of(unit, get("kind", "count"), get("subject", ""))
    return {"surface": str(get("surface", "")), "unit": unit, "measure": measure}
