"""The quiz pane's pages: the item asked, the feedback on an answer, and the end screen with its
review. They only hold and lay out widgets; `QuizPane` fills them from the session.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from trainer.core.markdown import traps_markdown
from trainer.draw.wrapping import reflow
from trainer.study.feedback import RIGHT, TIMED_OUT, UNANSWERED, WRONG, Feedback, Results
from trainer.study.history_store import HIGH, LOW, MEDIUM
from trainer.ui.common.answer_button import AnswerButton
from trainer.ui.common.markdown_view import MarkdownView

RULED_OUT = "ruled out by the hint"  # tooltip and accessible description of a struck-out option
# A word and a symbol for every verdict: colour is never the only cue.
VERDICTS = {
    RIGHT: ("✓", "Right"),
    WRONG: ("✗", "Wrong"),
    TIMED_OUT: ("✗", "Time ran out"),
    UNANSWERED: ("–", "Not answered"),
}
# The optional confidence after an answer: (value, button text, key). Letters, so the 1-9 option
# keys and H (hint) keep their meaning; S is for "sure".
CONFIDENCE_CHOICES = (
    (LOW, "Low (L)", Qt.Key.Key_L),
    (MEDIUM, "Medium (M)", Qt.Key.Key_M),
    (HIGH, "High, sure (S)", Qt.Key.Key_S),
)

CHECK_MARK = "✓ "  # before the confidence chosen


# Only background and text colour: the application's sheet keeps the border, so the focus ring
# still shows on a chosen button.
def quiz_label(text: str = "", name: str = "", scale: float = 1.0, bold: bool = False) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)  # author text: never guessed as rich text
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if name:
        label.setObjectName(name)
    if scale != 1.0 or bold:
        font = QFont(label.font())
        font.setPointSizeF(font.pointSizeF() * scale)
        font.setBold(bold)
        label.setFont(font)
    return label


def scrolled(page: QWidget, name: str) -> QScrollArea:
    area = QScrollArea()
    area.setAccessibleName(name)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(page)
    return area


def bullets(lines: tuple[str, ...] | list[str]) -> str:
    return "\n".join(f"• {line}" for line in lines)


def duration_text(seconds: float) -> str:
    seconds = round(seconds)
    return f"{seconds // 60}:{seconds % 60:02d}"


def points_text(score: float) -> str:
    return f"{score:g}"


def score_text(results: Results) -> str:
    """The end screen's score; a quiz ended before any answer says so rather than "0 of 10 (0%)"."""
    if not results.answered:
        return "Nothing was answered"
    return f"Score: {points_text(results.score)} of {results.max_score} ({results.percentage:.0f}%)"


def counts_text(results: Results) -> str:
    total = len(results.items)
    if not results.answered:
        items = f"{total} item{'s' if total != 1 else ''}"
        return f"The quiz ended before its first answer: none of its {items} was answered, so there is no score."
    counts = f"✓ {results.right} right · ✗ {results.wrong} wrong"
    if results.unanswered:
        counts += f" · – {results.unanswered} not reached (of the answered items: {results.answered_percentage:.0f}%)"
    return counts


class QuestionPage(QWidget):
    def __init__(self, open_link: Callable[[QUrl], None]) -> None:
        super().__init__()
        self.prompt = quiz_label(name="quizPrompt", scale=1.35)
        self.requirements_title = quiz_label("These answers:", bold=True)
        self.requirements = quiz_label(name="quizRequirements")
        self.trail = quiz_label(name="quizTrail")
        self.question = quiz_label(name="quizQuestion", scale=1.2, bold=True)
        self.options_box = QVBoxLayout()
        self.options_box.setSpacing(8)
        self.picked = quiz_label(name="quizPicked")
        self.picked.setVisible(False)
        self.hint_button = QPushButton("Hint (H): costs half a point")
        self.hint_button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.hint_title = quiz_label("Hint", bold=True)
        self.hint = MarkdownView(self, open_link)
        self.hint.setAccessibleName("Hint")
        self.option_buttons: list[AnswerButton] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 12, 24, 16)
        layout.setSpacing(12)
        for widget in (self.prompt, self.requirements_title, self.requirements, self.trail, self.question):
            layout.addWidget(widget)
        layout.addLayout(self.options_box)
        for below in (self.picked, self.hint_button, self.hint_title, self.hint):
            layout.addWidget(below)
        layout.addStretch(1)

    def set_options(self, labels: list[str], ruled_out: tuple[int, ...], choose: Callable[[int], None]) -> None:
        for button in self.option_buttons:
            self.options_box.removeWidget(button)
            button.hide()
            button.deleteLater()
        self.option_buttons = []
        for index, text in enumerate(labels):
            button = AnswerButton(index + 1 if index < 9 else None, text, self)
            if index in ruled_out:
                button.rule_out(RULED_OUT)
            button.clicked.connect(lambda _checked=False, i=index: choose(i))
            self.options_box.addWidget(button)
            button.show()  # now, not on the layout's next turn: so it can take the focus at once
            self.option_buttons.append(button)


