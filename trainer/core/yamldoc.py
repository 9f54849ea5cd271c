"""Safe YAML reading that keeps the position of every key and value.

PyYAML's own loaders are unsafe for shared files in ways that matter here: libyaml's C composer
overflows the C stack (SIGSEGV) on deeply nested input, the Python composer hits RecursionError,
aliases can expand exponentially, duplicate keys are silently merged, and YAML 1.1 turns `no` into
False. So we take only the *event stream* from the parser (libyaml when present: it is ~30x faster)
and compose the document ourselves, iteratively, with limits checked before anything is built.
Every scalar stays the text the author wrote.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from trainer.core.problems import Pos, Problem, error

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


@dataclass(eq=False, slots=True)
class YScalar:
    """A scalar exactly as written; `plain` is False when it was quoted or a block scalar."""

    text: str
    plain: bool
    pos: Pos
    size: int = 1

    @property
    def is_null(self) -> bool:
        return self.plain and self.text in _NULLS


@dataclass(eq=False, slots=True)
class YSeq:
    items: list[YNode]
    pos: Pos
    size: int = 1


@dataclass(eq=False, slots=True)
class YEntry:
    key: str
    key_pos: Pos
    value: YNode


@dataclass(eq=False, slots=True)
class YMap:
    entries: dict[str, YEntry] = field(default_factory=dict)
    pos: Pos = Pos(1, 1)
    size: int = 1


YNode = YScalar | YSeq | YMap


@dataclass
class YamlDocument:
    """The composed document (None when it could not be read) and the problems met on the way."""

    root: YNode | None
    problems: list[Problem]


class _FatalError(Exception):
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
        message = f"not UTF-8 text (byte 0x{body[exc.start]:02x} cannot be decoded); save the file as UTF-8"
        return None, [error(path, Pos(line, column), message)]


def read_yaml(text: str, path: Path | None = None) -> YamlDocument:
    """Compose one YAML document from `text`, never raising for anything the author wrote."""
    composer = _Composer(path)
    try:
        root = composer.compose(_events(text))
    except _FatalError as exc:
        return YamlDocument(None, [*composer.problems, error(path, exc.pos, exc.message)])
    return YamlDocument(root, composer.problems)


def _pos(mark: object) -> Pos:
    return Pos(getattr(mark, "line", 0) + 1, getattr(mark, "column", 0) + 1)


def _events(text: str) -> Iterator[yaml.Event]:
    loader = _EventLoader(text)
    get_event = loader.get_event
    try:
        while True:
            event = get_event()
            if event is None:  # the stream ended without its end event (never from a whole text)
                return
            yield event
            if isinstance(event, yaml.StreamEndEvent):
                return
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = "YAML syntax: " + (exc.problem or "cannot be parsed")
        if exc.context:
            message += f" ({exc.context}"
            if exc.context_mark is not None:
                message += f" started at line {exc.context_mark.line + 1}"
            message += ")"
        raise _FatalError(_pos(mark), message) from None
    except yaml.reader.ReaderError as exc:
        raise _FatalError(_reader_pos(text, exc.position), _reader_message(exc)) from None
    except yaml.YAMLError as exc:
        raise _FatalError(Pos(1, 1), f"YAML cannot be read: {exc}") from None
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


Frame = list[Any]  # [container, its anchor, the pending mapping key as (text, pos) or None]


class _Composer:
    """Builds YNodes from events with an explicit stack: no recursion, depth checked first."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.anchors: dict[str, YNode] = {}
        self.open_anchors: set[str] = set()
        self.total = 0

    def compose(self, events: Iterator[Any]) -> YNode | None:
        """One pass over the events. Scalars, three in four events, take the first branch and
        attach inline: this loop is most of the time spent reading a large tree. Events are typed
        Any here: the loop dispatches on their exact class, for speed, which mypy cannot narrow."""
        root: YNode | None = None
        documents = 0
        stack: list[Frame] = []
        scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
        starts = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
        ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
        for event in events:
            cls = event.__class__
            if cls is scalar_event:
                if event.tag is not None:
                    self._check_tag(event)
                mark = event.start_mark
                done: YNode = YScalar(event.value, not event.style, Pos(mark.line + 1, mark.column + 1))
                self.total += 1
                if self.total > MAX_EXPANDED_NODES:
                    self._count(0, done.pos)
                if event.anchor:
                    self.anchors[event.anchor] = done
            elif cls in starts:
                self._open(event, stack)
                continue
            elif cls in ends:
                done, anchor, _ = stack.pop()
                if anchor:
                    self.open_anchors.discard(anchor)
            elif cls is alias_event:
                done = self._alias(event)
                self._count(done.size, _pos(event.start_mark))
            elif cls is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _FatalError(
                        _pos(event.start_mark), "a second YAML document ('---') in the file; put one tree in each file"
                    )
                continue
            else:
                continue
            if not stack:
                root = done
                continue
            frame = stack[-1]
            parent = frame[0]
            parent.size += done.size
            if parent.__class__ is YSeq:
                parent.items.append(done)
            elif frame[2] is None:
                if done.__class__ is not YScalar:
                    raise _FatalError(done.pos, "a mapping key must be plain text, not a list or mapping")
                frame[2] = (done.text, done.pos)
            else:
                self._add_entry(frame, parent, done)
        return root

    def _open(self, event: Any, stack: list[Frame]) -> None:
        """A mapping or sequence starts: refuse it past the depth limit, before building it."""
        pos = _pos(event.start_mark)
        if len(stack) >= MAX_DEPTH:
            raise _FatalError(pos, f"nested deeper than {MAX_DEPTH} levels; a tree never needs this")
        self._check_tag(event)
        self._count(1, pos)
        node: YNode = YMap(pos=pos) if isinstance(event, yaml.MappingStartEvent) else YSeq([], pos)
        if event.anchor:
            self.anchors[event.anchor] = node
            self.open_anchors.add(event.anchor)
        stack.append([node, event.anchor, None])

    def _add_entry(self, frame: Frame, parent: YMap, value: YNode) -> None:
        key, key_pos = frame[2]
        frame[2] = None
        first = parent.entries.get(key)
        if first is None:
            parent.entries[key] = YEntry(key, key_pos, value)
            return
        self.problems.append(
            error(
                self.path,
                key_pos,
                f"duplicate key '{key}' (first at line {first.key_pos.line}); "
                "YAML would silently keep only one: remove or rename one of them",
            )
        )

    def _alias(self, event: Any) -> YNode:
        pos = _pos(event.start_mark)
        if event.anchor in self.open_anchors:
            raise _FatalError(pos, f"alias '*{event.anchor}' refers to itself (a recursive alias)")
        node = self.anchors.get(event.anchor)
        if node is None:
            raise _FatalError(pos, f"alias '*{event.anchor}' names no anchor defined before it")
        return node

    def _count(self, values: int, pos: Pos) -> None:
        """Add to the document's expanded size (an alias counts as a copy of what it names),
        so alias bombs are refused at the alias that crosses the limit, without expanding."""
        self.total += values
        if self.total > MAX_EXPANDED_NODES:
            raise _FatalError(
                pos,
                "aliases expand to more than "
                f"{MAX_EXPANDED_NODES:,} values (an alias bomb?); refusing to read the file",
            )

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
