"""Characters that act on a terminal or break an exported file are refused where they are
written (issue 15): YAML escapes such as "\\e[2J", "\\x07", "\\u0007" or "\\uFFFF" passed
validation, then `trainer quiz` printed them raw (retitling the terminal, writing the clipboard
through OSC 52, resetting it) and SVG export wrote XML that parsers reject. Bidi controls are
text in right-to-left languages, so they load, but every message quoting them shows them escaped."""

from __future__ import annotations

import pytest

from trainer.core.loader import load_tree_text
from trainer.core.problems import Pos, Severity
from trainer.core.safetext import escaped, forbidden

TREE = """\
format: 1
id: t
title: {title}
start: q
nodes:
  q:
    question: Which?
    answers:
      - label: {label}
        next: a
      - label: "Other"
        next: b
  a:
    outcome: A
    explanation: Because.
  b:
    outcome: B
    explanation: Because not.
scenarios:
  - prompt: One case.
    expect: a
  - prompt: Another case.
    expect: b
"""

REFUSED = [
    ("\\e[2J", "U+001B"),  # ESC: clear the screen
    ("\\e]0;pwned\\a", "U+001B"),  # retitle the terminal
    ("\\e]52;c;cm0gLXJmIH4=\\a", "U+001B"),  # OSC 52: write the clipboard
    ("\\ec", "U+001B"),  # reset
    ("\\x07", "U+0007"),
    ("\\u0007", "U+0007"),
    ("\\0", "U+0000"),
    ("\\x00", "U+0000"),
    ("\\r", "U+000D"),
    ("\\b", "U+0008"),
    ("\\x7f", "U+007F"),
    ("\\N", "U+0085"),
    ("\\x80", "U+0080"),
    ("\\x9b2J", "U+009B"),  # C1 CSI
    ("\\u009d0;x\\u009c", "U+009D"),  # C1 OSC ... ST
    ("\\x9f", "U+009F"),
    ("\\uFFFF", "U+FFFF"),
    ("\\uFFFE", "U+FFFE"),
    ("\\uFDD0", "U+FDD0"),
    ("\\U0001FFFE", "U+1FFFE"),
    ("\\U0010FFFF", "U+10FFFF"),
]


@pytest.mark.parametrize(("escape", "name"), REFUSED, ids=[e for e, _ in REFUSED])
def test_a_harmful_character_written_as_an_escape_is_refused_where_it_is(escape: str, name: str) -> None:
    result = load_tree_text(TREE.format(title=f'"Safe {escape} title"', label='"Yes"'))
    found = [p for p in result.problems if name in p.message]
    assert len(found) == 1, [str(p) for p in result.problems]
    (problem,) = found
    assert problem.severity is Severity.ERROR
    assert problem.pos == Pos(3, 8)  # the title's scalar
    assert "remove it" in problem.message
    assert forbidden(problem.message) is None and "\x1b" not in str(problem)


def test_the_character_is_named_and_placed_in_an_answer_label() -> None:
    result = load_tree_text(TREE.format(title="T", label='"Yes \\e[31mred"'))
    (problem,) = result.problems
    assert problem.pos == Pos(9, 16)
    assert "U+001B, a control character" in problem.message and "character 5 of the text" in problem.message


def test_noncharacters_and_c1_controls_are_told_apart() -> None:
    (nonchar,) = load_tree_text(TREE.format(title='"\\uFFFF"', label="Yes")).problems
    assert "U+FFFF, a Unicode noncharacter" in nonchar.message
    (c1,) = load_tree_text(TREE.format(title='"\\x9b"', label="Yes")).problems
    assert "U+009B, a control character" in c1.message


@pytest.mark.parametrize("text", ['"tab\\there"', '"two\\nlines"', '"nbsp\\_here"', '"sep\\Lline"', "|\n  a\n  block"])
def test_tab_newline_and_other_printable_escapes_still_load(text: str) -> None:
    result = load_tree_text(TREE.format(title=text, label="Yes"))
    assert result.problems == [] and result.tree is not None


@pytest.mark.parametrize("bidi", ["\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u200e", "\u200f", "\u202a"])
def test_bidi_controls_load_but_messages_show_them_escaped(bidi: str) -> None:
    label = f'"Ye{bidi}s"'
    text = TREE.format(title=f'"Arabic {bidi}text"', label=label).replace('label: "Other"', f"label: {label}")
    result = load_tree_text(text)
    (duplicate,) = result.problems
    assert "duplicate answer label" in duplicate.message
    shown = f"\\u{ord(bidi):04x}"
    assert f"'Ye{shown}s'" in duplicate.message and bidi not in str(duplicate)
    assert result.tree is not None and bidi in result.tree.title  # the text itself is kept as written


def test_escaped_shows_every_invisible_or_controlling_character() -> None:
    assert escaped("a\x1b[2Jb\x07\u202ec\u200b\ufeff\u2028") == "a\\x1b[2Jb\\x07\\u202ec\\u200b\\ufeff\\u2028"
    assert escaped("two\nlines\tand\rback", keep_lines=True) == "two\nlines\tand\\rback"
    assert escaped("two\nlines") == "two\\nlines"
    assert escaped("\U000e0041tag \U0010ffff") == "\\U000e0041tag \\U0010ffff"
    plain = "Plain text, ünïcödé, 中文, العربية, emoji 🙂"
    assert escaped(plain) is plain
