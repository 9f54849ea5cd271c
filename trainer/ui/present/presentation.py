"""Presentation mode: a full-screen view of a tree for a room, and the View > Present action.

All decisions (what a step reveals, what back undoes) live in `trainer.present.presentation`; this
module renders its `Slide`, forwards keys (a clicker's PageDown/PageUp/B too) and sizes the type
from the window's height so that it reads from the back of a room at 1080p and 720p alike.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QGuiApplication, QKeyEvent, QKeySequence, QScreen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QSizePolicy, QStackedLayout, QVBoxLayout, QWidget

from trainer.core.markdown import traps_markdown
from trainer.core.model import Outcome, Question
from trainer.draw.pins import load_pins
from trainer.draw.themes import (
    DEFAULT_PRESENTATION_THEME,
    PRESENTATION_THEMES,
    Theme,
    ThemeError,
    load_presentation_theme,
)
from trainer.present.audience import unavailable
from trainer.present.console_view import ConsoleView, audience_console_view, presentation_console_view
from trainer.present.presentation import ANSWERS, Presentation, answer_indexes
from trainer.present.screens import (
    Screen,
    ScreenLayout,
    choose_layout,
    setup_signature,
    swapped,
    with_audience,
    with_console,
)
from trainer.study.walk import Highlight, walk_highlight
from trainer.ui.canvas.scene import GraphScene
from trainer.ui.canvas.view import GraphView
from trainer.ui.common.markdown_view import SizedMarkdownView, open_in_browser
from trainer.ui.present.console import ConsoleWindow, NotesOverlay
from trainer.ui.present.console import label as _label  # plain text: author text is never HTML

if TYPE_CHECKING:
    from trainer.ui.present.audience import AudienceWidget
    from trainer.ui.shell.main_window import MainWindow

# Type sizes as fractions of the window's height (the question at 4.5%: 49 px at 1080p, 32 at 720p)
QUESTION_SIZE = 0.045
BODY_SIZE = 0.032
SMALL_SIZE = 0.022
SHRINK_STEP = 0.9  # a text that would not fit its box shrinks by this much at a time ...
MIN_SCALE = 0.45  # ... never below this share of its size
GRAPH_MAX_ZOOM = 2.5  # a small neighbourhood is magnified up to this to fill the graph's pane
TEXT_SHARE = 0.52  # of the window's width, for the text column (the graph has the rest)

COLOURS = {  # the dark room's colours, used only when its theme file cannot be read (a damaged install)
    "background": "#111418",
    "text": "#f2f4f7",
    "muted": "#b8c0cc",
    "accent": "#ffd166",
    "chosen_bg": "#2f6fb0",
    "chosen_text": "#ffffff",
    "link": "#8ab4f8",
    "panel": "#1d232c",
    "panel_border": "#8a96a3",
}

FORWARD_KEYS = {Qt.Key.Key_Right, Qt.Key.Key_PageDown, Qt.Key.Key_Space}
BACK_KEYS = {Qt.Key.Key_Left, Qt.Key.Key_PageUp}
BLANK_KEYS = {Qt.Key.Key_B, Qt.Key.Key_Period}
NOTES_KEY = Qt.Key.Key_N  # one screen: the console's notes as an overlay


def presentation_theme(name: str = DEFAULT_PRESENTATION_THEME) -> Theme | None:
    """The presentation theme `name`; None when its file cannot be read (then COLOURS, and the
    graph in the interface's colours: a damaged install costs looks, never the presentation)."""
    try:
        return load_presentation_theme(name)
    except (ThemeError, OSError):
        return None


PresentMarkdown = SizedMarkdownView  # measured at the column's width to choose the type size


def _markdown(name: str, accessible: str, open_link: Callable[[QUrl], None]) -> PresentMarkdown:
    view = PresentMarkdown(open_link=open_link)
    view.setObjectName(name)
    view.setAccessibleName(accessible)
    view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return view


def text_column(
    name: str, above: Sequence[QWidget], answers: QVBoxLayout, below: Sequence[QWidget], hint: QWidget
) -> QWidget:
    """The column of texts: `above` the answers, the answers, `below` them, and the hint at the foot."""
    widget = QWidget()
    widget.setObjectName(name)
    # the window's size is the screen's: the column never asks for more (its type shrinks)
    widget.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Ignored)
    column = QVBoxLayout(widget)
    column.setContentsMargins(0, 0, 0, 0)
    for text in above:
        column.addWidget(text)
    column.addLayout(answers)
    for text in below:
        column.addWidget(text)
    column.addStretch(1)
    column.addWidget(hint)
    return widget


