"""The last line of defence: an unexpected exception anywhere in the GUI is logged with its
traceback, every editor's unsaved edits are written to their recovery files, and the user is told
what happened and where the log is. The app keeps running: Qt has already left the slot or event
handler that raised. Exceptions in worker threads reach the same place through a queued signal.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable, Iterable
from pathlib import Path
from types import TracebackType
from typing import Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from trainer.infra.logs import log_file
from trainer.ui.common.plain import message_box

log = logging.getLogger("trainer.crash")


def tell(parent: QWidget | None, message: str) -> None:
    """Show the message (tests replace this)."""
    message_box(parent, QMessageBox.Icon.Critical, "Something went wrong", message)  # it may quote a tree


class EditSessionState(Protocol):
    @property
    def modified(self) -> bool: ...


class RecoverableEditor(Protocol):
    """An editor window: its unsaved edits can be written to its recovery file."""

    @property
    def session(self) -> EditSessionState: ...
    def write_recovery(self) -> None: ...


class CrashHandler(QObject):
    _from_thread = Signal(object, object, object)

    def __init__(
        self, parent_window: Callable[[], QWidget | None], editors: Callable[[], Iterable[RecoverableEditor]]
    ) -> None:
        super().__init__()
        self._parent_window = parent_window
        self._editors = editors
        self._showing = False
        self._from_thread.connect(self.handle)

    def install(self) -> None:
        sys.excepthook = self.handle
        threading.excepthook = lambda args: self._from_thread.emit(args.exc_type, args.exc_value, args.exc_traceback)

    def handle(self, kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, trace)
            return
        log.error("unexpected error", exc_info=(kind, error, trace))
        kept = self._keep_edits()
        where = traceback.extract_tb(trace)[-1] if trace is not None else None
        place = f" (in {Path(where.filename).name}, line {where.lineno})" if where else ""
        message = (
            f"An unexpected error happened{place}:\n{kind.__name__}: {error}\n\n"
            f"The app keeps running. The details are in the log: {log_file()}"
        )
        if kept:
            message += f"\n\nUnsaved edits were kept in the recovery folder ({kept} tree{'s' if kept != 1 else ''})."
        if self._showing:  # an error while the dialog is up: logged, not stacked
            return
        self._showing = True
        try:
            tell(self._parent_window(), message)
        finally:
            self._showing = False

    def _keep_edits(self) -> int:
        kept = 0
        for editor in list(self._editors()):
            try:
                editor.write_recovery()
                kept += editor.session.modified
            except Exception:
                log.exception("could not write an editor's recovery file")
        return kept
