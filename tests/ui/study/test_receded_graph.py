"""The graph's receded part (nodes off the walk's way, drawn dimmed) still reads: the text of a
receded node, sampled from the drawn view, stands 4.5:1 from the node's drawn fill in every theme
(High Contrast's was 2.45:1)."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor

from tests.ui.conftest import click_answer, click_card
from trainer.draw.themes import THEMES, contrast_ratio

pytestmark = pytest.mark.usefixtures("restore_look")  # tests/ui/conftest.py


@pytest.mark.parametrize("theme", THEMES)
def test_a_receded_nodes_text_reads_against_its_drawn_fill(qtbot, make_window, theme: str) -> None:
    window = make_window()
    window.appearance.set_theme(theme)
    click_card(qtbot, window, 0)
    click_answer(qtbot, window, "No")  # http -> accelerator: the other branch recedes
    scene, view = window.graph.scene, window.graph.view
    qtbot.waitUntil(lambda: any(node.receded for node in scene.nodes.values()))
    node_id, item = next((k, node) for k, node in scene.nodes.items() if node.receded)
    view.focus_node(node_id, animate=False)
    qtbot.wait(50)
    rect = view.mapFromScene(item.mapRectToScene(QRectF(item._rect))).boundingRect().adjusted(6, 6, -6, -6)
    assert view.viewport().rect().contains(rect)
    image = view.viewport().grab().toImage()
    pixels = [
        QColor(image.pixel(x, y)).name()
        for x in range(rect.left(), rect.right())
        for y in range(rect.top(), rect.bottom())
    ]
    fill = Counter(pixels).most_common(1)[0][0]
    text = max(set(pixels), key=lambda colour: contrast_ratio(colour, fill))
    assert contrast_ratio(text, fill) >= 4.5, (theme, text, fill)
