"""File > Export: ask where, then write the tree in the format the file name asks for.

The prompts go through `ExportPrompts`, whose two methods tests replace; everything else is the
same code the command line uses.

A small tree is exported at once. A large one would freeze the window for seconds, so it never
holds it: text formats are made and written in a worker thread; a drawing (and the web page
around one) is made by `trainer export` in a child process (trainer.ui.export.child), in the
window's theme, because the last Qt call of a drawing holds Python's GIL and would freeze the
window from any thread. A tree not read from a file is drawn here instead: prepared in a worker
(`prepare_drawing`), then painted a few hundred items at a time between turns of the event loop,
in the window's theme. Either way a progress line in the status bar offers Cancel (or Esc), and
the file is written beside the target and renamed over it at the very end, so a cancelled or
failed export leaves the old file as it was and nothing else.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, QStandardPaths, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from trainer.core.model import Tree
from trainer.infra.fileio import write_atomically
from trainer.infra.progress import Progress, Snapshot, checkpoint
from trainer.infra.settings import EXPORT_FOLDER, Settings
from trainer.interop.export import IMAGE_FORMATS, export_text, format_from_path
from trainer.ui.canvas.style import active_theme
from trainer.ui.common.background import Slices
from trainer.ui.common.busy import BusyBar, ProgressRunner
from trainer.ui.common.plain import message_box
from trainer.ui.export.child import ChildExport

FILTERS = {
    "svg": "SVG drawing (*.svg)",
    "pdf": "PDF document (*.pdf)",
    "png": "PNG image (*.png)",
    "dot": "Graphviz DOT (*.dot *.gv)",
    "mermaid": "Mermaid flowchart (*.mmd)",
    "md": "Markdown outline for handouts (*.md)",
    "html": "Web page with a walk and a quiz, for sharing (*.html)",
    "anki": "Anki flash cards, to import in Anki (*.txt)",
}
PNG_SCALE = 2.0  # sharp on high-density screens and in slides
INLINE_NODES = 500  # trees up to this size are exported at once


class ExportPrompts:
    @staticmethod
    def ask_path(parent: QWidget, suggested: Path) -> tuple[Path, str] | None:
        """The file to write and the format of the chosen filter, or None when cancelled."""
        name, chosen = QFileDialog.getSaveFileName(parent, "Export tree", str(suggested), ";;".join(FILTERS.values()))
        if not name:
            return None
        fmt = next((f for f, text in FILTERS.items() if text == chosen), "svg")
        return Path(name), fmt

    @staticmethod
    def show_error(parent: QWidget, message: str) -> None:
        message_box(parent, QMessageBox.Icon.Warning, "Export failed", message)  # it names the file


class FolderMemory(Protocol):
    """Where the last export went (trainer.ui.shell.settings.WindowSettings is one)."""

    export_folder: str


class RememberedFolder:
    """The user's settings file (trainer.infra.settings), read and written at each export."""

    @property
    def export_folder(self) -> str:
        return Settings().get(EXPORT_FOLDER)

    @export_folder.setter
    def export_folder(self, folder: str) -> None:
        Settings().set(EXPORT_FOLDER, folder)


def start_folder(memory: FolderMemory, fallback: Path | None = None) -> Path:
    """Where the export dialog opens: the folder of the last export while it exists, else the
    user's Documents folder (never the app's own trees, where a tree's file may live)."""
    for candidate in (
        memory.export_folder,
        QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation),
    ):
        if candidate and Path(candidate).is_dir():
            return Path(candidate)
    return fallback if fallback is not None and fallback.is_dir() else Path.home()


def _target(
    parent: QWidget, tree: Tree, folder: Path | None, memory: FolderMemory | None = None
) -> tuple[Path, str] | None:
    memory = memory or RememberedFolder()
    answer = ExportPrompts.ask_path(parent, start_folder(memory, folder) / f"{tree.id}.svg")
    if answer is None:
        return None
    path, chosen = answer
    memory.export_folder = str(path.parent)  # the next export starts there
    fmt = format_from_path(path) or chosen
    if path.suffix == "":
        path = path.with_suffix({"mermaid": ".mmd", "anki": ".txt"}.get(fmt, f".{fmt}"))
    return path, fmt


def _failure(path: Path, exc: OSError) -> str:
    return f"Could not write {path}:\n{exc.strerror or exc}\n\nNothing was changed."


