"""Stance, figure and date conflicts between sources on the same claim."""

from __future__ import annotations

import math

import pandas as pd
import pytest

import analysis
from analysis.errors import ParameterError
from analysis.compare.figure_bounds import disjoint, figure_bounds, vague_bounds

# Bodies shaped like the seeds (the AFP copy, Cnews Live and Yonhap).
BODY_AFP = ("South Korea accuses Pyongyang of sending thousands of containers of munitions to Russia.\n"
            "But Moscow used its UN Security Council veto in March to effectively end UN monitoring of violations.")
BODY_CNEWS = ("Russia's actions have hindered the U.N.'s ability to monitor sanctions, which were imposed in 2006.\n"
              "In April, Russia vetoed the renewal of the U.N. sanctions monitors' mandate.")
BODY_YONHAP = ("In October, the White House revealed that the North had delivered more than 1,000 containers "
               "of military equipment and munitions to Russia.")
ARTICLES = pd.DataFrame({"article_id": ["000", "001", "004"], "body": [BODY_AFP, BODY_CNEWS, BODY_YONHAP]})


def _sentence(body, sid):
    lines = body.split("\n")
    start = sum(len(x) + 1 for x in lines[:sid])
    return start, start + len(lines[sid]), lines[sid]


def claims_row(aid, sid, claim, stance, speaker=""):
    body = dict(zip(ARTICLES.article_id, ARTICLES.body)).get(aid, "x")
    s, e, text = _sentence(body, sid) if aid in set(ARTICLES.article_id) else (0, 1, "x")
    return dict(article_id=aid, sentence_id=sid, claim_id=claim, stance=stance, speaker=speaker,
                start=s, end=e, sentence=text)


CLAIMS = pd.DataFrame([
    claims_row("000", 0, "C03", "asserts", "South Korea"),
    claims_row("000", 1, "C08", "asserts"),
    claims_row("001", 0, "C08", "asserts"),
    claims_row("001", 1, "C08", "asserts"),
    claims_row("004", 0, "C03", "asserts", "White House"),
])


def quantity(aid, sid, surface, value, qualifier, unit="container", value_high=None):
    body = dict(zip(ARTICLES.article_id, ARTICLES.body)).get(aid, surface)
    start = body.find(surface)
    return dict(article_id=aid, sentence_id=sid, start=start, end=start + len(surface), surface=surface,
                value=value, value_high=value_high, unit=unit, qualifier=qualifier, kind="count",
                of_value=None, subject=None, sentence="")


def date(aid, sid, surface, day, precision, date_end=None, relative=False):
    body = dict(zip(ARTICLES.article_id, ARTICLES.body))[aid]
    start = body.find(surface)
    return dict(article_id=aid, sentence_id=sid, start=start, end=start + len(surface), surface=surface,
                date=pd.Timestamp(day), date_end=pd.Timestamp(date_end) if date_end else pd.NaT,
                precision=precision, relative=relative)


def test_thousands_vs_more_than_1000_is_a_tension_not_a_conflict():
    q = pd.DataFrame([quantity("000", 0, "thousands of containers", 1000.0, "vague"),
                      quantity("004", 0, "more than 1,000 containers", 1000.0, "at_least")])
    out = analysis.find_contradictions(CLAIMS, quantities=q)
    assert len(out) == 1
    row = out.iloc[0]
    assert (row.type, row.severity, row.claim_id, row.topic) == ("figure", "tension", "C03", "container")
    assert (row.article_a, row.article_b) == ("000", "004")
    assert BODY_AFP[row.start_a:row.end_a] == "thousands of containers"
    assert BODY_YONHAP[row.start_b:row.end_b] == "more than 1,000 containers"
    assert "literally compatible" in row.explanation and "[1,000, 1,500]" in row.explanation and "[2,000, 10,000]" in row.explanation


