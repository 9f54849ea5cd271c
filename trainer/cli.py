"""The `trainer` command: open the app, or run a subcommand. The GUI is imported lazily."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from trainer import __version__

if TYPE_CHECKING:
    from trainer.model import Tree

SUBCOMMANDS = ("validate", "export")


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "validate":
        return validate_command(args[1:])
    if args and args[0] == "export":
        return export_command(args[1:])
    return open_command(args)


def _open_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="trainer",
        description=(
            "Decision Tree Trainer: learn, present and author decision trees.\n\n"
            "With no PATH, opens the bundled trees and your own tree folder.\n\n"
            "commands:\n"
            "  validate PATH...   check tree files and report every problem (trainer validate --help)\n"
            "  export TREE -o OUT draw a tree as SVG, PNG or PDF, or write it as Graphviz DOT, Mermaid\n"
            "                     or a Markdown outline (trainer export --help)"
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


def _export_parser() -> argparse.ArgumentParser:
    from trainer.export import FORMATS

    parser = argparse.ArgumentParser(
        prog="trainer export",
        description=(
            "Write one tree as a drawing (svg, png, pdf) or as text: Graphviz DOT (dot), a Mermaid\n"
            "flowchart (mermaid) or a Markdown outline for handouts (md).\n"
            "The format is -f, or else OUT's extension (.svg .png .pdf .dot .gv .mmd .mermaid .md).\n"
            "A tree with errors is not exported: its problems are printed instead.\n"
            "Exit status: 0 written, 1 errors in the tree or the file could not be written, 2 bad usage."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("tree", type=Path, metavar="TREE", help="the tree file to export")
    parser.add_argument("-f", "--format", choices=FORMATS, help="output format (default: from OUT's extension)")
    parser.add_argument("-o", "--output", required=True, metavar="OUT", help="the file to write, or - for standard output (text formats)")
    parser.add_argument("--direction", choices=("down", "right"), default="down", help="the flow of the drawing: start at the top (down, the default) or at the left (right); not used by md")
    parser.add_argument("--scale", type=_positive_float, default=1.0, metavar="N", help="PNG size as a multiple of the drawing's natural size (default: 1)")
    return parser


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: '{text}'") from None
    if not 0 < value <= 100:
        raise argparse.ArgumentTypeError(f"must be more than 0 and at most 100, not {text}")
    return value


def export_command(args: list[str]) -> int:
    from trainer.export import FORMATS, IMAGE_FORMATS, export_text, format_from_path
    from trainer.fileio import write_atomically
    from trainer.library import read_tree

    options = _export_parser().parse_args(args)
    to_stdout = options.output == "-"
    fmt = options.format or (None if to_stdout else format_from_path(options.output))
    if fmt is None:
        where = "with -o -" if to_stdout else f"from the extension of '{options.output}'"
        print(f"trainer export: give the format with -f ({', '.join(FORMATS)}); it cannot be told {where}", file=sys.stderr)
        return 2
    if to_stdout and fmt in IMAGE_FORMATS:
        print(f"trainer export: {fmt} is written to a file, not to standard output; give one with -o", file=sys.stderr)
        return 2
    if not options.tree.exists():
        print(f"trainer export: no such file: {options.tree}", file=sys.stderr)
        return 2
    if options.tree.is_dir():
        print(f"trainer export: {options.tree} is a folder; give one tree file", file=sys.stderr)
        return 2
    if not to_stdout and Path(options.output).resolve() == options.tree.resolve():
        print(f"trainer export: {options.output} is the tree file itself; choose another output", file=sys.stderr)
        return 2
    entry = read_tree(options.tree)
    if not entry.usable or entry.tree is None:
        for problem in entry.problems:
            print(problem, file=sys.stderr)
        print(f"trainer export: {options.tree} has errors; nothing was written", file=sys.stderr)
        return 1
    if fmt in IMAGE_FORMATS:
        return _export_image(entry.tree, fmt, Path(options.output), options.scale, options.direction)
    text = export_text(entry.tree, fmt, options.direction)
    if to_stdout:
        return _write_stdout(text)
    try:
        write_atomically(Path(options.output), text.encode("utf-8"))
    except OSError as exc:
        print(f"trainer export: cannot write {options.output}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    return 0


def _export_image(tree: Tree, fmt: str, out: Path, scale: float, direction: str) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # the command works with no display
    try:
        from trainer.export.render import export_image
    except ImportError as exc:
        if exc.name == "trainer.export.render":
            print(f"trainer export: {fmt} export is not available yet", file=sys.stderr)
        else:
            print(f"trainer export: {fmt} export is not available: {exc}", file=sys.stderr)
        return 2
    try:
        export_image(tree, fmt, out, scale=scale, direction=direction)
    except OSError as exc:
        print(f"trainer export: cannot write {out}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    return 0


def _write_stdout(text: str) -> int:
    """UTF-8 whatever the terminal's encoding, with the newlines as written."""
    try:
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is None:
            sys.stdout.write(text)
        else:
            sys.stdout.flush()
            buffer.write(text.encode("utf-8"))
        sys.stdout.flush()
    except BrokenPipeError:  # `trainer export … -o - | head`
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    return 0


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _summary(files: int, errors: int, warnings: int) -> str:
    return f"checked {_plural(files, 'file')}: {_plural(errors, 'error')}, {_plural(warnings, 'warning')}"
