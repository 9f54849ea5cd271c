"""Progress and cancel of long work (trainer.infra.progress), and the library load that honours them:
shared between a worker thread and the window, decided without Qt."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from trainer.core.library import load_library, read_tree
from trainer.infra.progress import Cancelled, Progress, Snapshot

BUNDLED = Path(__file__).resolve().parents[2] / "trees"


class CancelAfter(Progress):
    """The user presses Cancel once `files` files are read (the real Progress otherwise)."""

    def __init__(self, files: int) -> None:
        super().__init__()
        self.files = files

    def advance(self, steps: int = 1) -> None:
        if self.snapshot().done + steps >= self.files:
            self.cancel()
        super().advance(steps)


def _library(tmp_path: Path, names: list[str]) -> Path:
    folder = tmp_path / "library"
    folder.mkdir()
    for name in names:
        (folder / name).write_text((BUNDLED / name).read_text(encoding="utf-8"), encoding="utf-8")
    return folder


def test_a_snapshot_says_what_is_done_in_words() -> None:
    progress = Progress()
    assert progress.snapshot() == Snapshot("", 0, 0) and progress.snapshot().text == ""
    progress.start("Loading trees", 40)
    progress.advance(12)
    assert progress.snapshot().text == "Loading trees… 12 of 40"
    progress.start("Laying out the tree")
    assert progress.snapshot().text == "Laying out the tree…"


def test_check_raises_only_after_cancel_and_is_not_an_ordinary_exception() -> None:
    progress = Progress()
    progress.check()
    progress.cancel()
    assert progress.cancelled
    with pytest.raises(Cancelled):
        progress.check()
    with pytest.raises(Cancelled):
        progress.advance()
    # the many "one bad file must not take the library down" handlers catch Exception, not a cancel
    assert not issubclass(Cancelled, Exception)


def test_counts_from_several_threads_add_up() -> None:
    progress = Progress()
    progress.start("Counting", 8000)
    workers = [threading.Thread(target=lambda: [progress.advance() for _ in range(1000)]) for _ in range(8)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert progress.snapshot().done == 8000


def test_a_library_load_cancelled_halfway_keeps_the_files_read_so_far(tmp_path: Path) -> None:
    names = sorted(p.name for p in BUNDLED.glob("*.yaml"))
    folder = _library(tmp_path, names)
    library = load_library([folder], progress=CancelAfter(2))
    assert [e.path.name for e in library.entries] == names[:2]
    assert [p.name for p in library.unread] == names[2:]
    assert not library.complete and all(e.usable for e in library.entries)
    whole = load_library([folder], progress=Progress())
    assert whole.complete and len(whole.entries) == len(names)
    assert [e.tree for e in whole.entries[:2]] == [e.tree for e in library.entries]


def test_duplicate_ids_are_flagged_among_the_files_read(tmp_path: Path) -> None:
    """A cancelled load is consistent: the second file claiming an id is flagged when it was
    read, and the first keeps its id whatever was left unread."""
    folder = _library(tmp_path, ["edge-resilience.yaml"])
    text = (folder / "edge-resilience.yaml").read_text(encoding="utf-8")
    (folder / "edge-zz-copy.yaml").write_text(text, encoding="utf-8")
    (folder / "zz-other.yaml").write_text(
        (BUNDLED / "streaming-data.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    library = load_library([folder], progress=CancelAfter(2))
    assert [e.path.name for e in library.entries] == ["edge-resilience.yaml", "edge-zz-copy.yaml"]
    first, copy = library.entries
    assert first.usable and not copy.usable
    assert "is already used by" in copy.first_error.message  # type: ignore[union-attr]


def test_a_cancel_stops_reading_a_file_instead_of_becoming_one_of_its_problems(tmp_path: Path) -> None:
    folder = _library(tmp_path, ["edge-resilience.yaml"])
    progress = Progress()
    progress.cancel()
    with pytest.raises(Cancelled):
        read_tree(folder / "edge-resilience.yaml", progress=progress)
    assert read_tree(folder / "edge-resilience.yaml").usable  # without a progress nothing changes


def test_a_load_cancelled_before_any_file_is_empty_and_lists_every_file_unread(tmp_path: Path) -> None:
    folder = _library(tmp_path, ["edge-resilience.yaml", "streaming-data.yaml"])
    progress = Progress()
    progress.cancel()
    library = load_library([folder], progress=progress)
    assert library.entries == [] and len(library.unread) == 2
