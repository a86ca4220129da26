"""Where the package finds its notebooks and sample corpus, and where notebook paths start."""

from __future__ import annotations

from pathlib import Path

from analysis import paths
from analysis.report import data as report_data


def test_checkout_uses_its_own_top_level_folders():
    # this test runs from a source checkout: the folders people edit are the ones rendered
    repo = Path(__file__).resolve().parents[1]
    assert paths.notebooks_dir() == repo / "notebooks"
    assert paths.default_corpus() == repo / "seeds"


def test_notebook_folder_follows_the_jupyterlab_session(tmp_path, monkeypatch):
    folder = tmp_path / "lab" / "notebooks"
    folder.mkdir(parents=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    monkeypatch.setenv("JPY_SESSION_NAME", str(folder / "02_claim_frequency.ipynb"))
    assert paths.notebook_folder() == folder
    assert report_data.resolve_path("../seeds") == tmp_path / "lab" / "seeds"


def test_notebook_folder_is_the_working_folder_without_a_session(tmp_path, monkeypatch):
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    monkeypatch.chdir(tmp_path)
    assert paths.notebook_folder() == tmp_path.resolve()
    # a session name that is not a notebook file path (a URL, a relative name) is ignored
    monkeypatch.setenv("JPY_SESSION_NAME", "http://localhost:8888/lab/tree/x.ipynb")
    assert paths.notebook_folder() == tmp_path.resolve()
    monkeypatch.setenv("JPY_SESSION_NAME", "x.ipynb")
    assert paths.notebook_folder() == tmp_path.resolve()
