"""Rendering: layout of a run folder, self-contained HTML, manifest, index, atomic publish.

Only the ``rendered`` fixture starts kernels (one render of two tiny
notebooks); the publish/lock/manifest tests swap papermill for a fake
executor so they run in milliseconds.
"""

from __future__ import annotations

import errno
import json
import os
import re
from pathlib import Path

import nbformat
import pytest

from analysis.cli.main import main
from analysis.errors import RenderError
from analysis.report.rendering import publish, render_reports
from analysis.report.rendering.convert import ReportConverter, mark_failure
from analysis.report.rendering.execute import OutputFolderError
from analysis.report.rendering.index_page import render_index
from analysis.report.rendering.locking import RenderLock
from analysis.report.rendering.progress import Progress
from analysis.report.rendering.run_manifest import corpus_fingerprint
from tests.conftest import SEEDS, write_notebook

PARAMS = 'corpus = "../seeds"\nfigures_dir = "../figures"\nrun_date = ""\nn: int = 3'

# Anything that would make a browser fetch something: src/href/action/poster/srcset
# pointing at a scheme-relative or http(s) URL, CSS url()/@import, <link>, <script>, frames.
NETWORK = re.compile(
    r"""(?:\b(?:src|href|action|poster|srcset|data|formaction|background)\s*=\s*["']?\s*(?:https?:)?//)"""
    r"""|(?:url\(\s*["']?\s*(?:https?:)?//)|@import|<link\b|<script\b|<iframe\b|<object\b|<embed\b""",
    re.I,
)


CODE_INPUT = re.compile(r'class="[^"]*\bjp-InputArea-editor\b')  # where nbconvert puts a code cell's source


def network_references(page: str) -> list[str]:
    return NETWORK.findall(page)


# --------------------------------------------------------------------------- one real render (kernels)

@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    base = tmp_path_factory.mktemp("render")
    notebooks = base / "notebooks"
    write_notebook(
        notebooks, "01_overview",
        "CODE_MARKER_7F3A = n * 2\nprint('doubled:', CODE_MARKER_7F3A)",
        "import os\nprint('cwd:', os.getcwd())\nprint('corpus:', corpus)\nprint('run_date:', run_date)",
        "import matplotlib.pyplot as plt\nfrom pathlib import Path\n"
        "fig, ax = plt.subplots(figsize=(3, 2))\nax.plot([1, 2, n])\nax.set_title('line')\n"
        "fig.savefig(Path(figures_dir) / 'line.png')\nfig.savefig(Path(figures_dir) / 'line.svg')\nplt.show()",
        "import pandas as pd\npd.DataFrame({'text': ['<script>alert(1)</script>', '<img src=x onerror=alert(2)>']})",
        ("print('REMOVED_MARKER')", ["remove-cell"]),
        params=PARAMS, title="Overview <b>of</b> the corpus",
    )
    write_notebook(
        notebooks, "02_teaching",
        "md:## Exercise\nCount the sources.",
        "print('EXERCISE_MARKER')",
        ("print('SOLUTION_MARKER')", ["solution"]),
        params=PARAMS, title="Teaching",
    )
    # an interactive notebook: left out, and the run says so (run.json, index.html)
    explore = write_notebook(notebooks, "03_explore", "print('WIDGETS')", params=PARAMS, title="Explore")
    data = json.loads(Path(explore).read_text(encoding="utf-8"))
    data["metadata"]["osint"] = {"static_report": False}
    Path(explore).write_text(json.dumps(data), encoding="utf-8")
    out = base / "reports"
    result = render_reports(SEEDS, out, params=["n=21", "run_date=2024-05-31"], notebooks_dir=notebooks,
                            progress=Progress(2, verbose=False), cell_timeout=120)
    return result, out, notebooks


def _output_text(nb_path: Path) -> str:
    nb = nbformat.read(nb_path, as_version=4)
    return "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []))


