"""Author text on the terminal and in an SVG export (issue 15): run as the user runs them, in a
child process, on a tree whose texts hold terminal escapes or bidi controls."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

# any C0 control but tab and newline, DEL, C1, or a bidi/format character on the terminal
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufffe\uffff]")

TREE = """\
format: 1
id: hostile
title: {title}
start: q
nodes:
  q:
    question: {question}
    answers:
      - label: {label}
        next: a
      - label: Other
        next: b
  a:
    outcome: {outcome}
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

ESCAPES = TREE.format(
    title='"Title \\e]0;pwned\\a \\e]52;c;cm0gLXJmIH4=\\a \\ec"',
    question='"Which \\e[2J?"',
    label='"Yes \\x9b31m"',
    outcome='"A \\uFFFF \\u0007"',
)
BIDI = TREE.format(
    title='"Title \\u202eevil\\u202c \\u2066isolated\\u2069 \\u200f"',
    question='"Which \\u202e?"',
    label='"Yes \\u2067\\u200b"',
    outcome='"A \\ufeff\\u200e"',
)


def run(args: list[str], data_dir: Path, answers: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TRAINER_DATA_DIR": str(data_dir), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "trainer", *args],
        input=answers,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
    )


def test_quiz_and_stats_refuse_a_tree_with_terminal_escapes_and_print_none(tmp_path: Path) -> None:
    path = tmp_path / "escapes.yaml"
    path.write_text(ESCAPES, encoding="utf-8")
    for args in (["quiz", str(path), "--count", "1", "--no-record"], ["stats", str(path)]):
        result = run(args, tmp_path / "data", "1\n1\n")
        assert RAW.search(result.stdout) is None and RAW.search(result.stderr) is None, args
        assert f"skipping {path}: {path}:3:8: error: this text holds U+001B" in result.stderr, result.stderr


def test_quiz_and_stats_show_bidi_controls_escaped(tmp_path: Path) -> None:
    path = tmp_path / "bidi.yaml"
    path.write_text(BIDI, encoding="utf-8")
    quiz = run(["quiz", str(path), "--count", "2", "--kind", "walk", "--seed", "1"], tmp_path / "data", "1\n1\n")
    assert quiz.returncode == 0, quiz.stderr
    assert RAW.search(quiz.stdout) is None and RAW.search(quiz.stderr) is None
    assert "Which \\u202e?" in quiz.stdout and "Yes \\u2067\\u200b" in quiz.stdout
    stats = run(["stats", str(path)], tmp_path / "data")
    assert stats.returncode == 0, stats.stderr
    assert RAW.search(stats.stdout) is None
    assert "Title \\u202eevil\\u202c \\u2066isolated\\u2069" in stats.stdout


def test_validate_names_the_character_and_quotes_nothing_raw(tmp_path: Path) -> None:
    path = tmp_path / "escapes.yaml"
    path.write_text(ESCAPES, encoding="utf-8")
    result = run(["validate", str(path)], tmp_path / "data")
    assert result.returncode == 1
    assert RAW.search(result.stdout) is None
    located = [line for line in result.stdout.splitlines() if "this text holds" in line]
    assert [line.split(": error:")[0] for line in located] == [f"{path}:{n}" for n in ("3:8", "7:15", "9:16", "14:14")]
    assert "U+009B" in located[2] and "U+FFFF" in located[3]


def test_svg_export_of_a_tree_with_bidi_text_is_well_formed_xml(tmp_path: Path) -> None:
    path = tmp_path / "bidi.yaml"
    path.write_text(BIDI, encoding="utf-8")
    out = tmp_path / "bidi.svg"
    result = run(["export", str(path), "-o", str(out)], tmp_path / "data")
    assert result.returncode == 0, result.stderr
    root = ET.parse(out).getroot()
    assert root.tag.endswith("svg")
    drawn = "".join(root.itertext())  # the texts as written (Qt splits a line into runs)
    assert "Title \u202eevil\u202c \u2066isolated\u2069 \u200f" in drawn and "A \ufeff\u200e" in drawn


def test_svg_export_of_a_tree_with_escapes_is_refused_with_the_place(tmp_path: Path) -> None:
    path = tmp_path / "escapes.yaml"
    path.write_text(ESCAPES, encoding="utf-8")
    out = tmp_path / "escapes.svg"
    result = run(["export", str(path), "-o", str(out)], tmp_path / "data")
    assert result.returncode == 1 and not out.exists()
    assert f"{path}:14:14: error: this text holds U+FFFF, a Unicode noncharacter" in result.stderr
    assert RAW.search(result.stderr) is None
