"""Tag sentences with codebook claims: who states which claim, in whose voice, how sure.

For every article the codebook's term groups are scanned over the body
once each (lazily: a group is scanned only when a rule needs it, a rule
stops at its first group with no hit in the body, and a group none of
whose terms can start with a word of the body is never scanned), the hits
are mapped to sentences, and each claim's rules are checked only in the
sentences holding hits of the rule's first group. Cost is linear in the
corpus size times the number of groups.

**Voice.** Each row says who makes the statement (``speaker``, canonical,
with ``speaker_type``), in which ``voice``: ``own`` when the outlet states
it in its own narration, ``reported`` when the outlet reports someone
else's statement (``cue`` is the reporting verb). ``stance`` is always the
*speaker's* stance: an outlet reporting a denial is not denying ("Both
Moscow and Pyongyang have denied the transfers" gives Russia and North
Korea ``denies``, voice ``reported``); an accusation is the accuser
asserting ("South Korea accused Pyongyang of sending shells": South Korea
``asserts``). A statement made jointly ("Moscow and Pyongyang denied ...")
gives one row per party.

Stance of a matched claim (see :mod:`analysis.claims.stance`):

1. ``kind: denial`` claims (C07 in the sample codebook) are tagged only in
   sentences that report a live denial or negate another claim; their
   stance is ``asserts`` (or ``hedged`` under a hedge) and the speaker is
   the denying party;
2. any other claim whose terms sit inside a reported denial's clause ("Kim
   Yo Jong denied the allegations that Pyongyang is shipping weapons to
   Russia") gets ``denies``, with the denying party as speaker;
3. a claim negated by the sentence ("did not send", "was not involved in
   the attack", "no evidence that") gets ``denies`` — no denial rule needed;
4. a claim whose last term lies in a hedge's scope ("is accused of sending
   ...", "... which would violate sanctions", "appear to be from North
   Korea") gets ``hedged``;
5. otherwise ``asserts``.

Headlines (an ``headline`` column) are tagged like body sentences and
marked ``section == "headline"``; their offsets index into the headline and
their ``sentence_id`` is -1.
"""

from __future__ import annotations

import re
import warnings
from bisect import bisect_right
from collections import defaultdict
from pathlib import Path

import pandas as pd

from analysis.sources.attribution import (CUE_RE, ProperWords, canonical_speaker_tables, clause_speaker, extract_attributions, np_before,
                          trie_alternation, valid_speaker)
from analysis.claims.codebook import Claim, Codebook, CodebookLike, Rule, TermGroup
from analysis.claims import codebook as codebook_files
from analysis.sources.coreference import split_speakers
from analysis.checks import require_columns
from analysis.text.sentences import iter_sentence_spans
from analysis.text.quotes import quote_spans
from analysis.lexicon.function_words import CLAUSE_BREAK_PATTERN, TERM_FUNCTION_WORDS
from analysis.lexicon.stance_words import (ALLEGATION_WORDS, DENIAL_CUES, DENIAL_OBJECT_WORDS, DENIAL_SKIP_WORDS,
                                           RETRO_DENIAL_PATTERN)
from analysis.sources.speakers import clean_phrase, has_role_word, is_country, looks_like_person, pronoun_kind, speaker_type, split_role
from analysis.claims.stance import Cue, StanceCues, stance_cues

#: ``start``/``end``: the words that state the claim (first to last matched term) in the body
#: (in the headline for ``section == "headline"``); ``sentence_start``/``sentence_end``: its sentence.
COLUMNS = ["article_id", "sentence_id", "claim_id", "stance", "speaker", "start", "end", "sentence",
           "label", "speaker_type", "cue", "stance_cue", "evidence", "voice", "outlet", "sentence_start",
           "sentence_end", "section"]
VOICES = ("own", "reported")


_BOOKS: dict[tuple[str, int, int], Codebook] = {}


def load_codebook(codebook: CodebookLike) -> Codebook:
    """:func:`analysis.claims.codebook.load_codebook`, parsed once per file version.

    Parsing the YAML costs about as much as tagging 150 off-topic articles;
    a file is read again only when its size or modification time changes.
    """
    if isinstance(codebook, Codebook):
        return codebook
    path = Path(codebook)
    try:
        st = path.stat()
    except OSError:
        return codebook_files.load_codebook(codebook)  # the loader names the missing file
    key = (str(path.resolve()), st.st_mtime_ns, st.st_size)
    book = _BOOKS.get(key)
    if book is None:
        if len(_BOOKS) > 16:
            _BOOKS.clear()
        book = _BOOKS[key] = codebook_files.load_codebook(codebook)
    return book


