"""The quiz's distractors: the wrong options an item offers beside the right one, chosen to be
plausible and fair, and the hint that strikes some of them out.

Plausible: an outcome's own traps first (the mistakes it is known for), then the outcomes
nearest it in the drawing, then outcomes of the quiz's trees with a tag in common. Fair: no
wrong option names the right answer, in whole or in part, and no two read as one another.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import replace

from trainer.core.model import Trap
from trainer.core.wording import reads_as
from trainer.study.items import Item, Option
from trainer.study.tree_facts import TreeFacts

MAX_OPTIONS = 4
# Distractors are searched outward from the right outcome; a node with more neighbours than this
# is sampled, so an item of a tree whose root has 5,000 answers costs what one of a small tree does.
WIDE = 16


def nearest_outcomes(facts: TreeFacts, expect: str, rng: random.Random, want: int) -> list[str]:
    """Other outcomes, nearest first (siblings, then the rest of the same subtree, and so on
    outward through the drawing in either direction), each ring in random order; the search
    stops at the ring where `want` are found."""
    seen = {expect}
    ring = [expect]
    found: list[str] = []
    while ring and len(found) < want:
        outer: list[str] = []
        for node in ring:
            neighbours = facts.adjacent.get(node, [])
            for n in neighbours if len(neighbours) <= WIDE else rng.sample(neighbours, WIDE):
                if n not in seen:
                    seen.add(n)
                    outer.append(n)
        rng.shuffle(outer)
        found += [n for n in outer if n in facts.outcome_ids]
        ring = outer
    return found


def outcome_options(
    facts: TreeFacts, expect: str, rng: random.Random, related: Sequence[TreeFacts] = ()
) -> list[Option]:
    """The right outcome, then fair distractors, most plausible first: up to two of its own
    traps (the mistakes it is known for), then the nearest other outcomes (siblings, then the
    same subtree), then outcomes of the quiz's trees with a tag in common. Another outcome's
    traps are never drawn: a trap is wrong for its own outcome only, and is often another's
    right answer. A candidate that reads as an option already taken (or names its outcome) is
    passed over, so no wrong option names the right answer, in whole or in part."""
    right = facts.outcome(expect)
    assert right is not None
    own = [_trap_option(t) for t in right.traps if t.stands_for != expect]
    rng.shuffle(own)
    options = [Option(right.text, right.id)]
    for candidate in _candidates(facts, expect, own[:2], rng, related):
        if len(options) == MAX_OPTIONS:
            break
        if all(fair_pair(candidate, taken) for taken in options):
            options.append(candidate)
    return options


def _trap_option(trap: Trap) -> Option:
    return Option(trap.option, stands_for=trap.stands_for)


def _candidates(
    facts: TreeFacts, expect: str, traps: list[Option], rng: random.Random, related: Sequence[TreeFacts]
) -> Iterable[Option]:
    yield from traps
    for outcome_id in nearest_outcomes(facts, expect, rng, 4 * MAX_OPTIONS):
        yield Option(facts.tree.nodes[outcome_id].text, outcome_id)
    others = [(f.tree.id, o) for f in related for o in f.outcomes]
    for tree_id, outcome in rng.sample(others, min(len(others), 4 * MAX_OPTIONS)):
        yield Option(outcome.text, outcome.id, tree_id=tree_id)


def fair_pair(a: Option, b: Option) -> bool:
    """Whether two options of one item can stand side by side: they name different outcomes,
    and neither text reads as the other. Two outcomes of the same tree are told apart by the
    question between them, so only one containing the other counts for them; any text the
    tree does not fix (a trap, another tree's outcome) must not be a near-duplicate either."""
    if a.denotes and a.denotes == b.denotes and a.tree_id == b.tree_id:
        return False
    same_tree_outcomes = bool(a.outcome_id and b.outcome_id and a.tree_id == b.tree_id)
    return not reads_as(a.text, b.text, near=not same_tree_outcomes)


def reverse_options(facts: TreeFacts, expect: str, path: tuple[str, ...], rng: random.Random) -> list[Option]:
    """The right path's answers, then paths to up to three of the nearest other outcomes."""
    right = facts.requirements(path)
    options = [Option("; ".join(right), expect, right)]
    texts = {options[0].text}
    for outcome_id in nearest_outcomes(facts, expect, rng, MAX_OPTIONS - 1)[: MAX_OPTIONS - 1]:
        reqs = facts.requirements(facts.sample_path(outcome_id, rng))
        text = "; ".join(reqs)
        if text not in texts:
            texts.add(text)
            options.append(Option(text, outcome_id, reqs))
    return options


def with_options(item: Item, options: list[Option], rng: random.Random, facts: TreeFacts) -> Item | None:
    """`item` offering `options` (the right one first) shuffled, with the hint that strikes
    out some wrong ones; None when there is nothing to choose between."""
    if len(options) < 2:
        return None
    right = options[0]
    rng.shuffle(options)
    right_index = options.index(right)
    wrong = [i for i in range(len(options)) if i != right_index]
    ruled_out = tuple(sorted(rng.sample(wrong, (len(options) - 1) // 2)))
    hint = "Not " + ", ".join(f"option {i + 1}" for i in ruled_out) + "." if ruled_out else ""
    if item.kind == "choice" and len(item.right_path) > 1:
        first = facts.tree.nodes[item.right_path[0]]
        hint = " ".join(p for p in (f"Start with: {first.text}", hint) if p)
    return replace(item, options=tuple(options), right_option=right_index, hint=hint, hint_ruled_out=ruled_out)
