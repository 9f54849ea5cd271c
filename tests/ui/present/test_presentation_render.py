"""The presentation rendered in each presentation theme at 1920x1080 and 1280x720: every text
of the slide, the notes overlay and the presenter console measured against its box at every
stage of the longest path of the trees with the longest texts (question, answers, chosen,
outcome, explanation, traps); the question's size; the graph beside the text, not under it.

A few stages are saved as /tmp/present_<theme>_<size>_<stage>.png to look at.
"""

from __future__ import annotations

from itertools import pairwise

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLabel, QWidget

from tests.present.test_presentation import all_paths
from tests.ui.present.test_presentation import SIZES, bundled, key
from trainer.core.model import Outcome, Question, Tree
from trainer.draw.themes import PRESENTATION_THEMES
from trainer.present.presentation import ANSWERS, CHOSEN, Presentation
from trainer.ui.common.markdown_view import SizedMarkdownView
from trainer.ui.present.console import ConsoleWindow
from trainer.ui.present.presentation import QUESTION_SIZE, PresentationWindow, presentation_theme
from trainer.ui.present.room import MIN_SCALE

TREES = ("edge-resilience", "identity-access")  # the longest outcome texts, the longest question texts
SAVED_STAGES = {"question", "chosen", "traps"}


def text_length(tree: Tree, choices: tuple[int, ...]) -> int:
    """All the text a path shows: its questions with help, answers and notes, and its outcome."""
    total, node = 0, tree.start_node
    for index in choices:
        assert isinstance(node, Question)
        total += len(node.text) + len(node.help) + sum(len(a.label) + len(a.note) for a in node.answers)
        node = tree.nodes[node.answers[index].next]
    assert isinstance(node, Outcome)
    return total + len(node.text) + len(node.explanation) + sum(len(t.option) + len(t.why) for t in node.traps)


def longest_path(tree: Tree) -> tuple[int, ...]:
    return max(all_paths(tree), key=lambda choices: text_length(tree, choices))


def clipped(widget: QWidget, top: QWidget) -> list[str]:
    """Why a visible text widget does not show all its text in its box (empty: it does)."""
    name = widget.objectName()
    out = []
    box = QRect(widget.mapTo(top, widget.rect().topLeft()), widget.size())
    if not top.rect().contains(box):
        out.append(f"{name} {box} is outside its window {top.rect()}")
    if isinstance(widget, QLabel):
        inner = widget.contentsRect()
        if widget.wordWrap():
            if widget.heightForWidth(widget.width()) > widget.height():
                out.append(f"{name} needs {widget.heightForWidth(widget.width())} px of height, has {widget.height()}")
            metrics = QFontMetrics(widget.font())
            wide = [w for w in widget.text().split() if metrics.horizontalAdvance(w) > inner.width()]
            if wide:
                out.append(f"{name}: words wider than {inner.width()} px: {wide}")
        elif widget.sizeHint().width() > widget.width() or widget.sizeHint().height() > widget.height():
            out.append(f"{name} needs {widget.sizeHint()} in {widget.size()}")
    elif isinstance(widget, SizedMarkdownView):
        doc, viewport = widget.document().size(), widget.viewport().size()
        if doc.height() > viewport.height() + 1 or doc.width() > viewport.width() + 1:
            out.append(f"{name} needs {doc.toSize()} in {viewport}")
    return out


def no_overlaps(widgets: list[QWidget], top: QWidget) -> list[str]:
    boxes = sorted(
        ((QRect(w.mapTo(top, w.rect().topLeft()), w.size()), w.objectName()) for w in widgets), key=lambda b: b[0].top()
    )
    return [f"{a[1]} overlaps {b[1]}" for a, b in pairwise(boxes) if a[0].intersects(b[0])]


