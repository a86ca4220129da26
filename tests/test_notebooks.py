"""Every report notebook executes through papermill and computes the right values.

Each notebook runs twice -- on the seeds and on a small synthetic corpus
written to a temporary folder -- with the explicit kernel ``osint-analysis``
and no progress bar.  Each notebook ends by writing the values it computed
to ``<figures_dir>/<name>.summary.json`` (see
:func:`analysis.report_data.write_summary`); the tests assert on those
values and on the charts written, never on pixels.

Kernel start-up dominates the cost, so all runs happen once per session in
a small process pool (``NOTEBOOK_TEST_WORKERS``, default 2) and the tests
read the results.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import textwrap
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat
import pytest

REPO = Path(__file__).resolve().parents[1]
NOTEBOOK_DIR = REPO / "notebooks"
SEEDS = REPO / "seeds"
KERNEL = "osint-analysis"
NAMES = [
    "01_corpus_overview", "02_claim_frequency", "03_source_agreement",
    "04_quantitative_figures", "05_timeline", "06_teaching_osint_methods",
]
RUN_DATE = "2024-06-03"

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]


# --------------------------------------------------------------------------
# a small synthetic corpus on another topic: a river flood in a fictional
# valley.  Two outlets run the same agency copy (one credits it, both share
# passages); the third reports independently, with different figures; the
# fourth adds background with a dated past event.

SYNTHETIC = {
    "flood_a": ("Harbour Times", "2023-03-06", "AP", """Floods cut off northern valley towns

Floodwaters cut off at least 12 villages in the Arlen valley on Sunday, regional officials said.

About 300 homes were damaged after the river burst its banks, according to the regional emergency agency.

"We have never seen the river this high," said the mayor of Dorn, Ines Varga.

The river rose by 2.5 metres in 24 hours, the agency said. Emergency crews evacuated more than 1,200 people on Saturday.

Between 80 and 120 millimetres of rain fell on March 4, the national weather service said.
"""),
    "flood_b": ("Valley Post", "2023-03-06", "", """Arlen valley villages isolated by floods

The valley woke to another day of rain on Monday.

Floodwaters cut off at least 12 villages in the Arlen valley on Sunday, regional officials said.

About 300 homes were damaged after the river burst its banks, according to the regional emergency agency.

The river rose by 2.5 metres in 24 hours, the agency said. Emergency crews evacuated more than 1,200 people on Saturday.

(AP)
"""),
    "flood_c": ("Radio North", "2023-03-07", "", """Thousands evacuated as Arlen river floods

Thousands of people were evacuated from the Arlen valley over the weekend, the fire service told Radio North.

Around 250 homes were damaged, a spokesman for the fire service said on Tuesday.

The regional government denied that the Dorn dam had failed. Officials said 14 villages had been cut off.
"""),
    "flood_d": ("Daily Ledger", "2023-03-08", "", """Army may help clear flood debris

The army said on Wednesday it may deploy up to 500 soldiers to clear debris in the Arlen valley.

The valley last flooded in January 2022, when 40 homes were damaged.

