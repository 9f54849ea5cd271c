"""The app started over a history that cannot be used (TRAINER_DATA_DIR points at it, as the
tests' user folder): the window opens and says at once what is wrong and where, studying and
quizzing work (answers scored, "not recorded" said in the quiz), the file is never written, and
Quiz > Start a Fresh History… moves a damaged one aside, kept, so that answers are recorded again."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.faults.conftest import Faults
from tests.faults.history_checks import attempts
from tests.faults.test_corrupt_history import foreign_database, make_history
from tests.ui.conftest import click_answer, click_card
from tests.ui.study.test_quiz_gui import answer_item, next_item, start_quiz
from trainer.infra.paths import history_file
from trainer.study.history_schema import SCHEMA_VERSION
from trainer.ui.shell import history_notice


def _truncated(path: Path) -> None:
    whole = make_history(path)
    path.write_bytes(whole[: len(whole) // 2])


def _newer(path: Path) -> None:
    make_history(path, 10)
    db = sqlite3.connect(path, isolation_level=None)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()


CASES = {  # how the file is spoiled, what the window says, whether a fresh start is offered
    "garbage": (lambda path: path.write_bytes(b"\x8f\x00garbage" * 3000), "History file is damaged", True),
    "truncated": (_truncated, "History file is damaged", True),
    "another program's database": (foreign_database, "History file is not a history of this app", True),
    "newer schema": (_newer, "History was written by a newer version of the app", False),
}


def _study_and_quiz(qtbot, window, monkeypatch) -> str:  # type: ignore[no-untyped-def]
    """A walk, then a two-item quiz answered right: it scores whatever the history does. What
    the quiz's notice said on its end screen ("" when nothing)."""
    click_card(qtbot, window, 0)
    qtbot.keyClick(window.study, Qt.Key.Key_Home)  # from the start: after a quiz the walk is back where it was
    assert window.study.walk.current_id == window.study.walk.tree.start
    click_answer(qtbot, window, "Yes")
    assert window.study.walk.current_id == "spikes"
    pane = start_quiz(qtbot, window, monkeypatch, kind="path")
    for _ in range(2):
        answer_item(qtbot, window, keys=True)
        next_item(qtbot, window)
    assert pane.end_page.score.text() == "Score: 2 of 2 (100%)"
    notice = pane.notice.text() if pane.notice.isVisible() else ""
    qtbot.mouseClick(pane.end_page.back_button, Qt.MouseButton.LeftButton)
    assert not window.quizzing
    return notice


@pytest.mark.parametrize("case", list(CASES))
def test_the_app_over_an_unusable_history(qtbot, make_window, monkeypatch, faults: Faults, case: str) -> None:  # type: ignore[no-untyped-def]
    spoil, said, offered = CASES[case]
    path = history_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    spoil(path)
    data = path.read_bytes()
    window = make_window()
    notice = window.history_notice
    text = notice.label.text()
    told = (
        notice.label.isVisible()
        and text.startswith(f"⚠ {said}")
        and str(path) in text
        and "quiz answers are not recorded" in text
        and notice.fresh_action.isEnabled() == offered
    )
    quiz_said = _study_and_quiz(qtbot, window, monkeypatch)
    untouched = path.read_bytes() == data
    faults.check(
        told and "not being recorded" in quiz_said and untouched,
        f"{case}: said {text!r}, quiz said {quiz_said!r}, untouched {untouched}",
    )
    if offered:
        asked: list[str] = []
        monkeypatch.setattr(history_notice, "ask_set_aside", lambda _parent, reason: asked.append(reason) or True)
        notice.fresh_action.trigger()  # Quiz > Start a Fresh History…
        [kept] = path.parent.glob("history.sqlite3.damaged-*")
        assert asked and str(path) in asked[0]
        assert kept.read_bytes() == data and not path.exists()
        assert f"the old file is kept as {kept}" in window.statusBar().currentMessage()
        assert not notice.label.isVisible() and not notice.fresh_action.isEnabled()
        assert _study_and_quiz(qtbot, window, monkeypatch) == ""  # now recorded, in a new history
        assert len(attempts(path)) == 2
    faults.assert_none_damaged()


def test_a_sound_history_says_nothing(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    make_history(history_file(), 5)
    window = make_window()
    assert not window.history_notice.label.isVisible() and not window.history_notice.fresh_action.isEnabled()
