"""Hand-arranged positions live in a side file, survive per direction, and bad files are ignored."""

from __future__ import annotations

import json
from pathlib import Path

from trainer.draw.pins import load_pins, pins_path, save_pins


def test_pins_round_trip_per_direction_beside_the_tree(tmp_path: Path) -> None:
    tree = tmp_path / "edge.yaml"
    tree.write_text("format: 1\n")
    save_pins(tree, "down", {"a": (10.04, 20.0)})
    save_pins(tree, "right", {"b": (1.0, 2.0)})
    assert pins_path(tree) == tmp_path / "edge.layout.json"
    assert load_pins(tree, "down") == {"a": (10.0, 20.0)}
    assert load_pins(tree, "right") == {"b": (1.0, 2.0)}
    assert tree.read_text() == "format: 1\n"  # the tree itself is never touched


def test_clearing_the_last_pins_removes_the_file(tmp_path: Path) -> None:
    tree = tmp_path / "t.yaml"
    save_pins(tree, "down", {"a": (1.0, 1.0)})
    save_pins(tree, "down", {})
    assert not pins_path(tree).exists()
    assert load_pins(tree, "down") == {}


def test_bad_side_files_are_ignored(tmp_path: Path) -> None:
    tree = tmp_path / "t.yaml"
    for content in ("not json", "[]", '{"format": 2, "pins": {}}', '{"format": 1, "pins": []}'):
        pins_path(tree).write_text(content)
        assert load_pins(tree, "down") == {}
    pins_path(tree).write_text(
        json.dumps(
            {
                "format": 1,
                "pins": {
                    "down": {
                        "ok": [1, 2],
                        "nan": [float("nan"), 1],
                        "short": [1],
                        "text": ["1", "2"],
                        "bool": [True, 1],
                    }
                },
            }
        )
    )
    assert load_pins(tree, "down") == {"ok": (1.0, 2.0)}
    assert load_pins(None, "down") == {}
