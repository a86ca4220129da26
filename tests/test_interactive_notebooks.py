"""Interactive notebooks (the widget explorer) stay out of a full static render, and say so."""

from __future__ import annotations

import nbformat
import pytest

from analysis.errors import ParameterError
from analysis.paths import NOTEBOOKS_DIR
from analysis.report.rendering.plan import is_static_report, plan_render
from tests.conftest import SEEDS, write_notebook


def _interactive(path):
    nb = nbformat.read(path, as_version=4)
    nb.metadata["osint"] = {"static_report": False}
    nbformat.write(nb, path)
    return path


def test_full_render_leaves_interactive_notebooks_out_with_a_note(notebook_dir):
    write_notebook(notebook_dir, "01_report", "x = 1")
    _interactive(write_notebook(notebook_dir, "02_widgets", "y = 2"))
    plan = plan_render(notebooks_dir=notebook_dir, corpus=str(SEEDS))
    assert [nb.name for nb in plan.notebooks] == ["01_report"]
    assert any(n.startswith("02_widgets left out: an interactive notebook") for n in plan.notes)


def test_named_interactive_notebook_renders_as_a_static_copy(notebook_dir):
    write_notebook(notebook_dir, "01_report", "x = 1")
    _interactive(write_notebook(notebook_dir, "02_widgets", "y = 2"))
    plan = plan_render(notebooks_dir=notebook_dir, names=["02"], corpus=str(SEEDS))
    assert [nb.name for nb in plan.notebooks] == ["02_widgets"]
    assert not any("left out" in n for n in plan.notes)


def test_a_folder_of_only_interactive_notebooks_is_an_error(notebook_dir):
    _interactive(write_notebook(notebook_dir, "01_widgets", "y = 2"))
    with pytest.raises(ParameterError, match="every notebook in the folder is interactive"):
        plan_render(notebooks_dir=notebook_dir, corpus=str(SEEDS))


def test_the_explorer_is_the_only_interactive_notebook_of_the_repository():
    flags = {p.stem: is_static_report(p) for p in sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb"))}
    assert flags.pop("07_explore") is False
    assert all(flags.values()), flags
