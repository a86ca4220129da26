"""Cost on adversarial text: does every extractor stay linear on every pattern?

Each extractor runs on each pattern of ``tests/adversarial.py`` at two sizes,
``--small`` and ten times that (default 100 kB and 1 MB), best of
``--repeat`` runs of CPU time.  Linear code takes about 10x as long on the
larger input, quadratic code about 100x; the target is at most 12x for every
(extractor, pattern) pair.  Also times loading a big article file and
splitting it into sentences.

This replaces the timed tests the suite used to run: ratios measured on a
shared CI machine flaked, and they were a third of the suite's time.

Usage::

    .venv/bin/python benchmarks/bench_adversarial.py            # 100 kB -> 1 MB (a few minutes)
    .venv/bin/python benchmarks/bench_adversarial.py --quick    # 10 kB -> 100 kB (well under a minute)
    .venv/bin/python benchmarks/bench_adversarial.py --only extract_quantities

Exit status 1 when a pair misses the target.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import warnings
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from scaling import best_time  # noqa: E402
from tests.adversarial import ADVERSARIAL, adversarial_frame, extractors  # noqa: E402

TARGET = 12.0
FLOOR = 0.002  # seconds: a tiny small-input time must not inflate the ratio


def _quiet(func):
    def call(arg):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return func(arg)
    return call


def _load_and_split(folder: Path):
    import analysis

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return analysis.sentences(analysis.load_corpus(folder))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=100_000, help="characters of the smaller input")
    parser.add_argument("--factor", type=int, default=10, help="size ratio of the two inputs")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--quick", action="store_true", help="10 kB -> 100 kB")
    parser.add_argument("--only", nargs="*", default=None, help="extractor names to run")
    args = parser.parse_args(argv)
    small = 10_000 if args.quick else args.small
    large = small * args.factor
    limit = TARGET * args.factor / 10

    names = extractors()
    if args.only:
        names = {k: v for k, v in names.items() if k in args.only}
    print(f"adversarial inputs: {small:,} -> {large:,} characters (target: at most {limit:.0f}x the time)")
    print(f"{'extractor':22} {'pattern':22} {'small s':>9} {'large s':>9} {'ratio':>7}")
    misses = []
    for name, func in names.items():
        run = _quiet(func)
        for kind in ADVERSARIAL:
            a, b = adversarial_frame(kind, small), adversarial_frame(kind, large)
            run(a)  # warm lazy imports and caches outside the timing
            t_small = best_time(run, a, args.repeat)
            t_large = best_time(run, b, max(1, args.repeat - 1))
            ratio = t_large / max(t_small, FLOOR)
            flag = "" if ratio <= limit else "  MISSED"
            if flag:
                misses.append((name, kind, ratio))
            print(f"{name:22} {kind:22} {t_small:9.4f} {t_large:9.4f} {ratio:6.1f}x{flag}", flush=True)

    # a big article file: load + sentence split
    with tempfile.TemporaryDirectory() as tmp:
        folders = []
        for n in (small * 5, large * 5):
            folder = Path(tmp) / f"n{n}"
            folder.mkdir()
            (folder / "big.txt").write_text("A headline\n\n" + "The minister said it was over. " * (n // 31),
                                            encoding="utf-8")
            folders.append(folder)
        _load_and_split(folders[0])
        t_small = best_time(_load_and_split, folders[0], args.repeat)
        t_large = best_time(_load_and_split, folders[1], max(1, args.repeat - 1))
        ratio = t_large / max(t_small, FLOOR)
        flag = "" if ratio <= limit else "  MISSED"
        if flag:
            misses.append(("load_corpus+sentences", "big file", ratio))
        print(f"{'load_corpus+sentences':22} {'big file':22} {t_small:9.4f} {t_large:9.4f} {ratio:6.1f}x{flag}")

    if misses:
        print(f"\n{len(misses)} pair(s) above {limit:.0f}x: " +
              "; ".join(f"{n} on {k} ({r:.1f}x)" for n, k, r in misses))
        return 1
    print(f"\nevery pair within {limit:.0f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
