"""Unit lexicon for quantities, and the singular form of counted nouns.

Units are reported lower case: measures as symbols (``km``, ``mm``, ``kg``,
``percent``, ``usd``), durations and ages as the word (``year``, ``day``),
and counts as the singular head noun of what is counted (``missile``,
``container``, ``person``).

Examples
--------
>>> lookup_unit("kilometres")
('km', 'distance', 1.0)
>>> lookup_unit("per cent")
('percent', 'percentage', 1.0)
>>> singular("missiles"), singular("people"), singular("casualties")
('missile', 'person', 'person')
"""

from __future__ import annotations

import re

KINDS = ("count", "distance", "length", "mass", "percentage", "money", "duration", "other")

# kind of each reported unit symbol
UNIT_KIND: dict[str, str] = {
    "km": "distance", "mi": "distance", "nmi": "distance",
    "m": "length", "cm": "length", "mm": "length", "nm": "length", "ft": "length", "in": "length", "yd": "length",
    "kg": "mass", "g": "mass", "mg": "mass", "t": "mass", "ton": "mass", "lb": "mass", "oz": "mass",
    "percent": "percentage", "pp": "percentage", "bp": "percentage",
    "year": "duration", "month": "duration", "week": "duration", "day": "duration",
    "hour": "duration", "minute": "duration", "second": "duration", "decade": "duration",
    "century": "duration",
}
CURRENCIES = ("usd", "eur", "gbp", "jpy", "krw", "cny", "inr", "rub", "uah", "chf",
              "aud", "cad", "hkd", "nzd", "sgd", "brl", "ils", "try", "zar", "sek", "nok", "dkk")
UNIT_KIND.update({c: "money" for c in CURRENCIES})
#: Coins below a currency unit, reported as written (``cent``, ``penny``).
SUBUNITS = ("cent", "penny")
UNIT_KIND.update({c: "money" for c in SUBUNITS})

# Spelled-out units and abbreviations written as words; matched case-insensitively.
# value: (unit, scale applied to the number)
_WORD_UNITS: dict[str, tuple[str, float]] = {}


def _add(unit: str, *surfaces: str, scale: float = 1.0) -> None:
    for s in surfaces:
        _WORD_UNITS[s] = (unit, scale)


_add("km", "kilometres", "kilometre", "kilometers", "kilometer", "km", "kms")
_add("mi", "miles", "mile")
_add("nmi", "nautical miles", "nautical mile")
_add("m", "metres", "metre", "meters", "meter")
_add("cm", "centimetres", "centimetre", "centimeters", "centimeter", "cm")
_add("mm", "millimetres", "millimetre", "millimeters", "millimeter", "mm")
_add("nm", "nanometres", "nanometre", "nanometers", "nanometer", "nm")
_add("ft", "feet", "foot", "ft")
_add("in", "inches", "inch")
_add("yd", "yards", "yard")
_add("kg", "kilograms", "kilogram", "kilogrammes", "kilogramme", "kilos", "kilo", "kg", "kgs")
_add("g", "grams", "gram", "grammes", "gramme")
_add("mg", "milligrams", "milligram", "mg")
# "tonne" is the metric tonne (symbol t); "ton" as written may be a short ton
# (907 kg), so it keeps its own name rather than being merged into ``t``.
_add("t", "tonnes", "tonne", "metric tons", "metric ton", "metric tonnes", "metric tonne")
_add("ton", "tons", "ton")
_add("lb", "lbs", "lb")
_add("oz", "ounces", "ounce", "oz")
_add("percent", "per cent", "percent", "per-cent", "pct")
_add("pp", "percentage points", "percentage point", "points percentage")
_add("bp", "basis points", "basis point")
_add("year", "years", "year", "yrs", "yr")
_add("month", "months", "month")
_add("week", "weeks", "week")
_add("day", "days", "day")
_add("hour", "hours", "hour", "hrs", "hr")
_add("minute", "minutes", "minute", "mins")
_add("second", "seconds", "second", "secs")
_add("decade", "decades", "decade")
_add("century", "centuries", "century")
_add("week", "fortnights", "fortnight", scale=2.0)
_add("km/h", "km/h", "kph", "kmh", "kilometres per hour", "kilometers per hour")
_add("mph", "mph", "miles per hour")
_add("m/s", "m/s", "metres per second", "meters per second")
_add("kt", "knots", "knot")
_add("km2", "square kilometres", "square kilometers", "square kilometre", "square kilometer", "sq km",
     "km2", "km²", "sq kilometres")
