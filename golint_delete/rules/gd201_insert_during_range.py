"""GD201 insert-during-range: inside `for k := range m`, a write that can add a key to m.

The spec: an entry created during iteration may or may not be produced, so the loop's result
depends on the map's random iteration order. Updating the current key (or a key an enclosing range
over the same map holds) only changes an existing entry and is fine. A key that is an idempotent
normalisation of the current key (strings.ToLower(k)) is a note: a visit of it usually does nothing.
"""

from __future__ import annotations

from golint_delete.api import WRITES, Ctx, Rule, Severity, named_non_comment_children, walk_outside_closures


# maps.Copy(dst, src) and maps.Insert(dst, seq) add every key of their source to dst.
# A range loop: the calls in its body that write the ranged map through the callee.
RANGES = "(for_statement (range_clause)) @range"
INSERTS = '(call_expression function: (selector_expression field: (field_identifier) @f (#any-of? @f "Copy" "Insert")) arguments: (argument_list)) @ins'
_INSERTERS = frozenset({(b"maps", b"Copy"), (b"maps", b"Insert"), (b"golang.org/x/exp/maps", b"Copy")})


def _check_insert(ctx: Ctx, call) -> None:
    q = ctx.model.qualified(call.child_by_field_name("function"), ctx.file)
    args = named_non_comment_children(call.child_by_field_name("arguments"))
    if q is None or (q.path, q.name) not in _INSERTERS or len(args) != 2:
        return
    loops = [lp for lp in ctx.model.enclosing_range_loops(call, ctx.file) if ctx.model.is_ranged_map(args[0], lp, ctx.file)]
    if not loops or not ctx.model.is_map(loops[0].collection, ctx.file) \
            or ctx.model.same_path(args[0], args[1], ctx.file) \
            or ctx.model.exits_loop_after(call, loops[0].node, ctx.file):
        return
    ctx.report(ctx.node_range(call),
               f"{ctx.text(call.child_by_field_name('function'))}({ctx.text(args[0])}, ...) during range over "
               f"{ctx.text(loops[0].collection)} may add keys: the spec leaves it unspecified whether the loop "
               f"produces entries created during iteration; collect them and copy after the loop")


def _check_calls(ctx: Ctx, for_stmt) -> None:
    loop = ctx.model.range_loop(for_stmt)
    if loop is None or not ctx.model.is_map(loop.collection, ctx.file):
        return
    whole = ctx.model.path(loop.collection, ctx.file)
    if whole is None or not ctx.model.is_ranged_map(loop.collection, loop, ctx.file):
        return
    for call in walk_outside_closures(loop.body):
        if call.type != "call_expression" or call.parent.type in ("go_statement", "defer_statement"):
            continue
        for ins in ctx.model.call_inserts(call, ctx.file):
            if ins.path != whole:
                continue
            loops = [lp for lp in ctx.model.enclosing_range_loops(call, ctx.file)
                     if ctx.model.path(lp.collection, ctx.file) == whole]
            if not loops or loops[0].node != for_stmt:
                break  # an inner loop over the same map reports it
            if ins.key is not None and any(ctx.model.is_current_key(ins.key, lp, ctx.file) for lp in loops):
                continue  # the callee stores under the current key: an update
            if ctx.model.exits_loop_after(call, loop.node, ctx.file):
                break
            callee = ctx.model.callee(call, ctx.file)
            who = ctx.model.function_label(callee.decl) if callee is not None else ctx.text(call)
            w = ins.insert.node
            src = ins.insert.file
            where = f"line {ctx.line_of(w.start_byte)}" if src.path == ctx.file.path \
                else f"{src.path}:{ctx.line_in(src, w.start_byte)}"
            m = ctx.text(loop.collection)
            ctx.report(ctx.node_range(call),
                       f"{ctx.text(call.child_by_field_name('function'))}(...) during range over {m} may add a "
                       f"key: {who} writes it ({where}: {src.source[w.start_byte:w.end_byte].decode(errors='replace')}); "
                       f"the spec leaves it unspecified whether the loop produces entries created "
                       f"during iteration; collect the new entries and add them after the loop",
                       related=(ctx.related_in(src, w.start_byte, f"{who} writes the map here"),))
            break


def check(ctx: Ctx, caps: dict) -> None:
    if "range" in caps:
        _check_calls(ctx, caps["range"][0])
        return
    if "ins" in caps:
        _check_insert(ctx, caps["ins"][0])
        return
    write = caps["w"][0]
    target, key = write.child_by_field_name("operand"), write.child_by_field_name("index")
    if target is None or key is None:
        return
    loops = [lp for lp in ctx.model.enclosing_range_loops(write, ctx.file)
             if ctx.model.is_ranged_map(target, lp, ctx.file)]
    if not loops or not ctx.model.is_map(loops[0].collection, ctx.file):
        return
    if any(ctx.model.is_current_key(key, lp, ctx.file) for lp in loops):
        return  # an existing key: an update, not an insert
    if ctx.model.current_entry_key(key, loops[0], ctx.file) is not None:
        return  # the current entry's own key, read from its value
    loop = loops[0]
    if ctx.model.exits_loop_after(write, loop.node, ctx.file):
        return
    m = ctx.text(loop.collection)
    norm = ctx.model.normalised_current_key(key, loop, ctx.file)
    if norm is not None:
        f = f"{norm.path.decode().rsplit('/', 1)[-1]}.{norm.name.decode()}"
        ctx.report(ctx.node_range(write),
                   f"{ctx.text(write)} = ... during range over {m} may add a key the loop then visits or "
                   f"not; {f} of a key it already normalised is the same key, so that visit is harmless "
                   f"if the body maps such a key to itself; collect the new entries and add them after "
                   f"the loop to make it plain", severity=Severity.NOTE)
        return
    ctx.report(ctx.node_range(write),
               f"{ctx.text(write)} = ... during range over {m} may add a key: the spec leaves it "
               f"unspecified whether the loop produces entries created during iteration; collect "
               f"the new entries and add them after the loop")


RULE = Rule("GD201", "insert-during-range", Severity.WARNING, query=WRITES + INSERTS + RANGES, check=check)
