"""View > Mastery Overlay and View > Progress…: the learner's quiz results shown on the graph
and in a dialog, read afresh from the history each time they are asked for."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from trainer.core.library import TreeEntry
from trainer.ui.canvas.graph_panel import GraphPanel

if TYPE_CHECKING:  # the history and the progress dialog load on first use
    from trainer.ui.study.progress_dialog import ProgressDialog

Say = Callable[[str, int], None]  # a message for the status bar, and for how many milliseconds


def show_mastery(graph: GraphPanel, wanted: bool, say: Say) -> None:
    """The overlay for the graph's tree while it is `wanted` (checked, and no quiz runs: the quiz
    hides outcomes and the overlay would give them away) and the graph is not masked."""
    tree = graph.tree
    if not wanted or tree is None or graph.scene.masked:
        graph.set_mastery(None)
        return
    from trainer.study.history import default_history_path, open_history
    from trainer.study.mastery import Mastery, mastery

    if not default_history_path().exists():
        graph.set_mastery(Mastery({}, {}))
        say("No quiz attempts yet: every outcome is untested.", 5000)
        return
    with open_history(read_only=True) as history:
        accuracy = history.accuracy_by_item(tree.id)
        if history.read_problem:
            say(f"Mastery overlay: {history.read_problem}", 8000)
    graph.set_mastery(mastery(tree, accuracy))
    if not accuracy:
        say("No quiz attempts on this tree yet: every outcome is untested.", 5000)


def show_progress(parent: QWidget, entry: TreeEntry | None, say: Say) -> ProgressDialog | None:
    """The progress view of `entry`'s tree, non-modal: one per window, refreshed when asked again."""
    from trainer.ui.study.progress_dialog import ProgressDialog

    tree = entry.tree if entry is not None and entry.usable else None
    if tree is None:
        say("Choose a tree that opens without errors to see its progress.", 5000)
        return None
    dialog = parent.findChild(ProgressDialog)
    if dialog is not None and dialog.tree is not tree:
        dialog.close()
        dialog.deleteLater()
        dialog.setParent(None)
        dialog = None
    if dialog is None:
        dialog = ProgressDialog(tree, parent)
        dialog.resize(620, 480)
    else:
        dialog.refresh()
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
