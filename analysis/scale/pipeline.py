"""Run every extraction step over a corpus and collect the tables.

Two kinds of step:

* **per-article steps** (sentences, quantities, dates, attributions, claims,
  readability) read one article at a time, so they are mapped over chunks of
  the articles table -- in this process (``engine="pandas"``) or on a Dask
  cluster (``engine="dask"``, see :mod:`analysis.scale.engine_dask`) -- and the
  chunk results are concatenated in article order.  The same function,
  :func:`run_chunk`, does the work in both engines, which is why their results
  are identical.
* **corpus-level steps** (text reuse, origins, claim frequency, agreement
  between outlets) compare articles with each other, so they run once, after
  the per-article tables are collected.

Examples
--------
>>> import analysis
>>> tables = analysis.run_pipeline("seeds", steps=["sentences", "quantities"])  # doctest: +SKIP
>>> tables["quantities"].head()                                                # doctest: +SKIP
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Mapping, Sequence

import pandas as pd

from analysis.errors import ParameterError


@dataclass(frozen=True)
class Step:
    """One pipeline step: which function makes which table.

    ``function`` is named, not imported, so that ``import analysis.scale.pipeline``
    stays cheap and a worker imports only the steps it runs.
    """

    name: str
    module: str
    function: str
    per_article: bool
    #: keyword arguments of :func:`run_pipeline` the function accepts
    options: tuple[str, ...] = ()
    #: tables of earlier steps a corpus-level step needs (added to the run when missing)
    needs: tuple[str, ...] = ()
    #: tables of earlier steps passed when the run has them (the step can do without)
    uses: tuple[str, ...] = ()

    def load(self) -> Callable[..., pd.DataFrame]:
        try:
            module = importlib.import_module(self.module)
        except ModuleNotFoundError as exc:
            if exc.name != self.module:
                raise
            raise ParameterError(f"pipeline step {self.name!r} is not available: "
                                 f"module {self.module} is missing") from None
        return getattr(module, self.function)


#: Per-article steps, in the order they run; the table is named after the step.
ARTICLE_STEPS: dict[str, Step] = {s.name: s for s in (
    Step("sentences", "analysis.text.sentences", "sentences", True),
    Step("quantities", "analysis.extract.quantities.extractor", "extract_quantities", True),
    Step("dates", "analysis.extract.dates.extractor", "extract_dates", True),
    Step("attributions", "analysis.sources.attribution", "extract_attributions", True),
    # tag_claims needs the attributions of the same articles; the chunk's
    # own attributions table is handed over instead of computed twice.
    Step("claims", "analysis.claims.tagger", "tag_claims", True, options=("codebook",),
         uses=("attributions",)),
    Step("readability", "analysis.text.readability", "readability", True),
)}

#: Corpus-level steps: run once on the collected tables, after the per-article steps.
CORPUS_STEPS: dict[str, Step] = {s.name: s for s in (
    Step("reuse", "analysis.compare.reuse", "find_text_reuse", False),
    Step("origins", "analysis.compare.origins", "origins", False, uses=("reuse",)),
    Step("claim_frequency", "analysis.scale.pipeline", "_claim_frequency", False,
         needs=("claims",), uses=("origins",)),
    Step("agreement", "analysis.scale.pipeline", "_outlet_agreement", False, needs=("claims",)),
)}

STEPS: dict[str, Step] = {**ARTICLE_STEPS, **CORPUS_STEPS}

#: What :func:`run_pipeline` runs when ``steps`` is not given.
DEFAULT_STEPS: tuple[str, ...] = tuple(STEPS)

#: Every table the extraction pipeline makes, beside ``articles``.
EXTRACTION_STEPS: tuple[str, ...] = tuple(n for n in STEPS if n != "readability")

ENGINES = ("pandas", "dask")


def resolve_steps(steps: Iterable[str] | str | None) -> list[Step]:
    """Check step names and return them as :class:`Step` objects in run order.

    Parameters
    ----------
    steps : iterable of str, str or None
        Step names (see :data:`STEPS`); ``None`` means :data:`DEFAULT_STEPS`.

    Returns
    -------
    list of Step
        Per-article steps first, then corpus-level steps, each in the
        canonical order of :data:`STEPS` (not the order given).

    Raises
    ------
    ParameterError
        An unknown step name.
    """
    if steps is None:
        names = list(DEFAULT_STEPS)
    elif isinstance(steps, str):
        names = [s.strip() for s in steps.split(",") if s.strip()]
    else:
        names = list(steps)
    unknown = [n for n in names if n not in STEPS]
    if unknown:
        raise ParameterError(f"unknown pipeline step(s) {', '.join(map(repr, unknown))}; "
                             f"choose from {', '.join(STEPS)}")
    wanted = set(names)
    for name in names:
        wanted.update(STEPS[name].needs)
    return [step for name, step in STEPS.items() if name in wanted]


def prepare_options(steps: Sequence[Step], codebook: Any = None) -> dict[str, Any]:
    """Step options, loaded once for the whole run.

    The claims codebook is read and validated here, before any article is
    processed (a bad codebook fails at once, not after the first chunk), and
    every chunk -- or Dask worker -- gets the parsed codebook instead of
    re-reading the file.
    """
    options: dict[str, Any] = {"codebook": codebook}
    if codebook is not None and any("codebook" in step.options for step in steps):
        from analysis.claims.codebook import load_codebook

        # None stays None: tag_claims then uses the corpus's own codebook
        # (articles.attrs) or tags nothing -- never another topic's
        options["codebook"] = load_codebook(codebook)
    return options


def run_chunk(articles: pd.DataFrame, steps: Sequence[str],
              options: Mapping[str, Any] | None = None) -> dict[str, pd.DataFrame]:
    """Run the per-article steps on one chunk of articles.

    This is the unit of work both engines map over chunks/partitions: a pure
    function of its arguments (no shared state), importable by name on a
    Dask worker.

    Parameters
    ----------
    articles : pandas.DataFrame
        A chunk of the articles table (``article_id``, ``body``, ``published``, ...).
    steps : sequence of str
        Names of per-article steps (corpus-level names are ignored).
    options : mapping, optional
        Keyword options (e.g. ``codebook``) passed to the steps that accept them.

    Returns
    -------
    dict of str to pandas.DataFrame
        One table per step, rows in article order.
    """
    from analysis.text.sentences import shared_sentence_spans

    options = dict(options or {})
    out: dict[str, pd.DataFrame] = {}
    # every step that needs sentences splits the same bodies: split each once
    with shared_sentence_spans():
        for name in steps:
            step = ARTICLE_STEPS.get(name)
            if step is None:
                continue
            kwargs = {k: options[k] for k in step.options if options.get(k) is not None}
            kwargs.update({n: out[n] for n in step.uses if n in out})
            out[name] = step.load()(articles, **kwargs)
    return out


def concat_tables(parts: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """Concatenate chunk results in order, with a fresh 0..n-1 index.

    Empty chunk results are left out (their column dtypes are often the
    generic ``object``, which would otherwise widen the real dtypes), unless
    every part is empty.
    """
    if not parts:
        return pd.DataFrame()
    full = [p for p in parts if len(p)]
    if not full:
        return parts[0].reset_index(drop=True)
    if len(full) == 1:
        return full[0].reset_index(drop=True)
    return pd.concat(full, ignore_index=True)


def chunk_bounds(n_rows: int, chunk_size: int) -> list[tuple[int, int]]:
    """``(start, stop)`` row ranges of consecutive chunks of ``chunk_size`` rows."""
    if chunk_size < 1:
        raise ParameterError(f"chunk_size must be a positive number of articles, not {chunk_size}")
    return [(i, min(i + chunk_size, n_rows)) for i in range(0, n_rows, chunk_size)] or [(0, 0)]


def run_corpus_steps(tables: dict[str, pd.DataFrame], steps: Sequence[Step],
                     options: Mapping[str, Any] | None = None) -> dict[str, pd.DataFrame]:
    """Run the corpus-level steps on collected tables; add their tables in place.

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        At least ``articles``, plus whatever the steps ``need``.
    steps : sequence of Step
        Steps to run (per-article ones are skipped).
    options : mapping, optional
        Keyword options for the steps that accept them.
    """
    options = dict(options or {})
    for step in steps:
        if step.per_article:
            continue
        missing = [n for n in step.needs if n not in tables]
        if missing:
            raise ParameterError(f"pipeline step {step.name!r} needs the {', '.join(missing)} "
                                 "table(s); add those steps")
        kwargs = {k: options[k] for k in step.options if options.get(k) is not None}
        kwargs.update({n: tables[n] for n in (*step.needs, *step.uses) if n in tables})
        tables[step.name] = step.load()(tables["articles"], **kwargs)
    return tables


# Corpus-level analyses whose functions do not take the articles first.

def _claim_frequency(articles: pd.DataFrame, claims: pd.DataFrame,
                     origins: pd.DataFrame | None = None) -> pd.DataFrame:
    """:func:`analysis.claim_frequency`, counting independent origins when known."""
    from analysis.compare.agreement import claim_frequency

    return claim_frequency(claims, origins)


def _outlet_agreement(articles: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """:func:`analysis.pairwise_agreement` between outlets (pairs of articles would be quadratic)."""
    from analysis.compare.agreement import pairwise_agreement

    if "outlet" not in articles.columns:
        raise ParameterError("the agreement step needs an 'outlet' column in the articles")
    return pairwise_agreement(claims, by="outlet", articles=articles[["article_id", "outlet"]])


def run_pipeline(
    articles: pd.DataFrame | str | os.PathLike[str],
    steps: Iterable[str] | str | None = None,
    engine: str = "pandas",
    *,
    codebook: Any = None,
    chunk_size: int | None = None,
    client: Any = None,
    scheduler: str | None = None,
    n_workers: int | None = None,
) -> dict[str, pd.DataFrame]:
    """Run the extraction steps over a corpus and return every table.

    Parameters
    ----------
    articles : pandas.DataFrame, dask.dataframe.DataFrame, str or path-like
        The articles table (as from :func:`analysis.load_corpus`), or a path
        that :func:`analysis.load_corpus` accepts (a corpus folder, a folder
        of Parquet tables, JSONL, ...).  With ``engine="dask"`` a Dask
        DataFrame of articles is accepted too (e.g.
        ``dd.read_parquet("out/articles.parquet")``).
    steps : iterable of str or str, optional
        Which steps to run: any of ``sentences``, ``quantities``, ``dates``,
        ``attributions``, ``claims``, ``readability`` (per article) and
        the corpus-level ``reuse`` (text reuse, :func:`analysis.find_text_reuse`),
        ``origins`` (:func:`analysis.origins`, fed the reuse table when it is
        run), ``claim_frequency`` (:func:`analysis.claim_frequency`, counting
        origins when they are run) and ``agreement``
        (:func:`analysis.pairwise_agreement` between outlets); steps these
        need (claims) are added.  A comma-separated string works too.
        Default: all of them.
    engine : {"pandas", "dask"}, default "pandas"
        ``"pandas"`` runs in this process; ``"dask"`` maps the per-article
        steps over partitions on a Dask cluster (see ``client``).
    codebook : optional
        Passed to :func:`analysis.tag_claims` (a path or a loaded codebook).
        Default: the corpus's own ``codebook.yaml`` (``articles.attrs``);
        with none the claims table is empty (and a warning says so).
    chunk_size : int, optional
        Articles per chunk (pandas) or per partition (dask).  Default: the
        whole table at once for pandas; for dask, enough partitions to give
        every worker thread about four.
    client : dask.distributed.Client, optional
        Run on this client's cluster (``engine="dask"`` only).
    scheduler : str, optional
        Address of a running Dask scheduler, e.g. ``"tcp://10.0.0.5:8786"``
        (``engine="dask"`` only; ignored when ``client`` is given).
    n_workers : int, optional
        Workers of the LocalCluster started when neither ``client`` nor
        ``scheduler`` is given (``engine="dask"`` only).

    Returns
    -------
    dict of str to pandas.DataFrame
        ``articles`` plus one table per step run, keyed by step name
        (``sentences``, ``quantities``, ``dates``, ``attributions``,
        ``claims``, ``readability``, ``reuse``, ``origins``,
        ``claim_frequency``, ``agreement``), each with the columns its
        function documents; per-article tables have their rows in article order.  Both engines return
        identical tables.

    Raises
    ------
    ParameterError
        Unknown step or engine, or a bad ``chunk_size``.

    Examples
    --------
    >>> tables = run_pipeline("seeds", steps="sentences,dates")   # doctest: +SKIP
    >>> sorted(tables)                                            # doctest: +SKIP
    ['articles', 'dates', 'sentences']
    """
    if engine not in ENGINES:
        raise ParameterError(f"unknown engine {engine!r}; choose from {', '.join(ENGINES)}")
    if engine == "pandas" and (client is not None or scheduler or n_workers):
        raise ParameterError("client, scheduler and n_workers apply to engine='dask' only")
    if chunk_size is not None and (isinstance(chunk_size, bool) or not isinstance(chunk_size, int)
                                   or chunk_size < 1):
        raise ParameterError(f"chunk_size must be a positive number of articles, not {chunk_size!r}")
    chosen = resolve_steps(steps)
    article_steps = [s.name for s in chosen if s.per_article]
    if isinstance(articles, (str, os.PathLike)):
        from analysis.corpus.load import load_corpus

        articles = load_corpus(articles)
    if codebook is None:  # the corpus's own codebook.yaml, recorded by load_corpus (or none)
        codebook = (getattr(articles, "attrs", None) or {}).get("codebook")
    options = prepare_options(chosen, codebook)
    if engine == "dask":
        from analysis.scale.engine_dask import run_article_steps

        tables = run_article_steps(articles, article_steps, options, chunk_size=chunk_size,
                                   client=client, scheduler=scheduler, n_workers=n_workers)
    else:
        from analysis.checks import require_columns

        if type(articles).__module__.startswith("dask"):
            raise ParameterError("a Dask DataFrame of articles needs engine='dask' "
                                 "(or .compute() it first)")
        require_columns(articles, ("article_id", "body"), "run_pipeline")
        tables = {"articles": articles}
        size = chunk_size or max(len(articles), 1)
        parts: dict[str, list[pd.DataFrame]] = {name: [] for name in article_steps}
        for start, stop in chunk_bounds(len(articles), size):
            result = run_chunk(articles.iloc[start:stop], article_steps, options)
            for name in article_steps:
                parts[name].append(result[name])
        tables.update({name: concat_tables(parts[name]) for name in article_steps})
        if size < len(articles):
            canonical_speakers_across_chunks(tables)
    return run_corpus_steps(tables, chosen, options)


def canonical_speakers_across_chunks(tables: dict[str, pd.DataFrame]) -> None:
    """Speakers named once for the whole corpus after a chunked run (see
    :func:`analysis.sources.attribution.canonical_speaker_tables`); in place."""
    if "attributions" not in tables or not len(tables["attributions"]):
        return
    from analysis.sources.attribution import canonical_speaker_tables

    tables["attributions"], claims = canonical_speaker_tables(tables["attributions"], tables.get("claims"))
    if claims is not None:
        tables["claims"] = claims
