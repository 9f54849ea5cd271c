"""Limits on what one file may expand to (issue 15), each refused with a message naming it:
- aliases repeating one large text: a valid 488 KB tree exported to 400 MB of Markdown, 400 MB
  of Anki cards and 417 MB of HTML; aliases now may add at most twice the file's own characters
  of text (at least 100,000), so every export stays a few times the text the loader accepted;
- a Markdown text is capped at 10,000 characters (80 KB of `*a` froze the view for 23 s);
- a very large tree with no alias at all was refused as "an alias bomb?"; it now hears the real
  limit, and only a file that aliases made too large is told about aliases."""

from __future__ import annotations

from trainer.core.library import read_tree
from trainer.core.loader import MAX_MARKDOWN_CHARS, load_tree_text
from trainer.core.problems import Pos, Severity
from trainer.core.yamldoc import ALIAS_TEXT_FLOOR, ALIAS_TEXT_TIMES, MAX_EXPANDED_NODES
from trainer.interop.export import export_text
from trainer.interop.html import page_data


def shared_text_tree(outcomes: int, length: int, field: str = "explanation") -> str:
    """One question leading to `outcomes` outcomes whose explanations (or another `field`) are
    one text of `length` characters, written once (`&why`) and aliased (`*why`) by the others."""
    lines = ["format: 1", "id: shared", "title: Shared text", "start: q", "nodes:", "  q:", "    question: Which?"]
    lines.append("    answers:")
    for i in range(outcomes):
        lines += [f"      - label: option {i}", f"        next: o{i}"]
    words = ("because the requirement holds " * (length // 30 + 1))[:length].strip()
    for i in range(outcomes):
        shared = f"&why {words}" if i == 0 else "*why"
        fields = {"outcome": f"Outcome {i}", "explanation": "Because."} | {field: shared}
        lines += [f"  o{i}:", f"    outcome: {fields['outcome']}", f"    explanation: {fields['explanation']}"]
    lines.append("scenarios:")
    lines += [f"  - prompt: Case {i}\n    expect: o{i}" for i in range(outcomes)]
    return "\n".join(lines) + "\n"


def test_aliases_repeating_a_large_text_are_refused_at_the_alias_naming_the_limit():
    # the shape: ~480 KB of text written once and aliased 800 times (400 MB exported)
    text = shared_text_tree(800, 480_000)
    result = load_tree_text(text)
    assert result.tree is None
    (problem,) = result.problems
    allowed = ALIAS_TEXT_TIMES * len(text)
    assert problem.severity is Severity.ERROR
    assert f"aliases repeat more than {allowed:,} characters of text" in problem.message
    assert f"at most {ALIAS_TEXT_TIMES} times the file's own size" in problem.message and "refusing" in problem.message
    # the third alias crosses 2x the file: it is the one pointed at
    line = text.splitlines()[problem.pos.line - 1]
    assert line.endswith("explanation: *why") and "o3:" in text.splitlines()[problem.pos.line - 3]
    assert line[problem.pos.column - 1 :] == "*why"


def test_aliases_within_the_floor_load_and_exports_stay_a_few_times_the_accepted_text():
    # a 1,000-character text shared by 60 outcomes: 59,000 characters of copies, under the floor
    text = shared_text_tree(60, 1_000)
    result = load_tree_text(text)
    assert result.problems == [] and result.tree is not None
    accepted = len(text) + max(ALIAS_TEXT_FLOOR, ALIAS_TEXT_TIMES * len(text))
    for fmt in ("md", "anki", "dot", "mermaid"):
        assert len(export_text(result.tree, fmt)) < 3 * accepted, fmt
    assert len(str(page_data(result.tree))) < 3 * accepted


def test_a_large_file_may_alias_twice_its_own_size():
    # outcome texts: an explanation may not hold 200,000 characters (MAX_MARKDOWN_CHARS)
    text = shared_text_tree(3, 200_000, "outcome")  # 400,000 characters of copies, the file ~200,000
    assert load_tree_text(text).problems == []
    refused = load_tree_text(shared_text_tree(4, 200_000, "outcome")).problems
    assert [p.pos.line for p in refused] and "aliases repeat more than" in refused[0].message


def test_a_huge_file_with_no_alias_is_told_the_real_limit_not_called_a_bomb(write_tree):
    text = "nodes: [" + "x, " * (MAX_EXPANDED_NODES + 1) + "]\n"
    (problem,) = read_tree(write_tree(text)).problems
    assert problem.message.startswith(f"the file holds more than {MAX_EXPANDED_NODES:,} values")
    assert "the most one tree may hold" in problem.message
    assert "alias" not in problem.message
    assert problem.pos.line == 1


def test_a_file_that_aliases_made_too_large_is_told_about_aliases():
    # empty lists: no text, so the values limit is the one crossed
    text = "a: &a [" + ", ".join(["[]"] * 10_000) + "]\nb: [" + ", ".join(["*a"] * 250) + "]\n"
    (problem,) = load_tree_text(text).problems
    assert "aliases expand the file to more than 2,000,000 values" in problem.message
    assert "copies made by aliases: an alias bomb?" in problem.message
    # 10,005 values before the aliases, 10,001 each: the 199th alias (column 5 + 4 * 198) crosses 2,000,000
    assert problem.pos == Pos(2, 5 + 4 * 198)


def markdown_tree(explanation: str) -> str:
    return (
        shared_text_tree(2, 10)
        .replace("explanation: &why", f"explanation: {explanation} #")
        .replace("explanation: *why", "explanation: Because.")
    )


def test_a_markdown_text_past_the_cap_is_refused_where_it_is():
    # 80 KB of "*a" made Qt's Markdown view take 23 s on the GUI thread
    text = markdown_tree('"' + "*a" * 40_000 + '"')
    result = load_tree_text(text)
    (problem,) = result.problems
    assert problem.severity is Severity.ERROR
    assert problem.message == (
        "'explanation' in node 'o0' is 80,000 characters long; a Markdown text may hold at most "
        f"{MAX_MARKDOWN_CHARS:,}: shorten it, or link to the longer text"
    )
    line = text.splitlines()[problem.pos.line - 1]
    assert line[problem.pos.column - 1 :].startswith('"*a*a')


def test_a_markdown_text_at_the_cap_loads():
    result = load_tree_text(markdown_tree('"' + "*a" * (MAX_MARKDOWN_CHARS // 2) + '"'))
    assert result.problems == []
