"""Build hook: the wheel carries the bundled trees and resources.

They live at the top of the repository (trees/, resources/), outside the `trainer` package, so
an installed wheel would otherwise have none. This copies them into the built package as
`trainer/_bundled/`; `trainer.infra.paths` looks there first, then in a checkout. Everything else
about the build is in pyproject.toml.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
BUNDLED = ("trees", "resources")


class build_py_with_bundled(build_py):  # noqa: N801 - setuptools names commands this way
    def run(self) -> None:
        super().run()
        if self.editable_mode:  # an editable install reads them from the checkout
            return
        target = Path(self.build_lib) / "trainer" / "_bundled"
        for name in BUNDLED:
            shutil.rmtree(target / name, ignore_errors=True)
            shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))


setup(cmdclass={"build_py": build_py_with_bundled})
