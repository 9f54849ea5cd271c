"""Generated decision trees for the graph benchmark: the shape and text of a real tree, any size.

`generate_tree_yaml(nodes, seed)` writes a valid format-1 tree of exactly `nodes` nodes:

- a tree grown breadth-first, each question with 2-4 answers; about a third of the nodes that
  could branch end as outcomes instead, so branches have different depths;
- about 5% shared nodes: an extra answer of a question leads to a node that already exists on a
  deeper layer (mostly nearby, some far across the drawing: the long cross-links). Every edge goes
  from a node to one of greater depth in the grown tree, so no cycle can appear;
- realistic text: questions of 40-120 characters of varied words, answer labels of 2-30
  (distinct within a question), outcomes of 20-60, a one-sentence explanation per outcome;
- one scenario per outcome, with its route where several ways reach it, so the tree validates
  with no problem at all.

Deterministic for a given (nodes, seed). 50,000 nodes take well under a second or two.
"""

from __future__ import annotations

import json
import random

WORDS = [
    "data",
    "workload",
    "traffic",
    "region",
    "account",
    "users",
    "requests",
    "storage",
    "latency",
    "throughput",
    "budget",
    "team",
    "service",
    "cluster",
    "network",
    "cache",
    "queue",
    "stream",
    "backup",
    "archive",
    "replica",
    "partition",
    "schema",
    "table",
    "index",
    "query",
    "report",
    "dashboard",
    "pipeline",
    "batch",
    "event",
    "message",
    "topic",
    "consumer",
    "producer",
    "gateway",
    "endpoint",
    "certificate",
    "key",
    "secret",
    "policy",
    "role",
    "permission",
    "audit",
    "log",
    "metric",
    "alarm",
    "threshold",
    "scaling",
    "capacity",
    "instance",
    "container",
    "function",
    "runtime",
    "image",
    "build",
    "release",
    "deployment",
    "rollback",
    "canary",
    "blue",
    "green",
    "shard",
    "tenant",
    "customer",
    "partner",
    "vendor",
    "contract",
    "compliance",
    "encryption",
    "retention",
    "lifecycle",
    "migration",
    "transfer",
    "bandwidth",
    "connection",
    "tunnel",
    "peering",
    "private",
    "public",
    "internal",
    "external",
    "critical",
    "optional",
    "daily",
    "hourly",
    "weekly",
    "monthly",
    "yearly",
    "sensitive",
    "regulated",
    "personal",
    "anonymous",
    "shared",
    "dedicated",
    "managed",
    "serverless",
    "legacy",
    "modern",
    "existing",
    "new",
    "large",
    "small",
    "global",
    "local",
    "regional",
    "zonal",
    "durable",
    "temporary",
    "consistent",
    "eventual",
    "ordered",
    "unordered",
    "synchronous",
    "asynchronous",
    "read",
    "write",
    "heavy",
    "light",
    "spiky",
    "steady",
    "predictable",
    "bursty",
    "offline",
    "online",
    "mobile",
    "desktop",
    "browser",
    "partner-facing",
    "customer-facing",
    "on-premises",
    "hybrid",
    "edge",
    "central",
    "mainframe",
    "warehouse",
    "lake",
    "catalogue",
    "search",
    "graph",
    "relational",
    "document",
    "key-value",
    "time-series",
    "ledger",
    "vector",
    "file",
    "block",
    "object",
]
QUESTION_OPENERS = (
    "Does the",
    "Is the",
    "Must the",
    "Will the",
    "Can the",
    "Should the",
    "Do most of the",
    "Is any of the",
    "Has the",
    "Are the",
    "Would the",
    "Does every",
)
OUTCOME_OPENERS = ("Use", "Choose", "Prefer", "Deploy", "Keep", "Move to", "Adopt", "Run", "Put")
EXPLANATION_OPENERS = (
    "This fits because the",
    "It keeps the",
    "Only this option lets the",
    "The deciding factor is that the",
    "It is the cheapest way to keep the",
    "Nothing else handles the",
)
SHORT_LABELS = ("Yes", "No", "Not sure", "Sometimes", "Rarely", "Always", "Never", "Partly", "Mostly", "Unknown")

SHARED_SHARE = 0.05  # shared nodes as a share of all nodes
OUTCOME_CHANCE = 0.32  # a node below the first two layers ends as an outcome this often


def _phrase(rng: random.Random, opener: str, low: int, high: int, end: str) -> str:
    """`opener` plus varied words, `low`-`high` characters long including `end`."""
    target = rng.randint(low, high)
    words = [opener]
    length = len(opener) + len(end)
    while length < target:
        word = rng.choice(WORDS)
        if length + 1 + len(word) > high:
            break
        words.append(word)
        length += 1 + len(word)
    text = " ".join(words) + end
    while len(text) < low:  # only when the opener is long and the words drawn were too long
        text = text[: -len(end) or None] + " on" + end
    return text


def _labels(rng: random.Random, count: int) -> list[str]:
    """`count` distinct answer labels of 2-30 characters."""
    labels: list[str] = []
    while len(labels) < count:
        if rng.random() < 0.35:
            label = rng.choice(SHORT_LABELS)
        else:
            label = _phrase(rng, rng.choice(WORDS).capitalize(), 2, 30, "")
        if label not in labels:
            labels.append(label)
    return labels


def _q(text: str) -> str:
    return json.dumps(text)  # a JSON string is a valid YAML double-quoted scalar


