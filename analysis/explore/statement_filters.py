"""Statements and figures as tables to filter: the plain functions behind the claims explorer.

* :func:`statement_table` -- one row per statement (a claim, or a
  codebook-free claim cluster, in one sentence) with its stance, speaker,
  outlet, publication date and independent origin;
* :func:`filter_statements` -- by claim, stance, speaker, outlet and date range;
* :func:`facet_counts` -- each filter's choices given the other filters;
* :func:`origin_summary` -- the matching statements grouped by independent
  origin (five outlets running one wire story are one origin);
* :func:`measured_things` and :func:`figures_for` -- the units figures are
  given in, and one unit's figures across sources with their sentences.

Everything takes and returns DataFrames, is tested without a browser, and
works from a script as well as under :class:`analysis.explore.explorer.ClaimsExplorer`.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping

import pandas as pd

from analysis.errors import ParameterError

STANCES = ("asserts", "hedged", "denies")
ANY = "(any)"

#: Columns of :func:`statement_table`, in order (voice-type columns of the
#: claims table, when present, follow ``stance``).
STATEMENT_COLUMNS = ["origin_id", "origin_label", "claim_id", "label", "stance", "speaker", "speaker_type",
                     "outlet", "published", "article_id", "sentence_id", "start", "end", "sentence"]
_EXTRA_CLAIM_COLUMNS = ("voice", "speaker_stance", "outlet_stance", "stance_cue", "cue")
FIGURE_COLUMNS = ["origin_id", "origin_label", "outlet", "published", "surface", "value", "value_high", "unit",
                  "qualifier", "subject", "sentence", "article_id", "start", "end"]


def statement_table(claims: pd.DataFrame, articles: pd.DataFrame,
                    origins: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per statement, with everything the explorer filters on.

    Parameters
    ----------
    claims : pandas.DataFrame
        :func:`analysis.tag_claims` output (``claim_id``, ``stance``,
        ``speaker``, ...) or :func:`analysis.cluster_claims` output
        (``cluster_id``; its representative sentence becomes the ``label``
        and the stance is left empty).
    articles : pandas.DataFrame
        ``article_id`` and, when present, ``outlet`` and ``published`` (the
        body is not needed).
    origins : pandas.DataFrame, optional
        :func:`analysis.origins` output.  Without it every article is its own
        origin (``origin_id`` = the article id).

    Returns
    -------
    pandas.DataFrame
        :data:`STATEMENT_COLUMNS` (plus ``voice`` and similar columns when the
        claims table has them), sorted by origin, then publication date,
        article and position; ``attrs["kind"]`` is ``"claims"`` or
        ``"clusters"``.

    Raises
    ------
    ParameterError
        The claims table has neither ``claim_id`` nor ``cluster_id``.

    Examples
    --------
    >>> claims = pd.DataFrame({"article_id": ["a", "b"], "claim_id": ["C1", "C1"],
    ...                        "stance": ["asserts", "denies"], "speaker": ["X", "Y"],
    ...                        "start": [0, 0], "end": [5, 5], "sentence": ["It is.", "No."]})
    >>> arts = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["Post", "Times"]})
    >>> statement_table(claims, arts)[["origin_id", "outlet", "stance"]].values.tolist()
    [['a', 'Post', 'asserts'], ['b', 'Times', 'denies']]
    """
    if "claim_id" in claims.columns:
        kind = "claims"
        frame = claims.copy()
    elif "cluster_id" in claims.columns:
        kind = "clusters"
        frame = claims.rename(columns={"cluster_id": "claim_id"})
        frame["label"] = frame["representative"] if "representative" in frame else ""
        frame["stance"] = ""
    else:
        raise ParameterError("the claims table needs a claim_id (tag_claims) or cluster_id (cluster_claims) "
                             f"column; it has {', '.join(map(str, claims.columns))}")
    frame["article_id"] = frame["article_id"].astype(str)
    for col in ("label", "stance", "speaker", "speaker_type", "sentence"):
        frame[col] = frame[col].fillna("").astype(str) if col in frame else ""
    for col in ("sentence_id", "start", "end"):
        if col not in frame:
            frame[col] = -1
    # A statement is its sentence: tag_claims' own start/end span only the
    # claim's words, its sentence_start/sentence_end the sentence read in
    # context.  Headline rows index the headline, so they point at no body text.
    if {"sentence_start", "sentence_end"} <= set(frame.columns):
        known = frame["sentence_start"].fillna(-1).astype(int) >= 0
        frame.loc[known, "start"] = frame.loc[known, "sentence_start"]
        frame.loc[known, "end"] = frame.loc[known, "sentence_end"]
    if "section" in frame.columns:
        headline = frame["section"].astype(str) == "headline"
        frame.loc[headline, ["start", "end"]] = -1
    meta = pd.DataFrame({"article_id": articles["article_id"].astype(str).to_numpy()})
    meta["outlet"] = articles["outlet"].fillna("").astype(str).to_numpy() if "outlet" in articles else ""
    meta["published"] = (pd.to_datetime(articles["published"], errors="coerce").to_numpy()
                         if "published" in articles else pd.NaT)
    frame = frame.drop(columns=[c for c in ("outlet", "published") if c in frame]).merge(
        meta, on="article_id", how="left")
    frame["outlet"] = frame["outlet"].fillna("")
    frame = _with_origins(frame, origins)
    extra = [c for c in _EXTRA_CLAIM_COLUMNS if c in frame.columns]
    columns = STATEMENT_COLUMNS[:5] + extra + STATEMENT_COLUMNS[5:]
    out = frame[columns].sort_values(["origin_id", "published", "article_id", "start", "claim_id"],
                                     kind="mergesort", na_position="last").reset_index(drop=True)
    out.attrs["kind"] = kind
    return out


