"""`trainer import FILE.mmd`: a Mermaid flowchart turned into a tree file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from trainer.cli.common import missing, write_stdout


def _import_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="trainer import",
        description=(
            "Turn a Mermaid flowchart (flowchart/graph TD|LR) into a tree file: nodes with outgoing\n"
            "edges become questions, the others outcomes. What cannot be mapped is reported with its\n"
            "line. Without -o the tree is printed. An existing OUT is never overwritten without --force."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("source", type=Path, metavar="FILE.mmd")
    parser.add_argument("-o", "--output", type=Path, metavar="TREE.yaml", help="the tree file to write")
    parser.add_argument("--id", help="the new tree's id (default: from the output or source file name)")
    parser.add_argument("--force", action="store_true", help="replace OUT if it exists")
    return parser


def import_command(args: list[str]) -> int:
    from trainer.core.loader import SLUG
    from trainer.infra.fileio import write_atomically
    from trainer.interop.mermaid import import_mermaid

    options = _import_parser().parse_args(args)
    if missing([options.source], "trainer import"):
        return 2
    if options.output is not None and options.output.exists() and not options.force:
        print(f"trainer import: {options.output} exists; choose another name or add --force", file=sys.stderr)
        return 2
    try:
        text = options.source.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"trainer import: cannot read {options.source}: {exc}", file=sys.stderr)
        return 1
    stem = (options.output or options.source).stem.lower()
    tree_id = options.id or (stem if SLUG.fullmatch(stem) else "imported")
    result = import_mermaid(text, tree_id=tree_id)
    for problem in result.problems:
        print(f"{options.source}: warning: {problem}", file=sys.stderr)
    if options.output is None:
        return write_stdout(result.yaml_text)
    try:
        write_atomically(options.output, result.yaml_text.encode("utf-8"))
    except OSError as exc:
        print(f"trainer import: cannot write {options.output}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"wrote {options.output}; check it with: trainer validate {options.output}", file=sys.stderr)
    return 0