def slide_problems(window: PresentationWindow) -> list[str]:
    problems = [p for w in window.texts() for p in clipped(w, window)] + no_overlaps(window.texts(), window)
    height = window.height()
    pixels = window.node_text.font().pixelSize()
    if window.scale == 1.0 and not 0.04 * height <= pixels <= 0.05 * height:
        problems.append(f"the question is {pixels} px, not 4-5% of {height}")
    if window.scale < 1.0 and pixels < round(height * QUESTION_SIZE * MIN_SCALE):
        problems.append(f"the question shrank to {pixels} px, below the minimum")
    view = window.view.geometry()
    if view.intersects(window.column.geometry()):
        problems.append(f"the graph {view} overlaps the text {window.column.geometry()}")
    if view.width() < 0.4 * window.width() or view.height() < 0.8 * window.height():
        problems.append(f"the graph's pane {view.size()} is small for a {window.size()} screen")
    node = window.scene.nodes[window.presentation.walk.current_id].sceneBoundingRect()
    if not window.view.visible_scene_rect().contains(node):
        problems.append("the current node is not wholly in the graph's view")
    return problems


def overlay_problems(window: PresentationWindow) -> list[str]:
    overlay = window.notes_overlay
    problems = [p for w in overlay.texts() for p in clipped(w, window)] + no_overlaps(overlay.texts(), window)
    if overlay.geometry().intersects(window.column.geometry()):
        problems.append("the notes cover the slide's text")
    view = window.view
    node = view.mapFromScene(window.scene.nodes[window.presentation.walk.current_id].sceneBoundingRect()).boundingRect()
    node.translate(view.viewport().mapTo(window, view.viewport().rect().topLeft()))
    if node.intersects(overlay.geometry()) or not view.viewport().geometry().isValid():
        problems.append(f"the notes {overlay.geometry()} cover the current node {node} on the graph")
    if overlay.next.font().pixelSize() > window.hint.font().pixelSize() * 1.05 / window.scale + 1:
        problems.append("the notes' type is larger than the hint line's")
    return problems


def console_problems(console: ConsoleWindow) -> list[str]:
    return [p for w in console.texts() for p in clipped(w, console)] + no_overlaps(
        [w for w in console.texts() if w.parentWidget() is console.column], console
    )


@pytest.mark.parametrize("name", TREES)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("theme", PRESENTATION_THEMES)
def test_every_text_fits_in_every_theme_at_both_sizes_at_every_stage(
    qtbot, theme: str, size: tuple[int, int], name: str
) -> None:
    tree = bundled(name)
    window = PresentationWindow(Presentation(tree), reduced_motion=True, theme=presentation_theme(theme))
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    console = ConsoleWindow(window)
    qtbot.addWidget(console)
    console.resize(*size)
    console.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    tag = f"{theme}_{size[0]}x{size[1]}"
    remaining = list(longest_path(tree))
    problems: list[str] = []
    stages = []
    while True:
        qtbot.wait(1)  # the layout runs
        stage = window.presentation.slide.stage
        stages.append(stage)
        where = f"{window.presentation.slide.node_id}/{stage}"
        problems += [f"{where}: {p}" for p in slide_problems(window)]
        problems += [f"{where}, console: {p}" for p in console_problems(console)]
        if name == TREES[0] and stage in SAVED_STAGES:
            window.grab().save(f"/tmp/present_{tag}_{stage}.png")
            console.grab().save(f"/tmp/present_{tag}_{stage}_console.png")
        window.set_notes_shown(True)
        qtbot.wait(1)
        problems += [f"{where}, notes: {p}" for p in overlay_problems(window)]
        if name == TREES[0] and stage in SAVED_STAGES:
            window.grab().save(f"/tmp/present_{tag}_{stage}_notes.png")
        window.set_notes_shown(False)
        if window.presentation.at_end:
            break
        key(qtbot, window, Qt.Key(Qt.Key.Key_1 + remaining.pop(0)) if stage == ANSWERS else Qt.Key.Key_PageDown)
    assert not remaining and {"question", ANSWERS, CHOSEN, "outcome", "explanation", "traps"} <= set(stages)
    assert not problems, "\n".join(problems)
