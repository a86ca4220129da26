"""The claims explorer: its filtering functions on hand-made tables, and its widgets driven without a browser."""

from __future__ import annotations

import pandas as pd
import pytest

import analysis
from analysis.errors import ParameterError
from analysis.explore.explorer import (ClaimsExplorer, facet_counts, figures_for, filter_statements, measured_things,
                               origin_summary, statement_label, statement_table)

ARTICLES = pd.DataFrame({
    "article_id": ["a", "b", "c", "d"],
    "outlet": ["Harbour Times", "Valley Post", "Radio North", "Daily Ledger"],
    "published": pd.to_datetime(["2023-03-06", "2023-03-06", "2023-03-07", None]),
})
ORIGINS = pd.DataFrame({"article_id": ["a", "b", "c", "d"], "origin_id": ["O1", "O1", "O2", "O3"],
                        "origin_label": ["AP", "AP", "Radio North", "Daily Ledger"]})
CLAIMS = pd.DataFrame({
    "article_id": ["a", "b", "c", "c", "d"],
    "sentence_id": [0, 1, 0, 2, 0],
    "claim_id": ["F01", "F01", "F01", "F03", "F03"],
    "label": ["Villages cut off", "Villages cut off", "Villages cut off", "Dam failed", "Dam failed"],
    "stance": ["asserts", "asserts", "hedged", "denies", "asserts"],
    "speaker": ["regional officials", "regional officials", "fire service", "regional government", "Daily Ledger"],
    "speaker_type": ["unnamed official", "unnamed official", "government", "government", "narrator"],
    "start": [0, 40, 0, 90, 0], "end": [30, 70, 35, 130, 20],
    "sentence": ["s-a", "s-b", "s-c0", "s-c2", "s-d"],
})


@pytest.fixture
def statements():
    return statement_table(CLAIMS, ARTICLES, ORIGINS)


def test_statement_table_joins_outlet_date_and_origin(statements):
    assert statements[["origin_id", "article_id", "claim_id", "outlet"]].values.tolist() == [
        ["O1", "a", "F01", "Harbour Times"], ["O1", "b", "F01", "Valley Post"],
        ["O2", "c", "F01", "Radio North"], ["O2", "c", "F03", "Radio North"], ["O3", "d", "F03", "Daily Ledger"]]
    assert statements.attrs["kind"] == "claims"
    assert statements["published"].iloc[0] == pd.Timestamp("2023-03-06")


def test_without_origins_each_article_is_its_own_origin():
    table = statement_table(CLAIMS, ARTICLES)
    assert table.groupby("origin_id")["article_id"].nunique().max() == 1
    assert dict(zip(table["article_id"], table["origin_label"]))["c"] == "Radio North"


def test_voice_columns_are_carried_and_clusters_are_statements_without_stance():
    table = statement_table(CLAIMS.assign(voice="reported"), ARTICLES, ORIGINS)
    assert list(table.columns[:6]) == ["origin_id", "origin_label", "claim_id", "label", "stance", "voice"]
    clusters = pd.DataFrame({"article_id": ["a", "c"], "sentence_id": [0, 0], "cluster_id": ["K1", "K1"],
                             "start": [0, 0], "end": [30, 35], "sentence": ["x", "y"],
                             "representative": ["Villages were cut off", "Villages were cut off"]})
    table = statement_table(clusters, ARTICLES, ORIGINS)
    assert table.attrs["kind"] == "clusters"
    assert table[["claim_id", "label", "stance"]].values.tolist() == [["K1", "Villages were cut off", ""]] * 2
    with pytest.raises(ParameterError, match="claim_id .* or cluster_id"):
        statement_table(clusters.drop(columns="cluster_id"), ARTICLES)


def test_filters_each_and_combined(statements):
    def ids(frame):
        return list(zip(frame["article_id"], frame["claim_id"]))

    assert ids(filter_statements(statements, stances="asserts")) == [("a", "F01"), ("b", "F01"), ("d", "F03")]
    assert ids(filter_statements(statements, stances=["hedged", "denies"])) == [("c", "F01"), ("c", "F03")]
    assert ids(filter_statements(statements, claims="F03", speakers="regional government")) == [("c", "F03")]
    assert ids(filter_statements(statements, outlets=["Valley Post", "Daily Ledger"])) == [("b", "F01"), ("d", "F03")]
    assert len(filter_statements(statements, claims="(any)", stances=[], speakers=None)) == len(statements)
    assert filter_statements(statements, stances="asserts", speakers="fire service").empty


