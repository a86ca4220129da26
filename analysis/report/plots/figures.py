"""Reported figures drawn as what they claim: a point, a band, a bound or a range."""

from __future__ import annotations


import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

from analysis.report.palette import FONT_SIZES, GREY, LIGHT_GREY, QUALIFIER_COLORS, QUALIFIER_LABELS, QUALIFIER_MARKERS
from analysis.report.findings import articles_and_outlets
from analysis.report.plots._base import LiteralTextFigure, label_axes, new_figure, show_empty, shorten, suptitle
from analysis.checks import require_columns


def _plain_number(value: float, _pos=None) -> str:
    return f"{value:,.0f}" if value >= 1 else f"{value:g}"


def _compact_number(value: float, _pos=None) -> str:
    """Short tick labels for log axes ("1,000", "100k", "10M", "1bn"), so neighbours never run together."""
    for size, threshold, suffix in ((1e12, 1e12, "tn"), (1e9, 1e9, "bn"), (1e6, 1e6, "M"), (1e3, 1e4, "k")):
        if value >= threshold:
            return f"{value / size:,.0f}{suffix}"
    return _plain_number(value)


_VERDICTS = {
    "consistent": "intervals overlap: the figures are compatible",
    "tension": "compatible as written, not as a reader takes them",
    "no common value": "no common value: different things, or a real disagreement",
}


def _source_labels(frame: pd.DataFrame, articles: pd.DataFrame | None) -> pd.Series:
    if articles is not None and "outlet" in articles:
        names = frame["article_id"].map(articles.set_index("article_id")["outlet"]).fillna("").astype(str)
        return names.where(names != "", frame["article_id"].astype(str))
    return frame["article_id"].astype(str)


def _limits(panel: pd.DataFrame) -> tuple[float, float, bool]:
    """x-limits of a panel and whether to use a log axis (values spanning > 2 decades)."""
    # the literal upper end of "thousands" (1,000,000) would squash the
    # panel: scale to values and plausible readings; arrows show the rest
    finite = pd.concat([panel["value"],
                        panel.get("plausible_low", pd.Series(dtype=float)),
                        panel.get("plausible_high", pd.Series(dtype=float)),
                        panel.get("of_value", pd.Series(dtype=float))]).astype(float)
    finite = finite[np.isfinite(finite)]
    if finite.empty:
        return 0.0, 1.0, False
    lo, hi = float(finite.min()), float(finite.max())
    positive = lo > 0
    if positive and hi / lo > 100:
        return lo / 2.5, hi * 2.5, True
    span = hi - lo if hi > lo else max(abs(hi), 1.0)
    left = 0.0 if lo >= 0 and lo - 0.35 * span <= 0 else lo - 0.35 * span
    return left, hi + 0.35 * span, False


def _draw_row(ax, y: float, row, xmin: float, xmax: float, log: bool) -> None:
    q = str(row["qualifier"])
    color = QUALIFIER_COLORS.get(q, GREY)
    marker = QUALIFIER_MARKERS.get(q, "o")
    value, low, high = float(row["value"]), float(row["low"]), float(row["high"])
    # bands and dashed spans show how a reader takes the words (the pragmatic
    # interval); arrows show the literal open bound
    p_low = float(row.get("plausible_low", low))
    p_high = float(row.get("plausible_high", high))
    # arrows for open bounds reach a fixed share of the axis width
    reach = (lambda v, s: v * (xmax / xmin) ** (0.18 * s)) if log else (lambda v, s: v + (xmax - xmin) * 0.18 * s)
    if q == "approx":
        ax.plot([p_low, p_high], [y, y], color=color, linewidth=7, alpha=0.35, solid_capstyle="butt", zorder=2)
    elif q == "range":
        ax.plot([low, high], [y, y], color=color, linewidth=3, zorder=2)
        ax.plot([low, high], [y, y], linestyle="none", marker="|", markersize=12, markeredgewidth=2.5, color=color, zorder=3)
    elif q == "vague":
        start = p_low if np.isfinite(p_low) else value
        end = p_high if np.isfinite(p_high) and p_high > start else reach(start, 1)
        ax.plot([start, min(end, xmax)], [y, y], color=color, linewidth=2, linestyle=(0, (4, 2)), zorder=2)
    elif q == "at_least":
        ax.annotate("", xy=(min(reach(value, 1), xmax), y), xytext=(value, y),
                    arrowprops=dict(arrowstyle="-|>", color=color, linewidth=2, mutation_scale=14), zorder=2)
    elif q == "at_most":
        ax.annotate("", xy=(max(reach(value, -1), xmin), y), xytext=(value, y),
                    arrowprops=dict(arrowstyle="-|>", color=color, linewidth=2, mutation_scale=14), zorder=2)
    elif q == "part_of":
        whole = float(row.get("of_value", np.nan)) if "of_value" in row else np.nan
        if np.isfinite(whole):
            ax.plot([value, whole], [y, y], color=color, linewidth=1.2, linestyle=":", zorder=2)
            ax.plot([whole], [y], marker="s", markersize=7, color=color, markerfacecolor="white", markeredgecolor=color,
                    markeredgewidth=1.5, linestyle="none", zorder=3)
    face = "white" if q == "vague" else color
    if q != "range":
        ax.plot([value], [y], marker=marker, markersize=7, color=color, markerfacecolor=face, markeredgecolor=color if q == "vague" else "black",
                markeredgewidth=1.2 if q == "vague" else 0.6, linestyle="none", zorder=4)


