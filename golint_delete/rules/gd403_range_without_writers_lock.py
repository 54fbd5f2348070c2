"""GD403 range-without-writers-lock: ranging over a map field whose writes elsewhere in the package
all hold one mutex, without holding it.

"concurrent map iteration and map write" is fatal too. The guarding mutex is learnt from the
package: a mutex field of the same struct value held (Lock) at every write or delete of the field,
at two writes or more. Locks held at entry count (the model's entry locks: every caller holds it, or
the method says so by a ...Locked name or a "lock held on entry" doc comment); _test.go files
(tests inspect state after the fact, on one goroutine) are not reported.
"""

from __future__ import annotations

from golint_delete.api import Ctx, Rule, Severity, every, take_lock, unparen


def check(ctx: Ctx, caps: dict) -> None:
    if ctx.file.path.endswith("_test.go"):
        return  # tests inspect state after the fact, on one goroutine
    clause = caps["clause"][0]
    m = unparen(clause.child_by_field_name("right"))
    found = ctx.model.field_guard(m, ctx.file)
    if found is None:
        return
    key, guard = found.key, found.guard
    mutex = guard.mutex
    held = ctx.model.locks_at(clause, ctx.file)  # with those every caller holds or the method declares
    if held is None or guard.mutexes & held.mutex_fields_of(ctx.model.path(m.child_by_field_name("operand"), ctx.file)):
        return  # one of the mutexes every writer holds
    if ctx.model.writes_finished_before(key, clause, ctx.file):
        return  # the writers were joined, or their callers returned, before this runs
    owner = ctx.text(m.child_by_field_name("operand"))
    lock = f"{owner}.{mutex.decode()}"
    ctx.report(ctx.header_range(clause.parent),
               f"range over {ctx.text(m)} without {lock}, which {every(guard.writes, 'write')} to it hold: "
               f"iterating while another goroutine writes is a fatal runtime error; "
               f"take {take_lock(lock, guard.rw)} around the loop")


RULE = Rule("GD403", "range-without-writers-lock", Severity.WARNING,
            query="(for_statement (range_clause) @clause)", check=check)
