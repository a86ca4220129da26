"""Text reuse: passages shared by article pairs, and the pairwise summary."""

from __future__ import annotations

import time

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import analysis
from analysis.errors import CorpusError, ParameterError
from analysis.text.shingles import normalise, quote_spans
from tests.conftest import article_frame

AFP = "000_7b7c7d69851d0b2e"
CNEWS = "001_54d67b54892901e9"
SITE34 = "002_7567d1e6eaa96bea"
REUTERS = "003_4f2c14c7a6e8c335"
YONHAP = "004_ea76408ea7aed2fe"


@pytest.fixture(scope="module")
def seed_reuse(seed_articles):
    return analysis.find_text_reuse(seed_articles)


def _bodies(articles):
    return dict(zip(articles["article_id"], articles["body"]))


def test_offsets_slice_the_real_text(seed_articles, seed_reuse):
    bodies = _bodies(seed_articles)
    assert len(seed_reuse) > 0
    for row in seed_reuse.itertuples():
        assert bodies[row.article_a][row.start_a:row.end_a] == row.text
        assert bodies[row.article_b][row.start_b:row.end_b] == row.text_b
        assert row.n_matched >= 10 and 0 < row.score <= 1


def test_afp_copy_and_its_rewrite_share_passages(seed_reuse):
    pair = seed_reuse[(seed_reuse.article_a == AFP) & (seed_reuse.article_b == SITE34)]
    texts_a = " | ".join(pair["text"])
    texts_b = " | ".join(pair["text_b"])
    # hand-checked against the two bodies
    assert "The powerful sister of North Korean leader Kim Jong Un this month" in texts_a
    assert "The powerful sister of North Korean leader Kim Jong Un this month" in texts_b
    assert "that Russia used ballistic missiles produced in North Korea in its war against Ukraine" in texts_a
    assert "that Russia used ballistic missiles made in North Korea in its war against Ukraine" in texts_b
    assert "a return visit by Putin to North Korea" in texts_a
    # a small edit ("munitions" / "ammunition", "violate rafts of" / "be a violation of") is bridged
    assert any(t.startswith("South Korea accuses Pyongyang of sending thousands of containers of munitions")
               and "United Nations sanctions" in t for t in pair["text"])


def test_unrelated_seeds_share_no_passage(seed_reuse):
    pairs = set(zip(seed_reuse.article_a, seed_reuse.article_b))
    # Reuters and Yonhap share only "a significant and concerning escalation in" (a quote, 6 words)
    assert (REUTERS, YONHAP) not in pairs
    # AFP and Yonhap share only a name: "North Korean leader Kim Jong Un"
    assert (AFP, YONHAP) not in pairs
    assert not any(REUTERS in p for p in pairs)


def test_summary_containment_both_ways(seed_articles, seed_reuse):
    summary = analysis.reuse_summary(seed_articles, seed_reuse)
    top = summary.iloc[0]
    assert (top.article_a, top.article_b) == (AFP, SITE34)
    lengths = seed_articles.set_index("article_id")["body"].str.len()
    assert top.containment_a == pytest.approx(top.shared_chars_a / lengths[AFP])
    assert top.containment_b == pytest.approx(top.shared_chars_b / lengths[SITE34])
    # about a quarter of the rewrite is AFP text; every other pair shares < 6 %
    assert 0.15 < top.containment_b < 0.4 and 0.1 < top.containment_a < 0.3
    assert (summary.iloc[1:][["containment_a", "containment_b"]] < 0.06).all().all()
    assert ((summary.containment_a <= 1) & (summary.containment_b <= 1)).all()


def test_summary_computes_reuse_when_omitted(seed_articles, seed_reuse):
    a = analysis.reuse_summary(seed_articles)
    b = analysis.reuse_summary(seed_articles, seed_reuse)
    pd.testing.assert_frame_equal(a, b)


