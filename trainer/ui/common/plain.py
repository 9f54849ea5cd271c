"""Author text shown as text, wherever Qt would guess rich text.

QLabel (AutoText), tool tips and QMessageBox read text that looks like HTML as HTML: a tree
titled `<img src='/dev/zero'>` made Qt read that file into memory until the app aborted, a FIFO
blocked the window for good, and `file:///` read any local file. Every place in the window that
shows what an author wrote goes through one of these, so Qt never guesses.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget


def plain_tooltip(text: str) -> str:
    """A tool tip that shows `text` as written: escaped inside <p>, so Qt reads it as rich text
    with no tags of the author's (line breaks kept)."""
    return "<p>" + html.escape(text, quote=False).replace("\n", "<br>") + "</p>"


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A QLabel that never reads its text as HTML."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    return label


def no_mnemonic(text: str) -> str:
    """Button and menu texts read "&" as a shortcut mark: an author's "Q&A" showed as "QA"."""
    return text.replace("&", "&&")


def window_title(text: str) -> str:
    """Window titles hide "[*]" (the unsaved-changes mark): doubled, it shows as written."""
    return text.replace("[*]", "[*][*]")


def message_box(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    buttons: QMessageBox.StandardButton = QMessageBox.StandardButton.Ok,
) -> QMessageBox.StandardButton:
    """QMessageBox.warning and friends, with the text shown as plain text (they guess rich text
    and would read an `<img>` in a tree's title or an error naming it)."""
    box = QMessageBox(icon, window_title(title), text, buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return QMessageBox.StandardButton(box.exec())
