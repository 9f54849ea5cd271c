"""What can go wrong with the history file, read from SQLite's result codes and said in one
line for the user, always ending in the words that the attempt at hand is not recorded."""

from __future__ import annotations

import sqlite3
from pathlib import Path

NOT_RECORDED = "this attempt is not being recorded"

# SQLite primary result codes (the low byte of an extended code).
_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY = 5, 6, 8
_SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_CANTOPEN, _SQLITE_NOTADB = 11, 13, 14, 26
# Extended: a copy of the app stopped mid-write and left a hot journal, which a read-only
# connection may not roll back.
_SQLITE_READONLY_ROLLBACK = _SQLITE_READONLY | (3 << 8)


def _code(error: BaseException) -> int:
    """SQLite's extended result code of an error (0 when it has none)."""
    return getattr(error, "sqlite_errorcode", None) or 0


def is_damage(error: BaseException) -> bool:
    """The file is damaged, or no SQLite database at all."""
    return isinstance(error, sqlite3.Error) and _code(error) & 0xFF in (_SQLITE_CORRUPT, _SQLITE_NOTADB)


def blocks_writing(error: BaseException) -> bool:
    """The disk is full or read-only: the file can be read but not written."""
    return _code(error) & 0xFF in (_SQLITE_FULL, _SQLITE_READONLY)


def problem_message(error: BaseException, path: Path) -> str:
    """One line for the user saying what is wrong with the history and that nothing is recorded."""
    if isinstance(error, sqlite3.Error):
        code = _code(error) & 0xFF
        if _code(error) == _SQLITE_READONLY_ROLLBACK:
            return (
                f"history needs a repair after a copy of the app stopped while writing, which a read-only "
                f"disk does not allow ({path}); {NOT_RECORDED}"
            )
        if code in (_SQLITE_BUSY, _SQLITE_LOCKED):
            return f"history is in use by another running copy of the app; {NOT_RECORDED}"
        if code == _SQLITE_READONLY:
            return f"history is read-only ({path}): {NOT_RECORDED}"
        if code in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
            return f"history file is damaged: {path} ({error}); it is left untouched; {NOT_RECORDED}"
        if code == _SQLITE_FULL:
            return f"history cannot be written, the disk is full ({path}); {NOT_RECORDED}"
        if code == _SQLITE_CANTOPEN:
            return f"history cannot be opened: {path} ({error}); {NOT_RECORDED}"
    return f"history cannot be used: {path} ({error}); {NOT_RECORDED}"
