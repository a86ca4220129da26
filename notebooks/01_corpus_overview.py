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
# # Corpus overview
#
# What is in the corpus: which articles, from which outlets, published when,
# how long and how hard to read.  Start every analysis here: a corpus that is
# all from one outlet, one day or one wire service supports much weaker
# conclusions than one that spans many independent newsrooms.

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
top_outlets = 15  # [1, inf) outlets shown by name in the dates chart; the rest share one row
max_articles_per_chart = 40  # [1, inf) above this many articles, charts show distributions instead of one row per article

# %%
corpus_path = report_data.resolve_path(corpus)
figures_path = report_data.resolve_path(figures_dir)
# the tables render computed once for the whole run, or (run alone) computed here on first use
tables = shared_tables.open_tables(corpus_path, codebook, tables_dir)
articles = tables.articles
report_display.show_table(report_data.run_info(articles, corpus, run_date))

# %% [markdown]
# ## Findings

# %%
from analysis.report.display import show_findings, show_key_numbers, show_table
from analysis.report.findings import corpus_findings

scores = tables["readability"]
summary = report_data.corpus_summary(articles, scores)
summary["run_date"] = run_date
summary["findings"] = corpus_findings(summary)
show_findings(summary["findings"])

# %% [markdown]
# ## Articles
#
# One row per article.  *Wire credit* names the news agency an article comes
# from or credits (its text may be shared word for word with other outlets);
# *page chrome lines removed* counts lines dropped while loading
# ("Advertisement", "Listen to article", comment policies, ...).

# %%
article_rows = report_data.corpus_table(articles)
# without outlets or publication dates, those columns would be empty (the CSV keeps them)
show_table(article_rows, "01_articles", figures_path, columns=report_data.shown_columns(article_rows, articles))

# %% [markdown]
# ## Outlets

# %%
outlets = report_data.outlet_table(articles)
(show_table(outlets, "01_outlets", figures_path,
            columns=[c for c in outlets.columns if c == "outlet" or c in report_data.shown_columns(outlets, articles)])
 if report_data.has_outlets(articles) else report_display.show_note("No article names its outlet (a folder of text files has no "
                                                    "manifest to name them), so there is no table of outlets."))

# %% [markdown]
# ## Publication dates
#
# Articles published days or months apart may report different stages of the
# same story; check the dates before comparing what they say.

# %%
fig = plots.plot_publication_dates(articles, top_outlets=top_outlets)
plots.show_chart(fig, "01_publication_dates", figures_path)

# %% [markdown]
# ## Lengths

# %%
fig = plots.plot_article_lengths(articles, max_articles=max_articles_per_chart)
plots.show_chart(fig, "01_article_lengths", figures_path)

# %% [markdown]
# ## Readability
#
# Flesch reading ease (0-100, higher is easier) and Flesch-Kincaid grade
# (years of US schooling needed), computed offline with textstat.  News
# agency copy typically scores 30-50 ("difficult"); much lower scores often
# mean long quoted statements or lists.

# %%
show_table(scores[["article_id", "flesch_reading_ease", "flesch_kincaid_grade", "n_sentences", "n_words"]],
           "01_readability", figures_path, digits=1)

# %%
fig = plots.plot_readability(scores, articles, max_articles=max_articles_per_chart)
plots.show_chart(fig, "01_readability", figures_path)

# %% [markdown]
# ## Key numbers

# %%
report_data.write_summary(summary, figures_path, "01_corpus_overview")
show_key_numbers(summary, "01_key_numbers", figures_path)
