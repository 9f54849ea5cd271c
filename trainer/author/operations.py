"""The edits the tree editor offers, on a TreeDocument (Qt-free).

Each function changes the document in place or raises EditError, leaving it untouched, with a
message for the author. None leaves a reference dangling: deleting a node needs a new target (or
removal) for every answer, start and scenario naming it; renaming renames every reference. Undo
needs no inverse: the editor's undo stack (trainer.ui.editor.commands) keeps each edit's texts.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from trainer.author.document import EditError, TreeDocument, append, mapping, remove, reorder, sequence, text_value
from trainer.core.graph import reached_in_order
from trainer.core.loader import SLUG, SLUG_RULE

NODE_TEXT = {"question": ("question", "help"), "outcome": ("outcome", "explanation")}
OPTIONAL = {"help", "explanation", "note", "summary", "reviewed"}
META = ("id", "title", "summary", "reviewed")


# --- what refers to a node -------------------------------------------------------------------------
@dataclass(frozen=True)
class Reference:
    """A place that names a node: the tree's start, an answer (node id, index) or a scenario."""

    kind: Literal["start", "answer", "scenario"]
    node: str = ""  # the question holding the answer
    index: int = -1  # the answer's or the scenario's index

    def describe(self, doc: TreeDocument) -> str:
        if self.kind == "start":
            return "the tree's start"
        if self.kind == "scenario":
            return f"scenario {self.index + 1}"
        label = doc.answers(self.node)[self.index].get("label", "")
        return f"answer “{label}” of '{self.node}'"


def references(doc: TreeDocument, node_id: str) -> list[Reference]:
    """Every place that names `node_id`, in file order: start, answers, scenarios."""
    found = [Reference("start")] if doc.data.get("start") == node_id else []
    for source, node in doc.nodes.items():
        answers = node.get("answers") if isinstance(node, CommentedMap) else None
        for index, answer in enumerate(answers if isinstance(answers, CommentedSeq) else ()):
            if isinstance(answer, CommentedMap) and answer.get("next") == node_id:
                found.append(Reference("answer", str(source), index))
    scenarios = doc.data.get("scenarios")
    for index, scenario in enumerate(scenarios if isinstance(scenarios, CommentedSeq) else ()):
        if isinstance(scenario, CommentedMap) and scenario.get("expect") == node_id:
            found.append(Reference("scenario", index=index))
    return found


# --- the tree's own fields ---------------------------------------------------------------------------
def check_id(value: str, what: str = "id") -> str:
    value = value.strip()
    if not SLUG.fullmatch(value):
        raise EditError(f"'{value}' is not a valid {what}: use {SLUG_RULE}")
    return value


def set_meta(doc: TreeDocument, key: str, value: str) -> None:
    """The tree's id, title, summary or review date; an empty optional field is removed."""
    if key not in META:
        raise EditError(f"'{key}' is not one of the tree's fields ({', '.join(META)})")
    if key == "id":
        value = check_id(value, "tree id")
    _set_text(doc.data, key, value)


def set_tags(doc: TreeDocument, tags: Iterable[str]) -> None:
    cleaned = list(dict.fromkeys(t.strip() for t in tags if t.strip()))
    if not cleaned:
        if "tags" in doc.data:
            remove(doc.data, "tags")
        return
    value = sequence(cleaned)
    value.fa.set_flow_style()  # tags: [networking, resilience], as in docs/format.md
    _set(doc.data, "tags", value)


def id_clash(new_id: str, library_ids: Mapping[str, str], own_path: str) -> str | None:
    """The file that already uses `new_id` as its tree id (None when free or this file's own)."""
    owner = library_ids.get(new_id)
    return owner if owner is not None and owner != own_path else None


# --- node fields -----------------------------------------------------------------------------------------
def set_node_text(doc: TreeDocument, node_id: str, field: str, value: str) -> None:
    """A node's question or outcome text, help or explanation (empty: removed, when optional)."""
    node = doc.node(node_id)
    kind = node_kind(node)
    if field not in NODE_TEXT[kind]:
        raise EditError(f"a {kind} has no '{field}' field")
    if not value.strip() and field not in OPTIONAL:
        raise EditError(f"the {field} cannot be empty")
    _set_text(node, field, value, after=NODE_TEXT[kind][: NODE_TEXT[kind].index(field)])


