"""SVG, PDF and PNG exports: real files, read back and checked for every node's text."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from trainer.core.library import read_tree
from trainer.ui.export.render import export_image

TREES = sorted((Path(__file__).parents[3] / "trees").glob("*.yaml"))


def words(text: str) -> str:
    """Whitespace folded, and ligatures a PDF may use ("ﬁ") spelled out."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def node_texts(tree) -> list[str]:  # type: ignore[no-untyped-def]
    return [words(node.text) for node in tree.nodes.values()]


@pytest.mark.parametrize("path", TREES, ids=lambda p: p.stem)
def test_svg_holds_every_node_text(qapp, tmp_path: Path, path: Path) -> None:
    tree = read_tree(path).tree
    out = tmp_path / "tree.svg"
    export_image(tree, "svg", out)
    root = ET.parse(out).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    shown = words(" ".join(e.text or "" for e in root.iter("{http://www.w3.org/2000/svg}text")))
    for text in node_texts(tree):
        assert text in shown, f"'{text}' missing from the SVG"


def test_pdf_is_a_vector_drawing_with_the_text(qapp, tmp_path: Path) -> None:
    tree = read_tree(TREES[0]).tree
    out = tmp_path / "tree.pdf"
    export_image(tree, "pdf", out)
    assert out.read_bytes().startswith(b"%PDF")
    pdftotext = shutil.which("pdftotext")
    assert pdftotext, "pdftotext (poppler-utils) is needed to read the PDF back"
    shown = words(subprocess.run([pdftotext, "-raw", str(out), "-"], capture_output=True, text=True, check=True).stdout)
    for text in node_texts(tree):
        assert text in shown


def test_png_has_the_drawing_at_the_chosen_scale(qapp, tmp_path: Path) -> None:
    tree = read_tree(TREES[0]).tree
    one, two = tmp_path / "one.png", tmp_path / "two.png"
    export_image(tree, "png", one, scale=1.0)
    export_image(tree, "png", two, scale=2.0)
    a, b = QImage(str(one)), QImage(str(two))
    assert not a.isNull() and not b.isNull()
    assert abs(b.width() - 2 * a.width()) <= 2 and abs(b.height() - 2 * a.height()) <= 2
    colours = {a.pixelColor(x, y).name() for x in range(0, a.width(), 7) for y in range(0, a.height(), 7)}
    assert len(colours) > 5  # nodes, text and edges were drawn, not just the background


def test_a_failed_export_leaves_the_old_file_and_no_debris(qapp, tmp_path: Path) -> None:
    tree = read_tree(TREES[0]).tree
    out = tmp_path / f"{'t' * 245}.png"  # a name the file system takes, but not its temporary twin's
    out.write_bytes(b"previous")
    with pytest.raises(OSError):
        export_image(tree, "png", out)
    assert out.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == [out.name]


def test_a_png_too_large_for_one_image_is_scaled_to_fit_and_says_so(qapp, tmp_path: Path) -> None:
    """Issue 15: a 10,000-node tree is over a million pixels wide, and its PNG export failed
    ("image is too large"); it is now drawn scaled down, whole, and the note says how far."""
    from trainer.ui.export.render import PNG_PIXELS, PNG_SIDE

    tree = read_tree(TREES[0]).tree
    one, big = tmp_path / "one.png", tmp_path / "big.png"
    assert export_image(tree, "png", one) is None  # fits: no note
    note = export_image(tree, "png", big, scale=40.0)
    a, b = QImage(str(one)), QImage(str(big))
    assert not b.isNull() and b.width() <= PNG_SIDE and b.height() <= PNG_SIDE
    assert b.width() * b.height() <= PNG_PIXELS and b.width() > 2 * a.width()
    assert abs(b.width() / b.height() - a.width() / a.height()) < 0.01  # the whole drawing, not a crop
    assert note is not None and "scaled to" in note and "SVG or PDF" in note
    percent = float(note.split("scaled to ")[1].split(" %")[0])
    assert abs(percent / 100 - b.width() / a.width()) < 0.01 * b.width() / a.width() + 0.001


def test_author_markup_is_drawn_as_text(qapp, tmp_path: Path) -> None:
    from trainer.core.loader import load_tree_text

    tree = load_tree_text(
        'format: 1\nid: x\ntitle: X\nstart: q\nnodes:\n  q:\n    question: "<b>bold</b> & <script>x</script>"\n'
        "    answers:\n      - label: a\n        next: o\n  o:\n    outcome: Done\n    explanation: ok\n"
    ).tree
    out = tmp_path / "x.svg"
    export_image(tree, "svg", out)
    text = out.read_text(encoding="utf-8")
    assert "<script>" not in text and "&lt;script&gt;" in text
    ET.parse(out)  # still well-formed XML
    assert re.search(r"&lt;b&gt;bold&lt;/b&gt; &amp;", text)


@pytest.mark.parametrize("path", TREES[:3], ids=lambda p: p.stem)
def test_painting_item_by_item_gives_the_pixels_the_scene_renders(qapp, tmp_path: Path, path: Path) -> None:
    """Exports paint the items one at a time (so the window can draw a large tree between turns
    of its event loop); the picture is exactly what QGraphicsScene.render draws."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QPainter

    from trainer.ui.export.render import drawn_scene

    tree = read_tree(path).tree
    out = tmp_path / "steps.png"
    export_image(tree, "png", out, scale=1.5)
    scene = drawn_scene(tree)
    scene.materialize(scene.content)
    rect = scene.content
    reference = QImage(int(rect.width() * 1.5), int(rect.height() * 1.5), QImage.Format.Format_ARGB32)
    reference.fill(scene.backgroundBrush().color())
    painter = QPainter(reference)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    scene.render(painter, QRectF(0, 0, reference.width(), reference.height()), rect, Qt.AspectRatioMode.KeepAspectRatio)
    painter.end()
    assert QImage(str(out)).convertToFormat(QImage.Format.Format_ARGB32) == reference


def test_the_command_draws_in_the_theme_asked_and_reports_its_steps(tmp_path: Path) -> None:
    """What the app's child process runs (trainer.ui.export.child): `--theme` colours the
    drawing, `--progress` prints a line per step that the app's progress line reads."""
    import sys

    from trainer.draw.themes import load_theme
    from trainer.ui.export.child import command, parse_step

    tree = tmp_path / "big.yaml"
    tree.write_text(_generated(600), encoding="utf-8")
    out = tmp_path / "big.svg"
    program, args = command(tree, "svg", out, "down", "dark", 1.0)
    assert program == sys.executable
    run = subprocess.run([program, *args], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    steps = [parse_step(line) for line in run.stdout.splitlines()]
    assert steps and all(step is not None for step in steps)
    assert "Drawing" in {step.text.split("…")[0] for step in steps if step}
    last = steps[-1]
    assert last is not None and last.done <= last.total
    svg = out.read_text(encoding="utf-8")
    assert (
        load_theme("dark").colours["graph_background"] in svg
        and load_theme("light").colours["graph_background"] not in svg
    )
    assert parse_step("Drawing\t3\t9") is not None and parse_step("a warning from Qt") is None


def _generated(nodes: int) -> str:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from treegen import generate_tree_yaml

    return generate_tree_yaml(nodes, 3)
