"""Presentation mode: a full-screen view of a tree for a room (View > Present opens it:
`trainer.ui.present.presenting`).

All decisions (what a step reveals, what back undoes) live in `trainer.present.presentation`; this
module renders its `Slide`, maps keys to what they do through one table (a clicker's
PageDown/PageUp/B too), and sizes the type from the window's height so that it reads from the
back of a room at 1080p and 720p alike. Q starts an audience round over the slide.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QPixmap, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStackedLayout, QVBoxLayout, QWidget

from trainer.core.markdown import traps_markdown
from trainer.core.model import Question
from trainer.draw.pins import load_pins
from trainer.draw.themes import Theme
from trainer.present.audience import unavailable
from trainer.present.console_view import ConsoleView, audience_console_view, presentation_console_view, slide_keys
from trainer.present.presentation import Presentation
from trainer.study.walk import Highlight, walk_highlight
from trainer.ui.canvas.scene import GraphScene
from trainer.ui.common.markdown_view import open_in_browser
from trainer.ui.common.plain import window_title
from trainer.ui.present.audience import AudienceWidget
from trainer.ui.present.console import NotesOverlay
from trainer.ui.present.keys import (
    BACK_KEYS,
    BLANK,
    BLANK_KEYS,
    DIGIT_KEYS,
    FORWARD_KEYS,
    NOTES_KEY,
    ROUND,
    SLIDE,
    KeyBinding,
    digit,
    dispatch,
)
from trainer.ui.present.room import (
    GRAPH_MAX_ZOOM,
    TEXT_SHARE,
    PresentMarkdown,
    answer_label,
    fit_type,
    layout_of,
    room_graph,
    room_markdown,
    stacked_height,
    text_column,
)
from trainer.ui.present.room import label as _label  # plain text: author text is never HTML
from trainer.ui.present.slide_pictures import SlidePictures
from trainer.ui.present.stylesheets import COLOURS, presentation_theme, slide_stylesheet

# Type sizes as fractions of the window's height (the question at 4.5%: 49 px at 1080p, 32 at 720p)
QUESTION_SIZE = 0.045
BODY_SIZE = 0.032
SMALL_SIZE = 0.022

STEP_KEYS = FORWARD_KEYS | BACK_KEYS | {Qt.Key.Key_Home}


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
        self.setWindowTitle(window_title(f"{presentation.tree.title} — presentation"))
        self.setAccessibleName("Presentation")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.presentation = presentation
        self.blanked = False
        self.whole_tree = False
        self.scale = 1.0  # the type's share of its full size after fitting (1.0: nothing shrank)
        self.theme = theme or presentation_theme()
        self.colours = dict(self.theme.colours if self.theme is not None else COLOURS)
        self.notes_enabled = True  # N shows the notes overlay (off while a console shows them)
        self.console_open = False  # a presenter console shows the keys and notes: the room neither
        self._pictures: SlidePictures[PresentationWindow] | None = None  # the console's pictures of the slides
        self.notes_wanted = False  # the presenter asked for the overlay (hidden while blanked)

        self.title = _label("presentTitle", "Tree title")
        self.kicker = _label("presentKicker", "Step")
        self.node_text = _label("presentNode", "Question")
        self.help: PresentMarkdown = room_markdown("presentHelp", "Help", open_link)
        self.answers: list[QLabel] = []
        self.answer_box = QVBoxLayout()
        self.note: PresentMarkdown = room_markdown("presentNote", "Note on the chosen answer", open_link)
        self.explanation: PresentMarkdown = room_markdown("presentExplanation", "Explanation", open_link)
        self.traps_title = _label("presentTrapsTitle", "Traps heading")
        self.traps_title.setText("Tempting, but not the answer")
        self.traps: PresentMarkdown = room_markdown("presentTraps", "Traps", open_link)
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
        self.keys = self._key_table()
        self._render()

    # --- keys: a keyboard or a clicker -------------------------------------------------------
    def _key_table(self) -> tuple[KeyBinding, ...]:
        """Every key of the presentation, in the order a key is offered. A running round (not
        blanked) has every key it has a use for; the others (Esc, blanking, the notes) fall
        through to the rows below it. Blanked, a step key only shows the room its screen again:
        a step taken blind would surprise the presenter."""
        p = self.presentation
        return (
            KeyBinding(BACK_KEYS, lambda _key: self._leave_round_backwards(), {ROUND}, self._back_leaves_round),
            KeyBinding(None, self._round_key, {ROUND}),
            KeyBinding({Qt.Key.Key_Escape}, lambda _key: self._escape()),
            KeyBinding(BLANK_KEYS, lambda _key: self.set_blanked(not self.blanked)),
            KeyBinding(STEP_KEYS, lambda _key: self.set_blanked(False), {BLANK}),
            KeyBinding(FORWARD_KEYS, lambda _key: self._step(self._forward)),
            KeyBinding(BACK_KEYS, lambda _key: self._step(p.back)),
            KeyBinding({Qt.Key.Key_Home}, lambda _key: self._step(self._restart)),
            KeyBinding(DIGIT_KEYS, lambda key: self._step(lambda: p.choose(digit(key)))),
            KeyBinding({Qt.Key.Key_G}, lambda _key: self.toggle_whole_tree()),
            KeyBinding({Qt.Key.Key_Q}, lambda _key: self.start_round()),
            KeyBinding({NOTES_KEY}, lambda _key: self.set_notes_shown(not self.notes_wanted), when=self._notes_allowed),
        )

    @property
    def screen_shown(self) -> str:
        """What the room sees: the blank screen, the audience round, or the slide."""
        if self.blanked:
            return BLANK
        return ROUND if self.audience is not None else SLIDE

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if dispatch(self.keys, event.key(), event.modifiers(), self.screen_shown):
            event.accept()
        else:
            super().keyPressEvent(event)

    def _round_key(self, key: int) -> bool:
        return self.audience is not None and self.audience.handle_key(key)

    def _leave_round_backwards(self) -> None:
        """Back from the round's first step: the round ends, and the slide steps back."""
        self.end_round()
        self._step(self.presentation.back)

    def _restart(self) -> bool:
        self.presentation.restart()
        return True

    def _escape(self) -> None:
        """Esc ends a running round (back to the slide as it was), or leaves the presentation."""
        if self.audience is not None:
            self.end_round()
        else:
            self.leave()

    def _notes_allowed(self) -> bool:
        return self.notes_enabled

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
        self._place_notes()  # beside the whole tree when that draws it larger
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

    def set_console_open(self, open_: bool) -> None:
        """A presenter console opened (or closed): it shows the keys and the notes, so the
        room's screen shows no key hints and no notes overlay while it is open."""
        self.console_open = open_
        self.notes_enabled = not open_
        self.notes_wanted = self.notes_wanted and not open_
        if self.audience is not None:
            self.audience.hints_shown = not open_
            self.audience.refresh()
        self._render()

    def key_hint(self) -> str:
        """The keys of the step shown (the console shows them when the room does not)."""
        return self.audience.hint.text() if self.audience is not None else self.hint.text()

    def slide_pictures(self, width: int) -> tuple[QPixmap, QPixmap | None]:
        """The room's screen now and the slide forward will show (None: no slide follows, or a
        round runs), `width` pixels wide: the console's pictures, made when the step changes."""
        if self._pictures is None:
            self._pictures = SlidePictures(self._preview_window, PresentationWindow._show_state)
        ahead = None if self.audience is not None else self._pictures.next(self.presentation, self.size(), width)
        return self._pictures.now(self, width), ahead

    def _preview_window(self, presentation: Presentation) -> PresentationWindow:
        preview = PresentationWindow(presentation, True, self._open_link, self, self.theme)
        preview.set_console_open(True)  # drawn as the room sees it with a console: no key hints
        return preview

    def _show_state(self, presentation: Presentation) -> None:
        self.presentation = presentation
        self._render()
        self._reframe()

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
        tree = self.presentation.tree
        reason = unavailable(tree)
        if reason:
            self.hint.setText(reason)
            self.hint.show()  # a message, not a key hint: the room and the console both say it
            self._fit_type()
            self.slide_changed.emit()
            return
        self.audience = AudienceWidget(
            tree,
            self._sizes,
            lambda: self.colours,
            self.view.reduced_motion,
            self._open_link,
            scene=GraphScene(None, self.theme),
            hints=not self.console_open,
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
        """The overlay over the graph's side (the question and answers stay in the room's view),
        its type sized like the hint line; the graph frames what it shows in the part the overlay
        leaves free (`NotesOverlay.place_over`: below, or beside the whole tree)."""
        margins = (0, 0, 0, 0)
        if self.notes_wanted and not self.blanked:
            margin, left = self._margin(), 2 * self._margin() + self._column_size()[0]
            area = (left, margin, max(200, self.width() - left - margin), self.height() - 2 * margin)
            self.notes_overlay.show()
            size, whole = self._sizes(1.0)["small"], self.whole_tree and self.audience is None
            margins = self.notes_overlay.place_over(self.view, self.notes_view(), self.colours, area, size, whole)
        else:
            self.notes_overlay.hide()
        current = self.view.viewportMargins()
        if margins != (current.left(), current.top(), current.right(), current.bottom()):
            self.view.setViewportMargins(*margins)
            QTimer.singleShot(0, self, self._reframe)

    def set_theme(self, theme: Theme | None) -> None:
        """Another presentation theme, at once (View > Presentation Theme while presenting)."""
        self.theme = theme
        self.colours = dict(theme.colours if theme is not None else COLOURS)
        self.scene.theme = theme
        self.scene.restyle()
        if self._pictures is not None:
            self._pictures.drop()  # the next slide's picture takes the new theme
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
        self.hint.setText(slide_keys(p, round_follows=not unavailable(p.tree)))
        self.hint.setVisible(not self.console_open)
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
        label = answer_label(index, text, chosen, max(4, round(self.height() * 0.008)))
        self.answer_box.addWidget(label)
        label.show()  # a layout shows a new child only later: then the type fitting would not count it
        return label

    # --- type sized for the room -------------------------------------------------------------
    def texts(self) -> list[QWidget]:
        """The visible text widgets of the column, top to bottom."""
        widgets: list[QWidget] = [self.title, self.kicker, self.node_text, self.help, *self.answers]
        widgets += [self.note, self.explanation, self.traps_title, self.traps, self.hint]
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
        return slide_stylesheet(self.colours, self._sizes(scale))

    def needed_height(self, width: int) -> int:
        """The column's height for its texts at `width`, as laid out (spacing included)."""
        return stacked_height(self.texts(), width, layout_of(self.column).spacing())

    def _fit_type(self) -> None:
        """The largest type (down to MIN_SCALE) whose texts fit the column; long words that
        would not fit its width are broken by the label (word wrap) rather than clipped."""
        width, height = self._column_size()
        self.column.setFixedWidth(width)
        self.scale = fit_type(self, self._stylesheet, self.texts, lambda: self.needed_height(width) <= height, width)
        margin = self._margin()
        layout_of(self).setContentsMargins(0, 0, 0, 0)
        layout_of(self.content).setContentsMargins(margin, margin, margin, margin)
        layout_of(self.content).setSpacing(margin)

    def resizeEvent(self, event: QResizeEvent) -> None:
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
