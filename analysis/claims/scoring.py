"""Score a claims table against hand labels: precision, recall and F1.

A hand-labelled table names each expected claim by ``article_id``, the
sentence (``sentence_id``, or ``sentence_prefix``: the first words of the
sentence, which survives edits to the splitter), ``claim_id``, ``stance``
and ``speaker``. A speaker label may list acceptable alternatives
separated by ``|`` ("Andriy Kostin|Kostin"); speakers are compared
case-insensitively, without a leading "the" and with curly apostrophes
straightened.

Three levels are scored, each as precision / recall / F1 over sets of
(article, sentence, claim) keys:

* ``claim`` — the claim is found in the sentence;
* ``claim+stance`` — ... with the expected stance;
* ``speaker`` — ... with an acceptable speaker.

This is how the sample codebook's accuracy is measured (see
``benchmarks/eval_claims.py`` and docs/codebook.md, "Measured accuracy");
a teacher can score a codebook of their own the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.errors import ParameterError

KEY = ("article_id", "sentence_id", "claim_id")


@dataclass(frozen=True)
class Score:
    """Precision, recall and F1 of one level, with the counts behind them."""

    level: str
    tp: int
    n_got: int
    n_expected: int

    @property
    def precision(self) -> float:
        return self.tp / self.n_got if self.n_got else 1.0

    @property
    def recall(self) -> float:
        return self.tp / self.n_expected if self.n_expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def norm_speaker(name: object) -> str:
    """Speaker as compared: lower case, straight apostrophes, no leading "the".

    Examples
    --------
    >>> norm_speaker("The Kremlin"), norm_speaker("South Korea’s spy agency")
    ('kremlin', "south korea's spy agency")
    """
    text = " ".join(str(name or "").replace("’", "'").split()).lower().strip(" .,")
    return text[4:] if text.startswith("the ") else text


def speaker_matches(got: object, expected: object) -> bool:
    """Is ``got`` one of the ``|``-separated alternatives of ``expected``?"""
    want = {norm_speaker(x) for x in str(expected or "").split("|")}
    return norm_speaker(got) in want


def resolve_prefixes(expected: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Give labels written with ``sentence_prefix`` their ``sentence_id``.

    Raises
    ------
    ParameterError
        A prefix matches no sentence, or several, of its article.
    """
    if "sentence_id" in expected.columns and "sentence_prefix" not in expected.columns:
        return expected
    by_article: dict[str, list[tuple[int, str]]] = {}
    for aid, sid, text in sentences[["article_id", "sentence_id", "text"]].itertuples(index=False):
        by_article.setdefault(str(aid), []).append((int(sid), str(text)))
    ids: list[int] = []
    for row in expected.itertuples(index=False):
        prefix = str(row.sentence_prefix)
        hits = [sid for sid, text in by_article.get(str(row.article_id), []) if text.startswith(prefix)]
        if len(hits) != 1:
            raise ParameterError(f"label {row.article_id!s}/{prefix!r}: the prefix matches {len(hits)} sentences "
                                 "(it must match exactly one)")
        ids.append(hits[0])
    out = expected.copy()
    out["sentence_id"] = ids
    return out


def score_claims(got: pd.DataFrame, expected: pd.DataFrame) -> dict[str, Score]:
    """Precision / recall / F1 of a :func:`analysis.tag_claims` table against labels.

    Parameters
    ----------
    got : pandas.DataFrame
        ``tag_claims`` output (article_id, sentence_id, claim_id, stance, speaker).
    expected : pandas.DataFrame
        Labels with article_id, sentence_id, claim_id, stance, speaker
        (resolve ``sentence_prefix`` labels with :func:`resolve_prefixes` first).

    Returns
    -------
    dict
        ``{"claim": Score, "claim+stance": Score, "speaker": Score}``.

    Examples
    --------
    >>> g = pd.DataFrame({"article_id": ["a"], "sentence_id": [0], "claim_id": ["C01"],
    ...                   "stance": ["hedged"], "speaker": ["The Kremlin"]})
    >>> e = g.assign(stance="asserts", speaker="Kremlin|Peskov")
    >>> {k: v.tp for k, v in score_claims(g, e).items()}
    {'claim': 1, 'claim+stance': 0, 'speaker': 1}
    """
    def keyed(frame: pd.DataFrame) -> dict[tuple, tuple[str, str]]:
        return {(str(a), int(s), str(c)): (str(st), sp) for a, s, c, st, sp in
                frame[[*KEY, "stance", "speaker"]].itertuples(index=False)}

    g, e = keyed(got), keyed(expected)
    both = g.keys() & e.keys()
    stance_tp = sum(g[k][0] == e[k][0] for k in both)
    speaker_tp = sum(speaker_matches(g[k][1], e[k][1]) for k in both)
    return {"claim": Score("claim", len(both), len(g), len(e)),
            "claim+stance": Score("claim+stance", stance_tp, len(g), len(e)),
            "speaker": Score("speaker", speaker_tp, len(g), len(e))}


def differences(got: pd.DataFrame, expected: pd.DataFrame) -> pd.DataFrame:
    """Every disagreement: missing and extra claims, wrong stances and speakers."""
    merged = expected.merge(got[[*KEY, "stance", "speaker", "sentence"]], on=list(KEY), how="outer",
                            suffixes=("_exp", "_got"), indicator=True)
    kind = merged["_merge"].map({"left_only": "missing", "right_only": "extra", "both": ""}).astype(str)
    both = merged["_merge"] == "both"
    kind[both & (merged["stance_exp"] != merged["stance_got"])] = "stance"
    bad_speaker = [not speaker_matches(g, x) for g, x in zip(merged["speaker_got"], merged["speaker_exp"])]
    kind[both & pd.Series(bad_speaker, index=merged.index) & (kind == "")] = "speaker"
    merged["problem"] = kind
    cols = [*KEY, "problem", "stance_exp", "stance_got", "speaker_exp", "speaker_got", "sentence"]
    return merged.loc[merged["problem"] != "", cols].sort_values(list(KEY)).reset_index(drop=True)
