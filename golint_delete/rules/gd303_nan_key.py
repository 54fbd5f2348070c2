"""GD303 nan-key: math.NaN() used as a map key in delete or a write.

NaN != NaN, so `delete(m, math.NaN())` removes nothing and `m[math.NaN()] = v` adds an entry that
no lookup or delete can ever reach (only range and clear see it).
"""

from __future__ import annotations

from golint_delete.api import Ctx, Rule, Severity, is_nan, named_non_comment_children


QUERY = """
(call_expression function: (identifier) @fn (#eq? @fn "delete")) @call
(assignment_statement left: (expression_list (index_expression) @w))
(inc_statement (index_expression) @w)
(dec_statement (index_expression) @w)
"""


def check(ctx: Ctx, caps: dict) -> None:
    if "call" in caps:
        call = caps["call"][0]
        if not ctx.model.builtin_call(call, b"delete", ctx.file):
            return
        args = named_non_comment_children(call.child_by_field_name("arguments"))
        if len(args) == 2 and is_nan(ctx.model, ctx.file, args[1]):
            ctx.report(ctx.node_range(call),
                       f"delete({ctx.text(args[0])}, NaN) never removes anything: NaN != NaN, so no key "
                       f"matches; use clear({ctx.text(args[0])}) or delete the keys range yields")
        return
    write = caps["w"][0]
    key = write.child_by_field_name("index")
    if key is not None and is_nan(ctx.model, ctx.file, key) and ctx.model.is_map(write.child_by_field_name("operand"), ctx.file):
        ctx.report(ctx.node_range(write),
                   "a NaN key adds an entry that no lookup or delete can reach (NaN != NaN); "
                   "only range and clear see it")


RULE = Rule("GD303", "nan-key", Severity.ERROR, query=QUERY, check=check)
