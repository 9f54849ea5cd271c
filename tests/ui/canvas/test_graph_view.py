"""The graph beside the walk, driven with the mouse and keys: zoom, pan, fit, find, fold,
click-to-focus, and the outline twin staying in step."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import click_answer, click_card, wait_until_loaded


def open_graph(qtbot, make_window):  # type: ignore[no-untyped-def]
    window = make_window()
    window.resize(1500, 900)  # the size these tests were measured at, whatever the test screen's size
    click_card(qtbot, window, 0)
    window.graph.view.reduced_motion = True  # positions settle at once in tests
    return window


def generated_tree(folder: Path, nodes: int, seed: int) -> Path:
    """A large tree written by the benchmark's generator (realistic text, ~5% shared nodes)."""
    sys.path.insert(0, str(Path(__file__).parents[2] / "benchmarks"))
    from treegen import generate_tree_yaml

    path = folder / "big.yaml"
    path.write_text(generate_tree_yaml(nodes, seed=seed), encoding="utf-8")
    return path


def node_centre_in_view(view, node_id: str) -> QPoint:  # type: ignore[no-untyped-def]
    return view.mapFromScene(view.graph.nodes[node_id].sceneBoundingRect().center())


def test_every_node_is_drawn_once_with_labelled_edges(qtbot, make_window) -> None:
    window = open_graph(qtbot, make_window)
    scene = window.graph.scene
    assert set(scene.nodes) == {"http", "spikes", "cloudfront", "accelerator"}
    assert set(scene.edges) == {
        ("http", "spikes"),
        ("http", "accelerator"),
        ("spikes", "cloudfront"),
        ("spikes", "accelerator"),
    }
    assert scene.edges[("http", "spikes")].label == "Yes"
    assert scene.nodes["cloudfront"].is_outcome and not scene.nodes["http"].is_outcome


def test_wheel_zooms_around_the_cursor(qtbot, make_window) -> None:
    view = open_graph(qtbot, make_window).graph.view
    at = node_centre_in_view(view, "spikes")
    under_before = view.mapToScene(at)
    zoom_before = view.zoom
    event = QWheelEvent(
        QPointF(at),
        QPointF(view.viewport().mapToGlobal(at)),
        QPoint(),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view.viewport(), event)
    assert view.zoom > zoom_before
    under_after = view.mapToScene(at)
    assert abs(under_after.x() - under_before.x()) < 3 and abs(under_after.y() - under_before.y()) < 3


def test_keys_zoom_pan_and_fit(qtbot, make_window) -> None:
    view = open_graph(qtbot, make_window).graph.view
    view.setFocus()
    start_zoom = view.zoom
    for _ in range(4):
        qtbot.keyClick(view, Qt.Key.Key_Plus)
    assert view.zoom > start_zoom * 2
    before = view.centre_point()
    qtbot.keyClick(view, Qt.Key.Key_Right)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    after = view.centre_point()
    assert after.x() > before.x() and after.y() > before.y()
    qtbot.keyClick(view, Qt.Key.Key_Minus)
    assert view.zoom < start_zoom * 2.5
    qtbot.keyClick(view, Qt.Key.Key_0)
    visible = view.visible_scene_rect()
    for item in view.graph.nodes.values():
        assert visible.contains(item.sceneBoundingRect())


def test_dragging_pans(qtbot, make_window) -> None:
    view = open_graph(qtbot, make_window).graph.view
    for _ in range(5):
        view.zoom_in()
    before = view.centre_point()
    empty = QPoint(5, 5)
    assert view.itemAt(empty) is None
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=empty)
    for step in range(1, 6):
        qtbot.mouseMove(view.viewport(), QPoint(5 + step * 20, 5 + step * 10))
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(105, 55))
    after = view.centre_point()
    assert after.x() < before.x() and after.y() < before.y()  # content follows the hand


