"""Where the package finds its notebooks and sample corpus, and how notebook paths resolve.

Two layouts, one answer:

* **a source checkout** (or an editable install of one): the repository's
  top-level ``notebooks/`` and ``seeds/`` folders;
* **an installed wheel**: the same folders, copied into the package as
  ``analysis/resources/notebooks`` and ``analysis/resources/seeds`` by the
  build hook in ``setup.py`` and read with :mod:`importlib.resources`.

The packaged copy is used only when the package does not sit in a checkout
that has the folders, so a developer always renders the notebooks they edit.

Relative paths given *to a notebook* (``corpus = "../seeds"``) resolve
against the notebook's own folder (:func:`notebook_folder`), never against
wherever the package happens to be installed: a second clone's notebooks
read that clone's ``seeds/``.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent
#: Name of the package-data folder the build hook fills (see setup.py).
RESOURCES = "resources"


def _bundled(name: str) -> Path | None:
    """``analysis/resources/<name>`` of an installed copy, if the wheel shipped it."""
    try:
        folder = resources.files("analysis") / RESOURCES / name
    except (ModuleNotFoundError, TypeError):  # pragma: no cover - analysis is always importable here
        return None
    # Wheels install as plain files, so the Traversable is a real folder.
    path = Path(str(folder))
    return path if path.is_dir() else None


def _shipped(name: str) -> Path:
    checkout = REPO_DIR / name
    if (REPO_DIR / "pyproject.toml").is_file() and checkout.is_dir():
        return checkout
    return _bundled(name) or checkout


def notebooks_dir() -> Path:
    """The report notebooks: the checkout's ``notebooks/``, else the installed copy."""
    return _shipped("notebooks")


def default_corpus() -> Path:
    """The sample corpus: the checkout's ``seeds/``, else the installed copy."""
    return _shipped("seeds")


# Module constants kept for callers that read them; computed once at import.
NOTEBOOKS_DIR = notebooks_dir()
SEEDS_DIR = default_corpus()


def notebook_folder() -> Path:
    """The folder relative notebook parameters start from: the running notebook's own folder.

    JupyterLab (jupyter_server 2) starts a kernel in the notebook's folder and
    names the notebook in ``JPY_SESSION_NAME``; VS Code does the same with
    ``__vsc_ipynb_file__``; ``render`` and ``papermill --cwd`` start the
    kernel in the notebook folder too.  The session's notebook is used when
    it is known, else the working folder.

    Returns
    -------
    pathlib.Path
        An absolute folder.
    """
    session = os.environ.get("JPY_SESSION_NAME", "")
    if session and not session.startswith(("http:", "https:")):
        candidate = Path(session).expanduser()
        if candidate.suffix == ".ipynb" and candidate.parent.is_dir() and candidate.is_absolute():
            return candidate.parent.resolve()
    return Path.cwd().resolve()
