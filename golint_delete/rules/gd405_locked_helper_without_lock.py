"""GD405 locked-helper-without-lock: a call of a method whose name or doc comment says its caller
holds the receiver's mutex (`flushLocked`, "s.mu must be held"), made where no mutex of that
receiver is held, when the method writes a map of the receiver.

The helper's author wrote its map writes for callers that hold the lock; a call without it is an
unsynchronized map write, and "fatal error: concurrent map writes" if anything else runs beside it.
The type's own mutex is the evidence that its values are shared. Calls in `_test.go` files (a test
pokes a value from its own goroutine) and on a value the caller has just built (not yet shared)
are left out.
"""

from __future__ import annotations

from golint_delete.api import Ctx, Rule, Severity, enclosing_function, start_of, walk


def check(ctx: Ctx, caps: dict) -> None:
    if ctx.file.path.endswith("_test.go"):
        return
    for call in ctx.model.locked_helper_calls(ctx.file):
        _check_call(ctx, call)


def _locks_for_itself(ctx: Ctx, callee) -> bool:
    """The method takes a lock itself: in its body (also in a closure there, `lock := func() {
    if needLock { o.mu.Lock() } }`) or in a method it calls on its receiver (`defer
    l.getMutex()()`). Then "held on entry" cannot be the contract (sync.Mutex is not reentrant)."""
    if b".Lock()" in callee.decl.text or b".RLock()" in callee.decl.text:
        return True
    body = callee.decl.child_by_field_name("body")
    recv = callee.decl.child_by_field_name("receiver")
    names = {n.text for n in walk(recv) if n.type == "identifier"} if recv is not None else set()
    for n in walk(body) if body is not None else ():
        if n.type != "call_expression":
            continue
        fn = n.child_by_field_name("function")
        operand = fn.child_by_field_name("operand") if fn.type == "selector_expression" else None
        if operand is None or operand.type != "identifier" or operand.text not in names:
            continue
        inner = ctx.model.callee(n, callee.file)
        if inner is not None and inner.decl != callee.decl and ctx.model.locks(inner.decl, inner.file).takes_lock:
            return True
    return False


def _guarded_by_receiver(ctx: Ctx, ins) -> bool:
    """A write of a map field of the receiver itself (`q.pending[k]`, not a map of another value
    it points to, which that value's own lock guards), with no lock taken around it."""
    if ins.root != "receiver" or len(ins.steps) != 1:
        return False
    held = ctx.model.locks_at(ins.node, ins.file, from_callers=False)
    return held is not None and not held.write_held()


def _check_call(ctx: Ctx, call) -> None:
    callee = ctx.model.callee(call, ctx.file)
    if callee is None or callee.how != "method" or callee.receiver is None:
        return
    declared = ctx.model.declared_entry_locks(callee.decl, callee.file)
    if not declared:
        return
    if _locks_for_itself(ctx, callee):
        return  # the words are older than the code, or about another lock
    func = enclosing_function(call)
    if func is not None and func.type != "func_literal" and ctx.model.declares_lock_held(func):
        return  # the caller's own contract holds a lock the words do not pin to this receiver
    if func is not None and func.type == "func_literal":
        start = start_of(ctx.model, ctx.file, func)
        if start is None or start.kind != "go":
            return  # a callback: whose lock it runs under is its caller's business
    writes = [i for i in ctx.model.call_inserts(call, ctx.file) if _guarded_by_receiver(ctx, i.insert)]
    if not writes:
        return  # the map writes are what the lock is for here
    base = ctx.model.path(callee.receiver, ctx.file)
    if base is None or ctx.model.just_built(callee.receiver, callee.receiver, ctx.file):
        return
    if call.parent.type == "defer_statement":
        return  # runs when the function returns, under whatever is held then
    needed = {base + (field,) for (_recv, field), _kind in declared}
    if call.parent.type != "go_statement":  # a `go` runs it on a goroutine that holds nothing
        held = ctx.model.locks_at(call, ctx.file)
        if held is None:
            return  # not reached, or a callback whose locks are its caller's business
        if any(path in needed for path, _kind in held):
            return
    name = ctx.model.function_label(callee.decl)
    mutexes = " or ".join(sorted(ctx.model.path_text(p) for p in needed))
    first = writes[0].insert
    src = first.file
    where = f"line {ctx.line_of(first.node.start_byte)}" if src.path == ctx.file.path \
        else f"{src.path}:{ctx.line_in(src, first.node.start_byte)}"
    written = src.source[first.node.start_byte:first.node.end_byte].decode(errors="replace")
    ctx.report(ctx.node_range(call),
               f"{name} expects its caller to hold {mutexes} (its name or doc comment says so) but it is "
               f"not held here, and {name} writes a map of its receiver ({where}: {written}); concurrent "
               f"map writes are a fatal runtime error; take the lock around the call",
               related=(ctx.related_in(src, first.node.start_byte, f"{name} writes the map here"),))


RULE = Rule(
    "GD405", "locked-helper-without-lock", Severity.WARNING,
    query="(source_file) @file",  # once per file: the calls come from locked_helper_calls
    check=check,
)
