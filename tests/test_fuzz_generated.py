"""Property-based fuzzing with hypothesis (issue 9, "Trustworthy on any input").

Inputs, each analysed with every rule through the same code path as
`golint-delete check - --stdin-filename fuzz.go` (in-process, for speed):

* generated Go programs around map operations: nested and labelled loops, goto, closures,
  goroutines, defer, select, type switches, generics, method values, shadowed builtins (`delete`,
  `make`, `clear`), nil maps, map fields, mutexes, sync.Map, HTTP handlers, linkname, cgo, unsafe,
  suppression comments, CRLF line ends and byte order marks;
* the same programs damaged by a few byte-level edits (near-valid code: error recovery paths);
* the same programs spread over two or three files of one package (names resolve across files);
* raw bytes: hypothesis `binary()` and `text()`, a soup of Go tokens, and Go assembly (`.s`).

Invariants checked on every input (`check_reports`): no exception and no "internal" error; every
finding, related location, fix edit and error position lies inside its file; the JSON report
matches a schema of its documented fields and the findings; the SARIF log is valid against the
official 2.1.0 schema and its regions lie inside the files; every other format renders (the XML
ones well-formed); a second analysis gives the same findings, errors and JSON text. One test also
runs Microsoft's SARIF validator with GitHub's ingestion rules over a batch of generated programs.

Runs are reproducible (`derandomize=True`, no example database) and do not shrink a failing input
(two analyses per step make that slow) unless GOLINT_DELETE_FUZZ_SHRINK=1. `bench/fuzz.py --mode
generate|bytes|all` runs the same strategies with random seeds for as long as asked and saves what
fails. Failures kept as regression cases: tests/fuzz_regressions/*.fuzz (one file, replayed by
tests/test_fuzz.py) and *.txtar (several files of a package, replayed here).
"""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import quote

import jsonschema
import pytest
import sarif_tools
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from golint_delete.engine import FileTask, Options, analyse
from golint_delete.findings import Finding
from golint_delete.report import FORMATS, json_report, sarif
from golint_delete.rules import BY_ID, REGISTRY
from golint_delete.rules.gd101_nil_map_write import WRITES
from golint_delete.runner import RunResult, run

pytestmark = pytest.mark.slow  # property-based runs over generated Go

# ---------------------------------------------------------------------------------------------
# Settings. Example counts are sized so the whole module runs in well under a minute on 2 cores.

GENERATED_EXAMPLES = 350
DAMAGED_EXAMPLES = 250
BINARY_EXAMPLES = 1500
SOUP_EXAMPLES = 1200
PACKAGE_EXAMPLES = 150
ASM_EXAMPLES = 300
MULTITOOL_EXAMPLES = 40
PARSE_RATE_EXAMPLES = 100

_HEALTH = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example,
           HealthCheck.filter_too_much]
# Shrinking a generated program re-runs two analyses per step and can take hypothesis's full five
# minutes; a failure is reported with the input as generated unless GOLINT_DELETE_FUZZ_SHRINK=1.
_PHASES = tuple(Phase) if os.environ.get("GOLINT_DELETE_FUZZ_SHRINK") == "1" else (
    Phase.explicit, Phase.reuse, Phase.generate)


def fuzz_settings(n: int) -> settings:
    return settings(derandomize=True, database=None, deadline=None, max_examples=n, phases=_PHASES,
                    suppress_health_check=_HEALTH, print_blob=False)


# ---------------------------------------------------------------------------------------------
# Generated Go programs.

_STRING_KEYS = ['"a"', '"b"', '"é"', '"日本"', '"🙂"', '""', "`raw`", 'fmt.Sprint(1)', 'strconv.Itoa(2)']
_INT_VALUES = ["1", "0", "-1", "v", "len({m})", "{m}[{k}] + 1", "n", "42"]
_CONDS = ["{v} > 0", "{v} == 0", "{m}[{k}] == 0", "{k} == \"a\"", "len({m}) > 2", "true", "n%2 == 0", "ok", "!ok",
          "{k} != \"\"", "rand.Intn(2) == 0"]
_PKG_OF = {"fmt.": "fmt", "strconv.": "strconv", "strings.": "strings", "sync.": "sync", "maps.": "maps",
           "math.": "math", "unsafe.": "unsafe", "http.": "net/http", "rand.": "math/rand", "runtime.": "runtime",
           "context.": "context", "atomic.": "sync/atomic", "errgroup.": "golang.org/x/sync/errgroup"}
_SUPPRESS = ["//nolint:GD202", "//nolint", "//nolint:GD101,GD201 // reviewed", "//lint:ignore GD401 reviewed",
             "//lint:ignore GD301", "//nolint:golint-delete", "//nolint:all", "// want `removes another key`",
             "//nolint:GD3", "//nolint:clear-loop"]
_LINKNAMES = ["runtime.mapaccess1", "runtime.mapassign", "runtime.mapdelete", "reflect.mapiterinit",
              "runtime.mapclear", "internal/runtime/maps.newTable", "runtime.evacuate", "runtime.makemap"]
_BUILTIN_SHADOWS = [
    "delete := func(m map[string]int, k string) { _, _ = m, k }",
    "delete := func(args ...any) {}",
    "clear := func(x any) { _ = x }",
    "make := func(n int) int { return n }",
    "var delete = func(m map[string]int, k string) { m[k] = 0 }",
    "len := func(any) int { return 0 }",
    "new := 3",
    "nil := 0",
    "{m} := 3",
    "{m} := {m}",
    "{m} := map[int]int{}",
    "string := 5",
]


class _Fn:
    """What statements of one block may name. Copied on entry to a nested block."""

    def __init__(self, maps, keys, vals, mutexes, generic=False, result=""):
        self.maps = list(maps)
        self.keys = list(keys)
        self.vals = list(vals)
        self.mutexes = list(mutexes)
        self.loop_labels: list[str] = []
        self.loops = 0
        self.ranging: list[tuple[str, str, str]] = []  # (map, key, value) of the enclosing range loops
        self.goto: list[str] = []
        self.generic = generic
        self.result = result

    def child(self) -> "_Fn":
        c = _Fn(self.maps, self.keys, self.vals, self.mutexes, self.generic, self.result)
        c.loop_labels, c.loops, c.goto = list(self.loop_labels), self.loops, self.goto
        c.ranging = list(self.ranging)
        return c


_RANGES: dict[tuple[int, int], st.SearchStrategy] = {}
_PERCENT = st.integers(0, 99)


