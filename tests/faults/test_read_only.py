"""Read-only folders, made real: a tmpfs remounted read-only when the tests run as root (chmod
does not stop root), chmod 0o555 otherwise. A tree saved there, the history kept there (or the
whole user data folder there, as on a locked-down or portable install), exports written there:
each says what happened and where, and nothing is lost or half written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.faults.conftest import Faults
from tests.faults.test_corrupt_history import make_history
from tests.ui.conftest import GOOD_TREE, click_card
from tests.ui.study.test_quiz_gui import answer_item, next_item, start_quiz
from trainer.author.saving import DiskState, SaveError, save_text
from trainer.study.history import open_history
from trainer.ui.export.action import ExportPrompts


def _reason() -> str:
    """What the save says: a read-only file system (root: tmpfs) or no permission (chmod)."""
    return "the disk is read-only" if os.geteuid() == 0 else "you may not write in that folder"


def test_saving_a_tree_into_a_read_only_folder(read_only_folder, faults: Faults) -> None:  # type: ignore[no-untyped-def]
    folder = read_only_folder({"edge.yaml": GOOD_TREE.encode("utf-8")})
    tree = folder / "edge.yaml"
    for edit in range(5):
        try:
            save_text(tree, GOOD_TREE + f"# edit {edit}\n", DiskState.of(tree))
            said = ""
        except SaveError as exc:
            said = str(exc)
        faults.check(
            said
            == f"edge.yaml was not saved: {_reason()}. The file on disk is unchanged and your edits are "
            "still here; use Save As to put them elsewhere."
            and tree.read_text(encoding="utf-8") == GOOD_TREE
            and [p.name for p in folder.iterdir()] == ["edge.yaml"],
            f"edit {edit}: said {said!r}",
        )
    faults.assert_none_damaged()


def test_a_history_in_a_read_only_folder_is_read_but_not_written(
    read_only_folder, tmp_path: Path, faults: Faults
) -> None:  # type: ignore[no-untyped-def]
    data = make_history(tmp_path / "history.sqlite3", 12)
    folder = read_only_folder({"history.sqlite3": data})
    path = folder / "history.sqlite3"
    with open_history(path) as history:
        readable, recorded = history.stats("net").attempts, history.record("net", "k", "walk", True, 1.0)
        said = history.problem
    faults.check(
        readable == 12
        and not recorded
        and said == f"history is read-only ({path}): this attempt is not being recorded"
        and path.read_bytes() == data
        and [p.name for p in folder.iterdir()] == ["history.sqlite3"],
        f"said {said!r}",
    )
    empty = read_only_folder({})
    with open_history(empty / "history.sqlite3") as history:
        faults.check(
            not history.recording
            and history.problem
            == f"history folder is read-only ({empty / 'history.sqlite3'}): this attempt is not being recorded"
            and not list(empty.iterdir()),
            f"said {history.problem!r}",
        )
    faults.assert_none_damaged()


def test_the_app_with_its_whole_data_folder_read_only(
    qtbot,
    read_only_folder,
    make_window,
    monkeypatch,
    tmp_path: Path,  # type: ignore[no-untyped-def]
    faults: Faults,
) -> None:
    """A portable install on a locked stick: the window opens, studying and a quiz work (scored,
    "not recorded" said), and the history it holds is read for due counts, never written."""
    data = make_history(tmp_path / "history.sqlite3", 12)
    folder = read_only_folder({"history.sqlite3": data})
    monkeypatch.setenv("TRAINER_DATA_DIR", str(folder))
    window = make_window()
    pane = start_quiz(qtbot, window, monkeypatch, kind="path")
    for _ in range(2):
        answer_item(qtbot, window, keys=True)
        next_item(qtbot, window)
    said = pane.notice.text() if pane.notice.isVisible() else ""
    faults.check(
        pane.end_page.score.text() == "Score: 2 of 2 (100%)"
        and said == f"⚠ History is read-only ({folder / 'history.sqlite3'}): this attempt is not being recorded"
        and (folder / "history.sqlite3").read_bytes() == data,
        f"said {said!r}",
    )
    qtbot.mouseClick(pane.end_page.back_button, Qt.MouseButton.LeftButton)
    window.close()  # settings cannot be kept: closing still works
    assert sorted(p.name for p in folder.iterdir()) == ["history.sqlite3"]
    faults.assert_none_damaged()


@pytest.mark.parametrize("fmt", ["svg", "pdf", "png", "html", "md", "dot"])
def test_exporting_into_a_read_only_folder(
    qtbot, read_only_folder, make_window, monkeypatch, faults: Faults, fmt: str
) -> None:  # type: ignore[no-untyped-def]
    folder = read_only_folder({"edge.svg": b"<svg>an older export</svg>"})
    target = folder / ("edge.svg" if fmt == "svg" else f"edge.{fmt}")
    window = make_window()
    click_card(qtbot, window, 0)
    errors: list[str] = []
    monkeypatch.setattr(ExportPrompts, "ask_path", staticmethod(lambda parent, suggested: (target, fmt)))
    monkeypatch.setattr(ExportPrompts, "show_error", staticmethod(lambda parent, message: errors.append(message)))
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)  # File > Export…
    reason = "Read-only file system" if os.geteuid() == 0 else "Permission denied"
    faults.check(
        errors == [f"Could not write {target}:\n{reason}\n\nNothing was changed."]
        and sorted(p.name for p in folder.iterdir()) == ["edge.svg"]
        and (folder / "edge.svg").read_bytes() == b"<svg>an older export</svg>",
        f"{fmt}: said {errors}",
    )
    faults.assert_none_damaged()


@pytest.mark.parametrize("fmt", ["svg", "mermaid"])
def test_the_command_line_export_into_a_read_only_folder(
    read_only_folder, library_dir: Path, faults: Faults, fmt: str
) -> None:  # type: ignore[no-untyped-def]
    folder = read_only_folder({})
    target = folder / f"edge.{'mmd' if fmt == 'mermaid' else fmt}"
    done = subprocess.run(
        [sys.executable, "-m", "trainer", "export", str(library_dir / "a-edge.yaml"), "-o", str(target)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    reason = "Read-only file system" if os.geteuid() == 0 else "Permission denied"
    faults.check(
        done.returncode == 1
        and done.stderr.strip() == f"trainer export: cannot write {target}: {reason}"
        and not list(folder.iterdir()),
        f"{fmt}: exit {done.returncode}, said {done.stderr!r}",
    )
    faults.assert_none_damaged()