def test_run_folder_layout(rendered):
    result, out, _ = rendered
    assert result.ok, [(r.name, r.status, r.message) for r in result.runs]
    run = result.run_dir
    assert run.parent == out and re.fullmatch(r"\d{8}T\d{6}Z-[0-9a-f]{8}", run.name)
    for name in ["index.html", "run.json", "01_overview.html", "02_teaching.html",
                 "notebooks/01_overview.ipynb", "notebooks/02_teaching.ipynb", "figures/line.png",
                 "figures/line.svg"]:
        assert (run / name).is_file(), name
    # solution-bearing files never sit in the run folder a class is given
    assert not list(run.rglob("*instructor*"))
    teacher = out / "instructor" / run.name
    assert {p.name for p in teacher.iterdir()} == {"02_teaching.instructor.html", "02_teaching.ipynb"}
    assert (out / "latest").is_symlink() and os.readlink(out / "latest") == run.name
    assert not [p for p in out.iterdir() if p.name.startswith(".tmp-")]


def test_parameters_reach_the_kernel_coerced_and_absolute(rendered):
    result, _, notebooks = rendered
    text = _output_text(result.run_dir / "notebooks" / "01_overview.ipynb")
    assert "doubled: 42" in text  # "21" from -p became the int 21
    assert f"cwd: {notebooks}" in text  # kernels run in the notebooks' folder
    assert f"corpus: {SEEDS.resolve()}" in text  # absolute, whatever the cwd
    assert "run_date: 2024-05-31" in text


def test_html_hides_code_and_references_no_network(rendered):
    result, _, _ = rendered
    for page in sorted(result.run_dir.glob("*.html")):
        html = page.read_text(encoding="utf-8")
        assert network_references(html) == [], page.name
        assert not re.search(r"https?://", html), page.name
        assert 'http-equiv="Content-Security-Policy"' in html
        assert "CODE_MARKER_7F3A = n * 2" not in html and "import pandas" not in html
        if page.name != "02_teaching.html":  # a teaching notebook shows its exercises' code
            assert not CODE_INPUT.search(html), page.name
    overview = (result.run_dir / "01_overview.html").read_text(encoding="utf-8")
    assert "doubled: 42" in overview  # outputs stay
    assert "REMOVED_MARKER" not in overview  # remove-cell
    assert re.search(r'<img [^>]*src="data:image/png;base64,[A-Za-z0-9+/=\s]{200,}', overview)  # embedded figure
    # Article text in a table is escaped: visible as text, never as markup.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in overview and "<script>alert" not in overview
    assert "<img src=x" not in overview
    assert "<title>Overview &lt;b&gt;of&lt;/b&gt; the corpus</title>" in overview


def test_student_and_instructor_versions(rendered):
    result, _, _ = rendered
    _, out, _ = rendered
    teacher = out / "instructor" / result.run_dir.name
    student = (result.run_dir / "02_teaching.html").read_text(encoding="utf-8")
    instructor = (teacher / "02_teaching.instructor.html").read_text(encoding="utf-8")
    assert "EXERCISE_MARKER" in student and "SOLUTION_MARKER" not in student
    assert "EXERCISE_MARKER" in instructor and "SOLUTION_MARKER" in instructor
    # the exercise's code is shown to students; the solution's code to the instructor
    assert "print" in re.sub(r"<[^>]+>", "", student) and CODE_INPUT.search(student)
    assert "&#39;SOLUTION_MARKER&#39;" in instructor or "'SOLUTION_MARKER'" in re.sub(r"<[^>]+>", "", instructor)
    # the student notebook in the run folder has no solution; the executed one with solutions is the instructor's
    student_nb = (result.run_dir / "notebooks" / "02_teaching.ipynb").read_text(encoding="utf-8")
    assert "EXERCISE_MARKER" in student_nb and "SOLUTION_MARKER" not in student_nb
    assert "SOLUTION_MARKER" in (teacher / "02_teaching.ipynb").read_text(encoding="utf-8")
    # the instructor page's navigation leads back into the run folder
    assert f'href="../../{result.run_dir.name}/index.html"' in instructor


def test_with_code_keeps_the_input(rendered):
    result, _, _ = rendered
    nb = nbformat.read(result.run_dir / "notebooks" / "01_overview.ipynb", as_version=4)
    html = ReportConverter(with_code=True).to_html(nb, title="x")
    assert "CODE_MARKER_7F3A" in html and network_references(html) == []
    assert len(CODE_INPUT.findall(html)) == 6  # parameters, injected parameters, four code cells (not remove-cell)


