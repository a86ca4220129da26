"""Who a speaker is: clean speaker phrases, find person names, type speakers.

The attribution extractor finds *where* a source is named; this module
decides *who* it is:

* :func:`clean_phrase` strips determiners, quantifiers and time adverbs
  from a speaker phrase ("The powerful sister ... this month" → "powerful
  sister ...", "Both Moscow and Pyongyang" → "Moscow and Pyongyang");
* :func:`split_role` separates a person's name from the role around it
  ("US Ambassador Linda Thomas-Greenfield to the UN" → name "Linda
  Thomas-Greenfield", role "US Ambassador");
* :func:`person_mentions` lists the person names in a body (capitalised
  runs of two to four words that contain no place, organisation or
  calendar word), which resolve surnames and pronouns;
* :func:`speaker_type` maps a speaker and its role to one of
  :data:`SPEAKER_TYPES` with ordered keyword rules.

All matching is on plain word sets and a few fixed-width patterns, so it
stays linear in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.lexicon.speaker_types import (DOCUMENT_PATTERN, EXPERT_PATTERN, FORMER_PATTERN, GOVERNMENT_PATTERN,
                                            INTELLIGENCE_ACRONYMS_PATTERN, INTELLIGENCE_PATTERN,
                                            INTERNATIONAL_ACRONYMS_PATTERN, INTERNATIONAL_PATTERN, MEDIA_PATTERN,
                                            MILITARY_PATTERN, UNNAMED_PATTERN)
from analysis.lexicon.name_words import (ADVERBS, DETERMINERS, NAME_ADJECTIVES, NOT_NAME, PLACE_PREPOSITIONS, PRONOUNS, ROLE_STOP,
                                         TITLE_WORDS, TRAILING_QUANTIFIERS)
from analysis.lexicon.places import CAPITALS, COUNTRIES as COUNTRY_NAMES, COUNTRY_ALIASES

#: Every value ``speaker_type`` can take, in the order the rules try them.
SPEAKER_TYPES = (
    "expert",              # analysts, researchers, think tanks, *former* officials
    "intelligence",        # intelligence agencies and their staff
    "military",            # armed forces, defence ministries, the Pentagon, officers
    "international_body",  # UN bodies, sanctions monitors, NATO, EU, IAEA, ...
    "media",               # news agencies, newspapers, broadcasters, state media
    "official_unnamed",    # unnamed officials, sources, diplomats
    "government",          # governments, ministries, leaders, countries and capitals
    "document",            # reports, studies, statements, photos cited as a source
    "person",              # a named person whose role the article does not give
    "narrator",            # the outlet itself: sentences with no attribution
    "unknown",             # a pronoun the article gives no antecedent for
    "other",               # any other named source (companies, groups, ...)
)

_WORD = re.compile(r"[A-Za-z][A-Za-z'’.-]*")
_CAPITAL = re.compile(r"(?<![A-Za-z])[A-Z]")  # a capital not inside a run of letters
_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")

_INTELLIGENCE = re.compile(INTELLIGENCE_PATTERN, re.IGNORECASE)
_INTELLIGENCE_ACRONYMS = re.compile(INTELLIGENCE_ACRONYMS_PATTERN)
_MILITARY = re.compile(MILITARY_PATTERN, re.IGNORECASE)
_INTERNATIONAL = re.compile(INTERNATIONAL_PATTERN, re.IGNORECASE)
_INTERNATIONAL_ACRONYMS = re.compile(INTERNATIONAL_ACRONYMS_PATTERN)
_MEDIA = re.compile(MEDIA_PATTERN, re.IGNORECASE)
_EXPERT = re.compile(EXPERT_PATTERN, re.IGNORECASE)
_FORMER = re.compile(FORMER_PATTERN, re.IGNORECASE)
_UNNAMED = re.compile(UNNAMED_PATTERN, re.IGNORECASE)
_GOVERNMENT = re.compile(GOVERNMENT_PATTERN, re.IGNORECASE)
_DOCUMENT = re.compile(DOCUMENT_PATTERN, re.IGNORECASE)

#: Country names, the usual way they are written in English news; used as
#: speakers they stand for their governments ("South Korea said").
COUNTRIES = COUNTRY_NAMES | frozenset(COUNTRY_ALIASES) | frozenset({
    "the united states", "the us", "the u.s.", "the north", "the south", "the west", "the eu"})


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def clean_phrase(phrase: str) -> str:
    """Strip determiners, leading quantifiers and trailing time adverbs.

    Examples
    --------
    >>> clean_phrase("The powerful sister of North Korean leader Kim Jong Un this month")
    'powerful sister of North Korean leader Kim Jong Un'
    >>> clean_phrase("Both Moscow and Pyongyang have previously")
    'Moscow and Pyongyang'
    """
    toks = phrase.strip(" ,;:-–—\t\n\"'“”‘’").split()
    while toks and (toks[-1].strip(",.").lower() in ADVERBS or toks[-1].strip(",.").lower() in TRAILING_QUANTIFIERS):
        toks.pop()  # "Moscow and Washington both", "Kim Jong Un this month"
    while toks and (toks[0].lower() in DETERMINERS or toks[0].lower() in ADVERBS) and len(toks) > 1:
        if toks[0][:1].isupper() and toks[0].lower() in NAME_ADJECTIVES and toks[1][:1].isupper():
            break  # "New York Times", "New Zealand" (but "a new Pentagon report")
        toks.pop(0)
    out = " ".join(toks).strip(" ,;:")
    # a dangling "(DIA)" acronym stays; unmatched brackets do not
    if out.count("(") != out.count(")"):
        out = out.replace("(", "").replace(")", "")
    return out


def is_capitalised(token: str) -> bool:
    return bool(token) and token[0].isupper()


def _name_token(tok: str) -> bool:
    core = tok.strip(".,;:'’\"()")
    if core.endswith(("'s", "’s")):
        core = core[:-2]
    return (len(core) > 1 and core[0].isupper() and core.replace("-", "").replace("'", "").isalpha()
            and core.lower() not in NOT_NAME and not core.isupper())


def looks_like_person(phrase: str) -> bool:
    """True when ``phrase`` is a person's name (two to four name-like words).

    Examples
    --------
    >>> looks_like_person("John Kirby"), looks_like_person("North Korea"), looks_like_person("Kirby")
    (True, False, False)
    """
    toks = phrase.split()
    return 2 <= len(toks) <= 4 and all(_name_token(t) for t in toks)


def split_role(phrase: str) -> tuple[str, str]:
    """Split ``phrase`` into (name, role) when it holds a person's name.

    The name is the run of name-like words at the end of the phrase's head
    (the part before "of", "at", "to", "from", "for", "in"); what precedes
    it is the role. A head that contains no name is returned whole as the
    name with an empty role.

    Examples
    --------
    >>> split_role("US Ambassador Linda Thomas-Greenfield to the UN")
    ('Linda Thomas-Greenfield', 'US Ambassador')
    >>> split_role("powerful sister of North Korean leader Kim Jong Un")
    ('powerful sister of North Korean leader Kim Jong Un', '')
    """
    toks = phrase.split()
    head_end = len(toks)
    for i, t in enumerate(toks):
        if t.lower() in {"of", "at", "to", "from", "for", "in", "with", "on"} and i > 0:
            head_end = i
            break
    head = toks[:head_end]
    j = len(head)
    while j > 0 and _name_token(head[j - 1]):
        j -= 1
    name = head[j:]
    # a single capitalised word after a title is a surname ("Mr Kirby")
    if len(name) >= 2 or (len(name) == 1 and j > 0 and head[j - 1].lower().strip(".") in TITLE_WORDS):
        # the words before the name say what the person is; the complement
        # after it ("to the UN") only when nothing precedes the name
        role = " ".join(head[:j]) if j > 0 else " ".join(toks[head_end:])
        return " ".join(name).strip(",."), role.strip(" ,")
    # "Russian Ambassador to the U.N. Vasily Nebenzya": the name after the complement
    k = len(toks)
    while k > head_end and _name_token(toks[k - 1]):
        k -= 1
    # (not "sister of leader Kim Jong Un": after "of" the name is someone else)
    if head_end < len(toks) and toks[head_end].lower() != "of" and 2 <= len(toks) - k <= 4 and k > head_end + 1:
        return " ".join(toks[k:]).strip(",."), " ".join(toks[:k]).strip(" ,")
    return phrase, ""


@dataclass(frozen=True)
class Mention:
    """A person's name in the body, with the role words just before it."""

    start: int
    end: int
    name: str
    role: str




