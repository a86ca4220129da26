"""Word lists about places: countries, capitals, demonyms and country aliases.

Used by :mod:`analysis.sources.speakers` (a country or capital speaking stands for
its government; a demonym or a place word never belongs to a person's name)
and :mod:`analysis.sources.coreference` (one canonical name per country across a
corpus: "Moscow", "the Kremlin's capital" and "Russia" are one speaker only
where the metonymy is standard English news usage — capital for country).
General English, no topic: every country, not one region's.
"""

from __future__ import annotations

#: Country names as English news writes them (lower case).
COUNTRIES = frozenset(w.lower() for w in """
afghanistan albania algeria andorra angola argentina armenia australia austria azerbaijan bahrain bangladesh
barbados belarus belgium belize benin bhutan bolivia bosnia botswana brazil brunei bulgaria burundi cambodia
cameroon canada chad chile china colombia comoros congo croatia cuba cyprus czechia denmark djibouti dominica
ecuador egypt eritrea estonia eswatini ethiopia fiji finland france gabon gambia georgia germany ghana greece
grenada guatemala guinea guyana haiti honduras hungary iceland india indonesia iran iraq ireland israel italy
jamaica japan jordan kazakhstan kenya kiribati kosovo kuwait kyrgyzstan laos latvia lebanon lesotho liberia
libya liechtenstein lithuania luxembourg madagascar malawi malaysia maldives mali malta mauritania mauritius
mexico micronesia moldova monaco mongolia montenegro morocco mozambique myanmar namibia nauru nepal
netherlands nicaragua niger nigeria norway oman pakistan palau palestine panama paraguay peru philippines
poland portugal qatar romania russia rwanda samoa senegal serbia seychelles singapore slovakia slovenia
somalia spain sudan suriname sweden switzerland syria taiwan tajikistan tanzania thailand togo tonga
tunisia turkey turkmenistan tuvalu uganda ukraine uruguay uzbekistan vanuatu venezuela vietnam yemen zambia
zimbabwe
""".split()) | frozenset({
    "north korea", "south korea", "united states", "united kingdom", "saudi arabia", "new zealand",
    "south africa", "south sudan", "czech republic", "sri lanka", "costa rica", "el salvador", "sierra leone",
    "ivory coast", "burkina faso", "north macedonia", "east timor", "papua new guinea", "united arab emirates",
    "dominican republic", "central african republic", "equatorial guinea", "cape verde", "gaza", "west bank",
    "great britain", "britain", "america", "the netherlands",
})

#: Other names of a country, lower case -> the canonical name.
COUNTRY_ALIASES = {
    "us": "United States", "u.s.": "United States", "usa": "United States", "u.s.a.": "United States",
    "america": "United States", "the united states": "United States", "the us": "United States",
    "the u.s.": "United States", "united states": "United States", "united states of america": "United States",
    "uk": "United Kingdom", "u.k.": "United Kingdom", "britain": "United Kingdom", "great britain": "United Kingdom",
    "the uk": "United Kingdom", "the u.k.": "United Kingdom", "united kingdom": "United Kingdom",
    "dprk": "North Korea", "d.p.r.k.": "North Korea", "n. korea": "North Korea", "north korea": "North Korea",
    "democratic people's republic of korea": "North Korea", "rok": "South Korea", "s. korea": "South Korea",
    "south korea": "South Korea", "republic of korea": "South Korea", "prc": "China",
    "people's republic of china": "China", "russian federation": "Russia", "uae": "United Arab Emirates",
    "czech republic": "Czechia", "the netherlands": "Netherlands", "holland": "Netherlands",
    "ivory coast": "Côte d'Ivoire", "burma": "Myanmar", "persia": "Iran",
}

