"""Where sources contradict each other: stances, figures and dates.

:func:`find_contradictions` pairs up what different articles say about the
same claim (a claim of the codebook, as tagged by :func:`analysis.tag_claims`)
and reports three kinds of conflict:

**stance** — *speakers* are compared on their net stance over the corpus
(asserts > hedged > denies, as in :func:`analysis.source_claim_matrix`):
one asserts the claim while another denies it (severity ``conflict``), or
one only hedges it (``tension``).  Outlets take part only in their own
voice: an outlet that reports a denial is not the denier, so no outlet
conflicts with itself and reporting both sides is no conflict.  Each
(supporting speaker, denying speaker) pair gives one row, evidenced by a
sentence of each from two different articles (the same article too with
``include_same_article=True``).  Opposing a policy is no denial (see
:mod:`analysis.claims.stance`), so it sets up no conflict.

**figure** — two figures with the same unit in sentences tagged with the
same claim whose values cannot both hold.  Each figure becomes a literal and
a pragmatic interval (:mod:`analysis.compare.figure_bounds`): disjoint literal
intervals are a ``conflict`` ("about 900 km" vs "365 km"); literally
compatible figures whose pragmatic readings do not meet are a ``tension``
("more than 1,000 containers" vs "thousands of containers" — often an
update over time, worth a look), reported only when the two readings are
within a factor ``max_ratio`` (10) of each other, because figures further
apart under one claim usually count different things ("at least one missile
on Saturday" vs "roughly 50 missiles since December").  Figures of elapsed
time or calendar position ("15 years", "in 2006") and ``part_of`` subsets
are not compared.

**date** — two dated mentions in sentences tagged with the same claim whose
resolved windows (day, month, year, ...) do not overlap, such as a UN veto
"in March" vs "In April".  A sentence often carries background dates
("sanctions imposed in 2006"), so a pair is compared only when both dates
are fine-grained (day, week, month, season, quarter) or both are years, and
only when the words around the two dates share an event word — the
lower-case content word (stemmed: "veto"/"vetoed") nearest to each side of
each date, inside its sentence.  Pairs of fine dates are a ``conflict``;
pairs of years, more often background than the event, a ``tension``.

Same-article pairs are left out unless ``include_same_article=True``.
"""

from __future__ import annotations

import pandas as pd

from analysis.compare.agreement import checked_claims
from analysis.lexicon.calendar import CALENDAR_WORDS
from analysis.lexicon.units import TIME_UNITS
from analysis.errors import ParameterError
from analysis.compare.figure_bounds import disjoint, figure_bounds, fmt_interval
from analysis.checks import require_columns
from analysis.text.sentences import SentenceIndex
from analysis.text.shingles import STOPWORDS, TOKEN, normalise

CONTRADICTION_COLUMNS = ["type", "severity", "claim_id", "topic", "article_a", "article_b", "detail_a", "detail_b",
                         "explanation", "start_a", "end_a", "start_b", "end_b", "speaker_a", "speaker_b"]

_FINE = {"day": "fine", "date": "fine", "datetime": "fine", "time": "fine", "hour": "fine", "week": "fine",
         "month": "fine", "season": "fine", "quarter": "fine", "year": "year"}
_EVENT_WORDS = 1  # content words taken on each side of a date
_SCAN_WORDS = 10  # how far to look for them


def _label(claims: pd.DataFrame) -> dict[str, str]:
    for col in ("claim_label", "label"):
        if col in claims.columns:
            return dict(zip(claims["claim_id"].astype(str), claims[col].astype(str)))
    return {}


def _who(row) -> str:
    speaker = row.get("speaker") if isinstance(row, pd.Series) else getattr(row, "speaker", None)
    return f" ({speaker})" if isinstance(speaker, str) and speaker.strip() else ""


