"""Opening the learner's history (`trainer.study.history_store.History`): creating it, upgrading
it, and finding out what is wrong when it cannot be used.

`open_history` never raises for database trouble. A database that is locked by another running
copy, damaged, read-only or written by a newer version gives a History whose `recording` is False
and whose `problem` is a one-line message for the user, so a quiz always runs.

Each upgrade (`trainer.study.history_schema`) runs after a backup copy of the file beside it
(`NAME.bak-vN`, the last `BACKUPS_KEPT` are kept); a newer version is never written to.
Rollback-journal mode (not WAL), so a database on a read-only medium can still be opened and read.
Several running copies share one file: a migration checks the version again once it holds the
write lock, so two copies starting together upgrade once. A file that is not a usable history
(damaged, or another program's database) is never written to; it is `damaged`, and `set_aside`
moves it away under a clear name so that a fresh history can start.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from datetime import datetime
from pathlib import Path

from trainer.infra.fileio import damaged_name, replacing
from trainer.infra.paths import history_file
from trainer.study.history_problems import NOT_RECORDED, blocks_writing, is_damage, problem_message
from trainer.study.history_schema import (
    SCHEMA_VERSION,
    ForeignDatabaseError,
    foreign_reason,
    integrity_finding,
    migrate,
)
from trainer.study.history_store import History, utc

BACKUPS_KEPT = 3
DEFAULT_BUSY_TIMEOUT_S = 2.0


def default_history_path() -> Path:
    return history_file()


def _backup_path(path: Path, version: int) -> Path:
    return path.with_name(f"{path.name}.bak-v{version}")


def _backup(db: sqlite3.Connection, path: Path, version: int) -> None:
    """A consistent copy of the database beside it, NAME.bak-vVERSION; only the newest few kept."""
    with replacing(_backup_path(path, version)) as temp:
        copy = sqlite3.connect(temp)
        try:
            db.backup(copy)
        finally:
            copy.close()
    pattern = re.compile(re.escape(path.name) + r"\.bak-v(\d+)$")
    backups = sorted(
        (int(match.group(1)), sibling) for sibling in path.parent.iterdir() if (match := pattern.match(sibling.name))
    )
    for _, old in backups[:-BACKUPS_KEPT]:
        old.unlink(missing_ok=True)


def _writable(path: Path) -> bool:
    """SQLite writes a journal beside the database: the folder must be writable too."""
    return os.access(path.parent, os.W_OK) and (not path.exists() or os.access(path, os.W_OK))


def _roll_back_hot_journal(path: Path, busy_timeout_s: float) -> None:
    """A copy of the app that stopped mid-write left a hot journal; a read-write connection's
    first read rolls it back (the database returns to its last commit)."""
    db = sqlite3.connect(f"{path.absolute().as_uri()}?mode=rw", uri=True, timeout=busy_timeout_s, isolation_level=None)
    try:
        db.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
    finally:
        db.close()


def open_history(
    path: Path | None = None, *, read_only: bool = False, busy_timeout_s: float = DEFAULT_BUSY_TIMEOUT_S
) -> History:
    """Open (creating or upgrading) the history at `path`, by default in the user data folder.

    Never raises for database trouble: see `History`. `read_only=True` opens the file with SQLite's
    `mode=ro`, exactly as it behaves on a read-only disk (the writability probe then fails); a file
    that `os.access` says is not writable, or one in a folder that is not, is opened that way too.
    A reader that meets the hot journal of a copy that stopped mid-write has it rolled back first
    (when the disk allows), so progress stays readable after a crash."""
    path = Path(path) if path is not None else default_history_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        return History(
            path, None, f"history folder cannot be created: {path.parent} ({error.strerror or error}); {NOT_RECORDED}"
        )
    writable = _writable(path)
    history = _open(path, read_only or not writable, busy_timeout_s)
    if history.readable or not writable or not path.with_name(f"{path.name}-journal").exists():
        return history
    try:
        _roll_back_hot_journal(path, busy_timeout_s)
    except sqlite3.Error:
        return history
    return _open(path, read_only, busy_timeout_s)


def _open(path: Path, read_only: bool, busy_timeout_s: float) -> History:
    exists = path.exists()
    if read_only and not exists:
        where = "history is read-only" if os.access(path.parent, os.W_OK) else "history folder is read-only"
        return History(path, None, f"{where} ({path}): {NOT_RECORDED}")
    mode = "ro" if read_only else ("rw" if exists else "rwc")
    try:
        db = sqlite3.connect(
            f"{path.absolute().as_uri()}?mode={mode}", uri=True, timeout=busy_timeout_s, isolation_level=None
        )
    except sqlite3.Error as error:
        return History(path, None, problem_message(error, path))
    try:
        # One statement, one snapshot: another copy creating the tables right now cannot make a
        # new history look like another program's database.
        version, tables = db.execute(
            "SELECT (SELECT user_version FROM pragma_user_version),"
            " (SELECT COUNT(*) FROM sqlite_master WHERE type = 'table')"
        ).fetchone()
        if version > SCHEMA_VERSION:
            db.close()
            return History(
                path,
                None,
                "history was written by a newer version of the app "
                f"(schema {version}): {path}; it is left untouched; {NOT_RECORDED}",
            )
        if version > 0 and (finding := integrity_finding(db, thorough=not read_only)):
            db.close()
            return History(
                path,
                None,
                f"history file is damaged: {path} ({finding}); it is left untouched; {NOT_RECORDED}",
                damaged=True,
            )
        foreign = foreign_reason(db, version) if version > 0 or tables else None
        if foreign is not None:
            db.close()
            return _not_a_history(path, foreign)
        if version < SCHEMA_VERSION:
            if read_only:  # what it holds can still be read (a copy may be creating or upgrading it now)
                return History(
                    path, db, f"history is read-only ({path}) and needs an upgrade: {NOT_RECORDED}", recording=False
                )
            if exists and path.stat().st_size > 0:
                _backup(db, path, version)
            migrate(db, version)
        elif not read_only and (problem := _write_problem(db, path)):
            return History(path, db, problem, recording=False)  # readable, but nothing is recorded
        if read_only:
            # Readable for progress figures and due counts, but nothing is recorded.
            return History(path, db, f"history is read-only ({path}): {NOT_RECORDED}", recording=False)
        return History(path, db)
    except (sqlite3.Error, OSError, ForeignDatabaseError) as error:
        with contextlib.suppress(sqlite3.Error):
            db.close()
        if isinstance(error, ForeignDatabaseError):
            return _not_a_history(path, str(error))
        if isinstance(error, OSError):
            return History(
                path,
                None,
                f"history could not be backed up before its upgrade ({error}); it is left untouched; {NOT_RECORDED}",
            )
        return History(path, None, problem_message(error, path), damaged=is_damage(error))


def _write_problem(db: sqlite3.Connection, path: Path) -> str | None:
    """Can this connection write? SQLite silently opens a file on a read-only disk read-only, and
    a full disk has no room for the journal: find out now, with a write that is rolled back."""
    try:
        db.execute("BEGIN IMMEDIATE")
        try:
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        finally:
            if db.in_transaction:  # SQLite may have rolled back already (a full disk)
                db.execute("ROLLBACK")
    except sqlite3.Error as error:
        if blocks_writing(error):
            return problem_message(error, path)
        raise
    return None


def _not_a_history(path: Path, why: str) -> History:
    return History(
        path,
        None,
        f"history file is not a history of this app: {path} ({why}); it is left untouched; {NOT_RECORDED}",
        damaged=True,
    )


def set_aside(path: Path, now: datetime | None = None) -> Path:
    """Move a history that cannot be used out of the way, as NAME.damaged-YYYYMMDD-HHMMSS beside
    it (with its journal, if any), so that the next answer starts a fresh one and the old file is
    kept for whoever wants to repair it. Returns where it went; raises OSError."""
    target = damaged_name(path, utc(now).strftime("%Y%m%d-%H%M%S"))
    os.replace(path, target)
    journal = path.with_name(f"{path.name}-journal")
    if journal.exists():  # it belongs to the old file: a fresh one must not be "repaired" with it
        os.replace(journal, target.with_name(f"{target.name}-journal"))
    return target
