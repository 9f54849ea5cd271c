"""A big answer button whose label wraps, with its number key shown beside it."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget


class AnswerButton(QPushButton):
    def __init__(self, key: int | None, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label_text = label
        self.setAccessibleName(f"{label} (key {key})" if key else label)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        layout = self._layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(10)
        badge = QLabel(str(key) if key else "", self)
        badge.setObjectName("answerKey")
        badge.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        self.text_label = QLabel(label, self)
        self.text_label.setTextFormat(Qt.TextFormat.PlainText)
        self.text_label.setWordWrap(True)
        for child in (badge, self.text_label):
            child.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout.addWidget(badge, 0)
        layout.addWidget(self.text_label, 1)

    def rule_out(self, reason: str) -> None:
        """Disable the button and strike its text through, with `reason` as tooltip and
        accessible description: greying alone is a weak cue (low contrast, themes, screen readers)."""
        self.setEnabled(False)
        for widget in (self, self.text_label):  # the label draws the text; strike both fonts
            font = QFont(widget.font())
            font.setStrikeOut(True)
            widget.setFont(font)
        self.setAccessibleName(f"{self.accessibleName()}, {reason}")
        self.setAccessibleDescription(reason)
        self.setToolTip(reason[:1].upper() + reason[1:])

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._layout.totalHeightForWidth(width)

    def sizeHint(self) -> QSize:
        hint = self._layout.totalSizeHint()
        return QSize(hint.width(), self.heightForWidth(max(hint.width(), self.width())))

    def minimumSizeHint(self) -> QSize:
        return QSize(120, self.heightForWidth(max(self.width(), 120)))
