"""File > New Tree, Edit Tree and Import Mermaid in the main window, and restoring the edits of an
editor whose process was killed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from tests.ui.conftest import click_card
from trainer.author import operations as ops
from trainer.author.recovery import RecoveryStore
from trainer.author.session import STARTER
from trainer.infra.paths import recovery_dir
from trainer.ui.editor import actions as authoring_actions
from trainer.ui.editor import dialogs
from trainer.ui.shell.main_window import MainWindow
from trainer.ui.shell.settings import WindowSettings

ROOT = Path(__file__).resolve().parents[3]
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture(autouse=True)
def answers(monkeypatch: pytest.MonkeyPatch) -> None:
    """No real dialog may block a test: closing editors discards, nothing is restored unasked."""
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda _parent, _name: "discard")
    monkeypatch.setattr(authoring_actions, "ask_restore", lambda _parent, _recovery: False)


def test_edit_tree_opens_one_editor_per_file(qtbot, make_window, library_dir) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    click_card(qtbot, window, 0)
    qtbot.keyClick(window, Qt.Key.Key_E, CTRL_SHIFT)  # File > Edit Tree
    [editor] = window.authoring.editors.values()
    assert editor.session.path == library_dir / "a-edge.yaml" and editor.isVisible()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_E, CTRL_SHIFT)
    assert list(window.authoring.editors.values()) == [editor]  # the same editor, brought forward
    editor.close()
    qtbot.waitUntil(lambda: not window.authoring.editors)


def test_quitting_closes_the_editors_and_an_unsaved_one_can_stop_it(qtbot, make_window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    click_card(qtbot, window, 0)
    editor = window.authoring.edit_current()
    editor.run("Edit question", lambda d: ops.set_node_text(d, "http", "question", "Unsaved?"))
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda _parent, _name: "cancel")
    window.close()
    assert window.isVisible() and editor.isVisible()  # the author kept them open
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda _parent, _name: "discard")
    window.close()
    assert not window.isVisible() and not editor.isVisible()


def test_a_new_tree_saved_into_the_library_appears_there(qtbot, make_window, library_dir, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    monkeypatch.setattr(dialogs, "ask_new_tree", lambda _parent: (STARTER, "fresh", "A fresh decision"))
    window.authoring.new_action.trigger()  # File > New Tree…
    [editor] = window.authoring.editors.values()
    assert editor.session.path is None and editor.checked.tree.id == "fresh" and not editor.checked.has_errors
    monkeypatch.setattr(dialogs, "ask_save_path", lambda _parent, suggested: library_dir / "fresh.yaml")
    assert editor.save()
    titles = [window.library_panel.item(i).text() for i in range(window.library_panel.count())]
    assert "A fresh decision" in titles


def test_import_a_mermaid_flowchart_into_a_new_tree(qtbot, make_window, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    chart = tmp_path / "edge.mmd"
    chart.write_text(
        "flowchart TD\n  A{Is it HTTP?} -->|Yes| B[CloudFront]\n  A -->|No| C[Global Accelerator]\n", encoding="utf-8"
    )
    monkeypatch.setattr(authoring_actions, "ask_mermaid_file", lambda _parent: chart)
    window = make_window()
    window.authoring.import_action.trigger()
    [editor] = window.authoring.editors.values()
    tree = editor.checked.tree
    assert editor.session.path is None and tree.nodes[tree.start].text == "Is it HTTP?"
    assert sorted(n.text for n in tree.outcomes) == ["CloudFront", "Global Accelerator"]
    notes = editor.findChild(QMessageBox, "importNotes")
    assert notes is not None and notes.isVisible() and "placeholders" in notes.text()  # what to check
    notes.close()


def test_edits_of_a_killed_editor_are_offered_back_at_the_next_start(qtbot, library_dir, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    tree = library_dir / "a-edge.yaml"
    child = textwrap.dedent(f"""
        import os, signal, sys
        sys.path.insert(0, {str(ROOT)!r})
        from pathlib import Path
        from PySide6.QtWidgets import QApplication
        app = QApplication([])
        import trainer.ui.editor.window as editor_window
        editor_window.RECOVERY_EVERY_MS = 100
        from trainer.author import operations as ops
        from trainer.author.session import EditSession
        editor = editor_window.EditorWindow(EditSession.open(Path({str(tree)!r})))
        editor.show()
        editor.run("Edit question", lambda d: ops.set_node_text(d, "http", "question", "Edited before the crash?"))
        from PySide6.QtCore import QTimer
        QTimer.singleShot(600, lambda: os.kill(os.getpid(), signal.SIGKILL))  # killed mid-session
        app.exec()
    """)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", child], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert "Edited before the crash?" not in tree.read_text(encoding="utf-8")  # never saved
    [left] = RecoveryStore(recovery_dir()).pending()
    offered: list[str] = []
    monkeypatch.setattr(
        authoring_actions, "ask_restore", lambda _parent, recovery: offered.append(recovery.name) or True
    )
    window = MainWindow([library_dir], WindowSettings(), open_link=lambda _url: None)  # the next start
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: bool(window.authoring.editors), timeout=3000)
    [editor] = window.authoring.editors.values()
    assert offered == ["a-edge.yaml"] and editor.session.path == tree
    assert editor.checked.tree.nodes["http"].text == "Edited before the crash?" and editor.isWindowModified()
    assert not left.file.exists()  # offered once; the editor keeps its own recovery from now on


def test_an_open_editor_follows_a_save_from_another_editor(qtbot, make_window, library_dir, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    click_card(qtbot, window, 0)
    editor = window.authoring.edit_current()
    tree = library_dir / "a-edge.yaml"
    tree.write_text(tree.read_text(encoding="utf-8").replace("Is the traffic HTTP?", "Saved in vim?"), encoding="utf-8")
    qtbot.waitUntil(lambda: editor.checked.tree.nodes["http"].text == "Saved in vim?", timeout=3000)
    assert not editor.isWindowModified()
    asked: list[str] = []
    monkeypatch.setattr(dialogs, "ask_conflict", lambda _parent, message: asked.append(message) or "cancel")
    editor.run("Edit question", lambda d: ops.set_node_text(d, "http", "question", "Mine?"))
    tree.write_text(tree.read_text(encoding="utf-8").replace("Saved in vim?", "Saved again?"), encoding="utf-8")
    qtbot.waitUntil(lambda: bool(asked), timeout=3000)  # unsaved edits here: the author is asked
    assert "unsaved edits" in asked[0] and editor.checked.tree.nodes["http"].text == "Mine?"
