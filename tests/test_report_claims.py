"""Report-side claims: codebook mode, codebook-free mode, the little-or-nothing note, the CLI warnings."""

from __future__ import annotations

import json
import warnings

import pandas as pd
import pytest

import analysis
from analysis.claims.clusters import FREE_COLUMNS, claim_label, codebook_free_claims
from analysis.claims.tagger import COLUMNS
from analysis.claims.codebook import SAMPLE_CODEBOOK
from analysis.report.claims import (CLUSTER_MODE, CODEBOOK_MODE, claims_for_report, claims_summary,
                                    extract_claims_warning, little_or_nothing_note, mode_markdown,
                                    run_claims_modes, run_claims_notes)
from tests.conftest import article_frame

# three outlets repeat two attributed statements in their own words; one sentence is narration only
BODIES = [
    "The transport minister said the new bridge over the Arlen river will open in early March. "
    "Local shops reported a busy weekend before the holidays.",
    "The new bridge over the Arlen river will open in early March, the transport minister said. "
    "A union spokesman denied reports that workers on the bridge site had been laid off without notice.",
    "According to the transport minister, the new bridge over the Arlen river will open in early March. "
    "A union spokesman has denied reports that workers on the bridge site were laid off without any notice.",
    "The weather office expects heavy snow in the northern hills over the coming days.",
]


@pytest.fixture(scope="module")
def bridge():
    return article_frame(*BODIES, codebook=None)


def test_codebook_free_claims_cluster_attributed_statements(bridge):
    got = codebook_free_claims(bridge)
    assert list(got.columns) == FREE_COLUMNS and list(got.columns[:len(COLUMNS)]) == COLUMNS
    groups = {cid: sorted(g["article_id"]) for cid, g in got.groupby("claim_id")}
    # K0001: the bridge opening (3 articles), K0002: the union's denial (2 articles)
    assert groups == {"K0001": ["a0", "a1", "a2"], "K0002": ["a1", "a2"]}
    bridge_rows = got[got["claim_id"] == "K0001"]
    assert set(bridge_rows["stance"]) == {"asserts"}
    assert all("minister" in s for s in bridge_rows["speaker"])
    # the label is the medoid sentence, closing attribution dropped
    assert bridge_rows["label"].iloc[0] in {
        "The transport minister said the new bridge over the Arlen river will open in early March",
        "The new bridge over the Arlen river will open in early March"}
    denial = got[got["claim_id"] == "K0002"]
    # every member reports the same denial: the denial is the cluster's claim and they assert it
    # (the label sentence never denies its own claim)
    assert "denied" in denial["label"].iloc[0]
    assert set(denial["stance"]) == {"asserts"} and all("union" in s.lower() for s in denial["speaker"])
    bodies = dict(zip(bridge["article_id"], bridge["body"]))
    assert all(bodies[r.article_id][r.start:r.end] == r.sentence for r in got.itertuples())


def test_unattributed_repeats_are_left_out_unless_asked():
    arts = article_frame("Heavy snow closed the mountain pass above the village for three days this week.",
                         "Heavy snow closed the mountain pass above the village for three days.", codebook=None)
    assert codebook_free_claims(arts).empty
    kept = codebook_free_claims(arts, attributed_only=False)
    assert kept["claim_id"].unique().tolist() == ["K0001"] and set(kept["speaker_type"]) == {"narrator"}


def test_hedged_statement_is_hedged():
    arts = article_frame("The minister said the bridge may open in early March after the final safety checks.",
                         "The bridge may open in early March after the final safety checks, the minister said.",
                         codebook=None)
    got = codebook_free_claims(arts)
    assert got["stance"].tolist() == ["hedged", "hedged"] and got["stance_cue"].str.lower().tolist() == ["may", "may"]


def test_claim_label_drops_closing_attribution_and_shortens():
    assert claim_label('"The pass will reopen on Friday," the police said.') == "The pass will reopen on Friday"
    assert claim_label("The pass will reopen on Friday, said Inspector Jane Moss.") == "The pass will reopen on Friday"
    # the attribution that opens a sentence is kept: the claim follows it
    assert claim_label("Ministers said the pass will reopen on Friday.") == "Ministers said the pass will reopen on Friday"
    long = claim_label("word " * 60, max_chars=30)
    assert len(long) <= 31 and long.endswith("…")


