"""When two author texts say the same thing: the test behind fair quiz options and the warnings
that keep trees quiz-ready.

A wrong option that names the right answer, or part of it ("Amazon SQS" beside "Amazon SQS queue
with a fleet of workers"), marks a learner wrong for being right. The test is deliberately plain
and conservative, so an author can predict it: compare the content words of both texts (no
filler words, no vendor prefix, no plural s). One text reads as another when its words are a
subset of the other's, or when the two share at least `NEAR` of their words.

Near-duplicates count for free text (a trap's option), whose meaning the tree does not fix. Two
outcomes of one tree are told apart by the question between them, so for them only containment
counts: "Direct Connect with a public VIF" and "... a private VIF" differ by exactly the word the
learner must weigh, and are the fairest pair of options there is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import combinations

NEAR = 0.6  # Jaccard similarity of content words from which two texts are near-duplicates
PHRASE_WORDS = 3  # a scenario may not copy this many consecutive words of a label on its route

_FILLER = frozenset(
    [
        "a",
        "an",
        "the",
        "with",
        "of",
        "for",
        "and",
        "or",
        "to",
        "in",
        "on",
        "by",
        "your",
        "own",
        "you",
        "its",
        "that",
        "from",
        "at",
        "as",
        "is",
        "are",
        "be",
        "each",
        "per",
        "amazon",
        "aws",
    ]
)
_WORD = re.compile(r"[^\W_]+")


def content_words(text: str) -> frozenset[str]:
    """The words that carry meaning: case-folded, no filler, 'streams' and 'stream' alike."""
    return frozenset(_stem(w) for w in _WORD.findall(text.casefold()) if w not in _FILLER)


def _stem(word: str) -> str:
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def reads_as(a: str, b: str, near: bool = True) -> bool:
    """True when `a` and `b` would read to a learner as the same answer, or one as part of the
    other: one's content words contain the other's, or (with `near`) they share `NEAR` of them."""
    return _words_read_as(content_words(a), content_words(b), a, b, near)


def _words_read_as(wa: frozenset[str], wb: frozenset[str], a: str, b: str, near: bool) -> bool:
    """`reads_as` on content words already found (the index keeps them)."""
    if not wa or not wb:
        return _plain(a) == _plain(b)
    if wa <= wb or wb <= wa:
        return True
    return near and len(wa & wb) / len(wa | wb) >= NEAR


def _plain(text: str) -> str:
    return " ".join(text.casefold().split())


def copied_phrases(prompt: str, labels: Iterable[str], size: int = PHRASE_WORDS) -> list[str]:
    """The runs of `size` consecutive words that `prompt` copies from any of `labels` (lower
    case, punctuation ignored), each once, in the order they appear in the prompt. A run of
    filler words alone ("and for the") copies nothing."""
    wanted = set()
    for label in labels:
        wanted |= set(_runs(_tokens(label), size))
    found: list[str] = []
    for run in _runs(_tokens(prompt), size):
        if run in wanted and not _FILLER.issuperset(run) and " ".join(run) not in found:
            found.append(" ".join(run))
    return found


def _tokens(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def _runs(words: Sequence[str], size: int) -> Iterable[tuple[str, ...]]:
    return (tuple(words[i : i + size]) for i in range(len(words) - size + 1))


class TextIndex:
    """Which of many texts a given text reads as, without comparing it to every one, so a tree
    of 5,000 outcomes is checked in about linear time. Words are ordered rarest first; a text
    this one contains has its two rarest words among ours, a text containing this one holds
    every word of ours (posting lists intersected from the rarest), and two near-duplicates
    share a word of their Jaccard prefixes (prefix filtering). Only those candidates are
    compared with `reads_as`."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.texts = list(texts)
        self._words = words = [content_words(t) for t in self.texts]
        counts: dict[str, int] = {}
        for ws in words:
            for w in ws:
                counts[w] = counts.get(w, 0) + 1
        self._counts = counts
        self._containing: dict[str, set[int]] = {}  # word -> texts with it
        self._by_rarest: dict[tuple[str, ...], list[int]] = {}  # a text's two rarest words -> texts
        self._by_prefix: dict[str, list[int]] = {}  # word -> texts with it in their prefix
        self._wordless: dict[str, list[int]] = {}  # texts of filler words alone, by their plain form
        for i, ws in enumerate(words):
            if not ws:
                self._wordless.setdefault(_plain(self.texts[i]), []).append(i)
                continue
            for w in ws:
                self._containing.setdefault(w, set()).add(i)
            ordered = self._ordered(ws)
            self._by_rarest.setdefault(tuple(ordered[:2]), []).append(i)
            for w in _prefix(ordered):
                self._by_prefix.setdefault(w, []).append(i)

    def _ordered(self, words: frozenset[str]) -> list[str]:
        return sorted(words, key=lambda w: (self._counts.get(w, 0), w))

    def similar(self, text: str, near: bool = True) -> list[int]:
        """Indexes of the texts that `text` reads as (`reads_as` with `near`), in index order."""
        words = content_words(text)
        if not words:
            return sorted(self._wordless.get(_plain(text), []))
        candidates = self._candidates(words, near)
        return sorted(i for i in candidates if _words_read_as(words, self._words[i], text, self.texts[i], near))

    def first_similar(self, text: str, below: int, near: bool = True) -> int | None:
        """The first index under `below` that `text` reads as, or None: `similar` that compares
        only earlier texts, in order, and stops at the first (a tree's look-alike outcomes)."""
        words = content_words(text)
        if not words:
            return min((i for i in self._wordless.get(_plain(text), []) if i < below), default=None)
        for i in sorted(i for i in self._candidates(words, near) if i < below):
            if _words_read_as(words, self._words[i], text, self.texts[i], near):
                return i
        return None

    def _candidates(self, words: frozenset[str], near: bool) -> set[int]:
        ordered = self._ordered(words)
        candidates = self._containing_all(ordered)
        for rarest in self._rarest_keys(ordered):  # the texts this one contains
            candidates.update(self._by_rarest.get(rarest, ()))
        if near:
            for w in _prefix(ordered):
                candidates.update(self._by_prefix.get(w, ()))
        return candidates

    @staticmethod
    def _rarest_keys(ordered: Sequence[str]) -> Iterable[tuple[str, ...]]:
        """The keys of `_by_rarest` a text within this one can have: one of our words, or two
        of them in rarity order (a text's two rarest words are both among ours)."""
        yield from ((w,) for w in ordered)
        yield from combinations(ordered, 2)

    def _containing_all(self, ordered: Sequence[str]) -> set[int]:
        """The texts holding every one of these words (those that contain this text), found
        by intersecting from the rarest word, so common words never make a long list."""
        empty: set[int] = set()
        first = self._containing.get(ordered[0], empty)
        if len(ordered) == 1:
            return set(first)
        found = first & self._containing.get(ordered[1], empty)  # a new set, the size of the smaller
        for word in ordered[2:]:
            if not found:
                break
            found &= self._containing.get(word, empty)
        return found


def _prefix(ordered: Sequence[str]) -> Sequence[str]:
    """The first words (rarest first) of which a near-duplicate must share one."""
    need = int(NEAR * len(ordered))
    need += need < NEAR * len(ordered)  # ceil without floats going astray
    return ordered[: max(1, len(ordered) - need + 1)]
