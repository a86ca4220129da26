"""Colours, hatches, markers and font sizes shared by every chart.

The palette is Okabe & Ito's (2008) eight colours, chosen because they stay
distinguishable under the common colour-vision deficiencies and in greyscale
print when paired with a second channel.  Every categorical encoding here
therefore has a redundant non-colour channel (a hatch, a marker or a line
style), so a chart still reads on a black-and-white printer.

Stances always get the same colours across charts, so a reader learns them
once: asserts = blue, hedged = orange, denies = vermillion.
"""

from __future__ import annotations

from itertools import cycle
from typing import Iterator

# Okabe-Ito, in the order that keeps neighbouring series most distinct.
OKABE_ITO: dict[str, str] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}
# Series order for categorical data (outlets, units): yellow last because it
# is the faintest on white paper.
CATEGORICAL: tuple[str, ...] = (
    OKABE_ITO["blue"], OKABE_ITO["orange"], OKABE_ITO["bluish_green"],
    OKABE_ITO["vermillion"], OKABE_ITO["reddish_purple"], OKABE_ITO["sky_blue"],
    OKABE_ITO["black"], OKABE_ITO["yellow"],
)
MARKERS: tuple[str, ...] = ("o", "s", "D", "^", "v", "P", "X", "*")
GREY = "#7F7F7F"
LIGHT_GREY = "#D9D9D9"

STANCES: tuple[str, ...] = ("asserts", "hedged", "denies")
STANCE_COLORS: dict[str, str] = {
    "asserts": OKABE_ITO["blue"],
    "hedged": OKABE_ITO["orange"],
    "denies": OKABE_ITO["vermillion"],
}
STANCE_HATCHES: dict[str, str] = {"asserts": "", "hedged": "///", "denies": "xxx"}
STANCE_MARKERS: dict[str, str] = {"asserts": "o", "hedged": "s", "denies": "X"}
# One letter per stance, printed inside heatmap cells so the stance is
# readable without colour.
STANCE_LETTERS: dict[str, str] = {"asserts": "A", "hedged": "H", "denies": "D"}

QUALIFIERS: tuple[str, ...] = ("exact", "approx", "at_least", "at_most", "range", "vague", "part_of")
QUALIFIER_COLORS: dict[str, str] = {
    "exact": OKABE_ITO["black"],
    "approx": OKABE_ITO["blue"],
    "at_least": OKABE_ITO["bluish_green"],
    "at_most": OKABE_ITO["reddish_purple"],
    "range": OKABE_ITO["orange"],
    "vague": GREY,
    "part_of": OKABE_ITO["vermillion"],
}
QUALIFIER_MARKERS: dict[str, str] = {
    "exact": "o", "approx": "D", "at_least": ">", "at_most": "<",
    "range": "|", "vague": "o", "part_of": "s",
}
QUALIFIER_LABELS: dict[str, str] = {
    "exact": "exact (point)",
    "approx": "approximate (± band)",
    "at_least": "at least (bound →)",
    "at_most": "at most (← bound)",
    "range": "range (bar)",
    "vague": "vague (dashed)",
    "part_of": "part of a whole",
}

# Sizes in points, chosen to stay legible when a 7-inch-wide figure is
# printed on A4 at 100 %.
FONT_SIZES: dict[str, float] = {"title": 13, "label": 11, "tick": 10, "legend": 9.5, "annotation": 9}


def categorical_colors() -> Iterator[str]:
    """Cycle through the categorical palette forever.

    Returns
    -------
    iterator of str
        Hex colours in :data:`CATEGORICAL` order, repeating.

    Examples
    --------
    >>> colours = categorical_colors()
    >>> next(colours)
    '#0072B2'
    """
    return cycle(CATEGORICAL)


def color_for(index: int) -> str:
    """The categorical colour of the ``index``-th series (wraps around)."""
    return CATEGORICAL[index % len(CATEGORICAL)]


def marker_for(index: int) -> str:
    """The marker of the ``index``-th series (wraps around)."""
    return MARKERS[index % len(MARKERS)]
