"""The audience round: the right path revealed step by step, outcomes hidden until revealed,
tallies kept, broken scenarios skipped, and the vote's countdown on a fake clock."""

from __future__ import annotations

import itertools

import networkx as nx
import pytest

from tests.tree_texts import CLEAN_TREE, dedent
from trainer.core.graph import to_digraph
from trainer.core.library import read_tree
from trainer.core.loader import load_tree_text
from trainer.core.model import Outcome, Question, Tree
from trainer.infra.paths import bundled_trees_dir
from trainer.present.audience import (
    ASK,
    NO_SCENARIOS,
    NONE_PLAYABLE,
    REVEAL,
    AudienceRound,
    AudienceSession,
    RoundView,
    bars,
    playable_routes,
    unavailable,
)
from trainer.present.console_view import audience_console_view
from trainer.present.presentation import EXPLANATION, OUTCOME, TRAPS
from trainer.present.vote import Countdown, TallyEntry
from trainer.study.building import build_quiz
from trainer.study.feedback import RIGHT
from trainer.study.scenario_routes import scenario_routes

# A diamond (two right answers at 'size'), a loop back to the start, and broken scenarios.
TRICKY = """\
format: 1
id: tricky
title: Tricky
start: size
nodes:
  size:
    question: How big is it?
    help: Count the **rows**.
    answers:
      - label: Small
        next: cheap
        note: Small is simple.
      - label: Medium
        next: load
        note: Medium still fits.
      - label: Huge
        next: sharded
  load:
    question: Is the load steady?
    answers:
      - label: "Yes"
        next: cheap
        note: Steady load stays cheap.
      - label: "No"
        next: size
        note: Think again about the size.
  cheap:
    outcome: One small instance
    explanation: It fits on one machine.
    not:
      - option: A cluster
        why: Too much for the load.
  sharded:
    outcome: A sharded cluster
scenarios:
  - prompt: A club's member list.
    expect: cheap
  - prompt: Points to nowhere.
    expect: missing
  - prompt: Names a question.
    expect: load
  - prompt: A planet-scale log.
    expect: sharded
"""

UNREACHABLE = """\
format: 1
id: unreachable
title: Unreachable
start: q
nodes:
  q:
    question: Which?
    answers:
      - label: A
        next: a
  a:
    outcome: Reached
  island:
    outcome: Never reached
scenarios:
  - prompt: Only the island.
    expect: island
"""

LOOP = """\
format: 1
id: loop
title: Loop
start: q1
nodes:
  q1:
    question: Go on?
    answers:
      - label: "Yes"
        next: q2
      - label: "No"
        next: out
  q2:
    question: Done yet?
    answers:
      - label: Again
        next: q1
      - label: Done
        next: done
  out:
    outcome: Stopped early
  done:
    outcome: Finished
scenarios:
  - prompt: Finish the job.
    expect: done
  - prompt: Stop now.
    expect: out
"""

NO_SCENARIO_TREE = UNREACHABLE[: UNREACHABLE.index("scenarios:")]


def load(text: str) -> Tree:
    tree = load_tree_text(dedent(text)).tree
    assert tree is not None
    return tree


def trees() -> list[Tree]:
    out = [load(CLEAN_TREE), load(TRICKY), load(LOOP)]
    for path in sorted(bundled_trees_dir().glob("*.yaml")):
        tree = read_tree(path).tree
        assert tree is not None
        out.append(tree)
    return out


def rounds() -> list[AudienceRound]:
    return [AudienceRound(tree, route) for tree in trees() for route in playable_routes(tree)]


def play(round_: AudienceRound) -> list[tuple[tuple[int, str], RoundView]]:
    states = [(round_.state, round_.view)]
    while round_.forward():
        states.append((round_.state, round_.view))
    assert round_.at_end
    return states


def test_every_bundled_tree_has_rounds() -> None:
    for tree in trees():
        assert playable_routes(tree), tree.id


def test_forward_to_the_end_and_back_passes_the_same_views_in_reverse() -> None:
    for round_ in rounds():
        forward = play(round_)
        assert not round_.forward() and round_.at_end
        backward = [(round_.state, round_.view)]
        while round_.back():
            backward.append((round_.state, round_.view))
        assert backward == forward[::-1], round_.route.scenario.prompt
        assert round_.state == (0, ASK)


