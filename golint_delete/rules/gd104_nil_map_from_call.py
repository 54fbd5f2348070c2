"""GD104 nil-map-from-call: a write to a map that a function of the package returned as nil.

`m := lookup(k); m[x] = v` where `lookup` has a `return nil` for that result with no error beside
it (`return nil` or `return nil, nil`): on that path the write panics with "assignment to entry in
nil map". The evidence is the callee's own return statement, which the finding names; the caller
has no nil check between the call and the write. A warning, not an error: whether that path is
taken depends on the callee's inputs. Not reported: a return with a non-nil error or a comma-ok
`false` (the caller is told to stop), a `return nil` under a check of a parameter or the receiver
against nil or empty (`if m == nil { return nil }`: nil in, nil out), and writes behind a nil check.
"""

from __future__ import annotations

from golint_delete.api import WRITER_CALLS, WRITES, Ctx, Rule, Severity, is_nil_fact, written_nodes


def check(ctx: Ctx, caps: dict) -> None:
    for node in written_nodes(ctx.model, ctx.file, caps):
        _check_write(ctx, node)


def _check_write(ctx: Ctx, node) -> None:
    if not ctx.model.may_be_nil(node, ctx.file):
        return
    write = ctx.model.map_write(node, ctx.file)
    if write is None:
        return
    calls = sorted({f.offset for f in write.facts if is_nil_fact(f) and f.kind == "call"})
    if not calls:
        return
    found = ctx.model.nil_map_call_at(ctx.file, calls[0])
    if found is None:
        return
    call, nil = found
    m = ctx.text(write.map)
    fn = ctx.text(call.child_by_field_name("function"))
    where = f"line {ctx.line_in(nil.file, nil.ret.start_byte)}" if nil.file.path == ctx.file.path \
        else f"{nil.file.path}:{ctx.line_in(nil.file, nil.ret.start_byte)}"
    error = " with a nil error" if nil.with_error else ""
    ctx.report(ctx.node_range(write.node),
               f"{m} comes from {fn}(...) at line {ctx.line_of(call.start_byte)}, which returns a nil map{error} "
               f"at {where}, and is written here without a nil check: on that path this is an assignment "
               f"to entry in nil map; check {m} == nil first, or return a made map",
               related=(ctx.related(call.start_byte, f"{m} is assigned the result of {fn} here"),
                        ctx.related_in(nil.file, nil.ret.start_byte, "the nil map is returned here")))


RULE = Rule("GD104", "nil-map-from-call", Severity.WARNING, query=WRITES + WRITER_CALLS, check=check)
