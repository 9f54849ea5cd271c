"""Keys as tables: each row says which keys it takes, with which modifiers, on which screen and
in which state, and what it does. The first row that matches a key press wins, so a table reads
top to bottom as the order in which a key is offered; a handler that returns False passes the
key on to the rows below it (a running audience round keeps only the keys it has a use for).

The presentation, the audience round and the presenter's console each keep their own table;
the clicker's keys (PageDown/PageUp, B) are shared here so that all three agree on them.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt

FORWARD_KEYS = frozenset({Qt.Key.Key_Right, Qt.Key.Key_PageDown, Qt.Key.Key_Space})
BACK_KEYS = frozenset({Qt.Key.Key_Left, Qt.Key.Key_PageUp})
BLANK_KEYS = frozenset({Qt.Key.Key_B, Qt.Key.Key_Period})
DIGIT_KEYS = frozenset(Qt.Key(Qt.Key.Key_1 + d) for d in range(9))  # 1–9: an answer or a scenario
ENTER_KEYS = frozenset({Qt.Key.Key_Return, Qt.Key.Key_Enter})
NOTES_KEY = Qt.Key.Key_N  # one screen: the console's notes as an overlay

# Screens a row applies on (a window says which one it shows now)
SLIDE, ROUND, BLANK = "slide", "round", "blank"

KeyHandler = Callable[[int], object]  # gets the key; returning False passes it on


def digit(key: int) -> int:
    """0 for the key 1, ... 8 for the key 9."""
    return key - Qt.Key.Key_1


@dataclass(frozen=True)
class KeyBinding:
    """One row of a key table. `keys` None takes any key; `modifiers` None takes the key with
    any modifiers held (a clicker's Shift+PageDown is still forward), otherwise exactly these
    (the keypad's flag aside); `screens` None applies on every screen; `when` is asked last."""

    keys: Collection[int] | None
    handler: KeyHandler
    screens: Collection[str] | None = None
    when: Callable[[], bool] | None = None
    modifiers: Qt.KeyboardModifier | None = None

    def matches(self, key: int, modifiers: Qt.KeyboardModifier, screen: str) -> bool:
        if self.keys is not None and key not in self.keys:
            return False
        if self.modifiers is not None and (modifiers & ~Qt.KeyboardModifier.KeypadModifier) != self.modifiers:
            return False
        if self.screens is not None and screen not in self.screens:
            return False
        return self.when is None or self.when()


def dispatch(
    table: Sequence[KeyBinding],
    key: int,
    modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
    screen: str = SLIDE,
) -> bool:
    """Offer `key` to the rows of `table` in order; True once a row has taken it."""
    return any(row.matches(key, modifiers, screen) and row.handler(key) is not False for row in table)
