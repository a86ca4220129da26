"""Charts: every function takes tidy DataFrames and returns a matplotlib Figure.

All charts share :mod:`analysis.palette` (Okabe-Ito colours with a redundant
hatch / marker / line-style channel), carry a title and labelled axes, and
are written to disk with :func:`save_figure` under stable names.
"""

from analysis.plots._base import save_figure
from analysis.plots.corpus import article_labels, plot_article_lengths, plot_publication_dates, plot_readability

__all__ = [
    "save_figure",
    "article_labels",
    "plot_publication_dates",
    "plot_article_lengths",
    "plot_readability",
]
