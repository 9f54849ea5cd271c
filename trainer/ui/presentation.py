"""Presentation mode: a full-screen view of a tree for a room, and the View > Present action.

All decisions (what a step reveals, what back undoes) live in `trainer.presentation`; this
module renders its `Slide`, forwards keys (a clicker's PageDown/PageUp/B too) and sizes the type
from the window's height so that it reads from the back of a room at 1080p and 720p alike.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QGuiApplication, QKeyEvent, QKeySequence, QScreen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QSizePolicy, QStackedLayout, QVBoxLayout, QWidget

from trainer.graph_state import Highlight, walk_highlight
from trainer.markdown import traps_markdown
from trainer.model import Outcome, Question
from trainer.pins import load_pins
from trainer.presentation import ANSWERS, Presentation, answer_indexes
from trainer.ui.canvas.scene import GraphScene
from trainer.ui.canvas.view import GraphView
from trainer.ui.markdown_view import MarkdownView, open_in_browser

if TYPE_CHECKING:
    from trainer.ui.main_window import MainWindow

# Type sizes as fractions of the window's height (the question at 4.5%: 49 px at 1080p, 32 at 720p)
QUESTION_SIZE = 0.045
BODY_SIZE = 0.032
SMALL_SIZE = 0.022
SHRINK_STEP = 0.9  # a text that would not fit its box shrinks by this much at a time ...
MIN_SCALE = 0.45  # ... never below this share of its size
GRAPH_MAX_ZOOM = 2.5  # a small neighbourhood is magnified up to this to fill the graph's pane
TEXT_SHARE = 0.52  # of the window's width, for the text column (the graph has the rest)

COLOURS = {  # a dark room theme: light text on near-black (contrast well above WCAG AA)
    "background": "#111418",
    "text": "#f2f4f7",
    "muted": "#b8c0cc",
    "accent": "#ffd166",
    "chosen_bg": "#1f4e79",
}

FORWARD_KEYS = {Qt.Key.Key_Right, Qt.Key.Key_PageDown, Qt.Key.Key_Space}
BACK_KEYS = {Qt.Key.Key_Left, Qt.Key.Key_PageUp}
BLANK_KEYS = {Qt.Key.Key_B, Qt.Key.Key_Period}


def _label(name: str, accessible: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)  # author text is never HTML
    label.setWordWrap(True)
    label.setAccessibleName(accessible)
    return label


class PresentMarkdown(MarkdownView):
    """The safe Markdown view at a width the presentation sets, so that its height is known
    before the layout runs (the column is measured to choose the type size)."""

    fit_width = 0

    def height_for(self, width: int) -> int:
        doc = self.document()
        doc.setDefaultFont(self.font())
        doc.setTextWidth(width)
        return int(doc.size().height()) + 2

    def _fit_height(self) -> None:
        if not self.fit_width:
            super()._fit_height()
            return
        self.setFixedSize(self.fit_width, self.height_for(self.fit_width))


def _markdown(name: str, accessible: str, open_link: Callable[[QUrl], None]) -> PresentMarkdown:
    view = PresentMarkdown(open_link=open_link)
    view.setObjectName(name)
    view.setAccessibleName(accessible)
    view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return view


class PresentationWindow(QWidget):
    """Shows a `Presentation`; `left` is emitted when Esc leaves it (the window then closes)."""

    left = Signal()
    slide_changed = Signal()

    def __init__(self, presentation: Presentation, reduced_motion: bool = False,
                 open_link: Callable[[QUrl], None] = open_in_browser, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("presentation")
        self.setWindowTitle(f"{presentation.tree.title} — presentation")
        self.setAccessibleName("Presentation")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.presentation = presentation
        self.blanked = False
        self.whole_tree = False
        self.scale = 1.0  # the type's share of its full size after fitting (1.0: nothing shrank)

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

        self.column = QWidget()
        self.column.setObjectName("presentColumn")
        # the window's size is the screen's: the column never asks for more (its type shrinks)
        self.column.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Ignored)
        column = QVBoxLayout(self.column)
        column.setContentsMargins(0, 0, 0, 0)
        for widget in (self.title, self.kicker, self.node_text, self.help):
            column.addWidget(widget)
        column.addLayout(self.answer_box)
        for widget in (self.note, self.explanation, self.traps_title, self.traps):
            column.addWidget(widget)
        column.addStretch(1)
        column.addWidget(self.hint)

        self.scene = GraphScene(self)
        tree = presentation.tree
        self.scene.set_tree(tree, load_pins(tree.path, self.scene.direction))
        self.view = GraphView(self.scene)
        self.view.reduced_motion = reduced_motion
        self.view.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # every key is the presentation's
        self.view.setInteractive(False)  # read-only: nothing to select or drag
        self.view.setAccessibleName("Decision tree graph, the path so far lit")
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.view.minimap.hide()  # it would cover nodes; G shows the whole tree instead

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
        self._render()

    # --- keys: a keyboard or a clicker -------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        key = event.key()
        if key == Qt.Key.Key_Escape:
            self.leave()
        elif key in BLANK_KEYS:
            self.set_blanked(not self.blanked)
        elif self.blanked and (key in FORWARD_KEYS or key in BACK_KEYS or key == Qt.Key.Key_Home):
            self.set_blanked(False)  # a step taken blind would surprise the presenter
        elif key in FORWARD_KEYS:
            self._step(self.presentation.forward)
        elif key in BACK_KEYS:
            self._step(self.presentation.back)
        elif key == Qt.Key.Key_Home:
            self._step(lambda: self.presentation.restart() or True)
        elif Qt.Key.Key_1 <= key <= Qt.Key.Key_9:
            self._step(lambda: self.presentation.choose(key - Qt.Key.Key_1))
        elif key == Qt.Key.Key_G:
            self.toggle_whole_tree()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def _step(self, action: Callable[[], bool]) -> None:
        if action():
            self.whole_tree = False
            self._render()

    def set_blanked(self, blanked: bool) -> None:
        self.blanked = blanked
        self.pages.setCurrentWidget(self.blank if blanked else self.content)

    def toggle_whole_tree(self) -> None:
        self.whole_tree = not self.whole_tree
        if self.whole_tree:
            self.view.fit()
        else:
            self._focus()

    def _focus(self, animate: bool = True) -> None:
        """The current node and where its answers lead, as large as the pane allows."""
        self.view.focus_neighbourhood(self.presentation.walk.current_id, animate, max_zoom=GRAPH_MAX_ZOOM)

    def leave(self) -> None:
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
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
        self.view.scene().set_highlight(self.highlight())
        if self.whole_tree:
            self.view.fit()
        else:
            self._focus()
        self.slide_changed.emit()

    def _answer_label(self, index: int, text: str, chosen: bool) -> QLabel:
        label = _label("presentChosen" if chosen else "presentAnswer", f"Answer {index + 1}: {text}")
        # the choice is said in words and a mark, not by colour alone
        label.setText(f"{'▶ ' if chosen else ''}{index + 1}   {' '.join(text.split())}")
        label.setAccessibleDescription("chosen" if chosen else "")
        margin = max(4, round(self.height() * 0.008))
        label.setContentsMargins(margin * 2, margin, margin * 2, margin)
        self.answer_box.addWidget(label)
        return label

    def _hint(self, node: Question | Outcome) -> str:
        slide = self.presentation.slide
        if isinstance(node, Question) and slide.stage == ANSWERS and len(node.answers) > 1:
            if self.presentation.remembered.get(node.id) is None:
                return f"Press 1–{min(len(node.answers), 9)} to choose an answer · ← back · B blank · G whole tree · Esc leave"
        if self.presentation.at_end:
            return "The end of this path · ← back · Home start again · Esc leave"
        return "→ next · ← back · B blank · G whole tree · Esc leave"

    # --- type sized for the room -------------------------------------------------------------
    def texts(self) -> list[QWidget]:
        """The visible text widgets of the column, top to bottom."""
        widgets: list[QWidget] = [self.title, self.kicker, self.node_text, self.help, *self.answers, self.note,
                                  self.explanation, self.traps_title, self.traps, self.hint]
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
        s, c = self._sizes(scale), COLOURS
        return f"""
        QWidget#presentation, QWidget#presentColumn {{ background: {c['background']}; color: {c['text']}; }}
        QWidget#presentBlank {{ background: black; }}
        QLabel, QTextBrowser {{ color: {c['text']}; font-size: {s['body']}px; }}
        QLabel#presentTitle, QLabel#presentHint {{ color: {c['muted']}; font-size: {s['small']}px; }}
        QLabel#presentKicker {{ color: {c['accent']}; font-size: {s['small']}px; font-weight: 700; letter-spacing: 2px; }}
        QLabel#presentNode {{ font-size: {s['question']}px; font-weight: 700; }}
        QTextBrowser#presentHelp {{ color: {c['muted']}; }}
        QLabel#presentTrapsTitle {{ color: {c['accent']}; font-weight: 700; }}
        QLabel#presentChosen {{ background: {c['chosen_bg']}; font-weight: 700; border-radius: 6px; }}
        """

    def needed_height(self, width: int) -> int:
        """The column's height for its texts at `width`, as laid out (spacing included)."""
        spacing = self.column.layout().spacing()
        total = 0
        for widget in self.texts():
            if isinstance(widget, PresentMarkdown):
                total += widget.height_for(width)
            else:
                total += widget.heightForWidth(width)
            total += spacing
        return total

    def _fit_type(self) -> None:
        """The largest type (down to MIN_SCALE) whose texts fit the column; long words that
        would not fit its width are broken by the label (word wrap) rather than clipped."""
        width, height = self._column_size()
        self.column.setFixedWidth(width)
        scale = 1.0
        while True:
            self.setStyleSheet(self._stylesheet(scale))
            for widget in self.texts():
                widget.ensurePolished()
            if scale <= MIN_SCALE or self.needed_height(width) <= height:
                break
            scale = max(MIN_SCALE, scale * SHRINK_STEP)
        self.scale = scale
        for widget in self.texts():
            if isinstance(widget, PresentMarkdown):
                widget.fit_width = width
                widget._fit_height()
        margin = self._margin()
        self.layout().setContentsMargins(0, 0, 0, 0)
        self.content.layout().setContentsMargins(margin, margin, margin, margin)
        self.content.layout().setSpacing(margin)

    def resizeEvent(self, event) -> None:  # noqa: N802, ANN001 - Qt override
        super().resizeEvent(event)
        for label in self.answers:
            margin = max(4, round(self.height() * 0.008))
            label.setContentsMargins(margin * 2, margin, margin * 2, margin)
        self._fit_type()
        # the graph's pane takes its new size once the layout has run: frame it then
        QTimer.singleShot(0, self, self._reframe)

    def _reframe(self) -> None:
        if self.whole_tree:
            self.view.fit()
        else:
            self._focus(animate=False)


