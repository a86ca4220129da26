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
# # Claim frequency
#
# For every claim in the codebook: how many articles **assert** it, **hedge**
# it ("may", "reportedly", "accuses"), or **deny** it -- and how many
# **independent origins** stand behind the supporting articles.  Five
# articles repeating one wire story are one origin, not five confirmations:
# the `echo` column counts the supporting articles beyond their origins.
#
# With a codebook (the `codebook` parameter, or a `codebook.yaml` beside the
# corpus) its rules tag the claims; see `docs/codebook.md`.  Without one the
# claims are codebook-free: statements with a named source that several
# articles repeat in near-identical words, each labelled by its most
# representative sentence (`python -m analysis draft-codebook` turns them into
# a codebook to edit).  The line below says which mode ran.  Origins come from
# wire credits and shared passages of text (`analysis.origins`).

# %%
# %matplotlib inline
import pandas as pd

import analysis
from analysis.report import plots
from analysis.report import claims as report_claims
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
min_articles = 1  # [0, inf) claims carried by fewer articles are left out of the tables and chart
top_claims = 30  # [1, inf) claims drawn in the chart (most independent origins first)
examples_per_claim = 2  # [0, inf) example sentences shown per claim and stance

# %%
corpus_path = report_data.resolve_path(corpus)
figures_path = report_data.resolve_path(figures_dir)
# the tables render computed once for the whole run, or (run alone) computed here on first use
tables = shared_tables.open_tables(corpus_path, codebook, tables_dir)
articles = tables.articles
report_display.show_table(report_data.run_info(articles, corpus, run_date))

# %%
claims = tables["claims"]
origins = tables["origins"]
frequency = analysis.claim_frequency(claims, origins)
frequency = frequency[frequency["n_articles"] >= min_articles].reset_index(drop=True)
labels = report_data.claim_labels(claims)
report_claims.mode_banner(claims)

# %% [markdown]
# ## Findings

# %%
from analysis.report.display import show_findings, show_key_numbers, show_table
from analysis.report.findings import claim_findings

frequency_table = report_data.claim_frequency_table(frequency, claims)
findings = claim_findings(frequency_table, claims, articles, origins["origin_id"].nunique())
show_findings(findings)

# %% [markdown]
# ## Claims by support
#
# *Assert*, *hedge*, *deny*: articles taking each stance.  *Supporting
# articles* assert or hedge the claim; *independent origins* are the groups
# of those articles that do not share an origin; the *echo* counts the
# supporting articles beyond their origins.

# %%
show_table(frequency_table, "02_claims_by_support", figures_path)

# %%
fig = plots.plot_claim_frequency(frequency, labels, top=top_claims)
plots.show_chart(fig, "02_claim_frequency", figures_path)

# %% [markdown]
# The articles behind the claim with the most independent origins: one
# article per origin, the paragraphs carrying the claim, every extraction
# marked (hover a mark for what the package read there).

# %%
from analysis.explore.article_view import show_claim

(show_claim(frequency["claim_id"].iloc[0], articles, {"claims": claims, "origins": origins})
 if len(frequency) else report_display.show_note("No claim was tagged in this corpus."))

# %% [markdown]
# ## Who says what
#
# Who takes each stance: an outlet in its own voice, otherwise the speaker it
# reports.  An outlet that reports a denial is not listed as denying; the
# denying party is.

# %%
show_table(report_data.claim_sources(claims, articles), "02_who_says_what", figures_path)

# %% [markdown]
# The articles behind the first claim someone denies: the denial in its
# context, marked with the speaker, the reporting cue and the stance.

# %%
from analysis.explore.article_view import show_claim

denied = claims.loc[claims["stance"] == "denies", "claim_id"]
(show_claim(denied.iloc[0], articles, {"claims": claims, "origins": origins}, stances="denies", max_articles=2)
 if len(denied) else report_display.show_note("No claim is denied in this corpus."))

# %% [markdown]
# ## On whose authority
#
# The speakers each claim rests on.  `narrator` means the outlet states it in
# its own voice; many claims rest on one or two officials.

# %%
show_table(report_data.claim_speakers(claims), "02_speakers", figures_path)

# %% [markdown]
# ## Independent origins
#
# Articles grouped by origin, with the evidence (wire credit or shared text).

# %%
# every article its own origin: one sentence instead of a long list of "independent"
origin_rows = report_data.origin_table(articles, origins)
(report_display.show_note(report_data.origins_sentence(articles, origins)) if report_data.origins_sentence(articles, origins)
 else show_table(origin_rows, "02_origins", figures_path, columns=report_data.shown_columns(origin_rows, articles)))

# %% [markdown]
# ## Example sentences

# %%
show_table(report_data.claim_examples(claims, articles, per_claim=examples_per_claim), "02_examples",
           figures_path)

# %% [markdown]
# ## Key numbers

# %%
summary = {
    **report_claims.claims_summary(claims),
    "n_tagged_sentences": int(len(claims)),
    "n_claims": int(len(frequency)),
    "n_origins": int(origins["origin_id"].nunique()),
    "claims": {
        row.claim_id: {"n_articles": row.n_articles, "n_asserts": row.n_asserts, "n_hedged": row.n_hedged,
                       "n_denies": row.n_denies, "n_reported": row.n_reported, "n_origins": row.n_origins}
        for row in frequency.itertuples()
    },
    "run_date": run_date,
    "findings": findings,
}
report_data.write_summary(summary, figures_path, "02_claim_frequency")
show_key_numbers(summary, "02_key_numbers", figures_path)
