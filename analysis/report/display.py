"""How the reports show tables, findings and key numbers.

A pandas DataFrame shown in a notebook prints its row index, its
snake_case column names and, past ``display.max_colwidth``, cuts text with
"…".  A report reader needs none of that.  :func:`show_table` returns a
display object whose HTML has human column names, no index, every sentence
in full (long ones folded into a ``<details>`` element, never cut), and
which saves the whole table as CSV next to the charts, for readers who want
the data in a spreadsheet.  :func:`show_findings` shows a report's findings as
plain sentences, and :func:`show_key_numbers` the scalar entries of a
notebook's summary with human labels (no raw dicts).

Every piece of text is HTML-escaped: article text may contain markup.
"""

from __future__ import annotations

import datetime as _dt
import html
import math
import re
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from analysis.errors import ParameterError

#: Folder (inside ``figures_dir``) that :func:`show_table` writes CSV files into.
TABLES_FOLDER = "tables"
#: Rows shown in a report table; the CSV always has every row.
DEFAULT_MAX_ROWS = 200
#: Text longer than this is folded into ``<details>`` (shown in full when opened).
FOLD_CHARS = 300

#: Column names as a reader sees them.  Unlisted names are turned into words
#: by :func:`column_label` ("days_before_publication" -> "Days before publication").
COLUMN_LABELS = {
    "article_id": "Article", "article_a": "Article A", "article_b": "Article B",
    "outlet": "Outlet", "outlet_a": "Outlet A", "outlet_b": "Outlet B",
    "source": "Source", "source_a": "Source A", "source_b": "Source B",
    "published": "Published", "headline": "Headline", "n_words": "Words", "wire": "Wire credit",
    "boilerplate_lines": "Page chrome lines removed", "n_articles": "Articles",
    "first_published": "First published", "last_published": "Last published",
    "median_words": "Median words", "n_wire": "Wire articles",
    "claim_id": "Claim", "label": "Claim (label)", "n_asserts": "Assert", "n_hedged": "Hedge",
    "n_denies": "Deny", "n_supporting": "Supporting articles", "n_origins": "Independent origins",
    "echo": "Echo (articles beyond their origins)", "asserts": "Asserts", "hedged": "Hedges",
    "denies": "Denies", "speaker": "Speaker", "speaker_type": "Speaker type", "stance": "Stance",
    "sentence": "Sentence", "origin_id": "Origin", "origin_label": "Origin (label)", "basis": "Evidence",
    "n_shared_claims": "Shared claims", "agreement": "Agreement", "jaccard": "Overlap (Jaccard)",
    "kappa": "Kappa", "type": "Type", "severity": "Severity", "topic": "Topic",
    "detail_a": "What A says", "detail_b": "What B says", "explanation": "Why",
    "containment_a": "Share of A found in B", "containment_b": "Share of B found in A",
    "n_passages": "Shared passages", "n_shared_words": "Shared words", "n_quoted": "Quoted passages",
    "longest_words": "Longest passage (words)", "shared_chars_a": "Characters of A shared",
    "shared_chars_b": "Characters of B shared", "credit": "Wire credit", "origin_size": "Articles of the origin",
    "date": "Date", "date_end": "Until", "precision": "Precision", "relative": "Relative",
    "background": "Background", "days_before_publication": "Days before publication",
    "surface": "As written", "reason": "Why unresolved", "unit": "Unit", "qualifier": "Qualifier",
    "interval": "Literal interval", "of_value": "Of a whole", "subject": "About", "rank": "Rank",
    "n_sources": "Articles", "n_figures": "Figures", "figures": "Figures as written",
    "verdict": "Verdict", "agreed_interval": "Agreed interval",
    "flesch_reading_ease": "Flesch reading ease", "flesch_kincaid_grade": "Flesch-Kincaid grade",
    "item": "Item", "value": "Value",
}

_CSV_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,120}\Z")

