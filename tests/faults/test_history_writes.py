"""History writes meeting a full disk and other running copies, on real SQLite files.

SQLite does its own I/O, so the faults are real ones: `PRAGMA max_page_count` makes SQLite itself
report SQLITE_FULL ("database or disk is full") from a real write, and a tmpfs that is really
full does the same through write(2). Other copies are real processes writing the same file.
After every run the database passes `PRAGMA integrity_check`, holds every attempt that was
reported recorded and nothing else, and the History says it stopped recording and why.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.faults.conftest import Faults, Filler, tmpfs
from tests.faults.history_checks import attempts, cards, integrity
from trainer.study.history import open_history
from trainer.study.history_store import History

T0 = datetime(2024, 5, 1, 9, 0, tzinfo=UTC)
FULL = "history cannot be written, the disk is full ({path}); this attempt is not being recorded"


def _record_until_full(history: History, first: int) -> int:
    """Answer items until the history stops recording; how many were recorded."""
    for recorded, n in enumerate(range(first, first + 500)):
        if not history.record(
            "net", f"item {n % 40} " + "x" * 150, "walk", n % 3 != 0, 1.0, now=T0 + timedelta(minutes=n)
        ):
            return recorded
    raise AssertionError("the disk never filled up")


def _check_full_run(
    path: Path, history: History, before: list[tuple], recorded: int, faults: Faults, what: str
) -> None:
    after = attempts(path)
    intact = (
        history.recording is False
        and history.problem == FULL.format(path=path)
        and integrity(path) == "ok"
        and after[: len(before)] == before
        and len(after) == len(before) + recorded
    )
    faults.check(intact, f"{what}: {len(before)} + {recorded} reported, {len(after)} found, said {history.problem!r}")


def test_sqlite_full_at_every_page_of_growth(tmp_path: Path, faults: Faults) -> None:
    """The database may grow by 0, 1, 2, … pages, then the disk is "full": each time the
    attempts recorded before stay, the ones reported recorded are there, and it says why."""
    path = tmp_path / "history.sqlite3"
    with open_history(path) as history:
        for n in range(30):
            history.record("net", f"first {n}", "walk", True, 1.0, now=T0)
    for extra in range(0, 24):
        before = attempts(path)
        history = open_history(path)
        pages = history._db.execute("PRAGMA page_count").fetchone()[0]
        history._db.execute(f"PRAGMA max_page_count = {pages + extra}")  # room for `extra` more pages
        recorded = _record_until_full(history, len(before))
        history.close()
        _check_full_run(path, history, before, recorded, faults, f"{extra} pages of room")
    faults.assert_none_damaged()


def test_a_real_full_disk_at_every_half_page_of_room(faults: Faults) -> None:
    """The history on a 256 KiB tmpfs whose rest is filled; the room left grows by 512 bytes a
    run. SQLite meets ENOSPC writing its journal or the database itself."""
    with tmpfs("256k") as disk:
        path = disk / "history.sqlite3"
        with open_history(path) as history:
            for n in range(30):
                history.record("net", f"first {n}", "walk", True, 1.0, now=T0)
        filler = Filler(disk)
        for room in range(0, 8 * 4096, 512):
            filler.leave_free(room)
            before = attempts(path)
            history = open_history(path)
            if history.recording:
                recorded = _record_until_full(history, len(before))
            else:  # no room even for the journal of the check that the file is writable
                recorded = 0
            history.close()
            filler.fill()
            _check_full_run(path, history, before, recorded, faults, f"{room} bytes free")
        filler.leave_free(64 * 1024)
        with open_history(path) as history:  # room again: recording resumes in a new session
            assert history.recording and history.record("net", "after", "walk", True, 1.0, now=T0)
    faults.assert_none_damaged()


# --- two running copies ----------------------------------------------------------------------

WRITER = textwrap.dedent("""
    import sys, time
    from datetime import datetime, timedelta, timezone
    from pathlib import Path
    from trainer.study.history import open_history
    path, tree, count, start = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
    while time.time() < start:
        time.sleep(0.001)
    history = open_history(path)
    print("opened", history.recording, history.problem, flush=True)
    t0 = datetime(2024, 5, 1, tzinfo=timezone.utc)
    for n in range(count):
        if not history.record(tree, f"item {n % 20}", "walk", n % 3 != 0, 1.0, now=t0 + timedelta(seconds=n)):
            print("not recorded:", history.problem, flush=True)
            break
        print("committed", n, flush=True)
