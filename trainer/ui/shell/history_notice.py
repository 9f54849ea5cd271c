"""Saying from the start that the quiz history cannot be used, and why, rather than only when a
quiz begins; and Quiz > Start a Fresh History… for a history file that is damaged or is another
program's database: the file is moved aside under a clear name (trainer.study.history.set_aside), never
deleted, and the next answer starts a new history."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QStatusBar, QWidget

from trainer.infra.fileio import explain
from trainer.infra.paths import history_file
from trainer.ui.common.actions import Actions, ActionSpec, Menus
from trainer.ui.common.plain import plain_label, plain_tooltip
from trainer.ui.common.prompts import confirm


def ask_set_aside(parent: QWidget, reason: str) -> bool:
    """Whether to move the unusable history aside and start a fresh one (tests replace this)."""
    return confirm(
        parent,
        "Start a fresh history?",
        f"Your quiz history cannot be used: {reason}.\n\nStart a fresh history? The old file is kept beside "
        "it, renamed with '.damaged-' and today's date, for repair; nothing is deleted.",
    )


class HistoryNoticeHost(Protocol):
    """What the notice needs of its window: where Quiz > Start a Fresh History… goes, whether a
    quiz is using the history, the status bar, and `window()` (QWidget.window()) as the parent."""

    @property
    def menus(self) -> Menus: ...
    @property
    def actions(self) -> Actions: ...
    @property
    def quizzing(self) -> bool: ...

    def window(self) -> QWidget: ...
    def statusBar(self) -> QStatusBar: ...


class HistoryNotice(QObject):
    """A lasting note in the status bar while the history cannot be used, and the offer to start
    afresh when its file is damaged. `fresh_started` tells the window a new history begins."""

    fresh_started = Signal()

    def __init__(self, host: HistoryNoticeHost) -> None:
        self.host = host
        self.window = window = host.window()
        super().__init__(window)
        self.label = plain_label()  # the reason may quote the history file
        self.label.setObjectName("historyNotice")
        self.label.setWordWrap(False)
        self.label.hide()
        host.statusBar().addPermanentWidget(self.label)
        fresh = ActionSpec(
            "fresh_history",
            "Start a &Fresh History…",
            "quiz",
            self.start_fresh,
            tip="Move the damaged history file aside (kept, renamed) and record answers in a new one",
            separator_before=True,
        )
        (self.fresh_action,) = host.actions.add([fresh], host.menus, window)
        self.fresh_action.setEnabled(False)
        self.reason: str | None = None
        self.check()

    def check(self) -> None:
        """Read the history as the window does and say whether it can be used."""
        self.reason = None
        damaged = False
        if history_file().exists():  # a first start: nothing to say
            from trainer.study.history import open_history  # loaded when there is a history to look at

            with open_history(read_only=True) as history:
                if history.read_problem:
                    self.reason, damaged = history.reason, history.damaged
        self.fresh_action.setEnabled(damaged)
        if self.reason is None:
            self.label.hide()
            return
        text = f"⚠ {self.reason[:1].upper()}{self.reason[1:]}; quiz answers are not recorded"
        if damaged:
            text += " (Quiz > Start a Fresh History…)"
        self.label.setText(text)
        self.label.setToolTip(plain_tooltip(text))
        self.label.setAccessibleName(text)
        self.label.show()

    def start_fresh(self) -> None:
        from trainer.study.history import set_aside

        window, host = self.window, self.host
        if self.host.quizzing:
            host.statusBar().showMessage("End the quiz first: it is using the history", 8000)
            return
        if self.reason is None or not ask_set_aside(window, self.reason):
            return
        try:
            kept = set_aside(history_file())
        except OSError as exc:
            host.statusBar().showMessage(
                f"The history file could not be moved aside: {explain(exc)}; it is left as it was", 15000
            )
            return
        self.check()
        self.fresh_started.emit()  # the quiz reopens its history; the due counts are read again
        host.statusBar().showMessage(
            f"A fresh history starts with your next answer; the old file is kept as {kept}", 15000
        )
