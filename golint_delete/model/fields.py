"""Package-wide facts about map fields and package-level map vars, for rules that connect a write
in one function with a construction or a nil reset in another (GD102, GD103)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tree_sitter import Node

from golint_delete import syntax
from golint_delete.model.calls import is_exported
from golint_delete.model.nilness import is_nil_fact, literal_fields
from golint_delete.model.package import _is_package_level as _package_level
from golint_delete.model.queries import FIELD_CANDIDATES
from golint_delete.model.types import Named, Struct, deref
from golint_delete.syntax import enclosing_function, named_non_comment_children, unparen


@dataclass(frozen=True)
class Site:
    node: Node
    file: object  # SourceFile
    func: Node | None
    # A construction that makes the field only under a condition on the constructor's own
    # parameters (`if withCache { u.cache = make(...) }`): that condition.
    unless: Node | None = None


class FieldFacts:
    """Built once per package, on first use, and lazily by name: one syntax pass files every
    candidate under the field, var or type name it concerns; only the names a rule asks about are
    then resolved (most fields are never asked about)."""

    def __init__(self, pkg) -> None:
        self.pkg = pkg
        self.constructions: dict[bytes, list[Site]] = {}  # type name -> literal/new sites
        self.nil_resets: dict[tuple, list[Site]] = {}  # (type name | None, name) -> `= nil` sites
        self.lazy: set[tuple] = set()  # (type name | None, name) made outside a constructor somewhere
        # Made only under its own nil check (`if t.m == nil { t.m = make(...) }`), by key: that
        # method is safe, the package's other unguarded writes are not (issue 17 item 5).
        self.made_when_nil: dict[tuple, list[Site]] = {}
        self._pending: dict[bytes, list] = {}  # name -> raw candidates not yet resolved
        for f in pkg.files:
            for _, caps in f.index.matches(FIELD_CANDIDATES):
                if "lit" in caps:
                    node = caps["lit"][0]
                    t = node.child_by_field_name("type")
                    if t is not None and t.type == "generic_type":
                        t = t.child_by_field_name("type")
                    if t is not None:
                        self._pending.setdefault(t.text, []).append(("lit", node, f))
                elif "elided" in caps:
                    # `map[string]item{"a": {}}`: an element of the map's value type, built here.
                    node = caps["elided"][0]
                    self._pending.setdefault(_element_type(node).text, []).append(("elided", node, f))
                elif "new" in caps:
                    node = caps["new"][0]
                    args = node.child_by_field_name("arguments")
                    kids = [] if args is None else [c for c in args.named_children if c.type != "comment"]
                    if kids:
                        self._pending.setdefault(_last_name(kids[0]), []).append(("new", node, f))
                elif "assign" in caps:
                    stmt = caps["assign"][0]
                    for target in stmt.child_by_field_name("left").named_children:
                        self._pending.setdefault(_last_name(target), []).append(("assign", stmt, f))
                elif "addr" in caps:
                    node = caps["addr"][0]
                    self._pending.setdefault(_last_name(node.child_by_field_name("operand")), []).append(
                        ("addr", node, f))

    def _resolve(self, name: bytes) -> None:
        """File the candidates concerning `name` under their resolved keys (once per name)."""
        todo = self._pending.pop(name, None)
        if not todo:
            return
        seen = set()
        for kind, node, f in todo:
            if (kind, node) in seen:
                continue  # `a.m, b.m = nil, nil` is filed once per target name
            seen.add((kind, node))
            if kind == "lit":
                self._literal(node, f)
            elif kind == "elided":
                self._element(node, f)
            elif kind == "new":
                self._new(node, f)
            elif kind == "assign":
                self._assign(node, f)
            else:
                self._address(node, f)

    def is_lazy(self, key: tuple) -> bool:
        """Made outside a constructor in a way that can precede any write (an unguarded make, an
        address taken), or under its own nil check somewhere."""
        self._resolve(key[1])
        return key in self.lazy or key in self.made_when_nil

    def _literal(self, lit: Node, f) -> None:
        if f.path.endswith("_test.go"):
            return
        t = self.pkg.types.from_type_node(lit.child_by_field_name("type"), f)
        if isinstance(t, Named) and t.spec is not None:
            self.constructions.setdefault(t.name, []).append(Site(lit, f, enclosing_function(lit)))

    def _element(self, body: Node, f) -> None:
        """A map literal's value `{...}` of a struct type of the package: a construction whose
        unset fields stay nil, since a map's elements cannot be changed in place (`m[k].f = v`
        does not compile); a reader gets a copy with them nil."""
        if f.path.endswith("_test.go"):
            return
        t = self.pkg.types.from_type_node(_element_type(body), f)
        if isinstance(t, Named) and t.spec is not None:
            self.constructions.setdefault(t.name, []).append(Site(body, f, enclosing_function(body)))

    def _new(self, call: Node, f) -> None:
        if f.path.endswith("_test.go") or not self.pkg.is_builtin(call.child_by_field_name("function"), b"new", f):
            return
        t = deref(self.pkg.type_of(call, f))
        if isinstance(t, Named) and t.spec is not None:
            self.constructions.setdefault(t.name, []).append(Site(call, f, enclosing_function(call)))

    def _assign(self, stmt: Node, f) -> None:
        left = named_non_comment_children(stmt.child_by_field_name("left"))
        right = named_non_comment_children(stmt.child_by_field_name("right"))
        if len(left) != len(right):
            return
        func = enclosing_function(stmt)
        for target, value in zip(left, right):
            key = self.pkg.shared_key(target, f)
            if key is None:
                continue
            if unparen(value).type == "nil":
                if not self._of_a_copy(target, f):
                    self.nil_resets.setdefault(key, []).append(Site(stmt, f, func))
            elif self._lazy_target(target, f, func):
                if self._under_own_nil_check(stmt, key, f, func) and self.pkg.is_fresh(value, f) \
                        or self._a_parameter(value, f, func):
                    # Made only when nil, or set to what a caller passes (`u.extra = m`, which may
                    # be nil too): other writes cannot count on it having run.
                    self.made_when_nil.setdefault(key, []).append(Site(stmt, f, func))
                else:
                    self.lazy.add(key)

    def _a_parameter(self, value: Node, f, func: Node | None) -> bool:
        """The value is a parameter of the assigning function, as it was passed."""
        v = unparen(value)
        obj = self.pkg.object_of(v, f) if v.type == "identifier" else None
        return obj is not None and obj.kind == "param" and func is not None and obj.decl is not None \
            and func.start_byte <= obj.decl.start_byte < func.end_byte \
            and not self.pkg.assignments_to(func.child_by_field_name("body"), obj, f)

    def _under_own_nil_check(self, stmt: Node, key: tuple, f, func: Node | None) -> bool:
        """`if x.f == nil { x.f = make(...) }`: the assignment is in the consequence of an `if`
        whose condition is exactly a comparison of the same field with nil."""
        n = stmt.parent
        while n is not None and n != func and n.type != "if_statement":
            n = n.parent
        if n is None or n.type != "if_statement":
            return False
        cond = unparen(n.child_by_field_name("condition"))
        if cond.type != "binary_expression" or cond.child_by_field_name("operator").type != "==":
            return False
        left, right = cond.child_by_field_name("left"), cond.child_by_field_name("right")
        if unparen(right).type != "nil":
            left, right = right, left
        cons = n.child_by_field_name("consequence")
        return unparen(right).type == "nil" and cons is not None and cons.start_byte <= stmt.start_byte \
            and stmt.end_byte <= cons.end_byte and self.pkg.shared_key(left, f) == key

    def makers_run_first(self, makers: list[Site], func: Node, depth: int = 2) -> bool:
        """Whether every non-test call of `func` in the package comes after a call of one of the
        makers' functions in the same caller (`Parse` calls `t.startParse(..., treeSet)` and
        then `t.add()`), or from a maker itself, or from a function all of whose calls do."""
        funcs = {m.func for m in makers if m.func is not None}
        sites = [s for s in self.pkg.callers(func) if not s.file.path.endswith("_test.go")]
        if not sites:
            return False
        for site in sites:
            if site.kind != "call" or site.caller is None:
                return False
            if site.caller in funcs:
                continue
            body = site.caller.child_by_field_name("body")
            before = any(n.type == "call_expression" and n.end_byte <= site.node.start_byte
                         and (c := self.pkg.callee(n, site.file)) is not None and c.decl in funcs
                         for n in syntax.walk_outside_closures(body)) if body is not None else False
            if not before and not (depth > 0 and self.makers_run_first(makers, site.caller, depth - 1)):
                return False
        return True

    def made_only_when_nil(self, key: tuple) -> list[Site]:
        """The guarded makes of a field no other code makes (empty when some other code makes it,
        or none does)."""
        self._resolve(key[1])
        return [] if key in self.lazy else self.made_when_nil.get(key, [])

    def _address(self, addr: Node, f) -> None:
        """`&x.f` lets whoever gets the pointer make the map (`*m = make(...)` in a helper, a
        decoder): the field is then made outside any construction the package shows."""
        key = self.pkg.shared_key(addr.child_by_field_name("operand"), f)
        if key is not None and not f.path.endswith("_test.go"):
            self.lazy.add(key)

    def _of_a_copy(self, target: Node, f) -> bool:
        """`c.m = nil` where c is a struct value of its own (a local `c := *j`, a value receiver or
        parameter): only that copy is reset, no value another function writes."""
        root = unparen(target)
        while root.type == "selector_expression":
            root = unparen(root.child_by_field_name("operand"))
            if not isinstance(self.pkg.type_of(root, f).underlying(), Struct):
                return False  # through a pointer (c.inner.m with inner *T): a shared value
        if root.type != "identifier":
            return False
        obj = self.pkg.object_of(root, f)
        return obj is not None and obj.kind in ("var", "param", "receiver") and obj.spec is not None \
            and not _package_level(obj.spec)

    def _lazy_target(self, target: Node, f, func: Node | None) -> bool:
        """A non-nil assignment counts as lazy initialisation unless it finishes a construction in
        the same function (`t := &T{}; t.m = make(...)`)."""
        root = unparen(target)
        while root.type == "selector_expression":
            root = unparen(root.child_by_field_name("operand"))
        if root.type != "identifier":
            return True
        obj = self.pkg.object_of(root, f)
        if obj is None or obj.kind != "var" or obj.spec is None or _package_level(obj.spec):
            return True
        return not self._constructed_by(obj.spec, f)

    def _constructed_by(self, spec: Node, f) -> bool:
        if spec.type not in ("short_var_declaration", "var_spec"):
            return False
        value = spec.child_by_field_name("right") or spec.child_by_field_name("value")
        if value is None:
            return spec.type == "var_spec"  # `var t T`: a zero value made right here
        return any(self.pkg.is_fresh(v, f) for v in value.named_children if v.type != "comment")

    def checked_by_caller(self, key: tuple, func: Node) -> bool:
        """Whether some caller calls `func` only where the field or var is known non-nil (the
        nil-ness analysis's guards): the protocol `if fpmap == nil { return }; analyze()` keeps the
        callee's write safe. The calls are the call graph's (resolved by type)."""
        for site in self.pkg.callers(func):
            if site.kind == "value" or site.kind == "unresolved" or site.caller in (None, func):
                continue
            if key[1] not in site.caller.text:
                continue  # a guard would name the field or var: no flow analysis of this caller
            for path in self.pkg.nonnil_at(site.node, site.file):
                last = path[-1] if len(path) > 1 else path[0].name
                if last == key[1] and self.pkg.shared_key_of_path(path, site.file) == key:
                    return True
        return False

    # Questions ---------------------------------------------------------------------------------

    def nil_construction(self, type_name: bytes, field: bytes, path: tuple[bytes, ...]) -> Site | None:
        """The first construction of the type (non-test files) when every construction leaves the
        field nil for its users. One construction that makes the field is taken as the design
        (others may build special-purpose values that are never written), and exported fields
        may be set by importers: both stay silent, for precision."""
        if is_exported(path[-1]):
            return None
        self._resolve(type_name)
        sites = self.constructions.get(type_name, [])
        left = [self._leaves_nil(site, field, path) for site in sites]
        if not sites or not all(left):
            return None
        for site, how in zip(sites, left):
            if how is True:
                return site
        return Site(sites[0].node, sites[0].file, sites[0].func, left[0])

    def _leaves_nil(self, site: Site, field: bytes, path: tuple[bytes, ...]) -> bool:
        node = site.node
        if node.type == "literal_value":  # a map literal's element: only copies of it come out
            from golint_delete.model.nilness import _literal_fields_of_body

            keyed = _literal_fields_of_body(node)
            return keyed is not None and path[0] not in keyed
        if node.type == "composite_literal":
            keyed = literal_fields(node)
            if keyed is None or path[0] in keyed:
                return False  # positional literals set every field; or this one sets it
        holder = node.parent
        if holder is not None and holder.type == "unary_expression":
            holder = holder.parent
        if holder is not None and holder.type == "expression_list":
            holder = holder.parent
        if holder is None:
            return False
        if holder.type == "return_statement":
            return True  # handed out as it is
        if holder.type in ("short_var_declaration", "assignment_statement", "var_spec") and site.func is not None:
            left = holder.child_by_field_name("left") or holder.child_by_field_name("name")
            names = [c for c in (left.named_children if left is not None and left.type == "expression_list"
                                 else [left] if left is not None else []) if c.type != "comment"]
            if len(names) != 1 or names[0].type != "identifier":
                return False
            flow = self.pkg.nilness(site.func, site.file)
            obj = self.pkg.object_of(names[0], site.file)
            if not flow.ok or obj is None:
                return False
            key = (obj,) + path
            # Nil for the value's users only if no path out of the function has made it.
            if flow.exits and all(all(is_nil_fact(f) and f.offset == node.start_byte for f in flow.facts(st, key))
                                  for st in flow.exits):
                return True
            return self._made_only_if_option(site, obj, path) or False
        return False

    def _made_only_if_option(self, site: Site, obj, path: tuple) -> Node | False:
        """`u := &U{}; if withCache { u.cache = make(...) }; return u`: every assignment of the
        field is under an `if` whose condition reads only the constructor's parameters, none of
        which the value keeps (a kept flag is one the writers can test), and the value is
        returned. The condition, else False."""
        from golint_delete.model.locks import param_objs

        if len(path) != 1 or site.func is None:
            return False
        params = set(p for p in (param_objs(self.pkg, site.func, site.file) or ()) if p is not None)
        body = site.func.child_by_field_name("body")
        if not params or body is None:
            return False
        cond, returned, stored = None, False, []
        for n in syntax.walk_outside_closures(body):
            if n.type == "assignment_statement":
                for target, value in zip(named_non_comment_children(n.child_by_field_name("left")),
                                         named_non_comment_children(n.child_by_field_name("right"))):
                    tp = self.pkg.path(target, site.file)
                    if tp is None or tp[0] != obj or len(tp) < 2:
                        continue
                    if tp[1:] != path:
                        stored.append(value)
                        continue
                    holder = _enclosing_if(n, site.func)
                    c = holder.child_by_field_name("condition") if holder is not None else None
                    if c is None or not self._reads_only(c, params, site.file) or cond is not None:
                        return False
                    cond = c
            elif n.type == "return_statement" and any(
                    self.pkg.object_of(x, site.file) == obj for x in syntax.walk(n) if x.type == "identifier"):
                returned = True
        if cond is None or not returned:
            return False
        option = {self.pkg.object_of(x, site.file) for x in syntax.walk(cond) if x.type == "identifier"} & params
        keyed = literal_fields(site.node) if site.node.type == "composite_literal" else {}
        stored += list((keyed or {}).values())
        if any(self._mentions(v, option, site.file) for v in stored):
            return False  # `u.useCache = withCache`, `&U{opts: opts}`: the writers can test it
        return cond

    def _reads_only(self, cond: Node, params: set, f) -> bool:
        ids = [x for x in syntax.walk(cond) if x.type == "identifier"]
        return bool(ids) and all(self.pkg.object_of(x, f) in params or x.text in (b"nil", b"true", b"false")
                                 for x in ids) and not any(x.type == "call_expression" for x in syntax.walk(cond))

    def _mentions(self, expr: Node, params: set, f) -> bool:
        return any(x.type == "identifier" and self.pkg.object_of(x, f) in params for x in syntax.walk(expr))

    def nil_reset(self, key: tuple, func: Node, write: Node | None = None) -> Site | None:
        """A `= nil` of this field or package var in another function that a write in `func` may
        follow. Not one in a teardown method (Close, Stop, ...: a write after it is a use after
        close, which the object's lifecycle rules out), nor one whose function also sets a state
        field that `func` tests, and leaves on, before the write (`m.delegate = d; m.insts = nil`
        against `if m.delegate != nil { return ... }`: the write cannot follow the reset)."""
        self._resolve(key[1])
        for site in self.nil_resets.get(key, []):
            if site.func is None or site.func == func or _TEARDOWN.match(_func_name(site.func)):
                continue
            if write is not None and self._state_checked(site, func, write):
                continue
            return site
        return None

    def _state_checked(self, site: Site, func: Node, write: Node) -> bool:
        states = self.pkg.memo("reset_states", site.node, lambda: self._states_set_with(site))
        if not states:
            return False
        f = self.pkg.types.file_of(func, site.file)
        for n in syntax.walk_outside_closures(func.child_by_field_name("body")):
            if n.start_byte >= write.start_byte:
                break
            if n.type != "if_statement" or n.end_byte > write.start_byte \
                    or not self.pkg.ends_by_leaving(n.child_by_field_name("consequence"), f):
                continue
            cond = n.child_by_field_name("condition")
            if any(c.type == "selector_expression" and self.pkg.shared_key(c, f) in states
                   for c in syntax.walk(cond) if cond is not None):
                return True
        return False

    def _states_set_with(self, site: Site) -> set:
        """Other fields the reset's function assigns a value that is not nil, false or zero."""
        out = set()
        for n in syntax.walk_outside_closures(site.func.child_by_field_name("body")):
            if n.type != "assignment_statement" or n == site.node:
                continue
            left = named_non_comment_children(n.child_by_field_name("left"))
            right = named_non_comment_children(n.child_by_field_name("right"))
            for target, value in zip(left, right):
                if unparen(value).type in ("nil", "false", "int_literal") or unparen(target).type != "selector_expression":
                    continue
                key = self.pkg.shared_key(target, site.file)
                if key is not None:
                    out.add(key)
        return out


# Methods that end an object's life: a write after one is a use after close, not a nil reset bug.
_TEARDOWN = re.compile(rb"(?i)(close|stop|shutdown|teardown|destroy|release|dispose|terminate|abort)")


def _func_name(func: Node) -> bytes:
    name = func.child_by_field_name("name") if func.type != "func_literal" else None
    return name.text if name is not None else b""


def _last_name(expr: Node) -> bytes:
    """The name an expression ends in: `f` for `x.y.f`, `T` for `T` or `pkg.T`, `v` for `v`."""
    e = unparen(expr)
    if e.type == "selector_expression":
        fld = e.child_by_field_name("field")
        return fld.text if fld is not None else b""
    if e.type == "qualified_type":
        n = e.child_by_field_name("name")
        return n.text if n is not None else b""
    return e.text


def _enclosing_if(node: Node, func: Node) -> Node | None:
    """The `if` whose consequence holds `node` directly (no loop or other `if` between)."""
    n = node.parent
    while n is not None and n != func:
        if n.type == "if_statement":
            cons = n.child_by_field_name("consequence")
            return n if cons is not None and cons.start_byte <= node.start_byte < cons.end_byte else None
        if n.type in ("for_statement", "func_literal", "expression_switch_statement", "type_switch_statement",
                      "select_statement"):
            return None
        n = n.parent
    return None


def _element_type(body: Node) -> Node:
    """The value type node of the map literal whose element `{...}` `body` is (the FIELD_CANDIDATES
    pattern: literal_value < literal_element < keyed_element < literal_value < composite_literal)."""
    return body.parent.parent.parent.parent.child_by_field_name("type").child_by_field_name("value")
