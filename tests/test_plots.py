"""Charts: titles, labelled axes, palette colours, non-colour encodings, files on disk.

No pixel comparisons: the tests inspect the Figure objects.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from analysis.report import plots
from analysis.errors import ParameterError
from analysis.compare.headlines import figure_intervals, headline_figures
from analysis.report.palette import CATEGORICAL, OKABE_ITO, QUALIFIER_COLORS, STANCE_COLORS, STANCE_HATCHES
from analysis.report.plots import save_figure

PALETTE = {c.lower() for c in (*CATEGORICAL, *OKABE_ITO.values(), *QUALIFIER_COLORS.values(), "#ffffff",
                                "#7f7f7f", "#d9d9d9", "#f2f2f2")}


def _articles():
    return pd.DataFrame({
        "article_id": ["a", "b", "c"],
        "outlet": ["Alpha", "Beta", "Beta"],
        "published": pd.to_datetime(["2024-01-05", "2024-05-30", "2024-05-30"]),
        "headline": ["h1", "h2", "h3"],
        "body": ["x " * 50, "y " * 80, "z " * 20],
        "wire": ["AFP", "", ""],
        "n_words": [50, 80, 20],
    })


def _claims():
    return pd.DataFrame({"article_id": ["a", "a", "b", "c"], "claim_id": ["C1", "C2", "C1", "C1"],
                         "stance": ["asserts", "hedged", "denies", "asserts"]})


def _quantities():
    return pd.DataFrame({
        "article_id": ["a", "b", "c", "a", "b"],
        "surface": ["more than 1,000", "thousands", "about 900 km", "365 km", "21"],
        "value": [1000.0, 2000.0, 900.0, 365.0, 21.0],
        "value_high": [np.nan] * 5,
        "unit": ["container", "container", "km", "km", "missile"],
        "qualifier": ["at_least", "vague", "approx", "exact", "part_of"],
        "of_value": [np.nan, np.nan, np.nan, np.nan, 50.0],
    })


def _texts(fig: Figure) -> list[str]:
    return [t.get_text() for ax in fig.axes for t in ax.texts] + [t.get_text() for t in fig.texts]


def _check_labels(fig: Figure) -> None:
    assert isinstance(fig, Figure)
    main = [ax for ax in fig.axes if ax.get_label() != "<colorbar>"]
    assert main
    titled = [ax for ax in main if ax.get_title(loc="left") or ax.get_title()]
    assert titled or fig._suptitle is not None, "every chart has a title"
    for ax in main:
        if ax.axison and (ax.get_xticks().size or ax.get_yticks().size):
            assert ax.get_xlabel() or ax.get_ylabel(), f"axes {ax.get_title(loc='left')!r} has no axis label"


def _face_colours(fig: Figure) -> set[str]:
    colours = set()
    for ax in fig.axes:
        for patch in ax.patches:
            colours.add(to_hex(patch.get_facecolor()).lower())
        for coll in ax.collections:
            for fc in np.atleast_2d(coll.get_facecolors()):
                if len(fc):
                    colours.add(to_hex(fc).lower())
        for line in ax.lines:
            colours.add(to_hex(line.get_color()).lower())
    return colours


CHARTS = {
    "publication_dates": lambda: plots.plot_publication_dates(_articles()),
    "article_lengths": lambda: plots.plot_article_lengths(_articles()),
    "readability": lambda: plots.plot_readability(pd.DataFrame({
        "article_id": ["a", "b", "c"], "flesch_reading_ease": [35.0, 50.0, 62.0],
        "flesch_kincaid_grade": [14.0, 11.0, 9.0]}), _articles()),
    "claim_frequency": lambda: plots.plot_claim_frequency(
        pd.DataFrame({"claim_id": ["C1", "C2"], "n_asserts": [2, 0], "n_hedged": [0, 1], "n_denies": [1, 0],
                      "n_origins": [1, 1]}), {"C1": "label one"}),
    "stance_matrix": lambda: plots.plot_stance_matrix(
        pd.DataFrame({"C1": ["asserts", "denies"], "C2": ["hedged", np.nan]}, index=["a", "b"])),
    "pairwise_agreement": lambda: plots.plot_pairwise_agreement(pd.DataFrame({
        "source_a": ["a", "a", "b"], "source_b": ["b", "c", "c"], "agreement": [1.0, 0.5, np.nan],
        "n_shared_claims": [2, 2, 0]})),
    "figures": lambda: plots.plot_figures(figure_intervals(_quantities()), headline_figures(_quantities())),
    "timeline": lambda: plots.plot_timeline(pd.DataFrame({
        "source": ["Alpha", "Beta", "Beta"], "published": pd.to_datetime(["2024-01-05", "2024-05-30", "2024-05-30"]),
        "date": pd.to_datetime(["2024-01-02", "2024-05-01", "2024-05-29"]),
        "date_end": pd.to_datetime(["2024-01-02", "2024-05-31", "2024-05-29"]),
        "precision": ["day", "month", "day"], "relative": [False, True, True], "background": [False] * 3})),
    "reuse_graph": lambda: plots.plot_reuse_graph(
        _articles(), pd.DataFrame({"article_a": ["a"], "article_b": ["b"], "containment_a": [0.2],
                                   "containment_b": [0.3], "n_passages": [2]}),
        pd.DataFrame({"article_id": ["a", "b", "c"], "origin_id": ["O1", "O1", "O2"],
                      "origin_label": ["AFP", "AFP", "Beta"]})),
}


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_chart_has_title_labels_and_palette_colours(name):
    fig = CHARTS[name]()
    _check_labels(fig)
    off_palette = {c for c in _face_colours(fig) if c not in PALETTE}
    # the agreement heatmap uses a sequential single-hue map; everything else is the palette
    if name != "pairwise_agreement":
        assert not off_palette, f"{name} uses colours outside the palette: {off_palette}"


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_chart_saves_png_and_svg(name, tmp_path):
    paths = save_figure(CHARTS[name](), f"test_{name}", tmp_path)
    assert paths["png"].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = paths["svg"].read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg


def test_svg_is_reproducible(tmp_path):
    first = save_figure(CHARTS["claim_frequency"](), "same", tmp_path / "one")["svg"].read_bytes()
    second = save_figure(CHARTS["claim_frequency"](), "same", tmp_path / "two")["svg"].read_bytes()
    assert first == second, "no dates or random ids in the SVG"


@pytest.mark.parametrize("bad", ["", "../escape", "a/b", "name with space", ".hidden"])
def test_save_figure_rejects_unsafe_names(bad, tmp_path):
    with pytest.raises(ParameterError):
        save_figure(CHARTS["article_lengths"](), bad, tmp_path)


def test_stances_use_fixed_colours_and_hatches():
    fig = CHARTS["claim_frequency"]()
    bars = [p for p in fig.axes[0].patches]
    by_colour = {to_hex(p.get_facecolor()).upper(): p.get_hatch() or "" for p in bars if p.get_width() > 0}
    for stance in ("asserts", "hedged", "denies"):
        assert by_colour[STANCE_COLORS[stance].upper()] == STANCE_HATCHES[stance]
    assert len(set(STANCE_HATCHES.values())) == 3, "stances differ by hatch as well as colour"


def test_stance_matrix_letters_repeat_the_colour():
    fig = CHARTS["stance_matrix"]()
    assert sorted(t for t in _texts(fig) if len(t) == 1) == ["A", "D", "H"]


def test_figures_chart_draws_each_qualifier_differently():
    fig = CHARTS["figures"]()
    titles = [ax.get_title(loc="left") for ax in fig.axes]
    assert any(t.startswith("Headline #1") for t in titles)
    km = fig.axes[[i for i, t in enumerate(titles) if " km " in t or t.endswith("km")][0]] if any(
        "km" in t for t in titles) else None
    assert km is not None
    labels = [t.get_text() for t in km.get_yticklabels()]
    assert any("about 900 km" in s for s in labels) and any("365 km" in s for s in labels)
    # verdict printed on the panel: 900 +/- 10 % and 365 share no value
    assert any("no common value" in t.get_text() for t in km.texts)
    legend = fig.legends[0]
    assert {t.get_text() for t in legend.get_texts()} >= {"exact (point)", "approximate (± band)",
                                                          "at least (bound →)", "vague (dashed)"}


@pytest.mark.parametrize("name,empty", [
    ("publication_dates", lambda: plots.plot_publication_dates(_articles().assign(published=pd.NaT))),
    ("claim_frequency", lambda: plots.plot_claim_frequency(pd.DataFrame(
        columns=["claim_id", "n_asserts", "n_hedged", "n_denies", "n_origins"]))),
    ("stance_matrix", lambda: plots.plot_stance_matrix(pd.DataFrame())),
    ("figures", lambda: plots.plot_figures(figure_intervals(_quantities().iloc[:0]))),
    ("timeline", lambda: plots.plot_timeline(pd.DataFrame(
        columns=["source", "published", "date", "date_end", "precision", "relative"]))),
    ("reuse_graph", lambda: plots.plot_reuse_graph(_articles().iloc[:0], pd.DataFrame(
        columns=["article_a", "article_b", "containment_a", "containment_b"]))),
])
def test_empty_input_gives_a_titled_chart_with_a_message(name, empty):
    fig = empty()
    assert isinstance(fig, Figure)
    assert any(ax.get_title(loc="left") for ax in fig.axes)
    assert any(("No " in t or "no " in t) for t in _texts(fig)), f"{name}: empty chart explains itself"


def test_large_corpus_switches_to_distributions():
    n = 300
    rng = np.random.default_rng(0)
    articles = pd.DataFrame({"article_id": [f"x{i}" for i in range(n)], "outlet": ["BBC News"] * n,
                             "published": pd.NaT, "n_words": rng.integers(100, 1500, n)})
    fig = plots.plot_article_lengths(articles, max_articles=40)
    assert fig.axes[0].get_ylabel() == "Number of articles"  # a histogram, not 300 bars
    scores = pd.DataFrame({"article_id": articles["article_id"], "flesch_reading_ease": rng.uniform(20, 70, n),
                           "flesch_kincaid_grade": rng.uniform(6, 16, n)})
    fig = plots.plot_readability(scores, articles, max_articles=40)
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == [f"BBC News (n={n})"]


def test_log_axes_use_plain_numbers():
    q = pd.DataFrame({"article_id": list("abc"), "surface": ["hundreds", "about 60", "at least one"],
                      "value": [200.0, 60.0, 1.0], "value_high": [np.nan] * 3, "unit": ["person"] * 3,
                      "qualifier": ["vague", "approx", "at_least"]})
    fig = plots.plot_figures(figure_intervals(q), headline_figures(q))
    ax = fig.axes[0]
    assert ax.get_xscale() == "log"
    fig.canvas.draw() if hasattr(fig.canvas, "draw") else None
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    FigureCanvasAgg(fig).draw()
    labels = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    assert labels and not any("$" in t or "mathdefault" in t for t in labels)
    assert "100" in labels


def test_chart_text_is_literal_without_touching_global_rcparams(tmp_path):
    import matplotlib as mpl

    from analysis.report.plots._base import label_axes, new_figure, save_figure

    assert mpl.rcParams["text.parse_math"] is True  # the user's own plots keep mathtext
    fig, ax = new_figure()
    ax.barh(range(2), [1, 2])
    ax.set_yticks(range(2), ["$\\alert{1}$", "$5m and $3m"])  # would raise as mathtext
    label_axes(ax, "cost $1bn vs $2bn", "x", "y")
    paths = save_figure(fig, "literal_text", tmp_path)
    assert all(p.stat().st_size > 0 for p in paths.values())
    assert mpl.rcParams["text.parse_math"] is True


# --------------------------------------------------------------------------- readable from 5 to 500 articles


def _drawn(fig: Figure) -> Figure:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig).draw()
    return fig


def test_log_tick_labels_never_overlap_over_ten_decades():
    q = pd.DataFrame({"article_id": list("abcd"), "surface": ["3", "4,000", "200 million", "90 billion"],
                      "value": [3.0, 4000.0, 2e8, 9e10], "value_high": [np.nan] * 4, "unit": ["dollar"] * 4,
                      "qualifier": ["exact"] * 4})
    fig = _drawn(plots.plot_figures(figure_intervals(q), headline_figures(q)))
    ax = fig.axes[0]
    assert ax.get_xscale() == "log"
    ticks = [t for t in ax.get_xticklabels() if t.get_text() and t.get_visible()]
    renderer = fig.canvas.get_renderer()
    lo, hi = ax.get_xlim()
    shown = sorted((t for t in ticks if lo <= t.get_position()[0] <= hi), key=lambda t: t.get_position()[0])
    inside = [t.get_window_extent(renderer) for t in shown]
    assert len(inside) >= 3
    assert all(a.x1 < b.x0 for a, b in zip(inside, inside[1:])), [t.get_text() for t in shown]
    texts = {t.get_text() for t in shown}
    assert any(t.endswith(("k", "M", "bn")) for t in texts)  # compact, never "100,000,000"
    assert all(len(t) <= 6 for t in texts), texts


def test_headline_panel_counts_articles_and_outlets_separately():
    q = pd.DataFrame({"article_id": ["a", "b", "c", "a"], "surface": ["10 km", "12 km", "about 11 km", "9 km"],
                      "value": [10.0, 12.0, 11.0, 9.0], "value_high": [np.nan] * 4, "unit": ["km"] * 4,
                      "qualifier": ["exact", "exact", "approx", "exact"]})
    articles = _articles().assign(outlet=["Alpha", "Alpha", "Alpha"])
    fig = plots.plot_figures(figure_intervals(q), headline_figures(q, articles), articles)
    title = fig.axes[0].get_title(loc="left")
    assert "3 articles from 1 outlet" in title and "source" not in title


def _reuse_case(n_origins: int, per_origin: int = 3):
    arts, orig, pairs = [], [], []
    for g in range(n_origins):
        ids = [f"g{g}a{i}" for i in range(per_origin + g % 3)]
        for i in ids:
            arts.append({"article_id": i, "outlet": f"Outlet {g}", "published": pd.Timestamp("2024-03-01")})
            orig.append({"article_id": i, "origin_id": f"O{g + 1}", "origin_label": f"Agency {g}",
                         "basis": "wire credit: X" if g % 2 else "text reuse with y"})
        pairs += [{"article_a": ids[0], "article_b": x, "containment_a": 0.5, "containment_b": 0.4, "n_passages": 3}
                  for x in ids[1:]]
    for i in range(5):  # articles sharing nothing are not drawn
        arts.append({"article_id": f"lone{i}", "outlet": "Lone", "published": pd.Timestamp("2024-03-02")})
    return pd.DataFrame(arts), pd.DataFrame(pairs), pd.DataFrame(orig)


def test_reuse_graph_of_a_few_articles_names_each_and_keeps_the_legend_off_the_drawing():
    articles, pairs, origins = _reuse_case(2)
    fig = _drawn(plots.plot_reuse_graph(articles, pairs, origins))
    ax = fig.axes[0]
    assert ax.get_legend() is None and len(fig.legends) == 1  # the legend sits below, outside the axes
    assert {t.get_text() for t in fig.legends[0].get_texts()} == {"origin found by wire credit",
                                                                 "origin found by shared text"}
    names = [t.get_text() for t in ax.texts if "Outlet" in t.get_text()]
    assert len(names) == 7  # 3 + 4 articles sharing text; the 5 lone articles are left out
    assert any("7 of 12 articles share text" in t.get_text() for t in ax.texts)


def test_reuse_graph_of_many_articles_groups_them_by_origin_and_names_only_what_fits():
    articles, pairs, origins = _reuse_case(30)
    fig = _drawn(plots.plot_reuse_graph(articles, pairs, origins, max_labels=10))
    ax = fig.axes[0]
    assert "grouped by independent origin" in ax.get_title(loc="left")
    assert len(ax.collections) == 30  # one node per origin, not one per article
    named = [t for t in ax.texts if t.get_text().startswith("O")]
    assert len(named) == 10
    assert any("20 smaller origins not named" in t.get_text() for t in ax.texts)
    # a legend of kinds of evidence, the same for 3 origins or 30
    assert len(fig.legends[0].get_texts()) == 2
    renderer = fig.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in named]
    assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
    width, height = fig.bbox.width, fig.bbox.height
    assert all(b.x0 >= 0 and b.x1 <= width and b.y0 >= 0 and b.y1 <= height for b in boxes)


def test_reuse_graph_without_shared_text_says_so():
    fig = plots.plot_reuse_graph(_articles(), pd.DataFrame(columns=["article_a", "article_b", "containment_a",
                                                                    "containment_b", "n_passages"]))
    assert any("No two of the 3 articles share a passage" in t for t in _texts(fig))


def _events(n_sources: int = 4):
    rows = []
    for s in range(n_sources):
        rows.append({"source": f"S{s}", "published": pd.Timestamp("2024-05-30"), "date": pd.Timestamp("2024-05-20"),
                     "date_end": pd.Timestamp("2024-05-20"), "precision": "day", "relative": False,
                     "background": False, "surface": "May 20", "sentence": "The strike hit the depot on May 20."})
        rows.append({"source": f"S{s}", "published": pd.Timestamp("2024-05-30"),
                     "date": pd.Timestamp(f"2024-0{1 + s}-0{1 + s}"), "date_end": pd.Timestamp(f"2024-0{1 + s}-0{1 + s}"),
                     "precision": "day", "relative": s % 2 == 1, "background": False, "surface": "x",
                     "sentence": f"Talks opened (source {s})."})
    return pd.DataFrame(rows)


def test_timeline_labels_the_most_reported_date_and_counts_unresolved_dates():
    fig = _drawn(plots.plot_timeline(_events(), n_unresolved=93, unresolved_reason="no publication date",
                                     n_labels=3))
    ax = fig.axes[0]
    markers = [t.get_text() for t in ax.texts]
    assert markers == ["1", "2", "3"]
    label = ax.get_xlabel()
    assert "93 date mentions could not be placed on the calendar" in label and "no publication date" in label
    # the date all four sources give is in the key, with its count and its sentence
    assert "20 May 2024 (4 sources)" in label and "The strike hit the depot" in label
    assert ax.get_title(loc="left").startswith("What happened when")


def test_figures_chart_panels_by_measure_when_units_repeat():
    # two headline groups share the unit "person" but measure different things
    rows = [("a1", "12 pupils", 12, "person:pupil"), ("a2", "14 pupils", 14, "person:pupil"),
            ("a1", "300 people", 300, "person"), ("a3", "310 people", 310, "person")]
    q = pd.DataFrame({"article_id": [r[0] for r in rows], "surface": [r[1] for r in rows],
                      "value": [float(r[2]) for r in rows], "value_high": [np.nan] * 4,
                      "unit": ["person"] * 4, "qualifier": ["exact"] * 4, "measure": [r[3] for r in rows]})
    heads = headline_figures(q, top=5, min_sources=2)
    assert sorted(heads["measure"]) == ["person", "person:pupil"]
    fig = plots.plot_figures(figure_intervals(q), heads)
    titles = sorted(ax.get_title(loc="left") for ax in fig.axes if ax.get_title(loc="left"))
    assert len(titles) == 2 and any("person:pupil" in t for t in titles), titles
    # each panel's axis still names the unit its values are in
    assert all(ax.get_xlabel().startswith("person") for ax in fig.axes if ax.get_title(loc="left"))
