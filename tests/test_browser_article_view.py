"""The marked article view of hostile articles is inert in headless Chromium, without any CSP to help.

Every article of ``tests/hostile_corpus.py`` goes through the real pipeline
and :func:`analysis.show_article` / :func:`analysis.show_claim`; the pages
are opened *without* a Content-Security-Policy, so only the escaping stands
between the payloads and the browser.  A page fails on any dialog,
exception, console error or outside request (see ``tests/cdp_browser.py``).
"""

from __future__ import annotations

import os

import pytest

import analysis
from tests import hostile_corpus as H
from tests.cdp_browser import Browser, find_chromium
from tests.marked_html import read_marked

pytestmark = [pytest.mark.slow, pytest.mark.browser]


@pytest.fixture(scope="module")
def browser():
    binary = find_chromium()
    if binary is None:
        if os.environ.get("CI", "").lower() not in ("", "0", "false", "no"):
            pytest.fail("Chromium is not installed, and CI is set: the browser tests must run")
        pytest.skip("Chromium not installed (apt-get install chromium); CI would fail here")
    with Browser(binary) as b:
        yield b


@pytest.fixture(scope="module")
def hostile_tables(tmp_path_factory):
    articles = analysis.load_corpus(H.write_hostile_corpus(tmp_path_factory.mktemp("hostile-view")))
    return analysis.run_pipeline(articles)


def _page(tmp_path, name, fragment):
    path = tmp_path / name
    path.write_text(f"<!doctype html><html><head><meta charset='utf-8'><title>{name}</title></head>"
                    f"<body>{fragment}</body></html>", encoding="utf-8")
    return path.as_uri()


def test_control_a_live_payload_in_the_same_page_shape_is_caught(browser, tmp_path):
    findings = browser.visit(_page(tmp_path, "live.html", f'<div class="osint-av">{H.IMG_ONERROR}</div>'))
    assert "dialog" in {f.kind for f in findings}


def test_marked_views_of_hostile_articles_are_inert(browser, hostile_tables, tmp_path):
    articles = hostile_tables["articles"]
    assert len(hostile_tables["claims"]) and len(hostile_tables["quantities"]) and len(hostile_tables["dates"])
    problems = {}
    for i, article_id in enumerate(articles["article_id"]):
        view = analysis.show_article(article_id, articles, hostile_tables)
        assert len(view.marks) >= 3, view  # the payloads sit inside marked figures, dates and claims
        text = read_marked(view.html).body_text
        assert all(p in text for p in H.PAYLOADS if p in articles.loc[i, "body"])
        findings = browser.visit(_page(tmp_path, f"view{i}.html", view.html))
        if findings:
            problems[article_id] = [str(f) for f in findings]
    claim_id = hostile_tables["claims"]["claim_id"].iloc[0]
    views = analysis.show_claim(claim_id, articles, hostile_tables)
    assert len(views) >= 1
    findings = browser.visit(_page(tmp_path, "claim.html", views._repr_html_()))
    if findings:
        problems["show_claim"] = [str(f) for f in findings]
    assert problems == {}, problems
