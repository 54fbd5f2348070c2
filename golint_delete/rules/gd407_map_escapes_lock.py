"""GD407 map-escapes-lock: a function returns a map field while holding the mutex that every write
of the field holds, and a caller ranges, reads or writes the returned map without that mutex.

The lock protects the map only while it is held; it is released when the getter returns, and the
caller then uses the very map the writers change under the lock: "concurrent map iteration and
map write" / "concurrent map read and map write", fatal runtime errors. The evidence is the code's
own: all the field's writes hold the mutex (GD403's discipline), the getter takes it too (so it
expects other goroutines), and the use holds none of its mutexes. Reported at the return, with the
uses as related locations. Callers in `_test.go` files are not counted.
"""

from __future__ import annotations

from golint_delete.api import Ctx, Rule, Severity, every

_VERB = {"range": "ranges over", "read": "reads", "write": "writes", "delete": "deletes from"}


def check(ctx: Ctx, caps: dict) -> None:
    if ctx.file.path.endswith("_test.go"):
        return
    func = caps["func"][0]
    for escaped in ctx.model.escaped_maps(func, ctx.file):
        uses = ctx.model.uses_of_escaped(func, escaped)
        if not uses:
            continue
        first, *rest = uses
        where = f"{first.file.path.rsplit('/', 1)[-1]}:{ctx.line_in(first.file, first.node.start_byte)}"
        lock = f"{ctx.text(escaped.result.child_by_field_name('operand'))}.{escaped.guard.mutex.decode()}"
        more = f" (and {len(rest)} more use{'s' if len(rest) > 1 else ''})" if rest else ""
        ctx.report(ctx.node_range(escaped.result),
                   f"returns {ctx.text(escaped.result)} while holding {lock}, which "
                   f"{every(escaped.guard.writes, 'write')} to it hold; the lock ends with the call, and "
                   f"{ctx.model.function_label(first.caller)} {_VERB[first.kind]} the map at {where} "
                   f"without it{more}, beside those writers (a fatal runtime error): return a copy "
                   f"(maps.Clone) or do the work under the lock",
                   related=tuple(ctx.related_in(u.file, u.node.start_byte,
                                                f"{_VERB[u.kind]} the returned map without {lock}")
                                 for u in uses))


RULE = Rule("GD407", "map-escapes-lock", Severity.WARNING,
            query="[(function_declaration) (method_declaration)] @func", check=check)
