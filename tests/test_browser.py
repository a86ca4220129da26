"""Open index.html and every report of the hostile corpus in headless Chromium.

A page fails on any JavaScript dialog, uncaught exception, console or log
error (Content-Security-Policy violations included), popup, or request to a
non-local address.  Positive controls prove the harness sees each of these,
so the main test cannot pass by not looking.

Chromium is the Debian package ``chromium`` (``.ci/run`` installs it).  The
tests skip only when it is missing on a developer machine; under ``CI`` a
missing browser is a failure.
"""

from __future__ import annotations

import os
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.cdp_browser import Browser, find_chromium, is_local

pytestmark = [pytest.mark.slow, pytest.mark.browser]


@pytest.fixture(scope="module")
def browser():
    binary = find_chromium()
    if binary is None:
        if os.environ.get("CI", "").lower() not in ("", "0", "false", "no"):
            pytest.fail("Chromium is not installed, and CI is set: the browser tests must run "
                        "(apt-get install chromium; .ci/run does this)")
        pytest.skip("Chromium not installed (apt-get install chromium); CI would fail here")
    with Browser(binary) as b:
        yield b


def page(tmp_path: Path, name: str, html: str, head: str = "") -> str:
    path = tmp_path / name
    path.write_text(f"<!doctype html><html><head><meta charset='utf-8'>{head}<title>{name}</title></head>"
                    f"<body>{html}</body></html>", encoding="utf-8")
    return path.as_uri()


def kinds(findings) -> set[str]:
    return {f.kind for f in findings}


# --- positive controls: the harness sees what it must -------------------------------

def test_control_alert_is_caught(browser, tmp_path):
    findings = browser.visit(page(tmp_path, "alert.html", "<p>x</p><script>alert(1)</script>"))
    assert [(f.kind, f.detail) for f in findings] == [("dialog", "alert('1')")]


def test_control_onerror_handler_is_caught(browser, tmp_path):
    findings = browser.visit(page(tmp_path, "img.html", "<img src=x onerror=alert(1)>"))
    assert "dialog" in kinds(findings)


def test_control_external_request_is_caught(browser, tmp_path):
    findings = browser.visit(page(tmp_path, "ext.html", "<img src='http://evil.example/x.png'>"))
    assert ("external-request", "http://evil.example/x.png") in [(f.kind, f.detail) for f in findings]


def test_control_console_error_and_exception_are_caught(browser, tmp_path):
    findings = browser.visit(page(tmp_path, "err.html", "<script>console.error('bad'); throw new Error('boom')</script>"))
    assert {"console-error", "exception"} <= kinds(findings)


def test_control_dialog_inside_an_iframe_is_caught(browser, tmp_path):
    findings = browser.visit(page(tmp_path, "frame.html", "<iframe srcdoc=\"<script>alert('framed')</script>\"></iframe>"))
    assert ("dialog", "alert('framed')") in [(f.kind, f.detail) for f in findings]


def test_control_what_a_csp_blocks_is_still_reported(browser, tmp_path):
    """Had article markup leaked into a report, its CSP would block it, and the test would still fail."""
    csp = "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; img-src data:\">"
    findings = browser.visit(page(tmp_path, "csp.html", "<img src='http://evil.example/x.png'><script>alert(1)</script>",
                                  head=csp))
    assert "dialog" not in kinds(findings)  # the policy did block the script...
    details = " ".join(f.detail for f in findings if f.kind == "log-error")
    # ...and each blocked attempt is still a finding
    assert "Content Security Policy" in details and "evil.example/x.png" in details and "inline script" in details


def test_control_clean_page_has_no_findings(browser, tmp_path):
    escaped = "<p>&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt;</p><img src='data:image/gif;base64,R0lGODlhAQABAAAAACw='>"
    assert browser.visit(page(tmp_path, "clean.html", escaped)) == []


def test_local_address_rules():
    assert is_local("file:///tmp/a.html") and is_local("data:image/png;base64,xx")
    assert is_local("http://localhost:8888/x") and is_local("http://127.0.0.1/x")
    assert not is_local("http://evil.example/x") and not is_local("https://10.0.0.1/")


# --- the reports ----------------------------------------------------------------------

def _report_pages(run_dir: Path) -> list[Path]:
    pages = sorted(run_dir.glob("*.html"))
    assert run_dir / "index.html" in pages and len(pages) > 1
    return pages


def test_hostile_reports_are_inert_in_chromium(browser, hostile_render):
    proc, run_dir = hostile_render
    assert proc.returncode == 0, proc.stderr[-3000:]
    problems = {}
    for report in _report_pages(run_dir):
        findings = browser.visit(report.as_uri())
        if findings:
            problems[report.name] = [str(f) for f in findings]
    assert problems == {}, problems


def test_reports_through_the_latest_link_are_inert(browser, hostile_render):
    _, run_dir = hostile_render
    latest = run_dir.parent / "latest"
    assert latest.resolve() == run_dir.resolve()
    assert browser.visit((latest / "index.html").as_uri()) == []


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs += [v for k, v in attrs if k == "href" and v]


def test_index_links_point_at_files_in_the_run(hostile_render):
    _, run_dir = hostile_render
    parser = _Links()
    parser.feed((run_dir / "index.html").read_text(encoding="utf-8"))
    local = [h for h in parser.hrefs if not urlsplit(h).scheme and not h.startswith("#")]
    assert local, "index.html links to no report"
    for href in local:
        target = (run_dir / unquote(urlsplit(href).path)).resolve()
        assert target.exists(), f"index.html links to missing {href}"
        assert target.is_relative_to(run_dir.resolve()), f"index.html links outside the run: {href}"


