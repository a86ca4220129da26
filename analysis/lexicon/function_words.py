"""English word lists for choosing the content words of a sentence.

Used by :mod:`analysis.claims.content` (and so the draft codebook) to find a claim's content words: a term group
made of "the" or "said" would match every sentence, so these never become
terms. General English, no topic.
"""

from __future__ import annotations

#: Articles, pronouns, auxiliaries, prepositions, conjunctions, quantifiers.
FUNCTION_WORDS = frozenset("""
a an the of to in on at for by with from and or but nor as is are was were be been being am has have had having
do does did doing it its it's this that these those he him his she her hers they them their theirs we us our ours
i me my you your yours who whom whose which what when where why how while also into onto over under after before
about above below between among through during against without within than then there here thus so such some any
all both each every either neither no not never can could may might must shall should will would just only very
more most much many few less least other others another same own out up down off again further once too even still
yet already if unless because since though although whether until upon per via around across along amid despite
one two three four five six seven eight nine ten first second last next new old like well back now today yesterday
tomorrow week month year years day days time times mr mrs ms dr s t
""".split())

#: Words that report speech or cite a source rather than say what is claimed.
REPORTING_WORDS = frozenset("""
said say says saying told tell tells added adding according stated states statement statements reported reports
report reporting noted notes claimed claims claim asked ask asks spokesman spokeswoman spokesperson official
officials source sources news media press agency interview quoted quote quotes announced announces announcement
explained explains insisted insists described describes called calls calling suggested suggests wrote writes
""".split())

#: Where a sentence opens a clause that can carry a speaker of its own: "X blamed A, while Y
#: said B", "...; Y said", "the toll, which the ministry said ...". A reporting verb after such a
#: break speaks for that clause only.
CLAUSE_BREAK_PATTERN = r"\s*;\s+|,?\s+(?:while|whereas|but)\s+|,\s+(?:which|who)\s+"

#: More forms of reporting verbs and the people who report (with REPORTING_WORDS: never a claim's
#: content; used by :mod:`analysis.claims.content`).
REPORTING_FORMS = frozenset("""
announce announcing tell accuse accused accuses accusing warn warned warns warning urge urged urges
insist insisting argue argued argues arguing admit admitted admits deny denied denies denying confirm confirmed
confirms confirming describe add write writing speaking spoke speak speaks believe believes believed
reporter reporters journalist journalists correspondent correspondents
""".split())

#: Contracted function words ("don't", "we've"): as empty of content as their long forms.
CONTRACTIONS = frozenset("""
don't doesn't didn't isn't aren't wasn't weren't won't wouldn't can't cannot couldn't shouldn't mustn't hasn't
haven't hadn't i'm i've i'll i'd we're we've we'll we'd you're you've you'll you'd they're they've they'll they'd
he's he'll he'd she's she'll she'd that's there's what's who's let's here's
""".split())

#: Function words a multi-word codebook term need not find in a body ("pieces of", "the North"):
#: every body has them, so they cannot pre-filter articles.
TERM_FUNCTION_WORDS = frozenset("the a an of to in on at by for from with and or as is are was were be it its".split())