# Prefixed with .jp-RenderedHTMLCommon so they outrank JupyterLab's own table
# rules (which right-align every cell) in the exported reports.
_STYLE = """<style>
.jp-RenderedHTMLCommon table.report-table, table.report-table { border-collapse: collapse;
  margin: 0.4em 0 0.6em; font-size: 0.92em; table-layout: auto; }
.jp-RenderedHTMLCommon table.report-table th, .jp-RenderedHTMLCommon table.report-table td,
table.report-table th, table.report-table td { border: none; border-bottom: 1px solid #ddd;
  padding: 0.3em 0.55em; text-align: left; vertical-align: top; white-space: normal;
  overflow-wrap: anywhere; max-width: 36em; line-height: 1.35; }
.jp-RenderedHTMLCommon table.report-table th, table.report-table th { background: #f2f2f2;
  overflow-wrap: normal; word-break: normal; hyphens: none; }
.jp-RenderedHTMLCommon table.report-table td.num, table.report-table td.num { text-align: right;
  white-space: nowrap; font-variant-numeric: tabular-nums; }
.jp-RenderedHTMLCommon table.report-table td.nowrap, table.report-table td.nowrap { white-space: nowrap; }
.jp-RenderedHTMLCommon table.report-table td.breakable, table.report-table td.breakable { overflow-wrap: anywhere; }
table.report-table details summary { cursor: pointer; color: #0072B2; }
p.report-table-note { color: #555; font-size: 0.88em; margin: 0 0 1.2em; }
div.report-findings { border-left: 4px solid #0072B2; background: #f3f8fc; padding: 0.5em 1em; margin: 0.5em 0 1em; }
div.report-findings ul { margin: 0.3em 0; padding-left: 1.2em; }
div.report-findings li { margin: 0.25em 0; }
</style>"""


def column_label(name: str) -> str:
    """The reader's name of a column: :data:`COLUMN_LABELS`, else the words of ``name``.

    Examples
    --------
    >>> column_label("n_words")
    'Words'
    >>> column_label("days_before_publication")
    'Days before publication'
    >>> column_label("n_cases")
    'Cases'
    """
    name = str(name)
    if name in COLUMN_LABELS:
        return COLUMN_LABELS[name]
    words = name[2:] if name.startswith("n_") else name
    words = words.replace("_", " ").strip()
    return words[:1].upper() + words[1:] if words else name


def _is_missing(value: Any) -> bool:
    if value is None or value is pd.NaT:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    try:
        return bool(pd.isna(value)) if np.ndim(value) == 0 else False
    except (TypeError, ValueError):
        return False


def format_value(value: Any, digits: int = 2) -> str:
    """A cell as text: thousands separators, ``digits`` decimals, ISO dates, "yes"/"no", "" for missing.

    Examples
    --------
    >>> format_value(12345), format_value(0.5), format_value(True), format_value(None)
    ('12,345', '0.50', 'yes', '')
    """
    if isinstance(value, (list, tuple, set)):
        return "; ".join(format_value(v, digits) for v in value)
    if isinstance(value, Mapping):
        return "; ".join(f"{k}: {format_value(v, digits)}" for k, v in value.items())
    if _is_missing(value):
        return ""
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if isinstance(value, (int, np.integer)):
        return f"{int(value):,}"
    if isinstance(value, (float, np.floating)):
        value = float(value)
        if value.is_integer():  # a median of 316 words is "316", not "316.00"
            return f"{value:,.0f}"
        return f"{value:,.{digits}f}"
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat() if value == value.normalize() else value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    return " ".join(str(value).split())


