"""A history file that is not what the app wrote: garbage, truncated at every few KB, scribbled
over, empty, another program's SQLite database, a newer schema. Opening it never raises; unless it
is a sound history it is never written to (byte for byte the same, nothing created beside it), the
History says what is wrong and where, and `set_aside` moves a damaged one away under a clear name
so that a fresh history starts while the old file is kept."""

from __future__ import annotations

import hashlib
import random
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.faults.conftest import Faults
from tests.faults.history_checks import attempts, integrity
from trainer.study.history import open_history, set_aside
from trainer.study.history_schema import SCHEMA_VERSION
from trainer.study.history_store import History

T0 = datetime(2024, 5, 1, 9, 0, tzinfo=UTC)
NOT_RECORDED = "this attempt is not being recorded"


def make_history(path: Path, answers: int = 200) -> bytes:
    with open_history(path) as history:
        for n in range(answers):
            history.record("net", f"item {n} " + "x" * 100, "walk", n % 3 != 0, 1.0, now=T0)
    return path.read_bytes()


def foreign_database(
    path: Path, user_version: int = 0, sql: str = "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)"
) -> None:
    db = sqlite3.connect(path, isolation_level=None)
    db.execute(sql)
    db.execute("INSERT INTO notes (body) VALUES ('a note of another program')" if "notes" in sql else "SELECT 1")
    db.execute(f"PRAGMA user_version = {user_version}")
    db.close()


def _opened_untouched(path: Path, data: bytes) -> tuple[History, History, bool]:
    """Open as the quiz does and as the main window does; whether the file and its folder are as
    they were (no journal, no backup, no byte changed). `writer.usable` is whether it would record."""
    writer = open_history(path)
    writer.usable = writer.recording  # type: ignore[attr-defined]
    writer.close()
    reader = open_history(path, read_only=True)
    reader.close()
    untouched = path.read_bytes() == data and sorted(p.name for p in path.parent.iterdir()) == [path.name]
    return writer, reader, untouched


def _refused(history: History, *phrases: str) -> bool:
    return (
        not getattr(history, "usable", False)
        and history.problem is not None
        and "\n" not in history.problem
        and history.problem.endswith(NOT_RECORDED)
        and all(p in history.problem for p in phrases)
    )


def test_truncated_at_every_half_page(tmp_path: Path, faults: Faults) -> None:
    whole = make_history(tmp_path / "whole.sqlite3")
    for cut in range(100, len(whole), 2048):
        path = tmp_path / f"cut-{cut}" / "history.sqlite3"
        path.parent.mkdir()
        path.write_bytes(whole[:cut])
        writer, reader, untouched = _opened_untouched(path, whole[:cut])
        faults.check(
            untouched
            and writer.damaged
            and _refused(writer, "history file is damaged", str(path), "left untouched")
            and not reader.readable
            and reader.read_problem == writer.problem,
            f"cut at {cut}: untouched {untouched}, said {writer.problem!r}",
        )
    faults.assert_none_damaged()


def test_scribbled_over(tmp_path: Path, faults: Faults) -> None:
    """Random bytes over a random stretch: either SQLite's checks find it (refused, untouched) or
    the damage lies where no check can see it and the history is sound to SQLite."""
    whole = make_history(tmp_path / "whole.sqlite3")
    rng = random.Random(3)
    refused = 0
    for run in range(150):
        data = bytearray(whole)
        start = rng.randrange(len(data))
        length = rng.choice((1, 16, 64, 512, 4096))
        data[start : start + length] = rng.randbytes(len(data[start : start + length]))
        path = tmp_path / f"run-{run}" / "history.sqlite3"
        path.parent.mkdir()
        path.write_bytes(bytes(data))
        writer, _reader, untouched = _opened_untouched(path, bytes(data))
        if writer.usable:  # the damage lies where no check sees it: changed text inside a record
            ok = integrity(path) == "ok"
        else:
            refused += 1
            ok = untouched and writer.damaged and _refused(writer, "history file is damaged", str(path))
        faults.check(ok, f"run {run}: {length} bytes at {start}: untouched {untouched}, said {writer.problem!r}")
    print(f"150 scribbles, {refused} found and refused")
    assert refused > 0
    faults.assert_none_damaged()


