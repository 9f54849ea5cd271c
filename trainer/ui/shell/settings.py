"""The window's remembered state, in one INI file in the user data folder.

Tests redirect it with TRAINER_DATA_DIR, like every other user file.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

from trainer.draw.themes import DEFAULT_PRESENTATION_THEME, PRESENTATION_THEMES
from trainer.infra.paths import user_data_dir
from trainer.present.screens import ScreenLayout, settings_key


class WindowSettings:
    def __init__(self) -> None:
        folder = user_data_dir()
        folder.mkdir(parents=True, exist_ok=True)
        self._qs = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)

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
        value = self._qs.value("study/last_tree", "")
        return value if isinstance(value, str) else ""

    @last_tree.setter
    def last_tree(self, path: str) -> None:
        self._qs.setValue("study/last_tree", path)

    @property
    def reduced_motion(self) -> bool:
        return str(self._qs.value("view/reduced_motion", "false")).lower() == "true"

    @reduced_motion.setter
    def reduced_motion(self, value: bool) -> None:
        self._qs.setValue("view/reduced_motion", "true" if value else "false")

    @property
    def theme(self) -> str:
        """ "system" (the default: light or dark as the desktop is), or a theme's file name."""
        value = self._qs.value("view/theme", "system")
        return value if isinstance(value, str) and value else "system"

    @theme.setter
    def theme(self, name: str) -> None:
        self._qs.setValue("view/theme", name)

    @property
    def zoom(self) -> int:
        """The interface zoom in percent of the system font size (100 unless chosen)."""
        try:
            return int(str(self._qs.value("view/zoom", 100)))
        except ValueError:
            return 100

    @zoom.setter
    def zoom(self, percent: int) -> None:
        self._qs.setValue("view/zoom", int(percent))

    @property
    def presentation_theme(self) -> str:
        """The presentation's own theme ("dark-room" unless chosen), apart from the interface's."""
        value = self._qs.value("present/theme", DEFAULT_PRESENTATION_THEME)
        return value if isinstance(value, str) and value in PRESENTATION_THEMES else DEFAULT_PRESENTATION_THEME

    @presentation_theme.setter
    def presentation_theme(self, name: str) -> None:
        self._qs.setValue("present/theme", name)

    def screen_layout(self, signature: str) -> ScreenLayout | None:
        """Which screen had the presentation and which the console, for this setup of screens."""
        return ScreenLayout.from_text(self._qs.value(f"present_screens/{settings_key(signature)}"))

    def set_screen_layout(self, signature: str, layout: ScreenLayout) -> None:
        self._qs.setValue(f"present_screens/{settings_key(signature)}", layout.to_text(signature))

    def sync(self) -> None:
        self._qs.sync()
