"""Pictures of the slides for the presenter's console: the room's screen as it is now, and the
slide the next step will show, each drawn at the room's size and scaled down.

Cheap by design: pictures are made only when the step changes (the console asks on
`slide_changed`), the next slide is drawn by one off-screen window kept for the presentation
(its graph laid out once; a step only moves it), and never by the room's own window.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QWidget

from trainer.present.presentation import Presentation

W = TypeVar("W", bound=QWidget)


def scaled(picture: QPixmap, width: int) -> QPixmap:
    return picture.scaledToWidth(max(1, width), Qt.TransformationMode.SmoothTransformation)


class SlidePictures(Generic[W]):
    """`now(room, width)` and `next(presentation, size, width)`. `make(presentation)` builds the
    off-screen window and `restate(window, presentation)` shows another state in it (a
    PresentationWindow: this module cannot import it, as it imports the console)."""

    def __init__(self, make: Callable[[Presentation], W], restate: Callable[[W, Presentation], None]) -> None:
        self._make, self._restate = make, restate
        self._preview: W | None = None
        self._tree: object = None

    def now(self, room: QWidget, width: int) -> QPixmap:
        """The room's screen as it is drawn now."""
        return scaled(room.grab(), width)

    def next(self, presentation: Presentation, size: QSize, width: int) -> QPixmap | None:
        """The slide forward will show, or None when forward shows no slide (the end of the
        tour, or the audience round that follows it)."""
        ahead = presentation.copy()
        if not ahead.forward():
            return None
        preview = self._preview
        if preview is None or self._tree is not presentation.tree:
            self.drop()
            preview = self._preview = self._make(ahead)
            self._tree = presentation.tree
            preview.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)  # drawn, never on a screen
            preview.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
            preview.resize(size)
            preview.show()  # laid out at the room's size, off screen
        elif preview.size() != size:
            preview.resize(size)
        self._restate(preview, ahead)  # and framed now, as the room frames it once laid out
        return scaled(preview.grab(), width)

    def drop(self) -> None:
        """Forget the off-screen window (another theme: the next one takes it)."""
        if self._preview is not None:
            self._preview.deleteLater()
            self._preview = None