def _cell_html(text: str, fold: int) -> str:
    escaped = html.escape(text)
    if len(text) <= fold:
        return escaped
    # The summary shows the opening words; opening it shows the full text.
    # Nothing is lost: the whole text is in the page (and in the CSV).
    head = text[:fold // 2].rsplit(" ", 1)[0]
    return (f"<details><summary>{html.escape(head)} (more)</summary>{escaped}</details>")


class ReportTable:
    """A table shown as reader-friendly HTML in a notebook (see :func:`show_table`).

    Attributes
    ----------
    frame : pandas.DataFrame
        The full table (index dropped), with the original column names.
    csv_path : pathlib.Path or None
        Where the CSV was written.
    """

    def __init__(self, frame: pd.DataFrame, *, max_rows: int = DEFAULT_MAX_ROWS, digits: int = 2,
                 fold: int = FOLD_CHARS, csv_path: Path | None = None, caption: str = "",
                 empty: str = "Nothing to show."):
        self.frame = frame
        self.max_rows = int(max_rows)
        self.digits = int(digits)
        self.fold = int(fold)
        self.csv_path = csv_path
        self.caption = caption
        self.empty = empty

    def __len__(self) -> int:
        return len(self.frame)

    def __repr__(self) -> str:
        return f"<ReportTable {len(self.frame)} rows x {self.frame.shape[1]} columns>"

    def _repr_html_(self) -> str:
        frame = self.frame
        parts = [_STYLE]
        if frame.empty:
            parts.append(f'<p class="report-table-note">{html.escape(self.empty)}</p>')
            return "".join(parts)
        numeric = [pd.api.types.is_numeric_dtype(frame[c]) and not pd.api.types.is_bool_dtype(frame[c])
                   for c in frame.columns]
        parts.append('<table class="report-table">')
        if self.caption:
            parts.append(f"<caption>{html.escape(self.caption)}</caption>")
        parts.append("<thead><tr>")
        parts.extend(f'<th scope="col">{html.escape(column_label(c))}</th>' for c in frame.columns)
        parts.append("</tr></thead><tbody>")
        for row in frame.head(self.max_rows).itertuples(index=False, name=None):
            parts.append("<tr>")
            for value, is_num in zip(row, numeric):
                text = format_value(value, self.digits)
                if is_num:
                    parts.append(f'<td class="num">{html.escape(text)}</td>')
                elif len(text) <= 16 and " " not in text:  # dates, short ids: never broken over two lines
                    parts.append(f'<td class="nowrap">{html.escape(text)}</td>')
                elif " " not in text:  # a long id or URL may break anywhere rather than widen the table
                    parts.append(f'<td class="breakable">{html.escape(text)}</td>')
                else:
                    parts.append(f"<td>{_cell_html(text, self.fold)}</td>")
            parts.append("</tr>")
        parts.append("</tbody></table>")
        notes = []
        if len(frame) > self.max_rows:
            notes.append(f"The first {self.max_rows:,} of {len(frame):,} rows are shown.")
        link = ""
        if self.csv_path is not None:
            # the path relative to the report: a rendered run keeps each report beside its figures folder
            where = csv_relative_path(self.csv_path)
            rows = f"{len(frame):,} row{'s' if len(frame) != 1 else ''}"
            link = (f' The full table ({rows}) is <a href="{html.escape(where, quote=True)}">'
                    f"{html.escape(where)}</a> (CSV).")
        if notes or link:
            parts.append(f'<p class="report-table-note">{html.escape(" ".join(notes))}{link}</p>')
        return "".join(parts)


def csv_relative_path(csv_path: str | Path) -> str:
    """Where a table's CSV is, relative to the report: ``figures/tables/<name>.csv``.

    The CSV is written to ``<figures_dir>/tables/``; a rendered run keeps
    each HTML report beside its ``figures`` folder (the run folder's own
    ``tables/`` holds the Parquet tables, not these CSVs).

    Examples
    --------
    >>> csv_relative_path("/runs/r1/figures/tables/01_articles.csv")
    'figures/tables/01_articles.csv'
    """
    path = Path(csv_path)
    return f"{path.parent.parent.name}/{path.parent.name}/{path.name}"


def save_table_csv(frame: pd.DataFrame, name: str, figures_dir: str | Path) -> Path:
    """Write ``frame`` (no index, human column names) to ``<figures_dir>/tables/<name>.csv``.

    Raises
    ------
    analysis.errors.ParameterError
        If ``name`` is not a plain file stem (letters, digits, ``_ - .``).
    """
    if not isinstance(name, str) or not _CSV_NAME.match(name) or ".." in name:
        raise ParameterError(f"table name {name!r} must be letters, digits, '_', '-' or '.'")
    folder = Path(figures_dir) / TABLES_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{name}.csv"
    out = frame.rename(columns={c: column_label(c) for c in frame.columns})
    out.to_csv(target, index=False, encoding="utf-8")
    return target


def show_table(frame: pd.DataFrame, name: str | None = None, figures_dir: str | Path | None = None, *,
               columns: Sequence[str] | None = None, max_rows: int = DEFAULT_MAX_ROWS, digits: int = 2,
               caption: str = "", empty: str = "Nothing to show.") -> ReportTable:
    """Show ``frame`` in a report: no row index, human column names, no text cut; save it as CSV.

    Parameters
    ----------
    frame : pandas.DataFrame
        The table.  A meaningful index (not a plain 0..n-1 range) is kept as
        columns.
    name : str, optional
        File stem of the CSV (``"01_articles"``); with ``figures_dir``, the
        full table is written to ``<figures_dir>/tables/<name>.csv``.
    figures_dir : str or pathlib.Path, optional
        The notebook's figures folder.
    columns : sequence of str, optional
        Columns shown, in this order (the CSV keeps every column).
    max_rows : int, default 200
        Rows shown in the page (the CSV has all; the page says so).
    digits : int, default 2
        Decimals of floating-point numbers.
    caption : str
        Optional caption above the table.
    empty : str
        What the page says when the table has no rows.

    Returns
    -------
    ReportTable
        Displayed as HTML by Jupyter.

    Examples
    --------
    >>> t = show_table(pd.DataFrame({"n_words": [1200]}))
    >>> "<th scope=\\"col\\">Words</th>" in t._repr_html_()
    True
    """
    data = frame
    # only a *named* index carries meaning (a sort or filter leaves an unnamed one
    # that would show as a raw "index" column)
    if any(name is not None for name in data.index.names):
        data = data.reset_index()
    else:
        data = data.reset_index(drop=True)
    csv_path = save_table_csv(data, name, figures_dir) if name and figures_dir is not None else None
    if columns is not None:
        data = data[list(columns)]
    return ReportTable(data, max_rows=max_rows, digits=digits, csv_path=csv_path, caption=caption, empty=empty)


class Findings:
    """Plain-sentence findings, shown as a highlighted list (see :func:`show_findings`)."""

    def __init__(self, sentences: Iterable[str]):
        self.sentences = [str(s) for s in sentences if str(s).strip()]

    def __repr__(self) -> str:
        return "\n".join(f"- {s}" for s in self.sentences)

    def _repr_html_(self) -> str:
        items = "".join(f"<li>{html.escape(s)}</li>" for s in self.sentences) or "<li>No findings.</li>"
        return f'{_STYLE}<div class="report-findings"><ul>{items}</ul></div>'


def show_findings(sentences: Iterable[str]) -> Findings:
    """Display a report's findings, one plain sentence per bullet (text escaped)."""
    return Findings(sentences)


_BOLD = re.compile(r"\*\*(.+?)\*\*")


class Note:
    """One sentence of a report shown as a paragraph: escaped, then ``**x**`` made bold."""

    def __init__(self, text: str):
        self.text = str(text)

    def __repr__(self) -> str:
        return self.text

    def _repr_html_(self) -> str:
        # escape first, so text from the corpus can never become markup
        return "<p>" + _BOLD.sub(r"<b>\1</b>", html.escape(self.text)) + "</p>"


def show_note(text: str) -> Note:
    """Display a sentence in a report (the safe stand-in for ``IPython.display.Markdown``).

    Examples
    --------
    >>> show_note("Each **article** counts <b>as</b> a source.")._repr_html_()
    '<p>Each <b>article</b> counts &lt;b&gt;as&lt;/b&gt; a source.</p>'
    """
    return Note(text)


#: Labels of the scalar entries of the notebooks' summaries.
KEY_LABELS = {
    "n_articles": "Articles", "n_outlets": "Outlets", "first_published": "First published",
    "last_published": "Last published", "total_words": "Words in all articles",
    "median_words": "Median words per article", "n_wire": "Articles crediting a wire agency",
    "mean_flesch_reading_ease": "Mean Flesch reading ease", "mean_fk_grade": "Mean Flesch-Kincaid grade",
    "codebook": "Codebook", "n_tagged_sentences": "Sentences tagged with a claim", "n_claims": "Claims",
    "n_origins": "Independent origins", "source_by": "A source is", "n_sources": "Sources",
    "n_pairs": "Pairs of sources compared", "mean_agreement": "Mean agreement",
    "n_contradictions": "Contradictions", "n_reuse_pairs": "Pairs of articles sharing text",
    "n_figures": "Figure mentions", "n_units": "Units", "n_distinct_figures": "Distinct figures",
    "n_date_mentions": "Date mentions", "n_events": "Resolved dates in the window",
    "n_relative": "Resolved from relative expressions", "n_background": "Background dates (not drawn)",
    "n_unresolved": "Unresolved dates", "earliest": "Earliest date", "latest": "Latest date",
    "run_date": "Run date",
}


def key_numbers(summary: Mapping[str, Any], skip: Iterable[str] = ("findings",)) -> pd.DataFrame:
    """The scalar entries of a notebook summary as a two-column table (item, value).

    Nested entries (per-claim or per-source dicts, lists) are left out: they
    are in the report's tables and in the summary JSON.  An empty ``run_date``
    reads "not given".
    """
    skip = set(skip)
    rows = []
    for key, value in summary.items():
        if key in skip or isinstance(value, (Mapping, list, tuple, set)):
            continue
        if key == "run_date" and not str(value or "").strip():
            value = "not given"
        label = KEY_LABELS.get(key) or column_label(key)
        rows.append((label, format_value(value)))
    return pd.DataFrame(rows, columns=["item", "value"])


def show_key_numbers(summary: Mapping[str, Any], name: str | None = None,
                     figures_dir: str | Path | None = None) -> ReportTable:
    """:func:`key_numbers` shown with :func:`show_table` (and saved as CSV when a name is given)."""
    return show_table(key_numbers(summary), name, figures_dir)


__all__ = ["COLUMN_LABELS", "Findings", "KEY_LABELS", "ReportTable", "TABLES_FOLDER", "column_label",
           "csv_relative_path",
           "format_value", "key_numbers", "save_table_csv", "show_findings", "show_key_numbers", "show_table"]
