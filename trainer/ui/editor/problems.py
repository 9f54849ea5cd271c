"""The editor's list of problems: each error and warning with its line, as plain text (a
problem quotes what the author wrote), and the tally the status bar shows."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from trainer.core.problems import Problem

PROBLEM_ROLE = Qt.ItemDataRole.UserRole + 1


class ProblemList(QListWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("problems")
        self.setAccessibleName("Problems in the tree")
        self.setWordWrap(True)
        self.setUniformItemSizes(False)

    def show_problems(self, problems: list[Problem]) -> str:
        """List `problems`; the tally for the status bar."""
        self.clear()
        for problem in problems:
            item = QListWidgetItem(f"{'✗' if problem.is_error else '⚠'} line {problem.pos.line}: {problem.message}")
            item.setData(PROBLEM_ROLE, problem)
            self.addItem(item)
        errors = sum(p.is_error for p in problems)
        warnings = len(problems) - errors
        return f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}" + (
            ": it cannot be studied until the errors are fixed" if errors else ""
        )
