"""What a reported figure allows: a literal and a pragmatic interval.

Two figures *conflict* when no true value satisfies both as written, and are
in *tension* when both can hold literally but not as a reader understands
them.  "More than 1,000 containers" and "thousands of containers" are
literally compatible (2,500 satisfies both), yet a writer who knew of
thousands would not say "more than 1,000" (but "more than 2,000", or
"thousands"): the pragmatic readings [1,000, 1,500] and [2,000, 10,000] do
not meet.

=========  ==========================  ==============================
qualifier  literal (cannot be false)    pragmatic (what it suggests)
=========  ==========================  ==============================
exact      [v, v]                      [v, v]
approx     v × [1 − 0.25, 1 + 0.25]     v × [1 − tol, 1 + tol], tol 0.1
at_least   [v, ∞)                      [v, 1.5v]
at_most    [0, v]                      [v/1.5, v]
range      [v, high]                   [v, high]
vague      see below                   see below
part_of    not compared (a subset: "21 of the roughly 50")
=========  ==========================  ==============================

Vague amounts are read from their words, whatever value the extractor put
on them: a plural scale word ("thousands", "hundreds", "dozens",
"millions") S is literally [2S, 1000S) and pragmatically [2S, 10S);
"tens of thousands" is [20,000, 100,000); "hundreds of thousands" [200,000,
1,000,000); "several/a few thousand" [2S, 10S).  Otherwise a vague figure
with a ``value_high`` spans [value, value_high], and one without spans
[value, ∞) literally and [value, 10·value) pragmatically.
"""

from __future__ import annotations

import math
import re

LITERAL_APPROX = 0.25
INF = math.inf

_SCALES = {"dozen": 12.0, "score": 20.0, "hundred": 100.0, "thousand": 1e3, "million": 1e6, "billion": 1e9,
           "trillion": 1e12, "lakh": 1e5, "crore": 1e7}
_SCALE = "|".join(_SCALES)
_NESTED = re.compile(rf"\b(tens|hundreds|dozens)\s+of\s+({_SCALE})s\b", re.I)
_PLURAL = re.compile(rf"\b({_SCALE})s\b", re.I)
_FEW = re.compile(rf"\b(?:several|a\s+few|few|some)\s+({_SCALE})\b", re.I)


def vague_bounds(surface: str) -> tuple[tuple[float, float], tuple[float, float]] | None:
    """Literal and pragmatic bounds of a vague amount named by scale words.

    Examples
    --------
    >>> vague_bounds("thousands of containers")
    ((2000.0, 1000000.0), (2000.0, 10000.0))
    >>> vague_bounds("tens of thousands")
    ((20000.0, 100000.0), (20000.0, 100000.0))
    >>> vague_bounds("a large amount") is None
    True
    """
    text = surface or ""
    m = _NESTED.search(text)
    if m:
        outer = {"tens": 10.0, "hundreds": 100.0, "dozens": 12.0}[m.group(1).lower()]
        s = outer * _SCALES[m.group(2).lower()]
        return (2 * s, 10 * s), (2 * s, 10 * s)
    m = _FEW.search(text)
    if m:
        s = _SCALES[m.group(1).lower()]
        return (2 * s, 10 * s), (2 * s, 10 * s)
    m = _PLURAL.search(text)
    if m:
        s = _SCALES[m.group(1).lower()]
        return (2 * s, 1000 * s), (2 * s, 10 * s)
    return None


def _num(x) -> float | None:
    try:
        v = float(x)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(v) else v


def figure_bounds(value, value_high, qualifier: str, surface: str = "",
                  approx_tolerance: float = 0.1) -> tuple[tuple[float, float], tuple[float, float]] | None:
    """``(literal, pragmatic)`` intervals of one figure, or None when it is not comparable.

    Examples
    --------
    >>> figure_bounds(1000, None, "at_least", "more than 1,000")
    ((1000.0, inf), (1000.0, 1500.0))
    >>> figure_bounds(40, None, "approx", "roughly 40")
    ((30.0, 50.0), (36.0, 44.0))
    """
    q = str(qualifier)
    if q == "part_of":
        return None
    if q == "vague":
        named = vague_bounds(surface)
        if named:
            return named
    v, hi = _num(value), _num(value_high)
    if v is None:
        return None
    if q == "exact":
        return (v, v), (v, v)
    if q == "approx":
        lit = sorted((v * (1 - LITERAL_APPROX), v * (1 + LITERAL_APPROX)))
        prag = sorted((v * (1 - approx_tolerance), v * (1 + approx_tolerance)))
        return (lit[0], lit[1]), (prag[0], prag[1])
    if q == "at_least":
        return (v, INF), (v, 1.5 * v if v > 0 else v + 1)
    if q == "at_most":
        return (min(0.0, v), v), (v / 1.5 if v > 0 else v, v)
    if q in ("range", "vague") and hi is not None:
        lo, up = min(v, hi), max(v, hi)
        return (lo, up), (lo, up)
    if q == "vague":
        return (v, INF), (v, 10 * v if v > 0 else v)
    return None  # unknown qualifier: do not guess


def disjoint(x: tuple[float, float], y: tuple[float, float], rel: float = 1e-9) -> bool:
    """True when two closed intervals share no point (with a hair of float tolerance)."""
    def below(a: float, b: float) -> bool:
        return a < b - rel * max(abs(a), abs(b), 1.0)
    return below(x[1], y[0]) or below(y[1], x[0])


def fmt_interval(iv: tuple[float, float]) -> str:
    def f(v: float) -> str:
        if math.isinf(v):
            return "∞"
        return f"{v:,.0f}" if float(v).is_integer() or abs(v) >= 100 else f"{v:,.3g}"
    lo, hi = iv
    return f(lo) if lo == hi else f"[{f(lo)}, {f(hi)}{')' if math.isinf(hi) else ']'}"
