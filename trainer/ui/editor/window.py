"""The tree editor: outline, forms, live graph, problems and undo history around one
EditSession. Every change is a domain operation whose text before and after go on the undo
stack; after each, the text is checked as `trainer validate` checks it and every view is
refreshed with the selection kept in step. Saving is atomic, refuses to overwrite a file that
changed on disk without asking, and unsaved edits are written to a recovery file every few
seconds."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any, Literal

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QListWidgetItem,
    QMainWindow,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QUndoView,
    QWidget,
)
from shiboken6 import isValid

from trainer.author import operations as ops
from trainer.author.document import EditError, TreeDocument
from trainer.author.fragments import node_keys
from trainer.author.recovery import RecoveryStore
from trainer.author.saving import ConflictError, SaveError, changed_on_disk
from trainer.author.session import Checked, EditSession, locate
from trainer.infra.paths import backups_dir, bundled_trees_dir, recovery_dir, user_trees_dir
from trainer.ui.canvas.graph_panel import GraphPanel
from trainer.ui.common.accessibility import name_handles, name_size_grip
from trainer.ui.common.actions import Actions, ActionSpec, Menus, MenuSpec
from trainer.ui.common.screen_fit import fit_to_screen
from trainer.ui.editor import dialogs, fields
from trainer.ui.editor.commands import TextEdit
from trainer.ui.editor.fields import LineField, TextField
from trainer.ui.editor.node_form import NodeForm
from trainer.ui.editor.problems import PROBLEM_ROLE, ProblemList
from trainer.ui.editor.refresher import Prepared, Refresher
from trainer.ui.editor.tree_form import ScenariosForm, TreeForm
from trainer.ui.study.outline import OutlineView

RECOVERY_EVERY_MS = 4000
NodeKind = Literal["question", "outcome"]


def _node_ids(text: str) -> list[str] | TreeDocument:
    """The file's node ids, read from its lines (quick), or from the whole document."""
    keys = node_keys(text)
    return keys if keys is not None else TreeDocument.parse(text)


def is_bundled(path: Path | None) -> bool:
    """A tree file that ships with the app (trainer.infra.paths.bundled_trees_dir)."""
    return path is not None and path.resolve().is_relative_to(bundled_trees_dir().resolve())


