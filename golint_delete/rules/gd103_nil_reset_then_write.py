"""GD103 nil-reset-then-write: a map set to nil (often to "clear" it) that a write can reach.

Within a function: a write that the `= nil` reaches on some path but not all (on all paths it is
GD101). Across functions: a field or package var set to nil in one function and written without a
nil check in another. `clear(m)` (Go 1.21+) empties a map without making it nil; `m = nil` only
drops this reference, and later writes through it panic.
"""

from __future__ import annotations

from golint_delete.api import Ctx, Rule, Severity, UNK, WRITES, all_nil, is_nil_fact


def _advice(ctx: Ctx, m: str) -> str:
    return f"to empty a map use clear({m}), which keeps it usable" if ctx.file.go_version >= (1, 21) \
        else "re-make it instead of setting it to nil"


def check(ctx: Ctx, caps: dict) -> None:
    node = caps["w"][0]
    operand = node.child_by_field_name("operand")
    # A reset in this function is a nil fact; one elsewhere needs a field or a package var.
    if operand is None or not (ctx.model.may_be_nil(node, ctx.file) or ctx.model.shared_key(operand, ctx.file) is not None):
        return
    write = ctx.model.map_write(node, ctx.file)
    if write is None:
        return
    m = ctx.text(write.map)
    resets = sorted(f.offset for f in write.facts if is_nil_fact(f) and f.kind == "assigned")
    if resets and not all_nil(write.facts):
        lines = ", ".join(str(ctx.line_of(at)) for at in resets)
        ctx.report(ctx.node_range(write.node),
                   f"{m} is set to nil at line {lines} and this write can reach it on some path "
                   f"(assignment to entry in nil map); {_advice(ctx, m)}",
                   related=tuple(ctx.related(at, f"{m} set to nil here") for at in resets))
        return
    if write.facts != frozenset({UNK}):
        return
    facts = ctx.model.fields()
    key = ctx.model.shared_key(write.map, ctx.file)
    if key is None or facts.is_lazy(key) or facts.checked_by_caller(key, write.func):
        return
    site = facts.nil_reset(key, write.func, write.node)
    if site is None:
        return
    line = ctx.line_in(site.file, site.node.start_byte)
    ctx.report(ctx.node_range(write.node),
               f"{m} is set to nil at {site.file.path}:{line} and written here without a nil check "
               f"(assignment to entry in nil map after that reset); {_advice(ctx, m)}",
               related=(ctx.related_in(site.file, site.node.start_byte, "set to nil here"),))


RULE = Rule("GD103", "nil-reset-then-write", Severity.WARNING, query=WRITES, check=check)
