"""Adversarial text shared by the robustness tests and ``benchmarks/bench_adversarial.py``.

Each maker takes a size in characters and returns a body of about that size
built to provoke super-linear behaviour in one of the extractors: long digit
and comma runs, repeated qualifiers, one enormous sentence, deeply nested
quotes and brackets, thousands of cues or acronyms.
"""

from __future__ import annotations

import itertools
import string

_ACRONYMS = ["".join(p) for p in itertools.product(string.ascii_uppercase, repeat=3)]

ADVERSARIAL = {
    "digit-run": lambda n: "9" * n,
    "digit-comma-run": lambda n: "1," * (n // 2),
    "spaced-digits": lambda n: "1 " * (n // 2),
    "dotted-digits": lambda n: "1." * (n // 2),
    "hyphen-numbers": lambda n: "1-2-3-" * (n // 6),
    "percent-run": lambda n: "5% " * (n // 3),
    "money-run": lambda n: "$1.5bn " * (n // 7),
    "ranges": lambda n: "5-" * (n // 2),
    "repeated-qualifier": lambda n: "about " * (n // 6) + "5 missiles",
    "mixed-qualifiers": lambda n: "more than at least nearly up to some " * (n // 37) + "5 km",
    "one-long-sentence": lambda n: "the minister said that Russia fired 1,200 missiles and " * (n // 55),
    "said-said": lambda n: "said " * (n // 5),
    "quote-said": lambda n: '"We will fight," said Kim. ' * (n // 27),
    "nested-brackets": lambda n: "([{" * (n // 6) + "x" + "}])" * (n // 6),
    "straight-quotes": lambda n: '"' * n,
    "nested-curly-quotes": lambda n: "\u201c\u2018" * (n // 4) + "x" + "\u2019\u201d" * (n // 4),
    "open-quotes": lambda n: '"a ' * (n // 3),
    "dates": lambda n: "May 5, " * (n // 7),
    "date-words": lambda n: "in May the late early mid last this next year month week 2006 between and from to " * (n // 84),
    "date-ranges": lambda n: "between late December 2023 and late February " * (n // 45),
    "number-words": lambda n: "twenty-five thousand " * (n // 21),
    "newlines": lambda n: "\n" * n,
    "acronyms": lambda n: " ".join(_ACRONYMS[: n // 4]),
    "initialisms": lambda n: "U.S. " * (n // 5),
    "words": lambda n: "word " * (n // 5),
}


def extractors():
    """Name -> function of an articles frame, for every span-producing step."""
    import analysis

    return {
        "sentences": analysis.sentences,
        "extract_quantities": analysis.extract_quantities,
        "extract_dates": analysis.extract_dates,
        "extract_attributions": analysis.extract_attributions,
        "tag_claims": analysis.tag_claims,
        "find_text_reuse": analysis.find_text_reuse,
    }


def adversarial_frame(kind: str, n: int):
    """Two articles: the adversarial body and one sharing half of it (so reuse has work)."""
    from tests.conftest import article_frame

    body = ADVERSARIAL[kind](n)
    return article_frame(body, "Other words here. " + body[: n // 2])
