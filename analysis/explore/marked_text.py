"""An article body as HTML with marks nested in it, a legend, and the view's CSS.

Overlapping marks: the body is cut at every mark boundary; each piece is
wrapped in the marks covering it, outermost layer first
(:data:`analysis.explore.article_marks.LAYERS`), and elements shared by consecutive
pieces stay open, so the HTML is always well nested and a mark is split only
where another mark crosses it.  Every element carries ``data-m`` (the mark's
row), so the text of a mark's elements, joined, is exactly
``body[start:end]``.  All text and tooltips are HTML-escaped.
"""

from __future__ import annotations

import html
from typing import Iterable, Sequence

import pandas as pd

from analysis.explore.article_marks import LAYER_LABELS, LAYERS
from analysis.explore.display_values import text_of
from analysis.report.palette import OKABE_ITO

VIEW_CSS = f"""
.osint-av {{ font-family: Georgia, 'Times New Roman', serif; line-height: 1.9; max-width: 52em; color: #111; }}
.osint-av .av-head {{ font-family: sans-serif; margin-bottom: .4em; }}
.osint-av .av-head h4 {{ margin: 0 0 .2em 0; font-size: 1.1em; }}
.osint-av .av-meta {{ color: #444; font-size: .85em; }}
.osint-av .av-body {{ white-space: pre-wrap; word-wrap: break-word; border-top: 1px solid #ccc; padding-top: .5em; }}
.osint-av .av-gap {{ color: #777; font-family: sans-serif; }}
.osint-av .av-legend {{ font-family: sans-serif; font-size: .8em; line-height: 2.2; margin: .3em 0;
  padding: .2em .5em; background: #f7f7f7; border: 1px solid #e0e0e0; }}
.osint-av .av-legend > span.av-key {{ margin-right: 1.2em; white-space: nowrap; }}
.osint-av .av-note {{ font-family: sans-serif; font-size: .8em; color: #8a4b00; }}
.osint-av .av-badge {{ font-family: sans-serif; font-size: .68em; vertical-align: super; color: #333;
  background: #eee; border-radius: 3px; padding: 0 .25em; margin: 0 .15em; user-select: none; white-space: nowrap; }}
.osint-av .av-focus {{ outline: 2px solid {OKABE_ITO["black"]}; outline-offset: 1px; }}
.osint-av .av-shared {{ background: #ece6f2; border-top: 2px dotted {OKABE_ITO["reddish_purple"]}; }}
.osint-av .av-claim, .osint-av .av-cluster {{ border-bottom: 2px solid #999; padding-bottom: 1px; }}
.osint-av .av-claim.av-asserts {{ background: #dcebf5; border-bottom: 2px solid {OKABE_ITO["blue"]}; }}
.osint-av .av-claim.av-hedged {{ background: #fbeccb; border-bottom: 2px dashed {OKABE_ITO["orange"]}; }}
.osint-av .av-claim.av-denies {{ background: #f8dccb; border-bottom: 3px double {OKABE_ITO["vermillion"]}; }}
.osint-av .av-claim.av-mixed {{ background: #eeeeee; border-bottom: 2px dotted #333; }}
.osint-av .av-cluster {{ background: #e9f4ee; border-bottom: 2px solid {OKABE_ITO["bluish_green"]}; }}
.osint-av .av-quote {{ font-style: italic; color: #3b3b3b; }}
.osint-av .av-speaker {{ font-variant: small-caps; font-weight: bold; }}
.osint-av .av-cue {{ font-weight: bold; text-decoration: underline wavy {OKABE_ITO["blue"]}; }}
.osint-av .av-date {{ border: 1.5px dashed {OKABE_ITO["bluish_green"]}; border-radius: 3px; padding: 0 1px; }}
.osint-av .av-figure {{ border: 1.5px solid {OKABE_ITO["blue"]}; border-radius: 3px; padding: 0 1px;
  font-weight: bold; background: #fff; }}
"""


def render_marked_text(body: str, marks: pd.DataFrame, *, windows: Sequence[tuple[int, int]] | None = None,
                       badges: bool = True) -> str:
    """Escape ``body`` and wrap each mark's text in ``<span data-m=i>`` elements.

    Parameters
    ----------
    body : str
        The article body.
    marks : pandas.DataFrame
        ``layer``, ``start``, ``end`` and optionally ``css``, ``title``,
        ``badge`` (as from :func:`article_marks`); row ``i`` becomes the
        elements with ``data-m="i"``.
    windows : sequence of (start, end), optional
        Show only these parts of the body (joined by a ``[...]`` gap);
        marks are cut to them.
    badges : bool, default True
        Emit each mark's ``badge`` (class ``av-badge``) after its end.

    Returns
    -------
    str
        HTML: the escaped body with nested, well-formed ``<span>`` elements.
        Joining the text of the elements with ``data-m="i"`` (leaving out
        ``av-badge`` labels) gives ``body[start:end]`` of mark ``i`` (cut
        to the windows).
    """
    if windows is None:
        windows = [(0, len(body))]
    rank = {name: i for i, name in enumerate(LAYERS)}
    spans = []
    for i, row in enumerate(marks.itertuples(index=False)):
        spans.append((int(row.start), int(row.end), i, rank.get(row.layer, len(LAYERS)), row))
    out: list[str] = []
    for w, (lo, hi) in enumerate(windows):
        if w or lo > 0:
            out.append('<span class="av-gap">[&#8230;]\n</span>' if w else '<span class="av-gap">[&#8230;] </span>')
        inside = [(max(s, lo), min(e, hi), i, k, row) for s, e, i, k, row in spans if s < hi and e > lo]
        out.append(_render_window(body, lo, hi, inside, badges))
    if windows and windows[-1][1] < len(body):
        out.append('<span class="av-gap"> [&#8230;]</span>')
    return "".join(out)