def generate_tree_yaml(nodes: int, seed: int) -> str:
    """A valid format-1 tree of exactly `nodes` nodes (at least 3), deterministic per seed."""
    if nodes < 3:
        raise ValueError("a generated tree needs at least 3 nodes (a question and two answers)")
    rng = random.Random(seed)
    depth = [0]
    children: list[list[int]] = [[]]
    is_question = [False]
    frontier = [0]  # nodes not yet decided, breadth-first
    tree_parent = [0]  # each node's parent in the tree before sharing (the root its own)
    head = 0
    count = 1
    while head < len(frontier):
        node = frontier[head]
        head += 1
        budget = nodes - count
        last_open = head == len(frontier)  # stopping here would leave the tree short
        if budget < 2 or (depth[node] >= 2 and not last_open and rng.random() < OUTCOME_CHANCE):
            continue  # an outcome
        k = min(rng.randint(2, 4), budget)
        if budget - k == 1:  # one node left over could never be placed: take it now or leave two
            k = k + 1 if k < 4 else k - 1
        is_question[node] = True
        for _ in range(k):
            tree_parent.append(node)
            children[node].append(count)
            depth.append(depth[node] + 1)
            children.append([])
            is_question.append(False)
            frontier.append(count)
            count += 1
    assert count == nodes, (count, nodes)

    _add_shared(rng, nodes, depth, children, is_question)

    ids = [f"q{i}" if is_question[i] else f"o{i}" for i in range(nodes)]
    out = [
        "format: 1",
        f"id: generated-{nodes}-{seed}",
        f"title: {_q(f'Generated tree of {nodes} nodes (seed {seed})')}",
        "summary: A generated tree for the graph benchmark.",
        f"start: {ids[0]}",
        "nodes:",
    ]
    outcomes: list[int] = []
    for i in range(nodes):
        out.append(f"  {ids[i]}:")
        if is_question[i]:
            text = _phrase(rng, rng.choice(QUESTION_OPENERS), 40, 120, "?")
            out.append(f"    question: {_q(text)}")
            out.append("    answers:")
            for label, child in zip(_labels(rng, len(children[i])), children[i], strict=True):
                out.append(f"      - label: {_q(label)}")
                out.append(f"        next: {ids[child]}")
        else:
            outcomes.append(i)
            out.append(f"    outcome: {_q(_phrase(rng, rng.choice(OUTCOME_OPENERS), 20, 60, ''))}")
            out.append(f"    explanation: {_q(_phrase(rng, rng.choice(EXPLANATION_OPENERS), 50, 140, '.'))}")
    out.append("scenarios:")
    several = _reached_several_ways(children)
    for i in outcomes:
        out.append(f"  - prompt: {_q(_phrase(rng, 'A case where the', 30, 90, '.'))}")
        out.append(f"    expect: {ids[i]}")
        if several[i]:  # say which way its facts imply, as an author must
            out.append(f"    route: [{', '.join(ids[q] for q in _tree_route(i, tree_parent))}]")
    return "\n".join(out) + "\n"


def _reached_several_ways(children: list[list[int]]) -> list[bool]:
    """Whether more than one way leads from the root to each node. Every answer leads to a node
    of a later index (breadth-first numbering, shared targets deeper), so one pass in index
    order counts the ways."""
    ways = [0] * len(children)
    ways[0] = 1
    for node, targets in enumerate(children):
        for child in targets:
            ways[child] = min(2, ways[child] + ways[node])
    return [w > 1 for w in ways]


def _tree_route(node: int, tree_parent: list[int]) -> list[int]:
    """The questions from the root down to `node` along the tree edges (before sharing)."""
    route: list[int] = []
    while node != 0:
        node = tree_parent[node]
        route.append(node)
    return route[::-1]


def _add_shared(
    rng: random.Random, nodes: int, depth: list[int], children: list[list[int]], is_question: list[bool]
) -> None:
    """Make about SHARED_SHARE of the nodes shared: give a question with fewer than 4 answers one
    more, to a node of greater depth that it does not lead to yet. Four in five targets are near
    (a layer or two down, close in breadth-first order: branches that converge), the rest
    anywhere deeper (long cross-links)."""
    by_depth: dict[int, list[int]] = {}
    for node in range(nodes):
        by_depth.setdefault(depth[node], []).append(node)
    max_depth = max(by_depth)
    position = {node: i for nodes_at in by_depth.values() for i, node in enumerate(nodes_at)}
    candidates = [n for n in range(nodes) if is_question[n] and len(children[n]) < 4 and depth[n] < max_depth]
    rng.shuffle(candidates)
    wanted = round(nodes * SHARED_SHARE)
    shared: set[int] = set()
    for source in candidates:
        if len(shared) >= wanted:
            break
        if rng.random() < 0.8:
            layer = by_depth[min(depth[source] + rng.randint(1, 2), max_depth)]
            # around where this question's own children sit in that layer
            anchor = position[children[source][0]]  # a tree child: one layer down
            if depth[layer[0]] != depth[source] + 1:
                anchor = anchor * len(layer) // len(by_depth[depth[source] + 1])
            window = rng.randint(-12, 12)
            target = layer[min(max(anchor + window, 0), len(layer) - 1)]
        else:
            layer = by_depth[rng.randint(depth[source] + 1, max_depth)]
            target = rng.choice(layer)
        if target in children[source] or target in shared or target == 0:
            continue
        children[source].append(target)
        shared.add(target)
