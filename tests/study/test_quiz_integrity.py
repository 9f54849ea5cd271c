"""Items a learner cannot rightly dispute: no wrong option names the right answer, distractors
come from the nearest branches, each outcome once a quiz, and scenarios graded on their route."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trainer.core.library import read_tree
from trainer.core.loader import load_tree_text
from trainer.core.model import Tree
from trainer.core.wording import reads_as
from trainer.study.audit import audit, audit_report, item_defects
from trainer.study.building import build_quiz
from trainer.study.feedback import RIGHT, WRONG
from trainer.study.items import Item, Option
from trainer.study.quiz import Quiz
from trainer.study.scenario_routes import scenario_routes

TREES_DIR = Path(__file__).resolve().parents[2] / "trees"


def load(text: str) -> Tree:
    result = load_tree_text(text)
    assert result.tree is not None, result.problems
    return result.tree


def bundled() -> list[Tree]:
    trees = [read_tree(p).tree for p in sorted(TREES_DIR.glob("*.yaml"))]
    assert trees and all(t is not None for t in trees)
    return trees  # type: ignore[return-value]


# ---------------------------------------------------------------- the bundled trees


def test_the_audit_finds_no_defective_item_in_the_bundled_trees_over_300_seeds() -> None:
    result = audit(bundled(), seeds=300)
    assert result.items > 10_000
    assert result.clean, audit_report(result, 300)


def test_no_wrong_option_reads_as_the_right_answer_in_any_kind() -> None:
    """The first rule, checked directly on texts: for every kind, every wrong option."""
    for tree in bundled():
        for seed in range(60):
            for item in build_quiz([tree], 1000, seed, distinct=False).items:
                if item.kind in ("choice", "path"):
                    right = item.options[item.right_option]
                    for i, option in enumerate(item.options):
                        if i != item.right_option:
                            assert option.denotes != item.expect
                            assert not reads_as(option.text, right.text, near=not option.outcome_id), (
                                item.key,
                                option.text,
                            )
                elif item.kind == "reverse":
                    assert len({o.text for o in item.options}) == len(item.options)


def test_traps_offered_are_the_right_outcomes_own() -> None:
    """Another outcome's trap is never a distractor: a trap is wrong only where it was written."""
    for tree in bundled():
        for seed in range(30):
            for item in build_quiz([tree], 1000, seed, kinds=["choice", "path"], distinct=False).items:
                own = {t.option for t in tree.nodes[item.expect].traps}
                assert all(o.outcome_id or o.text in own for o in item.options), item.key


# ---------------------------------------------------------------- generated trees

WORDS = [
    "Amazon SQS",
    "queue",
    "workers",
    "Kinesis",
    "Data Streams",
    "Firehose",
    "consumer",
    "Direct Connect",
    "private VIF",
    "public VIF",
    "transit VIF",
    "VPN",
    "Shield",
    "Standard",
    "Advanced",
    "CloudFront",
    "Aurora",
]


def generated(seed: int) -> str:
    """A tree whose outcomes share words and whose traps copy parts of other outcomes' texts:
    exactly the content that made a quarter of the items defective."""
    rng = random.Random(seed)
    outcomes = [f"o{i}" for i in range(rng.randint(3, 9))]
    texts = {o: " ".join(rng.sample(WORDS, rng.randint(1, 3))) + f" plan {o}" for o in outcomes}
    lines = ["format: 1", "id: gen", "title: Generated", "start: q0", "nodes:"]
    pending, questions = list(outcomes), 0
    while pending:
        targets = [pending.pop() for _ in range(min(len(pending), rng.randint(1, 2)))]
        nxt = f"q{questions + 1}" if pending else targets[0]
        answers = targets + ([nxt] if pending else [])
        lines += [f"  q{questions}:", f"    question: Question {questions}?", "    answers:"]
        lines += [f"      - label: Answer {k}\n        next: {t}" for k, t in enumerate(dict.fromkeys(answers))]
        questions += 1
    for o in outcomes:
        lines += [f"  {o}:", f"    outcome: {texts[o]}", "    explanation: Because.", "    not:"]
        for other in rng.sample(outcomes, min(3, len(outcomes))):
            copied = " ".join(texts[other].split()[: rng.randint(1, 3)])
            lines += [f"      - option: {copied}", "        why: Not here."]
    lines += ["scenarios:"] + [f"  - prompt: Situation {o}.\n    expect: {o}" for o in outcomes]
    return "\n".join(lines) + "\n"


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10**6), st.integers(0, 10**6))
def test_generated_look_alike_trees_never_give_a_wrong_option_that_names_the_answer(
    tree_seed: int, quiz_seed: int
) -> None:
    tree = load(generated(tree_seed))
    for item in build_quiz([tree], 1000, quiz_seed, distinct=False).items:
        defects = [d for d in item_defects(item, tree) if "route" not in d]
        assert not defects, (item.key, defects)


