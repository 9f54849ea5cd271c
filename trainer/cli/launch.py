"""`trainer` with no subcommand: open the window on the library or on the paths given.
Qt is loaded only here, and only when a window is wanted."""

from __future__ import annotations

import argparse
from pathlib import Path

from trainer import __version__
from trainer.cli.common import apply_data_dir, data_dir_option, missing


def _open_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="trainer",
        description=(
            "Decision Tree Trainer: learn, present and author decision trees.\n\n"
            "With no PATH, opens the bundled trees and your own tree folder.\n\n"
            "commands:\n"
            "  validate PATH...   check tree files and report every problem (trainer validate --help)\n"
            "  export TREE -o OUT draw a tree as SVG, PNG or PDF, or write it as Graphviz DOT, Mermaid\n"
            "                     or a Markdown outline (trainer export --help)\n"
            "  quiz [PATH...]     test yourself in the terminal; answers read from standard input\n"
            "  stats [TREE...]    your progress: attempts, accuracy, last studied, reviews due\n"
            "  import FILE.mmd    turn a Mermaid flowchart into a tree file (trainer import --help)\n\n"
            "export also writes a self-contained web page (-f html) and Anki cards (-f anki)."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "paths", nargs="*", type=Path, metavar="PATH", help="tree files or folders to open instead of the library"
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--check-start",
        action="store_true",
        help="open the window, say what it shows, and quit (for packagers: proves the app starts)",
    )
    data_dir_option(parser)
    return parser


def open_command(args: list[str]) -> int:
    options = _open_parser().parse_args(args)
    apply_data_dir(options.data_dir)
    if missing(options.paths, "trainer"):
        return 2
    from trainer.cli.window import run  # Qt is loaded only when a window is wanted.

    return run(options.paths, check_start=options.check_start)
