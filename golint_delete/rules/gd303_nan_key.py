"""GD303 nan-key: math.NaN() used as a map key in delete or a write.

NaN != NaN, so `delete(m, math.NaN())` removes nothing and `m[math.NaN()] = v` adds an entry that
no lookup or delete can ever reach (only range and clear see it).
"""

from __future__ import annotations

from golint_delete.engine import Ctx
from golint_delete.findings import Severity
from golint_delete.rule import Rule
from golint_delete.syntax import named_non_comment_children, unparen

QUERY = """
(call_expression function: (identifier) @fn (#eq? @fn "delete")) @call
(assignment_statement left: (expression_list (index_expression) @w))
(inc_statement (index_expression) @w)
(dec_statement (index_expression) @w)
"""


def _is_nan_call(ctx: Ctx, expr) -> bool:
    e = unparen(expr)
    if e.type != "call_expression":
        return False
    fn = unparen(e.child_by_field_name("function"))
    if fn.type != "selector_expression":
        return False
    pkg, name = fn.child_by_field_name("operand"), fn.child_by_field_name("field")
    if pkg is None or name is None or name.text != b"NaN" or pkg.type != "identifier":
        return False
    obj = ctx.object_of(pkg)
    return obj is not None and obj.kind == "import" and ctx.file.import_path(obj) == b"math"


def is_nan(ctx: Ctx, expr) -> bool:
    """math.NaN() itself, or a local whose only value is math.NaN()."""
    if _is_nan_call(ctx, expr):
        return True
    e = unparen(expr)
    if e.type != "identifier":
        return False
    obj = ctx.object_of(e)
    if obj is None or obj.kind != "var" or obj.spec is None:
        return False
    spec = obj.spec
    if spec.type == "short_var_declaration":
        idents = named_non_comment_children(spec.child_by_field_name("left"))
        values = spec.child_by_field_name("right")
    elif spec.type == "var_spec":
        idents = [c for i, c in enumerate(spec.children) if spec.field_name_for_child(i) == "name"]
        values = spec.child_by_field_name("value")
    else:
        return False
    vals = named_non_comment_children(values) if values is not None else []
    if len(idents) != len(vals) or obj.decl not in idents:
        return False
    if not _is_nan_call(ctx, vals[idents.index(obj.decl)]):
        return False
    func = spec.parent
    while func is not None and func.type not in ("function_declaration", "method_declaration", "func_literal"):
        func = func.parent
    return func is not None and not ctx.model.assignments_to(func, obj, ctx.file)


def check(ctx: Ctx, caps: dict) -> None:
    if "call" in caps:
        call = caps["call"][0]
        if not ctx.model.builtin_call(call, b"delete", ctx.file):
            return
        args = named_non_comment_children(call.child_by_field_name("arguments"))
        if len(args) == 2 and is_nan(ctx, args[1]):
            ctx.report(ctx.node_range(call),
                       f"delete({ctx.text(args[0])}, NaN) never removes anything: NaN != NaN, so no key "
                       f"matches; use clear({ctx.text(args[0])}) or delete the keys range yields")
        return
    write = caps["w"][0]
    key = write.child_by_field_name("index")
    if key is not None and is_nan(ctx, key) and ctx.model.is_map(write.child_by_field_name("operand"), ctx.file):
        ctx.report(ctx.node_range(write),
                   "a NaN key adds an entry that no lookup or delete can reach (NaN != NaN); "
                   "only range and clear see it")


RULE = Rule("GD303", "nan-key", Severity.ERROR, query=QUERY, check=check)
