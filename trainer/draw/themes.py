"""Themes as data: one stylesheet template with `@name` variables and one colour file per theme.

`resources/styles/base.qss` is the template; `resources/styles/themes/<name>.json` gives every
variable a colour. This module (no Qt) loads a theme, checks it names exactly the colours the
app needs, fills the template, picks light or dark for "system", steps the interface zoom, and
measures contrast as WCAG 2.x defines it, so that a test can hold every theme to AA.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from trainer.infra.paths import resources_dir

SYSTEM = "system"
THEMES = ("light", "dark", "high-contrast")  # files in resources/styles/themes/
CHOICES = (SYSTEM, *THEMES)

# Every colour a theme file must give (and may give nothing else). `ui_*` colour the widgets
# (palette and stylesheet), `graph_*` the graph (trainer.ui.canvas.style.GraphStyle).
UI_KEYS = (
    "window",  # window and pane background
    "text",  # body text on window, panel and panel_alt
    "muted",  # secondary text: placeholders, card summaries
    "panel",  # lists, text fields, answer buttons, tool tips
    "panel_alt",  # callouts (hints, notes), alternate rows
    "button",  # push and tool buttons
    "button_text",
    "border",  # the outline of controls (answer buttons, fields)
    "accent",  # selection background, answer keys (drawn as text), callout rule
    "accent_text",  # text on the accent (selected rows)
    "link",
    "focus",  # the focus ring
    "error",  # error text (broken cards, problems)
    "disabled_text",  # disabled controls (WCAG exempts them; ruled-out answers are also struck through)
)
GRAPH_KEYS = (
    "graph_background",
    "graph_question_fill",
    "graph_outcome_fill",
    "graph_border",
    "graph_text",
    "graph_edge",
    "graph_path",  # the lit path
    "graph_current",  # the current node's border
    "graph_match",  # a find match's border
    "graph_label_fill",  # answer labels and pills
    "graph_error",  # the editor's flag on a node with an error
    # the mastery overlay: a line colour (borders, edges, the minimap) and a band fill per step
    "graph_weak",
    "graph_weak_fill",
    "graph_learning",
    "graph_learning_fill",
    "graph_strong",
    "graph_strong_fill",
)
MASTERY_LEVELS = ("weak", "learning", "strong")
COLOUR_KEYS = UI_KEYS + GRAPH_KEYS

TEXT_AA = 4.5  # WCAG 1.4.3, normal text
NON_TEXT_AA = 3.0  # WCAG 1.4.11, borders, focus rings, graph lines and shapes
HIGH_CONTRAST_BODY = 7.0  # WCAG 1.4.6 (AAA), asked of the high-contrast theme's body text

# What is drawn on what: (foreground, background, minimum, where). Text pairs need 4.5:1;
# lines and shapes that identify a control or a graph state need 3:1 against what is next to
# them. "body" text pairs are held to 7:1 in the high-contrast theme.
CONTRAST_PAIRS: tuple[tuple[str, str, float, str], ...] = (
    ("text", "window", TEXT_AA, "body: labels, questions, explanations"),
    ("text", "panel", TEXT_AA, "body: lists, fields, answer buttons, tool tips"),
    ("text", "panel_alt", TEXT_AA, "body: hint and note callouts"),
    ("button_text", "button", TEXT_AA, "push and tool buttons"),
    ("muted", "window", TEXT_AA, "secondary text on the window"),
    ("muted", "panel", TEXT_AA, "card summaries and placeholders in lists and fields"),
    ("accent", "window", TEXT_AA, "answer keys (1, 2, …) drawn in the accent colour"),
    ("accent", "panel", TEXT_AA, "answer keys on answer buttons"),
    ("accent_text", "accent", TEXT_AA, "selected rows"),
    ("link", "window", TEXT_AA, "links"),
    ("link", "panel", TEXT_AA, "links in lists and text views"),
    ("link", "panel_alt", TEXT_AA, "links in a hint or an answer's note (callouts)"),
    ("error", "window", TEXT_AA, "error text"),
    ("error", "panel", TEXT_AA, "a broken file's first error on its card"),
    ("graph_text", "graph_question_fill", TEXT_AA, "body: question text"),
    ("graph_text", "graph_outcome_fill", TEXT_AA, "body: outcome text"),
    ("graph_text", "graph_label_fill", TEXT_AA, "answer labels, mastery and error pills"),
    ("graph_text", "graph_background", TEXT_AA, "text near the drawing"),
    ("focus", "window", NON_TEXT_AA, "focus ring beside the window"),
    ("focus", "panel", NON_TEXT_AA, "focus ring beside a field or button"),
    ("focus", "graph_background", NON_TEXT_AA, "focus ring around the graph"),
    ("focus", "button", NON_TEXT_AA, "focus ring inside a push or tool button"),
    ("focus", "panel_alt", NON_TEXT_AA, "focus ring on a link in a callout"),
    ("accent", "panel_alt", TEXT_AA, "the callout's rule (held as text: accent is drawn as text elsewhere)"),
    ("border", "window", NON_TEXT_AA, "the outline of answer buttons and fields"),
    ("graph_border", "graph_background", NON_TEXT_AA, "a node's outline"),
    ("graph_edge", "graph_background", NON_TEXT_AA, "answer edges"),
    ("graph_path", "graph_background", NON_TEXT_AA, "the lit path"),
    ("graph_current", "graph_question_fill", NON_TEXT_AA, "the current node's border inside its fill"),
    ("graph_current", "graph_background", NON_TEXT_AA, "the current node's border outside"),
    ("graph_match", "graph_background", NON_TEXT_AA, "a find match's border"),
    ("graph_error", "graph_background", NON_TEXT_AA, "the editor's error border"),
    *(
        ("graph_text", f"graph_{level}_fill", TEXT_AA, f"node text on the {level} mastery band")
        for level in MASTERY_LEVELS
    ),
    *(
        (f"graph_{level}", "graph_background", NON_TEXT_AA, f"{level} mastery edges and borders")
        for level in MASTERY_LEVELS
    ),
    *(
        (f"graph_{level}", f"graph_{level}_fill", NON_TEXT_AA, f"the {level} border on its band")
        for level in MASTERY_LEVELS
    ),
)
# A receded part of the graph (off the walk's way) is drawn at this opacity, nodes and edges
# alike (trainer.ui.canvas.items). Its text and lines still meet 4.5:1 and 3:1: they are
# measured as drawn, composited over what lies beneath (see `receded_report`).
RECEDED_OPACITY = 0.6
# (foreground, fill, minimum, where): the foreground at RECEDED_OPACITY over the fill, itself at
# RECEDED_OPACITY over graph_background; a fill of "graph_background" is the background itself.
RECEDED_PAIRS: tuple[tuple[str, str, float, str], ...] = (
    ("graph_text", "graph_question_fill", TEXT_AA, "a receded question's text"),
    ("graph_text", "graph_outcome_fill", TEXT_AA, "a receded outcome's text"),
    ("graph_text", "graph_label_fill", TEXT_AA, "a receded answer label"),
    ("graph_edge", "graph_background", NON_TEXT_AA, "a receded answer edge"),
    ("graph_border", "graph_background", NON_TEXT_AA, "a receded node's outline"),
)
BODY_PAIRS = {
    ("text", "window"),
    ("text", "panel"),
    ("text", "panel_alt"),
    ("graph_text", "graph_question_fill"),
    ("graph_text", "graph_outcome_fill"),
}
HIGH_CONTRAST_THEMES = {"high-contrast", "presentation-high-contrast"}  # body text held to 7:1

# --- the presentation's own themes (a dark room or a bright one), separate from the interface's ----
# Files resources/styles/themes/presentation-<name>.json with exactly these colours; the graph
# beside the slide takes the graph_* ones (the same keys as an interface theme's graph).
PRESENTATION_THEMES = ("dark-room", "bright-room", "high-contrast")
DEFAULT_PRESENTATION_THEME = "dark-room"
PRESENTATION_UI_KEYS = (
    "background",  # the slide
    "text",  # question, answers, explanation
    "muted",  # help, the tree's title, the key hint
    "accent",  # the step's kicker ("QUESTION 2") and the traps heading, drawn as text
    "chosen_bg",  # the chosen answer's band
    "chosen_text",  # text on that band
    "link",  # links in author Markdown (explanations, the console's link list)
    "panel",  # the notes overlay (one screen, N) and the presenter console
    "panel_border",  # the overlay's edge against the slide
)
PRESENTATION_KEYS = PRESENTATION_UI_KEYS + GRAPH_KEYS
PRESENTATION_CONTRAST_PAIRS: tuple[tuple[str, str, float, str], ...] = (
    ("text", "background", TEXT_AA, "body: question, answers, explanation, traps"),
    ("muted", "background", TEXT_AA, "help, the tree's title, the key hint"),
    ("accent", "background", TEXT_AA, "the step kicker and the traps heading"),
    ("chosen_text", "chosen_bg", TEXT_AA, "body: the chosen answer"),
    ("chosen_bg", "background", NON_TEXT_AA, "the chosen answer's band stands out from the slide"),
    ("link", "background", TEXT_AA, "links in an explanation or a note"),
    ("link", "panel", TEXT_AA, "links in the overlay and the console"),
    ("text", "panel", TEXT_AA, "body: notes in the overlay and the console"),
    ("muted", "panel", TEXT_AA, "the overlay's and the console's secondary text"),
    ("accent", "panel", TEXT_AA, "headings in the overlay and the console"),
    ("panel_border", "background", NON_TEXT_AA, "the overlay's edge over the slide"),
    # the graph beside the slide: the same pairs as an interface theme's graph
    *(pair for pair in CONTRAST_PAIRS if pair[0].startswith("graph_") and pair[1].startswith("graph_")),
)
PRESENTATION_BODY_PAIRS = {
    ("text", "background"),
    ("chosen_text", "chosen_bg"),
    ("text", "panel"),
    ("graph_text", "graph_question_fill"),
    ("graph_text", "graph_outcome_fill"),
}

_VARIABLE = re.compile(r"@([A-Za-z_][A-Za-z0-9_]*)")
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


class ThemeError(ValueError):
    """A theme file or the template is wrong; the message says which file and which names."""


@dataclass(frozen=True)
class Theme:
    name: str
    label: str
    dark: bool
    colours: dict[str, str]

    def contrast(self, foreground: str, background: str) -> float:
        return contrast_ratio(self.colours[foreground], self.colours[background])


def themes_dir() -> Path:
    return resources_dir() / "styles" / "themes"


def template_path() -> Path:
    return resources_dir() / "styles" / "base.qss"


def load_theme(name: str, folder: Path | None = None, keys: tuple[str, ...] = COLOUR_KEYS) -> Theme:
    """Read `<folder>/<name>.json`: {"label": ..., "dark": bool, "colours": {key: "#rrggbb"}},
    with exactly the colours in `keys` (an interface theme's by default)."""
    path = (folder or themes_dir()) / f"{name}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ThemeError(f"{path}: cannot read the theme ({exc.strerror or exc})") from exc
    except json.JSONDecodeError as exc:
        raise ThemeError(f"{path}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("colours"), dict):
        raise ThemeError(f'{path}: expected an object with "label", "dark" and "colours"')
    colours = data["colours"]
    missing = [k for k in keys if k not in colours]
    unknown = sorted(k for k in colours if k not in keys)
    if missing or unknown:
        parts = ([f"missing colours: {', '.join(missing)}"] if missing else []) + (
            [f"unknown colours: {', '.join(unknown)}"] if unknown else []
        )
        raise ThemeError(f"{path}: " + "; ".join(parts))
    bad = [f"{k} = {v!r}" for k, v in colours.items() if not (isinstance(v, str) and _COLOUR.fullmatch(v))]
    if bad:
        raise ThemeError(f"{path}: colours must be written #rrggbb: {', '.join(bad)}")
    return Theme(
        name, str(data.get("label") or name), bool(data.get("dark", False)), {k: colours[k].lower() for k in keys}
    )


def load_presentation_theme(name: str, folder: Path | None = None) -> Theme:
    """A presentation theme (`presentation-<name>.json`); an unknown name is the dark room's."""
    name = name if name in PRESENTATION_THEMES else DEFAULT_PRESENTATION_THEME
    return load_theme(f"presentation-{name}", folder, PRESENTATION_KEYS)


def template_variables(template: str) -> set[str]:
    return set(_VARIABLE.findall(_strip_comments(template)))


def render_stylesheet(template: str, theme: Theme) -> str:
    """The template with every `@name` replaced by the theme's colour; a name the theme does
    not define is an error (never a stylesheet with a stray `@` that Qt would ignore silently)."""
    template = _strip_comments(template)
    unknown = sorted(template_variables(template) - theme.colours.keys())
    if unknown:
        raise ThemeError(f"the stylesheet uses variables no theme defines: {', '.join('@' + u for u in unknown)}")
    return _VARIABLE.sub(lambda m: theme.colours[m.group(1)], template)


def _strip_comments(text: str) -> str:
    return re.sub(r"/\*.*?\*/", "", text, flags=re.DOTALL)


def stylesheet(theme: Theme) -> str:
    return render_stylesheet(template_path().read_text(encoding="utf-8"), theme)


def resolve(choice: str, system_dark: bool) -> str:
    """The theme file to use for a choice: "system" follows the desktop's light or dark setting;
    an unknown choice (an old or edited settings file) is treated as "system"."""
    if choice in THEMES:
        return choice
    return "dark" if system_dark else "light"


# --- WCAG 2.x contrast ---------------------------------------------------------------------------
def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of "#rrggbb" (0 for black, 1 for white)."""
    if not _COLOUR.fullmatch(colour):
        raise ValueError(f"not a #rrggbb colour: {colour!r}")
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(a: str, b: str) -> float:
    """(L1 + 0.05) / (L2 + 0.05), the lighter over the darker: 1 to 21."""
    la, lb = relative_luminance(a), relative_luminance(b)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


def required_contrast(
    theme: Theme, foreground: str, background: str, minimum: float, body: set[tuple[str, str]] | None = None
) -> float:
    """The minimum a pair is held to in `theme` (7:1 for body text in high contrast)."""
    if theme.name in HIGH_CONTRAST_THEMES and (foreground, background) in (BODY_PAIRS if body is None else body):
        return max(minimum, HIGH_CONTRAST_BODY)
    return minimum


def blend(foreground: str, background: str, opacity: float) -> str:
    """`foreground` painted at `opacity` over `background`, as "#rrggbb" (Qt blends in sRGB)."""
    fg, bg = (tuple(int(c[i : i + 2], 16) for i in (1, 3, 5)) for c in (foreground, background))
    return "#" + "".join(f"{round(opacity * f + (1 - opacity) * b):02x}" for f, b in zip(fg, bg, strict=True))


def receded_report(theme: Theme) -> list[tuple[str, str, float, float, str]]:
    """The receded graph's pairs as drawn: each foreground and its fill at RECEDED_OPACITY."""
    c, a = theme.colours, RECEDED_OPACITY
    report = []
    for fg, fill, minimum, where in RECEDED_PAIRS:
        under = c["graph_background"] if fill == "graph_background" else blend(c[fill], c["graph_background"], a)
        drawn = blend(c[fg], under, a)
        report.append((f"{fg} (receded)", f"{fill} (receded)", contrast_ratio(drawn, under), minimum, where))
    return report


def contrast_report(theme: Theme) -> list[tuple[str, str, float, float, str]]:
    """(foreground, background, ratio, required, where) for every pair the app draws, the
    receded graph's included; a presentation theme is measured against the presentation's pairs."""
    presenting = theme.name.startswith("presentation-")
    pairs = PRESENTATION_CONTRAST_PAIRS if presenting else CONTRAST_PAIRS
    body = PRESENTATION_BODY_PAIRS if presenting else BODY_PAIRS
    return [
        (fg, bg, theme.contrast(fg, bg), required_contrast(theme, fg, bg, minimum, body), where)
        for fg, bg, minimum, where in pairs
    ] + receded_report(theme)


# --- interface zoom ------------------------------------------------------------------------------
ZOOM_STEPS = (80, 90, 100, 110, 125, 150, 175, 200)  # percent of the system font size
DEFAULT_ZOOM = 100


def clamp_zoom(percent: int) -> int:
    """The nearest step to a stored value (an edited settings file cannot ask for 5%)."""
    return min(ZOOM_STEPS, key=lambda step: (abs(step - percent), step))


def zoom_in(percent: int) -> int:
    return next((s for s in ZOOM_STEPS if s > percent), ZOOM_STEPS[-1])


def zoom_out(percent: int) -> int:
    return next((s for s in reversed(ZOOM_STEPS) if s < percent), ZOOM_STEPS[0])
