"""Uses of a variable, classified by what each does with its value.

One answer to "what happens to this variable after here?": an index (`x[k]`, read or written), a
field read (`x.f`), a method call on it (`x.m()`, which may keep the receiver), ranging over it,
an operand of an operator, an argument of a builtin that keeps nothing (`len`, `delete`, ...), an
argument of any other call, its address taken (`&x`), an assignment to it, a capture by a function
literal, and everything else (returned, sent, stored, assigned to another name) as a plain value.
"""

from __future__ import annotations

from dataclasses import dataclass

from tree_sitter import Node

from golint_delete.syntax import FUNCS, unparen, walk

# What each kind does with the value: kept (handed on to code that may keep or change it) or not.
INDEX, FIELD, METHOD, RANGE, OPERAND, BUILTIN, ARGUMENT, ADDRESS, ASSIGNED, CAPTURED, VALUE = (
    "index", "field", "method", "range", "operand", "builtin", "argument", "address", "assigned",
    "captured", "value")
HANDS_ON = frozenset({METHOD, ARGUMENT, ADDRESS, CAPTURED, VALUE})

# Builtins that read their argument and keep nothing of it.
_LOCAL_BUILTINS = frozenset({b"len", b"cap", b"delete", b"clear", b"print", b"println"})


@dataclass(frozen=True)
class Use:
    node: Node  # the identifier
    kind: str


def uses(pkg, obj, file, within: Node) -> list[Use]:
    """The uses of `obj` in the function `within`, in source order (the declaration excluded)."""
    out = []
    for n in walk(within):
        if n.type == "identifier" and n.text == obj.name and n != obj.decl and pkg.object_of(n, file) == obj:
            out.append(Use(n, _kind(pkg, n, file, within)))
    return out


def _kind(pkg, ident: Node, file, within: Node) -> str:
    p = ident.parent
    while p is not None and p != within:
        if p.type == "func_literal":
            return CAPTURED
        p = p.parent
    node, parent = ident, ident.parent
    while parent is not None and parent.type == "parenthesized_expression":
        node, parent = parent, parent.parent
    t = parent.type if parent is not None else ""
    if t == "index_expression" and parent.child_by_field_name("operand") == node:
        return INDEX
    if t == "selector_expression" and parent.child_by_field_name("operand") == node:
        grand = parent.parent
        called = grand is not None and grand.type == "call_expression" and grand.child_by_field_name("function") == parent
        return METHOD if called else FIELD
    if t == "range_clause" and parent.child_by_field_name("right") == node:
        return RANGE
    if t == "binary_expression":
        return OPERAND
    if t == "unary_expression" and parent.child(0) is not None and parent.child(0).type == "&":
        return ADDRESS
    if t == "argument_list":
        fn = parent.parent.child_by_field_name("function") if parent.parent is not None else None
        f = unparen(fn) if fn is not None else None
        if f is not None and f.type == "identifier" and f.text in _LOCAL_BUILTINS and pkg.is_builtin(f, f.text, file):
            return BUILTIN
        return ARGUMENT
    if t == "expression_list" and parent.parent is not None and parent.parent.type in (
            "assignment_statement", "short_var_declaration") and parent == parent.parent.child_by_field_name("left"):
        return ASSIGNED
    return VALUE


def may_run_after(node: Node, stmt: Node) -> bool:
    """Whether `node` can run after `stmt` has: it follows it, or shares a loop around `stmt` (the
    next round runs it again). Both in one function."""
    if node.start_byte >= stmt.end_byte:
        return True
    n = stmt.parent
    while n is not None and n.type not in FUNCS:
        if n.type == "for_statement" and n.start_byte <= node.start_byte < n.end_byte:
            return True
        n = n.parent
    return False


def hands_on_after(pkg, obj, file, stmt: Node, func: Node) -> bool:
    """A use that can run after `stmt` and hands the variable's value on (passes, returns,
    stores, calls a method on it), or a capture by a closure (which may run any time)."""
    return any(u.kind == CAPTURED or (u.kind in HANDS_ON and may_run_after(u.node, stmt))
               for u in pkg.uses(obj, file, func))


def used_after(pkg, obj, file, stmt: Node, func: Node) -> bool:
    """Any use after `stmt` in the source (or a capture)."""
    return any(u.kind == CAPTURED or u.node.start_byte >= stmt.end_byte for u in pkg.uses(obj, file, func))


def read_after(pkg, obj, file, stmt: Node, func: Node) -> bool:
    """A later use that reads the value (`len(m)`, `m[k]` read, a range, a field), not one that
    only writes into it (`m[k] = v`, `m[k]++`) or assigns it."""
    for use in pkg.uses(obj, file, func):
        if use.node.start_byte < stmt.end_byte or use.kind in HANDS_ON or use.kind == ASSIGNED:
            continue
        if use.kind == INDEX:
            holder = use.node.parent.parent
            if holder is not None and holder.type in ("inc_statement", "dec_statement"):
                continue
            if holder is not None and holder.type == "expression_list" and holder.parent is not None \
                    and holder.parent.type == "assignment_statement" \
                    and holder == holder.parent.child_by_field_name("left"):
                continue  # m[k] = v: a write
        return True
    return False
