"""Throughput of analysis.extract_dates on the BBC bench corpus.

Prints MB/s (characters of body text, counted as bytes of UTF-8) and
articles/s, from CPU time of this process (the figure that does not depend
on what else the machine is doing) and from wall-clock time, best of
``--repeat`` runs.  With ``--with-quantities`` it also times
extract_quantities + extract_dates together (the issue's 2 MB/s target).

Usage::

    .venv/bin/python benchmarks/bench_dates.py [CORPUS] [--repeat 3] [--with-quantities]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import analysis  # noqa: E402
from analysis.dates import extract_dates  # noqa: E402

DEFAULT_CORPUS = REPO.parent / "shared" / "bench" / "bbc"


def _time(func, articles, repeat: int) -> tuple[float, float, object]:
    best_cpu = best_wall = float("inf")
    result = None
    for _ in range(repeat):
        c, w = time.process_time(), time.perf_counter()
        result = func(articles)
        best_cpu = min(best_cpu, time.process_time() - c)
        best_wall = min(best_wall, time.perf_counter() - w)
    return best_cpu, best_wall, result


def _report(label: str, mb: float, n: int, cpu: float, wall: float) -> None:
    print(f"{label:24s} {mb / cpu:7.2f} MB/s cpu  {n / cpu:8.0f} articles/s cpu  |"
          f"  {mb / wall:7.2f} MB/s wall  {n / wall:8.0f} articles/s wall")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--with-quantities", action="store_true",
                        help="also time extract_quantities + extract_dates together")
    args = parser.parse_args(argv)
    if not Path(args.corpus).is_dir():
        print(f"corpus folder not found: {args.corpus}", file=sys.stderr)
        return 2
    articles = analysis.load_corpus(args.corpus)
    mb = articles["body"].str.encode("utf-8").str.len().sum() / 1e6
    n = len(articles)
    print(f"corpus: {args.corpus}  {n} articles, {mb:.2f} MB of body text, best of {args.repeat}")
    cpu, wall, dates = _time(extract_dates, articles, args.repeat)
    _report("extract_dates", mb, n, cpu, wall)
    print(f"  {len(dates)} date mentions; precision: "
          + ", ".join(f"{k} {v}" for k, v in dates["precision"].value_counts().items())
          + f"; relative {int(dates['relative'].sum())}")
    if args.with_quantities:
        from analysis.quantities import extract_quantities

        def both(frame):
            return extract_quantities(frame), extract_dates(frame)

        cpu, wall, _ = _time(both, articles, args.repeat)
        _report("quantities + dates", mb, n, cpu, wall)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