def filter_statements(statements: pd.DataFrame, *, claims: Iterable[str] | str | None = None,
                      stances: Iterable[str] | str | None = None, speakers: Iterable[str] | str | None = None,
                      outlets: Iterable[str] | str | None = None, date_from: Any = None,
                      date_to: Any = None) -> pd.DataFrame:
    """The statements matching every filter given.

    Parameters
    ----------
    statements : pandas.DataFrame
        :func:`statement_table` output.
    claims, stances, speakers, outlets : str or iterable of str, optional
        Keep rows whose ``claim_id`` / ``stance`` / ``speaker`` / ``outlet``
        is one of these.  ``None``, an empty list and ``"(any)"`` mean no
        filter.
    date_from, date_to : date-like, optional
        Keep articles published on or after / on or before these days
        (inclusive).  Articles without a publication date are left out when
        either bound is given.

    Returns
    -------
    pandas.DataFrame
        The matching rows, in the input order.

    Raises
    ------
    ParameterError
        An unknown stance, or a date that cannot be read.

    Examples
    --------
    >>> st = pd.DataFrame({"claim_id": ["C1", "C1", "C2"], "stance": ["asserts", "denies", "asserts"],
    ...                    "speaker": ["X", "Y", "X"], "outlet": ["P", "P", "Q"],
    ...                    "published": pd.to_datetime(["2024-01-01", "2024-01-03", None])})
    >>> filter_statements(st, stances="denies").index.tolist()
    [1]
    >>> filter_statements(st, speakers=["X"], date_to="2024-01-02").index.tolist()
    [0]
    """
    keep = pd.Series(True, index=statements.index)
    for column, wanted in (("claim_id", claims), ("stance", stances), ("speaker", speakers), ("outlet", outlets)):
        values = _choice(wanted)
        if values is None:
            continue
        if column == "stance":
            unknown = values - set(STANCES) - {""}
            if unknown:
                raise ParameterError(f"unknown stance(s) {', '.join(sorted(unknown))}; "
                                     f"choose from {', '.join(STANCES)}")
        keep &= statements[column].astype(str).isin(values)
    if date_from is not None or date_to is not None:
        published = pd.to_datetime(statements["published"], errors="coerce").dt.normalize()
        keep &= published.notna()
        if date_from is not None:
            keep &= published >= _day(date_from, "date_from")
        if date_to is not None:
            keep &= published <= _day(date_to, "date_to")
    return statements[keep]


_FILTER_OF = {"claim_id": "claims", "stance": "stances", "speaker": "speakers", "outlet": "outlets"}