def set_answer(doc: TreeDocument, node_id: str, index: int, field: str, value: str) -> None:
    """An answer's label, target (`next`) or note; a label must stay unique in its question."""
    answer = _answer(doc, node_id, index)
    if field == "label":
        value = value.strip()
        if not value:
            raise EditError("an answer needs a label")
        if any(i != index and a.get("label") == value for i, a in enumerate(doc.answers(node_id))):
            raise EditError(f"'{node_id}' already has an answer labelled “{value}”")
    elif field == "next":
        _check_target(doc, value)
    elif field != "note":
        raise EditError(f"an answer has no '{field}' field")
    _set_text(answer, field, value, after=("label", "next")[: ("label", "next", "note").index(field)])


def add_answer(doc: TreeDocument, node_id: str, label: str, target: str) -> int:
    """A new last answer of a question, leading to an existing node; its index."""
    answers = doc.answers(node_id)
    label = label.strip() or _free_label(answers)
    if any(a.get("label") == label for a in answers):
        raise EditError(f"'{node_id}' already has an answer labelled “{label}”")
    _check_target(doc, target)
    append(answers, mapping(("label", label), ("next", target)))
    return len(answers) - 1


def remove_answer(doc: TreeDocument, node_id: str, index: int) -> None:
    answers = doc.answers(node_id)
    _answer(doc, node_id, index)
    if len(answers) == 1:
        raise EditError(f"'{node_id}' needs at least one answer: add another before removing this one")
    remove(answers, index)


def move_answer(doc: TreeDocument, node_id: str, index: int, to: int) -> None:
    """Reorder a question's answers (their order is the order learners see)."""
    answers = doc.answers(node_id)
    _answer(doc, node_id, index)
    if not 0 <= to < len(answers):
        raise EditError(f"there is no place {to + 1} among {len(answers)} answers")
    if to == index:
        return
    order = list(range(len(answers)))
    order.insert(to, order.pop(index))
    reorder(answers, order)


# --- nodes ---------------------------------------------------------------------------------------------------
def node_kind(node: Any) -> str:
    if isinstance(node, CommentedMap) and "outcome" in node and "question" not in node:
        return "outcome"
    if isinstance(node, CommentedMap) and "question" in node:
        return "question"
    raise EditError("this node is neither a question nor an outcome; fix it as text")


def free_id(doc: TreeDocument | Container[str], wanted: str, taken: tuple[str, ...] = ()) -> str:
    """`wanted` (made a slug) or, when taken (by a node of `doc`, or the ids given, or in
    `taken`), `wanted-2`, `wanted-3`…"""
    base = re.sub(r"[^a-z0-9]+", "-", wanted.lower()).strip("-") or "node"
    used = doc.nodes if isinstance(doc, TreeDocument) else doc
    candidate, n = base, 2
    while candidate in used or candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def add_node(
    doc: TreeDocument,
    kind: Literal["question", "outcome"],
    node_id: str,
    text: str,
    source: tuple[str, int] | None = None,
    answers: Iterable[CommentedMap] = (),
) -> str:
    """A new outcome, or a question with `answers` (none is an error until it gets one), at the
    end of `nodes`; with `source` (question id, answer index), that answer leads to it. Its id."""
    node_id = check_id(node_id, "node id")
    if node_id in doc.nodes:
        raise EditError(f"there is already a node '{node_id}'")
    if not text.strip():
        raise EditError(f"the new {kind} needs a text")
    if source is not None:
        _answer(doc, *source)
    if kind == "question":
        node = mapping(("question", text_value(text)), ("answers", sequence(list(answers))))
    else:
        node = mapping(("outcome", text_value(text)))
    append(doc.nodes, node, key=node_id, blank_before=True)
    if source is not None:
        _set_text(_answer(doc, *source), "next", node_id, after=("label",))
    return node_id


def add_question_with_outcomes(
    doc: TreeDocument, node_id: str, text: str, labels: tuple[str, str], source: tuple[str, int] | None = None
) -> str:
    """A question with two answers, each leading to a new outcome to fill in: the editor's
    "add question", so the tree stays valid after every step. The question is added whole (a
    list filled after it was added would put the blank line after it under "answers:")."""
    outcomes: list[str] = []  # not the question's id, nor each other's
    for label in labels:
        outcomes.append(free_id(doc, f"{node_id.strip()}-{label}", (node_id.strip(), *outcomes)))
    answers = [mapping(("label", label), ("next", o)) for label, o in zip(labels, outcomes, strict=True)]
    question = add_node(doc, "question", node_id, text, source, answers)
    for label, outcome in zip(labels, outcomes, strict=True):
        add_node(doc, "outcome", outcome, f"Outcome of “{label}”")
    return question


