"""The `trainer` command: open the app, or run a subcommand. The GUI is imported lazily."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from trainer import __version__

if TYPE_CHECKING:
    from trainer.core.model import Tree
    from trainer.ui.export.render import StepReport

SUBCOMMANDS = ("validate", "export", "quiz", "stats", "import")


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "validate":
        return validate_command(args[1:])
    if args and args[0] == "export":
        return export_command(args[1:])
    if args and args[0] == "quiz":
        return quiz_command(args[1:])
    if args and args[0] == "stats":
        return stats_command(args[1:])
    if args and args[0] == "import":
        return import_command(args[1:])
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
    _data_dir_option(parser)
    return parser


def open_command(args: list[str]) -> int:
    options = _open_parser().parse_args(args)
    _apply_data_dir(options.data_dir)
    if _missing(options.paths, "trainer"):
        return 2
    from trainer.cli.window import run  # Qt is loaded only when a window is wanted.

    return run(options.paths, check_start=options.check_start)


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
    if _missing(options.paths, "trainer validate"):
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
        type=_positive_float,
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


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: '{text}'") from None
    if not 0 < value <= 100:
        raise argparse.ArgumentTypeError(f"must be more than 0 and at most 100, not {text}")
    return value


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: '{text}'") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {text}")
    return value


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
        return _write_stdout(text)
    try:
        write_atomically(Path(options.output), text.encode("utf-8"))
    except OSError as exc:
        print(f"trainer export: cannot write {options.output}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    return 0


def _print_step(what: str, done: int, total: int) -> None:
    print(f"{what}\t{done}\t{total}", flush=True)


def _use_theme(name: str) -> None:
    """Draw in theme `name` (the app passes the window's, so a child's export looks like its own).
    Light is what a drawing takes anyway, offscreen: nothing to set."""
    if name == "light":
        return
    from trainer.draw.themes import load_theme
    from trainer.ui.canvas.style import set_active_theme

    set_active_theme(load_theme(name))


def _html_page(tree: Tree, direction: str, theme: str = "light", on_step: StepReport | None = None) -> str:
    """The self-contained page: the drawing comes from the same Qt renderer, run offscreen."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from trainer.interop.html import to_html
    from trainer.ui.export.render import svg_text

    _use_theme(theme)
    return to_html(tree, svg_text(tree, direction, on_step))


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
    except ImportError as exc:
        if exc.name == "trainer.ui.export.render":
            print(f"trainer export: {fmt} export is not available yet", file=sys.stderr)
        else:
            print(f"trainer export: {fmt} export is not available: {exc}", file=sys.stderr)
        return 2
    try:
        _use_theme(theme)
        export_image(tree, fmt, out, scale=scale, direction=direction, on_step=on_step)
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


def _data_dir_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir", type=Path, metavar="DIR", help="keep history and settings in DIR (also: TRAINER_DATA_DIR)"
    )


def _apply_data_dir(folder: Path | None) -> None:
    if folder is not None:
        from trainer.infra.paths import DATA_DIR_VARIABLE

        os.environ[DATA_DIR_VARIABLE] = str(folder)


