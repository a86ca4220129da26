"""Words that tell what kind of source a speaker is: intelligence, military,
international body, media, expert, unnamed official, government, document.

Regex sources, compiled case-insensitively by :mod:`analysis.sources.speakers`
(the acronym patterns case-sensitively). General English news wording, no topic.
"""

from __future__ import annotations

import re

from analysis.lexicon.places import CAPITALS

INTELLIGENCE_PATTERN = r"\b(?:intelligence|spy agency|spy chief|spies)\b"

INTELLIGENCE_ACRONYMS_PATTERN = r"(?<![A-Za-z])(?:CIA|DIA|NIS|FSB|SVR|GRU|SBU|HUR|GUR|MI5|MI6|GCHQ|Mossad|NSA|ODNI)(?![A-Za-z])"

MILITARY_PATTERN = (
    r"\b(?:military|army|navy|naval|air force|armed forces|troops|forces|marines?|pentagon|"
    r"defen[cs]e (?:ministry|ministers?|department|secretary|chief|officials?|spokes\w+)|"
    r"(?:ministry|minister|department|secretary) of defen[cs]e|general|gen\.|commander|admiral|"
    r"colonel|col\.|lieutenant|lt\.|major general|chiefs of staff|joint chiefs|jcs|officers?)\b")

INTERNATIONAL_PATTERN = (
    r"\b(?:united nations|(?<!national )security council|panel of experts|expert panel|the panel|"
    r"panel|sanctions? monitors|sanctions committee|atomic energy agency|european union|european commission|"
    r"world health organization|world bank|international criminal court|red cross)\b")

INTERNATIONAL_ACRONYMS_PATTERN = (
    r"(?<![A-Za-z])(?:U\.N\.|UN|UNSC|IAEA|NATO|EU|G7|G20|ASEAN|WHO|IMF|OSCE|OPCW|ICC|ICRC|UNHCR|UNICEF|WTO)"
    r"(?![A-Za-z])")

MEDIA_PATTERN = (
    r"\b(?:news agency|newspaper|journal|times|post|gazette|tribune|herald|daily|magazine|"
    r"broadcaster|television|tv|radio|media|outlet|reporters?|correspondents?|reuters|afp|ap|"
    r"associated press|agence france-presse|yonhap|kcna|korean central news agency|rodong sinmun|"
    r"tass|ria novosti|ria|interfax|xinhua|kyodo|nhk|bbc|cnn|nbc|cbs|abc news|fox news|bloomberg|"
    r"dpa|efe|ansa|anadolu|pti|ani|irna|wafa|sana|ukrinform|unian|jiji|antara|bernama|"
    r"al jazeera|guardian|telegraph|economist|politico|axios|wsj)\b")

EXPERT_PATTERN = (
    r"\b(?:experts?|analysts?|researchers?|professors?|prof\.|scholars?|fellows?|academics?|"
    r"specialists?|think[- ]tank|institute|institution|university|college|centre|center|"
    r"observers?|economists?|scientists?|consultants?|consulting|monitoring group|investigators?)\b")

FORMER_PATTERN = r"\b(?:former|ex-|retired)"

UNNAMED_PATTERN = (
    r"\b(?:officials?|sources?|diplomats?|insiders?|people familiar|person familiar|"
    r"a spokes(?:man|woman|person)|aides?)\b")

GOVERNMENT_PATTERN = (
    r"\b(?:government|govt|ministry|ministers?|minister|president|presidential|prime minister|premier|"
    r"chancellor|king|queen|leader|leadership|spokes(?:man|woman|person)|ambassador|embassy|envoy|"
    r"state department|foreign office|foreign ministry|white house|kremlin|blue house|"
    r"presidential office|cabinet|parliament|congress|senators?|lawmakers?|mps?|governor|mayor|"
    r"administration|prosecutors?|police|authorit(?:y|ies)|regime|coordinator|secretary|department|"
    r"national security council|officials?|diplomats?|state|council|commission|party|"
    + "|".join(sorted((re.escape(c) for c in CAPITALS), key=len, reverse=True)) + r")\b")

DOCUMENT_PATTERN = (
    r"\b(?:report|reports|study|studies|survey|analysis|assessment|document|documents|data|figures|"
    r"photos?|photographs?|images?|footage|video|statement|letter|filing|records?|memo|"
    r"investigation|findings|estimates?|satellite imagery|imagery)\b")
