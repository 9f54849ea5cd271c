"""Shared test set-up: Qt runs offscreen and every user folder points into a temporary dir."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _user_data_in_tmp(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the real user's trees or settings."""
    monkeypatch.setenv("TRAINER_DATA_DIR", str(tmp_path_factory.mktemp("user-data")))