def test_manifest(rendered):
    result, out, notebooks = rendered
    manifest = json.loads((result.run_dir / "run.json").read_text())
    assert manifest == json.loads(json.dumps(result.manifest, default=str))
    assert manifest["status"] == "ok" and manifest["run_id"] == result.run_dir.name
    assert manifest["run_date"] == "2024-05-31"
    assert manifest["corpus"] == {**corpus_fingerprint(SEEDS), "articles": 5}  # 5 articles among the folder's files
    # the codebook the claims used is recorded even when found beside the corpus, not given
    assert manifest["codebook"] == str((SEEDS / "codebook.yaml").resolve())
    assert manifest["codebook_source"] == "beside the corpus"
    assert [n for n in manifest["notes"] if "left out" in n] == [
        "03_explore left out: an interactive notebook (open it in JupyterLab, or name it to render a static copy "
        "without its widgets)"]
    assert "03_explore left out: an interactive notebook" in (result.run_dir / "index.html").read_text()
    assert manifest["kernel"] == "osint-analysis" and manifest["cell_timeout_s"] == 120
    assert manifest["parameters"]["given"] == {"n": "21", "run_date": "2024-05-31", "corpus": str(SEEDS.resolve())}
    assert {"python", "pandas", "papermill", "nbconvert", "matplotlib"} <= set(manifest["versions"])
    assert manifest["figures"] == ["figures/line.png", "figures/line.svg"]
    by_name = {nb["name"]: nb for nb in manifest["notebooks"]}
    overview = by_name["01_overview"]
    assert overview["status"] == "ok" and overview["duration_s"] > 0
    assert overview["parameters_passed"] == {"corpus": str(SEEDS.resolve()), "run_date": "2024-05-31", "n": 21,
                                             "figures_dir": str(result.run_dir / "figures")}
    assert overview["parameters"] == overview["parameters_passed"]  # every declared one was passed here
    teaching = by_name["02_teaching"]
    assert teaching["parameters"]["n"] == 21 and teaching["parameters_passed"]["n"] == 21
    assert overview["html"] == "01_overview.html" and overview["notebook"] == "notebooks/01_overview.ipynb"
    assert by_name["02_teaching"]["instructor_dir"] == f"../instructor/{result.run_dir.name}/"
    assert "instructor_html" not in by_name["02_teaching"]


def test_index_lists_every_report(rendered):
    result, _, _ = rendered
    index = (result.run_dir / "index.html").read_text(encoding="utf-8")
    assert network_references(index) == []
    assert 'href="01_overview.html"' in index and "instructor.html" not in index
    assert "Overview &lt;b&gt;of&lt;/b&gt; the corpus" in index  # titles escaped
    assert index.count('class="status status-ok">ok<') == 2
    assert '<div class="passed">n = 21</div>' in index and 'run_date = "2024-05-31"' in index


# --------------------------------------------------------------------------- orchestration with a fake executor

@pytest.fixture
def fake_render(monkeypatch, notebook_dir, tmp_path):
    """Swap papermill for a fake: copies each notebook; ``failing`` names fail."""
    failing: set[str] = set()

    def execute(run, *, kernel_name, cell_timeout, cwd, cancelled, **_):
        nb = nbformat.read(run.source, as_version=4)
        nbformat.write(nb, run.output)
        run.duration = 0.01
        run.status, run.message = ("failed", "cell 3: ValueError: boom") if run.name in failing else ("ok", "")
        return run

    monkeypatch.setattr("analysis.report.rendering.runner.execute_notebook", execute)
    write_notebook(notebook_dir, "01_a", params=PARAMS)
    write_notebook(notebook_dir, "02_b", params=PARAMS)
    out = tmp_path / "reports"

    def render(**kwargs):
        kwargs.setdefault("progress", Progress(2, verbose=False))
        return render_reports(SEEDS, out, notebooks_dir=notebook_dir, **kwargs)

    render.out, render.failing, render.notebooks = out, failing, notebook_dir
    return render


def _runs(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.is_dir() and not p.is_symlink() and not p.name.startswith("."))