def test_each_question_is_asked_then_revealed_then_left_for_the_next() -> None:
    for round_ in rounds():
        stages = [view.stage for _, view in play(round_)]
        questions = round_.question_count
        assert stages[: 2 * questions] == [ASK, REVEAL] * questions
        assert stages[2 * questions :] == list((OUTCOME, EXPLANATION, TRAPS)[: len(stages) - 2 * questions])
        assert stages[2 * questions] == OUTCOME


def test_no_outcome_text_is_seen_before_the_outcome_is_revealed() -> None:
    checked = 0
    for round_ in rounds():
        outcome_texts = [o.text for o in round_.tree.outcomes]
        for _, view in play(round_):
            if view.stage == OUTCOME:
                assert view.outcome == round_.outcome.text
                break
            assert not view.outcome and not view.explanation
            leaks = [(o, t) for o in outcome_texts for t in view.texts() if o in t]
            assert not leaks, (round_.route.scenario.prompt, view.stage, leaks)
            checked += 1
    assert checked > 50


def test_right_answers_are_those_on_the_scenarios_route() -> None:
    """Where the scenario's facts fix a route (it names one, or one way alone reaches its
    outcome, in a tree without cycles), the right answers are those that stay on it; otherwise every answer from which
    the outcome can still be reached."""
    for round_ in rounds():
        graph = to_digraph(round_.tree)
        scenario = round_.route.scenario
        expect = scenario.expect
        ways = list(itertools.islice(nx.all_simple_paths(graph, round_.tree.start, expect), 2))
        fixed = scenario.route + (expect,) if scenario.route else (tuple(ways[0]) if len(ways) == 1 else ())
        if not nx.is_directed_acyclic_graph(graph):
            fixed = ()  # a tree with a cycle (an error) assumes no route
        assert round_.route.path[0] == round_.tree.start and round_.route.path[-1] == expect
        if fixed:
            assert round_.route.path == fixed
        for _, view in play(round_):
            if view.stage != REVEAL:
                assert all(a.right is None for a in view.answers), "nothing is marked before the reveal"
                continue
            question = round_.tree.nodes[view.node_id]
            assert isinstance(question, Question)
            for answer, shown in zip(question.answers, view.answers, strict=True):
                if fixed:
                    after = fixed[fixed.index(view.node_id) + 1]
                    assert shown.right == (answer.next == after), (view.node_id, answer.label)
                else:
                    assert shown.right == nx.has_path(graph, answer.next, expect), (view.node_id, answer.label)
                assert shown.note == (answer.note.strip() if shown.right else "")


def test_the_round_follows_a_walk_the_quiz_scores_right() -> None:
    """The quiz and the round agree: the answers the round goes on with make a right walk."""
    for tree in trees():
        routes = {r.scenario.prompt.strip(): r for r in playable_routes(tree)}
        quiz = build_quiz([tree], 100, seed=1, kinds=["walk"], distinct=False)
        assert {item.prompt for item in quiz.items} == set(routes)
        session = quiz.start()
        while not session.done:
            round_ = AudienceRound(tree, routes[session.current.prompt])
            feedback = None
            while isinstance(round_.node, Question):
                assert session.view().question == round_.node.text
                feedback = session.choose(round_.followed_answer())
                round_.forward()
                round_.forward()
            assert feedback is not None and feedback.status == RIGHT


def test_two_right_answers_are_both_ticked_and_the_one_followed_is_named() -> None:
    tree = load(TRICKY)
    round_ = AudienceRound(tree, playable_routes(tree)[0])
    assert round_.view.answers[0].right is None
    round_.forward()
    view = round_.view
    assert [a.right for a in view.answers] == [True, True, False]
    assert [a.note for a in view.answers] == ["Small is simple.", "Medium still fits.", ""]
    assert view.followed == "A"  # the shortest way: Small leads straight to the outcome
    round_.forward()
    assert round_.view.outcome == "One small instance"
    assert round_.view.trail == ("How big is it? → Small",)


def test_the_graph_lights_the_way_so_far_and_at_a_reveal_the_move() -> None:
    tree = load(LOOP)
    round_ = AudienceRound(tree, playable_routes(tree)[0])
    assert round_.highlight().current == "q1" and round_.highlight().nodes == {"q1"} and not round_.highlight().edges
    round_.forward()
    assert round_.highlight().nodes == {"q1", "q2"} and round_.highlight().edges == {("q1", "q2")}
    round_.forward()
    assert round_.highlight().current == "q2" and round_.highlight().edges == {("q1", "q2")}
    round_.forward()
    round_.forward()
    lit = round_.highlight()
    assert lit.current == "done" and lit.edges == {("q1", "q2"), ("q2", "done")}


