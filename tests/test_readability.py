"""Readability: textstat's dictionary-based metrics, computed offline."""

from __future__ import annotations

import math

import pandas as pd
import pytest

import analysis
from analysis.text.readability import READABILITY_COLUMNS, ensure_cmudict


@pytest.fixture()
def no_downloads(monkeypatch):
    import nltk

    def refuse(*args, **kwargs):
        raise AssertionError("readability tried to download NLTK data")

    monkeypatch.setattr(nltk, "download", refuse)


def test_seed_readability_offline(seed_articles, no_downloads):
    scores = analysis.readability(seed_articles)
    assert list(scores.columns) == READABILITY_COLUMNS
    assert scores["article_id"].tolist() == seed_articles["article_id"].tolist()
    # plausible ranges for wire-style news prose
    assert scores["flesch_reading_ease"].between(0, 70).all()
    assert scores["flesch_kincaid_grade"].between(8, 22).all()
    assert (scores["reading_time_s"] > 0).all()


def test_syllables_come_from_the_cmu_dictionary(no_downloads):
    ensure_cmudict()
    import textstat
    from textstat.backend.utils import get_cmudict

    cmu = get_cmudict("en_US")
    assert cmu is not None and len(cmu) > 100_000
    # "fire" is one syllable in CMU (F AY1 ER0 is two phones with one... check the dictionary itself)
    for word in ("missile", "ukraine", "ammunition", "pyongyang"):
        if word in cmu:
            expected = sum(1 for p in cmu[word][0] if p[-1].isdigit())
            assert textstat.syllable_count(word) == expected


def test_flesch_matches_textstat_formula(no_downloads):
    body = "Russia fired missiles at Ukraine. The report says so. Officials denied it."
    frame = pd.DataFrame({"article_id": ["x"], "body": [body]})
    row = analysis.readability(frame).iloc[0]
    words, sents, syll = row["n_words"], row["n_sentences"], row["n_syllables"]
    assert (words, sents) == (12, 3)
    expected = 206.835 - 1.015 * (words / sents) - 84.6 * (syll / words)
    assert math.isclose(row["flesch_reading_ease"], round(expected, 2), abs_tol=0.01)


def test_empty_body_gives_nan_not_an_error():
    frame = pd.DataFrame({"article_id": ["e"], "body": [""]})
    row = analysis.readability(frame).iloc[0]
    assert math.isnan(row["flesch_reading_ease"]) and row["n_words"] == 0