@pytest.mark.parametrize("a, b, severity", [
    (("about 900", 900.0, "approx"), ("365", 365.0, "exact"), "conflict"),
    (("thousands", 1000.0, "vague"), ("500", 500.0, "exact"), "conflict"),
    (("at most 20", 20.0, "at_most"), ("more than 1,000", 1000.0, "at_least"), "conflict"),
    (("between 10 and 20", 10.0, "range", 20.0), ("about 50", 50.0, "approx"), "conflict"),
    (("50", 50.0, "exact"), ("52", 52.0, "exact"), "conflict"),
    (("about 50", 50.0, "approx"), ("52", 52.0, "exact"), None),
    (("more than 1,000", 1000.0, "at_least"), ("1,500", 1500.0, "exact"), None),
    (("about 50", 50.0, "approx"), ("60", 60.0, "exact"), "tension"),
    (("at least one", 1.0, "at_least"), ("roughly 50", 50.0, "approx"), None),  # too far apart: different counts
    (("21 of", 21.0, "part_of"), ("roughly 50", 50.0, "approx"), None),  # a subset is not compared
])
def test_figure_pairs(a, b, severity):
    qa = quantity("x", 0, a[0], a[1], a[2], unit="missile", value_high=a[3] if len(a) > 3 else None)
    qb = quantity("y", 0, b[0], b[1], b[2], unit="missile", value_high=b[3] if len(b) > 3 else None)
    claims = pd.DataFrame([claims_row("x", 0, "C01", "asserts"), claims_row("y", 0, "C01", "asserts")])
    out = analysis.find_contradictions(claims, quantities=pd.DataFrame([qa, qb]))
    assert list(out["severity"]) == ([severity] if severity else [])


def test_figures_need_same_claim_same_unit_and_skip_time_units():
    claims = pd.DataFrame([claims_row("x", 0, "C01", "asserts"), claims_row("y", 0, "C02", "asserts"),
                           claims_row("z", 0, "C01", "asserts")])
    q = pd.DataFrame([quantity("x", 0, "900", 900.0, "exact", unit="km"),
                      quantity("y", 0, "365", 365.0, "exact", unit="km"),  # other claim
                      quantity("z", 0, "365", 365.0, "exact", unit="mm"),  # other unit
                      quantity("x", 0, "15 years", 15.0, "exact", unit="year"),
                      quantity("z", 0, "18 years", 18.0, "exact", unit="year")])
    assert analysis.find_contradictions(claims, quantities=q).empty


def test_sentence_tagged_with_two_claims_reports_each_figure_pair_once():
    claims = pd.DataFrame([claims_row("x", 0, "C03", "asserts"), claims_row("x", 0, "C06", "asserts"),
                           claims_row("y", 0, "C03", "asserts"), claims_row("y", 0, "C06", "asserts")])
    q = pd.DataFrame([quantity("x", 0, "about 900", 900.0, "approx", unit="km"),
                      quantity("y", 0, "365", 365.0, "exact", unit="km")])
    out = analysis.find_contradictions(claims, quantities=q)
    assert out["claim_id"].tolist() == ["C03"]


def test_veto_in_march_vs_in_april_is_a_date_conflict():
    d = pd.DataFrame([date("000", 1, "in March", "2024-03-01", "month"),
                      date("001", 0, "in 2006", "2006-01-01", "year"),
                      date("001", 1, "In April", "2024-04-01", "month", date_end="2024-04-30")])
    out = analysis.find_contradictions(CLAIMS, dates=d, articles=ARTICLES)
    assert len(out) == 1  # "imposed in 2006" is a year: not set against a month
    row = out.iloc[0]
    assert (row.type, row.severity, row.claim_id, row.article_a, row.article_b) == ("date", "conflict", "C08",
                                                                                    "000", "001")
    assert "veto" in row.topic and "2024-03-01..2024-03-31" in row.explanation
    assert BODY_AFP[row.start_a:row.end_a] == "in March" and BODY_CNEWS[row.start_b:row.end_b] == "In April"


def test_dates_without_a_shared_event_word_or_overlapping_are_not_conflicts():
    d = pd.DataFrame([date("000", 1, "in March", "2024-03-01", "month"),
                      date("001", 0, "in 2006", "2006-01-01", "year"),
                      date("001", 1, "In April", "2024-03-15", "day")])  # inside March: overlaps
    assert analysis.find_contradictions(CLAIMS, dates=d, articles=ARTICLES).empty
    # without bodies the claims' sentences give the context
    d2 = pd.DataFrame([date("000", 1, "in March", "2024-03-01", "month"),
                       date("001", 1, "In April", "2024-04-01", "month")])
    assert len(analysis.find_contradictions(CLAIMS, dates=d2)) == 1
    # only the words nearest each date, inside its sentence, count: "imposed" (2006) vs "veto" (March),
    # not "monitor" further back nor "vetoed" on the next line
    d3 = pd.DataFrame([date("000", 1, "in March", "2024-03-01", "year"),
                       date("001", 0, "in 2006", "2006-01-01", "year")])
    assert analysis.find_contradictions(CLAIMS, dates=d3, articles=ARTICLES).empty
    # two fine dates under one claim about different events ("revealed ... delivered" vs "veto")
    claims = pd.concat([CLAIMS, pd.DataFrame([claims_row("004", 0, "C08", "asserts")])])
    d4 = pd.DataFrame([date("000", 1, "in March", "2024-03-01", "month"),
                       date("004", 0, "In October", "2023-10-01", "month")])
    assert analysis.find_contradictions(claims, dates=d4, articles=ARTICLES).empty


