"""GD402 write-under-rlock: a map write or delete while the only lock held is a read lock.

RWMutex.RLock admits any number of readers at once, so a write made under it races with every
other reader-writer in the same region: "fatal error: concurrent map writes". Reported directly, and
at a call (made under RLock only) of a same-package function that, by its summary, writes a map its
callers can see without taking a Lock (a Clone that fills maps it made itself writes none).
"""

from __future__ import annotations

from golint_delete.api import (
    Ctx,
    MUTATIONS,
    Rule,
    Severity,
    enclosing_function,
    mutated_map,
    walk_outside_closures,
)


# Calls are checked from the functions that take a read lock, not one by one: most calls are in
# functions that never do.
CALLS = MUTATIONS + '\n(call_expression function: (selector_expression field: (field_identifier) @rl (#eq? @rl "RLock"))) @rlock\n'


def _guarded_by_lock(ctx: Ctx, m, held) -> bool:
    """Whether the map belongs with the read-locked mutex: a field of the same value (`c.hits` with
    `c.mu`, or `s.byRoute` with an embedded `s.RWMutex`), or package-level like the mutex. A map of
    another value (a fresh copy, a local) is not what the lock guards."""
    if m.type == "selector_expression" and held.mutex_fields_of(ctx.model.path(m.child_by_field_name("operand"), ctx.file)):
        return True
    key = ctx.model.shared_key(m, ctx.file)
    return m.type == "identifier" and key is not None and key.owner is None and any(
        len(path) == 1 and ctx.model.shared_key_of_var(path[0]) is not None for path, _ in held)


def _mutex_name(mutex) -> bytes:
    return mutex[-1] if isinstance(mutex[-1], bytes) else mutex[-1].name


def _racer(ctx: Ctx, write, file, mutex, holder, *funcs) -> str | None:
    """Who else holds the same RLock around the map while this write runs: another function
    that uses the map under it, or (when it can run on several goroutines at once) the holder of
    the RLock itself. None when the holder runs on one goroutine and no one else reads there."""
    key = ctx.model.shared_key(write.map, file)
    origin = ctx.model.goroutine_origin(holder, ctx.file)
    for node, f in ctx.model.read_lock_sharers(key, _mutex_name(mutex), exclude=funcs) if key is not None else ():
        # One on the holder's own goroutine runs before or after the write, never beside it.
        if origin is None or ctx.model.goroutine_origin(enclosing_function(node), f) != origin:
            return f"{_who(ctx, node, f)} uses it under the same RLock at the same time"
    if key is None or origin is None:
        return f"two calls of {ctx.model.function_label(holder)} at once both hold the RLock and write"
    return None


def _check_call(ctx: Ctx, call) -> None:
    held = ctx.model.locks_at(call, ctx.file, from_callers=False)
    mutex = held.read_only() if held is not None else None
    if mutex is None:
        return
    write = ctx.model.call_writes_shared(call, ctx.file)
    if write is None:
        return
    wfile = ctx.model.file_of(write.node, ctx.file)
    holder = enclosing_function(call)
    racer = _racer(ctx, write, wfile, mutex, holder, holder, enclosing_function(write.node))
    if racer is None:
        return
    name = ctx.model.callee(call, ctx.file).decl.child_by_field_name("name").text.decode()
    m = ctx.model.path_text(mutex)
    ctx.report(ctx.node_range(call),
               f"calls {name}, which writes map {ctx.text(write.map)} without a Lock, while only "
               f"{m}.RLock is held: {racer}, so this is a concurrent map write; take {m}.Lock instead",
               related=(ctx.related_in(wfile, write.node.start_byte, "the write"),))


def _who(ctx: Ctx, node, f) -> str:
    where = f"line {ctx.line_of(node.start_byte)}" if f is ctx.file else f"{f.path}:{ctx.line_in(f, node.start_byte)}"
    return f"{ctx.model.function_label(enclosing_function(node))} ({where})"


def check(ctx: Ctx, caps: dict) -> None:
    if "rlock" in caps:
        func = enclosing_function(caps["rlock"][0])
        body = func.child_by_field_name("body") if func is not None else None
        if body is None or not ctx.first_time(func):
            return
        for n in walk_outside_closures(body):
            if n.type == "call_expression":
                _check_call(ctx, n)
        return
    found = mutated_map(ctx.model, ctx.file, caps)
    if found is None:
        return
    # The function's own locks: a write under a caller's RLock is reported at that call.
    held = ctx.model.locks_at(found.node, ctx.file, from_callers=False)
    mutex = held.read_only() if held is not None else None
    if mutex is None or not _guarded_by_lock(ctx, found.map, held):
        return
    holder = enclosing_function(found.node)
    racer = _racer(ctx, found, ctx.file, mutex, holder, holder)
    if racer is None:
        return
    what = "writes" if found.kind == "write" else "deletes from"
    m = ctx.model.path_text(mutex)
    ctx.report(ctx.node_range(found.node),
               f"{what} map {ctx.text(found.map)} while only {m}.RLock is held: {racer}, so this is a "
               f"concurrent map write (a fatal runtime error); take {m}.Lock instead")


RULE = Rule("GD402", "write-under-rlock", Severity.ERROR, query=CALLS, check=check,
            trigger=b"RLock")  # read locks come only from `.RLock()` calls in the function itself