_add("mi2", "square miles", "sq miles", "square mile", "sq mi")
_add("m2", "square metres", "square meters", "square metre", "square meter", "sq m", "m2", "m²")
_add("ft2", "square feet", "square foot", "sq ft")
# volumes: "cubic kilometres" is a volume, not a distance
_add("m3", "cubic metres", "cubic meters", "cubic metre", "cubic meter", "m3", "m³")
_add("m3", "billion cubic metres", "billion cubic meters", "bcm", scale=1e9)
_add("m3", "million cubic metres", "million cubic meters", "mcm", scale=1e6)
_add("km3", "cubic kilometres", "cubic kilometers", "cubic kilometre", "cubic kilometer", "km3", "km³")
_add("ft3", "cubic feet", "cubic foot", "cu ft")
_add("barrel", "barrels", "barrel", "bbl")
_add("ha", "hectares", "hectare")
_add("acre", "acres", "acre")
_add("l", "litres", "litre", "liters", "liter")
_add("ml", "millilitres", "millilitre", "milliliters", "milliliter", "ml")
# Non-metric volumes are named in full, like "barrel" and "acre" ("gal" is no
# symbol a reader expects in a table).
_add("gallon", "gallons", "gallon")
# Temperatures are named in full: "celsius" and "fahrenheit" read better in a
# table than symbols, and a bare "degrees" stays "degree" (angle or temperature).
_add("celsius", "degrees celsius", "degree celsius", "degrees centigrade", "degree centigrade", "celsius",
     "centigrade", "celcius", "degrees celcius", "deg celsius", "deg c", "degrees c", "degree c", "°c",
     "° celsius", "° c")
_add("fahrenheit", "degrees fahrenheit", "degree fahrenheit", "fahrenheit", "farenheit", "degrees farenheit",
     "deg fahrenheit", "deg f", "degrees f", "degree f", "°f", "° fahrenheit", "° f")
_add("degree", "degrees", "degree", "deg", "°")
_add("mw", "megawatts", "megawatt")
_add("gw", "gigawatts", "gigawatt")
_add("kw", "kilowatts", "kilowatt")
_add("kwh", "kilowatt hours", "kilowatt-hours", "kwh")
_add("gb", "gigabytes", "gigabyte")
_add("mb", "megabytes", "megabyte")
_add("tb", "terabytes", "terabyte")
_add("mbps", "mbps", "megabits per second")
_add("times", "times", "fold")  # "three times", "a ten-fold rise": a factor
# currencies written after the number
_add("usd", "us dollars", "us dollar", "dollars", "dollar", "usd")
_add("aud", "australian dollars", "australian dollar")
_add("cad", "canadian dollars", "canadian dollar")
_add("hkd", "hong kong dollars", "hong kong dollar")
_add("nzd", "new zealand dollars", "new zealand dollar")
_add("sgd", "singapore dollars", "singapore dollar")
_add("eur", "euros", "euro", "eur")
_add("gbp", "pounds sterling", "pounds", "pound", "sterling", "gbp")
# Cents and pence stay as written ("34 cents" -> 34 cent): the text rarely says
# whose cent (US, euro, Canadian), and a reader finds the number the article gives.
_add("penny", "pence", "penny")
_add("cent", "cents", "cent")
_add("jpy", "yen", "jpy")
_add("krw", "won", "krw")
_add("cny", "yuan", "renminbi", "cny", "rmb")
_add("inr", "rupees", "rupee", "inr")
_add("rub", "roubles", "rouble", "rubles", "ruble", "rub")
_add("uah", "hryvnias", "hryvnia", "hryvnas", "uah")
_add("chf", "swiss francs", "francs", "chf")
_add("sek", "swedish kronor", "kronor", "krona", "sek")
_add("nok", "norwegian kroner", "nok")
_add("dkk", "danish kroner", "dkk")

