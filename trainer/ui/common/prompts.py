"""Small questions the app asks, shared by its windows (each asking function stays its own, so
tests can answer it by name)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def confirm(parent: QWidget, title: str, question: str) -> bool:
    """A yes-or-no question; True for yes."""
    return QMessageBox.question(parent, title, question) == QMessageBox.StandardButton.Yes
