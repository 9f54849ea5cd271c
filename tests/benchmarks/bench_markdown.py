"""Markdown on hostile text (issue 15), printed beside its goal and its peer.

Run: .venv/bin/python tests/benchmarks/bench_markdown.py [--sizes 10,80,160] [--timeout 60]
Not a test: figures vary by machine, so nothing here asserts a time.

What users get is the app's Markdown view (trainer.ui.common.markdown_view.MarkdownView, shown
and laid out at 600 px), which Qt parses (md4c) and lays out itself: 80 KB of `*a` took 23 s on
the GUI thread, and a tree with a 160 KB summary made start-up 36 s instead of 0.7 s. Qt's parse
is fast; its layout of one paragraph grows with the square of the emphasis runs in it. So the
loader caps a Markdown text at MAX_MARKDOWN_CHARS (trainer.core.loader) and no view is given more:
the row "at the cap" is the worst a view now meets. Beside it: markdown-it-py (the peer: a
linear, well-kept parser, html disabled) and the HTML export's own subset (trainer.interop.html,
whose link rule was quadratic in `[`). Each view case runs in a child process with a timeout.
Goal: every text a tree may hold renders in under 0.5 s; start-up with such a tree stays ~0.7 s.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.benchmarks.bench_loading import time_to_window
from trainer.core.loader import MAX_MARKDOWN_CHARS
from trainer.interop.html import safe_markdown

PATTERNS = {
    "*a": "*a",
    "_a": "_a",
    "[a": "[a",
    "`a": "`a",
    "**a": "**a",
    "nested **": "**a ",
}

WINDOW = """
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication([])
from trainer.cli.window import create_window
from trainer.ui.shell.app import process_events_until
window = create_window([Path(LIBRARY)])
window.show()
process_events_until(lambda: not window.loading, 300)
app.processEvents()
print("shown", flush=True)
"""

VIEW = """
import sys, time
from PySide6.QtWidgets import QApplication
app = QApplication([])
from trainer.ui.common.markdown_view import MarkdownView
text = sys.stdin.read()
view = MarkdownView(); view.resize(600, 400); view.show(); app.processEvents()
start = time.perf_counter(); view.set_markdown(text); app.processEvents()
print(time.perf_counter() - start, flush=True)
"""


def text_of(pattern: str, chars: int) -> str:
    return (pattern * (chars // len(pattern) + 1))[:chars]


def view_seconds(text: str, timeout: float) -> float | None:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    try:
        done = subprocess.run(
            [sys.executable, "-c", VIEW], input=text, capture_output=True, text=True, env=env, timeout=timeout
        )
    except subprocess.TimeoutExpired:
        return None
    return float(done.stdout.strip().splitlines()[-1])


def peer_seconds(text: str) -> float | None:
    try:
        from markdown_it import MarkdownIt
    except ImportError:
        return None
    parser = MarkdownIt("commonmark", {"html": False})
    start = time.perf_counter()
    parser.render(text)
    return time.perf_counter() - start


def export_seconds(text: str) -> float:
    start = time.perf_counter()
    safe_markdown(text)
    return time.perf_counter() - start


def shown(seconds: float | None, timeout: float) -> str:
    return f"> {timeout:.0f} s" if seconds is None else f"{seconds:.3f} s"


def start_up(folder: Path, summary: str) -> float:
    """The window shown, its library read, with one tree whose summary is `summary`."""
    library = folder / "trees"
    library.mkdir(parents=True, exist_ok=True)
    tree = (ROOT / "tests" / "tree_texts.py").read_text(encoding="utf-8")
    clean = tree.split('CLEAN_TREE = """\\\n', 1)[1].split('"""', 1)[0]
    (library / "hostile.yaml").write_text(
        clean.replace("title: A clean tree\n", f'title: A clean tree\nsummary: "{summary}"\n'), encoding="utf-8"
    )
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        "TRAINER_DATA_DIR": str(folder / "data"),
    }
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as bench_loading: a user's install has its bytecode
    code = WINDOW.replace("LIBRARY", repr(str(library)))
    time_to_window(code, env, repeats=1)
    return time_to_window(code, env)


def main() -> None:
    options = argparse.ArgumentParser()
    options.add_argument("--sizes", default="10,80,160", help="text sizes in KB (default 10,80,160)")
    options.add_argument("--timeout", type=float, default=60.0, help="seconds a view case may take")
    options.add_argument("--no-start-up", action="store_true")
    args = options.parse_args()
    sizes = [int(s) * 1000 for s in args.sizes.split(",")]
    print(f"{'text':22} {'app view':>10} {'markdown-it-py':>15} {'html export':>12} {'goal':>8}")
    for name, pattern in PATTERNS.items():
        for chars in [MAX_MARKDOWN_CHARS, *sizes]:
            text = text_of(pattern, chars)
            where = "at the cap" if chars == MAX_MARKDOWN_CHARS else "refused by the loader"
            view = view_seconds(text, args.timeout)
            peer = peer_seconds(text)
            peer_text = "not installed" if peer is None else f"{peer:.3f} s"
            label = f"{name} x {chars // 1000} KB"
            goal = "< 0.5 s" if chars <= MAX_MARKDOWN_CHARS else "refused"
            print(
                f"{label:22} {shown(view, args.timeout):>10} {peer_text:>15} "
                f"{export_seconds(text):10.3f} s {goal:>8}  ({where})",
                flush=True,
            )
    if not args.no_start_up:
        with tempfile.TemporaryDirectory() as tmp:
            plain = start_up(Path(tmp) / "plain", "A plain summary.")
            hostile = start_up(Path(tmp) / "hostile", "*a" * 80_000)
        print()
        print(f"{'start-up to window shown':40} {'ours':>8} {'goal':>8}")
        print(f"{'library with a plain tree':40} {plain:7.3f}s {'~0.7 s':>8}")
        print(f"{'with a 160 KB *a summary (was 36 s)':40} {hostile:7.3f}s {'~0.7 s':>8}")


if __name__ == "__main__":
    main()
