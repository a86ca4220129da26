"""Pathological text: every extractor stays linear, never raises, and its spans index the body.

Adversarial inputs (``tests/adversarial.py``: long digit and comma runs,
repeated qualifiers, a long single sentence, deeply nested quotes and
brackets, thousands of cues or acronyms) must not make any extractor raise
or produce a span that does not index the body.  Whether their cost stays
linear is measured by ``benchmarks/bench_adversarial.py`` (``make bench``),
not by timed tests.  Property-based tests feed arbitrary text mixed with
news vocabulary and check the same invariants.
"""

from __future__ import annotations

import warnings

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import analysis
from tests.conftest import article_frame
from tests.adversarial import ADVERSARIAL, adversarial_frame

EXTRACTORS = {
    "sentences": lambda arts: analysis.sentences(arts),
    "extract_quantities": lambda arts: analysis.extract_quantities(arts),
    "extract_dates": lambda arts: analysis.extract_dates(arts),
    "extract_attributions": lambda arts: analysis.extract_attributions(arts),
    "tag_claims": lambda arts: analysis.tag_claims(arts),
    "find_text_reuse": lambda arts: analysis.find_text_reuse(arts),
}


def check_spans(name: str, arts: pd.DataFrame, out: pd.DataFrame) -> None:
    """Assert every span of ``out`` indexes the body it came from."""
    bodies = dict(zip(arts["article_id"], arts["body"]))
    if name == "find_text_reuse":
        for r in out.itertuples():
            assert bodies[r.article_a][r.start_a:r.end_a] == r.text
            assert bodies[r.article_b][r.start_b:r.end_b] == r.text_b
        return
    text_col = {"sentences": "text", "extract_quantities": "surface", "extract_dates": "surface"}.get(name, "sentence")
    sentences = analysis.sentences(arts).set_index(["article_id", "sentence_id"])["text"]
    if name in ("extract_attributions", "tag_claims"):
        # start/end: the words naming the speaker / stating the claim, inside the sentence;
        # sentence_start/sentence_end: the sentence (a claim row of a headline indexes the headline)
        heads = dict(zip(arts["article_id"], arts["headline"])) if "headline" in arts else {}
        for r in out.to_dict("records"):
            text = heads[r["article_id"]] if r.get("section") == "headline" else bodies[r["article_id"]]
            assert text[r["sentence_start"]:r["sentence_end"]] == r["sentence"], r
            if r.get("section") != "headline":
                assert r["sentence"] == sentences[(r["article_id"], r["sentence_id"])], r
            if r["start"] >= 0 or name == "tag_claims":
                assert r["sentence_start"] <= r["start"] < r["end"] <= r["sentence_end"], r
            else:
                assert r["start"] == r["end"] == -1, r
            if name == "extract_attributions" and r["cue_start"] >= 0:
                assert r["sentence_start"] <= r["cue_start"] < r["cue_end"] <= r["sentence_end"], r
            if name == "extract_attributions" and r["quote_start"] >= 0:
                assert 0 <= r["quote_start"] < r["quote_end"] <= len(text), r
        return
    for r in out.to_dict("records"):
        body = bodies[r["article_id"]]
        assert 0 <= r["start"] < r["end"] <= len(body), r
        assert body[r["start"]:r["end"]] == r[text_col], r
        if "sentence" in r and name != "sentences":
            # the sentence column is the sentence the span sits in
            assert r["sentence"] == sentences[(r["article_id"], r["sentence_id"])], r
            assert r[text_col] in r["sentence"] or name in ("extract_attributions", "tag_claims"), r
        if name == "extract_attributions":
            if r["cue_start"] >= 0:
                assert r["start"] <= r["cue_start"] < r["cue_end"] <= r["end"], r
            if r["quote_start"] >= 0:
                assert 0 <= r["quote_start"] < r["quote_end"] <= len(body), r


