"""What a user feels on a large tree once it is open, in the main window (issue 15, section 1):
typing in Find, switching the layout's direction, folding and unfolding a question, and zoom steps.

Run: .venv/bin/python tests/benchmarks/bench_interaction.py [--sizes 1000,10000,50000]
Not a test: figures vary by machine. Each size runs in a fresh process (Qt offscreen unless
QT_QPA_PLATFORM says otherwise, e.g. xcb under Xvfb). The window opens a folder holding one
generated tree (tests/benchmarks/treegen.py) and waits until the graph has painted it; then:

- Find: the bar opened with Ctrl+F and the text of the node listed last typed one key at a time (QTest key clicks, as a
  keyboard does); each key is timed until the window is idle again. Target: under 16 ms a key.
  Peer: the outline's own search over the same tree (QTreeWidget.findItems, recursive contains).
- Direction, fold, unfold, zoom: the longest gap between two turns of the event loop (a 5 ms
  timer, as bench_responsiveness.py measures opening), from the command until the graph has
  painted the result. Target: no gap over 50 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

RESULT = "BENCH-RESULT "
FIND_TARGET_MS, GAP_TARGET_MS = 16.0, 50.0


def _child(folder: Path) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from bench_responsiveness import GapMeter
    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QTreeWidgetItemIterator

    from trainer.ui.shell.main_window import MainWindow
    from trainer.ui.shell.settings import WindowSettings

    app = QApplication([])
    window = MainWindow([folder], WindowSettings())
    window.resize(1500, 900)
    window.show()

    def wait(predicate: Callable[[], bool], limit_ms: int = 300_000) -> None:
        loop = QEventLoop()
        timer = QTimer()
        timer.setInterval(5)
        timer.timeout.connect(lambda: predicate() and loop.quit())
        timer.start()
        QTimer.singleShot(limit_ms, loop.quit)
        loop.exec()
        if not predicate():
            raise TimeoutError("not done within the time limit")

    def idle() -> None:
        """Until nothing is pending: events, posted deferred work and a few timer turns."""
        for _ in range(3):
            app.processEvents()
            QTest.qWait(1)

    wait(lambda: not window.loading and window.graph.scene.tree is not None and bool(window.graph.scene.layout_result))
    idle()
    scene, view, panel = window.graph.scene, window.graph.view, window.graph
    nodes = len(scene.tree.nodes)
    view.reduced_motion = True  # the figures are the work, not an animation's length
    result: dict[str, float] = {"nodes": nodes}

    # Find, one key at a time: the text of the node listed last (far from the first view, so
    # its item is not made yet), typed from its first letter
    query = scene.tree.nodes[window.outline.order[-1]].text[:24]
    view.setFocus()
    QTest.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    idle()
    per_key = []
    for char in query:
        begin = time.perf_counter()
        QTest.keyClick(panel.find_bar.edit, char)
        app.processEvents()
        per_key.append(time.perf_counter() - begin)
        idle()
    result["find_key_ms"] = max(per_key) * 1000
    result["find_key_median_ms"] = sorted(per_key)[len(per_key) // 2] * 1000
    result["matches"] = len(panel._matches)
    outline = window.outline
    begin = time.perf_counter()
    for length in range(1, len(query) + 1):
        outline.findItems(query[:length], Qt.MatchFlag.MatchContains | Qt.MatchFlag.MatchRecursive)
    result["peer_find_key_ms"] = (time.perf_counter() - begin) / len(query) * 1000
    result["outline_rows"] = sum(1 for _ in _iterate(QTreeWidgetItemIterator(outline)))
    QTest.keyClick(panel.find_bar.edit, Qt.Key.Key_Escape)
    idle()

    def gap_of(action: Callable[[], None], done: Callable[[], bool]) -> float:
        meter = GapMeter()
        meter.start()
        action()
        wait(done)
        idle()
        meter.stop()
        return meter.longest * 1000

    def laid_out_again() -> Callable[[], bool]:
        before = scene.layout_result
        return lambda: scene.layout_result is not before and not getattr(scene, "laying_out", False)

    done = laid_out_again()
    result["direction_gap_ms"] = gap_of(lambda: panel.direction_action.trigger(), done)
    done = laid_out_again()
    result["direction_back_gap_ms"] = gap_of(lambda: panel.direction_action.trigger(), done)
    start = scene.tree.start
    done = laid_out_again()
    result["fold_gap_ms"] = gap_of(lambda: panel._fold(start), done)
    done = laid_out_again()
    result["unfold_gap_ms"] = gap_of(lambda: panel._fold(start), done)
    steps = []
    for step in [view.zoom_out] * 4 + [view.zoom_in] * 4:
        steps.append(gap_of(step, lambda: True))
    result["zoom_gap_ms"] = max(steps)
    print(RESULT + json.dumps(result), flush=True)
    window.close()


def _iterate(iterator):  # type: ignore[no-untyped-def]
    while iterator.value() is not None:
        yield iterator.value()
        iterator += 1


def measure(nodes: int) -> dict[str, float]:
    from treegen import generate_tree_yaml

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "library"
        folder.mkdir()
        (folder / "big.yaml").write_text(generate_tree_yaml(nodes, 1), encoding="utf-8")
        env = {**os.environ, "TRAINER_DATA_DIR": str(Path(tmp) / "data")}
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        code = (
            f"import sys; sys.path.insert(0, {str(HERE)!r}); sys.path.insert(0, {str(HERE.parents[1])!r}); "
            f"import bench_interaction as b; from pathlib import Path; b._child(Path({str(folder)!r}))"
        )
        out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=1800)
        for line in out.stdout.splitlines():
            if line.startswith(RESULT):
                return json.loads(line[len(RESULT) :])
        raise RuntimeError(f"the {nodes}-node run gave no result:\n{out.stderr[-3000:]}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,50000")
    args = parser.parse_args(argv)
    platform = os.environ.get("QT_QPA_PLATFORM", "offscreen")
    print(f"Working on an open tree in the main window ({platform}); ms, the worst of each kind")
    head = f"{'nodes':>7} {'find/key':>9} {'(median)':>9} {'peer/key':>9} {'direction':>10} {'back':>6}"
    print(head + f" {'fold':>6} {'unfold':>7} {'zoom':>6}")
    for size in (int(s) for s in args.sizes.split(",")):
        r = measure(size)
        print(
            f"{int(r['nodes']):>7,} {r['find_key_ms']:>9.1f} {r['find_key_median_ms']:>9.1f} "
            f"{r['peer_find_key_ms']:>9.1f} {r['direction_gap_ms']:>10.0f} {r['direction_back_gap_ms']:>6.0f} "
            f"{r['fold_gap_ms']:>6.0f} {r['unfold_gap_ms']:>7.0f} {r['zoom_gap_ms']:>6.0f}"
        )
    print(
        f"targets (issue 15): find under {FIND_TARGET_MS:.0f} ms a key (peer: the outline's findItems on the "
        f"same tree); direction, fold, unfold and zoom: no event-loop gap over {GAP_TARGET_MS:.0f} ms"
    )


if __name__ == "__main__":
    main()
