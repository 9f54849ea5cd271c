"""The app on a real X server for tests/screens: the main window on the bundled library, told
where to go by lines on standard input, answering each with one JSON line of where things are
drawn (global screen pixels), so the test can read them from its own screenshot.

Commands: `open TREE-ID`, `walk OUTCOME-ID` (answers clicked through the window's own buttons'
signals), `scroll-to-links`, `report`, `quit`. Keys come from the test through the X server (xdotool), as a user's do.
"""

from __future__ import annotations

import json
import sys
import time
from typing import Any

from PySide6.QtCore import QRect, QSocketNotifier
from PySide6.QtWidgets import QApplication, QToolButton, QWidget

from trainer.cli.window import create_window
from trainer.core.graph import ways_to
from trainer.ui.shell.app import start_application
from trainer.ui.shell.library_panel import DUE_ROLE, ENTRY_ROLE, SUMMARY_ROLE


def global_rect(widget: QWidget, rect: QRect | None = None) -> list[int]:
    rect = rect if rect is not None else widget.rect()
    top_left = widget.mapToGlobal(rect.topLeft())
    return [top_left.x(), top_left.y(), rect.width(), rect.height()]


def nodes_on_screen(window: Any) -> list[dict[str, Any]]:
    """Each node item in view: its rect on screen and whether it is an outcome."""
    view = window.graph.view
    port = view.viewport()
    shown = []
    for node_id, item in window.graph.scene.nodes.items():
        rect = view.mapFromScene(item.mapRectToScene(item.shape().boundingRect())).boundingRect()
        if port.rect().contains(rect):
            node = window.graph.scene.tree.nodes[node_id]
            shown.append(
                {"id": node_id, "rect": global_rect(port, rect), "outcome": item.is_outcome, "text": node.text}
            )
    return shown


def _in_view(view: Any, scene_rect: Any) -> QRect | None:
    rect = view.mapFromScene(scene_rect).boundingRect()
    return rect if view.viewport().rect().contains(rect) else None


def labels_on_screen(window: Any) -> list[dict[str, Any]]:
    """Each answer label drawn whole in view: its box on screen and the answer's whole text."""
    view = window.graph.view
    shown = []
    for edge in window.graph.scene.edges.values():
        if edge.label and edge.label_rect is not None and (rect := _in_view(view, edge.label_rect)) is not None:
            shown.append({"rect": global_rect(view.viewport(), rect), "text": edge.full_label})
    return shown


def cards_on_screen(window: Any) -> list[dict[str, Any]]:
    """Each library card wholly in view: its rect, title, whole summary and whole facts line."""
    panel = window.library_panel
    shown = []
    for item in panel.cards():
        rect = panel.visualItemRect(item)
        if not panel.viewport().rect().contains(rect):
            continue
        entry = item.data(ENTRY_ROLE)
        due = item.data(DUE_ROLE) or 0
        shown.append(
            {
                "rect": global_rect(panel.viewport(), rect),
                "title": entry.title,
                "summary": item.data(SUMMARY_ROLE) or "",
                "facts": entry.facts(due),
                "due": due,
            }
        )
    return shown


def report(window: Any) -> dict[str, Any]:
    focus = QApplication.focusWidget()
    page = window.study.page
    return {
        "window": global_rect(window),
        "focus": {"rect": global_rect(focus), "class": type(focus).__name__} if focus else None,
        "node_text": global_rect(page.node_text) if page.node_text.isVisible() else None,
        "links": global_rect(page.links) if page.links.isVisible() else None,
        "graph": global_rect(window.graph.view.viewport()),
        "fit": next((global_rect(b) for b in window.graph.findChildren(QToolButton) if b.text() == "Fit"), None),
        "nodes": nodes_on_screen(window),
        "labels": labels_on_screen(window),
        "cards": cards_on_screen(window),
        "studying": window.study.walk.tree.id if window.study.walk else None,
    }


def main() -> None:
    app = start_application()
    window = create_window([])
    window.show()
    window.activateWindow()  # no window manager: the window takes the keys itself
    deadline = time.monotonic() + 60
    while window.loading and time.monotonic() < deadline:
        app.processEvents()

    def answer(line: str) -> None:
        if not line:  # the test is gone (end of input): so is the app
            app.quit()
            return
        verb, _, arg = line.strip().partition(" ")
        if verb == "open":
            [entry] = [e for e in window.library_panel.entries() if e.tree is not None and e.tree.id == arg]
            window.library_panel.select_path(str(entry.path))
        elif verb == "walk":
            for _question, label in ways_to(window.study.walk.tree, arg)[0]:
                labels = [button.label_text for button in window.study.page.answer_buttons]
                window.study.page.answer_buttons[labels.index(label)].click()
        elif verb == "scroll-to-links":  # as a reader scrolls down to "Learn more"
            window.study.page_scroll.ensureWidgetVisible(window.study.page.links)
        elif verb == "quit":
            app.quit()
            return
        for _ in range(20):
            app.processEvents()
        print(json.dumps(report(window)), flush=True)

    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(lambda: answer(sys.stdin.readline()))
    print(json.dumps(report(window)), flush=True)
    app.exec()


if __name__ == "__main__":
    main()
