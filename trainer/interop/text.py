"""Text exports of a tree: Graphviz DOT, a Mermaid flowchart and a Markdown outline.

Plain Python (no Qt, no networkx). Every function walks the tree iteratively, so a 10,000-step
chain is fine, and each shared node is written once, so a tree with 2**30 paths stays small.

Author text is untrusted: whatever was written (quotes, backslashes, brackets, pipes, HTML,
newlines) is escaped for the target format so that it is shown as written and never changes the
structure of the output. Each format has its own rules:

- DOT: quoted strings only (never HTML labels); `"` and `\\` are backslash-escaped, `&` becomes
  `&amp;` because Graphviz decodes HTML entities in ordinary labels too; line breaks are ours.
- Mermaid: double-quoted labels with every risky character written as an entity code (`#quot;`,
  `#60;`), which Mermaid turns into text, not markup.
- Markdown: text that the outline puts in its structure (titles, questions, labels) is
  backslash-escaped; author Markdown (summary, explanations, traps) is kept, with raw HTML
  neutralised the way the app's own Markdown view shows it: as text.
"""

from __future__ import annotations

import json
import re
import textwrap

from trainer.core.loader import is_web_url
from trainer.core.model import Outcome, Question, Tree

DIRECTIONS = ("down", "right")
WRAP_WIDTH = 30
# The outline nests an answer's subtree under it up to this many levels; a deeper question gets
# a section of its own. Deep lists are unreadable on paper, renderers cap nesting (markdown-it
# stops at 100 levels), and the indentation of a 3,000-step chain would grow quadratically.
MAX_NESTING = 8

QUESTION_STROKE = "#2f5d8a"
OUTCOME_FILL = "#e2f0d9"
OUTCOME_STROKE = "#38761d"


# --- shared helpers ----------------------------------------------------------------------------
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def one_line(text: str) -> str:
    """`text` on one line: every run of whitespace or control characters becomes one space."""
    return " ".join(_CONTROL.sub(" ", text).split())


def wrap(text: str, width: int = WRAP_WIDTH) -> list[str]:
    """`text` on one line, then cut at spaces into lines of about `width` characters.

    Words longer than `width` (a URL) are kept whole rather than split.
    """
    flat = one_line(text)
    return textwrap.wrap(flat, width, break_long_words=False, break_on_hyphens=False) or [flat]


def edges(tree: Tree, question: Question) -> list[tuple[str, list[str]]]:
    """(target id, answer labels) for each node `question` leads to, in answer order.

    Two answers to the same node make one edge whose labels are joined with " / ", as in
    `trainer.core.graph`. Answers to missing nodes (a broken tree) are left out. Grouped here
    rather than read from the tree's networkx graph: the text exports load no networkx.
    """
    by_target: dict[str, list[str]] = {}
    for answer in question.answers:
        if answer.next in tree.nodes:
            by_target.setdefault(answer.next, []).append(answer.label)
    return list(by_target.items())


def _check_direction(direction: str) -> None:
    if direction not in DIRECTIONS:
        raise ValueError(f"direction must be one of {', '.join(DIRECTIONS)}, not {direction!r}")


# --- Graphviz DOT --------------------------------------------------------------------------------
def dot_string(text: str) -> str:
    """A DOT quoted string that Graphviz shows as `text` exactly (one line)."""
    escaped = _CONTROL.sub(" ", text).replace("\\", "\\\\").replace('"', '\\"').replace("&", "&amp;")
    return f'"{escaped}"'


def dot_label(text: str, width: int = WRAP_WIDTH) -> str:
    """A DOT label for `text`, wrapped at spaces; the line breaks are DOT's centred `\\n`."""
    return '"' + "\\n".join(dot_string(line)[1:-1] for line in wrap(text, width)) + '"'


