"""Words around a numeral: qualifiers, and the words that make a number a name, an age, a date or page furniture.

Used by :mod:`analysis.extract.quantities.context` and the quantity
extractor. General English news wording, no topic.
"""

from __future__ import annotations

# Words before a number that bound or soften it, mapped to the qualifier.
QUALIFIER_PHRASES: dict[str, str] = {
    # approx
    "about": "approx", "around": "approx", "roughly": "approx", "some": "approx",
    "approximately": "approx", "approx.": "approx", "approx": "approx", "nearly": "approx",
    "almost": "approx", "an estimated": "approx", "estimated": "approx", "close to": "approx",
    "circa": "approx", "c.": "approx", "more or less": "approx", "just about": "approx",
    "an average of": "approx", "on average": "approx", "averaging": "approx",
    "perhaps": "approx", "some estimated": "approx",
    # at_least
    "more than": "at_least", "over": "at_least", "at least": "at_least", "upwards of": "at_least",
    "in excess of": "at_least", "greater than": "at_least", "no fewer than": "at_least",
    "no less than": "at_least", "not less than": "at_least", "a minimum of": "at_least",
    "just over": "at_least", "well over": "at_least", "well above": "at_least", "above": "at_least",
    "as few as": "at_least", "as little as": "at_least", "north of": "at_least",
    "exceeding": "at_least", "at a minimum": "at_least",
    # at_most
    "up to": "at_most", "less than": "at_most", "fewer than": "at_most", "under": "at_most",
    "no more than": "at_most", "not more than": "at_most", "at most": "at_most",
    "a maximum of": "at_most", "as many as": "at_most", "as much as": "at_most",
    "just under": "at_most", "below": "at_most", "just below": "at_most", "well below": "at_most",
    "well under": "at_most", "just shy of": "at_most", "shy of": "at_most", "at the most": "at_most",
    "not exceeding": "at_most", "a little under": "at_most", "a little over": "at_least",
    "a little more than": "at_least", "a little less than": "at_most", "slightly more than": "at_least",
    "slightly less than": "at_most",
    # "as far away as 690 km": the figure is a maximum; "as low as 2%" a minimum
    "as far as": "at_most", "as far away as": "at_most", "as high as": "at_most", "as long as": "at_most",
    "as large as": "at_most", "as big as": "at_most", "as heavy as": "at_most", "as deep as": "at_most",
    "as tall as": "at_most", "as wide as": "at_most", "as old as": "at_most", "as great as": "at_most",
    "as low as": "at_least", "as small as": "at_least", "as short as": "at_least", "as young as": "at_least",
}

# Words after which a number names something rather than counts it
# ("resolution 1718", "the number 112", "Flight 17", "Channel 4").
IDENTIFIER_WORDS = frozenset("""
resolution resolutions number no. nos. # flight route room page pages article articles chapter parts
section platform junction level version model code category grade tier phase stage season
episode track act part gate highway interstate bus channel radio item clause paragraph unit camp
site building block floor seat row exit terminal ward district zone sector precinct file
reference ref id pin vol vol. volume issue edition size type mk division league heat round game
lap hole psalm verse windows top fig fig. figure table appendix question rule amendment directive
regulation series catalogue apollo boeing airbus formula cell wing pier berth ch. art. sec. p. pp.
""".split())

# Determiners and age words around a number that is a person's age ("his 40s", "aged 40").
AGE_DETERMINERS = frozenset("the a an his her their its our my your".split())

AGE_WORDS = frozenset({"aged", "ages", "age", "age of", "ages of", "aged between"})

# Page furniture before a number ("Image 3 of 12", "Page 2 of 5", "Font size 100%").
CHROME_WORDS_BEFORE = frozenset("image photo picture slide gallery size page".split())

# Labels of page furniture before a number ("Updated: 31 minutes ago", "Views: 1200").
CHROME_LABELS = frozenset("updated: published: posted: modified: views: comments: shares: likes:".split())

