"""Split the text of one article into headline, body and page chrome.

Plain-text convention: the first non-empty line that is not page chrome is
the headline; the rest is the body.  Lines at the top of the body that only
repeat the headline (scrapers often capture it twice, sometimes split into a
kicker and a title) are recorded as chrome too.  A byline date such as
"Published : Jan. 5, 2024" is read so the loader can fill ``published`` when
the manifest gives none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from analysis.corpus.boilerplate import DEFAULT_RULES, BoilerplateRule, split_chrome
from analysis.lexicon.calendar import parse_full_date

# Words that introduce a publication date in bylines and datelines.
_BYLINE_CUE = re.compile(
    r"\b(?:published|posted|updated|first published|last updated|date)\b\s*(?:on|at)?\s*[:\-–]?\s*",
    re.IGNORECASE,
)
_BYLINE_LINES = 6  # a byline sits just under the headline
# Headlines run to a few hundred characters at most; a longer first line is
# reporting from a file without a headline line, and stays in the body.
MAX_HEADLINE_CHARS = 500


@dataclass
class ParsedArticle:
    headline: str
    body: str
    removed: list[tuple[str, str]] = field(default_factory=list)
    byline_date: pd.Timestamp | None = None
    byline_evidence: str = ""
    notes: list[str] = field(default_factory=list)
    headline_derived: bool = False


# A derived headline is the first sentence, cut at a word boundary past this.
DERIVED_HEADLINE_CHARS = 160
_FIRST_SENTENCE = re.compile(r"[^\n]*?[.!?](?=[\"'”’)\]]*(?:\s|$))")


def derive_headline(body: str, limit: int = DERIVED_HEADLINE_CHARS) -> str:
    """A headline for an article that has none: its first sentence, shortened.

    The body is not changed: the derived headline repeats its opening
    words.  The first line is used when no sentence end is found in it.

    Parameters
    ----------
    body : str
        The article body.
    limit : int, default 160
        Longer first sentences are cut at the last word boundary before
        this many characters and end with "…".

    Returns
    -------
    str
        The derived headline ("" for an empty body).
    """
    text = body.lstrip()
    first_line = text.split("\n", 1)[0][: 4 * limit]
    match = _FIRST_SENTENCE.match(first_line)
    sentence = (match.group(0) if match else first_line).strip()
    if len(sentence) <= limit:
        return sentence
    cut = sentence[:limit].rsplit(" ", 1)[0].rstrip(" ,;:-–—")
    return (cut or sentence[:limit]) + "…"


def _normalise(s: str) -> str:
    return " ".join(re.findall(r"\w+", s.lower()))


def parse_article_text(
    text: str,
    rules: tuple[BoilerplateRule, ...] | list[BoilerplateRule] = DEFAULT_RULES,
    headline: str | None = None,
) -> ParsedArticle:
    """Split decoded article text into headline, body and removed chrome.

    Parameters
    ----------
    text : str
        The article text with ``\\n`` line ends.
    rules : sequence of BoilerplateRule
        Chrome rules (see :mod:`analysis.corpus.boilerplate`).
    headline : str, optional
        A headline given separately (JSON/CSV records; may be empty).  When
        given, the whole text is body; otherwise the first non-empty,
        non-chrome line is the headline, unless it is longer than
        :data:`MAX_HEADLINE_CHARS` (then the line stays in the body and
        ``notes`` says so).  Either way, an article left without a headline
        gets one from :func:`derive_headline` (``headline_derived`` is True)
        and its body keeps every line.

    Returns
    -------
    ParsedArticle
    """
    kept, removed = split_chrome(text.split("\n"), rules)
    if headline is None:
        idx = next((i for i, line in enumerate(kept) if line.strip()), None)
        if idx is None:
            return ParsedArticle("", "", removed)
        headline = kept[idx].strip()
        body_lines = kept[idx + 1:]
        if len(headline) > MAX_HEADLINE_CHARS:
            notes = [f"first line is {len(headline):,} characters long, too long for a headline: "
                     "read as body text, headline derived from its first sentence"]
            headline, body_lines = "", kept[idx:]
        else:
            notes = []
    else:
        body_lines, notes = kept, []
    body_lines, repeats = _drop_repeated_headline(body_lines, headline)
    removed.extend(("repeated-headline", r) for r in repeats)
    body = "\n".join(body_lines).strip()
    headline = headline.strip()
    derived = not headline and bool(body)
    if derived:
        headline = derive_headline(body)
    parsed = ParsedArticle(headline=headline, body=body, removed=removed, notes=notes,
                           headline_derived=derived)
    _read_byline_date(parsed, body_lines)
    return parsed


def _drop_repeated_headline(lines: list[str], headline: str) -> tuple[list[str], list[str]]:
    """Remove leading body lines that restate the headline (whole or in parts)."""
    target = _normalise(headline)
    if not target:
        return lines, []
    repeats: list[str] = []
    remaining = target
    i = 0
    while i < len(lines):
        stripped = lines[i].strip()
        if not stripped:
            i += 1
            continue
        norm = _normalise(stripped)
        if not norm:
            break
        if norm == target:
            repeats.append(stripped)
            remaining = target
        elif remaining.startswith(norm) and len(norm) < len(remaining):
            # kicker line ("Debris all over the country") before the title line
            repeats.append(stripped)
            remaining = remaining[len(norm):].strip()
        elif norm == remaining:
            repeats.append(stripped)
            remaining = target
        else:
            break
        i += 1
    if remaining != target:
        # a kicker that was not followed by the rest of the headline is body text
        return lines, []
    if not repeats:
        return lines, []
    return lines[i:], repeats


def _read_byline_date(parsed: ParsedArticle, body_lines: list[str]) -> None:
    seen = 0
    for line in body_lines:
        if not line.strip():
            continue
        seen += 1
        if seen > _BYLINE_LINES:
            break
        cue = _BYLINE_CUE.search(line)
        if cue is None:
            continue
        found = parse_full_date(line[cue.end():cue.end() + 60])
        if found is not None:
            y, m, d, match = found
            parsed.byline_date = pd.Timestamp(year=y, month=m, day=d)
            parsed.byline_evidence = line.strip()[:120]
            return
