"""Every report notebook executes through papermill and computes the right values.

Each notebook runs twice -- on the seeds and on a small synthetic corpus
written to a temporary folder -- with the explicit kernel ``osint-analysis``
and no progress bar.  Each notebook ends by writing the values it computed
to ``<figures_dir>/<name>.summary.json`` (see
:func:`analysis.report.data.write_summary`); the tests assert on those
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
# the reports that show claims (codebook or codebook-free)
CLAIM_NOTEBOOKS = ["02_claim_frequency", "03_source_agreement", "06_teaching_osint_methods"]
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


SYNTHETIC_CODEBOOK = """\
codebook: Arlen valley flood
description: Claims in coverage of a river flood (synthetic test corpus).
version: 1
concepts:
  villages: [village*, town*]
  cut_off: [cut off, isolated]
  homes: [home*, house*]
  damage: [damag*, destroy*]
  dam: [dam]
  failure: [fail*, collaps*, breach*]
  evacuate: [evacuat*]
claims:
  - id: F01
    label: Villages were cut off by the flood
    rules:
      - all: [villages, cut_off]
  - id: F02
    label: Homes were damaged
    rules:
      - all: [homes, damage]
  - id: F03
    label: The Dorn dam failed
    rules:
      - all: [dam, failure]
  - id: F04
    label: People were evacuated
    rules:
      - all: [evacuate]
