"""Start-up: one QApplication, the library, the main window (which applies the theme and zoom
remembered in its settings: trainer/ui/appearance.py)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtCore import QEventLoop
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from trainer.core.library import default_library_paths
from trainer.infra.logs import setup_logging
from trainer.infra.paths import resources_dir
from trainer.ui.shell.crash import CrashHandler
from trainer.ui.shell.main_window import APP_TITLE, MainWindow
from trainer.ui.shell.settings import WindowSettings


def create_window(paths: list[Path]) -> MainWindow:
    assert QApplication.instance() is not None
    return MainWindow(paths or default_library_paths(), WindowSettings())


def run(paths: list[Path], check_start: bool = False) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_TITLE)
    app.setApplicationDisplayName(APP_TITLE)
    app.setOrganizationName("decision-tree-trainer")
    app.setDesktopFileName("decision-tree-trainer")  # matches packaging/decision-tree-trainer.desktop
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "decision-tree-trainer.svg")))
    setup_logging()
    window = create_window(paths)
    # From here on an unexpected error is logged and shown, edits are kept, and the app goes on.
    handler = CrashHandler(lambda: window, lambda: window.authoring.editors.values())
    handler.install()
    window.show()
    if check_start:  # for packagers: the window came up with its library, then quit
        app.processEvents()
        deadline = time.monotonic() + 60
        while window.loading and time.monotonic() < deadline:  # a large library is read in the background
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        entries = window.library_panel.entries()
        print(f"window shown: {window.windowTitle()}; {len(entries)} trees, {sum(e.usable for e in entries)} usable")
        window.close()
        return 0 if window.library_panel.entries() else 1
    return app.exec()
