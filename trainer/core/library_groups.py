"""The library's groups: the exam domains a certification learner prepares by (the AWS
Solutions Architect's four), each tree under the first domain its tags name, in the order the
exam guide lists them, and every other tree under one last group so nothing is hidden. The
user's own trees (a file under one of `own` folders, the user's trees folder) are one group of
their own, "My trees", shown first: they are not mixed into the bundled trees' domains."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from trainer.core.library import TreeEntry


@dataclass(frozen=True)
class Domain:
    tag: str
    title: str


EXAM_DOMAINS = (
    Domain("secure", "Secure architectures"),
    Domain("resilient", "Resilient architectures"),
    Domain("high-performing", "High-performing architectures"),
    Domain("cost-optimised", "Cost-optimised architectures"),
)
OTHER_TITLE = "Other trees"
MINE_TITLE = "My trees"


@dataclass(frozen=True)
class Group:
    title: str
    entries: tuple[TreeEntry, ...]


def domain_of(entry: TreeEntry, domains: Sequence[Domain] = EXAM_DOMAINS) -> Domain | None:
    """The first domain the tree's tags name, in the tags' order (the author's emphasis)."""
    by_tag = {domain.tag: domain for domain in domains}
    tags = entry.tree.tags if entry.tree is not None else ()
    return next((by_tag[tag] for tag in tags if tag in by_tag), None)


def is_own(path: Path, own: Sequence[Path]) -> bool:
    """True when the file lives in one of the `own` folders (at any depth)."""
    return any(path.is_relative_to(folder) for folder in own)


def group_of(entry: TreeEntry, domains: Sequence[Domain] = EXAM_DOMAINS, own: Sequence[Path] = ()) -> str:
    """The title of the group `entry` is shown under."""
    if is_own(entry.path, own):
        return MINE_TITLE
    domain = domain_of(entry, domains)
    return domain.title if domain is not None else OTHER_TITLE


def group_entries(
    entries: Sequence[TreeEntry], domains: Sequence[Domain] = EXAM_DOMAINS, own: Sequence[Path] = ()
) -> list[Group]:
    """Non-empty groups: the user's own trees (files under `own`), then the domains in their
    order, then the other trees (files that cannot be read included); within a group the
    library's own order."""
    placed: dict[str, list[TreeEntry]] = {MINE_TITLE: [], **{domain.title: [] for domain in domains}, OTHER_TITLE: []}
    for entry in entries:
        placed[group_of(entry, domains, own)].append(entry)
    return [Group(title, tuple(members)) for title, members in placed.items() if members]
