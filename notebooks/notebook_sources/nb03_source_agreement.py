"""03 -- source agreement: source x claim stances, pairwise agreement, contradictions, reuse graph."""

from __future__ import annotations

from .common import LOAD, SETUP, parameters, summary_cell

NAME = "03_source_agreement"

CELLS = [
    ("md", '''
# Source agreement

Which sources take which stance on which claim, how far each pair of
sources agrees, where they contradict each other (stances, figures, dates),
and which of them are not independent at all because they share text.

A source's cell keeps its strongest commitment to a claim (asserts >
hedged > denies): an article that reports an allegation *and* the denial
counts as asserting; the denial is the denying speaker's (use
`source_by = "speaker"` to compare the parties themselves).
''', []),
    SETUP,
    parameters('''
source_by = "outlet"  # what counts as a source: outlet, article_id, speaker or origin_id
agreement_measure = "agreement"  # pairwise measure drawn: agreement, jaccard or kappa
min_shared_claims = 1  # pairs of sources sharing fewer claims are left out of the agreement table
min_containment = 0.0  # reuse links below this share of copied text are not drawn
approx_tolerance = 0.1  # relative half-width of an approximate figure when comparing figures
'''),
    LOAD,
    ("code", '''
claims = report_data.find_claims(articles, codebook)
quantities = analysis.extract_quantities(articles)
dates = analysis.extract_dates(articles)
reuse = analysis.find_text_reuse(articles)
origins = analysis.origins(articles, reuse)
by, source_table = report_data.sources_argument(source_by, articles, origins)
names = report_data.source_display_names(source_by, articles, origins)
labels = report_data.claim_labels(claims)
''', []),
    ("md", '''
## Source × claim

A = asserts, H = hedged, D = denies, R = the outlet only reports others
saying it (no stance of its own), blank = the source does not touch the
claim.  Outlets, articles and origins take a stance only in their own
voice: an outlet reporting a denial is not a denier (set `source_by =
"speaker"` to compare the parties themselves).  Claim ids are listed with
their labels below the chart.
''', []),
    ("code", '''
matrix = analysis.source_claim_matrix(claims, by=by, articles=source_table)
fig = plots.plot_stance_matrix(matrix, labels, names)
plots.save_figure(fig, "03_source_claim_matrix", figures_path)
fig
''', []),
    ("code", '''
pd.DataFrame({"claim_id": list(labels), "label": list(labels.values())})
''', []),
    ("md", '''
## Pairwise agreement

`agreement`: of the claims two sources share, the share on which they take
the same side (asserting and hedging are the same side).  `jaccard`: how
much of the same ground they cover.  `kappa`: agreement beyond what each
source's overall rates predict (0 = chance).  High agreement between
sources of one origin is expected -- it is the same text.
''', []),
    ("code", '''
pairs = analysis.pairwise_agreement(claims, by=by, articles=source_table, min_shared=min_shared_claims)
pairs.sort_values(["agreement", "n_shared_claims"], ascending=False).round(2)
''', []),
    ("code", '''
fig = plots.plot_pairwise_agreement(pairs, value=agreement_measure, source_names=names)
plots.save_figure(fig, "03_pairwise_agreement", figures_path)
fig
''', []),
    ("md", '''
## Contradictions

Pairs that cannot both be right (**conflict**) or can be, but read
differently (**tension**): speakers taking opposite stances on a claim (an
outlet only in its own voice, so reporting both sides is no conflict),
figures whose intervals do not meet, dates that do not overlap for the same
event.
''', []),
    ("code", '''
contradictions = analysis.find_contradictions(claims, quantities, dates, articles,
                                              approx_tolerance=approx_tolerance)
report_data.contradiction_table(contradictions, articles)
''', []),
    ("md", '''
## Shared text and independent origins

Passages shared between articles (wire copy, rewrites, lifted paragraphs)
and the independent origins they imply.  On the graph, each article is a
node; colour and shape mark its origin; edges join articles sharing text,
labelled with the share of the more-copied article.
''', []),
    ("code", '''
summary_reuse = analysis.reuse_summary(articles, reuse)
report_data.reuse_table(summary_reuse, articles).round(3)
''', []),
    ("code", '''
fig = plots.plot_reuse_graph(articles, summary_reuse, origins, min_containment=min_containment)
plots.save_figure(fig, "03_reuse_graph", figures_path)
fig
''', []),
    ("code", '''
report_data.origin_table(articles, origins)
''', []),
    ("md", '''
## Key numbers
''', []),
    summary_cell(NAME, '''
summary = {
    "source_by": source_by,
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
'''),
]
