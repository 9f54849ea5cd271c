"""Quiz > Start Quiz…: a small dialog that asks what to quiz on and how.

`QuizSetup.ask` is the one entry point; tests replace it to return settings without a dialog.
The settings go unchanged to `trainer.study.building.build_quiz` (scope picks the trees, the rest is
passed through). "Trees I choose…" shows a checkable list of the library's trees (the current one
checked) and carries the checked ids in `QuizSettings.tree_ids`; Start waits for at least one.
The "Reviews due" scope quizzes on the items due for review across all trees; it can be chosen only
when something is due.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from trainer.study.items import KINDS
from trainer.study.scope import SCOPE_ALL, SCOPE_CHOSEN, SCOPE_DUE, SCOPE_TAG, SCOPE_TREE, QuizSettings

NONE_CHOSEN = "Check at least one tree to quiz on."
KIND_NAMES = {
    "walk": "Scenario walk",
    "choice": "Scenario choice",
    "path": "Path to outcome",
    "reverse": "Reverse (which answers lead here)",
}
MAX_SEED = 2**31 - 1


def random_seed() -> int:
    return random.SystemRandom().randint(1, 999_999)


def tree_labels(trees: Sequence[tuple[str, str]]) -> list[str]:
    """The list's text per (id, title): the title, with the id added where two trees share a
    title, so every row can be told apart."""
    counts = Counter(title for _id, title in trees)
    return [f"{title} ({tree_id})" if counts[title] > 1 else title for tree_id, title in trees]


def _fit_rows(box: QListWidget, most_rows: int = 8, widest: int = 560) -> None:
    """Size the list to its titles (up to `widest` pixels, longer ones wrap) and rows (up to
    `most_rows`, then it scrolls), so no title is clipped behind a sideways scroll bar and no
    empty box pushes the other settings down."""
    box.setWordWrap(True)
    box.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    metrics = box.fontMetrics()
    text = max((metrics.horizontalAdvance(box.item(i).text()) for i in range(box.count())), default=0)
    indicator = box.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth)
    scroll = box.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
    box.setMinimumWidth(min(text + indicator + scroll + 4 * box.frameWidth() + 24, widest))
    row = max(box.sizeHintForRow(0), metrics.lineSpacing() + 4)
    box.setFixedHeight(max(1, min(box.count(), most_rows)) * row + 2 * box.frameWidth() + 2)


class QuizSetup(QDialog):
    def __init__(
        self,
        tags: list[str],
        has_tree: bool,
        parent: QWidget | None = None,
        due: int = 0,
        trees: Sequence[tuple[str, str]] = (),
        current: str = "",
    ) -> None:
        """`trees`: (id, title) of the library's valid trees for "Trees I choose…" (offered only
        when there are some); `current`: the id of the tree checked at first."""
        super().__init__(parent)
        self.setWindowTitle("Start a quiz")
        self.scope = QComboBox()
        self.scope.setAccessibleName("What to quiz on")
        if has_tree:
            self.scope.addItem("The current tree", (SCOPE_TREE, ""))
        self.scope.addItem("All trees", (SCOPE_ALL, ""))
        if trees:
            self.scope.addItem("Trees I choose…", (SCOPE_CHOSEN, ""))
        for tag in tags:
            self.scope.addItem(f"Trees tagged “{tag}”", (SCOPE_TAG, tag))
        due_text = f"Reviews due ({due} item{'s' if due != 1 else ''})" if due > 0 else "Reviews due (none now)"
        self.scope.addItem(due_text, (SCOPE_DUE, ""))
        if due <= 0:  # shown, so the learner knows it exists, but not choosable
            index = self.scope.count() - 1
            model = self.scope.model()
            assert isinstance(model, QStandardItemModel)  # a combo box's own model
            model.item(index).setEnabled(False)
            self.scope.setItemData(index, "Nothing is due for review now", Qt.ItemDataRole.ToolTipRole)
        self.count = QSpinBox()
        self.count.setRange(1, 200)
        self.count.setValue(10)
        self.count.setAccessibleName("Number of items")
        self.count.setToolTip(
            "At most one item per outcome, so no item gives another away: a tree of "
            "7 outcomes makes a quiz of 7 items at most"
        )
        self.count.setAccessibleDescription("at most one item per outcome of the trees")
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
        self.tree_list = self._tree_list(trees, current)
        self.none_chosen = QLabel(NONE_CHOSEN)
        self.none_chosen.setObjectName("quizNoneChosen")
        self.chooser = QWidget()
        chooser = QVBoxLayout(self.chooser)
        chooser.setContentsMargins(0, 0, 0, 0)
        chooser.addWidget(self.tree_list)
        chooser.addWidget(self.none_chosen)
        form = QFormLayout()
        form.addRow("Quiz on", self.scope)
        form.addRow("", self.chooser)
        form.addRow("Items", self.count)
        form.addRow("Kind", self.kind)
        form.addRow("Feedback", feedback)
        form.addRow("Time per item", self.time_limit)
        form.addRow("Seed", self.seed)
        self.error = QLabel()
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.start_button: QPushButton = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.start_button.setText("Start")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.scope.currentIndexChanged.connect(self._update_chooser)
        self.tree_list.itemChanged.connect(self._update_chooser)
        self._update_chooser()

    @staticmethod
    def _tree_list(trees: Sequence[tuple[str, str]], current: str) -> QListWidget:
        """One checkable row per tree (Space or a click on the box checks it), `current` checked."""
        box = QListWidget()
        box.setAccessibleName("Trees to quiz on")
        for (tree_id, _title), label in zip(trees, tree_labels(trees), strict=True):
            row = QListWidgetItem(label, box)
            row.setData(Qt.ItemDataRole.UserRole, tree_id)
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            row.setCheckState(Qt.CheckState.Checked if tree_id == current else Qt.CheckState.Unchecked)
        if box.count():  # keyboard focus on the first row, without painting it as selected
            box.setCurrentRow(0, QItemSelectionModel.SelectionFlag.NoUpdate)
        _fit_rows(box)
        return box

    def chosen_ids(self) -> tuple[str, ...]:
        """The ids of the checked trees, in the list's order."""
        rows = (self.tree_list.item(i) for i in range(self.tree_list.count()))
        return tuple(r.data(Qt.ItemDataRole.UserRole) for r in rows if r.checkState() == Qt.CheckState.Checked)

    def _choosing(self) -> bool:
        data = self.scope.currentData()
        return data is not None and data[0] == SCOPE_CHOSEN

    def _update_chooser(self) -> None:
        """The list only for "Trees I choose…"; Start disabled, and why, while none is checked."""
        choosing = self._choosing()
        self.chooser.setVisible(choosing)
        none = choosing and not self.chosen_ids()
        self.none_chosen.setVisible(none)
        self.start_button.setEnabled(not none)
        self.start_button.setToolTip(NONE_CHOSEN if none else "")
        if self.isVisible():
            self.adjustSize()

    def _accept(self) -> None:
        if self._choosing() and not self.chosen_ids():
            return  # Start is disabled then; Enter in a field must not get round it
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
            scope=scope,
            tag=tag,
            tree_ids=self.chosen_ids() if scope == SCOPE_CHOSEN else (),
            count=self.count.value(),
            kind=self.kind.currentData(),
            exam=self.exam_mode.isChecked(),
            time_limit=self.time_limit.value(),
            seed=int(text) if text else random_seed(),
        )

    @staticmethod
    def ask(
        parent: QWidget | None,
        tags: list[str],
        has_tree: bool,
        due: int = 0,
        trees: Sequence[tuple[str, str]] = (),
        current: str = "",
    ) -> QuizSettings | None:
        """The learner's settings, or None when cancelled (tests replace this). `due`: how many
        items are due for review (the "Reviews due" scope is enabled only when some are);
        `trees` and `current`: the (id, title) list for "Trees I choose…" and the id checked first."""
        dialog = QuizSetup(tags, has_tree, parent, due, trees, current)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.settings()
