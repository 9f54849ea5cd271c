"""The `trainer` command: open the window, or run a subcommand, each in a module of its own
(validate, export, quiz, stats, import_). The window and every subcommand's work are imported
only when asked for, so `trainer validate` never loads Qt."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence

from trainer.cli.export import export_command
from trainer.cli.import_ import import_command
from trainer.cli.launch import open_command
from trainer.cli.quiz import quiz_command
from trainer.cli.stats import stats_command
from trainer.cli.validate import validate_command

COMMANDS: dict[str, Callable[[list[str]], int]] = {
    "validate": validate_command,
    "export": export_command,
    "quiz": quiz_command,
    "stats": stats_command,
    "import": import_command,
}
SUBCOMMANDS = tuple(COMMANDS)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    command = COMMANDS.get(args[0]) if args else None
    if command is None:
        return open_command(args)
    return command(args[1:])
