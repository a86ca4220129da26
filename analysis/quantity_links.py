"""Link neighbouring figures: "X of (the) Y" and a bound over a coordination.

Used by :mod:`analysis.quantities` after every figure of a body is read.
"""

from __future__ import annotations

import math
import re

_OF_GAP = re.compile(
    r"[ \t]+(?:out[ \t]+)?of[ \t]+(?:(?:the|these|those|its|their|his|her|our|an?|all)[ \t]+)?"
    r"(?:[A-Z][A-Za-z.-]*(?:['’]s?|s['’])[ \t]+)?$",  # "92 of the Lords' 750 peers"
)
_IN_GAP = re.compile(r"[ \t]+in[ \t]+$", re.IGNORECASE)
_COORD_GAP = re.compile(r"[ \t]*,?[ \t]+(?:or|and|and/or)[ \t]+$", re.IGNORECASE)


def link_neighbours(body: str, figures: list) -> None:
    """Link "X of (the) Y" and let a qualifier scope over "A or B"."""
    for a, b in zip(figures, figures[1:]):
        gap_start = a.end
        if b.start - gap_start > 48 or b.start < gap_start:
            continue
        gap = body[gap_start:b.start]
        if "\n" in gap:
            continue
        # "21 of the roughly 50 missiles", "nine out of 10 people", "one in five adults"
        if (a.kind in ("count", "percentage") and b.kind == "count" and math.isnan(a.value_high)
                and (_OF_GAP.match(gap) or (_IN_GAP.match(gap) and a.kind == "count"
                                           and a.value < b.value and not a.unit))):
            a.qualifier = "part_of"
            a.of_value = b.value
            if a.kind == "count":
                a.unit = b.unit
                a.subject = b.subject
            continue
        # "up to 3 million rounds or 500,000 shells": the bound covers both
        if (a.own_qualifier and a.qualifier in ("approx", "at_least", "at_most")
                and not b.own_qualifier and b.qualifier == "exact" and a.kind == b.kind):
            np_end = a.np_end if a.np_end > 0 else a.end
            if np_end <= b.start and _COORD_GAP.fullmatch(body, np_end, b.start):
                b.qualifier = a.qualifier