def test_ctrl_f_finds_and_centres_a_node(qtbot, make_window) -> None:
    window = open_graph(qtbot, make_window)
    panel = window.graph
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert panel.find_bar.isVisible() and panel.find_bar.edit.hasFocus()
    qtbot.keyClicks(panel.find_bar.edit, "global")
    assert panel.scene.nodes["accelerator"].matched and not panel.scene.nodes["http"].matched
    assert panel.find_bar.count.text() == "1 of 1"
    centre = panel.view.centre_point()
    assert panel.scene.nodes["accelerator"].sceneBoundingRect().adjusted(-5, -5, 5, 5).contains(centre)
    qtbot.keyClick(panel.find_bar.edit, Qt.Key.Key_Escape)
    assert not panel.find_bar.isVisible() and not panel.scene.nodes["accelerator"].matched


def test_find_lists_the_matches_as_you_type_and_steps_through_them(qtbot, make_window) -> None:
    window = open_graph(qtbot, make_window)
    panel, bar = window.graph, window.graph.find_bar
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(bar.edit, "c")
    rows = [bar.results.item(i).text() for i in range(bar.results.count())]
    tree = panel.tree
    expected = [n for n in window.outline.order if "c" in tree.nodes[n].text.casefold() or "c" in n]
    assert len(expected) > 2 and len(rows) == len(expected) and bar.results.isVisible()
    assert all(row.endswith(tree.nodes[n].text) for row, n in zip(rows, expected, strict=True))
    assert rows[0].startswith(("Question: ", "Outcome: ")) and bar.count.text() == f"1 of {len(rows)}"
    assert bar.results.currentRow() == 0
    qtbot.keyClicks(bar.edit, "l")  # "cl": fewer, listed at once
    narrowed = [n for n in expected if "cl" in tree.nodes[n].text.casefold() or "cl" in n]
    assert bar.results.count() == len(narrowed) < len(expected)
    qtbot.keyClick(bar.edit, Qt.Key.Key_Backspace)
    qtbot.keyClick(bar.edit, Qt.Key.Key_Down)  # the next match, and its row
    assert bar.count.text() == f"2 of {len(rows)}" and bar.results.currentRow() == 1 and bar.edit.hasFocus()
    qtbot.keyClick(bar.edit, Qt.Key.Key_Up)
    qtbot.keyClick(bar.edit, Qt.Key.Key_Up)  # before the first: the last
    assert bar.count.text() == f"{len(rows)} of {len(rows)}"
    last = bar.results.item(len(rows) - 1)
    qtbot.mouseClick(
        bar.results.viewport(), Qt.MouseButton.LeftButton, pos=bar.results.visualItemRect(bar.results.item(2)).center()
    )
    assert bar.count.text() == f"3 of {len(rows)}" and bar.edit.hasFocus()
    centre = panel.view.centre_point()
    assert panel.scene.node_rect(expected[2]).adjusted(-5, -5, 5, 5).contains(centre)
    assert last.toolTip().startswith("<p>")  # the whole text, as text
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert not bar.results.isVisible() and bar.results.count() == 0


def test_double_click_folds_and_unfolds_a_subtree(qtbot, make_window) -> None:
    window = open_graph(qtbot, make_window)
    view, scene = window.graph.view, window.graph.scene
    view.focus_node("spikes", animate=False)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=node_centre_in_view(view, "spikes"))
    assert "cloudfront" not in scene.nodes  # only reachable through the folded question
    assert "accelerator" in scene.nodes  # still reached by the other answer of "http"
    assert scene.nodes["spikes"].collapsed
    view.focus_node("spikes", animate=False)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=node_centre_in_view(view, "spikes"))
    assert "cloudfront" in scene.nodes


def test_clicking_a_node_selects_it_in_the_outline(qtbot, make_window) -> None:
    window = open_graph(qtbot, make_window)
    view = window.graph.view
    view.focus_node("accelerator", animate=False)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=node_centre_in_view(view, "accelerator"))
    assert window.graph.scene.selected_node() == "accelerator"
    assert window.outline.currentItem().text(0).endswith("Outcome: Global Accelerator")


