"""draft-codebook: a starter codebook from a corpus's repeated claims, valid and usable unedited."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml

import analysis
from analysis.claims.codebook import load_codebook, parse_codebook
from analysis.claims.codebook_draft import draft_codebook, term_for, write_draft
from analysis.errors import ParameterError
from tests.conftest import article_frame
from tests.test_report_claims import BODIES

REPO = Path(__file__).resolve().parents[1]


def test_draft_has_one_entry_per_repeated_claim_and_tags_its_sentences():
    arts = article_frame(*BODIES, codebook=None)
    text = draft_codebook(arts, name="Arlen bridge")
    book = parse_codebook(text)
    assert book.name == "Arlen bridge" and book.ids == ["D01", "D02"]
    assert "bridge over the Arlen river will open" in book.claims[0].label
    # every proposed group is a content word shared by the claim's sentences, never "said" or "the"
    terms = {t for g in book.concepts.values() for t in g.terms}
    assert not terms & {"said", "the", "minister", "transport"}  # the speaker's words say who, not what
    tagged = analysis.tag_claims(arts, codebook=book)
    assert sorted(tagged.loc[tagged["claim_id"] == "D01", "article_id"]) == ["a0", "a1", "a2"]
    assert sorted(tagged.loc[tagged["claim_id"] == "D02", "article_id"]) == ["a1", "a2"]
    # comments carry the sources and example sentences; the stance sections are there to fill in
    assert "#   e.g. " in text and "# stance:" in text and "hedges:" in text and "denials:" in text
    assert yaml.safe_load(text)["claims"][0]["rules"][0]["all"]


def test_draft_for_a_corpus_with_nothing_repeated_is_a_placeholder_that_loads():
    arts = article_frame("Heavy snow closed the mountain pass for three days.",
                         "The orchestra played a new symphony to a full hall.", codebook=None)
    book = parse_codebook(draft_codebook(arts))
    assert book.ids == ["D01"] and book.claims[0].label.startswith("EDIT ME")


def test_max_claims_and_bad_values():
    arts = article_frame(*BODIES, codebook=None)
    assert parse_codebook(draft_codebook(arts, max_claims=1)).ids == ["D01"]
    with pytest.raises(ValueError):
        draft_codebook(arts, max_claims=0)


def test_term_for_keeps_short_words_and_cuts_endings():
    assert [term_for(w) for w in ["bridges", "opened", "opening", "gas", "status", "road"]] == \
        ["bridge*", "open*", "open*", "gas", "status", "road"]


def _corpus(tmp_path) -> Path:
    folder = tmp_path / "arlen"
    folder.mkdir()
    for i, body in enumerate(BODIES):
        (folder / f"{i}.txt").write_text(f"Headline {i}\n\n{body}", encoding="utf-8")
    return folder


def test_write_draft_never_overwrites_silently(tmp_path):
    folder = _corpus(tmp_path)
    out = tmp_path / "codebook.yaml"
    info = write_draft(folder, out)
    assert info == {"path": str(out), "n_claims": 2, "n_articles": 4}
    out.write_text(out.read_text(encoding="utf-8") + "# my edits\n", encoding="utf-8")
    with pytest.raises(ParameterError, match="already exists"):
        write_draft(folder, out)
    assert out.read_text(encoding="utf-8").endswith("# my edits\n")
    write_draft(folder, out, force=True)
    assert load_codebook(out).ids == ["D01", "D02"]


def test_cli_draft_then_the_corpus_uses_it(tmp_path, capsys):
    from analysis.cli.main import main

    folder = _corpus(tmp_path)
    target = folder / "codebook.yaml"
    assert main(["draft-codebook", str(folder), "-o", str(target)]) == 0
    assert "draft codebook with 2 claim(s)" in capsys.readouterr().out
    assert main(["draft-codebook", str(folder), "-o", str(target)]) == 2  # exists: refused
    assert "already exists" in capsys.readouterr().err
    # beside the corpus, it is the corpus's codebook from now on
    claims = analysis.tag_claims(analysis.load_corpus(folder))
    assert set(claims["claim_id"]) == {"D01", "D02"}


def test_cluster_gold_metrics_on_a_hand_made_case():
    sys.path.insert(0, str(REPO / "benchmarks"))
    from eval_claim_clusters import cluster_scores

    gold = pd.DataFrame({"article_id": ["a", "b", "c", "a", "b"], "sentence_id": [0, 0, 0, 1, 1],
                         "claim_id": ["X", "X", "X", "Y", "Y"]})
    # X: two of its three sentences share K1; Y: in no cluster; K1 also holds an unlabelled sentence
    clusters = pd.DataFrame({"article_id": ["a", "b", "d"], "sentence_id": [0, 0, 4],
                             "claim_id": ["K1", "K1", "K1"]})
    got = cluster_scores(clusters, gold)
    assert got["together"] == pytest.approx((2 / 3 + 0) / 2)
    assert got["purity"] == 1.0 and got["covered"] == pytest.approx(2 / 5)
    assert (got["clusters"], got["labelled"], got["n_claims"]) == (1, 1, 2)


def test_term_groups_are_claim_words_not_names_titles_or_roles():
    # three outlets repeat one statement by a titled, named speaker: the rule names what is claimed
    arts = article_frame(
        "Shadow Health Secretary Olivia Grant said the regional hospital will close its maternity ward in June.",
        "The regional hospital will close its maternity ward in June, Shadow Health Secretary Olivia Grant said.",
        "According to Olivia Grant, the shadow health secretary, the regional hospital will close its maternity "
        "ward in June.", codebook=None)
    text = draft_codebook(arts)
    book = parse_codebook(text)
    terms = {t.rstrip("*") for g in book.concepts.values() for t in g.terms}
    assert terms and terms <= {"regional", "hospital", "clos", "close", "maternity", "ward"}, terms
    assert not terms & {"shadow", "health", "secretary", "olivia", "grant", "said", "june"}
    # the label is whole (never cut with an ellipsis) and the header's example is not a sample topic's
    label = book.claims[0].label
    assert "…" not in label and label.endswith("maternity ward in June")
    assert "…" not in "".join(line for line in text.splitlines() if "label:" in line)
    assert "missile" not in text and "rocket" not in text


def test_content_tokens_leave_out_who_speaks():
    from analysis.claims.content import content_tokens

    assert content_tokens("Home Affairs spokesman Tom Reyes told reporters the ferry service will resume.") == \
        ["ferry", "service", "resume"]
    # places stay (a claim can be about them), also two-word countries
    assert content_tokens("Officials said North Korea shipped grain to Cuba.") == ["north", "korea", "shipped",
                                                                                   "grain", "cuba"]
    # a title-case headline capitalises every word: its words are not names
    assert content_tokens("Ferry Service To Resume Next Week") == ["ferry", "service", "resume"]
