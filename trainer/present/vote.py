"""The room's vote in an audience round: the optional countdown the presenter runs while hands
are up, and the presenter typing the tally. Both are plain values read from a clock or from
keys passed in, so the widget only draws them.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field

MAX_TALLY_DIGITS = 5  # a room of up to 99,999 hands


@dataclass
class Countdown:
    """A vote's countdown, paused and resumed by the presenter; it never moves the round on.
    `clock` returns seconds (tests pass a fake one)."""

    seconds: float = 30.0
    clock: Callable[[], float] = time.monotonic
    _started: float | None = field(init=False, default=None)  # when it last started running
    _used: float = field(init=False, default=0.0)  # time run before the last pause

    @property
    def running(self) -> bool:
        return self._started is not None and not self.expired

    @property
    def shown(self) -> bool:
        """Started at least once since the last reset."""
        return self._started is not None or self._used > 0

    def elapsed(self) -> float:
        return self._used + (self.clock() - self._started if self._started is not None else 0.0)

    def remaining(self) -> float:
        return max(0.0, self.seconds - self.elapsed())

    @property
    def expired(self) -> bool:
        return self.shown and self.remaining() <= 0

    def toggle(self) -> None:
        """Start, pause, resume; once the time is up, start again from the full time."""
        if self.expired:
            self.reset()
        if self._started is None:
            self._started = self.clock()
        else:
            self._used = self.elapsed()
            self._started = None

    def reset(self) -> None:
        self._started, self._used = None, 0.0

    @property
    def text(self) -> str:
        if self.expired:
            return "Time's up"
        left = math.ceil(self.remaining() - 1e-9)
        return f"{left // 60}:{left % 60:02d}"


@dataclass
class TallyEntry:
    """The presenter typing the room's votes, one letter after another (digits, Backspace,
    Tab or Enter to move on). Kept apart from the round until committed, so Esc can cancel."""

    typed: list[str]
    current: int = 0

    @classmethod
    def start(cls, answers: int, counts: tuple[int, ...] | None) -> TallyEntry:
        return cls([str(c) for c in counts] if counts is not None else [""] * answers)

    def type(self, digit: str) -> None:
        text = self.typed[self.current]
        if digit.isdigit() and len(digit) == 1 and len(text.lstrip("0")) < MAX_TALLY_DIGITS:
            self.typed[self.current] = (text + digit).lstrip("0") or "0"

    def backspace(self) -> None:
        self.typed[self.current] = self.typed[self.current][:-1]

    def next(self) -> bool:
        """Move to the next letter; False at the last one (where Enter commits)."""
        if self.current + 1 >= len(self.typed):
            return False
        self.current += 1
        return True

    def cycle(self) -> None:
        """Tab: the next letter, from the last back to the first."""
        self.current = (self.current + 1) % len(self.typed)

    def counts(self) -> list[int]:
        return [int(t) if t else 0 for t in self.typed]
