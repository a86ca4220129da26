"""Article text that holds HTML, script or Markdown stays inert text in every report.

The reports are rendered from ``tests/hostile_corpus.py`` (script tags,
``onerror`` handlers, ``javascript:`` links, Markdown image/link injection,
``</textarea>`` and ``-->`` breakouts, iframes, style, meta refresh, base,
template and mathtext syntax in headlines, bodies, outlets, wires, URLs and
article ids).  Each HTML page is parsed and checked element by element; the
executed notebooks' outputs (what JupyterLab shows) are checked the same
way.  ``test_browser.py`` then opens the same pages in Chromium.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd
import pytest

import analysis
from tests import hostile_corpus as H

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]

# Elements that run code, load something, or change where the page points.
FORBIDDEN_ELEMENTS = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "form",
                      "link", "audio", "video", "source", "track", "portal", "textarea", "noscript", "template"}
URL_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "poster", "background", "xlink:href",
                  "data", "cite", "longdesc", "ping", "manifest"}
SAFE_META_NAMES = {"viewport", "generator", "description"}

# Raw (unescaped) forms of the payloads: none may appear in any page source.
# (Each starts with "<", which escaping turns into "&lt;".)
RAW_FRAGMENTS = ["<script>alert", "<img src=x", "<svg onload", "<iframe src=\"http://evil",
                 "<meta http-equiv=\"refresh\"", "<base href", "</textarea><script>",
                 "<style>body{background:url(http://evil", "<a href=\"javascript:"]


class InertnessChecker(HTMLParser):
    """Collect the problems of one page, and its text content."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.text: list[str] = []
        self.urls: list[str] = []  # every URL-valued attribute, for extra checks
        self._in_style = False
        self.csp: list[str] = []

    def handle_starttag(self, tag, attrs):
        self._check(tag, attrs)
        self._in_style = tag == "style"

    def handle_startendtag(self, tag, attrs):
        self._check(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            if re.search(r"url\(\s*['\"]?\s*(?!data:)[a-z]+:|@import|expression\(", data, re.I):
                self.problems.append(f"style block loads something: {data[:120]!r}")
        else:
            self.text.append(data)

    def handle_comment(self, data):
        if "<" in data or "script" in data.lower():
            self.problems.append(f"markup inside a comment: {data[:120]!r}")

    def _check(self, tag, attrs):
        if tag in FORBIDDEN_ELEMENTS:
            self.problems.append(f"<{tag}> element {attrs!r}")
        values = dict(attrs)
        if tag == "meta":
            if values.get("http-equiv", "").lower() == "content-security-policy":
                self.csp.append(values.get("content", ""))
            elif "charset" not in values and values.get("name") not in SAFE_META_NAMES:
                self.problems.append(f"<meta> {attrs!r}")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.problems.append(f"event handler <{tag} {name}={value[:60]!r}>")
            if name in URL_ATTRIBUTES:
                self.urls.append(value)
            if name in URL_ATTRIBUTES and not _safe_url(tag, name, value):
                self.problems.append(f"<{tag} {name}={value[:80]!r}>")
            if name == "style" and re.search(r"url\(|expression\(", value, re.I):
                self.problems.append(f"<{tag} style={value[:80]!r}>")


def _safe_url(tag: str, attr: str, value: str) -> bool:
    value = value.strip()
    scheme = urlsplit(value).scheme.lower()
    if tag == "img" and attr == "src":
        return value.startswith("data:image/")  # figures are embedded, nothing is fetched
    if scheme in ("", "file"):
        return True  # fragment or relative link inside the run folder
    return tag == "a" and attr == "href" and scheme in ("http", "https", "mailto")


def check_page(html: str) -> InertnessChecker:
    checker = InertnessChecker()
    checker.feed(html)
    checker.close()
    return checker


def report_pages(run_dir: Path) -> list[Path]:
    return sorted(run_dir.glob("*.html"))


# --- the rendered reports ---------------------------------------------------------

def test_hostile_corpus_renders_every_report(hostile_render):
    proc, run_dir = hostile_render
    assert proc.returncode == 0, proc.stderr[-3000:]
    manifest = json.loads((run_dir / "run.json").read_text())
    assert [nb["status"] for nb in manifest["notebooks"]] == ["ok"] * len(manifest["notebooks"])
    from analysis.report.rendering.plan import is_static_report

    # interactive notebooks (the widget explorer) are left out of a full render
    notebooks = sorted(p.stem for p in (REPO / "notebooks").glob("[0-9][0-9]_*.ipynb") if is_static_report(p))
    assert notebooks and "07_explore" not in notebooks
    pages = {p.name for p in report_pages(run_dir)}
    assert "index.html" in pages
    assert all(f"{name}.html" in pages for name in notebooks), (notebooks, pages)


def test_no_page_holds_raw_payload_markup(hostile_render):
    _, run_dir = hostile_render
    for page in report_pages(run_dir):
        source = page.read_text(encoding="utf-8")
        found = [frag for frag in RAW_FRAGMENTS if frag.lower() in source.lower()]
        assert not found, f"{page.name} holds unescaped article markup: {found}"


def test_every_page_is_structurally_inert(hostile_render):
    _, run_dir = hostile_render
    for page in report_pages(run_dir):
        checker = check_page(page.read_text(encoding="utf-8"))
        assert checker.problems == [], f"{page.name}: {checker.problems[:10]}"
        # defence in depth: a policy that forbids scripts and network requests
        assert checker.csp, f"{page.name} has no Content-Security-Policy"
        assert all("default-src 'none'" in c and "script-src" not in c for c in checker.csp), checker.csp


def test_article_text_is_shown_as_text_not_dropped(hostile_render):
    """The payloads are displayed, escaped, as the text they are."""
    _, run_dir = hostile_render
    texts = {p.name: " ".join(check_page(p.read_text(encoding="utf-8")).text) for p in report_pages(run_dir)}
    reports = {name: text for name, text in texts.items() if name != "index.html"}
    # every report quotes some article text, and the script payload with it
    for name, text in reports.items():
        assert H.SCRIPT in text, f"{name} shows no article text containing the script payload"
    everything = " ".join(reports.values())
    for payload in (H.IMG_ONERROR, H.MD_IMAGE, H.MD_LINK, H.JS_LINK, H.COMMENT, H.TEMPLATE):
        assert payload in everything, f"payload {payload!r} appears in no report as text"
    # outlet names with mathtext syntax reach the charts' tables intact
    assert "Evil $\\alert{1}$ and $x^$ Times" in everything


def test_markdown_and_links_in_article_text_are_not_interpreted(hostile_render):
    _, run_dir = hostile_render
    for page in report_pages(run_dir):
        checker = check_page(page.read_text(encoding="utf-8"))
        # no element points anywhere a payload named: Markdown ![x](...) and
        # [click](javascript:...) stayed text, as did the javascript: URL column
        assert not [u for u in checker.urls if "evil.example" in u or "javascript:" in u.lower()], page.name


def test_executed_notebooks_show_article_text_inertly(hostile_render):
    """What JupyterLab would display: every HTML output of the executed notebooks is escaped."""
    _, run_dir = hostile_render
    executed = sorted(run_dir.rglob("*.ipynb"))
    assert executed, "the run folder keeps no executed notebooks"
    seen_payload = False
    for path in executed:
        nb = json.loads(path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            for output in cell.get("outputs", []):
                data = output.get("data", {})
                assert "application/javascript" not in data, f"{path.name}: JavaScript output"
                html = data.get("text/html")
                if html is None:
                    continue
                html = "".join(html) if isinstance(html, list) else html
                checker = check_page(html)
                assert checker.problems == [], f"{path.name}: {checker.problems[:5]}"
                seen_payload |= H.SCRIPT in " ".join(checker.text)
    assert seen_payload, "no notebook output showed the hostile article text"


# --- the display path in JupyterLab --------------------------------------------------

@pytest.fixture(scope="module")
def hostile_articles(tmp_path_factory):
    return analysis.load_corpus(H.write_hostile_corpus(tmp_path_factory.mktemp("hostile-corpus")))


def test_dataframe_html_of_hostile_text_is_escaped(hostile_articles):
    """Notebooks show tables as DataFrames; pandas escapes their HTML (the Lab display path)."""
    sents = analysis.sentences(hostile_articles)
    frames = [hostile_articles, sents, hostile_articles.set_index("outlet")[["headline"]]]
    with pd.option_context("display.max_colwidth", 160, "display.max_rows", 80):
        for frame in frames:
            html = frame._repr_html_()
            checker = check_page(html)
            assert checker.problems == [], checker.problems[:5]
            assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
            assert not any(frag.lower() in html.lower() for frag in RAW_FRAGMENTS)


def test_ipython_display_of_a_dataframe_is_escaped(hostile_articles):
    from IPython.core.formatters import DisplayFormatter

    bundle, _ = DisplayFormatter().format(hostile_articles[["article_id", "outlet", "headline"]])
    assert check_page(bundle["text/html"]).problems == []
    assert H.SCRIPT in bundle["text/plain"]  # the plain-text form is the text itself


NOTEBOOK_UNSAFE = [r"\bHTML\(", r"\bMarkdown\(", r"display_html", r"display_markdown", r"Javascript\(",
                   r"escape\s*=\s*False", r"\.style\b", r"render_links\s*=\s*True", r"\bIFrame\(",
                   r"unsafe_allow_html", r"to_html\("]


def test_notebooks_display_article_text_only_as_tables_or_plain_text():
    """No notebook builds HTML or Markdown from data: article text never becomes markup."""
    sources = sorted((REPO / "notebooks").glob("*.ipynb"))
    assert sources
    for path in sources:
        nb = json.loads(path.read_text(encoding="utf-8"))
        for i, cell in enumerate(nb["cells"]):
            if cell["cell_type"] != "code":
                continue
            code = "".join(cell["source"])
            bad = [p for p in NOTEBOOK_UNSAFE if re.search(p, code)]
            assert not bad, f"{path.name} cell {i} uses {bad}: article text could become markup"


# --- the checker itself ---------------------------------------------------------------

@pytest.mark.parametrize("html", [
    "<p>x</p><script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<a href='javascript:alert(1)'>x</a>",
    "<img src='http://evil.example/x.png'>",
    "<iframe srcdoc='x'></iframe>",
    "<div style='background:url(http://evil.example/a.png)'>x</div>",
    "<style>@import 'http://evil.example/x.css';</style>",
    "<meta http-equiv='refresh' content='0;url=http://evil.example/'>",
    "<svg><a xlink:href='javascript:alert(1)'>x</a></svg>",
    "<base href='http://evil.example/'>",
    "<!--><script>alert(1)</script>-->",
])
def test_checker_catches_live_markup(html):
    assert check_page(html).problems, html


def test_checker_passes_escaped_text():
    with pd.option_context("display.max_colwidth", None):
        html = pd.DataFrame({"body": list(H.PAYLOADS)})._repr_html_()
    checker = check_page(html)
    assert checker.problems == []
    assert all(p in " ".join(checker.text) for p in H.PAYLOADS)
