"""Methods that write into their receiver's map on every call: `func (h Header) Set(k, v string)
{ h[k] = []string{v} }`. Called on a nil map, each one panics like `m[k] = v`, so a call of one
is a write of the receiver. Shared by the model (the package's own named map types) and by
scripts/gen_std_map_writers.py (the standard library's table), so both mean the same thing."""

from __future__ import annotations

from tree_sitter import Node

from golint_delete.syntax import named_non_comment_children, statements, unparen, walk

_NESTED = ("if_statement", "for_statement", "expression_switch_statement", "type_switch_statement",
           "select_statement", "block", "labeled_statement")


def is_receiver(expr: Node | None, rname: bytes) -> bool:
    e = unparen(expr) if expr is not None else None
    return e is not None and e.type == "identifier" and e.text == rname


def _is_deref(expr: Node | None, rname: bytes) -> bool:
    e = unparen(expr) if expr is not None else None
    return e is not None and e.type == "unary_expression" and e.child(0) is not None and e.child(0).type == "*" \
        and is_receiver(e.child_by_field_name("operand"), rname)


def writes_receiver_on_every_call(body: Node | None, rname: bytes, writer_call, deref: bool = False) -> bool:
    """Whether a top-level statement of the body that every call reaches (no return, goto or
    reassignment of the receiver before it) writes into the receiver: `r[k] = v`, `r[k] op= v`,
    `r[k]++`, or a call `writer_call(call)` says writes it. A write under an `if` or in a loop
    may never run on a nil map (go/ast's CommentMap.Update writes only entries it found). With
    `deref`, r is a pointer to the map: `(*r)[k] = v` writes it, `*r = ...` replaces it."""
    if body is None:
        return False
    is_map_expr = (lambda e: _is_deref(e, rname)) if deref else (lambda e: is_receiver(e, rname))
    for stmt in statements(body):
        t = stmt.type
        if t in ("return_statement", "goto_statement"):
            return False
        if t in _NESTED:
            if any(n.type in ("return_statement", "goto_statement") for n in walk(stmt)):
                return False
            if deref and any(n.type == "assignment_statement" and any(
                    _is_deref(x, rname) for x in named_non_comment_children(n.child_by_field_name("left")))
                    for n in walk(stmt)):
                return False  # `if *q == nil { *q = url.Values{} }`: the caller's map is made
            continue
        if t == "assignment_statement":
            for target in named_non_comment_children(stmt.child_by_field_name("left")):
                u = unparen(target)
                if u.type == "index_expression" and is_map_expr(u.child_by_field_name("operand")):
                    return True
                if is_map_expr(u) or deref and is_receiver(u, rname):
                    return False  # `r = make(...)`: later writes go to the new map
        elif t in ("inc_statement", "dec_statement"):
            u = unparen(stmt.named_children[0])
            if u.type == "index_expression" and is_map_expr(u.child_by_field_name("operand")):
                return True
        elif t == "expression_statement" and stmt.named_child_count:
            call = unparen(stmt.named_children[0])
            if call.type == "call_expression" and writer_call(call):
                return True
    return False
