"""The text-reuse / origin graph, drawn with matplotlib on a circle (no graph library)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from analysis.palette import FONT_SIZES, GREY, color_for, marker_for
from analysis.plots._base import new_figure, show_empty, shorten
from analysis.plots.corpus import article_labels
from analysis.sentences import _require


def plot_reuse_graph(articles: pd.DataFrame, summary: pd.DataFrame, origins: pd.DataFrame | None = None,
                     max_nodes: int = 40, min_containment: float = 0.0) -> Figure:
    """Articles on a circle, joined where they share passages; colour and shape = origin.

    Parameters
    ----------
    articles : pandas.DataFrame
        ``article_id`` (``outlet`` and ``published`` label the nodes).
    summary : pandas.DataFrame
        Output of :func:`analysis.reuse_summary` (article_a, article_b,
        containment_a, containment_b, n_passages).
    origins : pandas.DataFrame, optional
        Output of :func:`analysis.origins` (article_id, origin_id, and
        ``origin_label`` when present).  Articles with the same origin share
        a colour and a marker shape; without it every node is grey.
    max_nodes : int, default 40
        Larger corpora show only the articles involved in the strongest
        reuse (and say so in the title).
    min_containment : float, default 0.0
        Edges whose larger containment is below this are not drawn.

    Returns
    -------
    matplotlib.figure.Figure
        Edge width grows with the share of text reused; the label on each
        edge is that share (the larger of the two containments).

    Examples
    --------
    >>> fig = plot_reuse_graph(arts, analysis.reuse_summary(arts), analysis.origins(arts))  # doctest: +SKIP
    """
    _require(articles, ["article_id"], "plot_reuse_graph")
    _require(summary, ["article_a", "article_b", "containment_a", "containment_b"], "plot_reuse_graph")
    edges = summary.assign(share=np.maximum(summary["containment_a"], summary["containment_b"]))
    edges = edges[edges["share"] >= min_containment].sort_values("share", ascending=False)
    ids = articles["article_id"].astype(str).tolist()
    title = "Shared text between articles (who copies whom)"
    if len(ids) > max_nodes:
        keep: list[str] = []
        for a, b in zip(edges["article_a"].astype(str), edges["article_b"].astype(str)):
            for x in (a, b):
                if x not in keep and len(keep) < max_nodes:
                    keep.append(x)
        ids = keep
        title += f" — {len(ids)} of {len(articles)} articles"
    frame = articles.assign(article_id=articles["article_id"].astype(str)).set_index("article_id").loc[ids].reset_index()
    labels = dict(zip(frame["article_id"], article_labels(frame, 24))) if len(frame) else {}
    edges = edges[edges["article_a"].astype(str).isin(ids) & edges["article_b"].astype(str).isin(ids)]
    fig, ax = new_figure(7.0, 5.4)
    ax.set_title(title, fontsize=FONT_SIZES["title"], loc="left")
    ax.set_axis_off()
    if not ids:
        show_empty(ax, "No shared passages between articles")
        return fig
    n = len(ids)
    angle = {a: math.pi / 2 - 2 * math.pi * i / n for i, a in enumerate(ids)}
    pos = {a: (math.cos(t), math.sin(t)) for a, t in angle.items()}
    group: dict[str, str] = {a: "" for a in ids}
    names: dict[str, str] = {}
    if origins is not None and len(origins):
        _require(origins, ["article_id", "origin_id"], "plot_reuse_graph")
        o = origins.assign(article_id=origins["article_id"].astype(str))
        group.update({a: str(g) for a, g in zip(o["article_id"], o["origin_id"]) if a in group})
        if "origin_label" in o:
            names = {str(g): str(lbl) for g, lbl in zip(o["origin_id"], o["origin_label"])}
    order = list(dict.fromkeys(group[a] for a in ids))
    style = {g: (color_for(i), marker_for(i)) for i, g in enumerate(order)}
    top = float(edges["share"].max()) if len(edges) else 1.0
    for _, e in edges.iterrows():
        (x0, y0), (x1, y1) = pos[str(e["article_a"])], pos[str(e["article_b"])]
        width = 1.0 + 7.0 * float(e["share"]) / max(top, 1e-9)
        ax.plot([x0, x1], [y0, y1], color=GREY, linewidth=width, alpha=0.7, solid_capstyle="round", zorder=1)
        ax.text((x0 + x1) / 2, (y0 + y1) / 2, f"{e['share']:.0%}", ha="center", va="center",
                fontsize=FONT_SIZES["annotation"], bbox=dict(facecolor="white", edgecolor="none", pad=1.0), zorder=2)
    for a in ids:
        colour, marker = style[group[a]] if group[a] else (GREY, "o")
        x, y = pos[a]
        ax.plot([x], [y], marker=marker, markersize=16, color=colour, markeredgecolor="black",
                markeredgewidth=0.8, linestyle="none", zorder=3)
        t = angle[a]
        ax.text(1.17 * math.cos(t), 1.17 * math.sin(t), labels.get(a, a), fontsize=FONT_SIZES["label"] - 0.5,
                ha="left" if math.cos(t) > 0.2 else "right" if math.cos(t) < -0.2 else "center",
                va="bottom" if math.sin(t) > 0.2 else "top" if math.sin(t) < -0.2 else "center", zorder=4)
    ax.set_xlim(-1.9, 1.9)
    ax.set_ylim(-1.35, 1.3)
    ax.set_aspect("equal")
    if origins is not None and len(origins) and len(order) <= 12:
        handles = [Line2D([], [], marker=style[g][1], color=style[g][0], markeredgecolor="black", markersize=10,
                          linestyle="none", label=shorten(names.get(g, g), 40)) for g in order]
        ax.legend(handles=handles, title="independent origin", loc="lower left", bbox_to_anchor=(0, -0.08),
                  fontsize=FONT_SIZES["legend"], title_fontsize=FONT_SIZES["legend"], frameon=False,
                  ncols=2 if len(order) > 4 else 1)
    ax.text(1.0, -0.02, "edge label: share of the more-copied article's text found in the other",
            transform=ax.transAxes, ha="right", va="top", fontsize=FONT_SIZES["annotation"], color=GREY)
    return fig


__all__ = ["plot_reuse_graph"]
