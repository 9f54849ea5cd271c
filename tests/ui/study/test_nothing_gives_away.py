"""Nothing gives the answer away (#12 section 3), driven as a user does: keys typed into the
focused find bar during a quiz stay in the bar (no hint taken, no option struck, no pick, the
score untouched) and find nothing but questions; a quiz starts with nothing selected or lit in
the outline and the graph; the presentation's graph names an outcome only once the slide has
revealed it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QSpinBox, QWidget

from tests.ui.conftest import click_card
from trainer.core.model import Outcome
from trainer.infra.paths import bundled_trees_dir
from trainer.ui.canvas.find_bar import FIND_MASKED_PLACEHOLDER, FIND_PLACEHOLDER
from trainer.ui.study.quiz_setup import SCOPE_TREE, QuizSettings, QuizSetup

SHIFT_CTRL = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
DATABASE = bundled_trees_dir() / "database-reads.yaml"  # four outcomes: a hint strikes one option out


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


@pytest.fixture
def database_library(tmp_path: Path) -> Path:
    folder = tmp_path / "db-library"
    folder.mkdir()
    shutil.copy(DATABASE, folder / DATABASE.name)
    return folder


def start_quiz(qtbot, window, monkeypatch, **settings):  # type: ignore[no-untyped-def]
    """Quiz > Start Quiz… by its keys, the dialog answered with `settings`."""
    chosen = QuizSettings(**{"scope": SCOPE_TREE, "seed": 3, "count": 4, **settings})
    monkeypatch.setattr(QuizSetup, "ask", staticmethod(lambda *_args: chosen))
    qtbot.keyClick(focused(), Qt.Key.Key_Q, SHIFT_CTRL)
    qtbot.waitUntil(lambda: window.quiz.mode == "question")
    return window.quiz


def quiz_state(pane) -> tuple:  # type: ignore[no-untyped-def]
    """Everything a stray quiz key would change: the item, its hint and struck-out options, the
    option picked, the answers given, the page shown."""
    view = pane.session.view()
    buttons = pane.question_page.option_buttons
    return (
        pane.mode,
        pane.session.index,
        view.hint,
        view.ruled_out,
        pane._picked,
        len(pane.session.feedbacks),
        tuple(b.isEnabled() for b in buttons),
        pane.question_page.picked.isVisible(),
        pane.question_page.hint_button.isEnabled(),
        pane.running_score.text(),
    )


def test_typing_in_the_find_bar_during_a_quiz_never_reaches_the_quiz(
    qtbot, make_window, monkeypatch, database_library: Path
) -> None:
    window = make_window([database_library])
    click_card(qtbot, window, 0)
    pane = start_quiz(qtbot, window, monkeypatch, kind="choice")
    assert len(pane.question_page.option_buttons) == 4 and pane.session.current.hint_ruled_out, (
        "the item must have a hint that strikes options out, or the test proves nothing"
    )
    qtbot.keyClick(focused(), Qt.Key.Key_2)  # an option picked, not yet confirmed: Enter would answer with it
    assert pane._picked == 1
    before = quiz_state(pane)

    qtbot.keyClick(focused(), Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # Ctrl+F, as a user opens it
    edit = window.graph.find_bar.edit
    assert window.graph.find_bar.isVisible() and edit.isEnabled() and focused() is edit
    assert edit.placeholderText() == FIND_MASKED_PLACEHOLDER
    qtbot.keyClicks(focused(), "ElastiCache")  # the "h" used to take the hint and strike an option out
    assert edit.text() == "ElastiCache"
    assert quiz_state(pane) == before
    # it is an outcome's name: a search during the quiz must not tell which box it is
    assert window.graph.find_bar.count.text() == "0 found" and not window.graph.scene.matches

    # every other quiz key typed into the bar: digits, the confidence letters, Space, Enter, Right
    edit.clear()
    qtbot.keyClicks(focused(), "1 2 3 4 9 h H l m s")
    for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Right, Qt.Key.Key_Space):
        qtbot.keyClick(focused(), key)
    assert focused() is edit and edit.text() == "1 2 3 4 9 h H l m s "
    assert quiz_state(pane) == before

    # a question's text is found (and lit); an outcome's id or text is not
    edit.clear()
    qtbot.keyClicks(focused(), "where are the users")
    question = next(
        n
        for n, node in pane.session.quiz.trees["database-reads"].nodes.items()
        if node.text.startswith("Where are the users")
    )
    assert window.graph.scene.matches == {question} and window.graph.find_bar.count.text() == "1 of 1"
    tree, results = window.graph.tree, window.graph.find_bar.results
    assert [results.item(i).text() for i in range(results.count())] == [f"Question: {tree.nodes[question].text}"]
    for outcome in (n for n in tree.nodes.values() if isinstance(n, Outcome)):
        for query in (outcome.id, outcome.text.split()[-1]):
            edit.clear()
            qtbot.keyClicks(focused(), query)
            assert not window.graph.scene.matches & {o for o in tree.nodes if isinstance(tree.nodes[o], Outcome)}, query
            listed = [results.item(i).text() for i in range(results.count())]
            assert not any(outcome.text in row or row.startswith("Outcome") for row in listed), (query, listed)
    assert quiz_state(pane) == before

    # Esc closes the bar (not the quiz) and gives the keyboard back to the option picked
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    assert not window.graph.find_bar.isVisible() and pane.mode == "question"
    assert focused() is pane.question_page.option_buttons[1]
    assert quiz_state(pane) == before
    # and the quiz's keys work again at once
    qtbot.keyClick(focused(), Qt.Key.Key_H)
    assert pane.session.view().ruled_out and pane.session.view().hint


def test_the_quiz_keys_give_way_to_any_text_field(qtbot, make_window, monkeypatch) -> None:
    """Not the find bar only: a spin box in the window takes its digits and Enter too."""
    window = make_window()
    click_card(qtbot, window, 0)
    pane = start_quiz(qtbot, window, monkeypatch, kind="choice", count=2)
    spin = QSpinBox()
    spin.setRange(0, 99999)
    spin.setAccessibleName("A number")
    window.graph.layout().addWidget(spin)
    spin.show()
    pane.pick(0)  # an option picked: Enter would answer with it
    spin.setFocus()
    spin.selectAll()
    before = quiz_state(pane)
    qtbot.keyClicks(focused(), "12")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    qtbot.keyClick(focused(), Qt.Key.Key_H)
    assert spin.value() == 12 and quiz_state(pane) == before
    # off the field, Enter answers as ever
    pane.focus_page()
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert pane.mode == "feedback"


def test_the_find_bar_searches_everything_again_after_the_quiz(qtbot, make_window, monkeypatch) -> None:
    window = make_window()
    click_card(qtbot, window, 0)
    pane = start_quiz(qtbot, window, monkeypatch, count=1)
    pane.end_quiz()
    qtbot.mouseClick(pane.end_page.back_button, Qt.MouseButton.LeftButton)
    assert not window.quizzing
    qtbot.keyClick(focused(), Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    edit = window.graph.find_bar.edit
    assert focused() is edit and edit.placeholderText() == FIND_PLACEHOLDER
    qtbot.keyClicks(edit, "global")
    assert window.graph.scene.matches == {"accelerator"}


def outline_rows(outline) -> list:  # type: ignore[no-untyped-def]
    rows, out = [outline.topLevelItem(i) for i in range(outline.topLevelItemCount())], []
    while rows:
        row = rows.pop()
        out.append(row)
        rows += [row.child(i) for i in range(row.childCount())]
    return out


def test_a_quiz_starts_with_nothing_selected_or_lit_and_the_walk_comes_back_after(
    qtbot, make_window, monkeypatch
) -> None:
    window = make_window()
    click_card(qtbot, window, 0)
    qtbot.keyClick(focused(), Qt.Key.Key_2)  # "No" at the first question: the outcome Global Accelerator
    assert window.study.walk.current_id == "accelerator"
    view, scene, outline = window.graph.view, window.graph.scene, window.outline
    qtbot.waitUntil(lambda: "accelerator" in scene.nodes and scene.nodes["accelerator"].isVisible())
    # the learner clicks the outcome on the graph: selected there and current in the outline
    node = scene.nodes["accelerator"]
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.mapFromScene(node.sceneBoundingRect().center())
    )
    assert scene.selected_node() == "accelerator"
    assert outline.currentItem() is not None and "Global Accelerator" in outline.currentItem().text(0)
    assert node.current and any("you are here" in row.text(0) for row in outline_rows(outline))

    pane = start_quiz(qtbot, window, monkeypatch, kind="choice", count=2)
    # nothing points at the node that was studied: no selection, no current row, no marks, no lit path
    assert scene.selectedItems() == [] and scene.selected_node() is None
    assert outline.selectedItems() == [] and outline.currentItem() is None
    assert not view.accessibleDescription(), "the selected node was still described"
    assert not any(item.current or item.on_path or item.receded for item in scene.nodes.values())
    assert not any(item.on_path or item.receded for item in scene.edges.values())
    assert scene.highlight.current is None and not scene.highlight.nodes and not scene.highlight.edges
    texts = [row.text(0) + str(row.data(0, Qt.ItemDataRole.AccessibleTextRole)) for row in outline_rows(outline)]
    assert texts and not any("you are here" in t or "visited" in t for t in texts), texts
    assert all("Global Accelerator" not in t for t in texts)

    # pages come and go (the focus passes through the outline): still nothing is picked for the learner
    qtbot.keyClick(focused(), Qt.Key.Key_1)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert pane.mode == "feedback"
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    assert pane.mode == "end" and scene.selected_node() is None and outline.selectedItems() == []

    # the quiz ends: the walk is back where it was, marked and lit again
    qtbot.mouseClick(pane.end_page.back_button, Qt.MouseButton.LeftButton)
    assert not window.quizzing and window.study.walk.current_id == "accelerator"
    assert scene.highlight.current == "accelerator" and scene.nodes["accelerator"].current
    assert outline.currentItem() is not None and "Global Accelerator" in outline.currentItem().text(0)
    assert "you are here" in outline.currentItem().text(0)


# --- the presentation's graph names an outcome only once the slide has shown it ------------------


def present_texts(shown) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """Every text of the room's screen a person or a screen reader can get at: widgets (text,
    tool tip, accessible name and description) and the graph's items (drawn lines, tool tips)."""
    from tests.ui.study.test_quiz_gui import widget_texts

    texts = [("window title", shown.windowTitle())]
    texts += widget_texts(w for w in [shown, *shown.findChildren(QWidget)] if w.isVisible())
    for node_id, item in shown.scene.nodes.items():
        texts += [
            (f"node {node_id}", " ".join(item.drawn_lines())),
            (f"node {node_id} tooltip", item.tooltip_text()),
            (f"node {node_id} tooltip set", item.toolTip()),
        ]
    return texts


