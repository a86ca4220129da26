"""The cron recipe in docs/scheduling.md, run as written on a fresh folder tree.

The documented setup and cron lines are taken from the Markdown, their paths
pointed at a temporary folder, ``\\%`` unescaped (as cron does) and run with
``/bin/sh``.  The render itself is replaced by a stand-in ``.venv/bin/python``
that records its arguments, so the test checks the shell recipe (folders,
lock, exit codes, log lines), not the reports.
"""

from __future__ import annotations

import datetime
import fcntl
import re
import shutil
import subprocess
from pathlib import Path

import pytest

DOC = Path(__file__).resolve().parents[1] / "docs" / "scheduling.md"

pytestmark = pytest.mark.skipif(shutil.which("flock") is None, reason="util-linux flock not installed")


def documented_lines() -> tuple[str, str]:
    text = DOC.read_text(encoding="utf-8")
    section = text[text.index("## cron with flock"):text.index("## systemd service")]
    setup = re.search(r"```sh\n(.*?)\n```", section, re.S).group(1).strip()
    cron = re.search(r"```cron\n(.*?)\n```", section, re.S).group(1)
    job = next(line for line in cron.splitlines() if re.match(r"\d+ \d+ \* \* \* ", line))
    command = job.split(None, 5)[5]
    return setup, command


def localise(command: str, root: Path) -> str:
    for real, fake in (("/srv/reports", root / "srv/reports"), ("/var/log/osint", root / "var/log/osint"),
                       ("/srv/osint", root / "srv/osint"), ("/data/corpus", root / "data/corpus")):
        command = command.replace(real, str(fake))
    return command.replace("\\%", "%")


@pytest.fixture
def machine(tmp_path):
    """A fresh machine: the checkout with its venv, a corpus, no reports or log folder."""
    app = tmp_path / "srv/osint/.venv/bin"
    app.mkdir(parents=True)
    python = app / "python"
    python.write_text('#!/bin/sh\necho "$@" >> "$(dirname "$0")/calls"\n'
                      'echo "rendered 6 reports"\nexit "${FAKE_RC:-0}"\n')
    python.chmod(0o755)
    (tmp_path / "data/corpus").mkdir(parents=True)
    return tmp_path


def run(command: str, **env) -> subprocess.CompletedProcess:
    return subprocess.run(["/bin/sh", "-c", command], capture_output=True, text=True, timeout=60,
                          env={"PATH": "/usr/bin:/bin", **env})


def test_cron_line_works_on_a_fresh_machine(machine):
    _, command = documented_lines()
    done = run(localise(command, machine))
    assert done.returncode == 0, done.stderr
    log = (machine / "var/log/osint/render.log").read_text()
    assert log == "rendered 6 reports\n"
    (call,) = (machine / "srv/osint/.venv/bin/calls").read_text().splitlines()
    yesterday = (datetime.datetime.now(datetime.timezone.utc).date() - datetime.timedelta(days=1)).isoformat()
    assert call == (f"-m analysis render --corpus {machine}/data/corpus --out {machine}/srv/reports "
                    f"-p run_date={yesterday}")


def test_documented_setup_line_creates_the_folders(machine):
    setup, _ = documented_lines()
    # ownership is root's business; the folders are what the job needs
    done = run(localise(setup.replace("-o osint -g osint ", ""), machine))
    assert done.returncode == 0, done.stderr
    assert (machine / "srv/reports").is_dir() and (machine / "var/log/osint").is_dir()


def test_skipped_night_has_its_own_exit_code_and_log_line(machine):
    _, command = documented_lines()
    lock = machine / "srv/reports/.cron.lock"
    lock.parent.mkdir(parents=True)
    with lock.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # yesterday's job still running
        done = run(localise(command, machine))
    assert done.returncode == 75
    (line,) = (machine / "var/log/osint/render.log").read_text().splitlines()
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ skipped: the previous render still holds "
                        rf"{re.escape(str(lock))} \(exit 75\)", line)
    assert not (machine / "srv/osint/.venv/bin/calls").exists()  # the render never started


def test_failed_render_keeps_its_status_and_is_not_logged_as_skipped(machine):
    _, command = documented_lines()
    done = run(localise(command, machine), FAKE_RC="1")
    assert done.returncode == 1
    assert "skipped" not in (machine / "var/log/osint/render.log").read_text()
