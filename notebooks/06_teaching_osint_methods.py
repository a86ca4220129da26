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
# # OSINT methods on a news corpus
#
# Six habits of open-source analysts, practised on the articles of this
# corpus, one exercise each:
#
# 1. **Independence of sources** -- are these really different sources, or one
#    story syndicated five times?
# 2. **Triangulation** -- which claims are confirmed by independent origins?
# 3. **Attribution** -- on whose authority does each claim rest?
# 4. **Hedging** -- how sure is each source, and does it say so?
# 5. **Checking figures** -- do the numbers agree once their wording is read
#    carefully?
# 6. **Dates** -- who reported first?
#
# Each section shows a method with the package's functions, then sets an
# exercise.  Write your answer in the answer cell below each exercise (marked
# with an orange bar; its comment gives a hint).
#
# *Versions.* The student version of this notebook has no solutions; the
# instructor version adds a worked solution and a discussion after each
# exercise.  Every value below is computed from the corpus you load, so the
# notebook works on any corpus -- the sample articles are about North Korean
# missiles in Ukraine, but nothing here depends on that.

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
examples = 5  # [1, inf) example rows shown in each demonstration table

# %%
corpus_path = report_data.resolve_path(corpus)
figures_path = report_data.resolve_path(figures_dir)
# the tables render computed once for the whole run, or (run alone) computed here on first use
tables = shared_tables.open_tables(corpus_path, codebook, tables_dir)
articles = tables.articles
report_display.show_table(report_data.run_info(articles, corpus, run_date))

# %%
from analysis.compare import headlines

claims = tables["claims"]
reuse = tables["reuse"]
origins = tables["origins"]
frequency = report_data.claim_frequency_table(analysis.claim_frequency(claims, origins), claims)
quantities = tables["quantities"]
dates = tables["dates"]
display(report_claims.mode_banner(claims))
report_display.show_table(report_data.corpus_table(articles), max_rows=examples)

# %% [markdown]
# ## 1. Independence of sources
#
# News agencies (AFP, Reuters, AP, Yonhap, ...) sell their copy to hundreds of
# outlets, which publish it with small edits -- often without a visible
# credit.  Counting outlets therefore over-counts sources.  Two kinds of
# evidence reveal shared origin:
#
# * a **wire credit** in the byline, the metadata or the text ("told AFP");
# * **shared passages**: long runs of identical or near-identical words.
#
# `analysis.find_text_reuse` finds the shared passages; `analysis.origins`
# combines both kinds of evidence into groups of articles with one origin.

# %%
report_display.show_table(report_data.reuse_table(analysis.reuse_summary(articles, reuse), articles),
                          columns=["article_a", "outlet_a", "article_b", "outlet_b", "n_passages",
                                   "containment_a", "containment_b"], max_rows=examples)

# %%
report_display.show_table(report_data.origin_table(articles, origins))

# %% [markdown]
# ### Exercise 1: how many independent sources?
#
# How many independent origins do the articles of this corpus have?  For each
# origin with more than one article, which outlets share it, and on what
# evidence (credit or shared text)?

# %% tags=["answer"]
# Exercise 1 -- your answer here.
# Hint: group `origins` by `origin_id`; `origin_table` has the evidence in `basis`.

# %% tags=["solution"]
by_origin = report_data.origin_table(articles, origins).groupby(["origin_id", "origin_label"])
answer = by_origin.agg(outlets=("outlet", lambda s: ", ".join(sorted(s))), n_articles=("article_id", "size"),
                       evidence=("basis", lambda s: " | ".join(s)))
print(f"{len(articles)} articles, {origins['origin_id'].nunique()} independent origins")
answer.sort_values("n_articles", ascending=False)

# %% [markdown] tags=["solution"]
# **Discussion (instructor).** Count origins, not outlets.  An outlet that runs agency copy without a
# credit (a missing byline, a "source" footer naming no outlet) is only found
# through shared text: check the `basis` column.  The reverse error matters
# too: two outlets quoting the same official statement share words without
# copying each other -- `find_text_reuse` flags passages quoted in both
# articles, and `origins` ignores them.

# %% [markdown]
# ## 2. Triangulation
#
# A claim is better supported when **independent** origins confirm it.  The
# table counts, for each claim, the articles that assert or hedge it
# (`n_supporting`), the independent origins behind them (`n_origins`), and
# the `echo`: supporting articles that add no independent confirmation.

# %%
report_display.show_table(frequency, max_rows=examples)

# %% [markdown]
# ### Exercise 2: corroborated or echoed?
#
# Which claims are confirmed by at least two independent origins?  Which
# claims *look* corroborated (two or more supporting articles) but rest on a
# single origin?

# %% tags=["answer"]
# Exercise 2 -- your answer here.
# Hint: filter `frequency` on `n_origins` and `n_supporting`.