def test_report_without_codebook_is_codebook_free(bridge):
    claims = claims_for_report(bridge)
    assert claims.attrs["mode"] == CLUSTER_MODE and claims.attrs["codebook"] == ""
    assert "new bridge over the Arlen river will open" in claims.attrs["labels"]["K0001"]
    assert "codebook-free" in claims.attrs["mode_text"] and claims.attrs["note"] == ""
    # the report functions take it as they take codebook claims
    freq = analysis.claim_frequency(claims)
    assert freq.set_index("claim_id").loc["K0001", "n_articles"] == 3
    matrix = analysis.source_claim_matrix(claims, by="outlet", articles=bridge)
    # the outlet only reports the union's denial: no stance of its own; the union makes the claim
    # K0002 (its denial of the reports), so it asserts it
    assert matrix.loc["outlet1", "K0002"] == "reports"
    speakers = analysis.source_claim_matrix(claims, by="speaker")
    makers = speakers.index[speakers["K0002"] == "asserts"].tolist()
    assert makers and all("spokesman" in who.lower() or "union" in who.lower() for who in makers), makers
    assert not (speakers["K0002"] == "denies").any()
    assert claims_summary(claims) == {"claims_mode": "codebook-free", "claims_note": "", "codebook": "",
                                      "codebook_path": ""}


def test_report_with_a_codebook_that_tags_nothing_says_so(bridge):
    claims = claims_for_report(bridge, codebook=str(SAMPLE_CODEBOOK))
    assert claims.attrs["mode"] == CODEBOOK_MODE and claims.empty
    assert claims.attrs["codebook"] == "North Korea - Russia arms transfers"
    assert "tags nothing in these 4 articles" in claims.attrs["note"]
    assert "> **Note:**" in mode_markdown(claims)


def test_report_uses_the_corpus_codebook(seed_articles):
    claims = claims_for_report(seed_articles)
    assert claims.attrs["mode"] == CODEBOOK_MODE and claims.attrs["note"] == ""
    assert claims.attrs["codebook_path"] == str(SAMPLE_CODEBOOK.resolve())
    assert set(claims["claim_id"]) >= {"C01", "C03"}


def test_little_means_under_a_tenth_of_the_articles():
    arts = pd.DataFrame({"article_id": [f"a{i}" for i in range(20)]})
    one = pd.DataFrame({"article_id": ["a0"]})
    assert "tags little: claims in 1 of 20 articles" in little_or_nothing_note(one, arts, "cb.yaml")
    assert little_or_nothing_note(pd.DataFrame({"article_id": ["a0", "a1"]}), arts, "cb.yaml") == ""


def test_run_notes_and_extract_warning(tmp_path):
    figures = tmp_path / "figures"
    figures.mkdir()
    for name, note in [("02", "The codebook x tags nothing"), ("03", "The codebook x tags nothing"), ("04", "")]:
        (figures / f"{name}.summary.json").write_text(json.dumps({"claims_note": note}), encoding="utf-8")
    (figures / "05.summary.json").write_text("{broken", encoding="utf-8")
    assert run_claims_notes(tmp_path) == ["The codebook x tags nothing"]
    (figures / "02.summary.json").write_text(json.dumps({"claims_mode": "codebook", "codebook": "Flood",
                                                         "claims_note": "The codebook x tags nothing"}))
    assert run_claims_modes(tmp_path) == {"02": {"claims_mode": "codebook", "claims_note": "The codebook x tags nothing",
                                                 "codebook": "Flood"}}
    assert "no codebook" in extract_claims_warning({"tables": {"claims": 0}, "articles": 5, "codebook": None})
    assert "tags little" in extract_claims_warning({"tables": {"claims": 3}, "articles": 100, "codebook": "c"})
    assert extract_claims_warning({"tables": {"sentences": 9}, "articles": 5, "codebook": None}) == ""


