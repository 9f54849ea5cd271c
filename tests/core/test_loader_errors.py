"""Every error of issue 2, section 2: severity, the words that tell the author what to do, and
the exact 1-based line and column the editor should jump to."""

from __future__ import annotations

from pathlib import Path

import pytest

from trainer.core.library import load_library
from trainer.core.problems import Pos, Severity

ERROR = Severity.ERROR


# --- reading the bytes and the YAML ------------------------------------------------------------


def test_not_utf8_points_at_the_first_bad_byte(check, find):
    p = find(check(b"format: 1\nid: t\ntitle: caf\xe9\n"), "not UTF-8")
    assert (p.severity, p.pos) == (ERROR, Pos(3, 11))
    assert "0xe9" in p.message and "save the file as UTF-8" in p.message


def test_not_utf8_column_counts_characters_not_bytes(check, find):
    p = find(check("format: 1\nid: t\ntitle: éé".encode() + b"\xff\n"), "not UTF-8")
    assert (p.severity, p.pos) == (ERROR, Pos(3, 10))
    assert "0xff" in p.message


def test_not_utf8_after_a_bom_points_at_the_bad_byte(check, find):
    # The BOM is not a column; the bad byte is the 8th character of line 1.
    p = find(check(b"\xef\xbb\xbftitle: \xff\n"), "not UTF-8")
    assert (p.severity, p.pos) == (ERROR, Pos(1, 8))
    assert "0xff" in p.message


def test_a_bom_is_accepted(check, clean_tree):
    assert check(b"\xef\xbb\xbf" + clean_tree.encode()) == []


def test_a_bom_does_not_shift_columns(check, find, clean_tree):
    text = clean_tree.replace("format: 1", "format: 2")
    p = find(check(b"\xef\xbb\xbf" + text.encode()), "unsupported format")
    assert p.pos == Pos(1, 9)


def test_yaml_syntax_error_has_the_parsers_position(check, find):
    p = find(check("format: 1\nid: t\ntitle: a: b\n"), "YAML syntax")
    assert (p.severity, p.pos) == (ERROR, Pos(3, 9))
    assert "mapping values are not allowed" in p.message


def test_yaml_syntax_error_names_where_the_construct_started(check, find):
    p = find(check('format: 1\nid: t\ntitle: "unterminated\nstart: a\n'), "YAML syntax")
    assert (p.severity, p.pos) == (ERROR, Pos(5, 1))
    assert "quoted scalar" in p.message and "started at line 3" in p.message


@pytest.mark.parametrize("content", ["", "\n\n", "# only a comment\n"])
def test_empty_file(check, find, content):
    p = find(check(content), "the file is empty")
    assert (p.severity, p.pos) == (ERROR, Pos(1, 1))
    assert "'format', 'id', 'title', 'start' and 'nodes'" in p.message


@pytest.mark.parametrize(
    ("content", "kind"),
    [("- format: 1\n- id: t\n", "a list"), ("just some text\n", "text")],
)
def test_top_level_not_a_mapping(check, find, content, kind):
    p = find(check(content), "the top level of a tree file must be a mapping")
    assert (p.severity, p.pos) == (ERROR, Pos(1, 1))
    assert p.message.endswith(f"not {kind}")


MINIMAL_LINES = {
    "format": "format: 1",
    "id": "id: t",
    "title": "title: T",
    "start": "start: o",
    "nodes": "nodes: {o: {outcome: O, explanation: Why.}}",
}


@pytest.mark.parametrize("missing", list(MINIMAL_LINES))
def test_each_required_top_level_key_missing(check, find, missing):
    text = "".join(line + "\n" for key, line in MINIMAL_LINES.items() if key != missing)
    p = find(check(text), "missing the required key")
    assert (p.severity, p.pos) == (ERROR, Pos(1, 1))
    assert p.message == f"the tree is missing the required key '{missing}'"


def test_unknown_key_suggests_the_close_one(check, find):
    problems = check(
        """
        format: 1
        id: t
        title: T
        start: q
        nodes:
          q:
            question: Q?
            anwsers:
              - label: "Yes"
                next: o
          o:
            outcome: O
            explanation: Why.
        """
    )
    p = find(problems, "unknown key 'anwsers'")
    assert (p.severity, p.pos) == (ERROR, Pos(8, 5))
    assert "did you mean 'answers'?" in p.message


