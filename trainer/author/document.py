"""A tree file as round-trip YAML (ruamel.yaml), so that edits keep what the author wrote.

PyYAML stays the fast, safe reader of trees; only the editor reads a file this way, because
ruamel keeps comments, key order, quoting and blank lines, and writes back untouched parts as
they were. Blank lines and comments live in ruamel as tokens attached to the element *before*
them, so appending or removing the last element of a mapping or list would move the blank line
that closes it; `append` and `remove` carry that token along, and new content follows the
layout of docs/format.md (a blank line between nodes, block scalars for text of several lines).
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark, YAMLError
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
    ScalarString,
)
from ruamel.yaml.tokens import CommentToken
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

BLANK_LINE = "\n"  # what separates two nodes


class EditError(Exception):
    """An edit that cannot be made, with a message for the author."""


@dataclass(frozen=True)
class Indent:
    """How the file indents: mappings, sequences, and the offset of a sequence's dash."""

    mapping: int = 2
    sequence: int = 4
    offset: int = 2


def _yaml(indent: Indent) -> YAML:
    yaml = YAML(typ="rt")  # round-trip: builds plain containers and strings, never objects
    yaml.preserve_quotes = True
    yaml.indent(mapping=indent.mapping, sequence=indent.sequence, offset=indent.offset)
    yaml.width = 4096  # never re-wrap an author's long line
    return yaml


_KEY_ONLY = re.compile(r"^( *)[^\s#-][^#]*:\s*(#.*)?$")  # a key whose value is on the next lines
_DASH = re.compile(r"^( *)- ")
_KEY = re.compile(r"^( *)[^\s#-]")


def _guess_indent(text: str) -> Indent:
    """The file's own indentation, from its first nested mapping and first block list (ruamel's
    guess is misled by end-of-line comments), so untouched lines are written back as they were."""
    mapping_step = sequence_offset = None
    parent: int | None = None
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        dash, key = _DASH.match(line), _KEY.match(line)
        if parent is not None and dash and sequence_offset is None:
            sequence_offset = len(dash.group(1)) - parent
        elif parent is not None and key and mapping_step is None and len(key.group(1)) > parent:
            mapping_step = len(key.group(1)) - parent
        only_key = _KEY_ONLY.match(line)
        parent = len(only_key.group(1)) if only_key else None
        if mapping_step is not None and sequence_offset is not None:
            break
    mapping_step = mapping_step or 2
    offset = sequence_offset if sequence_offset is not None else 2
    return Indent(mapping=mapping_step, sequence=offset + 2, offset=offset)


class TreeDocument:
    """One tree file's YAML, edited in place; `text()` writes it back."""

    def __init__(self, data: CommentedMap, indent: Indent) -> None:
        self.data = data
        self.indent = indent

    @classmethod
    def parse(cls, text: str) -> TreeDocument:
        """The document of `text`; EditError when it is not YAML or not a mapping at the top
        (such a file can only be fixed as text, in the author's own editor)."""
        indent = _guess_indent(text)
        try:
            data = _yaml(indent).load(text)
        except YAMLError as exc:
            raise EditError(f"the file is not valid YAML, so it can only be fixed as text: {exc}") from None
        if data is None:
            data = CommentedMap()
        if not isinstance(data, CommentedMap):
            raise EditError("the file's top level is not a mapping of keys (format, id, title, start, nodes)")
        return cls(data, indent)

    def text(self) -> str:
        out = io.StringIO()
        _yaml(self.indent).dump(self.data, out)
        return out.getvalue()

    # --- the parts every edit reaches for ------------------------------------------------------
    @property
    def nodes(self) -> CommentedMap:
        nodes = self.data.get("nodes")
        if not isinstance(nodes, CommentedMap):
            raise EditError("the tree has no 'nodes' mapping to edit")
        return nodes

    def node(self, node_id: str) -> CommentedMap:
        node = self.nodes.get(node_id)
        if not isinstance(node, CommentedMap):
            raise EditError(f"there is no node '{node_id}'")
        return node

    def answers(self, node_id: str) -> CommentedSeq:
        answers = self.node(node_id).get("answers")
        if not isinstance(answers, CommentedSeq):
            raise EditError(f"'{node_id}' has no list of answers")
        return answers

    def scenarios(self) -> CommentedSeq:
        scenarios = self.data.get("scenarios")
        if not isinstance(scenarios, CommentedSeq):
            raise EditError("the tree has no list of scenarios")
        return scenarios


# --- values in the style of docs/format.md ------------------------------------------------------
_YAML11 = Resolver()
_SHORT_BOOLS = frozenset("yYnN")  # booleans in the YAML 1.1 spec, though PyYAML reads them as text


def plain_safe(text: str) -> str:
    """`text` double-quoted where a YAML 1.1 reader (PyYAML, which reads trees, and many other
    tools) would take it plain for something else: Yes, No, On, Off, y, n, True, ~, 1:30, 0x1F…
    ruamel writes YAML 1.2, where those are strings, so it leaves them bare."""
    if isinstance(text, ScalarString) or "\n" in text:
        return text
    if text in _SHORT_BOOLS or _YAML11.resolve(ScalarNode, text, (True, False)) != "tag:yaml.org,2002:str":
        quoted: str = DoubleQuotedScalarString(text)
        return quoted
    return text