class FeedbackPage(QWidget):
    def __init__(self, open_link: Callable[[QUrl], None]) -> None:
        super().__init__()
        self.verdict = quiz_label(name="quizVerdict", scale=1.5, bold=True)
        self.score = quiz_label(name="quizItemScore")
        self.prompt = quiz_label(name="quizFeedbackPrompt")
        self.answer = quiz_label(name="quizYourAnswer")
        self.right = quiz_label(name="quizRightOutcome", scale=1.15, bold=True)
        self.wrong_step = quiz_label(name="quizWrongStep")
        self.note = MarkdownView(self, open_link)
        self.explanation_title = quiz_label("Why", bold=True)
        self.explanation = MarkdownView(self, open_link)
        self.traps_title = quiz_label("Tempting, but not the answer", bold=True)
        self.traps = MarkdownView(self, open_link)
        for view, name in (
            (self.note, "Note on your answer"),
            (self.explanation, "Why"),
            (self.traps, "Tempting, but not the answer"),
        ):
            view.setAccessibleName(name)
        self.next_button = QPushButton("Next (Enter)")
        self.next_button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        # Optional: how sure the learner was; it feeds the review schedule.
        self.confidence_box = QWidget()
        self.confidence_box.setObjectName("quizConfidence")
        box = QVBoxLayout(self.confidence_box)  # the question above its buttons: narrow panes
        box.setContentsMargins(0, 0, 0, 0)  # never scroll sideways to reach them
        box.addWidget(quiz_label("How sure were you? (optional)", bold=True))
        row = QHBoxLayout()
        box.addLayout(row)
        # The choice made is filled with the theme's accent and marked "✓" (colour is never the
        # only cue); palette roles, which every theme sets, so it follows a change of theme.
        self.confidence_group = QButtonGroup(self)
        self.confidence_buttons: dict[str, QPushButton] = {}
        for value, text, _key in CONFIDENCE_CHOICES:
            button = QPushButton(text)
            button.setObjectName("quizConfidenceChoice")
            button.setCheckable(True)
            button.toggled.connect(lambda checked, b=button, t=text: b.setText(f"{CHECK_MARK}{t}" if checked else t))
            button.setAccessibleName(f"How sure were you: {text}")
            button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
            self.confidence_group.addButton(button)
            self.confidence_buttons[value] = button
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 12, 24, 16)
        layout.setSpacing(10)
        for widget in (
            self.verdict,
            self.score,
            self.prompt,
            self.answer,
            self.right,
            self.wrong_step,
            self.note,
            self.explanation_title,
            self.explanation,
            self.traps_title,
            self.traps,
            self.confidence_box,
            self.next_button,
        ):
            layout.addWidget(widget)
        layout.addStretch(1)

    def confidence(self) -> str | None:
        return next((value for value, button in self.confidence_buttons.items() if button.isChecked()), None)

    def set_confidence(self, value: str | None) -> None:
        """Check one choice, or none (None)."""
        self.confidence_group.setExclusive(False)
        for key, button in self.confidence_buttons.items():
            button.setChecked(key == value)
        self.confidence_group.setExclusive(True)


def show_feedback(page: FeedbackPage, fb: Feedback) -> None:
    """Fill the feedback widgets (also used by the end screen's review)."""
    symbol, word = VERDICTS[fb.status]
    page.verdict.setText(f"{symbol} {word}")
    hinted = " (hint used)" if fb.hinted else ""
    page.score.setText(f"{points_text(fb.score)} point{'s' if fb.score != 1 else ''}{hinted}")
    page.prompt.setText(reflow(fb.prompt) + (("\n" + bullets(fb.requirements)) if fb.requirements else ""))
    page.answer.setText(f"Your answer: {fb.answer}" if fb.answer else "Your answer: none")
    page.right.setText(f"Right outcome: {fb.right_outcome_text}")
    step = fb.wrong_step
    page.wrong_step.setVisible(step is not None)
    page.note.setVisible(bool(step and step.note))
    if step is not None:
        page.wrong_step.setText(fb.astray())
        page.note.set_markdown(step.note)
    page.explanation.set_markdown(fb.explanation)
    page.explanation_title.setVisible(bool(fb.explanation.strip()))
    page.explanation.setVisible(bool(fb.explanation.strip()))
    traps = traps_markdown(fb)  # type: ignore[arg-type]  # its traps have an option and a why, as an outcome's
    page.traps.set_markdown(traps)
    page.traps_title.setVisible(bool(traps))
    page.traps.setVisible(bool(traps))


class EndPage(QWidget):
    def __init__(self, open_link: Callable[[QUrl], None]) -> None:
        super().__init__()
        self.title = quiz_label("Quiz finished", scale=1.5, bold=True)
        self.score = quiz_label(name="quizScore", scale=1.25, bold=True)
        self.counts = quiz_label(name="quizCounts")
        self.time = quiz_label(name="quizTime")
        self.retry_button = QPushButton("Retry the ones I missed")
        self.back_button = QPushButton("Back to studying")
        buttons = QHBoxLayout()
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        self.review = QListWidget()
        self.review.setObjectName("quizReview")
        self.review.setAccessibleName("Review of every item")
        self.review.setWordWrap(True)
        self.detail = FeedbackPage(open_link)
        self.detail.next_button.hide()
        self.detail.confidence_box.hide()
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.review)
        split.addWidget(scrolled(self.detail, "The reviewed item"))
        split.handle(1).setAccessibleName("Resize the review list and the reviewed item")
        split.setSizes([200, 400])
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 12, 24, 16)
        layout.setSpacing(8)
        for widget in (self.title, self.score, self.counts, self.time):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        layout.addWidget(
            quiz_label("Review: select an item to see it and light its right path in the graph", bold=True)
        )
        layout.addWidget(split, 1)
