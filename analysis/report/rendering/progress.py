"""What a render prints while it runs: a line per notebook on a terminal, little under CI.

On an interactive terminal each notebook prints one line as it finishes
(status, duration, message).  When output is not a terminal or ``CI=true``
(cron, systemd, CI logs) only failures are printed, so a nightly log stays
short and a failure stands out.  Failures always go to stderr.
"""

from __future__ import annotations

import os
import sys
from typing import TextIO


def interactive(stream: TextIO | None = None) -> bool:
    """True on a terminal outside CI (``CI`` unset or not ``true``/``1``)."""
    stream = stream or sys.stderr
    if os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}:
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class Progress:
    """Report notebooks as they finish.

    Parameters
    ----------
    total : int
        Number of notebooks.
    verbose : bool, optional
        One line per notebook (default: :func:`interactive`).
    out, err : file objects, optional
        Where lines and failures go (default stderr for both, keeping stdout
        for the final summary).
    """

    def __init__(self, total: int, verbose: bool | None = None, out: TextIO | None = None,
                 err: TextIO | None = None):
        self.total = total
        self.done = 0
        self.out = out or sys.stderr
        self.err = err or sys.stderr
        self.verbose = interactive(self.out) if verbose is None else verbose
        self._width = 0

    def start(self, kernel: str, jobs: int, folder: str) -> None:
        if self.verbose:
            print(f"rendering {self.total} notebook(s) with kernel {kernel!r}, {jobs} at a time, into {folder}",
                  file=self.out, flush=True)

    def step(self, text: str) -> None:
        """A line of progress, shown on a terminal only."""
        if self.verbose:
            print(text, file=self.out, flush=True)

    def note(self, text: str) -> None:
        print(f"note: {text}", file=self.err, flush=True)

    def finished(self, name: str, status: str, seconds: float, message: str = "") -> None:
        self.done += 1
        ok = status == "ok"
        if ok and not self.verbose:
            return
        counter = f"[{self.done:>{len(str(self.total))}}/{self.total}]"
        line = f"{counter} {status:<11} {name}  {seconds:.1f} s"
        if message:
            line += f"  ({message})"
        print(line, file=self.out if ok else self.err, flush=True)