def export_tree(
    parent: QWidget, tree: Tree, direction: str, folder: Path | None = None, memory: FolderMemory | None = None
) -> Path | None:
    """Export `tree` at once; returns the file written, or None when cancelled or failed (and
    said so). The dialog starts where the last export went, else in Documents (`folder` only
    when neither exists)."""
    target = _target(parent, tree, folder, memory)
    if target is None:
        return None
    path, fmt = target
    try:
        _write_now(tree, fmt, path, direction)
    except OSError as exc:
        ExportPrompts.show_error(parent, _failure(path, exc))
        return None
    return path


def _write_now(tree: Tree, fmt: str, path: Path, direction: str) -> None:
    if fmt in IMAGE_FORMATS:
        from trainer.ui.export.render import export_image

        export_image(tree, fmt, path, scale=PNG_SCALE if fmt == "png" else 1.0, direction=direction)  # type: ignore[arg-type]
    elif fmt == "html":
        from trainer.interop.html import to_html
        from trainer.ui.export.render import svg_text

        write_atomically(path, to_html(tree, svg_text(tree, direction)).encode("utf-8"))  # type: ignore[arg-type]
    else:
        write_atomically(path, export_text(tree, fmt, direction).encode("utf-8"))


def _write_text(tree: Tree, fmt: str, path: Path, direction: str, progress: Progress | None) -> Path | str:
    """A text format made and written in a worker: the path written, or why it was not."""
    if progress is not None:
        progress.start("Exporting")
    text = export_text(tree, fmt, direction, progress)
    checkpoint(progress)  # cancelled while the text was made: nothing is written
    try:
        write_atomically(path, text.encode("utf-8"))
    except OSError as exc:
        return _failure(path, exc)
    return path


def _write_page(tree: Tree, svg: Path, path: Path, progress: Progress | None) -> Path | str:
    """The web page around a drawing already written to `svg`, made and written in a worker."""
    from trainer.interop.html import to_html

    if progress is not None:
        progress.start("Writing the page")
    page = to_html(tree, svg.read_text(encoding="utf-8"))
    checkpoint(progress)
    try:
        write_atomically(path, page.encode("utf-8"))
    except OSError as exc:
        return _failure(path, exc)
    return path


