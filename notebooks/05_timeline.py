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
# # Timeline
#
# What happened when, according to each source.  Every date mention is
# resolved to a calendar date: absolute dates as written ("January 2",
# "Sept. 13"), relative ones ("on Friday", "last year", "this month") against
# the article's publication date.  A relative date is only as good as the
# publication date it was resolved against, so those are drawn hollow and
# listed separately below: check them.

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
start_date = ""  # ISO date; events ending before it are left out, empty for no lower limit
end_date = ""  # ISO date; events starting after it are left out, empty for no upper limit
max_sources = 20  # [1, inf) sources drawn in the chart (those with most dated events)
background_days = 365  # events ending more than this many days before publication are background, listed but not drawn

# %%
corpus_path = report_data.resolve_path(corpus)
figures_path = report_data.resolve_path(figures_dir)
# the tables render computed once for the whole run, or (run alone) computed here on first use
tables = shared_tables.open_tables(corpus_path, codebook, tables_dir)
articles = tables.articles
report_display.show_table(report_data.run_info(articles, corpus, run_date))

# %%
dates = tables["dates"]
events = report_data.timeline_events(dates, articles, start_date=start_date, end_date=end_date,
                                     background_days=background_days)

# %% [markdown]
# ## Findings

# %%
from analysis.report.display import show_findings, show_key_numbers, show_table
from analysis.report.findings import date_as_known, timeline_findings

unresolved = report_data.unresolved_dates(dates, articles)
findings = timeline_findings(events, len(dates), unresolved)
show_findings(findings)

# %% [markdown]
# ## Timeline
#
# Each row is a source; the chart names the events most sources date, and
# says how many date mentions could not be placed on the calendar.

# %%
fig = plots.plot_timeline(events, max_rows=max_sources, n_unresolved=len(unresolved),
                          unresolved_reason=unresolved["reason"].mode().iloc[0] if len(unresolved) else "")
plots.show_chart(fig, "05_timeline", figures_path)

# %% [markdown]
# ## Events in date order
#
# `days_before_publication` is how long before its report the event happened;
# `background` marks events that ended long before publication (context such
# as "sanctions imposed in 2006", not the news) -- they are listed here but not
# drawn.

# %%
# each date as precisely as it is known: "2023", not "2023-01-01"
known = events.assign(date=[date_as_known(d, p) for d, p in zip(events["date"], events["precision"])])
show_table(known[["date", "precision", "source", "days_before_publication", "background", "surface", "sentence"]],
           "05_events", figures_path, empty="No date in the corpus resolves to a calendar date in the window.")

# %% [markdown]
# ## Dates resolved from relative expressions
#
# "On Friday" in an article published on a Friday may mean that day or the
# week before; check these against the publication date.

# %%
show_table(known.loc[known["relative"].fillna(False).astype(bool),
                      ["date", "source", "published", "surface", "sentence"]],
           "05_relative_dates", figures_path, empty="No date was resolved from a relative expression.")

# %% [markdown]
# ## Dates that could not be resolved
#
# Date mentions that could not be placed on the calendar, with the reason.
# Most often the article has no publication date, which relative expressions
# ("last year") and dates without a year ("23 February") are resolved against:
# give the corpus publication dates (a `published` column in the manifest)
# to resolve them.

# %%
show_table(unresolved.drop(columns=["sentence_id"]), "05_unresolved_dates", figures_path,
           empty="Every date mention was resolved.")

# %% [markdown]
# ## Key numbers

# %%
summary = {
    "n_date_mentions": int(len(dates)),
    "n_events": int(len(events)),
    "n_relative": int(events["relative"].fillna(False).astype(bool).sum()),
    "n_background": int(events["background"].sum()),
    "n_unresolved": int(len(unresolved)),
    "unresolved_by_reason": unresolved["reason"].value_counts().to_dict(),
    "earliest": date_as_known(*events.loc[events["date"].idxmin(), ["date", "precision"]]) if len(events) else None,
    "latest": date_as_known(*events.loc[events["date_end"].idxmax(), ["date_end", "precision"]]) if len(events) else None,
    "events_per_source": events["source"].value_counts().to_dict(),
    "event_dates": sorted({d.date().isoformat() for d in events["date"]}),
    "run_date": run_date,
    "findings": findings,
}
report_data.write_summary(summary, figures_path, "05_timeline")
show_key_numbers(summary, "05_key_numbers", figures_path)
