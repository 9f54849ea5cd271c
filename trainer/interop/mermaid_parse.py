"""Reading a Mermaid flowchart: a small tokenizer for its lines, statements, nodes and links.

The flowchart is untrusted text: it is parsed, never rendered or executed (`click` callbacks and
links are dropped). Whatever cannot be read (an unreadable line, a `--x` link, another kind of
diagram) becomes a one-line message in `FlowchartParser.problems`; `trainer.interop.mermaid`
then builds the tree file from what was read.
"""

from __future__ import annotations

import html.entities
import json
import re
from dataclasses import dataclass

from trainer.core.safetext import forbidden

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_ENTITY = re.compile(r"#([A-Za-z][A-Za-z0-9]{0,31}|[0-9]{1,7});")
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)


def one_line(text: str) -> str:
    return " ".join(_CONTROL.sub(" ", text).split())


def _entity(match: re.Match[str]) -> str:
    code = match.group(1)
    if code.isdigit():
        n = int(code)
        if n == 0 or n > 0x10FFFF or 0xD800 <= n <= 0xDFFF or (n > 0x9F and forbidden(chr(n))):
            return match.group()  # kept as written: no character, or one a tree may not hold
        return chr(n)
    return html.entities.html5.get(code + ";", match.group())


def decode_text(raw: str) -> str:
    """Mermaid label text as shown: `<br>` is a space, `#quot;` / `#35;` entity codes are
    decoded (in one pass, so `#35;quot;` is the text `#quot;`), whitespace is collapsed."""
    text = raw.strip()
    if len(text) >= 2 and text[0] == "`" and text[-1] == "`":  # a Markdown string
        text = text[1:-1]
    text = _BR.sub(" ", text)
    return one_line(_ENTITY.sub(_entity, text))


# --- tokenizer ----------------------------------------------------------------------------------
_HEADER = re.compile(r"(flowchart|graph)(?:\s+(\S+))?\s*$", re.IGNORECASE)
_OTHER_DIAGRAM = re.compile(
    r"(sequenceDiagram|classDiagram|stateDiagram(?:-v2)?|erDiagram|gantt|pie|journey|gitGraph|mindmap|timeline)\b"
)
_DIRECTIONS = {"TD", "TB", "LR", "RL", "BT"}
_IGNORED_KEYWORDS = re.compile(r"(classDef|class|style|linkStyle|direction|accTitle|accDescr)\b")
_ID_COMMENT = re.compile(r"%%\s*([A-Za-z0-9_]+)\s*:\s*([a-z0-9][a-z0-9-]*)\s*$")
_NODE_ID = re.compile(r"[^\W_]\w*(?:-\w+)*|_\w*(?:-\w+)*")
# (opener, closer) pairs, longest opener first.
_SHAPES = (
    ("(((", ")))"),
    ("([", "])"),
    ("[[", "]]"),
    ("[(", ")]"),
    ("((", "))"),
    ("{{", "}}"),
    ("[/", "/]"),
    ("[\\", "\\]"),
    (">", "]"),
    ("[", "]"),
    ("(", ")"),
    ("{", "}"),
)
_ALT_CLOSERS = {"[/": ("\\]",), "[\\": ("/]",)}
_ARROW = re.compile(
    r"(?P<head><|[ox](?=[-=.]))?"
    r"(?P<body>-{2,}|={2,}|-?\.+-|~{3,})"
    r"(?P<tail>>|[ox](?!\w))?"
)
_TEXT_LINK = re.compile(
    r"(?P<open>--|==|-\.)(?![-=.>])\s*(?P<text>[^\n]*?)\s*"
    r"(?P<close>-{2,}>|-{3,}|={2,}>|={3,}|\.+->|\.+-|--[ox](?!\w)|==[ox](?!\w))"
)
_UNSUPPORTED_HINT = re.compile(r"\s*@\{")


class _UnreadableError(Exception):
    pass


@dataclass
class Link:
    source: str
    target: str
    label: str | None
    line: int
    text: str


