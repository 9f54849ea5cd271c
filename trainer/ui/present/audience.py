"""The audience round on the presentation (Q): a page of the `PresentationWindow`.

All decisions (which answers are right, what a step shows, the countdown's time, the typed
tally) live in `trainer.present.audience`; this module renders its `RoundView` and forwards the keys
the presentation hands it while a round runs. Colours and type sizes come from the window at
each render, so the round follows the presentation's theme and the screen's height.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from trainer.core.model import Question, Tree
from trainer.draw.pins import load_pins
from trainer.draw.themes import Theme
from trainer.present.audience import ASK, REVEAL, AudienceRound, AudienceSession, RoundView, letter
from trainer.present.presentation import EXPLANATION, OUTCOME, TRAPS
from trainer.present.vote import Countdown, TallyEntry
from trainer.study.scenario_routes import ScenarioRoute
from trainer.ui.canvas.scene import GraphScene
from trainer.ui.common.markdown_view import open_in_browser
from trainer.ui.present.keys import (
    BACK_KEYS,
    BLANK_KEYS,
    DIGIT_KEYS,
    ENTER_KEYS,
    FORWARD_KEYS,
    KeyBinding,
    digit,
    dispatch,
)
from trainer.ui.present.room import (
    GRAPH_MAX_ZOOM,
    TEXT_SHARE,
    fit_type,
    layout_of,
    room_graph,
    room_markdown,
    stacked_height,
    text_column,
)
from trainer.ui.present.room import label as _label  # plain text: author text is never HTML
from trainer.ui.present.stylesheets import audience_stylesheet
from trainer.ui.present.tally_chart import TallyChart

COUNTDOWN_SECONDS = 30.0
TICK_MS = 200  # the countdown's repaint (it reads the clock, so a late tick shows the right time)
SIDE_SHARE = 0.6  # the countdown and the chart take at most this share of the graph's pane
TALLY_DIGITS: dict[int, str] = {Qt.Key.Key_0 + d: str(d) for d in range(10)}


class AudienceWidget(QWidget):
    """The audience rounds of a tree (an `AudienceSession`: one round per scenario, each kept
    with its tallies), the vote's countdown, the tally entry and a graph whose outcomes stay
    masked until the outcome is revealed. `changed` follows every visible step (the console
    refreshes on it)."""

    changed = Signal()

    def __init__(
        self,
        tree: Tree,
        sizes: Callable[[float], dict[str, int]],
        colours: Callable[[], dict[str, str]],
        reduced_motion: bool = False,
        open_link: Callable[[QUrl], None] = open_in_browser,
        countdown_seconds: float = COUNTDOWN_SECONDS,
        clock: Callable[[], float] = time.monotonic,
        scene: GraphScene | None = None,
        parent: QWidget | None = None,
        hints: bool = True,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("audience")
        self.setAccessibleName("Audience round")
        self.tree = tree
        self.sizes = sizes
        self.colours = colours
        self.session = AudienceSession(tree)
        self.countdown = Countdown(countdown_seconds, clock)
        self.entry: TallyEntry | None = None
        self.whole_tree = False
        self.scale = 1.0
        self._asked: tuple[int, int] | None = None  # (scenario, question index) the countdown belongs to

        self.kicker = _label("audienceKicker", "Step")
        self.prompt = _label("audiencePrompt", "Scenario")
        self.trail = _label("audienceTrail", "The way so far")
        self.question = _label("audienceQuestion", "Question")
        self.answers: list[QLabel] = []  # the current question's, in order
        self._answer_labels: list[QLabel] = []
        self.answer_box = QVBoxLayout()
        self.notes = room_markdown("audienceNotes", "Notes on the right answers", open_link)
        self.followed = _label("audienceFollowed", "The answer the round goes on with")
        self.outcome = _label("audienceOutcome", "Outcome")
        self.explanation = room_markdown("audienceExplanation", "Explanation", open_link)
        self.traps_title = _label("audienceTrapsTitle", "Traps heading")
        self.traps_title.setText("Tempting, but not the answer")
        self.traps = room_markdown("audienceTraps", "Traps", open_link)
        self.hint = _label("audienceHint", "Keys")
        self.hints_shown = hints  # False while a presenter console shows the keys instead

        self.column = text_column(
            "audienceColumn",
            (self.kicker, self.prompt, self.trail, self.question),
            self.answer_box,
            (self.followed, self.notes, self.outcome, self.explanation, self.traps_title, self.traps),
            self.hint,
        )

        self.scene = scene if scene is not None else GraphScene(self)
        self.side = self._side(reduced_motion)
        row = QHBoxLayout(self)
        row.addWidget(self.column)
        row.addWidget(self.side, 1)

        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.round_keys, self.entry_keys = self._round_keys(), self._entry_keys()
        self.refresh()

    def _side(self, reduced_motion: bool) -> QWidget:
        """Beside the text: the countdown and the room's votes above the graph, whose outcomes
        are "?" until the round reveals its own."""
        self.countdown_label = _label("audienceCountdown", "Countdown")
        self.countdown_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.chart_title = _label("audienceChartTitle", "Votes")
        self.chart = TallyChart()
        self.chart.clicked.connect(self.open_entry)
        self.scene.setParent(self)
        self.scene.mask_words = "not revealed yet"
        self.scene.set_masked(True)
        self.scene.set_tree(self.tree, load_pins(self.tree.path, self.scene.direction))  # drawn as on the slide
        self.view = room_graph(self.scene, reduced_motion, "Decision tree graph, the scenario's way so far lit")
        side = QWidget()
        side.setObjectName("audienceSide")
        column = QVBoxLayout(side)
        column.setContentsMargins(0, 0, 0, 0)
        for widget in (self.countdown_label, self.chart_title, self.chart):
            column.addWidget(widget)
        column.addWidget(self.view, 1)
        return side

    # --- the round being shown -----------------------------------------------------------------
    @property
    def round(self) -> AudienceRound:
        return self.session.round

    @property
    def scenario(self) -> int:
        return self.session.current

    @property
    def routes(self) -> list[ScenarioRoute]:
        return self.session.routes

    def choose_scenario(self, index: int) -> bool:
        return self.session.choose(index)

    def restyle(self, theme: Theme | None) -> None:
        """Another presentation theme: the graph's colours from it, the rest from `colours`."""
        self.scene.theme = theme
        self.scene.restyle()
        self.refresh()

    # --- keys, handed over by the presentation window ------------------------------------------
    def _round_keys(self) -> tuple[KeyBinding, ...]:
        """The round's keys while no tally is being typed: the clicker's forward and back, Home,
        Q and 1–9 for a scenario, C the countdown, T the tally, G the whole tree."""
        session = self.session
        return (
            KeyBinding(FORWARD_KEYS, lambda _key: self._step(session.forward)),
            KeyBinding(BACK_KEYS, lambda _key: self._step(session.back)),
            KeyBinding(DIGIT_KEYS, lambda key: self._step(lambda: session.choose(digit(key)))),
            KeyBinding({Qt.Key.Key_Home}, lambda _key: self._step(self._restart_round)),
            KeyBinding({Qt.Key.Key_Q}, lambda _key: self._step(session.next_scenario)),
            KeyBinding({Qt.Key.Key_C}, lambda _key: self.toggle_countdown()),
            KeyBinding({Qt.Key.Key_T}, lambda _key: self.open_entry(0)),
            KeyBinding({Qt.Key.Key_G}, lambda _key: self.toggle_whole_tree()),
        )

    def _entry_keys(self) -> tuple[KeyBinding, ...]:
        """The keys while the room's votes are typed: digits, Backspace, Tab or Enter to the next
        letter (Enter on the last keeps them), a clicker's forward keeps them, Esc cancels; the
        window still blanks, and every other key waits."""
        return (
            KeyBinding(TALLY_DIGITS, lambda key: self._edit_entry(lambda entry: entry.type(TALLY_DIGITS[key]))),
            KeyBinding({Qt.Key.Key_Backspace}, lambda _key: self._edit_entry(TallyEntry.backspace)),
            KeyBinding({Qt.Key.Key_Tab}, lambda _key: self._edit_entry(TallyEntry.cycle)),
            KeyBinding(ENTER_KEYS, lambda _key: self._next_in_entry()),
            KeyBinding(FORWARD_KEYS, lambda _key: self.commit_entry()),
            KeyBinding({Qt.Key.Key_Escape}, lambda _key: self.cancel_entry()),
            KeyBinding(None, lambda key: key not in BLANK_KEYS),
        )

    def _restart_round(self) -> bool:
        self.round.restart()
        return True

    def handle_key(self, key: int) -> bool:
        """Act on a key; False for keys the round leaves to the window: Esc (which ends the
        round) unless a tally is being typed, blanking (B, '.'), and keys it has no use for."""
        return dispatch(self.entry_keys if self.entry is not None else self.round_keys, key)

    def _edit_entry(self, edit: Callable[[TallyEntry], object]) -> None:
        assert self.entry is not None
        edit(self.entry)
        self.refresh()

    def _next_in_entry(self) -> None:
        """Enter: the next letter's count, or past the last one the tally as typed."""
        assert self.entry is not None
        if self.entry.next():
            self.refresh()
        else:
            self.commit_entry()

    def cancel_entry(self) -> None:
        self.entry = None  # the chart as it was
        self.refresh()

    def toggle_whole_tree(self) -> None:
        self.whole_tree = not self.whole_tree
        self._frame()

    def _step(self, action: Callable[[], bool]) -> None:
        if action():
            self.whole_tree = False
            self.refresh()

    def toggle_countdown(self) -> None:
        """C: start, pause or resume the vote's countdown (at a question only)."""
        if not isinstance(self.round.node, Question):
            return
        self.countdown.toggle()
        self._show_countdown()

    def open_entry(self, index: int = 0) -> None:
        """T or a click on the chart or an answer: type the room's votes per letter."""
        node = self.round.node
        if not isinstance(node, Question):
            return
        view = self.round.view
        self.entry = TallyEntry.start(len(view.answers), view.tally)
        self.entry.current = max(0, min(index, len(view.answers) - 1))
        self.refresh()

    def commit_entry(self) -> None:
        if self.entry is not None:
            self.round.set_tallies(self.entry.counts())
            self.entry = None
            self.refresh()

    # --- rendering -------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Show the round's current step (every change to the round ends here)."""
        r = self.round
        view = r.view
        asked = (self.scenario, r.index)
        if asked != self._asked:  # a new question gets a fresh countdown
            self._asked = asked
            self.countdown.reset()
        self.kicker.setText(self._kicker(view))
        self.prompt.setText(view.prompt)
        self.trail.setText("So far: " + " · ".join(view.trail) if view.trail else "")
        self.trail.setVisible(bool(view.trail))
        self._show_answers(view)
        on_question = view.stage in (ASK, REVEAL)
        self.question.setText(view.question)
        self.question.setVisible(on_question)
        for markdown in (self.notes, self.explanation, self.traps):
            markdown.link_colour = self.colours().get("link", "")  # the theme's, as the slide's are
        self.notes.set_markdown("\n\n".join(f"**{a.letter}**: {a.note}" for a in view.answers if a.note))
        right = sum(1 for a in view.answers if a.right)
        self.followed.setText(
            f"{'Both' if right == 2 else 'All'} lead there; the round goes on with {view.followed}"
            if view.followed
            else ""
        )
        self.followed.setVisible(bool(view.followed))
        self.outcome.setText(view.outcome)
        self.outcome.setVisible(bool(view.outcome))
        self.explanation.set_markdown(view.explanation)
        self.traps.set_markdown(view.traps)
        self.traps_title.setVisible(bool(view.traps))
        self.hint.setText(self._hint(view))
        self.hint.setVisible(self.hints_shown)
        self._show_chart(view)
        self._show_countdown()
        self._fit_type()
        # only the scenario's outcome, once revealed: the others are the answers of scenarios to come
        self.scene.set_masked(
            True, frozenset({view.node_id}) if view.stage in (OUTCOME, EXPLANATION, TRAPS) else frozenset()
        )
        self.scene.set_highlight(r.highlight())
        self._frame()
        self.changed.emit()

    def _kicker(self, view: RoundView) -> str:
        scenario = f"SCENARIO {view.scenario} OF {view.scenarios}"
        if view.stage == ASK:
            return f"{scenario} · QUESTION {view.number} OF {view.count} · VOTE"
        if view.stage == REVEAL:
            return f"{scenario} · QUESTION {view.number} OF {view.count} · ANSWER"
        return f"{scenario} · OUTCOME"

    def _show_answers(self, view: RoundView) -> None:
        """The lettered answers; the labels are kept and reused (a round's questions differ only
        in how many answers they have)."""
        while len(self._answer_labels) < len(view.answers):
            label = _label("audienceAnswer", "")
            label.installEventFilter(self)  # a click types this answer's votes
            label.setProperty("answer_index", len(self._answer_labels))
            self.answer_box.addWidget(label)
            self._answer_labels.append(label)
        self.answers = self._answer_labels[: len(view.answers)]
        for label in self._answer_labels[len(view.answers) :]:
            label.hide()
        margin = max(4, round(self.height() * 0.008))
        for label, answer in zip(self.answers, view.answers, strict=True):
            if answer.right:
                name, text, said = "audienceRight", f"✓ {answer.letter}   {answer.label} — right", "right"
            elif answer.right is False:
                name, text, said = "audienceOther", f"{answer.letter}   {answer.label}", "not right"
            else:
                name, text, said = "audienceAnswer", f"{answer.letter}   {answer.label}", ""
            label.setObjectName(name)  # styled when _fit_type sets the stylesheet again
            label.setText(text)  # the right answer says so in words and a tick, not by colour alone
            label.setAccessibleName(f"Answer {answer.letter}: {answer.label}")
            label.setAccessibleDescription(said)
            label.setContentsMargins(margin * 2, margin, margin * 2, margin)
            label.show()

    def _show_chart(self, view: RoundView) -> None:
        entry = self.entry
        counts = tuple(entry.counts()) if entry is not None else view.tally
        shown = counts is not None and bool(view.answers)
        self.chart.setVisible(shown)
        self.chart_title.setVisible(shown)
        if not shown:
            return
        assert counts is not None
        if entry is not None:
            self.chart_title.setText(f"Type the votes for {letter(entry.current)} · Tab or Enter: next · Esc: cancel")
        else:
            total = sum(counts)
            self.chart_title.setText(f"The room's votes ({total} in all) · T to change")
        right = tuple(a.right for a in view.answers)
        self.chart.show_counts(
            counts, entry.current if entry else None, entry.typed if entry else None, right, self.colours()["accent"]
        )

    def _show_countdown(self) -> None:
        shown = self.countdown.shown
        self.countdown_label.setVisible(shown)
        self.countdown_label.setText(self.countdown.text if shown else "")
        self.countdown_label.setAccessibleDescription("time's up" if self.countdown.expired else "")
        if self.countdown.running and not self.timer.isActive():
            self.timer.start()

    def _tick(self) -> None:
        self._show_countdown()
        if not self.countdown.running:
            self.timer.stop()

    def _hint(self, view: RoundView) -> str:
        choose = f" · Q or 1–{min(len(self.routes), 9)} scenario" if len(self.routes) > 1 else ""
        if view.stage == ASK:
            return f"→ reveal · ← back · T votes · C countdown{choose} · Esc end the round"
        if self.session.at_end:
            return f"The end of the last scenario · ← back{choose} · Esc end the round"
        if self.round.at_end:
            return f"→ the next scenario · ← back{choose} · Esc end the round"
        return f"→ next · ← back{choose} · Esc end the round"

    def _frame(self, animate: bool = True) -> None:
        if self.whole_tree:
            self.view.fit()
        else:
            self.view.focus_neighbourhood(self.round.node.id, animate, max_zoom=GRAPH_MAX_ZOOM)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        index = watched.property("answer_index") if isinstance(watched, QLabel) else None
        if event.type() == QEvent.Type.MouseButtonPress and index is not None and self.round.stage == ASK:
            self.open_entry(int(index))
            return True
        return super().eventFilter(watched, event)

    # --- type sized for the room ---------------------------------------------------------------
    def texts(self) -> list[QWidget]:
        """The visible text widgets of the column, top to bottom."""
        widgets: list[QWidget] = [
            self.kicker,
            self.prompt,
            self.trail,
            self.question,
            *self.answers,
            self.followed,
            self.notes,
            self.outcome,
            self.explanation,
            self.traps_title,
            self.traps,
            self.hint,
        ]
        return [w for w in widgets if not w.isHidden()]

    def side_texts(self) -> list[QLabel]:
        """The visible labels beside the graph: the countdown and the chart."""
        chart = self.chart.labels() if not self.chart.isHidden() else []  # a hidden chart holds stale rows
        widgets = [self.countdown_label, self.chart_title, *chart]
        return [w for w in widgets if not w.isHidden()]

    def margin(self) -> int:
        return round(self.sizes(1.0)["small"] * 1.5)

    def _column_size(self) -> tuple[int, int]:
        margin = self.margin()
        return max(200, round(self.width() * TEXT_SHARE) - margin), max(200, self.height() - 2 * margin)

    def _side_size(self) -> tuple[int, int]:
        margin = self.margin()
        width = max(120, self.width() - self._column_size()[0] - 3 * margin)
        return width, round((self.height() - 2 * margin) * SIDE_SHARE)

    def _side_height(self, width: int) -> int:
        rows = sum(
            max(n.sizeHint().height(), c.sizeHint().height())
            for n, _, c in self.chart.rows
            if not n.isHidden() and not self.chart.isHidden()
        )
        rows += self.chart.grid.verticalSpacing() * max(0, len(self.chart.labels()) // 2 - 1)
        heads = [w for w in (self.countdown_label, self.chart_title) if not w.isHidden()]
        return rows + stacked_height(heads, width, layout_of(self.side).spacing())

    def _fit_type(self) -> None:
        """The largest type (down to MIN_SCALE) whose texts fit: the column's, and the countdown
        and chart within their share of the graph's pane."""
        width, height = self._column_size()
        side_width, side_height = self._side_size()
        self.column.setFixedWidth(width)
        spacing = layout_of(self.column).spacing()
        self.scale = fit_type(
            self,
            lambda scale: audience_stylesheet(self.colours(), self.sizes(scale)),
            lambda: [*self.texts(), *self.side_texts()],
            lambda: (
                stacked_height(self.texts(), width, spacing) <= height and self._side_height(side_width) <= side_height
            ),
            width,
        )
        margin = self.margin()
        layout_of(self).setContentsMargins(margin, margin, margin, margin)
        layout_of(self).setSpacing(margin)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.refresh()
        QTimer.singleShot(0, self, lambda: self._frame(animate=False))
