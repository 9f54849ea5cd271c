"""The quiz engine: building items, hiding outcomes, scoring, hints, time, ending, retrying."""

from __future__ import annotations

from dataclasses import asdict, fields, is_dataclass
from pathlib import Path

import pytest

from trainer.core.library import read_tree
from trainer.core.loader import load_tree_text
from trainer.core.model import Tree
from trainer.study.building import build_quiz
from trainer.study.feedback import RIGHT, TIMED_OUT, UNANSWERED, WRONG
from trainer.study.items import Item
from trainer.study.quiz import ItemView, Quiz, QuizSession
from trainer.study.tree_facts import TreeFacts

TREES_DIR = Path(__file__).resolve().parents[2] / "trees"

TREE = """\
format: 1
id: net
title: Network
start: http
nodes:
  http:
    question: Is the traffic HTTP?
    help: Look at the port.
    answers:
      - label: "Yes"
        next: tls
      - label: "No"
        next: udp
        note: Then it is not for an ALB.
  tls:
    question: Must TLS end at the balancer?
    answers:
      - label: "Yes"
        next: alb
      - label: "No"
        next: nlb
  udp:
    question: Is it UDP?
    answers:
      - label: "Yes"
        next: nlb
      - label: "No"
        next: gwlb
  alb:
    outcome: Application Load Balancer
    explanation: Layer 7 with TLS termination.
    not:
      - option: Classic Load Balancer
        why: It is legacy.
  nlb:
    outcome: Network Load Balancer
    explanation: Layer 4, fast.
    not:
      - option: An EC2 proxy fleet
        why: Too much to run.
  gwlb:
    outcome: Gateway Load Balancer
    explanation: For appliances.
scenarios:
  - prompt: A web shop ends TLS at the balancer.
    expect: alb
  - prompt: A game server speaks UDP.
    expect: nlb
"""


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def load(text: str) -> Tree:
    result = load_tree_text(text)
    assert result.tree is not None, result.problems
    return result.tree


def bundled() -> list[Tree]:
    trees = [read_tree(p).tree for p in sorted(TREES_DIR.glob("*.yaml"))]
    assert trees and all(t is not None for t in trees)
    return trees  # type: ignore[return-value]


@pytest.fixture
def tree() -> Tree:
    return load(TREE)


def one(tree: Tree, kind: str, expect: str | None = None, seed: int = 1, **start) -> QuizSession:
    """A session over the single `kind` item of `tree` expecting `expect`."""
    quiz = build_quiz([tree], 100, seed, kinds=[kind])
    items = tuple(i for i in quiz.items if expect is None or i.expect == expect)[:1]
    assert items, f"no {kind} item for {expect}"
    return Quiz(items, quiz.seed, quiz.trees).start(**start)


def walk_to(session: QuizSession, labels: list[str]):
    feedback = None
    for label in labels:
        feedback = session.choose(session.view().answers.index(label))
    return feedback


def wrong_index(session: QuizSession) -> int:
    item = session.current
    return next(i for i in range(len(item.options)) if i != item.right_option)


# ---------------------------------------------------------------- scoring


def test_walk_right_scores_one(tree: Tree) -> None:
    session = one(tree, "walk", "alb")
    assert walk_to(session, ["Yes"]) is None  # a question remains
    feedback = walk_to(session, ["Yes"])
    assert feedback.status == RIGHT and feedback.score == 1.0
    assert feedback.right_outcome_id == "alb" and feedback.right_path == ("http", "tls", "alb")
    assert feedback.wrong_step is None and feedback.chosen_path == ("http", "tls", "alb")
    assert session.done


def test_walk_wrong_names_first_wrong_step_and_its_note(tree: Tree) -> None:
    session = one(tree, "walk", "alb")
    feedback = walk_to(session, ["No", "Yes"])
    assert feedback.status == WRONG and feedback.score == 0.0
    assert feedback.answer == "Network Load Balancer"
    step = feedback.wrong_step
    assert (step.question_id, step.answer, step.note) == ("http", "No", "Then it is not for an ALB.")
    assert feedback.right_path == ("http", "tls", "alb")
    assert feedback.explanation == "Layer 7 with TLS termination."
    assert [t.option for t in feedback.traps] == ["Classic Load Balancer"]


