"""Tree file -> typed model, with a located problem for every structural mistake.

The loader is lenient on purpose: it reports every problem it can see in one pass and still
builds as much of the tree as makes sense, so that the semantic checks in `validate` can run too.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from trainer.core.model import Answer, Link, Node, Outcome, Question, Scenario, Trap, Tree
from trainer.core.problems import NOWHERE, Pos, Problem, error
from trainer.core.yamldoc import (
    YEntry,
    YMap,
    YNode,
    YScalar,
    YSeq,
    decode,
    kind_name,
    read_yaml,
)
from trainer.infra.gcpause import gc_paused

FORMAT_VERSION = 1
SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")
SLUG_RULE = "lowercase letters, digits and hyphens, starting with a letter or digit"

TOP_KEYS = ("format", "id", "title", "summary", "tags", "reviewed", "start", "nodes", "scenarios")
TOP_REQUIRED = ("format", "id", "title", "start", "nodes")
QUESTION_KEYS = ("question", "help", "answers")
OUTCOME_KEYS = ("outcome", "explanation", "not", "links", "continue")
ANSWER_KEYS = ("label", "next", "note")
TRAP_KEYS = ("option", "why", "is")
TRAP_REQUIRED = ("option", "why")
LINK_KEYS = ("title", "url")
SCENARIO_KEYS = ("prompt", "expect", "route")
SCENARIO_REQUIRED = ("prompt", "expect")
MAX_MARKDOWN_CHARS = 10_000
"""Longest Markdown text (summary, help, note, explanation, why): about 1,500 words, ten times the
longest in the bundled trees, and laid out by the views in a fraction of a second at worst."""


@dataclass(frozen=True)
class LoadResult:
    """What reading one file gave: a tree (None when nothing usable) and its problems."""

    path: Path | None
    tree: Tree | None
    problems: list[Problem]


def load_tree_file(path: Path) -> LoadResult:
    try:
        data = path.read_bytes()
    except OSError as exc:
        return LoadResult(path, None, [error(path, NOWHERE, f"cannot read the file: {exc.strerror}")])
    return load_tree_bytes(data, path)


def load_tree_bytes(data: bytes, path: Path | None = None) -> LoadResult:
    text, problems = decode(data, path)
    if text is None:
        return LoadResult(path, None, problems)
    return load_tree_text(text, path)


def load_tree_text(text: str, path: Path | None = None) -> LoadResult:
    with gc_paused():
        return _load(text, path)


def _load(text: str, path: Path | None) -> LoadResult:
    try:
        doc = read_yaml(text, path)
        if doc.root is None:
            if not doc.problems:
                doc.problems.append(
                    error(
                        path,
                        NOWHERE,
                        "the file is empty; a tree needs at least 'format', 'id', 'title', 'start' and 'nodes'",
                    )
                )
            return LoadResult(path, None, doc.problems)
        builder = _Builder(path, doc.problems)
        return LoadResult(path, builder.tree(doc.root), builder.problems)
    except Exception as exc:
        where = Pos(1, 1)
        return LoadResult(
            path, None, [error(path, where, f"unexpected failure while reading ({type(exc).__name__}: {exc})")]
        )


def suggest(word: str, choices: tuple[str, ...] | list[str]) -> str:
    """The closest of `choices` to a misspelt `word`, or ''."""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return close[0] if close else ""


class _Builder:
    def __init__(self, path: Path | None, problems: list[Problem]) -> None:
        self.path = path
        self.problems = problems

    def err(self, pos: Pos, message: str) -> None:
        self.problems.append(error(self.path, pos, message))

    # --- generic shape checks ------------------------------------------------------------
    def mapping(self, node: YNode, what: str) -> YMap | None:
        if isinstance(node, YMap):
            return node
        self.err(node.pos, f"{what} must be a mapping of keys to values, not {kind_name(node)}")
        return None

    def sequence(self, node: YNode, what: str) -> list[YNode]:
        if isinstance(node, YSeq):
            return node.items
        if isinstance(node, YScalar) and node.is_null:
            return []
        self.err(node.pos, f"{what} must be a list (items starting with '- '), not {kind_name(node)}")
        return []

    def keys(self, m: YMap, allowed: tuple[str, ...], required: tuple[str, ...], where: str) -> None:
        """Report unknown keys (with a guess) and missing required keys.

        A missing key that an unknown key looks like a misspelling of is not reported twice:
        the "did you mean" message already says what to do.
        """
        guessed: set[str] = set()
        for entry in m.entries.values():
            if entry.key not in allowed:
                guess = suggest(entry.key, allowed)
                guessed.add(guess)
                hint = f" — did you mean '{guess}'?" if guess else ""
                self.err(entry.key_pos, f"unknown key '{entry.key}' in {where}{hint} (allowed: {', '.join(allowed)})")
        for key in required:
            if key not in m.entries and key not in guessed:
                self.err(m.pos, f"{where} is missing the required key '{key}'")

    def text(self, m: YMap, key: str, where: str, required: bool = False) -> str:
        """The text of `key`, as written; '' when absent, null, or of the wrong type (reported)."""
        entry = m.entries.get(key)
        if entry is None:
            return ""
        node = entry.value
        if not isinstance(node, YScalar):
            self.err(node.pos, f"'{key}' in {where} must be text, not {kind_name(node)}")
            return ""
        if node.is_null or not node.text.strip():
            if required:
                self.err(node.pos if not node.is_null else entry.key_pos, f"'{key}' in {where} is empty")
            return ""
        return node.text

    def markdown(self, m: YMap, key: str, where: str, required: bool = False) -> str:
        """A Markdown text (`text`), refused past MAX_MARKDOWN_CHARS: Qt lays out a paragraph in
        time that grows with the square of its emphasis runs (80 KB of `*a` took 23 s on the GUI
        thread), so no one text may freeze a view."""
        value = self.text(m, key, where, required)
        if len(value) > MAX_MARKDOWN_CHARS:
            self.err(
                self.value_pos(m, key),
                f"'{key}' in {where} is {len(value):,} characters long; a Markdown text may hold at most "
                f"{MAX_MARKDOWN_CHARS:,}: shorten it, or link to the longer text",
            )
        return value

    def value_pos(self, m: YMap, key: str) -> Pos:
        entry = m.entries.get(key)
        return entry.value.pos if entry is not None else m.pos

    def slug(self, m: YMap, key: str, where: str, what: str) -> str:
        value = self.text(m, key, where, required=True)
        if value and not SLUG.fullmatch(value):
            self.err(self.value_pos(m, key), f"{what} '{value}' is not a valid id: use {SLUG_RULE}")
        return value

    # --- the tree --------------------------------------------------------------------------
    def tree(self, root: YNode) -> Tree | None:
        top = self.mapping(root, "the top level of a tree file")
        if top is None:
            return None
        self.keys(top, TOP_KEYS, TOP_REQUIRED, "the tree")
        self.format(top)
        nodes, broken = self.nodes(top)
        return Tree(
            id=self.slug(top, "id", "the tree", "tree id"),
            title=self.text(top, "title", "the tree", required=True),
            start=self.text(top, "start", "the tree", required=True),
            nodes=nodes,
            summary=self.markdown(top, "summary", "the tree"),
            tags=self.tags(top),
            reviewed=self.reviewed(top),
            scenarios=self.scenarios(top),
            path=self.path,
            id_pos=self.value_pos(top, "id"),
            start_pos=self.value_pos(top, "start"),
            broken_ids=frozenset(broken),
        )

    def format(self, top: YMap) -> None:
        entry = top.entries.get("format")
        if entry is None:
            return
        node = entry.value
        if isinstance(node, YScalar) and node.plain and node.text == str(FORMAT_VERSION):
            return
        if isinstance(node, YScalar) and node.text == str(FORMAT_VERSION):
            self.err(
                node.pos,
                f"'format' must be the number {FORMAT_VERSION}, not quoted text: "
                f"write 'format: {FORMAT_VERSION}' without quotes",
            )
            return
        shown = node.text if isinstance(node, YScalar) else kind_name(node)
        self.err(node.pos, f"unsupported format '{shown}': this app reads 'format: {FORMAT_VERSION}'")

    def tags(self, top: YMap) -> tuple[str, ...]:
        entry = top.entries.get("tags")
        if entry is None:
            return ()
        tags: list[str] = []
        for item in self.sequence(entry.value, "'tags'"):
            if isinstance(item, YScalar) and not item.is_null:
                tags.append(item.text)
            else:
                self.err(item.pos, f"each tag must be text, not {kind_name(item)}")
        return tuple(tags)

    def reviewed(self, top: YMap) -> str:
        value = self.text(top, "reviewed", "the tree")
        if not value:
            return ""
        try:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                raise ValueError
            date.fromisoformat(value)
        except ValueError:
            self.err(self.value_pos(top, "reviewed"), f"'reviewed' must be a date as YYYY-MM-DD, not '{value}'")
            return ""
        return value

    # --- nodes -----------------------------------------------------------------------------
    def nodes(self, top: YMap) -> tuple[dict[str, Node], list[str]]:
        entry = top.entries.get("nodes")
        nodes: dict[str, Node] = {}
        broken: list[str] = []
        if entry is None:
            return nodes, broken
        m = self.mapping(entry.value, "'nodes'")
        if m is None:
            return nodes, broken
        if not m.entries:
            self.err(
                m.pos if not isinstance(entry.value, YScalar) else entry.key_pos,
                "'nodes' is empty; a tree needs at least one question",
            )
        for e in m.entries.values():
            if not SLUG.fullmatch(e.key):
                self.err(e.key_pos, f"node id '{e.key}' is not a valid id: use {SLUG_RULE}")
            node = self.node(e)
            if node is None:
                broken.append(e.key)
            else:
                nodes[e.key] = node
        return nodes, broken

    def node(self, e: YEntry) -> Node | None:
        m = self.mapping(e.value, f"node '{e.key}'")
        if m is None:
            return None
        is_question, is_outcome = "question" in m.entries, "outcome" in m.entries
        where = f"node '{e.key}'"
        if is_question and is_outcome:
            self.err(
                m.pos, f"{where} is both a question and an outcome; keep either 'question' with 'answers', or 'outcome'"
            )
            return None
        if not is_question and not is_outcome:
            self.err(
                m.pos,
                f"{where} is neither a question nor an outcome; "
                "give it 'question' and 'answers', or 'outcome' and 'explanation'",
            )
            return None
        if is_question:
            return self.question(e.key, m, where)
        return self.outcome(e.key, m, where)

    def question(self, node_id: str, m: YMap, where: str) -> Question:
        self.keys(m, QUESTION_KEYS, ("question", "answers"), f"question {where}")
        answers: list[Answer] = []
        seen: dict[str, Pos] = {}
        entry = m.entries.get("answers")
        items = self.sequence(entry.value, f"'answers' of {where}") if entry else []
        if entry is not None and not items and isinstance(entry.value, (YSeq, YScalar)):
            self.err(
                entry.value.pos if isinstance(entry.value, YSeq) else entry.key_pos,
                f"question {where} has no answers; give it at least one",
            )
        for item in items:
            answer = self.answer(item, where)
            if answer is None:
                continue
            if answer.label and answer.label in seen:
                self.err(
                    answer.pos,
                    f"duplicate answer label '{answer.label}' in {where} "
                    f"(first at line {seen[answer.label].line}); labels must differ",
                )
                continue
            seen[answer.label] = answer.pos
            answers.append(answer)
        return Question(
            id=node_id,
            text=self.text(m, "question", f"question {where}", required=True),
            answers=tuple(answers),
            help=self.markdown(m, "help", where),
            pos=m.pos,
        )

    def answer(self, item: YNode, where: str) -> Answer | None:
        m = self.mapping(item, f"an answer of {where}")
        if m is None:
            return None
        label = self.text(m, "label", f"an answer of {where}", required=True)
        self.keys(m, ANSWER_KEYS, ("label",), f"answer '{label}' of {where}")
        if "next" not in m.entries:
            self.err(m.pos, f"answer '{label}' of {where} has no 'next'; say which node it leads to")
        return Answer(
            label=label,
            next=self.text(m, "next", f"answer '{label}' of {where}", required="next" in m.entries),
            note=self.markdown(m, "note", where),
            pos=self.value_pos(m, "label"),
            next_pos=self.value_pos(m, "next"),
        )

    def outcome(self, node_id: str, m: YMap, where: str) -> Outcome:
        self.keys(m, OUTCOME_KEYS, ("outcome",), f"outcome {where}")
        return Outcome(
            id=node_id,
            text=self.text(m, "outcome", f"outcome {where}", required=True),
            explanation=self.markdown(m, "explanation", where),
            traps=tuple(self.records(m, "not", where, self.trap)),
            links=tuple(self.records(m, "links", where, self.link)),
            pos=m.pos,
            continues=self.slug(m, "continue", where, "'continue'") if "continue" in m.entries else "",
            continues_pos=self.value_pos(m, "continue"),
        )

    def records(self, m: YMap, key: str, where: str, build):  # type: ignore[no-untyped-def]
        entry = m.entries.get(key)
        if entry is None:
            return []
        built = (
            build(item, f"an item of '{key}' in {where}") for item in self.sequence(entry.value, f"'{key}' of {where}")
        )
        return [b for b in built if b is not None]

    def trap(self, item: YNode, where: str) -> Trap | None:
        m = self.mapping(item, where)
        if m is None:
            return None
        self.keys(m, TRAP_KEYS, TRAP_REQUIRED, where)
        stands_for = self.slug(m, "is", where, "'is'") if "is" in m.entries else ""
        return Trap(
            self.text(m, "option", where, "option" in m.entries),
            self.markdown(m, "why", where, "why" in m.entries),
            m.pos,
            stands_for,
            self.value_pos(m, "is"),
        )

    def link(self, item: YNode, where: str) -> Link | None:
        m = self.mapping(item, where)
        if m is None:
            return None
        self.keys(m, LINK_KEYS, LINK_KEYS, where)
        url = self.text(m, "url", where, "url" in m.entries)
        if url and not is_web_url(url):
            self.err(
                self.value_pos(m, "url"),
                f"link '{url}' is not an http:// or https:// address; only web links are allowed",
            )
        return Link(self.text(m, "title", where, "title" in m.entries), url, m.pos)

    # --- scenarios -------------------------------------------------------------------------
    def scenarios(self, top: YMap) -> tuple[Scenario, ...]:
        entry = top.entries.get("scenarios")
        if entry is None:
            return ()
        out: list[Scenario] = []
        for item in self.sequence(entry.value, "'scenarios'"):
            m = self.mapping(item, "a scenario")
            if m is None:
                continue
            self.keys(m, SCENARIO_KEYS, SCENARIO_REQUIRED, "a scenario")
            out.append(
                Scenario(
                    prompt=self.text(m, "prompt", "a scenario", "prompt" in m.entries),
                    expect=self.text(m, "expect", "a scenario", "expect" in m.entries),
                    pos=m.pos,
                    expect_pos=self.value_pos(m, "expect"),
                    route=self.route(m),
                    route_pos=self.value_pos(m, "route"),
                )
            )
        return tuple(out)

    def route(self, m: YMap) -> tuple[str, ...]:
        """A scenario's `route`: a list of question ids (whether they connect is validate's job)."""
        entry = m.entries.get("route")
        if entry is None:
            return ()
        ids: list[str] = []
        for item in self.sequence(entry.value, "'route' of a scenario"):
            if not isinstance(item, YScalar) or item.is_null or not item.text.strip():
                self.err(item.pos, f"each step of a scenario's 'route' must be a question id, not {kind_name(item)}")
            elif not SLUG.fullmatch(item.text):
                self.err(item.pos, f"route step '{item.text}' is not a valid id: use {SLUG_RULE}")
            else:
                ids.append(item.text)
        return tuple(ids)


def is_web_url(url: str) -> bool:
    """True for absolute http(s) URLs with a host: the only links the app will ever open."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)
