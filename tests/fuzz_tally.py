"""How many fuzz examples ran in this test session, by suite, for the summary line that the
closing report quotes (#7 section 4). Each fuzz test calls `ran(suite)` once per example; a
problem that escapes fails its test, and the summary counts those failures."""

from __future__ import annotations

from collections import Counter

RUNS: Counter[str] = Counter()
FUZZ_MODULES = ("test_fuzz_loader.py", "test_fuzz_pipeline.py")


def ran(suite: str) -> None:
    RUNS[suite] += 1
