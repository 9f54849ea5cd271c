"""The tree's own fields (id, title, summary, tags, review date) and its scenarios table."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from trainer.author import operations as ops
from trainer.core.model import Outcome, Tree
from trainer.ui.editor.fields import LineField, TextField, fit_forms, short, with_note, wrapping_form


class TreeForm(QWidget):
    """Emits `edit(label, operation, merge key)` like the node form; `id_changed(new id)` goes
    through the window, which checks the library for a clash first."""

    edit = Signal(str, object, str)
    id_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        column = QVBoxLayout(self)
        form = wrapping_form()
        column.addLayout(form)
        column.addStretch(1)  # the fields stay together at the top of a tall pane
        self.id = LineField("Tree id")
        self.id.committed.connect(self.id_changed.emit)
        self.title = LineField("Title")
        self.summary = TextField("Summary (Markdown, optional)", 3)
        self.tags = LineField("Tags, separated by commas")
        self.reviewed = LineField("Reviewed on (YYYY-MM-DD, optional)")
        for title, field in (
            ("Id", self.id),
            ("Title", self.title),
            ("Summary", self.summary),
            ("Tags", self.tags),
            ("Reviewed", self.reviewed),
        ):
            form.addRow(title, with_note(field))
        for key, field in (("title", self.title), ("summary", self.summary), ("reviewed", self.reviewed)):
            field.committed.connect(
                lambda text, key=key: self.edit.emit(
                    f"Edit the tree's {key}", partial(ops.set_meta, key=key, value=text), f"tree/{key}"
                )
            )
        self.tags.committed.connect(
            lambda text: self.edit.emit("Edit the tags", partial(ops.set_tags, tags=text.split(",")), "tree/tags")
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        fit_forms(self)

    def show_tree(self, tree: Tree | None) -> None:
        if tree is None:
            return
        self.id.show_text(tree.id)
        self.title.show_text(tree.title)
        self.summary.show_text(tree.summary)
        self.tags.show_text(", ".join(tree.tags))
        self.reviewed.show_text(tree.reviewed)


class ScenariosForm(QWidget):
    """Each scenario's prompt and the outcome it expects; add and remove."""

    edit = Signal(str, object, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._body: QWidget | None = None
        self._shape: tuple | None = None
        self.prompts: list[TextField] = []
        self.expects: list[QComboBox] = []

    def show_tree(self, tree: Tree | None) -> None:
        if tree is None:
            return
        outcomes = [(node_id, node.text) for node_id, node in tree.nodes.items() if isinstance(node, Outcome)]
        shape = (len(tree.scenarios), tuple(outcomes))
        if shape != self._shape:
            self._build(tree, outcomes)
            self._shape = shape
        for prompt, expect, scenario in zip(self.prompts, self.expects, tree.scenarios, strict=True):
            prompt.show_text(scenario.prompt)
            expect.setCurrentIndex(expect.findData(scenario.expect))

    def _build(self, tree: Tree, outcomes: list[tuple[str, str]]) -> None:
        if self._body is not None:
            self._body.setParent(None)
            self._body.deleteLater()
        body = self._body = QWidget()
        column = QVBoxLayout(body)
        column.addWidget(QLabel("A situation for the scoring mode, and the outcome it should lead to."))
        self.prompts, self.expects = [], []
        for i in range(len(tree.scenarios)):
            frame = QFrame()
            frame.setFrameShape(QFrame.Shape.StyledPanel)
            grid = QGridLayout(frame)
            prompt = TextField(f"Scenario {i + 1} prompt", 3)
            prompt.committed.connect(
                lambda text, i=i: self.edit.emit(
                    f"Edit scenario {i + 1}",
                    partial(ops.set_scenario, index=i, field="prompt", value=text),
                    f"scenario{i}/prompt",
                )
            )
            expect = QComboBox()
            expect.setAccessibleName(f"Scenario {i + 1} expects")
            expect.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            expect.setMinimumContentsLength(20)
            for node_id, text in outcomes:
                expect.addItem(f"{node_id} ({short(text, 40)})", node_id)
                expect.setItemData(expect.count() - 1, text, Qt.ItemDataRole.ToolTipRole)
            expect.activated.connect(
                lambda _row, i=i, box=expect: self.edit.emit(
                    f"Change what scenario {i + 1} expects",
                    partial(ops.set_scenario, index=i, field="expect", value=box.currentData()),
                    "",
                )
            )
            remove = QToolButton()
            remove.setText("✕")
            remove.setAccessibleName(f"Remove scenario {i + 1}")
            remove.clicked.connect(
                lambda _=False, i=i: self.edit.emit(
                    f"Remove scenario {i + 1}", partial(ops.remove_scenario, index=i), ""
                )
            )
            grid.addWidget(QLabel(f"Scenario {i + 1}"), 0, 0)
            grid.addWidget(remove, 0, 2, Qt.AlignmentFlag.AlignRight)
            grid.addWidget(with_note(prompt), 1, 0, 1, 3)
            grid.addWidget(QLabel("Expects"), 2, 0)
            grid.addWidget(expect, 2, 1, 1, 2)
            grid.setColumnStretch(1, 1)
            column.addWidget(frame)
            self.prompts.append(prompt)
            self.expects.append(expect)
        add = QPushButton("Add scenario")
        add.setEnabled(bool(outcomes))
        first = outcomes[0][0] if outcomes else ""
        add.clicked.connect(
            lambda: self.edit.emit(
                "Add a scenario",
                partial(ops.add_scenario, prompt="Describe a situation a learner should recognise.", expect=first),
                "",
            )
        )
        column.addWidget(add, 0, Qt.AlignmentFlag.AlignLeft)
        column.addStretch(1)
        self._layout.addWidget(body)
