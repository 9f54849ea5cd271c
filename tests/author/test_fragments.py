"""An edit of one node or one scenario made on that entry alone (trainer.author.fragments) gives
exactly the text the edit of the whole file gives, or the same refusal; and it is taken for the
edits the node and scenario forms make, so a large tree is not read whole for each."""

from __future__ import annotations

import re
import sys
from functools import partial
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.ui.conftest import GOOD_TREE
from trainer.author import operations as ops
from trainer.author.document import EditError, TreeDocument, apply_edit
from trainer.author.fragments import apply_local

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "benchmarks"))
from treegen import generate_tree_yaml

SOURCES = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "trees").glob("*.yaml"))]
SOURCES += [
    GOOD_TREE,
    generate_tree_yaml(60, 3),
    re.search(r"```yaml\n(.*?)```", (ROOT / "docs" / "format.md").read_text(encoding="utf-8"), re.DOTALL).group(1),
]
WORDS = st.text(alphabet="abcdefghij klmnop?\n:#\"'<>&*", min_size=0, max_size=30)


def _outcome(data: st.DataObject, doc: TreeDocument, ids: list[str]) -> str:
    return data.draw(st.sampled_from(ids + ["nowhere"]))


def _local_operation(data: st.DataObject, doc: TreeDocument):  # type: ignore[no-untyped-def]
    """One edit of the node or scenario forms, drawn from the document as it is."""
    ids = [str(n) for n in doc.nodes]
    questions = [n for n in ids if "question" in doc.nodes[n]]
    outcomes = [n for n in ids if "outcome" in doc.nodes[n] and "question" not in doc.nodes[n]]
    node = data.draw(st.sampled_from(ids))
    text = data.draw(WORDS)
    index = data.draw(st.integers(0, 3))
    choices = [
        partial(ops.set_node_text, node_id=node, field=data.draw(st.sampled_from(["question", "help"])), value=text),
        partial(
            ops.set_node_text, node_id=node, field=data.draw(st.sampled_from(["outcome", "explanation"])), value=text
        ),
    ]
    if questions:
        q = data.draw(st.sampled_from(questions))
        choices += [
            partial(
                ops.set_answer, node_id=q, index=index, field=data.draw(st.sampled_from(["label", "note"])), value=text
            ),
            partial(
                ops.set_answer, node_id=q, index=index, field="next", value=data.draw(st.sampled_from([*ids, "x"]))
            ),
            partial(ops.move_answer, node_id=q, index=index, to=data.draw(st.integers(0, 3))),
            partial(ops.remove_answer, node_id=q, index=index),
        ]
    if outcomes:
        o = data.draw(st.sampled_from(outcomes))
        name = data.draw(st.sampled_from(["not", "links"]))
        field = data.draw(st.sampled_from(["option", "why"] if name == "not" else ["title", "url"]))
        choices += [
            partial(ops.add_list_item, node_id=o, name=name, first=text or "a", second="https://example.com/" + text),
            partial(ops.set_list_item, node_id=o, name=name, index=index % 2, field=field, value=text),
            partial(ops.remove_list_item, node_id=o, name=name, index=index % 2),
        ]
        choices += [
            partial(
                ops.add_node_below,
                question_id=q,
                kind=data.draw(st.sampled_from(["question", "outcome"])),
                node_id=data.draw(st.sampled_from([*ids, "new-node", "Bad Id"])),
                text=text,
            )
        ]
    scenarios = doc.data.get("scenarios") or []
    if scenarios:
        i = data.draw(st.integers(0, len(scenarios)))
        choices += [
            partial(ops.set_scenario, index=i, field="prompt", value=text),
            partial(ops.set_scenario, index=i, field="expect", value=data.draw(st.sampled_from([*ids, "x"]))),
        ]
    return data.draw(st.sampled_from(choices))


def _whole(text: str, operation) -> tuple[str, object] | str:  # type: ignore[no-untyped-def]
    try:
        return apply_edit(text, operation)
    except EditError as exc:
        return f"refused: {exc}"


def _local(text: str, operation) -> tuple[str, object] | str | None:  # type: ignore[no-untyped-def]
    try:
        return apply_local(text, operation)
    except EditError as exc:
        return f"refused: {exc}"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), source=st.sampled_from(SOURCES))
def test_a_local_edit_gives_what_the_whole_file_gives(data: st.DataObject, source: str) -> None:
    text = source
    for _ in range(3):  # a few edits in a row, each on the text the last one gave
        operation = _local_operation(data, TreeDocument.parse(text))
        local = _local(text, operation)
        whole = _whole(text, operation)
        if local is None:
            continue  # not done locally: the whole-file edit is made
        if isinstance(whole, str):  # refused by the whole file: refused the same way, or left to it
            assert local == whole
            continue
        assert local == whole
        text = whole[0]


def test_the_forms_edits_are_made_locally_on_a_generated_tree() -> None:
    text = generate_tree_yaml(300, 2)
    doc = TreeDocument.parse(text)
    question = next(n for n in doc.nodes if "question" in doc.nodes[n])
    outcome = next(n for n in doc.nodes if "outcome" in doc.nodes[n])
    for operation in (
        partial(ops.set_node_text, node_id=question, field="question", value="Is it <b>new</b>?"),
        partial(ops.set_node_text, node_id=outcome, field="explanation", value="Two\nlines."),
        partial(ops.set_answer, node_id=question, index=0, field="note", value="A note."),
        partial(ops.set_answer, node_id=question, index=1, field="next", value=outcome),
        partial(ops.move_answer, node_id=question, index=0, to=1),
        partial(ops.add_list_item, node_id=outcome, name="not", first="A trap", second="Why not."),
        partial(ops.add_node_below, question_id=question, kind="outcome", node_id="new-one", text="A new outcome"),
        partial(ops.add_node_below, question_id=question, kind="question", node_id="new-q", text="Is it new?"),
        partial(ops.set_scenario, index=5, field="prompt", value="A new case."),
        partial(ops.set_scenario, index=5, field="expect", value=outcome),
    ):
        local = apply_local(text, operation)
        assert local is not None, operation
        assert local == apply_edit(text, operation)


def test_an_edit_no_entry_can_hold_is_left_to_the_whole_file() -> None:
    refused = partial(ops.set_answer, node_id="http", index=0, field="next", value="nowhere")
    assert apply_local(GOOD_TREE, refused) is None  # no entry "nowhere": the whole file refuses it
    with pytest.raises(EditError, match="no node 'nowhere'"):
        apply_edit(GOOD_TREE, refused)
    assert apply_local(GOOD_TREE, partial(ops.rename_node, old="http", new="web")) is None
    aliased = GOOD_TREE.replace("    explanation: Global Accelerator", "    explanation: *e").replace(
        "explanation: Static IPs", "explanation: &e Static IPs"
    )
    operation = partial(ops.set_node_text, node_id="cloudfront", field="outcome", value="Changed")
    local = apply_local(aliased, operation)
    assert local is None or local == apply_edit(aliased, operation)


def test_a_node_added_below_never_takes_an_id_of_the_file() -> None:
    text = generate_tree_yaml(300, 2)
    taken = list(TreeDocument.parse(text).nodes)[100]  # neither the question nor the last node
    clash = partial(ops.add_node_below, question_id="q0", kind="outcome", node_id=taken, text="Again")
    with pytest.raises(EditError, match=f"already a node '{taken}'"):
        apply_local(text, clash)
    question = partial(ops.add_node_below, question_id="q0", kind="question", node_id=f"{taken}-x", text="New?")
    local = apply_local(text, question)
    assert local is not None and local == apply_edit(text, question)
