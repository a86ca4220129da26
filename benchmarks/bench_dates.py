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
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from analysis.dates import extract_dates  # noqa: E402

from timing import DEFAULT_CORPUS, best_time, load_bench_corpus, report  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--with-quantities", action="store_true",
                        help="also time extract_quantities + extract_dates together")
    args = parser.parse_args(argv)
    loaded = load_bench_corpus(args.corpus)
    if loaded is None:
        return 2
    articles, mb, n = loaded
    print(f"corpus: {args.corpus}  {n} articles, {mb:.2f} MB of body text, best of {args.repeat}")
    cpu, wall, dates = best_time(lambda: extract_dates(articles), args.repeat)
    report("extract_dates", mb, n, cpu, wall)
    print(f"  {len(dates)} date mentions; precision: "
          + ", ".join(f"{k} {v}" for k, v in dates["precision"].value_counts().items())
          + f"; relative {int(dates['relative'].sum())}")
    if args.with_quantities:
        from analysis.quantities import extract_quantities

        def both(frame):
            return extract_quantities(frame), extract_dates(frame)

        cpu, wall, _ = best_time(lambda: both(articles), args.repeat)
        report("quantities + dates", mb, n, cpu, wall)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
