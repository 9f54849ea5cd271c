"""The progress view of one tree: attempts, accuracy, last studied, items due and a chart of the
daily scores, read from the history (read-only: looking never writes)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, date, datetime

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from trainer.core.model import Tree
from trainer.study.history import default_history_path, open_history
from trainer.study.history_store import TreeStats
from trainer.study.mastery import RemovedItem, live_due, removed_items
from trainer.ui.common.plain import plain_tooltip, window_title
from trainer.ui.study.quiz_setup import KIND_NAMES

NO_ATTEMPTS = "No quiz attempts on this tree yet. Start one with Quiz > Start Quiz… (Ctrl+Shift+Q)."
REMOVED = "removed from the tree"
REMOVED_ROWS_SHOWN = 3  # the list scrolls beyond these, so the chart keeps its room


def read_stats(tree: Tree) -> tuple[TreeStats, str | None, list[RemovedItem]]:
    """The tree's figures; when the history exists but cannot be read, why; and the items with
    history that no longer exist in the tree (their node was removed or their scenario changed)."""
    path = default_history_path()
    if not path.exists():
        return TreeStats(), None, []  # nothing recorded yet is not a problem
    history = open_history(path, read_only=True)
    try:
        stats = replace(history.stats(tree.id), due=len(live_due([tree], history.due([tree.id]))))
        problem = history.read_problem
        return stats, problem, removed_items(tree, history.item_records(tree.id))
    finally:
        history.close()


def removed_row(item: RemovedItem) -> str:
    """One row of the removed-items list, on two lines: what the item was and that it was
    removed, then its attempts and when it was last answered (all the history still knows)."""
    record = item.record
    what = f"Outcome “{item.outcome_id}”" if item.outcome_id else "A scenario (its text is not kept)"
    tries = f"{record.attempts} attempt{'s' if record.attempts != 1 else ''} ({record.correct} right)"
    return (
        f"{what} · {KIND_NAMES.get(record.kind, record.kind)} — {REMOVED}\n"
        f"{tries}, last answered {_when(record.last_answered)}"
    )


def _percent(value: float) -> str:
    return f"{round(value * 100)}%"


def _when(moment: datetime | None) -> str:
    if moment is None:
        return "never"
    local = moment.replace(tzinfo=moment.tzinfo or UTC).astimezone()
    return local.strftime("%Y-%m-%d %H:%M")


class ScoreChart(QWidget):
    """Each day's score (0–100%) as a dot, days joined by a line, dates along the bottom."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scoreChart")
        self.points: list[tuple[date, float]] = []
        self.setMinimumSize(420, 220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("Scores over time")

    def sizeHint(self) -> QSize:
        return QSize(560, 260)

    def set_points(self, points: list[tuple[date, float]]) -> None:
        self.points = list(points)
        self.setAccessibleDescription(
            "; ".join(f"{day.isoformat()}: {_percent(score)}" for day, score in self.points) or NO_ATTEMPTS
        )
        self.update()

    def plot_rect(self) -> QRectF:
        metrics = QFontMetricsF(self.font())
        left = metrics.horizontalAdvance("100%") + 14
        bottom = metrics.height() * 2 + 10
        return QRectF(
            left, metrics.height() / 2 + 6, self.width() - left - 30, self.height() - bottom - metrics.height() / 2 - 6
        )

    def point_positions(self) -> list[QPointF]:
        """Where each day's dot is drawn: days spaced by date, scores by height."""
        rect = self.plot_rect()
        if not self.points:
            return []
        first, last = self.points[0][0], self.points[-1][0]
        span = max((last - first).days, 1)
        out = []
        for day, score in self.points:
            x = rect.center().x() if first == last else rect.left() + rect.width() * (day - first).days / span
            out.append(QPointF(x, rect.bottom() - rect.height() * max(0.0, min(1.0, score))))
        return out

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        metrics = QFontMetricsF(self.font())
        if not self.points:
            painter.setPen(text)
            painter.drawText(
                QRectF(self.rect()).adjusted(12, 12, -12, -12),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                NO_ATTEMPTS,
            )
            return
        rect = self.plot_rect()
        grid = QColor(text)
        grid.setAlpha(60)
        for fraction in (0.0, 0.25, 0.5, 0.75, 1.0):
            y = rect.bottom() - rect.height() * fraction
            painter.setPen(QPen(grid, 1.0, Qt.PenStyle.SolidLine if fraction in (0.0, 1.0) else Qt.PenStyle.DotLine))
            painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
            painter.setPen(text)
            label = f"{round(fraction * 100)}%"
            painter.drawText(
                QRectF(0, y - metrics.height() / 2, rect.left() - 6, metrics.height()),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                label,
            )
        positions = self.point_positions()
        line = palette.color(QPalette.ColorRole.Highlight)
        if len(positions) > 1:
            path = QPainterPath(positions[0])
            for point in positions[1:]:
                path.lineTo(point)
            painter.setPen(QPen(line, 2.0))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(path)
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Base), 1.5))
        painter.setBrush(line)
        for point in positions:
            painter.drawEllipse(point, 4.5, 4.5)
        self._draw_dates(painter, rect, positions, metrics, text)

    def _draw_dates(
        self, painter: QPainter, rect: QRectF, positions: list[QPointF], metrics: QFontMetricsF, text: QColor
    ) -> None:
        """Date labels under the dots, skipping any that would overlap the one before."""
        painter.setPen(text)
        right_edge = -1e9
        last = len(positions) - 1
        for index, ((day, _score), point) in enumerate(zip(self.points, positions, strict=True)):
            label = day.strftime("%d %b") if len(self.points) > 1 else day.isoformat()
            width = metrics.horizontalAdvance(label)
            x = min(max(point.x() - width / 2, 0.0), self.width() - width - 2)
            if x < right_edge + 8 and index != last:
                continue
            painter.drawText(QPointF(x, rect.bottom() + metrics.ascent() + 6), label)
            right_edge = x + width
        if len(self.points) > 1:  # the full dates of the span, once
            span = f"{self.points[0][0].isoformat()} – {self.points[-1][0].isoformat()}"
            painter.drawText(
                QRectF(rect.left(), rect.bottom() + metrics.height() + 8, rect.width(), metrics.height()),
                Qt.AlignmentFlag.AlignHCenter,
                span,
            )


