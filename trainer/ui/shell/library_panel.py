"""The library: one card per tree file, broken files included with their first error."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
    QTextDocument,
    QTextLayout,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QListView,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from trainer.core.library import Library, TreeEntry
from trainer.ui.canvas.style import active_theme

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 2
DUE_ROLE = Qt.ItemDataRole.UserRole + 3
PAD = 10
GAP = 4


def plain_summary(markdown: str) -> str:
    """The summary as plain text for the card (Markdown marks removed, HTML kept as text)."""
    from trainer.ui.common.markdown_view import MARKDOWN_FEATURES

    doc = QTextDocument()
    doc.setMarkdown(markdown, MARKDOWN_FEATURES)
    return " ".join(doc.toPlainText().split())


class CardDelegate(QStyledItemDelegate):
    """Paints a card: the title (up to two lines), up to two lines of summary, then the facts
    (or the first error). Heights follow the text, so nothing is cut off mid-word."""

    TITLE_LINES, SUMMARY_LINES, FACT_LINES = 2, 2, 2

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont, QFont]:
        title = QFont(option.font)
        title.setBold(True)
        title.setPointSizeF(option.font.pointSizeF() * 1.1)
        small = QFont(option.font)
        small.setPointSizeF(option.font.pointSizeF() * 0.9)
        return title, option.font, small

    def _blocks(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex, width: int
    ) -> list[tuple[QFont, list[str], str]]:
        """(font, wrapped lines, colour role) for each part of the card."""
        entry: TreeEntry = index.data(ENTRY_ROLE)
        title_font, body_font, small_font = self._fonts(option)
        if entry.usable:
            facts, tone = entry.facts(index.data(DUE_ROLE) or 0), "muted"
        else:
            problem = entry.first_error
            facts = f"Cannot be opened: line {problem.pos.line}: {problem.message}" if problem else "Cannot be opened"
            tone = "error"
        title = ("⚠ " if not entry.usable else "") + entry.title
        return [
            (title_font, wrap_lines(title, title_font, width, self.TITLE_LINES), "text"),
            (body_font, wrap_lines(index.data(SUMMARY_ROLE) or "", body_font, width, self.SUMMARY_LINES), "text"),
            (small_font, wrap_lines(facts, small_font, width, self.FACT_LINES), tone),
        ]

    @staticmethod
    def _width(option: QStyleOptionViewItem) -> int:
        view = option.widget
        width = view.viewport().width() if isinstance(view, QAbstractScrollArea) else option.rect.width()
        return max(width - 2 * PAD, 80)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        blocks = self._blocks(option, index, self._width(option))
        height = 2 * PAD + sum(QFontMetrics(f).lineSpacing() * len(lines) + GAP for f, lines, _ in blocks if lines)
        return QSize(self._width(option), height + GAP)  # a little air between cards

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        painter.save()
        if option.widget is not None:
            option.widget.style().drawPrimitive(
                QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, option.widget
            )
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        group = (
            QPalette.ColorGroup.Active if option.state & QStyle.StateFlag.State_Active else QPalette.ColorGroup.Inactive
        )
        colours = {
            "text": option.palette.color(
                group, QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
            ),
            "muted": option.palette.color(group, QPalette.ColorRole.PlaceholderText),
            "error": _error_colour(option.palette),
        }
        if selected:
            colours["muted"] = colours["error"] = colours["text"]
        rect = option.rect.adjusted(PAD, PAD, -PAD, -PAD)
        y = rect.top()
        for font, lines, tone in self._blocks(option, index, rect.width()):
            painter.setFont(font)
            painter.setPen(colours[tone])
            spacing = QFontMetrics(font).lineSpacing()
            for line in lines:
                painter.drawText(QRect(rect.left(), y, rect.width(), spacing), Qt.AlignmentFlag.AlignLeft, line)
                y += spacing
            if lines:
                y += GAP
        painter.restore()


def wrap_lines(text: str, font: QFont, width: int, most: int) -> list[str]:
    """`text` wrapped to `width`, at most `most` lines, the last one elided if text remains."""
    if not text:
        return []
    fm = QFontMetrics(font)
    layout = QTextLayout(text, font)
    layout.beginLayout()
    spans: list[tuple[int, int]] = []
    while len(spans) < most:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        spans.append((line.textStart(), line.textLength()))
    layout.endLayout()
    lines = [text[start : start + length].strip() for start, length in spans]
    last_start = spans[-1][0]
    lines[-1] = fm.elidedText(text[last_start:].strip(), Qt.TextElideMode.ElideRight, width)
    return lines


def _error_colour(palette: QPalette) -> QColor:
    """The theme's error colour (measured against panels in the contrast test)."""
    theme = active_theme(palette)
    return QColor(theme.colours["error"] if theme is not None else "#b00020")