def stacked_height(widgets: Sequence[QWidget], width: int, spacing: int) -> int:
    """The height of `widgets` stacked at `width`, as laid out (spacing included)."""
    total = 0
    for widget in widgets:
        if isinstance(widget, PresentMarkdown):
            total += widget.height_for(width)
        elif widget.hasHeightForWidth():
            total += widget.heightForWidth(width)
        else:
            total += widget.sizeHint().height()
        total += spacing
    return total


def fit_type(
    owner: QWidget,
    stylesheet: Callable[[float], str],
    texts: Callable[[], list[QWidget]],
    fits: Callable[[], bool],
    width: int,
) -> float:
    """The largest type scale (down to MIN_SCALE) at which `fits()`, applied to `owner`; long
    words that would not fit the width are broken by the label (word wrap) rather than clipped.
    The Markdown views then take `width`, so their heights are known before the layout runs."""
    scale = 1.0
    while True:
        owner.setStyleSheet(stylesheet(scale))
        for widget in texts():
            widget.ensurePolished()
        if scale <= MIN_SCALE or fits():
            break
        scale = max(MIN_SCALE, scale * SHRINK_STEP)
    for widget in texts():
        if isinstance(widget, PresentMarkdown):
            widget.fit_width = width
            widget._fit_height()
    return scale


def room_graph(scene: GraphScene, reduced_motion: bool, accessible: str) -> GraphView:
    """The graph beside the text, read-only: the presentation (and its audience round) has every key."""
    view = GraphView(scene)
    view.reduced_motion = reduced_motion
    view.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # every key is the presentation's
    view.setInteractive(False)  # read-only: nothing to select or drag
    view.setAccessibleName(accessible)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
    view.minimap.hide()  # it would cover nodes; G shows the whole tree instead
    return view


