"""One render at a time per output folder: a non-blocking ``flock`` on ``DIR/.render.lock``.

The lock is an advisory ``fcntl.flock`` held for the whole run; the kernel
releases it when the process ends however it ends (even ``kill -9``), so a
crashed render never leaves a stale lock behind.  A second render into the
same folder does not wait: it fails at once with a message naming the holder,
which is what a nightly job wants (cron starting a run while yesterday's is
still going should skip, not pile up).
"""

from __future__ import annotations

import errno
import fcntl
import os
from pathlib import Path

from analysis.errors import RenderError

LOCK_NAME = ".render.lock"


class RenderLock:
    """Exclusive, non-blocking lock on an output folder.

    Parameters
    ----------
    out_dir : Path
        The output folder (``reports/``); the lock file lives inside it.

    Examples
    --------
    >>> with RenderLock(Path("reports")):      # doctest: +SKIP
    ...     ...  # render
    """

    def __init__(self, out_dir: Path):
        self.path = Path(out_dir) / LOCK_NAME
        self._fd: int | None = None

    def acquire(self) -> "RenderLock":
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            from analysis.report.rendering.publish import describe_os_error

            raise describe_os_error(exc, f"creating the lock file {self.path.name}", self.path.parent) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            holder = _read_holder(fd)
            os.close(fd)
            if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise RenderError(f"another render is already writing into {self.path.parent}"
                                  f"{holder}; try again when it has finished") from None
            raise RenderError(f"cannot lock {self.path}: {exc.strerror or exc}") from None
        # Record who holds it, for the message the next render prints.
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        except OSError:
            pass  # the lock itself is what matters
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is not None:
            try:
                fcntl.flock(self._fd, fcntl.LOCK_UN)
            finally:
                os.close(self._fd)
                self._fd = None

    def __enter__(self) -> "RenderLock":
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()


def _read_holder(fd: int) -> str:
    try:
        pid = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return ""
    return f" (pid {pid})" if pid.isdigit() else ""
