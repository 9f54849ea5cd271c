"""Which screen gets the presentation and which the console (`trainer.present.screens`, no Qt):
offscreen Qt has one screen, so two- and three-screen setups are tested here as plain values."""

from __future__ import annotations

from trainer.present.screens import (
    Screen,
    ScreenLayout,
    choose_layout,
    settings_key,
    setup_signature,
    swapped,
    with_audience,
    with_console,
)

LAPTOP = Screen("eDP-1", 0, 0, 1920, 1200)
PROJECTOR = Screen("HDMI-1", 1920, 0, 1280, 720)
MONITOR = Screen("DP-2", -2560, 0, 2560, 1440)


def test_the_signature_is_stable_and_tells_setups_apart() -> None:
    assert setup_signature([LAPTOP, PROJECTOR]) == setup_signature([PROJECTOR, LAPTOP])
    assert setup_signature([LAPTOP, PROJECTOR]) == "HDMI-1@1280x720+1920+0;eDP-1@1920x1200+0+0"
    moved = Screen("HDMI-1", 1920, 0, 1920, 1080)  # the same port, another projector
    assert setup_signature([LAPTOP, moved]) != setup_signature([LAPTOP, PROJECTOR])
    assert setup_signature([LAPTOP]) != setup_signature([LAPTOP, PROJECTOR])
    key = settings_key(setup_signature([LAPTOP, PROJECTOR]))
    assert len(key) == 16 and key.isalnum() and key == settings_key(setup_signature([PROJECTOR, LAPTOP]))


def test_one_screen_has_the_presentation_and_no_console() -> None:
    assert choose_layout([LAPTOP], LAPTOP.key) == ScreenLayout(LAPTOP.key, None)
    # a layout remembered for another setup cannot put a console anywhere
    assert choose_layout([LAPTOP], LAPTOP.key, ScreenLayout(PROJECTOR.key, LAPTOP.key)).console is None


def test_two_screens_put_the_console_on_the_main_windows_screen_and_the_room_on_the_other() -> None:
    assert choose_layout([LAPTOP, PROJECTOR], LAPTOP.key) == ScreenLayout(PROJECTOR.key, LAPTOP.key)
    # the app was on the projector's screen: the presenter's console follows the window
    assert choose_layout([LAPTOP, PROJECTOR], PROJECTOR.key) == ScreenLayout(LAPTOP.key, PROJECTOR.key)
    # a window screen that is unknown (closing lid, race): the first screen is home
    assert choose_layout([LAPTOP, PROJECTOR], "gone") == ScreenLayout(PROJECTOR.key, LAPTOP.key)


def test_a_remembered_layout_wins_while_its_screens_are_there() -> None:
    remembered = ScreenLayout(LAPTOP.key, PROJECTOR.key)
    assert choose_layout([LAPTOP, PROJECTOR], LAPTOP.key, remembered) == remembered
    three = [LAPTOP, PROJECTOR, MONITOR]
    assert choose_layout(three, LAPTOP.key, ScreenLayout(MONITOR.key, PROJECTOR.key)) == ScreenLayout(
        MONITOR.key, PROJECTOR.key
    )


def test_a_remembered_screen_that_is_gone_is_replaced_never_an_error() -> None:
    three = [LAPTOP, PROJECTOR, MONITOR]
    # the audience's screen is gone: the room gets the first screen the console does not hold
    assert choose_layout([LAPTOP, PROJECTOR], LAPTOP.key, ScreenLayout(MONITOR.key, LAPTOP.key)) == ScreenLayout(
        PROJECTOR.key, LAPTOP.key
    )
    # the console's screen is gone: the console returns to the main window's screen
    assert choose_layout(three, LAPTOP.key, ScreenLayout(PROJECTOR.key, "HDMI-2@800x600+0+0")) == ScreenLayout(
        PROJECTOR.key, LAPTOP.key
    )
    # the console's screen is gone and the audience has the main window's: another one
    assert choose_layout(three, LAPTOP.key, ScreenLayout(LAPTOP.key, "gone")) == ScreenLayout(LAPTOP.key, PROJECTOR.key)
    # both on one screen (a hand-edited file): they are parted
    assert choose_layout([LAPTOP, PROJECTOR], LAPTOP.key, ScreenLayout(PROJECTOR.key, PROJECTOR.key)) == ScreenLayout(
        PROJECTOR.key, LAPTOP.key
    )
    assert choose_layout([], "x") == ScreenLayout("x", None)


def test_choosing_a_screen_for_one_moves_the_other_out_of_its_way() -> None:
    layout = ScreenLayout(PROJECTOR.key, LAPTOP.key)
    assert with_audience(layout, LAPTOP.key) == ScreenLayout(LAPTOP.key, PROJECTOR.key)
    assert with_audience(layout, MONITOR.key) == ScreenLayout(MONITOR.key, LAPTOP.key)
    assert with_audience(layout, PROJECTOR.key) == layout
    assert with_console(layout, PROJECTOR.key) == ScreenLayout(LAPTOP.key, PROJECTOR.key)
    assert with_console(layout, MONITOR.key) == ScreenLayout(PROJECTOR.key, MONITOR.key)
    assert swapped(layout) == ScreenLayout(LAPTOP.key, PROJECTOR.key)
    assert swapped(swapped(layout)) == layout
    one = ScreenLayout(LAPTOP.key)
    assert swapped(one) == one and with_console(one, PROJECTOR.key) == one


def test_a_layout_survives_the_settings_file_and_junk_is_ignored() -> None:
    layout = ScreenLayout(PROJECTOR.key, LAPTOP.key)
    signature = setup_signature([LAPTOP, PROJECTOR])
    text = layout.to_text(signature)
    assert signature in text  # the file says which setup a layout is for
    assert ScreenLayout.from_text(text) == layout
    assert ScreenLayout.from_text(ScreenLayout(LAPTOP.key).to_text("x")) == ScreenLayout(LAPTOP.key)
    for junk in ("", "{", "[]", '{"audience": 3}', None, 42, '{"console": "a"}'):
        assert ScreenLayout.from_text(junk) is None
    assert ScreenLayout.from_text('{"audience": "a", "console": 5}') == ScreenLayout("a", None)
