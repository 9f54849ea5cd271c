"""The domain is plain Python: no module outside trainer/ui may import Qt, and the command line
does not pay for Qt or networkx when it only validates."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import trainer

DOMAIN = sorted(
    f"trainer.{m.name}" for m in pkgutil.iter_modules(trainer.__path__) if m.name not in ("ui", "__main__")
)


def imported_after(code: str) -> set[str]:
    script = f"import sys, json\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return set(json.loads(out.stdout))


def test_domain_modules_import_no_qt() -> None:
    assert "trainer.loader" in DOMAIN and "trainer.graph" in DOMAIN
    modules = imported_after("\n".join(f"import {m}" for m in DOMAIN))
    assert not {m for m in modules if m.startswith(("PySide6", "shiboken6"))}


def test_validate_command_loads_neither_qt_nor_networkx(tmp_path) -> None:
    (tmp_path / "t.yaml").write_text("format: 1\n")
    code = (
        "import contextlib, io\nfrom trainer.cli import main\n"
        f"with contextlib.redirect_stdout(io.StringIO()):\n    main(['validate', {str(tmp_path)!r}])"
    )
    modules = imported_after(code)
    assert "trainer.validate" in modules
    assert not {m for m in modules if m.startswith(("PySide6", "networkx"))}
