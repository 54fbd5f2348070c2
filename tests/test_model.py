"""The semantic model answers the questions rules ask: what a name denotes, what type an
expression has, and whether a map is nil at a write."""

from __future__ import annotations

from pathlib import Path

import pytest

from golint_delete import syntax
from golint_delete.engine import FileTask, Options, _load
from golint_delete.model.package import Package
from golint_delete.model.types import Map, Named, is_map

SRC = """package p

import (
	"net/http"
	u "net/url"
)

type Set map[string]struct{}
type Base struct{ tags map[string]string }
type Item struct {
	Base
	name string
	next *Item
}
type Alias = map[int]bool

var pkgMap map[string]int

func NewItem() *Item { return &Item{} }

func (it *Item) Tags() map[string]string { return it.tags }

func Generic[M ~map[K]V, K comparable, V any](m M) M { return m }

func f(h http.Header, q u.Values, a Alias, items []Item) {
	x := 1
	{
		x := "shadow"
		_ = x // @shadow
	}
	_ = x // @outer
	it := NewItem()
	_ = it.tags // @promoted
	_ = it.next.name // @chain
	t := it.Tags() // @method
	for i, item := range items {
		_ = item // @rangevalue
		_ = i
	}
	switch v := any(x).(type) {
	case int:
		_ = v // @typeswitch
	}
	var delete = func(map[string]int, string) {}
	delete(pkgMap, "x") // @shadowdelete
	_, _, _, _ = h, q, a, t
	s := Set{}
	_ = s // @namedmap
	g := Generic(s)
	_ = g
	fn := func() { x = 2 }
	fn()
}
"""


@pytest.fixture(scope="module")
def model(tmp_path_factory):
    path = tmp_path_factory.mktemp("m") / "p.go"
    path.write_text(SRC)
    loaded = _load(FileTask(str(path), "p.go", (1, 22)), Options(rules=()))
    return Package("p", [loaded.file]), loaded.file


def at(file, marker: str):
    """The first expression on the line carrying `// @marker`."""
    line = next(i for i, text in enumerate(SRC.splitlines()) if text.rstrip().endswith(f"// @{marker}"))
    stmt = next(n for n in syntax.walk(file.root) if n.start_point.row == line and n.is_named
                and n.type in ("assignment_statement", "expression_statement", "short_var_declaration"))
    if stmt.type in ("assignment_statement", "short_var_declaration"):
        return stmt.child_by_field_name("right").named_children[0]
    return stmt.named_children[0]


def test_shadowing_resolves_to_the_innermost_declaration(model) -> None:
    pkg, f = model
    inner = pkg.object_of(at(f, "shadow"), f)
    outer = pkg.object_of(at(f, "outer"), f)
    assert inner != outer and inner.kind == outer.kind == "var"
    assert inner.decl.start_point.row > outer.decl.start_point.row
    assert pkg.type_of(at(f, "shadow"), f).name == b"string"
    assert pkg.type_of(at(f, "outer"), f) != pkg.type_of(at(f, "shadow"), f)


def test_types_through_pointers_embedding_calls_and_methods(model) -> None:
    pkg, f = model
    assert is_map(pkg.type_of(at(f, "promoted"), f))
    assert pkg.type_of(at(f, "chain"), f).name == b"string"
    assert isinstance(pkg.type_of(at(f, "method"), f), Map)  # a method's result type
    t = pkg.type_of(at(f, "rangevalue"), f)
    assert isinstance(t, Named) and t.name == b"Item"
    assert not is_map(pkg.type_of(at(f, "typeswitch"), f))  # a type-switch variable is not guessed
    named = pkg.type_of(at(f, "namedmap"), f)
    assert isinstance(named, Named) and is_map(named)


def test_standard_library_map_types_and_aliases(model) -> None:
    pkg, f = model
    fn = next(n for n in f.root.named_children if n.type == "function_declaration"
              and n.child_by_field_name("name").text == b"f")
    params = {c.child_by_field_name("name").text: c for c in fn.child_by_field_name("parameters").named_children}
    for name in (b"h", b"q", b"a"):
        ident = params[name].child_by_field_name("name")
        assert is_map(pkg.type_of(ident, f)), name
    assert isinstance(pkg.type_of(params[b"items"].child_by_field_name("name"), f).underlying().elem, Named)


def test_shadowed_builtin_is_not_the_builtin(model) -> None:
    pkg, f = model
    call = at(f, "shadowdelete")
    assert not pkg.builtin_call(call, b"delete", f)


def test_unknown_stays_unknown(tmp_path: Path) -> None:
    src = "package p\n\nimport \"example.com/lib\"\n\nfunc f() {\n\tm := lib.Make()\n\tm[\"a\"] = 1\n\tvar maplike lib.Map\n\t_ = maplike\n}\n"
    path = tmp_path / "p.go"
    path.write_text(src)
    loaded = _load(FileTask(str(path), "p.go", (1, 22)), Options(rules=()))
    pkg = Package("p", [loaded.file])
    for n in syntax.walk(loaded.file.root):
        if n.type == "identifier" and n.text in (b"m", b"maplike"):
            assert not is_map(pkg.type_of(n, loaded.file))


