"""Charts of claims: how many sources assert, hedge or deny each; who agrees with whom."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.colors import BoundaryNorm, ListedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from analysis.report.palette import (FONT_SIZES, GREY, LIGHT_GREY, STANCE_COLORS, STANCE_HATCHES,
                              STANCE_LETTERS, STANCES)
from analysis.report.plots._base import label_axes, new_figure, show_empty, shorten
from analysis.checks import require_columns

#: Cell / bar colour of claims an outlet only reports others making (no stance of its own).
REPORTED_COLOR = "#D9D9D9"


def _claim_names(ids, labels: dict | None, width: int = 44) -> list[str]:
    labels = labels or {}
    out = []
    for cid in ids:
        label = labels.get(cid) or labels.get(str(cid))
        out.append(shorten(f"{cid} {label}" if label else str(cid), width))
    return out


def plot_claim_frequency(frequency: pd.DataFrame, labels: dict | None = None, top: int = 30) -> Figure:
    """Per claim: articles asserting, hedging, denying or only reporting it, and its independent origins.

    Each article counts once per claim (its own-voice stance, or "only
    reports" when it carries the claim in others' words), so no bar is
    longer than the number of articles.

    Parameters
    ----------
    frequency : pandas.DataFrame
        Output of :func:`analysis.claim_frequency` (claim_id, n_asserts,
        n_hedged, n_denies, n_origins).
    labels : dict, optional
        claim_id -> short label, printed beside the id.
    top : int, default 30
        Claims drawn (in the table's order: most origins first).

    Returns
    -------
    matplotlib.figure.Figure
        Stacked bars (colour *and* hatch per stance) and a black diamond at
        the number of independent origins behind the supporting articles:
        a long bar with the diamond near zero is one story repeated.

    Examples
    --------
    >>> freq = analysis.claim_frequency(claims, analysis.origins(arts))   # doctest: +SKIP
    >>> fig = plot_claim_frequency(freq)                                  # doctest: +SKIP
    """
    require_columns(frequency, ["claim_id", "n_asserts", "n_hedged", "n_denies", "n_origins"], "plot_claim_frequency")
    data = frequency.head(top).iloc[::-1].reset_index(drop=True)  # first claim on top
    fig, ax = new_figure(7.5, 1.9 + 0.38 * max(len(data), 2))
    label_axes(ax, "How many articles carry each claim", "Number of articles", "Claim")
    if data.empty:
        show_empty(ax, "No claims were found in this corpus")
        return fig
    ys = np.arange(len(data))
    left = np.zeros(len(data))
    column = {"asserts": "n_asserts", "hedged": "n_hedged", "denies": "n_denies"}
    for stance in STANCES:
        values = data[column[stance]].to_numpy(dtype=float)
        ax.barh(ys, values, left=left, height=0.62, color=STANCE_COLORS[stance], hatch=STANCE_HATCHES[stance],
                edgecolor="black", linewidth=0.5, label=f"articles that {'assert' if stance == 'asserts' else 'hedge' if stance == 'hedged' else 'deny'} it")
        left += values
    if "n_reported" in data and data["n_reported"].any():
        # each article counts once: in its own-voice stance, else here (it only reports others)
        values = data["n_reported"].to_numpy(dtype=float)
        ax.barh(ys, values, left=left, height=0.62, color=REPORTED_COLOR, hatch="..", edgecolor="black",
                linewidth=0.5, label="articles that only report others saying it")
        left += values
    ax.scatter(data["n_origins"], ys, marker="D", s=55, color="black", edgecolor="white", linewidth=1.0,
               zorder=4, label="independent origins (supporting)")
    ax.set_yticks(ys, _claim_names(data["claim_id"], labels))
    ax.set_xlim(0, max(float(left.max()), float(data["n_origins"].max()), 1.0) * 1.1 + 0.2)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.grid(axis="x", color=LIGHT_GREY, linewidth=0.6)
    ax.set_axisbelow(True)
    fig.legend(loc="outside lower center", ncols=2, fontsize=FONT_SIZES["legend"], frameon=False)
    return fig


def plot_stance_matrix(matrix: pd.DataFrame, labels: dict | None = None, source_names: dict | None = None,
                       max_claims: int = 30, max_sources: int = 30) -> Figure:
    """Source × claim heatmap of stances, with a letter in every cell.

    Parameters
    ----------
    matrix : pandas.DataFrame
        Output of :func:`analysis.source_claim_matrix`: sources as index,
        claim ids as columns, cells "asserts" / "hedged" / "denies" / missing.
    labels : dict, optional
        claim_id -> short label for the column names.
    source_names : dict, optional
        index value -> display name (e.g. article id -> outlet).
    max_claims, max_sources : int, default 30
        The claims and sources touching most cells are drawn.

    Returns
    -------
    matplotlib.figure.Figure
        Colours are the stance colours; the letters A / H / D repeat the
        stance for greyscale print and colour-blind readers; blank = silent.

    Examples
    --------
    >>> fig = plot_stance_matrix(analysis.source_claim_matrix(claims))   # doctest: +SKIP
    """
    data = matrix.copy()
    if data.shape[1] > max_claims:
        data = data[data.notna().sum().sort_values(ascending=False, kind="stable").index[:max_claims]]
        data = data[sorted(data.columns)]
    if data.shape[0] > max_sources:
        data = data.loc[data.notna().sum(axis=1).sort_values(ascending=False, kind="stable").index[:max_sources]]
    n_rows, n_cols = data.shape
    fig, ax = new_figure(max(6.0, 2.8 + 0.42 * n_cols), 1.9 + 0.4 * max(n_rows, 2))
    label_axes(ax, "Which source takes which stance on which claim", "Claim", "Source")
    if data.size == 0 or data.notna().sum().sum() == 0:
        show_empty(ax, "No claims were found in this corpus")
        return fig
    codes = {"asserts": 1, "hedged": 2, "denies": 3, "reports": 4}
    grid = data.apply(lambda col: col.map(codes)).fillna(0).to_numpy(dtype=float)
    cmap = ListedColormap(["#FFFFFF"] + [STANCE_COLORS[s] for s in STANCES] + [REPORTED_COLOR])
    ax.imshow(grid, cmap=cmap, norm=BoundaryNorm([-0.5, 0.5, 1.5, 2.5, 3.5, 4.5], cmap.N), aspect="auto")
    letters = {1: STANCE_LETTERS["asserts"], 2: STANCE_LETTERS["hedged"], 3: STANCE_LETTERS["denies"], 4: "R"}
    for i in range(n_rows):
        for j in range(n_cols):
            code = int(grid[i, j])
            if code:
                ax.text(j, i, letters[code], ha="center", va="center", fontsize=FONT_SIZES["annotation"] + 1,
                        fontweight="bold", color="white" if code in (1, 3) else "black")
    ax.set_xticks(np.arange(n_cols), [shorten(c, 16) for c in (data.columns if not labels else
                                      [str(c) for c in data.columns])], rotation=90 if n_cols > 8 else 0)
    names = source_names or {}
    ax.set_yticks(np.arange(n_rows), [shorten(names.get(s, s), 30) for s in data.index])
    ax.set_xticks(np.arange(-0.5, n_cols), minor=True)
    ax.set_yticks(np.arange(-0.5, n_rows), minor=True)
    ax.grid(which="minor", color=LIGHT_GREY, linewidth=0.8)
    ax.tick_params(which="minor", length=0)
    for side in ("left", "bottom"):
        ax.spines[side].set_visible(False)
    handles = [Patch(facecolor=STANCE_COLORS[s], edgecolor="black", label=f"{STANCE_LETTERS[s]} = {s}")
               for s in STANCES] + [Patch(facecolor=REPORTED_COLOR, edgecolor="black",
                                          label="R = only reports others' statements")] * bool((grid == 4).any()) \
        + [Patch(facecolor="white", edgecolor=GREY, label="blank = silent")]
    fig.legend(handles=handles, loc="outside lower center", ncols=4, fontsize=FONT_SIZES["legend"], frameon=False)
    if labels:
        ax.set_xlabel("Claim (ids as in the claims table)", fontsize=FONT_SIZES["label"])
    return fig


def plot_pairwise_agreement(pairs: pd.DataFrame, value: str = "agreement", source_names: dict | None = None,
                            max_sources: int = 25) -> Figure:
    """Source × source heatmap of agreement on shared claims, numbers printed in the cells.

    Parameters
    ----------
    pairs : pandas.DataFrame
        Output of :func:`analysis.pairwise_agreement` (source_a, source_b,
        and the ``value`` column, plus n_shared_claims).
    value : str, default "agreement"
        Column to draw: "agreement" (share of shared claims on which they
        take the same side, 0-1), "jaccard" (overlap of the claims they
        cover, 0-1) or "kappa" (-1-1).
    source_names : dict, optional
        source -> display name.
    max_sources : int, default 25
        Sources with most shared claims are drawn.

    Returns
    -------
    matplotlib.figure.Figure
        A single-hue (blue) scale, readable in greyscale; cells where the
        pair shares no claim are blank and marked "–".

    Examples
    --------
    >>> fig = plot_pairwise_agreement(analysis.pairwise_agreement(claims))   # doctest: +SKIP
    """
    require_columns(pairs, ["source_a", "source_b", value], "plot_pairwise_agreement")
    names = source_names or {}
    titles = {"agreement": "Agreement on the claims two sources share",
              "jaccard": "Overlap of the claims two sources cover",
              "kappa": "Agreement beyond chance (Cohen's kappa)"}
    sources = pd.unique(pd.concat([pairs["source_a"], pairs["source_b"]]).astype(str))
    if len(sources) > max_sources:
        weight = pd.concat([pairs[["source_a", "n_shared_claims"]].set_axis(["s", "n"], axis=1),
                            pairs[["source_b", "n_shared_claims"]].set_axis(["s", "n"], axis=1)])
        sources = weight.groupby("s")["n"].sum().sort_values(ascending=False).index[:max_sources].to_numpy()
    sources = sorted(sources, key=lambda s: str(names.get(s, s)))
    n = len(sources)
    fig, ax = new_figure(max(6.5, 2.6 + 0.5 * n), max(3.4, 1.9 + 0.45 * n))
    label_axes(ax, titles.get(value, value), "Source", "Source")
    if n < 2:
        show_empty(ax, "Fewer than two sources share a claim")
        return fig
    index = {s: i for i, s in enumerate(sources)}
    grid = np.full((n, n), np.nan)
    for a, b, v in zip(pairs["source_a"].astype(str), pairs["source_b"].astype(str), pairs[value]):
        if a in index and b in index:
            grid[index[a], index[b]] = grid[index[b], index[a]] = v
    lo = -1.0 if value == "kappa" else 0.0
    image = ax.imshow(np.ma.masked_invalid(grid), cmap="Blues", vmin=lo, vmax=1.0, aspect="equal")
    for i in range(n):
        for j in range(n):
            if i == j:
                continue
            v = grid[i, j]
            text = "–" if np.isnan(v) else f"{v:.2f}"
            dark = not np.isnan(v) and (v - lo) / (1 - lo) > 0.6
            ax.text(j, i, text, ha="center", va="center", fontsize=FONT_SIZES["annotation"],
                    color="white" if dark else "black")
    labels = [shorten(names.get(s, s), 22) for s in sources]
    ax.set_xticks(range(n), labels, rotation=45, ha="right")
    ax.set_yticks(range(n), labels)
    bar = fig.colorbar(image, ax=ax, shrink=0.8)
    bar.set_label(value, fontsize=FONT_SIZES["label"])
    bar.ax.tick_params(labelsize=FONT_SIZES["tick"])
    return fig


__all__ = ["plot_claim_frequency", "plot_stance_matrix", "plot_pairwise_agreement"]