def test_date_range_is_inclusive_and_drops_undated_articles(statements):
    kept = filter_statements(statements, date_from="2023-03-06", date_to="2023-03-06")
    assert sorted(kept["article_id"]) == ["a", "b"]
    kept = filter_statements(statements, date_from=pd.Timestamp("2023-03-07"))
    assert sorted(kept["article_id"]) == ["c", "c"]  # d has no publication date
    import datetime as dt

    assert len(filter_statements(statements, date_to=dt.date(2023, 3, 7))) == 4


def test_bad_filter_values_are_named(statements):
    with pytest.raises(ParameterError, match="unknown stance.*assert"):
        filter_statements(statements, stances="assert")
    with pytest.raises(ParameterError, match="date_from must be a date"):
        filter_statements(statements, date_from="last week")


def test_facet_counts_ignore_their_own_filter(statements):
    assert facet_counts(statements, "speaker", stances="asserts", speakers="fire service").to_dict() == {
        "regional officials": 2, "Daily Ledger": 1}
    assert facet_counts(statements, "stance", claims="F03").to_dict() == {"asserts": 1, "denies": 1}
    assert facet_counts(statements, "outlet", date_from="2023-03-07").to_dict() == {"Radio North": 2}
    with pytest.raises(ParameterError, match="no filter on 'published'"):
        facet_counts(statements, "published")


def test_origin_summary_counts_independent_origins(statements):
    table = origin_summary(filter_statements(statements, claims="F01"))
    assert table.to_dict("records") == [
        {"origin_id": "O1", "origin_label": "AP", "n_statements": 2, "n_articles": 2,
         "outlets": "Harbour Times, Valley Post", "speakers": "regional officials", "asserts": 2, "hedged": 0,
         "denies": 0},
        {"origin_id": "O2", "origin_label": "Radio North", "n_statements": 1, "n_articles": 1,
         "outlets": "Radio North", "speakers": "fire service", "asserts": 0, "hedged": 1, "denies": 0},
    ]
    assert origin_summary(statements.iloc[:0]).empty


def test_measured_things_and_figures_for():
    q = pd.DataFrame({"article_id": ["a", "b", "c", "c"], "start": [5, 5, 9, 50], "end": [15, 15, 20, 60],
                      "surface": ["at least 12", "at least 12", "14", "2.5 metres"],
                      "value": [12.0, 12.0, 14.0, 2.5], "value_high": [float("nan")] * 4,
                      "unit": ["village", "village", "village", "m"], "kind": ["count", "count", "count", "length"],
                      "qualifier": ["at_least", "at_least", "exact", "exact"],
                      "subject": ["villages", "villages", "villages", "river"], "sentence": ["x", "y", "z", "w"]})
    things = measured_things(q, ARTICLES)
    assert things[["unit", "kind", "n_figures", "n_articles", "n_outlets", "subjects"]].values.tolist() == [
        ["village", "count", 3, 3, 3, "villages"], ["m", "length", 1, 1, 1, "river"]]
    figs = figures_for(q, "village", ARTICLES, ORIGINS)
    assert figs[["origin_id", "outlet", "surface", "qualifier"]].values.tolist() == [
        ["O1", "Harbour Times", "at least 12", "at_least"], ["O1", "Valley Post", "at least 12", "at_least"],
        ["O2", "Radio North", "14", "exact"]]
    assert figures_for(q, "furlong", ARTICLES).empty


def test_statement_label_is_one_line():
    row = {"origin_label": "AP", "outlet": "Post", "published": pd.Timestamp("2023-03-06"), "claim_id": "F01",
           "stance": "hedged", "speaker": "fire service", "sentence": "Thousands\nwere evacuated " + "x" * 200}
    label = statement_label(row)
    assert label.startswith("AP | Post | 2023-03-06 | F01 | hedged by fire service | Thousands were evacuated")
    assert "\n" not in label and len(label) <= 113


# --- the widgets, driven as a user would, without a browser ------------------------------

@pytest.fixture(scope="module")
def seed_tables():
    return analysis.run_pipeline(analysis.load_corpus("seeds"))


