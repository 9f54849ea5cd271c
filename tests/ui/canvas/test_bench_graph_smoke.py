"""Smoke test of the graph benchmark (tests/benchmarks/bench_graph.py): it runs on a small tree
and gives well-formed numbers. No timing is asserted: the figures depend on the machine."""

from __future__ import annotations

import math
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from trainer.core.library import read_tree
from trainer.draw.layout import Size, compute_layout, count_crossings, input_from_tree
from trainer.interop.text import to_dot

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import bench_graph
from treegen import generate_tree_yaml

NODES = 200
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot is not installed")


def _write(tmp_path: Path, nodes: int = NODES, seed: int = 7) -> Path:
    path = tmp_path / "generated.yaml"
    path.write_text(generate_tree_yaml(nodes, seed), encoding="utf-8")
    return path


def test_generated_tree_validates_with_no_problems(tmp_path: Path) -> None:
    entry = read_tree(_write(tmp_path))
    assert entry.usable and entry.problems == []
    tree = entry.tree
    assert tree is not None and len(tree.nodes) == NODES
    assert generate_tree_yaml(NODES, 7) == generate_tree_yaml(NODES, 7)
    assert generate_tree_yaml(NODES, 7) != generate_tree_yaml(NODES, 8)
    assert all(2 <= len(q.answers) <= 4 for q in tree.questions)
    parents: dict[str, int] = {}
    for question in tree.questions:
        for answer in question.answers:
            parents[answer.next] = parents.get(answer.next, 0) + 1
    assert any(count > 1 for count in parents.values()), "no shared node"


