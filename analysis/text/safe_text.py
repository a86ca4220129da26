"""Neutralise invisible control characters in text that is displayed.

Article text, outlet names and file names can carry Unicode bidirectional
controls (U+202A-U+202E, U+2066-U+2069, U+200E/U+200F, U+061C) and other
format or control characters.  Drawn in a chart label or a table cell, a
right-to-left override reverses what follows it ("12" is shown as "21"); an
unclosed isolate swallows the rest of the line.  :func:`safe_label` removes
them (nothing a reader sees is lost: these characters are invisible) and
shortens long labels without leaving half a pair of quotes or brackets.

Every chart and table the reports draw passes its labels through
:func:`safe_label`; :func:`analysis.load_corpus` already removes bidi
controls from article text (noted in ``repairs``), so this is the second
wall for text that comes from elsewhere (codebooks, file names, parameters).
"""

from __future__ import annotations

import re
import unicodedata

#: Bidirectional embedding, override, isolate and mark characters.
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")
# C0/C1 controls except tab and newline, plus the other zero-width format
# characters that change how neighbours render (not ZWJ/ZWNJ, which
# scripts and emoji need).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\u200b\u2060-\u2064\ufff9-\ufffb]")
_PAIRS = {"(": ")", "[": "]", "{": "}", "“": "”", "‘": "’", "«": "»", "‹": "›", "„": "“"}


def strip_bidi(text: str) -> tuple[str, int]:
    """Remove bidirectional control characters.

    Parameters
    ----------
    text : str

    Returns
    -------
    (str, int)
        The text without them, and how many were removed.
    """
    if not any(ch in text for ch in BIDI_CONTROLS):
        return text, 0
    cleaned, n = _BIDI.subn("", text)
    return cleaned, n


def safe_label(text: object, max_chars: int | None = None) -> str:
    """Text safe to draw as one label or table cell.

    Bidi controls and other invisible control/format characters are
    removed, runs of white space (newlines included) become one space, and
    a label longer than ``max_chars`` is cut at a word boundary with "…",
    closing any bracket or quotation mark the cut left open.

    Parameters
    ----------
    text : object
        Anything; ``None`` and NaN become "".
    max_chars : int, optional
        Maximum length of the result (including "…" and closing marks).

    Returns
    -------
    str

    Examples
    --------
    >>> safe_label("losses of \\u202e12\\u202c tanks")
    'losses of 12 tanks'
    >>> safe_label('He said “we will never sign this deal”', 20)
    'He said “we will…”'
    """
    if text is None or (isinstance(text, float) and text != text):
        return ""
    label = _CONTROL.sub(" ", _BIDI.sub("", str(text)))
    label = " ".join(label.split())
    if max_chars is None or len(label) <= max_chars:
        return label
    if max_chars < 2:
        return label[:max_chars]
    budget = max_chars - 1
    while True:
        cut = label[:budget]
        if " " in cut.strip() and label[budget] != " ":  # do not end inside a word
            cut = cut.rsplit(" ", 1)[0]
        cut = cut.rstrip(" ,;:-–—")
        closers = _open_pairs(cut)
        if len(cut) + 1 + len(closers) <= max_chars or budget <= 1:
            return (cut + "…" + closers)[:max_chars] if budget > 1 else cut[:max_chars]
        budget -= len(closers)


def _open_pairs(text: str) -> str:
    """The closing marks for brackets/quotes opened in ``text`` and not closed."""
    stack: list[str] = []
    for ch in text:
        if stack and _PAIRS.get(stack[-1]) == ch:  # closes the innermost (also „...“)
            stack.pop()
        elif ch in _PAIRS:
            stack.append(ch)
    n_straight = text.count('"')
    tail = "".join(_PAIRS[c] for c in reversed(stack))
    return tail + ('"' if n_straight % 2 else "")


def is_printable_label(text: str) -> bool:
    """True when ``text`` has no character :func:`safe_label` would remove."""
    return not (_BIDI.search(text) or _CONTROL.search(text)) and all(
        unicodedata.category(ch) != "Cs" for ch in text)
