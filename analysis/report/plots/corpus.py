"""Charts of the corpus itself: when articles appeared, how long and how readable they are."""

from __future__ import annotations

import datetime

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from analysis.report.palette import FONT_SIZES, LIGHT_GREY, OKABE_ITO, color_for, marker_for
from analysis.report.plots._base import label_axes, new_figure, show_empty, shorten, suptitle
from analysis.checks import require_columns


def _top_outlets(outlets: pd.Series, top: int) -> pd.Series:
    """Outlet names with all but the ``top`` most frequent merged into 'other outlets'."""
    names = outlets.fillna("").astype(str).replace("", "(no outlet)")
    keep = names.value_counts().index[:top]
    return names.where(names.isin(keep), "other outlets")


def plot_publication_dates(articles: pd.DataFrame, top_outlets: int = 15) -> Figure:
    """When each outlet published: one row per outlet, one marker per publication day.

    Parameters
    ----------
    articles : pandas.DataFrame
        Needs ``outlet`` and ``published`` (datetime64; NaT allowed).
    top_outlets : int, default 15
        Outlets beyond the most frequent ``top_outlets`` share one row.

    Returns
    -------
    matplotlib.figure.Figure
        Marker area grows with the number of articles that day; the count is
        printed beside markers that stand for more than one article.

    Examples
    --------
    >>> fig = plot_publication_dates(analysis.load_corpus("seeds"))   # doctest: +SKIP
    """
    require_columns(articles, ["outlet", "published"], "plot_publication_dates")
    frame = pd.DataFrame({
        "outlet": _top_outlets(articles["outlet"], top_outlets),
        "day": pd.to_datetime(articles["published"]).dt.normalize(),
    }).dropna(subset=["day"])
    n_outlets = max(frame["outlet"].nunique(), 1)
    fig, ax = new_figure(7.0, 1.6 + 0.35 * min(n_outlets, top_outlets + 1))
    title = "When the articles were published"
    label_axes(ax, title, "Publication date", "Outlet")
    if frame.empty:
        show_empty(ax, "No article in this corpus has a publication date")
        return fig
    counts = frame.groupby(["outlet", "day"]).size().rename("n").reset_index()
    order = frame["outlet"].value_counts().index.tolist()[::-1]
    rows = {name: i for i, name in enumerate(order)}
    for i, name in enumerate(order[::-1]):
        sub = counts[counts["outlet"] == name]
        ax.scatter(sub["day"], sub["outlet"].map(rows), s=40 + 25 * np.sqrt(sub["n"] - 1) ** 2,
                   color=color_for(i), marker=marker_for(i), edgecolor="black", linewidth=0.5,
                   zorder=3, label=name)
        for day, row, n in zip(sub["day"], sub["outlet"].map(rows), sub["n"]):
            if n > 1:
                ax.annotate(str(n), (day, row), xytext=(7, 4), textcoords="offset points",
                            fontsize=FONT_SIZES["annotation"])
    ax.set_yticks(range(len(order)), [shorten(o, 28) for o in order])
    ax.set_ylim(-0.7, len(order) - 0.3)
    ax.grid(axis="x", color=LIGHT_GREY, linewidth=0.6)
    # Python datetimes: dates centuries apart overflow pandas' Timedelta (292 years)
    first, last = frame["day"].min().to_pydatetime(), frame["day"].max().to_pydatetime()
    pad = max((last - first) * 0.05, datetime.timedelta(days=1))
    ax.set_xlim(first - pad, last + pad)
    fig.autofmt_xdate(rotation=30, ha="right")
    return fig


def article_labels(articles: pd.DataFrame, width: int = 34) -> pd.Series:
    """Short row labels 'Outlet · YYYY-MM-DD', made unique with the article id when needed."""
    outlet = articles.get("outlet", pd.Series("", index=articles.index)).fillna("").astype(str)
    outlet = outlet.where(outlet != "", articles["article_id"].astype(str))
    if "published" in articles:
        day = pd.to_datetime(articles["published"]).dt.strftime("%Y-%m-%d").fillna("")
        label = outlet + np.where(day != "", " · " + day, "")
    else:
        label = outlet
    label = pd.Series(label, index=articles.index).map(lambda s: shorten(s, width))
    dup = label.duplicated(keep=False)
    label[dup] = label[dup] + " [" + articles.loc[dup, "article_id"].astype(str).map(lambda s: shorten(s, 14)) + "]"
    return label


def plot_article_lengths(articles: pd.DataFrame, max_articles: int = 40) -> Figure:
    """Article length in words: one bar per article, or a histogram for large corpora.

    Parameters
    ----------
    articles : pandas.DataFrame
        Needs ``article_id`` and ``n_words`` (``outlet``/``published`` label the bars).
    max_articles : int, default 40
        Above this many articles the chart switches to a histogram.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = plot_article_lengths(analysis.load_corpus("seeds"))   # doctest: +SKIP
    """
    require_columns(articles, ["article_id", "n_words"], "plot_article_lengths")
    title = "How long the articles are"
    if len(articles) == 0:
        fig, ax = new_figure(7.0, 3.0)
        label_axes(ax, title, "Words per article", "Article")
        show_empty(ax, "The corpus has no articles")
        return fig
    median = float(articles["n_words"].median())
    if len(articles) <= max_articles:
        frame = articles.assign(label=article_labels(articles)).sort_values("n_words")
        fig, ax = new_figure(7.0, 1.4 + 0.32 * len(frame))
        ax.barh(range(len(frame)), frame["n_words"], color=OKABE_ITO["blue"], edgecolor="black",
                linewidth=0.5, height=0.65)
        for i, n in enumerate(frame["n_words"]):
            ax.annotate(f"{int(n):,}", (n, i), xytext=(3, 0), textcoords="offset points",
                        va="center", fontsize=FONT_SIZES["annotation"])
        ax.set_yticks(range(len(frame)), frame["label"])
        label_axes(ax, title, "Words per article", "Article")
    else:
        fig, ax = new_figure(7.0, 3.6)
        bins = min(40, max(10, int(np.sqrt(len(articles)))))
        ax.hist(articles["n_words"], bins=bins, color=OKABE_ITO["blue"], edgecolor="black", linewidth=0.4)
        label_axes(ax, title, "Words per article", "Number of articles")
    ax.axvline(median, color=OKABE_ITO["vermillion"], linestyle="--", linewidth=1.2,
               label=f"median {median:,.0f} words")
    ax.legend(fontsize=FONT_SIZES["legend"], frameon=False, loc="lower right")
    return fig


