"""What every benchmark shares: a result as a ratio against a bare baseline, and JSON output."""

from __future__ import annotations

import json
import os
import platform
import statistics
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

RESULTS_DIR = Path(__file__).resolve().parent / "results"


@dataclass(frozen=True)
class Result:
    name: str
    value: float
    unit: str
    baseline: float | None = None  # the bare operation, measured in the same run
    target: str = ""

    @property
    def ratio(self) -> float | None:
        if not self.baseline:
            return None
        return round(self.value / self.baseline, 3)

    def as_json(self) -> dict:
        return {**asdict(self), "ratio": self.ratio}


def percentile(samples: list[float], q: float) -> float:
    return statistics.quantiles(samples, n=100, method="inclusive")[int(q) - 1]


def timed_ms(operation: Callable[[], object], repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        operation()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def timed_seconds(operation: Callable[[], object]) -> float:
    """The seconds one run of `operation` takes."""
    start = time.perf_counter()
    operation()
    return time.perf_counter() - start


def write_results(suite: str, results: Iterable[Result], context: dict) -> Path:
    RESULTS_DIR.mkdir(exist_ok=True)
    path = RESULTS_DIR / f"{suite}.json"
    payload = {
        "suite": suite,
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine": {"python": platform.python_version(), "cpus": _cpus()},
        "context": context,
        "results": [r.as_json() for r in results],
    }
    path.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return path


def _cpus() -> int:
    return os.cpu_count() or 0


def summary_lines(results: Iterable[Result]) -> list[str]:
    lines = []
    for r in results:
        against = f" (bare {r.baseline:.4g} {r.unit}, ratio {r.ratio})" if r.baseline else ""
        target = f" target {r.target}" if r.target else ""
        lines.append(f"{r.name}: {r.value:.4g} {r.unit}{against}{target}")
    return lines
