"""GD502 runtime-map-layout-mirror: a struct that copies the runtime's map layout, or a map value
reinterpreted through unsafe.Pointer.

Matched by field names and types (model/layouts.py), never by the type's name: a `hmap` with
unrelated fields is fine and an `mapHeader` with hmap's fields is not. Go 1.24 replaced the hmap
layout with Swiss tables, so such mirrors read garbage; Swiss-table mirrors break on the next change.
"""

from __future__ import annotations

from golint_delete.api import (
    Ctx,
    Rule,
    Severity,
    layouts,
    map_address,
    named_non_comment_children,
    owns_runtime_map_symbols,
    unparen,
)


QUERY = """
(type_spec name: (type_identifier) @name type: (struct_type) @struct) @spec
(call_expression function: (parenthesized_expression (unary_expression)) arguments: (argument_list) @args) @conv
"""


def _fields(ctx: Ctx, struct) -> list[tuple[str, str]]:
    """(name, type as written) of the struct's named fields, in order."""
    t = ctx.model.type_of_node(struct, ctx.file)
    return [(f.name.decode(), f.type_node.text.decode() if f.type_node is not None else "")
            for f in getattr(t, "fields", ()) if not f.embedded]


def check(ctx: Ctx, caps: dict) -> None:
    if owns_runtime_map_symbols(ctx.file):
        return  # the runtime's own map code and its tests
    if "spec" in caps:
        fields = _fields(ctx, caps["struct"][0])
        name = caps["name"][0]
        if layouts.is_bmap(fields):
            what = "runtime.bmap (Go 1.23 and earlier)"
        else:
            found = layouts.match(fields)
            if found is None:
                return
            what = found.layout
        ctx.report(ctx.node_range(name),
                   f"struct {ctx.text(name)} mirrors the runtime's {what} layout: the runtime's map internals "
                   f"change between releases (Go 1.24 replaced hmap with Swiss tables), so code reading maps "
                   f"through it reads garbage; use reflect.Value.MapRange, maps.All or plain map operations")
        return
    conv = caps["conv"][0]
    star = unparen(conv.child_by_field_name("function"))
    if star.type != "unary_expression" or star.child(0).type != "*":
        return  # `(*T)(x)` parses as a call of a parenthesised dereference
    args = named_non_comment_children(caps["args"][0])
    if len(args) != 1:
        return
    m = map_address(ctx.model, ctx.file, args[0])
    if m is None:
        return
    target = unparen(conv.child_by_field_name("function"))
    ctx.report(ctx.node_range(conv),
               f"reinterprets the map {ctx.text(m)} through unsafe.Pointer as {ctx.text(target)}: a map "
               f"variable holds a pointer to the runtime's private map structure, whose layout changes "
               f"between releases (Swiss tables since Go 1.24); use reflect or plain map operations")


RULE = Rule("GD502", "runtime-map-layout-mirror", Severity.ERROR, query=QUERY, check=check)