def _render_window(body: str, lo: int, hi: int, spans: list, badges: bool) -> str:
    cuts = sorted({lo, hi, *(s for s, *_ in spans), *(e for _, e, *_ in spans)})
    starts: dict[int, list] = {}
    ends: dict[int, list] = {}
    for span in spans:
        starts.setdefault(span[0], []).append(span)
        ends.setdefault(span[1], []).append(span)
    active: dict[int, tuple] = {}
    stack: list[int] = []
    out: list[str] = []
    for a, b in zip(cuts, cuts[1:]):
        ended = ends.get(a, [])
        for span in ended:
            active.pop(span[2], None)
        for span in starts.get(a, []):
            active[span[2]] = span
        # outer layer first, then longer spans outside shorter ones; the key
        # of a mark never changes, so marks that stay active stay in order
        path = [span[2] for span in sorted(active.values(), key=lambda t: (t[3], t[0], -t[1], t[2]))]
        keep = 0
        while keep < min(len(stack), len(path)) and stack[keep] == path[keep]:
            keep += 1
        out.append("</span>" * (len(stack) - keep))
        del stack[keep:]
        if badges:
            out.extend(_badge(span[4]) for span in ended if text_of(getattr(span[4], "badge", "")))
        for i in path[keep:]:
            out.append(_open(i, active[i][4]))
            stack.append(i)
        out.append(html.escape(body[a:b]))
    out.append("</span>" * len(stack))
    if badges:
        out.extend(_badge(span[4]) for span in ends.get(hi, []) if text_of(getattr(span[4], "badge", "")))
    return "".join(out)


def _open(i: int, row) -> str:
    css = text_of(getattr(row, "css", ""))
    classes = f"av-m av-{html.escape(str(row.layer))}" + (f" av-{html.escape(css)}" if css else "")
    title = text_of(getattr(row, "title", ""))
    return f'<span class="{classes}" data-m="{i}" title="{html.escape(title)}">'


def _badge(row) -> str:
    return f'<span class="av-badge" aria-hidden="true">{html.escape(text_of(row.badge))}</span>'


def legend_html(marks: pd.DataFrame | None = None) -> str:
    """The legend: a sample of each layer present (all layers when ``marks`` is None), with counts."""
    present = marks["layer"].value_counts().to_dict() if marks is not None and len(marks) else {}
    keys = []
    for layer in LAYERS:
        if marks is not None and layer not in present:
            continue
        if layer == "claim":
            # the three stances always (a reader learns them once), the rest when present
            stances = {"asserts", "hedged", "denies"}
            if marks is not None:
                stances |= set(marks.loc[marks["layer"] == "claim", "css"])
            for stance in ("asserts", "hedged", "denies", "mixed", "none"):
                if stance in stances:
                    keys.append(f'<span class="av-key"><span class="av-m av-claim av-{stance}">claim: '
                                f'{"several stances" if stance == "mixed" else stance}</span></span>')
            continue
        count = f" ({present[layer]})" if layer in present else ""
        keys.append(f'<span class="av-key"><span class="av-m av-{layer}">{layer}</span> '
                    f"{html.escape(LAYER_LABELS[layer])}{count}</span>")
    if not keys:
        return '<div class="av-legend">nothing extracted from this article</div>'
    # spaces between the keys: the only places a line of the legend may break
    return ('<div class="av-legend"><b>Legend</b> (hover a mark for details): ' + " ".join(keys) + "</div>")


def paragraph_windows(body: str, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The paragraphs holding ``spans``, merged, in order.

    A paragraph is a line of the body: corpora separate paragraphs by a
    blank line or by a single line break, and a line is a paragraph in both.
    """
    windows = []
    for s, e in sorted(spans):
        s, e = max(0, s), min(len(body), e)
        lo = body.rfind("\n", 0, s)
        lo = 0 if lo < 0 else lo + 1
        hi = body.find("\n", e)
        hi = len(body) if hi < 0 else hi
        if windows and not body[windows[-1][1]:lo].strip():  # adjacent paragraphs: one window
            windows[-1] = (windows[-1][0], max(hi, windows[-1][1]))
        else:
            windows.append((lo, hi))
    return windows or [(0, len(body))]

