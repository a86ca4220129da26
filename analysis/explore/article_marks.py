"""Marks: the spans of one article's extractions, each with a layer and a tooltip.

:func:`article_marks` turns one article's rows of the extraction tables into
marks -- a ``body[start:end]`` span, a layer (:data:`LAYERS`), a tooltip and,
for claims, the stance and a short label -- which
:func:`analysis.explore.marked_text.render_marked_text` then renders.  Columns a
table lacks are left out of the tooltip, so tables from any codebook, from
:func:`analysis.cluster_claims`, from an ``extract`` folder or with extra
columns (``voice``, ``speaker_start``/``speaker_end``, ...) all work.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping

import pandas as pd

from analysis.explore.display_values import has_value, int_of, number_text, day_text, text_of

#: Mark layers, outermost first: a segment covered by several marks nests
#: their elements in this order.  Long spans (shared passages, claim
#: sentences) wrap short ones (figures, dates), so a tooltip on a figure is
#: the figure's and a tooltip elsewhere in the sentence is the claim's.
LAYERS: tuple[str, ...] = ("focus", "shared", "claim", "cluster", "quote", "speaker", "cue", "date", "figure")

LAYER_LABELS: dict[str, str] = {
    "focus": "statement in focus",
    "shared": "passage shared with another article",
    "claim": "claim sentence (colour and underline: the speaker's stance)",
    "cluster": "sentence in a claim cluster (no codebook)",
    "quote": "quoted words",
    "speaker": "speaker as named",
    "cue": "reporting cue (said, told, according to ...)",
    "date": "date (tooltip: resolved date)",
    "figure": "figure (tooltip: value, unit, qualifier)",
}

STANCE_CLASSES = ("asserts", "hedged", "denies", "mixed", "none")

MARK_COLUMNS = ["layer", "start", "end", "css", "title", "badge", "table", "text"]


def article_marks(article_id: str, body: str, tables: Mapping[str, pd.DataFrame], *,
                  names: Mapping[str, str] | None = None,
                  focus: Iterable[tuple[int, int]] | None = None) -> tuple[pd.DataFrame, list[str]]:
    """The marks of one article from its rows of the extraction tables.

    Parameters
    ----------
    article_id : str
        The article (rows of other articles are ignored).
    body : str
        Its body; every mark is a ``body[start:end]`` span.
    tables : mapping of str to pandas.DataFrame
        Extraction tables (see :func:`show_article`).
    names : mapping of str to str, optional
        article_id -> outlet, to name the articles a passage is shared with.
    focus : iterable of (start, end), optional
        Spans to outline.

    Returns
    -------
    (pandas.DataFrame, list of str)
        The marks (columns ``layer``, ``start``, ``end``, ``css``,
        ``title``, ``badge``, ``table``, ``text``; one row per distinct
        span and layer, tooltips of rows with the same span joined) and a
        description of every row whose span does not fit the body.
    """
    names = dict(names or {})
    raw: list[dict[str, Any]] = []
    skipped: list[str] = []
    n = len(body)

    def add(layer, start, end, title, table, css="", badge=""):
        s, e = int_of(start), int_of(end)
        if s is None or e is None or s < 0 or e < 0:
            return  # -1 / missing: the table says there is no such span
        if not s < e <= n:
            skipped.append(f"{table} {layer} span {s}:{e} outside the body (length {n})")
            return
        raw.append({"layer": layer, "start": s, "end": e, "css": css, "title": title, "badge": badge,
                    "table": table})

    for r in _records(tables.get("quantities"), article_id):
        add("figure", r.get("start"), r.get("end"), _figure_title(r), "quantities")
    for r in _records(tables.get("dates"), article_id):
        add("date", r.get("start"), r.get("end"), _date_title(r), "dates")
    for r in _records(tables.get("attributions"), article_id):
        _attribution_marks(r, add)
    claims = tables.get("claims")
    for table_name, frame in (("claims", claims), ("clusters", tables.get("clusters"))):
        for r in _records(frame, article_id):
            if text_of(r.get("section")) == "headline":
                continue  # a headline row's offsets index the headline, not the body
            if has_value(r, "claim_id"):
                stance = text_of(r.get("stance")) or "none"
                add("claim", r.get("start"), r.get("end"), _claim_title(r), table_name,
                    css=stance if stance in STANCE_CLASSES else "none",
                    badge=f"{text_of(r.get('claim_id'))} {stance}" if stance != "none" else text_of(r.get("claim_id")))
            elif has_value(r, "cluster_id"):
                add("cluster", r.get("start"), r.get("end"), _cluster_title(r), table_name,
                    badge=text_of(r.get("cluster_id")))
    for other, s, e, r in _reuse_rows(tables.get("reuse"), article_id):
        label = f"{names[other]} ({other})" if names.get(other) else other
        add("shared", s, e, f"shared with {label}" + _reuse_detail(r), "reuse")
    for s, e in focus or ():
        add("focus", s, e, "statement in focus", "focus")

    marks = _merge(raw)
    marks["text"] = [body[s:e] for s, e in zip(marks["start"], marks["end"])]
    return marks[MARK_COLUMNS], skipped


def _attribution_marks(r: Mapping[str, Any], add) -> None:
    speaker = text_of(r.get("speaker"))
    kind = text_of(r.get("speaker_type"))
    if kind == "narrator":
        return  # the outlet's own voice: nothing in the text to point at
    who = speaker + (f" ({kind}" + (f", {text_of(r.get('speaker_role'))}" if text_of(r.get("speaker_role")) else "")
                     + ")" if kind else "")
    add("cue", r.get("cue_start"), r.get("cue_end"), f"reporting cue '{text_of(r.get('cue'))}' -> speaker: {who}",
        "attributions")
    if has_value(r, "quote_start") and r.get("quoted", True) is not False:
        add("quote", r.get("quote_start"), r.get("quote_end"), f"quoted words of {who}", "attributions")
    if has_value(r, "speaker_start"):
        add("speaker", r.get("speaker_start"), r.get("speaker_end"), f"speaker: {who}", "attributions")
    elif has_value(r, "sentence_start") and (int_of(r.get("start")), int_of(r.get("end"))) != (
            int_of(r.get("sentence_start")), int_of(r.get("sentence_end"))):
        # the table's own span is the attribution itself once sentences have their own columns
        add("speaker", r.get("start"), r.get("end"), f"speaker: {who}", "attributions")


def _merge(raw: list[dict[str, Any]]) -> pd.DataFrame:
    """One mark per (layer, start, end): tooltips joined, differing stances -> ``mixed``."""
    if not raw:
        return pd.DataFrame(columns=MARK_COLUMNS)
    merged: dict[tuple[str, int, int], dict[str, Any]] = {}
    for m in raw:
        key = (m["layer"], m["start"], m["end"])
        old = merged.get(key)
        if old is None:
            merged[key] = dict(m, titles=[m["title"]], badges=[m["badge"]] if m["badge"] else [])
            continue
        if m["title"] not in old["titles"]:
            old["titles"].append(m["title"])
        if m["badge"] and m["badge"] not in old["badges"]:
            old["badges"].append(m["badge"])
        if m["css"] != old["css"]:
            old["css"] = "mixed"
    rank = {name: i for i, name in enumerate(LAYERS)}
    rows = sorted(merged.values(), key=lambda m: (m["start"], rank[m["layer"]], -m["end"]))
    frame = pd.DataFrame([{**m, "title": "\n".join(m["titles"]), "badge": " | ".join(m["badges"])}
                          for m in rows])
    return frame.drop(columns=["titles", "badges"]).reset_index(drop=True)


def _figure_title(r: Mapping[str, Any]) -> str:
    value = number_text(r.get("value"))
    if number_text(r.get("value_high")):
        value += f" to {number_text(r.get('value_high'))}"
    parts = [f"figure '{text_of(r.get('surface'))}': {value} {text_of(r.get('unit'))}".rstrip(),
             f"qualifier: {text_of(r.get('qualifier'))}" if text_of(r.get("qualifier")) else "",
             f"kind: {text_of(r.get('kind'))}" if text_of(r.get("kind")) else "",
             f"of {number_text(r.get('of_value'))}" if number_text(r.get("of_value")) else "",
             f"subject: {text_of(r.get('subject'))}" if text_of(r.get("subject")) else ""]
    return " | ".join(p for p in parts if p)


def _date_title(r: Mapping[str, Any]) -> str:
    first, last = day_text(r.get("date")), day_text(r.get("date_end"))
    when = first + (f" to {last}" if last and last != first else "")
    parts = [f"date '{text_of(r.get('surface'))}': {when or 'unresolved'}",
             f"precision: {text_of(r.get('precision'))}" if text_of(r.get("precision")) else "",
             "resolved against the publication date" if r.get("relative") is True else ""]
    return " | ".join(p for p in parts if p)


def _claim_title(r: Mapping[str, Any]) -> str:
    speaker = text_of(r.get("speaker")) or "(unattributed)"
    kind = text_of(r.get("speaker_type"))
    head = f"{text_of(r.get('claim_id'))} {text_of(r.get('label'))}".strip()
    parts = [head, f"{text_of(r.get('stance')) or 'no stance'} -- by {speaker}" + (f" ({kind})" if kind else "")]
    for col, name in (("stance_cue", "stance cue"), ("cue", "reporting cue"), ("voice", "voice"),
                      ("outlet_stance", "outlet's stance"), ("speaker_stance", "speaker's stance"),
                      ("evidence", "matched")):
        if text_of(r.get(col)):
            parts.append(f"{name}: {text_of(r.get(col))}")
    return " | ".join(parts)


def _cluster_title(r: Mapping[str, Any]) -> str:
    parts = [f"cluster {text_of(r.get('cluster_id'))}",
             f"{number_text(r.get('n_articles'))} articles" if number_text(r.get("n_articles")) else "",
             f"like: {text_of(r.get('representative'))}" if text_of(r.get("representative")) else ""]
    return " | ".join(p for p in parts if p)


def _reuse_detail(r: Mapping[str, Any]) -> str:
    parts = [f"{number_text(r.get('n_words'))} words" if number_text(r.get("n_words")) else "",
             f"similarity {float(r['score']):.2f}" if number_text(r.get("score")) else "",
             "mostly quotation" if r.get("quoted") is True else ""]
    return "".join(f" | {p}" for p in parts if p)


def _records(frame: pd.DataFrame | None, article_id: str) -> list[dict[str, Any]]:
    if frame is None or frame.empty or "article_id" not in frame.columns:
        return []
    return frame[frame["article_id"].astype(str) == article_id].to_dict("records")


def _reuse_rows(frame: pd.DataFrame | None, article_id: str):
    if frame is None or frame.empty or "article_a" not in frame.columns:
        return
    # select this article's passages first: the corpus's reuse table can be large
    mine = frame[(frame["article_a"].astype(str) == article_id) | (frame["article_b"].astype(str) == article_id)]
    for r in mine.to_dict("records"):
        if str(r["article_a"]) == article_id:
            yield str(r["article_b"]), r.get("start_a"), r.get("end_a"), r
        if str(r["article_b"]) == article_id:
            yield str(r["article_a"]), r.get("start_b"), r.get("end_b"), r