def person_mentions(body: str, skip: list[tuple[int, int]] | None = None) -> list[Mention]:
    """Person names in ``body`` (two to four capitalised name words).

    ``skip`` holds spans (quotations) whose names are ignored: people quoted
    speakers talk about are rarely the antecedent of the next "he said".
    """
    out: list[Mention] = []
    run: list[re.Match] = []
    skip = skip or []
    si = 0

    def flush() -> None:
        if len(run) >= 2:
            toks = [m.group(0) for m in run]
            # drop leading title/non-name words ("President Vladimir Putin")
            k = 0
            while k < len(toks) and not _name_token(toks[k]):
                k += 1
            if 2 <= len(toks) - k <= 4 and all(_name_token(t) for t in toks[k:]):
                s, e = run[k].start(), run[-1].end()
                before = body[max(0, s - 12):s].split()
                if before and before[-1].lower() in PLACE_PREPOSITIONS:
                    run.clear()
                    return  # "in Novo Selo", "near Kupiansk": a place, not a person
                name = body[s:e].rstrip(".,'’")
                if name.endswith(("'s", "’s")):
                    name = name[:-2]
                role = _role_before(body, s) or _role_after(body, s + len(name))
                out.append(Mention(s, s + len(name), name, role))
        run.clear()

    # Only capitalised words start or extend a name, so the scan jumps from
    # capital to capital instead of visiting every word (2-3x faster).  A
    # capital begins a _WORD token unless a letter precedes it through a
    # chain of ' ’ . - (then it is inside one: "McDonald", "U.S.", "x-Ray").
    # A word between two capitalised ones lies in the gap between them, which
    # then is not a single space: the run ends exactly where the word-by-word
    # scan ended it.
    n_skip = len(skip)
    pos = 0
    while True:
        cap = _CAPITAL.search(body, pos)
        if cap is None:
            break
        start = cap.start()
        j = start - 1
        while j >= 0 and body[j] in "'’.-":
            j -= 1
        if j >= 0 and body[j] in _ASCII_LETTERS:
            pos = start + 1
            continue
        m = _WORD.match(body, start)
        while si < n_skip and skip[si][1] <= start:
            si += 1
        inside = si < n_skip and skip[si][0] <= start < skip[si][1]
        if run and (inside or body[run[-1].end():start] not in (" ", "\u00a0")
                    or run[-1].group(0).endswith(("'s", "’s", ",", "."))):
            flush()
        if not inside:
            run.append(m)
        pos = m.end()
    flush()
    return out


