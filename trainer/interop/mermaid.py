"""Import a Mermaid flowchart as a tree file (YAML text in the format of docs/format.md).

Plain Python, no Qt. The flowchart is untrusted text: it is parsed by a small tokenizer, never
rendered or executed (`click` callbacks and links are dropped), and every text it holds is
written back as a safely quoted YAML scalar. Whatever cannot become part of a tree (an unreadable
line, a `--x` link, a link closing a cycle, several roots) becomes a one-line message in
`ImportResult.problems`; `import_mermaid` itself never raises.

Mapping: a node with outgoing links is a question whose answers are its links in file order
(the label is the link's text, or the target's text when the link has none); a node without is
an outcome with a placeholder explanation. Node ids are the Mermaid ids made into slugs, except
that the `%% n0: original-id` comments written by `trainer.interop.text.to_mermaid` restore the
original ids; with those comments present, a link label "A / B" (how our export writes two
answers leading to the same node) becomes two answers again.
"""

from __future__ import annotations

import html.entities
import json
import re
import unicodedata
from dataclasses import dataclass, field

import yaml

__all__ = ["ImportResult", "import_mermaid", "slugify"]

DEFAULT_TITLE = "Imported flowchart"
EXPLANATION_PLACEHOLDER = "TODO: explain why."
MAX_PROBLEMS = 200
"""Problems listed before the rest are summarised in one line (random input can make thousands)."""

HEADER_COMMENT = (
    "# Imported from a Mermaid flowchart. Every outcome's explanation is a placeholder\n"
    '# ("TODO: explain why."): write the explanations, and add scenarios, before using this tree.\n'
)


@dataclass
class ImportResult:
    """A complete tree file and the one-line messages about what could not be imported."""

    yaml_text: str
    problems: list[str] = field(default_factory=list)


# --- text helpers -------------------------------------------------------------------------------
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_ENTITY = re.compile(r"#([A-Za-z][A-Za-z0-9]{0,31}|[0-9]{1,7});")
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def one_line(text: str) -> str:
    return " ".join(_CONTROL.sub(" ", text).split())


def _entity(match: re.Match[str]) -> str:
    code = match.group(1)
    if code.isdigit():
        n = int(code)
        if n == 0 or n > 0x10FFFF or 0xD800 <= n <= 0xDFFF:
            return match.group()
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


def slugify(text: str) -> str:
    """`text` as a slug `[a-z0-9][a-z0-9-]*`: accents dropped, lowercase, other runs to "-"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


_PLAIN_OK = re.compile(r"^[A-Za-z0-9(][A-Za-z0-9 ,.;()?/'+=%$@_-]*$")
_PLAIN_RISKY = re.compile(r"^(?:~|null|Null|NULL)$|[ ]$| #|: ")


def yaml_scalar(text: str) -> str:
    """`text` as a YAML scalar the trainer reads back exactly: plain when that is certainly
    safe, otherwise double-quoted by PyYAML's emitter (which escapes whatever needs it)."""
    if text and _PLAIN_OK.match(text) and not _PLAIN_RISKY.search(text):
        return text
    dumped = yaml.safe_dump(text, default_style='"', allow_unicode=True, width=1_000_000_000)
    return dumped.strip("\n").removesuffix("\n...").strip("\n")


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


class _Unreadable(Exception):
    pass


@dataclass
class _Edge:
    source: str
    target: str
    label: str | None
    line: int
    text: str


