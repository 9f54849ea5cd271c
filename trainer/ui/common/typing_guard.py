"""Single-key shortcuts that give way to text fields.

A window-wide QShortcut on a plain key (a digit, H, Enter, Esc, Space) fires whatever widget has
the focus. Qt lets a focused line edit claim printable keys first (its ShortcutOverride), but not
Enter or Esc, and a field that is shown but cannot take the focus claims nothing: the keys typed
"into" it then answered a quiz. `KeyShortcuts` owns such shortcuts and switches all of them off
while the keyboard focus is in a field that takes typing (a line edit, a spin box, an editable
text box or combo box, a key-sequence editor), wherever that field is, so every key typed there
is the field's; each shortcut may also have a condition of its own (`refresh` when it changes).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QKeySequenceEdit,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)


def takes_typing(widget: QWidget | None) -> bool:
    """`widget` is a field whose keys are text (or edit text): single-key shortcuts must not
    take them. Read-only fields and views are not (their keys stay the window's)."""
    if widget is None:
        return False
    if isinstance(widget, QLineEdit):
        return not widget.isReadOnly()
    if isinstance(widget, QAbstractSpinBox):
        return not widget.isReadOnly()
    if isinstance(widget, (QTextEdit, QPlainTextEdit)):
        return not widget.isReadOnly()
    if isinstance(widget, QComboBox):
        return widget.isEditable()
    if isinstance(widget, QKeySequenceEdit):
        return True
    parent = widget.parentWidget()  # the line edit inside a spin box or an editable combo box
    return isinstance(parent, (QAbstractSpinBox, QComboBox)) and takes_typing(parent)


class KeyShortcuts(QObject):
    """Window-wide single-key shortcuts of `owner` (active while it is shown), off while the
    focus is in a text field anywhere in the application."""

    def __init__(self, owner: QWidget) -> None:
        super().__init__(owner)
        self.owner = owner
        self._shortcuts: list[tuple[QShortcut, Callable[[], bool] | None]] = []
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus_changed)

    def add(
        self, key: QKeySequence | Qt.Key | str, slot: Callable[[], object], when: Callable[[], bool] | None = None
    ) -> QShortcut:
        """A shortcut on `key` calling `slot`, enabled while `when()` (if given) is true and no
        text field has the focus."""
        shortcut = QShortcut(QKeySequence(key), self.owner, context=Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(slot)
        self._shortcuts.append((shortcut, when))
        self._apply(shortcut, when, self.typing())
        return shortcut

    @staticmethod
    def typing() -> bool:
        """The keyboard focus is in a text field."""
        return takes_typing(QApplication.focusWidget())

    def refresh(self) -> None:
        """Enable each shortcut as its condition and the focus say now."""
        typing = self.typing()
        for shortcut, when in self._shortcuts:
            self._apply(shortcut, when, typing)

    @staticmethod
    def _apply(shortcut: QShortcut, when: Callable[[], bool] | None, typing: bool) -> None:
        shortcut.setEnabled(not typing and (when is None or when()))

    def _on_focus_changed(self, _old: QWidget | None, now: QWidget | None) -> None:
        typing = takes_typing(now)
        for shortcut, when in self._shortcuts:
            self._apply(shortcut, when, typing)
