"""The fault-injection suite's bookkeeping and real faulty places.

Every scenario counts its runs through the `faults` fixture: one run is one fault injected (a
disk filling at byte k, a process killed, a database damaged) followed by a check of what the
user keeps (the file old or new byte for byte, records intact, edits kept). A run whose check
fails is a damaged file. The totals are printed at the end of the session:
"fault injection: N runs, M files damaged" (M must be 0; each test also fails on its own).

`tiny_disk` and `read_only_folder` give real faulty file systems: a small tmpfs that fills up
and a tmpfs remounted read-only when the tests may mount (root, as here and in CI), or a folder
made read-only with chmod for an ordinary user.
"""

from __future__ import annotations

import errno
import os
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.ui.conftest import library_dir, make_window, opened_links  # noqa: F401 - GUI fixtures for the GUI scenarios

# TRAINER_FAULT_RUNS scales the killed-process scenarios (1 = the CI budget; 10 = ten times as many kills).
SCALE = max(float(os.environ.get("TRAINER_FAULT_RUNS", "1")), 0.01)


def scaled(runs: int) -> int:
    return max(1, round(runs * SCALE))


@dataclass
class Scenario:
    runs: int = 0
    damaged: list[str] = field(default_factory=list)


TALLY: dict[str, Scenario] = {}


class Faults:
    """One scenario's tally: `check(intact, what)` after each injected fault."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.scenario = TALLY.setdefault(name, Scenario())

    def check(self, intact: bool, what: str) -> bool:
        self.scenario.runs += 1
        if not intact:
            self.scenario.damaged.append(what)
        return intact

    @property
    def runs(self) -> int:
        return self.scenario.runs

    def assert_none_damaged(self) -> None:
        damaged = self.scenario.damaged
        assert not damaged, f"{len(damaged)} of {self.runs} runs damaged a file, e.g. {damaged[:5]}"


@pytest.fixture
def faults(request: pytest.FixtureRequest) -> Iterator[Faults]:
    tally = Faults(request.node.nodeid.split("::", 1)[-1])
    yield tally
    assert tally.runs > 0, "a fault scenario that counted no runs proved nothing"


def pytest_terminal_summary(terminalreporter) -> None:  # type: ignore[no-untyped-def]
    if not TALLY:
        return
    runs = sum(s.runs for s in TALLY.values())
    damaged = sum(len(s.damaged) for s in TALLY.values())
    terminalreporter.section("fault injection")
    for name, scenario in sorted(TALLY.items()):
        terminalreporter.write_line(f"{scenario.runs:7d} runs {len(scenario.damaged):3d} damaged  {name}")
    terminalreporter.write_line(f"fault injection: {runs} runs, {damaged} files damaged")


# --- real faulty file systems ------------------------------------------------------------------


@contextmanager
def tmpfs(size: str) -> Iterator[Path]:
    """A real tmpfs of `size` mounted on a fresh folder (skipped when this user may not mount:
    the injected-fault variants of the same scenario still run)."""
    folder = Path(tempfile.mkdtemp(prefix="trainer-tmpfs-"))
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(folder)], capture_output=True, text=True
    )
    if mounted.returncode != 0:
        folder.rmdir()
        pytest.skip(
            f"a real full disk needs a small tmpfs, and mounting one failed here ({mounted.stderr.strip()}): "
            "run as root to include it; the injected-write variants of this scenario ran"
        )
    try:
        yield folder
    finally:
        if subprocess.run(["umount", str(folder)], capture_output=True).returncode != 0:
            subprocess.run(["umount", "-l", str(folder)], capture_output=True)
        folder.rmdir()


class Filler:
    """Fills a file system, then gives back exactly as much room as a run needs."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / "filler.bin"
        fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        try:
            while os.write(fd, b"\0" * 4096):
                pass
        except OSError as exc:
            assert exc.errno == errno.ENOSPC, exc
        finally:
            os.close(fd)
        self.size = self.path.stat().st_size

    def leave_free(self, room: int) -> None:
        """Shrink the filler so that about `room` bytes are free (tmpfs counts whole pages)."""
        os.truncate(self.path, max(0, self.size - room))

    def fill(self) -> None:
        self.leave_free(0)


@pytest.fixture
def tiny_disk() -> Iterator[Path]:
    """A real 64 KiB file system (tmpfs)."""
    with tmpfs("64k") as folder:
        yield folder


@pytest.fixture
def read_only_folder() -> Iterator[Callable[[dict[str, bytes]], Path]]:
    """`make({name: bytes})` gives a folder holding those files in which nothing can be written
    by this process: a tmpfs remounted read-only as root (chmod does not stop root), chmod 0o555
    for an ordinary user."""
    root = os.geteuid() == 0
    with ExitStack() as stack:

        def make(files: dict[str, bytes]) -> Path:
            if root:
                folder = stack.enter_context(tmpfs("1m"))
            else:
                folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="trainer-ro-")))
                stack.callback(folder.chmod, 0o755)  # before the folder is removed
            for name, data in files.items():
                (folder / name).write_bytes(data)
            if root:
                subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True, capture_output=True)
            else:
                folder.chmod(0o555)
            try:  # prove it: a folder this process can still write to would make the scenario a lie
                (folder / ".probe").write_bytes(b"")
            except OSError:
                return folder
            raise AssertionError(f"{folder} is still writable")

        yield make