def to_dot(tree: Tree, direction: str = "down") -> str:
    """The tree as a Graphviz digraph: questions as rounded boxes, outcomes filled, bold and
    doubly outlined (a cue that does not rely on colour), edges labelled with the answers, drawn
    in answer order (`ordering=out`) as on screen."""
    _check_direction(direction)
    out = [
        f"digraph {dot_string(tree.id or 'tree')} {{",
        (
            f'  graph [label={dot_label(tree.title, 60)}, labelloc=t, fontsize=16, fontname="Helvetica", '
            f"rankdir={'TB' if direction == 'down' else 'LR'}, ordering=out];"
        ),
        f'  node [shape=box, style="rounded", color="{QUESTION_STROKE}", fontname="Helvetica", fontsize=11];',
        '  edge [fontname="Helvetica", fontsize=9];',
    ]
    for node_id, node in tree.nodes.items():
        if isinstance(node, Question):
            out.append(f"  {dot_string(node_id)} [label={dot_label(node.text)}];")
        else:
            out.append(
                f"  {dot_string(node_id)} [label={dot_label(node.text)}, shape=box, "
                f'style="rounded,filled,bold", fillcolor="{OUTCOME_FILL}", color="{OUTCOME_STROKE}", peripheries=2];'
            )
    for question in tree.questions:
        for target, labels in edges(tree, question):
            label = dot_label(" / ".join(one_line(label) for label in labels))
            out.append(f"  {dot_string(question.id)} -> {dot_string(target)} [label={label}];")
    out.append("}")
    return "\n".join(out) + "\n"


# --- Mermaid ------------------------------------------------------------------------------------
# Characters written as Mermaid entity codes inside a quoted label. Inside "..." only `"` would
# break the syntax, but `#` starts an entity, `&` and `<` `>` would be read as HTML by Mermaid's
# HTML labels, and a backtick right after the opening quote starts a Markdown string; brackets,
# braces and pipes are encoded too so that no tool or human reader mistakes them for shapes or
# edge-label fences.
_MERMAID_ENTITIES = {'"': "#quot;", **{c: f"#{ord(c)};" for c in "#&<>|[]{}`\\"}}
_MERMAID_SPECIAL = re.compile("[" + re.escape("".join(_MERMAID_ENTITIES)) + "]")


def mermaid_text(text: str) -> str:
    """`text` on one line with every character that could break a Mermaid label encoded."""
    return _MERMAID_SPECIAL.sub(lambda m: _MERMAID_ENTITIES[m.group()], one_line(text))


def to_mermaid(tree: Tree, direction: str = "down") -> str:
    """The tree as a Mermaid flowchart. Node ids are n0, n1… in file order (a comment gives each
    one's id in the tree file); questions are rounded boxes, outcomes double-edged boxes."""
    _check_direction(direction)
    ids = {node_id: f"n{i}" for i, node_id in enumerate(tree.nodes)}
    out = [
        "---",
        f"title: {json.dumps(one_line(tree.title), ensure_ascii=False)}",
        "---",
        f"flowchart {'TD' if direction == 'down' else 'LR'}",
        f"  classDef question fill:#ffffff,stroke:{QUESTION_STROKE},stroke-width:1px",
        f"  classDef outcome fill:{OUTCOME_FILL},stroke:{OUTCOME_STROKE},stroke-width:3px",
    ]
    for node_id, node in tree.nodes.items():
        out.append(f"  %% {ids[node_id]}: {one_line(node_id)}")
        label = mermaid_text(node.text) or " "
        if isinstance(node, Question):
            out.append(f'  {ids[node_id]}("{label}"):::question')
        else:
            out.append(f'  {ids[node_id]}[["{label}"]]:::outcome')
    for question in tree.questions:
        for target, labels in edges(tree, question):
            label = " / ".join(mermaid_text(label) for label in labels)
            arrow = f'-->|"{label}"|' if label.strip(" /") else "-->"
            out.append(f"  {ids[question.id]} {arrow} {ids[target]}")
    return "\n".join(out) + "\n"


# --- Markdown -----------------------------------------------------------------------------------
_MD_INLINE = re.compile(r"([\\`*_{}\[\]<>&|~#])")
_MD_LINE_START = re.compile(r"^(\d+)([.)])|^([-+=])")


