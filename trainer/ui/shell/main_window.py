"""The main window: a shell that puts the library beside the study pane and keeps menus.

It owns no logic of its own: it loads the library through the domain, hands the chosen entry to
the study pane and remembers its geometry and the last tree through `WindowSettings`.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QCloseEvent, QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from trainer import __version__
from trainer.core.library import Library, TreeEntry, needs_library_reload, read_tree
from trainer.core.tree_cache import TreeCache
from trainer.infra.paths import history_file, tree_cache_dir, user_log_dir, user_trees_dir
from trainer.study.walk import NO_HIGHLIGHT, Highlight, walk_highlight, walk_marks
from trainer.ui.canvas.graph_panel import GraphPanel
from trainer.ui.canvas.scene import Drawing, prepare_drawing
from trainer.ui.common.accessibility import name_handles, name_size_grip
from trainer.ui.common.actions import Actions, Menus
from trainer.ui.common.background import BackgroundTask
from trainer.ui.common.busy import BusyBar, ProgressRunner
from trainer.ui.common.markdown_view import open_in_browser
from trainer.ui.editor.actions import Authoring
from trainer.ui.export.action import Exporter
from trainer.ui.present.presentation import Presenting
from trainer.ui.shell import library_loader
from trainer.ui.shell.appearance import Appearance
from trainer.ui.shell.file_watch import TreeWatcher
from trainer.ui.shell.history_notice import HistoryNotice
from trainer.ui.shell.library_panel import LibraryPanel
from trainer.ui.shell.settings import WindowSettings
from trainer.ui.shell.shortcuts_help import ShortcutsHelp
from trainer.ui.shell.tree_opener import TreeOpener
from trainer.ui.shell.window_actions import MENUS, window_actions
from trainer.ui.study.outline import OutlineView

if TYPE_CHECKING:  # the quiz, history and progress modules load on first use
    from trainer.infra.progress import Progress
    from trainer.study.quiz import Quiz
    from trainer.ui.study.progress_dialog import ProgressDialog
    from trainer.ui.study.quiz_pane import QuizPane
    from trainer.ui.study.quiz_setup import QuizSettings
from trainer.ui.study.walk_pane import StudyPane

APP_TITLE = "Decision Tree Trainer"
QUIZ_INLINE_NODES = 300  # quizzes on trees this small are built at once (< 0.1 s for 200 items here)


class MainWindow(QMainWindow):
    def __init__(
        self,
        library_paths: list[Path],
        settings: WindowSettings,
        open_link: Callable[[QUrl], None] = open_in_browser,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.library_paths = library_paths
        self.settings = settings
        self.library_panel = LibraryPanel()
        self.outline = OutlineView()
        self.study = StudyPane(open_link=open_link)
        self._open_link = open_link
        self._quiz: QuizPane | None = None  # made on first use: start-up stays fast
        self.centre = QStackedWidget()  # the study pane, or the quiz in its place
        self.centre.addWidget(self.study)
        self.graph = GraphPanel()
        self.graph.view.reduced_motion = settings.reduced_motion
        self.navigator = QSplitter(Qt.Orientation.Vertical)
        self.library_bar = BusyBar("Library loading")  # "Loading trees… 12 of 40", a bar and Cancel
        library_box = QWidget()
        box = QVBoxLayout(library_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.library_bar)
        box.addWidget(self.library_panel, 1)
        self.navigator.addWidget(library_box)
        self.navigator.addWidget(self.outline)
        self.navigator.setSizes([420, 380])
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        for widget in (self.navigator, self.centre, self.graph):
            self.splitter.addWidget(widget)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 1)
        self.splitter.setSizes([300, 520, 680])
        self.setCentralWidget(self.splitter)
        self.status = QLabel()
        self.statusBar().addWidget(self.status, 1)
        name_handles(self.navigator, "Resize the library and the outline")
        name_handles(self.splitter, "Resize the library and the study pane", "Resize the study pane and the graph")
        name_size_grip(self)
        self._build_menus()
        self.appearance = Appearance(self)  # View > Theme, Zoom In/Out (Ctrl+Plus, Ctrl+Minus, Ctrl+0)
        self.library_panel.entry_chosen.connect(self._on_entry_chosen)
        self.library_panel.itemClicked.connect(lambda _item: self.study.setFocus())
        self.library_panel.itemActivated.connect(lambda _item: self.study.setFocus())
        self.study.walk_changed.connect(self._update_title)
        self.study.walk_changed.connect(self._on_walk_changed)
        self.graph.node_selected.connect(self.outline.select_node)
        self.graph.node_selected.connect(self._on_node_picked)
        self.outline.node_selected.connect(self.graph.select_node)
        self.watcher = TreeWatcher(self)  # public: an editor window showing a file listens too
        self.watcher.tree_changed.connect(self._on_tree_file_changed)
        self.watcher.folder_changed.connect(self._on_library_folder_changed)
        self._library_stale = False  # a folder changed during a quiz: reload when it ends
        self.authoring = Authoring(self)  # New, Edit, Import; editors follow the watcher
        self.shortcuts_help = ShortcutsHelp(self, self.menus, self.actions)  # F1 and ?: every key in one sheet
        self.presenting = Presenting(self)  # View > Present (F5): the tree full screen for a room
        self.history_notice = HistoryNotice(self)  # an unusable history said at start; a fresh one offered
        self._build_long_work()
        self.resize(1500, 900)
        self._restore_state()
        self.reload_library()

    def _build_long_work(self) -> None:
        """Long work runs off the GUI thread, each behind a progress line with Cancel (and Esc):
        a large library (above the cards), a large tree (over the graph), a big quiz and a large
        export (in the status bar); a large file changed on disk is read again in the background."""
        say = self.statusBar().showMessage
        self.loader = ProgressRunner(self.library_bar, "reading the library", self)
        self.loader.failed.connect(lambda message: say(f"The library could not be read. {message}", 15000))
        self.quiz_bar = BusyBar("Quiz building")  # "Building the quiz… 12 of 50"
        self.statusBar().addPermanentWidget(self.quiz_bar)
        self.quiz_builder = ProgressRunner(self.quiz_bar, "building the quiz", self)
        self.quiz_builder.failed.connect(lambda message: say(f"The quiz could not be built. {message}", 15000))
        self.quiz_builder.cancelled.connect(lambda: say("Building the quiz was cancelled.", 8000))
        self.export_bar = BusyBar("Export")
        self.statusBar().addPermanentWidget(self.export_bar)
        for bar in (self.quiz_bar, self.export_bar):
            bar.setMinimumWidth(380)  # "big.svg · Drawing… 1,200 of 20,499" on one line
        self.exporter = Exporter(self, self.export_bar)
        self.exporter.exported.connect(lambda path: say(f"Exported to {path}", 8000))
        self.opener = TreeOpener(self.library_panel, self.outline, self.graph, self.study, self)
        self.opener.opened.connect(self._on_tree_opened)
        self.opener.cancelled.connect(lambda message: say(message, 8000))
        self.opener.failed.connect(self._on_tree_failed)
        self._rereading: dict[Path, BackgroundTask] = {}  # large files changed on disk, being read again
        self._keep_place: tuple[Path, object] | None = None  # a walk to carry over when its file is chosen again
        self._library_shown = False

    @property
    def quiz(self) -> QuizPane:
        """The quiz pane, built the first time a quiz is asked for."""
        if self._quiz is None:
            from trainer.ui.study.quiz_pane import QuizPane

            quiz = self._quiz = QuizPane(open_link=self._open_link)
            self.centre.addWidget(quiz)
            quiz.tree_shown.connect(self._show_quiz_tree)
            quiz.masking_changed.connect(self._set_masked)
            # queued: the scene hears of the mask first (set_masked(True) drops the overlay at once)
            quiz.masking_changed.connect(self.refresh_mastery, Qt.ConnectionType.QueuedConnection)
            quiz.path_lit.connect(self._light_quiz_path)
            quiz.closed.connect(self._leave_quiz)
            quiz.finished.connect(self.refresh_due_counts)
        return self._quiz

    @property
    def quizzing(self) -> bool:
        return self._quiz is not None and self._quiz.active

    def _build_menus(self) -> None:
        """The window's menus by id, and its own entries (controllers add theirs later)."""
        self.menus = Menus(self.menuBar(), MENUS)
        self.actions = Actions()  # shadows QWidget.actions(): the menu entries by id
        self.actions.add(window_actions(self, self.settings.reduced_motion), self.menus, self)
        self.export_action = self.actions["export"]
        self.mastery_action = self.actions["mastery"]
        self.progress_action = self.actions["progress"]
        self.quiz_action = self.actions["start_quiz"]
        self.review_action = self.actions["review_due"]
        self.log_action = self.actions["open_log_folder"]
        self.graph.tree_changed.connect(self.refresh_mastery)

    @property
    def file_menu(self) -> QMenu:
        return self.menus["file"]

    @property
    def help_menu(self) -> QMenu:
        return self.menus["help"]

    # --- library -----------------------------------------------------------------------------
    def reload_library(self) -> None:
        self._reload()

    def _reload(self, then: Callable[[], None] | None = None) -> None:
        current = self.study.entry.path if self.study.entry else None
        self._load_library(self.library_paths, str(current) if current else self.settings.last_tree, then)

    @property
    def loading(self) -> bool:
        """The library or a tree is being read or prepared in the background."""
        return (
            self.loader.busy
            or self.opener.busy
            or self.quiz_builder.busy
            or self.exporter.busy
            or bool(self._rereading)
        )

    def _load_library(self, paths: list[Path], select: str, then: Callable[[], None] | None = None) -> None:
        """Read the library of `paths` (large trees back from the cache of checked trees when
        unchanged; a large library in the background) and show it, then call `then`. A load
        cancelled halfway shows the trees read so far, unless a library is shown already:
        that one then stays as it was."""

        def show(library: Library) -> None:
            if not library.complete and self._library_shown:
                self.statusBar().showMessage("Reading the library was cancelled: it is as it was before.", 8000)
                return
            self.library_paths = paths
            self.set_library(library, select)
            if then is not None:
                then()

        library_loader.load(self.loader, paths, show)

    def set_library(self, library: Library, select: str = "") -> None:
        self._library_shown = True
        self.library_panel.set_library(library)
        self.watcher.watch(self.library_paths, [e.path for e in library.entries])
        self.refresh_due_counts()
        broken = sum(not e.usable for e in library.entries)
        usable = len(library.entries) - broken
        text = f"{usable} tree{'s' if usable != 1 else ''}"
        if broken:
            text += f" · {broken} cannot be opened (select one to see why)"
        if not library.complete:
            text += f" · loading cancelled, {len(library.unread)} not read (File > Reload Library reads them)"
        self.status.setText(text)
        if not (select and self.library_panel.select_path(select)):
            self._select_first_usable(library)

    def refresh_due_counts(self) -> None:
        """Show on each card how many items are due for review. A missing, locked or damaged
        history just shows none (opening and reading it never raise)."""
        if not history_file().exists():  # a first start: nothing to count, nothing to load
            self.library_panel.set_due_counts({})
            return
        from trainer.study.history import open_history
        from trainer.study.mastery import due_counts

        trees = [e.tree for e in self.library_panel.entries() if e.usable and e.tree is not None]
        with open_history(read_only=True) as history:
            self.library_panel.set_due_counts(due_counts(trees, history.due([t.id for t in trees])))

    def _select_first_usable(self, library: Library) -> None:
        """A first start opens on a tree rather than an empty pane."""
        first = next((e for e in library.entries if e.usable), None)
        if first is None or not self.library_panel.select_path(str(first.path)):
            self.opener.discard()
            self.opener.shown = None
            self.study.set_entry(None)
            self.outline.set_tree(None)
            self.graph.set_tree(None, [])

    def _on_entry_chosen(self, entry: TreeEntry) -> None:
        if self.quizzing:  # the graph and outline belong to the quiz until it ends
            self.study.set_entry(entry)
            return
        keep, self._keep_place = self._keep_place, None
        self.opener.open(entry, previous=keep[1] if keep is not None and keep[0] == entry.path else None)  # type: ignore[arg-type]

    def _on_tree_opened(self, entry: TreeEntry, kept: bool) -> None:
        self.settings.last_tree = str(entry.path)
        if not kept:
            self.statusBar().showMessage(
                f"{entry.path.name} reloaded: the node you were on is gone, so the walk starts again", 8000
            )

    def _on_tree_failed(self, message: str) -> None:
        self.graph.message.setText(message)
        self.graph.message.show()
        self.statusBar().showMessage(message, 15000)

    # --- hot reload: files changed on disk ---------------------------------------------------
    def _on_tree_file_changed(self, path: Path) -> None:
        """A library file changed on disk: read it again (only it) and show it on its card; the
        tree being studied moves to the new version at the same node when it still exists. A
        running quiz keeps the trees it was built from; the new version shows when it ends. A large
        file is read in the background (the latest change wins)."""
        if self.library_panel.entry_for(path) is None:
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
        self.statusBar().showMessage(f"Reading {path.name} again (changed on disk)…")
        task.start()

    def _on_file_read_again(self, path: Path, result: TreeEntry | str) -> None:
        del self._rereading[path]
        if isinstance(result, str):  # an unexpected failure, said and logged
            self.statusBar().showMessage(result, 15000)
        else:
            self._show_changed_file(path, result)

    def _show_changed_file(self, path: Path, entry: TreeEntry) -> None:
        old = self.library_panel.entry_for(path)
        if old is None:
            return
        if needs_library_reload(old, entry, self.library_panel.entries()):  # ids shared with another file
            self._on_library_folder_changed(path.parent)
            return
        self.library_panel.replace_entry(entry)
        self.refresh_due_counts()
        message = f"Reloaded {path.name} (changed on disk)"
        studied = self.study.entry is not None and self.study.entry.path == path
        if studied and self.quizzing:
            self.study.set_entry(entry)  # behind the quiz; shown when it ends
            message += ": the quiz keeps the version it started with"
        elif studied and not self.opener.busy:  # (while another tree opens, it soon replaces this one)
            self.opener.open(entry, previous=self.study.place)
            if not (self.opener.busy or self.opener.kept):  # a large tree's opening says it when it ends
                message += ": the node you were on is gone, so the walk starts again"
        if not entry.usable:
            message = f"{path.name} changed on disk and cannot be opened: see its problems"
        self.statusBar().showMessage(message, 8000)

    def _on_library_folder_changed(self, _folder: Path) -> None:
        """Tree files appeared or vanished: reload the library, keeping the selection and the
        walk's place (after the quiz, if one runs: the library panel is its backdrop)."""
        if self.quizzing:
            self._library_stale = True
            return
        self._library_stale = False
        studied, place = self.study.entry, self.study.place
        before = {e.path for e in self.library_panel.entries()}
        self._keep_place = (studied.path, place) if studied is not None and place is not None else None
        self._reload(lambda: self._say_library_reloaded(before))

    def _say_library_reloaded(self, before: set[Path]) -> None:
        self._keep_place = None
        kept = self.opener.busy or self.opener.kept  # a large tree's opening says it when it ends
        after = {e.path for e in self.library_panel.entries()}
        added, gone = sorted(after - before), sorted(before - after)
        parts = [f"added {', '.join(p.name for p in added)}"] if added else []
        parts += [f"removed {', '.join(p.name for p in gone)}"] if gone else []
        message = "Library reloaded (files changed on disk" + (f": {'; '.join(parts)}" if parts else "") + ")"
        if not kept:
            message += "; the node you were on is gone, so the walk starts again"
        self.statusBar().showMessage(message, 8000)

    def export(self) -> None:
        tree = self.graph.tree
        if tree is None:
            self.statusBar().showMessage("Choose a tree that opens without errors to export it.", 5000)
            return
        folder = tree.path.parent if tree.path is not None else Path.home()
        self.exporter.export(tree, self.graph.scene.direction, folder)

    def _on_node_picked(self, node_id: str) -> None:
        """A node chosen on the graph or in the outline: the walk jumps there (not in a quiz,
        nor while nodes are being arranged by hand)."""
        if not self.quizzing and not self.graph.scene.arranging:
            self.study.jump_to(node_id)

    def _on_walk_changed(self) -> None:
        if self.quizzing:
            return
        self.graph.set_highlight(walk_highlight(self.study.walk))
        self.outline.set_marks(walk_marks(self.study.walk))
        if self.study.walk is not None:
            self.outline.select_node(self.study.walk.current_id)

    def set_reduced_motion(self, checked: bool) -> None:
        self.settings.reduced_motion = checked
        self.graph.view.reduced_motion = checked

    def open_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Open a tree", str(Path.home()), "Decision trees (*.yaml *.yml)")
        if name:
            self._load_library([Path(name)], name)

    def open_folder(self) -> None:
        name = QFileDialog.getExistingDirectory(self, "Open a folder of trees", str(Path.home()))
        if name:
            self._load_library([Path(name)], "")

    def show_user_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(user_trees_dir(create=True))))

    def open_log_folder(self) -> None:
        """The log folder in the file manager (made first, so there is something to open)."""
        folder = user_log_dir()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self.statusBar().showMessage(f"The log folder {folder} cannot be made: {exc.strerror}", 8000)
            return
        self._open_link(QUrl.fromLocalFile(str(folder)))

    def about(self) -> None:
        QMessageBox.about(
            self,
            f"About {APP_TITLE}",
            f"{APP_TITLE} {__version__}\n\nLearn, present and author decision trees.\n\n"
            f"Your own trees live in:\n{user_trees_dir()}",
        )

    # --- quiz --------------------------------------------------------------------------------
    def start_quiz(self) -> None:
        from trainer.study.building import build_quiz
        from trainer.study.scope import SCOPE_DUE, scope_trees, tags_of
        from trainer.ui.study.quiz_setup import QuizSetup

        entries = [e for e in self.library_panel.entries() if e.usable and e.tree is not None]
        library = [e.tree for e in entries]
        current = self.study.entry.tree if self.study.entry is not None and self.study.entry.usable else None
        settings = QuizSetup.ask(
            self,
            tags_of(library),
            current is not None,
            len(self._due_items(library)),
            [(e.tree.id, e.title) for e in entries],
            current.id if current is not None else "",
        )
        if settings is None:
            return
        if settings.scope == SCOPE_DUE:
            self._start_review(library, settings)
            return
        trees = scope_trees(library, settings, current)
        self._build_quiz(
            trees,
            lambda progress: build_quiz(trees, settings.count, settings.seed, settings.kinds, progress),
            settings,
            "These trees have no items of that kind to quiz on.",
        )

    def _build_quiz(
        self, trees: list, work: Callable[[Progress | None], Quiz], settings: QuizSettings, empty: str
    ) -> None:  # type: ignore[type-arg]
        """Build the quiz (in the background, with progress and Cancel, when its trees are large)
        and run it; say `empty` when it has no items."""

        def run(built: tuple[Quiz, Drawing | None]) -> None:
            quiz, masked = built
            if not quiz.items:
                self.statusBar().showMessage(empty, 8000)
                return
            if masked is not None:
                self.graph.scene.offer_drawing(masked)
            self._run_quiz(quiz, settings)

        inline = sum(len(tree.nodes) for tree in trees) <= QUIZ_INLINE_NODES
        self.quiz_builder.run(self._with_masked_drawing(work, inline), run, inline, "Building the quiz…")

    def _with_masked_drawing(
        self,
        work: Callable[[Progress | None], Quiz],
        inline: bool,
    ) -> Callable[[Progress | None], tuple[Quiz, Drawing | None]]:
        """`work`, and for a large quiz that opens on the tree shown, that tree's drawing with its
        outcomes masked, laid out in the same worker (on the GUI thread it froze the window for
        0.4-1 s at the quiz's start on a 10,000-node tree)."""
        scene = self.graph.scene
        shown, style, direction, pins = scene.tree, scene.style, scene.direction, dict(scene.pins)

        def both(progress: Progress | None) -> tuple[Quiz, Drawing | None]:
            quiz = work(progress)
            if inline or shown is None or not quiz.items or quiz.items[0].tree_id != shown.id:
                return quiz, None
            return quiz, prepare_drawing(shown, style, direction, pins, masked=True, progress=progress)

        return both

    def review_due(self) -> None:
        """Quiz > Review Due Items: the items due for review across all trees, default settings."""
        from trainer.ui.study.quiz_setup import SCOPE_DUE, QuizSettings, random_seed

        trees = [e.tree for e in self.library_panel.entries() if e.usable and e.tree is not None]
        self._start_review(trees, QuizSettings(scope=SCOPE_DUE, seed=random_seed()))

    @staticmethod
    def _due_items(trees: list) -> list[tuple[str, str]]:  # type: ignore[type-arg]
        """(tree id, item key) of the items of `trees` due for review now, soonest first."""
        from trainer.study.history import open_history
        from trainer.study.mastery import live_due

        with open_history(read_only=True) as history:
            return live_due(trees, history.due([t.id for t in trees]))

    def _start_review(self, trees: list, settings: QuizSettings) -> None:  # type: ignore[type-arg]
        """A quiz of due items only, as `trainer quiz --due` does: every item of the trees is built
        and the due ones kept; the most overdue `settings.count` of them, in the quiz's order."""
        from trainer.study.building import review_quiz

        due = self._due_items(trees)
        self._build_quiz(
            trees,
            lambda progress: review_quiz(trees, due, settings.count, settings.seed, settings.kinds, progress),
            settings,
            "Nothing is due for review.",
        )

    def _run_quiz(self, quiz: Quiz, settings: QuizSettings) -> None:
        self.opener.discard()  # a tree still being prepared would take the graph from the quiz
        self.centre.setCurrentWidget(self.quiz)
        self.library_panel.setEnabled(False)
        self.graph.find_bar.close_bar()  # a search made while studying may have lit outcomes
        self.setWindowTitle(f"Quiz — {APP_TITLE}")
        self.quiz.start(quiz, exam=settings.exam, time_limit=settings.time_limit)
        self.activateWindow()  # back from the setup dialog: keys go to this window, not nowhere
        self.quiz.focus_page()

    def _show_quiz_tree(self, tree_id: str) -> None:
        session = self.quiz.session
        tree = session.quiz.trees.get(tree_id) if session is not None else None
        if tree is not None and tree is not self.graph.tree:
            self.outline.set_tree(tree)
            self.graph.set_tree(tree, self.outline.order)
            self.outline.set_masked(self.graph.scene.masked)

    def _set_masked(self, masked: bool) -> None:
        self.graph.set_masked(masked)  # the find bar then searches the questions only
        self.outline.set_masked(masked)

    def _light_quiz_path(self, tree_id: str, path: tuple[str, ...]) -> None:
        self._show_quiz_tree(tree_id)
        if path:
            self.graph.set_highlight(Highlight(path[-1], frozenset(path), frozenset(pairwise(path))))
        else:
            self.graph.set_highlight(NO_HIGHLIGHT)

    def _leave_quiz(self) -> None:
        place = self.study.place  # where the walk was before the quiz, kept from what follows
        if place is not None:
            place = copy.copy(place)
            place.steps = list(place.steps)
        if self._library_stale:  # files appeared or vanished during the quiz
            QTimer.singleShot(0, self, lambda: self._on_library_folder_changed(Path()))
        self.centre.setCurrentWidget(self.study)
        self.library_panel.setEnabled(True)
        entry = self.study.entry
        if entry is not None:  # back where the walk was: its marks, lit path and row with it
            self._keep_place = (entry.path, place) if place is not None else None
            self._on_entry_chosen(entry)
        else:
            self.outline.set_tree(None)
            self.graph.set_tree(None, [])
        self._update_title()
        self.study.setFocus()

    # --- mastery overlay and progress --------------------------------------------------------
    def refresh_mastery(self, *_args: object) -> None:
        """Show the overlay for the graph's tree while it is checked and no quiz runs (the quiz
        hides outcomes; the overlay would give them away). Read afresh each time it is asked."""
        tree = self.graph.tree
        if not self.mastery_action.isChecked() or tree is None or self.quizzing or self.graph.scene.masked:
            self.graph.set_mastery(None)
            return
        from trainer.study.history import default_history_path, open_history
        from trainer.study.mastery import Mastery, mastery

        if not default_history_path().exists():
            self.graph.set_mastery(Mastery({}, {}))
            self.statusBar().showMessage("No quiz attempts yet: every outcome is untested.", 5000)
            return
        with open_history(read_only=True) as history:
            accuracy = history.accuracy_by_item(tree.id)
            if history.read_problem:
                self.statusBar().showMessage(f"Mastery overlay: {history.read_problem}", 8000)
        self.graph.set_mastery(mastery(tree, accuracy))
        if not accuracy:
            self.statusBar().showMessage("No quiz attempts on this tree yet: every outcome is untested.", 5000)

    def show_progress(self) -> ProgressDialog | None:
        """The progress view of the current tree, non-modal (one per window, refreshed)."""
        from trainer.ui.study.progress_dialog import ProgressDialog

        tree = self.study.entry.tree if self.study.entry is not None and self.study.entry.usable else None
        if tree is None:
            self.statusBar().showMessage("Choose a tree that opens without errors to see its progress.", 5000)
            return None
        dialog = self.findChild(ProgressDialog)
        if dialog is not None and dialog.tree is not tree:
            dialog.close()
            dialog.deleteLater()
            dialog.setParent(None)
            dialog = None
        if dialog is None:
            dialog = ProgressDialog(tree, self)
            dialog.resize(620, 480)
        else:
            dialog.refresh()
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    # --- window state ------------------------------------------------------------------------
    def _update_title(self) -> None:
        if self.quizzing:
            return
        walk = self.study.walk
        self.setWindowTitle(f"{walk.tree.title} — {APP_TITLE}" if walk else APP_TITLE)

    def _restore_state(self) -> None:
        if self.settings.geometry is not None:
            self.restoreGeometry(self.settings.geometry)
        if self.settings.splitter is not None:
            self.splitter.restoreState(self.settings.splitter)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.authoring.close_editors():  # an editor with unsaved edits was not let go
            event.ignore()
            return
        if self._quiz is not None:
            self._quiz.flush_pending()  # an answer still on the feedback page is recorded
        self.loader.discard()
        self.opener.discard()
        self.quiz_builder.discard()
        self.exporter.discard()
        for task in self._rereading.values():
            task.discard()
        self.settings.geometry = self.saveGeometry()
        self.settings.splitter = self.splitter.saveState()
        self.settings.sync()
        super().closeEvent(event)
