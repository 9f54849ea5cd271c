"""The learner's history: every answered item, and an FSRS review card per item, in SQLite.

A `History` never raises for database trouble. Opening a database that is locked by another
running copy, damaged, read-only or written by a newer version gives a History whose `recording` is
False and whose `problem` is a one-line message for the user; a write that fails later in a session
(disk full, file made read-only) does the same. Its methods then do nothing or return empty results,
so a quiz always runs.

Items are keyed by tree id and a stable item key chosen by the quiz engine (outcome id, scenario
content), so history survives edits to unrelated parts of a tree.

Schema: `PRAGMA user_version` is the schema version; `MIGRATIONS[n]` takes a database from version n
to n + 1. Each runs in one transaction (BEGIN IMMEDIATE … COMMIT), after a backup copy of the file
beside it (`NAME.bak-vN`, the last `BACKUPS_KEPT` are kept). A newer version is never written to.
Times are stored as ISO 8601 UTC text of fixed width ("2024-05-01T12:00:00.000000Z"), so they sort.
Rollback-journal mode (not WAL), so a database on a read-only medium can still be opened and read.

Several running copies share one file: every write is one BEGIN IMMEDIATE transaction under a busy
timeout (a write still blocked after it is reported, never dropped silently), and a migration checks
the version again once it holds the write lock, so two copies starting together upgrade once. A file
that is not a usable history (damaged, or another program's database) is never written to; it is
`damaged`, and `set_aside` moves it away under a clear name so that a fresh history can start.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path

from fsrs import Card, Rating, Scheduler

from trainer.infra.fileio import replacing
from trainer.infra.paths import history_file

BACKUPS_KEPT = 3
DEFAULT_BUSY_TIMEOUT_S = 2.0

# Confidence the learner may give after answering; None when they skip it.
LOW, MEDIUM, HIGH = "low", "medium", "high"
CONFIDENCES = (LOW, MEDIUM, HIGH)

NOT_RECORDED = "this attempt is not being recorded"

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

# Fuzzing off: the same answers at the same times give the same schedule (and testable ones).
SCHEDULER = Scheduler(enable_fuzzing=False)

_TIME_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"

# SQLite primary result codes (the low byte of an extended code).
_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY = 5, 6, 8
_SQLITE_IOERR, _SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_CANTOPEN, _SQLITE_NOTADB = 10, 11, 13, 14, 26
# Extended: a copy of the app stopped mid-write and left a hot journal, which a read-only
# connection may not roll back.
_SQLITE_READONLY_ROLLBACK = _SQLITE_READONLY | (3 << 8)


@dataclass(frozen=True)
class TreeStats:
    """Progress figures of one tree. `accuracy` is None before the first attempt; the dates of
    `scores_over_time` are UTC days, each with that day's fraction of right answers."""

    attempts: int = 0
    correct: int = 0
    accuracy: float | None = None
    last_studied: datetime | None = None
    due: int = 0
    scores_over_time: list[tuple[date, float]] = field(default_factory=list)


@dataclass(frozen=True)
class ItemRecord:
    """What the history knows of one item without its tree: the key and kind it was recorded
    under, how often it was answered (and right) and when last, so an item whose node has left the
    tree can still be shown to the learner."""

    key: str
    kind: str
    attempts: int
    correct: int
    last_answered: datetime


def rating_for(
    correct: bool, hint_used: bool = False, timed_out: bool = False, confidence: str | None = None
) -> Rating:
    """Wrong → Again; right with a hint, after the time ran out or with low confidence → Hard;
    right with high confidence → Easy; otherwise right → Good."""
    if not correct:
        return Rating.Again
    if hint_used or timed_out or confidence == LOW:
        return Rating.Hard
    if confidence == HIGH:
        return Rating.Easy
    return Rating.Good


def _utc(now: datetime | None) -> datetime:
    if now is None:
        return datetime.now(UTC)
    if now.tzinfo is None:
        raise ValueError("history times must be timezone-aware")
    return now.astimezone(UTC)


def _stamp(moment: datetime) -> str:
    return _utc(moment).strftime(_TIME_FORMAT)


def _parse(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp).astimezone(UTC)


def _code(error: BaseException) -> int:
    """SQLite's extended result code of an error (0 when it has none)."""
    return getattr(error, "sqlite_errorcode", None) or 0


def _is_damage(error: BaseException) -> bool:
    return isinstance(error, sqlite3.Error) and _code(error) & 0xFF in (_SQLITE_CORRUPT, _SQLITE_NOTADB)


def _message(error: BaseException, path: Path) -> str:
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


