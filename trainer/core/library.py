"""A library: every tree file found in some folders, good or broken, indexed by id."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from trainer.core.loader import load_tree_bytes
from trainer.core.model import Tree
from trainer.core.problems import NOWHERE, Problem, error, has_errors
from trainer.core.tree_cache import TreeCache
from trainer.core.validate import validate_tree
from trainer.infra.gcpause import gc_paused
from trainer.infra.paths import TREE_SUFFIXES
from trainer.infra.progress import Cancelled, Progress, advance, checkpoint, start


@dataclass
class TreeEntry:
    """One file of the library: its tree (if it could be read) and every problem in it."""

    path: Path
    tree: Tree | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def usable(self) -> bool:
        return self.tree is not None and not has_errors(self.problems)

    @property
    def first_error(self) -> Problem | None:
        return next((p for p in self.problems if p.is_error), None)

    @property
    def title(self) -> str:
        return (self.tree.title if self.tree is not None else "") or self.path.stem

    def facts(self, due: int = 0) -> str:
        """The card's one-line facts: reviews due, tags, size, review date."""
        tree = self.tree
        if tree is None:
            return self.path.name
        parts = [f"{due} due for review"] if due else []
        parts += [", ".join(tree.tags)] if tree.tags else []
        questions, outcomes = tree.sizes
        parts.append(_plural(questions, "question"))
        parts.append(_plural(outcomes, "outcome"))
        if tree.reviewed:
            parts.append(f"reviewed {tree.reviewed}")
        return " · ".join(parts)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


@dataclass
class Library:
    entries: list[TreeEntry]
    unread: list[Path] = field(default_factory=list)  # files left unread: the loading was cancelled

    @property
    def complete(self) -> bool:
        return not self.unread

    @property
    def problems(self) -> list[Problem]:
        return [p for e in self.entries for p in e.problems]

    def by_id(self, tree_id: str) -> TreeEntry | None:
        return next((e for e in self.entries if e.usable and e.tree and e.tree.id == tree_id), None)


def user_library_ids() -> list[str]:
    """The tree ids of the user's library (the bundled trees and their own folder): a tree opened
    on its own may continue in any of them. Read only when a link is not found otherwise."""
    return [e.tree.id for e in load_library(default_library_paths()).entries if e.tree is not None]


def default_library_paths() -> list[Path]:
    """The bundled trees, then the user's own folder (created on first run)."""
    from trainer.infra.paths import bundled_trees_dir, user_trees_dir

    return [bundled_trees_dir(), user_trees_dir(create=True)]


def read_tree(path: Path, cache: TreeCache | None = None, progress: Progress | None = None) -> TreeEntry:
    """Load and validate one file. Never raises: a bug of ours becomes one located line too
    (only `Cancelled`, when `progress` was cancelled between two phases, ends it early).
    With a `cache`, a large file whose bytes were checked before is not parsed again."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return TreeEntry(path, None, [error(path, NOWHERE, f"cannot read the file: {exc.strerror}")])
    cached = cache.get(data, path) if cache is not None else None
    if cached is not None:
        return TreeEntry(path, *cached)
    checkpoint(progress)
    try:
        with gc_paused():
            result = load_tree_bytes(data, path)
            problems = list(result.problems)
            checkpoint(progress)
            if result.tree is not None:
                problems += validate_tree(result.tree)
    except Exception as exc:
        message = f"unexpected failure while checking the file ({type(exc).__name__}: {exc})"
        return TreeEntry(path, None, [error(path, NOWHERE, message)])
    problems.sort(key=lambda p: p.pos)
    checkpoint(progress)
    if cache is not None:
        cache.put(data, result.tree, problems)
    return TreeEntry(path, result.tree, problems)


def tree_files(paths: Iterable[Path]) -> list[Path]:
    """The tree files named by `paths`: files as given, folders searched recursively."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.suffix.lower() in TREE_SUFFIXES and p.is_file())
        else:
            found.append(path)
    return found


def load_library(
    paths: Iterable[Path],
    cache: TreeCache | None = None,
    progress: Progress | None = None,
    known: Callable[[], Iterable[str]] = lambda: (),
) -> Library:
    """Every tree file of `paths`, read and checked. When `progress` is cancelled, the files
    read so far make the library (`unread` lists the rest): duplicate ids and links to trees
    it lacks (or that `known` does not name) are flagged among them, so what is shown is
    consistent, and reloading reads everything again."""
    files = tree_files(paths)
    entries: list[TreeEntry] = []
    try:
        start(progress, "Loading trees", len(files))
        for path in files:
            entries.append(read_tree(path, cache, progress))
            advance(progress)
    except Cancelled:
        pass
    _flag_duplicate_ids(entries)
    if len(entries) == len(files):  # a tree left unread may be the one a link names
        flag_missing_links(entries, known)
    return Library(entries, files[len(entries) :])


def needs_library_reload(old: TreeEntry, new: TreeEntry, others: Iterable[TreeEntry]) -> bool:
    """Whether a file read again (`old` before, `new` now) cannot simply replace its entry: another
    file of the library claims the id it had or has now, so duplicate-id errors (a property of
    the whole library) may appear or go away."""
    ids = {e.tree.id for e in (old, new) if e.tree is not None and e.tree.id}
    if any(_links(e) for e in (old, new)):  # the trees it continues in may be found or lost
        return True
    return any(e.tree is not None and (e.tree.id in ids or ids & _links(e)) for e in others if e.path != new.path)


def _links(entry: TreeEntry) -> set[str]:
    """The trees that `entry`'s outcomes continue in."""
    return {o.continues for o in entry.tree.outcomes if o.continues} if entry.tree is not None else set()


def flag_missing_links(entries: list[TreeEntry], known: Callable[[], Iterable[str]] = lambda: ()) -> None:
    """An outcome that continues in a tree the library does not have gets a located error (the
    tree is still read on its own). `known` lists further tree ids that count as present; it is
    asked only when a link is missing (the command line checks the user's library that way)."""
    ids = {e.tree.id for e in entries if e.tree is not None and e.tree.id}
    missing = [
        (e, o) for e in entries if e.tree is not None for o in e.tree.outcomes if o.continues and o.continues not in ids
    ]
    if missing:
        ids |= set(known())
    for entry, outcome in missing:
        if outcome.continues not in ids:
            entry.problems.append(
                error(
                    entry.path,
                    outcome.continues_pos,
                    f"outcome '{outcome.id}' continues in tree '{outcome.continues}', which the library does not have; "
                    f"trees are: {', '.join(sorted(ids)) or 'none'}",
                )
            )
            entry.problems.sort(key=lambda p: p.pos)


def _flag_duplicate_ids(entries: list[TreeEntry]) -> None:
    """The first file to claim an id keeps it; each later claimant gets an error naming both."""
    owners: dict[str, TreeEntry] = {}
    for entry in entries:
        tree = entry.tree
        if tree is None or not tree.id:
            continue
        first = owners.setdefault(tree.id, entry)
        if first is not entry:
            entry.problems.insert(
                0,
                error(
                    entry.path,
                    tree.id_pos,
                    f"tree id '{tree.id}' is already used by {first.path}; "
                    "ids must be unique in a library: rename one of them",
                ),
            )
