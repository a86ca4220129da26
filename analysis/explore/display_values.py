"""Table values as display text: missing values (None, NaN, NA, NaT) become empty.

Extraction tables come from pandas, Parquet or a user's own code, so a cell
may be ``None``, ``float("nan")``, ``pd.NA`` or ``pd.NaT`` for "no value";
the article view and the explorer show all of them the same way.
"""

from __future__ import annotations

import math
from typing import Any, Mapping

import pandas as pd


def has_value(r: Mapping[str, Any], col: str) -> bool:
    """True when the record has ``col`` and its value is not missing."""
    return col in r and not is_missing(r[col])


def is_missing(value: Any) -> bool:
    """None, NaN, ``pd.NA`` or ``pd.NaT``."""
    try:
        return value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value))
    except TypeError:
        return False


def text_of(value: Any) -> str:
    """The value as text; ``""`` when missing."""
    return "" if is_missing(value) else str(value)


def int_of(value: Any) -> int | None:
    """The value as an int; None when missing or not a number."""
    if is_missing(value):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def number_text(value: Any) -> str:
    """A number with thousands separators and up to six significant digits; ``""`` when missing."""
    if is_missing(value):
        return ""
    try:
        return f"{float(value):,.6g}"
    except (TypeError, ValueError):
        return str(value)


def day_text(value: Any) -> str:
    """A date as ``YYYY-MM-DD``; ``""`` when missing."""
    if is_missing(value):
        return ""
    try:
        return pd.Timestamp(value).strftime("%Y-%m-%d")
    except (TypeError, ValueError):
        return str(value)

