"""A large tree laid out again off the GUI thread: folding or unfolding a question and changing
the layout's direction re-lay the whole visible tree out (about half a second at 10,000 nodes),
which on the GUI thread froze the window for that long. The scene keeps showing the drawing it
has until the new one is ready; a newer request (another fold) replaces an older one."""

from __future__ import annotations

from typing import Literal, Protocol

from PySide6.QtCore import QObject, Signal

from trainer.core.model import Tree
from trainer.ui.canvas.drawing import Drawing, Measured, prepare_drawing
from trainer.ui.canvas.style import GraphStyle
from trainer.ui.common.background import BackgroundTask

BACKGROUND_NODES = 500  # up to this many nodes a new layout is made at once (about 0.1 s), on the GUI thread


class LaidOutScene(Protocol):
    """What a re-layout reads of the scene and gives back to it (the GraphScene)."""

    tree: Tree | None
    style: GraphStyle
    direction: Literal["down", "right"]
    pins: dict[str, tuple[float, float]]
    masked: bool
    collapsed: set[str]
    revealed: frozenset[str]

    def measured(self) -> Measured: ...
    def offer_drawing(self, drawing: Drawing) -> None: ...
    def rebuild(self) -> None: ...


class Relayouts(QObject):
    """The scene's re-layouts: at once for a small tree, in a worker for a large one."""

    started = Signal()  # a large tree is being laid out again; the old drawing stays meanwhile
    finished = Signal()  # the new drawing is shown (or the request was dropped for a newer one)

    def __init__(self, scene: LaidOutScene, parent: QObject) -> None:
        super().__init__(parent)
        self.scene = scene
        self._task: BackgroundTask | None = None

    @property
    def running(self) -> bool:
        return self._task is not None

    def request(self) -> None:
        """Lay the scene's tree out again as the scene now has it (direction, folds, pins)."""
        scene, tree = self.scene, self.scene.tree
        if tree is None or len(tree.nodes) <= BACKGROUND_NODES:
            scene.rebuild()
            return
        self.cancel()
        style, direction, pins, masked = scene.style, scene.direction, dict(scene.pins), scene.masked
        collapsed, revealed, measured = frozenset(scene.collapsed), scene.revealed, scene.measured()
        task = BackgroundTask(
            lambda progress: prepare_drawing(
                tree,
                style,
                direction,
                pins,
                masked,
                progress,
                collapsed=collapsed,
                revealed=revealed,
                measured=measured,
            ),
            f"laying out {tree.title}",
            self,
        )
        task.succeeded.connect(self._done)
        task.failed.connect(self._failed)
        self._task = task
        task.start()
        self.started.emit()

    def cancel(self) -> None:
        """Drop a layout still being made (the scene is about to be rebuilt another way)."""
        if self._task is not None:
            self._task.discard()
            self._task = None
            self.finished.emit()

    def _done(self, drawing: Drawing) -> None:
        self._task = None
        self.scene.offer_drawing(drawing)  # used when it still fits what the scene shows
        self.scene.rebuild()
        self.finished.emit()

    def _failed(self, _message: str) -> None:
        """The worker failed (logged): the same layout on the GUI thread, slower but shown."""
        self._task = None
        self.scene.rebuild()
        self.finished.emit()
