"""Figure scaffolding shared by the chart functions, and :func:`save_figure`.

Charts are built on :class:`matplotlib.figure.Figure` directly rather than
through ``pyplot``: nothing is registered with a global figure manager, so a
notebook that returns a figure shows it exactly once, no figure leaks memory
in a long render, and the code runs under any backend (Agg in CI).
"""

from __future__ import annotations

import re
from pathlib import Path

import matplotlib as mpl
import matplotlib.ticker  # noqa: F401  (mpl.ticker)
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.text import Text

from analysis.errors import ParameterError
from analysis.report.palette import FONT_SIZES, GREY

_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,120}\Z")


class LiteralTextFigure(Figure):
    """A figure whose text is always drawn literally, never as mathtext.

    Labels come from article text (outlets, headlines, claims, quotes); with
    mathtext on, two "$" in one label ("$5m ... $3m", or a hostile outlet
    name such as "$\\alert{1}$") raise ValueError while drawing and kill the
    report.  No chart here uses mathematical notation, so every text artist
    is made literal at draw time, and tick labels that matplotlib creates
    while drawing are made under a literal-text rc context.  Bidirectional
    control characters are removed from every text artist at draw time too
    (:mod:`analysis.text.safe_text`).  Scoped to these
    figures: importing the package never changes the user's own plots.
    """

    def draw(self, renderer):
        from analysis.text.safe_text import BIDI_CONTROLS, strip_bidi

        for text in self.findobj(Text):
            text.set_parse_math(False)
            content = text.get_text()
            # a bidi override in any label (title, tick, legend, annotation)
            # would draw "12" as "21": removed here, whatever set the text
            if any(ch in content for ch in BIDI_CONTROLS):
                text.set_text(strip_bidi(content)[0])
        for ax in self.axes:  # tick labels are re-made from their formatter while drawing
            for axis in (ax.xaxis, ax.yaxis):
                for major in (True, False):
                    formatter = axis.get_major_formatter() if major else axis.get_minor_formatter()
                    # only text labels (set_ticks(..., labels)) can carry them;
                    # number and date formatters are left exactly as they are
                    if getattr(formatter, "_bidi_safe", False) or not isinstance(
                            formatter, (mpl.ticker.FuncFormatter, mpl.ticker.FixedFormatter)):
                        continue
                    safe = mpl.ticker.FuncFormatter(
                        lambda x, pos=None, f=formatter: strip_bidi(str(f(x, pos)))[0])
                    safe._bidi_safe = True
                    (axis.set_major_formatter if major else axis.set_minor_formatter)(safe)
        with mpl.rc_context({"text.parse_math": False}):
            return super().draw(renderer)


def new_figure(width: float = 7.0, height: float = 4.0, nrows: int = 1, ncols: int = 1,
               **subplot_kw) -> tuple[Figure, object]:
    """A constrained-layout figure and its axes (an array when nrows*ncols > 1)."""
    fig = LiteralTextFigure(figsize=(width, height), layout="constrained", dpi=100)
    axes = fig.subplots(nrows, ncols, squeeze=True, **subplot_kw)
    return fig, axes


def label_axes(ax: Axes, title: str, xlabel: str, ylabel: str) -> None:
    """Set title and axis labels at print-legible sizes (fixed, not rc-dependent)."""
    ax.set_title(title, fontsize=FONT_SIZES["title"], loc="left")
    ax.set_xlabel(xlabel, fontsize=FONT_SIZES["label"])
    ax.set_ylabel(ylabel, fontsize=FONT_SIZES["label"])
    ax.tick_params(labelsize=FONT_SIZES["tick"])
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def suptitle(fig: Figure, title: str) -> None:
    """A figure-level title for small-multiple charts."""
    fig.suptitle(title, fontsize=FONT_SIZES["title"] + 1, x=0.01, ha="left")


def show_empty(ax: Axes, message: str) -> None:
    """Write ``message`` in the middle of an axes that has no data to draw.

    Charts keep their title and axis labels when the data is empty, so a
    report on a corpus without (say) dated events still explains itself.
    """
    ax.text(0.5, 0.5, message, transform=ax.transAxes, ha="center", va="center",
            fontsize=FONT_SIZES["label"], color=GREY, wrap=True)
    # :func:`show_chart` shows this one line instead of a large empty chart
    ax.figure.empty_message = message
    ax.set_xticks([])
    ax.set_yticks([])


def shorten(text: str, width: int = 40) -> str:
    """Cut a label to ``width`` characters with an ellipsis, on one line.

    Goes through :func:`analysis.text.safe_text.safe_label`: bidi and other
    control characters are removed (so "12" is never drawn as "21") and a
    cut never leaves a bracket or quotation mark open.
    """
    from analysis.text.safe_text import safe_label

    return safe_label(text, width)


def save_figure(fig: Figure, name: str, figures_dir: str | Path, dpi: int = 150) -> dict[str, Path]:
    """Write ``fig`` as ``<figures_dir>/<name>.png`` and ``<name>.svg``.

    The names are stable (no dates or counters), so a report links to the
    same file on every run and a rerun replaces the previous chart.  The SVG
    carries no creation date and a fixed id salt, so the same chart gives the
    same bytes.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The chart to write.
    name : str
        File stem: letters, digits, ``_``, ``-`` and ``.`` only.
    figures_dir : str or pathlib.Path
        Folder to write into; created if missing.
    dpi : int, default 150
        Resolution of the PNG.

    Returns
    -------
    dict
        ``{"png": Path, "svg": Path}``.

    Raises
    ------
    analysis.errors.ParameterError
        If ``name`` could escape the folder or is empty.

    Examples
    --------
    >>> from analysis.report.plots import save_figure
    >>> paths = save_figure(fig, "01_readability", "figures")   # doctest: +SKIP
    >>> sorted(paths)                                            # doctest: +SKIP
    ['png', 'svg']
    """
    if not isinstance(name, str) or not _NAME.match(name) or ".." in name:
        raise ParameterError(
            f"figure name {name!r} must be 1-121 letters, digits, '_', '-' or '.', "
            "starting with a letter or digit")
    folder = Path(figures_dir)
    folder.mkdir(parents=True, exist_ok=True)
    paths = {"png": folder / f"{name}.png", "svg": folder / f"{name}.svg"}
    with mpl.rc_context({"svg.hashsalt": name, "svg.fonttype": "path"}):
        fig.savefig(paths["png"], dpi=dpi, format="png", metadata={"Software": None})
        fig.savefig(paths["svg"], format="svg", metadata={"Date": None, "Creator": None})
    return paths


class ChartNote:
    """One line shown in a report in place of a chart with nothing to draw."""

    def __init__(self, message: str):
        self.message = str(message)

    def __repr__(self) -> str:
        return self.message

    def _repr_html_(self) -> str:
        import html

        return f'<p class="report-chart-note" style="color:#555;font-style:italic">{html.escape(self.message)}.</p>'


def show_chart(fig: Figure, name: str, figures_dir: str | Path, dpi: int = 150):
    """Save ``fig`` (:func:`save_figure`) and return what the report shows: the chart, or a one-line note.

    A chart drawn by :func:`show_empty` (no data: no dated article, no
    shared text) is saved like any other, so file names stay stable, but the
    report shows its message as one line instead of a large empty frame.

    Returns
    -------
    matplotlib.figure.Figure or ChartNote
        Displayed by Jupyter.
    """
    save_figure(fig, name, figures_dir, dpi=dpi)
    message = getattr(fig, "empty_message", None)
    return ChartNote(message) if message else fig
