"""GD201 insert-during-range: inside `for k := range m`, a write that can add a key to m.

The spec: an entry created during iteration may or may not be produced, so the loop's result
depends on the map's random iteration order. Updating the current key (or a key an enclosing range
over the same map holds) only changes an existing entry and is fine. A key that is an idempotent
normalisation of the current key (strings.ToLower(k)) is a note: a visit of it usually does nothing.
"""

from __future__ import annotations

from golint_delete.api import Ctx, Rule, Severity, WRITES


def check(ctx: Ctx, caps: dict) -> None:
    write = caps["w"][0]
    target, key = write.child_by_field_name("operand"), write.child_by_field_name("index")
    if target is None or key is None:
        return
    loops = [lp for lp in ctx.model.enclosing_range_loops(write)
             if ctx.model.is_ranged_map(target, lp, ctx.file)]
    if not loops or not ctx.model.is_map(loops[0].collection, ctx.file):
        return
    if any(ctx.model.is_current_key(key, lp, ctx.file) for lp in loops):
        return  # an existing key: an update, not an insert
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


RULE = Rule("GD201", "insert-during-range", Severity.WARNING, query=WRITES, check=check)
