"""The code's style is checked, not hoped for: ruff's lint rules and its formatter (pyproject.toml)."""

import subprocess
import sys

from sites import ROOT


def ruff(*arguments):
    return subprocess.run([sys.executable, "-m", "ruff", *arguments], cwd=ROOT, capture_output=True, text=True)


def test_ruff_finds_no_problem():
    result = ruff("check", "--no-cache", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_code_is_formatted_as_ruff_formats_it():
    result = ruff("format", "--check", "--no-cache", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_is_configured_to_find_what_it_is_asked_to(tmp_path):
    unused = tmp_path / "unused_import.py"
    unused.write_text("import os\n", encoding="utf-8")
    result = ruff("check", "--no-cache", "--config", str(ROOT / "pyproject.toml"), str(unused))
    assert result.returncode != 0 and "F401" in result.stdout
