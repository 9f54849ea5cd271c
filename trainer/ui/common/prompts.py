"""Small questions the app asks, shared by its windows (each asking function stays its own, so
tests can answer it by name)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from trainer.ui.common.plain import message_box


def confirm(parent: QWidget, title: str, question: str) -> bool:
    """A yes-or-no question; True for yes."""
    buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    return message_box(parent, QMessageBox.Icon.Question, title, question, buttons) == QMessageBox.StandardButton.Yes
