"""Link neighbouring figures: "X of (the) Y", a bound over a coordination, a
conversion in brackets, and the counted thing of an elided count.

Used by :mod:`analysis.extract.quantities.extractor` after every figure of a body is read.
Each rule reads the text between two neighbouring figures (or a bounded
window after one), so the pass is linear in the length of the body.
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
# A conversion right after a measure: "50 meters (165 feet)", "690 kilometers, or about 428 miles",
# "$20 billion (nearly €18 billion)".
_CONVERSION_GAP = re.compile(r"[ \t]*(?:\([ \t]*|,?[ \t]+or[ \t]+|[ \t]*/[ \t]*)$")
_RANGE_JOIN = re.compile(r"[ \t]+(?:and|to)[ \t]+$|[ \t]*[-–][ \t]*$")
# A sentence boundary inside a gap.
_SENTENCE_END = re.compile(r"[.!?][\"”’)]?\s+[\"“(]?[A-Z0-9]")
# People counted by what happened to them: "48 were hurt", "hundreds dead", "injured 90".
_CASUALTY = (r"killed|died|dead|injured|wounded|hurt|maimed|missing|detained|arrested|"
             r"captured|evacuated|displaced|rescued|abducted|kidnapped|executed|slain|murdered|drowned")
_CASUALTY_AFTER = re.compile(
    rf"[ \t]+(?:(?:were|was|are|have|had|has|been|being|people|more|others|of[ \t]+them|reportedly|"
    rf"also|later|were[ \t]+reported|are[ \t]+feared)[ \t]+){{0,3}}(?:{_CASUALTY})\b",
    re.IGNORECASE)
_CASUALTY_BEFORE = re.compile(
    r"(?:kill(?:ed|ing|s)?|injur(?:ed|ing|es|e)|wound(?:ed|ing|s)?|hurt(?:ing|s)?|left|leaving|"
    r"toll|tolls|toll[ \t]+(?:rose|climbed|stood|reached|was|is|of)(?:[ \t]+(?:to|at))?|"
    r"casualties|fatalities|deaths|dead)[ \t]+(?:(?:at[ \t]+least|about|around|nearly|some|over|"
    r"more[ \t]+than|another|a[ \t]+further|to|at|of)[ \t]+)?$",
    re.IGNORECASE)
# A casualty noun shortly before a bare count: "the death toll ... at 100 to 300", "number of dead ... 500".
_CASUALTY_NOUN_BEFORE = re.compile(
    r"\b(?:toll|tolls|deaths|dead|casualties|fatalities|victims|wounded|injured)\b", re.IGNORECASE)
# ", 68," between commas: an age or a rank in apposition, not an elided count.
_APPOSITION = re.compile(r", [^,]+[,)]$")
#: Gap (characters) within which an elided count takes the unit of the figure before it.
ELISION_WINDOW = 200


def link_neighbours(body: str, figures: list) -> None:
    """Link "X of (the) Y", scope a qualifier over "A or B", join conversions and
    give elided counts their counted thing (``figures`` is changed in place)."""
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
            _part_of(a, b)
            continue
        # "about 4,000 soldiers out of the 11,000 sent": the gap after the counted noun
        if (a.kind == "count" and b.kind == "count" and a.np_end > a.end and a.np_end <= b.start
                and math.isnan(a.value_high) and _OF_GAP.match(body, a.np_end, b.start)):
            if not b.unit:
                b.unit = a.unit
            _part_of(a, b)
            continue
        # "up to 3 million rounds or 500,000 shells": the bound covers both
        if (a.own_qualifier and a.qualifier in ("approx", "at_least", "at_most")
                and not b.own_qualifier and b.qualifier == "exact" and a.kind == b.kind):
            np_end = a.np_end if a.np_end > 0 else a.end
            if np_end <= b.start and _COORD_GAP.fullmatch(body, np_end, b.start):
                b.qualifier = a.qualifier
                continue
        # "over 50 meters (165 feet)": a conversion keeps the bound unless it has its own
        if (not a.is_count and a.kind == b.kind and not b.is_count and _CONVERSION_GAP.match(gap)
                and a.qualifier in ("approx", "at_least", "at_most") and not b.own_qualifier
                and b.qualifier == "exact"):
            b.qualifier = a.qualifier
    _join_converted_ranges(body, figures)
    _resolve_elided(body, figures)


def _part_of(a, b) -> None:
    a.qualifier = "part_of"
    a.of_value = b.value
    if a.kind == "count":
        a.unit = a.unit or b.unit
        if not a.subject:
            a.subject = b.subject
        if b.unit and a.unit != b.unit and not a.subject:
            a.unit = b.unit


def _join_converted_ranges(body: str, figures: list) -> None:
    """"between 70 and 90 meters (230 feet and 295 feet)": the converted pair is a range too."""
    i = 1
    while i + 1 < len(figures):
        a, b, c = figures[i - 1], figures[i], figures[i + 1]
        if (a.qualifier == "range" and not b.is_count and b.unit and b.unit == c.unit
                and b.kind == a.kind and math.isnan(b.value_high) and math.isnan(c.value_high)
                and a.end <= b.start and b.end <= c.start and b.start - a.end < 8
                and _CONVERSION_GAP.match(body, a.end, b.start)
                and _RANGE_JOIN.match(body, b.end, c.start) and b.value < c.value):
            b.value_high = c.value
            b.qualifier = "range"
            b.end = c.end
            del figures[i + 1]
        i += 1


def _resolve_elided(body: str, figures: list) -> None:
    """The counted thing of a count written without its noun.

    "killed 12 people and injured 90" (90 people), "Three people died and 48
    were hurt", "hundreds were killed", "the toll rose to 27", "the number of
    deaths ... the 100-to-300 spectrum": a count with no noun takes ``person``
    when a casualty word governs it; else the unit of a figure it is
    coordinated with ("200 or 500 dead"); else the unit of the nearest count
    before it in the same or the previous sentence.
    """
    elided = [i for i, f in enumerate(figures) if f.kind == "count" and not f.unit]
    if not elided:
        return
    for i in elided:
        f = figures[i]
        end = f.np_end if f.np_end > 0 else f.end
        lo = max(figures[i - 1].end if i > 0 else 0, f.start - 80, 0)
        if (_CASUALTY_AFTER.match(body, end) or _CASUALTY_BEFORE.search(body, max(lo, f.start - 40), f.start)
                or _CASUALTY_NOUN_BEFORE.search(body, lo, f.start)):
            f.unit = "person"
    for i in reversed(elided):  # "200 or 500 dead": from the figure after
        f = figures[i]
        if not f.unit and i + 1 < len(figures):
            b = figures[i + 1]
            if b.kind == "count" and b.unit and f.end <= b.start and _COORD_GAP.fullmatch(body, f.end, b.start):
                f.unit = b.unit
    prev = None          # the last count with a unit
    prev_sentences = 0   # sentence boundaries crossed since it
    last_end = 0
    for f in figures:
        if f.start >= last_end and prev is not None:
            if f.start - last_end > ELISION_WINDOW:
                prev = None
            else:
                prev_sentences += len(_SENTENCE_END.findall(body, last_end, f.start))
        if f.kind == "count" and not f.unit and prev is not None and prev_sentences <= 1 \
                and f.start - prev.end <= ELISION_WINDOW and not _APPOSITION.match(body, max(0, f.start - 2), f.end + 1):
            f.unit = prev.unit
            if not f.subject:
                f.subject = prev.subject
        if f.kind == "count" and f.unit:
            prev, prev_sentences = f, 0
        last_end = max(last_end, f.end)
