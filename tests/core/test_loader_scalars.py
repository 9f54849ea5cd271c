"""Scalars are read as the author wrote them (no YAML 1.1 booleans, numbers or dates)."""

from __future__ import annotations

import pytest

from trainer.core.library import read_tree
from trainer.core.problems import Pos, Severity

QUESTION = """
format: {format}
id: t
title: T
start: q
nodes:
  q:
    question: Q?
    answers:
      - label: {label}
        next: o
  o:
    outcome: O
    explanation: Why.
scenarios:
  - prompt: P
    expect: o
"""


def load(write_tree, label: str = '"Yes"', fmt: str = "1"):
    return read_tree(write_tree(QUESTION.format(label=label, format=fmt)))


@pytest.mark.parametrize(
    ("written", "text"),
    [
        ("Yes", "Yes"),
        ("no", "no"),
        ("NO", "NO"),
        ("on", "on"),
        ("true", "true"),
        ("10", "10"),
        ("1.0", "1.0"),
        ("0x1F", "0x1F"),
        ("1_000", "1_000"),
        ("2026-11-26", "2026-11-26"),
        ('"Yes"', "Yes"),
        ("'no'", "no"),
    ],
)
def test_label_is_the_text_as_written(write_tree, written, text):
    entry = load(write_tree, label=written)
    assert entry.problems == []
    assert entry.tree.nodes["q"].answers[0].label == text


@pytest.mark.parametrize("written", ["null", "~", "Null", "NULL", ""])
def test_null_label_is_reported_as_empty(write_tree, find, written):
    entry = load(write_tree, label=written)
    p = find(entry.problems, "'label' in an answer of node 'q' is empty")
    assert (p.severity, p.pos) == (Severity.ERROR, Pos(9, 9))


def test_quoted_null_is_the_text_null(write_tree):
    entry = load(write_tree, label='"null"')
    assert entry.problems == []
    assert entry.tree.nodes["q"].answers[0].label == "null"


def test_format_one_is_accepted(write_tree):
    assert load(write_tree, fmt="1").problems == []


def test_block_scalars_keep_their_text(clean_tree, write_tree):
    text = clean_tree.replace(
        "    explanation: Because it is clean.\n",
        "    explanation: |\n      Line one.\n      Line two: yes.\n",
    )
    entry = read_tree(write_tree(text))
    assert entry.problems == []
    assert entry.tree.nodes["good"].explanation == "Line one.\nLine two: yes.\n"


def test_anchor_and_alias_repeat_text(write_tree):
    entry = read_tree(
        write_tree(
            """
            format: 1
            id: t
            title: &same Absorbing spikes
            summary: *same
            start: o
            nodes:
              o:
                outcome: *same
                explanation: Why.
            scenarios:
              - prompt: P
                expect: o
            """
        )
    )
    assert entry.problems == []
    assert entry.tree.title == entry.tree.summary == entry.tree.nodes["o"].text == "Absorbing spikes"


def test_anchor_and_alias_repeat_a_mapping(write_tree):
    entry = read_tree(
        write_tree(
            """
            format: 1
            id: t
            title: T
            start: q
            nodes:
              q:
                question: Q?
                answers:
                  - label: A
                    next: o
                  - label: B
                    next: o
              o:
                outcome: O
                explanation: Why.
                links:
                  - &docs {title: Docs, url: "https://example.com/"}
                  - *docs
            scenarios:
              - prompt: P
                expect: o
            """
        )
    )
    assert entry.problems == []
    links = entry.tree.nodes["o"].links
    assert [link.url for link in links] == ["https://example.com/"] * 2