def plot_figures(intervals: pd.DataFrame, headlines: pd.DataFrame | None = None,
                 articles: pd.DataFrame | None = None, max_units: int = 6,
                 max_rows_per_unit: int = 12) -> Figure:
    """Every reported figure by source, one panel per unit, drawn by its qualifier.

    exact = a point; approx = a point in a shaded band; at_least = an arrow
    to the right; at_most = an arrow to the left; range = a bar with end
    caps; vague = a dashed segment with a hollow marker; part_of = a square
    at the part, a dotted line to the whole (hollow square).

    Parameters
    ----------
    intervals : pandas.DataFrame
        Output of :func:`analysis.compare.headlines.figure_intervals`.
    headlines : pandas.DataFrame, optional
        Output of :func:`analysis.compare.headlines.headline_figures`; its units come
        first, are marked "headline" in the panel title, and carry a note on
        whether the sources' intervals are compatible.
    articles : pandas.DataFrame, optional
        Names rows by outlet.
    max_units : int, default 6
        Panels drawn (the units with most figures after the headline ones;
        with headlines given, units holding a single figure get no panel).
    max_rows_per_unit : int, default 12
        Figures per panel (the most-qualified first, then by value).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from analysis.compare.headlines import figure_intervals, headline_figures  # doctest: +SKIP
    >>> q = analysis.extract_quantities(arts)                              # doctest: +SKIP
    >>> fig = plot_figures(figure_intervals(q), headline_figures(q, arts), arts)  # doctest: +SKIP
    """
    require_columns(intervals, ["article_id", "surface", "value", "unit", "qualifier", "low", "high"], "plot_figures")
    data = intervals[intervals["value"].notna() & (intervals["unit"].fillna("").astype(str) != "")].copy()
    title = "Reported figures by source, drawn by qualifier"
    if data.empty:
        fig, ax = new_figure(7.0, 2.8)
        label_axes(ax, title, "Value", "Source")
        show_empty(ax, "No figures with a unit were found in this corpus")
        return fig
    data["source"] = _source_labels(data, articles)
    # One panel per measured thing (figures compared like with like: "km:range"
    # apart from "km:distance"), or per unit for tables without a measure.
    key = "measure" if "measure" in data.columns and (headlines is None or headlines.empty
                                                       or "measure" in headlines.columns) else "unit"
    data["_panel"] = data[key].where(data[key].astype(str) != "", data["unit"]) if key != "unit" else data["unit"]
    head_units = [] if headlines is None or headlines.empty else headlines[key].tolist()
    counts = data["_panel"].value_counts()
    units = [u for u in head_units if u in counts.index]
    # with headlines given, a unit only one figure mentions is left to the
    # table: a panel with one dot compares nothing
    units += [u for u in counts.index if u not in units and (not head_units or counts[u] > 1)]
    units = units[:max(1, int(max_units))]
    panels = []
    for unit in units:
        sub = data[data["_panel"] == unit].assign(_q=lambda f: f["qualifier"] == "exact")
        sub = sub.sort_values(["_q", "value"]).head(max_rows_per_unit).sort_values(["value", "source"])
        panels.append((unit, sub))
    heights = [len(sub) for _, sub in panels]
    fig = LiteralTextFigure(figsize=(7.5, 1.5 + sum(0.36 * h + 0.75 for h in heights)), layout="constrained", dpi=100)
    axes = fig.subplots(len(panels), 1, squeeze=False, gridspec_kw={"height_ratios": [h + 1.2 for h in heights]})[:, 0]
    suptitle(fig, title)
    head_info = ({} if headlines is None or headlines.empty
                 else headlines.drop_duplicates(key).set_index(key).to_dict("index"))
    for ax, (unit, sub) in zip(axes, panels):
        xmin, xmax, log = _limits(sub)
        if log:
            ax.set_xscale("log")
            # plain numbers ("1,000"), not mathtext powers: text is literal
            # in these charts (LiteralTextFigure, see _base) and readers
            # of news figures read 1,000 faster than 10^3
            # at most ~6 decades labelled, in compact form ("100k", "10M"):
            # "100,000100,000,000" never happens however wide the span
            ax.xaxis.set_major_locator(LogLocator(base=10, numticks=6))
            ax.xaxis.set_major_formatter(FuncFormatter(_compact_number))
            ax.xaxis.set_minor_formatter(NullFormatter())
        ax.set_xlim(xmin, xmax)
        for y, (_, row) in enumerate(sub.iterrows()):
            _draw_row(ax, y, row, xmin, xmax, log)
        labels = [f"{shorten(src, 18)}: {shorten(surface, 30)}" for src, surface in zip(sub["source"], sub["surface"])]
        ax.set_yticks(range(len(sub)), labels)
        ax.set_ylim(-0.7, len(sub) + 0.2)  # headroom for the verdict line
        ax.grid(axis="x", color=LIGHT_GREY, linewidth=0.6)
        info = head_info.get(unit)
        panel_title = f"{unit}"
        if info is not None:
            # articles are articles and outlets are outlets: four articles of
            # one outlet are not "four sources"
            ids = data.loc[data["_panel"] == unit, "article_id"]
            carried = articles_and_outlets(ids, articles) if articles is not None else f"{ids.nunique()} articles"
            panel_title = f"Headline #{info['rank']}: {unit} — in {carried}"
        axis_unit = str(sub["unit"].iloc[0]) if len(sub) else unit
        label_axes(ax, panel_title, axis_unit + (" (log scale)" if log else ""), "")
        ax.title.set_fontsize(FONT_SIZES["label"] + 0.5)
        if info is not None and info.get("verdict", "single figure") != "single figure":
            verdict = _VERDICTS.get(info["verdict"], info["verdict"])
            ax.text(0.995, 0.97, verdict, transform=ax.transAxes, ha="right", va="top",
                    fontsize=FONT_SIZES["annotation"], style="italic",
                    color="black" if info["verdict"] == "consistent" else QUALIFIER_COLORS["part_of"],
                    bbox=dict(facecolor="white", edgecolor="none", alpha=0.85, pad=1.5), zorder=6)
    present = [q for q in QUALIFIER_LABELS if q in set(data.loc[data["_panel"].isin(units), "qualifier"])]
    handles = [_legend_handle(q) for q in present]
    fig.legend(handles=handles, loc="outside lower center", ncols=min(4, max(1, len(handles))),
               fontsize=FONT_SIZES["legend"], frameon=False)
    return fig


def _legend_handle(q: str):
    color = QUALIFIER_COLORS.get(q, GREY)
    style = {"approx": dict(linewidth=6, alpha=0.6), "range": dict(linewidth=3),
             "vague": dict(linewidth=2, linestyle=(0, (4, 2))), "part_of": dict(linewidth=1.2, linestyle=":")}.get(q)
    marker = QUALIFIER_MARKERS.get(q, "o")
    if style is None:
        return Line2D([], [], color=color, marker=marker, linestyle="-" if q in ("at_least", "at_most") else "none",
                      markeredgecolor="black", markersize=7, label=QUALIFIER_LABELS[q])
    return Line2D([], [], color=color, marker=marker if q != "range" else "|", markersize=7,
                  markerfacecolor="white" if q == "vague" else color, label=QUALIFIER_LABELS[q], **style)


__all__ = ["plot_figures"]