class _Lexicon:
    """Every word a codebook's terms need, scanned in one pass per body.

    One trie-factored pattern finds the body words that start like some
    term word (most words are rejected on their first letters, at C
    speed); those few words give, through an index, the term groups that
    can match, and each rule is possible when its groups are: a few set
    operations per article instead of one scan per group.
    """

    def __init__(self, book: Codebook) -> None:
        self.book = book  # keeps the id this lexicon is cached under alive
        self.gid: dict[tuple[str, ...], int] = {}
        self.always: set[int] = set()
        self.exact: dict[str, set[int]] = defaultdict(set)
        self.prefixes: dict[str, set[int]] = defaultdict(set)
        self.multi: list[tuple[int, list[tuple[str, bool]]]] = []
        for g in book.groups() + [g for c in book.claims for r in c.rules for g in r.speaker]:
            if g.terms in self.gid:
                continue
            gid = self.gid[g.terms] = len(self.gid)
            keys = _group_keys(g)
            if keys is None:
                self.always.add(gid)
                continue
            for w in keys[0]:
                self.exact[w].add(gid)
            for ps in keys[1].values():
                for w in ps:
                    self.prefixes[w].add(gid)
            self.multi.extend((gid, term) for term in keys[2])
        self.exact_words = frozenset(self.exact) | {w for _, t in self.multi for w, pf in t if not pf}
        self.multi_by_first: dict[str, list[tuple[int, list[tuple[str, bool]]]]] = defaultdict(list)
        for gid, term in self.multi:
            self.multi_by_first[term[0][0]].append((gid, term))
        self.prefix_words = frozenset(self.prefixes) | {w for _, t in self.multi for w, pf in t if pf}
        self.lengths = sorted({len(p) for p in self.prefix_words})
        # exact words end where the word ends; prefixes take any ending
        self.scan_exact = re.compile(r"(?<!\w)(?:" + trie_alternation(sorted(self.exact_words)) + r")(?!\w)") \
            if self.exact_words else None
        self.scan_prefix = re.compile(r"(?<!\w)(?=" + trie_alternation(sorted(self.prefix_words)) + r")\w+") \
            if self.prefix_words else None
        self.rules: dict[int, tuple[frozenset[int], frozenset[int]]] = {
            id(r): (frozenset(self.gid[g.terms] for g in r.all), frozenset(self.gid[g.terms] for g in r.any))
            for c in book.claims for r in c.rules}

    def possible_groups(self, body: str) -> set[int]:
        """Ids of the groups whose terms' words all occur in ``body``."""
        out = set(self.always)
        low = body.lower()
        found_exact = set(self.scan_exact.findall(low)) if self.scan_exact is not None else set()
        cands = set(self.scan_prefix.findall(low)) if self.scan_prefix is not None else set()
        found_prefix = {w[:n] for w in cands for n in self.lengths if w[:n] in self.prefix_words}
        for w in found_exact:
            out |= self.exact[w]
        for w in found_prefix:
            got = self.prefixes.get(w)
            if got:
                out |= got
        for key in found_exact | found_prefix:
            for gid, term in self.multi_by_first.get(key, ()):
                if gid not in out and all(w in (found_prefix if pf else found_exact) for w, pf in term):
                    out.add(gid)
        return out


_LEXICONS: dict[int, _Lexicon] = {}


def _lexicon(book: Codebook) -> _Lexicon:
    got = _LEXICONS.get(id(book))
    if got is None or got.book is not book:
        if len(_LEXICONS) > 32:
            _LEXICONS.clear()
        got = _LEXICONS[id(book)] = _Lexicon(book)
    return got


class _Words:
    """Which term groups and rules can match one body at all (computed on first use)."""

    def __init__(self, body: str, lexicon: _Lexicon, cache: dict | None = None) -> None:
        self.body = body
        self.lexicon = lexicon
        self.cache = cache
        self._possible: set[int] | None = None

    def groups(self) -> set[int]:
        if self._possible is None:
            got = self.cache.get(self.body) if self.cache is not None else None
            if got is None:
                got = self.lexicon.possible_groups(self.body)
                if self.cache is not None:
                    self.cache[self.body] = got
            self._possible = got
        return self._possible

    def may_match(self, group: TermGroup) -> bool:
        gid = self.lexicon.gid.get(group.terms)
        return gid is None or gid in self.groups()

    def any_rule(self) -> bool:
        """Can any rule of the codebook match this body?"""
        have = self.groups()
        return any(need <= have and (not any_of or not any_of.isdisjoint(have))
                   for need, any_of in self.lexicon.rules.values())

    def rule_possible(self, rule: Rule) -> bool:
        req = self.lexicon.rules.get(id(rule))
        if req is None:
            return True
        need, any_of = req
        have = self.groups()
        return need <= have and (not any_of or not any_of.isdisjoint(have))


