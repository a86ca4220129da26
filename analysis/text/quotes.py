"""Find quoted spans in an article body, robust to news text's untidy quotes.

One left-to-right pass over the body (linear time, no regular expressions
that could backtrack; it jumps from one quote mark or line end to the next):

* double quotes of every common kind are recognised: straight ``"``, curly
  ``“ ”``, low ``„`` and guillemets ``« »``; a straight quote opens when it
  follows white space, the start of a line or an opening bracket/dash, and
  closes otherwise;
* news convention for a quotation running over several paragraphs is to
  open every paragraph with a quote mark and close only the last one, so a
  quote still open at a paragraph end *continues* when the next paragraph
  starts with an opening mark (each paragraph becomes one segment sharing a
  ``quote_id``);
* a quote still open at a paragraph end when the next paragraph does not
  start with a quote mark is unbalanced: it is closed at the paragraph end,
  or just before a trailing attribution (``..., she said.``) left inside it,
  and flagged ``closed=False``;
* a closing mark with nothing open (``violation," ," Oliemans said``) is a
  stray and ignored;
* single quotes (``'...'`` and ``‘...’``) count only outside double quotes,
  only when they open before a letter and close before a non-letter on the
  same line, so apostrophes (``don't``, ``players' union``, ``’90s``) never
  start a span.

Spans are the *inner* text, excluding the marks: ``body[start:end]`` is
the quoted wording.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DOUBLE_OPEN = "“„«"
_DOUBLE_CLOSE = "”»"
_STRAIGHT = '"'
_SINGLE_OPEN = "‘"
_SINGLE_CLOSE = "’"
_OPEN_CONTEXT = "([{—–-/\u00a0"
# The characters that can change the scanner's state; everything between two
# of them is skipped in one C-level search (a character class: no backtracking).
_STATE_CHARS = re.compile("[\n" + re.escape(_DOUBLE_OPEN + _DOUBLE_CLOSE + _STRAIGHT + "'" + _SINGLE_OPEN) + "]")
# Verbs that, just after a comma inside an unclosed quote, show the writer
# forgot the closing mark before the attribution ("..., she said.").
_SPEECH_VERBS = frozenset("""
said says added adds told tells explained noted wrote writes stated states continued insisted
argued warned stressed asked replied remarked concluded declared
""".split())


@dataclass(frozen=True)
class QuoteSpan:
    """A quoted stretch of one paragraph: ``body[start:end]`` is the wording."""

    start: int
    end: int
    quote_id: int
    closed: bool
    double: bool = True


def _role(body: str, i: int) -> str:
    """Classify the straight double quote at ``i`` as 'open' or 'close'."""
    before = body[i - 1] if i > 0 else "\n"
    after = body[i + 1] if i + 1 < len(body) else "\n"
    if before.isspace() or before in _OPEN_CONTEXT:
        return "close" if after.isspace() and not before.isspace() else "open"
    return "close"


def _trim_trailing_attribution(body: str, start: int, end: int) -> int:
    """End of an unclosed quote: before a trailing ``, he said`` if there is one."""
    pos = body.rfind(",", start, end)
    while pos != -1 and pos > start:
        words = body[pos + 1:end].split()
        if len(words) > 10:
            break  # too far from the end to be a trailing attribution
        if any(w.strip(".,;:!?").lower() in _SPEECH_VERBS for w in words[:5]):
            return pos + 1
        pos = body.rfind(",", start, pos)
    return end


def _line_end(body: str, i: int) -> int:
    nl = body.find("\n", i)
    return len(body) if nl == -1 else nl


def _next_paragraph_opens(body: str, line_end: int) -> int:
    """Offset of the quote mark opening the next non-empty line, or -1."""
    j = line_end
    n = len(body)
    while j < n and body[j].isspace():
        j += 1
    if j < n and (body[j] in _DOUBLE_OPEN or body[j] == _STRAIGHT):
        return j
    return -1


def quote_spans(body: str) -> list[QuoteSpan]:
    """Return the quoted spans of ``body`` in order.

    Parameters
    ----------
    body : str
        An article body.

    Returns
    -------
    list of QuoteSpan
        Inner spans (marks excluded) with a ``quote_id`` shared by the
        paragraphs of one multi-paragraph quotation and ``closed=False``
        for quotations whose closing mark is missing.

    Examples
    --------
    >>> [(s.start, s.end) for s in quote_spans('He said "yes" and left.')]
    [(9, 12)]
    >>> q = quote_spans('"One.\\n"Two," he said.')
    >>> [(s.quote_id, s.closed) for s in q]
    [(0, True), (0, True)]
    """
    spans: list[QuoteSpan] = []
    n = len(body)
    i = 0
    open_at = -1          # offset just after the opening mark, -1 when none
    quote_id = -1
    find = _STATE_CHARS.search
    while True:
        mark = find(body, i)
        if mark is None:
            break
        i = mark.start()
        ch = body[i]
        if ch == "\n" and open_at != -1:
            nxt = _next_paragraph_opens(body, i)
            end = _trim_trailing_attribution(body, open_at, i)
            if nxt != -1 and end == i:
                # paragraph-spanning quotation: this paragraph is one segment
                spans.append(QuoteSpan(open_at, i, quote_id, True))
                open_at = nxt + 1
                i = nxt + 1
                continue
            # unbalanced: the closing mark is missing (perhaps before a
            # trailing "..., she said." that the writer left inside)
            spans.append(QuoteSpan(open_at, end, quote_id, False))
            open_at = -1
        elif ch in _DOUBLE_OPEN or ch in _DOUBLE_CLOSE or ch == _STRAIGHT:
            if ch in _DOUBLE_OPEN:
                role = "open"
            elif ch in _DOUBLE_CLOSE:
                role = "close"
            else:
                role = _role(body, i)
            if role == "open" and open_at == -1:
                quote_id += 1
                open_at = i + 1
            elif role == "close" and open_at != -1:
                spans.append(QuoteSpan(open_at, i, quote_id, True))
                open_at = -1
            elif role == "open":
                # a second opener while one is open: the first was never
                # closed; end it before the new one and start again
                end = _trim_trailing_attribution(body, open_at, i)
                spans.append(QuoteSpan(open_at, end, quote_id, False))
                quote_id += 1
                open_at = i + 1
            # a closer with nothing open is a stray mark: ignore it
        elif open_at == -1 and (ch == "'" or ch == _SINGLE_OPEN):
            close = _single_close(body, i)
            if close != -1:
                quote_id += 1
                spans.append(QuoteSpan(i + 1, close, quote_id, True, double=False))
                i = close + 1
                continue
        i += 1
    if open_at != -1:
        end = _trim_trailing_attribution(body, open_at, n)
        spans.append(QuoteSpan(open_at, end, quote_id, False))
    return [s for s in spans if s.end > s.start]


def _single_close(body: str, i: int) -> int:
    """Offset of the mark closing a single-quoted span opened at ``i``, or -1."""
    before = body[i - 1] if i > 0 else "\n"
    if not (before.isspace() or before in _OPEN_CONTEXT):
        return -1
    if i + 1 >= len(body) or not body[i + 1].isalnum():
        return -1
    end = min(_line_end(body, i), i + 600)  # a longer run is not a quotation
    j = i + 1
    while j < end:
        ch = body[j]
        if ch in "\"“”":
            return -1  # a double quote inside: not a single-quoted span
        if ch == "'" or ch == _SINGLE_CLOSE:
            after = body[j + 1] if j + 1 < len(body) else " "
            if not after.isalnum() and body[j - 1] != " ":
                return j
        j += 1
    return -1
