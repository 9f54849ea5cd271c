"""WindowSettings over the typed settings table: the old QSettings INI file moved over, the
window's geometry left in it."""

from __future__ import annotations

import json

from PySide6.QtCore import QByteArray, QSettings

from trainer.infra.settings import old_settings_file, settings_file
from trainer.ui.shell.settings import WindowSettings


def test_the_window_settings_move_a_real_qsettings_file_and_keep_the_geometry_there() -> None:
    """The old WindowSettings wrote its INI with QSettings: the new one reads it, the window's
    geometry stays in it."""
    old = QSettings(str(old_settings_file()), QSettings.Format.IniFormat)
    old.setValue("window/geometry", QByteArray(b"\x01\xd9\xd0\xcb"))
    old.setValue("study/last_tree", "/trees/a, b.yaml")
    old.setValue("view/reduced_motion", "true")
    old.setValue("view/zoom", 110)
    old.sync()
    settings = WindowSettings()
    assert settings.last_tree == "/trees/a, b.yaml" and settings.reduced_motion and settings.zoom == 110
    assert settings.geometry == QByteArray(b"\x01\xd9\xd0\xcb")
    settings.zoom = 120
    assert WindowSettings().zoom == 120 and json.loads(settings_file().read_text(encoding="utf-8"))["view.zoom"] == 120
