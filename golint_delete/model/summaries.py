"""Function summaries: what a function does that its callers can see, computed on the call graph
(callees first), each a typed value. In a cycle of calls the function first asked about sees its
own unfinished summary as "nothing"; the others in the cycle, whose answers then depend on it,
are not kept, and are computed afresh when asked (Package.memo does this for every question).

A summary is what a rule asks instead of re-walking a callee's body at every call.
"""

from __future__ import annotations

from dataclasses import dataclass

from tree_sitter import Node

from golint_delete.model.mutations import Mutation, mutated_map, root_ident
from golint_delete.model.queries import MUTATIONS
from golint_delete.syntax import FUNCS, enclosing_function, walk_outside_closures


@dataclass(frozen=True)
class Summary:
    # A mutation of a map the caller can see (one reached from the receiver, a parameter or a
    # package var; not one the function made itself), with no Lock taken by the function; or a
    # call of a function that does so. The first one found; None if none.
    unlocked_shared_write: Mutation | None


_NOTHING = Summary(None)


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
        for _, caps in f.index.matches(MUTATIONS, within=func):
            found = mutated_map(pkg, f, caps)
            if found is not None and enclosing_function(found.node) == func and self.visible(found.map, f):
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
        return _NOTHING

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
            # A map argument is the caller's business at the call (it may be one it just made);
            # a field of a struct of this package reached through one is shared.
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
        """A local whose only value is one made here: a literal, &T{...}, make or new."""
        value = self.pkg.sole_value(obj, f)
        return value is not None and self.pkg.is_made(value, f)
