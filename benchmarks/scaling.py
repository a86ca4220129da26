"""Helpers for tests that check cost grows linearly with input size.

Timed tests are fragile on shared machines, so these compare ratios, not
absolute times: the input grows by ``factor`` (4: two doublings) and the
time may grow by at most ``factor * slack`` (10 by default).  Linear code
gives about 4, quadratic code about 16, so the check separates the two
with room for noise on both sides.
"""

from __future__ import annotations

import gc
import time
from typing import Any, Callable


def best_time(func: Callable[[Any], Any], arg: Any, repeat: int = 3) -> float:
    """Best wall time of ``repeat`` calls of ``func(arg)`` (seconds)."""
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        func(arg)
        best = min(best, time.perf_counter() - start)
    return best


def assert_linear(func: Callable[[Any], Any], make_input: Callable[[int], Any], n: int,
                  factor: int = 4, slack: float = 2.5, repeat: int = 3, floor: float = 0.005,
                  label: str = "") -> tuple[float, float]:
    """Fail unless ``func(make_input(factor * n))`` costs about ``factor`` times ``func(make_input(n))``.

    ``floor`` keeps a tiny small-input time from inflating the ratio.
    Returns the two times so callers can report them.
    """
    small, large = make_input(n), make_input(factor * n)
    func(small)  # warm caches and lazy imports outside the timing
    t_small = best_time(func, small, repeat)
    t_large = best_time(func, large, repeat)
    ratio = t_large / max(t_small, floor)
    assert ratio < factor * slack, (
        f"{label or getattr(func, '__name__', 'func')}: {factor}x the input took {ratio:.1f}x the time "
        f"({t_small:.4f}s -> {t_large:.4f}s); cost is not linear"
    )
    return t_small, t_large