def md_escape(text: str) -> str:
    """`text` on one line, backslash-escaped so that Markdown shows it literally wherever the
    outline puts it, including at the start of a list item's content.

    Inline syntax (emphasis, code, links, HTML, entities, pipes, strikethrough) is escaped
    everywhere; what only matters at the start of a block (`1.`, `-`, `+`, `=`) is escaped
    there. `&` is escaped so that an author's `&lt;` is shown as written. `.`, `(`, `)` and `!`
    elsewhere are left alone to keep the handout's source readable.
    """
    escaped = _MD_INLINE.sub(r"\\\1", one_line(text))
    return _MD_LINE_START.sub(lambda m: f"{m.group(1)}\\{m.group(2)}" if m.group(1) else f"\\{m.group(3)}", escaped)


_FENCE_OPENER = re.compile(r"^(`{3,})[^`]*$|^(~{3,}).*$")
_FENCE_CLOSER = re.compile(r" {0,3}(`{3,}|~{3,})[ \t]*$")  # exactly CommonMark's closing fence
_FENCE_LIKE = re.compile(r"`{3,}|~{3,}")
_AUTOLINK = re.compile(r"<https?://[^\s<>`]*>", re.IGNORECASE)


def html_safe(text: str) -> str:
    """Write every `<` as `&lt;` (which Markdown shows as `<`) except in http(s) autolinks, so
    that no raw HTML reaches the reader.

    Code spans are not spared: knowing whether a backtick pair is a code span needs the whole
    block structure (a list item, a table cell, a paragraph spanning lines can each change it),
    and a wrong guess would let HTML through; the cost is that an inline `a<b` shows `&lt;`.
    """
    out: list[str] = []
    last = 0
    for match in re.finditer("<", text):
        i = match.start()
        if i < last:
            continue
        out.append(text[last:i])
        link = _AUTOLINK.match(text, i)
        if link:
            out.append(link.group())
            last = link.end()
        else:
            out.append("&lt;")
            last = i + 1
    out.append(text[last:])
    return "".join(out)


def md_author(text: str) -> list[str]:
    """Author Markdown as lines, kept as written except that raw HTML shows as text.

    Fenced code blocks are left alone when their fences are certain: every fence-like line
    (three or more backticks or tildes) outside a block starts at the margin. Otherwise (a
    fence inside a list item or a quote) nothing is treated as code and every `<` is escaped.
    A fence left open is closed so that it cannot swallow the rest of the handout.
    """
    text = _CONTROL.sub(lambda m: m.group() if m.group() in "\n\t" else " ", text)
    lines = text.strip("\n").split("\n")
    if not any(line.strip() for line in lines):
        return []
    fence = ""
    code: list[bool] = []
    for line in lines:
        if fence:
            code.append(True)
            run = _FENCE_CLOSER.match(line)
            if run and run.group(1)[0] == fence[0] and len(run.group(1)) >= len(fence):
                fence = ""
            continue
        opener = _FENCE_OPENER.match(line)
        if opener:
            fence = opener.group(1) or opener.group(2)
            code.append(True)
        elif _FENCE_LIKE.search(line):
            return [html_safe(line) for line in lines]  # a fence we cannot place: no code at all
        else:
            code.append(False)
    out = [line if is_code else html_safe(line) for line, is_code in zip(lines, code, strict=True)]
    if fence:
        out.append(fence)
    return out


def _indented(lines: list[str], indent: str) -> list[str]:
    return [indent + line if line else "" for line in lines]


def _md_link(title: str, url: str) -> str:
    safe_url = re.sub(r"[\s<>]", lambda m: f"%{ord(m.group()):02X}", url.strip())
    return f"[{md_escape(title or url)}](<{safe_url}>)"


def _outcome_body(outcome: Outcome) -> list[str]:
    """The explanation, traps and links of an outcome, as Markdown lines to indent."""
    body: list[str] = []
    explanation = md_author(outcome.explanation)
    if explanation:
        body += ["", *explanation]
    traps = [t for t in outcome.traps if t.option or t.why]
    if traps:
        body += ["", "*Tempting, but not the answer:*", ""]
        body += [f"- **{md_escape(t.option)}**: {html_safe(one_line(t.why))}".rstrip() for t in traps]
    links = [link for link in outcome.links if is_web_url(link.url)]
    if links:
        body += ["", "*Learn more:*", ""]
        body += [f"- {_md_link(link.title, link.url)}" for link in links]
    return body