"""


def write_synthetic_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    rows = ["article_id,file,outlet,published,wire"]
    for article_id, (outlet, published, wire, text) in SYNTHETIC.items():
        (folder / f"{article_id}.txt").write_text(textwrap.dedent(text), encoding="utf-8")
        rows.append(f"{article_id},{article_id}.txt,{outlet},{published},{wire}")
    (folder / "manifest.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (folder / "codebook.yaml").write_text(SYNTHETIC_CODEBOOK, encoding="utf-8")
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
    from analysis.report import teaching

    root = tmp_path_factory.mktemp("notebook_runs")
    corpora = {"seeds": SEEDS, "synthetic": write_synthetic_corpus(root / "synthetic_corpus")}
    # the same articles without a codebook: the claims reports run on codebook-free claims
    free = write_synthetic_corpus(root / "synthetic_free")
    (free / "codebook.yaml").unlink()
    jobs = []
    for corpus_name, corpus in corpora.items():
        for name in NAMES:
            source = NOTEBOOK_DIR / f"{name}.ipynb"
            if not source.is_file():
                continue
            jobs.append((name, corpus_name, source, corpus))
    for name in CLAIM_NOTEBOOKS:
        if (NOTEBOOK_DIR / f"{name}.ipynb").is_file():
            jobs.append((name, "free", NOTEBOOK_DIR / f"{name}.ipynb", free))
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
            if corpus_name == "synthetic":
                params["codebook"] = str(corpus / "codebook.yaml")
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


def _headline(summary, unit):
    rows = [h for h in summary["headlines"] if h["unit"] == unit]
    assert rows, f"no headline group for {unit!r}: {[h['unit'] for h in summary['headlines']]}"
    return rows[0]


def test_claims_mode_is_reported(runs):
    for name in CLAIM_NOTEBOOKS:
        assert run_of(runs, name).summary["claims_mode"] == "codebook"
        assert run_of(runs, name, "synthetic").summary["claims_mode"] == "codebook"
        free = run_of(runs, name, "free")
        assert (free.summary["claims_mode"], free.summary["codebook"]) == ("codebook-free", "")
        shown = [o.get("data", {}).get("text/markdown", "") for c in free.notebook().cells if c.cell_type == "code"
                 for o in c.get("outputs", [])]
        assert any("Claims mode: codebook-free" in str(m) for m in shown), f"{name} does not say which mode ran"


def test_codebook_free_claims_fill_the_reports(runs):
    s = run_of(runs, "02_claim_frequency", "free").summary
    # "Floodwaters cut off at least 12 villages ..., regional officials said": three articles, two origins
    k1 = s["claims"]["K0001"]
    assert (k1["n_articles"], k1["n_origins"]) == (3, 2)
    assert s["n_claims"] >= 2 and s["claims_note"] == ""
    agreement = run_of(runs, "03_source_agreement", "free").summary
    # codebook-free claims are attributed statements: the outlets only report them,
    # so by outlet there is no own-voice stance to pair (the matrix shows "reports")
    assert agreement["n_claims"] >= 2 and agreement["n_pairs"] == 0
    assert run_of(runs, "06_teaching_osint_methods", "free").summary["n_claims"] >= 2


def test_claim_frequency_values_on_seeds(runs):
    s = run_of(runs, "02_claim_frequency").summary
    assert s["n_origins"] == 4  # NDTV runs AFP copy; site-34 reuses it
    c01 = s["claims"]["C01"]  # Russia used North Korean missiles: every article
    # two outlets state it in their own voice; three report the Pentagon or officials saying it
    assert (c01["n_articles"], c01["n_asserts"], c01["n_reported"], c01["n_origins"]) == (5, 2, 3, 4)
    # Kim Yo Jong / Moscow deny the shipments; the outlets only report it (issue 12)
    c03 = s["claims"]["C03"]
    assert c03["n_denies"] == 0
    assert c03["n_asserts"] + c03["n_hedged"] + c03["n_denies"] + c03["n_reported"] == c03["n_articles"] <= 5


def test_claim_frequency_values_on_synthetic(runs):
    s = run_of(runs, "02_claim_frequency", "synthetic").summary
    assert s["codebook"] == "Arlen valley flood"  # the codebook parameter was used
    f01 = s["claims"]["F01"]  # villages cut off: the AP pair and Radio North
    assert (f01["n_articles"], f01["n_origins"]) == (3, 2)
    f03 = s["claims"]["F03"]  # the dam failure is only ever denied, by the regional government
    assert (f03["n_asserts"], f03["n_denies"], f03["n_reported"], f03["n_origins"]) == (0, 0, 1, 0)


def test_source_agreement_values_on_seeds(runs):
    s = run_of(runs, "03_source_agreement").summary
    assert (s["n_sources"], s["n_origins"]) == (5, 4)
    assert ["000_7b7c7d69851d0b2e", "002_7567d1e6eaa96bea"] in s["origin_groups"].values()
    # outlets compared in their own voice: Reuters and Yonhap state no claim in common themselves
    assert s["n_pairs"] == 9
    assert s["n_reuse_pairs"] >= 1
    assert s["contradictions_by_type"].get("stance", 0) >= 1  # allegation vs denial


def test_source_agreement_values_on_synthetic(runs):
    s = run_of(runs, "03_source_agreement", "synthetic").summary
    assert s["n_origins"] == 3
    assert ["flood_a", "flood_b"] in s["origin_groups"].values()
    assert s["n_sources"] == 4


def test_headline_figures_on_seeds(runs):
    s = run_of(runs, "04_quantitative_figures").summary
    units = [h["unit"] for h in s["headlines"]]
    assert {"container", "missile"} <= set(units[:2])
    # "about 900 km" (a missile range) and "365 km" (a distance) measure different
    # things, so they are not one headline group (issue 13: like with like)
    assert "km" not in units
    containers = _headline(s, "container")
    assert any(f.startswith("more than 1,000") for f in containers["figures"])
    assert any(f.startswith("thousands") for f in containers["figures"])
    # compatible as written, not as read: the seed topic's classic case
    assert (containers["consistent"], containers["verdict"]) == (True, "tension")
    missiles = _headline(s, "missile")
    assert any(f.startswith("21 (of 50)") for f in missiles["figures"])
    assert 50.0 in missiles["values"]


def test_headline_figures_on_synthetic(runs):
    s = run_of(runs, "04_quantitative_figures", "synthetic").summary
    assert s["headlines"][0]["unit"] == "home"
    assert _headline(s, "home")["n_sources"] == 4
    assert _headline(s, "person")["verdict"] == "tension"  # more than 1,200 vs thousands
    assert _headline(s, "village")["verdict"] == "consistent"  # at least 12 vs 14


def test_timeline_values_on_seeds(runs):
    s = run_of(runs, "05_timeline").summary
    assert {"2024-01-02", "2024-05-29"} <= set(s["event_dates"])  # footage filmed; DIA report released
    assert s["n_background"] >= 2  # Putin's 2000 visit, the 2006 sanctions
    assert set(s["events_per_source"]) == {"NDTV", "Cnews Live", "site-34", "Reuters", "Yonhap"}


def test_timeline_values_on_synthetic(runs):
    s = run_of(runs, "05_timeline", "synthetic").summary
    assert {"2023-03-04", "2023-03-05"} <= set(s["event_dates"])  # Saturday / March 4, Sunday
    assert s["n_background"] == 1  # the January 2022 flood


def test_teaching_values_and_versions(runs):
    instructor = run_of(runs, "06_teaching_osint_methods")
    s = instructor.summary
    assert (s["n_articles"], s["n_origins"]) == (5, 4)
    assert {"missile", "container"} <= set(s["headline_units"])  # the two km figures measure different things
    tagged = [c for c in instructor.notebook().cells if "solution" in c.metadata.get("tags", [])]
    assert len(tagged) >= 10 and all(c.cell_type in {"code", "markdown"} for c in tagged)
    solved = [c for c in tagged if c.cell_type == "code"]
    assert all(c.outputs for c in solved), "every worked solution produces output"

    student = runs[("06_teaching_osint_methods.student", "seeds")]
    assert student.summary == s, "the student version computes the same values without the solutions"
    nb = student.notebook()
    assert not any("solution" in c.metadata.get("tags", []) for c in nb.cells)
    assert not any("Discussion (instructor)" in c.source for c in nb.cells)
    assert nb.metadata["osint_teaching"] == {"audience": "student", "removed": len(tagged)}
