"""Building a quiz: which items it asks, drawn from the trees by seed, and each item made.

The same seed gives the same quiz, and each item draws from its own random generator, so one
item's choices never shift another's. The wrong options come from `trainer.study.distractors`.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from trainer.core.model import Tree
from trainer.infra.progress import Progress, advance
from trainer.infra.progress import start as start_phase
from trainer.study.distractors import outcome_options, reverse_options, with_options
from trainer.study.items import KINDS, Item, outcome_key, scenario_key
from trainer.study.quiz import Quiz
from trainer.study.tree_facts import TreeFacts


@dataclass(frozen=True)
class _Spec:
    """A possible item, cheap to list: only the chosen ones are built."""

    kind: str
    tree_id: str
    key: str
    expect: str
    prompt: str = ""
    route: tuple[str, ...] = ()  # walk and choice: the scenario's route when its facts fix one


def build_quiz(
    trees: Iterable[Tree],
    count: int,
    seed: int,
    kinds: Sequence[str] | None = None,
    progress: Progress | None = None,
    distinct: bool = True,
) -> Quiz:
    """Up to `count` items from `trees`, kinds taken in turn so a quiz mixes them; the same
    seed gives the same quiz. Items a tree cannot support (too few options) are skipped.
    With `distinct` (the default) no two items share an outcome, so no scenario is asked twice
    and no item's text or feedback gives away another's answer: a quiz has at most as many
    items as its trees have outcomes. `progress` hears of each item built."""
    kinds = tuple(kinds) if kinds else KINDS
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        raise ValueError(f"unknown item kind(s): {', '.join(unknown)}; expected {', '.join(KINDS)}")
    rng = random.Random(seed)
    start_phase(progress, "Building the quiz")
    facts = {t.id: TreeFacts(t) for t in trees}
    pools = _pools(facts, kinds, rng)
    start_phase(progress, "Building the quiz", min(count, sum(len(pool) for pool in pools.values())))
    items: list[Item] = []
    asked: set[tuple[str, str]] = set()  # (tree id, outcome id) of the items so far
    order = [k for k in kinds if pools[k]]
    rng.shuffle(order)
    while len(items) < count and order:
        for kind in list(order):
            if len(items) >= count:
                break
            item = _next_item(pools[kind], facts, seed, asked if distinct else set())
            if item is not None:
                items.append(item)
                asked.add((item.tree_id, item.expect))
                advance(progress)
            if not pools[kind]:
                order.remove(kind)
    rng.shuffle(items)
    return Quiz(tuple(items), seed, {t: f.tree for t, f in facts.items()})


def _next_item(
    pool: list[_Spec], facts: Mapping[str, TreeFacts], seed: int, asked: set[tuple[str, str]]
) -> Item | None:
    """The next item `pool` can make about an outcome not `asked` yet (None when it runs out)."""
    while pool:
        spec = pool.pop()
        if (spec.tree_id, spec.expect) in asked:
            continue
        item = _build(spec, facts[spec.tree_id], random.Random(f"{seed}:{spec.key}"), _related(facts, spec.tree_id))
        if item is not None:
            return item
    return None


def _specs(facts: TreeFacts, kinds: Sequence[str]) -> list[_Spec]:
    tree = facts.tree
    out: list[_Spec] = []
    for kind in ("walk", "choice"):
        if kind in kinds:
            for sc in tree.scenarios:
                if facts.playable(sc.expect):
                    key = scenario_key(tree.id, kind, sc.prompt, sc.expect)
                    out.append(_Spec(kind, tree.id, key, sc.expect, sc.prompt.strip(), facts.routes.of(sc).path))
    for kind in ("path", "reverse"):
        if kind in kinds:
            out += [_Spec(kind, tree.id, outcome_key(tree.id, kind, o.id), o.id) for o in facts.outcomes]
    return out


def _pools(facts: Mapping[str, TreeFacts], kinds: Sequence[str], rng: random.Random) -> dict[str, list[_Spec]]:
    """The possible items of each kind, each key once, in random order."""
    pools: dict[str, list[_Spec]] = {k: [] for k in kinds}
    seen: set[str] = set()
    for f in facts.values():
        for spec in _specs(f, kinds):
            if spec.key not in seen:
                seen.add(spec.key)
                pools[spec.kind].append(spec)
    for pool in pools.values():
        rng.shuffle(pool)
    return pools


def _related(facts: Mapping[str, TreeFacts], tree_id: str) -> list[TreeFacts]:
    """The quiz's other trees that share a tag with `tree_id`: where a tree has too few
    outcomes of its own, distractors come from these next."""
    tags = set(facts[tree_id].tree.tags)
    return [f for t, f in facts.items() if t != tree_id and tags & set(f.tree.tags)]


def review_quiz(
    trees: Iterable[Tree],
    due: Sequence[tuple[str, str]],
    count: int,
    seed: int,
    kinds: Sequence[str] | None = None,
    progress: Progress | None = None,
) -> Quiz:
    """A quiz of the items due for review: the `count` most overdue of `due` ((tree id, item
    key), soonest first) that the trees can still make, in the quiz's own order, no two of one
    outcome (the later one waits for the next review). Empty when none."""
    trees = list(trees)
    everything = build_quiz(trees, 1_000_000, seed, kinds, progress, distinct=False)
    by_key = {(i.tree_id, i.key): i for i in everything.items}
    chosen: set[tuple[str, str]] = set()
    outcomes: set[tuple[str, str]] = set()
    for wanted in due:
        item = by_key.get(wanted)
        if item is None or (item.tree_id, item.expect) in outcomes or len(chosen) >= count:
            continue
        chosen.add(wanted)
        outcomes.add((item.tree_id, item.expect))
    return Quiz(tuple(i for i in everything.items if (i.tree_id, i.key) in chosen), seed, everything.trees)


def _build(spec: _Spec, facts: TreeFacts, rng: random.Random, related: Sequence[TreeFacts] = ()) -> Item | None:
    """One item; each draws from its own RNG, so one item's choices never shift another's."""
    path = spec.route or facts.sample_path(spec.expect, rng)
    item = Item(
        key=spec.key,
        kind=spec.kind,
        tree_id=spec.tree_id,
        prompt=spec.prompt,
        expect=spec.expect,
        right_path=path,
        route=spec.route,
    )
    if spec.kind == "walk":
        return item
    if spec.kind == "reverse":
        outcome = facts.outcome(spec.expect)
        assert outcome is not None
        options = reverse_options(facts, spec.expect, path, rng)
        return with_options(replace(item, prompt=f"Which answers lead to: {outcome.text}?"), options, rng, facts)
    options = outcome_options(facts, spec.expect, rng, related)
    if spec.kind == "choice":
        return with_options(item, options, rng, facts)
    item = replace(item, prompt="Which outcome do these answers lead to?", requirements=facts.requirements(path))
    return with_options(item, options, rng, facts)
