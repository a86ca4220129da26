"""Notebook parameters: reading the ``parameters`` cell and validating given values (no kernel starts)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.cli.main import main
from analysis.errors import ParameterError
from analysis.report.notebook_params import (NotebookParameter, coerce_value, load_params_file, parse_assignments,
                                      parse_parameter_cell, read_parameters, validate_parameters)
from tests.conftest import REPO, write_notebook

P = 'corpus = "../seeds"\ncodebook = ""\nfigures_dir = "../figures"\nrun_date = ""\nmin_sources: int = 2\n' \
    'threshold = 0.5\nshow_all = False\nlabel = None\noutlets = ["a", "b"]'


# --------------------------------------------------------------------------- the parameters cell

def test_parse_cell_types_defaults_and_lines():
    params = parse_parameter_cell('"""Knobs."""\n# the corpus\n' + P)
    assert list(params) == ["corpus", "codebook", "figures_dir", "run_date", "min_sources", "threshold",
                            "show_all", "label", "outlets"]
    assert params["corpus"] == NotebookParameter("corpus", str, "../seeds", 3)
    assert params["min_sources"].type is int and params["min_sources"].default == 2
    assert params["threshold"].type is float
    assert params["show_all"].type is bool
    assert params["label"].type is type(None) and params["label"].type_name == "none"
    assert params["outlets"].type is list and params["outlets"].default == ["a", "b"]


def test_annotation_overrides_literal_type():
    params = parse_parameter_cell("ratio: float = 1\nname: str = None\nodd: Optional[int] = 3")
    assert params["ratio"].type is float
    assert params["name"].type is str and params["name"].default is None
    assert params["odd"].type is int  # unknown annotation: the literal's type


def test_tuple_literal_is_a_list():
    assert parse_parameter_cell("pair = (1, 2)")["pair"].type is list


@pytest.mark.parametrize("source, fragment", [
    ("import os\ncorpus = os.getcwd()", "line 1: only `name = literal`"),
    ("corpus = os.getcwd()", "line 1: value of 'corpus' is not a plain literal"),
    ("x = 1\ny = x + 1", "line 2: value of 'y' is not a plain literal"),
    ("a = b = 1", "line 1: only"),
    ("a, b = 1, 2", "line 1: only"),
    ("x = {1, 2}", "unsupported type set"),
    ("x = 1\ny = (", "parameters cell line 2"),
    ("print('hi')", "line 1: only"),
])
def test_non_literal_cells_are_rejected_with_line(source, fragment):
    with pytest.raises(ParameterError, match="nb.ipynb") as err:
        parse_parameter_cell(source, where="nb.ipynb")
    assert fragment in str(err.value)


def test_read_parameters_from_notebook(notebook_dir):
    path = write_notebook(notebook_dir, "01_x", params=P)
    declared = read_parameters(path)
    assert declared.notebook == "01_x"
    assert declared.defaults()["min_sources"] == 2
    assert "corpus" in declared and "nope" not in declared


def test_read_parameters_errors(notebook_dir, tmp_path):
    with pytest.raises(ParameterError, match="not found"):
        read_parameters(tmp_path / "missing.ipynb")
    junk = tmp_path / "junk.ipynb"
    junk.write_bytes(b"\x89PNG\r\n")
    with pytest.raises(ParameterError, match="junk.ipynb: not a readable notebook"):
        read_parameters(junk)
    untagged = notebook_dir / "untagged.ipynb"
    nb = json.loads(write_notebook(notebook_dir, "untagged").read_text())
    for cell in nb["cells"]:
        cell["metadata"]["tags"] = []
    untagged.write_text(json.dumps(nb))
    with pytest.raises(ParameterError, match="no cell tagged 'parameters'"):
        read_parameters(untagged)
    twice = write_notebook(notebook_dir, "twice", ("x = 1", ["parameters"]))
    with pytest.raises(ParameterError, match="2 cells tagged"):
        read_parameters(twice)


# --------------------------------------------------------------------------- -p and YAML values

def test_parse_assignments():
    assert parse_assignments(["a=1", "b=", "q=x=y", "a=2"]) == {"a": "2", "b": "", "q": "x=y"}
    for bad in ["novalue", "=3", "1x=3", "a-b=3"]:
        with pytest.raises(ParameterError, match="expected name=value"):
            parse_assignments([bad])


@pytest.mark.parametrize("kind, text, expected", [
    (int, "3", 3), (int, " -12 ", -12), (float, "2.5", 2.5), (float, "3", 3.0), (float, "1e3", 1000.0),
    (bool, "true", True), (bool, "No", False), (bool, "1", True), (bool, "off", False),
    (str, " keep spaces ", " keep spaces "), (str, "", ""), (list, "[1, 2]", [1, 2]), (dict, "{a: 1}", {"a": 1}),
    (type(None), "null", None), (type(None), "text", "text"),
])
def test_coerce_text(kind, text, expected):
    value = coerce_value(text, NotebookParameter("x", kind, None), from_text=True)
    assert value == expected and type(value) is type(expected)


@pytest.mark.parametrize("kind, text", [
    (int, "3.0"), (int, "three"), (int, ""), (int, "0x10"), (float, "nan"), (float, "abc"), (float, ""),
    (bool, "maybe"), (bool, ""), (list, "1"), (dict, "[1]"),
])
def test_coerce_text_rejects(kind, text):
    with pytest.raises(ParameterError, match=r"parameter 'x' in nb expects"):
        coerce_value(text, NotebookParameter("x", kind, None), from_text=True, where="nb")


@pytest.mark.parametrize("kind, value, expected", [
    (float, 2, 2.0), (str, dt.date(2024, 5, 31), "2024-05-31"), (int, 4, 4), (bool, True, True),
    (type(None), dt.date(2024, 5, 31), "2024-05-31"), (list, [1], [1]),
])
def test_coerce_typed(kind, value, expected):
    assert coerce_value(value, NotebookParameter("x", kind, None), from_text=False) == expected


@pytest.mark.parametrize("kind, value", [(int, True), (int, 2.0), (int, "2"), (str, 3), (bool, 1), (float, "1"),
                                         (list, "a")])
def test_coerce_typed_rejects(kind, value):
    with pytest.raises(ParameterError, match="expects"):
        coerce_value(value, NotebookParameter("x", kind, None), from_text=False)


@given(st.integers())
def test_any_integer_text_round_trips(n):
    assert coerce_value(str(n), NotebookParameter("n", int, 0), from_text=True) == n


@given(st.text())
def test_text_for_int_is_int_or_parameter_error(text):
    try:
        value = coerce_value(text, NotebookParameter("n", int, 0), from_text=True)
    except ParameterError:
        return
    assert isinstance(value, int) and not isinstance(value, bool) and str(value) == str(int(text.strip()))


@given(st.text())
def test_str_parameters_take_any_text_unchanged(text):
    assert coerce_value(text, NotebookParameter("s", str, ""), from_text=True) == text


def test_load_params_file(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("run_date: 2024-05-31\nmin_sources: 3\nper_notebook:\n  02_b:\n    threshold: 0.7\n")
    shared, per = load_params_file(path)
    assert shared == {"run_date": dt.date(2024, 5, 31), "min_sources": 3}
    assert per == {"02_b": {"threshold": 0.7}}
    (tmp_path / "empty.yaml").write_text("")
    assert load_params_file(tmp_path / "empty.yaml") == ({}, {})


@pytest.mark.parametrize("text, fragment", [
    ("a: [1, 2\n", "line 2: invalid YAML"),
    ("- 1\n- 2\n", "expected a mapping"),
    ("per_notebook: [1]\n", "'per_notebook' must map"),
    ("per_notebook:\n  nb: 3\n", "'per_notebook' must map"),
    ("1: x\n", "1 is not a valid parameter name"),
])
def test_load_params_file_errors(tmp_path, text, fragment):
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    with pytest.raises(ParameterError, match="bad.yaml") as err:
        load_params_file(path)
    assert fragment in str(err.value)


def test_missing_params_file(tmp_path):
    with pytest.raises(ParameterError, match="cannot read parameters file"):
        load_params_file(tmp_path / "nope.yaml")


# --------------------------------------------------------------------------- validation across notebooks

@pytest.fixture
def declared(notebook_dir):
    a = write_notebook(notebook_dir, "01_a", params='corpus = ""\nrun_date = ""\nmin_sources = 2')
    b = write_notebook(notebook_dir, "02_b", params='corpus = ""\nrun_date = ""\nthreshold = 0.5')
    return {"01_a": read_parameters(a), "02_b": read_parameters(b)}


def test_values_go_to_the_notebooks_that_declare_them(declared):
    values = validate_parameters(declared, {"min_sources": "4", "run_date": "2024-05-31"}, {"threshold": 1})
    assert values == {"01_a": {"min_sources": 4, "run_date": "2024-05-31"},
                      "02_b": {"threshold": 1.0, "run_date": "2024-05-31"}}


def test_text_values_win_over_yaml_and_per_notebook(declared):
    values = validate_parameters(declared, {"threshold": "0.9"}, {"threshold": 0.1},
                                 {"02_b": {"threshold": 0.2}, "01_a": {"min_sources": 7}})
    assert values["02_b"]["threshold"] == 0.9
    assert values["01_a"]["min_sources"] == 7


def test_unknown_parameter_lists_known_ones(declared):
    with pytest.raises(ParameterError, match=r"unknown parameter 'min_source'; the selected notebooks declare: "
                                             r"corpus, min_sources, run_date, threshold"):
        validate_parameters(declared, {"min_source": "3"})
    with pytest.raises(ParameterError, match="unknown parameter 'colour'"):
        validate_parameters(declared, {}, {"colour": "red"})


def test_per_notebook_unknowns(declared):
    with pytest.raises(ParameterError, match="no selected notebook named '03_c'"):
        validate_parameters(declared, per_notebook={"03_c": {"x": 1}})
    with pytest.raises(ParameterError, match="unknown parameter 'threshold' for 01_a"):
        validate_parameters(declared, per_notebook={"01_a": {"threshold": 1.0}})


def test_wrong_type_names_notebook_and_type(declared):
    with pytest.raises(ParameterError, match="parameter 'min_sources' in 01_a expects int, got 'many'"):
        validate_parameters(declared, {"min_sources": "many"})
    with pytest.raises(ParameterError, match="parameter 'threshold' in 02_b expects float, got str '0.4'"):
        validate_parameters(declared, {}, {"threshold": "0.4"})


# --------------------------------------------------------------------------- the command line refuses before running

@pytest.fixture
def cli_notebooks(notebook_dir):
    write_notebook(notebook_dir, "01_a", params='corpus = ""\nfigures_dir = ""\nrun_date = ""\nmin_sources = 2')
    write_notebook(notebook_dir, "02_b", params='corpus = ""\ncodebook = ""\nthreshold = 0.5')
    return notebook_dir


@pytest.mark.parametrize("args, fragment", [
    (["-p", "nope=1"], "unknown parameter 'nope'"),
    (["-p", "min_sources=two"], "parameter 'min_sources' in 01_a expects int, got 'two'"),
    (["-p", "threshold"], "expected name=value"),
    (["-p", "run_date=31/05/2024"], "expects an ISO date (YYYY-MM-DD)"),
    (["-p", "figures_dir=/tmp/x"], "'figures_dir' is set by render"),
    (["--notebooks", "09"], "no notebook named '09'; choose from: 01_a, 02_b"),
    (["--notebooks", "0"], "'0' matches several notebooks"),
    (["--corpus", "no/such/corpus"], "does not exist"),
    (["-p", "codebook=no/such.yaml"], "codebook"),
    (["--kernel", "no-such-kernel"], "kernel 'no-such-kernel' is not installed"),
    (["--cell-timeout", "0"], "--cell-timeout must be a positive number"),
    (["--jobs", "0"], "--jobs must be at least 1"),
    (["--params-file", "missing.yaml"], "cannot read parameters file"),
])
def test_cli_rejects_bad_input_before_anything_runs(cli_notebooks, tmp_path, capsys, monkeypatch, args, fragment):
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "reports"
    status = main(["render", "--notebook-dir", str(cli_notebooks), "--out", str(out), *args])
    err = capsys.readouterr().err
    assert status == 2
    assert fragment in err
    assert err.startswith("error: ") and err.count("\n") == 1  # one line, no traceback
    assert not out.exists()  # nothing was created, let alone run


def test_cli_rejects_yaml_of_wrong_type(cli_notebooks, tmp_path, capsys):
    params = tmp_path / "params.yaml"
    params.write_text("min_sources: 2.5\n")
    status = main(["render", "--notebook-dir", str(cli_notebooks), "--out", str(tmp_path / "r"),
                   "--params-file", str(params)])
    assert status == 2
    assert "parameter 'min_sources' in 01_a expects int, got float 2.5" in capsys.readouterr().err


def test_cli_rejects_unusable_corpus(cli_notebooks, tmp_path, capsys):
    empty = tmp_path / "empty_corpus"
    empty.mkdir()
    status = main(["render", "--notebook-dir", str(cli_notebooks), "--out", str(tmp_path / "r"),
                   "--corpus", str(empty)])
    assert status == 2
    assert "empty_corpus" in capsys.readouterr().err
    assert not (tmp_path / "r").exists()


# --------------------------------------------------------------------------- the repository's notebooks keep the contract

NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))
COMMON = {"corpus": str, "codebook": str, "figures_dir": str, "run_date": str}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_repository_notebooks_declare_the_common_parameters(path: Path):
    declared = read_parameters(path)
    for name, kind in COMMON.items():
        if name == "codebook" and name not in declared:
            continue  # only notebooks that tag claims need a codebook
        assert name in declared, f"{path.name} lacks parameter {name!r}"
        assert declared[name].type is kind, f"{path.name}: {name} should be {kind.__name__}"
    assert declared["run_date"].default == "", "run_date must default to '' (never the clock)"
