"""The presenter's console, the one-screen notes overlay (N), the presentation theme and the
screen menus, driven like a presenter does: keys on the console, a clicker's keys only, menus.

Offscreen Qt has one screen: the console is opened on it directly (the controller's
`open_console`, which F5 calls with the console's screen when there are two); where each goes
with two or three screens is decided and tested in trainer.present.screens (tests/present/test_screens.py).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFontInfo
from PySide6.QtWidgets import QApplication, QWidget

from tests.present.test_presentation import all_paths
from tests.ui.present.test_presentation import bundled, key
from tests.ui.shell.test_shortcuts_help import rows
from trainer.core.library import read_tree
from trainer.core.model import Question, Tree
from trainer.draw.themes import load_presentation_theme, load_theme
from trainer.infra.paths import bundled_trees_dir
from trainer.present.console_view import presentation_console_view
from trainer.present.presentation import Presentation, Slide
from trainer.present.screens import ScreenLayout
from trainer.ui.present.console import ConsoleWindow
from trainer.ui.present.presentation import PresentationWindow
from trainer.ui.shell.main_window import MainWindow
from trainer.ui.shell.settings import WindowSettings

EDGE = bundled_trees_dir() / "edge-resilience.yaml"


def open_both(qtbot, clock=None) -> tuple[PresentationWindow, ConsoleWindow]:  # type: ignore[no-untyped-def]
    window = PresentationWindow(Presentation(bundled()), reduced_motion=True)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    console = ConsoleWindow(window, clock=clock) if clock else ConsoleWindow(window)
    qtbot.addWidget(console)
    console.resize(1280, 720)
    console.show()
    console.activateWindow()
    qtbot.waitUntil(console.isActiveWindow)
    return window, console


def pixel(widget: QWidget, x: int, y: int) -> str:
    return QColor(widget.grab().toImage().pixel(x, y)).name()


def test_the_console_shows_the_step_the_next_step_and_notes_and_keys_there_drive_the_room(qtbot) -> None:
    window, console = open_both(qtbot)
    assert (
        console.now.text()
        == "Question 1: Must the application absorb sudden spikes in request rates? — answers not shown yet"
    )
    assert console.next.text().endswith("answers shown: 1 Yes · 2 No")
    assert "A spike is legitimate load" in console.notes.toPlainText()  # the question's help
    key(qtbot, console, Qt.Key.Key_PageDown)  # pressed on the console, stepped on the room's screen
    assert window.presentation.slide.stage == "answers"
    assert console.next.text().endswith("answer 1 chosen: Yes")  # forward would take the first answer
    key(qtbot, console, Qt.Key.Key_1)
    assert window.answers[0].accessibleDescription() == "chosen"
    notes = console.notes.toPlainText()
    assert "Note on “Yes”" in notes and "Relieve both tiers" in notes
    assert console.next.text() == "Outcome: Amazon CloudFront in front of the ALB, plus Aurora Replicas"
    key(qtbot, console, Qt.Key.Key_PageDown)
    # the presenter sees the explanation and traps before the room does
    assert window.explanation.isHidden()
    assert "Explanation (not shown yet)" in console.notes.toPlainText()
    assert "AWS Shield" in console.notes.toPlainText()
    key(qtbot, console, Qt.Key.Key_G)
    assert window.whole_tree and console.status.text().startswith("The room sees the whole tree")
    key(qtbot, console, Qt.Key.Key_G)
    assert not window.whole_tree and console.status.isHidden()
    key(qtbot, console, Qt.Key.Key_B)
    assert window.blanked and not console.status.isHidden()
    assert console.status.text() == "The room sees a blank screen (B shows the slide again)"
    key(qtbot, console, Qt.Key.Key_B)
    assert not window.blanked and console.status.isHidden()
    key(qtbot, console, Qt.Key.Key_Home)
    assert window.presentation.slide.node_id == window.presentation.tree.start
    assert console.now.text().startswith("Question 1:")


def test_console_type_is_larger_than_the_main_windows_and_smaller_than_the_rooms(qtbot) -> None:
    window, console = open_both(qtbot)
    interface = QFontInfo(QApplication.font()).pixelSize()
    room = window.node_text.font().pixelSize()
    for text in (console.now, console.next, console.notes):
        assert interface < QFontInfo(text.font()).pixelSize() < room, text.objectName()
    assert QFontInfo(console.elapsed.font()).pixelSize() >= room, "the clocks read at a glance"


def test_esc_on_the_console_leaves_both(qtbot) -> None:
    window, console = open_both(qtbot)
    left = []
    window.left.connect(lambda: left.append(True))
    key(qtbot, console, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not console.isVisible())
    assert left and not window.isVisible()


def test_elapsed_time_and_clock_and_the_reset_key_and_button(qtbot) -> None:
    now = [1000.0]
    window, console = open_both(qtbot, clock=lambda: now[0])
    assert console.elapsed.text() == "0:00"
    assert len(console.clock.text()) == 5 and console.clock.text()[2] == ":"
    assert console.timer.isActive() and console.timer.interval() == 1000
    now[0] += 65
    console.timer.timeout.emit()  # what the timer does each second
    assert console.elapsed.text() == "1:05"
    key(qtbot, console, Qt.Key.Key_R)
    assert console.elapsed.text() == "0:00"
    assert window.presentation.slide.stage == "question", "R is the console's, not a presentation step"
    now[0] += 3725
    console.timer.timeout.emit()
    assert console.elapsed.text() == "1:02:05"
    qtbot.mouseClick(console.reset, Qt.MouseButton.LeftButton)
    assert console.elapsed.text() == "0:00"
    assert console.isActiveWindow() and not console.reset.hasFocus(), "the keys stay the presentation's"


def test_the_console_and_overlay_take_the_presentation_theme(qtbot) -> None:
    window, console = open_both(qtbot)
    dark = load_presentation_theme("dark-room")
    assert pixel(console, 3, 3) == dark.colours["panel"]
    bright = load_presentation_theme("bright-room")
    window.set_theme(bright)
    qtbot.waitUntil(lambda: pixel(console, 3, 3) == bright.colours["panel"])
    assert pixel(window, 3, 3) == bright.colours["background"]
    assert window.scene.style.background.name() == bright.colours["graph_background"]


def test_a_whole_workshop_with_a_clicker_alone_and_the_console_follows_every_step(qtbot, make_window) -> None:
    """Rehearsed in the study walk (digits, before the room arrives), then only a clicker's keys:
    F5, PageUp back to the start, PageDown to the end, B and '.' to blank, Esc; pressed where the
    presenter's focus is (the console), over every path of a whole bundled tree."""
    tree = read_tree(EDGE).tree
    assert tree is not None
    window: MainWindow = make_window([EDGE.parent])
    qtbot.waitUntil(lambda: not window.loading, timeout=30_000)  # the bundled library is read in the background
    assert window.library_panel.select_path(str(EDGE))
    for choices in all_paths(tree):
        window.study.restart()
        for index in choices:  # the rehearsal
            window.study.choose(index)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        key(qtbot, window, Qt.Key.Key_F5)
        shown = window.presenting.presenting
        assert shown is not None
        console = window.presenting.open_console(window.screen())
        assert console is not None and console.isVisible()
        qtbot.waitUntil(console.isActiveWindow)
        assert not shown.notes_enabled, "with a console the notes are not put on the room's screen"

        def state(console: ConsoleWindow = console, shown: PresentationWindow = shown) -> tuple[Slide, str]:
            assert console.now.text() == presentation_console_view(shown.presentation).now  # it followed
            return shown.presentation.slide, console.now.text()

        backward = [state()]
        while True:  # PageUp back to the start of the walk
            key(qtbot, console, Qt.Key.Key_PageUp)
            if state() == backward[-1]:
                break
            backward.append(state())
        # (an outcome the presentation opened on was seen by the room: it stays named on the graph)
        assert backward[-1][0] == Slide(tree.start, "question", seen=backward[0][0].seen)
        forward = [state()]
        while not shown.presentation.at_end:  # PageDown through the rehearsed path to its end
            announced = console.next.text()
            key(qtbot, console, Qt.Key.Key_PageDown)
            assert console.now.text() == announced, "next said what forward then showed"
            forward.append(state())
            if shown.presentation.slide.stage == "answers":  # a pause for the room: blank and back
                key(qtbot, console, Qt.Key.Key_Period)
                assert shown.blanked and "blank" in console.status.text()
                key(qtbot, console, Qt.Key.Key_PageDown)  # unblanks only
                assert not shown.blanked and state() == forward[-1]
        assert forward[: len(backward)] == backward[::-1], "back and forward pass the same states"
        assert shown.presentation.slide.node_id == _outcome_of(tree, choices)
        assert shown.presentation.at_end
        if shown.presentation.next_branch() is None:
            assert console.next.text() == "Nothing: the whole tree has been shown (Home starts again)"
        else:  # the tour would go back up to a branch the room has not seen
            assert console.next.text().startswith("Next branch — Question ")
        key(qtbot, console, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda shown=shown, console=console: not shown.isVisible() and not console.isVisible())
        assert window.presenting.presenting is None and window.presenting.console is None


