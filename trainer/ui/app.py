"""Start-up: one QApplication, the stylesheet, the library, the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from trainer.library import default_library_paths
from trainer.paths import resources_dir
from trainer.ui.main_window import APP_TITLE, MainWindow
from trainer.ui.settings import WindowSettings


def base_stylesheet() -> str:
    try:
        return (resources_dir() / "styles" / "base.qss").read_text(encoding="utf-8")
    except OSError:
        return ""  # a missing stylesheet costs looks, never the app


def create_window(paths: list[Path]) -> MainWindow:
    app = QApplication.instance()
    assert app is not None
    app.setStyleSheet(base_stylesheet())
    return MainWindow(paths or default_library_paths(), WindowSettings())


def run(paths: list[Path]) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_TITLE)
    app.setApplicationDisplayName(APP_TITLE)
    app.setOrganizationName("decision-tree-trainer")
    window = create_window(paths)
    window.show()
    return app.exec()