# ---------------------------------------------------------------- the audit itself


def test_the_audit_catches_a_wrong_option_that_names_the_right_answer() -> None:
    tree = load(STREAMS)
    for fair in build_quiz([tree], 100, 1, kinds=["choice", "path"], distinct=False).items:
        assert item_defects(fair, tree) == []
    right = Option("Amazon SQS queue with a fleet of workers", "sqs")
    named = Item(
        "k", "path", "streams", "p", "sqs", ("kind", "sqs"), options=(right, Option("Amazon SQS")), right_option=0
    )
    assert any("reads as the right answer" in d for d in item_defects(named, tree))
    itself = Item(
        "k",
        "path",
        "streams",
        "p",
        "kds",
        ("kind", "own", "kds"),
        options=(Option("Amazon Kinesis Data Streams", "kds"), Option("Kinesis, again", stands_for="kds")),
        right_option=0,
    )
    assert any("stands for the right outcome" in d for d in item_defects(itself, tree))
    twins = Item(
        "k",
        "path",
        "streams",
        "p",
        "sqs",
        ("kind", "sqs"),
        options=(right, Option("Amazon Kinesis Data Streams", "kds"), Option("Kinesis Data Streams with consumers")),
        right_option=0,
    )
    assert any("read as one another" in d for d in item_defects(twins, tree))


def test_the_audit_catches_a_reverse_item_whose_wrong_path_leads_to_the_answer() -> None:
    tree = load(STREAMS)
    item = next(i for i in build_quiz([tree], 100, 1, kinds=["reverse"], distinct=False).items)
    assert item_defects(item, tree) == []
    right = item.options[item.right_option]
    spoiled = Item(
        item.key,
        "reverse",
        item.tree_id,
        item.prompt,
        item.expect,
        item.right_path,
        options=(right, Option(right.text + " ", "x", right.requirements)),
        right_option=0,
    )
    assert any("leads to the right outcome" in d for d in item_defects(spoiled, tree))