_WORD = re.compile(r"\w+")
_GroupKeys = tuple[frozenset, dict, list]
_KEYS: dict[tuple[str, ...], _GroupKeys | None] = {}


def _group_keys(group: TermGroup) -> _GroupKeys | None:
    """The words a group's terms need in a body: (one-word exact terms, one-word prefixes by
    length, other terms as lists of (word, is a prefix)); None when some term needs no word."""
    got = _KEYS.get(group.terms, False)
    if got is not False:
        return got  # type: ignore[return-value]
    exact: set[str] = set()
    prefixes: dict[int, set[str]] = defaultdict(set)
    multi: list[list[tuple[str, bool]]] = []
    keys: _GroupKeys | None = None
    variants = []
    for term in group.terms:
        t = term.strip().lower()
        # a hyphen is optional ("kn-23" finds "KN-23", "KN 23" and "KN23"): both spellings are needed words
        variants.extend([t.replace("-", " "), t.replace("-", "")] if "-" in t else [t])
    for t in variants:
        need = []
        for m in _WORD.finditer(t):
            if m.start() > 0 and t[m.start() - 1] in "'’.":
                continue  # "north's", "d.p.r.k.": the first letters are enough
            nxt = t[m.end():m.end() + 1]
            prefix = nxt not in ("", " ", ".", "'", "’")  # "ship*": a prefix of a body word
            if not prefix and m.group(0) in TERM_FUNCTION_WORDS and len(t.split()) > 1:
                continue  # "pieces of", "the North": every body has "of" and "the"
            need.append((m.group(0), prefix))
        if not need:
            break
        if len(need) == 1:
            word, prefix = need[0]
            (prefixes[len(word)] if prefix else exact).add(word)
        else:
            multi.append(need)
    else:
        keys = (frozenset(exact), {n: frozenset(p) for n, p in prefixes.items()}, multi)
    _KEYS[group.terms] = keys
    return keys


class _ArticleHits:
    """Lazily computed term-group hits of one body, by sentence."""

    def __init__(self, body: str, starts: list[int], words: _Words) -> None:
        self.body = body
        self.starts = starts
        self.words = words
        self._cache: dict[int, dict[int, list[tuple[int, int]]]] = {}

    def of(self, group: TermGroup) -> dict[int, list[tuple[int, int]]]:
        key = id(group)
        got = self._cache.get(key)
        if got is None:
            got = defaultdict(list)
            if self.words.may_match(group):
                for m in group.pattern.finditer(self.body):
                    got[bisect_right(self.starts, m.start()) - 1].append((m.start(), m.end()))
            got = dict(got)
            self._cache[key] = got
        return got


def _rule_terms(rule: Rule, hits: _ArticleHits, sid: int, lo: int, hi: int, speaker: str,
                mention: tuple[int, int] = (-1, -1)) -> list[tuple[int, int]] | None:
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
    for g in rule.outside_speaker:
        # a role: the group must name someone other than the speaker (the accused, not the accuser)
        outside = [h for h in hits.of(g).get(sid, ()) if lo <= h[0] and h[1] <= hi
                   and not (mention[0] <= h[0] < mention[1])]
        if not outside:
            return None
        used.extend(outside)
    if rule.regex is not None:
        m = rule.regex.search(hits.body, lo, hi)
        if not m:
            return None
        used.append((m.start(), m.end()))
    if rule.speaker and not any(g.pattern.search(speaker or "") for g in rule.speaker):
        return None
    return used


