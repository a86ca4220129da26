"""The marked article view: every mark is exactly ``body[start:end]``, text stays text."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import analysis
from analysis.explore.article_view import (LAYERS, ArticleTables, article_marks, paragraph_windows, render_marked_text,
                                   show_article)
from tests import hostile_corpus as H
from tests.marked_html import read_marked
from tests.test_hostile_content import check_page

BODY = ('Officials said on Monday that "about 40 rockets" hit the port.\n\n'
        "The army denied it. More than 1,200 people left on March 4.")
ARTICLES = pd.DataFrame({"article_id": ["a1", "a2"], "outlet": ["Harbour Times", "Valley Post"],
                         "published": pd.to_datetime(["2023-03-06", "2023-03-07"]),
                         "headline": ["Rockets hit port", "Port hit"], "body": [BODY, "Officials said so."]})


def span(text: str, part: str, start: int = 0) -> tuple[int, int]:
    i = text.index(part, start)
    return i, i + len(part)


def tables_for_body() -> dict[str, pd.DataFrame]:
    s1, e1 = span(BODY, 'Officials said on Monday that "about 40 rockets" hit the port.')
    s2, e2 = span(BODY, "The army denied it.")
    fig = span(BODY, "about 40")
    fig2 = span(BODY, "More than 1,200")
    day = span(BODY, "Monday")
    march = span(BODY, "March 4")
    quote = span(BODY, "about 40 rockets")
    cue = span(BODY, "said")
    quantities = pd.DataFrame({
        "article_id": ["a1", "a1"], "start": [fig[0], fig2[0]], "end": [fig[1], fig2[1]],
        "surface": ["about 40", "More than 1,200"], "value": [40.0, 1200.0], "value_high": [float("nan")] * 2,
        "unit": ["rocket", "person"], "qualifier": ["approx", "at_least"], "kind": ["count", "count"]})
    dates = pd.DataFrame({"article_id": ["a1", "a1"], "start": [day[0], march[0]], "end": [day[1], march[1]],
                          "surface": ["Monday", "March 4"],
                          "date": pd.to_datetime(["2023-03-06", "2023-03-04"]), "date_end": pd.NaT,
                          "precision": ["day", "day"], "relative": [True, False]})
    attributions = pd.DataFrame({
        "article_id": ["a1", "a1"], "sentence_id": [0, 1], "speaker": ["Officials", "Harbour Times"],
        "speaker_type": ["unnamed official", "narrator"], "cue": ["said", ""], "cue_start": [cue[0], -1],
        "cue_end": [cue[1], -1], "quote_start": [quote[0], -1], "quote_end": [quote[1], -1],
        "quoted": [True, False], "start": [s1, s2], "end": [e1, e2]})
    claims = pd.DataFrame({
        "article_id": ["a1", "a1", "a1"], "sentence_id": [0, 0, 1], "claim_id": ["P01", "P02", "P01"],
        "label": ["Rockets hit the port", "The port was <b>closed</b>", "Rockets hit the port"],
        "stance": ["asserts", "hedged", "denies"], "speaker": ["Officials", "Officials", "army"],
        "start": [s1, s1, s2], "end": [e1, e1, e2]})
    reuse = pd.DataFrame({"article_a": ["a2"], "start_a": [0], "end_a": [14], "article_b": ["a1"],
                          "start_b": [0], "end_b": [14], "n_words": [2], "score": [1.0], "quoted": [False]})
    origins = pd.DataFrame({"article_id": ["a1", "a2"], "origin_id": ["O1", "O1"], "origin_label": ["AP", "AP"]})
    return {"quantities": quantities, "dates": dates, "attributions": attributions, "claims": claims,
            "reuse": reuse, "origins": origins}


def body_fragment(view) -> str:
    """The marked body alone (between the body div and the two closing divs)."""
    return view.html.split('<div class="av-body">', 1)[1].rsplit("</div></div>", 1)[0]


def marked_texts(view) -> dict[int, str]:
    parsed = read_marked(body_fragment(view))
    assert parsed.errors == []
    return parsed.text


# --- what is marked --------------------------------------------------------------------

def test_every_table_row_becomes_a_mark_with_its_own_text():
    view = show_article("a1", ARTICLES, tables_for_body())
    got = sorted(zip(view.marks["layer"], view.marks["text"]))
    assert got == sorted([
        ("figure", "about 40"), ("figure", "More than 1,200"), ("date", "Monday"), ("date", "March 4"),
        ("cue", "said"), ("quote", "about 40 rockets"), ("shared", "Officials said"),
        ("claim", 'Officials said on Monday that "about 40 rockets" hit the port.'),
        ("claim", "The army denied it."),
    ])
    # the narrator sentence has no cue to point at; its claim still carries the stance
    texts = marked_texts(view)
    assert {i: texts[i] for i in range(len(view.marks))} == dict(enumerate(view.marks["text"]))


def test_tooltips_carry_value_unit_qualifier_date_speaker_and_stance():
    marks = show_article("a1", ARTICLES, tables_for_body()).marks.set_index("text")
    assert marks.loc["about 40", "title"] == "figure 'about 40': 40 rocket | qualifier: approx | kind: count"
    assert "1,200 person | qualifier: at_least" in marks.loc["More than 1,200", "title"]
    assert marks.loc["Monday", "title"].startswith("date 'Monday': 2023-03-06 | precision: day")
    assert "resolved against the publication date" in marks.loc["Monday", "title"]
    assert marks.loc["said", "title"] == "reporting cue 'said' -> speaker: Officials (unnamed official)"
    assert marks.loc["Officials said", "title"].startswith("shared with Valley Post (a2)")
    sentence = 'Officials said on Monday that "about 40 rockets" hit the port.'
    # two claims on one sentence with different stances: one mark, both tooltips, 'mixed'
    assert marks.loc[sentence, "css"] == "mixed"
    assert "P01 Rockets hit the port | asserts -- by Officials" in marks.loc[sentence, "title"]
    assert "P02 The port was <b>closed</b> | hedged -- by Officials" in marks.loc[sentence, "title"]
    assert marks.loc[sentence, "badge"] == "P01 asserts | P02 hedged"
    assert marks.loc["The army denied it.", "css"] == "denies"


def test_header_legend_and_origin():
    view = show_article("a1", ARTICLES, tables_for_body())
    assert "<h4>Rockets hit port</h4>" in view.html
    assert "Harbour Times" in view.html and "2023-03-06" in view.html and "origin O1 (AP)" in view.html
    legend = view.html.split('<div class="av-legend">', 1)[1].split("</div>", 1)[0]
    for word in ("figure", "date", "cue", "quote", "shared", "claim: asserts", "claim: denies",
                 "claim: several stances"):
        assert word in legend
    assert "cluster" not in legend  # only the layers present


def test_crossing_marks_nest_outer_layer_first_and_split_only_where_they_cross():
    marks = pd.DataFrame({"layer": ["claim", "shared"], "start": [0, 3], "end": [6, 9],
                          "css": ["asserts", ""], "title": ["c", "s"], "badge": ["", ""]})
    out = render_marked_text("abcdefghij", marks)
    assert out == ('<span class="av-m av-claim av-asserts" data-m="0" title="c">abc</span>'
                   '<span class="av-m av-shared" data-m="1" title="s">'
                   '<span class="av-m av-claim av-asserts" data-m="0" title="c">def</span>ghi</span>j')


def test_marks_outside_the_body_are_skipped_and_reported():
    figs = pd.DataFrame({"article_id": ["a2", "a2", "a2"], "start": [0, 5, -1], "end": [9, 500, -1],
                         "surface": ["Officials", "x", ""], "value": [1.0, 2.0, 3.0], "unit": ["", "", ""]})
    view = show_article("a2", ARTICLES, {"quantities": figs})
    assert view.marks["text"].tolist() == ["Officials"]
    assert view.skipped == ["quantities figure span 5:500 outside the body (length 18)"]
    assert "did not fit this body" in view.html


def test_focus_and_excerpt_show_only_the_paragraph_of_the_statement():
    s, e = span(BODY, "The army denied it.")
    view = show_article("a1", ARTICLES, tables_for_body(), focus=[(s, e)], excerpt=True)
    body = read_marked(body_fragment(view)).body_text
    assert body == BODY[BODY.index("The army"):]
    assert "[&#8230;]" in view.html
    focus = view.marks[view.marks["layer"] == "focus"]
    assert focus["text"].tolist() == ["The army denied it."]
    assert paragraph_windows(BODY, [(0, 3), (s, e)]) == [(0, len(BODY))]


def test_layers_option_and_unknown_layer():
    view = show_article("a1", ARTICLES, tables_for_body(), layers=["figure"])
    assert set(view.marks["layer"]) == {"figure"}
    with pytest.raises(ValueError, match="unknown layer"):
        show_article("a1", ARTICLES, tables_for_body(), layers=["figures"])
    with pytest.raises(KeyError, match="no article 'zz'"):
        show_article("zz", ARTICLES)


def test_contract_changes_speaker_spans_and_voice_columns_are_used():
    """Tables that name the thing's span start/end and the sentence sentence_start/sentence_end."""
    t = tables_for_body()
    att = t["attributions"].copy()
    att["sentence_start"], att["sentence_end"] = att["start"], att["end"]
    att.loc[0, ["start", "end"]] = span(BODY, "Officials")
    att.loc[1, ["start", "end"]] = att.loc[1, ["sentence_start", "sentence_end"]].tolist()
    claims = t["claims"].assign(voice=["reported", "reported", "reported"])
    view = show_article("a1", ARTICLES, {"attributions": att, "claims": claims})
    speaker = view.marks[view.marks["layer"] == "speaker"]
    assert speaker["text"].tolist() == ["Officials"]
    assert "voice: reported" in view.marks.loc[view.marks["layer"] == "claim", "title"].iloc[0]


