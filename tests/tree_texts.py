"""Helpers for the tests of trees: write a tree file, load and validate it, find one problem.

Tree texts in the tests are written inline so that the expected line and column can be read off
the test itself: the text is dedented and one leading newline is dropped, so line 1 is the first
line written after the opening quotes.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from trainer.core.library import read_tree
from trainer.core.problems import Problem

CLEAN_TREE = """\
format: 1
id: clean
title: A clean tree
start: q
nodes:
  q:
    question: Is it clean?
    answers:
      - label: "Yes"
        next: good
        note: Well spotted.
      - label: "No"
        next: bad
  good:
    outcome: Good
    explanation: Because it is clean.
  bad:
    outcome: Bad
    explanation: Because it is not.
scenarios:
  - prompt: Something clean.
    expect: good
  - prompt: Something dirty.
    expect: bad
"""


def dedent(text: str) -> str:
    text = textwrap.dedent(text)
    return text[1:] if text.startswith("\n") else text


@pytest.fixture
def clean_tree() -> str:
    """A small tree that validates with no problem at all."""
    return CLEAN_TREE


@pytest.fixture
def write_tree(tmp_path: Path) -> Callable[..., Path]:
    """write_tree(text_or_bytes, name="tree.yaml") -> the path written (text is dedented)."""

    def write(content: str | bytes, name: str = "tree.yaml") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_bytes(dedent(content).encode("utf-8"))
        return path

    return write


@pytest.fixture
def check(write_tree: Callable[..., Path]) -> Callable[..., list[Problem]]:
    """check(text_or_bytes, name="tree.yaml") -> every problem of the file, loaded and validated."""

    def run(content: str | bytes, name: str = "tree.yaml") -> list[Problem]:
        return read_tree(write_tree(content, name)).problems

    return run


def _listing(problems: list[Problem]) -> str:
    return "\n".join(str(p) for p in problems) or "(no problems)"


@pytest.fixture
def find() -> Callable[[list[Problem], str], Problem]:
    """find(problems, substring) -> the one problem whose message contains `substring`."""

    def one(problems: list[Problem], substring: str) -> Problem:
        matches = [p for p in problems if substring in p.message]
        assert len(matches) == 1, f"expected exactly one problem containing {substring!r}, got:\n{_listing(problems)}"
        return matches[0]

    return one