def delete_node(doc: TreeDocument, node_id: str, repoint: Mapping[Reference, str | None]) -> None:
    """Delete a node. Every reference to it must be in `repoint`: an answer re-pointed (a node
    id) or removed (None), the start re-pointed, a scenario re-pointed or removed (None)."""
    doc.node(node_id)
    refs = references(doc, node_id)
    missing = [r.describe(doc) for r in refs if r not in repoint]
    if missing:
        raise EditError(f"'{node_id}' is still named by {', '.join(missing)}: re-point or remove each first")
    for ref in refs:
        target = repoint[ref]
        if target == node_id or (target is not None and target not in doc.nodes):
            raise EditError(f"{ref.describe(doc)} cannot lead to '{target}'")
        if target is None and ref.kind == "start":
            raise EditError("the tree's start must lead somewhere: choose a new start")
    removed_answers: dict[str, list[int]] = {}
    for ref in refs:
        target = repoint[ref]
        if ref.kind == "start":
            _set_text(doc.data, "start", target or "")
        elif ref.kind == "scenario" and target is not None:
            _set_text(doc.scenarios()[ref.index], "expect", target)
        elif ref.kind == "answer" and target is not None:
            _set_text(doc.answers(ref.node)[ref.index], "next", target)
        elif ref.kind == "answer":
            removed_answers.setdefault(ref.node, []).append(ref.index)
    for source, indexes in removed_answers.items():
        if len(indexes) >= len(doc.answers(source)):
            raise EditError(f"removing those answers would leave '{source}' with none: re-point one instead")
    for source, indexes in removed_answers.items():
        for index in sorted(indexes, reverse=True):
            remove(doc.answers(source), index)
    for index in sorted((r.index for r in refs if r.kind == "scenario" and repoint[r] is None), reverse=True):
        remove(doc.scenarios(), index)
    remove(doc.nodes, node_id)


def rename_node(doc: TreeDocument, old: str, new: str) -> None:
    """Rename a node; every `next`, `start`, `expect`, route step and trap's `is` that named it
    follows."""
    doc.node(old)
    new = check_id(new, "node id")
    if new == old:
        return
    if new in doc.nodes:
        raise EditError(f"there is already a node '{new}'")
    refs = references(doc, old)
    items = list(doc.nodes.items())
    position = next(i for i, (key, _) in enumerate(items) if key == old)
    doc.nodes.insert(position, text_value(new), doc.nodes[old])  # quoted if YAML 1.1 needs it
    doc.nodes.ca.items[new] = doc.nodes.ca.items.pop(old, [None, None, None, None])
    del doc.nodes[old]
    for ref in refs:
        if ref.kind == "start":
            _set_text(doc.data, "start", new)
        elif ref.kind == "answer":
            _set_text(doc.answers(ref.node)[ref.index], "next", new)
        else:
            _set_text(doc.scenarios()[ref.index], "expect", new)
    _rename_soft_references(doc, old, new)


def _rename_soft_references(doc: TreeDocument, old: str, new: str) -> None:
    """The steps of scenarios' routes and the traps' `is:` that named `old` follow the rename
    (references that only sharpen the quiz: a broken one is a warning, so delete leaves them
    for the author to see)."""
    scenarios = doc.data.get("scenarios")
    for scenario in scenarios if isinstance(scenarios, CommentedSeq) else ():
        route = scenario.get("route") if isinstance(scenario, CommentedMap) else None
        if isinstance(route, CommentedSeq):
            for index, step in enumerate(route):
                if step == old:
                    route[index] = new
    for node in doc.nodes.values():
        traps = node.get("not") if isinstance(node, CommentedMap) else None
        for trap in traps if isinstance(traps, CommentedSeq) else ():
            if isinstance(trap, CommentedMap) and trap.get("is") == old:
                _set_text(trap, "is", new)


