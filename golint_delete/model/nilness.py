"""Flow-sensitive nil-ness of maps inside one function.

An abstract interpreter over Go's structured statements (if/else, for, range, switch, select,
return, break/continue with labels, panic): the state maps an access path — a variable, or a field
path from a variable (`s.m`, `s.inner.m`) — to the set of facts that may hold there:

    NilOrigin(kind, offset) nil, and why: kind is zero (declared without a value), assigned (`= nil`),
                           literal (`T{}` without the field), new (`new(T)`), result (a named result)
                           or guard (seen equal to nil); offset is where it became nil
    NONNIL                 made, assigned a literal, or seen non-nil
    UNK                    anything we cannot see (a call's result, a parameter, an escaped value)

Joins are unions, so "nil on every path" is "every fact is a nil fact", and "nil on some path" is
"some fact is a nil fact". Loops run to a fixed point; every write site keeps the union of the
states it was reached with. What could change a value behind our back ends its tracking: a method
call on it or passing it on (its fields become UNK), taking its address or assigning it inside a
closure (never tracked), `goto` (the function is not analysed). Like go/analysis's nilness, guards
are edges: `if m == nil { return }` leaves m non-nil after the if.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from tree_sitter import Node

from golint_delete import syntax
from golint_delete.model.flow import leaves
from golint_delete.model.forward import ForwardAnalysis, Unanalysable
from golint_delete.model.mutations import root_ident
from golint_delete.model.types import Array, Basic, Map, Pointer, Slice, Struct, Unknown, is_map
from golint_delete.syntax import enclosing_function, named_non_comment_children, unparen, walk, walk_outside_closures, \
    without_address


class NilOrigin(NamedTuple):
    """The map is nil here, and why. A NamedTuple, not a dataclass: the flow analysis hashes
    millions of these, and tuple hashing is several times cheaper."""

    kind: str  # zero | assigned | literal | new | result | guard | element | call (a nil-returning call)
    offset: int  # where it became nil
    file: str | None = None  # the file of `offset` when it is another file of the package
    # Conditions that hold wherever this nil reaches, as (atom, truth): ("flag", path) for a bool
    # variable or field, ("len", path) for len(path) > 0. Set where a branch or a flag assignment
    # makes them known, dropped when the atom's variable may change; a branch that contradicts one
    # shows this nil cannot reach it (`m = nil; done = true` ... `if done { continue }; m[k] = v`).
    given: frozenset = frozenset()


class Known(NamedTuple):
    """A fact that is not a nil origin."""

    name: str


NONNIL = Known("nonnil")
UNK = Known("unknown")
TOUCHED = Known("touched")  # unknown because a call or an escape could have changed it here
_MARK = b"\0touched"  # path component under which a touched value is recorded
# Path component for every element of a map of maps made empty here and not stored into since:
# each `m[k]` is then a nil map (`m[a][b] = v` panics).
_ELEMS = b"\0elements"
_UNK_SET = frozenset({UNK})

_NONNIL_SET = frozenset({NONNIL})
_KNOWN = (b"\0known",)  # state key: the (atom, truth) pairs known on every path to this point
_NO_ATOMS = frozenset()
State = dict  # path -> frozenset of facts; None means unreachable
_NOT_VARIABLES = frozenset({"builtin", "import", "func", "type", "const", "typeparam"})


def is_nil_fact(f) -> bool:
    return type(f) is NilOrigin


def all_nil(facts: frozenset) -> bool:
    return bool(facts) and all(is_nil_fact(f) for f in facts)


def join(a: State | None, b: State | None) -> State | None:
    # Always a fresh dict: statements update states in place, so no two paths may share one.
    if a is None:
        return None if b is None else dict(b)
    if b is None:
        return dict(a)
    out = {}
    for k in a.keys() | b.keys():
        va, vb = a.get(k, _UNK_SET), b.get(k, _UNK_SET)
        v = va | vb
        if len(v) > len(va) and len(v) > len(vb) and len(v) > 1:
            v = _merge_given(v)
        if v != _UNK_SET:
            out[k] = v
    known = a.get(_KNOWN, _NO_ATOMS) & b.get(_KNOWN, _NO_ATOMS)  # must-know: on both paths
    if known:
        out[_KNOWN] = known
    else:
        out.pop(_KNOWN, None)
    return out


def _merge_given(facts: frozenset) -> frozenset:
    """One nil origin reaching a point from several paths with different conditions keeps only
    those common to all: without this, every branch would double the facts."""
    if not any(type(f) is NilOrigin and f.given for f in facts):
        return facts
    out, by_origin = [], {}
    for f in facts:
        if type(f) is not NilOrigin:
            out.append(f)
            continue
        key = (f.kind, f.offset, f.file)
        seen = by_origin.get(key)
        by_origin[key] = f if seen is None else seen._replace(given=seen.given & f.given)
    return frozenset(out + list(by_origin.values()))


class FunctionNilness(ForwardAnalysis):
    """Run once per function (function declaration, method or function literal), on demand."""

    def __init__(self, pkg, file, func: Node) -> None:
        self.pkg = pkg
        self.file = file
        self.func = func
        self.writes: dict[Node, frozenset] = {}  # index_expression written -> facts of its map
        self.exits: list[State] = []
        self.ok = True
        self._untracked: set = set()
        self._untracked_paths: set = set()  # x.f whose address is taken: x.f and what is under it
        self._atom_roots: set = set()  # root objects of the atoms any nil travels with
        self._rebound: dict = {}  # range loop -> whether its body assigns the ranged variable
        super().__init__()
        try:
            self._prescan()
            body = func.child_by_field_name("body")
            if body is not None:
                end = self.block(body, self._entry_state())
                if end is not None:
                    self.exits.append(end)
        except (Unanalysable, RecursionError):
            self.ok = False
            self.writes.clear()
            self.exits.clear()

    # Paths -----------------------------------------------------------------------------------

    def path_of(self, expr: Node) -> tuple | None:
        """The model's access path (Package.path) of a tracked variable's value or field path:
        no index steps, no constants, functions or imports, nothing whose address is taken."""
        p = self.pkg.path(expr, self.file)
        if p is None or p[0].kind in _NOT_VARIABLES or p[0] in self._untracked:
            return None
        for step in p[1:]:
            if type(step) is not bytes:
                return None
        if self._untracked_paths and any(p[:len(u)] == u for u in self._untracked_paths):
            return None
        return p

    def _prescan(self) -> None:
        """Variables whose address is taken, or that a closure assigns, are never tracked."""
        body = self.func.child_by_field_name("body")
        if body is None:
            return
        for n in walk(body):
            t = n.type
            if t == "goto_statement":
                raise Unanalysable()
            if t == "unary_expression" and n.child(0) is not None and n.child(0).type == "&":
                operand = n.child_by_field_name("operand")
                if self._written_through_pointer(n):
                    continue  # `o.Apply(&query)`: a write of query (_touch), no alias kept
                # `&x.f` lets whoever holds the pointer change x.f and what is under it, not x's
                # other fields; `&x`, `&x[i]` or anything else, the whole of x.
                p = self.pkg.path(operand, self.file) if operand is not None else None
                if p is not None and all(type(step) is bytes for step in p[1:]):
                    self._untracked_paths.add(p)
                    continue
                root = root_ident(operand) if operand is not None else None
                if root is not None:
                    obj = self.pkg.object_of(root, self.file)
                    if obj is not None:
                        self._untracked.add(obj)
            elif t == "func_literal":
                for m in walk(n):
                    if m.type in ("assignment_statement", "short_var_declaration", "inc_statement",
                                  "dec_statement"):
                        left = m.child_by_field_name("left") if m.type != "inc_statement" and \
                            m.type != "dec_statement" else m
                        for target in ([] if left is None else left.named_children):
                            root = root_ident(target)
                            if root is None:
                                continue
                            obj = self.pkg.object_of(root, self.file)
                            if obj is not None and obj.decl is not None and not _inside(obj.decl, n):
                                self._untracked.add(obj)

    def _written_through_pointer(self, addr: Node) -> bool:
        """`&x` passed where the callee writes the map through the pointer on every call."""
        holder = addr.parent
        if holder is None or holder.type != "argument_list" or holder.parent is None:
            return False
        operand = addr.child_by_field_name("operand")
        return any(m == operand for m in self.pkg.argument_maps_written(holder.parent, self.file))

    def _entry_state(self) -> State:
        state: State = {}
        res = self.func.child_by_field_name("result")
        if res is not None and res.type == "parameter_list":
            for decl in res.named_children:
                for i, c in enumerate(decl.children):
                    if decl.field_name_for_child(i) != "name":
                        continue
                    obj = self.pkg.object_of(c, self.file)
                    if obj is None or obj in self._untracked:
                        continue
                    t = self.pkg.types.type_of_obj(obj, self.file)
                    fact = frozenset({NilOrigin("result", c.start_byte)})
                    if is_map(t):
                        state[(obj,)] = fact
                    for sub, _full, _f in self.pkg.types.map_fields(t):
                        state[(obj,) + sub] = fact
        return state

    def facts(self, state: State, path: tuple) -> frozenset:
        got = state.get(path)
        if got is not None:
            return got
        for i in range(len(path), 0, -1):
            mark = state.get(path[:i] + (_MARK,))
            if mark is not None:
                return mark
        if len(path) == 1:
            return self.pkg.package_var_initial(path[0])
        return _UNK_SET

    # Statements: the walk is ForwardAnalysis's; these are nil-ness's transfer functions ------

    join = staticmethod(join)

    def copy(self, state: State) -> State:
        return dict(state)  # statements update states in place

    def leave(self, s: Node, state: State | None) -> State | None:
        """Variables declared inside `s` are out of scope after it: their entries, and what is
        known about them, leave the state. Without this a function of many loops, each declaring
        its own `k`, carries every one of them to its end, and each statement pays for them all."""
        if not state:
            return state
        lo, hi = s.start_byte, s.end_byte

        def inner(root) -> bool:
            decl = getattr(root, "decl", None)
            return decl is not None and lo <= decl.start_byte < hi

        gone = [k for k in state if k != _KNOWN and inner(k[0])]
        for k in gone:
            del state[k]
        known = state.get(_KNOWN)
        if known:
            kept = frozenset(a for a in known if not (a[0][1] and inner(a[0][1][0])))
            if len(kept) != len(known):
                if kept:
                    state[_KNOWN] = kept
                else:
                    del state[_KNOWN]
        return state

    def simple(self, s: Node, state: State) -> State | None:
        t = s.type
        if t in ("short_var_declaration", "assignment_statement"):
            return self._assign(s, state)
        if t in ("inc_statement", "dec_statement"):
            target = next((c for c in s.named_children if c.type != "comment"), None)
            if target is not None:
                self._touch(target, state)
                self._write_check(target, state)
            return state
        if t == "var_declaration":
            return self._var_decl(s, state)
        if t == "expression_statement":
            expr = s.named_children[0] if s.named_child_count else None
            if expr is not None:
                self._touch(expr, state)
                how = leaves(self.pkg, s, self.file)
                if how is not None and how.kind in ("panic", "exit"):
                    return None
            return state
        if t in ("go_statement", "defer_statement", "send_statement"):
            for c in s.named_children:
                self._touch(c, state)
            return state
        if t in ("fallthrough_statement", "empty_statement", "const_declaration", "type_declaration"):
            return state
        # Anything else (including ERROR nodes) could do anything to what it mentions.
        self._touch(s, state)
        return state

    def returned(self, s: Node, state: State) -> None:
        self.exits.append(dict(state))
        for c in s.named_children:
            self._touch(c, state)

    def condition(self, cond: Node, state: State) -> tuple[State | None, State | None]:
        self._touch(cond, state)
        t, f = self._refine(cond, state)
        return self._assume(t, self._atoms(cond, True)), self._assume(f, self._atoms(cond, False))

    # Conditions a nil travels with ----------------------------------------------------------

    def _origin(self, state: State, kind: str, at: int) -> NilOrigin:
        return NilOrigin(kind, at, None, state.get(_KNOWN, _NO_ATOMS))

    def _atoms(self, cond: Node | None, truth: bool) -> list:
        """What must hold where `cond` is `truth`: (("flag", path), b) for a bool variable or
        field, (("len", path), b) for len(path) > 0; conjunctions on their true edge,
        disjunctions on their false edge."""
        if cond is None:
            return []
        c = unparen(cond)
        if c.type == "unary_expression" and c.child(0) is not None and c.child(0).type == "!":
            return self._atoms(c.child_by_field_name("operand"), not truth)
        if c.type == "binary_expression":
            op = c.child_by_field_name("operator")
            a, b = c.child_by_field_name("left"), c.child_by_field_name("right")
            if op is None or a is None or b is None:
                return []
            if op.text == b"&&":
                return self._atoms(a, True) + self._atoms(b, True) if truth else []
            if op.text == b"||":
                return [] if truth else self._atoms(a, False) + self._atoms(b, False)
            if op.text in (b"==", b"!=", b">", b"<", b">=", b"<="):
                got = self._len_compare(a, b, op.text)
                return [(("len", got[0]), truth == got[1])] if got is not None else []
            return []
        if c.type in ("identifier", "selector_expression"):
            t = self.pkg.types.type_of(c, self.file)
            p = self.path_of(c) if isinstance(t, Basic) and t.name == b"bool" else None
            return [(("flag", p), truth)] if p is not None else []
        return []

    def _assume(self, state: State | None, atoms: list) -> State | None:
        """`state` where the atoms hold: nils that travel with a contradicting condition cannot be
        here (a path left with no value at all means this edge is never taken), and the others
        now travel with these conditions too."""
        if state is None or not atoms:
            return state
        add = frozenset(atoms)
        contra = frozenset((a, not v) for a, v in atoms)
        for k, facts in list(state.items()):
            if k == _KNOWN or not any(type(f) is NilOrigin for f in facts):
                continue
            kept = frozenset(f._replace(given=f.given | add) if type(f) is NilOrigin else f
                             for f in facts if not (type(f) is NilOrigin and f.given & contra))
            if not kept:
                return None
            state[k] = kept
        state[_KNOWN] = (state.get(_KNOWN, _NO_ATOMS) - contra) | add
        self._atom_roots.update(a[1][0] for a, _ in atoms)
        return state

    def _forget(self, state: State, p: tuple, len_only: bool = False) -> None:
        """The variable at `p` (or what is under it) may have changed: conditions on it, or (for
        a map written) on its length, are no longer known."""
        if p[0] not in self._atom_roots:
            return

        def stale(atom) -> bool:
            kind, q = atom
            if len_only:
                return kind == "len" and q == p
            return q[:len(p)] == p

        for k, facts in list(state.items()):
            if k == _KNOWN:
                kept = frozenset(x for x in facts if not stale(x[0]))
                if kept:
                    state[k] = kept
                else:
                    del state[k]
            elif any(type(f) is NilOrigin and f.given for f in facts):
                state[k] = frozenset(f._replace(given=frozenset(x for x in f.given if not stale(x[0])))
                                     if type(f) is NilOrigin and f.given else f for f in facts)

    def range_body(self, clause: Node, state: State) -> State | None:
        """A round of a range loop runs only over a non-empty map, slice, array or string (not a
        channel, an integer or a function) that the body does not rebind."""
        right = clause.child_by_field_name("right")
        p = self.path_of(right) if right is not None else None
        if p is None:
            return state
        t = self.pkg.types.type_of(right, self.file).underlying()
        # Another package's type the model cannot see is taken for a collection: at worst a nil
        # guarded by its length is then missed, never one made up.
        if not (isinstance(t, (Map, Slice, Array, Unknown)) or (isinstance(t, Basic) and t.name == b"string")):
            return state
        loop = clause.parent
        if self._rebound.get(loop) is None:
            body = loop.child_by_field_name("body")
            self._rebound[loop] = bool(body is not None and self.pkg.assignments_to(body, p[0], self.file))
        if self._rebound[loop]:
            return state
        state = self._assume(state, [(("len", p), True)])
        source = self._element_source(right, loop) if isinstance(t, (Map, Slice, Basic)) else None
        if source is not None and state is not None:
            # `vv := m[k]; for _, x := range vv`: an element of a nil map is the zero value, empty,
            # so a round runs only with m non-nil (the SSA compiler's constant cache: unCacheLine).
            _, state = self._split(state, source, clause)
        return state

    def _element_source(self, right: Node, loop: Node) -> tuple | None:
        """The map path M when the ranged value is `M[k]`, or a local whose value is `M[k]` given
        by the statement right before the loop."""
        e = unparen(right)
        if e.type == "identifier":
            prev = loop.prev_named_sibling
            while prev is not None and prev.type == "comment":
                prev = prev.prev_named_sibling
            if prev is None or prev.type not in ("short_var_declaration", "assignment_statement"):
                return None
            names = named_non_comment_children(prev.child_by_field_name("left"))
            values = named_non_comment_children(prev.child_by_field_name("right"))
            if len(names) != 1 or len(values) != 1 or names[0].type != "identifier" or names[0].text != e.text \
                    or self.pkg.object_of(names[0], self.file) != self.pkg.object_of(e, self.file):
                return None
            e = unparen(values[0])
        if e.type != "index_expression":
            return None
        return self._map_path(e.child_by_field_name("operand"))

    def _rebind(self, source: Node | None, left: Node | None, state: State) -> State:
        """`left` gets values read from `source` (a range, a receive): nothing known about them."""
        if source is not None:
            self._touch(source, state)
        for target in ([] if left is None else left.named_children):
            p = self.path_of(target)
            if p is not None:
                self._kill(state, p)
        return state

    def range_head(self, clause: Node, state: State) -> State:
        return self._rebind(clause.child_by_field_name("right"), clause.child_by_field_name("left"), state)

    def switch_head(self, s: Node, state: State) -> State:
        for fld in ("value", "alias"):
            v = s.child_by_field_name(fld)
            if v is not None:
                self._touch(v, state)
        return state

    def communication(self, comm: Node, state: State) -> State | None:
        if comm.type != "receive_statement":
            return self.stmt(comm, state)
        return self._rebind(comm, comm.child_by_field_name("left"), state)

    def widen(self, head: State | None, exit_state: State | None) -> State | None:
        # No fixed point in a few rounds: forget what the loop touches.
        if exit_state is None:
            return None
        return {k: v for k, v in exit_state.items() if head is not None and head.get(k) == v}

    def _var_decl(self, s: Node, state: State) -> State:
        specs = []
        for c in s.named_children:
            if c.type == "var_spec_list":
                specs.extend(x for x in c.named_children if x.type == "var_spec")
            elif c.type == "var_spec":
                specs.append(c)
        for spec in specs:
            names = [c for i, c in enumerate(spec.children) if spec.field_name_for_child(i) == "name"]
            value = spec.child_by_field_name("value")
            vals = [] if value is None else [c for c in value.named_children if c.type != "comment"]
            for v in vals:
                self._touch(v, state)
            for i, name in enumerate(names):
                p = self.path_of(name)
                if p is None:
                    continue
                if not vals:
                    t = self.pkg.types.type_of_obj(p[0], self.file)
                    self._set_constructed(state, p, t, None, "zero", name.start_byte)
                elif len(vals) == len(names):
                    self._set_value(state, p, vals[i], s)
                elif not (len(vals) == 1 and unparen(vals[0]).type == "call_expression"
                          and self._set_call_result(state, p, unparen(vals[0]), i, len(names))):
                    self._kill(state, p)
        return state

    def _assign(self, s: Node, state: State) -> State:
        left = s.child_by_field_name("left")
        right = s.child_by_field_name("right")
        targets = [] if left is None else [c for c in left.named_children if c.type != "comment"]
        values = [] if right is None else [c for c in right.named_children if c.type != "comment"]
        op = s.child_by_field_name("operator")
        for v in values:
            self._touch(v, state)
        for target in targets:
            if unparen(target).type == "index_expression":
                self._write_check(target, state)
            elif unparen(target).type != "identifier":
                self._touch(target, state)
        for i, target in enumerate(targets):
            p = self.path_of(target)
            if p is None:
                continue
            self._forget(state, p)
            if op is not None and op.text not in (b"=", b":="):
                continue  # `x += y` on a path does not change a map's nil-ness
            if len(values) == len(targets):
                self._set_value(state, p, values[i], s)
                v = unparen(values[i])
                if v.type in ("true", "false"):  # a flag set beside a nil travels with it
                    self._assume(state, [(("flag", p), v.type == "true")])
            elif not (len(values) == 1 and unparen(values[0]).type == "call_expression"
                      and self._set_call_result(state, p, unparen(values[0]), i, len(targets))):
                self._kill(state, p)
        return state

    # Values ----------------------------------------------------------------------------------

    def _set_value(self, state: State, p: tuple, value: Node, stmt: Node) -> None:
        v = unparen(value)
        if self._is_nil(v):
            self._kill(state, p)
            state[p] = frozenset({self._origin(state, "assigned", stmt.start_byte)})
            return
        if v.type == "unary_expression" and v.child(0) is not None and v.child(0).type == "&":
            inner = v.child_by_field_name("operand")
            if inner is not None and unparen(inner).type == "composite_literal":
                v = unparen(inner)
        if v.type == "composite_literal":
            t = self.pkg.types.from_type_node(v.child_by_field_name("type"), self.file)
            self._set_constructed(state, p, t, v, "literal", v.start_byte)
            return
        if v.type == "call_expression":
            fn = v.child_by_field_name("function")
            if fn is not None and self.pkg.is_builtin(unparen(fn), b"make", self.file):
                self._kill(state, p)
                state[p] = frozenset({NONNIL})
                self._empty_map_of_maps(state, p, self.pkg.types.type_of(v, self.file), v.start_byte)
                return
            if fn is not None and self.pkg.is_builtin(unparen(fn), b"new", self.file):
                t = self.pkg.types.type_of(v, self.file)
                elem = t.elem if isinstance(t, Pointer) else t
                self._set_constructed(state, p, elem, None, "new", v.start_byte)
                state[p] = frozenset({NONNIL})
                return
            if self._set_call_result(state, p, v, 0, 1):
                return
        if v.type == "index_expression":  # x := m[a] of an empty map of maps: a nil map
            elems = self._elements(state, v)
            self._kill(state, p)
            if elems is not None:
                state[p] = elems
            return
        q = self.path_of(v)
        self._kill(state, p)
        if q is None:
            return
        facts = self.facts(state, q)
        t = self.pkg.types.type_of(v, self.file)
        if isinstance(t.underlying(), Struct):
            # A struct value is copied: its map fields keep their nil-ness in the copy.
            copied = {p + k[len(q):]: v2 for k, v2 in state.items() if len(k) > len(q) and k[:len(q)] == q}
            state.update(copied)
        elif not is_map(t):
            # A pointer (or a value of unknown type) now has two names: a change through the new
            # one would not show on the old one's fields, so forget those.
            self._kill_fields(state, q, keep_self=True)
        if facts != _UNK_SET:
            state[p] = facts
        state.pop(q + (_ELEMS,), None)  # a second name for the map: stores through it are not seen

    def _set_call_result(self, state: State, p: tuple, call: Node, index: int, count: int) -> bool:
        """`m := f()` (result `index` of `count`) where f, a function of the package, returns a
        nil map there on some path with no error beside it: m may be nil, and says why."""
        nil = self.pkg.call_nil_map_return(call, self.file)
        if nil is None or nil.index != index or nil.count != count:
            return False
        self._kill(state, p)
        # The origin is the call (Package.nil_map_call_at finds it again, and the callee's return).
        state[p] = frozenset({NilOrigin("call", call.start_byte), UNK})
        return True

    def _empty_map_of_maps(self, state: State, p: tuple, t, at: int) -> None:
        u = t.underlying()
        if isinstance(u, Map) and is_map(u.value):
            state[p + (_ELEMS,)] = frozenset({self._origin(state, "element", at)})

    def _elements(self, state: State, index: Node) -> frozenset | None:
        """For `m[a]` with m an empty map of maps made here: the facts of its elements."""
        operand = index.child_by_field_name("operand")
        q = self.path_of(operand) if operand is not None else None
        return state.get(q + (_ELEMS,)) if q is not None else None

    def _set_constructed(self, state: State, p: tuple, t, literal: Node | None, kind: str, at: int) -> None:
        """p holds a new value of type t (or *t): its map fields are nil unless the literal sets them."""
        self._kill(state, p)
        if is_map(t):
            state[p] = frozenset({NONNIL}) if literal is not None else frozenset({self._origin(state, kind, at)})
            if literal is not None and not _has_elements(literal):
                self._empty_map_of_maps(state, p, t, at)
            return
        base = t.underlying()
        if isinstance(base, Pointer):
            return  # `var p *T`: p is a nil pointer, not a value with nil maps
        if not isinstance(base, Struct):
            if literal is not None:
                state[p] = frozenset({NONNIL})
            return
        state[p] = frozenset({NONNIL}) if literal is not None or kind == "new" else state.get(p, _UNK_SET)
        types = self.pkg.types
        for sub, full, _f in types.map_fields(t):
            value: Node | None = literal
            holder, unknown = t, False
            for name in full:
                if value is None:
                    break  # the field (or the struct holding it) is not in the literal: zero
                value = _field_value(value, name, types.field_names(holder))
                if value is _OPAQUE:
                    unknown = True
                    break
                found = types.field(holder, name)
                holder = found[1] if found is not None else holder
            if unknown:
                continue
            if value is None:
                state[p + sub] = frozenset({self._origin(state, kind, at)})
            else:
                self._set_value(state, p + sub, value, value)
        for k in [k for k, v in state.items() if v == _UNK_SET]:
            del state[k]

    def _kill(self, state: State, p: tuple) -> None:
        for k in [k for k in state if k[:len(p)] == p]:
            del state[k]
        self._forget(state, p)

    def _touch(self, expr: Node | None, state: State) -> None:
        """Calls and escapes in `expr` end the tracking of the fields they could change."""
        if expr is None:
            return
        for n in walk_outside_closures(expr):
            t = n.type
            if t == "call_expression":
                fn = n.child_by_field_name("function")
                recv = self.pkg.written_map(n, self.file)
                if recv is not None:  # h.Add(k, v) on a nil http.Header panics like h[k] = v; fill(m) too
                    p = self.path_of(recv)
                    if p is not None:
                        self.writes[n] = self.writes.get(n, frozenset()) | self.facts(state, p)
                if fn is not None and unparen(fn).type == "selector_expression":
                    operand = unparen(fn).child_by_field_name("operand")
                    p = self.path_of(operand) if operand is not None else None
                    if p is not None:
                        # A method may set any field, or (pointer receiver) the value itself.
                        self._kill_fields(state, p, keep_self=False)
                args = n.child_by_field_name("arguments")
                for a in ([] if args is None else args.named_children):
                    p = self.path_of(a)
                    if p is not None:
                        self._kill_fields(state, p, keep_self=True)
                    recv = self._method_value_receiver(a)
                    if recv is not None:
                        # `once.Do(x.init)`: the method runs with x as its receiver, and may
                        # make x's fields.
                        self._kill_fields(state, recv, keep_self=False)
            elif t in ("keyed_element", "literal_element", "expression_list") and n.parent is not None \
                    and n.parent.type in ("literal_value", "return_statement", "send_statement"):
                p = self.path_of(n)
                if p is not None:
                    self._kill_fields(state, p, keep_self=True)

    def _method_value_receiver(self, arg: Node) -> tuple | None:
        """For an argument `x.m` that is a method value of this package: x's path."""
        a = unparen(arg)
        if a.type != "selector_expression" or not self.pkg.calls.has_method_named(a.child_by_field_name("field").text):
            return None  # most arguments are field reads: only a name some method has can be one
        callee = self.pkg.func_value(a, self.file)
        if callee is None or callee.how not in ("method", "interface") or callee.receiver is None:
            return None
        return self.path_of(callee.receiver)

    def _kill_fields(self, state: State, p: tuple, keep_self: bool) -> None:
        for k in [k for k in state if k[:len(p)] == p and (len(k) > len(p) or not keep_self)]:
            del state[k]
        self._forget(state, p)  # a callee may change its fields, or a map's entries
        # Remember that it was touched: "never looked at" and "changed by a call" differ for rules
        # that ask whether a function did anything to a field before writing it.
        state[p + (_MARK,)] = frozenset({TOUCHED})

    # Guards ----------------------------------------------------------------------------------

    def _refine(self, cond: Node | None, state: State) -> tuple[State | None, State | None]:
        if cond is None:
            return dict(state), dict(state)
        c = unparen(cond)
        if c.type == "unary_expression" and c.child(0) is not None and c.child(0).type == "!":
            operand = c.child_by_field_name("operand")
            t, f = self._refine(operand, state)
            return f, t
        if c.type == "binary_expression":
            op = c.child_by_field_name("operator")
            a, b = c.child_by_field_name("left"), c.child_by_field_name("right")
            if op is None or a is None or b is None:
                return dict(state), dict(state)
            o = op.text
            if o == b"&&":
                t1, f1 = self._refine(a, state)
                if t1 is None:
                    return None, f1
                t2, f2 = self._refine(b, dict(t1))
                return t2, join(f1, f2)
            if o == b"||":
                t1, f1 = self._refine(a, state)
                if f1 is None:
                    return t1, None
                t2, f2 = self._refine(b, dict(f1))
                return join(t1, t2), f2
            if o in (b"==", b"!="):
                side = self._nil_compare(a, b)
                if side is not None:
                    is_nil, not_nil = self._split(state, side, c)
                    return (is_nil, not_nil) if o == b"==" else (not_nil, is_nil)
            if o in (b">", b"!=", b"==", b">=", b"<", b"<="):
                p = self._len_compare(a, b, o) or self._element_compare(a, b, o)
                if p is not None:
                    _, not_nil = self._split(state, p[0], c)
                    return (not_nil, dict(state)) if p[1] else (dict(state), not_nil)
        if c.type == "index_expression":
            # `if m[k] {`: a nil map yields false for every key, so true means m is not nil.
            p = self._map_path(c.child_by_field_name("operand"))
            if p is not None:
                _, not_nil = self._split(state, p, c)
                return not_nil, dict(state)
        return dict(state), dict(state)

    def _map_path(self, operand: Node | None) -> tuple | None:
        if operand is None or not is_map(self.pkg.types.type_of(operand, self.file)):
            return None
        return self.path_of(operand)

    def _element_compare(self, a: Node, b: Node, op: bytes) -> tuple | None:
        """`m[k] > 0`, `m[k] != ""`, `m[k] == 3`: true only if m[k] is not the zero value, which
        every key of a nil map yields, so the true edge has m non-nil."""
        a_u, b_u = unparen(a), unparen(b)
        if a_u.type != "index_expression":
            return None
        p = self._map_path(a_u.child_by_field_name("operand"))
        if p is None:
            return None
        text = b_u.text
        is_zero = b_u.type in ("false", "nil") or text in (b"0", b'""', b"``", b"0.0")
        literal = b_u.type in ("int_literal", "float_literal", "interpreted_string_literal",
                               "raw_string_literal", "true", "false", "nil", "rune_literal")
        if not literal:
            return None
        if (op == b"!=" and is_zero) or (op == b"==" and not is_zero) or (op == b">" and text == b"0") \
                or (op == b">=" and b_u.type == "int_literal" and text not in (b"0",) and not text.startswith(b"-")):
            return p, True
        return None

    def _nil_compare(self, a: Node, b: Node) -> tuple | None:
        for x, y in ((a, b), (b, a)):
            if self._is_nil(unparen(y)):
                p = self.path_of(x)
                if p is not None and is_map(self.pkg.types.type_of(x, self.file)):
                    return p
        return None

    def _is_nil(self, node: Node) -> bool:
        # tree-sitter-go parses `nil` as its own node; `nil` can still be shadowed, as an identifier.
        return node.type == "nil" or (node.type == "identifier" and self.pkg.is_builtin(node, b"nil", self.file))

    def _len_compare(self, a: Node, b: Node, op: bytes) -> tuple | None:
        """`len(m) > 0`, `len(m) != 0`, `0 < len(m)`: true means non-nil. (path, true_edge_nonnil)."""
        def len_arg(n):
            n = unparen(n)
            if n.type != "call_expression":
                return None
            fn = n.child_by_field_name("function")
            args = n.child_by_field_name("arguments")
            if fn is None or args is None or not self.pkg.is_builtin(unparen(fn), b"len", self.file):
                return None
            kids = [x for x in args.named_children if x.type != "comment"]
            return self.path_of(kids[0]) if len(kids) == 1 else None

        zero = lambda n: unparen(n).type == "int_literal" and unparen(n).text == b"0"  # noqa: E731
        p = len_arg(a)
        if p is not None and zero(b) and op in (b">", b"!="):
            return p, True
        if p is not None and zero(b) and op == b"==":
            return p, False
        q = len_arg(b)
        if q is not None and zero(a) and op in (b"<", b"!="):
            return q, True
        return None

    def _split(self, state: State, p: tuple, at: Node) -> tuple[State | None, State | None]:
        facts = self.facts(state, p)
        nil_facts = frozenset(f for f in facts if is_nil_fact(f))
        if UNK in facts:
            nil_facts |= {self._origin(state, "guard", at.start_byte)}
        other = facts - nil_facts
        is_nil = dict(state) if nil_facts else None
        if is_nil is not None:
            is_nil[p] = nil_facts
        not_nil = dict(state) if other else None
        if not_nil is not None:
            not_nil[p] = frozenset({NONNIL})
        return is_nil, not_nil

    # Writes ----------------------------------------------------------------------------------

    def _write_check(self, target: Node, state: State) -> None:
        idx = unparen(target)
        if idx.type != "index_expression":
            return
        operand = idx.child_by_field_name("operand")
        if operand is None:
            return
        self._touch(operand, state)
        p = self.path_of(operand)
        if p is None:
            inner = unparen(operand)
            elems = self._elements(state, inner) if inner.type == "index_expression" else None
            if elems is not None:  # m[a][b] = v: m[a] was never stored
                self.writes[idx] = self.writes.get(idx, frozenset()) | elems
            return
        self._forget(state, p, len_only=True)
        state.pop(p + (_ELEMS,), None)  # a store: some element may now be a made map
        facts = self.facts(state, p)
        self.writes[idx] = self.writes.get(idx, frozenset()) | facts