def test_siblings_are_parsed_only_when_the_model_needs_them(tmp_path: Path, monkeypatch) -> None:
    """Pre-commit names a few files of a package: a sibling is read for its declarations, but
    parsed only once a question needs the package's names."""
    from golint_delete import engine
    from golint_delete.rules import BY_ID

    (tmp_path / "quiet.go").write_text("// Package p.\npackage p\n\nfunc hello() string { return \"hi\" }\n")
    (tmp_path / "decl.go").write_text("package p\n\nvar registry map[string]int\n")
    (tmp_path / "use.go").write_text("package p\n\nfunc add(k string) {\n\tregistry[k] = 1\n}\n")
    parsed: list[bytes] = []
    real = syntax.parse

    def counting(source: bytes):
        parsed.append(source)
        return real(source)

    monkeypatch.setattr(syntax, "parse", counting)
    opts = Options(rules=tuple(sorted(BY_ID)))

    def run(reported: str):
        tasks = [FileTask(str(tmp_path / n), n, (1, 22), report=n == reported) for n in ("decl.go", "quiet.go", "use.go")]
        parsed.clear()
        return engine.analyse(tasks, opts, BY_ID)

    [quiet] = run("quiet.go")
    assert quiet.findings == [] and len(parsed) == 1  # nothing asked about the package
    [use] = run("use.go")
    assert [f.rule for f in use.findings] == ["GD101"]  # `registry` resolved in decl.go...
    assert "decl.go:3" in use.findings[0].message
    assert 2 <= len(parsed) <= 3  # ...which had to be parsed for it


def test_nil_capable_names_cover_every_source_of_nil_and_its_copies() -> None:
    """The cheap check that lets GD101 skip the flow analysis must be a superset of what the
    analysis can find nil: declarations without a value, `= nil`, literals, new, named results,
    nil comparisons, and copies of any of them."""
    from golint_delete.model.nilness import nil_capable_names

    src = b"""package p

func f(p map[string]int, q map[string]int) (res map[string]int) {
	var a map[string]int
	b := a
	var c = b
	made := make(map[string]int)
	var s struct{ m map[string]int }
	t := s
	lit := &T{}
	fresh := new(T)
	d, e := made, lit
	if p == nil {
	}
	for _, v := range c {
		_ = v
	}
	switch w := any(s).(type) {
	default:
		_ = w
	}
	made = nil
	set := map[string]int{}
	same := set
	part := lit.m
	return
}
"""
    tree = syntax.parse(src)
    func = tree.root_node.named_children[1]
    names = nil_capable_names(func)
    for n in (b"a", b"b", b"c", b"s", b"t", b"lit", b"fresh", b"e", b"p", b"res", b"v", b"made", b"d", b"set",
              b"same", b"part"):
        assert n in names, n  # d: a copy of made, which is set to nil later (flow-insensitive)
    assert b"q" not in names
    # A literal or new() is never nil itself, only fields left out of it: `set[k] = v` needs no
    # flow analysis. A copy of a part of one (`lit.m`), a range element or a type switch alias can be.
    for n in (b"a", b"b", b"c", b"s", b"t", b"p", b"res", b"v", b"made", b"d", b"part"):
        assert n in names.whole, n
    for n in (b"lit", b"fresh", b"e", b"set", b"same"):
        assert n in names.fields and n not in names.whole, n


@pytest.mark.parametrize("rule", ["gd101", "gd103"])
def test_may_be_nil_admits_every_write_the_flow_analysis_finds_nil(rule: str) -> None:
    """may_be_nil lets GD101 and GD103 skip the flow analysis: it must answer yes wherever that
    analysis, run anyway, finds a nil that can reach the write."""
    from golint_delete.model.nilness import is_nil_fact

    folder = Path(__file__).resolve().parent.parent / "testdata" / rule
    files = [_load(FileTask(str(p), p.name, (1, 22)), Options(rules=())).file for p in sorted(folder.glob("*.go"))]
    pkg = Package(files[0].package_name, files)
    q = syntax.query("(assignment_statement left: (expression_list (index_expression) @w))"
                     "(inc_statement (index_expression) @w) (dec_statement (index_expression) @w)")
    nil_writes = 0
    for f in files:
        for _, caps in syntax.matches(q, f.root):
            write = pkg.map_write(caps["w"][0], f)
            if write is not None and any(is_nil_fact(x) for x in write.facts):
                nil_writes += 1
                assert pkg.may_be_nil(write.node, f), (f.path, write.node.start_point)
    assert nil_writes > 0


