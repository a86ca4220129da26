"""Draft a starter codebook from a corpus: its most repeated attributed claims.

A teacher or analyst who brings a corpus without a codebook gets one to edit
(``python -m analysis draft-codebook CORPUS -o codebook.yaml``). The draft is
built from the codebook-free claims
(:func:`analysis.claims.clusters.codebook_free_claims`): each of the most
widely repeated clusters becomes a claim entry, with comments showing who
says it and example sentences, and a rule made of term groups proposed from
the words its sentences share (words the corpus also uses elsewhere,
rarest first: a rule names what the claim is about, and generalises past
one wording; the speaker's own name is left out). Stance cue sections are
written as comments to fill in.

The draft is a valid codebook as written: rendering with the unedited draft
tags at least the sentences each entry came from. It is a starting point:
merge entries that state one claim, add synonyms to the term groups, delete
what is not a claim worth tracking.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from pathlib import Path

import pandas as pd

from analysis.claims.content import content_tokens

#: Words shared by at least this share of a cluster's sentences are candidate terms.
SHARED_SHARE = 0.6
#: At most this many term groups per proposed rule.
MAX_GROUPS = 3


def _content_words(text: str) -> set[str]:
    # what a sentence claims, not who: names, titles and roles, reporting and function words are
    # left out (analysis.claims.content), so a rule never matches "any sentence naming a Foreign Secretary"
    return {w.replace("’", "'") for w in content_tokens(text)
            if len(w) >= 3 and w[0].isalpha() and "'" not in w}


def term_for(word: str) -> str:
    """A codebook term for a word: a plural or verb ending becomes a ``*`` wildcard.

    Examples
    --------
    >>> [term_for(w) for w in ["missiles", "shipped", "sending", "denied", "bridge", "gas", "charities"]]
    ['missile*', 'shipp*', 'send*', 'denied', 'bridge', 'gas', 'charit*']
    """
    if word.endswith(("ss", "ied", "us", "is")):
        return word  # "gas", "denied", "status", "analysis": no ending to cut
    for suffix, keep in (("ies", ""), ("ing", ""), ("ed", ""), ("es", "e"), ("s", "")):
        stem = word[:-len(suffix)]
        if word.endswith(suffix) and len(stem) >= 4:
            return stem + keep + "*"
    return word


def _quote(text: str) -> str:
    # a JSON string is a valid YAML double-quoted scalar
    return json.dumps(text, ensure_ascii=False)


def _comment(text: str, width: int = 110) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[:width - 1].rstrip() + "…"


def draft_codebook(articles: pd.DataFrame, max_claims: int = 15, name: str = "",
                   attributions: pd.DataFrame | None = None) -> str:
    """A starter codebook (YAML text) from the corpus's most repeated attributed claims.

    Parameters
    ----------
    articles : pandas.DataFrame
        From :func:`analysis.load_corpus`.
    max_claims : int, default 15
        Entries written (the most widely repeated clusters first).
    name : str, optional
        The codebook's name (default: "Draft codebook").
    attributions : pandas.DataFrame, optional
        :func:`analysis.extract_attributions` output with narrator rows.

    Returns
    -------
    str
        YAML that :func:`analysis.claims.codebook.parse_codebook` accepts: claims
        ``D01``, ``D02``, ... with labels, a rule each (``all`` of two or
        three proposed term groups, defined under ``concepts``), comments
        naming the sources, speakers and example sentences, and commented
        stance cue sections.

    Examples
    --------
    >>> arts = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["Daily", "Herald"], "body": [
    ...     "The mayor said the old bridge over the river will stay closed until next spring.",
    ...     "The old bridge over the river will stay closed until next spring, the mayor said."]})
    >>> from analysis.claims.codebook import parse_codebook
    >>> book = parse_codebook(draft_codebook(arts))
    >>> book.ids, book.claims[0].label
    (['D01'], 'The mayor said the old bridge over the river will stay closed until next spring')
    """
    from analysis.claims.clusters import codebook_free_claims

    if max_claims < 1:
        raise ValueError(f"draft_codebook() max_claims must be at least 1, got {max_claims}")
    # full labels: the analyst edits them, a cut one ("... the new…") hides what the claim was
    claims = codebook_free_claims(articles, attributions=attributions, label_chars=None)
    basis = "repeated statements with a named source"
    if claims["claim_id"].nunique() < 3:  # few attributed repeats: take repeated narration too
        claims = codebook_free_claims(articles, attributions=attributions, attributed_only=False,
                                      label_chars=None)
        basis = "repeated statements (few had a named source)"
    # document frequency of content words over the corpus's sentences: rare words name a claim
    from analysis.text.sentences import sentences as split_sentences

    texts = split_sentences(articles)["text"].tolist()
    df = Counter(w for t in texts for w in _content_words(t))
    n_texts = max(len(texts), 1)
    concepts: dict[str, list[str]] = {}
    entries: list[str] = []
    outlets = dict(zip(articles["article_id"].astype(str), articles["outlet"].fillna("").astype(str)
                       if "outlet" in articles else [""] * len(articles)))
    for k, (cid, g) in enumerate(claims.groupby("claim_id", sort=True)):
        if len(entries) >= max_claims:
            break
        sets = [_content_words(s) for s in g["sentence"]]
        shared = Counter(w for s in sets for w in s)
        need = max(2, math.ceil(SHARED_SHARE * len(sets)))
        # the speaker's own name says who claims it, not what is claimed
        names = {w for sp in g["speaker"].astype(str) for w in _content_words(sp)}
        shared_words = [w for w, c in shared.items() if c >= need and w not in names]
        # words also used outside the cluster are the corpus's topic words (a rule built from them
        # generalises to other wordings); rarest of those first, then words of this cluster alone
        candidates = sorted(shared_words, key=lambda w: (df.get(w, 0) <= len(sets), df.get(w, 0), w))
        chosen: list[str] = []
        for w in candidates:  # rarest first, while at least two sentences still hold every chosen word
            if sum(all(x in s for x in (*chosen, w)) for s in sets) >= 2:
                chosen.append(w)
            if len(chosen) == MAX_GROUPS:
                break
        if len(chosen) < 2:
            continue  # one word alone ("party") would tag half the corpus
        groups = []
        for w in chosen:
            cname = "t_" + re.sub(r"[^a-z0-9_]", "_", w)[:50]
            concepts.setdefault(cname, [term_for(w)])
            groups.append(cname)
        did = f"D{len(entries) + 1:02d}"
        sources = sorted({outlets.get(str(a), "") or str(a) for a in g["article_id"]})
        speakers = sorted({str(s) for s in g["speaker"] if str(s)})
        lines = [f"  # {did}: {g['n_articles'].iloc[0]} articles ({_comment(', '.join(sources), 80)}); "
                 f"speakers: {_comment(', '.join(speakers), 60)}"]
        for sentence, aid in list(zip(g["sentence"], g["article_id"]))[:3]:
            lines.append(f"  #   e.g. {_comment(sentence)} ({outlets.get(str(aid), '') or aid})")
        lines += [f"  - id: {did}",
                  f"    label: {_quote(g['label'].iloc[0])}",
                  f"    description: {_quote('Drafted from ' + basis + ' (cluster ' + cid + '); edit me.')}",
                  "    rules:",
                  f"      - all: [{', '.join(groups)}]"]
        entries.append("\n".join(lines))
    if not entries:
        entries.append(_fallback_entry(df, n_texts, concepts))
        basis = "the corpus's most common words (no statement is repeated across articles)"
    title = name or "Draft codebook"
    head = [
        f"# {title}: a starter codebook drafted by `python -m analysis draft-codebook` from {len(articles):,}",
        f"# articles, out of {basis}.",
        "#",
        "# Edit it (format: docs/codebook.md): give each claim a clear label, merge entries that state one",
        "# claim, add synonyms to the term groups under `concepts:` (t_close: [clos*, shut*]), add",
        "# `none:` groups for wording that must not count, and delete what is not worth tracking.",
        "# Lower-case terms match any case; `*` ends a word with any ending; a space also matches a hyphen.",
        "",
        f"codebook: {_quote(title)}",
        f"description: {_quote('Drafted from ' + str(len(articles)) + ' articles; edit before relying on it.')}",
        "version: 1",
        "",
        "concepts:",
        "  # proposed term groups: words the sentences of each repeated claim share (add synonyms)",
    ]
    head += [f"  {cname}: [{', '.join(_quote(t) for t in terms)}]" for cname, terms in concepts.items()]
    head += [
        "",
        "# Stance cues of this corpus, added to the built-in English ones (hedges: may, reportedly, alleged,",
        "# believed ...; denials: denied, rejected, dismissed ...). Uncomment and fill in to use them:",
        "# stance:",
        "#   hedges: [purportedly, \"is thought to\"]        # words that make a statement hedged",
        "#   denials: [refuted, \"called it a fabrication\"]  # words by which a speaker denies a claim",
        "",
        "claims:",
    ]
    return "\n".join(head) + "\n" + "\n\n".join(entries) + "\n"


def _fallback_entry(df: Counter, n_texts: int, concepts: dict[str, list[str]]) -> str:
    """One placeholder claim from the two most common content words (nothing is repeated)."""
    common = [w for w, _ in df.most_common(2)] or ["example"]
    groups = []
    for w in common:
        cname = "t_" + re.sub(r"[^a-z0-9_]", "_", w)[:50]
        concepts.setdefault(cname, [term_for(w)])
        groups.append(cname)
    return "\n".join([
        "  # D01: a placeholder -- no statement is repeated across articles; replace it with a claim of yours",
        "  - id: D01",
        f"    label: {_quote('EDIT ME: sentences mentioning ' + ' and '.join(common))}",
        "    rules:",
        f"      - all: [{', '.join(groups)}]",
    ])


def write_draft(corpus: str | Path, out: str | Path, max_claims: int = 15, force: bool = False) -> dict:
    """Load a corpus, draft its codebook and write it to ``out``.

    Returns
    -------
    dict
        ``path`` (written), ``n_claims``, ``n_articles``.

    Raises
    ------
    analysis.errors.ParameterError
        ``out`` exists and ``force`` is false (a teacher's edits are never
        overwritten silently).
    analysis.errors.CorpusError
        The corpus cannot be loaded.
    """
    from analysis.claims.codebook import parse_codebook
    from analysis.corpus.load import load_corpus
    from analysis.errors import ParameterError

    target = Path(out)
    if target.exists() and not force:
        raise ParameterError(f"{target} already exists; give another -o path or --force to overwrite it")
    articles = load_corpus(corpus)
    text = draft_codebook(articles, max_claims=max_claims, name=f"Draft codebook for {Path(corpus).name}")
    book = parse_codebook(text, source=str(target))  # the draft must load as written
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return {"path": str(target), "n_claims": len(book.claims), "n_articles": int(len(articles))}
