"""Edge crossings of a drawn layout, counted in O(E log E) for a layered drawing: the benchmark's
and the tests' measure of how readable a drawing is."""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from itertools import pairwise
from operator import le

from trainer.draw.layout.shapes import Layout
from trainer.infra.gcpause import gc_paused

Slanted = tuple[float, float, float, float, str, str]  # top y, its x, bottom y, its x, source, target
Straight = tuple[float, float, float, str, str]  # x (vertical) or y (flat), low end, high end, source, target
Run = tuple[float, float, int]  # x at a slab's top, x at its bottom, slanted segment number


def count_crossings(layout: Layout) -> int:
    """Pairs of edge segments that properly cross; segments of edges that share an end node
    (or of the same edge) never count. Instead of testing every pair, the plane is cut into
    horizontal slabs at the ends of the slanted segments: inside a slab each slanted segment runs
    straight from its x at the top to its x at the bottom, so two of them cross inside it exactly
    when their order flips (an inversion count), and a vertical segment crosses the runs that
    straddle its x (two binary searches). A layered drawing has few slabs and its segments span
    one or two, so this is O(E log E)."""
    with gc_paused():
        return _count_crossings(layout)


def _count_crossings(layout: Layout) -> int:
    """count_crossings, with the garbage collector paused."""
    segs = _Segments(layout)
    total = sum(_slab_crossings(slab, segs.slanted) for slab in segs.slabs if len(slab) > 1)
    total += sum(_meeting_crossings(group, segs.slanted) for group in segs.through.values() if len(group) > 1)
    total += _vertical_crossings(segs)
    total += sum(_flat_crossings(f, segs) for f in segs.flat)
    return total


class _Segments:
    """A layout's segments sorted into slanted, vertical and horizontal ones, with the slanted
    ones cut into per-slab runs (x at the slab's top, x at its bottom, segment number)."""

    def __init__(self, layout: Layout) -> None:
        self.slanted: list[Slanted] = []
        self.vertical: list[Straight] = []
        self.flat: list[Straight] = []
        for e in layout.edges:
            for (x0, y0), (x1, y1) in pairwise(e.points):
                if y0 == y1:
                    if x0 != x1:
                        self.flat.append((y0, min(x0, x1), max(x0, x1), e.source, e.target))
                elif x0 == x1:
                    self.vertical.append((x0, min(y0, y1), max(y0, y1), e.source, e.target))
                elif y0 < y1:
                    self.slanted.append((y0, x0, y1, x1, e.source, e.target))
                else:
                    self.slanted.append((y1, x1, y0, x0, e.source, e.target))
        self.ys = ys = sorted({s[0] for s in self.slanted} | {s[2] for s in self.slanted})
        row = {y: i for i, y in enumerate(ys)}
        self.first: list[int] = []  # the slab each slanted segment starts in
        self.xs: list[list[float]] = []  # its x at each slab boundary it spans
        self.slabs: list[list[Run]] = [[] for _ in ys]
        self.through: dict[tuple[int, float], list[int]] = {}  # passing a boundary strictly inside
        for n, (y0, x0, y1, x1, _, _) in enumerate(self.slanted):
            i0, i1 = row[y0], row[y1]
            xs = [x0] + [x0 + (ys[k] - y0) * (x1 - x0) / (y1 - y0) for k in range(i0 + 1, i1)] + [x1]
            self.first.append(i0)
            self.xs.append(xs)
            for k in range(i0, i1):
                self.slabs[k].append((xs[k - i0], xs[k - i0 + 1], n))
            for k in range(i0 + 1, i1):
                self.through.setdefault((k, xs[k - i0]), []).append(n)

    def run(self, n: int, k: int) -> tuple[float, float]:
        """Slanted segment n's x at the top and bottom of slab k."""
        xs, i = self.xs[n], k - self.first[n]
        return xs[i], xs[i + 1]


def _inversions(runs: list[Run]) -> int:
    """Pairs whose top order is strictly opposite to their bottom order (ties are touches)."""
    runs = sorted(runs)
    bottoms = [r[1] for r in runs]
    if all(map(le, bottoms, bottoms[1:])):
        return 0
    seen: list[float] = []
    count, i = 0, 0
    while i < len(runs):
        j = i
        while j < len(runs) and runs[j][0] == runs[i][0]:
            count += len(seen) - bisect_right(seen, runs[j][1])
            j += 1
        for k in range(i, j):
            insort(seen, runs[k][1])
        i = j
    return count


