"""The master regular expression of the date extractor and the word lists
its matches are checked against.

One compiled pattern scans a whole article body in a single pass.  Each
alternative ("branch") recognises one kind of date *atom* -- a single date
expression such as "Jan. 5, 2024", "late December", "last Saturday" or
"2006" -- and has its own named groups, prefixed with the branch letter so
that :mod:`analysis.extract.dates.extractor` can tell which branch fired.  Ranges ("between
late December and late February") are built afterwards by joining
neighbouring atoms, which keeps every branch short and bounded.

Why it cannot backtrack catastrophically: no quantified group contains
another quantifier over the same characters; every repetition is a run of
white space or a fixed word list, and every branch is bounded in length
(at most a few words), so a failed attempt at one position costs a constant
amount of work whatever follows.

Case: month and weekday names must be Title-case or UPPER-case ("may" and
"march" in lower case are a verb and a noun); the small function words
around them ("last", "early", "this") accept any case.
"""

from __future__ import annotations

import re

FULL_MONTHS = ("January", "February", "March", "April", "May", "June", "July",
                "August", "September", "October", "November", "December")
# Abbreviations only count next to a day or a year ("Jan. 5", "Sept 2023").
ABBR_MONTHS = ("Sept", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep",
                "Oct", "Nov", "Dec")
