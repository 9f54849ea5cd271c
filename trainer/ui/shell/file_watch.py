"""Hot reload's ears: a QFileSystemWatcher over the library's tree files and their folders.

Editors that save by rename (vim, VS Code: a temporary file renamed over the original) make the
watcher drop the file; the folder is watched too, and each settled burst re-arms every touched
file that exists. Events are debounced: one decision `DEBOUNCE_MS` after the last event of a
burst. What a burst means is decided by `trainer.infra.watching.settle` (plain Python).

`tree_changed(Path)` is public: the main window reloads the file, and an editor window showing
the same file can connect to it too (`MainWindow.watcher`).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from trainer.infra.watching import WatchPlan, file_digest, folder_listing, settle, watch_plan

DEBOUNCE_MS = 200


class TreeWatcher(QObject):
    """Watches a library; `tree_changed(Path)` for a tree file whose bytes changed on disk
    (written in place or replaced by a rename), `folder_changed(Path)` for a library folder where
    tree files appeared or vanished."""

    tree_changed = Signal(object)  # Path
    folder_changed = Signal(object)  # Path

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._on_file_changed)
        self._watcher.directoryChanged.connect(self._on_directory_changed)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.settle_now)
        self._plan = WatchPlan()
        self._touched: set[Path] = set()
        self._folders_touched: set[Path] = set()
        self._listings: dict[Path, frozenset[Path]] = {}
        self._digests: dict[Path, bytes | None] = {}

    @property
    def plan(self) -> WatchPlan:
        return self._plan

    def watch(self, library_paths: Iterable[Path], tree_files: Iterable[Path]) -> None:
        """Watch the library read from `library_paths` (called again after every reload)."""
        plan = watch_plan(list(library_paths), tree_files)
        wanted = {str(p) for p in plan.files} | {str(f) for f in plan.folders}
        held = set(self._watcher.files()) | set(self._watcher.directories())
        if held - wanted:
            self._watcher.removePaths(sorted(held - wanted))
        if wanted - held:
            self._watcher.addPaths(sorted(wanted - held))  # failures (a path gone meanwhile) are fine
        self._plan = plan
        self._listings = {folder: folder_listing(folder, plan) for folder in plan.folders}
        self._digests = {p: d for p, d in self._digests.items() if p in plan.files}

    def settle_now(self) -> None:
        """Act on the events seen so far (the debounce timer calls this)."""
        self._timer.stop()
        touched, self._touched = self._touched, set()
        folders, self._folders_touched = self._folders_touched & set(self._plan.folders), set()
        watched = {Path(p) for p in self._watcher.files()}
        now = {p: file_digest(p) for p in self._plan.files if (p in touched or p not in watched) and p.is_file()}
        after = {folder: folder_listing(folder, self._plan) for folder in folders}
        result = settle(touched, self._plan, watched, self._listings, after, self._digests, now)
        for path in result.rewatch:
            self._watcher.removePath(str(path))
            self._watcher.addPath(str(path))
        self._digests.update(now)
        self._listings.update(after)
        for path in result.changed:
            self.tree_changed.emit(path)
        for folder in result.folders:
            self.folder_changed.emit(folder)

    def _on_file_changed(self, path: str) -> None:
        self._touched.add(Path(path))
        self._timer.start()

    def _on_directory_changed(self, path: str) -> None:
        self._folders_touched.add(Path(path))
        self._timer.start()
