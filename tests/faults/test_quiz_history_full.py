"""A quiz answered while the history fills up: every answer still scores, the quiz says from the
first answer it could not keep that answers are not being recorded (and why, and where), and the
history holds exactly the answers recorded before, intact.

Two ways to fill it: the user data folder on a real 1 MiB tmpfs filled to the last byte (the
next answer's journal meets ENOSPC), and, for any user, `PRAGMA max_page_count` on the quiz's own
connection (SQLite's own "database or disk is full")."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from tests.faults.conftest import Faults, Filler, tmpfs
from tests.faults.history_checks import attempts, integrity
from tests.ui.study.test_quiz_gui import answer_item, next_item, start_quiz
from trainer.infra.paths import history_file
from trainer.ui.study.quiz_setup import SCOPE_ALL

ROOT = Path(__file__).resolve().parents[2]
FULL = "⚠ History cannot be written, the disk is full ({path}); this attempt is not being recorded"


def _answer_all(qtbot, window, fill_after: int, fill) -> tuple[int, int | None]:  # type: ignore[no-untyped-def]
    """Answer every item right, filling the disk once `fill_after` answers are recorded; how
    many items there were, and after how many answers the quiz first said it was not recording."""
    pane = window.quiz
    total, first_unrecorded = len(pane.session.quiz), None
    for number in range(total):
        if number == fill_after:
            fill()
        answer_item(qtbot, window, keys=True)
        next_item(qtbot, window)  # going on records the answer
        if first_unrecorded is None and pane.notice.isVisible():
            first_unrecorded = number
    assert pane.end_page.score.text() == f"Score: {total} of {total} (100%)"
    return total, first_unrecorded


def test_the_data_folder_on_a_disk_that_fills_mid_quiz(qtbot, make_window, monkeypatch, faults: Faults) -> None:  # type: ignore[no-untyped-def]
    with tmpfs("1m") as disk:
        monkeypatch.setenv("TRAINER_DATA_DIR", str(disk))
        window = make_window([ROOT / "trees"])
        pane = start_quiz(qtbot, window, monkeypatch, scope=SCOPE_ALL, kind="path", count=6)
        fillers: list[Filler] = []
        total, unrecorded = _answer_all(qtbot, window, 2, lambda: fillers.append(Filler(disk)))
        path = history_file()
        said = pane.notice.text()
        rows = attempts(path)
        faults.check(
            unrecorded == 2 and said == FULL.format(path=path) and len(rows) == 2 and integrity(path) == "ok",
            f"{total} answered, not recorded from {unrecorded}, {len(rows)} kept, said {said!r}",
        )
        qtbot.mouseClick(pane.end_page.back_button, Qt.MouseButton.LeftButton)
        window.close()
        fillers[0].path.unlink()
    faults.assert_none_damaged()


def test_sqlite_reports_the_history_full_mid_quiz(qtbot, make_window, monkeypatch, faults: Faults) -> None:  # type: ignore[no-untyped-def]
    window = make_window([ROOT / "trees"])
    pane = start_quiz(qtbot, window, monkeypatch, scope=SCOPE_ALL, count=40)

    def no_more_pages() -> None:
        db = pane.history._db  # the quiz's own connection: the next pages it needs are refused
        db.execute(f"PRAGMA max_page_count = {db.execute('PRAGMA page_count').fetchone()[0]}")

    total, unrecorded = _answer_all(qtbot, window, 1, no_more_pages)
    path = history_file()
    rows = attempts(path)
    said = pane.notice.text()
    faults.check(
        unrecorded is not None
        and said == FULL.format(path=path)
        and len(rows) == unrecorded
        and integrity(path) == "ok",
        f"{total} answered, not recorded from {unrecorded}, {len(rows)} kept, said {said!r}",
    )
    print(f"{total} items answered; the history was full from answer {unrecorded}, which kept {len(rows)}")
    faults.assert_none_damaged()
