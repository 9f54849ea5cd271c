"""The audience round (Q on the presentation) driven like a presenter does: a clicker's
PageDown/PageUp, B and '.', typed tallies, the countdown, Esc back to the slide."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QAbstractScrollArea, QLabel, QWidget

from tests.ui.conftest import GOOD_TREE, click_card
from tests.ui.present.test_presentation import bundled, key, present  # noqa: F401 - `present` is a fixture
from tests.ui.study.test_quiz_gui import widget_texts
from trainer.core.library import read_tree
from trainer.core.model import Tree
from trainer.infra.paths import bundled_trees_dir
from trainer.present.audience import ASK, NO_SCENARIOS, REVEAL, playable_routes
from trainer.present.presentation import OUTCOME
from trainer.ui.present.audience import AudienceWidget
from trainer.ui.present.presentation import (
    PresentationWindow,
    PresentMarkdown,
    presentation_theme,
)
from trainer.ui.shell.shortcuts_help import KEYS

SIZES = [(1920, 1080), (1280, 720)]


def press(qtbot, window: QWidget, *keys: Qt.Key) -> None:  # type: ignore[no-untyped-def]
    for which in keys:
        qtbot.keyClick(window, which)


def start_round(qtbot, window: PresentationWindow) -> AudienceWidget:  # type: ignore[no-untyped-def]
    key(qtbot, window, Qt.Key.Key_Q)
    assert window.audience is not None and window.pages.currentWidget() is window.audience
    return window.audience


def shown_texts(window: PresentationWindow) -> list[tuple[str, str]]:
    """Every text on the presentation a person or a screen reader can get at."""
    texts = [("window title", window.windowTitle())]
    texts += widget_texts([window, *window.findChildren(QWidget)])
    round_ = window.audience
    assert round_ is not None
    for node_id, item in round_.scene.nodes.items():
        if item.isVisible():
            texts += [
                (f"node {node_id}", "\n".join(item.drawn_lines())),
                (f"node {node_id} tooltip", item.tooltip_text()),
            ]
    return texts


def leaks(window: PresentationWindow, tree: Tree) -> list[tuple[str, str]]:
    return [(where, text) for where, text in shown_texts(window) for o in tree.outcomes if o.text in text]


def state(window: PresentationWindow) -> tuple:  # type: ignore[type-arg]
    round_ = window.audience
    assert round_ is not None
    return (
        round_.scenario,
        round_.round.view,
        round_.kicker.text(),
        tuple(a.text() for a in round_.answers),
        round_.outcome.isVisible(),
        round_.scene.highlight,
    )


def test_q_runs_a_round_that_hides_the_outcome_until_the_clicker_reveals_it(qtbot, make_window) -> None:
    window = make_window()
    click_card(qtbot, window, 0)
    qtbot.keyClick(window, Qt.Key.Key_F5)
    shown = window.presenting.presenting
    qtbot.waitUntil(shown.isActiveWindow)
    tree = shown.presentation.tree
    round_ = start_round(qtbot, shown)
    assert round_.prompt.text() == "A shop slows during flash sales."
    assert [a.text() for a in round_.answers] == ["A   Yes", "B   No"]
    assert all(item.masked for item in round_.scene.nodes.values() if item.is_outcome)
    forward = [state(shown)]
    while not round_.round.at_end:
        if round_.round.stage != OUTCOME and not round_.outcome.isVisible():
            assert not leaks(shown, tree), (round_.round.state, leaks(shown, tree))
        key(qtbot, shown, Qt.Key.Key_PageDown)
        forward.append(state(shown))
    outcome = round_.round.outcome.text
    assert outcome == "CloudFront in front of the ALB"
    assert round_.outcome.isVisible() and round_.outcome.text() == outcome
    assert "CloudFront in front of the ALB" in "\n".join(round_.scene.nodes["cloudfront"].drawn_lines()).replace(
        "\n", " "
    )
    assert [s[1].stage for s in forward] == [ASK, REVEAL, ASK, REVEAL, OUTCOME, "explanation", "traps"]
    key(qtbot, shown, Qt.Key.Key_PageDown)  # at the end: the next scenario, outcomes masked again
    assert round_.scenario == 1 and round_.round.state == (0, ASK) and not leaks(shown, tree)
    assert round_.prompt.text() == "A UDP game needs fixed IPs."
    key(qtbot, shown, Qt.Key.Key_PageUp)
    assert state(shown) == forward[-1]
    backward = [state(shown)]
    for _ in range(len(forward) - 1):
        key(qtbot, shown, Qt.Key.Key_PageUp)
        backward.append(state(shown))
    assert backward == forward[::-1]
    assert not leaks(shown, tree) and all(i.masked for i in round_.scene.nodes.values() if i.is_outcome)
    shown.close()


def test_the_leak_check_is_not_blind(qtbot, present) -> None:  # noqa: F811 - the fixture
    """The same check finds the outcome once it is revealed."""
    tree = bundled()
    window = present(tree)
    round_ = start_round(qtbot, window)
    while round_.round.stage != OUTCOME:
        key(qtbot, window, Qt.Key.Key_PageDown)
    assert any(where.startswith("QLabel audienceOutcome") for where, _ in leaks(window, tree))
    assert any(where.startswith("node ") for where, _ in leaks(window, tree))


def test_a_workshop_runs_every_scenario_with_the_clicker_alone(qtbot, present) -> None:  # noqa: F811
    """PageDown through every scenario in turn (the end of one goes on to the next), '.' and B
    to blank, PageUp all the way back through the same states."""
    tree = bundled()
    window = present(tree)
    round_ = start_round(qtbot, window)
    routes = playable_routes(tree)
    assert len(routes) == 8
    forward = [state(window)]
    while not round_.session.at_end:
        if not round_.outcome.isVisible():
            assert not leaks(window, tree), leaks(window, tree)
        if len(forward) == 5:
            key(qtbot, window, Qt.Key.Key_Period)
            assert window.blanked and window.pages.currentWidget() is window.blank
            key(qtbot, window, Qt.Key.Key_PageDown)  # a step key only unblanks: back to the round
            assert not window.blanked and window.pages.currentWidget() is round_ and state(window) == forward[-1]
        key(qtbot, window, Qt.Key.Key_PageDown)
        forward.append(state(window))
    outcomes = [view.outcome for _, view, _, _, shown, _ in forward if view.stage == OUTCOME and shown]
    assert outcomes == [tree.nodes[r.scenario.expect].text for r in routes]
    assert round_.prompt.text() == " ".join(routes[-1].scenario.prompt.split())
    assert round_.hint.text().startswith("The end of the last scenario")
    key(qtbot, window, Qt.Key.Key_PageDown)
    assert state(window) == forward[-1]
    key(qtbot, window, Qt.Key.Key_B)
    key(qtbot, window, Qt.Key.Key_B)
    backward = [state(window)]
    for _ in range(len(forward) - 1):
        key(qtbot, window, Qt.Key.Key_PageUp)
        backward.append(state(window))
    assert backward == forward[::-1]


def test_q_and_digits_choose_the_scenario(qtbot, present) -> None:  # noqa: F811
    window = present(bundled())
    round_ = start_round(qtbot, window)
    for number in range(1, 8):
        key(qtbot, window, Qt.Key.Key_Q)
        assert round_.scenario == number and round_.kicker.text().startswith(f"SCENARIO {number + 1} OF 8")
    key(qtbot, window, Qt.Key.Key_Q)
    assert round_.scenario == 0, "Q goes round to the first scenario again"
    key(qtbot, window, Qt.Key.Key_3)
    assert round_.scenario == 2 and round_.round.state == (0, ASK)
    key(qtbot, window, Qt.Key.Key_9)  # there is no ninth: nothing changes
    assert round_.scenario == 2


def test_a_round_switched_away_from_keeps_its_place_and_tally(qtbot, present) -> None:  # noqa: F811
    window = present(bundled())
    round_ = start_round(qtbot, window)
    press(qtbot, window, Qt.Key.Key_T, Qt.Key.Key_4, Qt.Key.Key_Return, Qt.Key.Key_Return, Qt.Key.Key_PageDown)
    before = state(window)
    key(qtbot, window, Qt.Key.Key_2)
    assert round_.scenario == 1 and round_.round.state == (0, ASK) and not round_.chart.isVisible()
    key(qtbot, window, Qt.Key.Key_1)
    assert state(window) == before and round_.round.view.tally == (4, 0)


def test_typing_the_tally_shows_bars_with_letters_and_counts(qtbot, present) -> None:  # noqa: F811
    window = present(bundled())
    round_ = start_round(qtbot, window)
    assert not round_.chart.isVisible()
    key(qtbot, window, Qt.Key.Key_T)
    assert round_.entry is not None and round_.chart.isVisible()
    assert round_.chart_title.text().startswith("Type the votes for A")
    press(qtbot, window, Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_Tab, Qt.Key.Key_5)
    typing = [c for _, _, c in round_.chart.rows if c.accessibleDescription() == "typing"]
    assert len(typing) == 1 and typing[0].text() == "5▏ typing"
    key(qtbot, window, Qt.Key.Key_Return)  # Enter at the last letter keeps the tally
    assert round_.entry is None and round_.round.view.tally == (12, 5)
    rows = [(n.text(), c.text()) for n, _, c in round_.chart.rows if n.isVisible()]
    assert rows == [("A", "12 · 71%"), ("B", "5 · 29%")]
    assert round_.chart.rows[0][1].share == 1.0 and round_.chart.rows[1][1].share == pytest.approx(5 / 12)
    assert round_.chart_title.text().startswith("The room's votes (17 in all)")
    # Esc while typing cancels the typing only: the round and the presentation stay
    press(qtbot, window, Qt.Key.Key_T, Qt.Key.Key_9, Qt.Key.Key_Escape)
    assert round_.entry is None and window.audience is round_ and window.isVisible()
    assert round_.round.view.tally == (12, 5)
    # the reveal ticks the right answer beside its bar; the tally is kept back and forth
    key(qtbot, window, Qt.Key.Key_PageDown)
    assert [n.text() for n, _, _ in round_.chart.rows] == ["✓ A", "B"]
    assert round_.answers[0].text() == "✓ A   Yes — right" and round_.answers[0].accessibleDescription() == "right"
    key(qtbot, window, Qt.Key.Key_PageDown)
    assert not round_.chart.isVisible()
    key(qtbot, window, Qt.Key.Key_PageUp, times=2)
    assert [c.text() for _, _, c in round_.chart.rows] == ["12 · 71%", "5 · 29%"]


def test_a_click_on_an_answer_types_its_votes(qtbot, present) -> None:  # noqa: F811
    window = present(bundled())
    round_ = start_round(qtbot, window)
    qtbot.mouseClick(round_.answers[1], Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert round_.entry is not None and round_.entry.current == 1
    key(qtbot, window, Qt.Key.Key_8)
    key(qtbot, window, Qt.Key.Key_PageDown)  # a clicker's forward keeps what was typed
    assert round_.round.view.tally == (0, 8) and round_.round.stage == ASK


def test_c_starts_the_countdown_which_says_times_up_and_never_steps(qtbot, present) -> None:  # noqa: F811
    window = present(bundled())
    round_ = start_round(qtbot, window)
    assert not round_.countdown_label.isVisible()
    round_.countdown.seconds = 1.2
    key(qtbot, window, Qt.Key.Key_C)
    assert round_.countdown_label.isVisible() and round_.countdown_label.text() == "0:02"
    qtbot.waitUntil(lambda: round_.countdown_label.text() == "0:01", timeout=3000)
    qtbot.waitUntil(lambda: round_.countdown_label.text() == "Time's up", timeout=3000)
    assert round_.countdown_label.accessibleDescription() == "time's up"
    assert round_.round.state == (0, ASK) and not round_.timer.isActive()
    key(qtbot, window, Qt.Key.Key_C)  # again: a fresh countdown
    assert round_.countdown_label.text() == "0:02"
    key(qtbot, window, Qt.Key.Key_C)  # pause
    paused = round_.countdown_label.text()
    qtbot.wait(300)
    assert round_.countdown_label.text() == paused and not round_.countdown.running
    key(qtbot, window, Qt.Key.Key_PageDown, times=2)  # the next question: no countdown
    assert not round_.countdown_label.isVisible()


def test_esc_ends_the_round_and_the_slide_is_where_it_was(qtbot, present) -> None:  # noqa: F811
    tree = bundled()
    window = present(tree)
    key(qtbot, window, Qt.Key.Key_1)
    key(qtbot, window, Qt.Key.Key_PageDown)
    slide, text, lit = window.presentation.slide, window.node_text.text(), window.scene.highlight
    round_ = start_round(qtbot, window)
    key(qtbot, window, Qt.Key.Key_PageDown, times=3)
    assert window.console_view().now.startswith("Audience round")
    key(qtbot, window, Qt.Key.Key_Escape)
    assert window.audience is None and window.pages.currentWidget() is window.content and window.isVisible()
    assert window.presentation.slide == slide and window.node_text.text() == text and window.scene.highlight == lit
    assert not window.console_view().now.startswith("Audience round")
    qtbot.waitUntil(lambda: round_ is None or not round_.isVisible())
    key(qtbot, window, Qt.Key.Key_Escape)  # again: the presentation is left
    qtbot.waitUntil(lambda: not window.isVisible())


def test_a_tree_without_scenarios_says_so_and_changes_nothing(qtbot, present, tmp_path: Path) -> None:  # noqa: F811
    path = tmp_path / "bare.yaml"
    path.write_text(GOOD_TREE.split("scenarios:")[0], encoding="utf-8")
    tree = read_tree(path).tree
    assert tree is not None and not tree.scenarios
    window = present(tree)
    before = window.presentation.slide
    key(qtbot, window, Qt.Key.Key_Q)
    assert window.audience is None and window.pages.currentWidget() is window.content
    assert window.hint.text() == NO_SCENARIOS and window.hint.isVisible()
    assert window.presentation.slide == before


def test_every_visible_control_of_the_round_has_an_accessible_name(qtbot, present) -> None:  # noqa: F811
    window = present(bundled())
    round_ = start_round(qtbot, window)
    press(qtbot, window, Qt.Key.Key_T, Qt.Key.Key_Return, Qt.Key.Key_C, Qt.Key.Key_PageDown)
    unnamed = []
    for widget in round_.findChildren(QWidget):
        if not widget.isVisible() or isinstance(widget.parent(), QAbstractScrollArea):
            continue
        if widget in (round_.column, round_.side):
            continue  # containers, not controls
        if not widget.accessibleName():
            unnamed.append(f"{type(widget).__name__} {widget.objectName()}")
    assert not unnamed


def _clipped(widgets: list[QWidget], container: QWidget) -> list[str]:
    """Texts whose wrapped size is larger than their box, boxes outside their container, overlaps."""
    out = []
    for widget in widgets:
        box = QRect(widget.mapTo(container, QPoint(0, 0)), widget.size())
        if not container.rect().contains(box):
            out.append(f"{widget.objectName()} {box} outside {container.objectName()} {container.rect()}")
        if isinstance(widget, QLabel):
            inner = widget.contentsRect()
            flags = int(Qt.TextFlag.TextWordWrap) if widget.wordWrap() else 0
            needed = QFontMetrics(widget.font()).boundingRect(QRect(0, 0, inner.width(), 100000), flags, widget.text())
            if needed.height() > inner.height() or needed.width() > inner.width():
                out.append(f"{widget.objectName()} needs {needed.size()} in {inner.size()}: {widget.text()[:40]}")
        elif isinstance(widget, PresentMarkdown):
            doc, viewport = widget.document().size(), widget.viewport().size()
            if doc.height() > viewport.height() + 1 or doc.width() > viewport.width() + 1:
                out.append(f"{widget.objectName()} needs {doc} in {viewport}")
    boxes = sorted(
        (QRect(w.mapTo(container, QPoint(0, 0)), w.size()) for w in widgets), key=lambda r: (r.top(), r.left())
    )
    out += [f"{a} overlaps {b}" for a, b in pairwise(boxes) if a.intersects(b)]
    return out


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("name", [p.stem for p in sorted(bundled_trees_dir().glob("*.yaml"))])
def test_every_text_of_a_round_fits_its_box_at_1080p_and_720p(qtbot, present, name: str, size) -> None:  # noqa: F811
    tree = bundled(name)
    window = present(tree, size)
    round_ = start_round(qtbot, window)
    problems: list[str] = []
    for number in range(len(round_.routes)):
        round_.choose_scenario(number)
        round_.refresh()
        while True:
            if round_.round.stage == ASK:  # the largest question slide: a tally of thousands, a countdown
                round_.round.set_tallies([12345] * len(round_.round.view.answers))
                round_.countdown.toggle()
                round_.refresh()
            qtbot.wait(1)
            window.grab()
            where = f"{number}/{round_.round.state}"
            problems += [f"{where}: {c}" for c in _clipped(round_.texts(), round_.column)]
            chart = [w for w in round_.side_texts() if w.parent() is round_.chart]
            problems += [f"{where}: {c}" for c in _clipped(chart, round_.chart)]
            heads = [w for w in round_.side_texts() if w.parent() is not round_.chart]
            problems += [f"{where}: {c}" for c in _clipped(heads, round_.side)]
            if not round_.round.forward():
                break
            round_.refresh()
    assert not problems, "\n".join(problems)


def test_the_shortcut_sheet_lists_the_keys_of_a_round() -> None:
    sections = dict(KEYS)
    assert ("Q", "an audience round on the tree's scenarios") in sections["Presenting (F5)"]
    listed = {keys for keys, _ in sections["An audience round (Q while presenting)"]}
    assert {"PageDown, Right or Space", "PageUp or Left", "T", "C", "Q", "1–9", "B or .", "Esc"} <= listed


@pytest.mark.parametrize("name", ["bright-room", "high-contrast"])
def test_a_round_follows_the_presentation_theme(qtbot, present, name: str) -> None:  # noqa: F811
    window = present(bundled())
    round_ = start_round(qtbot, window)
    key(qtbot, window, Qt.Key.Key_PageDown)
    theme = presentation_theme(name)
    assert theme is not None
    window.set_theme(theme)
    sheet = round_.styleSheet()
    for colour in ("background", "text", "chosen_bg"):
        assert theme.colours[colour] in sheet, colour
    assert round_.scene.theme is theme and round_.scene.style.background == window.scene.style.background
    assert round_.answers[0].text().startswith("✓")


def test_the_console_follows_the_round_and_its_keys_drive_it(qtbot) -> None:
    from tests.ui.present.test_console import open_both

    window, console = open_both(qtbot)
    key(qtbot, console, Qt.Key.Key_Q)  # pressed on the console, the round starts on the room's screen
    round_ = window.audience
    assert round_ is not None and window.pages.currentWidget() is round_
    assert console.now.text().startswith("Audience round, scenario 1 of 8")
    assert "Reveal: A (Yes)" in console.next.text()
    assert "Amazon CloudFront in front of the ALB" in console.notes.toPlainText(), "the presenter sees the outcome"
    assert not leaks(window, window.presentation.tree)
    key(qtbot, console, Qt.Key.Key_PageDown)
    assert round_.round.stage == REVEAL and console.now.text().endswith("right answer A revealed")
    key(qtbot, console, Qt.Key.Key_T)
    key(qtbot, console, Qt.Key.Key_7)
    key(qtbot, console, Qt.Key.Key_Return)
    key(qtbot, console, Qt.Key.Key_Return)
    assert round_.round.view.tally == (7, 0)
    key(qtbot, console, Qt.Key.Key_T)
    key(qtbot, console, Qt.Key.Key_Escape)  # cancels the typing only
    assert round_.entry is None and window.audience is round_ and console.isVisible()
    key(qtbot, console, Qt.Key.Key_Escape)  # ends the round: the slide again, the console stays
    assert window.audience is None and window.pages.currentWidget() is window.content
    assert console.isVisible() and not console.now.text().startswith("Audience round")
    key(qtbot, console, Qt.Key.Key_Escape)  # leaves both
    qtbot.waitUntil(lambda: not window.isVisible() and not console.isVisible())


def test_the_notes_overlay_the_room_also_sees_keeps_the_round_secret(qtbot, present) -> None:  # noqa: F811
    tree = bundled()
    window = present(tree, (1280, 720))
    key(qtbot, window, Qt.Key.Key_N)  # the one-screen notes, before the round starts
    start_round(qtbot, window)
    overlay = window.notes_overlay
    assert overlay.isVisible()
    window.grab()
    top = window.childAt(overlay.geometry().center())
    assert top is overlay or overlay.isAncestorOf(top), "the overlay lies over the round's page"
    texts = "\n".join(text for _, text in widget_texts([overlay, *overlay.findChildren(QWidget)]))
    assert "Reveal the right answer" in texts and "Scenario" in texts
    assert not leaks(window, tree), leaks(window, tree)
    key(qtbot, window, Qt.Key.Key_PageDown)  # the reveal: now the notes may name the right answer
    texts = "\n".join(text for _, text in widget_texts([overlay, *overlay.findChildren(QWidget)]))
    assert "Right answers" in texts and "Reveal the outcome" in texts
    assert not leaks(window, tree), leaks(window, tree)
    key(qtbot, window, Qt.Key.Key_PageDown)
    assert any(where.startswith("QLabel audienceOutcome") for where, _ in leaks(window, tree))


def test_with_two_right_answers_both_are_ticked_and_the_one_followed_is_named(qtbot, present) -> None:  # noqa: F811
    window = present(bundled("data-transfer"))
    round_ = start_round(qtbot, window)
    number = next(i for i, r in enumerate(round_.routes) if any(len(v) == 2 for v in r.right.values()))
    key(qtbot, window, Qt.Key(Qt.Key.Key_1 + number))
    while not round_.round.view.followed:
        key(qtbot, window, Qt.Key.Key_PageDown)
    ticked = [a.text() for a in round_.answers if a.accessibleDescription() == "right"]
    assert len(ticked) == 2 and all(t.startswith("✓") and t.endswith("— right") for t in ticked)
    assert round_.followed.isVisible()
    assert round_.followed.text() == f"Both lead there; the round goes on with {round_.round.view.followed}"