def test_explorer_filters_by_stance_and_speaker_then_opens_the_marked_article(seed_tables):
    explorer = ClaimsExplorer(seed_tables["articles"], seed_tables)
    assert explorer.speaker.options[0] == ("(any)", "(any)")
    assert [v for _, v in explorer.stance.options] == ["(any)", "asserts", "hedged", "denies"]
    explorer.stance.value = "denies"  # click 1: a toggle button
    denying = explorer.matching
    assert set(denying["stance"]) == {"denies"} and len(denying) >= 2
    speaker = denying["speaker"].iloc[0]
    # the speaker list now offers only speakers who deny something, with their counts
    speakers = dict((v, label) for label, v in explorer.speaker.options)
    assert set(speakers) - {"(any)"} == set(denying["speaker"])
    assert speakers[speaker] == f"{speaker} ({(denying['speaker'] == speaker).sum()})"
    explorer.speaker.value = speaker  # click 2: the speaker list
    assert explorer.stance.value == "denies"
    assert set(explorer.matching["speaker"]) == {speaker}
    assert f"<b>{len(explorer.matching)}</b> statements" in explorer.summary.value
    assert len(explorer.statement_list.options) == len(explorer.matching)
    explorer.statement_list.value = 0  # click 3: the statement -> its article
    row = explorer.matching.iloc[0]
    view = explorer._current_view
    assert view.article_id == row["article_id"]
    focus = view.marks[view.marks["layer"] == "focus"]
    assert focus["text"].tolist() == [row["sentence"]]
    assert explorer.article.value == view.html and 'class="av-m av-focus"' in view.html


def test_explorer_figures_tab_lists_a_unit_across_sources(seed_tables):
    explorer = ClaimsExplorer(seed_tables["articles"], seed_tables)
    assert explorer.things["unit"].iloc[0] in {"missile", "container"}
    figs = explorer.show_figures("container")
    assert set(figs["unit"]) == {"container"} and figs["outlet"].nunique() >= 2
    assert "thousands" in explorer.figure_table.value
    explorer.figure_list.value = 0
    view = explorer._current_view
    assert view.marks.loc[view.marks["layer"] == "focus", "text"].tolist() == [figs["surface"].iloc[0]]


def test_explorer_on_an_extract_folder_reads_only_what_it_shows(tmp_path, seed_tables):
    from analysis.scale.tables import write_tables

    folder = write_tables(seed_tables, tmp_path / "out")
    on_disk = ClaimsExplorer(folder)
    in_memory = ClaimsExplorer(seed_tables["articles"], seed_tables)
    assert "body" not in on_disk.articles_meta.columns
    pd.testing.assert_frame_equal(on_disk.statements, in_memory.statements, check_dtype=False)
    on_disk.set_filters(stance="hedged")
    in_memory.set_filters(stance="hedged")
    assert on_disk.show_statement(1).html == in_memory.show_statement(1).html


def test_explorer_on_codebook_free_clusters(seed_tables):
    clusters = analysis.cluster_claims(seed_tables["articles"])
    explorer = ClaimsExplorer(seed_tables["articles"], {"clusters": clusters, "origins": seed_tables["origins"]})
    assert explorer.statements.attrs["kind"] == "clusters"
    assert explorer.stance.options == (("(any)", "(any)"),)  # clusters carry no stance
    cluster = explorer.statements["claim_id"].iloc[0]
    explorer.set_filters(claim=cluster)
    assert explorer.matching["claim_id"].eq(cluster).all()
    view = explorer.show_statement(0)
    assert "cluster" in set(view.marks["layer"])
    with pytest.raises(ParameterError, match="no claims"):
        ClaimsExplorer(seed_tables["articles"], {"origins": seed_tables["origins"]})


def test_explorer_display_bundle_has_the_widget_and_an_escaped_static_fallback():
    hostile = ARTICLES.assign(outlet=["<script>alert(1)</script>", "Valley Post", "Radio North", "Daily Ledger"])
    explorer = ClaimsExplorer(hostile.assign(body="x" * 200), {"claims": CLAIMS, "origins": ORIGINS})
    bundle = explorer._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/plain"].startswith("ClaimsExplorer: 5 statements (claims) in 4 articles from 3 independent")
    page = bundle["text/html"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>" not in page


def test_explorer_lists_at_most_max_choices_per_filter(seed_tables):
    explorer = ClaimsExplorer(seed_tables["articles"], seed_tables, max_choices=2)
    assert len(explorer.speaker.options) == 3 and len(explorer.claim.options) == 3
    top = explorer.speaker.options[1][1]
    assert top == facet_counts(explorer.statements, "speaker").index[0]
