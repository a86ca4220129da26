"""Words that tell a person's name from a place, an office or a function word.

Used by :mod:`analysis.sources.speakers` (and through it by attribution and
coreference) to decide where a capitalised name starts and stops: "Foreign
Minister Sergei Lavrov said", "Ukraine also said", "New York". General
English, no topic.
"""

from __future__ import annotations

from analysis.lexicon.calendar import MONTHS, WEEKDAYS
from analysis.lexicon.places import COUNTRIES, DEMONYMS

# place words that are also common given names or surnames ("Jordan Peterson", "Dawn French")
NAME_LIKE_PLACE_WORDS = frozenset("""and of the jordan chad georgia israel india kenya french english welsh
german irish dominica grenada""".split())

# Capitalised words that never belong to a person's name: they mark a place,
# an organisation, a title or a calendar word.
NOT_NAME = frozenset(w.lower() for w in """
the a an and of for in on at to by from with this that these those it its he she they we i our their
his her but however meanwhile also north south east west northern southern eastern western central
united states kingdom nations republic democratic people's peoples
europe union council security national international ministry department agency office
institute university college centre center committee commission court house white kremlin pentagon
government army navy force forces air military intelligence defense defence foreign state
states news agency press media times post journal daily reuters afp yonhap kcna tass bbc cnn
president prime minister leader general gen mr mrs ms dr sir lord king queen prince ambassador
secretary spokesman spokeswoman spokesperson senator rep sen gov governor mayor chairman chief
company group bank inc ltd corp co party club league cup fc championship premier world
both all some several many most other another each every no any such
advertisement listen follow track read watch more related share
if when while after before as since because although though unless until once whether so yet or nor then
there here what where why how who
""".split()) | ((DEMONYMS | frozenset(w for c in COUNTRIES for w in c.split())) - NAME_LIKE_PLACE_WORDS) \
    | frozenset(m for m in MONTHS if len(m) > 4 or m == "may") | frozenset(w for w in WEEKDAYS if len(w) > 4)

# (abbreviations like "Jan" and "Sat" are also first names, so only full
# month and weekday names block a name)
TITLE_WORDS = frozenset("""
mr mrs ms dr sir lord president prime minister leader ambassador secretary general gen spokesman
spokeswoman senator sen rep gov governor mayor chairman chief king queen prince professor prof
""".split())

DETERMINERS = frozenset("""
the a an both all some several many most other another two three four five various leading
top senior junior key new latest recent and but so also meanwhile however earlier later then
""".split())

# Adverbs and time phrases that sit between a subject and its verb
# ("Kim Jong Un this month denied", "Ukraine also said", "has previously").
ADVERBS = frozenset("""
also previously earlier later repeatedly already recently once again still further then now
today yesterday tonight has have had was were is are been being did does do would will could
may might must should not never publicly privately separately reportedly allegedly apparently
last this next on in at early late month week year weekend morning afternoon evening night
""".split()) | frozenset(WEEKDAYS) | frozenset(MONTHS)

TRAILING_QUANTIFIERS = frozenset("both each all alone themselves itself".split())

# determiner-like adjectives that also begin names ("New York", "Top Gear")
NAME_ADJECTIVES = frozenset("new top key".split())

PRONOUNS = {"he": "person", "she": "person", "it": "thing", "they": "plural", "we": "any", "i": "person"}

PLACE_PREPOSITIONS = frozenset("in at near outside across towards toward into around inside".split())

ROLE_STOP = frozenset("by with and between that said of for to at in from on about".split())
