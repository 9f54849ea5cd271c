"""The library's groups: the exam domains a certification learner prepares by (the AWS
Solutions Architect's four), each tree under the first domain its tags name, in the order the
exam guide lists them, and every other tree under one last group so nothing is hidden."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

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


@dataclass(frozen=True)
class Group:
    title: str
    entries: tuple[TreeEntry, ...]


def domain_of(entry: TreeEntry, domains: Sequence[Domain] = EXAM_DOMAINS) -> Domain | None:
    """The first domain the tree's tags name, in the tags' order (the author's emphasis)."""
    by_tag = {domain.tag: domain for domain in domains}
    tags = entry.tree.tags if entry.tree is not None else ()
    return next((by_tag[tag] for tag in tags if tag in by_tag), None)


def group_entries(entries: Sequence[TreeEntry], domains: Sequence[Domain] = EXAM_DOMAINS) -> list[Group]:
    """Non-empty groups in domain order, then the other trees (files that cannot be read
    included); within a group the library's own order."""
    placed: dict[str, list[TreeEntry]] = {domain.title: [] for domain in domains}
    others: list[TreeEntry] = []
    for entry in entries:
        domain = domain_of(entry, domains)
        (placed[domain.title] if domain is not None else others).append(entry)
    groups = [Group(title, tuple(members)) for title, members in placed.items() if members]
    return groups + ([Group(OTHER_TITLE, tuple(others))] if others else [])
