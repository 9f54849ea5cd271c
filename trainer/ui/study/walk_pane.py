"""The study pane: walks one tree question by question and shows the outcome it leads to.

All decisions live in `trainer.study.walk.Walk`; this widget renders the walk and forwards clicks and
keys to it. Author text is shown as plain text (questions, labels, outcomes) or through the safe
Markdown view (help, notes, explanations, traps), never as HTML.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from trainer.core.graph import questions_ahead, ways_to
from trainer.core.library import TreeEntry
from trainer.core.markdown import links_markdown, traps_markdown, ways_markdown
from trainer.core.model import Answer, Outcome, Question
from trainer.study.walk import Walk, carry_over
from trainer.ui.common.answer_button import AnswerButton
from trainer.ui.common.markdown_view import MarkdownView, open_in_browser
from trainer.ui.common.plain import no_mnemonic, plain_tooltip

CRUMB_CHARS = 48
CRUMBS_FIRST, CRUMBS_LAST = 2, 8  # a longer way shows its first and last answers, the rest counted
CRUMBS_HINT = "Your answers so far: click a question to go back to it"


def _label(text: str = "", name: str = "", wrap: bool = True) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)  # QLabel would otherwise guess rich text
    label.setWordWrap(wrap)
    if name:
        label.setObjectName(name)
    return label


def _scaled(widget: QWidget, factor: float) -> None:
    font = QFont(widget.font())
    font.setPointSizeF(font.pointSizeF() * factor)
    widget.setFont(font)


def _short(text: str) -> str:
    """At most CRUMB_CHARS characters, cut at a word's end with "…" (the full text is in the
    breadcrumbs' tool tip and accessible description)."""
    text = " ".join(text.split())
    if len(text) <= CRUMB_CHARS:
        return text
    cut = text[: CRUMB_CHARS - 1]
    if text[CRUMB_CHARS - 1] != " " and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:-–—") + "…"


class Callout(QFrame):
    """A titled box for the note of the answer just chosen."""

    def __init__(self, open_link: Callable[[QUrl], None]) -> None:
        super().__init__()
        self.setObjectName("callout")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        self.title = _label(name="calloutTitle")
        self.title.setStyleSheet("font-weight: 600;")
        self.body = MarkdownView(self, open_link)
        self.body.setAccessibleName("Note")
        layout.addWidget(self.title)
        layout.addWidget(self.body)

    def show_note(self, title: str, markdown: str) -> None:
        self.title.setText(title)
        self.body.setAccessibleName(title or "Note")
        self.body.set_markdown(markdown)
        self.setVisible(bool(markdown.strip()))


