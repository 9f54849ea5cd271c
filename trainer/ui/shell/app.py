"""The application object and its event loop, for the command line that composes the window
(trainer.cli.window): the command line itself imports no Qt."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

from PySide6.QtCore import QEventLoop
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from trainer.infra.paths import resources_dir

APP_TITLE = "Decision Tree Trainer"


def start_application() -> QApplication:
    """The one QApplication (made if there is none yet), named and with its icon."""
    instance = QApplication.instance()
    app = instance if isinstance(instance, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName(APP_TITLE)
    app.setApplicationDisplayName(APP_TITLE)
    app.setOrganizationName("decision-tree-trainer")
    app.setDesktopFileName("decision-tree-trainer")  # matches packaging/decision-tree-trainer.desktop
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "decision-tree-trainer.svg")))
    return app


def process_events_until(done: Callable[[], bool], timeout_s: float) -> bool:
    """Let the event loop run until `done()` or `timeout_s` seconds pass; whether it was done."""
    app = QApplication.instance()
    assert app is not None
    app.processEvents()
    deadline = time.monotonic() + timeout_s
    while not done() and time.monotonic() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    return done()


def run_event_loop(app: QApplication) -> int:
    return app.exec()
