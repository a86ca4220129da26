"""Who speaks in each sentence: attribution cues, speakers and quotations.

For every sentence the extractor looks for reporting cues *outside*
quotation marks (a cue inside a quotation belongs to the quoted speaker's
own words) and reads the speaker phrase each cue governs:

========================================  =====================================
pattern                                   example
========================================  =====================================
subject + cue                             "the DIA said", "Hong told AFP"
subject, appositive, + cue                "Soo Kim, a former CIA analyst, told AFP"
cue + subject after a quote or comma      '..." said Kim, who ...', "..., said Hong Min, a senior analyst"
according to + source                     "according to Seoul military officials"
quote-adjacent pronoun                    '..." he added', '"...," it added'
========================================  =====================================

When a sentence has several cues, the one that governs it wins: a cue
next to the sentence's quotation, then a parenthetical one ("..., a US
official said Thursday, ..." / "According to South Korea, ..."), then the
main clause's subject, then an embedded one ("a day after the United
States said ...").

Speakers are canonical within an article: "Kirby" and a following "he"
become "John Kirby"; "the official" becomes the "US official" named
before; an acronym becomes the name it abbreviates in the article
("DIA" → "Defense Intelligence Agency"). A quoted sentence without a cue
takes the speaker of its quotation (a quotation running over sentences
or paragraphs) or of the quoted sentence just before it.

Every sentence gets a row by default: sentences with no attribution are the
outlet's own narration (``speaker_type == "narrator"``, ``speaker`` = the
outlet), which lets :func:`analysis.tag_claims` give every claim a source.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

import pandas as pd

from analysis.lexicon.roles import PERSON_ROLES
from analysis.sources.coreference import DOC_PREFIX, SpeakerResolver, canonical_speakers, is_plural, role_words
from analysis.text.quotes import QuoteSpan, quote_spans
from analysis.checks import require_columns
from analysis.text.sentences import iter_sentence_spans
from analysis.lexicon.clause_words import (ADVERB_SKIP, AFTER_STOP, APPOSITIVE_OPENERS, BOUNDARY_WORDS, CLAUSE_OPENERS,
                                           DETERMINER_WORDS, FINITE, NOT_SPEAKERS, NP_INNER, QUANTIFIERS, TIME_WORDS)
from analysis.lexicon.reporting import ANAPHORIC_HEADS, CUES, INVERTIBLE_CUES, PARTICIPLE_CUES
from analysis.sources.speakers import (clean_phrase, has_role_word, is_capitalised, is_country, looks_like_person, person_mentions,
                       pronoun_kind)


def trie_alternation(words) -> str:
    """A regex matching any of ``words``, factored by shared prefixes.

    ``acknowledged|acknowledges|...`` becomes ``acknowledge(?:d|s)...``: the
    engine reads each prefix once instead of retrying every alternative at
    every word (3x faster over a sentence).  Matches the same words as a
    plain alternation once the caller anchors the end of the word.
    """
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not branches:
            return ""
        if len(branches) == 1 and "" not in node:
            return branches[0]
        group = "(?:" + "|".join(branches) + ")"
        return group + "?" if "" in node else group

    return build(trie)


CUE_RE = re.compile(
    r"(?<![\w-])(?:according\s+to|" + trie_alternation(c for c in CUES if " " not in c)
    + r")(?![\w-])", re.IGNORECASE)
#: Any reporting cue ("said", "told", "according to", "denied", ...), word-bounded.
CUE_RE = CUE_RE
_DOCUMENT_WORD = re.compile(r"\b(?:report|study|survey|analysis|assessment|document|data|figures|photos?|"
                            r"images?|footage|video|statement|letter|records?|estimates?|findings)\b", re.I)
_QUOTE_CHARS = "\"“”„«»"


@dataclass
class _Candidate:
    rank: int
    cue: str
    cue_start: int        # offsets into the body
    cue_end: int
    phrase: str
    phrase_start: int
    role: str = ""


def _tokens(text: str, offset: int = 0) -> list[tuple[int, int, str]]:
    return [(m.start() + offset, m.end() + offset, m.group(0)) for m in re.finditer(r"\S+", text)]


# A subject phrase (at most ~30 words with its appositive) lies within this
# many characters before its cue; tokenising only that window keeps a
# pathological million-character sentence linear instead of quadratic.
_LOOKBACK_CHARS = 2000
# Cues examined per sentence: real sentences have a handful; "said said
# said ..." or a scraped tag cloud would otherwise cost cues x length.
MAX_CUES_PER_SENTENCE = 40


def np_before(body: str, s_start: int, cue_start: int) -> tuple[str, int, str, bool] | None:
    """Subject phrase before a cue: (phrase, phrase_start, appositive role, main_clause), or None.

    ``s_start`` is where the sentence starts, ``cue_start`` where the verb
    starts (body offsets).
    """
    window = max(s_start, cue_start - _LOOKBACK_CHARS)
    toks = _tokens(body[window:cue_start], window)
    if window > s_start and toks:
        toks = toks[1:]  # the window may have cut the first token in two
    # skip adverbs and time phrases between subject and verb
    while toks and not toks[-1][2].endswith(",") and (toks[-1][2].lower().strip(".") in ADVERB_SKIP
                                                       or toks[-1][2].strip(".,").isdigit()
                                                       or _LY_ADVERB.fullmatch(toks[-1][2])):
        toks.pop()  # "Voice of America on Oct. 31 reported": the date is no part of the subject
    if not toks:
        return None
    last = toks[-1][2]
    if last[-1] in _QUOTE_CHARS or last in "-–—":
        return None  # quote-adjacent cue with no subject before it: handled as inverted
    role = ""
    if last.endswith(","):
        # "Name, appositive, said": the appositive is the role
        j = len(toks) - 2
        while j >= 0 and not toks[j][2].endswith(",") and len(toks) - j < 16:
            j -= 1
        if j < 0 or not toks[j][2].endswith(","):
            return None
        appositive = " ".join(t[2] for t in toks[j + 1:]).rstrip(",")
        first = appositive.split(" ", 1)[0].lower()
        named = _name_in_appositive(body, s_start, toks, j, appositive)
        if named is not None:
            return named
        if first not in APPOSITIVE_OPENERS and not first.endswith("-based") and not (
                has_role_word(appositive) and j >= 0 and is_capitalised(toks[j][2])):
            return None  # "Paul Goosens, head of Preventon, told" is fine; a clause is not
        role = appositive if has_role_word(appositive) else ""
        toks = toks[:j + 1]
        toks[-1] = (toks[-1][0], toks[-1][1] - 1, toks[-1][2][:-1])
    phrase_toks = _subject_chunk(toks)
    if not phrase_toks:
        return None
    if any(t[2].lower() in FINITE for t in phrase_toks):
        return None  # the chunk spans a clause, not a noun phrase
    if len(phrase_toks) > 1 and pronoun_kind(phrase_toks[-1][2]):
        # "... sanctions on entities it says are involved": the pronoun is the subject
        phrase_toks = phrase_toks[-1:]
    phrase_toks = _named_tail(phrase_toks)
    k0 = len(toks) - len(phrase_toks)
    phrase = " ".join(t[2] for t in phrase_toks)
    if not role:
        named = _name_before_unclosed_appositive(toks, k0, phrase_toks, phrase)
        if named is not None:
            return named
    start = phrase_toks[0][0]
    lead = body[max(s_start, start - 300):start]
    main = (start - s_start <= 300 and lead.strip() == "") or lead.rstrip().endswith(",")
    return phrase, start, role, main


def _name_in_appositive(body: str, s_start: int, toks: list[tuple[int, int, str]], j: int,
                        appositive: str) -> tuple[str, int, str, bool] | None:
    """The speaker when the appositive is the name and the phrase before it the role, else None.

    "Ukraine's prosecutor general, Andriy Kostin, said": kept apart from
    :func:`np_before` because this reading needs its own walk back to where
    the role starts (``j`` is the token whose comma opens the appositive).
    """
    if not looks_like_person(appositive):
        return None
    k = j
    while k > 0 and len(toks) - k < 12 and not toks[k - 1][2].endswith((",", ";", ":")) \
            and toks[k - 1][2].lower() not in BOUNDARY_WORDS and toks[k - 1][2][-1] not in _QUOTE_CHARS:
        k -= 1
    role = " ".join(t[2] for t in toks[k:j + 1]).rstrip(",")
    if has_role_word(role):
        lead = body[max(s_start, toks[k][0] - 300):toks[k][0]]
        main = lead.strip() == "" or lead.rstrip().endswith(",")
        return appositive, toks[j + 1][0], role, main
    return None


def _subject_chunk(toks: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The tokens of the subject phrase that ends the token list, or [] when there is none.

    Walks back from the cue to the first boundary (clause punctuation, a
    quote, a dash, a boundary word); an over-long chunk (more than 14 tokens)
    is no noun phrase, so it gives [] like an empty one.
    """
    phrase_toks: list[tuple[int, int, str]] = []
    for k in range(len(toks) - 1, -1, -1):
        t = toks[k][2]
        low = t.lower().strip(".,;:")
        if phrase_toks and (t[-1] in ",;:" or t[-1] in _QUOTE_CHARS or t.endswith(")") and "(" not in t):
            break
        if low in BOUNDARY_WORDS or t[0] in _QUOTE_CHARS:
            break
        if t in _DASHES:
            break  # a dateline ("SEOUL, South Korea (AP) — The minister said") or an aside
        if low == "and" and phrase_toks and not is_capitalised(phrase_toks[0][2]):
            break
        phrase_toks.insert(0, toks[k])
        if len(phrase_toks) > 14:
            return []
    return phrase_toks