def text_value(text: str) -> str:
    """A text as the format writes it: one line plain (quoted only where YAML needs it, as a
    YAML 1.1 reader needs it too), several lines as a literal block (`|`), so Markdown keeps its
    line breaks."""
    text = text.strip("\n")
    if "\n" in text:
        block: str = LiteralScalarString(text + "\n")
        return block
    return plain_safe(text)


def mapping(*pairs: tuple[str, Any]) -> CommentedMap:
    """A new mapping with its keys in the given order; empty optional values are left out."""
    out = CommentedMap()
    for key, value in pairs:
        if value not in (None, "", ()):
            out[key] = plain_safe(value) if isinstance(value, str) else value
    return out


def sequence(items: list[Any]) -> CommentedSeq:
    out = CommentedSeq()
    out.extend(items)
    return out


# --- blank lines and comments that close a container ---------------------------------------------
def _trailer_slot(container: Any) -> tuple[Any, Any, int] | None:
    """Where the comment token that follows `container`'s last element lives: (the innermost
    container that holds it, its key or index, the slot in ruamel's comment list)."""
    while True:
        if isinstance(container, CommentedMap) and container:
            key = next(reversed(container))
            value = container[key]
            if isinstance(value, (CommentedMap, CommentedSeq)) and value and not value.fa.flow_style():
                container = value
                continue
            return container, key, 2
        if isinstance(container, CommentedSeq) and container:
            index = len(container) - 1
            value = container[index]
            if isinstance(value, (CommentedMap, CommentedSeq)) and value and not value.fa.flow_style():
                container = value
                continue
            return container, index, 0
        return None


def _ends_its_line(value: Any) -> bool:
    """A block scalar that keeps its final line break: the comment token after it then starts
    on the next line, where after any other scalar it starts with the rest of that line."""
    return isinstance(value, (LiteralScalarString, FoldedScalarString)) and value.endswith("\n")


def _take_trailer(container: Any) -> str | None:
    """Detach the lines that follow `container`'s last element (blank lines, comments on lines
    of their own) and return them; a comment at the end of the element's own line stays."""
    slot = _trailer_slot(container)
    if slot is None:
        return None
    owner, key, position = slot
    entry = owner.ca.items.get(key)
    if not entry or len(entry) <= position or entry[position] is None:
        return None
    token = entry[position]
    if _ends_its_line(owner[key]):
        kept, tail = "", token.value
    else:
        end = token.value.find("\n")
        kept, tail = (token.value[: end + 1], token.value[end + 1 :]) if end >= 0 else (token.value, "")
        kept = "" if kept == "\n" else kept
    if kept:
        token.value = kept
    else:
        entry[position] = None
    return tail or None


def _give_trailer(container: Any, tail: str | None) -> None:
    """Put `tail` (lines from `_take_trailer`) after `container`'s last element."""
    slot = _trailer_slot(container)
    if slot is None or not tail:
        return
    owner, key, position = slot
    entry = owner.ca.items.setdefault(key, [None, None, None, None])
    while len(entry) <= position:
        entry.append(None)
    if entry[position] is not None:  # a comment at the end of the line, or lines already there
        entry[position].value += tail
    else:
        entry[position] = CommentToken(tail if _ends_its_line(owner[key]) else "\n" + tail, CommentMark(0), None)


def append(
    container: CommentedMap | CommentedSeq, value: Any, key: str | None = None, blank_before: bool = False
) -> None:
    """Add `value` at the end of `container` (under `key` for a mapping). Whatever closed the
    container (a blank line before the next section, a comment) now follows the new element;
    with `blank_before`, a blank line separates it from the element before, as between nodes."""
    trailer = _take_trailer(container)
    if blank_before and container:
        _give_trailer(container, BLANK_LINE)
    if isinstance(container, CommentedMap):
        container[plain_safe(key) if isinstance(key, str) else key] = value
    else:
        container.append(value)
    _give_trailer(container, trailer)


def remove(container: CommentedMap | CommentedSeq, key: str | int) -> None:
    """Remove an element; when it was the last, what closed the container moves to the new last."""
    last = (
        (next(reversed(container)) if isinstance(container, CommentedMap) else len(container) - 1)
        if container
        else None
    )
    trailer = _take_trailer(container) if key == last else None
    del container[key]
    if isinstance(container, CommentedMap):
        container.ca.items.pop(key, None)
    if key == last:
        # The new last element ended with the separator before the removed one (a blank line):
        # what closed the container replaces it, or the file would grow a blank line. Comment
        # lines in that separator are kept.
        separator = _take_trailer(container) or ""
        comments = "".join(line + "\n" for line in separator.split("\n") if line.strip().startswith("#"))
        _give_trailer(container, (comments + (trailer or "")) or None)


def reorder(items: CommentedSeq, order: list[int]) -> None:
    """Put a list's elements in `order` (old indexes); each keeps its own comments, and what
    closed the list still closes it."""
    trailer = _take_trailer(items)
    moved = [items[i] for i in order]
    del items[:]
    items.ca.items.clear()
    items.extend(moved)
    _give_trailer(items, trailer)


T = TypeVar("T")


def apply_edit(text: str, operation: Callable[[TreeDocument], T]) -> tuple[str, T]:
    """Run one edit on the document of `text`: the new text and what the edit returned. An
    EditError leaves nothing half-done (the document it was applied to is thrown away), and the
    text before is all an undo needs."""
    doc = TreeDocument.parse(text)
    result = operation(doc)
    return doc.text(), result
