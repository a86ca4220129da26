"""Dated events on a timeline, one row per source."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from analysis.report.palette import FONT_SIZES, LIGHT_GREY, OKABE_ITO
from analysis.report.plots._base import label_axes, new_figure, show_empty, shorten
from analysis.checks import require_columns

# Point events (a day or finer) are markers; coarser precisions are bars
# spanning the whole period, so "in January" never looks like "on 1 January".
_POINT_PRECISIONS = {"day", "hour", "minute", "time", "datetime"}
EVENT_COLOR = OKABE_ITO["blue"]
PERIOD_COLOR = OKABE_ITO["sky_blue"]
PUBLISHED_COLOR = OKABE_ITO["vermillion"]


def _event_labels(data: pd.DataFrame, n_labels: int) -> pd.DataFrame:
    """The dates the most sources report (ties: earliest first), each with a short description."""
    if data.empty or n_labels <= 0:
        return data.iloc[:0]
    day = pd.to_datetime(data["date"]).dt.normalize()
    frame = data.assign(_day=day)
    counts = frame.groupby("_day")["source"].nunique().rename("n_sources")
    # a date stated by one source only is labelled only when nothing else is
    ranked = counts.sort_values(ascending=False, kind="mergesort").head(int(n_labels))
    rows = []
    for d, n in ranked.sort_index().items():
        first = frame[frame["_day"] == d].iloc[0]
        text = first.get("sentence") if isinstance(first.get("sentence"), str) else first.get("surface", "")
        precision = str(first["precision"]).lower()
        shown = f"{d:%Y}" if precision in ("year", "decade") else f"{d:%b %Y}" if precision in (
            "month", "season", "quarter") else f"{d:%d %b %Y}"
        rows.append({"date": d, "n_sources": int(n), "text": str(text), "shown": shown})
    return pd.DataFrame(rows)


def plot_timeline(events: pd.DataFrame, max_rows: int = 20, n_unresolved: int = 0,
                  unresolved_reason: str = "", n_labels: int = 4) -> Figure:
    """Dated events by source: what each source says happened when.

    Parameters
    ----------
    events : pandas.DataFrame
        Output of :func:`analysis.report.data.timeline_events`: source,
        published, date, date_end, precision, relative (rows flagged
        ``background`` are counted in a note, not drawn, so decades-old
        context does not squash the news into one corner).
    max_rows : int, default 20
        Sources beyond the ``max_rows`` with most events are left out (the
        title says how many).
    n_unresolved : int, default 0
        Date mentions that could not be resolved; the chart says how many,
        and why (``unresolved_reason``, the most common reason).
    unresolved_reason : str, default ""
    n_labels : int, default 4
        The dates reported by the most sources are marked with a dashed line
        and labelled with their date, the number of sources and the start of
        a sentence giving them.

    Returns
    -------
    matplotlib.figure.Figure
        Filled circles: dates stated outright; hollow circles: dates resolved
        from a relative expression ("on Friday", "last year") against the
        publication date -- check those; bars: a month, season or year; red
        ticks: when the source was published.

    Examples
    --------
    >>> events = report_data.timeline_events(analysis.extract_dates(arts), arts)  # doctest: +SKIP
    >>> fig = plot_timeline(events)                                               # doctest: +SKIP
    """
    require_columns(events, ["source", "date", "date_end", "precision", "relative", "published"], "plot_timeline")
    title = "What happened when, according to each source"
    data = events[events["date"].notna()].copy()
    n_background = 0
    if "background" in data:
        n_background = int(data["background"].astype(bool).sum())
        data = data[~data["background"].astype(bool)]
    order = data["source"].value_counts().index.tolist()[:max_rows]
    hidden = data["source"].nunique() - len(order)
    data = data[data["source"].isin(order)]
    fig, ax = new_figure(7.5, 1.8 + 0.42 * max(len(order), 2))
    label_axes(ax, title + (f" (top {len(order)} sources)" if hidden > 0 else ""), "Date", "Source")
    if n_background:
        ax.set_xlabel(f"Date ({n_background} background date{'s' if n_background != 1 else ''} "
                      "long before publication not drawn)", fontsize=FONT_SIZES["label"])
    if n_unresolved:
        # under the axis label, where the layout keeps room for it (never over the legend)
        note = f"{n_unresolved:,} date mention{'s' if n_unresolved != 1 else ''} could not be placed on the calendar"
        if unresolved_reason:
            note += f"\n(mostly: {shorten(unresolved_reason, 90)})"
        ax.set_xlabel(f"{ax.get_xlabel()}\n{note}", fontsize=FONT_SIZES["label"])
    if data.empty:
        show_empty(ax, "No resolved dates were found in this corpus" if not n_background
                   else "Only background dates were found (listed in the table)")
        return fig
    # first-publishing source on top
    first = data.groupby("source")["published"].min().reindex(order)
    order = first.sort_values(na_position="last").index.tolist()
    rows = {name: i for i, name in enumerate(order)}
    data["y"] = data["source"].map(rows)
    start = pd.to_datetime(data["date"])
    end = pd.to_datetime(data["date_end"]).fillna(start)
    point = data["precision"].astype(str).str.lower().isin(_POINT_PRECISIONS) & (end - start <= pd.Timedelta(days=1))
    relative = data["relative"].fillna(False).astype(bool)
    # periods: bars from start to end of the period
    periods = data[~point]
    for (_, row), s, e in zip(periods.iterrows(), start[~point], end[~point]):
        ax.plot([s, e + pd.Timedelta(days=1)], [row["y"], row["y"]], color=PERIOD_COLOR, linewidth=7,
                alpha=0.75, solid_capstyle="butt", zorder=2)
    pts = data[point]
    solid = pts[~relative[point]]
    hollow = pts[relative[point]]
    jitter = lambda n: (np.arange(n) % 3 - 1) * 0.12  # separate same-day marks a little
    ax.scatter(pd.to_datetime(solid["date"]), solid["y"] + jitter(len(solid)), marker="o", s=42,
               color=EVENT_COLOR, edgecolor="black", linewidth=0.5, zorder=4)
    ax.scatter(pd.to_datetime(hollow["date"]), hollow["y"] + jitter(len(hollow)), marker="o", s=42,
               facecolor="white", edgecolor=EVENT_COLOR, linewidth=1.5, zorder=4)
    pub = data.groupby("source")["published"].unique()
    for name, days in pub.items():
        for day in pd.to_datetime(pd.Series(days)).dropna():
            ax.plot([day], [rows[name]], marker="|", markersize=20, markeredgewidth=2.5,
                    color=PUBLISHED_COLOR, linestyle="none", zorder=5)
    # Event labels: a numbered marker above each of the most-reported dates
    # (one height each, so close dates stay apart) and the key under the chart --
    # a label never sits on the data or on another label.
    labels = _event_labels(data, n_labels)
    key = []
    for i, lab in enumerate(labels.itertuples()):
        ax.axvline(lab.date, color=OKABE_ITO["orange"], linestyle="--", linewidth=1.0, zorder=1)
        ax.annotate(str(i + 1), xy=(lab.date, 1.0), xycoords=("data", "axes fraction"),
                    xytext=(0, 4 + 13 * i), textcoords="offset points", ha="center", va="bottom",
                    fontsize=FONT_SIZES["annotation"], fontweight="bold", annotation_clip=False,
                    bbox=dict(boxstyle="circle,pad=0.2", facecolor="white", edgecolor=OKABE_ITO["orange"]), zorder=7)
        n_src = f"{lab.n_sources} source{'s' if lab.n_sources != 1 else ''}"
        key.append(f"{i + 1}: {lab.shown} ({n_src}) — {shorten(lab.text, 48)}")
    if key:
        # room for the markers above and the key below, not taken from the rows
        width, height = fig.get_size_inches()
        fig.set_size_inches(width, height + 0.2 * len(key) + 0.4 + 0.18 * (len(key) + 2))
        ax.set_title(ax.get_title(loc="left"), fontsize=FONT_SIZES["title"], loc="left", pad=16 + 13 * len(key))
        ax.set_xlabel("\n".join([ax.get_xlabel(), "Marked dates (most sources):"] + key),
                      fontsize=FONT_SIZES["label"], loc="left")
    ax.set_yticks(range(len(order)), [shorten(o, 26) for o in order])
    ax.set_ylim(len(order) - 0.4, -0.6)
    ax.grid(axis="x", color=LIGHT_GREY, linewidth=0.6)
    fig.autofmt_xdate(rotation=30, ha="right")
    handles = [
        Line2D([], [], marker="o", color=EVENT_COLOR, markeredgecolor="black", linestyle="none", label="date stated"),
        Line2D([], [], marker="o", markerfacecolor="white", markeredgecolor=EVENT_COLOR, markeredgewidth=1.5,
               linestyle="none", label="resolved from a relative date"),
        Line2D([], [], color=PERIOD_COLOR, linewidth=7, alpha=0.75, label="month / year / period"),
        Line2D([], [], marker="|", color=PUBLISHED_COLOR, markersize=14, markeredgewidth=2.5, linestyle="none",
               label="published"),
    ]
    fig.legend(handles=handles, loc="outside lower center", ncols=4, fontsize=FONT_SIZES["legend"], frameon=False)
    return fig


__all__ = ["plot_timeline"]