def test_choosing_in_the_outline_selects_and_centres_the_node(qtbot, make_window) -> None:
    window = open_graph(qtbot, make_window)
    outline, view = window.outline, window.graph.view
    row = next(
        outline.topLevelItem(0).child(i)
        for i in range(2)
        if "spikes" in outline.topLevelItem(0).child(i).text(0)
        or "Must it absorb" in outline.topLevelItem(0).child(i).text(0)
    )
    qtbot.mouseClick(outline.viewport(), Qt.MouseButton.LeftButton, pos=outline.visualItemRect(row).center())
    assert window.graph.scene.selected_node() == "spikes"
    assert view.graph.nodes["spikes"].sceneBoundingRect().adjusted(-5, -5, 5, 5).contains(view.centre_point())


def test_outline_lists_each_node_once_and_shared_nodes_as_pointers(qtbot, make_window) -> None:
    window = open_graph(qtbot, make_window)
    texts = []
    stack = [window.outline.topLevelItem(i) for i in range(window.outline.topLevelItemCount())]
    while stack:
        item = stack.pop()
        texts.append(item.text(0))
        stack.extend(item.child(i) for i in range(item.childCount()))
    assert sum("Global Accelerator" in t for t in texts) == 2
    assert sum("see Outcome: Global Accelerator" in t for t in texts) == 1
    assert window.outline.order == ["http", "spikes", "cloudfront", "accelerator"]


def test_the_walk_lights_its_path_and_the_rest_recedes(qtbot, make_window) -> None:
    window = open_graph(qtbot, make_window)
    scene = window.graph.scene
    click_answer(qtbot, window, "Yes")
    assert scene.nodes["spikes"].current and not scene.nodes["http"].current
    assert scene.nodes["http"].on_path and not scene.nodes["http"].receded
    assert scene.edges[("http", "spikes")].on_path
    # The answers open now stay clear; the branch not taken recedes.
    assert not scene.nodes["accelerator"].receded and not scene.nodes["cloudfront"].receded
    assert not scene.edges[("spikes", "accelerator")].receded
    assert scene.edges[("http", "accelerator")].receded
    assert window.outline.currentItem().text(0).endswith("Must it absorb sudden spikes in requests?")
    visible = window.graph.view.visible_scene_rect()
    for node in ("spikes", "cloudfront", "accelerator"):  # the question and where it leads
        assert visible.contains(scene.nodes[node].sceneBoundingRect())


def test_focus_moves_are_animated_unless_motion_is_reduced(qtbot, make_window) -> None:
    window = open_graph(qtbot, make_window)
    view = window.graph.view
    view.reduced_motion = False
    view.focus_node("accelerator")
    assert view._animation.state() == view._animation.State.Running
    qtbot.waitUntil(lambda: view._animation.state() == view._animation.State.Stopped, timeout=2000)
    view.reduced_motion = True
    view.focus_node("http")
    assert view._animation.state() == view._animation.State.Stopped
    assert view.graph.nodes["http"].sceneBoundingRect().adjusted(-5, -5, 5, 5).contains(view.centre_point())


def test_left_to_right_puts_the_start_at_the_left(qtbot, make_window) -> None:
    window = open_graph(qtbot, make_window)
    panel = window.graph
    panel.direction_action.trigger()  # Layout > Start at the left
    nodes = panel.scene.nodes
    assert nodes["http"].sceneBoundingRect().right() < nodes["spikes"].sceneBoundingRect().left()
    assert nodes["spikes"].sceneBoundingRect().right() < nodes["cloudfront"].sceneBoundingRect().left()


def test_fit_on_a_huge_tree_shows_all_of_it_as_an_overview(qtbot, make_window, tmp_path) -> None:
    """Fit on a 3,000-node tree: it was a strip a few pixels high (so Fit framed the start's
    neighbourhood instead, issue 14); folded into strips (issue 15) it is a picture of the
    whole tree, drawn as the overview's blocks with the current node named."""
    big = generated_tree(tmp_path, 3000, seed=7)
    window = make_window([big])
    wait_until_loaded(qtbot, window)  # a tree this large is prepared in the background
    view = window.graph.view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_0)
    whole = view.graph.content
    slack = 2 / view.zoom  # two pixels: the scroll bars' whole-pixel steps
    assert view.visible_scene_rect().adjusted(-slack, -slack, slack, slack).contains(whole)
    seen = whole.width() * whole.height() * view.zoom**2
    assert seen > 0.25 * view.viewport().width() * view.viewport().height(), "a picture, not a strip"
    assert not view.graph.detail_shown and view.overview_caption() is not None


