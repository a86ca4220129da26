"""Throughput of analysis.extract_dates on the BBC bench corpus.

Prints MB/s (characters of body text, counted as bytes of UTF-8) and
articles/s, from CPU time of this process (the figure that does not depend
on what else the machine is doing) and from wall-clock time, best of
``--repeat`` runs.  With ``--with-quantities`` it also times
extract_quantities + extract_dates together (the issue's 2 MB/s target).

With ``--quick`` it times adversarial bodies instead (the patterns of
tests/test_pathological.py plus date-shaped runs such as "1-2-3-",
"27.09.", "the 9th ", "two days after ") at 100 KB and 1 MB and prints the
ratio: linear code gives about 10, the limit is 12.

Usage::

    .venv/bin/python benchmarks/bench_dates.py [CORPUS] [--repeat 3] [--with-quantities]
    .venv/bin/python benchmarks/bench_dates.py --quick
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from analysis.extract.dates.extractor import extract_dates  # noqa: E402

from timing import DEFAULT_CORPUS, best_time, load_bench_corpus, report  # noqa: E402

from tests.adversarial import ADVERSARIAL as SHARED  # noqa: E402

# Adversarial bodies: the shared patterns and runs shaped like the date families.
ADVERSARIAL = {
    **{kind: SHARED[kind] for kind in ("digit-run", "digit-comma-run", "spaced-digits", "dotted-digits")},
    "ranges 1-2-3-": lambda n: "1-2-3-" * (n // 6),
    "slashes 1/2/3/": lambda n: "1/2/3/" * (n // 6),
    "dotted dates 27.09.": lambda n: "27.09." * (n // 6),
    "dates May 5, ": lambda n: "May 5, " * (n // 7),
    "listed days": lambda n: "Jan. 2 and 4, " + "5 and " * (n // 6),
    "the 9th": lambda n: "on the 9th " * (n // 11),
    "two days after": lambda n: "two days after " * (n // 15),
    "the year-ago quarter": lambda n: "the year-ago quarter and the third quarter " * (n // 43),
    "week of": lambda n: "the week of the week of " * (n // 24),
    "nineteen": lambda n: "nineteen nineteen " * (n // 18),
    "quotes today": lambda n: '"today" said on Monday ' * (n // 23),
    "straight-quotes": lambda n: '"' * n,
    "newlines": lambda n: "\n" * n,
    "said-said": lambda n: "said " * (n // 5),
}


def quick() -> int:
    """Time every adversarial body at 100 KB and 1 MB; exit 1 if a ratio passes 12."""
    import pandas as pd

    worst = 0.0
    print("adversarial bodies, extract_dates, best of 2 (CPU s): 100 KB, 1 MB, ratio (limit 12)")
    for name, make in ADVERSARIAL.items():
        times = []
        for n in (100_000, 1_000_000):
            frame = pd.DataFrame({"article_id": ["a"], "body": [make(n)],
                                  "published": pd.to_datetime(["2024-05-30"])})
            cpu, _, _ = best_time(lambda: extract_dates(frame), 2)
            times.append(cpu)
        ratio = times[1] / max(times[0], 0.005)
        worst = max(worst, ratio)
        print(f"  {name:22s} {times[0]:7.3f} {times[1]:7.3f} {ratio:6.1f}{'  OVER' if ratio > 12 else ''}")
    print(f"worst ratio {worst:.1f}")
    return 1 if worst > 12 else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="adversarial bodies at 100 KB and 1 MB only")
    parser.add_argument("--with-quantities", action="store_true",
                        help="also time extract_quantities + extract_dates together")
    args = parser.parse_args(argv)
    if args.quick:
        return quick()
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
        from analysis.extract.quantities.extractor import extract_quantities

        def both(frame):
            return extract_quantities(frame), extract_dates(frame)

        cpu, wall, _ = best_time(lambda: both(articles), args.repeat)
        report("quantities + dates", mb, n, cpu, wall)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
