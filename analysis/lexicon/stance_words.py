"""Hedge, denial and negation words: how sure a speaker is of a claim.

Regex sources (compiled case-insensitively by :mod:`analysis.claims.stance`)
and word sets. English news wording, no topic; a codebook adds or removes
cues (``stance: hedges/denials``). Every pattern is a plain alternation or a
single bounded repeat: linear, no catastrophic backtracking.
"""

from __future__ import annotations

#: Hedges: words that distance the writer from a claim ("allegedly", "may", "unconfirmed").
HEDGE_PATTERN = (
    r"(?<![\w-])(?:alleged(?:ly)?|allegations?|suspect(?:s|ed)?|suspicions?|appear(?:s|ed)?\s+to|"
    r"apparent(?:ly)?|seem(?:s|ed|ingly)?(?:\s+to)?|(?-i:may)|might|could|would|likely|unlikely|possibl[ey]|"
    r"probabl[ey]|preliminary|presum(?:ed|ably|ption)|reportedly|purported(?:ly)?|"
    # an accusation is the accuser asserting; only an accusation with no accuser named distances
    # the writer ("stands accused of", "is accused of", "accusations that")
    r"(?:is|are|was|were|been|being|be|stands?|stood)\s+accused|accusations?|"
    # "the blast claimed the lives of 500", "claimed responsibility": no hedge
    r"claim(?:s|ed|ing)?(?!\s+(?:the\s+|at\s+least\s+|more\s+than\s+|over\s+|some\s+|[\d,.]+\s+|"
    r"(?:hundreds|thousands|dozens|scores)\s+of\s+(?:more\s+)?){0,3}(?:lives|life|responsibility|credit|victims)\b)|"
    r"believed?|believes|thought\s+to|"
    r"suggest(?:s|ed|ing|ion|ions)?|unconfirmed|unverified|rumou?r(?:s|ed)?|speculat(?:ion|ions|ed|es|e|ing)|"
    r"perhaps|if\s+confirmed|(?:not|un)\s*(?:yet\s+)?clear|unclear|not\s+known|"
    r"neither\s+confirm(?:ed|s)?\s+nor\s+den(?:y|ied|ies)|confirm\s+or\s+deny|"
    r"(?:did|does|do|would|could)\s+not\s+(?:immediately\s+)?deny|"
    r"(?:declined|refused)\s+to\s+(?:confirm|comment|deny)|"
    r"(?:could\s+not|cannot|can't)\s+(?:be\s+)?(?:independently\s+)?(?:verif(?:y|ied)|confirm(?:ed)?)|"
    r"not\s+(?:been\s+)?(?:independently\s+)?(?:verified|confirmed)|(?:did|does|do|would)\s+not\s+confirm|"
    r"(?:did|does|do|would|could)\s+not\s+rule\s+out|assessment\s+suggests|"
    # a feared or worried-about event is not asserted ("amid fears that Kim will supply ...")
    r"fears?\s+that|concerns?\s+that|worr(?:y|ies|ied)\s+that|"
    # a hypothetical event ("Any transfer of ... would breach", "warned that any deal would ...",
    # "if ... sends"), whatever the noun; not the object of a denial ("denied any transfer")
    r"(?-i:Any)\s+(?:such\s+)?\w+|(?<=that\s)any\s+(?:such\s+)?\w+|if)(?![\w-])")

#: Words that confirm an allegation noun ("confirm long-standing allegations"): then it is no hedge.
CONFIRMING_PATTERN = (
    r"(?<!\w)(?:confirm\w*|prov(?:e|ed|es|ing|en)|verif\w*|corroborat\w*|substantiat\w*|"
    r"backs?|backed|validat\w*|support\w*)(?!\w)")

