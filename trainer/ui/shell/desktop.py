"""What File and Help hand to the desktop: the folder of the user's own trees and the log folder
in the file manager, and the About box."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from trainer import __version__
from trainer.infra.paths import user_log_dir, user_trees_dir
from trainer.ui.common.plain import message_box
from trainer.ui.shell.app import APP_TITLE


def show_user_folder() -> None:
    """File > Show My Trees Folder (made first, so there is something to show)."""
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(user_trees_dir(create=True))))


def open_log_folder(open_link: Callable[[QUrl], None], say: Callable[[str, int], None]) -> None:
    """Help > Open Log Folder in the file manager (made first, so there is something to open)."""
    folder = user_log_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        say(f"The log folder {folder} cannot be made: {exc.strerror}", 8000)
        return
    open_link(QUrl.fromLocalFile(str(folder)))


def show_about(parent: QWidget) -> None:
    message_box(  # plain text: the folder's path is shown as written
        parent,
        QMessageBox.Icon.Information,
        f"About {APP_TITLE}",
        f"{APP_TITLE} {__version__}\n\nLearn, present and author decision trees.\n\n"
        f"Your own trees live in:\n{user_trees_dir()}",
    )