Engineers will inspect the Dorn dam next week, the regional government said.
"""),
}


def write_synthetic_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    rows = ["article_id,file,outlet,published,wire"]
    for article_id, (outlet, published, wire, text) in SYNTHETIC.items():
        (folder / f"{article_id}.txt").write_text(textwrap.dedent(text), encoding="utf-8")
        rows.append(f"{article_id},{article_id}.txt,{outlet},{published},{wire}")
    (folder / "manifest.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder


# --------------------------------------------------------------------------
# running notebooks


def execute(source: str, output: str, parameters: dict, cwd: str) -> str:
    """Run one notebook with papermill (in a worker process); return '' or the error."""
    import matplotlib

    matplotlib.use("Agg")
    import papermill

    try:
        papermill.execute_notebook(source, output, parameters=parameters, kernel_name=KERNEL,
                                   progress_bar=False, cwd=cwd, execution_timeout=300)
    except Exception as exc:  # reported by the test that reads this run
        return f"{type(exc).__name__}: {exc}"[:4000]
    return ""


class Run:
    def __init__(self, name: str, corpus: str, folder: Path, error: str):
        self.name, self.corpus, self.folder, self.error = name, corpus, folder, error
        self.figures = folder / "figures"
        self.output = folder / f"{name}.ipynb"

    @property
    def summary(self) -> dict:
        assert not self.error, f"{self.name} on {self.corpus} failed:\n{self.error}"
        return json.loads((self.figures / f"{self.name}.summary.json").read_text(encoding="utf-8"))

    def notebook(self):
        return nbformat.read(self.output, as_version=4)


@pytest.fixture(scope="session")
def runs(tmp_path_factory) -> dict[tuple[str, str], Run]:
    """Execute every notebook on both corpora (and the student version) once."""
    from analysis import teaching

    root = tmp_path_factory.mktemp("notebook_runs")
    corpora = {"seeds": SEEDS, "synthetic": write_synthetic_corpus(root / "synthetic_corpus")}
    jobs = []
    for corpus_name, corpus in corpora.items():
        for name in NAMES:
            source = NOTEBOOK_DIR / f"{name}.ipynb"
            if not source.is_file():
                continue
            jobs.append((name, corpus_name, source, corpus))
    teaching_source = NOTEBOOK_DIR / f"{NAMES[-1]}.ipynb"
    if teaching_source.is_file():
        student = teaching.write_versions(teaching_source, root / "teaching", ["student"])["student"]
        jobs.append((NAMES[-1] + ".student", "seeds", student, SEEDS))

    workers = int(os.environ.get("NOTEBOOK_TEST_WORKERS", "2"))
    results: dict[tuple[str, str], Run] = {}
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        futures = {}
        for name, corpus_name, source, corpus in jobs:
            folder = root / corpus_name / name
            folder.mkdir(parents=True)
            params = {"corpus": str(corpus), "figures_dir": str(folder / "figures"), "run_date": RUN_DATE}
            futures[(name, corpus_name)] = (folder, pool.submit(
                execute, str(source), str(folder / f"{name.split('.')[0]}.ipynb"), params, str(folder)))
        for key, (folder, future) in futures.items():
            name = key[0].split(".")[0]
            run = Run(name, key[1], folder, future.result())
            results[key] = run
    return results


def run_of(runs, name, corpus="seeds") -> Run:
    if (name, corpus) not in runs:
        pytest.fail(f"notebooks/{name}.ipynb is missing")
    return runs[(name, corpus)]


# --------------------------------------------------------------------------
# every notebook


@pytest.mark.parametrize("corpus", ["seeds", "synthetic"])
@pytest.mark.parametrize("name", NAMES)
def test_notebook_executes_and_writes_figures(runs, name, corpus):
    run = run_of(runs, name, corpus)
    summary = run.summary  # fails with the notebook's error if it did not run
    assert summary["run_date"] == RUN_DATE, "the run date comes from the parameter"
    pngs = sorted(run.figures.glob("*.png"))
    svgs = sorted(run.figures.glob("*.svg"))
    assert {p.stem for p in pngs} == {p.stem for p in svgs}, "every chart is saved as PNG and SVG"
    if not name.startswith("06_"):
        assert pngs, f"{name} saved no chart"
    for png in pngs:
        assert png.stem.startswith(name[:3]), f"chart names carry the notebook number: {png.name}"
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    nb = run.notebook()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors


# --------------------------------------------------------------------------
# values the notebooks compute: seeds


def test_corpus_overview_values_on_seeds(runs):
    s = run_of(runs, "01_corpus_overview").summary
    assert s["n_articles"] == 5
    assert s["n_outlets"] == 5
    assert (s["first_published"], s["last_published"]) == ("2024-01-05", "2024-05-31")
    assert s["n_wire"] == 3  # NDTV credits AFP; Reuters and Yonhap are agencies themselves
    assert 20 <= s["mean_flesch_reading_ease"] <= 50  # agency prose: 'difficult'
    assert s["total_words"] > 2000


def test_corpus_overview_values_on_synthetic(runs):
    s = run_of(runs, "01_corpus_overview", "synthetic").summary
    assert s["n_articles"] == 4
    assert s["n_outlets"] == 4
    assert (s["first_published"], s["last_published"]) == ("2023-03-06", "2023-03-08")
    assert s["n_wire"] == 1