# %% tags=["solution"]
corroborated = frequency[frequency["n_origins"] >= 2]
echoed = frequency[(frequency["n_supporting"] >= 2) & (frequency["n_origins"] < 2)]
print(f"{len(corroborated)} claims with two or more independent origins; "
      f"{len(echoed)} that only look corroborated")
pd.concat({"corroborated": corroborated, "echo only": echoed})[["claim_id", "label", "n_supporting", "n_origins"]]

# %% [markdown] tags=["solution"]
# **Discussion (instructor).** Two independent origins are the usual minimum for calling a claim
# corroborated -- and even then, check whether both origins rest on the same
# primary source (one government statement reported by two agencies is
# still one statement: see exercise 3).

# %% [markdown]
# **See it in the text.** The articles behind the claim with the most
# independent origins, one per origin: shared passages (purple dotted line)
# show where outlets copy each other; the outline shows the claim's sentences.

# %%
from analysis.explore.article_view import show_claim

marked_tables = {"claims": claims, "origins": origins, "reuse": reuse, "quantities": quantities, "dates": dates}
show_claim(frequency["claim_id"].iloc[0], articles, marked_tables) if len(frequency) else "no claim tagged"

# %% [markdown]
# ## 3. Attribution
#
# Who says so?  A claim an outlet states in its own voice (`narrator`), one
# it attributes to a named official, and one resting on "officials said" are
# not equally strong.  Each claim sentence carries its speaker (with a
# codebook, `tag_claims`; without one, the codebook-free clusters of
# `codebook_free_claims`); `claim_speakers` counts them per claim.

# %%
report_display.show_table(report_data.claim_speakers(claims), max_rows=examples)

# %% [markdown]
# ### Exercise 3: whose word is it?
#
# For each claim, how many *different* speakers support it (asserting or
# hedging), and what share of its supporting sentences are in the outlet's own
# voice (speaker type `narrator`)?  Which well-supported claims rest on a
# single speaker?

# %% tags=["answer"]
# Exercise 3 -- your answer here.
# Hint: keep supporting stances, then group `claims` by `claim_id` and count distinct `speaker`.

# %% tags=["solution"]
support = claims[claims["stance"].isin(["asserts", "hedged"])]
narrator = support["speaker_type"].eq("narrator") if "speaker_type" in support else support["speaker"].eq("")
authority = support.assign(narrator=narrator).groupby("claim_id").agg(
    n_speakers=("speaker", "nunique"), narrator_share=("narrator", "mean"), n_sentences=("sentence", "size"))
authority["single_speaker"] = authority["n_speakers"] == 1
authority.sort_values("n_sentences", ascending=False).round(2)

# %% [markdown] tags=["solution"]
# **Discussion (instructor).** A claim repeated by many outlets may still rest on one speaker (a single
# intelligence report, one official).  The narrator share shows how often
# outlets adopt a claim as fact instead of attributing it -- compare it with
# the hedging in exercise 4.

# %% [markdown]
# ## 4. Hedging
#
# Sources signal certainty: "confirmed", "said", "accused" (asserts: an
# accusation is the accuser asserting); "may", "reportedly", "is accused of",
# "would" (hedged); "denied", "dismissed ... as false" (denies).  The stance
# is always the *speaker's*: an outlet that reports a denial is not denying
# (its `voice` is `reported`).  The stance of each tagged sentence, its voice
# and the cue that set it are in `claims`.

# %%
report_display.show_table(claims.loc[claims["stance"] != "asserts", ["claim_id", "stance", "speaker", "sentence"]],
                          max_rows=examples)

# %% [markdown]
# ### Exercise 4: who hedges what others assert?
#
# Find the claims that one speaker asserts while another hedges or denies it.
# For one of them, read the sentences: is the difference in the evidence, or
# only in the wording?

# %% tags=["answer"]
# Exercise 4 -- your answer here.
# Hint: `analysis.source_claim_matrix(claims, by="speaker")` gives one stance per speaker and claim (by="outlet" shows each outlet's own voice, "reports" where it only reports others).

# %% tags=["solution"]
matrix = analysis.source_claim_matrix(claims, by="speaker")
mixed = [c for c in matrix.columns
         if (matrix[c] == "asserts").any() and matrix[c].isin(["hedged", "denies"]).any()]
print("claims with mixed stances:", ", ".join(mixed) or "none")
matrix[mixed]

# %% [markdown] tags=["solution"]
# **Discussion (instructor).** Hedging often tracks attribution: a speaker asserts what it "confirms" and
# hedges what it only "believes".  A denial by the
# accused party is a stance on the claim, not evidence against it -- weigh it
# by who speaks (exercise 3).

# %% [markdown]
# **See it in the text.** A denial in its article: the claim's colour and
# underline give the speaker's stance, the wavy underline the reporting cue;
# hover a claim for the words that set its stance.

# %%
from analysis.explore.article_view import show_claim