def _stance_conflicts(claims: pd.DataFrame, include_same: bool) -> list[tuple]:
    """Speakers who support a claim against speakers who deny it.

    With a ``speaker`` column the parties compared are the speakers (an
    outlet only in its own voice), each with its net stance over the corpus
    (asserts > hedged > denies); an outlet that reports both sides is not in
    conflict with itself or with anyone. Without one, articles are compared.
    Each (supporter, denier) pair gives one row, evidenced by the first
    sentence of each, from different articles unless ``include_same``.
    """
    rows = []
    labels = _label(claims)
    who = claims["speaker"].fillna("").astype(str) if "speaker" in claims.columns else claims["article_id"]
    who = who.where(who.str.strip() != "", claims["article_id"])
    rank = claims["stance"].map({"asserts": 3, "hedged": 2, "denies": 1})
    claims = claims.assign(_who=who, _rank=rank).sort_values("_rank", ascending=False, kind="stable")
    for claim_id, g in claims.groupby("claim_id", sort=True):
        if not (g["stance"] == "denies").any():
            continue
        net = g.drop_duplicates("_who").set_index("_who")["stance"]
        supporters = [w for w, st in net.items() if st != "denies"]
        deniers = [w for w, st in net.items() if st == "denies"]
        for sw in supporters:
            s_rows = g[(g["_who"] == sw) & (g["stance"] != "denies")]
            for dw in deniers:
                d_rows = g[(g["_who"] == dw) & (g["stance"] == "denies")]
                pair = next(((s, d) for s in s_rows.itertuples(index=False) for d in d_rows.itertuples(index=False)
                             if include_same or s.article_id != d.article_id), None)
                if pair is None:
                    continue
                s, d = pair
                severity = "conflict" if net[sw] == "asserts" else "tension"
                rows.append(("stance", severity, claim_id, labels.get(claim_id, claim_id), s.article_id, d.article_id,
                             f"{s.stance} ({sw}): {getattr(s, 'sentence', '')}",
                             f"denies ({dw}): {getattr(d, 'sentence', '')}",
                             f"{sw} {'asserts' if net[sw] == 'asserts' else 'hedges'} {claim_id} "
                             f"({s.article_id}); {dw} denies it ({d.article_id})",
                             getattr(s, "start", None), getattr(s, "end", None),
                             getattr(d, "start", None), getattr(d, "end", None), sw, dw))
    return rows


def _attach_claims(mentions: pd.DataFrame, claims: pd.DataFrame, func: str) -> pd.DataFrame:
    """Give every mention the claim ids of the sentence it sits in."""
    require_columns(mentions, ("article_id", "start", "end"), func)
    mentions = mentions.assign(article_id=mentions["article_id"].astype(str)).reset_index(drop=True)
    mentions["mention_no"] = range(len(mentions))
    tags = claims[["article_id", "claim_id"] + [c for c in ("sentence_id", "start", "end") if c in claims]]
    if "sentence_id" in mentions.columns and "sentence_id" in tags.columns:
        return mentions.merge(tags[["article_id", "sentence_id", "claim_id"]].drop_duplicates(),
                              on=["article_id", "sentence_id"])
    if not {"start", "end"} <= set(tags.columns):
        raise ParameterError(f"{func}: claims need sentence_id or start/end to locate figures and dates")
    # fall back to offsets: the mention starts inside the tagged span
    joined = mentions.merge(tags.rename(columns={"start": "_cs", "end": "_ce"}), on="article_id")
    inside = (joined["start"] >= joined["_cs"]) & (joined["start"] < joined["_ce"])
    return joined[inside].drop(columns=["_cs", "_ce"]).drop_duplicates(["mention_no", "claim_id"])


def _pairs(tagged: pd.DataFrame, key: list[str], include_same: bool):
    """Cross-article pairs of mentions sharing ``key``; each mention pair once (lowest claim id)."""
    seen: set[tuple[int, int]] = set()
    tagged = tagged.sort_values(["claim_id", "article_id", "start"], kind="stable")
    for _, g in tagged.groupby(key, sort=True):
        items = list(g.itertuples(index=False))
        for i, x in enumerate(items):
            for y in items[i + 1:]:
                if x.article_id == y.article_id and not include_same:
                    continue
                pair = (min(x.mention_no, y.mention_no), max(x.mention_no, y.mention_no))
                if x.mention_no == y.mention_no or pair in seen:
                    continue
                seen.add(pair)
                yield x, y


