"""Passages of text shared between articles (wire copy, rewrites, lifts).

Whole-document similarity misses rewritten wire copy: an outlet that runs an
AFP story adds its own lede, cuts paragraphs and rewords sentences, so the two
texts share passages, not vocabulary profiles (the seeds' AFP pair has a
whole-document word Jaccard of 0.028).  This module works at passage level:

1. **Shingles.**  Each body becomes normalised word tokens
   (:mod:`analysis.shingles`: case, possessives, initialism dots and simple
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

Cost is linear in the corpus size plus the number of candidate pairs, which
``max_df`` bounds.  See ``benchmarks/bench_reuse.py`` for measured figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from .errors import CorpusError, ParameterError
from .sentences import _require
from .shingles import Vocabulary, quote_spans, shingle_hashes

REUSE_COLUMNS = ["article_a", "start_a", "end_a", "article_b", "start_b", "end_b", "text",
                 "text_b", "n_words", "n_matched", "score", "quoted"]
SUMMARY_COLUMNS = ["article_a", "article_b", "n_passages", "n_quoted", "longest_words",
                   "shared_chars_a", "containment_a", "shared_chars_b", "containment_b"]

_ANCHOR = 2  # tokens that must match to bridge a small edit
_MAX_REPEAT = 8  # occurrences of one shingle inside one article beyond which it is ignored


_PASS_BITS = 4  # the index's document-frequency pass runs over 2**_PASS_BITS hash ranges
_SLICE_ROWS = 1 << 22  # shingle rows per slice when filtering and sorting the seed lists


def _top_bits(H: np.ndarray) -> np.ndarray:
    """Bucket number (top ``_PASS_BITS`` bits) of every hash, as uint8, built in slices."""
    out = np.empty(len(H), dtype=np.uint8)
    shift = np.uint64(64 - _PASS_BITS)
    for s in range(0, len(H), _SLICE_ROWS):
        out[s:s + _SLICE_ROWS] = H[s:s + _SLICE_ROWS] >> shift
    return out


def _doc_slices(ptr: np.ndarray, rows: int):
    """Consecutive article ranges ``(lo, hi)`` of about ``rows`` rows each (ptr: row offsets)."""
    n = len(ptr) - 1
    lo = 0
    while lo < n:
        hi = int(np.searchsorted(ptr, ptr[lo] + rows, "right")) - 1
        hi = min(max(hi, lo + 1), n)
        yield lo, hi
        lo = hi


def _sorted_member(sorted_values: np.ndarray, values: np.ndarray) -> np.ndarray:
    """``np.isin(values, sorted_values)`` for sorted unique ``sorted_values``.

    One binary search per value instead of np.isin's sort of both arrays,
    which needs several corpus-sized temporaries.
    """
    if len(sorted_values) == 0:
        return np.zeros(len(values), dtype=bool)
    idx = np.searchsorted(sorted_values, values)
    np.minimum(idx, len(sorted_values) - 1, out=idx)
    return sorted_values[idx] == values


@dataclass
class _Doc:
    ids: np.ndarray
    starts: np.ndarray
    ends: np.ndarray


class _Index:
    """Shingle index over one corpus: candidate pairs and their seed matches."""

    def __init__(self, bodies: list[str], ngram: int, max_df: int) -> None:
        # Memory: this builds per-token arrays for the whole corpus, so every
        # temporary is dropped as soon as it is used, offsets/ids are 32-bit
        # and the sorts run over one hash range or one slice of articles at a
        # time (100,000 BBC-sized articles: max RSS of the build 3.9 GB with
        # whole-corpus sorts, 3.2 GB with the passes; see docs/profiling.md).
        self.ngram = ngram
        vocab = Vocabulary()
        self.docs: list[_Doc] = []
        hashes = []
        for d, body in enumerate(bodies):
            ids, starts, ends = vocab.tokenize(body)
            self.docs.append(_Doc(ids.astype(np.int32), starts.astype(np.int32), ends.astype(np.int32)))
            hashes.append(shingle_hashes(ids, ngram))
        stop = vocab.stop_mask()
        self.stop_list = stop.tolist()
        self._lists: dict[int, list[int]] = {}
        pos_of = [None] * len(hashes)
        for d, (doc, h) in enumerate(zip(self.docs, hashes)):
            # a seed needs at least two content words in its window
            content = np.concatenate(([0], np.cumsum(~stop[doc.ids])))
            keep = (content[ngram:] - content[:-ngram]) >= 2 if len(h) else np.zeros(0, dtype=bool)
            hashes[d] = h[keep]
            pos_of[d] = np.flatnonzero(keep).astype(np.int32)
        # filled article by article, each article's arrays freed once copied,
        # so the per-article lists and the corpus arrays are never both whole;
        # rows are in article order, so D is ascending
        counts = np.array([len(h) for h in hashes], dtype=np.int64)
        H = np.empty(int(counts.sum()), dtype=np.uint64)
        P = np.empty(len(H), dtype=np.int32)
        w = 0
        for d, c in enumerate(counts.tolist()):
            H[w:w + c], P[w:w + c] = hashes[d], pos_of[d]
            w += c
            hashes[d] = pos_of[d] = None
        D = np.repeat(np.arange(len(hashes), dtype=np.int32), counts)
        del hashes, pos_of, counts

        # Document frequency of every hash, counting an article once, one
        # hash range at a time: the top _PASS_BITS bits split the shingles
        # into buckets whose concatenation is still in hash order, so the
        # per-bucket results concatenate to exactly the whole-corpus ones
        # while the sort temporaries only ever cover one bucket (see
        # docs/profiling.md: the whole-corpus sort was the index's peak).
        bucket = _top_bits(H)
        uD_parts, start_parts, size_parts, good_parts, rep_parts = [], [], [], [], []
        self.n_boilerplate, offset = 0, 0
        for b in range(1 << _PASS_BITS):
            idx = np.flatnonzero(bucket == b)
            if not len(idx):
                continue
            # idx is ascending, so Db is ascending too and a stable sort on
            # the hash orders the bucket by (H, D)
            Hb = H[idx]
            order = np.argsort(Hb, kind="stable")
            Hs, Ds = Hb[order], D[idx[order]]
            del idx, Hb, order
            first = np.ones(len(Hs), dtype=bool)
            first[1:] = (Hs[1:] != Hs[:-1]) | (Ds[1:] != Ds[:-1])
            # a shingle repeated many times inside one article (a refrain, a
            # table, degenerate input) would make seed matching quadratic, so
            # it is dropped: a (hash, article) run longer than _MAX_REPEAT has
            # two equal rows _MAX_REPEAT apart
            if len(Hs) > _MAX_REPEAT:
                far = (Hs[_MAX_REPEAT:] == Hs[:-_MAX_REPEAT]) & (Ds[_MAX_REPEAT:] == Ds[:-_MAX_REPEAT])
                rep_parts.append(np.unique(Hs[:-_MAX_REPEAT][far]))
                del far
            uH, uD = Hs[first], Ds[first]
            del Hs, Ds, first
            starts = np.flatnonzero(np.concatenate(([True], uH[1:] != uH[:-1])))
            sizes = np.diff(np.append(starts, len(uH)))
            useful = (sizes >= 2) & (sizes <= max_df)
            self.n_boilerplate += int((sizes > max_df).sum())
            uD_parts.append(uD)
            start_parts.append(starts[useful] + offset)
            size_parts.append(sizes[useful])
            good_parts.append(uH[starts[useful]])
            offset += len(uD)
            del uH, uD, starts, sizes, useful
        del bucket
        self._uD = np.concatenate(uD_parts) if uD_parts else np.zeros(0, np.int32)
        self._group_starts = np.concatenate(start_parts) if start_parts else np.zeros(0, np.int64)
        self._group_sizes = np.concatenate(size_parts) if size_parts else np.zeros(0, np.int64)
        good_hashes = np.concatenate(good_parts) if good_parts else np.zeros(0, np.uint64)
        repetitive = np.concatenate(rep_parts) if rep_parts else np.zeros(0, np.uint64)
        del uD_parts, start_parts, size_parts, good_parts, rep_parts

        # per-article seed lists (hash-sorted) restricted to useful shingles,
        # filtered and sorted in place a slice of articles at a time: the
        # article column is ascending, so sorting each slice by (D, H) sorts
        # the whole, and D itself needs no reordering
        n_docs = len(bodies)
        ptr = np.searchsorted(D, np.arange(n_docs + 1))
        w = 0
        for lo_d, hi_d in _doc_slices(ptr, _SLICE_ROWS):
            s, e = int(ptr[lo_d]), int(ptr[hi_d])
            Hc = H[s:e]
            keep = _sorted_member(good_hashes, Hc)
            if len(repetitive):
                keep &= ~_sorted_member(repetitive, Hc)
            Hc, Dc, Pc = Hc[keep], D[s:e][keep], P[s:e][keep]
            del keep
            order = np.lexsort((Hc, Dc))
            k = len(order)
            H[w:w + k], D[w:w + k], P[w:w + k] = Hc[order], Dc, Pc[order]
            w += k
            del Hc, Dc, Pc, order
        # shrink in place (no views of these buffers remain) rather than copy,
        # which would hold the corpus-sized buffers and the copies at once
        for arr in (H, D, P):
            arr.resize((w,), refcheck=False)
        self.H, self.D, self.P = H, D, P
        del H, D, P
        self.ptr = np.searchsorted(self.D, np.arange(n_docs + 1))

    def tokens(self, d: int) -> list[int]:
        """Token ids of article ``d`` as a Python list (fast scalar access), cached."""
        cached = self._lists.get(d)
        if cached is None:
            if len(self._lists) >= 4096:  # bound memory on large corpora
                self._lists.clear()
            cached = self._lists[d] = self.docs[d].ids.tolist()
        return cached

    def candidate_pairs(self, min_shared: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Article index pairs (a < b) sharing at least ``min_shared`` shingles."""
        n = len(self.docs)
        keys = []
        for d in np.unique(self._group_sizes):
            sel = self._group_starts[self._group_sizes == d]
            members = self._uD[sel[:, None] + np.arange(d)].astype(np.int64)  # (groups, d), ascending
            iu, ju = np.triu_indices(int(d), 1)
            keys.append((members[:, iu] * n + members[:, ju]).ravel())
        if not keys:
            empty = np.zeros(0, np.int64)
            return empty, empty, empty
        uniq, counts = np.unique(np.concatenate(keys), return_counts=True)
        ok = counts >= min_shared
        return uniq[ok] // n, uniq[ok] % n, counts[ok]

    def seed_runs(self, a: int, b: int) -> list[tuple[int, int, int, int]]:
        """Exact token runs ``(a0, a1, b0, b1)`` grown from the shared shingles of a pair."""
        n = self.ngram
        ha, pa = self.H[self.ptr[a]:self.ptr[a + 1]], self.P[self.ptr[a]:self.ptr[a + 1]]
        hb, pb = self.H[self.ptr[b]:self.ptr[b + 1]], self.P[self.ptr[b]:self.ptr[b + 1]]
        lo = np.searchsorted(hb, ha, "left")
        cnt = np.searchsorted(hb, ha, "right") - lo
        if not cnt.any():
            return []
        ia = np.repeat(np.arange(len(ha)), cnt)
        offs = np.arange(int(cnt.sum())) - np.repeat(np.cumsum(cnt) - cnt, cnt)
        sa = pa[ia].astype(np.int64)
        sb = pb[np.repeat(lo, cnt) + offs].astype(np.int64)
        diag = sa - sb
        order = np.lexsort((sa, diag))
        sa, diag = sa[order], diag[order]
        brk = np.ones(len(sa), dtype=bool)
        brk[1:] = (diag[1:] != diag[:-1]) | (sa[1:] - sa[:-1] > n)
        first = np.flatnonzero(brk)
        last = np.append(first[1:], len(sa)) - 1
        A, B = self.docs[a].ids, self.docs[b].ids
        LA, LB = self.tokens(a), self.tokens(b)
        runs = []
        for f, l in zip(first, last):
            a0, a1 = int(sa[f]), int(sa[l]) + n
            b0 = a0 - int(diag[f])
            eq = A[a0:a1] == B[b0:b0 + (a1 - a0)]
            if eq.all():
                runs.append(_extend_exact(LA, LB, a0, a1, b0, b0 + (a1 - a0)))
                continue
            # a hash collision or a filtered gap: keep only the verified stretches
            edges = np.flatnonzero(np.diff(np.concatenate(([0], eq.view(np.int8), [0]))))
            for s, e in zip(edges[::2], edges[1::2]):
                if e - s >= n:
                    runs.append(_extend_exact(LA, LB, a0 + int(s), a0 + int(e), b0 + int(s), b0 + int(e)))
        return sorted(set(runs))


