"""Write the report notebooks in this folder from the definitions below.

The committed ``.ipynb`` files are what users open and what the renderer
runs; this script is how they are kept consistent (same setup cell, same
parameter conventions, no outputs).  Edit a definition here, run

    .venv/bin/python notebooks/build_notebooks.py

and commit both this script and the regenerated notebooks.  Editing a
notebook in JupyterLab is fine too -- then port the change here, or the next
build will overwrite it (``tests/test_notebooks_clean.py`` checks that the
committed notebooks match this script).

Conventions every notebook follows:

* one code cell tagged ``parameters`` holding only ``name = literal`` lines,
  each with a comment; relative paths resolve from ``notebooks/``;
* the run date is a parameter, never read from the clock;
* article text reaches the page only through DataFrame tables (escaped HTML);
* every chart is saved with :func:`analysis.plots.save_figure` under a stable
  name, and the notebook ends by writing its key numbers with
  :func:`analysis.report_data.write_summary`.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from notebook_sources import NOTEBOOKS  # noqa: E402  (the definitions, one module per notebook group)

KERNELSPEC = {"name": "osint-analysis", "display_name": "Python (osint-analysis)", "language": "python"}


def make_notebook(cells: list[tuple[str, str, list[str]]]) -> nbformat.NotebookNode:
    """Build a notebook from ``(kind, source, tags)`` triples; no outputs, no counts."""
    nb = new_notebook()
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nb.metadata["language_info"] = {"name": "python"}
    for index, (kind, source, tags) in enumerate(cells):
        source = source.strip("\n")
        cell = new_markdown_cell(source) if kind == "md" else new_code_cell(source)
        # stable ids keep diffs small when a notebook is regenerated
        cell["id"] = f"cell-{index:02d}"
        if tags:
            cell.metadata["tags"] = list(tags)
        nb.cells.append(cell)
    nbformat.validate(nb)
    return nb


def build(folder: Path = HERE) -> list[Path]:
    """Write every notebook into ``folder``; return the paths written."""
    written = []
    for name, cells in NOTEBOOKS.items():
        path = folder / f"{name}.ipynb"
        nbformat.write(make_notebook(cells), path)
        written.append(path)
    return written


if __name__ == "__main__":
    for path in build():
        print(path.relative_to(HERE.parent))
