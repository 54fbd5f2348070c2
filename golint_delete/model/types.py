"""Go types, as far as syntax and one package can tell. Unknown stays Unknown: nothing is ever
guessed from a name, so a rule that needs "map" gets it only when the code says so."""

from __future__ import annotations

from typing import NamedTuple

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tree_sitter import Node

from golint_delete.syntax import unparen

if TYPE_CHECKING:
    from golint_delete.model.package import Package, SourceFile
    from golint_delete.model.scope import Obj


class Type:
    def underlying(self) -> "Type":
        return self


@dataclass(frozen=True)
class Unknown(Type):
    pass


UNKNOWN = Unknown()


@dataclass(frozen=True)
class Foreign(Unknown):
    """A named type of another package that the knowledge table does not describe (`report.Report`):
    its structure is unknown, but it is known not to be one of this package's types."""

    path: bytes
    name: bytes


@dataclass(frozen=True)
class Basic(Type):
    name: bytes


@dataclass(frozen=True)
class Map(Type):
    key: Type
    value: Type
    # Where the map type is written, so a fix can spell its key and value types.
    node: Node | None = field(default=None, compare=False, repr=False)
    file: "SourceFile | None" = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Pointer(Type):
    elem: Type


@dataclass(frozen=True)
class Slice(Type):
    elem: Type


@dataclass(frozen=True)
class Array(Type):
    elem: Type


@dataclass(frozen=True)
class Chan(Type):
    elem: Type


@dataclass(frozen=True)
class Field:
    name: bytes
    type_node: Node | None
    embedded: bool
    decl: Node | None  # the field_identifier (or embedded type node)


@dataclass(frozen=True, eq=False)
class Struct(Type):
    fields: tuple[Field, ...]
    file: "SourceFile"


@dataclass(frozen=True)
class Opaque(Type):
    """A known standard-library type whose insides do not matter here (http.ServeMux)."""


@dataclass(frozen=True)
class Mutex(Type):
    """sync.Mutex or sync.RWMutex."""

    rw: bool


@dataclass(frozen=True)
class CType(Type):
    """A type from cgo's pseudo-package "C" (C.int, C.struct_x): memory the Go runtime does not own."""

    name: bytes


@dataclass(frozen=True)
class Func(Type):
    results: tuple[Type, ...]


@dataclass(frozen=True, eq=False)
class Named(Type):
    """A declared type of this package (or a known standard one)."""

    name: bytes
    spec: Node | None  # type_spec / type_alias
    file: "SourceFile | None"
    model: "TypeModel | None" = field(default=None, compare=False, repr=False)
    known: Type | None = None  # underlying type from the knowledge table

    def underlying(self) -> Type:
        if self.known is not None:
            return self.known
        if self.model is None or self.spec is None or self.file is None:
            return UNKNOWN
        return self.model.underlying_of(self)

    def __eq__(self, other) -> bool:
        return isinstance(other, Named) and other.name == self.name and other.spec == self.spec

    def __hash__(self) -> int:
        return hash((self.name, self.spec))


@dataclass(frozen=True, eq=False)
class TypeParam(Type):
    name: bytes
    core: Type  # the core type when the constraint has one (~map[K]V), else Unknown

    def underlying(self) -> Type:
        return self.core


def is_map(t: Type) -> bool:
    return isinstance(t.underlying(), Map)


def deref(t: Type) -> Type:
    u = t.underlying()
    return u.elem if isinstance(u, Pointer) else t


_BASIC = frozenset(b"bool byte complex64 complex128 error float32 float64 int int8 int16 int32 int64 rune "
                   b"string uint uint8 uint16 uint32 uint64 uintptr any comparable".split())


class FieldRef(NamedTuple):
    """A field found in a struct type: the field, its type, and the path of field names to it
    (through embedded structs)."""

    field: Field
    type: Type
    path: tuple[bytes, ...]