class NonNilAt(FunctionNilness):
    """The same analysis, also keeping the paths known non-nil on entry to every statement (on
    every path that reaches it, and every round of a loop). Built only for the callers a question
    about a callee's guard needs: keeping a set per statement costs what the analysis costs."""

    def __init__(self, pkg, file, func: Node) -> None:
        self.nonnil: dict[Node, frozenset] = {}
        super().__init__(pkg, file, func)

    def visit(self, s: Node, state: State) -> None:
        known = frozenset(p for p, facts in state.items() if facts == _NONNIL_SET)
        seen = self.nonnil.get(s)
        self.nonnil[s] = known if seen is None else seen & known


def _has_elements(literal: Node) -> bool:
    body = literal.child_by_field_name("body")
    return body is not None and any(c.type != "comment" for c in body.named_children)


def _inside(node: Node, region: Node) -> bool:
    return region.start_byte <= node.start_byte < region.end_byte


_OPAQUE = object()  # a value that is not a literal we can look into


def _field_value(value: Node, name: bytes, order: list[bytes]):
    """The value a (possibly &-prefixed) struct literal gives field `name`: None when absent (so
    zero), _OPAQUE when `value` is not a literal we can read."""
    v = without_address(value)
    if v.type == "literal_value":  # elided type in a nested literal: {tags: ...}
        v_fields = _literal_fields_of_body(v)
    elif v.type == "composite_literal":
        v_fields = literal_fields(v)
        if v_fields is None:
            body = v.child_by_field_name("body")
            elems = [] if body is None else [c for c in body.named_children if c.type != "comment"]
            if name in order and order.index(name) < len(elems):
                el = elems[order.index(name)]
                return el.named_children[0] if el.type == "literal_element" and el.named_child_count else el
            return _OPAQUE
    else:
        return _OPAQUE
    if v_fields is None:
        return _OPAQUE
    return v_fields.get(name)


