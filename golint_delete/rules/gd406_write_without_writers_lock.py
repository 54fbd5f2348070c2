"""GD406 write-without-writers-lock: a write to a map field that the package's other writes all
(or nearly all) make under one mutex of the same value, made holding no mutex of that value.

The lock discipline is the evidence (go vet's copylocks and the guarded-by analyses of Java
checkers work the same way): at least three writes of the field hold `mu`, and three in four of
the writes whose locks are known. A write that holds nothing there races with those writers,
"fatal error: concurrent map writes". Locks every caller holds, or that the method's name or doc
says are held, count. Not reported: _test.go files, a value the function has just built (no other
goroutine has it yet), writes in function literals (a callback runs under whatever lock its caller
takes; a `go func` literal is GD401's, which has the spawner's uses as evidence), init functions,
and functions that lock only when a parameter asks (`if doLock { s.Lock() }`).
"""

from __future__ import annotations

from golint_delete.api import MUTATIONS, Ctx, Rule, Severity, enclosing_function, mutated_map


def check(ctx: Ctx, caps: dict) -> None:
    if ctx.file.path.endswith("_test.go"):
        return
    found = mutated_map(ctx.model, ctx.file, caps)
    if found is None or found.map.type != "selector_expression":
        return
    key = ctx.model.shared_key(found.map, ctx.file)
    if key is None or key.owner is None:
        return
    disc = ctx.model.write_discipline(key)
    if disc is None or not any(node == found.node for node, _ in disc.unguarded):
        return
    operand = found.map.child_by_field_name("operand")
    func = enclosing_function(found.node)
    if func is None:
        return
    if func.type == "func_literal":
        # A callback runs under whatever lock its caller takes; a goroutine's literal is GD401's,
        # which has the stronger evidence (the spawner's own uses).
        return
    if func.child_by_field_name("name").text == b"init":
        return
    owner = ctx.text(operand)
    lock = f"{owner}.{disc.guard.mutex.decode()}"
    what = "writes" if found.kind == "write" else "deletes from"
    ctx.report(ctx.node_range(found.node),
               f"{what} {ctx.text(found.map)} without {lock}, which {disc.guard.writes} of its "
               f"{disc.total} writes hold: a write beside those is a concurrent map write (a fatal "
               f"runtime error); take {lock}.Lock around it")


RULE = Rule("GD406", "write-without-writers-lock", Severity.WARNING, query=MUTATIONS, check=check)
