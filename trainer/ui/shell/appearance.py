"""View > Theme and the interface zoom (Ctrl+Plus, Ctrl+Minus, Ctrl+0).

A small controller the main window creates; the decisions (which theme file, the colours, the
zoom steps) are in trainer.draw.themes. Applying a theme sets the application palette and the
stylesheet filled from the same colours, and restyles every graph; the zoom scales the
application font, every font a widget set for itself by the same ratio, and the graph's text.
Both are remembered in WindowSettings and applied again by the next window.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QStatusBar, QWidget

from trainer.draw.themes import (
    CHOICES,
    SYSTEM,
    Theme,
    ThemeError,
    clamp_zoom,
    load_theme,
    resolve,
    stylesheet,
    zoom_in,
    zoom_out,
)
from trainer.ui.canvas.style import set_active_theme, set_interface_scale
from trainer.ui.common.actions import Actions, ActionSpec, Menus, MenuSpec

THEME_LABELS = {
    SYSTEM: "&System (Light or Dark)",
    "light": "&Light",
    "dark": "&Dark",
    "high-contrast": "&High Contrast",
}
BASE_FONT_PROPERTY = "trainerBaseFontPointSize"  # the font size at 100%, kept on the application
# Qt's stylesheet keeps a widget's own font in this property when it polishes it (for a widget
# whose stylesheet rule sets a font property, e.g. font-weight) and starts from it again.
_SHEET_FONT = "_q_styleSheetWidgetFont"
_SIZE_RESOLVED = 0x2  # QFont::SizeResolved: a widget's font names its own size


def system_is_dark() -> bool:
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def theme_palette(theme: Theme) -> QPalette:
    c = {key: QColor(value) for key, value in theme.colours.items()}
    palette = QPalette(c["button"], c["window"])  # derives light, mid, dark and shadow
    role = QPalette.ColorRole
    for r, key in (
        (role.Window, "window"),
        (role.WindowText, "text"),
        (role.Base, "panel"),
        (role.AlternateBase, "panel_alt"),
        (role.Text, "text"),
        (role.Button, "button"),
        (role.ButtonText, "button_text"),
        (role.Highlight, "accent"),
        (role.HighlightedText, "accent_text"),
        (role.Link, "link"),
        (role.LinkVisited, "link"),
        (role.PlaceholderText, "muted"),
        (role.ToolTipBase, "panel"),
        (role.ToolTipText, "text"),
        (role.BrightText, "error"),
        (role.Mid, "border"),
    ):
        palette.setColor(r, c[key])
    for r in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, r, c["disabled_text"])
    return palette


def base_font_size(app: QApplication) -> float:
    """The application font's size at 100 %: what it was when first asked, kept on the app."""
    base = app.property(BASE_FONT_PROPERTY)
    if not isinstance(base, float) or base <= 0:
        base = app.font().pointSizeF()
        app.setProperty(BASE_FONT_PROPERTY, float(base))
    return float(base)


def start_at_zoom(percent: int) -> None:
    """Before the window makes its widgets: the style every theme is drawn with, then the
    application font at the remembered zoom, so every widget is made at that size. (Setting the
    style resets the fonts of menus, buttons and lists to the desktop's: done after the font,
    as the theme did at first, it left them at 100 %.)"""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    use_fusion(app)
    font = QFont(app.font())
    font.setPointSizeF(base_font_size(app) * clamp_zoom(percent) / 100)
    app.setFont(font)


def use_fusion(app: QApplication) -> None:
    if app.style().name().lower() != "fusion":  # native styles ignore parts of the palette
        app.setStyle("Fusion")


def refresh_links() -> None:
    """A label's rich text keeps the link colour of the palette it was laid out with: lay out
    again the labels that show links, so they take the new theme's link colour."""
    for widget in QApplication.allWidgets():
        if isinstance(widget, QLabel) and "<a " in widget.text():
            text = widget.text()
            widget.clear()
            widget.setText(text)


def restyle_graphs() -> None:
    """Every graph in every window (the main window's and the editors') takes the new colours
    and fonts: its text is measured again and the tree laid out again."""
    from trainer.ui.canvas.view import GraphView

    for widget in QApplication.allWidgets():
        if isinstance(widget, GraphView):
            widget.graph.restyle()
            widget.viewport().update()


class AppearanceSettings(Protocol):
    """The theme chosen ("system" or a theme's file name) and the zoom in percent."""

    theme: str
    zoom: int


class AppearanceHost(Protocol):
    """What Appearance needs of its window; `window()` (QWidget.window()) is the parent."""

    @property
    def settings(self) -> AppearanceSettings: ...
    @property
    def menus(self) -> Menus: ...
    @property
    def actions(self) -> Actions: ...

    def window(self) -> QWidget: ...
    def statusBar(self) -> QStatusBar: ...


