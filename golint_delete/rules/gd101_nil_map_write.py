"""GD101 nil-map-write: a write to a map that is nil on every path reaching it.

"panic: assignment to entry in nil map" is the map bug that most often crashes production Go.
Only writes are reported (also a call of a method that writes its receiver's map, such as
http.Header.Add): reading, len, range, delete and clear on a nil map are legal. The map
must be nil on every path (the shared nil-ness analysis says so); nil on some paths is left to
GD103 when it comes from an explicit `= nil`, and otherwise not reported (precision first).
"""

from __future__ import annotations

from golint_delete.api import WRITER_CALLS, WRITES, Ctx, Rule, Severity, all_nil, is_nil_fact, written_nodes


_WHY = {
    "zero": "declared without a value at {where} and never made",
    "assigned": "set to nil at {where}",
    "literal": "the composite literal at {where} leaves it nil",
    "new": "new(...) at {where} leaves it nil",
    "result": "a named result ({where}) that is never made",
    "guard": "inside the `== nil` check at {where}",
    "element": "an element of the map of maps made empty at {where}, never stored since",
}


def explain(ctx: Ctx, facts) -> tuple[str, tuple]:
    # A nil origin names its file when it is another file of the package (a package-level var
    # declared there).
    origins = sorted({(f.file or ctx.file.path, f.offset, f.kind) for f in facts if is_nil_fact(f)})
    files = {f.path: f for f in ctx.model.files}
    reasons, related = [], []
    for path, at, kind in origins:
        src = files.get(path)
        if path == ctx.file.path or src is None:
            reasons.append(_WHY[kind].format(where=f"line {ctx.line_of(at)}"))
            related.append(ctx.related(at, "the map became nil here"))
        else:
            reasons.append(_WHY[kind].format(where=f"{path}:{ctx.line_in(src, at)}"))
            related.append(ctx.related_in(src, at, "the map became nil here"))
    return "; ".join(reasons), tuple(related)


def check(ctx: Ctx, caps: dict) -> None:
    for node in written_nodes(ctx.model, ctx.file, caps):
        _check_write(ctx, node)


def _check_write(ctx: Ctx, node) -> None:
    if not ctx.model.may_be_nil(node, ctx.file):
        return  # no nil reaches it: no need for the function's flow analysis
    write = ctx.model.map_write(node, ctx.file)
    if write is None or not all_nil(write.facts):
        return
    why, related = explain(ctx, write.facts)
    m = ctx.text(write.map)
    if write.node.type == "call_expression":  # h.Add(k, v): the method writes into its receiver
        method = ctx.text(write.node.child_by_field_name("function"))
        ctx.report(ctx.node_range(write.node),
                   f"assignment to entry in nil map: {method} writes into {m}, which is nil on every path "
                   f"here ({why}); make it first", related=related)
        return
    ctx.report(ctx.node_range(write.node),
               f"assignment to entry in nil map: {m} is nil on every path here ({why}); make it first",
               related=related)


# Writes; and, once per file, the calls that write a map (http.Header.Add, a method of the package
# on a named map type, a function writing its map parameter), which the model finds by name.
RULE = Rule("GD101", "nil-map-write", Severity.ERROR, query=WRITES + WRITER_CALLS, check=check)
