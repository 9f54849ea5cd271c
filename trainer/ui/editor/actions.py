"""What the main window offers authors: New Tree, Edit Tree, Import Mermaid, and the offer to
restore unsaved edits after a crash. Kept out of the main window so that it does not grow with
every authoring feature; it opens one EditorWindow per file."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox, QStatusBar, QWidget

from trainer.author.recovery import Recovery, RecoveryStore
from trainer.core.library import TreeEntry
from trainer.infra.paths import recovery_dir
from trainer.ui.common.actions import Actions, ActionSpec, Menus
from trainer.ui.editor.fields import plain_box

if TYPE_CHECKING:  # the editor (and ruamel.yaml) load when first used, not at start-up
    from trainer.author.session import EditSession
    from trainer.ui.editor.window import EditorWindow


def ask_mermaid_file(parent: QWidget) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(
        parent, "Import a Mermaid flowchart", str(Path.home()), "Mermaid (*.mmd *.mermaid *.md);;All files (*)"
    )
    return Path(name) if name else None


def warn(parent: QWidget, title: str, text: str) -> None:
    plain_box(QMessageBox.Icon.Warning, title, text, parent).exec()


def ask_restore(parent: QWidget, recovery: Recovery) -> bool:
    when = recovery.saved_at.astimezone().strftime("%Y-%m-%d %H:%M")
    box = plain_box(
        QMessageBox.Icon.Question,
        "Restore unsaved edits?",
        f"Decision Tree Trainer closed without saving your edits to {recovery.name} (last kept {when}).\n\n"
        "Restore them? (No deletes them.)",
        parent,
    )
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes


class AuthoringHost(Protocol):
    """What authoring needs of the window that offers it. `window()` is the host's own top-level
    widget (QWidget.window()): the parent of its dialogs."""

    @property
    def menus(self) -> Menus: ...
    @property
    def actions(self) -> Actions: ...

    def library_entries(self) -> Sequence[TreeEntry]: ...
    def studied_entry(self) -> TreeEntry | None: ...
    def reload_library(self) -> None: ...
    def window(self) -> QWidget: ...
    def statusBar(self) -> QStatusBar: ...


class Authoring(QObject):
    """File > New, Edit and Import for the host window; its editors follow their files on disk
    when the window passes on `file_changed_on_disk`."""

    def __init__(self, host: AuthoringHost) -> None:
        self.host = host
        self.window = host.window()
        super().__init__(self.window)
        self.editors: dict[str, EditorWindow] = {}
        made = host.actions.add(self._action_specs(), host.menus, self.window)
        self.new_action, self.edit_action, self.import_action = made
        QTimer.singleShot(0, self, self.offer_recovery)

    def _action_specs(self) -> list[ActionSpec]:
        """File > New, Edit and Import, above the window's own File entries."""
        first = "open_tree"
        return [
            ActionSpec("new_tree", "&New Tree…", "file", self.new_tree, QKeySequence.StandardKey.New, before=first),
            ActionSpec("edit_tree", "&Edit Tree", "file", self.edit_current, "Ctrl+Shift+E", before=first),
            ActionSpec(
                "import_mermaid",
                "&Import Mermaid Flowchart…",
                "file",
                self.import_mermaid,
                before=first,
                separator_after=True,
            ),
        ]

    # --- opening editors ---------------------------------------------------------------------------
    def library_ids(self) -> dict[str, str]:
        return {e.tree.id: str(e.path) for e in self.host.library_entries() if e.tree is not None}

    def open_editor(self, session: EditSession) -> EditorWindow:
        from trainer.ui.editor.window import EditorWindow

        key = str(session.path.resolve()) if session.path else f"new:{id(session)}"
        editor = self.editors.get(key)
        if editor is None:
            editor = self.editors[key] = EditorWindow(session, self.library_ids())
            editor.saved.connect(self._on_saved)
            editor.closed.connect(lambda key=key: self.editors.pop(key, None))
            editor.closed.connect(editor.deleteLater)
        editor.show()
        editor.raise_()
        editor.activateWindow()
        return editor

    def edit_current(self) -> EditorWindow | None:
        from trainer.author.document import EditError
        from trainer.author.session import EditSession

        entry = self.host.studied_entry()
        if entry is None:
            self.host.statusBar().showMessage("Choose a tree in the library first", 6000)
            return None
        try:
            return self.open_editor(EditSession.open(entry.path))
        except EditError as exc:
            warn(self.window, "Cannot edit", str(exc))
            return None

    def new_tree(self) -> EditorWindow | None:
        from trainer.author.document import EditError
        from trainer.author.session import EditSession, new_tree_text
        from trainer.ui.editor import dialogs

        wanted = dialogs.ask_new_tree(self.window)
        if wanted is None:
            return None
        template, tree_id, title = wanted
        try:
            return self.open_editor(
                EditSession(new_tree_text(template, tree_id or "new-tree", title or "A new decision"))
            )
        except EditError as exc:
            warn(self.window, "Cannot create the tree", str(exc))
            return None

    def import_mermaid(self) -> EditorWindow | None:
        from trainer.author.session import EditSession
        from trainer.interop.mermaid import import_mermaid, slugify

        source = ask_mermaid_file(self.window)
        if source is None:
            return None
        try:
            text = source.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            warn(self.window, "Cannot import", f"Cannot read {source.name}: {exc}")
            return None
        result = import_mermaid(text, tree_id=slugify(source.stem) or "imported")
        editor = self.open_editor(EditSession(result.yaml_text))
        if result.problems:  # said beside the editor, not in its way (the box is not modal)
            notes = QMessageBox(
                QMessageBox.Icon.Information,
                "Imported, with notes",
                f"{source.name} was imported. Check these before saving:\n\n• " + "\n• ".join(result.problems[:20]),
                parent=editor,
            )
            notes.setObjectName("importNotes")
            notes.setTextFormat(Qt.TextFormat.PlainText)  # the notes quote the flowchart's own words
            notes.open()
        return editor

    # --- after a crash ----------------------------------------------------------------------------
    def offer_recovery(self) -> None:
        store = RecoveryStore(recovery_dir())
        for recovery in store.pending():
            if recovery.owner_running():
                continue  # an editor in this run or in another running copy: nothing is lost
            if not recovery.still_needed():
                recovery.file.unlink(missing_ok=True)
                continue
            if ask_restore(self.window, recovery):
                self._restore(recovery)
            recovery.file.unlink(missing_ok=True)

    def _restore(self, recovery: Recovery) -> None:
        from trainer.author.saving import DiskState
        from trainer.author.session import EditSession

        path = recovery.tree_path if recovery.tree_path is not None and recovery.tree_path.exists() else None
        session = EditSession.open(path) if path is not None else EditSession("")
        if path is not None:
            # the edits began from the file as it was then: if it moved on since, saving asks first
            session.known = DiskState(recovery.base) if recovery.base else session.known
        session.text = recovery.text
        self.open_editor(session)

    def close_editors(self) -> bool:
        """Close every editor (each asks about unsaved edits); False when one stays open."""
        return all(editor.close() for editor in list(self.editors.values()))

    # --- the library follows -------------------------------------------------------------------------
    def _on_saved(self, path: Path) -> None:
        self.host.reload_library()

    def file_changed_on_disk(self, path: Path) -> None:
        """Hot reload: each editor showing `path` hears of it."""
        for editor in list(self.editors.values()):
            editor.file_changed_on_disk(Path(path))