def facet_counts(statements: pd.DataFrame, column: str, **filters: Any) -> pd.Series:
    """How many statements each value of ``column`` would keep, given the *other* filters.

    The explorer lists each filter's choices with these counts, so that
    after picking a stance the speaker list holds only speakers who take it.

    Parameters
    ----------
    statements : pandas.DataFrame
        :func:`statement_table` output.
    column : {"claim_id", "stance", "speaker", "outlet"}
        The filter whose choices are counted (its own filter is ignored).
    **filters
        Keyword arguments of :func:`filter_statements`.

    Returns
    -------
    pandas.Series
        value -> number of statements, most frequent first (ties by value);
        empty values left out.

    Examples
    --------
    >>> st = pd.DataFrame({"claim_id": ["C1", "C1", "C2"], "stance": ["asserts", "denies", "denies"],
    ...                    "speaker": ["X", "Y", "Y"], "outlet": ["P", "P", "Q"], "published": pd.NaT})
    >>> facet_counts(st, "speaker", stances="denies", speakers="X").to_dict()
    {'Y': 2}
    """
    if column not in _FILTER_OF:
        raise ParameterError(f"no filter on {column!r}; choose from {', '.join(_FILTER_OF)}")
    filters = {k: v for k, v in filters.items() if k != _FILTER_OF[column]}
    values = filter_statements(statements, **filters)[column].fillna("").astype(str)
    counts = values[values != ""].value_counts()
    order = sorted(counts.index, key=lambda v: (-counts[v], v))
    return counts.reindex(order).rename(column)


def origin_summary(statements: pd.DataFrame) -> pd.DataFrame:
    """Statements grouped by independent origin.

    Returns
    -------
    pandas.DataFrame
        One row per origin: ``origin_id``, ``origin_label``,
        ``n_statements``, ``n_articles``, ``outlets`` and ``speakers``
        (comma-separated, most frequent first) and the count of each stance
        (``asserts``, ``hedged``, ``denies``); origins with most articles
        first.
    """
    columns = ["origin_id", "origin_label", "n_statements", "n_articles", "outlets", "speakers", *STANCES]
    if statements.empty:
        return pd.DataFrame(columns=columns)
    rows = []
    for (origin, label), g in statements.groupby(["origin_id", "origin_label"], sort=False):
        row = {"origin_id": origin, "origin_label": label, "n_statements": len(g),
               "n_articles": g["article_id"].nunique(), "outlets": _ranked(g["outlet"]),
               "speakers": _ranked(g["speaker"])}
        counts = g["stance"].value_counts()
        row.update({s: int(counts.get(s, 0)) for s in STANCES})
        rows.append(row)
    table = pd.DataFrame(rows, columns=columns)
    return table.sort_values(["n_articles", "n_statements", "origin_id"], ascending=[False, False, True],
                             kind="mergesort").reset_index(drop=True)


