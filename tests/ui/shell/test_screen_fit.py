"""Windows open inside the screen's available area, frame included: the main window and an
editor window on a screen smaller than their preferred 1500x900 (a 1600x900 screen cut the
status bar off), measured from the geometry Qt gives them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, QSize

from trainer.author.session import EditSession
from trainer.ui.common.screen_fit import FRAME_GUESS, fitted
from trainer.ui.editor.window import EditorWindow


def test_the_preferred_size_shrinks_to_the_available_area_with_room_for_the_frame() -> None:
    available = QRect(0, 27, 1600, 873)  # 1600x900 with a top panel
    rect = fitted(QSize(1500, 900), available, FRAME_GUESS)
    assert rect.height() + FRAME_GUESS.height() <= available.height()
    assert rect.width() == 1500
    assert available.contains(rect)
    roomy = fitted(QSize(1500, 900), QRect(0, 0, 1920, 1080), FRAME_GUESS)
    assert roomy.size() == QSize(1500, 900) and roomy.center() == QRect(0, 0, 1920, 1080).center()


def inside_screen(window) -> bool:  # type: ignore[no-untyped-def]
    available = window.screen().availableGeometry()
    return available.contains(window.frameGeometry()) and available.contains(window.geometry())


def test_the_main_window_opens_inside_the_available_screen(qtbot, library_dir: Path) -> None:
    from trainer.ui.shell.main_window import MainWindow
    from trainer.ui.shell.settings import WindowSettings

    window = MainWindow([library_dir], WindowSettings())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.screen().availableGeometry().height() < 900  # the test screen is smaller
    assert inside_screen(window)
    assert window.statusBar().isVisible()
    bar = window.statusBar().geometry().translated(window.geometry().topLeft())
    assert window.screen().availableGeometry().contains(bar)  # the status bar is on screen


def test_an_editor_window_opens_inside_the_available_screen(qtbot, library_dir: Path) -> None:
    window = EditorWindow(EditSession.open(library_dir / "a-edge.yaml"))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert inside_screen(window)
