"""The `trainer` command: open the app, or run a subcommand. The GUI is imported lazily."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Sequence

from trainer import __version__

SUBCOMMANDS = ("validate",)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "validate":
        return validate_command(args[1:])
    return open_command(args)


def _open_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="trainer",
        description=(
            "Decision Tree Trainer: learn, present and author decision trees.\n\n"
            "With no PATH, opens the bundled trees and your own tree folder.\n\n"
            "commands:\n"
            "  validate PATH...   check tree files and report every problem (trainer validate --help)"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="tree files or folders to open instead of the library")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def open_command(args: list[str]) -> int:
    options = _open_parser().parse_args(args)
    missing = [p for p in options.paths if not p.exists()]
    if missing:
        print(f"trainer: no such file or folder: {missing[0]}", file=sys.stderr)
        return 2
    from trainer.ui.app import run  # Qt is loaded only when a window is wanted.

    return run(options.paths)


def _validate_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="trainer validate",
        description=(
            "Check tree files and print every problem as path:line:column: severity: message.\n"
            "Exit status: 0 no errors, 1 errors found, 2 bad usage."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="tree files, or folders searched for *.yaml and *.yml")
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    return parser


def validate_command(args: list[str]) -> int:
    from trainer.library import load_library, tree_files

    options = _validate_parser().parse_args(args)
    missing = [p for p in options.paths if not p.exists()]
    if missing:
        print(f"trainer validate: no such file or folder: {missing[0]}", file=sys.stderr)
        return 2
    files = tree_files(options.paths)
    if not files:
        print("trainer validate: no .yaml or .yml files found", file=sys.stderr)
        return 2
    problems = load_library(options.paths).problems
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    failed = errors > 0 or (options.strict and warnings > 0)
    if options.format == "json":
        report = {"files": len(files), "errors": errors, "warnings": warnings, "problems": [p.as_json() for p in problems]}
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        for problem in problems:
            print(problem)
        print(_summary(len(files), errors, warnings))
    return 1 if failed else 0


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _summary(files: int, errors: int, warnings: int) -> str:
    return f"checked {_plural(files, 'file')}: {_plural(errors, 'error')}, {_plural(warnings, 'warning')}"
