"""The command line: --help, summary, exit codes."""

from __future__ import annotations

import subprocess
import sys

from analysis.cli.main import main


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analysis", *args], capture_output=True, text=True, timeout=120)


def test_help_lists_commands():
    out = run_cli("--help")
    assert out.returncode == 0
    assert "summary" in out.stdout


def test_summary_prints_the_seed_table(capsys, seeds_dir):
    assert main(["summary", str(seeds_dir)]) == 0
    out = capsys.readouterr().out
    assert "004_ea76408ea7aed2fe" in out and "Yonhap" in out and "2024-01-05" in out
    assert "flesch_reading_ease" in out
    assert "5 articles" in out


def test_missing_corpus_is_a_one_line_error_with_status_2(tmp_path):
    out = run_cli("summary", str(tmp_path / "nope"))
    assert out.returncode == 2
    assert out.stderr.strip().count("\n") == 0
    assert "no such file or folder" in out.stderr and "Traceback" not in out.stderr


def test_unknown_command_is_status_2():
    assert run_cli("frobnicate").returncode == 2


def test_notebooks_command_lays_out_notebooks_beside_the_sample(tmp_path, capsys):
    from pathlib import Path

    repo = Path(__file__).resolve().parents[1]
    assert main(["notebooks", str(tmp_path / "lab")]) == 0
    out = capsys.readouterr().out
    names = sorted(p.name for p in (tmp_path / "lab" / "notebooks").iterdir())
    assert names == sorted(p.name for p in (repo / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    assert (tmp_path / "lab" / "seeds" / "manifest.csv").read_bytes() == (repo / "seeds" / "manifest.csv").read_bytes()
    assert "jupyter lab" in out
    # the notebooks' own default, "../seeds", now finds the copied sample
    assert (tmp_path / "lab" / "notebooks" / ".." / "seeds").resolve() == (tmp_path / "lab" / "seeds").resolve()
    # a second copy refuses to overwrite, unless told to
    assert main(["notebooks", str(tmp_path / "lab")]) == 2
    assert "already exists" in capsys.readouterr().err
    assert main(["notebooks", str(tmp_path / "lab"), "--force"]) == 0


def test_ctrl_c_while_the_commands_are_still_being_imported_is_one_line_and_130(monkeypatch, capsys):
    def interrupted_import():
        raise KeyboardInterrupt  # as when Ctrl-C lands while pandas is imported by a command module

    monkeypatch.setattr("analysis.cli.main.build_parser", interrupted_import)
    assert main(["render"]) == 130
    err = capsys.readouterr().err
    assert err == "error: interrupted\n"
