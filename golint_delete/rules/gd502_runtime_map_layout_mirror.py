"""GD502 runtime-map-layout-mirror: a struct that copies the runtime's map layout, or a map value
reinterpreted through unsafe.Pointer.

Matched by field names and types (model/layouts.py), never by the type's name: a `hmap` with
unrelated fields is fine and an `mapHeader` with hmap's fields is not. Go 1.24 replaced the hmap
layout with Swiss tables, so such mirrors read garbage; Swiss-table mirrors break on the next change.
"""

from __future__ import annotations

from golint_delete.engine import Ctx
from golint_delete.findings import Severity
from golint_delete.model import layouts
from golint_delete.rule import Rule
from golint_delete.rules.gd501_linkname_runtime_map import owns
from golint_delete.syntax import named_non_comment_children, unparen

QUERY = """
(type_spec name: (type_identifier) @name type: (struct_type) @struct) @spec
(call_expression function: (parenthesized_expression (unary_expression)) arguments: (argument_list) @args) @conv
"""


def _fields(ctx: Ctx, struct) -> list[tuple[str, str]]:
    """(name, type as written) of the struct's named fields, in order."""
    t = ctx.model.types.from_type_node(struct, ctx.file)
    return [(f.name.decode(), f.type_node.text.decode() if f.type_node is not None else "")
            for f in getattr(t, "fields", ()) if not f.embedded]


def unsafe_pointer_arg(ctx: Ctx, node):
    """`unsafe.Pointer(x)`: returns x."""
    node = unparen(node)
    if node.type != "call_expression":
        return None
    fn = unparen(node.child_by_field_name("function"))
    if fn.type != "selector_expression" or fn.child_by_field_name("field").text != b"Pointer":
        return None
    pkg = fn.child_by_field_name("operand")
    obj = ctx.object_of(pkg) if pkg.type == "identifier" else None
    if obj is None or obj.kind != "import" or ctx.file.import_path(obj) != b"unsafe":
        return None
    args = named_non_comment_children(node.child_by_field_name("arguments"))
    return args[0] if len(args) == 1 else None


def map_address(ctx: Ctx, node):
    """`unsafe.Pointer(&m)` with m a map: returns m."""
    inner = unsafe_pointer_arg(ctx, node)
    if inner is None:
        return None
    inner = unparen(inner)
    if inner.type != "unary_expression" or inner.child(0).type != "&":
        return None
    m = inner.child_by_field_name("operand")
    return m if m is not None and ctx.model.is_map(m, ctx.file) else None


def check(ctx: Ctx, caps: dict) -> None:
    if owns(ctx):
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
            what = found[0]
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
    m = map_address(ctx, args[0])
    if m is None:
        return
    target = unparen(conv.child_by_field_name("function"))
    ctx.report(ctx.node_range(conv),
               f"reinterprets the map {ctx.text(m)} through unsafe.Pointer as {ctx.text(target)}: a map "
               f"variable holds a pointer to the runtime's private map structure, whose layout changes "
               f"between releases (Swiss tables since Go 1.24); use reflect or plain map operations")


RULE = Rule("GD502", "runtime-map-layout-mirror", Severity.ERROR, query=QUERY, check=check)
