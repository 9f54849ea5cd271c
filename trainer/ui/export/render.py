"""SVG, PDF and PNG exports: the same scene, layout and style as the screen, drawn by Qt.

Works with no display: a command-line export runs Qt offscreen. Files are written beside the
target and renamed over it, so a failed (or, in the window, cancelled) export never leaves half
a file behind. The window draws a large tree in steps (`image_steps`) between turns of its
event loop; the command line runs the same steps in one go.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from trainer.infra.fileio import replacing
from trainer.interop.export import IMAGE_FORMATS

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication, QRectF
    from PySide6.QtGui import QPainter

    from trainer.core.model import Tree
    from trainer.draw.themes import Theme
    from trainer.ui.canvas.drawing import Drawing
    from trainer.ui.canvas.scene import GraphScene


def _application() -> QCoreApplication:
    """The running QApplication, or a new offscreen one for the command line."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QApplication(["trainer"])
    return app


ITEMS_PER_STEP = 100  # items made or painted between two turns of the window's event loop


def measured_dpi() -> int:
    """The dots per inch the scene's text was measured at (QFontMetricsF converts a point size
    at the primary screen's logical dpi): a file that converts at another (PDF and SVG default
    to 72) draws the text smaller than the boxes laid out for it, by a quarter at 96."""
    from PySide6.QtGui import QGuiApplication

    screen = QGuiApplication.primaryScreen()
    return round(screen.logicalDotsPerInchY()) if screen is not None else 96


StepReport = Callable[[str, int, int], None]  # what is being done, how far, of how much


Direction = Literal["down", "right"]


def export_image(
    tree: Tree,
    fmt: str,
    out_path: Path,
    scale: float = 1.0,
    direction: Direction = "down",
    on_step: StepReport | None = None,
    theme: Theme | None = None,
) -> str | None:
    """Draw `tree` into `out_path` as `fmt` (svg, pdf or png), in `theme`'s colours (None: the
    window's). Raises OSError when the file cannot be written; the original file, if any, is
    then left untouched. `on_step` hears of each step (the app shows them when a child process
    exports for it). Returns a note for the user (a PNG scaled down to fit), or None."""
    if fmt not in IMAGE_FORMATS:
        raise ValueError(f"not an image format: {fmt}")
    _application()
    steps = image_steps(drawn_scene(tree, direction, theme=theme), fmt, Path(out_path), scale, tree.title)
    while True:
        try:
            step = next(steps)
        except StopIteration as done:
            return done.value
        if on_step is not None:
            on_step(*step)


def drawn_scene(
    tree: Tree, direction: Direction = "down", drawing: Drawing | None = None, theme: Theme | None = None
) -> GraphScene:
    """A scene of its own holding `tree` as the screen draws it (no pins, no highlight), in
    `theme`'s colours (None: the window's); `drawing`: its text and layout already prepared
    (`prepare_drawing`, off the GUI thread)."""
    from trainer.ui.canvas.scene import GraphScene

    scene = GraphScene(theme=theme)
    # no view ever looks at it: a spatial index (a BSP tree over 20,000 items, built in one go on
    # the first query) would cost more than it saves
    scene.setItemIndexMethod(GraphScene.ItemIndexMethod.NoIndex)
    scene.direction = direction
    scene.set_tree(tree, {}, drawing)
    return scene


def image_steps(
    scene: GraphScene, fmt: str, out_path: Path, scale: float, title: str
) -> Generator[tuple[str, int, int], None, str | None]:
    """Write `scene`'s drawing to `out_path`: every item made, then painted, a few hundred at a
    time, yielding (what, done, of) between them, so the window can export a 20,000-item tree
    between turns of its event loop (QGraphicsScene painting must stay on the GUI thread). The
    file appears whole at the end: closing the generator early, or an error, leaves the old file
    as it was and no temporary file behind. Returns a note for the user, or None (a PNG too
    large for one image is scaled down, and the note says so)."""
    for made, total in scene.materialize_steps(scene.content, ITEMS_PER_STEP):
        yield "Making the items", made, total
    scene.clearSelection()
    with replacing(Path(out_path)) as temp:
        if fmt == "png":
            return (yield from _png(scene, temp, scale, title))
        yield from {"svg": _svg, "pdf": _pdf}[fmt](scene, temp, scale, title)
    return None