# --- reading the reports: navigation and tables ---------------------------------------

# Runs in the laid-out page (1280 px wide): the navigation links, the table of
# contents and every cell of every report table, with what a reader sees of it.
_LAYOUT = r"""(() => {
  const nav = document.querySelector("nav.report-nav");
  const toc = [...document.querySelectorAll("nav.report-toc a")].map(a => a.getAttribute("href"));
  const cells = [];
  const page = document.querySelector("main") || document.body;
  for (const table of document.querySelectorAll("table.report-table")) {
    // wider than the page, or than a box that scrolls it sideways (part of it hidden)
    let scrolled = false;
    for (let a = table.parentElement; a && a !== page; a = a.parentElement) {
      if (a.scrollWidth > a.clientWidth + 1 && getComputedStyle(a).overflowX !== "visible") scrolled = true;
    }
    const wider = scrolled || table.getBoundingClientRect().right > page.getBoundingClientRect().right + 1;
    cells.push({kind: "table", wider: wider, text: table.rows[0].innerText.slice(0, 60)});
    for (const td of table.querySelectorAll("td")) {
      const details = td.querySelector("details");
      cells.push({kind: "cell", clipped: td.scrollWidth > td.clientWidth + 1,
                  text: td.innerText.trim(), folded: !!details,
                  full: details ? details.textContent.replace(details.querySelector("summary").textContent, "").trim() : "",
                  summary: details ? details.querySelector("summary").textContent : ""});
    }
  }
  return {nav: nav ? [...nav.querySelectorAll("a")].map(a => a.getAttribute("href")) : null,
          current: nav && nav.querySelector("[aria-current=page]") ? nav.querySelector("[aria-current=page]").textContent : null,
          toc: toc, toc_missing: toc.filter(h => !document.getElementById(h.slice(1)) && !document.getElementById(decodeURIComponent(h.slice(1)))),
          cells: cells, pandas_tables: document.querySelectorAll("table.dataframe").length};
})()"""


def test_reports_link_to_the_index_and_to_each_other(browser, hostile_render):
    _, run_dir = hostile_render
    reports = [p for p in _report_pages(run_dir) if p.name != "index.html"]
    names = {p.name for p in reports}
    for report in reports:
        seen = browser.evaluate(report.as_uri(), _LAYOUT)
        assert seen["nav"] is not None, f"{report.name} has no navigation bar"
        assert seen["nav"][0] == "index.html", report.name
        # every other report of the run is one click away, and every link resolves
        assert set(seen["nav"][1:]) == names - {report.name}, report.name
        assert all((run_dir / href).is_file() for href in seen["nav"]), report.name
        assert seen["current"], f"{report.name} does not mark itself in the navigation"
        assert len(seen["toc"]) >= 2 and seen["toc_missing"] == [], (report.name, seen["toc_missing"])


def test_no_table_cell_is_cut(browser, hostile_render):
    _, run_dir = hostile_render
    n_cells = n_folded = 0
    for report in _report_pages(run_dir):
        if report.name == "index.html":
            continue
        seen = browser.evaluate(report.as_uri(), _LAYOUT)
        assert seen["cells"], f"{report.name} shows no table"
        if not report.name.startswith("06_"):  # students' own pandas output is pandas'
            assert seen["pandas_tables"] == 0, f"{report.name} shows a raw DataFrame (with its index)"
        for cell in seen["cells"]:
            if cell["kind"] == "table":
                assert not cell["wider"], f"{report.name}: a table is wider than the page ({cell['text']!r})"
                continue
            n_cells += 1
            assert not cell["clipped"], f"{report.name}: cell cut by its box: {cell['text'][:80]!r}"
            if cell["folded"]:
                n_folded += 1
                # the summary is the opening of the full text, which is all in the page
                opening = cell["summary"].removesuffix("(more)").strip()
                assert cell["full"].startswith(opening) and len(cell["full"]) > len(opening), report.name
            else:
                assert not cell["text"].endswith(("…", "...")), f"{report.name}: cell cut with an ellipsis: {cell['text'][-80:]!r}"
    assert n_cells > 50  # the check did look at the tables


def test_control_cut_cells_are_seen(browser, tmp_path):
    """The layout check sees a clipped cell, an ellipsis and a folded sentence (so the test above can fail)."""
    import pandas as pd

    from analysis.report.display import show_table

    bad = ('<table class="report-table"><tr><td style="max-width:40px;overflow:hidden;white-space:nowrap">'
           'a sentence far too long for its box</td><td>cut here…</td></tr></table>'
           '<div style="width:300px;overflow-x:auto"><table class="report-table"><tr>'
           '<td style="white-space:nowrap">a row far wider than the box that holds it, scrolled sideways</td>'
           '</tr></table></div>')
    seen = browser.evaluate(page(tmp_path, "bad.html", bad), _LAYOUT)
    cells = [c for c in seen["cells"] if c["kind"] == "cell"]
    assert cells[0]["clipped"] and cells[1]["text"].endswith("…")
    assert [c["wider"] for c in seen["cells"] if c["kind"] == "table"] == [False, True]
    long = "The minister said " + "that the figures were checked again " * 12 + "and confirmed."
    good = show_table(pd.DataFrame({"sentence": [long], "n": [3]}))._repr_html_()
    seen = browser.evaluate(page(tmp_path, "good.html", good), _LAYOUT)
    cell = [c for c in seen["cells"] if c["kind"] == "cell"][0]
    assert cell["folded"] and not cell["clipped"] and cell["full"] == long
    assert long.startswith(cell["summary"].removesuffix("(more)").strip())
    assert seen["pandas_tables"] == 0