def test_failed_run_is_published_but_latest_stays(fake_render, capsys):
    good = fake_render()
    assert good.ok and os.readlink(fake_render.out / "latest") == good.run_id
    fake_render.failing.add("02_b")
    status = main(["render", "--notebook-dir", str(fake_render.notebooks), "--out", str(fake_render.out),
                   "--corpus", str(SEEDS)])
    err = capsys.readouterr().err
    assert status == 1
    assert "1 of 2 report(s) failed" in err and "02_b: failed: cell 3: ValueError: boom" in err
    runs = _runs(fake_render.out)
    assert len(runs) == 2 and good.run_id in runs
    failed_run = fake_render.out / [r for r in runs if r != good.run_id][0]
    assert json.loads((failed_run / "run.json").read_text())["status"] == "failed"
    assert "This report failed" in (failed_run / "02_b.html").read_text()
    assert os.readlink(fake_render.out / "latest") == good.run_id  # still the last good run
    fake_render.failing.clear()
    again = fake_render()
    assert os.readlink(fake_render.out / "latest") == again.run_id


def test_two_runs_in_one_second_get_distinct_folders(fake_render):
    first, second = fake_render(), fake_render()
    assert first.run_id != second.run_id
    assert len(_runs(fake_render.out)) == 2


def test_stale_temporary_folders_are_removed_by_the_next_run(fake_render):
    fake_render.out.mkdir()
    stale = fake_render.out / ".tmp-20240101T000000Z-deadbeef"
    (stale / "notebooks").mkdir(parents=True)
    (stale / "notebooks" / "half.ipynb").write_text("{")
    os.symlink("nowhere", fake_render.out / ".latest-99999")
    result = fake_render()
    assert result.ok
    assert {p.name for p in fake_render.out.iterdir()} == {".render.lock", "latest", result.run_id}


def test_second_render_is_refused_while_the_lock_is_held(fake_render, capsys):
    fake_render.out.mkdir()
    with RenderLock(fake_render.out):
        status = main(["render", "--notebook-dir", str(fake_render.notebooks), "--out", str(fake_render.out)])
    err = capsys.readouterr().err
    assert status == 2
    assert f"another render is already writing into {fake_render.out} (pid {os.getpid()})" in err
    assert _runs(fake_render.out) == [] and not (fake_render.out / "latest").exists()
    assert fake_render().ok  # the lock was released with the holder


def test_full_disk_while_writing_keeps_latest(fake_render, monkeypatch, capsys):
    good = fake_render()

    def full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("analysis.report.rendering.run_manifest.write_manifest", full)
    status = main(["render", "--notebook-dir", str(fake_render.notebooks), "--out", str(fake_render.out)])
    err = capsys.readouterr().err
    assert status == 2
    assert f"output folder {fake_render.out} is full (No space left on device)" in err
    assert _runs(fake_render.out) == [good.run_id]  # nothing half-written published
    assert not [p for p in fake_render.out.iterdir() if p.name.startswith(".tmp-")]
    assert os.readlink(fake_render.out / "latest") == good.run_id


def test_full_disk_under_a_notebook_stops_the_run(fake_render, monkeypatch):
    def execute(run, **_):
        raise OutputFolderError(OSError(errno.ENOSPC, "No space left on device"))

    monkeypatch.setattr("analysis.report.rendering.runner.execute_notebook", execute)
    with pytest.raises(RenderError, match="is full .* while writing an executed notebook"):
        fake_render()
    assert not fake_render.out.exists() or _runs(fake_render.out) == []


