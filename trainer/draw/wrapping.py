"""Word wrapping against real font measurements, without laying text out through Qt.

Laying out every node text of a large tree with Qt's text engine is slow; measuring each
distinct word once and wrapping greedily in Python gives the same lines in a fraction of the
time, and the drawing code then paints exactly these lines.
"""

from __future__ import annotations

import re
from collections.abc import Callable


class WordWidths:
    """Caches a measuring function per word: trees repeat their vocabulary a lot."""

    def __init__(self, measure: Callable[[str], float]) -> None:
        self._measure = measure
        self._cache: dict[str, float] = {}
        self.space = measure(" ")

    def __call__(self, word: str) -> float:
        width = self._cache.get(word)
        if width is None:
            width = self._cache[word] = self._measure(word)
        return width


def wrap_text(text: str, max_width: float, widths: WordWidths) -> tuple[list[str], float]:
    """Greedy wrap of `text` to `max_width`: the lines and the widest line's width. A word wider
    than the limit is split by characters so nothing is ever drawn past the box."""
    lines: list[str] = []
    widest = 0.0
    line: list[str] = []
    line_width = 0.0
    for word in text.split():
        width = widths(word)
        if width > max_width:
            if line:
                lines.append(" ".join(line))
                widest = max(widest, line_width)
                line, line_width = [], 0.0
            pieces = _split_word(word, max_width, widths)
            for piece in pieces[:-1]:
                lines.append(piece)
                widest = max(widest, widths(piece))
            word, width = pieces[-1], widths(pieces[-1])
        added = width if not line else line_width + widths.space + width
        if line and added > max_width:
            lines.append(" ".join(line))
            widest = max(widest, line_width)
            line, line_width = [word], width
        else:
            line.append(word)
            line_width = added
    if line:
        lines.append(" ".join(line))
        widest = max(widest, line_width)
    return lines or [""], widest


def _split_word(word: str, max_width: float, widths: WordWidths) -> list[str]:
    pieces: list[str] = []
    start = 0
    while start < len(word):
        end = start + 1
        while end < len(word) and widths(word[start : end + 1]) <= max_width:
            end += 1
        pieces.append(word[start:end])
        start = end
    return pieces


def reflow(text: str) -> str:
    """Author text as a reader should see it in a plain label: paragraphs (separated by blank
    lines) kept, the line breaks inside one joined with spaces, as Markdown does. Files wrap
    long prompts for the editor's width; shown as written they leave ragged lines on screen."""
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text.strip())]
    return "\n\n".join(p for p in paragraphs if p)
