"""A read-only Markdown view that treats author text as untrusted data.

Raw HTML is shown as text, no resource (image, stylesheet) is ever loaded, and a clicked link is
handed to `open_link` only when it is an http(s) address: QTextBrowser's defaults would render
HTML and display a local file's contents when a file:// link is clicked.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QRect, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QFontMetricsF,
    QPainter,
    QPalette,
    QPyTextObject,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import QFrame, QSizePolicy, QTextBrowser, QWidget

from trainer.core.loader import is_web_url

MARKDOWN_FEATURES = QTextDocument.MarkdownFeature.MarkdownDialectGitHub | QTextDocument.MarkdownFeature.MarkdownNoHTML


IMAGE_PLACEHOLDER = "[image not shown]"


class ImagePlaceholder(QPyTextObject):
    """Draws a placeholder where author text has an image.

    Qt's own image handler loads the file behind any image URL it is given (even after every
    loadResource refused), so images are drawn by this handler instead and nothing is read.
    """

    def intrinsicSize(self, doc: QTextDocument, pos: int, fmt: QTextFormat) -> QSizeF:
        metrics = QFontMetricsF(doc.defaultFont())
        return QSizeF(metrics.horizontalAdvance(IMAGE_PLACEHOLDER), metrics.height())

    def drawObject(
        self, painter: QPainter, rect: QRectF | QRect, doc: QTextDocument, pos: int, fmt: QTextFormat
    ) -> None:
        painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, IMAGE_PLACEHOLDER)


class SafeDocument(QTextDocument):
    """A document that loads no resources at all.

    QTextDocument.loadResource reads local files itself when its widget's loadResource returns
    nothing, so overriding the widget is not enough: the document must refuse too.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._images = ImagePlaceholder(self)
        self.documentLayout().registerHandler(int(QTextFormat.ObjectTypes.ImageObject), self._images)

    def loadResource(self, kind: int, name: QUrl | str) -> object:
        return None


def open_in_browser(url: QUrl) -> None:
    QDesktopServices.openUrl(url)


class MarkdownView(QTextBrowser):
    """Shows Markdown at its full height (the page around it scrolls), like a rich label.

    It never scrolls on its own: its height follows its text at every width and font size (the
    interface zoom), and the mouse wheel goes to the scroll area around it. Links are drawn in
    the palette's Link colour of the theme shown now (Qt's Markdown reader would keep the
    colour of the palette the text was first read with)."""

    link_colour = ""  # "#rrggbb": links in this colour instead of the palette's

    def __init__(self, parent: QWidget | None = None, open_link: Callable[[QUrl], None] = open_in_browser) -> None:
        self._markdown = ""  # before anything below sends a change event
        super().__init__(parent)
        self._open_link = open_link
        self.setDocument(SafeDocument(self))
        self.setOpenLinks(False)
        self.document().setDocumentMargin(0)
        self.setOpenExternalLinks(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.viewport().setAutoFillBackground(False)
        self.setStyleSheet("QTextBrowser { background: transparent; }")
        self.anchorClicked.connect(self._on_anchor_clicked)
        self.document().contentsChanged.connect(self._fit_height)

    def set_markdown(self, text: str) -> None:
        self._markdown = text
        self.document().setDefaultFont(self.font())
        self.document().setMarkdown(text, MARKDOWN_FEATURES)
        recolour_links(
            self.document(),
            QColor(self.link_colour) if self.link_colour else self.palette().color(QPalette.ColorRole.Link),
        )
        # a Tab stop only with a link to follow (Tab then moves between its links, and on)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus if has_links(self.document()) else Qt.FocusPolicy.ClickFocus)
        self.setVisible(bool(text.strip()))
        self._fit_height()

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        reason = event.reason()
        if reason in (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason) and has_links(self.document()):
            forward = reason == Qt.FocusReason.TabFocusReason
            cursor = QTextCursor(self.document())
            if not forward:
                cursor.movePosition(QTextCursor.MoveOperation.End)
            self.setTextCursor(cursor)
            super().focusNextPrevChild(forward)  # the first link (the last, going back) is marked

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab moves through the links, then out of the view (Qt's would go round its links)."""
        before = self.textCursor()
        if super().focusNextPrevChild(next):
            after = self.textCursor()
            went_round = after.position() <= before.position() if next else after.position() >= before.position()
            if before.hasSelection() and went_round:
                self.setTextCursor(before)
            elif after.hasSelection():
                return True
        self.setTextCursor(QTextCursor(self.document()))  # no link left marked
        return QWidget.focusNextPrevChild(self, next)

    def refresh(self) -> None:
        """Read the text again in the current font and link colour (a theme or zoom change)."""
        if self._markdown:
            parent = self.parentWidget()
            visible = self.isVisibleTo(parent) if parent is not None else self.isVisible()
            self.set_markdown(self._markdown)
            self.setVisible(visible)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.refresh()

    def wheelEvent(self, event) -> None:
        event.ignore()  # the page around it scrolls, never the section by itself

    def loadResource(self, kind: int, name: QUrl | str) -> object:
        """Never load anything an author's text points at (images, files, network)."""
        return None

    def _on_anchor_clicked(self, url: QUrl) -> None:
        if is_web_url(url.toString()):
            self._open_link(url)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_height()

    def _fit_height(self) -> None:
        doc = self.document()
        doc.setTextWidth(self.viewport().width())
        margins = self.contentsMargins()
        height = int(doc.size().height()) + margins.top() + margins.bottom() + 2
        if self.height() != height:
            self.setFixedHeight(height)


def has_links(doc: QTextDocument) -> bool:
    block = doc.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            if fragments.fragment().charFormat().isAnchor():
                return True
            fragments += 1
        block = block.next()
    return False


def recolour_links(doc: QTextDocument, colour: QColor) -> None:
    """Draw every link of `doc` in `colour`. Qt's Markdown reader colours links from the
    application palette, whatever the widget's, so a view with colours of its own (the
    presentation's theme, not the interface's) would show them in the wrong, often unreadable, blue."""
    spans = []
    block = doc.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            if fragment.charFormat().isAnchor():
                spans.append((fragment.position(), fragment.length()))
            fragments += 1
        block = block.next()
    recolour = QTextCharFormat()
    recolour.setForeground(colour)
    recolour.setFontUnderline(True)  # a link is told by more than its colour (WCAG 1.4.1)
    cursor = QTextCursor(doc)
    for start, length in spans:
        cursor.setPosition(start)
        cursor.setPosition(start + length, QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(recolour)


class SizedMarkdownView(MarkdownView):
    """The safe Markdown view at a width its owner sets, so that its height is known before the
    layout runs (the presentation, its notes overlay and the console choose their type size by
    measuring their texts at the width they will have)."""

    fit_width = 0

    def height_for(self, width: int) -> int:
        doc = self.document()
        doc.setDefaultFont(self.font())
        doc.setTextWidth(width)
        return int(doc.size().height()) + 2

    def _fit_height(self) -> None:
        if not self.fit_width:
            super()._fit_height()
            return
        self.setFixedSize(self.fit_width, self.height_for(self.fit_width))
