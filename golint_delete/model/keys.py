"""Keys a map entry carries in its value: "this key is the current one" through the element.

Maps of records are usually keyed by a field of the record (`subs[string(sub.sid)] = sub`,
`peers[p.ID] = p`, `locks[name] = []lock{{Name: name}}`), so inside `for k, v := range m` the
key `string(v.sid)` or `v.ID` is k itself, not another key. The package says which: an insert
somewhere into a map of the same type whose key is that same expression of the value stored.
One such insert is the evidence; a loop that writes or deletes by it is touching the current
entry, which is neither a new key (GD201) nor another one (GD202).
"""

from __future__ import annotations

import re

from tree_sitter import Node

from golint_delete.model.queries import MUTATIONS
from golint_delete.syntax import named_non_comment_children, unparen, walk

_HOLE = b"\x00"


def keyed_by_current_entry(pkg, expr: Node, loop, file) -> Node | None:
    """The insert showing that `expr`, inside `loop`'s body, is the key the current entry is
    stored under: `expr` (or what a local holding it, or an `==` guard around it, equals) is an
    expression of the current element alone (the range value, `p := m[k]` for the current k, or
    `&vs[i]` of a range value of slices), and some insert into a map of the collection's type
    stores a value under that same expression of the value. None without such evidence."""
    t = pkg.type_of(loop.collection, file)
    if t is None:
        return None
    for key in _alternatives(pkg, expr, loop, file):
        template = _template(pkg, key, loop, file)
        if template is not None:
            found = pkg.memo("keyed_by", (t, template, loop.node), lambda: _evidence(pkg, t, template, loop, file))
            if found is not None:
                return found
    return None


def _alternatives(pkg, expr: Node, loop, file) -> list[Node]:
    """`expr`, the value of a local holding only it, and the other side of each `a == expr`
    conjunct of an `if` around it in the loop body."""
    out = [unparen(expr)]
    if out[0].type == "identifier":
        obj = pkg.object_of(out[0], file)
        value = pkg.sole_value(obj, file) if obj is not None else None
        if value is not None:
            out.append(unparen(value))
    text = _flat(expr.text)
    n = expr.parent
    while n is not None and n != loop.body:
        if n.type == "if_statement":
            cond = n.child_by_field_name("condition")
            for c in _conjuncts(cond) if cond is not None else ():
                if c.type == "binary_expression" and c.child_by_field_name("operator").type == "==":
                    a, b = c.child_by_field_name("left"), c.child_by_field_name("right")
                    if _flat(b.text) == text:
                        out.append(unparen(a))
                    elif _flat(a.text) == text:
                        out.append(unparen(b))
        n = n.parent
    return out


def _conjuncts(cond: Node):
    cond = unparen(cond)
    if cond.type == "binary_expression" and cond.child_by_field_name("operator").type == "&&":
        yield from _conjuncts(cond.child_by_field_name("left"))
        yield from _conjuncts(cond.child_by_field_name("right"))
    else:
        yield cond


def _template(pkg, key: Node, loop, file) -> tuple | None:
    """(kind, text with the element's name replaced by a hole) when `key` is an expression of
    the current element and of nothing else: fields, calls, conversions, constants."""
    element, kind = None, None
    for n in walk(key):
        if n.type != "identifier":
            continue
        parent = n.parent
        if parent is not None and parent.type == "call_expression" and parent.child_by_field_name("function") == n:
            continue  # the function called
        if parent is not None and parent.type == "selector_expression" and parent.child_by_field_name("operand") == n \
                and pkg.qualified(parent, file) is not None:
            continue  # a package name
        obj = pkg.object_of(n, file)
        if obj is not None and obj.kind == "const":
            continue
        found = _element_kind(pkg, obj, n, loop, file) if obj is not None else None
        if found is None or element is not None:
            return None  # another variable, or the element twice
        element, kind = n, found
    if element is None:
        return None
    start, end = element.start_byte - key.start_byte, element.end_byte - key.start_byte
    text = key.text[:start] + _HOLE + key.text[end:]
    return kind, _flat(text)


