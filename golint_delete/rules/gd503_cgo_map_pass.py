"""GD503 cgo-map-pass: a Go map handed to C.

A map value is a pointer to a runtime structure full of Go pointers. The cgo pointer-passing rules
forbid passing C a Go pointer to memory that holds Go pointers, and forbid C keeping Go pointers at
all: cgocheck panics at the call, or the garbage collector later frees or moves what C holds.
Reported: a map, *map or unsafe.Pointer(&m) as an argument of a C function, stored into a C-typed
value, or a map in an `//export` function's signature.
"""

from __future__ import annotations

from golint_delete.api import Ctx, Rule, Severity, cgo, named_non_comment_children


QUERY = """
(call_expression function: (selector_expression operand: (identifier) @pkg (#eq? @pkg "C")) arguments: (argument_list) @args) @call
(assignment_statement left: (expression_list) right: (expression_list)) @assign
(function_declaration) @func
"""


def check(ctx: Ctx, caps: dict) -> None:
    if not cgo.imports_c(ctx.file):
        return
    if "call" in caps:
        if not cgo.is_c_package(ctx.model, caps["pkg"][0], ctx.file):
            return
        fn = caps["call"][0].child_by_field_name("function").child_by_field_name("field").text.decode()
        for arg in named_non_comment_children(caps["args"][0]):
            what = cgo.go_map_handed(ctx.model, arg, ctx.file)
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
            what = cgo.go_map_handed(ctx.model, value, ctx.file)
            if what is not None and cgo.is_c_memory(ctx.model, target, ctx.file):
                ctx.report(ctx.node_range(stmt),
                           f"cgo: stores {what} in C memory ({ctx.text(target)}): C may not keep Go pointers, "
                           f"and the garbage collector does not see this one")
        return
    func = caps["func"][0]
    sig = [t.text.decode() for t in cgo.exported_map_types(ctx.model, func, ctx.file)]
    if sig:
        name = func.child_by_field_name("name")
        ctx.report(ctx.node_range(name),
                   f"cgo: //export function {ctx.text(name)} has a map in its signature ({', '.join(sig)}): C "
                   f"callers would hold Go pointers the cgo rules forbid them to keep")


# Only a file with `import "C"` is cgo.
RULE = Rule("GD503", "cgo-map-pass", Severity.ERROR, query=QUERY, check=check, trigger=b'"C"')
