"""Measure a figure against its floor in the same run, and print the ratio.

Both are timed the same way (best of ``repeat`` runs, after one warm-up), one after the other
on the same machine, so the ratio holds across machines even when seconds do not.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Measurement:
    name: str
    figure: float
    floor: float
    target: float

    @property
    def ratio(self) -> float:
        return self.figure / self.floor if self.floor else float("inf")

    def line(self) -> str:
        verdict = "within target" if self.ratio <= self.target else "OVER target"
        return (f"{self.name}: {self.figure * 1000:.1f} ms vs floor {self.floor * 1000:.1f} ms "
                f"-> ratio {self.ratio:.2f} (target <= {self.target:g}; {verdict})")


def best_time(func: Callable[[], object], repeat: int, setup: Callable[[], object] | None = None,
              ) -> float:
    """The shortest of ``repeat`` timed runs of ``func`` (``setup`` runs untimed before each)."""
    best = float("inf")
    for _ in range(repeat):
        if setup is not None:
            setup()
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return best


def measure(name: str, func: Callable[[], object], floor: Callable[[], object], *,
            target: float, repeat: int = 5, setup: Callable[[], object] | None = None,
            floor_setup: Callable[[], object] | None = None) -> Measurement:
    """Time ``func`` and ``floor`` alternately and print the ratio of their best times."""
    if setup:
        setup()
    func()  # warm-up: imports, caches
    if floor_setup:
        floor_setup()
    floor()
    figure = best_time(func, repeat, setup)
    result = Measurement(name, figure, best_time(floor, repeat, floor_setup), target)
    print(result.line(), flush=True)
    return result
