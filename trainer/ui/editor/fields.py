"""Text fields that hand over their text when the author is done with it, not per keystroke:
a line when Enter is pressed or focus leaves, a paragraph after a short pause or on leaving."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

PAUSE_MS = 600  # typing stopped this long: validate what is there


class LineField(QLineEdit):
    committed = Signal(str)

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self._shown = ""
        self.editingFinished.connect(self._commit)

    def show_text(self, text: str) -> None:
        """Show `text` unless the author is typing here (never move their cursor)."""
        self._shown = text
        if not self.hasFocus() and self.text() != text:
            self.setText(text)
            self.setCursorPosition(0)  # show the beginning of a long text, not its end

    def _commit(self) -> None:
        if self.text() != self._shown:
            self._shown = self.text()
            self.committed.emit(self.text())


class TextField(QPlainTextEdit):
    committed = Signal(str)

    def __init__(self, name: str, lines: int = 3, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.setTabChangesFocus(True)
        self._shown = ""
        self.setFixedHeight(self.fontMetrics().lineSpacing() * lines + 14)
        self._pause = QTimer(self, singleShot=True, interval=PAUSE_MS)
        self._pause.timeout.connect(self._commit)
        self.textChanged.connect(self._on_changed)

    def show_text(self, text: str) -> None:
        self._shown = text
        if not self.hasFocus() and self.toPlainText() != text:
            self.blockSignals(True)
            self.setPlainText(text)
            self.blockSignals(False)

    def _on_changed(self) -> None:
        self._pause.start()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self._commit()
        super().focusOutEvent(event)

    def _commit(self) -> None:
        self._pause.stop()
        if self.toPlainText() != self._shown:
            self._shown = self.toPlainText()
            self.committed.emit(self._shown)