SHARED = ("Officials in Kyiv said the debris recovered near the railway station matched components "
          "photographed at a weapons factory outside Pyongyang last summer.")


def test_lifted_paragraph_found_inside_different_text():
    arts = article_frame("Local reporters visited the site on Monday. " + SHARED + " Nobody was hurt.",
                         "In other news, markets fell sharply. " + SHARED.replace("said", "stated") + " More later.",
                         "A completely different story about football and the weather in Spain.")
    reuse = analysis.find_text_reuse(arts)
    assert reuse[["article_a", "article_b"]].values.tolist() == [["a0", "a1"]]
    row = reuse.iloc[0]
    assert row.text.startswith("Officials in Kyiv") and row.text.endswith("last summer")
    assert row.n_matched == row.n_words - 1  # "said" vs "stated"
    exact = analysis.find_text_reuse(arts, max_gap=0)
    assert len(exact) == 1 and exact.iloc[0].text.startswith("the debris recovered")


def test_repeated_passage_in_one_article_is_reported_twice():
    body = SHARED + "\n\nFiller words here to separate them properly today.\n\n" + SHARED
    reuse = analysis.find_text_reuse(article_frame(body, "Intro. " + SHARED))
    assert len(reuse) == 2
    summary = analysis.reuse_summary(article_frame(body, "Intro. " + SHARED), reuse)
    assert summary.iloc[0].shared_chars_b == len(SHARED) - 1  # counted once on b's side (no final dot)


def test_boilerplate_shingles_are_ignored_above_max_df():
    footer = " Follow us on social media for the latest breaking news updates from around the world today."
    arts = article_frame(*[f"Story number {w} about topic {w}." + footer for w in "abcd"])
    assert len(analysis.find_text_reuse(arts)) == 6  # all pairs share the footer
    assert analysis.find_text_reuse(arts, max_df=3).empty


def test_quoted_statement_is_flagged_not_copying():
    quote = '"We will keep strengthening cooperation to address the weapons programmes of the North," she said.'
    arts = article_frame("The envoy spoke in New York. " + quote, "At the briefing: " + quote)
    reuse = analysis.find_text_reuse(arts)
    assert len(reuse) == 1 and bool(reuse.iloc[0].quoted)
    assert analysis.reuse_summary(arts, reuse, include_quoted=False).empty
    assert len(analysis.reuse_summary(arts, reuse)) == 1


def test_edge_cases_empty_and_missing_bodies():
    arts = article_frame("", "Short.", "   ")
    arts.loc[1, "body"] = None
    out = analysis.find_text_reuse(arts)
    assert out.empty and list(out.columns)[:7] == ["article_a", "start_a", "end_a", "article_b",
                                                     "start_b", "end_b", "text"]
    assert analysis.reuse_summary(arts, out).empty
    assert analysis.find_text_reuse(article_frame(SHARED)).empty


def test_bad_input_errors():
    with pytest.raises(ValueError, match="needs columns body"):
        analysis.find_text_reuse(pd.DataFrame({"article_id": ["a"]}))
    with pytest.raises(CorpusError, match="repeated: x"):
        analysis.find_text_reuse(article_frame(SHARED, SHARED, ids=["x", "x"]))
    for bad in ({"ngram": 1}, {"min_words": 0}, {"max_df": 1}, {"max_gap": -1}, {"ngram": 2.5}, {"ngram": 99}):
        with pytest.raises(ParameterError):
            analysis.find_text_reuse(article_frame(SHARED, SHARED), **bad)


def test_adversarial_megabyte_inputs_stay_linear():
    refrain = "the cat sat on a mat with a hat. " * 30000  # ~1 MB, every shingle repeated
    start = time.perf_counter()
    out = analysis.find_text_reuse(article_frame(refrain, refrain + " the end.", "!?" * 500000))
    assert time.perf_counter() - start < 20
    assert out.empty  # a refrain is not evidence of copying
    # ... but two identical bodies are one text published twice: one whole-body copy row
    same = analysis.find_text_reuse(article_frame(refrain, refrain))
    assert same[["article_a", "article_b", "exact_copy", "score"]].values.tolist() == [["a0", "a1", True, 1.0]]