class _Gen:
    """One program, drawn choice by choice (so hypothesis can shrink it)."""

    def __init__(self, draw) -> None:
        self.draw = draw
        self.counter = 0
        self.imports: set[str] = set()
        self.extra_top: list[str] = []

    # -- primitives (strategies are built once: building them costs more than drawing) -----------
    def pick(self, seq):
        return seq[self.upto(len(seq) - 1)]

    def chance(self, percent: int) -> bool:
        return self.draw(_PERCENT) < percent

    def upto(self, n: int, lo: int = 0) -> int:
        strategy = _RANGES.get((lo, n))
        if strategy is None:
            strategy = _RANGES[lo, n] = st.integers(lo, n)
        return self.draw(strategy)

    def fresh(self, base: str) -> str:
        self.counter += 1
        return f"{base}{self.counter}"

    def use(self, text: str) -> str:
        for prefix, pkg in _PKG_OF.items():
            if prefix in text:
                self.imports.add(pkg)
        return text

    # -- expressions ---------------------------------------------------------------------------
    def map_expr(self, fn: _Fn) -> str:
        if fn.maps and self.chance(90):
            return self.pick(fn.maps)
        return self.pick(["global", "nilGlobal", "map[string]int{}", "(map[string]int)(nil)", "idx",
                          "*pm", "ms[0]", "getMap()", "s.m"])

    def key_expr(self, fn: _Fn) -> str:
        if fn.keys and self.chance(75):
            return self.pick(fn.keys)
        if fn.generic:
            return self.pick(["k", "*new(K)", "zero"])
        return self.use(self.pick(_STRING_KEYS + ["math.NaN()", "fmt.Sprint(n)"]))

    def fill(self, template: str, fn: _Fn) -> str:
        m = self.map_expr(fn)
        if "{m} :=" in template:  # a declaration needs a plain name
            names = [x for x in fn.maps if x.isidentifier()]
            m = self.pick(names) if names else "m"
        m2 = self.map_expr(fn)
        k = self.key_expr(fn)
        v = self.pick(fn.vals) if fn.vals and self.chance(60) else self.pick(_INT_VALUES)
        v = v.replace("{m}", m).replace("{k}", k)
        mu = self.pick(fn.mutexes) if fn.mutexes else "mu"
        out = (template.replace("{m2}", m2).replace("{m}", m).replace("{k}", k).replace("{v}", v)
               .replace("{mu}", mu))
        return self.use(out)

    def cond(self, fn: _Fn) -> str:
        return self.fill(self.pick(_CONDS), fn)

    # -- statements ----------------------------------------------------------------------------
    def simple(self, fn: _Fn) -> str:
        kind = self.upto(31)
        if fn.ranging and self.chance(35):  # an operation on a map being ranged over
            m, key, val = self.pick(fn.ranging)
            other = self.key_expr(fn)
            return self.use(self.pick([
                f"delete({m}, {key})", f"if {val} == 0 {{\n\tdelete({m}, {key})\n}}", f"delete({m}, {other})",
                f"{m}[{other}] = {val}", f"{m}[{key}] = {val} + 1", f"{m}[{key} + \"x\"] = 1",
                f"if {key} != {other} {{\n\tdelete({m}, {other})\n}}",
                f"if strconv.Itoa({val}) == {key} {{\n\tcontinue\n}}",
                f"{m}[{key}]++", f"clear({m})", f"{m} = nil", f"{m} = map[string]int{{}}",
            ]))
        if kind <= 8:  # the map operations themselves, weighted up
            return self.fill(self.pick([
                "{m}[{k}] = {v}", "{m}[{k}]++", "{m}[{k}] += {v}", "{m}[{k}]--", "delete({m}, {k})",
                "clear({m})", "_ = {m}[{k}]", "{m}[{k}] |= 1", "delete({m}, {k})",
            ]), fn)
        if kind == 9:
            return self.fill("if _, ok := {m}[{k}]; ok {\n\tdelete({m}, {k})\n}", fn)
        if kind == 10:
            return self.fill(self.pick(["{m} = make(map[string]int)", "{m} = nil", "{m} = map[string]int{}",
                                        "{m} = make(map[string]int, 8)", "{m} = {m2}", "*pm = {m}",
                                        "{m} = maps.Clone({m2})"]), fn)
        if kind == 11:  # a new local map: nil, made, literal, or an alias
            name = self.fresh(self.pick(["m", "nm", "seen", "мапа", "idx"]))
            decl = self.fill(self.pick([
                "var {name} map[string]int", "{name} := make(map[string]int)",
                "{name} := map[string]int{\"a\": 1, \"é\": 2}", "{name} := {m}", "var {name} = map[string]int(nil)",
                "{name} := Index{}", "var {name} Index", "{name} := make(Set[string])",
                "{name} := map[float64]int{math.NaN(): 1}", "{name} := new(map[string]int)",
            ]), fn).replace("{name}", name)
            fn.maps.append(name if "new(" not in decl else f"(*{name})")
            return decl
        if kind == 12:
            return self.fill(self.pick(["{mu}.Lock()", "{mu}.Unlock()", "defer {mu}.Unlock()", "{mu}.RLock()",
                                        "{mu}.RUnlock()", "defer {mu}.RUnlock()",
                                        "{mu}.Lock()\ndefer {mu}.Unlock()"]), fn)
        if kind == 13:
            return self.fill(self.pick([
                "maps.DeleteFunc({m}, func(k string, v int) bool { return v == 0 })",
                "maps.Copy({m}, {m2})", "for k := range maps.Keys({m}) {\n\tdelete({m}, k)\n}",
                "fmt.Println(len({m}), {m}[{k}])", "sort.Strings(keys)",
                "sm.Range(func(k, v any) bool {\n\tsm.Delete(k)\n\treturn true\n})", "sm.Store({k}, {v})",
                "sm.Delete({k})", "atomic.AddInt64(&counter, 1)",
            ]), fn)
        if kind == 14:  # method values and method calls
            return self.fill(self.pick([
                "put := s.Put\nput({k}, {v})", "go s.Reset()", "defer s.Reset()", "reset := s.Reset\ngo reset()",
                "f := (*Store).Put\nf(s, {k}, {v})", "s.Put({k}, {v})", "s.m[{k}] = {v}", "delete(s.m, {k})",
                "s.inner.m[{k}]++", "s.byID[n] = {k}", "s.m = nil", "s.m = make(map[string]int)",
                "g := idx.Add\ng({k})", "idx.Add({k})",
            ]), fn)
        if kind == 15:
            return self.fill(self.pick(_BUILTIN_SHADOWS), fn)
        if kind == 16 and fn.loops:
            if fn.loop_labels and self.chance(50):
                return f"{self.pick(['break', 'continue'])} {self.pick(fn.loop_labels)}"
            return self.pick(["break", "continue"])
        if kind == 17 and fn.goto:
            return f"goto {self.pick(fn.goto)}"
        if kind == 18:
            return self.fill(self.pick(["ch <- {v}", "<-ch", "v, ok := <-ch\n_, _ = v, ok", "close(ch)"]), fn)
        if kind == 19:
            return self.return_stmt(fn)
        if kind == 20:
            return self.fill(self.pick([
                "p := (*hmap)(unsafe.Pointer(&{m}))\n_ = p.count",
                "_ = *(*int)(unsafe.Pointer(&{m}))", "_ = unsafe.Pointer(&{m})",
                "h := **(**hmap)(unsafe.Pointer(&{m}))\n_ = h.B", "C.keep(unsafe.Pointer(&{m}))",
            ]), fn)
        if kind == 21:
            return self.fill(self.pick(["n++", "v = {v}", "_ = {k}", "keys = append(keys, {k})", "n = len({m})",
                                        "runtime.Gosched()", "wg.Add(1)", "wg.Wait()", ";", "{}"]), fn)
        if kind == 22:
            return self.fill(self.pick(["{m}[{k}], n = {v}, 1", "{m}[{k}], {m2}[{k}] = {m2}[{k}], {m}[{k}]",
                                        "n, {m}[{k}] = {m}[{k}], n", "v, ok := {m}[{k}]\n_, _ = v, ok"]), fn)
        if kind == 23:
            return self.fill(self.pick(["ps.m[{k}] = {v}", "(*pm)[{k}] = {v}", "ms[0][{k}] = {v}",
                                        "getMap()[{k}] = {v}", "nested[{k}][{k}] = {v}",
                                        "nested[{k}] = map[string]int{}", "fm[math.NaN()] = 1",
                                        "delete(fm, math.NaN())", "anyMap[{k}] = {v}", "reg.counts[{k}] = {v}",
                                        "reg.counts[{k}]++", "reg.handlers[{k}] = nil",
                                        "if reg.counts == nil {\n\treg.counts = map[string]int{}\n}"]), fn)
        if kind == 24:  # odd but parseable: builtins with the wrong arity, in go/defer, parenthesised
            return self.fill(self.pick([
                "delete({m})", "delete()", "delete({m}, {k}, {k})", "delete({m}, {k},)", "delete({m}, keys...)",
                "clear()", "clear({m}, {m2})", "_ = make()", "_ = make(map[string]int, 1, 2)", "go delete({m}, {k})",
                "defer delete({m}, {k})", "defer clear({m})", "go clear({m})", "(delete)({m}, {k})",
                "delete(({m}), ({k}))", "({m})[{k}] = {v}", "(*&{m})[{k}]++", "Index({m})[{k}] = {v}",
                "map[string]int({m})[{k}] = {v}", "delete(map[string]int{}, {k})", "clear(nil)", "delete(nil, {k})",
                "{m}[{k}], {m}[{k}] = {v}, {v}", "_ = {m}[{k}][{k}]", "{m}.x[{k}] = {v}", "delete({m}.x, {k})",
                "for {m}[{k}] = range keys {\n}", "for {k}, {m}[{k}] = range {m2} {\n}",
                "f2[map[string]int, string, int]({m}, {k}, 1)",
                "var t struct{ m map[string]int }\nt.m[{k}] = {v}", "o := Outer{}\no.m[{k}] = {v}\ndelete(o.m, {k})",
                "reg.handlers[{k}]()", "x, y := make(map[string]int), map[string]int(nil)\nx[{k}], y[{k}] = 1, 2",
                "if {m} == nil {\n\t{m} = make(map[string]int)\n}\n{m}[{k}] = {v}", "{m}[{k}] = {m}[{k}]",
                "switch {\ncase {m} == nil:\n\treturn\n}", "{m}[<-ch] = {v}", "{m}[{k}] <<= 1", "{m}[{k}] &^= 1",
            ]), fn)
        if kind == 25 and self.chance(50):
            label = self.fresh("S")
            return self.fill(self.pick([
                f"{label}:\nswitch {{\ndefault:\n\tdelete({{m}}, {{k}})\n\tbreak {label}\n}}",
                f"{label}:\nselect {{\ncase <-ch:\n\t{{m}}[{{k}}]++\n\tbreak {label}\ndefault:\n}}",
                f"{label}:\n{{\n\tdelete({{m}}, {{k}})\n\tgoto {label}\n}}",
            ]), fn)
        return self.fill(self.pick(["{m}[{k}] = {v}", "delete({m}, {k})", "{m}[{k}]++", "_ = len({m})"]), fn)

    def return_stmt(self, fn: _Fn) -> str:
        if fn.result == "int":
            return self.fill(self.pick(["return {v}", "return len({m})", "return {m}[{k}]"]), fn)
        if fn.result == "error":
            return "return nil"
        return "return"

    def block(self, fn: _Fn, depth: int, lo: int = 0, hi: int = 4) -> list[str]:
        out = []
        for _ in range(self.upto(hi, lo)):
            stmt = self.stmt(fn, depth)
            if self.chance(6):
                stmt += " " + self.pick(_SUPPRESS)
            out.append(stmt)
        return out

    def stmt(self, fn: _Fn, depth: int) -> str:
        if depth <= 0 or self.chance(45):
            return self.simple(fn)
        kind = self.upto(15)
        inner = fn.child()
        if kind <= 3:  # range loops: the heart of the rules
            m = self.map_expr(fn)
            key = self.fresh(self.pick(["k", "key", "id", "name"]))
            val = self.fresh("v")
            header = self.pick([
                f"for {key} := range {m}", f"for {key}, {val} := range {m}", f"for _, {val} := range {m}",
                f"for range {m}", f"for {key} = range {m}", f"for {key}, _ := range {m}",
            ])
            if f"{key} " in header + " ":
                inner.keys.append(key)
            if val in header:
                inner.vals.append(val)
            inner.ranging.append((m, key if f"{key} " in header + " " else "_", val if val in header else "0"))
            inner.loops += 1
            label = ""
            if self.chance(30):
                label = self.fresh("L")
                inner.loop_labels.append(label)
            body = self.block(inner, depth - 1, 1, 4)
            if f"{key} = range" in header:
                header = f"var {key} string\n" + header
            return (f"{label}:\n" if label else "") + header + " {\n" + _indent(body) + "}"
        if kind == 4:  # counting and condition loops
            inner.loops += 1
            label = ""
            if self.chance(25):
                label = self.fresh("L")
                inner.loop_labels.append(label)
            header = self.pick(["for i := 0; i < 3; i++", "for i := range 10", "for", "for n < 10",
                                "for _, k := range keys", "for k := range ch", "for _, sub := range nested"])
            if "k :=" in header:
                inner.keys.append("k")
            if "sub" in header:
                inner.maps.append("sub")
            body = self.block(inner, depth - 1, 1, 3)
            if header == "for":
                body.append("break")
            return (f"{label}:\n" if label else "") + header + " {\n" + _indent(body) + "}"
        if kind == 5:
            text = f"if {self.cond(fn)} {{\n" + _indent(self.block(inner, depth - 1)) + "}"
            if self.chance(40):
                text += " else {\n" + _indent(self.block(fn.child(), depth - 1)) + "}"
            return text
        if kind == 6:
            k = self.key_expr(fn)
            cases = ['case "a", "b":\n' + _indent(self.block(inner, depth - 1, 0, 2)),
                     "default:\n" + _indent(self.block(fn.child(), depth - 1, 0, 2))]
            if self.chance(20):
                cases[0] += "\tfallthrough\n"
            return f"switch {k} {{\n" + "".join(cases) + "}"
        if kind == 7:  # type switch binding a map
            m = self.map_expr(fn)
            x = self.fresh("x")
            inner.maps.append(x)
            return (f"switch {x} := any({m}).(type) {{\ncase map[string]int:\n"
                    + _indent(self.block(inner, depth - 1, 1, 3))
                    + f"case Index, map[int]int:\n\t_ = {x}\ncase nil:\ndefault:\n\t_ = {x}\n}}")
        if kind == 8:
            return ("select {\ncase <-ch:\n" + _indent(self.block(inner, depth - 1, 0, 2)) +
                    "case x := <-ch:\n\t_ = x\n" + _indent(self.block(fn.child(), depth - 1, 0, 2)) +
                    self.pick(["default:\n", "case <-done:\n\treturn\n", ""]) + "}")
        if kind == 9:  # goroutines
            inner.loops, inner.loop_labels = 0, []
            body = self.block(inner, depth - 1, 1, 3)
            form = self.pick(["go func() {\n{b}}()", "go func(k string) {\n{b}}({k})",
                              "wg.Add(1)\ngo func() {\n\tdefer wg.Done()\n{b}}()",
                              "g.Go(func() error {\n{b}\treturn nil\n})",
                              "go func() {\n\t{mu}.Lock()\n\tdefer {mu}.Unlock()\n{b}}()"])
            if "k string" in form:
                inner.keys.append("k")
            return self.fill(form, fn).replace("{b}", _indent(body))
        if kind == 10:  # closures and defer
            inner.loops, inner.loop_labels = 0, []
            body = _indent(self.block(inner, depth - 1, 1, 3))
            name = self.fresh("f")
            return self.pick([f"func() {{\n{body}}}()", f"defer func() {{\n{body}}}()",
                              f"{name} := func() {{\n{body}}}\n{name}()",
                              f"var {name} func()\n{name} = func() {{\n{body}}}\ngo {name}()",
                              f"{name} := func(m map[string]int) {{\n{body}}}\n{name}(nil)"])
        if kind == 11 or kind >= 14:
            if kind == 11:
                return "{\n" + _indent(self.block(inner, depth - 1)) + "}"
            # the loops GD203 and GD301 rewrite, with something else in them now and then
            m = self.map_expr(fn)
            key, val = self.fresh("k"), self.fresh("v")
            inner.keys.append(key)
            inner.ranging.append((m, key, val))
            extra = _indent(self.block(inner, depth - 1, 0, 1)) if self.chance(30) else ""
            return self.use(self.pick([
                f"for {key}, {val} := range {m} {{\n\tif {val} <= 0 {{\n\t\tdelete({m}, {key})\n\t}}\n{extra}}}",
                f"for {key} := range {m} {{\n{extra}\tdelete({m}, {key})\n}}",
                f"for {key}, {val} := range {m} {{\n\tif strings.HasPrefix({key}, \"x\") || {val} == 0 {{\n"
                f"\t\tdelete({m}, {key})\n\t\tcontinue\n\t}}\n{extra}}}",
                f"for {key} := range {m} {{\n\tif _, ok := {self.map_expr(fn)}[{key}]; !ok {{\n"
                f"\t\tdelete({m}, {key})\n\t}}\n}}",
            ]))
        if kind == 12:  # write-then-read with locks around
            body = "\n".join(self.block(inner, depth - 1, 1, 2))
            return self.fill("{mu}.Lock()\n", fn) + body + self.fill("\n{mu}.Unlock()", fn)
        body = _indent(self.block(inner, depth - 1, 1, 2))
        return self.fill("if v, ok := {m}[{k}]; !ok || v == 0 {\n", fn) + body + "}"

    # -- declarations --------------------------------------------------------------------------
    def params(self, generic: bool) -> tuple[str, list[str], list[str]]:
        if generic:
            form = self.pick(["[K comparable, V any](m map[K]V, k K, v V)",
                              "[M ~map[K]V, K comparable, V any](m M, k K, v V)",
                              "[K comparable, V int | string](m map[K]V, other map[K]V, k K, v V)",
                              "[S ~map[K]struct{}, K comparable](m S, k K, v struct{})"])
            maps = ["m"] + (["other"] if "other" in form else [])
            return form, maps, ["k"]
        chosen = [p for p in ["m map[string]int", "other map[string]int", "k string", "v int", "n int",
                              "s *Store", "ch chan int", "pm *map[string]int", "idx Index", "ms []map[string]int"]
                  if self.chance(55)]
        names = [p.split()[0] for p in chosen]
        maps = [n for n, p in zip(names, chosen) if "map[" in p and not p.split()[1].startswith(("*", "[]"))]
        maps += ["idx"] if "idx" in names else []
        keys = [n for n in names if n == "k"]
        return "(" + ", ".join(chosen) + ")", maps, keys

    def func(self, i: int) -> str:
        kind = self.upto(9)
        generic = kind == 1
        result = self.pick(["", "", "int", "error"])
        params, maps, keys = self.params(generic)
        fn = _Fn(maps, keys, ["v"] if "v " in params or generic else [], ["mu", "rw"],
                 generic=generic, result=result)
        header = f"func f{i}{params} {result}".rstrip()
        comment = ""
        if kind == 2:  # a method on a map-holding struct
            recv = self.pick(["s *Store", "s Store"])
            fn.maps += ["s.m", "s.byID" if self.chance(20) else "s.m"]
            fn.mutexes = ["s.mu", "s.rw"]
            header = f"func ({recv}) M{i}{params} {result}".rstrip()
        elif kind == 3:  # HTTP handlers
            fn.maps += ["global", "s.m"] if self.chance(50) else ["global"]
            header = self.pick([f"func handler{i}(w http.ResponseWriter, r *http.Request)",
                                "func (s *Store) ServeHTTP(w http.ResponseWriter, r *http.Request)"])
            fn.keys.append("r.URL.Path")
            fn.result = ""
            self.imports.add("net/http")
            self.extra_top.append(f'func init() {{ http.HandleFunc("/{i}", handler{i}) }}' if "handler" in header
                                  else "var _ http.Handler = (*Store)(nil)")
        elif kind == 4:  # generic container methods
            header = self.pick([f"func (c *Cache[K, V]) Put{i}(k K, v V)", f"func (s Set[K]) Add{i}(k K)"])
            fn = _Fn(["c.m"] if "Cache" in header else ["s"], ["k"], ["v"], ["c.mu"] if "Cache" in header else ["mu"],
                     generic=True)
        elif kind == 5 and self.chance(40):  # exported to C
            comment = f"//export f{i}\n"
            self.imports.add("C")
        if self.chance(10):
            comment = self.pick(["//lint:ignore GD202 reviewed\n", "//nolint\n", "// f does things.\n",
                                 "//go:noinline\n"]) + comment
        fn.goto = [self.fresh("G") for _ in range(self.upto(2) if self.chance(25) else 0)]
        body = self.block(fn, self.upto(3, 1), 1, 5)
        for label in fn.goto:  # place every goto target somewhere at function level
            at = self.upto(len(body))
            body.insert(at, f"{label}:" + ("" if at < len(body) else "\n;"))
        if fn.result and self.chance(85):
            body.append(self.return_stmt(fn))
        elif fn.result:
            body.append("panic(\"unreachable\")")
        return comment + header + " {\n" + _indent(body) + "}"

    def top_decls(self) -> list[str]:
        decls = []
        self.imports.add("sync")
        fields = ["mu sync.Mutex", "rw sync.RWMutex", "m map[string]int", "byID map[int]string", "inner *Store",
                  "count int", "Index"]
        if self.chance(10):  # some fields dropped, one duplicated
            fields = [f for f in fields if self.chance(80)] + ["m map[string]int"]
        else:  # sometimes with an embedded map type
            fields = [f for f in fields if f != "Index" or self.chance(20)]
        decls.append("type Store struct {\n" + _indent(fields) + "}")
        decls.append(self.pick(["type Index map[string]int", "type Index = map[string]int",
                                "type Index map[string]int\n\nfunc (i Index) Add(k string) { i[k]++ }"]))
        if self.chance(80) and "func (i Index)" not in decls[-1]:
            decls.append("func (i Index) Add(k string) { i[k] = len(i) }")
        decls.append(self.pick(["type Set[K comparable] map[K]struct{}", "type Set[K comparable] = map[K]struct{}",
                                "type Set[K interface{ comparable; ~string }] map[K]struct{}"]))
        decls.append("type Registry struct {\n\thandlers map[string]func()\n\tcounts   map[string]int\n}")
        decls.append(self.pick(["func NewRegistry() *Registry {\n\treturn &Registry{}\n}",
                                "func NewRegistry() Registry { return Registry{handlers: nil} }",
                                "func newRegistry() *Registry { return new(Registry) }"]))
        decls.append("var reg = &Registry{}")
        decls.append("type Outer struct {\n\tStore\n\t*Registry\n}")
        decls.append("type Cache[K comparable, V any] struct {\n\tmu sync.Mutex\n\tm  map[K]V\n}")
        decls.append(self.pick([
            "var (\n\tmu        sync.Mutex\n\trw        sync.RWMutex\n\tglobal    = map[string]int{}\n"
            "\tnilGlobal map[string]int\n\tsm        sync.Map\n)",
            "var global, nilGlobal map[string]int\nvar mu, rw sync.RWMutex\nvar sm sync.Map",
            "var global = make(map[string]int)\nvar nilGlobal map[string]int\nvar mu sync.Mutex\n"
            "var rw sync.RWMutex\nvar sm sync.Map",
        ]))
        decls.append("var (\n\tch     = make(chan int)\n\tdone   chan struct{}\n\tkeys   []string\n\tn, v   int\n"
                     "\tok     bool\n\tzero   string\n\twg     sync.WaitGroup\n\tcounter int64\n"
                     "\tnested map[string]map[string]int\n\tfm     map[float64]int\n\tanyMap map[any]int\n"
                     "\tps     = &Store{}\n\tg      errgroup.Group\n)")
        if self.chance(60):
            decls.append(self.pick([
                "func NewStore() *Store {\n\treturn &Store{m: map[string]int{}}\n}",
                "func NewStore() *Store {\n\treturn &Store{}\n}",
                "func NewStore() *Store {\n\ts := new(Store)\n\ts.m = make(map[string]int)\n\treturn s\n}",
                "func NewStore() Store { return Store{byID: nil} }",
            ]))
        if self.chance(50):
            decls.append(self.pick([
                "func (s *Store) Put(k string, v int) {\n\ts.mu.Lock()\n\tdefer s.mu.Unlock()\n\ts.m[k] = v\n}",
                "func (s *Store) Put(k string, v int) {\n\ts.rw.RLock()\n\ts.m[k] = v\n\ts.rw.RUnlock()\n}",
                "func (s Store) Put(k string, v int) { s.m = map[string]int{k: v} }",
            ]))
        if self.chance(50):
            decls.append(self.pick([
                "func (s *Store) Reset() {\n\tfor k := range s.m {\n\t\tdelete(s.m, k)\n\t}\n}",
                "func (s *Store) Reset() { s.m = nil }",
                "func (s *Store) Reset() {\n\ts.mu.Lock()\n\tclear(s.m)\n\ts.mu.Unlock()\n}",
            ]))
        if self.chance(50):
            decls.append("func getMap() map[string]int { return global }")
        if self.chance(40):
            decls.append(self.pick([
                "func (s *Store) Sum() (n int) {\n\tfor _, v := range s.m {\n\t\tn += v\n\t}\n\treturn\n}",
                "func (s *Store) Sum() (n int) {\n\ts.rw.RLock()\n\tdefer s.rw.RUnlock()\n"
                "\tfor _, v := range s.m {\n\t\tn += v\n\t}\n\treturn n\n}",
                "func (r *Registry) Add(k string) { r.counts[k]++ }",
                "func (r Registry) Add(k string, f func()) {\n\tr.handlers[k] = f\n}",
            ]))
        if self.chance(15):  # package-level shadows of builtins
            decls.append(self.pick(["func delete(m map[string]int, k string) { m[k] = 0 }", "var clear = func(any) {}",
                                    "func make(n int) []int { return nil }", "type any = int", "const nil = 0",
                                    "func len(x any) int { return 1 }"]))
        if self.chance(15):
            self.imports.add("unsafe")
            name = self.pick(["mapaccess", "mapassign", "mapdelete", "evacuate", "mapiterinit"])
            decls.append(f"//go:linkname {name} {self.pick(_LINKNAMES)}\n"
                         f"func {name}(t, h, key unsafe.Pointer) unsafe.Pointer")
        if self.chance(15):  # copies of the runtime's map layouts
            self.imports.add("unsafe")
            decls.append(self.pick([
                "type hmap struct {\n\tcount     int\n\tflags     uint8\n\tB         uint8\n\tnoverflow uint16\n"
                "\thash0     uint32\n\tbuckets   unsafe.Pointer\n\toldbuckets unsafe.Pointer\n"
                "\tnevacuate uintptr\n\textra     unsafe.Pointer\n}",
                "type hmap struct {\n\tcount int\n\tflags byte\n\tB byte\n}",
                "type bmap struct {\n\ttophash [8]uint8\n}",
                "type hmap struct{ used uint64; seed uintptr; dirPtr unsafe.Pointer; dirLen int; globalDepth uint8 }",
            ]))
        return decls

    def parts(self) -> tuple[str, str, list[str], list[str]]:
        """(package clause, cgo preamble and imports, type/var declarations, functions)."""
        funcs = [self.func(i) for i in range(self.upto(4, 1))]
        if self.chance(50):
            body = self.block(_Fn(["global", "nilGlobal"], [], [], ["mu", "rw"]), 2, 1, 4)
            funcs.append("func main() {\n" + _indent(body) + "}")
        decls = self.top_decls() + self.extra_top
        text_so_far = "\n".join(funcs + decls)
        self.use(text_so_far)
        if "sort." in text_so_far:
            self.imports.add("sort")
        if "C." in text_so_far:
            self.imports.add("C")
        imports = sorted(p for p in self.imports if p != "C")
        head = self.pick(["package main\n", "package p\n", "// Package p is generated.\npackage p\n",
                          "//go:build linux\n\npackage main\n",
                          "//lint:file-ignore GD3 generated for tests\npackage main\n"])
        if self.chance(3):  # skipped as generated code: rarely, or little would be analysed
            head = "// Code generated by fuzz. DO NOT EDIT.\n\n" + head
        preamble = ""
        if "C" in self.imports:
            preamble += "\n/*\n#include <stdint.h>\nstatic void keep(void *p) { (void)p; }\n*/\nimport \"C\"\n"
        if imports:
            if len(imports) == 1 or self.chance(20):
                preamble += "\n" + "".join(f'import "{p}"\n' for p in imports)
            else:
                preamble += "\nimport (\n" + "".join(f'\t"{p}"\n' for p in imports) + ")\n"
        return head, preamble, decls, funcs

    def variants(self, src: str) -> str:
        """Formatting variants: statements of a nested block joined by `;`, CRLF line ends, a byte
        order mark."""
        if self.chance(5):
            src = _join_statements(src)
        if self.chance(8):
            src = src.replace("\n", "\r\n")
        if self.chance(4):
            src = "\ufeff" + src
        return src

    def file(self) -> str:
        head, preamble, decls, funcs = self.parts()
        ordered = decls + funcs if self.chance(70) else funcs + decls
        return self.variants(head + preamble + "\n" + "\n\n".join(ordered) + "\n")

    def package(self) -> dict[str, str]:
        """The same program spread over two or three files of one folder: declarations in one,
        functions in the others; the last may be an external test package (`package p_test`)."""
        head, preamble, decls, funcs = self.parts()
        cut = self.upto(len(funcs))
        groups = [("a.go", decls), ("b.go", funcs[:cut])] + ([("c.go", funcs[cut:])] if cut < len(funcs) else [])
        files = {}
        for i, (name, body) in enumerate(groups):
            clause = head
            if i == len(groups) - 1 and i > 0 and self.chance(30):
                name = name.replace(".go", "_test.go")
                clause = re.sub(r"^package (\w+)", r"package \1_test", head, flags=re.MULTILINE)
            files[name] = self.variants(clause + preamble + "\n" + "\n\n".join(body) + "\n")
        return files


