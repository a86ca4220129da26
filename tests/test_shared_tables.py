"""Tables computed once per render and read by every notebook give what the notebook would compute."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from analysis.report import data as report_data
from analysis.errors import ParameterError
from analysis.report.shared_tables import SHARED, TABLES, open_tables, write_shared_tables
from tests.conftest import write_notebook


@pytest.fixture(scope="module")
def written(tmp_path_factory, seeds_dir):
    folder = tmp_path_factory.mktemp("tables")
    rows = write_shared_tables(seeds_dir, folder)
    return folder, rows


def test_written_tables_read_back_as_computed(written, seeds_dir):
    folder, rows = written
    shared = open_tables(seeds_dir, "", folder)
    alone = open_tables(seeds_dir, "")
    for name in ("articles", *SHARED):
        assert (folder / f"{name}.parquet").is_file()
        assert rows[name] == len(shared[name])
        pd.testing.assert_frame_equal(shared[name].reset_index(drop=True), alone[name].reset_index(drop=True),
                                      check_dtype=True, obj=name)
    # the codebook's name and labels travel with the claims
    assert shared["claims"].attrs["codebook"] == alone["claims"].attrs["codebook"]
    assert shared["claims"].attrs["labels"] == alone["claims"].attrs["labels"]
    # the seeds' codebook tags 96 statements (headlines and joint statements included)
    assert len(shared["claims"]) == 96 and shared["origins"]["origin_id"].nunique() == 4


def test_claims_are_the_notebooks_own(written, seeds_dir):
    folder, _ = written
    shared = open_tables(seeds_dir, "", folder)["claims"]
    direct = report_data.find_claims(open_tables(seeds_dir).articles, "")
    pd.testing.assert_frame_equal(shared.reset_index(drop=True), direct.reset_index(drop=True))


def test_a_table_render_did_not_write_is_computed_on_first_use(written, seeds_dir):
    folder, _ = written
    assert "readability" in TABLES and "readability" not in SHARED
    assert not (folder / "readability.parquet").exists()
    scores = open_tables(seeds_dir, "", folder)["readability"]
    assert len(scores) == 5 and "flesch_reading_ease" in scores


def test_tables_are_loaded_once_and_unknown_names_refused(written, seeds_dir):
    folder, _ = written
    tables = open_tables(seeds_dir, "", folder)
    assert tables["dates"] is tables["dates"]
    with pytest.raises(KeyError, match="no such table"):
        tables["weather"]
    assert list(tables) == ["articles", *TABLES]


def test_a_folder_render_did_not_write_is_refused(tmp_path, seeds_dir):
    with pytest.raises(ParameterError, match="no articles.parquet"):
        open_tables(seeds_dir, "", tmp_path)


def test_render_computes_the_tables_once_and_passes_them(notebook_dir, tmp_path):
    from analysis.report.rendering import render_reports
    from analysis.report.rendering.progress import Progress

    params = 'corpus = ""\ncodebook = ""\nfigures_dir = ""\ntables_dir = ""\nrun_date = ""'
    probe = ("import pathlib, pandas as pd\n"
             "claims = pd.read_parquet(pathlib.Path(tables_dir) / 'claims.parquet')\n"
             "pathlib.Path(figures_dir).mkdir(parents=True, exist_ok=True)\n"
             "(pathlib.Path(figures_dir) / (pathlib.Path(tables_dir).parent.name + '.txt')).write_text(str(len(claims)))")
    write_notebook(notebook_dir, "01_a", probe, params=params)
    write_notebook(notebook_dir, "02_b", probe, params=params)
    result = render_reports(None, tmp_path / "out", notebooks_dir=notebook_dir, progress=Progress(2, verbose=False))
    assert result.ok, [r.message for r in result.runs]
    run = json.loads((result.run_dir / "run.json").read_text())
    assert run["shared_tables"]["ok"] and run["shared_tables"]["rows"]["claims"] == 96
    assert (result.run_dir / "tables" / "claims.parquet").is_file()
    # both notebooks read the one folder (the run's, under its temporary name while running)
    written = sorted((result.run_dir / "figures").glob("*.txt"))
    assert len(written) == 1 and written[0].read_text() == "96"
    for nb in run["notebooks"]:
        assert nb["parameters_passed"]["tables_dir"] == str(result.run_dir / "tables")