def named_on_graph(shown, tree) -> set[str]:  # type: ignore[no-untyped-def]
    """The outcomes whose text the room's graph shows."""
    return {
        o.id
        for o in tree.outcomes
        if any(o.text in text for where, text in present_texts(shown) if where.startswith(f"node {o.id}"))
    }


def test_the_presentation_graph_names_an_outcome_only_once_the_slide_has_shown_it(qtbot, make_window) -> None:
    window = make_window()
    click_card(qtbot, window, 0)
    qtbot.keyClick(focused(), Qt.Key.Key_F5)
    shown = window.presenting.presenting
    qtbot.waitUntil(shown.isActiveWindow)
    tree = shown.presentation.tree
    outcomes = {o.id: o.text for o in tree.outcomes}
    items = shown.scene.nodes  # read again after each step: a reveal lays the graph out again
    assert set(outcomes) <= set(items)

    def on_slide() -> str | None:
        """The outcome the slide shows now, if any."""
        return shown.presentation.slide.node_id if shown.presentation.slide.node_id in outcomes else None

    # step 1: a question; no outcome is named anywhere on the room's screen, the graph's outcomes are "?"
    assert on_slide() is None
    leaks = [(where, text) for where, text in present_texts(shown) for o in outcomes.values() if o in text]
    assert not leaks, leaks
    assert all(items[o].masked and items[o].drawn_lines() == () for o in outcomes)
    assert all(items[o].tooltip_text() == "<p>Outcome: not shown yet</p>" for o in outcomes)
    # the whole tree (G) masks them too
    qtbot.keyClick(shown, Qt.Key.Key_G)
    assert shown.whole_tree and not named_on_graph(shown, tree)
    qtbot.keyClick(shown, Qt.Key.Key_G)

    # PageDown alone, the whole tour: an outcome is named from the step its slide appears, and stays
    shown_so_far: set[str] = set()
    named_at_each_step = [set()]
    steps = 0
    while True:
        before = shown.presentation.slide
        qtbot.keyClick(shown, Qt.Key.Key_PageDown)
        if shown.presentation.slide == before:
            break
        steps += 1
        assert steps < 100
        if on_slide() is not None:
            shown_so_far.add(on_slide())
        named = named_on_graph(shown, tree)
        assert named == shown_so_far, (shown.presentation.slide, named)
        for o in outcomes:
            assert shown.scene.nodes[o].masked == (o not in shown_so_far)
        named_at_each_step.append(named)
    assert shown_so_far == set(outcomes), "the tour showed every outcome"
    qtbot.keyClick(shown, Qt.Key.Key_G)  # the whole tree at the end: every outcome named now
    assert named_on_graph(shown, tree) == set(outcomes)
    qtbot.keyClick(shown, Qt.Key.Key_G)

    # PageUp all the way back: each reveal undone in turn, masked again before it
    named_backwards = [named_on_graph(shown, tree)]
    for _ in range(steps):
        qtbot.keyClick(shown, Qt.Key.Key_PageUp)
        named_backwards.append(named_on_graph(shown, tree))
    assert named_backwards == named_at_each_step[::-1]
    assert all(shown.scene.nodes[o].masked for o in outcomes)
    qtbot.keyClick(shown, Qt.Key.Key_Escape)


def test_the_audience_round_names_only_the_outcome_it_revealed(qtbot, make_window) -> None:
    """At a scenario's reveal the graph names that scenario's outcome, not the next one's."""
    window = make_window()
    click_card(qtbot, window, 0)
    qtbot.keyClick(focused(), Qt.Key.Key_F5)
    shown = window.presenting.presenting
    qtbot.waitUntil(shown.isActiveWindow)
    qtbot.keyClick(shown, Qt.Key.Key_Q)
    round_ = shown.audience
    while round_.round.view.outcome == "":
        qtbot.keyClick(shown, Qt.Key.Key_PageDown)
    assert round_.round.view.outcome == "CloudFront in front of the ALB"  # the first scenario's
    nodes = round_.scene.nodes
    assert "CloudFront in front of the ALB" in " ".join(nodes["cloudfront"].drawn_lines())
    assert nodes["accelerator"].masked and nodes["accelerator"].drawn_lines() == ()
    assert "Global Accelerator" not in nodes["accelerator"].tooltip_text(), "the next scenario's answer"
    qtbot.keyClick(shown, Qt.Key.Key_Escape)
    qtbot.keyClick(shown, Qt.Key.Key_Escape)
