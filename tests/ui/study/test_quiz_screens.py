"""The quiz as a learner reads it (#14 section 3): the running score counts the item just
answered, the confidence chosen is drawn chosen in every theme (checked from the pixels), the
outcome the feedback names is named on the graph (and "?" again at the next item), an end screen
after Esc with nothing answered says so, and the results' graph draws no "you are here"."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.ui.conftest import fill_of
from tests.ui.study.test_quiz_gui import WIDE_TREE, answer_item, next_item, start_quiz
from trainer.core.model import Outcome
from trainer.draw.themes import THEMES, contrast_ratio
from trainer.ui.study.outline import NODE_ROLE

pytestmark = pytest.mark.usefixtures("restore_look")  # tests/ui/conftest.py


@pytest.fixture
def wide_window(make_window, tmp_path: Path):  # type: ignore[no-untyped-def]
    """A window over a tree of eight outcomes (a quiz asks each outcome once)."""
    folder = tmp_path / "wide"
    folder.mkdir()
    (folder / "wide.yaml").write_text(WIDE_TREE, encoding="utf-8")
    return lambda: make_window([folder])


def test_the_running_score_counts_the_item_just_answered(qtbot, make_window, monkeypatch) -> None:
    window = make_window()
    pane = start_quiz(qtbot, window, monkeypatch, kind="choice")
    assert pane.running_score.text() == "Score so far: 0 · 0 of 2 answered"
    answer_item(qtbot, window, right=True)
    assert pane.mode == "feedback" and pane.feedback_page.verdict.text() == "✓ Right"
    assert pane.running_score.isVisible()
    assert pane.running_score.text() == "Score so far: 1 · 1 of 2 answered"  # not 0: the item just answered counts
    next_item(qtbot, window)
    assert pane.running_score.text() == "Score so far: 1 · 1 of 2 answered"
    answer_item(qtbot, window, right=False)
    assert pane.running_score.text() == "Score so far: 1 · 2 of 2 answered"


@pytest.mark.parametrize("theme", THEMES)
def test_the_confidence_chosen_is_drawn_chosen_in_every_theme(qtbot, make_window, monkeypatch, theme: str) -> None:
    window = make_window()
    window.resize(1366, 900)
    window.appearance.set_theme(theme)
    pane = start_quiz(qtbot, window, monkeypatch, kind="choice")
    answer_item(qtbot, window)
    page = pane.feedback_page
    low, medium, high = (page.confidence_buttons[v] for v in ("low", "medium", "high"))
    qtbot.waitUntil(lambda: medium.isVisible() and medium.width() > 20)
    assert page.next_button.hasFocus()  # focus is elsewhere: what shows is the checked state, not a ring
    unchecked = fill_of(medium)
    qtbot.keyClick(window, Qt.Key.Key_M)  # as a learner picks it
    assert page.confidence() == "medium" and medium.isChecked()
    qtbot.wait(20)
    checked = fill_of(medium)
    assert contrast_ratio(checked, unchecked) >= 3.0, (theme, checked, unchecked)
    assert fill_of(low) == unchecked and fill_of(high) == unchecked  # only the chosen one changed
    assert medium.text().startswith("✓ ") and not low.text().startswith("✓")  # not by colour alone
    # its text reads on its fill
    image = medium.grab().toImage()
    colours = {image.pixelColor(x, y).name() for x in range(image.width()) for y in range(image.height())}
    assert max(contrast_ratio(c, checked) for c in colours) >= 4.5, theme
    # a click on another moves the choice; the mark follows
    qtbot.mouseClick(high, Qt.MouseButton.LeftButton)
    qtbot.wait(20)
    assert page.confidence() == "high" and fill_of(high) == checked and fill_of(medium) == unchecked
    assert high.text().startswith("✓ ") and not medium.text().startswith("✓")
    assert checked == window.appearance.theme.colours["accent"]  # the theme's accent ...
    other = next(name for name in THEMES if name != theme)
    window.appearance.set_theme(other)
    qtbot.wait(20)
    assert fill_of(high) == window.appearance.theme.colours["accent"]  # ... and the next theme's, at once


def named_outcomes(window) -> set[str]:  # type: ignore[no-untyped-def]
    """The outcomes the graph draws with their text (a masked one draws only "?")."""
    scene = window.graph.scene
    tree = scene.tree
    return {
        node_id
        for node_id, item in scene.nodes.items()
        if isinstance(tree.nodes[node_id], Outcome) and item.drawn_lines()
    }


def named_in_outline(window) -> set[str]:  # type: ignore[no-untyped-def]
    """The outcomes the outline lists by name, read from its rows' text, tool tip and what a
    screen reader hears (a masked row reads "Outcome: ?" and says it is hidden)."""
    outline, tree = window.outline, window.graph.scene.tree
    named, rows = set(), [outline.topLevelItem(i) for i in range(outline.topLevelItemCount())]
    while rows:
        row = rows.pop()
        rows.extend(row.child(i) for i in range(row.childCount()))
        node_id = row.data(0, NODE_ROLE)
        if not isinstance(tree.nodes[node_id], Outcome):
            continue
        shown = [row.text(0), row.toolTip(0), row.data(0, Qt.ItemDataRole.AccessibleTextRole)]
        hidden = [row.text(0).endswith("Outcome: ?"), "hidden" in shown[1], "hidden" in shown[2]]
        assert len(set(hidden)) == 1, f"{node_id}'s row is half masked: {shown}"
        if not hidden[0]:
            assert all(tree.nodes[node_id].text in part for part in shown), shown
            named.add(node_id)
    return named


@pytest.mark.parametrize("kind", ["choice", "walk"])
def test_the_outcome_the_feedback_names_is_named_on_the_graph(qtbot, wide_window, monkeypatch, kind: str) -> None:
    window = wide_window()
    pane = start_quiz(qtbot, window, monkeypatch, kind=kind, count=3)
    assert named_outcomes(window) == set()  # a question: every outcome is "?"
    expected = pane.session.current.expect
    answer_item(qtbot, window, right=False)
    fb = pane.session.feedbacks[-1]
    assert pane.feedback_page.right.text() == f"Right outcome: {fb.right_outcome_text}"
    tree = window.graph.scene.tree
    reached = {n for n in fb.chosen_path if isinstance(tree.nodes[n], Outcome)}  # a walk's "Your answer"
    assert named_outcomes(window) == {expected} | reached  # told in words, named on the graph: only those
    assert named_in_outline(window) == {expected} | reached  # ... and in the outline
    if kind == "walk":
        assert reached and reached != {expected}
    next_item(qtbot, window)
    assert pane.mode == "question"
    assert named_outcomes(window) == set() == named_in_outline(window)  # the next item gives nothing away
    answer_item(qtbot, window)
    assert named_outcomes(window) == {pane.session.feedbacks[-1].right_outcome_id} == named_in_outline(window)


def test_an_exam_names_no_outcome_before_the_end(qtbot, wide_window, monkeypatch) -> None:
    window = wide_window()
    pane = start_quiz(qtbot, window, monkeypatch, kind="choice", count=3, exam=True)
    for _ in range(2):
        answer_item(qtbot, window)
        assert pane.mode == "question" and named_outcomes(window) == set()


def test_ending_before_any_answer_says_nothing_was_answered(qtbot, wide_window, monkeypatch) -> None:
    window = wide_window()
    pane = start_quiz(qtbot, window, monkeypatch, kind=None, count=4)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert pane.mode == "end"
    end = pane.end_page
    assert end.title.text() == "Quiz ended early"
    assert end.score.text() == "Nothing was answered"
    assert end.counts.text() == (
        "The quiz ended before its first answer: none of its 4 items was answered, so there is no score."
    )
    assert "%" not in end.score.text() + end.counts.text()
    assert not end.retry_button.isEnabled()


def test_ending_after_some_answers_keeps_the_partial_score(qtbot, wide_window, monkeypatch) -> None:
    window = wide_window()
    pane = start_quiz(qtbot, window, monkeypatch, kind=None, count=4)
    answer_item(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert pane.end_page.score.text() == "Score: 1 of 4 (25%)"
    assert "3 not reached" in pane.end_page.counts.text()


def framed(window, node_id: str) -> bool:  # type: ignore[no-untyped-def]
    view = window.graph.view
    rect = window.graph.scene.node_rect(node_id)
    return rect is not None and view.viewport().rect().contains(view.mapFromScene(rect).boundingRect())


def test_no_you_are_here_on_the_feedback_or_the_results_graph(qtbot, wide_window, monkeypatch) -> None:
    window = wide_window()
    pane = start_quiz(qtbot, window, monkeypatch, kind="choice", count=2)
    scene = window.graph.scene
    answer_item(qtbot, window)
    fb = pane.session.feedbacks[-1]
    assert scene.highlight.nodes == frozenset(fb.right_path)
    assert not any(item.current for item in scene.nodes.values())
    next_item(qtbot, window)
    answer_item(qtbot, window)
    next_item(qtbot, window)
    assert pane.mode == "end" and not scene.masked
    for row in range(pane.end_page.review.count()):
        pane.end_page.review.setCurrentRow(row)
        fb = pane.results.items[row]
        assert scene.highlight.nodes == frozenset(fb.right_path) and scene.highlight.current is None
        assert not any(item.current for item in scene.nodes.values()), "a 'you are here' pill on the results"
        # the reviewed outcome is framed in the graph's view
        qtbot.waitUntil(lambda fb=fb: framed(window, fb.right_outcome_id))