# Flesch (1948) bands, as printed in most style guides.
_FLESCH_BANDS = ((0, 30, "very difficult"), (30, 50, "difficult"), (50, 60, "fairly difficult"),
                 (60, 70, "plain English"), (70, 100, "easy"))


def plot_readability(scores: pd.DataFrame, articles: pd.DataFrame | None = None,
                     max_articles: int = 40) -> Figure:
    """Flesch reading ease and Flesch-Kincaid grade per article (or per outlet for large corpora).

    Parameters
    ----------
    scores : pandas.DataFrame
        Output of :func:`analysis.readability` (``article_id``,
        ``flesch_reading_ease``, ``flesch_kincaid_grade``).
    articles : pandas.DataFrame, optional
        The articles, for labels (outlet, date) and per-outlet grouping.
    max_articles : int, default 40
        Above this many articles, box plots per outlet replace the dots.

    Returns
    -------
    matplotlib.figure.Figure
        Two panels sharing the vertical axis.  Background bands name the
        Flesch difficulty levels.

    Examples
    --------
    >>> arts = analysis.load_corpus("seeds")                          # doctest: +SKIP
    >>> fig = plot_readability(analysis.readability(arts), arts)      # doctest: +SKIP
    """
    require_columns(scores, ["article_id", "flesch_reading_ease", "flesch_kincaid_grade"], "plot_readability")
    frame = scores.copy()
    if articles is not None and len(articles):
        meta = articles.drop(columns=[c for c in frame.columns if c != "article_id" and c in articles])
        frame = frame.merge(meta, on="article_id", how="left")
    title = "How readable the articles are"
    per_article = len(frame) <= max_articles
    if per_article:
        frame["label"] = article_labels(frame) if "outlet" in frame else frame["article_id"].astype(str)
        frame = frame.sort_values("flesch_reading_ease", ascending=False).reset_index(drop=True)
        n_rows = len(frame)
    else:
        outlets = _top_outlets(frame["outlet"] if "outlet" in frame else pd.Series("", index=frame.index), 12)
        frame["label"] = outlets.values
        n_rows = frame["label"].nunique()
    fig, (left, right) = new_figure(7.5, 1.6 + 0.34 * max(n_rows, 3), ncols=2, sharey=True)
    suptitle(fig, title)
    label_axes(left, "Flesch reading ease", "Score (higher = easier; <30 very difficult,\n30-50 difficult, 60-70 plain English)",
               "Article" if per_article else "Outlet")
    label_axes(right, "Flesch-Kincaid grade", "US school grade\n(years of schooling needed)", "")
    for ax in (left, right):
        ax.title.set_fontsize(FONT_SIZES["label"] + 0.5)
    if frame.empty:
        show_empty(left, "No articles")
        show_empty(right, "No articles")
        return fig
    shades = ("#F2F2F2", "#FFFFFF")
    for i, (lo, hi, _name) in enumerate(_FLESCH_BANDS):
        left.axvspan(lo, hi, color=shades[i % 2], zorder=0)
    if per_article:
        ys = np.arange(len(frame))
        left.scatter(frame["flesch_reading_ease"], ys, color=OKABE_ITO["blue"], marker="o", s=45,
                     edgecolor="black", linewidth=0.5, zorder=3)
        right.scatter(frame["flesch_kincaid_grade"], ys, color=OKABE_ITO["orange"], marker="s", s=45,
                      edgecolor="black", linewidth=0.5, zorder=3)
        for ax in (left, right):
            ax.hlines(ys, 0, 1, transform=ax.get_yaxis_transform(), color=LIGHT_GREY, linewidth=0.6, zorder=1)
        left.set_yticks(ys, frame["label"])
    else:
        order = frame.groupby("label")["flesch_reading_ease"].median().sort_values(ascending=False).index
        data_l = [frame.loc[frame["label"] == k, "flesch_reading_ease"].dropna() for k in order]
        data_r = [frame.loc[frame["label"] == k, "flesch_kincaid_grade"].dropna() for k in order]
        kw = dict(orientation="horizontal", widths=0.6, patch_artist=True, medianprops={"color": "black"})
        for box in left.boxplot(data_l, positions=range(len(order)), **kw)["boxes"]:
            box.set(facecolor=OKABE_ITO["sky_blue"])
        for box in right.boxplot(data_r, positions=range(len(order)), **kw)["boxes"]:
            box.set(facecolor=OKABE_ITO["orange"], hatch="//")
        left.set_yticks(range(len(order)), [f"{k} (n={len(d)})" for k, d in zip(order, data_l)])
    lo = min(0.0, float(frame["flesch_reading_ease"].min()) - 5)
    hi = max(100.0, float(frame["flesch_reading_ease"].max()) + 5)
    left.set_xlim(lo, hi)
    left.invert_yaxis()
    return fig


__all__ = ["plot_publication_dates", "plot_article_lengths", "plot_readability", "article_labels"]
