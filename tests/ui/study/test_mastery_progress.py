"""The mastery overlay on the graph and the progress view, over a real history file."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage

from trainer.study.history import open_history
from trainer.study.items import outcome_key, scenario_key
from trainer.study.mastery import Mastery
from trainer.ui.canvas.items import mastery_badge, mastery_level
from trainer.ui.common.plain import plain_tooltip
from trainer.ui.study.progress_dialog import NO_ATTEMPTS, ProgressDialog, ScoreChart

SHOP = scenario_key("edge", "walk", "A shop slows during flash sales.", "cloudfront")
GAME = scenario_key("edge", "choice", "A UDP game needs fixed IPs.", "accelerator")
DAY1 = datetime(2024, 5, 1, 10, tzinfo=UTC)
DAY2 = datetime(2024, 5, 3, 10, tzinfo=UTC)


def record(answers: list[tuple[str, bool, datetime]]) -> None:
    history = open_history()
    try:
        assert history.problem is None
        for key, correct, when in answers:
            assert history.record("edge", key, key.split(":")[1], correct, 1.0 if correct else 0.0, now=when)
    finally:
        history.close()


@pytest.fixture
def learned() -> None:
    """cloudfront answered right 9 of 10 times (strong); accelerator 2 of 5 (weak)."""
    answers = [(SHOP, i != 0, DAY1 + timedelta(minutes=i)) for i in range(10)]
    answers += [(GAME, i < 2, DAY2 + timedelta(minutes=i)) for i in range(5)]
    record(answers)


def test_levels_and_badges() -> None:
    assert mastery_level(None) is None
    assert [mastery_level(v) for v in (0.0, 0.49, 0.5, 0.79, 0.8, 1.0)] == [
        "weak",
        "weak",
        "learning",
        "learning",
        "strong",
        "strong",
    ]
    assert mastery_badge(0.4) == "✗ weak 40%"
    assert mastery_badge(0.7) == "~ learning 70%"
    assert mastery_badge(0.9) == "✓ strong 90%"


def test_overlay_toggles_from_the_menu_action(make_window, learned) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    scene = window.graph.scene
    assert window.graph.tree is not None and window.graph.tree.id == "edge"
    assert window.mastery_action.isCheckable() and window.mastery_action.shortcut().toString() == "Ctrl+M"
    assert not window.graph.legend.isVisible()

    window.mastery_action.trigger()  # as a menu click does

    assert window.mastery_action.isChecked()
    assert window.graph.legend.isVisible()
    cloudfront, accelerator = scene.nodes["cloudfront"], scene.nodes["accelerator"]
    assert (cloudfront.mastery_level, cloudfront.mastery_badge) == ("strong", "✓ strong 90%")
    assert (accelerator.mastery_level, accelerator.mastery_badge) == ("weak", "✗ weak 40%")
    assert scene.nodes["http"].mastery_level is None and scene.nodes["http"].mastery_badge == ""
    # edges: into accelerator weak (dashed); spikes->cloudfront strong (solid); http->spikes mixes both
    assert scene.edges[("http", "accelerator")].pen().style() == Qt.PenStyle.DashLine
    assert scene.edges[("spikes", "accelerator")].mastery_level == "weak"
    assert scene.edges[("spikes", "cloudfront")].mastery_level == "strong"
    assert scene.edges[("spikes", "cloudfront")].pen().style() == Qt.PenStyle.SolidLine
    assert scene.edges[("http", "spikes")].mastery == pytest.approx(0.65)
    assert scene.edges[("http", "spikes")].mastery_level == "learning"
    assert scene.edges[("http", "spikes")].pen().style() == Qt.PenStyle.SolidLine
    colours = {
        scene.edges[e].pen().color().name()
        for e in (("http", "accelerator"), ("http", "spikes"), ("spikes", "cloudfront"))
    }
    assert len(colours) == 3  # a colour per step, besides the dash pattern

    window.mastery_action.trigger()

    assert not window.mastery_action.isChecked()
    assert not window.graph.legend.isVisible()
    assert all(item.mastery is None and item.mastery_badge == "" for item in scene.nodes.values())
    assert all(item.mastery is None and item.pen().style() == Qt.PenStyle.SolidLine for item in scene.edges.values())


def test_overlay_shortcut_and_untested_tree(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    qtbot.keyClick(window, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert window.mastery_action.isChecked()
    assert window.graph.legend.isVisible()  # on, with nothing tested yet
    assert all(item.mastery_badge == "" for item in window.graph.scene.nodes.values())


def test_overlay_is_kept_off_during_a_quiz_and_follows_tree_changes(qtbot, make_window, learned) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    window.mastery_action.trigger()
    scene = window.graph.scene
    assert scene.nodes["accelerator"].mastery_level == "weak"

    window.quiz.masking_changed.emit(True)  # what the quiz pane says as it starts
    scene_items = scene.nodes.values()
    assert scene.mastery is None and not window.graph.legend.isVisible()
    assert all(item.mastery_badge == "" for item in scene_items)
    scene.set_mastery(Mastery({"accelerator": 0.1}, {}))  # refused while masked
    assert scene.nodes["accelerator"].mastery_badge == ""
    qtbot.wait(20)  # the window hears of the mask after the scene (queued)
    assert scene.mastery is None and not window.graph.legend.isVisible()
    window.quiz.masking_changed.emit(False)
    qtbot.waitUntil(lambda: scene.nodes["accelerator"].mastery_badge == "✗ weak 40%")
    assert window.graph.legend.isVisible()

    # a new tree (the same entry again): the overlay is read afresh for it
    window.graph.set_tree(window.graph.tree, window.outline.order)
    assert scene.nodes["cloudfront"].mastery_badge == "✓ strong 90%"
    assert window.graph.legend.isVisible()


def test_items_made_later_pick_up_the_overlay(make_window, learned) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    window.mastery_action.trigger()
    scene = window.graph.scene
    mastery = scene.mastery
    scene.removeItem(scene.nodes.pop("accelerator"))
    scene.removeItem(scene.edges.pop(("http", "accelerator")))
    scene._make_node("accelerator")  # what materialize() does for large trees
    scene._make_edge(("http", "accelerator"))
    assert scene.mastery is mastery
    assert scene.nodes["accelerator"].mastery_badge == "✗ weak 40%"
    assert scene.edges[("http", "accelerator")].pen().style() == Qt.PenStyle.DashLine


def test_overlay_paints_badges(make_window, learned) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    window.mastery_action.trigger()
    item = window.graph.scene.nodes["accelerator"]
    assert item.boundingRect().bottom() > item.shape().boundingRect().bottom() + 4  # the badge hangs below
    image = QImage(window.graph.view.viewport().size(), QImage.Format.Format_ARGB32)
    window.graph.view.viewport().render(image)
    assert not image.isNull()


def test_the_overview_and_minimap_show_the_overlay_too(make_window, learned) -> None:  # type: ignore[no-untyped-def]
    from trainer.ui.canvas.items import mastery_colours

    window = make_window()
    scene = window.graph.scene
    weak, strong = (mastery_colours(level, scene.style)[0] for level in ("weak", "strong"))

    def colour_at(node_id: str) -> QColor:
        box, image, rect = scene.layout_result.nodes[node_id], scene.overview.image, scene.content
        scale = image.width() / rect.width()
        x, y = box.x + box.width / 2 - rect.left(), box.y + box.height / 2 - rect.top()
        return image.pixelColor(int(x * scale), int(y * scale))

    assert colour_at("accelerator") != weak
    window.mastery_action.trigger()  # the image zoomed-out frames and the minimap paint
    assert colour_at("accelerator") == weak and colour_at("cloudfront") == strong
    assert colour_at("http") not in (weak, strong)  # questions are not tested items
    window.mastery_action.trigger()
    assert colour_at("accelerator") != weak


def test_progress_dialog_figures_and_chart(make_window, learned) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    assert window.progress_action.shortcut().toString() == "Ctrl+P"
    window.progress_action.trigger()
    dialog = window.findChild(ProgressDialog)
    assert dialog is not None and dialog.isVisible() and not dialog.isModal()
    assert dialog.attempts.text() == "15 (11 right)"
    assert dialog.accuracy.text() == "73%"
    assert dialog.due.text() == str(dialog.stats.due) and dialog.stats.due >= 1
    assert dialog.last_studied.text().startswith("2024-05-0")
    assert not dialog.problem.isVisible()
    assert not dialog.empty.isVisible()
    chart = dialog.findChild(ScoreChart)
    assert chart is not None and chart.isVisible()
    assert chart.points == [(date(2024, 5, 1), pytest.approx(0.9)), (date(2024, 5, 3), pytest.approx(0.4))]
    first, second = chart.point_positions()
    rect = chart.plot_rect()
    assert first.x() == pytest.approx(rect.left()) and second.x() == pytest.approx(rect.right())
    assert first.y() == pytest.approx(rect.bottom() - 0.9 * rect.height())
    assert second.y() == pytest.approx(rect.bottom() - 0.4 * rect.height())
    chart.grab()  # paints without error
    window.progress_action.trigger()  # again: the same dialog, refreshed
    assert window.findChildren(ProgressDialog) == [dialog]


def test_progress_dialog_without_history(make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    dialog = window.show_progress()
    assert dialog is not None
    assert dialog.empty.isVisible() and dialog.empty.text() == NO_ATTEMPTS
    assert dialog.attempts.text() == "0" and dialog.accuracy.text() == "–" and dialog.due.text() == "0"
    assert dialog.last_studied.text() == "never"
    assert not dialog.chart.isVisible() and dialog.chart.points == []
    assert not dialog.problem.isVisible()


def test_progress_dialog_says_when_the_history_cannot_be_read(make_window) -> None:  # type: ignore[no-untyped-def]
    from trainer.study.history import default_history_path

    path = default_history_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"this is not a database" * 100)
    window = make_window()
    dialog = window.show_progress()
    assert dialog is not None
    assert dialog.problem.isVisible()
    assert dialog.problem.text().startswith("The history could not be read:")
    assert dialog.empty.isVisible()


def test_a_running_quiz_turns_the_overlay_off(qtbot, make_window, learned) -> None:  # type: ignore[no-untyped-def]
    from trainer.study.building import build_quiz

    window = make_window()
    window.mastery_action.trigger()
    scene = window.graph.scene
    window.quiz.start(build_quiz([window.graph.tree], 2, 1, ("walk",)))
    qtbot.wait(20)
    assert window.quiz.active and scene.masked
    assert scene.mastery is None and not window.graph.legend.isVisible()
    assert all(item.mastery_badge == "" for item in scene.nodes.values())
    window.mastery_action.trigger()
    window.mastery_action.trigger()  # switched on again mid-quiz: still off
    assert scene.mastery is None and not window.graph.legend.isVisible()
    window.quiz.close_quiz()
    qtbot.waitUntil(lambda: window.graph.legend.isVisible())
    assert window.graph.scene.nodes["accelerator"].mastery_badge == "✗ weak 40%"


def test_progress_says_when_answered_items_no_longer_exist(make_window, learned) -> None:  # type: ignore[no-untyped-def]
    gone = scenario_key("edge", "walk", "A scenario the author has since rewritten.", "cloudfront")
    record([(gone, True, DAY2)])
    window = make_window()
    dialog = window.show_progress()
    assert dialog is not None and dialog.removed.isVisible()
    assert dialog.removed.text().startswith("1 item you answered before no longer exists in this tree")
    assert dialog.removed_list.count() == 1  # listed, not only counted
    assert (
        dialog.removed_list.item(0)
        .text()
        .startswith("A scenario (its text is not kept) · Scenario walk — removed from the tree\n1 attempt (1 right)")
    )
    assert dialog.attempts.text() == "16 (12 right)"  # its history is kept and counted


def test_progress_lists_an_item_whose_outcome_was_removed(make_window, library_dir) -> None:  # type: ignore[no-untyped-def]
    record(
        [
            (outcome_key("edge", "path", "accelerator"), True, DAY1),
            (outcome_key("edge", "path", "accelerator"), False, DAY2),
            (SHOP, True, DAY1),
        ]
    )
    tree_file = library_dir / "a-edge.yaml"  # the author removes the accelerator outcome
    text = tree_file.read_text(encoding="utf-8")
    text = text.replace("next: accelerator", "next: cloudfront")
    text = text[: text.index("  accelerator:\n")] + text[text.index("scenarios:") :]
    text = text.replace("  - prompt: A UDP game needs fixed IPs.\n    expect: accelerator\n", "")
    tree_file.write_text(text, encoding="utf-8")
    window = make_window()
    assert window.study.entry.usable and "accelerator" not in window.study.entry.tree.nodes
    dialog = window.show_progress()
    assert dialog is not None and dialog.removed.isVisible() and dialog.removed_list.isVisible()
    assert dialog.removed.text().startswith("1 item you answered before no longer exists in this tree")
    rows = dialog.removed_list
    assert rows.count() == 1
    what, figures = rows.item(0).text().split("\n")
    assert what == "Outcome “accelerator” · Path to outcome — removed from the tree"
    assert figures.startswith("2 attempts (1 right), last answered 2024-05-0")  # local time
    assert rows.item(0).toolTip() == plain_tooltip("Item key: edge:path:accelerator")  # shown as text
    assert dialog.attempts.text() == "3 (2 right)"  # its history is kept and counted


def test_progress_hides_the_removed_note_when_every_item_exists(make_window, learned) -> None:  # type: ignore[no-untyped-def]
    dialog = make_window().show_progress()
    assert dialog is not None and not dialog.removed.isVisible()
    assert not dialog.removed_list.isVisible() and dialog.removed_list.count() == 0