def test_the_cli_audit_prints_the_rate_per_tree_and_fails_on_a_defect(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from trainer.cli import main

    (tmp_path / "streams.yaml").write_text(STREAMS)
    assert main(["quiz", "--audit", "--seeds", "5", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "streams" in out and "0.00%" in out and "no defective items" in out
    (tmp_path / "streams.yaml").write_text(STREAMS.replace("    route: [kind, own]\n", ""))
    assert main(["quiz", "--audit", "--seeds", "5", str(tmp_path)]) == 1
    assert "leaves its route open" in capsys.readouterr().out


# ---------------------------------------------------------------- plausible distractors

NEAR = """\
format: 1
id: near
title: Near
start: top
nodes:
  top:
    question: Top?
    answers:
      - {label: Left, next: left}
      - {label: Right, next: right}
  left:
    question: Left?
    answers:
      - {label: A, next: la}
      - {label: B, next: lb}
      - {label: C, next: lc}
      - {label: D, next: ld}
  right:
    question: Right?
    answers:
      - {label: E, next: ra}
      - {label: F, next: rb}
      - {label: G, next: rc}
  la: {outcome: Alpha service}
  lb: {outcome: Beta service}
  lc: {outcome: Gamma service}
  ld: {outcome: Delta service}
  ra: {outcome: Epsilon service}
  rb: {outcome: Zeta service}
  rc: {outcome: Eta service}
"""


def test_distractors_are_the_siblings_before_any_far_branch() -> None:
    tree = load(NEAR)
    for seed in range(40):
        for item in build_quiz([tree], 100, seed, kinds=["choice", "path", "reverse"], distinct=False).items:
            side = {"l": {"la", "lb", "lc", "ld"}, "r": {"ra", "rb", "rc"}}[item.expect[0]]
            wrong = {o.outcome_id for i, o in enumerate(item.options) if i != item.right_option}
            if item.expect[0] == "l":  # three siblings fill every wrong slot
                assert wrong <= side, (item.key, wrong)
            else:  # two siblings first, then the nearest of the other side
                assert side - {item.expect} <= wrong, (item.key, wrong)


# ---------------------------------------------------------------- routes that follow the scenario

EDGE = """\
format: 1
id: edge
title: Edge
start: protocol
nodes:
  protocol:
    question: Is the traffic HTTP or HTTPS?
    answers:
      - label: "Yes"
        next: static-ips
      - label: "No: UDP or other protocols"
        next: accelerator
        note: Non-HTTP traffic needs a network-level entry point.
  static-ips:
    question: Must clients use fixed IP addresses?
    answers:
      - label: "Yes"
        next: accelerator
      - label: "No"
        next: cdn
  accelerator:
    outcome: AWS Global Accelerator
    explanation: Static anycast IPs, TCP and UDP.
  cdn:
    outcome: Amazon CloudFront distribution
    explanation: Caches HTTP.
scenarios:
  - prompt: A multiplayer game exchanges datagrams with players worldwide.
    expect: accelerator
    route: [protocol]
  - prompt: A B2B web API's customers allow only a short list of addresses in their firewalls.
    expect: accelerator
    route: [protocol, static-ips]
  - prompt: Course videos load slowly for viewers far from the single Region.
    expect: cdn
"""


def walk_item(tree: Tree, prompt_start: str) -> Quiz:
    quiz = build_quiz([tree], 100, 1, kinds=["walk"], distinct=False)
    item = next(i for i in quiz.items if i.prompt.startswith(prompt_start))
    return Quiz((item,), 1, quiz.trees)


def test_the_udp_scenario_lights_its_own_route_and_the_http_branch_is_graded_wrong() -> None:
    tree = load(EDGE)
    quiz = walk_item(tree, "A multiplayer game")
    assert quiz.items[0].right_path == ("protocol", "accelerator")
    session = quiz.start()
    session.choose(0)  # "Yes": HTTP, which the scenario's facts rule out
    feedback = session.choose(0)  # fixed IPs: reaches Global Accelerator all the same
    assert feedback.status == WRONG and feedback.answer == "AWS Global Accelerator"
    assert feedback.wrong_step.question_id == "protocol" and feedback.wrong_step.answer == "Yes"
    assert feedback.wrong_step.right_answers == ("No: UDP or other protocols",)
    assert feedback.right_path == ("protocol", "accelerator")
    assert feedback.astray() == (
        "You reached the right outcome by a route the scenario rules out: at “Is the traffic "
        "HTTP or HTTPS?” you answered “Yes”; the scenario's facts point to “No: UDP or other protocols”."
    )
    session = walk_item(tree, "A multiplayer game").start()
    right = session.choose(1)
    assert right.status == RIGHT and right.wrong_step is None and right.right_path == ("protocol", "accelerator")


def test_the_fixed_ip_scenario_is_right_only_through_the_http_branch() -> None:
    tree = load(EDGE)
    session = walk_item(tree, "A B2B").start()
    assert session.choose(1).status == WRONG  # UDP: the same outcome, the wrong reasoning
    session = walk_item(tree, "A B2B").start()
    session.choose(0)
    assert session.choose(0).status == RIGHT


def test_a_walk_that_misses_the_outcome_is_told_where_it_left_the_route(capsys: pytest.CaptureFixture[str]) -> None:
    import io

    from trainer.study.terminal import run_text_quiz

    tree = load(EDGE)
    session = walk_item(tree, "A B2B").start()
    session.choose(0)
    feedback = session.choose(1)  # no fixed IPs: CloudFront
    assert feedback.status == WRONG and feedback.answer == "Amazon CloudFront distribution"
    assert feedback.astray() == (
        "Your path left the right one at “Must clients use fixed IP addresses?”: you answered "
        "“No”; the scenario's facts point to “Yes”."
    )
    out = io.StringIO()
    run_text_quiz(walk_item(tree, "A B2B").start(), io.StringIO("2\n"), out, lambda *a: None)
    assert "by a route the scenario rules out" in " ".join(out.getvalue().split())


def test_a_walk_hint_rules_out_the_answer_that_leaves_the_route() -> None:
    session = walk_item(load(EDGE), "A multiplayer game").start()
    assert session.use_hint() == "Not answer 1." and session.view().ruled_out == (0,)


def test_the_audience_round_and_choice_items_follow_the_route() -> None:
    tree = load(EDGE)
    routes = {r.scenario.prompt.split()[1]: r for r in scenario_routes(tree)[0]}
    assert routes["multiplayer"].path == ("protocol", "accelerator") and routes["multiplayer"].right == {
        "protocol": (1,)
    }
    assert routes["B2B"].path == ("protocol", "static-ips", "accelerator")
    choice = next(i for i in build_quiz([tree], 100, 1, kinds=["choice"], distinct=False).items if "B2B" in i.prompt)
    assert choice.right_path == ("protocol", "static-ips", "accelerator")


def test_a_scenario_with_one_way_to_its_outcome_needs_no_route() -> None:
    tree = load(EDGE)
    cdn = next(i for i in build_quiz([tree], 100, 1, kinds=["walk"], distinct=False).items if i.expect == "cdn")
    assert cdn.route == ("protocol", "static-ips", "cdn")


# ---------------------------------------------------------------- shared fixture

STREAMS = """\
format: 1
id: streams
title: Streams
start: kind
nodes:
  kind:
    question: Must several applications each read every record?
    answers:
      - {label: "Yes", next: own}
      - {label: "No: one worker handles each message", next: sqs}
      - {label: "Records must be replayed for a week", next: kds}
  own:
    question: Will you write the code that processes the records?
    answers:
      - {label: "Yes", next: kds}
      - {label: "No: deliver them to storage", next: firehose}
  kds:
    outcome: Amazon Kinesis Data Streams
    explanation: Shards, replay, several consumers.
    not:
      - option: SQS alone, when several applications must each read every record
        why: A message is deleted once one consumer has handled it.
  firehose:
    outcome: Amazon Data Firehose delivering to storage
    explanation: Managed delivery.
  sqs:
    outcome: Amazon SQS queue with a fleet of workers
    explanation: Each message to one worker.
    not:
      - option: Amazon Kinesis Data Streams
        is: kds
        why: Ordered shards no one asked for.
scenarios:
  - prompt: Clickstream events must feed fraud detection and analytics at once.
    expect: kds
    route: [kind, own]
  - prompt: Logs must land in S3 with no code to write.
    expect: firehose
  - prompt: Orders are resized as images, each by one worker.
    expect: sqs
"""


def test_a_trap_that_stands_for_another_outcome_is_never_shown_beside_it() -> None:
    tree = load(STREAMS)
    for seed in range(40):
        for item in build_quiz([tree], 100, seed, kinds=["choice", "path"], distinct=False).items:
            texts = [o.text for o in item.options]
            assert not (
                "Amazon Kinesis Data Streams" in texts
                and item.expect == "kds"
                and texts.count("Amazon Kinesis Data Streams") > 1
            )
            denoted = [o.denotes for o in item.options if o.denotes]
            assert len(denoted) == len(set(denoted)), (item.key, texts)


def test_the_bundled_udp_scenario_lights_the_udp_route_and_the_http_branch_is_wrong() -> None:
    """The issue's own case, on the bundled tree: Global Accelerator is reached both for UDP and
    for HTTP that needs fixed IPs; the UDP game's walk must take the UDP answer."""
    tree = next(t for t in bundled() if t.id == "edge-resilience")
    quiz = build_quiz([tree], 1000, 1, kinds=["walk"], distinct=False)
    item = next(i for i in quiz.items if "UDP" in i.prompt and i.expect == "global-accelerator")
    assert item.right_path == ("spikes", "ddos", "protocol", "global-accelerator")
    labels = {
        "spikes": "No",
        "ddos": "None: the requirement is how users around the world reach the application",
        "protocol": "Yes",
        "static-ips": "Yes",
    }
    session = Quiz((item,), 1, quiz.trees).start()
    feedback = None
    while feedback is None:
        view = session.view()
        node = next(q for q in tree.questions if q.text == view.question)
        wanted = labels[node.id]
        feedback = session.choose(next(i for i, a in enumerate(view.answers) if a == wanted or a.startswith(wanted)))
    assert feedback.answer == tree.nodes["global-accelerator"].text  # the right outcome...
    assert feedback.status == WRONG and feedback.wrong_step.question_id == "protocol"  # ...by the HTTP branch
    assert feedback.right_path == ("spikes", "ddos", "protocol", "global-accelerator")
