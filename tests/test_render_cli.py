"""The render command line: parameters listed with their choices, checked before any kernel,
notebooks picked by number or name fragment, quiet on a broken pipe, true messages on a first run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from analysis.cli.main import main
from analysis.errors import ParameterError
from analysis.report.notebook_params import (NotebookParameters, format_parameters, parse_parameter_cell,
                                      validate_parameters)
from analysis.report.rendering.plan import launches_this_interpreter, select_notebooks
from tests.conftest import write_notebook

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = REPO / "notebooks"

CELL = '''corpus = "../seeds"  # the corpus
measure = "agreement"  # {agreement, jaccard, kappa} pairwise measure drawn
share = 0.0  # [0, 1] share of copied text
tolerance = 0.1  # [0, 1) half-width
top = 30  # [1, inf) claims drawn
days = 365  # any whole number of days
'''


def _spec(cell: str = CELL, name: str = "03_x") -> NotebookParameters:
    return NotebookParameters(name, Path(f"{name}.ipynb"), parse_parameter_cell(cell))


def test_constraints_are_read_from_the_trailing_comment():
    spec = _spec()
    assert spec["measure"].choices == ("agreement", "jaccard", "kappa")
    assert spec["measure"].help == "pairwise measure drawn"
    assert (spec["share"].low, spec["share"].high, spec["share"].high_open) == (0.0, 1.0, False)
    assert spec["tolerance"].high_open and not spec["tolerance"].low_open
    assert spec["top"].constraint == ">= 1"
    assert spec["share"].constraint == "0 to 1"
    assert spec["tolerance"].constraint == ">= 0 and < 1"
    assert spec["days"].constraint == "" and spec["days"].help == "any whole number of days"
    # integer choices are converted to the parameter's type
    assert parse_parameter_cell("n = 2  # {1, 2, 4} workers")["n"].choices == (1, 2, 4)


@pytest.mark.parametrize("cell, fragment", [
    ('m = "foo"  # {a, b} x', "'m' must be one of a, b; got 'foo'"),
    ("k = 0  # [1, inf) x", "'k' must be >= 1; got 0"),
    ('s = "x"  # [0, 1] x', "'s' has an interval but is not a number"),
    ("k = 2  # [3, 1] x", "interval of 'k' is empty"),
    ("k = 2  # {1, two} x", "choices of 'k' do not fit its type int"),
])
def test_a_notebook_whose_default_breaks_its_constraint_is_caught_when_read(cell, fragment):
    with pytest.raises(ParameterError, match="parameters cell line 1") as err:
        parse_parameter_cell(cell, where="nb.ipynb")
    assert fragment in str(err.value)


@pytest.mark.parametrize("given, fragment", [
    ({"measure": "foo"}, "parameter 'measure' in 03_x must be one of agreement, jaccard, kappa; got 'foo'"),
    ({"share": "1.5"}, "parameter 'share' in 03_x must be 0 to 1; got 1.5"),
    ({"tolerance": "1"}, "must be >= 0 and < 1; got 1.0"),
    ({"top": "0"}, "must be >= 1; got 0"),
    ({"top": "-3"}, "must be >= 1; got -3"),
])
def test_values_outside_choices_or_interval_are_refused_listing_what_is_allowed(given, fragment):
    with pytest.raises(ParameterError) as err:
        validate_parameters({"03_x": _spec()}, given)
    assert fragment in str(err.value)


def test_values_inside_choices_and_interval_pass():
    values = validate_parameters({"03_x": _spec()},
                                 {"measure": "kappa", "share": "1", "tolerance": "0", "top": "1000", "days": "-5"})
    assert values["03_x"] == {"measure": "kappa", "share": 1.0, "tolerance": 0.0, "top": 1000, "days": -5}


def test_every_repository_notebook_parameter_is_listed_with_type_and_choices(capsys):
    assert main(["render", "--list-params"]) == 0
    out = capsys.readouterr().out
    for path in sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")):
        assert path.stem in out
    assert "every notebook" in out and "corpus  str = '../seeds'" in out
    assert "agreement_measure  str = 'agreement'" in out
    assert "one of agreement, jaccard, kappa" in out
    assert "one of outlet, article_id, speaker, origin_id" in out
    assert "min_containment  float = 0.0" in out and "0 to 1" in out
    assert "figures_dir  str = '../figures'  set by render" in out


def test_path_help_says_where_a_relative_path_starts_and_errors_never_suggest_render_owned_names(
        tmp_path, monkeypatch, capsys):
    assert main(["render", "--list-params"]) == 0
    out = capsys.readouterr().out
    corpus_line = next(line for line in out.splitlines() if line.strip().startswith("corpus "))
    assert "given to render, a relative path starts at the current folder" in corpus_line
    assert "folder of this notebook" not in out

    def no_kernels(*args, **kwargs):
        raise AssertionError("a notebook was executed")

    monkeypatch.setattr("analysis.report.rendering.runner.execute_notebook", no_kernels)
    monkeypatch.setattr("analysis.report.rendering.plan.resolve_kernel", no_kernels)
    assert main(["render", "--out", str(tmp_path / "out"), "-p", "agreement_measur=kappa"]) == 2
    err = capsys.readouterr().err
    assert "unknown parameter 'agreement_measur'" in err and "agreement_measure" in err
    assert "figures_dir" not in err and "tables_dir" not in err


def test_list_params_follows_the_notebook_selection(capsys):
    assert main(["render", "--list-params", "--notebooks", "timeline"]) == 0
    out = capsys.readouterr().out
    assert "05_timeline" in out and "start_date" in out
    assert "03_source_agreement" not in out and "agreement_measure" not in out


def test_help_shows_the_notebook_parameters():
    done = subprocess.run([sys.executable, "-m", "analysis", "render", "--help"], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0
    assert "notebook parameters" in done.stdout
    assert "agreement_measure" in done.stdout and "one of agreement, jaccard, kappa" in done.stdout
    assert "--list-params" in done.stdout


def test_a_bad_choice_fails_before_any_kernel_starts(tmp_path, monkeypatch, capsys):
    def no_kernels(*args, **kwargs):
        raise AssertionError("a notebook was executed")

    monkeypatch.setattr("analysis.report.rendering.runner.execute_notebook", no_kernels)
    monkeypatch.setattr("analysis.report.rendering.plan.resolve_kernel", no_kernels)
    status = main(["render", "--out", str(tmp_path / "out"), "-p", "agreement_measure=foo"])
    err = capsys.readouterr().err
    assert status == 2
    assert "'agreement_measure' in 03_source_agreement must be one of agreement, jaccard, kappa; got 'foo'" in err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("name, expected", [
    ("timeline", "05_timeline"), ("05_timeline", "05_timeline"), ("05_timeline.ipynb", "05_timeline"),
    ("05", "05_timeline"), ("5", "05_timeline"), ("02", "02_claim_frequency"), ("claim", "02_claim_frequency"),
    ("Teaching", "06_teaching_osint_methods"), ("source_agree", "03_source_agreement"),
])
def test_notebooks_are_picked_by_number_or_name_fragment(name, expected):
    available = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    assert [p.stem for p in select_notebooks(available, [name])] == [expected]


def test_an_ambiguous_or_unknown_fragment_lists_the_choices():
    available = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    with pytest.raises(ParameterError, match="matches several notebooks"):
        select_notebooks(available, ["o"])  # in every name
    with pytest.raises(ParameterError, match="no notebook named 'weather'; choose from: 01_corpus_overview"):
        select_notebooks(available, ["weather"])
    with pytest.raises(ParameterError, match="no notebook named '9'"):
        select_notebooks(available, ["9"])


def test_kernel_specs_that_run_this_interpreter():
    assert launches_this_interpreter("python")
    assert launches_this_interpreter(f"python{sys.version_info[0]}")
    assert launches_this_interpreter(sys.executable)
    assert not launches_this_interpreter("/some/other/venv/bin/python")


def test_summary_into_a_closed_pipe_is_quiet(tmp_path):
    # more than a pipe buffer of output, read one line, then close the pipe (as `| head -1` does)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(1500):
        (corpus / f"{i:04d}.txt").write_text(f"Headline number {i} about a long quiet day\n\nThe body of article {i}.\n")
    proc = subprocess.Popen([sys.executable, "-m", "analysis", "summary", "--no-readability", str(corpus)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read().decode()
    status = proc.wait(timeout=120)
    assert b"article_id" in first
    assert "Traceback" not in err and "BrokenPipeError" not in err and err.strip() == ""
    assert status == 141


def test_a_failed_first_run_does_not_claim_an_earlier_good_one(notebook_dir, tmp_path, capsys):
    write_notebook(notebook_dir, "01_fails", "raise ValueError('no data')", params='corpus = ""\nrun_date = ""')
    out = tmp_path / "reports"
    assert main(["render", "--notebook-dir", str(notebook_dir), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "1 of 1 report(s) failed" in err
    assert "still points" not in err
    assert "'latest' was not created: no run in this folder has succeeded yet" in err
    assert not (out / "latest").exists()


def test_render_does_without_the_grammar_package_nbformat_never_uses():
    # a fresh interpreter: render_reports blocks rfc3987_syntax before anything imports nbformat,
    # and nbformat still reads and validates a notebook
    code = ("import sys\n"
            "from analysis.report.rendering.imports import skip_unused_imports\n"
            "assert skip_unused_imports() == ['rfc3987_syntax']\n"
            "import nbformat\n"
            "nb = nbformat.read(sys.argv[1], as_version=4)\n"
            "nbformat.validate(nb)\n"
            "assert sys.modules['rfc3987_syntax'] is None\n"
            "assert skip_unused_imports() == []\n")
    done = subprocess.run([sys.executable, "-c", code, str(NOTEBOOKS / "05_timeline.ipynb")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def test_a_subset_run_never_moves_latest_off_the_last_complete_run(notebook_dir, tmp_path, capsys):
    import os

    for name in ("01_one", "02_two"):
        write_notebook(notebook_dir, name, "print('ok')", params='corpus = ""\nrun_date = ""')
    out = tmp_path / "reports"
    assert main(["render", "--notebook-dir", str(notebook_dir), "--out", str(out), "--corpus", "seeds"]) == 0
    complete = os.readlink(out / "latest")
    assert not (out / "latest-partial").exists()
    capsys.readouterr()
    assert main(["render", "--notebook-dir", str(notebook_dir), "--out", str(out), "--corpus", "seeds",
                 "--notebooks", "01"]) == 0
    assert "'latest' stays on the last complete run" in capsys.readouterr().err
    assert os.readlink(out / "latest") == complete  # still the run with both reports
    partial = os.readlink(out / "latest-partial")
    assert partial != complete and (out / partial / "01_one.html").is_file()
    assert not (out / partial / "02_two.html").exists()
