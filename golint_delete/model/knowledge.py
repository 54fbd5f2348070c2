"""Facts about the standard library that syntax cannot show: which named types are maps."""

from __future__ import annotations

from golint_delete.model.types import Basic, Func, Map, Mutex, Named, Opaque, Pointer, Slice

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
