"""Claims, stance and speakers on articles the rules were not written from.

The held-out set (tests/fixtures/heldout/, ten articles in the styles of AP,
Reuters, the Guardian, the BBC, Al Jazeera, CNN, the Kyiv Independent, NK
News, TASS and a think tank) was hand-labelled before the tagger was run on
it. These tests lock in the accuracy reached (docs/codebook.md, "Measured
accuracy") and each defect fixed while measuring it.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import pytest

import analysis
from analysis.claims.scoring import differences, norm_speaker, resolve_prefixes, score_claims, speaker_matches
from analysis.errors import ParameterError
from analysis.claims.codebook import SAMPLE_CODEBOOK
from tests.conftest import article_frame

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="module")
def heldout():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        arts = analysis.load_corpus(FIXTURES / "heldout")
    expected = resolve_prefixes(pd.read_csv(FIXTURES / "heldout_claims_expected.csv"), analysis.sentences(arts))
    # held-out articles on the sample topic: tagged with the sample corpus's codebook
    got = analysis.tag_claims(arts, codebook=SAMPLE_CODEBOOK)
    # the labels cover bodies, one row per (sentence, claim): a joint statement's parties are joined again
    got = got[got["section"] == "body"]
    key = ["article_id", "sentence_id", "claim_id"]
    joint = got.groupby(key, sort=False)["speaker"].agg(" and ".join)
    got = got.drop_duplicates(key).drop(columns="speaker").merge(joint.reset_index(), on=key)
    return arts, expected, got


def test_heldout_set_covers_every_claim_and_stance(heldout):
    arts, expected, _ = heldout
    assert len(arts) == 10 and arts["outlet"].nunique() == 10
    assert set(expected["claim_id"]) == {f"C{i:02d}" for i in range(1, 13)}
    assert set(expected["stance"]) == {"asserts", "hedged", "denies"}
    assert not expected.duplicated(["article_id", "sentence_id", "claim_id"]).any()


def test_heldout_accuracy_does_not_fall_below_the_measured_level(heldout):
    _, expected, got = heldout
    scores = score_claims(got, expected)
    # measured 0.930/0.939, 0.922/0.930, 0.913/0.921 (precision/recall); a
    # rule change that loses one or two of these must say why
    floors = {"claim": (0.91, 0.92), "claim+stance": (0.90, 0.91), "speaker": (0.89, 0.90)}
    for level, (p, r) in floors.items():
        s = scores[level]
        assert s.precision >= p and s.recall >= r, (level, s, differences(got, expected).to_string())


def test_heldout_defects_found_by_the_lead_stay_fixed(heldout):
    _, expected, got = heldout
    rows = got.set_index(["article_id", "sentence_id", "claim_id"])
    # "..., which they say violate multiple U.N. Security Council resolutions."
    assert rows.loc[("h01_ap", 1, "C06"), "speaker"] == "United States and its allies"
    # "Ukraine's prosecutor general, Andriy Kostin, said about 20% of the North Korean missiles ..."
    assert rows.loc[("h01_ap", 2, "C01"), "speaker"] == "Andriy Kostin"
    # '"The North appears to be receiving technical assistance ... in return," said Lee Seong-kweun'
    assert tuple(rows.loc[("h01_ap", 8, "C09"), ["stance", "speaker"]]) == ("hedged", "Lee Seong-kweun")


def _claims(body: str) -> pd.DataFrame:
    return analysis.tag_claims(article_frame(body))


def _speakers(body: str) -> list[str]:
    return analysis.extract_attributions(article_frame(body))["speaker"].tolist()


def test_they_resolves_in_its_own_sentence_not_to_the_previous_speaker():
    body = ("North Korea's defense minister said the cooperation was legitimate.\n"
            "The United States and its allies announced new sanctions on Russian and North Korean companies "
            "involved in the arms trade, which they say violate U.N. Security Council resolutions.")
    assert _speakers(body)[1] == "United States and its allies"
    # with no plural antecedent anywhere, "they" stays unresolved rather than
    # borrowing the single speaker of the sentence before
    lone = "The minister said the talks went well.\nThey say the shipments violate U.N. sanctions."
    assert _speakers(lone)[1] == "they"


def test_it_resolves_to_the_nearest_singular_subject():
    body = ("The State Department spoke first.\nThe Treasury Department on Wednesday slapped sanctions on three "
            "entities that it said had facilitated the transfer of missiles from North Korea to Russia.")
    assert _speakers(body)[1] == "Treasury Department"


def test_named_subject_before_said_is_the_speaker_not_the_content_after_it():
    body = "Ukraine's prosecutor general, Andriy Kostin, said about 20% of the North Korean missiles had hit."
    got = analysis.extract_attributions(article_frame(body))
    assert got.loc[0, "speaker"] == "Andriy Kostin"
    assert "prosecutor" in got.loc[0, "speaker_role"]
    # the inversion still works for a name after a quotation or comma
    assert _speakers('"It was a KN-23," said Lee Seong-kweun, a lawmaker.') == ["Lee Seong-kweun"]


def test_in_return_needs_no_russia_term():
    got = _claims('"The North appears to be receiving technical assistance for its spy satellite program in '
                  'return," said Lee Seong-kweun, a lawmaker.')
    assert got[["claim_id", "stance", "speaker"]].values.tolist() == [["C09", "hedged", "Lee Seong-kweun"]]


def test_dateline_is_not_part_of_the_speaker():
    for body in ("SEOUL, South Korea (AP) — North Korea's defense minister on Tuesday dismissed accusations "
                 "that his country has shipped weapons to Russia as absurd.",
                 "Washington (CNN) — The Pentagon said Russia fired North Korean missiles at Kyiv."):
        assert "(" not in _speakers(body)[0]


def test_comment_clause_does_not_hedge_a_complete_claim():
    got = _claims("Lee said the North has sent about 10,000 containers to Russia since August, which could "
                  "hold more than 4.8 million artillery shells.").set_index("claim_id")
    assert got.loc["C03", "stance"] == "asserts"
    # but a claim completed only inside the comment clause is hedged
    got = _claims("South Korea says Pyongyang sent shells to Russia, which would violate UN sanctions.")
    assert got.set_index("claim_id").loc["C06", "stance"] == "hedged"


def test_hypothetical_transfer_is_hedged_but_a_denied_one_is_not():
    got = _claims("Any transfer of ballistic missiles from North Korea to Russia would breach U.N. Security "
                  "Council resolutions.").set_index("claim_id")
    assert got.loc["C04", "stance"] == "hedged" and got.loc["C06", "stance"] == "hedged"
    got = _claims("Moscow and Pyongyang have denied any transfer of weapons from North Korea to Russia.")
    c07 = got[got["claim_id"] == "C07"]
    assert set(c07["stance"]) == {"asserts"} and sorted(c07["speaker"]) == ["North Korea", "Russia"]


def test_scare_quotes_do_not_inherit_the_previous_speaker():
    body = ('North Korea has rejected accusations that it is supplying arms to Moscow, calling them "groundless."\n'
            'Russia\'s foreign ministry spokeswoman Maria Zakharova last month called the reports an "absurd '
            'fabrication."')
    got = _claims(body)
    c07 = got[got.claim_id == "C07"].set_index("sentence_id")["speaker"]
    assert c07.to_dict() == {0: "North Korea", 1: "Maria Zakharova"}


def test_quoted_denial_belongs_to_the_quoted_speaker():
    body = ("The DPRK Ministry of National Defense issued a statement.\n"
            '"The DPRK has never exported weapons to Russia," the ministry said.')
    got = _claims(body).set_index("claim_id")
    assert got.loc["C07", "speaker"] == "DPRK Ministry of National Defense"
    assert tuple(got.loc["C03", ["stance", "speaker"]]) == ("denies", "DPRK Ministry of National Defense")


def test_denials_in_other_words():
    cases = {
        "North Korea's foreign ministry said the report of arms shipments to Russia was \"a fabrication\".":
            "North Korea's foreign ministry",
        "Moscow considers such reports of North Korean arms deliveries to be groundless, Dmitry Peskov said.":
            "Dmitry Peskov",
        "Washington says the containers held North Korean shells for Russia, an allegation Moscow denies.":
            "Russia",  # a capital speaks for its country
        "Both countries deny the allegations.": "countries",
    }
    for body, speaker in cases.items():
        got = _claims(body).set_index("claim_id")
        assert "C07" in got.index, body
        assert got.loc["C07", "stance"] == "asserts" and got.loc["C07", "speaker"] == speaker, body


def test_anaphoric_source_refers_back():
    body = ("Russia used North Korean missiles in two attacks on Ukraine, Ukraine's military intelligence said.\n"
            "The agency said fragments recovered in Kharkiv matched the Hwasong-11.")
    assert _speakers(body) == ["Ukraine's military intelligence"] * 2


def test_other_wording_for_the_same_claims():
    cases = [
        ("The U.N. monitoring body that tracked sanctions violations was disbanded after Russia blocked its renewal.",
         {("C08", "asserts")}),
        ("The transfers flagrantly violate multiple UN Security Council resolutions.", {("C06", "asserts")}),
        ("North Korea may have handed Moscow a small number of KN-24 missiles.", {("C04", "hedged"), ("C05", "hedged")}),
        ("The missiles, identified by investigators as KN-23s, have been fired at Kyiv and Kharkiv.",
         {("C01", "asserts"), ("C05", "asserts")}),
        ("The U.S. and its allies should impose new sanctions on firms shipping North Korean arms to Russia.",
         {("C03", "asserts")}),  # a call for sanctions is not C12
        ("The sanctions monitors tracked violations for 15 years before Russia vetoed their mandate.",
         {("C08", "asserts")}),  # tracked violations are not a C06 claim
        ("Kim will want something in return, and I suspect submarine technology is high on his list.",
         {("C09", "hedged")}),
    ]
    for body, expected in cases:
        got = set(map(tuple, _claims(body)[["claim_id", "stance"]].values.tolist()))
        assert got == expected, (body, got)


def test_scoring_helpers():
    assert norm_speaker("The  Kremlin.") == "kremlin"
    assert speaker_matches("Andriy Kostin", "Kostin|Andriy Kostin") and not speaker_matches("Kostin", "Kyiv")
    sents = pd.DataFrame({"article_id": ["a", "a"], "sentence_id": [0, 1], "text": ["One thing.", "One more."]})
    labels = pd.DataFrame({"article_id": ["a"], "sentence_prefix": ["One"], "claim_id": ["C01"],
                           "stance": ["asserts"], "speaker": ["x"]})
    with pytest.raises(ParameterError, match="matches 2 sentences"):
        resolve_prefixes(labels, sents)
    assert resolve_prefixes(labels.assign(sentence_prefix="One more"), sents)["sentence_id"].tolist() == [1]
    empty = score_claims(labels.iloc[:0].assign(sentence_id=0), labels.iloc[:0].assign(sentence_id=0))
    assert empty["claim"].f1 == 1.0 or empty["claim"].n_expected == 0
