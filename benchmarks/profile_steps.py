"""Profile each pipeline step on the bench corpus with cProfile (docs/profiling.md).

Usage::

    python benchmarks/profile_steps.py                      # every step, top 12 by own time
    python benchmarks/profile_steps.py quantities dates -n 25
    python benchmarks/profile_steps.py --every 4            # every 4th article (faster)

For each step: wall time without the profiler, then the functions with the
most *own* time (``tottime``) under the profiler, as a share of the profiled
total, so the hot spot and its cost are visible at a glance.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
import warnings
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import analysis  # noqa: E402
from analysis.scale.pipeline import STEPS  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("steps", nargs="*", default=None, help="steps to profile (default: all)")
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "bench" / "bbc")
    parser.add_argument("--every", type=int, default=1, help="use every Nth article")
    parser.add_argument("-n", "--top", type=int, default=12)
    args = parser.parse_args(argv)
    warnings.simplefilter("ignore")
    articles = analysis.load_corpus(args.corpus).iloc[::args.every].reset_index(drop=True)
    mb = sum(len(b.encode("utf-8")) for b in articles["body"]) / 1e6
    print(f"{len(articles):,} articles, {mb:.2f} MB")
    for name in args.steps or list(STEPS):
        try:
            func = STEPS[name].load()
        except Exception as exc:  # noqa: BLE001
            print(f"\n== {name}: not available ({exc})")
            continue
        func(articles.iloc[:20])  # warm caches and lazy imports outside the measurement
        start = time.perf_counter()
        func(articles)
        wall = time.perf_counter() - start
        profile = cProfile.Profile()
        profile.enable()
        func(articles)
        profile.disable()
        stats = pstats.Stats(profile)
        total = stats.total_tt
        print(f"\n== {name}: {wall:.2f} s wall ({mb / wall:.2f} MB/s); profiled {total:.2f} s")
        print(f"   {'own %':>6} {'own s':>7} {'cum s':>7} {'calls':>9}  function")
        entries = sorted(stats.stats.items(), key=lambda kv: kv[1][2], reverse=True)[:args.top]
        for (path, line, fn), (cc, nc, tt, ct, _) in entries:
            where = f"{Path(path).name}:{line}" if line else path
            print(f"   {100 * tt / total:6.1f} {tt:7.2f} {ct:7.2f} {nc:9,}  {fn} ({where})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