def has_role_word(text: str) -> bool:
    """True when ``text`` holds a word that says what kind of source it is."""
    return bool(_EXPERT.search(text) or _INTELLIGENCE.search(text) or _INTELLIGENCE_ACRONYMS.search(text)
                or _MILITARY.search(text) or _INTERNATIONAL.search(text)
                or _INTERNATIONAL_ACRONYMS.search(text) or _MEDIA.search(text)
                or _GOVERNMENT.search(text) or _UNNAMED.search(text))




def _role_before(body: str, start: int) -> str:
    """Role words just before a name: "weapons expert Jeffrey Lewis",
    "Dutch researcher and expert on North Korea's military, Joost Oliemans"."""
    line_start = max(body.rfind("\n", 0, start) + 1, start - 160)
    before = body[line_start:start].rstrip()
    if before.endswith(","):
        # "ROLE, Name": the clause before the comma, if it names a role
        seg = before[:-1]
        cut = max(seg.rfind(","), seg.rfind(";"), seg.rfind(". "), seg.rfind('"'), seg.rfind("“"), seg.rfind("”"))
        role = seg[cut + 1:].strip()
        return role if has_role_word(role) and len(role.split()) <= 12 else ""
    keep: list[str] = []
    for t in reversed(before.split()[-4:]):
        if t[-1] in ",;.:\"”“'’" or t.lower() in ROLE_STOP:
            break
        keep.insert(0, t)
    role = " ".join(keep)
    return role if has_role_word(role) else ""


