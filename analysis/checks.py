"""Checks on the DataFrames the public functions take.

Every public function starts by checking that it was given a DataFrame with
the columns it needs, so a wrong argument fails with a message naming the
function and the missing columns instead of a KeyError deep inside.
"""

from __future__ import annotations

import pandas as pd

from analysis.errors import InputError, InputTypeError


def require_columns(frame: pd.DataFrame, columns: tuple[str, ...], func: str) -> None:
    """Raise :class:`~analysis.errors.InputError` unless ``frame`` is a DataFrame with ``columns``.

    Parameters
    ----------
    frame : pandas.DataFrame
        The table a public function was given.
    columns : tuple of str
        The columns it needs.
    func : str
        The public function's name, for the message.

    Examples
    --------
    >>> import pandas as pd
    >>> require_columns(pd.DataFrame({"a": [1]}), ("a",), "f")
    >>> require_columns(pd.DataFrame({"a": [1]}), ("a", "b"), "f")
    Traceback (most recent call last):
    ...
    analysis.errors.InputError: f() needs columns b (got a)
    """
    if not isinstance(frame, pd.DataFrame):
        raise InputTypeError(f"{func}() takes a DataFrame of articles, not {type(frame).__name__}")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise InputError(f"{func}() needs columns {', '.join(missing)} (got {', '.join(map(str, frame.columns))})")