class _Parser:
    def __init__(self) -> None:
        self.order: list[str] = []  # Mermaid node ids in order of first appearance
        self.texts: dict[str, str | None] = {}  # None: no text given (the id is shown)
        self.empty_text: set[str] = set()  # nodes given a text that is empty once decoded
        self.edges: list[_Edge] = []
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
        except _Unreadable as exc:
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
    def chain(self, text: str, number: int) -> tuple[list[tuple[str, str | None]], list[_Edge]]:
        nodes: list[tuple[str, str | None]] = []
        edges: list[_Edge] = []
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
                        edges.append(_Edge(source, target, label, number, text))
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
            raise _Unreadable("expected a node id" if pos < len(text) else "a link leads nowhere")
        node_id, pos = match.group(), match.end()
        if _UNSUPPORTED_HINT.match(text, pos):
            raise _Unreadable("the '@{ shape }' syntax is not supported")
        node_text: str | None = None
        for opener, closer in _SHAPES:
            if text.startswith(opener, pos):
                node_text, pos = self.shape_text(text, pos + len(opener), (closer, *_ALT_CLOSERS.get(opener, ())))
                break
        if text.startswith(":::", pos):
            cls = re.compile(r"[\w-]+").match(text, pos + 3)
            if not cls:
                raise _Unreadable("a ':::' without a class name")
            pos = cls.end()
        return node_id, node_text, pos

    @staticmethod
    def shape_text(text: str, pos: int, closers: tuple[str, ...]) -> tuple[str, int]:
        inner = _skip(text, pos)
        if inner < len(text) and text[inner] == '"':
            end = text.find('"', inner + 1)
            if end < 0:
                raise _Unreadable("a quote is never closed")
            after = _skip(text, end + 1)
            for closer in closers:
                if text.startswith(closer, after):
                    return decode_text(text[inner + 1 : end]), after + len(closer)
            raise _Unreadable(f"expected '{closers[0]}' after the quoted text")
        found = [(text.find(closer, pos), closer) for closer in closers]
        found = [(i, closer) for i, closer in found if i >= 0]
        if not found:
            raise _Unreadable(f"'{closers[0]}' is missing")
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
        raise _Unreadable("expected a link such as '-->'")


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
        raise _Unreadable("a link label's closing '|' is missing")
    label = text[pos:end].strip()
    return decode_text(label), end + 1


# --- building the tree --------------------------------------------------------------------------
def _node_ids(parser: _Parser) -> dict[str, str]:
    taken: set[str] = set()
    ids: dict[str, str] = {}
    for mermaid_id in parser.order:
        wanted = parser.id_comments.get(mermaid_id) or slugify(mermaid_id) or "node"
        slug, n = wanted, 2
        while slug in taken:
            slug, n = f"{wanted}-{n}", n + 1
        taken.add(slug)
        ids[mermaid_id] = slug
    return ids


def _break_cycles(parser: _Parser, ids: dict[str, str]) -> list[_Edge]:
    """The edges without those that close a cycle (found by depth-first search from the nodes
    with no incoming edge, then from the others in file order); each dropped edge is reported."""
    out: dict[str, list[int]] = {n: [] for n in parser.order}
    incoming = {n: 0 for n in parser.order}
    for i, edge in enumerate(parser.edges):
        out[edge.source].append(i)
        incoming[edge.target] += 1
    roots = [n for n in parser.order if not incoming[n]] + [n for n in parser.order if incoming[n]]
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    dropped: set[int] = set()
    for root in roots:
        if root in state:
            continue
        state[root] = 1
        path = [root]
        stack = [(root, iter(out[root]))]
        while stack:
            node, edges = stack[-1]
            i = next(edges, None)
            if i is None:
                state[node] = 2
                stack.pop()
                path.pop()
                continue
            target = parser.edges[i].target
            if state.get(target) == 1:
                dropped.add(i)
                loop = path[path.index(target) :] + [target]
                edge = parser.edges[i]
                parser.problem(
                    f"line {edge.line}: the link from '{ids[edge.source]}' to '{ids[target]}' closes a cycle "
                    f"({' → '.join(ids[n] for n in loop)}); it was left out"
                )
            elif target not in state:
                state[target] = 1
                path.append(target)
                stack.append((target, iter(out[target])))
    return [e for i, e in enumerate(parser.edges) if i not in dropped]


def _labels(edge: _Edge, target_text: str, split: bool) -> list[str]:
    if not edge.label:
        return [target_text]
    if split and " / " in edge.label:
        parts = edge.label.split(" / ")
        if all(part.strip() for part in parts):
            return parts
    return [edge.label]


def _unique(label: str, used: set[str]) -> str:
    result, n = label, 2
    while result in used:
        result, n = f"{label} ({n})", n + 1
    used.add(result)
    return result