def _figure_conflicts(claims, quantities, include_same, approx_tolerance, max_ratio) -> list[tuple]:
    require_columns(quantities, ("article_id", "start", "end", "surface", "value", "unit", "qualifier"), "find_contradictions")
    q = quantities.copy()
    q["unit"] = q["unit"].astype("string").str.strip().str.lower()
    q = q[q["unit"].notna() & (q["unit"] != "") & ~q["unit"].isin(TIME_UNITS)]
    if "kind" in q.columns:
        q = q[~q["kind"].astype(str).str.lower().isin({"date", "time", "duration", "year"})]
    # compare like with like: same unit and same measured thing (analysis.compare.figure_groups)
    q["measure"] = q["measure"].fillna("").astype(str) if "measure" in q.columns else q["unit"]
    q["measure"] = q["measure"].where(q["measure"] != "", q["unit"])
    tagged = _attach_claims(q, claims, "find_contradictions(quantities=...)")
    rows = []
    reported: set[tuple] = set()
    for x, y in _pairs(tagged, ["claim_id", "measure"], include_same):
        bx = figure_bounds(x.value, getattr(x, "value_high", None), x.qualifier, x.surface, approx_tolerance)
        by = figure_bounds(y.value, getattr(y, "value_high", None), y.qualifier, y.surface, approx_tolerance)
        if bx is None or by is None:
            continue
        (lx, px), (ly, py) = bx, by
        if disjoint(lx, ly):
            severity = "conflict"
            why = (f"'{x.surface}' allows {fmt_interval(lx)}, '{y.surface}' allows {fmt_interval(ly)}: "
                   f"they cannot both hold")
        elif disjoint(px, py) and _ratio(px, py) <= max_ratio:
            severity = "tension"
            why = (f"literally compatible, but '{x.surface}' suggests {fmt_interval(px)} and '{y.surface}' "
                   f"suggests {fmt_interval(py)}: a discrepancy, or an update over time")
        else:
            continue
        key = (x.unit, x.article_id, y.article_id, str(x.surface).lower(), str(y.surface).lower(), severity)
        if key in reported:
            continue  # the same two wordings again (a repeated lede): one row is enough
        reported.add(key)
        rows.append(("figure", severity, x.claim_id, x.unit, x.article_id, y.article_id,
                     f"{x.surface} ({x.qualifier}): {getattr(x, 'sentence', '')}",
                     f"{y.surface} ({y.qualifier}): {getattr(y, 'sentence', '')}", why,
                     x.start, x.end, y.start, y.end, "", ""))
    return rows


def _ratio(x: tuple[float, float], y: tuple[float, float]) -> float:
    mx, my = (x[0] + x[1]) / 2, (y[0] + y[1]) / 2
    if mx <= 0 or my <= 0:
        return float("inf")
    return max(mx, my) / min(mx, my)


def _window(row) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    start = pd.to_datetime(row.date, errors="coerce")
    if pd.isna(start):
        return None
    end = pd.to_datetime(getattr(row, "date_end", None), errors="coerce")
    if pd.isna(end):
        precision = str(getattr(row, "precision", "day")).lower()
        period = {"week": "W", "month": "M", "season": "Q", "quarter": "Q", "year": "Y", "decade": "Y"}.get(precision)
        end = start if period is None else start.to_period(period).end_time.normalize()
    return (start, end) if end >= start else (end, start)


