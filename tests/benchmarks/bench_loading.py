"""Load-and-validate and start-up speed, printed beside the references they are judged by.

Run: .venv/bin/python tests/benchmarks/bench_loading.py
Not a test: figures vary by machine, so nothing here asserts a time.

References: PyYAML's fastest full load (CSafeLoader, which keeps no positions and checks
nothing) and its pure-Python safe_load on the same text; for start-up, a bare PySide6 window.
Goals from issue 2: a 10,000-node tree and a 3,000-step chain each load and validate in under
a second; `trainer` shows its window with the library in under half a second.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from trainer.core.library import read_tree

REPEATS = 3


def wide_tree(nodes: int) -> str:
    """A binary-ish tree of `nodes` nodes with realistic text lengths (~100 bytes per node)."""
    questions = nodes // 2
    out = ["format: 1", "id: wide", "title: Wide generated tree", "start: q0", "nodes:"]
    for i in range(questions):
        out.append(f"  q{i}:\n    question: Does the workload need requirement {i}?\n    answers:")
        for j, child in enumerate((2 * i + 1, 2 * i + 2)):
            target = f"q{child}" if child < questions else f"o{child}"
            out.append(f'      - label: "{"Yes" if j == 0 else "No"}"\n        next: {target}')
    for child in range(questions, 2 * questions + 1):
        out.append(f"  o{child}:\n    outcome: Architecture {child}\n    explanation: Because of requirement {child}.")
    out.append("scenarios:")
    out += [f"  - prompt: Case {c}\n    expect: o{c}" for c in range(questions, 2 * questions + 1)]
    return "\n".join(out) + "\n"


def chain_tree(steps: int) -> str:
    out = ["format: 1", "id: chain", "title: Long chain", "start: c0", "nodes:"]
    for i in range(steps):
        out.append(f"  c{i}:\n    question: Step {i}?\n    answers:\n      - label: go on\n        next: c{i + 1}")
    out.append(
        f"  c{steps}:\n    outcome: The end\n    explanation: Reached.\nscenarios:\n  - prompt: p\n    expect: c{steps}"
    )
    return "\n".join(out) + "\n"


def wide_question(answers: int) -> str:
    """One question with `answers` answers, each to its own outcome with a scenario: what
    `trainer import` writes for a wide flowchart (issue 15: 20,000 answers took 4 s to validate,
    100,000 took 186 s, before the answer walks became lookups)."""
    out = ["format: 1", "id: wide-question", "title: Wide question", "start: q", "nodes:", "  q:"]
    out += ["    question: Which of these many options fits?", "    answers:"]
    out += [f"      - label: option {i}\n        next: o{i}" for i in range(answers)]
    out += [f"  o{i}:\n    outcome: Outcome {i}\n    explanation: Because of {i}." for i in range(answers)]
    out.append("scenarios:")
    out += [f"  - prompt: Case {i}\n    expect: o{i}" for i in range(answers)]
    return "\n".join(out) + "\n"


def best_of(func) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def loading_rows(folder: Path) -> list[tuple[str, float, float, float, str]]:
    rows = []
    cases = (
        ("10,000-node tree", wide_tree(10_000), "< 1 s"),
        ("3,000-step chain", chain_tree(3_000), "< 1 s"),
        ("20,000-answer question", wide_question(20_000), "linear"),
        ("100,000-answer question", wide_question(100_000), "5x above"),
    )
    for name, text, goal in cases:
        path = folder / f"{name.split()[0].replace(',', '')}-{name.split()[1]}.yaml"
        path.write_text(text, encoding="utf-8")
        entry = read_tree(path)
        assert entry.usable and not entry.problems, entry.problems[:3]
        ours = best_of(lambda path=path: read_tree(path))
        c_ref = best_of(lambda text=text: yaml.load(text, Loader=yaml.CSafeLoader))
        py_ref = best_of(lambda text=text: yaml.load(text, Loader=yaml.SafeLoader))
        size = f"{len(text.encode()) / 1e6:.2f} MB"
        rows.append((f"{name} ({size})", ours, c_ref, py_ref, goal))
    return rows


CHILD = """
import sys, time
from PySide6.QtWidgets import QApplication
app = QApplication([])
from trainer.cli.window import create_window
window = create_window([])
window.show()
app.processEvents()
print("shown", flush=True)
"""

BARE = """
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
w = QWidget(); w.show(); app.processEvents()
print("shown", flush=True)
"""


def time_to_window(code: str, env: dict[str, str], repeats: int = REPEATS) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True
        )
        assert proc.stdout is not None
        line = proc.stdout.readline()
        times.append(time.perf_counter() - start)
        proc.kill()
        proc.wait()
        assert line.strip() == "shown", line
    return statistics.median(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print(f"{'load + validate':34} {'ours':>8} {'CSafeLoader':>12} {'safe_load (py)':>15} {'goal':>9}")
        for name, ours, c_ref, py_ref, goal in loading_rows(folder):
            print(f"{name:34} {ours:7.3f}s {c_ref:11.3f}s {py_ref:14.3f}s {goal:>9}")
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
            "TRAINER_DATA_DIR": str(folder / "data"),
        }
        # A user's installed app has its bytecode cached; this machine sets PYTHONDONTWRITEBYTECODE,
        # which would charge every start for compiling every module. Allow the cache, warm it once.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        time_to_window(CHILD, env, repeats=1)
        ours = time_to_window(CHILD, env)
        bare = time_to_window(BARE, env)
        print()
        print(f"{'start-up to window shown':34} {'ours':>8} {'bare Qt':>12} {'goal':>23}")
        print(f"{'trainer, bundled library':34} {ours:7.3f}s {bare:11.3f}s {'< 0.5 s':>23}")


if __name__ == "__main__":
    main()
