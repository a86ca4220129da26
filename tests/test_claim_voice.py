"""Issue 12: stance belongs to the speaker; voice, canonical speakers, counts that add up.

Every sentence here is written for the test, on topics the sample codebook
does not cover, with a small codebook of its own: the rules under test are
general English news wording, not the sample topic.
"""

from __future__ import annotations

import pandas as pd
import pytest

import analysis
from analysis.claims.tagger import headline_speaker, tag_claims
from analysis.claims.codebook import parse_codebook
from analysis.sources.coreference import canonical_speakers, split_speakers
from analysis.claims.stance import stance_cues
from tests.conftest import article_frame

POLICY = parse_codebook("""
codebook: UK politics (test)
claims:
  - id: Q1
    label: The Tories proposed quotas
    rules:
      - all: [[tories, conservatives], [quota*]]
  - id: F1
    label: The ferry company caused the spill
    rules:
      - all: [[ferry company, ferry firm, operator], [spill*, leak*, oil]]
""")

BLAST = parse_codebook("""
codebook: Bridge blast (test)
concepts:
  north: [Northland, Northlanders]
  south: [Southland, Southlanders]
  blast: [blew up, blast, bombing, attack*]
claims:
  - id: B1
    label: Northland blew up the bridge
    rules:
      - all: [blast]
        outside_speaker: [north]
  - id: B2
    label: Southland blew up the bridge
    rules:
      - all: [blast]
        outside_speaker: [south]
""")


def _tag(*bodies, book, **kw):
    return tag_claims(article_frame(*bodies), codebook=book, **kw)


def test_rejecting_a_policy_is_not_denying_a_fact():
    got = _tag("Labour was right to reject the Tories' idea of quotas.", book=POLICY)
    assert got[["claim_id", "stance"]].values.tolist() == [["Q1", "asserts"]]
    # rejecting a report or an allegation is a denial
    got = _tag("The ferry company rejected reports that it caused the oil spill.", book=POLICY)
    assert set(got["stance"]) == {"denies"}
    assert [c.surface for c in stance_cues("He rejected the plan to raise taxes.").denials] == []
    assert "dismissed" in [c.surface for c in stance_cues("He dismissed the claims as nonsense.").denials]


def test_a_negated_statement_denies_without_a_denial_rule():
    got = _tag("Southland was not involved in the attack on the bridge, its foreign minister said.", book=BLAST)
    assert got.set_index("claim_id").loc["B2", "stance"] == "denies"
    got = _tag("The ferry company has never spilled any oil, a spokesman said.", book=POLICY)
    assert got[["claim_id", "stance", "speaker"]].values.tolist() == [["F1", "denies", "spokesman"]]
    # "but" ends the negation's reach
    got = _tag("The operator did not comment, but the oil spill spread.", book=POLICY)
    assert set(got["stance"]) == {"asserts"}


def test_an_accusation_is_the_accuser_asserting():
    got = _tag("Officials in Northland accused Southland of the bombing of the bridge.", book=BLAST)
    got = got.set_index("claim_id")
    # outside_speaker: the accuser is not the doer
    assert list(got.index) == ["B2"]
    assert (got.loc["B2", "stance"], got.loc["B2", "speaker"], got.loc["B2", "voice"]) == (
        "asserts", "Officials in Northland", "reported")
    # no accuser named: a distancing hedge
    got = _tag("Southland stands accused of the bombing of the bridge.", book=BLAST).set_index("claim_id")
    assert got.loc["B2", "stance"] == "hedged" and got.loc["B2", "voice"] == "own"


def test_codebook_removes_and_adds_built_in_cues():
    book = parse_codebook("""
stance:
  remove_hedges: [could]
  remove_denials: [reject*]
  hedges: [rumoured]
claims:
  - id: F1
    label: spill
    rules:
      - all: [[operator], [spill*]]
""")
    got = tag_claims(article_frame("The operator could be behind the spill.", "The operator rejected reports of a spill.",
                                   "The operator is rumoured to be behind the spill."), codebook=book)
    assert got["stance"].tolist() == ["asserts", "asserts", "hedged"]
    with pytest.raises(analysis.errors.CodebookError, match="unknown key 'drop_hedges'"):
        parse_codebook("stance:\n  drop_hedges: [may]\nclaims:\n  - id: X\n    label: x\n    rules:\n"
                       "      - all: [[x]]\n")