def _outcome_of(tree: Tree, choices: tuple[int, ...]) -> str:
    node = tree.start_node
    for index in choices:
        assert isinstance(node, Question)
        node = tree.nodes[node.answers[index].next]
    return node.id


def test_n_shows_the_notes_over_the_slide_with_one_screen(qtbot) -> None:
    window = PresentationWindow(Presentation(bundled()), reduced_motion=True)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    overlay = window.notes_overlay
    assert overlay.isHidden(), "off by default"
    key(qtbot, window, Qt.Key.Key_N)
    assert overlay.isVisible()
    assert overlay.next.text().startswith("Next: Question 1:")
    assert "A spike is legitimate load" in overlay.notes.toPlainText()
    # over the graph's side: the question and answers stay in the room's view
    assert overlay.geometry().left() >= window.column.geometry().right()
    assert window.rect().contains(overlay.geometry())
    key(qtbot, window, Qt.Key.Key_1)
    assert overlay.next.text() == "Next: Outcome: Amazon CloudFront in front of the ALB, plus Aurora Replicas"
    key(qtbot, window, Qt.Key.Key_B)
    assert overlay.isHidden(), "a blank screen shows nothing, notes included"
    key(qtbot, window, Qt.Key.Key_B)
    assert overlay.isVisible()
    key(qtbot, window, Qt.Key.Key_N)
    assert overlay.isHidden()


