"""The room's votes as a chart beside the audience round's graph: a row per letter with its bar,
count and share, and, while the presenter types the tally, the count being typed."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRectF, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QWidget

from trainer.present.audience import bars
from trainer.ui.present.room import label as _label  # plain text: author text is never HTML


class BarGraphic(QWidget):
    """One bar of the tally chart, drawn as its share of the row (the numbers are beside it)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.share = 0.0
        self.colour = QColor("#888888")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(40)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        height = self.height() * 0.7
        rect = QRectF(0, (self.height() - height) / 2, self.width() * self.share, height)
        painter.fillRect(rect, self.colour)
        painter.end()


class TallyChart(QWidget):
    """The room's votes per letter: letter, bar, count and share as text. While the presenter
    types, the count being typed is marked with a caret and the word "typing"."""

    clicked = Signal(int)  # a row was clicked: type its count

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("audienceChart")
        self.setAccessibleName("The room's votes")
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setColumnStretch(1, 1)
        self.rows: list[tuple[QLabel, BarGraphic, QLabel]] = []

    def show_counts(
        self,
        counts: tuple[int, ...],
        typing: int | None,
        typed: list[str] | None,
        right: tuple[bool | None, ...],
        colour: str,
    ) -> None:
        while len(self.rows) < len(counts):
            row = len(self.rows)
            name = _label("audienceBarLetter", "")
            bar = BarGraphic(self)
            count = _label("audienceBarCount", "")
            count.setWordWrap(False)
            for column, widget in enumerate((name, bar, count)):
                self.grid.addWidget(widget, row, column)
                widget.installEventFilter(self)
            self.rows.append((name, bar, count))
        most = max(counts, default=0)
        for index, (name, bar, count) in enumerate(self.rows):
            shown = index < len(counts)
            for widget in (name, bar, count):
                widget.setVisible(shown)
            if not shown:
                continue
            value = bars(counts)[index]
            mark = "✓ " if right[index] else ""
            name.setText(f"{mark}{value.letter}")
            bar.share = counts[index] / most if most else 0.0
            bar.colour = QColor(colour)
            bar.update()
            if typed is not None:
                being_typed = index == typing
                count.setObjectName("audienceBarCountTyping" if being_typed else "audienceBarCount")
                count.setText(f"{typed[index]}▏ typing" if being_typed else typed[index] or "0")
            else:
                count.setObjectName("audienceBarCount")
                count.setText(value.text)
            spoken = (
                f"{value.letter}: {count.text()}"
                if typed is not None
                else f"{value.letter}: {value.count} votes, {value.percent}%{', right' if right[index] else ''}"
            )
            for widget in (name, bar, count):
                widget.setAccessibleName(spoken)
            count.setAccessibleDescription("typing" if typed is not None and index == typing else "")

    def labels(self) -> list[QLabel]:
        return [w for name, _, count in self.rows for w in (name, count) if not w.isHidden()]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MouseButtonPress:
            for index, row in enumerate(self.rows):
                if watched in row:
                    self.clicked.emit(index)
                    return True
        return super().eventFilter(watched, event)
