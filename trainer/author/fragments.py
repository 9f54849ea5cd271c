"""Edits of one node or one scenario made on that part of the file only (Qt-free).

`apply_edit` reads the whole file as round-trip YAML and writes it all back: at 10,000 nodes
that is tens of seconds of ruamel.yaml for every letter handed over. Most edits touch one node
(its text, an answer, a trap or link) or one scenario, so `apply_local` cuts those entries out
of the text, reads and edits them as a small document of their own with the same operation,
and splices the result back: the rest of the file is untouched by construction, and the edit
costs what the entry costs.

It answers None whenever it cannot be sure to give what `apply_edit` gives (an operation it
does not know, an entry it cannot find once, a part that does not read back as it was written:
anchors, flow style, odd keys), and the caller then makes the edit on the whole file.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from itertools import pairwise
from typing import Any

from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import YAMLError

from trainer.author import operations as ops
from trainer.author.document import TreeDocument, _guess_indent, _yaml

# Operations that read and change one node only (besides, for an answer's target, that target's
# existence): by the node_id their partial carries.
NODE_OPERATIONS = {
    ops.set_node_text,
    ops.set_answer,
    ops.move_answer,
    ops.remove_answer,
    ops.set_list_item,
    ops.add_list_item,
    ops.remove_list_item,
}


@dataclass(frozen=True)
class _Span:
    start: int
    end: int


def apply_local(text: str, operation: Callable[[TreeDocument], Any]) -> tuple[str, Any] | None:
    """(the new text, what the operation returned), made on the entries the operation touches;
    None when that cannot be done exactly (then make the edit with `apply_edit`). An EditError
    is raised as the whole-file edit would raise it."""
    if not isinstance(operation, partial) or operation.args:
        return None
    kwargs = dict(operation.keywords)
    if operation.func in NODE_OPERATIONS and isinstance(kwargs.get("node_id"), str):
        node_ids = [kwargs["node_id"]]
        if operation.func is ops.set_answer and kwargs.get("field") == "next":
            node_ids.append(str(kwargs.get("value", "")))  # it must exist: its entry is read too
        return _edit_sections(text, [("nodes", node_ids)], operation)
    if operation.func is ops.add_node_below and isinstance(kwargs.get("question_id"), str):
        keys = node_keys(text)
        if keys is None or not keys:
            return None
        # the question, and the last node (new nodes go after it); every other id is known taken
        return _edit_sections(text, [("nodes", [kwargs["question_id"], keys[-1]])], operation, keys)
    if operation.func is ops.set_scenario and isinstance(kwargs.get("index"), int) and kwargs["index"] >= 0:
        index = kwargs.pop("index")
        wants: list[tuple[str, list[Any]]] = [("scenarios", [index])]
        if kwargs.get("field") == "expect":  # it must be an outcome: its entry is read too
            wants.insert(0, ("nodes", [str(kwargs.get("value", ""))]))
        return _edit_sections(text, wants, partial(ops.set_scenario, index=0, **kwargs))
    return None


# --- the entries of a section ---------------------------------------------------------------------
_TOP = re.compile(r"^[^ \n#]", re.MULTILINE)


def _section(text: str, name: str) -> tuple[int, int, int] | None:
    """(where the section's entries begin, where they end, their indent) of a top-level key."""
    head = re.search(rf"^{name}:[ \t]*(#[^\n]*)?\n", text, re.MULTILINE)
    if head is None or re.search(rf"^{name}:", text[head.end() :], re.MULTILINE):
        return None
    body = head.end()
    after = _TOP.search(text, body)
    end = after.start() if after else len(text)
    first = re.compile(r"^( +)[^ \n#]", re.MULTILINE).search(text, body, end)
    if first is None:
        return None
    return body, end, len(first.group(1))


def _entry_starts(text: str, body: int, end: int, indent: int, name: str) -> list[tuple[int, str]]:
    """Each entry's first line: (offset, key) for `nodes`, (offset, "") for a list's items."""
    if name == "nodes":
        pattern = re.compile(rf"^ {{{indent}}}([^ \n#'\"][^\n:]*|\"[^\"\n]*\"|'[^'\n]*'):(?=[ \t\n])", re.MULTILINE)
        return [(m.start(), m.group(1).strip("'\"")) for m in pattern.finditer(text, body, end)]
    pattern = re.compile(rf"^ {{{indent}}}- ", re.MULTILINE)
    return [(m.start(), "") for m in pattern.finditer(text, body, end)]


def _section_spans(text: str, name: str, wanted: list[Any]) -> list[_Span] | None:
    """The spans of the wanted entries (node ids, or item indexes), each found exactly once,
    in file order; None when one is not."""
    section = _section(text, name)
    if section is None:
        return None
    body, end, indent = section
    starts = _entry_starts(text, body, end, indent, name)
    if not starts or starts[0][0] != body:  # something before the first entry: not a plain section
        return None
    if re.search(rf"^ {{0,{indent - 1}}}[^ \n#]", text[body:end], re.MULTILINE) or "\t" in text[body:end]:
        return None
    bounds = [s for s, _ in starts] + [end]
    spans: dict[Any, _Span] = {}
    if name == "nodes":
        keys = [key for _, key in starts]
        for key in dict.fromkeys(wanted):
            if keys.count(key) != 1:
                return None
            i = keys.index(key)
            spans[key] = _Span(bounds[i], bounds[i + 1])
    else:
        for index in wanted:
            if not 0 <= index < len(starts):
                return None
            spans[index] = _Span(bounds[index], bounds[index + 1])
    return sorted(spans.values(), key=lambda s: s.start)


def _edit_sections(
    text: str,
    wants: list[tuple[str, list[Any]]],
    operation: Callable[[TreeDocument], Any],
    all_nodes: list[str] | None = None,
) -> tuple[str, Any] | None:
    """Run `operation` on a document of the wanted entries of each section (in file order),
    then put each entry back where it was."""
    found = [(name, _section_spans(text, name, wanted)) for name, wanted in wants]
    spans: list[_Span] = []
    fragment = ""
    for name, section in found:
        if section is None:
            return None
        parts = [text[s.start : s.end] for s in section]
        if not parts[-1].endswith("\n"):
            return None
        fragment += f"{name}:\n" + "".join(parts)
        spans += section
    if any(a.end > b.start for a, b in pairwise(sorted(spans, key=lambda s: s.start))):
        return None
    indent = _guess_indent(text)
    try:
        data = _yaml(indent).load(fragment)
    except YAMLError:
        return None
    if not isinstance(data, CommentedMap):
        return None
    doc = TreeDocument(data, indent)
    if doc.text() != fragment:  # it does not read back as written: the whole file decides
        return None
    nodes = data.get("nodes")
    if all_nodes is not None and isinstance(nodes, CommentedMap):
        nodes.__class__ = _KnownNodes  # "is this id taken?" answered for the whole file
        nodes.others = frozenset(all_nodes)  # type: ignore[attr-defined]
    try:
        result = operation(doc)  # an EditError goes to the caller, as from the whole file
    finally:
        if isinstance(nodes, _KnownNodes):
            nodes.__class__ = CommentedMap  # type: ignore[assignment]  # ruamel writes its own class
    out = doc.text()
    new_parts: list[str] = []
    rest = out
    for (name, section), later in zip(found, [*(n for n, _ in found[1:]), None], strict=True):
        assert section is not None
        cut = re.search(rf"^{later}:\n", rest, re.MULTILINE) if later else None
        piece, rest = (rest[: cut.start()], rest[cut.start() :]) if cut else (rest, "")
        entries = _split_entries(piece, name, len(section), grows=all_nodes is not None)
        if entries is None:
            return None
        new_parts += entries
    pieces, last = [], 0
    for span, part in sorted(zip(spans, new_parts, strict=True), key=lambda pair: pair[0].start):
        pieces += [text[last : span.start], part]
        last = span.end
    pieces.append(text[last:])
    return "".join(pieces), result


def _split_entries(out: str, name: str, count: int, grows: bool = False) -> list[str] | None:
    """The edited fragment's entries, as many as went in; with `grows`, entries added after the
    last are part of the last one's text (they go where the whole-file edit appends them)."""
    section = _section(out, name)
    if section is None:
        return None
    body, end, indent = section
    if end != len(out):
        return None
    starts = [s for s, _ in _entry_starts(out, body, end, indent, name)]
    if len(starts) < count or (len(starts) > count and not grows) or starts[0] != body:
        return None
    bounds = [*starts[:count], end]
    return [out[bounds[i] : bounds[i + 1]] for i in range(count)]


class _KnownNodes(CommentedMap):
    """The fragment's nodes, answering `in` for every node of the file (free ids, clashes)."""

    others: frozenset[str] = frozenset()

    def __contains__(self, key: object) -> bool:
        return key in self.others or super().__contains__(key)


def node_keys(text: str) -> list[str] | None:
    """Every node id of the file, in order, read from its lines (None: not a plain `nodes:`)."""
    section = _section(text, "nodes")
    if section is None:
        return None
    body, end, indent = section
    return [key for _, key in _entry_starts(text, body, end, indent, "nodes")]
