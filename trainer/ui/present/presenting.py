"""View > Present (F5) and its menu entries: which screens the presentation and the presenter's
console go on, and the presentation theme. The window that hosts it is seen only through
`PresentingHost`: the few things the presentation needs of it.
"""

from __future__ import annotations

from functools import partial
from typing import Protocol

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QScreen
from PySide6.QtWidgets import QMenu, QStatusBar, QWidget

from trainer.draw.themes import PRESENTATION_THEMES
from trainer.present.presentation import Presentation, answer_indexes
from trainer.present.screens import (
    Screen,
    ScreenLayout,
    choose_layout,
    setup_signature,
    swapped,
    with_audience,
    with_console,
)
from trainer.study.walk import Walk
from trainer.ui.common.actions import Actions, ActionSpec, Menus, make_action
from trainer.ui.present.console import ConsoleWindow
from trainer.ui.present.presentation import PresentationWindow
from trainer.ui.present.stylesheets import presentation_theme

PRESENTATION_THEME_LABELS = {
    "dark-room": "&Dark Room",
    "bright-room": "&Bright Room",
    "high-contrast": "&High Contrast",
}


class PresentingSettings(Protocol):
    """The settings the presentation reads and keeps: its theme and, per setup of screens,
    where the presentation and the console go."""

    presentation_theme: str

    @property
    def reduced_motion(self) -> bool: ...
    def screen_layout(self, signature: str) -> ScreenLayout | None: ...
    def set_screen_layout(self, signature: str, layout: ScreenLayout) -> None: ...


class StudiedWalk(Protocol):
    """The study pane's walk: presented from where it is, and following the presentation back."""

    @property
    def walk(self) -> Walk | None: ...
    def restart(self) -> None: ...
    def choose(self, index: int) -> None: ...


class PresentingHost(Protocol):
    """What the presentation needs of the window that hosts it. `window()` is the host's own
    top-level widget (QWidget.window()): the parent of the presentation and the console, and the
    screen they start from."""

    @property
    def settings(self) -> PresentingSettings: ...
    @property
    def menus(self) -> Menus: ...
    @property
    def study(self) -> StudiedWalk: ...
    @property
    def quizzing(self) -> bool: ...

    def window(self) -> QWidget: ...
    def statusBar(self) -> QStatusBar: ...


