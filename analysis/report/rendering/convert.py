"""Executed notebooks -> self-contained HTML, with one nbconvert exporter for the whole run.

Starting nbconvert (template lookup, Jinja environment, CSS inlining) costs
far more than converting one notebook, so a :class:`ReportConverter` builds a
single :class:`~nbconvert.HTMLExporter` and reuses it for every report of a
run.  Code is hidden unless asked for (``exclude_input``), markdown images
are embedded, and the ``report`` template (``analysis/report/templates/report``)
strips every script and network reference.

Cell tags understood here (documented in ``docs/rendering.md``):

- ``remove-cell``: left out of every HTML report;
- ``remove-input`` / ``remove-output``: only the output / input is shown;
- ``solution``: left out of the student version; a notebook with such cells
  also gets an ``<name>.instructor.html`` that keeps them (written outside
  the run folder, see :mod:`analysis.report.teaching`).  Teaching notebooks (those
  with solution cells) show their code: the exercises are code cells.

Every report gets a navigation bar (the run index and the other reports of
the run, when the converter knows them) and a table of contents built from
its ``##`` headings, placed under its title.
"""

from __future__ import annotations

import copy
import html
import re
from pathlib import Path

import nbformat


TEMPLATES_DIR = Path(__file__).resolve().parents[1] / "templates"
TEMPLATE_NAME = "report"
SOLUTION_TAG = "solution"
REMOVE_CELL_TAG = "remove-cell"
REMOVE_INPUT_TAG = "remove-input"
REMOVE_OUTPUT_TAG = "remove-output"
FAILURE_TAG = "render-failure"

# No script, no network, no forms or frames; inline CSS and data: images only.
# (No frame-ancestors: browsers ignore it in a <meta> policy and log a
# console error saying so on every page.)
REPORT_CSP = ("default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:; "
              "form-action 'none'; base-uri 'none'")


_FAILURE_WORDS = {"failed": "a cell raised an error", "timeout": "a cell ran past the cell timeout",
                  "kernel died": "the kernel died", "cancelled": "the render was interrupted"}


_H1_END = re.compile(r"</h1>", re.I)
_H2 = re.compile(r'<h2 id="([^"]+)"[^>]*>(.*?)</h2>', re.S | re.I)
_TAG = re.compile(r"<[^>]+>")


def table_of_contents(page: str) -> str:
    """A ``<nav>`` listing the page's ``<h2>`` headings as links ("" when there are fewer than two)."""
    items = []
    for anchor, inner in _H2.findall(page):
        text = html.unescape(_TAG.sub("", inner)).strip()
        if text:
            items.append(f'<li><a href="#{html.escape(anchor, quote=True)}">{html.escape(text)}</a></li>')
    if len(items) < 2:
        return ""
    return f'<nav class="report-toc" aria-label="Contents"><strong>Contents</strong><ul>{"".join(items)}</ul></nav>'


def _insert_toc(page: str) -> str:
    toc = table_of_contents(page)
    if not toc:
        return page
    match = _H1_END.search(page)
    if match is None:  # no title: the contents go first in the main part
        return page.replace("<main>", "<main>" + toc, 1)
    return page[:match.end()] + toc + page[match.end():]


_STYLE_BLOCK = re.compile(r"(<style[^>]*>)(.*?)(</style>)", re.S | re.I)
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)


def _strip_css_comments(page: str) -> str:
    # The inlined JupyterLab CSS cites its sources in comments (https://...);
    # dropping them keeps the page free of any URL it did not put there on
    # purpose, and about 10% smaller.
    return _STYLE_BLOCK.sub(lambda m: m.group(1) + _CSS_COMMENT.sub("", m.group(2)) + m.group(3), page)


def has_solutions(nb: nbformat.NotebookNode) -> bool:
    """True if any cell carries the ``solution`` tag."""
    return any(SOLUTION_TAG in (cell.get("metadata", {}).get("tags") or []) for cell in nb.cells)


def notebook_title(nb: nbformat.NotebookNode, fallback: str) -> str:
    """The notebook's first markdown heading (``# Title``), else ``fallback``."""
    title = nb.get("metadata", {}).get("title")
    if title:
        return str(title)
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        for line in cell.source.splitlines():
            stripped = line.strip()
            if stripped.startswith("#"):
                text = stripped.lstrip("#").strip()
                if text:
                    return text
        break  # only the first markdown cell may hold the title
    return fallback


