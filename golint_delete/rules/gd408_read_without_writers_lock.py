"""GD408 read-without-writers-lock: a goroutine or handler reads a map field, holding no mutex of
its value, while every write of the field holds one.

"concurrent map read and map write" is a fatal runtime error. The evidence is twofold: the
field's writes all hold one mutex (GD403's discipline, from two writes or more), so the authors
share it between goroutines; and the read is in a function that runs on a goroutine of its own
(`go s.loop()`, `go func() {...}()`, `time.AfterFunc`, an errgroup or WaitGroup `Go`) or serves
HTTP requests, so it runs beside those writers. Locks every caller holds, or that the method's
name or doc says are held, count; _test.go files are not reported.
"""

from __future__ import annotations

from golint_delete.api import Ctx, Rule, Severity, enclosing_function, every, map_use, take_lock, unparen

_HOW = {"go": "a goroutine", "go-func": "a goroutine", "afterfunc": "a time.AfterFunc callback"}


def check(ctx: Ctx, caps: dict) -> None:
    if ctx.file.path.endswith("_test.go"):
        return
    m = unparen(caps["map"][0])
    found = ctx.model.field_guard(m, ctx.file) if map_use(m) == "read" else None
    if found is None:
        return
    key, guard = found.key, found.guard
    func = enclosing_function(m)
    operand = m.child_by_field_name("operand")
    started = ctx.model.runs_started(func, ctx.file, guard.mutexes, operand) if func is not None else None
    if started is None:
        return
    start, chain = started
    if ctx.model.writes_ordered_by_spawner(start, key):
        return  # written before the fan-out, read after it, joined before the next round
    held = ctx.model.locks_at(m, ctx.file)
    if held is None or guard.mutexes & held.mutex_fields_of(ctx.model.path(operand, ctx.file)):
        return
    if ctx.model.writes_finished_before(key, m, ctx.file):
        return  # the writers were joined, or their callers returned, before this runs
    lock = f"{ctx.text(operand)}.{guard.mutex.decode()}"
    where = ""
    if start.site is not None and start.spawner is not None:
        where = f" started in {ctx.model.function_label(start.spawner)} at line {ctx.line_in(ctx.model.file_of(start.site, ctx.file), start.site.start_byte)}"
    via = f" (through {', '.join(ctx.model.function_label(s.caller) for s in chain)})" if chain else ""
    ctx.report(ctx.node_range(m.parent),
               f"reads {ctx.text(m)} in {_HOW.get(start.kind) or f'an {start.server} handler'}{where}{via} without {lock}, which "
               f"{every(guard.writes, 'write')} to it hold: a read beside a write is a fatal runtime error "
               f"(concurrent map read and map write); take {take_lock(lock, guard.rw)} around it")


RULE = Rule("GD408", "read-without-writers-lock", Severity.WARNING,
            query="(index_expression operand: (selector_expression) @map)", check=check)
