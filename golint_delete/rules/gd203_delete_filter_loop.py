"""GD203 delete-filter-loop: `for k, v := range m { if cond { delete(m, k) } }` is
`maps.DeleteFunc(m, func(k K, v V) bool { return cond })` (Go 1.21+).

The loop is correct (deleting the current key during range is legal); the rewrite names the intent.
The fix is offered when the key and value types can be spelled in this file and the condition
fits on one line; it adds the `maps` import when missing.
"""

from __future__ import annotations

from golint_delete.api import (
    Ctx,
    Fix,
    Map,
    Rule,
    Severity,
    edits,
    named_non_comment_children,
    single_statement,
    statements,
)


def check(ctx: Ctx, caps: dict) -> None:
    if ctx.file.package_name == "maps":
        return  # the loop that implements maps.DeleteFunc itself
    loop = ctx.model.range_loop(caps["loop"][0])
    if loop is None or loop.key is None or not loop.define:
        return
    branch = single_statement(loop.body)
    if branch is None or branch.type != "if_statement" or branch.child_by_field_name("alternative") \
            or branch.child_by_field_name("initializer"):
        return
    then = branch.child_by_field_name("consequence")
    body = statements(then) if then is not None else []
    call = ctx.model.builtin_call(body[0], b"delete", ctx.file) if len(body) == 1 else None
    if call is None:
        return
    args = named_non_comment_children(call.child_by_field_name("arguments"))
    if len(args) != 2 or not ctx.model.is_ranged_map(args[0], loop, ctx.file) \
            or not ctx.model.is_current_key(args[1], loop, ctx.file):
        return
    m = ctx.text(loop.collection)
    cond = branch.child_by_field_name("condition")
    fix, why = _fix(ctx, loop, m, cond)
    ctx.report(ctx.header_range(loop.node),
               f"loop deletes the entries of {m} that match a condition; maps.DeleteFunc({m}, ...) "
               f"says so in one call (Go 1.21+)" + (f"; fix unavailable: {why}" if fix is None else ""), fix=fix)


def _fix(ctx: Ctx, loop, m: str, cond) -> tuple[Fix | None, str]:
    """The fix, or None and why it is not offered (said in the finding)."""
    if cond is None or b"\n" in cond.text:
        return None, "the condition spans several lines"
    t = ctx.model.type_of(loop.collection, ctx.file).underlying()
    if not isinstance(t, Map) or t.node is None or t.file is None:
        return None, f"the type of {m} is not known here"
    key_t = edits.type_text(ctx.model, ctx.file, t.node.child_by_field_name("key"), t.file)
    val_t = edits.type_text(ctx.model, ctx.file, t.node.child_by_field_name("value"), t.file)
    if key_t is None or val_t is None:
        part = t.node.child_by_field_name("key" if key_t is None else "value")
        return None, f"its {'key' if key_t is None else 'value'} type {part.text.decode()} cannot be spelled in this file"
    imported = edits.import_name(ctx.model, ctx.file, b"maps", loop.node)
    if imported is None:
        return None, "the name maps means something else here"
    name, import_edit = imported
    k = ctx.text(loop.key)
    v = ctx.text(loop.value) if loop.value is not None else "_"
    stmt = edits.whole_statement(loop.node)
    if stmt is None:
        return None, "the loop's label is used elsewhere"
    header = f"func({k} {key_t}, {v} {val_t}) bool"
    body = f"return {ctx.text(cond)}"
    if edits.fits_one_line_func(header, body):
        text = f"{name}.DeleteFunc({m}, {header} {{ {body} }})"
    else:  # gofmt puts a longer literal's body on its own line
        indent = edits.indentation(ctx.file, stmt)
        nl = edits.line_ending(ctx.file)
        text = f"{name}.DeleteFunc({m}, {header} {{{nl}{indent}\t{body}{nl}{indent}}})"
    replaced = (edits.replace(stmt, text),) + ((import_edit,) if import_edit is not None else ())
    return Fix("Replace the loop with maps.DeleteFunc", replaced, safe=not ctx.has_comments(loop.body)), ""


RULE = Rule(
    "GD203", "delete-filter-loop", Severity.NOTE,
    query="(for_statement (range_clause) body: (block)) @loop",
    check=check, min_go=(1, 21), fixable=True,
)