def test_arranged_positions_are_kept_beside_the_tree_and_reset(qtbot, make_window, library_dir) -> None:
    window = open_graph(qtbot, make_window)
    panel, view, scene = window.graph, window.graph.view, window.graph.scene
    panel.arrange_action.trigger()  # Layout > Arrange by hand
    view.focus_node("accelerator", animate=False)
    before = scene.nodes["accelerator"].pos()
    start = node_centre_in_view(view, "accelerator")
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    for step in range(1, 6):
        qtbot.mouseMove(view.viewport(), start + QPoint(step * 12, step * 8))
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=start + QPoint(60, 40))
    moved = scene.nodes["accelerator"].pos()
    assert moved.x() > before.x() + 30 and moved.y() > before.y() + 20
    side_file = library_dir / "a-edge.layout.json"
    assert side_file.exists() and "accelerator" in side_file.read_text()
    assert "accelerator" in (library_dir / "a-edge.yaml").read_text()  # the tree is untouched
    window.close()

    again = open_graph(qtbot, make_window)
    pinned = again.graph.scene.nodes["accelerator"].pos()
    assert abs(pinned.x() - moved.x()) <= 0.1 and abs(pinned.y() - moved.y()) <= 0.1  # kept to 0.1
    again.graph.reset_action.trigger()
    assert not side_file.exists()
    assert again.graph.scene.nodes["accelerator"].pos() == before


def test_a_large_tree_makes_items_only_where_the_view_looks(qtbot, make_window, tmp_path) -> None:
    big = generated_tree(tmp_path, 5000, seed=3)
    window = make_window([big])
    wait_until_loaded(qtbot, window)
    panel = window.graph
    panel.view.reduced_motion = True
    scene = panel.scene
    total = len(scene.layout_result.nodes)
    assert total > 4000 and len(scene.nodes) < total / 10
    far = max(scene.layout_result.nodes, key=lambda n: scene.layout_result.nodes[n].x)
    assert far not in scene.nodes
    window.outline.select_node(far)
    panel.select_node(far)  # what choosing it in the outline does
    assert far in scene.nodes and scene.selected_node() == far
    assert panel.view.visible_scene_rect().contains(scene.node_rect(far).center())
    for node_id, box in scene.layout_result.nodes.items():  # every node on screen has its item
        if panel.view.visible_scene_rect().contains(box.x + box.width / 2, box.y + box.height / 2):
            assert node_id in scene.nodes


def test_hovering_a_node_shows_its_full_text_as_text(qtbot, make_window, tmp_path) -> None:
    from trainer.ui.canvas.items import NodeItem

    tree = tmp_path / "markup.yaml"
    tree.write_text(
        "format: 1\nid: markup\ntitle: Markup\nstart: q\nnodes:\n  q:\n"
        '    question: "Is <b>this</b> & that a very long question whose text is wrapped in the node?"\n'
        "    answers:\n      - label: go\n        next: o\n  o:\n    outcome: Done\n    explanation: ok\n",
        encoding="utf-8",
    )
    window = make_window([tree])
    view = window.graph.view
    view.focus_node("q", animate=False)
    qtbot.mouseMove(view.viewport(), node_centre_in_view(view, "q"))
    item = window.graph.scene.nodes["q"]
    assert isinstance(item, NodeItem)
    qtbot.waitUntil(lambda: item.toolTip() != "", timeout=2000)
    assert (
        item.toolTip()
        == "<p>Question: Is &lt;b&gt;this&lt;/b&gt; &amp; that a very long question whose text is wrapped in the node?"
        "</p>"
    )


