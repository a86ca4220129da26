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

from analysis.cli.main import main
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
    # three failed reports, each badged in its findings heading and its table row, and the summary badge
    assert index.count("status status-failed") == 7

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


def _can_mount_privately() -> bool:
    try:
        done = subprocess.run(["unshare", "--mount", "--propagation", "private", "sh", "-c",
                               "mount -t tmpfs -o size=64k tmpfs /mnt 2>/dev/null || "
                               "mount -t tmpfs -o size=64k tmpfs \"$(mktemp -d)\""],
                              capture_output=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


_RENDER_ON_TMPFS = r"""
set -e
mount -t tmpfs -o size="$SIZE" tmpfs "$MNT"
mkdir -p "$MNT/reports/$GOOD"
echo '<p>the last good report</p>' > "$MNT/reports/$GOOD/index.html"
ln -s "$GOOD" "$MNT/reports/latest"
if [ "$READ_ONLY" = 1 ]; then mount -o remount,ro "$MNT"; fi
set +e
"$PY" -m analysis render --notebook-dir "$NB" --out "$MNT/reports"
echo "exit=$?"
echo "entries=$(ls -A "$MNT/reports" | tr '\n' ' ')"
echo "latest=$(readlink "$MNT/reports/latest")"
echo "good=$(cat "$MNT/reports/$GOOD/index.html")"
"""


@pytest.fixture(scope="module")
def private_mounts():
    if not _can_mount_privately():
        pytest.skip("cannot mount a tmpfs in a private mount namespace here")


@pytest.mark.parametrize("case", ["read-only", "full"])
def test_real_read_only_and_full_output_folders(private_mounts, notebook_dir, tmp_path, case):
    """On a real tmpfs: mounted read-only, or too small for the reports (ENOSPC mid-run)."""
    write_notebook(notebook_dir, "01_fine", "print('fine')", params='corpus = ""\nrun_date = ""')
    mount_point = tmp_path / "mnt"
    mount_point.mkdir()
    env = {**{k: v for k, v in os.environ.items() if k != "PYTHONPATH"}, "MNT": str(mount_point),
           "NB": str(notebook_dir), "PY": sys.executable, "GOOD": GOOD,
           "SIZE": "160k", "READ_ONLY": "1" if case == "read-only" else "0"}
    done = subprocess.run(["unshare", "--mount", "--propagation", "private", "sh", "-c", _RENDER_ON_TMPFS],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    report = dict(line.split("=", 1) for line in done.stdout.splitlines() if "=" in line and
                  line.split("=", 1)[0] in {"exit", "entries", "latest", "good"})
    assert report["exit"] == "2", done.stdout + done.stderr
    reason = "is not writable (Read-only file system)" if case == "read-only" else "is full (No space left on device)"
    assert f"output folder {mount_point}/reports {reason}" in done.stderr
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert report["latest"] == GOOD and report["good"] == "<p>the last good report</p>"
    # Nothing half-written: no new run folder, no temporary folder left behind.
    assert set(report["entries"].split()) <= {GOOD, "latest", ".render.lock"}
