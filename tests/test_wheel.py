"""The built wheel carries the bundled trees, the resources and the schema, and an installed
copy finds them: `pip install .` (not editable) must give a working app, not an empty library.

The wheel is built from this checkout and installed with --no-deps into a folder of its own,
which is put first on the path of a fresh interpreter started outside the checkout; its
dependencies come from the test environment (installing PySide6 again would add minutes and
prove nothing about our packaging)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=300, env=env)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    return done


def test_an_installed_wheel_carries_trees_resources_and_schema(tmp_path: Path) -> None:
    _run(
        sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(tmp_path / "wheel"), cwd=tmp_path
    )
    [wheel] = (tmp_path / "wheel").glob("decision_tree_trainer-*.whl")
    site = tmp_path / "site"
    _run(sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site), str(wheel), cwd=tmp_path)
    probe = (
        "import json, sys; sys.path.insert(0, sys.argv[1]);"
        "import trainer, trainer.infra.paths as p, trainer.draw.themes as t;"
        "print(json.dumps({'package': trainer.__file__,"
        "'trees': sorted(x.name for x in p.bundled_trees_dir().glob('*.yaml')),"
        "'themes': sorted(x.name for x in (p.resources_dir() / 'styles' / 'themes').glob('*.json')),"
        "'qss': (p.resources_dir() / 'styles' / 'base.qss').is_file(),"
        "'schema': (p.Path(trainer.__file__).parent / 'schema' / 'tree-v1.schema.json').is_file()}))"
    )
    found = json.loads(_run(sys.executable, "-c", probe, str(site), cwd=tmp_path).stdout)
    assert Path(found["package"]).is_relative_to(site)  # the installed copy, not this checkout
    assert found["trees"] == sorted(p.name for p in (ROOT / "trees").glob("*.yaml"))
    assert found["themes"] == sorted(p.name for p in (ROOT / "resources" / "styles" / "themes").glob("*.json"))
    assert found["qss"] and found["schema"]
    env = {**os.environ, "PYTHONPATH": str(site), "TRAINER_DATA_DIR": str(tmp_path / "data")}
    checked = _run(
        sys.executable,
        "-m",
        "trainer",
        "validate",
        "--strict",
        str(site / "trainer" / "_bundled" / "trees"),
        cwd=tmp_path,
        env=env,
    )
    assert "0 errors" in checked.stdout + checked.stderr
