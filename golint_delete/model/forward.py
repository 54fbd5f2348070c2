"""One forward analysis over Go's structured statements, shared by the nil-ness and lock analyses.

Go functions without `goto` are trees of structured statements, so a forward data-flow analysis
needs no control-flow graph: blocks run in order, `if`/`switch`/`select` split the state and join
it again, loops run to a fixed point, and `break`/`continue`/`return` hand their state to the
statement they leave to. This class owns that walk; a subclass gives the lattice (`join`, `copy`)
and what simple statements, conditions and loop heads do to a state. A state of None means the
point is not reached.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tree_sitter import Node

_CASES = ("expression_case", "type_case", "default_case", "communication_case")


class Unanalysable(Exception):
    """Something the walk does not model (goto, a break to no target, absurd nesting)."""


@dataclass
class Target:
    """A statement that `break` (and, for loops, `continue`) can leave to."""
    node: Node
    label: bytes | None
    breaks: list = field(default_factory=list)
    continues: list = field(default_factory=list)
    is_loop: bool = True


class ForwardAnalysis:
    max_rounds = 8  # loop iterations before giving up on a fixed point (then `widen`)
    max_depth = 150  # statement nesting beyond this is Unanalysable, never a RecursionError

    def __init__(self) -> None:
        self._stack: list[Target] = []
        self._depth = 0

    # The lattice and the transfer functions: what a subclass defines ---------------------------

    def join(self, a, b):
        """Where two paths meet (either may be None, unreached)."""
        raise NotImplementedError

    def copy(self, state):
        return state  # states are immutable unless a subclass says otherwise

    def visit(self, s: Node, state) -> None:
        """Called with the state on entry to every reached statement."""

    def simple(self, s: Node, state):
        """A statement with no structure of its own (assignment, call, declaration, ...)."""
        return state

    def condition(self, cond: Node, state) -> tuple:
        """(state where `cond` is true, state where it is false)."""
        return self.copy(state), self.copy(state)

    def range_head(self, clause: Node, state):
        """A `range` clause, evaluated once before the loop."""
        return state

    def range_body(self, clause: Node, state):
        """The state on entry to a round of a range loop's body."""
        return state

    def switch_head(self, s: Node, state):
        """A switch's tag or type-switch value, after its init statement."""
        return state

    def communication(self, comm: Node, state):
        """A select case's send or receive, on entry to the case."""
        return self.stmt(comm, state)

    def returned(self, s: Node, state) -> None:
        """A return statement, reached with `state`."""

    def widen(self, head, exit_state):
        """No fixed point in max_rounds rounds: the loop's exit state to go on with."""
        return exit_state

    def no_target(self, s: Node) -> None:
        raise Unanalysable()

    def leave(self, s: Node, state):
        """After an if, for, switch or block `s`: what it declared is out of scope (a subclass may
        drop it from the state, so that states stay as big as what is in scope)."""
        return state

    # The walk ---------------------------------------------------------------------------------

    def block(self, block: Node, state):
        for stmt in block.named_children:
            if stmt.type == "statement_list":
                state = self.block(stmt, state)
            elif stmt.type != "comment":
                state = self.stmt(stmt, state)
        return state

    def stmt(self, s: Node, state, label: bytes | None = None):
        if state is None:
            return None  # unreachable code: nothing flows into it from here
        self._depth += 1
        if self._depth > self.max_depth:
            raise Unanalysable()
        try:
            self.visit(s, state)
            return self._stmt(s, state, label)
        finally:
            self._depth -= 1

    def _stmt(self, s: Node, state, label: bytes | None):
        t = s.type
        if t == "block":
            return self.leave(s, self.block(s, state))
        if t == "labeled_statement":
            lbl = s.child_by_field_name("label")
            inner = [c for c in s.named_children if c.type not in ("label_name", "comment")]
            return self.stmt(inner[0], state, lbl.text if lbl is not None else None) if inner else state
        if t == "if_statement":
            return self.leave(s, self._if(s, state))
        if t == "for_statement":
            return self.leave(s, self._for(s, state, label))
        if t in ("expression_switch_statement", "type_switch_statement", "select_statement"):
            return self.leave(s, self._switch(s, state, label))
        if t in ("break_statement", "continue_statement"):
            target = self._target(s, loops_only=t == "continue_statement")
            if target is None:
                self.no_target(s)
                return None
            (target.breaks if t == "break_statement" else target.continues).append(self.copy(state))
            return None
        if t == "return_statement":
            self.returned(s, state)
            return None
        if t == "goto_statement":
            raise Unanalysable()
        return self.simple(s, state)

    def _target(self, s: Node, loops_only: bool) -> Target | None:
        lbl = next((c for c in s.named_children if c.type == "label_name"), None)
        for ctx in reversed(self._stack):
            if lbl is not None:
                if ctx.label == lbl.text:
                    return ctx
            elif ctx.is_loop or not loops_only:
                return ctx
        return None

    def _init(self, holder: Node, state):
        """The `initializer` statement of an if, switch or for clause, if any."""
        init = holder.child_by_field_name("initializer")
        return self.stmt(init, state) if init is not None else state

    def _if(self, s: Node, state):
        state = self._init(s, state)
        if state is None:
            return None
        cond = s.child_by_field_name("condition")
        ts, fs = self.condition(cond, state) if cond is not None else (self.copy(state), self.copy(state))
        then = s.child_by_field_name("consequence")
        out_t = self.block(then, ts) if then is not None and ts is not None else ts
        alt = s.child_by_field_name("alternative")
        out_f = self.stmt(alt, fs) if alt is not None and fs is not None else fs
        return self.join(out_t, out_f)

    def _for(self, s: Node, state, label: bytes | None):
        clause = next((c for c in s.named_children if c.type in ("for_clause", "range_clause")), None)
        body = s.child_by_field_name("body")
        cond = update = None
        if clause is not None and clause.type == "for_clause":
            state = self._init(clause, state)
            if state is None:
                return None
            cond = clause.child_by_field_name("condition")
            update = clause.child_by_field_name("update")
        elif clause is not None:
            state = self.range_head(clause, state)
        elif s.named_child_count and s.named_children[0].type not in ("block", "comment"):
            cond = s.named_children[0]  # `for cond { }`
        ranged = clause is not None and clause.type == "range_clause"
        head, exit_state = state, None
        for _ in range(self.max_rounds):
            ctx = Target(s, label)
            self._stack.append(ctx)
            try:
                if cond is not None:
                    ts, fs = self.condition(cond, head)
                else:  # a range ends when the values do; `for { }` only by break
                    ts, fs = self.copy(head), (self.copy(head) if ranged else None)
                    if ranged:
                        ts = self.range_body(clause, ts)
                end = self.block(body, ts) if body is not None and ts is not None else ts
                for c in ctx.continues:
                    end = self.join(end, c)
                if end is not None and update is not None:
                    end = self.stmt(update, end)
            finally:
                self._stack.pop()
            exit_state = fs
            for b in ctx.breaks:
                exit_state = self.join(exit_state, b)
            new_head = self.join(head, end)
            if new_head == head:
                return exit_state
            head = new_head
        return self.widen(head, exit_state)

    def _switch(self, s: Node, state, label: bytes | None):
        state = self._init(s, state)
        if state is None:
            return None
        state = self.switch_head(s, state)
        ctx = Target(s, label, is_loop=False)
        self._stack.append(ctx)
        out, has_default = None, False
        carried = None  # a case ending in fallthrough flows into the next one
        try:
            for case in s.named_children:
                if case.type not in _CASES:
                    continue
                has_default = has_default or case.type == "default_case"
                entry = self.join(self.copy(state), carried)
                comm = case.child_by_field_name("communication")
                if comm is not None and entry is not None:
                    entry = self.communication(comm, entry)
                stmts = [c for c in case.named_children if c.type == "statement_list"]
                end = self.block(stmts[0], entry) if stmts and entry is not None else entry
                last = stmts[0].named_children[-1] if stmts and stmts[0].named_child_count else None
                if last is not None and last.type == "fallthrough_statement":
                    carried = end
                    continue
                carried = None
                out = self.join(out, end)
        finally:
            self._stack.pop()
        if not has_default and s.type != "select_statement":
            out = self.join(out, state)
        for b in ctx.breaks:
            out = self.join(out, b)
        return out
