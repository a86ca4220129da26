"""Render the README's chart images from the sample corpus into docs/img/.

    .venv/bin/python notebooks/build_readme_images.py

The images are the same charts the report notebooks draw (same functions,
same parameters), written at a lower resolution to keep the repository
small.  Rerun after changing a chart.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import analysis  # noqa: E402
from analysis.compare import headlines
from analysis.report import plots
from analysis.report import data as report_data
from analysis.paths import SEEDS_DIR  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "docs" / "img"


def main() -> list[Path]:
    articles = analysis.load_corpus(SEEDS_DIR)
    quantities = analysis.extract_quantities(articles)
    table = headlines.headline_figures(quantities, articles)
    intervals = headlines.figure_intervals(headlines.distinct_figures(quantities))
    claims = report_data.find_claims(articles, "")
    origins = analysis.origins(articles)
    frequency = analysis.claim_frequency(claims, origins)
    charts = {
        "figures_by_source": plots.plot_figures(intervals, table, articles),
        "claim_frequency": plots.plot_claim_frequency(frequency, report_data.claim_labels(claims)),
        "source_claim_matrix": plots.plot_stance_matrix(
            analysis.source_claim_matrix(claims, by="outlet", articles=articles)),
    }
    OUT.mkdir(parents=True, exist_ok=True)
    written = []
    for name, fig in charts.items():
        path = OUT / f"{name}.png"
        fig.savefig(path, dpi=80, metadata={"Software": None})
        written.append(path)
    return written


if __name__ == "__main__":
    for path in main():
        print(path.relative_to(OUT.parents[1]), f"{path.stat().st_size // 1024} KB")
