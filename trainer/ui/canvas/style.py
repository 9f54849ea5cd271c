"""Colours and fonts of the graph, derived from the application palette (themes come later).

Fills are light and text is dark in light mode (and the reverse in dark mode) so node text keeps
a high contrast; question and outcome fills differ in hue and lightness, not in hue alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtGui import QColor, QFont, QFontInfo, QPalette
from PySide6.QtWidgets import QApplication


@dataclass(frozen=True)
class GraphStyle:
    question_fill: QColor
    outcome_fill: QColor
    border: QColor
    text: QColor
    edge: QColor
    path_edge: QColor
    current_border: QColor
    match_border: QColor
    label_fill: QColor
    background: QColor
    font: QFont
    label_font: QFont
    glyph_font: QFont
    error: QColor = field(default_factory=lambda: QColor("#b00020"))  # the editor's flag on a node with an error


def graph_style(palette: QPalette | None = None) -> GraphStyle:
    palette = palette or QApplication.palette()
    dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
    font = QFont(QApplication.font())
    # The resolved family ("DejaVu Sans"), not an alias ("Sans Serif") that SVG viewers and
    # browsers do not know: exports name the font they were measured with.
    font.setFamily(QFontInfo(font).family())
    label_font = QFont(font)
    label_font.setPointSizeF(font.pointSizeF() * 0.9)
    glyph_font = QFont(font)
    glyph_font.setBold(True)
    if dark:
        return GraphStyle(
            QColor("#1f3a5a"), QColor("#1e4d2b"), QColor("#9fb3c8"), QColor("#f2f2f2"), QColor("#8a96a3"),
            QColor("#ffb74d"), QColor("#ffb74d"), QColor("#ce93d8"), QColor("#2b2b2b"), QColor("#1b1b1b"), font, label_font, glyph_font,
            QColor("#ff6b6b"),
        )
    return GraphStyle(
        QColor("#e3efff"), QColor("#e2f5e4"), QColor("#4a6784"), QColor("#111111"), QColor("#7b8794"),
        QColor("#c2410c"), QColor("#c2410c"), QColor("#7b1fa2"), QColor("#ffffff"), QColor("#fafafa"), font, label_font, glyph_font,
    )
