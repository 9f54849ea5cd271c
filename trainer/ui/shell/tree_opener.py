"""Opening a chosen tree in the outline, the graph and the study pane without freezing the window.

A small tree (up to `INLINE_NODES` nodes) opens at once, on the GUI thread, as it
always did. A larger one is prepared in a worker thread (`prepare_tree`: the outline's rows,
the graph's measured text, layout, overview image and index, the study pane's counts), while a
progress line over the graph says what is being done and offers Cancel (or Esc). Only what must
happen on the GUI thread remains: the outline's items are made a few hundred at a time between
turns of the event loop, then the outline, graph and study pane switch to the new tree together.

Until then the previous tree stays shown: cancelling goes back to it (its card is selected
again), and choosing another tree while one is being prepared drops the first (the latest
choice wins; a stale result is never shown).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Signal

from trainer.core.graph import questions_ahead
from trainer.core.library import TreeEntry
from trainer.draw.outline import OutlineRow, outline_rows
from trainer.draw.pins import Direction, load_pins
from trainer.infra.progress import Progress, start
from trainer.study.walk import Walk
from trainer.ui.canvas.graph_panel import GraphPanel
from trainer.ui.canvas.scene import Drawing, prepare_drawing
from trainer.ui.canvas.style import GraphStyle
from trainer.ui.common.background import BackgroundTask, Slices
from trainer.ui.common.busy import BusyBar
from trainer.ui.shell.library_panel import LibraryPanel
from trainer.ui.study.outline import OutlineView
from trainer.ui.study.walk_pane import StudyPane

INLINE_NODES = 500  # trees up to this size open at once; larger ones are prepared off the GUI thread


@dataclass(frozen=True)
class PreparedTree:
    """Everything the views need to show a tree, worked out off the GUI thread."""

    entry: TreeEntry
    rows: list[OutlineRow]
    drawing: Drawing
    ahead: dict[str, int]


def prepare_tree(
    entry: TreeEntry, style: GraphStyle, direction: Direction, progress: Progress | None = None
) -> PreparedTree:
    """The outline's rows, the graph's drawing and the walk's counts of a usable entry (no
    QWidget and no graphics item is made: safe in a worker thread)."""
    tree = entry.tree
    assert tree is not None
    start(progress, "Listing the outline")
    rows = outline_rows(tree)
    pins = load_pins(tree.path, direction) if tree.path is not None else {}
    drawing = prepare_drawing(tree, style, direction, pins, progress=progress)
    start(progress, "Counting the questions ahead")
    ahead = questions_ahead(tree)
    return PreparedTree(entry, rows, drawing, ahead)


class TreeOpener(QObject):
    """Shows the entry chosen in the library in the outline, graph and study pane."""

    opened = Signal(object, bool)  # the TreeEntry now shown; False: the walk carried over was lost
    cancelled = Signal(str)  # a message: the opening was cancelled, the previous tree stays
    failed = Signal(str)  # a message: the tree could not be prepared, the previous tree stays

    def __init__(
        self,
        library: LibraryPanel,
        outline: OutlineView,
        graph: GraphPanel,
        study: StudyPane,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.library, self.outline, self.graph, self.study = library, outline, graph, study
        self.bar = BusyBar("Tree opening", graph.view)
        self.bar.setMinimumWidth(320)
        self.bar.cancel_requested.connect(self.cancel)
        graph.view.installEventFilter(self)  # keep the bar centred as the view is resized
        self.shown: TreeEntry | None = None  # what the views show (the card to go back to)
        self._task: BackgroundTask | None = None
        self._slices: Slices | None = None
        self._pending: TreeEntry | None = None
        self._previous: Walk | None = None
        self.kept = True  # the last opening carried its walk over (or had none to carry)

    @property
    def busy(self) -> bool:
        """A tree is being prepared or shown in steps."""
        return self._pending is not None

    def open(self, entry: TreeEntry, previous: Walk | None = None) -> None:
        """Show `entry`: at once when it is small or cannot be opened, otherwise prepared in the
        background. Whatever was being prepared before is dropped. `previous`: a walk on an
        earlier version of the same file, carried over to the new one (hot reload)."""
        self._drop()
        self._previous = previous
        tree = entry.tree if entry.usable else None
        if tree is None or len(tree.nodes) <= INLINE_NODES:
            self.outline.set_tree(tree)
            self.graph.set_tree(tree, self.outline.order)
            self._finish(entry, None)
            return
        self._pending = entry
        style, direction = self.graph.scene.style, self.graph.scene.direction
        task = self._task = BackgroundTask(
            lambda progress: prepare_tree(entry, style, direction, progress), f"preparing {entry.path.name}", self
        )
        task.progressed.connect(self.bar.show_progress)
        task.succeeded.connect(self._on_prepared)
        task.failed.connect(self._on_failed)
        task.cancelled.connect(self._go_back)
        self.bar.begin(f"Opening {entry.title}…", entry.title)
        self._place_bar()
        task.start()

    def cancel(self) -> None:
        """Stop opening: the previous tree stays shown and its card is selected again."""
        if self._pending is None:
            return
        entry = self._pending
        self._drop()
        self._reselect()
        self.cancelled.emit(
            f"Opening {entry.path.name} cancelled: still showing "
            + (f"{self.shown.title}." if self.shown is not None else "no tree.")
        )

    def discard(self) -> None:
        """Drop what is being prepared without a word (a quiz takes the views)."""
        self._drop()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the worker thread (if any) ended: tests and closing the window."""
        return self._task.wait(timeout) if self._task is not None else True

    # --- steps -----------------------------------------------------------------------------------
    def _on_prepared(self, prepared: PreparedTree) -> None:
        self._task = None  # delivered (and let go)
        self.bar.begin(f"{prepared.entry.title} · Showing the tree…", prepared.entry.title)
        self._slices = Slices(self._show_steps(prepared), f"showing {prepared.entry.path.name}", self)
        self._slices.finished.connect(lambda: self._finish(prepared.entry, prepared.ahead))
        self._slices.failed.connect(self._on_failed)
        self._slices.start()

    def _show_steps(self, prepared: PreparedTree) -> Iterator[None]:
        """The outline's items a few hundred at a time; then every view switches at once."""
        tree = prepared.entry.tree
        yield from self.outline.set_tree_in_steps(tree, prepared.rows)
        self.graph.set_tree(tree, self.outline.order, drawing=prepared.drawing)

    def _finish(self, entry: TreeEntry, ahead: dict[str, int] | None) -> None:
        previous = self._previous
        self._pending, self._task, self._slices, self._previous = None, None, None, None
        self.bar.end()
        self.kept = self.study.set_entry(entry, previous=previous, ahead=ahead)
        self.shown = entry
        self.opened.emit(entry, self.kept)

    def _on_failed(self, message: str) -> None:
        entry = self._pending
        self._drop()
        self._reselect()
        name = entry.path.name if entry is not None else "the tree"
        self.failed.emit(f"{name} could not be shown. {message}")

    def _go_back(self) -> None:
        self._drop()
        self._reselect()

    def _drop(self) -> None:
        if self._task is not None:
            self._task.discard()
        if self._slices is not None:
            self._slices.stop()
        self._pending, self._task, self._slices = None, None, None
        self.bar.end()

    def _reselect(self) -> None:
        """Select the card of the tree still shown, without opening it again."""
        self.library.blockSignals(True)
        try:
            if self.shown is None or not self.library.select_path(str(self.shown.path)):
                self.library.setCurrentRow(-1)
        finally:
            self.library.blockSignals(False)

    def _place_bar(self) -> None:
        view = self.graph.view
        self.bar.resize(min(max(self.bar.minimumWidth(), view.width() - 40), 520), self.bar.sizeHint().height())
        self.bar.move((view.width() - self.bar.width()) // 2, 16)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.bar.isVisible():
            self._place_bar()
        return False
