"""The questions the editor asks its author. Each is a small function (tests replace them, as
they do QuizSetup.ask) over a real dialog that can also be driven by itself."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from trainer.author import operations as ops
from trainer.author.document import TreeDocument
from trainer.author.session import BLANK, STARTER
from trainer.interop.mermaid import slugify
from trainer.ui.common.prompts import confirm
from trainer.ui.editor.fields import plain_box, plain_label

REMOVE = "\x00remove"


def ask_save_changes(parent: QWidget, name: str) -> str:
    """ "save", "discard" or "cancel" for a window closing with unsaved edits."""
    box = plain_box(QMessageBox.Icon.Warning, "Unsaved changes", f"Save your changes to {name} before closing?", parent)
    box.setStandardButtons(
        QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel
    )
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    answer = box.exec()
    return {QMessageBox.StandardButton.Save: "save", QMessageBox.StandardButton.Discard: "discard"}.get(
        QMessageBox.StandardButton(answer), "cancel"
    )


def ask_conflict(parent: QWidget, message: str) -> str:
    """A file changed on disk: "overwrite", "theirs" (reload it, dropping the edits here),
    "save_as" or "cancel". Enter chooses "save_as", which loses neither version."""
    box = plain_box(
        QMessageBox.Icon.Warning, "Changed on disk", message + "\n\nWhich version do you want to keep?", parent
    )
    mine = box.addButton("Keep mine (overwrite)", QMessageBox.ButtonRole.AcceptRole)
    theirs = box.addButton("Keep theirs (drop my edits)", QMessageBox.ButtonRole.DestructiveRole)
    save_as = box.addButton("Save mine elsewhere…", QMessageBox.ButtonRole.ActionRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(save_as)  # Enter keeps both versions: nothing is lost by a hasty key
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    choices: list[tuple[QAbstractButton, str]] = [(mine, "overwrite"), (theirs, "theirs"), (save_as, "save_as")]
    return next((choice for button, choice in choices if button is clicked), "cancel")


def ask_save_copy(parent: QWidget, name: str, new_id: str) -> bool:
    """Saving a tree that ships with the app: True to save a copy to My Trees instead."""
    box = plain_box(
        QMessageBox.Icon.Information,
        "Save a copy to My Trees",
        f"{name} ships with Decision Tree Trainer, so it is not changed here: an update would "
        f"replace it. Save your version as a copy in My Trees, with the id “{new_id}”?\n\n"
        "The library then shows both; this window edits the copy.",
        parent,
    )
    copy = box.addButton("Save a Copy to My Trees", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(copy)
    box.exec()
    return box.clickedButton() is copy


def ask_draft(parent: QWidget, errors: int) -> bool:
    return confirm(
        parent,
        "Save with errors?",
        f"This tree has {errors} error{'s' if errors != 1 else ''}. Save it as a draft anyway? "
        "It cannot be studied or quizzed until they are fixed.",
    )


def tell(parent: QWidget, title: str, message: str) -> None:
    plain_box(QMessageBox.Icon.Warning, title, message, parent).exec()


def ask_save_elsewhere(parent: QWidget, message: str) -> bool:
    """A save failed (full disk, read-only or vanished folder): True to choose another place."""
    box = plain_box(QMessageBox.Icon.Warning, "Not saved", message, parent)
    elsewhere = box.addButton("Save As…", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(elsewhere)
    box.exec()
    return box.clickedButton() is elsewhere


def ask_save_path(parent: QWidget, suggested: Path) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(parent, "Save the tree as", str(suggested), "Decision trees (*.yaml *.yml)")
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() in (".yaml", ".yml") else path.with_suffix(".yaml")


class NewNodeDialog(QDialog):
    """The id and text of a new question or outcome."""

    def __init__(self, kind: str, suggested_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"New {kind}")
        form = QFormLayout(self)
        self.text = QPlainTextEdit()
        self.text.setAccessibleName(f"The {kind}'s text")
        self.text.setFixedHeight(80)
        self.node_id = QLineEdit(suggested_id)
        self.node_id.setAccessibleName("Its id")
        form.addRow(f"{kind.capitalize()}:", self.text)
        form.addRow("Id:", self.node_id)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


def ask_new_node(parent: QWidget, kind: str, suggested_id: str) -> tuple[str, str] | None:
    dialog = NewNodeDialog(kind, suggested_id, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.node_id.text().strip(), dialog.text.toPlainText().strip()


class DeleteDialog(QDialog):
    """Deleting a node: every answer, start and scenario that names it is listed, each with
    where it should lead now (or "remove"), so nothing is left dangling."""

    def __init__(self, doc: TreeDocument, node_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Delete “{node_id}”")
        self.refs = ops.references(doc, node_id)
        layout = QVBoxLayout(self)
        if self.refs:
            layout.addWidget(plain_label(f"These lead to “{node_id}”. Choose where each should lead instead:"))
        else:
            layout.addWidget(plain_label(f"Nothing leads to “{node_id}”. Delete it?"))
        form = QFormLayout()
        layout.addLayout(form)
        self.choices: list[QComboBox] = []
        outcomes = {n for n, node in doc.nodes.items() if ops.node_kind(node) == "outcome"}
        for ref in self.refs:
            choice = QComboBox()
            choice.setAccessibleName(f"New target for {ref.describe(doc)}")
            if ref.kind != "start":
                choice.addItem("Remove it" if ref.kind == "answer" else "Remove the scenario", REMOVE)
            for other in doc.nodes:
                if other != node_id and (ref.kind != "scenario" or other in outcomes):
                    choice.addItem(f"Lead to {other}", other)
            form.addRow(plain_label(ref.describe(doc)), choice)
            self.choices.append(choice)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        delete = buttons.button(QDialogButtonBox.StandardButton.Ok)
        delete.setText("Delete")
        delete.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_TrashIcon))  # not OK's green check
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def repoint(self) -> dict[ops.Reference, str | None]:
        return {
            ref: (None if box.currentData() == REMOVE else box.currentData())
            for ref, box in zip(self.refs, self.choices, strict=True)
        }


def ask_delete(parent: QWidget, doc: TreeDocument, node_id: str) -> dict[ops.Reference, str | None] | None:
    dialog = DeleteDialog(doc, node_id, parent)
    return dialog.repoint() if dialog.exec() == QDialog.DialogCode.Accepted else None


class NewTreeDialog(QDialog):
    """A new tree: blank or from the starter template, with its id and title."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New tree")
        form = QFormLayout(self)
        self.template = QComboBox()
        self.template.addItem("One question with two outcomes", STARTER)
        self.template.addItem("Blank: one outcome to start from", BLANK)
        self.title = QLineEdit("A new decision")
        self.tree_id = QLineEdit("a-new-decision")
        form.addRow("Start from:", self.template)
        form.addRow("Title:", self.title)
        form.addRow("Id:", self.tree_id)
        self.title.textEdited.connect(lambda text: self.tree_id.setText(slugify(text)))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


def ask_new_tree(parent: QWidget) -> tuple[str, str, str] | None:
    """(template, tree id, title), or None when cancelled."""
    dialog = NewTreeDialog(parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.template.currentData(), dialog.tree_id.text().strip(), dialog.title.text().strip()