def duplicate_subtree(doc: TreeDocument, node_id: str) -> str:
    """Copy a node and every node below it under new ids (`id-copy`, …), references inside the
    copy following the copies. The copy is not linked in: point an answer at it. Returns its id."""
    doc.node(node_id)
    order = _reachable(doc, node_id)
    new_ids: dict[str, str] = {}
    for old in order:
        candidate, n = free_id(doc, f"{old}-copy"), 2
        while candidate in new_ids.values():
            candidate, n = free_id(doc, f"{old}-copy-{n}"), n + 1
        new_ids[old] = candidate
    for old in order:
        append(doc.nodes, _plain_copy(doc.nodes[old], new_ids), key=new_ids[old], blank_before=True)
    return new_ids[node_id]


# --- scenarios -------------------------------------------------------------------------------------------------
def add_scenario(doc: TreeDocument, prompt: str, expect: str) -> int:
    _check_outcome(doc, expect)
    if not prompt.strip():
        raise EditError("a scenario needs a prompt")
    scenario = mapping(("prompt", text_value(prompt)), ("expect", expect))
    return _append_item(doc.data, "scenarios", scenario)


def set_scenario(doc: TreeDocument, index: int, field: str, value: str) -> None:
    scenario = _item(doc.scenarios(), index, "scenario")
    if field == "expect":
        _check_outcome(doc, value)
    elif field != "prompt":
        raise EditError(f"a scenario has no '{field}' field")
    elif not value.strip():
        raise EditError("a scenario needs a prompt")
    _set_text(scenario, field, value)


def remove_scenario(doc: TreeDocument, index: int) -> None:
    _remove_item(doc.data, "scenarios", index, "scenario")


# --- traps and links of an outcome --------------------------------------------------------------------------
LISTS = {"not": ("option", "why"), "links": ("title", "url")}


def add_list_item(doc: TreeDocument, node_id: str, name: str, first: str, second: str) -> int:
    """A trap (`not`: option, why) or a link (title, url) at the end of an outcome's list."""
    node = doc.node(node_id)
    keys = _list_keys(node, name)
    if name == "links" and not re.match(r"https?://", second.strip()):
        raise EditError("a link must start with http:// or https://")
    return _append_item(node, name, mapping((keys[0], text_value(first)), (keys[1], text_value(second))))


def remove_list_item(doc: TreeDocument, node_id: str, name: str, index: int) -> None:
    node = doc.node(node_id)
    _list_keys(node, name)
    _remove_item(node, name, index, "link" if name == "links" else "trap")


# --- helpers -------------------------------------------------------------------------------------------------------
def _set(container: CommentedMap, key: str, value: Any, after: tuple[str, ...] = ()) -> None:
    """Replace a value in place (its comments stay), or add the key after the keys in `after`
    that exist (so new fields land where docs/format.md puts them), else at the end."""
    if key in container:
        container[key] = value
        return
    anchors = [k for k in after if k in container]
    if anchors and anchors[-1] != next(reversed(container)):
        container.insert(list(container).index(anchors[-1]) + 1, key, value)
    else:
        append(container, value, key=key)


def _set_text(container: CommentedMap, key: str, value: str, after: tuple[str, ...] = ()) -> None:
    if not value.strip() and key in OPTIONAL:
        if key in container:
            remove(container, key)
        return
    old = container.get(key)
    if isinstance(old, str) and old == value:
        return  # unchanged: keep the author's quoting
    _set(container, key, text_value(value), after)


def _append_item(owner: CommentedMap, name: str, item: CommentedMap) -> int:
    """Add `item` to the list `owner[name]`, creating the list with it (a list created empty
    and filled after would leave the lines that closed `owner` stranded after its key)."""
    items = owner.get(name)
    if isinstance(items, CommentedSeq) and items:
        append(items, item)
        return len(items) - 1
    if name in owner:
        remove(owner, name)
    append(owner, sequence([item]), key=name)
    return 0


def _remove_item(owner: CommentedMap, name: str, index: int, what: str) -> None:
    """Remove one element of the list `owner[name]`; the list's key goes with its last element."""
    items = owner.get(name)
    _item(items if isinstance(items, CommentedSeq) else CommentedSeq(), index, what)
    if len(items) == 1:
        remove(owner, name)
    else:
        remove(items, index)


def _item(items: CommentedSeq, index: int, what: str) -> CommentedMap:
    if not 0 <= index < len(items) or not isinstance(items[index], CommentedMap):
        raise EditError(f"there is no {what} {index + 1}")
    item: CommentedMap = items[index]
    return item


