"""Unit tests of the notebook helpers: intervals, headline figures, paths, summaries, teaching versions."""

from __future__ import annotations

import json
import math

import nbformat
import numpy as np
import pandas as pd
import pytest

from analysis.report import data as report_data
from analysis.report import teaching
from analysis.errors import ParameterError
from analysis.compare.headlines import describe_interval, distinct_figures, figure_intervals, headline_figures
from analysis.paths import NOTEBOOKS_DIR


def _q(rows):
    cols = ["article_id", "surface", "value", "value_high", "unit", "qualifier", "of_value"]
    return pd.DataFrame([dict(zip(cols, r)) for r in rows], columns=cols)


def test_intervals_follow_the_qualifier():
    q = _q([("a", "exactly 5", 5.0, np.nan, "x", "exact", np.nan),
            ("a", "about 900 km", 900.0, np.nan, "km", "approx", np.nan),
            ("a", "more than 1,000", 1000.0, np.nan, "c", "at_least", np.nan),
            ("a", "up to 500", 500.0, np.nan, "s", "at_most", np.nan),
            ("a", "80 to 120 mm", 80.0, 120.0, "mm", "range", np.nan),
            ("a", "21", 21.0, np.nan, "missile", "part_of", 50.0)])
    out = figure_intervals(q, approx_tolerance=0.1)
    assert out[["low", "high"]].values.tolist() == [
        [5, 5], [675, 1125], [1000, math.inf], [0, 500], [80, 120], [21, 21]]
    assert out.loc[1, ["plausible_low", "plausible_high"]].round(6).tolist() == [810, 990]
    assert out["open_high"].tolist() == [False, False, True, False, False, False]
    assert out["open_low"].tolist() == [False, False, False, True, False, False]


def test_intervals_reject_bad_tolerance():
    with pytest.raises(ParameterError):
        figure_intervals(_q([("a", "5", 5.0, np.nan, "x", "exact", np.nan)]), approx_tolerance=1.5)


def test_headline_verdicts_and_ranking():
    q = _q([("a", "more than 1,000", 1000.0, np.nan, "container", "at_least", np.nan),
            ("b", "thousands", 2000.0, np.nan, "container", "vague", np.nan),
            ("b", "thousands", 2000.0, np.nan, "container", "vague", np.nan),  # repeated on the page
            ("c", "about 900 km", 900.0, np.nan, "km", "approx", np.nan),
            ("d", "365 km", 365.0, np.nan, "km", "exact", np.nan),
            ("c", "12", 12.0, np.nan, "village", "exact", np.nan),
            ("d", "at least 10", 10.0, np.nan, "village", "at_least", np.nan),
            ("a", "15 years", 15.0, np.nan, "year", "exact", np.nan),
            ("b", "15 years", 15.0, np.nan, "year", "exact", np.nan),
            ("a", "two", 2.0, np.nan, "nation", "exact", np.nan)])
    table = headline_figures(q)
    assert table["unit"].tolist() == ["container", "km", "village", "year"]  # single-source 'nation' dropped
    verdicts = dict(zip(table["unit"], table["verdict"]))
    assert verdicts == {"container": "tension", "km": "no common value", "village": "consistent",
                        "year": "consistent"}
    assert table.loc[0, "n_figures"] == 2  # the repeated sentence counts once


def test_headlines_fall_back_when_no_unit_has_two_sources():
    q = _q([("a", "about 900 km", 900.0, np.nan, "km", "approx", np.nan)])
    table = headline_figures(q)
    assert table["verdict"].tolist() == ["single figure"]
    assert headline_figures(q.iloc[:0]).empty


def test_distinct_figures_counts_mentions():
    q = _q([("a", "Thousands", 2000.0, np.nan, "c", "vague", np.nan),
            ("a", "thousands", 2000.0, np.nan, "c", "vague", np.nan),
            ("b", "thousands", 2000.0, np.nan, "c", "vague", np.nan)])
    assert distinct_figures(q)["n_mentions"].tolist() == [2, 1]


@pytest.mark.parametrize("low,high,text", [(1000, math.inf, "1,000 or more"), (-math.inf, 50, "at most 50"),
                                           (810, 990, "810 to 990"), (21, 21, "21")])
