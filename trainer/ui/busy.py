"""A progress line for long work: what is being done ("Loading trees… 12 of 40"), a bar, and a
Cancel button. The library shows one above its cards; the graph shows one over its view."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from trainer.progress import Snapshot


class BusyBar(QFrame):
    """Shows a task's progress while it runs; `cancel_requested` when Cancel is pressed."""

    cancel_requested = Signal()

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("busyBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)  # readable when it floats over the graph
        self.label = QLabel()
        self.label.setAccessibleName(name)  # screen readers hear "Library loading: Loading trees… 12 of 40"
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setAccessibleName(f"{name} progress")
        self.bar.setTextVisible(False)
        self.bar.setMaximumHeight(10)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setAccessibleName(f"Cancel {name.lower()}")
        self.cancel_button.setToolTip("Stop (Esc)")
        self.cancel_button.clicked.connect(self.cancel_requested)
        # Esc anywhere in the window, only while the bar shows (a hidden widget's shortcut is off)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self, context=Qt.ShortcutContext.WindowShortcut)
        escape.activated.connect(self.cancel_button.click)
        text = QVBoxLayout()
        text.setSpacing(4)
        text.addWidget(self.label)
        text.addWidget(self.bar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addLayout(text, 1)
        layout.addWidget(self.cancel_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.hide()

    def begin(self, text: str) -> None:
        """Show the bar with `text` and a busy (indeterminate) bar until counts arrive."""
        self.label.setText(text)
        self.bar.setRange(0, 0)
        self.cancel_button.setEnabled(True)
        self.show()
        self.raise_()

    def show_progress(self, snapshot: Snapshot) -> None:
        if snapshot.text:
            self.label.setText(snapshot.text)
        if snapshot.total:
            self.bar.setRange(0, snapshot.total)
            self.bar.setValue(min(snapshot.done, snapshot.total))
        else:
            self.bar.setRange(0, 0)

    def end(self) -> None:
        self.hide()