""")

READER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from trainer.study.history import open_history
    path, until = Path(sys.argv[1]), float(sys.argv[2])
    reads = 0
    while time.time() < until:
        if not path.exists():
            continue
        with open_history(path, read_only=True) as history:  # as the main window reads due counts
            history.due_counts()
            if history.read_problem:
                print("read problem:", history.read_problem, flush=True)
        reads += 1
    print("reads", reads, flush=True)
""")


def test_copies_writing_one_history_at_once_lose_nothing(tmp_path: Path, faults: Faults) -> None:
    """Three copies start together on a history that does not exist yet (each creates it, one
    does), then record as fast as they can while a fourth reads due counts in a loop."""
    count = 60
    for trial in range(4):
        path = tmp_path / f"trial-{trial}" / "history.sqlite3"
        start = time.time() + 0.6
        writers = [
            subprocess.Popen(
                [sys.executable, "-c", WRITER, str(path), f"copy-{n}", str(count), str(start)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for n in range(3)
        ]
        reader = subprocess.Popen(
            [sys.executable, "-c", READER, str(path), str(start + 3)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        outputs = [w.communicate(timeout=60) for w in writers]
        read_out, read_err = reader.communicate(timeout=60)
        found = attempts(path)
        for n, (out, err) in enumerate(outputs):
            lines = out.splitlines()
            committed = sum(line.startswith("committed") for line in lines)
            mine = [row for row in found if row[1] == f"copy-{n}"]
            faults.check(
                writers[n].returncode == 0
                and not err
                and lines[0] == "opened True None"
                and committed == count == len(mine),
                f"trial {trial}, copy {n}: exit {writers[n].returncode}, {committed} committed, {len(mine)} found, "
                f"said {lines[:1] + [line for line in lines if not line.startswith('committed')][1:]}, {err[-300:]}",
            )
        assert reader.returncode == 0 and not read_err and "read problem" not in read_out, (read_out, read_err)
        assert read_out.splitlines()[-1].startswith("reads ")
        faults.check(
            integrity(path) == "ok" and len(found) == 3 * count and cards(path) == 3 * 20,
            f"trial {trial}: integrity {integrity(path)}, {len(found)} attempts",
        )
    faults.assert_none_damaged()


def test_two_histories_in_one_process_interleave(tmp_path: Path, faults: Faults) -> None:
    path = tmp_path / "history.sqlite3"
    first, second = open_history(path), open_history(path)
    reader = open_history(path, read_only=True)
    for n in range(100):
        for name, history in (("first", first), ("second", second)):
            assert history.record(name, f"item {n % 7}", "walk", True, 1.0, now=T0 + timedelta(minutes=n))
        assert reader.stats("first").attempts == n + 1  # the reader sees each commit at once
    for history in (first, second, reader):
        history.close()
    rows = attempts(path)
    faults.check(
        integrity(path) == "ok" and [r[1] for r in rows] == ["first", "second"] * 100 and cards(path) == 14,
        f"{len(rows)} attempts, integrity {integrity(path)}",
    )
    faults.assert_none_damaged()


HOLDER = textwrap.dedent("""
    import sqlite3, sys, time
    db = sqlite3.connect(sys.argv[1], isolation_level=None)
    db.execute("BEGIN EXCLUSIVE")
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
    db.execute("ROLLBACK")
""")


@pytest.mark.parametrize(("held_s", "recorded"), [(0.3, True), (2.5, False)], ids=["shorter", "longer"])
def test_another_copy_holding_the_lock(tmp_path: Path, faults: Faults, held_s: float, recorded: bool) -> None:
    """Another copy holds the write lock: shorter than the busy timeout (1 s here), the answer
    waits and is recorded; longer, it is reported as not recorded, never dropped silently."""
    path = tmp_path / "history.sqlite3"
    with open_history(path) as history:
        history.record("net", "before", "walk", True, 1.0, now=T0)
    history = open_history(path, busy_timeout_s=1.0)
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(path), str(held_s)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "locked\n"
        started = time.monotonic()
        done = history.record("net", "during", "walk", True, 1.0, now=T0)
        waited = time.monotonic() - started
        still_recording = history.recording
    finally:
        holder.wait(timeout=30)
    history.close()
    keys = [row[2] for row in attempts(path)]
    if recorded:
        intact = done and still_recording and keys == ["before", "during"]
    else:
        intact = (
            not done
            and not still_recording
            and keys == ["before"]
            and waited >= 0.9
            and history.problem
            == "history is in use by another running copy of the app; this attempt is not being recorded"
        )
    faults.check(
        intact and integrity(path) == "ok", f"held {held_s} s: recorded {done}, {keys}, said {history.problem!r}"
    )
    faults.assert_none_damaged()
