"""GD404 handler-map-write: an HTTP handler writing a package-level map or a map field of its
receiver without a lock. net/http serves each connection on its own goroutine and calls handlers
concurrently, so two requests make two concurrent writers."""

from __future__ import annotations

from golint_delete.api import Ctx, MUTATIONS, Rule, Severity, inside, root_ident, unlocked_concurrent_mutation


def check(ctx: Ctx, caps: dict) -> None:
    found = unlocked_concurrent_mutation(ctx.model, ctx.file, caps)
    if found is None or found.start.kind != "handler":
        return
    node, m, kind, func = found.node, found.map, found.kind, found.func
    root = root_ident(m)
    obj = ctx.object_of(root) if root is not None else None
    if obj is None:
        return
    package_var = ctx.model.shared_key_of_var(obj) is not None and m.type == "identifier"
    receiver_field = obj.kind == "receiver" and m.type == "selector_expression"
    captured = obj.kind == "var" and obj.decl is not None and not inside(obj.decl, func) \
        and m.type in ("identifier", "selector_expression") and not package_var
    if not (package_var or receiver_field or captured):
        return
    what = "writes" if kind == "write" else "deletes from"
    ctx.report(ctx.node_range(node),
               f"{found.start.server} handler {what} shared map {ctx.text(m)} without a lock: the server calls handlers "
               f"concurrently, and concurrent map writes are a fatal runtime error; guard it with a mutex")


RULE = Rule("GD404", "handler-map-write", Severity.WARNING, query=MUTATIONS, check=check)
