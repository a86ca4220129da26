"""Which sources make which claims, how often, and how far they agree.

All three functions read the claims table of :func:`analysis.tag_claims`
(or :func:`analysis.cluster_claims`): one row per (sentence, claim) with a
``stance`` in {asserts, hedged, denies}.

**One stance per source and claim.**  A source (an article, an outlet, a
speaker, an origin) often touches a claim several times: it reports the
allegation and the accused's denial in the same story.  The cell keeps the
*strongest commitment* the source makes to the claim, in this precedence:

    asserts  >  hedged  >  denies

so an article that asserts "North Korea shipped missiles" and reports
Pyongyang's denial counts as asserting (the denial shows up in its own row
for the denying *speaker*, and as C07 "North Korea/Russia deny the
transfers" in a codebook that has one).  Use ``by="speaker"`` to compare the
parties themselves.

**Voice.**  A tagged row says who speaks (``speaker``) and whether the
outlet speaks in its own voice or reports someone (``voice``, see
:func:`analysis.tag_claims`).  Publisher-level sources (``by="outlet"``,
``"article_id"``, ``"origin_id"``) take a stance only in their own voice:
an outlet that reports Pyongyang's denial is not a denier, and a claim it
only reports others making shows as ``"reports"`` in the matrix and counts
as neither for nor against in agreement.  ``by="speaker"`` compares the
parties themselves (outlets appear there in their own voice).  Tables
without a ``voice`` column are read as before (every row is the source's
own stance).

**Polarity.**  For agreement, asserts and hedged are both *for* a claim
(hedging is weaker support, not disagreement) and denies is *against* it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.errors import ParameterError
from analysis.checks import require_columns

STANCES = ("asserts", "hedged", "denies")
#: Matrix cell of a publisher that carries a claim only in reported speech.
REPORTS = "reports"
_PUBLISHER_LEVEL = frozenset({"outlet", "article_id", "origin_id"})
PRECEDENCE = {"asserts": 3, "hedged": 2, "denies": 1}
POSITIVE = frozenset({"asserts", "hedged"})


def checked_claims(claims: pd.DataFrame, func: str) -> pd.DataFrame:
    require_columns(claims, ("article_id", "claim_id", "stance"), func)
    stance = claims["stance"].astype(str)
    bad = sorted(set(stance[~stance.isin(STANCES)]))
    if bad:
        raise ParameterError(f"{func}(): stance must be one of {', '.join(STANCES)}; found {', '.join(map(repr, bad[:5]))}")
    out = claims.assign(article_id=claims["article_id"].astype(str), claim_id=claims["claim_id"].astype(str),
                        stance=stance)
    return out


def _with_source(claims: pd.DataFrame, by: str, articles: pd.DataFrame | None, func: str) -> pd.DataFrame:
    """Claims with a ``_source`` column taken from ``claims[by]`` or ``articles[by]``."""
    if by in claims.columns:
        source = claims[by]
    elif articles is not None and by in articles.columns:
        require_columns(articles, ("article_id", by), func)
        lookup = dict(zip(articles["article_id"].astype(str), articles[by]))
        source = claims["article_id"].map(lookup)
    else:
        where = "claims" + (" or articles" if articles is not None else " (pass articles=... for outlet)")
        raise ParameterError(f"{func}(): by={by!r} is not a column of {where}")
    source = source.where(source.notna(), claims["article_id"]).astype(str)
    source = source.where(source.str.strip() != "", claims["article_id"])
    return claims.assign(_source=source)


def _own_voice(claims: pd.DataFrame, by: str) -> pd.DataFrame:
    """For publisher-level sources, reported rows become ``reports`` (no stance of the publisher's own)."""
    if by not in _PUBLISHER_LEVEL or "voice" not in claims.columns:
        return claims
    reported = claims["voice"].astype(str) == "reported"
    return claims.assign(stance=claims["stance"].where(~reported, REPORTS))


def _strongest(claims: pd.DataFrame) -> pd.DataFrame:
    """One row per (_source, claim_id) with the strongest stance (own voice before ``reports``)."""
    rank = claims["stance"].map({**PRECEDENCE, REPORTS: 0})
    best = claims.assign(_rank=rank).sort_values("_rank", ascending=False, kind="stable")
    return best.drop_duplicates(["_source", "claim_id"])[["_source", "claim_id", "stance"]]


def source_claim_matrix(claims: pd.DataFrame, by: str = "article_id",
                        articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """Sources × claims, each cell the source's stance on the claim.

    Parameters
    ----------
    claims : pandas.DataFrame
        At least ``article_id``, ``claim_id``, ``stance``.
    by : str, default "article_id"
        What a source is: a column of ``claims`` (``article_id``,
        ``speaker``) or of ``articles`` (``outlet``; or pass the table of
        :func:`analysis.origins` as ``articles`` with ``by="origin_id"``).
        Sources with a missing or empty value fall back to their article id.
    articles : pandas.DataFrame, optional
        Needed when ``by`` is not a column of ``claims``.

    Returns
    -------
    pandas.DataFrame
        Index: the sources (named after ``by``), sorted; columns: claim ids,
        sorted; cells: ``"asserts"``, ``"hedged"``, ``"denies"`` (strongest
        per cell, asserts > hedged > denies), ``"reports"`` when a
        publisher-level source (outlet, article, origin) carries the claim
        only in others' words (claims tables with a ``voice`` column), or
        missing when the source does not touch the claim.

    Examples
    --------
    >>> import pandas as pd
    >>> c = pd.DataFrame({"article_id": ["a", "a", "b"], "claim_id": ["C1", "C1", "C2"],
    ...                   "stance": ["denies", "asserts", "hedged"]})
    >>> source_claim_matrix(c).to_dict("index")
    {'a': {'C1': 'asserts', 'C2': nan}, 'b': {'C1': nan, 'C2': 'hedged'}}
    """
    claims = _with_source(checked_claims(claims, "source_claim_matrix"), by, articles, "source_claim_matrix")
    best = _strongest(_own_voice(claims, by))
    matrix = best.pivot(index="_source", columns="claim_id", values="stance")
    matrix = matrix.sort_index().reindex(sorted(matrix.columns), axis=1).astype(object)
    matrix = matrix.where(matrix.notna(), np.nan)
    matrix.index.name = by
    matrix.columns.name = "claim_id"
    return matrix


def claim_frequency(claims: pd.DataFrame, origins: pd.DataFrame | None = None) -> pd.DataFrame:
    """How many articles, and how many independent origins, carry each claim.

    Parameters
    ----------
    claims : pandas.DataFrame
        At least ``article_id``, ``claim_id``, ``stance`` (and ``voice``,
        from :func:`analysis.tag_claims`, to tell the outlet's own stance
        from what it reports).
    origins : pandas.DataFrame, optional
        Output of :func:`analysis.origins` (``article_id``, ``origin_id``).
        Without it every article counts as its own origin, so ``n_origins``
        is an upper bound: pass origins before reading it as a number of
        independent confirmations.

    Returns
    -------
    pandas.DataFrame
        One row per claim: ``claim_id``, ``n_articles`` (articles touching
        the claim); each article counted **once** in one stance class, so
        the classes add up to ``n_articles``: ``n_asserts``, ``n_hedged``,
        ``n_denies`` (the article's own-voice stance, strongest first:
        asserts > hedged > denies) and ``n_reported`` (articles that only
        report others' statements on the claim; always 0 without a
        ``voice`` column); ``n_origins`` (distinct origins among the
        articles in which someone asserts or hedges it), ``n_sentences``,
        ``articles`` and ``origin_ids`` (sorted lists).  Sorted by
        ``n_origins``, then ``n_articles``, both descending.

    Examples
    --------
    >>> import pandas as pd
    >>> c = pd.DataFrame({"article_id": ["a", "b", "c", "c"], "claim_id": ["C1"] * 4,
    ...                   "stance": ["asserts", "asserts", "denies", "hedged"]})
    >>> o = pd.DataFrame({"article_id": ["a", "b", "c"], "origin_id": ["O1", "O1", "O2"]})
    >>> claim_frequency(c, o)[["claim_id", "n_articles", "n_asserts", "n_hedged", "n_denies", "n_origins"]].values.tolist()
    [['C1', 3, 2, 1, 0, 2]]
    """
    claims = checked_claims(claims, "claim_frequency")
    if origins is not None:
        require_columns(origins, ("article_id", "origin_id"), "claim_frequency")
        lookup = dict(zip(origins["article_id"].astype(str), origins["origin_id"].astype(str)))
        origin = claims["article_id"].map(lookup)
        origin = origin.where(origin.notna(), "article:" + claims["article_id"])
    else:
        origin = claims["article_id"]
    claims = claims.assign(_origin=origin, _source=claims["article_id"], _positive=claims["stance"].isin(POSITIVE))
    claims = _own_voice(claims, "article_id")
    net = _strongest(claims)  # one class per (article, claim)
    rows = []
    for claim_id, g in claims.groupby("claim_id", sort=True):
        classes = net.loc[net["claim_id"] == claim_id, "stance"].value_counts()
        # independent support: origins of the articles in which someone asserts or hedges the claim
        origin_ids = sorted(set(g.loc[g["_positive"], "_origin"]))
        rows.append((claim_id, g["article_id"].nunique(), int(classes.get("asserts", 0)),
                     int(classes.get("hedged", 0)), int(classes.get("denies", 0)), int(classes.get(REPORTS, 0)),
                     len(origin_ids), g[["article_id"] + [c for c in ("sentence_id", "section") if c in g]]
                     .drop_duplicates().shape[0], sorted(set(g["article_id"])), origin_ids))
    frame = pd.DataFrame(rows, columns=["claim_id", "n_articles", "n_asserts", "n_hedged", "n_denies", "n_reported",
                                        "n_origins", "n_sentences", "articles", "origin_ids"])
    frame = frame.sort_values(["n_origins", "n_articles", "claim_id"], ascending=[False, False, True], kind="stable")
    return frame.reset_index(drop=True).astype({c: "int64" for c in frame.columns[1:8]})


def pairwise_agreement(claims: pd.DataFrame, by: str = "article_id", articles: pd.DataFrame | None = None,
                       min_shared: int = 1) -> pd.DataFrame:
    """How far each pair of sources agrees on the claims they both make.

    Parameters
    ----------
    claims : pandas.DataFrame
        At least ``article_id``, ``claim_id``, ``stance``.
    by : str, default "article_id"
        What a source is (see :func:`source_claim_matrix`).
    articles : pandas.DataFrame, optional
        Needed when ``by`` is not a column of ``claims``.
    min_shared : int, default 1
        Keep only pairs with at least this many shared claims (0 keeps every
        pair; the number of pairs grows with the square of the sources).

    Returns
    -------
    pandas.DataFrame
        ``source_a``, ``source_b``, ``n_claims_a``, ``n_claims_b``,
        ``n_shared_claims`` (claims both touch), ``n_agree`` (same polarity:
        both for — asserts or hedged — or both against), ``n_conflict`` (one
        for, one against), ``n_same_stance`` (identical stance),
        ``jaccard`` (shared / claims either touches: do they cover the same
        ground?), ``agreement`` (``n_agree / n_shared_claims``: when they
        cover the same claim, do they take the same side?; missing when
        nothing is shared) and ``kappa`` (Cohen's kappa over every claim in
        the table with categories for / against / silent: agreement beyond
        what each source's overall rates predict; 0 = chance, 1 = identical,
        negative = systematic disagreement; missing when undefined).

    Examples
    --------
    >>> import pandas as pd
    >>> c = pd.DataFrame({"article_id": ["a", "a", "b", "b"], "claim_id": ["C1", "C2", "C1", "C2"],
    ...                   "stance": ["asserts", "asserts", "hedged", "denies"]})
    >>> pairwise_agreement(c)[["n_shared_claims", "n_agree", "n_conflict", "agreement"]].to_dict("records")
    [{'n_shared_claims': 2, 'n_agree': 1, 'n_conflict': 1, 'agreement': 0.5}]
    """
    if isinstance(min_shared, bool) or not isinstance(min_shared, (int, np.integer)) or min_shared < 0:
        raise ParameterError(f"pairwise_agreement(): min_shared must be an integer >= 0, got {min_shared!r}")
    matrix = source_claim_matrix(claims, by=by, articles=articles)
    sources = matrix.index.astype(str).tolist()
    n_claims = matrix.shape[1]
    values = matrix.to_numpy(dtype=object)
    pos = np.isin(values, list(POSITIVE)).astype(np.int64)
    neg = (values == "denies").astype(np.int64)
    silent = 1 - pos - neg
    present = pos + neg
    shared = present @ present.T
    agree = pos @ pos.T + neg @ neg.T
    conflict = pos @ neg.T + neg @ pos.T
    same = sum((values == s).astype(np.int64) @ (values == s).astype(np.int64).T for s in STANCES)
    count = present.sum(axis=1)
    # kappa over all claims with categories for / against / silent
    p_obs = (agree + silent @ silent.T) / max(n_claims, 1)
    rates = [m.sum(axis=1) / max(n_claims, 1) for m in (pos, neg, silent)]
    p_exp = sum(np.outer(r, r) for r in rates)
    iu, ju = np.triu_indices(len(sources), 1)
    keep = shared[iu, ju] >= min_shared
    iu, ju = iu[keep], ju[keep]
    with np.errstate(invalid="ignore", divide="ignore"):
        agreement = np.where(shared[iu, ju] > 0, agree[iu, ju] / np.maximum(shared[iu, ju], 1), np.nan)
        union = count[iu] + count[ju] - shared[iu, ju]
        jaccard = np.where(union > 0, shared[iu, ju] / np.maximum(union, 1), np.nan)
        denom = 1 - p_exp[iu, ju]
        kappa = np.where(denom > 1e-12, (p_obs[iu, ju] - p_exp[iu, ju]) / np.where(denom > 1e-12, denom, 1), np.nan)
    names = np.asarray(sources, dtype=object)
    return pd.DataFrame({
        "source_a": names[iu], "source_b": names[ju],
        "n_claims_a": count[iu], "n_claims_b": count[ju], "n_shared_claims": shared[iu, ju],
        "n_agree": agree[iu, ju], "n_conflict": conflict[iu, ju], "n_same_stance": same[iu, ju],
        "jaccard": jaccard, "agreement": agreement, "kappa": kappa,
    }).astype({"source_a": "str", "source_b": "str"})