def _possible(rule: Rule, words: _Words) -> bool:
    """Can the rule match this body at all (every ``all`` group, and one ``any`` group, has its words)?"""
    return words.rule_possible(rule)


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
               attributions: pd.DataFrame | None = None, *, headlines: bool = True) -> pd.DataFrame:
    """One row per (sentence, claim, speaker) the codebook finds: who states it, in whose voice, how sure.

    Parameters
    ----------
    articles : pandas.DataFrame
        At least ``article_id`` and ``body`` (``outlet`` names the narrator;
        ``headline``, when present, is tagged too).
    codebook : str, pathlib.Path, Codebook or None
        A YAML codebook file or a loaded :class:`~analysis.claims.codebook.Codebook`.
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
    headlines : bool, default True
        Also tag the ``headline`` column (rows with ``section == "headline"``).

    Returns
    -------
    pandas.DataFrame
        Columns ``article_id``, ``sentence_id`` (-1 for a headline),
        ``claim_id``, ``stance`` (the *speaker's* stance: ``asserts``,
        ``hedged`` or ``denies``), ``speaker`` (who makes the statement,
        canonical across the articles: the attributed source, the denying
        party for a denial, the outlet in its own voice), ``start``, ``end``
        (the words stating the claim: first to last matched term),
        ``sentence``, ``label`` (the claim's label), ``speaker_type``,
        ``cue`` (the reporting verb; "" in the outlet's own voice),
        ``stance_cue`` (the words that set a hedged/denies stance, or the
        denial verb of a denial claim; "" otherwise), ``evidence`` (the
        matched terms), ``voice`` (``own``: the outlet's narration;
        ``reported``: someone the outlet reports), ``outlet``,
        ``sentence_start``, ``sentence_end`` (the sentence's offsets) and
        ``section`` (``body`` or ``headline``). A statement made by several
        parties at once gives one row per party.

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
    >>> from analysis.claims.codebook import SAMPLE_CODEBOOK
    >>> arts = pd.DataFrame({"article_id": ["a"], "outlet": ["Daily"], "body": [
    ...     "South Korea accuses Pyongyang of sending shells to Russia."]})
    >>> tag_claims(arts, SAMPLE_CODEBOOK)[["claim_id", "stance", "speaker", "voice"]].values.tolist()
    [['C03', 'asserts', 'South Korea', 'reported']]
    """
    require_columns(articles, ("article_id", "body"), "tag_claims")
    if isinstance(codebook, Codebook) or (codebook is not None and str(codebook).strip()):
        book = load_codebook(codebook)
    else:
        # a codebook belongs to a corpus: load_corpus records its codebook.yaml
        found = (getattr(articles, "attrs", None) or {}).get("codebook")
        book = load_codebook(found) if found else None
    if book is None:
        # never fall back to the sample topic's codebook
        warnings.warn("tag_claims: no codebook given and the corpus has none (no codebook.yaml beside it), so no "
                      "claims were tagged; pass codebook=PATH, or use analysis.cluster_claims for codebook-free "
                      "claims (`python -m analysis draft-codebook CORPUS -o codebook.yaml` writes a starter "
                      "codebook)", UserWarning, stacklevel=2)
        return pd.DataFrame({c: pd.Series(dtype="int64" if c in ("sentence_id", "start", "end", "sentence_start",
                                                                  "sentence_end") else object)
                             for c in COLUMNS})
    seen: dict[str, set[int]] = {}  # body -> its possible term groups, shared by the passes below
    if attributions is None:
        attributions = _attributions_if_needed(articles, book, seen)
    frame = _tag_frame(articles, book, attributions, "body", seen)
    if headlines and "headline" in articles.columns:
        heads = _headline_articles(articles)
        if len(heads):
            frame = pd.concat([frame, _tag_frame(heads, book, None, "headline", seen)], ignore_index=True)
            # reading order: each article's headline (sentence_id -1), then its body
            order = {aid: k for k, aid in enumerate(dict.fromkeys(articles["article_id"].astype(str)))}
            frame = frame.assign(_o=frame["article_id"].map(order)).sort_values(
                ["_o", "sentence_id"], kind="stable").drop(columns="_o").reset_index(drop=True)
    if len(frame):
        frame = _split_joint(frame)
        _, frame = canonical_speaker_tables(attributions, frame)
    return frame.astype({"sentence_id": "int64", "start": "int64", "end": "int64",
                         "sentence_start": "int64", "sentence_end": "int64"})


def _attributions_if_needed(articles: pd.DataFrame, book: Codebook, seen: dict | None = None) -> pd.DataFrame:
    """Attributions only for the articles some rule can match (tagging alone costs little off-topic)."""
    keep = []
    lexicon = _lexicon(book)
    for body in articles["body"].fillna("").astype(str):
        words = _Words(body, lexicon, seen)
        keep.append(words.any_rule())
    return extract_attributions(articles[keep], narrator=True)


def _headline_articles(articles: pd.DataFrame) -> pd.DataFrame:
    """Headlines as one-line articles (missing, "-" and empty headlines left out)."""
    cols = ["article_id", "headline"] + (["outlet"] if "outlet" in articles.columns else [])
    heads = articles[cols].rename(columns={"headline": "body"})
    text = heads["body"].where(heads["body"].notna(), "").astype(str).str.strip()
    return heads.assign(body=text)[(text != "") & (text != "-")]


_HEADLINE_SPLIT = re.compile(r":\s+|\s+[-–—|]\s+")


