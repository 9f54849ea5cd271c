"""Hot reload without Qt: which paths to watch, and what a burst of file-system events means.

`trainer.ui.shell.file_watch.TreeWatcher` feeds these functions what it saw (the files touched, the
folders listed before and after, the files the watcher still holds, digests of the bytes) and acts
on the answer; nothing here touches Qt, and only `folder_listing` and `file_digest` touch the disk.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from trainer.infra.paths import TREE_SUFFIXES


@dataclass(frozen=True)
class WatchPlan:
    """The library's tree files, and the folders to watch: library folders (a tree file or a
    subfolder appearing or vanishing there changes the library) and the folders of single files
    (watched only so that a file replaced by a rename is seen again)."""

    files: frozenset[Path] = frozenset()
    folders: Mapping[Path, bool] = field(default_factory=dict)  # folder -> is a library folder


def watch_plan(library_paths: Iterable[Path], tree_files: Iterable[Path]) -> WatchPlan:
    """What to watch for a library read from `library_paths` that found `tree_files`. Folders are
    watched with their subfolders (the library searches them recursively), hidden ones excepted."""
    files = frozenset(tree_files)
    folders: dict[Path, bool] = {}
    for path in library_paths:
        if path.is_dir():
            folders[path] = True
            try:
                subfolders = sorted(p for p in path.rglob("*") if p.is_dir() and not _hidden(p, path))
            except OSError:
                subfolders = []
            folders.update((sub, True) for sub in subfolders)
        elif path.parent.is_dir():
            folders.setdefault(path.parent, False)
    for file in files:
        if file.parent.is_dir():
            folders.setdefault(file.parent, False)
    return WatchPlan(files, folders)


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def folder_listing(folder: Path, plan: WatchPlan) -> frozenset[Path]:
    """What in `folder` the library depends on: in a library folder its tree files and (not
    hidden) subfolders; in the folder of single files, those of the files that exist."""
    if not plan.folders.get(folder, False):
        return frozenset(p for p in plan.files if p.parent == folder and p.is_file())
    try:
        return frozenset(
            p
            for p in folder.iterdir()
            if (p.suffix.lower() in TREE_SUFFIXES and p.is_file()) or (p.is_dir() and not p.name.startswith("."))
        )
    except OSError:  # the folder itself went away
        return frozenset()


def file_digest(path: Path) -> bytes | None:
    """A digest of the file's bytes (None when it cannot be read): a save that leaves the bytes
    as they were (an editor's "save" without edits, a touch, a chmod) reloads nothing."""
    try:
        return hashlib.blake2b(path.read_bytes(), digest_size=16).digest()
    except OSError:
        return None


@dataclass(frozen=True)
class Settled:
    """What a burst of events came to, once it has settled."""

    changed: tuple[Path, ...] = ()  # tree files whose bytes differ: reload each
    rewatch: tuple[Path, ...] = ()  # files to watch again (a save by rename drops or strands the watch)
    folders: tuple[Path, ...] = ()  # folders where tree files (or subfolders) appeared or vanished


def settle(
    touched: set[Path],
    plan: WatchPlan,
    watched: set[Path],
    listings_before: Mapping[Path, frozenset[Path]],
    listings_after: Mapping[Path, frozenset[Path]],
    digests_before: Mapping[Path, bytes | None],
    digests_now: Mapping[Path, bytes | None],
) -> Settled:
    """Decide what a burst of events means.

    `touched`: files the watcher reported; `watched`: files it still watches (a save by rename
    makes it drop the file); `listings_*`: `folder_listing` of the folders it reported, before
    and now; `digests_*`: `file_digest` of the library's files when last reported and now, for the
    files that are touched or no longer watched (missing from `digests_now`: the file is gone).

    A library file that is touched or no longer watched and exists is watched again (re-armed even
    when still listed: after a rename the watch may follow the old, deleted file) and is reloaded
    when its bytes changed. A gone file is not reloaded: its folder's listing changed instead.
    """
    candidates = sorted(p for p in plan.files if (p in touched or p not in watched) and p in digests_now)
    changed = tuple(p for p in candidates if digests_now[p] is None or digests_now[p] != digests_before.get(p))
    folders = tuple(
        sorted(f for f, now in listings_after.items() if f in listings_before and listings_before[f] != now)
    )
    return Settled(changed, tuple(candidates), folders)