#: Denials: a speaker rejecting a statement ("denied", "dismissed the reports as baseless").
DENIAL_PATTERN = (
    r"(?<![\w-])(?:den(?:y|ies|ied|ying)|refut(?:e|ed|es|ing)|"
    # reject / dismiss deny a *statement* (a report, a claim, "that ...", "... as false"), not a policy
    # or a proposal ("rejected the idea of quotas" opposes, it does not deny a fact)
    r"(?:dismiss(?:ed|es|ing)?|reject(?:ed|s|ing)?|rebuff(?:ed|s)?|repudiat(?:e|ed|es|ing)|disput(?:e|ed|es|ing)|"
    r"shrug(?:ged|s|ging)?\s+off|brush(?:ed|es|ing)?\s+(?:off|aside)|wav(?:ed|es|ing)\s+(?:off|away|aside))"
    r"(?=\s(?:[^.;]{0,60}?\s)?(?:(?:reports?|allegations?|accusations?|claims?|charges?|suggestions?|assertions?|"
    r"findings|conclusions?|assessments?|figures?|accounts?|version|rumou?rs?|stor(?:y|ies)|speculation|"
    r"(?:idea|notion|view)\s+that|that)"
    r"(?![\w-])|as\s[^.;]{0,40}?(?:absurd|baseless|groundless|unfounded|fabricat\w*|nonsense|lies|fake|"
    r"slander\w*|smear\w*|false|untrue|propaganda|provocation|speculation|rumou?rs?)))|"
    r"no\s+intention\s+(?:of|to)|"
    r"(?:called|calling|branded|branding|described|describing|labell?ed|labell?ing)\s[^.;]{0,50}?(?:absurd|baseless|"
    r"groundless|unfounded|fabricat\w*|nonsense|lies|fake|slander\w*|smear\w*|false|rumou?rs|hoax)|"
    # "said the report was 'a fabrication'", "considers such reports to be groundless"
    r"(?:reports?|allegations?|accusations?|claims?|findings|charges?)\s(?:[^.;]{0,40}?\s)?"
    r"(?:was|were|is|are|as|to\s+be)\s[^.;]{0,25}?(?:absurd|baseless|groundless|unfounded|fabricat\w*|nonsense|"
    r"lies|fake|slander\w*|smear\w*|false|untrue|propaganda)|"
    # "the 'fabricated' reports of ..."
    r"(?:fabricated|baseless|groundless|unfounded|false|absurd|bogus)[\"”’']?\s+(?:reports?|allegations?|claims?|"
    r"accusations?|charges?))(?![\w-])")

#: A statement called false ("the report was untrue").
REFUTED_PATTERN = (
    r"(?<!\w)(?:is|was|are|were)\s(?:\w+\s)?(?:false|untrue|a\s+lie|wrong|not\s+true|"
    r"incorrect|misleading|baseless)(?!\w)")

#: "no evidence", "no sign": negates the rest of the clause.
NO_EVIDENCE_PATTERN = r"(?<![\w-])no\s+(?:evidence|proof|sign|signs|indication|indications)(?![\w-])"

#: Allegation nouns: a hedge unless the sentence confirms or denies them.
HEDGE_NOUNS = frozenset("allegation allegations claim claims accusation accusations suspicion suspicions "
                        "speculation rumour rumours rumor rumors".split())

# "not only", "not clear", "did not deny/confirm/comment/rule out" do not negate the claim
# (the last ones are hedges)
NOT_NEGATING = frozenset("""only just least clear yet known surprising surprise a an immediately deny denied denies
dispute disputed confirm confirmed comment respond responded reply rule ruled""".split())

#: Conjunctions that end the scope of a negation.
NEGATION_STOP = frozenset("but and or while although though whereas because since".split())

#: Reporting cues that are themselves denials ("X denied ...").
DENIAL_CUES = frozenset({"denied", "dismissed", "rejected"})

#: Allegation nouns the tagger does not let govern a claim as hedges.
ALLEGATION_WORDS = frozenset({"allegation", "allegations", "claim", "claims", "accusation", "accusations"})

# a denial worded from its object ("the reports were groundless", "fabricated reports")
# names no denying party before it: the sentence's speaker is the denier
DENIAL_OBJECT_WORDS = frozenset("""report reports allegation allegations accusation accusations claim claims findings
charge charges fabricated baseless groundless unfounded false absurd bogus""".split())

# Auxiliaries and adverbs between a denier and a later denial verb ("which the US has flatly denied").
DENIAL_SKIP_WORDS = frozenset("has have had also repeatedly previously already strongly flatly firmly vehemently".split())

# a denial after the claim that looks back at it:
# "..., which the US has denied", "..., an allegation Moscow denies", "..., a claim Kyiv rejects"
RETRO_DENIAL_PATTERN = (r"(?:,\s*|\s)(?:which|an?\s+(?:allegation|claim|charge|accusation|assertion|report|"
                        r"story|account)|(?:allegations|claims|charges|accusations)(?:\s+that)?)\s+")
