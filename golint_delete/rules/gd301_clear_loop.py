"""GD301 clear-loop: `for k := range m { delete(m, k) }` is `clear(m)`, except that it leaves NaN keys.

Only the exact loop is reported: a body with anything besides the one delete does more than clear.
The message does not call the loop slow: the compiler already lowers the plain form to a runtime
map clear. Severity rises to warning when the key type can hold a NaN (floats, complex numbers,
interfaces, and structs or arrays of them): then the loop can leave the map non-empty.
"""

from __future__ import annotations

from golint_delete.api import (
    Ctx,
    Fix,
    Map,
    Rule,
    Severity,
    can_hold_nan,
    edits,
    named_non_comment_children,
    single_statement,
)


def _fix(ctx: Ctx, loop, m: str) -> Fix | None:
    stmt = edits.whole_statement(loop.node)
    if stmt is None or not loop.define:
        # `for k = range m` also leaves the last key in k, and without the loop k may be unused:
        # that rewrite needs a person.
        return None
    # Comments inside the loop would be lost: a person should look (--unsafe-fixes).
    safe = not ctx.has_comments(loop.node)
    return Fix(f"Replace the loop with clear({m})", (edits.replace(stmt, f"clear({m})"),), safe)


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
    if not ctx.model.is_ranged_map(args[0], loop, ctx.file):
        return
    if ctx.object_of(args[1]) != ctx.object_of(loop.key):
        return
    m = ctx.text(loop.collection)
    t = ctx.model.type_of(loop.collection, ctx.file).underlying()
    nan = isinstance(t, Map) and can_hold_nan(ctx.model, t.key)
    shadow = edits.shadowing(ctx.model, ctx.file, b"clear", loop.node)
    if shadow is not None:
        # `clear(m)` here would call the declaration that shadows the builtin: no fix, no advice
        # that does not compile; the NaN hazard is still worth saying.
        if not nan:
            return
        where = ctx.model.file_of(shadow.decl, ctx.file) if shadow.decl is not None else None
        at = f" ({where.path}:{ctx.line_in(where, shadow.decl.start_byte)})" if where is not None else ""
        ctx.report(ctx.header_range(loop.node),
                   f"loop cannot empty {m}: its key type can hold NaN, which delete never matches; the "
                   f"builtin clear would, but the {shadow.kind} clear{at} shadows it here",
                   severity=Severity.WARNING)
        return
    # NaN is only worth a word where the key type can hold one (not for string or int keys).
    message = f"loop deletes every key of {m}; use clear({m}), which says so in one call"
    if nan:
        message = (f"loop cannot empty {m}: its key type can hold NaN, which delete never matches; "
                   f"use clear({m})")
    ctx.report(ctx.header_range(loop.node), message, fix=_fix(ctx, loop, m),
               severity=Severity.WARNING if nan else None)


RULE = Rule(
    "GD301", "clear-loop", Severity.NOTE,
    query="(for_statement (range_clause) body: (block)) @loop",
    check=check, min_go=(1, 21), fixable=True,
)
