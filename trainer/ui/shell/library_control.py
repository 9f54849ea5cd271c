"""The library in the main window: reading it (a large one in the background), showing it on
the cards, opening the chosen tree, and following tree files that change, appear or vanish on
disk while the window is open."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from trainer.core.library import Library, TreeEntry, needs_library_reload, read_tree
from trainer.core.tree_cache import TreeCache
from trainer.infra.paths import history_file, tree_cache_dir
from trainer.study.walk import Walk
from trainer.ui.canvas.graph_panel import GraphPanel
from trainer.ui.common.background import BackgroundTask
from trainer.ui.common.busy import BusyBar, ProgressRunner
from trainer.ui.shell import library_loader
from trainer.ui.shell.file_watch import TreeWatcher
from trainer.ui.shell.library_panel import LibraryPanel
from trainer.ui.shell.tree_opener import TreeOpener
from trainer.ui.study.outline import OutlineView
from trainer.ui.study.walk_pane import StudyPane


class LastTree(Protocol):
    """Where the remembered tree is kept (the one a first load selects)."""

    last_tree: str


class LibraryHost(Protocol):
    """The window the library is shown in: its views, the watcher of its files, the line that
    counts its trees, and `window()` (QWidget.window()) as the parent."""

    @property
    def settings(self) -> LastTree: ...
    @property
    def library_panel(self) -> LibraryPanel: ...
    @property
    def library_bar(self) -> BusyBar: ...
    @property
    def study(self) -> StudyPane: ...
    @property
    def outline(self) -> OutlineView: ...
    @property
    def graph(self) -> GraphPanel: ...
    @property
    def watcher(self) -> TreeWatcher: ...
    @property
    def status(self) -> QLabel: ...
    @property
    def quizzing(self) -> bool: ...

    def window(self) -> QWidget: ...
    def statusBar(self) -> QStatusBar: ...


class LibraryControl(QObject):
    """Reads and shows the library of `paths`; `opener` opens the tree chosen on a card."""

    def __init__(self, host: LibraryHost, paths: list[Path]) -> None:
        self.host = host
        super().__init__(host.window())
        self.paths = paths
        self.stale = False  # a folder changed during a quiz: reload when it ends
        self._shown = False  # a library is on the cards (a cancelled reload keeps it)
        self._keep_place: tuple[Path, Walk] | None = None  # a walk to carry over when its file is chosen again
        self._rereading: dict[Path, BackgroundTask] = {}  # large files changed on disk, being read again
        self.loader = ProgressRunner(host.library_bar, "reading the library", self)
        self.loader.failed.connect(lambda message: self._say(f"The library could not be read. {message}", 15000))
        self.opener = TreeOpener(host.library_panel, host.outline, host.graph, host.study, self)
        host.study.find_tree = self.title_of
        host.study.continue_requested.connect(self.open_tree)
        self.opener.opened.connect(self._on_tree_opened)
        self.opener.cancelled.connect(lambda message: self._say(message, 8000))
        self.opener.failed.connect(self._on_tree_failed)
        host.library_panel.entry_chosen.connect(self.entry_chosen)
        host.watcher.tree_changed.connect(self.file_changed)
        host.watcher.folder_changed.connect(self.folder_changed)

    def _say(self, message: str, timeout: int = 0) -> None:
        self.host.statusBar().showMessage(message, timeout)

    @property
    def busy(self) -> bool:
        """The library or a tree is being read or prepared in the background."""
        return self.loader.busy or self.opener.busy or bool(self._rereading)

    def discard(self) -> None:
        """Drop the work still running (the window is closing)."""
        self.loader.discard()
        self.opener.discard()
        for task in self._rereading.values():
            task.discard()

    # --- reading and showing -------------------------------------------------------------------
    def reload(self, then: Callable[[], None] | None = None) -> None:
        study = self.host.study
        current = study.entry.path if study.entry else None
        self.load(self.paths, str(current) if current else self.host.settings.last_tree, then)

    def load(self, paths: list[Path], select: str, then: Callable[[], None] | None = None) -> None:
        """Read the library of `paths` (large trees back from the cache of checked trees when
        unchanged; a large library in the background) and show it, then call `then`. A load
        cancelled halfway shows the trees read so far, unless a library is shown already:
        that one then stays as it was."""

        def show(library: Library) -> None:
            if not library.complete and self._shown:
                self._say("Reading the library was cancelled: it is as it was before.", 8000)
                return
            self.paths = paths
            self.set_library(library, select)
            if then is not None:
                then()

        library_loader.load(self.loader, paths, show)

    def set_library(self, library: Library, select: str = "") -> None:
        self._shown = True
        panel = self.host.library_panel
        panel.set_library(library)
        self.host.watcher.watch(self.paths, [e.path for e in library.entries])
        self.refresh_due_counts()
        self.host.status.setText(library_summary(library))
        if not (select and panel.select_path(select)):
            self._select_first_usable(library)

    def refresh_due_counts(self) -> None:
        """Show on each card how many items are due for review. A missing, locked or damaged
        history just shows none (opening and reading it never raise)."""
        panel = self.host.library_panel
        if not history_file().exists():  # a first start: nothing to count, nothing to load
            panel.set_due_counts({})
            return
        from trainer.study.history import open_history
        from trainer.study.mastery import due_counts

        trees = [e.tree for e in panel.entries() if e.usable and e.tree is not None]
        with open_history(read_only=True) as history:
            panel.set_due_counts(due_counts(trees, history.due([t.id for t in trees])))

    def _usable_entry(self, tree_id: str) -> TreeEntry | None:
        entries = self.host.library_panel.entries()
        return next((e for e in entries if e.usable and e.tree is not None and e.tree.id == tree_id), None)

    def title_of(self, tree_id: str) -> str | None:
        """The title of the library's usable tree `tree_id`, for the walk to offer it."""
        entry = self._usable_entry(tree_id)
        return entry.title if entry is not None else None

    def open_tree(self, tree_id: str) -> None:
        """Go on in tree `tree_id` (an outcome's `continue:`), from its first question."""
        entry = self._usable_entry(tree_id)
        if entry is None or not self.host.library_panel.select_path(str(entry.path)):
            self._say(f"The tree '{tree_id}' is not in the library, or cannot be opened.", 8000)

    def _select_first_usable(self, library: Library) -> None:
        """A first start opens on a tree rather than an empty pane."""
        first = next((e for e in self.host.library_panel.entries() if e.usable), None)  # first as shown
        if first is None or not self.host.library_panel.select_path(str(first.path)):
            self.opener.discard()
            self.opener.shown = None
            self.host.study.set_entry(None)
            self.clear_views()

    def clear_views(self) -> None:
        self.host.outline.set_tree(None)
        self.host.graph.set_tree(None, [])

    def entry_chosen(self, entry: TreeEntry) -> None:
        if self.host.quizzing:  # the graph and outline belong to the quiz until it ends
            self.host.study.set_entry(entry)
            return
        keep, self._keep_place = self._keep_place, None
        self.opener.open(entry, previous=keep[1] if keep is not None and keep[0] == entry.path else None)

    def _on_tree_opened(self, entry: TreeEntry, kept: bool) -> None:
        self.host.settings.last_tree = str(entry.path)
        if not kept:
            self._say(f"{entry.path.name} reloaded: the node you were on is gone, so the walk starts again", 8000)

    def _on_tree_failed(self, message: str) -> None:
        self.host.graph.message.setText(message)
        self.host.graph.message.show()
        self._say(message, 15000)

    def after_quiz(self, place: Walk | None) -> None:
        """Back from a quiz: the walk where it was (its marks, lit path and card with it), and
        the library read again if its folders changed meanwhile."""
        if self.stale:  # files appeared or vanished during the quiz
            QTimer.singleShot(0, self, lambda: self.folder_changed(Path()))
        entry = self.host.study.entry
        if entry is not None:
            self._keep_place = (entry.path, place) if place is not None else None
            self.entry_chosen(entry)
        else:
            self.clear_views()

    # --- hot reload: files changed on disk -----------------------------------------------------
    def file_changed(self, path: Path) -> None:
        """A library file changed on disk: read it again (only it) and show it on its card; the
        tree being studied moves to the new version at the same node when it still exists. A
        running quiz keeps the trees it was built from; the new version shows when it ends. A large
        file is read in the background (the latest change wins)."""
        if self.host.library_panel.entry_for(path) is None:
            return
        cache = TreeCache(tree_cache_dir())
        if library_loader.library_bytes([path]) <= library_loader.INLINE_BYTES:
            self._show_changed_file(path, read_tree(path, cache))
            return
        if path in self._rereading:
            self._rereading.pop(path).discard()
        task = self._rereading[path] = BackgroundTask(
            lambda progress: read_tree(path, cache, progress), f"reading {path.name} again", self
        )
        task.succeeded.connect(lambda entry: self._on_file_read_again(path, entry))
        task.failed.connect(lambda message: self._on_file_read_again(path, message))
        self._say(f"Reading {path.name} again (changed on disk)…")
        task.start()

    def _on_file_read_again(self, path: Path, result: TreeEntry | str) -> None:
        del self._rereading[path]
        if isinstance(result, str):  # an unexpected failure, said and logged
            self._say(result, 15000)
        else:
            self._show_changed_file(path, result)

    def _show_changed_file(self, path: Path, entry: TreeEntry) -> None:
        panel, study = self.host.library_panel, self.host.study
        old = panel.entry_for(path)
        if old is None:
            return
        if needs_library_reload(old, entry, panel.entries()):  # ids shared with another file
            self.folder_changed(path.parent)
            return
        panel.replace_entry(entry)
        self.refresh_due_counts()
        message = f"Reloaded {path.name} (changed on disk)"
        studied = study.entry is not None and study.entry.path == path
        if studied and self.host.quizzing:
            study.set_entry(entry)  # behind the quiz; shown when it ends
            message += ": the quiz keeps the version it started with"
        elif studied and not self.opener.busy:  # (while another tree opens, it soon replaces this one)
            self.opener.open(entry, previous=study.place)
            if not (self.opener.busy or self.opener.kept):  # a large tree's opening says it when it ends
                message += ": the node you were on is gone, so the walk starts again"
        if not entry.usable:
            message = f"{path.name} changed on disk and cannot be opened: see its problems"
        self._say(message, 8000)

    def folder_changed(self, _folder: Path) -> None:
        """Tree files appeared or vanished: reload the library, keeping the selection and the
        walk's place (after the quiz, if one runs: the library panel is its backdrop)."""
        if self.host.quizzing:
            self.stale = True
            return
        self.stale = False
        studied, place = self.host.study.entry, self.host.study.place
        before = {e.path for e in self.host.library_panel.entries()}
        self._keep_place = (studied.path, place) if studied is not None and place is not None else None
        self.reload(lambda: self._say_reloaded(before))

    def _say_reloaded(self, before: set[Path]) -> None:
        self._keep_place = None
        kept = self.opener.busy or self.opener.kept  # a large tree's opening says it when it ends
        after = {e.path for e in self.host.library_panel.entries()}
        added, gone = sorted(after - before), sorted(before - after)
        parts = [f"added {', '.join(p.name for p in added)}"] if added else []
        parts += [f"removed {', '.join(p.name for p in gone)}"] if gone else []
        message = "Library reloaded (files changed on disk" + (f": {'; '.join(parts)}" if parts else "") + ")"
        if not kept:
            message += "; the node you were on is gone, so the walk starts again"
        self._say(message, 8000)


def library_summary(library: Library) -> str:
    """The status line under the cards: how many trees, how many cannot be opened, how many
    were not read."""
    broken = sum(not e.usable for e in library.entries)
    usable = len(library.entries) - broken
    text = f"{usable} tree{'s' if usable != 1 else ''}"
    if broken:
        text += f" · {broken} cannot be opened (select one to see why)"
    if not library.complete:
        text += f" · loading cancelled, {len(library.unread)} not read (File > Reload Library reads them)"
    return text
