"""The key tables: the first matching row takes a key; a row can ask for a screen, a state or
exact modifiers, and a handler that returns False passes the key on to the rows below it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from trainer.ui.present.keys import BLANK, ROUND, SLIDE, KeyBinding, digit, dispatch

NONE, SHIFT, KEYPAD = (
    Qt.KeyboardModifier.NoModifier,
    Qt.KeyboardModifier.ShiftModifier,
    Qt.KeyboardModifier.KeypadModifier,
)


def test_the_first_matching_row_takes_the_key() -> None:
    taken: list[str] = []
    table = (
        KeyBinding({Qt.Key.Key_B}, lambda _key: taken.append("first")),
        KeyBinding({Qt.Key.Key_B}, lambda _key: taken.append("second")),
    )
    assert dispatch(table, Qt.Key.Key_B)
    assert taken == ["first"]
    assert not dispatch(table, Qt.Key.Key_C)


def test_rows_ask_for_their_screen_and_state() -> None:
    taken: list[str] = []
    allowed = False
    table = (
        KeyBinding({Qt.Key.Key_Right}, lambda _key: taken.append("unblank"), screens={BLANK}),
        KeyBinding({Qt.Key.Key_N}, lambda _key: taken.append("notes"), when=lambda: allowed),
        KeyBinding({Qt.Key.Key_Right}, lambda _key: taken.append("forward")),
    )
    dispatch(table, Qt.Key.Key_Right, screen=BLANK)
    dispatch(table, Qt.Key.Key_Right, screen=SLIDE)
    assert taken == ["unblank", "forward"]
    assert not dispatch(table, Qt.Key.Key_N)
    allowed = True
    assert dispatch(table, Qt.Key.Key_N) and taken[-1] == "notes"


def test_a_handler_returning_false_passes_the_key_on() -> None:
    taken: list[str] = []
    table = (
        KeyBinding(None, lambda key: key == Qt.Key.Key_C and taken.append("round") is None, screens={ROUND}),
        KeyBinding({Qt.Key.Key_Escape}, lambda _key: taken.append("leave")),
    )
    assert dispatch(table, Qt.Key.Key_C, screen=ROUND)
    assert dispatch(table, Qt.Key.Key_Escape, screen=ROUND)
    assert not dispatch(table, Qt.Key.Key_X, screen=ROUND)
    assert taken == ["round", "leave"]


def test_modifiers_any_or_exactly_these_with_the_keypad_flag_aside() -> None:
    table_any = (KeyBinding({Qt.Key.Key_PageDown}, lambda _key: None),)
    assert dispatch(table_any, Qt.Key.Key_PageDown, SHIFT)  # a clicker's Shift+PageDown is still forward
    exact = (KeyBinding({Qt.Key.Key_R}, lambda _key: None, modifiers=NONE),)
    assert dispatch(exact, Qt.Key.Key_R, NONE)
    assert dispatch(exact, Qt.Key.Key_R, KEYPAD)
    assert not dispatch(exact, Qt.Key.Key_R, SHIFT)


def test_digit_keys_count_from_one() -> None:
    assert digit(Qt.Key.Key_1) == 0 and digit(Qt.Key.Key_9) == 8