def _join_statements(src: str) -> str:
    out: list[str] = []
    for line in src.split("\n"):
        prev = out[-1] if out else ""
        if (line.startswith("\t\t") and line[2:3] not in ("\t", "}", "")
                and not line[2:].startswith(("case ", "default:"))
                and prev.startswith("\t") and prev[-1:] not in ("{", ":", ",") and "//" not in prev):
            out[-1] = prev + "; " + line[2:]
        else:
            out.append(line)
    return "\n".join(out)


def _indent(lines: list[str]) -> str:
    out = []
    for stmt in lines:
        for line in stmt.split("\n"):
            out.append(("\t" + line) if line else "")
    return "\n".join(out) + "\n" if out else ""


@st.composite
def go_programs(draw) -> bytes:
    """A Go file (package clause, imports, types, funcs) centred on map operations; meant to parse,
    not to compile."""
    return _Gen(draw).file().encode("utf-8")


@st.composite
def damaged_programs(draw) -> bytes:
    """A generated program after a few byte-level edits: deleted, duplicated or inserted runs."""
    data = bytearray(draw(go_programs()))
    for _ in range(draw(st.integers(1, 3))):
        op = draw(st.integers(0, 4))
        i = draw(st.integers(0, len(data)))
        j = draw(st.integers(i, min(len(data), i + 40)))
        if op == 0:
            del data[i:j]
        elif op == 1:
            data[i:i] = data[i:j]
        elif op == 2:
            data[i:i] = draw(st.sampled_from(GO_TOKENS))
        elif op == 3:
            del data[i:]
        else:
            data[i:j] = draw(st.binary(max_size=6))
    return bytes(data)


