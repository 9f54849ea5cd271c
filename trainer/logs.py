"""The app's log: one rotating file in the user state folder, for what went wrong and where.

Help > Open Log Folder shows it; the crash dialog names it. A log that cannot be written (a
read-only home, a full disk) costs the log, never the app.
"""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

from trainer.paths import user_log_dir

LOG_NAME = "trainer.log"
MAX_BYTES = 1_000_000
BACKUPS = 3
_HANDLER_NAME = "trainer-file"


def log_file() -> Path:
    return user_log_dir() / LOG_NAME


def setup_logging() -> Path | None:
    """Log to the rotating file (once per process); the file's path, or None if it cannot be."""
    root = logging.getLogger()
    for handler in root.handlers:
        if handler.get_name() == _HANDLER_NAME:
            return Path(handler.baseFilename)  # type: ignore[attr-defined]
    path = log_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8")
    except OSError:
        return None
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(min(root.level or logging.INFO, logging.INFO))
    return path