# Case-sensitive symbols written straight after a number ("600mm", "30C", "5 MW").
_SYMBOL_UNITS: dict[str, tuple[str, float]] = {
    "km": ("km", 1.0), "mm": ("mm", 1.0), "cm": ("cm", 1.0), "m": ("m", 1.0), "mi": ("mi", 1.0),
    "kg": ("kg", 1.0), "g": ("g", 1.0), "mg": ("mg", 1.0), "t": ("t", 1.0),
    "%": ("percent", 1.0), "C": ("celsius", 1.0), "F": ("fahrenheit", 1.0), "°C": ("celsius", 1.0),
    "°F": ("fahrenheit", 1.0), "°": ("degree", 1.0), "ml": ("ml", 1.0), "m2": ("m2", 1.0),
    "m²": ("m2", 1.0), "m3": ("m3", 1.0), "m³": ("m3", 1.0), "km2": ("km2", 1.0), "km²": ("km2", 1.0),
    "€": ("eur", 1.0), "$": ("usd", 1.0), "£": ("gbp", 1.0), "MW": ("mw", 1.0), "GW": ("gw", 1.0), "kW": ("kw", 1.0),
    "kWh": ("kwh", 1.0), "GB": ("gb", 1.0), "MB": ("mb", 1.0), "TB": ("tb", 1.0),
    "p": ("penny", 1.0), "ft": ("ft", 1.0), "lb": ("lb", 1.0), "oz": ("oz", 1.0),
}
for _u in {u for u, _ in _WORD_UNITS.values()} | {u for u, _ in _SYMBOL_UNITS.values()}:
    UNIT_KIND.setdefault(_u, "other")

#: Units that mean money (for subject and kind decisions).
MONEY_UNITS = frozenset(CURRENCIES) | frozenset(SUBUNITS)

# Currency prefixes before the number ("$1.13bn", "£600m", "US$5m", "Rs 50 crore").
CURRENCY_PREFIX: dict[str, str] = {
    "$": "usd", "us$": "usd", "usd": "usd", "a$": "aud", "au$": "aud", "c$": "cad", "ca$": "cad",
    "hk$": "hkd", "nz$": "nzd", "s$": "sgd", "r$": "brl", "£": "gbp", "gbp": "gbp", "€": "eur",
    "eur": "eur", "¥": "jpy", "jpy": "jpy", "₩": "krw", "krw": "krw", "₹": "inr", "rs": "inr",
    "rs.": "inr", "inr": "inr", "₽": "rub", "rub": "rub", "₴": "uah", "uah": "uah", "₪": "ils",
    "cny": "cny", "rmb": "cny", "chf": "chf", "aud": "aud", "cad": "cad",
    # an ISO code glued to the sign: "USD$ 15", "AUD$15"
    "usd$": "usd", "aud$": "aud", "cad$": "cad", "hkd$": "hkd", "nzd$": "nzd", "sgd$": "sgd",
}
# Longest first so "US$" wins over "$"; signs and codes may touch the digits or
# stand one space before them ("$5m", "$ 14 million", "USD 5m", "USD5m").
CURRENCY_PREFIX_PATTERN = (
    r"(?:(?:US|A|AU|C|CA|HK|NZ|S|R|(?i:usd|aud|cad|hkd|nzd|sgd|us|hk|nz|au|ca))[ \t]?\$|[$£€¥₩₹₽₴₪]|USD|GBP|EUR|JPY|KRW|INR|RUB|UAH|CNY|RMB|CHF|AUD|CAD|Rs\.?)[ \t]?"
)

_WORD_UNIT_PATTERN = "|".join(
    re.escape(s).replace(r"\ ", r"[ \t]+") for s in sorted(_WORD_UNITS, key=len, reverse=True)
)
_SYMBOL_PATTERN = "|".join(re.escape(s) for s in sorted(_SYMBOL_UNITS, key=len, reverse=True))
# A unit right after a number: "365 kilometers", "600-millimeter", "76%", "3 per cent".
# Word units are matched ignoring case; symbols are re-checked for case in lookup_unit.
UNIT_AFTER = re.compile(
    rf"(?P<sep>[ \t]?-[ \t]?|[ \t]?)(?P<unit>(?i:{_WORD_UNIT_PATTERN})|{_SYMBOL_PATTERN})(?![A-Za-z0-9])"
)


_CAPITALISED_OK = frozenset({"celsius", "fahrenheit", "kwh", "mw", "gw", "kw", "° celsius", "° fahrenheit",
                             "degrees celsius", "degrees fahrenheit", "degree celsius", "degree fahrenheit"})
