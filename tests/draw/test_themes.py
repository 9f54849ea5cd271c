"""Themes as data (trainer.draw.themes, no Qt): every theme file loads and defines every variable
of the stylesheet template, the template is filled without a stray @, and text meets WCAG AA
against every background it is drawn on (high contrast: 7:1 for body text)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from trainer.draw import themes
from trainer.draw.themes import (
    BODY_PAIRS,
    COLOUR_KEYS,
    CONTRAST_PAIRS,
    PRESENTATION_BODY_PAIRS,
    PRESENTATION_CONTRAST_PAIRS,
    PRESENTATION_KEYS,
    PRESENTATION_THEMES,
    RECEDED_OPACITY,
    RECEDED_PAIRS,
    THEMES,
    ThemeError,
    blend,
    clamp_zoom,
    contrast_ratio,
    contrast_report,
    load_presentation_theme,
    load_theme,
    relative_luminance,
    render_stylesheet,
    resolve,
    template_variables,
    zoom_in,
    zoom_out,
)


def test_luminance_and_contrast_against_known_values() -> None:
    assert relative_luminance("#000000") == 0.0
    assert relative_luminance("#ffffff") == pytest.approx(1.0)
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff", "#000000") == pytest.approx(21.0)  # order does not matter
    assert contrast_ratio("#777777", "#777777") == pytest.approx(1.0)
    # published values: #767676 is the lightest grey passing 4.5:1 on white, #777777 just fails
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio("#777777", "#ffffff") < 4.5
    assert relative_luminance("#ff0000") == pytest.approx(0.2126)
    assert contrast_ratio("#0000ff", "#ffffff") == pytest.approx(8.59, abs=0.01)
    with pytest.raises(ValueError):
        relative_luminance("red")


@pytest.mark.parametrize("name", THEMES)
def test_every_theme_loads_with_every_colour(name: str) -> None:
    theme = load_theme(name)
    assert set(theme.colours) == set(COLOUR_KEYS)
    assert theme.label


@pytest.mark.parametrize("name", THEMES)
def test_the_template_uses_only_colours_every_theme_defines(name: str) -> None:
    template = themes.template_path().read_text(encoding="utf-8")
    used = template_variables(template)
    assert used, "the template names no variables"
    assert used <= set(COLOUR_KEYS)
    sheet = render_stylesheet(template, load_theme(name))
    assert "@" not in sheet
    assert load_theme(name).colours["focus"] in sheet  # the focus ring is drawn in the theme's colour


@pytest.mark.parametrize("name", THEMES)
def test_text_meets_wcag_aa_in_every_theme(name: str) -> None:
    theme = load_theme(name)
    failures = [
        f"{fg} on {bg}: {ratio:.2f}:1 < {required}:1 ({where})"
        for fg, bg, ratio, required, where in contrast_report(theme)
        if ratio < required
    ]
    assert not failures, f"{name}: " + "; ".join(failures)


def test_the_pairs_cover_every_text_colour_and_high_contrast_holds_body_text_to_7() -> None:
    measured_fg = {fg for fg, _bg, _m, _w in CONTRAST_PAIRS}
    assert {
        "text",
        "muted",
        "button_text",
        "accent",
        "accent_text",
        "link",
        "error",
        "graph_text",
        "focus",
    } <= measured_fg
    hc = load_theme("high-contrast")
    for fg, bg in BODY_PAIRS:
        assert hc.contrast(fg, bg) >= 7.0, (fg, bg)
    # text is held to 4.5:1; only lines and shapes (borders, rings, edges) to 3:1
    text = {"text", "muted", "button_text", "accent", "accent_text", "link", "error", "graph_text"}
    assert all(minimum >= 4.5 for fg, _bg, minimum, _w in CONTRAST_PAIRS if fg in text)
    assert all(minimum >= 3.0 for _fg, _bg, minimum, _w in CONTRAST_PAIRS)


def test_a_theme_missing_or_adding_colours_is_rejected_with_their_names(tmp_path: Path) -> None:
    data = json.loads((themes.themes_dir() / "light.json").read_text(encoding="utf-8"))
    del data["colours"]["focus"]
    data["colours"]["fokus"] = "#000000"
    (tmp_path / "odd.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ThemeError, match=r"missing colours: focus; unknown colours: fokus"):
        load_theme("odd", tmp_path)
    data["colours"]["focus"] = "blue"
    del data["colours"]["fokus"]
    (tmp_path / "odd.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ThemeError, match="#rrggbb: focus = 'blue'"):
        load_theme("odd", tmp_path)
    (tmp_path / "bad.json").write_text("{", encoding="utf-8")
    with pytest.raises(ThemeError, match="not valid JSON"):
        load_theme("bad", tmp_path)
    with pytest.raises(ThemeError, match="cannot read"):
        load_theme("absent", tmp_path)


def test_a_template_variable_no_theme_defines_is_rejected() -> None:
    theme = load_theme("light")
    assert (
        render_stylesheet("QWidget { color: @text; } /* @ignored in comments */", theme)
        == "QWidget { color: #1a1d21; } "
    )
    with pytest.raises(ThemeError, match="@shadow"):
        render_stylesheet("QWidget { color: @shadow; }", theme)


def test_system_follows_the_desktop_and_a_choice_wins() -> None:
    assert resolve("system", system_dark=True) == "dark"
    assert resolve("system", system_dark=False) == "light"
    assert resolve("high-contrast", system_dark=False) == "high-contrast"
    assert resolve("light", system_dark=True) == "light"
    assert resolve("purple", system_dark=True) == "dark"  # an unknown stored choice: system


def test_zoom_steps() -> None:
    assert zoom_in(100) == 110 and zoom_out(100) == 90
    assert zoom_in(200) == 200 and zoom_out(80) == 80  # the ends hold
    assert clamp_zoom(5) == 80 and clamp_zoom(1000) == 200 and clamp_zoom(130) == 125
    percent, seen = 80, [80]
    while percent < 200:
        percent = zoom_in(percent)
        seen.append(percent)
    assert seen == list(themes.ZOOM_STEPS)


@pytest.mark.parametrize("name", THEMES)
def test_the_receded_graph_is_measured_as_drawn_and_its_text_reads(name: str) -> None:
    """Dimmed (receded) nodes are drawn at RECEDED_OPACITY: their text, composited over the
    composited fill, is held to 4.5:1 and their lines to 3:1 (High Contrast's was 2.45:1)."""
    theme = load_theme(name)
    report = {(fg, bg): (ratio, required) for fg, bg, ratio, required, _w in contrast_report(theme)}
    for fg, fill, minimum, _where in RECEDED_PAIRS:
        ratio, required = report[(f"{fg} (receded)", f"{fill} (receded)")]
        assert required == minimum and ratio >= minimum, (name, fg, fill, ratio)
    c = theme.colours
    fill = blend(c["graph_question_fill"], c["graph_background"], RECEDED_OPACITY)
    assert contrast_ratio(blend(c["graph_text"], fill, RECEDED_OPACITY), fill) >= 4.5
    assert blend("#ffffff", "#000000", 0.6) == "#999999" and blend("#102030", "#102030", 0.3) == "#102030"


# --- the presentation's own themes ---------------------------------------------------------------
@pytest.mark.parametrize("name", PRESENTATION_THEMES)
def test_every_presentation_theme_loads_with_exactly_its_colours(name: str) -> None:
    theme = load_presentation_theme(name)
    assert set(theme.colours) == set(PRESENTATION_KEYS)
    assert theme.name == f"presentation-{name}" and theme.label


@pytest.mark.parametrize("name", PRESENTATION_THEMES)
def test_presentation_text_meets_wcag_aa_and_high_contrast_body_text_7(name: str) -> None:
    theme = load_presentation_theme(name)
    report = contrast_report(theme)
    assert {(fg, bg) for fg, bg, *_ in report} == {(fg, bg) for fg, bg, _m, _w in PRESENTATION_CONTRAST_PAIRS} | {
        (f"{fg} (receded)", f"{bg} (receded)") for fg, bg, _m, _w in RECEDED_PAIRS
    }
    failures = [
        f"{fg} on {bg}: {ratio:.2f}:1 < {required}:1 ({where})"
        for fg, bg, ratio, required, where in report
        if ratio < required
    ]
    assert not failures, f"{name}: " + "; ".join(failures)
    if name == "high-contrast":
        assert all(theme.contrast(fg, bg) >= 7.0 for fg, bg in PRESENTATION_BODY_PAIRS)


def test_presentation_pairs_cover_every_text_colour_of_the_slide_and_its_graph() -> None:
    measured = {fg for fg, _bg, _m, _w in PRESENTATION_CONTRAST_PAIRS}
    assert {"text", "muted", "accent", "chosen_text", "link", "graph_text", "graph_path", "graph_current"} <= measured
    assert {bg for _fg, bg, _m, _w in PRESENTATION_CONTRAST_PAIRS} >= {"background", "chosen_bg", "panel"}
    rooms = {name: load_presentation_theme(name) for name in PRESENTATION_THEMES}
    assert rooms["dark-room"].dark and not rooms["bright-room"].dark  # a dark room and a bright one


def test_a_presentation_theme_is_validated_like_an_interface_theme(tmp_path: Path) -> None:
    data = json.loads((themes.themes_dir() / "presentation-dark-room.json").read_text(encoding="utf-8"))
    del data["colours"]["chosen_text"]
    data["colours"]["window"] = "#000000"  # an interface colour has no place here
    (tmp_path / "presentation-dark-room.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ThemeError, match=r"missing colours: chosen_text; unknown colours: window"):
        load_presentation_theme("dark-room", tmp_path)
    # an unknown stored choice falls back to the dark room
    assert load_presentation_theme("disco").name == "presentation-dark-room"