def _quiz_parser() -> argparse.ArgumentParser:
    from trainer.study.items import KINDS

    parser = argparse.ArgumentParser(
        prog="trainer quiz",
        description=(
            "Test yourself in the terminal on the trees in PATH (files or folders; default: the\n"
            "library). Type an answer's number, h for a hint (half a point), q to stop; the end of\n"
            "input also stops, with a partial score. Attempts are recorded in your history."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    parser.add_argument(
        "--count",
        type=_positive_int,
        default=10,
        metavar="N",
        help="how many items (default 10; at most one per outcome of the trees)",
    )
    parser.add_argument("--seed", type=int, metavar="S", help="the same seed gives the same quiz")
    parser.add_argument("--kind", choices=KINDS, help="only this kind of item (default: mixed)")
    parser.add_argument("--tag", metavar="T", help="only trees with this tag")
    parser.add_argument("--due", action="store_true", help="only items due for review")
    parser.add_argument("--no-record", action="store_true", help="do not record this attempt")
    parser.add_argument(
        "--audit",
        action="store_true",
        help="ask nothing: build the quizzes of many seeds and print the rate of items a learner could "
        "rightly dispute, per tree (exit 1 if any)",
    )
    parser.add_argument(
        "--seeds", type=_positive_int, default=300, metavar="N", help="with --audit: how many seeds (default 300)"
    )
    _data_dir_option(parser)
    return parser


def _usable_trees(paths: list[Path]) -> list[Tree]:
    from trainer.core.library import default_library_paths, load_library, user_library_ids

    library = load_library(paths or default_library_paths(), known=user_library_ids)
    for entry in library.entries:
        if not entry.usable:
            print(f"trainer: skipping {entry.path}: {entry.first_error}", file=sys.stderr)
    return [e.tree for e in library.entries if e.usable and e.tree is not None]


def quiz_command(args: list[str]) -> int:
    import random

    from trainer.study.building import build_quiz, review_quiz
    from trainer.study.feedback import TIMED_OUT
    from trainer.study.history import open_history
    from trainer.study.scope import SCOPE_ALL, SCOPE_TAG, QuizSettings, scope_trees
    from trainer.study.terminal import run_text_quiz

    options = _quiz_parser().parse_args(args)
    _apply_data_dir(options.data_dir)
    if _missing(options.paths, "trainer quiz"):
        return 2
    scope = QuizSettings(scope=SCOPE_TAG, tag=options.tag) if options.tag is not None else QuizSettings(scope=SCOPE_ALL)
    trees = scope_trees(_usable_trees(options.paths), scope)
    if not trees:
        print(
            "trainer quiz: no tree to quiz on" + (f" with the tag '{options.tag}'" if options.tag else ""),
            file=sys.stderr,
        )
        return 1
    if options.audit:
        return _audit(trees, options.seeds)
    seed = options.seed if options.seed is not None else random.SystemRandom().randrange(1_000_000)
    history = None if options.no_record else open_history()
    if history is not None and not history.recording:
        print(f"trainer quiz: {history.problem}", file=sys.stderr)
    kinds = [options.kind] if options.kind else None
    if options.due:
        due = (history or open_history(read_only=True)).due([t.id for t in trees])
        quiz = review_quiz(trees, due, options.count, seed, kinds)
        if not quiz.items:
            print("Nothing is due for review.")
            return 0
    else:
        quiz = build_quiz(trees, options.count, seed, kinds)
    print(f"{len(quiz)} item{'s' if len(quiz) != 1 else ''}, seed {seed} (--seed {seed} repeats this quiz).")

    def record(feedback, duration: float) -> None:
        if history is not None:
            history.record(
                feedback.tree_id,
                feedback.key,
                feedback.kind,
                feedback.right,
                feedback.score,
                hint_used=feedback.hinted,
                timed_out=feedback.status == TIMED_OUT,
                duration_s=duration,
            )

    run_text_quiz(quiz.start(), sys.stdin, sys.stdout, record)
    if history is not None and history.problem and history.recording is False:
        print(f"trainer quiz: {history.problem}", file=sys.stderr)
    return 0


def _audit(trees: list[Tree], seeds: int) -> int:
    from trainer.study.audit import audit, audit_report

    result = audit(trees, seeds)
    print(audit_report(result, seeds))
    return 0 if result.clean else 1


def _stats_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="trainer stats", description="Your progress per tree, from your history.")
    parser.add_argument(
        "paths", nargs="*", type=Path, metavar="TREE", help="tree files or folders (default: the library)"
    )
    _data_dir_option(parser)
    return parser


def stats_command(args: list[str]) -> int:
    from trainer.study.history import open_history
    from trainer.study.mastery import live_due

    options = _stats_parser().parse_args(args)
    _apply_data_dir(options.data_dir)
    trees = _usable_trees(options.paths)
    history = open_history(read_only=True)  # reading only: the "not recorded" warning does not apply
    if history.read_problem:
        print(f"trainer stats: {history.read_problem}", file=sys.stderr)
    print(f"{'tree':44} {'attempts':>8} {'accuracy':>9} {'due':>5}  last studied")
    for tree in trees:
        stats = history.stats(tree.id)
        due = len(live_due([tree], history.due([tree.id])))
        accuracy = f"{stats.accuracy * 100:.0f}%" if stats.accuracy is not None else "-"
        last = stats.last_studied.strftime("%Y-%m-%d %H:%M") if stats.last_studied else "never"
        title = tree.title if len(tree.title) <= 44 else tree.title[:43] + "…"
        print(f"{title:44} {stats.attempts:>8} {accuracy:>9} {due:>5}  {last}")
        if len(trees) == 1:
            for day, score in stats.scores_over_time:
                print(f"  {day.isoformat()}  {'█' * round(score * 20):20} {score * 100:.0f}%")
    return 0


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
    if _missing([options.source], "trainer import"):
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
        return _write_stdout(result.yaml_text)
    try:
        write_atomically(options.output, result.yaml_text.encode("utf-8"))
    except OSError as exc:
        print(f"trainer import: cannot write {options.output}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"wrote {options.output}; check it with: trainer validate {options.output}", file=sys.stderr)
    return 0


def _missing(paths: list[Path], prog: str) -> bool:
    """Say so (and let the caller exit 2) when a named file or folder does not exist."""
    missing = [p for p in paths if not p.exists()]
    if missing:
        print(f"{prog}: no such file or folder: {missing[0]}", file=sys.stderr)
    return bool(missing)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _summary(files: int, errors: int, warnings: int) -> str:
    return f"checked {_plural(files, 'file')}: {_plural(errors, 'error')}, {_plural(warnings, 'warning')}"
