"""Function summaries: what a function does that its callers can see, computed on the call graph
(callees first), each a typed value. In a cycle of calls the function first asked about sees its
own unfinished summary as "nothing"; the others in the cycle, whose answers then depend on it,
are not kept, and are computed afresh when asked (Package.memo does this for every question).

A summary is what a rule asks instead of re-walking a callee's body at every call.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tree_sitter import Node

from golint_delete.model.locks import param_objs, receiver_obj
from golint_delete.model.types import is_map
from golint_delete.model.uses import ARGUMENT, CAPTURED
from golint_delete.model.mutations import Mutation, mutated_map, root_ident
from golint_delete.model.queries import MUTATIONS
from golint_delete.syntax import FUNCS, enclosing_function, named_non_comment_children, unparen, walk_outside_closures


@dataclass(frozen=True)
class Summary:
    # A mutation of a map the caller can see (one reached from the receiver or a package var; not
    # one the function made itself), with no Lock taken by the function; or a call of a function
    # that does so. The first one found; None if none.
    unlocked_shared_write: Mutation | None
    # Unlocked mutations of maps reached through a parameter, (parameter index, first mutation):
    # whether the caller can see them depends on the argument (a value it just made: no).
    param_writes: tuple = ()


_NOTHING = Summary(None)


@dataclass(frozen=True)
class NilReturn:
    """A function that returns a nil map: result `index` of `count` is the literal `nil` at the
    return statement `ret` (in `file`), and every `error` result there is nil too, so no error
    tells the caller to stop (nor a comma-ok `false`). Not one under a check of a parameter or the receiver against nil
    or empty (`if m == nil { return nil }`: nil in, nil out, the caller's own nil)."""

    index: int
    count: int
    ret: Node
    file: object
    with_error: bool = False  # the function has error results (all nil at `ret`)


_ERROR_TYPE = re.compile(rb"(?i)err")


def pkg_len(call: Node) -> bool:
    """`len(x)` with one argument (by name: a shadowed len is not worth the lookup here)."""
    fn = call.child_by_field_name("function")
    args = call.child_by_field_name("arguments")
    return fn is not None and fn.text == b"len" and args is not None and len(named_non_comment_children(args)) == 1


def _is_nil(v: Node) -> bool:
    v = unparen(v)
    return v.type == "nil" or v.type == "identifier" and v.text == b"nil"


class Summaries:
    """Per package, on first use; each function's summary on first question about it."""

    def __init__(self, pkg) -> None:
        self.pkg = pkg

    def of(self, func: Node, file) -> Summary:
        # In a cycle the function first asked about sees its own unfinished summary as "nothing".
        return self.pkg.memo("summary", func, lambda: self._compute(func, self.pkg.types.file_of(func, file)),
                             cycle=_NOTHING)

    def _compute(self, func: Node, f) -> Summary:
        pkg = self.pkg
        if pkg.locks(func, f).takes_lock:
            return _NOTHING
        params = param_objs(pkg, func, f)
        index = {obj: i for i, obj in enumerate(params or ()) if obj is not None}
        param_writes: dict[int, Mutation] = {}
        for _, caps in f.index.matches(MUTATIONS, within=func):
            found = mutated_map(pkg, f, caps)
            if found is None or enclosing_function(found.node) != func:
                continue
            root = root_ident(found.map)
            obj = pkg.object_of(root, f) if root is not None else None
            if obj is not None and obj in index:
                param_writes.setdefault(index[obj], found)  # the argument decides
            elif self.visible(found.map, f):
                return Summary(found)
        body = func.child_by_field_name("body")
        for n in walk_outside_closures(body) if body is not None else ():
            if n.type != "call_expression" or (n.parent is not None and n.parent.type == "go_statement"):
                continue
            callee = pkg.callee(n, f)
            if callee is None or callee.decl.type == "func_literal" or callee.decl == func:
                continue
            inner = self.of(callee.decl, callee.file)
            if inner.unlocked_shared_write is not None and self._reaches_shared(callee, f):
                return Summary(inner.unlocked_shared_write)
            args = named_non_comment_children(n.child_by_field_name("arguments"))
            for i, write in inner.param_writes:
                seen = self.argument_visible(args[i], f) if i < len(args) else False
                if seen is True:
                    return Summary(write)
                if seen is not True and seen is not False:  # the caller's own parameter
                    param_writes.setdefault(seen, write)
        return Summary(None, tuple(sorted(param_writes.items(), key=lambda kv: kv[0])))

    def nil_map_return(self, func: Node, file) -> NilReturn | None:
        """The first `return nil` of a map result that a caller gets with no error beside it."""
        return self.pkg.memo("nil_return", func, lambda: self._nil_return(func, self.pkg.types.file_of(func, file)))

    def call_nil_map_return(self, call: Node, f) -> NilReturn | None:
        """NilReturn of the package function a call reaches."""
        callee = self.pkg.callee(call, f)
        if callee is None or callee.decl.type == "func_literal":
            return None
        return self.nil_map_return(callee.decl, callee.file)

    def nil_returning_names(self) -> frozenset:
        """Names of the package's functions with a NilReturn: a filter that lets a caller skip the
        flow analysis when none of the functions it calls can return a nil map."""
        def compute():
            out = set()
            for f in self.pkg.files:
                if b"return nil" not in f.source:
                    continue
                for decl in f.root.named_children:
                    if decl.type in ("function_declaration", "method_declaration") and b"return nil" in decl.text \
                            and self.nil_map_return(decl, f) is not None:
                        out.add(decl.child_by_field_name("name").text)
            return frozenset(out)
        return self.pkg.memo("nil_returning_names", None, compute)

    def _nil_return(self, func: Node, f) -> NilReturn | None:
        pkg = self.pkg
        res = func.child_by_field_name("result")
        body = func.child_by_field_name("body")
        if res is None or body is None or func.type == "func_literal":
            return None
        types: list[Node] = []
        if res.type == "parameter_list":
            for decl in named_non_comment_children(res):
                t = decl.child_by_field_name("type")
                if decl.type != "parameter_declaration" or t is None:
                    return None
                names = [c for i, c in enumerate(decl.children) if decl.field_name_for_child(i) == "name"]
                types += [t] * max(1, len(names))
        else:
            types = [res]
        maps = [i for i, t in enumerate(types) if is_map(pkg.types.from_type_node(t, f))]
        if not maps:
            return None
        # What tells a caller not to use the map: an error (`error`, `[]error`, `*multierror.Error`)
        # that is not nil, or the comma-ok `false` (`return nil, false`).
        errors = [i for i, t in enumerate(types) if _ERROR_TYPE.search(t.text)]
        oks = [i for i, t in enumerate(types) if t.text == b"bool"]
        guarded = {o for o in (param_objs(pkg, func, f) or ()) if o is not None}
        recv = receiver_obj(pkg, func, f)
        if recv is not None:
            guarded.add(recv)
        for ret in walk_outside_closures(body):
            if ret.type != "return_statement":
                continue
            values = named_non_comment_children(ret)
            if len(values) == 1 and values[0].type == "expression_list":
                values = named_non_comment_children(values[0])
            if len(values) != len(types) or not all(_is_nil(values[e]) for e in errors) \
                    or any(unparen(values[b]).text == b"false" for b in oks):
                continue
            for i in maps:
                if _is_nil(values[i]) and not self._nil_in_nil_out(ret, func, f, guarded):
                    return NilReturn(i, len(types), ret, f, bool(errors))
        return None

    def _nil_in_nil_out(self, ret: Node, func: Node, f, guarded: set) -> bool:
        """Whether an `if` around the return tests a parameter or the receiver against nil or
        for emptiness (`m == nil`, `len(m) == 0`, `c == nil || c.m == nil`)."""
        n = ret.parent
        while n is not None and n != func:
            if n.type == "if_statement":
                cond = n.child_by_field_name("condition")
                for c in walk_outside_closures(cond) if cond is not None else ():
                    if c.type != "binary_expression" or c.child_by_field_name("operator").type not in ("==", "!=", "<", "<="):
                        continue
                    left, right = c.child_by_field_name("left"), c.child_by_field_name("right")
                    for a, b in ((left, right), (right, left)):
                        a = unparen(a)
                        if a.type == "call_expression" and pkg_len(a):
                            a = named_non_comment_children(a.child_by_field_name("arguments"))[0]
                        elif not _is_nil(b):
                            continue
                        root = root_ident(a)
                        obj = self.pkg.object_of(root, f) if root is not None else None
                        if obj is not None and obj in guarded:
                            return True
            n = n.parent
        return False

    def call_writes_shared(self, call: Node, f) -> Mutation | None:
        """The unlocked write of a map the caller can see that this call makes, by the callee's
        summary: through its receiver, a package var, or an argument the caller can see."""
        callee = self.pkg.callee(call, f)
        if callee is None or callee.decl.type == "func_literal":
            return None
        summary = self.of(callee.decl, callee.file)
        if summary.unlocked_shared_write is not None and self._reaches_shared(callee, f):
            return summary.unlocked_shared_write
        args = named_non_comment_children(call.child_by_field_name("arguments"))
        for i, write in summary.param_writes:
            if i < len(args) and self.argument_visible(args[i], f) is not False:
                return write  # the caller's own parameter: its callers' business, but shared here
        return None

    def argument_visible(self, arg: Node, f):
        """Whether the caller can see a value it passes: False for one it made itself (a literal,
        `&T{}`, make, a local holding only such a value), the index of its own parameter (its
        callers decide), True for anything else."""
        pkg = self.pkg
        e = unparen(arg)
        if pkg.is_made(e, f):
            return False
        root = root_ident(e)
        obj = pkg.object_of(root, f) if root is not None else None
        if obj is None:
            return True
        if obj.kind == "param":
            func = enclosing_function(e)
            params = param_objs(pkg, func, f) if func is not None else None
            return params.index(obj) if params is not None and obj in params else True
        if obj.kind == "var" and pkg.shared_key_of_var(obj) is None and self._fresh_local(obj, f):
            return False
        return True

    def _reaches_shared(self, callee, f) -> bool:
        """A method called on a value the caller made itself writes only that value's maps."""
        if callee.receiver is None:
            return True
        root = root_ident(callee.receiver)
        obj = self.pkg.object_of(root, f) if root is not None else None
        return obj is None or not self._fresh_local(obj, f)

    def visible(self, m: Node, f) -> bool:
        """Whether a map expression reaches a map the function's callers can see."""
        root = root_ident(m)
        obj = self.pkg.object_of(root, f) if root is not None else None
        if obj is None:
            return True
        if obj.kind == "receiver":
            return True
        if obj.kind == "param":
            # A map reached through a parameter: the caller's business at the call (it may be one
            # it just made), if a map of this package's structs or a named map.
            return self.pkg.shared_key(m, f) is not None
        if obj.kind == "var" and self.pkg.shared_key(root, f) is not None:
            return True  # a package var
        return obj.kind == "var" and not self._fresh_local(obj, f) and self.pkg.shared_key(m, f) is not None \
            and not self._made_before(m, f)

    def _made_before(self, m: Node, f) -> bool:
        """`clone := *cfg; clone.meta = make(...); ...; clone.meta[k] = v`: the local copy's map was
        replaced by a new one on every path to the write (an assignment earlier in an enclosing
        block), so the write does not reach the original's."""
        path = self.pkg.path(m, f)
        if path is None:
            return False
        stmt = m
        while stmt.parent is not None and stmt.type not in FUNCS:
            if stmt.parent.type == "statement_list":
                prev = stmt.prev_named_sibling
                while prev is not None:
                    if prev.type == "assignment_statement":  # the latest assignment to it decides
                        left = prev.child_by_field_name("left").named_children
                        right = prev.child_by_field_name("right").named_children
                        for t, v in zip(left, right):
                            p = self.pkg.path(t, f)
                            if p == path:
                                return self.pkg.is_fresh(v, f)
                            if p is not None and path[:len(p)] == p:
                                return False  # the copy itself is assigned again
                    prev = prev.prev_named_sibling
            stmt = stmt.parent
        return False

    def _fresh_local(self, obj, f) -> bool:
        """A local whose only value is one made here (a literal, &T{...}, make, new, a constructor)
        and that no function literal captures and no `go` statement is handed: no other goroutine
        has it."""
        value = self.pkg.sole_value(obj, f)
        if value is None or not self.pkg.is_made(value, f):
            return False
        func = enclosing_function(value)
        for use in self.pkg.uses(obj, f, func) if func is not None else ():
            if use.kind == CAPTURED:
                return False
            if use.kind == ARGUMENT:
                call = use.node.parent
                while call is not None and call.type != "call_expression":
                    call = call.parent
                if call is not None and call.parent is not None and call.parent.type == "go_statement":
                    return False
        return True