def _role_after(body: str, end: int) -> str:
    """An appositive after a name: "John Kirby, the National Security Council coordinator, said"."""
    if not body.startswith(", ", end):
        return ""
    stop = len(body)
    for ch in ",.;\n\"“”(":
        k = body.find(ch, end + 2, end + 200)
        if k != -1:
            stop = min(stop, k)
    role = body[end + 2:stop] if stop != len(body) else ""
    first = role.split(" ", 1)[0].lower() if role else ""
    if first in {"a", "an", "the", "former", "who", "now"} or first.endswith("-based") \
            or _POSSESSIVE_ROLE.match(role):  # "Kim Song, North Korea's ambassador to the UN, ..."
        return role.strip() if has_role_word(role) else ""
    return ""


_POSSESSIVE_ROLE = re.compile(r"[A-Z][\w.-]*(?: [A-Z][\w.-]*){0,3}['’]s [a-z]")


def pronoun_kind(phrase: str) -> str | None:
    """'person', 'thing', 'plural' ("they") or 'any' for a bare pronoun, else None."""
    return PRONOUNS.get(phrase.strip().lower())


def is_country(phrase: str) -> bool:
    p = phrase.strip().lower()
    if p.startswith("the "):
        p = p[4:]
    parts = [x.strip() for x in re.split(r",|\band\b", p) if x.strip()]
    return bool(parts) and all(x in COUNTRIES or x in _CAPITALS for x in parts)


_CAPITALS = frozenset(CAPITALS)


def speaker_type(speaker: str, role: str = "", named_person: bool = False) -> str:
    """Type a speaker from its phrase and role with ordered keyword rules.

    Parameters
    ----------
    speaker : str
        The speaker phrase or name.
    role : str
        Role words found around the name ("a senior analyst at ...").
    named_person : bool
        The speaker is a person's name (affects unnamed-official typing).

    Returns
    -------
    str
        One of :data:`SPEAKER_TYPES`.

    Examples
    --------
    >>> speaker_type("Soo Kim", "a former CIA analyst", named_person=True)
    'expert'
    >>> speaker_type("US official"), speaker_type("Seoul military officials"), speaker_type("Kremlin")
    ('official_unnamed', 'military', 'government')
    """
    text = f"{role} {speaker}".strip() if role else speaker
    if not text:
        return "unknown"
    if pronoun_kind(speaker):
        return "unknown"
    intelligence = bool(_INTELLIGENCE.search(text) or _INTELLIGENCE_ACRONYMS.search(text))
    if _FORMER.search(role or text) and (_EXPERT.search(text) or _UNNAMED.search(text) or intelligence
                                         or _GOVERNMENT.search(text) or _MILITARY.search(text)):
        return "expert"  # former officials speak as commentators
    if _EXPERT.search(text) and not intelligence:
        return "expert"
    if intelligence:
        return "intelligence"
    if _MILITARY.search(text):
        return "military"
    if _INTERNATIONAL.search(text) or _INTERNATIONAL_ACRONYMS.search(text):
        return "international_body"
    if _MEDIA.search(text):
        return "media"
    if not named_person and _UNNAMED.search(text):
        return "official_unnamed"
    if _GOVERNMENT.search(text) or is_country(speaker):
        return "government"
    if _DOCUMENT.search(text):
        return "document"
    if named_person:
        return "person"
    return "other"
