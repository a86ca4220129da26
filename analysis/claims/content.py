"""The claim content of a sentence: its words without names, titles and reporting.

Two sentences make the same claim when they say the same thing, not when
they share a speaker: "Tory leader Michael Howard has written to Tony Blair
about e-mail rules" and "Tory leader Michael Howard has accused Tony Blair of
U-turns on burglars" share six name and title words and no claim. Codebook-free
claims (:mod:`analysis.claims.clusters`) are clustered on what remains once
proper names, titles and roles, reporting words and function words are taken
out; the draft codebook (:mod:`analysis.claims.codebook_draft`) proposes its
term groups from the same words.
"""

from __future__ import annotations

import re

from analysis.lexicon.function_words import CONTRACTIONS, FUNCTION_WORDS, REPORTING_FORMS, REPORTING_WORDS
from analysis.lexicon.places import CAPITALS, COUNTRIES, DEMONYMS
from analysis.lexicon.roles import ROLE_MODIFIERS, ROLE_WORDS

_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]|\d[\d,.]*\d|\d")
_REPORTING = REPORTING_WORDS | REPORTING_FORMS
_OPENS = re.compile(r"[.!?:\"“]\s*[\"“'‘(]?\s*$")
_PLACES = COUNTRIES | frozenset(c.lower() for c in CAPITALS) | DEMONYMS


def _is_place(word: str) -> bool:
    return word.lower() in _PLACES


def content_tokens(text: str) -> list[str]:
    """The lower-case content words of a sentence, in order.

    Left out: proper names (a capitalised word inside the sentence, or a
    sentence-initial one followed by another capitalised word: "Michael
    Howard"), acronyms ("MP", "BBC"), titles and roles with their
    qualifiers ("shadow foreign secretary", "spokesman"), reporting words
    ("said", "told", "denied", "announced") and function words. Country,
    capital and demonym names stay: "sending munitions to Russia" is about
    Russia, whoever says it.

    Parameters
    ----------
    text : str
        One sentence.

    Returns
    -------
    list of str

    Examples
    --------
    >>> content_tokens("Shadow Foreign Secretary Jane Doe said the embassy in Paris will close next month.")
    ['embassy', 'paris', 'close']
    >>> content_tokens("The council said: \\"We will not raise parking fees.\\"")
    ['council', 'raise', 'parking', 'fees']
    """
    found = [(m.group(), m.start()) for m in _TOKEN.finditer(str(text))]
    out: list[tuple[str, bool]] = []  # (word, is content)
    # a title-case headline ("Russia Using Missiles In Ukraine") capitalises every word: no names to tell
    alpha = [w for w, _ in found if w[0].isalpha() and w.lower() not in FUNCTION_WORDS]
    headline = len(alpha) >= 3 and sum(w[0].isupper() for w in alpha) >= 0.8 * len(alpha)
    lows = [w.lower() for w, _ in found]
    # multi-word country names ("North Korea", "South Africa") are places, not a person's name
    place_pair = {k for k in range(len(lows) - 1) if lows[k] + " " + lows[k + 1] in _PLACES}
    place_pair |= {k + 1 for k in place_pair}
    for k, (word, at) in enumerate(found):
        low = word.lower().replace("’", "'")
        initial = k == 0 or _OPENS.search(str(text)[:at]) is not None
        capital = word[0].isupper() and not headline and k not in place_pair
        next_capital = k + 1 < len(found) and found[k + 1][0][0].isupper()
        if low in ROLE_WORDS or low.endswith("'s") and low[:-2] in ROLE_WORDS:
            out.append((low, False))
            # what qualifies a title belongs to it: "shadow foreign secretary", "Tory leader",
            # "home affairs spokesman"
            j = len(out) - 2
            while j >= 0 and (out[j][0] in ROLE_MODIFIERS or found[j][0][0].isupper()):
                out[j] = (out[j][0], False)
                j -= 1
        elif low in FUNCTION_WORDS or low in CONTRACTIONS or low in _REPORTING:
            out.append((low, False))
        elif word.isupper() and len(word) > 1 and not _is_place(word) and not headline:
            out.append((low, False))  # an acronym: an organisation or a title (MP, BBC, UN)
        elif capital and not _is_place(word) and (not initial or next_capital):
            out.append((low, False))  # a proper name
        else:
            out.append((low, len(low) >= 2 or low.isdigit()))
    return [w for w, ok in out if ok]


def content_text(text: str) -> str:
    """:func:`content_tokens` joined by spaces (what claim clusters compare)."""
    return " ".join(content_tokens(text))
