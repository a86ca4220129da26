"""Where a codebook comes from: given, or the corpus's own codebook.yaml; never the sample topic's silently."""

from __future__ import annotations

import json
import warnings

import pandas as pd
import pytest

import analysis
from analysis.claims.tagger import COLUMNS, tag_claims
from analysis.claims.codebook import SAMPLE_CODEBOOK, find_codebook, load_codebook, resolve_codebook
from analysis.errors import CodebookError
from tests.conftest import SEEDS, article_frame

FLOOD = """\
codebook: River floods
claims:
  - id: F1
    label: The river burst its banks
    rules:
      - all: [[river], [burst*, overflow*]]
"""
BODY_A = "The river burst its banks on Monday, the mayor said. Shops stayed shut."
BODY_B = "Officials confirmed the river burst its banks near the old mill."


def _folder(tmp_path, with_codebook=True, manifest=False):
    folder = tmp_path / "corpus"
    folder.mkdir(parents=True)
    (folder / "a.txt").write_text("Flood in town\n\n" + BODY_A, encoding="utf-8")
    (folder / "b.txt").write_text("Mill flooded\n\n" + BODY_B, encoding="utf-8")
    if manifest:
        (folder / "manifest.csv").write_text("file,outlet\na.txt,Daily\nb.txt,Herald\n", encoding="utf-8")
    if with_codebook:
        (folder / "codebook.yaml").write_text(FLOOD, encoding="utf-8")
    return folder


def test_sample_codebook_lives_with_the_sample_corpus(seed_articles):
    assert SAMPLE_CODEBOOK == SEEDS / "codebook.yaml" and SAMPLE_CODEBOOK.is_file()
    assert find_codebook(SEEDS) == SAMPLE_CODEBOOK.resolve()
    assert seed_articles.attrs["codebook"] == str(SAMPLE_CODEBOOK.resolve())
    # the seeds are tagged with their own codebook without anyone passing it
    assert set(tag_claims(seed_articles)["claim_id"]) >= {"C01", "C03", "C07"}


@pytest.mark.parametrize("manifest", [False, True])
def test_codebook_yaml_at_the_folder_root_travels_with_the_corpus(tmp_path, manifest):
    folder = _folder(tmp_path, manifest=manifest)
    arts = analysis.load_corpus(folder / "manifest.csv" if manifest else folder)
    assert arts.attrs["codebook"] == str((folder / "codebook.yaml").resolve())
    got = tag_claims(arts)
    assert got["claim_id"].tolist() == ["F1", "F1"]
    # the codebook file is not taken for an article
    assert len(arts) == 2


def test_codebook_beside_a_records_file(tmp_path):
    (tmp_path / "codebook.yaml").write_text(FLOOD, encoding="utf-8")
    records = tmp_path / "news.jsonl"
    records.write_text(json.dumps({"id": "r1", "title": "Flood", "text": BODY_A}) + "\n", encoding="utf-8")
    assert find_codebook(records) == (tmp_path / "codebook.yaml").resolve()
    assert analysis.load_corpus(records).attrs["codebook"].endswith("codebook.yaml")


def test_no_codebook_tags_nothing_and_says_so(tmp_path):
    folder = _folder(tmp_path, with_codebook=False)
    arts = analysis.load_corpus(folder)
    assert "codebook" not in arts.attrs and find_codebook(folder) is None
    with pytest.warns(UserWarning, match="no codebook"):
        got = tag_claims(arts)
    assert got.empty and list(got.columns) == COLUMNS
    # a hand-made frame on the sample topic without a codebook: the sample codebook is NOT applied
    frame = article_frame("South Korea accuses Pyongyang of sending shells to Russia.", codebook=None)
    with pytest.warns(UserWarning):
        assert tag_claims(frame).empty
    assert tag_claims(frame, codebook=SAMPLE_CODEBOOK)["claim_id"].tolist() == ["C03"]


def test_explicit_codebook_wins_over_the_corpus_one(tmp_path):
    folder = _folder(tmp_path)
    arts = analysis.load_corpus(folder)
    other = tmp_path / "other.yaml"
    other.write_text(FLOOD.replace("F1", "G9"), encoding="utf-8")
    assert resolve_codebook(other, arts).ids == ["G9"]
    assert resolve_codebook(None, arts).ids == ["F1"]
    assert resolve_codebook("", pd.DataFrame()) is None
    assert tag_claims(arts, codebook=other)["claim_id"].unique().tolist() == ["G9"]


def test_load_codebook_needs_a_path():
    with pytest.raises(CodebookError, match="draft-codebook"):
        load_codebook(None)
    with pytest.raises(CodebookError, match="not found"):
        load_codebook("no/such/codebook.yaml")


def test_pipeline_uses_the_corpus_codebook_and_none_without(tmp_path):
    folder = _folder(tmp_path)
    assert analysis.run_pipeline(folder, steps="claims")["claims"]["claim_id"].tolist() == ["F1", "F1"]
    bare = _folder(tmp_path / "x", with_codebook=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert analysis.run_pipeline(bare, steps="claims")["claims"].empty
