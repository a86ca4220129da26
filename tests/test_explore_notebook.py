"""notebooks/07_explore runs headless on a corpus, on an extract folder and on codebook-free clusters."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

REPO = Path(__file__).resolve().parents[1]
NOTEBOOK = REPO / "notebooks" / "07_explore.ipynb"

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]


def run(tmp_path: Path, name: str, **params) -> tuple[dict, nbformat.NotebookNode]:
    import matplotlib

    matplotlib.use("Agg")
    import papermill

    folder = tmp_path / name
    folder.mkdir()
    params = {"figures_dir": str(folder / "figures"), "run_date": "2024-06-03", **params}
    out = folder / "07_explore.ipynb"
    papermill.execute_notebook(str(NOTEBOOK), str(out), parameters=params, kernel_name="osint-analysis",
                               progress_bar=False, cwd=str(folder), execution_timeout=300)
    summary = json.loads((folder / "figures" / "07_explore.summary.json").read_text(encoding="utf-8"))
    return summary, nbformat.read(out, as_version=4)


def _outputs(nb, mime):
    return [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
            if mime in o.get("data", {})]


@pytest.fixture(scope="module")
def seeds_extract(tmp_path_factory):
    out = tmp_path_factory.mktemp("extract") / "seeds_tables"
    proc = subprocess.run([sys.executable, "-m", "analysis", "extract", str(REPO / "seeds"), "--out", str(out)],
                          capture_output=True, text=True, cwd=REPO, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return out


def test_explore_notebook_on_a_corpus_and_on_its_extract_folder(tmp_path, seeds_extract):
    from_corpus, nb = run(tmp_path, "corpus", corpus=str(REPO / "seeds"))
    assert from_corpus["kind"] == "claims" and from_corpus["run_date"] == "2024-06-03"
    assert from_corpus["n_denials"] >= 2 and from_corpus["n_denial_origins"] >= 2  # Kim Yo Jong; Moscow and Pyongyang
    assert {"km", "missile", "container"} <= set(from_corpus["units"])
    assert _outputs(nb, "application/vnd.jupyter.widget-view+json"), "the explorer shows as a widget"
    marked = [o["data"]["text/html"] for o in _outputs(nb, "text/html") if 'class="osint-av"' in o["data"]["text/html"]]
    assert marked and 'class="av-m av-focus"' in marked[0], "the first denial is shown marked in its article"

    from_disk, _ = run(tmp_path, "extract", corpus=str(seeds_extract))
    assert from_disk == from_corpus, "the extract folder explores the same tables without recomputing"


def test_explore_notebook_on_codebook_free_clusters(tmp_path):
    summary, _ = run(tmp_path, "clusters", corpus=str(REPO / "seeds"), use_clusters=True)
    assert summary["kind"] == "clusters"
    assert summary["n_statements"] > 0 and summary["n_denials"] == 0  # clusters carry no stance
