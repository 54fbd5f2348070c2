"""Go name resolution over tree-sitter syntax, computed lazily per identifier.

Instead of walking every function up front (most functions never hold a candidate), `resolve` walks
from an identifier up through its enclosing blocks and headers, the way the Go spec defines scopes:
a block's declarations are visible after their statement ends; `if`/`for`/`switch` initializers and
range variables in the statement's implicit block; parameters, results, receivers and type parameters
in the function; then the file's imports, the package's declarations, and the universe.
Per-block declaration tables are memoised, so resolving many names in a long function stays linear.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from tree_sitter import Node

from golint_delete import newer, syntax
from golint_delete.newer import GENERIC_METHOD

if TYPE_CHECKING:
    from golint_delete.model.package import Package, SourceFile

BUILTIN_FUNCS = frozenset(
    b"append cap clear close complex copy delete imag len make max min new panic print println real recover".split()
)
BUILTIN_TYPES = frozenset(
    b"any bool byte comparable complex64 complex128 error float32 float64 int int8 int16 int32 int64 rune "
    b"string uint uint8 uint16 uint32 uint64 uintptr".split()
)
BUILTIN_CONSTS = frozenset(b"true false iota nil".split())

_FUNC_KINDS = frozenset({"function_declaration", "method_declaration", "func_literal"})
_NAME_KINDS = frozenset({"identifier", "type_identifier", "package_identifier"})


@dataclass(frozen=True)
class Obj:
    """A declared entity. Identity is the declaring identifier node (or the name, for the universe).

    kind: var, param, result, receiver, const, type, typeparam, func, import, builtin.
    spec: the declaring construct (short_var_declaration, var_spec, parameter_declaration,
    range_clause, ...), where later type questions start.
    """

    name: bytes
    kind: str
    decl: Node | None = None
    spec: Node | None = None

    @property
    def is_builtin(self) -> bool:
        return self.kind == "builtin"


def universe(name: bytes) -> Obj | None:
    if name in BUILTIN_FUNCS or name in BUILTIN_TYPES or name in BUILTIN_CONSTS:
        return Obj(name, "builtin")
    return None


def _idents(node: Node | None) -> list[Node]:
    if node is None:
        return []
    if node.type in _NAME_KINDS:
        return [node]
    return [c for c in node.named_children if c.type in _NAME_KINDS]


def _has_define(node: Node) -> bool:
    return any(not c.is_named and c.type == ":=" for c in node.children)


def statement_decls(stmt: Node) -> list[tuple[Node, str, Node]]:
    """(identifier, kind, spec) declared by one statement of a block, in order."""
    while stmt.type == "labeled_statement":
        inner = [c for c in stmt.named_children if c.type != "label_name"]
        if not inner:
            return []
        stmt = inner[0]
    t = stmt.type
    out: list[tuple[Node, str, Node]] = []
    if t == "short_var_declaration":
        for ident in _idents(stmt.child_by_field_name("left")):
            out.append((ident, "var", stmt))
    elif t in ("var_declaration", "const_declaration", "type_declaration"):
        kind = {"var_declaration": "var", "const_declaration": "const", "type_declaration": "type"}[t]
        specs = []
        for c in stmt.named_children:
            if c.type.endswith("_spec_list"):
                specs.extend(c.named_children)
            else:
                specs.append(c)
        for spec in specs:
            if spec.type not in ("var_spec", "const_spec", "type_spec", "type_alias"):
                continue
            for i, c in enumerate(spec.children):
                if spec.field_name_for_child(i) == "name" and c.type in _NAME_KINDS:
                    out.append((c, kind, spec))
    return out


def _params(func: Node) -> list[tuple[Node, str, Node]]:
    out: list[tuple[Node, str, Node]] = []
    for field, kind in (("receiver", "receiver"), ("type_parameters", "typeparam"),
                        ("parameters", "param"), ("result", "result")):
        plist = func.child_by_field_name(field)
        if plist is None or plist.type not in ("parameter_list", "type_parameter_list"):
            continue
        for decl in plist.named_children:
            for i, c in enumerate(decl.children):
                if decl.field_name_for_child(i) == "name" and c.type in _NAME_KINDS:
                    out.append((c, kind, decl))
    return out


class Resolver:
    """Resolves identifiers of one package. Holds memo tables keyed by nodes of live trees."""

    def __init__(self, package: "Package") -> None:
        self.package = package
        self._block_tables: dict[Node, dict[bytes, list[tuple[int, Node, str, Node, Node]]]] = {}
        self._memo: dict[Node, Obj | None] = {}
        self._param_tables: dict[Node, list[tuple[Node, str, Node]]] = {}

    def _params_of(self, func: Node) -> list[tuple[Node, str, Node]]:
        # Every name resolved inside a function passes its header: read it once.
        got = self._param_tables.get(func)
        if got is None:
            got = _params(func)
            if func.type == "method_declaration":
                got = self._generic_method_params(func) + got
            self._param_tables[func] = got
        return got

    def _generic_method_params(self, method: Node) -> list[tuple[Node, str, Node]]:
        """A Go 1.27 generic method's type parameters, which the parser read as blanks
        (golint_delete/newer.py): parsed on their own, at their own offsets."""
        name, params = method.child_by_field_name("name"), method.child_by_field_name("parameters")
        if name is not None and params is not None and name.end_byte == params.start_byte:
            return []  # `N(`: nothing was blanked between the name and the parameters (every method, nearly)
        end = params.start_byte if params is not None else method.end_byte
        parent = method.parent
        for f in self.package.files:
            if f.shim is None or f.tree is None or parent != f.tree.root_node:
                continue
            for r in f.shim.rewrites:
                if r.kind == GENERIC_METHOD and method.start_byte < r.start < end:
                    snippet = newer.parse_at(f.source, r.start, b"func _", f.source[r.start:r.end], b"() {}")
                    if snippet is None or snippet.root_node.has_error:
                        return []
                    decl = next((n for n in snippet.root_node.named_children if n.type == "function_declaration"), None)
                    if decl is None:
                        return []
                    return [entry for entry in _params(decl) if entry[1] == "typeparam"]
        return []

    # Public API -------------------------------------------------------------------------------

    def resolve(self, ident: Node, file: "SourceFile") -> Obj | None:
        """The object an identifier (use or declaration) denotes; None if unknown (e.g. a field key)."""
        if ident in self._memo:
            return self._memo[ident]
        obj = self._resolve(ident, file)
        self._memo[ident] = obj
        return obj

    def resolve_name(self, name: bytes, at: Node, file: "SourceFile") -> Obj | None:
        """What `name` would denote if written where the identifier `at` is."""
        obj = self._resolve_as(at, name, file)
        return obj

    # Implementation ----------------------------------------------------------------------------

    def _resolve(self, ident: Node, file: "SourceFile") -> Obj | None:
        return self._resolve_as(ident, ident.text, file)

    def _resolve_as(self, ident: Node, name: bytes, file: "SourceFile") -> Obj | None:
        if name == b"_":
            return None
        for child, n in syntax.upward(ident, file.root if file is not None else None):
            t = n.type
            if t == "statement_list" or t == "source_file":
                if t == "source_file":
                    break
                found = self._in_block(n, child, ident, name)
                if found is not None:
                    return found
                # A function body shares its scope with the parameters for redeclaration,
                # which the header check below covers when we reach the function node.
            elif t == "for_statement":
                found = self._in_for(n, child, ident, name)
                if found is not None:
                    return found
            elif t in ("if_statement", "expression_switch_statement", "type_switch_statement"):
                found = self._in_init(n, child, ident, name)
                if found is not None:
                    return found
            elif t in ("type_case", "default_case") and n.parent is not None \
                    and n.parent.type == "type_switch_statement":
                alias = n.parent.child_by_field_name("alias")
                for a in _idents(alias):
                    if a.text == name:
                        return Obj(name, "var", a, n.parent)
            elif t == "communication_case":
                comm = n.child_by_field_name("communication")
                if comm is not None and comm.type == "receive_statement" and _has_define(comm) \
                        and child != comm:
                    for a in _idents(comm.child_by_field_name("left")):
                        if a.text == name:
                            return Obj(name, "var", a, comm)
                if comm is not None and child == comm:
                    for a in _idents(comm.child_by_field_name("left")):
                        if a == ident and _has_define(comm):
                            return Obj(name, "var", a, comm)
            elif t in _FUNC_KINDS:
                for p, kind, spec in self._params_of(n):
                    if p.text == name:
                        return Obj(name, kind, p, spec)
                if t == "method_declaration" and child.type == "field_identifier":
                    return None
        return self.package.lookup_package_level(name, file)

    def _block_table(self, block: Node) -> dict[bytes, list[tuple[int, Node, str, Node, Node]]]:
        table = self._block_tables.get(block)
        if table is None:
            table = {}
            for stmt in block.named_children:
                for ident, kind, spec in statement_decls(stmt):
                    # Vars are visible after their statement; types and consts from their name on.
                    visible = stmt.end_byte if kind == "var" else ident.start_byte
                    table.setdefault(ident.text, []).append((visible, ident, kind, spec, stmt))
            self._block_tables[block] = table
        return table

    def _in_block(self, block: Node, child: Node, ident: Node, name: bytes) -> Obj | None:
        entries = self._block_table(block).get(name)
        if not entries:
            return None
        best = None
        for visible, decl, kind, spec, _stmt in entries:
            if decl == ident:
                # A `:=` that reuses a name already declared in this block assigns, not declares.
                if spec.type == "short_var_declaration" and best is not None:
                    return best
                if spec.type == "short_var_declaration" and best is None:
                    header = self._function_header_decl(block, name)
                    if header is not None:
                        return header
                return Obj(name, kind, decl, spec)
            if visible <= ident.start_byte:
                best = Obj(name, kind, decl, spec)
        return best

    def _function_header_decl(self, block: Node, name: bytes) -> Obj | None:
        """Parameters share the body's scope: `err := f()` in a body with result `err` reuses it."""
        body = block.parent
        func = body.parent if body is not None else None
        if func is None or func.type not in _FUNC_KINDS or func.child_by_field_name("body") != body:
            return None
        for p, kind, spec in self._params_of(func):
            if p.text == name:
                return Obj(name, kind, p, spec)
        return None

    def _in_for(self, loop: Node, child: Node, ident: Node, name: bytes) -> Obj | None:
        clause = next((c for c in loop.named_children if c.type in ("range_clause", "for_clause")), None)
        if clause is None:
            return None
        if clause.type == "range_clause":
            if not _has_define(clause):
                return None
            left = clause.child_by_field_name("left")
            for a in _idents(left):
                if a.text == name and (child != clause or a == ident):
                    return Obj(name, "var", a, clause)
            return None
        init = clause.child_by_field_name("initializer")
        if init is None or child == clause and init.start_byte <= ident.start_byte < init.end_byte \
                and ident not in _idents(init.child_by_field_name("left")):
            return None
        for a, kind, spec in statement_decls(init):
            if a.text == name:
                return Obj(name, kind, a, spec)
        return None

    def _in_init(self, stmt: Node, child: Node, ident: Node, name: bytes) -> Obj | None:
        init = stmt.child_by_field_name("initializer")
        if init is None or init == child and ident not in _idents(init.child_by_field_name("left")):
            return None
        for a, kind, spec in statement_decls(init):
            if a.text == name:
                return Obj(name, kind, a, spec)
        return None
