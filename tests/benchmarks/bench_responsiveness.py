"""How long the window freezes while it opens a 10,000-node tree, beside the same work done all
on the GUI thread (issue 7, section 3: "the window never freezes for more than a fraction of a
second").

Run: .venv/bin/python tests/benchmarks/bench_responsiveness.py [--nodes 10000] [--repeats 3]
Not a test: figures vary by machine. tests/ui/shell/test_responsiveness.py runs the same measurement
once and holds it to one generous bound.

Each run is a fresh process (Qt offscreen). The main window opens on an empty folder; File >
Open Folder is then pointed at a folder holding one generated tree (tests/benchmarks/treegen.py),
which the window reads, selects and draws. A 5 ms QTimer records every gap between two of its
timeouts, from the menu command until the graph has painted the new tree; "load" is that whole
time. Two cases: "first open" (no cached copy: parsed, validated and cached) and "reopen" (read
back from the cache of checked trees, as every later start is). Each case runs as shipped
("background": reading and preparing in worker threads, the outline made in slices) and with the
thresholds raised so that everything runs on the GUI thread ("synchronous": the reference, the
app as it was before).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
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
TICK_MS = 5


class GapMeter:
    """The gaps between turns of the event loop, seen by a timer firing every TICK_MS."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.gaps: list[float] = []
        self._last = 0.0
        self._timer = QTimer()
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self.gaps = []
        self._last = time.perf_counter()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self._tick()  # the gap up to now counts too

    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps.append(now - self._last)
        self._last = now

    @property
    def longest(self) -> float:
        return max(self.gaps, default=0.0)

    def percentile(self, share: float) -> float:
        ordered = sorted(self.gaps)
        return ordered[min(int(len(ordered) * share), len(ordered) - 1)] if ordered else 0.0


def open_and_measure(window, folder: Path, wait: Callable[[Callable[[], bool]], None]) -> dict[str, float]:
    """File > Open Folder on `folder` (the dialog answered with it), measured until the graph
    has painted the tree that folder holds. `wait(predicate)` runs the event loop until true."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QFileDialog

    painted: list[float] = []

    class PaintSpy(QObject):
        def eventFilter(self, _obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and window.graph.scene.tree is not None:
                painted.append(time.perf_counter())
            return False

    spy = PaintSpy()
    window.graph.view.viewport().installEventFilter(spy)
    ask = QFileDialog.getExistingDirectory
    QFileDialog.getExistingDirectory = staticmethod(lambda *_args, **_kwargs: str(folder))  # the user picks it
    meter = GapMeter()
    try:
        meter.start()
        begin = time.perf_counter()
        _trigger(window, "Open &Folder…")
        wait(
            lambda: (
                bool(painted)
                and not window.loading
                and window.graph.scene.tree is not None
                and window.graph.scene.tree.path is not None
                and window.graph.scene.tree.path.parent == folder
            )
        )
        meter.stop()
    finally:
        QFileDialog.getExistingDirectory = ask
        window.graph.view.viewport().removeEventFilter(spy)
    return {
        "longest": meter.longest,
        "p99": meter.percentile(0.99),
        "load": painted[-1] - begin,
        "ticks": len(meter.gaps),
    }


def _trigger(window, text: str) -> None:
    """Choose a File menu command, as a click on it does."""
    action = next(a for a in window.menus["file"].actions() if a.text() == text)
    action.trigger()


def _child(case: str, mode: str, folder: Path, empty: Path) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    if mode == "synchronous":
        import trainer.ui.shell.library_loader as library_loader
        import trainer.ui.shell.tree_opener as tree_opener

        library_loader.INLINE_BYTES = 10**12
        tree_opener.INLINE_NODES = 10**9
    from trainer.ui.shell.main_window import MainWindow
    from trainer.ui.shell.settings import WindowSettings

    window = MainWindow([empty], WindowSettings())
    window.show()
    app.processEvents()

    def wait(predicate: Callable[[], bool]) -> None:
        loop = QEventLoop()
        timer = QTimer()
        timer.setInterval(5)
        timer.timeout.connect(lambda: predicate() and loop.quit())
        timer.start()
        deadline = QTimer()
        deadline.setSingleShot(True)
        deadline.timeout.connect(loop.quit)
        deadline.start(120_000)
        loop.exec()
        if not predicate():
            raise TimeoutError("the tree was not shown within two minutes")

    result = open_and_measure(window, folder, wait)
    print(RESULT + json.dumps({"case": case, "mode": mode, **result}), flush=True)
    window.close()


def measure(nodes: int, repeats: int) -> list[dict[str, object]]:
    from treegen import generate_tree_yaml

    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        folder, empty = base / "library", base / "empty"
        folder.mkdir()
        empty.mkdir()
        (folder / "big.yaml").write_text(generate_tree_yaml(nodes, 1), encoding="utf-8")
        for mode in ("background", "synchronous"):
            for case in ("first open", "reopen"):
                runs = []
                for repeat in range(repeats):
                    data = base / f"data-{mode}-{repeat}"  # a fresh user folder: an empty cache of checked trees
                    if case == "reopen":
                        data = base / f"data-{mode}-warm"
                        if not data.exists():
                            _run_child("first open", mode, folder, empty, data)  # fills the cache
                    runs.append(_run_child(case, mode, folder, empty, data))
                rows.append(
                    {
                        "case": case,
                        "mode": mode,
                        **{key: statistics.median(r[key] for r in runs) for key in ("longest", "p99", "load")},
                    }
                )
    return rows


def _run_child(case: str, mode: str, folder: Path, empty: Path, data: Path) -> dict[str, float]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TRAINER_DATA_DIR": str(data)}
    code = (
        f"import sys; sys.path.insert(0, {str(HERE)!r}); import bench_responsiveness as b; "
        f"from pathlib import Path; b._child({case!r}, {mode!r}, Path({str(folder)!r}), Path({str(empty)!r}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=600, check=False
    )
    for line in out.stdout.splitlines():
        if line.startswith(RESULT):
            return json.loads(line[len(RESULT) :])
    raise RuntimeError(f"the {mode} {case} run gave no result:\n{out.stderr[-2000:]}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    rows = measure(args.nodes, args.repeats)
    print(
        f"Opening a {args.nodes:,}-node tree (File > Open Folder until the graph has painted it); "
        f"medians of {args.repeats} runs, each in a fresh process"
    )
    print(f"{'case':12} {'mode':12} {'longest gap':>12} {'99th pct gap':>13} {'load':>8}")
    for row in rows:
        print(
            f"{row['case']:12} {row['mode']:12} {row['longest'] * 1000:10.0f} ms {row['p99'] * 1000:10.0f} ms "
            f"{row['load']:7.2f} s"
        )
    print(
        "goal (issue 7): the window never freezes for more than a fraction of a second (aim: longest gap < 100-200 ms)"
    )


if __name__ == "__main__":
    main()
