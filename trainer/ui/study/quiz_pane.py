"""The quiz pane: runs a `trainer.study.quiz.QuizSession` item by item and shows the end screen.

A thin front end: every decision (what to show, what is right, the score) comes from the
session. Before an item is answered the pane shows only `session.view()`, which carries no
outcome text except where the item kind offers outcomes as options. Author text is shown as plain
text or through the safe Markdown view, never as HTML.

Picking an option (click or digit key) answers at once; there is no separate confirm step.
In study mode the feedback offers an optional "How sure were you?" (Low/Medium/High, keys L, M, S);
the attempt is recorded, with that confidence, when the learner goes on (or ends the quiz, or the
window closes: `flush_pending`). In exam mode it is recorded at once, without a confidence.
Each answered item is recorded exactly once.
The owner keeps the graph in step through the signals: `tree_shown` (the tree of the item on
screen), `masking_changed` (outcomes hidden while the quiz runs, until the end screen), `told`
(the outcomes the feedback has just named, drawn named on the graph until the next item) and
`path_lit` (a right path to light).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from trainer.draw.wrapping import reflow
from trainer.study.feedback import TIMED_OUT, Feedback, Results
from trainer.study.history import open_history
from trainer.study.history_store import History
from trainer.study.quiz import Quiz, QuizSession
from trainer.ui.common.markdown_view import open_in_browser
from trainer.ui.common.typing_guard import KeyShortcuts
from trainer.ui.study.quiz_pages import (
    CONFIDENCE_CHOICES,
    VERDICTS,
    EndPage,
    FeedbackPage,
    QuestionPage,
    bullets,
    counts_text,
    duration_text,
    points_text,
    quiz_label,
    score_text,
    scrolled,
    show_feedback,
)
from trainer.ui.study.quiz_setup import KIND_NAMES

TICK_MS = 200


class QuizPane(QWidget):
    tree_shown = Signal(str)  # the tree of the item on screen: the graph should show it
    masking_changed = Signal(bool)  # True while outcomes must stay hidden
    path_lit = Signal(str, object)  # tree id, node ids of a right path to light
    # tree id, the outcomes the feedback names (`Feedback.told`; none while a question is asked)
    told = Signal(str, object)
    closed = Signal()  # "Back to studying"
    finished = Signal()  # the end screen is shown: every answer is recorded

    def __init__(
        self,
        parent: QWidget | None = None,
        open_link: Callable[[QUrl], None] = open_in_browser,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("quiz")
        self.clock = clock
        self.session: QuizSession | None = None
        self.results: Results | None = None
        self.exam = False
        self.mode = ""  # "question", "feedback", "end" or "" (no quiz)
        self._picked: int | None = None  # the option a digit key picked, answered on Enter
        self.history: History | None = None
        self._problem_shown = False
        self._item_started = 0.0
        # Study mode: the answered item on the feedback page and how long it took, recorded on going on.
        self._pending: tuple[Feedback, float] | None = None
        self.progress = quiz_label(name="quizProgress", bold=True)
        self.countdown = quiz_label(name="quizCountdown", bold=True)
        self.countdown.setAccessibleName("Time left for this item")
        self.running_score = quiz_label(name="quizRunningScore")
        self.notice = quiz_label(name="quizNotice")
        self.notice.hide()
        self.end_button = QPushButton("End quiz (Esc)")
        self.end_button.clicked.connect(self.end_quiz)
        header = QHBoxLayout()
        header.addWidget(self.progress, 1)
        header.addWidget(self.countdown)
        header.addWidget(self.end_button)
        self.question_page = QuestionPage(open_link)
        self.feedback_page = FeedbackPage(open_link)
        self.end_page = EndPage(open_link)
        self.question_scroll = scrolled(self.question_page, "The quiz item")
        self.feedback_scroll = scrolled(self.feedback_page, "How you did on this item")
        self.stack = QStackedWidget()
        for widget in (self.question_scroll, self.feedback_scroll, self.end_page):
            self.stack.addWidget(widget)
        top = QVBoxLayout()
        top.setContentsMargins(24, 12, 24, 0)
        top.addLayout(header)
        top.addWidget(self.running_score)
        top.addWidget(self.notice)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.question_page.hint_button.clicked.connect(self.use_hint)
        self.feedback_page.next_button.clicked.connect(self.next_item)
        self.end_page.retry_button.clicked.connect(self.retry_missed)
        self.end_page.back_button.clicked.connect(self.close_quiz)
        self.end_page.review.currentRowChanged.connect(self._on_review_row)
        self._install_shortcuts()

    def _install_shortcuts(self) -> None:
        """The quiz's keys, window-wide while the pane is shown, but never while a text field
        has the focus (the graph's find bar, any line edit or spin box): a key typed there is the
        field's, never a hint, a pick or an answer (`typing_guard`)."""
        keys = self._keys = KeyShortcuts(self)
        asking, answered = (lambda: self.mode == "question"), (lambda: self.mode == "feedback")
        for digit in range(1, 10):  # a digit picks an option; Enter confirms it (a click answers at once)
            keys.add(str(digit), partial(self.pick, digit - 1))
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            keys.add(key, self.confirm, when=asking)
        keys.add(Qt.Key.Key_H, self.use_hint)
        keys.add(Qt.Key.Key_Escape, self.end_quiz)
        # Enter, Space and Right go on from feedback; enabled only there, so Space still presses a focused option.
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space, Qt.Key.Key_Right):
            keys.add(key, self.next_item, when=answered)
        for value, _text, key in CONFIDENCE_CHOICES:
            keys.add(key, partial(self.set_confidence, value), when=answered)

    # --- state -----------------------------------------------------------------------------------
    @property
    def active(self) -> bool:
        return bool(self.mode)

    def _set_mode(self, mode: str) -> None:
        self.mode = mode
        self._keys.refresh()
        self._picked = None
        self.end_button.setVisible(mode in ("question", "feedback"))
        if mode != "question":
            self.timer.stop()
            self.countdown.setText("")

    # --- what the owner asks for -----------------------------------------------------------------
    def start(self, quiz: Quiz, exam: bool = False, time_limit: float = 0) -> None:
        """Run `quiz`: feedback after each item, or only at the end when `exam`."""
        self.flush_pending()
        self.exam = exam
        self.results = None
        self.session = quiz.start(clock=self.clock, time_limit=time_limit or None)
        self._open_history()
        self.masking_changed.emit(True)
        self._show_item()

    def _open_history(self) -> None:
        if self.history is None:
            self.history = open_history()
        self._check_history()

    def reopen_history(self) -> None:
        """The history file was replaced (a damaged one set aside): the next quiz opens it anew."""
        if self.history is not None:
            self.history.close()
        self.history = None
        self._problem_shown = False
        self.notice.hide()

    def _check_history(self) -> None:
        history = self.history
        if history is not None and not history.recording and not self._problem_shown:
            self._problem_shown = True
            problem = history.problem or "this attempt is not being recorded"
            self.notice.setText(f"⚠ {problem[:1].upper()}{problem[1:]}")
            self.notice.show()

    # --- the item on screen ----------------------------------------------------------------------
    def _show_item(self) -> None:
        session = self.session
        assert session is not None
        if session.done:
            self._show_end()
            return
        item = session.current
        assert item is not None
        self._item_started = self.clock()
        self._set_mode("question")
        self.told.emit(item.tree_id, frozenset())  # the last feedback's outcome is "?" again
        self.tree_shown.emit(item.tree_id)
        self.path_lit.emit(item.tree_id, ())
        self._render_question()
        if session.time_limit:
            self._tick()
            self.timer.start()
        self.stack.setCurrentWidget(self.question_scroll)
        self.question_scroll.verticalScrollBar().setValue(0)

    def _render_question(self) -> None:
        session = self.session
        assert session is not None
        view = session.view()
        page = self.question_page
        self.progress.setText(f"Item {view.number} of {view.total} · {KIND_NAMES[view.kind]}")
        self._show_running_score()
        page.prompt.setText(reflow(view.prompt))
        page.requirements_title.setVisible(bool(view.requirements))
        page.requirements.setVisible(bool(view.requirements))
        page.requirements.setText(bullets(view.requirements))
        page.trail.setVisible(bool(view.trail))
        page.trail.setText("Your answers so far:\n" + bullets(view.trail) if view.trail else "")
        page.question.setVisible(bool(view.question))
        page.question.setText(view.question)
        if view.kind == "walk":
            labels = list(view.answers)
        elif view.option_requirements:
            labels = ["\n".join(reqs) for reqs in view.option_requirements]
        else:
            labels = list(view.options)
        page.set_options(labels, view.ruled_out, self.choose)
        self._picked = None
        page.picked.setVisible(False)
        page.hint_title.setVisible(bool(view.hint))
        page.hint.setVisible(bool(view.hint))
        page.hint.set_markdown(view.hint)
        page.hint_button.setEnabled(not view.hint)
        self.focus_page()

    def _show_running_score(self) -> None:
        """The points of every item answered so far, the one just answered included (study mode)."""
        session = self.session
        assert session is not None
        answered = session.feedbacks
        self.running_score.setVisible(not self.exam)
        points = points_text(sum(f.score for f in answered))
        self.running_score.setText(f"Score so far: {points} · {len(answered)} of {len(session.quiz)} answered")

    def focus_page(self) -> None:
        """The keyboard focus where a learner acts next: the first option, Next, or the review."""
        page = self.question_page
        target = {
            "question": page.option_buttons[0] if page.option_buttons else None,
            "feedback": self.feedback_page.next_button,
            "end": self.end_page.review,
        }.get(self.mode)
        if target is not None:
            target.setFocus()

    def _tick(self) -> None:
        session = self.session
        if self.mode != "question" or session is None:
            return
        left = session.time_left()
        if left is None:
            return
        self.countdown.setText(f"Time left: {int(left + 0.999)} s")
        if left <= 0:
            self.timer.stop()
            self._answered(session.time_out())

    # --- what the learner does -------------------------------------------------------------------
    def pick(self, index: int) -> None:
        """Keyboard: mark option `index` as the one to answer with; Enter confirms it."""
        buttons = self.question_page.option_buttons
        if self.mode != "question" or not 0 <= index < len(buttons) or not buttons[index].isEnabled():
            return
        self._picked = index
        buttons[index].setFocus()
        self.question_page.picked.setText(f"Option {index + 1} picked: press Enter to answer with it, or pick another.")
        self.question_page.picked.setVisible(True)

    def confirm(self) -> None:
        if self.mode == "question" and self._picked is not None:
            self.choose(self._picked)

    def choose(self, index: int) -> None:
        session = self.session
        if self.mode != "question" or session is None or session.current is None:
            return
        buttons = self.question_page.option_buttons
        if not 0 <= index < len(buttons) or not buttons[index].isEnabled():
            return
        if session.current.kind == "walk":
            feedback = session.choose(index)
            if feedback is None:
                self._render_question()
                return
        else:
            feedback = session.answer(index)
        self._answered(feedback)

    def use_hint(self) -> None:
        session = self.session
        if self.mode != "question" or session is None:
            return
        if not session.use_hint():
            self.question_page.hint_title.setVisible(True)
            self.question_page.hint.setVisible(True)
            self.question_page.hint.set_markdown("No hint for this one (and no cost).")
            self.question_page.hint_button.setEnabled(False)
            return
        self._render_question()

    def set_confidence(self, value: str | None) -> None:
        """How sure the learner was of the answer on the feedback page (L/M/S keys or the buttons)."""
        if self.mode == "feedback":
            self.feedback_page.set_confidence(value)

    def next_item(self) -> None:
        if self.mode == "feedback":
            self.flush_pending()
            self._show_item()

    def end_quiz(self) -> None:
        """Esc: stop now with a partial score."""
        if self.mode in ("question", "feedback") and self.session is not None:
            self.flush_pending()
            self.session.end()
            self._show_end()

    def retry_missed(self) -> None:
        if self.session is None:
            return
        missed = self.session.missed()
        if missed.items:
            self.start(missed, self.exam, self.session.time_limit or 0)

    def close_quiz(self) -> None:
        self.flush_pending()
        self.timer.stop()
        self._set_mode("")
        self.session = None
        self.masking_changed.emit(False)
        self.closed.emit()

    # --- answers ---------------------------------------------------------------------------------
    def _answered(self, feedback: Feedback) -> None:
        self.timer.stop()
        duration = max(0.0, self.clock() - self._item_started)
        if self.exam:
            self._record(feedback, duration)
            self._show_item()
            return
        self._pending = (feedback, duration)
        self._set_mode("feedback")
        self._show_running_score()
        show_feedback(self.feedback_page, feedback)
        self.feedback_page.set_confidence(None)
        self.told.emit(feedback.tree_id, feedback.told)  # named in words now: on the graph too
        self.path_lit.emit(feedback.tree_id, feedback.right_path)
        self.stack.setCurrentWidget(self.feedback_scroll)
        self.feedback_scroll.verticalScrollBar().setValue(0)
        done = self.session is not None and self.session.done
        self.feedback_page.next_button.setText("See the results (Enter)" if done else "Next (Enter)")
        self.feedback_page.next_button.setFocus()

    def flush_pending(self) -> None:
        """Record the answer on the feedback page, with its confidence, if not recorded yet
        (going on, Esc, closing the quiz or the window). Safe to call at any time."""
        pending, self._pending = self._pending, None
        if pending is not None:
            feedback, duration = pending
            self._record(feedback, duration, self.feedback_page.confidence())

    def _record(self, fb: Feedback, duration: float, confidence: str | None = None) -> None:
        if self.history is None:
            return
        self.history.record(
            fb.tree_id,
            fb.key,
            fb.kind,
            correct=fb.right,
            score=fb.score,
            hint_used=fb.hinted,
            timed_out=fb.status == TIMED_OUT,
            confidence=confidence,
            duration_s=duration,
        )
        self._check_history()

    # --- the end screen --------------------------------------------------------------------------
    def _show_end(self) -> None:
        session = self.session
        assert session is not None
        self._set_mode("end")
        self.results = results = session.results()
        self.masking_changed.emit(False)
        page = self.end_page
        self.progress.setText("Results")
        self.running_score.hide()
        page.title.setText("Quiz ended early" if results.unanswered else "Quiz finished")
        page.score.setText(score_text(results))
        page.counts.setText(counts_text(results))
        page.time.setText(f"Time: {duration_text(results.elapsed)} · seed {session.quiz.seed}")
        page.retry_button.setEnabled(bool(session.missed().items))
        page.review.blockSignals(True)
        page.review.clear()
        for number, fb in enumerate(results.items, 1):
            symbol, word = VERDICTS[fb.status]
            prompt = " ".join(fb.prompt.split())
            row = QListWidgetItem(f"{symbol} {word} · {number}. {prompt}")
            row.setToolTip(f"{word}: item {number}")
            page.review.addItem(row)
        page.review.blockSignals(False)
        self.stack.setCurrentWidget(page)
        if results.items:
            page.review.setCurrentRow(0)
        page.review.setFocus()
        self.finished.emit()

    def _on_review_row(self, row: int) -> None:
        if self.results is None or not 0 <= row < len(self.results.items):
            return
        fb = self.results.items[row]
        show_feedback(self.end_page.detail, fb)
        self.tree_shown.emit(fb.tree_id)
        self.path_lit.emit(fb.tree_id, fb.right_path)
