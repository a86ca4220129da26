"""run_pipeline: the steps' own results, whatever the chunking; clear errors."""

from __future__ import annotations

import importlib.util

import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

import analysis
from analysis.errors import ParameterError
from analysis.scale.pipeline import (ARTICLE_STEPS, STEPS, chunk_bounds, concat_tables,
                               resolve_steps, run_chunk, run_pipeline)
from analysis.text.sentences import iter_sentence_spans
from tests.conftest import article_frame


# Every step's module is part of the package: a missing one fails here
# instead of quietly shrinking the parametrised tests below.
AVAILABLE = list(STEPS)
AVAILABLE_ARTICLE = [name for name in AVAILABLE if name in ARTICLE_STEPS]


def test_every_step_module_is_importable():
    for name, step in STEPS.items():
        assert importlib.util.find_spec(step.module) is not None, f"step {name}: {step.module} is missing"


def test_sentences_and_readability_equal_direct_calls(seed_articles):
    tables = run_pipeline(seed_articles, steps=["sentences", "readability"])
    assert sorted(tables) == ["articles", "readability", "sentences"]
    assert tables["articles"] is seed_articles
    pd.testing.assert_frame_equal(tables["sentences"], analysis.sentences(seed_articles))
    pd.testing.assert_frame_equal(tables["readability"], analysis.readability(seed_articles))


@pytest.mark.parametrize("name", [n for n in AVAILABLE if not STEPS[n].needs and not STEPS[n].uses])
def test_every_available_step_equals_its_function(seed_articles, name):
    tables = run_pipeline(seed_articles, steps=[name])
    direct = STEPS[name].load()(seed_articles)
    pd.testing.assert_frame_equal(tables[name], direct)


def test_corpus_steps_are_fed_the_earlier_tables(seed_articles):
    tables = run_pipeline(seed_articles, steps=["reuse", "origins", "claim_frequency", "agreement"])
    # the claims these need are added to the run
    assert {"claims", "reuse", "origins", "claim_frequency", "agreement"} <= set(tables)
    claims = analysis.tag_claims(seed_articles)
    reuse = analysis.find_text_reuse(seed_articles)
    origins = analysis.origins(seed_articles, reuse)
    pd.testing.assert_frame_equal(tables["origins"], origins)
    pd.testing.assert_frame_equal(tables["claim_frequency"], analysis.claim_frequency(claims, origins))
    pd.testing.assert_frame_equal(tables["agreement"],
                                  analysis.pairwise_agreement(claims, by="outlet", articles=seed_articles))
    # without origins, claim frequency counts every article as its own origin
    alone = run_pipeline(seed_articles, steps=["claim_frequency"])
    assert "origins" not in alone
    pd.testing.assert_frame_equal(alone["claim_frequency"], analysis.claim_frequency(claims))


def test_claims_reuse_the_chunks_attributions(seed_articles, monkeypatch):
    import analysis.claims.tagger as claims_module

    expected = analysis.tag_claims(seed_articles)
    assert len(expected) > 0
    calls = []
    real = claims_module.extract_attributions
    headlines = set(seed_articles["headline"])
    monkeypatch.setattr(claims_module, "extract_attributions",
                        lambda arts, *a, **k: calls.append(set(arts["body"]) <= headlines) or real(arts, *a, **k))
    tables = run_pipeline(seed_articles, steps=["attributions", "claims"], chunk_size=2)
    assert all(calls)  # the bodies' attributions are never recomputed inside tag_claims (headlines are tagged too)
    calls.clear()
    pd.testing.assert_frame_equal(tables["claims"], expected)
    alone = run_pipeline(seed_articles, steps=["claims"])
    assert calls.count(False) == 1
    pd.testing.assert_frame_equal(alone["claims"], expected)


def test_bad_codebook_fails_before_any_article(seed_articles, tmp_path, monkeypatch):
    from analysis.errors import CodebookError
    import analysis.scale.pipeline as pipeline

    ran = []
    monkeypatch.setattr(pipeline, "run_chunk", lambda *a, **k: ran.append(1))
    with pytest.raises(CodebookError, match="not found"):
        run_pipeline(seed_articles, steps="claims", codebook=tmp_path / "missing.yaml")
    assert ran == []


def test_agreement_needs_outlets():
    articles = article_frame("The ministry said it was true.").drop(columns=["outlet"])
    with pytest.raises(ParameterError, match="outlet"):
        run_pipeline(articles, steps=["agreement"])


@pytest.mark.parametrize("chunk_size", [1, 2, 4])
def test_chunked_run_equals_whole_run(seed_articles, chunk_size):
    whole = run_pipeline(seed_articles, steps=AVAILABLE_ARTICLE)
    chunked = run_pipeline(seed_articles, steps=AVAILABLE_ARTICLE, chunk_size=chunk_size)
    for name in AVAILABLE_ARTICLE:
        pd.testing.assert_frame_equal(chunked[name], whole[name], obj=name)