def _event_words(text: str, start: int, end: int, bounds: tuple[int, int] | None = None) -> set[str]:
    """The nearest lower-case content words (normalised) on each side of
    ``text[start:end]``, not crossing ``bounds`` (its sentence)."""
    lo, hi = bounds if bounds else (0, len(text))
    before = [m.group() for m in TOKEN.finditer(text, max(lo, start - 160), start)][::-1]
    after = [m.group() for m in TOKEN.finditer(text, end, min(hi, end + 160))]
    words = set()
    for side in (before, after):
        found = 0
        for w in side[:_SCAN_WORDS]:
            if not w[:1].islower() or w.casefold() in STOPWORDS or w.casefold() in CALENDAR_WORDS:
                continue  # names, function words and calendar words name no event
            words.add(normalise(w))
            found += 1
            if found == _EVENT_WORDS:
                break
    return words


def _date_conflicts(claims, dates, articles, include_same) -> list[tuple]:
    require_columns(dates, ("article_id", "start", "end", "surface", "date"), "find_contradictions")
    tagged = _attach_claims(dates, claims, "find_contradictions(dates=...)")
    bodies = {}
    if articles is not None:
        require_columns(articles, ("article_id", "body"), "find_contradictions")
        bodies = dict(zip(articles["article_id"].astype(str), articles["body"].fillna("").astype(str)))
    sentence_of = {}
    if "sentence" in claims.columns and "sentence_id" in claims.columns:
        sentence_of = {(a, s): t for a, s, t in zip(claims["article_id"], claims["sentence_id"], claims["sentence"])}
    rows = []
    indexes: dict[str, SentenceIndex] = {}

    def context(m) -> tuple[set[str], str]:
        body = bodies.get(m.article_id)
        if body is not None:
            index = indexes.get(m.article_id)
            if index is None:
                index = indexes[m.article_id] = SentenceIndex(body)
            bounds = index.spans[index.locate(int(m.start))] if index.spans else None
            return _event_words(body, int(m.start), int(m.end), bounds), body
        text = sentence_of.get((m.article_id, getattr(m, "sentence_id", None)), "")
        pos = text.find(m.surface)
        return (_event_words(text, pos, pos + len(m.surface)) if pos >= 0 else set()), text

    for x, y in _pairs(tagged, ["claim_id"], include_same):
        gx, gy = _grain(getattr(x, "precision", "day")), _grain(getattr(y, "precision", "day"))
        if gx != gy or gx == "other":
            continue
        wx, wy = _window(x), _window(y)
        if wx is None or wy is None or not (wx[1] < wy[0] or wy[1] < wx[0]):
            continue
        (cx, _), (cy, _) = context(x), context(y)
        shared = cx & cy
        if not shared:
            continue
        rel = [m.article_id for m in (x, y) if bool(getattr(m, "relative", False)) is True]
        note = f" ({', '.join(rel)} resolved against the publication date)" if rel else ""
        why = (f"'{x.surface}' = {_fmt_window(wx)} vs '{y.surface}' = {_fmt_window(wy)}: the windows do not overlap; "
               f"shared event words: {', '.join(sorted(shared))}{note}")
        # years are often background ("last visited in 2000" vs "visited last year"): a tension to check
        severity = "conflict" if gx == "fine" else "tension"
        rows.append(("date", severity, x.claim_id, f"date of: {', '.join(sorted(shared))}", x.article_id,
                     y.article_id, f"{x.surface}: {sentence_of.get((x.article_id, getattr(x, 'sentence_id', None)), '')}",
                     f"{y.surface}: {sentence_of.get((y.article_id, getattr(y, 'sentence_id', None)), '')}",
                     why, x.start, x.end, y.start, y.end, "", ""))
    return rows


def _grain(precision) -> str:
    """'fine' (day .. quarter, also 'part_of_month' and the like), 'year', or 'other'."""
    p = str(precision).lower()
    if p in _FINE:
        return _FINE[p]
    if any(k in p for k in ("day", "week", "month", "season", "quarter", "time")):
        return "fine"
    return "year" if "year" in p and "decade" not in p else "other"


def _fmt_window(w) -> str:
    a, b = w[0].date(), w[1].date()
    return str(a) if a == b else f"{a}..{b}"


