"""What a quiz asks: the kinds of item, an item with its right answer kept beside what is
shown, and the stable keys the history files each item under."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

KINDS = ("walk", "choice", "path", "reverse")


@dataclass(frozen=True)
class Option:
    """One choice shown to the learner: an outcome (`outcome_id`, of `tree_id` when drawn from
    another tree of the quiz) or a trap (`outcome_id` "", `stands_for` the outcome it names if
    its author said so)."""

    text: str
    outcome_id: str = ""
    requirements: tuple[str, ...] = ()  # reverse items: the answers along the path
    stands_for: str = ""
    tree_id: str = ""  # "" for the item's own tree

    @property
    def denotes(self) -> str:
        """The outcome this option names ("" for a trap that names none)."""
        return self.outcome_id or self.stands_for


@dataclass(frozen=True)
class Item:
    """One question of a quiz, with its right answer kept beside what is shown."""

    key: str  # stable across edits of unrelated nodes: history is keyed by it
    kind: str
    tree_id: str
    prompt: str
    expect: str  # the right outcome's id
    right_path: tuple[str, ...]  # node ids, start to outcome
    requirements: tuple[str, ...] = ()  # path items: "Question?: answer" along right_path
    options: tuple[Option, ...] = ()  # empty for walk items
    right_option: int = -1  # index into options; -1 for walk items
    hint: str = ""  # for option items; walk items use each question's help
    hint_ruled_out: tuple[int, ...] = ()  # wrong options the hint strikes out
    route: tuple[str, ...] = ()  # walk and choice items: the scenario's route, when its facts fix one


def scenario_key(tree_id: str, kind: str, prompt: str, expect: str) -> str:
    """Keyed by the scenario's own content, so edits elsewhere in the tree keep its history."""
    digest = hashlib.sha1(f"{prompt.strip()}\0{expect}".encode()).hexdigest()[:12]
    return f"{tree_id}:{kind}:{digest}"


def outcome_key(tree_id: str, kind: str, outcome_id: str) -> str:
    return f"{tree_id}:{kind}:{outcome_id}"


def key_outcome(tree_id: str, kind: str, key: str) -> str | None:
    """The outcome id an `outcome_key` names, read back from the key alone (for history whose
    outcome has left the tree); None for scenario keys, which keep only a digest of their text."""
    prefix = f"{tree_id}:{kind}:"
    if kind in ("walk", "choice") or not key.startswith(prefix):
        return None
    return key[len(prefix) :] or None
