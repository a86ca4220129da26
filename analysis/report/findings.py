"""The findings each report opens with: the numbers a reader came for, as plain sentences.

Wording rule: *articles* are articles, *outlets* are the publications
they come from, *independent origins* are groups of articles sharing one
origin (wire copy, shared text).  Four articles from one outlet are "4
articles from 1 outlet", never "4 sources".

Each function takes the tables its notebook already computed and returns a
list of sentences; :func:`analysis.report.display.show_findings` shows them
and the notebook stores them in its summary JSON (``findings``), from which
the run index shows them too.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping

import pandas as pd


def plural(n: int, word: str, many: str | None = None) -> str:
    """``"1 article"``, ``"2 articles"``, with thousands separators.

    Examples
    --------
    >>> plural(1, "article"), plural(1200, "outlet"), plural(2, "was", "were")
    ('1 article', '1,200 outlets', '2 were')
    """
    n = int(n)
    return f"{n:,} {word if n == 1 else (many or word + 's')}"


def articles_and_outlets(article_ids: Iterable[str], articles: pd.DataFrame) -> str:
    """``"4 articles from 1 outlet"`` for the distinct articles in ``article_ids``.

    Articles without an outlet are counted as articles only ("3 articles,
    no outlet named").
    """
    ids = set(map(str, article_ids))
    n_articles = len(ids)
    outlets = pd.Series(dtype=str)
    if "outlet" in articles:
        meta = articles.assign(article_id=articles["article_id"].astype(str))
        outlets = meta.loc[meta["article_id"].isin(ids), "outlet"].fillna("").astype(str)
        outlets = outlets[outlets.str.strip() != ""]
    n_outlets = outlets.nunique()
    if n_outlets == 0:
        return f"{plural(n_articles, 'article')} (no outlet named)"
    return f"{plural(n_articles, 'article')} from {plural(n_outlets, 'outlet')}"


def _reading(score: float) -> str:
    # Flesch's own bands.
    for limit, word in ((30, "very difficult"), (50, "difficult"), (60, "fairly difficult"),
                        (70, "plain English"), (80, "fairly easy"), (90, "easy")):
        if score < limit:
            return word
    return "very easy"


def corpus_findings(summary: Mapping[str, Any]) -> list[str]:
    """Findings of the corpus overview from :func:`analysis.report.data.corpus_summary`."""
    n, n_out = summary.get("n_articles", 0), summary.get("n_outlets", 0)
    first, last = summary.get("first_published"), summary.get("last_published")
    where = f"from {plural(n_out, 'outlet')}" if n_out else "(no outlet named)"
    when = (f", published between {first} and {last}" if first and last and first != last
            else f", all published on {first}" if first else "; none has a publication date")
    out = [f"The corpus holds {plural(n, 'article')} {where}{when}."]
    if n:
        median = summary.get("median_words")
        total = summary.get("total_words", 0)
        out.append(f"The median article is {median:,.0f} words long ({total:,} words in all).")
        n_wire = summary.get("n_wire", 0)
        out.append(f"{plural(n_wire, 'article')} credit{'s' if n_wire == 1 else ''} a wire agency: their text "
                   "may appear word for word in other outlets." if n_wire else "No article credits a wire agency.")
    if summary.get("mean_flesch_reading_ease") is not None:
        score = summary["mean_flesch_reading_ease"]
        out.append(f"Mean Flesch reading ease is {score:.0f} ({_reading(score)}), "
                   f"about grade {summary.get('mean_fk_grade', 0):.0f} of US schooling.")
    return out


def claim_findings(table: pd.DataFrame, claims: pd.DataFrame, articles: pd.DataFrame,
                   n_origins: int) -> list[str]:
    """Findings of the claim-frequency report.

    Parameters
    ----------
    table : pandas.DataFrame
        Output of :func:`analysis.report.data.claim_frequency_table`.
    claims : pandas.DataFrame
        The tagged claims (article_id, claim_id, stance).
    articles : pandas.DataFrame
        The articles (for outlets).
    n_origins : int
        Independent origins in the corpus.
    """
    codebook = claims.attrs.get("codebook", "")
    free = claims.attrs.get("mode") == "codebook-free"
    if table.empty:
        if free:
            return ["No statement is repeated in near-identical words by two or more articles, so no claim was "
                    "found without a codebook: write a codebook for this story (docs/codebook.md)."]
        return [f"No sentence matched a claim of the codebook{f' {codebook!r}' if codebook else ''}: "
                "write a codebook for this story (docs/codebook.md)."]
    where = (f"in {plural(len(claims), 'sentence')} of {plural(claims['article_id'].nunique(), 'article')}; "
             f"the corpus has {plural(n_origins, 'independent origin')}.")
    if free:
        # no codebook ran: the claims are statements several articles repeat
        n = len(table)
        out = [f"Without a codebook, {plural(n, 'statement')} repeated by two or more articles "
               f"{'was' if n == 1 else 'were'} grouped as {'a claim' if n == 1 else 'claims'}, {where}"]
    else:
        out = [f"{plural(len(table), 'claim')} of the codebook{f' {codebook!r}' if codebook else ''} "
               f"{'was' if len(table) == 1 else 'were'} found {where}"]
    top = table.sort_values(["n_origins", "n_articles"], ascending=False, kind="mergesort").iloc[0]
    carrying = claims.loc[claims["claim_id"].astype(str) == str(top["claim_id"]), "article_id"]
    label = top["label"] or top["claim_id"]
    out.append(f"The best-supported claim, \u201c{label}\u201d, is carried by "
               f"{articles_and_outlets(carrying, articles)} and rests on "
               f"{plural(top['n_origins'], 'independent origin')}.")
    corroborated = int((table["n_origins"] >= 2).sum())
    echoed = int(((table["n_supporting"] >= 2) & (table["n_origins"] < 2)).sum())
    out.append(f"{plural(corroborated, 'claim is', 'claims are')} confirmed by two or more independent origins; "
               f"{plural(echoed, 'claim looks', 'claims look')} corroborated but rest{'s' if echoed == 1 else ''} "
               "on a single origin.")
    denied = table.loc[table["n_denies"] > 0]
    if len(denied):
        out.append(f"{plural(len(denied), 'claim is', 'claims are')} denied somewhere in the corpus.")
    return out


def agreement_findings(summary: Mapping[str, Any], contradictions: pd.DataFrame,
                       origins: pd.DataFrame, articles: pd.DataFrame) -> list[str]:
    """Findings of the source-agreement report (from its summary and tables)."""
    # ``sources_are`` (from :func:`analysis.report.data.source_kind`) knows whether outlets are named:
    # without them an article stands for itself and is never called an outlet
    kind = summary.get("sources_are") or {
        "outlet": "sources", "article_id": "articles", "speaker": "speakers",
        "origin_id": "independent origins"}.get(summary.get("source_by", ""), "sources")
    if summary.get("n_claims", 0):
        n_src = int(summary.get("n_sources", 0))
        out = [f"{n_src:,} {kind[:-1] if n_src == 1 and kind.endswith('s') else kind} "
               f"take{'s' if n_src == 1 else ''} a stance on "
               f"{plural(summary['n_claims'], 'claim')}."]
    elif summary.get("claims_mode") == "codebook-free":
        out = ["No statement is repeated by two or more articles, so no stances can be compared."]
    else:
        out = ["No sentence matched a claim of the codebook, so no stances can be compared."]
    if summary.get("mean_agreement") is not None:
        out.append(f"Across {plural(summary.get('n_pairs', 0), 'pair')} of {kind} sharing a claim, "
                   f"they take the same side {summary['mean_agreement']:.0%} of the time on average.")
    n_con = int(summary.get("n_contradictions", 0))
    if n_con and "severity" in contradictions:
        n_conflict = int((contradictions["severity"] == "conflict").sum())
        # stance conflicts are between speakers (the parties), figure and date ones between articles
        out.append(f"{plural(n_con, 'contradiction')} between speakers or articles: {n_conflict:,} that cannot "
                   f"both be right and {n_con - n_conflict:,} that read differently.")
    else:
        out.append("No contradictions between speakers or articles were found." if not n_con
                   else f"{plural(n_con, 'contradiction')} between speakers or articles.")
    n_articles = int(len(articles))
    n_origins = int(summary.get("n_origins", 0))
    shared = origins.groupby("origin_id")["article_id"].nunique() if len(origins) else pd.Series(dtype=int)
    n_shared = int(shared[shared > 1].sum())
    if n_shared:
        out.append(f"The {plural(n_articles, 'article')} come from {plural(n_origins, 'independent origin')}; "
                   f"{plural(n_shared, 'article')} share{'s' if n_shared == 1 else ''} an origin with another "
                   f"({plural(summary.get('n_reuse_pairs', 0), 'pair')} of articles share text).")
    else:
        out.append(f"No two of the {plural(n_articles, 'article')} share an origin: each is independent "
                   f"({plural(summary.get('n_reuse_pairs', 0), 'pair')} of articles share some text).")
    return out


def figure_findings(headline_table: pd.DataFrame, quantities: pd.DataFrame, articles: pd.DataFrame) -> list[str]:
    """Findings of the quantitative-figures report."""
    n_art = quantities["article_id"].nunique() if len(quantities) else 0
    out = [f"{plural(len(quantities), 'figure')} with a unit were found in {plural(n_art, 'article')} "
           f"of {len(articles):,}."]
    if headline_table.empty:
        out.append("No unit is reported by enough articles to compare figures.")
        return out
    verdicts = {"consistent": "consistent: one value makes every figure right",
                "tension": "in tension: possible as written, not as a reader takes the words",
                "no common value": "without a common value: different things, or real disagreement"}
    for row in headline_table.head(3).itertuples():
        ids = quantities.loc[quantities["unit"] == row.unit, "article_id"]
        verdict = verdicts.get(str(row.verdict), str(row.verdict))
        out.append(f"Headline #{row.rank}, {row.unit}: {plural(row.n_figures, 'figure')} in "
                   f"{articles_and_outlets(ids, articles)}, {verdict}.")
    return out


def timeline_findings(events: pd.DataFrame, n_mentions: int, unresolved: pd.DataFrame) -> list[str]:
    """Findings of the timeline report.

    Parameters
    ----------
    events : pandas.DataFrame
        Output of :func:`analysis.report.data.timeline_events`.
    n_mentions : int
        Date mentions found (resolved or not).
    unresolved : pandas.DataFrame
        Output of :func:`analysis.report.data.unresolved_dates`.
    """
    out = [f"{plural(n_mentions, 'date mention')} {'was' if n_mentions == 1 else 'were'} found; {len(events):,} "
           f"resolve{'s' if len(events) == 1 else ''} to a calendar date in the window and {len(unresolved):,} "
           "could not be resolved."]
    if len(unresolved):
        reasons = unresolved["reason"].value_counts()
        top_reason, top_n = reasons.index[0], int(reasons.iloc[0])
        out.append(f"Most common reason for an unresolved date ({top_n:,}): {top_reason}.")
    if len(events):
        news = events[~events["background"].astype(bool)] if "background" in events else events
        if len(news):
            first = news.loc[news["date"].idxmin()]
            last = news.loc[news["date_end"].idxmax()]
            since = date_as_known(first["date"], first.get("precision"))
            until = date_as_known(last["date_end"], last.get("precision"))
            out.append(f"The dated events (background excluded) run from {since} to {until}.")
        relative = events["relative"].fillna(False).astype(bool)
        # with a publication date, a relative mention is resolved against it; without one, a year-less
        # mention ("23 February") took its year from another date of the text (words like "last week"
        # then stay unresolved)
        dated = pd.to_datetime(events["published"], errors="coerce").notna() if "published" in events \
            else pd.Series(True, index=events.index)
        n_pub, n_text = int((relative & dated).sum()), int((relative & ~dated).sum())
        if n_pub:
            out.append(f"{plural(n_pub, 'date')} {'was' if n_pub == 1 else 'were'} resolved against the "
                       "publication date (a relative expression such as \u201clast week\u201d, or a date without a "
                       "year): check those.")
        if n_text:
            out.append(f"{plural(n_text, 'date')} without a year ({'its' if n_text == 1 else 'their'} article has no "
                       "publication date) took the year from another date in the text: check those.")
    return out


def date_as_known(value: Any, precision: Any = "day") -> str:
    """A date written to the precision it is known to: ``"2023"``, ``"March 2023"``, ``"2023-03-14"``.

    A date known only to the year is stored as its first day; writing it
    "2023-01-01" would claim a day nobody gave.

    Examples
    --------
    >>> date_as_known(pd.Timestamp("2023-01-01"), "year"), date_as_known(pd.Timestamp("2023-03-01"), "month")
    ('2023', 'March 2023')
    >>> date_as_known(pd.Timestamp("2023-03-14"), "day")
    '2023-03-14'
    """
    stamp = pd.Timestamp(value)
    precision = str(precision or "day")
    if precision in ("year", "decade", "years"):
        return f"{stamp:%Y}"
    if precision in ("month", "season", "part_of_month", "quarter"):
        return f"{stamp:%B %Y}" if precision == "month" else f"{stamp:%Y-%m} ({precision.replace('_', ' ')})"
    return f"{stamp:%Y-%m-%d}"


__all__ = ["agreement_findings", "articles_and_outlets", "claim_findings", "corpus_findings", "date_as_known",
           "figure_findings",
           "plural", "timeline_findings"]