def test_codebook_free_clusters_are_marked(seed_articles):
    clusters = analysis.cluster_claims(seed_articles)
    aid = clusters["article_id"].iloc[0]
    view = show_article(aid, seed_articles, {"claims": clusters})
    rows = clusters[clusters["article_id"] == aid]
    assert set(view.marks["layer"]) == {"cluster"}
    assert len(view.marks) == len(rows[["start", "end"]].drop_duplicates())
    assert view.marks["badge"].str.match(r"K\d+").all()


def test_extract_folder_gives_the_same_view_without_recomputing(tmp_path, seed_articles):
    from analysis.scale.tables import write_tables

    tables = analysis.run_pipeline(seed_articles)
    folder = write_tables(tables, tmp_path / "out")
    aid = seed_articles["article_id"].iloc[2]
    in_memory = show_article(aid, seed_articles, tables)
    from_disk = show_article(aid, folder, folder)
    pd.testing.assert_frame_equal(in_memory.marks, from_disk.marks)
    assert in_memory.html == from_disk.html
    assert {"figure", "date", "cue", "claim", "shared"} <= set(in_memory.marks["layer"])


def test_every_seed_mark_is_its_body_slice(seed_articles):
    tables = analysis.run_pipeline(seed_articles)
    indexed = ArticleTables(tables)
    for aid, body in zip(seed_articles["article_id"], seed_articles["body"]):
        view = show_article(aid, seed_articles, tables)
        assert show_article(aid, seed_articles, indexed).html == view.html  # the index changes nothing
        assert view.skipped == []
        texts = marked_texts(view)
        for i, (s, e) in enumerate(zip(view.marks["start"], view.marks["end"])):
            assert texts[i] == body[s:e]
        assert read_marked(body_fragment(view)).body_text == body


