"""Quiz > Start Quiz… on hand-picked trees, driven through the real setup dialog."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QListWidgetItem

from tests.ui.conftest import GOOD_TREE, click_card
from trainer.ui.study.quiz_setup import NONE_CHOSEN, SCOPE_CHOSEN, QuizSettings, QuizSetup, tree_labels


def add_tree(folder: Path, name: str, tree_id: str, title: str) -> None:
    """Another valid tree: the fixture tree under a new id and title (its items get new keys)."""
    text = GOOD_TREE.replace("id: edge", f"id: {tree_id}", 1).replace(
        "title: Reaching users at the edge", f"title: {title}", 1
    )
    (folder / name).write_text(text, encoding="utf-8")


def row(dialog: QuizSetup, title: str) -> QListWidgetItem:
    rows = dialog.tree_list.findItems(title, Qt.MatchFlag.MatchExactly)
    assert len(rows) == 1, title
    return rows[0]


def toggle(qtbot, dialog: QuizSetup, title: str) -> None:  # type: ignore[no-untyped-def]
    """Check or uncheck a tree as a keyboard user does: go to its row, press Space."""
    dialog.tree_list.setFocus()
    dialog.tree_list.setCurrentItem(row(dialog, title))
    qtbot.keyClick(dialog.tree_list, Qt.Key.Key_Space)


def run_dialog(window, drive: Callable[[QuizSetup], None]) -> None:  # type: ignore[no-untyped-def]
    """Open Quiz > Start Quiz… and let `drive` act in the modal dialog; a failure inside it
    cancels the dialog (so the test cannot hang) and is raised here."""
    failures: list[BaseException] = []

    def act() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QuizSetup):
            QTimer.singleShot(10, act)  # not shown yet
            return
        try:
            drive(dialog)
        except BaseException as failure:
            failures.append(failure)
            dialog.reject()

    QTimer.singleShot(0, act)
    window.quiz_action.trigger()  # blocks in the dialog's event loop until it closes
    if failures:
        raise failures[0]


def seed_putting_first(folder: Path, tree_ids: tuple[str, ...], first: str) -> int:
    """A seed whose quiz over `tree_ids` begins with an item of tree `first` (so a test can say
    which tree's item comes first without knowing how the engine shuffles)."""
    from trainer.core.library import load_library
    from trainer.study.building import build_quiz
    from trainer.study.scope import chosen_trees

    trees = chosen_trees([e.tree for e in load_library([folder]).entries if e.usable], tree_ids)
    return next(seed for seed in range(1, 100) if build_quiz(trees, 200, seed).items[0].tree_id == first)


def card_row(window, title: str) -> int:  # type: ignore[no-untyped-def]
    panel = window.library_panel
    return next(i for i, e in enumerate(panel.entries()) if e.title == title)


def test_a_quiz_on_two_chosen_trees(qtbot, make_window, library_dir: Path) -> None:  # type: ignore[no-untyped-def]
    add_tree(library_dir, "c-second.yaml", "second", "Second tree")
    add_tree(library_dir, "d-third.yaml", "third", "Third tree")
    window = make_window()
    click_card(qtbot, window, card_row(window, "Second tree"))
    assert window.study.entry.tree.id == "second"

    def drive(dialog: QuizSetup) -> None:
        assert not dialog.tree_list.isVisible()  # only for "Trees I choose…"
        dialog.scope.setFocus()
        dialog.scope.setCurrentIndex(dialog.scope.findText("Trees I choose…"))
        assert dialog.tree_list.isVisible()
        labels = [dialog.tree_list.item(i).text() for i in range(dialog.tree_list.count())]
        assert labels == ["Reaching users at the edge", "Second tree", "Third tree"]  # valid trees only
        assert dialog.chosen_ids() == ("second",)  # the current tree comes checked
        toggle(qtbot, dialog, "Second tree")
        assert dialog.chosen_ids() == ()
        assert not dialog.start_button.isEnabled()
        assert dialog.none_chosen.isVisible() and dialog.none_chosen.text() == NONE_CHOSEN
        toggle(qtbot, dialog, "Third tree")
        toggle(qtbot, dialog, "Second tree")
        assert dialog.start_button.isEnabled() and not dialog.none_chosen.isVisible()
        dialog.count.setValue(200)  # every outcome of both trees
        # An item of the current tree first (the test below covers another tree first).
        dialog.seed.setText(str(seed_putting_first(library_dir, ("second", "third"), "second")))
        qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))

    run_dialog(window, drive)
    qtbot.waitUntil(lambda: window.quiz.active)
    items = window.quiz.session.quiz.items
    assert {item.tree_id for item in items} == {"second", "third"}
    assert len(items) == 4  # one item per outcome: two in each tree
    assert items[0].tree_id == "second"


def test_an_item_of_another_tree_shows_that_tree_in_the_masked_graph(
    qtbot, make_window, library_dir: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    add_tree(library_dir, "c-second.yaml", "second", "Second tree")
    seed = seed_putting_first(library_dir, ("edge", "second"), "second")
    chosen = QuizSettings(scope=SCOPE_CHOSEN, tree_ids=("edge", "second"), count=200, seed=seed)
    monkeypatch.setattr(QuizSetup, "ask", staticmethod(lambda *_args: chosen))
    window = make_window()
    click_card(qtbot, window, card_row(window, "Reaching users at the edge"))
    failures: list[BaseException] = []
    monkeypatch.setattr(sys, "excepthook", lambda _t, value, _tb: failures.append(value))
    window.quiz_action.trigger()  # the first item is of "second", not the tree on screen
    assert window.quiz.session.current.tree_id == "second"
    if failures:
        raise failures[0]
    assert window.graph.tree.id == "second" and window.graph.scene.masked


def test_start_is_refused_while_no_tree_is_checked(qtbot, library_dir: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = QuizSetup([], has_tree=False, trees=[("edge", "Edge"), ("second", "Second")])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.scope.setCurrentIndex(dialog.scope.findText("Trees I choose…"))
    assert dialog.chosen_ids() == () and not dialog.start_button.isEnabled()
    qtbot.keyClick(dialog.seed, Qt.Key.Key_Return)  # Enter in a field does not get round it
    assert dialog.result() == 0 and dialog.isVisible()
    row(dialog, "Second").setCheckState(Qt.CheckState.Checked)
    assert dialog.settings() == QuizSettings(scope=SCOPE_CHOSEN, tree_ids=("second",), seed=dialog.settings().seed)
    dialog.scope.setCurrentIndex(0)  # another scope carries no ids and needs none checked
    assert dialog.settings().tree_ids == () and dialog.start_button.isEnabled()


def test_trees_sharing_a_title_are_told_apart() -> None:
    assert tree_labels([("a", "Same"), ("b", "Same"), ("c", "Other")]) == ["Same (a)", "Same (b)", "Other"]