def test_describe_interval(low, high, text):
    assert describe_interval(low, high) == text


def test_resolve_path_is_relative_to_the_notebook_folder_not_the_package(tmp_path, monkeypatch):
    # a kernel runs in its notebook's folder: "../seeds" is that checkout's seeds, never the package's
    notebooks = tmp_path / "clone" / "notebooks"
    notebooks.mkdir(parents=True)
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    monkeypatch.chdir(notebooks)
    assert report_data.resolve_path("../seeds") == tmp_path / "clone" / "seeds"
    assert report_data.resolve_path("../seeds") != (NOTEBOOKS_DIR.parent / "seeds").resolve()
    assert report_data.resolve_path(str(tmp_path)) == tmp_path
    with pytest.raises(ParameterError):
        report_data.resolve_path("  ")
    assert report_data.codebook_argument("") is None


def test_write_summary_round_trips_numpy_and_nan(tmp_path):
    path = report_data.write_summary({"n": np.int64(3), "x": float("nan"), "d": pd.Timestamp("2024-01-05"),
                                      "l": [np.float64(1.5)]}, tmp_path / "f", "01_x")
    assert path.name == "01_x.summary.json"
    assert json.loads(path.read_text()) == {"n": 3, "x": None, "d": "2024-01-05T00:00:00", "l": [1.5]}
    assert report_data.read_summary(tmp_path / "f", "01_x")["n"] == 3


def test_run_info_rejects_a_bad_run_date(seed_articles):
    assert report_data.run_info(seed_articles, "seeds", "2024-06-03").loc["run date", "value"] == "2024-06-03"
    with pytest.raises(ParameterError, match="run_date"):
        report_data.run_info(seed_articles, "seeds", "yesterday")


def test_timeline_window_and_background(seed_articles):
    dates = pd.DataFrame({"article_id": [seed_articles["article_id"][0]] * 2, "sentence_id": [0, 0],
                          "surface": ["2000", "Wednesday"], "date": pd.to_datetime(["2000-01-01", "2024-05-29"]),
                          "date_end": pd.to_datetime(["2000-12-31", None]), "precision": ["year", "day"],
                          "relative": [False, True]})
    events = report_data.timeline_events(dates, seed_articles)
    assert events["background"].tolist() == [True, False]
    assert events["source"].tolist() == ["NDTV", "NDTV"]
    assert len(report_data.timeline_events(dates, seed_articles, start_date="2024-01-01")) == 1
    with pytest.raises(ParameterError):
        report_data.timeline_events(dates, seed_articles, start_date="2024-06-01", end_date="2024-01-01")


def _teaching_nb():
    return nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("Exercise"),
        nbformat.v4.new_code_cell("answer = 1", metadata={"tags": ["solution"]}),
        nbformat.v4.new_markdown_cell("Discussion", metadata={"tags": ["solution", "other"]}),
        nbformat.v4.new_code_cell("x = 2", metadata={"tags": ["parameters"]}),
    ])


def test_strip_solutions_removes_cells_and_leaves_input_alone():
    nb = _teaching_nb()
    student = teaching.strip_solutions(nb)
    assert [c.source for c in student.cells] == ["Exercise", "x = 2"]
    assert len(nb.cells) == 4 and teaching.has_solutions(nb) and not teaching.has_solutions(student)
    assert student.metadata["osint_teaching"] == {"audience": "student", "removed": 2}
    with pytest.raises(ParameterError):
        teaching.audience_version(nb, "parent")


def test_write_versions_and_cli(tmp_path, capsys):
    src = tmp_path / "t.ipynb"
    nbformat.write(_teaching_nb(), src)
    paths = teaching.write_versions(src, tmp_path / "out")
    assert len(nbformat.read(paths["student"], as_version=4).cells) == 2
    assert len(nbformat.read(paths["instructor"], as_version=4).cells) == 4
    assert teaching.main([str(src), str(tmp_path / "cli"), "--audience", "student"]) == 0
    assert (tmp_path / "cli" / "t.student.ipynb").is_file()
    assert teaching.main([str(tmp_path / "missing.ipynb"), str(tmp_path / "x")]) == 2
    assert "not found" in capsys.readouterr().err


# --------------------------------------------------------------------------- what a report reader sees