class WalkPage(QWidget):
    """The current node of a walk: a question with its answers, or an outcome with its why."""

    def __init__(self, open_link: Callable[[QUrl], None]) -> None:
        super().__init__()
        self.kicker = _label(name="kicker")
        self.rail = QProgressBar()  # how deep the learner is, and how much at most remains
        self.rail.setObjectName("progressRail")
        self.rail.setTextVisible(False)
        self.rail.setFixedHeight(6)
        self.rail.setAccessibleName("Progress through the tree")
        self.node_text = _label(name="nodeText")
        self.node_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        _scaled(self.node_text, 1.6)
        self.continue_button = QPushButton(self)  # made here, parented: Tab reaches it where it is seen
        self.continue_button.setObjectName("continueButton")
        self.continue_button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.continue_button.hide()
        self.note = Callout(open_link)
        self.hint_button = QPushButton("Show hint (H)")
        self.hint_button.setCheckable(True)
        self.hint_button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.hint = MarkdownView(self, open_link)
        self.hint.setAccessibleName("Hint")
        self.hint_button.toggled.connect(self._on_hint_toggled)
        self.answers_box = QVBoxLayout()
        self.answers_box.setSpacing(8)
        self.explanation_title = _label("Why", "sectionTitle")
        self.explanation = MarkdownView(self, open_link)
        self.ways_title = _label("When would I choose this?", "sectionTitle")
        self.ways = MarkdownView(self, open_link)
        self.traps_title = _label("Tempting, but not the answer", "sectionTitle")
        self.traps = MarkdownView(self, open_link)
        self.links_title = _label("Learn more", "sectionTitle")
        self.links = MarkdownView(self, open_link)
        for view, title in (
            (self.explanation, self.explanation_title),
            (self.ways, self.ways_title),
            (self.traps, self.traps_title),
            (self.links, self.links_title),
        ):
            view.setAccessibleName(title.text())  # the reader names each section by its heading
        for title in (self.explanation_title, self.ways_title, self.traps_title, self.links_title):
            title.setStyleSheet("font-weight: 600;")
            _scaled(title, 1.1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(12)
        top: tuple[QWidget, ...] = (self.kicker, self.rail, self.node_text, self.continue_button, self.note)
        for widget in (*top, self.hint_button, self.hint):
            layout.addWidget(widget)
        layout.addLayout(self.answers_box)
        for outcome_part in self._outcome_widgets():
            layout.addWidget(outcome_part)
        layout.addStretch(1)
        self.answer_buttons: list[AnswerButton] = []

    def _outcome_widgets(self) -> tuple[QWidget, ...]:
        return (
            self.explanation_title,
            self.explanation,
            self.ways_title,
            self.ways,
            self.traps_title,
            self.traps,
            self.links_title,
            self.links,
        )

    def _on_hint_toggled(self, shown: bool) -> None:
        self.hint.setVisible(shown)
        self.hint_button.setText("Hide hint (H)" if shown else "Show hint (H)")

    def show_question(self, number: int, question: Question, choose: Callable[[int], None], ahead: int = 0) -> None:
        more = ahead - 1
        self.kicker.setText(
            f"QUESTION {number}" + (f" · AT MOST {more} MORE" if more > 0 else " · LAST ONE ON THIS BRANCH")
        )
        self.rail.setRange(0, number - 1 + ahead)
        self.rail.setValue(number - 1)
        self.rail.setVisible(True)
        self.node_text.setText(question.text)
        self.node_text.setAccessibleName(f"Question {number}: {question.text}")
        self.hint.set_markdown(question.help)
        self.hint_button.setVisible(bool(question.help.strip()))
        self.hint_button.setChecked(False)
        self.hint.setVisible(False)
        self._set_answers(question, choose)
        for widget in self._outcome_widgets():
            widget.setVisible(False)
        self.continue_button.hide()

    def show_outcome(
        self, outcome: Outcome, ways: list[list[tuple[str, str]]] | None = None, next_title: str | None = None
    ) -> None:
        """`next_title`: the title of the library's tree this outcome continues in, offered as
        the next decision (None when it continues nowhere, or in a tree the library lacks)."""
        self.kicker.setText("OUTCOME")
        self.rail.setRange(0, 1)
        self.rail.setValue(1)
        self.node_text.setText(outcome.text)
        self.node_text.setAccessibleName(f"Outcome: {outcome.text}")
        self.hint_button.setVisible(False)
        self.hint.setVisible(False)
        self._set_answers(None, lambda _i: None)
        self.explanation.set_markdown(outcome.explanation)
        self.explanation_title.setVisible(bool(outcome.explanation.strip()))
        listed = ways_markdown(ways or [])
        self.ways.set_markdown(listed)
        self.ways_title.setVisible(bool(listed))
        traps, links = traps_markdown(outcome), links_markdown(outcome)
        self.traps.set_markdown(traps)
        self.traps_title.setVisible(bool(traps))
        self.links.set_markdown(links)
        self.links_title.setVisible(bool(links))
        self.continue_button.setVisible(next_title is not None)
        if next_title is not None:
            self.continue_button.setText(no_mnemonic(f"Next decision: {_short(next_title)} →"))
            tip = f"Continue in the tree “{next_title}”, from its first question"
            self.continue_button.setToolTip(plain_tooltip(tip))
            self.continue_button.setAccessibleName(f"Next decision: continue in the tree {next_title}")

    def _set_answers(self, question: Question | None, choose: Callable[[int], None]) -> None:
        for button in self.answer_buttons:
            self.answers_box.removeWidget(button)
            button.hide()  # out of sight and out of the Tab chain now, not when it is deleted
            button.deleteLater()
        self.answer_buttons = []
        if question is None:
            return
        for index, answer in enumerate(question.answers):
            button = AnswerButton(index + 1 if index < 9 else None, answer.label, self)
            button.clicked.connect(lambda _checked=False, i=index: choose(i))
            self.answers_box.addWidget(button)
            button.show()  # now, not on the layout's next turn: so it can take the focus at once
            self.answer_buttons.append(button)


class StudyPane(QWidget):
    """Walks the chosen tree. `walk_changed` fires after every move (for the title, the graph)."""

    walk_changed = Signal()
    continue_requested = Signal(str)  # the id of the tree an outcome continues in

    def __init__(self, parent: QWidget | None = None, open_link: Callable[[QUrl], None] = open_in_browser) -> None:
        super().__init__(parent)
        self.setObjectName("study")
        self.walk: Walk | None = None
        self.entry: TreeEntry | None = None
        self._held: Walk | None = None  # the walk of a file that now has errors (see `place`)
        self._ahead: dict[str, int] = {}
        self.tree_title = _label(name="treeTitle")
        _scaled(self.tree_title, 1.25)
        self.crumbs = QLabel()
        self.crumbs.setObjectName("breadcrumbs")
        self.crumbs.setTextFormat(Qt.TextFormat.RichText)  # built only from html-escaped text
        self.crumbs.setWordWrap(True)
        self.crumbs.setToolTip(CRUMBS_HINT)
        self.crumbs.linkActivated.connect(self._on_crumb_activated)
        self.back_button = QPushButton("Back")
        self.back_button.setToolTip("Go back one question (Backspace)")
        self.restart_button = QPushButton("Start again")
        self.restart_button.setToolTip("Back to the first question (Home)")
        self.back_button.clicked.connect(self.back)
        self.restart_button.clicked.connect(self.restart)
        self.page = WalkPage(open_link)
        self.page.continue_button.clicked.connect(self._on_continue_clicked)
        # the title of a usable library tree by id, or None; the library sets it
        self.find_tree: Callable[[str], str | None] = lambda _tree_id: None
        self.page_scroll = QScrollArea()
        self.page_scroll.setObjectName("studyPage")  # its focus ring: resources/styles/base.qss
        self.page_scroll.setWidgetResizable(True)
        self.page_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.page_scroll.setWidget(self.page)
        self.page_scroll.setAccessibleName("The current question or outcome")
        self.problems = QPlainTextEdit()
        self.problems.setReadOnly(True)
        self.problems.setObjectName("problems")
        self.problems.setAccessibleName("Problems in this tree file")
        self.empty = _label("Choose a tree from the library to start walking it.", "empty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        for shown in (self.empty, self.page_scroll, self.problems):
            self.stack.addWidget(shown)
        self._build_layout()
        self._install_shortcuts()
        self._render()

    def _build_layout(self) -> None:
        header = QHBoxLayout()
        header.addWidget(self.tree_title, 1)
        header.addWidget(self.back_button)
        header.addWidget(self.restart_button)
        top = QVBoxLayout()
        top.setContentsMargins(24, 16, 24, 0)
        top.addLayout(header)
        top.addWidget(self.crumbs)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)

    def _install_shortcuts(self) -> None:
        for digit in range(1, 10):
            shortcut = QShortcut(QKeySequence(str(digit)), self, context=Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(lambda d=digit: self.choose(d - 1))
        for key, slot, context in (
            (Qt.Key.Key_Backspace, self.back, Qt.ShortcutContext.WindowShortcut),
            (Qt.Key.Key_H, self._toggle_hint, Qt.ShortcutContext.WindowShortcut),
            (Qt.Key.Key_Home, self.restart, Qt.ShortcutContext.WidgetWithChildrenShortcut),
        ):
            QShortcut(QKeySequence(key), self, context=context).activated.connect(slot)

    # --- what the user does ------------------------------------------------------------------
    def set_entry(
        self, entry: TreeEntry | None, previous: Walk | None = None, ahead: dict[str, int] | None = None
    ) -> bool:
        """Show `entry` from its start, or, given the walk `previous` on an earlier version of the
        same file (hot reload), at the node that walk was on when the new tree still has it.
        False when `previous` could not be carried over (the walk starts again). While the file
        has errors, `previous` is held as `place`, so fixing the file brings the walk back.
        `ahead`: the tree's `questions_ahead`, when already worked out (off the GUI thread)."""
        self.entry = entry
        tree = entry.tree if entry is not None and entry.usable else None
        kept = previous is None
        if tree is None:
            self.walk = None
            self._held = previous
        else:
            moved = carry_over(previous, tree) if previous is not None else None
            kept = kept or moved is not None
            self.walk = moved or Walk(tree)
            self._held = None
        if self.walk is None:
            self._ahead = {}
        else:
            self._ahead = ahead if ahead is not None else questions_ahead(self.walk.tree)
        self._render()
        return kept

    @property
    def place(self) -> Walk | None:
        """The walk to carry over when the file is read again: the current one, or the one held
        while the file could not be opened."""
        return self.walk or self._held

    def choose(self, index: int) -> None:
        if self.walk is None or not 0 <= index < len(self.walk.answers()):
            return
        self.walk.choose(index)
        self._render()

    def back(self) -> None:
        if self.walk is not None and self.walk.can_go_back:
            self.walk.back()
            self._render()

    def restart(self) -> None:
        if self.walk is not None:
            self.walk.restart()
            self._render()

    def _toggle_hint(self) -> None:
        if self.page.hint_button.isVisible():
            self.page.hint_button.toggle()

    def jump_to(self, node_id: str) -> None:
        """Go to a node picked on the graph or outline; the breadcrumbs show the way there."""
        if self.walk is not None and node_id != self.walk.current_id and self.walk.jump_to(node_id):
            self._render()

    def _on_continue_clicked(self) -> None:
        node = self.walk.current if self.walk is not None else None
        if isinstance(node, Outcome) and node.continues:
            self.continue_requested.emit(node.continues)

    def _on_crumb_activated(self, link: str) -> None:
        if self.walk is not None and link.startswith("step:"):
            self.walk.back_to(int(link.split(":", 1)[1]))
            self._render()

    # --- rendering ---------------------------------------------------------------------------
    def _render(self) -> None:
        entry, walk = self.entry, self.walk
        self.back_button.setEnabled(bool(walk and walk.can_go_back))
        self.restart_button.setEnabled(bool(walk and walk.can_go_back))
        if entry is None:
            self.tree_title.setText("")
            self.crumbs.setText("")
            self.stack.setCurrentWidget(self.empty)
        elif walk is None:
            self._render_problems(entry)
        else:
            self._render_walk(walk)
        self.walk_changed.emit()

    def _render_problems(self, entry: TreeEntry) -> None:
        self.tree_title.setText(f"{entry.path.name} cannot be opened")
        self.crumbs.setText("Fix these problems in the file: it reloads here when you save it (or press Ctrl+R).")
        self.problems.setPlainText("\n".join(str(p) for p in entry.problems))
        self.stack.setCurrentWidget(self.problems)

    def _render_walk(self, walk: Walk) -> None:
        self.tree_title.setText(walk.tree.title)
        self.crumbs.setText(self._crumbs_html(walk))
        answers = _trail_ends(walk, 4 * CRUMBS_FIRST, 4 * CRUMBS_LAST)
        trail = " › ".join(_skipped(a) if isinstance(a, int) else f"{a[1].text} {a[2].label}" for a in answers)
        self.crumbs.setToolTip(plain_tooltip(f"{trail}\n{CRUMBS_HINT}" if trail else CRUMBS_HINT))  # the trail, uncut
        self.crumbs.setAccessibleDescription(trail)
        node = walk.current
        focus = QApplication.focusWidget()
        focus_here = focus is None or self.isAncestorOf(focus)  # before the old answers go
        last = walk.steps[-1].answer if walk.steps else None
        self.page.note.show_note(f"About “{last.label}”" if last else "", walk.last_note)
        if isinstance(node, Question):
            self.page.show_question(len(walk.steps) + 1, node, self.choose, self._ahead.get(node.id, 1))
        else:
            goes_on = self.find_tree(node.continues) if node.continues else None
            self.page.show_outcome(node, ways_to(walk.tree, node.id), goes_on)
        self.stack.setCurrentWidget(self.page_scroll)
        self.page_scroll.verticalScrollBar().setValue(0)
        if focus_here:  # the keys stay in the walk: the first answer, or the outcome to read
            (self.page.answer_buttons[0] if self.page.answer_buttons else self.page_scroll).setFocus()

    @staticmethod
    def _crumbs_html(walk: Walk) -> str:
        """Each answer given so far, as a link back to its question (built from escaped text)."""
        if not walk.steps:
            return "Your answers will appear here as you go."
        steps = _trail_ends(walk, CRUMBS_FIRST, CRUMBS_LAST)
        return " › ".join(html.escape(_skipped(step)) if isinstance(step, int) else _crumb(*step) for step in steps)


def _crumb(index: int, question: Question, answer: Answer) -> str:
    return f'<a href="step:{index}">{html.escape(_short(question.text))}</a> <b>{html.escape(_short(answer.label))}</b>'


def _skipped(count: int) -> str:
    return f"… {count:,} more answers …"


def _trail_ends(walk: Walk, first: int, last: int) -> list[tuple[int, Question, Answer] | int]:
    """The walk's first and last answers (index, question, answer), the count of those between
    in their place: a 100,000-step chain walked to its end made a label of 100,000 links, laid
    out at every step, so only the ends are looked up and shown."""
    count = len(walk.steps)
    skipped = count - first - last if count > first + last + 1 else 0
    kept = [*range(first), *range(count - last, count)] if skipped else range(count)
    shown: list[tuple[int, Question, Answer] | int] = []
    for index in kept:
        step = walk.steps[index]
        question = walk.tree.nodes[step.node_id]
        assert isinstance(question, Question)
        shown.append((index, question, step.answer))
    if skipped:
        shown.insert(first, skipped)
    return shown
