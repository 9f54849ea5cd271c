"""The tree's own fields (id, title, summary, tags, review date) and its scenarios table."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from trainer.author import operations as ops
from trainer.core.model import Outcome, Tree
from trainer.ui.editor.choices import NodeChoices, NodePicker, node_words
from trainer.ui.editor.fields import LineField, TextField, fit_forms, plain_label, with_note, wrapping_form

PAGE_SIZE = 25  # scenarios shown at a time: a large tree has thousands


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
    """Each scenario's prompt and the outcome it expects; add and remove. A tree has a scenario
    per outcome or more (thousands in a large tree), so the form shows them a page at a time:
    only the shown rows have widgets, and every row's outcome picker shares one model of the
    outcomes (trainer.ui.editor.choices), which finds an outcome by any part of its id or text."""

    edit = Signal(str, object, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self.page: int = 0  # the page of scenarios shown
        self._layout.addWidget(plain_label("A situation for the scoring mode, and the outcome it should lead to."))
        self._pages = QHBoxLayout()
        self.previous = QPushButton("◀ Previous")
        self.previous.setAccessibleName("Previous scenarios")
        self.previous.clicked.connect(lambda: self.show_page(self.page - 1))
        self.next = QPushButton("Next ▶")
        self.next.setAccessibleName("Next scenarios")
        self.next.clicked.connect(lambda: self.show_page(self.page + 1))
        self.range = plain_label("")
        self.range.setObjectName("scenarioRange")
        for widget in (self.previous, self.range, self.next):
            self._pages.addWidget(widget)
        self._pages.addStretch(1)
        self._layout.addLayout(self._pages)
        self._body: QWidget | None = None
        self._shape: tuple | None = None
        self._tree: Tree | None = None
        self.outcomes = NodeChoices(node_words({}, 40, kinds=False), self)
        self.prompts: list[TextField] = []
        self.expects: list[NodePicker] = []  # the shown page's pickers, in order
        self.add = QPushButton("Add scenario")
        self.add.clicked.connect(self._add_scenario)
        self._layout.addWidget(self.add, 0, Qt.AlignmentFlag.AlignLeft)
        self._layout.addStretch(1)

    @property
    def first(self) -> int:
        """The index of the first scenario shown."""
        return self.page * PAGE_SIZE

    def show_tree(self, tree: Tree | None) -> None:
        if tree is None:
            return
        self._tree = tree
        outcomes = [node_id for node_id, node in tree.nodes.items() if isinstance(node, Outcome)]
        self.outcomes.set_choices(outcomes, node_words(tree.nodes, 40, kinds=False))
        self.add.setEnabled(bool(outcomes))
        last_page = max(0, (len(tree.scenarios) - 1) // PAGE_SIZE)
        self.page = min(self.page, last_page)
        shown = tree.scenarios[self.first : self.first + PAGE_SIZE]
        shape = (self.page, len(shown))
        if shape != self._shape:
            self._build(len(shown))
            self._shape = shape
        for prompt, expect, scenario in zip(self.prompts, self.expects, shown, strict=True):
            prompt.show_text(scenario.prompt)
            expect.show_choice(scenario.expect)
        many = len(tree.scenarios) > PAGE_SIZE
        for widget in (self.previous, self.next, self.range):
            widget.setVisible(many)
        self.previous.setEnabled(self.page > 0)
        self.next.setEnabled(self.page < last_page)
        self.range.setText(f"Scenarios {self.first + 1}–{self.first + len(shown)} of {len(tree.scenarios):,}")

    def show_page(self, page: int) -> None:
        if self._tree is not None:
            self.page = max(0, page)
            self.show_tree(self._tree)

    def show_scenario(self, index: int) -> None:
        """Turn to the page that holds scenario `index` (a problem in it was chosen)."""
        if index >= 0:
            self.show_page(index // PAGE_SIZE)

    def expect_picker(self, index: int) -> NodePicker:
        """Scenario `index`'s outcome picker, its page turned to first."""
        self.show_scenario(index)
        return self.expects[index - self.first]

    def _add_scenario(self) -> None:
        first = self.outcomes.id_at(0) or ""
        self.edit.emit(
            "Add a scenario",
            partial(ops.add_scenario, prompt="Describe a situation a learner should recognise.", expect=first),
            "",
        )
        if self._tree is not None:  # the new one is the last: show it
            self.show_scenario(len(self._tree.scenarios) - 1)

    def _build(self, count: int) -> None:
        if self._body is not None:
            self._body.setParent(None)
            self._body.deleteLater()
        body = self._body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        self.prompts, self.expects = [], []
        for i in range(self.first, self.first + count):
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
            expect = NodePicker(self.outcomes, f"Scenario {i + 1} expects")
            expect.activated.connect(
                lambda row, i=i: self.edit.emit(
                    f"Change what scenario {i + 1} expects",
                    partial(ops.set_scenario, index=i, field="expect", value=self.outcomes.id_at(row) or ""),
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
        self._layout.insertWidget(2, body)