# --- hostile text ------------------------------------------------------------------------

ALLOWED = {"div": {"class"}, "style": set(), "h4": set(), "b": set(), "span": {"class", "data-m", "title", "aria-hidden"}}


def test_hostile_text_in_body_and_tables_stays_text():
    body = " ".join(H.PAYLOADS) + "\n\nSaid " + H.SCRIPT + " fine."
    arts = pd.DataFrame({"article_id": [H.SCRIPT], "outlet": [H.IMG_ONERROR], "headline": [H.COMMENT],
                         "published": ["not a date " + H.SVG], "body": [body]})
    n = len(body)
    figs = pd.DataFrame({"article_id": [H.SCRIPT] * 3, "start": [0, 5, n - 20], "end": [40, 60, n],
                         "surface": [H.SCRIPT, H.JS_LINK, H.TEXTAREA], "value": [1.0, 2.0, 3.0],
                         "unit": [H.IMG_ONERROR, H.STYLE, H.BASE], "qualifier": ["exact"] * 3,
                         "subject": [H.META_REFRESH, H.IFRAME, '" onmouseover="alert(1)']})
    claims = pd.DataFrame({"article_id": [H.SCRIPT], "claim_id": [H.SVG], "label": [H.CDATA],
                           "stance": ['asserts" onclick="alert(1)'], "speaker": [H.MD_LINK],
                           "start": [10], "end": [n - 3]})
    reuse = pd.DataFrame({"article_a": [H.SCRIPT], "start_a": [1], "end_a": [30], "article_b": [H.COMMENT],
                          "start_b": [0], "end_b": [5]})
    view = show_article(H.SCRIPT, arts, {"quantities": figs, "claims": claims, "reuse": reuse})
    assert check_page(view.html).problems == []
    parsed = read_marked(view.html)
    assert parsed.errors == []
    for tag, attrs in parsed.tags:
        assert tag in ALLOWED and set(attrs) <= ALLOWED[tag], (tag, attrs)
    for payload in H.PAYLOADS:
        assert payload in parsed.body_text
    assert "<script>" not in view.html and "onerror=" not in view.html.replace("onerror=alert", "")
    # an unknown stance cannot smuggle an attribute: it becomes the neutral class
    assert view.marks.loc[view.marks["layer"] == "claim", "css"].tolist() == ["none"]


