"""F1 (or ?) shows every key the app answers to: the menus' own shortcuts, read from the actions,
and the keys of the walk, the graph, the quiz and the presentation."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication, QTreeWidgetItemIterator

from trainer.ui.shell.shortcuts_help import ShortcutsDialog


def rows(dialog: ShortcutsDialog) -> list[tuple[str, str]]:
    found, it = [], QTreeWidgetItemIterator(dialog.sheet)
    while it.value():
        found.append((it.value().text(0), it.value().text(1)))
        it += 1
    return found


def test_f1_lists_the_menu_shortcuts_and_the_other_keys(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    qtbot.keyClick(window, Qt.Key.Key_F1)
    dialog = window.shortcuts_help.dialog
    assert dialog is not None and dialog.isVisible()
    listed = rows(dialog)
    assert ("Ctrl+Shift+Q", "Start Quiz…") in listed and ("F1", "Keyboard Shortcuts") in listed
    assert ("F5", "Present") in listed or any(keys == "F5" for keys, _ in listed)
    assert ("B or .", "blank the screen") in listed and ("C", "fold or unfold the selected question") in listed
    sections = [dialog.sheet.topLevelItem(i).text(0) for i in range(dialog.sheet.topLevelItemCount())]
    assert sections[0] == "File" and "Presenting (F5)" in sections
    dialog.close()


def test_the_question_mark_opens_it_too_but_types_in_a_text_field(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    for modifiers in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier):
        window.shortcuts_help.dialog = None
        qtbot.keyClick(window, Qt.Key.Key_Question, modifiers)
        assert window.shortcuts_help.dialog is not None and window.shortcuts_help.dialog.isVisible()
        window.shortcuts_help.dialog.close()
    window.shortcuts_help.dialog = None
    window.graph.find_bar.open_bar()
    qtbot.keyClicks(window.graph.find_bar.edit, "why?")
    assert window.graph.find_bar.edit.text() == "why?" and window.shortcuts_help.dialog is None


def test_every_meaning_is_shown_whole_at_any_width(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    """The second column wraps: each row is as tall as its text needs at the column's width, so
    no description is cut with "…" (the long presenting ones were)."""
    window = make_window()
    qtbot.keyClick(window, Qt.Key.Key_F1)
    dialog = window.shortcuts_help.dialog
    sheet = dialog.sheet
    for width in (620, 460):
        dialog.resize(width, 640)
        qtbot.waitUntil(lambda width=width: dialog.width() == width)
        QApplication.processEvents()
        checked = 0
        it = QTreeWidgetItemIterator(sheet)
        while it.value():
            item = it.value()
            it += 1
            if item.parent() is None:
                continue
            rect = sheet.visualRect(sheet.indexFromItem(item, 1))
            room = rect.adjusted(4, 0, -4, 0)  # the delegate's text margins
            needed = sheet.fontMetrics().boundingRect(
                QRect(0, 0, room.width(), 10_000), Qt.TextFlag.TextWordWrap, item.text(1)
            )
            assert needed.width() <= room.width() and needed.height() <= rect.height(), item.text(1)
            checked += 1
        assert checked > 30
    pixels = sheet.viewport().grab().toImage()
    assert not pixels.isNull()
    dialog.close()
