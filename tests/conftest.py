"""Shared fixtures: the seeds corpus and the BBC bench corpus beside the repository."""

from __future__ import annotations

import os
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")  # never open a window from a test

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
BBC = REPO.parent / "shared" / "bench" / "bbc"

# Keep the readability dictionary cache inside the test session's temp area
# when the home folder is not writable (CI sandboxes).
os.environ.setdefault("OSINT_ANALYSIS_CACHE", str(REPO / ".venv" / "cache"))


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def seed_articles():
    import analysis

    return analysis.load_corpus(SEEDS)


@pytest.fixture(scope="session")
def bbc_dir() -> Path:
    if not BBC.is_dir():
        pytest.skip("../shared/bench/bbc not present")
    return BBC


def article_frame(*bodies: str, published: str | None = "2024-05-30", ids=None, codebook=SEEDS / "codebook.yaml"):
    """A small articles DataFrame built from literal bodies, for unit tests.

    Most unit tests write sentences on the sample topic, so the frame carries
    the sample corpus's codebook in ``attrs["codebook"]``, as
    ``load_corpus("seeds")`` would; ``codebook=None`` gives a frame of a
    corpus without a codebook.
    """
    import pandas as pd

    ids = ids or [f"a{i}" for i in range(len(bodies))]
    frame = pd.DataFrame({
        "article_id": ids,
        "outlet": [f"outlet{i}" for i in range(len(bodies))],
        "published": pd.to_datetime([published] * len(bodies)),
        "headline": ["" for _ in bodies],
        "body": list(bodies),
        "wire": ["" for _ in bodies],
    })
    if codebook is not None:
        frame.attrs["codebook"] = str(codebook)
    return frame


def write_notebook(folder: Path, name: str, *cells, params: str = 'corpus = "../seeds"\nfigures_dir = "../figures"\nrun_date = ""',
                   title: str | None = None) -> Path:
    """Write a small notebook for render tests: a title, a ``parameters`` cell, then ``cells``.

    Each extra cell is code source (str) or ``(source, [tags])``; a source
    starting with ``"md:"`` makes a markdown cell.
    """
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "osint-analysis", "display_name": "Python (osint-analysis)",
                                 "language": "python"}
    nb.cells.append(nbformat.v4.new_markdown_cell(f"# {title or name}"))
    nb.cells.append(nbformat.v4.new_code_cell(params, metadata={"tags": ["parameters"]}))
    for cell in cells:
        source, tags = (cell, []) if isinstance(cell, str) else cell
        if source.startswith("md:"):
            nb.cells.append(nbformat.v4.new_markdown_cell(source[3:], metadata={"tags": tags}))
        else:
            nb.cells.append(nbformat.v4.new_code_cell(source, metadata={"tags": tags}))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.ipynb"
    nbformat.write(nb, path)
    return path


@pytest.fixture
def notebook_dir(tmp_path) -> Path:
    """An empty folder for notebooks written with :func:`write_notebook`."""
    folder = tmp_path / "notebooks"
    folder.mkdir()
    return folder


@pytest.fixture(scope="session")
def hostile_render(tmp_path_factory):
    """``python -m analysis render`` over tests/hostile_corpus.py: (completed process, run folder).

    Rendered once per session and shared by the hostile-content and browser tests.
    """
    import subprocess
    import sys

    from tests.hostile_corpus import write_hostile_corpus

    base = tmp_path_factory.mktemp("hostile")
    corpus = write_hostile_corpus(base / "corpus")
    out = base / "reports"
    proc = subprocess.run(
        [sys.executable, "-m", "analysis", "render", "--corpus", str(corpus), "--out", str(out)],
        capture_output=True, text=True, timeout=1200, stdin=subprocess.DEVNULL, cwd=REPO,
    )
    runs = sorted(p.parent for p in out.glob("*/index.html") if not p.parent.is_symlink())
    assert len(runs) == 1, f"render made no single run folder (status {proc.returncode}): {proc.stderr[-2000:]}"
    return proc, runs[0]