def _element_kind(pkg, obj, use: Node, loop, file) -> str | None:
    """"value" for a variable holding the current entry's value, "item" for one holding an
    element of it (the value is a slice of records), else None."""
    if loop.value is not None and obj == pkg.object_of(loop.value, file):
        if any(s.start_byte < use.start_byte for s in pkg.assignments_to(loop.body, obj, file)):
            return None  # reassigned before the use
        return "value"
    if obj.kind != "var" or obj.decl is None or not (loop.body.start_byte <= obj.decl.start_byte < loop.body.end_byte):
        return None
    value = pkg.sole_value(obj, file)
    if value is None:
        return None
    value = unparen(value)
    if value.type == "unary_expression" and value.child(0) is not None and value.child(0).type == "&":
        value = unparen(value.child_by_field_name("operand"))
    if value.type != "index_expression":
        return None
    operand, index = value.child_by_field_name("operand"), value.child_by_field_name("index")
    if pkg.is_ranged_map(operand, loop, file) and index is not None and pkg.is_current_key(index, loop, file):
        return "value"  # p := m[k]
    operand = unparen(operand)
    if operand.type == "identifier" and loop.value is not None \
            and pkg.object_of(operand, file) == pkg.object_of(loop.value, file):
        return "item"  # lri := &lris[i]
    return None


def _evidence(pkg, t, template: tuple, loop, file) -> Node | None:
    """An insert of the package, outside this loop (a write in the loop is what is asked about),
    that stores a value under the template's expression of that value."""
    kind, text = template
    field = text[2:] if text.startswith(_HOLE + b".") and b"(" not in text else None
    # A file without the template's longest word cannot hold the insert (the key's text is in the
    # insert's file: a literal, or a local's value).
    needle = max(re.findall(rb"\w+", text), key=len, default=None)
    for f in pkg.files:
        if needle is not None and needle not in f.source:
            continue
        for _, caps in f.index.matches(MUTATIONS):
            for w in caps.get("w", ()):
                if loop.node.start_byte <= w.start_byte < loop.node.end_byte and f.path == file.path:
                    continue
                found = _stores_under_own_key(pkg, f, w, t, kind, text, field)
                if found:
                    return w
    return None


def _stores_under_own_key(pkg, f, w: Node, t, kind: str, text: bytes, field: bytes | None) -> bool:
    holder = w.parent
    stmt = holder.parent if holder is not None else None
    if stmt is None or stmt.type != "assignment_statement" or stmt.child_by_field_name("operator").type != "=":
        return False
    lefts = named_non_comment_children(holder)
    rights = named_non_comment_children(stmt.child_by_field_name("right"))
    if len(lefts) != 1 or len(rights) != 1:
        return False
    index = w.child_by_field_name("index")
    if index is None or pkg.type_of(w.child_by_field_name("operand"), f) != t:
        return False
    keys = {_flat(index.text)}
    if unparen(index).type == "identifier":
        obj = pkg.object_of(unparen(index), f)
        value = pkg.sole_value(obj, f) if obj is not None else None
        if value is not None:
            keys.add(_flat(value.text))
    stored = unparen(rights[0])
    if kind == "value" and stored.type in ("identifier", "selector_expression") \
            and text.replace(_HOLE, _flat(stored.text)) in keys:
        return True  # subs[string(sub.sid)] = sub
    if field is None:
        return False
    records = [stored]
    if kind == "item":
        records = _slice_items(pkg, f, stored)
    return any(_literal_field(pkg, f, r, field) in keys for r in records)


def _slice_items(pkg, f, stored: Node) -> list[Node]:
    """The records a stored slice holds: `[]T{{...}, rec}`, or the appended ones of `append(x, rec)`."""
    if stored.type == "composite_literal":
        body = stored.child_by_field_name("body")
        return [unparen(e.named_children[0]) if e.type == "literal_element" and e.named_children else e
                for e in named_non_comment_children(body)] if body is not None else []
    if stored.type == "call_expression" and pkg.builtin_call(stored, b"append", f):
        return [unparen(a) for a in named_non_comment_children(stored.child_by_field_name("arguments"))[1:]]
    return []


def _literal_field(pkg, f, record: Node, field: bytes) -> bytes | None:
    """The text of `F: x` in the record's composite literal (`T{F: x}`, `&T{F: x}`, `{F: x}` in a
    slice literal, or a local holding only such a literal)."""
    record = unparen(record)
    if record.type == "identifier":
        obj = pkg.object_of(record, f)
        value = pkg.sole_value(obj, f) if obj is not None else None
        record = unparen(value) if value is not None else record
    if record.type == "unary_expression" and record.child(0) is not None and record.child(0).type == "&":
        record = unparen(record.child_by_field_name("operand"))
    body = record.child_by_field_name("body") if record.type == "composite_literal" else \
        record if record.type == "literal_value" else None
    for e in named_non_comment_children(body) if body is not None else ():
        if e.type == "keyed_element" and len(e.named_children) == 2:
            k, v = e.named_children
            if _flat(k.text) == field:
                return _flat(v.text)
    return None


def _flat(text: bytes) -> bytes:
    return b"".join(text.split())
