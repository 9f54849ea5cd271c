"""The library: one card per tree file, broken files included with their first error."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette, QTextDocument, QTextLayout
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from trainer.library import Library, TreeEntry

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 2
PAD = 10
SUMMARY_LINES = 2


def plain_summary(markdown: str) -> str:
    """The summary as plain text for the card (Markdown marks removed, HTML kept as text)."""
    from trainer.ui.markdown_view import MARKDOWN_FEATURES

    doc = QTextDocument()
    doc.setMarkdown(markdown, MARKDOWN_FEATURES)
    return " ".join(doc.toPlainText().split())


class CardDelegate(QStyledItemDelegate):
    """Paints a card: title, up to two lines of summary, then facts or the first error."""

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont, QFont]:
        title = QFont(option.font)
        title.setBold(True)
        title.setPointSizeF(option.font.pointSizeF() * 1.1)
        small = QFont(option.font)
        small.setPointSizeF(option.font.pointSizeF() * 0.9)
        return title, option.font, small

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        title, body, small = self._fonts(option)
        height = PAD * 2 + QFontMetrics(title).height() + 4
        height += QFontMetrics(body).lineSpacing() * SUMMARY_LINES + 4 + QFontMetrics(small).height()
        return QSize(260, height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        entry: TreeEntry = index.data(ENTRY_ROLE)
        title_font, body_font, small_font = self._fonts(option)
        painter.save()
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorGroup.Active if option.state & QStyle.StateFlag.State_Active else QPalette.ColorGroup.Inactive
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        text_color = option.palette.color(group, text_role)
        rect = option.rect.adjusted(PAD, PAD, -PAD, -PAD)
        y = rect.top()
        painter.setFont(title_font)
        painter.setPen(text_color)
        title_h = QFontMetrics(title_font).height()
        prefix = "⚠ " if not entry.usable else ""
        painter.drawText(QRect(rect.left(), y, rect.width(), title_h), Qt.AlignmentFlag.AlignLeft,
                         QFontMetrics(title_font).elidedText(prefix + entry.title, Qt.TextElideMode.ElideRight, rect.width()))
        y += title_h + 4
        painter.setFont(body_font)
        y = self._paint_wrapped(painter, index.data(SUMMARY_ROLE) or "", body_font, rect.left(), y, rect.width())
        y = rect.top() + title_h + 4 + QFontMetrics(body_font).lineSpacing() * SUMMARY_LINES + 4
        painter.setFont(small_font)
        fm = QFontMetrics(small_font)
        if entry.usable:
            facts = entry.facts()
            painter.setPen(text_color if selected else option.palette.color(group, QPalette.ColorRole.PlaceholderText))
        else:
            problem = entry.first_error
            facts = f"Cannot be opened: line {problem.pos.line}: {problem.message}" if problem else "Cannot be opened"
            painter.setPen(text_color if selected else _error_colour(option.palette))
        painter.drawText(QRect(rect.left(), y, rect.width(), fm.height()), Qt.AlignmentFlag.AlignLeft,
                         fm.elidedText(facts, Qt.TextElideMode.ElideRight, rect.width()))
        painter.restore()

    @staticmethod
    def _paint_wrapped(painter: QPainter, text: str, font: QFont, x: int, y: int, width: int) -> int:
        """Draw `text` wrapped to at most SUMMARY_LINES lines, the last one elided."""
        fm = QFontMetrics(font)
        layout = QTextLayout(text, font)
        layout.beginLayout()
        lines = []
        while len(lines) < SUMMARY_LINES:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            lines.append(line)
        layout.endLayout()
        for i, line in enumerate(lines):
            start, length = line.textStart(), line.textLength()
            chunk = text[start:] if i == len(lines) - 1 else text[start:start + length]
            shown = fm.elidedText(chunk.strip(), Qt.TextElideMode.ElideRight, width)
            painter.drawText(QRect(x, y, width, fm.lineSpacing()), Qt.AlignmentFlag.AlignLeft, shown)
            y += fm.lineSpacing()
        return y


def _error_colour(palette: QPalette):
    from PySide6.QtGui import QColor

    dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
    return QColor("#ff8a80") if dark else QColor("#b00020")


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
        self.setUniformItemSizes(True)
        self.setMinimumWidth(280)
        self.currentItemChanged.connect(self._on_current_item_changed)

    def set_library(self, library: Library) -> None:
        self.blockSignals(True)
        self.clear()
        for entry in library.entries:
            self.addItem(self._item(entry))
        self.blockSignals(False)

    def _item(self, entry: TreeEntry) -> QListWidgetItem:
        summary = plain_summary(entry.tree.summary) if entry.tree else ""
        item = QListWidgetItem(entry.title)
        item.setData(ENTRY_ROLE, entry)
        item.setData(SUMMARY_ROLE, summary)
        if entry.usable:
            item.setToolTip(f"{entry.title}\n{entry.facts()}\n{entry.path}")
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{entry.title}. {summary} {entry.facts()}")
        else:
            shown = "\n".join(str(p) for p in entry.problems[:8])
            item.setToolTip(f"{entry.path}\n{shown}")
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{entry.title}: cannot be opened. {entry.first_error}")
        return item

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
