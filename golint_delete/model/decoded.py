"""Values a decoder fills, and the map fields it leaves nil.

`json.Unmarshal(data, &c)` (and yaml, toml, xml, msgpack, gob) makes a map field only when the
input has it, and never sets an unexported field (decoders see exported fields only). A write to
`c.F[k]` after the decode is then a nil-map write on every input without F, or on every input at
all for an unexported F. Reporting each write after a decode would bury users in findings where
the input always has the field (NilAway's experience), so the evidence asked for is the code's:

- the decoded value starts with F nil: a `var c T`, a `T{...}`/`&T{...}` not setting F, `new(T)`;
- between the decode and the write nothing touches F or hands the value on: no assignment, nil
  check, `len`, address or call with `c.F`, no method call on `c`, no call taking `c` or `&c`
  (any of them may make the map);
- for an exported F, nothing in the package makes F outside a constructor or checks it against
  nil (the package never expects it nil: a missing key is a crash, not a case it handles).

An unexported F is nil on every path (an error); an exported one when the input lacks it (a
warning).
"""

from __future__ import annotations

from dataclasses import dataclass

from tree_sitter import Node

from golint_delete.model.mutations import mutated_map, root_ident
from golint_delete.model.queries import MUTATIONS
from golint_delete.syntax import enclosing_function, named_non_comment_children, unparen, walk

# Decoding functions: (import path, name) -> index of the argument it fills.
_FUNCS = {
    (b"encoding/json", b"Unmarshal"): 1,
    (b"encoding/xml", b"Unmarshal"): 1,
    (b"gopkg.in/yaml.v2", b"Unmarshal"): 1,
    (b"gopkg.in/yaml.v2", b"UnmarshalStrict"): 1,
    (b"gopkg.in/yaml.v3", b"Unmarshal"): 1,
    (b"sigs.k8s.io/yaml", b"Unmarshal"): 1,
    (b"sigs.k8s.io/yaml", b"UnmarshalStrict"): 1,
    (b"github.com/goccy/go-yaml", b"Unmarshal"): 1,
    (b"github.com/BurntSushi/toml", b"Unmarshal"): 1,
    (b"github.com/BurntSushi/toml", b"Decode"): 1,
    (b"github.com/pelletier/go-toml", b"Unmarshal"): 1,
    (b"github.com/pelletier/go-toml/v2", b"Unmarshal"): 1,
    (b"github.com/vmihailenco/msgpack/v5", b"Unmarshal"): 1,
    (b"github.com/json-iterator/go", b"Unmarshal"): 1,
}
# Packages whose NewDecoder(r).Decode(&v) fills v.
_DECODER_PACKAGES = frozenset({
    b"encoding/json", b"encoding/xml", b"encoding/gob", b"gopkg.in/yaml.v2", b"gopkg.in/yaml.v3",
    b"github.com/BurntSushi/toml", b"github.com/pelletier/go-toml/v2", b"github.com/vmihailenco/msgpack/v5",
})


@dataclass(frozen=True)
class DecodedWrite:
    """A write `c.F[k] = v` after `decode` filled c, with F nil at the decode and not made since."""

    write: Node  # the index_expression written
    map: Node  # c.F
    decode: Node  # the decoding call
    decoder: bytes  # its package's last path element (json, yaml, ...)
    declared: Node  # where c got its value with F nil
    exported: bool


def decoded_writes(pkg, call: Node, file) -> list[DecodedWrite]:
    """The writes to map fields of the value `call` decodes into, left nil by it (see above)."""
    found = _decoder(pkg, call, file)
    if found is None:
        return []
    arg, decoder = found
    target = unparen(arg)
    if target.type == "unary_expression" and target.child(0) is not None and target.child(0).type == "&":
        target = unparen(target.child_by_field_name("operand"))
    func = enclosing_function(call)
    obj = pkg.object_of(target, file) if target.type == "identifier" else None
    if obj is None or obj.kind != "var" or func is None or obj.decl is None or enclosing_function(obj.decl) != func:
        return []
    start = _zero_start(pkg, obj, file)
    if start is None:
        return []
    declared, set_fields = start
    if declared.end_byte > call.start_byte:
        return []
    out = []
    for _, caps in file.index.matches(MUTATIONS, within=func):
        m = mutated_map(pkg, file, caps)
        if m is None or m.kind != "write" or m.node.start_byte < call.end_byte or enclosing_function(m.node) != func:
            continue
        sel = unparen(m.map)
        if sel.type != "selector_expression" or unparen(sel.child_by_field_name("operand")) is None:
            continue
        holder = unparen(sel.child_by_field_name("operand"))
        if holder.type != "identifier" or pkg.object_of(holder, file) != obj:
            continue
        name = sel.child_by_field_name("field").text
        if name in set_fields or _touched(pkg, func, file, obj, name, call.end_byte, m.node.start_byte):
            continue
        exported = name[:1].isupper()
        if exported and not _never_expected_nil(pkg, sel, file):
            continue
        out.append(DecodedWrite(m.node, sel, call, decoder, declared, exported))
    return out


