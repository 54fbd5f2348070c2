"""Structured control-flow questions over the syntax tree (no CFG needed for these)."""

from __future__ import annotations

from tree_sitter import Node

_FUNCS = frozenset({"func_literal", "function_declaration", "method_declaration"})
_BREAKABLE = frozenset({"for_statement", "expression_switch_statement", "type_switch_statement",
                        "select_statement"})


def enclosing_statement(node: Node) -> Node | None:
    """The statement (a direct child of a statement_list) that contains `node`."""
    n = node
    while n is not None and n.parent is not None and n.parent.type != "statement_list":
        if n.type in _FUNCS:
            return None
        n = n.parent
    return n if n is not None and n.parent is not None else None


def _next_statement(stmt: Node) -> Node | None:
    n = stmt.next_named_sibling
    while n is not None and n.type == "comment":
        n = n.next_named_sibling
    return n


def _label_of(stmt: Node) -> bytes | None:
    parent = stmt.parent
    if parent is not None and parent.type == "labeled_statement":
        label = parent.child_by_field_name("label")
        return label.text if label is not None else None
    return None


def _breaks_out_of(stmt: Node, loop: Node) -> bool:
    """Whether `stmt` (break/return/goto/panic) leaves `loop`."""
    t = stmt.type
    if t == "return_statement":
        return True
    if t == "expression_statement" and stmt.named_child_count == 1:
        call = stmt.named_children[0]
        fn = call.child_by_field_name("function") if call.type == "call_expression" else None
        return fn is not None and fn.type == "identifier" and fn.text == b"panic"
    if t == "break_statement":
        label = next((c for c in stmt.named_children if c.type == "label_name"), None)
        n = stmt.parent
        while n is not None and n.type not in _FUNCS:
            if label is None and n.type in _BREAKABLE:
                return n == loop or _is_ancestor(n, loop)
            if label is not None and n.type in _BREAKABLE and _label_of(n) == label.text:
                return n == loop or _is_ancestor(n, loop)
            n = n.parent
        return False
    if t == "goto_statement":
        label = next((c for c in stmt.named_children if c.type == "label_name"), None)
        if label is None:
            return False
        # Leaving the body (even to a label on the loop itself, which starts a new range) ends
        # this iteration sequence; a label inside the body keeps it going.
        body = loop.child_by_field_name("body")
        return body is None or not _label_inside(body, label.text)
    return False


def _label_inside(region: Node, name: bytes) -> bool:
    from golint_delete.syntax import walk

    for n in walk(region):
        if n.type == "labeled_statement":
            lbl = n.child_by_field_name("label")
            if lbl is not None and lbl.text == name:
                return True
    return False


def _is_ancestor(a: Node, b: Node) -> bool:
    n = b.parent
    while n is not None:
        if n == a:
            return True
        n = n.parent
    return False


def exits_loop_after(node: Node, loop: Node) -> bool:
    """True when the statement holding `node` is followed, on every path, by leaving `loop`
    (`delete(m, x); break`, `...; return`), so the rest of the iteration cannot be affected."""
    stmt = enclosing_statement(node)
    body = loop.child_by_field_name("body")
    while stmt is not None:
        nxt = _next_statement(stmt)
        if nxt is not None:
            return _breaks_out_of(nxt, loop)
        lst = stmt.parent  # the statement_list
        holder = lst.parent if lst is not None else None  # block or case clause
        if holder is None or holder == body:
            return False
        # Climb to the statement that owns this block or case: if, switch, select, bare block.
        up = holder
        while up is not None and (up.parent is None or up.parent.type != "statement_list"):
            if up.type in _FUNCS or up == loop:
                return False
            if up.type == "for_statement":
                return False  # the end of an inner loop's body goes round again
            up = up.parent
        if up is None or up == loop or up.type == "for_statement":
            return False
        stmt = up
    return False
