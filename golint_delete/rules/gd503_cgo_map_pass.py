"""GD503 cgo-map-pass: a Go map handed to C.

A map value is a pointer to a runtime structure full of Go pointers. The cgo pointer-passing rules
forbid passing C a Go pointer to memory that holds Go pointers, and forbid C keeping Go pointers at
all: cgocheck panics at the call, or the garbage collector later frees or moves what C holds.
Reported: a map, *map or unsafe.Pointer(&m) as an argument of a C function, stored into a C-typed
value, or a map in an `//export` function's signature.
"""

from __future__ import annotations

from golint_delete.api import (
    CType,
    Ctx,
    Pointer,
    Rule,
    Severity,
    deref,
    is_map,
    map_address,
    named_non_comment_children,
    unparen,
    unsafe_pointer_arg,
)

import re


QUERY = """
(call_expression function: (selector_expression operand: (identifier) @pkg (#eq? @pkg "C")) arguments: (argument_list) @args) @call
(assignment_statement left: (expression_list) right: (expression_list)) @assign
(function_declaration) @func
"""
_EXPORT = re.compile(rb"^//export\s+\S+")


def _imports_c(ctx: Ctx) -> bool:
    return any(ctx.file.import_path(obj) == b"C" for obj in ctx.file.imports().values())


def _go_map(ctx: Ctx, expr) -> str | None:
    """How `expr` hands over a Go map, or None."""
    e = unparen(expr)
    t = ctx.model.type_of(e, ctx.file)
    if is_map(t):
        return "a Go map"
    if isinstance(t.underlying(), Pointer) and is_map(t.underlying().elem):
        return "a pointer to a Go map"
    if map_address(ctx.model, ctx.file, e) is not None:
        return "unsafe.Pointer to a Go map"
    inner = unsafe_pointer_arg(ctx.model, ctx.file, e)
    if inner is not None:
        it = ctx.model.type_of(inner, ctx.file).underlying()
        if isinstance(it, Pointer) and is_map(it.elem):
            return "unsafe.Pointer to a Go map"
    if e.type == "unary_expression" and e.child(0).type == "&" and \
            ctx.model.is_map(e.child_by_field_name("operand"), ctx.file):
        return "a pointer to a Go map"
    return None


def _c_memory(ctx: Ctx, target) -> bool:
    t = unparen(target)
    while t.type in ("selector_expression", "index_expression"):
        operand = t.child_by_field_name("operand")
        if isinstance(deref(ctx.model.type_of(operand, ctx.file)), CType):
            return True
        t = unparen(operand)
    if t.type == "unary_expression" and t.child(0).type == "*":
        return isinstance(deref(ctx.model.type_of(t.child_by_field_name("operand"), ctx.file)), CType)
    return False


def check(ctx: Ctx, caps: dict) -> None:
    if not _imports_c(ctx):
        return
    if "call" in caps:
        obj = ctx.object_of(caps["pkg"][0])
        if obj is None or ctx.file.import_path(obj) != b"C":
            return
        fn = caps["call"][0].child_by_field_name("function").child_by_field_name("field").text.decode()
        for arg in named_non_comment_children(caps["args"][0]):
            what = _go_map(ctx, arg)
            if what is not None:
                ctx.report(ctx.node_range(arg),
                           f"cgo: passes {what} to C.{fn}: a map is a Go pointer to memory full of Go "
                           f"pointers, which the cgo pointer rules forbid passing to C (cgocheck panics); "
                           f"copy the entries into C memory instead")
        return
    if "assign" in caps:
        stmt = caps["assign"][0]
        left = named_non_comment_children(stmt.child_by_field_name("left"))
        right = named_non_comment_children(stmt.child_by_field_name("right"))
        for target, value in zip(left, right):
            what = _go_map(ctx, value)
            if what is not None and _c_memory(ctx, target):
                ctx.report(ctx.node_range(stmt),
                           f"cgo: stores {what} in C memory ({ctx.text(target)}): C may not keep Go pointers, "
                           f"and the garbage collector does not see this one")
        return
    func = caps["func"][0]
    prev = func.prev_named_sibling
    if prev is None or prev.type != "comment" or not _EXPORT.match(prev.text):
        return
    sig = []
    for field in ("parameters", "result"):
        plist = func.child_by_field_name(field)
        if plist is None:
            continue
        decls = plist.named_children if plist.type == "parameter_list" else [plist]
        for decl in decls:
            tnode = decl.child_by_field_name("type") if decl.type.endswith("parameter_declaration") else decl
            if tnode is not None and is_map(ctx.model.type_of_node(tnode, ctx.file)):
                sig.append(tnode.text.decode())
    if sig:
        name = func.child_by_field_name("name")
        ctx.report(ctx.node_range(name),
                   f"cgo: //export function {ctx.text(name)} has a map in its signature ({', '.join(sig)}): C "
                   f"callers would hold Go pointers the cgo rules forbid them to keep")


# Only a file with `import "C"` is cgo.
RULE = Rule("GD503", "cgo-map-pass", Severity.ERROR, query=QUERY, check=check, trigger=b'"C"')
