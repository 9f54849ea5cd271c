"""`trainer validate PATH...`: every problem of the tree files, compiler-style or as JSON."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from trainer.cli.common import missing, plural


def _validate_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="trainer validate",
        description=(
            "Check tree files and print every problem as path:line:column: severity: message.\n"
            "Exit status: 0 no errors, 1 errors found, 2 bad usage."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "paths", nargs="+", type=Path, metavar="PATH", help="tree files, or folders searched for *.yaml and *.yml"
    )
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    return parser


def validate_command(args: list[str]) -> int:
    from trainer.core.library import load_library, tree_files, user_library_ids

    options = _validate_parser().parse_args(args)
    if missing(options.paths, "trainer validate"):
        return 2
    files = tree_files(options.paths)
    if not files:
        print("trainer validate: no .yaml or .yml files found", file=sys.stderr)
        return 2
    problems = load_library(options.paths, known=user_library_ids).problems
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    failed = errors > 0 or (options.strict and warnings > 0)
    if options.format == "json":
        report = {
            "files": len(files),
            "errors": errors,
            "warnings": warnings,
            "problems": [p.as_json() for p in problems],
        }
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        for problem in problems:
            print(problem)
        print(_summary(len(files), errors, warnings))
    return 1 if failed else 0


def _summary(files: int, errors: int, warnings: int) -> str:
    return f"checked {plural(files, 'file')}: {plural(errors, 'error')}, {plural(warnings, 'warning')}"
