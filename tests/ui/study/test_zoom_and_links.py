"""An outcome at 150 % and 200 % interface zoom, and its links in every theme, checked from what is
drawn: every section is as tall as its text (none scrolls by itself, none is clipped), one outer
scroll area scrolls the whole outcome, and a link's pixels read against the page (4.5:1)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QColor, QImage, QTextCursor

from tests.ui.conftest import click_card
from trainer.draw.themes import THEMES, contrast_ratio
from trainer.ui.common.markdown_view import MarkdownView

pytestmark = pytest.mark.usefixtures("restore_look")  # tests/ui/conftest.py


def outcome_window(qtbot, make_window, height: int = 768):  # type: ignore[no-untyped-def]
    window = make_window()
    window.resize(1366, height)
    click_card(qtbot, window, 0)
    window.study.jump_to("cloudfront")
    qtbot.wait(50)
    return window


def sections(window) -> list[MarkdownView]:  # type: ignore[no-untyped-def]
    page = window.study.page
    return [v for v in (page.explanation, page.ways, page.traps, page.links) if v.isVisible()]


def hex_of(image: QImage, x: int, y: int) -> str:
    return QColor(image.pixel(x, y)).name()


@pytest.mark.parametrize("zoom", [150, 200])
def test_at_high_zoom_every_section_fits_its_text_and_the_page_scrolls(qtbot, make_window, zoom: int) -> None:
    window = outcome_window(qtbot, make_window, 560)  # a short screen: the outcome is taller
    window.appearance.set_zoom(zoom)
    qtbot.wait(50)
    shown = sections(window)
    assert len(shown) == 4
    for view in shown:
        doc = view.document()
        assert doc.defaultFont().pointSizeF() == pytest.approx(view.font().pointSizeF())
        assert doc.size().height() <= view.viewport().height(), view.accessibleName()  # nothing clipped
        assert view.verticalScrollBar().maximum() == 0, view.accessibleName()  # never scrolls by itself
    scroll = window.study.page_scroll
    bar = scroll.verticalScrollBar()
    page = window.study.page
    assert page.height() >= page.minimumSizeHint().height()  # the page is never squeezed to fit
    assert bar.maximum() > 0  # the outcome is taller than the pane: the one outer area scrolls
    last = shown[-1]
    scroll.ensureWidgetVisible(last)
    qtbot.wait(20)
    assert bar.value() > 0
    bottom = last.mapTo(scroll.viewport(), QPoint(0, last.height()))
    assert bottom.y() <= scroll.viewport().height()  # the last section reached in full


def test_the_wheel_over_a_section_scrolls_the_whole_outcome(qtbot, make_window) -> None:
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    window = outcome_window(qtbot, make_window, 560)
    window.appearance.set_zoom(200)
    qtbot.wait(50)
    view = sections(window)[0]
    bar = window.study.page_scroll.verticalScrollBar()
    assert bar.value() == 0 and bar.maximum() > 0
    pos = QPointF(10, 5)
    event = QWheelEvent(
        pos,
        QPointF(view.viewport().mapToGlobal(pos.toPoint())),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view.viewport(), event)
    # the section takes none of it (Qt passes a real wheel event it ignores on to the page's
    # scroll area; one sent by a test is delivered to its receiver only)
    assert not event.isAccepted() and view.verticalScrollBar().value() == 0
    QApplication.sendEvent(window.study.page_scroll.viewport(), event)
    assert bar.value() > 0


def link_rect(view: MarkdownView) -> QRect:
    """Where the first link's text is drawn in `view`."""
    doc = view.document()
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().isAnchor():
                cursor = QTextCursor(doc)
                cursor.setPosition(fragment.position())
                start = view.cursorRect(cursor)
                cursor.setPosition(fragment.position() + fragment.length())
                end = view.cursorRect(cursor)
                return QRect(start.topLeft(), end.bottomLeft()).normalized().adjusted(0, 0, 0, 0)
            it += 1
        block = block.next()
    raise AssertionError("no link")


@pytest.mark.parametrize("name", THEMES)
def test_links_are_drawn_in_the_themes_link_colour_and_read(qtbot, make_window, name: str) -> None:
    window = outcome_window(qtbot, make_window)
    window.appearance.set_theme(name)  # after the outcome was shown: its links must follow
    qtbot.wait(50)
    view = window.study.page.links
    rect = link_rect(view)
    assert rect.width() > 20
    page = window.study.page
    image = page.grab().toImage()
    origin = view.mapTo(page, QPoint(0, 0))
    rect = rect.translated(view.viewport().mapTo(view, QPoint(0, 0))).translated(origin)
    background = window.appearance.theme.colours["window"]
    pixels = {hex_of(image, x, y) for x in range(rect.left(), rect.right()) for y in range(rect.top(), rect.bottom())}
    assert background in pixels  # the page shows through between the letters
    best = max(pixels, key=lambda colour: contrast_ratio(colour, background))
    assert contrast_ratio(best, background) >= 4.5, (name, best, background)
    link = window.appearance.theme.colours["link"]
    assert contrast_ratio(best, link) < 1.3, (name, best, link)  # the theme's own link colour, not the light blue
    cursor = view.cursorForPosition(rect.center() - origin - view.viewport().mapTo(view, QPoint(0, 0)))
    assert cursor.charFormat().isAnchor() and cursor.charFormat().fontUnderline()  # told by more than colour
