"""Step 4 of the layout, crossing reduction: the tree fixes a left-to-right order per rank, and
each long edge's dummies either follow the "flow" between the same two subtrees (no crossing)
or jump once, at the band where jumping crosses fewest tree edges (counted exactly from prefix
sums)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from itertools import accumulate

from trainer.draw.layout.elements import Elements


class RankOrder:
    """The tree's left-to-right order in each rank and, per rank, the prefix counts of tree edges
    to the next rank: edges_before[r][g] = edges leaving the first g elements of rank r. Because
    tree edges never cross, a segment from gap g of rank r to gap t of rank r+1 crosses
    |edges_before[r][g] - t| of them."""

    def __init__(self, elements: Elements) -> None:
        count = max(elements.rank) + 1
        self.order: list[list[int]] = [[] for _ in range(count)]
        self.index = [0] * len(elements.rank)
        for element in elements.preorder():
            row = self.order[elements.rank[element]]
            self.index[element] = len(row)
            row.append(element)
        children = elements.children
        self.edges_before = [[0, *accumulate(len(children[e]) for e in row)] for row in self.order]


def chain_gaps(
    edges_before: list[list[int]], label_rank: int, label_index: int, target_rank: int, target_index: int
) -> list[tuple[int, bool]]:
    """Where one long edge passes each rank between its label's and its target's: (gap, jumped).
    From its label (at `label_index` in `label_rank`) it follows the flow between the same two
    subtrees, and leaves it once, at the band where that crosses fewest tree edges (the latest
    such band on a tie), towards the ranks from which the flow leads straight to the target (at
    `target_index` in `target_rank`)."""
    last = edges_before[target_rank - 1]
    low, high = bisect_left(last, target_index), bisect_right(last, target_index + 1) - 1
    towards_target = {target_rank - 1: (low, high)}  # per rank: the gaps that flow to the target
    for rank in range(target_rank - 2, label_rank, -1):
        low, high = bisect_left(edges_before[rank], low), bisect_right(edges_before[rank], high) - 1
        if low > high:
            break
        towards_target[rank] = (low, high)
    flow = [label_index]
    for rank in range(label_rank, target_rank - 1):
        flow.append(edges_before[rank][flow[-1]])
    arrival = last[flow[-1]]
    best_cost = max(0, target_index - arrival, arrival - target_index - 1)
    best_band, best_gap = target_rank - 1, -1
    for rank in range(target_rank - 2, label_rank - 1, -1):
        span = towards_target.get(rank + 1)
        if span is None:
            continue
        natural = flow[rank + 1 - label_rank]
        jumped_to = min(max(natural, span[0]), span[1])
        if abs(natural - jumped_to) < best_cost:
            best_cost, best_band, best_gap = abs(natural - jumped_to), rank, jumped_to
    gaps = [(gap, False) for gap in flow[1 : best_band + 1 - label_rank]]
    if best_band < target_rank - 1:
        gaps.append((best_gap, True))
        for rank in range(best_band + 1, target_rank - 1):
            gaps.append((edges_before[rank][gaps[-1][0]], False))
    return gaps


def thread_chains(elements: Elements, ranks: RankOrder) -> None:
    """Give every long edge its dummies and hang them in the tree of elements: a dummy that
    follows the flow is the only child of the one above it (a straight lane); one that jumps is
    spliced in beside its new neighbour, under that neighbour's parent, and does not pull that
    parent off-centre."""
    before: dict[int, list[tuple[float, int]]] = {}
    after: dict[int, list[tuple[float, int]]] = {}
    order, index = ranks.order, ranks.index
    for route in elements.chains:
        _, target, virtual = elements.routes[route]
        above = virtual[0]
        above_position: float = index[above]
        gaps = chain_gaps(ranks.edges_before, elements.rank[above], index[above], elements.rank[target], index[target])
        for rank, (gap, jumped) in enumerate(gaps, elements.rank[above] + 1):
            if not jumped:
                dummy = elements.add(rank, 0.0, 0.0, elements.virtual_pad, above, labelled=False)
            else:
                row = order[rank]
                neighbour, side = (row[gap - 1], after) if gap > 0 else (row[0], before)
                dummy = elements.add(rank, 0.0, 0.0, elements.virtual_pad, -1, labelled=False, primary=False)
                elements.parent[dummy] = elements.parent[neighbour]
                side.setdefault(neighbour, []).append((above_position, dummy))
            virtual.append(dummy)
            above, above_position = dummy, gap - 0.5
    hosts = dict.fromkeys(elements.parent[n] for n in (*before, *after))
    for host in hosts:
        row = []
        for child in elements.children[host]:
            row.extend(d for _, d in sorted(before.get(child, ())))
            row.append(child)
            row.extend(d for _, d in sorted(after.get(child, ())))
        elements.children[host] = row
