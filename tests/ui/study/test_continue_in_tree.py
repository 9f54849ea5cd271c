"""Cross-tree links as a learner meets them: an outcome whose decision goes on in another tree
offers that tree as the next decision, the button opens it at its first question, and the graph
marks the outcome with the tree it leads to."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.conftest import click_answer, wait_until_loaded
from trainer.core.graph import ways_to
from trainer.draw.outline import describe_node
from trainer.infra.paths import bundled_trees_dir
from trainer.ui.canvas.items import link_text


def _walk_to(qtbot, window, outcome_id: str) -> None:  # type: ignore[no-untyped-def]
    tree = window.study.walk.tree
    [way, *_] = ways_to(tree, outcome_id)
    for _question, label in way:
        click_answer(qtbot, window, label)
    assert window.study.walk.current_id == outcome_id


def _open(qtbot, window, tree_id: str) -> None:  # type: ignore[no-untyped-def]
    [entry] = [e for e in window.library_panel.entries() if e.tree is not None and e.tree.id == tree_id]
    assert window.library_panel.select_path(str(entry.path))
    qtbot.waitUntil(lambda: window.study.walk is not None and window.study.walk.tree.id == tree_id)


def test_an_outcome_offers_the_tree_it_continues_in_and_opens_it(qtbot, make_window) -> None:
    window = make_window([bundled_trees_dir()])
    wait_until_loaded(qtbot, window)
    _open(qtbot, window, "choosing-database")
    _walk_to(qtbot, window, "rds")
    button = window.study.page.continue_button
    reads = next(e for e in window.library_panel.entries() if e.tree is not None and e.tree.id == "database-reads")
    assert button.isVisible() and button.text() == f"Next decision: {reads.title} →"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.study.walk is not None and window.study.walk.tree.id == "database-reads")
    walk = window.study.walk
    assert walk.current_id == walk.tree.start and not walk.steps  # from its first question
    assert window.library_panel.currentItem().text() == reads.title  # its card is the one chosen
    assert not button.isVisible()  # a question is shown now


def test_an_outcome_that_continues_nowhere_offers_nothing(qtbot, make_window) -> None:
    window = make_window([bundled_trees_dir()])
    wait_until_loaded(qtbot, window)
    _open(qtbot, window, "choosing-database")
    _walk_to(qtbot, window, "dynamodb")
    assert window.study.walk.current.continues == ""
    assert not window.study.page.continue_button.isVisible()


def test_the_graph_marks_an_outcome_with_the_tree_it_leads_to(qtbot, make_window) -> None:
    window = make_window([bundled_trees_dir()])
    wait_until_loaded(qtbot, window)
    _open(qtbot, window, "choosing-database")
    scene = window.graph.scene
    _walk_to(qtbot, window, "rds")  # the walk brings the outcome into view, so its item exists
    item = scene.nodes["rds"]
    assert item.continues == "database-reads" and item.shows_link
    assert "Continues in the tree “database-reads”" in item.tooltip_text()
    assert item.boundingRect().contains(item._link_rect())  # the pill is drawn, not clipped
    item.set_masked(True)  # a quiz hides where an outcome leads, as it hides the outcome
    assert not item.shows_link
    assert not scene.nodes.get("dynamodb") or not scene.nodes["dynamodb"].shows_link
    tree = window.study.walk.tree
    assert describe_node(tree, "rds").endswith("continues in the tree database-reads")
    assert link_text("database-reads") == "↪ next: database-reads"


def test_the_next_decision_is_reached_with_tab_and_taken_with_space(qtbot, make_window) -> None:
    window = make_window([bundled_trees_dir()])
    wait_until_loaded(qtbot, window)
    _open(qtbot, window, "choosing-database")
    _walk_to(qtbot, window, "rds")
    window.study.page_scroll.setFocus()
    button = window.study.page.continue_button
    for _ in range(3):  # the first stops inside the outcome page
        if button.hasFocus():
            break
        qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab)
    assert button.hasFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.study.walk is not None and window.study.walk.tree.id == "database-reads")
