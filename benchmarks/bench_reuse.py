"""Benchmark text reuse and origins on the BBC bench corpus, as is and replicated.

Usage::

    .venv/bin/python benchmarks/bench_reuse.py [--bbc PATH] [--copies 10] [--seed 0]

The replicated corpus makes ``copies`` versions of every BBC article with
unique ids; each copy after the first is *rewritten* the way syndicated copy
is (a new lede sentence, about a fifth of the sentences dropped, one word in
twenty swapped for another), so the index has realistic partial reuse to find
rather than verbatim duplicates.  Prints wall time, articles per second,
candidate pairs, passages and pairs found, and (for the replicated corpus)
how many of the planted copy pairs were recovered.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import analysis  # noqa: E402

DEFAULT_BBC = REPO.parent / "shared" / "bench" / "bbc"
_SENT = re.compile(r"(?<=[.!?])\s+")
_FILLER = "reportedly officially apparently broadly sharply notably largely".split()


def rewrite(body: str, rng: random.Random) -> str:
    """A syndicated-style rewrite: new lede, dropped sentences, swapped words."""
    sentences = [s for s in _SENT.split(body) if s]
    kept = [s for s in sentences if rng.random() > 0.2] or sentences[:1]
    out = []
    for s in kept:
        words = s.split(" ")
        for i in range(len(words)):
            if rng.random() < 0.05:
                words[i] = rng.choice(_FILLER)
        out.append(" ".join(words))
    return "Our correspondent adds this context to the report. " + " ".join(out)


def replicate(articles: pd.DataFrame, copies: int, seed: int) -> pd.DataFrame:
    rng = random.Random(seed)
    frames = [articles]
    for k in range(1, copies):
        frames.append(articles.assign(article_id=articles["article_id"] + f"~{k}",
                                      body=[rewrite(b, rng) for b in articles["body"]]))
    return pd.concat(frames, ignore_index=True)


def run(articles: pd.DataFrame, label: str) -> pd.DataFrame:
    start = time.perf_counter()
    reuse = analysis.find_text_reuse(articles)
    t_reuse = time.perf_counter() - start
    start = time.perf_counter()
    summary = analysis.reuse_summary(articles, reuse)
    t_summary = time.perf_counter() - start
    start = time.perf_counter()
    groups = analysis.origins(articles, reuse)
    t_origins = time.perf_counter() - start
    n = len(articles)
    chars = int(articles["body"].str.len().sum())
    print(f"[{label}] {n:,} articles, {chars / 1e6:.1f} M chars")
    print(f"  find_text_reuse: {t_reuse:7.2f} s  ({n / t_reuse:,.0f} articles/s)  "
          f"{len(reuse):,} passages in {len(summary):,} pairs")
    print(f"  reuse_summary:   {t_summary:7.2f} s")
    print(f"  origins:         {t_origins:7.2f} s  {groups['origin_id'].nunique():,} origins "
          f"(largest {groups['origin_size'].max()})")
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bbc", type=Path, default=DEFAULT_BBC)
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    if not args.bbc.is_dir():
        print(f"BBC bench corpus not found at {args.bbc}", file=sys.stderr)
        return 2
    start = time.perf_counter()
    bbc = analysis.load_corpus(args.bbc)
    print(f"load_corpus: {time.perf_counter() - start:.2f} s")
    bbc = bbc[bbc["body"].str.len() > 0].reset_index(drop=True)
    summary = run(bbc, "BBC")
    dupes = summary[(summary.containment_a > 0.9) & (summary.containment_b > 0.9)]
    print(f"  near-duplicate pairs (containment > 0.9 both ways): {len(dupes)}")

    if args.copies > 1:
        big = replicate(bbc, args.copies, args.seed)
        summary = run(big, f"BBC x{args.copies}, rewritten copies")
        base = lambda s: s.str.split("~").str[0]  # noqa: E731
        same_story = base(summary.article_a) == base(summary.article_b)
        planted = len(bbc) * args.copies * (args.copies - 1) // 2
        print(f"  planted copy pairs recovered: {int(same_story.sum()):,} / {planted:,} "
              f"({same_story.sum() / planted:.1%}); other pairs: {int((~same_story).sum()):,}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