def test_arrow_keys_in_the_outline_move_the_graph_selection(qtbot, make_window) -> None:
    window = open_graph(qtbot, make_window)
    outline = window.outline
    outline.setFocus()
    outline.setCurrentItem(outline.topLevelItem(0))
    qtbot.keyClick(outline, Qt.Key.Key_Down)
    assert window.graph.scene.selected_node() == "spikes"
    qtbot.keyClick(outline, Qt.Key.Key_Down)
    assert window.graph.scene.selected_node() == "cloudfront"


def test_clicking_a_node_moves_the_walk_there_with_breadcrumbs(qtbot, make_window) -> None:
    window = open_graph(qtbot, make_window)
    view = window.graph.view
    view.focus_node("cloudfront", animate=False)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=node_centre_in_view(view, "cloudfront"))
    study = window.study
    assert study.page.node_text.text() == "CloudFront in front of the ALB"
    crumbs = study.crumbs.text()
    assert "Is the traffic HTTP?" in crumbs and "Must it absorb sudden spikes in requests?" in crumbs
    assert window.graph.scene.nodes["cloudfront"].current


def test_masked_outcomes_all_have_one_size(qtbot, make_window) -> None:
    window = open_graph(qtbot, make_window)
    scene = window.graph.scene
    widths = lambda: {scene.nodes[n].boundingRect().width() for n in ("cloudfront", "accelerator")}
    assert len(widths()) == 2  # their texts differ in length
    scene.set_masked(True)
    assert len(widths()) == 1 and all(scene.nodes[n].masked for n in ("cloudfront", "accelerator"))
    scene.set_masked(False)
    assert len(widths()) == 2


def test_a_large_tree_is_indexed_after_its_first_frame_and_reopened_from_the_cache(
    qtbot, make_window, tmp_path
) -> None:
    big = generated_tree(tmp_path, 3000, seed=5)
    window = make_window([big])
    wait_until_loaded(qtbot, window)
    scene = window.graph.scene
    assert scene._index is not None  # indexed while it was prepared, off the GUI thread
    assert not scene.index_wanted
    cached = list((Path(os.environ["TRAINER_DATA_DIR"]) / "cache" / "trees").glob("*.json"))
    assert len(cached) == 1
    first = scene.tree
    scene.set_tree(first)  # a new layout is not indexed before it has been shown
    assert scene._index is None and scene.index_wanted
    qtbot.waitUntil(lambda: scene._index is not None, timeout=5000)
    window.close()

    again = make_window([big])
    wait_until_loaded(qtbot, again)
    assert again.graph.scene.tree == first and again.graph.scene.tree is not first
    big.write_text(big.read_text(encoding="utf-8").replace("title: ", "title: Edited ", 1), encoding="utf-8")
    again.reload_library()
    wait_until_loaded(qtbot, again)
    assert again.graph.scene.tree.title.startswith("Edited ")


def test_the_selected_node_is_described_to_screen_readers(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = open_graph(qtbot, make_window)
    view = window.graph.view
    view.focus_node("http", animate=False)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=node_centre_in_view(view, "http"))
    assert view.accessibleDescription().startswith("Question: Is the traffic HTTP?; answers: ")
    assert "Yes, leads to the question “Must it absorb sudden spikes in requests?”" in view.accessibleDescription()
    window.outline.select_node("cloudfront")  # from the outline twin, as a keyboard user does
    window.graph.select_node("cloudfront")
    assert view.accessibleDescription() == "Outcome: CloudFront in front of the ALB"


def _hidden_below(scene, node_id: str) -> set[str]:  # type: ignore[no-untyped-def]
    """What folding `node_id` hides: its descendants reached from nowhere else."""
    from trainer.core.graph import children_of, hidden_by_collapse, roots_of

    children = children_of(scene.tree)
    return hidden_by_collapse(children, roots_of(scene.tree, children), {node_id})