def test_cli_extract_warns_without_codebook(tmp_path, capsys):
    from analysis.cli.main import main

    folder = tmp_path / "c"
    folder.mkdir()
    for i, body in enumerate(BODIES):
        (folder / f"{i}.txt").write_text(f"Headline {i}\n\n{body}", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert main(["extract", str(folder), "--out", str(tmp_path / "out"), "--steps", "claims", "--quiet"]) == 0
    err = capsys.readouterr().err
    assert "warning: no codebook" in err
    cb = tmp_path / "cb.yaml"
    cb.write_text(SAMPLE_CODEBOOK.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["extract", str(folder), "--out", str(tmp_path / "out2"), "--steps", "claims", "--quiet",
                 "--codebook", str(cb)]) == 0
    assert "tags nothing in these 4 articles" in capsys.readouterr().err
    assert json.loads((tmp_path / "out2" / "_run.json").read_text())["codebook"] == str(cb)


def test_cli_render_refuses_two_codebooks(tmp_path, capsys):
    from analysis.cli.main import main

    cb = tmp_path / "cb.yaml"
    cb.write_text(SAMPLE_CODEBOOK.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["render", "--codebook", str(cb), "-p", f"codebook={cb}", "--out", str(tmp_path / "r")]) == 2
    assert "given twice" in capsys.readouterr().err


def test_cli_render_codebook_reaches_the_notebooks_and_warns(tmp_path, notebook_dir, capsys):
    from analysis.cli.main import main
    from tests.conftest import write_notebook

    cb = tmp_path / "cb.yaml"
    cb.write_text(SAMPLE_CODEBOOK.read_text(encoding="utf-8"), encoding="utf-8")
    corpus = tmp_path / "arlen"
    corpus.mkdir()
    for i, body in enumerate(BODIES):
        (corpus / f"{i}.txt").write_text(f"Headline {i}\n\n{body}", encoding="utf-8")
    # a tiny claims report: the real notebooks' claim cells, minus the charts
    write_notebook(notebook_dir, "02_claims",
                   "import analysis\nfrom analysis.report import claims as report_claims, data as report_data\n"
                   "articles = analysis.load_corpus(corpus)\n"
                   "claims = report_data.find_claims(articles, codebook)\n"
                   "report_data.write_summary({**report_claims.claims_summary(claims), 'seen': codebook},\n"
                   "                          figures_dir, '02_claims')",
                   params='corpus = "../seeds"\ncodebook = ""\nfigures_dir = "../figures"\nrun_date = ""')
    out = tmp_path / "reports"
    status = main(["render", "--corpus", str(corpus), "--notebook-dir", str(notebook_dir), "--out", str(out),
                   "--codebook", str(cb)])
    assert status == 0, capsys.readouterr().err
    summary = json.loads(next(out.glob("*/figures/02_claims.summary.json")).read_text(encoding="utf-8"))
    assert (summary["seen"], summary["claims_mode"]) == (str(cb), "codebook")
    assert "warning: The codebook" in capsys.readouterr().err and "tags nothing" in summary["claims_note"]
    # without --codebook the same corpus renders codebook-free, with no warning
    assert main(["render", "--corpus", str(corpus), "--notebook-dir", str(notebook_dir), "--out", str(out)]) == 0
    latest = json.loads((out / "latest" / "figures" / "02_claims.summary.json").read_text(encoding="utf-8"))
    assert (latest["claims_mode"], latest["claims_note"]) == ("codebook-free", "")
    assert "warning" not in capsys.readouterr().err


def test_a_denial_denies_the_claim_it_is_clustered_with():
    # two outlets report the lay-offs, a third the union's denial of them: the claim is the lay-offs
    arts = article_frame(
        "Workers on the harbour crane project were laid off without any notice, the contractor said.",
        "The contractor said workers on the harbour crane project were laid off without any notice.",
        "A union official denied that workers on the harbour crane project were laid off without any notice.",
        codebook=None)
    got = codebook_free_claims(arts)
    assert got["claim_id"].nunique() == 1
    assert "denied" not in got["label"].iloc[0]
    assert dict(zip(got["article_id"], got["stance"])) == {"a0": "asserts", "a1": "asserts", "a2": "denies"}


def test_one_speakers_different_statements_are_not_one_claim():
    # same speaker, same addressee, different claims (names and titles are not claim content)
    arts = article_frame(
        "Opposition leader Maria Castellano has written to Prime Minister Tomas Berg about the new rules on "
        "storing e-mail records.",
        "Opposition leader Maria Castellano has accused Prime Minister Tomas Berg of changing his mind on "
        "school dinners.", codebook=None)
    assert codebook_free_claims(arts).empty


def test_statements_by_a_place_or_an_unresolved_pronoun_are_skipped():
    from analysis.claims.clusters import usable_speaker

    assert not usable_speaker("it", "unknown") and not usable_speaker("they", "person")
    assert not usable_speaker("Harwick Airport", "person") and not usable_speaker("Central Station", "other")
    assert usable_speaker("Stop the Runway", "person") and usable_speaker("Jane Doe", "government")


def test_a_denial_of_something_else_does_not_deny_the_cluster_claim():
    # the council's statement about the harbour crane is repeated; one sentence also denies something else
    arts = article_frame(
        "The harbour crane project will be finished in early April, the city council said.",
        "The city council said the harbour crane project will be finished in early April and denied that the "
        "mayor had resigned.", codebook=None)
    got = codebook_free_claims(arts)
    assert got["claim_id"].nunique() == 1
    assert set(got["stance"]) == {"asserts"} and set(got["stance_cue"]) == {""}


def test_skipped_speaker_rows_leave_the_cluster_counts_right():
    # the third outlet's copy is credited to "it" with nothing before it: skipped, and not counted
    arts = article_frame(
        "The transport minister said the new ferry to the islands will start running in early May.",
        "The new ferry to the islands will start running in early May, the transport minister said.",
        "It said the new ferry to the islands will start running in early May.", codebook=None)
    got = codebook_free_claims(arts)
    assert sorted(got["article_id"]) == ["a0", "a1"] and set(got["n_articles"]) == {2}
