"""Rendering faults with real kernels: a notebook that raises, a kernel that dies, a cell
timeout, two renders at once and SIGTERM mid-render.

Each must end with a non-zero exit, a clear message, the last good report
intact and no temporary folder left behind.  (Full and read-only output
folders are covered in test_render.py with injected OS errors.)
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from analysis.cli import main
from tests.conftest import REPO, SEEDS, write_notebook

pytestmark = pytest.mark.slow

GOOD = "20000101T000000Z-00000000"


def _last_good(out: Path) -> Path:
    """A previous good run and the ``latest`` link pointing at it."""
    good = out / GOOD
    good.mkdir(parents=True)
    (good / "index.html").write_text("<p>the last good report</p>")
    os.symlink(GOOD, out / "latest")
    return good


def _entries(out: Path) -> set[str]:
    return {p.name for p in out.iterdir()}


def _wait_until(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return predicate()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie is dead for our purposes
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().split(") ", 1)[1][0] != "Z"
    except OSError:
        return False


def test_raise_kernel_death_and_timeout_fail_only_their_notebook(notebook_dir, tmp_path, capsys):
    params = 'corpus = ""\nfigures_dir = ""\nrun_date = ""\npid_file = ""'
    write_notebook(notebook_dir, "01_fine", "print('fine', 6 * 7)", params=params)
    write_notebook(notebook_dir, "02_raises", "print('before the error')",
                   "raise ZeroDivisionError('no sources <b>at all</b>')", "print('never printed')", params=params)
    write_notebook(notebook_dir, "03_dies", "print('about to die', flush=True)", "import os\nos._exit(3)",
                   params=params)
    write_notebook(notebook_dir, "04_sleeps",
                   "import os, pathlib\npathlib.Path(pid_file).write_text(str(os.getpid()))",
                   "import time\ntime.sleep(120)", params=params)
    out = tmp_path / "reports"
    good = _last_good(out)
    pid_file = tmp_path / "kernel.pid"

    status = main(["render", "--notebook-dir", str(notebook_dir), "--out", str(out), "--cell-timeout", "4",
                   "--jobs", "2", "-p", f"pid_file={pid_file}"])
    err = capsys.readouterr().err
    assert status == 1
    assert "3 of 4 report(s) failed; 'latest' still points at the last good run" in err
    assert "02_raises: failed: cell 4: ZeroDivisionError: no sources <b>at all</b>" in err
    assert "03_dies: kernel died: the kernel died while running a cell" in err
    assert "04_sleeps: timeout: a cell ran longer than the cell timeout (4 s)" in err

    # The failed run is published for inspection; latest still names the good one.
    new = [name for name in _entries(out) if name not in {GOOD, "latest", ".render.lock"}]
    assert len(new) == 1 and not new[0].startswith(".tmp-")
    run = out / new[0]
    assert os.readlink(out / "latest") == GOOD and (good / "index.html").read_text() == "<p>the last good report</p>"

    # Every report is rendered; the failing ones show the error.
    fine = (run / "01_fine.html").read_text()
    assert "fine 42" in fine and "This report failed" not in fine
    raises = (run / "02_raises.html").read_text()
    assert "This report failed: a cell raised an error." in raises
    assert "before the error" in raises and "ZeroDivisionError" in raises and "never printed" not in raises
    assert "no sources &lt;b&gt;at all&lt;/b&gt;" in raises and "<b>at all</b>" not in raises
    dies = (run / "03_dies.html").read_text()
    assert "This report failed: the kernel died." in dies and "about to die" in dies
    sleeps = (run / "04_sleeps.html").read_text()
    assert "This report failed: a cell ran past the cell timeout." in sleeps
    index = (run / "index.html").read_text()
    assert index.count("status status-failed") == 4  # three rows and the summary badge

    # The timed-out kernel was shut down, not left sleeping.
    kernel_pid = int(pid_file.read_text())
    assert _wait_until(lambda: not _alive(kernel_pid), 10), f"kernel {kernel_pid} still running"


def test_concurrent_render_refused_and_sigterm_leaves_last_good_report(notebook_dir, tmp_path, capsys):
    params = 'corpus = ""\nfigures_dir = ""\nrun_date = ""\npid_file = ""'
    write_notebook(notebook_dir, "01_slow", "import os, pathlib\npathlib.Path(pid_file).write_text(str(os.getpid()))",
                   "import time\ntime.sleep(120)", params=params)
    out = tmp_path / "reports"
    _last_good(out)
    pid_file = tmp_path / "kernel.pid"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    render = subprocess.Popen(
        [sys.executable, "-m", "analysis", "render", "--notebook-dir", str(notebook_dir), "--out", str(out),
         "-p", f"pid_file={pid_file}"],
        cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        assert _wait_until(lambda: pid_file.exists() and pid_file.read_text().strip(), 90), \
            "the notebook never started"
        kernel_pid = int(pid_file.read_text())
        assert any(name.startswith(".tmp-") for name in _entries(out))  # it writes into a temporary folder

        # A second render into the same folder is refused at once.
        started = time.monotonic()
        status = main(["render", "--notebook-dir", str(notebook_dir), "--out", str(out), "--corpus", str(SEEDS)])
        err = capsys.readouterr().err
        assert status == 2 and time.monotonic() - started < 30
        assert f"another render is already writing into {out} (pid {render.pid})" in err

        render.send_signal(signal.SIGTERM)
        stdout, stderr = render.communicate(timeout=60)
    finally:
        if render.poll() is None:
            render.kill()
            render.wait()
    assert render.returncode == 128 + signal.SIGTERM, stderr
    assert "render interrupted by SIGTERM; nothing was published" in stderr
    assert "Traceback" not in stderr
    assert _entries(out) == {GOOD, "latest", ".render.lock"}  # no half-written run, no temp folder
    assert os.readlink(out / "latest") == GOOD
    assert _wait_until(lambda: not _alive(kernel_pid), 10), f"kernel {kernel_pid} outlived the render"