class Exporter(QObject):
    """File > Export for a window: at once for a small tree, in steps behind `bar` for a large one."""

    exported = Signal(object)  # the Path written

    def __init__(self, parent: QWidget, bar: BusyBar, memory: FolderMemory | None = None) -> None:
        super().__init__(parent)
        self.window = parent
        self.memory: FolderMemory = memory or RememberedFolder()
        self.bar = bar
        self.runner = ProgressRunner(bar, "exporting", self)
        self.runner.failed.connect(self._on_failed)
        bar.cancel_requested.connect(self._on_cancel_requested)
        self._slices: Slices | None = None
        self._folder: tempfile.TemporaryDirectory[str] | None = None
        self.child: ChildExport | None = None
        self._note: str | None = None  # what the last drawing wants the user told (a PNG scaled to fit)

    @property
    def busy(self) -> bool:
        return self.runner.busy or self._slices is not None or self.child is not None

    def export(self, tree: Tree, direction: str, folder: Path | None = None) -> None:
        if len(tree.nodes) <= INLINE_NODES:
            written = export_tree(self.window, tree, direction, folder, self.memory)
            if written is not None:
                self.exported.emit(written)
            return
        target = _target(self.window, tree, folder, self.memory)
        if target is None:
            return
        self.discard()
        path, fmt = target
        if (fmt in IMAGE_FORMATS or fmt == "html") and tree.path is not None:
            self._export_in_child(tree.path, direction, fmt, path)
        elif fmt in IMAGE_FORMATS or fmt == "html":
            self._prepare(tree, direction, fmt, path)
        else:
            self.runner.run(
                lambda progress: _write_text(tree, fmt, path, direction, progress),
                self._done,
                inline=False,
                text=f"Exporting {path.name}…",
                subject=path.name,
            )

    def discard(self) -> None:
        """Drop a running export: no file is written (a worker checks before it writes; the
        drawing's painter is ended and its temporary file removed)."""
        self.runner.discard()
        if self._slices is not None:
            self._slices.stop()
        if self.child is not None:
            self.child.cancel()
        self._end_drawing()

    # --- a drawing: prepared in a worker, painted in steps -------------------------------------------
    def _prepare(self, tree: Tree, direction: str, fmt: str, path: Path) -> None:
        from trainer.ui.canvas.scene import prepare_drawing
        from trainer.ui.canvas.style import graph_style

        style = graph_style()
        self.runner.run(
            lambda progress: prepare_drawing(tree, style, direction, {}, progress=progress),  # type: ignore[arg-type]
            lambda drawing: self._draw(tree, drawing, direction, fmt, path),
            inline=False,
            text=f"Exporting {path.name}…",
            subject=path.name,
        )

    def _draw(self, tree: Tree, drawing, direction: str, fmt: str, path: Path) -> None:
        from trainer.ui.export.render import drawn_scene

        scene = drawn_scene(tree, direction, drawing)  # type: ignore[arg-type]
        problems: list[str] = []
        if fmt == "html":  # the drawing first, then the page around it (in a worker)
            self._folder = tempfile.TemporaryDirectory()
            target = Path(self._folder.name) / "drawing.svg"
            steps = self._drawing_steps(scene, "svg", target, 1.0, tree.title, problems)
            finish = lambda: self._write_page(tree, target, path)
        else:
            steps = self._drawing_steps(scene, fmt, path, PNG_SCALE if fmt == "png" else 1.0, tree.title, problems)
            finish = lambda: self._done(path)
        self.bar.begin(f"Exporting {path.name}…", path.name)
        self._slices = Slices(steps, f"exporting {path.name}", self)
        self._slices.finished.connect(
            lambda: self._after_drawing(lambda: self._done(problems[0]) if problems else finish())
        )
        self._slices.failed.connect(lambda message: self._after_drawing(lambda: self._on_failed(message)))
        self._slices.start()

    def _drawing_steps(
        self, scene, fmt: str, path: Path, scale: float, title: str, problems: list[str]
    ) -> Iterator[None]:
        from trainer.ui.export.render import image_steps

        steps = image_steps(scene, fmt, path, scale, title)
        try:
            while True:
                try:
                    what, done, total = next(steps)
                except StopIteration as finished:
                    self._note = finished.value  # a PNG scaled down to fit: said once it is written
                    return
                self.bar.show_progress(Snapshot(what, done, total))
                yield
        except OSError as exc:  # a disk that is full, an image too large: said plainly
            problems.append(_failure(path, exc))

    def _write_page(self, tree: Tree, svg: Path, path: Path) -> None:
        folder = self._folder
        self.runner.run(
            lambda progress: _write_page(tree, svg, path, progress),
            lambda result: self._done(result, folder),
            inline=False,
            text=f"Exporting {path.name}…",
            subject=path.name,
        )

    def _on_cancel_requested(self) -> None:
        """Cancel or Esc: nothing is kept of an export, so it stops at once."""
        if self.busy:
            self.discard()
            self.window.statusBar().showMessage("Export cancelled: nothing was written.", 8000)  # type: ignore[attr-defined]

    def _end_drawing(self) -> None:
        self._slices = None
        self.child = None
        self.bar.end()

    def _after_drawing(self, then: Callable[[], None]) -> None:
        """The drawing is over (done, failed or refused): the bar goes, then `then` says how."""
        self._end_drawing()
        then()

    # --- a drawing of a tree file: by the command line, in a child process -----------------------------
    def _export_in_child(self, tree_path: Path, direction: str, fmt: str, path: Path) -> None:
        theme = active_theme()
        child = self.child = ChildExport(self)
        child.progressed.connect(self.bar.show_progress)
        child.finished.connect(lambda written: self._after_drawing(lambda: self._done(written)))
        child.failed.connect(
            lambda message: self._after_drawing(
                lambda: self._done(f"Could not export to {path}:\n{message}\n\nNothing was changed.")
            )
        )
        self.bar.begin(f"Exporting {path.name}…", path.name)
        child.start(
            tree_path,
            fmt,
            path,
            direction,
            theme.name if theme is not None else "light",
            PNG_SCALE if fmt == "png" else 1.0,
        )

    # --- endings ---------------------------------------------------------------------------------------
    def _done(self, result: Path | str, folder: tempfile.TemporaryDirectory[str] | None = None) -> None:
        if folder is not None:
            folder.cleanup()
        if isinstance(result, Path):
            self.exported.emit(result)
            note, self._note = self._note, None
            if note:
                self.window.statusBar().showMessage(f"Exported to {result}. {note}.", 20_000)  # type: ignore[attr-defined]
        else:
            ExportPrompts.show_error(self.window, result)

    def _on_failed(self, message: str) -> None:
        ExportPrompts.show_error(self.window, f"The export failed. {message}\n\nNothing was changed.")