class History:
    """The history database, or a stand-in that records nothing (then `problem` says why).

    Reads work whenever the database could be opened (also read-only); writes only while
    `recording`. No method raises for database trouble."""

    def __init__(
        self,
        path: Path,
        connection: sqlite3.Connection | None,
        problem: str | None = None,
        recording: bool | None = None,
        damaged: bool = False,
    ) -> None:
        self.path = path
        self._db = connection
        self.problem = problem
        self.recording = connection is not None and problem is None if recording is None else recording
        # The file exists but is no usable history (damaged, or another program's database): it is
        # left untouched, and `set_aside` can move it away so that a fresh history starts.
        self.damaged = damaged

    @property
    def reason(self) -> str | None:
        """What is wrong, without the words about the attempt at hand (for saying it when no quiz
        runs), or None."""
        if self.problem is None:
            return None
        return self.problem.removesuffix(NOT_RECORDED).rstrip(";: ")

    @property
    def readable(self) -> bool:
        """Progress figures and due items can be read (also after a read-only open)."""
        return self._db is not None

    @property
    def read_problem(self) -> str | None:
        """Why the history cannot be read, or None. Unlike `problem` (which is about recording),
        a deliberate read-only open or a history not created yet is no trouble for a reader."""
        if self.readable or not self.path.exists():
            return None
        return self.problem

    # -- life cycle -------------------------------------------------------------------------

    def close(self) -> None:
        if self._db is not None:
            try:
                self._db.close()
            except sqlite3.Error:
                pass
            self._db = None
        self.recording = False

    def __enter__(self) -> History:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _stop(self, error: BaseException) -> None:
        """A write failed: stop recording, say why, leave the database as it was."""
        self.recording = False
        self.problem = _message(error, self.path)
        if self._db is not None and self._db.in_transaction:
            try:
                self._db.execute("ROLLBACK")
            except sqlite3.Error:
                pass

    def _read(self, sql: str, parameters: Sequence[object] = ()) -> list[tuple] | None:
        """Rows of a query, or None when the database cannot be read."""
        if self._db is None:
            return None
        try:
            return self._db.execute(sql, parameters).fetchall()
        except sqlite3.Error as error:
            # A damaged file stops recording too; a passing lock only costs this one read.
            if _is_damage(error):
                self._stop(error)
                self.damaged = True
            return None

    # -- writing ----------------------------------------------------------------------------

    def record(
        self,
        tree_id: str,
        item_key: str,
        kind: str,
        correct: bool,
        score: float,
        hint_used: bool = False,
        timed_out: bool = False,
        confidence: str | None = None,
        duration_s: float | None = None,
        now: datetime | None = None,
    ) -> bool:
        """Record one answered item and reschedule its review card. True when it was recorded."""
        if confidence is not None and confidence not in CONFIDENCES:
            raise ValueError(f"confidence must be one of {CONFIDENCES} or None, not {confidence!r}")
        moment = _utc(now)
        if not self.recording or self._db is None:
            return False
        db = self._db
        try:
            db.execute("BEGIN IMMEDIATE")
            db.execute(
                "INSERT INTO attempts (tree_id, item_key, kind, answered_at, correct, score, hint_used,"
                " timed_out, confidence, duration_s) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    tree_id,
                    item_key,
                    kind,
                    _stamp(moment),
                    int(bool(correct)),
                    float(score),
                    int(bool(hint_used)),
                    int(bool(timed_out)),
                    confidence,
                    duration_s,
                ),
            )
            row = db.execute(
                "SELECT card FROM cards WHERE tree_id = ? AND item_key = ?", (tree_id, item_key)
            ).fetchone()
            card = Card.from_json(row[0]) if row else Card(card_id=int(moment.timestamp() * 1000), due=moment)
            card, _log = SCHEDULER.review_card(card, rating_for(correct, hint_used, timed_out, confidence), moment)
            db.execute(
                "INSERT INTO cards (tree_id, item_key, card, due, removed) VALUES (?, ?, ?, ?, 0)"
                " ON CONFLICT (tree_id, item_key) DO UPDATE SET card = excluded.card, due = excluded.due, removed = 0",
                (tree_id, item_key, card.to_json(), _stamp(card.due)),
            )
            db.execute("COMMIT")
        except sqlite3.Error as error:
            self._stop(error)
            return False
        return True

    # -- reading ----------------------------------------------------------------------------

    def due(self, tree_ids: Iterable[str] | None = None, now: datetime | None = None) -> list[tuple[str, str]]:
        """(tree_id, item_key) of every item due for review at `now`, soonest first."""
        sql = "SELECT tree_id, item_key FROM cards WHERE removed = 0 AND due <= ?"
        parameters: list[object] = [_stamp(_utc(now))]
        if tree_ids is not None:
            ids = list(tree_ids)
            if not ids:
                return []
            sql += f" AND tree_id IN ({', '.join('?' * len(ids))})"
            parameters += ids
        rows = self._read(sql + " ORDER BY due, tree_id, item_key", parameters)
        return [(tree_id, key) for tree_id, key in rows or []]

    def due_counts(self, now: datetime | None = None) -> dict[str, int]:
        """How many items are due per tree (trees with none due are left out)."""
        rows = self._read(
            "SELECT tree_id, COUNT(*) FROM cards WHERE removed = 0 AND due <= ? GROUP BY tree_id ORDER BY tree_id",
            (_stamp(_utc(now)),),
        )
        return {tree_id: count for tree_id, count in rows or []}

    def stats(self, tree_id: str, now: datetime | None = None) -> TreeStats:
        totals = self._read(
            "SELECT COUNT(*), COALESCE(SUM(correct), 0), MAX(answered_at) FROM attempts WHERE tree_id = ?", (tree_id,)
        )
        if not totals or not totals[0][0]:
            return TreeStats()
        attempts, correct, last = totals[0]
        days = self._read(
            "SELECT substr(answered_at, 1, 10), AVG(correct) FROM attempts WHERE tree_id = ?"
            " GROUP BY substr(answered_at, 1, 10) ORDER BY 1",
            (tree_id,),
        )
        return TreeStats(
            attempts=attempts,
            correct=correct,
            accuracy=correct / attempts,
            last_studied=_parse(last),
            due=self.due_counts(now).get(tree_id, 0),
            scores_over_time=[(date.fromisoformat(day), float(mean)) for day, mean in days or []],
        )

    def accuracy_by_item(self, tree_id: str, recent: int = 10) -> dict[str, float]:
        """Each item's fraction of right answers over its last `recent` attempts (mastery overlay)."""
        rows = self._read(
            "SELECT item_key, AVG(correct) FROM ("
            " SELECT item_key, correct, ROW_NUMBER() OVER"
            "  (PARTITION BY item_key ORDER BY answered_at DESC, id DESC) AS age"
            " FROM attempts WHERE tree_id = ?) WHERE age <= ? GROUP BY item_key",
            (tree_id, max(1, int(recent))),
        )
        return {key: float(mean) for key, mean in rows or []}

    def item_records(self, tree_id: str) -> list[ItemRecord]:
        """Every item of the tree that was ever answered, by key, with its figures."""
        rows = self._read(
            "SELECT item_key, MAX(kind), COUNT(*), COALESCE(SUM(correct), 0), MAX(answered_at)"
            " FROM attempts WHERE tree_id = ? GROUP BY item_key ORDER BY item_key",
            (tree_id,),
        )
        return [ItemRecord(key, kind, count, right, _parse(last)) for key, kind, count, right, last in rows or []]