def test_feedback_tells_the_right_outcome_and_where_a_walk_ended(tree: Tree) -> None:
    """What the feedback names in words, which a masked graph may then name too (#14)."""
    walk = walk_to(one(tree, "walk", "alb"), ["No", "Yes"])
    assert walk.answer == "Network Load Balancer" and walk.told == {"alb", walk.chosen_path[-1]}
    assert tree.nodes[walk.chosen_path[-1]].text == "Network Load Balancer"
    session = one(tree, "choice", "alb")
    assert session.answer(wrong_index(session)).told == {"alb"}  # an option is not a node of the graph


def test_walk_wrong_step_is_the_first_answer_that_cannot_reach(tree: Tree) -> None:
    # http: Yes can still reach nlb (via tls: No), so the wrong step is the second one.
    session = one(tree, "walk", "nlb")
    feedback = walk_to(session, ["Yes", "Yes"])
    assert feedback.wrong_step.question_id == "tls" and feedback.wrong_step.note == ""
    assert feedback.right_path == ("http", "tls", "nlb")  # the right path nearest the learner's


@pytest.mark.parametrize("kind", ["choice", "path", "reverse"])
def test_option_kinds_score_right_and_wrong(tree: Tree, kind: str) -> None:
    session = one(tree, kind, "alb")
    right = session.answer(session.current.right_option)
    assert right.status == RIGHT and right.score == 1.0 and right.right_outcome_text == "Application Load Balancer"
    session = one(tree, kind, "alb")
    wrong = session.answer(wrong_index(session))
    assert wrong.status == WRONG and wrong.score == 0.0


@pytest.mark.parametrize("kind", ["choice", "path", "reverse"])
def test_hint_halves_a_right_answer(tree: Tree, kind: str) -> None:
    session = one(tree, kind, "alb")
    hint = session.use_hint()
    assert hint and session.view().hint == hint
    assert session.current.right_option not in session.view().ruled_out
    assert session.answer(session.current.right_option).score == 0.5


def test_walk_hint_is_the_question_help(tree: Tree) -> None:
    session = one(tree, "walk", "alb")
    assert session.use_hint() == "Look at the port."
    feedback = walk_to(session, ["Yes", "Yes"])
    assert feedback.status == RIGHT and feedback.score == 0.5 and feedback.hinted


def test_walk_hint_without_help_rules_out_a_dead_answer(tree: Tree) -> None:
    session = one(tree, "walk", "alb")
    walk_to(session, ["Yes"])
    session.use_hint()
    assert session.view().ruled_out == (session.view().answers.index("No"),)


@pytest.mark.parametrize("kind", ["walk", "choice", "path", "reverse"])
def test_answer_after_time_limit_scores_zero(tree: Tree, kind: str) -> None:
    clock = FakeClock()
    session = one(tree, kind, "alb", clock=clock, time_limit=30)
    clock.now += 10
    assert session.time_left() == 20
    clock.now += 25
    if kind == "walk":
        feedback = session.choose(session.view().answers.index("Yes"))
    else:
        feedback = session.answer(session.current.right_option)
    assert feedback.status == TIMED_OUT and feedback.score == 0.0
    assert session.results().wrong == 1


def test_time_limit_restarts_for_each_item(tree: Tree) -> None:
    clock = FakeClock()
    session = build_quiz([tree], 2, 3, kinds=["path"]).start(clock=clock, time_limit=30)
    clock.now += 20
    session.answer(session.current.right_option)
    clock.now += 20
    assert session.answer(session.current.right_option).status == RIGHT


def test_time_out_call_ends_the_item(tree: Tree) -> None:
    session = one(tree, "choice", "alb", time_limit=5)
    assert session.time_out().status == TIMED_OUT and session.done


# ---------------------------------------------------------------- options and keys


