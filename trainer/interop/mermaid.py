"""Import a Mermaid flowchart as a tree file (YAML text in the format of docs/format.md).

Plain Python, no Qt. The flowchart is untrusted text: it is read by a small tokenizer
(`trainer.interop.mermaid_parse`), never rendered or executed (`click` callbacks and links are
dropped), and every text it holds is written back as a safely quoted YAML scalar. Whatever cannot
become part of a tree (an unreadable line, a `--x` link, a link closing a cycle, several roots)
becomes a one-line message in `ImportResult.problems`; `import_mermaid` itself never raises.

Mapping: a node with outgoing links is a question whose answers are its links in file order
(the label is the link's text, or the target's text when the link has none); a node without is
an outcome with a placeholder explanation. Node ids are the Mermaid ids made into slugs, except
that the `%% n0: original-id` comments written by `trainer.interop.text.to_mermaid` restore the
original ids; with those comments present, a link label "A / B" (how our export writes two
answers leading to the same node) becomes two answers again.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import yaml

from trainer.core.safetext import char_name, replace_forbidden
from trainer.interop.mermaid_parse import FlowchartParser, Link, one_line

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


def _node_ids(parser: FlowchartParser) -> dict[str, str]:
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


def _break_cycles(parser: FlowchartParser, ids: dict[str, str]) -> list[Link]:
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
            index = next(edges, None)
            if index is None:
                state[node] = 2
                stack.pop()
                path.pop()
                continue
            target = parser.edges[index].target
            if state.get(target) == 1:
                dropped.add(index)
                loop = path[path.index(target) :] + [target]
                edge = parser.edges[index]
                parser.problem(
                    f"line {edge.line}: the link from '{ids[edge.source]}' to '{ids[target]}' closes a cycle "
                    f"({' → '.join(ids[n] for n in loop)}); it was left out"
                )
            elif target not in state:
                state[target] = 1
                path.append(target)
                stack.append((target, iter(out[target])))
    return [e for i, e in enumerate(parser.edges) if i not in dropped]


def _labels(edge: Link, target_text: str, split: bool) -> list[str]:
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


def _build(parser: FlowchartParser, tree_id: str, title: str | None) -> str:
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
    else:
        out += _nodes(parser)
    return "\n".join(out) + "\n"


def _nodes(parser: FlowchartParser) -> list[str]:
    """The `start:` line and the `nodes:` mapping of a flowchart with at least one node."""
    problems = parser.problems
    ids = _node_ids(parser)
    texts: dict[str, str] = {}
    for mermaid_id in parser.order:
        texts[mermaid_id] = parser.texts[mermaid_id] or mermaid_id
        if parser.texts[mermaid_id] is None and mermaid_id in parser.empty_text:
            problems.append(f"node '{ids[mermaid_id]}' has no text; its Mermaid id was used")
    by_source: dict[str, list[Link]] = {}
    for edge in _break_cycles(parser, ids):
        by_source.setdefault(edge.source, []).append(edge)
    start = _start(parser, ids, by_source)
    split = bool(parser.id_comments.keys() & set(parser.order))
    out = [f"start: {yaml_scalar(ids[start])}", "", "nodes:"]
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
    placeholders = "s are placeholders" if outcomes != 1 else " is a placeholder"
    problems.append(
        f"no scenarios were written and {outcomes} outcome explanation{placeholders} "
        f"('{EXPLANATION_PLACEHOLDER}'): the validator will warn until scenarios are added"
    )
    return out


def _start(parser: FlowchartParser, ids: dict[str, str], by_source: dict[str, list[Link]]) -> str:
    """The first node nothing links into (the first node when every one has a link into it);
    the others with none are reported, as the tree cannot reach them."""
    incoming = {edge.target for edges in by_source.values() for edge in edges}
    roots = [n for n in parser.order if n not in incoming]
    start = roots[0] if roots else parser.order[0]
    if len(roots) > 1:
        others = ", ".join(f"'{ids[n]}'" for n in roots[1:11]) + (", …" if len(roots) > 11 else "")
        parser.problems.append(
            f"several nodes have no link into them: '{ids[start]}' is the start, and {others} cannot be reached from it"
        )
    return start


def _replacing_forbidden(text: str, problems: list[str]) -> str:
    """Characters no tree may hold (terminal controls, noncharacters: trainer.core.safetext)
    become U+FFFD, each said where it was, so the tree written loads."""
    replaced, offsets = replace_forbidden(text)
    for offset in offsets[:MAX_PROBLEMS]:
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        problems.append(
            f"line {line}, column {column}: {char_name(text[offset])} cannot be part of a tree; "
            "it was replaced by U+FFFD"
        )
    return replaced


def import_mermaid(text: str, tree_id: str = "imported", title: str | None = None) -> ImportResult:
    """Read the Mermaid flowchart `text` as a tree file. Never raises: anything that cannot be
    imported is a message in `problems`, and `yaml_text` is always a complete tree file."""
    parser = FlowchartParser()
    try:
        text = _replacing_forbidden(text, parser.problems)
        parser.parse(text)
        yaml_text = _build(parser, tree_id, title)
    except Exception as exc:
        parser.problems.append(f"unexpected failure while importing ({type(exc).__name__}: {exc})")
        fallback = FlowchartParser()
        yaml_text = _build(fallback, "imported", title)
    problems = parser.problems
    if len(problems) > MAX_PROBLEMS:
        problems = problems[:MAX_PROBLEMS] + [f"… and {len(problems) - MAX_PROBLEMS} more problems"]
    return ImportResult(yaml_text, problems)
