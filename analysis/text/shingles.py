"""Word tokens with character offsets, normalised for text-reuse matching.

Text reuse between news articles survives light editing: case, punctuation,
possessives, initialisms ("U.N." / "UN") and inflection ("vetoed" /
"vetoes") change, the word sequence mostly does not.  This module turns a
body into a sequence of normalised token ids (one shared vocabulary per
corpus) together with the character span of every token, so a match found on
ids maps back to the exact text of the body.

Everything here is linear in the length of the text; the token pattern has no
nested quantifiers.
"""

from __future__ import annotations

import re

import numpy as np

# An initialism written with dots ("U.N.", "U.S.") is one token; otherwise a
# run of letters/digits with inner apostrophes ("Ukraine's", "don't").
TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_]+(?:['’][^\W_]+)*")

# Function words: a shingle made only of these is a common phrase, not
# evidence of copying.  Kept short on purpose; it only gates seeds.
STOPWORDS = frozenset("""
a an the and or but nor of to in on at by for from with as into onto over under about
after before between during since until than then that this these those there here
is are was were be been being am has have had do does did will would shall should
can could may might must it its he she they we i you his her their our your them him
us me my not no so if which who whom whose what when where why how also said says say
just more most other some such only very up out off one two all any each both
""".split())


def normalise(word: str) -> str:
    """Map a word to the form used for matching.

    Lower-cases, drops a possessive ``'s``, the dots of initialisms and a few
    inflectional endings (``-ies -es -s -ed -ing``).  Crude, but applied the
    same way to both texts, so it only has to be consistent, not correct.

    Examples
    --------
    >>> [normalise(w) for w in ["Ukraine's", "U.N.", "vetoed", "Missiles", "shipping"]]
    ['ukraine', 'un', 'veto', 'missile', 'shipp']
    """
    w = word.casefold().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if "." in w:
        w = w.replace(".", "")
    n = len(w)
    if n > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if n > 4 and w.endswith(("sses", "shes", "ches", "xes", "zes")):
        return w[:-2]
    if n > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    if n > 5 and w.endswith("ed"):
        return w[:-2]
    if n > 5 and w.endswith("ing"):
        return w[:-3]
    return w


class Vocabulary:
    """Shared word → id mapping for one corpus, with a stop-word flag per id."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self._raw: dict[str, int] = {}  # cache: raw token -> id (most tokens repeat)
        self.is_stop: list[bool] = []

    def id_of(self, raw: str) -> int:
        tid = self._raw.get(raw)
        if tid is None:
            norm = normalise(raw)
            tid = self.ids.get(norm)
            if tid is None:
                tid = len(self.ids)
                self.ids[norm] = tid
                self.is_stop.append(norm in STOPWORDS or raw.casefold() in STOPWORDS)
            self._raw[raw] = tid
        return tid

    def tokenize(self, text: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Return ``(ids, starts, ends)`` arrays for the tokens of ``text``."""
        ids: list[int] = []
        starts: list[int] = []
        ends: list[int] = []
        id_of = self.id_of
        for m in TOKEN.finditer(text):
            ids.append(id_of(m.group()))
            starts.append(m.start())
            ends.append(m.end())
        return (np.asarray(ids, dtype=np.int64), np.asarray(starts, dtype=np.int64),
                np.asarray(ends, dtype=np.int64))

    def stop_mask(self) -> np.ndarray:
        return np.asarray(self.is_stop, dtype=bool)


# Random odd 64-bit multipliers, fixed so results are reproducible across runs.
_MULT = np.random.default_rng(20240530).integers(1, 2**62, size=64, dtype=np.int64).astype(np.uint64) | np.uint64(1)


def shingle_hashes(ids: np.ndarray, n: int) -> np.ndarray:
    """64-bit hashes of every window of ``n`` consecutive token ids.

    A random linear combination of the ids (wrapping in 64 bits) followed by
    a finaliser; collisions only cost time, because every match is verified
    on the tokens themselves before it is reported.
    """
    if n > len(_MULT):
        raise ValueError(f"shingle size {n} is larger than the supported {len(_MULT)}")
    m = len(ids) - n + 1
    if m <= 0:
        return np.zeros(0, dtype=np.uint64)
    u = ids.astype(np.uint64)
    h = np.zeros(m, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for k in range(n):
            h += u[k:k + m] * _MULT[k]
        h ^= h >> np.uint64(31)
        h *= np.uint64(0x9E3779B97F4A7C15)
        h ^= h >> np.uint64(29)
    return h


_QUOTE_MARK = re.compile('[\n“”«»„"]')


def quote_spans(body: str) -> list[tuple[int, int]]:
    """Character spans of the body that lie inside quotation marks.

    Curly quotes and guillemets pair explicitly; straight double quotes
    toggle, and a paragraph break closes an unbalanced quote (news copy
    often leaves a multi-paragraph quote open), so the result never runs
    past the end of a paragraph.
    """
    spans: list[tuple[int, int]] = []
    open_at = -1
    for m in _QUOTE_MARK.finditer(body):  # visit only the marks, not every character
        i, ch = m.start(), m.group()
        if ch == "\n":
            if open_at >= 0:
                spans.append((open_at, i))
                open_at = -1
        elif ch in "“«„":
            if open_at < 0:
                open_at = i
        elif ch in "”»":
            if open_at >= 0:
                spans.append((open_at, i + 1))
                open_at = -1
        elif open_at >= 0:  # straight double quote closes ...
            spans.append((open_at, i + 1))
            open_at = -1
        else:  # ... or opens
            open_at = i
    if open_at >= 0:
        spans.append((open_at, len(body)))
    return spans
