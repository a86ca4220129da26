"""01 -- corpus overview: articles, outlets, dates, lengths, readability."""

from __future__ import annotations

from .common import LOAD, SETUP, parameters, summary_cell

NAME = "01_corpus_overview"

CELLS = [
    ("md", '''
# Corpus overview

What is in the corpus: which articles, from which outlets, published when,
how long and how hard to read.  Start every analysis here: a corpus that is
all from one outlet, one day or one wire service supports much weaker
conclusions than one that spans many independent newsrooms.
''', []),
    SETUP,
    parameters('''
top_outlets = 15  # outlets shown by name in the dates chart; the rest share one row
max_articles_per_chart = 40  # above this many articles, charts show distributions instead of one row per article
'''),
    LOAD,
    ("md", '''
## Articles

One row per article.  `wire` names the news agency an article comes from or
credits (its text may be shared word for word with other outlets);
`boilerplate_lines` counts page chrome removed while loading ("Advertisement",
"Listen to article", comment policies, ...).
''', []),
    ("code", '''
report_data.corpus_table(articles)
''', []),
    ("md", '''
## Outlets
''', []),
    ("code", '''
outlets = report_data.outlet_table(articles)
outlets
''', []),
    ("md", '''
## Publication dates

Articles published days or months apart may report different stages of the
same story; check the dates before comparing what they say.
''', []),
    ("code", '''
fig = plots.plot_publication_dates(articles, top_outlets=top_outlets)
plots.save_figure(fig, "01_publication_dates", figures_path)
fig
''', []),
    ("md", '''
## Lengths
''', []),
    ("code", '''
fig = plots.plot_article_lengths(articles, max_articles=max_articles_per_chart)
plots.save_figure(fig, "01_article_lengths", figures_path)
fig
''', []),
    ("md", '''
## Readability

Flesch reading ease (0-100, higher is easier) and Flesch-Kincaid grade
(years of US schooling needed), computed offline with textstat.  News
agency copy typically scores 30-50 ("difficult"); much lower scores often
mean long quoted statements or lists.
''', []),
    ("code", '''
scores = analysis.readability(articles)
scores.round(1)
''', []),
    ("code", '''
fig = plots.plot_readability(scores, articles, max_articles=max_articles_per_chart)
plots.save_figure(fig, "01_readability", figures_path)
fig
''', []),
    ("md", '''
## Key numbers
''', []),
    summary_cell(NAME, '''
summary = report_data.corpus_summary(articles, scores)
summary["run_date"] = run_date
'''),
]