def test_folding_a_large_tree_is_laid_out_while_the_window_keeps_working(qtbot, make_window, tmp_path) -> None:
    """Issue 15: a fold or a change of direction re-lays a 10,000-node tree out; done on the GUI
    thread it froze the window. Now the old drawing stays, "Laying out the tree…" shows, the
    window keeps answering, and the new layout follows with the current node framed."""
    from PySide6.QtCore import QTimer

    window = make_window([generated_tree(tmp_path, 3000, seed=5)])
    wait_until_loaded(qtbot, window)
    panel, scene = window.graph, window.graph.scene
    panel.view.reduced_motion = True
    start = scene.tree.start
    hidden = _hidden_below(scene, start)
    assert hidden and all(scene.is_laid_out(n) for n in hidden)
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(5)
    panel._fold(start)  # what a double-click on it does
    assert scene.relayouts.running and panel.message.isVisible() and panel.message.text() == "Laying out the tree…"
    assert scene.is_laid_out(next(iter(hidden)))  # the old drawing until the new one is ready
    qtbot.waitUntil(lambda: not scene.relayouts.running, timeout=30_000)
    timer.stop()
    assert ticks, "the event loop kept turning while the tree was laid out"
    assert not any(scene.is_laid_out(n) for n in hidden) and scene.nodes[start].collapsed
    assert not panel.message.isVisible()
    panel._fold(start)
    panel._fold(start)  # a second request before the first is done: the newest wins
    qtbot.waitUntil(lambda: not scene.relayouts.running, timeout=30_000)
    assert not any(scene.is_laid_out(n) for n in hidden), "folded again: the last request is what shows"
    panel._fold(start)
    qtbot.waitUntil(lambda: not scene.relayouts.running, timeout=30_000)
    assert all(scene.is_laid_out(n) for n in hidden)

    before = scene.node_rect(start)
    panel.direction_action.trigger()  # Layout > Start at the left
    assert scene.relayouts.running
    qtbot.waitUntil(lambda: not scene.relayouts.running, timeout=30_000)
    qtbot.wait(20)  # the framing follows the new layout
    assert scene.direction == "right" and scene.node_rect(start) != before
    assert panel.view.visible_scene_rect().contains(scene.node_rect(start).center())


def test_find_on_a_large_tree_goes_to_a_node_whose_item_is_not_made_yet(qtbot, make_window, tmp_path) -> None:
    """Issue 15: Find read "no item made yet" (items are made where the view looks) as "folded
    away" and rebuilt the whole scene at every key. The node is reached without a rebuild."""
    window = make_window([generated_tree(tmp_path, 5000, seed=3)])
    wait_until_loaded(qtbot, window)
    panel, scene = window.graph, window.graph.scene
    panel.view.reduced_motion = True
    far = window.outline.order[-1]
    assert far not in scene.nodes and scene.is_laid_out(far)
    rebuilt: list[int] = []
    scene.laid_out.connect(lambda: rebuilt.append(1))
    panel.view.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(panel.find_bar.edit, scene.tree.nodes[far].text)
    assert far in panel._matches and far in scene.nodes and scene.nodes[far].matched
    assert not rebuilt, "typing in Find never lays the tree out again"
    assert panel.view.visible_scene_rect().intersects(scene.node_rect(far))


def test_a_very_wide_tree_is_drawn_in_a_screens_shape_and_can_be_seen_whole(qtbot, make_window, tmp_path) -> None:
    """Issue 15: the drawing of a large tree was a line (1.36 M x 2.6 k units at 10,000 nodes)
    and zooming out stopped at 1/38 of it. It is folded into strips, and zooming out reaches
    all of it."""
    window = make_window([generated_tree(tmp_path, 3000, seed=5)])
    wait_until_loaded(qtbot, window)
    view, scene = window.graph.view, window.graph.scene
    view.reduced_motion = True
    content = scene.content
    assert 0.8 < content.width() / content.height() < 4.0
    view.setFocus()
    for _ in range(40):
        qtbot.keyClick(view, Qt.Key.Key_Minus)
    slack = 2 / view.zoom
    assert view.visible_scene_rect().adjusted(-slack, -slack, slack, slack).contains(content), "all of it in view"
    assert not scene.detail_shown  # the overview's blocks, not type too small to read
