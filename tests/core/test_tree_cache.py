"""The cache of checked trees: same answer as reading the file, never a stale or unsafe one."""

from __future__ import annotations

import json
from pathlib import Path

from trainer.core.library import read_tree
from trainer.core.tree_cache import KEEP, TreeCache

BUNDLED = Path(__file__).resolve().parents[2] / "trees"


def _copy(tmp_path: Path, name: str = "edge-resilience.yaml", extra: str = "") -> Path:
    target = tmp_path / "lib" / name
    target.parent.mkdir(exist_ok=True)
    target.write_text((BUNDLED / "edge-resilience.yaml").read_text(encoding="utf-8") + extra, encoding="utf-8")
    return target


def test_a_cached_read_equals_a_fresh_read(tmp_path: Path) -> None:
    path = _copy(tmp_path, extra="\n# a comment\n")
    cache = TreeCache(tmp_path / "cache", min_bytes=0)
    fresh = read_tree(path, cache)
    assert len(list((tmp_path / "cache").glob("*.json"))) == 1
    again = read_tree(path, cache)
    assert again.tree == fresh.tree and again.tree is not fresh.tree
    assert again.problems == fresh.problems
    assert again.tree.path == path


def test_problems_come_back_with_their_positions_and_the_new_path(tmp_path: Path) -> None:
    path = _copy(tmp_path, extra="unknown_key: 1\n")
    cache = TreeCache(tmp_path / "cache", min_bytes=0)
    fresh = read_tree(path, cache)
    assert fresh.problems, "the extra key should be reported"
    moved = path.rename(tmp_path / "lib" / "moved.yaml")
    again = read_tree(moved, cache)
    assert [(p.pos, p.severity, p.message) for p in again.problems] == [
        (p.pos, p.severity, p.message) for p in fresh.problems
    ]
    assert all(p.path == moved for p in again.problems)


def test_an_edited_file_is_read_again(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    cache = TreeCache(tmp_path / "cache", min_bytes=0)
    before = read_tree(path, cache)
    path.write_text(path.read_text(encoding="utf-8").replace("title: ", "title: Changed ", 1), encoding="utf-8")
    after = read_tree(path, cache)
    assert after.tree.title != before.tree.title


def test_a_damaged_or_foreign_entry_is_a_miss(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    cache = TreeCache(tmp_path / "cache", min_bytes=0)
    fresh = read_tree(path, cache)
    entry = next((tmp_path / "cache").glob("*.json"))
    for damage in ("not json", json.dumps({"tree": {"id": 1}, "problems": []}), json.dumps([1, 2])):
        entry.write_text(damage, encoding="utf-8")
        assert cache.get(path.read_bytes(), path) is None
        assert read_tree(path, cache).tree == fresh.tree


def test_small_files_are_not_cached(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    cache = TreeCache(tmp_path / "cache", min_bytes=path.stat().st_size + 1)
    read_tree(path, cache)
    assert not (tmp_path / "cache").exists()


def test_an_unwritable_cache_only_costs_speed(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    entry = read_tree(path, TreeCache(blocker / "trees", min_bytes=0))
    assert entry.usable


def test_only_the_newest_entries_are_kept(tmp_path: Path) -> None:
    cache = TreeCache(tmp_path / "cache", min_bytes=0)
    for n in range(KEEP + 3):
        read_tree(_copy(tmp_path, extra=f"\n# version {n}\n"), cache)
    assert len(list((tmp_path / "cache").glob("*.json"))) == KEEP


def test_the_cache_file_is_the_json_of_its_entry_written_in_pieces() -> None:
    """Long lists are written an element at a time (the GIL is let go between); the text is
    still exactly what one json.dumps gives."""
    from trainer.core.tree_cache import _dumps_in_pieces

    value = {
        "tree": {"id": "x", "nodes": [["q", f"n{i}", {"a": [i, 'é "q"\n']}] for i in range(250)], "tags": []},
        "problems": [[[1, 2], "error", 'bad "thing"']] * 150,
    }
    assert _dumps_in_pieces(value) == json.dumps(value)
    assert _dumps_in_pieces(None) == "null" and _dumps_in_pieces({"tree": None, "problems": []}) == json.dumps(
        {"tree": None, "problems": []}
    )
