"""Codebook-free claims: group near-paraphrase sentences across articles.

Without a codebook a corpus still gets a claims table: sentences that say
the same thing in different articles ("South Korea accuses Pyongyang of
sending thousands of containers of munitions to Russia" / "... accuses North
Korea of sending thousands of containers of ammunition ...") form one
cluster, and each cluster is a candidate claim.

Method
------
1. Blocking keeps it sub-quadratic: two sentences are compared only if
   they share a distinctive word pair (a bigram found in at most ``max_df``
   sentences and not made of two function words: "containers of",
   "previously denied", "return visit"). The number of comparisons grows
   with the number of genuinely similar sentences, not with the square of
   the corpus; every sentence pair on the seeds that scores above the
   threshold shares such a bigram.
2. The sentences that have a candidate partner are reduced to their claim
   content (:func:`analysis.claims.content.content_tokens`: proper names,
   titles and roles, reporting and function words left out) and vectorised
   with character n-gram TF-IDF (``char_wb``, 3-5 characters, sublinear tf,
   L2-normalised). Character n-grams match inflections and near-spellings
   ("compares"/"compared", "munitions"/"ammunition") that whole words
   miss, which is what rewritten wire copy looks like. Names and titles are
   left out because they dominate the n-grams of a sentence: "Tory leader
   Michael Howard has written to Tony Blair about e-mail rules" and "Tory
   leader Michael Howard has accused Tony Blair of U-turns on burglars"
   share a speaker and an addressee, not a claim.
3. Candidates are scored by cosine similarity; pairs at or above
   ``threshold`` that also share ``min_content_words`` content words
   (default 3) are links. The defaults, :data:`DEFAULT_THRESHOLD` = 0.25
   and :data:`MIN_CONTENT_WORDS` = 3, were chosen on the hand-labelled dev
   sets (real articles on three topics,
   ``benchmarks/eval_claim_clusters.py``), not on the seeds, and checked
   on 40 BBC politics articles, where one speaker's different statements
   must not cluster: a lower threshold or two shared words joins topic
   neighbours ("the election campaign", "a judicial review"); a higher one
   finds fewer of the dev sets' gold claims.
4. Links are merged by average linkage in decreasing order of similarity:
   two groups join only while the mean similarity of all their sentence
   pairs stays at or above the threshold, so topic neighbours do not chain
   into one giant cluster. Clusters spanning fewer than ``min_articles``
   articles are dropped (a sentence repeated inside one article is not a
   claim shared by sources).

Each cluster's representative is its medoid: the member with the highest
total similarity to the other members.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from analysis.checks import require_columns
from analysis.claims.content import content_tokens
from analysis.lexicon.roles import PLACE_HEADS, PRONOUNS
from analysis.text.sentences import sentences

#: Cosine similarity at which two sentences are paraphrases (dev-set calibrated, see above).
DEFAULT_THRESHOLD = 0.25

#: Content words (names, titles, reporting and function words left out) two paraphrases share at least.
MIN_CONTENT_WORDS = 3
#: Letters of a content word compared (inflections of one word meet).
STEM_CHARS = 5

COLUMNS = ["article_id", "sentence_id", "cluster_id", "start", "end", "sentence", "n_articles",
           "n_sentences", "representative", "similarity"]


_STOP = frozenset("""
a an the of to in on at for by with from and or but as is are was were be been has have had it its this that
these those he she they we i you his her their our said says will would could may might not no than then there
which who whom what when where while also into over after before about more most such some any all can just
""".split())
_TOKEN = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")


def _bigram_matrix(texts: list[str], max_df: int) -> sparse.csr_matrix:
    """Binary sentence x word-bigram matrix, keeping bigrams seen in 2..max_df sentences.

    Bigrams of two function words ("of the") are skipped: they say nothing
    about what a sentence claims.
    """
    vocab: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    for r, text in enumerate(texts):
        toks = _TOKEN.findall(text.lower())
        seen: set[int] = set()
        for w1, w2 in zip(toks, toks[1:]):
            if w1 in _STOP and w2 in _STOP:
                continue
            c = vocab.setdefault(w1 + " " + w2, len(vocab))
            if c not in seen:
                seen.add(c)
                rows.append(r)
                cols.append(c)
    W = sparse.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(texts), len(vocab)))
    df = np.asarray(W.sum(axis=0)).ravel()
    keep = np.flatnonzero((df >= 2) & (df <= max_df))
    return W[:, keep].tocsr()


def _stem_matrix(token_lists: list[list[str]]) -> sparse.csr_matrix:
    """Binary sentence x word-stem matrix (a stem: the word's first five letters, so "closes"/"closed" meet)."""
    vocab: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    for r, words in enumerate(token_lists):
        for c in {vocab.setdefault(w[:STEM_CHARS], len(vocab)) for w in words if not w[0].isdigit()}:
            rows.append(r)
            cols.append(c)
    return sparse.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)),
                             shape=(len(token_lists), max(len(vocab), 1)))


