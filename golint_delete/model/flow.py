"""Structured control-flow questions over the syntax tree (no CFG needed for these)."""

from __future__ import annotations

from typing import NamedTuple

from tree_sitter import Node

from golint_delete.syntax import FUNCS as _FUNCS
from golint_delete.syntax import statements, unparen

_BREAKABLE = frozenset({"for_statement", "expression_switch_statement", "type_switch_statement",
                        "select_statement"})


class Leave(NamedTuple):
    """How a statement leaves the code that follows it."""

    kind: str  # return | panic | exit (the process or goroutine ends) | break | continue | goto
    label: bytes | None = None


# Calls that never return: the process exits, the goroutine ends, or they panic.
NO_RETURN = frozenset({(b"log", b"Fatal"), (b"log", b"Fatalf"), (b"log", b"Fatalln"), (b"log", b"Panic"),
                       (b"log", b"Panicf"), (b"log", b"Panicln"), (b"os", b"Exit"), (b"runtime", b"Goexit")})
# Methods of testing's T, B, F and TB that end the test's goroutine (runtime.Goexit).
_TEST_ENDS = frozenset({b"Fatal", b"Fatalf", b"FailNow", b"Skip", b"Skipf", b"SkipNow"})
_TESTING = frozenset({b"testing.T", b"testing.B", b"testing.F", b"testing.TB"})


def leaves(pkg, stmt: Node, file) -> Leave | None:
    """The one answer to "does this statement leave?": return, break, continue, goto, a call of
    the builtin panic, of a function that never returns (log.Fatal, os.Exit, runtime.Goexit), or
    of t.Fatal and friends on a *testing.T/B/F."""
    t = stmt.type
    if t == "return_statement":
        return Leave("return")
    if t in ("break_statement", "continue_statement", "goto_statement"):
        label = next((c for c in stmt.named_children if c.type == "label_name"), None)
        return Leave(t.split("_")[0], label.text if label is not None else None)
    if t != "expression_statement" or stmt.named_child_count != 1:
        return None
    call = unparen(stmt.named_children[0])
    fn = call.child_by_field_name("function") if call.type == "call_expression" else None
    if fn is None:
        return None
    fn = unparen(fn)
    if fn.type == "identifier":
        return Leave("panic") if pkg.is_builtin(fn, b"panic", file) else None
    q = pkg.qualified(fn, file)
    if q is not None:
        return Leave("exit") if q in NO_RETURN else None
    if fn.type == "selector_expression" and fn.child_by_field_name("field").text in _TEST_ENDS:
        from golint_delete.model.types import Named, deref

        recv = deref(pkg.type_of(fn.child_by_field_name("operand"), file))
        if isinstance(recv, Named) and recv.name in _TESTING:
            return Leave("exit")
    return None


def ends_by_leaving(pkg, block: Node | None, file) -> bool:
    """Whether the block's last statement leaves (`if x == nil { return }`)."""
    if block is None:
        return False
    stmts = statements(block)
    return bool(stmts) and leaves(pkg, stmts[-1], file) is not None


def enclosing_statement(node: Node) -> Node | None:
    """The statement (a direct child of a statement_list) that contains `node`."""
    n = node
    while n is not None and n.parent is not None and n.parent.type != "statement_list":
        if n.type in _FUNCS:
            return None
        n = n.parent
    return n if n is not None and n.parent is not None else None


def _next_statement(stmt: Node) -> Node | None:
    n = stmt.next_named_sibling
    while n is not None and n.type == "comment":
        n = n.next_named_sibling
    return n


def _label_of(stmt: Node) -> bytes | None:
    parent = stmt.parent
    if parent is not None and parent.type == "labeled_statement":
        label = parent.child_by_field_name("label")
        return label.text if label is not None else None
    return None


def _breaks_out_of(pkg, stmt: Node, loop: Node, file) -> bool:
    """Whether `stmt` leaves `loop`."""
    how = leaves(pkg, stmt, file)
    if how is None or how.kind == "continue":
        return False
    if how.kind in ("return", "panic", "exit"):
        return True
    if how.kind == "break":
        n = stmt.parent
        while n is not None and n.type not in _FUNCS:
            if n.type in _BREAKABLE and (how.label is None or _label_of(n) == how.label):
                return n == loop or _is_ancestor(n, loop)
            n = n.parent
        return False
    # goto: leaving the body (even to a label on the loop itself, which starts a new range) ends
    # this iteration sequence; a label inside the body keeps it going.
    if how.label is None:
        return False
    body = loop.child_by_field_name("body")
    return body is None or not _label_inside(body, how.label)


def _may_go_round(stmt: Node, loop: Node) -> bool:
    """Whether `stmt`, which does not itself leave, holds a jump that can start `loop`'s next
    iteration: a `continue` of `loop` (bare, outside any inner loop, or by its label) or a goto."""
    label = _label_of(loop)
    todo = [stmt]
    while todo:
        n = todo.pop()
        if n.type in _FUNCS:
            continue
        if n.type == "goto_statement":
            return True
        if n.type == "continue_statement":
            target = next((c for c in n.named_children if c.type == "label_name"), None)
            if target is None and not _inner_loop_between(n, stmt) or target is not None and target.text == label:
                return True
        todo.extend(n.named_children)
    return False


def _inner_loop_between(node: Node, top: Node) -> bool:
    n = node.parent
    while n is not None and n != top.parent:
        if n.type == "for_statement":
            return True
        n = n.parent
    return False


def _label_inside(region: Node, name: bytes) -> bool:
    from golint_delete.syntax import walk

    for n in walk(region):
        if n.type == "labeled_statement":
            lbl = n.child_by_field_name("label")
            if lbl is not None and lbl.text == name:
                return True
    return False


def _is_ancestor(a: Node, b: Node) -> bool:
    n = b.parent
    while n is not None:
        if n == a:
            return True
        n = n.parent
    return False


def exits_loop_after(pkg, node: Node, loop: Node, file) -> bool:
    """True when the statement holding `node` is followed, on every path, by leaving `loop`
    (`delete(m, x); break`, `...; return`), so the rest of the iteration cannot be affected."""
    stmt = enclosing_statement(node)
    body = loop.child_by_field_name("body")
    while stmt is not None:
        # The statements after it run in order (logging, cleanup, another delete) unless one of
        # them can start the next iteration; the first that leaves the loop settles it.
        nxt = _next_statement(stmt)
        while nxt is not None:
            if _breaks_out_of(pkg, nxt, loop, file):
                return True
            if leaves(pkg, nxt, file) is not None or _may_go_round(nxt, loop):
                return False
            nxt = _next_statement(nxt)
        lst = stmt.parent  # the statement_list
        holder = lst.parent if lst is not None else None  # block or case clause
        if holder is None or holder == body:
            return False
        # Climb to the statement that owns this block or case: if, switch, select, bare block.
        up = holder
        while up is not None and (up.parent is None or up.parent.type != "statement_list"):
            if up.type in _FUNCS or up == loop:
                return False
            if up.type == "for_statement":
                return False  # the end of an inner loop's body goes round again
            up = up.parent
        if up is None or up == loop or up.type == "for_statement":
            return False
        stmt = up
    return False
