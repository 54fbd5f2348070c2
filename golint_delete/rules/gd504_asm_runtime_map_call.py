"""GD504 asm-runtime-map-call: Go assembly that calls or references a runtime map symbol
(`CALL runtime·mapaccess1_faststr(SB)`).

Assembly is not Go: it is read as text, with `//` and `/* */` comments blanked out first (keeping
offsets, so positions stay exact). A reference from assembly ties the code to the runtime's map
internals as tightly as a //go:linkname pull, and the linker applies the same Go 1.23 restrictions.
"""

from __future__ import annotations

from golint_delete.api import Ctx, Rule, Severity, linkname, owns_runtime_map_symbols

import re


# Package paths in assembly use U+2215 for '/' and U+00B7 before the symbol name.
_SYMBOL = re.compile(r"((?:[\w.]+\u2215)*[\w.]+)\u00b7(\w+)(?:<[^>]*>)?\(SB\)")
_COMMENTS = re.compile(r"//[^\n]*|/\*.*?\*/", re.DOTALL)


def _blank(m: re.Match) -> str:
    return re.sub(r"[^\n]", " ", m.group(0))


def check_asm(ctx: Ctx, source: bytes) -> None:
    if owns_runtime_map_symbols(ctx.file):
        return
    text = source.decode("utf-8", errors="replace")
    code = _COMMENTS.sub(_blank, text)
    for m in _SYMBOL.finditer(code):
        pkg = m.group(1).replace("\u2215", "/")
        target = f"{pkg}.{m.group(2)}"
        if not linkname.is_map_target(target):
            continue
        start = len(text[: m.start()].encode())
        end = start + len(m.group(0).encode())
        ctx.report((start, end),
                   f"assembly references {target}, an internal of the runtime's map implementation: it "
                   f"changed with Go 1.24's Swiss tables and Go 1.23's linker restrictions apply; "
                   f"call a Go function that uses {linkname.replacement(m.group(2))} instead")


RULE = Rule("GD504", "asm-runtime-map-call", Severity.ERROR, query=None, check=None, text_check=check_asm)
