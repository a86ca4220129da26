"""Figures grouped by what they measure (issue 13, item 3)."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.errors import ParameterError
from analysis.compare.figure_groups import explain_comparison, group_figures, measure_of
from analysis.compare.headlines import headline_figures
from analysis.extract.quantities.extractor import extract_quantities
from tests.conftest import article_frame


@pytest.mark.parametrize("unit, kind, subject, measure", [
    ("km", "distance", "ranges", "km:range"),
    ("km", "distance", "", "km"),
    ("container", "count", "containers of munitions", "container"),
    ("person", "count", "people", "person"),
    ("person", "count", "Ukrainians", "person"),
    ("person", "count", "North Korean soldiers", "person:soldier"),
    ("usd", "money", "contract", "usd:contract"),
    ("", "count", "", ""),
])
def test_measure_of(unit, kind, subject, measure):
    assert measure_of(unit, kind, subject) == measure


def _corpus():
    return article_frame(
        "Missiles with ranges of about 900 km were fired. More than 1,000 containers were sent.",
        "The island lies 365 km away. Thousands of containers were shipped.",
        "The missiles have ranges of 1,000 km.",
    )


def test_group_figures_keeps_like_with_like():
    g = group_figures(extract_quantities(_corpus()))
    by = dict(zip(g["surface"], g["group_id"]))
    assert by["about 900 km"] == by["1,000 km"]          # both ranges
    assert by["about 900 km"] != by["365 km"]            # a range is not a distance
    assert by["More than 1,000"] == by["Thousands"]      # both containers
    sizes = dict(zip(g["surface"], g["n_sources"]))
    assert sizes["about 900 km"] == 2 and sizes["365 km"] == 1


def test_group_figures_rebuilds_measure_and_leaves_unitless_figures_alone():
    q = pd.DataFrame({"article_id": ["a", "b", "c"], "unit": ["km", "km", ""],
                      "kind": ["distance", "distance", "count"], "subject": ["ranges", "ranges", ""]})
    g = group_figures(q)
    assert g["group_id"].tolist() == [0, 0, -1]
    assert g["group_size"].tolist() == [2, 2, 0]


def test_explain_comparison_says_why():
    q = group_figures(extract_quantities(_corpus()))
    rows = {r.surface: r for r in q.itertuples(index=False)}
    ok, why = explain_comparison(rows["about 900 km"], rows["1,000 km"])
    assert ok and why == "compared: both measure km of range"
    ok, why = explain_comparison(rows["about 900 km"], rows["365 km"])
    assert not ok and "'365 km' does not name what it measures" in why
    ok, why = explain_comparison(rows["about 900 km"], rows["Thousands"])
    assert not ok and why == "not compared: different units (km vs container)"


def test_headline_figures_by_measure_lists_what_it_left_out():
    arts = _corpus()
    q = extract_quantities(arts)
    table = headline_figures(q, top=0, min_sources=1)
    km = table[table["measure"] == "km:range"].iloc[0]
    assert km["n_figures"] == 2 and km["verdict"] == "tension"  # about 900 reads as 810-990
    assert any("365 km" in reason for reason in km["not_compared"])
    by_unit = headline_figures(q, top=0, min_sources=1, by="unit")
    assert by_unit[by_unit["unit"] == "km"].iloc[0]["n_figures"] == 3
    with pytest.raises(ParameterError):
        headline_figures(q, by="noun")


def test_group_figures_names_missing_columns():
    with pytest.raises(ValueError, match="unit"):
        group_figures(pd.DataFrame({"article_id": ["a"]}))
    with pytest.raises(TypeError):
        group_figures([1, 2])
