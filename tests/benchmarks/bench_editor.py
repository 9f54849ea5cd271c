"""The tree editor on a large tree (issue 15, section 1): how long File > Edit Tree takes to show
the editor, and how long each typical edit takes to show, beside the targets and a plain
QPlainTextEdit doing the same on the same YAML.

Run: .venv/bin/python tests/benchmarks/bench_editor.py [--sizes 1000,3000,10000,50000] [--timeout 300]
Not a test: figures vary by machine (tests/ui/editor/test_large_tree.py holds the behaviour).

Each size runs in a fresh process (Qt offscreen) with a generated tree (tests/benchmarks/treegen.py)
in a folder of its own. The main window opens on that folder and shows the tree; then, as an
author does:

- window: File > Edit Tree, until the editor window has painted (the editor as the app opens it);
- open: until it shows the tree in every view (a large tree is checked and laid out in a worker);
- keystroke: one letter typed into the selected question's text;
- hand-over: that text handed to the tree (what the field does after a 600 ms pause or on leaving
  it): the edit goes on the undo stack and every view shows it;
- select: another node chosen in the node list;
- add outcome: Edit > Add Outcome Below (Ctrl+Shift+O), the dialog answered;
- undo, redo: Edit > Undo and Redo of that;
- expect: a scenario's expected outcome picked in its picker.

Each edit is timed from the action until every view shows it (the editor reports no work left),
with the longest gap between two turns of the event loop (a 5 ms timer) meanwhile. The reference
is a plain QPlainTextEdit opening the same YAML (and a letter typed into it): the floor for an
editor that shows the file. Peak memory is the process's resident high-water mark (VmHWM).
A size that does not finish within --timeout seconds says so and the run goes on.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from bench_responsiveness import GapMeter

SIZES = (1_000, 3_000, 10_000, 50_000)
TIMEOUT = 300.0
RESULT = "BENCH-RESULT "
TARGETS = {
    "window": "(the window painted)",
    "open": "< 1.5 s at 10,000 nodes",
    "keystroke": "< 16 ms",
    "hand-over": "< 100 ms",
    "select": "< 100 ms",
    "add outcome": "< 100 ms",
    "undo": "< 100 ms",
    "redo": "< 100 ms",
    "expect": "< 100 ms",
}
GAP_TARGET = "every gap < 50 ms"


def peak_mib() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _child(path: Path, data: Path) -> None:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ["TRAINER_DATA_DIR"] = str(data)
    from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QPlainTextEdit

    app = QApplication([])

    def wait(predicate: Callable[[], bool], limit_ms: int = 600_000) -> None:
        loop = QEventLoop()
        poll = QTimer()
        poll.setInterval(1)
        poll.timeout.connect(lambda: predicate() and loop.quit())
        poll.start()
        QTimer.singleShot(limit_ms, loop.quit)
        loop.exec()
        if not predicate():
            raise TimeoutError("not done in time")

    def report(**row: object) -> None:
        print(RESULT + json.dumps(row), flush=True)

    # --- the reference: a plain QPlainTextEdit on the same YAML ---------------------------------
    text = path.read_text(encoding="utf-8")
    painted: list[float] = []

    class PaintSpy(QObject):
        def eventFilter(self, _obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                painted.append(time.perf_counter())
            return False

    spy = PaintSpy()
    begin = time.perf_counter()
    plain = QPlainTextEdit()
    plain.viewport().installEventFilter(spy)
    plain.setPlainText(text)
    plain.resize(1280, 800)
    plain.show()
    wait(lambda: bool(painted))
    report(case="reference", what="open", seconds=painted[0] - begin)
    plain.setFocus()
    begin = time.perf_counter()
    QTest.keyClick(plain, Qt.Key.Key_X)
    app.processEvents()
    report(case="reference", what="keystroke", seconds=time.perf_counter() - begin)
    plain.close()
    plain.deleteLater()
    app.processEvents()

    # --- the main window shows the tree; then File > Edit Tree ------------------------------------
    from trainer.ui.editor import dialogs
    from trainer.ui.shell.main_window import MainWindow
    from trainer.ui.shell.settings import WindowSettings

    dialogs.ask_save_changes = lambda _parent, _name: "discard"  # type: ignore[assignment]
    window = MainWindow([path.parent], WindowSettings())
    window.show()
    wait(lambda: not window.loading and window.studied_entry() is not None and window.graph.scene.tree is not None)
    meter = GapMeter()
    painted.clear()

    class EditorSpy(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Show and obj.objectName() == "editorWindow":
                obj.installEventFilter(spy)
            return False

    watcher = EditorSpy()
    app.installEventFilter(watcher)
    meter.start()
    begin = time.perf_counter()
    window.authoring.edit_action.trigger()
    [editor] = window.authoring.editors.values()
    wait(lambda: bool(painted))
    report(case="editor", what="window", seconds=painted[0] - begin)
    wait(lambda: not _busy(editor) and editor.checked.tree is not None)
    meter.stop()
    app.removeEventFilter(watcher)
    report(case="editor", what="open", seconds=time.perf_counter() - begin, gap=meter.longest)

    def measure(what: str, action: Callable[[], None], done: Callable[[], bool]) -> None:
        meter.start()
        begin = time.perf_counter()
        action()
        wait(lambda: done() and not _busy(editor))
        meter.stop()
        report(case="editor", what=what, seconds=time.perf_counter() - begin, gap=meter.longest)

    tree = editor.checked.tree
    start = tree.start
    field = editor.node_form.fields["question"]
    field.setFocus()
    app.processEvents()
    before = editor.session.text
    measure("keystroke", lambda: QTest.keyClick(field, Qt.Key.Key_X), lambda: True)
    measure("hand-over", field.commit, lambda: editor.session.text != before and _shows(editor, start, field))
    other = next(n for n in reversed(editor.outline.order) if n != start)
    measure("select", lambda: editor.outline.node_selected.emit(other), lambda: editor.node_form.node_id == other)
    question = next(n for n in editor.outline.order if hasattr(tree.nodes[n], "answers") and n != start)
    editor.outline.node_selected.emit(question)
    app.processEvents()
    dialogs.ask_new_node = lambda _parent, _kind, _suggested: ("bench-new", "A new outcome")  # type: ignore[assignment]
    count = len(tree.nodes)
    measure(
        "add outcome",
        editor.actions["add_outcome"].trigger,
        lambda: editor.checked.tree is not None and len(editor.checked.tree.nodes) == count + 1,
    )
    measure(
        "undo",
        editor.undo_action.trigger,
        lambda: editor.checked.tree is not None and len(editor.checked.tree.nodes) == count,
    )
    measure(
        "redo",
        editor.redo_action.trigger,
        lambda: editor.checked.tree is not None and len(editor.checked.tree.nodes) == count + 1,
    )
    editor.tabs.setCurrentIndex(2)
    app.processEvents()
    outcome = next(n for n in reversed(editor.outline.order) if not hasattr(editor.checked.tree.nodes[n], "answers"))
    measure(
        "expect",
        lambda: _pick_expect(editor, 0, outcome),
        lambda: editor.checked.tree is not None and editor.checked.tree.scenarios[0].expect == outcome,
    )
    report(case="editor", what="peak", mib=peak_mib())
    editor.close()
    window.close()


def _busy(editor: object) -> bool:
    """The editor has work left to show (an editor that does all its work at once never has)."""
    return bool(getattr(editor, "busy", False))


def _shows(editor, node_id: str, field) -> bool:  # type: ignore[no-untyped-def]
    node = editor.checked.tree.nodes.get(node_id) if editor.checked.tree is not None else None
    return node is not None and node.text == field.toPlainText()


def _pick_expect(editor, index: int, outcome: str) -> None:  # type: ignore[no-untyped-def]
    """Choose `outcome` in scenario `index`'s picker, as a click on it in the list does."""
    picker = editor.scenarios.expect_picker(index) if hasattr(editor.scenarios, "expect_picker") else None
    if picker is None:
        picker = editor.scenarios.expects[index]
    row = picker.findData(outcome)
    picker.setCurrentIndex(row)
    picker.activated.emit(row)


