"""Passages of text shared between articles (wire copy, rewrites, lifts).

Whole-document similarity misses rewritten wire copy: an outlet that runs an
AFP story adds its own lede, cuts paragraphs and rewords sentences, so the two
texts share passages, not vocabulary profiles (the seeds' AFP pair has a
whole-document word Jaccard of 0.028).  This module works at passage level:

1. **Shingles.**  Each body becomes normalised word tokens
   (:mod:`analysis.text.shingles`: case, possessives, initialism dots and simple
   inflections removed) and every window of ``ngram`` tokens is hashed.
   Windows of stop words only ("one of the most ...") are not used as seeds.
2. **Inverted index.**  The (shingle, article) pairs are sorted by hash (one
   numpy sort, no all-pairs comparison).  A shingle found in one article
   only is dropped; one found in more than ``max_df`` articles is
   boilerplate or a stock phrase and is dropped too (and would make the pair
   count quadratic).  Every article pair that shares at least
   ``min_shared`` shingles is a candidate.
3. **Alignment.**  For a candidate pair the shared shingles become seed
   matches; seeds on the same diagonal merge into runs, runs are verified and
   extended token by token, runs separated by small edits (up to
   ``max_gap`` tokens on each side, as in "munitions" / "ammunition") are
   chained, and the ends are pushed past further small edits while two-word
   anchors (one a content word) keep matching.  A passage is kept when at
   least ``min_words`` of its tokens match exactly.
4. **Offsets.**  Token spans map back to characters, so
   ``body[start:end]`` is always the real text of each article.

Passages that lie inside quotation marks in *both* articles are flagged
``quoted``: two outlets quoting the same statement is not evidence that one
copied the other, and :func:`analysis.origins` ignores them.

**Verbatim copies** (identical bodies, as syndication produces them) are
collapsed before any of this: only the first article with a given body is
indexed and aligned, and every later copy is reported as one whole-body
passage against that first one (``exact_copy`` True, score 1.0).  Passages
between *different* texts are reported between the first copies only; the
copy rows link the rest (as :func:`analysis.origins` does, transitively).
So nine copies of a corpus cost what one copy costs, plus one row per copy.

Cost is linear in the corpus size plus the number of candidate pairs, which
``max_df`` bounds.  See ``benchmarks/bench_reuse.py`` for measured figures.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from analysis.errors import CorpusError, ParameterError
from analysis.checks import require_columns
from analysis.compare.reuse_index import extend_exact, ShingleIndex
from analysis.text.shingles import quote_spans

REUSE_COLUMNS = ["article_a", "start_a", "end_a", "article_b", "start_b", "end_b", "text",
                 "text_b", "n_words", "n_matched", "score", "quoted", "exact_copy"]
SUMMARY_COLUMNS = ["article_a", "article_b", "n_passages", "n_quoted", "longest_words",
                   "shared_chars_a", "containment_a", "shared_chars_b", "containment_b"]

_ANCHOR = 2  # tokens that must match to bridge a small edit
def _bridge(A, B, stop, a, b, max_gap, direction):
    """Nearest two-token anchor (one a content word) past a small edit, as (a, b), or None.

    Searches edits of growing total size ``da + db`` so the smallest edit wins;
    at most ``(max_gap + 1) ** 2`` integer comparisons (A, B, stop: lists).
    """
    na, nb = len(A), len(B)
    if direction > 0:
        for da, db in _offsets(max_gap):
            i, j = a + da, b + db
            if i + 1 < na and j + 1 < nb and A[i] == B[j] and A[i + 1] == B[j + 1] \
                    and not (stop[A[i]] and stop[A[i + 1]]):
                return i, j
    else:
        for da, db in _offsets(max_gap):
            i, j = a - da, b - db  # the anchor ends at i / j (exclusive)
            if i >= 2 and j >= 2 and A[i - 1] == B[j - 1] and A[i - 2] == B[j - 2] \
                    and not (stop[A[i - 1]] and stop[A[i - 2]]):
                return i, j
    return None


@lru_cache(maxsize=16)
def _offsets(max_gap: int) -> tuple[tuple[int, int], ...]:
    """Edit sizes (da, db) up to ``max_gap`` each, smallest total first."""
    pairs = [(da, db) for da in range(max_gap + 1) for db in range(max_gap + 1) if da or db]
    return tuple(sorted(pairs, key=lambda p: (p[0] + p[1], p[0])))


def _align(index: ShingleIndex, a: int, b: int, max_gap: int, min_words: int):
    """Maximal passages shared by articles ``a`` and ``b`` as token ranges."""
    runs = index.seed_runs(a, b)
    if not runs:
        return []
    A, B, stop = index.tokens(a), index.tokens(b), index.stop_list
    passages = []
    for a0, a1, b0, b1 in runs:
        matched = a1 - a0
        if passages:
            pa0, pa1, pb0, pb1, pm = passages[-1]
            if 0 <= a0 - pa1 <= max_gap and 0 <= b0 - pb1 <= max_gap:
                passages[-1] = (pa0, a1, pb0, b1, pm + matched)
                continue
        passages.append((a0, a1, b0, b1, matched))
    out = []
    for a0, a1, b0, b1, matched in passages:
        # push both ends past small edits while anchors keep matching
        while max_gap:
            hit = _bridge(A, B, stop, a1, b1, max_gap, +1)
            if hit is None:
                break
            i, j = hit
            _, e_a, _, e_b = extend_exact(A, B, i, i, j, j)
            matched += e_a - i
            a1, b1 = e_a, e_b
        while max_gap:
            hit = _bridge(A, B, stop, a0, b0, max_gap, -1)
            if hit is None:
                break
            i, j = hit
            s_a, _, s_b, _ = extend_exact(A, B, i, i, j, j)
            matched += i - s_a
            a0, b0 = s_a, s_b
        if matched >= min_words:
            out.append((a0, a1, b0, b1, matched))
    # drop passages nested in another one of the same pair (seeds that converged)
    out.sort(key=lambda p: (p[0], -(p[1] - p[0])))
    kept = []
    for p in out:
        if any(q[0] <= p[0] and p[1] <= q[1] and q[2] <= p[2] and p[3] <= q[3] for q in kept):
            continue
        kept.append(p)
    return kept


def _quoted_share(spans: list[tuple[int, int]], start: int, end: int) -> float:
    inside = sum(max(0, min(e, end) - max(s, start)) for s, e in spans)
    return inside / max(1, end - start)


def _check_params(ngram, min_words, max_df, min_shared, max_gap) -> None:
    for name, value, low in (("ngram", ngram, 2), ("min_words", min_words, 1), ("max_df", max_df, 2),
                             ("min_shared", min_shared, 1), ("max_gap", max_gap, 0)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < low:
            raise ParameterError(f"find_text_reuse(): {name} must be an integer >= {low}, got {value!r}")
    if ngram > 64:
        raise ParameterError(f"find_text_reuse(): ngram must be <= 64, got {ngram}")


def reuse_article_ids(articles: pd.DataFrame, func: str) -> list[str]:
    ids = articles["article_id"].astype(str).tolist()
    seen: set[str] = set()
    dupes = sorted({i for i in ids if i in seen or seen.add(i)})
    if dupes:
        raise CorpusError(f"{func}(): article_id must be unique; repeated: {', '.join(dupes[:5])}")
    return ids


def find_text_reuse(articles: pd.DataFrame, *, ngram: int = 5, min_words: int = 10, max_df: int = 100,
                    min_shared: int = 2, max_gap: int = 4) -> pd.DataFrame:
    """Passages of text shared by pairs of articles.

    Parameters
    ----------
    articles : pandas.DataFrame
        At least ``article_id`` (unique) and ``body``.
    ngram : int, default 5
        Words per shingle (the seed length).  Smaller finds shorter lifted
        fragments at the cost of more candidate pairs.
    min_words : int, default 10
        A passage is reported when at least this many of its words match
        exactly (names such as "North Korean leader Kim Jong Un" are six;
        stock phrases such as "he told BBC Radio 4's Today programme" eight).
    max_df : int, default 100
        Shingles found in more articles than this are treated as boilerplate
        or stock phrases and never seed a match.  Raise it for a corpus in
        which one wire story legitimately runs in hundreds of outlets.
    min_shared : int, default 2
        Shingles two articles must share to be compared at all.
    max_gap : int, default 4
        Largest edit (in words, on each side) bridged inside one passage;
        0 reports exact runs only.

    Returns
    -------
    pandas.DataFrame
        One row per passage: ``article_a``, ``start_a``, ``end_a``,
        ``article_b``, ``start_b``, ``end_b`` (character offsets, so
        ``body_a[start_a:end_a] == text``), ``text`` (as article a has it),
        ``text_b`` (as article b has it), ``n_words`` (words of the passage in
        a), ``n_matched`` (words matching exactly), ``score``
        (``n_matched`` / the longer side's word count; 1.0 = verbatim) and
        ``quoted`` (the passage lies inside quotation marks in both articles),
        ``exact_copy`` (article b's body is identical to article a's, the
        first article with that body; the row spans the whole body).
        ``article_a`` comes before ``article_b`` in the input order.

    Examples
    --------
    >>> import pandas as pd
    >>> shared = "The powerful sister of North Korean leader Kim Jong Un this month denied the allegations."
    >>> arts = pd.DataFrame({"article_id": ["x", "y"],
    ...                      "body": ["Seoul said so. " + shared, shared + " More here."]})
    >>> find_text_reuse(arts)[["article_a", "article_b", "start_a", "n_words"]].values.tolist()
    [['x', 'y', 15, 15]]
    """
    require_columns(articles, ("article_id", "body"), "find_text_reuse")
    _check_params(ngram, min_words, max_df, min_shared, max_gap)
    all_ids = reuse_article_ids(articles, "find_text_reuse")
    all_bodies = articles["body"].fillna("").astype(str).tolist()
    # Identical bodies are indexed once (first occurrence); the rest are copies.
    first_of: dict[str, int] = {}
    unique: list[int] = []
    copies: list[tuple[int, int]] = []  # (position in unique, article position)
    for i, body in enumerate(all_bodies):
        j = first_of.setdefault(body, len(unique))
        if j == len(unique):
            unique.append(i)
        else:
            copies.append((j, i))
    del first_of
    ids = [all_ids[i] for i in unique]
    bodies = [all_bodies[i] for i in unique]
    index = ShingleIndex(bodies, ngram, int(max_df))
    rows = []
    quotes: dict[int, list[tuple[int, int]]] = {}
    for a, b, _ in zip(*index.candidate_pairs(min_shared)):
        a, b = int(a), int(b)
        for a0, a1, b0, b1, matched in _align(index, a, b, max_gap, min_words):
            da, db = index.docs[a], index.docs[b]
            sa, ea, sb, eb = int(da.starts[a0]), int(da.ends[a1 - 1]), int(db.starts[b0]), int(db.ends[b1 - 1])
            for d in (a, b):
                if d not in quotes:
                    quotes[d] = quote_spans(bodies[d])
            qa, qb = quotes[a], quotes[b]
            quoted = min(_quoted_share(qa, sa, ea), _quoted_share(qb, sb, eb)) >= 0.5
            rows.append((unique[a], ids[a], sa, ea, unique[b], ids[b], sb, eb, bodies[a][sa:ea],
                         bodies[b][sb:eb], a1 - a0, matched, matched / max(a1 - a0, b1 - b0), quoted, False))
    for j, i in copies:
        n = len(index.docs[j].starts)
        if n < min_words:
            continue
        text = bodies[j]  # the same str object for every copy: no per-row copy in memory
        rows.append((unique[j], ids[j], 0, len(text), i, all_ids[i], 0, len(text), text, text,
                     n, n, 1.0, False, True))
    if copies:  # copy rows among the others, by article order (stable: passages keep theirs)
        rows.sort(key=lambda r: (r[0], r[4]))
    frame = pd.DataFrame([r[1:4] + r[5:] for r in rows], columns=REUSE_COLUMNS)
    return frame.astype({"exact_copy": "bool", "start_a": "int64", "end_a": "int64", "start_b": "int64", "end_b": "int64",
                         "n_words": "int64", "n_matched": "int64", "score": "float64", "quoted": "bool",
                         "article_a": "str", "article_b": "str", "text": "str", "text_b": "str"})


def _covered_by_group(frame: pd.DataFrame, start: str, end: str) -> pd.Series:
    """Characters covered by the union of the spans of each ``_pair`` group."""
    f = frame[["_pair", start, end]].sort_values(["_pair", start], kind="stable")
    reach = f.groupby("_pair")[end].cummax()
    before = reach.groupby(f["_pair"]).shift(1)  # furthest end reached by earlier spans of the pair
    fresh_start = np.where(before.isna(), f[start], np.maximum(f[start], before.fillna(0)))
    gain = np.maximum(0, f[end].to_numpy() - fresh_start)
    return pd.Series(gain, index=f.index).groupby(f["_pair"]).sum()


def reuse_summary(articles: pd.DataFrame, reuse: pd.DataFrame | None = None, *,
                  include_quoted: bool = True, **options) -> pd.DataFrame:
    """How much of each article of a pair is text shared with the other.

    Parameters
    ----------
    articles : pandas.DataFrame
        At least ``article_id`` and ``body``.
    reuse : pandas.DataFrame, optional
        Output of :func:`find_text_reuse`; computed (with ``options``) when
        omitted.
    include_quoted : bool, default True
        Count passages quoted in both articles; ``False`` measures copying
        only (what :func:`analysis.origins` uses).
    **options
        Passed to :func:`find_text_reuse` when ``reuse`` is omitted.

    Returns
    -------
    pandas.DataFrame
        One row per article pair with at least one passage: ``article_a``,
        ``article_b``, ``n_passages``, ``n_quoted``, ``longest_words``,
        ``shared_chars_a`` (characters of a's body inside passages shared with
        b, overlaps counted once), ``containment_a`` (``shared_chars_a`` /
        length of a's body), ``shared_chars_b`` and ``containment_b``.
        Containment is asymmetric on purpose: a short brief lifted whole from
        a long wire story has a containment near 1, the wire story a small
        one.  Sorted by the larger containment, highest first.

    Examples
    --------
    >>> import pandas as pd
    >>> shared = "The powerful sister of North Korean leader Kim Jong Un this month denied the allegations."
    >>> arts = pd.DataFrame({"article_id": ["x", "y"], "body": [shared, shared + " " + "Other words. " * 8]})
    >>> reuse_summary(arts)[["containment_a", "containment_b"]].round(2).values.tolist()
    [[0.99, 0.45]]
    """
    require_columns(articles, ("article_id", "body"), "reuse_summary")
    if reuse is None:
        reuse = find_text_reuse(articles, **options)
    else:
        require_columns(reuse, ("article_a", "start_a", "end_a", "article_b", "start_b", "end_b"), "reuse_summary")
    if not include_quoted and "quoted" in reuse.columns:
        reuse = reuse[~reuse["quoted"].astype(bool)]
    lengths = dict(zip(articles["article_id"].astype(str), articles["body"].fillna("").astype(str).str.len()))
    if reuse.empty:
        rows = []
    else:
        # vectorised union of spans per pair and side (overlaps counted once)
        r = reuse.assign(article_a=reuse["article_a"].astype(str), article_b=reuse["article_b"].astype(str))
        r["_pair"] = r.groupby(["article_a", "article_b"], sort=False).ngroup()
        covered = {side: _covered_by_group(r, f"start_{side}", f"end_{side}") for side in ("a", "b")}
        agg = r.groupby("_pair", sort=True).agg(
            article_a=("article_a", "first"), article_b=("article_b", "first"), n_passages=("start_a", "size"),
            n_quoted=("quoted", "sum") if "quoted" in r else ("start_a", lambda x: 0),
            longest_words=("n_words", "max") if "n_words" in r else ("start_a", lambda x: 0))
        la = np.maximum(1, agg["article_a"].map(lengths).fillna(0).to_numpy())
        lb = np.maximum(1, agg["article_b"].map(lengths).fillna(0).to_numpy())
        ca, cb = covered["a"].reindex(agg.index).to_numpy(), covered["b"].reindex(agg.index).to_numpy()
        rows = list(zip(agg["article_a"], agg["article_b"], agg["n_passages"], agg["n_quoted"].astype(int),
                        agg["longest_words"].astype(int), ca, ca / la, cb, cb / lb))
    frame = pd.DataFrame(rows, columns=SUMMARY_COLUMNS)
    if len(frame):
        order = np.maximum(frame["containment_a"], frame["containment_b"])
        frame = frame.iloc[np.argsort(-order.to_numpy(), kind="stable")].reset_index(drop=True)
    return frame.astype({"n_passages": "int64", "n_quoted": "int64", "longest_words": "int64",
                         "shared_chars_a": "int64", "shared_chars_b": "int64",
                         "containment_a": "float64", "containment_b": "float64"})