def headline_speaker(headline: str) -> tuple[str, int] | None:
    """The source a headline credits with a colon or a dash, and where it starts.

    "N. Korea sent missiles to Russia: US official" and "Pentagon: Moscow
    fires ..." name their source in a short segment (at most five words)
    with a role word or a person's name; a segment that is the claim itself
    is not a source.

    Examples
    --------
    >>> headline_speaker("Missile remnants appear to be from North Korea - weapons experts")
    ('weapons experts', 49)
    >>> headline_speaker("Debris all over the country: Pentagon: Moscow fires missiles")
    ('Pentagon', 29)
    """
    pieces, pos = [], 0
    for m in _HEADLINE_SPLIT.finditer(headline):
        pieces.append((headline[pos:m.start()], pos))
        pos = m.end()
    pieces.append((headline[pos:], pos))
    if len(pieces) < 2:
        return None
    last, first = pieces[-1], pieces[:-1]
    for text, at in [last] + first[::-1]:
        words = text.strip().rstrip(".").split()
        if not 1 <= len(words) <= 5:
            continue
        phrase = " ".join(words)
        # the segment's head names a source ("US official", "weapons experts"); "Moscow fires
        # missiles" is the claim
        if has_role_word(words[-1]) or looks_like_person(phrase) or is_country(phrase):
            return phrase, at + (len(text) - len(text.lstrip()))
    return None


def _headline_attributions(heads: pd.DataFrame, book: Codebook, seen: dict | None = None) -> pd.DataFrame:
    """Attributions of headlines, with the colon/dash source of a headline for its narrated sentences."""
    attrs = _attributions_if_needed(heads, book, seen)
    if not len(attrs):
        return attrs
    credited = {aid: headline_speaker(text) for aid, text in zip(heads["article_id"].astype(str), heads["body"])}
    attrs = attrs.copy()
    for i, (aid, stype) in enumerate(zip(attrs["article_id"].astype(str), attrs["speaker_type"])):
        got = credited.get(aid)
        if stype == "narrator" and got:
            phrase, at = got
            name = clean_phrase(phrase)
            attrs.iloc[i, attrs.columns.get_indexer(["speaker", "speaker_type", "cue", "start", "end"])] = [
                name, speaker_type(name, named_person=looks_like_person(name)), ":", at, at + len(phrase)]
    return attrs


def _tag_frame(articles: pd.DataFrame, book: Codebook, attributions: pd.DataFrame | None,
               section: str, seen: dict | None = None) -> pd.DataFrame:
    if attributions is None:
        attributions = (_headline_attributions(articles, book, seen) if section == "headline"
                        else _attributions_if_needed(articles, book, seen))
    by_sentence: dict[str, dict[int, tuple]] = defaultdict(dict)
    if len(attributions):
        # only the articles some rule can match need their speakers looked up
        lexicon = _lexicon(book)
        possible = {aid for aid, body in zip(articles["article_id"].astype(str), articles["body"].fillna("").astype(str))
                    if _Words(body, lexicon, seen).any_rule()}
        attributions = attributions[attributions["article_id"].astype(str).isin(possible)]
    if len(attributions):
        start = "start" if "sentence_start" in attributions.columns else None
        cols = ["article_id", "sentence_id", "speaker", "speaker_type", "cue", "cue_start"]
        cols += [c for c in ("quote_start", "quote_end") if c in attributions.columns]
        mention = (attributions["start"] if start else pd.Series(-1, index=attributions.index)).tolist()
        mention_end = (attributions["end"] if start else pd.Series(-1, index=attributions.index)).tolist()
        for row, ms, me in zip(attributions[cols].itertuples(index=False), mention, mention_end):
            by_sentence[str(row[0])][int(row[1])] = tuple(row) + (int(ms), int(me))
    outlets = articles["outlet"] if "outlet" in articles.columns else pd.Series([""] * len(articles))
    rows: list[tuple] = []
    for aid, body, outlet in zip(articles["article_id"].astype(str), articles["body"].fillna("").astype(str),
                                 outlets.tolist()):
        name = outlet if isinstance(outlet, str) and outlet else "narrator"
        rows.extend(_tag_article(aid, body, name, book, by_sentence.get(aid, {}), section, seen))
    return pd.DataFrame(rows, columns=COLUMNS)


