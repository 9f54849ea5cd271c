"""Nothing gives the answer away (#12 section 3), driven as a user does: keys typed into the
focused find bar during a quiz stay in the bar (no hint taken, no option struck, no pick, the
score untouched) and find nothing but questions; a quiz starts with nothing selected or lit in
the outline and the graph; the presentation's graph names an outcome only once the slide has
revealed it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QSpinBox, QWidget

from tests.ui.conftest import click_card
from trainer.model import Outcome
from trainer.paths import bundled_trees_dir
from trainer.ui.graph_panel import FIND_MASKED_PLACEHOLDER, FIND_PLACEHOLDER
from trainer.ui.quiz_setup import SCOPE_TREE, QuizSettings, QuizSetup

SHIFT_CTRL = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
DATABASE = bundled_trees_dir() / "database-reads.yaml"  # four outcomes: a hint strikes one option out


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


@pytest.fixture
def database_library(tmp_path: Path) -> Path:
    folder = tmp_path / "db-library"
    folder.mkdir()
    shutil.copy(DATABASE, folder / DATABASE.name)
    return folder


def start_quiz(qtbot, window, monkeypatch, **settings):  # type: ignore[no-untyped-def]
    """Quiz > Start Quiz… by its keys, the dialog answered with `settings`."""
    chosen = QuizSettings(**{"scope": SCOPE_TREE, "seed": 3, "count": 4, **settings})
    monkeypatch.setattr(QuizSetup, "ask", staticmethod(lambda *_args: chosen))
    qtbot.keyClick(focused(), Qt.Key.Key_Q, SHIFT_CTRL)
    qtbot.waitUntil(lambda: window.quiz.mode == "question")
    return window.quiz


def quiz_state(pane) -> tuple:  # type: ignore[no-untyped-def]
    """Everything a stray quiz key would change: the item, its hint and struck-out options, the
    option picked, the answers given, the page shown."""
    view = pane.session.view()
    buttons = pane.question_page.option_buttons
    return (pane.mode, pane.session.index, view.hint, view.ruled_out, pane._picked, len(pane.session.feedbacks),
            tuple(b.isEnabled() for b in buttons), pane.question_page.picked.isVisible(),
            pane.question_page.hint_button.isEnabled(), pane.running_score.text())


def test_typing_in_the_find_bar_during_a_quiz_never_reaches_the_quiz(qtbot, make_window, monkeypatch,
                                                                       database_library: Path) -> None:
    window = make_window([database_library])
    click_card(qtbot, window, 0)
    pane = start_quiz(qtbot, window, monkeypatch, kind="choice")
    assert len(pane.question_page.option_buttons) == 4 and pane.session.current.hint_ruled_out, \
        "the item must have a hint that strikes options out, or the test proves nothing"
    qtbot.keyClick(focused(), Qt.Key.Key_2)  # an option picked, not yet confirmed: Enter would answer with it
    assert pane._picked == 1
    before = quiz_state(pane)

    qtbot.keyClick(focused(), Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # Ctrl+F, as a user opens it
    edit = window.graph.find_bar.edit
    assert window.graph.find_bar.isVisible() and edit.isEnabled() and focused() is edit
    assert edit.placeholderText() == FIND_MASKED_PLACEHOLDER
    qtbot.keyClicks(focused(), "ElastiCache")  # the "h" used to take the hint and strike an option out
    assert edit.text() == "ElastiCache"
    assert quiz_state(pane) == before
    # it is an outcome's name: a search during the quiz must not tell which box it is
    assert window.graph.find_bar.count.text() == "0 found" and not window.graph.scene.matches

    # every other quiz key typed into the bar: digits, the confidence letters, Space, Enter, Right
    edit.clear()
    qtbot.keyClicks(focused(), "1 2 3 4 9 h H l m s")
    for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Right, Qt.Key.Key_Space):
        qtbot.keyClick(focused(), key)
    assert focused() is edit and edit.text() == "1 2 3 4 9 h H l m s "
    assert quiz_state(pane) == before

    # a question's text is found (and lit); an outcome's id or text is not
    edit.clear()
    qtbot.keyClicks(focused(), "where are the users")
    question = next(n for n, node in pane.session.quiz.trees["database-reads"].nodes.items()
                    if node.text.startswith("Where are the users"))
    assert window.graph.scene.matches == {question} and window.graph.find_bar.count.text() == "1 of 1"
    tree = window.graph.tree
    for outcome in (n for n in tree.nodes.values() if isinstance(n, Outcome)):
        for query in (outcome.id, outcome.text.split()[-1]):
            edit.clear()
            qtbot.keyClicks(focused(), query)
            assert not window.graph.scene.matches & {o for o in tree.nodes if isinstance(tree.nodes[o], Outcome)}, query
    assert quiz_state(pane) == before

    # Esc closes the bar (not the quiz) and gives the keyboard back to the option picked
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    assert not window.graph.find_bar.isVisible() and pane.mode == "question"
    assert focused() is pane.question_page.option_buttons[1]
    assert quiz_state(pane) == before
    # and the quiz's keys work again at once
    qtbot.keyClick(focused(), Qt.Key.Key_H)
    assert pane.session.view().ruled_out and pane.session.view().hint


def test_the_quiz_keys_give_way_to_any_text_field(qtbot, make_window, monkeypatch) -> None:
    """Not the find bar only: a spin box in the window takes its digits and Enter too."""
    window = make_window()
    click_card(qtbot, window, 0)
    pane = start_quiz(qtbot, window, monkeypatch, kind="choice", count=2)
    spin = QSpinBox()
    spin.setRange(0, 99999)
    spin.setAccessibleName("A number")
    window.graph.layout().addWidget(spin)
    spin.show()
    pane.pick(0)  # an option picked: Enter would answer with it
    spin.setFocus()
    spin.selectAll()
    before = quiz_state(pane)
    qtbot.keyClicks(focused(), "12")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    qtbot.keyClick(focused(), Qt.Key.Key_H)
    assert spin.value() == 12 and quiz_state(pane) == before
    # off the field, Enter answers as ever
    pane.focus_page()
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert pane.mode == "feedback"


def test_the_find_bar_searches_everything_again_after_the_quiz(qtbot, make_window, monkeypatch) -> None:
    window = make_window()
    click_card(qtbot, window, 0)
    pane = start_quiz(qtbot, window, monkeypatch, count=1)
    pane.end_quiz()
    qtbot.mouseClick(pane.end_page.back_button, Qt.MouseButton.LeftButton)
    assert not window.quizzing
    qtbot.keyClick(focused(), Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    edit = window.graph.find_bar.edit
    assert focused() is edit and edit.placeholderText() == FIND_PLACEHOLDER
    qtbot.keyClicks(edit, "global")
    assert window.graph.scene.matches == {"accelerator"}


def outline_rows(outline) -> list:  # type: ignore[no-untyped-def]
    rows, out = [outline.topLevelItem(i) for i in range(outline.topLevelItemCount())], []
    while rows:
        row = rows.pop()
        out.append(row)
        rows += [row.child(i) for i in range(row.childCount())]
    return out


def test_a_quiz_starts_with_nothing_selected_or_lit_and_the_walk_comes_back_after(qtbot, make_window,
                                                                                   monkeypatch) -> None:
    window = make_window()
    click_card(qtbot, window, 0)
    qtbot.keyClick(focused(), Qt.Key.Key_2)  # "No" at the first question: the outcome Global Accelerator
    assert window.study.walk.current_id == "accelerator"
    view, scene, outline = window.graph.view, window.graph.scene, window.outline
    qtbot.waitUntil(lambda: "accelerator" in scene.nodes and scene.nodes["accelerator"].isVisible())
    # the learner clicks the outcome on the graph: selected there and current in the outline
    node = scene.nodes["accelerator"]
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.mapFromScene(node.sceneBoundingRect().center()))
    assert scene.selected_node() == "accelerator"
    assert outline.currentItem() is not None and "Global Accelerator" in outline.currentItem().text(0)
    assert node.current and any("you are here" in row.text(0) for row in outline_rows(outline))

    pane = start_quiz(qtbot, window, monkeypatch, kind="choice", count=2)
    # nothing points at the node that was studied: no selection, no current row, no marks, no lit path
    assert scene.selectedItems() == [] and scene.selected_node() is None
    assert outline.selectedItems() == [] and outline.currentItem() is None
    assert not view.accessibleDescription(), "the selected node was still described"
    assert not any(item.current or item.on_path or item.receded for item in scene.nodes.values())
    assert not any(item.on_path or item.receded for item in scene.edges.values())
    assert scene.highlight.current is None and not scene.highlight.nodes and not scene.highlight.edges
    texts = [row.text(0) + str(row.data(0, Qt.ItemDataRole.AccessibleTextRole)) for row in outline_rows(outline)]
    assert texts and not any("you are here" in t or "visited" in t for t in texts), texts
    assert all("Global Accelerator" not in t for t in texts)

    # pages come and go (the focus passes through the outline): still nothing is picked for the learner
    qtbot.keyClick(focused(), Qt.Key.Key_1)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert pane.mode == "feedback"
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    assert pane.mode == "end" and scene.selected_node() is None and outline.selectedItems() == []

    # the quiz ends: the walk is back where it was, marked and lit again
    qtbot.mouseClick(pane.end_page.back_button, Qt.MouseButton.LeftButton)
    assert not window.quizzing and window.study.walk.current_id == "accelerator"
    assert scene.highlight.current == "accelerator" and scene.nodes["accelerator"].current
    assert outline.currentItem() is not None and "Global Accelerator" in outline.currentItem().text(0)
    assert "you are here" in outline.currentItem().text(0)
