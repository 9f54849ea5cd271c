"""Run by tests/ui/study/test_deep_chain.py in a child process (a crash there is a failed test
with its signal, not a dead test run): opens a chain of questions in the real main window,
walks a few steps, shows the outline down to the chain's end and the graph there, and prints
one JSON line of what it saw."""

from __future__ import annotations

import faulthandler
import json
import sys
import time
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QTreeWidgetItem

from trainer.ui.shell.main_window import MainWindow
from trainer.ui.shell.settings import WindowSettings
from trainer.ui.study.outline import NODE_ROLE


def chain_yaml(steps: int) -> str:
    """A valid chain: each question's one answer leads to the next, the last to an outcome (the
    nodes a flat list referring to each other by id, as the loader caps mapping depth)."""
    lines = ["format: 1", "id: deep-chain", "title: A deep chain", "start: q0", "nodes:"]
    for i in range(steps):
        after = f"q{i + 1}" if i + 1 < steps else "end"
        lines += [f"  q{i}:", f"    question: Step {i} of the chain?", "    answers:", "      - label: Go on"]
        lines.append(f"        next: {after}")
    lines += ["  end:", "    outcome: The end of the chain", "    explanation: Every step was taken."]
    return "\n".join(lines) + "\n"


def spin(app: QApplication, until, limit: float) -> bool:  # type: ignore[no-untyped-def]
    end = time.monotonic() + limit
    while not until():
        if time.monotonic() > end:
            return False
        app.processEvents()
        time.sleep(0.002)
    return True


def nesting(item: QTreeWidgetItem | None) -> int:
    depth = 0
    while item is not None and item.parent() is not None:
        depth, item = depth + 1, item.parent()
    return depth


def main() -> None:
    faulthandler.enable()  # a crash prints where it happened
    app = QApplication(sys.argv)
    window = MainWindow([Path(sys.argv[1])], WindowSettings(), open_link=lambda _url: None)
    window.resize(1500, 900)
    window.show()
    opened = spin(app, lambda: window.graph.tree is not None and not window.loading, 240)
    report: dict[str, object] = {"opened": opened}
    if opened:
        for _ in range(3):  # a few steps, as a learner does
            QTest.mouseClick(window.study.page.answer_buttons[0], Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
            app.processEvents()
        outline = window.outline
        last = outline.order[-1]
        outline.select_node(last)  # the outline shown down to the chain's end
        window.graph.select_node(outline.order[-2])  # the graph there: the walk and the outline follow
        spin(app, lambda: False, 1.0)
        outline.grab()
        window.graph.view.grab()
        item = outline.currentItem()
        deepest = max(
            nesting(outline._first_row[n]) for n in (outline.order[i] for i in range(0, len(outline.order), 97))
        )
        report |= {
            "rows": len(outline.order),
            "walked": len(window.study.walk.steps) if window.study.walk else None,
            "current": item.data(0, NODE_ROLE) if item else None,
            "current_text": item.text(0) if item else "",
            "last_text": outline._first_row[last].text(0),
            "deepest": max(deepest, nesting(item)),
            "crumbs": window.study.crumbs.text(),
        }
    print(json.dumps(report))
    window.close()


if __name__ == "__main__":
    main()
