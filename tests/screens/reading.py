"""Reading the words on a screenshot as a user does, with the Tesseract OCR engine: each region
is cut out, made dark text on a light ground (inverted when drawn light on dark), scaled up and
read in one Tesseract run (a list of images, one page each). What is read is compared with what
the app meant to show: a word cut off, a clipped line or an ellipsis is then seen, not assumed."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage, QPainter

from tests.screens.pixels import Shot, background, luminance

SCALE = 3  # Tesseract reads text best at about 30 px a line; the app draws 11-15 px
MARGIN = 24  # pixels of ground round each scaled region: Tesseract misses letters at an edge
ELLIPSES = ("…", "...")  # Tesseract reads "…" as three full stops
WORD = re.compile(r"[a-z0-9]+")


def words(text: str) -> list[str]:
    """The words of `text` as compared here: lower case, letters and digits only."""
    return WORD.findall(text.lower())


def read(shot: Shot, rects: list[list[int]], work: Path) -> list[str]:
    """The text Tesseract reads in each of `rects` (screen pixels) of `shot`, in order."""
    assert shot.path is not None, "read a shot saved to a file"
    whole = QImage(str(shot.path))
    work.mkdir(parents=True, exist_ok=True)
    pages = []
    for n, rect in enumerate(rects):
        x, y, w, h = rect
        crop = whole.copy(QRect(x, y, w, h)).convertToFormat(QImage.Format.Format_Grayscale8)
        if luminance(background(shot, rect)) < 0.4:
            crop.invertPixels()
        crop = crop.scaled(
            w * SCALE, h * SCALE, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
        page_image = QImage(crop.width() + 2 * MARGIN, crop.height() + 2 * MARGIN, QImage.Format.Format_Grayscale8)
        page_image.fill(crop.pixelColor(0, 0))  # a margin of the region's own ground: text at its edge reads
        painter = QPainter(page_image)
        painter.drawImage(MARGIN, MARGIN, crop)
        painter.end()
        page = work / f"region-{n}.png"
        assert page_image.save(str(page)), page
        pages.append(page)
    listing = work / "regions.txt"
    listing.write_text("".join(f"{page}\n" for page in pages), encoding="utf-8")
    # --psm 6: each region is one block of text; form feeds end each page's text
    done = subprocess.run(
        ["tesseract", str(listing), "-", "--psm", "6", "-l", "eng"],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
        env={**os.environ, "OMP_THREAD_LIMIT": "1"},  # its threads make it 7x slower on two cores
    )
    texts = done.stdout.split("\f")
    return [text.strip() for text in texts[: len(rects)]]


def share_found(wanted: list[str], found: list[str]) -> float:
    """The share of `wanted` words that are in `found`, each as often as wanted."""
    if not wanted:
        return 1.0
    left, hits = list(found), 0
    for word in wanted:
        if word in left:
            left.remove(word)
            hits += 1
    return hits / len(wanted)


def recall(meant: str, seen: str) -> float:
    """The share of the words meant to be shown that were read: low when text is cut or clipped."""
    return share_found(words(meant), words(seen))


def foreign_lines(meant: str, seen: str) -> list[str]:
    """The lines read (of two words or more) that are mostly words not meant to be there: text
    from something else drawn over the region, or the region cut through a line of its own."""
    wanted = words(meant)
    return [line for line in seen.splitlines() if len(words(line)) >= 2 and share_found(words(line), wanted) < 0.5]


def cut_at_word_end(meant: str, seen: str) -> list[str]:
    """Where `seen` ends text with an ellipsis after something that is not a whole word of
    `meant` (a word cut in the middle): the word read before each such ellipsis."""
    whole = set(words(meant))
    cuts = []
    for line in seen.splitlines():
        for ellipsis in ELLIPSES:
            if ellipsis in line:
                before = words(line.split(ellipsis)[0])
                if before and before[-1] not in whole:
                    cuts.append(before[-1])
    return cuts