def test_reported_denial_belongs_to_the_deniers_not_the_outlet():
    body = ("The ferry company caused the oil spill. "
            "Both Paris and Oslo have denied reports that the ferry company caused the spill.")
    got = tag_claims(article_frame(body), codebook=POLICY)
    denials = got[got["stance"] == "denies"]
    assert sorted(denials["speaker"]) == ["France", "Norway"] and set(denials["voice"]) == {"reported"}
    matrix = analysis.source_claim_matrix(got, by="outlet", articles=article_frame(body))
    assert matrix.loc["outlet0", "F1"] == "asserts"  # its own narration; it only reports the denial
    by_speaker = analysis.source_claim_matrix(got, by="speaker")
    assert by_speaker.loc["France", "F1"] == "denies" and by_speaker.loc["outlet0", "F1"] == "asserts"
    # a role rule cannot see a denial by the doer itself: the accused is the speaker (documented)
    assert _tag("Officials in Northland denied the attack on the bridge.", book=BLAST).empty


def test_joint_speakers_give_one_row_each_and_capitals_are_countries():
    assert split_speakers("Moscow and Kyiv") == ["Moscow", "Kyiv"]
    assert split_speakers("Kim Jong Un and Vladimir Putin") == ["Kim Jong Un", "Vladimir Putin"]
    assert split_speakers("Institute for Science and International Security") == [
        "Institute for Science and International Security"]
    book = parse_codebook("claims:\n  - id: W\n    label: w\n    rules:\n      - all: [[blast]]\n")
    got = tag_claims(article_frame("Paris and Berlin blamed the blast on sabotage."), codebook=book)
    assert sorted(got["speaker"]) == ["France", "Germany"] and set(got["stance"]) == {"asserts"}


def test_canonical_speakers_across_the_corpus():
    mapping = canonical_speakers(["Analysts", "analysts", "analysts", "the U.S.", "Washington", "NIS",
                                  "Jane Roe", "Roe", "Kyiv"], {"NIS": "National Intelligence Service"})
    assert mapping["Analysts"] == "analysts"
    assert mapping["the U.S."] == mapping["Washington"] == "United States"
    assert mapping["NIS"] == "National Intelligence Service"
    assert mapping["Roe"] == "Jane Roe" and mapping["Kyiv"] == "Ukraine"
    # two people share the surname: it stays as written
    assert canonical_speakers(["Jane Roe", "Tom Roe", "Roe"])["Roe"] == "Roe"
    arts = article_frame("The Defence Intelligence Agency (DIA) issued a note.",
                         "The DIA said the ferry sank.", "Experts said so. Later, experts said more.")
    attrs = analysis.extract_attributions(arts, narrator=False)
    assert "Defence Intelligence Agency" in set(attrs["speaker"])
    assert "Experts" not in set(attrs["speaker"])


@pytest.mark.parametrize("body, speaker", [
    # attribution from the adjacent sentence
    ("The bridge was closed on Monday. This was stated by the regional governor, Ann Lee.", "Ann Lee"),
    ("Ferries will stop at noon. That is according to the port authority.", "port authority"),
    ("Ferries will stop at noon. This was announced by Tom Roe.", "Tom Roe"),
])
def test_attribution_from_the_next_sentence(body, speaker):
    attrs = analysis.extract_attributions(article_frame(body))
    assert attrs["speaker"].tolist() == [speaker, speaker]
    assert attrs["inherited"].tolist() == [True, False]
    assert attrs.loc[0, "start"] == -1 and body[attrs.loc[1, "start"]:attrs.loc[1, "end"]].endswith(speaker)


@pytest.mark.parametrize("body, not_speaker", [
    ('Officials gathered in Santa Rosa. "We will rebuild," he added.', "Santa Rosa"),   # a place
    ("Last week said a lot about the market.", "Last week"),                            # a time phrase
    ("Research confirms the link between the two.", "Research"),                        # a common noun
    ("According to the report, Ann Lee claimed the bridge was unsafe.", "report"),      # document vs person
    ("The ferry stands accused of polluting the bay.", "ferry"),                         # a passive
    ("Both sides said the talks would go on.", "sides"),
])
def test_never_a_place_time_or_document_as_the_speaker(body, not_speaker):
    attrs = analysis.extract_attributions(article_frame(body))
    assert not_speaker not in set(attrs["speaker"])


