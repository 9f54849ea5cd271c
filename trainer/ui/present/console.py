"""The presenter's console (two screens) and the notes overlay (one screen, N).

Both render a `ConsoleView` (trainer.present.console_view): the step the room sees, what the next step
will show, and the notes (help, the chosen answer's note, the explanation and traps before the
room sees them, links). The console also shows the time since the presentation started and the
time of day, and passes every key to the presentation, so a presenter with the laptop in front
of them drives the room's screen from it; Esc leaves both.

Type is sized from the console's height, between the main window's and the room's: a presenter
reads it at arm's length, a glance at a time. Both take the presentation theme's colours, so a
console in a dark room does not light up the presenter.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from time import monotonic
from typing import Protocol

from PySide6.QtCore import QRectF, Qt, QTimer, Signal, SignalInstance
from PySide6.QtGui import QCloseEvent, QColor, QKeyEvent, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from trainer.present.console_view import ConsoleView, Stopwatch, clock_text, elapsed_text, notes_markdown
from trainer.ui.canvas.view import FOCUS_MS
from trainer.ui.common.markdown_view import SizedMarkdownView
from trainer.ui.present.keys import KeyBinding, dispatch
from trainer.ui.present.room import label, layout_of

# Console type as fractions of its height: body 2.4% (26 px at 1080, 17 at 720; the main window's
# is about 13 px, the room's question 49 and 32), the steps a little larger, the clocks large.
CONSOLE_BODY = 0.024
CONSOLE_STEP = 0.028
CONSOLE_CLOCK = 0.06
CONSOLE_SMALL = 0.018
MIN_NOTES_SCALE = 0.5  # long notes shrink down to half size before the console scrolls them
OVERLAY_SHARE = 0.5  # the notes overlay never covers more than this share of the window's height
SIDE_SHARE = 0.42  # beside the whole tree, the notes take this share of the graph's side
SHRINK_STEP = 0.9
PICTURE_SHARE = 0.26  # of the console's width, for the pictures of the slide now and the next one


class ConsoleTarget(Protocol):
    """What the console needs of the room's window: what it shows, its colours, and its keys."""

    @property
    def slide_changed(self) -> SignalInstance: ...  # what the room sees changed
    @property
    def left(self) -> SignalInstance: ...  # the presentation was left
    @property
    def colours(self) -> dict[str, str]: ...
    @property
    def audience(self) -> object | None: ...  # the audience round while it runs

    def windowTitle(self) -> str: ...
    def console_view(self) -> ConsoleView: ...
    def room_status(self) -> str: ...
    def key_hint(self) -> str: ...  # the keys of the step shown
    def slide_pictures(self, width: int) -> tuple[QPixmap, QPixmap | None]: ...  # now, and the next slide
    def set_console_open(self, open_: bool) -> None: ...
    def leave(self) -> None: ...
    def keyPressEvent(self, event: QKeyEvent) -> None: ...


def notes_view(name: str, accessible: str) -> SizedMarkdownView:
    view = SizedMarkdownView()
    view.setObjectName(name)
    view.setAccessibleName(accessible)
    view.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # every key is the presentation's
    return view


def next_words(view: ConsoleView) -> str:
    return view.next or "Nothing further"


def _rgba(colour: str, alpha: int) -> str:
    c = QColor(colour)
    return f"rgba({c.red()}, {c.green()}, {c.blue()}, {alpha})"


