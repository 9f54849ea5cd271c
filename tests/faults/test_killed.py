"""A process killed (SIGKILL: no clean-up runs) at random moments while it saves a tree, writes
its recovery file and records quiz answers, over and over, on real files. After every kill the
tree file is byte for byte one of the two complete versions, every backup and recovery file is
whole, the history opens, passes `PRAGMA integrity_check` and holds every answer the process
said it had recorded; the temporary files a kill leaves never show up in the library.

The kills are seeded; TRAINER_FAULT_RUNS=10 makes ten times as many (the default keeps each
scenario well under a minute).
"""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from tests.faults.conftest import Faults, scaled
from tests.faults.history_checks import attempts, integrity
from trainer.author.recovery import RecoveryStore
from trainer.author.saving import backups_of
from trainer.core.library import load_library
from trainer.infra.watching import folder_listing, watch_plan
from trainer.study.history import open_history

ROOT = Path(__file__).resolve().parents[2]
# a bundled tree that continues in no other, so it opens in a library of its own
OLD = (ROOT / "trees" / "identity-access.yaml").read_text(encoding="utf-8")
NEW = OLD.replace("title:", "title: Edited,", 1) + "".join(f"# a note the author added, {n}\n" for n in range(400))
VERSIONS = {OLD.encode("utf-8"): "old", NEW.encode("utf-8"): "new"}

SAVER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from trainer.author.recovery import RecoveryStore
    from trainer.author.saving import DiskState, save_text
    path, old, new, backups, recovery = (Path(a) for a in sys.argv[1:6])
    versions = [old.read_text(encoding="utf-8"), new.read_text(encoding="utf-8")]
    store = RecoveryStore(recovery)
    known = DiskState.of(path)
    turn = 1 if path.read_text(encoding="utf-8") == versions[0] else 0
    store.write(path, versions[turn % 2], known.digest, "killed-session")  # the editor has typed
    print("ready", flush=True)  # so every kill below lands after one recovery write, however slow the disk
    while True:  # what an author pressing Ctrl+S again and again does, with the recovery timer
        text = versions[turn % 2]
        known = save_text(path, text, known, backups)
        turn += 1
        store.write(path, versions[turn % 2], known.digest, "killed-session")
""")


def _kill_after(code: str, args: list[str], delay: float) -> str:
    """Start a child running `code`, let it work for `delay` seconds once ready, SIGKILL it;
    what it printed."""
    child = subprocess.Popen(
        [sys.executable, "-c", code, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        ready = child.stdout.readline()
        assert ready.startswith("ready"), child.stderr.read()
        time.sleep(delay)
    finally:
        child.send_signal(signal.SIGKILL)
        # read through the same buffered stream as `ready` (it may hold lines already), to the end
        out, err = child.stdout.read(), child.stderr.read()
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL and not err, err
    return ready + out


def test_a_save_killed_at_random_moments(tmp_path: Path, faults: Faults) -> None:
    folder = tmp_path / "library"
    folder.mkdir()
    tree = folder / "identity-access.yaml"
    tree.write_text(OLD, encoding="utf-8")
    sources = tmp_path / "old.yaml", tmp_path / "new.yaml"
    sources[0].write_text(OLD, encoding="utf-8")
    sources[1].write_text(NEW, encoding="utf-8")
    backups, recovery = tmp_path / "backups", tmp_path / "recovery"
    args = [str(tree), str(sources[0]), str(sources[1]), str(backups), str(recovery)]
    rng = random.Random(7)
    kills, mid_save, seen = scaled(200), 0, set()

    def temporary_files() -> set[Path]:
        return {p for place in (folder, backups, recovery) for p in place.rglob(".*.tmp")}

    for kill in range(kills):
        leftovers = temporary_files()
        _kill_after(SAVER, args, rng.uniform(0.0, 0.08))
        outcome = VERSIONS.get(tree.read_bytes(), f"a damaged file of {tree.stat().st_size} bytes")
        seen.add(outcome)
        mid_save += bool(temporary_files() - leftovers)  # the kill came while a file was being written
        torn_backups = [b.name for b in backups_of(tree, backups) if b.read_bytes() not in VERSIONS]
        [kept] = RecoveryStore(recovery).pending()
        assert not kept.owner_running()  # its writer is dead: the next start offers it
        faults.check(
            outcome in ("old", "new") and not torn_backups and kept.text.encode("utf-8") in VERSIONS,
            f"kill {kill}: the tree is {outcome}, torn backups {torn_backups}, recovery {kept.text[:40]!r}",
        )
    print(
        f"{kills} kills, {mid_save} of them while a tree, backup or recovery file was being written; "
        f"versions seen: {sorted(seen)}"
    )
    assert seen == {"old", "new"} and mid_save > 0  # the kills did land mid-save, and saves did complete
    # What the kills left behind: hidden temporary files, never a second tree in the library.
    strays = sorted(p.name for p in folder.iterdir() if p != tree)
    assert all(name.startswith(f".{tree.name}.") and name.endswith(".tmp") for name in strays), strays
    library = load_library([folder])
    assert [e.path for e in library.entries] == [tree] and library.entries[0].usable
    assert folder_listing(folder, watch_plan([folder], [tree])) == frozenset({tree})  # hot reload ignores them too
    assert all(p.suffix == ".json" or (p.name.startswith(".") and p.suffix == ".tmp") for p in recovery.iterdir())
    faults.assert_none_damaged()


RECORDER = textwrap.dedent("""
    import sys
    from datetime import datetime, timedelta, timezone
    from pathlib import Path
    from trainer.study.history import open_history
    path, first = Path(sys.argv[1]), int(sys.argv[2])
    history = open_history(path)
    print("ready", history.recording, history.problem, flush=True)
    t0 = datetime(2024, 5, 1, tzinfo=timezone.utc)
    n = first
    while True:  # a learner answering as fast as the disk allows
        if not history.record("net", f"item {n % 30}", "walk", n % 4 != 0, 1.0, now=t0 + timedelta(minutes=n)):
            print("not recorded:", history.problem, flush=True)
            break
        print("committed", n, flush=True)
        n += 1
