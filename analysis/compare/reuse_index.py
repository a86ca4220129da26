"""The shingle index behind :func:`analysis.find_text_reuse`.

Every (shingle hash, article) pair of the corpus goes into numpy arrays
sorted by hash, so articles that share uncommon shingles are found without
comparing all pairs.  The arrays for 100,000 articles hold hundreds of
millions of rows, so the build works in 16 hash ranges and in slices of
articles: no sort ever holds the whole corpus at once (see
``docs/profiling.md``, "Text reuse index built in hash-range passes").
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from analysis.text.shingles import Vocabulary, shingle_hashes

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


class ShingleIndex:
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
                runs.append(extend_exact(LA, LB, a0, a1, b0, b0 + (a1 - a0)))
                continue
            # a hash collision or a filtered gap: keep only the verified stretches
            edges = np.flatnonzero(np.diff(np.concatenate(([0], eq.view(np.int8), [0]))))
            for s, e in zip(edges[::2], edges[1::2]):
                if e - s >= n:
                    runs.append(extend_exact(LA, LB, a0 + int(s), a0 + int(e), b0 + int(s), b0 + int(e)))
        return sorted(set(runs))


def extend_exact(A, B, a0, a1, b0, b1):
    """Grow an exact run while the neighbouring tokens match (A, B: lists of ids)."""
    while a0 > 0 and b0 > 0 and A[a0 - 1] == B[b0 - 1]:
        a0, b0 = a0 - 1, b0 - 1
    na, nb = len(A), len(B)
    while a1 < na and b1 < nb and A[a1] == B[b1]:
        a1, b1 = a1 + 1, b1 + 1
    return a0, a1, b0, b1