FULL_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                  "Saturday", "Sunday")
ABBR_WEEKDAYS = ("Thurs", "Tues", "Thur", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _title_or_upper(words: tuple[str, ...]) -> str:
    return "|".join(w for word in words for w in (word, word.upper()))


MONTH_FULL = rf"(?:{_title_or_upper(FULL_MONTHS)})\b"
MONTH_ABBR = rf"(?:{_title_or_upper(ABBR_MONTHS)})\b\.?"
# Full names first so "January" is never read as "Jan" + "uary".
MONTH_ANY = rf"(?:{MONTH_FULL}|{MONTH_ABBR})"
WEEKDAY_FULL = rf"(?:{_title_or_upper(FULL_WEEKDAYS)})\b"
WEEKDAY_ANY = rf"(?:{WEEKDAY_FULL}|(?:{_title_or_upper(ABBR_WEEKDAYS)})\b\.?)"

DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
DAY_ORD = r"(?:3[01]|[12]\d|[1-9])(?:st|nd|rd|th)"
# Years a date can carry: 1700-2199 (pandas' nanosecond timestamps end in 2262).
YEAR = r"(?:1[7-9]\d\d|2[01]\d\d)(?!\d)"
# After a day: "Jan. 5" must not be the start of "Jan. 5,000" or "Jan. 5:30".
_DAY_END = r"(?!\d|[.,:]\d)"
_SEP = r"(?:\s*-\s*|\s+)"           # "mid-January", "mid January"
_DAY_RANGE = r"\s*(?:[-–/]|to)\s*"  # "January 2-5", "2 to 5 January", "8/9 January"

PART = r"(?i:early|mid|middle|late|the\s+(?:start|beginning|middle|end)\s+of|(?:start|beginning|middle|end)\s+of)"
PART_REL = r"(?i:earlier|later|early|mid|late|the\s+(?:start|beginning|middle|end)\s+of|(?:start|beginning|middle|end)\s+of)"
REL = r"(?i:last|this|next)"
NUMBER_WORD = (r"(?i:a\s+couple\s+of|a|an|one|two|three|four|five|six|seven|eight|nine|ten|"
               r"eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty)")

UNIT_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
TENS_WORDS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
              "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
ORDINAL_WORD = (r"(?i:first|second|third|fourth|fifth|final|last|1st|2nd|3rd|4th|5th)")
# Month abbreviations inside all-numeric-style dates ("9.oct.2031", "09-OCT-2031"): any case.
MONTH_GLUED = r"(?i:jan|feb|mar|apr|may|jun|jul|aug|sept|sep|oct|nov|dec)"
# Ordinal century words ("the twentieth century").
CENTURY_WORD = (r"(?i:eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|"
                r"nineteenth|twentieth|twenty[-\s]first|twenty[-\s]second)")
DECADE_WORD = r"(?i:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties|noughties)"
_NUM_END = r"(?![\d/]|[.-]\d)"   # a numeric date is not followed by more digits: "1.2.3.4"

BRANCHES: tuple[tuple[str, str], ...] = (
    # ISO 8601 dates, also inside timestamps ("2024-01-05T09:14").
    ("iso", rf"(?<![\d-])(?P<iso_y>{YEAR})-(?P<iso_m>0[1-9]|1[0-2])-(?P<iso_d>0[1-9]|[12]\d|3[01])(?!\d)"),
    # Numeric dates with the year first or last ("2025/05/30", "2015.08.12", "27.09.2022",
    # "21/04/16", "9-18-15") and a glued month abbreviation ("9.oct.2031", "09-OCT-2031").
    # Which number is the day is decided in date_atoms (docs/dates.md, "Numeric dates").
    ("n", rf"(?<![\w./-])(?:(?P<n_y>{YEAR})(?P<n_s1>[./])(?P<n_m>0?[1-9]|1[0-2])(?P=n_s1)(?P<n_d>0?[1-9]|[12]\d|3[01])"
          rf"|(?P<n_a>\d\d?)(?:(?P<n_s2>[.-])(?P<n_b>\d\d?)(?P=n_s2)(?P<n_y2>{YEAR})|/(?P<n_b2>\d\d?)/(?P<n_y3>{YEAR}|\d\d(?!\d)))"
          rf"|(?P<n_mm>0?[1-9]|1[0-2])/(?P<n_my>{YEAR})(?![\w%/])"
          rf"|(?P<n_gd>\d\d?)(?P<n_s3>[./-])(?P<n_gm>{MONTH_GLUED})\.?(?P=n_s3)?(?P<n_gy>{YEAR}|\d\d(?!\d))){_NUM_END}"),
    # Month before day: "Jan. 5, 2024", "Wednesday, January 3", "Sept. 13", "January 2-5".
    ("b", rf"(?:(?P<b_wd>{WEEKDAY_ANY}),?\s+)?(?P<b_m>{MONTH_ANY})\s*(?P<b_d>{DAY})"
          rf"(?:{_DAY_RANGE}(?P<b_d2>{DAY}))?{_DAY_END}(?:,?\s+(?P<b_y>{YEAR}))?"),
    # Day before month: "5 January 2024", "5th of January", "Fri 5 Jan 2024", "2-5 January".
    ("c", rf"(?:(?P<c_wd>{WEEKDAY_ANY}),?\s+)?(?<![\d.,/])(?P<c_d>{DAY})(?:{_DAY_RANGE}(?P<c_d2>{DAY}))?"
          rf"\s+(?:of\s+)?(?P<c_m>{MONTH_ANY})(?:,?\s+(?P<c_y>{YEAR}))?"),
    # Month, maybe with a part (two parts sharing the month: "early and mid-April"),
# a relative word, a year or "this/last year":
    # "March 2023", "late December", "last September", "January this year".
    ("e", rf"(?:(?:(?P<e_pa>{PART})\s+(?i:and|to|or)\s+)?(?P<e_pm>{PART}){_SEP})?(?:(?P<e_rel>{REL})\s+)?"
          rf"(?P<e_m>{MONTH_FULL}|{MONTH_ABBR}(?=,?\s+(?:of\s+)?{YEAR}))"
          rf"(?:,?\s+(?:of\s+)?(?P<e_y>{YEAR})|\s+(?:of\s+)?(?P<e_yr>{REL})\s+(?i:year)\b)?"),
    # Part of a year: "mid-2023", "early 2005", "the end of 2004", "the end of the year".
    ("f", rf"(?P<f_pm>{PART_REL}){_SEP}(?:(?P<f_y>{YEAR})(?![\w%]|[.,]\d)|(?P<f_the>(?i:the))\s+(?i:year)\b)"),
    # Decades: "the 1990s", "mid-1990s".
    ("g", rf"(?:(?P<g_pm>{PART}){_SEP})?(?<![\d.,])(?P<g_dec>(?:1[7-9]|20)\d0)['’]?s\b"
          rf"|(?i:the)\s+(?:(?P<g_pm2>{PART}){_SEP})?(?:['’](?P<g_short>\d0)s\b|(?P<g_word>{DECADE_WORD})\b)"
          # Centuries 17th-22nd (pandas' timestamps start in 1677): "the 19th century", "the twentieth century".
          rf"|(?:(?i:the)\s+)?(?:(?P<g_cn>1[7-9]|2[0-2])(?:st|nd|rd|th)|(?P<g_cw>{CENTURY_WORD}))[-\s]+(?i:century)\b"
          rf"|(?P<g_rel>{REL})\s+(?P<g_u>(?i:decade|century))\b"),
    # Seasons: "spring 2023", "last summer", "the winter of 2022-23".
    ("h", rf"(?:(?P<h_pm>{PART}){_SEP})?(?:(?P<h_rel>{REL})\s+)?(?P<h_s>(?i:spring|summer|autumn|fall|winter))\b"
          rf"(?:,?\s+(?:of\s+)?(?P<h_y>{YEAR})(?:[-–/](?P<h_y2>\d\d)(?!\d))?|\s+(?P<h_yr>{REL})\s+(?i:year)\b)?"),
    # Quarters and halves: "the first quarter of 2023", "the second half of last year", "Q1 2024",
    # "the third quarter", "third-quarter", "the fiscal first quarter", "the 1988 second quarter",
    # "this year's third quarter"; fiscal years: "fiscal 1998", "FY2024".
    ("q", rf"(?:(?P<q_det>(?i:the|its|their|a|(?:this|last|next)\s+year['’]s|the\s+(?:year[-\s](?:ago|earlier)|(?P<q_dy>{YEAR}))))\s+)?"
          rf"(?:(?i:fiscal)[-\s]+)?(?P<q_ord>(?i:first|second|third|fourth|final|last|1st|2nd|3rd|4th))[-\s]+(?:(?i:fiscal)[-\s]+)?"
          rf"(?P<q_kind>(?i:quarter|half))\b(?:\s+(?:of\s+)?(?:(?i:fiscal)\s+(?:(?i:year)\s+)?)?(?:(?P<q_y>{YEAR})|(?P<q_yr>(?i:this|last|next|the))\s+(?i:year)\b))?"
          rf"|(?<!\w)(?P<q_code>[QH][1-4])\s*(?P<q_y2>{YEAR})"
          rf"|(?<!\w)(?P<q_fy>(?i:fiscal)(?:\s+(?i:year))?\s+|FY\s?['’]?)(?P<q_fyy>{YEAR}|(?<=FY)\d\d(?!\d)|(?<=FY['’])\d\d(?!\d))(?![\w%]|[.,]\d)"),
    # A quarter named by its place in the text: "the quarter", "the latest quarter", "the
    # year-ago quarter", "the year-earlier period", "last year's quarter".
    ("r", r"(?P<r_det>(?i:the|this|that|its|last|next|last\s+year['’]s|(?:the|its)\s+(?:latest|current|most\s+recent|recent|"
          r"previous|same|(?:comparable\s+)?year[-\s](?:ago|earlier))))\s+(?P<r_u>(?i:quarter|period))\b"),
    # Words relative to the day of publication.
    ("k", r"(?P<k_da>(?i:the\s+day\s+(?:before\s+yesterday|after\s+tomorrow)))\b|(?P<k_w>(?i:yesterday|today|tonight|tomorrow))\b(?:\s+(?P<k_tod>(?i:morning|afternoon|evening|night))\b)?"
          r"|(?P<k_ln>(?i:last\s+night|this\s+(?:morning|afternoon|evening)))\b"),
    # The current period by name: "the current year", "the full year", "the current fiscal
    # year", "current week", "the coming week", "year-end", "by year's end".
    ("x", r"(?:(?i:the)\s+)?(?P<x_w>(?i:current|full|coming))\s+(?:(?i:fiscal)\s+)?(?P<x_u>(?i:week|month|year))\b"
          r"|(?<![\w-])(?P<x_end>(?i:year[-\s]end|year['’]s\s+end))\b"),
    # Years said in words, as transcripts write them: "nineteen ninety-six", "the year two thousand".
    ("s", rf"(?P<s_c>(?i:nineteen))[-\s]+(?P<s_t>(?i:{'|'.join(TENS_WORDS)}))(?:[-\s]+(?P<s_o>(?i:{'|'.join(UNIT_WORDS)}))\b)?\b"
          rf"|(?:(?i:the\s+year)\s+)?(?P<s_2k>(?i:two\s+thousand))(?:\s+(?i:and)\s+(?P<s_2o>(?i:{'|'.join(UNIT_WORDS)}))\b)?\b(?!\s+(?i:and\s+)?(?:[a-z]+teen|twenty|thirty|hundred))"),
    # The n-th week of a month or year: "the first week of July", "the last week of 2015".
    ("w", rf"(?:(?i:the)\s+)?(?P<w_ord>{ORDINAL_WORD})\s+(?i:week)\s+(?i:of|in)\s+(?:(?P<w_m>{MONTH_FULL}|{MONTH_ABBR})(?:,?\s+(?P<w_my>{YEAR}))?"
          rf"|(?P<w_y>{YEAR})|(?P<w_rel>{REL})\s+(?P<w_u>(?i:month|year))\b)"
          # the week holding a day: "the week of March 6", "the week beginning 4 February", "the week of the 18th"
          rf"|(?:(?i:the)\s+)?(?i:week)\s+(?i:of|commencing|starting|beginning)(?:\s+(?i:on))?\s+(?:(?P<w_om>{MONTH_ANY})\s*(?P<w_od>{DAY})"
          rf"|(?P<w_od2>{DAY})\s+(?:of\s+)?(?P<w_om2>{MONTH_ANY})|(?i:the)\s+(?P<w_od3>{DAY_ORD})){_DAY_END}(?:,?\s+(?P<w_oy>{YEAR}))?"
          # the n-th weekday of a month: "the first Friday of July", "the second Monday of next month"
          rf"|(?:(?i:the)\s+)?(?P<w_nth>{ORDINAL_WORD})\s+(?P<w_wd>{WEEKDAY_FULL})\s+(?i:of|in)\s+(?:(?P<w_wm>{MONTH_FULL}|{MONTH_ABBR})(?:,?\s+(?P<w_wy>{YEAR}))?"
          rf"|(?P<w_wrel>(?i:this|last|next|previous))\s+(?i:month)\b)"),
    # Relative periods: "last week", "earlier this month", "late last year", "the end of the month".
    ("l", rf"(?:(?P<l_pm>{PART_REL}){_SEP})?(?P<l_rel>(?i:this|last|next|the))\s+(?P<l_u>(?i:week|weekend|month|year))\b"),
    # Weekdays: "Wednesday", "last Saturday", "Thursday night".
    ("m", rf"(?:(?P<m_rel>{REL})\s+)?(?P<m_wd>{WEEKDAY_FULL})(?:,?\s+(?i:the)\s+(?P<m_dom>{DAY_ORD})\b"
          rf"|\s+(?:(?i:of)\s+)?(?P<m_wk>(?i:this|next|last))\s+(?i:week)\b|\s+(?P<m_tod>morning|afternoon|evening|night)\b)?"),
    # A day of the month alone: "on the 9th", "by the 30th".
    ("t", rf"(?i:the)\s+(?P<t_d>{DAY_ORD})\b(?:\s+(?i:of)\s+(?P<t_rel>(?i:this|next|last))\s+(?i:month)\b)?"),
    # "two days ago", "a year ago".
    ("o", rf"(?P<o_n>{NUMBER_WORD}|\d{{1,2}})\s+(?P<o_u>(?i:day|week|month|year))s?\s+(?i:ago)\b"),
    # Dates relative to another date of the text: "two days later", "a day after the blast",
    # "the day before", "the following week", "the same month".
    ("v", rf"(?P<v_n>{NUMBER_WORD}|\d{{1,2}}|(?i:the))\s+(?P<v_u>(?i:day|week|month|year))s?\s+(?P<v_dir>(?i:before|after|later|earlier|from))\b"
          rf"|(?P<v_rel>(?i:the\s+(?:next|following|previous|preceding|same)|that(?:\s+same)?))\s+(?P<v_u2>(?i:day|week|month|year|morning|afternoon|evening|night))\b(?!['’]s)"),
    # Bare years and year ranges: "2006", "2003-04", "1998-2000".  Last, so
    # every longer reading starting at the same place wins.
    ("y", rf"(?<![\w$£€¥#.,/:-])(?P<y_y>{YEAR})(?:[-–/](?P<y_y2>{YEAR}|\d\d?(?!\d)))?(?![\w%]|[.,]\d|\s%|[-–]\w)"),
)

MASTER = re.compile("|".join(f"(?P<{name}>{body})" for name, body in BRANCHES))

# A future cue in the same clause flips a year-less date forward
# ("We will raise this in the January 10 briefing").
FUTURE_CUE = re.compile(
    r"\b(?:will|shall|won['’]t|(?:is|are)\s+(?:due|scheduled|set|expected|going|planned|poised|to)\b"
    r"|(?:has|have)\s+scheduled|scheduled\s+(?:for|to)|(?:postponed|extended|delayed|deadline)\s+(?:\w+\s+){0,3}?until|upcoming|forthcoming|plans?\s+to|planning\s+to|intends?\s+to|expects?"
    r"|planned\s+to|set\s+to|as\s+(?:soon|early)\s+as)\b"
    r"|['’]ll\b",
    re.IGNORECASE,
)
# Words that open a new clause between a cue and a date: the cue then
# belongs to another verb ("said in January that it will ...").
CLAUSE_BREAK = re.compile(r"\b(?:that|which|who|said|says|saying|told|but|because|when|after|before)\b|[;:()\"“”]",
                          re.IGNORECASE)

# --- word lists for checking matches in context ------------------------------------

# Words before a bare month name ("in October") that make it a date.
MONTH_PREPOSITIONS = frozenset("""
in on since by until till through throughout from to during before after between and or of
for around about circa late early mid the as last next this every each a an its their his her
our than come
""".split()) - {"every", "each"}
# "May" is also a modal verb and a surname: only trust it after these.
MAY_PREPOSITIONS = frozenset("in since by until till through throughout from during before after between of a an".split())
# Nouns after a bare month that make it a date ("an expected May election").
EVENT_NOUNS = frozenset("""
election elections poll polls vote referendum summit meeting meetings talks deadline budget launch
release figures data survey conference congress session visit trip deal agreement
""".split())
# Words before a bare season ("in the summer").
SEASON_PREPOSITIONS = frozenset("in during over through throughout by until till since before after".split())
# "over the weekend", "at the weekend".
WEEKEND_PREPOSITIONS = frozenset("over at during on by for until since before after".split())
# Old (1700-1899) and far-future (2100+) bare numbers are years only after these.
YEAR_PREPOSITIONS = frozenset("""
in since from until till by before after during of circa c year between and to around
early late mid
""".split())
# A four-digit number after these is an identifier or a quantity, not a year.
NOT_YEAR_BEFORE = frozenset("""
no nos number numbers num resolution resolutions flight flights route routes bus room rooms
article articles section sections page pages chapter chapters model models version type code
codes rule rules line lines platform gate seat row vol volume issue channel suite unit apt
ext tel phone fax dial pin id serial batch lot exit highway interstate hwy paragraph para
""".split())
# A four-digit number before these is a measure or a count.
NOT_YEAR_AFTER = frozenset("""
people persons men women children kids troops soldiers police officers workers employees staff
jobs members residents students pupils fans voters votes seats homes houses cars vehicles
km kms kilometres kilometers kilometre kilometer miles mile metres meters metre meter m mm cm ft
feet foot yards yard kg kilograms kilogram tonnes tonne tons ton lbs lb pounds dollars euros
barrels acres hectares calories hrs hours gmt bst utc est edt cet cest pst local mph kph km/h
points pts shares copies words pages rounds missiles rockets shells containers sq square mhz ghz
mw gw kw mb gb tb cc rpm bhp hp degrees times units items cases deaths patients refugees
""".split())
# Weekday names inside other names: "Good Friday", "the Sunday Times".
NOT_WEEKDAY_BEFORE = frozenset("good black super bloody ash holy palm easter cyber whit shrove maundy giving".split())
# Compared case-sensitively: "Saturday Night" is a show, "Saturday night" a date.
NOT_WEEKDAY_AFTER = frozenset("""
Times Telegraph Mirror Express Herald Post Mail Independent Sport People Star Tribune
Agreement League Club School Night Live Service Observer Record Sun Business Review
""".split())

# --- words for the newer date families (docs/dates.md) -------------------------------

# Two-digit years: below the pivot 20xx, from it on 19xx ("21/04/16" is 2016, "FY98" 1998).
TWO_DIGIT_PIVOT = 50
# Words that may follow "the 9th" when it names a day of the month ("on the 9th at noon");
# any other word makes it an ordinal of something else ("the 5th Fleet", "the 13th floor").
DAY_OF_MONTH_FOLLOWERS = frozenset("""
and or to at in on when before after until till through but as from by while with this last
""".split())
# Decade words, read in the 1900s ("the seventies") or 2000s ("the noughties").
DECADE_WORDS = {"twenties": 1920, "thirties": 1930, "forties": 1940, "fifties": 1950, "sixties": 1960,
                "seventies": 1970, "eighties": 1980, "nineties": 1990, "noughties": 2000}
# Ordinal words of centuries and weeks.
ORDINAL_NUMBERS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "eleventh": 11,
                   "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
                   "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
                   "twenty first": 21, "twenty second": 22}
# Before "the next year", "the following week": a duration, not a date.
DURATION_BEFORE = frozenset("over for within throughout through during".split())
# After a year-less "third quarter" / "the quarter": a quarter of something other than a year.
NOT_QUARTER_AFTER = frozenset("""
mile miles century inch inches hour hours pound pounds final finals finalist finalists pipe back
""".split())
# After "the day before" / "a week after": the event is the one just told, so the
# date just named is the anchor ("the day before this photo was taken").
EVENT_PRONOUNS = frozenset("this that these those it he she they we i you".split())
