"""OSINT analysis of news coverage.

Load a corpus of news articles into tidy pandas DataFrames and find who
claims what, on whose authority, how sure they are, which sources agree or
contradict each other, whether they are independent, and what figures and
dates they give.

The public functions are imported lazily (PEP 562) so that ``import
analysis`` stays fast for the command line and a notebook only pays for the
steps it uses.

Examples
--------
>>> import analysis
>>> articles = analysis.load_corpus("seeds")            # doctest: +SKIP
>>> figures = analysis.extract_quantities(articles)     # doctest: +SKIP
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

# public name -> module that defines it
_EXPORTS: dict[str, str] = {
    "load_corpus": "analysis.corpus.load",
    "sentences": "analysis.text.sentences",
    "readability": "analysis.text.readability",
    "extract_quantities": "analysis.extract.quantities.extractor",
    "extract_dates": "analysis.extract.dates.extractor",
    "extract_attributions": "analysis.sources.attribution",
    "load_codebook": "analysis.claims.codebook",
    "tag_claims": "analysis.claims.tagger",
    "cluster_claims": "analysis.claims.clusters",
    "find_text_reuse": "analysis.compare.reuse",
    "reuse_summary": "analysis.compare.reuse",
    "origins": "analysis.compare.origins",
    "source_claim_matrix": "analysis.compare.agreement",
    "claim_frequency": "analysis.compare.agreement",
    "pairwise_agreement": "analysis.compare.agreement",
    "find_contradictions": "analysis.compare.contradictions",
    "show_article": "analysis.explore.article_view",
    "article_html": "analysis.explore.article_view",
    "show_claim": "analysis.explore.article_view",
    "ClaimsExplorer": "analysis.explore.explorer",
    "render_reports": "analysis.report.rendering",
    "run_pipeline": "analysis.scale.pipeline",
    "load_tables": "analysis.scale.tables",
    "iter_corpus": "analysis.scale.streaming",
    "extract_to_parquet": "analysis.scale.streaming",
    "CorpusError": "analysis.errors",
    "CodebookError": "analysis.errors",
    "ParameterError": "analysis.errors",
    "RenderError": "analysis.errors",
    "AnalysisError": "analysis.errors",
    "CorpusWarning": "analysis.errors",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'analysis' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # cache: the next lookup is a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