def _name_before_unclosed_appositive(toks: list[tuple[int, int, str]], k0: int,
                                     phrase_toks: list[tuple[int, int, str]],
                                     phrase: str) -> tuple[str, int, str, bool] | None:
    """The name before a role whose closing comma the writer dropped, else None.

    "Chris Panayis, managing director of ISP Freedom2surf said": the chunk
    before the cue is the role, the speaker is the name before its comma
    (``k0`` is where the chunk starts in ``toks``).
    """
    if not (k0 > 0 and toks[k0 - 1][2].endswith(",") and not is_capitalised(phrase_toks[0][2])
            and has_role_word(phrase)):
        return None
    name_toks = [t for t in toks[max(0, k0 - 4):k0]]
    while name_toks and not is_capitalised(name_toks[0][2]):
        name_toks.pop(0)
    name = " ".join(t[2] for t in name_toks).rstrip(",")
    first_name = k0 - len(name_toks)
    preceded = toks[first_name - 1][2].lower() if name_toks and first_name > 0 else ""
    # a plural ("..., analysts say") is a new subject, and "the end of the Cold War," is no name
    if name_toks and looks_like_person(name) and not is_plural(phrase) and preceded not in {"the", "of"}:
        return name, name_toks[0][0], phrase, True
    return None


_ANTECEDENT = re.compile(r"(?:\bby|\bincluding|\bfrom|\bfor|^)\s+((?:[^\s,;]+\s?){1,8})$")
_PROGRESSIVE_BEFORE = re.compile(r"(?<![\w-])(?:been|are|were|is|was)$", re.IGNORECASE)
_CITED_AS = re.compile(r"\s+((?:[\w.'’-]+\s+){0,7}?[\w.'’-]+)\s+as\s+(?:saying|telling|stating|writing)\b")
_PASSIVE_BEFORE = re.compile(r"(?<![\w-])(?:is|are|was|were|be|been|being|stands?|stood|remains?|widely)$",
                             re.IGNORECASE)
