"""A cache of checked trees, so that reopening a large tree skips parsing and validation.

Reading and validating a large file is most of the time it takes to open it (libyaml's event
stream is a good part of that; tests/benchmarks/bench_loading.py measures both); rebuilding the
same tree from a JSON copy is many times faster. Entries
are keyed by a hash of the file's bytes together with this module's format and the app's
version, so an edited file, or a newer validator, never gets a stale answer. The copy is plain
JSON (never pickle): a cache folder copied from someone else's machine is data, not code, and a
damaged or foreign entry is simply a miss. Only files of `MIN_BYTES` or more are cached: small
trees read faster than a cache lookup.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from trainer import __version__
from trainer.core.model import Answer, Link, Node, Outcome, Question, Scenario, Trap, Tree
from trainer.core.problems import Pos, Problem, Severity
from trainer.infra.fileio import write_atomically
from trainer.infra.gcpause import gc_paused

FORMAT = 3  # 2: scenario routes and traps that stand for an outcome; 3: outcomes that continue in another tree
MIN_BYTES = 100_000
KEEP = 16  # entries kept; the oldest beyond this are removed when a new one is stored


class TreeCache:
    """Checked trees (tree and problems) in a folder, one JSON file per file content."""

    def __init__(self, folder: Path, min_bytes: int = MIN_BYTES) -> None:
        self.folder = folder
        self.min_bytes = min_bytes

    def key(self, data: bytes) -> str:
        digest = hashlib.blake2b(data, digest_size=20)
        digest.update(f"|{FORMAT}|{__version__}".encode())
        return digest.hexdigest()

    def wants(self, data: bytes) -> bool:
        return len(data) >= self.min_bytes

    def get(self, data: bytes, path: Path) -> tuple[Tree | None, list[Problem]] | None:
        """The checked tree for these bytes, now read from `path`; None on a miss or a damaged entry."""
        if not self.wants(data):
            return None
        try:
            text = (self.folder / f"{self.key(data)}.json").read_text(encoding="utf-8")
            with gc_paused():
                return _decode(json.loads(text), path)
        except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError):
            return None

    def put(self, data: bytes, tree: Tree | None, problems: list[Problem]) -> None:
        """Remember a checked tree; a cache that cannot be written only costs speed."""
        if not self.wants(data):
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_atomically(
                self.folder / f"{self.key(data)}.json", _dumps_in_pieces(_encode(tree, problems)).encode("utf-8")
            )
            self._prune()
        except OSError:
            pass

    def _prune(self) -> None:
        entries = sorted(self.folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[KEEP:]:
            old.unlink(missing_ok=True)


# --- JSON shape: lists in field order, positions as [line, column] -----------------------------
def _dumps_in_pieces(value: Any) -> str:
    """`json.dumps(value)`, long lists one element at a time. A single dumps of a large tree is
    one long C call holding the GIL: from the worker thread that reads a library, that froze the
    window; between small calls other threads run."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(key)}: {_dumps_in_pieces(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list) and len(value) > 100:
        return "[" + ", ".join(json.dumps(item) for item in value) + "]"
    return json.dumps(value)


def _encode(tree: Tree | None, problems: list[Problem]) -> dict[str, Any]:
    return {
        "tree": _encode_tree(tree) if tree is not None else None,
        "problems": [[list(p.pos), p.severity.value, p.message] for p in problems],
    }


def _encode_tree(tree: Tree) -> dict[str, Any]:
    return {
        "id": tree.id,
        "title": tree.title,
        "start": tree.start,
        "summary": tree.summary,
        "tags": list(tree.tags),
        "reviewed": tree.reviewed,
        "id_pos": tree.id_pos,
        "start_pos": tree.start_pos,
        "broken_ids": sorted(tree.broken_ids),
        "scenarios": [[s.prompt, s.expect, s.pos, s.expect_pos, list(s.route), s.route_pos] for s in tree.scenarios],
        "nodes": [_encode_node(node_id, node) for node_id, node in tree.nodes.items()],
    }


def _encode_node(node_id: str, node: Node) -> list[Any]:
    if isinstance(node, Question):
        answers = [[a.label, a.next, a.note, a.pos, a.next_pos] for a in node.answers]
        return ["q", node_id, node.id, node.text, node.help, node.pos, answers]
    traps = [[t.option, t.why, t.pos, t.stands_for, t.stands_for_pos] for t in node.traps]
    links = [[link.title, link.url, link.pos] for link in node.links]
    return [
        "o",
        node_id,
        node.id,
        node.text,
        node.explanation,
        node.pos,
        traps,
        links,
        node.continues,
        node.continues_pos,
    ]


def _decode(data: dict[str, Any], path: Path) -> tuple[Tree | None, list[Problem]]:
    problems = [Problem(path, Pos(*pos), Severity(severity), message) for pos, severity, message in data["problems"]]
    raw = data["tree"]
    return (_decode_tree(raw, path) if raw is not None else None), problems


def _decode_tree(raw: dict[str, Any], path: Path) -> Tree:
    return Tree(
        id=raw["id"],
        title=raw["title"],
        start=raw["start"],
        summary=raw["summary"],
        tags=tuple(raw["tags"]),
        reviewed=raw["reviewed"],
        path=path,
        id_pos=Pos(*raw["id_pos"]),
        start_pos=Pos(*raw["start_pos"]),
        broken_ids=frozenset(raw["broken_ids"]),
        scenarios=tuple(
            Scenario(p, e, Pos(*pos), Pos(*epos), tuple(r), Pos(*rpos)) for p, e, pos, epos, r, rpos in raw["scenarios"]
        ),
        nodes={entry[1]: _decode_node(entry) for entry in raw["nodes"]},
    )


def _decode_node(entry: list[Any]) -> Node:
    if entry[0] == "q":
        _, _, node_id, text, help_text, pos, answers = entry
        return Question(
            node_id,
            text,
            tuple(Answer(label, nxt, note, Pos(*p), Pos(*np)) for label, nxt, note, p, np in answers),
            help_text,
            Pos(*pos),
        )
    _, _, node_id, text, explanation, pos, traps, links, continues, continues_pos = entry
    return Outcome(
        node_id,
        text,
        explanation,
        tuple(Trap(o, w, Pos(*p), s, Pos(*sp)) for o, w, p, s, sp in traps),
        tuple(Link(t, u, Pos(*p)) for t, u, p in links),
        Pos(*pos),
        continues,
        Pos(*continues_pos),
    )