def test_role_linked_to_the_named_person():
    body = ("Ann Lee, Northland's ambassador to the United Nations, arrived on Monday. "
            "Northland's ambassador to the United Nations said the bridge was intact.")
    attrs = analysis.extract_attributions(article_frame(body), narrator=False)
    assert attrs["speaker"].tolist() == ["Ann Lee"]


def test_headlines_are_tagged_and_marked():
    assert headline_speaker("Ferry firm caused the spill: police") == ("police", 29)
    assert headline_speaker("Ferry firm caused the spill") is None
    arts = article_frame("The weather was calm.")
    arts["headline"] = ["Ferry firm caused the oil spill: police"]
    got = tag_claims(arts, codebook=POLICY)
    row = got.iloc[0]
    assert (row.section, row.sentence_id, row.speaker, row.voice) == ("headline", -1, "police", "reported")
    assert arts.loc[0, "headline"][row.start:row.end] == "Ferry firm caused the oil spill"[:row.end - row.start]
    assert tag_claims(arts, codebook=POLICY, headlines=False).empty


def test_claim_frequency_counts_each_article_once():
    # one article asserts, hedges and reports a denial: it counts once, as asserting
    c = pd.DataFrame({"article_id": ["a", "a", "a", "b", "c"], "claim_id": ["X"] * 5,
                      "stance": ["asserts", "hedged", "denies", "denies", "asserts"],
                      "voice": ["own", "own", "reported", "reported", "reported"]})
    freq = analysis.claim_frequency(c).iloc[0]
    assert (freq.n_articles, freq.n_asserts, freq.n_hedged, freq.n_denies, freq.n_reported) == (3, 1, 0, 0, 2)
    assert freq.n_asserts + freq.n_hedged + freq.n_denies + freq.n_reported == freq.n_articles
    # c reports someone asserting it: an independent origin of support; b only reports a denial
    assert freq.n_origins == 2
    matrix = analysis.source_claim_matrix(c.assign(outlet=c["article_id"]), by="outlet")
    assert matrix["X"].to_dict() == {"a": "asserts", "b": "reports", "c": "reports"}


def test_an_outlet_never_conflicts_with_itself():
    c = pd.DataFrame({"article_id": ["a", "a"], "sentence_id": [0, 1], "claim_id": ["X", "X"],
                      "stance": ["asserts", "denies"], "speaker": ["Wire Herald", "Wire Herald"],
                      "voice": ["own", "reported"], "sentence": ["s", "t"], "start": [0, 0], "end": [1, 1]})
    assert analysis.find_contradictions(c, include_same_article=True).empty
    pairs = analysis.pairwise_agreement(c.assign(outlet="Wire Herald"), by="outlet", min_shared=0)
    assert pairs.empty or (pairs.n_conflict == 0).all()


def test_a_denial_after_the_claim_looks_back_at_it():
    got = _tag("Officials in Northland accused Southland of the bombing of the bridge, which Southland has denied.",
               book=BLAST)
    assert sorted(map(tuple, got[["claim_id", "stance", "speaker"]].values.tolist())) == [
        ("B2", "asserts", "Officials in Northland"), ("B2", "denies", "Southland")]


def test_a_claim_worded_with_the_denial_verb_is_not_denied_by_it():
    book = parse_codebook("""
claims:
  - id: R1
    label: An inquiry disputed the official account
    rules:
      - all: [[inquiry], [disput*, contest*], [official account, official version]]
""")
    got = tag_claims(article_frame("The inquiry disputed the official account of the fire."), codebook=book)
    assert got[["claim_id", "stance"]].values.tolist() == [["R1", "asserts"]]