#: Words near "N pounds" that make it a weight, not money ("weighs 25 pounds",
#: "lost 25 pounds", "a metric ton is 2,204.62 pounds", "the baby is two pounds").
POUND_WEIGHT_CUES = re.compile(
    r"\b(?:weigh\w*|weight\w*|heav(?:y|ier|iest)|light(?:er|est)|bab(?:y|ies)|newborn|"
    r"lose|loses|losing|lost|shed|shedding|drop|dropped|gain|gained|put[ \t]+on|"
    r"tons?|tonnes?|kilo\w*|kg|ounces?|lbs?|fat|muscle|body)\b", re.IGNORECASE)
#: Words near "N pounds" that keep it money ("lost 25 pounds in fees").
POUND_MONEY_CUES = re.compile(
    r"[£$€]|\b(?:price\w*|cost\w*|paid|pay\w*|worth|fee|fees|fine\w*|sterling|budget|salar\w*|"
    r"wage\w*|bill|bills|deals?|money|cash|loans?|debts?|tax\w*|spend\w*|spent|bought|sold|sell\w*|buy\w*|charge\w*|profit\w*|shares?)\b",
    re.IGNORECASE)
#: Currency signs that may follow the amount ("15 €", "10 $").
CURRENCY_SIGNS_AFTER = frozenset("€$£")


def lookup_unit(surface: str) -> tuple[str, str, float] | None:
    """Return ``(unit, kind, scale)`` for a unit as written, or ``None``.

    Symbols are case-sensitive ("C" is Celsius, "c" is nothing); spelled-out
    units are not.
    """
    if surface in _SYMBOL_UNITS:
        unit, scale = _SYMBOL_UNITS[surface]
        return unit, UNIT_KIND[unit], scale
    if surface[:1].isupper() and not surface.isupper() and surface.lower() not in _CAPITALISED_OK:
        return None  # "the 12 Euro zone countries", "3 Miles Platting": names, not units
    key = re.sub(r"\s+", " ", surface.lower())
    if key in _WORD_UNITS:
        unit, scale = _WORD_UNITS[key]
        return unit, UNIT_KIND[unit], scale
    return None


def currency_prefix_unit(prefix: str) -> str | None:
    """The currency code for a prefix as written ("US$" -> "usd", "£" -> "gbp")."""
    return CURRENCY_PREFIX.get(re.sub(r"\s+", "", prefix).lower())


# ---------------------------------------------------------------- counted nouns

# People counted under any of these names are reported as "person", so that
# "50 people", "50 civilians" and "50 soldiers" can be compared (the noun as
# written stays in ``subject`` and ``measure``).  Role nouns for people that
# news counts: casualties, forces, workers, suspects, officials ...
PERSON_NOUNS = frozenset("""
people persons person civilians civilian individuals individual human humans
men man women woman children child adults adult kids kid boys boy girls girl babies baby infants infant
minors minor teenagers teenager youths elderly pensioners pensioner
soldiers soldier troops troop servicemen serviceman servicemembers fighters fighter combatants
combatant militants militant insurgents insurgent rebels rebel guerrillas guerrilla recruits recruit
conscripts conscript mercenaries mercenary volunteers volunteer reservists reservist marines marine
sailors sailor pilots pilot commanders commander officers officer officials official diplomats diplomat
police policemen policeman policewomen guards guard agents agent spies spy personnel staff crew
workers worker labourers labourer laborers laborer employees employee staffers staffer engineers
engineer technicians technician specialists specialist experts expert advisers adviser advisors advisor
instructors instructor scientists scientist doctors doctor nurses nurse medics medic
journalists journalist reporters reporter lawmakers lawmaker legislators legislator politicians
politician ministers minister members member delegates delegate leaders leader voters voter
residents resident citizens citizen nationals national inhabitants villagers villager locals
refugees refugee migrants migrant asylum-seekers evacuees evacuee displaced
prisoners prisoner detainees detainee hostages hostage captives captive inmates inmate convicts
suspects suspect defendants defendant terrorists terrorist attackers attacker gunmen gunman
protesters protester protestors protestor demonstrators demonstrator activists activist
students student pupils pupil teachers teacher patients patient passengers passenger tourists tourist
pilgrims pilgrim worshippers worshipper fans fan spectators spectator customers customer users user
victims victim survivors survivor casualties casualty fatalities fatality dead deaths death
wounded injured missing
""".split())
_IRREGULAR: dict[str, str] = {
    "men": "man", "women": "woman", "children": "child", "feet": "foot", "teeth": "tooth",
    "mice": "mouse", "geese": "goose", "lives": "life", "wives": "wife", "knives": "knife",
    "halves": "half", "thieves": "thief", "wolves": "wolf", "leaves": "leaf", "shelves": "shelf",
    "crises": "crisis", "analyses": "analysis", "theses": "thesis", "bases": "base",
    "indices": "index", "criteria": "criterion", "phenomena": "phenomenon", "data": "data",
    "media": "media", "police": "police", "staff": "staff", "personnel": "personnel",
    "aircraft": "aircraft", "sheep": "sheep", "fish": "fish", "deer": "deer", "cattle": "cattle",
    "series": "series", "species": "species", "means": "means", "news": "news",
    "buses": "bus", "viruses": "virus", "bonuses": "bonus", "campuses": "campus",
    "heroes": "hero", "potatoes": "potato", "tomatoes": "tomato", "vetoes": "veto",
    "echoes": "echo", "torpedoes": "torpedo", "embargoes": "embargo", "cargoes": "cargo",
    "movies": "movie", "cookies": "cookie", "lies": "lie", "ties": "tie", "pies": "pie",
    "troops": "troop", "arms": "arms", "goods": "goods", "headquarters": "headquarters",
    "works": "works", "barracks": "barracks", "thanks": "thanks", "politics": "politics",
    "economics": "economics", "physics": "physics", "athletics": "athletics",
    "olympics": "olympics", "mathematics": "mathematics", "dice": "die",
}
# Plural-only or invariant nouns that do not end in -s but are plural after a number.
IRREGULAR_PLURALS = frozenset(
    {"people", "men", "women", "children", "police", "staff", "personnel", "cattle", "sheep",
     "aircraft", "fish", "deer", "feet", "teeth", "mice", "geese", "data", "media", "crew",
     "livestock", "offspring", "youth", "clergy", "infantry", "artillery", "militia"}
)
_NOT_PLURAL_ENDINGS = ("ss", "us", "is", "ous", "ics")
# Words ending in -s that are never plural nouns.
_NOT_PLURAL = frozenset("""
was has does goes yes its his hers ours theirs yours this thus plus less unless whereas always
perhaps towards afterwards besides sometimes nowadays whereabouts overseas indoors outdoors
upstairs downstairs apiece as gas bus lens news series species means
""".split())


