"""The main window: a shell that puts the library beside the study pane and keeps the menus.

It decides nothing itself. The library controller reads the library and follows its files on
disk, the quiz controller runs quizzes in the window's centre, and authoring, appearance, the
presentation, the history notice and the shortcuts sheet add their entries to the menus by id.
Its geometry and the last tree are remembered through `WindowSettings`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from trainer.core.library import Library, TreeEntry
from trainer.study.walk import Walk, walk_highlight, walk_marks
from trainer.ui.canvas.graph_panel import GraphPanel
from trainer.ui.common.accessibility import name_handles, name_size_grip
from trainer.ui.common.actions import Actions, Menus
from trainer.ui.common.busy import BusyBar
from trainer.ui.common.markdown_view import open_in_browser
from trainer.ui.common.plain import window_title
from trainer.ui.common.screen_fit import fit_to_screen
from trainer.ui.editor.actions import Authoring
from trainer.ui.export.action import Exporter
from trainer.ui.present.presenting import Presenting
from trainer.ui.shell.app import APP_TITLE
from trainer.ui.shell.appearance import Appearance, start_at_zoom
from trainer.ui.shell.desktop import open_log_folder, show_about, show_user_folder
from trainer.ui.shell.file_watch import TreeWatcher
from trainer.ui.shell.history_notice import HistoryNotice
from trainer.ui.shell.library_control import LibraryControl
from trainer.ui.shell.library_panel import LibraryPanel
from trainer.ui.shell.progress_views import show_mastery, show_progress
from trainer.ui.shell.quiz_control import QuizControl
from trainer.ui.shell.settings import WindowSettings
from trainer.ui.shell.shortcuts_help import ShortcutsHelp
from trainer.ui.shell.window_actions import MENUS, window_actions
from trainer.ui.study.outline import OutlineView
from trainer.ui.study.walk_pane import StudyPane

if TYPE_CHECKING:  # the quiz pane and the progress dialog load on first use
    from trainer.ui.study.progress_dialog import ProgressDialog
    from trainer.ui.study.quiz_pane import QuizPane

__all__ = ["APP_TITLE", "MainWindow"]


class MainWindow(QMainWindow):
    actions: Actions  # type: ignore[assignment]  # the menu entries by id; shadows QWidget.actions()

    def __init__(
        self,
        library_paths: list[Path],
        settings: WindowSettings,
        open_link: Callable[[QUrl], None] = open_in_browser,
        parent: QWidget | None = None,
    ) -> None:
        start_at_zoom(settings.zoom)  # before any widget, the window too: each is made at that size
        super().__init__(parent)
        self.settings = settings
        self._open_link = open_link
        self._build_views()
        self._build_menus()
        self.appearance = Appearance(self)  # View > Theme, Zoom In/Out (Ctrl+Plus, Ctrl+Minus, Ctrl+0)
        self._connect_views()
        self.watcher = TreeWatcher(self)  # public: an editor window showing a file listens too
        self.library = LibraryControl(self, library_paths)  # reads, shows and follows the library
        self.opener = self.library.opener
        self.authoring = Authoring(self)  # New, Edit, Import; editors follow the watcher
        self.watcher.tree_changed.connect(self.authoring.file_changed_on_disk)
        self.shortcuts_help = ShortcutsHelp(self, self.menus, self.actions)  # F1 and ?: every key in one sheet
        self.presenting = Presenting(self)  # View > Present (F5): the tree full screen for a room
        self.history_notice = HistoryNotice(self)  # an unusable history said at start; a fresh one offered
        self.history_notice.fresh_started.connect(self._on_fresh_history)
        self._build_long_work()
        fit_to_screen(self, 1500, 900)  # no larger than the screen, frame included
        self._restore_state()
        self.reload_library()

    def _build_views(self) -> None:
        """The library and the outline on the left, the study pane (or a quiz) in the centre,
        the graph on the right, and the line counting the trees in the status bar."""
        self.library_panel = LibraryPanel()
        self.outline = OutlineView()
        self.study = StudyPane(open_link=self._open_link)
        self.centre = QStackedWidget()  # the study pane, or the quiz in its place
        self.centre.addWidget(self.study)
        self.graph = GraphPanel()
        self.graph.view.reduced_motion = self.settings.reduced_motion
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
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # it names files and trees
        self.statusBar().addWidget(self.status, 1)
        name_handles(self.navigator, "Resize the library and the outline")
        name_handles(self.splitter, "Resize the library and the study pane", "Resize the study pane and the graph")
        name_size_grip(self)

    def _connect_views(self) -> None:
        self.library_panel.itemClicked.connect(lambda _item: self.study.setFocus())
        self.library_panel.itemActivated.connect(lambda _item: self.study.setFocus())
        self.study.walk_changed.connect(self._update_title)
        self.study.walk_changed.connect(self._on_walk_changed)
        self.graph.node_selected.connect(self.outline.select_node)
        self.graph.node_selected.connect(self._on_node_picked)
        self.outline.node_selected.connect(self.graph.select_node)

    def _build_menus(self) -> None:
        """The window's menus by id, and its own entries (controllers add theirs later)."""
        self.menus = Menus(self.menuBar(), MENUS)
        self.actions = Actions()
        self.actions.add(window_actions(self, self.settings.reduced_motion), self.menus, self)
        self.actions.add(self.graph.view_entries(self.settings.minimap, self._remember_minimap), self.menus, self)
        self.export_action = self.actions["export"]
        self.mastery_action = self.actions["mastery"]
        self.progress_action = self.actions["progress"]
        self.quiz_action = self.actions["start_quiz"]
        self.review_action = self.actions["review_due"]
        self.log_action = self.actions["open_log_folder"]
        self.graph.tree_changed.connect(self.refresh_mastery)

    def _build_long_work(self) -> None:
        """Long work runs off the GUI thread, each behind a progress line with Cancel (and Esc):
        a large library (above the cards), a large tree (over the graph), a big quiz and a large
        export (in the status bar); a large file changed on disk is read again in the background."""
        self.quizzes = QuizControl(self, self._open_link, APP_TITLE)
        self.quizzes.left.connect(self._on_quiz_left)
        self.quiz_bar, self.quiz_builder = self.quizzes.bar, self.quizzes.builder
        self.export_bar = BusyBar("Export")
        self.statusBar().addPermanentWidget(self.export_bar)
        for bar in (self.quiz_bar, self.export_bar):
            bar.setMinimumWidth(380)  # "big.svg · Drawing… 1,200 of 20,499" on one line
        self.exporter = Exporter(self, self.export_bar)
        self.exporter.exported.connect(lambda path: self.statusBar().showMessage(f"Exported to {path}", 8000))

    # --- the library -------------------------------------------------------------------------
    def reload_library(self) -> None:
        self.library.reload()

    def set_library(self, library: Library, select: str = "") -> None:
        self.library.set_library(library, select)

    def refresh_due_counts(self) -> None:
        self.library.refresh_due_counts()

    def library_entries(self) -> list[TreeEntry]:
        return self.library_panel.entries()

    def studied_entry(self) -> TreeEntry | None:
        return self.study.entry

    @property
    def loading(self) -> bool:
        """The library or a tree is being read or prepared in the background."""
        return self.library.busy or self.quiz_builder.busy or self.exporter.busy

    def open_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Open a tree", str(Path.home()), "Decision trees (*.yaml *.yml)")
        if name:
            self.library.load([Path(name)], name)

    def open_folder(self) -> None:
        name = QFileDialog.getExistingDirectory(self, "Open a folder of trees", str(Path.home()))
        if name:
            self.library.load([Path(name)], "")

    def export(self) -> None:
        tree = self.graph.tree
        if tree is None:
            self.statusBar().showMessage("Choose a tree that opens without errors to export it.", 5000)
            return
        folder = tree.path.parent if tree.path is not None else Path.home()
        self.exporter.export(tree, self.graph.scene.direction, folder)

    # --- the walk, the graph and the outline in step -----------------------------------------
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

    def _remember_minimap(self, shown: bool) -> None:
        self.settings.minimap = shown

    def set_reduced_motion(self, checked: bool) -> None:
        self.settings.reduced_motion = checked
        self.graph.view.reduced_motion = checked

    # --- quizzes -------------------------------------------------------------------------------
    @property
    def quiz(self) -> QuizPane:
        """The quiz pane, built the first time a quiz is asked for."""
        return self.quizzes.pane

    @property
    def quizzing(self) -> bool:
        return self.quizzes.active

    def start_quiz(self) -> None:
        self.quizzes.start()

    def review_due(self) -> None:
        self.quizzes.review_due()

    def _on_quiz_left(self, place: Walk | None) -> None:
        self.library.after_quiz(place)
        self._update_title()
        self.study.setFocus()

    def _on_fresh_history(self) -> None:
        self.quiz.reopen_history()
        self.refresh_due_counts()

    def refresh_mastery(self, *_args: object) -> None:
        """View > Mastery Overlay, asked again whenever the tree, the mask or the quiz changes."""
        wanted = self.mastery_action.isChecked() and not self.quizzing
        show_mastery(self.graph, wanted, self.statusBar().showMessage)

    def show_progress(self) -> ProgressDialog | None:
        return show_progress(self, self.studied_entry(), self.statusBar().showMessage)

    # --- help ----------------------------------------------------------------------------------
    def show_user_folder(self) -> None:
        show_user_folder()

    def open_log_folder(self) -> None:
        open_log_folder(self._open_link, self.statusBar().showMessage)

    def about(self) -> None:
        show_about(self)

    # --- window state ------------------------------------------------------------------------
    def _update_title(self) -> None:
        if self.quizzing:
            return
        walk = self.study.walk
        self.setWindowTitle(window_title(f"{walk.tree.title} — {APP_TITLE}") if walk else APP_TITLE)

    def _restore_state(self) -> None:
        if self.settings.geometry is not None:
            self.restoreGeometry(self.settings.geometry)
        if self.settings.splitter is not None:
            self.splitter.restoreState(self.settings.splitter)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.authoring.close_editors():  # an editor with unsaved edits was not let go
            event.ignore()
            return
        pane = self.quizzes.made
        if pane is not None:
            pane.flush_pending()  # an answer still on the feedback page is recorded
        self.library.discard()
        self.quiz_builder.discard()
        self.exporter.discard()
        self.settings.geometry = self.saveGeometry()
        self.settings.splitter = self.splitter.saveState()
        self.settings.sync()
        super().closeEvent(event)