def measured_things(quantities: pd.DataFrame, articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """The units figures are given in: what is measured or counted, and how widely.

    Returns
    -------
    pandas.DataFrame
        ``unit``, ``kind`` (most common), ``n_figures``, ``n_articles``,
        ``n_outlets`` (when ``articles`` has outlets) and ``subjects`` (the
        three most common subjects as written); units reported by most
        articles first.  Figures without a unit are left out.
    """
    columns = ["unit", "kind", "n_figures", "n_articles", "n_outlets", "subjects"]
    q = quantities[quantities["unit"].fillna("").astype(str) != ""] if "unit" in quantities else quantities.iloc[:0]
    if q.empty:
        return pd.DataFrame(columns=columns)
    q = q.assign(article_id=q["article_id"].astype(str))
    if articles is not None and "outlet" in articles:
        names = dict(zip(articles["article_id"].astype(str), articles["outlet"].fillna("").astype(str)))
        q = q.assign(outlet=q["article_id"].map(names).fillna(""))
    rows = []
    for unit, g in q.groupby(q["unit"].astype(str), sort=False):
        rows.append({"unit": unit,
                     "kind": g["kind"].astype(str).mode().iloc[0] if "kind" in g else "",
                     "n_figures": len(g), "n_articles": g["article_id"].nunique(),
                     "n_outlets": g["outlet"].nunique() if "outlet" in g else g["article_id"].nunique(),
                     "subjects": _ranked(g["subject"], 3) if "subject" in g else ""})
    table = pd.DataFrame(rows, columns=columns)
    return table.sort_values(["n_articles", "n_figures", "unit"], ascending=[False, False, True],
                             kind="mergesort").reset_index(drop=True)


def figures_for(quantities: pd.DataFrame, unit: str, articles: pd.DataFrame | None = None,
                origins: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every figure given in ``unit``, across sources, with its sentence.

    Returns
    -------
    pandas.DataFrame
        :data:`FIGURE_COLUMNS`, sorted by origin, publication date and
        position.
    """
    q = quantities[quantities["unit"].fillna("").astype(str) == str(unit)].copy()
    q["article_id"] = q["article_id"].astype(str)
    for col in ("surface", "qualifier", "subject", "sentence"):
        q[col] = q[col].fillna("").astype(str) if col in q else ""
    for col in ("value", "value_high"):
        if col not in q:
            q[col] = float("nan")
    meta = pd.DataFrame({"article_id": [], "outlet": [], "published": []})
    if articles is not None:
        meta = pd.DataFrame({"article_id": articles["article_id"].astype(str).to_numpy(),
                             "outlet": (articles["outlet"].fillna("").astype(str).to_numpy()
                                        if "outlet" in articles else ""),
                             "published": (pd.to_datetime(articles["published"], errors="coerce").to_numpy()
                                           if "published" in articles else pd.NaT)})
    q = q.drop(columns=[c for c in ("outlet", "published") if c in q]).merge(meta, on="article_id", how="left")
    q["outlet"] = q["outlet"].fillna("")
    q = _with_origins(q, origins)
    return q[FIGURE_COLUMNS].sort_values(["origin_id", "published", "article_id", "start"], kind="mergesort",
                                         na_position="last").reset_index(drop=True)


def statement_label(row: Mapping[str, Any], width: int = 110) -> str:
    """A one-line description of a statement, for a list to pick from."""
    parts = [str(row.get("origin_label") or row.get("origin_id") or ""), str(row.get("outlet") or ""),
             _day_text(row.get("published")), str(row.get("claim_id") or "")]
    if row.get("stance"):
        parts.append(f"{row['stance']} by {row.get('speaker') or '?'}")
    head = " | ".join(p for p in parts if p)
    sentence = " ".join(str(row.get("sentence") or "").split())
    room = max(20, width - len(head) - 3)
    return f"{head} | {sentence[:room] + ('...' if len(sentence) > room else '')}"


def _with_origins(frame: pd.DataFrame, origins: pd.DataFrame | None) -> pd.DataFrame:
    frame = frame.drop(columns=[c for c in ("origin_id", "origin_label") if c in frame])
    if origins is not None and not origins.empty and "origin_id" in origins:
        o = pd.DataFrame({"article_id": origins["article_id"].astype(str).to_numpy(),
                          "origin_id": origins["origin_id"].astype(str).to_numpy(),
                          "origin_label": (origins["origin_label"].fillna("").astype(str).to_numpy()
                                           if "origin_label" in origins else "")})
        frame = frame.merge(o, on="article_id", how="left")
    else:
        frame = frame.assign(origin_id=pd.NA, origin_label=pd.NA)
    # an article with no known origin is its own
    missing = frame["origin_id"].isna()
    frame.loc[missing, "origin_id"] = frame.loc[missing, "article_id"]
    frame.loc[missing, "origin_label"] = frame.loc[missing, "outlet"]
    frame["origin_label"] = frame["origin_label"].fillna("")
    return frame


def _choice(wanted: Iterable[str] | str | None) -> set[str] | None:
    if wanted is None:
        return None
    values = {wanted} if isinstance(wanted, str) else {str(v) for v in wanted}
    values.discard(ANY)
    return values or None


def _day(value: Any, name: str) -> pd.Timestamp:
    try:
        day = pd.Timestamp(value)
    except (TypeError, ValueError):
        raise ParameterError(f"{name} must be a date (YYYY-MM-DD), got {value!r}") from None
    if pd.isna(day):
        raise ParameterError(f"{name} must be a date (YYYY-MM-DD), got {value!r}")
    return day.tz_localize(None).normalize() if day.tzinfo else day.normalize()


def _day_text(value: Any) -> str:
    try:
        return "" if value is None or pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d")
    except (TypeError, ValueError):
        return str(value)


def _ranked(values: pd.Series, top: int | None = None) -> str:
    counts = values.fillna("").astype(str).replace("", pd.NA).dropna().value_counts(sort=True)
    names = list(counts.index[:top] if top else counts.index)
    return ", ".join(names)