def is_plural(word: str) -> bool:
    """Does a lower-case word look like a plural noun?"""
    if word in IRREGULAR_PLURALS or word in _IRREGULAR:
        return word not in _NOT_PLURAL
    if word in _NOT_PLURAL:
        return False
    return len(word) > 2 and word.endswith("s") and not word.endswith(_NOT_PLURAL_ENDINGS) \
        and not word.endswith("'s")


# Capitalised plural demonyms ("Ukrainians", "Israelis", "Palestinians") count people.
_DEMONYM = re.compile(r"[A-Z][a-z]+(?:ans|is)$")


def singular(word: str) -> str:
    """Singular of a counted noun, lower case; person-words become "person".

    >>> singular("containers"), singular("launches"), singular("civilians")
    ('container', 'launch', 'person')
    """
    w = word.lower().strip("'’")
    if w in PERSON_NOUNS or _DEMONYM.match(word.strip("'’")):
        return "person"
    return noun_singular(w)


#: People words that say nothing about who the people are (their ``measure`` is
#: plain "person"); other people nouns keep their role ("person:soldier").
GENERIC_PERSON_NOUNS = frozenset("""
people persons person individuals individual civilians civilian humans human dead deaths death
casualties casualty fatalities fatality victims victim wounded injured missing
""".split())


def person_role(word: str) -> str:
    """The role a people noun names ("soldiers" -> "soldier"), "" for generic ones ("people", "Ukrainians")."""
    w = word.lower().strip("'’")
    if w in GENERIC_PERSON_NOUNS or _DEMONYM.match(word.strip("'’")) or w not in PERSON_NOUNS:
        return ""
    return noun_singular(w)


def noun_singular(word: str) -> str:
    """Singular of a noun, lower case, without merging people words ("soldiers" -> "soldier")."""
    w = word.lower().strip("'’")
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if len(w) <= 3 or not w.endswith("s") or w.endswith(("ss", "us", "is")):
        return w
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "xes", "sses", "zzes")):
        return w[:-2]
    return w[:-1]


#: Units of elapsed time and calendar position: context in most stories
#: ("for 15 years", "in 2006"), rarely the figure sources dispute.
TIME_UNITS = frozenset("""
second minute hour day week month year decade century s min h yr
""".split())
