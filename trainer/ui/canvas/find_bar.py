"""The graph's find bar (Ctrl+F): a query, the matches listed as it is typed, and where the
graph is among them ("3 of 120"). Enter or Down goes to the next match, Up to the one before, a
click on a listed match goes to it, and Esc closes the bar (the keyboard goes back to where it
was before the bar opened). What is searched is decided elsewhere (trainer.draw.outline)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from trainer.ui.canvas.items import plain_tooltip

FIND_PLACEHOLDER = "Find a node by its text…"
FIND_MASKED_PLACEHOLDER = "Find a question (outcomes stay hidden during the quiz)…"
LISTED = 200  # matches listed at most (a one-letter query finds most of a large tree)
SHOWN_ROWS = 6  # rows of the list in view before it scrolls
MATCH_ROLE = Qt.ItemDataRole.UserRole + 1  # a row's place among the matches


class _QueryEdit(QLineEdit):
    """The query; Up and Down step through the matches without leaving it."""

    stepped = Signal(int)  # -1 or +1

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down) and not event.modifiers():
            self.stepped.emit(-1 if event.key() == Qt.Key.Key_Up else 1)
            event.accept()
            return
        super().keyPressEvent(event)


class FindBar(QWidget):
    """The query, the count and the list of matches (each row the node's kind and text)."""

    picked = Signal(int)  # the user chose the match at this place (a click on its row)
    stepped = Signal(int)  # Up (-1) or Down (+1) in the query

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = _QueryEdit()
        self.edit.setAccessibleName("Find a node")
        self.edit.stepped.connect(self.stepped)
        self._before: QWidget | None = None  # what had the keyboard before the bar took it
        self.set_masked(False)
        self.edit.setClearButtonEnabled(True)
        self.count = QLabel()
        close = QToolButton()
        close.setText("✕")
        close.setAccessibleName("Close find")
        close.clicked.connect(self.close_bar)
        self.results = QListWidget()
        self.results.setAccessibleName("Matches")
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # typing stays in the query
        self.results.setTextElideMode(Qt.TextElideMode.ElideRight)  # the whole text is the row's tool tip
        self.results.itemClicked.connect(self._on_clicked)
        self.results.hide()
        row = QHBoxLayout()
        row.addWidget(self.edit, 1)
        row.addWidget(self.count)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(4)
        layout.addLayout(row)
        layout.addWidget(self.results)
        QShortcut(
            QKeySequence(Qt.Key.Key_Escape), self.edit, context=Qt.ShortcutContext.WidgetShortcut
        ).activated.connect(self.close_bar)
        self.hide()

    def set_masked(self, masked: bool) -> None:
        """During a quiz the bar searches the questions only, and says so."""
        self.edit.setPlaceholderText(FIND_MASKED_PLACEHOLDER if masked else FIND_PLACEHOLDER)
        self.edit.setAccessibleDescription(
            "Searches the questions only: outcomes stay hidden during the quiz"
            if masked
            else "Searches every node's text"
        )

    def list_matches(self, rows: list[str], total: int) -> None:
        """The first matches as rows ("Question: …"), and how many more there are."""
        results = self.results
        results.setUpdatesEnabled(False)
        results.clear()
        for place, text in enumerate(rows):
            item = QListWidgetItem(text)
            item.setToolTip(plain_tooltip(text))
            item.setData(MATCH_ROLE, place)
            results.addItem(item)
        if total > len(rows):
            more = QListWidgetItem(f"and {total - len(rows):,} more: Enter or Down steps through them all")
            more.setFlags(Qt.ItemFlag.NoItemFlags)
            results.addItem(more)
        results.setUpdatesEnabled(True)
        shown = min(results.count(), SHOWN_ROWS)
        results.setFixedHeight(results.sizeHintForRow(0) * shown + 2 * results.frameWidth() if shown else 0)
        results.setVisible(shown > 0)

    def mark_current(self, place: int, total: int) -> None:
        """The graph is at the match in this place: its row current, and "3 of 120"."""
        self.count.setText(f"{place + 1} of {total}")
        row = self.results.item(place) if place < LISTED else None
        if row is not None and row.data(MATCH_ROLE) == place:
            self.results.setCurrentItem(row)
            self.results.scrollToItem(row)
        else:
            self.results.setCurrentRow(-1)

    def _on_clicked(self, item: QListWidgetItem) -> None:
        place = item.data(MATCH_ROLE)
        if isinstance(place, int):
            self.picked.emit(place)
            self.edit.setFocus()

    def open_bar(self) -> None:
        focused = QApplication.focusWidget()
        if focused is not None and focused is not self.edit and not self.isAncestorOf(focused):
            self._before = focused
        self.show()
        self.edit.setFocus()
        self.edit.selectAll()

    def close_bar(self) -> None:
        had_focus = self.edit.hasFocus()
        self.edit.clear()
        self.list_matches([], 0)
        self.hide()
        before, self._before = self._before, None
        if had_focus and before is not None and isValid(before) and before.isVisible() and before.isEnabled():
            before.setFocus()
