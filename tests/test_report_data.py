"""Unit tests of the notebook helpers: intervals, headline figures, paths, summaries, teaching versions."""

from __future__ import annotations

import json
import math

import nbformat
import numpy as np
import pandas as pd
import pytest

from analysis import report_data, teaching
from analysis.errors import ParameterError
from analysis.headlines import describe_interval, distinct_figures, figure_intervals, headline_figures
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