class LibraryPanel(QListWidget):
    """Lists the library; `entry_chosen` fires when the user picks a card."""

    entry_chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("library")
        self.setAccessibleName("Tree library")
        self.setItemDelegate(CardDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setResizeMode(QListView.ResizeMode.Adjust)  # re-wrap cards when the panel resizes
        self.setSpacing(0)
        self.setMinimumWidth(200)
        self.currentItemChanged.connect(self._on_current_item_changed)

    def set_library(self, library: Library) -> None:
        self.blockSignals(True)
        self.clear()
        for entry in library.entries:
            self.addItem(self._item(entry))
        self.blockSignals(False)

    def _item(self, entry: TreeEntry) -> QListWidgetItem:
        item = QListWidgetItem()
        self._show(item, entry)
        return item

    def replace_entry(self, entry: TreeEntry) -> bool:
        """Show a file read again (hot reload) on its card, without choosing it again. False
        when no card has that file."""
        for i in range(self.count()):
            item = self.item(i)
            if item.data(ENTRY_ROLE).path == entry.path:
                self._show(item, entry)
                return True
        return False

    def entry_for(self, path: Path) -> TreeEntry | None:
        return next((e for e in self.entries() if e.path == path), None)

    def _show(self, item: QListWidgetItem, entry: TreeEntry) -> None:
        summary = plain_summary(entry.tree.summary) if entry.tree else ""
        item.setText(entry.title)
        item.setData(ENTRY_ROLE, entry)
        item.setData(SUMMARY_ROLE, summary)
        if entry.usable:
            item.setToolTip(f"{entry.title}\n{entry.facts()}\n{entry.path}")
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{entry.title}. {summary} {entry.facts()}")
        else:
            shown = "\n".join(str(p) for p in entry.problems[:8])
            item.setToolTip(f"{entry.path}\n{shown}")
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{entry.title}: cannot be opened. {entry.first_error}")

    def set_due_counts(self, due: dict[str, int]) -> None:
        """Show how many quiz items are due for review on each tree's card."""
        for i in range(self.count()):
            item = self.item(i)
            entry: TreeEntry = item.data(ENTRY_ROLE)
            count = due.get(entry.tree.id, 0) if entry.tree is not None and entry.usable else 0
            item.setData(DUE_ROLE, count)
            if entry.usable:
                item.setData(
                    Qt.ItemDataRole.AccessibleTextRole, f"{entry.title}. {item.data(SUMMARY_ROLE)} {entry.facts(count)}"
                )

    def entries(self) -> list[TreeEntry]:
        return [self.item(i).data(ENTRY_ROLE) for i in range(self.count())]

    def select_path(self, path: str) -> bool:
        for i in range(self.count()):
            if str(self.item(i).data(ENTRY_ROLE).path) == path:
                self.setCurrentRow(i)
                return True
        return False

    def _on_current_item_changed(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if current is not None:
            self.entry_chosen.emit(current.data(ENTRY_ROLE))