def literal_fields(literal: Node) -> dict[bytes, Node] | None:
    """Keyed fields of a struct literal (name -> value); None when the literal is positional."""
    body = literal.child_by_field_name("body")
    if body is None:
        return {}
    return _literal_fields_of_body(body)


def _literal_fields_of_body(body: Node) -> dict[bytes, Node] | None:
    out: dict[bytes, Node] = {}
    for el in body.named_children:
        if el.type == "comment":
            continue
        if el.type != "keyed_element":
            return None
        kids = [c for c in el.named_children if c.type != "comment"]
        if len(kids) != 2:
            return None
        key = kids[0]
        if key.type == "literal_element" and key.named_child_count:
            key = key.named_children[0]
        val = kids[1]
        if val.type == "literal_element" and val.named_child_count:
            val = val.named_children[0]
        out[key.text] = val
    return out


# The statements and expressions nil_capable_names reads: found in C, so Python never visits the
# (many more) nodes around them.
# Childless patterns only: one that waits for a child (`(binary_expression operator: "==")`) keeps
# a state open in every ancestor it may match, and a chain of 20,000 `a + b + ...` made the cursor
# cost the square of its depth (16 s). A comparison with nil is found from its `nil`.
_NIL_SOURCES = syntax.query(
    "(assignment_statement) @n (short_var_declaration) @n (var_spec) @n"
    " (nil) @n (range_clause) @n (type_switch_statement) @n")


