"""Presentation mode driven like a presenter does: F5, a clicker's PageDown/PageUp, digits, B, G, Esc."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QAbstractScrollArea, QLabel, QWidget

from tests.present.test_presentation import all_paths
from tests.ui.conftest import click_card
from trainer.core.library import read_tree
from trainer.core.model import Outcome, Tree
from trainer.infra.paths import bundled_trees_dir
from trainer.present.presentation import ANSWERS, CHOSEN, QUESTION, TRAPS, Presentation, Slide
from trainer.ui.present.presentation import QUESTION_SIZE, PresentationWindow, PresentMarkdown

SIZES = [(1920, 1080), (1280, 720)]


def bundled(name: str = "edge-resilience") -> Tree:
    tree = read_tree(bundled_trees_dir() / f"{name}.yaml").tree
    assert tree is not None
    return tree


@pytest.fixture
def present(qtbot):  # type: ignore[no-untyped-def]
    def make(tree: Tree, size: tuple[int, int] = (1280, 720)) -> PresentationWindow:
        window = PresentationWindow(Presentation(tree), reduced_motion=True)
        qtbot.addWidget(window)
        window.resize(*size)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        qtbot.wait(1)  # the graph frames itself once the layout has run
        return window

    return make


def key(qtbot, widget: QWidget, which: Qt.Key, times: int = 1) -> None:  # type: ignore[no-untyped-def]
    for _ in range(times):
        qtbot.keyClick(widget, which)


def test_f5_opens_the_presentation_full_screen_and_esc_returns_to_the_main_window(qtbot, make_window) -> None:
    window = make_window()
    click_card(qtbot, window, 0)
    qtbot.keyClick(window, Qt.Key.Key_F5)
    shown = window.presenting.presenting
    assert shown is not None and shown.isVisible()
    assert shown.windowState() & Qt.WindowState.WindowFullScreen
    assert shown.screen() is window.screen()
    assert shown.presentation.tree is window.study.walk.tree
    assert shown.node_text.text() == "Is the traffic HTTP?"
    qtbot.waitUntil(shown.isActiveWindow)
    key(qtbot, shown, Qt.Key.Key_2)  # "No"
    key(qtbot, shown, Qt.Key.Key_PageDown)
    assert shown.node_text.text() == "Global Accelerator"
    key(qtbot, shown, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not shown.isVisible())
    assert window.presenting.presenting is None
    # the study walk followed the presentation
    assert window.study.page.node_text.text() == "Global Accelerator"
    assert window.isVisible()


def test_view_present_menu_entry_opens_at_the_walk_position(qtbot, make_window) -> None:
    window = make_window()
    click_card(qtbot, window, 0)
    qtbot.keyClick(window, Qt.Key.Key_1)  # the study walk answers "Yes"
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    action = next(a for a in view_menu.actions() if a.text().replace("&", "") == "Present")
    assert action.shortcut().toString() == "F5"
    action.trigger()
    shown = window.presenting.presenting
    assert shown is not None
    assert shown.node_text.text() == "Must it absorb sudden spikes in requests?"
    key(qtbot, shown, Qt.Key.Key_PageUp)  # back to the answer chosen before presenting
    assert shown.presentation.slide.node_id == "http" and shown.answers[0].accessibleDescription() == "chosen"
    shown.close()


def test_clicker_steps_through_every_path_and_back_through_the_same_states(qtbot, present) -> None:
    tree = bundled()
    window = present(tree)
    for choices in all_paths(tree):
        key(qtbot, window, Qt.Key.Key_Home)
        remaining = list(choices)
        forward = [(window.presentation.slide, window.node_text.text(), len(window.answers))]
        while not window.presentation.at_end:
            if window.presentation.slide.stage == ANSWERS:
                key(qtbot, window, Qt.Key(Qt.Key.Key_1 + remaining.pop(0)))
            else:
                key(qtbot, window, Qt.Key.Key_PageDown)
            forward.append((window.presentation.slide, window.node_text.text(), len(window.answers)))
        branch = window.presentation.next_branch()
        key(qtbot, window, Qt.Key.Key_PageDown)  # at the end: the tour goes up to a branch not shown yet
        if branch is None:
            assert window.presentation.slide == forward[-1][0]
        else:
            assert window.presentation.slide.node_id == branch and window.presentation.slide.stage == CHOSEN
            key(qtbot, window, Qt.Key.Key_PageUp)  # and back undoes that jump
            assert window.presentation.slide == forward[-1][0]
        backward = [forward[-1]]
        for _ in range(len(forward) - 1):
            key(qtbot, window, Qt.Key.Key_PageUp)
            backward.append((window.presentation.slide, window.node_text.text(), len(window.answers)))
        assert backward == forward[::-1]
        # a rehearsed walk replays with the clicker alone (and Right/Space step too)
        replay = [window.presentation.slide]
        for index in range(len(forward) - 1):
            key(qtbot, window, (Qt.Key.Key_PageDown, Qt.Key.Key_Right, Qt.Key.Key_Space)[index % 3])
            replay.append(window.presentation.slide)
        assert replay == [f[0] for f in forward]
        key(qtbot, window, Qt.Key.Key_Left, times=len(forward) - 1)
        assert window.presentation.slide == forward[0][0]


def test_a_clicker_alone_tours_every_branch_of_an_unrehearsed_tree(qtbot, present) -> None:
    tree = bundled()
    window = present(tree)
    key(qtbot, window, Qt.Key.Key_PageDown)
    assert window.presentation.slide.stage == ANSWERS and len(window.answers) == 2
    assert window.hint.text().startswith("1–2 choose an answer · → next")
    key(qtbot, window, Qt.Key.Key_PageDown)  # no digit: the first answer not yet shown
    assert window.presentation.slide.stage == CHOSEN and window.presentation.slide.chosen == 0
    shown, presses = {window.presentation.slide.node_id}, 2
    while True:
        before = window.presentation.slide
        key(qtbot, window, Qt.Key.Key_PageDown)
        if window.presentation.slide == before:
            break
        shown.add(window.presentation.slide.node_id)
        presses += 1
        assert presses < 2000
    outcomes = {n for n, node in tree.nodes.items() if isinstance(node, Outcome)}
    assert outcomes <= shown, "every outcome was shown with PageDown alone"
    assert window.hint.text().startswith("The whole tree has been shown · → audience round")
    # that last PageDown went on to the audience round on the tree's scenarios ...
    assert window.audience is not None and window.pages.currentWidget() is window.audience
    key(qtbot, window, Qt.Key.Key_PageDown)
    assert window.audience.session.state != window._round_start
    key(qtbot, window, Qt.Key.Key_PageUp)
    key(qtbot, window, Qt.Key.Key_PageUp)  # ... and back from its first step returns to the tour's end
    assert window.audience is None and window.pages.currentWidget() is window.content
    end = window.presentation.slide
    key(qtbot, window, Qt.Key.Key_PageUp, times=presses)
    assert window.presentation.slide == Slide(tree.start, QUESTION) and end != window.presentation.slide


def test_b_and_period_blank_the_screen_and_a_step_key_only_unblanks(qtbot, present) -> None:
    window = present(bundled())
    before = window.presentation.slide
    key(qtbot, window, Qt.Key.Key_B)
    assert window.blanked and window.pages.currentWidget() is window.blank
    key(qtbot, window, Qt.Key.Key_B)
    assert not window.blanked and window.pages.currentWidget() is window.content
    key(qtbot, window, Qt.Key.Key_Period)
    assert window.blanked
    key(qtbot, window, Qt.Key.Key_PageDown)
    assert not window.blanked and window.presentation.slide == before


def test_g_shows_the_whole_tree_and_again_returns_to_the_neighbourhood(qtbot, present) -> None:
    window = present(bundled(), (1920, 1080))
    near = window.view.zoom
    key(qtbot, window, Qt.Key.Key_G)
    assert window.whole_tree
    assert window.view.zoom < near
    visible = window.view.visible_scene_rect().adjusted(-1, -1, 1, 1)
    content = window.scene.content
    assert visible.contains(content) or window.view.zoom <= 0.2 + 1e-6
    key(qtbot, window, Qt.Key.Key_G)
    assert not window.whole_tree and window.view.zoom == pytest.approx(near, rel=0.06)


def test_the_path_so_far_is_lit_on_the_graph(qtbot, present) -> None:
    tree = bundled()
    window = present(tree)
    key(qtbot, window, Qt.Key.Key_1)
    start = tree.start
    first = tree.nodes[start].answers[0].next
    assert (start, first) in window.scene.highlight.edges, "the chosen answer's move is lit"
    key(qtbot, window, Qt.Key.Key_PageDown)
    assert window.scene.highlight.current == first and (start, first) in window.scene.highlight.edges


def _clipped(window: PresentationWindow) -> list[str]:
    """Texts whose wrapped size is larger than their box, or boxes outside the column."""
    out = []
    column = window.column.rect()
    for widget in window.texts():
        box = widget.geometry()
        if not column.contains(box):
            out.append(f"{widget.objectName()} {box} outside the column {column}")
        if isinstance(widget, QLabel):
            inner = widget.contentsRect()
            needed = QFontMetrics(widget.font()).boundingRect(
                QRect(0, 0, inner.width(), 100000), int(Qt.TextFlag.TextWordWrap), widget.text()
            )
            if needed.height() > inner.height() or needed.width() > inner.width():
                out.append(f"{widget.objectName()} needs {needed.size()} in {inner.size()}: {widget.text()[:40]}")
        elif isinstance(widget, PresentMarkdown):
            doc = widget.document().size()
            viewport = widget.viewport().size()
            if doc.height() > viewport.height() + 1 or doc.width() > viewport.width() + 1:
                out.append(f"{widget.objectName()} needs {doc} in {viewport}")
    boxes = sorted((w.geometry() for w in window.texts()), key=lambda r: r.top())
    out += [f"{a} overlaps {b}" for a, b in pairwise(boxes) if a.intersects(b)]
    return out


def _slides(tree: Tree) -> list[Presentation]:
    """A question with its answers shown, and every outcome with all it has revealed."""
    question = Presentation(tree)
    question.forward()
    out = [question]
    for choices in all_paths(tree):
        p = Presentation(tree)
        for index in choices:
            p.choose(index)
            p.forward()
        while p.forward():
            pass
        if p.slide.node_id not in {o.slide.node_id for o in out}:
            out.append(p)
    return out


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("name", [p.stem for p in sorted(bundled_trees_dir().glob("*.yaml"))])
def test_every_text_fits_its_box_at_1080p_and_720p(qtbot, present, name: str, size: tuple[int, int]) -> None:
    tree = bundled(name)
    window = present(tree, size)
    problems = []
    for p in _slides(tree):
        window.presentation = p
        window._render()
        qtbot.wait(1)
        window.grab()
        problems += [f"{p.slide.node_id}/{p.slide.stage}: {c}" for c in _clipped(window)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_question_is_sized_for_the_back_of_the_room(qtbot, present, size: tuple[int, int]) -> None:
    window = present(bundled(), size)
    assert window.scale == 1.0
    pixels = window.node_text.font().pixelSize()
    assert 0.04 * size[1] <= pixels <= 0.05 * size[1], pixels
    assert pixels == pytest.approx(size[1] * QUESTION_SIZE, abs=1)


def test_an_outcome_reveals_explanation_then_traps(qtbot, present) -> None:
    tree = bundled()
    window = present(tree)
    p = window.presentation
    target = next(o for o in tree.outcomes if o.traps and o.explanation)
    choices = next(c for c in all_paths(tree) if _ends_at(tree, c) == target.id)
    for index in choices:
        key(qtbot, window, Qt.Key(Qt.Key.Key_1 + index))
        key(qtbot, window, Qt.Key.Key_PageDown)
    assert window.kicker.text() == "OUTCOME" and window.explanation.isHidden() and window.traps.isHidden()
    key(qtbot, window, Qt.Key.Key_PageDown)
    assert not window.explanation.isHidden() and window.traps.isHidden()
    key(qtbot, window, Qt.Key.Key_PageDown)
    assert p.slide.stage == TRAPS and target.traps[0].option.split()[0] in window.traps.toPlainText()


def _ends_at(tree: Tree, choices: tuple[int, ...]) -> str:
    node = tree.start_node
    for index in choices:
        node = tree.nodes[node.answers[index].next]  # type: ignore[union-attr]
    assert isinstance(node, Outcome)
    return node.id


def test_every_visible_control_has_an_accessible_name(qtbot, present) -> None:
    window = present(bundled())
    key(qtbot, window, Qt.Key.Key_1)
    unnamed = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or isinstance(widget.parent(), QAbstractScrollArea):
            continue  # a scroll area's viewport and bars belong to it
        if widget is window.content or widget is window.column:
            continue  # containers, not controls
        if not widget.accessibleName():
            unnamed.append(f"{type(widget).__name__} {widget.objectName()}")
    assert not unnamed
    assert window.accessibleName() == "Presentation"
    assert window.presentation.slide.stage != QUESTION


def test_markdown_is_rendered_safely(qtbot, present, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("do not show", encoding="utf-8")
    tree = bundled()
    window = present(tree)
    window.help.set_markdown(f"<b>raw</b> ![x]({secret.as_uri()})")
    text = window.help.toPlainText()
    assert "<b>raw</b>" in text and "do not show" not in text


def test_the_rooms_graph_has_no_frame_in_the_desktop_themes_colours(qtbot, present) -> None:  # type: ignore[no-untyped-def]
    """The desktop stylesheet frames the window's graph in its own colours; on the room's dark
    screen that drew a light line round the graph. Its outermost pixels are the graph's own
    background, as inside."""
    from PySide6.QtWidgets import QApplication

    from trainer.draw.themes import load_theme, stylesheet

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app.setStyleSheet(stylesheet(load_theme("light")))  # the window's look, as the app has it
    try:
        window = present(bundled())
        image = window.view.grab().toImage()
        ground = image.pixelColor(3, image.height() // 2).name()  # the graph's background, inside its edge
        frame = {image.pixelColor(x, y).name() for x in range(image.width()) for y in (0, image.height() - 1)}
        frame |= {image.pixelColor(x, y).name() for y in range(image.height()) for x in (0, image.width() - 1)}
        assert load_theme("light").colours["graph_background"] not in frame
        assert ground in frame  # the room's background reaches the edge (nodes and edges may too)
    finally:
        app.setStyleSheet("")
