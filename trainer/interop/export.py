"""Exporting a tree: drawings (SVG, PNG, PDF, drawn with Qt in `trainer.ui.export.render`), text
(Graphviz DOT, Mermaid, a Markdown outline, plain Python in `trainer.interop.text`), and a
self-contained HTML page with the drawing, a walk and a quiz (`trainer.interop.html`).

Importing this package loads no Qt: the drawing formats are imported only when asked for.
"""

from __future__ import annotations

from pathlib import Path

from trainer.core.model import Tree
from trainer.infra.progress import Progress

FORMATS = ("svg", "png", "pdf", "dot", "mermaid", "md", "html", "anki")
TEXT_FORMATS = ("dot", "mermaid", "md", "anki")
IMAGE_FORMATS = ("svg", "png", "pdf")

EXTENSIONS = {
    ".svg": "svg",
    ".png": "png",
    ".pdf": "pdf",
    ".dot": "dot",
    ".gv": "dot",
    ".mmd": "mermaid",
    ".mermaid": "mermaid",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
}


def format_from_path(path: str | Path) -> str | None:
    """The format a file name asks for by its extension (case-insensitive), or None."""
    return EXTENSIONS.get(Path(path).suffix.lower())


def export_text(tree: Tree, fmt: str, direction: str = "down", progress: Progress | None = None) -> str:
    """The tree as DOT, Mermaid, Markdown or Anki cards text. `direction` ("down" or "right") is the flow
    of the DOT and Mermaid drawings; the Markdown outline has none. `progress` can stop the Anki
    cards, the one format that takes long on a large tree, between two cards."""
    from trainer.interop.anki import to_anki
    from trainer.interop.text import to_dot, to_markdown, to_mermaid

    if fmt == "dot":
        return to_dot(tree, direction)
    if fmt == "mermaid":
        return to_mermaid(tree, direction)
    if fmt == "md":
        return to_markdown(tree)
    if fmt == "anki":
        return to_anki(tree, progress=progress)
    raise ValueError(f"'{fmt}' is not a text format; text formats are {', '.join(TEXT_FORMATS)}")
