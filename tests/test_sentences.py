"""Sentence splitting: offsets, news abbreviations, quotations, datelines."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

import analysis
from analysis.text.sentences import SentenceIndex, iter_sentence_spans
from tests.conftest import article_frame


def split(text: str) -> list[str]:
    return [text[s:e] for s, e in iter_sentence_spans(text)]


@pytest.mark.parametrize("text, expected", [
    ("The U.S. said on Jan. 5 that it would act. Russia denied it.",
     ["The U.S. said on Jan. 5 that it would act.", "Russia denied it."]),
    ("Mr. Kim met Gen. Park at No. 10 Downing St. on Sept. 13. They talked.",
     ["Mr. Kim met Gen. Park at No. 10 Downing St. on Sept. 13.", "They talked."]),
    ("The U.N. Security Council met. The vote failed.",
     ["The U.N. Security Council met.", "The vote failed."]),
    ("It was imposed by the U.S. The move angered Moscow.",
     ["It was imposed by the U.S.", "The move angered Moscow."]),
    ('"We will act," he said. "It is absurd." She left.',
     ['"We will act," he said.', '"It is absurd."', "She left."]),
    ("It cost $1.13bn. Profits rose 2.5% in 2004.",
     ["It cost $1.13bn.", "Profits rose 2.5% in 2004."]),
    ("Is it true? Yes! It is.", ["Is it true?", "Yes!", "It is."]),
    ("Washington, United States:\n\nRussia is using missiles.",
     ["Washington, United States:", "Russia is using missiles."]),
    ("Shares in Apple Inc. rose. Apple Inc. shares fell.",
     ["Shares in Apple Inc. rose.", "Apple Inc. shares fell."]),
    ("J. Smith wrote it. He left.", ["J. Smith wrote it.", "He left."]),
    ("It ended... Then it began.", ["It ended...", "Then it began."]),
])
def test_news_abbreviations_and_quotes(text, expected):
    assert split(text) == expected


def test_no_is_an_abbreviation_only_before_a_number():
    assert split("He said no. The talks ended.") == ["He said no.", "The talks ended."]


def test_line_breaks_always_end_sentences():
    assert split("Headline without stop\nBody starts here. Ends.") == [
        "Headline without stop", "Body starts here.", "Ends."]


def test_sentences_frame_columns_and_offsets(seed_articles):
    sents = analysis.sentences(seed_articles)
    assert list(sents.columns) == ["article_id", "sentence_id", "paragraph_id", "start", "end", "text"]
    bodies = seed_articles.set_index("article_id")["body"]
    for row in sents.itertuples():
        assert bodies[row.article_id][row.start:row.end] == row.text
    # sentence ids run 0..n-1 within each article, in body order
    for _, group in sents.groupby("article_id"):
        assert group["sentence_id"].tolist() == list(range(len(group)))
        assert group["start"].is_monotonic_increasing


def test_seed_sentences_hand_checked(seed_articles):
    sents = analysis.sentences(seed_articles)
    yonhap = sents[sents.article_id == "004_ea76408ea7aed2fe"]["text"].tolist()
    assert yonhap[0] == "By YonhapPublished : Jan. 5, 2024 - 09:14"
    assert yonhap[1].startswith("North Korea recently provided Russia with several dozen")
    assert yonhap[1].endswith("amid its protracted war in Ukraine.")
    # the Sept. 13 abbreviation does not split the last sentence
    assert any(t.startswith("The transaction came amid persistent speculation that the Sept. 13 summit")
               and t.endswith("might have led to an arms deal.") for t in yonhap)
    cnews = sents[sents.article_id == "001_54d67b54892901e9"]["text"].tolist()
    assert "This situation could signal the end of a long-standing consensus among U.N. Security Council " \
           "members to prevent North Korea from expanding its nuclear and ballistic missile capabilities." in cnews


def test_paragraph_ids_count_lines():
    frame = analysis.sentences(article_frame("One. Two.\n\nThree.\nFour."))
    assert frame["paragraph_id"].tolist() == [0, 0, 1, 2]


def test_empty_and_missing_bodies():
    frame = pd.DataFrame({"article_id": ["a", "b"], "body": ["", None]})
    assert analysis.sentences(frame).empty


def test_bad_input_types():
    with pytest.raises(TypeError, match="DataFrame"):
        analysis.sentences(["not", "a", "frame"])
    with pytest.raises(ValueError, match="body"):
        analysis.sentences(pd.DataFrame({"article_id": ["a"]}))


def test_sentence_index_locates_offsets():
    body = "First one. Second one.\nThird."
    index = SentenceIndex(body)
    assert index.locate(0) == 0
    assert index.locate(body.index("Second")) == 1
    assert index.locate(body.index("Third")) == 2
    assert index.text(1) == "Second one."


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .!?\"'“”\n\tU.S.Mr3")), max_size=300))
def test_spans_always_index_the_body(text):
    spans = list(iter_sentence_spans(text))
    prev_end = 0
    for s, e in spans:
        assert 0 <= prev_end <= s < e <= len(text)
        piece = text[s:e]
        assert piece == piece.strip() and piece
        prev_end = e
    # nothing but white space falls between sentences
    covered = "".join(text[s:e] for s, e in spans)
    assert sum(1 for ch in text if not ch.isspace()) == sum(1 for ch in covered if not ch.isspace())


def test_a_long_line_without_punctuation_is_one_sentence():
    # its cost on long inputs is measured by benchmarks/bench_adversarial.py
    assert len(split("word " * 1000)) == 1
    assert len(split("U.S. " * 1000)) >= 1


def test_a_line_longer_than_the_cap_is_cut_at_white_space(monkeypatch):
    from analysis.text import sentences as module

    monkeypatch.setattr(module, "MAX_SENTENCE_CHARS", 20)
    body = "alpha beta gamma delta epsilon zeta eta theta"
    spans = list(module.iter_sentence_spans(body))
    assert all(e - s <= 20 for s, e in spans)
    assert [body[s:e] for s, e in spans] == ["alpha beta gamma", "delta epsilon zeta", "eta theta"]
    # no white space at all: hard cuts, nothing lost
    blob = "x" * 45
    assert [e - s for s, e in module.iter_sentence_spans(blob)] == [20, 20, 5]
