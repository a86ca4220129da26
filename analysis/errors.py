"""The package's own exception and warning types.

Every error a user can cause by what they feed the package (a corpus, a
codebook, render parameters) is one of these, with a message that names the
file and the problem, so the command line can print it on one line and exit
with status 2 instead of showing a traceback.
"""

from __future__ import annotations


class AnalysisError(Exception):
    """Base class of every error the package raises on purpose."""


class CorpusError(AnalysisError, ValueError):
    """A corpus, manifest or article file cannot be used as given."""


class CodebookError(AnalysisError, ValueError):
    """A claims codebook is malformed (names the file and, where known, the line)."""


class ParameterError(AnalysisError, ValueError):
    """A notebook or render parameter is unknown or has the wrong type."""


class RenderError(AnalysisError, RuntimeError):
    """Rendering the reports could not be carried out (output folder, lock, ...)."""


class InputError(AnalysisError, ValueError):
    """A public function was given the wrong kind of table (not a DataFrame, or columns missing).

    It is a ``ValueError`` (and, for a non-DataFrame argument, what a
    ``TypeError`` used to say), so existing ``except ValueError`` code keeps
    working, and an :class:`AnalysisError`, so the command line reports it
    on one line.
    """


class InputTypeError(InputError, TypeError):
    """A public function was given something that is not a DataFrame."""


class ArticleNotFoundError(InputError, KeyError):
    """An article id asked for (e.g. by :func:`analysis.show_article`) is not in the corpus."""

    def __str__(self) -> str:  # KeyError would quote the whole message
        return str(self.args[0]) if self.args else ""


class CorpusWarning(UserWarning):
    """A file was skipped or repaired while loading a corpus; the message names it."""