class PresentationWindow(QWidget):
    """Shows a `Presentation`; `left` is emitted when Esc leaves it (the window then closes)."""

    left = Signal()
    slide_changed = Signal()

    def __init__(
        self,
        presentation: Presentation,
        reduced_motion: bool = False,
        open_link: Callable[[QUrl], None] = open_in_browser,
        parent: QWidget | None = None,
        theme: Theme | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("presentation")
        self.setWindowTitle(f"{presentation.tree.title} — presentation")
        self.setAccessibleName("Presentation")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.presentation = presentation
        self.blanked = False
        self.whole_tree = False
        self.scale = 1.0  # the type's share of its full size after fitting (1.0: nothing shrank)
        self.theme = theme or presentation_theme()
        self.colours = dict(self.theme.colours if self.theme is not None else COLOURS)
        self.notes_enabled = True  # N shows the notes overlay (off while a console shows them)
        self.notes_wanted = False  # the presenter asked for the overlay (hidden while blanked)

        self.title = _label("presentTitle", "Tree title")
        self.kicker = _label("presentKicker", "Step")
        self.node_text = _label("presentNode", "Question")
        self.help = _markdown("presentHelp", "Help", open_link)
        self.answers: list[QLabel] = []
        self.answer_box = QVBoxLayout()
        self.note = _markdown("presentNote", "Note on the chosen answer", open_link)
        self.explanation = _markdown("presentExplanation", "Explanation", open_link)
        self.traps_title = _label("presentTrapsTitle", "Traps heading")
        self.traps_title.setText("Tempting, but not the answer")
        self.traps = _markdown("presentTraps", "Traps", open_link)
        self.hint = _label("presentHint", "Keys")

        self.column = text_column(
            "presentColumn",
            (self.title, self.kicker, self.node_text, self.help),
            self.answer_box,
            (self.note, self.explanation, self.traps_title, self.traps),
            self.hint,
        )

        self.scene = GraphScene(self, self.theme)
        # the room sees an outcome's name on the graph only once the slide has shown it
        self.scene.mask_words = "not shown yet"
        self.scene.set_masked(True, presentation.seen)
        tree = presentation.tree
        self.scene.set_tree(tree, load_pins(tree.path, self.scene.direction))
        self.view = room_graph(self.scene, reduced_motion, "Decision tree graph, the path so far lit")

        self.content = QWidget()
        row = QHBoxLayout(self.content)
        row.addWidget(self.column)
        row.addWidget(self.view, 1)
        self.blank = QWidget()
        self.blank.setObjectName("presentBlank")
        self.blank.setAccessibleName("Blank screen (press B to show the presentation again)")
        self.pages = QStackedLayout(self)
        self.pages.addWidget(self.content)
        self.pages.addWidget(self.blank)
        self.audience: AudienceWidget | None = None  # the audience round (Q) while it runs
        self.round_after_tour = False  # the round began at the tour's end (back returns there)
        self._round_start: tuple[int, int, str] | None = None
        self._open_link = open_link
        self.notes_overlay = NotesOverlay(self)
        self._render()

    # --- keys: a keyboard or a clicker -------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if self.audience is not None and not self.blanked and key in BACK_KEYS and self._back_leaves_round():
            self.end_round()  # back from the round's first step: the tour's end, where it began
        elif self.audience is not None and not self.blanked and self.audience.handle_key(key):
            event.accept()  # a running round has every key but blanking, Esc and the notes
            return
        if key == Qt.Key.Key_Escape:
            self.end_round() if self.audience is not None else self.leave()
        elif key in BLANK_KEYS:
            self.set_blanked(not self.blanked)
        elif self.blanked and (key in FORWARD_KEYS or key in BACK_KEYS or key == Qt.Key.Key_Home):
            self.set_blanked(False)  # a step taken blind would surprise the presenter
        elif key in FORWARD_KEYS:
            self._step(self._forward)
        elif key in BACK_KEYS:
            self._step(self.presentation.back)
        elif key == Qt.Key.Key_Home:
            self._step(lambda: self.presentation.restart() or True)
        elif Qt.Key.Key_1 <= key <= Qt.Key.Key_9:
            self._step(lambda: self.presentation.choose(key - Qt.Key.Key_1))
        elif key == Qt.Key.Key_G:
            self.toggle_whole_tree()
        elif key == Qt.Key.Key_Q:
            self.start_round()
        elif key == NOTES_KEY and self.notes_enabled:
            self.set_notes_shown(not self.notes_wanted)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def _forward(self) -> bool:
        """Forward; at the end of the tour (every branch shown) a clicker goes on to the audience
        round, so a workshop runs start to finish with PageDown alone."""
        if self.presentation.forward():
            return True
        p = self.presentation
        if p.tour_done and not unavailable(p.tree):
            self.start_round(after_tour=True)
        return False

    def _back_leaves_round(self) -> bool:
        shown = self.audience
        return (
            shown is not None
            and self.round_after_tour
            and shown.entry is None
            and shown.session.state == self._round_start
        )

    def _step(self, action: Callable[[], bool]) -> None:
        if action():
            self.whole_tree = False
            self._render()

    def set_blanked(self, blanked: bool) -> None:
        self.blanked = blanked
        self.pages.setCurrentWidget(self.blank if blanked else self.audience or self.content)
        self._place_notes()
        self.slide_changed.emit()  # what the room sees changed: the console says so

    def toggle_whole_tree(self) -> None:
        self.whole_tree = not self.whole_tree
        if self.whole_tree:
            self.view.fit()
        else:
            self._focus()
        self.slide_changed.emit()

    # --- the presenter's view: the console (two screens) or the notes overlay (one, N) ---------
    def console_view(self) -> ConsoleView:
        """What the presenter's console (or the notes overlay) shows for the visible step."""
        if self.audience is not None:
            return audience_console_view(self.audience.session)
        return presentation_console_view(self.presentation, round_follows=not unavailable(self.presentation.tree))

    def notes_view(self) -> ConsoleView:
        """The notes overlay's content. The room sees the overlay too: in a round it tells
        nothing the room has not seen (no right answer, no outcome before their reveal)."""
        if self.audience is not None:
            return audience_console_view(self.audience.session, private=False)
        return self.console_view()

    # --- the audience round (Q) ----------------------------------------------------------------
    def start_round(self, after_tour: bool = False) -> None:
        """Q: a round on the tree's scenarios over the slide, or a line saying why there is none
        (the slide stays as it was). `after_tour`: forward at the tour's end started it, so back
        from its first step returns there."""
        from trainer.ui.present.audience import AudienceWidget  # it builds on this module: loaded on first use

        tree = self.presentation.tree
        reason = unavailable(tree)
        if reason:
            self.hint.setText(reason)
            self._fit_type()
            return
        self.audience = AudienceWidget(
            tree,
            self._sizes,
            lambda: self.colours,
            self.view.reduced_motion,
            self._open_link,
            scene=GraphScene(None, self.theme),
        )
        self.round_after_tour, self._round_start = after_tour, self.audience.session.state
        self.audience.changed.connect(self.slide_changed)
        self.audience.changed.connect(self._place_notes)
        self.pages.addWidget(self.audience)
        self.pages.setCurrentWidget(self.audience)
        self._place_notes()
        self.slide_changed.emit()

    def end_round(self) -> None:
        """Esc in a round: back to the slide exactly as it was."""
        shown, self.audience = self.audience, None
        if shown is not None:
            self.pages.removeWidget(shown)
            shown.deleteLater()
        self.pages.setCurrentWidget(self.blank if self.blanked else self.content)
        self._place_notes()
        self.slide_changed.emit()

    def room_status(self) -> str:
        """Anything the room sees besides the step, for a presenter who cannot see its screen."""
        if self.blanked:
            return "The room sees a blank screen (B shows the slide again)"
        if self.whole_tree:
            return "The room sees the whole tree (G returns to the current node)"
        return ""

    def set_notes_shown(self, shown: bool) -> None:
        self.notes_wanted = shown
        self._place_notes()

    def _place_notes(self) -> None:
        """The overlay over the lower part of the graph's side (the question and answers stay
        in the room's view), its type sized like the hint line; the graph frames the current
        node in the part the overlay leaves free."""
        overlay = self.notes_overlay
        covered = 0
        if self.notes_wanted and not self.blanked:
            margin = self._margin()
            left = 2 * margin + self._column_size()[0]
            area = (left, margin, max(200, self.width() - left - margin), self.height() - 2 * margin)
            overlay.show()
            overlay.place(self.notes_view(), self.colours, area, self._sizes(1.0)["small"])
            covered = min(overlay.height() + margin // 2, max(0, area[3] - 120))
        else:
            overlay.hide()
        if covered != self.view.viewportMargins().bottom():
            self.view.setViewportMargins(0, 0, 0, covered)
            QTimer.singleShot(0, self, self._reframe)

    def set_theme(self, theme: Theme | None) -> None:
        """Another presentation theme, at once (View > Presentation Theme while presenting)."""
        self.theme = theme
        self.colours = dict(theme.colours if theme is not None else COLOURS)
        self.scene.theme = theme
        self.scene.restyle()
        self._render()
        if self.audience is not None:
            self.audience.restyle(theme)

    def _focus(self, animate: bool = True) -> None:
        """The current node and where its answers lead, as large as the pane allows."""
        self.view.focus_neighbourhood(self.presentation.walk.current_id, animate, max_zoom=GRAPH_MAX_ZOOM)

    def leave(self) -> None:
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.left.emit()
        super().closeEvent(event)

    # --- rendering ---------------------------------------------------------------------------
    def highlight(self) -> Highlight:
        """The walk's lit path, and at a chosen answer the move it makes."""
        lit = walk_highlight(self.presentation.walk)
        answer = self.presentation.chosen_answer
        if answer is None or answer.next not in self.presentation.tree.nodes:
            return lit
        return Highlight(lit.current, lit.nodes | {answer.next}, lit.edges | {(lit.current or "", answer.next)})

    def _render(self) -> None:
        p, slide = self.presentation, self.presentation.slide
        node = p.node
        for view in (self.help, self.note, self.explanation, self.traps):
            view.link_colour = self.colours["link"]  # before set_markdown: links are coloured as read
        self.title.setText(p.tree.title)
        for label in self.answers:
            self.answer_box.removeWidget(label)
            label.hide()
            label.setParent(None)
            label.deleteLater()
        self.answers = []
        if isinstance(node, Question):
            self.kicker.setText(f"QUESTION {len(slide.trail) + 1}")
            self.node_text.setAccessibleName("Question")
            self.help.set_markdown(node.help)
            if slide.shows_answers:
                for index, answer in enumerate(node.answers[:9]):
                    self.answers.append(self._answer_label(index, answer.label, index == slide.chosen))
            chosen = p.chosen_answer
            self.note.set_markdown(chosen.note if chosen is not None else "")
            for widget in (self.explanation, self.traps):
                widget.set_markdown("")
            self.traps_title.hide()
        else:
            self.kicker.setText("OUTCOME")
            self.node_text.setAccessibleName("Outcome")
            for widget in (self.help, self.note):
                widget.set_markdown("")
            self.explanation.set_markdown(node.explanation if slide.shows_explanation else "")
            self.traps.set_markdown(traps_markdown(node) if slide.shows_traps else "")
            self.traps_title.setVisible(slide.shows_traps)
        self.node_text.setText(node.text)
        self.hint.setText(self._hint(node))
        self._fit_type()
        self.scene.set_masked(True, slide.seen)  # outcomes not shown on the slide yet stay "?"
        self.scene.set_highlight(self.highlight())
        if self.whole_tree:
            self.view.fit()
        else:
            self._focus()
        self._place_notes()
        self.slide_changed.emit()

    def _answer_label(self, index: int, text: str, chosen: bool) -> QLabel:
        label = _label("presentChosen" if chosen else "presentAnswer", f"Answer {index + 1}: {text}")
        # the choice is said in words and a mark, not by colour alone
        label.setText(f"{'▶ ' if chosen else ''}{index + 1}   {' '.join(text.split())}")
        label.setAccessibleDescription("chosen" if chosen else "")
        margin = max(4, round(self.height() * 0.008))
        label.setContentsMargins(margin * 2, margin, margin * 2, margin)
        self.answer_box.addWidget(label)
        label.show()  # a layout shows a new child only later: then the type fitting would not count it
        return label

    def _hint(self, node: Question | Outcome) -> str:
        slide = self.presentation.slide
        if isinstance(node, Question) and slide.stage == ANSWERS and len(node.answers) > 1:
            return (
                f"1–{min(len(node.answers), 9)} choose an answer · → next · ← back · B blank · G whole tree · Esc leave"
            )
        if self.presentation.at_end:
            if self.presentation.next_branch() is not None:
                return "End of this path · → next branch · ← back · Home start again · Esc leave"
            if not unavailable(self.presentation.tree):
                return "The whole tree has been shown · → audience round · ← back · Home start again · Esc leave"
            return "The whole tree has been shown · ← back · Home start again · Esc leave"
        return "→ next · ← back · B blank · G whole tree · Esc leave"

    # --- type sized for the room -------------------------------------------------------------
    def texts(self) -> list[QWidget]:
        """The visible text widgets of the column, top to bottom."""
        widgets: list[QWidget] = [
            self.title,
            self.kicker,
            self.node_text,
            self.help,
            *self.answers,
            self.note,
            self.explanation,
            self.traps_title,
            self.traps,
            self.hint,
        ]
        return [w for w in widgets if not w.isHidden()]

    def _margin(self) -> int:
        return max(12, round(self.height() * 0.035))

    def _column_size(self) -> tuple[int, int]:
        margin = self._margin()
        return max(200, round(self.width() * TEXT_SHARE) - margin), max(200, self.height() - 2 * margin)

    def _sizes(self, scale: float) -> dict[str, int]:
        h = max(self.height(), 300)
        return {
            "question": max(10, round(h * QUESTION_SIZE * scale)),
            "body": max(9, round(h * BODY_SIZE * scale)),
            "small": max(8, round(h * SMALL_SIZE * scale)),
        }

    def _stylesheet(self, scale: float) -> str:
        s, c = self._sizes(scale), self.colours
        return f"""
        QWidget#presentation, QWidget#presentColumn {{ background: {c["background"]}; color: {c["text"]}; }}
        QWidget#presentBlank {{ background: black; }}
        QLabel, QTextBrowser {{ color: {c["text"]}; font-size: {s["body"]}px; }}
        QLabel#presentTitle, QLabel#presentHint {{ color: {c["muted"]}; font-size: {s["small"]}px; }}
        QLabel#presentKicker {{ color: {c["accent"]}; font-size: {s["small"]}px; font-weight: 700; letter-spacing: 2px; }}
        QLabel#presentNode {{ font-size: {s["question"]}px; font-weight: 700; }}
        QTextBrowser#presentHelp {{ color: {c["muted"]}; }}
        QLabel#presentTrapsTitle {{ color: {c["accent"]}; font-weight: 700; }}
        QLabel#presentChosen {{ background: {c["chosen_bg"]}; color: {c["chosen_text"]}; font-weight: 700;
                                border-radius: 6px; }}
        """

    def needed_height(self, width: int) -> int:
        """The column's height for its texts at `width`, as laid out (spacing included)."""
        return stacked_height(self.texts(), width, self.column.layout().spacing())

    def _fit_type(self) -> None:
        """The largest type (down to MIN_SCALE) whose texts fit the column; long words that
        would not fit its width are broken by the label (word wrap) rather than clipped."""
        width, height = self._column_size()
        self.column.setFixedWidth(width)
        self.scale = fit_type(self, self._stylesheet, self.texts, lambda: self.needed_height(width) <= height, width)
        margin = self._margin()
        self.layout().setContentsMargins(0, 0, 0, 0)
        self.content.layout().setContentsMargins(margin, margin, margin, margin)
        self.content.layout().setSpacing(margin)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        for label in self.answers:
            margin = max(4, round(self.height() * 0.008))
            label.setContentsMargins(margin * 2, margin, margin * 2, margin)
        self._fit_type()
        self._place_notes()
        # the graph's pane takes its new size once the layout has run: frame it then
        QTimer.singleShot(0, self, self._reframe)

    def _reframe(self) -> None:
        if self.whole_tree:
            self.view.fit()
        else:
            self._focus(animate=False)


PRESENTATION_THEME_LABELS = {
    "dark-room": "&Dark Room",
    "bright-room": "&Bright Room",
    "high-contrast": "&High Contrast",
}


class Presenting(QObject):
    """View > Present (F5), Present On, Console On, Swap Screens and Presentation Theme.

    F5 opens the presentation of the tree being studied full screen. With two or more screens
    the presenter's console opens on another (the main window's, unless chosen otherwise); the
    choice is remembered per setup of screens (trainer/screens.py decides, WindowSettings keeps
    it). With one screen, N shows the console's notes over the slide. When the presentation is
    left, the study walk follows it: the main window shows the node the presentation ended on."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.settings = window.settings
        self.presenting: PresentationWindow | None = None
        self.console: ConsoleWindow | None = None
        menu = next((a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == "View"), None)
        if menu is None:
            menu = window.menuBar().addMenu("&View")
        menu.addSeparator()
        self.present_action = QAction("Pr&esent", window)
        self.present_action.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self.present_action.setToolTip("Show the current tree full screen for a room (F5; Esc leaves)")
        self.present_action.triggered.connect(self.present)
        menu.addAction(self.present_action)
        self.screens_menu = QMenu("Present &On", window)
        self.screens_menu.aboutToShow.connect(lambda: self._fill_screens(self.screens_menu, audience=True))
        menu.addMenu(self.screens_menu)
        self.console_menu = QMenu("Presenter &Console On", window)
        self.console_menu.aboutToShow.connect(lambda: self._fill_screens(self.console_menu, audience=False))
        menu.addMenu(self.console_menu)
        self.swap_action = QAction("S&wap Presentation and Console Screens", window)
        self.swap_action.triggered.connect(self.swap_screens)
        menu.addAction(self.swap_action)
        self.theme_menu = menu.addMenu("Presentation &Theme")
        group = QActionGroup(self)
        self.theme_actions: dict[str, QAction] = {}
        for name in PRESENTATION_THEMES:
            action = QAction(PRESENTATION_THEME_LABELS[name], window)
            action.setCheckable(True)
            action.setChecked(name == self.settings.presentation_theme)
            action.triggered.connect(lambda _checked=False, n=name: self.set_theme(n))
            group.addAction(action)
            self.theme_menu.addAction(action)
            self.theme_actions[name] = action

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
        for info, _screen in self._screens():
            action = menu.addAction(f"{info.name or 'Screen'} ({info.width}×{info.height})")
            action.setCheckable(True)
            action.setChecked(info.key == chosen)
            action.setEnabled(audience or layout.console is not None)
            slot = self.set_audience_screen if audience else self.set_console_screen
            action.triggered.connect(lambda _checked=False, k=info.key, f=slot: f(k))
            group.addAction(action)
        if not audience and layout.console is None:
            note = menu.addAction("One screen: press N while presenting to show the notes")
            note.setEnabled(False)
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
        study = self.window.study
        if study.walk is None or self.window.quizzing:
            self.window.statusBar().showMessage("Choose a tree that opens without errors to present it.", 5000)
            return None
        if self.presenting is not None:
            self.presenting.close()
        presentation = Presentation.at(study.walk)
        shown = self.presenting = PresentationWindow(
            presentation,
            reduced_motion=self.window.settings.reduced_motion,
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
        shown.notes_enabled = False
        shown.set_notes_shown(False)
        _put_on(console, screen, full_screen=False)
        console.raise_()
        console.activateWindow()
        console.setFocus()
        return console

    def _on_console_closed(self, console: ConsoleWindow) -> None:
        if self.console is console:
            self.console = None
            if self.presenting is not None:
                self.presenting.notes_enabled = True

    def _on_left(self, shown: PresentationWindow) -> None:
        """The study walk takes the presentation's answers; the main window comes back."""
        if self.presenting is shown:
            self.presenting = None
        if self.console is not None:
            self.console.close()
        study = self.window.study
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