@st.composite
def go_packages(draw) -> dict[str, bytes]:
    """A generated program spread over the files of one folder (one package, maybe an external test
    package too)."""
    return {name: text.encode("utf-8") for name, text in _Gen(draw).package().items()}


GO_TOKENS = [t.encode() for t in (
    "package", "p", "main", "import", '"sync"', '"C"', "func", "map", "[", "]", "{", "}", "(", ")", "string",
    "int", "any", "comparable", "delete", "clear", "make", "new", "len", "range", "for", "if", "else", "switch",
    "case", "default", "select", "go", "defer", "return", "break", "continue", "goto", "fallthrough", "type",
    "struct", "interface", "chan", "<-", "var", "const", "iota", "nil", "true", ":=", "=", "++", "--", "+=", "|",
    "~", "&", "*", ".", ",", ";", ":", "...", "m", "k", "v", "s", "L", "L:", "mu", "mu.Lock()", "mu.Unlock()",
    "sync.Mutex", "sync.RWMutex", "s.m", "m[k]", "m[k] = v", "delete(m, k)", "clear(m)", "for k := range m",
    "go func() {", "}()", "func(", "[K comparable, V any]", "map[K]V", "map[string]int", '"a"', "`raw`", "'x'",
    "0x1p-2", "1_000", "1e9", "3i", "//nolint:GD202", "//lint:ignore GD101 why", "//lint:file-ignore GD3 why",
    "//go:linkname f runtime.mapaccess1", "//export f", "/*", "*/", "//", "unsafe.Pointer", "hmap", "count",
    "flags", "B", "math.NaN()", "http.HandleFunc", "w http.ResponseWriter, r *http.Request", "ServeHTTP",
    "é", "мапа", "🙂", "\n", "\n", "\t", " ", "\r\n", "\ufeff", "\\", '"', "`", "#", "$", "?", "@",
)] + [b"\xff", b"\xc3", b"\x00", b"\x80\x80", b"\xed\xa0\x80"]


