"""The text of a PDF or SVG export has the size the boxes were laid out for: the scene measures
its text at the screen's dpi (9 pt = 12 px at 96 dpi); a file that converts points at 72 dpi drew
it a quarter smaller than its boxes. Read back from the files: pdftotext's word boxes, the SVG's
font-size, against the on-screen font's own measure."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtGui import QFontMetricsF

from tests.ui.conftest import GOOD_TREE
from trainer.core.loader import load_tree_text
from trainer.ui.canvas.style import font_pixels, graph_style
from trainer.ui.export.render import drawn_scene, export_image

LINE = "Is the traffic HTTP?"  # the start's text: one line, in the nodes' font
SVG = "{http://www.w3.org/2000/svg}"
XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture
def tree(qapp):  # type: ignore[no-untyped-def]
    return load_tree_text(GOOD_TREE).tree


def pdf_words(path: Path) -> tuple[float, list[tuple[str, float, float, float, float]]]:
    """The page's width in points and its words with their boxes (pdftotext -bbox)."""
    pdftotext = shutil.which("pdftotext")
    assert pdftotext, "pdftotext (poppler-utils) is needed to read the PDF back"
    out = subprocess.run([pdftotext, "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    root = ET.fromstring(out)
    page = next(root.iter(f"{XHTML}page"))
    found = [
        (w.text or "", *(float(w.get(k, "0")) for k in ("xMin", "yMin", "xMax", "yMax")))
        for w in page.iter(f"{XHTML}word")
    ]
    return float(page.get("width", "0")), found


def test_the_pdf_text_is_as_wide_and_tall_as_on_screen(tree, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "tree.pdf"
    export_image(tree, "pdf", out)
    page_width, found = pdf_words(out)
    units_per_point = drawn_scene(tree).content.width() / page_width
    first = next(i for i, w in enumerate(found) if w[0] == "Is" and found[i + 1][0] == "the")
    line = found[first : first + 4]
    assert [w[0] for w in line][-1] == "HTTP?"
    width = (line[-1][3] - line[0][1]) * units_per_point  # in scene units, as the box was laid out
    height = (line[0][4] - line[0][2]) * units_per_point
    metrics = QFontMetricsF(graph_style().font)
    assert width == pytest.approx(metrics.horizontalAdvance(LINE), rel=0.04)  # 0.75 of it before
    assert height == pytest.approx(metrics.height(), rel=0.08)


def test_the_svg_text_has_the_screen_s_pixel_size(tree, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "tree.svg"
    export_image(tree, "svg", out)
    root = ET.parse(out).getroot()
    sizes = {float(t.get("font-size", "0")) for t in root.iter(f"{SVG}text") if (t.text or "").strip() == LINE}
    assert sizes and all(size == pytest.approx(font_pixels(graph_style().font), abs=0.5) for size in sizes)
