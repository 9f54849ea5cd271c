"""Shared test set-up: Qt runs offscreen and every user folder points into a temporary dir."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from tests.tree_texts import check, clean_tree, find, write_tree  # noqa: F401 - fixtures for every test


@pytest.fixture(autouse=True)
def _user_data_in_tmp(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the real user's trees or settings."""
    monkeypatch.setenv("TRAINER_DATA_DIR", str(tmp_path_factory.mktemp("user-data")))


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:  # type: ignore[no-untyped-def]
    """One line with the fuzz figures the closing report quotes: examples run, problems escaped."""
    from tests.fuzz_tally import FUZZ_MODULES, RUNS

    if not RUNS:
        return
    failed = [r for r in terminalreporter.stats.get("failed", []) if any(m in r.nodeid for m in FUZZ_MODULES)]
    by_suite = ", ".join(f"{suite} {count}" for suite, count in sorted(RUNS.items()))
    terminalreporter.write_line(f"fuzz: {sum(RUNS.values())} examples ran ({by_suite}); escaped: {len(failed)}")