def _slab_crossings(slab: list[Run], slanted: list[Slanted]) -> int:
    """Inversions in one slab, minus those between segments of edges sharing a node
    (inclusion-exclusion: once per shared node, added back when they share both)."""
    count = _inversions(slab)
    if count == 0:
        return 0
    by_node: dict[str, list[Run]] = {}
    by_pair: dict[frozenset[str], list[Run]] = {}
    for run in slab:
        s, t = slanted[run[2]][4], slanted[run[2]][5]
        by_node.setdefault(s, []).append(run)
        if t != s:
            by_node.setdefault(t, []).append(run)
            by_pair.setdefault(frozenset((s, t)), []).append(run)
    count -= sum(_inversions(g) for g in by_node.values() if len(g) > 1)
    count += sum(_inversions(g) for g in by_pair.values() if len(g) > 1)
    return count


def _meeting_crossings(group: list[int], slanted: list[Slanted]) -> int:
    """Slanted segments passing through one point strictly inside all of them (rare): each pair
    that is not collinear crosses there."""
    count = 0
    for i, a in enumerate(group):
        sa = slanted[a]
        for b in group[i + 1 :]:
            sb = slanted[b]
            if {sa[4], sa[5]} & {sb[4], sb[5]}:
                continue
            if (sa[3] - sa[1]) * (sb[2] - sb[0]) != (sb[3] - sb[1]) * (sa[2] - sa[0]):
                count += 1
    return count


def _vertical_crossings(segs: _Segments) -> int:
    """Vertical segments against slanted runs, slab by slab (two binary searches where the
    vertical spans the whole slab), less the pairs that share a node, plus crossings exactly on a
    slab boundary."""
    ys, slabs = segs.ys, segs.slabs
    ends: dict[int, tuple[list[float], list[float]]] = {}
    touching: dict[str, list[int]] = {}
    for n, segment in enumerate(segs.slanted):
        for node in dict.fromkeys(segment[4:]):
            touching.setdefault(node, []).append(n)
    count = 0
    for c, y0, y1, s, t in segs.vertical:
        for k in range(max(0, bisect_right(ys, y0) - 1), min(len(ys) - 1, bisect_left(ys, y1))):
            if not slabs[k]:
                continue
            if y0 <= ys[k] and ys[k + 1] <= y1:
                if k not in ends:
                    ends[k] = (sorted(min(a, b) for a, b, _ in slabs[k]), sorted(max(a, b) for a, b, _ in slabs[k]))
                lows, highs = ends[k]
                count += bisect_left(lows, c) - bisect_right(highs, c)
            else:
                count += sum(_hits(ys, k, a, b, c, y0, y1) for a, b, _ in slabs[k])
        for n in dict.fromkeys(touching.get(s, []) + touching.get(t, [])):
            count -= _same_node_hits(segs, n, c, y0, y1)
    return count + _vertical_meetings(segs)


def _same_node_hits(segs: _Segments, n: int, c: float, y0: float, y1: float) -> int:
    """How often slanted segment n was counted against the vertical (c, y0, y1), by the very same
    test, so that taking it back out is exact."""
    ys, first = segs.ys, segs.first[n]
    slabs = range(first, first + len(segs.xs[n]) - 1)
    return sum(_hits(ys, k, *segs.run(n, k), c, y0, y1) for k in slabs if ys[k] < y1 and ys[k + 1] > y0)


def _vertical_meetings(segs: _Segments) -> int:
    """A slanted segment and a vertical one crossing exactly on a slab boundary that lies
    strictly inside both (the slabs on either side each see only a touch)."""
    at_x: dict[float, list[int]] = {}
    for i, v in enumerate(segs.vertical):
        at_x.setdefault(v[0], []).append(i)
    count = 0
    for (k, x), group in segs.through.items():
        for i in at_x.get(x, ()):
            _, y0, y1, s, t = segs.vertical[i]
            if y0 < segs.ys[k] < y1:
                count += sum(1 for n in group if not {s, t} & set(segs.slanted[n][4:]))
    return count


def _hits(ys: list[float], k: int, a: float, b: float, c: float, y0: float, y1: float) -> bool:
    """Whether the run (a at the top of slab k, b at its bottom) crosses x = c strictly inside
    both itself and the vertical segment's part [y0, y1] of the slab."""
    top, bottom = ys[k], ys[k + 1]
    if top < y0 or y1 < bottom:
        lo, hi = max(top, y0), min(bottom, y1)
        a, b = a + (lo - top) * (b - a) / (bottom - top), a + (hi - top) * (b - a) / (bottom - top)
    return min(a, b) < c < max(a, b)


def _flat_crossings(flat: Straight, segs: _Segments) -> int:
    """A horizontal segment against every other one (only pinned or odd drawings have them)."""
    y, xa, xb, s, t = flat
    count = 0
    for y0, x0, y1, x1, s2, t2 in segs.slanted:
        if y0 < y < y1 and not {s, t} & {s2, t2} and xa < x0 + (y - y0) * (x1 - x0) / (y1 - y0) < xb:
            count += 1
    for c, y0, y1, s2, t2 in segs.vertical:
        if y0 < y < y1 and xa < c < xb and not {s, t} & {s2, t2}:
            count += 1
    return count