# -- opening and migrating ----------------------------------------------------------------


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


class ForeignDatabase(Exception):
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
                raise ForeignDatabase(f"it holds other tables: {', '.join(tables)}")
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


def _foreign(db: sqlite3.Connection, version: int) -> str | None:
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
        return History(path, None, _message(error, path))
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
        if version > 0 and (finding := _check(db, thorough=not read_only)):
            db.close()
            return History(
                path,
                None,
                f"history file is damaged: {path} ({finding}); it is left untouched; {NOT_RECORDED}",
                damaged=True,
            )
        foreign = _foreign(db, version) if version > 0 or tables else None
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
    except (sqlite3.Error, OSError, ForeignDatabase) as error:
        try:
            db.close()
        except sqlite3.Error:
            pass
        if isinstance(error, ForeignDatabase):
            return _not_a_history(path, str(error))
        if isinstance(error, OSError):
            return History(
                path,
                None,
                f"history could not be backed up before its upgrade ({error}); it is left untouched; {NOT_RECORDED}",
            )
        return History(path, None, _message(error, path), damaged=_is_damage(error))


def _check(db: sqlite3.Connection, thorough: bool) -> str | None:
    """SQLite's first finding about the file, or None when it is sound. A writer runs the whole
    integrity check (indexes against their tables too: writing through a broken index spreads
    the damage), once per session; readers, which open often, the quick one."""
    rows = db.execute(f"PRAGMA {'integrity_check' if thorough else 'quick_check'}(1)").fetchall()
    lines = [line for (text,) in rows for line in str(text).splitlines() if line and not line.startswith("***")]
    return None if lines == ["ok"] else (lines[0] if lines else "it fails SQLite's check")


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
        if _code(error) & 0xFF in (_SQLITE_FULL, _SQLITE_READONLY):
            return _message(error, path)
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
    stamp = _utc(now).strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
    os.replace(path, target)
    journal = path.with_name(f"{path.name}-journal")
    if journal.exists():  # it belongs to the old file: a fresh one must not be "repaired" with it
        os.replace(journal, target.with_name(f"{target.name}-journal"))
    return target
