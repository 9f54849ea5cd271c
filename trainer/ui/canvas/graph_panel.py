"""The graph beside the walk: a toolbar, a find bar (Ctrl+F), the view and its minimap."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from trainer.core.model import Outcome, Tree
from trainer.draw.outline import SearchIndex, describe_node
from trainer.draw.pins import load_pins, save_pins
from trainer.study.walk import Highlight
from trainer.ui.canvas.drawing import Drawing
from trainer.ui.canvas.find_bar import LISTED, FindBar
from trainer.ui.canvas.items import (
    LEARNING,
    MASTERY_GLYPHS,
    STRONG,
    WEAK,
    mastery_colours,
)
from trainer.ui.canvas.scene import GraphScene
from trainer.ui.canvas.view import GraphView
from trainer.ui.common.actions import ActionSpec, make_action

if TYPE_CHECKING:  # the overlay's data type; importing it would load the quiz engine
    from trainer.study.mastery import Mastery


class MasteryLegend(QFrame):
    """What the mastery overlay's colours and cues mean; floats in the view's top-left corner."""

    def __init__(self, parent: QWidget, scene: GraphScene) -> None:
        super().__init__(parent)
        self.setObjectName("masteryLegend")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        style = scene.style
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(2)
        title = QLabel("Mastery (last 10 answers)")
        title.setStyleSheet("font-weight: 600;")
        layout.addWidget(title)
        self.rows: list[QLabel] = []
        for level, words, line in (
            (WEAK, "weak: under 50%", "dashed edge"),
            (LEARNING, "learning: 50–79%", "solid edge"),
            (STRONG, "strong: 80% or more", "solid edge"),
        ):
            colour = mastery_colours(level, style)[0].name()
            row = QLabel(
                f'<span style="color:{colour}; font-weight:600;">{"┅┅" if level == WEAK else "━━"} '
                f"{MASTERY_GLYPHS[level]}</span> {words} · {line}"
            )
            row.setTextFormat(Qt.TextFormat.RichText)
            layout.addWidget(row)
            self.rows.append(row)
        untested = QLabel("no badge: not tested yet")
        layout.addWidget(untested)
        self.rows.append(untested)
        self.adjustSize()
        self.move(8, 8)
        self.hide()


class GraphPanel(QWidget):
    """Owns the scene and view of the current tree; `node_selected` reports the user's pick."""

    node_selected = Signal(str)
    tree_changed = Signal()  # set_tree was called (the mastery overlay is cleared by it)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("graphPanel")
        self.scene = GraphScene(self)
        self.view = GraphView(self.scene)
        self.view.setToolTip("Drag to pan, wheel to zoom, double-click a question to fold it")
        self.find_bar = FindBar()
        self.legend = MasteryLegend(self.view, self.scene)
        self.tree: Tree | None = None
        self._order: list[str] = []
        self._index: SearchIndex | None = None
        self._matches: list[str] = []
        self._match_index = -1
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # it may quote a tree or a file name
        self.message.setObjectName("graphMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addLayout(self._toolbar())
        layout.addWidget(self.message)
        layout.addWidget(self.find_bar)
        layout.addWidget(self.view, 1)
        QShortcut(QKeySequence.StandardKey.Find, self, context=Qt.ShortcutContext.WindowShortcut).activated.connect(
            self.open_find
        )
        self.find_bar.edit.textChanged.connect(self._on_find_text_changed)
        self.find_bar.edit.returnPressed.connect(self.next_match)
        self.find_bar.stepped.connect(self._step_match)
        self.find_bar.picked.connect(self.go_to_match)
        self.find_bar.edit.textChanged.connect(self._on_find_cleared)
        self.scene.node_selected.connect(self.node_selected)
        # described at once, also when a clicked question's pick waits for a possible fold
        self.scene.selectionChanged.connect(self._describe_selection)
        # a new layout (another tree, a quiz masking outcomes): describe what is selected now
        self.scene.laid_out.connect(lambda: self._describe(self.scene.selected_node() or ""))
        self.view.node_double_clicked.connect(self._fold)
        # after a fold or an edit the layout moves: the current node stays in view (once the
        # owner's own framing, which follows a new tree at once, has been done)
        self.scene.laid_out.connect(self._after_layout)
        self._frame_after_layout = False
        self.scene.relayouts.started.connect(self._show_laying_out)
        self.scene.relayouts.finished.connect(self._show_laying_out)
        self.scene.pins_changed.connect(self._save_pins)
        self.scene.mastery_changed.connect(self._on_mastery_changed)

    def _toolbar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        bar.setContentsMargins(6, 4, 6, 4)
        bar.setSpacing(2)
        for text, tip, slot in (
            ("Fit", "Fit the whole tree (0)", self.view.fit),
            ("+", "Zoom in (+)", self.view.zoom_in),
            ("−", "Zoom out (-)", self.view.zoom_out),
            ("Find", "Find a node (Ctrl+F)", self.open_find),
        ):
            button = QToolButton()
            button.setText(text)
            button.setToolTip(tip)
            button.setAccessibleName(tip)
            button.clicked.connect(slot)
            bar.addWidget(button)
        layout_button = QToolButton()
        layout_button.setObjectName("layoutButton")  # base.qss gives its menu arrow room
        layout_button.setText("Layout")
        layout_button.setAccessibleName("Layout options")
        layout_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(layout_button)
        self.direction_action, self.arrange_action, self.reset_action = (
            make_action(spec, menu) for spec in self._layout_entries()
        )
        menu.addAction(self.direction_action)
        menu.addSeparator()
        menu.addAction(self.arrange_action)
        menu.addAction(self.reset_action)
        layout_button.setMenu(menu)
        bar.addWidget(layout_button)
        bar.addStretch(1)
        return bar

    def _layout_entries(self) -> tuple[ActionSpec, ActionSpec, ActionSpec]:
        """The Layout button's menu: the direction, arranging by hand, and going back to the layout."""
        return (
            ActionSpec("layoutLeftToRight", "Start at the left", "layout", self._on_direction_toggled, checkable=True),
            ActionSpec(
                "layoutByHand",
                "Arrange by hand (drag nodes)",
                "layout",
                self._on_arrange_toggled,
                checkable=True,
                tip="Positions are kept in a file beside the tree",
            ),
            ActionSpec("layoutReset", "Reset layout", "layout", self.reset_layout),
        )

    # --- what the window asks for ---------------------------------------------------------------
    def set_tree(
        self, tree: Tree | None, order: list[str], keep_view: bool = False, drawing: Drawing | None = None
    ) -> None:
        """Show a tree, framed for a first look; `keep_view`: the same tree after an edit, so
        the view stays where the author was looking; `drawing`: its drawing already prepared
        (`trainer.ui.canvas.drawing.prepare_drawing`, off the GUI thread), pins included."""
        self.tree = tree
        self._order = order
        if drawing is not None:
            self.scene.set_tree(tree, drawing.pins, drawing)
        else:
            self.scene.set_tree(tree, load_pins(tree.path, self.scene.direction) if tree else None)
        self.reset_action.setEnabled(bool(self.scene.pins))
        self.message.hide()
        if not keep_view:
            self.view.frame_until_moved(self._frame_start)
        self.tree_changed.emit()

    def set_masked(self, masked: bool) -> None:
        """A quiz hides the outcomes (True) or has ended: the scene draws them as "?" and the
        find bar searches only the questions, what the graph shows."""
        if masked:  # a node selected while studying would point at the answer
            self.clear_selection()
        self.scene.set_masked(masked)
        self.find_bar.set_masked(masked)
        self._on_find_text_changed(self.find_bar.edit.text())

    def clear_selection(self) -> None:
        """No node selected (and none described to screen readers)."""
        self.scene.clearSelection()
        self._describe("")

    def set_mastery(self, mastery: Mastery | None) -> None:
        """Show the mastery overlay of the current tree and its legend, or neither (None)."""
        self.scene.set_mastery(mastery)

    def _on_mastery_changed(self) -> None:
        """The legend shows exactly while the scene shows the overlay (a quiz turns it off)."""
        self.legend.setVisible(self.scene.mastery is not None)
        if self.legend.isVisible():
            self.legend.raise_()
            self.keep_current_in_view()

    def _on_find_cleared(self, text: str) -> None:
        if not text:
            self.scene.set_matches(set())

    def _frame_start(self) -> None:
        """A new tree opens whole when its text is readable that way (never smaller than the
        view's readable zoom); a bigger one opens on its current node and where it leads, at the
        interface's own text size, with the node at the top so the levels below fill the pane."""
        self.view.fit()
        tree = self.tree
        current = self.scene.highlight.current or (tree.start if tree is not None else None)
        if current is not None and self.view.zoom < self.view.readable_zoom:
            self.view.frame_reading(current)

    def current_node(self) -> str | None:
        """The node the camera keeps in view: the walk's, else the selected one."""
        return self.scene.highlight.current or self.scene.selected_node()

    def _describe_selection(self) -> None:
        if isValid(self.scene):
            self._describe(self.scene.selected_node() or "")

    def _after_layout(self) -> None:
        if self._frame_after_layout:
            self._frame_after_layout = False
            QTimer.singleShot(0, self, self._frame_current)
        else:
            QTimer.singleShot(0, self, self.keep_current_in_view)

    def _show_laying_out(self) -> None:
        """A large tree is laid out again in a worker: said over the graph (the old drawing
        stays until the new one is ready)."""
        self.message.setText("Laying out the tree…")
        self.message.setVisible(self.scene.relayouts.running)

    def keep_current_in_view(self) -> None:
        """After a fold, the overlay turned on or an edit: the current node wholly in view, clear
        of the legend (the minimap moves out of its way by itself)."""
        if not (isValid(self.scene) and isValid(self.view)):
            return
        current = self.current_node()
        if current is not None:
            avoid = (self.legend.geometry(),) if self.legend.isVisible() else ()
            self.view.keep_in_view(current, avoid)
        self.view.minimap.place()

    def set_highlight(self, highlight: Highlight) -> None:
        self.scene.set_highlight(highlight)
        if highlight.edges and highlight.current:
            self.view.focus_neighbourhood(highlight.current)
        elif self.tree is not None:  # at the first question: the opening frame
            self.view.frame_until_moved(self._frame_start)

    def select_node(self, node_id: str) -> None:
        self.scene.select_node(node_id)
        self.view.focus_node(node_id)
        self._describe(node_id)

    def _describe(self, node_id: str) -> None:
        """Screen readers hear the selected node as "Question: …; answers: …" (never an outcome's
        text while a quiz masks them)."""
        tree = self.scene.tree
        self.view.setAccessibleDescription(
            describe_node(tree, node_id, masked=self.scene.masked) if tree and node_id else ""
        )

    def _fold(self, node_id: str) -> None:
        """A double-click folds or unfolds a question; the walk stays where it is (the click
        before the double-click picked nothing: see GraphView's deferred pick)."""
        self.scene.toggle_collapsed(node_id)

    def view_entries(self, minimap_shown: bool, remember: Callable[[bool], None]) -> list[ActionSpec]:
        """The graph's entries of the View menu: showing the minimap (remembered by `remember`)."""
        self.view.minimap.set_wanted(minimap_shown)

        def show_minimap(checked: bool) -> None:
            self.view.minimap.set_wanted(checked)
            remember(checked)

        return [
            ActionSpec(
                "minimap",
                "Show Mini&map",
                "view",
                show_minimap,
                checkable=True,
                checked=minimap_shown,
                tip="The whole tree, small, in a corner of the graph",
                separator_before=True,
            )
        ]

    # --- arranging by hand ------------------------------------------------------------------------
    def _on_arrange_toggled(self, arranging: bool) -> None:
        self.scene.set_arranging(arranging)
        self.view.setDragMode(GraphView.DragMode.NoDrag if arranging else GraphView.DragMode.ScrollHandDrag)

    def reset_layout(self) -> None:
        self.scene.set_pins({})
        self._save_pins()

    def _save_pins(self) -> None:
        """Keep the positions beside the tree; a folder that cannot be written is said, and the
        arrangement still holds for this session."""
        self.reset_action.setEnabled(bool(self.scene.pins))
        if self.tree is None or self.tree.path is None:
            return
        try:
            save_pins(self.tree.path, self.scene.direction, self.scene.pins)
        except OSError as exc:
            self.message.setText(f"Positions not saved beside the tree: {exc.strerror or exc}")
            self.message.show()
        else:
            self.message.hide()

    # --- find ------------------------------------------------------------------------------------
    def _on_find_text_changed(self, text: str) -> None:
        self._matches = self._search_index().find(text) if self.tree else []
        self.scene.set_matches(set(self._matches))
        self._match_index = -1
        self.find_bar.count.setText(f"{len(self._matches)} found" if text else "")
        self.find_bar.list_matches([self._match_row(n) for n in self._matches[:LISTED]], len(self._matches))
        for layout in (self.find_bar.layout(), self.layout()):  # the list's new height, before centring on a match
            if layout is not None:
                layout.activate()
        if self._matches:
            self.next_match()

    def _match_row(self, node_id: str) -> str:
        assert self.tree is not None
        node = self.tree.nodes[node_id]
        return f"{'Outcome' if isinstance(node, Outcome) else 'Question'}: {' '.join(node.text.split())}"

    def open_find(self) -> None:
        """The find bar, with the tree's texts made ready to search as it opens (at 50,000
        nodes that takes a tenth of a second: once here, not at the first key typed)."""
        if self.tree is not None:
            self._search_index()
        self.find_bar.open_bar()

    def _search_index(self) -> SearchIndex:
        """The tree's texts folded for searching, made at the first key typed (and again when
        the tree, the order or the quiz's masking changed)."""
        assert self.tree is not None
        index = self._index
        if index is None or not index.fits(self.tree, self._order, self.scene.masked):
            index = self._index = SearchIndex(self.tree, self._order, self.scene.masked)
        return index

    def next_match(self) -> None:
        self._step_match(1)

    def _step_match(self, step: int) -> None:
        if self._matches:
            self.go_to_match((self._match_index + step) % len(self._matches))

    def go_to_match(self, place: int) -> None:
        """The graph brought to the match in this place (unfolding what hides it)."""
        self._match_index = place
        node_id = self._matches[place]
        if not self.scene.is_laid_out(node_id):  # folded away (an item not made yet is only out of view)
            self.scene.collapsed.clear()
            self.scene.rebuild()
        self.find_bar.mark_current(place, len(self._matches))
        self.view.focus_node(node_id)

    def _on_direction_toggled(self, left_to_right: bool) -> None:
        direction: Literal["down", "right"] = "right" if left_to_right else "down"
        self.scene.set_direction(direction, load_pins(self.tree.path, direction) if self.tree else None)
        self.reset_action.setEnabled(bool(self.scene.pins))
        if self.scene.relayouts.running:  # a large tree: framed once its new layout is shown
            self._frame_after_layout = True
        else:
            self._frame_current()

    def _frame_current(self) -> None:
        current = self.scene.highlight.current or (self.tree.start if self.tree else None)
        if current:
            self.view.focus_node(current, animate=False)