CASES = {
    "garbage": lambda path: path.write_bytes(random.Random(1).randbytes(50_000)),
    "text": lambda path: path.write_bytes(b"this is not a database, just a note\n" * 100),
    "header then garbage": lambda path: path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 8000),
    "another program's database": lambda path: foreign_database(path),
    "another program's database with a version": lambda path: foreign_database(path, 2),
    "our table names, other columns": lambda path: foreign_database(
        path, 1, "CREATE TABLE attempts (id INTEGER PRIMARY KEY, what TEXT)"
    ),
}
SAID = {
    "garbage": "history file is damaged",
    "text": "history file is damaged",
    "header then garbage": "history file is damaged",
    "another program's database": "not a history of this app",
    "another program's database with a version": "not a history of this app",
    "our table names, other columns": "not a history of this app",
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_file_that_is_no_history_is_kept_and_can_be_set_aside(tmp_path: Path, faults: Faults, case: str) -> None:
    path = tmp_path / "history.sqlite3"
    CASES[case](path)
    data = path.read_bytes()
    writer, reader, untouched = _opened_untouched(path, data)
    refused = (
        untouched
        and writer.damaged
        and _refused(writer, SAID[case], str(path), "left untouched")
        and _refused(reader, SAID[case])
        and not reader.readable
    )
    moved = set_aside(path, now=T0)
    fresh = open_history(path)
    recorded = fresh.record("net", "after", "walk", True, 1.0, now=T0)
    fresh.close()
    faults.check(
        refused
        and moved == tmp_path / "history.sqlite3.damaged-20240501-090000"
        and moved.read_bytes() == data
        and recorded
        and [row[2] for row in attempts(path)] == ["after"],
        f"{case}: refused {refused}, said {writer.problem!r}, set aside as {moved.name}",
    )
    assert writer.reason == writer.problem.removesuffix(
        f"; {NOT_RECORDED}"
    )  # said at start-up, when no answer is at hand
    faults.assert_none_damaged()


def test_a_newer_schema_is_kept_and_not_offered_to_set_aside(tmp_path: Path, faults: Faults) -> None:
    path = tmp_path / "history.sqlite3"
    make_history(path, 20)
    db = sqlite3.connect(path, isolation_level=None)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 3}")
    db.close()
    data = path.read_bytes()
    writer, reader, untouched = _opened_untouched(path, data)
    faults.check(
        untouched
        and not writer.damaged
        and _refused(writer, "newer version of the app", f"schema {SCHEMA_VERSION + 3}", str(path))
        and reader.read_problem == writer.problem,
        f"said {writer.problem!r}",
    )
    faults.assert_none_damaged()


def test_an_empty_file_is_a_new_history(tmp_path: Path, faults: Faults) -> None:
    """Zero bytes is what SQLite itself leaves when a copy is stopped between creating the file
    and its first write: there is nothing in it to lose, and it becomes a history."""
    path = tmp_path / "history.sqlite3"
    path.write_bytes(b"")
    with open_history(path) as history:
        recorded = history.record("net", "k", "walk", True, 1.0, now=T0)
    faults.check(
        recorded and integrity(path) == "ok" and len(attempts(path)) == 1, "the empty file did not become a history"
    )
    faults.assert_none_damaged()


def test_setting_aside_twice_in_one_second_keeps_both(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    names = []
    for n in range(2):
        path.write_bytes(f"damaged {n}".encode())
        names.append(set_aside(path, now=T0).name)
    assert names == ["history.sqlite3.damaged-20240501-090000", "history.sqlite3.damaged-20240501-090000-2"]
    assert [hashlib.sha1((tmp_path / n).read_bytes()).hexdigest() for n in names] == [
        hashlib.sha1(f"damaged {n}".encode()).hexdigest() for n in range(2)
    ]
