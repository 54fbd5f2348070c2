"""Which sync.Mutex / sync.RWMutex locks are held at each statement of a function.

A must-analysis over the structured statements: `X.Lock()` adds (X, "W"), `X.RLock()` adds
(X, "R"), `X.Unlock()`/`X.RUnlock()` remove them; a deferred unlock keeps the lock to the end.
Where paths meet, only the locks held on every path stay held. X is identified by its access path
(`s.mu`, `mu`, `(*s).mu` alike); `s.Lock()` on a struct embedding a mutex is `s.Mutex`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tree_sitter import Node

from golint_delete.model.types import Mutex, Struct, deref
from golint_delete.syntax import unparen

_FUNCS = frozenset({"func_literal", "function_declaration", "method_declaration"})
_OPS = {b"Lock": ("W", True), b"RLock": ("R", True), b"Unlock": ("W", False), b"RUnlock": ("R", False)}

Held = frozenset  # of (path key, "W" | "R")


@dataclass
class _Target:
    node: Node
    label: bytes | None
    breaks: list = field(default_factory=list)
    continues: list = field(default_factory=list)
    is_loop: bool = True


def meet(a: Held | None, b: Held | None) -> Held | None:
    if a is None:
        return b
    if b is None:
        return a
    return a & b


class FunctionLocks:
    def __init__(self, pkg, file, func: Node) -> None:
        self.pkg = pkg
        self.file = file
        self.func = func
        self.at: dict[Node, Held] = {}
        self.takes_lock = False  # the function calls Lock() itself somewhere
        self._stack: list[_Target] = []
        body = func.child_by_field_name("body")
        self.ok = True
        # Most functions never lock: then nothing is held anywhere, without interpreting them.
        self.trivial = body is None or b"Lock()" not in body.text
        try:
            if not self.trivial:
                self._block(body, frozenset())
        except RecursionError:
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

    # Interpretation --------------------------------------------------------------------------

    def _record(self, s: Node, held: Held) -> None:
        old = self.at.get(s)
        self.at[s] = held if old is None else old & held

    def _block(self, block: Node, held: Held | None) -> Held | None:
        for stmt in block.named_children:
            if held is None:
                return None
            if stmt.type == "statement_list":
                held = self._block(stmt, held)
            elif stmt.type != "comment":
                held = self._stmt(stmt, held)
        return held

    def _stmt(self, s: Node, held: Held, label: bytes | None = None) -> Held | None:
        self._record(s, held)
        t = s.type
        if t == "block":
            return self._block(s, held)
        if t == "labeled_statement":
            lbl = s.child_by_field_name("label")
            inner = [c for c in s.named_children if c.type not in ("label_name", "comment")]
            return self._stmt(inner[0], held, lbl.text if lbl is not None else None) if inner else held
        if t == "expression_statement":
            op = self.lock_op(s)
            if op is not None:
                key, kind, acquire = op
                if acquire:
                    self.takes_lock = self.takes_lock or kind == "W"
                    return held | {(key, kind)}
                return held - {(key, kind)}
            return held
        if t == "return_statement":
            return None
        if t == "if_statement":
            init = s.child_by_field_name("initializer")
            if init is not None:
                held = self._stmt(init, held)
                if held is None:
                    return None
            then = s.child_by_field_name("consequence")
            out_t = self._block(then, held) if then is not None else held
            alt = s.child_by_field_name("alternative")
            out_f = self._stmt(alt, held) if alt is not None else held
            if out_t is None:
                return out_f
            return meet(out_t, out_f) if out_f is not None else out_t
        if t == "for_statement":
            return self._for(s, held, label)
        if t in ("expression_switch_statement", "type_switch_statement", "select_statement"):
            return self._switch(s, held, label)
        if t in ("break_statement", "continue_statement"):
            lbl = next((c for c in s.named_children if c.type == "label_name"), None)
            for ctx in reversed(self._stack):
                if (lbl is not None and ctx.label == lbl.text) or \
                        (lbl is None and (ctx.is_loop or t == "break_statement")):
                    (ctx.breaks if t == "break_statement" else ctx.continues).append(held)
                    break
            return None
        if t == "goto_statement":
            return None
        if t == "expression_statement" or t == "defer_statement":
            return held
        return held

    def _for(self, s: Node, held: Held, label: bytes | None) -> Held | None:
        clause = next((c for c in s.named_children if c.type in ("for_clause", "range_clause")), None)
        body = s.child_by_field_name("body")
        infinite = clause is None and (not s.named_child_count or s.named_children[0].type in ("block", "comment"))
        head = held
        for _ in range(6):
            ctx = _Target(s, label)
            self._stack.append(ctx)
            try:
                end = self._block(body, head) if body is not None else head
                for c in ctx.continues:
                    end = meet(end, c) if end is not None else c
            finally:
                self._stack.pop()
            new_head = meet(head, end) if end is not None else head
            if new_head == head:
                break
            head = new_head
        exit_state = None if infinite else head
        for b in ctx.breaks:
            exit_state = meet(exit_state, b) if exit_state is not None else b
        return exit_state

    def _switch(self, s: Node, held: Held, label: bytes | None) -> Held | None:
        init = s.child_by_field_name("initializer")
        if init is not None:
            held = self._stmt(init, held)
            if held is None:
                return None
        ctx = _Target(s, label, is_loop=False)
        self._stack.append(ctx)
        out, has_default = None, False
        try:
            for case in s.named_children:
                if case.type not in ("expression_case", "type_case", "default_case", "communication_case"):
                    continue
                has_default = has_default or case.type == "default_case"
                end = held
                for lst in case.named_children:
                    if lst.type == "statement_list":
                        end = self._block(lst, end)
                if end is not None:
                    out = meet(out, end) if out is not None else end
        finally:
            self._stack.pop()
        if not has_default and s.type != "select_statement":
            out = meet(out, held) if out is not None else held
        for b in ctx.breaks:
            out = meet(out, b) if out is not None else b
        return out