class EditorWindow(QMainWindow):
    """Edits one tree. `saved(path)` tells the library a file was written."""

    actions: Actions  # type: ignore[assignment]  # the menu entries by id; shadows QWidget.actions()

    saved = Signal(Path)
    closed = Signal()

    def __init__(
        self, session: EditSession, library_ids: dict[str, str] | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("editorWindow")
        self.session = session
        self.library_ids = library_ids or {}
        self.checked = Checked(None)
        self.selected: str | None = None
        self._refreshing = False  # views re-selecting while rebuilt must not move the selection
        self._after_step: LineField | TextField | None = None  # the field an Undo or Redo was asked in
        self._wanted: str | None = None  # the node to select once the text being checked is shown
        self.refresher = Refresher(lambda: self.session.text, self._show_steps, self)
        self.refresher.failed.connect(self.say)
        self.session_id = uuid.uuid4().hex
        self.recovery = RecoveryStore(recovery_dir())
        self._recovered_text: str | None = None
        self.stack = QUndoStack(self)
        self._build()
        self._build_menus()
        self.stack.cleanChanged.connect(self._update_title)
        self.recovery_timer = QTimer(self, interval=RECOVERY_EVERY_MS)
        self.recovery_timer.timeout.connect(self.write_recovery)
        self.recovery_timer.start()
        fit_to_screen(self, 1500, 900)  # no larger than the screen, frame included
        self.refresh()

    # --- layout ------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.outline = OutlineView()
        self.outline.setAccessibleName("Nodes in walk order")
        self.node_form = NodeForm()
        self.tree_form = TreeForm()
        self.scenarios = ScenariosForm()
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Forms: node, tree, scenarios")
        for form, title in ((self.node_form, "Node"), (self.tree_form, "Tree"), (self.scenarios, "Scenarios")):
            scroll = QScrollArea()
            scroll.setAccessibleName(f"{title} form")
            scroll.setWidgetResizable(True)
            scroll.setWidget(form)
            self.tabs.addTab(scroll, title)
        self.graph = GraphPanel()
        splitter = QSplitter()
        for pane in (self.outline, self.tabs, self.graph):
            splitter.addWidget(pane)
        splitter.setSizes([300, 600, 600])
        name_handles(splitter, "Resize the node list and the forms", "Resize the forms and the graph")
        self.setCentralWidget(splitter)
        self.problems = ProblemList()
        self.problems.itemActivated.connect(self._on_problem_chosen)
        self.problems.itemClicked.connect(self._on_problem_chosen)
        self.history = QUndoView(self.stack)
        self.history.setEmptyLabel("The file as opened")
        self.history.setAccessibleName("Edit history")
        docks = []
        for content, title in ((self.problems, "Problems"), (self.history, "History")):
            dock = QDockWidget(title, self)
            dock.setObjectName(f"{title.lower()}Dock")
            dock.setWidget(content)
            self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
            docks.append(dock)
        self.resizeDocks(docks, [170, 170], Qt.Orientation.Vertical)
        self.status = fields.plain_label("")
        self.statusBar().addWidget(self.status, 1)
        name_size_grip(self)
        for form in (self.node_form, self.tree_form, self.scenarios):
            form.edit.connect(self.run)
        self.node_form.create_target.connect(self._create_target)
        self.node_form.delete_requested.connect(self.delete_node)
        self.node_form.rename_requested.connect(self.rename_node)
        self.tree_form.id_changed.connect(self.set_tree_id)
        self.outline.node_selected.connect(self.select)
        self.graph.node_selected.connect(self.select)

    def _build_menus(self) -> None:
        self.menus = Menus(self.menuBar(), (MenuSpec("file", "&File"), MenuSpec("edit", "&Edit")))
        self.actions = Actions()
        key = QKeySequence.StandardKey
        self.actions.add(
            [
                ActionSpec("save", "&Save", "file", self.save, key.Save),
                ActionSpec("save_as", "Save &As…", "file", self.save_as, "Ctrl+Shift+S"),
                ActionSpec("close", "&Close", "file", self.close, key.Close, separator_before=True),
            ],
            self.menus,
            self,
        )
        edit_menu = self.menus["edit"]
        self.undo_action = self.stack.createUndoAction(self, "&Undo")  # its text names the edit
        self.undo_action.setShortcut(key.Undo)
        self.redo_action = self.stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        for action, step in ((self.undo_action, self.stack.undo), (self.redo_action, self.stack.redo)):
            action.triggered.disconnect()  # first what is typed in a field goes on the stack
            action.triggered.connect(lambda _=False, step=step: self._history_step(step))
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        self.actions.add(self._edit_specs(), self.menus, self)

    def _edit_specs(self) -> list[ActionSpec]:
        def add_question() -> None:
            self._add_below("question")

        def add_outcome() -> None:
            self._add_below("outcome")

        def delete_selected() -> None:
            if self.selected:
                self.delete_node(self.selected)

        return [
            ActionSpec(
                "add_question", "Add &Question Below…", "edit", add_question, "Ctrl+Shift+Q", separator_before=True
            ),
            ActionSpec("add_outcome", "Add &Outcome Below…", "edit", add_outcome, "Ctrl+Shift+O"),
            ActionSpec("delete_node", "&Delete Node…", "edit", delete_selected, "Ctrl+Shift+Delete"),
        ]

    # --- edits ---------------------------------------------------------------------------------------
    def run(self, label: str, operation: Callable[[TreeDocument], Any], merge: str = "") -> bool:
        """Make one edit: its text goes on the undo stack. An EditError is said in the status
        bar and changes nothing (False)."""
        field = fields.committing
        try:
            after, _ = self.session.preview(operation)
        except EditError as exc:
            self.refuse(str(exc), field)
            return False
        if after != self.session.text:
            self.stack.push(TextEdit(label, self.session.text, after, self._apply_text, merge))
        return True

    def refuse(self, message: str, field: QWidget | None) -> None:
        """An edit the tree refused: said under the field it came from (which keeps the text to
        fix), else in the status bar; the views show the text as it still is."""
        if isinstance(field, LineField | TextField):
            field.refuse(message)
        else:
            self.say(f"Not done: {message}")
        self.refresh()  # a picker or button goes back to what the tree holds

    def _history_step(self, step: Callable[[], None]) -> None:
        """Undo or Redo from the menu or a key: a field's text being typed is handed over first,
        so the step takes back what the History panel shows, never something else."""
        focused = QApplication.focusWidget()
        if not isinstance(focused, LineField | TextField):
            step()
        elif focused.refused:  # the text the tree refused is what is taken back
            focused.put_back()
        else:
            focused.commit()
            self._after_step = focused  # shows what the step gives once the views have it
            step()

    def _apply_text(self, text: str) -> None:
        """Undo and redo land here: the whole text changes, then every view follows."""
        self.session.text = text
        self.refresh()

    @property
    def busy(self) -> bool:
        """A large tree's text is being checked, or its views filled: they show an older text."""
        return self.refresher.busy

    def refresh(self, select: str | None = None) -> None:
        """Check the text and show it in every view: at once for a small tree; for a large one
        in the background (trainer.ui.editor.refresher), the views following when it is done."""
        if select is not None:
            self._wanted = select
        if not self.refresher.inline(self.session.text):
            self.status.setText("Checking the tree…")
        self.refresher.refresh(self.session.path, self.graph.scene.style, self.graph.scene.direction)

    def _show_steps(self, prepared: Prepared) -> Iterator[None]:
        """Every view shows the checked text; the outline's rows of a large tree are made a few
        hundred at a time (yielding between them), then the views switch together."""
        tree = prepared.checked.tree
        if tree is not None:
            yield from self.outline.set_tree_in_steps(tree, prepared.rows)
        self._refreshing = True
        try:
            self.checked = prepared.checked
            if self._wanted is not None:
                self.selected, self._wanted = self._wanted, None
            if tree is None or self.selected not in tree.nodes:
                self.selected = tree.start if tree is not None and tree.start in tree.nodes else None
            if tree is None:
                self.outline.set_tree(None)
            keep = bool(self.graph.tree) and tree is not None
            self.graph.set_tree(tree, self.outline.order, keep_view=keep, drawing=prepared.drawing)
            self.graph.scene.set_flagged(self.checked.nodes_in_error())
            if self.selected:
                self.outline.select_node(self.selected)
                self.graph.scene.select_node(self.selected)
            self.node_form.show_node(tree, self.selected)
            self.tree_form.show_tree(tree)
            self.scenarios.show_tree(tree)
            self.status.setText(self.problems.show_problems(self.checked.problems))
            self._update_title()
            field, self._after_step = self._after_step, None
            if field is not None and isValid(field):
                field.put_back()
        finally:
            self._refreshing = False

    def select(self, node_id: str) -> None:
        if (
            self._refreshing
            or self.checked.tree is None
            or node_id not in self.checked.tree.nodes
            or node_id == self.selected
        ):
            return
        self.selected = node_id
        self.outline.select_node(node_id)
        self.graph.select_node(node_id)
        self.node_form.show_node(self.checked.tree, node_id)
        self.tabs.setCurrentIndex(0)

    def _create_target(self, node_id: str, index: int, kind: str) -> None:
        doc = TreeDocument.parse(self.session.text)
        answer = doc.answers(node_id)[index]
        wanted = dialogs.ask_new_node(self, kind, ops.free_id(doc, f"{node_id}-{answer.get('label', kind)}"))
        if wanted is None:
            self.refresh()  # the target picker goes back to what the answer leads to
            return
        new_id, text = wanted
        if kind == "question":
            operation = lambda d: ops.add_question_with_outcomes(d, new_id, text, ("Yes", "No"), (node_id, index))
        else:
            operation = lambda d: ops.add_node(d, "outcome", new_id, text, (node_id, index))
        if self.run(f"Add {kind} “{new_id}”", operation):
            self.refresh(select=new_id)
            self.show_in_graph(new_id)

    def _add_below(self, kind: NodeKind) -> None:
        """A new node, led to by a new answer of the selected question."""
        question = self.selected
        node = self.checked.tree.nodes.get(question) if self.checked.tree and question else None
        if question is None or node is None or not hasattr(node, "answers"):
            self.say("Select a question first: the new node is what a new answer of it leads to")
            return
        wanted = dialogs.ask_new_node(self, kind, ops.free_id(_node_ids(self.session.text), f"{question}-{kind}"))
        if wanted is None:
            return
        new_id, text = wanted
        if self.run(
            f"Add {kind} “{new_id}”",
            partial(ops.add_node_below, question_id=question, kind=kind, node_id=new_id, text=text),
        ):
            self.refresh(select=new_id)
            self.show_in_graph(new_id)

    def show_in_graph(self, node_id: str) -> None:
        """A node just added is brought into the graph's view (the view stays put when the
        whole node is in it already)."""
        rect = self.graph.scene.node_rect(node_id)
        if rect is not None and not self.graph.view.visible_scene_rect().contains(rect):
            self.graph.select_node(node_id)

    def delete_node(self, node_id: str) -> None:
        doc = TreeDocument.parse(self.session.text)
        repoint = dialogs.ask_delete(self, doc, node_id)
        if repoint is not None:
            self.run(f"Delete “{node_id}”", lambda d: ops.delete_node(d, node_id, repoint))

    def rename_node(self, old: str, new: str) -> None:
        if self.run(f"Rename “{old}” to “{new.strip()}”", lambda d: ops.rename_node(d, old, new.strip())):
            self.refresh(select=new.strip())

    def set_tree_id(self, new: str) -> None:
        owner = ops.id_clash(new.strip(), self.library_ids, str(self.session.path or ""))
        if owner is not None:
            self.refuse(f"the tree id “{new.strip()}” is already used by {owner}", fields.committing)
            return
        self.run("Change the tree id", lambda d: ops.set_meta(d, "id", new))

    # --- problems --------------------------------------------------------------------------------------
    def _on_problem_chosen(self, item: QListWidgetItem) -> None:
        place = locate(self.checked.tree, item.data(PROBLEM_ROLE))
        if place.part == "node":
            self.select(place.node_id)
            self.tabs.setCurrentIndex(0)
            self.node_form.focus_field(place.answer, place.field)
        else:
            self.tabs.setCurrentIndex(2 if place.part == "scenario" else 1)
            self.scenarios.show_scenario(place.index)

    # --- saving ---------------------------------------------------------------------------------------
    def save(self) -> bool:
        if self.session.path is None:
            return self.save_as()
        return self._save_to(None)

    def save_as(self) -> bool:
        suggested = (
            self.session.path
            or user_trees_dir(create=True) / f"{self.checked.tree.id if self.checked.tree else 'tree'}.yaml"
        )
        path = dialogs.ask_save_path(self, suggested)
        return path is not None and self._save_to(path)

    def _save_to(self, path: Path | None, overwrite: bool = False) -> bool:
        if is_bundled(path or self.session.path):
            return self._save_copy()
        errors = sum(p.is_error for p in self.checked.problems) + (self.checked.tree is None)
        if errors and not overwrite and not dialogs.ask_draft(self, errors):
            return False
        old_path = self.session.path
        try:
            self.session.save(path, backups_dir(), overwrite=overwrite)
        except ConflictError as exc:
            return self._resolve_conflict(str(exc), path)
        except (SaveError, EditError) as exc:  # the edits stay here; another place may work
            self.write_recovery()  # and in the recovery folder now, not at the next tick
            return dialogs.ask_save_elsewhere(self, str(exc)) and self.save_as()
        self.recovery.discard(old_path, self.session_id)
        self.recovery.discard(self.session.path, self.session_id)
        self.stack.setClean()
        self.say(f"Saved {self.session.path}")
        self._update_title()
        self.saved.emit(self.session.path)
        return True

    def _save_copy(self) -> bool:
        """A tree that ships with the app is never overwritten (an update would replace it, and
        it is everyone's): the author's version goes to My Trees, under an id of its own so the
        library keeps both, and this window edits the copy from now on."""
        tree_id = self.checked.tree.id if self.checked.tree else "tree"
        name = self.session.path.name if self.session.path else "this tree"
        taken = set(self.library_ids) | {p.stem for p in user_trees_dir(create=True).glob("*.y*ml")}
        new_id = next(
            f"{tree_id}-{n}" for n in ("mine", *(f"mine-{i}" for i in range(2, 1000))) if f"{tree_id}-{n}" not in taken
        )
        if not dialogs.ask_save_copy(self, name, new_id):
            return False
        self.run(f"Make it a copy: id “{new_id}”", lambda d: ops.set_meta(d, "id", new_id))
        return self._save_to(user_trees_dir(create=True) / f"{new_id}.yaml")

    def _resolve_conflict(self, message: str, path: Path | None) -> bool:
        choice = dialogs.ask_conflict(self, message)
        if choice == "overwrite":
            return self._save_to(path, overwrite=True)
        if choice == "theirs":
            return self.take_theirs()
        return self.save_as() if choice == "save_as" else False

    def take_theirs(self) -> bool:
        """Reload the file from disk; an undoable step, so the edits here are one Undo away. A
        file that was deleted or cannot be read as text any more is not taken: the text here stays,
        as unsaved edits (so closing asks, and recovery keeps them), and the author is told."""
        before = self.session.text
        try:
            theirs = self.session.reload_from_disk()
        except EditError as exc:
            self.session.lose_file()
            gone = self.session.path is not None and not self.session.path.exists()
            name = self.session.path.name if self.session.path else "the file"
            self.say(
                f"{name} was deleted on disk. Your text is kept here as unsaved edits; Save writes it back"
                if gone
                else f"{name} changed on disk and cannot be read ({exc}). Your text is kept here as unsaved edits"
            )
            self._update_title()
            return False
        if theirs != before:
            self.stack.push(TextEdit("Reload the file from disk", before, theirs, self._apply_text))
        self.stack.setClean()
        self._update_title()
        return True

    def file_changed_on_disk(self, path: Path) -> None:
        """Hot reload: another program saved the file. Without edits here, follow it; with
        edits, the author chooses."""
        if self.session.path is None or path.resolve() != self.session.path.resolve():
            return
        if self.session.known is None or not changed_on_disk(path, self.session.known):
            return
        if not self.session.modified:
            if self.take_theirs():
                self.say(f"Reloaded {path.name}: it changed on disk")
            return
        choice = dialogs.ask_conflict(
            self, f"{path.name} was changed by another program, and you have unsaved edits here."
        )
        if choice == "theirs":
            self.take_theirs()
        elif choice == "overwrite":
            self._save_to(None, overwrite=True)
        elif choice == "save_as":
            self.save_as()

    # --- recovery and closing --------------------------------------------------------------------------
    def write_recovery(self) -> None:
        if not self.session.modified or self.session.text == self._recovered_text:
            return
        base = self.session.known.digest if self.session.known else None
        if self.recovery.write(self.session.path, self.session.text, base, self.session_id):
            self._recovered_text = self.session.text
        else:
            self.say("Unsaved edits could not be written to the recovery folder: save soon")

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.session.modified:
            choice = dialogs.ask_save_changes(self, self.session.path.name if self.session.path else "this new tree")
            if choice == "cancel" or (choice == "save" and not self.save()):
                event.ignore()
                return
        self.recovery_timer.stop()
        self.refresher.discard()
        self.recovery.discard(self.session.path, self.session_id)
        self.closed.emit()
        event.accept()

    def say(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)

    def _update_title(self) -> None:
        name = self.session.path.name if self.session.path else "New tree"
        self.setWindowModified(self.session.modified)
        self.setWindowTitle(f"{name}[*] — Edit — Decision Tree Trainer")
