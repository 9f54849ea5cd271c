"""The form of the selected node: its id, texts, answers (label, target, note, order) or its
traps and links. Every change is handed to the window as an edit (a label for the undo history
and a domain operation); the form holds no tree logic of its own."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFormLayout,
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
from trainer.core.model import Outcome, Question, Tree
from trainer.ui.editor.choices import NodeChoices, NodePicker, Words, node_words
from trainer.ui.editor.fields import LineField, TextField, fit_forms, with_note, wrapping_form

NEW_QUESTION, NEW_OUTCOME = "\x00new-question", "\x00new-outcome"
Operation = Callable[[Any], Any]


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("font-weight: bold; margin-top: 8px;")
    return label


def _tool(text: str, name: str, slot: Callable[..., object]) -> QToolButton:
    button = QToolButton()
    button.setText(text)
    button.setAccessibleName(name)
    button.setToolTip(name)
    button.clicked.connect(slot)
    return button


class NodeForm(QWidget):
    """Emits `edit(label, operation, merge key)`; `create_target(question id, answer index,
    kind)` when an answer should lead to a new node; `delete_requested`/`rename_requested`."""

    edit = Signal(str, object, str)
    create_target = Signal(str, int, str)
    delete_requested = Signal(str)
    rename_requested = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("nodeForm")
        self.node_id: str | None = None
        self._shape: tuple | None = None
        self._layout = QVBoxLayout(self)
        self._body: QWidget | None = None
        self.fields: dict[str, Any] = {}
        self.targets = NodeChoices(node_words({}, 60, kinds=True), self)  # what the answer pickers offer
        self._empty = QLabel("Select a node in the outline or the graph to edit it.")
        self._layout.addWidget(self._empty)
        self._layout.addStretch(1)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        fit_forms(self)

    # --- showing ---------------------------------------------------------------------------------
    def show_node(self, tree: Tree | None, node_id: str | None) -> None:
        """Show a node; the widgets are kept (and a field being typed in is left alone) while
        the node keeps its shape, so a refresh after each edit never disturbs the author."""
        node = tree.nodes.get(node_id) if tree is not None and node_id else None
        self._empty.setVisible(node is None)
        if node is None or tree is None or node_id is None:
            self._clear()
            self.node_id = None
            return
        self._offer_targets(tree, node_id, node)
        shape = (node_id, type(node).__name__, _counts(node))
        if shape != self._shape:
            self._clear()
            self._build(tree, node_id, node)
            self._shape = shape
        self.node_id = node_id
        self._fill(node)

    def _clear(self) -> None:
        if self._body is not None:
            self._body.setParent(None)
            self._body.deleteLater()
        self._body, self._shape, self.fields = None, None, {}

    def _build(self, tree: Tree, node_id: str, node: Question | Outcome) -> None:
        body = self._body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        kind = "Question" if isinstance(node, Question) else "Outcome"
        top = QHBoxLayout()  # the heading and the node's buttons; its id is the form's first row
        top.addWidget(_heading(kind), 1)
        ident = self.fields["id"] = LineField(f"{kind} id")
        ident.setToolTip("Renaming changes every answer, start and scenario that leads here")
        ident.committed.connect(lambda new: self.rename_requested.emit(node_id, new))
        top.addWidget(
            _tool(
                "Duplicate",
                "Duplicate this node and everything below it",
                lambda: self.edit.emit(f"Duplicate “{node_id}”", partial(ops.duplicate_subtree, node_id=node_id), ""),
            )
        )
        top.addWidget(_tool("Delete…", "Delete this node", lambda: self.delete_requested.emit(node_id)))
        column.addLayout(top)
        form = wrapping_form()
        column.addLayout(form)
        form.addRow("Id", with_note(ident))
        if isinstance(node, Question):
            self._text_field(form, node_id, "question", "Question", 2)
            self._text_field(form, node_id, "help", "Help (Markdown, optional)", 3)
            column.addWidget(_heading("Answers"))
            column.addLayout(self._answers(tree, node_id, node))
        else:
            self._text_field(form, node_id, "outcome", "Outcome", 2)
            self._text_field(form, node_id, "explanation", "Explanation (Markdown)", 5)
            for name, title, first, second in (
                ("not", "Traps: tempting wrong choices", "option", "why"),
                ("links", "Links", "title", "url"),
            ):
                column.addWidget(_heading(title))
                column.addLayout(self._list_rows(node_id, node, name, first, second))
        self._layout.insertWidget(1, body)
        fit_forms(self)

    def _text_field(self, form: QFormLayout, node_id: str, key: str, name: str, lines: int) -> None:
        field = self.fields[key] = TextField(name, lines)
        field.committed.connect(
            lambda text: self.edit.emit(
                f"Edit {key} of “{node_id}”",
                partial(ops.set_node_text, node_id=node_id, field=key, value=text),
                f"{node_id}/{key}",
            )
        )
        form.addRow(name, with_note(field))

    def _answers(self, tree: Tree, node_id: str, node: Question) -> QVBoxLayout:
        """One small form per answer (label, where it leads, note) with its order and removal
        buttons: stacked, so long node names never push the form wider than its pane."""
        column = QVBoxLayout()
        count = len(node.answers)
        for i in range(count):
            frame = QFrame()
            frame.setFrameShape(QFrame.Shape.StyledPanel)
            form = wrapping_form(frame)
            label = self.fields[f"label{i}"] = LineField(f"Answer {i + 1} label")
            label.committed.connect(partial(self._answer_edit, node_id, i, "label"))
            buttons = QHBoxLayout()
            buttons.addWidget(with_note(label), 1)
            buttons.addWidget(_tool("↑", f"Move answer {i + 1} up", partial(self._move, node_id, i, i - 1)))
            buttons.addWidget(_tool("↓", f"Move answer {i + 1} down", partial(self._move, node_id, i, i + 1)))
            buttons.addWidget(
                _tool(
                    "✕",
                    f"Remove answer {i + 1}",
                    lambda _=False, i=i: self.edit.emit(
                        f"Remove answer {i + 1} of “{node_id}”",
                        partial(ops.remove_answer, node_id=node_id, index=i),
                        "",
                    ),
                )
            )
            form.addRow(f"Answer {i + 1}", buttons)
            target = self.fields[f"next{i}"] = self._target_picker(node_id, i)
            form.addRow("Leads to", target)
            note = self.fields[f"note{i}"] = LineField(f"Answer {i + 1} note")
            note.setPlaceholderText("Optional: shown after this answer is chosen")
            note.committed.connect(partial(self._answer_edit, node_id, i, "note"))
            form.addRow("Note", with_note(note))
            column.addWidget(frame)
        add = QPushButton("Add answer")
        add.setAccessibleName("Add an answer leading to a new outcome")
        add.clicked.connect(
            lambda: self.edit.emit(
                f"Add an answer to “{node_id}”", partial(ops.add_answer_to_new_outcome, node_id=node_id), ""
            )
        )
        column.addWidget(add, 0, Qt.AlignmentFlag.AlignLeft)
        return column

    def _target_picker(self, node_id: str, index: int) -> NodePicker:
        picker = NodePicker(self.targets, f"Answer {index + 1} leads to")
        picker.activated.connect(partial(self._on_target_chosen, node_id, index))
        return picker

    def _offer_targets(self, tree: Tree, node_id: str, node: Question | Outcome) -> None:
        """The targets every answer picker of this node offers (one model, shared): the names
        its answers lead to that are no node (so a dangling target shows what it names), every
        other node, and the two entries that make a new one."""
        answers = node.answers if isinstance(node, Question) else []
        dangling = list(dict.fromkeys(a.next for a in answers if a.next not in tree.nodes))
        others = [other for other in tree.nodes if other != node_id]
        self.targets.set_choices([*dangling, *others, NEW_QUESTION, NEW_OUTCOME], self._target_words(tree))

    @staticmethod
    def _target_words(tree: Tree) -> Words:
        words = node_words(tree.nodes, 60, kinds=True)
        new = {NEW_QUESTION: "+ New question…", NEW_OUTCOME: "+ New outcome…"}  # a glyph every font has
        return lambda node_id: (new[node_id], "") if node_id in new else words(node_id)

    def _on_target_chosen(self, node_id: str, index: int, row: int) -> None:
        target = self.targets.id_at(row)
        if target is None:
            return
        if target in (NEW_QUESTION, NEW_OUTCOME):
            self.create_target.emit(node_id, index, "question" if target == NEW_QUESTION else "outcome")
        else:
            self._answer_edit(node_id, index, "next", target)

    def _answer_edit(self, node_id: str, index: int, field: str, value: str) -> None:
        self.edit.emit(
            f"Edit answer {index + 1} {field} of “{node_id}”",
            partial(ops.set_answer, node_id=node_id, index=index, field=field, value=value),
            f"{node_id}/answer{index}/{field}",
        )

    def _move(self, node_id: str, index: int, to: int) -> None:
        self.edit.emit(
            f"Move answer {index + 1} of “{node_id}”", partial(ops.move_answer, node_id=node_id, index=index, to=to), ""
        )

    def _list_rows(self, node_id: str, node: Outcome, name: str, first: str, second: str) -> QGridLayout:
        grid = QGridLayout()
        items = node.traps if name == "not" else node.links
        what = "trap" if name == "not" else "link"
        for i in range(len(items)):
            for column, key in enumerate((first, second)):
                title = f"{what.capitalize()} {i + 1} {key}"
                field = self.fields[f"{name}{i}.{key}"] = TextField(title, 2) if key == "why" else LineField(title)
                field.committed.connect(
                    lambda text, i=i, key=key: self.edit.emit(
                        f"Edit {what} {i + 1} of “{node_id}”",
                        partial(ops.set_list_item, node_id=node_id, name=name, index=i, field=key, value=text),
                        f"{node_id}/{name}{i}/{key}",
                    )
                )
                grid.addWidget(with_note(field), i, column)
            grid.addWidget(
                _tool(
                    "✕",
                    f"Remove {what} {i + 1}",
                    lambda _=False, i=i: self.edit.emit(
                        f"Remove {what} {i + 1} of “{node_id}”",
                        partial(ops.remove_list_item, node_id=node_id, name=name, index=i),
                        "",
                    ),
                ),
                i,
                2,
            )
        first_new, second_new = ("A tempting choice", "Why it is wrong.") if name == "not" else ("A page", "https://")
        add = QPushButton(f"Add {what}")
        add.clicked.connect(
            lambda: self.edit.emit(
                f"Add a {what} to “{node_id}”",
                partial(
                    ops.add_list_item,
                    node_id=node_id,
                    name=name,
                    first=first_new,
                    second=second_new if name == "not" else "https://example.com/",
                ),
                "",
            )
        )
        grid.addWidget(add, len(items), 0)
        return grid

    # --- values ------------------------------------------------------------------------------------
    def _fill(self, node: Question | Outcome) -> None:
        self.fields["id"].show_text(node.id)
        if isinstance(node, Question):
            self.fields["question"].show_text(node.text)
            self.fields["help"].show_text(node.help)
            for i, answer in enumerate(node.answers):
                self.fields[f"label{i}"].show_text(answer.label)
                self.fields[f"note{i}"].show_text(answer.note)
                self.fields[f"next{i}"].show_choice(answer.next)
            return
        self.fields["outcome"].show_text(node.text)
        self.fields["explanation"].show_text(node.explanation)
        for i, trap in enumerate(node.traps):
            self.fields[f"not{i}.option"].show_text(trap.option)
            self.fields[f"not{i}.why"].show_text(trap.why)
        for i, link in enumerate(node.links):
            self.fields[f"links{i}.title"].show_text(link.title)
            self.fields[f"links{i}.url"].show_text(link.url)

    def focus_field(self, answer: int = -1, field: str = "") -> None:
        """Put the cursor where a problem is: an answer's target or label, else the node's text."""
        key = (
            f"{field or 'label'}{answer}"
            if answer >= 0
            else next((k for k in ("question", "outcome") if k in self.fields), "id")
        )
        widget = self.fields.get(key)
        if widget is not None:
            widget.setFocus()


def _counts(node: Question | Outcome) -> tuple[int, ...]:
    if isinstance(node, Question):
        return (len(node.answers),)
    return (len(node.traps), len(node.links))
