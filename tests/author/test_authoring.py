"""Editing a tree file: each operation gives a valid tree, keeps every reference and everything
the author wrote elsewhere (comments, quoting, blank lines), and fails without half-doing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from trainer.author import operations as ops
from trainer.author.document import EditError, TreeDocument, apply_edit
from trainer.core.loader import load_tree_text
from trainer.core.validate import validate_tree

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = sorted((ROOT / "trees").glob("*.yaml"))
EXAMPLE = re.search(r"```yaml\n(.*?)```", (ROOT / "docs" / "format.md").read_text(encoding="utf-8"), re.DOTALL).group(1)


def problems(text: str) -> list[str]:
    result = load_tree_text(text)
    found = list(result.problems) + (validate_tree(result.tree) if result.tree else [])
    return [str(p) for p in found]


def errors(text: str) -> list[str]:
    return [p for p in problems(text) if ": error: " in p]


def comments(text: str) -> list[str]:
    return [line.split("#", 1)[1] for line in text.splitlines() if re.search(r"(^|\s)#", line)]


def edit(text: str, operation, *args):  # type: ignore[no-untyped-def]
    after, _ = apply_edit(text, lambda doc: operation(doc, *args))
    return after


@pytest.mark.parametrize("path", [*BUNDLED, "format.md example"], ids=lambda p: getattr(p, "stem", p))
def test_an_unedited_document_writes_back_byte_for_byte(path) -> None:  # type: ignore[no-untyped-def]
    text = EXAMPLE if isinstance(path, str) else path.read_text(encoding="utf-8")
    assert TreeDocument.parse(text).text() == text


def test_a_new_outcome_on_an_answer_keeps_the_rest_of_the_file() -> None:
    after = edit(
        EXAMPLE, ops.add_node, "outcome", "direct-connect", "AWS Direct Connect\n\nA private line.", ("protocol", 1)
    )
    assert errors(after) == []
    assert comments(after) == comments(EXAMPLE)  # every comment kept, in order
    assert "  direct-connect:\n    outcome: |\n      AWS Direct Connect\n\n      A private line.\n" in after
    assert "\n\nscenarios:" in after  # the blank line before the next section stays in its place
    assert "\n\n  direct-connect:" in after  # and one separates the new node from the one before
    tree = load_tree_text(after).tree
    assert tree.nodes["protocol"].answers[1].next == "direct-connect"
    before_lines = EXAMPLE.splitlines()
    changed = [line for line in before_lines if line not in after.splitlines()]
    assert changed == ["        next: global-accelerator"]  # only the re-pointed answer changed


def test_a_question_comes_with_two_outcomes_so_the_tree_stays_valid() -> None:
    after = edit(
        EXAMPLE, ops.add_question_with_outcomes, "budget", "Is cost the main concern?", ("Yes", "No"), ("spikes", 0)
    )
    tree = load_tree_text(after).tree
    assert [a.label for a in tree.nodes["budget"].answers] == ["Yes", "No"]
    assert errors(after) == []
    outcomes = [a.next for a in tree.nodes["budget"].answers]
    assert all(tree.nodes[o].text.startswith("Outcome of") for o in outcomes)


def test_rename_follows_every_reference() -> None:
    after = edit(EXAMPLE, ops.rename_node, "global-accelerator", "accelerator")
    assert errors(after) == []
    assert "global-accelerator" not in after.split("scenarios:")[0].replace("# ", "")  # start, nexts
    tree = load_tree_text(after).tree
    assert "accelerator" in tree.nodes and "global-accelerator" not in tree.nodes
    assert tree.scenarios[2].expect == "accelerator"
    assert list(tree.nodes) == [
        n if n != "global-accelerator" else "accelerator" for n in load_tree_text(EXAMPLE).tree.nodes
    ]
    start = edit(EXAMPLE, ops.rename_node, "protocol", "entry")
    assert load_tree_text(start).tree.start == "entry" and errors(start) == []
    assert re.search(r"\n  entry: +# a question node: `question` \+ `answers`\n", start)  # its comment kept


def test_rename_refuses_a_taken_or_invalid_id() -> None:
    for new in ("spikes", "Not A Slug", ""):
        with pytest.raises(EditError):
            edit(EXAMPLE, ops.rename_node, "protocol", new)


def test_delete_lists_what_still_names_the_node_and_never_leaves_it_dangling() -> None:
    doc = TreeDocument.parse(EXAMPLE)
    refs = ops.references(doc, "global-accelerator")
    assert [r.describe(doc) for r in refs] == ["answer “No” of 'protocol'", "scenario 3"]
    with pytest.raises(EditError, match="still named by answer “No” of 'protocol', scenario 3"):
        ops.delete_node(doc, "global-accelerator", {})
    assert TreeDocument.parse(EXAMPLE).text() == doc.text()  # nothing half-done
    repoint = {refs[0]: "cloudfront-failover", refs[1]: None}
    after = edit(EXAMPLE, ops.delete_node, "global-accelerator", repoint)
    assert errors(after) == []
    tree = load_tree_text(after).tree
    assert "global-accelerator" not in tree.nodes and len(tree.scenarios) == 2
    assert tree.nodes["protocol"].answers[1].next == "cloudfront-failover"
    assert after.rstrip().endswith("expect: cloudfront-failover")


def test_delete_can_remove_answers_but_not_a_questions_last_one() -> None:
    doc = TreeDocument.parse(EXAMPLE)
    refs = ops.references(doc, "cloudfront-failover")
    repoint = {r: None for r in refs}
    after = edit(EXAMPLE, ops.delete_node, "cloudfront-failover", repoint)
    tree = load_tree_text(after).tree
    assert [a.label for a in tree.nodes["spikes"].answers] == ["Sudden spikes in requests"]
    assert errors(after) == []
    lone = edit(
        after,
        ops.delete_node,
        "global-accelerator",
        {r: None for r in ops.references(TreeDocument.parse(after), "global-accelerator")},
    )
    assert "global-accelerator" not in load_tree_text(lone).tree.nodes
    with pytest.raises(EditError, match="with none"):
        edit(
            lone,
            ops.delete_node,
            "cloudfront-aurora",
            {r: None for r in ops.references(TreeDocument.parse(lone), "cloudfront-aurora")},
        )
    with pytest.raises(EditError, match="start"):
        edit(EXAMPLE, ops.delete_node, "protocol", {ops.Reference("start"): None})


def test_reorder_answers_moves_them_with_their_notes_and_comments() -> None:
    after = edit(EXAMPLE, ops.move_answer, "protocol", 1, 0)
    tree = load_tree_text(after).tree
    assert [a.label for a in tree.nodes["protocol"].answers] == ["No", "Yes"]
    assert tree.nodes["protocol"].answers[0].note.startswith("CloudFront serves HTTP")
    assert comments(after) and sorted(comments(after)) == sorted(comments(EXAMPLE))
    assert sorted(after.splitlines()) == sorted(EXAMPLE.splitlines())  # the same lines, moved
    assert edit(after, ops.move_answer, "protocol", 0, 1) == EXAMPLE


def test_duplicate_copies_a_subtree_under_new_ids() -> None:
    after = edit(EXAMPLE, ops.duplicate_subtree, "spikes")
    tree = load_tree_text(after).tree
    assert {"spikes-copy", "cloudfront-aurora-copy", "cloudfront-failover-copy"} <= set(tree.nodes)
    assert [a.next for a in tree.nodes["spikes-copy"].answers] == ["cloudfront-aurora-copy", "cloudfront-failover-copy"]
    original = load_tree_text(EXAMPLE).tree.nodes["cloudfront-aurora"]
    assert [(t.option, t.why) for t in tree.nodes["cloudfront-aurora-copy"].traps] == [
        (t.option, t.why) for t in original.traps
    ]
    assert errors(after) == []  # only "unreachable" warnings until an answer leads to the copy
    unreachable = [p for p in problems(after) if "cannot be reached" in p]
    assert len(unreachable) == 3 and all("-copy'" in p for p in unreachable)


def test_fields_texts_and_lists() -> None:
    after = edit(EXAMPLE, ops.set_node_text, "spikes", "help", "Line one\nline two")
    assert (
        "    question: What must the design mainly cope with?\n"
        "    help: |\n      Line one\n      line two\n    answers:" in after
    )
    assert edit(after, ops.set_node_text, "spikes", "help", "") == EXAMPLE  # an empty optional field goes
    with pytest.raises(EditError):
        edit(EXAMPLE, ops.set_node_text, "spikes", "question", "  ")
    with pytest.raises(EditError, match="already has an answer"):
        edit(EXAMPLE, ops.set_answer, "protocol", 0, "label", "No")
    tagged = edit(EXAMPLE, ops.set_tags, ["networking", "edge"])
    assert re.search(r"\ntags: \[networking, edge\] +# optional: a list of texts\n", tagged)
    linked = edit(
        EXAMPLE,
        ops.add_list_item,
        "global-accelerator",
        "links",
        "AWS Global Accelerator",
        "https://aws.amazon.com/global-accelerator/",
    )
    assert (
        load_tree_text(linked).tree.nodes["global-accelerator"].links[0].url
        == "https://aws.amazon.com/global-accelerator/"
    )
    with pytest.raises(EditError, match="http"):
        edit(EXAMPLE, ops.add_list_item, "global-accelerator", "links", "Local", "file:///etc/passwd")
    unlinked = edit(linked, ops.remove_list_item, "global-accelerator", "links", 0)
    assert unlinked == EXAMPLE


def test_scenarios() -> None:
    after = edit(EXAMPLE, ops.add_scenario, "A game needs fixed IPs.", "global-accelerator")
    tree = load_tree_text(after).tree
    assert tree.scenarios[-1].prompt == "A game needs fixed IPs." and errors(after) == []
    with pytest.raises(EditError, match="question"):
        edit(EXAMPLE, ops.add_scenario, "Prompt", "protocol")
    assert edit(after, ops.remove_scenario, 3) == EXAMPLE


def test_tree_id_checks() -> None:
    after = edit(EXAMPLE, ops.set_meta, "id", "front-door")
    assert load_tree_text(after).tree.id == "front-door"
    with pytest.raises(EditError):
        edit(EXAMPLE, ops.set_meta, "id", "Front Door")
    library = {"front-door": "/lib/other.yaml", "edge-entry-point": "/lib/this.yaml"}
    assert ops.id_clash("front-door", library, "/lib/this.yaml") == "/lib/other.yaml"
    assert ops.id_clash("edge-entry-point", library, "/lib/this.yaml") is None
    assert ops.id_clash("free", library, "/lib/this.yaml") is None


def test_text_that_is_not_a_tree_mapping_is_refused_clearly() -> None:
    for text in ("- a\n- b\n", "key: [unclosed\n"):
        with pytest.raises(EditError):
            TreeDocument.parse(text)


def test_nodes_added_below_a_question_keep_the_tree_valid() -> None:
    after = edit(EXAMPLE, ops.add_node_below, "spikes", "question", "budget", "Is cost the main concern?")
    tree = load_tree_text(after).tree
    assert tree.nodes["spikes"].answers[-1].next == "budget" and errors(after) == []
    assert [a.label for a in tree.nodes["budget"].answers] == ["Yes", "No"]
    outcome = edit(EXAMPLE, ops.add_node_below, "spikes", "outcome", "s3", "Amazon S3", "Mostly static files")
    assert load_tree_text(outcome).tree.nodes["spikes"].answers[-1].label == "Mostly static files"
    with pytest.raises(EditError, match="already has an answer"):
        edit(EXAMPLE, ops.add_node_below, "protocol", "outcome", "x", "X", "Yes")
    grown = edit(EXAMPLE, ops.add_answer_to_new_outcome, "protocol")
    tree = load_tree_text(grown).tree
    assert [a.label for a in tree.nodes["protocol"].answers] == ["Yes", "No", "Answer 3"]
    assert tree.nodes[tree.nodes["protocol"].answers[2].next].text == "Outcome of “Answer 3”" and errors(grown) == []


def test_traps_and_links_are_edited_in_place() -> None:
    after = edit(
        EXAMPLE, ops.set_list_item, "cloudfront-aurora", "not", 1, "why", "Private links do not absorb spikes."
    )
    assert load_tree_text(after).tree.nodes["cloudfront-aurora"].traps[1].why == "Private links do not absorb spikes."
    assert comments(after) == comments(EXAMPLE)
    with pytest.raises(EditError, match="http"):
        edit(EXAMPLE, ops.set_list_item, "cloudfront-aurora", "links", 0, "url", "javascript:alert(1)")
    with pytest.raises(EditError, match="empty"):
        edit(EXAMPLE, ops.set_list_item, "cloudfront-aurora", "not", 0, "option", " ")


def test_a_problem_is_located_in_its_node_answer_or_scenario() -> None:
    from trainer.author.session import check_text, locate

    broken = EXAMPLE.replace("next: global-accelerator\n        note:", "next: nowhere\n        note:")
    checked = check_text(broken)
    place = locate(checked.tree, next(p for p in checked.problems if "nowhere" in p.message))
    assert (place.part, place.node_id, place.answer, place.field) == ("node", "protocol", 1, "next")
    wrong_expect = EXAMPLE.replace("expect: cloudfront-failover", "expect: spikes")
    checked = check_text(wrong_expect)
    place = locate(checked.tree, next(p for p in checked.problems if "spikes" in p.message and p.is_error))
    assert (place.part, place.index) == ("scenario", 1)


def test_the_nodes_an_error_falls_in_are_named_for_the_graph() -> None:
    from trainer.author.session import check_text

    broken = EXAMPLE.replace("next: global-accelerator\n        note:", "next: nowhere\n        note:")
    assert check_text(broken).nodes_in_error() == {"protocol"}
    assert check_text(EXAMPLE).nodes_in_error() == set()


def test_a_rename_carries_routes_and_traps_standing_for_the_node() -> None:
    from trainer.author import operations as ops
    from trainer.author.document import TreeDocument

    text = (ROOT / "trees" / "edge-resilience.yaml").read_text(encoding="utf-8")
    assert "route: [spikes, ddos, protocol]" in text and "is: global-accelerator" in text
    doc = TreeDocument.parse(text)
    ops.rename_node(doc, "protocol", "traffic-kind")
    ops.rename_node(doc, "global-accelerator", "accelerator")
    after = doc.text()
    assert "route: [spikes, ddos, traffic-kind]" in after and "[spikes, ddos, protocol" not in after
    assert "is: accelerator" in after and "is: global-accelerator" not in after
    from trainer.author.session import check_text

    assert check_text(after).problems == [], [str(p) for p in check_text(after).problems]


YAML11_WORDS = ["Yes", "No", "On", "Off", "y", "n", "True", "false", "yes", "OFF", "~", "1:30", "0x1F"]


@pytest.mark.parametrize("word", YAML11_WORDS)
def test_labels_a_yaml_1_1_reader_would_take_for_booleans_are_written_quoted(word: str) -> None:
    """ruamel writes YAML 1.2, where Yes and On are strings; PyYAML and most other tools read
    YAML 1.1, where they are booleans. Every text, label and id the editor writes stays a string."""
    import yaml

    doc = TreeDocument.parse(EXAMPLE)
    question = next(n for n, node in doc.nodes.items() if "answers" in node)
    text = edit(EXAMPLE, ops.set_answer, question, 0, "label", "something else")
    text = edit(text, ops.set_answer, question, 1, "label", "another thing")
    text = edit(text, ops.set_answer, question, 0, "label", word)
    text = edit(text, ops.set_answer, question, 0, "note", word)
    new = edit(text, ops.add_question_with_outcomes, "fresh", word, (word, "Maybe"), (question, 1))
    data = yaml.safe_load(new)
    answer = data["nodes"][question]["answers"][0]
    assert answer["label"] == word and answer["note"] == word
    assert data["nodes"]["fresh"]["question"] == word
    assert [a["label"] for a in data["nodes"]["fresh"]["answers"]] == [word, "Maybe"]
    assert f'label: "{word}"' in new


def test_an_id_a_yaml_1_1_reader_would_take_for_a_boolean_is_quoted_everywhere() -> None:
    import yaml

    doc = TreeDocument.parse(EXAMPLE)
    outcome = next(n for n, node in doc.nodes.items() if "outcome" in node)
    renamed = yaml.safe_load(edit(EXAMPLE, ops.rename_node, outcome, "yes"))
    assert "yes" in renamed["nodes"] and True not in renamed["nodes"]
    targets = [a["next"] for node in renamed["nodes"].values() for a in node.get("answers", [])]
    assert "yes" in targets and True not in targets


def test_untouched_plain_words_keep_the_author_s_style() -> None:
    text = (
        "format: 1\nid: t\ntitle: T\nstart: q\nnodes:\n  q:\n    question: Q?\n    answers:\n"
        "      - label: Yes\n        next: a\n      - label: No\n        next: a\n  a:\n    outcome: A\n"
    )
    after = edit(text, ops.set_node_text, "q", "question", "Really?")
    assert "      - label: Yes\n" in after and "question: Really?" in after


def test_a_question_added_with_its_outcomes_keeps_blank_lines_between_nodes_only() -> None:
    """The blank line before the new outcome went under the question's "answers:" key."""
    after = edit(EXAMPLE, ops.add_question_with_outcomes, "fresh", "Fresh?", ("Yes", "No"))
    block = after[after.index("  fresh:\n") :]
    assert block.startswith('  fresh:\n    question: Fresh?\n    answers:\n      - label: "Yes"\n')
    assert "\n\n  fresh-yes:\n    outcome: Outcome of “Yes”\n\n  fresh-no:\n" in after
    assert not errors(edit(after, ops.set_answer, "fresh", 0, "label", "Sure"))