@settings(max_examples=15, deadline=None)
@given(bodies=st.lists(st.sampled_from([
    "", "One.", "Mr. Kim left the U.S. on Jan. 5. He said no.",
    "A line\n\nAnother paragraph! Is it? Yes.", "Prices rose 5% in May.\nThe end",
]), min_size=1, max_size=7), chunk_size=st.integers(1, 8))
def test_sentence_rows_do_not_depend_on_chunking(bodies, chunk_size):
    articles = article_frame(*bodies)
    whole = run_pipeline(articles, steps="sentences")["sentences"]
    chunked = run_pipeline(articles, steps="sentences", chunk_size=chunk_size)["sentences"]
    pd.testing.assert_frame_equal(chunked, whole)
    assert len(whole) == sum(len(list(iter_sentence_spans(b))) for b in bodies)
    assert whole["article_id"].tolist() == sorted(whole["article_id"], key=lambda a: int(a[1:]))


def test_path_input_is_loaded(seeds_dir, seed_articles):
    tables = run_pipeline(seeds_dir, steps="sentences")
    pd.testing.assert_frame_equal(tables["articles"], seed_articles)
    assert len(tables["sentences"]) > len(seed_articles)


def test_steps_string_and_canonical_order():
    assert [s.name for s in resolve_steps("readability, sentences")] == ["sentences", "readability"]
    assert [s.name for s in resolve_steps(None)] == list(STEPS)
    assert [s.name for s in resolve_steps("agreement")] == ["claims", "agreement"]


def test_unknown_step_names_the_choices():
    with pytest.raises(ParameterError, match=r"'bogus'.*choose from sentences"):
        resolve_steps(["sentences", "bogus"])


def test_unknown_engine_and_misplaced_dask_options(seed_articles):
    with pytest.raises(ParameterError, match="unknown engine 'spark'"):
        run_pipeline(seed_articles, steps="sentences", engine="spark")
    with pytest.raises(ParameterError, match="engine='dask' only"):
        run_pipeline(seed_articles, steps="sentences", n_workers=2)


@pytest.mark.parametrize("bad", [0, -3])
def test_bad_chunk_size(seed_articles, bad):
    with pytest.raises(ParameterError, match="chunk_size"):
        run_pipeline(seed_articles, steps="sentences", chunk_size=bad)


def test_missing_body_column_is_named():
    with pytest.raises(ValueError, match="body"):
        run_pipeline(pd.DataFrame({"article_id": ["a"]}), steps="sentences")


def test_run_chunk_runs_only_per_article_steps(seed_articles):
    out = run_chunk(seed_articles, ["sentences", "reuse"])
    assert list(out) == ["sentences"]


def test_chunk_bounds_cover_every_row_once():
    assert chunk_bounds(7, 3) == [(0, 3), (3, 6), (6, 7)]
    assert chunk_bounds(6, 3) == [(0, 3), (3, 6)]
    assert chunk_bounds(0, 3) == [(0, 0)]


def test_concat_keeps_dtypes_when_some_chunks_are_empty():
    full = pd.DataFrame({"article_id": ["a"], "start": [3]}).astype({"article_id": "str"})
    empty = pd.DataFrame({"article_id": pd.Series([], dtype=object), "start": pd.Series([], dtype=object)})
    out = concat_tables([empty, full, empty])
    assert out["start"].dtype == "int64" and out.index.tolist() == [0]
    assert list(concat_tables([empty, empty]).columns) == ["article_id", "start"]


def test_empty_corpus_gives_empty_tables():
    articles = article_frame("x").iloc[:0]
    tables = run_pipeline(articles, steps="sentences")
    assert len(tables["sentences"]) == 0
    assert list(tables["sentences"].columns) == ["article_id", "sentence_id", "paragraph_id",
                                                 "start", "end", "text"]


def test_corpus_level_reuse_runs_on_the_whole_corpus():
    shared = ("The powerful sister of North Korean leader Kim Jong Un this month denied "
              "the allegations made by the ministry in Seoul.")
    articles = article_frame("Seoul said so. " + shared, "Nothing alike here at all.",
                             shared + " More here.")
    # chunks of one article: reuse must still compare articles across chunks
    tables = run_pipeline(articles, steps=["sentences", "reuse"], chunk_size=1)
    reuse = tables["reuse"]
    assert reuse[["article_a", "article_b"]].values.tolist() == [["a0", "a2"]]
    assert articles["body"][0][reuse["start_a"][0]:reuse["end_a"][0]] == reuse["text"][0]


def test_public_exports():
    assert analysis.run_pipeline is run_pipeline
    assert callable(analysis.load_tables) and callable(analysis.iter_corpus)
    assert callable(analysis.extract_to_parquet)
