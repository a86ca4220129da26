"""Split article bodies into sentences with character offsets.

A rule-based splitter tuned for news text, linear in the length of the body:

* a line break always ends a sentence (paragraphs, datelines, bylines);
* ``.``, ``!``, ``?`` (optionally followed by closing quotes or brackets)
  end a sentence when white space and an upper-case letter, digit or
  opening quote follow;
* titles and months before a name or number (Mr., Gen., Jan., Sept., No. 5)
  never end one; initialisms (U.S., U.N.) and company suffixes (Inc., Co.)
  end one only when a typical sentence opener follows ("... by the U.S. The
  report ...").

Offsets always index into ``body``: ``body[start:end] == text``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Iterator

import pandas as pd

from analysis.checks import require_columns

# Abbreviations that precede a name or a number: never a sentence end.
_TITLES = frozenset("""
mr mrs ms mx dr prof gen lt col maj capt cpt sgt adm cmdr cdr gov sen rep rev fr st jr sr
pres supt hon amb brig lieut messrs mme mlle sen gens sens reps
jan feb mar apr jun jul aug sep sept oct nov dec
mon tue tues wed thu thur thurs fri sat sun
no nos vol vols fig figs art para p pp op ch sec approx est ca vs v
""".split())
# Abbreviations that may also end a sentence.
_MAYBE_END = frozenset("inc co corp ltd llc plc bros etc al dept govt univ".split())
# Words that typically open a sentence; after an ambiguous abbreviation they
# signal a boundary.
_OPENERS = frozenset("""
the a an it he she they we i you his her their its our this that these those there
but and or so yet however meanwhile also in on at for from after before when while if as
according some many most both each one no not last earlier later still since under
during despite although though with without what who why how where which
""".split())

# The look-behind starts a match only at the first mark of a run ("!!!",
# "..."): otherwise every position inside a long run would rescan the rest of
# it, which is quadratic in the run's length.
_BOUNDARY = re.compile(r"(?<![.!?])[.!?]+[\"'”’»)\]]*(?=[ \t]+[\"'“‘«(\[]?[A-Z0-9])")
_INITIALISM = re.compile(r"[A-Za-z](?:\.[A-Za-z])+")
_NEXT_WORD = re.compile(r"[ \t]+[\"'“‘«(\[]?([A-Za-z0-9]+)")


def _is_boundary(line: str, dot_start: int, after: int) -> bool:
    """Decide whether the punctuation at ``line[dot_start:after]`` ends a sentence."""
    if line[dot_start] != "." or after - dot_start > 1 and line[dot_start + 1] in ".!?":
        return True  # ! ? and ellipses end sentences
    # the token just before the full stop
    start = dot_start
    while start > 0 and not line[start - 1].isspace() and line[start - 1] not in "\"'“‘([":
        start -= 1
    token = line[start:dot_start]
    if not token or not token[-1].isalpha():
        return True
    nxt = _NEXT_WORD.match(line, after)
    next_word = nxt.group(1) if nxt else ""
    low = token.lower().replace(".", "")
    if _INITIALISM.fullmatch(token) or (len(token) == 1 and token.isupper()):
        # initialism (U.S., U.N.) or a single initial (J. Smith)
        return next_word.lower() in _OPENERS
    if low in _TITLES:
        if low == "no" and not next_word[:1].isdigit():
            return True
        return False
    if low in _MAYBE_END:
        return next_word.lower() in _OPENERS
    return True


# While analysis.scale.pipeline runs a chunk, every step splits the same bodies
# (quantities, dates, attributions, claims and sentences itself); inside
# `shared_sentence_spans()` each body is split once and the spans are reused.
# A context variable, so concurrent threads (Dask workers) never share one.
_SHARED_SPANS: ContextVar[dict[str, tuple[tuple[int, int], ...]] | None] = ContextVar(
    "shared_sentence_spans", default=None)


@contextmanager
def shared_sentence_spans() -> Iterator[None]:
    """Split each body once while the block runs (same spans, less work).

    Examples
    --------
    >>> with shared_sentence_spans():
    ...     list(iter_sentence_spans("One. Two.")) == list(iter_sentence_spans("One. Two."))
    True
    """
    token = _SHARED_SPANS.set({})
    try:
        yield
    finally:
        _SHARED_SPANS.reset(token)


def iter_sentence_spans(body: str) -> Iterator[tuple[int, int]]:
    """Yield ``(start, end)`` offsets of the sentences of ``body``.

    Spans exclude surrounding white space and are never empty.
    """
    memo = _SHARED_SPANS.get()
    if memo is None:
        return _split_spans(body)
    spans = memo.get(body)
    if spans is None:
        spans = memo[body] = tuple(_split_spans(body))
    return iter(spans)


def _split_spans(body: str) -> Iterator[tuple[int, int]]:
    pos = 0
    n = len(body)
    while pos <= n:
        nl = body.find("\n", pos)
        line_end = n if nl == -1 else nl
        line = body[pos:line_end]
        seg_start = 0
        for m in _BOUNDARY.finditer(line):
            if _is_boundary(line, m.start(), m.end()):
                yield from _trimmed(body, pos + seg_start, pos + m.end())
                seg_start = m.end()
        yield from _trimmed(body, pos + seg_start, line_end)
        if nl == -1:
            break
        pos = nl + 1


#: The longest span treated as one sentence. Text with no sentence boundary for
#: a million characters (a 60 MB single line of scraped debris) is cut at the
#: last white space before each million, so every later step works on bounded
#: pieces and memory stays linear in the input.
MAX_SENTENCE_CHARS = 1_000_000


def _trimmed(body: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE_CHARS:
        cut = start + MAX_SENTENCE_CHARS
        space = max(body.rfind(" ", start + 1, cut), body.rfind("\t", start + 1, cut))
        cut = space if space > start else cut  # no white space at all: a hard cut
        piece_end = cut
        while piece_end > start and body[piece_end - 1].isspace():
            piece_end -= 1
        if piece_end > start:
            yield start, piece_end
        start = cut
        while start < end and body[start].isspace():
            start += 1
    if end > start:
        yield start, end


def sentences(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence of every article body.

    Parameters
    ----------
    articles : pandas.DataFrame
        At least ``article_id`` and ``body`` (as from :func:`analysis.load_corpus`).

    Returns
    -------
    pandas.DataFrame
        Columns ``article_id``, ``sentence_id`` (0-based within the article),
        ``paragraph_id`` (0-based, counting non-empty lines), ``start``,
        ``end`` and ``text``, with ``body[start:end] == text``.

    Examples
    --------
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"article_id": ["a"], "body": ["Mr. Kim left the U.S. on Jan. 5. He said no."]})
    >>> sentences(arts)["text"].tolist()
    ['Mr. Kim left the U.S. on Jan. 5.', 'He said no.']
    """
    require_columns(articles, ("article_id", "body"), "sentences")
    rows: list[tuple[str, int, int, int, int, str]] = []
    for aid, body in zip(articles["article_id"].astype(str), articles["body"].fillna("").astype(str)):
        paragraph = -1
        last_line_end = -1
        for i, (s, e) in enumerate(iter_sentence_spans(body)):
            if s > last_line_end:
                paragraph += 1
                nl = body.find("\n", s)
                last_line_end = len(body) if nl == -1 else nl
            rows.append((aid, i, paragraph, s, e, body[s:e]))
    frame = pd.DataFrame(rows, columns=["article_id", "sentence_id", "paragraph_id", "start", "end", "text"])
    return frame.astype({"sentence_id": "int64", "paragraph_id": "int64", "start": "int64", "end": "int64"})


class SentenceIndex:
    """Map character offsets of one body to sentence ids in O(log n).

    Extractors that match over a whole body use this to give each match
    its ``sentence_id`` and sentence text.
    """

    def __init__(self, body: str) -> None:
        self.body = body
        self.spans = list(iter_sentence_spans(body))
        self._starts = [s for s, _ in self.spans]

    def locate(self, offset: int) -> int:
        """Return the id of the sentence holding ``offset`` (nearest preceding one)."""
        return max(0, bisect_right(self._starts, offset) - 1)

    def text(self, sentence_id: int) -> str:
        if not self.spans:
            return ""
        s, e = self.spans[sentence_id]
        return self.body[s:e]


