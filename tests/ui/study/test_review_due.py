"""Spaced review in the window: due counts on the cards, Quiz > Review Due Items, the "Reviews due"
scope, and the optional confidence recorded with each attempt (exactly once)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt

from tests.ui.study.test_quiz_gui import answer_item, next_item, start_quiz
from trainer.core.library import load_library
from trainer.infra.paths import history_file
from trainer.study.building import build_quiz
from trainer.study.history import open_history
from trainer.ui.shell.library_panel import DUE_ROLE
from trainer.ui.study.progress_dialog import read_stats
from trainer.ui.study.quiz_setup import SCOPE_DUE, QuizSettings, QuizSetup

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _history_path() -> Path:
    return history_file()


def make_due(library_dir: Path, count: int, distinct: bool = True) -> list[tuple[str, str]]:
    """Record a wrong answer a day ago for `count` items of the fixture tree, so they are due now;
    the (tree id, item key) pairs, most overdue first. With `distinct`, no two of one outcome
    (the fixture tree has two outcomes, so two items at most)."""
    trees = [e.tree for e in load_library([library_dir]).entries if e.usable]
    items = build_quiz(trees, 1000, seed=1, distinct=distinct).items[:count]
    assert len(items) == count
    start = datetime.now(UTC) - timedelta(days=1)
    with open_history() as history:
        for n, item in enumerate(items):
            assert history.record(
                item.tree_id, item.key, item.kind, correct=False, score=0, now=start + timedelta(minutes=n)
            )
        assert history.due() == [(i.tree_id, i.key) for i in items]
    return [(i.tree_id, i.key) for i in items]


def attempts() -> list[tuple]:
    db = sqlite3.connect(_history_path())
    try:
        return db.execute("SELECT item_key, correct, confidence FROM attempts ORDER BY id").fetchall()
    finally:
        db.close()


def card_due(window, row: int = 0) -> int:  # type: ignore[no-untyped-def]
    return window.library_panel.item(row).data(DUE_ROLE) or 0


# ---------------------------------------------------------------- due counts and review quizzes


def test_cards_show_how_many_items_are_due(qtbot, make_window, library_dir) -> None:
    make_due(library_dir, 3, distinct=False)
    window = make_window()
    item = window.library_panel.item(0)
    assert card_due(window) == 3
    assert "3 due for review" in item.data(Qt.ItemDataRole.AccessibleTextRole)
    assert card_due(window, 1) == 0  # the broken tree


def test_items_whose_node_was_removed_are_never_counted_due(qtbot, make_window, library_dir) -> None:
    make_due(library_dir, 3, distinct=False)
    with open_history() as history:  # and an item of an outcome the tree no longer has
        history.record(
            "edge", "edge:path:gone-outcome", "path", correct=False, score=0, now=datetime.now(UTC) - timedelta(days=1)
        )
    window = make_window()
    assert card_due(window) == 3  # the history holds 4 due items; one can no longer be asked
    assert read_stats(window.study.entry.tree)[0].due == 3
    assert [r.record.key for r in read_stats(window.study.entry.tree)[2]] == ["edge:path:gone-outcome"]


def test_no_history_and_a_broken_history_show_nothing_due(qtbot, make_window) -> None:
    window = make_window()
    assert card_due(window) == 0
    _history_path().write_bytes(b"garbage, not a database " * 100)
    window.reload_library()
    assert card_due(window) == 0


def test_review_due_items_quizzes_exactly_the_due_items(qtbot, make_window, library_dir) -> None:
    due = make_due(library_dir, 2)
    window = make_window()
    qtbot.keyClick(window, Qt.Key.Key_D, CTRL_SHIFT)  # Quiz > Review Due Items
    pane = window.quiz
    qtbot.waitUntil(lambda: pane.mode == "question")
    assert sorted((i.tree_id, i.key) for i in pane.session.quiz.items) == sorted(due)
    for _ in range(len(due)):
        answer_item(qtbot, window, right=True)
        next_item(qtbot, window)
    assert pane.mode == "end"
    assert card_due(window) == 0  # answered right: no longer due, and the card says so at once
    qtbot.mouseClick(pane.end_page.back_button, Qt.MouseButton.LeftButton)
    window.review_action.trigger()
    assert not pane.active
    assert window.statusBar().currentMessage() == "Nothing is due for review."


def test_a_due_item_of_an_outcome_already_asked_waits_for_the_next_review(qtbot, make_window, library_dir) -> None:
    """No two items of one outcome in a quiz, reviews included: the more overdue is asked now."""
    trees = [e.tree for e in load_library([library_dir]).entries if e.usable]
    every = build_quiz(trees, 1000, seed=1, distinct=False).items
    first = every[0]
    twin = next(i for i in every if i.expect == first.expect and i.key != first.key)
    other = next(i for i in every if i.expect != first.expect)
    start = datetime.now(UTC) - timedelta(days=1)
    with open_history() as history:
        for n, item in enumerate((first, twin, other)):
            history.record(item.tree_id, item.key, item.kind, correct=False, score=0, now=start + timedelta(minutes=n))
    window = make_window()
    assert card_due(window) == 3
    window.review_action.trigger()
    pane = window.quiz
    qtbot.waitUntil(lambda: pane.mode == "question")
    assert sorted(i.key for i in pane.session.quiz.items) == sorted([first.key, other.key])
    for _ in range(2):
        answer_item(qtbot, window, right=True)
        next_item(qtbot, window)
    assert card_due(window) == 1  # the twin waits, and the card says so
    qtbot.mouseClick(pane.end_page.back_button, Qt.MouseButton.LeftButton)
    window.review_action.trigger()
    qtbot.waitUntil(lambda: pane.mode == "question")
    assert [i.key for i in pane.session.quiz.items] == [twin.key]


def test_review_due_with_nothing_due_says_so(qtbot, make_window) -> None:
    window = make_window()
    window.review_action.trigger()
    assert not window.quiz.active
    assert window.statusBar().currentMessage() == "Nothing is due for review."


def test_reviews_due_scope_is_capped_by_the_count_and_takes_the_most_overdue(
    qtbot, make_window, monkeypatch, library_dir
) -> None:
    due = make_due(library_dir, 2)
    asked: list[tuple] = []

    def ask(*args):  # type: ignore[no-untyped-def]
        asked.append(args)
        return QuizSettings(scope=SCOPE_DUE, count=1, seed=5)

    monkeypatch.setattr(QuizSetup, "ask", staticmethod(ask))
    window = make_window()
    window.quiz_action.trigger()
    assert asked[0][3] == 2  # the dialog is told how many are due
    assert [(i.tree_id, i.key) for i in window.quiz.session.quiz.items] == due[:1]


def test_setup_dialog_offers_reviews_due_only_when_some_are(qtbot) -> None:
    none_due = QuizSetup(["networking"], has_tree=True, due=0)
    qtbot.addWidget(none_due)
    last = none_due.scope.count() - 1
    assert none_due.scope.itemData(last) == (SCOPE_DUE, "")
    assert not none_due.scope.model().item(last).isEnabled()
    some_due = QuizSetup(["networking"], has_tree=True, due=4)
    qtbot.addWidget(some_due)
    last = some_due.scope.count() - 1
    assert some_due.scope.model().item(last).isEnabled()
    assert "4 items" in some_due.scope.itemText(last)
    some_due.scope.setCurrentIndex(last)
    assert some_due.settings().scope == SCOPE_DUE


# ---------------------------------------------------------------- confidence and recording once


def test_confidence_is_recorded_when_going_on(qtbot, make_window, monkeypatch) -> None:
    window = make_window()
    pane = start_quiz(qtbot, window, monkeypatch, kind="path", count=2)
    keys = pane.session.quiz.keys
    answer_item(qtbot, window, right=True, keys=True)
    assert pane.feedback_page.confidence_box.isVisible()
    assert attempts() == []  # recorded on going on, with the confidence
    qtbot.keyClick(window, Qt.Key.Key_L)
    qtbot.keyClick(window, Qt.Key.Key_S)  # the last choice counts
    assert pane.feedback_page.confidence() == "high"
    next_item(qtbot, window)
    assert attempts() == [(keys[0], 1, "high")]
    answer_item(qtbot, window, right=False, keys=True)
    assert pane.feedback_page.confidence() is None  # reset for every item
    next_item(qtbot, window)  # no confidence chosen
    assert attempts() == [(keys[0], 1, "high"), (keys[1], 0, None)]
    assert pane.mode == "end"


def test_confidence_by_button_and_esc_records_the_pending_answer_once(qtbot, make_window, monkeypatch) -> None:
    window = make_window()
    pane = start_quiz(qtbot, window, monkeypatch, kind="choice", count=2)
    keys = pane.session.quiz.keys
    answer_item(qtbot, window, right=False)
    qtbot.mouseClick(pane.feedback_page.confidence_buttons["medium"], Qt.MouseButton.LeftButton)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert pane.mode == "end"
    assert attempts() == [(keys[0], 0, "medium")]
    qtbot.mouseClick(pane.end_page.back_button, Qt.MouseButton.LeftButton)
    window.close()
    assert attempts() == [(keys[0], 0, "medium")]  # never twice


def test_closing_the_window_on_feedback_records_the_answer(qtbot, make_window, monkeypatch) -> None:
    window = make_window()
    pane = start_quiz(qtbot, window, monkeypatch, kind="path", count=2)
    key = pane.session.quiz.keys[0]
    answer_item(qtbot, window, right=True, keys=True)
    qtbot.keyClick(window, Qt.Key.Key_M)
    window.close()
    assert attempts() == [(key, 1, "medium")]
    window.close()
    assert attempts() == [(key, 1, "medium")]


def test_exam_mode_records_at_once_without_confidence(qtbot, make_window, monkeypatch) -> None:
    window = make_window()
    pane = start_quiz(qtbot, window, monkeypatch, kind="path", count=2, exam=True)
    keys = pane.session.quiz.keys
    answer_item(qtbot, window, right=True, keys=True)
    assert pane.mode == "question"
    assert attempts() == [(keys[0], 1, None)]
    qtbot.keyClick(window, Qt.Key.Key_S)  # no feedback page: nothing to say
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert attempts() == [(keys[0], 1, None)]
