"""Find what a number counts or measures, without a parser.

After a numeral, news text names the counted thing in a short noun phrase:
optional modifiers, then the head noun, then perhaps an "of" complement
("more than 1,000 containers of military equipment and munitions",
"21 of the roughly 50 North Korean ballistic missiles launched by Russia").
The reader walks at most a handful of words, stopping at function words,
verbs it knows, punctuation, or -- after a number above one -- at the
first plural noun, which is the head.

Every reader looks at a bounded number of tokens, so its cost per numeral
is constant.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from analysis.extract.quantities.number_words import TENS_WORDS, UNITS_WORDS
from analysis.lexicon.places import DEMONYMS
from analysis.lexicon.units import is_plural, singular

# A word, or a model name or calibre that modifies a counted noun ("KN-23",
# "F-16", "Hwasong-11", "152mm"): those never head the phrase.
_TOKEN = re.compile(
    r"[ \t]+(?P<w>[A-Za-z](?:[A-Za-z0-9'’-]*[A-Za-z0-9])?|\d+(?:\.\d+)?-?[A-Za-z]+)(?![\w'’-])")
_IDENTIFIER = re.compile(r".*\d")
# Capitalised plural demonyms head a phrase ("10 Ukrainians", "50 Americans").
_DEMONYM = re.compile(r"[A-Z][a-z]+ans$")
_MAX_TOKENS = 6
# Third-person verbs that follow a plural noun whose phrase is the object of
# something singular ("a poll of 1,313 people suggests"): never a head noun.
_VERBS_S = frozenset("""
suggests shows says meets proves remains lies appears seems reveals finds indicates claims warns
makes takes means needs wants gets includes expects believes thinks puts faces holds comes goes
knows sees looks tells lives dies stands sits runs uses keeps gives plans hopes continues begins
becomes helps points calls reports estimates predicts supports opposes backs agrees accounts
represents ranks reaches hits tops marks costs pays employs owns contains carries involves requires
stays works lets leaves brings sets seeks sends allows adds follows says confirms argues insists
""".split())
# A determiner or number right after a word marks that word as a verb ("proves the need").
_OBJECT_AFTER = re.compile(
    r"[ \t]+(?:the|a|an|that|this|these|those|its|their|his|her|our|two|three|four|five|\d)\b", re.IGNORECASE)
_COORDINATED_ID = re.compile(r"(?:,|[ \t]+(?:and|or))[ \t]+[A-Za-z][A-Za-z]*-?\d[\w-]{0,8}(?![\w'’-])")

#: Words that never belong to a counted noun phrase.
STOP = frozenset("""
a an the this that these those its their his her our your my me us him them it they he she we
you i who whom whose which what where when while why how whether if than then there here
and or but nor so yet of to in on at by for from with without into onto over under after
before since until till during between against among amid across along around about through
throughout towards toward via per as like unlike near beyond within behind above below off out
up down away back apart ago later earlier each every either neither any some many much more most
less least few fewer several all both no not only just also even still already again too very
is are was were be been being am have has had do does did will would can could should may might
must shall said says say saying told tell according including include includes included
other others another such same own further additional extra different various certain
times time percent cent year years month months week weeks day days hour hours minute minutes
last next first second third previous recent recently currently now today yesterday tomorrow
lower higher bigger smaller cheaper dearer better worse larger longer shorter faster slower
inland offshore overseas abroad
however therefore meanwhile instead perhaps reportedly allegedly respectively roughly nearly
almost approximately around estimated about least most while whereas although though because
since unless whom whose please alone altogether apiece respectively each
""".split())
# Number words end a phrase when written in lower case ("twenty fourteen times"),
# not inside a name ("two Six Nations games").
_NUMBER_WORDS = frozenset(UNITS_WORDS) | frozenset(TENS_WORDS) | frozenset(
    "hundred thousand million billion trillion dozen".split())
# Directions end a phrase only in lower case ("200 miles north", but "50 North Korean missiles").
_DIRECTIONS = frozenset("north south east west northeast northwest southeast southwest".split())
# Pre-modifiers that cannot end a noun phrase ("10 new", "50 more").
_MODIFIER_ONLY = frozenset("""
new old big small large major minor key main top total overall extra further additional separate
more less most least
other different similar former current possible potential suspected alleged confirmed reported
official unofficial local foreign
""".split()) | DEMONYMS  # every nationality adjective, not one topic's ("50 Korean", "10 Brazilian")
# Stop words that may open a counted phrase when a noun follows ("10 more troops",
# "100 extra long-range weapons", "500 additional staff").
_PRE_MODIFIER_STOPS = frozenset("more less extra additional further".split())
_DETERMINERS = frozenset("the these those its their his her our your my all some both each".split())
# "one of the most powerful", "two of the more experienced members"
_DEGREE = frozenset("more most less least".split())
# Nouns that name the figure itself rather than what is counted ("a total of 50").
_FIGURE_NOUNS = frozenset("""
total number figure tally sum maximum minimum average estimate estimates count level rate share
amount value quantity proportion majority minority
""".split())


class NounPhrase(NamedTuple):
    start: int      # offset of the first word of the subject
    head_end: int   # end of the head noun (before any "of" complement)
    end: int        # end of the subject, complement included
    head: str       # the head noun as written


# -ed/-ing nouns that are not verb forms ("one speed camera", "two buildings").
_NOT_VERB_FORMS = frozenset("""
speed seed need feed breed creed steed shed greed weed deed bled sled bred hundred wedding
building ceiling evening morning meeting painting earning earnings setting heading offspring
spring string king ring thing wing sibling darling pudding bedding clothing housing ending
""".split())


def _is_verb_form(word: str) -> bool:
    return len(word) > 3 and word.endswith(("ed", "ing")) and word not in _NOT_VERB_FORMS


def read_noun_phrase(body: str, pos: int, plural: bool) -> NounPhrase | None:
    """Read the noun phrase starting after ``pos`` (white space first).

    ``plural`` says whether the number asks for a plural noun (anything but
    one): then the first plural-looking lower-case word is the head.
    """
    words: list[tuple[int, int, str]] = []
    p = pos
    for _ in range(_MAX_TOKENS):
        m = _TOKEN.match(body, p)
        if m is None:
            break
        w = m.group("w")
        low = w.lower()
        if (low in STOP and not (w.isupper() and len(w) > 1) and not (words and low in _DEGREE)
                and not (low in _PRE_MODIFIER_STOPS and _TOKEN.match(body, m.end()))) or w in _DIRECTIONS \
                or (low in _NUMBER_WORDS and w.islower()):
            break  # "us" stops a phrase, "US" (an acronym) does not
        if low.endswith(("'s", "’s")) and words:
            break
        words.append((m.start("w"), m.end("w"), w))
        p = m.end()
        if _IDENTIFIER.match(w):
            # a coordination of model names: "KN-23 and KN-24 missiles"
            c = _COORDINATED_ID.match(body, p)
            if c is not None:
                p = c.end()
            continue
        if plural and ((w[0].islower() and is_plural(low)) or _DEMONYM.match(w)):
            # a plural noun modifying a later plural is not the head:
            # "special forces troops", "artillery shells", "arms dealers"
            for _ in range(2):
                nxt = _TOKEN.match(body, p)
                if nxt is None:
                    break
                nw = nxt.group("w")
                if not (nw.islower() and nw not in STOP and is_plural(nw) and not _is_verb_form(nw)
                        and nw not in _VERBS_S and not _OBJECT_AFTER.match(body, nxt.end())):
                    break  # "a survey of 1,300 bosses suggests": the verb
                words.append((nxt.start("w"), nxt.end("w"), nw))
                p = nxt.end()
            break
        if not plural and words and len(words) > 1 and _is_verb_form(low):
            words.pop()
            break
    # Drop trailing words that cannot head a phrase ("50 wounded", "10 new").
    while words and (_is_verb_form(words[-1][2].lower()) or words[-1][2].lower() in _MODIFIER_ONLY
                     or _IDENTIFIER.match(words[-1][2])):
        words.pop()
    if not words:
        return None
    head_start, head_end, head = words[-1]
    end = _of_complement_end(body, head_end)
    return NounPhrase(words[0][0], head_end, end, head)


def _of_complement_end(body: str, pos: int) -> int:
    """End of an "of" complement after a head noun ("containers of munitions"), else ``pos``."""
    m = _TOKEN.match(body, pos)
    if m is None or m.group("w").lower() != "of":
        return pos
    p = m.end()
    end = pos
    n = 0
    joined = False
    while n < _MAX_TOKENS:
        m = _TOKEN.match(body, p)
        if m is None:
            break
        low = m.group("w").lower()
        if low in ("and", "or") and not joined and end > pos:
            nxt = _TOKEN.match(body, m.end())
            if nxt is None or nxt.group("w").lower() in STOP:
                break
            joined = True
            p = m.end()
            continue
        if low in STOP or _is_verb_form(low):
            break
        end = m.end("w")
        p = m.end()
        n += 1
    return end


def read_of_phrase(body: str, pos: int, plural: bool) -> NounPhrase | None:
    """Read "of (the|those|...) NOUN PHRASE" after ``pos`` ("one of those states")."""
    m = _TOKEN.match(body, pos)
    if m is None or m.group("w").lower() != "of":
        return None
    p = m.end()
    for _ in range(3):  # determiners and possessives: "of the", "of Russia's"
        d = _TOKEN.match(body, p)
        if d is None:
            return None
        low = d.group("w").lower()
        if low in _DETERMINERS or low in _DEGREE or low.endswith(("'s", "’s")):
            p = d.end()
            continue
        break
    # After "of the" the noun is plural ("one of the missiles").
    return read_noun_phrase(body, p, True)


def noun_before_of(before, start: int) -> tuple[int, int] | None:
    """Span of the noun phrase in "<noun phrase> of <number>" ("ranges of about 900 km").

    ``before`` is the :class:`analysis.extract.quantities.context.Before` of the
    numeral and ``start`` the start of the figure (its qualifier included).
    """
    toks = [(p, t) for p, t in zip(before.starts, before.tokens) if p < start]
    if toks and toks[-1][1].lower() == "the":
        toks.pop()
    if not toks or toks[-1][1].lower() != "of":
        return None
    toks.pop()
    keep: list[tuple[int, str]] = []
    for p, t in reversed(toks[-3:]):
        word = t.lower()
        if not _PLAIN_WORD.match(t) or word in STOP or word in _FIGURE_NOUNS:
            break
        keep.append((p, t))
    if not keep:
        return None
    return keep[-1][0], keep[0][0] + len(keep[0][1])


_PLAIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*$")


def head_unit(head: str) -> str:
    """Unit for a counted head noun: its singular, lower case."""
    return singular(head)
