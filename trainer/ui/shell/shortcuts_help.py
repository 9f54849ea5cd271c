"""Help > Keyboard Shortcuts (F1 or ?): every key the app answers to, in one sheet.

The menu part is read from the window's own actions, so it can never disagree with them; the
keys that are not menu actions (the walk, the graph, the quiz, the presentation) are listed here.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMainWindow,
    QMenu,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from trainer.ui.common.actions import Actions, ActionSpec, Menus

FIRST = "open_log_folder"  # the sheet comes first in Help

KEYS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "Walking a tree",
        (
            ("1–9", "choose an answer"),
            ("Backspace", "back one question"),
            ("Home", "start again"),
            ("H", "show or hide the hint"),
        ),
    ),
    (
        "The graph (when it has the focus)",
        (
            ("Arrow keys", "pan"),
            ("+ or −", "zoom in or out"),
            ("0", "fit the tree"),
            ("C", "fold or unfold the selected question"),
            ("Ctrl+F", "find a node by its text"),
        ),
    ),
    (
        "A quiz",
        (
            ("1–9", "pick an option"),
            ("Enter", "answer with it, then go on"),
            ("H", "hint (costs half a point)"),
            ("L, M, S", "how sure you were"),
            ("Esc", "end the quiz with a partial score"),
        ),
    ),
    (
        "Presenting (F5)",
        (
            (
                "PageDown, Right or Space",
                "next step; at a path's end, the next branch; at the tour's end, the audience round",
            ),
            ("PageUp or Left", "step back"),
            ("1–9", "choose an answer"),
            ("B or .", "blank the screen"),
            ("G", "the whole tree"),
            ("N", "one screen: show or hide the presenter's notes over the slide"),
            ("Home", "start again"),
            ("Q", "an audience round on the tree's scenarios"),
            ("Esc", "leave the presentation"),
        ),
    ),
    (
        "An audience round (Q while presenting)",
        (
            ("PageDown, Right or Space", "reveal the right answer, then go on"),
            ("PageUp or Left", "step back"),
            ("T", "type the room's votes: digits, Tab or Enter for the next letter, Esc to cancel"),
            ("C", "start or pause the countdown"),
            ("Q", "the next scenario"),
            ("1–9", "choose a scenario"),
            ("B or .", "blank the screen"),
            ("Home", "the round's first question"),
            ("G", "the whole tree"),
            ("Esc", "end the round: back to the slide"),
        ),
    ),
    (
        "The presenter console (two screens)",
        (
            ("Every presenting key", "drives the room's screen from the console"),
            ("R", "reset the elapsed time"),
            ("Esc", "leave the presentation and the console"),
        ),
    ),
)


def menu_shortcuts(window: QMainWindow) -> list[tuple[str, str, str]]:
    """(menu, command, keys) for every menu command that has a shortcut, in menu order."""
    found: list[tuple[str, str, str]] = []

    def walk(menu: QMenu, path: str) -> None:
        for action in menu.actions():
            submenu = action.menu()
            if isinstance(submenu, QMenu):
                walk(submenu, f"{path} > {_plain(action.text())}")
            elif action.shortcuts():
                keys = ", ".join(s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts())
                found.append((path, _plain(action.text()), keys))

    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            walk(menu, _plain(top.text()))
    return found


def _plain(text: str) -> str:
    return text.replace("&&", "\x00").replace("&", "").replace("\x00", "&")


class _Wrapping(QStyledItemDelegate):
    """Rows of the sheet are as tall as their meaning needs, wrapped to its column's width."""

    def __init__(self, sheet: QTreeWidget) -> None:
        super().__init__(sheet)
        self.sheet = sheet

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        width = self.sheet.columnWidth(index.column()) - 12  # the text's margins, with room to spare
        text = str(index.data() or "")
        if width <= 0 or not text or not index.parent().isValid():  # a section's title spans the row
            return hint
        needed = option.fontMetrics.boundingRect(QRect(0, 0, width, 100_000), Qt.TextFlag.TextWordWrap, text)
        return QSize(hint.width(), max(hint.height(), needed.height() + 4))


class ShortcutsDialog(QDialog):
    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setWindowTitle("Keyboard shortcuts")
        self.sheet = QTreeWidget()
        self.sheet.setAccessibleName("Keyboard shortcuts")
        self.sheet.setHeaderLabels(["Keys", "What they do"])
        self.sheet.setRootIsDecorated(False)
        sections: dict[str, QTreeWidgetItem] = {}
        for menu, command, keys in menu_shortcuts(window):
            section = sections.get(menu) or self._section(sections, menu)
            section.addChild(QTreeWidgetItem([keys, command]))
        for title, rows in KEYS:
            section = self._section(sections, title)
            for keys, meaning in rows:
                section.addChild(QTreeWidgetItem([keys, meaning]))
        self.sheet.setWordWrap(True)  # a long meaning wraps onto more lines, never cut with "…"
        self.sheet.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.sheet.setUniformRowHeights(False)
        self.sheet.setItemDelegate(_Wrapping(self.sheet))
        self.sheet.header().sectionResized.connect(lambda *_: self.sheet.doItemsLayout())
        self.sheet.header().setStretchLastSection(True)
        self.sheet.expandAll()
        self.sheet.resizeColumnToContents(0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.sheet)
        layout.addWidget(buttons)
        self.resize(620, 640)

    def _section(self, sections: dict[str, QTreeWidgetItem], title: str) -> QTreeWidgetItem:
        item = sections[title] = QTreeWidgetItem([title, ""])
        font = item.font(0)
        font.setBold(True)
        item.setFont(0, font)
        item.setFirstColumnSpanned(True)
        self.sheet.addTopLevelItem(item)
        item.setFirstColumnSpanned(True)
        return item


class ShortcutsHelp(QObject):
    """Adds Help > Keyboard Shortcuts (F1) and the ? key to a window."""

    def __init__(self, window: QMainWindow, menus: Menus, actions: Actions) -> None:
        super().__init__(window)
        self.window = window
        self.dialog: ShortcutsDialog | None = None
        spec = ActionSpec("keyboard_shortcuts", "&Keyboard Shortcuts", "help", self.show, "F1", before=FIRST)
        (self.action,) = actions.add([spec], menus, window)
        for keys in ("?", "Shift+?"):  # "?" is Shift+/ on most keyboards: match it either way
            QShortcut(QKeySequence(keys), window, context=Qt.ShortcutContext.WindowShortcut).activated.connect(
                self.show
            )

    def show(self) -> ShortcutsDialog:
        self.dialog = ShortcutsDialog(self.window)  # read afresh: menus may have grown since
        self.dialog.show()
        return self.dialog