def svg_text(
    tree: Tree, direction: Direction = "down", on_step: StepReport | None = None, theme: Theme | None = None
) -> str:
    """The drawing as SVG text (for pages that embed it), drawn exactly as `export_image` draws."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "drawing.svg"
        export_image(tree, "svg", path, direction=direction, on_step=on_step, theme=theme)
        return path.read_text(encoding="utf-8")


def _paint_steps(scene: GraphScene, painter: QPainter, target: QRectF) -> Iterator[tuple[str, int, int]]:
    """What `scene.render(painter, target, scene.content, KeepAspectRatio)` draws, one item at a
    time: the background, then every visible item in stacking order, each with its scene
    transform and a style option for its bounding rectangle (the items read only its state,
    never selected in an export, and the level of detail from the painter)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QTransform
    from PySide6.QtWidgets import QStyleOptionGraphicsItem

    source = scene.content
    ratio = min(target.width() / source.width(), target.height() / source.height())  # as Qt keeps the aspect ratio
    # Every item lies in `source` (the scene's content). Asked for a rectangle, Qt would call each
    # item's Python boundingRect (slow for tens of thousands of items, in one go); all items come
    # in insertion order, and a stable sort by z gives Qt's stacking order (the pixel test holds
    # it to render's)
    items = sorted(
        (item for item in scene.items(Qt.SortOrder.AscendingOrder) if item.isVisible()), key=lambda item: item.zValue()
    )
    painter.save()
    try:
        painter.setClipRect(target, Qt.ClipOperation.IntersectClip)
        painter.setWorldTransform(
            QTransform()
            .translate(target.left(), target.top())
            .scale(ratio, ratio)
            .translate(-source.left(), -source.top()),
            True,
        )
        view = painter.worldTransform()
        scene.drawBackground(painter, source)
        option = QStyleOptionGraphicsItem()
        for count, item in enumerate(items, 1):
            painter.save()
            painter.setWorldTransform(item.sceneTransform() * view)  # composed as Qt composes it: the same pixels
            option.exposedRect = item.boundingRect()
            option.rect = option.exposedRect.toRect()
            item.paint(painter, option, None)
            painter.restore()
            if count % ITEMS_PER_STEP == 0:
                yield "Drawing", count, len(items)
        scene.drawForeground(painter, source)
    finally:
        painter.restore()


def _svg(scene: GraphScene, path: Path, scale: float, title: str) -> Iterator[tuple[str, int, int]]:
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
    generator.setResolution(measured_dpi())  # font sizes in scene units, as measured
    painter = QPainter(generator)
    try:
        painter.fillRect(QRectF(0, 0, rect.width(), rect.height()), scene.backgroundBrush())
        yield from _paint_steps(scene, painter, QRectF(0, 0, rect.width(), rect.height()))
    finally:
        painter.end()


def _pdf(scene: GraphScene, path: Path, scale: float, title: str) -> Iterator[tuple[str, int, int]]:
    from PySide6.QtCore import QMarginsF, QRectF, QSizeF
    from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter

    rect = scene.content
    writer = QPdfWriter(str(path))
    writer.setTitle(title)
    writer.setCreator("Decision Tree Trainer")
    dpi = measured_dpi()
    writer.setResolution(dpi)  # one scene unit = one pixel of the screen the text was measured on
    points = 72.0 / dpi
    page = QPageSize(QSizeF(rect.width() * points, rect.height() * points), QPageSize.Unit.Point, "tree")
    writer.setPageLayout(QPageLayout(page, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
    painter = QPainter(writer)
    try:
        yield from _paint_steps(scene, painter, QRectF(0, 0, rect.width(), rect.height()))
    finally:
        painter.end()


PNG_PIXELS = 64_000_000  # a PNG drawn at most this big (256 MB while drawn); larger is scaled down
PNG_SIDE = 32_767  # and no side longer (what image viewers and QImage's painting handle)


def png_fit(width: float, height: float, scale: float) -> float:
    """The scale a PNG of a `width` x `height` drawing is made at: `scale`, or less so that it
    fits PNG_PIXELS and PNG_SIDE (a 10,000-node tree is over a million pixels wide)."""
    fitted = min(scale, PNG_SIDE / max(width, 1.0), PNG_SIDE / max(height, 1.0))
    pixels = width * height * fitted * fitted
    if pixels > PNG_PIXELS:
        fitted *= (PNG_PIXELS / pixels) ** 0.5
    return fitted


def _png(scene: GraphScene, path: Path, scale: float, title: str) -> Generator[tuple[str, int, int], None, str | None]:
    """The drawing as a PNG at `scale`, or scaled down to fit one (said in what it returns)."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QImage, QPainter

    rect = scene.content
    fitted = png_fit(rect.width(), rect.height(), scale)
    note = None
    if fitted < scale:
        whole = f"{int(rect.width() * scale):,} x {int(rect.height() * scale):,}"
        note = (
            f"The drawing was scaled to {fitted * 100:.1f} % to fit a PNG (the whole tree would be {whole} pixels); "
            "export SVG or PDF for the full size"
        )
    width, height = max(int(rect.width() * fitted), 1), max(int(rect.height() * fitted), 1)
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(scene.backgroundBrush().color())
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        yield from _paint_steps(scene, painter, QRectF(0, 0, width, height))
    finally:
        painter.end()
    if not image.save(str(path), "PNG"):  # type: ignore[call-overload]  # run time wants str, the stubs say bytes
        raise OSError(f"cannot write {path}")
    return note
