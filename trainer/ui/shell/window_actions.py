"""The main window's menus and its own menu entries, as one table.

Controllers that the window creates (authoring, appearance, the presentation, the history
notice, the shortcuts sheet) add their entries to the same menus by id: see
trainer.ui.common.actions.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtGui import QKeySequence

from trainer.ui.common.actions import ActionSpec, MenuSpec

MENUS = (
    MenuSpec("file", "&File"),
    MenuSpec("view", "&View"),
    MenuSpec("quiz", "&Quiz"),
    MenuSpec("help", "&Help"),
)


class ShellCommands(Protocol):
    """What the window's own menu entries call."""

    def open_file(self) -> None: ...
    def open_folder(self) -> None: ...
    def reload_library(self) -> None: ...
    def show_user_folder(self) -> None: ...
    def export(self) -> None: ...
    def close(self) -> bool: ...
    def set_reduced_motion(self, checked: bool) -> None: ...
    def refresh_mastery(self, *_args: object) -> None: ...
    def show_progress(self) -> object: ...
    def start_quiz(self) -> None: ...
    def review_due(self) -> None: ...
    def open_log_folder(self) -> None: ...
    def about(self) -> None: ...


def window_actions(commands: ShellCommands, reduced_motion: bool) -> list[ActionSpec]:
    """File, View, Quiz and Help as the window makes them; `reduced_motion` is the remembered
    state of View > Reduce Motion."""
    key = QKeySequence.StandardKey
    return [
        ActionSpec("open_tree", "&Open Tree…", "file", commands.open_file, key.Open),
        ActionSpec("open_folder", "Open &Folder…", "file", commands.open_folder, "Ctrl+Shift+O"),
        ActionSpec("reload_library", "&Reload Library", "file", commands.reload_library, "Ctrl+R"),
        ActionSpec("show_user_folder", "Show &My Trees Folder", "file", commands.show_user_folder),
        ActionSpec("export", "&Export…", "file", commands.export, "Ctrl+E", separator_before=True),
        ActionSpec("quit", "&Quit", "file", commands.close, key.Quit, separator_before=True),
        ActionSpec(
            "reduce_motion",
            "Reduce &Motion",
            "view",
            commands.set_reduced_motion,
            checkable=True,
            checked=reduced_motion,
        ),
        ActionSpec(
            "mastery",
            "&Mastery Overlay",
            "view",
            commands.refresh_mastery,
            "Ctrl+M",
            checkable=True,
            tip="Colour outcomes and answers by your recent quiz results",
            separator_before=True,
        ),
        ActionSpec("progress", "&Progress…", "view", commands.show_progress, "Ctrl+P"),
        ActionSpec("start_quiz", "Start &Quiz…", "quiz", commands.start_quiz, "Ctrl+Shift+Q"),
        ActionSpec("review_due", "&Review Due Items", "quiz", commands.review_due, "Ctrl+Shift+D"),
        ActionSpec("open_log_folder", "Open &Log Folder", "help", commands.open_log_folder),
        ActionSpec("about", "&About", "help", commands.about),
    ]