class Presenting(QObject):
    """View > Present (F5), Present On, Console On, Swap Screens and Presentation Theme.

    F5 opens the presentation of the tree being studied full screen. With two or more screens
    the presenter's console opens on another (the main window's, unless chosen otherwise); the
    choice is remembered per setup of screens (`trainer.present.screens` decides, the settings
    keep it). With one screen, N shows the console's notes over the slide. When the presentation
    is left, the study walk follows it: the main window shows the node the presentation ended on."""

    def __init__(self, host: PresentingHost) -> None:
        self.host = host
        self.window = host.window()
        super().__init__(self.window)
        self.settings = host.settings
        self.presenting: PresentationWindow | None = None
        self.console: ConsoleWindow | None = None
        self.actions = Actions()
        self.actions.add(self._menu_entries(), host.menus, self.window)
        self.present_action, self.swap_action = self.actions["present"], self.actions["swapScreens"]
        view = host.menus["view"]
        self.screens_menu = self._screens_menu(view, "Present &On", audience=True)
        self.console_menu = self._screens_menu(view, "Presenter &Console On", audience=False)
        self.theme_menu = view.addMenu("Presentation &Theme")
        group = QActionGroup(self)
        self.theme_actions: dict[str, QAction] = {}
        for name in PRESENTATION_THEMES:
            spec = ActionSpec(
                f"presentationTheme:{name}", PRESENTATION_THEME_LABELS[name], "view", partial(self.set_theme, name)
            )
            chosen = name == self.settings.presentation_theme
            self.theme_actions[name] = _choice(spec, self.window, group, chosen)
            self.theme_menu.addAction(self.theme_actions[name])

    def _menu_entries(self) -> list[ActionSpec]:
        """The View menu's entries; the screens' submenus go between them, the theme's after."""
        return [
            ActionSpec(
                "present",
                "Pr&esent",
                "view",
                self.present,
                shortcut="F5",
                tip="Show the current tree full screen for a room (F5; Esc leaves)",
                separator_before=True,
            ),
            ActionSpec("swapScreens", "S&wap Presentation and Console Screens", "view", self.swap_screens),
        ]

    def _screens_menu(self, view: QMenu, text: str, audience: bool) -> QMenu:
        """A submenu of the screens connected, filled each time it opens (screens come and go)."""
        screens = QMenu(text, self.window)
        screens.aboutToShow.connect(lambda: self._fill_screens(screens, audience))
        view.insertMenu(self.swap_action, screens)
        return screens

    # --- the presentation theme ----------------------------------------------------------------
    def set_theme(self, name: str) -> None:
        """View > Presentation Theme: remembered, and applied at once to a running presentation."""
        self.settings.presentation_theme = name
        name = self.settings.presentation_theme  # an unknown name is the dark room's
        self.theme_actions[name].setChecked(True)
        if self.presenting is not None:
            self.presenting.set_theme(presentation_theme(name))

    # --- screens ---------------------------------------------------------------------------------
    @staticmethod
    def _screens() -> list[tuple[Screen, QScreen]]:
        out = []
        for screen in QGuiApplication.screens():
            g = screen.geometry()
            out.append((Screen(screen.name(), g.x(), g.y(), g.width(), g.height()), screen))
        return out

    def screen_layout(self) -> ScreenLayout:
        """Where the presentation and the console go on the screens connected now."""
        screens = [info for info, _screen in self._screens()]
        home = next((info.key for info, screen in self._screens() if screen is self.window.screen()), "")
        return choose_layout(screens, home, self.settings.screen_layout(setup_signature(screens)))

    def _remember(self, layout: ScreenLayout) -> None:
        screens = [info for info, _screen in self._screens()]
        if len(screens) > 1:
            self.settings.set_screen_layout(setup_signature(screens), layout)
        self._place(layout)

    def set_audience_screen(self, key: str) -> None:
        self._remember(with_audience(self.screen_layout(), key))

    def set_console_screen(self, key: str) -> None:
        self._remember(with_console(self.screen_layout(), key))

    def swap_screens(self) -> None:
        self._remember(swapped(self.screen_layout()))

    def _fill_screens(self, menu: QMenu, audience: bool) -> None:
        menu.clear()
        layout = self.screen_layout()
        chosen = layout.audience if audience else layout.console
        group = QActionGroup(menu)
        slot = self.set_audience_screen if audience else self.set_console_screen
        for info, _screen in self._screens():
            text = f"{info.name or 'Screen'} ({info.width}×{info.height})"
            spec = ActionSpec(f"screen:{info.key}", text, "", partial(slot, info.key))
            action = _choice(spec, menu, group, info.key == chosen)
            action.setEnabled(audience or layout.console is not None)
            menu.addAction(action)
        if not audience and layout.console is None:
            note = make_action(
                ActionSpec("oneScreen", "One screen: press N while presenting to show the notes", "", _nothing), menu
            )
            note.setEnabled(False)
            menu.addAction(note)
        self.swap_action.setEnabled(layout.console is not None)

    def _qscreen(self, key: str | None) -> QScreen | None:
        return next((screen for info, screen in self._screens() if info.key == key), None)

    def _place(self, layout: ScreenLayout) -> None:
        """Move an open presentation and console to the screens of `layout`."""
        if self.presenting is not None:
            _put_on(self.presenting, self._qscreen(layout.audience), full_screen=True)
        if self.console is not None and layout.console is not None:
            _put_on(self.console, self._qscreen(layout.console), full_screen=False)

    # --- presenting ------------------------------------------------------------------------------
    def present(self) -> PresentationWindow | None:
        study = self.host.study
        if study.walk is None or self.host.quizzing:
            self.host.statusBar().showMessage("Choose a tree that opens without errors to present it.", 5000)
            return None
        if self.presenting is not None:
            self.presenting.close()
        presentation = Presentation.at(study.walk)
        shown = self.presenting = PresentationWindow(
            presentation,
            reduced_motion=self.settings.reduced_motion,
            parent=self.window,
            theme=presentation_theme(self.settings.presentation_theme),
        )
        shown.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        shown.left.connect(lambda: self._on_left(shown))
        layout = self.screen_layout()
        _put_on(shown, self._qscreen(layout.audience) or self.window.screen(), full_screen=True)
        shown.raise_()
        shown.activateWindow()
        shown.setFocus()
        console_screen = self._qscreen(layout.console)
        if console_screen is not None:
            self._remember(layout)  # this setup's layout stays the same next time
            self.open_console(console_screen)
        return shown

    def open_console(self, screen: QScreen) -> ConsoleWindow | None:
        """The presenter's console on `screen`, maximised rather than full screen: the laptop's
        task bar and other windows (a link opened in the browser) stay within reach. It takes
        the keyboard, passing every presentation key on; the overlay's N is then not needed."""
        shown = self.presenting
        if shown is None:
            return None
        if self.console is not None:
            self.console.close()
        console = self.console = ConsoleWindow(shown, parent=self.window)
        console.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        console.closed.connect(lambda: self._on_console_closed(console))
        _put_on(console, screen, full_screen=False)
        console.raise_()
        console.activateWindow()
        console.setFocus()
        return console

    def _on_console_closed(self, console: ConsoleWindow) -> None:
        if self.console is console:
            self.console = None

    def _on_left(self, shown: PresentationWindow) -> None:
        """The study walk takes the presentation's answers; the main window comes back."""
        if self.presenting is shown:
            self.presenting = None
        if self.console is not None:
            self.console.close()
        study = self.host.study
        walk = study.walk
        if walk is not None and walk.tree is shown.presentation.tree:
            wanted = answer_indexes(shown.presentation.walk)
            if wanted != answer_indexes(walk):
                study.restart()
                for index in wanted:
                    study.choose(index)
        self.window.raise_()
        self.window.activateWindow()


def _put_on(widget: QWidget, screen: QScreen | None, full_screen: bool) -> None:
    """Show a top-level window on `screen`, full screen or maximised."""
    if screen is not None:
        if widget.isVisible() and widget.screen() is not screen:
            widget.showNormal()  # a full-screen window moves only once it is normal again
        widget.setScreen(screen)
        widget.setGeometry(screen.availableGeometry() if not full_screen else screen.geometry())
    if full_screen:
        widget.showFullScreen()
    else:
        widget.showMaximized()


def _choice(spec: ActionSpec, owner: QWidget, group: QActionGroup, checked: bool) -> QAction:
    """One of a menu's exclusive choices: it acts when triggered (as a radio button is), so
    choosing the checked one again still acts."""
    action = make_action(spec, owner)
    action.setCheckable(True)
    action.setChecked(checked)
    group.addAction(action)
    return action


def _nothing() -> None:
    """The handler of an entry that only informs (it is disabled)."""