def test_read_only_output_folder(fake_render, monkeypatch, capsys):
    real_mkdir = Path.mkdir

    def mkdir(self, *args, **kwargs):
        if self.name.startswith(".tmp-") or self == fake_render.out:
            raise OSError(errno.EROFS, "Read-only file system")
        return real_mkdir(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", mkdir)
    status = main(["render", "--notebook-dir", str(fake_render.notebooks), "--out", str(fake_render.out)])
    err = capsys.readouterr().err
    assert status == 2
    assert f"output folder {fake_render.out} is not writable (Read-only file system) while creating it" in err


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_output_folder_by_permissions(fake_render):
    fake_render.out.mkdir()
    fake_render.out.chmod(0o555)
    try:
        with pytest.raises(RenderError, match="not writable"):
            fake_render()
    finally:
        fake_render.out.chmod(0o755)


def test_latest_that_is_a_real_folder_is_not_replaced(fake_render):
    (fake_render.out / "latest").mkdir(parents=True)
    with pytest.raises(RenderError, match="latest exists and is not a symlink"):
        fake_render()
    assert (fake_render.out / "latest").is_dir() and not (fake_render.out / "latest").is_symlink()


def test_output_path_that_is_a_file(fake_render):
    fake_render.out.write_text("not a folder")
    with pytest.raises(RenderError, match="not a folder|not writable|cannot write"):
        fake_render()


# --------------------------------------------------------------------------- pieces

def test_update_latest_swaps_the_link(tmp_path):
    for name in ("run1", "run2"):
        (tmp_path / name).mkdir()
    publish.update_latest(tmp_path, "run1")
    publish.update_latest(tmp_path, "run2")
    assert os.readlink(tmp_path / "latest") == "run2"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["latest", "run1", "run2"]  # no temp link left


def test_unique_run_id(tmp_path):
    (tmp_path / "r").mkdir()
    (tmp_path / ".tmp-r-2").mkdir()
    assert publish.unique_run_id(tmp_path, "r") == "r-3"
    assert publish.unique_run_id(tmp_path, "s") == "s"


def test_corpus_fingerprint_tracks_every_byte(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Headline\n\nBody.")
    (corpus / ".hidden").write_text("ignored")
    first = corpus_fingerprint(corpus)
    assert first["files"] == 1 and first["bytes"] == 15 and len(first["sha256"]) == 64
    (corpus / ".hidden").write_text("changed")
    assert corpus_fingerprint(corpus) == first  # hidden files are not part of the corpus
    (corpus / "a.txt").write_text("Headline\n\nBody!")
    changed = corpus_fingerprint(corpus)
    assert changed["sha256"] != first["sha256"]
    (corpus / "b.txt").write_text("")
    assert corpus_fingerprint(corpus)["files"] == 2
    (corpus / "b.txt").rename(corpus / "c.txt")  # a rename is a change
    assert corpus_fingerprint(corpus)["sha256"] != changed["sha256"]
    assert corpus_fingerprint(corpus / "a.txt")["files"] == 1


def test_index_escapes_titles_and_messages():
    manifest = {
        "run_id": "r", "run_date": "", "started_at": "t", "duration_s": 1.0, "kernel": "k", "cell_timeout_s": 1,
        "with_code": False, "figures": [], "versions": {"x": "1"}, "code": None,
        "corpus": {"path": "<p>", "files": 1, "bytes": 1, "sha256": "0"},
        "notebooks": [{"name": "n", "title": "<script>alert(1)</script>", "status": "failed",
                       "message": "<img src=x onerror=alert(1)>", "duration_s": 1.0,
                       "parameters": {"q": "</textarea><script>"}, "html": "n.html"}],
    }
    page = render_index(manifest)
    assert "<script>" not in page and "<img src=x" not in page and "</textarea>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and network_references(page) == []


def test_failure_banner_is_inert_and_marks_the_running_cell():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("x", metadata={"papermill": {"status": "completed"}}),
                nbformat.v4.new_code_cell("y", metadata={"papermill": {"status": "running"}})]
    marked = mark_failure(nb, "timeout", "<script>alert(1)</script> [x](javascript:alert(2))")
    assert len(nb.cells) == 2  # the original is not modified
    assert "&lt;script&gt;" in marked.cells[0].source and "<script>" not in marked.cells[0].source
    assert marked.cells[2].outputs[0].output_type == "error"
    html = ReportConverter().to_html(marked, title="t")
    assert "<script>alert" not in html and 'href="javascript' not in html
    assert "a cell ran past the cell timeout" in html


def test_progress_lines(monkeypatch):
    import io

    out, err = io.StringIO(), io.StringIO()
    progress = Progress(2, verbose=True, out=out, err=err)
    progress.finished("01_a", "ok", 1.25)
    progress.finished("02_b", "timeout", 3.0, "a cell ran longer")
    assert out.getvalue() == "[1/2] ok          01_a  1.2 s\n"
    assert err.getvalue() == "[2/2] timeout     02_b  3.0 s  (a cell ran longer)\n"
    quiet_out, quiet_err = io.StringIO(), io.StringIO()
    monkeypatch.setenv("CI", "true")
    quiet = Progress(2, out=quiet_out, err=quiet_err)
    assert not quiet.verbose
    quiet.finished("01_a", "ok", 1.0)
    quiet.finished("02_b", "failed", 1.0, "boom")
    assert quiet_out.getvalue() == "" and "failed" in quiet_err.getvalue()


def test_cli_passes_options_through(monkeypatch, tmp_path, capsys):
    seen = {}

    def fake(corpus, out, **kwargs):
        seen.update(kwargs, corpus=corpus, out=out)
        raise RenderError("stop here")

    monkeypatch.setattr("analysis.report.rendering.render_reports", fake)
    status = main(["render", "--corpus", "c", "--out", "o", "-p", "a=1", "-p", "b=2", "--params-file", "p.yaml",
                   "--notebooks", "01", "02", "--with-code", "--kernel", "k", "--cell-timeout", "5", "--jobs", "3"])
    assert status == 2 and "stop here" in capsys.readouterr().err
    assert seen == {"corpus": "c", "out": "o", "params": ["a=1", "b=2"], "params_file": "p.yaml",
                    "notebooks": ["01", "02"], "with_code": True, "kernel": "k", "cell_timeout": 5.0, "jobs": 3,
                    "notebooks_dir": None}


# --------------------------------------------------------------------------- the repository's own notebooks

TEACHING = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("06_*.ipynb"))


