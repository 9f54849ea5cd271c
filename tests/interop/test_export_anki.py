"""Anki cards as Anki's text import reads them: three tab-separated fields a line, HTML escaped."""

from __future__ import annotations

from pathlib import Path

from tests.interop.nasty_tree import NASTY
from trainer.core.library import read_tree
from trainer.interop.export import export_text

ROOT = Path(__file__).resolve().parents[2]


def cards(text: str) -> list[list[str]]:
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


def test_one_card_per_outcome_and_per_scenario_with_the_explanation_behind() -> None:
    tree = read_tree(ROOT / "trees" / "edge-resilience.yaml").tree
    text = export_text(tree, "anki")
    assert text.startswith("#separator:tab\n#html:true\n")
    rows = cards(text)
    assert len(rows) == len(tree.outcomes) + len(tree.scenarios)
    assert all(len(row) == 3 and row[2] == tree.id for row in rows)
    outcome = tree.outcomes[0]
    card = next(row for row in rows if row[0].startswith("Which outcome") and f"<b>{outcome.text}</b>" in row[1])
    assert "<li>" in card[0] and outcome.explanation.split()[0] in card[1]


def test_author_text_cannot_break_a_card_or_become_markup(tmp_path: Path) -> None:
    path = tmp_path / "nasty.yaml"
    path.write_text(NASTY, encoding="utf-8")
    text = export_text(read_tree(path).tree, "anki")
    rows = cards(text)
    assert rows and all(len(row) == 3 for row in rows)  # no tab or line break split a field
    assert "<script>" not in text and "&lt;script&gt;" in text