def test_tallies_are_kept_when_stepping_back_and_forth() -> None:
    tree = load(TRICKY)
    round_ = AudienceRound(tree, playable_routes(tree)[-1])  # 'sharded': one question
    assert round_.view.tally is None
    round_.set_tally(0, 3)
    round_.set_tally(2, 9)
    assert round_.view.tally == (3, 0, 9)
    assert [(b.letter, b.count, b.percent, b.text) for b in round_.view.bars] == [
        ("A", 3, 25, "3 · 25%"),
        ("B", 0, 0, "0 · 0%"),
        ("C", 9, 75, "9 · 75%"),
    ]
    round_.forward()
    assert round_.view.tally == (3, 0, 9), "the chart stays beside the reveal"
    round_.forward()
    assert round_.view.tally is None and round_.view.stage == OUTCOME
    round_.back()
    round_.back()
    assert round_.view.stage == ASK and round_.view.tally == (3, 0, 9)
    round_.set_tally(1, 12)
    assert round_.view.tally == (3, 12, 9)


def test_a_bad_tally_is_refused_with_a_reason() -> None:
    tree = load(CLEAN_TREE)
    round_ = AudienceRound(tree, playable_routes(tree)[0])
    with pytest.raises(ValueError, match="no answer 3"):
        round_.set_tally(2, 1)
    with pytest.raises(ValueError, match="negative"):
        round_.set_tally(0, -1)
    round_.forward()
    round_.forward()
    with pytest.raises(ValueError, match="at a question"):
        round_.set_tally(0, 1)


def test_percentages_of_no_votes_are_zero() -> None:
    assert [b.percent for b in bars((0, 0))] == [0, 0]
    assert [b.percent for b in bars((1, 1, 1))] == [33, 33, 33]


def test_broken_scenarios_are_skipped_and_never_crash() -> None:
    tree = load(TRICKY)
    assert [r.scenario.prompt for r in playable_routes(tree)] == ["A club's member list.", "A planet-scale log."]
    assert unavailable(tree) == ""
    assert unavailable(load(UNREACHABLE)) == NONE_PLAYABLE
    assert unavailable(load(NO_SCENARIO_TREE)) == NO_SCENARIOS
    assert playable_routes(load(UNREACHABLE)) == []
    routes, skipped = scenario_routes(tree)
    assert [s.expect for s in skipped] == ["missing", "load"], "a missing outcome, and a question as the outcome"
    assert all(isinstance(tree.nodes[r.path[-1]], Outcome) for r in routes)


def test_a_loop_back_still_counts_as_right_when_the_outcome_stays_reachable() -> None:
    tree = load(LOOP)
    first, second = playable_routes(tree)
    assert first.path == ("q1", "q2", "done") and first.right == {"q1": (0,), "q2": (0, 1)}
    assert second.path == ("q1", "out") and second.right == {"q1": (0, 1)}
    round_ = AudienceRound(tree, first)
    round_.forward()
    round_.forward()
    round_.forward()
    assert [a.right for a in round_.view.answers] == [True, True] and round_.view.followed == "B"


def test_the_console_tells_the_presenter_what_comes_next() -> None:
    session = AudienceSession(load(TRICKY))
    view = audience_console_view(session)
    assert view.now == (
        "Audience round, scenario 1 of 2 (A club's member list.), question 1 of 1: How big is it? (answers shown)"
    )
    assert view.next == "Reveal: A (Small) and B (Medium)"
    notes = dict(view.notes)
    assert notes["Scenario"] == "A club's member list."
    assert notes["Right answers"] == "**A** Small: Small is simple.\n\n**B** Medium: Medium still fits."
    assert notes["Help"] == "Count the **rows**."
    assert notes["Outcome"] == "One small instance" and notes["Explanation"] == "It fits on one machine."
    session.round.set_tally(0, 4)
    assert "tally shown" in audience_console_view(session).now
    session.forward()
    view = audience_console_view(session)
    assert view.now == "Audience round, scenario 1 of 2, question 1 of 1: right answer A, B revealed"
    assert view.next == "Audience round, scenario 1 of 2: the outcome shown: One small instance"
    session.forward()
    assert audience_console_view(session).next == "Audience round, scenario 1 of 2: the outcome's explanation shown"
    session.forward()
    assert audience_console_view(session).now == "Audience round, scenario 1 of 2: the outcome's explanation shown"
    session.forward()  # the traps
    assert session.round.at_end and not session.at_end
    assert audience_console_view(session).next == (
        "Audience round, scenario 2 of 2 (A planet-scale log.), question 1 of 1: How big is it? (answers shown)"
    )
    while session.forward():
        pass
    assert session.at_end and audience_console_view(session).next == ""