marked_tables = {"claims": claims, "origins": origins, "reuse": reuse, "quantities": quantities, "dates": dates}
denied = claims.loc[claims["stance"] == "denies", "claim_id"]
(show_claim(denied.iloc[0], articles, marked_tables, stances="denies", max_articles=1)
 if len(denied) else "no claim is denied in this corpus")

# %% [markdown]
# ## 5. Checking figures
#
# Numbers travel badly: "about 900 km" becomes "900 km", "more than 1,000"
# becomes "thousands".  Read each figure as the interval its wording allows
# (`headlines.figure_intervals`): an exact figure is a point, "about" a band,
# "more than" a lower bound, "thousands" a range.  The headline figures are
# the units most sources report.

# %%
headline_table = headlines.headline_figures(quantities, articles)
report_display.show_table(headline_table[["rank", "unit", "n_sources", "figures", "verdict"]])

# %% [markdown]
# ### Exercise 5: do the numbers agree?
#
# Write a function `overlap(a, b)` that says whether two figures' literal
# intervals (`low`, `high`) share a value, and apply it to every pair of
# figures in the first headline unit from different articles.  Which pairs do
# not overlap -- and are they really about the same thing?

# %% tags=["answer"]
# Exercise 5 -- your answer here.
# Hint: `intervals = headlines.figure_intervals(headlines.distinct_figures(quantities))`; two intervals meet when max(lows) <= min(highs).

# %% tags=["solution"]
from itertools import combinations

def overlap(a, b):
    return max(a["low"], b["low"]) <= min(a["high"], b["high"])

intervals = headlines.figure_intervals(headlines.distinct_figures(quantities))
rows = []
if len(headline_table):
    unit = headline_table["unit"].iloc[0]
    figs = intervals[intervals["unit"] == unit].to_dict("records")
    for a, b in combinations(figs, 2):
        if a["article_id"] != b["article_id"]:
            rows.append({"figure_a": a["surface"], "figure_b": b["surface"], "overlap": overlap(a, b),
                         "sentence_a": a["sentence"], "sentence_b": b["sentence"]})
pd.DataFrame(rows)

# %% [markdown] tags=["solution"]
# **Discussion (instructor).** Non-overlapping figures are a question, not an answer: a salvo of 18
# rockets, a shipment of "several dozen" missiles and "roughly 50" launched
# over two months are different quantities sharing a unit.  When the figures
# *are* about the same thing, prefer the one closest to a primary source, and
# report the disagreement rather than averaging it away.

# %% [markdown]
# ## 6. Dates: who reported first?
#
# Relative dates ("on Friday", "last year") are resolved against each
# article's publication date; check that date first (the `published_basis`
# column says where it came from).

# %%
events = report_data.timeline_events(dates, articles)
report_display.show_table(events[["date", "precision", "source", "relative", "surface"]], max_rows=examples)

# %% [markdown]
# ### Exercise 6: the first report
#
# For the claim with the most independent origins, which outlet published it
# first, and how many days separate the first and the last article carrying
# it?

# %% tags=["answer"]
# Exercise 6 -- your answer here.
# Hint: `frequency` is sorted by origins; join the claim's articles with `articles["published"]`.

# %% tags=["solution"]
if len(frequency):
    top = frequency["claim_id"].iloc[0]
    carrying = articles[articles["article_id"].isin(claims.loc[claims["claim_id"] == top, "article_id"])]
    carrying = carrying.sort_values("published")[["outlet", "published", "published_basis", "headline"]]
    span = (carrying["published"].max() - carrying["published"].min()).days
    print(f"{top}: first reported by {carrying['outlet'].iloc[0]}; {span} days between first and last report")
    display(carrying)

# %% [markdown] tags=["solution"]
# **Discussion (instructor).** A later article can be better informed (it reports the analysis the earlier
# one only announced) or simply recycled.  Publication dates inferred from
# the text (see `published_basis`) deserve the same scrutiny as any other
# claim.

# %% [markdown]
# ## Checklist
#
# Before you cite a claim from news coverage:
#
# - [ ] count independent origins, not outlets;
# - [ ] name the speaker each claim rests on;
# - [ ] keep the hedges ("accuses", "reportedly") the sources used;
# - [ ] read figures as intervals and compare like with like;
# - [ ] check publication dates before resolving "on Friday".

# %%
summary = {
    **report_claims.claims_summary(claims),
    "n_articles": int(len(articles)),
    "n_origins": int(origins["origin_id"].nunique()),
    "n_claims": int(len(frequency)),
    "n_claims_two_origins": int((frequency["n_origins"] >= 2).sum()),
    "n_hedged_or_denied": int((claims["stance"] != "asserts").sum()),
    "headline_units": headline_table["unit"].tolist(),
    "run_date": run_date,
    # what the index says of this report: no answers here, the students find them
    "findings": ["Six exercises -- independence of sources, triangulation, attribution, hedging, figures and "
                 "dates -- each with an answer cell and a hint, computed from this corpus."],
}
report_data.write_summary(summary, figures_path, "06_teaching_osint_methods")
report_display.show_key_numbers(summary)