def test_stance_conflicts_between_articles():
    claims = pd.DataFrame([claims_row("a", 0, "C04", "asserts", "US official"),
                           claims_row("b", 0, "C04", "denies", "Kim Yo Jong"),
                           claims_row("c", 0, "C04", "hedged", "experts"),
                           claims_row("e", 0, "C04", "denies", "Kim Yo Jong"),
                           claims_row("e", 1, "C04", "asserts", "Hong Min"),
                           claims_row("d", 0, "C09", "denies", "Kremlin")])
    out = analysis.find_contradictions(claims)
    pairs = list(zip(out.article_a, out.article_b, out.severity))
    # speakers are compared: Hong Min (in e) against Kim Yo Jong, evidenced from two articles
    assert pairs == [("a", "b", "conflict"), ("e", "b", "conflict"), ("c", "b", "tension")]
    assert out.iloc[0].detail_b.startswith("denies (Kim Yo Jong)")
    assert out.iloc[0].detail_a.startswith("asserts (US official)")
    # two speakers met only in one article: a row only with include_same_article
    one = pd.concat([claims, pd.DataFrame([claims_row("f", 0, "C04", "asserts", "Ann Lee"),
                                           claims_row("f", 1, "C04", "denies", "Bo Park")])], ignore_index=True)
    default = analysis.find_contradictions(one)
    assert ("f", "f") not in set(zip(default.article_a, default.article_b))
    same = analysis.find_contradictions(one, include_same_article=True)
    assert ("f", "f", "conflict") in set(zip(same.article_a, same.article_b, same.severity))


def test_an_outlet_reporting_both_sides_conflicts_with_nobody():
    claims = pd.DataFrame([claims_row("a", 0, "C04", "asserts", "Wire Herald"),
                           claims_row("a", 1, "C04", "denies", "Wire Herald")]).assign(voice=["own", "reported"])
    claims.loc[1, "speaker"] = "Kremlin"
    out = analysis.find_contradictions(claims, include_same_article=True)
    assert not ((out.detail_a.str.contains("Wire Herald")) & (out.detail_b.str.contains("Wire Herald"))).any()
    matrix = analysis.source_claim_matrix(claims)
    assert matrix.loc["a", "C04"] == "asserts"


def test_figure_bounds_units():
    assert vague_bounds("hundreds of thousands of people") == ((2e5, 1e6), (2e5, 1e6))
    assert vague_bounds("several dozen missiles") == ((24.0, 120.0), (24.0, 120.0))
    assert vague_bounds("dozens of missiles") == ((24.0, 12000.0), (24.0, 120.0))
    assert figure_bounds(None, None, "exact") is None
    assert figure_bounds(5, None, "mystery") is None
    assert figure_bounds(2000, 9000, "vague", "a large number") == ((2000, 9000), (2000, 9000))
    assert figure_bounds(30, 10, "range")[0] == (10, 30)
    lit, prag = figure_bounds(30, None, "at_most")
    assert lit == (0.0, 30) and prag == (20, 30)
    assert disjoint((1, 2), (3, math.inf)) and not disjoint((1, 3), (3, 4))


def test_errors_and_empty_inputs():
    with pytest.raises(ParameterError):
        analysis.find_contradictions(CLAIMS, approx_tolerance=1.5)
    with pytest.raises(ParameterError):
        analysis.find_contradictions(CLAIMS, max_ratio=0.5)
    with pytest.raises(ValueError, match="needs columns"):
        analysis.find_contradictions(CLAIMS, quantities=pd.DataFrame({"article_id": ["000"], "start": [0],
                                                                       "end": [1]}))
    empty = analysis.find_contradictions(CLAIMS.iloc[:0], quantities=pd.DataFrame(), dates=pd.DataFrame())
    assert empty.empty and list(empty.columns[:6]) == ["type", "severity", "claim_id", "topic", "article_a",
                                                       "article_b"]