class Presenting(QObject):
    """View > Present (F5) and View > Present On: opens the presentation of the tree being
    studied, full screen on the chosen screen (the main window's by default). When it is left,
    the study walk follows it: the main window shows the node the presentation ended on."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.screen_name = ""  # "" follows the main window's screen
        self.presenting: PresentationWindow | None = None
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
        self.screens_menu.aboutToShow.connect(self._fill_screens)
        menu.addMenu(self.screens_menu)

    def _fill_screens(self) -> None:
        self.screens_menu.clear()
        group = QActionGroup(self.screens_menu)
        choices = [("", "The window's screen")] + [(s.name(), s.name() or "Screen") for s in QGuiApplication.screens()]
        for name, text in choices:
            action = self.screens_menu.addAction(text)
            action.setCheckable(True)
            action.setChecked(name == self.screen_name)
            action.triggered.connect(lambda _checked=False, n=name: setattr(self, "screen_name", n))
            group.addAction(action)

    def target_screen(self) -> QScreen | None:
        for screen in QGuiApplication.screens():
            if self.screen_name and screen.name() == self.screen_name:
                return screen
        return self.window.screen()

    def present(self) -> PresentationWindow | None:
        study = self.window.study
        if study.walk is None or self.window.quizzing:
            self.window.statusBar().showMessage("Choose a tree that opens without errors to present it.", 5000)
            return None
        if self.presenting is not None:
            self.presenting.close()
        presentation = Presentation.at(study.walk)
        shown = self.presenting = PresentationWindow(
            presentation, reduced_motion=self.window.settings.reduced_motion, parent=self.window)
        shown.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        shown.left.connect(lambda: self._on_left(shown))
        screen = self.target_screen()
        if screen is not None:
            shown.setScreen(screen)
            shown.setGeometry(screen.geometry())
        shown.showFullScreen()
        shown.raise_()
        shown.activateWindow()
        shown.setFocus()
        return shown

    def _on_left(self, shown: PresentationWindow) -> None:
        """The study walk takes the presentation's answers; the main window comes back."""
        if self.presenting is shown:
            self.presenting = None
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

