"""`trainer quiz [PATH...]`: a quiz in the terminal, answers read from standard input, or
--audit: the rate of items a learner could rightly dispute."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from trainer.cli.common import apply_data_dir, data_dir_option, missing, positive_int, terminal_safe, usable_trees

if TYPE_CHECKING:
    from trainer.core.model import Tree
    from trainer.study.feedback import Feedback
    from trainer.study.history_store import History


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
        type=positive_int,
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
        "--seeds", type=positive_int, default=300, metavar="N", help="with --audit: how many seeds (default 300)"
    )
    data_dir_option(parser)
    return parser


def quiz_command(args: list[str]) -> int:
    options = _quiz_parser().parse_args(args)
    with terminal_safe():  # author text is printed: every line through one escaping helper
        return _quiz(options)


def _quiz(options: argparse.Namespace) -> int:
    from trainer.study.scope import SCOPE_ALL, SCOPE_TAG, QuizSettings, scope_trees

    apply_data_dir(options.data_dir)
    if missing(options.paths, "trainer quiz"):
        return 2
    scope = QuizSettings(scope=SCOPE_TAG, tag=options.tag) if options.tag is not None else QuizSettings(scope=SCOPE_ALL)
    trees = scope_trees(usable_trees(options.paths), scope)
    if not trees:
        print(
            "trainer quiz: no tree to quiz on" + (f" with the tag '{options.tag}'" if options.tag else ""),
            file=sys.stderr,
        )
        return 1
    if options.audit:
        return _audit(trees, options.seeds)
    return _ask(trees, options)


def _ask(trees: list[Tree], options: argparse.Namespace) -> int:
    """The quiz itself: built from the seed, asked in the terminal, each answer recorded."""
    import random

    from trainer.study.building import build_quiz, review_quiz
    from trainer.study.history import open_history
    from trainer.study.terminal import run_text_quiz

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
    run_text_quiz(quiz.start(), sys.stdin, sys.stdout, _recorder(history))
    if history is not None and history.problem and history.recording is False:
        print(f"trainer quiz: {history.problem}", file=sys.stderr)
    return 0


def _recorder(history: History | None) -> Callable[[Feedback, float], None]:
    """What the terminal quiz calls after each answer: it goes to the history, if any."""
    from trainer.study.feedback import TIMED_OUT

    def record(feedback: Feedback, duration: float) -> None:
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

    return record


def _audit(trees: list[Tree], seeds: int) -> int:
    from trainer.study.audit import audit, audit_report

    result = audit(trees, seeds)
    print(audit_report(result, seeds))
    return 0 if result.clean else 1
