"""View > Theme and the interface zoom, driven as a user would: the View menu with the mouse and
with its mnemonics, Ctrl+Plus / Ctrl+Minus / Ctrl+0, and a new window that remembers both."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QMenu

from tests.ui.conftest import click_card
from trainer.draw.themes import load_theme

pytestmark = pytest.mark.usefixtures("restore_look")  # tests/ui/conftest.py


def open_view_menu(qtbot, window) -> QMenu:  # type: ignore[no-untyped-def]
    bar = window.menuBar()
    view = next(a for a in bar.actions() if a.text() == "&View")
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.actionGeometry(view).center())
    menu = view.menu()
    qtbot.waitUntil(menu.isVisible)
    return menu


def choose_theme_with_mouse(qtbot, window, choice: str) -> None:  # type: ignore[no-untyped-def]
    menu = open_view_menu(qtbot, window)
    themes = window.appearance.theme_menu
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(themes.menuAction()).center())
    qtbot.waitUntil(themes.isVisible)
    qtbot.mouseClick(
        themes, Qt.MouseButton.LeftButton, pos=themes.actionGeometry(window.appearance.theme_actions[choice]).center()
    )
    qtbot.waitUntil(lambda: not menu.isVisible())


def window_colour(app: QApplication) -> str:
    return app.palette().color(QPalette.ColorRole.Window).name()


def test_choosing_a_theme_from_the_view_menu_restyles_the_app_and_the_graph(qtbot, make_window, qapp) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    light, dark = load_theme("light"), load_theme("dark")
    assert window.appearance.choice == "system"
    assert window.appearance.theme_actions["system"].isChecked()
    assert light.colours["window"] in qapp.styleSheet() or light.colours["panel"] in qapp.styleSheet()
    scene = window.graph.scene
    start = window.graph.tree.start
    assert scene.backgroundBrush().color().name() == light.colours["graph_background"]

    choose_theme_with_mouse(qtbot, window, "dark")

    assert window.appearance.theme.name == "dark"
    assert window.appearance.theme_actions["dark"].isChecked()
    assert window_colour(qapp) == dark.colours["window"]
    assert dark.colours["focus"] in qapp.styleSheet() and light.colours["focus"] not in qapp.styleSheet()
    assert scene.backgroundBrush().color().name() == dark.colours["graph_background"]
    assert scene.nodes[start]._style.question_fill.name() == dark.colours["graph_question_fill"]
    assert scene.style.text.name() == dark.colours["graph_text"]

    # by keyboard: Alt+V opens View, T its Theme submenu, H High Contrast
    hc = load_theme("high-contrast")
    qtbot.keyClick(window, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)
    menu = next(a for a in window.menuBar().actions() if a.text() == "&View").menu()
    qtbot.waitUntil(menu.isVisible)
    qtbot.keyClick(menu, Qt.Key.Key_T)
    qtbot.waitUntil(window.appearance.theme_menu.isVisible)
    qtbot.keyClick(window.appearance.theme_menu, Qt.Key.Key_H)
    qtbot.waitUntil(lambda: window.appearance.theme is not None and window.appearance.theme.name == "high-contrast")
    assert window_colour(qapp) == hc.colours["window"]
    assert scene.backgroundBrush().color().name() == hc.colours["graph_background"]


def test_the_theme_chosen_is_remembered_by_a_new_window(qtbot, make_window, qapp) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    choose_theme_with_mouse(qtbot, window, "high-contrast")
    window.close()
    qapp.setPalette(qapp.style().standardPalette())  # as a new run starts

    again = make_window()
    assert again.appearance.choice == "high-contrast"
    assert again.appearance.theme_actions["high-contrast"].isChecked()
    assert window_colour(qapp) == load_theme("high-contrast").colours["window"]
    assert again.graph.scene.style.background.name() == load_theme("high-contrast").colours["graph_background"]


def test_system_theme_follows_the_desktop_light_or_dark_setting(qtbot, make_window, qapp) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    hints = QGuiApplication.styleHints()
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert window.appearance.theme.name == "dark"
    assert window.graph.scene.style.background.name() == load_theme("dark").colours["graph_background"]
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert window.appearance.theme.name == "light"
    choose_theme_with_mouse(qtbot, window, "high-contrast")
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)  # a chosen theme stays
    assert window.appearance.theme.name == "high-contrast"


def node_box(window, node_id: str):  # type: ignore[no-untyped-def]
    return window.graph.scene.nodes[node_id].boundingRect()


def test_ctrl_plus_minus_and_zero_zoom_the_interface_and_the_graph(qtbot, make_window, qapp) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    click_card(qtbot, window, 0)
    base = qapp.font().pointSizeF()
    question = window.study.page.node_text
    question_size = question.font().pointSizeF()
    start = window.graph.tree.start
    box = node_box(window, start)
    label_width = window.graph.scene._label_widths[(start, "spikes")]

    for _ in range(3):  # 110, 125, 150
        qtbot.keyClick(window, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert window.appearance.zoom == 150
    assert qapp.font().pointSizeF() == pytest.approx(base * 1.5)
    assert question.font().pointSizeF() == pytest.approx(question_size * 1.5)  # keeps its 1.6x
    assert window.library_panel.font().pointSizeF() == pytest.approx(base * 1.5)
    bigger = node_box(window, start)
    assert bigger.width() > box.width() and bigger.height() > box.height()  # text measured again
    assert window.graph.scene._label_widths[(start, "spikes")] > label_width
    assert window.graph.scene.style.font.pointSizeF() == pytest.approx(base * 1.5)

    qtbot.keyClick(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.appearance.zoom == 125
    assert qapp.font().pointSizeF() == pytest.approx(base * 1.25)
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)  # Ctrl+= too (no Shift)
    assert window.appearance.zoom == 150

    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.appearance.zoom == 100
    assert qapp.font().pointSizeF() == pytest.approx(base)
    assert question.font().pointSizeF() == pytest.approx(question_size)
    assert node_box(window, start).size() == box.size()

    for _ in range(10):  # the steps end at 80% and 200%
        qtbot.keyClick(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.appearance.zoom == 80


def test_the_zoom_is_remembered_by_a_new_window(qtbot, make_window, qapp) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    base = qapp.font().pointSizeF()
    for _ in range(3):
        qtbot.keyClick(window, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    window.close()

    again = make_window()
    assert again.appearance.zoom == 150
    assert qapp.font().pointSizeF() == pytest.approx(base * 1.5)
    assert again.graph.scene.style.scale == pytest.approx(1.5)


def test_a_window_started_at_a_remembered_zoom_is_zoomed_throughout(qtbot, make_window, qapp) -> None:  # type: ignore[no-untyped-def]
    """The app starts at 100 % and the window finds 200 % in its settings: the menu bar, the
    cards and the buttons take it too, not only the widgets that set their own font."""
    window = make_window()
    base = qapp.font().pointSizeF()
    for _ in range(7):
        qtbot.keyClick(window, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert window.appearance.zoom == 200
    window.close()
    font = qapp.font()
    font.setPointSizeF(base)  # a fresh start: the desktop's font, no stylesheet yet
    qapp.setFont(font)
    qapp.setStyleSheet("")
    again = make_window()
    for widget in (again.menuBar(), again.library_panel, again.study.back_button, again.statusBar()):
        assert widget.font().pointSizeF() == pytest.approx(base * 2), type(widget).__name__


def test_the_graph_keeps_its_own_zero_and_plus_keys(qtbot, make_window, qapp) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    click_card(qtbot, window, 0)
    view = window.graph.view
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    before = view.zoom
    qtbot.keyClick(view, Qt.Key.Key_Plus)  # no Ctrl: the graph zooms, the interface does not
    assert view.zoom > before and window.appearance.zoom == 100
    qtbot.keyClick(view, Qt.Key.Key_0)  # no Ctrl: the graph fits the tree
    assert view.zoom == pytest.approx(before)
    qtbot.keyClick(view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)  # Ctrl: the interface
    assert window.appearance.zoom == 110
    qtbot.keyClick(view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.appearance.zoom == 100


def test_links_take_the_new_themes_colour(qtbot, make_window, qapp) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    click_card(qtbot, window, 0)
    qtbot.keyClick(window.study, Qt.Key.Key_1)  # the breadcrumbs now link back to the first question
    crumbs = window.study.crumbs
    assert "<a " in crumbs.text()
    choose_theme_with_mouse(qtbot, window, "high-contrast")
    link = load_theme("high-contrast").colours["link"]
    assert qapp.palette().color(QPalette.ColorRole.Link).name() == link
    image = crumbs.grab().toImage()
    colours = {image.pixelColor(x, y).name() for x in range(image.width()) for y in range(image.height())}
    assert link in colours


def test_mastery_minimap_and_broken_card_colours_come_from_the_theme(qtbot, make_window, qapp) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QImage

    from trainer.ui.canvas.items import mastery_colours

    window = make_window()
    choose_theme_with_mouse(qtbot, window, "dark")
    dark = load_theme("dark")
    style = window.graph.scene.style
    for level in ("weak", "learning", "strong"):
        line, fill = mastery_colours(level, style)
        assert (line.name(), fill.name()) == (dark.colours[f"graph_{level}"], dark.colours[f"graph_{level}_fill"])
    assert window.graph.scene.nodes[window.graph.tree.start]._style.mastery == style.mastery

    def colours_in(widget) -> set[str]:  # type: ignore[no-untyped-def]
        image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
        return {image.pixelColor(x, y).name() for x in range(0, image.width(), 1) for y in range(0, image.height(), 2)}

    panel = window.library_panel
    broken = next(
        i for i in range(panel.count()) if "Broken" in panel.item(i).text() or "broken" in panel.item(i).text()
    )
    rect = panel.visualItemRect(panel.item(broken))
    card = panel.viewport().grab(rect).toImage().convertToFormat(QImage.Format.Format_RGB32)
    card_colours = {card.pixelColor(x, y).name() for x in range(card.width()) for y in range(card.height())}
    assert dark.colours["error"] in card_colours  # the first error is drawn in the theme's error colour

    view = window.graph.view
    view.zoom_by(4.0)  # the minimap outlines the part of the tree in view
    shown = colours_in(view.minimap)
    assert dark.colours["graph_current"] in shown
    assert load_theme("light").colours["graph_current"] not in shown  # no colour of another theme
