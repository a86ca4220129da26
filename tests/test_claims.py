"""tag_claims: hand-checked seed table, unseen wording, stance edge cases, custom codebooks."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import analysis
from analysis.claims.tagger import COLUMNS, tag_claims
from analysis.claims.codebook import parse_codebook
from analysis.errors import CodebookError
from tests.conftest import article_frame

FIXTURES = Path(__file__).resolve().parent / "fixtures"
KEY = ["article_id", "sentence_id", "claim_id", "speaker"]


@pytest.fixture(scope="module")
def seed_claims(seed_articles):
    return tag_claims(seed_articles)


def test_seed_claims_match_hand_checked_table(seed_claims):
    expected = pd.read_csv(FIXTURES / "seed_claims_expected.csv")
    merged = expected.merge(seed_claims, on=KEY, how="outer", suffixes=("_exp", "_got"), indicator=True)
    missing = merged[merged["_merge"] == "left_only"][KEY]
    extra = merged[merged["_merge"] == "right_only"][KEY + ["sentence"]]
    assert missing.empty, f"expected claims not found:\n{missing}"
    assert extra.empty, f"unexpected claims:\n{extra}"
    for col in ("stance", "voice"):
        bad = merged[merged[f"{col}_exp"] != merged[f"{col}_got"]]
        assert bad.empty, bad[KEY + [f"{col}_exp", f"{col}_got"]]


def test_contract_columns_and_offsets(seed_articles, seed_claims):
    assert list(seed_claims.columns[:8]) == ["article_id", "sentence_id", "claim_id", "stance", "speaker",
                                              "start", "end", "sentence"]
    assert list(seed_claims.columns) == COLUMNS
    assert set(seed_claims["stance"]) == {"asserts", "hedged", "denies"}
    bodies = dict(zip(seed_articles["article_id"], seed_articles["body"]))
    heads = dict(zip(seed_articles["article_id"], seed_articles["headline"]))
    for r in seed_claims.itertuples():
        text = heads[r.article_id] if r.section == "headline" else bodies[r.article_id]
        assert text[r.sentence_start:r.sentence_end] == r.sentence
        # start/end: the words stating the claim, inside the sentence, beginning and ending on a matched term
        assert r.sentence_start <= r.start < r.end <= r.sentence_end
        terms = r.evidence.split("; ")
        assert any(text[r.start:r.end].startswith(t) for t in terms)
        assert any(text[r.start:r.end].endswith(t) for t in terms)
    assert set(seed_claims["section"]) == {"body", "headline"}
    assert (seed_claims.loc[seed_claims["section"] == "headline", "sentence_id"] == -1).all()
    assert set(seed_claims["voice"]) == {"own", "reported"}
    assert ((seed_claims["voice"] == "own") == (seed_claims["speaker_type"] == "narrator")).all()
    assert (seed_claims.loc[seed_claims["voice"] == "own", "speaker"]
            == seed_claims.loc[seed_claims["voice"] == "own", "outlet"]).all()
    assert not seed_claims.duplicated(KEY).any()
    assert set(seed_claims["claim_id"]) == {f"C{i:02d}" for i in range(1, 13)}


def test_reported_denials(seed_claims):
    rows = seed_claims.set_index(["article_id", "sentence_id", "claim_id"]).sort_index()
    ndtv = "000_7b7c7d69851d0b2e"
    assert rows.loc[(ndtv, 8, "C07"), "stance"] == "asserts"
    assert rows.loc[(ndtv, 8, "C03"), "stance"] == "denies"
    assert rows.loc[(ndtv, 8, "C03"), "speaker"] == rows.loc[(ndtv, 8, "C07"), "speaker"]
    # "Both Moscow and Pyongyang have previously denied ...": each party denies; Reuters only reports it
    joint = rows.loc[("001_54d67b54892901e9", 5, "C03")]
    assert sorted(joint["speaker"]) == ["North Korea", "Russia"]
    assert set(joint["stance"]) == {"denies"} and set(joint["voice"]) == {"reported"}
    # ", but vowed ... to deepen military relations" is outside the denial
    assert set(rows.loc[("003_4f2c14c7a6e8c335", 9, "C10"), "stance"]) == {"asserts"}


def test_no_outlet_denies_by_reporting_a_denial(seed_claims):
    own = seed_claims[seed_claims["voice"] == "own"]
    assert not (own["stance"] == "denies").any()
    reported_denials = seed_claims[seed_claims["stance"] == "denies"]
    assert len(reported_denials) and not reported_denials["speaker"].isin(seed_claims["outlet"]).any()


# Wording no seed uses: other outlets, other synonyms.
UNSEEN = [
    ("Pyongyang has shipped millions of artillery rounds to Moscow, according to South Korea's spy agency.",
     {("C03", "asserts")}, "South Korea's spy agency"),
    ("Russia fired a KN-23 missile at Kyiv on Tuesday, Ukrainian officials said.",
     {("C01", "asserts"), ("C05", "asserts")}, "Ukrainian officials"),
    ("The Kremlin neither confirmed nor denied reports that North Korea had supplied shells to Russia.",
     {("C03", "hedged")}, "Kremlin"),
    ("North Korea did not deny sending ammunition to Russia.", {("C03", "hedged")}, None),
    ("Moscow rejected accusations that it had received ballistic missiles from the DPRK as baseless.",
     {("C04", "denies"), ("C07", "asserts")}, "Russia"),  # a capital speaks for its country
    ("There is no evidence that North Korea shipped artillery shells to Russia, the official said.",
     {("C03", "denies")}, None),
    ("Russia is believed to have used Hwasong-11 missiles in strikes on Zaporizhzhia.",
     {("C01", "hedged"), ("C05", "hedged")}, None),
    ("Ukraine's military intelligence said Russia had launched about 50 North Korean missiles since December.",
     {("C01", "asserts")}, "Ukraine's military intelligence"),
    ("Russia allegedly received 6,700 containers of munitions from North Korea.", {("C03", "hedged")}, None),
    ("The transfers would breach a UN arms embargo on North Korea.", {("C06", "hedged")}, None),
    ("Russia vetoed the renewal of the panel of experts that monitored sanctions on North Korea.",
     {("C08", "asserts")}, None),
    ("Putin and Kim signed a mutual defence treaty in Pyongyang.", {("C10", "asserts")}, None),
    ("Pyongyang wants space technology and fighter jets from Moscow in exchange for its shells.",
     {("C09", "asserts")}, None),
    ("The North's recent missile launches may be a showcase for Russian buyers, analysts say.",
     {("C11", "hedged")}, "analysts"),
    ("Experts said the remnants matched the KN-23.", {("C02", "asserts"), ("C05", "asserts")}, "experts"),  # a common noun, whatever its case
    ("North Korea fired two ballistic missiles into the sea on Thursday.", set(), None),
    ("The weather in Seoul was mild on Thursday.", set(), None),
]


@pytest.mark.parametrize("sentence, expected, speaker", UNSEEN)
def test_rules_generalise_to_unseen_wording(sentence, expected, speaker):
    out = tag_claims(article_frame(sentence))
    assert set(zip(out["claim_id"], out["stance"])) == expected
    if speaker is not None:
        assert set(out["speaker"]) == {speaker}


def test_negated_claim_and_neither_nor():
    out = tag_claims(article_frame("North Korea has never supplied artillery shells to Russia, a spokesman said."))
    assert out.set_index("claim_id").loc["C03", "stance"] == "denies"
    out = tag_claims(article_frame("Pyongyang neither confirmed nor denied shipping rockets to Russia."))
    assert "C07" not in set(out["claim_id"])


def test_refuted_denial_is_no_denial():
    out = tag_claims(article_frame(
        "Analysts said the statement denying that North Korea shipped shells to Russia was false."))
    assert set(zip(out["claim_id"], out["stance"])) == {("C03", "asserts")}


def test_narration_speaker_is_the_outlet():
    arts = article_frame("North Korea sent shells to Russia last year.")
    out = tag_claims(arts)
    assert out.iloc[0].speaker == "outlet0" and out.iloc[0].speaker_type == "narrator"


def test_unbalanced_quotes_and_empty_bodies():
    arts = article_frame('"North Korea sent shells to Russia, he said.\n"More shells followed',
                         "", "   ", '"', "North Korea")
    out = tag_claims(arts)
    assert set(out["article_id"]) == {"a0"}
    assert list(out.columns) == COLUMNS
    empty = tag_claims(article_frame(""))
    assert empty.empty and list(empty.columns) == COLUMNS


FLOOD_BOOK = """
codebook: River flooding
concepts:
  dam: [dam, dams, reservoir, levee*, embankment*]
  fail: [burst, breach*, collaps*, fail*, gave way]
  rain: [rain*, downpour*, storm*]
