"""A tree save meeting a full disk, short writes, a disk that stops taking data and an fsync
that fails: through the real `save_text` (the editor's save), with the faults injected at the
write(2)/fsync(2) seam of trainer.infra.fileio, at every byte offset of a few-KB tree; and once more on a
real file system that is full. After every run the file holds the complete old or the complete
new version, nothing else is left beside it, and a failure says what happened and where."""

from __future__ import annotations

import errno
import random
from pathlib import Path

import pytest

from tests.faults.conftest import Faults, Filler
from tests.faults.injection import fills_up_at, stalls_at, sync_fails
from trainer.author.saving import DiskState, SaveError, backups_of, save_text
from trainer.core.library import load_library

ROOT = Path(__file__).resolve().parents[2]
OLD = (ROOT / "trees" / "streaming-data.yaml").read_text(encoding="utf-8")
NEW = OLD.replace("title:", "title: Edited,", 1) + "\n# notes the author added while editing\n" * 3
OLD_BYTES, NEW_BYTES = OLD.encode("utf-8"), NEW.encode("utf-8")
NOT_SAVED = (
    "streaming.yaml was not saved: {why}. The file on disk is unchanged and your edits are still here; "
    "use Save As to put them elsewhere."
)


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    folder = tmp_path / "trees"
    folder.mkdir()
    path = folder / "streaming.yaml"
    path.write_bytes(OLD_BYTES)
    return path


def _outcome(path: Path) -> str:
    """'old', 'new' or what else the folder holds (a damaged file, a stray temporary file)."""
    names = sorted(p.name for p in path.parent.iterdir())
    if names != [path.name]:
        return f"the folder holds {names}"
    data = path.read_bytes()
    return {OLD_BYTES: "old", NEW_BYTES: "new"}.get(data, f"a damaged file of {len(data)} bytes")


def _save(path: Path, faults: Faults, what: str, expect: str, why: str = "", **injected) -> None:  # type: ignore[no-untyped-def]
    """One run: save NEW over OLD with the injected writer; check the file and the message."""
    message = ""
    try:
        save_text(path, NEW, DiskState.of(path), **injected)
    except SaveError as exc:
        message = str(exc)
    outcome = _outcome(path)
    said = message == NOT_SAVED.format(why=why) if expect == "old" else message == ""
    faults.check(outcome == expect and said, f"{what}: {outcome}, said {message!r}")
    if outcome != "old":
        path.write_bytes(OLD_BYTES)


def test_a_disk_that_fills_up_at_every_byte_of_the_save(tree: Path, faults: Faults) -> None:
    for room in range(len(NEW_BYTES) + 2):
        expect = "new" if room >= len(NEW_BYTES) else "old"
        _save(tree, faults, f"ENOSPC after {room} bytes", expect, "the disk is full", write=fills_up_at(room))
    assert faults.runs == len(NEW_BYTES) + 2
    faults.assert_none_damaged()


def test_short_writes_are_continued_and_a_disk_filling_between_them_loses_nothing(tree: Path, faults: Faults) -> None:
    rng = random.Random(20240501)
    for run in range(600):
        room = rng.randint(0, len(NEW_BYTES) + 100)
        expect = "new" if room >= len(NEW_BYTES) else "old"
        _save(
            tree,
            faults,
            f"run {run}: random short writes, ENOSPC after {room} bytes",
            expect,
            "the disk is full",
            write=fills_up_at(room, rng),
        )
    faults.assert_none_damaged()


def test_a_disk_that_stops_taking_data_at_every_byte(tree: Path, faults: Faults) -> None:
    for room in range(0, len(NEW_BYTES), 7):
        _save(
            tree,
            faults,
            f"no progress after {room} bytes",
            "old",
            "the disk reported an error while writing",
            write=stalls_at(room),
        )
    faults.assert_none_damaged()


@pytest.mark.parametrize(
    ("code", "why"),
    [(errno.EIO, "the disk reported an error while writing"), (errno.ENOSPC, "the disk is full")],
    ids=["EIO", "ENOSPC"],
)
def test_an_fsync_that_fails_keeps_the_old_file(tree: Path, faults: Faults, code: int, why: str) -> None:
    for _ in range(20):
        _save(tree, faults, f"fsync {errno.errorcode[code]}", "old", why, sync=sync_fails(code))
    faults.assert_none_damaged()


def test_a_full_disk_mid_save_leaves_nothing_the_library_would_show(tree: Path, faults: Faults) -> None:
    """The temporary file a failed save removes would otherwise sit beside the tree; the library
    lists the one tree, as it was."""
    _save(tree, faults, "ENOSPC half way", "old", "the disk is full", write=fills_up_at(len(NEW_BYTES) // 2))
    [entry] = load_library([tree.parent]).entries
    assert entry.path == tree and entry.usable and entry.tree.title == "Handling data that arrives continuously"
    faults.assert_none_damaged()


def test_a_real_full_disk(tiny_disk: Path, faults: Faults, tmp_path: Path) -> None:
    """A 64 KiB tmpfs: the tree on it, the rest filled, then room given back a page at a time. The
    backups live elsewhere (the user data folder), as in the app."""
    tree = tiny_disk / "trees" / "streaming.yaml"
    tree.parent.mkdir()
    tree.write_bytes(OLD_BYTES)
    filler = Filler(tiny_disk)
    backups = tmp_path / "backups"
    rooms = range(0, (-(-len(NEW_BYTES) // 4096) + 1) * 4096, 512)  # up to a page more than the new version needs
    for room in rooms:
        filler.leave_free(room)
        _save(
            tree,
            faults,
            f"real disk with {room} bytes free",
            _expected_on_tmpfs(room),
            "the disk is full",
            backups=backups,
        )
    assert {b.read_bytes() for b in backups_of(tree, backups)} <= {OLD_BYTES}  # every backup is whole
    assert any(r == "new" for r in (_expected_on_tmpfs(room) for room in rooms))
    faults.assert_none_damaged()


def _expected_on_tmpfs(room: int) -> str:
    """tmpfs hands out whole 4 KiB pages: the new version needs as many as its size fills."""
    pages_needed = -(-len(NEW_BYTES) // 4096)
    return "new" if room // 4096 >= pages_needed else "old"
