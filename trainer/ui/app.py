"""Start-up: one QApplication, the library, the main window (which applies the theme and zoom
remembered in its settings: trainer/ui/appearance.py)."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from trainer.library import default_library_paths
from trainer.logs import setup_logging
from trainer.ui.crash import CrashHandler
from trainer.ui.main_window import APP_TITLE, MainWindow
from trainer.ui.settings import WindowSettings


def create_window(paths: list[Path]) -> MainWindow:
    assert QApplication.instance() is not None
    return MainWindow(paths or default_library_paths(), WindowSettings())


def run(paths: list[Path]) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_TITLE)
    app.setApplicationDisplayName(APP_TITLE)
    app.setOrganizationName("decision-tree-trainer")
    setup_logging()
    window = create_window(paths)
    # From here on an unexpected error is logged and shown, edits are kept, and the app goes on.
    handler = CrashHandler(lambda: window, lambda: window.authoring.editors.values())
    handler.install()
    window.show()
    return app.exec()
