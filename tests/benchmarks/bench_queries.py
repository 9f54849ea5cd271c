"""Graph queries and layout on large trees, printed beside their targets.

Run: .venv/bin/python tests/benchmarks/bench_queries.py [--sizes 10000,50000] [--repeats 3]
     [--digest FILE]
Not a test: figures vary by machine, so nothing here asserts a time.

Each size is a generated tree (tests/benchmarks/treegen.py), loaded once. Every query of
`trainer.core.graph` that the app makes is timed on it (best of --repeats), and so is
`compute_layout` with sizes from the text lengths, with the edge crossings it leaves. Where the
app keeps a plain walk instead of networkx (the queries of loading, validating and opening a
tree, which must not pay networkx's import, printed first; the layout's integer lists; folding on
the children mapping a drawing holds), the networkx way of the same query is timed beside it, so
the reason can be checked here.

--digest FILE writes a hash of every layout's boxes and edge points: compare two runs' files to
show that a change to the layout code left its output exactly as it was.

Targets: a query the window makes on opening a tree (children, questions ahead) a small part of
the 4 s that issue 3 gives opening a 50,000-node tree; one made on a click (ways to an outcome,
folding, neighbourhood) within a frame of the overview (33 ms); the graph checks
of validation (routes, reachability, cycles) a small part of issue 2's second for loading and
validating a 10,000-node tree (the wording checks, not timed here, take the rest: bench_loading.py
times the whole); the layout's crossings no more than before.
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from treegen import generate_tree_yaml

from trainer.core import graph as g
from trainer.core import validate
from trainer.core.loader import load_tree_text
from trainer.core.model import Tree
from trainer.core.routes import Routes
from trainer.draw.layout import Size, compute_layout, count_crossings, input_from_tree
from trainer.draw.layout.layering import LayeredGraph

OPEN = "< 0.25 s at 50k: a small part of opening a tree (< 4 s, issue 3)"
CLICK = "< 33 ms at 50k: within one frame of the overview (issue 3)"
TARGETS = {
    "graph built (networkx)": "once per tree, cached; first asked by a walk, never by opening",
    "children in answer order": OPEN,
    "questions ahead": OPEN,
    "ways to an outcome": CLICK,
    "  the first in a tree (graph built)": "once per tree: the first outcome a walk reaches",
    "hidden by folding": CLICK,
    "neighbourhood": CLICK,
    "routes (validate)": "validate: < 1 s at 10k with the rest (issue 2)",
    "reachable (validate)": "validate: < 1 s at 10k with the rest (issue 2)",
    "cycles (validate)": "validate: < 1 s at 10k with the rest (issue 2)",
    "layout": "no slower than before",
}


def best_of(repeats: int, func: Callable[[], Any]) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def _deepest_outcome(tree: Tree) -> str:
    """The last outcome generated: breadth-first numbering puts it on the deepest layer."""
    return tree.outcomes[-1].id


def networkx_import() -> float:
    """Seconds a fresh interpreter spends importing networkx, beyond starting up."""
    code = "import time; t = time.perf_counter(); import networkx; print(time.perf_counter() - t)"
    runs = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)]
    runs += [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)]
    return min(runs)


def query_rows(tree: Tree, repeats: int) -> list[tuple[str, float]]:
    import networkx as nx

    outcome = _deepest_outcome(tree)
    children = g.children_of(tree)
    roots = g.roots_of(tree, children)
    collapsed = {q.id for q in tree.questions[1 : len(tree.questions) : 7]}
    middle = tree.questions[len(tree.questions) // 2].id
    rows = [
        ("graph built (networkx)", best_of(repeats, lambda: g.to_digraph(tree))),
        ("children in answer order", best_of(repeats, lambda: g.children_of(tree))),
        ("questions ahead", best_of(repeats, lambda: g.questions_ahead(tree))),
        ("ways to an outcome", best_of(repeats, lambda: g.ways_to(tree, outcome))),
        ("  the first in a tree (graph built)", best_of(repeats, lambda: g.ways_to(replace(tree), outcome))),
        ("hidden by folding", best_of(repeats, lambda: g.hidden_by_collapse(children, roots, collapsed))),
        ("neighbourhood", best_of(repeats, lambda: g.neighbourhood(children, middle))),
        ("routes (validate)", best_of(repeats, lambda: Routes(tree))),
        ("reachable (validate)", best_of(repeats, lambda: g.reachable(tree))),
        ("cycles (validate)", best_of(repeats, lambda: list(validate._cycles(tree)))),
    ]
    digraph = g.to_digraph(tree)
    rows += [
        ("  networkx: DiGraph(children) per call", best_of(repeats, lambda: nx.DiGraph(children))),
        ("  networkx: descendants of the start", best_of(repeats, lambda: nx.descendants(digraph, tree.start))),
        ("  networkx: topological order (routes)", best_of(repeats, lambda: list(nx.topological_sort(digraph)))),
        ("  networkx: layering as the layout does", best_of(repeats, lambda: _networkx_layers(digraph))),
    ]
    return rows


def _networkx_layers(digraph: Any) -> dict[str, int]:
    """The layout's steps 1 and 2 on networkx: a depth-first search setting back edges aside,
    then longest-path layers (trainer.draw.layout.layering does this on integer lists)."""
    import networkx as nx

    back = [(u, v) for u, v, kind in nx.dfs_labeled_edges(digraph) if kind == "nontree"]
    dag = nx.restricted_view(digraph, [], back) if back else digraph
    layer: dict[str, int] = {}
    for node in nx.topological_sort(dag):
        layer[node] = 1 + max((layer[p] for p in dag.predecessors(node)), default=-1)
    return layer


def _size(text: str) -> Size:
    return Size(min(240.0, 40.0 + 6.0 * len(text)), 24.0 + 14.0 * (len(text) // 40))


def layout_rows(tree: Tree, repeats: int) -> tuple[list[tuple[str, float]], int, str]:
    inp = input_from_tree(tree, lambda n: _size(tree.nodes[n].text), _size)
    layout = compute_layout(inp)
    crossings = count_crossings(layout)
    digest = hashlib.sha256()
    for name, box in sorted(layout.nodes.items()):
        digest.update(repr((name, box)).encode())
    for edge in layout.edges:
        digest.update(repr(edge).encode())
    rows = [
        ("layout", best_of(repeats, lambda: compute_layout(inp))),
        ("  of which layering (integer lists)", best_of(repeats, lambda: LayeredGraph(inp))),
        ("crossings counted", best_of(repeats, lambda: count_crossings(layout))),
    ]
    return rows, crossings, digest.hexdigest()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,50000")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--digest", type=Path)
    args = parser.parse_args(argv)
    digests = []
    print(
        f"networkx import in a fresh process: {networkx_import() * 1000:.0f} ms "
        "(paid by the first query that uses it; none on loading, validating or opening a tree)"
    )
    for nodes in (int(s) for s in args.sizes.split(",")):
        tree = load_tree_text(generate_tree_yaml(nodes, args.seed)).tree
        assert tree is not None
        print(f"{nodes:,} nodes (seed {args.seed}), best of {args.repeats}:")
        rows, crossings, digest = layout_rows(tree, args.repeats)
        for name, seconds in query_rows(tree, args.repeats) + rows:
            print(f"  {name:40} {seconds * 1000:9.1f} ms   {TARGETS.get(name, '')}")
        print(f"  {'edge crossings':40} {crossings:9d}      no more than before")
        digests.append(f"{nodes} {digest}")
    if args.digest:
        args.digest.write_text("\n".join(digests) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