def _candidate_pairs(W: sparse.csr_matrix, min_shared: int, chunk: int = 4000) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (i < j) sharing >= min_shared blocking keys."""
    WT = W.T.tocsr()
    ii, jj = [], []
    for r0 in range(0, W.shape[0], chunk):
        C = (W[r0:r0 + chunk] @ WT).tocoo()
        i = C.row.astype(np.int64) + r0
        j = C.col.astype(np.int64)
        keep = (C.data >= min_shared) & (i < j)
        ii.append(i[keep])
        jj.append(j[keep])
    if not ii:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return np.concatenate(ii), np.concatenate(jj)


def _pair_cosines(X: sparse.csr_matrix, i: np.ndarray, j: np.ndarray, chunk: int = 100_000) -> np.ndarray:
    out = np.empty(len(i), dtype=np.float32)
    for a in range(0, len(i), chunk):
        out[a:a + chunk] = np.asarray(X[i[a:a + chunk]].multiply(X[j[a:a + chunk]]).sum(axis=1)).ravel()
    return out


def _average_linkage(n: int, i: np.ndarray, j: np.ndarray, sims: np.ndarray, threshold: float) -> np.ndarray:
    """Merge along links in decreasing similarity while the clusters' mean
    pairwise similarity (unscored pairs count as 0) stays >= threshold.

    Plain connected components would chain topic-neighbours into one
    cluster (a-b and b-c similar, a-c not); average linkage keeps a cluster
    a group of mutual paraphrases.
    """
    parent = list(range(n))
    size = [1] * n
    between: list[dict[int, float]] = [dict() for _ in range(n)]
    for a, b, s in zip(i.tolist(), j.tolist(), sims.tolist()):
        between[a][b] = between[a].get(b, 0.0) + s
        between[b][a] = between[b].get(a, 0.0) + s

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for k in np.argsort(-sims, kind="stable"):
        if sims[k] < threshold:
            break
        ra, rb = find(int(i[k])), find(int(j[k]))
        if ra == rb:
            continue
        link = between[ra].get(rb, 0.0) / (size[ra] * size[rb])
        if link < threshold:
            continue
        if len(between[ra]) < len(between[rb]):
            ra, rb = rb, ra
        parent[rb] = ra
        size[ra] += size[rb]
        for c, v in between[rb].items():
            if c == ra:
                continue
            between[ra][c] = between[ra].get(c, 0.0) + v
            between[c].pop(rb, None)
            between[c][ra] = between[c].get(ra, 0.0) + v
        between[ra].pop(rb, None)
        between[rb] = {}
    return np.array([find(x) for x in range(n)])


def cluster_claims(articles: pd.DataFrame, threshold: float = DEFAULT_THRESHOLD, min_words: int = 6,
                   min_articles: int = 2, min_shared: int | None = None,
                   max_df: int | None = None, min_content_words: int = MIN_CONTENT_WORDS) -> pd.DataFrame:
    """Group near-paraphrase sentences across articles into claim clusters.

    Parameters
    ----------
    articles : pandas.DataFrame
        At least ``article_id`` and ``body``.
    threshold : float, default 0.25 (:data:`DEFAULT_THRESHOLD`)
        Cosine similarity (character 3-5-gram TF-IDF of the sentences' claim
        content, :func:`analysis.claims.content.content_tokens`) at or above
        which two sentences from different articles are paraphrases.
    min_words : int, default 6
        Shorter sentences (datelines, credits, headings) are ignored.
    min_articles : int, default 2
        Keep clusters spanning at least this many articles; ``1`` also
        returns every remaining sentence as a singleton cluster.
    min_shared : int, optional
        Blocking: sentences are compared only when they share at least this
        many distinctive word pairs (bigrams seen in at most ``max_df``
        sentences, not both function words). Default: 1 for up to 5,000
        sentences, 2 above (on the 40,000 BBC sentences one shared bigram
        gives 2.5 million candidate pairs, two give 70,000).
    max_df : int, optional
        Bigrams in more than this many sentences (default 25) are too
        common to say two sentences make the same claim.
    min_content_words : int, default 3 (:data:`MIN_CONTENT_WORDS`)
        Two sentences link only when they also share this many content words
        (compared on their first :data:`STEM_CHARS` letters; numbers do not
        count), or all of the shorter one's when it has fewer (at least two):
        names, titles, reporting and function words do not count, so one
        speaker's two different statements do not make a claim.

    Returns
    -------
    pandas.DataFrame
        One row per clustered sentence: ``article_id``, ``sentence_id``,
        ``cluster_id`` ("K0001", numbered by decreasing number of articles),
        ``start``, ``end``, ``sentence``, ``n_articles`` and ``n_sentences``
        in the cluster, ``representative`` (the cluster's medoid sentence)
        and ``similarity`` (the sentence's best cosine to another member;
        NaN for singletons).

    Examples
    --------
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"article_id": ["a", "b", "c"], "body": [
    ...     "South Korea accuses Pyongyang of sending thousands of containers of munitions to Russia.",
    ...     "South Korea accuses North Korea of sending thousands of containers of ammunition to Russia.",
    ...     "The weather in Lisbon was mild and sunny for most of the long weekend."]})
    >>> out = cluster_claims(arts)
    >>> out[["article_id", "cluster_id", "n_articles"]].values.tolist()
    [['a', 'K0001', 2], ['b', 'K0001', 2]]
    """
    require_columns(articles, ("article_id", "body"), "cluster_claims")
    if not 0 < threshold <= 1:
        raise ValueError(f"cluster_claims() threshold must be in (0, 1], got {threshold}")
    sents = sentences(articles)
    sents = sents[sents["text"].str.split().str.len() >= min_words].reset_index(drop=True)
    if sents.empty:
        return pd.DataFrame(columns=COLUMNS)
    texts = sents["text"].tolist()
    cap = max_df if max_df is not None else 25
    shared = min_shared if min_shared is not None else (1 if len(texts) <= 5000 else 2)
    i, j = _candidate_pairs(_bigram_matrix(texts, cap), shared)
    n = len(sents)
    best = np.full(n, np.nan)
    if len(i):
        # character n-gram TF-IDF over the sentences that have a candidate
        # partner (IDF from those sentences: the ones that compete)
        involved = np.unique(np.concatenate([i, j]))
        local = np.full(n, -1, dtype=np.int64)
        local[involved] = np.arange(len(involved))
        content = [content_tokens(texts[k]) for k in involved]
        vectoriser = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, lowercase=True,
                                     dtype=np.float32)
        X = vectoriser.fit_transform([" ".join(words) for words in content]).tocsr()
        sims = _pair_cosines(X, local[i], local[j])
        # a paraphrase shares content words, not only characters: two different claims by one
        # speaker can share many n-grams of a long name left in a quotation
        S = _stem_matrix(content)
        shared_words = _pair_cosines(S, local[i], local[j])
        # a short sentence ("Officials said 14 villages had been cut off") cannot share three content
        # words: all of its own (at least two) are enough
        own = np.asarray(S.sum(axis=1)).ravel()
        need = np.maximum(np.minimum(min_content_words, np.minimum(own[local[i]], own[local[j]])), 2)
        keep = (sims >= threshold) & (shared_words >= need)
        i, j, sims = i[keep], j[keep], sims[keep]
        labels = _average_linkage(n, i, j, sims, threshold)
        np.fmax.at(best, i, sims)
        np.fmax.at(best, j, sims)
    else:
        X = None
        labels = np.arange(n)
    sents["_label"] = labels
    sents["similarity"] = best
    sents["_local"] = local[np.arange(n)] if X is not None else -1
    n_art = sents.groupby("_label")["article_id"].transform("nunique")
    n_sent = sents.groupby("_label")["article_id"].transform("size")
    sents["n_articles"] = n_art.astype("int64")
    sents["n_sentences"] = n_sent.astype("int64")
    sents = sents[sents["n_articles"] >= min_articles]
    if sents.empty:
        return pd.DataFrame(columns=COLUMNS)
    reps: dict[int, str] = {}
    for label, members in sents.groupby("_label").groups.items():
        idx = np.asarray(members)
        if len(idx) == 1 or X is None:
            reps[label] = sents.at[idx[0], "text"]
            continue
        sub = X[sents.loc[idx[:200], "_local"].to_numpy()]
        total = np.asarray((sub @ sub.T).sum(axis=1)).ravel()
        reps[label] = sents.at[idx[int(np.argmax(total))], "text"]
    order = (sents.groupby("_label").agg(n=("n_articles", "first"), m=("n_sentences", "first"),
                                         first=("article_id", "first"))
             .sort_values(["n", "m", "first"], ascending=[False, False, True]).index)
    names = {label: f"K{k + 1:04d}" for k, label in enumerate(order)}
    out = pd.DataFrame({
        "article_id": sents["article_id"].to_numpy(),
        "sentence_id": sents["sentence_id"].to_numpy(),
        "cluster_id": sents["_label"].map(names).to_numpy(),
        "start": sents["start"].to_numpy(),
        "end": sents["end"].to_numpy(),
        "sentence": sents["text"].to_numpy(),
        "n_articles": sents["n_articles"].to_numpy(),
        "n_sentences": sents["n_sentences"].to_numpy(),
        "representative": sents["_label"].map(reps).to_numpy(),
        "similarity": sents["similarity"].to_numpy(),
    })
    out = out.sort_values(["cluster_id", "article_id", "sentence_id"], kind="stable").reset_index(drop=True)
    return out.astype({"sentence_id": "int64", "start": "int64", "end": "int64", "n_articles": "int64",
                       "n_sentences": "int64"})


# --------------------------------------------------------------------------
# codebook-free claims: the clusters as a claims table

#: Columns of :func:`codebook_free_claims`: those of :func:`analysis.tag_claims`
#: (so every report table and chart takes either), then the cluster's size.
#: Here a statement is a whole sentence, so ``start``/``end`` and
#: ``sentence_start``/``sentence_end`` are the same span.
FREE_COLUMNS = ["article_id", "sentence_id", "claim_id", "stance", "speaker", "start", "end", "sentence",
                "label", "speaker_type", "cue", "stance_cue", "evidence", "voice", "outlet", "sentence_start",
                "sentence_end", "section", "n_articles", "similarity"]
_LEAD_QUOTE = re.compile(r"^[\s\"'“”‘’«»(\[-]+")
# a closing attribution after a comma or a closing quote: ', he said.', '," the ministry told AFP.',
# ', said Foreign Minister Jane Doe.' (never 'X said <claim>': the claim is what follows)
_TRAIL_ATTRIBUTION = re.compile(
    r"""(?:[,;]\s*["'”’»]?|["'”’»]\s*,?)\s*"""
    r"""(?:(?:(?:he|she|they|it|the\s+\w+(?:\s+\w+){0,3}|[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})\s+"""
    r"""(?:said|says|told|added|stated|wrote|noted|claimed|reported))|(?:said|says|told|added)\s+[\w.'’ -]{1,60})"""
    r"""(?:\s+[\w.'’-]+){0,6}\s*[.!?]?["'”’»]?\s*$""")


_DANGLING = re.compile(r"\s*(?:[-—–]+\s*)?\b(?:but|and|or|as|while)$|\s+[-—–]+$")


def claim_label(sentence: str, max_chars: int | None = 90) -> str:
    """A readable label from a cluster's representative sentence: shortened at a word.

    ``max_chars=None`` keeps the whole sentence (the claims table does: report
    tables show labels whole, and charts shorten them to what fits).

    A closing attribution (", he said.", "..., the ministry told reporters.")
    and surrounding quote marks are dropped; what remains is cut at a word
    boundary and ends with "…" when it was cut (``max_chars=None``: never cut).

    Examples
    --------
    >>> claim_label('"The drones were launched from the north," the army said.')
    'The drones were launched from the north'
    >>> claim_label("Officials in the capital confirmed that the bridge over the river would stay closed "
    ...             "for repairs until the end of next year at the earliest.", 60)
    'Officials in the capital confirmed that the bridge over the…'
    """
    text = " ".join(str(sentence).split())
    bare = _TRAIL_ATTRIBUTION.sub("", text)
    if len(bare.split()) >= 4:  # keep the attribution when it is most of the sentence
        text = bare
    text = _LEAD_QUOTE.sub("", text).rstrip(" .,;:\"'”’»")
    text = _DANGLING.sub("", text)  # a sentence split before its end: "... abroad - but"
    if max_chars is None or len(text) <= max_chars:
        return text
    cut = text[:max_chars + 1].rsplit(" ", 1)[0].rstrip(" ,;:-—–")
    return cut + "…"


def usable_speaker(speaker: str, speaker_type: str) -> bool:
    """Whether a statement's speaker can be a source: not an unresolved pronoun, not a place.

    Examples
    --------
    >>> [usable_speaker(s, t) for s, t in [("it", "unknown"), ("Luton Airport", "person"),
    ...                                    ("Jane Doe", "person"), ("Daily Herald", "narrator")]]
    [False, False, True, True]
    """
    if speaker_type == "narrator":
        return True
    words = str(speaker).lower().split()
    if speaker_type == "unknown" or not words or " ".join(words) in PRONOUNS:
        return False
    return words[-1] not in PLACE_HEADS


def _stance_on_label(frame: pd.DataFrame) -> pd.DataFrame:
    """Stances relative to each cluster's claim (its label), not to any cue in the sentence.

    A cluster mixing denials with statements they deny is labelled by a
    statement (the best-linked non-denial member), and a member denies it
    only when the words its denial governs ("denied *that the workers were
    laid off*") share content words with that statement; a denial of
    something else in the sentence leaves the member's stance on the claim
    a plain (or hedged) statement. A cluster whose members all report one
    denial ("X denied Y") has that denial as its claim: its members assert it.
    """
    from analysis.claims.stance import stance_cues

    frame = frame.copy()
    for cid, g in frame.groupby("cluster_id"):
        deny = g["stance"] == "denies"
        if deny.all():
            frame.loc[g.index, "stance"] = "asserts"
            frame.loc[g.index, "stance_cue"] = ""
            continue
        if not deny.any():
            continue
        claim = g["representative"].iloc[0]
        if g["sentence"].eq(claim)[deny].any():
            claim = g[~deny].sort_values("similarity", ascending=False, kind="stable")["sentence"].iloc[0]
            frame.loc[g.index, "representative"] = claim
        claim_stems = {w[:STEM_CHARS] for w in content_tokens(claim)}
        for idx in g.index[deny.to_numpy()]:
            text = frame.at[idx, "sentence"]
            found = stance_cues(text)
            denied = " ".join(text[d.end:d.scope_end] for d in found.denials)
            if len({w[:STEM_CHARS] for w in content_tokens(denied)} & claim_stems) >= 2:
                continue  # the denial governs the cluster's claim
            hedge = found.hedges[0].surface if found.hedges else ""
            frame.at[idx, "stance"] = "hedged" if hedge else "asserts"
            frame.at[idx, "stance_cue"] = hedge
    return frame


def codebook_free_claims(articles: pd.DataFrame, attributions: pd.DataFrame | None = None,
                         threshold: float = DEFAULT_THRESHOLD, attributed_only: bool = True, min_articles: int = 2,
                         label_chars: int | None = None, **cluster_options) -> pd.DataFrame:
    """Claims without a codebook: clusters of near-paraphrases, as a claims table.

    The sentences of the corpus are clustered with :func:`cluster_claims`
    (near-paraphrases across at least ``min_articles`` articles); each
    cluster becomes one claim, ``claim_id`` its cluster id ("K0001", most
    widely reported first) and ``label`` its representative sentence,
    shortened (:func:`claim_label`). With ``attributed_only`` a cluster is
    kept only when at least one of its sentences is attributed to a source
    other than the outlet's own narration (a statement someone makes, not
    background); all of its sentences are rows, narration included.

    Each row's speaker is the sentence's attribution
    (:func:`analysis.extract_attributions`; the outlet for narration) and its
    stance comes from the sentence's own cues (:func:`analysis.claims.stance.stance_cues`):
    ``denies`` when it reports a live denial ("denied", "rejected as
    baseless"), ``hedged`` under a hedge ("may", "reportedly", "alleged"),
    else ``asserts``. Without a codebook there is no claim to negate, so a
    plain "not" does not make a denial. Stances are on the cluster's claim:
    a cluster mixing denials with what they deny is labelled by a
    non-denial member, and a cluster whose members all report one denial
    has that denial as its claim, so its members assert it (the label
    sentence never denies itself). Statements whose speaker is an
    unresolved pronoun or a place (:func:`usable_speaker`) are skipped.

    Parameters
    ----------
    articles : pandas.DataFrame
        At least ``article_id`` and ``body`` (``outlet`` names the narrator).
    attributions : pandas.DataFrame, optional
        :func:`analysis.extract_attributions` output with narrator rows (to
        avoid computing it twice).
    threshold : float, default 0.25 (:data:`DEFAULT_THRESHOLD`)
        Passed to :func:`cluster_claims`.
    attributed_only : bool, default True
        Keep only clusters with at least one attributed sentence.
    min_articles : int, default 2
        Passed to :func:`cluster_claims`.
    label_chars : int or None, default None
        Labels are cut at a word to this length (:func:`claim_label`);
        ``None`` keeps them whole (the draft codebook does).
    **cluster_options
        Other :func:`cluster_claims` options (``min_words``, ``max_df`` ...).

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`analysis.tag_claims` (``article_id``,
        ``sentence_id``, ``claim_id``, ``stance``, ``speaker``, ``start``,
        ``end``, ``sentence``, ``label``, ``speaker_type``, ``cue``,
        ``stance_cue``, ``evidence`` = "") plus ``n_articles`` (articles in
        the cluster) and ``similarity`` (the sentence's best cosine to
        another member). Clusters are renumbered K0001... after filtering.

    Examples
    --------
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["Daily", "Herald"], "body": [
    ...     "The mayor said the bridge over the river will stay closed until next spring.",
    ...     "The bridge over the river will stay closed until next spring, the mayor said."]})
    >>> out = codebook_free_claims(arts)
    >>> out[["article_id", "claim_id", "stance", "speaker"]].values.tolist()
    [['a', 'K0001', 'asserts', 'mayor'], ['b', 'K0001', 'asserts', 'mayor']]
    """
    from analysis.sources.attribution import extract_attributions
    from analysis.claims.stance import stance_cues

    require_columns(articles, ("article_id", "body"), "codebook_free_claims")
    clusters = cluster_claims(articles, threshold=threshold, min_articles=min_articles, **cluster_options)
    empty = pd.DataFrame({c: pd.Series(dtype="int64" if c in ("sentence_id", "start", "end", "sentence_start",
                                                               "sentence_end", "n_articles")
                                       else "float64" if c == "similarity" else object) for c in FREE_COLUMNS})
    if clusters.empty:
        return empty
    if attributions is None:
        used = articles[articles["article_id"].isin(set(clusters["article_id"]))]
        attributions = extract_attributions(used, narrator=True)
    attr = attributions[["article_id", "sentence_id", "speaker", "speaker_type", "cue"]].drop_duplicates(
        ["article_id", "sentence_id"])
    attr = attr.assign(article_id=attr["article_id"].astype(str))
    frame = clusters.assign(article_id=clusters["article_id"].astype(str)).merge(
        attr, on=["article_id", "sentence_id"], how="left")
    outlets = dict(zip(articles["article_id"].astype(str),
                       articles["outlet"].fillna("").astype(str) if "outlet" in articles else [""] * len(articles)))
    narrator = frame["speaker_type"].isna() | (frame["speaker_type"] == "narrator")
    frame["speaker"] = frame["speaker"].where(~frame["speaker"].isna(),
                                              frame["article_id"].map(outlets).replace("", "narrator"))
    frame["speaker_type"] = frame["speaker_type"].fillna("narrator")
    frame["cue"] = frame["cue"].fillna("")
    if attributed_only:
        attributed = (~narrator).groupby(frame["cluster_id"]).transform("any")
        frame = frame[attributed]
        if frame.empty:
            return empty
    # a statement whose "speaker" is an unresolved pronoun ("it said") or a place ("Luton Airport
    # said") has no usable source: it is skipped, and a cluster left in one article goes with it
    frame = frame[[usable_speaker(sp, kind) for sp, kind in zip(frame["speaker"].astype(str), frame["speaker_type"])]]
    frame = frame.assign(n_articles=frame.groupby("cluster_id")["article_id"].transform("nunique"),
                         n_sentences=frame.groupby("cluster_id")["article_id"].transform("size"))
    frame = frame[frame["n_articles"] >= min_articles]
    if frame.empty:
        return empty
    stances, cues = [], []
    for text in frame["sentence"].tolist():
        found = stance_cues(text)
        if found.denials:
            stances.append("denies")
            cues.append(found.denials[0].surface)
        elif found.hedges:
            stances.append("hedged")
            cues.append(found.hedges[0].surface)
        else:
            stances.append("asserts")
            cues.append("")
    frame["stance"] = stances
    frame["stance_cue"] = cues
    frame = _stance_on_label(frame)
    # renumber after filtering: K0001 is the most widely reported kept cluster
    order = (frame.groupby("cluster_id").agg(n=("n_articles", "first"), m=("n_sentences", "first"))
             .sort_values(["n", "m"], ascending=[False, False], kind="stable").index)
    names = {old: f"K{k + 1:04d}" for k, old in enumerate(order)}
    frame["claim_id"] = frame["cluster_id"].map(names)
    # whole labels by default: tables wrap them; charts shorten them to what fits there
    labels = {cid: claim_label(rep, label_chars) for cid, rep in zip(frame["claim_id"], frame["representative"])}
    frame["label"] = frame["claim_id"].map(labels)
    frame["evidence"] = ""
    # the outlet's own narration vs someone it reports (as tag_claims' voice)
    frame["voice"] = ["own" if kind == "narrator" else "reported" for kind in frame["speaker_type"]]
    frame["outlet"] = frame["article_id"].map(outlets).fillna("")
    frame["sentence_start"], frame["sentence_end"] = frame["start"], frame["end"]
    frame["section"] = "body"
    out = frame.sort_values(["claim_id", "article_id", "sentence_id"], kind="stable")[FREE_COLUMNS]
    return out.reset_index(drop=True).astype({"sentence_id": "int64", "start": "int64", "end": "int64",
                                              "sentence_start": "int64", "sentence_end": "int64",
                                              "n_articles": "int64"})