class ConsoleWindow(QWidget):
    """The presenter's screen: now, next, notes, the time since the start and the clock."""

    closed = Signal()

    def __init__(
        self, target: ConsoleTarget, clock: Callable[[], float] = monotonic, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("presenterConsole")
        self.setWindowTitle(f"{target.windowTitle()} — presenter console")
        self.setAccessibleName("Presenter console")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.target = target
        self.stopwatch = Stopwatch(clock)
        self.scale = 1.0
        self.key_table = (  # the console's own keys; every other key is the presentation's
            KeyBinding({Qt.Key.Key_Escape}, lambda _key: target.leave(), when=lambda: target.audience is None),
            KeyBinding({Qt.Key.Key_R}, lambda _key: self.reset_timer(), modifiers=Qt.KeyboardModifier.NoModifier),
        )

        self.now_title = label("consoleNowTitle", "Now heading")
        self.now_title.setText("NOW ON THE ROOM'S SCREEN")
        self.now = label("consoleNow", "The step the room sees")
        self.status = label("consoleStatus", "Screen status")
        self.next_title = label("consoleNextTitle", "Next heading")
        self.next_title.setText("NEXT")
        self.next = label("consoleNext", "What the next step shows")
        self.notes_title = label("consoleNotesTitle", "Notes heading")
        self.notes_title.setText("NOTES")
        self.notes = notes_view("consoleNotes", "Presenter notes")
        self.notes_area = QScrollArea()  # notes too long even at the smallest type scroll (mouse wheel)
        self.notes_area.setObjectName("consoleNotesArea")
        self.notes_area.setAccessibleName("Presenter notes (the mouse wheel scrolls long ones)")
        self.notes_area.setFrameShape(QFrame.Shape.NoFrame)
        self.notes_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.notes_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.notes_area.viewport().setObjectName("consoleNotesViewport")
        self.notes_area.setWidget(self.notes)  # not resizable: the notes keep the size they were measured at
        self.elapsed_title = label("consoleElapsedTitle", "Elapsed heading", wrap=False)
        self.elapsed_title.setText("ELAPSED")
        self.elapsed = label("consoleElapsed", "Time since the presentation started", wrap=False)
        self.clock_title = label("consoleClockTitle", "Clock heading", wrap=False)
        self.clock_title.setText("CLOCK")
        self.clock = label("consoleClock", "Time of day", wrap=False)
        self.reset = QPushButton("Reset timer (R)")
        self.reset.setObjectName("consoleReset")
        self.reset.setAccessibleName("Reset the elapsed time")
        self.reset.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.reset.clicked.connect(self.reset_timer)
        for spaced in (self.status, self.next_title, self.notes_title):
            spaced.setIndent(0)  # a margin in the stylesheet would otherwise indent the text like a frame
        self.hint = label("consoleHint", "Keys")  # the room's screen shows none while the console is open
        # the room's screen and the next slide as pictures, beside the words; made when the step
        # changes, once the room's graph has moved (its focus is animated)
        self.now_picture = self._picture("consoleNowPicture", "Picture of the room's screen now")
        self.next_picture = self._picture("consoleNextPicture", "Picture of the next slide")
        self.next_picture_title = label("consoleNextPictureTitle", "Next slide heading", wrap=False)
        self.next_picture_title.setText("NEXT SLIDE")
        self._picture_timer = QTimer(self)
        self._picture_timer.setSingleShot(True)
        self._picture_timer.setInterval(FOCUS_MS + 40)
        self._picture_timer.timeout.connect(self.refresh_pictures)
        self._target_gone = False

        self.column = QWidget()
        self.column.setObjectName("consoleColumn")
        self.column.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        column = QVBoxLayout(self.column)
        column.setContentsMargins(0, 0, 0, 0)
        for widget in (self.now_title, self.now, self.status, self.next_title, self.next, self.notes_title):
            column.addWidget(widget)
        column.addWidget(self.notes_area, 1)
        column.addWidget(self.hint)
        clocks = QVBoxLayout()
        for clock_widget in (self.elapsed_title, self.elapsed, self.reset, self.clock_title, self.clock):
            clocks.addWidget(clock_widget)
        clocks.addStretch(1)
        pictures = QVBoxLayout()
        for picture in (self.now_picture, self.next_picture_title, self.next_picture):
            pictures.addWidget(picture)
        pictures.addStretch(1)
        row = QHBoxLayout(self)
        row.addWidget(self.column, 1)
        row.addLayout(pictures)
        row.addLayout(clocks)

        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self.tick)
        self.timer.start()
        target.slide_changed.connect(self.refresh)
        target.left.connect(self._on_target_left)
        target.set_console_open(True)  # the room's screen drops its key hints and notes
        self.tick()
        self.refresh()

    @staticmethod
    def _picture(name: str, accessible: str) -> QLabel:
        picture = QLabel()
        picture.setObjectName(name)
        picture.setAccessibleName(accessible)
        picture.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        return picture

    def _on_target_left(self) -> None:
        self._target_gone = True
        self.close()

    # --- keys: the presenter's keyboard or clicker -----------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Esc leaves (in a round it ends the round, as on the room's screen), R resets the timer."""
        if dispatch(self.key_table, event.key(), event.modifiers()):
            event.accept()
        else:
            self.target.keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.timer.stop()
        self._picture_timer.stop()
        if not self._target_gone:
            self._target_gone = True
            self.target.set_console_open(False)  # the room shows its key hints again
        super().closeEvent(event)
        self.closed.emit()

    # --- content ---------------------------------------------------------------------------
    def reset_timer(self) -> None:
        self.stopwatch.reset()
        self.tick()

    def tick(self, now: datetime | None = None) -> None:
        self.elapsed.setText(elapsed_text(self.stopwatch.elapsed()))
        self.clock.setText(clock_text(now or datetime.now()))

    def refresh(self) -> None:
        view = self.target.console_view()
        self.now.setText(view.now)
        self.next.setText(next_words(view))
        self.status.setText(self.target.room_status())
        self.status.setVisible(bool(self.status.text()))
        self.notes.link_colour = self.target.colours["link"]
        self.notes.set_markdown(notes_markdown(view.notes))
        self.notes_title.setVisible(bool(view.notes))
        self.hint.setText(f"Keys here drive the room's screen: {self.target.key_hint()} · R reset timer")
        self._fit_type()
        self._picture_timer.start()  # (again): the pictures once the room's graph has settled

    def picture_width(self) -> int:
        return max(120, round(self.width() * PICTURE_SHARE))

    def refresh_pictures(self) -> None:
        """The pictures of the room's screen and of the next slide (none when no slide follows)."""
        if self._target_gone:
            return
        now, ahead = self.target.slide_pictures(self.picture_width())
        self.now_picture.setPixmap(now)
        self.next_picture.setPixmap(ahead if ahead is not None else QPixmap())
        self.next_picture_title.setVisible(ahead is not None)
        self.next_picture.setVisible(ahead is not None)

    def texts(self) -> list[QWidget]:
        """The visible text widgets, for the tests that measure them against their boxes."""
        widgets: list[QWidget] = [
            self.now_title,
            self.now,
            self.status,
            self.next_title,
            self.next,
            self.notes_title,
            self.notes,
            self.hint,
            self.elapsed_title,
            self.elapsed,
            self.clock_title,
            self.clock,
        ]
        return [w for w in widgets if not w.isHidden()]

    # --- type sized for arm's length ---------------------------------------------------------
    def _sizes(self, scale: float) -> dict[str, int]:
        h = max(self.height(), 300)
        return {
            "body": max(9, round(h * CONSOLE_BODY * scale)),
            "step": max(10, round(h * CONSOLE_STEP)),
            "clock": max(12, round(h * CONSOLE_CLOCK)),
            "small": max(8, round(h * CONSOLE_SMALL)),
        }

    def _stylesheet(self, scale: float) -> str:
        c, s = self.target.colours, self._sizes(scale)
        return f"""
        QWidget#presenterConsole {{ background: {c["panel"]}; color: {c["text"]}; }}
        QLabel {{ color: {c["text"]}; font-size: {s["step"]}px; }}
        QLabel#consoleNowTitle, QLabel#consoleNextTitle, QLabel#consoleNotesTitle, QLabel#consoleElapsedTitle,
        QLabel#consoleClockTitle, QLabel#consoleNextPictureTitle {{
            color: {c["accent"]}; font-size: {s["small"]}px; font-weight: 700; letter-spacing: 2px; }}
        QLabel#consoleNextTitle, QLabel#consoleNotesTitle {{ margin: {s["small"]}px 0px 0px 0px; padding: 0px; }}
        QLabel#consoleNow {{ font-weight: 700; }}
        QLabel#consoleStatus {{
            color: {c["accent"]}; font-weight: 700; margin: {s["small"] // 2}px 0px 0px 0px; padding: 0px; }}
        QLabel#consoleHint {{ color: {c["muted"]}; font-size: {s["small"]}px; }}
        QLabel#consoleNowPicture, QLabel#consoleNextPicture {{ border: 1px solid {c["panel_border"]}; }}
        QLabel#consoleElapsed, QLabel#consoleClock {{ font-size: {s["clock"]}px; font-weight: 700; }}
        QTextBrowser {{ color: {c["text"]}; font-size: {s["body"]}px; }}
        QScrollArea#consoleNotesArea, QWidget#consoleNotesViewport {{ background: transparent; }}
        QPushButton {{ color: {c["text"]}; background: {c["background"]}; border: 2px solid {c["panel_border"]};
                       border-radius: 6px; padding: 6px 12px; font-size: {s["small"]}px; }}
        """

    def _fit_type(self) -> None:
        """The notes shrink (down to MIN_NOTES_SCALE) until the column holds every text; longer
        ones leave room for a scroll bar."""
        margin = max(12, round(self.height() * 0.025))
        layout_of(self).setContentsMargins(margin, margin, margin, margin)
        layout_of(self).setSpacing(margin * 2)
        clocks_width = max(self._clock_width(), 1)
        pictures = self.picture_width()
        for picture in (self.now_picture, self.next_picture, self.next_picture_title):
            picture.setFixedWidth(pictures)
        width = max(200, self.width() - 2 * margin - 4 * margin - clocks_width - pictures)
        height = max(200, self.height() - 2 * margin)
        scale = 1.0
        while True:
            self.setStyleSheet(self._stylesheet(scale))
            for widget in self.texts():
                widget.ensurePolished()
            if scale <= MIN_NOTES_SCALE or self._needed_height(width) <= height:
                break
            scale = max(MIN_NOTES_SCALE, scale * SHRINK_STEP)
        self.scale = scale
        self.column.setFixedWidth(width)
        overflow = self._needed_height(width) > height
        self.notes_area.setVerticalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAlwaysOn if overflow else Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        )
        self.notes.fit_width = width - (self.notes_area.verticalScrollBar().sizeHint().width() if overflow else 0)
        self.notes._fit_height()

    def _clock_width(self) -> int:
        self.setStyleSheet(self._stylesheet(1.0))
        widths = []
        for widget in (self.elapsed, self.clock, self.reset, self.elapsed_title, self.clock_title):
            widget.ensurePolished()
            widths.append(widget.sizeHint().width())
        metrics = self.elapsed.fontMetrics()
        widths.append(metrics.horizontalAdvance("00:00:00") + 4)  # an hour-long workshop does not jump
        return max(widths)

    def _needed_height(self, width: int) -> int:
        spacing = layout_of(self.column).spacing()
        total = 0
        for widget in (
            self.now_title,
            self.now,
            self.status,
            self.next_title,
            self.next,
            self.notes_title,
            self.notes,
            self.hint,
        ):
            if widget.isHidden():
                continue
            total += (
                widget.height_for(width) if isinstance(widget, SizedMarkdownView) else widget.heightForWidth(width)
            ) + spacing
        return total

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_type()
        self._picture_timer.start()  # the pictures at the new width