def test_normalise_folds_spelling_variants():
    assert normalise("U.N.") == normalise("UN") == "un"
    assert normalise("Ukraine’s") == normalise("Ukraine") == "ukraine"
    assert normalise("vetoed") == normalise("veto") == "veto"
    assert normalise("countries") == normalise("country")


def test_quote_spans_close_at_paragraph_end():
    body = 'He said "open quote runs on\nNext paragraph “curly” end'
    spans = quote_spans(body)
    assert [body[s:e] for s, e in spans] == ['"open quote runs on', "“curly”"]


WORDS = st.lists(st.sampled_from("alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima "
                                 "mike november oscar papa quebec romeo sierra tango".split()), max_size=40)


@settings(max_examples=40, deadline=None)
@given(before_a=WORDS, after_a=WORDS, before_b=WORDS, after_b=WORDS)
def test_property_shared_passage_recovered_with_exact_offsets(before_a, after_a, before_b, after_b):
    shared = "Zulu yankee xray whiskey victor uniform twelve thirteen fourteen fifteen sixteen seventeen"
    body_a = " ".join(before_a + [shared] + after_a)
    body_b = " ".join(before_b + [shared] + after_b)
    reuse = analysis.find_text_reuse(article_frame(body_a, body_b))
    assert len(reuse) >= 1
    for row in reuse.itertuples():
        assert body_a[row.start_a:row.end_a] == row.text
        assert body_b[row.start_b:row.end_b] == row.text_b
    assert any(shared in t for t in reuse["text"])


SPANS = st.lists(st.tuples(st.integers(0, 60), st.integers(1, 30)), min_size=1, max_size=12)


@settings(max_examples=60, deadline=None)
@given(spans=SPANS)
def test_property_containment_counts_overlaps_once(spans):
    body = "x" * 100
    reuse = pd.DataFrame({"article_a": "a", "article_b": "b",
                          "start_a": [s for s, _ in spans], "end_a": [s + n for s, n in spans],
                          "start_b": 0, "end_b": 10, "n_words": 10, "quoted": False})
    summary = analysis.reuse_summary(article_frame(body, body, ids=["a", "b"]), reuse)
    expected = len({i for s, n in spans for i in range(s, s + n)})
    assert summary.iloc[0].shared_chars_a == expected
    assert summary.iloc[0].shared_chars_b == 10 and summary.iloc[0].n_passages == len(spans)


def test_verbatim_copies_are_collapsed_onto_their_first_article():
    story = ("The regional council said on Monday that the new bridge would open in May after "
             "two years of delays caused by flooding and a dispute over steel prices.")
    other = ("Engineers said the new bridge would open in May after two years of delays caused "
             "by flooding, the council confirmed in a statement on its website.")
    frame = article_frame(story, other, story, "Unrelated text about football.", story)
    out = analysis.find_text_reuse(frame)
    copies = out[out["exact_copy"]]
    # every later copy points at the first article with that body, spanning all of it
    assert copies[["article_a", "article_b"]].values.tolist() == [["a0", "a2"], ["a0", "a4"]]
    assert (copies["start_a"] == 0).all() and (copies["end_a"] == len(story)).all()
    assert (copies["text"] == story).all() and (copies["score"] == 1.0).all()
    # the passage shared with a different text is reported once, against the first copy
    passages = out[~out["exact_copy"]]
    assert passages[["article_a", "article_b"]].values.tolist() == [["a0", "a1"]]
    # and the origins step groups all three copies and the rewrite as one origin
    origins = analysis.origins(frame.assign(outlet=list("ABCDE")), out)
    assert origins.set_index("article_id")["origin_id"].loc[["a0", "a1", "a2", "a4"]].nunique() == 1