# --- the parent: one process per size ------------------------------------------------------------
def run_size(nodes: int, timeout: float) -> tuple[list[dict], str]:
    from treegen import generate_tree_yaml

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "trees"
        folder.mkdir()
        path = folder / "big.yaml"
        path.write_text(generate_tree_yaml(nodes, 1), encoding="utf-8")
        code = (
            f"import sys; sys.path.insert(0, {str(HERE)!r}); import bench_editor as b; "
            f"from pathlib import Path; b._child(Path({str(path)!r}), Path({str(Path(tmp) / 'data')!r}))"
        )
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        rows: list[dict] = []
        note = ""
        begin = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
        )
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, err = proc.communicate()
            note = f"did not finish in {timeout:.0f} s"
        else:
            if proc.returncode:
                note = f"failed ({proc.returncode}): {err.strip().splitlines()[-1] if err.strip() else ''}"
        rows = [json.loads(line[len(RESULT) :]) for line in out.splitlines() if line.startswith(RESULT)]
        if note:
            note += f" (after {time.perf_counter() - begin:.0f} s)"
        return rows, note


def _fmt(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default=",".join(str(s) for s in SIZES))
    parser.add_argument("--timeout", type=float, default=TIMEOUT, help="seconds per size")
    args = parser.parse_args()
    print("Editor on a large tree (issue 15): offscreen, one process per size")
    print(f"Targets: {', '.join(f'{k} {v}' for k, v in TARGETS.items())}; {GAP_TARGET}")
    print("Reference: a plain QPlainTextEdit opening the same YAML, and a letter typed into it")
    for size in (int(s) for s in args.sizes.split(",")):
        rows, note = run_size(size, args.timeout)
        ref = {r["what"]: r["seconds"] for r in rows if r["case"] == "reference"}
        ed = {r["what"]: r for r in rows if r["case"] == "editor"}
        print(f"\n{size:,} nodes" + (f": {note}" if note else ""))
        print(f"  {'':12} {'time':>9} {'longest gap':>12}   {'target':<26} reference (plain text edit)")
        for what, target in TARGETS.items():
            row = ed.get(what)
            gap = _fmt(row.get("gap")) if row else "—"
            seconds = _fmt(row["seconds"]) if row else ("not reached" if note else "—")
            reference = _fmt(ref.get(what)) if what in ref else ""
            print(f"  {what:12} {seconds:>9} {gap:>12}   {target:<26} {reference}")
        if "peak" in ed:
            print(f"  peak memory {ed['peak']['mib']:.0f} MiB")


if __name__ == "__main__":
    main()
