"""The quiz engine: items built from trees, a session that runs them, and the scores.

Qt-free so that the GUI and the plain-text mode drive the same rules. Outcomes stay hidden:
`QuizSession.view()` is the only thing a front end may show before an item is answered, and it
never carries outcome text for a walk nor any mark of the right option.

Paths are never enumerated (a chain of diamonds has exponentially many); one path is sampled by
a seeded random walk, and every graph pass is a loop, not recursion, so deep trees work too.
"""

from __future__ import annotations

import hashlib
import random
import time
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise

from trainer.core.graph import children_of, edge_labels
from trainer.core.model import Outcome, Question, Scenario, Trap, Tree
from trainer.core.routes import Route, Routes
from trainer.core.wording import reads_as
from trainer.infra.progress import Progress, advance
from trainer.infra.progress import start as start_phase

KINDS = ("walk", "choice", "path", "reverse")
MAX_OPTIONS = 4
# Distractors are searched outward from the right outcome; a node with more neighbours than this
# is sampled, so an item of a tree whose root has 5,000 answers costs what one of a small tree does.
WIDE = 16
HINT_COST = 0.5


# ---------------------------------------------------------------- items


@dataclass(frozen=True)
class Option:
    """One choice shown to the learner: an outcome (`outcome_id`, of `tree_id` when drawn from
    another tree of the quiz) or a trap (`outcome_id` "", `stands_for` the outcome it names if
    its author said so)."""

    text: str
    outcome_id: str = ""
    requirements: tuple[str, ...] = ()  # reverse items: the answers along the path
    stands_for: str = ""
    tree_id: str = ""  # "" for the item's own tree

    @property
    def denotes(self) -> str:
        """The outcome this option names ("" for a trap that names none)."""
        return self.outcome_id or self.stands_for


@dataclass(frozen=True)
class Item:
    """One question of a quiz, with its right answer kept beside what is shown."""

    key: str  # stable across edits of unrelated nodes: history is keyed by it
    kind: str
    tree_id: str
    prompt: str
    expect: str  # the right outcome's id
    right_path: tuple[str, ...]  # node ids, start to outcome
    requirements: tuple[str, ...] = ()  # path items: "Question?: answer" along right_path
    options: tuple[Option, ...] = ()  # empty for walk items
    right_option: int = -1  # index into options; -1 for walk items
    hint: str = ""  # for option items; walk items use each question's help
    hint_ruled_out: tuple[int, ...] = ()  # wrong options the hint strikes out
    route: tuple[str, ...] = ()  # walk and choice items: the scenario's route, when its facts fix one


@dataclass(frozen=True)
class Quiz:
    """The items to ask, in order, and the trees they come from (walks and feedback need them)."""

    items: tuple[Item, ...]
    seed: int
    trees: Mapping[str, Tree] = field(default_factory=dict, compare=False, repr=False)

    def __len__(self) -> int:
        return len(self.items)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(item.key for item in self.items)

    def start(self, clock: Callable[[], float] = time.monotonic, time_limit: float | None = None) -> QuizSession:
        return QuizSession(self, clock=clock, time_limit=time_limit)


# ---------------------------------------------------------------- graph facts


