"""Every visible control has an accessible name (#6 sections 5 and 6): what a screen reader
says when the control takes the focus. Checked in each state a learner, presenter or author
meets: studying (a question, an outcome), a quiz (question, feedback, end), the quiz's setup
dialog, the editor, the progress dialog and the key sheet."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractScrollArea, QAbstractSpinBox, QApplication, QScrollBar, QWidget

from tests.ui.conftest import click_answer, click_card
from tests.ui.study.test_quiz_gui import answer_item, next_item, start_quiz

# Roles a user operates: these need a name whether or not they take the keyboard focus.
CONTROL_ROLES = {
    QAccessible.Role.PushButton,
    QAccessible.Role.CheckBox,
    QAccessible.Role.RadioButton,
    QAccessible.Role.ComboBox,
    QAccessible.Role.EditableText,
    QAccessible.Role.List,
    QAccessible.Role.Tree,
    QAccessible.Role.Table,
    QAccessible.Role.Slider,
    QAccessible.Role.SpinBox,
    QAccessible.Role.ButtonMenu,
    QAccessible.Role.PageTabList,
    QAccessible.Role.Grip,
    QAccessible.Role.ProgressBar,
    QAccessible.Role.Graphic,
}


def unnamed_controls(root: QWidget) -> list[str]:
    """Visible controls of `root`'s window (and root itself) with no accessible name. Scroll bars
    are left out: a screen reader announces them as their scroll area's, by role and value."""
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible() or isinstance(widget, QScrollBar) or widget.window() is not root.window():
            continue
        parent = widget.parentWidget()
        if widget.objectName().startswith("qt_scrollarea") or (
            isinstance(parent, QAbstractScrollArea) and widget is parent.viewport()
        ):
            continue  # a scroll area's own parts: the reader announces the scroll area
        if isinstance(parent, QAbstractSpinBox):
            continue  # a spin box's text field: the reader announces the spin box
        face = QAccessible.queryAccessibleInterface(widget)
        if face is None:
            continue
        takes_focus = widget.focusPolicy() != Qt.FocusPolicy.NoFocus
        if (takes_focus or face.role() in CONTROL_ROLES) and not face.text(QAccessible.Text.Name).strip():
            parent = type(widget.parentWidget()).__name__
            found.append(f"{type(widget).__name__} #{widget.objectName()} ({face.role().name}) in {parent}")
    return found


def test_studying_a_question_and_an_outcome(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    click_card(qtbot, window, 0)
    assert unnamed_controls(window) == []
    click_answer(qtbot, window, "Yes")
    click_answer(qtbot, window, "Yes")
    assert window.study.walk.current_id == "cloudfront"
    assert unnamed_controls(window) == []


def test_a_broken_tree_shown(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    click_card(qtbot, window, 1)
    assert unnamed_controls(window) == []


def test_a_quiz_question_its_feedback_and_the_end(qtbot, make_window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    pane = start_quiz(qtbot, window, monkeypatch)
    assert unnamed_controls(window) == []
    answer_item(qtbot, window)
    assert pane.mode == "feedback" and unnamed_controls(window) == []
    while pane.mode != "end":
        next_item(qtbot, window)
        if pane.mode == "question":
            answer_item(qtbot, window, right=False)
            assert unnamed_controls(window) == []  # the feedback of a wrong answer too
    assert unnamed_controls(window) == []


def test_the_quiz_setup_dialog(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    click_card(qtbot, window, 0)
    found: list[list[str]] = []

    def inspect_and_cancel() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None
        found.append(unnamed_controls(dialog))
        dialog.reject()

    QTimer.singleShot(0, inspect_and_cancel)
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: bool(found))
    assert found == [[]]


def test_the_progress_dialog_and_the_key_sheet(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    click_card(qtbot, window, 0)
    dialog = window.show_progress()
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    assert unnamed_controls(dialog) == []
    dialog.close()
    qtbot.keyClick(window, Qt.Key.Key_F1)
    sheet = window.shortcuts_help.dialog
    assert sheet is not None and sheet.isVisible()
    assert unnamed_controls(sheet) == []


def test_the_editor_on_a_question_and_an_outcome(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.conftest import GOOD_TREE
    from trainer.author.session import EditSession
    from trainer.ui.editor.window import EditorWindow

    path = tmp_path / "edge.yaml"
    path.write_text(GOOD_TREE, encoding="utf-8")
    editor = EditorWindow(EditSession.open(path))
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitUntil(editor.isVisible)
    assert unnamed_controls(editor) == []
    editor.select("cloudfront")
    assert unnamed_controls(editor) == []


def test_the_presentation_its_console_notes_and_audience_round(qtbot) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.present.test_console import open_both

    window, console = open_both(qtbot)
    assert unnamed_controls(window) == [] and unnamed_controls(console) == []
    for step in (Qt.Key.Key_PageDown, Qt.Key.Key_PageDown, Qt.Key.Key_N):
        qtbot.keyClick(window, step)
    assert unnamed_controls(window) == []
    qtbot.keyClick(window, Qt.Key.Key_Q)  # the audience round, its vote entry and chart
    assert window.audience is not None
    qtbot.keyClick(window, Qt.Key.Key_T)
    assert unnamed_controls(window) == [] and unnamed_controls(console) == []