@pytest.mark.parametrize("body, speaker", [
    ("The Northland government has steadfastly denied it.", "Northland government"),  # an -ly adverb
    ("However, both Northland and Southland have been denying the reports.", "Northland and Southland"),
    ("The agency cited spokesman Tom Roe as saying the ferry sank.", "Tom Roe"),     # cited ... as saying
    ("The move was criticised by the port authority, which said the ferry sank.", "port authority"),
    ("Northland's Ambassador to the U.N. Ann Lee rejected the report.", "Ann Lee"),  # name after the complement
    ("The sister of President Tom Roe denied the report.", "sister of President Tom Roe"),  # after "of": someone else
])
def test_more_ways_news_names_a_speaker(body, speaker):
    attrs = analysis.extract_attributions(article_frame(body))
    assert attrs["speaker"].tolist() == [speaker]


TOLL = parse_codebook("""
codebook: Dam collapse (test)
claims:
  - id: T1
    label: The collapse killed hundreds
    rules:
      - all: [[killed, dead], [hundreds]]
  - id: T2
    label: Heavy rain broke the dam
    rules:
      - all: [[rain, rainfall], [dam]]
""")


def test_a_clause_with_its_own_reporting_verb_has_its_own_speaker():
    # "..., which X said ...": the toll is the ministry's, not the main clause's speaker
    got = _tag("The mayor said the dam at Kestrel Falls collapsed on Monday, which the health ministry said "
               "killed hundreds of people.", book=TOLL)
    assert got[["claim_id", "speaker"]].values.tolist() == [["T1", "health ministry"]]
    # "X blamed ..., while Y said ...": each clause keeps its own speaker
    got = _tag("Residents blamed the engineers for the collapse, while the regional governor said heavy rain "
               "broke the dam.", book=TOLL)
    assert got[["claim_id", "speaker"]].values.tolist() == [["T2", "regional governor"]]
    # a closing attribution speaks for the whole sentence, relative clause included
    got = _tag("The flood, which followed weeks of heavy rain, broke the old dam, the regional governor said.",
               book=TOLL)
    assert got[["claim_id", "speaker"]].values.tolist() == [["T2", "regional governor"]]
    # a clause with no reporting verb of its own keeps the sentence's speaker
    got = _tag("The governor said heavy rain broke the dam, while rescuers searched the valley.", book=TOLL)
    assert got[["claim_id", "speaker"]].values.tolist() == [["T2", "governor"]]


@pytest.mark.parametrize("text, denial", [
    ("The minister shrugged off Western claims that the port shipped fuel.", True),
    ("The agency brushed aside reports that the dam had cracked.", True),
    ("The envoy labelled as rumours the claims that the ferry sank.", True),
    ("The coach shrugged off the defeat and praised his players.", False),
])
def test_shrugging_off_a_statement_is_a_denial(text, denial):
    assert bool(stance_cues(text).denials) is denial


@pytest.mark.parametrize("text, hedged", [
    ("The fire claimed the lives of at least 40 people.", False),
    ("The storm claimed more than 200 lives in the valley.", False),
    ("A militia claimed responsibility for the attack on the depot.", False),
    ("The ministry claimed that the fire killed 40 people.", True),
])
def test_claiming_lives_or_responsibility_is_no_hedge(text, hedged):
    assert bool(stance_cues(text).hedges) is hedged


def test_a_hedging_verb_closing_the_sentence_hedges_what_came_before():
    got = _tag("Heavy rain broke the dam, officials believe.", book=TOLL)
    assert got[["claim_id", "stance", "speaker"]].values.tolist() == [["T2", "hedged", "officials"]]
    got = _tag("Heavy rain broke the dam, officials said.", book=TOLL)
    assert got[["claim_id", "stance"]].values.tolist() == [["T2", "asserts"]]


def test_a_spokesman_quoted_for_the_denying_body_is_the_denier():
    got = _tag("KESTREL: The ministry on Monday denied reports that heavy rain broke the dam, the agency cited "
               "ministry spokesman Ivo Rask as saying.", book=TOLL)
    assert got[["claim_id", "stance", "speaker"]].values.tolist() == [["T2", "denies", "Ivo Rask"]]
    # an outlet reporting someone's denial still names the denying party
    got = _tag("The ministry on Monday denied reports that heavy rain broke the dam, the Daily Courier reported.",
               book=TOLL)
    assert got[["claim_id", "stance", "speaker"]].values.tolist() == [["T2", "denies", "ministry"]]
