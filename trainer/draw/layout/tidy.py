"""Step 5 of the layout, tidy x: a Reingold-Tilford pass over the tree of elements. Subtrees are
placed left to right as close as their contours allow, and each parent is centred over its first
and last primary child.

A contour is a list per subtree, bottom-up (its last item is the subtree's top rank), of x
relative to an offset kept beside it: shifting a subtree is O(1), and merging reuses the deeper
side's list (never copied), so the pass is linear. Bottom-up without recursion.
"""

from __future__ import annotations

from collections.abc import Mapping
from operator import sub

from trainer.draw.layout.elements import Elements


class Contours:
    """Per element, its subtree's left and right contours and their offsets (a contour is None
    once merged into its parent's)."""

    def __init__(self, count: int) -> None:
        self.left: list[list[float] | None] = [None] * count
        self.right: list[list[float] | None] = [None] * count
        self.left_offset = [0.0] * count
        self.right_offset = [0.0] * count

    def take(self, element: int) -> tuple[list[float], float, list[float], float]:
        """The element's contours and offsets, handed over to its parent."""
        left, right = self.left[element], self.right[element]
        assert left is not None and right is not None
        self.left[element] = self.right[element] = None
        return left, self.left_offset[element], right, self.right_offset[element]

    def give(
        self, element: int, left: list[float], left_offset: float, right: list[float], right_offset: float
    ) -> None:
        self.left[element], self.left_offset[element] = left, left_offset
        self.right[element], self.right_offset[element] = right, right_offset


def merge(siblings: list[int], contours: Contours) -> tuple[list[float], list[float], float, list[float], float]:
    """Place sibling subtrees left to right, each as far left as the contours allow; returns
    each sibling's x and the contours of the row (merging costs the height of the shallower side).
    The first sibling's contours become the row's and stay with it (the caller takes them)."""
    first = siblings[0]
    row_left, row_left_offset = contours.left[first], contours.left_offset[first]
    row_right, row_right_offset = contours.right[first], contours.right_offset[first]
    assert row_left is not None and row_right is not None
    positions = [0.0]
    for sibling in siblings[1:]:
        left, left_offset, right, right_offset = contours.take(sibling)
        row_height, height = len(row_right), len(left)
        if row_height <= height:
            shift = max(map(sub, row_right, left[height - row_height :])) + row_right_offset - left_offset
        else:
            shift = max(map(sub, row_right[row_height - height :], left)) + row_right_offset - left_offset
        positions.append(shift)
        if height >= row_height:
            row_right, row_right_offset = right, right_offset + shift
        else:
            moved = right_offset + shift - row_right_offset
            row_right[row_height - height :] = [x + moved for x in right]
        if row_height < height:
            moved = row_left_offset - left_offset - shift
            left[height - row_height :] = [x + moved for x in row_left]
            row_left, row_left_offset = left, left_offset + shift
    return positions, row_left, row_left_offset, row_right, row_right_offset


def tidy_x(elements: Elements) -> list[float]:
    """Reingold-Tilford over the tree of elements: each parent is centred over its first and last
    primary child (a jumped dummy does not pull it aside). Returns the centre x of every element."""
    count = len(elements.rank)
    contours = Contours(count)
    relative = [0.0] * count
    children, half_slot, primary = elements.children, elements.half_slot, elements.primary
    preorder = elements.preorder()
    for element in reversed(preorder):
        below = children[element]
        half = half_slot[element]
        if not below:
            contours.give(element, [-half], 0.0, [half], 0.0)
            continue
        if len(below) == 1:  # most often: a label over its node, a lane, a chain of questions
            left, left_offset, right, right_offset = contours.take(below[0])
            left.append(-half - left_offset)
            right.append(half - right_offset)
            contours.give(element, left, left_offset, right, right_offset)
            continue
        positions, left, left_offset, right, right_offset = merge(below, contours)
        main = [i for i, child in enumerate(below) if primary[child]] or [0, len(below) - 1]
        centre = (positions[main[0]] + positions[main[-1]]) / 2
        for child, position in zip(below, positions, strict=True):
            relative[child] = position - centre
        left_offset -= centre
        right_offset -= centre
        left.append(-half - left_offset)
        right.append(half - right_offset)
        contours.left[below[0]] = contours.right[below[0]] = None
        contours.give(element, left, left_offset, right, right_offset)
    roots = merge(elements.roots, contours)[0] if elements.roots else []
    return absolute_x(elements, preorder, dict(zip(elements.roots, roots, strict=True)), relative)


def absolute_x(
    elements: Elements, preorder: list[int], roots: Mapping[int, float], relative: list[float]
) -> list[float]:
    """Absolute x from each element's offset to its parent, parents first (no recursion)."""
    x = [0.0] * len(relative)
    parent = elements.parent
    for element in preorder:
        x[element] = x[parent[element]] + relative[element] if parent[element] >= 0 else roots[element]
    return x
