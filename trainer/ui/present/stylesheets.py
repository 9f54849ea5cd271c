"""The room's look: the presentation theme (the dark room's colours when its file cannot be read),
and the stylesheets of the slide and the audience round made from its colours and the type sizes
chosen for the window's height, so both follow the theme and the screen.
"""

from __future__ import annotations

from trainer.draw.themes import DEFAULT_PRESENTATION_THEME, Theme, ThemeError, load_presentation_theme

COLOURS = {  # the dark room's colours, used only when its theme file cannot be read (a damaged install)
    "background": "#111418",
    "text": "#f2f4f7",
    "muted": "#b8c0cc",
    "accent": "#ffd166",
    "chosen_bg": "#2f6fb0",
    "chosen_text": "#ffffff",
    "link": "#8ab4f8",
    "panel": "#1d232c",
    "panel_border": "#8a96a3",
}


def presentation_theme(name: str = DEFAULT_PRESENTATION_THEME) -> Theme | None:
    """The presentation theme `name`; None when its file cannot be read (then COLOURS, and the
    graph in the interface's colours: a damaged install costs looks, never the presentation)."""
    try:
        return load_presentation_theme(name)
    except (ThemeError, OSError):
        return None


def slide_stylesheet(colours: dict[str, str], sizes: dict[str, int]) -> str:
    """The slide's look from the presentation theme's colours and the type sizes (question,
    body, small) chosen for the window's height."""
    c, s = colours, sizes
    return f"""
    QWidget#presentation, QWidget#presentColumn {{ background: {c["background"]}; color: {c["text"]}; }}
    QWidget#presentBlank {{ background: black; }}
    QGraphicsView {{ border: none; }}
    QLabel, QTextBrowser {{ color: {c["text"]}; font-size: {s["body"]}px; }}
    QLabel#presentTitle, QLabel#presentHint {{ color: {c["muted"]}; font-size: {s["small"]}px; }}
    QLabel#presentKicker {{
        color: {c["accent"]}; font-size: {s["small"]}px; font-weight: 700; letter-spacing: 2px; }}
    QLabel#presentNode {{ font-size: {s["question"]}px; font-weight: 700; }}
    QTextBrowser#presentHelp {{ color: {c["muted"]}; }}
    QLabel#presentTrapsTitle {{ color: {c["accent"]}; font-weight: 700; }}
    QLabel#presentChosen {{ background: {c["chosen_bg"]}; color: {c["chosen_text"]}; font-weight: 700;
                            border-radius: 6px; }}
    """


def audience_stylesheet(colours: dict[str, str], sizes: dict[str, int]) -> str:
    """The round's look from the presentation's colours (keys background, text, muted,
    accent, chosen_bg) and type sizes (question, body, small), so it follows the theme."""
    c, s = colours, sizes
    return f"""
    QWidget#audience, QWidget#audienceColumn, QWidget#audienceSide {{
        background: {c["background"]}; color: {c["text"]}; }}
    QGraphicsView {{ border: none; }}
    QLabel, QTextBrowser {{ color: {c["text"]}; font-size: {s["body"]}px; }}
    QLabel#audienceKicker {{ color: {c["accent"]}; font-size: {s["small"]}px; font-weight: 700; letter-spacing: 2px; }}
    QLabel#audienceTrail, QLabel#audienceHint, QLabel#audienceChartTitle {{
        color: {c["muted"]}; font-size: {s["small"]}px; }}
    QLabel#audiencePrompt {{ font-style: italic; }}
    QLabel#audienceQuestion, QLabel#audienceOutcome {{ font-size: {s["question"]}px; font-weight: 700; }}
    QLabel#audienceRight {{ background: {c["chosen_bg"]}; color: {c.get("chosen_text", c["text"])}; font-weight: 700;
                            border-radius: 6px; }}
    QLabel#audienceOther {{ color: {c["muted"]}; }}
    QLabel#audienceFollowed, QLabel#audienceTrapsTitle {{ color: {c["accent"]}; font-weight: 700; }}
    QLabel#audienceCountdown {{ color: {c["accent"]}; font-size: {round(s["question"] * 1.6)}px; font-weight: 700; }}
    QLabel#audienceBarLetter {{ font-weight: 700; }}
    QLabel#audienceBarCountTyping {{ background: {c["chosen_bg"]}; color: {c.get("chosen_text", c["text"])};
                                     font-weight: 700; border-radius: 4px; }}
    """