def _split_joint(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per party of a joint speaker ("Russia and North Korea" -> two rows)."""
    parts = frame["speaker"].map(lambda sp: split_speakers(sp) if isinstance(sp, str) else [sp])
    if not (parts.map(len) > 1).any():
        return frame
    out = frame.assign(speaker=parts).explode("speaker", ignore_index=True)
    joint = out["speaker"] != frame["speaker"].repeat(parts.map(len)).to_numpy()
    if joint.any():
        out.loc[joint, "speaker_type"] = [speaker_type(sp, named_person=looks_like_person(sp))
                                          for sp in out.loc[joint, "speaker"]]
    return out


def _tag_article(aid: str, body: str, outlet: str, book: Codebook, by_sentence: dict,
                 section: str = "body", seen: dict | None = None) -> list[tuple]:
    words = _Words(body, _lexicon(book), seen)
    if not words.any_rule():
        return []
    spans = list(iter_sentence_spans(body))
    if not spans:
        return []
    starts = [s for s, _ in spans]
    hits = _ArticleHits(body, starts, words)
    matched = _matched_claims(book, words, hits, spans, by_sentence, outlet)
    rows: list[tuple] = []
    speakers = {v[2] for v in by_sentence.values()} if matched else set()
    proper = ProperWords(body)
    quotes = None  # the article's quotations, found only when a sentence has several clauses
    for sid in sorted(matched):
        s, e = spans[sid]
        text = body[s:e]
        cues = _codebook_stance_cues(text, book)
        attr = by_sentence.get(sid)
        speaker, stype, cue = (attr[2], attr[3], attr[4]) if attr is not None else (outlet, "narrator", "")
        mention = (attr[-2], attr[-1]) if attr is not None else (-1, -1)
        # claims first, then the denial claims: a claim negated here ("X has never sent ...")
        # makes the sentence a denial too
        ordered = sorted(matched[sid], key=lambda cu: cu[0].kind == "denial")
        negated = False
        clauses = _clauses(body, s, e)
        for claim, used in ordered:
            stance, stance_cue = _claim_stance(claim, used, cues, s, sid, hits, speaker, mention, negated)
            if stance is None:
                continue
            if stance == "asserts" and claim.kind != "denial":
                stance, stance_cue = _trailing_hedge(cues, attr, s, used) or (stance, stance_cue)
            if stance == "denies" and not cues.denials and stype != "narrator" \
                    and not stance_cue.lower().startswith("no "):
                # a source saying "X has never sent ..." denies it ("no evidence that ..." does not)
                negated = True
            who, who_type, who_cue = speaker, stype, cue
            if len(clauses) > 1 and used:
                if quotes is None:
                    quotes = quote_spans(body)
                got = _clause_voice(body, clauses, used, attr, speakers, quotes, proper)
                if got is not None:
                    who, who_type, who_cue = got
            if (claim.kind == "denial" or stance == "denies") and cues.denials and cue not in DENIAL_CUES \
                    and not _quoted(attr, s + cues.denials[0].start) \
                    and cues.denials[0].surface.split()[0].lower() not in DENIAL_OBJECT_WORDS:
                # "X said Pyongyang denied ...": the denying party speaks (but
                # in '"We have never exported weapons," the ministry said' the
                # quoted speaker is the denying party)
                denier = _denier(body, s, s + cues.denials[0].start, speakers, proper)
                if denier and not _speaks_for(denier, body, mention):
                    who, who_type = denier, speaker_type(denier)
            voice = "own" if who_type == "narrator" else "reported"
            lo = min(a for a, _ in used) if used else s
            hi = max(b for _, b in used) if used else e
            out_sid = -1 if section == "headline" else sid
            rows.append((aid, out_sid, claim.id, stance, who, lo, hi, text,
                         claim.label, who_type, who_cue if voice == "reported" else "", stance_cue,
                         _evidence(body, used), voice, outlet, s, e, section))
            if claim.kind != "denial" and stance != "denies":
                back = _denied_afterwards(body, s, used, cues, proper)
                if back is not None and back[0] != who:
                    # "X accused Y of the blast, which Y has denied": Y denies what X asserts
                    rows.append((aid, out_sid, claim.id, "denies", back[0], lo, hi, text, claim.label,
                                 speaker_type(back[0]), back[1], back[1], _evidence(body, used), "reported",
                                 outlet, s, e, section))
    return rows


def _matched_claims(book: Codebook, words: _Words, hits: _ArticleHits, spans: list[tuple[int, int]],
                    by_sentence: dict, outlet: str) -> dict[int, list[tuple[Claim, list[tuple[int, int]]]]]:
    """Sentence id -> [(claim, the term spans its first matching rule used)], in codebook order.

    Matching comes apart from judging stance and voice in :func:`_tag_article`
    because a sentence's claims must all be known before its stance is judged
    (denial claims are judged after the claims they may deny). A claim counts
    once per sentence: its first rule that matches there.
    """
    matched: dict[int, list[tuple[Claim, list[tuple[int, int]]]]] = defaultdict(list)
    for claim in book.claims:
        done: set[int] = set()
        for rule in claim.rules:
            if not _possible(rule, words):
                continue
            for sid in _candidates(rule, hits, len(spans)):
                if sid in done:
                    continue
                s, e = spans[sid]
                attr = by_sentence.get(sid)
                speaker = attr[2] if attr is not None else outlet
                mention = (attr[-2], attr[-1]) if attr is not None else (-1, -1)
                used = _rule_terms(rule, hits, sid, s, e, speaker, mention)
                if used is not None:
                    matched[sid].append((claim, used))
                    done.add(sid)
    return matched


def _codebook_stance_cues(text: str, book: Codebook) -> StanceCues:
    """The stance cues of one sentence with the codebook's own hedges and denials added or removed.

    One place that maps the codebook's optional ``stance:`` patterns onto
    :func:`stance_cues`, so a codebook without them gets the built-in cues only.
    """
    return stance_cues(text, book.hedges.pattern if book.hedges else None,
                       book.denials.pattern if book.denials else None,
                       book.remove_hedges.pattern if book.remove_hedges else None,
                       book.remove_denials.pattern if book.remove_denials else None)


_RETRO_DENIAL = re.compile(RETRO_DENIAL_PATTERN, re.IGNORECASE)


def _denied_afterwards(body: str, s: int, used: list[tuple[int, int]], cues: StanceCues,
                       proper: ProperWords | None) -> tuple[str, str] | None:
    """(denier, cue) when a denial after the claim looks back at it: "..., which the US has denied"."""
    for d in cues.denials:
        if any(a < s + d.end and b > s + d.start for a, b in used):
            continue  # the claim is worded with the denial verb itself
        lo = max(s, s + d.start - 80)
        found = list(_RETRO_DENIAL.finditer(body, lo, s + d.start))
        if not found or not any(b <= found[-1].start() for _a, b in used):
            continue  # no "which"/"an allegation" between the claim and the denial
        words = [w for w in body[found[-1].end():s + d.start].split() if w.lower() not in DENIAL_SKIP_WORDS]
        if not words or len(words) > 6:
            continue
        name = clean_phrase(" ".join(words))
        if name and valid_speaker(name, False, proper) and not pronoun_kind(name):
            return name, d.surface
    return None


def _quoted(attr: tuple | None, offset: int) -> bool:
    """Does ``offset`` lie in the sentence's quotation?"""
    return attr is not None and len(attr) > 9 and attr[6] <= offset < attr[7]


_CLAUSE_BREAK = re.compile(CLAUSE_BREAK_PATTERN, re.IGNORECASE)


def _clauses(body: str, s: int, e: int) -> list[tuple[int, int, bool]]:
    """(start, end, relative) of the sentence's clauses split at "; ", ", while", ", which" ..."""
    out, pos, rel = [], s, False
    for m in _CLAUSE_BREAK.finditer(body, s, e):
        out.append((pos, m.start(), rel))
        pos, rel = m.end(), m.group(0).strip(" ,;").lower() in {"which", "who"}
    out.append((pos, e, rel))
    return out


def _clause_voice(body: str, clauses: list[tuple[int, int, bool]], used: list[tuple[int, int]],
                  attr: tuple | None, speakers: set[str], quotes: list,
                  proper: ProperWords) -> tuple[str, str, str] | None:
    """(speaker, type, cue) of the clause stating a claim when that clause names its own speaker.

    "Officials blamed a strike, while the army said a rocket misfired": the
    rocket is the army's. "The blast, which the ministry said killed 500":
    the toll is the ministry's. None keeps the sentence's speaker (a claim
    with words in the clause of the sentence's own cue stays with it).
    """
    at = min(a for a, _ in used)
    k = next((i for i, (a, b, _r) in enumerate(clauses) if a <= at < b), None)
    if k is None:
        return None
    a, b, _rel = clauses[k]
    cue_at = attr[5] if attr is not None and attr[5] is not None and attr[5] >= 0 else None
    if cue_at is not None:
        x, y, _r = next((c for c in clauses if c[0] <= cue_at < c[1]), (a, b, False))
        if any(x <= u < y for u, _ in used):
            return None  # the sentence's own cue speaks for (part of) this claim
    if cue_at is not None:
        lead = min(x for x in (cue_at, attr[-2]) if x is not None and x >= 0)
        if body[max(0, lead - 4):lead].rstrip()[-1:] in _TRAILING_MARKS \
                and len(body[lead:clauses[-1][1]].split()) <= 8:
            return None  # '..., which ..., "...," he added.': a closing attribution speaks for all
    got = clause_speaker(body, a, b, quotes, proper)
    if got is not None:
        name = _canonical_name(got[0], speakers)
        if name:
            return name, speaker_type(name, named_person=looks_like_person(name)), got[2]
    return None


_TRAILING_MARKS = frozenset(',"”’\'')


def _speaks_for(party: str, body: str, mention: tuple[int, int]) -> bool:
    """Is the sentence's speaker introduced as speaking for ``party``? "The Kremlin rejected ...,
    TASS cited Kremlin spokesman Dmitry Peskov as saying": Peskov denies, for the Kremlin."""
    if mention[0] < 0 or mention[1] <= mention[0]:
        return False
    words = set(re.findall(r"\w+", party.lower())) - {"the", "a", "an", "of"}
    return bool(words) and words <= set(re.findall(r"\w+", body[mention[0]:mention[1]].lower()))


def _trailing_hedge(cues: StanceCues, attr: tuple | None, s: int,
                    used: list[tuple[int, int]]) -> tuple[str, str] | None:
    """("hedged", cue) when the sentence's own reporting verb is a hedge that follows the claim:
    "Weapons were shipped to the port, officials believe" / "..., suggests Britain"."""
    if attr is None or attr[5] is None or attr[5] < 0 or not used:
        return None
    at = attr[5] - s
    for h in cues.hedges:
        if h.start == at and all(b <= attr[5] for _a, b in used):
            return "hedged", h.surface
    return None


def _canonical_name(phrase: str, speakers: set[str]) -> str | None:
    """A speaker phrase named like the article's speakers ("Peskov" -> "Dmitry Peskov"); None for a pronoun."""
    name = clean_phrase(phrase)
    if not name or pronoun_kind(name):
        return None
    person, _role = split_role(name)
    if looks_like_person(person):
        name = person  # "Russia's foreign ministry spokeswoman Maria Zakharova" -> "Maria Zakharova"
    if len(name.split()) == 1:
        full = sorted(sp for sp in speakers if isinstance(sp, str) and name in sp.split() and sp != name)
        if full:
            name = full[0]
    return name


def _denier(body: str, s: int, cue_start: int, speakers: set[str], proper: ProperWords | None = None) -> str | None:
    """The denying party named before a denial cue, canonical like the article's speakers."""
    got = np_before(body, s, cue_start)
    if got is None or not valid_speaker(got[0], body[s:got[1]].strip() == "", proper) or CUE_RE.search(got[0]):
        return None  # "the ministry said the report was a fabrication": the speaker denies
    return _canonical_name(got[0], speakers)


def _governed(claim: Claim, cue: Cue, hits: _ArticleHits, sid: int, s: int, speaker: str,
              mention: tuple[int, int]) -> bool:
    """Does the claim hold within the cue's clause, with a term at or after the cue?

    A claim already complete before the cue is not governed by it: the cue
    then opens a comment on it ("... sent 10,000 containers to Russia,
    which could hold 4.8 million shells"; "talks ..., amid fears that the
    North will supply munitions"; "the accuracy of the KN-23 improved,
    suggesting ... Ukraine").
    """
    for rule in claim.rules:
        inside = _rule_terms(rule, hits, sid, s, s + cue.scope_end, speaker, mention)
        if inside is None or not any(a - s >= cue.start for a, _ in inside):
            continue
        if _rule_terms(rule, hits, sid, s, s + cue.start, speaker, mention) is not None:
            continue
        return True
    return False


def _claim_stance(claim: Claim, used: list[tuple[int, int]], cues: StanceCues, s: int, sid: int,
                  hits: _ArticleHits, speaker: str, mention: tuple[int, int],
                  negated: bool = False) -> tuple[str | None, str]:
    """(stance, cue words) of a matched claim; stance None drops the match."""
    if claim.kind == "denial":
        if not (cues.mentions_denial or negated):
            return None, ""
        for h in cues.hedges:
            if h.surface.lower() not in ALLEGATION_WORDS and _governed(claim, h, hits, sid, s, speaker, mention):
                return "hedged", h.surface
        return "asserts", cues.denials[0].surface if cues.denials else ("denial" if not negated else "negation")
    for d in cues.denials:
        if any(a < s + d.end and b > s + d.start for a, b in used):
            continue  # the claim is worded with this verb ("an inquiry disputed the official account")
        if _governed(claim, d, hits, sid, s, speaker, mention):
            return "denies", d.surface
    neg = cues.negation_for([a - s for a, _ in used])
    if neg is not None:
        return "denies", neg.surface
    for h in cues.hedges:
        if _governed(claim, h, hits, sid, s, speaker, mention):
            return "hedged", h.surface
    return "asserts", ""