from analysis.report import display as report_display
from analysis.report import findings as report_findings


def test_show_table_drops_the_index_names_columns_and_escapes_text(tmp_path):
    frame = pd.DataFrame({"article_id": ["a1", "a2"], "n_words": [1200, 45],
                          "sentence": ["<script>alert(1)</script> said the minister", "Short."]},
                         index=[7, 9])
    table = report_display.show_table(frame.reset_index(drop=True), "01_x", tmp_path)
    html = table._repr_html_()
    assert "<th scope=\"col\">Article</th>" in html and "<th scope=\"col\">Words</th>" in html
    assert ">1,200<" in html and "n_words" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert" not in html
    assert ">7<" not in html and ">0<" not in html  # no row index
    csv = pd.read_csv(tmp_path / "tables" / "01_x.csv")
    assert csv.columns.tolist() == ["Article", "Words", "Sentence"] and len(csv) == 2
    assert "tables/01_x.csv" in html


def test_show_table_hides_an_unnamed_index_left_by_a_sort_and_links_the_csv(tmp_path):
    frame = pd.DataFrame({"source_a": ["x", "y", "z"], "agreement": [0.5, 1.0, 0.0]})
    shown = frame.sort_values("agreement", ascending=False)  # index 1, 0, 2: unnamed, not a range
    html = report_display.show_table(shown, "03_pairs", tmp_path / "figures")._repr_html_()
    assert ">Index<" not in html and ">index<" not in html
    assert html.index(">y<") < html.index(">x<") < html.index(">z<")  # the sort is kept
    # the note names the path relative to the report, and links it
    assert '<a href="figures/tables/03_pairs.csv">figures/tables/03_pairs.csv</a>' in html
    assert "in the figures folder" not in html


def test_show_table_keeps_a_meaningful_index_as_a_column():
    frame = pd.DataFrame({"value": ["5"]}, index=pd.Index(["articles"], name="item"))
    html = report_display.show_table(frame)._repr_html_()
    assert "<th scope=\"col\">Item</th>" in html and ">articles<" in html


def test_long_text_is_folded_never_cut_and_long_tables_say_how_many_rows(tmp_path):
    long = "The agency said " + "the figures were checked again and again " * 12 + "before release."
    frame = pd.DataFrame({"sentence": [long] + ["x"] * 9})
    html = report_display.show_table(frame, "long", tmp_path, max_rows=3)._repr_html_()
    assert "<details><summary>" in html and long in html  # the whole sentence is in the page
    assert "…" not in html
    assert "The first 3 of 10 rows are shown." in html
    assert len(pd.read_csv(tmp_path / "tables" / "long.csv")) == 10  # the CSV has every row


def test_show_table_rejects_a_csv_name_that_could_escape(tmp_path):
    with pytest.raises(ParameterError):
        report_display.show_table(pd.DataFrame({"a": [1]}), "../evil", tmp_path)


def test_key_numbers_never_show_a_raw_dict():
    summary = {"n_articles": 40, "n_outlets": 3, "claims": {"C1": {"n_articles": 4}}, "run_date": "",
               "mean_flesch_reading_ease": 55.123, "findings": ["a sentence"], "headline_units": ["km"]}
    table = report_display.key_numbers(summary)
    assert table["item"].tolist() == ["Articles", "Outlets", "Run date", "Mean Flesch reading ease"]
    assert table["value"].tolist() == ["40", "3", "not given", "55.12"]
    assert not table["value"].str.contains("{", regex=False).any()


@pytest.mark.parametrize("value, text", [(12345, "12,345"), (316.0, "316"), (0.4567, "0.46"), (True, "yes"),
                                         (None, ""), (float("nan"), ""), (pd.Timestamp("2024-05-30"), "2024-05-30")])
def test_format_value(value, text):
    assert report_display.format_value(value) == text


def test_articles_are_not_sources():
    articles = pd.DataFrame({"article_id": ["a", "b", "c", "d"], "outlet": ["BBC"] * 4})
    assert report_findings.articles_and_outlets(["a", "b", "c", "d", "a"], articles) == "4 articles from 1 outlet"
    no_outlet = articles.assign(outlet="")
    assert report_findings.articles_and_outlets(["a"], no_outlet) == "1 article (no outlet named)"