class Appearance(QObject):
    theme_applied = Signal(str)  # the theme file now shown ("light", "dark", "high-contrast")
    zoom_changed = Signal(int)  # percent

    def __init__(self, host: AppearanceHost) -> None:
        self.host = host
        self.window = window = host.window()
        super().__init__(window)
        self.settings = host.settings
        menus, actions = host.menus, host.actions
        self.choice = self.settings.theme if self.settings.theme in CHOICES else SYSTEM
        self.zoom = clamp_zoom(self.settings.zoom)
        self.theme: Theme | None = None
        menus["view"].addSeparator()
        self.theme_menu = menus.add_submenu("view", MenuSpec("theme", "&Theme"))
        actions.add(self._theme_specs(), menus, window)
        group = QActionGroup(self)
        group.setExclusive(True)
        self.theme_actions: dict[str, QAction] = {choice: actions[f"theme_{choice}"] for choice in CHOICES}
        for action in self.theme_actions.values():
            group.addAction(action)
        actions.add(self._zoom_specs(), menus, window)
        self.zoom_in_action = actions["zoom_in"]
        self.zoom_out_action = actions["zoom_out"]
        self.zoom_reset_action = actions["zoom_reset"]
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._on_system_scheme_changed)
        self.apply_zoom(self.zoom)
        self.apply_theme()

    def _theme_specs(self) -> list[ActionSpec]:
        return [
            ActionSpec(
                f"theme_{choice}",
                THEME_LABELS[choice],
                "theme",
                lambda checked, c=choice: self._on_theme_chosen(c, checked),
                checkable=True,
                checked=choice == self.choice,
            )
            for choice in CHOICES
        ]

    def _zoom_specs(self) -> list[ActionSpec]:
        return [
            ActionSpec("zoom_in", "Zoom &In", "view", self.zoom_in, ["Ctrl++", "Ctrl+="]),
            ActionSpec("zoom_out", "Zoom &Out", "view", self.zoom_out, "Ctrl+-"),
            ActionSpec("zoom_reset", "&Actual Size", "view", self.zoom_reset, "Ctrl+0"),
        ]

    def _on_theme_chosen(self, choice: str, checked: bool) -> None:
        if checked and choice != self.choice:  # (set_theme checks the entry itself: no second call)
            self.set_theme(choice)

    # --- themes --------------------------------------------------------------------------------
    def set_theme(self, choice: str) -> None:
        """View > Theme: apply at once and remember."""
        self.choice = choice if choice in CHOICES else SYSTEM
        self.theme_actions[self.choice].setChecked(True)
        self.settings.theme = self.choice
        self.apply_theme()

    def _on_system_scheme_changed(self, scheme: Qt.ColorScheme) -> None:
        if self.choice == SYSTEM:
            self.apply_theme(system_dark=scheme == Qt.ColorScheme.Dark)

    def apply_theme(self, system_dark: bool | None = None) -> None:
        name = resolve(self.choice, system_is_dark() if system_dark is None else system_dark)
        try:
            theme = load_theme(name)
            sheet = stylesheet(theme)
        except (ThemeError, OSError) as exc:  # a damaged install costs looks, never the app
            self.host.statusBar().showMessage(f"The {name} theme cannot be used: {exc}", 10000)
            return
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        use_fusion(app)
        app.setPalette(theme_palette(theme))
        app.setStyleSheet(sheet)
        set_active_theme(theme)
        self.theme = theme
        restyle_graphs()
        refresh_links()
        self.theme_applied.emit(name)

    # --- zoom ----------------------------------------------------------------------------------
    def zoom_in(self) -> None:
        self.set_zoom(zoom_in(self.zoom))

    def zoom_out(self) -> None:
        self.set_zoom(zoom_out(self.zoom))

    def zoom_reset(self) -> None:
        self.set_zoom(100)

    def set_zoom(self, percent: int) -> None:
        percent = clamp_zoom(percent)
        if percent != self.zoom:
            self.apply_zoom(percent)
            self.settings.zoom = percent

    def apply_zoom(self, percent: int) -> None:
        """Scale the application font to `percent` of the size it had at start-up; fonts that
        widgets set for themselves (a question shown 1.6 times larger) keep their proportion."""
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        base = base_font_size(app)
        old = app.font().pointSizeF()
        new = base * percent / 100
        self.zoom = percent
        set_interface_scale(percent / 100)
        if abs(new - old) > 1e-6:
            # The stylesheet keeps each widget's font as it was when first polished and puts it
            # back when re-polished: take it off while the fonts change, then put it back.
            sheet = app.styleSheet()
            if sheet:
                app.setStyleSheet("")
            font = QFont(app.font())
            font.setPointSizeF(new)
            app.setFont(font)
            for widget in app.allWidgets():
                own = widget.font()
                if (
                    widget.testAttribute(Qt.WidgetAttribute.WA_SetFont)
                    and own.resolveMask() & _SIZE_RESOLVED
                    and own.pointSizeF() > 0
                ):
                    own = QFont(own)
                    own.setPointSizeF(own.pointSizeF() * new / old)
                    widget.setFont(own)
                    if widget.property(_SHEET_FONT) is not None:  # what the stylesheet puts back
                        widget.setProperty(_SHEET_FONT, QFont(own))
            if sheet:
                app.setStyleSheet(sheet)
        restyle_graphs()
        self.zoom_reset_action.setText(f"&Actual Size (now {percent}%)")
        self.zoom_changed.emit(percent)
