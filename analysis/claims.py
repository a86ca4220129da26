"""Tag sentences with codebook claims, each with a stance and a speaker.

For every article the codebook's term groups are scanned over the body
once each (lazily: a group is scanned only when a rule needs it, and a
rule stops at its first group with no hit in the body), the hits are
mapped to sentences, and each claim's rules are checked only in the
sentences holding hits of the rule's first group. Cost is linear in the
corpus size times the number of groups.

Stance of a matched claim (see :mod:`analysis.stance`):

1. ``kind: denial`` claims (C07 in the sample codebook) are tagged only in
   sentences that report a live denial; their stance is ``asserts`` (or
   ``hedged`` under a hedge) and the speaker is the denying party;
2. any other claim whose terms sit inside a reported denial's clause ("Kim
   Yo Jong denied the allegations that Pyongyang is shipping weapons to
   Russia") gets ``denies``, with the denying party as speaker;
3. a claim negated by the sentence ("did not send", "no evidence that")
   gets ``denies``;
4. a claim whose last term lies in a hedge's scope ("accuses Pyongyang of
   sending ...", "... which would violate sanctions", "appear to be from
   North Korea") gets ``hedged``;
5. otherwise ``asserts``.

The speaker is the sentence's attribution from
:func:`analysis.extract_attributions` (the outlet for narration).
"""

from __future__ import annotations

import warnings
from bisect import bisect_right
from collections import defaultdict

import pandas as pd

from .attribution import _CUE_RE, _np_before, _valid_speaker, extract_attributions
from .codebook import Claim, Codebook, CodebookLike, Rule, TermGroup, resolve_codebook
from .sentences import _require, iter_sentence_spans
from .speakers import clean_phrase, looks_like_person, pronoun_kind, speaker_type, split_role
from .stance import Cue, StanceCues, stance_cues

COLUMNS = ["article_id", "sentence_id", "claim_id", "stance", "speaker", "start", "end", "sentence",
           "label", "speaker_type", "cue", "stance_cue", "evidence"]
_DENIAL_CUES = frozenset({"denied", "dismissed", "rejected"})
_ALLEGATION_WORDS = frozenset({"allegation", "allegations", "claim", "claims", "accusation", "accusations"})
# a denial worded from its object ("the reports were groundless", "fabricated reports")
# names no denying party before it: the sentence's speaker is the denier
_DENIAL_OBJECT_WORDS = frozenset("""report reports allegation allegations accusation accusations claim claims findings
charge charges fabricated baseless groundless unfounded false absurd bogus""".split())


class _ArticleHits:
    """Lazily computed term-group hits of one body, by sentence."""

    def __init__(self, body: str, starts: list[int]) -> None:
        self.body = body
        self.starts = starts
        self._cache: dict[int, dict[int, list[tuple[int, int]]]] = {}

    def of(self, group: TermGroup) -> dict[int, list[tuple[int, int]]]:
        key = id(group)
        got = self._cache.get(key)
        if got is None:
            got = defaultdict(list)
            for m in group.pattern.finditer(self.body):
                got[bisect_right(self.starts, m.start()) - 1].append((m.start(), m.end()))
            got = dict(got)
            self._cache[key] = got
        return got


def _rule_terms(rule: Rule, hits: _ArticleHits, sid: int, lo: int, hi: int, sentence: str,
                speaker: str) -> list[tuple[int, int]] | None:
    """Term spans proving ``rule`` in body[lo:hi] of sentence ``sid``, or None."""
    used: list[tuple[int, int]] = []
    for g in rule.all:
        inside = [h for h in hits.of(g).get(sid, ()) if lo <= h[0] and h[1] <= hi]
        if not inside:
            return None
        used.extend(inside)
    if rule.any:
        found = [h for g in rule.any for h in hits.of(g).get(sid, ()) if lo <= h[0] and h[1] <= hi]
        if not found:
            return None
        used.extend(found)
    for g in rule.none:
        if hits.of(g).get(sid):
            return None
    if rule.regex is not None:
        m = rule.regex.search(hits.body, lo, hi)
        if not m:
            return None
        used.append((m.start(), m.end()))
    if rule.speaker and not any(g.pattern.search(speaker or "") for g in rule.speaker):
        return None
    return used


def _candidates(rule: Rule, hits: _ArticleHits, n_sentences: int) -> list[int]:
    if rule.all:
        return sorted(hits.of(rule.all[0]))
    if rule.any:
        return sorted({sid for g in rule.any for sid in hits.of(g)})
    return list(range(n_sentences))


def _evidence(body: str, spans: list[tuple[int, int]]) -> str:
    seen: list[str] = []
    for s, e in sorted(set(spans)):
        word = body[s:e]
        if word not in seen:
            seen.append(word)
    return "; ".join(seen)