def test_corpus_findings_are_plain_sentences():
    found = report_findings.corpus_findings({"n_articles": 5, "n_outlets": 5, "first_published": "2024-01-05",
                                             "last_published": "2024-05-31", "total_words": 2198,
                                             "median_words": 358.0, "n_wire": 3, "mean_flesch_reading_ease": 36.2,
                                             "mean_fk_grade": 14.1})
    assert found[0] == "The corpus holds 5 articles from 5 outlets, published between 2024-01-05 and 2024-05-31."
    assert found[1] == "The median article is 358 words long (2,198 words in all)."
    assert "36 (difficult)" in found[3]
    bare = report_findings.corpus_findings({"n_articles": 1, "n_outlets": 0, "first_published": None,
                                            "last_published": None, "total_words": 10, "median_words": 10.0,
                                            "n_wire": 0})
    assert bare[0] == "The corpus holds 1 article (no outlet named); none has a publication date."
    assert bare[2] == "No article credits a wire agency."


def test_claim_findings_count_origins_and_echo():
    table = pd.DataFrame({"claim_id": ["C1", "C2"], "label": ["missiles fired", "talks held"],
                          "n_articles": [4, 2], "n_asserts": [4, 2], "n_hedged": [0, 0], "n_denies": [1, 0],
                          "n_supporting": [4, 2], "n_origins": [1, 1], "echo": [3, 1]})
    claims = pd.DataFrame({"article_id": ["a", "b", "c", "d", "a", "b"],
                           "claim_id": ["C1", "C1", "C1", "C1", "C2", "C2"], "stance": ["asserts"] * 6})
    articles = pd.DataFrame({"article_id": list("abcd"), "outlet": ["One"] * 4})
    found = report_findings.claim_findings(table, claims, articles, n_origins=1)
    assert "\u201cmissiles fired\u201d, is carried by 4 articles from 1 outlet and rests on 1 independent origin" in found[1]
    assert found[2] == ("0 claims are confirmed by two or more independent origins; 2 claims look corroborated "
                        "but rest on a single origin.")


def test_claim_findings_follow_the_claims_mode():
    table = pd.DataFrame({"claim_id": ["K0001"], "label": ["the bridge opens in March"], "n_articles": [2],
                          "n_asserts": [2], "n_hedged": [0], "n_denies": [0], "n_supporting": [2],
                          "n_origins": [2], "echo": [0]})
    claims = pd.DataFrame({"article_id": ["a", "b"], "claim_id": ["K0001"] * 2, "stance": ["asserts"] * 2})
    articles = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["", ""]})
    claims.attrs["mode"] = "codebook-free"
    free = report_findings.claim_findings(table, claims, articles, n_origins=2)
    assert "codebook" in free[0] and "of the codebook" not in free[0]
    assert free[0].startswith("Without a codebook, 1 statement repeated by two or more articles was grouped")
    assert "of the codebook" not in " ".join(report_findings.claim_findings(table.iloc[:0], claims, articles, 2))
    claims.attrs.update(mode="codebook", codebook="bridge")
    assert report_findings.claim_findings(table, claims, articles, 2)[0].startswith(
        "1 claim of the codebook 'bridge' was found in 2 sentences of 2 articles")


def test_unresolved_dates_give_the_reason(seed_articles):
    aid = seed_articles["article_id"][0]
    undated = seed_articles.assign(published=pd.NaT)
    dates = pd.DataFrame({"article_id": [aid] * 3, "sentence_id": [0, 1, 2],
                          "surface": ["last year", "23 February", "2024"],
                          "date": pd.to_datetime([None, None, "2024-01-01"]), "relative": [True, False, False]})
    out = report_data.unresolved_dates(dates, undated)
    assert out["surface"].tolist() == ["last year", "23 February"]
    assert "relative date" in out["reason"][0] and "without a publication date" in out["reason"][0]
    assert out["reason"][1] == "no year in the text and the article has no publication date"
    dated = report_data.unresolved_dates(dates, seed_articles)
    assert set(dated["reason"]) == {"the wording names no single calendar date"}
    # "now" is a time reference row (precision present), not a date that failed to resolve
    now = dates.assign(precision=["present", "day", "year"], surface=["now", "23 February", "2024"])
    assert report_data.unresolved_dates(now, seed_articles)["reason"][0].startswith("a reference to the present")