def _answer(doc: TreeDocument, node_id: str, index: int) -> CommentedMap:
    return _item(doc.answers(node_id), index, f"answer of '{node_id}' number")


def _check_target(doc: TreeDocument, target: str) -> None:
    if target not in doc.nodes:
        raise EditError(f"there is no node '{target}' to lead to")


def _check_outcome(doc: TreeDocument, node_id: str) -> None:
    if node_kind(doc.node(node_id)) != "outcome":
        raise EditError(f"'{node_id}' is a question; a scenario must expect an outcome")


def _list_keys(node: CommentedMap, name: str) -> tuple[str, str]:
    if name not in LISTS:
        raise EditError(f"an outcome has no list '{name}'")
    if node_kind(node) != "outcome":
        raise EditError(f"only outcomes have '{name}'")
    return LISTS[name]


def _free_label(answers: CommentedSeq) -> str:
    taken = {a.get("label") for a in answers if isinstance(a, CommentedMap)}
    return next(f"Answer {n}" for n in range(len(answers) + 1, len(answers) + 1000) if f"Answer {n}" not in taken)


def _reachable(doc: TreeDocument, start: str) -> list[str]:
    """Nodes reachable from `start` in answer order, from the document as written (it may not
    load as a tree while the author edits it)."""
    children: dict[str, list[str]] = {}
    for node_id, node in doc.nodes.items():
        answers = node.get("answers") if isinstance(node, CommentedMap) else None
        targets = [
            a.get("next") for a in (answers if isinstance(answers, CommentedSeq) else ()) if isinstance(a, CommentedMap)
        ]
        children[str(node_id)] = [t for t in targets if isinstance(t, str) and t in doc.nodes]
    return reached_in_order(children, start)


def _plain_copy(value: Any, new_ids: Mapping[str, str]) -> Any:
    """A copy without the original's comments and blank lines, `next` targets renamed."""
    if isinstance(value, CommentedMap):
        renamed = lambda k, v: new_ids.get(v, v) if k == "next" and isinstance(v, str) else _plain_copy(v, new_ids)
        return mapping(*((k, renamed(k, v)) for k, v in value.items()))
    if isinstance(value, CommentedSeq):
        copy = sequence([_plain_copy(v, new_ids) for v in value])
        if value.fa.flow_style():
            copy.fa.set_flow_style()
        return copy
    return text_value(str(value)) if isinstance(value, str) else value


def set_list_item(doc: TreeDocument, node_id: str, name: str, index: int, field: str, value: str) -> None:
    """One field of a trap (option, why) or a link (title, url) of an outcome."""
    node = doc.node(node_id)
    keys = _list_keys(node, name)
    if field not in keys:
        raise EditError(f"a {'link' if name == 'links' else 'trap'} has no '{field}' field")
    if not value.strip():
        raise EditError(f"the {field} cannot be empty")
    if field == "url" and not re.match(r"https?://", value.strip()):
        raise EditError("a link must start with http:// or https://")
    items = node.get(name)
    _set_text(_item(items if isinstance(items, CommentedSeq) else CommentedSeq(), index, name), field, value)


def add_answer_to_new_outcome(doc: TreeDocument, node_id: str, label: str = "") -> int:
    """A new answer leading to a new outcome to fill in (the editor's "Add answer": the tree
    stays valid at every step). Returns the answer's index."""
    answers = doc.answers(node_id)
    label = label.strip() or _free_label(answers)
    outcome = add_node(doc, "outcome", free_id(doc, f"{node_id}-{label}"), f"Outcome of “{label}”")
    return add_answer(doc, node_id, label, outcome)


def add_node_below(
    doc: TreeDocument, question_id: str, kind: Literal["question", "outcome"], node_id: str, text: str, label: str = ""
) -> str:
    """A new answer of `question_id` leading to a new node: an outcome, or a question that comes
    with two answers and their outcomes (so the tree stays valid). Returns the new node's id."""
    answers = doc.answers(question_id)
    label = label.strip() or _free_label(answers)
    if any(a.get("label") == label for a in answers):
        raise EditError(f"'{question_id}' already has an answer labelled “{label}”")
    if kind == "question":
        add_question_with_outcomes(doc, node_id, text, ("Yes", "No"))
    else:
        add_node(doc, "outcome", node_id, text)
    add_answer(doc, question_id, label, node_id)
    return node_id
