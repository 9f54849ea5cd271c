"""What the subcommands share: checks on the paths given, the data folder option, the trees a
library holds, numbers that must be positive, and writing to standard output."""

from __future__ import annotations

import argparse
import io
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from trainer.core.safetext import escaped

if TYPE_CHECKING:
    from trainer.core.model import Tree


def missing(paths: list[Path], prog: str) -> bool:
    """Say so (and let the caller exit 2) when a named file or folder does not exist."""
    missing = [p for p in paths if not p.exists()]
    if missing:
        print(f"{prog}: no such file or folder: {missing[0]}", file=sys.stderr)
    return bool(missing)


def data_dir_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir", type=Path, metavar="DIR", help="keep history and settings in DIR (also: TRAINER_DATA_DIR)"
    )


def apply_data_dir(folder: Path | None) -> None:
    if folder is not None:
        from trainer.infra.paths import DATA_DIR_VARIABLE

        os.environ[DATA_DIR_VARIABLE] = str(folder)


def usable_trees(paths: list[Path]) -> list[Tree]:
    from trainer.core.library import default_library_paths, load_library, user_library_ids

    library = load_library(paths or default_library_paths(), known=user_library_ids)
    for entry in library.entries:
        if not entry.usable:
            print(f"trainer: skipping {escaped(str(entry.path))}: {entry.first_error}", file=sys.stderr)
    return [e.tree for e in library.entries if e.usable and e.tree is not None]


def positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: '{text}'") from None
    if not 0 < value <= 100:
        raise argparse.ArgumentTypeError(f"must be more than 0 and at most 100, not {text}")
    return value


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: '{text}'") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {text}")
    return value


def write_stdout(text: str) -> int:
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


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


class _Escaping(io.TextIOBase):
    """A terminal stream that shows control, format and bidi characters as escapes
    (trainer.core.safetext.escaped): tab and newline are written as they are."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(escaped(text, keep_lines=True))
        return len(text)

    def flush(self) -> None:
        self._stream.flush()

    def isatty(self) -> bool:
        return self._stream.isatty()

    def fileno(self) -> int:
        return self._stream.fileno()


@contextmanager
def terminal_safe() -> Iterator[None]:
    """Everything printed inside goes through `escaped`: the second line of defence behind the
    loader, which refuses the harmful characters, for commands that print author text
    (`trainer quiz`, `trainer stats`). An escape sequence in a title could otherwise retitle the
    terminal, write the clipboard (OSC 52) or reset the screen; a bidi override reorder a line."""
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _Escaping(out), _Escaping(err)
    try:
        yield
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        sys.stdout, sys.stderr = out, err