@st.composite
def token_soup(draw) -> bytes:
    """Go-ish token sequences: keywords, punctuation and map operations in random order."""
    toks = draw(st.lists(st.tuples(st.sampled_from(GO_TOKENS), st.sampled_from([b"", b" ", b" ", b"\n", b"\t"])),
                         max_size=120))
    body = b"".join(t + sep for t, sep in toks)
    prefix = draw(st.sampled_from([b"", b"package p\n\n", b"package main\n\nfunc f(m map[string]int, k string) {\n"]))
    return prefix + body


ASM_TOKENS = [t.encode() for t in (
    "#include \"textflag.h\"", "TEXT", "·f(SB)", "·lookup(SB), NOSPLIT, $0-24", "$40-40", "CALL", "JMP", "MOVQ",
    "AX", "BX", "0(SP)", "m+8(FP)", "RET", "runtime·mapaccess1_faststr(SB)", "runtime·mapassign(SB)",
    "runtime·mapdelete(SB)", "runtime·makemap(SB)", "reflect·mapiterinit(SB)",
    "runtime∕internal∕maps·newTable(SB)",
    "runtime.mapaccess2(SB)", "GLOBL", "DATA", "// CALL runtime·mapassign(SB)", "/*", "*/", "//", "·", "∕", "(SB)",
    "$", ",", "#define", "\\", "\n", "\n", "\t", " ", "\r\n", "\xff",
)] + [b"\xff", b"\xe2\x88", b"\x00"]


