"""Reporting verbs and the nouns that stand for a source: who said it, and how.

Used by :mod:`analysis.sources.attribution` to find the cue of a reported
statement ("said", "told", "according to", "denied") and by the tagger through
its public ``CUE_RE``. General English, no topic.
"""

from __future__ import annotations

#: Reporting verbs: surface form -> canonical cue ("says" -> "said").
CUES: dict[str, str] = {}
for _canon, _forms in {
    "said": "said says say saying", "told": "told tells telling", "stated": "stated",
    "added": "added adds adding", "explained": "explained explains", "noted": "noted",
    "denied": "denied denies deny denying", "confirmed": "confirmed confirms confirming confirm",
    "reported": "reported", "announced": "announced announces", "revealed": "revealed reveals",
    "claimed": "claimed", "warned": "warned warns warning warn", "insisted": "insisted insists insist",
    "argued": "argued argues argue", "wrote": "wrote writes", "tweeted": "tweeted", "posted": "posted",
    "acknowledged": "acknowledged acknowledges", "admitted": "admitted admits",
    "alleged": "alleged alleges allege", "accused": "accused accuses accusing accuse",
    "blamed": "blamed blames blame",
    "assessed": "assessed assesses assess", "believe": "believe believes believed",
    "estimated": "estimated estimates estimate", "described": "described describes",
    "contended": "contended contends", "reckoned": "reckons reckon",
    "suspect": "suspect suspects suspected", "maintained": "maintained maintains maintain",
    "concluded": "concluded concludes conclude", "concurred": "concurred", "dismissed": "dismissed dismisses",
    "rejected": "rejected rejects", "lambasted": "lambasted", "criticised": "criticised criticized criticises criticizes",
    "condemned": "condemned condemns", "urged": "urged urges", "vowed": "vowed vows",
    "stressed": "stressed stresses", "predicted": "predicted",
    "declared": "declared declares", "disclosed": "disclosed", "replied": "replied",
    "asked": "asked", "continued": "continued",
    "quoted": "quoted", "cited": "cited cites",
    "charged": "charged", "labelled": "labelled labeled branded",
    "denounced": "denounced denounces", "hailed": "hailed hails", "disputed": "disputed disputes",
    "refuted": "refuted refutes", "suggested": "suggested",
}.items():
    for _f in _forms.split():
        CUES[_f.replace("_", " ")] = _canon
CUES["according to"] = "according to"
del _canon, _forms, _f

# cues that also take the speaker after them ('..." said Kim', ", said Hong Min")
INVERTIBLE_CUES = frozenset("said says added adds explained wrote asked continued noted told stated".split())

# cues that are also adjectives / passive participles ("an alleged plot", "a man suspected of")
PARTICIPLE_CUES = frozenset({"alleged", "suspected", "accused", "reported", "rumoured", "rumored"})

#: Nouns that, with "the", refer back to a source named before ("the agency said").
ANAPHORIC_HEADS = frozenset("""
agency ministry department office service body group team panel committee monitors report statement study
government embassy military army bureau council commission watchdog institute organisation organization
company countries nations governments
""".split())
