"""Quiz > Start Quiz…: a small dialog that asks what to quiz on and how.

`QuizSetup.ask` is the one entry point; tests replace it to return settings without a dialog.
The settings go unchanged to `trainer.quiz.build_quiz` (scope picks the trees, the rest is
passed through). The "Reviews due" scope quizzes on the items due for review across all trees; it
can be chosen only when something is due.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from trainer.quiz import KINDS

SCOPE_TREE, SCOPE_ALL, SCOPE_TAG, SCOPE_DUE = "tree", "all", "tag", "due"
KIND_NAMES = {
    "walk": "Scenario walk",
    "choice": "Scenario choice",
    "path": "Path to outcome",
    "reverse": "Reverse (which answers lead here)",
}
MAX_SEED = 2**31 - 1


def random_seed() -> int:
    return random.SystemRandom().randint(1, 999_999)


@dataclass(frozen=True)
class QuizSettings:
    scope: str = SCOPE_TREE  # SCOPE_TREE, SCOPE_ALL, SCOPE_TAG or SCOPE_DUE
    tag: str = ""
    count: int = 10
    kind: str | None = None  # None: mixed
    exam: bool = False  # True: feedback only at the end
    time_limit: int = 0  # seconds per item; 0 = none
    seed: int = 1

    @property
    def kinds(self) -> tuple[str, ...] | None:
        return (self.kind,) if self.kind else None


class QuizSetup(QDialog):
    def __init__(self, tags: list[str], has_tree: bool, parent: QWidget | None = None, due: int = 0) -> None:
        super().__init__(parent)
        self.setWindowTitle("Start a quiz")
        self.scope = QComboBox()
        self.scope.setAccessibleName("What to quiz on")
        if has_tree:
            self.scope.addItem("The current tree", (SCOPE_TREE, ""))
        self.scope.addItem("All trees", (SCOPE_ALL, ""))
        for tag in tags:
            self.scope.addItem(f"Trees tagged “{tag}”", (SCOPE_TAG, tag))
        due_text = f"Reviews due ({due} item{'s' if due != 1 else ''})" if due > 0 else "Reviews due (none now)"
        self.scope.addItem(due_text, (SCOPE_DUE, ""))
        if due <= 0:  # shown, so the learner knows it exists, but not choosable
            index = self.scope.count() - 1
            self.scope.model().item(index).setEnabled(False)
            self.scope.setItemData(index, "Nothing is due for review now", Qt.ItemDataRole.ToolTipRole)
        self.count = QSpinBox()
        self.count.setRange(1, 200)
        self.count.setValue(10)
        self.count.setAccessibleName("Number of items")
        self.kind = QComboBox()
        self.kind.setAccessibleName("Kind of items")
        self.kind.addItem("Mixed", None)
        for kind in KINDS:
            self.kind.addItem(KIND_NAMES[kind], kind)
        self.study_mode = QRadioButton("After each item")
        self.exam_mode = QRadioButton("At the end (exam)")
        self.study_mode.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.study_mode)
        group.addButton(self.exam_mode)
        feedback = QHBoxLayout()
        feedback.addWidget(self.study_mode)
        feedback.addWidget(self.exam_mode)
        self.time_limit = QSpinBox()
        self.time_limit.setRange(0, 3600)
        self.time_limit.setSuffix(" s")
        self.time_limit.setSpecialValueText("No limit")
        self.time_limit.setAccessibleName("Time limit per item in seconds, 0 for none")
        self.seed = QLineEdit(str(random_seed()))
        self.seed.setAccessibleName("Seed: the same seed gives the same quiz")
        self.seed.setToolTip("The same seed gives the same quiz: note it to repeat this one")
        form = QFormLayout()
        form.addRow("Quiz on", self.scope)
        form.addRow("Items", self.count)
        form.addRow("Kind", self.kind)
        form.addRow("Feedback", feedback)
        form.addRow("Time per item", self.time_limit)
        form.addRow("Seed", self.seed)
        self.error = QLabel()
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Start")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _accept(self) -> None:
        text = self.seed.text().strip()
        if text and not (text.isdigit() and int(text) <= MAX_SEED):
            self.error.setText(f"The seed must be a whole number from 0 to {MAX_SEED}.")
            self.error.show()
            return
        self.accept()

    def settings(self) -> QuizSettings:
        scope, tag = self.scope.currentData()
        text = self.seed.text().strip()
        return QuizSettings(
            scope=scope, tag=tag, count=self.count.value(), kind=self.kind.currentData(),
            exam=self.exam_mode.isChecked(), time_limit=self.time_limit.value(),
            seed=int(text) if text else random_seed(),
        )

    @staticmethod
    def ask(parent: QWidget | None, tags: list[str], has_tree: bool, due: int = 0) -> QuizSettings | None:
        """The learner's settings, or None when cancelled (tests replace this). `due`: how many
        items are due for review (the "Reviews due" scope is enabled only when some are)."""
        dialog = QuizSetup(tags, has_tree, parent, due)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.settings()