def test_unknown_top_level_key_suggests_the_close_one(check, find, clean_tree):
    p = find(check(clean_tree.replace("title:", "sumary: S\ntitle:")), "unknown key 'sumary'")
    assert (p.severity, p.pos) == (ERROR, Pos(3, 1))
    assert "did you mean 'summary'?" in p.message


def test_unknown_key_with_a_line_break_is_reported_on_one_line(check, find, clean_tree):
    # `trainer validate` prints one problem per line for editors; a raw line break splits it.
    p = find(check(clean_tree.replace("title:", '"bad\\nkey": x\ntitle:')), "unknown key")
    assert (p.severity, p.pos) == (ERROR, Pos(3, 1))
    assert "\n" not in str(p)


def test_unsupported_format_number(check, find, clean_tree):
    p = find(check(clean_tree.replace("format: 1", "format: 2")), "unsupported format")
    assert (p.severity, p.pos) == (ERROR, Pos(1, 9))
    assert "'2'" in p.message and "format: 1" in p.message


def test_unsupported_format_quoted_one_says_it_is_quoted(check, find, clean_tree):
    p = find(check(clean_tree.replace("format: 1", 'format: "1"')), "'format'")
    assert (p.severity, p.pos) == (ERROR, Pos(1, 9))
    # The author must be told that the quotes are the problem, not that format 1 is unsupported.
    assert "without quotes" in p.message and "unsupported" not in p.message


def test_format_missing(check, find, clean_tree):
    p = find(check(clean_tree.replace("format: 1\n", "")), "missing the required key 'format'")
    assert (p.severity, p.pos) == (ERROR, Pos(1, 1))


# --- ids --------------------------------------------------------------------------------------


def test_bad_tree_id(check, find, clean_tree):
    p = find(check(clean_tree.replace("id: clean", "id: Edge_Resilience")), "tree id 'Edge_Resilience'")
    assert (p.severity, p.pos) == (ERROR, Pos(2, 5))
    assert "lowercase letters, digits and hyphens" in p.message


def test_bad_node_id(check, find):
    problems = check(
        """
        format: 1
        id: t
        title: T
        start: Big Node
        nodes:
          Big Node:
            outcome: O
            explanation: Why.
        """
    )
    p = find(problems, "node id 'Big Node'")
    assert (p.severity, p.pos) == (ERROR, Pos(6, 3))
    assert "is not a valid id" in p.message and "lowercase letters" in p.message


# --- duplicate keys ---------------------------------------------------------------------------


def test_duplicate_top_level_key_points_at_the_second(check, find, clean_tree):
    p = find(check(clean_tree.replace("title:", "id: other\ntitle:")), "duplicate key 'id'")
    assert (p.severity, p.pos) == (ERROR, Pos(3, 1))
    assert "first at line 2" in p.message and "remove or rename" in p.message


def test_duplicate_key_inside_a_node_points_at_the_second(check, find):
    problems = check(
        """
        format: 1
        id: t
        title: T
        start: o
        nodes:
          o:
            outcome: O
            explanation: First.
            explanation: Second.
        """
    )
    p = find(problems, "duplicate key 'explanation'")
    assert (p.severity, p.pos) == (ERROR, Pos(9, 5))
    assert "first at line 8" in p.message


def test_duplicate_node_id_points_at_the_second(check, find):
    problems = check(
        """
        format: 1
        id: t
        title: T
        start: o
        nodes:
          o:
            outcome: O
            explanation: Why.
          o:
            outcome: P
            explanation: Why.
        """
    )
    p = find(problems, "duplicate key 'o'")
    assert (p.severity, p.pos) == (ERROR, Pos(9, 3))
    assert "first at line 6" in p.message


# --- nodes ------------------------------------------------------------------------------------


def test_node_both_question_and_outcome(check, find):
    problems = check(
        """
        format: 1
        id: t
        title: T
        start: q
        nodes:
          q:
            question: Q?
            outcome: O
        """
    )
    p = find(problems, "is both a question and an outcome")
    assert (p.severity, p.pos) == (ERROR, Pos(7, 5))
    assert "node 'q'" in p.message and "keep either" in p.message


