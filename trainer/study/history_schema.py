"""The history's schema: the migrations that build it, version by version, and the checks that
tell a history of this app from a damaged file or another program's database.

`PRAGMA user_version` is the schema version; `MIGRATIONS[n]` takes a database from version n to
n + 1, each in one transaction (BEGIN IMMEDIATE … COMMIT).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from functools import cache

# MIGRATIONS[n] takes a database at user_version n to n + 1: a sequence of single SQL statements,
# run in one transaction together with the new user_version.
MIGRATIONS: list[Sequence[str]] = [
    (  # 0 -> 1: attempts and FSRS cards
        """CREATE TABLE attempts (
            id INTEGER PRIMARY KEY,
            tree_id TEXT NOT NULL,
            item_key TEXT NOT NULL,
            kind TEXT NOT NULL,
            answered_at TEXT NOT NULL,
            correct INTEGER NOT NULL,
            score REAL NOT NULL,
            hint_used INTEGER NOT NULL DEFAULT 0,
            timed_out INTEGER NOT NULL DEFAULT 0,
            confidence TEXT,
            duration_s REAL
        )""",
        """CREATE TABLE cards (
            tree_id TEXT NOT NULL,
            item_key TEXT NOT NULL,
            card TEXT NOT NULL,
            due TEXT NOT NULL,
            PRIMARY KEY (tree_id, item_key)
        )""",
    ),
    # 1 -> 2: faster per-item lookups, and a `removed` flag that nothing sets any more (kept so
    # that version 2 stays version 2): items whose node left the tree are recognised by reading
    # the tree instead (trainer.study.mastery.live_due), which needs no write and cannot go stale.
    (
        "ALTER TABLE cards ADD COLUMN removed INTEGER NOT NULL DEFAULT 0",
        "CREATE INDEX attempts_by_item ON attempts (tree_id, item_key, answered_at)",
        "CREATE INDEX cards_by_due ON cards (due)",
    ),
]
SCHEMA_VERSION = len(MIGRATIONS)


class ForeignDatabaseError(Exception):
    """The file is an SQLite database, but not a history of this app."""


def migrate(db: sqlite3.Connection, from_version: int, to_version: int = SCHEMA_VERSION) -> None:
    """Run migrations from_version → to_version, each in its own transaction. Raises on failure
    (the failing step is rolled back; earlier steps stay done). The version is read again once
    the write lock is held: a step another running copy has just done is not done twice."""
    for version in range(from_version, to_version):
        db.execute("BEGIN IMMEDIATE")
        try:
            current = db.execute("PRAGMA user_version").fetchone()[0]
            if current == version == 0 and (tables := _tables(db)):
                raise ForeignDatabaseError(f"it holds other tables: {', '.join(tables)}")
            if current == version:
                for statement in MIGRATIONS[version]:
                    db.execute(statement)
                db.execute(f"PRAGMA user_version = {version + 1}")
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise


def _tables(db: sqlite3.Connection) -> list[str]:
    return [name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]


@cache
def _schema_of(version: int) -> dict[str, frozenset[str]]:
    """The tables and columns a history of `version` has (the migrations run on an empty database)."""
    db = sqlite3.connect(":memory:", isolation_level=None)
    try:
        migrate(db, 0, version)
        return {table: frozenset(row[1] for row in db.execute(f"PRAGMA table_info({table})")) for table in _tables(db)}
    finally:
        db.close()


def foreign_reason(db: sqlite3.Connection, version: int) -> str | None:
    """Why the database is not a history of this app at `version`, or None when it is one."""
    if version == 0:
        tables = _tables(db)
        return f"it holds other tables: {', '.join(tables)}" if tables else None
    for table, columns in _schema_of(version).items():
        found = {row[1] for row in db.execute(f"PRAGMA table_info({table})")}
        if not found:
            return f"it has no table '{table}'"
        if missing := sorted(columns - found):
            return f"its table '{table}' lacks {', '.join(missing)}"
    return None


def integrity_finding(db: sqlite3.Connection, thorough: bool) -> str | None:
    """SQLite's first finding about the file, or None when it is sound. A writer runs the whole
    integrity check (indexes against their tables too: writing through a broken index spreads
    the damage), once per session; readers, which open often, the quick one."""
    rows = db.execute(f"PRAGMA {'integrity_check' if thorough else 'quick_check'}(1)").fetchall()
    lines = [line for (text,) in rows for line in str(text).splitlines() if line and not line.startswith("***")]
    return None if lines == ["ok"] else (lines[0] if lines else "it fails SQLite's check")