@st.composite
def asm_soup(draw) -> bytes:
    """Go assembly-ish text, the input of GD504's text check."""
    toks = draw(st.lists(st.tuples(st.sampled_from(ASM_TOKENS), st.sampled_from([b"", b" ", b"\n", b"\t"])),
                         max_size=80))
    return b"".join(t + sep for t, sep in toks)


raw_bytes = st.one_of(st.binary(max_size=600), st.text(max_size=300).map(lambda s: s.encode("utf-8")),
                      st.binary(max_size=200).map(lambda b: b"package p\n\n" + b))


# ---------------------------------------------------------------------------------------------
# Invariants.

OPTS = Options(rules=tuple(r.id for r in REGISTRY))
NAME = "fuzz.go"
_RULE_IDS = {r.id for r in REGISTRY}
_POS = {"type": "integer", "minimum": 1}
JSON_REPORT_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["version", "findings", "errors"],
    "properties": {
        "version": {"type": "string", "minLength": 1},
        "findings": {"type": "array", "items": {
            "type": "object",
            "required": ["rule", "name", "severity", "path", "line", "column", "end_line", "end_column", "message",
                         "fix", "related", "fingerprint"],
            "properties": {
                "rule": {"enum": sorted(_RULE_IDS)},
                "name": {"type": "string", "minLength": 1},
                "severity": {"enum": ["error", "warning", "note"]},
                "path": {"type": "string", "minLength": 1},
                "line": _POS, "column": _POS, "end_line": _POS, "end_column": _POS,
                "message": {"type": "string", "minLength": 1},
                "fix": {"oneOf": [{"type": "null"}, {
                    "type": "object", "required": ["title", "safe", "edits"],
                    "properties": {
                        "title": {"type": "string", "minLength": 1}, "safe": {"type": "boolean"},
                        "edits": {"type": "array", "minItems": 1, "items": {
                            "type": "object", "required": ["start_byte", "end_byte", "new_text"],
                            "properties": {"start_byte": {"type": "integer", "minimum": 0},
                                           "end_byte": {"type": "integer", "minimum": 0},
                                           "new_text": {"type": "string"}}}}}}]},
                "related": {"type": "array", "items": {
                    "type": "object", "required": ["path", "line", "column", "message"],
                    "properties": {"path": {"type": "string"}, "line": _POS, "column": _POS,
                                   "message": {"type": "string"}}}},
                "fingerprint": {"type": "string", "pattern": "^[0-9a-f]{32}$"},
            }}},
        "errors": {"type": "array", "items": {
            "type": "object", "required": ["path", "message", "kind", "line"],
            "properties": {"path": {"type": "string"}, "message": {"type": "string", "minLength": 1},
                           "kind": {"type": "string", "minLength": 1},
                           "line": {"oneOf": [{"type": "null"}, _POS]}}}},
    },
}
_JSON_VALIDATOR = jsonschema.Draft202012Validator(JSON_REPORT_SCHEMA)


