"""Presenting details (#14 section 3), checked from what is drawn: with a presenter console the
room's screen shows no key hints (the console shows them); the console shows the room's screen
and the next slide as pictures, made when the step changes only; a receded branch reads on a
projector (3:1 against the slide, in every presentation theme); the whole tree with the notes
open takes the space the notes leave."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QImage

from tests.ui.present.test_console import open_both
from tests.ui.present.test_presentation import bundled, key
from trainer.core.library import read_tree
from trainer.draw.themes import PRESENTATION_THEMES, contrast_ratio, load_presentation_theme
from trainer.present.presentation import Presentation
from trainer.ui.canvas.items import EdgeItem
from trainer.ui.present.presentation import PresentationWindow
from trainer.ui.present.slide_pictures import SlidePictures


def colours_in(image: QImage, rect: QRect) -> Counter[str]:
    return Counter(
        image.pixelColor(x, y).name()
        for x in range(max(0, rect.left()), min(image.width(), rect.right()))
        for y in range(max(0, rect.top()), min(image.height(), rect.bottom()))
    )


def test_with_a_console_the_room_shows_no_key_hints(qtbot) -> None:
    window = PresentationWindow(Presentation(bundled()), reduced_motion=True)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    assert window.hint.isVisible() and "→ next" in window.hint.text()
    band = QRect(window.hint.mapTo(window, QPoint(0, 0)), window.hint.size())
    background = window.colours["background"]
    assert len(colours_in(window.grab().toImage(), band)) > 3  # the hint's text is drawn there
    window.close()

    window, console = open_both(qtbot)
    for step in range(3):
        assert window.hint.isHidden()
        image = window.grab().toImage()
        assert set(colours_in(image, band)) == {background}, "key hints on the room's screen"
        assert console.hint.isVisible() and console.hint.text().startswith("Keys here drive the room's screen: ")
        assert window._sizes(1.0) and window.hint.text() in console.hint.text()  # the room's keys, on the console
        if step == 0:
            assert "→ next" in console.hint.text()
        key(qtbot, console, Qt.Key.Key_PageDown)
    key(qtbot, console, Qt.Key.Key_N)  # no notes over the room's slide either
    assert window.notes_overlay.isHidden()
    console.close()
    assert window.hint.isVisible()  # no console: the room shows its keys again


def test_no_key_hints_in_the_audience_round_with_a_console(qtbot) -> None:
    window, console = open_both(qtbot)
    key(qtbot, console, Qt.Key.Key_Q)
    assert window.audience is not None
    assert window.audience.hint.isHidden() and window.audience.hint.text()
    assert "Esc end the round" in console.hint.text()


def similar(a: QImage, b: QImage) -> float:
    """The share of pixels of the same colour (within a small tolerance)."""
    a, b = (i.convertToFormat(QImage.Format.Format_RGB32) for i in (a, b))
    assert a.size() == b.size()
    step, same, total = 3, 0, 0
    for y in range(0, a.height(), step):
        for x in range(0, a.width(), step):
            p, q = a.pixelColor(x, y), b.pixelColor(x, y)
            same += abs(p.red() - q.red()) + abs(p.green() - q.green()) + abs(p.blue() - q.blue()) < 30
            total += 1
    return same / total


def differing(a: QImage, b: QImage) -> int:
    a, b = (i.convertToFormat(QImage.Format.Format_RGB32) for i in (a, b))
    return sum(a.pixel(x, y) != b.pixel(x, y) for y in range(a.height()) for x in range(a.width()))


def test_the_console_shows_the_room_and_the_next_slide_as_pictures(qtbot, monkeypatch) -> None:
    made = []
    real_next = SlidePictures.next
    monkeypatch.setattr(SlidePictures, "next", lambda self, *a: made.append(1) or real_next(self, *a))
    window, console = open_both(qtbot)
    qtbot.waitUntil(lambda: not console.now_picture.pixmap().isNull() and console.next_picture.isVisible())
    now, ahead = console.now_picture.pixmap().toImage(), console.next_picture.pixmap().toImage()
    width = console.picture_width()
    assert now.width() == width and ahead.width() == width
    assert abs(now.height() / now.width() - window.height() / window.width()) < 0.02  # the room's shape
    assert console.now_picture.geometry().right() < console.elapsed.geometry().left()  # beside the text
    assert len(colours_in(now, now.rect())) > 50  # a drawn slide, not a blank
    room = window.grab().toImage().scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
    assert similar(now, room) > 0.9
    assert differing(now, ahead) > 50  # forward shows the answers: another slide
    key(qtbot, console, Qt.Key.Key_PageDown)
    qtbot.waitUntil(lambda: console.now_picture.pixmap().toImage() != now)
    qtbot.wait(400)
    # what the console said would come next is what the room now shows
    assert similar(console.now_picture.pixmap().toImage(), ahead) > 0.9
    calls = len(made)
    qtbot.wait(1300)  # the clock ticks: no new pictures without a step
    assert len(made) == calls
    while window.presentation.forward():
        window._render()
    window._render()
    qtbot.waitUntil(lambda: console.next_picture.isHidden())  # the tour's end: no next slide to show
    assert console.next_picture_title.isHidden()


@pytest.mark.parametrize("name", PRESENTATION_THEMES)
def test_a_receded_branch_reads_on_a_projector(qtbot, name: str) -> None:
    theme = load_presentation_theme(name)
    window = PresentationWindow(Presentation(bundled()), reduced_motion=True, theme=theme)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    key(qtbot, window, Qt.Key.Key_PageDown)
    key(qtbot, window, Qt.Key.Key_1)  # an answer chosen: the other branches recede
    qtbot.wait(50)
    view, scene = window.view, window.scene
    receded = [e for e in scene.items() if isinstance(e, EdgeItem) and e.receded]
    assert receded, "nothing receded: the test proves nothing"
    image = view.viewport().grab().toImage()
    background = theme.colours["graph_background"]
    checked = 0
    for edge in receded:
        path = edge.path()
        points = [view.mapFromScene(path.pointAtPercent(t / 20)) for t in range(2, 19)]
        inside = [p for p in points if image.rect().adjusted(2, 2, -2, -2).contains(p)]
        if len(inside) < 5:
            continue
        drawn = set()
        for p in inside:
            for dx in range(-2, 3):
                for dy in range(-2, 3):
                    drawn.add(image.pixelColor(p.x() + dx, p.y() + dy).name())
        best = max(contrast_ratio(c, background) for c in drawn)
        assert best >= 3.0, (name, best, edge.source, edge.target, [(p.x(), p.y()) for p in inside][:3])
        checked += 1
    assert checked, "no receded edge in view"


CHAIN = """\
format: 1
id: chain
title: A tall tree
start: q1
nodes:
{nodes}
"""


def tall_tree(tmp_path: Path, depth: int = 9):  # type: ignore[no-untyped-def]
    lines = []
    for i in range(1, depth + 1):
        nxt = f"q{i + 1}" if i < depth else "last"
        lines += [
            f"  q{i}:",
            f"    question: Is step {i} needed here?",
            "    answers:",
            f"      - {{label: 'Yes', next: {nxt}}}",
            f"      - {{label: 'No', next: {nxt}}}",
        ]
    lines += ["  last:", "    outcome: Every step"]
    path = tmp_path / "chain.yaml"
    path.write_text(CHAIN.format(nodes="\n".join(lines)), encoding="utf-8")
    tree = read_tree(path).tree
    assert tree is not None
    return tree


@pytest.mark.parametrize("shape", ["tall", "wide"])
def test_the_whole_tree_with_notes_takes_the_space_the_notes_leave(qtbot, tmp_path: Path, shape: str) -> None:
    tree = tall_tree(tmp_path) if shape == "tall" else bundled("encryption-secrets")
    window = PresentationWindow(Presentation(tree), reduced_motion=True)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    key(qtbot, window, Qt.Key.Key_N)
    key(qtbot, window, Qt.Key.Key_G)
    qtbot.wait(100)
    view, overlay = window.view, window.notes_overlay
    assert overlay.isVisible() and window.whole_tree
    assert view.minimap.isHidden()  # no minimap over the room's tree
    drawn = view.mapFromScene(window.scene.sceneRect()).boundingRect()
    drawn = QRect(view.viewport().mapTo(window, drawn.topLeft()), drawn.size())
    pane = QRect(view.mapTo(window, QPoint(0, 0)), view.size())
    assert not drawn.intersects(overlay.geometry()), "the notes cover the tree"
    # one of the tree's sides spans (nearly) the pane's free length: no large empty area
    free_width = pane.width() - (overlay.width() if overlay.height() > pane.height() * 0.6 else 0)
    free_height = pane.height() - (overlay.height() if overlay.height() <= pane.height() * 0.6 else 0)
    assert drawn.width() >= 0.85 * free_width or drawn.height() >= 0.85 * free_height, (drawn, pane, overlay.geometry())
    if shape == "tall":
        assert drawn.height() >= 0.85 * pane.height()  # beside the notes, the whole height
