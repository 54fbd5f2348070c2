"""Which function a call or a function value reaches, who calls a function, and what a name
imported from another package is: the package's call graph, resolved by type, never by bare name.

`(*A).loop` and `(*B).loop` are different functions: `go b.loop()` reaches the one whose receiver
type is b's. A method value (`once.Do(x.init)`) reaches the method as well, but as a value: its
callers are then not all known. An interface method reaches the package's implementation when
the package has exactly one method of that name; a local function value reaches what it was
assigned when it is assigned once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from tree_sitter import Node

from golint_delete.syntax import enclosing_function, unparen

if TYPE_CHECKING:
    from golint_delete.model.package import Package, SourceFile


class Qualified(NamedTuple):
    """`pkg.Name` where pkg is an import of the file: the import path and the name."""

    path: bytes
    name: bytes


@dataclass(frozen=True)
class Callee:
    decl: Node  # function_declaration, method_declaration or func_literal
    file: "SourceFile"
    # How it was reached: func (a package function), method (through the receiver's type),
    # interface (the package's one implementation), value (a function value assigned once),
    # literal (a function literal itself).
    how: str
    receiver: Node | None = None  # for a method: the receiver expression (`x` of `x.m`)


@dataclass(frozen=True)
class CallSite:
    node: Node  # the call_expression, or the reference for kind "value"
    file: "SourceFile"
    caller: Node | None  # the function holding it
    # call (an ordinary call), go, defer, value (used as a value: called later by someone
    # else), unresolved (the same name on an operand whose type is unknown: may be a call of it).
    kind: str
    receiver: Node | None = None


def qualified(pkg: "Package", expr: Node | None, file: "SourceFile") -> Qualified | None:
    """`pkg.Name` with pkg an import of this file (not shadowed), as (import path, Name)."""
    if expr is None:
        return None
    e = unparen(expr)
    if e.type not in ("selector_expression", "qualified_type"):
        return None
    if e.type == "selector_expression":
        operand, name = e.child_by_field_name("operand"), e.child_by_field_name("field")
    else:
        operand, name = e.child_by_field_name("package"), e.child_by_field_name("name")
    if operand is None or name is None or operand.type not in ("identifier", "package_identifier"):
        return None
    obj = pkg.object_of(operand, file)
    if obj is None or obj.kind != "import":
        return None
    path = file.import_path(obj)
    return None if path is None else Qualified(path, name.text)


class CallGraph:
    """Built on first use, per package; callers are found per function asked about."""

    requires = ()

    def __init__(self, pkg: "Package") -> None:
        self.pkg = pkg
        self._callers: dict[Node, list[CallSite]] = {}
        self._words: dict | None = None
        self._asked = 0
        self._methods_named: dict[bytes, list[Node]] | None = None

    # Forward: what an expression reaches ----------------------------------------------------

    def func_value(self, expr: Node | None, file: "SourceFile", depth: int = 0) -> Callee | None:
        """The function an expression denotes as a value (`f`, `x.m`, `func() {...}`)."""
        if expr is None or depth > 3:
            return None
        pkg = self.pkg
        e = unparen(expr)
        if e.type == "func_literal":
            return Callee(e, file, "literal")
        if e.type == "identifier":
            obj = pkg.object_of(e, file)
            if obj is None or obj.spec is None:
                return None
            if obj.kind == "func":
                return Callee(obj.spec, pkg.types.file_of(obj.spec, file), "func")
            if obj.kind == "var":
                value = pkg.sole_value(obj, file)
                got = self.func_value(value, pkg.types.file_of(obj.spec, file), depth + 1) if value is not None else None
                return None if got is None else Callee(got.decl, got.file, "value", got.receiver)
            return None
        if e.type == "selector_expression":
            if qualified(pkg, e, file) is not None:
                return None  # another package's function: not in this package's graph
            operand, name = e.child_by_field_name("operand"), e.child_by_field_name("field")
            if operand is None or name is None:
                return None
            decl = self.method_of(pkg.type_of(operand, file), name.text)
            if decl is None:
                return None
            how = "interface" if decl[1] else "method"
            return Callee(decl[0], pkg.types.file_of(decl[0], file), how, operand)
        return None

    def callee(self, call: Node, file: "SourceFile") -> Callee | None:
        """The function of this package a call reaches (None: a builtin, another package's, or
        not known)."""
        if call.type != "call_expression":
            return None
        return self.func_value(call.child_by_field_name("function"), file)

    def method_of(self, t, name: bytes, depth: int = 0) -> tuple[Node, bool] | None:
        """The method declaration `name` of type t (or *t), promoted through embedded structs;
        for an interface type, the package's only method of that name. (decl, via interface)."""
        from golint_delete.model.types import Named, Struct, deref

        base = deref(t)
        if not isinstance(base, Named) or base.spec is None or depth > 3:
            return None
        pkg = self.pkg
        decl = pkg.methods().get((base.name, name))
        if decl is not None:
            return decl, False
        tnode = base.spec.child_by_field_name("type")
        if tnode is not None and tnode.type == "interface_type":
            impls = self._named(name)
            return (impls[0], True) if len(impls) == 1 else None
        s = base.underlying()
        if isinstance(s, Struct):
            for f in s.fields:
                if f.embedded:
                    got = self.method_of(pkg.types.from_type_node(f.type_node, s.file), name, depth + 1)
                    if got is not None:
                        return got
        return None

    def has_method_named(self, name: bytes) -> bool:
        return bool(self._named(name))

    def _named(self, name: bytes) -> list[Node]:
        if self._methods_named is None:
            self._methods_named = {}
            for (_, m), decl in self.pkg.methods().items():
                self._methods_named.setdefault(m, []).append(decl)
        return self._methods_named.get(name, [])

    # Backward: who reaches a function --------------------------------------------------------

    def callers(self, func: Node) -> list[CallSite]:
        """Every reference to a declared function or method in the package, classified."""
        got = self._callers.get(func)
        if got is None:
            got = self._callers[func] = self._find_callers(func)
        return got

    def _find_callers(self, func: Node) -> list[CallSite]:
        name = func.child_by_field_name("name")
        if name is None or func.type not in ("function_declaration", "method_declaration"):
            return []
        # The name's occurrences in the source, each looked up by its byte range: a query would
        # visit every node of every file that spells the name, per function asked about.
        out: list[CallSite] = []
        for f, start, end in self._occurrences_of(name.text):
            n = f.root.descendant_for_byte_range(start, end)
            if n is None or n.type not in ("identifier", "field_identifier") or n.start_byte != start \
                    or n.end_byte != end:
                continue  # in a comment, a string
            site = self._site(n, func, f)
            if site is not None:
                out.append(site)
        return out

    def _occurrences_of(self, name: bytes):
        """Where a word occurs in the package's sources: scanned for it alone while few names are
        asked about (most packages), from one index of every declared name once many are."""
        self._asked += 1
        if self._words is None and self._asked <= _FEW:
            pattern = re.compile(rb"(?<![\w\x80-\xff])" + re.escape(name) + rb"(?![\w\x80-\xff])")
            return [(f, m.start(), m.end()) for f in self.pkg.files if name in f.source
                    for m in pattern.finditer(f.source)]
        return self._occurrences().get(name, ())

    def _occurrences(self) -> dict:
        """Every word of the package's sources -> (file, start, end) of each occurrence: one scan
        of the text for all the functions whose callers are asked about, not one per function."""
        if self._words is None:
            # Only the names of the package's functions and methods are kept: the others are
            # never asked about, and would cost a tuple per word of the package.
            # From the text: parsing every sibling of a file named alone would cost what the lazy
            # parse saves.
            declared = {m.group(1) for f in self.pkg.files for m in _FUNC_DECL.finditer(f.source)}
            words: dict[bytes, list] = {}
            for f in self.pkg.files:
                for m in _WORD.finditer(f.source):
                    w = m.group()
                    if w in declared:
                        words.setdefault(w, []).append((f, m.start(), m.end()))
            self._words = words
        return self._words

    def _site(self, n: Node, func: Node, f: "SourceFile") -> CallSite | None:
        parent = n.parent
        if parent is None or parent.type in ("function_declaration", "method_declaration"):
            return None
        if n.type == "field_identifier":
            if parent.type != "selector_expression" or parent.child_by_field_name("field") != n:
                return None  # a struct field, a keyed element, an interface method
            expr = parent
        else:
            expr = n
        reached = self.func_value(expr, f)
        if reached is None:
            from golint_delete.model.types import Unknown

            if expr.type == "selector_expression" and qualified(self.pkg, expr, f) is None \
                    and isinstance(self.pkg.type_of(expr.child_by_field_name("operand"), f).underlying(), Unknown):
                return CallSite(expr, f, enclosing_function(expr), "unresolved")
            return None
        if reached.decl != func:
            return None
        holder = expr
        while holder.parent is not None and holder.parent.type == "parenthesized_expression":
            holder = holder.parent
        call = holder.parent
        if call is None or call.type != "call_expression" or call.child_by_field_name("function") != holder:
            return CallSite(expr, f, enclosing_function(expr), "value", reached.receiver)
        up = call.parent
        kind = "go" if up is not None and up.type == "go_statement" else \
            "defer" if up is not None and up.type == "defer_statement" else "call"
        return CallSite(call, f, enclosing_function(call), kind, reached.receiver)

    def only_called_directly(self, func: Node, exported: bool = False) -> list[CallSite] | None:
        """The call sites of an unexported function whose every use in the package is an ordinary
        call (so its callers are all known); None otherwise. With `exported`, an exported one's
        too: its calls in the package are then all the package says about how it is called."""
        name = func.child_by_field_name("name")
        if name is None or is_exported(name.text) and not exported or name.text in (b"init", b"_"):
            return None
        sites = self.callers(func)
        if not sites or any(s.kind != "call" for s in sites):
            return None
        return sites


_FEW = 16  # names asked about before one index of all of them pays
_WORD = re.compile(rb"[A-Za-z_\x80-\xff][\w\x80-\xff]*")
# `func name` and `func (r T) name` anywhere: a superset is harmless (the names are a filter; a
# literal's result type comes along), a miss is not.
_FUNC_DECL = re.compile(rb"\bfunc\s*(?:\([^)]*\)\s*)?([A-Za-z_\x80-\xff][\w\x80-\xff]*)")


def is_exported(name: bytes) -> bool:
    """Go's rule: a name is exported when its first character is an upper-case letter (`_sum`
    and `sum` are not; `Sum` and `Über` are)."""
    first = name.decode("utf-8", "replace")[:1]
    return first.isupper()
