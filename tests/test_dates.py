"""Tests for analysis.extract_dates: the hand-checked seed table, edge cases,
non-dates, missing publication dates, properties and linear cost."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import analysis
from analysis.extract.dates.extractor import COLUMNS, extract_dates

from .conftest import article_frame

FIXTURE = Path(__file__).parent / "fixtures" / "seed_dates.csv"


def dates_of(body: str, published: str | None = "2024-05-30") -> list[tuple]:
    """(surface, date, date_end, precision, relative) rows of one body, dates as ISO strings."""
    frame = extract_dates(article_frame(body, published=published))
    return [
        (r.surface, _iso(r.date), _iso(r.date_end), r.precision, bool(r.relative))
        for r in frame.itertuples()
    ]


def _iso(value) -> str:
    return "" if pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d")


# --- the five seeds, row by row ---------------------------------------------------------

def test_seed_dates_match_hand_checked_table(seed_articles):
    got = extract_dates(seed_articles)
    with FIXTURE.open(newline="", encoding="utf-8") as fh:
        expected = list(csv.DictReader(fh))
    rows = [
        {"article_id": r.article_id, "sentence_id": str(r.sentence_id), "start": str(r.start),
         "end": str(r.end), "surface": r.surface, "date": _iso(r.date), "date_end": _iso(r.date_end),
         "precision": r.precision, "relative": str(bool(r.relative))}
        for r in got.itertuples()
    ]
    assert len(rows) == len(expected) == 39
    for row, want in zip(rows, expected):
        assert row == want


def test_seed_spans_index_the_body(seed_articles):
    got = extract_dates(seed_articles)
    bodies = seed_articles.set_index("article_id")["body"]
    for r in got.itertuples():
        assert bodies[r.article_id][r.start:r.end] == r.surface


def test_seed_sentence_ids_agree_with_sentences(seed_articles):
    got = extract_dates(seed_articles)
    sents = analysis.sentences(seed_articles).set_index(["article_id", "sentence_id"])
    for r in got.itertuples():
        s = sents.loc[(r.article_id, r.sentence_id)]
        assert s.start <= r.start and r.end <= s.end


# --- edge cases, published Thursday 30 May 2024 unless stated ------------------------------

CASES = [
    ("It began on January 2.", [("January 2", "2024-01-02", "", "day", True)]),
    ("Jan. 2 was cold.", [("Jan. 2", "2024-01-02", "", "day", True)]),
    ("It began on 2 January 2023.", [("2 January 2023", "2023-01-02", "", "day", False)]),
    ("the 5th of March 2021 was", [("5th of March 2021", "2021-03-05", "", "day", False)]),
    ("the Sept. 13 summit", [("Sept. 13", "2023-09-13", "", "day", True)]),
    ("In March 2023, the North fired.", [("March 2023", "2023-03-01", "2023-03-31", "month", False)]),
    ("sanctions imposed in 2006.", [("2006", "2006-01-01", "2006-12-31", "year", False)]),
    ("Putin last visited Pyongyang in 2000, just", [("2000", "2000-01-01", "2000-12-31", "year", False)]),
    ("launched in late December.", [("late December", "2023-12-21", "2023-12-31", "part_of_month", True)]),
    ("in mid-January", [("mid-January", "2024-01-11", "2024-01-20", "part_of_month", True)]),
    ("early this month", [("early this month", "2024-05-01", "2024-05-10", "part_of_month", True)]),
    ("by mid-2023", [("mid-2023", "2023-05-01", "2023-08-31", "season", False)]),
    ("by the end of 2005", [("the end of 2005", "2005-10-01", "2005-12-31", "season", False)]),
    ("a report on Wednesday", [("Wednesday", "2024-05-29", "", "day", True)]),
    ("a US official said Thursday", [("Thursday", "2024-05-30", "", "day", True)]),
    ("one missile last Saturday", [("last Saturday", "2024-05-25", "", "day", True)]),
    ("they meet next Tuesday", [("next Tuesday", "2024-06-04", "", "day", True)]),
    ("He will speak on Monday.", [("Monday", "2024-06-03", "", "day", True)]),
    ("died on Friday night at home", [("Friday night", "2024-05-24", "", "day", True)]),
    ("denied it this month", [("this month", "2024-05-01", "2024-05-31", "month", True)]),
    ("visited last year", [("last year", "2023-01-01", "2023-12-31", "year", True)]),
    ("a summit last September", [("last September", "2023-09-01", "2023-09-30", "month", True)]),
    ("earlier this month", [("earlier this month", "2024-05-01", "2024-05-30", "part_of_month", True)]),
    ("later this year", [("later this year", "2024-05-30", "2024-12-31", "season", True)]),
    ("this year", [("this year", "2024-01-01", "2024-12-31", "year", True)]),
    ("late last year", [("late last year", "2023-09-01", "2023-12-31", "season", True)]),
    ("the end of the month", [("the end of the month", "2024-05-21", "2024-05-31", "part_of_month", True)]),
    ("last week", [("last week", "2024-05-20", "2024-05-26", "part_of_month", True)]),
    ("next week", [("next week", "2024-06-03", "2024-06-09", "part_of_month", True)]),
    ("over the weekend", [("the weekend", "2024-05-25", "2024-05-26", "day", True)]),
    ("yesterday and today, not tomorrow",
     [("yesterday", "2024-05-29", "", "day", True), ("today", "2024-05-30", "", "day", True),
      ("tomorrow", "2024-05-31", "", "day", True)]),
    ("two days ago", [("two days ago", "2024-05-28", "", "day", True)]),
    ("three months ago", [("three months ago", "2024-02-01", "2024-02-29", "month", True)]),
    ("debris found in January this year", [("January this year", "2024-01-01", "2024-01-31", "month", True)]),
    ("factories in August last year", [("August last year", "2023-08-01", "2023-08-31", "month", True)]),
    ("in June next year", [("June next year", "2025-06-01", "2025-06-30", "month", True)]),
    ("the 1990s boom", [("1990s", "1990-01-01", "1999-12-31", "year", False)]),
    ("in the mid-1990s", [("mid-1990s", "1994-01-01", "1996-12-31", "year", False)]),
    ("in spring 2023", [("spring 2023", "2023-03-01", "2023-05-31", "season", False)]),
    ("last summer", [("last summer", "2023-06-01", "2023-08-31", "season", True)]),
    ("the winter of 2022-23", [("winter of 2022-23", "2022-12-01", "2023-02-28", "season", False)]),
    ("in the first quarter of 2023", [("the first quarter of 2023", "2023-01-01", "2023-03-31", "season", False)]),
    ("Q3 2004 results", [("Q3 2004", "2004-07-01", "2004-09-30", "season", False)]),
    ("the 2003-04 season", [("2003-04", "2003-01-01", "2004-12-31", "year", False)]),
    ("the 2005-6 budget", [("2005-6", "2005-01-01", "2006-12-31", "year", False)]),
    ("from 1998 to 2001", [("from 1998 to 2001", "1998-01-01", "2001-12-31", "year", False)]),
    ("between 2003 and 2005", [("between 2003 and 2005", "2003-01-01", "2005-12-31", "year", False)]),
    ("between late December and late February",
     [("between late December and late February", "2023-12-21", "2024-02-29", "part_of_month", True)]),
    ("from March 2022 to June", [("from March 2022 to June", "2022-03-01", "2022-06-30", "month", False)]),
    ("from December to February 2024", [("from December to February 2024", "2023-12-01", "2024-02-29", "month", False)]),
    ("on January 2-5, 2024", [("January 2-5, 2024", "2024-01-02", "2024-01-05", "day", False)]),
    ("the weekend of 8/9 January", [("8/9 January", "2024-01-08", "2024-01-09", "day", True)]),
    ("Wednesday, January 3, 2024", [("Wednesday, January 3, 2024", "2024-01-03", "", "day", False)]),
    ("ISO stamp 2024-01-05T09:14:00Z", [("2024-01-05", "2024-01-05", "", "day", False)]),
    ("By YonhapPublished : Jan. 5, 2024 - 09:14\nText.", [("Jan. 5, 2024", "2024-01-05", "", "day", False)]),
    ("in 2004's final", [("2004", "2004-01-01", "2004-12-31", "year", False)]),
    ("Prices may rise in May.", [("May", "2024-05-01", "2024-05-31", "month", True)]),
    ("an expected May election", [("May", "2024-05-01", "2024-05-31", "month", True)]),
    ("the Bank of Japan's December survey", [("December", "2023-12-01", "2023-12-31", "month", True)]),
    ("in January, February and March",
     [("January", "2024-01-01", "2024-01-31", "month", True),
      ("February", "2024-02-01", "2024-02-29", "month", True),
      ("March", "2024-03-01", "2024-03-31", "month", True)]),
]


@pytest.mark.parametrize("body,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_edge_case(body, expected):
    assert dates_of(body) == expected


def test_month_without_year_is_most_recent_not_after_published():
    assert dates_of("In October, the White House revealed it.", "2024-01-05") == [
        ("October", "2023-10-01", "2023-10-31", "month", True)]
    assert dates_of("debris found in January", "2024-05-30") == [
        ("January", "2024-01-01", "2024-01-31", "month", True)]
    assert dates_of("The talks were held in June.")[0][1] == "2023-06-01"


def test_future_cue_turns_year_less_dates_forward():
    assert dates_of("We will raise this issue in the January 10 Security Council briefing.", "2024-01-05") == [
        ("January 10", "2024-01-10", "", "day", True)]
    assert dates_of("The summit will be held in June.")[0][1] == "2024-06-01"
    assert dates_of("In June, the summit is due to open.")[0][1] == "2024-06-01"
    # the cue belongs to another clause: "said in January that it will ..."
    assert dates_of("The Pentagon said in January that it will deploy troops.")[0][1] == "2024-01-01"


def test_weekday_in_a_date_picks_the_year():
    # 3 January 2025 is a Friday; 3 January 2024 a Wednesday
    assert dates_of("the vote on Friday, January 3", "2024-12-30") == [
        ("Friday, January 3", "2025-01-03", "", "day", True)]


def test_weekday_names_resolved_around_a_friday():
    # Yonhap, Friday 5 January 2024
    got = dates_of("said Thursday. One last Saturday and more on Tuesday.", "2024-01-05")
    assert [(s, d) for s, d, *_ in got] == [
        ("Thursday", "2024-01-04"), ("last Saturday", "2023-12-30"), ("Tuesday", "2024-01-02")]


@pytest.mark.parametrize("body", [
    "The panel had overseen sanctions for 15 years.",
    "more than 1,000 containers",
    "a range of 2000 km",
    "UN Security Council resolution 1718 bans it",
    "under resolution 2270 and No. 2005",
    "in the past several weeks, Pyongyang began",
    "Published at 09:14 local time",
    "It cost $2000 and 1999% more",
    "They may well go. It may rain.",
    "Theresa May said so. Brian May agreed.",
    "the Sunday Times and the Mail on Sunday reported",
    "Good Friday Agreement",
    "Saturday Night Live",
    "over the last year and in the next week",
    "in recent months and in recent years",
    "the fall of Rome, the Arab Spring",
    "Ant & Dec and Jan Egeland",
    "the Hwasong-11 and KN-23 missiles, S-300 and F-2000",
    "at 1900 GMT",
    "a long march and the march to the sea",
    "1,1,1,1,1",
])
def test_not_dates(body):
    # no calendar date; "recent years" is only a reference to the past (tested below)
    assert [r for r in dates_of(body) if r[3] not in ("present", "past", "future")] == []


def test_references_to_the_present_past_and_future():
    rows = dates_of("Officials now say the plant is currently closed. It was recently damaged, as in the "
                    "past, and in recent years repairs stalled; the future is unclear.")
    assert [(r[0], r[1], r[3], r[4]) for r in rows] == [
        ("now", "", "present", True), ("currently", "", "present", True), ("recently", "", "past", True),
        ("the past", "", "past", True), ("recent years", "", "past", True), ("the future", "", "future", True)]
    # a span after the phrase makes it a period, and a date mention covering it wins
    assert all(r[3] != "past" for r in dates_of("Prices rose in the past four years."))
    assert [r[0] for r in dates_of("The now-defunct firm and the nowhere man; it is known.")] == []
    assert [r[3] for r in dates_of("Right now, sales are up.")] == ["present"]


def test_unknown_publication_date_leaves_relative_dates_unresolved():
    got = dates_of("Kim visited Russia last year and on Wednesday; sanctions date from 2006 and Jan. 5, 2024.",
                   published=None)
    assert got == [
        ("last year", "", "", "year", True),
        ("Wednesday", "", "", "day", True),
        ("2006", "2006-01-01", "2006-12-31", "year", False),
        ("Jan. 5, 2024", "2024-01-05", "", "day", False),
    ]


def test_range_with_unknown_publication_date():
    assert dates_of("between late December and late February", published=None) == [
        ("between late December and late February", "", "", "part_of_month", True)]
    assert dates_of("from March 2022 to June", published=None) == [
        ("from March 2022 to June", "2022-03-01", "2022-06-30", "month", False)]


def test_sentence_ids_and_offsets():
    body = "First sentence. Kim came on Jan. 5, 2024.\nSecond paragraph in 2006."
    frame = extract_dates(article_frame(body))
    assert frame["sentence_id"].tolist() == [1, 2]
    assert [body[s:e] for s, e in zip(frame["start"], frame["end"])] == ["Jan. 5, 2024", "2006"]


def test_output_columns_and_types_even_when_empty():
    frame = extract_dates(article_frame("No dates here at all.", ""))
    assert list(frame.columns) == COLUMNS and frame.empty
    assert str(frame["date"].dtype) == "datetime64[ns]"
    full = extract_dates(article_frame("On Jan. 5, 2024 and in 2006."))
    assert full.dtypes["date"] == "datetime64[ns]" and full.dtypes["relative"] == bool
    assert full.dtypes["start"] == "int64"


def test_bad_input_raises_clear_errors():
    with pytest.raises(TypeError, match="DataFrame"):
        extract_dates(["not", "a", "frame"])
    with pytest.raises(ValueError, match="published"):
        extract_dates(pd.DataFrame({"article_id": ["a"], "body": ["in 2006"]}))


def test_missing_bodies_are_skipped():
    frame = article_frame("in 2006", "x")
    frame.loc[1, "body"] = None
    assert extract_dates(frame)["article_id"].tolist() == ["a0"]


# --- properties ------------------------------------------------------------------------------

_TOKENS = ["January", "Jan.", "May", "may", "March", "Sept.", "2", "13", "2006", "2003-04", "1,000", "late",
           "early", "mid-", "last", "this", "next", "year", "month", "week", "weekend", "the", "end", "of",
           "between", "and", "from", "to", "Wednesday", "on", "in", "yesterday", "ago", "two", "summer",
           "Q1", "1990s", "-", ",", ".", "\n", "  ", "'s", "2024-01-05", "30", "Feb.", "29", "the year",
           "now", "recently", "past", "future", "between 4"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(words=st.lists(st.sampled_from(_TOKENS), max_size=40), noise=st.text(max_size=30),
       published=st.one_of(st.none(), st.dates(min_value=pd.Timestamp("1990-01-01").date(),
                                                max_value=pd.Timestamp("2100-12-31").date())))
def test_properties_on_arbitrary_text(words, noise, published):
    body = " ".join(words) + noise
    frame = extract_dates(article_frame(body, published=None if published is None else str(published)))
    assert list(frame.columns) == COLUMNS
    for r in frame.itertuples():
        assert body[r.start:r.end] == r.surface and r.start < r.end
        assert r.precision in ("day", "part_of_month", "month", "season", "year", "present", "past", "future")
        if not pd.isna(r.date) and not pd.isna(r.date_end):
            assert r.date_end >= r.date
        if pd.isna(r.date):
            assert pd.isna(r.date_end)
        if not r.relative:
            assert not pd.isna(r.date)
    assert (frame["start"].diff().dropna() > 0).all()   # in order, one row per mention


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_never_raises_on_any_text(body):
    frame = extract_dates(article_frame(body))
    for r in frame.itertuples():
        assert body[r.start:r.end] == r.surface


# --- numeric dates, quarters, weeks, centuries, day of month (issue 13) -------------------------

@pytest.mark.parametrize("body,surface,first,last", [
    ("Filed 2025/05/30 at noon.", "2025/05/30", "2025-05-30", ""),
    ("Posted 2015.08.12 by staff.", "2015.08.12", "2015-08-12", ""),
    ("Updated 27.09.2022 16:41", "27.09.2022", "2022-09-27", ""),          # dots: day.month
    ("The letter dated 21/04/16 arrived.", "21/04/16", "2016-04-21", ""),  # 21 cannot be a month
    ("The letter dated 02/11/2016 arrived.", "02/11/2016", "2016-02-11", ""),  # slashes: month/day
    ("The launch on 9.oct.2031 is planned.", "9.oct.2031", "2031-10-09", ""),
    ("Sales in 3/2015 fell.", "3/2015", "2015-03-01", "2015-03-31"),
])
def test_numeric_dates_follow_the_documented_order(body, surface, first, last):
    assert [(r[0], r[1], r[2]) for r in dates_of(body)] == [(surface, first, last)]


@pytest.mark.parametrize("body", [
    "Version 1.2.10 shipped.", "The vote was 3-2-1 in favour.", "Call 555-12-34 now.",
    "He scored 1.5.2 points.", "192.168.1.10 is an address.",
])
def test_number_runs_that_are_not_dates(body):
    assert [r for r in dates_of(body) if r[3] not in ("present", "past", "future")] == []


def test_quarters_and_fiscal_years():
    rows = dates_of("Profit rose in the third quarter. Third-quarter sales fell, and the year-ago quarter "
                    "was weak. The company said the quarter ended well. Fiscal 2023 closed.", "2024-10-25")
    assert [(r[0], r[1], r[2]) for r in rows] == [
        ("the third quarter", "2024-07-01", "2024-09-30"),
        ("Third-quarter", "2024-07-01", "2024-09-30"),
        ("the year-ago quarter", "2023-07-01", "2023-09-30"),   # a year before the quarter just named
        ("the quarter", "2024-07-01", "2024-09-30"),            # the quarter just named
        ("Fiscal 2023", "2023-01-01", "2023-12-31"),
    ]
    # a quarter report looks back even in the future tense; a sports quarter is no date
    assert dates_of("It expects to report third-quarter results.", "2024-10-25")[0][1] == "2024-07-01"
    assert dates_of("He scored in the fourth quarter of the game.") == []
    assert dates_of("Q3 2016 and the first half of 2015") == [
        ("Q3 2016", "2016-07-01", "2016-09-30", "season", False),
        ("the first half of 2015", "2015-01-01", "2015-06-30", "season", False)]


def test_weeks_decades_and_centuries():
    rows = dates_of("It began the first week of July 2016, peaked in the last week of 2015, in the '90s "
                    "and in the 19th century, and ends the week of March 6.", "2024-05-30")
    assert [(r[0], r[1], r[2], r[3]) for r in rows] == [
        ("the first week of July 2016", "2016-07-04", "2016-07-10", "part_of_month"),  # week of the 1st Thursday
        ("the last week of 2015", "2015-12-28", "2016-01-03", "part_of_month"),
        ("the '90s", "1990-01-01", "1999-12-31", "year"),
        ("the 19th century", "1800-01-01", "1899-12-31", "year"),
        ("the week of March 6", "2024-03-04", "2024-03-10", "part_of_month"),
    ]
    assert dates_of("It was the first Friday of July 2016.")[0][1] == "2016-07-01"


def test_two_parts_sharing_one_month():
    assert dates_of("Images were taken between early and mid-April.", "2024-06-09") == [
        ("early and mid-April", "2024-04-01", "2024-04-20", "part_of_month", True)]
    assert dates_of("late and end of March 2023")[0][:3] == ("late and end of March 2023", "2023-03-21", "2023-03-31")


def test_day_of_month_alone():
    assert dates_of("Ships had left the pier by the 30th.", "2024-05-12") == [
        ("the 30th", "2024-04-30", "", "day", True)]          # the latest 30th on or before publication
    assert dates_of("We meet on the 9th, officials said.", "2024-05-12")[0][1] == "2024-05-09"
    assert dates_of("the 5th Fleet and the 13th floor and the 21st anniversary") == []
    # days listed after a month: "January 2 and 4"
    rows = dates_of("Missiles struck on January 2 and 4, he said.", "2024-01-20")
    assert [(r[0], r[1]) for r in rows] == [("January 2", "2024-01-02"), ("4", "2024-01-04")]
    assert [r[0] for r in dates_of("On March 5, 12 people died.")] == ["March 5"]


def test_dates_relative_to_another_date_of_the_text():
    rows = dates_of("The ship loaded cargo on March 12, and two days later it docked. The next day it left. "
                    "Three months later, the pipes burst.", "2024-09-30")
    assert [(r[0], r[1], r[3], r[4]) for r in rows] == [
        ("March 12", "2024-03-12", "day", True),
        ("two days later", "2024-03-14", "day", True),     # relative: needs another date
        ("The next day", "2024-03-15", "day", True),
        ("Three months later", "2024-06-01", "month", True),
    ]
    # the day before an explicit date; a day anchored on an unnamed event gives no row
    assert dates_of("It fell two days before January 5, 2024.")[0][1] == "2024-01-03"
    assert dates_of("A day after the blast, crowds gathered.") == []
    # "the day before" skips a coarser date ("last year") for the latest day
    assert dates_of("Photos were taken on July 12. It rose last year. The day before this photo was taken, "
                    "talks ended.", "2024-07-25")[-1][:2] == ("The day before", "2024-07-11")


def test_quoted_today_is_the_day_the_words_were_said():
    body = ('The council voted on Thursday. "Their actions today undermine peace," the envoy said.')
    rows = dates_of(body, "2024-03-29")                       # a Friday
    assert [(r[0], r[1]) for r in rows] == [("Thursday", "2024-03-28"), ("today", "2024-03-28")]
    # outside a quotation "today" is the publication day
    assert dates_of("The council votes today.", "2024-03-29")[0][1] == "2024-03-29"
    # an explicit date in brackets after a relative word wins
    assert dates_of("It exploded yesterday [17 October].", "2023-10-19")[0][1] == "2023-10-17"


def test_month_only_publication_date_covers_the_whole_month():
    # a manifest "2024-01" arrives as midnight on 1 January: "January 2" is not a year earlier
    rows = dates_of("Russia used the missiles on December 30 and January 2.", "2024-01-01")
    assert [(r[0], r[1]) for r in rows] == [("December 30", "2023-12-30"), ("January 2", "2024-01-02")]


def test_without_publication_date_year_less_dates_take_the_year_of_the_text():
    rows = dates_of("In September 2022 the talks began. In March, sanctions followed. In July, a ship "
                    "docked.", published=None)
    assert [(r[0], r[1]) for r in rows] == [
        ("September 2022", "2022-09-01"), ("March", "2023-03-01"), ("July", "2023-07-01")]
    # relative words still need the publication day
    assert dates_of("It happened yesterday.", published=None) == [("yesterday", "", "", "day", True)]


def test_without_publication_date_a_historical_year_elsewhere_is_no_anchor():
    # a bare year in another sentence is often history: the year-less day stays unresolved
    rows = dates_of("Veterans will gather at the memorial on 27 January. Thousands died at the camp "
                    "in 1945.", published=None)
    assert [(r[0], r[1]) for r in rows] == [("27 January", ""), ("1945", "1945-01-01")]
    rows = dates_of("The reform took effect in September. The old law dated from 1949.", published=None)
    assert rows[0][:2] == ("September", "")
    # a bare year in the same clause does give the year
    rows = dates_of("In 2004 the plant closed in March.", published=None)
    assert [(r[0], r[1]) for r in rows] == [("2004", "2004-01-01"), ("March", "2004-03-01")]


def test_without_publication_date_a_weekday_must_fit_the_year():
    # the only year nearby is a decade of history: no year has Saturday 12 February near it
    rows = dates_of("Her parents arrived in the 1930s. The film is shown on Saturday 12 February.",
                    published=None)
    assert rows[-1][:2] == ("Saturday 12 February", "")
    # with a full date of 2005 nearby the weekday picks 2005 (Saturday), not 2004 or 2006
    rows = dates_of("Talks opened in March 2005. A vote follows on Saturday 12 February.", published=None)
    assert rows[-1][:2] == ("Saturday 12 February", "2005-02-12")
    rows = dates_of("Talks opened in March 2005. A vote follows on Friday 12 February.", published=None)
    assert rows[-1][:2] == ("Friday 12 February", "")


def test_without_publication_date_the_latest_full_date_is_the_reference():
    body = ("The fund was set up in August 2021. On June 3, 2024 the ministry said work had stopped. "
            "Engineers blamed the weather. Nobody disputed that. Inspectors arrived on September 9.")
    rows = dates_of(body, published=None)
    assert rows[-1][:2] == ("September 9", "2024-09-09")
    # words relative to the day of writing need the publication day, whatever the text's dates
    rows = dates_of("On June 3, 2024 the ministry said work had stopped. It had started last October.",
                    published=None)
    assert rows[-1][:2] == ("last October", "")


def test_year_less_days_shortly_after_publication_look_forward():
    assert dates_of("The dividend is payable Dec. 7.", "2024-10-25")[0][1] == "2024-12-07"
    assert dates_of("The rights expire Nov. 21, the bank said.", "2024-10-25")[0][1] == "2024-11-21"
    # a past-tense clause keeps the day in the past
    assert dates_of("The talks were held on Nov. 21.", "2024-10-25")[0][1] == "2023-11-21"
    # a headline's infinitive is a future
    assert dates_of("Minister to visit Seoul on Wednesday\n\nThe minister said so.", "2023-10-17")[0][1] == \
        "2023-10-18"


# --- adversarial input: never raises, spans hold (cost: benchmarks/bench_adversarial.py) -----------

ADVERSARIAL = {
    "late": "late ",
    "months": "January ",
    "ones": "1,",
    "no punctuation": "in May the late early mid last this next year month week 2006 between and from to ",
    "dates": "between late December 2023 and late February ",
}


@pytest.mark.parametrize("name", list(ADVERSARIAL))
def test_adversarial_input_keeps_spans(name):
    unit = ADVERSARIAL[name]
    body = unit * (50_000 // len(unit))
    frame = extract_dates(article_frame(body))
    for r in frame.head(2000).itertuples():
        assert body[r.start:r.end] == r.surface


# --- the BBC bench corpus: real text, no publication dates ----------------------------------

def test_bbc_corpus_runs_and_resolves_relative_dates_only_from_the_text(bbc_dir):
    articles = analysis.load_corpus(bbc_dir)
    frame = extract_dates(articles)
    assert len(frame) > 5000
    bodies = articles.set_index("article_id")["body"]
    sample = frame.sample(500, random_state=0)
    for r in sample.itertuples():
        assert bodies[r.article_id][r.start:r.end] == r.surface
    # no publication dates: a relative mention resolves only from the article's own dates,
    # so its year nearly always lies within a year of the years the article states
    # ("ten years earlier" and what follows it may go further back)
    absolute = frame.loc[~frame["relative"]]
    stated = absolute.groupby("article_id")["date"].agg(["min", "max"])
    resolved = frame.loc[frame["relative"] & frame["date"].notna()].join(stated, on="article_id")
    assert len(resolved) > 400 and resolved["min"].notna().all()
    inside = resolved["date"].dt.year.between(resolved["min"].dt.year - 1, resolved["max"].dt.year + 1)
    assert inside.mean() > 0.95
    assert absolute["date"].notna().all() and len(absolute) > 2000
    assert absolute["date"].dt.year.between(1700, 2199).all()


def test_a_repeated_year_earlier_compares_with_the_same_period():
    body = ("Profit in the third quarter rose to $5 million from $3 million a year earlier. "
            "Sales climbed 9% from a year earlier.")
    rows = dates_of(body, "1989-10-25")
    assert [(r[0], r[1]) for r in rows if "year" in r[0]] == [
        ("a year earlier", "1988-01-01"), ("a year earlier", "1988-01-01")]


def test_the_quarter_ended_a_day_is_the_three_months_to_that_day():
    rows = dates_of("In the quarter ended July 31, the retailer lost $2 million.", "1989-10-25")
    assert rows[0][:4] == ("the quarter", "1989-05-01", "1989-07-31", "season")
    # without "ended" the quarter is the latest one over before publication
    rows = dates_of("In the quarter, the retailer lost $2 million.", "1989-10-25")
    assert rows[0][:3] == ("the quarter", "1989-07-01", "1989-09-30")


def test_a_year_less_month_shortly_ahead_is_the_coming_one():
    # late October: January within 92 days ahead is the coming January ...
    assert dates_of("The dividend is payable in January to holders of record.", "1989-10-26")[0][:2] == (
        "January", "1990-01-01")
    assert dates_of("The firm agreed to buy the bank in January.", "1989-10-26")[0][:2] == (
        "January", "1990-01-01")
    # ... unless an auxiliary puts the clause in the past, or the month is far ahead
    assert dates_of("The bank was sold in January.", "1989-10-26")[0][:2] == ("January", "1989-01-01")
    assert dates_of("The firm bought the bank in March.", "1989-10-26")[0][:2] == ("March", "1989-03-01")


def test_deadlines_and_schedules_point_forward():
    # 2000-03-29 is a Wednesday
    assert dates_of("Officials postponed until Tuesday any action on the visa.", "2000-03-29")[0][:2] == (
        "Tuesday", "2000-04-04")
    assert dates_of("The mayor has scheduled a news conference Thursday.", "2000-03-29")[0][:2] == (
        "Thursday", "2000-03-30")
    # a bare weekday in a past clause stays the latest one before publication
    assert dates_of("The mayor held a news conference Thursday.", "2000-03-29")[0][:2] == (
        "Thursday", "2000-03-23")


def test_a_year_with_an_earlier_abbreviated_end_names_a_month():
    assert [r[:4] for r in dates_of("Sales data for 2016-11 and 2015/3 are out.")] == [
        ("2016-11", "2016-11-01", "2016-11-30", "month"), ("2015/3", "2015-03-01", "2015-03-31", "month")]
    # later ends are ranges, and "1999-00" wraps into the next century
    assert [r[:3] for r in dates_of("In 2003-4 and 2019-20 and 1999-00 it grew.")] == [
        ("2003-4", "2003-01-01", "2004-12-31"), ("2019-20", "2019-01-01", "2020-12-31"),
        ("1999-00", "1999-01-01", "2000-12-31")]


def test_saying_opens_a_reported_clause_whose_future_does_not_move_the_date():
    # 2000-03-29 is a Wednesday: the statement was issued last Friday
    assert dates_of("The ministers issued a statement Friday saying the treaty will take effect.",
                    "2000-03-29")[0][:2] == ("Friday", "2000-03-24")


def test_a_bare_day_before_a_day_and_month_opens_a_range():
    assert dates_of("The festival runs between 4 and 22 March.", "2024-05-30")[0][:3] == (
        "between 4 and 22 March", "2024-03-04", "2024-03-22")
    assert dates_of("Polls stay open from 3 until 12 September 2023.", "2024-05-30")[0][:3] == (
        "from 3 until 12 September 2023", "2023-09-03", "2023-09-12")
    # without "between"/"from" two days are two mentions, and a day after the second is no range
    assert all("4 and" not in r[0] for r in dates_of("It rained on 4 and 22 March.", "2024-05-30"))
    assert dates_of("Between 24 and 22 March nothing moved.", "2024-05-30")[0][0] == "22 March"