class NotesOverlay(QFrame):
    """One screen: what comes next and the notes, over the lower part of the graph's side of
    the slide (the question and answers stay in view, and the current node near the top of the
    graph), nearly opaque in the presentation theme's colours. Off until the presenter presses N."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.over = parent  # the slide it covers part of
        self.setObjectName("presentNotesOverlay")
        self.setAccessibleName("Presenter notes (N hides them)")
        self.next = label("overlayNext", "What the next step shows")
        self.notes = notes_view("overlayNotes", "Presenter notes")
        layout = QVBoxLayout(self)
        layout.addWidget(self.next)
        layout.addWidget(self.notes)
        layout.addStretch(1)
        self.hide()

    def texts(self) -> list[QWidget]:
        return [w for w in (self.next, self.notes) if not w.isHidden()]

    def place_over(
        self,
        graph: QGraphicsView,
        view: ConsoleView,
        colours: dict[str, str],
        area: tuple[int, int, int, int],
        size: int,
        whole_tree: bool,
    ) -> tuple[int, int, int, int]:
        """Show `view` over the graph's side `area`, and return the graph's viewport margins
        (left, top, right, bottom) that leave it the rest: below the current node; for the whole
        tree, below it or beside it (SIDE_SHARE of the width, as tall as the side), whichever
        lets the tree be drawn larger, so a tall tree takes the height and a wide one the width."""
        x, y, width, height = area
        gap = max(6, round(size * 0.5))
        self.place(view, colours, area, size)
        below = (0, 0, 0, min(self.height() + gap, max(0, height - 120)))
        scene = graph.scene()
        content = scene.sceneRect() if scene is not None else QRectF()  # the drawing (the view's rect has margins)
        if not whole_tree or content.isEmpty():
            return below
        port = graph.viewport().size()
        w, h = port.width() + graph.viewportMargins().right(), port.height() + graph.viewportMargins().bottom()

        def fit(free_width: int, free_height: int) -> float:
            return min(free_width / content.width(), free_height / content.height())

        side = round(width * SIDE_SHARE)
        if fit(w - side - gap, h) <= fit(w, h - below[3]):
            return below
        self.place(view, colours, (x + width - side, y, side, height), size, share=1.0)
        return (0, 0, side + gap, 0)

    def place(
        self,
        view: ConsoleView,
        colours: dict[str, str],
        area: tuple[int, int, int, int],
        size: int,
        share: float = OVERLAY_SHARE,
    ) -> None:
        """Show `view` at the bottom of `area` (x, y, width, height), as tall as its texts need and
        at most `share` of the parent's height, with type of `size` px shrunk (down to
        MIN_NOTES_SCALE) until every text fits."""
        x, y, width, height = area
        pad = max(8, round(size * 0.6))
        layout_of(self).setContentsMargins(pad, pad, pad, pad)
        layout_of(self).setSpacing(pad)
        inner = max(100, width - 2 * pad - 4)
        room = max(100, min(height, round(self.over.height() * share)))
        self.next.setText(f"Next: {next_words(view)}")
        self.notes.link_colour = colours["link"]
        self.notes.set_markdown(notes_markdown(view.notes))
        scale = 1.0
        while True:
            px = max(8, round(size * scale))
            self.setStyleSheet(f"""
            QFrame#presentNotesOverlay {{ background: {_rgba(colours["panel"], 248)};
                border: 2px solid {colours["panel_border"]}; border-radius: 8px; }}
            QLabel {{ color: {colours["accent"]}; font-size: {px}px; font-weight: 700; }}
            QTextBrowser {{ color: {colours["text"]}; font-size: {px}px; }}
            """)
            for widget in self.texts():
                widget.ensurePolished()
            needed = (
                2 * pad
                + 4
                + sum(
                    (w.height_for(inner) if isinstance(w, SizedMarkdownView) else w.heightForWidth(inner)) + pad
                    for w in self.texts()
                )
            )
            if needed <= room:
                break
            if scale <= MIN_NOTES_SCALE:  # still too long: take the side's whole height rather than clip
                room = max(room, height)
                break
            scale = max(MIN_NOTES_SCALE, scale * SHRINK_STEP)
        self.notes.fit_width = inner
        self.notes._fit_height()
        shown = min(needed, room)
        self.setGeometry(x, y + height - shown, width, shown)
        self.raise_()
