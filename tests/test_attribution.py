"""extract_attributions and the quote finder: seeds table, patterns, edge cases, robustness."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

import analysis
from analysis.sources.attribution import COLUMNS, extract_attributions
from analysis.text.quotes import quote_spans
from analysis.sources.speakers import SPEAKER_TYPES, speaker_type, split_role
from tests.conftest import article_frame

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="module")
def seed_attr(seed_articles):
    return extract_attributions(seed_articles)


def _one(body: str, **kw) -> pd.DataFrame:
    return extract_attributions(article_frame(body), **kw)


def test_seed_attributions_match_hand_checked_table(seed_articles):
    expected = pd.read_csv(FIXTURES / "seed_attributions_expected.csv")
    got = extract_attributions(seed_articles, narrator=False)
    key = ["article_id", "sentence_id"]
    merged = expected.merge(got, on=key, how="outer", suffixes=("_exp", "_got"), indicator=True)
    assert (merged["_merge"] == "both").all(), merged[merged["_merge"] != "both"][key]
    for col in ("speaker", "speaker_type", "cue", "quoted"):
        bad = merged[merged[f"{col}_exp"] != merged[f"{col}_got"]]
        assert bad.empty, bad[key + [f"{col}_exp", f"{col}_got"]]


def test_every_sentence_gets_one_row_and_offsets_index_the_body(seed_articles, seed_attr):
    assert list(seed_attr.columns) == COLUMNS
    sents = analysis.sentences(seed_articles)
    assert len(seed_attr) == len(sents)
    assert (seed_attr[["article_id", "sentence_id"]].values == sents[["article_id", "sentence_id"]].values).all()
    bodies = dict(zip(seed_articles["article_id"], seed_articles["body"]))
    for r in seed_attr.itertuples():
        body = bodies[r.article_id]
        assert body[r.sentence_start:r.sentence_end] == r.sentence
        if r.cue_start >= 0:
            assert r.sentence_start <= r.cue_start < r.cue_end <= r.sentence_end
        if r.quoted:
            assert r.sentence_start <= r.quote_start < r.quote_end <= r.sentence_end
        else:
            assert r.quote_start == r.quote_end == -1
        # start/end: the words naming the speaker, inside the sentence; -1 when none are named
        if r.speaker_type == "narrator" or r.inherited:
            assert r.start == r.end == -1
        else:
            assert r.sentence_start <= r.start < r.end <= r.sentence_end
            assert body[r.start:r.end].strip() != ""
    assert set(seed_attr["speaker_type"]) <= set(SPEAKER_TYPES)


def test_narration_rows_name_the_outlet(seed_attr):
    nd = seed_attr[(seed_attr.article_id.str.startswith("000")) & (seed_attr.sentence_id == 21)].iloc[0]
    assert (nd.speaker, nd.speaker_type, nd.cue, nd.cue_start) == ("NDTV", "narrator", "", -1)


def test_surname_and_pronoun_resolve_to_full_name(seed_attr):
    yon = seed_attr[seed_attr.article_id.str.startswith("004")].set_index("sentence_id")
    assert yon.loc[8, "speaker"] == "John Kirby"        # "Kirby told a press briefing"
    assert yon.loc[7, "speaker"] == "John Kirby"        # "he explained"
    assert yon.loc[13, "speaker"] == "John Kirby"       # "according to Kirby"
    assert yon.loc[4, "speaker"] == "US official"       # "the official told Yonhap"
    ndtv = seed_attr[seed_attr.article_id.str.startswith("000")].set_index("sentence_id")
    assert ndtv.loc[18, "speaker"] == "Soo Kim"         # '... said Kim, who ...' is the Kim just named
    assert ndtv.loc[15, "speaker"] == "Hong Min"        # "he added" after "Hong told AFP"
    assert ndtv.loc[6, "speaker"] == "Defense Intelligence Agency"  # "it added" after "the DIA said"


def test_quoted_sentence_without_cue_inherits_its_quotation(seed_attr):
    ndtv = seed_attr[seed_attr.article_id.str.startswith("000")].set_index("sentence_id")
    assert ndtv.loc[19, "speaker"] == "Soo Kim" and ndtv.loc[19, "inherited"]
    assert ndtv.loc[19, "cue_start"] == -1


@pytest.mark.parametrize("body, speaker, stype, cue", [
    ("The army said on Monday that the bridge was destroyed.", "army", "military", "said"),
    ("The bridge was destroyed, said Maria Lopez, a senior analyst at the Rand Corporation.",
     "Maria Lopez", "expert", "said"),
    ("The bridge was destroyed, according to Seoul military officials.", "Seoul military officials", "military",
     "according to"),
    ("According to a report by the UN Security Council, the bridge was destroyed.", "UN Security Council",
     "international_body", "according to"),
    ('"The bridge is gone," Pedro Alvarez told Reuters.', "Pedro Alvarez", "person", "told"),
    ("The foreign ministry said in a statement that the bridge was destroyed.", "foreign ministry", "government",
     "said"),
    ("Soo Kim, a former CIA analyst, told AFP the bridge was destroyed.", "Soo Kim", "expert", "told"),
    ("Moscow denied the report.", "Russia", "government", "denied"),  # a capital speaks for its country
    ("The bridge was destroyed, a US official said Thursday, as talks stalled.", "US official",
     "official_unnamed", "said"),
    ("The bridge was destroyed, the Moscow Times reported.", "Moscow Times", "media", "reported"),
])
def test_attribution_patterns(body, speaker, stype, cue):
    row = _one(body).iloc[0]
    assert (row.speaker, row.speaker_type, row.cue) == (speaker, stype, cue)


def test_cue_inside_a_quote_is_not_an_attribution():
    row = _one('"They said it would never happen," Anna Berg wrote.').iloc[0]
    assert (row.speaker, row.cue) == ("Anna Berg", "wrote")


def test_paragraph_spanning_quote_keeps_one_speaker():
    body = ('Defence Minister Jan Novak spoke on Friday.\n'
            '"We will not give up the city.\n'
            '"Our troops are holding the line and will keep holding it," Novak said.')
    out = _one(body).set_index("sentence_id")
    assert out.loc[1, "speaker"] == out.loc[2, "speaker"] == "Jan Novak"
    assert out.loc[1, "inherited"] and not out.loc[2, "inherited"]
    assert out.loc[1, "speaker_type"] == "military"


def test_unbalanced_quotes_do_not_crash_and_keep_trailing_attribution():
    body = '"We will keep strengthening cooperation, she said.\n"Another unclosed quote here\nPlain text after.'
    out = _one(body)
    assert len(out) == 3
    # the unclosed quote is closed before ", she said" so the cue is found
    assert out.iloc[0].cue == "said"
    assert out.iloc[2].speaker_type == "narrator"


@pytest.mark.parametrize("body", ["", "   ", '"', '“”', '" " "', "''", "\n\n\"\n", "said", "according to"])
def test_degenerate_bodies(body):
    out = _one(body)
    assert list(out.columns) == COLUMNS


def test_only_attributed_rows_without_narrator():
    out = _one("The sky is blue. The army said it was green.", narrator=False)
    assert out["sentence_id"].tolist() == [1]


def test_input_errors():
    with pytest.raises(TypeError):
        extract_attributions(["not a frame"])
    with pytest.raises(ValueError, match="body"):
        extract_attributions(pd.DataFrame({"article_id": ["a"]}))


def test_quote_spans_kinds():
    body = 'He said "yes" and “no” and «maybe» and the players\' union said \'fine\' today.'
    got = [body[q.start:q.end] for q in quote_spans(body)]
    assert got == ["yes", "no", "maybe", "fine"]
    assert quote_spans("don't 'em rock'n'roll the ’90s") == []


def test_quote_spans_stray_closer_is_ignored():
    body = '"A gross violation," ," Oliemans said.'
    assert [body[q.start:q.end] for q in quote_spans(body)] == ["A gross violation,"]


@given(st.text(alphabet='ab "“”\'’.,\n' + "said told according to Kirby he", max_size=300))
@settings(max_examples=150, deadline=None)
def test_property_never_crashes_and_spans_index_body(body):
    for q in quote_spans(body):
        assert 0 <= q.start < q.end <= len(body)
    out = _one(body)
    for r in out.itertuples():
        assert body[r.sentence_start:r.sentence_end] == r.sentence
        assert (r.cue_start == -1) or (r.sentence_start <= r.cue_start < r.cue_end <= r.sentence_end)
        assert (r.start == r.end == -1) or (r.sentence_start <= r.start < r.end <= r.sentence_end)


@pytest.mark.timeout(120)
def test_adversarial_megabyte_is_linear():
    # long runs of quotes, commas, capitalised words and cues with no full stop
    body = ('"' * 1000 + ", said Kim " * 20000 + "A" * 100000 + " Kim Jong Un" * 20000
            + ' "unclosed, he said' * 10000)
    out = _one(body)
    assert len(out) >= 1


def test_speaker_helpers():
    assert split_role("Kremlin spokesman Dmitry Peskov") == ("Dmitry Peskov", "Kremlin spokesman")
    assert speaker_type("Dmitry Peskov", "Kremlin spokesman", named_person=True) == "government"
    assert speaker_type("Defense Intelligence Agency") == "intelligence"
    assert speaker_type("Wall Street Journal") == "media"


def test_bbc_runs_without_crash(bbc_dir):
    arts = analysis.load_corpus(bbc_dir).head(150)
    out = extract_attributions(arts)
    assert len(out) == len(analysis.sentences(arts))
    assert out["cue"].ne("").mean() > 0.2   # news text attributes a lot


def test_a_description_names_the_one_person_with_that_bare_title():
    body = ("Valdoria's ambassador to the UN dismissed the report on Monday. "
            "Ambassador Ilse Marren made the remarks in a written statement. "
            "The sister of Governor Piet Aalto said the report was fair. "
            "Governor Piet Aalto declined to comment.")
    got = extract_attributions(article_frame(body), narrator=False)
    # the only ambassador the article names, introduced by the bare title: one person
    assert got.loc[got["sentence_id"] == 0, "speaker"].tolist() == ["Ilse Marren"]
    # the head of "sister of Governor X" is "sister": not the governor
    assert "Piet Aalto" not in got.loc[got["sentence_id"] == 2, "speaker"].tolist()


@pytest.mark.parametrize("body, speakers", [
    # an adjective or a reduced passive reports nothing: no clause chunk as the speaker
    ("The minister refused to comment on reports about alleged fuel deliveries.", []),
    ("After the raid, police held a man suspected of arson near the depot.", []),
    ("The regulator, in response to the audit, named a firm accused of fraud.", []),
    # the verb with its subject still speaks
    ("Prosecutors alleged that the company hid losses.", ["Prosecutors"]),
    ("Officials suspected that the fire was arson.", ["officials"]),
])
def test_participle_cues_need_a_subject_that_reports(body, speakers):
    got = extract_attributions(article_frame(body), narrator=False)
    assert got["speaker"].tolist() == speakers


@pytest.mark.parametrize("body, speaker, cue", [
    ("The Northern Alliance denounced the growing trade between the two ports.", "Northern Alliance", "denounced"),
    ("The mayor hailed the new bridge as a turning point.", "mayor", "hailed"),
    ("An independent panel disputed the company's account of the spill.", "independent panel", "disputed"),
    ("The Valdorian government suggested that the ferry had been overloaded.", "Valdorian government", "suggested"),
])
def test_more_speech_act_verbs_name_their_subject(body, speaker, cue):
    got = extract_attributions(article_frame(body), narrator=False)
    assert got[["speaker", "cue"]].values.tolist() == [[speaker, cue]]
