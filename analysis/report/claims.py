"""The claims table the reports show: codebook claims, or codebook-free clusters.

A corpus with a codebook (passed, or its own ``codebook.yaml``) gets
:func:`analysis.tag_claims`; a corpus without one gets
:func:`analysis.claims.clusters.codebook_free_claims` -- near-paraphrase
statements repeated across sources, each cluster a claim with a readable
label. Both tables have the same columns, so every report table and chart
(frequency, stance matrix, agreement, contradictions, speakers) works on
either, and each report says which mode ran.

The sample corpus's codebook (``seeds/codebook.yaml``) is used only for
``seeds/``, because it sits there; it is never applied to another corpus.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

#: ``claims.attrs["mode"]`` values.
CODEBOOK_MODE = "codebook"
CLUSTER_MODE = "codebook-free"
#: A codebook "tags little" when fewer than this share of the articles get a claim.
LITTLE_SHARE = 0.10


def claims_for_report(articles: pd.DataFrame, codebook: Any = "", attributions: pd.DataFrame | None = None,
                      threshold: float | None = None) -> pd.DataFrame:
    """The claims table of the reports, in codebook or codebook-free mode.

    Parameters
    ----------
    articles : pandas.DataFrame
        From :func:`analysis.load_corpus` (its ``attrs["codebook"]`` names
        the corpus's own ``codebook.yaml``, if any).
    codebook : str, pathlib.Path, Codebook or "", default ""
        The notebook's ``codebook`` parameter: a path (relative paths start
        at ``notebooks/``, like every notebook path) or a loaded codebook;
        ``""`` uses the corpus's own codebook, and with none the
        codebook-free mode.
    attributions : pandas.DataFrame, optional
        :func:`analysis.extract_attributions` output with narrator rows.
    threshold : float, optional
        Clustering threshold of the codebook-free mode (default: that of
        :func:`analysis.claims.clusters.codebook_free_claims`).

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`analysis.tag_claims` in both modes (the
        codebook-free table adds ``n_articles`` and ``similarity``), with
        ``attrs``: ``mode`` (``"codebook"`` or ``"codebook-free"``),
        ``mode_text`` (one line for the report: which mode ran and why),
        ``note`` (a warning when a codebook tags little or nothing, else
        ""), ``codebook`` (its name; "" without), ``codebook_path`` and
        ``labels`` (claim_id -> label).

    Raises
    ------
    analysis.errors.CodebookError
        The codebook given or found is invalid.
    """
    from analysis.claims.clusters import codebook_free_claims
    from analysis.claims.tagger import tag_claims
    from analysis.claims.codebook import Codebook, resolve_codebook

    given = codebook
    if isinstance(codebook, (str, Path)) and str(codebook).strip():
        from analysis.report.data import resolve_path

        given = resolve_path(codebook)
    book = resolve_codebook(given if isinstance(given, (Codebook, Path)) else None, articles)
    if book is not None:
        claims = tag_claims(articles, codebook=book, attributions=attributions)
        claims.attrs.update({
            "mode": CODEBOOK_MODE,
            "codebook": book.name or Path(book.source).name,
            "codebook_path": book.source,
            "labels": book.labels(),
        })
        claims.attrs["mode_text"] = (f"Claims mode: codebook - {claims.attrs['codebook']} ({book.source}, "
                                     f"{len(book.claims)} claims).")
        claims.attrs["note"] = little_or_nothing_note(claims, articles, book.source)
        return claims
    options = {} if threshold is None else {"threshold": threshold}
    claims = codebook_free_claims(articles, attributions=attributions, **options)
    labels = dict(zip(claims["claim_id"], claims["label"]))
    claims.attrs.update({
        "mode": CLUSTER_MODE, "codebook": "", "codebook_path": "", "labels": labels,
        "mode_text": ("Claims mode: codebook-free - no codebook was given and the corpus has no codebook.yaml, so "
                      "claims are clusters of near-paraphrase attributed statements repeated across articles "
                      f"({len(labels)} clusters), each labelled by its most representative sentence. "
                      "`python -m analysis draft-codebook CORPUS -o codebook.yaml` drafts a codebook to edit."),
        "note": "" if labels else ("No statement is repeated in near-identical words by two or more articles "
                                   "with a named source, so there are no codebook-free claims to show."),
    })
    return claims


def little_or_nothing_note(claims: pd.DataFrame, articles: pd.DataFrame, source: str = "the codebook") -> str:
    """A warning when a codebook tags nothing or few articles, else "".

    "Little" means claims in fewer than :data:`LITTLE_SHARE` of the articles:
    a codebook written for another topic, or terms that do not match this
    corpus's wording.

    Examples
    --------
    >>> arts = pd.DataFrame({"article_id": list("abcdefghijk")})
    >>> little_or_nothing_note(pd.DataFrame({"article_id": []}), arts, "x.yaml")[:40]
    'The codebook x.yaml tags nothing in thes'
    >>> little_or_nothing_note(pd.DataFrame({"article_id": ["a"]}), arts, "x.yaml")[:46]
    'The codebook x.yaml tags little: claims in 1 o'
    >>> little_or_nothing_note(pd.DataFrame({"article_id": ["a", "b"]}), arts, "x.yaml")
    ''
    """
    n_articles = int(len(articles))
    n_tagged = int(claims["article_id"].astype(str).nunique()) if len(claims) else 0
    advice = ("is it written for this corpus's topic? Edit its terms (docs/codebook.md), draft one from the corpus "
              "with `python -m analysis draft-codebook CORPUS -o codebook.yaml`, or render without a codebook "
              "for codebook-free claims.")
    if n_tagged == 0:
        return (f"The codebook {source} tags nothing in these {n_articles:,} articles: the claims tables and charts "
                f"are empty because of the codebook, not because the articles make no claims; {advice}")
    if n_articles and n_tagged / n_articles < LITTLE_SHARE:
        return (f"The codebook {source} tags little: claims in {n_tagged:,} of {n_articles:,} articles; {advice}")
    return ""


def claims_summary(claims: pd.DataFrame) -> dict[str, Any]:
    """The summary keys every claims report writes (read by the run index and the CLI).

    Returns
    -------
    dict
        ``claims_mode`` ("codebook" / "codebook-free"), ``claims_note``
        (the little-or-nothing warning, or ""), ``codebook`` (name) and
        ``codebook_path``.
    """
    return {"claims_mode": claims.attrs.get("mode", ""), "claims_note": claims.attrs.get("note", ""),
            "codebook": claims.attrs.get("codebook", ""), "codebook_path": claims.attrs.get("codebook_path", "")}


def mode_markdown(claims: pd.DataFrame) -> str:
    """The claims mode and any little-or-nothing note, as Markdown for a report.

    Examples
    --------
    >>> c = pd.DataFrame({"article_id": []})
    >>> c.attrs.update(mode_text="Claims mode: codebook-free.", note="")
    >>> mode_markdown(c)
    '**Claims mode: codebook-free.**'
    """
    text = f"**{claims.attrs.get('mode_text', 'Claims mode: unknown.')}**"
    note = claims.attrs.get("note", "")
    return text + (f"\n\n> **Note:** {note}" if note else "")


def mode_banner(claims: pd.DataFrame):
    """:func:`mode_markdown` as a notebook display object (shown in the HTML report)."""
    from IPython.display import Markdown

    return Markdown(mode_markdown(claims))


def run_claims_modes(run_dir: str | Path) -> dict[str, dict[str, str]]:
    """Per report of a run: its claims mode and note (for the run index).

    Returns
    -------
    dict
        report name (the summary file's stem, e.g. ``"02_claim_frequency"``)
        -> ``{"claims_mode": ..., "claims_note": ..., "codebook": ...}``, for
        the reports that show claims (those whose summary has ``claims_mode``).
    """
    import json

    out: dict[str, dict[str, str]] = {}
    for path in sorted(Path(run_dir).glob("**/*.summary.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(data, dict) and data.get("claims_mode"):
            out[path.name[:-len(".summary.json")]] = {k: data.get(k) or "" for k in
                                                      ("claims_mode", "claims_note", "codebook")}
    return out


def run_claims_notes(run_dir: str | Path) -> list[str]:
    """The distinct claims notes the reports of a run wrote (for a CLI warning).

    Reads ``figures/*.summary.json`` under ``run_dir`` (see
    :func:`analysis.report.data.write_summary`) and returns each non-empty
    ``claims_note`` once.
    """
    import json

    notes: list[str] = []
    for path in sorted(Path(run_dir).glob("**/*.summary.json")):
        try:
            note = json.loads(path.read_text(encoding="utf-8")).get("claims_note") or ""
        except (OSError, ValueError):
            continue
        if note and note not in notes:
            notes.append(note)
    return notes


def extract_claims_warning(info: dict[str, Any]) -> str:
    """The CLI warning for an ``extract`` run whose claims table is empty or thin, else "".

    Parameters
    ----------
    info : dict
        The run record of :func:`analysis.scale.streaming.extract_to_parquet`
        (``tables``, ``articles``, ``codebook``).

    Examples
    --------
    >>> extract_claims_warning({"tables": {"claims": 0}, "articles": 40, "codebook": None})[:34]
    'no codebook (none given, no codebo'
    >>> extract_claims_warning({"tables": {"claims": 0}, "articles": 40, "codebook": "cb.yaml"})[:33]
    'the codebook cb.yaml tags nothing'
    >>> extract_claims_warning({"tables": {"claims": 300}, "articles": 40, "codebook": "cb.yaml"})
    ''
    """
    tables = info.get("tables", {})
    if "claims" not in tables:
        return ""
    if not info.get("codebook"):
        return ("no codebook (none given, no codebook.yaml beside the corpus): the claims table is empty; pass "
                "--codebook PATH, or draft one with `python -m analysis draft-codebook CORPUS -o codebook.yaml` "
                "(the rendered reports show codebook-free claims)")
    n_rows, n_articles = int(tables["claims"]), int(info.get("articles", 0))
    if n_rows == 0:
        return (f"the codebook {info['codebook']} tags nothing in these {n_articles:,} articles (claims 0 rows): "
                "is it written for this corpus's topic?")
    if n_articles and n_rows < LITTLE_SHARE * n_articles:
        return (f"the codebook {info['codebook']} tags little: {n_rows:,} claim rows for {n_articles:,} articles")
    return ""