class _Facts:
    """What sampling needs to know about one tree, computed once in linear time."""

    def __init__(self, tree: Tree) -> None:
        self.tree = tree
        self.children = children_of(tree)
        self.labels = edge_labels(tree)
        self.parents: dict[str, list[str]] = {n: [] for n in tree.nodes}
        for node_id, targets in self.children.items():
            for target in targets:
                self.parents[target].append(node_id)
        self.reachable = _forward(self.children, tree.start) if tree.start in tree.nodes else set()
        self.outcomes = [o for o in tree.outcomes if o.id in self.reachable]  # tree order: deterministic
        self.outcome_ids = {o.id for o in self.outcomes}
        self.adjacent = {
            n: [c for c in self.children[n] if c in self.reachable]
            + [p for p in self.parents[n] if p in self.reachable]
            for n in self.reachable
        }
        self.routes = Routes(tree)
        self._leads_to: dict[str, set[str]] = {}

    def outcome(self, outcome_id: str) -> Outcome | None:
        node = self.tree.nodes.get(outcome_id)
        return node if isinstance(node, Outcome) else None

    def leads_to(self, target: str) -> set[str]:
        """Nodes from which `target` can be reached (itself included)."""
        if target not in self._leads_to:
            self._leads_to[target] = _forward(self.parents, target)
        return self._leads_to[target]

    def playable(self, expect: str) -> bool:
        """A scenario can be asked when its outcome exists and can be reached from the start."""
        return expect in self.reachable and self.outcome(expect) is not None

    def right_answers(self, question: Question, expect: str, route: Sequence[str] = ()) -> tuple[int, ...]:
        """The answers of `question` a walk scored on a scenario may take: those that stay on
        the scenario's `route`, or, where its facts fix none, those from which `expect` can
        still be reached."""
        if route:
            step = route.index(question.id) if question.id in route else -1
            there = route[step + 1] if 0 <= step < len(route) - 1 else None
            return tuple(i for i, a in enumerate(question.answers) if a.next == there)
        leads = self.leads_to(expect)
        return tuple(i for i, a in enumerate(question.answers) if a.next in leads)

    def nearest_outcomes(self, expect: str, rng: random.Random, want: int) -> list[str]:
        """Other outcomes, nearest first (siblings, then the rest of the same subtree, and so
        on outward through the drawing in either direction), each ring in random order; the
        search stops at the ring where `want` are found."""
        seen = {expect}
        ring = [expect]
        found: list[str] = []
        while ring and len(found) < want:
            outer: list[str] = []
            for node in ring:
                neighbours = self.adjacent.get(node, [])
                for n in neighbours if len(neighbours) <= WIDE else rng.sample(neighbours, WIDE):
                    if n not in seen:
                        seen.add(n)
                        outer.append(n)
            rng.shuffle(outer)
            found += [n for n in outer if n in self.outcome_ids]
            ring = outer
        return found

    def sample_path(self, target: str, rng: random.Random) -> tuple[str, ...]:
        """One start-to-target path, chosen by a random walk back from the target."""
        path = [target]
        seen = {target}
        while path[-1] != self.tree.start:
            options = [p for p in self.parents[path[-1]] if p in self.reachable and p not in seen]
            if not options:  # only possible in a tree with a cycle: take a shortest path instead
                return self._shortest_path(target)
            path.append(rng.choice(options))
            seen.add(path[-1])
        return tuple(reversed(path))

    def path_from(self, node: str, target: str, rng: random.Random) -> tuple[str, ...]:
        """A path from `node` on to `target`, by a random walk forward through nodes that lead there."""
        leads = self.leads_to(target)
        path = [node]
        seen = {node}
        while path[-1] != target:
            options = [c for c in self.children[path[-1]] if c in leads and c not in seen]
            if not options:
                break
            path.append(rng.choice(options))
            seen.add(path[-1])
        return tuple(path)

    def _shortest_path(self, target: str) -> tuple[str, ...]:
        back: dict[str, str] = {}
        queue = [self.tree.start]
        seen = {self.tree.start}
        for node in queue:  # the list grows as we go: a breadth-first search without recursion
            for child in self.children[node]:
                if child not in seen:
                    seen.add(child)
                    back[child] = node
                    queue.append(child)
        path = [target]
        while path[-1] != self.tree.start:
            path.append(back[path[-1]])
        return tuple(reversed(path))

    def requirements(self, path: Sequence[str]) -> tuple[str, ...]:
        """The answers along a path, as "Question?: answer" lines."""
        out = []
        for here, there in pairwise(path):
            node = self.tree.nodes[here]
            assert isinstance(node, Question)
            out.append(f"{node.text}: {self.labels[(here, there)]}")
        return tuple(out)


def requirements_along(tree: Tree, path: Sequence[str]) -> tuple[str, ...]:
    """The answers along `path` as "Question?: answer" lines, as path items show them."""
    return _Facts(tree).requirements(path)


