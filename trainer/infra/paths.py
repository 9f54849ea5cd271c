"""Where things live: the bundled trees and resources, and the user's own folders.

One resolver, so that a checkout, an installed wheel and (later) a frozen bundle agree.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "decision-tree-trainer"
DATA_DIR_VARIABLE = "TRAINER_DATA_DIR"


TREE_SUFFIXES = (".yaml", ".yml")  # the files a tree folder holds trees in


def _project_root() -> Path:
    """Where trees/ and resources/ are: a frozen bundle's folder, an installed wheel's
    `trainer/_bundled/` (setup.py copies them there), or the checkout around the package."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:  # PyInstaller one-folder bundle
        return Path(frozen)
    package = Path(__file__).resolve().parents[1]  # trainer/, above trainer/infra/
    installed = package / "_bundled"
    if (installed / "trees").is_dir():
        return installed
    return package.parent


def bundled_trees_dir() -> Path:
    return _project_root() / "trees"


def resources_dir() -> Path:
    return _project_root() / "resources"


def user_data_dir() -> Path:
    """The user's data folder; TRAINER_DATA_DIR moves it (portable installs, tests)."""
    override = os.environ.get(DATA_DIR_VARIABLE)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def user_cache_dir() -> Path:
    """Things the app can rebuild (checked trees); inside the data folder when that is moved,
    so that a portable install leaves nothing behind on the machine."""
    override = os.environ.get(DATA_DIR_VARIABLE)
    if override:
        return Path(override).expanduser() / "cache"
    from platformdirs import user_cache_path

    return user_cache_path(APP_NAME, appauthor=False)


def user_log_dir() -> Path:
    """The log files (the user state folder; inside the data folder when that is moved)."""
    override = os.environ.get(DATA_DIR_VARIABLE)
    if override:
        return Path(override).expanduser() / "logs"
    from platformdirs import user_log_path

    return user_log_path(APP_NAME, appauthor=False)


def tree_cache_dir() -> Path:
    return user_cache_dir() / "trees"


def user_trees_dir(create: bool = False) -> Path:
    folder = user_data_dir() / "trees"
    if create:
        folder.mkdir(parents=True, exist_ok=True)
    return folder


def backups_dir() -> Path:
    """Previous versions of trees saved from the editor (a few per file)."""
    return user_data_dir() / "backups"


def recovery_dir() -> Path:
    """Unsaved edits, written every few seconds while editing."""
    return user_data_dir() / "recovery"


def history_file() -> Path:
    """The learner's quiz history (SQLite), in the user data folder."""
    return user_data_dir() / "history.sqlite3"
