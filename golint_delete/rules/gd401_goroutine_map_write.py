"""GD401 goroutine-map-write: a map write or delete on another goroutine, without a lock, on a map
the spawning code or other goroutines also use.

"fatal error: concurrent map writes" is not a panic: it kills the process. Shared means: a captured
variable the spawner uses after the `go` statement before joining (wg.Wait(), a receive), or that
many instances of a `go` in a loop write at once; or a package-level map or a struct's map field
that other code of the package also uses. A map made inside the goroutine, or made per loop
iteration, is its own.
"""

from __future__ import annotations

from golint_delete.api import (
    MUTATIONS,
    Ctx,
    Rule,
    Severity,
    enclosing_function,
    inside,
    joined_before_use,
    root_ident,
    unlocked_concurrent_mutation,
    unparen,
)


_IN_A_LOOP = "the goroutine is started in a loop, so several write it at once"


def shared_reason(ctx: Ctx, start, m, root_obj) -> tuple[str, list] | None:
    """Why the map is shared, and the other functions that use it (the evidence)."""
    decl = root_obj.decl
    own_map_param = root_obj.kind == "param" and unparen(m).type == "identifier"
    if (root_obj.kind == "var" or own_map_param) and decl is not None and start.spawner is not None \
            and inside(decl, start.spawner) and not inside(decl, start.func):
        # A variable of the spawning function, or the map it was passed, captured.
        if start.in_loop is not None and not inside(decl, start.in_loop):
            return _IN_A_LOOP, []
        if start.site is not None and ctx.model.accesses_after(ctx.file, start.site, root_obj, start.spawner):
            return "the spawning function uses it after the go statement without waiting", []
        if root_obj.kind == "param" and start.spawner.type != "func_literal" \
                and not joined_before_use(ctx.model, ctx.file, start, m):
            # The caller's map: the goroutine may still write it after the spawner returns.
            users = list(dict.fromkeys(s.caller for s in ctx.model.callers_using_after(
                start.spawner, ctx.file, root_obj)))
            if users:
                return (f"{ctx.model.function_label(start.spawner)} returns without waiting for it, "
                        f"and {ctx.model.function_label(users[0])} uses the map it passed after the call"), users[:3]
        return None
    if root_obj.kind == "var" and decl is not None and inside(decl, start.func):
        return None  # made inside the goroutine
    if joined_before_use(ctx.model, ctx.file, start, m):
        return None  # the spawner waits for it before it uses the map or returns
    others = list(dict.fromkeys(f for f in ctx.model.accessors(m, ctx.file)
                                if f != start.func and not inside(f, start.func)))
    if others:
        names = [ctx.model.function_label(f) for f in others[:2]]
        rest = len(others) - len(names)
        who = f"{', '.join(names)} and {rest} other function{'s' if rest > 1 else ''}" if rest else " and ".join(names)
        verb = "uses" if len(others) == 1 else "use"
        return f"{who} also {verb} it", others[:3]
    if start.in_loop is not None:
        return _IN_A_LOOP, []
    return None


def check(ctx: Ctx, caps: dict) -> None:
    if "go" in caps:
        return _call_writes(ctx, caps["go"][0])
    found = unlocked_concurrent_mutation(ctx.model, ctx.file, caps)
    if found is None or found.start.kind == "handler":
        return  # handlers are GD404's
    node, m, kind, func, start = found.node, found.map, found.kind, found.func, found.start
    root = root_ident(m)
    obj = ctx.object_of(root) if root is not None else None
    if obj is None or obj.kind not in ("var", "receiver", "param"):
        return
    if obj.kind == "param" and obj.decl is not None and inside(obj.decl, func):
        return  # the goroutine's own parameter: the caller's business
    shared = shared_reason(ctx, start, m, obj)
    if shared is None:
        return
    reason, users = shared
    what = "write to" if kind == "write" else "delete from"
    site = start.site
    here = site is not None and ctx.in_this_file(site)
    where = f" started at line {ctx.line_of(site.start_byte)}" if here else ""
    if start.kind == "afterfunc":
        where = f" (a time.AfterFunc callback{' registered at line ' + str(ctx.line_of(site.start_byte)) if here else ''})"
    related = (ctx.related(site.start_byte, "the goroutine starts here"),) if here else ()
    related += tuple(ctx.related_in(ctx.model.file_of(f, ctx.file), f.start_byte,
                                    f"{ctx.model.function_label(f)} uses {ctx.text(m)}") for f in users)
    ctx.report(ctx.node_range(node),
               f"unsynchronized {what} map {ctx.text(m)} in a goroutine{where}: {reason}; concurrent map "
               f"writes are a fatal runtime error; hold a mutex's Lock around it or give the map one owner",
               related=related)


def _call_writes(ctx: Ctx, go) -> None:
    """A call on the goroutine that writes a map argument through its callee (`w.fill(m)` in a
    `go func`, `go w.fill(m)`), the map being shared the same ways as a write in the body."""
    for cw in ctx.model.goroutine_call_writes(go, ctx.file):
        if cw.start.kind != "go" and cw.start.kind != "go-func":
            continue
        root = root_ident(cw.arg)
        obj = ctx.object_of(root) if root is not None else None
        if obj is None or obj.kind not in ("var", "receiver", "param"):
            continue
        if obj.kind == "param" and obj.decl is not None and inside(obj.decl, cw.start.func):
            continue  # the goroutine's own parameter: the caller's business
        shared = shared_reason(ctx, cw.start, cw.arg, obj)
        if shared is None:
            continue
        reason, users = shared
        callee = ctx.model.callee(cw.call, ctx.file)
        wfile = ctx.model.file_of(cw.write.node, ctx.file)
        line = ctx.line_in(wfile, cw.write.node.start_byte)
        what = "writes" if cw.write.kind == "write" else "deletes from"
        writer = enclosing_function(cw.write.node)
        via = f" through {ctx.model.function_label(writer)}" if writer is not None and writer != callee.decl else ""
        site = cw.start.site
        related = (ctx.related_in(wfile, cw.write.node.start_byte,
                                  f"{ctx.model.function_label(writer or callee.decl)} {what} it here"),)
        related += tuple(ctx.related_in(ctx.model.file_of(f, ctx.file), f.start_byte,
                                        f"{ctx.model.function_label(f)} uses {ctx.text(cw.arg)}") for f in users)
        ctx.report(ctx.node_range(cw.call),
                   f"unsynchronized write to map {ctx.text(cw.arg)} in a goroutine started at line "
                   f"{ctx.line_of(site.start_byte)}: {ctx.model.function_label(callee.decl)} {what} it{via} "
                   f"(line {line}: {wfile.source[cw.write.node.start_byte:cw.write.node.end_byte].decode(errors='replace')}) "
                   f"with no lock; {reason}; concurrent map writes are a fatal runtime error; hold a "
                   f"mutex's Lock around the call or give the map one owner",
                   related=related)


RULE = Rule("GD401", "goroutine-map-write", Severity.ERROR, query=MUTATIONS + "\n(go_statement) @go\n",
            check=check)
