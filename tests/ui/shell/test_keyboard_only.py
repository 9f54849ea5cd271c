"""A learner with a keyboard alone (#6 section 5): every key goes to the widget that has the
focus, as it does for a real user; nothing is clicked. The study walk and a whole quiz, from the
window opening to the end screen, and a visible focus ring on every stop of the Tab chain."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from trainer.ui.study.quiz_setup import QuizSetup

SHIFT_CTRL = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def press(qtbot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    """A key as the keyboard sends it: to whatever has the focus; then the event loop turns, as
    it does between a person's key presses (new widgets are shown, layouts settle)."""
    qtbot.keyClick(focused(), key, modifier)
    qtbot.wait(1)


def tab_to(qtbot, wanted, most: int = 40) -> QWidget:  # type: ignore[no-untyped-def]
    """Tab until `wanted(focus widget)` holds; fails if the Tab chain never gets there."""
    for _ in range(most):
        if wanted(focused()):
            return focused()
        press(qtbot, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached the widget; stuck at {focused()!r}")


def test_a_study_walk_with_the_keyboard_alone(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    library = tab_to(qtbot, lambda w: w is window.library_panel)
    press(qtbot, Qt.Key.Key_Home)  # the first card: the good tree
    assert window.study.walk is not None and window.study.walk.tree.id == "edge"
    start = window.study.walk.current_id

    press(qtbot, Qt.Key.Key_1)  # digits answer from anywhere in the window
    assert window.study.walk.current_id == "spikes"
    press(qtbot, Qt.Key.Key_Backspace)
    assert window.study.walk.current_id == start

    # or Tab to an answer and press Space, as on any button
    button = tab_to(qtbot, lambda w: w in window.study.page.answer_buttons)
    label = button.label_text
    press(qtbot, Qt.Key.Key_Space)
    assert window.study.walk.steps[-1].answer.label == label
    press(qtbot, Qt.Key.Key_1)
    assert window.study.walk.current_id in ("cloudfront", "accelerator")

    # Home (with the focus in the walk) starts again
    tab_to(qtbot, lambda w: window.study.isAncestorOf(w))
    press(qtbot, Qt.Key.Key_Home)
    assert window.study.walk.current_id == start and library is window.library_panel


def right_option(pane) -> int:  # type: ignore[no-untyped-def]
    """What a learner who knows the tree would pick (the engine's right answer)."""
    from tests.ui.study.test_quiz_gui import right_index

    return right_index(pane)


def test_a_whole_quiz_with_the_keyboard_alone(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    tab_to(qtbot, lambda w: w is window.library_panel)
    press(qtbot, Qt.Key.Key_Home)
    seen: list[str] = []

    def start_from_the_dialog() -> None:  # the setup dialog is modal: its keys go to it
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QuizSetup)
        seen.append(dialog.windowTitle())
        tab_to(qtbot, lambda w: dialog.isAncestorOf(w))  # the focus is inside the dialog
        press(qtbot, Qt.Key.Key_Return)  # Start, the default button

    QTimer.singleShot(0, start_from_the_dialog)
    press(qtbot, Qt.Key.Key_Q, SHIFT_CTRL)
    qtbot.waitUntil(lambda: window.quiz.mode == "question" and window.isActiveWindow())
    assert seen, "the setup dialog never opened"
    assert focused() in window.quiz.question_page.option_buttons[:1]  # ready for Space or a digit
    pane = window.quiz
    total = len(pane.session.quiz)
    assert total >= 1

    answered = 0
    while pane.mode != "end":
        if pane.mode == "question":
            option = right_option(pane)
            press(qtbot, getattr(Qt.Key, f"Key_{option + 1}"))  # a digit picks, Enter confirms
            press(qtbot, Qt.Key.Key_Return)
            answered += 1
        else:
            assert pane.mode == "feedback" and pane.feedback_page.verdict.text() == "✓ Right"
            press(qtbot, Qt.Key.Key_Return)  # on to the next item
        assert answered < 50, "the quiz does not end"
    assert pane.end_page.score.text() == f"Score: {total} of {total} (100%)"

    # the end screen: Tab to its review list and read an item, then back to studying
    review = tab_to(qtbot, lambda w: w is pane.end_page.review)
    press(qtbot, Qt.Key.Key_Down)
    assert review.currentRow() >= 0
    tab_to(qtbot, lambda w: w is pane.end_page.back_button)
    press(qtbot, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not window.quizzing)
    assert window.study.isVisible()


def test_every_stop_of_the_tab_chain_shows_that_it_has_the_focus(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    tab_to(qtbot, lambda w: w is window.library_panel)
    press(qtbot, Qt.Key.Key_Home)
    stops: list[QWidget] = []
    while focused() not in stops:
        stops.append(focused())
        press(qtbot, Qt.Key.Key_Tab)
    assert len(stops) >= 8  # library, outline, walk, answers, graph tools, graph
    unmarked = []
    for widget in stops:
        tab_to(qtbot, lambda w, widget=widget: w is widget)
        with_focus = widget.grab().toImage()
        press(qtbot, Qt.Key.Key_Tab)
        without = widget.grab().toImage()
        if with_focus == without:
            unmarked.append(f"{type(widget).__name__} '{widget.accessibleName()}'")
    assert not unmarked, f"no visible focus on: {unmarked}"