class ProgressDialog(QDialog):
    """Progress figures of one tree; non-modal so the graph stays usable beside it."""

    def __init__(self, tree: Tree, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("progressDialog")
        self.setWindowTitle(window_title(f"Progress — {tree.title}"))
        self.tree = tree
        self.problem = QLabel()
        self.problem.setObjectName("progressProblem")
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setStyleSheet("font-weight: 600;")  # coloured by the theme (base.qss)
        title = QLabel(tree.title)
        title.setTextFormat(Qt.TextFormat.PlainText)
        font = QFont(title.font())  # relative to the interface font, so it follows the zoom
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        self.attempts = QLabel()
        self.accuracy = QLabel()
        self.last_studied = QLabel()
        self.due = QLabel()
        form = QFormLayout()
        form.addRow("Attempts:", self.attempts)
        form.addRow("Accuracy:", self.accuracy)
        form.addRow("Last studied:", self.last_studied)
        form.addRow("Items due for review:", self.due)
        self.removed = QLabel()
        self.removed.setWordWrap(True)
        self.removed.setObjectName("removedItems")
        self.removed_list = self._removed_list()
        self.chart_title = QLabel("Scores over time (share of right answers per day)")
        self.chart = ScoreChart()
        self.empty = QLabel(NO_ATTEMPTS)
        self.empty.setObjectName("progressEmpty")
        self.empty.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        buttons.button(QDialogButtonBox.StandardButton.Close).clicked.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.problem)
        layout.addLayout(form)
        layout.addWidget(self.removed)
        layout.addWidget(self.removed_list)
        layout.addWidget(self.empty)
        layout.addWidget(self.chart_title)
        layout.addWidget(self.chart, 1)
        layout.addStretch(0)  # takes the room when there is no chart, so the rest stays on top
        layout.addWidget(buttons)
        self.refresh()

    @staticmethod
    def _removed_list() -> QListWidget:
        """A read-only list of the items whose node has gone: listed, not only counted."""
        box = QListWidget()
        box.setObjectName("removedList")
        box.setAccessibleName("Answered items that no longer exist in this tree")
        box.setWordWrap(True)
        box.setAlternatingRowColors(True)  # tells the two-line rows apart
        box.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        box.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        return box

    def _show_removed(self, removed: Sequence[RemovedItem]) -> None:
        count = len(removed)
        self.removed.setText(
            f"{count} item{'s' if count != 1 else ''} you answered before no longer "
            f"exist{'s' if count == 1 else ''} in this tree (a node was removed or a scenario "
            "rewritten); the history is kept."
            if count
            else ""
        )
        self.removed.setVisible(bool(count))
        box = self.removed_list
        box.clear()
        for item in removed:
            row = QListWidgetItem(removed_row(item), box)
            row.setToolTip(plain_tooltip(f"Item key: {item.record.key}"))
        lines = 2 * min(count, REMOVED_ROWS_SHOWN)
        box.setFixedHeight(
            lines * box.fontMetrics().lineSpacing() + 8 * min(count, REMOVED_ROWS_SHOWN) + 2 * box.frameWidth()
        )
        box.setVisible(bool(count))

    def refresh(self) -> None:
        stats, problem, removed = read_stats(self.tree)
        self.show_stats(stats, problem, removed)

    def show_stats(self, stats: TreeStats, problem: str | None = None, removed: Sequence[RemovedItem] = ()) -> None:
        self.stats = stats
        self.problem.setText(f"The history could not be read: {problem}" if problem else "")
        self.problem.setVisible(bool(problem))
        self.attempts.setText(f"{stats.attempts} ({stats.correct} right)" if stats.attempts else "0")
        self.accuracy.setText(_percent(stats.accuracy) if stats.accuracy is not None else "–")
        self.last_studied.setText(_when(stats.last_studied))
        self.due.setText(str(stats.due))
        self._show_removed(removed)
        self.chart.set_points(stats.scores_over_time)
        self.empty.setVisible(not stats.attempts)
        self.chart_title.setVisible(bool(stats.attempts))
        self.chart.setVisible(bool(stats.attempts))