@pytest.mark.slow
def test_repository_teaching_notebook_renders_through_the_cli(tmp_path, capsys, monkeypatch):
    import nbformat as nbf

    monkeypatch.chdir(tmp_path)  # the corpus default and paths must not depend on the cwd
    status = main(["render", "--out", "reports", "--notebooks", "06", "-p", "run_date=2024-06-01"])
    captured = capsys.readouterr()
    assert status == 0, captured.err
    # one notebook of the folder: a subset run, so `latest-partial` (never `latest`) points at it
    assert not (tmp_path / "reports" / "latest").exists()
    run = (tmp_path / "reports" / "latest-partial").resolve()
    name = TEACHING[0].stem
    student = (run / f"{name}.html").read_text(encoding="utf-8")
    instructor = (tmp_path / "reports" / "instructor" / run.name / f"{name}.instructor.html").read_text(encoding="utf-8")
    source = nbf.read(TEACHING[0], as_version=4)
    solutions = [c for c in source.cells if "solution" in c.get("metadata", {}).get("tags", [])]
    assert solutions and len(instructor) > len(student)
    assert network_references(student) == [] and network_references(instructor) == []
    # the exercises are code: both versions show it, only the instructor's the solutions
    assert CODE_INPUT.search(student) and CODE_INPUT.search(instructor)
    tagged = lambda tag, page: re.search(rf'class="[^"]*\b{tag}\b', page)  # noqa: E731
    assert tagged("celltag_answer", student) and not tagged("celltag_solution", student)
    assert tagged("celltag_solution", instructor)
    assert "data:image/png;base64," in student or "data:image/svg+xml" in student or "<table" in student
    manifest = json.loads((run / "run.json").read_text())
    assert manifest["notebooks"][0]["parameters"]["run_date"] == "2024-06-01"
    assert manifest["corpus"]["path"] == str(SEEDS.resolve())


def test_a_report_nbconvert_cannot_render_fails_alone(fake_render, monkeypatch):
    real = ReportConverter.to_html

    def to_html(self, nb, *, title, **kwargs):
        if title == "02_b":
            raise ValueError("unrenderable <output>")
        return real(self, nb, title=title, **kwargs)

    monkeypatch.setattr(ReportConverter, "to_html", to_html)
    result = fake_render()
    assert not result.ok and [r.name for r in result.failed] == ["02_b"]
    assert result.failed[0].message == "HTML conversion failed: ValueError: unrenderable <output>"
    page = (result.run_dir / "02_b.html").read_text()
    assert "This report could not be rendered" in page and "unrenderable &lt;output&gt;" in page
    assert (result.run_dir / "01_a.html").stat().st_size > 10_000
    assert not (fake_render.out / "latest").exists()