def analyse_like_the_cli(src: bytes, name: str = NAME) -> RunResult:
    """`golint-delete check - --stdin-filename NAME` with every rule, in-process. The runner turns an
    exception in the analysis into an "internal" error; then the analysis is repeated without it, so
    that the exception itself (with its traceback) fails the caller."""
    result = run([], OPTS, go_version=(1, 27), jobs=1, stdin=(name, src))
    internal = [e for e in result.errors if e.kind == "internal"]
    if internal:
        analyse([FileTask(name, name, (1, 27), source=src)], OPTS, BY_ID)
        raise AssertionError(f"internal error, not reproduced outside the runner: {internal}")
    return result


def analyse_package(files: dict[str, bytes]) -> RunResult:
    """The files of one folder analysed together (names resolve across them), gathered and sorted
    as the runner does. Exceptions propagate."""
    results = analyse([FileTask(n, n, (1, 27), source=src) for n, src in sorted(files.items())], OPTS, BY_ID)
    out = RunResult()
    for r in sorted(results, key=lambda r: r.path):
        out.files += 1
        out.findings.extend(r.findings)
        out.errors.extend(r.errors)
    out.findings.sort(key=Finding.sort_key)
    out.errors.sort(key=lambda e: (e.path, e.line, e.kind, e.message))
    return out


def _inside(lines: list[bytes], pos, what) -> None:
    assert 1 <= pos.line <= len(lines), (what, pos, len(lines))
    assert 1 <= pos.column_utf16 <= pos.column <= len(lines[pos.line - 1]) + 1, (what, pos, lines[pos.line - 1])


def check_positions(files: dict[str, bytes], result: RunResult) -> None:
    """Every finding, related location, fix edit and error position lies inside its file."""
    lines = {name: src.split(b"\n") for name, src in files.items()}
    for f in result.findings:
        assert f.path in files and f.rule in _RULE_IDS, f
        _inside(lines[f.path], f.start, f)
        _inside(lines[f.path], f.end, f)
        assert (f.start.line, f.start.column) <= (f.end.line, f.end.column), f
        for r in f.related:
            assert r.path in files, r
            _inside(lines[r.path], r.start, r)
            _inside(lines[r.path], r.end, r)
            assert (r.start.line, r.start.column) <= (r.end.line, r.end.column), r
        if f.fix is not None:
            for e in f.fix.edits:
                assert 0 <= e.start_byte <= e.end_byte <= len(files[f.path]), (f, e)
    for e in result.errors:
        assert e.kind != "internal", e
        assert e.path in files, e
        if e.line:
            file_lines = lines[e.path]
            assert 1 <= e.line <= len(file_lines) and 1 <= e.column <= len(file_lines[e.line - 1]) + 1, e


def check_json(text: str, result: RunResult) -> None:
    doc = json.loads(text)
    errors = sorted(_JSON_VALIDATOR.iter_errors(doc), key=lambda e: e.json_path)
    assert not errors, [f"{e.json_path}: {e.message}" for e in errors]
    assert [(f["rule"], f["line"], f["column"], f["end_line"], f["end_column"]) for f in doc["findings"]] == [
        (f.rule, f.start.line, f.start.column, f.end.line, f.end.column) for f in result.findings]


_VALID_DRIVERS: list[dict] = []


def check_sarif(text: str, files: dict[str, bytes]) -> None:
    """The log against the official schema, and its locations against the files. The tool.driver
    object (every rule's full documentation: most of the log, and of the validation time) is the same
    in every log: it is validated in full the first time it is seen, later logs without it."""
    doc = json.loads(text)
    [run_] = doc["runs"]
    driver = run_["tool"]["driver"]
    rules = [r["id"] for r in driver["rules"]]
    if driver in _VALID_DRIVERS:
        doc = {**doc, "runs": [{**run_, "tool": {"driver": {**driver, "rules": []}}}]}
    problems = sarif_tools.validate_schema(doc)
    assert problems == [], problems
    if driver not in _VALID_DRIVERS:
        _VALID_DRIVERS.append(driver)
    nlines = {quote(name, safe="/"): src.count(b"\n") + 1 for name, src in files.items()}
    for r in run_.get("results", []):
        assert rules[r["ruleIndex"]] == r["ruleId"], r
        for loc in r["locations"] + r.get("relatedLocations", []):
            where = loc["physicalLocation"]
            region, uri = where["region"], where["artifactLocation"]["uri"]
            assert 1 <= region["startLine"] <= region.get("endLine", region["startLine"]) <= nlines[uri], r
            if region.get("endLine", region["startLine"]) == region["startLine"] and "endColumn" in region:
                assert region["endColumn"] > region["startColumn"], r


def check_reports(files: dict[str, bytes], result: RunResult, again: RunResult, *,
                  sarif_schema: bool = True) -> tuple[str, str]:
    """Positions, every report format, and a second analysis (`again`) saying the same."""
    check_positions(files, result)
    as_json = json_report.render(result)
    check_json(as_json, result)
    as_sarif = sarif.render(result)
    if sarif_schema:
        check_sarif(as_sarif, files)
    else:
        json.loads(as_sarif)
    for fmt, render in FORMATS.items():
        if fmt not in ("json", "sarif"):
            out = render(result, colour=fmt == "text", show_source=True)
            assert isinstance(out, str), fmt
            if fmt in ("junit", "checkstyle"):
                ET.fromstring(out.encode("utf-8"))
    # Every report is a function of the findings and errors alone, so equal results mean equal
    # reports in every format; the JSON text is compared as well.
    assert (again.findings, again.errors) == (result.findings, result.errors), "a second analysis differs"
    assert json_report.render(again) == as_json, "a second analysis gave a different JSON report"
    return as_json, as_sarif


