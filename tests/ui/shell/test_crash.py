"""An unexpected exception in the GUI: logged with its traceback, unsaved edits kept, the user
told where the log is, and the app still running."""

from __future__ import annotations

import sys
import threading

import pytest
from PySide6.QtCore import QTimer

from tests.ui.conftest import click_card
from trainer.author import operations as ops
from trainer.author.recovery import RecoveryStore
from trainer.infra.logs import log_file, setup_logging
from trainer.infra.paths import recovery_dir
from trainer.ui.editor import dialogs
from trainer.ui.shell import crash


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_slot_is_logged_edits_are_kept_and_the_app_goes_on(qtbot, make_window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda _parent, _name: "discard")
    told: list[str] = []
    monkeypatch.setattr(crash, "tell", lambda _parent, message: told.append(message))
    assert setup_logging() == log_file()
    window = make_window()
    click_card(qtbot, window, 0)
    editor = window.authoring.edit_current()
    editor.run("Edit question", lambda d: ops.set_node_text(d, "http", "question", "Not saved yet?"))
    handler = crash.CrashHandler(lambda: window, lambda: window.authoring.editors.values())
    handler.install()

    QTimer.singleShot(0, lambda: 1 / 0)  # a bug in some slot
    qtbot.waitUntil(lambda: bool(told), timeout=3000)
    assert "ZeroDivisionError: division by zero" in told[0] and str(log_file()) in told[0]
    assert "Unsaved edits were kept" in told[0]
    [kept] = RecoveryStore(recovery_dir()).pending()
    assert "Not saved yet?" in kept.text
    assert "ZeroDivisionError" in log_file().read_text(encoding="utf-8") and "Traceback" in log_file().read_text(
        encoding="utf-8"
    )

    threading.Thread(target=lambda: {}["missing"]).start()  # and a bug in a worker thread
    qtbot.waitUntil(lambda: len(told) == 2, timeout=3000)
    assert "KeyError" in told[1]
    click_card(qtbot, window, 0)  # the app is still there and answers
    assert window.study.entry is not None and window.isVisible()


def test_help_opens_the_log_folder(qtbot, make_window, opened_links) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    window.log_action.trigger()  # Help > Open Log Folder
    assert opened_links and opened_links[-1].toLocalFile() == str(log_file().parent)
    assert log_file().parent.is_dir()


def test_the_app_installs_the_handler_and_the_log_at_start(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    from trainer.cli import window as app_module

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda _parent, _name: "discard")
    shown: list[object] = []
    monkeypatch.setattr(QApplication, "exec", lambda self: shown.extend(QApplication.topLevelWidgets()) or 0)
    assert app_module.run([]) == 0
    assert isinstance(sys.excepthook.__self__, crash.CrashHandler)  # type: ignore[attr-defined]
    assert log_file().parent.is_dir()
    for widget in shown:
        widget.close()