#: Capital cities (lower case) -> the country whose government they stand for as a speaker.
CAPITALS = {
    "washington": "United States", "moscow": "Russia", "pyongyang": "North Korea", "seoul": "South Korea",
    "kyiv": "Ukraine", "kiev": "Ukraine", "beijing": "China", "tokyo": "Japan", "london": "United Kingdom",
    "paris": "France", "berlin": "Germany", "brussels": "Belgium", "tehran": "Iran", "new delhi": "India",
    "delhi": "India", "ankara": "Turkey", "warsaw": "Poland", "minsk": "Belarus", "taipei": "Taiwan",
    "jerusalem": "Israel", "cairo": "Egypt", "riyadh": "Saudi Arabia", "canberra": "Australia",
    "ottawa": "Canada", "rome": "Italy", "madrid": "Spain", "damascus": "Syria", "baghdad": "Iraq",
    "kabul": "Afghanistan", "islamabad": "Pakistan", "doha": "Qatar", "amman": "Jordan", "beirut": "Lebanon",
    "oslo": "Norway", "stockholm": "Sweden", "copenhagen": "Denmark", "helsinki": "Finland",
    "vilnius": "Lithuania", "riga": "Latvia", "tallinn": "Estonia", "budapest": "Hungary", "prague": "Czechia",
    "vienna": "Austria", "bern": "Switzerland", "the hague": "Netherlands", "athens": "Greece",
    "lisbon": "Portugal", "dublin": "Ireland", "bucharest": "Romania", "sofia": "Bulgaria",
    "belgrade": "Serbia", "zagreb": "Croatia", "tbilisi": "Georgia", "yerevan": "Armenia", "baku": "Azerbaijan",
    "chisinau": "Moldova", "havana": "Cuba", "caracas": "Venezuela", "mexico city": "Mexico",
    "brasilia": "Brazil", "buenos aires": "Argentina", "pretoria": "South Africa", "nairobi": "Kenya",
    "abuja": "Nigeria", "addis ababa": "Ethiopia", "khartoum": "Sudan", "tripoli": "Libya", "tunis": "Tunisia",
    "algiers": "Algeria", "rabat": "Morocco", "hanoi": "Vietnam", "bangkok": "Thailand", "jakarta": "Indonesia",
    "manila": "Philippines", "kuala lumpur": "Malaysia", "singapore": "Singapore", "dhaka": "Bangladesh",
    "colombo": "Sri Lanka", "kathmandu": "Nepal", "ulaanbaatar": "Mongolia", "astana": "Kazakhstan",
    "tashkent": "Uzbekistan", "wellington": "New Zealand", "sanaa": "Yemen", "muscat": "Oman",
    "abu dhabi": "United Arab Emirates", "kuwait city": "Kuwait", "manama": "Bahrain",
}

#: Nationality and people adjectives (lower case): never part of a person's name.
DEMONYMS = frozenset("""
afghan albanian algerian american andorran angolan argentine argentinian armenian australian austrian
azerbaijani azeri bahraini bangladeshi belarusian belgian beninese bolivian bosnian brazilian british
bruneian bulgarian burmese burundian cambodian cameroonian canadian chadian chilean chinese colombian
congolese croatian cuban cypriot czech danish dutch ecuadorian egyptian emirati english eritrean estonian
ethiopian european fijian filipino finnish french gabonese gambian georgian german ghanaian greek
guatemalan guinean haitian honduran hungarian icelandic indian indonesian iranian iraqi irish israeli
italian ivorian jamaican japanese jordanian kazakh kenyan korean kosovan kuwaiti kyrgyz lao laotian
latvian lebanese liberian libyan lithuanian luxembourgish macedonian malagasy malawian malaysian maldivian
malian maltese mauritanian mexican moldovan mongolian montenegrin moroccan mozambican namibian nepalese
nepali nicaraguan nigerian nigerien norwegian omani pakistani palestinian panamanian paraguayan persian
peruvian polish portuguese qatari romanian russian rwandan saudi scottish senegalese serbian singaporean
slovak slovakian slovenian somali spanish sudanese swedish swiss syrian taiwanese tajik tanzanian thai
togolese tunisian turkish turkmen ugandan ukrainian uruguayan uzbek venezuelan vietnamese welsh western
eastern yemeni zambian zimbabwean arab arabic african asian latin nordic baltic balkan soviet
""".split())


def demonym_forms(word: str) -> bool:
    """Is ``word`` (any case) a demonym or its plural ("Russians", "Koreans")?

    Examples
    --------
    >>> demonym_forms("Ukrainians"), demonym_forms("Brian")
    (True, False)
    """
    w = word.lower()
    return w in DEMONYMS or (w.endswith("s") and w[:-1] in DEMONYMS)