def tag_claims(articles: pd.DataFrame, codebook: CodebookLike = None,
               attributions: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per (sentence, claim) the codebook finds, with stance and speaker.

    Parameters
    ----------
    articles : pandas.DataFrame
        At least ``article_id`` and ``body`` (``outlet`` names the narrator).
    codebook : str, pathlib.Path, Codebook or None
        A YAML codebook file or a loaded :class:`~analysis.codebook.Codebook`.
        ``None`` uses the corpus's own codebook, which
        :func:`analysis.load_corpus` records in ``articles.attrs["codebook"]``
        when the corpus carries a ``codebook.yaml``; with none, nothing is
        tagged (an empty table, with a warning). There is no package-wide
        default: the sample corpus's codebook (``seeds/codebook.yaml``,
        claims C01-C12 on North Korean arms transfers to Russia) is used
        only for ``seeds/`` or when passed.
    attributions : pandas.DataFrame, optional
        The output of :func:`analysis.extract_attributions` for the same
        articles (with narrator rows), to avoid computing it twice.

    Returns
    -------
    pandas.DataFrame
        Columns ``article_id``, ``sentence_id``, ``claim_id``, ``stance``
        (``asserts``, ``hedged`` or ``denies``), ``speaker`` (who makes the
        claim: the attributed source, the denying party for denials, the
        outlet for narration), ``start``, ``end`` (the sentence's body
        offsets), ``sentence``, and ``label`` (the claim's label),
        ``speaker_type``, ``cue`` (the attribution cue), ``stance_cue``
        (the words that set a hedged/denies stance, or the denial verb of
        a denial claim; "" otherwise) and ``evidence`` (the matched terms).

    Raises
    ------
    CodebookError
        The codebook file is invalid.

    Warns
    -----
    UserWarning
        No codebook was given and the corpus has none.

    Examples
    --------
    >>> import pandas as pd
    >>> from analysis.codebook import SAMPLE_CODEBOOK
    >>> arts = pd.DataFrame({"article_id": ["a"], "outlet": ["Daily"], "body": [
    ...     "South Korea accuses Pyongyang of sending shells to Russia."]})
    >>> tag_claims(arts, SAMPLE_CODEBOOK)[["claim_id", "stance", "speaker"]].values.tolist()
    [['C03', 'hedged', 'South Korea']]
    """
    _require(articles, ("article_id", "body"), "tag_claims")
    book = resolve_codebook(codebook, articles)
    if book is None:
        # a codebook belongs to a corpus: never fall back to the sample topic's
        warnings.warn("tag_claims: no codebook given and the corpus has none (no codebook.yaml beside it), so no "
                      "claims were tagged; pass codebook=PATH, or use analysis.cluster_claims for codebook-free "
                      "claims (`python -m analysis draft-codebook CORPUS -o codebook.yaml` writes a starter "
                      "codebook)", UserWarning, stacklevel=2)
        return pd.DataFrame({c: pd.Series(dtype="int64" if c in ("sentence_id", "start", "end") else object)
                             for c in COLUMNS})
    if attributions is None:
        attributions = extract_attributions(articles, narrator=True)
    by_sentence: dict[tuple[str, int], tuple] = {}
    cols = ["article_id", "sentence_id", "speaker", "speaker_type", "cue", "cue_start"]
    cols += [c for c in ("quote_start", "quote_end") if c in attributions.columns]
    for row in attributions[cols].itertuples(index=False):
        by_sentence[(row[0], int(row[1]))] = row
    outlets = articles["outlet"] if "outlet" in articles.columns else pd.Series([""] * len(articles))
    rows: list[tuple] = []
    for aid, body, outlet in zip(articles["article_id"].astype(str), articles["body"].fillna("").astype(str),
                                 outlets.tolist()):
        rows.extend(_tag_article(aid, body, outlet if isinstance(outlet, str) and outlet else "narrator",
                                 book, by_sentence))
    frame = pd.DataFrame(rows, columns=COLUMNS)
    return frame.astype({"sentence_id": "int64", "start": "int64", "end": "int64"})


def _tag_article(aid: str, body: str, outlet: str, book: Codebook, by_sentence: dict) -> list[tuple]:
    spans = list(iter_sentence_spans(body))
    if not spans:
        return []
    starts = [s for s, _ in spans]
    hits = _ArticleHits(body, starts)
    matched: dict[int, list[tuple[Claim, list[tuple[int, int]]]]] = defaultdict(list)
    for claim in book.claims:
        done: set[int] = set()
        for rule in claim.rules:
            for sid in _candidates(rule, hits, len(spans)):
                if sid in done:
                    continue
                s, e = spans[sid]
                attr = by_sentence.get((aid, sid))
                speaker = attr[2] if attr is not None else outlet
                used = _rule_terms(rule, hits, sid, s, e, body[s:e], speaker)
                if used is not None:
                    matched[sid].append((claim, used))
                    done.add(sid)
    rows: list[tuple] = []
    speakers = {by_sentence[(aid, sid)][2] for sid in range(len(spans)) if (aid, sid) in by_sentence}
    for sid in sorted(matched):
        s, e = spans[sid]
        text = body[s:e]
        cues = stance_cues(text, book.hedges.pattern if book.hedges else None,
                           book.denials.pattern if book.denials else None)
        attr = by_sentence.get((aid, sid))
        speaker, stype, cue = (attr[2], attr[3], attr[4]) if attr is not None else (outlet, "narrator", "")
        for claim, used in matched[sid]:
            stance, stance_cue = _claim_stance(claim, used, cues, s, sid, hits, text, speaker)
            if stance is None:
                continue
            who, who_type = speaker, stype
            if (claim.kind == "denial" or stance == "denies") and cues.denials and cue not in _DENIAL_CUES \
                    and not _quoted(attr, s + cues.denials[0].start) \
                    and cues.denials[0].surface.split()[0].lower() not in _DENIAL_OBJECT_WORDS:
                # "X said Pyongyang denied ...": the denying party speaks (but
                # in '"We have never exported weapons," the ministry said' the
                # quoted speaker is the denying party)
                denier = _denier(body, s, s + cues.denials[0].start, speakers)
                if denier:
                    who, who_type = denier, speaker_type(denier)
            rows.append((aid, sid, claim.id, stance, who, s, e, text, claim.label, who_type, cue, stance_cue,
                         _evidence(body, used)))
    return rows


def _quoted(attr: tuple | None, offset: int) -> bool:
    """Does ``offset`` lie in the sentence's quotation?"""
    return attr is not None and len(attr) > 7 and attr[6] <= offset < attr[7]


def _denier(body: str, s: int, cue_start: int, speakers: set[str]) -> str | None:
    """The denying party named before a denial cue, canonical like the article's speakers."""
    got = _np_before(body, s, cue_start)
    if got is None or not _valid_speaker(got[0], body[s:got[1]].strip() == "") or _CUE_RE.search(got[0]):
        return None  # "the ministry said the report was a fabrication": the speaker denies
    name = clean_phrase(got[0])
    if pronoun_kind(name):
        return None
    person, _role = split_role(name)
    if looks_like_person(person):
        name = person  # "Russia's foreign ministry spokeswoman Maria Zakharova" -> "Maria Zakharova"
    if len(name.split()) == 1:
        # "Peskov" -> "Dmitry Peskov" when the article attributes words to him
        full = sorted(sp for sp in speakers if isinstance(sp, str) and name in sp.split() and sp != name)
        if full:
            name = full[0]
    return name


def _governed(claim: Claim, cue: Cue, hits: _ArticleHits, sid: int, s: int, text: str, speaker: str) -> bool:
    """Does the claim hold within the cue's clause, with a term at or after the cue?

    A claim already complete before the cue is not governed by it: the cue
    then opens a comment on it ("... sent 10,000 containers to Russia,
    which could hold 4.8 million shells"; "talks ..., amid fears that the
    North will supply munitions"; "the accuracy of the KN-23 improved,
    suggesting ... Ukraine").
    """
    for rule in claim.rules:
        inside = _rule_terms(rule, hits, sid, s, s + cue.scope_end, text, speaker)
        if inside is None or not any(a - s >= cue.start for a, _ in inside):
            continue
        if _rule_terms(rule, hits, sid, s, s + cue.start, text, speaker) is not None:
            continue
        return True
    return False


def _claim_stance(claim: Claim, used: list[tuple[int, int]], cues: StanceCues, s: int, sid: int,
                  hits: _ArticleHits, text: str, speaker: str) -> tuple[str | None, str]:
    """(stance, cue words) of a matched claim; stance None drops the match."""
    if claim.kind == "denial":
        if not cues.mentions_denial:
            return None, ""
        for h in cues.hedges:
            if h.surface.lower() not in _ALLEGATION_WORDS and _governed(claim, h, hits, sid, s, text, speaker):
                return "hedged", h.surface
        return "asserts", cues.denials[0].surface if cues.denials else "denial"
    for d in cues.denials:
        if _governed(claim, d, hits, sid, s, text, speaker):
            return "denies", d.surface
    neg = cues.negation_for([a - s for a, _ in used])
    if neg is not None:
        return "denies", neg.surface
    for h in cues.hedges:
        if _governed(claim, h, hits, sid, s, text, speaker):
            return "hedged", h.surface
    return "asserts", ""
