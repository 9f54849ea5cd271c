"""Node positions an author arranged by hand, kept in a side file next to the tree
(`NAME.layout.json`) so the tree's YAML is never rewritten for the sake of a drawing.

The file is data from wherever the tree came from: it is read defensively, and anything that is
not a node id with two finite numbers is ignored.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Literal

from trainer.infra.fileio import write_atomically

Direction = Literal["down", "right"]
Point = tuple[float, float]
FORMAT = 1


def pins_path(tree_path: Path) -> Path:
    return tree_path.with_name(tree_path.stem + ".layout.json")


def _read(tree_path: Path) -> dict[str, dict[str, Point]]:
    try:
        data = json.loads(pins_path(tree_path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("pins"), dict):
        return {}
    out: dict[str, dict[str, Point]] = {}
    for direction, pins in data["pins"].items():
        if direction in ("down", "right") and isinstance(pins, dict):
            out[direction] = {n: (float(p[0]), float(p[1])) for n, p in pins.items() if _is_point(p)}
    return out


def _is_point(value: object) -> bool:
    return (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in value)
    )


def load_pins(tree_path: Path | None, direction: Direction) -> dict[str, Point]:
    """The pinned top-left corners for one drawing direction; {} when there are none."""
    if tree_path is None:
        return {}
    return _read(tree_path).get(direction, {})


def save_pins(tree_path: Path, direction: Direction, pins: dict[str, Point]) -> None:
    """Replace one direction's pins (the other's are kept); no pins at all removes the file.
    Raises OSError when the folder cannot be written."""
    every = _read(tree_path)
    every[direction] = {n: (round(x, 1), round(y, 1)) for n, (x, y) in pins.items()}
    every = {d: p for d, p in every.items() if p}
    path = pins_path(tree_path)
    if not every:
        path.unlink(missing_ok=True)
        return
    payload = {
        "format": FORMAT,
        "tree": tree_path.name,
        "pins": {d: {n: list(p) for n, p in sorted(ps.items())} for d, ps in sorted(every.items())},
    }
    write_atomically(path, (json.dumps(payload, indent=2) + "\n").encode("utf-8"))
