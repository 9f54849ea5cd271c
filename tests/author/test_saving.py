"""Saving edited trees: atomic, refusing to overwrite other programs' changes, with backups; and
recovery files that survive a killed process. Failures are real ones (a file-size limit, a
folder the writer may not write to, a folder that vanished), never mocks of the file system."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from trainer.author.recovery import RecoveryStore
from trainer.author.saving import BACKUPS_KEPT, ConflictError, DiskState, SaveError, backups_of, save_text
from trainer.infra.fileio import write_atomically

ROOT = Path(__file__).resolve().parents[2]
ORIGINAL = (ROOT / "trees" / "streaming-data.yaml").read_text(encoding="utf-8")


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    path = tmp_path / "trees" / "streaming.yaml"
    path.parent.mkdir()
    path.write_text(ORIGINAL, encoding="utf-8")
    return path


def test_saving_writes_the_text_and_keeps_the_previous_version_as_a_backup(tree: Path, tmp_path: Path) -> None:
    known = DiskState.of(tree)
    edited = ORIGINAL.replace("title:", "title: Edited", 1)
    state = save_text(tree, edited, known, backups=tmp_path / "backups")
    assert tree.read_text(encoding="utf-8") == edited and state == DiskState.of(tree)
    [backup] = backups_of(tree, tmp_path / "backups")
    assert backup.read_text(encoding="utf-8") == ORIGINAL
    assert not [p for p in tree.parent.iterdir() if p != tree]  # no clutter beside the file


def test_saving_an_unchanged_text_writes_nothing(tree: Path, tmp_path: Path) -> None:
    before = tree.stat().st_mtime_ns
    os.utime(tree, ns=(before - 10**9, before - 10**9))
    save_text(tree, ORIGINAL, DiskState.of(tree), backups=tmp_path / "backups")
    assert tree.stat().st_mtime_ns == before - 10**9 and tree.read_text(encoding="utf-8") == ORIGINAL
    assert backups_of(tree, tmp_path / "backups") == []


def test_only_a_few_backups_are_kept(tree: Path, tmp_path: Path) -> None:
    for n in range(BACKUPS_KEPT + 3):
        save_text(tree, ORIGINAL + f"# {n}\n", None, backups=tmp_path / "backups")
    kept = backups_of(tree, tmp_path / "backups")
    assert len(kept) == BACKUPS_KEPT
    assert kept[0].read_text(encoding="utf-8").endswith(f"# {BACKUPS_KEPT + 1}\n")  # newest first


def test_a_file_changed_by_another_program_is_not_overwritten(tree: Path) -> None:
    known = DiskState.of(tree)
    tree.write_text(ORIGINAL + "# theirs\n", encoding="utf-8")
    with pytest.raises(ConflictError, match="changed by another program"):
        save_text(tree, ORIGINAL + "# mine\n", known)
    assert tree.read_text(encoding="utf-8").endswith("# theirs\n")
    tree.unlink()
    with pytest.raises(ConflictError, match="deleted"):
        save_text(tree, ORIGINAL + "# mine\n", known)
    assert save_text(tree, ORIGINAL + "# mine\n", None) == DiskState.of(tree)  # the author chose


def test_a_vanished_folder_gives_a_clear_message(tmp_path: Path) -> None:
    gone = tmp_path / "gone" / "tree.yaml"
    with pytest.raises(SaveError, match="the folder no longer exists.*Save As"):
        save_text(gone, ORIGINAL, None)


def _run(code: str, *, fsize: int | None = None) -> subprocess.CompletedProcess[str]:
    """Run `code` in a child that may write at most `fsize` bytes per file."""
    prelude = textwrap.dedent(f"""
        import os, resource, signal, sys
        sys.path.insert(0, {str(ROOT)!r})
    """)
    if fsize is not None:
        prelude += textwrap.dedent(f"""
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
            resource.setrlimit(resource.RLIMIT_FSIZE, ({fsize}, {fsize}))
        """)
    return subprocess.run(
        [sys.executable, "-c", prelude + textwrap.dedent(code)], capture_output=True, text=True, timeout=60
    )


SAVE = """
    from pathlib import Path
    from trainer.author.saving import DiskState, SaveError, save_text
    path = Path({path!r})
    {become}
    try:
        save_text(path, Path(path).read_text() + "x" * 100_000, DiskState.of(path))
    except SaveError as exc:
        print("SaveError:", exc)