def test_choice_options_distinct_with_right_exactly_once(tree: Tree) -> None:
    for tr in [tree, *bundled()]:
        for item in build_quiz([tr], 100, 5, kinds=["choice", "path", "reverse"]).items:
            texts = [o.text for o in item.options]
            assert 2 <= len(texts) <= 4 and len(set(texts)) == len(texts)
            right = [i for i, o in enumerate(item.options) if o.outcome_id == item.expect]
            assert right == [item.right_option]


def test_choice_prefers_own_traps(tree: Tree) -> None:
    item = one(tree, "choice", "alb").current
    assert "Classic Load Balancer" in [o.text for o in item.options]


def test_path_requirements_read_as_answers(tree: Tree) -> None:
    item = one(tree, "path", "alb").current
    assert item.requirements == ("Is the traffic HTTP?: Yes", "Must TLS end at the balancer?: Yes")


def test_too_few_outcomes_gives_no_option_item() -> None:
    tiny = load("""\
format: 1
id: tiny
title: Tiny
start: q
nodes:
  q:
    question: Only?
    answers:
      - label: A
        next: o
  o:
    outcome: The only one
""")
    assert build_quiz([tiny], 10, 1, kinds=["path", "reverse"]).items == ()


def test_keys_unique_and_mixed_kinds() -> None:
    quiz = build_quiz(bundled(), 20, 7)
    assert len(set(quiz.keys)) == len(quiz.keys) == 20
    assert {i.kind for i in quiz.items} == {"walk", "choice", "path", "reverse"}
    assert len({i.tree_id for i in quiz.items}) > 1


def test_no_two_items_of_a_quiz_share_an_outcome() -> None:
    """So no scenario is asked twice (as a walk, then as a choice) and no item's text or
    feedback gives away another's answer: a quiz holds each outcome once, at most."""
    trees = bundled()
    outcomes = sum(len(t.outcomes) for t in trees)
    for seed in range(20):
        quiz = build_quiz(trees, 1000, seed)
        asked = [(i.tree_id, i.expect) for i in quiz.items]
        assert len(set(asked)) == len(asked) == outcomes
        prompts = [(i.tree_id, i.prompt) for i in quiz.items if i.kind in ("walk", "choice")]
        assert len(set(prompts)) == len(prompts)


def test_count_is_capped_and_kinds_restrict(tree: Tree) -> None:
    assert len(build_quiz([tree], 1000, 1)) == 3  # one item per outcome
    assert len(build_quiz([tree], 1000, 1, distinct=False)) == 2 + 2 + 3 + 3  # every item there is
    assert {i.kind for i in build_quiz([tree], 1000, 1, kinds=["reverse"]).items} == {"reverse"}
    with pytest.raises(ValueError):
        build_quiz([tree], 3, 1, kinds=["essay"])


def test_same_seed_same_quiz_other_seed_other_order() -> None:
    trees = bundled()
    a, b = build_quiz(trees, 30, 11), build_quiz(bundled(), 30, 11)
    assert a.items == b.items
    assert build_quiz(trees, 30, 12).keys != a.keys


def test_keys_survive_edits_of_unrelated_nodes(tree: Tree) -> None:
    edited = load(TREE.replace("Is it UDP?", "Is it UDP or QUIC?").replace("For appliances.", "Other."))
    every = build_quiz([tree], 100, 1, distinct=False)
    assert set(every.keys) == set(build_quiz([edited], 100, 4, distinct=False).keys)
    assert "net:path:alb" in every.keys


# ---------------------------------------------------------------- nothing leaks


def strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if is_dataclass(value):
        return [s for f in fields(value) for s in strings(getattr(value, f.name))]
    if isinstance(value, (tuple, list)):
        return [s for v in value for s in strings(v)]
    return []


def assert_no_leak(view: ItemView, item: Item, tree: Tree) -> None:
    outcome_texts = [o.text for o in tree.outcomes]
    assert not any(hasattr(view, name) for name in ("right_option", "expect", "outcome_id", "right_path"))
    # Option texts of choice and path items are outcomes by design (all shown alike); the
    # reverse prompt names its outcome by design. Everything else must hold no outcome text.
    allowed = set(view.options) if item.kind in ("choice", "path") else set()
    if item.kind == "reverse":
        allowed.add(view.prompt)
    for text in strings(view):
        if text in allowed:
            continue
        leaked = [o for o in outcome_texts if o in text]
        assert not leaked, f"{item.key}: {text!r} shows {leaked}"


