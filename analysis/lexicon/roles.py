"""Titles, roles and place-type words: who speaks, not what is claimed.

Used by :mod:`analysis.claims.content` (a sentence's claim content leaves out
the speaker's title: "Shadow Foreign Secretary X said ..." and "Foreign
Secretary X announced ..." share a title, not a claim) and by
:mod:`analysis.claims.clusters` (a statement whose "speaker" is a facility,
"Luton Airport said", or an unresolved pronoun has no usable source).
General English, no topic.
"""

from __future__ import annotations

#: Titles and role nouns of people and offices (lower case, singular and plural).
ROLE_WORDS = frozenset("""
secretary secretaries minister ministers chancellor chancellors leader leaders chairman chairmen chairwoman
chairwomen chairperson chair president presidents vice premier premiers prime deputy deputies shadow
spokesman spokesmen spokeswoman spokeswomen spokesperson spokespeople mp mps mep meps senator senators
congressman congresswoman representative governor governors mayor mayors ambassador ambassadors envoy envoys
commissioner commissioners director directors chief chiefs head heads general generals colonel commander
commanders admiral officer officers official officials adviser advisers advisor advisors aide aides
co-chairman co-chair campaigner campaigners analyst analysts lord lady sir baroness baron king queen prince
princess attorney judge judges justice counsel executive executives ceo chairmanship party's leader's
""".split())

#: Words that qualify a title and belong to it ("foreign secretary", "home affairs spokesman").
ROLE_MODIFIERS = frozenset("""
foreign home interior defence defense finance health education environment trade justice transport
affairs former acting interim senior junior chief deputy vice assistant general shadow opposition
""".split())

#: Head nouns of places and facilities: a "speaker" ending in one is not a person or an organisation.
PLACE_HEADS = frozenset("""
airport airports station stations street streets road roads avenue square bridge bridges stadium stadiums
hospital hospitals park parks building buildings tower towers port ports harbour harbor river rivers lake
mountain mountains island islands valley city town village district county province region border crossing
motorway highway railway terminal hotel church mosque cathedral palace castle museum prison jail base
""".split())

#: Pronouns that name no one until resolved ("it said", "they said").
PRONOUNS = frozenset("""
i me we us you he him she her it they them this that these those one someone somebody everyone nobody
""".split())

#: Nouns that describe one person: only such a description is linked to a name
#: (used by :mod:`analysis.sources.coreference`).
PERSON_ROLES = frozenset("""ambassador minister spokesman spokeswoman spokesperson prosecutor president
secretary envoy commander head chairman chairwoman chair leader director chief general admiral analyst expert
researcher professor sister brother wife husband son daughter governor mayor senator lawmaker premier
king queen prince adviser advisor aide coordinator official""".split())

#: Words left out when role descriptions are compared ("the former minister" ~ "minister").
ROLE_STOPWORDS = frozenset("the a an of to for at in on and its their his her former".split())

#: Personal titles: "Mr Kim" names a person even as a single word.
PERSONAL_TITLES = frozenset("mr mrs ms dr sir lord lady dame prof professor".split())

#: Small words inside an organisation's name that an acronym skips ("Bank of England" -> BoE).
ACRONYM_SMALL_WORDS = frozenset("of for and the on in to at de".split())
