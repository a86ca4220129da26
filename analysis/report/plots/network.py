"""The text-reuse / origin graph, drawn with matplotlib on a circle (no graph library).

Only articles that share text with another are drawn: an isolated article
says nothing about copying, and 400 of them make an unreadable ring.  Up to
``max_nodes`` such articles are drawn one node each; beyond that the chart
groups them by independent origin (one node per origin, its area growing with
its articles) and names only the largest groups, so the chart reads the same
at 5 and at 500 articles.  Colours stand for the *kind of evidence* (wire
credit, shared text), a legend of two or three entries that means the same
for 3 origins or 30; the origin of each node is written beside it.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from analysis.report.palette import FONT_SIZES, GREY, OKABE_ITO
from analysis.report.plots._base import new_figure, show_empty, shorten
from analysis.report.plots.corpus import article_labels
from analysis.checks import require_columns

#: Colour of a node by the evidence behind its origin.
EVIDENCE_COLORS = {"wire credit": OKABE_ITO["blue"], "shared text": OKABE_ITO["orange"],
                   "no shared origin found": OKABE_ITO["sky_blue"]}


def _evidence(basis: str) -> str:
    basis = str(basis or "")
    if basis.startswith("wire credit"):
        return "wire credit"
    if basis.startswith("text reuse"):
        return "shared text"
    return "no shared origin found"


def _ring(n: int) -> list[float]:
    return [math.pi / 2 - 2 * math.pi * i / max(n, 1) for i in range(n)]


def _place_label(ax, t: float, text: str, radius: float = 1.17, size: float | None = None) -> None:
    ax.text(radius * math.cos(t), radius * math.sin(t), text, fontsize=size or FONT_SIZES["label"] - 0.5,
            ha="left" if math.cos(t) > 0.2 else "right" if math.cos(t) < -0.2 else "center",
            va="bottom" if math.sin(t) > 0.2 else "top" if math.sin(t) < -0.2 else "center", zorder=4)


def _legend(fig: Figure, kinds: list[str], extra: list[Line2D] = ()) -> None:
    handles = [Line2D([], [], marker="o", color=EVIDENCE_COLORS[k], markeredgecolor="black", markersize=10,
                      linestyle="none", label=f"origin found by {k}" if k != "no shared origin found" else k)
               for k in EVIDENCE_COLORS if k in kinds] + list(extra)
    if handles:
        # below the drawing, never over a label
        fig.legend(handles=handles, loc="outside lower center", ncols=min(3, len(handles)),
                   fontsize=FONT_SIZES["legend"], frameon=False)


def plot_reuse_graph(articles: pd.DataFrame, summary: pd.DataFrame, origins: pd.DataFrame | None = None,
                     max_nodes: int = 14, min_containment: float = 0.0, max_labels: int = 12) -> Figure:
    """Articles (or origins) on a circle, joined where they share passages.

    Parameters
    ----------
    articles : pandas.DataFrame
        ``article_id`` (``outlet`` and ``published`` label the nodes).
    summary : pandas.DataFrame
        Output of :func:`analysis.reuse_summary` (article_a, article_b,
        containment_a, containment_b, n_passages).
    origins : pandas.DataFrame, optional
        Output of :func:`analysis.origins` (article_id, origin_id, and
        ``origin_label``/``basis`` when present).  Nodes are coloured by the
        evidence of their origin (wire credit or shared text).
    max_nodes : int, default 14
        Up to this many articles sharing text are drawn one node each; more
        are grouped into one node per origin.
    min_containment : float, default 0.0
        Links whose larger containment is below this are not drawn.
    max_labels : int, default 12
        Origin nodes named on the grouped chart (the largest); the others are
        counted in a note.

    Returns
    -------
    matplotlib.figure.Figure
        Article view: edge width grows with the share of text reused, the
        label on each edge is that share.  Grouped view: node area grows with
        the articles of the origin, edge width with the pairs of articles
        sharing text between two origins.

    Examples
    --------
    >>> fig = plot_reuse_graph(arts, analysis.reuse_summary(arts), analysis.origins(arts))  # doctest: +SKIP
    """
    require_columns(articles, ["article_id"], "plot_reuse_graph")
    require_columns(summary, ["article_a", "article_b", "containment_a", "containment_b"], "plot_reuse_graph")
    edges = summary.assign(share=np.maximum(summary["containment_a"], summary["containment_b"]),
                           article_a=summary["article_a"].astype(str), article_b=summary["article_b"].astype(str))
    edges = edges[edges["share"] >= min_containment].sort_values("share", ascending=False, kind="mergesort")
    ids = list(dict.fromkeys(list(edges["article_a"]) + list(edges["article_b"])))
    n_all = len(articles)
    group = {a: a for a in ids}
    names: dict[str, str] = {}
    kind = {a: "shared text" for a in ids}
    if origins is not None and len(origins):
        require_columns(origins, ["article_id", "origin_id"], "plot_reuse_graph")
        o = origins.assign(article_id=origins["article_id"].astype(str), origin_id=origins["origin_id"].astype(str))
        group.update({a: g for a, g in zip(o["article_id"], o["origin_id"]) if a in group})
        if "origin_label" in o:
            names = dict(zip(o["origin_id"], o["origin_label"].astype(str)))
        if "basis" in o:
            by_origin = o.groupby("origin_id")["basis"].agg(lambda s: sorted(map(_evidence, s)))
            kind_of = {g: ("wire credit" if "wire credit" in ks else "shared text" if "shared text" in ks
                           else "no shared origin found") for g, ks in by_origin.items()}
            kind = {a: kind_of.get(group[a], "shared text") for a in ids}
    grouped = len(ids) > max_nodes
    # the graph joins articles sharing text; it cannot tell which one copied the other
    title = "Which articles share text"
    if grouped:
        title = "Shared text, grouped by independent origin"
    fig, ax = new_figure(7.5, 6.2)
    ax.set_title(title, fontsize=FONT_SIZES["title"], loc="left")
    ax.set_axis_off()
    note = f"{len(ids):,} of {n_all:,} articles share text with another"
    if not ids:
        show_empty(ax, f"No two of the {n_all:,} articles share a passage")
        return fig
    if grouped:
        _draw_grouped(ax, ids, edges, group, names, kind, max_labels, note)
    else:
        _draw_articles(ax, ids, edges, articles, group, names, kind, note)
    # room round the ring for the labels, above it for the title
    ax.set_xlim(-2.5, 2.5)
    ax.set_ylim(-1.45, 1.55)
    ax.set_aspect("equal")
    _legend(fig, sorted(set(kind.values())))
    return fig


def _draw_articles(ax, ids, edges, articles, group, names, kind, note) -> None:
    frame = articles.assign(article_id=articles["article_id"].astype(str)).set_index("article_id").loc[ids].reset_index()
    labels = dict(zip(frame["article_id"], article_labels(frame, 24)))
    # neighbours on the ring share an origin
    ids = sorted(ids, key=lambda a: (group[a], a))
    angle = dict(zip(ids, _ring(len(ids))))
    pos = {a: (math.cos(t), math.sin(t)) for a, t in angle.items()}
    top = float(edges["share"].max()) if len(edges) else 1.0
    for _, e in edges.iterrows():
        (x0, y0), (x1, y1) = pos[e["article_a"]], pos[e["article_b"]]
        width = 1.0 + 7.0 * float(e["share"]) / max(top, 1e-9)
        ax.plot([x0, x1], [y0, y1], color=GREY, linewidth=width, alpha=0.7, solid_capstyle="round", zorder=1)
        if len(edges) <= 20:  # more labels than this would pile up in the middle
            ax.text((x0 + x1) / 2, (y0 + y1) / 2, f"{e['share']:.0%}", ha="center", va="center",
                    fontsize=FONT_SIZES["annotation"], bbox=dict(facecolor="white", edgecolor="none", pad=1.0),
                    zorder=2)
    for a in ids:
        x, y = pos[a]
        ax.plot([x], [y], marker="o", markersize=15, color=EVIDENCE_COLORS[kind[a]], markeredgecolor="black",
                markeredgewidth=0.8, linestyle="none", zorder=3)
        origin = group[a]
        tag = f"{origin} {shorten(names.get(origin, ''), 14)}".strip() if origin != a else ""
        _place_label(ax, angle[a], labels.get(a, a) + (f"\n[{tag}]" if tag else ""))
    ax.text(0.0, -0.02, note + ";\nedge label: share of the more-copied article's text found in the other",
            transform=ax.transAxes, ha="left", va="top", fontsize=FONT_SIZES["annotation"], color="black")


def _draw_grouped(ax, ids, edges, group, names, kind, max_labels, note) -> None:
    members = pd.Series(group).loc[ids]
    sizes = members.value_counts()
    by_size = sizes.index.tolist()  # largest first
    # name only what fits: the largest origins, at most max_labels, at most
    # one ring position in three when the ring is crowded; the named ones
    # are spread evenly round the ring, the others fill the gaps
    room = max(1, min(int(max_labels), len(by_size) if len(by_size) <= 24 else len(by_size) // 3))
    labelled, rest = by_size[:room], by_size[room:]
    per_gap = math.ceil(len(rest) / room) if rest else 0
    order = []
    for i, g in enumerate(labelled):
        order.append(g)
        order.extend(rest[i * per_gap:(i + 1) * per_gap])
    angle = dict(zip(order, _ring(len(order))))
    pos = {g: (math.cos(t), math.sin(t)) for g, t in angle.items()}
    pairs = edges.assign(ga=edges["article_a"].map(group), gb=edges["article_b"].map(group))
    pairs = pairs[pairs["ga"] != pairs["gb"]]
    if len(pairs):
        key = pairs.apply(lambda r: tuple(sorted((r["ga"], r["gb"]))), axis=1)
        links = key.value_counts()
        top = float(links.max())
        for (ga, gb), n in links.items():
            (x0, y0), (x1, y1) = pos[ga], pos[gb]
            ax.plot([x0, x1], [y0, y1], color=GREY, linewidth=0.8 + 5.0 * n / top, alpha=0.6, zorder=1)
    biggest = float(sizes.max())
    origin_kind = {g: kind[a] for a, g in members.items()}
    for g in order:
        x, y = pos[g]
        area = 60 + 700 * sizes[g] / biggest
        ax.scatter([x], [y], s=area, color=EVIDENCE_COLORS[origin_kind[g]], edgecolor="black", linewidth=0.7, zorder=3)
    for g in labelled:
        label = shorten(names.get(g, g), 18)
        n = int(sizes[g])
        _place_label(ax, angle[g], f"{g} {label}\n({n} article{'s' if n != 1 else ''})", radius=1.2)
    left = len(order) - len(labelled)
    text = f"{note}, in {len(order):,} origins; node area: articles of the origin"
    if left:
        text += f";\n{left:,} smaller origins not named (all are listed in the origins table)"
    ax.text(0.0, -0.02, text, transform=ax.transAxes, ha="left", va="top", fontsize=FONT_SIZES["annotation"],
            color="black")


__all__ = ["EVIDENCE_COLORS", "plot_reuse_graph"]
