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

from golint_delete.model.locks import param_objs
from golint_delete.model.queries import MUTATIONS
from golint_delete.syntax import named_non_comment_children, statements, unparen, walk, walk_outside_closures, \
    without_address

_HOLE = b"\x00"
_HOLE_FIELD = re.compile(rb"\x00\.([A-Za-z_\x80-\xff][\w\x80-\xff]*)")


def keyed_by_current_entry(pkg, expr: Node, loop, file) -> Node | None:
    """The insert showing that `expr`, inside `loop`'s body, is the key the current entry is
    stored under: `expr` (or what a local holding it, or an `==` guard around it, equals) is an
    expression of the current element alone (the range value, `p := m[k]` for the current k, or
    `&vs[i]` of a range value of slices), and some insert into a map of the collection's type
    stores a value under that same expression of the value. None without such evidence."""
    t = pkg.type_of(loop.collection, file)
    if t is None or _known_other(expr, loop):
        return None
    for key in _alternatives(pkg, expr, loop, file):
        template = _template(pkg, key, loop, file)
        if template is not None:
            found = pkg.memo("keyed_by", (t, template, loop.node), lambda: _evidence(pkg, t, template, loop, file))
            if found is not None:
                return found
    return None


def _known_other(expr: Node, loop) -> bool:
    """Whether the code has just shown `expr` is not the current key: an `if k == expr` before it
    that leaves the iteration, or an `if k != expr` around it (a loop re-keying entries whose
    stored key is stale: the value says what the key should be, and the map holds another)."""
    if loop.key is None:
        return False
    pair = {_flat(loop.key.text), _flat(expr.text)}
    if len(pair) != 2:
        return False

    def compares(cond: Node | None, op: str) -> bool:
        cond = unparen(cond) if cond is not None else None
        if cond is None or cond.type != "binary_expression" or cond.child_by_field_name("operator").type != op:
            return False
        return {_flat(cond.child_by_field_name("left").text), _flat(cond.child_by_field_name("right").text)} == pair

    child, n = expr, expr.parent
    while n is not None and child != loop.body:
        if n.type == "if_statement" and child == n.child_by_field_name("consequence") \
                and compares(n.child_by_field_name("condition"), "!="):
            return True
        if n.type == "statement_list":
            for s in n.named_children:
                if s.start_byte >= child.start_byte:
                    break
                if s.type == "if_statement" and s.child_by_field_name("alternative") is None \
                        and compares(s.child_by_field_name("condition"), "=="):
                    body = [c for c in statements(s.child_by_field_name("consequence")) if c.type != "comment"]
                    if body and body[-1].type in ("continue_statement", "break_statement", "return_statement",
                                                  "goto_statement"):
                        return True
        child, n = n, n.parent
    return False


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
    """(kind, text with each use of the element replaced by a hole) when `key` is an expression
    of the current element and of nothing else: fields, calls, conversions, constants
    (`GroupKey(g.file, g.name)` is a template with two holes)."""
    element, kind, holes = None, None, []
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
        if found is None or element is not None and (obj != element or found != kind):
            return None  # another variable
        element, kind = obj, found
        holes.append(n)
    if element is None:
        return None
    text, at = b"", key.start_byte
    for n in holes:
        text += key.text[at - key.start_byte:n.start_byte - key.start_byte] + _HOLE
        at = n.end_byte
    text += key.text[at - key.start_byte:]
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
    value = without_address(value)
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
    # Each hole a field of the element (`\0.ID`, `GroupKey(\0.file,\0.name)`): a record built
    # with those fields stored under the same expression of their values is the evidence.
    fields = _HOLE_FIELD.findall(text)
    fields = fields if len(fields) == text.count(_HOLE) else None
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
                found = _stores_under_own_key(pkg, f, w, t, kind, text, fields)
                if found:
                    return w
    return None


