"""Which screen shows the room the presentation and which the presenter's console (no Qt).

Screens come in as plain values (a name and a geometry), so every decision is tested without
two monitors:

* one screen: the presentation takes it and the notes are an overlay the presenter toggles (N);
* two or more: the console goes on the main window's screen (the presenter's laptop, where the
  app was running) and the presentation on the first other screen, unless the presenter chose
  otherwise for this set of screens; that choice is remembered per setup (the office's projector
  and the conference room's are different setups), keyed by `setup_signature`;
* a remembered screen that is no longer there is replaced as above, never an error.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Screen:
    name: str
    x: int
    y: int
    width: int
    height: int

    @property
    def key(self) -> str:
        """The screen's name and where it is: two screens of one model may share a name."""
        return f"{self.name}@{self.width}x{self.height}+{self.x}+{self.y}"


@dataclass(frozen=True)
class ScreenLayout:
    """The audience's screen and the console's (by `Screen.key`); no console with one screen."""

    audience: str
    console: str | None = None

    def to_text(self, signature: str) -> str:
        """As stored in the settings (the setup is written out so the file reads by itself)."""
        return json.dumps({"screens": signature, "audience": self.audience, "console": self.console})

    @classmethod
    def from_text(cls, text: object) -> ScreenLayout | None:
        """A stored layout, or None for anything a hand-edited settings file could hold instead."""
        try:
            data = json.loads(text) if isinstance(text, str) else None
        except ValueError:
            return None
        if not isinstance(data, dict) or not isinstance(data.get("audience"), str):
            return None
        console = data.get("console")
        return cls(data["audience"], console if isinstance(console, str) else None)


def setup_signature(screens: Iterable[Screen]) -> str:
    """The connected screens as one stable string: names and geometries, sorted, so the same
    screens listed in another order are the same setup, and a moved or resized one is not."""
    return ";".join(sorted(screen.key for screen in screens))


def settings_key(signature: str) -> str:
    """A short key for a setup in the settings file (screen names may hold any character)."""
    return hashlib.sha256(signature.encode("utf-8")).hexdigest()[:16]


def choose_layout(
    screens: Sequence[Screen], window_screen: str, remembered: ScreenLayout | None = None
) -> ScreenLayout:
    """Where the presentation and the console go. `window_screen` is the key of the main
    window's screen; `remembered` the layout chosen before for this setup, if any."""
    keys = [screen.key for screen in screens]
    if not keys:
        return ScreenLayout(window_screen)
    if len(keys) == 1:
        return ScreenLayout(keys[0])
    home = window_screen if window_screen in keys else keys[0]
    audience = remembered.audience if remembered is not None and remembered.audience in keys else None
    console = remembered.console if remembered is not None and remembered.console in keys else None
    if audience is not None and console is not None and audience != console:
        return ScreenLayout(audience, console)
    if audience is None:
        audience = _first_other(keys, console or home)
    if console is None or console == audience:
        console = home if home != audience else _first_other(keys, audience)
    return ScreenLayout(audience, console)


def _first_other(keys: Sequence[str], taken: str) -> str:
    return next(key for key in keys if key != taken)


def with_audience(layout: ScreenLayout, screen: str) -> ScreenLayout:
    """The presentation moved to `screen`; the console leaves it for the audience's old screen."""
    if layout.console is None or screen == layout.audience:
        return ScreenLayout(screen, layout.console)
    console = layout.audience if layout.console == screen else layout.console
    return ScreenLayout(screen, console)


def with_console(layout: ScreenLayout, screen: str) -> ScreenLayout:
    """The console moved to `screen`; the presentation leaves it for the console's old screen."""
    if layout.console is None:
        return layout  # one screen: the notes are an overlay, there is nowhere to put a console
    audience = layout.console if layout.audience == screen else layout.audience
    return ScreenLayout(audience, screen)


def swapped(layout: ScreenLayout) -> ScreenLayout:
    return layout if layout.console is None else ScreenLayout(layout.console, layout.audience)
