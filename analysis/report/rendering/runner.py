"""``render_reports``: plan, lock, execute, convert, index, publish.

The order of a run::

    plan (check everything; nothing written)       -> ParameterError/CorpusError: exit 2
    lock DIR/.render.lock (non-blocking)           -> RenderError if another render holds it
    remove stale DIR/.tmp-* of killed runs
    compute the pipeline tables once -> tables/    Parquet, passed to every notebook as tables_dir
    execute notebooks in a thread pool (--jobs)    each kernel is its own process; threads just wait on it
      convert each to HTML as it finishes          one HTMLExporter, in this thread
    index.html + run.json
    rename DIR/.tmp-<id> -> DIR/<id>               atomic
    if every notebook succeeded: DIR/latest -> <id> atomic (temp symlink + os.replace);
      a run of a subset of the notebooks (--notebooks) moves DIR/latest-partial instead

Anything that stops the run before the rename (an error of the output
folder, SIGTERM, Ctrl-C) kills the kernels and removes the temporary folder;
``latest`` is only ever replaced by a complete (every static report selected), fully
successful run.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import logging
import signal
import threading
import time
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Sequence

from analysis.report.rendering import publish
from analysis.report.rendering.execute import (NotebookRun, OutputFolderError, execute_notebook,
                                        kill_kernels)
from analysis.report.rendering.locking import RenderLock
from analysis.report.rendering.plan import DEFAULT_CELL_TIMEOUT, RenderPlan, codebook_in_use, plan_render
from analysis.report.rendering.progress import Progress


class RenderInterrupted(BaseException):
    """The render was stopped by a signal; nothing was published. ``signum`` says which."""

    def __init__(self, signum: int):
        super().__init__(f"render interrupted by {signal.Signals(signum).name}")
        self.signum = signum


@dataclass
class RenderResult:
    """What a render produced.

    Attributes
    ----------
    run_id : str
        Name of the run folder.
    run_dir : Path
        The published run folder ``DIR/<run-id>``.
    ok : bool
        True when every notebook succeeded (and ``latest`` now points here).
    runs : list of NotebookRun
        One per notebook, in notebook order.
    manifest : dict
        The content of ``run.json``.
    """

    run_id: str
    run_dir: Path
    ok: bool
    runs: list[NotebookRun]
    manifest: dict[str, Any] = field(repr=False, default_factory=dict)

    @property
    def failed(self) -> list[NotebookRun]:
        return [run for run in self.runs if not run.ok]


def render_reports(
    corpus: str | Path | None = None,
    out_dir: str | Path = "reports",
    *,
    params: Sequence[str] = (),
    params_file: str | Path | None = None,
    notebooks: Sequence[str] | None = None,
    with_code: bool = False,
    kernel: str | None = None,
    cell_timeout: float = DEFAULT_CELL_TIMEOUT,
    jobs: int | None = None,
    notebooks_dir: str | Path | None = None,
    progress: Progress | None = None,
    handle_signals: bool = True,
    check_corpus: bool = True,
    share_tables: bool = True,
) -> RenderResult:
    """Execute the notebooks with papermill and publish HTML reports into ``out_dir/<run-id>/``.

    Parameters
    ----------
    corpus : str or Path, optional
        Corpus passed to every notebook declaring ``corpus`` (default: the
        repository's ``seeds/``).
    out_dir : str or Path
        Output folder; runs go into ``out_dir/<run-id>/`` and
        ``out_dir/latest`` points at the last fully successful run.
    params : sequence of str
        ``name=value`` items (``-p``), coerced to each notebook's declared type.
    params_file : str or Path, optional
        YAML file of parameter values.
    notebooks : sequence of str, optional
        Names (or unique prefixes) of the notebooks to render; default all.
    with_code : bool
        Keep code cells' input in the HTML (hidden by default).
    kernel : str, optional
        Kernel spec name (default ``osint-analysis``, else ``python3``).
    cell_timeout : float
        Seconds one cell may run before its notebook fails.
    jobs : int, optional
        Notebooks executed at once (default ``min(2, n)``).
    notebooks_dir : str or Path, optional
        Folder of the notebooks (default: the repository's ``notebooks/``).
    progress : Progress, optional
        Where progress goes (default: one line per notebook on a terminal).
    handle_signals : bool
        Turn SIGTERM into :class:`RenderInterrupted` while rendering (main thread only).
    check_corpus : bool
        Load the corpus once before running anything, to fail early.
    share_tables : bool
        Compute the pipeline tables once into ``<run>/tables`` and pass them
        to the notebooks (``tables_dir``); False lets every notebook compute
        its own (slower; for comparison).

    Returns
    -------
    RenderResult
        The run; ``result.ok`` is False if any notebook failed (its report
        still shows the error; ``latest`` was not moved).

    Raises
    ------
    ParameterError, CorpusError, CodebookError
        Before anything runs, for bad input.
    RenderError
        The output folder cannot be written, is full, or another render holds its lock.
    RenderInterrupted
        SIGTERM arrived; the temporary folder is removed and nothing published.

    Examples
    --------
    >>> result = render_reports("seeds", "reports", params=["run_date=2024-05-31"])  # doctest: +SKIP
    >>> result.ok, result.run_dir.name                                              # doctest: +SKIP
    (True, '20241121T195300Z-3fa1c2d9')
    """
    from analysis.paths import notebooks_dir as default_notebooks_dir
    from analysis.report.rendering.imports import skip_unused_imports

    skip_unused_imports()  # before anything imports nbformat: about 2 s less before the first kernel
    out_dir = Path(out_dir).expanduser().resolve()
    plan = plan_render(
        notebooks_dir=Path(notebooks_dir).resolve() if notebooks_dir else default_notebooks_dir(),
        names=notebooks, corpus=corpus, assignments=params, params_file=params_file, kernel=kernel,
        cell_timeout=cell_timeout, jobs=jobs, with_code=with_code, check_corpus=check_corpus,
    )
    progress = progress or Progress(len(plan.notebooks))
    for note in plan.notes:
        progress.note(note)
    with _signals_as_exceptions(handle_signals) as guard:
        publish.prepare_out_dir(out_dir)
        with RenderLock(out_dir):
            return _render_locked(plan, out_dir, progress, guard, share_tables)


def _render_locked(plan: RenderPlan, out_dir: Path, progress: Progress, guard: "_SignalGuard",
                   share_tables: bool = True) -> RenderResult:
    from analysis.report.rendering.convert import ReportConverter
    from analysis.report.rendering.run_manifest import corpus_fingerprint

    publish.remove_stale(out_dir)
    started = _dt.datetime.now(_dt.timezone.utc)
    fingerprint = corpus_fingerprint(plan.corpus)
    run_id = publish.unique_run_id(out_dir, f"{started:%Y%m%dT%H%M%SZ}-{_inputs_digest(plan, fingerprint)[:8]}")
    temp = publish.make_temp_run(out_dir, run_id)
    t0 = time.perf_counter()
    try:
        figures = temp / "figures"
        (temp / "notebooks").mkdir()
        (temp / "logs").mkdir()
        progress.start(plan.kernel, plan.jobs, str(out_dir / run_id))
        shared = (_shared_tables(plan, temp / "tables", progress) if share_tables
                  else {"ok": False, "message": "not shared (share_tables=False)"})
        guard.check()
        runs = []
        for item in plan.notebooks:
            values = dict(item.values)
            if "figures_dir" in item.declared:
                values["figures_dir"] = str(figures)
            if "tables_dir" in item.declared and shared.get("ok"):
                values["tables_dir"] = str(temp / "tables")
            runs.append(NotebookRun(item.name, item.path, temp / "notebooks" / f"{item.name}.ipynb",
                                    temp / "logs" / f"{item.name}.log", values))
        converter = ReportConverter(with_code=plan.with_code,
                                    reports=[(item.name, item.title) for item in plan.notebooks])
        outputs = _execute_and_convert(plan, runs, temp, converter, progress)
        guard.check()
        manifest = _manifest(plan, runs, outputs, run_id, out_dir, started, time.perf_counter() - t0,
                             fingerprint, temp)
        manifest["shared_tables"] = shared
        _write_run_files(temp, manifest)
        guard.check()
        ok = all(run.ok for run in runs)
        with guard.deferred():  # the two renames are not interrupted half-way
            final = publish.publish(temp, out_dir, run_id)
            temp = None
            if ok:
                # `latest`: the last run in which every selected notebook succeeded AND the selection was
                # every static report; a good subset run moves `latest-partial` only
                publish.update_latest(out_dir, run_id, publish.LATEST if plan.complete else publish.LATEST_PARTIAL)
        return RenderResult(run_id, final, ok, runs, manifest)
    except OSError as exc:
        raise publish.describe_os_error(exc, "writing the reports", out_dir) from None
    except OutputFolderError as exc:
        raise publish.describe_os_error(exc.os_error, "writing an executed notebook", out_dir) from None
    finally:
        if temp is not None:
            kill_kernels()
            publish.discard(temp)


def _shared_tables(plan: RenderPlan, folder: Path, progress: Progress) -> dict[str, Any]:
    """Compute the tables the notebooks share, once, into ``folder``; say how it went.

    A failure here does not stop the run: the notebooks then compute their
    own tables (as when run alone), and a notebook that hits the same
    problem shows it in its report.  Only a full or read-only output folder
    stops everything.
    """
    from analysis.report.shared_tables import write_shared_tables

    if not any("tables_dir" in item.declared for item in plan.notebooks):
        return {"ok": False, "message": "no notebook takes tables_dir"}
    t0 = time.perf_counter()
    try:
        rows = write_shared_tables(plan.corpus, folder, plan.codebook, articles=plan.articles)
    except OSError as exc:
        if publish.is_folder_fault(exc):
            raise
        rows, message = None, f"{exc.__class__.__name__}: {exc}"
    except Exception as exc:  # noqa: BLE001 - each notebook then computes (and reports) its own tables
        rows, message = None, f"{exc.__class__.__name__}: {exc}"
    seconds = round(time.perf_counter() - t0, 3)
    if rows is None:
        import shutil

        shutil.rmtree(folder, ignore_errors=True)
        progress.note(f"shared tables failed ({message}); each notebook computes its own")
        return {"ok": False, "seconds": seconds, "message": message}
    progress.step(f"tables computed once for all notebooks in {seconds:.1f} s")
    return {"ok": True, "seconds": seconds, "folder": "tables", "rows": rows}


def _execute_and_convert(plan: RenderPlan, runs: list[NotebookRun], temp: Path, converter,
                         progress: Progress) -> dict[str, dict[str, str]]:
    """Run notebooks ``plan.jobs`` at a time; convert each in this thread as soon as it ends."""
    cancelled = threading.Event()
    outputs: dict[str, dict[str, str]] = {}
    planned = {item.name: item for item in plan.notebooks}
    logging.getLogger("papermill").addHandler(logging.NullHandler())  # we report failures ourselves
    logging.getLogger("papermill").propagate = False
    pool = ThreadPoolExecutor(max_workers=plan.jobs, thread_name_prefix="notebook")
    pending: set[Future] = set()
    try:
        pending = {
            pool.submit(execute_notebook, run, kernel_name=plan.kernel, cell_timeout=plan.cell_timeout,
                        cwd=plan.notebooks_dir, cancelled=cancelled)
            for run in runs
        }
        while pending:
            # A timeout keeps the main thread waking up, so a signal handler runs promptly.
            done, pending = wait(pending, timeout=0.5, return_when=FIRST_COMPLETED)
            for future in done:
                run = future.result()  # OutputFolderError propagates: the whole run stops
                outputs[run.name] = _convert(converter, run, planned[run.name], temp)
                progress.finished(run.name, run.status, run.duration, run.message)
    except BaseException:
        cancelled.set()
        kill_kernels()
        pool.shutdown(wait=False, cancel_futures=True)
        # Give the workers a moment to notice their dead kernels, so none is
        # still writing into the temporary folder when it is removed.
        # (A cancelled future never counts as done for wait(), so skip those.)
        wait([f for f in pending if not f.cancelled()], timeout=10)
        raise
    pool.shutdown(wait=True)
    return outputs


def _convert(converter, run: NotebookRun, item, temp: Path) -> dict[str, str]:
    import nbformat

    from analysis.report.rendering.convert import mark_failure

    t0 = time.perf_counter()
    source = run.output if run.output.exists() else run.source
    try:
        nb = nbformat.read(source, as_version=4)
    except (OSError, ValueError) as exc:
        # The executed notebook is unreadable (a kernel dying mid-write): show the source instead.
        nb = nbformat.read(run.source, as_version=4)
        run.message = (run.message + "; " if run.message else "") + f"executed notebook unreadable ({exc})"
        if run.ok:
            run.status = "failed"
    if not run.ok:
        nb = mark_failure(nb, run.status, run.message)
    files = {"html": f"{run.name}.html"}
    try:
        if item.solutions:
            # Student files here; solution-bearing ones outside the run folder.
            from analysis.report import teaching
            files.update(teaching.publish_versions(converter, nb, name=run.name, title=item.title, run_dir=temp,
                                                   executed=run.output, base_dir=run.source.parent))
        else:
            converter.write(nb, temp / files["html"], title=item.title, base_dir=run.source.parent,
                            current=run.name)
    except OSError:
        raise  # the output folder's problem: the whole run stops
    except Exception as exc:  # noqa: BLE001 - an output nbconvert cannot render fails this report only
        run.status = "failed"
        run.message = (run.message + "; " if run.message else "") + \
            f"HTML conversion failed: {exc.__class__.__name__}: {exc}"
        files.pop("instructor_dir", None)
        (temp / files["html"]).write_text(_plain_page(item.title, run.message), encoding="utf-8")
    if run.output.exists():
        files["notebook"] = f"notebooks/{run.name}.ipynb"
    if run.log.exists() and run.log.stat().st_size:
        files["log"] = f"logs/{run.name}.log"
    run.extra["convert_s"] = time.perf_counter() - t0
    return files


def _plain_page(title: str, message: str) -> str:
    import html

    from analysis.report.rendering.convert import REPORT_CSP

    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{REPORT_CSP}">'
            f"<title>{html.escape(title)}</title></head><body><h1>{html.escape(title)}</h1>"
            f"<p><strong>This report could not be rendered.</strong></p><pre>{html.escape(message)}</pre>"
            f"<p>The executed notebook is in the run folder's notebooks/.</p></body></html>\n")


def _inputs_digest(plan: RenderPlan, fingerprint: dict[str, Any]) -> str:
    """Hash of what determines the reports: corpus, notebooks, parameters, kernel."""
    digest = hashlib.sha256(fingerprint["sha256"].encode())
    for item in plan.notebooks:
        digest.update(item.name.encode() + b"\0" + item.path.read_bytes() + b"\0")
        digest.update(json.dumps(item.values, sort_keys=True, default=str).encode())
    digest.update(f"{plan.kernel}\0{plan.with_code}".encode())
    return digest.hexdigest()


def _manifest(plan: RenderPlan, runs: list[NotebookRun], outputs: dict, run_id: str, out_dir: Path,
              started: _dt.datetime, seconds: float, fingerprint: dict, temp: Path) -> dict[str, Any]:
    from analysis.paths import REPO_DIR
    from analysis.report.rendering.run_manifest import code_revision, environment_summary, package_versions

    final = out_dir / run_id
    planned = {item.name: item for item in plan.notebooks}
    notebooks = []
    for run in runs:
        # Record the figures folder as it is after publishing, not the temporary path.
        moved = {"figures_dir": str(final / "figures"), "tables_dir": str(final / "tables")}
        passed = {k: (moved[k] if k in moved else v) for k, v in run.parameters.items()}
        item = planned[run.name]
        notebooks.append({
            "name": run.name, "title": item.title, "source": str(run.source),
            "status": run.status, "message": run.message,
            "started_at": _iso(run.started_at) if run.started_at else None,
            "duration_s": round(run.duration, 3), "convert_s": round(run.extra.get("convert_s", 0.0), 3),
            # What the notebook ran with (its defaults, overridden by what render passed) ...
            "parameters": {**item.declared.defaults(), **passed},
            # ... and what render passed.
            "parameters_passed": passed,
            **outputs.get(run.name, {"html": f"{run.name}.html"}),
        })
    figures = sorted(p.relative_to(temp).as_posix() for p in (temp / "figures").rglob("*") if p.is_file())
    run_dates = {run.parameters.get("run_date") for run in runs} - {None, ""}
    codebook = codebook_in_use(plan.codebook, plan.corpus)
    return {
        "run_id": run_id,
        "status": "ok" if all(run.ok for run in runs) else "failed",
        "run_date": run_dates.pop() if len(run_dates) == 1 else "",
        "started_at": started.isoformat(timespec="seconds"),
        "finished_at": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "duration_s": round(seconds, 3),
        "out_dir": str(out_dir),
        "kernel": plan.kernel,
        "cell_timeout_s": plan.cell_timeout,
        "jobs": plan.jobs,
        "with_code": plan.with_code,
        # every static report selected: only such a run may become `latest`
        "complete": bool(plan.complete),
        # files counts every file of the folder (manifest, codebook ...); articles is what was read
        "corpus": {**fingerprint, "articles": None if plan.articles is None else int(len(plan.articles))},
        # the codebook the claims came from: given, or found beside the corpus (None: codebook-free)
        "codebook": codebook["path"],
        "codebook_source": codebook["how"],
        # what the plan left out and why (interactive notebooks ...), as the CLI printed it
        "notes": list(plan.notes),
        "parameters": {"given": plan.given, "per_notebook": plan.per_notebook},
        "notebooks": notebooks,
        "figures": figures,
        "versions": package_versions(),
        "code": code_revision(REPO_DIR),
        "environment": environment_summary(),
    }


def _write_run_files(temp: Path, manifest: dict[str, Any]) -> None:
    from analysis.report.rendering.index_page import write_index
    from analysis.report.rendering.run_manifest import write_manifest

    write_index(temp, manifest)
    write_manifest(temp / "run.json", manifest)


def _iso(timestamp: float) -> str:
    return _dt.datetime.fromtimestamp(timestamp, _dt.timezone.utc).isoformat(timespec="seconds")


class _SignalGuard:
    """Turns SIGTERM into :class:`RenderInterrupted`, except inside :meth:`deferred` sections."""

    def __init__(self) -> None:
        self._defer = 0
        self.pending: int | None = None

    def handler(self, signum, frame) -> None:
        if self._defer:
            self.pending = signum
            return
        raise RenderInterrupted(signum)

    def check(self) -> None:
        if self.pending is not None:
            signum, self.pending = self.pending, None
            raise RenderInterrupted(signum)

    @contextmanager
    def deferred(self) -> Iterator[None]:
        self._defer += 1
        try:
            yield
        finally:
            self._defer -= 1
        # A signal that came while publishing is dropped: the run is complete
        # and published, and the process ends right after anyway.
        self.pending = None


@contextmanager
def _signals_as_exceptions(enabled: bool) -> Iterator[_SignalGuard]:
    guard = _SignalGuard()
    if not enabled or threading.current_thread() is not threading.main_thread():
        yield guard
        return
    previous = {sig: signal.signal(sig, guard.handler) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield guard
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
