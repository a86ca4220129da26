"""Function words that mark where a speaker phrase starts and stops.

Used by :mod:`analysis.sources.attribution` to cut the noun phrase before or
after a reporting cue out of its sentence. General English, no topic.
"""

from __future__ import annotations

from analysis.lexicon.calendar import MONTHS, WEEKDAYS

#: Words that open a new clause: a speaker phrase read backwards from a cue stops there.
BOUNDARY_WORDS = frozenset("""
that which who whom whose after before when while as but because if since where than so or nor
although though however amid despite whether what how why until unless once whereas
""".split())

#: First words of an appositive that still describes the speaker ("X, a former envoy, said").
APPOSITIVE_OPENERS = frozenset("a an the who which former now at of from with in".split())

#: Finite auxiliaries: a chunk holding one spans a clause, not a noun phrase.
FINITE = frozenset("is are was were be been has have had will would can could may might must should do does did"
                    .split())

#: Words that end a speaker phrase read forwards after an inverted cue (", said X on Monday").
AFTER_STOP = frozenset("""
who which that on in last this as when while after before because at during earlier later via
yesterday today tonight
""".split())

#: Determiners that can open a descriptive phrase before a name.
DETERMINER_WORDS = frozenset("a an the this that".split())

#: Adverbs and time words skipped between a subject and its verb ("Kim this month denied").
ADVERB_SKIP = frozenset("""
also previously earlier later repeatedly already recently once again still further then now today
neither either not never
yesterday tonight has have had been publicly privately separately reportedly allegedly apparently
specifically firmly flatly strongly last this next on in at early late month week year weekend
morning afternoon evening night monday tuesday wednesday thursday friday saturday sunday
january february march april june july august september october november december jan feb mar apr
jun jul aug sep sept oct nov dec
""".split())

#: Words that open a figure, not a speaker (", said about 40").
QUANTIFIERS = frozenset("""
about around nearly almost roughly some more less over under up only all most half many few at least
""".split())

#: Single words that are never a speaker on their own ("And said ...").
NOT_SPEAKERS = frozenset("""
and but so or also then however meanwhile still yet the a an this that these those there here
some many most several few all each both other others such sides side it
""".split())

#: Words of a time phrase ("Last week", "On Monday"), which is not a speaker.
TIME_WORDS = frozenset("""
last this next on in at early late earlier later the of month months week weeks year years day days weekend
morning afternoon evening night today yesterday tomorrow tonight recently ago since until during
""".split()) | frozenset(MONTHS) | frozenset(WEEKDAYS)

#: Lower-case words allowed inside a capitalised noun phrase ("Bank of England").
NP_INNER = frozenset("and of its their the 's".split())

#: Conjunctions that open a subordinate clause.
CLAUSE_OPENERS = frozenset("after as when while because that since before although though".split())