def _decoder(pkg, call: Node, file) -> tuple[Node, bytes] | None:
    """The argument a decoding call fills, and the decoder's short name."""
    fn = unparen(call.child_by_field_name("function"))
    args = named_non_comment_children(call.child_by_field_name("arguments"))
    q = pkg.qualified(fn, file)
    if q is not None:
        i = _FUNCS.get((q.path, q.name))
        return (args[i], _short(q.path)) if i is not None and i < len(args) else None
    if fn.type != "selector_expression" or fn.child_by_field_name("field").text != b"Decode" or len(args) != 1:
        return None
    operand = unparen(fn.child_by_field_name("operand"))
    source = operand
    if operand.type == "identifier":
        obj = pkg.object_of(operand, file)
        source = pkg.sole_value(obj, file) if obj is not None and obj.kind == "var" else None
    if source is None or unparen(source).type != "call_expression":
        return None
    q = pkg.qualified(unparen(source).child_by_field_name("function"), file)
    if q is None or q.name != b"NewDecoder" or q.path not in _DECODER_PACKAGES:
        return None
    return args[0], _short(q.path)


def _short(path: bytes) -> bytes:
    parts = [p for p in path.split(b"/") if not (p.startswith(b"v") and p[1:].isdigit())]
    last = parts[-1] if parts else path
    return last.split(b".")[0] if last.startswith(b"yaml") else last.replace(b"go-", b"")


def _zero_start(pkg, obj, file) -> tuple[Node, set] | None:
    """Where the variable gets a struct value whose unset fields are nil, and the fields it sets:
    `var c T`, `c := T{...}`, `c := &T{...}`, `c := new(T)`; None for any other start (a default
    config from a constructor may make the maps)."""
    spec = obj.spec
    if spec is None:
        return None
    if spec.type == "var_spec":
        value = spec.child_by_field_name("value")
        if value is None:
            return spec, set()
        values = named_non_comment_children(value)
    elif spec.type == "short_var_declaration":
        values = named_non_comment_children(spec.child_by_field_name("right"))
    else:
        return None
    names = named_non_comment_children(spec.child_by_field_name("left") or spec.child_by_field_name("name"))
    if len(values) != len(names):
        return None
    texts = [n.text for n in names]
    if obj.name not in texts:
        return None
    e = unparen(values[texts.index(obj.name)])
    if e.type == "unary_expression" and e.child(0) is not None and e.child(0).type == "&":
        e = unparen(e.child_by_field_name("operand"))
    if e.type == "composite_literal":
        from golint_delete.model.nilness import literal_fields

        keyed = literal_fields(e)
        return None if keyed is None else (spec, set(keyed))  # a positional literal sets every field
    if e.type == "call_expression" and pkg.is_builtin(e.child_by_field_name("function"), b"new", file):
        return spec, set()
    return None


def _touched(pkg, func: Node, file, obj, name: bytes, begin: int, end: int) -> bool:
    """Whether code between the decode and the write may make c.F: it assigns, checks, measures,
    passes or takes the address of c.F, or calls a method on c or hands c (or &c) to a call."""
    body = func.child_by_field_name("body")
    for n in walk(body) if body is not None else ():
        if n.end_byte <= begin or n.start_byte >= end or n.type != "identifier" or n.text != obj.name:
            continue
        if pkg.object_of(n, file) != obj:
            continue
        p = n.parent
        while p is not None and p.type == "parenthesized_expression":
            p = p.parent
        if p is None:
            return True
        if p.type == "selector_expression" and p.child_by_field_name("operand") is not None \
                and unparen(p.child_by_field_name("operand")) == n:
            field = p.child_by_field_name("field").text
            q = p.parent
            if q is not None and q.type == "call_expression" and q.child_by_field_name("function") == p:
                return True  # a method of c: may make its maps
            if field != name:
                continue
            if q is not None and q.type == "index_expression" and q.child_by_field_name("operand") == p:
                holder = q.parent
                if holder is not None and holder.type == "expression_list" and holder.parent is not None \
                        and holder.parent.type == "assignment_statement" and holder == holder.parent.child_by_field_name("left"):
                    continue  # another write of the same map: the one reported first
                continue  # a read of an element
            return True  # c.F assigned, compared, measured, passed, ...
        return True  # c itself handed on, assigned or taken the address of
    return False


def _never_expected_nil(pkg, sel: Node, file) -> bool:
    """Nothing in the package makes the field outside a constructor, takes its address, or
    compares it with nil or measures it: the code never plans for it to be nil."""
    key = pkg.shared_key(sel, file)
    if key is None or key.owner is None:
        return False
    if pkg.fields().is_lazy(key):
        return False
    for node, _ in pkg.accesses(key):
        p = node.parent
        while p is not None and p.type == "parenthesized_expression":
            p = p.parent
        if p is None:
            continue
        if p.type == "binary_expression" and any(unparen(c).type == "nil" for c in p.named_children):
            return False
        if p.type == "argument_list" and p.parent is not None:
            fn = p.parent.child_by_field_name("function")
            if fn is not None and fn.text == b"len":
                return False
    return True
