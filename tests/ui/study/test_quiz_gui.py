"""The quiz in the window, driven the way a learner drives it: clicks and keys."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QTextEdit, QWidget

from tests.ui.conftest import click_card
from trainer.core.model import Question
from trainer.infra.paths import history_file
from trainer.study.items import KINDS
from trainer.ui.study.quiz_setup import SCOPE_ALL, SCOPE_TREE, QuizSettings, QuizSetup

OUTCOME_TEXTS = ("CloudFront in front of the ALB", "Global Accelerator")
SEED = 7

# A quiz asks each outcome once, so a quiz of eight items of every kind needs a tree of eight
# outcomes: the edge tree of the fixture library has two.
WIDE_TREE = """\
format: 1
id: wide
title: A wide tree
start: http
nodes:
  http:
    question: Is the traffic HTTP?
    help: Web pages and APIs are HTTP.
    answers:
      - {label: "Yes", next: cached}
      - {label: "No", next: private}
  cached:
    question: Can responses be cached?
    help: Static files can.
    answers:
      - {label: "Yes", next: static}
      - {label: "No", next: rules}
  static:
    question: Is the whole site static files?
    help: No server code at all.
    answers:
      - {label: "Yes", next: website}
      - {label: "No", next: cdn}
  rules:
    question: Must requests be routed by path?
    help: Paths such as /api and /img.
    answers:
      - {label: "Yes", next: alb}
      - {label: "No", next: nlb}
  private:
    question: Does traffic come from your own data centre?
    help: Not from users on the internet.
    answers:
      - {label: "Yes", next: dedicated}
      - {label: "No", next: udp}
  dedicated:
    question: Must the link avoid the internet?
    help: A dedicated line.
    answers:
      - {label: "Yes", next: dx}
      - {label: "No", next: vpn}
  udp:
    question: Is the traffic under attack?
    help: Floods of packets.
    answers:
      - {label: "Yes", next: shield}
      - {label: "No", next: accelerator}
  website:
    outcome: Amazon S3 static website
    explanation: Files served from a bucket.
  cdn:
    outcome: Amazon CloudFront distribution
    explanation: Edge caches.
  alb:
    outcome: Application Load Balancer
    explanation: Layer 7 routing.
  nlb:
    outcome: Network Load Balancer
    explanation: Layer 4.
  dx:
    outcome: AWS Direct Connect
    explanation: A dedicated line.
  vpn:
    outcome: Site-to-Site VPN tunnels
    explanation: Encrypted tunnels over the internet.
  shield:
    outcome: AWS Shield Advanced
    explanation: DDoS response team.
  accelerator:
    outcome: AWS Global Accelerator
    explanation: Static IPs and fast regional failover.
scenarios:
  - {prompt: A brochure site has no server code., expect: website}
  - {prompt: A shop wants its API routed by path., expect: alb}
  - {prompt: A bank links its data centre over a private line., expect: dx}
  - {prompt: A game server is flooded by attackers., expect: shield}