def _forward(edges: Mapping[str, Sequence[str]], start: str) -> set[str]:
    seen = {start}
    stack = [start]
    while stack:
        for nxt in edges.get(stack.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return seen


@dataclass(frozen=True)
class ScenarioRoute:
    """A scenario as a walk is scored on it: the route its facts imply (or, where they fix
    none, a shortest way) from the start to its outcome, and at each question on that way the
    answers that are right."""

    scenario: Scenario
    path: tuple[str, ...]  # node ids, start to the expected outcome
    right: Mapping[str, tuple[int, ...]]  # question id on the path -> indexes of its right answers


def scenario_routes(tree: Tree) -> tuple[list[ScenarioRoute], list[Scenario]]:
    """The routes of the scenarios a quiz can ask, in the tree's order, and the scenarios it
    skips (expected outcome missing or unreachable from the start)."""
    facts = _Facts(tree)
    routes: list[ScenarioRoute] = []
    skipped: list[Scenario] = []
    for scenario in tree.scenarios:
        if not facts.playable(scenario.expect):
            skipped.append(scenario)
            continue
        route = facts.routes.of(scenario)
        if route.open:
            path = facts._shortest_path(scenario.expect)
            right = {q: facts.right_answers(_question_of(facts, q), scenario.expect) for q in path[:-1]}
            route = Route(path, right)
        routes.append(ScenarioRoute(scenario, route.path, route.right))
    return routes, skipped


# ---------------------------------------------------------------- building


@dataclass(frozen=True)
class _Spec:
    """A possible item, cheap to list: only the chosen ones are built."""

    kind: str
    tree_id: str
    key: str
    expect: str
    prompt: str = ""
    route: tuple[str, ...] = ()  # walk and choice: the scenario's route when its facts fix one


def scenario_key(tree_id: str, kind: str, prompt: str, expect: str) -> str:
    """Keyed by the scenario's own content, so edits elsewhere in the tree keep its history."""
    digest = hashlib.sha1(f"{prompt.strip()}\0{expect}".encode()).hexdigest()[:12]
    return f"{tree_id}:{kind}:{digest}"


def outcome_key(tree_id: str, kind: str, outcome_id: str) -> str:
    return f"{tree_id}:{kind}:{outcome_id}"


def key_outcome(tree_id: str, kind: str, key: str) -> str | None:
    """The outcome id an `outcome_key` names, read back from the key alone (for history whose
    outcome has left the tree); None for scenario keys, which keep only a digest of their text."""
    prefix = f"{tree_id}:{kind}:"
    if kind in ("walk", "choice") or not key.startswith(prefix):
        return None
    return key[len(prefix) :] or None


def _specs(facts: _Facts, kinds: Sequence[str]) -> list[_Spec]:
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
    facts = {t.id: _Facts(t) for t in trees}
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
            item = None
            while item is None and pools[kind]:
                spec = pools[kind].pop()
                if distinct and (spec.tree_id, spec.expect) in asked:
                    continue
                item = _build(
                    spec, facts[spec.tree_id], random.Random(f"{seed}:{spec.key}"), _related(facts, spec.tree_id)
                )
            if item is not None:
                items.append(item)
                asked.add((item.tree_id, item.expect))
                advance(progress)
            if not pools[kind]:
                order.remove(kind)
    rng.shuffle(items)
    return Quiz(tuple(items), seed, {t: f.tree for t, f in facts.items()})


def _pools(facts: Mapping[str, _Facts], kinds: Sequence[str], rng: random.Random) -> dict[str, list[_Spec]]:
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


def _related(facts: Mapping[str, _Facts], tree_id: str) -> list[_Facts]:
    """The quiz's other trees that share a tag with `tree_id`: where a tree has too few
    outcomes of its own, distractors come from these next."""
    tags = set(facts[tree_id].tree.tags)
    return [f for t, f in facts.items() if t != tree_id and tags & set(f.tree.tags)]


def chosen_trees(trees: Iterable[Tree], tree_ids: Collection[str]) -> list[Tree]:
    """The trees whose ids the learner picked, in library order and each once. An id that no
    longer names a tree (the library was reloaded since) is skipped: the rest still make a quiz."""
    wanted = set(tree_ids)
    seen: set[str] = set()
    picked: list[Tree] = []
    for tree in trees:
        if tree.id in wanted and tree.id not in seen:
            seen.add(tree.id)
            picked.append(tree)
    return picked


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


def _build(spec: _Spec, facts: _Facts, rng: random.Random, related: Sequence[_Facts] = ()) -> Item | None:
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
        options = _reverse_options(facts, spec.expect, path, rng)
        return _with_options(replace(item, prompt=f"Which answers lead to: {outcome.text}?"), options, rng, facts)
    options = _outcome_options(facts, spec.expect, rng, related)
    if spec.kind == "choice":
        return _with_options(item, options, rng, facts)
    item = replace(item, prompt="Which outcome do these answers lead to?", requirements=facts.requirements(path))
    return _with_options(item, options, rng, facts)


def _outcome_options(facts: _Facts, expect: str, rng: random.Random, related: Sequence[_Facts] = ()) -> list[Option]:
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
    facts: _Facts, expect: str, traps: list[Option], rng: random.Random, related: Sequence[_Facts]
) -> Iterable[Option]:
    yield from traps
    for outcome_id in facts.nearest_outcomes(expect, rng, 4 * MAX_OPTIONS):
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