def test_no_outcome_text_in_unanswered_views() -> None:
    for tr in bundled():
        quiz = build_quiz([tr], 1000, 2, distinct=False)
        assert {i.kind for i in quiz.items} == {"walk", "choice", "path", "reverse"}
        session = quiz.start()
        while not session.done:
            item = session.current
            assert_no_leak(session.view(), item, tr)
            session.use_hint()
            assert_no_leak(session.view(), item, tr)
            if item.kind == "walk":
                while session.current is item:  # walk to the end along the first answers
                    assert_no_leak(session.view(), item, tr)
                    session.choose(0)
            else:
                session.answer(0)


def test_right_option_position_varies() -> None:
    positions = {i.right_option for i in build_quiz(bundled(), 1000, 3, kinds=["choice"]).items}
    assert len(positions) > 1


# ---------------------------------------------------------------- end, results, retry


def test_end_early_reports_answered_and_unanswered(tree: Tree) -> None:
    clock = FakeClock()
    session = build_quiz([tree], 4, 9, kinds=["choice", "path"], distinct=False).start(clock=clock)
    session.answer(session.current.right_option)
    session.answer(wrong_index(session))
    clock.now += 42
    results = session.end()
    assert session.done and session.current is None
    assert (results.score, results.max_score, results.answered, results.right, results.wrong, results.unanswered) == (
        1.0,
        4,
        2,
        1,
        1,
        2,
    )
    assert results.percentage == 25.0 and results.answered_percentage == 50.0
    assert results.elapsed == 42
    assert [r.status for r in results.items] == [RIGHT, WRONG, UNANSWERED, UNANSWERED]
    review = results.items[1]
    assert review.prompt and review.answer and review.right_outcome_text and review.right_path
    assert all(r.answer == "" for r in results.items[2:])
    with pytest.raises(RuntimeError):
        session.view()


def test_missed_retries_the_wrong_ones_in_order(tree: Tree) -> None:
    quiz = build_quiz([tree], 6, 9, kinds=["path", "reverse"], distinct=False)
    session = quiz.start()
    for n in range(5):
        session.answer(session.current.right_option if n % 2 == 0 else wrong_index(session))
    session.end()
    retry = session.missed()
    assert retry.keys == (quiz.keys[1], quiz.keys[3]) and retry.seed == quiz.seed
    assert session.missed(include_unanswered=True).keys == (quiz.keys[1], quiz.keys[3], quiz.keys[5])
    again = retry.start()
    again.answer(again.current.right_option)
    assert again.feedback.status == RIGHT


def test_results_are_plain_data(tree: Tree) -> None:
    session = build_quiz([tree], 10, 1).start()
    assert isinstance(asdict(session.results()), dict)
    assert isinstance(asdict(session.quiz.items[0]), dict)


# ---------------------------------------------------------------- large trees


def diamonds(n: int) -> Tree:
    """n diamonds in a row (2**n paths), each question also ending early at its own outcome."""
    lines = ["format: 1", "id: diamonds", "title: D", "start: q0", "nodes:"]
    for i in range(n):
        for node, nxt in ((f"q{i}", (f"a{i}", f"b{i}")), (f"a{i}", (f"q{i + 1}",)), (f"b{i}", (f"q{i + 1}",))):
            lines += [f"  {node}:", f"    question: Q {node}?", "    answers:"]
            for k, target in enumerate(nxt):
                lines += [f"      - label: L{k}", f"        next: {target}"]
            if node.startswith("q"):
                lines += ["      - label: Stop", f"        next: o{i}"]
        lines += [f"  o{i}:", f"    outcome: Stop {i}"]
    lines += [f"  q{n}:", "    outcome: The end", "scenarios:", "  - prompt: Go all the way.", f"    expect: q{n}"]
    return load("\n".join(lines) + "\n")