# "one" as a pronoun: "no one", "the one", "this one", "one another".
PRONOUN_ONE_BEFORE = frozenset("""
no the this that which every any each another little only such last first a new big right wrong
other same latest one
""".split())

#: Function words that may be capitalised before a number at a sentence start
#: without making it a name ("The 50 missiles", "About 900 km", "In 2006").
NAME_EXEMPT = frozenset("""
the a an and but or nor so yet for of in on at by to from with without into onto over under
about around roughly some nearly almost more less fewer than at least up just only all another
each every both those these its their his her our my your total exactly approximately estimated
between among after before since until during as while when where which who that this if then
there here also even still already again only some many several most much no not just like
including include includes plus minus per via despite although though because unlike except
whereas whether how what why some nearly
""".split())

# Words joining two day numbers before a month ("12 and 13 May", "3-5 June").
DAY_JOINERS = frozenset({"to", "and", "or", "through", "until", "till", "-", "–", "&"})

# Month abbreviations with a dot are months even in lower case ("dec. 12", "sept. 30").
MONTH_ABBREVIATIONS_DOT = frozenset("jan. feb. mar. apr. jun. jul. aug. sep. sept. oct. nov. dec.".split())

# Lower-case words ending in -s that are not plural nouns labelling a number ("pipelines 1 and 2").
NOT_LABEL_NOUNS = frozenset("""
was has is does goes its his this thus plus less unless always perhaps as us yes news series
""".split())

# Words that make "from X to Y" a range rather than a change.
RANGE_WORDS = frozenset("""
range ranges ranging ranged vary varies varying varied anywhere spanning span spans estimates
estimated between
""".split())

# Verbs of change: after them "X to Y" / "from X to Y" is a change and a level, not a range.
CHANGE_WORDS = frozenset(
    w + e
    for stem, ends in {
        "ris": ("e", "es", "ing", "en"), "rose": ("",), "fall": ("", "s", "ing", "en"), "fell": ("",),
        "increas": ("e", "es", "ed", "ing"), "decreas": ("e", "es", "ed", "ing"),
        "climb": ("", "s", "ed", "ing"), "drop": ("", "s", "ped", "ping"), "jump": ("", "s", "ed", "ing"),
        "gr": ("ow", "ows", "ew", "own", "owing"), "rais": ("e", "es", "ed", "ing"),
        "lower": ("", "s", "ed", "ing"), "reduc": ("e", "es", "ed", "ing"), "cut": ("", "s", "ting"),
        "boost": ("", "s", "ed", "ing"), "slash": ("", "es", "ed", "ing"),
        "surg": ("e", "es", "ed", "ing"), "soar": ("", "s", "ed", "ing"),
        "plung": ("e", "es", "ed", "ing"), "declin": ("e", "es", "ed", "ing"),
        "slip": ("", "s", "ped", "ping"), "edg": ("e", "es", "ed", "ing"), "slid": ("e", "es", "ing"),
        "tumbl": ("e", "es", "ed", "ing"), "gain": ("", "s", "ed", "ing"), "los": ("e", "es", "ing"),
        "lost": ("",), "shrink": ("", "s", "ing"), "shrank": ("",), "expand": ("", "s", "ed", "ing"),
        "widen": ("", "s", "ed", "ing"), "narrow": ("", "s", "ed", "ing"), "add": ("", "s", "ed", "ing"),
        "revis": ("e", "es", "ed", "ing"), "upgrad": ("e", "es", "ed", "ing"),
        "downgrad": ("e", "es", "ed", "ing"), "mov": ("e", "es", "ed", "ing"), "went": ("",),
        "up": ("",), "down": ("",), "higher": ("",),
    }.items()
    for w, e in ((stem, end) for end in ends)
)

# Capitalised words that are not names even mid-sentence.
NOT_NAMES = frozenset("""
perhaps possibly probably maybe reportedly allegedly another further additional extra another
nearly exactly only just
""".split())
