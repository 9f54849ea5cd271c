"""Problems found in a tree file, reported like a compiler so editors can jump to them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import NamedTuple

from trainer.core.safetext import escaped


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class Pos(NamedTuple):
    """A 1-based line and column in a source file (a tuple: made ~150,000 times per big file)."""

    line: int
    column: int


NOWHERE = Pos(1, 1)


@dataclass(frozen=True)
class Problem:
    """One error or warning, located in a file."""

    path: Path | None
    pos: Pos
    severity: Severity
    message: str

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def __str__(self) -> str:
        where = escaped(str(self.path)) if self.path is not None else "<text>"
        return f"{where}:{self.pos.line}:{self.pos.column}: {self.severity.value}: {self.message}"

    def as_json(self) -> dict[str, object]:
        return {
            "path": str(self.path) if self.path is not None else None,
            "line": self.pos.line,
            "column": self.pos.column,
            "severity": self.severity.value,
            "message": self.message,
        }


def one_line(message: str) -> str:
    """Escape control, format and bidi characters (author text can hold newlines and U+202E)
    so that a problem stays one `path:line:column: …` line that editors and tools can parse,
    and the author text it quotes cannot reorder the words around it."""
    return escaped(message)


def error(path: Path | None, pos: Pos, message: str) -> Problem:
    return Problem(path, pos, Severity.ERROR, one_line(message))


def warning(path: Path | None, pos: Pos, message: str) -> Problem:
    return Problem(path, pos, Severity.WARNING, one_line(message))


def has_errors(problems: list[Problem]) -> bool:
    return any(p.is_error for p in problems)
