"""Which sync.Mutex / sync.RWMutex locks are held at each statement of a function.

A must-analysis over the structured statements: `X.Lock()` adds (X, "W"), `X.RLock()` adds
(X, "R"), `X.Unlock()`/`X.RUnlock()` remove them; a deferred unlock keeps the lock to the end.
Where paths meet, only the locks held on every path stay held. X is identified by its access path
(`s.mu`, `mu`, `(*s).mu` alike); `s.Lock()` on a struct embedding a mutex is `s.Mutex`.
"""

from __future__ import annotations

from tree_sitter import Node

from golint_delete.model.forward import ForwardAnalysis, Unanalysable
from golint_delete.model.types import Mutex, Struct, deref
from golint_delete.syntax import unparen

_FUNCS = frozenset({"func_literal", "function_declaration", "method_declaration"})
_OPS = {b"Lock": ("W", True), b"RLock": ("R", True), b"Unlock": ("W", False), b"RUnlock": ("R", False)}

Held = frozenset  # of (path key, "W" | "R")


def meet(a: Held | None, b: Held | None) -> Held | None:
    if a is None:
        return b
    if b is None:
        return a
    return a & b


class FunctionLocks(ForwardAnalysis):
    def __init__(self, pkg, file, func: Node) -> None:
        self.pkg = pkg
        self.file = file
        self.func = func
        self.at: dict[Node, Held] = {}
        self.takes_lock = False  # the function calls Lock() itself somewhere
        super().__init__()
        body = func.child_by_field_name("body")
        self.ok = True
        # Most functions never lock: then nothing is held anywhere, without interpreting them.
        self.trivial = body is None or b"Lock()" not in body.text
        try:
            if not self.trivial:
                self.block(body, frozenset())
        except (Unanalysable, RecursionError):
            self.ok = False
            self.at.clear()

    # Questions -------------------------------------------------------------------------------

    def held(self, node: Node) -> Held | None:
        """Locks held on every path to the statement holding `node` (None: not reached)."""
        if self.trivial:
            return frozenset()
        n = node
        while n is not None and n != self.func:
            got = self.at.get(n)
            if got is not None:
                return got
            n = n.parent
        return None

    def lock_op(self, stmt: Node) -> tuple[tuple, str, bool] | None:
        """(mutex key, kind, acquires) for `X.Lock()` and friends."""
        if stmt.type == "expression_statement" and stmt.named_child_count:
            stmt = stmt.named_children[0]
        call = unparen(stmt)
        if call.type != "call_expression":
            return None
        fn = unparen(call.child_by_field_name("function"))
        if fn.type != "selector_expression":
            return None
        name = fn.child_by_field_name("field").text
        if name not in _OPS:
            return None
        operand = fn.child_by_field_name("operand")
        key = self.mutex_key(operand)
        if key is None:
            return None
        kind, acquire = _OPS[name]
        return key, kind, acquire

    def mutex_key(self, operand: Node) -> tuple | None:
        t = self.pkg.type_of(operand, self.file)
        base = self.pkg.path_key(operand, self.file)
        if base is None:
            return None
        if isinstance(deref(t).underlying(), Mutex):
            return base
        s = deref(t).underlying()
        if isinstance(s, Struct):
            for f in s.fields:
                if f.embedded and isinstance(self.pkg.types.from_type_node(f.type_node, s.file).underlying(), Mutex):
                    return ("sel", base, f.name)
        return None

    # Transfer functions (the walk is ForwardAnalysis's) ---------------------------------------

    join = staticmethod(meet)  # a lock is held where paths meet only if held on each

    def visit(self, s: Node, held: Held) -> None:
        old = self.at.get(s)
        self.at[s] = held if old is None else old & held

    def simple(self, s: Node, held: Held) -> Held:
        if s.type == "expression_statement":
            op = self.lock_op(s)
            if op is not None:
                key, kind, acquire = op
                if acquire:
                    self.takes_lock = self.takes_lock or kind == "W"
                    return held | {(key, kind)}
                return held - {(key, kind)}
        return held

    def no_target(self, s: Node) -> None:
        pass  # a stray break (broken code): the path just ends
