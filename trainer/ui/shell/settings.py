"""The window's remembered state: the typed settings of trainer.infra.settings (JSON in the user
config folder), and the window's geometry and splitter state, which only Qt reads, in QSettings'
INI file in the user data folder.

Tests redirect both with TRAINER_DATA_DIR, like every other user file.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

from trainer.draw.themes import DEFAULT_PRESENTATION_THEME, PRESENTATION_THEMES
from trainer.infra import settings as table
from trainer.infra.settings import Settings, old_settings_file
from trainer.present.screens import ScreenLayout, settings_key


class WindowSettings:
    def __init__(self) -> None:
        ini = old_settings_file()
        ini.parent.mkdir(parents=True, exist_ok=True)
        self.values = Settings(old_ini=ini)  # reads the INI's other values once, at the first start
        self._qs = QSettings(str(ini), QSettings.Format.IniFormat)

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._qs.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    @property
    def geometry(self) -> QByteArray | None:
        return self._bytes("window/geometry")

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self._qs.setValue("window/geometry", value)

    @property
    def splitter(self) -> QByteArray | None:
        return self._bytes("window/splitter")

    @splitter.setter
    def splitter(self, value: QByteArray) -> None:
        self._qs.setValue("window/splitter", value)

    @property
    def last_tree(self) -> str:
        return self.values.get(table.LAST_TREE)

    @last_tree.setter
    def last_tree(self, path: str) -> None:
        self.values.set(table.LAST_TREE, path)

    @property
    def export_folder(self) -> str:
        """The folder File > Export last wrote to ("" before the first export)."""
        return self.values.get(table.EXPORT_FOLDER)

    @export_folder.setter
    def export_folder(self, folder: str) -> None:
        self.values.set(table.EXPORT_FOLDER, folder)

    @property
    def reduced_motion(self) -> bool:
        return self.values.get(table.REDUCED_MOTION)

    @reduced_motion.setter
    def reduced_motion(self, value: bool) -> None:
        self.values.set(table.REDUCED_MOTION, bool(value))

    @property
    def minimap(self) -> bool:
        """View > Show Minimap (shown unless turned off)."""
        return self.values.get(table.MINIMAP)

    @minimap.setter
    def minimap(self, value: bool) -> None:
        self.values.set(table.MINIMAP, bool(value))

    @property
    def theme(self) -> str:
        """ "system" (the default: light or dark as the desktop is), or a theme's file name."""
        return self.values.get(table.THEME) or table.THEME.default

    @theme.setter
    def theme(self, name: str) -> None:
        self.values.set(table.THEME, name)

    @property
    def zoom(self) -> int:
        """The interface zoom in percent of the system font size (100 unless chosen)."""
        return self.values.get(table.ZOOM)

    @zoom.setter
    def zoom(self, percent: int) -> None:
        self.values.set(table.ZOOM, int(percent))

    @property
    def presentation_theme(self) -> str:
        """The presentation's own theme ("dark-room" unless chosen), apart from the interface's."""
        value = self.values.get(table.PRESENTATION_THEME)
        return value if value in PRESENTATION_THEMES else DEFAULT_PRESENTATION_THEME

    @presentation_theme.setter
    def presentation_theme(self, name: str) -> None:
        self.values.set(table.PRESENTATION_THEME, name)

    def screen_layout(self, signature: str) -> ScreenLayout | None:
        """Which screen had the presentation and which the console, for this setup of screens."""
        return ScreenLayout.from_text(self.values.get(table.SCREEN_LAYOUTS).get(settings_key(signature)))

    def set_screen_layout(self, signature: str, layout: ScreenLayout) -> None:
        stored: dict[str, str] = self.values.get(table.SCREEN_LAYOUTS)
        layouts = {**stored, settings_key(signature): layout.to_text(signature)}
        self.values.set(table.SCREEN_LAYOUTS, layouts)

    def sync(self) -> None:
        self._qs.sync()
