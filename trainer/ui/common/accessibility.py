"""Names for the parts of a window Qt leaves nameless: splitter handles and the size grip.

A screen reader announces a control by its accessible name; a drag handle without one is read
as just "grip". tests/ui/shell/test_accessible_names.py checks every visible control has a name.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow, QSizeGrip, QSplitter


def name_handles(splitter: QSplitter, *names: str) -> None:
    """Name the handles between the splitter's panes, left to right (or top to bottom)."""
    for index, name in enumerate(names, start=1):
        splitter.handle(index).setAccessibleName(name)


def name_size_grip(window: QMainWindow) -> None:
    grip = window.statusBar().findChild(QSizeGrip)
    if grip is not None:
        grip.setAccessibleName("Resize the window")
