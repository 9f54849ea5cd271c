"""`trainer` with no subcommand: the main window composed from its parts, and its event loop.

The composition lives here, above trainer.ui, so that no window module needs to import the main
window; Qt itself stays behind trainer.ui.shell.app.
"""

from __future__ import annotations

from pathlib import Path

from trainer.core.library import default_library_paths
from trainer.core.safetext import escaped
from trainer.infra.logs import setup_logging
from trainer.ui.shell.app import process_events_until, run_event_loop, start_application
from trainer.ui.shell.crash import CrashHandler
from trainer.ui.shell.main_window import MainWindow
from trainer.ui.shell.settings import WindowSettings

CHECK_START_TIMEOUT_S = 60  # a large library is read in the background before --check-start says it


def create_window(paths: list[Path]) -> MainWindow:
    """The main window over `paths` (the library when none), with the remembered settings."""
    return MainWindow(paths or default_library_paths(), WindowSettings())


def run(paths: list[Path], check_start: bool = False) -> int:
    app = start_application()
    setup_logging()
    window = create_window(paths)
    # From here on an unexpected error is logged and shown, edits are kept, and the app goes on.
    handler = CrashHandler(lambda: window, lambda: window.authoring.editors.values())
    handler.install()
    window.show()
    if check_start:
        return check_started(window)
    return run_event_loop(app)


def check_started(window: MainWindow) -> int:
    """For packagers: the window came up with its library; say what it shows, then quit."""
    process_events_until(lambda: not window.loading, CHECK_START_TIMEOUT_S)
    entries = window.library_panel.entries()
    title = escaped(window.windowTitle())  # it quotes a tree's title
    print(f"window shown: {title}; {len(entries)} trees, {sum(e.usable for e in entries)} usable")
    window.close()
    return 0 if window.library_panel.entries() else 1
