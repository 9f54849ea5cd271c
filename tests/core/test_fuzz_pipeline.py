"""Random valid trees through everything after loading: layout, a walk, a quiz played to the
end, and every text export (DOT, Mermaid read back by the importer, Markdown, Anki, the web
page's data). Nothing may raise, and what each step promises must hold. A fixed, seeded budget
runs with the tests; PIPELINE_EXAMPLES=2000 runs a longer search on demand (#7)."""

from __future__ import annotations

import os
import random

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from tests.fuzz_tally import ran
from trainer.core.loader import load_tree_text
from trainer.core.model import Answer, Outcome, Question, Scenario, Trap, Tree
from trainer.core.validate import validate_tree
from trainer.draw.layout import LayoutOptions, Size, compute_layout, input_from_tree
from trainer.interop.export import export_text
from trainer.interop.html import page_data
from trainer.interop.mermaid import import_mermaid
from trainer.study.building import build_quiz
from trainer.study.walk import Walk

BUDGET = settings(
    max_examples=int(os.environ.get("PIPELINE_EXAMPLES", "60")),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40).filter(
    lambda t: t.strip()
)


@st.composite
def trees(draw: st.DrawFn) -> Tree:
    """A valid tree: questions in a random DAG order (answers only lead forward, so no cycle),
    shared nodes, outcomes with traps, scenarios, and any Unicode text."""
    questions = draw(st.integers(1, 12))
    outcomes = draw(st.integers(2, 10))
    q_ids = [f"q{i}" for i in range(questions)]
    o_ids = [f"o{i}" for i in range(outcomes)]
    nodes: dict = {}
    reached = {q_ids[0]}
    for i, q in enumerate(q_ids):
        later = q_ids[i + 1 :] + o_ids
        count = draw(st.integers(1, 4))
        targets = [draw(st.sampled_from(later)) for _ in range(count)]
        labels = draw(st.lists(TEXT, min_size=count, max_size=count, unique_by=lambda t: " ".join(t.split())))
        nodes[q] = Question(
            q,
            draw(TEXT),
            tuple(Answer(" ".join(label.split()), t) for label, t in zip(labels, targets, strict=True)),
            help=draw(st.one_of(st.just(""), TEXT)),
        )
        reached.update(targets)
    for o in o_ids:
        traps = tuple(Trap(draw(TEXT), draw(TEXT)) for _ in range(draw(st.integers(0, 2))))
        nodes[o] = Outcome(o, draw(TEXT), draw(TEXT), traps)
    kept = {n: node for n, node in nodes.items() if n in reached}
    for q in [n for n in kept if n.startswith("q")]:  # answers may lead only to kept nodes
        question = kept[q]
        answers = tuple(a for a in question.answers if a.next in kept)
        kept[q] = Question(
            q, question.text, answers or (Answer("only", next(n for n in kept if n.startswith("o"))),), question.help
        )
    reachable_outcomes = [n for n in kept if n.startswith("o")]
    scenarios = tuple(
        Scenario(draw(TEXT), draw(st.sampled_from(reachable_outcomes))) for _ in range(draw(st.integers(0, 3)))
    )
    return Tree("fuzz", draw(TEXT), q_ids[0], kept, scenarios=scenarios)


@seed(20261126)
@BUDGET
@given(trees(), st.randoms(use_true_random=False))
def test_random_trees_go_through_layout_walk_quiz_and_export(tree: Tree, rng: random.Random) -> None:
    ran("pipeline")
    assert not [p for p in validate_tree(tree) if p.is_error]

    layout = compute_layout(
        input_from_tree(tree, lambda _n: Size(120, 40), lambda text: Size(6 * len(text), 16)), LayoutOptions()
    )
    assert set(layout.nodes) == set(tree.nodes)

    walk = Walk(tree)
    for _ in range(len(tree.nodes) + 1):  # answers lead forward: an outcome is reached in time
        node = tree.nodes[walk.current_id]
        if isinstance(node, Outcome):
            break
        walk.choose(rng.randrange(len(node.answers)))
    assert isinstance(tree.nodes[walk.current_id], Outcome)

    session = build_quiz([tree], 20, rng.randrange(1000)).start()
    while session.current is not None:
        item = session.current
        if item.kind == "walk":
            while session.current is item:
                session.choose(rng.randrange(len(session.view().answers)))
        else:
            session.answer(rng.randrange(len(item.options)))
    assert session.results().answered == len(session.quiz)

    for fmt in ("dot", "mermaid", "md", "anki"):
        assert export_text(tree, fmt)
    again = load_tree_text(import_mermaid(export_text(tree, "mermaid"), tree_id="fuzz").yaml_text).tree
    assert again is not None and len(again.nodes) == len(tree.nodes)  # the importer reads our Mermaid back
    assert set(page_data(tree)["nodes"]) == set(tree.nodes)
