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