def _extend_exact(A, B, a0, a1, b0, b1):
    """Grow an exact run while the neighbouring tokens match (A, B: lists of ids)."""
    while a0 > 0 and b0 > 0 and A[a0 - 1] == B[b0 - 1]:
        a0, b0 = a0 - 1, b0 - 1
    na, nb = len(A), len(B)
    while a1 < na and b1 < nb and A[a1] == B[b1]:
        a1, b1 = a1 + 1, b1 + 1
    return a0, a1, b0, b1


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


def _align(index: _Index, a: int, b: int, max_gap: int, min_words: int):
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
            _, e_a, _, e_b = _extend_exact(A, B, i, i, j, j)
            matched += e_a - i
            a1, b1 = e_a, e_b
        while max_gap:
            hit = _bridge(A, B, stop, a0, b0, max_gap, -1)
            if hit is None:
                break
            i, j = hit
            s_a, _, s_b, _ = _extend_exact(A, B, i, i, j, j)
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


def _article_ids(articles: pd.DataFrame, func: str) -> list[str]:
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
        ``quoted`` (the passage lies inside quotation marks in both articles).
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
    _require(articles, ("article_id", "body"), "find_text_reuse")
    _check_params(ngram, min_words, max_df, min_shared, max_gap)
    ids = _article_ids(articles, "find_text_reuse")
    bodies = articles["body"].fillna("").astype(str).tolist()
    index = _Index(bodies, ngram, int(max_df))
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
            rows.append((ids[a], sa, ea, ids[b], sb, eb, bodies[a][sa:ea], bodies[b][sb:eb],
                         a1 - a0, matched, matched / max(a1 - a0, b1 - b0), quoted))
    frame = pd.DataFrame(rows, columns=REUSE_COLUMNS)
    return frame.astype({"start_a": "int64", "end_a": "int64", "start_b": "int64", "end_b": "int64",
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
    _require(articles, ("article_id", "body"), "reuse_summary")
    if reuse is None:
        reuse = find_text_reuse(articles, **options)
    else:
        _require(reuse, ("article_a", "start_a", "end_a", "article_b", "start_b", "end_b"), "reuse_summary")
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