def _reverse_options(facts: _Facts, expect: str, path: tuple[str, ...], rng: random.Random) -> list[Option]:
    """The right path's answers, then paths to up to three of the nearest other outcomes."""
    right = facts.requirements(path)
    options = [Option("; ".join(right), expect, right)]
    texts = {options[0].text}
    for outcome_id in facts.nearest_outcomes(expect, rng, MAX_OPTIONS - 1)[: MAX_OPTIONS - 1]:
        reqs = facts.requirements(facts.sample_path(outcome_id, rng))
        text = "; ".join(reqs)
        if text not in texts:
            texts.add(text)
            options.append(Option(text, outcome_id, reqs))
    return options


def _with_options(item: Item, options: list[Option], rng: random.Random, facts: _Facts) -> Item | None:
    """Shuffle the options and prepare the hint that strikes out some wrong ones."""
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


# ---------------------------------------------------------------- running


@dataclass(frozen=True)
class ItemView:
    """All a front end may show of the current, unanswered item: no outcome text for a walk,
    and nothing that tells the right option from the others."""

    number: int  # 1-based
    total: int
    kind: str
    prompt: str
    requirements: tuple[str, ...] = ()
    options: tuple[str, ...] = ()
    option_requirements: tuple[tuple[str, ...], ...] = ()  # reverse items
    question: str = ""  # walk items: the question to answer now
    answers: tuple[str, ...] = ()
    trail: tuple[str, ...] = ()  # walk items: "Question?: answer" so far
    hint: str = ""  # shown once use_hint() was called
    ruled_out: tuple[int, ...] = ()
    time_left: float | None = None


@dataclass(frozen=True)
class TrapInfo:
    option: str
    why: str


@dataclass(frozen=True)
class WrongStep:
    """Where a walk's reasoning went astray: the first answer that left the scenario's route
    (or, where its facts fix none, every way to the right outcome), and the answers its facts
    pointed to there."""

    question_id: str
    question: str
    answer: str
    note: str
    right_answers: tuple[str, ...] = ()


RIGHT, WRONG, TIMED_OUT, UNANSWERED = "right", "wrong", "timed out", "unanswered"


