"""Reading a screenshot as a user's eye would: colours, the contrast of text against what it is
drawn on, the height of lines of text, and whether a focus ring appeared. Measured on the PNG
the X server gave, never on what the theme file says."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtGui import QImage

RGB = tuple[int, int, int]


def luminance(rgb: RGB) -> float:
    """WCAG 2.x relative luminance."""

    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: RGB, b: RGB) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@dataclass
class Shot:
    width: int
    height: int
    data: bytes  # RGB888 rows, `stride` bytes each
    stride: int
    path: Path | None = None  # the PNG it was read from

    @classmethod
    def load(cls, path: Path) -> Shot:
        image = QImage(str(path)).convertToFormat(QImage.Format.Format_RGB888)
        assert not image.isNull(), f"{path} is no image"
        return cls(image.width(), image.height(), bytes(image.constBits()), image.bytesPerLine(), path)

    def rgb(self, x: int, y: int) -> RGB:
        i = y * self.stride + 3 * x
        return self.data[i], self.data[i + 1], self.data[i + 2]

    def points(self, rect: list[int]) -> Iterator[tuple[int, int]]:
        x0, y0, w, h = rect
        for y in range(max(y0, 0), min(y0 + h, self.height)):
            for x in range(max(x0, 0), min(x0 + w, self.width)):
                yield x, y

    def colours(self, rect: list[int]) -> Counter[RGB]:
        counts = Counter(self.rgb(x, y) for x, y in self.points(rect))
        assert counts, f"{rect} is not on the {self.width}x{self.height} screen"
        return counts


def background(shot: Shot, rect: list[int]) -> RGB:
    return shot.colours(rect).most_common(1)[0][0]


def text_contrast(shot: Shot, rect: list[int]) -> float:
    """The contrast of the text in `rect` against its background: the background is the
    commonest colour, the text the colour farthest from it that is drawn solidly (in at least
    a few dozen pixels, so an anti-aliased fringe or one stray pixel does not count)."""
    counts = shot.colours(rect)
    ground = counts.most_common(1)[0][0]
    solid = [colour for colour, n in counts.items() if n >= 24 and colour != ground]
    return max((contrast(ground, colour) for colour in solid), default=1.0)


def line_heights(shot: Shot, rect: list[int], against: RGB, at_least: float = 3.0) -> list[int]:
    """Heights in pixels of the runs of rows that hold text (a pixel at `at_least` contrast to
    `against`): one per line of text."""
    x0, y0, w, h = rect
    xs = range(max(x0, 0), min(x0 + w, shot.width))
    rows = [
        any(contrast(shot.rgb(x, y), against) >= at_least for x in xs)
        for y in range(max(y0, 0), min(y0 + h, shot.height))
    ]
    runs, run = [], 0
    for inked in [*rows, False]:
        if inked:
            run += 1
        elif run:
            runs.append(run)
            run = 0
    return runs


def ring_drawn(before: Shot, after: Shot, rect: list[int], band: int = 3, at_least: float = 3.0) -> float:
    """The share of the band along `rect`'s edge that changed between the two shots to a colour
    at `at_least` contrast against what the band is drawn on (its commonest colour before): a
    focus ring that appeared, and that can be seen against its surroundings."""
    x0, y0, w, h = rect
    edge = [
        (x, y)
        for x, y in after.points([x0 - band, y0 - band, w + 2 * band, h + 2 * band])
        if min(abs(x - x0), abs(x - (x0 + w - 1)), abs(y - y0), abs(y - (y0 + h - 1))) <= band
    ]
    if not edge:
        return 0.0
    ground = Counter(before.rgb(x, y) for x, y in edge).most_common(1)[0][0]
    ringed = sum(before.rgb(x, y) != after.rgb(x, y) and contrast(after.rgb(x, y), ground) >= at_least for x, y in edge)
    return ringed / len(edge)