@dataclass(frozen=True)
class NilNames:
    """nil_capable_names's answer. `whole`: names whose own value may be nil. `fields`: names that
    may hold a nil somewhere below them (a struct literal or `new` leaves map fields nil, yet the
    value itself is not nil: `m := map[string]int{}` is a map that is never nil)."""

    whole: frozenset[bytes]
    fields: frozenset[bytes]
    # (name, function name) for `name := f(...)` / `name, err := x.f(...)`: nil only if that
    # function of the package can return a nil map (Summaries.nil_returning_names says).
    called: frozenset = frozenset()

    def __contains__(self, name: bytes) -> bool:
        return name in self.whole or name in self.fields


def nil_capable_names(func: Node) -> NilNames:
    """The names through which a map could be nil somewhere in `func`, by this analysis's own
    sources of nil (a declaration without a value, `= nil`, a literal or `new` that leaves a field
    out, a named result, a comparison with nil) closed over copies (`a = b`, ranges, type switches).
    By name, not by object, nested closures included: a superset, so a write whose root name is not
    in it cannot see a nil fact, and a rule that needs one need not run the analysis at all."""
    whole: set[bytes] = set()
    fields: set[bytes] = set()
    called: set[tuple[bytes, bytes]] = set()
    # (target, source, exact): an exact copy (`a = b`) carries b's kinds over as they are; a copy
    # of a part (`a = b.f`, a range element, a type switch alias) can make a itself nil through
    # anything nil inside b.
    edges: list[tuple[bytes, bytes, bool]] = []

    def kids(node: Node | None) -> list[Node]:
        if node is None:
            return []
        if node.type == "expression_list":
            return [c for c in node.named_children if c.type != "comment"]
        return [node]

    def pair(targets: list[Node], values: list[Node]) -> None:
        if len(values) == 1 and unparen(values[0]).type == "call_expression":
            fn = unparen(unparen(values[0]).child_by_field_name("function"))
            name = fn.child_by_field_name("field") if fn.type == "selector_expression" else fn
            for target in targets:
                root = root_ident(target)
                if root is not None and name is not None and name.type in ("identifier", "field_identifier"):
                    called.add((root.text, name.text))
        if len(targets) != len(values):
            return  # a call's several results: only what `called` says
        for target, value in zip(targets, values):
            root = root_ident(target)
            if root is None:
                continue
            v = without_address(value)
            if v.type == "nil" or (v.type == "identifier" and v.text == b"nil"):
                whole.add(root.text)
            elif v.type == "composite_literal":
                fields.add(root.text)
            elif v.type == "call_expression":
                fn = v.child_by_field_name("function")
                if fn is not None and unparen(fn).text == b"new":
                    fields.add(root.text)
            else:
                src = root_ident(v)
                if src is not None:
                    edges.append((root.text, src.text, v.type == "identifier"))

    res = func.child_by_field_name("result")
    if res is not None and res.type == "parameter_list":
        for decl in res.named_children:
            for i, c in enumerate(decl.children):
                if decl.field_name_for_child(i) == "name":
                    whole.add(c.text)
    for n in syntax.captures(_NIL_SOURCES, func):
        t = n.type
        if t == "assignment_statement":
            op = n.child_by_field_name("operator")
            if op is None or op.text == b"=":
                pair(kids(n.child_by_field_name("left")), kids(n.child_by_field_name("right")))
        elif t == "short_var_declaration":
            pair(kids(n.child_by_field_name("left")), kids(n.child_by_field_name("right")))
        elif t == "var_spec":
            names = [c for i, c in enumerate(n.children) if n.field_name_for_child(i) == "name"]
            value = n.child_by_field_name("value")
            if value is None:
                whole.update(c.text for c in names)
            else:
                pair(names, kids(value))
        elif t == "nil":  # `x == nil`, `nil != (x)`: x may be nil
            side, cmp = n, n.parent
            while cmp is not None and cmp.type == "parenthesized_expression":
                side, cmp = cmp, cmp.parent
            op = cmp.child_by_field_name("operator") if cmp is not None and cmp.type == "binary_expression" else None
            if op is None or op.type not in ("==", "!="):
                continue
            left, right = cmp.child_by_field_name("left"), cmp.child_by_field_name("right")
            x = right if side == left else left
            root = root_ident(x) if x is not None else None
            if root is not None:
                whole.add(root.text)
        elif t in ("range_clause", "type_switch_statement"):
            src = n.child_by_field_name("right" if t == "range_clause" else "value")
            src_root = root_ident(src) if src is not None else None
            if src_root is not None:
                for d in kids(n.child_by_field_name("left" if t == "range_clause" else "alias")):
                    root = root_ident(d)
                    if root is not None:
                        edges.append((root.text, src_root.text, False))
    changed = True
    while changed:
        changed = False
        for dst, src, exact in edges:
            if src in whole or (src in fields and not exact):
                kind = whole
            elif src in fields:
                kind = fields
            else:
                continue
            if dst not in kind:
                kind.add(dst)
                changed = True
    return NilNames(frozenset(whole), frozenset(fields - whole), frozenset(called))
