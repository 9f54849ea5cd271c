"""The window never freezes while a 10,000-node tree loads (issue 7, section 3, which asks for
exactly this test: "a timer that measures the longest gap between event-loop turns while a
10,000-node tree loads").

Speed belongs in benchmarks, not in timed assertions, and this is the one exception the issue
asks for; so its bound is generous: 250 ms, several times the longest gap the app as built
leaves and far below what the same work done on the GUI thread freezes the window for
(tests/benchmarks/bench_responsiveness.py prints the figures: the longest and the
99th-percentile gap, the load time, and the synchronous reference). A failure
means some long step is back on the GUI thread (or holds the GIL), not that the machine is slow.
"""

from __future__ import annotations

import sys
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

from bench_responsiveness import open_and_measure
from treegen import generate_tree_yaml

NODES = 10_000
LONGEST_GAP = 0.250  # seconds; see the module's docstring


def test_the_window_never_freezes_while_a_10000_node_tree_loads(qtbot, make_window, tmp_path) -> None:
    folder, empty = tmp_path / "large", tmp_path / "empty"
    folder.mkdir()
    empty.mkdir()
    (folder / "big.yaml").write_text(generate_tree_yaml(NODES, 1), encoding="utf-8")
    window = make_window([empty])
    window.graph.view.reduced_motion = True

    figures = open_and_measure(window, folder, lambda done: qtbot.waitUntil(done, timeout=60_000))

    print(
        f"longest gap {figures['longest'] * 1000:.0f} ms, 99th percentile {figures['p99'] * 1000:.0f} ms, "
        f"loaded and painted in {figures['load']:.2f} s ({figures['ticks']} timer ticks)"
    )
    tree = window.graph.scene.tree
    assert tree is not None and len(tree.nodes) == NODES and window.study.entry.tree is tree
    assert figures["ticks"] > 20  # the timer ran all along: the event loop turned throughout
    assert figures["longest"] < LONGEST_GAP
