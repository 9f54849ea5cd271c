"""Colours and fonts of the graph: colours from the active theme (resources/styles/themes/),
fonts from the application font (so the interface zoom reaches the graph).

Fills are light and text is dark in light themes (and the reverse in dark ones) so node text
keeps a high contrast (measured in tests/draw/test_themes.py); question and outcome fills
differ in hue and lightness, not in hue alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtGui import QColor, QFont, QFontInfo, QPalette
from PySide6.QtWidgets import QApplication

from trainer.draw.themes import MASTERY_LEVELS, Theme, ThemeError, load_theme


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
    scale: float = 1.0  # the interface zoom: wrap widths and pills grow with the text
    # the mastery overlay: (line, band fill) per level ("weak", "learning", "strong")
    mastery: dict[str, tuple[QColor, QColor]] = field(default_factory=lambda: _mastery(_FALLBACK))

    @property
    def readable_zoom(self) -> float:
        """The least zoom at which every text the graph draws (nodes, answers, pills) is at
        least READABLE_PIXELS high on screen, times the interface zoom above 100 % (who asked
        for 200 % type reads the graph at 22 px, not 11); below it the graph draws no text."""
        smallest = min(font_pixels(self.font), font_pixels(self.label_font))
        return READABLE_PIXELS * max(self.scale, 1.0) / smallest if smallest > 0 else 1.0


READABLE_PIXELS = 11.0  # the smallest text the graph draws at 100 % interface zoom, in screen pixels (the em size)


def font_pixels(font: QFont) -> float:
    """A font's em size in device pixels (a point size is converted at the screen's 96 dpi)."""
    if font.pixelSize() > 0:
        return float(font.pixelSize())
    return font.pointSizeF() * 96.0 / 72.0


_active: Theme | None = None  # set by the appearance controller (trainer.ui.shell.appearance)
_loaded: dict[str, Theme] = {}
_scale = 1.0


def set_interface_scale(scale: float) -> None:
    """The interface zoom (1.0 = 100%) new graph styles are made for; fonts follow the app font."""
    global _scale
    _scale = scale


def set_active_theme(theme: Theme | None) -> None:
    """The theme new graph styles take their colours from (None: follow the palette's lightness)."""
    global _active
    _active = theme


def active_theme(palette: QPalette | None = None) -> Theme | None:
    if _active is not None:
        return _active
    palette = palette or QApplication.palette()
    name = "dark" if palette.color(QPalette.ColorRole.Window).lightness() < 128 else "light"
    if name not in _loaded:
        try:
            _loaded[name] = load_theme(name)
        except ThemeError:
            return None  # a damaged install: the built-in colours below
    return _loaded[name]


_FALLBACK: dict[str, str] = {
    "graph_question_fill": "#e3efff",
    "graph_outcome_fill": "#e2f5e4",
    "graph_border": "#4a6784",
    "graph_text": "#111111",
    "graph_edge": "#6b7682",
    "graph_path": "#c2410c",
    "graph_current": "#c2410c",
    "graph_match": "#7b1fa2",
    "graph_label_fill": "#ffffff",
    "graph_background": "#fafafa",
    "graph_error": "#b00020",
    "graph_weak": "#c62828",
    "graph_weak_fill": "#fde2df",
    "graph_learning": "#a35c00",
    "graph_learning_fill": "#fff0c7",
    "graph_strong": "#2e7d32",
    "graph_strong_fill": "#d9f2da",
}


def _mastery(colours: dict[str, str]) -> dict[str, tuple[QColor, QColor]]:
    return {
        level: (QColor(colours[f"graph_{level}"]), QColor(colours[f"graph_{level}_fill"])) for level in MASTERY_LEVELS
    }


def graph_style(palette: QPalette | None = None, theme: Theme | None = None) -> GraphStyle:
    """The graph's colours from `theme`, or from the interface's theme when None; the
    presentation passes its own so its graph matches the room's theme, not the window's."""
    theme = theme or active_theme(palette)
    colours = theme.colours if theme is not None else _FALLBACK
    font = QFont(QApplication.font())
    # The resolved family ("DejaVu Sans"), not an alias ("Sans Serif") that SVG viewers and
    # browsers do not know: exports name the font they were measured with.
    font.setFamily(QFontInfo(font).family())
    # answers and pills as big as the nodes' text: a smaller font falls under the readable
    # size at the interface's own zoom (the 9 pt default made labels 10.8 px)
    label_font = QFont(font)
    glyph_font = QFont(font)
    glyph_font.setBold(True)
    c = {key: QColor(value) for key, value in colours.items()}
    return GraphStyle(
        c["graph_question_fill"],
        c["graph_outcome_fill"],
        c["graph_border"],
        c["graph_text"],
        c["graph_edge"],
        c["graph_path"],
        c["graph_current"],
        c["graph_match"],
        c["graph_label_fill"],
        c["graph_background"],
        font,
        label_font,
        glyph_font,
        c["graph_error"],
        _scale,
        _mastery(colours),
    )
