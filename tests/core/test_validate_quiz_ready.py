"""Quiz-ready content: scenario routes, traps that read as an answer, look-alike outcomes and
prompts that echo their answers are reported with the line and column to change."""

from __future__ import annotations

from pathlib import Path

from trainer.core.library import read_tree
from trainer.core.problems import Pos, Severity
from trainer.core.tree_cache import TreeCache

ERROR, WARNING = Severity.ERROR, Severity.WARNING

TREE = """
format: 1
id: edge
title: Edge
start: protocol
nodes:
  protocol:
    question: Is the traffic HTTP or HTTPS?
    answers:
      - label: "Yes"
        next: static-ips
      - label: "No: UDP game traffic"
        next: accelerator
  static-ips:
    question: Must clients use fixed IP addresses?
    answers:
      - label: "Yes"
        next: accelerator
      - label: "No"
        next: cdn
  accelerator:
    outcome: AWS Global Accelerator
    explanation: Static anycast IP addresses.
    not:
      - option: Amazon CloudFront
        is: cdn
        why: It caches HTTP only.
  cdn:
    outcome: Amazon CloudFront distribution
    explanation: Caches HTTP.
    not:
      - option: A second Region behind Route 53 latency records
        why: Moves nothing closer to viewers.
scenarios:
  - prompt: A multiplayer game exchanges datagrams with players worldwide.
    expect: accelerator
    route: [protocol]
  - prompt: Course videos load slowly for viewers far from the only Region.
    expect: cdn
"""


def test_a_tree_whose_scenarios_name_their_routes_is_clean(check):
    assert check(TREE) == []


def test_a_scenario_that_leaves_its_route_open_is_a_warning_at_its_expect(check, find):
    p = find(check(TREE.replace("    route: [protocol]\n", "")), "more than one route")
    assert (p.severity, p.pos) == (WARNING, Pos(35, 13))
    assert "outcome 'accelerator'" in p.message and "'route:'" in p.message and "from 'protocol'" in p.message


def test_a_route_that_does_not_start_at_the_start_is_a_warning(check, find):
    p = find(check(TREE.replace("route: [protocol]", "route: [static-ips]")), "route starts at")
    assert (p.severity, p.pos) == (WARNING, Pos(36, 12))
    assert "'static-ips'" in p.message and "the tree's start, 'protocol'" in p.message


def test_a_route_with_a_step_no_answer_takes_is_a_warning(check, find):
    p = find(
        check(TREE.replace("expect: cdn", "expect: cdn\n    route: [protocol, static-ips, protocol]")), "no answer of"
    )
    assert p.severity == WARNING and "from 'static-ips' to 'protocol'" in p.message
    p = find(check(TREE.replace("route: [protocol]", "route: [protocol, static-ips, cdn]")), "is an outcome")
    assert p.severity == WARNING and "'cdn'" in p.message
    p = find(check(TREE.replace("route: [protocol]", "route: [protocol, nowhere]")), "names no node")
    assert p.severity == WARNING and "'nowhere'" in p.message


def test_a_route_that_is_not_a_list_of_ids_is_located(check, find):
    p = find(check(TREE.replace("route: [protocol]", "route: [Protocol]")), "not a valid id")
    assert (p.severity, p.pos) == (ERROR, Pos(36, 13))
    p = find(check(TREE.replace("route: [protocol]", "route: protocol")), "must be a list")
    assert p.severity == ERROR


def test_a_trap_that_reads_as_another_outcome_is_a_warning_naming_it(check, find):
    p = find(check(TREE.replace("        is: cdn\n", "")), "reads as the answer of outcome")
    assert (p.severity, p.pos) == (WARNING, Pos(24, 9))
    assert "'Amazon CloudFront'" in p.message and "'cdn'" in p.message and "'is: cdn'" in p.message


def test_a_trap_that_reads_as_its_own_outcome_is_a_warning(check, find):
    text = TREE.replace("- option: A second Region behind Route 53 latency records", "- option: CloudFront")
    p = find(check(text), "its own outcome")
    assert (p.severity, p.pos) == (WARNING, Pos(31, 9)) and "'cdn'" in p.message


def test_is_must_name_another_outcome(check, find):
    p = find(check(TREE.replace("is: cdn", "is: accelerator")), "its own outcome")
    assert (p.severity, p.pos) == (WARNING, Pos(25, 13))
    p = find(check(TREE.replace("is: cdn", "is: protocol")), "names a question")
    assert p.severity == WARNING
    p = find(check(TREE.replace("is: cdn", "is: cdnn")), "names no node")
    assert p.severity == WARNING


def test_two_outcomes_one_within_the_other_is_a_warning(check, find):
    text = TREE.replace("outcome: AWS Global Accelerator", "outcome: Amazon CloudFront distribution with origin groups")
    p = find(check(text), "name the same thing")
    assert p.severity == WARNING and "'accelerator'" in p.message and "'cdn'" in p.message


def test_outcomes_that_differ_by_the_word_the_question_weighs_are_fine(check):
    text = (
        TREE.replace("outcome: AWS Global Accelerator", "outcome: Direct Connect with a public VIF")
        .replace("outcome: Amazon CloudFront distribution", "outcome: Direct Connect with a private VIF")
        .replace("option: Amazon CloudFront", "option: Its own private VIF")
    )
    assert not [p for p in check(text) if "same thing" in p.message]


def test_a_prompt_that_copies_three_words_of_a_label_on_its_route_is_a_warning(check, find):
    text = TREE.replace("exchanges datagrams with players", "sends UDP game traffic to players")
    p = find(check(text), "copies")
    assert (p.severity, p.pos) == (WARNING, Pos(34, 5))
    assert "'udp game traffic'" in p.message and "answer labels on its route" in p.message


def test_a_prompt_that_copies_its_outcome_is_a_warning(check, find):
    p = find(check(TREE.replace("Course videos load slowly", "An Amazon CloudFront distribution is slow")), "copies")
    assert "'amazon cloudfront distribution'" in p.message and "its outcome" in p.message


def test_filler_words_alone_copy_nothing(check):
    text = TREE.replace("No: UDP game traffic", "No: and of the").replace("with players", "and of the players")
    assert not [p for p in check(text) if "copies" in p.message]


def test_routes_and_traps_standing_for_outcomes_survive_the_cache(write_tree, tmp_path: Path):

    path = write_tree(TREE)
    cache = TreeCache(tmp_path / "cache", min_bytes=0)
    fresh = read_tree(path, cache)
    again = read_tree(path, cache)
    assert again.tree == fresh.tree and again.tree is not fresh.tree
    assert again.tree.scenarios[0].route == ("protocol",)
    assert again.tree.nodes["accelerator"].traps[0].stands_for == "cdn"