def mark_failure(nb: nbformat.NotebookNode, status: str, message: str) -> nbformat.NotebookNode:
    """Return a copy of ``nb`` that shows the failure: a banner on top and the error on its cell.

    papermill already records a cell's exception in its outputs; a cell that
    timed out or whose kernel died has none, so one is added to the cell that
    was running, and a banner at the top says what went wrong.  The message is
    HTML-escaped (it may quote article text) and placed inside an HTML block,
    where markdown is not interpreted.
    """
    nb = copy.deepcopy(nb)
    running = [cell for cell in nb.cells if cell.cell_type == "code"
               and cell.get("metadata", {}).get("papermill", {}).get("status") == "running"]
    if running and status != "failed":
        running[0].setdefault("outputs", []).append(nbformat.v4.new_output(
            "error", ename=status.replace(" ", "_").title(), evalue=message, traceback=[f"{status}: {message}"]))
    what = _FAILURE_WORDS.get(status, status)
    banner = nbformat.v4.new_markdown_cell(
        f'<div class="report-failure"><strong>This report failed: {html.escape(what)}.</strong>'
        f"<pre>{html.escape(message)}</pre>"
        "<p>What ran before the failure is shown below; the failing cell shows the error.</p></div>",
        metadata={"tags": [FAILURE_TAG]},
    )
    nb.cells.insert(0, banner)
    return nb


class ReportConverter:
    """Convert executed notebooks to self-contained HTML, reusing one exporter.

    Parameters
    ----------
    with_code : bool
        Keep code cells' input (default: hide it, show outputs and prose).
    reports : sequence of (name, title), optional
        The reports of the run, in order: each page then links to the run
        index and to the others (``<name>.html`` beside it).

    Examples
    --------
    >>> converter = ReportConverter()                                # doctest: +SKIP
    >>> converter.write(nb, Path("run/01.html"), title="Overview")  # doctest: +SKIP
    """

    def __init__(self, with_code: bool = False, reports=None):
        from nbconvert import __version__ as nbconvert_version

        self.with_code = with_code
        self.reports = [(str(name), str(title)) for name, title in reports] if reports is not None else None
        self._nbconvert_version = nbconvert_version
        self._exporters: dict = {}
        self.exporter, self._tags = self._exporter(with_code)

    def _exporter(self, show_code: bool):
        """One exporter (and its tag preprocessor) per code visibility, built on first use."""
        from nbconvert import HTMLExporter
        from nbconvert.preprocessors import TagRemovePreprocessor

        # A teaching notebook shows its code, but not the parameter cells'
        # (they only hold the render's paths); --with-code shows everything.
        hide_params = show_code and not self.with_code
        if show_code not in self._exporters:
            exporter = HTMLExporter(
                template_name=TEMPLATE_NAME,
                extra_template_basedirs=[str(TEMPLATES_DIR)],
                exclude_input=not show_code,
                exclude_input_prompt=not show_code,
                exclude_output_prompt=not show_code,
                embed_images=True,
                anchor_link_text="",
            )
            tags = TagRemovePreprocessor(enabled=True, remove_input_tags={REMOVE_INPUT_TAG} | (
                {"parameters", "injected-parameters"} if hide_params else set()),
                                         remove_all_outputs_tags={REMOVE_OUTPUT_TAG})
            exporter.register_preprocessor(tags, enabled=True)
            self._exporters[show_code] = (exporter, tags)
        return self._exporters[show_code]

    def navigation(self, current: str | None, prefix: str = "") -> dict | None:
        """Links of the navigation bar (``None`` when the run's reports are not known)."""
        if self.reports is None:
            return None
        return {"index": f"{prefix}index.html",
                "reports": [{"href": f"{prefix}{name}.html", "title": title, "current": name == current}
                            for name, title in self.reports]}

    def to_html(self, nb: nbformat.NotebookNode, *, title: str, keep_solutions: bool = True,
                base_dir: Path | None = None, current: str | None = None, show_code: bool | None = None,
                link_prefix: str = "") -> str:
        """Render one notebook to an HTML string.

        Parameters
        ----------
        nb : NotebookNode
            The executed notebook (not modified).
        title : str
            Page title.
        keep_solutions : bool
            False drops cells tagged ``solution`` (the student version).
        base_dir : Path, optional
            Folder that relative markdown image paths are resolved against.
        current : str, optional
            This report's name, marked in the navigation bar.
        show_code : bool, optional
            Show code cells' input; default: the converter's ``with_code``,
            or True for a teaching notebook (one with solution cells).
        link_prefix : str
            Prepended to navigation links (for a page outside the run folder).
        """
        if show_code is None:
            show_code = self.with_code or has_solutions(nb)
        exporter, tags = self._exporter(bool(show_code))
        nb = copy.deepcopy(nb)
        # Widget state would bring a <script> back through the footer.
        nb.metadata.pop("widgets", None)
        tags.remove_cell_tags = {REMOVE_CELL_TAG} | (set() if keep_solutions else {SOLUTION_TAG})
        resources = {
            "metadata": {"name": title, "path": str(base_dir) if base_dir else ""},
            "report_csp": REPORT_CSP,
            "nbconvert_version": self._nbconvert_version,
            "report_nav": self.navigation(current, link_prefix),
        }
        body, _ = exporter.from_notebook_node(nb, resources=resources)
        return _insert_toc(_strip_css_comments(body))

    def write(self, nb: nbformat.NotebookNode, target: Path, **kwargs) -> Path:
        """Render ``nb`` with :meth:`to_html` and write it to ``target`` (UTF-8)."""
        target.write_text(self.to_html(nb, **kwargs), encoding="utf-8")
        return target
