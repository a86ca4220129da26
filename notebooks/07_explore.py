# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     notebook_metadata_filter: osint
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.7
#   kernelspec:
#     display_name: Python (osint-analysis)
#     language: python
#     name: osint-analysis
#   osint:
#     static_report: false
# ---

# %% [markdown]
# # Explore the claims
#
# An interactive notebook for JupyterLab (`make lab`): the report renderer
# leaves it out of `make report`, because its widgets need a live kernel.
#
# **Claims tab.** Pick a claim, a stance, a speaker, an outlet or a date
# range: the matching statements are listed grouped by *independent origin*
# (outlets running one wire story are one origin).  Click a statement to read
# its article with every extraction marked in the text -- figures, dates,
# speakers and reporting cues, quotations, claims with the speaker's stance,
# passages shared with other articles.  Hover a mark for what the package
# read there.
#
# **Figures tab.** Pick what is measured or counted (a unit: km, missile,
# person, ...): every figure given in it across sources, with its sentence;
# click one to read it in its article.
#
# Point `corpus` at your own corpus, or at a folder written by
# `python -m analysis extract CORPUS --out DIR`: the tables are then read
# from disk, nothing is recomputed, and only the article you open is loaded
# with its text.

# %%
import pandas as pd

import analysis
from analysis.explore import explorer as ex
from analysis.report import data as report_data
from analysis.scale.tables import is_table_folder

pd.set_option("display.max_colwidth", 160)

# %% tags=["parameters"]
corpus = "../seeds"  # corpus folder, manifest.csv, records file or extract Parquet folder; relative to notebooks/
codebook = ""  # claims codebook YAML file; empty: the codebook.yaml beside the corpus, else codebook-free claims
figures_dir = "../figures"  # where the summary JSON is written
run_date = ""  # ISO date of this run (YYYY-MM-DD), empty if not given
use_clusters = False  # explore codebook-free claim clusters instead of codebook claims

# %%
corpus_path = report_data.resolve_path(corpus)
figures_path = report_data.resolve_path(figures_dir)
if is_table_folder(corpus_path):
    # an extract folder: tables and article texts stay on disk until shown
    articles = tables = corpus_path
else:
    articles = analysis.load_corpus(corpus_path)
    tables = analysis.run_pipeline(articles, codebook=report_data.codebook_argument(codebook))
if use_clusters:
    # clusters are computed from the article texts (a minute or more on a large corpus)
    texts = analysis.load_corpus(corpus_path)
    in_memory = analysis.load_tables(tables) if is_table_folder(corpus_path) else tables
    tables = {**in_memory, "clusters": analysis.cluster_claims(texts)}

# %% [markdown]
# ## The explorer

# %%
explorer = analysis.ClaimsExplorer(articles, tables, use="clusters" if use_clusters else None)
explorer

# %% [markdown]
# ## The same without widgets
#
# The explorer's filters are plain functions on DataFrames
# (`analysis.explore.explorer`): use them in your own cells, scripts or reports.
# Here: every statement in which a speaker *denies* a claim, grouped by
# independent origin, and the article behind the first one.

# %%
denials = ex.filter_statements(explorer.statements, stances="denies")
ex.origin_summary(denials)

# %%
if len(denials):
    first = denials.iloc[0]
    view = analysis.show_article(first["article_id"], articles, tables, focus=[(first["start"], first["end"])])
else:
    view = "no statement in this corpus denies a claim"
view

# %% [markdown]
# ## What the figures measure

# %%
explorer.things

# %%
summary = {
    "n_statements": int(len(explorer.statements)),
    "kind": explorer.statements.attrs.get("kind", ""),
    "n_denials": int(len(denials)),
    "n_denial_origins": int(denials["origin_id"].nunique()),
    "units": explorer.things["unit"].tolist(),
    "run_date": run_date,
}
report_data.write_summary(summary, figures_path, "07_explore")
pd.Series(summary, name="value", dtype=object).to_frame()
