"""The typed settings table: defaults, types, a round trip through the JSON file, a damaged file
kept aside, and the values of the old QSettings INI file moved over once."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from trainer.infra import settings as table
from trainer.infra.old_settings import parse_ini
from trainer.infra.settings import Settings, config_dir, old_settings_file, settings_file

# What QSettings (Qt 6) wrote for the old WindowSettings: the geometry as a byte array, a path
# that needs quoting and escapes, a screen layout that is itself JSON, and the zoom as a number.
OLD_INI = r"""[General]
odd=@@at start

[present]
theme=bright-room

[present_screens]
0123456789abcdef="{\"screens\": \"HDMI-1@1280x720;eDP-1@1920x1200\", \"audience\": \"HDMI-1\", \"console\": null}"

[study]
last_tree="C:\\Users\\Zo\xeb\\trees\\a, b=c;d.yaml"

[view]
reduced_motion=true
theme=dark
zoom=125

[window]
geometry=@ByteArray(\x1\xd9\xd0\xcb\0)
splitter=@ByteArray(\0\0\0\xff)
"""


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    return tmp_path / "config" / "settings.json", tmp_path / "data" / "settings.ini"


def test_every_setting_has_its_default_and_type_when_nothing_is_stored(files: tuple[Path, Path]) -> None:
    settings = Settings(*files)
    for row in table.TABLE:
        assert settings.get(row) == row.default and isinstance(settings.get(row), row.kind)
    assert not files[0].exists(), "nothing is written until something changes"


def test_the_presentation_default_is_the_presentation_themes_default() -> None:
    from trainer.draw.themes import DEFAULT_PRESENTATION_THEME

    assert table.PRESENTATION_THEME.default == DEFAULT_PRESENTATION_THEME


def test_values_round_trip_through_the_file_and_a_second_reader_sees_them(files: tuple[Path, Path]) -> None:
    first, second = Settings(*files), Settings(*files)
    first.set(table.ZOOM, 150)
    first.set(table.REDUCED_MOTION, True)
    second.set(table.LAST_TREE, "/trees/é.yaml")  # merged with the first one's changes, not over them
    first.set(table.SCREEN_LAYOUTS, {"abc": "{}"})
    again = Settings(*files)
    assert again.get(table.ZOOM) == 150 and again.get(table.REDUCED_MOTION) is True
    assert again.get(table.LAST_TREE) == "/trees/é.yaml" and again.get(table.SCREEN_LAYOUTS) == {"abc": "{}"}
    assert second.get(table.ZOOM) == 150
    assert json.loads(files[0].read_text(encoding="utf-8"))["view.zoom"] == 150


def test_a_value_of_the_wrong_type_is_refused(files: tuple[Path, Path]) -> None:
    settings = Settings(*files)
    for row, wrong in ((table.ZOOM, "150"), (table.ZOOM, True), (table.REDUCED_MOTION, 1), (table.THEME, None)):
        with pytest.raises(TypeError):
            settings.set(row, wrong)


def test_wrong_types_in_the_file_read_as_defaults_and_unknown_keys_are_kept(
    files: tuple[Path, Path], caplog: pytest.LogCaptureFixture
) -> None:
    path = files[0]
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"view.zoom": "big", "view.theme": "dark", "future.key": [1, 2]}), encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="trainer.settings"):
        settings = Settings(*files)
    assert settings.get(table.ZOOM) == 100 and settings.get(table.THEME) == "dark"
    assert "view.zoom" in caplog.text
    settings.set(table.ZOOM, 90)
    assert json.loads(path.read_text(encoding="utf-8"))["future.key"] == [1, 2]


@pytest.mark.parametrize("damage", [b"{not json", b"[1, 2]", b"\xff\xfe\x00garbage"], ids=["syntax", "list", "bytes"])
def test_a_damaged_file_gives_the_defaults_a_warning_and_is_kept_aside(
    files: tuple[Path, Path], caplog: pytest.LogCaptureFixture, damage: bytes
) -> None:
    path = files[0]
    path.parent.mkdir(parents=True)
    path.write_bytes(damage)
    with caplog.at_level(logging.WARNING, logger="trainer.settings"):
        settings = Settings(*files)
    assert settings.get(table.THEME) == "system"
    [kept] = path.parent.glob("settings.json.damaged-*")
    assert kept.read_bytes() == damage and str(kept) in caplog.text
    settings.set(table.THEME, "dark")
    assert Settings(*files).get(table.THEME) == "dark" and kept.read_bytes() == damage


def test_a_file_that_cannot_be_read_is_never_written_over(
    files: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = files[0]
    path.parent.mkdir(parents=True)
    path.write_text('{"view.zoom": 140}', encoding="utf-8")
    real_read = Path.read_text

    def refused(self: Path, *args: object, **kwargs: object) -> str:
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real_read(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "read_text", refused)
    settings = Settings(*files)
    assert settings.get(table.ZOOM) == 100
    settings.set(table.ZOOM, 90)
    monkeypatch.undo()
    assert path.read_text(encoding="utf-8") == '{"view.zoom": 140}'
    assert not list(path.parent.glob("*.damaged-*"))


def test_a_folder_that_cannot_be_written_costs_remembering_only(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocked = tmp_path / "a file"
    blocked.write_text("", encoding="utf-8")
    settings = Settings(blocked / "settings.json", tmp_path / "none.ini")
    with caplog.at_level(logging.WARNING, logger="trainer.settings"):
        settings.set(table.ZOOM, 120)
        settings.set(table.ZOOM, 130)
    assert settings.get(table.ZOOM) == 130
    assert caplog.text.count("cannot be saved") == 1, "said once, not at every change"


def test_the_old_ini_files_values_are_moved_over_once(files: tuple[Path, Path]) -> None:
    path, ini = files
    ini.parent.mkdir(parents=True)
    ini.write_text(OLD_INI, encoding="utf-8")
    settings = Settings(path, ini)
    assert settings.get(table.LAST_TREE) == "C:\\Users\\Zo\xeb\\trees\\a, b=c;d.yaml"
    assert settings.get(table.REDUCED_MOTION) is True
    assert settings.get(table.THEME) == "dark" and settings.get(table.ZOOM) == 125
    assert settings.get(table.PRESENTATION_THEME) == "bright-room"
    layout = json.loads(settings.get(table.SCREEN_LAYOUTS)["0123456789abcdef"])
    assert layout == {"screens": "HDMI-1@1280x720;eDP-1@1920x1200", "audience": "HDMI-1", "console": None}
    assert path.exists(), "moved at once"
    assert ini.read_text(encoding="utf-8") == OLD_INI, "the INI keeps the geometry (and an older version its values)"
    settings.set(table.THEME, "light")
    ini.write_text(OLD_INI.replace("theme=dark", "theme=high-contrast"), encoding="utf-8")
    assert Settings(path, ini).get(table.THEME) == "light", "only once: the INI is not read again"


def test_the_ini_reader_skips_what_is_not_a_string() -> None:
    values = parse_ini(OLD_INI + 'list=a, b\n[with%20space]\nk%3Dey="x\\ty"\n; a comment\n')
    assert values["odd"] == "@at start"
    assert "window/geometry" not in values and "window/splitter" not in values and "list" not in values
    assert values["with space/k=ey"] == "x\ty"


def test_the_config_folder_follows_the_data_folder_in_tests(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRAINER_DATA_DIR", str(tmp_path))
    assert config_dir() == tmp_path / "config" and settings_file() == tmp_path / "config" / "settings.json"
    assert old_settings_file() == tmp_path / "settings.ini"
