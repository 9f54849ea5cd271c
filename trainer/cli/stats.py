"""`trainer stats [TREE...]`: the learner's progress per tree, from their history."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from trainer.cli.common import apply_data_dir, data_dir_option, terminal_safe, usable_trees


def _stats_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="trainer stats", description="Your progress per tree, from your history.")
    parser.add_argument(
        "paths", nargs="*", type=Path, metavar="TREE", help="tree files or folders (default: the library)"
    )
    data_dir_option(parser)
    return parser


def stats_command(args: list[str]) -> int:
    options = _stats_parser().parse_args(args)
    with terminal_safe():  # tree titles are printed: every line through one escaping helper
        return _stats(options)


def _stats(options: argparse.Namespace) -> int:
    from trainer.study.history import open_history
    from trainer.study.mastery import live_due

    apply_data_dir(options.data_dir)
    trees = usable_trees(options.paths)
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
