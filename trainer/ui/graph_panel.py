"""The graph beside the walk: a toolbar, a find bar (Ctrl+F), the view and its minimap."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QVBoxLayout, QWidget

from trainer.graph_state import Highlight, find_nodes
from trainer.model import Tree
from trainer.ui.canvas.scene import GraphScene
from trainer.ui.canvas.view import GraphView


class FindBar(QWidget):
    """Find a node by its text: Enter goes to the next match, Esc closes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText("Find a node by its text…")
        self.edit.setAccessibleName("Find a node")
        self.edit.setClearButtonEnabled(True)
        self.count = QLabel()
        close = QToolButton()
        close.setText("✕")
        close.setAccessibleName("Close find")
        close.clicked.connect(self.close_bar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.count)
        layout.addWidget(close)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self.edit, context=Qt.ShortcutContext.WidgetShortcut).activated.connect(self.close_bar)
        self.hide()

    def open_bar(self) -> None:
        self.show()
        self.edit.setFocus()
        self.edit.selectAll()

    def close_bar(self) -> None:
        self.edit.clear()
        self.hide()


class GraphPanel(QWidget):
    """Owns the scene and view of the current tree; `node_selected` reports the user's pick."""

    node_selected = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("graphPanel")
        self.scene = GraphScene(self)
        self.view = GraphView(self.scene)
        self.view.setToolTip("Drag to pan, wheel to zoom, double-click a question to fold it")
        self.find_bar = FindBar()
        self.tree: Tree | None = None
        self._order: list[str] = []
        self._matches: list[str] = []
        self._match_index = -1
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(self._toolbar())
        layout.addWidget(self.find_bar)
        layout.addWidget(self.view, 1)
        QShortcut(QKeySequence.StandardKey.Find, self, context=Qt.ShortcutContext.WindowShortcut).activated.connect(self.find_bar.open_bar)
        self.find_bar.edit.textChanged.connect(self._on_find_text_changed)
        self.find_bar.edit.returnPressed.connect(self.next_match)
        self.find_bar.edit.textChanged.connect(lambda t: t or self.scene.set_matches(set()))
        self.scene.node_selected.connect(self.node_selected)
        self.view.node_double_clicked.connect(self.scene.toggle_collapsed)

    def _toolbar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        bar.setContentsMargins(6, 4, 6, 4)
        for text, tip, slot in (
            ("Fit", "Fit the whole tree (0)", self.view.fit),
            ("+", "Zoom in (+)", self.view.zoom_in),
            ("−", "Zoom out (-)", self.view.zoom_out),
            ("Find", "Find a node (Ctrl+F)", self.find_bar.open_bar),
        ):
            button = QToolButton()
            button.setText(text)
            button.setToolTip(tip)
            button.setAccessibleName(tip)
            button.clicked.connect(slot)
            bar.addWidget(button)
        self.direction_button = QToolButton()
        self.direction_button.setText("Top-down")
        self.direction_button.setCheckable(True)
        self.direction_button.setToolTip("Draw the tree from the left instead of from the top")
        self.direction_button.toggled.connect(self._on_direction_toggled)
        bar.addWidget(self.direction_button)
        bar.addStretch(1)
        return bar

    # --- what the window asks for ---------------------------------------------------------------
    def set_tree(self, tree: Tree | None, order: list[str]) -> None:
        self.tree = tree
        self._order = order
        self.scene.set_tree(tree)
        self.view.fit()
        if tree is not None and tree.start in self.scene.nodes:
            self.view.focus_node(tree.start, animate=False)

    def set_highlight(self, highlight: Highlight) -> None:
        self.scene.set_highlight(highlight)
        if highlight.current:
            self.view.focus_neighbourhood(highlight.current)

    def select_node(self, node_id: str) -> None:
        self.scene.select_node(node_id)
        self.view.focus_node(node_id)

    # --- find ------------------------------------------------------------------------------------
    def _on_find_text_changed(self, text: str) -> None:
        self._matches = find_nodes(self.tree, text, self._order) if self.tree else []
        self.scene.set_matches(set(self._matches))
        self._match_index = -1
        self.find_bar.count.setText(f"{len(self._matches)} found" if text else "")
        if self._matches:
            self.next_match()

    def next_match(self) -> None:
        if not self._matches:
            return
        self._match_index = (self._match_index + 1) % len(self._matches)
        node_id = self._matches[self._match_index]
        if node_id not in self.scene.nodes:  # folded away: unfold what hides it
            self.scene.collapsed.clear()
            self.scene.rebuild()
        self.find_bar.count.setText(f"{self._match_index + 1} of {len(self._matches)}")
        self.view.focus_node(node_id)

    def _on_direction_toggled(self, left_to_right: bool) -> None:
        self.direction_button.setText("Left-right" if left_to_right else "Top-down")
        self.scene.set_direction("right" if left_to_right else "down")
        current = self.scene.highlight.current or (self.tree.start if self.tree else None)
        if current:
            self.view.focus_node(current, animate=False)
