"""GD202 delete-other-key-in-range: inside `for k := range m`, `delete(m, x)` where x is not k.

Legal Go, never a panic; but the spec says an entry removed before the loop reaches it is not
produced, so the loop silently skips it. Deleting the current key is fine and never reported.
"""

from __future__ import annotations

from golint_delete.engine import Ctx
from golint_delete.findings import Severity
from golint_delete.rule import Rule
from golint_delete.syntax import named_non_comment_children

_FUNCS = frozenset({"func_literal", "function_declaration", "method_declaration"})


def check(ctx: Ctx, caps: dict) -> None:
    call = caps["call"][0]
    if not ctx.model.builtin_call(call, b"delete", ctx.file):
        return
    args = named_non_comment_children(call.child_by_field_name("arguments"))
    if len(args) != 2:
        return
    child, n = call, call.parent
    # Stop at a function literal: its body may run after the loop is over.
    while n is not None and n.type not in _FUNCS:
        if n.type == "for_statement" and child == n.child_by_field_name("body"):
            loop = ctx.model.range_loop(n)
            if loop is not None and loop.key is not None \
                    and ctx.model.same_path(args[0], loop.collection, ctx.file) \
                    and not _is_current_key(ctx, args[1], loop) \
                    and not ctx.flow.exits_loop_after(call, n):
                m, x, k = ctx.text(loop.collection), ctx.text(args[1]), ctx.text(loop.key)
                ctx.report(
                    ctx.node_range(call),
                    f"delete({m}, {x}) during range over {m} removes another key, not the current "
                    f"one ({k}): an entry deleted before the loop reaches it is never produced",
                )
                return
        child, n = n, n.parent


def _is_current_key(ctx: Ctx, arg, loop) -> bool:
    if arg.type != "identifier":
        return False
    key = ctx.object_of(loop.key)
    if key is None or ctx.object_of(arg) != key:
        return False
    # The range sets the key afresh each iteration, so only an assignment that can run before the
    # delete within an iteration changes it: one earlier in the body, or one in an inner loop
    # that also holds the delete (its next round sees the new value).
    for stmt in ctx.model.assignments_to(loop.body, key, ctx.file):
        if stmt.start_byte < arg.start_byte or _common_inner_loop(stmt, arg, loop.node):
            return False
    return True


def _common_inner_loop(a, b, outer) -> bool:
    n = a.parent
    while n is not None and n != outer:
        if n.type == "for_statement" and n.start_byte <= b.start_byte < n.end_byte:
            return True
        n = n.parent
    return False


RULE = Rule(
    "GD202", "delete-other-key-in-range", Severity.WARNING,
    query='(call_expression function: (identifier) @fn (#eq? @fn "delete")) @call',
    check=check,
)