def test_claims_without_sentence_id_locate_mentions_by_offset():
    claims = CLAIMS.drop(columns="sentence_id")
    q = pd.DataFrame([quantity("000", 0, "thousands of containers", 1000.0, "vague"),
                      quantity("004", 0, "more than 1,000 containers", 1000.0, "at_least")]).drop(columns="sentence_id")
    out = analysis.find_contradictions(claims, quantities=q)
    assert out["severity"].tolist() == ["tension"]


def test_seed_veto_dates_with_the_real_date_extractor(seed_articles):
    """Seeds: the AFP copy dates Russia's UN veto 'in March', Cnews Live 'In April' (hand-tagged C08/C10)."""
    sents = analysis.sentences(seed_articles)
    ids = {a[:3]: a for a in seed_articles["article_id"]}
    picks = [("000", 25, "C08"), ("001", 9, "C08"), ("001", 10, "C08"),  # veto; sanctions imposed in 2006
             ("000", 21, "C10"), ("000", 22, "C10"), ("002", 18, "C10"), ("004", 20, "C10")]  # summit, visit
    rows = []
    for short, sid, claim in picks:
        s = sents[(sents.article_id == ids[short]) & (sents.sentence_id == sid)].iloc[0]
        rows.append(dict(article_id=ids[short], sentence_id=sid, claim_id=claim, stance="asserts", speaker="",
                         start=s.start, end=s.end, sentence=s.text))
    claims = pd.DataFrame(rows)
    assert "veto in March" in claims.sentence[0] and claims.sentence[2].startswith("In April, Russia vetoed")
    out = analysis.find_contradictions(claims, dates=analysis.extract_dates(seed_articles), articles=seed_articles)
    assert out[["type", "claim_id", "article_a", "article_b"]].values.tolist() == [
        ["date", "C08", ids["000"], ids["001"]]]
    body = dict(zip(seed_articles.article_id, seed_articles.body))
    assert body[ids["000"]][out.start_a[0]:out.end_a[0]].endswith("March")
    assert body[ids["001"]][out.start_b[0]:out.end_b[0]].endswith("April")


def test_seed_pipeline_end_to_end(seed_articles):
    """Seeds through the real extractors: veto month, container figures, denials."""
    claims = analysis.tag_claims(seed_articles)
    out = analysis.find_contradictions(claims, analysis.extract_quantities(seed_articles),
                                       analysis.extract_dates(seed_articles), seed_articles)
    short = out.assign(article_a=out.article_a.str[:3], article_b=out.article_b.str[:3])
    dates = short[short.type == "date"]
    assert ["C08", "000", "001", "conflict"] in dates[["claim_id", "article_a", "article_b", "severity"]].values.tolist()
    figures = short[short.type == "figure"]
    # "thousands of containers" (AFP copies) vs "more than 1,000 containers" (Yonhap): tension, once per pair
    assert set(zip(figures.article_a, figures.article_b, figures.severity)) >= {("000", "004", "tension"),
                                                                              ("002", "004", "tension")}
    assert not figures.duplicated(["article_a", "article_b", "topic"]).any()
    assert (figures.topic == "container").any() and not (figures.severity == "conflict").any()
    # every stance row sets a supporting speaker against a denying one; no outlet denies by reporting
    matrix = analysis.source_claim_matrix(claims, by="speaker")
    stance = out[out.type == "stance"]
    assert len(stance)
    for row in stance.itertuples():
        denier = row.detail_b.split("(", 1)[1].split("):", 1)[0]
        supporter = row.detail_a.split("(", 1)[1].split("):", 1)[0]
        assert matrix.loc[denier, row.claim_id] == "denies" and denier not in set(seed_articles.outlet)
        assert matrix.loc[supporter, row.claim_id] in ("asserts", "hedged") and supporter != denier
    bodies = dict(zip(seed_articles.article_id, seed_articles.body))
    for row in out[out.type != "stance"].itertuples():
        assert 0 <= row.start_a < row.end_a <= len(bodies[row.article_a])
