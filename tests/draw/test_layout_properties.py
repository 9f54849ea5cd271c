"""Properties of the layout on random trees and DAGs (hypothesis): nothing overlaps, parents are
above their children, labels stay off nodes, edges stay out of nodes, output is deterministic, a
pure tree is drawn tidily with no crossing, and the fast crossing counter agrees with brute force."""

from __future__ import annotations

from itertools import combinations, pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.draw.test_layout import brute_force_crossings, hits_inside
from trainer.draw.layout import (
    Layout,
    LayoutInput,
    LayoutOptions,
    Size,
    compute_layout,
    count_crossings,
)

SETTINGS = settings(max_examples=150, deadline=None, database=None)


@st.composite
def graphs(draw: st.DrawFn, shared: bool = True) -> LayoutInput:
    """A random tree (branching 1-4, nodes numbered so parents come first) with, if `shared`,
    extra answers from a node to later-numbered ones (so no cycle), random sizes and labels."""
    n = draw(st.integers(1, 40))
    children: dict[str, list[str]] = {"n0": []}
    for i in range(1, n):
        open_parents = [p for p in children if len(children[p]) < 4]
        parent = draw(st.sampled_from(open_parents))
        children[parent].append(f"n{i}")
        children[f"n{i}"] = []
    if shared and n > 2:
        for _ in range(draw(st.integers(0, n // 3))):
            u, v = sorted(draw(st.lists(st.integers(0, n - 1), min_size=2, max_size=2, unique=True)))
            targets = children[f"n{u}"]
            if f"n{v}" not in targets:
                targets.insert(draw(st.integers(0, len(targets))), f"n{v}")
    sizes = {k: Size(draw(st.floats(20, 260)), draw(st.floats(20, 120))) for k in children}
    labels = {}
    for s, ts in children.items():
        for t in ts:
            if draw(st.booleans()):
                labels[(s, t)] = Size(draw(st.floats(0, 300)), draw(st.floats(0, 40)))
    return LayoutInput("n0", children, sizes, labels)


directions = st.sampled_from(["down", "right"])


def parent_before_child(layout: Layout, source: str, target: str, direction: str) -> bool:
    a, b = layout.nodes[source], layout.nodes[target]
    return b.y > a.bottom if direction == "down" else b.x > a.right


@SETTINGS
@given(graphs(), directions)
def test_nothing_overlaps_and_parents_come_first(inp: LayoutInput, direction: str) -> None:
    layout = compute_layout(inp, LayoutOptions(direction=direction))
    boxes = list(layout.nodes.values())
    assert set(layout.nodes) == set(inp.children)
    for name, box in layout.nodes.items():
        assert (box.width, box.height) == (inp.node_sizes[name].width, inp.node_sizes[name].height)
    for a, b in combinations(boxes, 2):
        assert not a.overlaps(b)
    for e in layout.edges:
        assert parent_before_child(layout, e.source, e.target, direction)
        assert layout.layers[e.target] > layout.layers[e.source]
        if e.label is not None:
            assert not any(e.label.overlaps(b) for b in boxes)
        for p, q in pairwise(e.points):
            assert not any(hits_inside(p, q, b) for b in boxes)
    labels = [e.label for e in layout.edges if e.label is not None]
    for a, b in combinations(labels, 2):
        assert not a.overlaps(b)


@SETTINGS
@given(graphs(), directions)
def test_the_same_input_gives_the_same_output(inp: LayoutInput, direction: str) -> None:
    options = LayoutOptions(direction=direction)
    assert compute_layout(inp, options) == compute_layout(inp, options)


@SETTINGS
@given(graphs(shared=False))
def test_a_pure_tree_is_tidy_and_has_no_crossing(inp: LayoutInput) -> None:
    layout = compute_layout(inp)
    for parent, kids in inp.children.items():
        if kids:
            first, last = layout.nodes[kids[0]], layout.nodes[kids[-1]]
            centre = (first.center[0] + last.center[0]) / 2
            assert abs(layout.nodes[parent].center[0] - centre) < 1e-6
            xs = [layout.nodes[k].x for k in kids]
            assert xs == sorted(xs)
    assert count_crossings(layout) == 0


@SETTINGS
@given(graphs(), directions)
def test_the_crossing_counter_agrees_with_brute_force(inp: LayoutInput, direction: str) -> None:
    layout = compute_layout(inp, LayoutOptions(direction=direction))
    assert count_crossings(layout) == brute_force_crossings(layout)