class FlowchartParser:
    def __init__(self) -> None:
        self.order: list[str] = []  # Mermaid node ids in order of first appearance
        self.texts: dict[str, str | None] = {}  # None: no text given (the id is shown)
        self.empty_text: set[str] = set()  # nodes given a text that is empty once decoded
        self.edges: list[Link] = []
        self.problems: list[str] = []
        self.id_comments: dict[str, str] = {}
        self.title: str | None = None
        self.seen_header = False

    def problem(self, message: str) -> None:
        self.problems.append(one_line(message))

    # -- lines --------------------------------------------------------------------------------
    def parse(self, text: str) -> None:
        lines = re.split(r"\r\n|\r|\n", text.removeprefix("\ufeff"))
        first = 0
        while first < len(lines) and not lines[first].strip():
            first += 1
        if first < len(lines) and lines[first].strip() == "---":
            end = next((i for i in range(first + 1, len(lines)) if lines[i].strip() == "---"), None)
            if end is None:
                self.problem(f"line {first + 1}: the front matter opened here is never closed")
            else:
                self.front_matter(lines[first + 1 : end])
                first = end + 1
        for number in range(first, len(lines)):
            self.line(lines[number], number + 1)
        if not self.seen_header:
            self.problem("no 'flowchart' or 'graph' line: the text was read as a flowchart anyway")

    def front_matter(self, lines: list[str]) -> None:
        for line in lines:
            match = re.match(r"title\s*:\s*(.*?)\s*$", line)
            if not match or not match.group(1):
                continue
            value = match.group(1)
            if value.startswith('"'):
                try:
                    value = json.loads(value)
                except ValueError:
                    value = value.strip('"')
            elif value.startswith("'") and value.endswith("'") and len(value) >= 2:
                value = value[1:-1].replace("''", "'")
            title = one_line(str(value))
            if title:
                self.title = title

    def line(self, raw: str, number: int) -> None:
        stripped = raw.strip()
        if not stripped:
            return
        if stripped.startswith("%%"):
            match = _ID_COMMENT.match(stripped)
            if match:
                self.id_comments.setdefault(match.group(1), match.group(2))
            return
        for statement in self.statements(raw):
            self.statement(statement.strip(), number)

    @staticmethod
    def statements(raw: str) -> list[str]:
        """`raw` cut at `;` outside quotes, shapes, pipes and entity codes."""
        parts: list[str] = []
        depth, quoted, piped, start = 0, False, False, 0
        i = 0
        while i < len(raw):
            c = raw[i]
            if c == '"':
                quoted = not quoted
            elif quoted:
                pass
            elif c == "|":
                piped = not piped
            elif c in "[({":
                depth += 1
            elif c in "])}" and depth:
                depth -= 1
            elif c == "#":
                match = _ENTITY.match(raw, i)
                if match:
                    i = match.end()
                    continue
            elif c == ";" and not depth and not piped:
                parts.append(raw[start:i])
                start = i + 1
            i += 1
        parts.append(raw[start:])
        return [p for p in parts if p.strip()]

    def statement(self, text: str, number: int) -> None:
        header = _HEADER.match(text)
        if header:
            direction = header.group(2)
            if direction and direction.upper() not in _DIRECTIONS:
                self.problem(f"line {number}: unknown direction '{direction}' ignored")
            if self.seen_header:
                self.problem(f"line {number}: a second '{header.group(1)}' line ignored")
            self.seen_header = True
            return
        if _OTHER_DIAGRAM.match(text):
            self.problem(f"line {number}: '{text[:60]}' is not a flowchart; only flowcharts can be imported")
            self.seen_header = True
            return
        keyword = re.match(r"\w+", text)
        word = keyword.group() if keyword else ""
        if word == "click":
            self.problem(f"line {number}: 'click' line dropped: links and callbacks are not imported")
            return
        if word == "subgraph":
            self.problem(f"line {number}: subgraph ignored; its nodes and links are imported")
            return
        if word == "end" and text == "end":
            return
        if _IGNORED_KEYWORDS.fullmatch(word) and (len(text) == len(word) or text[len(word)].isspace()):
            return
        try:
            nodes, edges = self.chain(text, number)
        except _UnreadableError as exc:
            reason = f" ({exc})" if str(exc) else ""
            self.problem(f"line {number}: cannot read '{text[:80]}'{reason}")
            return
        for node_id, node_text in nodes:
            if node_id not in self.texts:
                self.order.append(node_id)
                self.texts[node_id] = None
            if node_text:
                self.texts[node_id] = node_text
            elif node_text is not None:
                self.empty_text.add(node_id)
        self.edges += edges

    # -- statements ---------------------------------------------------------------------------
    def chain(self, text: str, number: int) -> tuple[list[tuple[str, str | None]], list[Link]]:
        nodes: list[tuple[str, str | None]] = []
        edges: list[Link] = []
        pos = 0
        group, pos = self.group(text, pos, nodes)
        while True:
            pos = _skip(text, pos)
            if pos >= len(text):
                break
            link_start = pos
            kind, label, pos = self.link(text, pos)
            targets, pos = self.group(text, pos, nodes)
            if kind is not None:
                shown = f"{' & '.join(group)} {text[link_start:pos].strip()}"
                self.problem(
                    f"line {number}: the link '{shown[:80]}' ({kind}) cannot be part of a tree; it was left out"
                )
            else:
                for source in group:
                    for target in targets:
                        edges.append(Link(source, target, label, number, text))
            group = targets
        return nodes, edges

    def group(self, text: str, pos: int, nodes: list[tuple[str, str | None]]) -> tuple[list[str], int]:
        ids = []
        while True:
            pos = _skip(text, pos)
            node_id, node_text, pos = self.node(text, pos)
            ids.append(node_id)
            nodes.append((node_id, node_text))
            after = _skip(text, pos)
            if after < len(text) and text[after] == "&":
                pos = after + 1
                continue
            return ids, pos

    def node(self, text: str, pos: int) -> tuple[str, str | None, int]:
        match = _NODE_ID.match(text, pos)
        if not match:
            raise _UnreadableError("expected a node id" if pos < len(text) else "a link leads nowhere")
        node_id, pos = match.group(), match.end()
        if _UNSUPPORTED_HINT.match(text, pos):
            raise _UnreadableError("the '@{ shape }' syntax is not supported")
        node_text: str | None = None
        for opener, closer in _SHAPES:
            if text.startswith(opener, pos):
                node_text, pos = self.shape_text(text, pos + len(opener), (closer, *_ALT_CLOSERS.get(opener, ())))
                break
        if text.startswith(":::", pos):
            cls = re.compile(r"[\w-]+").match(text, pos + 3)
            if not cls:
                raise _UnreadableError("a ':::' without a class name")
            pos = cls.end()
        return node_id, node_text, pos

    @staticmethod
    def shape_text(text: str, pos: int, closers: tuple[str, ...]) -> tuple[str, int]:
        inner = _skip(text, pos)
        if inner < len(text) and text[inner] == '"':
            end = text.find('"', inner + 1)
            if end < 0:
                raise _UnreadableError("a quote is never closed")
            after = _skip(text, end + 1)
            for closer in closers:
                if text.startswith(closer, after):
                    return decode_text(text[inner + 1 : end]), after + len(closer)
            raise _UnreadableError(f"expected '{closers[0]}' after the quoted text")
        found = [(text.find(closer, pos), closer) for closer in closers]
        found = [(i, closer) for i, closer in found if i >= 0]
        if not found:
            raise _UnreadableError(f"'{closers[0]}' is missing")
        end, closer = min(found)
        return decode_text(text[pos:end]), end + len(closer)

    @staticmethod
    def link(text: str, pos: int) -> tuple[str | None, str | None, int]:
        """(why the link is unsupported or None, its label or None, position after it)."""
        match = _ARROW.match(text, pos)
        if match and _is_arrow(match):
            label = None
            pos = match.end()
            after = _skip(text, pos)
            if after < len(text) and text[after] == "|":
                label, pos = _pipe_label(text, after + 1)
            return _unsupported(match.group("head"), match.group("body"), match.group("tail")), label, pos
        match = _TEXT_LINK.match(text, pos)
        if match:
            close = match.group("close")
            tail = close[-1] if close[-1] in "ox" else (">" if close.endswith(">") else None)
            label = match.group("text")
            if len(label) >= 2 and label[0] == label[-1] == '"':
                label = label[1:-1]
            return _unsupported(None, close.rstrip(">ox"), tail), decode_text(label), match.end()
        raise _UnreadableError("expected a link such as '-->'")


def _skip(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def _is_arrow(match: re.Match[str]) -> bool:
    body = match.group("body")
    if match.group("tail") or match.group("head"):
        return True
    # Without an arrowhead a link is `---`, `===`, `-.-` or `~~~`; `--` and `==` open a text label.
    return len(body) >= 3


def _unsupported(head: str | None, body: str, tail: str | None) -> str | None:
    if body.startswith("~"):
        return "an invisible '~~~' link"
    if tail in ("o", "x") or head in ("o", "x"):
        return f"a '{(head or '')}{body}{tail or ''}' link with a circle or cross end"
    if head == "<":
        return "a link with arrowheads at both ends"
    return None


def _pipe_label(text: str, pos: int) -> tuple[str, int]:
    inner = _skip(text, pos)
    if inner < len(text) and text[inner] == '"':
        end = text.find('"', inner + 1)
        if end >= 0:
            after = _skip(text, end + 1)
            if after < len(text) and text[after] == "|":
                return decode_text(text[inner + 1 : end]), after + 1
    end = text.find("|", pos)
    if end < 0:
        raise _UnreadableError("a link label's closing '|' is missing")
    label = text[pos:end].strip()
    return decode_text(label), end + 1
