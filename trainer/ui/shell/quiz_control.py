"""Quiz > Start Quiz… and Review Due Items in the main window: asking which quiz, building it
(in the background, with progress and Cancel, when its trees are large), running it in the
window's centre in place of the study pane, and giving the window back when it ends.

Which trees a quiz covers is decided by trainer.study.scope, as for `trainer quiz`.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from itertools import pairwise
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtWidgets import QStackedWidget, QStatusBar, QWidget

from trainer.core.library import TreeEntry
from trainer.core.model import Tree
from trainer.study.walk import NO_HIGHLIGHT, Highlight
from trainer.ui.canvas.graph_panel import GraphPanel
from trainer.ui.canvas.scene import Drawing, prepare_drawing
from trainer.ui.common.busy import BusyBar, ProgressRunner
from trainer.ui.shell.library_panel import LibraryPanel
from trainer.ui.shell.tree_opener import TreeOpener
from trainer.ui.study.outline import OutlineView
from trainer.ui.study.walk_pane import StudyPane

if TYPE_CHECKING:  # the quiz modules load on first use: start-up stays fast
    from trainer.infra.progress import Progress
    from trainer.study.quiz import Quiz
    from trainer.ui.study.quiz_pane import QuizPane
    from trainer.ui.study.quiz_setup import QuizSettings

QUIZ_INLINE_NODES = 300  # quizzes on trees this small are built at once, on the GUI thread
QUIZ_TITLE = "Quiz"


class QuizHost(Protocol):
    """The window a quiz runs in: its views (the quiz takes the study pane's place in `centre`
    and borrows the outline and the graph), and `window()` (QWidget.window()) as the parent."""

    @property
    def study(self) -> StudyPane: ...
    @property
    def graph(self) -> GraphPanel: ...
    @property
    def outline(self) -> OutlineView: ...
    @property
    def centre(self) -> QStackedWidget: ...
    @property
    def library_panel(self) -> LibraryPanel: ...
    @property
    def opener(self) -> TreeOpener: ...

    def refresh_due_counts(self) -> None: ...
    def refresh_mastery(self, *_args: object) -> None: ...
    def window(self) -> QWidget: ...
    def statusBar(self) -> QStatusBar: ...


class QuizControl(QObject):
    """Starts, runs and ends quizzes. `left(place)` says the quiz ended: `place` is where the
    walk was before it (a copy, or None), for the window to go back to."""

    left = Signal(object)

    def __init__(self, host: QuizHost, open_link: Callable[[QUrl], None], app_title: str) -> None:
        self.host = host
        self.window = host.window()
        super().__init__(self.window)
        self._open_link = open_link
        self._app_title = app_title
        self._pane: QuizPane | None = None  # made on first use: start-up stays fast
        self._told: tuple[str, frozenset[str]] = ("", frozenset())  # outcomes named while masked, by tree
        self.bar = BusyBar("Quiz building")  # "Building the quiz… 12 of 50"
        host.statusBar().addPermanentWidget(self.bar)
        self.builder = ProgressRunner(self.bar, "building the quiz", self)
        self.builder.failed.connect(lambda message: self._say(f"The quiz could not be built. {message}", 15000))
        self.builder.cancelled.connect(lambda: self._say("Building the quiz was cancelled.", 8000))

    def _say(self, message: str, timeout: int) -> None:
        self.host.statusBar().showMessage(message, timeout)

    @property
    def pane(self) -> QuizPane:
        """The quiz pane, built the first time a quiz is asked for."""
        if self._pane is None:
            from trainer.ui.study.quiz_pane import QuizPane

            pane = self._pane = QuizPane(open_link=self._open_link)
            self.host.centre.addWidget(pane)
            pane.tree_shown.connect(self._show_quiz_tree)
            pane.masking_changed.connect(self._set_masked)
            # queued: the scene hears of the mask first (set_masked(True) drops the overlay at once)
            pane.masking_changed.connect(self.host.refresh_mastery, Qt.ConnectionType.QueuedConnection)
            pane.told.connect(self._name_told)
            pane.path_lit.connect(self._light_quiz_path)
            pane.closed.connect(self._leave)
            pane.finished.connect(self.host.refresh_due_counts)
        return self._pane

    @property
    def made(self) -> QuizPane | None:
        """The quiz pane if a quiz was ever asked for (None: nothing to flush or close)."""
        return self._pane

    @property
    def active(self) -> bool:
        return self._pane is not None and self._pane.active

    # --- choosing and building ---------------------------------------------------------------
    def start(self) -> None:
        """Quiz > Start Quiz…: the setup dialog, then the quiz it describes."""
        from trainer.study.building import build_quiz
        from trainer.study.scope import SCOPE_DUE, scope_trees, tags_of
        from trainer.ui.study.quiz_setup import QuizSetup

        entries = self._usable_entries()
        library = [e.tree for e in entries if e.tree is not None]
        studied = self.host.study.entry
        current = studied.tree if studied is not None and studied.usable else None
        settings = QuizSetup.ask(
            self.window,
            tags_of(library),
            current is not None,
            len(self._due_items(library)),
            [(e.tree.id, e.title) for e in entries if e.tree is not None],
            current.id if current is not None else "",
        )
        if settings is None:
            return
        if settings.scope == SCOPE_DUE:
            self._start_review(library, settings)
            return
        trees = scope_trees(library, settings, current)
        self._build(
            trees,
            lambda progress: build_quiz(trees, settings.count, settings.seed, settings.kinds, progress),
            settings,
            "These trees have no items of that kind to quiz on.",
        )

    def review_due(self) -> None:
        """Quiz > Review Due Items: the items due for review across all trees, default settings."""
        from trainer.ui.study.quiz_setup import SCOPE_DUE, QuizSettings, random_seed

        trees = [e.tree for e in self._usable_entries() if e.tree is not None]
        self._start_review(trees, QuizSettings(scope=SCOPE_DUE, seed=random_seed()))

    def _usable_entries(self) -> list[TreeEntry]:
        return [e for e in self.host.library_panel.entries() if e.usable and e.tree is not None]

    @staticmethod
    def _due_items(trees: Sequence[Tree]) -> list[tuple[str, str]]:
        """(tree id, item key) of the items of `trees` due for review now, soonest first."""
        from trainer.study.history import open_history
        from trainer.study.mastery import live_due

        with open_history(read_only=True) as history:
            return live_due(list(trees), history.due([t.id for t in trees]))

    def _start_review(self, trees: list[Tree], settings: QuizSettings) -> None:
        """A quiz of due items only, as `trainer quiz --due` does: every item of the trees is built
        and the due ones kept; the most overdue `settings.count` of them, in the quiz's order."""
        from trainer.study.building import review_quiz

        due = self._due_items(trees)
        self._build(
            trees,
            lambda progress: review_quiz(trees, due, settings.count, settings.seed, settings.kinds, progress),
            settings,
            "Nothing is due for review.",
        )

    def _build(
        self, trees: Sequence[Tree], work: Callable[[Progress | None], Quiz], settings: QuizSettings, empty: str
    ) -> None:
        """Build the quiz (in the background, with progress and Cancel, when its trees are large)
        and run it; say `empty` when it has no items."""

        def run(built: tuple[Quiz, Drawing | None]) -> None:
            quiz, masked = built
            if not quiz.items:
                self._say(empty, 8000)
                return
            if masked is not None:
                self.host.graph.scene.offer_drawing(masked)
            self._run(quiz, settings)

        inline = sum(len(tree.nodes) for tree in trees) <= QUIZ_INLINE_NODES
        self.builder.run(self._with_masked_drawing(work, inline), run, inline, "Building the quiz…")

    def _with_masked_drawing(
        self, work: Callable[[Progress | None], Quiz], inline: bool
    ) -> Callable[[Progress | None], tuple[Quiz, Drawing | None]]:
        """`work`, and for a large quiz that opens on the tree shown, that tree's drawing with its
        outcomes masked, laid out in the same worker (on the GUI thread, laying out a large tree
        would freeze the window as the quiz starts)."""
        scene = self.host.graph.scene
        shown, style, direction, pins = scene.tree, scene.style, scene.direction, dict(scene.pins)

        def both(progress: Progress | None) -> tuple[Quiz, Drawing | None]:
            quiz = work(progress)
            if inline or shown is None or not quiz.items or quiz.items[0].tree_id != shown.id:
                return quiz, None
            return quiz, prepare_drawing(shown, style, direction, pins, masked=True, progress=progress)

        return both

    # --- running -------------------------------------------------------------------------------
    def _run(self, quiz: Quiz, settings: QuizSettings) -> None:
        host = self.host
        host.opener.discard()  # a tree still being prepared would take the graph from the quiz
        host.centre.setCurrentWidget(self.pane)
        host.library_panel.setEnabled(False)
        host.graph.find_bar.close_bar()  # a search made while studying may have lit outcomes
        self.window.setWindowTitle(f"{QUIZ_TITLE} — {self._app_title}")
        self.pane.start(quiz, exam=settings.exam, time_limit=settings.time_limit)
        self.window.activateWindow()  # back from the setup dialog: keys go to this window, not nowhere
        self.pane.focus_page()

    def _show_quiz_tree(self, tree_id: str) -> None:
        session = self.pane.session
        tree = session.quiz.trees.get(tree_id) if session is not None else None
        graph, outline = self.host.graph, self.host.outline
        if tree is not None and tree is not graph.tree:
            outline.set_tree(tree)
            graph.set_tree(tree, outline.order)
            outline.set_masked(graph.scene.masked)
        self._apply_told()

    def _name_told(self, tree_id: str, outcomes: frozenset[str]) -> None:
        """The feedback has named an outcome: the graph and the outline name it too (the others
        stay "?")."""
        self._told = (tree_id, outcomes)
        if outcomes:
            self._show_quiz_tree(tree_id)
        else:
            self._apply_told()

    def _apply_told(self) -> None:
        scene = self.host.graph.scene
        tree_id, outcomes = self._told
        if scene.masked and scene.tree is not None:
            named = outcomes if scene.tree.id == tree_id else frozenset()
            scene.set_masked(True, named)
            self.host.outline.set_masked(True, named)  # the outline names it too

    def _set_masked(self, masked: bool) -> None:
        self.host.graph.set_masked(masked)  # the find bar then searches the questions only
        self.host.outline.set_masked(masked)

    def _light_quiz_path(self, tree_id: str, path: tuple[str, ...]) -> None:
        """The right path lit up to its outcome, framed; no node is "current" (a quiz is not a
        walk: the graph draws no "you are here" on the feedback's or the results' graph)."""
        self._show_quiz_tree(tree_id)
        graph = self.host.graph
        if path:
            graph.scene.set_highlight(Highlight(None, frozenset(path), frozenset(pairwise(path))))
            graph.view.focus_neighbourhood(path[-1])
        else:
            graph.set_highlight(NO_HIGHLIGHT)

    def _leave(self) -> None:
        place = self.host.study.place  # where the walk was before the quiz, kept from what follows
        if place is not None:
            place = copy.copy(place)
            place.steps = list(place.steps)
        self.host.centre.setCurrentWidget(self.host.study)
        self.host.library_panel.setEnabled(True)
        self.left.emit(place)