def _build(parser: _Parser, tree_id: str, title: str | None) -> str:
    problems = parser.problems
    slug_id = slugify(tree_id) or "imported"
    if slug_id != tree_id:
        problems.append(f"the tree id '{one_line(tree_id)[:60]}' is not a slug; '{slug_id}' was used")
    tree_title = parser.title or (one_line(title) if title else "") or DEFAULT_TITLE
    out = [HEADER_COMMENT, "format: 1", f"id: {yaml_scalar(slug_id)}", f"title: {yaml_scalar(tree_title)}"]
    if not parser.order:
        problems.append("no nodes found: the file holds one placeholder outcome")
        out += [
            "start: start",
            "",
            "nodes:",
            "",
            "  start:",
            f"    outcome: {yaml_scalar('TODO: nothing could be imported')}",
            f"    explanation: {yaml_scalar(EXPLANATION_PLACEHOLDER)}",
        ]
        return "\n".join(out) + "\n"

    ids = _node_ids(parser)
    texts: dict[str, str] = {}
    for mermaid_id in parser.order:
        texts[mermaid_id] = parser.texts[mermaid_id] or mermaid_id
        if parser.texts[mermaid_id] is None and mermaid_id in parser.empty_text:
            problems.append(f"node '{ids[mermaid_id]}' has no text; its Mermaid id was used")
    edges = _break_cycles(parser, ids)
    by_source: dict[str, list[_Edge]] = {}
    incoming: set[str] = set()
    for edge in edges:
        by_source.setdefault(edge.source, []).append(edge)
        incoming.add(edge.target)
    roots = [n for n in parser.order if n not in incoming]
    start = roots[0] if roots else parser.order[0]
    if len(roots) > 1:
        others = ", ".join(f"'{ids[n]}'" for n in roots[1:11]) + (", …" if len(roots) > 11 else "")
        problems.append(
            f"several nodes have no link into them: '{ids[start]}' is the start, and {others} cannot be reached from it"
        )
    split = bool(parser.id_comments.keys() & set(parser.order))

    out += [f"start: {yaml_scalar(ids[start])}", "", "nodes:"]
    outcomes = 0
    for mermaid_id in parser.order:
        out += ["", f"  {yaml_scalar(ids[mermaid_id])}:"]
        node_edges = by_source.get(mermaid_id)
        if node_edges:
            out += [f"    question: {yaml_scalar(texts[mermaid_id])}", "    answers:"]
            used: set[str] = set()
            for edge in node_edges:
                for label in _labels(edge, texts[edge.target], split):
                    out += [
                        f"      - label: {yaml_scalar(_unique(label, used))}",
                        f"        next: {yaml_scalar(ids[edge.target])}",
                    ]
        else:
            outcomes += 1
            out += [
                f"    outcome: {yaml_scalar(texts[mermaid_id])}",
                f"    explanation: {yaml_scalar(EXPLANATION_PLACEHOLDER)}",
            ]
    problems.append(
        f"no scenarios were written and {outcomes} outcome explanation{'s are placeholders' if outcomes != 1 else ' is a placeholder'} "
        f"('{EXPLANATION_PLACEHOLDER}'): the validator will warn until scenarios are added"
    )
    return "\n".join(out) + "\n"


def import_mermaid(text: str, tree_id: str = "imported", title: str | None = None) -> ImportResult:
    """Read the Mermaid flowchart `text` as a tree file. Never raises: anything that cannot be
    imported is a message in `problems`, and `yaml_text` is always a complete tree file."""
    parser = _Parser()
    try:
        parser.parse(text)
        yaml_text = _build(parser, tree_id, title)
    except Exception as exc:
        parser.problems.append(f"unexpected failure while importing ({type(exc).__name__}: {exc})")
        fallback = _Parser()
        yaml_text = _build(fallback, "imported", title)
    problems = parser.problems
    if len(problems) > MAX_PROBLEMS:
        problems = problems[:MAX_PROBLEMS] + [f"… and {len(problems) - MAX_PROBLEMS} more problems"]
    return ImportResult(yaml_text, problems)
