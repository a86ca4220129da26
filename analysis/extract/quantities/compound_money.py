"""Amounts written in two parts: "3 dollars 50 cents", "thirteen dollars and forty-five cents",
"15 dollars 50", "17 USD 25" -> one figure (3.5, 13.45, 15.5, 17.25).

Used by :mod:`analysis.extract.quantities.extractor` after every figure of a
body is read; each test reads the short gap between two neighbouring figures,
so the pass is linear in the number of figures.
"""

from __future__ import annotations

import math
import re

from analysis.lexicon.units import CURRENCIES, SUBUNITS

# Between the whole units and the cents: a space, or "and".
_PARTS_GAP = re.compile(r"[ \t]+(?:and[ \t]+)?$")
# The amount ends with a currency written as a word ("dollars", "euros"), not a code.
_CURRENCY_WORD_END = re.compile(r"[a-z]{4,}$")
# What may follow a bare cents number: the end of the clause.
_CLAUSE_END = re.compile(r"[ \t]*(?:[.,;:!?)]|$|\n)")


def join_money_parts(body: str, figures: list) -> list:
    """The figures with "N dollars [and] M [cents]" read as one amount.

    The first figure must be whole units of a currency named after the number
    ("15 dollars", "17 USD"); the second a whole number under 100 that is
    cents ("50 cents") or a bare number that ends the clause ("15 dollars 50.").
    """
    if len(figures) < 2:
        return figures
    out: list = []
    skip = False
    for a, b in zip(figures, figures[1:] + [None]):
        if skip:
            skip = False
            continue
        if b is not None and _are_parts(body, a, b):
            a.value = a.value + b.value / 100
            a.end = b.end
            skip = True
        out.append(a)
    return out


def _are_parts(body: str, a, b) -> bool:
    if a.unit not in CURRENCIES or a.value != int(a.value) or not math.isnan(a.value_high):
        return False
    if a.end <= a.start or not (body[a.end - 1].isalpha() or body[a.end - 1] in "$€£"):
        return False  # the currency must be written after the number: "$15 50" is two numbers
    if b.start < a.end or b.start - a.end > 6 or not _PARTS_GAP.match(body[a.end:b.start]):
        return False
    if b.value != int(b.value) or not 0 < b.value < 100 or not math.isnan(b.value_high) or b.own_qualifier:
        return False
    if b.unit in SUBUNITS:
        return True
    # a bare number after a currency word ("15 dollars 50"), not after a code ("RMB 10 USD 20")
    return (b.is_count and not b.unit and not b.subject and _CLAUSE_END.match(body, b.end) is not None
            and _CURRENCY_WORD_END.search(body, max(a.start, a.end - 12), a.end) is not None)