@dataclass(frozen=True)
class Feedback:
    """The verdict on one item, and its review record at the end of the quiz."""

    key: str
    kind: str
    tree_id: str
    prompt: str
    status: str  # RIGHT, WRONG, TIMED_OUT or UNANSWERED
    score: float
    hinted: bool
    answer: str  # what the learner chose: option text, or the outcome their walk reached
    chosen_path: tuple[str, ...]  # walk items: node ids visited
    right_outcome_id: str
    right_outcome_text: str
    explanation: str
    traps: tuple[TrapInfo, ...]
    right_path: tuple[str, ...]
    requirements: tuple[str, ...] = ()
    wrong_step: WrongStep | None = None

    @property
    def right(self) -> bool:
        return self.status == RIGHT

    def astray(self) -> str:
        """Where a wrong walk's reasoning left the scenario's route, in a sentence ("" when it
        did not): the question, the answer given and the ones the facts point to. A walk that
        reached the right outcome all the same is told so, since that is what it must unlearn."""
        step = self.wrong_step
        if step is None:
            return ""
        wanted = " or ".join(f"“{label}”" for label in step.right_answers)
        pointed = f"; the scenario's facts point to {wanted}" if wanted else ""
        if self.chosen_path and self.chosen_path[-1] == self.right_outcome_id:
            return (
                f"You reached the right outcome by a route the scenario rules out: at “{step.question}” "
                f"you answered “{step.answer}”{pointed}."
            )
        return f"Your path left the right one at “{step.question}”: you answered “{step.answer}”{pointed}."


@dataclass(frozen=True)
class Results:
    score: float
    max_score: int  # every item of the quiz, answered or not
    answered: int
    right: int
    wrong: int  # timed-out items included
    unanswered: int
    elapsed: float  # seconds, by the session's clock
    items: tuple[Feedback, ...]  # in quiz order; unanswered ones have status UNANSWERED

    @property
    def percentage(self) -> float:
        return 100.0 * self.score / self.max_score if self.max_score else 0.0

    @property
    def answered_percentage(self) -> float:
        """The score over the items actually answered: fair to a quiz ended early."""
        return 100.0 * self.score / self.answered if self.answered else 0.0


