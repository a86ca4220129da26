"""Execute one notebook with papermill and say how it went, without raising for notebook faults.

A notebook that raises, a kernel that dies and a cell that outlives the
per-cell timeout are *notebook* failures: they become a
:class:`NotebookRun` with a status and a one-line message, and the other
notebooks go on.  Only a fault of the output folder itself (full, read-only)
is raised, because no other notebook could be written either.

Kernels are started through :class:`_TrackedKernelManager`, which sends the
kernel's own stdout/stderr to a log file in the run folder (not the user's
terminal) and remembers each kernel's process group so that an interrupted
render can kill them all (:func:`kill_kernels`): jupyter_client starts
kernels in their own session, so they would otherwise outlive the render.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jupyter_client.manager import AsyncKernelManager

from analysis.report.rendering.publish import is_folder_fault

OK, FAILED, TIMEOUT, KERNEL_DIED, CANCELLED = "ok", "failed", "timeout", "kernel died", "cancelled"

_kernels_lock = threading.Lock()
_live_kernels: dict[str, tuple[int, int]] = {}  # notebook log path -> (pid, process group id)


class OutputFolderError(Exception):
    """The output folder failed under a notebook (full or read-only): the whole run must stop."""

    def __init__(self, exc: OSError):
        super().__init__(str(exc))
        self.os_error = exc


@dataclass
class NotebookRun:
    """How one notebook's execution went."""

    name: str
    source: Path
    output: Path
    log: Path
    parameters: dict[str, Any]
    status: str = "pending"
    message: str = ""
    started_at: float = 0.0
    duration: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.status == OK


class _TrackedKernelManager(AsyncKernelManager):
    """A kernel manager that logs the kernel's console to a file and registers its process."""

    log_path: str = ""

    async def _async_launch_kernel(self, kernel_cmd, **kw):
        handle = open(self.log_path, "ab") if self.log_path else None  # noqa: SIM115 (closed below)
        try:
            if handle is not None:
                kw["stdout"] = kw["stderr"] = handle
            # A render started from a JupyterLab terminal inherits that session's
            # notebook name; the kernel's relative paths must start at its own folder.
            if "env" in kw:
                kw["env"] = {k: v for k, v in kw["env"].items() if k != "JPY_SESSION_NAME"}
            await super()._async_launch_kernel(kernel_cmd, **kw)
        finally:
            if handle is not None:
                handle.close()  # the child holds its own copy of the descriptor
        provisioner = self.provisioner
        pid = getattr(provisioner, "pid", None)
        if pid:
            with _kernels_lock:
                _live_kernels[self.log_path] = (pid, getattr(provisioner, "pgid", None) or pid)


def kill_kernels() -> int:
    """Kill every kernel this process started that may still run; return how many were signalled."""
    with _kernels_lock:
        targets = dict(_live_kernels)
        _live_kernels.clear()
    killed = 0
    for pid, pgid in targets.values():
        try:
            if pgid and pgid != os.getpgid(0):
                os.killpg(pgid, signal.SIGKILL)
            else:
                os.kill(pid, signal.SIGKILL)
            killed += 1
        except (ProcessLookupError, PermissionError, OSError):
            pass
    return killed


def _forget_kernel_of(log_path: str) -> None:
    # nbclient shuts a notebook's kernel down when execution ends, however it
    # ends; forget it so kill_kernels never signals a pid the system reused.
    with _kernels_lock:
        _live_kernels.pop(log_path, None)


def execute_notebook(
    run: NotebookRun,
    *,
    kernel_name: str,
    cell_timeout: float,
    cwd: Path,
    cancelled: threading.Event,
    start_timeout: float = 60.0,
) -> NotebookRun:
    """Execute ``run.source`` into ``run.output`` with ``run.parameters``; fill in status and timing.

    Parameters
    ----------
    run : NotebookRun
        What to run and where to write it (filled in and returned).
    kernel_name : str
        Kernel spec name, passed explicitly (never taken from the notebook).
    cell_timeout : float
        Seconds any one cell may run.
    cwd : Path
        Working folder of the kernel (the notebooks' folder).
    cancelled : threading.Event
        Set when the render is being interrupted: a notebook not yet started
        is skipped.
    start_timeout : float
        Seconds the kernel may take to start.

    Returns
    -------
    NotebookRun
        ``status`` is ``ok``, ``failed``, ``timeout``, ``kernel died`` or ``cancelled``.

    Raises
    ------
    OutputFolderError
        If writing the executed notebook failed because the folder is full or read-only.
    """
    import papermill
    from nbclient.exceptions import CellTimeoutError, DeadKernelError
    from papermill.exceptions import PapermillExecutionError

    if cancelled.is_set():
        run.status, run.message = CANCELLED, "render interrupted before this notebook started"
        return run
    manager = type("KernelManager", (_TrackedKernelManager,), {"log_path": str(run.log)})
    run.started_at = time.time()
    t0 = time.perf_counter()
    try:
        papermill.execute_notebook(
            str(run.source), str(run.output),
            parameters=run.parameters,
            kernel_name=kernel_name,
            language="python",
            progress_bar=False,
            log_output=False,
            start_timeout=start_timeout,
            execution_timeout=cell_timeout,
            # The kernel's folder, set per kernel: papermill's own cwd= would
            # chdir the whole process, which threads cannot share.
            resources={"metadata": {"path": str(cwd)}},
            kernel_manager_class=manager,
            # Outputs are all in by the last reply; a graceful shutdown only
            # adds seconds (more for a kernel stuck in a timed-out cell).
            shutdown_kernel="immediate",
        )
        run.status = OK
    except PapermillExecutionError as exc:
        run.status = FAILED
        run.message = f"cell {exc.exec_count}: {exc.ename}: {_first_line(exc.evalue)}".rstrip(": ")
        run.extra["failed_cell"] = exc.cell_index
    except CellTimeoutError:
        run.status = TIMEOUT
        run.message = f"a cell ran longer than the cell timeout ({cell_timeout:g} s) and was stopped"
    except DeadKernelError:
        run.status = KERNEL_DIED
        run.message = "the kernel died while running a cell (crash, os._exit or out of memory); see the log"
    except OSError as exc:
        if is_folder_fault(exc):
            raise OutputFolderError(exc) from exc
        run.status, run.message = FAILED, f"{exc.__class__.__name__}: {exc}"
    except RuntimeError as exc:
        # nbclient raises a bare RuntimeError when the kernel does not start in time.
        run.status = KERNEL_DIED if "kernel" in str(exc).lower() else FAILED
        run.message = f"{_first_line(str(exc))}"
    except Exception as exc:  # noqa: BLE001 - any other fault fails this notebook only
        run.status, run.message = FAILED, f"{exc.__class__.__name__}: {_first_line(str(exc))}"
    finally:
        run.duration = time.perf_counter() - t0
        _forget_kernel_of(str(run.log))
    return run


def _first_line(text: str, limit: int = 300) -> str:
    line = next((part.strip() for part in str(text).splitlines() if part.strip()), "")
    return line if len(line) <= limit else line[: limit - 1] + "…"
