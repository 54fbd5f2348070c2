"""rules/*.md is the single source of rule documentation: it must match the registry, its examples
must behave as they say, and an installed wheel must carry it."""

from __future__ import annotations

import re
import subprocess
import sys
import venv
from pathlib import Path

import pytest
from conftest import ROOT, TESTDATA, run_cli

from golint_delete import docs
from golint_delete.engine import FileTask, Options, analyse
from golint_delete.rules import BY_ID, REGISTRY
from golint_delete.runner import select_rules

pytestmark = pytest.mark.slow  # builds and installs a wheel

SECTIONS = ["What it finds", "Why it matters in Go", "Bad", "Good", "Fix", "Go versions", "References"]
PAGES = sorted((ROOT / "rules").glob("GD*.md"))


def test_registry_matches_pages_and_testdata() -> None:
    ids = [r.id for r in REGISTRY]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    assert len({r.name for r in REGISTRY}) == len(REGISTRY)
    assert {p.stem for p in PAGES} == set(ids), "every rule has a page and every page a rule"
    for r in REGISTRY:
        assert (TESTDATA / r.id.lower()).is_dir(), f"{r.id} has no testdata"
        module = ROOT / "golint_delete" / "rules"
        assert list(module.glob(f"{r.id.lower()}_*.py")), f"{r.id} has no module"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_page_shape(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    rule = BY_ID[page.stem]
    first = text.split("\n", 1)[0]
    m = re.fullmatch(rf"# {rule.id} {rule.name}: (.+)", first)
    assert m, f"first line must be '# {rule.id} {rule.name}: title', got {first!r}"
    title = m.group(1)
    assert not title.endswith("."), title
    headings = re.findall(r"^## (.+)$", text, re.MULTILINE)
    assert headings == SECTIONS, headings
    # Metadata is rendered from the registry; prose that restates it would drift.
    assert not re.search(r"^\s*(Severity|Fixable|Default severity)\s*:", text, re.MULTILINE | re.IGNORECASE)


# Rules about Go assembly show assembly in their examples.
ASM_RULES = {r.id for r in REGISTRY if r.text_check is not None}


def _lang(rule_id: str) -> str:
    return "asm" if rule_id in ASM_RULES else "go"


def _only_block(rule_id: str, heading: str) -> str:
    body = docs.section(rule_id, heading)
    lang = _lang(rule_id)
    blocks = re.findall(rf"```{lang}\n(.*?)```", body, re.DOTALL)
    assert len(blocks) == 1, f"{rule_id} ## {heading} must hold exactly one ```{lang} block"
    return blocks[0]


def _findings(rule_id: str, source: str, tmp_path: Path):
    f = tmp_path / ("example_amd64.s" if _lang(rule_id) == "asm" else "example.go")
    f.write_text(source)
    rules = select_rules(None, [rule_id], [])
    [result] = analyse([FileTask(str(f), f.name, (1, 27))], Options(rules=rules), BY_ID)
    assert not result.errors, result.errors
    return [x for x in result.findings if x.rule == rule_id]


@pytest.mark.parametrize("rule_id", [r.id for r in REGISTRY])
def test_bad_example_fires_and_good_stays_silent(rule_id: str, tmp_path: Path) -> None:
    assert _findings(rule_id, _only_block(rule_id, "Bad"), tmp_path), f"{rule_id}: Bad example is not flagged"
    assert not _findings(rule_id, _only_block(rule_id, "Good"), tmp_path), f"{rule_id}: Good example is flagged"


@pytest.mark.parametrize("rule_id", [r.id for r in REGISTRY])
def test_examples_compile(go: str, rule_id: str, tmp_path: Path) -> None:
    from conftest import go_env

    for heading in ("Bad", "Good"):
        d = tmp_path / heading
        d.mkdir()
        if _lang(rule_id) == "asm":
            # Assembly: it must assemble for amd64 (vet's asmdecl would also need the Go
            # declarations, which the page describes in prose).
            (d / "example_amd64.s").write_text(_only_block(rule_id, heading))
            goroot = subprocess.run([go, "env", "GOROOT"], capture_output=True, text=True, env=go_env()).stdout.strip()
            out = subprocess.run([go, "tool", "asm", "-p", "example", "-I", f"{goroot}/pkg/include",
                                  "-o", str(d / "x.o"), "example_amd64.s"], cwd=d, capture_output=True, text=True,
                                 env={**go_env(), "GOARCH": "amd64", "GOOS": "linux"}, timeout=300)
        else:
            (d / "go.mod").write_text("module example.com/doc\n\ngo 1.22\n")
            (d / "example.go").write_text(_only_block(rule_id, heading))
            out = subprocess.run([go, "vet", "./..."], cwd=d, capture_output=True, text=True, env=go_env(), timeout=300)
        assert out.returncode == 0, f"{rule_id} {heading}: {out.stderr}"


def test_explain_prints_page_and_metadata() -> None:
    out = run_cli("explain", "clear-loop")
    assert out.returncode == 0, out.stderr
    text = out.stdout.decode()
    assert text.startswith("# GD301 clear-loop:")
    assert "Severity: note" in text and "Go: >= 1.21" in text
    assert run_cli("explain", "GD999").returncode == 2


def test_installed_wheel_can_explain(tmp_path: Path) -> None:
    """Build the wheel, install it in a fresh venv, and explain from outside the source tree."""
    dist = tmp_path / "dist"
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                            "-w", str(dist), str(ROOT)], capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stderr
    [wheel] = dist.glob("*.whl")
    env_dir = tmp_path / "venv"
    # A clean venv and the wheel's own dependencies: borrowing the system site-packages made the
    # test pass or fail with whatever the machine had installed there.
    venv.create(env_dir, with_pip=True)
    py = env_dir / "bin" / "python"
    inst = subprocess.run([str(py), "-m", "pip", "install", "--quiet", str(wheel)],
                          capture_output=True, text=True, timeout=600)
    assert inst.returncode == 0, inst.stderr
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = subprocess.run([str(env_dir / "bin" / "golint-delete"), "explain", "GD202"], cwd=elsewhere,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("# GD202 delete-other-key-in-range:")
    where = subprocess.run([str(py), "-c", "from golint_delete import docs; print(docs.docs_dir())"],
                           cwd=elsewhere, capture_output=True, text=True, timeout=120)
    assert str(env_dir) in where.stdout, f"docs not served from the wheel: {where.stdout}"


def test_readme_lists_every_rule() -> None:
    readme = (ROOT / "README.md").read_text()
    for r in REGISTRY:
        assert f"| {r.id} | {r.name} |" in readme, f"{r.id} missing from the README's rule table"


def _fake_rules(tmp_path: Path, package: str, modules: dict[str, tuple[str, str]]) -> list[str]:
    pkg = tmp_path / package
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    for module, (rid, name) in modules.items():
        (pkg / f"{module}.py").write_text(
            "from golint_delete.rule import Rule\nfrom golint_delete.findings import Severity\n"
            f"RULE = Rule({rid!r}, {name!r}, Severity.NOTE, query=None, check=None, text_check=lambda ctx, src: None)\n")
    (pkg / "helpers.py").write_text("RULE = None  # not a rule module: ignored\n")
    return [str(pkg)]


@pytest.mark.parametrize(("modules", "error"), [
    ({"gd901_one": ("GD901", "one"), "gd900_two": ("GD900", "two")}, None),
    ({"gd901_one": ("GD902", "one")}, "the module name and the rule id disagree"),
    ({"gd901_one": ("GD901", "same"), "gd902_two": ("GD902", "same")}, "rules share a name: same"),
])
def test_registry_is_discovered_from_rule_modules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  modules: dict, error: str | None) -> None:
    from golint_delete.rules import discover

    package = f"fake_rules_{len(modules)}_{error is None}"
    path = _fake_rules(tmp_path, package, modules)
    monkeypatch.syspath_prepend(str(tmp_path))
    if error is None:
        assert [r.id for r in discover(path, package)] == ["GD900", "GD901"]
    else:
        with pytest.raises(ValueError, match=error):
            discover(path, package)
