"""`trainer export TREE -o OUT`: one tree as a drawing (svg, png, pdf, drawn by the window's
renderer, offscreen) or as text (dot, mermaid, md, html, anki)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from trainer.cli.common import positive_float, write_stdout

if TYPE_CHECKING:
    from trainer.core.model import Tree
    from trainer.draw.themes import Theme
    from trainer.ui.export.render import Direction, StepReport


def _export_parser() -> argparse.ArgumentParser:
    from trainer.interop.export import FORMATS

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
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUT",
        help="the file to write, or - for standard output (text formats)",
    )
    parser.add_argument(
        "--direction",
        choices=("down", "right"),
        default="down",
        help="the flow of the drawing: start at the top (down, the default) or at the left (right); not used by md",
    )
    parser.add_argument(
        "--scale",
        type=positive_float,
        default=1.0,
        metavar="N",
        help="PNG size as a multiple of the drawing's natural size (default: 1)",
    )
    parser.add_argument(
        "--theme",
        choices=("light", "dark", "high-contrast"),
        default="light",
        help="the drawing's colours (default: light)",
    )
    # the app exports a large drawing through this command in a child process, and reads these
    # lines ("Drawing<TAB>300<TAB>20499") to show how far it is
    parser.add_argument("--progress", action="store_true", help=argparse.SUPPRESS)
    return parser


def export_command(args: list[str]) -> int:
    from trainer.core.library import read_tree
    from trainer.infra.fileio import write_atomically
    from trainer.interop.export import FORMATS, IMAGE_FORMATS, export_text, format_from_path

    options = _export_parser().parse_args(args)
    to_stdout = options.output == "-"
    fmt = options.format or (None if to_stdout else format_from_path(options.output))
    if fmt is None:
        where = "with -o -" if to_stdout else f"from the extension of '{options.output}'"
        print(
            f"trainer export: give the format with -f ({', '.join(FORMATS)}); it cannot be told {where}",
            file=sys.stderr,
        )
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
    on_step = _print_step if options.progress else None
    if fmt in IMAGE_FORMATS:
        return _export_image(
            entry.tree, fmt, Path(options.output), options.scale, options.direction, options.theme, on_step
        )
    if fmt == "html":
        text = _html_page(entry.tree, options.direction, options.theme, on_step)
    else:
        text = export_text(entry.tree, fmt, options.direction)
    if to_stdout:
        return write_stdout(text)
    try:
        write_atomically(Path(options.output), text.encode("utf-8"))
    except OSError as exc:
        print(f"trainer export: cannot write {options.output}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    return 0


def _print_step(what: str, done: int, total: int) -> None:
    print(f"{what}\t{done}\t{total}", flush=True)


def _theme(name: str) -> Theme | None:
    """The drawing's colours (the app passes the window's theme, so a child's export looks like
    its own); None for light, which is what an offscreen drawing takes when given none."""
    if name == "light":
        return None
    from trainer.draw.themes import load_theme

    return load_theme(name)


def _direction(name: str) -> Direction:
    return "right" if name == "right" else "down"


def _html_page(tree: Tree, direction: str, theme: str = "light", on_step: StepReport | None = None) -> str:
    """The self-contained page: the drawing comes from the same Qt renderer, run offscreen."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from trainer.interop.html import to_html
    from trainer.ui.export.render import svg_text

    return to_html(tree, svg_text(tree, _direction(direction), on_step, theme=_theme(theme)))


def _export_image(
    tree: Tree,
    fmt: str,
    out: Path,
    scale: float,
    direction: str,
    theme: str = "light",
    on_step: StepReport | None = None,
) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # the command works with no display
    try:
        from trainer.ui.export.render import export_image
    except ImportError as exc:  # an install without the window's renderer
        if exc.name == "trainer.ui.export.render":
            print(f"trainer export: {fmt} export is not available yet", file=sys.stderr)
        else:
            print(f"trainer export: {fmt} export is not available: {exc}", file=sys.stderr)
        return 2
    try:
        colours = _theme(theme)
        if colours is None:  # the renderer's own default: called as before themes were passed
            note = export_image(tree, fmt, out, scale=scale, direction=_direction(direction), on_step=on_step)
        else:
            note = export_image(
                tree, fmt, out, scale=scale, direction=_direction(direction), on_step=on_step, theme=colours
            )
        if note:
            print(f"trainer export: {note}", file=sys.stderr)
    except OSError as exc:
        print(f"trainer export: cannot write {out}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    return 0
