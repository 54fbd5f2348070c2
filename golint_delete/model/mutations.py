"""Map mutations (writes and deletes) as one query, and what map each one changes."""

from __future__ import annotations

from typing import NamedTuple

from tree_sitter import Node

from golint_delete.model.queries import MUTATIONS
from golint_delete.syntax import named_non_comment_children, unparen


class Mutation(NamedTuple):
    node: Node  # the index_expression written, or the delete call
    map: Node  # the map expression
    kind: str  # write | delete


def mutated_map(pkg, file, caps: dict) -> Mutation | None:
    """A mutation match of MUTATIONS, when the map is known to be one."""
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
    return Mutation(node, unparen(m), kind)


def written_nodes(pkg, file, caps: dict) -> list[Node]:
    """The writes a match of WRITES + WRITER_CALLS stands for: the index expression written, or
    (for the once-per-file match) every call statement of the file that may write a map."""
    if "file" in caps:
        return pkg.writer_calls(file)
    return [caps["w"][0]]


def root_ident(expr: Node) -> Node | None:
    e = unparen(expr)
    while e.type in ("selector_expression", "index_expression"):
        e = unparen(e.child_by_field_name("operand"))
    if e.type == "unary_expression" and e.child(0) is not None and e.child(0).type == "*":
        return root_ident(e.child_by_field_name("operand"))
    return e if e.type == "identifier" else None


def inside(node: Node, region: Node) -> bool:
    return region.start_byte <= node.start_byte < region.end_byte


def _deletes(ident: Node) -> bool:
    """`delete(m, k)` with `ident` its first argument."""
    args = ident.parent
    call = args.parent if args is not None else None
    fn = call.child_by_field_name("function") if call is not None else None
    return fn is not None and fn.text == b"delete" and named_non_comment_children(args)[:1] == [ident]


def map_use(n: Node) -> str | None:
    """What the expression `n` (the map) undergoes: "range", "read", "write", "delete" or None."""
    parent = n.parent
    while parent is not None and parent.type == "parenthesized_expression":
        n, parent = parent, parent.parent
    if parent is None:
        return None
    if parent.type == "range_clause" and parent.child_by_field_name("right") == n:
        return "range"
    if parent.type == "argument_list" and _deletes(n):
        return "delete"
    if parent.type == "index_expression" and parent.child_by_field_name("operand") == n:
        holder = parent.parent
        if holder is not None and holder.type in ("inc_statement", "dec_statement"):
            return "write"
        if holder is not None and holder.type == "expression_list" and holder.parent is not None \
                and holder.parent.type == "assignment_statement" \
                and holder == holder.parent.child_by_field_name("left"):
            return "write"
        return "read"
    return None