def check_invariants(src: bytes, *, name: str = NAME, sarif_schema: bool = True) -> tuple[str, str]:
    """Every invariant on one file given as stdin; returns the JSON and SARIF text."""
    result = analyse_like_the_cli(src, name)
    return check_reports({name: src}, result, analyse_like_the_cli(src, name), sarif_schema=sarif_schema)


def check_package_invariants(files: dict[str, bytes], *, sarif_schema: bool = True) -> tuple[str, str]:
    """Every invariant on the files of one folder analysed together."""
    result = analyse_package(files)
    return check_reports(files, result, analyse_package(files), sarif_schema=sarif_schema)


# ---------------------------------------------------------------------------------------------
# Tests.


# The name given with --stdin-filename: a test file (some rules skip or treat them apart), and paths
# that SARIF must percent-encode.
FILE_NAMES = ["fuzz.go", "fuzz_test.go", "sub dir/é.go", "a/b/c_linux.go"]


@fuzz_settings(GENERATED_EXAMPLES)
@given(src=go_programs(), name=st.sampled_from(FILE_NAMES))
def test_generated_programs(sarif_validators, src: bytes, name: str) -> None:
    check_invariants(src, name=name)


@fuzz_settings(DAMAGED_EXAMPLES)
@given(src=damaged_programs(), name=st.sampled_from(FILE_NAMES))
def test_damaged_generated_programs(sarif_validators, src: bytes, name: str) -> None:
    check_invariants(src, name=name)


@fuzz_settings(BINARY_EXAMPLES)
@given(src=raw_bytes)
def test_raw_bytes(sarif_validators, src: bytes) -> None:
    check_invariants(src)


@fuzz_settings(SOUP_EXAMPLES)
@given(src=token_soup())
def test_go_token_soup(sarif_validators, src: bytes) -> None:
    check_invariants(src)


def read_txtar(path: Path) -> dict[str, bytes]:
    """A txtar archive (golang.org/x/tools/txtar): a comment, then `-- name --` lines, each
    followed by that file's content."""
    files: dict[str, bytes] = {}
    name = None
    for line in path.read_bytes().splitlines(keepends=True):
        m = re.fullmatch(rb"-- (\S+) --\r?\n?", line)
        if m:
            name = m.group(1).decode()
            files[name] = b""
        elif name is not None:
            files[name] += line
    return files


def txtar(files: dict[str, bytes], comment: str = "") -> bytes:
    """The inverse of read_txtar (a file not ending in a newline gets one)."""
    out = comment.encode() + (b"\n" if comment and not comment.endswith("\n") else b"")
    for name, src in files.items():
        out += f"-- {name} --\n".encode() + src + (b"" if src.endswith(b"\n") or not src else b"\n")
    return out


PACKAGE_REGRESSIONS = sorted((Path(__file__).parent / "fuzz_regressions").glob("*.txtar"))


@pytest.mark.parametrize("case", PACKAGE_REGRESSIONS, ids=lambda p: p.stem)
def test_package_regression_cases(sarif_validators, case: Path) -> None:
    """Crashes and invariant failures that need several files of one package (single-file cases
    are *.fuzz, replayed by tests/test_fuzz.py)."""
    files = read_txtar(case)
    assert files, case
    check_package_invariants(files)


@fuzz_settings(PACKAGE_EXAMPLES)
@given(files=go_packages())
def test_generated_packages_of_several_files(sarif_validators, files: dict[str, bytes]) -> None:
    check_package_invariants(files)


@fuzz_settings(ASM_EXAMPLES)
@given(src=st.one_of(asm_soup(), st.binary(max_size=300)))
def test_assembly_bytes(sarif_validators, src: bytes) -> None:
    """Go assembly is read as text (GD504): a `.s` file of any bytes."""
    check_invariants(src, name="fuzz_amd64.s")


def test_generated_programs_mostly_parse() -> None:
    """The generator is worth its name only if most of what it makes is Go that tree-sitter reads
    without a syntax error, and if the rules find things in it."""
    seen: list[RunResult] = []

    @fuzz_settings(PARSE_RATE_EXAMPLES)
    @given(src=go_programs())
    def collect(src: bytes) -> None:
        seen.append(analyse_like_the_cli(src))

    collect()
    clean = [r for r in seen if not any(e.kind == "parse" for e in r.errors)]
    assert len(clean) >= 0.8 * len(seen), (len(clean), len(seen))
    rules = {f.rule for r in seen for f in r.findings}
    assert len(rules) >= 8, sorted(rules)


@fuzz_settings(GENERATED_EXAMPLES)
@given(src=go_programs())
def test_may_be_nil_admits_every_nil_write_of_generated_programs(src: bytes) -> None:
    """GD101 and GD103 skip a function's flow analysis when may_be_nil says no nil can reach a
    write: on every generated program, wherever the flow analysis (run anyway) finds a nil that
    reaches a map write, may_be_nil must have said yes."""
    from golint_delete import syntax
    from golint_delete.engine import _load
    from golint_delete.model.nilness import is_nil_fact
    from golint_delete.model.package import Package

    f = _load(FileTask(NAME, NAME, (1, 27), src), Options(rules=())).file
    if f is None:
        return
    pkg = Package(f.package_name, [f])
    for _, caps in syntax.matches(syntax.query(WRITES), f.root):
        write = pkg.map_write(caps["w"][0], f)
        if write is not None and any(is_nil_fact(x) for x in write.facts):
            assert pkg.may_be_nil(write.node, f), write.node.start_point


def test_generated_sarif_passes_github_ingestion_rules(sarif_validators, tmp_path: Path, monkeypatch) -> None:
    """Microsoft's validator (SARIF spec and GitHub ingestion rules, strict) over one log holding the
    findings of a batch of generated programs, each in its own package folder."""
    programs: list[bytes] = []

    @fuzz_settings(MULTITOOL_EXAMPLES)
    @given(src=st.one_of(go_programs(), damaged_programs()))
    def collect(src: bytes) -> None:
        programs.append(src)

    collect()
    for i, src in enumerate(programs):
        (tmp_path / f"p{i}").mkdir()
        (tmp_path / f"p{i}" / "main.go").write_bytes(src)
    monkeypatch.chdir(tmp_path)
    result = run(["."], OPTS, go_version=(1, 27), jobs=1)
    assert not [e for e in result.errors if e.kind == "internal"], result.errors
    assert len(result.findings) > MULTITOOL_EXAMPLES
    out = tmp_path / "out.sarif"
    out.write_text(sarif.render(result), encoding="utf-8")
    assert sarif_tools.validate_schema(json.loads(out.read_text(encoding="utf-8"))) == []
    errors, _warnings = sarif_tools.validate_multitool(out, strict=True)
    assert errors == []
