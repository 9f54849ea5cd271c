"""Regression guard: PySide6 6.12.0 on Python 3.11 over-releases None on every call of a Python
override of QGraphicsItem.paint and aborts after a few thousand paints ("none_dealloc").
pyproject.toml keeps that combination out; this test proves the installed one is sound."""

from __future__ import annotations

import sys

from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

PAINTS = 3000


class Box(QGraphicsItem):
    painted = 0

    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, 10, 10)

    def paint(self, painter, option, widget=None) -> None:
        Box.painted += 1
        painter.drawRect(self.boundingRect())


def test_python_paint_overrides_keep_none_refcount(qapp) -> None:
    scene = QGraphicsScene()
    for i in range(10):
        box = Box()
        box.setPos(i * 12, 0)
        scene.addItem(box)
    image = QImage(200, 20, QImage.Format.Format_ARGB32)
    before = sys.getrefcount(None)
    with QPainter(image) as painter:
        while Box.painted < PAINTS:
            scene.render(painter)
    drift = sys.getrefcount(None) - before
    assert Box.painted >= PAINTS
    assert abs(drift) < 100, f"None's refcount drifted by {drift} over {Box.painted} paints"