def test_node_neither_question_nor_outcome(check, find):
    problems = check(
        """
        format: 1
        id: t
        title: T
        start: q
        nodes:
          q:
            help: Just a hint.
        """
    )
    p = find(problems, "is neither a question nor an outcome")
    assert (p.severity, p.pos) == (ERROR, Pos(7, 5))
    assert "give it 'question' and 'answers', or 'outcome'" in p.message


def test_question_with_an_empty_answer_list(check, find):
    problems = check(
        """
        format: 1
        id: t
        title: T
        start: q
        nodes:
          q:
            question: Q?
            answers: []
        """
    )
    p = find(problems, "has no answers")
    assert (p.severity, p.pos) == (ERROR, Pos(8, 14))
    assert "give it at least one" in p.message


QUESTION_TWO_YES = """
format: 1
id: t
title: T
start: q
nodes:
  q:
    question: Q?
    answers:
      - label: "Yes"
        next: o
      - label: "Yes"
        next: o
      - label: Maybe
  o:
    outcome: O
    explanation: Why.
"""


def test_duplicate_labels_in_a_node(check, find):
    p = find(check(QUESTION_TWO_YES), "duplicate answer label 'Yes'")
    assert (p.severity, p.pos) == (ERROR, Pos(11, 16))
    assert "first at line 9" in p.message and "labels must differ" in p.message


def test_answer_without_next(check, find):
    p = find(check(QUESTION_TWO_YES), "has no 'next'")
    assert (p.severity, p.pos) == (ERROR, Pos(13, 9))
    assert "answer 'Maybe'" in p.message and "say which node it leads to" in p.message


# --- references -------------------------------------------------------------------------------

REFERENCES = """
format: 1
id: t
title: T
start: nowhere
nodes:
  q:
    question: Q?
    answers:
      - label: "Yes"
        next: cloudfront
      - label: "No"
        next: aurora
  aurora:
    outcome: Aurora
    explanation: Why.
scenarios:
  - prompt: P
    expect: shield
  - prompt: P
    expect: q
"""


def test_dangling_start_lists_the_nodes(check, find):
    p = find(check(REFERENCES), "'start: nowhere'")
    assert (p.severity, p.pos) == (ERROR, Pos(4, 8))
    assert p.message == "'start: nowhere' names no node; nodes are: aurora, q"


def test_dangling_next_lists_the_nodes(check, find):
    p = find(check(REFERENCES), "'next: cloudfront'")
    assert (p.severity, p.pos) == (ERROR, Pos(10, 15))
    assert p.message == "'next: cloudfront' names no node; nodes are: aurora, q"


def test_dangling_expect_lists_the_nodes(check, find):
    p = find(check(REFERENCES), "'expect: shield'")
    assert (p.severity, p.pos) == (ERROR, Pos(18, 13))
    assert p.message == "'expect: shield' names no node; nodes are: aurora, q"


def test_scenario_expecting_a_question(check, find):
    p = find(check(REFERENCES), "which is a question")
    assert (p.severity, p.pos) == (ERROR, Pos(20, 13))
    assert "'expect' must name an outcome" in p.message


def test_cycle_names_the_nodes_on_it(check, find):
    problems = check(
        """
        format: 1
        id: t
        title: T
        start: a
        nodes:
          a:
            question: A?
            answers:
              - label: "Yes"
                next: b
          b:
            question: B?
            answers:
              - label: Back
                next: a
              - label: "No"
                next: o
          o:
            outcome: O
            explanation: Why.
        """
    )
    p = find(problems, "cycle")
    assert (p.severity, p.pos) == (ERROR, Pos(15, 15))
    assert "a -> b -> a" in p.message and "must not lead back" in p.message


def test_an_answer_leading_to_its_own_question_is_a_cycle(check, find):
    problems = check(
        """
        format: 1
        id: t
        title: T
        start: a
        nodes:
          a:
            question: A?
            answers:
              - label: Again
                next: a
        """
    )
    p = find(problems, "cycle")
    assert (p.severity, p.pos) == (ERROR, Pos(10, 15))
    assert "a -> a" in p.message


# --- links ------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["file:///etc/passwd", "javascript:alert(1)", "../docs/x.html", "//example.com/x"])
def test_link_that_is_not_http(check, find, url):
    problems = check(
        f"""
        format: 1
        id: t
        title: T
        start: o
        nodes:
          o:
            outcome: O
            explanation: Why.
            links:
              - title: Read more
                url: {url}
        """
    )
    p = find(problems, "is not an http:// or https:// address")
    assert (p.severity, p.pos) == (ERROR, Pos(11, 14))
    assert f"'{url}'" in p.message and "only web links are allowed" in p.message


