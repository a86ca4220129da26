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
# Claims are tagged by the rules of a codebook (`codebook` parameter; the
# package's default covers the sample corpus's topic -- write your own for
# another story, see `docs/codebook.md`).  Origins come from wire credits and
# shared passages of text (`analysis.origins`).

# %%
# %matplotlib inline
import pandas as pd

import analysis
from analysis import plots, report_data, shared_tables

pd.set_option("display.max_colwidth", 160)
pd.set_option("display.max_rows", 80)

# %% tags=["parameters"]
corpus = "../seeds"  # corpus folder, manifest.csv or records file; relative paths start at the folder of this notebook
codebook = ""  # claims codebook YAML file, empty for the default codebook shipped with the package
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
report_data.run_info(articles, corpus, run_date)

# %%
claims = tables["claims"]
origins = tables["origins"]
frequency = analysis.claim_frequency(claims, origins)
frequency = frequency[frequency["n_articles"] >= min_articles].reset_index(drop=True)
labels = report_data.claim_labels(claims)
print(f"codebook: {claims.attrs.get('codebook', '')}; {len(claims):,} tagged sentences, "
      f"{len(frequency):,} claims, {origins['origin_id'].nunique():,} independent origins")

# %% [markdown]
# ## Claims by support

# %%
report_data.claim_frequency_table(frequency, claims)

# %%
fig = plots.plot_claim_frequency(frequency, labels, top=top_claims)
plots.save_figure(fig, "02_claim_frequency", figures_path)
fig

# %% [markdown]
# ## Who says what
#
# The outlets taking each stance.  An outlet can appear under several stances
# (it reports an allegation and the denial of it).

# %%
report_data.claim_sources(claims, articles)

# %% [markdown]
# ## On whose authority
#
# The speakers each claim rests on.  `narrator` means the outlet states it in
# its own voice; many claims rest on one or two officials.

# %%
report_data.claim_speakers(claims)

# %% [markdown]
# ## Independent origins
#
# Articles grouped by origin, with the evidence (wire credit or shared text).

# %%
report_data.origin_table(articles, origins)

# %% [markdown]
# ## Example sentences

# %%
report_data.claim_examples(claims, articles, per_claim=examples_per_claim)

# %% [markdown]
# ## Key numbers

# %%
summary = {
    "codebook": claims.attrs.get("codebook", ""),
    "n_tagged_sentences": int(len(claims)),
    "n_claims": int(len(frequency)),
    "n_origins": int(origins["origin_id"].nunique()),
    "claims": {
        row.claim_id: {"n_articles": row.n_articles, "n_asserts": row.n_asserts, "n_hedged": row.n_hedged,
                       "n_denies": row.n_denies, "n_origins": row.n_origins}
        for row in frequency.itertuples()
    },
    "run_date": run_date,
}
report_data.write_summary(summary, figures_path, "02_claim_frequency")
pd.Series(summary, name="value", dtype=object).to_frame()
