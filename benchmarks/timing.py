"""Shared by the per-step benchmark scripts: the default corpus and best-of-N timing.

CPU time of this process is the figure that does not depend on what else the
machine is doing; wall-clock time is printed beside it.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any, Callable

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "bench" / "bbc"


def body_mb(bodies) -> float:
    """Megabytes of UTF-8 body text (the unit every MB/s figure uses)."""
    return sum(len(b.encode("utf-8")) for b in bodies) / 1e6


def load_bench_corpus(path: str | Path):
    """``(articles, mb, n)`` for a corpus folder, or ``None`` (with a message) when it is missing."""
    import sys

    import analysis

    if not Path(path).is_dir():
        print(f"corpus folder not found: {path}", file=sys.stderr)
        return None
    articles = analysis.load_corpus(path)
    return articles, body_mb(articles["body"]), len(articles)


def best_time(func: Callable[[], Any], repeat: int) -> tuple[float, float, Any]:
    """Best CPU and wall seconds of ``repeat`` calls of ``func()``, and its last result."""
    best_cpu = best_wall = float("inf")
    result = None
    for _ in range(max(1, repeat)):
        c, w = time.process_time(), time.perf_counter()
        result = func()
        best_cpu = min(best_cpu, time.process_time() - c)
        best_wall = min(best_wall, time.perf_counter() - w)
    return best_cpu, best_wall, result


def report(label: str, mb: float, n: int, cpu: float, wall: float, extra: str = "") -> None:
    """Print one throughput line: MB/s and articles/s by CPU and by wall time."""
    cpu, wall = max(cpu, 1e-9), max(wall, 1e-9)
    print(f"{label:32s} {mb / cpu:7.2f} MB/s cpu {n / cpu:8.0f} art/s cpu  |"
          f"  {mb / wall:7.2f} MB/s wall {n / wall:8.0f} art/s wall  {extra}".rstrip())
