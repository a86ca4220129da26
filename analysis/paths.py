"""Where the repository keeps things, for defaults that work from any folder."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent
SEEDS_DIR = REPO_DIR / "seeds"
NOTEBOOKS_DIR = REPO_DIR / "notebooks"
FIGURES_DIR = REPO_DIR / "figures"


def default_corpus() -> Path:
    """The repository's ``seeds/`` folder (the sample corpus)."""
    return SEEDS_DIR