"""
WIDE_OUTCOMES = (
    "Amazon S3 static website",
    "Amazon CloudFront distribution",
    "Application Load Balancer",
    "Network Load Balancer",
    "AWS Direct Connect",
    "Site-to-Site VPN tunnels",
    "AWS Shield Advanced",
    "AWS Global Accelerator",
)


@pytest.fixture
def wide_window(make_window, tmp_path: Path):  # type: ignore[no-untyped-def]
    folder = tmp_path / "wide"
    folder.mkdir()
    (folder / "wide.yaml").write_text(WIDE_TREE, encoding="utf-8")
    return lambda: make_window([folder])


def start_quiz(qtbot, window, monkeypatch, **settings):  # type: ignore[no-untyped-def]
    """Quiz > Start Quiz… (by its shortcut) with the dialog answered by `settings`."""
    qtbot.waitUntil(lambda: not window.loading, timeout=30_000)  # a large library is read in the background first
    chosen = QuizSettings(**{"scope": SCOPE_TREE, "seed": SEED, **settings})
    monkeypatch.setattr(QuizSetup, "ask", staticmethod(lambda *_args: chosen))
    click_card(qtbot, window, 0)
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: window.quiz.mode == "question")
    return window.quiz


def right_index(pane) -> int:  # type: ignore[no-untyped-def]
    """The index of the right option (or, for a walk, of the answer that stays on the right path)."""
    session = pane.session
    item = session.current
    if item.kind != "walk":
        return item.right_option
    tree = session.quiz.trees[item.tree_id]
    question = next(tree.nodes[n] for n in item.right_path if tree.nodes[n].text == pane.question_page.question.text())
    assert isinstance(question, Question)
    after = item.right_path[item.right_path.index(question.id) + 1]
    return next(i for i, a in enumerate(question.answers) if a.next == after)


def wrong_index(pane) -> int:  # type: ignore[no-untyped-def]
    """A wrong option; for a walk, an answer from which the expected outcome cannot be reached
    (or, where every answer can still reach it, the right one: the wrong turn comes later)."""
    session = pane.session
    item = session.current
    if item.kind == "walk":
        tree = session.quiz.trees[item.tree_id]
        question = next(n for n in tree.nodes.values() if n.text == pane.question_page.question.text())
        leads = session._facts[item.tree_id].leads_to(item.expect)  # test knowledge of the engine
        dead = [i for i, a in enumerate(question.answers) if a.next not in leads]
        return dead[0] if dead else right_index(pane)  # stay on the path until a wrong turn exists
    right = right_index(pane)
    return 1 if right == 0 else 0


def click_option(qtbot, pane, index: int) -> None:  # type: ignore[no-untyped-def]
    button = pane.question_page.option_buttons[index]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))


def press_digit(qtbot, window, index: int) -> None:  # type: ignore[no-untyped-def]
    """Answer with the keyboard: the digit picks the option, Enter confirms it."""
    qtbot.keyClick(window, getattr(Qt.Key, f"Key_{index + 1}"))
    qtbot.keyClick(window, Qt.Key.Key_Return)


def answer_item(qtbot, window, right: bool = True, keys: bool = False) -> None:  # type: ignore[no-untyped-def]
    """Answer the item on screen (every question of a walk), right or wrong."""
    pane = window.quiz
    number = pane.session.index
    while pane.mode == "question" and pane.session.index == number:
        index = right_index(pane) if right else wrong_index(pane)
        if keys:
            press_digit(qtbot, window, index)
        else:
            click_option(qtbot, pane, index)


def next_item(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    assert window.quiz.mode == "feedback"
    qtbot.keyClick(window, Qt.Key.Key_Return)


@pytest.mark.parametrize("kind", KINDS)
def test_a_full_quiz_of_each_kind(qtbot, make_window, monkeypatch, kind: str) -> None:
    window = make_window()
    pane = start_quiz(qtbot, window, monkeypatch, kind=kind)
    assert window.centre.currentWidget() is pane and not window.study.isVisible()
    total = len(pane.session.quiz)
    assert total == 2  # two scenarios, two outcomes in the fixture tree
    assert pane.progress.text().startswith(f"Item 1 of {total}")
    answer_item(qtbot, window, right=True, keys=False)
    assert pane.feedback_page.verdict.text() == "✓ Right"
    assert pane.feedback_page.right.text().startswith("Right outcome: ")
    next_item(qtbot, window)
    assert pane.progress.text().startswith(f"Item 2 of {total}")
    answer_item(qtbot, window, right=False, keys=True)
    assert pane.feedback_page.verdict.text() == "✗ Wrong"
    qtbot.mouseClick(pane.feedback_page.next_button, Qt.MouseButton.LeftButton)
    assert pane.mode == "end"
    assert pane.end_page.score.text() == "Score: 1 of 2 (50%)"
    assert pane.end_page.review.count() == 2
    assert pane.end_page.review.item(0).text().startswith("✓ Right · 1.")
    assert pane.end_page.review.item(1).text().startswith("✗ Wrong · 2.")


def test_walk_feedback_names_the_first_wrong_step_and_its_note(qtbot, make_window, monkeypatch) -> None:
    window = make_window()
    pane = start_quiz(qtbot, window, monkeypatch, kind="walk")
    while pane.session.current.expect != "accelerator":
        answer_item(qtbot, window)
        next_item(qtbot, window)
    assert pane.question_page.prompt.text() == "A UDP game needs fixed IPs."
    assert pane.question_page.question.text() == "Is the traffic HTTP?"
    qtbot.keyClick(window, Qt.Key.Key_1)  # picks "Yes": nothing is answered before Enter
    assert pane.question_page.trail.text() == "" and pane.question_page.picked.isVisible()
    qtbot.keyClick(
        window, Qt.Key.Key_Return
    )  # "Yes": leaves the quickest path, but Global Accelerator is still reachable
    assert pane.question_page.trail.text() == "Your answers so far:\n• Is the traffic HTTP?: Yes"
    qtbot.keyClick(window, Qt.Key.Key_2)
    qtbot.keyClick(window, Qt.Key.Key_1)  # a second digit changes the pick
    qtbot.keyClick(window, Qt.Key.Key_Enter)  # "Yes": spikes -> CloudFront, wrong
    page = pane.feedback_page
    assert page.verdict.text() == "✗ Wrong"
    assert page.answer.text() == "Your answer: CloudFront in front of the ALB"
    assert page.right.text() == "Right outcome: Global Accelerator"
    assert "Must it absorb sudden spikes in requests?" in page.wrong_step.text()
    assert page.explanation.toPlainText().startswith("Static IPs")


def test_end_screen_review_lights_the_right_path(qtbot, wide_window, monkeypatch) -> None:
    window = wide_window()
    pane = start_quiz(qtbot, window, monkeypatch, kind=None)
    total = len(pane.session.quiz)
    assert total == 8
    answer_item(qtbot, window, right=False)
    next_item(qtbot, window)
    for _ in range(total - 1):
        answer_item(qtbot, window, keys=True)
        next_item(qtbot, window)
    end = pane.end_page
    assert pane.mode == "end"
    assert end.score.text() == "Score: 7 of 8 (88%)"
    assert end.counts.text() == "✓ 7 right · ✗ 1 wrong"
    assert end.time.text().startswith("Time: 0:") and end.time.text().endswith(f"seed {SEED}")
    results = pane.results
    end.review.setCurrentRow(3)
    fb = results.items[3]
    assert window.graph.scene.highlight.nodes == frozenset(fb.right_path)
    assert window.graph.scene.highlight.current is None  # no "you are here" on the results (#14)
    assert end.detail.right.text() == f"Right outcome: {fb.right_outcome_text}"
    assert fb.explanation.split("<")[0].strip() in end.detail.explanation.toPlainText()
    # the end screen lifts the mask
    assert not window.graph.scene.masked
    assert all(item.drawn_lines() for item in window.graph.scene.nodes.values())
    qtbot.mouseClick(end.back_button, Qt.MouseButton.LeftButton)
    assert window.centre.currentWidget() is window.study and not pane.active
    assert window.windowTitle().startswith("A wide tree")
    assert window.library_panel.isEnabled()


def test_retry_the_ones_i_missed(qtbot, wide_window, monkeypatch) -> None:
    window = wide_window()
    pane = start_quiz(qtbot, window, monkeypatch, kind=None, count=4)
    keys = pane.session.quiz.keys
    missed = []
    for number in range(4):
        right = number % 2 == 0
        if not right:
            missed.append(pane.session.current.key)
        answer_item(qtbot, window, right=right)
        next_item(qtbot, window)
    assert pane.end_page.retry_button.isEnabled()
    qtbot.mouseClick(pane.end_page.retry_button, Qt.MouseButton.LeftButton)
    assert pane.mode == "question"
    assert list(pane.session.quiz.keys) == missed == [keys[1], keys[3]]
    assert pane.progress.text().startswith("Item 1 of 2")
    for _ in range(2):
        answer_item(qtbot, window)
        next_item(qtbot, window)
    assert pane.end_page.score.text() == "Score: 2 of 2 (100%)"
    assert not pane.end_page.retry_button.isEnabled()


def test_escape_ends_with_a_partial_score(qtbot, wide_window, monkeypatch) -> None:
    window = wide_window()
    pane = start_quiz(qtbot, window, monkeypatch, kind=None)
    answer_item(qtbot, window)
    next_item(qtbot, window)
    answer_item(qtbot, window, keys=True)
    next_item(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert pane.mode == "end"
    assert pane.end_page.score.text() == "Score: 2 of 8 (25%)"
    assert "6 not reached (of the answered items: 100%)" in pane.end_page.counts.text()
    assert pane.end_page.review.item(2).text().startswith("– Not answered · 3.")
    assert pane.results.answered == 2 and pane.results.unanswered == 6


def test_a_hint_halves_the_score(qtbot, make_window, monkeypatch) -> None:
    window = make_window()
    pane = start_quiz(qtbot, window, monkeypatch, kind="choice")
    page = pane.question_page
    assert not page.hint.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_H)
    assert page.hint.isVisible()
    assert "Start with: Is the traffic HTTP?" in page.hint.toPlainText()
    ruled_out = pane.session.view().ruled_out
    assert ruled_out and all(not page.option_buttons[i].isEnabled() for i in ruled_out)
    for index, button in enumerate(page.option_buttons):  # struck through and described, not only greyed
        out = index in ruled_out
        assert button.text_label.font().strikeOut() is out and button.font().strikeOut() is out
        assert button.accessibleDescription() == ("ruled out by the hint" if out else "")
        assert button.toolTip() == ("Ruled out by the hint" if out else "")
        assert button.accessibleName().endswith(", ruled out by the hint") is out
    assert not page.hint_button.isEnabled()
    press_digit(qtbot, window, ruled_out[0])  # a struck-out option cannot be picked
    assert pane.mode == "question"
    answer_item(qtbot, window, keys=True)
    assert pane.feedback_page.verdict.text() == "✓ Right"
    assert pane.feedback_page.score.text() == "0.5 points (hint used)"
    next_item(qtbot, window)
    answer_item(qtbot, window)
    next_item(qtbot, window)
    assert pane.end_page.score.text() == "Score: 1.5 of 2 (75%)"


def test_a_walk_hint_is_the_questions_help(qtbot, make_window, monkeypatch) -> None:
    window = make_window()
    pane = start_quiz(qtbot, window, monkeypatch, kind="walk")
    qtbot.mouseClick(pane.question_page.hint_button, Qt.MouseButton.LeftButton)
    assert pane.question_page.hint.toPlainText().strip() == "Think about protocols."
    answer_item(qtbot, window)
    assert pane.feedback_page.score.text() == "0.5 points (hint used)"


def test_exam_mode_shows_feedback_only_at_the_end(qtbot, wide_window, monkeypatch) -> None:
    window = wide_window()
    pane = start_quiz(qtbot, window, monkeypatch, kind=None, exam=True)
    assert not pane.running_score.isVisible()
    for number in range(1, 9):
        assert pane.mode == "question"
        assert pane.progress.text().startswith(f"Item {number} of 8")
        assert not pane.feedback_page.isVisible()
        answer_item(qtbot, window, right=number != 3, keys=number % 2 == 0)
    assert pane.mode == "end"
    assert pane.end_page.score.text() == "Score: 7 of 8 (88%)"
    assert pane.end_page.review.item(2).text().startswith("✗ Wrong · 3.")


def test_a_time_limit_counts_down_and_times_out(qtbot, make_window, monkeypatch) -> None:
    now = [1000.0]
    window = make_window()
    window.quiz.clock = lambda: now[0]
    pane = start_quiz(qtbot, window, monkeypatch, kind="path", time_limit=30)
    assert pane.countdown.text() == "Time left: 30 s"
    now[0] += 12.5
    qtbot.waitUntil(lambda: pane.countdown.text() == "Time left: 18 s")
    now[0] += 20
    qtbot.waitUntil(lambda: pane.mode == "feedback")
    assert pane.feedback_page.verdict.text() == "✗ Time ran out"
    assert pane.countdown.text() == ""


# ---------------------------------------------------------------- nothing leaks


def widget_texts(widgets: Iterable[QWidget]) -> list[tuple[str, str]]:
    """What people and screen readers get from the visible ones of `widgets`: texts, tool tips,
    accessible names and descriptions, each with where it was found."""
    texts = []
    for widget in widgets:
        if not widget.isVisible():
            continue
        name = f"{type(widget).__name__} {widget.objectName()}"
        texts += [
            (name + " tooltip", widget.toolTip()),
            (name + " accessible", widget.accessibleName()),
            (name + " accessible description", widget.accessibleDescription()),
        ]
        if isinstance(widget, (QLabel, QAbstractButton)):
            texts.append((name, widget.text()))
        elif isinstance(widget, QTextEdit):
            texts.append((name, widget.toPlainText()))
    return texts


def _shown_texts(window, pane) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """Every text on screen that is not a legitimate option or prompt of the current item."""
    kind = pane.session.current.kind
    allowed: list[QWidget] = []
    if kind in ("choice", "path"):
        allowed += pane.question_page.option_buttons
    if kind == "reverse":
        allowed.append(pane.question_page.prompt)

    def is_allowed(widget: QWidget) -> bool:
        return any(widget is a or a.isAncestorOf(widget) for a in allowed)

    texts = [("window title", window.windowTitle())]
    texts += widget_texts(w for w in [window, *window.findChildren(QWidget)] if not is_allowed(w))
    for action in window.menuBar().actions():
        texts.append(("menu", action.text()))
    for node_id, item in window.graph.scene.nodes.items():
        texts += [(f"node {node_id}", "\n".join(item.drawn_lines())), (f"node {node_id} tooltip", item.tooltip_text())]
    outline = window.outline
    rows = [outline.topLevelItem(i) for i in range(outline.topLevelItemCount())]
    while rows:
        row = rows.pop()
        texts += [
            ("outline", row.text(0)),
            ("outline tooltip", row.toolTip(0)),
            ("outline accessible", str(row.data(0, Qt.ItemDataRole.AccessibleTextRole))),
        ]
        rows += [row.child(i) for i in range(row.childCount())]
    return texts


def _assert_no_outcome_text(window, pane, outcomes=OUTCOME_TEXTS) -> None:  # type: ignore[no-untyped-def]
    leaks = [(where, text) for where, text in _shown_texts(window, pane) for o in outcomes if o in text]
    assert not leaks, leaks


@pytest.mark.parametrize("exam", [False, True])
def test_no_outcome_text_on_screen_while_an_item_is_unanswered(qtbot, wide_window, monkeypatch, exam: bool) -> None:
    window = wide_window()
    pane = start_quiz(qtbot, window, monkeypatch, kind=None, exam=exam)
    graph_outcomes = [i for i in window.graph.scene.nodes.values() if i.is_outcome]
    assert graph_outcomes and all(i.masked for i in graph_outcomes)
    kinds = set()
    while pane.mode == "question":
        kinds.add(pane.session.current.kind)
        _assert_no_outcome_text(window, pane, WIDE_OUTCOMES)
        if pane.session.current.kind == "walk":
            press_digit(qtbot, window, right_index(pane))  # a walk's later questions are checked too
            if pane.mode == "question":
                _assert_no_outcome_text(window, pane, WIDE_OUTCOMES)
        answer_item(qtbot, window, right=False)
        if pane.mode == "feedback":
            next_item(qtbot, window)
    assert kinds == set(KINDS)
    assert pane.mode == "end"


def test_the_check_would_see_outcome_text(qtbot, make_window) -> None:
    """The leak walker is not blind: in study mode an outcome on screen is found."""
    window = make_window()
    click_card(qtbot, window, 0)
    qtbot.keyClick(window, Qt.Key.Key_2)
    texts = [("label", w.text()) for w in window.findChildren(QLabel) if w.isVisible()]
    assert any("Global Accelerator" in t for _, t in texts)
    nodes = window.graph.scene.nodes
    assert "CloudFront in front of the ALB" in nodes["cloudfront"].tooltip_text()


# ---------------------------------------------------------------- history


def _history_path() -> Path:
    return history_file()


def test_attempts_are_recorded(qtbot, wide_window, monkeypatch) -> None:
    window = wide_window()
    pane = start_quiz(qtbot, window, monkeypatch, kind=None, count=4)
    keys = pane.session.quiz.keys
    answer_item(qtbot, window, right=False)
    next_item(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_H)
    answer_item(qtbot, window)
    next_item(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not pane.notice.isVisible()
    db = sqlite3.connect(_history_path())
    try:
        rows = db.execute(
            "SELECT tree_id, item_key, kind, correct, score, hint_used, timed_out, duration_s FROM attempts ORDER BY id"
        ).fetchall()
    finally:
        db.close()
    assert [r[1] for r in rows] == list(keys[:2])
    assert [r[0] for r in rows] == ["wide", "wide"]
    assert [r[2] for r in rows] == [k.split(":")[1] for k in keys[:2]]
    assert [(r[3], r[4]) for r in rows] == [(0, 0.0), (1, 0.5)]
    assert [r[6] for r in rows] == [0, 0]
    assert all(r[7] is not None and r[7] >= 0 for r in rows)


def test_a_broken_history_says_so_and_the_quiz_runs(qtbot, make_window, monkeypatch) -> None:
    path = _history_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"this is not a database, just garbage " * 100)
    window = make_window()
    pane = start_quiz(qtbot, window, monkeypatch, kind="path")
    assert pane.notice.isVisible()
    assert "not being recorded" in pane.notice.text()
    for _ in range(2):
        answer_item(qtbot, window, keys=True)
        next_item(qtbot, window)
    assert pane.end_page.score.text() == "Score: 2 of 2 (100%)"
    assert path.read_bytes().startswith(b"this is not a database")


def test_all_trees_scope_and_an_empty_quiz(qtbot, make_window, monkeypatch) -> None:
    window = make_window()
    pane = start_quiz(qtbot, window, monkeypatch, scope=SCOPE_ALL, kind="reverse")
    assert len(pane.session.quiz) == 2
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    qtbot.mouseClick(pane.end_page.back_button, Qt.MouseButton.LeftButton)
    monkeypatch.setattr(QuizSetup, "ask", staticmethod(lambda *_a: QuizSettings(scope="tag", tag="nothing", seed=1)))
    window.quiz_action.trigger()
    assert not pane.active
    assert "no items" in window.statusBar().currentMessage()


def test_setup_dialog_gives_its_settings(qtbot) -> None:
    dialog = QuizSetup(["networking"], has_tree=True)
    qtbot.addWidget(dialog)
    dialog.scope.setCurrentIndex(2)
    dialog.count.setValue(5)
    dialog.kind.setCurrentIndex(3)
    dialog.exam_mode.setChecked(True)
    dialog.time_limit.setValue(20)
    dialog.seed.setText("42")
    assert dialog.settings() == QuizSettings(
        scope="tag", tag="networking", count=5, kind="path", exam=True, time_limit=20, seed=42
    )
    assert dialog.seed.text().isdigit()
    QApplication.processEvents()


def test_a_prompt_wrapped_in_the_file_reads_as_one_paragraph(qtbot, make_window, monkeypatch, library_dir) -> None:  # type: ignore[no-untyped-def]
    path = library_dir / "a-edge.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "  - prompt: A shop slows during flash sales.",
            "  - prompt: |\n      A shop slows\n      during flash sales.\n\n      Every sale.",
        ),
        encoding="utf-8",
    )
    window = make_window()
    pane = start_quiz(qtbot, window, monkeypatch, kind="choice")
    shown = pane.question_page.prompt.text()
    while "shop" not in shown:
        answer_item(qtbot, window)
        next_item(qtbot, window)
        shown = pane.question_page.prompt.text()
    assert shown == "A shop slows during flash sales.\n\nEvery sale."
    answer_item(qtbot, window)
    assert pane.feedback_page.prompt.text().startswith("A shop slows during flash sales.\n\nEvery sale.")


def test_a_node_described_before_the_quiz_is_not_named_during_it(qtbot, make_window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    click_card(qtbot, window, 0)
    window.graph.select_node("accelerator")
    assert "Global Accelerator" in window.graph.view.accessibleDescription()
    start_quiz(qtbot, window, monkeypatch, kind="path")
    assert "Global Accelerator" not in window.graph.view.accessibleDescription()


ROUTE_TREE = WIDE_TREE.replace(
    """      - {label: "No", next: private}""",
    """      - {label: "No", next: private}
      - {label: "It is routed by path", next: alb}""",
).replace(
    "  - {prompt: A shop wants its API routed by path., expect: alb}",
    "  - {prompt: A shop wants its API routed by path., expect: alb, route: [http, cached, rules]}",
)


def test_a_walk_to_the_right_outcome_by_the_wrong_route_is_wrong_and_says_where(
    qtbot, make_window, monkeypatch, tmp_path: Path
) -> None:
    folder = tmp_path / "routes"
    folder.mkdir()
    (folder / "wide.yaml").write_text(ROUTE_TREE, encoding="utf-8")
    window = make_window([folder])
    pane = start_quiz(qtbot, window, monkeypatch, kind="walk")
    while pane.session.current.expect != "alb":
        answer_item(qtbot, window)
        next_item(qtbot, window)
    press_digit(
        qtbot, window, 2
    )  # "It is routed by path": straight to the right outcome, by a route the facts rule out
    page = pane.feedback_page
    assert page.verdict.text() == "✗ Wrong" and page.answer.text() == "Your answer: Application Load Balancer"
    assert page.wrong_step.isVisible()
    assert page.wrong_step.text() == (
        "You reached the right outcome by a route the scenario rules out: at “Is the traffic "
        "HTTP?” you answered “It is routed by path”; the scenario's facts point to “Yes”."
    )
    assert window.graph.scene.highlight.nodes == frozenset(("http", "cached", "rules", "alb"))  # the route, lit