def run(name: str, arts: pd.DataFrame) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return EXTRACTORS[name](arts)


# --- adversarial inputs ---------------------------------------------------------


@pytest.mark.parametrize("kind", list(ADVERSARIAL))
@pytest.mark.parametrize("name", list(EXTRACTORS))
def test_extractors_survive_adversarial_text(name, kind):
    arts = adversarial_frame(kind, 20_000)
    out = run(name, arts)
    assert isinstance(out, pd.DataFrame)
    check_spans(name, arts, out.head(3000))


@pytest.mark.slow
@pytest.mark.timeout(300)  # a hang guard, not a speed test: benchmarks/bench_adversarial.py measures cost
@pytest.mark.parametrize("name", list(EXTRACTORS))
def test_quarter_million_character_sentence(name):
    sentence = "the minister said that about 1,200 North Korean missiles were fired at Kharkiv on May 5 and "
    body = sentence * (250_000 // len(sentence)) + "it ended."
    arts = article_frame(body, "Unrelated opening. " + body[:50_000])
    out = run(name, arts)
    if name == "sentences":
        assert out[out["article_id"] == "a0"]["text"].tolist() == [body]
    check_spans(name, arts, out.head(2000))


# --- arbitrary text -------------------------------------------------------------------

NEWS_PIECES = [
    " ", " ", " ", "\n", "\n\n", ".", ",", ";", ":", "!", "?", "...", '"', "“", "”", "‘", "’", "'", "(", ")",
    "[", "]", "-", "–", "—", "/", "%", "$", "€", "said", "says", "told", "according to", "denied", "Mr.", "U.S.",
    "Gen.", "Jan.", "about", "more than", "at least", "up to", "nearly", "roughly", "between", "and", "to",
    "of", "the", "The", "He", "She", "They", "it", "1", "12", "200", "1,200", "3.5", "2.5m", "5%", "1/2", "½",
    "million", "billion", "dozens", "hundreds", "km", "tonnes", "missiles", "containers", "people", "January",
    "May", "Monday", "last week", "yesterday", "5 May 2024", "2024", "2023-11-05", "May 5-7", "North Korea",
    "Russia", "Ukraine", "Pyongyang", "Moscow", "Kim Jong Un", "the Pentagon", "fired", "shipped", "sanctions",
    "UN", "DIA", "KN-23", "\u00a0", "\u2028", "\t", "é", "ß", "中文", "٣", "🚀", "\u0301",
]

news_text = st.lists(st.one_of(st.sampled_from(NEWS_PIECES), st.text(max_size=8)), max_size=80).map("".join)

PROPERTY_SETTINGS = settings(max_examples=40, deadline=None,
                             suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.mark.parametrize("name", list(EXTRACTORS))
@PROPERTY_SETTINGS
@given(first=news_text, second=news_text, share=st.booleans(), dated=st.booleans())
def test_extractors_never_raise_and_spans_index_the_body(name, first, second, share, dated):
    if share:
        second = second + " " + first  # shared passage for reuse detection
    arts = article_frame(first, second, published="2024-05-30" if dated else None)
    out = run(name, arts)
    assert isinstance(out, pd.DataFrame)
    check_spans(name, arts, out)


@pytest.mark.parametrize("name", list(EXTRACTORS))
def test_extractors_on_empty_and_blank_bodies(name):
    arts = article_frame("", "   \n\n  ", "\u2028\u00a0")
    out = run(name, arts)
    assert isinstance(out, pd.DataFrame)
    check_spans(name, arts, out)


@pytest.mark.parametrize("name", list(EXTRACTORS))
def test_extractors_on_hostile_corpus_keep_spans(name, tmp_path):
    from tests.hostile_corpus import write_hostile_corpus

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        arts = analysis.load_corpus(write_hostile_corpus(tmp_path))
    out = run(name, arts)
    check_spans(name, arts, out)
    assert len(out) > 0, f"{name} found nothing in the hostile corpus"
