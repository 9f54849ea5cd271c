"""Random sequences of editor operations on the bundled trees and the format.md example: every
step either is refused (EditError, text unchanged) or gives a file that reads back with no
errors, keeps every comment line, and re-reads as a document that writes back byte for byte.
A fixed budget runs with the tests; AUTHORING_EXAMPLES=500 runs a longer search on demand."""

from __future__ import annotations

import os
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trainer.author import operations as ops
from trainer.author.document import EditError, TreeDocument, apply_edit
from trainer.author.session import check_text

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "trees").glob("*.yaml"))]
SOURCES.append(
    re.search(r"```yaml\n(.*?)```", (ROOT / "docs" / "format.md").read_text(encoding="utf-8"), re.DOTALL).group(1)
)
# Texts of one or more lines, none of them blank: a blank line inside an author's text is theirs,
# so the check for stray blank lines between nodes below can be exact.
WORDS = st.text(alphabet="abcdefghij klmnop?\n:#\"'", min_size=1, max_size=30).filter(
    lambda t: t.strip() and t.strip()[0] not in "#" and all(line.strip() for line in t.strip().split("\n"))
)


def _questions(doc: TreeDocument) -> list[str]:
    return [n for n, node in doc.nodes.items() if ops.node_kind(node) == "question"]


def _outcomes(doc: TreeDocument) -> list[str]:
    return [n for n, node in doc.nodes.items() if ops.node_kind(node) == "outcome"]


def _operation(data: st.DataObject, doc: TreeDocument):  # type: ignore[no-untyped-def]
    """One operation the editor offers, with arguments drawn from the document as it is."""
    questions, outcomes = _questions(doc), _outcomes(doc)
    question = data.draw(st.sampled_from(questions))
    answers = len(doc.answers(question))
    kind = data.draw(
        st.sampled_from(
            ["text", "answer", "remove", "move", "rename", "below", "duplicate", "delete", "scenario", "trap", "label"]
        )
    )
    if kind == "text":
        return lambda d: ops.set_node_text(
            d, question, data.draw(st.sampled_from(["question", "help"])), data.draw(WORDS)
        )
    if kind == "answer":
        return lambda d: ops.add_answer_to_new_outcome(d, question)
    if kind == "remove":
        return lambda d: ops.remove_answer(d, question, data.draw(st.integers(0, answers - 1)))
    if kind == "move":
        return lambda d: ops.move_answer(
            d, question, data.draw(st.integers(0, answers - 1)), data.draw(st.integers(0, answers - 1))
        )
    if kind == "rename":
        return lambda d: ops.rename_node(
            d,
            data.draw(st.sampled_from(list(doc.nodes))),
            data.draw(st.from_regex(r"[a-z][a-z0-9-]{0,12}", fullmatch=True)),
        )
    if kind == "below":
        return lambda d: ops.add_node_below(
            d, question, data.draw(st.sampled_from(["question", "outcome"])), ops.free_id(d, "new"), data.draw(WORDS)
        )
    if kind == "duplicate":
        return lambda d: ops.duplicate_subtree(d, data.draw(st.sampled_from(list(doc.nodes))))
    if kind == "delete":
        victim = data.draw(st.sampled_from(outcomes))
        others = [o for o in outcomes if o != victim]
        if not others:
            return lambda d: ops.delete_node(d, victim, {})
        target = data.draw(st.sampled_from(others))
        return lambda d: ops.delete_node(d, victim, {r: target for r in ops.references(d, victim)})
    if kind == "scenario":
        return lambda d: ops.add_scenario(d, data.draw(WORDS), data.draw(st.sampled_from(outcomes)))
    if kind == "trap":
        return lambda d: ops.add_list_item(
            d, data.draw(st.sampled_from(outcomes)), "not", data.draw(WORDS), data.draw(WORDS)
        )
    return lambda d: ops.set_answer(d, question, data.draw(st.integers(0, answers - 1)), "label", data.draw(WORDS))


@settings(
    max_examples=int(os.environ.get("AUTHORING_EXAMPLES", "30")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(st.data())
def test_random_edits_keep_the_file_valid_and_the_authors_comments(data: st.DataObject) -> None:
    text = data.draw(st.sampled_from(SOURCES))
    comment_lines = [line.strip() for line in text.splitlines() if line.lstrip().startswith("#")]
    for _ in range(data.draw(st.integers(1, 5))):
        doc = TreeDocument.parse(text)
        operation = _operation(data, doc)
        try:
            after, _ = apply_edit(text, operation)
        except EditError:
            continue  # refused: nothing changed (apply_edit works on a copy)
        checked = check_text(after)
        assert not checked.has_errors, (after, [str(p) for p in checked.problems if p.is_error])
        kept = [line.strip() for line in after.splitlines() if line.lstrip().startswith("#")]
        assert all(c in kept for c in comment_lines)
        assert TreeDocument.parse(after).text() == after  # what was written reads back as written
        assert "\n\n\n" not in after  # never a double blank line from moved separators
        text = after
