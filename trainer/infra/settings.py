"""The user's settings as one typed table, kept as JSON in the user config folder.

Each `Setting` row names its key, its type and its default, and the key earlier versions kept it
under in their INI file (QSettings, in the data folder): at the first start those values are
moved over once. The file is written atomically on every change, merged with what is on disk so
that two windows of one process keep each other's changes. A file that cannot be parsed gives the
defaults and a logged warning; it is kept beside the new one (renamed `.damaged-…`), never lost.
A file that cannot be read at all is never written over.

Tests move the config folder with TRAINER_DATA_DIR, like every other user file. The window's
geometry and splitter state stay in QSettings (trainer.ui.shell.settings).
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Generic, TypeVar, cast

from trainer.infra.fileio import damaged_name, explain, write_atomically
from trainer.infra.old_settings import read_ini
from trainer.infra.paths import APP_NAME, DATA_DIR_VARIABLE, user_data_dir

log = logging.getLogger("trainer.settings")

T = TypeVar("T")
SETTINGS_FILE = "settings.json"
OLD_SETTINGS_FILE = "settings.ini"  # in the data folder: QSettings' INI of earlier versions


@dataclass(frozen=True)
class Setting(Generic[T]):
    """One row of the table. `old_key` is the QSettings key earlier versions used ("group/name";
    for a mapping, the group whose keys it holds)."""

    key: str
    kind: type[T]
    default: T
    old_key: str = ""

    def accepts(self, value: object) -> bool:
        if self.kind is int:
            return isinstance(value, int) and not isinstance(value, bool)
        if self.kind is dict:
            return isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())
        return isinstance(value, self.kind)

    def from_old(self, text: str) -> T | None:
        """A value as the INI file held it (always text), or None when it cannot be one."""
        value: object = text
        if self.kind is bool:
            value = text.strip().lower() == "true"
        elif self.kind is int:
            try:
                value = int(text.strip())
            except ValueError:
                return None
        return cast(T, value) if self.accepts(value) else None


LAST_TREE = Setting("study.last_tree", str, "", "study/last_tree")  # the tree shown at the last close
REDUCED_MOTION = Setting("view.reduced_motion", bool, False, "view/reduced_motion")
MINIMAP = Setting("view.minimap", bool, True)  # View > Show Minimap (new: no key of earlier versions)
THEME = Setting("view.theme", str, "system", "view/theme")  # "system" or a theme's file name
ZOOM = Setting("view.zoom", int, 100, "view/zoom")  # percent of the system font size
PRESENTATION_THEME = Setting("present.theme", str, "dark-room", "present/theme")
SCREEN_LAYOUTS: Setting[dict[str, str]] = Setting("present.screens", dict, {}, "present_screens")  # per setup
EXPORT_FOLDER = Setting("export.folder", str, "")  # where File > Export last wrote ("": the Documents folder)

TABLE: tuple[Setting[Any], ...] = (
    LAST_TREE,
    REDUCED_MOTION,
    THEME,
    ZOOM,
    PRESENTATION_THEME,
    SCREEN_LAYOUTS,
    EXPORT_FOLDER,
    MINIMAP,
)


def config_dir() -> Path:
    """The user config folder; inside the data folder when TRAINER_DATA_DIR moves that."""
    override = os.environ.get(DATA_DIR_VARIABLE)
    if override:
        return Path(override).expanduser() / "config"
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False)


def settings_file() -> Path:
    return config_dir() / SETTINGS_FILE


def old_settings_file() -> Path:
    return user_data_dir() / OLD_SETTINGS_FILE


class Settings:
    """The settings of `path` (the user's by default), read once and again whenever the file
    changed on disk. Values of the wrong type read as their default; keys not in the table (a
    newer version's) are kept as they are."""

    def __init__(
        self, path: Path | None = None, old_ini: Path | None = None, table: Iterable[Setting[Any]] = TABLE
    ) -> None:
        self.path = path or settings_file()
        self.table: dict[str, Setting[Any]] = {row.key: row for row in table}
        self._old_ini = old_ini or old_settings_file()
        self._values: dict[str, Any] = {}
        self._seen: tuple[int, int] | None = None  # the file's (mtime, size) when last read
        self._writable = True  # False: a file is there that could not be read, so it is not replaced
        self._said_unsaved = False
        self._values = self._first_read()

    def get(self, setting: Setting[T]) -> T:
        self._follow_disk()
        value = self._values.get(setting.key, setting.default)
        return cast(T, value) if setting.accepts(value) else setting.default

    def set(self, setting: Setting[T], value: T) -> None:
        if not setting.accepts(value):
            raise TypeError(f"{setting.key} takes {setting.kind.__name__}, not {value!r}")
        self._follow_disk()
        self._values[setting.key] = value
        self.save()

    def save(self) -> None:
        if not self._writable:
            return
        data = json.dumps(self._values, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(self.path, data.encode("utf-8"))
        except OSError as exc:  # a read-only folder costs remembering, never the app
            level = logging.DEBUG if self._said_unsaved else logging.WARNING
            log.log(level, "settings cannot be saved to %s: %s", self.path, explain(exc))
            self._said_unsaved = True
            return
        self._seen = self._stamp()

    # --- reading ----------------------------------------------------------------------------
    def _first_read(self) -> dict[str, Any]:
        if self.path.exists():
            return self._read() or {}
        moved = self._from_old_ini()
        if moved:
            self._values = moved
            self.save()
            log.info("settings moved from %s to %s", self._old_ini, self.path)
        return moved

    def _follow_disk(self) -> None:
        stamp = self._stamp()
        if stamp is not None and stamp != self._seen:
            values = self._read()
            if values is not None:
                self._values = values

    def _stamp(self) -> tuple[int, int] | None:
        try:
            info = self.path.stat()
        except OSError:
            return None
        return info.st_mtime_ns, info.st_size

    def _read(self) -> dict[str, Any] | None:
        """The file's values (wrong types left out, with a warning); None when it cannot be read."""
        self._seen = self._stamp()
        try:
            text = self.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            reason = explain(exc) if isinstance(exc, OSError) else "it is not UTF-8 text"
            return self._unusable(reason, readable=isinstance(exc, UnicodeDecodeError))
        try:
            data = json.loads(text)
        except ValueError as exc:
            return self._unusable(f"it is not JSON ({exc})", readable=True)
        if not isinstance(data, dict):
            return self._unusable("it does not hold a table of settings", readable=True)
        for key, row in self.table.items():
            if key in data and not row.accepts(data[key]):
                kind = row.kind.__name__
                log.warning("setting %s in %s is %r, not a %s: the default is used", key, self.path, data[key], kind)
                del data[key]
        self._writable = True
        return data

    def _unusable(self, reason: str, readable: bool) -> dict[str, Any]:
        """Defaults, said in the log; a damaged file is moved aside (kept, renamed) so the next
        change writes a fresh one; one that cannot be read at all is left alone and not replaced."""
        kept = set_aside(self.path) if readable else None
        self._writable = kept is not None
        where = f"it is kept as {kept}" if kept is not None else "it is left as it is and not written over"
        log.warning("settings file %s cannot be used: %s; the defaults are used and %s", self.path, reason, where)
        self._seen = self._stamp()  # read again only when it changes
        return {}

    def _from_old_ini(self) -> dict[str, Any]:
        """The values an earlier version kept in its INI file, by the table's keys."""
        old = read_ini(self._old_ini)
        moved: dict[str, Any] = {}
        for row in self.table.values():
            if not row.old_key:
                continue
            if row.kind is dict:
                prefix = f"{row.old_key}/"
                group = {k[len(prefix) :]: v for k, v in old.items() if k.startswith(prefix)}
                if group:
                    moved[row.key] = group
            elif row.old_key in old:
                value = row.from_old(old[row.old_key])
                if value is not None:
                    moved[row.key] = value
        return moved


def set_aside(path: Path, now: datetime | None = None) -> Path | None:
    """Rename `path` to NAME.damaged-YYYYMMDD-HHMMSS beside it; None when it cannot be moved."""
    target = damaged_name(path, (now or datetime.now()).strftime("%Y%m%d-%H%M%S"))
    try:
        path.rename(target)
    except OSError as exc:
        log.warning("settings file %s cannot be moved aside: %s", path, explain(exc))
        return None
    return target