def sessions() -> list[AudienceSession]:
    return [AudienceSession(tree) for tree in trees()]


def test_the_console_next_is_what_forward_then_shows() -> None:
    for session in sessions():
        while True:
            view = audience_console_view(session)
            stage = session.round.stage
            if not session.forward():
                assert view.next == "" and session.at_end
                break
            if stage != ASK:  # at a question, next names the right letters instead
                assert view.next == audience_console_view(session).now


def test_notes_the_room_can_see_tell_nothing_before_the_room_has_seen_it() -> None:
    checked = 0
    for session in sessions():
        outcome_texts = [o.text for o in session.tree.outcomes]
        while True:
            view = session.round.view
            public = audience_console_view(session, private=False)
            texts = [public.now, public.next, *(text for pair in public.notes for text in pair)]
            if view.stage in (ASK, REVEAL):
                assert not [(o, t) for o in outcome_texts for t in texts if o in t], (session.state, texts)
                checked += 1
            if view.stage == ASK:
                assert public.next == "Reveal the right answer" and "Right answers" not in dict(public.notes)
            else:
                shown = view.texts()
                for heading, text in public.notes:
                    if heading in ("Outcome", "Explanation"):
                        assert text.strip() in [t.strip() for t in shown], heading
            if not session.forward():
                break
    assert checked > 50


def test_forward_runs_every_scenario_in_turn_and_back_returns_through_the_same_states() -> None:
    for session in sessions():
        forward = [(session.state, session.round.view)]
        while session.forward():
            forward.append((session.state, session.round.view))
        assert session.current == len(session.routes) - 1 and session.at_end
        assert [state[0] for state, _ in forward] == sorted(state[0] for state, _ in forward)
        backward = [(session.state, session.round.view)]
        while session.back():
            backward.append((session.state, session.round.view))
        assert backward == forward[::-1]


def test_scenarios_are_switched_keeping_their_place_and_tallies() -> None:
    session = AudienceSession(load(TRICKY))
    session.round.set_tally(2, 7)
    session.forward()
    assert session.next_scenario() and session.current == 1 and session.round.state == (0, ASK)
    assert session.next_scenario() and session.current == 0, "Q goes round to the first again"
    assert session.round.state == (0, REVEAL) and session.round.view.tally == (0, 0, 7)
    assert session.choose(1) and not session.choose(1) and not session.choose(5)
    assert session.round.view.scenario == 2 and session.round.view.scenarios == 2
    with pytest.raises(ValueError, match="no scenarios"):
        AudienceSession(load(NO_SCENARIO_TREE))


def test_the_countdown_runs_pauses_and_says_times_up() -> None:
    now = [100.0]
    countdown = Countdown(30, clock=lambda: now[0])
    assert not countdown.shown and countdown.text == "0:30"
    countdown.toggle()
    assert countdown.running and countdown.text == "0:30"
    now[0] += 0.5
    assert countdown.text == "0:30"
    now[0] += 0.5
    assert countdown.text == "0:29"
    countdown.toggle()  # pause
    assert not countdown.running and countdown.shown
    now[0] += 100
    assert countdown.text == "0:29" and not countdown.expired
    countdown.toggle()  # resume
    now[0] += 28.5
    assert countdown.text == "0:01"
    now[0] += 0.5
    assert countdown.expired and countdown.text == "Time's up" and not countdown.running
    countdown.toggle()  # after the end: a fresh countdown
    assert countdown.running and countdown.text == "0:30"
    assert Countdown(90, clock=lambda: now[0]).text == "1:30"


def test_typing_a_tally() -> None:
    entry = TallyEntry.start(3, None)
    for digit in "012":
        entry.type(digit)
    entry.type("x")
    assert entry.typed == ["12", "", ""]
    assert entry.next() and entry.current == 1
    entry.type("7")
    entry.backspace()
    entry.type("0")
    assert entry.next() and not entry.next()
    entry.type("4")
    assert entry.counts() == [12, 0, 4]
    entry.cycle()
    assert entry.current == 0
    for _ in range(9):
        entry.type("9")
    assert entry.typed[0] == "12999", "at most five digits"
    assert TallyEntry.start(2, (5, 0)).typed == ["5", "0"]