def test_is_assigned_sees_assignments_and_addresses_anywhere_in_the_package(tmp_path: Path) -> None:
    """A package map var declared without a value is nil everywhere only if no statement of the
    package assigns it or takes its address; a local of the same name does not count."""
    files = {
        "decl.go": "package p\n\nvar reg map[string]int\nvar other map[string]int\nvar viaAddr map[string]int\n",
        "shadow.go": "package p\n\nfunc f() {\n\treg := map[string]int{}\n\treg = nil\n\t_ = reg\n}\n",
        "assign.go": "package p\n\nfunc init() {\n\tother = make(map[string]int)\n}\n",
        "addr.go": "package p\n\nfunc g() { h(&viaAddr) }\n\nfunc h(*map[string]int) {}\n",
        "quiet.go": "package p\n\nfunc hello() string { return \"hi\" }\n",
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    loaded = [_load(FileTask(str(tmp_path / n), n, (1, 22), report=False), Options(rules=())).file for n in files]
    pkg = Package("p", loaded)
    assert not pkg.is_assigned(b"reg")  # only the local `reg` is assigned
    assert pkg.is_assigned(b"other")
    assert pkg.is_assigned(b"viaAddr")


CYCLE = """package p

type T struct{ m map[string]int }

func (t *T) x(n int) {
	if n > 0 {
		t.b(n - 1)
	}
	t.c()
}

func (t *T) b(n int) { t.x(n) }

func (t *T) c() { t.m["k"] = 1 }
"""


def test_summaries_in_a_call_cycle_do_not_depend_on_which_is_asked_first(tmp_path: Path) -> None:
    """x -> b -> x is a cycle, and x also calls c, which writes the receiver's map. Asking x
    first meets b while x is unfinished: b must not keep an answer computed without x's."""
    path = tmp_path / "p.go"
    path.write_text(CYCLE)
    loaded = _load(FileTask(str(path), "p.go", (1, 22)), Options(rules=()))
    pkg, f = Package("p", [loaded.file]), loaded.file
    funcs = {n.child_by_field_name("name").text: n for n in f.root.named_children if n.type == "method_declaration"}
    assert pkg.summary(funcs[b"x"], f).unlocked_shared_write is not None
    assert pkg.summary(funcs[b"b"], f).unlocked_shared_write is not None


LOCK_CYCLE = """package p

import "sync"

type S struct {
	mu sync.Mutex
	m  map[string]int
}

func (s *S) Outer() {
	s.mu.Lock()
	s.a(1)
	s.mu.Unlock()
}

func (s *S) a(n int) {
	if n > 0 {
		s.b(n - 1)
	}
}

func (s *S) b(n int) {
	s.m["b"] = n // MARK
	s.mu.Lock()
	s.a(n)
	s.mu.Unlock()
}
"""


@pytest.mark.parametrize("first", [b"a", b"b"])
def test_entry_locks_in_a_call_cycle_do_not_depend_on_which_is_asked_first(tmp_path: Path, first: bytes) -> None:
    """a is called by Outer and by b, each holding s.mu; b only by a. So both have s.mu held at
    entry. Asking a first meets b's callers while a is unfinished: b must not keep the answer
    "nothing held" it got from a's placeholder."""
    path = tmp_path / "p.go"
    path.write_text(LOCK_CYCLE)
    loaded = _load(FileTask(str(path), "p.go", (1, 22)), Options(rules=()))
    pkg, f = Package("p", [loaded.file]), loaded.file
    funcs = {n.child_by_field_name("name").text: n for n in f.root.named_children if n.type == "method_declaration"}
    from golint_delete.model.locks import entry_locks

    entry_locks(pkg, funcs[first], f)
    assert {(p[-1], kind) for p, kind in entry_locks(pkg, funcs[b"a"], f)} == {(b"mu", "W")}
    assert {(p[-1], kind) for p, kind in entry_locks(pkg, funcs[b"b"], f)} == {(b"mu", "W")}
    write = next(n for n in syntax.walk(f.root) if n.type == "assignment_statement")
    assert pkg.locks_at(write, f).write_held()


def test_nilness_state_holds_only_what_is_in_scope(tmp_path: Path) -> None:
    # Each `for k := range m` declares its own k: once the loop ends, k and what is known about it
    # leave the state. Were they kept, every statement after would copy, join and scan all of them
    # (a function alternating writes and range-delete loops cost n squared: issue 20).
    loops = "".join(f'\tm["k{i}"] = {i}\n\tfor k := range m {{\n\t\tdelete(m, k)\n\t}}\n' for i in range(300))
    src = f"package p\n\nfunc f() {{\n\tvar m map[string]int\n{loops}\tif x := len(m); x > 0 {{\n\t\t_ = x\n\t}}\n}}\n"
    path = tmp_path / "p.go"
    path.write_text(src)
    loaded = _load(FileTask(str(path), "p.go", (1, 22)), Options(rules=()))
    pkg = Package("p", [loaded.file])
    func = next(n for n in loaded.file.root.named_children if n.type == "function_declaration")
    flow = pkg.nilness(func, loaded.file)
    assert flow.ok and flow.exits
    names = {getattr(k[0], "name", None) for state in flow.exits for k in state}
    assert b"k" not in names and b"x" not in names, names
    assert len(flow.writes) == 300  # every write was still seen, with its facts
