"""Mentions of the present, the past or the future that name no date.

"now", "currently", "recently", "in the past", "the future": a statement placed
at the time of writing, before it or after it.  They are date mentions without a
calendar span; :func:`time_references` finds them so that the dates table can carry
them with precision ``present``, ``past`` or ``future`` (TimeML's PRESENT_REF,
PAST_REF and FUTURE_REF) and ``date`` NaT.
"""

from __future__ import annotations

import re
from typing import Iterator

from analysis.lexicon.calendar import TIME_REFERENCE_PERIOD, TIME_REFERENCES

_KIND = {phrase: kind for kind, phrases in TIME_REFERENCES.items() for phrase in phrases}
# Longest phrase first so "right now" wins over "now"; one pass over the body, linear.
_PATTERN = re.compile(
    r"\b(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+")
                        for p in sorted(_KIND, key=len, reverse=True)) + r")\b(?![-’'])",
    re.IGNORECASE)
_SPACES = re.compile(r"\s+")


def time_references(body: str) -> Iterator[tuple[int, int, str]]:
    """``(start, end, kind)`` of each reference to the present, past or future in ``body``,
    in text order; ``kind`` is ``present``, ``past`` or ``future``."""
    for m in _PATTERN.finditer(body):
        kind = _KIND[_SPACES.sub(" ", m.group().lower())]
        if kind != "present" and TIME_REFERENCE_PERIOD.match(body, m.end()):
            continue            # "the past four years", "recently ... " followed by a span: a period
        yield m.start(), m.end(), kind
