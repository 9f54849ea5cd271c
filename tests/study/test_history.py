"""The history store on real SQLite files: creating, recording, FSRS scheduling, migrations, and
every kind of database trouble leaving a History that does not raise and says why.

The tests run as root, where file permissions do not stop writes. Read-only is therefore made
real through SQLite itself: `open_history(read_only=True)` opens the file with `mode=ro`, which is
how SQLite treats a file on a read-only disk (writes fail with SQLITE_READONLY), and a file turning
read-only mid-session is `PRAGMA query_only` on the History's own connection (the same error from a
real write). A full disk is `PRAGMA max_page_count` (SQLITE_FULL from a real write).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from fsrs import Rating

from trainer.study.history import open_history
from trainer.study.history_schema import MIGRATIONS, SCHEMA_VERSION, migrate
from trainer.study.history_store import HIGH, LOW, History, TreeStats, rating_for

T0 = datetime(2024, 5, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "history.sqlite3"


@pytest.fixture
def history(db_path: Path) -> Iterator[History]:
    opened = open_history(db_path)
    assert opened.recording, opened.problem
    yield opened
    opened.close()


def _due_of(path: Path, tree_id: str, key: str) -> datetime:
    with sqlite3.connect(path) as db:
        (stamp,) = db.execute("SELECT due FROM cards WHERE tree_id = ? AND item_key = ?", (tree_id, key)).fetchone()
    db.close()
    return datetime.fromisoformat(stamp)


def _user_version(path: Path) -> int:
    db = sqlite3.connect(path)
    try:
        return db.execute("PRAGMA user_version").fetchone()[0]
    finally:
        db.close()


def _make_v1(path: Path) -> None:
    """A database as version 1 of the app left it, with one attempt and one card."""
    db = sqlite3.connect(path, isolation_level=None)
    migrate(db, 0, 1)
    db.execute(
        "INSERT INTO attempts (tree_id, item_key, kind, answered_at, correct, score) "
        "VALUES ('net', 'outcome:vpn', 'walk', '2024-04-01T10:00:00.000000Z', 1, 1.0)"
    )
    db.execute("INSERT INTO cards VALUES ('net', 'outcome:vpn', '{}', '2024-04-02T10:00:00.000000Z')")
    db.close()


def _assert_not_recording(opened: History, *phrases: str) -> None:
    assert opened.recording is False
    assert opened.problem and "\n" not in opened.problem
    for phrase in phrases:
        assert phrase in opened.problem
    # Every method still works and nothing raises.
    assert opened.record("t", "k", "walk", True, 1.0, now=T0) is False
    assert isinstance(opened.due(now=T0), list)
    assert isinstance(opened.due_counts(now=T0), dict)
    assert isinstance(opened.stats("t"), TreeStats)
    assert isinstance(opened.accuracy_by_item("t"), dict)
    opened.close()


# -- creating, recording, reading back ------------------------------------------------------


def test_create_makes_a_current_database_in_the_user_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRAINER_DATA_DIR", str(tmp_path / "portable"))
    opened = open_history()
    assert opened.recording and opened.problem is None
    assert opened.path == tmp_path / "portable" / "history.sqlite3"
    opened.close()
    assert _user_version(opened.path) == SCHEMA_VERSION
    assert not list(opened.path.parent.glob("*.bak-v*"))  # nothing to back up when new


def test_record_and_read_back(history: History, db_path: Path) -> None:
    assert history.record("net", "outcome:vpn", "walk", True, 1.0, confidence=HIGH, duration_s=4.5, now=T0)
    assert history.record("net", "outcome:vpn", "choice", False, 0.0, timed_out=True, now=T0 + timedelta(minutes=1))
    history.close()

    reopened = open_history(db_path)
    rows = reopened._db.execute(
        "SELECT tree_id, item_key, kind, answered_at, correct, score, hint_used, timed_out, confidence, duration_s "
        "FROM attempts ORDER BY id"
    ).fetchall()
    assert rows == [
        ("net", "outcome:vpn", "walk", "2024-05-01T09:00:00.000000Z", 1, 1.0, 0, 0, "high", 4.5),
        ("net", "outcome:vpn", "choice", "2024-05-01T09:01:00.000000Z", 0, 0.0, 0, 1, None, None),
    ]
    stats = reopened.stats("net")
    assert (stats.attempts, stats.correct, stats.accuracy) == (2, 1, 0.5)
    assert stats.last_studied == T0 + timedelta(minutes=1)
    reopened.close()


def test_rating_from_correctness_hint_and_confidence() -> None:
    assert rating_for(False, confidence=HIGH) == Rating.Again
    assert rating_for(True, hint_used=True, confidence=HIGH) == Rating.Hard
    assert rating_for(True, confidence=LOW) == Rating.Hard
    assert rating_for(True, timed_out=True) == Rating.Hard
    assert rating_for(True) == Rating.Good
    assert rating_for(True, confidence=HIGH) == Rating.Easy


def test_unknown_confidence_is_a_programming_error(history: History) -> None:
    with pytest.raises(ValueError):
        history.record("t", "k", "walk", True, 1.0, confidence="very", now=T0)


# -- FSRS -----------------------------------------------------------------------------------


def test_fsrs_right_right_wrong_right(history: History, db_path: Path) -> None:
    now = T0
    intervals = []
    for correct in (True, True, False, True):
        history.record("net", "k", "walk", correct, float(correct), now=now)
        due = _due_of(db_path, "net", "k")
        intervals.append(due - now)
        assert history.due(now=due - timedelta(seconds=1)) == []  # not due before its time
        assert history.due(now=due) == [("net", "k")]
        now = due  # answer again exactly when due

    first, second, wrong, after = intervals
    assert first <= timedelta(hours=1)  # a new item comes back within the learning steps
    assert second >= timedelta(days=1)  # two right answers: days later
    assert wrong <= timedelta(hours=1)  # a wrong answer: back soon
    assert after >= timedelta(days=1)  # right again: days later
    assert after < second * 2  # ...but the lapse cost it: no longer than before it grew


def test_easy_is_later_than_hard(history: History, db_path: Path) -> None:
    history.record("t", "easy", "walk", True, 1.0, confidence=HIGH, now=T0)
    history.record("t", "hard", "walk", True, 0.5, hint_used=True, now=T0)
    assert _due_of(db_path, "t", "easy") > _due_of(db_path, "t", "hard")


def test_due_and_due_counts_across_trees(history: History) -> None:
    history.record("a", "x", "walk", False, 0.0, now=T0)
    history.record("a", "y", "walk", False, 0.0, now=T0)
    history.record("b", "z", "walk", False, 0.0, now=T0)
    history.record("c", "w", "walk", True, 1.0, confidence=HIGH, now=T0)  # due in days
    later = T0 + timedelta(hours=2)
    assert history.due_counts(now=later) == {"a": 2, "b": 1}
    assert history.due(now=later) == [("a", "x"), ("a", "y"), ("b", "z")]
    assert history.due(["b", "c"], now=later) == [("b", "z")]
    assert history.due([], now=later) == []
    assert history.due_counts(now=T0 - timedelta(days=1)) == {}
    assert history.due_counts(now=T0 + timedelta(days=400)) == {"a": 2, "b": 1, "c": 1}


# -- progress figures -----------------------------------------------------------------------


def test_stats_accuracy_and_scores_over_time(history: History) -> None:
    day1, day3 = T0, T0 + timedelta(days=2)
    for correct in (True, True, True, False):
        history.record("net", "k1", "walk", correct, float(correct), now=day1)
    for correct in (True, False):
        history.record("net", "k2", "path", correct, float(correct), now=day3)
    history.record("other", "k1", "walk", False, 0.0, now=day3)

    stats = history.stats("net", now=day3 + timedelta(hours=1))
    assert (stats.attempts, stats.correct) == (6, 4)
    assert stats.accuracy == pytest.approx(4 / 6)
    assert stats.last_studied == day3
    assert stats.scores_over_time == [(date(2024, 5, 1), 0.75), (date(2024, 5, 3), 0.5)]
    assert stats.due == 2  # k1 (last answered wrong on day 1) and k2 (wrong on day 3)
    assert history.stats("never") == TreeStats()


def test_accuracy_by_item_uses_the_recent_window(history: History) -> None:
    answers = [False] * 5 + [True] * 10  # early mistakes, then mastered
    for i, correct in enumerate(answers):
        history.record("net", "k", "walk", correct, float(correct), now=T0 + timedelta(hours=i))
    history.record("net", "weak", "walk", False, 0.0, now=T0)
    history.record("elsewhere", "k", "walk", False, 0.0, now=T0)

    assert history.accuracy_by_item("net") == {"k": 1.0, "weak": 0.0}
    assert history.accuracy_by_item("net", recent=15)["k"] == pytest.approx(10 / 15)
    assert history.accuracy_by_item("net", recent=12)["k"] == pytest.approx(10 / 12)
    assert history.accuracy_by_item("nothing") == {}


def test_item_records_give_each_answered_items_figures(history: History, db_path: Path) -> None:
    from trainer.study.history_store import ItemRecord

    history.record("net", "net:path:gone", "path", True, 1.0, now=T0)
    history.record("net", "net:path:gone", "path", False, 0.0, now=T0 + timedelta(hours=2))
    history.record("net", "net:walk:0123456789ab", "walk", True, 0.5, hint_used=True, now=T0 + timedelta(hours=1))
    history.record("elsewhere", "elsewhere:path:gone", "path", True, 1.0, now=T0)
    history.close()
    with open_history(db_path, read_only=True) as reader:  # a real file, read back as the progress view does
        assert reader.item_records("net") == [
            ItemRecord("net:path:gone", "path", 2, 1, T0 + timedelta(hours=2)),
            ItemRecord("net:walk:0123456789ab", "walk", 1, 1, T0 + timedelta(hours=1)),
        ]
        assert reader.item_records("nothing") == []


# -- migrations -----------------------------------------------------------------------------


def test_migrations_are_numbered_by_user_version() -> None:
    assert SCHEMA_VERSION == len(MIGRATIONS) >= 2


@pytest.mark.parametrize("start", range(1, SCHEMA_VERSION))
def test_migrate_from_every_earlier_version(db_path: Path, start: int) -> None:
    db = sqlite3.connect(db_path, isolation_level=None)
    migrate(db, 0, start)
    db.execute(
        "INSERT INTO attempts (tree_id, item_key, kind, answered_at, correct, score) "
        "VALUES ('net', 'k', 'walk', '2024-04-01T10:00:00.000000Z', 1, 1.0)"
    )
    db.close()

    opened = open_history(db_path)
    assert opened.recording, opened.problem
    assert _user_version(db_path) == SCHEMA_VERSION
    assert opened.stats("net").attempts == 1  # data intact
    backup = db_path.with_name(f"{db_path.name}.bak-v{start}")
    assert _user_version(backup) == start
    assert opened.record("net", "k", "walk", True, 1.0, now=T0)
    opened.close()


def test_migrate_from_v1_keeps_data_and_backs_up(db_path: Path) -> None:
    _make_v1(db_path)
    opened = open_history(db_path)
    assert opened.recording, opened.problem
    assert _user_version(db_path) == 2
    assert opened.stats("net").attempts == 1
    assert opened.due(now=datetime(2024, 4, 3, tzinfo=UTC)) == [("net", "outcome:vpn")]  # removed = 0
    opened.close()

    backup = db_path.with_name("history.sqlite3.bak-v1")
    assert _user_version(backup) == 1
    with sqlite3.connect(backup) as db:
        assert db.execute("SELECT COUNT(*) FROM attempts").fetchone() == (1,)
    db.close()


def test_only_the_last_few_backups_are_kept(db_path: Path) -> None:
    for old in range(1, 6):  # left over from earlier upgrades
        db_path.with_name(f"history.sqlite3.bak-v{old}").write_bytes(b"old")
    db_path.with_name("history.sqlite3.bak-v1").unlink()
    _make_v1(db_path)
    open_history(db_path).close()
    kept = sorted(p.name for p in db_path.parent.glob("history.sqlite3.bak-v*"))
    assert kept == ["history.sqlite3.bak-v3", "history.sqlite3.bak-v4", "history.sqlite3.bak-v5"]


def test_a_failed_migration_is_rolled_back(db_path: Path) -> None:
    _make_v1(db_path)
    db = sqlite3.connect(db_path, isolation_level=None)
    db.execute("CREATE INDEX attempts_by_item ON attempts (id)")  # v2 cannot create its index now
    db.close()
    opened = open_history(db_path)
    assert not opened.recording and "attempts_by_item" in opened.problem
    opened.close()
    assert _user_version(db_path) == 1
    db = sqlite3.connect(db_path)
    columns = [row[1] for row in db.execute("PRAGMA table_info(cards)")]
    db.close()
    assert "removed" not in columns  # the ALTER before the failure was rolled back too


def test_newer_version_is_refused_and_left_untouched(db_path: Path) -> None:
    db = sqlite3.connect(db_path, isolation_level=None)
    migrate(db, 0, SCHEMA_VERSION)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    db.close()
    before = db_path.read_bytes()

    _assert_not_recording(
        open_history(db_path), "newer version of the app", f"schema {SCHEMA_VERSION + 5}", "untouched"
    )
    assert db_path.read_bytes() == before
    assert sorted(p.name for p in db_path.parent.iterdir()) == ["history.sqlite3"]  # no backup, no journal


# -- trouble --------------------------------------------------------------------------------


def test_locked_by_another_copy(db_path: Path) -> None:
    open_history(db_path).close()
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        opened = open_history(db_path, busy_timeout_s=0.05)
        _assert_not_recording(opened, "in use by another running copy of the app", "not being recorded")
    finally:
        other.execute("ROLLBACK")
        other.close()
    with open_history(db_path) as again:  # once the other copy lets go, recording works again
        assert again.recording


def test_lock_taken_mid_session_stops_recording(history: History, db_path: Path) -> None:
    history._db.execute("PRAGMA busy_timeout = 50")
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        assert history.record("t", "k", "walk", True, 1.0, now=T0) is False
        assert "in use by another running copy" in history.problem
        assert history.recording is False
    finally:
        other.execute("ROLLBACK")
        other.close()


@pytest.mark.parametrize("garbage", [b"this is not a database" * 100, b"SQLite format 3\x00" + b"\xff" * 4000])
def test_corrupt_file_is_reported_and_untouched(db_path: Path, garbage: bytes) -> None:
    db_path.write_bytes(garbage)
    _assert_not_recording(open_history(db_path), "history file is damaged", str(db_path))
    assert db_path.read_bytes() == garbage
    assert sorted(p.name for p in db_path.parent.iterdir()) == ["history.sqlite3"]


def test_damaged_pages_are_caught_by_the_integrity_check(db_path: Path) -> None:
    with open_history(db_path) as opened:
        for i in range(300):
            opened.record("t", f"item {i}", "walk", True, 1.0, now=T0)
    data = bytearray(db_path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    data[2 * page_size : 2 * page_size + 64] = b"\xa5" * 64  # scribble over a b-tree page header
    db_path.write_bytes(bytes(data))
    before = db_path.read_bytes()
    _assert_not_recording(open_history(db_path), "history file is damaged")
    assert db_path.read_bytes() == before


def test_read_only_database_can_be_read_but_records_nothing(db_path: Path) -> None:
    with open_history(db_path) as opened:
        opened.record("net", "k", "walk", False, 0.0, now=T0)
    before = db_path.read_bytes()

    read_only = open_history(db_path, read_only=True)
    assert read_only.recording is False
    assert read_only.problem == f"history is read-only ({db_path}): this attempt is not being recorded"
    assert read_only.stats("net").attempts == 1  # progress and due reviews still show
    assert read_only.due(now=T0 + timedelta(hours=1)) == [("net", "k")]
    assert read_only.record("net", "k", "walk", True, 1.0, now=T0) is False
    read_only.close()
    assert db_path.read_bytes() == before


def test_read_only_and_missing_or_old(db_path: Path) -> None:
    _assert_not_recording(open_history(db_path, read_only=True), "read-only")
    assert not db_path.exists()
    _make_v1(db_path)
    before = db_path.read_bytes()
    _assert_not_recording(open_history(db_path, read_only=True), "read-only", "upgrade")
    assert db_path.read_bytes() == before


def test_folder_that_cannot_be_created(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    _assert_not_recording(open_history(blocker / "history.sqlite3"), "folder cannot be created")


def test_file_made_read_only_mid_session_stops_recording(history: History) -> None:
    assert history.record("t", "k", "walk", True, 1.0, now=T0)
    history._db.execute("PRAGMA query_only = ON")  # writes now fail as on a read-only file
    assert history.record("t", "k", "walk", True, 1.0, now=T0) is False
    assert history.recording is False
    assert "read-only" in history.problem and "not being recorded" in history.problem
    assert history.stats("t").attempts == 1  # the failed attempt left nothing half-written
    history._db.execute("PRAGMA query_only = OFF")
    assert history.record("t", "k", "walk", True, 1.0, now=T0) is False  # stays off for the session


def test_disk_full_mid_session_stops_recording(history: History) -> None:
    history.record("t", "k", "walk", True, 1.0, now=T0)
    pages = history._db.execute("PRAGMA page_count").fetchone()[0]
    history._db.execute(f"PRAGMA max_page_count = {pages}")  # no room to grow, as on a full disk
    for i in range(200):
        if not history.record("t", f"item {i} " + "x" * 200, "walk", True, 1.0, now=T0):
            break
    assert history.recording is False
    assert "disk is full" in history.problem
    assert history.stats("t").attempts == 1 + i  # every reported success is there, nothing more


def test_read_problem_is_about_reading_not_recording(tmp_path):
    path = tmp_path / "history.sqlite3"
    assert open_history(path, read_only=True).read_problem is None  # not created yet: nothing to read
    with open_history(path) as history:
        assert history.readable and history.read_problem is None
    with open_history(path, read_only=True) as history:
        assert history.readable and not history.recording and history.read_problem is None
    path.write_bytes(b"garbage" * 200)
    with open_history(path, read_only=True) as history:
        assert not history.readable and "damaged" in history.read_problem