def test_http_and_https_links_are_accepted(check, clean_tree):
    text = clean_tree.replace(
        "    explanation: Because it is clean.\n",
        "    explanation: Because it is clean.\n    links:\n"
        "      - {title: A, url: 'https://aws.amazon.com/cloudfront/'}\n"
        "      - {title: B, url: 'HTTP://example.com'}\n",
    )
    assert check(text) == []


# --- value types ------------------------------------------------------------------------------

TYPES = """
format: 1
id: t
title: T
tags: networking
start: q
nodes:
  q:
    question: [Is, it]
    answers: {label: "Yes", next: o}
  r:
    question: R?
    answers:
      - label: {text: "Yes"}
        next: o
  o:
    outcome: O
    explanation: Why.
"""


@pytest.mark.parametrize(
    ("substring", "pos"),
    [
        ("'question' in question node 'q' must be text, not a list", Pos(8, 15)),
        ("'answers' of node 'q' must be a list (items starting with '- '), not a mapping", Pos(9, 14)),
        ("'tags' must be a list (items starting with '- '), not text", Pos(4, 7)),
        ("'label' in an answer of node 'r' must be text, not a mapping", Pos(13, 16)),
    ],
    ids=["question-list", "answers-mapping", "tags-text", "label-mapping"],
)
def test_value_of_the_wrong_type(check, find, substring, pos):
    p = find(check(TYPES), substring)
    assert (p.severity, p.pos) == (ERROR, pos)


def test_reviewed_not_a_date(check, find, clean_tree):
    p = find(check(clean_tree.replace("start:", "reviewed: 2026-13-01\nstart:")), "'reviewed'")
    assert (p.severity, p.pos) == (ERROR, Pos(4, 11))
    assert "must be a date as YYYY-MM-DD" in p.message and "'2026-13-01'" in p.message


def test_reviewed_as_a_date_is_accepted(check, clean_tree):
    assert check(clean_tree.replace("start:", "reviewed: 2026-11-26\nstart:")) == []


# --- tags (YAML ones) and documents -----------------------------------------------------------


def test_python_tag_is_an_error_and_never_executed(check, find, clean_tree, tmp_path: Path):
    target = tmp_path / "pwned"
    text = clean_tree.replace("title: A clean tree", f"title: !!python/object/apply:builtins.open ['{target}', 'w']")
    p = find(check(text), "explicit tag '!!python/object/apply:builtins.open'")
    assert (p.severity, p.pos) == (ERROR, Pos(3, 8))
    assert "remove the tag" in p.message
    assert not target.exists()


@pytest.mark.parametrize(("value", "tag"), [("!!int 0x", "!!int"), ("!!timestamp ", "!!timestamp")])
def test_explicit_scalar_tags_that_crash_safe_load_are_reported(check, find, clean_tree, value, tag):
    p = find(check(clean_tree.replace("outcome: Good", f"outcome: {value}")), f"explicit tag '{tag}'")
    assert (p.severity, p.pos) == (ERROR, Pos(15, 14))


def test_several_documents_in_one_file(check, find, clean_tree):
    p = find(check(clean_tree + "---\nformat: 1\n"), "a second YAML document")
    assert (p.severity, p.pos) == (ERROR, Pos(25, 1))
    assert "put one tree in each file" in p.message


def test_one_explicit_document_start_is_fine(check, clean_tree):
    assert check("---\n" + clean_tree + "...\n") == []


# --- library ----------------------------------------------------------------------------------


def test_two_files_with_the_same_tree_id_name_both(write_tree, clean_tree, tmp_path: Path):
    first = write_tree(clean_tree, "lib/a.yaml")
    second = write_tree(clean_tree, "lib/b.yml")
    library = load_library([tmp_path / "lib"])
    problems = [p for p in library.problems if "already used" in p.message]
    assert len(problems) == 1
    p = problems[0]
    assert (p.severity, p.pos, p.path) == (ERROR, Pos(2, 5), second)
    assert str(first) in p.message and "rename one of them" in p.message
    assert str(first) in str(p) and str(second) in str(p)