def chain(n: int) -> Tree:
    lines = ["format: 1", "id: chain", "title: C", "start: s0", "nodes:"]
    for i in range(n):
        lines += [
            f"  s{i}:",
            f"    question: Step {i}?",
            "    answers:",
            "      - label: Go",
            f"        next: {'s' + str(i + 1) if i + 1 < n else 'end'}",
            "      - label: Leave",
            f"        next: out{i % 5}",
        ]
    lines += ["  end:", "    outcome: The end"] + [f"  out{k}:\n    outcome: Out {k}" for k in range(5)]
    lines += ["scenarios:", "  - prompt: All the way.", "    expect: end"]
    return load("\n".join(lines) + "\n")


def test_thirty_diamonds_never_enumerate_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    tree = diamonds(30)
    calls = []
    original = TreeFacts.sample_path
    monkeypatch.setattr(TreeFacts, "sample_path", lambda self, *a: calls.append(a) or original(self, *a))
    quiz = build_quiz([tree], 1000, 1, distinct=False)
    assert len(quiz) == 2 + 31 * 2  # walk, choice, then path and reverse for every outcome
    assert len(calls) < 5 * len(quiz)  # a bounded number of sampled paths, not 2**30
    end = next(i for i in quiz.items if i.kind == "path" and i.expect == "q30")
    assert len(end.requirements) == 60
    session = Quiz((next(i for i in quiz.items if i.kind == "walk"),), 1, quiz.trees).start()
    while not session.done:
        session.choose(0)
    assert session.feedback.status == RIGHT


def test_three_thousand_step_chain() -> None:
    tree = chain(3000)
    quiz = build_quiz([tree], 12, 1, distinct=False)
    assert len(quiz) == 12
    walk = Quiz((next(i for i in quiz.items if i.kind == "walk"),), 1, quiz.trees).start()
    for _ in range(1500):
        walk.choose(0)
    feedback = walk.choose(1)
    assert feedback.status == WRONG and feedback.wrong_step.question_id == "s1500"
    assert len(feedback.right_path) == 3001


def test_review_quiz_keeps_the_most_overdue_items_the_trees_can_still_make():
    from trainer.study.building import review_quiz

    trees = [read_tree(p).tree for p in sorted(TREES_DIR.glob("*.yaml"))]
    every = build_quiz(trees, 1_000_000, seed=3)  # one item per outcome
    wanted = [(i.tree_id, i.key) for i in every.items[:5]]
    due = [("gone-tree", "gone-tree:walk:0123456789ab"), *wanted]  # soonest first
    quiz = review_quiz(trees, due, count=3, seed=3)
    assert {(i.tree_id, i.key) for i in quiz.items} == set(wanted[:3])
    assert review_quiz(trees, [], count=3, seed=3).items == ()


def test_review_quiz_asks_one_item_of_an_outcome_and_keeps_the_other_for_later(tree: Tree) -> None:
    from trainer.study.building import review_quiz

    every = build_quiz([tree], 100, seed=3, distinct=False)
    alb = [(i.tree_id, i.key) for i in every.items if i.expect == "alb"]
    nlb = [(i.tree_id, i.key) for i in every.items if i.expect == "nlb"]
    assert len(alb) >= 2 and nlb
    quiz = review_quiz([tree], [alb[1], alb[0], nlb[0]], count=3, seed=3)
    assert {(i.tree_id, i.key) for i in quiz.items} == {alb[1], nlb[0]}  # the more overdue of the two


def test_chosen_trees_keeps_exactly_the_picked_ones_in_library_order() -> None:
    from trainer.study.scope import chosen_trees

    trees = bundled()
    first, third = trees[0], trees[2]
    picked = chosen_trees(trees, [third.id, first.id, first.id, "no-such-tree"])
    assert picked == [first, third]  # library order, each once, unknown ids skipped
    assert chosen_trees(trees, []) == []
    quiz = build_quiz(picked, 1_000, seed=4)
    assert {i.tree_id for i in quiz.items} == {first.id, third.id}
