"""Safe YAML reading that keeps the position of every key and value.

PyYAML's own loaders are unsafe for shared files in ways that matter here: libyaml's C composer
overflows the C stack (SIGSEGV) on deeply nested input, the Python composer hits RecursionError,
aliases can expand exponentially, duplicate keys are silently merged, and YAML 1.1 turns `no` into
False. So we take only the *event stream* from the parser (libyaml when present: it is ~30x faster)
and compose the document ourselves, iteratively, with limits checked before anything is built.
Every scalar stays the text the author wrote.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Union

import yaml

from trainer.problems import Pos, Problem, error

try:  # libyaml's parser; we never use its composer or constructor.
    from yaml import CSafeLoader as _EventLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _EventLoader  # type: ignore[assignment]

MAX_DEPTH = 100
"""Deepest nesting of mappings and sequences accepted (a real tree needs about 6)."""

MAX_EXPANDED_NODES = 2_000_000
"""Most nodes a document may hold once aliases are counted as copies (refuses alias bombs)."""

_ALLOWED_TAGS = {
    "!",
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}
_NULLS = {"", "~", "null", "Null", "NULL"}


@dataclass(eq=False)
class YScalar:
    """A scalar exactly as written; `plain` is False when it was quoted or a block scalar."""

    text: str
    plain: bool
    pos: Pos
    size: int = 1

    @property
    def is_null(self) -> bool:
        return self.plain and self.text in _NULLS


@dataclass(eq=False)
class YSeq:
    items: list["YNode"]
    pos: Pos
    size: int = 1


@dataclass(eq=False)
class YEntry:
    key: str
    key_pos: Pos
    value: "YNode"


@dataclass(eq=False)
class YMap:
    entries: dict[str, YEntry] = field(default_factory=dict)
    pos: Pos = Pos(1, 1)
    size: int = 1


YNode = Union[YScalar, YSeq, YMap]


@dataclass
class YamlDocument:
    """The composed document (None when it could not be read) and the problems met on the way."""

    root: YNode | None
    problems: list[Problem]


class _Fatal(Exception):
    def __init__(self, pos: Pos, message: str) -> None:
        super().__init__(message)
        self.pos = pos
        self.message = message


def kind_name(node: YNode) -> str:
    if isinstance(node, YMap):
        return "a mapping"
    if isinstance(node, YSeq):
        return "a list"
    return "null" if node.is_null else "text"


def decode(data: bytes, path: Path | None) -> tuple[str | None, list[Problem]]:
    """UTF-8 (with or without BOM) bytes to text, or a located error at the first bad byte."""
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    try:
        return body.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        before = body[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before.rsplit(b"\n", 1)[-1].decode("utf-8", "replace")) + 1
        message = (
            f"not UTF-8 text (byte 0x{body[exc.start]:02x} cannot be decoded); "
            "save the file as UTF-8"
        )
        return None, [error(path, Pos(line, column), message)]


def read_yaml(text: str, path: Path | None = None) -> YamlDocument:
    """Compose one YAML document from `text`, never raising for anything the author wrote."""
    composer = _Composer(path)
    try:
        root = composer.compose(_events(text))
    except _Fatal as exc:
        return YamlDocument(None, [*composer.problems, error(path, exc.pos, exc.message)])
    return YamlDocument(root, composer.problems)


def _pos(mark: object) -> Pos:
    return Pos(getattr(mark, "line", 0) + 1, getattr(mark, "column", 0) + 1)


def _events(text: str) -> Iterator[yaml.Event]:
    loader = _EventLoader(text)
    try:
        while loader.check_event():
            yield loader.get_event()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = "YAML syntax: " + (exc.problem or "cannot be parsed")
        if exc.context:
            message += f" ({exc.context}"
            if exc.context_mark is not None:
                message += f" started at line {exc.context_mark.line + 1}"
            message += ")"
        raise _Fatal(_pos(mark), message) from None
    except yaml.reader.ReaderError as exc:
        raise _Fatal(_reader_pos(text, exc.position), _reader_message(exc)) from None
    except yaml.YAMLError as exc:
        raise _Fatal(Pos(1, 1), f"YAML cannot be read: {exc}") from None
    finally:
        loader.dispose()


def _reader_pos(text: str, position: int) -> Pos:
    """libyaml counts a reader error's position in UTF-8 bytes, PyYAML's reader in characters."""
    if _EventLoader.__name__.startswith("C"):
        before = text.encode("utf-8")[:position].decode("utf-8", "replace")
    else:
        before = text[:position]
    return Pos(before.count("\n") + 1, len(before.rsplit("\n", 1)[-1]) + 1)


def _reader_message(exc: yaml.reader.ReaderError) -> str:
    char = exc.character if isinstance(exc.character, int) else ord(exc.character)
    return f"control character U+{char:04X} is not allowed in YAML text"


class _Composer:
    """Builds YNodes from events with an explicit stack: no recursion, depth checked first."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.anchors: dict[str, YNode] = {}
        self.open_anchors: set[str] = set()
        self.total = 0

    def compose(self, events: Iterator[yaml.Event]) -> YNode | None:
        root: YNode | None = None
        documents = 0
        # Each frame: (container, anchor, pending mapping key as (text, pos) or None).
        stack: list[list] = []
        for event in events:
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise _Fatal(
                        _pos(event.start_mark),
                        "a second YAML document ('---') in the file; put one tree in each file",
                    )
                continue
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                if len(stack) >= MAX_DEPTH:
                    raise _Fatal(
                        _pos(event.start_mark),
                        f"nested deeper than {MAX_DEPTH} levels; a tree never needs this",
                    )
                self._check_tag(event)
                pos = _pos(event.start_mark)
                self._count(1, pos)
                node: YNode = YMap(pos=pos) if isinstance(event, yaml.MappingStartEvent) else YSeq([], pos)
                if event.anchor:
                    self.anchors[event.anchor] = node
                    self.open_anchors.add(event.anchor)
                stack.append([node, event.anchor, None])
                continue
            if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                node, anchor, _ = stack.pop()
                if anchor:
                    self.open_anchors.discard(anchor)
                done: YNode = node
            elif isinstance(event, yaml.ScalarEvent):
                self._check_tag(event)
                done = YScalar(event.value, not event.style, _pos(event.start_mark))
                self._count(1, done.pos)
                if event.anchor:
                    self.anchors[event.anchor] = done
            elif isinstance(event, yaml.AliasEvent):
                done = self._alias(event)
                self._count(done.size, _pos(event.start_mark))
            else:
                continue
            if not stack:
                root = done
            else:
                self._attach(stack[-1], done)
        return root

    def _alias(self, event: yaml.AliasEvent) -> YNode:
        pos = _pos(event.start_mark)
        if event.anchor in self.open_anchors:
            raise _Fatal(pos, f"alias '*{event.anchor}' refers to itself (a recursive alias)")
        node = self.anchors.get(event.anchor)
        if node is None:
            raise _Fatal(pos, f"alias '*{event.anchor}' names no anchor defined before it")
        return node

    def _count(self, values: int, pos: Pos) -> None:
        """Add to the document's expanded size (an alias counts as a copy of what it names),
        so alias bombs are refused at the alias that crosses the limit, without expanding."""
        self.total += values
        if self.total > MAX_EXPANDED_NODES:
            raise _Fatal(
                pos,
                "aliases expand to more than "
                f"{MAX_EXPANDED_NODES:,} values (an alias bomb?); refusing to read the file",
            )

    def _attach(self, frame: list, child: YNode) -> None:
        parent = frame[0]
        parent.size += child.size
        if isinstance(parent, YSeq):
            parent.items.append(child)
            return
        if frame[2] is None:
            if not isinstance(child, YScalar):
                raise _Fatal(child.pos, "a mapping key must be plain text, not a list or mapping")
            frame[2] = (child.text, child.pos)
            return
        key, key_pos = frame[2]
        frame[2] = None
        first = parent.entries.get(key)
        if first is not None:
            self.problems.append(
                error(
                    self.path,
                    key_pos,
                    f"duplicate key '{key}' (first at line {first.key_pos.line}); "
                    "YAML would silently keep only one: remove or rename one of them",
                )
            )
            return
        parent.entries[key] = YEntry(key, key_pos, child)

    def _check_tag(self, event: yaml.NodeEvent) -> None:
        tag = getattr(event, "tag", None)
        if tag is None or tag in _ALLOWED_TAGS:
            return
        shown = tag.replace("tag:yaml.org,2002:", "!!")
        self.problems.append(
            error(
                self.path,
                _pos(event.start_mark),
                f"explicit tag '{shown}' is not allowed: trees are plain text data; remove the tag",
            )
        )
