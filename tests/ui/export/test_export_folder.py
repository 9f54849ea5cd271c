"""Where File > Export's dialog opens: the user's Documents folder at first (not the folder of
the tree's file, which for a bundled tree is inside the app), then wherever the last export went,
remembered across runs in the settings file."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit

from tests.ui.conftest import click_card
from trainer.infra import settings as table
from trainer.infra.settings import Settings


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home of its own with a Documents folder, as XDG names it."""
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    return home


def answer_dialog(qtbot, name: str, seen: list[str]) -> None:  # type: ignore[no-untyped-def]
    """When the save dialog shows, note the folder it opened in and type `name` into it."""

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(20, answer)
            return
        seen.append(dialog.directory().absolutePath())
        field = dialog.findChild(QLineEdit, "fileNameEdit")
        field.setText(name)
        qtbot.keyClick(field, Qt.Key.Key_Return)

    QTimer.singleShot(0, answer)


def test_the_export_dialog_opens_in_documents_then_where_the_last_export_went(
    qtbot, make_window, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", _widget_dialog(QFileDialog.getSaveFileName))
    window = make_window()
    click_card(qtbot, window, 0)
    elsewhere = home / "handouts"
    elsewhere.mkdir()
    seen: list[str] = []
    answer_dialog(qtbot, str(elsewhere / "edge.dot"), seen)
    window.export_action.trigger()
    assert seen == [str(home / "Documents")]
    assert (elsewhere / "edge.dot").read_text(encoding="utf-8").startswith("digraph")
    assert Settings().get(table.EXPORT_FOLDER) == str(elsewhere)  # kept in the settings file
    answer_dialog(qtbot, "again.md", seen)
    window.export_action.trigger()
    assert seen[1] == str(elsewhere) and (elsewhere / "again.md").exists()


def test_a_remembered_folder_that_is_gone_falls_back_to_documents(qtbot, make_window, home: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(QFileDialog, "getSaveFileName", _widget_dialog(QFileDialog.getSaveFileName))
    Settings().set(table.EXPORT_FOLDER, str(home / "unplugged-usb-stick"))
    window = make_window()
    click_card(qtbot, window, 0)
    seen: list[str] = []
    answer_dialog(qtbot, str(home / "Documents" / "edge.dot"), seen)
    window.export_action.trigger()
    assert seen == [str(home / "Documents")]


def _widget_dialog(original):  # type: ignore[no-untyped-def]
    """The same call, with Qt's own dialog (a desktop's native one cannot be driven by a test)."""

    def ask(parent, caption, folder, filters, *args, **kwargs):  # type: ignore[no-untyped-def]
        return original(parent, caption, folder, filters, options=QFileDialog.Option.DontUseNativeDialog)

    return ask
