"""A uniform grid over a drawing: which nodes and edges lie in a rectangle, without Qt.

The graph creates items only for what the view shows; this index answers "what is here?" in
time proportional to the cells looked at, however large the drawing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable
from itertools import pairwise

from trainer.draw.layout import Layout

MAX_CELLS = 64  # a box covering more cells than this goes to the short list of long boxes


class GridIndex:
    def __init__(self, cell: float = 512.0) -> None:
        self.cell = cell
        self._cells: dict[tuple[int, int], list[Hashable]] = defaultdict(list)
        # Long edges of wide trees can span thousands of cells; they are few, so they are kept
        # aside and checked one by one instead of being written into every cell.
        self._long: list[tuple[Hashable, float, float, float, float]] = []

    def insert(self, key: Hashable, x0: float, y0: float, x1: float, y1: float) -> None:
        if x1 < x0:
            x0, x1 = x1, x0
        if y1 < y0:
            y0, y1 = y1, y0
        c = self.cell
        i0, i1, j0, j1 = int(x0 // c), int(x1 // c), int(y0 // c), int(y1 // c)
        if (i1 - i0 + 1) * (j1 - j0 + 1) > MAX_CELLS:
            self._long.append((key, x0, y0, x1, y1))
            return
        cells = self._cells
        for i in range(i0, i1 + 1):
            for j in range(j0, j1 + 1):
                cells[(i, j)].append(key)

    def query(self, x0: float, y0: float, x1: float, y1: float) -> set[Hashable]:
        found: set[Hashable] = set()
        for cell in self._cells_of(x0, y0, x1, y1):
            found.update(self._cells.get(cell, ()))
        found.update(k for k, a, b, c, d in self._long if a <= x1 and c >= x0 and b <= y1 and d >= y0)
        return found

    def _cells_of(self, x0: float, y0: float, x1: float, y1: float) -> Iterable[tuple[int, int]]:
        c = self.cell
        for i in range(int(x0 // c), int(x1 // c) + 1):
            for j in range(int(y0 // c), int(y1 // c) + 1):
                yield (i, j)


def index_layout(layout: Layout, cell: float = 512.0) -> GridIndex:
    """Nodes under their ids; edges under ("edge", source, target), one entry per segment box
    (a long edge is found where it runs, not across its whole bounding box)."""
    index = GridIndex(cell)
    for node_id, b in layout.nodes.items():
        index.insert(node_id, b.x, b.y, b.right, b.bottom)
    for e in layout.edges:
        key = ("edge", e.source, e.target)
        for (ax, ay), (bx, by) in pairwise(e.points):
            index.insert(key, ax, ay, bx, by)
        if e.label is not None:
            index.insert(key, e.label.x, e.label.y, e.label.right, e.label.bottom)
    return index
