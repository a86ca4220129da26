"""02 -- claim frequency: per claim, who asserts / hedges / denies it, and how many independent origins."""

from __future__ import annotations

from .common import LOAD, SETUP, parameters, summary_cell

NAME = "02_claim_frequency"

CELLS = [
    ("md", '''
# Claim frequency

For every claim in the codebook: how many articles **assert** it, **hedge**
it ("may", "reportedly", "accuses"), or **deny** it -- and how many
**independent origins** stand behind the supporting articles.  Five
articles repeating one wire story are one origin, not five confirmations:
the `echo` column counts the supporting articles beyond their origins.

Claims are tagged by the rules of a codebook (`codebook` parameter; the
package's default covers the sample corpus's topic -- write your own for
another story, see `docs/codebook.md`).  Origins come from wire credits and
shared passages of text (`analysis.origins`).
''', []),
    SETUP,
    parameters('''
min_articles = 1  # claims carried by fewer articles are left out of the tables and chart
top_claims = 30  # claims drawn in the chart (most independent origins first)
examples_per_claim = 2  # example sentences shown per claim and stance
'''),
    LOAD,
    ("code", '''
claims = report_data.find_claims(articles, codebook)
origins = analysis.origins(articles)
frequency = analysis.claim_frequency(claims, origins)
frequency = frequency[frequency["n_articles"] >= min_articles].reset_index(drop=True)
labels = report_data.claim_labels(claims)
print(f"codebook: {claims.attrs.get('codebook', '')}; {len(claims):,} tagged sentences, "
      f"{len(frequency):,} claims, {origins['origin_id'].nunique():,} independent origins")
''', []),
    ("md", '''
## Claims by support
''', []),
    ("code", '''
report_data.claim_frequency_table(frequency, claims)
''', []),
    ("code", '''
fig = plots.plot_claim_frequency(frequency, labels, top=top_claims)
plots.save_figure(fig, "02_claim_frequency", figures_path)
fig
''', []),
    ("md", '''
## Who says what

Who takes each stance: an outlet in its own voice, otherwise the speaker it
reports.  An outlet that reports a denial is not listed as denying; the
denying party is.
''', []),
    ("code", '''
report_data.claim_sources(claims, articles)
''', []),
    ("md", '''
## On whose authority

The speakers each claim rests on.  `narrator` means the outlet states it in
its own voice; many claims rest on one or two officials.
''', []),
    ("code", '''
report_data.claim_speakers(claims)
''', []),
    ("md", '''
## Independent origins

Articles grouped by origin, with the evidence (wire credit or shared text).
''', []),
    ("code", '''
report_data.origin_table(articles, origins)
''', []),
    ("md", '''
## Example sentences
''', []),
    ("code", '''
report_data.claim_examples(claims, articles, per_claim=examples_per_claim)
''', []),
    ("md", '''
## Key numbers
''', []),
    summary_cell(NAME, '''
summary = {
    "codebook": claims.attrs.get("codebook", ""),
    "n_tagged_sentences": int(len(claims)),
    "n_claims": int(len(frequency)),
    "n_origins": int(origins["origin_id"].nunique()),
    "claims": {
        row.claim_id: {"n_articles": row.n_articles, "n_asserts": row.n_asserts, "n_hedged": row.n_hedged,
                       "n_denies": row.n_denies, "n_reported": row.n_reported, "n_origins": row.n_origins}
        for row in frequency.itertuples()
    },
    "run_date": run_date,
}
'''),
]
