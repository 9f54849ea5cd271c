"""SVG, PDF and PNG exports: the same scene, layout and style as the screen, drawn by Qt.

Works with no display: a command-line export runs Qt offscreen. Files are written beside the
target and renamed over it, so a failed export never leaves half a file behind.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from trainer.export import IMAGE_FORMATS
from trainer.fileio import replacing


def _application() -> object:
    """The running QApplication, or a new offscreen one for the command line."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QApplication(["trainer"])
    return app


def export_image(tree, fmt: str, out_path: Path, scale: float = 1.0, direction: Literal["down", "right"] = "down") -> None:  # noqa: ANN001
    """Draw `tree` into `out_path` as `fmt` (svg, pdf or png). Raises OSError when the file
    cannot be written; the original file, if any, is then left untouched."""
    if fmt not in IMAGE_FORMATS:
        raise ValueError(f"not an image format: {fmt}")
    _application()
    from trainer.ui.canvas.scene import GraphScene

    scene = GraphScene()
    scene.direction = direction
    scene.set_tree(tree)
    scene.materialize(scene.content)  # a large tree makes its items on demand: the export needs all
    with replacing(Path(out_path)) as temp:
        {"svg": _svg, "pdf": _pdf, "png": _png}[fmt](scene, temp, scale, tree.title)


def svg_text(tree, direction: Literal["down", "right"] = "down") -> str:  # noqa: ANN001
    """The drawing as SVG text (for pages that embed it), drawn exactly as `export_image` draws."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "drawing.svg"
        export_image(tree, "svg", path, direction=direction)
        return path.read_text(encoding="utf-8")


def _render(scene, painter, target) -> None:  # noqa: ANN001
    from PySide6.QtCore import Qt

    scene.clearSelection()
    scene.render(painter, target, scene.content, Qt.AspectRatioMode.KeepAspectRatio)


def _svg(scene, path: Path, scale: float, title: str) -> None:  # noqa: ANN001
    from PySide6.QtCore import QRectF, QSize
    from PySide6.QtGui import QPainter
    from PySide6.QtSvg import QSvgGenerator

    rect = scene.content
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(QSize(int(rect.width()), int(rect.height())))
    generator.setViewBox(QRectF(0, 0, rect.width(), rect.height()))
    generator.setTitle(title)
    generator.setDescription("Exported by Decision Tree Trainer")
    painter = QPainter(generator)
    try:
        painter.fillRect(QRectF(0, 0, rect.width(), rect.height()), scene.backgroundBrush())
        _render(scene, painter, QRectF(0, 0, rect.width(), rect.height()))
    finally:
        painter.end()


def _pdf(scene, path: Path, scale: float, title: str) -> None:  # noqa: ANN001
    from PySide6.QtCore import QMarginsF, QRectF, QSizeF
    from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter

    rect = scene.content
    writer = QPdfWriter(str(path))
    writer.setTitle(title)
    writer.setCreator("Decision Tree Trainer")
    writer.setResolution(72)  # one scene unit = one point
    page = QPageSize(QSizeF(rect.width(), rect.height()), QPageSize.Unit.Point, "tree")
    writer.setPageLayout(QPageLayout(page, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
    painter = QPainter(writer)
    try:
        _render(scene, painter, QRectF(0, 0, rect.width(), rect.height()))
    finally:
        painter.end()


def _png(scene, path: Path, scale: float, title: str) -> None:  # noqa: ANN001
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QImage, QPainter

    rect = scene.content
    width, height = max(int(rect.width() * scale), 1), max(int(rect.height() * scale), 1)
    if width * height > 400_000_000:
        raise OSError(f"a {width}x{height} image is too large; export SVG or PDF, or lower --scale")
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(scene.backgroundBrush().color())
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        _render(scene, painter, QRectF(0, 0, width, height))
    finally:
        painter.end()
    if not image.save(str(path), "PNG"):
        raise OSError(f"cannot write {path}")
