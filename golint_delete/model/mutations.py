"""Map mutations (writes and deletes) as one query, and what map each one changes."""

from __future__ import annotations

from tree_sitter import Node

from golint_delete.syntax import named_non_comment_children, shared, unparen

QUERY = shared("""
(assignment_statement left: (expression_list (index_expression) @w))
(inc_statement (index_expression) @w)
(dec_statement (index_expression) @w)
(call_expression function: (identifier) @fn (#eq? @fn "delete") arguments: (argument_list)) @del
""")


def mutated_map(pkg, file, caps: dict) -> tuple[Node, Node, str] | None:
    """(the mutation node, the map expression, "write" | "delete") when the map is known to be one."""
    if "w" in caps:
        node = caps["w"][0]
        m = node.child_by_field_name("operand")
        kind = "write"
    else:
        node = caps["del"][0]
        if not pkg.builtin_call(node, b"delete", file):
            return None
        args = named_non_comment_children(node.child_by_field_name("arguments"))
        if len(args) != 2:
            return None
        m, kind = args[0], "delete"
    if m is None or not pkg.is_map(m, file):
        return None
    return node, unparen(m), kind


def root_ident(expr: Node) -> Node | None:
    e = unparen(expr)
    while e.type in ("selector_expression", "index_expression"):
        e = unparen(e.child_by_field_name("operand"))
    if e.type == "unary_expression" and e.child(0) is not None and e.child(0).type == "*":
        return root_ident(e.child_by_field_name("operand"))
    return e if e.type == "identifier" else None


def inside(node: Node, region: Node) -> bool:
    return region.start_byte <= node.start_byte < region.end_byte


def holds_write_lock(held) -> bool:
    return held is not None and any(kind == "W" for _, kind in held)
