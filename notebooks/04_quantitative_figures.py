# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.7
#   kernelspec:
#     display_name: Python (osint-analysis)
#     language: python
#     name: osint-analysis
# ---

# %% [markdown]
# # Quantitative figures
#
# Every number the articles report with a unit -- distances, counts of
# missiles or containers, money, percentages -- by source, drawn as what the
# wording actually claims: **exact** figures are points, **approximate** ones
# ("about 900 km") a band, **at least** ("more than 1,000") an arrow to the
# right, **at most** an arrow to the left, **ranges** a bar, **vague** figures
# ("thousands") a dashed segment, and **part of a whole** ("21 of roughly 50")
# a square joined to the whole.
#
# The *headline figures* are found from the data: figures are grouped by what
# they measure -- the unit and the counted or measured thing ("km" of a range
# apart from "km" of a distance, soldiers apart from civilians) -- and the
# groups that the most sources report come first.  When the intervals
# of a group overlap, the sources are compatible; when they do not, either
# the sources disagree or they measure different things -- read the
# sentences before concluding.

# %%
# %matplotlib inline
import pandas as pd

import analysis
from analysis.report import plots
from analysis.report import data as report_data
from analysis.report import display as report_display
from analysis.report import shared_tables

pd.set_option("display.max_colwidth", 160)
pd.set_option("display.max_rows", 80)

# %% tags=["parameters"]
corpus = "../seeds"  # corpus folder, manifest.csv or records file; relative paths start at the folder of this notebook
codebook = ""  # claims codebook YAML file; empty: the codebook.yaml beside the corpus, else codebook-free claims
figures_dir = "../figures"  # where charts (PNG + SVG) and the summary JSON are written
tables_dir = ""  # folder of the tables render computed once for all reports; empty: computed in this kernel
run_date = ""  # ISO date of this run (YYYY-MM-DD) shown in the report, empty if not given
approx_tolerance = 0.1  # [0, 1) relative half-width of the band drawn for approximate figures (about, roughly)
n_headlines = 5  # [1, inf) number of headline figure groups (units) called out
min_sources = 2  # [1, inf) a headline unit must be reported by at least this many articles
max_units = 6  # [1, inf) unit panels drawn in the chart
max_rows_per_unit = 12  # [1, inf) figures drawn per unit panel

# %%
from analysis.compare import headlines

# %%
corpus_path = report_data.resolve_path(corpus)
figures_path = report_data.resolve_path(figures_dir)
# the tables render computed once for the whole run, or (run alone) computed here on first use
tables = shared_tables.open_tables(corpus_path, codebook, tables_dir)
articles = tables.articles
report_display.show_table(report_data.run_info(articles, corpus, run_date))

# %%
quantities = tables["quantities"]
# a sentence repeated on the page (standfirst and body) is one statement
distinct = headlines.distinct_figures(quantities)
intervals = headlines.figure_intervals(distinct, approx_tolerance=approx_tolerance)

# %% [markdown]
# ## Findings

# %%
from analysis.report.display import show_findings, show_key_numbers, show_table
from analysis.report.findings import figure_findings

headline_table = headlines.headline_figures(quantities, articles, top=n_headlines,
                                            approx_tolerance=approx_tolerance, min_sources=min_sources)
findings = figure_findings(headline_table, quantities, articles)
show_findings(findings)

# %% [markdown]
# ## Headline figures
#
# The measured things reported by at least `min_sources` articles,
# most-reported first; `not_compared` lists figures in the same unit left out
# because they measure something else, with the reason.
# `agreed_interval` is what every figure in the group allows when read
# literally (the largest lower bound to the smallest upper bound).  The
# `verdict`: **consistent** -- one value could make every source right;
# **tension** -- possible as written, but not as a reader takes the words
# ("more than 1,000" suggests fewer than 2,000, "thousands" at least 2,000);
# **no common value** -- the figures describe different things (a salvo, a
# shipment, a total) or the sources really disagree: read the sentences.

# %%
show_table(headline_table.assign(
    agreed_interval=[headlines.describe_interval(lo, hi) if lo <= hi else "none"
                     for lo, hi in zip(headline_table["low"], headline_table["high"])],
    figures=headline_table["figures"].map("; ".join),
    not_compared=headline_table["not_compared"].map(lambda left_out: "; ".join(map(str, left_out)))
    if "not_compared" in headline_table.columns else "",
)[["rank", "measure", "unit", "n_sources", "figures", "verdict", "agreed_interval"]
  + (["not_compared"] if "not_compared" in headline_table.columns else [])],
    "04_headline_figures", figures_path, empty="No unit is reported by enough articles to compare.")

# %% [markdown]
# ## Every figure by source

# %%
fig = plots.plot_figures(intervals, headline_table, articles, max_units=max_units,
                         max_rows_per_unit=max_rows_per_unit)
plots.show_chart(fig, "04_figures_by_source", figures_path)

# %% [markdown]
# ## The sentences behind the headline figures
#
# Check each figure in context: who gives it, about what, with which hedge.

# %%
show_table(report_data.figures_in_context(intervals, articles, units=headline_table["unit"].tolist()),
           "04_headline_sentences", figures_path)

# %% [markdown]
# ## All figures
#
# Every distinct figure found, with its qualifier and literal interval (sorted
# by unit and value).

# %%
show_table(report_data.figures_in_context(intervals, articles), "04_all_figures", figures_path)

# %% [markdown]
# ## Key numbers

# %%
summary = {
    "n_figures": int(len(quantities)),
    "n_units": int(quantities["unit"].replace("", pd.NA).dropna().nunique()),
    "qualifiers": quantities["qualifier"].value_counts().to_dict(),
    "n_distinct_figures": int(len(distinct)),
    "headlines": headline_table[["rank", "unit", "n_sources", "n_figures", "low", "high", "consistent",
                                 "as_read", "verdict", "figures", "values"]].to_dict("records"),
    "run_date": run_date,
    "findings": findings,
}
report_data.write_summary(summary, figures_path, "04_quantitative_figures")
show_key_numbers(summary, "04_key_numbers", figures_path)