# --- property: marks are exactly body[start:end] ---------------------------------------

bodies = st.lists(st.sampled_from(list("ab <>&\"'\n\u00e9\u201c") + ["\n\n", "<script>"]),
                  min_size=1, max_size=40).map("".join)


@st.composite
def body_and_marks(draw):
    body = draw(bodies)
    n = len(body)
    pairs = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(1, n), st.sampled_from(LAYERS),
                                    st.sampled_from(["", "asserts", "denies"]), st.sampled_from(["", "B"])),
                          max_size=12))
    rows = [{"layer": layer, "start": min(s, e - 1), "end": e, "css": css, "title": "t<&>\"", "badge": badge}
            for s, e, layer, css, badge in pairs if min(s, e - 1) < e]
    return body, pd.DataFrame(rows, columns=["layer", "start", "end", "css", "title", "badge"])


@settings(max_examples=300, deadline=None)
@given(body_and_marks())
def test_property_rendered_marks_are_exactly_their_body_slices(case):
    body, marks = case
    parsed = read_marked(render_marked_text(body, marks))
    assert parsed.errors == [] and parsed.stack == []
    assert parsed.body_text == body
    for i, (s, e) in enumerate(zip(marks["start"], marks["end"])):
        assert parsed.text.get(i, "") == body[s:e]


@settings(max_examples=150, deadline=None)
@given(bodies, st.lists(st.tuples(st.integers(-3, 70), st.integers(-3, 70)), max_size=8))
def test_property_table_spans_become_marks_or_skips(body, spans):
    figs = pd.DataFrame({"article_id": ["x"] * len(spans), "start": [s for s, _ in spans],
                         "end": [e for _, e in spans], "surface": ["s"] * len(spans), "value": [1.0] * len(spans)})
    marks, skipped = article_marks("x", body, {"quantities": figs})
    fits = {(s, e) for s, e in spans if 0 <= s < e <= len(body)}
    assert set(zip(marks["start"], marks["end"])) == fits
    assert all(t == body[s:e] for s, e, t in zip(marks["start"], marks["end"], marks["text"]))
    assert len(skipped) == sum(1 for s, e in spans if s >= 0 and e >= 0 and not 0 <= s < e <= len(body))
    assert read_marked(render_marked_text(body, marks)).body_text == body
