"""The nasty tree as a fixture, loaded and as a file (`tests.interop.nasty_tree`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.interop.nasty_tree import NASTY
from trainer.core.library import read_tree
from trainer.core.model import Tree


@pytest.fixture
def nasty(write_tree) -> Tree:
    entry = read_tree(write_tree(NASTY, "nasty.yaml"))
    assert entry.usable, "\n".join(str(p) for p in entry.problems)
    assert entry.tree is not None
    return entry.tree


@pytest.fixture
def nasty_file(write_tree) -> Path:
    return write_tree(NASTY, "nasty.yaml")
