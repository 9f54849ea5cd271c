"""What a layout takes and gives: sizes and boxes, the input graph with its measured sizes, the
options, and the drawing (node boxes, edge polylines with their label boxes, layers, extent)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

Point = tuple[float, float]


@dataclass(frozen=True)
class Size:
    width: float
    height: float


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle: top-left corner and size."""

    x: float
    y: float
    width: float
    height: float

    @property
    def center(self) -> Point:
        return (self.x + self.width / 2, self.y + self.height / 2)

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height

    def overlaps(self, other: Box, margin: float = 0.0) -> bool:
        return not (
            self.right + margin <= other.x
            or other.right + margin <= self.x
            or self.bottom + margin <= other.y
            or other.bottom + margin <= self.y
        )


@dataclass(frozen=True)
class LayoutInput:
    """What the layout needs to know: the graph's shape in answer order, and measured sizes."""

    start: str
    children: Mapping[str, Sequence[str]]  # node -> targets in answer order, each once
    node_sizes: Mapping[str, Size]
    edge_label_sizes: Mapping[tuple[str, str], Size] = field(default_factory=dict)


@dataclass(frozen=True)
class LayoutOptions:
    direction: Literal["down", "right"] = "down"
    layer_gap: float = 48.0  # free space between layers, besides room for edge labels
    node_gap: float = 28.0  # free space between neighbours in a layer


@dataclass(frozen=True)
class EdgeRoute:
    source: str
    target: str
    points: tuple[Point, ...]  # polyline from the source's border to the target's border
    label: Box | None = None


@dataclass(frozen=True)
class Layout:
    nodes: Mapping[str, Box]
    edges: tuple[EdgeRoute, ...]
    layers: Mapping[str, int]
    width: float
    height: float