""")


def test_recording_killed_at_random_moments(tmp_path: Path, faults: Faults) -> None:
    path = tmp_path / "history.sqlite3"
    open_history(path).close()
    rng = random.Random(11)
    kills, hot_journals = scaled(100), 0
    reported = 0
    for kill in range(kills):
        before = attempts(path)
        out = _kill_after(RECORDER, [str(path), str(len(before))], rng.uniform(0.0, 0.05))
        lines = out.splitlines()
        assert lines[0] == "ready True None" and not any(line.startswith("not recorded") for line in lines), lines[-3:]
        committed = sum(line.startswith("committed") for line in lines)
        reported += committed
        journal = path.with_name(path.name + "-journal")
        if journal.exists() and journal.stat().st_size > 0:
            hot_journals += 1
            # What the main window does first: a read-only look at the due counts and progress,
            # which must roll the dead copy's half-written answer back rather than say "read-only".
            with open_history(path, read_only=True) as reader:
                faults.check(
                    reader.readable
                    and reader.read_problem is None
                    and reader.stats("net").attempts in (len(before) + committed, len(before) + committed + 1),
                    f"kill {kill}: after a hot journal the reader says {reader.read_problem!r}",
                )
        with open_history(path) as history:  # the next start
            opened = history.recording
        after = attempts(path)
        # every answer it reported is there; at most one more (killed after COMMIT, before printing)
        faults.check(
            opened
            and integrity(path) == "ok"
            and after[: len(before)] == before
            and len(after) - len(before) in (committed, committed + 1),
            f"kill {kill}: {committed} reported, {len(after) - len(before)} found, integrity {integrity(path)}",
        )
    print(f"{kills} kills, {reported} answers reported recorded, {hot_journals} kills left a hot journal")
    assert reported > 0 and hot_journals > 0  # answers were recorded, and some kills came mid-transaction
    faults.assert_none_damaged()


def test_a_recovery_file_killed_mid_write_is_whole_or_the_previous_one(tmp_path: Path, faults: Faults) -> None:
    """The recovery timer writing a large tree's edits, killed: what the next start reads is
    one complete set of edits (JSON that parses), never a torn one."""
    code = textwrap.dedent("""
        import sys
        from pathlib import Path
        from trainer.author.recovery import RecoveryStore
        store, texts = RecoveryStore(Path(sys.argv[1])), [sys.argv[2] * 2000, sys.argv[3] * 3000]
        print("ready", flush=True)
        n = 0
        while True:
            store.write(None, texts[n % 2], None, "timer")
            n += 1
    """)
    store = tmp_path / "recovery"
    rng = random.Random(5)
    for kill in range(scaled(40)):
        _kill_after(code, [str(store), "first edits\n", "second edits\n"], rng.uniform(0.0, 0.05))
        files = list(store.glob("*.json"))
        texts = [json.loads(f.read_text(encoding="utf-8"))["text"] for f in files]
        faults.check(
            len(files) <= 1 and all(t in ("first edits\n" * 2000, "second edits\n" * 3000) for t in texts),
            f"kill {kill}: {len(files)} recovery files",
        )
    faults.assert_none_damaged()
