"""The progress line: on a terminal only, never in logs, and gone before the report."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from golint_delete import progress

pytestmark = pytest.mark.slow  # runs the command in subprocesses and terminals

ROOT = Path(__file__).resolve().parent.parent


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_draws_after_the_delay_and_clears_its_line(monkeypatch) -> None:
    out = _Tty()
    monkeypatch.setattr(progress, "_DELAY", 0.0)
    monkeypatch.setattr(progress, "_EVERY", 0.0)
    bar = progress.Progress(40, out)
    bar.advance(10)
    bar.advance(30)
    bar.close()
    text = out.getvalue()
    assert "10/40 files" in text and "40/40 files" in text
    assert text.endswith("\r\x1b[2K")


def test_quick_runs_draw_nothing() -> None:
    out = _Tty()
    bar = progress.Progress(40, out)
    bar.advance(40)
    bar.close()
    assert out.getvalue() == ""


def test_only_on_a_terminal_and_not_when_quiet() -> None:
    assert progress.wanted(False, _Tty())
    assert not progress.wanted(True, _Tty())
    assert not progress.wanted(False, io.StringIO())


def test_cli_keeps_escape_codes_out_of_logs_and_out_of_stdout(tmp_path: Path) -> None:
    # A real run whose stderr is a pseudo-terminal and whose stdout is a pipe (`check > report`):
    # the report must stay clean whatever the bar does.
    primary, secondary = pty.openpty()
    try:
        done = subprocess.run([sys.executable, "-m", "golint_delete", "check", "--no-cache", "--format", "json",
                               "--fail-on", "never", str(ROOT / "testdata")], stdout=subprocess.PIPE,
                              stderr=secondary, timeout=300, cwd=tmp_path)
    finally:
        os.close(secondary)
        os.close(primary)
    assert done.returncode == 0
    assert b"\x1b" not in done.stdout and b"files" not in done.stdout[:1]
    logged = subprocess.run([sys.executable, "-m", "golint_delete", "check", "--no-cache", "--fail-on", "never",
                             str(ROOT / "testdata")], capture_output=True, timeout=300, cwd=tmp_path)
    assert b"\x1b" not in logged.stderr and b"golint-delete [" not in logged.stderr
