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
# # Source agreement
#
# Which sources take which stance on which claim, how far each pair of
# sources agrees, where they contradict each other (stances, figures, dates),
# and which of them are not independent at all because they share text.
#
# A source's cell keeps its strongest commitment to a claim (asserts >
# hedged > denies): an article that reports an allegation *and* the denial
# counts as asserting; the denial is the denying speaker's (use
# `source_by = "speaker"` to compare the parties themselves).

# %%
# %matplotlib inline
import pandas as pd
from IPython.display import display

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
source_by = "outlet"  # {outlet, article_id, speaker, origin_id} what counts as a source
agreement_measure = "agreement"  # {agreement, jaccard, kappa} pairwise measure drawn
min_shared_claims = 1  # [0, inf) pairs of sources sharing fewer claims are left out of the agreement table
min_containment = 0.0  # [0, 1] reuse links below this share of copied text are not drawn
approx_tolerance = 0.1  # [0, 1) relative half-width of an approximate figure when comparing figures

# %%
corpus_path = report_data.resolve_path(corpus)
figures_path = report_data.resolve_path(figures_dir)
# the tables render computed once for the whole run, or (run alone) computed here on first use
tables = shared_tables.open_tables(corpus_path, codebook, tables_dir)
articles = tables.articles
report_display.show_table(report_data.run_info(articles, corpus, run_date))

# %%
claims = tables["claims"]
quantities = tables["quantities"]
dates = tables["dates"]
reuse = tables["reuse"]
origins = tables["origins"]
if report_data.effective_source_by(source_by, articles) != source_by:
    # a corpus without outlets (a folder of text files): each article stands for itself
    display(report_display.show_note("No article names its outlet, so each **article** counts as a source here."))
    source_by = "article_id"
by, source_table = report_data.sources_argument(source_by, articles, origins)
names = report_data.source_display_names(source_by, articles, origins)
labels = report_data.claim_labels(claims)
report_claims.mode_banner(claims)

# %% [markdown]
# ## Findings

# %%
from analysis.report.display import show_findings, show_key_numbers, show_table
from analysis.report.findings import agreement_findings

matrix = analysis.source_claim_matrix(claims, by=by, articles=source_table)
pairs = analysis.pairwise_agreement(claims, by=by, articles=source_table, min_shared=min_shared_claims)
contradictions = analysis.find_contradictions(claims, quantities, dates, articles,
                                              approx_tolerance=approx_tolerance)
summary_reuse = analysis.reuse_summary(articles, reuse)
summary = {
    **report_claims.claims_summary(claims),
    "source_by": source_by,
    "sources_are": report_data.source_kind(source_by, articles),
    "n_sources": int(matrix.shape[0]),
    "n_claims": int(matrix.shape[1]),
    "n_pairs": int(len(pairs)),
    "mean_agreement": float(pairs["agreement"].mean()) if len(pairs) else None,
    "n_contradictions": int(len(contradictions)),
    "contradictions_by_type": contradictions["type"].value_counts().to_dict() if len(contradictions) else {},
    "n_reuse_pairs": int(len(summary_reuse)),
    "n_origins": int(origins["origin_id"].nunique()),
    "origin_groups": {o: sorted(g["article_id"].astype(str)) for o, g in origins.groupby("origin_id")},
    "run_date": run_date,
}
summary["findings"] = agreement_findings(summary, contradictions, origins, articles)
show_findings(summary["findings"])

# %% [markdown]
# ## Source × claim
#
# A = asserts, H = hedged, D = denies, R = the outlet only reports others
# saying it (no stance of its own), blank = the source does not touch the
# claim.  Outlets, articles and origins take a stance only in their own
# voice: an outlet reporting a denial is not a denier (set `source_by =
# "speaker"` to compare the parties themselves).  Claim ids are listed with
# their labels below the chart.

# %%
fig = plots.plot_stance_matrix(matrix, labels, names)
plots.show_chart(fig, "03_source_claim_matrix", figures_path)

# %%
show_table(pd.DataFrame({"claim_id": list(labels), "label": list(labels.values())}), "03_claims", figures_path)

# %% [markdown]
# ## Pairwise agreement
#
# `agreement`: of the claims two sources share, the share on which they take
# the same side (asserting and hedging are the same side).  `jaccard`: how
# much of the same ground they cover.  `kappa`: agreement beyond what each
# source's overall rates predict (0 = chance).  High agreement between
# sources of one origin is expected -- it is the same text.

# %%
show_table(pairs.sort_values(["agreement", "n_shared_claims"], ascending=False), "03_pairwise_agreement",
           figures_path)

# %%
fig = plots.plot_pairwise_agreement(pairs, value=agreement_measure, source_names=names)
plots.show_chart(fig, "03_pairwise_agreement", figures_path)

# %% [markdown]
# ## Contradictions
#
# Pairs that cannot both be right (**conflict**) or can be, but read
# differently (**tension**): speakers taking opposite stances on a claim (an
# outlet only in its own voice, so reporting both sides is no conflict),
# figures whose intervals do not meet, dates that do not overlap for the same
# event.

# %%
show_table(report_data.contradiction_table(contradictions, articles), "03_contradictions", figures_path,
           empty="No contradictions were found.")

# %% [markdown]
# ## Shared text and independent origins
#
# Passages shared between articles (wire copy, rewrites, lifted paragraphs)
# and the independent origins they imply.  On the graph, each article is a
# node, labelled with its origin; its colour says how the origin was found
# (a wire credit, or shared text); edges join articles sharing text,
# labelled with the share of the more-copied article.  With more articles than
# fit on one chart, the graph groups articles by origin: one node per origin,
# sized by its articles, and only the largest groups are named.

# %%
shared_text = report_data.reuse_table(summary_reuse, articles)
shown = report_data.shown_columns(shared_text, articles)  # no outlet columns when no article names one
show_table(shared_text, "03_shared_text", figures_path,
           columns=[c for c in ["article_a", "outlet_a", "article_b", "outlet_b", "n_passages", "longest_words",
                                "containment_a", "containment_b"] if c in shown],
           empty="No two articles share a passage.")

# %%
fig = plots.plot_reuse_graph(articles, summary_reuse, origins, min_containment=min_containment)
plots.show_chart(fig, "03_reuse_graph", figures_path)

# %%
# every article its own origin: one sentence instead of a long list of "independent"
origin_rows = report_data.origin_table(articles, origins)
(report_display.show_note(report_data.origins_sentence(articles, origins)) if report_data.origins_sentence(articles, origins)
 else show_table(origin_rows, "03_origins", figures_path, columns=report_data.shown_columns(origin_rows, articles)))

# %% [markdown]
# ## Key numbers

# %%
report_data.write_summary(summary, figures_path, "03_source_agreement")
show_key_numbers(summary, "03_key_numbers", figures_path)
