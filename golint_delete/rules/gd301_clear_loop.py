"""GD301 clear-loop: `for k := range m { delete(m, k) }` is `clear(m)`, except that it leaves NaN keys.

Only the exact loop is reported: a body with anything besides the one delete does more than clear.
The message does not call the loop slow: the compiler already lowers it to a runtime map clear.
"""

from __future__ import annotations

from golint_delete.engine import Ctx
from golint_delete.findings import Severity
from golint_delete.model.package import single_statement
from golint_delete.rule import Rule
from golint_delete.syntax import named_non_comment_children


def check(ctx: Ctx, caps: dict) -> None:
    loop = ctx.model.range_loop(caps["loop"][0])
    if loop is None or loop.key is None or loop.key.type != "identifier":
        return
    stmt = single_statement(loop.body)
    if stmt is None:
        return
    call = ctx.model.builtin_call(stmt, b"delete", ctx.file)
    if call is None:
        return
    args = named_non_comment_children(call.child_by_field_name("arguments"))
    if len(args) != 2 or args[1].type != "identifier":
        return
    if not ctx.model.same_path(args[0], loop.collection, ctx.file):
        return
    if ctx.object_of(args[1]) != ctx.object_of(loop.key):
        return
    m = ctx.text(loop.collection)
    ctx.report(
        ctx.header_range(loop.node),
        f"loop deletes every key of {m}; use clear({m}), which also removes NaN keys that delete "
        f"cannot match",
    )


RULE = Rule(
    "GD301", "clear-loop", Severity.NOTE,
    query="(for_statement (range_clause) body: (block)) @loop",
    check=check, min_go=(1, 21),
)
