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
import sys
import types
from typing import Any

__version__ = "0.1.0"

# public name -> module that defines it
_EXPORTS: dict[str, str] = {
    "load_corpus": "analysis.corpus",
    "sentences": "analysis.sentences",
    "readability": "analysis.readability",
    "extract_quantities": "analysis.quantities",
    "extract_dates": "analysis.dates",
    "extract_attributions": "analysis.attribution",
    "load_codebook": "analysis.codebook",
    "tag_claims": "analysis.claims",
    "cluster_claims": "analysis.claim_clusters",
    "find_text_reuse": "analysis.reuse",
    "reuse_summary": "analysis.reuse",
    "origins": "analysis.origins",
    "source_claim_matrix": "analysis.agreement",
    "claim_frequency": "analysis.agreement",
    "pairwise_agreement": "analysis.agreement",
    "find_contradictions": "analysis.contradictions",
    "show_article": "analysis.article_view",
    "article_html": "analysis.article_view",
    "show_claim": "analysis.article_view",
    "ClaimsExplorer": "analysis.explorer",
    "render_reports": "analysis.rendering",
    "run_pipeline": "analysis.pipeline",
    "load_tables": "analysis.tables",
    "iter_corpus": "analysis.streaming",
    "extract_to_parquet": "analysis.streaming",
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


class _Package(types.ModuleType):
    """Keep ``analysis.sentences`` (and the like) the *function*.

    A few public functions share their module's name (``sentences``,
    ``readability``, ``origins``).  Importing such a submodule makes Python
    set it as an attribute of the package, which would shadow the function;
    this hook hands back the function instead.  Import helpers from those
    modules with ``from analysis.sentences import SentenceIndex``.
    """

    def __getattribute__(self, name: str) -> Any:
        value = super().__getattribute__(name)
        if isinstance(value, types.ModuleType) and _EXPORTS.get(name) == f"{__name__}.{name}":
            return getattr(value, name)
        return value


sys.modules[__name__].__class__ = _Package
