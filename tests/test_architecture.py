"""The shape docs/architecture.md describes, checked on every module: the import-linter
contracts hold, Qt stays in trainer/ui at any depth (function-level and TYPE_CHECKING imports
included), nothing in the window imports the main window, and no module grows past what one
reader holds in mind."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "trainer"
MAX_MODULE_LINES = 500
MAX_MAIN_WINDOW_LINES = 300
QT = ("PySide6", "shiboken6")
MAIN_WINDOW = "trainer.ui.shell.main_window"


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def dotted(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_names(path: Path) -> Iterator[str]:
    package = dotted(path) if path.name == "__init__.py" else dotted(path).rpartition(".")[0]
    return names_in(path.read_text(encoding="utf-8"), package)


def names_in(source: str, package: str) -> Iterator[str]:
    """Every module an import statement anywhere in the source names, relative ones resolved."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            yield base
            yield from (f"{base}.{alias.name}" for alias in node.names)


def test_the_import_contracts_hold() -> None:
    """Layers, Qt only in the window, no cycles: the contracts in pyproject.toml. Run as a
    process, as CI runs it (in-process it would reconfigure the tests' logging)."""
    command = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or "lint-imports"
    run = subprocess.run([command, "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]


@pytest.mark.parametrize("path", [p for p in modules() if not dotted(p).startswith("trainer.ui")], ids=dotted)
def test_no_domain_module_imports_qt_at_any_depth(path: Path) -> None:
    qt = [name for name in imported_names(path) if name.split(".")[0] in QT]
    assert not qt, f"{dotted(path)} imports {qt}"


def test_the_walk_sees_nested_and_relative_imports() -> None:
    """The checks here would be blind if the walk missed imports in functions, under
    TYPE_CHECKING or written relatively: prove it does not."""
    source = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from ..shell.main_window import MainWindow\n"
        "def late():\n    from PySide6.QtCore import QObject\n    import shiboken6\n"
    )
    names = set(names_in(source, "trainer.ui.present"))
    assert {"PySide6.QtCore", "shiboken6", "trainer.ui.shell.main_window.MainWindow"} <= names


@pytest.mark.parametrize("path", [p for p in modules() if dotted(p).startswith("trainer.ui")], ids=dotted)
def test_no_window_module_imports_the_main_window(path: Path) -> None:
    """Controllers get narrow interfaces; only the command line composes the main window."""
    if dotted(path) == MAIN_WINDOW:
        return
    assert not [n for n in imported_names(path) if n.startswith(MAIN_WINDOW)], dotted(path)


@pytest.mark.parametrize("path", modules(), ids=dotted)
def test_modules_stay_small(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    limit = MAX_MAIN_WINDOW_LINES if dotted(path) == MAIN_WINDOW else MAX_MODULE_LINES
    assert lines <= limit, f"{dotted(path)} has {lines} lines (at most {limit})"


def test_the_package_ships_its_type_hints() -> None:
    assert (PACKAGE / "py.typed").is_file()
