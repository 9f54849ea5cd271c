"""The library: one card per tree file, broken files included with their first error, under
a heading per exam domain when the library's trees name more than one
(trainer.core.library_groups decides the groups)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
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
from trainer.core.library_groups import Group, group_entries, group_of
from trainer.infra.paths import user_trees_dir
from trainer.ui.canvas.style import active_theme
from trainer.ui.common.plain import plain_tooltip

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 2
DUE_ROLE = Qt.ItemDataRole.UserRole + 3
HEADING_ROLE = Qt.ItemDataRole.UserRole + 4  # a group's heading row: its title
PAD = 10
GAP = 4


def plain_summary(markdown: str) -> str:
    """The summary as plain text for the card (Markdown marks removed, HTML kept as text). Only
    its first MAX_MARKDOWN_CHARS are read: a refused tree is still listed, and Qt's Markdown
    layout of a 160 KB summary took seconds (the card shows two lines of it)."""
    from trainer.core.loader import MAX_MARKDOWN_CHARS
    from trainer.ui.common.markdown_view import MARKDOWN_FEATURES, SafeDocument

    doc = SafeDocument()  # an image in the summary is never read
    doc.setMarkdown(markdown[:MAX_MARKDOWN_CHARS], MARKDOWN_FEATURES)
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
    def _row_width(option: QStyleOptionViewItem) -> int:
        view = option.widget
        return view.viewport().width() if isinstance(view, QAbstractScrollArea) else option.rect.width()

    @classmethod
    def _width(cls, option: QStyleOptionViewItem) -> int:
        """The text's width: the row's less the padding each side (as `paint` draws it)."""
        return max(cls._row_width(option) - 2 * PAD, 80)

    @staticmethod
    def _heading_font(option: QStyleOptionViewItem) -> QFont:
        font = QFont(option.font)
        font.setBold(True)
        font.setPointSizeF(option.font.pointSizeF() * 1.2)
        return font

    def _heading_lines(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex, width: int
    ) -> list[str]:
        return wrap_lines(index.data(HEADING_ROLE), self._heading_font(option), width, self.TITLE_LINES)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        if index.data(HEADING_ROLE):
            lines = self._heading_lines(option, index, self._width(option))
            height = QFontMetrics(self._heading_font(option)).lineSpacing() * len(lines)
            return QSize(self._row_width(option), height + 2 * PAD + GAP)
        blocks = self._blocks(option, index, self._width(option))
        height = 2 * PAD + sum(QFontMetrics(f).lineSpacing() * len(lines) + GAP for f, lines, _ in blocks if lines)
        return QSize(self._row_width(option), height + GAP)  # a little air between cards

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        if index.data(HEADING_ROLE):
            self._paint_heading(painter, option, index)
            return
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

    def _paint_heading(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        """A group's title in the text colour (never greyed, though the row takes no focus),
        with a rule under it so the cards below read as its own."""
        painter.save()
        font = self._heading_font(option)
        rect = option.rect.adjusted(PAD, PAD + GAP, -PAD, -PAD)
        spacing = QFontMetrics(font).lineSpacing()
        painter.setFont(font)
        painter.setPen(option.palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Text))
        y = rect.top()
        for line in self._heading_lines(option, index, rect.width()):
            painter.drawText(QRect(rect.left(), y, rect.width(), spacing), Qt.AlignmentFlag.AlignLeft, line)
            y += spacing
        painter.setPen(option.palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.PlaceholderText))
        painter.drawLine(rect.left(), y + GAP // 2, rect.right(), y + GAP // 2)
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
    lines[-1] = elide_at_word(text[spans[-1][0] :].strip(), fm, width)
    return lines


def elide_at_word(text: str, fm: QFontMetrics, width: int) -> str:
    """`text` if it fits `width`, else as many whole words as fit followed by "…" (a single
    word longer than the line is cut where it must be)."""
    if fm.horizontalAdvance(text) <= width:
        return text
    words = text.split()
    kept: list[str] = []
    for word in words:
        if fm.horizontalAdvance(" ".join([*kept, word]) + "…") > width:
            break
        kept.append(word)
    if not kept:
        return fm.elidedText(text, Qt.TextElideMode.ElideRight, width)
    return " ".join(kept).rstrip(",;:·-–—") + "…"


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
        self.grouped = False
        self.currentItemChanged.connect(self._on_current_item_changed)

    @staticmethod
    def own_folders() -> tuple[Path, ...]:
        """Where the user's own trees live: shown as "My trees", apart from the bundled ones."""
        return (user_trees_dir(),)

    def set_library(self, library: Library) -> None:
        self._fill(library.entries)

    def _fill(self, entries: list[TreeEntry]) -> None:
        """Cards in their groups; headings only when there is more than one group to tell apart."""
        self.blockSignals(True)
        self.clear()
        groups = group_entries(entries, own=self.own_folders())
        self.grouped = len(groups) > 1
        for group in groups:
            if self.grouped:
                self.addItem(self._heading(group))
            for entry in group.entries:
                self.addItem(self._item(entry))
        self.blockSignals(False)

    @staticmethod
    def _heading(group: Group) -> QListWidgetItem:
        item = QListWidgetItem(group.title)
        count = len(group.entries)
        item.setData(HEADING_ROLE, group.title)
        item.setFlags(Qt.ItemFlag.NoItemFlags)  # a heading is never chosen; the arrow keys pass over it
        item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{group.title}: {count} tree{'s' if count != 1 else ''}")
        return item

    def cards(self) -> list[QListWidgetItem]:
        """The rows that hold a tree file, in the order shown (headings left out)."""
        items = (self.item(i) for i in range(self.count()))
        return [item for item in items if item.data(ENTRY_ROLE) is not None]

    def groups(self) -> list[tuple[str, list[TreeEntry]]]:
        """The headings shown and the cards under each (one untitled group when not grouped)."""
        shown: list[tuple[str, list[TreeEntry]]] = [] if self.grouped else [("", [])]
        for i in range(self.count()):
            item = self.item(i)
            if item.data(HEADING_ROLE):
                shown.append((item.data(HEADING_ROLE), []))
            else:
                shown[-1][1].append(item.data(ENTRY_ROLE))
        return shown

    def _item(self, entry: TreeEntry) -> QListWidgetItem:
        item = QListWidgetItem()
        self._show(item, entry)
        return item

    def replace_entry(self, entry: TreeEntry) -> bool:
        """Show a file read again (hot reload) on its card, without choosing it again. False
        when no card has that file."""
        for item in self.cards():
            old: TreeEntry = item.data(ENTRY_ROLE)
            if old.path != entry.path:
                continue
            own = self.own_folders()
            if self.grouped and group_of(old, own=own) != group_of(entry, own=own):  # its tags moved it
                self._regroup(entry)
            else:
                self._show(item, entry)
                self.doItemsLayout()  # its card is measured again: a longer text takes more lines
            return True
        return False

    def _regroup(self, changed: TreeEntry) -> None:
        """Show the groups again with `changed` in place of its old entry, the same card current."""
        current = self.currentItem()
        chosen = current.data(ENTRY_ROLE).path if current is not None else None
        due = {e.path: item.data(DUE_ROLE) for item in self.cards() for e in [item.data(ENTRY_ROLE)]}
        self._fill([changed if e.path == changed.path else e for e in self.entries()])
        self.blockSignals(True)
        for item in self.cards():
            path = item.data(ENTRY_ROLE).path
            item.setData(DUE_ROLE, due.get(path))
            if path == chosen:
                self.setCurrentItem(item)
        self.blockSignals(False)

    def entry_for(self, path: Path) -> TreeEntry | None:
        return next((e for e in self.entries() if e.path == path), None)

    def _show(self, item: QListWidgetItem, entry: TreeEntry) -> None:
        summary = plain_summary(entry.tree.summary) if entry.tree else ""
        item.setText(entry.title)
        item.setData(ENTRY_ROLE, entry)
        item.setData(SUMMARY_ROLE, summary)
        if entry.usable:
            shown = f"{entry.title}\n{summary}\n" if summary else f"{entry.title}\n"
            item.setToolTip(plain_tooltip(f"{shown}{entry.facts()}\n{entry.path}"))  # the whole text a card may elide
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{entry.title}. {summary} {entry.facts()}")
        else:
            shown = "\n".join(str(p) for p in entry.problems[:8])
            item.setToolTip(plain_tooltip(f"{entry.path}\n{shown}"))
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{entry.title}: cannot be opened. {entry.first_error}")

    def set_due_counts(self, due: dict[str, int]) -> None:
        """Show how many quiz items are due for review on each tree's card."""
        for item in self.cards():
            entry: TreeEntry = item.data(ENTRY_ROLE)
            count = due.get(entry.tree.id, 0) if entry.tree is not None and entry.usable else 0
            item.setData(DUE_ROLE, count)
            if entry.usable:
                item.setData(
                    Qt.ItemDataRole.AccessibleTextRole, f"{entry.title}. {item.data(SUMMARY_ROLE)} {entry.facts(count)}"
                )
        self.doItemsLayout()  # cards measured again: "N due for review" may take another line

    def entries(self) -> list[TreeEntry]:
        return [item.data(ENTRY_ROLE) for item in self.cards()]

    def select_path(self, path: str) -> bool:
        for item in self.cards():
            if str(item.data(ENTRY_ROLE).path) == path:
                self.setCurrentItem(item)
                return True
        return False

    def _on_current_item_changed(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if current is not None and current.data(ENTRY_ROLE) is not None:
            self.entry_chosen.emit(current.data(ENTRY_ROLE))