def test_timeline_findings_count_unresolved_dates():
    events = pd.DataFrame({"date": pd.to_datetime(["2024-05-01"]), "date_end": pd.to_datetime(["2024-05-01"]),
                           "relative": [True], "background": [False]})
    unresolved = pd.DataFrame({"reason": ["r1", "r1", "r2"]})
    found = report_findings.timeline_findings(events, 4, unresolved)
    assert found[0] == ("4 date mentions were found; 1 resolves to a calendar date in the window and 3 could not "
                        "be resolved.")
    assert found[1] == "Most common reason for an unresolved date (2): r1."


def test_timeline_findings_keep_the_precision_and_say_how_relative_dates_were_resolved():
    events = pd.DataFrame({
        "date": pd.to_datetime(["2023-01-01", "2024-02-23", "2024-05-03"]),
        "date_end": pd.to_datetime(["2023-12-31", "2024-02-23", "2024-05-03"]),
        "precision": ["year", "day", "day"], "relative": [False, True, True], "background": [False] * 3,
        "published": pd.to_datetime([None, None, "2024-05-06"])})
    found = report_findings.timeline_findings(events, 3, pd.DataFrame({"reason": []}))
    text = " ".join(found)
    assert "run from 2023 to 2024-05-03" in text and "2023-01-01" not in text
    # one relative word against a publication date; one year-less date that took its year from the text
    assert "1 date was resolved against the publication date" in text
    assert "1 date without a year (its article has no publication date) took the year from another date" in text


# --------------------------------------------------------------------------- navigation and the run index


def test_table_of_contents_links_every_section_heading():
    from analysis.report.rendering.convert import table_of_contents

    page = ('<h1 id="T">T</h1><h2 id="Findings">Findings<a class="anchor-link" href="#Findings"></a></h2>'
            '<p>x</p><h2 id="Source-%C3%97-claim">Source &times; claim</h2>')
    toc = table_of_contents(page)
    assert '<a href="#Findings">Findings</a>' in toc and '<a href="#Source-%C3%97-claim">Source × claim</a>' in toc
    assert table_of_contents('<h2 id="a">only one</h2>') == ""


def test_index_shows_findings_and_counts_reports(tmp_path):
    from analysis.report.rendering.index_page import write_index

    (tmp_path / "figures").mkdir()
    report_data.write_summary({"findings": ["The corpus holds <5> articles."]}, tmp_path / "figures", "01_a")
    manifest = {"run_id": "r1", "started_at": "t", "duration_s": 1.0, "kernel": "k", "cell_timeout_s": 1,
                "with_code": False, "versions": {}, "corpus": {"path": "c", "files": 1, "bytes": 1, "sha256": "x"},
                "figures": ["figures/tables/01_a.csv", "figures/01_a.png", "figures/01_a.svg",
                            "figures/01_a.summary.json"],
                "notebooks": [{"name": "01_a", "title": "A", "status": "ok", "duration_s": 1.0, "parameters": {},
                               "html": "01_a.html"},
                              {"name": "02_t", "title": "T", "status": "ok", "duration_s": 1.0, "parameters": {},
                               "html": "02_t.html", "instructor_dir": "../instructor/r1/"}]}
    html = write_index(tmp_path, manifest).read_text(encoding="utf-8")
    assert "2 of 2 reports rendered" in html
    assert "<li>The corpus holds &lt;5&gt; articles.</li>" in html
    assert 'href="figures/tables/01_a.csv"' in html and 'href="figures/01_a.png"' in html
    assert "summary.json" not in html and "instructor.html" not in html
    assert "../instructor/r1/" in html and "student notebook" not in html  # no notebook file recorded here
    assert html.count("student</strong> version") == 1  # the teaching note once