class QuizSession:
    """Runs a quiz item by item. `clock` returns seconds; tests pass a fake one."""

    def __init__(
        self, quiz: Quiz, clock: Callable[[], float] = time.monotonic, time_limit: float | None = None
    ) -> None:
        self.quiz = quiz
        self.clock = clock
        self.time_limit = time_limit
        self.index = 0
        self.feedbacks: list[Feedback] = []
        self.ended = False
        self._facts = {tree_id: _Facts(tree) for tree_id, tree in quiz.trees.items()}
        self._started = clock()
        self._finished: float | None = None
        self._begin_item()

    # -- state

    @property
    def done(self) -> bool:
        return self.ended or self.index >= len(self.quiz.items)

    @property
    def current(self) -> Item | None:
        return None if self.done else self.quiz.items[self.index]

    @property
    def feedback(self) -> Feedback | None:
        """The verdict on the item answered last."""
        return self.feedbacks[-1] if self.feedbacks else None

    def time_left(self) -> float | None:
        if self.time_limit is None or self.done:
            return None
        return max(0.0, self.time_limit - (self.clock() - self._item_started))

    def _begin_item(self) -> None:
        self._item_started = self.clock()
        self._steps: list[tuple[str, int]] = []  # walk: (question id, answer index)
        self._hinted = False
        self._hint = ""
        self._ruled_out: tuple[int, ...] = ()
        if self.done and self._finished is None:
            self._finished = self.clock()

    def _item(self) -> Item:
        item = self.current
        if item is None:
            raise RuntimeError("the quiz is over: no current item")
        return item

    def _walk_node(self) -> str:
        """Where the current walk stands: the start, or where the last answer led."""
        if not self._steps:
            return self.quiz.trees[self._item().tree_id].start
        question_id, index = self._steps[-1]
        return _question_of(self._facts[self._item().tree_id], question_id).answers[index].next

    # -- what may be shown

    def view(self) -> ItemView:
        item = self._item()
        common = ItemView(
            number=self.index + 1,
            total=len(self.quiz.items),
            kind=item.kind,
            prompt=item.prompt,
            hint=self._hint,
            ruled_out=self._ruled_out,
            time_left=self.time_left(),
        )
        if item.kind != "walk":
            return replace(
                common,
                requirements=item.requirements,
                options=tuple(o.text for o in item.options),
                option_requirements=tuple(o.requirements for o in item.options) if item.kind == "reverse" else (),
            )
        facts = self._facts[item.tree_id]
        question = _question_of(facts, self._walk_node())
        trail = tuple(
            f"{_question_of(facts, q).text}: {_question_of(facts, q).answers[i].label}" for q, i in self._steps
        )
        return replace(common, question=question.text, answers=tuple(a.label for a in question.answers), trail=trail)

    def use_hint(self) -> str:
        """The hint for the current item (walk: the current question's help). Using one caps
        a right answer at half a point; a hint with nothing to say costs nothing."""
        item = self._item()
        if item.kind == "walk":
            hint, ruled_out = self._walk_hint(item)
        else:
            hint, ruled_out = item.hint, item.hint_ruled_out
        if hint:
            self._hinted = True
            self._hint, self._ruled_out = hint, ruled_out
        return hint

    def _walk_hint(self, item: Item) -> tuple[str, tuple[int, ...]]:
        facts = self._facts[item.tree_id]
        question = _question_of(facts, self._walk_node())
        if question.help.strip():
            return question.help.strip(), ()
        right = facts.right_answers(question, item.expect, item.route)
        dead = [i for i in range(len(question.answers)) if i not in right]
        if not dead or len(dead) == len(question.answers):
            return "", ()
        return f"Not answer {dead[0] + 1}.", (dead[0],)

    # -- answering

    def answer(self, index: int) -> Feedback:
        """Pick option `index` (0-based) of a choice, path or reverse item."""
        item = self._item()
        if item.kind == "walk":
            raise ValueError("a walk item is answered question by question with choose()")
        if not 0 <= index < len(item.options):
            raise IndexError(f"no option at index {index} ({len(item.options)} options)")
        status = RIGHT if index == item.right_option else WRONG
        return self._finish(item, status, item.options[index].text)

    def choose(self, index: int) -> Feedback | None:
        """Answer the current question of a walk item; the feedback once the walk reaches an outcome."""
        item = self._item()
        if item.kind != "walk":
            raise ValueError(f"a {item.kind} item is answered with answer()")
        facts = self._facts[item.tree_id]
        node = self._walk_node()
        question = _question_of(facts, node)
        if not 0 <= index < len(question.answers):
            raise IndexError(f"no answer at index {index} of '{node}' ({len(question.answers)} answers)")
        self._steps.append((node, index))
        reached = facts.tree.nodes.get(question.answers[index].next)
        if self._expired():
            return self._finish(item, TIMED_OUT, "")
        if isinstance(reached, Question):
            return None
        right = reached is not None and reached.id == item.expect and self._on_route(item)
        return self._finish(item, RIGHT if right else WRONG, reached.text if reached is not None else "")

    def _on_route(self, item: Item) -> bool:
        """Whether every answer of the walk so far stayed on the scenario's route (always, where
        its facts fix none): the right outcome reached by reasoning the facts rule out is wrong."""
        if not item.route:
            return True
        facts = self._facts[item.tree_id]
        return all(i in facts.right_answers(_question_of(facts, q), item.expect, item.route) for q, i in self._steps)

    def time_out(self) -> Feedback:
        """The item's time ran out without an answer (a front end's timer calls this)."""
        return self._finish(self._item(), TIMED_OUT, "")

    def _expired(self) -> bool:
        return self.time_limit is not None and self.clock() - self._item_started > self.time_limit

    def _finish(self, item: Item, status: str, answer: str) -> Feedback:
        if status != TIMED_OUT and self._expired():
            status = TIMED_OUT
        score = (HINT_COST if self._hinted else 1.0) if status == RIGHT else 0.0
        feedback = self._record(item, status, score, answer)
        self.feedbacks.append(feedback)
        self.index += 1
        self._begin_item()
        return feedback

    def _record(self, item: Item, status: str, score: float, answer: str) -> Feedback:
        facts = self._facts[item.tree_id]
        outcome = facts.outcome(item.expect)
        assert outcome is not None
        chosen: tuple[str, ...] = ()
        right_path, wrong = item.right_path, None
        if item.kind == "walk" and status != UNANSWERED:
            chosen, right_path, wrong = self._walk_review(item, facts)
        return Feedback(
            key=item.key,
            kind=item.kind,
            tree_id=item.tree_id,
            prompt=item.prompt,
            status=status,
            score=score,
            hinted=self._hinted,
            answer=answer,
            chosen_path=chosen,
            right_outcome_id=outcome.id,
            right_outcome_text=outcome.text,
            explanation=outcome.explanation,
            traps=tuple(TrapInfo(t.option, t.why) for t in outcome.traps),
            right_path=right_path,
            requirements=item.requirements,
            wrong_step=wrong,
        )

    def _walk_review(self, item: Item, facts: _Facts) -> tuple[tuple[str, ...], tuple[str, ...], WrongStep | None]:
        """The learner's path, the right path (the scenario's route; where its facts fix none,
        the way nearest theirs: their answers up to the first wrong one, then on to the
        outcome), and that first wrong step."""
        chosen = [facts.tree.start]
        wrong: WrongStep | None = None
        good = len(self._steps)  # how many of the learner's answers stayed right
        for step, (question_id, index) in enumerate(self._steps):
            question = _question_of(facts, question_id)
            answer = question.answers[index]
            allowed = facts.right_answers(question, item.expect, item.route)
            if wrong is None and index not in allowed:
                labels = tuple(question.answers[i].label for i in allowed)
                wrong = WrongStep(question_id, question.text, answer.label, answer.note.strip(), labels)
                good = step
            chosen.append(answer.next)
        if item.route:
            return tuple(chosen), item.route, wrong
        rng = random.Random(f"{self.quiz.seed}:{item.key}:review")
        right = tuple(chosen[:good]) + facts.path_from(chosen[good], item.expect, rng)
        if right[-1] != item.expect:  # a timed-out walk stopped short: keep the sampled path
            right = item.right_path
        return tuple(chosen), right, wrong

    # -- the end

    def end(self) -> Results:
        """Stop now; items not reached count as unanswered, not wrong."""
        if not self.ended:
            self.ended = True
            if self._finished is None:
                self._finished = self.clock()
        return self.results()

    def results(self) -> Results:
        answered = list(self.feedbacks)
        unanswered = [self._unanswered(item) for item in self.quiz.items[len(answered) :]]
        finished = self._finished if self._finished is not None else self.clock()
        return Results(
            score=sum(f.score for f in answered),
            max_score=len(self.quiz.items),
            answered=len(answered),
            right=sum(f.status == RIGHT for f in answered),
            wrong=sum(f.status != RIGHT for f in answered),
            unanswered=len(unanswered),
            elapsed=finished - self._started,
            items=tuple(answered + unanswered),
        )

    def _unanswered(self, item: Item) -> Feedback:
        facts = self._facts[item.tree_id]
        outcome = facts.outcome(item.expect)
        assert outcome is not None
        return Feedback(
            key=item.key,
            kind=item.kind,
            tree_id=item.tree_id,
            prompt=item.prompt,
            status=UNANSWERED,
            score=0.0,
            hinted=False,
            answer="",
            chosen_path=(),
            right_outcome_id=outcome.id,
            right_outcome_text=outcome.text,
            explanation=outcome.explanation,
            traps=tuple(TrapInfo(t.option, t.why) for t in outcome.traps),
            right_path=item.right_path,
            requirements=item.requirements,
        )

    def missed(self, include_unanswered: bool = False) -> Quiz:
        """A quiz of the items answered wrong or too late (and, if asked, those not reached), in
        their original order and with the same seed."""
        statuses = {f.key: f.status for f in self.results().items}
        wanted = {WRONG, TIMED_OUT} | ({UNANSWERED} if include_unanswered else set())
        items = tuple(i for i in self.quiz.items if statuses[i.key] in wanted)
        return Quiz(items, self.quiz.seed, self.quiz.trees)


def _question_of(facts: _Facts, node_id: str) -> Question:
    node = facts.tree.nodes[node_id]
    assert isinstance(node, Question), f"'{node_id}' is not a question"
    return node