"""


def test_a_short_write_leaves_the_original_byte_for_byte(tree: Path) -> None:
    before = tree.read_bytes()
    done = _run(SAVE.format(path=str(tree), become=""), fsize=len(before) + 10_000)
    assert "SaveError: streaming.yaml was not saved: the file is larger than this system allows" in done.stdout, (
        done.stderr
    )
    assert tree.read_bytes() == before
    assert [p.name for p in tree.parent.iterdir()] == ["streaming.yaml"]  # the temporary file is gone


def test_a_folder_the_writer_may_not_write_to_leaves_the_original(tree: Path) -> None:
    before = tree.read_bytes()
    if os.geteuid() == 0:  # root may write anywhere: save as an ordinary user instead
        for part in (tree.parent, *tree.parent.parents):
            if part == Path(part.anchor):
                break
            os.chmod(part, os.stat(part).st_mode | 0o005)
        os.chmod(tree, 0o644)
        os.chmod(tree.parent, 0o555)
        # everything is imported first: the ordinary user may not read root's Python
        done = _run(SAVE.format(path=str(tree), become="os.setgid(65534); os.setuid(65534)"))
    else:
        os.chmod(tree.parent, 0o555)
        done = _run(SAVE.format(path=str(tree), become=""))
    try:
        assert "SaveError: streaming.yaml was not saved: you may not write in that folder" in done.stdout, done.stderr
        assert tree.read_bytes() == before
    finally:
        os.chmod(tree.parent, 0o755)


def test_a_writer_that_makes_no_progress_fails_the_write(tmp_path: Path) -> None:
    path = tmp_path / "file.txt"
    path.write_bytes(b"old")
    calls: list[int] = []

    def stalls(fd: int, data: memoryview) -> int:
        calls.append(len(data))
        return os.write(fd, data[:3]) if len(calls) == 1 else 0  # three bytes, then nothing

    with pytest.raises(OSError, match="short write"):
        write_atomically(path, b"new content", write=stalls)
    assert path.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["file.txt"]

    def halves(fd: int, data: memoryview) -> int:  # partial writes are continued
        return os.write(fd, data[: max(len(data) // 2, 1)])

    write_atomically(path, b"new content", write=halves)
    assert path.read_bytes() == b"new content"


def test_recovery_survives_a_killed_process(tmp_path: Path, tree: Path) -> None:
    store = tmp_path / "recovery"
    code = f"""
        import signal
        from pathlib import Path
        from trainer.author.recovery import RecoveryStore
        RecoveryStore(Path({str(store)!r})).write(Path({str(tree)!r}), "edited text\\n", "base", "s1")
        RecoveryStore(Path({str(store)!r})).write(None, "a new tree\\n", None, "s1")
        os.kill(os.getpid(), signal.SIGKILL)
    """
    done = _run(code)
    assert done.returncode == -9
    found = RecoveryStore(store).pending()
    assert {(r.tree_path, r.text) for r in found} == {(tree, "edited text\n"), (None, "a new tree\n")}
    assert all(r.still_needed() for r in found)
    RecoveryStore(store).discard(tree, "s1")
    assert [r.tree_path for r in RecoveryStore(store).pending()] == [None]


def test_a_recovery_the_file_already_holds_is_not_needed(tmp_path: Path, tree: Path) -> None:
    store = RecoveryStore(tmp_path / "recovery")
    assert store.write(tree, ORIGINAL, None, "s")
    assert not store.pending()[0].still_needed()
    (tmp_path / "recovery" / "junk.json").write_text("{not json", encoding="utf-8")
    assert len(store.pending()) == 1  # an unreadable file is skipped, not deleted
    assert (tmp_path / "recovery" / "junk.json").exists()


def test_two_running_copies_keep_their_own_recovery_and_never_take_each_others(tmp_path: Path, tree: Path) -> None:
    store = RecoveryStore(tmp_path / "recovery")
    assert store.write(tree, "edits of the first copy\n", None, "first")
    assert store.write(tree, "edits of the second copy\n", None, "second")
    assert sorted(r.text for r in store.pending()) == ["edits of the first copy\n", "edits of the second copy\n"]
    assert all(r.owner_running() for r in store.pending())  # this process wrote them: not to be offered
    store.discard(tree, "first")
    assert [r.text for r in store.pending()] == ["edits of the second copy\n"]

    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        other_file = store.key(tree, "third")
        store.write(tree, "edits of a copy still running\n", None, "third")
        raw = json.loads(other_file.read_text(encoding="utf-8"))
        other_file.write_text(json.dumps({**raw, "pid": other.pid}), encoding="utf-8")  # as that process wrote it
        running = next(r for r in store.pending() if r.text.startswith("edits of a copy still"))
        assert running.owner_running()
    finally:
        other.kill()
        other.wait()
    gone = next(r for r in store.pending() if r.text.startswith("edits of a copy still"))
    assert not gone.owner_running()  # its process ended: now its edits are offered


def test_a_save_clears_what_a_killed_save_left_behind_but_not_a_save_in_progress(tmp_path: Path) -> None:
    from trainer.infra.fileio import STALE_AFTER_S, write_atomically

    tree = tmp_path / "a[1].yaml"  # glob's special characters in the name are taken literally
    tree.write_text("old", encoding="utf-8")
    stale = tmp_path / ".a[1].yaml.k3j9x_2q.tmp"  # a save killed an hour ago
    fresh = tmp_path / ".a[1].yaml.p0o9i8u7.tmp"  # another running copy's save, now
    other = tmp_path / ".b.yaml.k3j9x_2q.tmp"  # another file's
    for leftover in (stale, fresh, other):
        leftover.write_text("half a tree", encoding="utf-8")
    old = os.path.getmtime(stale) - STALE_AFTER_S - 60
    for leftover in (stale, other):
        os.utime(leftover, (old, old))

    write_atomically(tree, b"new")

    assert tree.read_bytes() == b"new"
    assert not stale.exists() and fresh.exists() and other.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([tree.name, fresh.name, other.name])
