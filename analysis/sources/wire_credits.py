"""Stated wire-agency credits: which agency's copy or reporting a story carries.

A credit is evidence that the *story* comes from an agency, not that the
agency is mentioned.  Three tiers, strongest first:

* **stated** — the ``wire`` column, an outlet that *is* an agency, a
  dateline or sign-off credit such as ``SEOUL (Reuters) -``, ``(Yonhap)``,
  ``- AFP``, ``(AFP/Reuters)``, a byline ``By Yonhap``, ``With inputs from
  PTI``, ``AFP contributed to this report``;
* **newsgathering** — the agency did the reporting the story relies on:
  ``told AFP``, ``said in an interview with Reuters``, ``filmed by
  Reuters``, ``seen by Reuters``, ``Reuters could not verify``, ``a Reuters
  request for comment``, ``AFP journalists saw``;
* **cited** — the story attributes information to the agency: ``AFP
  reported``, ``according to Reuters``, ``quoted by Yonhap``.

A mere mention ("a Reuters journalist was killed", "Reuters and AFP are
news agencies") matches none of these.  Photo credits (``REUTERS/Kim
Hong-Ji``, ``Photo: AFP``) are excluded because they credit a picture, not
the text.  State media that stories *cite as a party* (KCNA, Rodong
Sinmun, KCTV) are deliberately not in the agency list: "KCNA reported" means
North Korea said so, not that the story is KCNA copy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# canonical name -> alternative spellings (matched case-sensitively, as
# agencies write their names; the all-caps forms cover datelines)
AGENCIES: dict[str, tuple[str, ...]] = {
    "AFP": ("AFP", "Agence France-Presse", "Agence France Presse"),
    "Reuters": ("Reuters", "REUTERS", "Thomson Reuters"),
    "AP": ("AP", "Associated Press"),
    "Yonhap": ("Yonhap News Agency", "Yonhap", "YONHAP"),
    "Xinhua": ("Xinhua News Agency", "Xinhua"),
    "Kyodo": ("Kyodo News", "Kyodo"),
    "TASS": ("TASS", "Tass"),
    "RIA Novosti": ("RIA Novosti", "RIA"),
    "Interfax": ("Interfax-Ukraine", "Interfax"),
    "Ukrinform": ("Ukrinform",),
    "UNIAN": ("UNIAN",),
    "dpa": ("Deutsche Presse-Agentur", "dpa", "DPA"),
    "EFE": ("EFE",),
    "ANSA": ("ANSA",),
    "PTI": ("Press Trust of India", "PTI"),
    "ANI": ("ANI",),
    "IANS": ("IANS",),
    "UNI": ("UNI",),
    "Bernama": ("Bernama",),
    "Anadolu": ("Anadolu Agency", "Anadolu"),
    "AAP": ("Australian Associated Press", "AAP"),
    "Canadian Press": ("The Canadian Press", "Canadian Press"),
    "PA": ("PA Media", "Press Association"),
    "Bloomberg": ("Bloomberg News", "Bloomberg"),
    "NHK": ("NHK",),
    "Jiji": ("Jiji Press", "Jiji"),
}

_CANON = {alias.casefold(): name for name, aliases in AGENCIES.items() for alias in aliases}
_CANON.update({name.casefold(): name for name in AGENCIES})
# longest alias first so "Yonhap News Agency" wins over "Yonhap"
_AG = "|".join(re.escape(a) for a in sorted({a for al in AGENCIES.values() for a in al}, key=len, reverse=True))
AG = rf"(?<![\w/])(?:the\s+)?(?P<ag>{_AG})(?![\w/-])"
AG2 = rf"(?<![\w/])(?:the\s+)?(?P<ag2>{_AG})(?![\w/-])"

_PATTERNS: list[tuple[int, str, re.Pattern]] = [
    # stated
    # inside brackets the slash is a separator ("(AFP/Reuters)"), not a photo credit
    (0, "credit", re.compile(rf"\(\s*(?P<ag>{_AG})\s*(?:[/,&]\s*(?P<ag2>{_AG})\s*)?\)")),
    # a byline may run into the next field ("By YonhapPublished : Jan. 5")
    (0, "byline", re.compile(rf"(?m)^[ \t]*By[ \t]+(?P<ag>{_AG})(?![a-z])")),
    (0, "sign-off", re.compile(rf"(?im)^[ \t(]*(?:[-–—][ \t]*)?(?:with[ \t]+(?:inputs[ \t]+from[ \t]+)?)?{AG}"
                               rf"(?:[ \t]*(?:[/,&]|and)[ \t]*{AG2})?[ \t.)]*$")),
    (0, "contributed", re.compile(rf"{AG}\s+contributed\s+to\s+this\s+report")),
    # newsgathering
    (1, "told", re.compile(rf"\b(?:told|tell|tells|telling)\s+{AG}")),
    (1, "interview", re.compile(rf"\b(?:interview\s+with|speaking\s+to|spoke\s+to|speaking\s+with|spoke\s+with)\s+{AG}")),
    (1, "by", re.compile(rf"\b(?:filmed|seen|obtained|reviewed|verified|photographed|geolocated|examined)\s+by\s+{AG}")),
    (1, "own", re.compile(rf"{AG}\s+(?:has\s+|had\s+)?(?:learned|learnt|could\s+not\s+(?:immediately\s+)?(?:independently\s+)?"
                          rf"(?:verify|confirm)|was\s+unable\s+to\s+(?:independently\s+)?verify|requests?\s+for\s+comment)")),
    (1, "staff", re.compile(rf"{AG}\s+(?:reporters?|correspondents?|journalists?|photographers?|witness(?:es)?|"
                            rf"tally|calculations?|analysis)\s+(?:saw|witnessed|observed|counted|heard|found|showed?)")),
    # cited
    (2, "reported", re.compile(rf"{AG}\s+(?:news\s+agency\s+)?(?:reported|reports|quoted|cited)")),
    (2, "according", re.compile(rf"\baccording\s+to\s+{AG}")),
    (2, "quoted", re.compile(rf"\b(?:quoted|cited)\s+by\s+{AG}")),
]

TIER_NAMES = {0: "stated", 1: "newsgathering", 2: "cited"}


@dataclass(frozen=True)
class Credit:
    agency: str
    tier: int
    cue: str
    start: int
    end: int
    surface: str


def canonical_agency(name: str) -> str:
    """Canonical agency name for a spelling (unknown names are returned trimmed)."""
    name = name.strip()
    return _CANON.get(name.casefold(), name)


def split_wire(value: object) -> list[str]:
    """Canonical agency names of a ``wire`` cell such as ``"AFP/Reuters"``."""
    if value is None or (isinstance(value, float) and value != value):
        return []
    parts = re.split(r"\s*(?:[,;/&+|]|\band\b)\s*", str(value))
    return [canonical_agency(p) for p in parts if p.strip()]


def find_credits(body: str) -> list[Credit]:
    """All credits found in a body, in order of position.

    Examples
    --------
    >>> [(c.agency, c.tier, c.cue) for c in find_credits("SEOUL (Reuters) - A source told AFP so.")]
    [('Reuters', 0, 'credit'), ('AFP', 1, 'told')]
    >>> find_credits("A Reuters journalist was killed in the strike.")
    []
    """
    found: list[Credit] = []
    for tier, cue, pattern in _PATTERNS:
        for m in pattern.finditer(body):
            for group in ("ag", "ag2"):
                if group in pattern.groupindex and m.group(group):
                    found.append(Credit(canonical_agency(m.group(group)), tier, cue, m.start(), m.end(), m.group()))
    found.sort(key=lambda c: (c.start, c.tier))
    return found


def primary_credit(credits: list[Credit]) -> Credit | None:
    """The credit that names the story's origin: strongest tier, then most
    frequent agency within it, then the earliest."""
    if not credits:
        return None
    best_tier = min(c.tier for c in credits)
    top = [c for c in credits if c.tier == best_tier]
    counts: dict[str, int] = {}
    for c in top:
        counts[c.agency] = counts.get(c.agency, 0) + 1
    return max(top, key=lambda c: (counts[c.agency], -c.start))
