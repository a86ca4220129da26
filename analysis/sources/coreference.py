"""Make speakers canonical within one article.

"Kirby", "John Kirby" and a following "he" are one speaker; "the official"
is the "US official" named before; "DIA" is the "Defense Intelligence
Agency" the article spells out. :class:`SpeakerResolver` is fed the
article's person mentions up front and each attributed speaker as the
attribution extractor reaches it, and answers with the canonical name,
its type and role. Every lookup is a dictionary access or a bisection, so
resolving stays linear in the article.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from analysis.lexicon.places import CAPITALS, COUNTRIES, COUNTRY_ALIASES
from analysis.lexicon.roles import ACRONYM_SMALL_WORDS, PERSON_ROLES, PERSONAL_TITLES, ROLE_STOPWORDS
from analysis.sources.speakers import Mention, clean_phrase, has_role_word, is_capitalised, looks_like_person, pronoun_kind, speaker_type, split_role

#: "a report by", "the statement from": the words before the source a document is cited from
DOC_PREFIX = re.compile(
    r"^(?:an?\s|the\s)?(?:new\s|recent\s|latest\s|separate\s)?(?:report|statement|study|analysis|assessment|"
    r"survey|letter|post|data|figures|estimates?|investigation|document|review)\s(?:released\s|published\s|"
    r"issued\s)?(?:by|from|of)\s", re.IGNORECASE)
_DOC_PREFIX = DOC_PREFIX
def role_words(text: str) -> set[str]:
    """Lower-case content words of a role description, possessives removed."""
    return _role_words(text)


def _role_words(text: str) -> set[str]:
    out = set()
    for w in text.lower().split():
        w = w.strip(".,;:()\"“”")
        if w.endswith(("'s", "’s")):
            w = w[:-2]
        out.add(w)
    return out - ROLE_STOPWORDS


_ACRONYM_DEF = re.compile(r"\(([A-Z][A-Z0-9&]{1,7})\)")


class SpeakerResolver:
    """Canonical speakers within one article."""

    def __init__(self, body: str, mentions: list[Mention]) -> None:
        self.body = body
        self.mentions = mentions
        self._mention_starts = [m.start for m in mentions]
        self.events: list[tuple[int, str, bool]] = []  # (offset, speaker, is_person)
        self.types: dict[str, str] = {}
        self.roles: dict[str, str] = {}
        for m in mentions:
            if m.role and m.name not in self.roles:
                self.roles[m.name] = m.role
        self.acronyms = acronyms(body)
        self._index: dict[str, str] | None = None
        self._no_long_form: set[str] = set()
        # name token -> (mention starts, full names), for "Kirby" -> "John Kirby"
        self._by_token: dict[str, tuple[list[int], list[str]]] = {}
        for m in mentions:
            for tok in m.name.split():
                entry = self._by_token.setdefault(tok, ([], []))
                entry[0].append(m.start)
                entry[1].append(m.name)
        self._speaker_names: dict[str, str] = {}
        self._last: dict[str, tuple[int, str]] = {}  # latest speaker: "person", "thing", "any"

    def _full_name(self, token: str, offset: int) -> str | None:
        """The latest full name before ``offset`` containing ``token`` (else a speaker's, else the first)."""
        found = self._by_token.get(token)
        if found:
            k = bisect_left(found[0], offset) - 1
            if k >= 0:
                return found[1][k]
        named = self._speaker_names.get(token)
        if named:
            return named
        return found[1][0] if found else None

    def _pronoun(self, kind: str, offset: int) -> str | None:
        if kind == "plural":
            # "they": the latest plural source ("officials", "Moscow and Pyongyang");
            # never a single speaker ("the minister") of an earlier sentence
            for off, sp, _person in reversed(self.events[-20:]):
                if off < offset and is_plural(sp):
                    return sp
            return None
        best: tuple[int, str] | None = self._last.get(kind)
        if best is not None and best[0] >= offset:
            best = None
        if kind == "person":
            k = bisect_left(self._mention_starts, offset) - 1
            if k >= 0 and (best is None or self.mentions[k].start > best[0]):
                best = (self.mentions[k].start, self.mentions[k].name)
        return best[1] if best else None

    def resolve(self, phrase: str, role: str, offset: int) -> tuple[str, str, str]:
        """Return (speaker, speaker_type, role) for a raw phrase at ``offset``."""
        kind = pronoun_kind(phrase)
        if kind:
            found = self._pronoun(kind, offset)
            if found is None:
                return phrase.strip().lower(), "unknown", ""
            role = self.roles.get(found, "")
            stype = self.types.get(found) or speaker_type(found, role, named_person=looks_like_person(found))
            self.types[found] = stype
            return found, stype, role
        cleaned = clean_phrase(_DOC_PREFIX.sub("", phrase))
        name, split = split_role(cleaned)
        role = split or role
        # "Defense Intelligence Agency (DIA)" -> the long form
        paren = re.search(r"\s*\(([A-Z][A-Z0-9&]{1,7})\)$", name)
        if paren:
            long_form = self.acronyms.get(paren.group(1))
            name = long_form if long_form and long_form in name else name[:paren.start()].strip()
        toks = name.split()
        if len(toks) == 1 and toks[0].isupper() and self.long_form(toks[0]):
            name = self.acronyms[toks[0]]
        elif len(toks) == 1 and is_capitalised(toks[0]) and not toks[0].isupper():
            full = self._full_name(toks[0].strip(".,"), offset)
            if full:
                name = full
        elif len(toks) == 1 and cleaned.lower() == name.lower():
            # "the official" -> the official named before ("US official");
            # "the ministry" -> "DPRK Ministry of National Defense"
            head = toks[0].lower().rstrip("s")
            for _, sp, _person in reversed(self.events[-50:]):
                if any(w.lower().rstrip("s") == head for w in sp.split()):
                    name = sp
                    break
            else:
                if toks[0].lower() in ORGANISATION_HEADS:
                    name = self._named_organisation(toks[0], offset) or name
        if not looks_like_person(name) and has_role_word(name):
            # "North Korea's ambassador to the UN" -> "Kim Song" when the article
            # introduces him with that role
            linked = self._person_for_role(name)
            if linked:
                role, name = role or name, linked
        # "Mr Berlusconi": a title makes a lone surname a person
        person = looks_like_person(name) or (len(name.split()) == 1 and role.lower().strip(".") in PERSONAL_TITLES)
        role = role or self.roles.get(name, "")
        stype = speaker_type(name, role, named_person=person)
        known = self.types.get(name)
        if known and (stype in {"person", "other", "document", "unknown"} or known == stype):
            stype = known
        self.types[name] = stype
        if role and name not in self.roles:
            self.roles[name] = role
        return name, stype, role

    def _person_for_role(self, phrase: str) -> str | None:
        """The one person the article introduces with (nearly) this role description."""
        words = _role_words(phrase)
        if len(words) < 2 or not words & PERSON_ROLES or is_plural(phrase):
            return None  # "the official": too little to tell people apart; "experts" are many
        found = []
        # the description's head: its first one-person noun ("sister" in "sister of President X")
        head = next((w for w in (t.strip(".,;:()\"“”").lower() for t in phrase.split()) if w in PERSON_ROLES), None)
        for person, role in self.roles.items():
            rwords = _role_words(role)
            shared = words & rwords
            if not looks_like_person(person):
                continue
            if len(shared) >= 2 and len(shared) >= 0.6 * len(words):
                found.append(person)
            elif head in shared and rwords <= PERSON_ROLES | PERSONAL_TITLES \
                    and not set(person.lower().split()) & words:
                # "Ambassador Kim Song" (a bare title, nothing to contradict) is "North Korea's
                # ambassador to the UN" when no other person holds that title
                found.append(person)
        return found[0] if len(found) == 1 else None

    def long_form(self, acr: str) -> str | None:
        """What an acronym stands for in this article: defined in brackets, else the first run of
        capitalised words it abbreviates (the index of those runs is built on first need)."""
        got = self.acronyms.get(acr)
        if got is None and acr not in self._no_long_form:
            if self._index is None:
                self._index = acronym_index(self.body)
            got = expand_acronym(acr, self.body, self._index)
            if got:
                self.acronyms[acr] = got
            else:
                self._no_long_form.add(acr)
        return got

    def _named_organisation(self, head: str, offset: int) -> str | None:
        """What "the agency" / "the ministry" refers to: the last organisation named with
        that word ("DPRK Ministry of National Defense"), else the latest non-person source."""
        window = max(0, offset - _ORG_LOOKBACK)
        at = self.body.rfind(head.capitalize(), window, offset)
        if at != -1:
            line_start = max(window, self.body.rfind("\n", 0, at) + 1)
            for run in _CAPITAL_RUN.finditer(self.body, line_start, min(len(self.body), at + 200)):
                if run.start() <= at < run.end():
                    before = self.body[line_start:run.start()].split()
                    acronym = before[-1] if before and before[-1].isupper() and 2 <= len(before[-1]) <= 6 else ""
                    return f"{acronym} {run.group(0)}".strip()
        kinds = ORGANISATION_HEADS[head.lower()]
        for _, sp, person in reversed(self.events[-3:]):
            if not person and not is_plural(sp) and self.types.get(sp) in kinds:
                return sp
        return None

    def note(self, offset: int, speaker: str, stype: str) -> None:
        person = looks_like_person(speaker)
        self.events.append((offset, speaker, person))
        self._last["any"] = (offset, speaker)
        self._last["person" if person else "thing"] = (offset, speaker)
        if person:
            for tok in speaker.split():
                self._speaker_names[tok] = speaker


_STATE = ("government", "military", "intelligence")
#: Nouns that, with "the", name an organisation mentioned before ("the agency said"),
#: with the kinds of source each can refer back to.
ORGANISATION_HEADS: dict[str, tuple[str, ...]] = {
    "agency": (*_STATE, "international_body", "media"), "service": _STATE, "ministry": _STATE,
    "department": _STATE, "office": _STATE, "government": ("government",), "embassy": ("government",),
    "bureau": _STATE, "military": ("military",), "army": ("military",),
    "panel": ("international_body",), "committee": ("international_body", "government"),
    "council": ("international_body", "government"), "commission": ("international_body", "government"),
    "body": ("international_body",), "watchdog": ("international_body", "expert"),
    "group": ("expert", "other"), "team": ("expert", "other", "international_body"), "institute": ("expert",),
    "organisation": ("expert", "other", "international_body"), "organization": ("expert", "other",
                                                                               "international_body"),
    "company": ("other",),
}
# "the ministry" looks this far back for the organisation it names
_ORG_LOOKBACK = 3000
# "officials", "MPs", "Tories" (a one-word capitalised plural); not "Reuters Inc", "United States"
_PLURAL_NOUN = re.compile(r"(?:[a-z]{2,}(?<![su])s|[A-Z]{2,}s|people|staff|police)$")
_PLURAL_NAME = re.compile(r"[A-Z][a-z]+(?<![su])s$")


def is_plural(speaker: str) -> bool:
    """A plural source: a coordination ("Moscow and Pyongyang") or a plural noun ("US officials").

    Examples
    --------
    >>> is_plural("United States and its allies"), is_plural("US officials"), is_plural("Kremlin")
    (True, True, False)
    """
    words = speaker.split()
    return bool(words) and (" and " in speaker or bool(_PLURAL_NOUN.fullmatch(words[-1]))
                            or len(words) == 1 and bool(_PLURAL_NAME.match(words[0])))


def acronyms(body: str) -> dict[str, str]:
    """Acronyms the body defines: "Defense Intelligence Agency (DIA)" -> {"DIA": ...}."""
    found: dict[str, str] = {}
    for m in _ACRONYM_DEF.finditer(body):
        acr = m.group(1)
        words = body[max(0, m.start() - 120):m.start()].split()
        letters = [c for c in acr if c.isalpha()]
        picked: list[str] = []
        i = len(words) - 1
        need = len(letters)
        while i >= 0 and need > 0:
            w = words[i].strip(",.;:")
            if w.lower() in ACRONYM_SMALL_WORDS and picked:
                picked.insert(0, w)
            elif w[:1].upper() == letters[need - 1] and w[:1].isupper():
                picked.insert(0, w)
                need -= 1
            else:
                break
            i -= 1
        if need == 0:
            found.setdefault(acr, " ".join(picked))
    # acronyms used alone whose long form appears without brackets
    return found


_CONNECTORS = r"(?:of|for|and|the|on)"
# Runs of capitalised words, allowing one small connector between two of them
# ("Bank of England").  The word and white-space classes are disjoint, so the
# repetition cannot backtrack.
_CAPITAL_RUN = re.compile(
    rf"\b[A-Z][a-z]+\b(?:\s+(?:{_CONNECTORS}\s+)?[A-Z][a-z]+\b)*"
)
_CAPITAL_WORD = re.compile(r"\b[A-Z][a-z]+\b")
_MAX_ACRONYM = 6


def acronym_index(body: str) -> dict[str, str]:
    """Map every possible acronym to the first run of capitalised words it abbreviates.

    "... the Defense Intelligence Agency ..." gives ``{"DI": "Defense
    Intelligence", "DIA": "Defense Intelligence Agency", "IA": ...}``.  One
    pass over the body (at most 6-word windows), so expanding every acronym
    of an article is linear in its length; searching the body once per
    distinct acronym was quadratic on text full of acronyms.
    """
    index: dict[str, str] = {}
    for run in _CAPITAL_RUN.finditer(body):
        words = [(m.start(), m.end(), m.group(0)[0]) for m in _CAPITAL_WORD.finditer(run.group(0))]
        base = run.start()
        for i in range(len(words)):
            initials = ""
            for j in range(i, min(len(words), i + _MAX_ACRONYM)):
                initials += words[j][2]
                if j > i:
                    index.setdefault(initials, body[base + words[i][0]:base + words[j][1]])
    return index


def expand_acronym(acr: str, body: str, index: dict[str, str] | None = None) -> str | None:
    """The first phrase of capitalised words in ``body`` whose initials spell ``acr``.

    Pass a prebuilt :func:`acronym_index` when expanding many acronyms of one body.
    """
    if not 2 <= len(acr) <= _MAX_ACRONYM:
        return None
    if index is None:
        index = acronym_index(body)
    return index.get(acr)


def _country_name(phrase: str) -> str | None:
    """The canonical country a phrase names as a speaker ("Moscow" -> "Russia", "the U.S." -> "United States")."""
    low = phrase.strip().lower()
    if low.startswith("the ") and low not in COUNTRY_ALIASES:
        low = low[4:]
    if low in COUNTRY_ALIASES:
        return COUNTRY_ALIASES[low]
    if low in CAPITALS:
        return CAPITALS[low]
    if low in COUNTRIES:
        return " ".join(w if w in {"and", "of"} else w.capitalize() for w in low.split())
    return None


def split_speakers(speaker: str) -> list[str]:
    """The parties of a joint speaker, when each is a country, a person or an acronym.

    "Moscow and Pyongyang" -> ["Moscow", "Pyongyang"]; "Kim Jong Un and
    Vladimir Putin" -> both names. A name with "and" inside it ("Ministry of
    Trade and Industry", "Bosnia and Herzegovina") stays whole.

    Examples
    --------
    >>> split_speakers("Moscow and Pyongyang"), split_speakers("Ministry of Trade and Industry")
    (['Moscow', 'Pyongyang'], ['Ministry of Trade and Industry'])
    """
    if " and " not in speaker and ", " not in speaker:
        return [speaker]
    parts = [p.strip() for p in re.split(r",\s*(?:and\s+)?|\s+and\s+", speaker) if p.strip()]
    if len(parts) < 2:
        return [speaker]
    for p in parts:
        if not (_country_name(p) or looks_like_person(p) or (p.isupper() and 2 <= len(p) <= 6)):
            return [speaker]
    return parts


def canonical_speakers(speakers, acronym_map: dict[str, str] | None = None) -> dict[str, str]:
    """One name per speaker across a corpus: a mapping from each name to its canonical form.

    * a country under any of its names, or its capital, becomes the country
      ("Moscow", "Russian Federation" -> "Russia"; "the U.S." -> "United States");
    * spellings that differ only in case become one ("Experts"/"experts":
      the form with a lower-case initial, a common noun capitalised at the
      start of a sentence);
    * an acronym becomes the long form some article of the corpus spells
      out ("DIA" -> "Defense Intelligence Agency"), given ``acronym_map``;
    * a lone surname becomes the one full name of the corpus that ends with
      it ("Peskov" -> "Dmitry Peskov"), when only one does;
    * joint speakers are mapped part by part ("Moscow and Pyongyang" ->
      "Russia and North Korea").

    Parameters
    ----------
    speakers : iterable of str
        Speaker names, with repeats (frequencies decide between case variants).
    acronym_map : dict, optional
        Acronym -> long form, as spelled out in the corpus.

    Returns
    -------
    dict
        name -> canonical name, for every distinct name given.

    Examples
    --------
    >>> m = canonical_speakers(["Experts", "experts", "Moscow", "DIA", "Dmitry Peskov", "Peskov"],
    ...                        {"DIA": "Defense Intelligence Agency"})
    >>> [m[s] for s in ("Experts", "Moscow", "DIA", "Peskov")]
    ['experts', 'Russia', 'Defense Intelligence Agency', 'Dmitry Peskov']
    """
    acronym_map = acronym_map or {}
    counts: dict[str, int] = {}
    for s in speakers:
        if isinstance(s, str) and s:
            counts[s] = counts.get(s, 0) + 1
    by_fold: dict[str, list[str]] = {}
    for s in counts:
        by_fold.setdefault(s.casefold(), []).append(s)
    case_form: dict[str, str] = {}
    for variants in by_fold.values():
        lower_initial = [v for v in variants if v[:1].islower()]
        pool = lower_initial or variants
        best = max(pool, key=lambda v: (counts[v], -sum(c.isupper() for c in v)))
        for v in variants:
            case_form[v] = best
    surnames: dict[str, set[str]] = {}
    for s in counts:
        if looks_like_person(s):
            surnames.setdefault(s.split()[-1], set()).add(s)

    def one(name: str) -> str:
        country = _country_name(name)
        if country:
            return country
        toks = name.split()
        if len(toks) == 1 and name.isupper() and name in acronym_map:
            return acronym_map[name]
        if len(toks) == 1 and is_capitalised(name) and len(surnames.get(name, ())) == 1:
            return next(iter(surnames[name]))
        return case_form.get(name, name)

    out: dict[str, str] = {}
    for s in counts:
        parts = split_speakers(s)
        out[s] = " and ".join(one(p) for p in parts) if len(parts) > 1 else one(s)
    return out