def test_crossing_counter_agrees_with_count_crossings(tmp_path: Path) -> None:
    tree = read_tree(_write(tmp_path)).tree
    assert tree is not None
    inp = input_from_tree(
        tree,
        lambda n: Size(120 + len(tree.nodes[n].text), 30 + len(tree.nodes[n].text) // 4),
        lambda text: Size(6 * len(text), 14),
    )
    layout = compute_layout(inp)
    ours = bench_graph.count_polyline_crossings((e.source, e.target, e.points) for e in layout.edges)
    assert ours == count_crossings(layout)
    # an X between two unrelated edges counts once; edges sharing a node never count
    assert bench_graph.count_polyline_crossings([("a", "b", [(0, 0), (10, 10)]), ("c", "d", [(0, 10), (10, 0)])]) == 1
    assert bench_graph.count_polyline_crossings([("a", "b", [(0, 0), (10, 10)]), ("a", "d", [(0, 10), (10, 0)])]) == 0


def test_plain_parser_reads_quoted_names_and_labels() -> None:
    plain = (
        "graph 1 2 2\n"
        'node "q-1" 0.5 1.5 1 0.5 "A \\"quoted\\"\\nlabel" rounded box black lightgrey\n'
        "node q2 1.5 1.5 1 0.5 Q2 rounded box black lightgrey\n"
        "node o3 0.5 0.5 1 0.5 O3 rounded box black lightgrey\n"
        "node o4 1.5 0.5 1 0.5 O4 rounded box black lightgrey\n"
        'edge "q-1" o4 4 0.5 1.25 0.8 1.0 1.2 0.9 1.5 0.75 "Yes / No" 1 1 solid black\n'
        "edge q2 o3 4 1.5 1.25 1.2 1.0 0.8 0.9 0.5 0.75 solid black\n"
        "stop\n"
    )
    graph = bench_graph.parse_plain(plain)
    assert set(graph.nodes) == {"q-1", "q2", "o3", "o4"}
    assert [(s, t, len(p)) for s, t, p in graph.edges] == [("q-1", "o4", 4), ("q2", "o3", 4)]
    crossings = bench_graph.dot_crossings(plain)
    assert isinstance(crossings, int) and crossings == 1


@needs_dot
def test_dot_crossings_of_real_dot_output(tmp_path: Path) -> None:
    tree = read_tree(_write(tmp_path)).tree
    assert tree is not None
    dot_file = tmp_path / "generated.dot"
    dot_file.write_text(to_dot(tree), encoding="utf-8")
    run = bench_graph.run_dot(dot_file, repeats=1, timeout=60)
    assert run.error is None and not run.timed_out and len(run.times) == 1 and run.plain
    graph = bench_graph.parse_plain(run.plain)
    assert set(graph.nodes) == set(tree.nodes)
    edges = {(q.id, a.next) for q in tree.questions for a in q.answers}
    assert {(s, t) for s, t, _ in graph.edges} == edges
    crossings = bench_graph.dot_crossings(run.plain)
    assert isinstance(crossings, int) and crossings >= 0


def test_benchmark_row_for_a_small_tree(tmp_path: Path) -> None:
    row = bench_graph.run_size(
        NODES, repeats=1, use_dot=shutil.which("dot") is not None, dot_timeout=60, folder=tmp_path
    )
    assert row.errors == []
    for value in (row.layout, row.open, row.reopen, row.fit, row.zoom100, row.pan, row.peak):
        assert isinstance(value, float) and math.isfinite(value) and value > 0
    assert isinstance(row.crossings, int) and row.crossings >= 0
    if shutil.which("dot"):
        assert isinstance(row.dot, float) and isinstance(row.dot_crossings, int) and row.ratio is not None
    cells = bench_graph.format_row(row).split(" | ")
    assert len(cells) == len(bench_graph.COLUMNS) == 12
    assert cells[0].strip() == "200" and "n/a" not in cells[1] and "n/a" not in cells[6] and "n/a" not in cells[7]
    assert bench_graph.detail_line(row).startswith("  200: open = ")
    assert "none in the issue" in bench_graph.target_line(row)


def test_benchmark_script_prints_its_table(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(BENCHMARKS / "bench_graph.py"), "--sizes", "60", "--repeats", "1", "--no-dot"],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    header = next(i for i, line in enumerate(lines) if line.lstrip().startswith("nodes |"))
    assert lines[header + 2].split(" | ")[0].strip() == "60"
    assert "References:" in result.stdout and "ERROR" not in result.stdout


def test_dot_crossings_count_an_edge_drawn_across_an_arrowhead() -> None:
    # a→b stops at y=1 where its arrowhead starts; the arrow runs on to b's top at y=1.5, and
    # c→d passes at y=1.4: across the arrowhead, which is a crossing on the page.
    plain = "\n".join(
        [
            "graph 1 3 3",
            "node a 0 0 0.5 0.5 a solid box black lightgrey",
            "node b 0 2 1 1 b solid box black lightgrey",
            "node c -1 1.4 0.1 0.1 c solid box black lightgrey",
            "node d 1 1.4 0.1 0.1 d solid box black lightgrey",
            "edge a b 2 0 0.25 0 1 solid black",
            "edge c d 2 -0.9 1.4 0.9 1.4 solid black",
            "stop",
        ]
    )
    assert bench_graph._arrow_tip([(0, 0.25), (0, 1)], (0, 2, 1, 1)) == (0, 1.5)
    assert bench_graph.dot_crossings(plain) == 1
    assert (
        bench_graph.dot_crossings(
            plain.replace("c -1 1.4", "c -1 0.9")
            .replace("d 1 1.4", "d 1 0.9")
            .replace("-0.9 1.4 0.9 1.4", "-0.9 0.9 0.9 0.9")
        )
        == 1
    )
    assert (
        bench_graph.dot_crossings(
            plain.replace("0 0.25 0 1 solid", "0 0.25 0 0.5 solid").replace("node b 0 2 1 1", "node b 0 1.3 1 1")
        )
        == 0
    )


@pytest.mark.parametrize(
    "path", sorted((Path(__file__).resolve().parents[3] / "trees").glob("*.yaml")), ids=lambda p: p.stem
)
def test_bundled_trees_have_no_more_crossings_than_dot(qapp, path: Path) -> None:  # type: ignore[no-untyped-def]
    from trainer.ui.canvas.scene import GraphScene

    tree = read_tree(path).tree
    scene = GraphScene()
    scene.set_tree(tree)  # sizes measured with the real font, as on screen
    plain = subprocess.run(["dot", "-Tplain"], input=to_dot(tree), capture_output=True, text=True, check=True).stdout
    assert count_crossings(scene.layout_result) <= bench_graph.dot_crossings(plain)
