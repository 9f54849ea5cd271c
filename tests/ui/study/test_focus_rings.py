"""Every Tab stop of the study window on an outcome shows a focus ring, measured from the pixels:
the widget is grabbed with the focus and again after Tab took it away, and its border band must
have changed to a colour 3:1 from the one it had (the page and its Markdown sections showed
none: five stops in a row). Tab also leaves a section's links: the chain goes round, never stuck."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QWidget

from tests.ui.conftest import click_card
from trainer.draw.themes import THEMES, contrast_ratio

BAND = 3  # px: the ring is drawn in the widget's outer 2 px


pytestmark = pytest.mark.usefixtures("restore_look")  # tests/ui/conftest.py


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def press_tab(qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.wait(1)


def ring_contrast(with_focus: QImage, without: QImage) -> float:
    """The best contrast between a border-band pixel with the focus and the same pixel without."""
    if with_focus.size() != without.size():
        return 0.0
    w, h = with_focus.width(), with_focus.height()
    best = 1.0
    for y in range(h):
        xs = range(w) if y < BAND or y >= h - BAND else [*range(BAND), *range(w - BAND, w)]
        for x in xs:
            a, b = with_focus.pixel(x, y), without.pixel(x, y)
            if a != b:
                best = max(best, contrast_ratio(QColor(a).name(), QColor(b).name()))
    return best


@pytest.mark.parametrize("theme", THEMES)
def test_every_tab_stop_on_an_outcome_shows_a_ring(qtbot, make_window, theme: str) -> None:
    window = make_window()
    window.appearance.set_theme(theme)
    click_card(qtbot, window, 0)
    window.study.jump_to("cloudfront")
    window.study.page_scroll.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.wait(5)
    stops: list[QWidget] = []
    for _ in range(40):
        if focused() in stops:
            break
        stops.append(focused())
        press_tab(qtbot)
        for _ in range(10):  # a view with several links: Tab moves through them, then on
            if focused() is not stops[-1]:
                break
            press_tab(qtbot)
    names = [f"{type(s).__name__} '{s.accessibleName()}'" for s in stops]
    assert focused() is stops[0], f"Tab went round only part of the chain: {names}, then {focused()!r}"
    page = window.study.page
    assert window.study.page_scroll in stops and page.links in stops and page.traps not in stops  # links only
    unmarked = []
    for widget in stops:
        for _ in range(len(stops) + 1):
            if focused() is widget:
                break
            press_tab(qtbot)
        with_focus = widget.grab().toImage()
        press_tab(qtbot)
        while focused() is widget:  # a view with several links: Tab moves through them first
            press_tab(qtbot)
        without = widget.grab().toImage()
        ratio = ring_contrast(with_focus, without)
        if ratio < 3.0:
            unmarked.append(f"{type(widget).__name__} '{widget.accessibleName()}' ({ratio:.2f}:1)")
    assert not unmarked, f"{theme}: no visible focus ring on: {unmarked}"
