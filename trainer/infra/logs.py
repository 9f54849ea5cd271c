"""The app's log: one rotating file in the user state folder, for what went wrong and where.

Help > Open Log Folder shows it; the crash dialog names it. A log that cannot be written (a
read-only home, a full disk) costs the log, never the app.
"""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

from trainer.infra.paths import user_log_dir

LOG_NAME = "trainer.log"
MAX_BYTES = 1_000_000
BACKUPS = 3
_HANDLER_NAME = "trainer-file"


def log_file() -> Path:
    return user_log_dir() / LOG_NAME


def setup_logging() -> Path | None:
    """Log to the rotating file (one handler, in the current data folder); the file's path, or
    None if it cannot be written."""
    root = logging.getLogger()
    path = log_file()
    for handler in list(root.handlers):
        if handler.get_name() == _HANDLER_NAME:
            if Path(handler.baseFilename) == path:  # type: ignore[attr-defined]
                return path
            root.removeHandler(handler)  # the data folder moved since: log where it is now
            handler.close()
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