def test_index_counts_articles_not_files_and_shows_the_plan_notes_and_codebook(tmp_path):
    from analysis.report.rendering.index_page import render_index

    manifest = {"run_id": "r1", "started_at": "t", "duration_s": 1.0, "kernel": "k", "cell_timeout_s": 1,
                "with_code": False, "versions": {}, "figures": [],
                "corpus": {"path": "c", "files": 8, "bytes": 10, "sha256": "x", "articles": 5},
                "codebook": "/c/codebook.yaml", "codebook_source": "beside the corpus",
                "notes": ["07_explore left out: an interactive notebook"],
                "notebooks": [{"name": "01_a", "title": "A", "status": "ok", "duration_s": 1.0, "parameters": {},
                               "html": "01_a.html"}]}
    html = render_index(manifest)
    assert "5 articles" in html and "read from 8 files in all" in html
    assert "07_explore left out: an interactive notebook" in html
    assert "/c/codebook.yaml (beside the corpus)" in html


def test_a_corpus_without_outlets_never_calls_article_ids_outlets():
    bare = pd.DataFrame({"article_id": ["politics_001", "politics_002"], "outlet": ["", None]})
    assert report_data.effective_source_by("outlet", bare) == "article_id"
    assert report_data.source_kind("outlet", bare) == "articles"
    mixed = bare.assign(outlet=["Daily", ""])
    assert report_data.effective_source_by("outlet", mixed) == "outlet"
    assert report_data.source_kind("outlet", mixed) == "sources"  # unnamed articles stand for themselves
    assert report_data.source_kind("outlet", bare.assign(outlet=["Daily", "Herald"])) == "outlets"
    summary = {"source_by": "article_id", "sources_are": "articles", "n_sources": 17, "n_claims": 3,
               "n_pairs": 10, "mean_agreement": 0.5, "n_contradictions": 0, "n_origins": 2, "n_reuse_pairs": 0}
    found = report_findings.agreement_findings(summary, pd.DataFrame(), pd.DataFrame(columns=["origin_id", "article_id"]),
                                               bare)
    assert found[0] == "17 articles take a stance on 3 claims."
    assert found[1].startswith("Across 10 pairs of articles sharing a claim")
    assert "outlet" not in " ".join(found)


def test_an_empty_chart_is_shown_as_one_line(tmp_path):
    from analysis.report import plots

    undated = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["", ""], "published": pd.to_datetime([None, None]),
                            "body": ["One.", "Two."], "headline": ["", ""]})
    shown = plots.show_chart(plots.plot_publication_dates(undated), "01_dates", tmp_path)
    assert isinstance(shown, plots.ChartNote) and "publication date" in shown._repr_html_()
    assert (tmp_path / "01_dates.png").exists()  # the file name stays stable
    graph = plots.plot_reuse_graph(undated, pd.DataFrame(columns=["article_a", "article_b", "containment_a",
                                                                  "containment_b", "n_passages"]))
    assert isinstance(plots.show_chart(graph, "03_reuse", tmp_path), plots.ChartNote)
    assert "copies" not in graph.axes[0].get_title()


def test_origins_sort_naturally_and_all_independent_is_one_sentence():
    articles = pd.DataFrame({"article_id": ["a1", "a2", "a3", "a4"], "outlet": ["X", "Y", "Z", "W"]})
    origins = pd.DataFrame({"article_id": ["a1", "a2", "a3", "a4"], "origin_id": ["O10", "O2", "O100", "O2"]})
    table = report_data.origin_table(articles, origins)
    assert table["origin_id"].tolist() == ["O2", "O2", "O10", "O100"]
    assert report_data.origins_sentence(articles, origins) is None  # a2 and a4 share an origin: list them
    alone = origins.assign(origin_id=["O1", "O2", "O3", "O4"])
    assert report_data.origins_sentence(articles, alone) == (
        "Each of the 4 articles is its own independent origin: no wire credit or shared text ties any two of "
        "them together.")


def test_shown_columns_hide_empty_outlet_and_date_columns():
    table = pd.DataFrame({"article_id": ["a"], "outlet": [""], "published": [None], "n_words": [10]})
    bare = pd.DataFrame({"article_id": ["a"], "outlet": [""], "published": pd.to_datetime([None])})
    assert report_data.shown_columns(table, bare) == ["article_id", "n_words"]
    named = bare.assign(outlet=["Daily"], published=pd.to_datetime(["2024-05-01"]))
    assert report_data.shown_columns(table, named) == ["article_id", "outlet", "published", "n_words"]
