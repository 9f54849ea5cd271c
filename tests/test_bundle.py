"""The standalone one-folder app (PyInstaller, packaging/build.sh) is built and run with no
Python of ours around it: --version, validate on the bundled trees, an export, and the main
window opened offscreen. Plus the desktop integration files: the .desktop entry, the AppStream
metainfo and the icon at the usual sizes."""

from __future__ import annotations

import configparser
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from trainer.draw.themes import load_theme

ROOT = Path(__file__).resolve().parents[1]
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def _run(args: list[str], env: dict[str, str], cwd: Path) -> str:
    done = subprocess.run(args, capture_output=True, text=True, timeout=600, env=env, cwd=cwd)
    assert done.returncode == 0, (args, done.stdout[-2000:], done.stderr[-3000:])
    return done.stdout + done.stderr


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("bundle")
    env = {
        **os.environ,
        "DIST": str(out / "dist"),
        "WORK": str(out / "work"),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    _run(["bash", str(ROOT / "packaging" / "build.sh")], env, ROOT)
    app = out / "dist" / "decision-tree-trainer" / "decision-tree-trainer"
    assert app.is_file()
    return app


def test_the_bundle_runs_with_no_checkout_around_it(bundle: Path, tmp_path: Path) -> None:
    # No PYTHONPATH, no virtual environment on PATH, run from an unrelated folder.
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "QT_QPA_PLATFORM": "offscreen",
        "TRAINER_DATA_DIR": str(tmp_path / "data"),
        "LANG": "C.UTF-8",
    }
    assert "trainer 0.1.0" in _run([str(bundle), "--version"], env, tmp_path)
    trees = next(bundle.parent.rglob("trees"))
    assert "0 errors, 0 warnings" in _run([str(bundle), "validate", "--strict", str(trees)], env, tmp_path)
    _run([str(bundle), "export", str(trees / "edge-resilience.yaml"), "-o", str(tmp_path / "edge.svg")], env, tmp_path)
    assert "<svg" in (tmp_path / "edge.svg").read_text(encoding="utf-8")
    # as the app runs it in a child process for a large drawing: its theme files come from the bundle
    _run(
        [
            str(bundle),
            "export",
            str(trees / "edge-resilience.yaml"),
            "-o",
            str(tmp_path / "dark.svg"),
            "--theme",
            "dark",
            "--progress",
        ],
        env,
        tmp_path,
    )
    assert load_theme("dark").colours["graph_background"] in (tmp_path / "dark.svg").read_text(encoding="utf-8")
    shown = _run([str(bundle), "--check-start"], env, tmp_path)
    bundled = len(list((ROOT / "trees").glob("*.yaml")))
    assert "window shown:" in shown and f"{bundled} trees, {bundled} usable" in shown


def test_desktop_entry_metainfo_and_icons() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # keys are case-sensitive
    entry.read(ROOT / "packaging" / "decision-tree-trainer.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application" and desktop["Exec"].startswith("decision-tree-trainer")
    assert desktop["Icon"] == "decision-tree-trainer" and desktop["Categories"].endswith(";")
    meta = ET.parse(ROOT / "packaging" / "io.github.decision_tree_trainer.metainfo.xml").getroot()
    assert meta.tag == "component" and meta.get("type") == "desktop-application"
    assert (
        meta.findtext("launchable") == "decision-tree-trainer.desktop"
        and meta.findtext("name") == "Decision Tree Trainer"
    )
    from PySide6.QtGui import QImage

    for size in ICON_SIZES:
        image = QImage(str(ROOT / "resources" / "icons" / f"decision-tree-trainer-{size}.png"))
        assert (image.width(), image.height()) == (size, size)
    assert (ROOT / "resources" / "icons" / "decision-tree-trainer.svg").is_file()
