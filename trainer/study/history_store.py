"""The history store: every answered item, and an FSRS review card per item, in SQLite, with
the learner's progress read back from it.

A `History` never raises for database trouble: a write that fails (disk full, file made
read-only, a lock held too long) stops recording and says why in `problem`, and its methods then
do nothing or return empty results, so a quiz always runs. `trainer.study.history` opens one.

Items are keyed by tree id and a stable item key chosen by the quiz (`trainer.study.items`:
outcome id, scenario content), so history survives edits to unrelated parts of a tree. Times are
stored as ISO 8601 UTC text of fixed width ("2024-05-01T12:00:00.000000Z"), so they sort. Every
write is one BEGIN IMMEDIATE transaction under the connection's busy timeout, so several running
copies can share one file.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from fsrs import Card, Rating, Scheduler

from trainer.study.history_problems import NOT_RECORDED, is_damage, problem_message

# Confidence the learner may give after answering; None when they skip it.
LOW, MEDIUM, HIGH = "low", "medium", "high"
CONFIDENCES = (LOW, MEDIUM, HIGH)

# Fuzzing off: the same answers at the same times give the same schedule (and testable ones).
SCHEDULER = Scheduler(enable_fuzzing=False)

_TIME_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


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


def utc(now: datetime | None) -> datetime:
    """`now` in UTC (the present moment when None); a naive time is refused."""
    if now is None:
        return datetime.now(UTC)
    if now.tzinfo is None:
        raise ValueError("history times must be timezone-aware")
    return now.astimezone(UTC)


def _stamp(moment: datetime) -> str:
    return utc(moment).strftime(_TIME_FORMAT)


def _parse(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp).astimezone(UTC)


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
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
            self._db = None
        self.recording = False

    def __enter__(self) -> History:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _stop(self, error: BaseException) -> None:
        """A write failed: stop recording, say why, leave the database as it was."""
        self.recording = False
        self.problem = problem_message(error, self.path)
        if self._db is not None and self._db.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                self._db.execute("ROLLBACK")

    def _read(self, sql: str, parameters: Sequence[object] = ()) -> list[tuple[Any, ...]] | None:
        """Rows of a query, or None when the database cannot be read."""
        if self._db is None:
            return None
        try:
            return self._db.execute(sql, parameters).fetchall()
        except sqlite3.Error as error:
            # A damaged file stops recording too; a passing lock only costs this one read.
            if is_damage(error):
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
        moment = utc(now)
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
        parameters: list[object] = [_stamp(utc(now))]
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
            (_stamp(utc(now)),),
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
