"""`trainer export`: formats from extensions or the option, files written safely, usage errors
and write failures as one line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from trainer.cli import main
from trainer.core.library import read_tree
from trainer.interop.export import export_text


@pytest.mark.parametrize(("fmt", "ext"), [("dot", ".dot"), ("dot", ".gv"), ("mermaid", ".mmd"), ("md", ".md")])
def test_export_to_a_file_takes_the_format_from_its_extension(
    capsys, nasty_file: Path, tmp_path: Path, fmt: str, ext: str
) -> None:
    out = tmp_path / f"out{ext}"
    assert main(["export", str(nasty_file), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == export_text(read_tree(nasty_file).tree, fmt)
    assert capsys.readouterr().out == ""
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == [], "no temporary file left behind"


@pytest.mark.parametrize("fmt", ["dot", "mermaid", "md"])
def test_export_to_stdout(capsys, nasty_file: Path, fmt: str) -> None:
    assert main(["export", str(nasty_file), "-f", fmt, "-o", "-", "--direction", "right"]) == 0
    assert capsys.readouterr().out == export_text(read_tree(nasty_file).tree, fmt, "right")


def test_format_option_wins_over_the_extension(nasty_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.md"
    assert main(["export", str(nasty_file), "-f", "mermaid", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("---\ntitle:")


def test_export_overwrites_an_existing_file_keeping_its_permissions(nasty_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.dot"
    out.write_text("old")
    out.chmod(0o640)
    assert main(["export", str(nasty_file), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("digraph")
    assert out.stat().st_mode & 0o777 == 0o640


def test_a_new_file_gets_the_usual_permissions(nasty_file: Path, tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        out = tmp_path / "out.dot"
        assert main(["export", str(nasty_file), "-o", str(out)]) == 0
    finally:
        os.umask(old)
    assert out.stat().st_mode & 0o777 == 0o644  # not the 0600 of a temporary file


def test_bad_format_is_bad_usage(capsys, nasty_file: Path, tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["export", str(nasty_file), "-f", "jpeg", "-o", str(tmp_path / "out.jpeg")])
    assert exc.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


@pytest.mark.parametrize("out", ["out.txt", "out", "-"])
def test_no_format_from_either_side_is_bad_usage(capsys, nasty_file: Path, tmp_path: Path, out: str) -> None:
    target = out if out == "-" else str(tmp_path / out)
    assert main(["export", str(nasty_file), "-o", target]) == 2
    err = capsys.readouterr().err
    assert err.startswith("trainer export: give the format with -f") and err.count("\n") == 1
    assert not (tmp_path / out).exists()


def test_missing_output_option_is_bad_usage(nasty_file: Path) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["export", str(nasty_file), "-f", "dot"])
    assert exc.value.code == 2


def test_images_cannot_go_to_stdout(capsys, nasty_file: Path) -> None:
    assert main(["export", str(nasty_file), "-f", "png", "-o", "-"]) == 2
    assert "standard output" in capsys.readouterr().err


def test_missing_tree_is_bad_usage(capsys, tmp_path: Path) -> None:
    assert main(["export", str(tmp_path / "nope.yaml"), "-o", str(tmp_path / "out.dot")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_exporting_over_the_tree_itself_is_refused(capsys, nasty_file: Path) -> None:
    before = nasty_file.read_bytes()
    assert main(["export", str(nasty_file), "-f", "md", "-o", str(nasty_file)]) == 2
    assert nasty_file.read_bytes() == before


def test_a_broken_tree_prints_its_problems_and_writes_nothing(capsys, write_tree, clean_tree, tmp_path: Path) -> None:
    broken = write_tree(clean_tree.replace("next: bad", "next: nowhere"), "broken.yaml")
    out = tmp_path / "out.dot"
    assert main(["export", str(broken), "-o", str(out)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"{broken}:13:15: error: 'next: nowhere' names no node" in captured.err
    assert captured.err.splitlines()[-1] == f"trainer export: {broken} has errors; nothing was written"
    assert not out.exists()


def test_a_missing_folder_is_one_line(capsys, nasty_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "no" / "such" / "out.md"
    assert main(["export", str(nasty_file), "-o", str(out)]) == 1
    assert capsys.readouterr().err == f"trainer export: cannot write {out}: No such file or directory\n"


def test_a_file_in_place_of_the_folder_is_one_line(capsys, nasty_file: Path, tmp_path: Path) -> None:
    (tmp_path / "plain").write_text("")
    out = tmp_path / "plain" / "out.md"
    assert main(["export", str(nasty_file), "-o", str(out)]) == 1
    assert capsys.readouterr().err == f"trainer export: cannot write {out}: Not a directory\n"


def test_a_folder_as_output_is_one_line(capsys, nasty_file: Path, tmp_path: Path) -> None:
    (tmp_path / "out.md").mkdir()
    assert main(["export", str(nasty_file), "-o", str(tmp_path / "out.md")]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"trainer export: cannot write {tmp_path / 'out.md'}: ") and err.count("\n") == 1
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_permission_denied_is_one_line(capsys, monkeypatch, nasty_file: Path, tmp_path: Path) -> None:
    # A read-only folder cannot stand in for this: CI runs as root, which writes anyway.
    import tempfile

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    out = tmp_path / "out.md"
    assert main(["export", str(nasty_file), "-o", str(out)]) == 1
    assert capsys.readouterr().err == f"trainer export: cannot write {out}: Permission denied\n"


def test_a_failed_write_leaves_the_old_file_and_no_temporary(
    capsys, monkeypatch, nasty_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out.dot"
    out.write_text("old")

    def fail(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    assert main(["export", str(nasty_file), "-o", str(out)]) == 1
    assert out.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["nasty.yaml", "out.dot"]
    assert capsys.readouterr().err == f"trainer export: cannot write {out}: No space left on device\n"


def test_image_formats_say_so_when_the_renderer_is_missing(
    capsys, monkeypatch, nasty_file: Path, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "trainer.ui.export.render", None)
    assert main(["export", str(nasty_file), "-o", str(tmp_path / "out.svg")]) == 2
    assert capsys.readouterr().err == "trainer export: svg export is not available yet\n"


def test_image_formats_go_to_the_renderer(monkeypatch, nasty_file: Path, tmp_path: Path) -> None:
    import types

    calls = []
    fake = types.ModuleType("trainer.ui.export.render")
    fake.export_image = lambda tree, fmt, out, scale, direction, on_step=None: calls.append(
        (tree.id, fmt, out, scale, direction)
    )  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "trainer.ui.export.render", fake)
    out = tmp_path / "out.png"
    assert main(["export", str(nasty_file), "-o", str(out), "--scale", "2.5", "--direction", "right"]) == 0
    assert calls == [("nasty", "png", out, 2.5, "right")]


@pytest.mark.parametrize("scale", ["0", "-1", "x", "1000"])
def test_a_bad_scale_is_bad_usage(nasty_file: Path, tmp_path: Path, scale: str) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["export", str(nasty_file), "-o", str(tmp_path / "out.png"), "--scale", scale])
    assert exc.value.code == 2


def test_main_help_mentions_export(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "export TREE -o OUT" in capsys.readouterr().out


def test_text_export_loads_neither_qt_nor_networkx(nasty_file: Path) -> None:
    code = (
        "import sys, json, contextlib, io\nfrom trainer.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main(['export', {str(nasty_file)!r}, '-f', 'md', '-o', '-']) == 0\n"
        "print(json.dumps(sorted(sys.modules)))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    modules = set(json.loads(done.stdout.splitlines()[-1]))
    assert "trainer.interop.text" in modules
    assert not {m for m in modules if m.startswith(("PySide6", "shiboken6", "networkx"))}


def test_python_m_trainer_export_pipes_utf8(nasty_file: Path) -> None:
    env = {**os.environ, "PYTHONIOENCODING": "ascii", "LC_ALL": "C"}
    done = subprocess.run(
        [sys.executable, "-m", "trainer", "export", str(nasty_file), "-f", "mermaid", "-o", "-"],
        capture_output=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "日本".encode() in done.stdout and b"Traceback" not in done.stderr


def test_a_png_too_large_is_scaled_and_the_command_says_so(capsys, nasty_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "big.png"
    assert main(["export", str(nasty_file), "-o", str(out), "--scale", "60"]) == 0
    err = capsys.readouterr().err
    assert out.stat().st_size > 0 and "scaled to" in err and "SVG or PDF" in err
