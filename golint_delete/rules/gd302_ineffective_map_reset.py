"""GD302 ineffective-map-reset: `m = make(...)`, `m = map[K]V{}` or `m = nil` on a map parameter,
or on a map field of a value receiver, when the new value never leaves the function.

A map parameter is a copy of the caller's map reference, and a value receiver a copy of the
caller's struct: assigning to either changes nothing the caller sees. Reads and writes through the
new map stay local too, so only a use that hands it on (return, call argument, assignment,
closure, send, method call) makes the reset meaningful.
"""

from __future__ import annotations

from golint_delete.api import (
    Ctx,
    Pointer,
    Rule,
    Severity,
    Struct,
    enclosing_function,
    is_map,
    named_non_comment_children,
    unparen,
)


def _new_map(ctx: Ctx, value) -> str | None:
    v = unparen(value)
    if v.type == "nil":
        return "nil"
    if v.type == "composite_literal" and is_map(ctx.model.type_of_node(v.child_by_field_name("type"), ctx.file)):
        return "a new map"
    if v.type == "call_expression" and ctx.model.is_builtin(unparen(v.child_by_field_name("function")), b"make", ctx.file):
        return "a new map"
    if v.type == "call_expression" and is_map(ctx.model.type_of(v, ctx.file)) and ctx.model.is_made(v, ctx.file):
        return "a loaded map"  # `m = newIndex()`: a constructor's fresh map
    return None


def check(ctx: Ctx, caps: dict) -> None:
    stmt = caps["assign"][0]
    op = stmt.child_by_field_name("operator")
    if op is not None and op.text != b"=":
        return
    left = named_non_comment_children(stmt.child_by_field_name("left"))
    right = named_non_comment_children(stmt.child_by_field_name("right"))
    if len(left) != len(right):
        return
    # One match per value that can be a new map (the query's alternatives): one pair each.
    value = caps["value"][0]
    target = unparen(left[right.index(value)])
    # What can be reset here: a parameter or receiver, or a field of a value receiver or of a range
    # copy; a name resolved before any type (most assignments are to locals).
    root = target if target.type == "identifier" else unparen(target.child_by_field_name("operand")) \
        if target.type == "selector_expression" else None
    holder = ctx.object_of(root) if root is not None and root.type == "identifier" else None
    if holder is None or not (holder.kind in ("param", "receiver")
                              or (holder.kind == "var" and holder.spec is not None and holder.spec.type == "range_clause")):
        return
    what = _new_map(ctx, value)
    if what is None:
        return
    func = enclosing_function(stmt)
    if func is None:
        return
    if what == "a loaded map":
        obj = ctx.object_of(target) if target.type == "identifier" else None
        if obj is None or ctx.model.read_after(obj, ctx.file, stmt, func):
            return
    if target.type == "identifier":
        obj = ctx.object_of(target)
        # A receiver of a named map type (`func (s Set) Reset()`) is a map parameter too.
        if obj is None or obj.kind not in ("param", "receiver") \
                or not is_map(ctx.model.type_of_obj(obj, ctx.file)):
            return
        if not ctx.model.hands_on_after(obj, ctx.file, stmt, func):
            m = target.text.decode()
            advice = f"clear({m}) empties the caller's map" if ctx.file.go_version >= (1, 21) \
                else "delete the caller's keys to empty it"
            ctx.report(ctx.node_range(stmt),
                       f"{m} = {ctx.text(value)} changes only this function's copy of the map parameter "
                       f"{m}: the caller's map is unchanged; {advice}, or return the new map")
    elif target.type == "selector_expression":
        operand = unparen(target.child_by_field_name("operand"))
        if operand.type != "identifier":
            return
        obj = ctx.object_of(operand)
        if obj is None or not is_map(ctx.model.type_of(target, ctx.file)):
            return
        clause = ctx.model.range_element_copy(obj, ctx.file)
        if clause is not None:
            if not ctx.model.used_after(obj, ctx.file, stmt, func):
                c, f = operand.text.decode(), ctx.text(target)
                right = clause.child_by_field_name("right")
                coll = ctx.text(right)
                fix = f"store the copy back ({coll}[k] = {c})" if ctx.model.is_map(right, ctx.file) \
                    else f"assign through an index ({coll}[i].{target.child_by_field_name('field').text.decode()} = ...)"
                ctx.report(ctx.node_range(stmt),
                           f"{f} = {ctx.text(value)} sets a field of {c}, the range loop's copy of an element of "
                           f"{coll}: the element is unchanged and the map is lost at the end of the round; "
                           f"{fix} or keep pointers in {coll}")
            return
        if obj.kind != "receiver":
            return
        recv_t = ctx.model.type_of_obj(obj, ctx.file)
        if isinstance(recv_t.underlying(), Pointer) or not isinstance(recv_t.underlying(), Struct):
            return
        if not is_map(ctx.model.type_of(target, ctx.file)):
            return
        if not ctx.model.hands_on_after(obj, ctx.file, stmt, func):
            r, f = operand.text.decode(), ctx.text(target)
            ctx.report(ctx.node_range(stmt),
                       f"{f} = {ctx.text(value)} sets a field of the value receiver {r}, a copy: the "
                       f"caller's value is unchanged and the map is lost on return; use a pointer receiver")


RULE = Rule(
    "GD302", "ineffective-map-reset", Severity.WARNING,
    # Only values _new_map can call a new map: most assignments never reach Python.
    query="(assignment_statement left: (expression_list) right: (expression_list "
          "[(nil) (composite_literal) (call_expression) (parenthesized_expression)] @value)) @assign",
    check=check,
)