def find_contradictions(claims: pd.DataFrame, quantities: pd.DataFrame | None = None,
                        dates: pd.DataFrame | None = None, articles: pd.DataFrame | None = None, *,
                        include_same_article: bool = False, approx_tolerance: float = 0.1,
                        max_ratio: float = 10.0) -> pd.DataFrame:
    """Stance, figure and date conflicts between articles on the same claim.

    Parameters
    ----------
    claims : pandas.DataFrame
        Output of :func:`analysis.tag_claims` (article_id, sentence_id,
        claim_id, stance, speaker, start, end, sentence).
    quantities : pandas.DataFrame, optional
        Output of :func:`analysis.extract_quantities`; figure conflicts are
        looked for when given.
    dates : pandas.DataFrame, optional
        Output of :func:`analysis.extract_dates`; date conflicts are looked
        for when given.
    articles : pandas.DataFrame, optional
        The articles; their bodies give the words around each date.
    include_same_article : bool, default False
        Also pair mentions inside one article (different speakers only, for
        stances).
    approx_tolerance : float, default 0.1
        Pragmatic half-width of an approximate figure ("about 50" = 45-55).
    max_ratio : float, default 10
        Figure tensions further apart than this factor are not reported.

    Returns
    -------
    pandas.DataFrame
        One row per conflict: ``type`` (stance, figure, date), ``severity``
        (conflict: cannot both be true; tension: can, but read differently),
        ``claim_id``, ``topic`` (claim label, unit, or the event words),
        ``article_a``, ``article_b``, ``detail_a``, ``detail_b`` (what each
        says, with its sentence), ``explanation``, the character offsets
        ``start_a``, ``end_a``, ``start_b``, ``end_b`` of the two mentions
        (for stance rows: the words stating the claim), and ``speaker_a``,
        ``speaker_b`` (the two speakers of a stance row; "" otherwise).

    Examples
    --------
    >>> import pandas as pd
    >>> c = pd.DataFrame({"article_id": ["a", "b"], "sentence_id": [0, 0], "claim_id": ["C03", "C03"],
    ...                   "stance": ["asserts", "asserts"], "speaker": ["", ""], "start": [0, 0],
    ...                   "end": [9, 9], "sentence": ["", ""]})
    >>> q = pd.DataFrame({"article_id": ["a", "b"], "sentence_id": [0, 0], "start": [0, 0], "end": [9, 9],
    ...                   "surface": ["about 900 km", "365 km"], "value": [900.0, 365.0],
    ...                   "value_high": [None, None], "unit": ["km", "km"], "qualifier": ["approx", "exact"]})
    >>> find_contradictions(c, quantities=q)[["type", "severity", "article_a", "article_b"]].values.tolist()
    [['figure', 'conflict', 'a', 'b']]
    """
    if not 0 <= float(approx_tolerance) < 1:
        raise ParameterError(f"find_contradictions(): approx_tolerance must be in [0, 1), got {approx_tolerance!r}")
    if not float(max_ratio) >= 1:
        raise ParameterError(f"find_contradictions(): max_ratio must be >= 1, got {max_ratio!r}")
    claims = checked_claims(claims, "find_contradictions")
    rows = _stance_conflicts(claims, include_same_article)
    if quantities is not None and len(quantities) and len(claims):
        rows += _figure_conflicts(claims, quantities, include_same_article, float(approx_tolerance), float(max_ratio))
    if dates is not None and len(dates) and len(claims):
        rows += _date_conflicts(claims, dates, articles, include_same_article)
    frame = pd.DataFrame(rows, columns=CONTRADICTION_COLUMNS)
    for col in ("start_a", "end_a", "start_b", "end_b"):
        frame[col] = pd.to_numeric(frame[col], errors="coerce").astype("Int64")
    order = {"conflict": 0, "tension": 1}
    frame = frame.sort_values(["type", "claim_id", "severity", "article_a", "article_b"],
                              key=lambda s: s.map(order) if s.name == "severity" else s, kind="stable")
    return frame.reset_index(drop=True)