class TypeModel:
    """Type questions for one package; answers are memoised per node."""

    def __init__(self, package: "Package") -> None:
        self.pkg = package
        self._expr: dict[Node, Type] = {}
        self._underlying: dict[Node, Type] = {}
        self._busy: set[Node] = set()
        self._file_by_root: dict = {}

    # Types written in the source -------------------------------------------------------------

    # The default type of an untyped constant (the spec's "Constant expressions").
    _LITERAL = {"int_literal": b"int", "float_literal": b"float64", "imaginary_literal": b"complex128",
                "rune_literal": b"rune", "interpreted_string_literal": b"string", "raw_string_literal": b"string"}

    def _new_argument(self, arg: Node, file: "SourceFile") -> Type | None:
        """The type of the expression of `new(expr)` where the parser read a rewritten placeholder
        (golint_delete/newer.py): a literal's default type, a conversion's or a composite
        literal's type; None where `arg` is a type as written, UNKNOWN where it cannot tell."""
        shim = file.shim
        if shim is None or not shim.touches(arg.start_byte, arg.end_byte):
            return None
        from golint_delete import newer, syntax

        # Parsed on its own, at its own offsets: the snippet's nodes resolve names at package level,
        # as the expression's type names are.
        snippet = newer.parse_at(file.source, arg.start_byte, b"var _ = ", file.source[arg.start_byte:arg.end_byte])
        if snippet is None or snippet.root_node.has_error:
            return UNKNOWN
        spec = next((n for n in syntax.walk(snippet.root_node) if n.type == "var_spec"), None)
        value = spec.child_by_field_name("value") if spec is not None else None
        expr = value.named_children[0] if value is not None and value.named_child_count else None
        while expr is not None and expr.type == "parenthesized_expression" and expr.named_child_count:
            expr = expr.named_children[0]
        if expr is None:
            return UNKNOWN
        if expr.type in self._LITERAL:
            return Basic(self._LITERAL[expr.type])
        if expr.type == "composite_literal":
            return self.from_type_node(expr.child_by_field_name("type"), file)
        if expr.type == "type_conversion_expression":
            return self.from_type_node(expr.child_by_field_name("type"), file)
        if expr.type == "call_expression":  # `int64(-64)`: a conversion when the callee names a type
            fn = expr.child_by_field_name("function")
            if fn is not None and fn.type == "identifier":
                return self.from_type_node(fn, file)  # UNKNOWN when it names a function
        return UNKNOWN

    def from_type_node(self, node: Node | None, file: "SourceFile") -> Type:
        if node is None:
            return UNKNOWN
        t = node.type
        if t == "parenthesized_type":
            inner = [c for c in node.named_children if c.type != "comment"]
            return self.from_type_node(inner[0], file) if inner else UNKNOWN
        if t == "map_type":
            return Map(self.from_type_node(node.child_by_field_name("key"), file),
                       self.from_type_node(node.child_by_field_name("value"), file), node, file)
        if t == "pointer_type":
            kids = [c for c in node.named_children if c.type != "comment"]
            return Pointer(self.from_type_node(kids[0], file)) if kids else UNKNOWN
        if t == "slice_type":
            return Slice(self.from_type_node(node.child_by_field_name("element"), file))
        if t == "array_type":
            return Array(self.from_type_node(node.child_by_field_name("element"), file))
        if t == "channel_type":
            return Chan(self.from_type_node(node.child_by_field_name("value"), file))
        if t == "struct_type":
            return self._struct(node, file)
        if t == "function_type":
            return Func(tuple(self._results(node.child_by_field_name("result"), file)))
        if t == "generic_type":
            return self.from_type_node(node.child_by_field_name("type"), file)
        if t == "qualified_type":
            pkg = node.child_by_field_name("package")
            name = node.child_by_field_name("name")
            if pkg is None or name is None:
                return UNKNOWN
            obj = file.imports().get(pkg.text)
            path = file.import_path(obj) if obj is not None else None
            if path == b"C":
                return CType(name.text)
            from golint_delete.model import knowledge

            known = knowledge.STD_TYPES.get((path, name.text)) if path else None
            if known is None:
                return Foreign(path, name.text) if path else UNKNOWN
            return Named(path + b"." + name.text, None, None, None, known)
        if t in ("type_identifier", "identifier"):
            obj = self.pkg.object_of(node, file)
            return self.type_of_typename(obj, node.text, file)
        return UNKNOWN

    def type_of_typename(self, obj: "Obj | None", name: bytes, file: "SourceFile") -> Type:
        if obj is None:
            return UNKNOWN
        if obj.kind == "builtin":
            return Basic(name) if name in _BASIC else UNKNOWN
        if obj.kind == "type" and obj.spec is not None:
            if obj.spec.type == "type_alias":
                return self.from_type_node(obj.spec.child_by_field_name("type"), self.file_of(obj.spec, file))
            return Named(name, obj.spec, self.file_of(obj.spec, file), self)
        if obj.kind == "typeparam" and obj.spec is not None:
            if obj.spec in self._busy:  # `[M ~map[K]M]`: a constraint naming itself has no core type
                return TypeParam(name, UNKNOWN)
            self._busy.add(obj.spec)
            try:
                return TypeParam(name, self._core(obj.spec.child_by_field_name("type"), file))
            finally:
                self._busy.discard(obj.spec)
        return UNKNOWN

    def _core(self, constraint: Node | None, file: "SourceFile") -> Type:
        """The core type of a constraint written as a single term (`~map[K]V` or `map[K]V`)."""
        if constraint is None:
            return UNKNOWN
        kids = [c for c in constraint.named_children if c.type != "comment"]
        if len(kids) != 1:
            return UNKNOWN
        term = kids[0]
        if term.type == "negated_type":
            inner = [c for c in term.named_children if c.type != "comment"]
            term = inner[0] if inner else term
        t = self.from_type_node(term, file)
        return t.underlying() if isinstance(t.underlying(), Map) else UNKNOWN

    def file_of(self, node: Node, default: "SourceFile") -> "SourceFile":
        root = node
        while root.parent is not None:
            root = root.parent
        got = self._file_by_root.get(root)
        if got is None:
            # A node's file has been parsed: the others need not be. Files parse lazily, so the
            # table is refreshed when a root is new to it.
            self._file_by_root = {f.root: f for f in self.pkg.files if f.parsed}
            got = self._file_by_root.get(root)
        return got if got is not None else default

    def underlying_of(self, named: Named) -> Type:
        spec = named.spec
        if spec in self._underlying:
            return self._underlying[spec]
        if spec in self._busy:  # `type T T2; type T2 T` or a self-reference: give up
            return UNKNOWN
        self._busy.add(spec)
        try:
            t = self.from_type_node(spec.child_by_field_name("type"), named.file).underlying()
        finally:
            self._busy.discard(spec)
        self._underlying[spec] = t
        return t

    def _struct(self, node: Node, file: "SourceFile") -> Struct:
        fields: list[Field] = []
        for lst in node.named_children:
            if lst.type != "field_declaration_list":
                continue
            for decl in lst.named_children:
                if decl.type != "field_declaration":
                    continue
                tnode = decl.child_by_field_name("type")
                names = [c for i, c in enumerate(decl.children)
                         if decl.field_name_for_child(i) == "name" and c.type == "field_identifier"]
                if names:
                    fields.extend(Field(n.text, tnode, False, n) for n in names)
                elif tnode is not None:
                    # Embedded: the field's name is the type's name without pointer or package.
                    base = tnode
                    while base.type in ("pointer_type", "generic_type", "qualified_type"):
                        if base.type == "qualified_type":
                            base = base.child_by_field_name("name") or base
                            break
                        kids = [c for c in base.named_children if c.type != "comment"]
                        if base.type == "generic_type":
                            base = base.child_by_field_name("type") or base
                            break
                        if not kids:
                            break
                        base = kids[0]
                    fields.append(Field(base.text, tnode, True, tnode))
        return Struct(tuple(fields), file)

    def _results(self, node: Node | None, file: "SourceFile") -> list[Type]:
        if node is None:
            return []
        if node.type != "parameter_list":
            return [self.from_type_node(node, file)]
        out = []
        for decl in node.named_children:
            if decl.type not in ("parameter_declaration", "variadic_parameter_declaration"):
                continue
            t = self.from_type_node(decl.child_by_field_name("type"), file)
            n = sum(1 for i, _ in enumerate(decl.children) if decl.field_name_for_child(i) == "name")
            out.extend([t] * max(n, 1))
        return out

    # Fields ----------------------------------------------------------------------------------

    def field(self, t: Type, name: bytes, depth: int = 0) -> "FieldRef | None":
        """The field `name` of struct type t (or *t), searching embedded structs breadth-first:
        (field, its type, the path of field names from t)."""
        s = deref(t).underlying()
        if not isinstance(s, Struct) or depth > 4:
            return None
        for f in s.fields:
            if f.name == name:
                return FieldRef(f, self.from_type_node(f.type_node, s.file), (name,))
        for f in s.fields:
            if f.embedded:
                inner = self.field(self.from_type_node(f.type_node, s.file), name, depth + 1)
                if inner is not None:
                    return FieldRef(inner.field, inner.type, (f.name,) + inner.path)
        return None

    def map_fields(self, t: Type, depth: int = 0) -> list[tuple[tuple[bytes, ...], tuple[bytes, ...], Field]]:
        """Map-typed fields reachable in a struct value without a pointer: (path as written, full
        path through embedded structs, field). `s.inner.m` is ((inner, m), (inner, m)); a field m
        promoted from an embedded Base is listed twice, as ((Base, m), ...) and ((m,), (Base, m))."""
        s = t.underlying()
        if not isinstance(s, Struct) or depth > 3:
            return []
        out = []
        for f in s.fields:
            ft = self.from_type_node(f.type_node, s.file)
            if is_map(ft):
                out.append(((f.name,), (f.name,), f))
            elif isinstance(ft.underlying(), Struct):
                for path, full, inner in self.map_fields(ft, depth + 1):
                    out.append(((f.name,) + path, (f.name,) + full, inner))
                    if f.embedded:
                        out.append((path, (f.name,) + full, inner))
        return out

    def field_names(self, t: Type) -> list[bytes]:
        s = t.underlying()
        return [f.name for f in s.fields] if isinstance(s, Struct) else []

    # Expressions -----------------------------------------------------------------------------

    def type_of(self, expr: Node, file: "SourceFile") -> Type:
        t = self._expr.get(expr)
        if t is None:
            self._expr[expr] = UNKNOWN  # breaks cycles such as `x := x.next`
            t = self._type_of(expr, file)
            self._expr[expr] = t
        return t

    def _type_of(self, expr: Node, file: "SourceFile") -> Type:
        e = unparen(expr)
        t = e.type
        if t == "identifier":
            return self.type_of_obj(self.pkg.object_of(e, file), file)
        if t == "selector_expression":
            operand = e.child_by_field_name("operand")
            fld = e.child_by_field_name("field")
            if operand is None or fld is None:
                return UNKNOWN
            op = unparen(operand)
            if op.type == "identifier":
                obj = self.pkg.object_of(op, file)
                if obj is not None and obj.kind == "import":
                    path = file.import_path(obj)
                    from golint_delete.model import knowledge

                    return knowledge.STD_VALUES.get((path, fld.text), UNKNOWN) if path else UNKNOWN
            found = self.field(self.type_of(operand, file), fld.text)
            if found is not None:
                return found[1]
            method = self.method(self.type_of(operand, file), fld.text)
            return method if method is not None else UNKNOWN
        if t == "index_expression":
            base = self.type_of(e.child_by_field_name("operand"), file).underlying()
            if isinstance(base, Pointer):
                base = base.elem.underlying()
            if isinstance(base, Map):
                return base.value
            if isinstance(base, (Slice, Array)):
                return base.elem
            return UNKNOWN
        if t == "composite_literal":
            return self.from_type_node(e.child_by_field_name("type"), file)
        if t == "unary_expression":
            op = e.child(0)
            operand = e.child_by_field_name("operand")
            if op is None or operand is None:
                return UNKNOWN
            if op.type == "&":
                inner = self.type_of(operand, file)
                return UNKNOWN if isinstance(inner, Unknown) else Pointer(inner)
            if op.type == "*":
                inner = self.type_of(operand, file).underlying()
                return inner.elem if isinstance(inner, Pointer) else UNKNOWN
            if op.type == "<-":
                inner = self.type_of(operand, file).underlying()
                return inner.elem if isinstance(inner, Chan) else UNKNOWN
            return UNKNOWN
        if t == "call_expression":
            results = self.call_results(e, file)
            return results[0] if len(results) >= 1 else UNKNOWN
        if t in ("type_assertion_expression", "type_conversion_expression"):
            return self.from_type_node(e.child_by_field_name("type"), file)
        if t == "slice_expression":
            base = self.type_of(e.child_by_field_name("operand"), file)
            u = base.underlying()
            if isinstance(u, Pointer) and isinstance(u.elem.underlying(), Array):
                return Slice(u.elem.underlying().elem)  # (*[n]T)(p)[:n:n], the cgo idiom
            if isinstance(u, Array):
                return Slice(u.elem)
            return base if isinstance(u, Slice) or isinstance(u, Basic) else UNKNOWN
        if t == "func_literal":
            return Func(tuple(self._results(e.child_by_field_name("result"), file)))
        if t in ("interpreted_string_literal", "raw_string_literal"):
            return Basic(b"string")
        return UNKNOWN

    def call_results(self, call: Node, file: "SourceFile") -> tuple[Type, ...]:
        fn = call.child_by_field_name("function")
        if fn is None:
            return ()
        fn_u = unparen(fn)
        args = call.child_by_field_name("arguments")
        arg_nodes = [] if args is None else [c for c in args.named_children if c.type != "comment"]
        if fn_u.type == "identifier":
            obj = self.pkg.object_of(fn_u, file)
            if obj is not None and obj.kind == "builtin":
                name = fn_u.text
                if name in (b"make",) and arg_nodes:
                    return (self.from_type_node(arg_nodes[0], file),)
                if name == b"new" and arg_nodes:
                    written = self._new_argument(arg_nodes[0], file)
                    if written is not None:  # Go 1.26's new(expr): a pointer to a variable of its type
                        return (Pointer(written),)
                    return (Pointer(self.from_type_node(arg_nodes[0], file)),)
                if name == b"append" and arg_nodes:
                    return (self.type_of(arg_nodes[0], file),)
                if name in (b"len", b"cap", b"copy"):
                    return (Basic(b"int"),)
                return ()
            if obj is not None and obj.kind == "type":
                return (self.type_of_typename(obj, fn_u.text, file),)  # a conversion
        if fn_u.type in ("parenthesized_type", "map_type", "pointer_type", "slice_type", "generic_type",
                         "qualified_type"):
            return (self.from_type_node(fn_u, file),)
        ft = self.type_of(fn, file)
        if isinstance(ft, Func):
            return ft.results
        return ()

    def method(self, recv: Type, name: bytes) -> Func | None:
        base = deref(recv)
        if not isinstance(base, Named) or base.spec is None:
            return None
        m = self.pkg.methods().get((base.name, name))
        if m is None:
            return None
        f = self.file_of(m, self.pkg.files[0])
        return Func(tuple(self._results(m.child_by_field_name("result"), f)))

    def type_of_obj(self, obj: "Obj | None", file: "SourceFile") -> Type:
        if obj is None or obj.spec is None:
            return UNKNOWN
        spec = obj.spec
        f = self.file_of(spec, file)
        k = obj.kind
        if k in ("param", "result", "receiver"):
            t = self.from_type_node(spec.child_by_field_name("type"), f)
            return Slice(t) if spec.type == "variadic_parameter_declaration" else t
        if k == "func":
            return Func(tuple(self._results(spec.child_by_field_name("result"), f)))
        if k not in ("var", "const"):
            return UNKNOWN
        st = spec.type
        if st in ("var_spec", "const_spec"):
            tnode = spec.child_by_field_name("type")
            if tnode is not None:
                return self.from_type_node(tnode, f)
            names = [c for i, c in enumerate(spec.children) if spec.field_name_for_child(i) == "name"]
            return self._value_type(spec.child_by_field_name("value"), names, obj.decl, f)
        if st == "short_var_declaration":
            left = spec.child_by_field_name("left")
            names = [] if left is None else [c for c in left.named_children if c.type != "comment"]
            return self._value_type(spec.child_by_field_name("right"), names, obj.decl, f)
        if st == "range_clause":
            coll = self.type_of(spec.child_by_field_name("right"), f).underlying()
            if isinstance(coll, Pointer):
                coll = coll.elem.underlying()
            left = spec.child_by_field_name("left")
            names = [] if left is None else [c for c in left.named_children if c.type != "comment"]
            i = next((j for j, n in enumerate(names) if n == obj.decl), -1)
            if isinstance(coll, Map):
                return coll.key if i == 0 else coll.value if i == 1 else UNKNOWN
            if isinstance(coll, (Slice, Array)):
                return Basic(b"int") if i == 0 else coll.elem if i == 1 else UNKNOWN
            if isinstance(coll, Chan) and i == 0:
                return coll.elem
            return UNKNOWN
        return UNKNOWN

    def _value_type(self, values: Node | None, names: list[Node], decl: Node | None, f: "SourceFile") -> Type:
        if values is None or decl is None:
            return UNKNOWN
        vals = [c for c in values.named_children if c.type != "comment"] \
            if values.type == "expression_list" else [values]
        i = next((j for j, n in enumerate(names) if n == decl), -1)
        if i < 0:
            return UNKNOWN
        if len(vals) == len(names):
            return self.type_of(vals[i], f)
        if len(vals) == 1 and unparen(vals[0]).type == "call_expression":
            results = self.call_results(unparen(vals[0]), f)
            return results[i] if i < len(results) else UNKNOWN
        one = unparen(vals[0]).type if len(vals) == 1 else None
        if one in ("index_expression", "type_assertion_expression") or (
                one == "unary_expression" and unparen(vals[0]).child(0).type == "<-"):
            if len(names) == 2 and i == 1:
                return Basic(b"bool")  # v, ok := m[k] / x.(T) / <-ch
            if i == 0 and one == "index_expression":
                return self.type_of(vals[0], f)
        return UNKNOWN
