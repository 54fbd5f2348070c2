"""GD402 write-under-rlock: a map write or delete while the only lock held is a read lock.

RWMutex.RLock admits any number of readers at once, so a write made under it races with every
other reader-writer in the same region: "fatal error: concurrent map writes". Reported directly, and
at a call (made under RLock only) of a same-package function whose body writes a map without taking
a Lock itself.
"""

from __future__ import annotations

from golint_delete.engine import Ctx
from golint_delete.findings import Severity
from golint_delete.model import goroutines
from golint_delete.model.mutations import QUERY, mutated_map
from golint_delete.rule import Rule
from golint_delete.syntax import unparen

# Calls are checked from the functions that take a read lock, not one by one: most calls are in
# functions that never do.
CALLS = QUERY + '\n(call_expression function: (selector_expression field: (field_identifier) @rl (#eq? @rl "RLock"))) @rlock\n'


def _read_only(held) -> str | None:
    if not held or any(kind == "W" for _, kind in held):
        return None
    key = sorted(held, key=repr)[0][0]
    return _name(key)


def _name(key) -> str:
    if isinstance(key, tuple) and key and key[0] == "id":
        return key[1].name.decode()
    if isinstance(key, tuple) and key and key[0] == "sel":
        return f"{_name(key[1])}.{key[2].decode()}"
    return "the mutex"


def _callee(ctx: Ctx, call):
    fn = unparen(call.child_by_field_name("function"))
    name = fn if fn.type == "identifier" else fn.child_by_field_name("field") if fn.type == "selector_expression" else None
    if name is None:
        return None
    if fn.type == "identifier":
        obj = ctx.object_of(fn)
        return obj.spec if obj is not None and obj.kind == "func" else None
    from golint_delete.model.types import Named, deref

    holder = deref(ctx.model.type_of(fn.child_by_field_name("operand"), ctx.file))
    if isinstance(holder, Named) and holder.spec is not None:
        return ctx.model.methods().get((holder.name, name.text))
    return None


def _unlocked_write(ctx: Ctx, func) -> bool:
    """Whether `func` writes or deletes a map of its receiver or a package var without a Lock."""
    from golint_delete.model.mutations import root_ident

    f = ctx.model.types.file_of(func, ctx.file)
    locks = ctx.model.locks(func, f)
    if locks.takes_lock:
        return False
    for _, caps in f.index.matches(QUERY, within=func):
        found = mutated_map(ctx.model, f, caps)
        if found is None or goroutines.enclosing_function(found[0]) != func:
            continue
        root = root_ident(found[1])
        obj = ctx.model.object_of(root, f) if root is not None else None
        if obj is not None and (obj.kind == "receiver" or ctx.model.access_key(found[1], f) is not None):
            return True
    return False


def _guarded_by_lock(ctx: Ctx, m, held) -> bool:
    """Whether the map belongs with the read-locked mutex: a field of the same value (`c.hits` with
    `c.mu`, or `s.byRoute` with an embedded `s.RWMutex`), or package-level like the mutex. A map of
    another value (a fresh copy, a local) is not what the lock guards."""
    from golint_delete.model.package import _is_package_level as is_package_level

    holder = None
    if m.type == "selector_expression":
        holder = ctx.model.path_key(m.child_by_field_name("operand"), ctx.file)
    package_map = ctx.model.access_key(m, ctx.file) is not None and m.type == "identifier"
    for key, _kind in held:
        if isinstance(key, tuple) and key[0] == "sel" and holder is not None and key[1] == holder:
            return True
        if isinstance(key, tuple) and key[0] == "id" and package_map and key[1].spec is not None \
                and is_package_level(key[1].spec):
            return True
    return False


def _calls_in(func):
    """Calls in the function's own body (not in nested function literals), in order."""
    from golint_delete.model.nilness import _walk_outside_closures

    body = func.child_by_field_name("body")
    return [n for n in (_walk_outside_closures(body) if body is not None else ()) if n.type == "call_expression"]


def _check_call(ctx: Ctx, call) -> None:
    mutex = _read_only(ctx.model.locks_at(call, ctx.file))
    if mutex is None:
        return
    callee = _callee(ctx, call)
    if callee is None or callee.type not in ("function_declaration", "method_declaration") \
            or not _unlocked_write(ctx, callee):
        return
    name = callee.child_by_field_name("name").text.decode()
    ctx.report(ctx.node_range(call),
               f"calls {name}, which writes a map without a Lock, while only {mutex}.RLock is held: readers "
               f"run concurrently, so this is a concurrent map write; take {mutex}.Lock instead")


def check(ctx: Ctx, caps: dict) -> None:
    if "rlock" in caps:
        func = goroutines.enclosing_function(caps["rlock"][0])
        done = ctx.model.__dict__.setdefault("_gd402_funcs", set())
        if func is None or func in done:
            return
        done.add(func)
        for call in _calls_in(func):
            _check_call(ctx, call)
        return
    found = mutated_map(ctx.model, ctx.file, caps)
    if found is None:
        return
    node, m, kind = found
    held = ctx.model.locks_at(node, ctx.file)
    mutex = _read_only(held)
    if mutex is None or not _guarded_by_lock(ctx, m, held):
        return
    what = "writes" if kind == "write" else "deletes from"
    ctx.report(ctx.node_range(node),
               f"{what} map {ctx.text(m)} while only {mutex}.RLock is held: readers run concurrently, so this "
               f"is a concurrent map write (a fatal runtime error); take {mutex}.Lock instead")


RULE = Rule("GD402", "write-under-rlock", Severity.ERROR, query=CALLS, check=check,
            trigger=b"RLock")  # read locks come only from `.RLock()` calls in the function itself
