"""Run by tests/ui/shell/test_two_screens.py under Xvfb with two X screens (a laptop and a projector):
F5 on the main window, keys on the console, Esc. Prints one JSON line of what happened."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from trainer.ui.shell.main_window import MainWindow
from trainer.ui.shell.settings import WindowSettings


def spin(app: QApplication, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()


def place(widget: QWidget) -> dict[str, object]:
    return {
        "screen": widget.screen().geometry().getRect(),
        "geometry": widget.geometry().getRect(),
        "full_screen": widget.isFullScreen(),
        "maximised": widget.isMaximized(),
    }


def main() -> None:
    app = QApplication(sys.argv)
    window = MainWindow([Path(sys.argv[1])], WindowSettings())
    window.show()
    spin(app, 0.5)
    window.library_panel.setCurrentRow(0)
    window.activateWindow()  # no window manager under Xvfb: the window takes the keys itself
    spin(app, 0.3)
    QTest.keyClick(window, Qt.Key.Key_F5)
    spin(app, 1.0)
    shown, console = window.presenting.presenting, window.presenting.console
    report: dict[str, object] = {
        "screens": [s.geometry().getRect() for s in app.screens()],
        "window": place(window),
        "presentation": place(shown) if shown else None,
        "console": place(console) if console else None,
    }
    if shown is not None and console is not None:
        before = shown.presentation.slide.stage
        QTest.keyClick(console, Qt.Key.Key_PageDown)
        spin(app, 0.3)
        report["stepped"] = [before, shown.presentation.slide.stage]
        report["console_now"] = console.now.text()
        QTest.keyClick(console, Qt.Key.Key_Escape)
        spin(app, 0.5)
        report["after_esc"] = [window.presenting.presenting is None, window.presenting.console is None]
    print(json.dumps(report))


if __name__ == "__main__":
    main()
