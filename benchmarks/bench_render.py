"""Rendering benchmark: all reports on the seeds against one bare kernel per notebook.

Prints:

1. the time of one papermill run of an *empty* notebook (a parameters cell
   and nothing else): the fixed cost of a kernel start, parameter injection
   and shutdown that every report pays (median and min of ``--repeat`` runs);
2. the time to render all the repository's notebooks on the seeds with
   ``python -m analysis render``'s machinery (default ``--jobs``), the
   pipeline tables computed once and shared, as a ratio to one bare kernel
   per notebook (target: at most 2x), with per-notebook execution and HTML
   conversion times;
3. with ``--compare``: the same render with every notebook computing its own
   tables (how renders ran before the tables were shared);
4. HTML conversion of those executed notebooks with one reused exporter
   versus a new exporter per notebook, which is why a run converts all its
   reports in one process.

Usage::

    python benchmarks/bench_render.py                 # target check, 3 empty runs
    python benchmarks/bench_render.py --compare       # also the unshared render
    python benchmarks/bench_render.py --jobs 1 2 --repeat 5
    python benchmarks/bench_render.py --quick         # empty-notebook runs only
    python benchmarks/bench_render.py --corpus ../shared/bench/bbc

Numbers depend on the machine and its load (the 2-core CI box is shared);
compare runs made on the same machine, close in time.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def cpu_seconds() -> float:
    """CPU time (user + system) of this process and its reaped children (the kernels).

    On a shared, loaded machine wall times swing by 2x between runs; CPU
    seconds say how much work a render is, whatever else runs.
    """
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def empty_notebook_runs(repeat: int, kernel: str | None) -> tuple[list[float], list[float]]:
    import nbformat
    import papermill

    from analysis.report.rendering.plan import resolve_kernel

    kernel_name, _ = resolve_kernel(kernel)
    times, cpu = [], []
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "empty.ipynb"
        nb = nbformat.v4.new_notebook()
        nb.metadata["kernelspec"] = {"name": kernel_name, "display_name": kernel_name, "language": "python"}
        nb.cells = [nbformat.v4.new_code_cell('run_date = ""', metadata={"tags": ["parameters"]})]
        nbformat.write(nb, source)
        for i in range(repeat):
            t0, c0 = time.perf_counter(), cpu_seconds()
            papermill.execute_notebook(str(source), str(Path(tmp) / f"out{i}.ipynb"),
                                       parameters={"run_date": "2024-05-31"}, kernel_name=kernel_name,
                                       progress_bar=False, language="python")
            times.append(time.perf_counter() - t0)
            cpu.append(cpu_seconds() - c0)
    return times, cpu


def render_all(corpus: Path, jobs: int | None, kernel: str | None, share_tables: bool = True):
    from analysis.report.rendering import render_reports
    from analysis.report.rendering.progress import Progress

    with tempfile.TemporaryDirectory() as tmp:
        t0, c0 = time.perf_counter(), cpu_seconds()
        result = render_reports(corpus, Path(tmp) / "reports", jobs=jobs, kernel=kernel,
                                progress=Progress(0, verbose=False), share_tables=share_tables)
        wall = time.perf_counter() - t0
        result.manifest["bench_cpu_s"] = cpu_seconds() - c0
        executed = [result.run_dir / "notebooks" / f"{run.name}.ipynb" for run in result.runs]
        convert = compare_converters(executed) if all(p.exists() for p in executed) else None
    return wall, result, convert


def compare_converters(paths: list[Path]) -> tuple[float, float]:
    import nbformat

    from analysis.report.rendering.convert import ReportConverter

    notebooks = [nbformat.read(p, as_version=4) for p in paths]
    t0 = time.perf_counter()
    shared = ReportConverter()
    for nb in notebooks:
        shared.to_html(nb, title="x")
    reused = time.perf_counter() - t0
    t0 = time.perf_counter()
    for nb in notebooks:
        ReportConverter().to_html(nb, title="x")
    fresh = time.perf_counter() - t0
    return reused, fresh


TARGET_FACTOR = 2.0  # all reports within 2x one bare kernel run per notebook


def report(label: str, wall: float, result, convert, bare: float | None, bare_cpu: float | None = None) -> None:
    n = len(result.runs)
    status = "ok" if result.ok else f"{len(result.failed)} failed"
    print(f"\n{label}: {n} notebooks, --jobs {result.manifest['jobs']}: {wall:.1f} s wall ({status})")
    if bare:
        budget = TARGET_FACTOR * n * bare
        verdict = "met" if wall <= budget else "missed"
        print(f"  {n} bare kernels: {n * bare:.1f} s; ratio {wall / (n * bare):.2f}x "
              f"(target <= {TARGET_FACTOR:g}x = {budget:.1f} s: {verdict})")
    cpu = result.manifest.get("bench_cpu_s")
    if cpu is not None and bare_cpu:
        print(f"  CPU (render + kernels): {cpu:.1f} s; {n} bare kernels: {n * bare_cpu:.1f} s; "
              f"ratio {cpu / (n * bare_cpu):.2f}x")
    shared = result.manifest.get("shared_tables") or {}
    if shared.get("ok"):
        print(f"  pipeline tables computed once: {shared['seconds']:.1f} s")
    print(f"  {'notebook':<30} {'execute s':>10} {'convert s':>10}  status")
    for nb in result.manifest["notebooks"]:
        print(f"  {nb['name']:<30} {nb['duration_s']:>10.1f} {nb['convert_s']:>10.2f}  {nb['status']}")
    if convert:
        reused, fresh = convert
        print(f"  HTML conversion of all reports: {reused:.2f} s with one exporter, "
              f"{fresh:.2f} s with a new exporter per report")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="papermill runs of the empty notebook")
    parser.add_argument("--jobs", type=int, nargs="+", default=[None],
                        help="--jobs values to render with (default: render's own default)")
    parser.add_argument("--corpus", type=Path, default=REPO / "seeds")
    parser.add_argument("--kernel", default=None)
    parser.add_argument("--compare", action="store_true",
                        help="also render with every notebook computing its own tables")
    parser.add_argument("--quick", action="store_true", help="only the empty-notebook runs")
    args = parser.parse_args(argv)

    times, cpu = empty_notebook_runs(args.repeat, args.kernel)
    bare, bare_cpu = statistics.median(times), statistics.median(cpu)
    print(f"empty notebook, papermill run: median {bare:.2f} s, min {min(times):.2f} s over {len(times)} runs "
          f"(CPU median {bare_cpu:.2f} s)")
    if args.quick:
        return 0
    for jobs in args.jobs:
        wall, result, convert = render_all(args.corpus.resolve(), jobs, args.kernel)
        report(f"render all on {args.corpus.name}, tables shared", wall, result, convert, bare, bare_cpu)
        if args.compare:
            wall, result, convert = render_all(args.corpus.resolve(), jobs, args.kernel, share_tables=False)
            report(f"render all on {args.corpus.name}, each notebook computing its tables", wall, result,
                   convert, bare, bare_cpu)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