def test_view_presentation_theme_is_its_own_choice_remembered_and_applied_at_once(qtbot, make_window) -> None:
    window = make_window()
    window.library_panel.setCurrentRow(0)
    main_graph = window.graph.scene.style.background.name()
    menu = window.presenting.theme_menu
    assert [a.text().replace("&", "") for a in menu.actions()] == ["Dark Room", "Bright Room", "High Contrast"]
    assert window.presenting.theme_actions["dark-room"].isChecked()
    key(qtbot, window, Qt.Key.Key_F5)
    shown = window.presenting.presenting
    assert (
        shown is not None and shown.colours["background"] == load_presentation_theme("dark-room").colours["background"]
    )
    window.presenting.theme_actions["bright-room"].trigger()
    bright = load_presentation_theme("bright-room")
    assert shown.colours == bright.colours
    assert shown.scene.style.background.name() == bright.colours["graph_background"]
    assert window.graph.scene.style.background.name() == main_graph, "the main window's graph is left alone"
    assert main_graph in {load_theme(n).colours["graph_background"] for n in ("light", "dark")}
    assert WindowSettings().presentation_theme == "bright-room"
    shown.close()
    again = make_window()
    assert again.presenting.theme_actions["bright-room"].isChecked()


def test_screen_menus_with_one_screen(qtbot, make_window) -> None:
    window = make_window()
    presenting = window.presenting
    presenting.screens_menu.aboutToShow.emit()
    screens = presenting.screens_menu.actions()
    assert len(screens) == 1 and screens[0].isChecked() and screens[0].isEnabled()
    presenting.console_menu.aboutToShow.emit()
    entries = presenting.console_menu.actions()
    assert not any(a.isEnabled() for a in entries)
    assert entries[-1].text() == "One screen: press N while presenting to show the notes"
    assert not presenting.swap_action.isEnabled()
    layout = presenting.screen_layout()
    assert layout.console is None and layout.audience.startswith(window.screen().name())


def test_a_screen_layout_is_remembered_per_setup_in_the_settings_file() -> None:
    settings = WindowSettings()
    two, three = "HDMI-1@1280x720+1920+0;eDP-1@1920x1200+0+0", "a;b;c"
    settings.set_screen_layout(two, ScreenLayout("eDP-1@1920x1200+0+0", "HDMI-1@1280x720+1920+0"))
    settings.sync()
    again = WindowSettings()
    assert again.screen_layout(two) == ScreenLayout("eDP-1@1920x1200+0+0", "HDMI-1@1280x720+1920+0")
    assert again.screen_layout(three) is None
    assert again.presentation_theme == "dark-room"
    again.presentation_theme = "disco"  # an edited file: the default
    assert again.presentation_theme == "dark-room"


def test_f1_lists_the_notes_key_and_the_consoles_keys(qtbot, make_window) -> None:
    window = make_window()
    qtbot.keyClick(window, Qt.Key.Key_F1)
    dialog = window.shortcuts_help.dialog
    assert dialog is not None
    listed = rows(dialog)
    assert ("N", "one screen: show or hide the presenter's notes over the slide") in listed
    assert ("R", "reset the elapsed time") in listed
    assert ("Esc", "leave the presentation and the console") in listed
    dialog.close()
