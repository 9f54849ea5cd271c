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
from trainer.core.safetext import forbidden

try:  # libyaml's parser; we never use its composer or constructor.
    from yaml import CSafeLoader as _EventLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _EventLoader  # type: ignore[assignment]

MAX_DEPTH = 100
"""Deepest nesting of mappings and sequences accepted (a real tree needs about 6)."""

MAX_EXPANDED_NODES = 2_000_000
"""Most values (keys, texts, lists, mappings) a document may hold, counting each alias as a copy
of what it names: refuses alias bombs, and files far larger than any tree (about 300,000 nodes)."""

ALIAS_TEXT_FLOOR = 100_000
ALIAS_TEXT_TIMES = 2
"""Aliases may add at most ALIAS_TEXT_TIMES the file's own characters of text (and always
ALIAS_TEXT_FLOOR): one large text aliased a thousand times is a small file and a valid tree,
but every export and view writes each copy out (a 488 KB file made 400 MB of Markdown)."""

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
    composer = _Composer(path, max(ALIAS_TEXT_FLOOR, ALIAS_TEXT_TIMES * len(text)))
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

    def __init__(self, path: Path | None, max_alias_text: int) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.anchors: dict[str, YNode] = {}
        self.open_anchors: set[str] = set()
        self.total = 0
        self.aliased = 0  # values added by aliases (their copies)
        self.alias_text = 0  # characters of text added by aliases
        self.max_alias_text = max_alias_text
        self.text_of: dict[int, int] = {}  # id(node) -> characters of text it holds, once asked

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
                scalar = YScalar(event.value, not event.style, Pos(mark.line + 1, mark.column + 1))
                if event.style == '"':  # only a double-quoted escape can write a control character
                    self._check_text(scalar)
                done: YNode = scalar
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
                self._count_alias(done, _pos(event.start_mark))
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
        so alias bombs are refused at the alias that crosses the limit, without expanding. Only
        a document that aliases made too large is told about aliases."""
        self.total += values
        if self.total <= MAX_EXPANDED_NODES:
            return
        if self.aliased:
            raise _FatalError(
                pos,
                f"aliases expand the file to more than {MAX_EXPANDED_NODES:,} values "
                f"({self.aliased:,} of them copies made by aliases: an alias bomb?); refusing to read the file",
            )
        raise _FatalError(
            pos,
            f"the file holds more than {MAX_EXPANDED_NODES:,} values (keys, texts and lists: a tree of some "
            "100,000 to 300,000 nodes); that is the most one tree may hold: split it into trees that continue "
            "in one another",
        )

    def _count_alias(self, node: YNode, pos: Pos) -> None:
        """An alias is a copy of what it names: its values count, and so does its text, since
        every view and export writes each copy out."""
        self.aliased += node.size
        self._count(node.size, pos)
        self.alias_text += self._text_size(node)
        if self.alias_text > self.max_alias_text:
            raise _FatalError(
                pos,
                f"aliases repeat more than {self.max_alias_text:,} characters of text (copies may add at most "
                f"{ALIAS_TEXT_TIMES} times the file's own size, or {ALIAS_TEXT_FLOOR:,}); refusing to read the file: "
                "every export would write each copy out",
            )

    def _text_size(self, node: YNode) -> int:
        """The characters of text in `node` and all it holds (keys too), walked without
        recursion and remembered per node: the values limit above bounds the walking."""
        known = self.text_of.get(id(node))
        if known is not None:
            return known
        total = 0
        stack: list[YNode] = [node]
        while stack:
            item = stack.pop()
            if isinstance(item, YScalar):
                total += len(item.text)
            elif isinstance(item, YSeq):
                stack.extend(item.items)
            else:
                for entry in item.entries.values():
                    total += len(entry.key)
                    stack.append(entry.value)
        self.text_of[id(node)] = total
        return total

    def _check_text(self, scalar: YScalar) -> None:
        """Refuse text holding a character that acts on a terminal or breaks an exported file
        (trainer.core.safetext): written as an escape such as "\\e[2J", "\\x07" or "\\uFFFF"."""
        found = forbidden(scalar.text)
        if found is None:
            return
        offset, what = found
        self.problems.append(
            error(
                self.path,
                scalar.pos,
                f"this text holds {what} (written as an escape, character {offset + 1} of the text); "
                "it would act on a terminal or break an exported file: remove it",
            )
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
