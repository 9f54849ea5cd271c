"""Windows that open inside the screen they are on: a preferred size, never larger than the
screen's available area (the desktop's panels left out), title bar and frame included.

`fit_to_screen(window, 1500, 900)` sizes and centres the window now, and once more when it is
first shown, when the window manager's frame is known (a 1600x900 screen cut the status bar off
a 1500x900 window: the frame's title bar pushed it past the panel).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QSize
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

FRAME_GUESS = QSize(16, 40)  # a title bar and borders, until the window manager has framed it


def _screen(window: QWidget) -> QScreen | None:
    return window.screen() or QGuiApplication.primaryScreen()


def fitted(preferred: QSize, available: QRect, frame: QSize) -> QRect:
    """The window's client rectangle: `preferred` shrunk so the frame fits `available`, centred."""
    width = max(200, min(preferred.width(), available.width() - frame.width()))
    height = max(150, min(preferred.height(), available.height() - frame.height()))
    rect = QRect(0, 0, width, height)
    rect.moveCenter(available.center())
    return rect


def _frame(window: QWidget) -> QSize:
    outer, inner = window.frameGeometry(), window.geometry()
    extra = QSize(outer.width() - inner.width(), outer.height() - inner.height())
    return extra if extra.width() > 0 or extra.height() > 0 else FRAME_GUESS


def keep_on_screen(window: QWidget) -> None:
    """Shrink and move a window whose frame reaches past its screen's available area."""
    screen = _screen(window)
    if screen is None or window.isMaximized() or window.isFullScreen():
        return
    available = screen.availableGeometry()
    if available.contains(window.frameGeometry()):
        return
    frame = _frame(window)
    rect = fitted(window.size(), available, frame)
    window.resize(rect.size())
    outer = QRect(0, 0, rect.width() + frame.width(), rect.height() + frame.height())
    outer.moveCenter(available.center())
    window.move(outer.topLeft())


class _FitOnShow(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget):
            keep_on_screen(watched)
            watched.removeEventFilter(self)
            self.deleteLater()
        return False


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Size `window` to width x height, or less on a smaller screen, centred; checked again on
    its first show (a geometry restored afterwards wins, and is kept on screen the same way)."""
    screen = _screen(window)
    if screen is not None:
        available = screen.availableGeometry()
        rect = fitted(QSize(width, height), available, FRAME_GUESS)
        window.resize(rect.size())
        outer = QRect(0, 0, rect.width() + FRAME_GUESS.width(), rect.height() + FRAME_GUESS.height())
        outer.moveCenter(available.center())
        window.move(outer.topLeft())
    else:
        window.resize(width, height)
    window.installEventFilter(_FitOnShow(window))