def _stores_under_own_key(pkg, f, w: Node, t, kind: str, text: bytes, fields: list | None) -> bool:
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
    if not fields:
        return False
    records = [stored]
    if kind == "item":
        records = _slice_items(pkg, f, stored)
    for r in records:
        values = {name: _record_field(pkg, f, r, name) for name in fields}
        if None not in values.values() \
                and _HOLE_FIELD.sub(lambda m: values[m.group(1)], text) in keys:
            return True
    return False


def _slice_items(pkg, f, stored: Node) -> list[Node]:
    """The records a stored slice holds: `[]T{{...}, rec}`, or the appended ones of `append(x, rec)`."""
    if stored.type == "composite_literal":
        body = stored.child_by_field_name("body")
        return [unparen(e.named_children[0]) if e.type == "literal_element" and e.named_children else e
                for e in named_non_comment_children(body)] if body is not None else []
    if stored.type == "call_expression" and pkg.builtin_call(stored, b"append", f):
        return [unparen(a) for a in named_non_comment_children(stored.child_by_field_name("arguments"))[1:]]
    return []


def _record_field(pkg, f, record: Node, field: bytes) -> bytes | None:
    """The text of the value a stored record's field is given: by its composite literal, or by a
    constructor of the package (`NewGroup(GroupOptions{File: fn})` whose one return is
    `&Group{file: o.File}` gives `fn`; `NewPeer(id)` returning `&Peer{ID: id}` gives `id`)."""
    found = _literal_field(pkg, f, record, field)
    if found is not None:
        return found
    call = unparen(record)
    if call.type != "call_expression":
        return None
    callee = pkg.callee(call, f)
    if callee is None or callee.decl.type != "function_declaration":
        return None
    body = callee.decl.child_by_field_name("body")
    returns = [n for n in walk_outside_closures(body) if n.type == "return_statement"] if body is not None else []
    if len(returns) != 1:
        return None
    results = named_non_comment_children(returns[0])
    results = named_non_comment_children(results[0]) if len(results) == 1 and results[0].type == "expression_list" \
        else results
    if not results:
        return None
    given = _literal_node(pkg, callee.file, results[0], field)
    params = param_objs(pkg, callee.decl, callee.file)
    args = named_non_comment_children(call.child_by_field_name("arguments"))
    if given is None or params is None or len(params) != len(args):
        return None
    given = unparen(given)
    base, sub_field = given, None
    if given.type == "selector_expression":
        base, sub_field = unparen(given.child_by_field_name("operand")), given.child_by_field_name("field").text
    obj = pkg.object_of(base, callee.file) if base.type == "identifier" else None
    if obj is None or obj not in params or pkg.assignments_to(body, obj, callee.file):
        return None  # not a parameter, or one the constructor changes before it builds
    arg = args[params.index(obj)]
    return _flat(arg.text) if sub_field is None else _literal_field(pkg, f, arg, sub_field)


def _literal_field(pkg, f, record: Node, field: bytes) -> bytes | None:
    value = _literal_node(pkg, f, record, field)
    return _flat(value.text) if value is not None else None


def _literal_node(pkg, f, record: Node, field: bytes) -> Node | None:
    """The text of `F: x` in the record's composite literal (`T{F: x}`, `&T{F: x}`, `{F: x}` in a
    slice literal, or a local holding only such a literal)."""
    record = unparen(record)
    if record.type == "identifier":
        obj = pkg.object_of(record, f)
        value = pkg.sole_value(obj, f) if obj is not None else None
        record = value if value is not None else record
    record = without_address(record)
    body = record.child_by_field_name("body") if record.type == "composite_literal" else \
        record if record.type == "literal_value" else None
    for e in named_non_comment_children(body) if body is not None else ():
        if e.type == "keyed_element" and len(e.named_children) == 2:
            k, v = e.named_children
            if _flat(k.text) == field:
                return v.named_children[0] if v.type == "literal_element" and v.named_children else v
    return None


def _flat(text: bytes) -> bytes:
    return b"".join(text.split())