claims:
  - id: F1
    label: The dam failed
    rules:
      - all: [dam, fail]
  - id: F2
    label: Rain caused the flood
    rules:
      - all: [rain, [flood*, inundat*]]
        none: [[forecast*]]
  - id: F3
    kind: denial
    label: The operator denies negligence
    rules:
      - all: [[operator, company, utility], [neglig*, maintenance, fault]]
"""


def test_custom_codebook_for_another_topic(tmp_path):
    path = tmp_path / "flood.yaml"
    path.write_text(FLOOD_BOOK, encoding="utf-8")
    arts = article_frame(
        "The dam may have burst after days of heavy rain, officials said.",
        "Torrential downpours flooded the valley.",
        "The utility denied negligence in maintenance of the dam, which collapsed on Sunday.",
        "Rain is forecast to cause flooding.")
    out = tag_claims(arts, codebook=path)
    got = set(zip(out["article_id"], out["claim_id"], out["stance"]))
    assert got == {("a0", "F1", "hedged"), ("a1", "F2", "asserts"), ("a2", "F3", "asserts"),
                   ("a2", "F1", "asserts")}
    # the same codebook, already loaded
    again = tag_claims(arts, codebook=parse_codebook(FLOOD_BOOK))
    assert len(again) == len(out)


def test_codebook_speaker_rule_and_extra_stance_cues():
    book = parse_codebook("""