def _labels(labels: list[str]) -> str:
    shown = [f"*{md_escape(label)}*" if md_escape(label) else "*(no label)*" for label in labels]
    return " / ".join(shown)


class _Outline:
    """Writes the outline: each node expanded once, later mentions are references."""

    def __init__(self, tree: Tree) -> None:
        self.tree = tree
        self.number: dict[str, int] = {}  # question id -> its number, given when first met
        self.seen: set[str] = set()
        self.sections: list[str] = []  # questions too deep to nest, written as sections later
        self.lines: list[str] = []

    def name(self, node_id: str) -> str:
        node = self.tree.nodes[node_id]
        if isinstance(node, Question):
            if node_id not in self.number:
                self.number[node_id] = len(self.number) + 1
            return f"**Q{self.number[node_id]}:** {md_escape(node.text)}"
        return f"**{md_escape(node.text)}**"

    def reference(self, node_id: str) -> str:
        node = self.tree.nodes[node_id]
        if isinstance(node, Question):
            return f"see **Q{self.number[node_id]}** ({md_escape(node.text)})"
        return f"see **{md_escape(node.text)}**"

    def write(self) -> list[str]:
        start = self.tree.start
        if start not in self.tree.nodes:
            return [f"*The start node '{md_escape(start)}' is missing.*"]
        self.root(start)
        done = 0
        while done < len(self.sections):
            node_id = self.sections[done]
            done += 1
            self.lines += ["", f"### Q{self.number[node_id]}", ""]
            self.root(node_id)
        return self.lines

    def root(self, node_id: str) -> None:
        """`node_id` at the top level, then its answers as a nested list."""
        self.seen.add(node_id)
        self.lines.append(self.name(node_id))
        node = self.tree.nodes[node_id]
        if isinstance(node, Outcome):
            self.lines += _outcome_body(node)
            return
        self.lines.append("")
        stack = [(target, labels, 0) for target, labels in reversed(self.answers(node))]
        while stack:
            target, labels, depth = stack.pop()
            self.item(target, labels, depth, stack)

    def answers(self, question: Question) -> list[tuple[str, list[str]]]:
        found = edges(self.tree, question)
        missing = [a for a in question.answers if a.next not in self.tree.nodes]
        return found + [(f"\0{a.next}", [a.label]) for a in missing]

    def item(self, target: str, labels: list[str], depth: int, stack: list[tuple[str, list[str], int]]) -> None:
        indent = "  " * depth
        head = f"{indent}- {_labels(labels)} →"
        if target.startswith("\0"):
            self.lines.append(f"{head} *(no node '{md_escape(target[1:])}')*")
            return
        if target in self.seen:
            self.lines.append(f"{head} {self.reference(target)}")
            return
        self.seen.add(target)
        node = self.tree.nodes[target]
        if isinstance(node, Outcome):
            self.lines.append(f"{head} {self.name(target)}")
            self.lines += _indented(_outcome_body(node), indent + "  ")
            return
        if depth + 1 >= MAX_NESTING:
            self.lines.append(f"{head} {self.name(target)} (continued under **Q{self.number[target]}** below)")
            self.sections.append(target)
            return
        self.lines.append(f"{head} {self.name(target)}")
        stack.extend((t, ls, depth + 1) for t, ls in reversed(self.answers(node)))


def to_markdown(tree: Tree) -> str:
    """A Markdown handout: the title, the summary, the tree as a nested list of answers from the
    start, then the scenarios. Questions are numbered Q1, Q2… as they first appear; a node reached
    again is referred to ("see …") rather than repeated."""
    lines = [f"# {md_escape(tree.title) or md_escape(tree.id)}", ""]
    summary = md_author(tree.summary)
    if summary:
        lines += [*summary, ""]
    lines += ["## Decision tree", ""]
    lines += _Outline(tree).write()
    scenarios = [s for s in tree.scenarios if s.prompt or s.expect]
    if scenarios:
        lines += ["", "## Scenarios", ""]
        for i, scenario in enumerate(scenarios, 1):
            target = tree.nodes.get(scenario.expect)
            answer = md_escape(target.text) if target is not None else md_escape(scenario.expect)
            lines.append(f"{i}. {md_escape(scenario.prompt)} → **{answer}**")
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"
