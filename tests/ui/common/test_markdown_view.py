"""Author text is data: no HTML rendering, no resource loading, only web links followed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QImage, QTextDocument

from trainer.ui.common.markdown_view import MarkdownView


def make_view(qtbot, opened: list[QUrl]) -> MarkdownView:  # type: ignore[no-untyped-def]
    view = MarkdownView(open_link=opened.append)
    qtbot.addWidget(view)
    view.resize(600, 200)
    view.show()
    qtbot.waitExposed(view)
    return view


def click_text(qtbot, view: MarkdownView, text: str) -> None:  # type: ignore[no-untyped-def]
    cursor = view.document().find(text)
    assert not cursor.isNull(), f"'{text}' is not shown"
    cursor.setPosition(cursor.selectionStart() + 1)
    rect = view.cursorRect(cursor)
    point = QPoint(rect.right() + 1, rect.center().y())
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)


def test_raw_html_is_shown_as_text(qtbot) -> None:
    view = make_view(qtbot, [])
    view.set_markdown("Plain **strong** <b>bold</b> <script>alert(1)</script>")
    text = view.toPlainText()
    assert "<b>bold</b>" in text and "<script>alert(1)</script>" in text
    assert "**" not in text  # Markdown itself is rendered


def test_images_are_never_loaded(qtbot, tmp_path: Path) -> None:
    picture = tmp_path / "secret.png"
    image = QImage(4, 4, QImage.Format.Format_RGB32)
    image.fill(0xFF0000)
    assert image.save(str(picture))
    view = make_view(qtbot, [])
    url = QUrl.fromLocalFile(str(picture))
    view.set_markdown(f"before ![secret]({url.toString()}) after ![rel](secret.png)")
    qtbot.wait(50)
    assert view.document().resource(QTextDocument.ResourceType.ImageResource, url) is None
    assert view.loadResource(int(QTextDocument.ResourceType.ImageResource), url) is None


def test_web_link_is_handed_to_the_browser_after_a_click(qtbot) -> None:
    opened: list[QUrl] = []
    view = make_view(qtbot, opened)
    view.set_markdown("See [the docs](https://example.org/page) now.")
    assert opened == []
    click_text(qtbot, view, "the docs")
    assert [u.toString() for u in opened] == ["https://example.org/page"]


def test_file_and_script_links_are_never_followed(qtbot, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    opened: list[QUrl] = []
    view = make_view(qtbot, opened)
    view.set_markdown(f"[local]({QUrl.fromLocalFile(str(secret)).toString()}) and [js](javascript:alert(1))")
    click_text(qtbot, view, "local")
    click_text(qtbot, view, "js")
    assert opened == []
    assert "TOP SECRET" not in view.toPlainText()
    assert view.source().isEmpty()