stance:
  hedges: [rumoured]
claims:
  - id: S1
    label: The army says the bridge fell
    rules:
      - all: [[bridge]]
        speaker: [[army, military]]
""")
    arts = article_frame("The army said the bridge fell.", "Residents said the bridge fell.",
                         "The army said the rumoured bridge fell.")
    out = tag_claims(arts, codebook=book)
    assert list(zip(out["article_id"], out["stance"])) == [("a0", "asserts"), ("a2", "hedged")]


def test_bad_codebook_raises(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("claims:\n  - id: X\n", encoding="utf-8")
    with pytest.raises(CodebookError, match="bad.yaml:2"):
        tag_claims(article_frame("text"), codebook=bad)


@pytest.mark.timeout(120)
def test_adversarial_megabyte():
    body = ("North Korea " * 20000 + "sent " * 20000 + "not " * 20000 + "allegedly " * 20000
            + "Russia shells denied " * 10000 + '"' * 5000)
    out = tag_claims(article_frame(body))
    assert set(out["claim_id"]) <= {f"C{i:02d}" for i in range(1, 13)}


def test_bbc_subset_runs(bbc_dir):
    arts = analysis.load_corpus(bbc_dir).head(200)
    out = tag_claims(arts)
    assert list(out.columns) == COLUMNS
    # BBC 2004-05 business/sport/tech/politics/entertainment says nothing about this topic
    assert len(out) < 10
