#!/usr/bin/env bash
# Build the one-folder app into dist/decision-tree-trainer/ (run from anywhere; needs
# `pip install pyinstaller` in the environment that has the app installed). The same recipe
# works on Windows and macOS: `pyinstaller --noconfirm --clean packaging/trainer.spec`.
set -euo pipefail
cd "$(dirname "$0")/.."
python -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "${DIST:-dist}" --workpath "${WORK:-build/pyinstaller}" packaging/trainer.spec
echo "built ${DIST:-dist}/decision-tree-trainer/decision-tree-trainer"
