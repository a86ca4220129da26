"""The committed notebooks are clean sources: no outputs, one literal parameters cell.

These checks run without a kernel, so they are fast and always on.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import jupytext
import nbformat
import pytest

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))
EXPECTED = {
    "01_corpus_overview", "02_claim_frequency", "03_source_agreement",
    "04_quantitative_figures", "05_timeline", "06_teaching_osint_methods",
}
COMMON = {"corpus": "../seeds", "codebook": "", "figures_dir": "../figures", "tables_dir": "", "run_date": ""}
LITERAL_TYPES = (str, int, float, bool)


def _ids(paths):
    return [p.stem for p in paths]


def _parameters_cell(nb):
    tagged = [c for c in nb.cells if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1, f"expected exactly one cell tagged 'parameters', found {len(tagged)}"
    assert tagged[0].cell_type == "code"
    return tagged[0]


def test_every_report_notebook_is_committed():
    assert {p.stem for p in NOTEBOOKS} >= EXPECTED


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_no_outputs_and_no_execution_counts(path):
    raw = json.loads(path.read_text(encoding="utf-8"))
    for i, cell in enumerate(raw["cells"]):
        if cell["cell_type"] == "code":
            assert cell.get("outputs") == [], f"{path.name} cell {i} has outputs"
            assert cell.get("execution_count") is None, f"{path.name} cell {i} has an execution count"
        assert "papermill" not in cell.get("metadata", {}), f"{path.name} cell {i} carries papermill metadata"
    assert "papermill" not in raw["metadata"]
    nbformat.validate(nbformat.reads(path.read_text(encoding="utf-8"), as_version=4))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_parameters_cell_holds_commented_literal_assignments(path):
    nb = nbformat.read(path, as_version=4)
    cell = _parameters_cell(nb)
    tree = ast.parse(cell.source)
    lines = cell.source.splitlines()
    values = {}
    for stmt in tree.body:
        assert isinstance(stmt, ast.Assign), f"{path.name} line {stmt.lineno}: only assignments allowed"
        assert len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name), \
            f"{path.name} line {stmt.lineno}: assign one plain name"
        assert isinstance(stmt.value, ast.Constant) and isinstance(stmt.value.value, LITERAL_TYPES), \
            f"{path.name} line {stmt.lineno}: value must be a str/int/float/bool literal"
        line = lines[stmt.lineno - 1]
        comment = line.split("#", 1)[1] if "#" in line[stmt.value.end_col_offset:] else ""
        assert comment.strip(), f"{path.name} line {stmt.lineno}: every parameter needs a comment"
        # papermill's parameter inspection (--help-notebook) gives up on a
        # line with a second '=' or quotes in its comment
        assert line.count("=") == 1, f"{path.name} line {stmt.lineno}: no '=' in parameter comments"
        assert '"' not in comment and "'" not in comment, f"{path.name} line {stmt.lineno}: no quotes in comments"
        values[stmt.targets[0].id] = stmt.value.value
    # render passes tables_dir to the static reports only; an interactive
    # notebook (left out of static runs) computes or reads its own tables
    from analysis.report.rendering.plan import is_static_report

    common = COMMON if is_static_report(path) else {k: v for k, v in COMMON.items() if k != "tables_dir"}
    for name, default in common.items():
        assert values.get(name) == default, f"{path.name}: {name} should default to {default!r}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_kernel_and_no_clock_reads(path):
    nb = nbformat.read(path, as_version=4)
    assert nb.metadata["kernelspec"]["name"] == "osint-analysis"
    clock = re.compile(r"\b(?:datetime\.now|date\.today|Timestamp\.now|Timestamp\.today|time\.time)\s*\(")
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not clock.search(cell.source), f"{path.name}: the run date is a parameter, not the clock"


def test_only_the_teaching_notebook_has_solutions():
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        n = sum("solution" in c.get("metadata", {}).get("tags", []) for c in nb.cells)
        if path.stem.startswith("06_teaching"):
            assert n >= 5, "each teaching exercise has a worked solution"
        else:
            assert n == 0, path.name


def _cells(nb):
    return [(c.cell_type, c.source, list(c.metadata.get("tags", []))) for c in nb.cells]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_each_notebook_is_paired_with_its_percent_script(path):
    """The ``.py`` percent script is the diffable source; the pair must agree.

    JupyterLab (with jupytext) saves both files of a pair together, and
    ``make sync-notebooks`` brings a pair back in step after an edit of
    either one, so nothing overwrites an edit silently.
    """
    script = path.with_suffix(".py")
    assert script.is_file(), f"{path.name} has no paired percent script {script.name}"
    nb = nbformat.read(path, as_version=4)
    assert nb.metadata.get("jupytext", {}).get("formats") == "ipynb,py:percent", \
        f"{path.name} is not paired (jupytext formats metadata missing)"
    paired = jupytext.read(script)
    assert _cells(paired) == _cells(nb), \
        f"{path.name} and {script.name} differ; run `make sync-notebooks` and commit both"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_percent_scripts_are_valid_python(path):
    """The scripts are linted as code: at least they must parse."""
    source = path.with_suffix(".py").read_text(encoding="utf-8")
    compile(source, str(path.with_suffix(".py")), "exec")


def test_every_percent_script_has_its_notebook():
    scripts = sorted((REPO / "notebooks").glob("[0-9][0-9]_*.py"))
    assert {p.stem for p in scripts} == {p.stem for p in NOTEBOOKS}