_PARTICIPLE_AFTER = re.compile(r"\s+(?:of|to\s+(?:be|have)|in\s+connection)\b", re.IGNORECASE)
_PARTICIPLE_BEFORE = re.compile(r"(?<![\w-])(?:a|an|the|about|of|on|over|for|into|and|or|with|its|their|his|her|"
                                r"any|such|these|those|this|that)$", re.IGNORECASE)
# "has steadfastly denied", "vehemently rejected": an adverb between subject and verb
_LY_ADVERB = re.compile(r"[a-z]{3,}ly")
_DASHES = frozenset({"—", "–", "--", "-", "―"})


def _named_tail(toks: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """ "an allegation Moscow (denies)", "a claim Pyongyang (rejects)": the name is the subject.

    A determiner, then lower-case words that name no kind of source, then a
    run of capitalised words: the capitalised run is the subject of a
    that-less relative clause.
    """
    if len(toks) < 3 or toks[0][2].lower() not in DETERMINER_WORDS:
        return toks
    k = 1
    while k < len(toks) and toks[k][2].islower() and toks[k][2] not in {"of", "and", "for"}:
        k += 1
    if k == 1 or k == len(toks) or has_role_word(" ".join(t[2] for t in toks[1:k])):
        return toks
    tail = toks[k:]
    return tail if all(is_capitalised(t[2]) for t in tail) else toks


def _np_after(body: str, cue_end: int, s_end: int) -> tuple[str, int, str] | None:
    """Speaker phrase after a cue: (phrase, start, appositive role)."""
    toks = _tokens(body[cue_end:s_end], cue_end)
    phrase: list[tuple[int, int, str]] = []
    role = ""
    for k, (a, b, t) in enumerate(toks):
        low = t.lower().strip(".,;:")
        if low in AFTER_STOP and phrase:
            break
        if t[0] in _QUOTE_CHARS:
            break
        core = t.rstrip(".,;:")
        if t.endswith(".") and not re.fullmatch(r"(?:[A-Z]\.)+", t):
            phrase.append((a, b - 1, core))
            break
        phrase.append((a, a + len(core), core))
        if t[-1] in ",;:":
            rest = body[b:s_end]
            nxt = rest.strip().split(" ", 1)[0].lower() if rest.strip() else ""
            name = re.match(r"\s*((?:[A-Z][\w'’-]*\s?){2,4})(?=[,.;]|$)", rest)
            if t[-1] == "," and has_role_word(" ".join(x[2] for x in phrase)) and name \
                    and looks_like_person(name.group(1).strip()):
                # "by the regional governor, Ann Lee": the name, with the role before it
                return name.group(1).strip(), b + name.start(1), " ".join(x[2] for x in phrase)
            if t[-1] == "," and nxt in {"a", "an", "the", "former"}:
                stop = min([i for i in (rest.find(","), rest.find("."), rest.find(";")) if i != -1] or [len(rest)])
                cand = rest[:stop].strip()
                role = cand if has_role_word(cand) else ""
            break
        if len(phrase) > 12:
            return None
    if not phrase:
        return None
    return " ".join(t[2] for t in phrase), phrase[0][0], role


def _inverted_speaker(phrase: str) -> bool:
    """Can the words after an inverted cue ("..., said X") be its speaker?

    A speaker there is a name or a title phrase ("said Lee Seong-kweun",
    "said the official"); "said about 20% of the missiles ..." is the
    reported content, not a speaker.
    """
    if any(c.isdigit() for c in phrase) or "%" in phrase or phrase.split(" ", 1)[0].lower() in QUANTIFIERS:
        return False
    return bool(pronoun_kind(phrase)) or has_role_word(phrase) or any(w[:1].isupper() for w in phrase.split())


class ProperWords:
    """Capitalised words a body uses inside a sentence (so they are names, not sentence openers).

    Built on first use, with one pass over the body: "Research confirms ..."
    does not make "Research" a speaker unless the article also writes
    "... according to Research ..." mid-sentence.
    """

    def __init__(self, body: str) -> None:
        self.body = body
        self._words: set[str] | None = None

    def __contains__(self, word: str) -> bool:
        if self._words is None:
            self._words = set(_MID_CAPITAL.findall(self.body))
        return word.strip(",.") in self._words


_MID_CAPITAL = re.compile(r"(?<=[a-z0-9,;:] )[A-Z][\w'’-]*")


def valid_speaker(phrase: str, sentence_initial: bool, proper: ProperWords | None = None) -> bool:
    """Can ``phrase`` be who speaks?

    A pronoun, a phrase with a role word ("officials", "the ministry"), a
    country or a capitalised name. Not: time phrases ("Last week"), clause
    chunks, lone function words, and a single capitalised word opening the
    sentence that the article never writes capitalised elsewhere
    (``proper``; a common noun such as "Analysis" or "Research").
    """
    if not phrase or len(phrase) > 160:
        return False
    if pronoun_kind(phrase):
        return True
    cleaned = clean_phrase(phrase)
    toks = cleaned.split()
    if not toks or any(t.lower() in FINITE for t in toks):
        return False
    if all(t.lower().strip(",.") in TIME_WORDS or t.strip(",.").isdigit() for t in phrase.split()):
        return False  # "Last week", "On Monday", "Earlier this month"
    if len(toks) == 1 and toks[0].lower().strip(",.") in NOT_SPEAKERS:
        return False  # "And he continued" with the pronoun lost, "But said ..."
    if len(toks) == 1 and toks[0].lower() in ANAPHORIC_HEADS and phrase.split()[0].lower() in {"the", "its", "their", "both"}:
        return True  # "the agency said", "the ministry said": a source named before
    if has_role_word(cleaned):
        return True
    caps = [t for t in toks[1 if sentence_initial and len(toks) > 1 else 0:] if is_capitalised(t)]
    if sentence_initial and len(toks) == 1:
        word = toks[0]
        named = (word.isupper() or is_country(word) or (proper is not None and word in proper)
                 or (proper is None and word[:1].isupper()))
        caps = toks if word[:1].isupper() and named else []
    return bool(caps)


valid_speaker = valid_speaker  # the name older callers use


def _in_quotes(quotes: list[QuoteSpan], starts: list[int], offset: int) -> bool:
    k = bisect_right(starts, offset) - 1
    return k >= 0 and quotes[k].start <= offset < quotes[k].end


def _candidates(body: str, s: int, e: int, quotes: list[QuoteSpan], qstarts: list[int],
                proper: ProperWords | None = None) -> list[_Candidate]:
    out: list[_Candidate] = []
    for n_cues, m in enumerate(CUE_RE.finditer(body, s, e)):
        if n_cues == MAX_CUES_PER_SENTENCE:
            break
        cs, ce = m.start(), m.end()
        if _in_quotes(quotes, qstarts, cs):
            continue  # the quoted speaker's own words
        surface = re.sub(r"\s+", " ", m.group(0).lower())
        cue = CUES.get(surface, surface)
        before = body[s:cs].rstrip()
        quote_before = before[-1:] in _QUOTE_CHARS or before.endswith((",\"", ",”", ", \"", "\" ,"))
        if cue == "according to":
            cand = _according_to_candidate(body, s, e, cs, ce, before)
            if cand is not None:
                out.append(cand)
            continue
        if _reports_no_speech(body, e, ce, surface, before):
            continue
        if cue in {"quoted", "cited"}:
            # "the agency cited Kremlin spokesman Dmitry Peskov as saying": the one cited speaks
            cited = _CITED_AS.match(body, ce, e)
            if cited and valid_speaker(cited.group(1), False, proper):
                out.append(_Candidate(1, cue, cs, ce, cited.group(1), cited.start(1)))
                continue
        inverted = None
        if surface in INVERTIBLE_CUES and (quote_before or before.endswith(",")):
            got = _np_after(body, ce, e)
            if got and valid_speaker(got[0], False) and _inverted_speaker(got[0]):
                inverted = got
        subject = np_before(body, s, cs)
        if subject is None and re.search(r",\s+(?:which|who)\s*$", before):
            subject = _relative_antecedent(before, s, proper)
        if inverted and (quote_before or not subject):
            phrase, ps, role = inverted
            out.append(_Candidate(0 if quote_before else 1, cue, cs, ce, phrase, ps, role))
            continue
        if subject is None:
            if inverted:
                phrase, ps, role = inverted
                out.append(_Candidate(1, cue, cs, ce, phrase, ps, role))
            continue
        phrase, ps, role, main = subject
        if not valid_speaker(phrase, body[s:ps].strip() == "", proper):
            continue
        rank = _subject_rank(body, s, e, ps, ce, main)
        if pronoun_kind(phrase) and quote_before:
            rank = 0
        out.append(_Candidate(rank, cue, cs, ce, phrase, ps, role))
    return out


def _according_to_candidate(body: str, s: int, e: int, cs: int, ce: int, before: str) -> _Candidate | None:
    """The candidate an "according to X" cue (``cs``..``ce``) names, or None.

    Kept apart from :func:`_candidates` because the source follows the cue
    instead of preceding it, and a cited document ranks below a named speaker.
    """
    got = _np_after(body, ce, e)
    if not got:
        return None
    phrase, ps, role = got
    document = bool(_DOCUMENT_WORD.search(phrase))
    phrase = DOC_PREFIX.sub("", phrase)
    if not (valid_speaker(phrase, False) or document):
        return None
    initial = body[s:cs].strip() == ""
    trailing = body[ps:e].rstrip(". ").endswith(phrase.rstrip(".")) or before.endswith(",")
    # "According to the report, Kim claimed ...": a person or body named as the
    # subject outranks the document it is cited from
    rank = 3 if document and not DOC_PREFIX.match(got[0]) else 1 if initial or trailing else 3
    return _Candidate(rank, "according to", cs, ce, phrase, ps, role)


def _reports_no_speech(body: str, e: int, ce: int, surface: str, before: str) -> bool:
    """True when the cue word, in this context, reports no one's speech.

    The cue's own form and the dozen characters ``before`` it rule out an
    infinitive, a passive, an adjectival participle or a participle whose
    subject is the main clause's, so none of them yields a speaker.
    """
    if before[-2:].lower() == "to" and not before[-3:-2].isalnum():
        return True  # an infinitive ("used imagery to confirm that ...") reports no speech
    if _PASSIVE_BEFORE.search(before[-12:]) and not surface.endswith("ing"):
        return True  # "North Korea stands accused", "is believed": a passive names no speaker
    if surface in PARTICIPLE_CUES and (_PARTICIPLE_AFTER.match(body, ce, e)
                                        or _PARTICIPLE_BEFORE.search(before[-12:])):
        # "reports about alleged arms deliveries", "a man suspected of ...": an adjective or a
        # reduced passive, no one reporting
        return True
    if surface in {"saying", "telling", "adding", "accusing", "denying", "confirming", "warning"} \
            and not _PROGRESSIVE_BEFORE.search(before[-12:]):
        # "X lambasted Y, saying ...": the participle's subject is the main subject
        # (but "both have been denying ..." is the verb of its own subject)
        return True
    return False


def _relative_antecedent(before: str, s: int, proper: ProperWords | None) -> tuple[str, int, str, bool] | None:
    """The speaker a ", which said" / ", who said" clause refers back to, or None.

    "..., including by South Korea's foreign ministry, which said ...": the
    relative pronoun has no subject phrase of its own, so its antecedent speaks
    (``before`` is the sentence text from ``s`` up to the cue).
    """
    comma = before.rstrip().rfind(",")
    ante = _ANTECEDENT.search(before[:comma])
    if ante and ante.group(1).strip() and valid_speaker(ante.group(1).strip(), False, proper) \
            and len(ante.group(1).split()) <= 8:
        return (ante.group(1).strip(), s + ante.start(1), "", False)
    return None


def _subject_rank(body: str, s: int, e: int, ps: int, ce: int, main: bool) -> int:
    """How strongly a subject before its cue claims the sentence (0 strongest, 3 weakest).

    Ranked by what surrounds it: a quotation just before the subject, a main
    clause ending at the cue, or a subordinate clause, so that the sentence's
    speaker wins over a speaker merely mentioned in it.
    """
    lead = body[s:ps].rstrip()
    if lead[-1:] in _QUOTE_CHARS or lead.endswith(("\",", "”,")):
        return 0
    if main and lead.endswith(",") and body[ce:e].lstrip()[:1] in {"", ".", ","}:
        return 1
    if main and lead.endswith(",") and len(body[ce:e].split()) <= 6:
        return 1
    if main:
        return 2 if body[ce:e].lstrip()[:1] not in _QUOTE_CHARS else 0
    return 3


def clause_speaker(body: str, s: int, e: int, quotes: list[QuoteSpan],
                   proper: ProperWords | None = None) -> tuple[str, int, str] | None:
    """The speaker a clause names for itself with a reporting verb.

    Parameters
    ----------
    body : str
        The article text.
    s, e : int
        The clause's offsets in ``body`` (e.g. the words after "..., while" or
        "..., which" up to the next such break).
    quotes : list of QuoteSpan
        The article's quotations (:func:`analysis.text.quotes.quote_spans`):
        a verb inside a quotation is the quoted speaker's own word.
    proper : ProperWords, optional
        The article's capitalised words, to tell names from sentence-initial words.

    Returns
    -------
    tuple of (str, int, str) or None
        (speaker phrase, its offset, canonical cue) for the subject of a
        reporting verb in the clause ("which the health ministry said killed
        hundreds" -> "the health ministry"), None when the clause has none.
    """
    qstarts = [q.start for q in quotes]
    cands = [c for c in _candidates(body, s, e, quotes, qstarts, proper)
             if c.rank <= 2 and s <= c.phrase_start < e]
    if not cands:
        return None
    best = min(cands, key=lambda c: (c.rank, c.cue_start))
    return best.phrase, best.phrase_start, best.cue


def _continues_speech(body: str, s: int, e: int, qs: int, qe: int) -> bool:
    """Does a cue-less quoted sentence carry on the previous sentence's quoted speech?

    Yes when it opens with its quotation, or when a quotation of five or
    more words runs to its end ('The deficit "is a big issue going
    forward".'). A short phrase in scare quotes inside a narrated sentence
    ("Zakharova called the reports an 'absurd fabrication'") is the
    narrator's.
    """
    if body[s:qs].strip(" " + _QUOTE_CHARS) == "":
        return True
    return len(body[qs:qe].split()) >= 5 and body[qe:e].strip(" .!?,'’" + _QUOTE_CHARS) == ""


def _sentence_antecedent(body: str, s: int, pos: int, plural: bool,
                         proper: ProperWords | None = None) -> tuple[str, int] | None:
    """A noun phrase earlier in the sentence that a later "it"/"they" can stand for.

    Candidates are subjects: the phrase opening the sentence and phrases
    opening a clause ("... after Washington imposed ..."), read while their
    words are capitalised, determiners, "and", "of", "its"/"their" or a
    source word. "they" takes the first plural candidate (the main subject
    before an embedded one), "it" the nearest singular one; each must be a
    possible speaker.
    """
    toks = _tokens(body[max(s, pos - _LOOKBACK_CHARS):pos], max(s, pos - _LOOKBACK_CHARS))
    found: list[tuple[str, int]] = []
    i = 0
    while i < len(toks):
        if i == 0 or toks[i - 1][2].lower().strip(",") in CLAUSE_OPENERS or toks[i - 1][2].endswith(","):
            j = i
            while j < len(toks) and j - i < 10:
                w = toks[j][2].rstrip(",")
                after_det = j > i and toks[j - 1][2].lower() in {"its", "their", "the"} and w.isalpha()
                if not (is_capitalised(w) or w.lower() in NP_INNER or w.lower() in DETERMINER_WORDS
                        or has_role_word(w) or after_det):
                    break
                j += 1
                if toks[j - 1][2].endswith(","):
                    break
            words = [x[2].rstrip(",") for x in toks[i:j]]
            while words and (words[-1].lower() in NP_INNER or words[-1].lower() in DETERMINER_WORDS):
                words.pop()
            phrase = " ".join(words)
            if words and valid_speaker(phrase, i == 0, proper) and not pronoun_kind(phrase):
                found.append((phrase, toks[i][0]))
            i = max(j, i + 1)
        else:
            i += 1
    if plural:
        return next((f for f in found if is_plural(clean_phrase(f[0]))), None)
    singular = [f for f in found if not is_plural(clean_phrase(f[0]))]
    return singular[-1] if singular else None


def canonical_speaker_tables(attributions: pd.DataFrame, claims: pd.DataFrame | None = None,
                             acronyms: dict[str, str] | None = None) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """Make speakers canonical across the articles of an attributions (and claims) table.

    :func:`extract_attributions` and :func:`analysis.tag_claims` do this for
    the articles of one call; a pipeline that runs them chunk by chunk calls
    it once more on the collected tables, so that a chunked run names
    speakers as a whole run does (acronyms spelled out in another chunk
    excepted).

    Parameters
    ----------
    attributions : pandas.DataFrame
        Output of :func:`extract_attributions`.
    claims : pandas.DataFrame, optional
        Output of :func:`analysis.tag_claims` for the same articles; its
        reported speakers get the same names and types.
    acronyms : dict, optional
        Acronym -> long form spelled out in the articles.

    Returns
    -------
    tuple of pandas.DataFrame
        ``(attributions, claims)`` with canonical ``speaker`` and one
        ``speaker_type`` per speaker (``claims`` is None when not given).
    """
    attributed = attributions["speaker_type"] != "narrator"
    reported = None
    if claims is not None and len(claims) and "voice" in claims.columns:
        reported = claims["voice"] == "reported"
    extra = claims.loc[reported, "speaker"].dropna().tolist() if reported is not None else []
    if not attributed.any() and not extra:
        return attributions, claims
    mapping = canonical_speakers(attributions.loc[attributed, "speaker"].tolist() + extra, acronyms)
    mapping.update(_described_people(attributions[attributed], mapping))
    attributions = attributions.copy()
    attributions.loc[attributed, "speaker"] = attributions.loc[attributed, "speaker"].map(mapping)
    attributions.loc[attributed, "speaker_type"] = _one_type(attributions.loc[attributed, ["speaker", "speaker_type"]])
    if reported is not None and reported.any():
        types = dict(zip(attributions.loc[attributed, "speaker"], attributions.loc[attributed, "speaker_type"]))
        claims = claims.copy()
        names = claims.loc[reported, "speaker"].map(lambda x: mapping.get(x, x))
        claims.loc[reported, "speaker"] = names
        claims.loc[reported, "speaker_type"] = [types.get(n, t) for n, t in zip(names, claims.loc[reported, "speaker_type"])]
    return attributions, claims


_GENERIC_TYPES = frozenset({"person", "other", "unknown", "document"})


def _one_type(frame: pd.DataFrame) -> pd.Series:
    """One type per canonical speaker: the most frequent specific one ("Kim Yo Jong" described as the
    leader's sister in one sentence and named in the next is one government speaker, not two types)."""
    best: dict[str, str] = {}
    counts = frame.value_counts().reset_index(name="n")
    counts["_generic"] = counts["speaker_type"].isin(_GENERIC_TYPES)
    for speaker, stype in counts.sort_values(["_generic", "n"], ascending=[True, False], kind="stable")[
            ["speaker", "speaker_type"]].itertuples(index=False):
        best.setdefault(speaker, stype)
    return frame["speaker"].map(best).where(frame["speaker_type"] != "unknown", frame["speaker_type"])


def _described_people(frame: pd.DataFrame, mapping: dict[str, str]) -> dict[str, str]:
    """A description one article links to a person ("powerful sister of ... Kim Jong Un" is Kim Yo
    Jong) names that person in the other articles that only describe them, when it names one person."""
    people: dict[str, set[str]] = {}
    for speaker, role in zip(frame["speaker"], frame["speaker_role"]):
        if role and looks_like_person(speaker) and role_words(role) & PERSON_ROLES:
            people.setdefault(clean_phrase(role), set()).add(mapping.get(speaker, speaker))
    return {desc: next(iter(names)) for desc, names in people.items()
            if len(names) == 1 and desc in mapping and not looks_like_person(desc)}


def _link_described_people(rows: list[list], mentions) -> None:
    """ "The powerful sister of the leader denied ... . '...,' Kim Yo Jong said.": one person.

    A speaker described by a one-person role ("sister", "minister") and, in
    the very next sentence, a person the article names there for the first
    time and gives no role of their own: the description is that person.
    """
    first_seen: dict[str, int] = {}
    for m in mentions:
        first_seen.setdefault(m.name, m.start)
    for i in range(len(rows) - 1):
        cur, nxt = rows[i], rows[i + 1]
        if cur[2] is None or nxt[2] is None or cur[3] in {"narrator", "unknown"} or looks_like_person(cur[2]):
            continue
        words = role_words(cur[2])
        if not words & PERSON_ROLES or is_plural(cur[2]) or not looks_like_person(nxt[2]) or nxt[4]:
            continue
        if first_seen.get(nxt[2], -1) < cur[15]:
            continue  # named before: the description may be someone else
        cur[4] = cur[4] or cur[2]
        cur[2], cur[3] = nxt[2], nxt[3]


# "This was stated by X", "That is according to X": the speaker of this sentence and of the
# unattributed one before it
_BACKWARD = re.compile(
    r"\W{0,3}(?:(?:This|That|These|Those|It|Such\s+\w+|The\s+(?:statement|claim|remarks?|comments?|assessment|"
    r"information|announcement|warning))\s+(?:was|were|is|are|has\s+been|have\s+been|had\s+been)\s+"
    r"(?:\w+ly\s+)?(?P<cue>stated|said|announced|reported|claimed|confirmed|made|voiced|expressed|revealed|"
    r"disclosed|noted|written|posted|tweeted|declared)\s+by|(?:This|That|It)(?:\s+(?:is|was)|['’]s)\s+"
    r"(?P<acc>according)\s+to)\s")


def _backward_speaker(body: str, s: int, e: int) -> tuple[str, str, int] | None:
    """(cue, speaker phrase, phrase start) of a sentence naming the speaker of the one before it."""
    m = _BACKWARD.match(body, s, e)
    if m is None:
        return None
    got = _np_after(body, m.end(), e)
    if not got or not valid_speaker(got[0], False):
        return None
    return ("according to" if m.group("acc") else CUES.get(m.group("cue").lower(), m.group("cue").lower()),
            got[0], got[1])


def _article_rows(aid: str, body: str, outlet: str, narrator: bool,
                  acronym_sink: dict[str, str] | None = None) -> list[tuple]:
    spans = list(iter_sentence_spans(body))
    quotes = quote_spans(body)
    qstarts = [q.start for q in quotes]
    mentions = person_mentions(body, [(q.start, q.end) for q in quotes])
    resolver = SpeakerResolver(body, mentions)
    proper = ProperWords(body)
    # acronyms used without brackets are expanded when a speaker is one (SpeakerResolver.long_form)
    # row: aid, sid, speaker, type, role, cue, cue_start, cue_end, quote_start, quote_end, quoted,
    #      inherited, mention_start, mention_end, sentence_start, sentence_end
    rows: list[list] = []
    quote_speaker: dict[int, int] = {}     # quote_id -> row index that attributes it
    row_quotes: list[list[QuoteSpan]] = []
    for sid, (s, e) in enumerate(spans):
        lo = bisect_right(qstarts, s) - 1
        inside = [q for q in quotes[max(0, lo):bisect_left(qstarts, e)] if q.end > s and q.start < e]
        cands = _candidates(body, s, e, quotes, qstarts, proper)
        best = min(cands, key=lambda c: (c.rank, c.cue_start)) if cands else None
        quote = max(inside, key=lambda q: min(q.end, e) - max(q.start, s)) if inside else None
        qs = max(quote.start, s) if quote else -1
        qe = min(quote.end, e) if quote else -1
        if best is not None and best.rank >= 3 and pronoun_kind(best.phrase) in {"thing", "plural"}:
            # "The US and its allies announced sanctions ..., which they say violate ...":
            # in an embedded clause the pronoun's antecedent is in the same sentence
            # (a trailing "..., they say." refers back to the last source instead)
            found = _sentence_antecedent(body, s, best.phrase_start, pronoun_kind(best.phrase) == "plural", proper)
            if found:
                best.phrase, best.phrase_start = found
        back = _backward_speaker(body, s, e)
        if back is not None:
            cue, phrase, ps = back
            best = _Candidate(1, cue, ps, ps, phrase, ps)
            if rows and rows[-1][2] is None:
                # the sentence before carries the statement this one attributes
                speaker, stype, role = resolver.resolve(phrase, "", ps)
                rows[-1][2:6] = [speaker, stype, role, cue]
                rows[-1][11] = True
        if best is not None:
            speaker, stype, role = resolver.resolve(best.phrase, best.role, best.phrase_start)
            if (" " not in speaker and speaker[:1].isupper() and not speaker.isupper() and is_plural(speaker)
                    and stype in {"expert", "official_unnamed"} and speaker not in proper):
                speaker = speaker[0].lower() + speaker[1:]  # "Experts said" and "experts said" are one source
            resolver.note(best.cue_start, speaker, stype)
            ms = best.phrase_start
            me = min(e, ms + len(best.phrase))
            rows.append([aid, sid, speaker, stype, role, best.cue, best.cue_start, best.cue_end,
                         qs, qe, quote is not None, False, ms, me, s, e])
            for q in inside:
                quote_speaker.setdefault(q.quote_id, len(rows) - 1)
        else:
            rows.append([aid, sid, None, None, "", "", -1, -1, qs, qe, quote is not None, False, -1, -1, s, e])
        row_quotes.append(inside)
    _link_described_people(rows, mentions)
    if acronym_sink is not None:
        for acr, long_form in resolver.acronyms.items():
            acronym_sink.setdefault(acr, long_form)
    # quoted sentences without a cue take the speaker of their quotation,
    # else of the quoted, attributed sentence just before them
    for i, row in enumerate(rows):
        if row[2] is not None or not row[10]:
            continue
        src = None
        for q in row_quotes[i]:
            if q.quote_id in quote_speaker:
                src = quote_speaker[q.quote_id]
                break
        if src is None and i > 0 and rows[i - 1][2] is not None and rows[i - 1][10] \
                and rows[i - 1][3] != "narrator" and _continues_speech(body, row[14], row[15], row[8], row[9]):
            src = i - 1
        if src is not None:
            row[2:6] = rows[src][2:6]
            row[11] = True
            row[6] = row[7] = -1
    out = []
    for row in rows:
        if row[2] is None:
            if not narrator:
                continue
            row[2], row[3], row[5] = outlet or "narrator", "narrator", ""
        out.append(tuple(row[:14]) + (body[row[14]:row[15]], row[14], row[15]))
    return out


#: ``start``/``end`` are the words naming the speaker (-1 when the sentence names none:
#: narration, speech inherited from a quotation); ``sentence_start``/``sentence_end`` the sentence.
COLUMNS = ["article_id", "sentence_id", "speaker", "speaker_type", "speaker_role", "cue", "cue_start",
           "cue_end", "quote_start", "quote_end", "quoted", "inherited", "start", "end", "sentence",
           "sentence_start", "sentence_end"]


def extract_attributions(articles: pd.DataFrame, narrator: bool = True) -> pd.DataFrame:
    """Who speaks in each sentence, on what cue, and which words are quoted.

    Parameters
    ----------
    articles : pandas.DataFrame
        At least ``article_id`` and ``body``; ``outlet`` names the narrator.
    narrator : bool, default True
        Also give a row to every sentence with no attribution, with the
        outlet as ``speaker`` and ``speaker_type == "narrator"``. With
        ``False`` only attributed sentences are returned.

    Returns
    -------
    pandas.DataFrame
        One row per sentence (``narrator=True``) or per attributed
        sentence, with columns

        ``article_id``, ``sentence_id``
            as from :func:`analysis.sentences`;
        ``speaker``
            canonical within the article ("John Kirby" for "Kirby" and a
            following "he"; the outlet for narration; the pronoun itself,
            lower-case, when nothing before it can be its antecedent);
        ``speaker_type``
            one of :data:`analysis.sources.speakers.SPEAKER_TYPES`: ``government``,
            ``military``, ``intelligence``, ``international_body``,
            ``expert``, ``media``, ``official_unnamed``, ``document``,
            ``person`` (named, role not given), ``narrator``, ``unknown``
            (unresolved pronoun), ``other``;
        ``speaker_role``
            the role words found with the speaker ("a former CIA analyst"), or "";
        ``cue``
            canonical reporting cue: ``said``, ``told``, ``according to``,
            ``stated``, ``added``, ``denied``, ``confirmed``, ``reported``,
            ``accused``, ``announced``, ... ("" for narration);
        ``cue_start``, ``cue_end``
            body offsets of the cue; -1 for narration and for quoted
            sentences whose speaker is inherited from their quotation;
        ``quote_start``, ``quote_end``
            body offsets of the (longest) quoted wording in the sentence,
            quote marks excluded; -1 when nothing is quoted;
        ``quoted``
            the sentence contains quoted words;
        ``inherited``
            the speaker comes from the quotation the sentence belongs to
            (or the quoted sentence before it), not from a cue of its own;
        ``start``, ``end``
            body offsets of the words that name the speaker ("Kirby",
            "he", "the ministry"); -1 when the sentence names none
            (narration, and speech inherited from a quotation or from an
            adjacent "This was stated by ..." sentence);
        ``sentence``, ``sentence_start``, ``sentence_end``
            the sentence and its body offsets.

        Speakers are canonical across the articles of one call (see
        :func:`analysis.sources.coreference.canonical_speakers`): a country under
        any name or its capital is the country, case variants are one,
        an acronym any article spells out is its long form, a lone surname
        the one full name that ends with it.

    Examples
    --------
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"article_id": ["a"], "outlet": ["Daily"], "body": [
    ...     'John Kirby spoke. "It is true," Kirby said. He added that it was not.']})
    >>> extract_attributions(arts)[["speaker", "speaker_type", "cue"]].values.tolist()
    [['Daily', 'narrator', ''], ['John Kirby', 'person', 'said'], ['John Kirby', 'person', 'added']]
    """
    require_columns(articles, ("article_id", "body"), "extract_attributions")
    outlets = articles["outlet"] if "outlet" in articles.columns else pd.Series([None] * len(articles))
    rows: list[tuple] = []
    acronyms_seen: dict[str, str] = {}
    for aid, body, outlet in zip(articles["article_id"].astype(str), articles["body"].fillna("").astype(str),
                                 outlets.tolist()):
        outlet_name = outlet if isinstance(outlet, str) and outlet.strip() else ""
        rows.extend(_article_rows(aid, body, outlet_name, narrator, acronyms_seen))
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame, _ = canonical_speaker_tables(frame, acronyms=acronyms_seen)
    return frame.astype({"sentence_id": "int64", "cue_start": "int64", "cue_end": "int64",
                         "quote_start": "int64", "quote_end": "int64", "quoted": "bool",
                         "inherited": "bool", "start": "int64", "end": "int64",
                         "sentence_start": "int64", "sentence_end": "int64"})
