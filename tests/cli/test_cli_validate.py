"""`trainer validate PATH...`: compiler-style output, a summary, exit codes, --strict, --format json."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import trainer
from trainer.cli import main


@pytest.fixture
def clean_file(write_tree, clean_tree):
    return write_tree(clean_tree, "clean.yaml")


@pytest.fixture
def warning_file(write_tree, clean_tree):
    return write_tree(clean_tree.split("scenarios:")[0].replace("id: clean", "id: warned"), "warned.yaml")


@pytest.fixture
def error_file(write_tree, clean_tree):
    return write_tree(clean_tree.replace("format: 1", "format: 2"), "broken.yaml")


def test_clean_file_exits_0_with_a_summary(capsys, clean_file):
    assert main(["validate", str(clean_file)]) == 0
    assert capsys.readouterr().out == "checked 1 file: 0 errors, 0 warnings\n"


def test_errors_exit_1_and_are_printed_like_a_compiler(capsys, error_file):
    assert main(["validate", str(error_file)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        f"{error_file}:1:9: error: unsupported format '2': this app reads 'format: 1'",
        "checked 1 file: 1 error, 0 warnings",
    ]


def test_warnings_alone_exit_0(capsys, warning_file):
    assert main(["validate", str(warning_file)]) == 0
    out = capsys.readouterr().out
    assert f"{warning_file}:2:5: warning: the tree has no scenarios" in out
    assert out.endswith("checked 1 file: 0 errors, 1 warning\n")


def test_strict_makes_warnings_fail(capsys, warning_file):
    assert main(["validate", "--strict", str(warning_file)]) == 1


def test_a_folder_is_searched_for_yaml_and_yml(capsys, write_tree, clean_tree, tmp_path):
    write_tree(clean_tree, "lib/a.yaml")
    write_tree(clean_tree.replace("id: clean", "id: other"), "lib/deeper/b.yml")
    write_tree("not a tree", "lib/notes.txt")
    assert main(["validate", str(tmp_path / "lib")]) == 0
    assert capsys.readouterr().out.endswith("checked 2 files: 0 errors, 0 warnings\n")


def test_json_format_has_located_problems(capsys, error_file, warning_file):
    assert main(["validate", "--format", "json", str(error_file), str(warning_file)]) == 1
    report = json.loads(capsys.readouterr().out)
    assert (report["files"], report["errors"], report["warnings"]) == (2, 1, 1)
    first = report["problems"][0]
    assert first == {
        "path": str(error_file),
        "line": 1,
        "column": 9,
        "severity": "error",
        "message": "unsupported format '2': this app reads 'format: 1'",
    }
    assert {(p["line"], p["column"], p["severity"]) for p in report["problems"]} == {(1, 9, "error"), (2, 5, "warning")}


def test_missing_path_exits_2(capsys, tmp_path):
    assert main(["validate", str(tmp_path / "nope.yaml")]) == 2
    assert "no such file or folder" in capsys.readouterr().err


def test_folder_without_tree_files_exits_2(capsys, tmp_path):
    assert main(["validate", str(tmp_path)]) == 2
    assert "no .yaml or .yml files found" in capsys.readouterr().err


def test_no_paths_is_bad_usage(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["validate"])
    assert exc.value.code == 2
    assert "PATH" in capsys.readouterr().err


def test_unknown_format_option_is_bad_usage(capsys, clean_file):
    with pytest.raises(SystemExit) as exc:
        main(["validate", "--format", "xml", str(clean_file)])
    assert exc.value.code == 2


def test_python_m_trainer_validate(clean_file, error_file):
    ok = subprocess.run(
        [sys.executable, "-m", "trainer", "validate", str(clean_file)], capture_output=True, text=True, timeout=60
    )
    assert (ok.returncode, ok.stdout) == (0, "checked 1 file: 0 errors, 0 warnings\n")
    bad = subprocess.run(
        [sys.executable, "-m", "trainer", "validate", str(error_file)], capture_output=True, text=True, timeout=60
    )
    assert bad.returncode == 1 and f"{error_file}:1:9: error:" in bad.stdout
    assert "Traceback" not in bad.stderr


def test_python_m_trainer_version():
    done = subprocess.run([sys.executable, "-m", "trainer", "--version"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0
    assert done.stdout.strip() == f"trainer {trainer.__version__}"
