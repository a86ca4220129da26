"""Charts: every function takes tidy DataFrames and returns a matplotlib Figure.

All charts share :mod:`analysis.report.palette` (Okabe-Ito colours with a redundant
hatch / marker / line-style channel), carry a title and labelled axes, and
are written to disk with :func:`save_figure` under stable names.
"""

from analysis.report.plots._base import ChartNote, save_figure, show_chart
from analysis.report.plots.claims import plot_claim_frequency, plot_pairwise_agreement, plot_stance_matrix
from analysis.report.plots.corpus import article_labels, plot_article_lengths, plot_publication_dates, plot_readability
from analysis.report.plots.figures import plot_figures
from analysis.report.plots.network import plot_reuse_graph
from analysis.report.plots.timeline import plot_timeline

__all__ = [
    "save_figure",
    "show_chart",
    "ChartNote",
    "article_labels",
    "plot_publication_dates",
    "plot_article_lengths",
    "plot_readability",
    "plot_claim_frequency",
    "plot_stance_matrix",
    "plot_pairwise_agreement",
    "plot_figures",
    "plot_timeline",
    "plot_reuse_graph",
]
