"""GD202 delete-other-key-in-range: inside `for k := range m`, `delete(m, x)` where x is not k.

Legal Go, never a panic; but the spec says an entry removed before the loop reaches it is not
produced, so the loop silently skips it. Deleting the current key is fine and never reported.
"""

from __future__ import annotations

from golint_delete.api import Ctx, Rule, Severity, named_non_comment_children


def check(ctx: Ctx, caps: dict) -> None:
    call = caps["call"][0]
    if not ctx.model.builtin_call(call, b"delete", ctx.file):
        return
    args = named_non_comment_children(call.child_by_field_name("arguments"))
    if len(args) != 2:
        return
    for loop in ctx.model.enclosing_range_loops(call, ctx.file):
        if loop.key is not None and ctx.model.is_ranged_map(args[0], loop, ctx.file) \
                and not ctx.model.is_current_key(args[1], loop, ctx.file) \
                and not ctx.model.exits_loop_after(call, loop.node, ctx.file) \
                and ctx.model.current_entry_key(args[1], loop, ctx.file) is None:
            m, x, k = ctx.text(loop.collection), ctx.text(args[1]), ctx.text(loop.key)
            ctx.report(
                ctx.node_range(call),
                f"delete({m}, {x}) during range over {m} removes another key, not the current "
                f"one ({k}): an entry deleted before the loop reaches it is never produced",
            )
            return


RULE = Rule(
    "GD202", "delete-other-key-in-range", Severity.WARNING,
    query='(call_expression function: (identifier) @fn (#eq? @fn "delete")) @call',
    check=check,
)
