"""The computations behind the report notebooks, so the notebooks stay thin.

Each notebook in ``notebooks/`` is a short sequence of calls into the
package; anything longer than a line or two of pandas lives here (or in the
analysis modules), where it is tested and reusable from a script.

The helpers fall in three groups:

* paths and run bookkeeping: :func:`resolve_path`, :func:`write_summary`,
  :func:`run_info`;
* corpus tables: :func:`corpus_table`, :func:`outlet_table`,
  :func:`corpus_summary`;
* tables for the claims, agreement and timeline reports:
  :func:`claim_overview`, :func:`stance_cells`, :func:`timeline_events`.

Figures and headline figures are in :mod:`analysis.compare.headlines`.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any, Mapping

import numpy as np
import pandas as pd

from analysis.errors import ParameterError
from analysis.paths import notebook_folder
from analysis.checks import require_columns


# --------------------------------------------------------------------------
# paths and run bookkeeping


def resolve_path(path: str | Path, base: str | Path | None = None) -> Path:
    """Resolve a notebook parameter path: relative paths start at the notebook's folder.

    Notebook defaults such as ``corpus = "../seeds"`` are written relative to
    the notebook's folder, where JupyterLab (and ``render``, and
    ``papermill --cwd``) starts its kernel: see
    :func:`analysis.paths.notebook_folder`.  They never resolve against the
    folder the package is installed from, so a second checkout's notebooks
    read that checkout's ``seeds/``.  The renderer passes absolute paths,
    which are returned unchanged.

    Parameters
    ----------
    path : str or pathlib.Path
        The parameter value.  ``~`` is expanded.
    base : str or pathlib.Path, optional
        Folder that relative paths start from (default: the notebook's
        folder, :func:`analysis.paths.notebook_folder`).

    Returns
    -------
    pathlib.Path
        An absolute path (not required to exist).

    Raises
    ------
    analysis.errors.ParameterError
        If ``path`` is empty.

    Examples
    --------
    >>> resolve_path("/data/corpus").as_posix()
    '/data/corpus'
    >>> resolve_path("../seeds", base="/work/notebooks").as_posix()
    '/work/seeds'
    """
    if path is None or str(path).strip() == "":
        raise ParameterError("a path parameter is empty; give a folder or file path")
    p = Path(str(path)).expanduser()
    if not p.is_absolute():
        p = Path(base if base is not None else notebook_folder()) / p
    return p.resolve()


def codebook_argument(codebook: str) -> str | None:
    """The ``codebook`` notebook parameter as :func:`analysis.tag_claims` takes it.

    ``""`` means none given (``None``: the corpus's own codebook, if any);
    anything else is a path, resolved like :func:`resolve_path`.
    """
    return None if not str(codebook).strip() else str(resolve_path(codebook))


def _jsonable(value: Any) -> Any:
    """Plain JSON types for numpy/pandas scalars, timestamps and containers."""
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (pd.Timestamp, np.datetime64)):
        return None if pd.isna(value) else pd.Timestamp(value).isoformat()
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if value is pd.NaT or value is None:
        return None
    return value


def write_summary(summary: Mapping[str, Any], figures_dir: str | Path, name: str) -> Path:
    """Write a notebook's key numbers to ``<figures_dir>/<name>.summary.json``.

    Every report notebook ends by writing the values it computed (counts,
    headline figures, ...) so that tests and the render index can read them
    without parsing notebook outputs.

    Parameters
    ----------
    summary : mapping
        Values to store; numpy scalars, timestamps and NaN are converted to
        JSON (NaN becomes ``null``).
    figures_dir : str or pathlib.Path
        The notebook's ``figures_dir`` (created if missing).
    name : str
        The notebook's stem, e.g. ``"01_corpus_overview"``.

    Returns
    -------
    pathlib.Path
        The file written.

    Examples
    --------
    >>> write_summary({"n_articles": 5}, "figures", "01_corpus_overview")  # doctest: +SKIP
    PosixPath('figures/01_corpus_overview.summary.json')
    """
    folder = Path(figures_dir)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{name}.summary.json"
    text = json.dumps(_jsonable(dict(summary)), indent=2, sort_keys=True, ensure_ascii=False)
    tmp = target.with_suffix(".json.tmp")
    tmp.write_text(text + "\n", encoding="utf-8")
    tmp.replace(target)  # a reader never sees half a file
    return target


def read_summary(figures_dir: str | Path, name: str) -> dict[str, Any]:
    """Read back what :func:`write_summary` wrote."""
    return json.loads((Path(figures_dir) / f"{name}.summary.json").read_text(encoding="utf-8"))


def run_info(articles: pd.DataFrame, corpus: str | Path, run_date: str = "") -> pd.DataFrame:
    """A two-column table naming the corpus, its size and the run date.

    ``run_date`` is shown as given (the reports never read the clock); an
    empty value is shown as "not given".

    Raises
    ------
    analysis.errors.ParameterError
        If ``run_date`` is not empty and not an ISO date (YYYY-MM-DD).
    """
    shown = "not given"
    if str(run_date).strip():
        try:
            shown = pd.Timestamp(str(run_date).strip()).date().isoformat()
        except ValueError:
            raise ParameterError(f"run_date {run_date!r} is not an ISO date (YYYY-MM-DD)") from None
    published = pd.to_datetime(articles["published"]) if "published" in articles else pd.Series(dtype="datetime64[ns]")
    span = "no dates"
    if published.notna().any():
        span = f"{published.min():%Y-%m-%d} to {published.max():%Y-%m-%d}"
    rows = [("corpus", str(corpus)), ("articles", f"{len(articles):,}"),
            ("outlets", f"{articles['outlet'].replace('', np.nan).nunique():,}" if "outlet" in articles else "0"),
            ("published", span), ("run date", shown)]
    return pd.DataFrame(rows, columns=["item", "value"]).set_index("item")


# --------------------------------------------------------------------------
# corpus tables


def corpus_table(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per article: outlet, date, headline, words, wire and chrome lines removed.

    Parameters
    ----------
    articles : pandas.DataFrame
        Output of :func:`analysis.load_corpus`.

    Returns
    -------
    pandas.DataFrame
        article_id, outlet, published (date), headline, n_words, wire,
        boilerplate_lines; sorted by date then outlet.

    Examples
    --------
    >>> corpus_table(analysis.load_corpus("seeds")).shape    # doctest: +SKIP
    (5, 7)
    """
    require_columns(articles, ["article_id", "outlet", "published", "headline", "n_words"], "corpus_table")
    table = pd.DataFrame({
        "article_id": articles["article_id"],
        "outlet": articles["outlet"],
        "published": pd.to_datetime(articles["published"]).dt.date,
        "headline": articles["headline"],
        "n_words": articles["n_words"].astype(int),
        "wire": articles["wire"] if "wire" in articles else "",
        "boilerplate_lines": (articles["boilerplate"].fillna("").astype(str)
                              .map(lambda s: len([x for x in s.splitlines() if x.strip()]))
                              if "boilerplate" in articles else 0),
    })
    return table.sort_values(["published", "outlet", "article_id"], na_position="last").reset_index(drop=True)


def outlet_table(articles: pd.DataFrame) -> pd.DataFrame:
    """Per outlet: number of articles, first and last publication date, words, wire copies.

    Returns
    -------
    pandas.DataFrame
        outlet, n_articles, first_published, last_published, median_words,
        n_wire (articles that credit a wire agency); most prolific first.
    """
    require_columns(articles, ["outlet", "published", "n_words"], "outlet_table")
    frame = articles.assign(
        outlet=articles["outlet"].fillna("").astype(str).replace("", "(no outlet)"),
        published=pd.to_datetime(articles["published"]),
        is_wire=(articles["wire"].fillna("").astype(str).str.strip() != "") if "wire" in articles else False,
    )
    table = frame.groupby("outlet", sort=False).agg(
        n_articles=("outlet", "size"),
        first_published=("published", "min"),
        last_published=("published", "max"),
        median_words=("n_words", "median"),
        n_wire=("is_wire", "sum"),
    ).reset_index()
    for col in ("first_published", "last_published"):
        table[col] = table[col].dt.date
    table["n_wire"] = table["n_wire"].astype(int)
    return table.sort_values(["n_articles", "outlet"], ascending=[False, True]).reset_index(drop=True)


def corpus_summary(articles: pd.DataFrame, scores: pd.DataFrame | None = None) -> dict[str, Any]:
    """Key numbers of a corpus: counts, date span, lengths, mean readability.

    Returns
    -------
    dict
        n_articles, n_outlets, first_published, last_published (ISO dates or
        None), total_words, median_words, n_wire, and when ``scores`` is
        given mean_flesch_reading_ease and mean_fk_grade.
    """
    published = pd.to_datetime(articles["published"])
    outlets = articles["outlet"].fillna("").astype(str)
    out: dict[str, Any] = {
        "n_articles": int(len(articles)),
        "n_outlets": int(outlets[outlets != ""].nunique()),
        "first_published": None if published.isna().all() else published.min().date().isoformat(),
        "last_published": None if published.isna().all() else published.max().date().isoformat(),
        "total_words": int(articles["n_words"].sum()),
        "median_words": float(articles["n_words"].median()) if len(articles) else None,
        "n_wire": int((articles["wire"].fillna("").astype(str).str.strip() != "").sum()) if "wire" in articles else 0,
    }
    if scores is not None and len(scores):
        out["mean_flesch_reading_ease"] = round(float(scores["flesch_reading_ease"].mean()), 2)
        out["mean_fk_grade"] = round(float(scores["flesch_kincaid_grade"].mean()), 2)
    return out


# --------------------------------------------------------------------------
# timeline


def _iso_or_none(value: str, name: str) -> pd.Timestamp | None:
    if not str(value).strip():
        return None
    try:
        return pd.Timestamp(str(value).strip())
    except ValueError:
        raise ParameterError(f"{name} {value!r} is not an ISO date (YYYY-MM-DD)") from None


def source_names(frame: pd.DataFrame, articles: pd.DataFrame) -> pd.Series:
    """The outlet of each row's ``article_id`` (the article id when the outlet is unknown)."""
    outlets = articles.assign(article_id=articles["article_id"].astype(str)).set_index("article_id")
    names = frame["article_id"].astype(str).map(outlets["outlet"] if "outlet" in outlets else {})
    names = names.fillna("").astype(str)
    return names.where(names != "", frame["article_id"].astype(str))


def timeline_events(dates: pd.DataFrame, articles: pd.DataFrame, start_date: str = "",
                    end_date: str = "", background_days: int = 365) -> pd.DataFrame:
    """Resolved dates with their source, publication date and sentence, in date order.

    Parameters
    ----------
    dates : pandas.DataFrame
        Output of :func:`analysis.extract_dates` (article_id, sentence_id,
        surface, date, date_end, precision, relative).
    articles : pandas.DataFrame
        The articles (outlet, published, body).
    start_date, end_date : str, default ""
        ISO dates bounding the events kept (a period is kept when it
        overlaps the window); "" leaves that side open.
    background_days : int, default 365
        Events that ended more than this many days before the article was
        published are flagged ``background`` ("sanctions imposed in 2006"):
        context, not the news.  0 or less flags nothing.

    Returns
    -------
    pandas.DataFrame
        date, date_end, precision, source, published, days_before_publication
        (how long before its report the event started), background,
        relative, surface, sentence, article_id.  Rows without a resolved
        date are dropped.

    Raises
    ------
    analysis.errors.ParameterError
        If a bound is not an ISO date, or ``start_date`` is after ``end_date``.
    """
    require_columns(dates, ["article_id", "sentence_id", "surface", "date", "date_end", "precision", "relative"],
             "timeline_events")
    start, end = _iso_or_none(start_date, "start_date"), _iso_or_none(end_date, "end_date")
    if start is not None and end is not None and start > end:
        raise ParameterError(f"start_date {start_date!r} is after end_date {end_date!r}")
    from analysis.text.sentences import sentences as split_sentences

    frame = dates.copy()
    frame["date"] = pd.to_datetime(frame["date"], errors="coerce")
    frame["date_end"] = pd.to_datetime(frame["date_end"], errors="coerce").fillna(frame["date"])
    frame = frame[frame["date"].notna()]
    if start is not None:
        frame = frame[frame["date_end"] >= start]
    if end is not None:
        frame = frame[frame["date"] <= end]
    published = articles.assign(article_id=articles["article_id"].astype(str)).set_index("article_id")["published"]
    frame["article_id"] = frame["article_id"].astype(str)
    frame["source"] = source_names(frame, articles)
    frame["published"] = pd.to_datetime(frame["article_id"].map(published))
    frame["days_before_publication"] = (frame["published"].dt.normalize() - frame["date"].dt.normalize()).dt.days
    ended_before = (frame["published"].dt.normalize() - frame["date_end"].dt.normalize()).dt.days
    frame["background"] = (ended_before > int(background_days)).fillna(False).astype(bool) \
        if int(background_days) > 0 else False
    used = articles[articles["article_id"].astype(str).isin(set(frame["article_id"]))]
    if len(frame) and len(used):
        sents = split_sentences(used)[["article_id", "sentence_id", "text"]]
        sents = sents.assign(article_id=sents["article_id"].astype(str)).rename(columns={"text": "sentence"})
        frame = frame.merge(sents, on=["article_id", "sentence_id"], how="left")
    else:
        frame["sentence"] = pd.Series(dtype=str)
    columns = ["date", "date_end", "precision", "source", "published", "days_before_publication",
               "background", "relative", "surface", "sentence", "article_id"]
    return frame[columns].sort_values(["date", "source"], kind="mergesort").reset_index(drop=True)


def unresolved_dates(dates: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Date mentions that could not be put on the calendar, each with the reason.

    Parameters
    ----------
    dates : pandas.DataFrame
        Output of :func:`analysis.extract_dates`.
    articles : pandas.DataFrame
        The articles (``published``).

    Returns
    -------
    pandas.DataFrame
        source, surface, reason, sentence_id, article_id; one row per
        unresolved mention.  Reasons: a relative expression ("last year")
        or a date without a year ("23 February") in an article without a
        publication date, which is what such dates are resolved against;
        a time reference ("now", "recently": precision present/past/future);
        otherwise the wording names no single calendar date.
    """
    require_columns(dates, ["article_id", "sentence_id", "surface", "date", "relative"], "unresolved_dates")
    frame = dates[pd.to_datetime(dates["date"], errors="coerce").isna()].copy()
    frame["article_id"] = frame["article_id"].astype(str)
    published = articles.assign(article_id=articles["article_id"].astype(str)).set_index("article_id")["published"]
    has_date = pd.to_datetime(frame["article_id"].map(published), errors="coerce").notna()
    relative = frame["relative"].fillna(False).astype(bool)
    reason = pd.Series("the wording names no single calendar date", index=frame.index, dtype=object)
    reason[~has_date & ~relative] = "no year in the text and the article has no publication date"
    reason[~has_date & relative] = "relative date (\u201clast year\u201d) in an article without a publication date"
    if "precision" in frame.columns:
        # "now", "recently", "in the future": a time reference, never a calendar date
        reference = frame["precision"].isin(["present", "past", "future"])
        reason[reference] = "a reference to the present, past or future (\u201cnow\u201d, \u201crecently\u201d), not a date"
    frame["reason"] = reason
    frame["source"] = source_names(frame, articles)
    return frame[["source", "surface", "reason", "sentence_id", "article_id"]].reset_index(drop=True)


# --------------------------------------------------------------------------
# figures


def figures_in_context(intervals: pd.DataFrame, articles: pd.DataFrame,
                       units: list[str] | None = None) -> pd.DataFrame:
    """Figures with their source, interval and sentence, for reading in a table.

    Parameters
    ----------
    intervals : pandas.DataFrame
        Output of :func:`analysis.compare.headlines.figure_intervals`.
    articles : pandas.DataFrame
        The articles (to name sources by outlet).
    units : list of str, optional
        Keep only these units, in this order; all units otherwise (sorted).

    Returns
    -------
    pandas.DataFrame
        unit, source, surface, qualifier, interval (in words), of_value,
        subject, sentence, article_id.
    """
    from analysis.compare.headlines import describe_interval

    frame = intervals.copy()
    frame["unit"] = frame["unit"].fillna("").astype(str)
    if units is not None:
        frame = frame[frame["unit"].isin(units)]
        frame["_order"] = frame["unit"].map({u: i for i, u in enumerate(units)})
    else:
        frame["_order"] = frame["unit"].rank(method="dense")
    frame["source"] = source_names(frame, articles)
    frame["interval"] = [describe_interval(lo, hi) if pd.notna(lo) else "" for lo, hi in zip(frame["low"], frame["high"])]
    for col in ("of_value", "subject", "sentence"):
        if col not in frame:
            frame[col] = pd.NA
    frame = frame.sort_values(["_order", "value", "source"], kind="mergesort")
    return frame[["unit", "source", "surface", "qualifier", "interval", "of_value", "subject", "sentence",
                  "article_id"]].reset_index(drop=True)


# --------------------------------------------------------------------------
# claims, agreement and origins

SOURCE_KINDS = ("article_id", "outlet", "speaker", "origin_id")


def find_claims(articles: pd.DataFrame, codebook: str = "",
                attributions: pd.DataFrame | None = None) -> pd.DataFrame:
    """The claims table of a report, with the notebook's ``codebook`` parameter.

    A path (resolved like :func:`resolve_path`) is used as the codebook;
    ``""`` uses the corpus's own ``codebook.yaml`` and, when it has none,
    codebook-free claims (clusters of repeated attributed statements). See
    :func:`analysis.report.claims.claims_for_report`, which this calls: the
    table's ``attrs`` carry ``mode``, ``mode_text``, ``note`` (a codebook
    that tags little or nothing), ``codebook`` and ``labels``.
    ``attributions`` (of the same articles), when already computed, saves
    computing them again.
    """
    from analysis.report.claims import claims_for_report

    return claims_for_report(articles, codebook, attributions=attributions)


def claim_labels(claims: pd.DataFrame) -> dict[str, str]:
    """claim_id -> label, from the claims' ``label`` column or their codebook."""
    labels = dict(claims.attrs.get("labels", {}))
    if "label" in claims:
        labels.update({str(c): str(l) for c, l in zip(claims["claim_id"], claims["label"]) if str(l)})
    return labels


def claim_frequency_table(frequency: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """Claim frequency with labels, supporting articles and their ``echo``.

    Parameters
    ----------
    frequency : pandas.DataFrame
        Output of :func:`analysis.claim_frequency`.
    claims : pandas.DataFrame
        The claims it was computed from (for labels and supporting articles).

    Returns
    -------
    pandas.DataFrame
        claim_id, label, n_articles, n_asserts, n_hedged, n_denies,
        n_supporting (articles that assert or hedge it), n_origins
        (independent origins behind those) and echo = n_supporting -
        n_origins: three outlets running one wire story have an echo of 2.
    """
    labels = claim_labels(claims)
    support = claims[claims["stance"].isin(["asserts", "hedged"])]
    n_supporting = support.groupby(support["claim_id"].astype(str))["article_id"].nunique()
    table = frequency.copy()
    table.insert(1, "label", table["claim_id"].map(lambda c: labels.get(str(c), "")))
    table["n_supporting"] = table["claim_id"].astype(str).map(n_supporting).fillna(0).astype(int)
    table["echo"] = (table["n_supporting"] - table["n_origins"]).clip(lower=0)
    keep = ["claim_id", "label", "n_articles", "n_asserts", "n_hedged", "n_denies", "n_supporting", "n_origins", "echo"]
    return table[keep]


def claim_sources(claims: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Per claim, who asserts, hedges and denies it (comma-separated, sorted).

    The party that takes the stance: an outlet in its own voice, the
    speaker it reports otherwise (with a ``voice`` column, as from
    :func:`analysis.tag_claims`): an outlet reporting a denial is not
    listed as denying.

    Returns
    -------
    pandas.DataFrame
        claim_id, label, asserts, hedged, denies.
    """
    require_columns(claims, ["article_id", "claim_id", "stance"], "claim_sources")
    labels = claim_labels(claims)
    source = source_names(claims, articles)
    if "voice" in claims.columns and "speaker" in claims.columns:
        reported = claims["voice"].astype(str) == "reported"
        source = source.where(~reported, claims["speaker"].fillna("").astype(str))
    frame = claims.assign(source=source)
    rows = []
    for claim_id, g in frame.groupby("claim_id", sort=True):
        row = {"claim_id": claim_id, "label": labels.get(str(claim_id), "")}
        for stance in ("asserts", "hedged", "denies"):
            row[stance] = ", ".join(sorted(set(g.loc[g["stance"] == stance, "source"])))
        rows.append(row)
    return pd.DataFrame(rows, columns=["claim_id", "label", "asserts", "hedged", "denies"])


def claim_speakers(claims: pd.DataFrame) -> pd.DataFrame:
    """Who each claim rests on: speakers and how often they carry each stance.

    Returns
    -------
    pandas.DataFrame
        claim_id, speaker, speaker_type (when tagged), asserts, hedged,
        denies (sentence counts), n_articles; most-cited speakers first.
    """
    require_columns(claims, ["article_id", "claim_id", "stance", "speaker"], "claim_speakers")
    frame = claims.assign(speaker=claims["speaker"].fillna("").astype(str).replace("", "(unattributed)"))
    keys = ["claim_id", "speaker"] + (["speaker_type"] if "speaker_type" in frame else [])
    counts = pd.crosstab([frame[k] for k in keys], frame["stance"])
    for stance in ("asserts", "hedged", "denies"):
        if stance not in counts:
            counts[stance] = 0
    counts = counts[["asserts", "hedged", "denies"]]
    counts["n_articles"] = frame.groupby(keys)["article_id"].nunique()
    counts = counts.reset_index()
    counts.columns.name = None
    return counts.sort_values(["claim_id", "n_articles", "asserts"], ascending=[True, False, False]).reset_index(drop=True)


def claim_examples(claims: pd.DataFrame, articles: pd.DataFrame, per_claim: int = 3) -> pd.DataFrame:
    """Up to ``per_claim`` example sentences per claim and stance, with source and speaker."""
    require_columns(claims, ["article_id", "claim_id", "stance", "speaker", "sentence"], "claim_examples")
    frame = claims.assign(source=source_names(claims, articles))
    frame = frame.drop_duplicates(["claim_id", "stance", "sentence"])
    frame = frame.groupby(["claim_id", "stance"], sort=True).head(int(per_claim))
    order = {"asserts": 0, "hedged": 1, "denies": 2}
    frame = frame.assign(_o=frame["stance"].map(order)).sort_values(["claim_id", "_o", "source"], kind="mergesort")
    return frame[["claim_id", "stance", "source", "speaker", "sentence"]].reset_index(drop=True)


def sources_argument(source_by: str, articles: pd.DataFrame, origins: pd.DataFrame | None = None):
    """``(by, table)`` for :func:`analysis.source_claim_matrix` from the notebook's ``source_by``.

    Raises
    ------
    analysis.errors.ParameterError
        If ``source_by`` is not one of article_id, outlet, speaker, origin_id.
    """
    if source_by not in SOURCE_KINDS:
        raise ParameterError(f"source_by must be one of {', '.join(SOURCE_KINDS)}; got {source_by!r}")
    if source_by == "origin_id":
        if origins is None:
            raise ParameterError("source_by='origin_id' needs the origins table")
        return source_by, origins
    return source_by, articles


def has_outlets(articles: pd.DataFrame) -> bool:
    """Whether any article names its outlet (a plain folder of text files names none)."""
    if "outlet" not in articles:
        return False
    return bool((articles["outlet"].fillna("").astype(str).str.strip() != "").any())


def shown_columns(table: pd.DataFrame, articles: pd.DataFrame) -> list[str]:
    """The columns of ``table`` worth showing: no outlet columns without outlets, no date columns without dates.

    Without outlets, ``outlet``/``outlet_a``/``outlet_b`` are empty or
    repeat the article ids (:func:`source_names` falls back to them); with
    no publication date in the corpus, ``published``/``first_published``/
    ``last_published`` are empty.  The CSV keeps every column.

    Examples
    --------
    >>> t = pd.DataFrame({"article_a": ["x"], "outlet_a": ["x"], "n_passages": [1]})
    >>> shown_columns(t, pd.DataFrame({"article_id": ["x"], "outlet": [""]}))
    ['article_a', 'n_passages']
    """
    hidden: set[str] = set()
    if not has_outlets(articles):
        hidden |= {"outlet", "outlet_a", "outlet_b"}
    if "published" not in articles or pd.to_datetime(articles["published"], errors="coerce").isna().all():
        hidden |= {"published", "first_published", "last_published"}
    return [c for c in table.columns if c not in hidden]


def effective_source_by(source_by: str, articles: pd.DataFrame) -> str:
    """The ``source_by`` a report can honour: ``"article_id"`` for ``"outlet"`` when no article names one.

    Without outlets every article stands for itself; comparing "outlets"
    would compare article ids under the wrong name.

    Examples
    --------
    >>> effective_source_by("outlet", pd.DataFrame({"article_id": ["a"], "outlet": [""]}))
    'article_id'
    >>> effective_source_by("outlet", pd.DataFrame({"article_id": ["a"], "outlet": ["Daily"]}))
    'outlet'
    """
    if source_by == "outlet" and not has_outlets(articles):
        return "article_id"
    return source_by


def source_kind(source_by: str, articles: pd.DataFrame) -> str:
    """What a source is, in the plural, for the reader: "outlets", "articles", "speakers", ...

    With ``source_by="outlet"`` and some articles naming no outlet, those
    articles count for themselves, so the sources are "sources" (outlets,
    or the article), never "outlets".
    """
    if source_by == "outlet":
        if not has_outlets(articles):
            return "articles"
        named = articles["outlet"].fillna("").astype(str).str.strip() != ""
        return "outlets" if bool(named.all()) else "sources"
    return {"article_id": "articles", "speaker": "speakers", "origin_id": "independent origins"}.get(
        source_by, "sources")


def source_display_names(source_by: str, articles: pd.DataFrame, origins: pd.DataFrame | None = None) -> dict:
    """Display names for sources: outlet for article ids, label for origin ids."""
    if source_by == "article_id":
        return dict(zip(articles["article_id"].astype(str), source_names(articles, articles)))
    if source_by == "origin_id" and origins is not None and "origin_label" in origins:
        return {str(o): f"{o} {lbl}" for o, lbl in zip(origins["origin_id"], origins["origin_label"])}
    return {}


def origin_table(articles: pd.DataFrame, origins: pd.DataFrame) -> pd.DataFrame:
    """Articles with their outlet, wire credit and independent origin, grouped by origin."""
    require_columns(origins, ["article_id", "origin_id"], "origin_table")
    meta = articles[["article_id", "outlet"] + (["wire"] if "wire" in articles else [])].assign(
        article_id=articles["article_id"].astype(str))
    table = origins.assign(article_id=origins["article_id"].astype(str)).merge(meta, on="article_id", how="left")
    keep = [c for c in ["origin_id", "origin_label", "article_id", "outlet", "wire", "basis"] if c in table]
    # natural order: O2 before O10 before O100
    return table[keep].sort_values(["origin_id", "article_id"], key=lambda col: col.map(natural_key)
                                   ).reset_index(drop=True)


def natural_key(value: Any) -> tuple:
    """Sort key reading digit runs as numbers: ``O2 < O10 < O100``.

    Examples
    --------
    >>> sorted(["O10", "O2", "O100", "O1"], key=natural_key)
    ['O1', 'O2', 'O10', 'O100']
    """
    parts = re.split(r"(\d+)", str(value))
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p.lower()) for p in parts if p)


def origins_sentence(articles: pd.DataFrame, origins: pd.DataFrame) -> str | None:
    """One sentence when every article is its own origin (nothing to list), else ``None``.

    A table of 40 rows each reading "independent" tells the reader less
    than one sentence does.
    """
    if len(origins) and origins.groupby("origin_id")["article_id"].nunique().max() > 1:
        return None
    n = len(articles)
    return (f"Each of the {n:,} articles is its own independent origin: no wire credit or shared text "
            "ties any two of them together." if n != 1 else "The one article is its own origin.")


def reuse_table(summary: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """The reuse summary with outlet names beside the article ids."""
    table = summary.copy()
    names = dict(zip(articles["article_id"].astype(str), source_names(articles, articles)))
    table.insert(1, "outlet_a", table["article_a"].astype(str).map(names))
    table.insert(3, "outlet_b", table["article_b"].astype(str).map(names))
    return table


def contradiction_table(contradictions: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Contradictions with outlets named, most severe first."""
    if contradictions.empty:
        return contradictions
    names = dict(zip(articles["article_id"].astype(str), source_names(articles, articles)))
    table = contradictions.assign(source_a=contradictions["article_a"].astype(str).map(names),
                                  source_b=contradictions["article_b"].astype(str).map(names))
    if "speaker_a" in table:
        # a stance conflict is between speakers; the outlets only carry their words
        for side in ("a", "b"):
            who = table[f"speaker_{side}"].fillna("").astype(str)
            outlet = table[f"source_{side}"].astype(str)
            table[f"source_{side}"] = outlet.where((who == "") | (who == outlet), who + " (in " + outlet + ")")
    keep = [c for c in ["type", "severity", "claim_id", "topic", "source_a", "source_b", "detail_a", "detail_b",
                        "explanation"] if c in table]
    return table[keep].reset_index(drop=True)
