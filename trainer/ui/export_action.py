"""File > Export: ask where, then write the tree in the format the file name asks for.

The prompts go through `ExportPrompts`, whose two methods tests replace; everything else is the
same code the command line uses.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from trainer.export import IMAGE_FORMATS, export_text, format_from_path
from trainer.fileio import write_atomically
from trainer.model import Tree

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
        QMessageBox.warning(parent, "Export failed", message)


def export_tree(parent: QWidget, tree: Tree, direction: str, folder: Path) -> Path | None:
    """Export `tree`; returns the file written, or None when cancelled or failed (and said so)."""
    answer = ExportPrompts.ask_path(parent, folder / f"{tree.id}.svg")
    if answer is None:
        return None
    path, chosen = answer
    fmt = format_from_path(path) or chosen
    if path.suffix == "":
        path = path.with_suffix({"mermaid": ".mmd", "anki": ".txt"}.get(fmt, f".{fmt}"))
    try:
        if fmt in IMAGE_FORMATS:
            from trainer.export.render import export_image

            export_image(tree, fmt, path, scale=PNG_SCALE if fmt == "png" else 1.0, direction=direction)
        elif fmt == "html":
            from trainer.export.html import to_html
            from trainer.export.render import svg_text

            write_atomically(path, to_html(tree, svg_text(tree, direction)).encode("utf-8"))
        else:
            write_atomically(path, export_text(tree, fmt, direction).encode("utf-8"))
    except OSError as exc:
        ExportPrompts.show_error(parent, f"Could not write {path}:\n{exc.strerror or exc}\n\nNothing was changed.")
        return None
    return path
