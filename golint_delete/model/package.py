"""The semantic model of one Go package: its files, package-level declarations, and the questions
rules ask ("what does this name denote?", "are these the same map?", "is this a range over a map?").

Package-level declarations are collected from every file first (pyflakes' deferred bodies, for Go);
everything else is computed on demand and memoised, so rules that never ask cost nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from tree_sitter import Node, Tree

from golint_delete import syntax
from golint_delete.model import uses
from golint_delete.model.queries import INDEX
from golint_delete.model.scope import Obj, Resolver, statement_decls, universe
from golint_delete.syntax import MatchIndex, enclosing_function, statements, unparen, without_address


# Identifiers a statement assigns or whose address it takes (package_var_initial). Not part of the
# shared pass, which would convert them in every file (a third of its matches): only a
# package-level map var declared without a value asks, and then only of the files that spell it.
_ASSIGNED = (
    "(assignment_statement left: (expression_list (identifier) @id))"
    "(unary_expression operator: \"&\" operand: (identifier) @id)"
    "(range_clause left: (expression_list (identifier) @id))"
    "(inc_statement (identifier) @id) (dec_statement (identifier) @id)")


@dataclass
class SourceFile:
    path: str  # as shown to the user (relative to the working directory when possible)
    source: bytes
    tree: Tree
    go_version: tuple[int, int]
    package_name: str = ""
    sanitized: bool = False  # invalid UTF-8 bytes were replaced by '?' (same offsets) for analysis
    _imports: dict[bytes, Obj] | None = field(default=None, repr=False)
    _index: MatchIndex | None = field(default=None, repr=False)
    # For a sibling read only for its declarations: parses the file on first use (tree is None
    # until then). Most runs over named files never need most siblings' trees.
    lazy: object = field(default=None, repr=False)
    # The queries of the file's shared pass: the engine adds the directives' and the rules'.
    _index_texts: tuple = field(default=INDEX, repr=False)
    # Newer syntax rewritten so that the grammar parses it (golint_delete/newer.py): node text in
    # those spans is not the source's, so text shown to users is read from `source`.
    shim: object = field(default=None, repr=False)

    @property
    def root(self) -> Node:
        if self.tree is None and self.lazy is not None:
            (self.tree, self.shim), self.lazy = self.lazy(), None
        return self.tree.root_node

    def text(self, node: Node) -> bytes:
        """The source's bytes under `node` (its own text, unless newer syntax was rewritten)."""
        if self.shim is None:
            return node.text
        return self.source[node.start_byte:node.end_byte]

    @property
    def parsed(self) -> bool:
        return self.tree is not None

    @property
    def index(self) -> MatchIndex:
        """The file's one shared query pass (the engine sets it up with the rules' queries)."""
        if self._index is None:
            self._index = MatchIndex(self.root, self._index_texts)
        return self._index

    def imports(self) -> dict[bytes, Obj]:
        """Import names of this file: the alias, or the last element of the path (`_` and `.` skipped)."""
        if self._imports is None:
            imports: dict[bytes, Obj] = {}
            for decl in self.root.named_children:
                if decl.type != "import_declaration":
                    continue
                specs = [c for c in decl.named_children if c.type == "import_spec"]
                for lst in decl.named_children:
                    if lst.type == "import_spec_list":
                        specs.extend(c for c in lst.named_children if c.type == "import_spec")
                for spec in specs:
                    path_node = spec.child_by_field_name("path")
                    if path_node is None:
                        continue
                    path = path_node.text.strip(b"\"`")
                    name_node = spec.child_by_field_name("name")
                    name = name_node.text if name_node is not None else path.rsplit(b"/", 1)[-1]
                    if name in (b"_", b"."):
                        continue
                    imports[name] = Obj(name, "import", name_node, spec)
            self._imports = imports  # stored whole: a time budget may stop the loop
        return self._imports

    def import_path(self, obj: Obj) -> bytes | None:
        if obj.kind != "import" or obj.spec is None:
            return None
        path_node = obj.spec.child_by_field_name("path")
        return path_node.text.strip(b"\"`") if path_node is not None else None


@dataclass(frozen=True)
class RangeLoop:
    """`for key, value := range collection { body }` (key/value None when absent or blank)."""

    node: Node
    key: Node | None
    value: Node | None
    define: bool
    collection: Node
    body: Node


@dataclass(frozen=True)
class MapWrite:
    node: Node  # the index_expression written
    map: Node  # its operand
    path: tuple | None
    facts: frozenset
    func: Node


class SharedKey(NamedTuple):
    """The identity of a map shared across functions: field `name` of the package's struct type
    `owner` (any value of it), or the package-level var `name` (owner None)."""

    owner: bytes | None
    name: bytes


class FieldGuard(NamedTuple):
    """A map field with a writers' discipline: its identity, and the mutex its writes hold."""

    key: SharedKey
    guard: object  # locks.Guard


class Index(NamedTuple):
    """An index step of an access path: `[k]` with k a literal ("lit", text) or another path."""

    key: tuple


# Words a method's name or doc comment states "the caller holds the lock" with (model/locks.py
# declares_lock_held): a file without any of them declares no such method.
_CONTRACT_WORDS = re.compile(rb"(?i)locked|held|hold")

class Package:
    """The model of one package. Every question has one answer here; the analyses behind them
    are built once per package (or per function), on first use, by `analysis`/`per_function`."""

    def __init__(self, name: str, files: list[SourceFile]) -> None:
        self.name = name
        self.files = files
        self.resolver = Resolver(self)
        self._decls: dict[bytes, Obj] | None = None
        self._methods: dict[tuple[bytes, bytes], Node] | None = None
        self._types = None
        self._analyses: dict[type, object] = {}
        self._per_function: dict[tuple[type, Node], object] = {}
        self._memo: dict[tuple, object] = {}
        # Writer tables (method or function name -> declarations), built on first use: every call
        # statement asks, so they are kept at hand rather than in the memo table.
        self._receiver_writers: dict | None = None
        self._param_writers: dict | None = None
        self._written: dict[Node, Node | None] = {}
        self._active: dict[tuple, int] = {}  # questions being answered -> depth, outermost first
        self._provisional: set[tuple] = set()  # active ones that met an unfinished answer

    # Analyses (go/analysis's Requires/ResultOf, without a registry kept by import side effects) --

    def analysis(self, cls):
        """The package-wide analysis `cls` (built once, after the analyses it `requires`)."""
        got = self._analyses.get(cls)
        if got is None:
            for dep in getattr(cls, "requires", ()):
                self.analysis(dep)
            got = self._analyses[cls] = cls(self)
        return got

    def per_function(self, cls, func: Node, file: SourceFile):
        """The analysis `cls` of one function (built once per function, on first use)."""
        key = (cls, func)
        got = self._per_function.get(key)
        if got is None:
            got = self._per_function[key] = cls(self, file, func)
        return got

    def memo(self, question: str, key, compute, cycle=None):
        """One memo table for the model's questions. A question whose answer depends on itself
        (through callers or callees, say) gets `cycle` while it is being computed; the answers
        computed meanwhile on top of that placeholder are not kept but computed afresh when next
        asked, so no answer depends on which question of a cycle was asked first."""
        k = (question, key)
        if k in self._memo:
            return self._memo[k]
        depth = self._active.get(k)
        if depth is not None:
            self._provisional.update(list(self._active)[depth + 1:])
            return cycle
        self._active[k] = len(self._active)
        try:
            got = compute()
        except BaseException:
            self._provisional.discard(k)  # a timeout mid-way: memoised answers are only ever whole ones
            raise
        finally:
            del self._active[k]
        if k in self._provisional:
            self._provisional.discard(k)
        else:
            self._memo[k] = got
        return got

    @property
    def types(self):
        if self._types is None:
            from golint_delete.model.types import TypeModel

            self._types = TypeModel(self)
        return self._types

    def methods(self) -> dict[tuple[bytes, bytes], Node]:
        """(receiver base type name, method name) -> method_declaration."""
        if self._methods is None:
            self._methods = {}
            for f in self.files:
                for top in f.root.named_children:
                    if top.type != "method_declaration":
                        continue
                    name = top.child_by_field_name("name")
                    recv = top.child_by_field_name("receiver")
                    base = _receiver_base(recv)
                    if name is not None and base is not None:
                        self._methods.setdefault((base, name.text), top)
        return self._methods

    def nilness(self, func: Node, file: SourceFile):
        """Nil-ness facts of maps in one function (memoised)."""
        from golint_delete.model.nilness import FunctionNilness

        return self.per_function(FunctionNilness, func, file)

    def may_be_nil(self, index_expr: Node, file: SourceFile) -> bool:
        """False when no nil can reach the map `index_expr` writes, in its function: then
        map_write's facts hold no nil, and a rule that needs one can stop before the function's
        flow analysis, the costliest question rules ask."""
        from golint_delete.model.mutations import root_ident
        from golint_delete.model.nilness import is_nil_fact, nil_capable_names

        if index_expr.type == "call_expression" and not self._call_may_write_nil(index_expr, file):
            return False  # most calls: no writer's name, or nothing nil-capable handed to it
        operand = self.written_map(index_expr, file)
        if operand is None:
            return False  # a call that writes no receiver's map, or a broken index
        root = root_ident(operand)
        func = enclosing_function(index_expr, file.root)
        if root is None or func is None:
            return True  # not a path this check understands: let the flow analysis say
        if unparen(operand).type == "index_expression":
            # m[a][b] = v: only an element of a map of maps made here can be known nil, and making
            # one spells its type (`map[K]map[K2]V{}`, `make(map[K]map[K2]V)`).
            return b"]map[" in func.text
        names = self.memo("nil_names", func, lambda: nil_capable_names(func))
        bare = unparen(operand).type == "identifier"
        # A bare name is the map itself: only a nil of its own counts, not one in a field of it.
        if root.text in (names.whole if bare else names):
            return True
        if self._returned_nil(root.text, names):
            return True  # `m := f()` of a function that can return a nil map
        if bare:  # a package var declared without a value
            obj = self.object_of(root, file)
            if obj is not None and obj.spec is not None and _is_package_level(obj.spec):
                return any(is_nil_fact(f) for f in self.package_var_initial(obj))
        return False

    def writer_calls(self, file: SourceFile) -> list[Node]:
        """The call statements of a file that may write a map by their name alone: a method named
        like a receiver writer (http.Header's Add, Set; the package's own) or a function that
        writes a map parameter. Found in the text, so the other calls of a file, nearly all of
        them, never reach a rule."""
        from golint_delete.model.knowledge import STD_MAP_WRITER_NAMES

        def compute():
            names = set(self._receiver_writer_table()) | set(self._param_writer_table()) | set(STD_MAP_WRITER_NAMES)
            if not names:
                return []
            pattern = re.compile(rb"(?<![\w\x80-\xff])(" + b"|".join(re.escape(n) for n in sorted(names))
                                 + rb")\s*\(")
            out = []
            root = file.root
            for m in pattern.finditer(file.source):
                n = root.descendant_for_byte_range(m.start(1), m.end(1))
                if n is None or n.type not in ("identifier", "field_identifier"):
                    continue  # a comment, a string
                fn = n.parent if n.type == "field_identifier" else n
                call = fn.parent if fn is not None else None
                if call is None or call.type != "call_expression" or call.child_by_field_name("function") != fn \
                        or call.parent is None or call.parent.type != "expression_statement":
                    continue
                out.append(call)
            return out

        return self.memo("writer_calls", file.path, compute)

    def declares_lock_held(self, func: Node) -> bool:
        """Whether a function's name or doc comment says its caller holds a lock, whichever."""
        from golint_delete.model.locks import declares_lock_held

        return declares_lock_held(func)

    def locked_helper_calls(self, file: SourceFile) -> list[Node]:
        """The calls in a file of the package's methods that declare their receiver's lock held
        on entry (declared_entry_locks), found by name in the text: nearly every call of a file is
        of something else and never reaches a rule."""
        def helper_names():
            out = set()
            if not any(b"Lock()" in f.source for f in self.files):
                return out  # no mutex is ever locked in the package: no contract to keep
            for f in self.files:
                if not _CONTRACT_WORDS.search(f.source):
                    continue  # no declaration here can state one (and the file stays unparsed)
                for d in f.root.named_children:
                    if d.type == "method_declaration" and self.declared_entry_locks(d, f):
                        out.add(d.child_by_field_name("name").text)
            return out

        def compute():
            names = self.memo("locked_helper_names", None, helper_names)
            if not names:
                return []
            pattern = re.compile(rb"\.\s*(" + b"|".join(re.escape(n) for n in sorted(names)) + rb")\s*\(")
            out = []
            for m in pattern.finditer(file.source):
                n = file.root.descendant_for_byte_range(m.start(1), m.end(1))
                if n is None or n.type != "field_identifier":
                    continue  # a comment, a string
                call = n.parent.parent if n.parent is not None else None
                if call is not None and call.type == "call_expression" and call.child_by_field_name("function") == n.parent:
                    out.append(call)
            return out

        return self.memo("locked_helper_calls", file.path, compute)

    def _call_may_write_nil(self, call: Node, file: SourceFile) -> bool:
        """Cheap, before any type is resolved: the call has a writer's name, and its receiver or an
        argument is a name that may hold a nil in its function (or is a package var)."""
        from golint_delete.model.knowledge import STD_MAP_WRITER_NAMES
        from golint_delete.model.mutations import root_ident
        from golint_delete.model.nilness import nil_capable_names

        fn, name = _called_name(call)
        if name is None:
            return False
        candidates = []
        if fn.type == "selector_expression" and (name in STD_MAP_WRITER_NAMES or name in self._receiver_writer_table()):
            candidates.append(fn.child_by_field_name("operand"))
        if name in self._param_writer_table():
            candidates += syntax.named_non_comment_children(call.child_by_field_name("arguments"))
        func = enclosing_function(call)
        if not candidates or func is None:
            return False
        names = self.memo("nil_names", func, lambda: nil_capable_names(func))
        for c in candidates:
            root = root_ident(c) if c is not None else None
            if root is None or root.text in names or root.text in self.package_decls() \
                    or self._returned_nil(root.text, names):
                return True
        return False

    def _returned_nil(self, name: bytes, names) -> bool:
        """Whether `name` is assigned, in the function `names` describes, the result of a call of
        a function of the package that can return a nil map (by name: a superset)."""
        if not any(target == name for target, _ in names.called):
            return False
        from golint_delete.model.summaries import Summaries

        returners = self.analysis(Summaries).nil_returning_names()
        return any(target == name and fn in returners for target, fn in names.called)

    def written_map(self, node: Node, file: SourceFile) -> Node | None:
        """The map a write writes: m of `m[k]`; for a call, the receiver of a receiver-writing
        method (`x.Add(k, v)`), else the first argument a function writes as its map parameter
        (`fill(m)`, argument_maps_written)."""
        if node.type == "call_expression":
            if node in self._written:  # asked by GD101, GD102 and the nil-ness analysis alike
                return self._written[node]
            got = self.receiver_map_written(node, file)
            if got is None:
                args = self.argument_maps_written(node, file)
                got = args[0] if args else None
            self._written[node] = got
            return got
        return node.child_by_field_name("operand")

    def argument_maps_written(self, call: Node, file: SourceFile) -> list[Node]:
        """The arguments of a call of a package function that writes the map parameter they
        become on every call (`func fill(m map[string]int) { m["a"] = 1 }`, model/receivers.py):
        on a nil map, `fill(m)` panics like `m["a"] = 1`."""
        _, name = _called_name(call)
        writers = self._param_writer_table()
        if name is None or name not in writers:
            return []
        callee = self.callee(call, file)
        written = writers[name].get(callee.decl) if callee is not None else None
        if not written:
            return []
        args = syntax.named_non_comment_children(call.child_by_field_name("arguments"))
        out = []
        for i, pointer in written:
            if i >= len(args):
                continue
            # A pointer parameter (`Apply(q *url.Values)` writing q.Set): the map is the `x` of
            # the `&x` passed; a pointer variable passed on is not followed.
            m = syntax.address_operand(args[i]) if pointer else args[i]
            if m is not None and self.is_map(m, file):
                out.append(m)
        return out

    def _param_writer_table(self) -> dict:
        """Function name -> {declaration: (index, through a pointer) of each map parameter, or
        pointer-to-map parameter, it writes on every call}."""
        if self._param_writers is None:
            self._param_writers = self._find_param_writers()
        return self._param_writers

    def _find_param_writers(self) -> dict:
        from golint_delete.model.knowledge import STD_MAP_WRITER_NAMES
        from golint_delete.model.locks import param_objs
        from golint_delete.model.receivers import writes_receiver_on_every_call
        from golint_delete.model.types import Pointer, is_map

        writers = set(STD_MAP_WRITER_NAMES) | set(self._receiver_writer_table())  # `q.Set(` through a pointer
        out: dict[bytes, dict] = {}
        for f in self.files:
            pointers = _MAP_POINTER_PARAM.search(f.source) is not None
            if not _MAP_PARAM.search(f.source) and not pointers:
                continue  # no `name map[...]` (or `name *T`) in a signature
            for top in f.root.named_children:
                if top.type not in ("function_declaration", "method_declaration"):
                    continue
                body = top.child_by_field_name("body")
                plist = top.child_by_field_name("parameters")
                if body is None or plist is None:
                    continue
                # Only a parameter the body indexes (`m[`, `(*m)[`) or calls a method on (`q.Set(`)
                # can be written: most are not; skip them before resolving any type.
                names = [c.text for d in plist.named_children for i, c in enumerate(d.children)
                         if d.field_name_for_child(i) == "name"]
                text = body.text
                if not any(n + b"[" in text or pointers and (b"(*" + n + b")[" in text or any(
                        n + b"." + w + b"(" in text for w in writers)) for n in names):
                    continue
                params = param_objs(self, top, f)
                written = []
                for i, obj in enumerate(params or ()):
                    if obj is None:
                        continue
                    t = self.type_of_obj(obj, f)
                    if is_map(t):
                        if writes_receiver_on_every_call(body, obj.name, lambda call: False):
                            written.append((i, False))
                    elif pointers and isinstance(t, Pointer) and is_map(t.elem):
                        def via(call, name=obj.name, f=f):
                            recv = self.receiver_map_written(call, f, through_pointer=True)
                            return recv is not None and unparen(recv).type == "identifier" and recv.text == name
                        if writes_receiver_on_every_call(body, obj.name, via, deref=True):
                            written.append((i, True))
                if written:
                    out.setdefault(top.child_by_field_name("name").text, {})[top] = tuple(written)
        return out

    def receiver_map_written(self, call: Node, file: SourceFile, through_pointer: bool = False) -> Node | None:
        """For `x.M(...)` where M writes into its receiver's map as given (a value receiver of a
        named map type: http.Header.Add, url.Values.Set, or a method of this package whose body
        writes the receiver before making it): the receiver expression x, else None. On a nil
        map such a call panics like `x[k] = v`."""
        from golint_delete.model.knowledge import STD_MAP_WRITER_NAMES, STD_MAP_WRITERS
        from golint_delete.model.types import Named, Pointer, is_map

        fn, name = _called_name(call)
        if name is None or fn.type != "selector_expression":
            return None
        own = self._receiver_writer_table()
        if name not in STD_MAP_WRITER_NAMES and name not in own:
            return None
        operand = fn.child_by_field_name("operand")
        t = self.type_of(operand, file)
        if through_pointer and isinstance(t, Pointer):
            t = t.elem  # `q.Set(k, v)` with q *url.Values: Go calls (*q).Set
        if not isinstance(t, Named) or not is_map(t):
            return None
        if t.spec is None:
            return operand if name in STD_MAP_WRITERS.get(t.name, ()) else None
        callee = self.callee(call, file)
        return operand if callee is not None and callee.decl in own.get(name, ()) else None

    def _receiver_writer_table(self) -> dict:
        """Method name -> the package's methods of that name on a named map type, with a value
        receiver, that write into it on every call (model/receivers.py)."""
        if self._receiver_writers is None:
            self._receiver_writers = self._find_receiver_writers()
        return self._receiver_writers

    def _find_receiver_writers(self) -> dict:
        from golint_delete.model.receivers import is_receiver, writes_receiver_on_every_call
        from golint_delete.model.types import Named, is_map

        out: dict[bytes, set] = {}
        map_types = {m.group(1) for f in self.files for m in _MAP_TYPE.finditer(f.source)}
        for f in self.files:
            # Only a file with a value receiver that it indexes (`func (l Labels) ...` with Labels a map type, and `l[`)
            # can hold one: the others are not parsed for this question.
            if not any(m.group(2) in map_types and m.group(1) + b"[" in f.source
                       for m in _VALUE_RECEIVER.finditer(f.source)):
                continue
            for top in f.root.named_children:
                if top.type != "method_declaration" or b"[" not in top.text:
                    continue
                recv = syntax.named_non_comment_children(top.child_by_field_name("receiver"))
                rname = recv[0].child_by_field_name("name") if len(recv) == 1 else None
                rtype = recv[0].child_by_field_name("type") if len(recv) == 1 else None
                if rname is None or rtype is None or rtype.type != "type_identifier":
                    continue
                t = self.types.from_type_node(rtype, f)
                if not isinstance(t, Named) or not is_map(t):
                    continue

                def writer_call(call, f=f, rname=rname.text):
                    # Another writer of this package on the same receiver (one level).
                    fn = unparen(call.child_by_field_name("function"))
                    return fn.type == "selector_expression" and is_receiver(fn.child_by_field_name("operand"), rname) \
                        and fn.child_by_field_name("field").text in out

                if writes_receiver_on_every_call(top.child_by_field_name("body"), rname.text, writer_call):
                    out.setdefault(top.child_by_field_name("name").text, set()).add(top)
        return out

    def nonnil_at(self, node: Node, file: SourceFile) -> frozenset:
        """The access paths known non-nil on every path to the statement holding `node`, by the
        nil-ness analysis's guards (`if m == nil { return }`, `if len(m) > 0 {`, `m != nil &&`, a
        make): the one recogniser of nil guards. Empty when the function is not analysable."""
        from golint_delete.model.nilness import NonNilAt

        func = enclosing_function(node)
        if func is None:
            return frozenset()
        stmt = node
        while stmt.parent is not None and stmt.parent.type not in ("block", "statement_list"):
            if stmt.parent == func:
                return frozenset()
            stmt = stmt.parent
        flow = self.per_function(NonNilAt, func, file)
        return flow.nonnil.get(stmt, frozenset()) if flow.ok else frozenset()

    def shared_key_of_path(self, path: tuple, file: SourceFile) -> SharedKey | None:
        """shared_key for an access path: a package var, or a field of a struct of this package."""
        from golint_delete.model.types import Named, deref

        if len(path) == 1:
            return self.shared_key_of_var(path[0])
        if type(path[-1]) is not bytes:
            return None
        t = self.type_of_obj(path[0], file)
        for step in path[1:-1]:
            if type(step) is not bytes:
                return None
            ref = self.field(t, step)
            if ref is None:
                return None
            t = ref.type
        holder = deref(t)
        if isinstance(holder, Named) and holder.spec is not None and self.field(holder, path[-1]) is not None:
            return SharedKey(holder.name, path[-1])
        return None

    def map_write(self, index_expr: Node, file: SourceFile) -> "MapWrite | None":
        """For `m[k] = v`, `m[k] op= v`, `m[k]++`, and a call that writes its receiver's map
        (`h.Add(k, v)`, receiver_map_written): the written map and the nil-ness facts that reach
        the write (None when m is not known to be a map, or the function is not analysable)."""
        operand = self.written_map(index_expr, file)
        if operand is None or not self.is_map(operand, file):
            return None
        func = enclosing_function(index_expr, file.root)
        if func is None:
            return None
        flow = self.nilness(func, file)
        facts = flow.writes.get(index_expr)
        if not flow.ok or facts is None:
            return None
        return MapWrite(index_expr, operand, flow.path_of(operand), facts, func)

    def fields(self):
        """Package-wide construction, nil-reset and lazy-init facts (model/fields.py)."""
        from golint_delete.model.fields import FieldFacts

        return self.analysis(FieldFacts)

    @staticmethod
    def shared_key_of_var(obj: Obj) -> SharedKey | None:
        """The shared key of a package-level var, None for any other object."""
        if obj.kind == "var" and obj.spec is not None and _is_package_level(obj.spec):
            return SharedKey(None, obj.name)
        return None

    def shared_key(self, expr: Node, file: SourceFile) -> SharedKey | None:
        """For `x.f` with x of a struct type of this package, or a package-level var: the identity
        of the map across functions (every value of the type shares the key)."""
        from golint_delete.model.types import Named, deref

        e = unparen(expr)
        if e.type == "selector_expression":
            operand, fld = e.child_by_field_name("operand"), e.child_by_field_name("field")
            if operand is None or fld is None:
                return None
            holder = deref(self.type_of(operand, file))
            if isinstance(holder, Named) and holder.spec is not None:
                return SharedKey(holder.name, fld.text)
            return None
        if e.type == "identifier":
            obj = self.object_of(e, file)
            return None if obj is None else self.shared_key_of_var(obj)
        return None

    def accessors(self, expr: Node, file: SourceFile) -> list[Node]:
        """The functions of the package that use the same field or package var as `expr`."""
        key = self.shared_key(expr, file)
        if key is None:
            return []
        return [enclosing_function(n) for n, _ in self.accesses(key)]

    def accesses(self, key: SharedKey) -> list[tuple[Node, SourceFile]]:
        """Every mention of a shared field or package var in the package: (node, its file)."""
        return self.memo("accesses", None, self._access_index).get(key, [])

    def _access_index(self) -> dict:
        """Shared key -> its mentions inside functions (one syntax pass over the package)."""
        index: dict[tuple, list[tuple[Node, SourceFile]]] = {}
        q = syntax.query("(selector_expression field: (field_identifier)) @s (identifier) @i")
        for f in self.files:
            for _, caps in syntax.matches(q, f.root):
                node = (caps.get("s") or caps.get("i"))[0]
                if node.type == "identifier" and node.text not in self.package_decls():
                    continue
                k = self.shared_key(node, f)
                if k is not None and enclosing_function(node) is not None:
                    index.setdefault(k, []).append((node, f))
        return index

    def locks(self, func: Node, file: SourceFile):
        from golint_delete.model.locks import FunctionLocks

        return self.per_function(FunctionLocks, func, file)

    def locks_at(self, node: Node, file: SourceFile, from_callers: bool = True):
        """The LockSet held on every path to `node` (None if unreachable or outside any function):
        the locks its function takes, and with `from_callers` those every caller holds at every
        call (model/locks.py, entry_locks)."""
        from golint_delete.model.locks import held_at

        return held_at(self, node, file, from_callers)

    def declared_entry_locks(self, func: Node, file: SourceFile) -> frozenset:
        """The receiver mutexes a method's name (`...Locked`) or doc comment ("Lock should be
        held", "caller must hold s.mu") says its callers hold, as ((receiver, field), kind); the
        receiver's every mutex when the words name none of them (model/locks.py)."""
        from golint_delete.model.locks import _declared_entry_locks

        return self.memo("declared_entry_locks", func, lambda: _declared_entry_locks(self, func, file))

    # Calls -----------------------------------------------------------------------------------

    @property
    def calls(self):
        from golint_delete.model.calls import CallGraph

        return self.analysis(CallGraph)

    def callee(self, call: Node, file: SourceFile):
        """The function of this package a call reaches, resolved by the receiver's type (a Callee)."""
        return self.calls.callee(call, file)

    def func_value(self, expr: Node, file: SourceFile):
        """The function of this package an expression denotes as a value (`f`, `x.m`, a literal)."""
        return self.calls.func_value(expr, file)

    def file_of(self, node: Node, default: SourceFile) -> SourceFile:
        """The package file a node belongs to (`default` when it is not one of the package's)."""
        return self.types.file_of(node, default)

    def function_label(self, func: Node) -> str:
        """How Go names a function in messages: `f`, `T.m`, `(*T).m`; a literal by where it sits."""
        if func.type == "func_literal":
            outer = enclosing_function(func)
            return "a function literal" + (f" in {self.function_label(outer)}" if outer is not None else "")
        name = func.child_by_field_name("name")
        label = name.text.decode() if name is not None else "?"
        recv = func.child_by_field_name("receiver") if func.type == "method_declaration" else None
        decl = next((c for c in recv.named_children if c.type == "parameter_declaration"), None) if recv else None
        typ = decl.child_by_field_name("type") if decl is not None else None
        if typ is None:
            return label
        pointer = typ.type == "pointer_type"
        base = typ.named_children[0] if pointer and typ.named_children else typ
        if base.type == "generic_type":
            base = base.child_by_field_name("type") or base
        return f"(*{base.text.decode()}).{label}" if pointer else f"{base.text.decode()}.{label}"

    def callers(self, func: Node):
        """Every reference to a declared function in the package, as CallSites (call, go, defer,
        value, unresolved)."""
        return self.calls.callers(func)

    def qualified(self, expr: Node | None, file: SourceFile):
        """`pkg.Name` with pkg imported: Qualified(import path, name), else None."""
        from golint_delete.model.calls import qualified

        return qualified(self, expr, file)

    def just_built(self, expr: Node, at: Node, file: SourceFile) -> bool:
        """Whether the value `expr` (a variable, or a field path of one) reaches `at` made in this
        function and not yet handed to anyone: the variable's only value, or the one the last
        statement before `at` that assigns it gave it (`cfg = &gatewayCfg{...}; cfg.addURLs(..)`,
        in the same block or one around it, with nothing in between assigning it), is fresh or a
        package constructor's result. No other goroutine can have such a value yet."""
        from golint_delete.model.mutations import root_ident

        root = root_ident(expr)
        obj = self.object_of(root, file) if root is not None else None
        if obj is None or obj.kind != "var":
            return False
        value = self.sole_value(obj, file) or self._value_before(obj, at, file)
        return value is not None and self.is_made(value, file)

    def _value_before(self, obj: Obj, at: Node, file: SourceFile) -> Node | None:
        """The value of the last plain `x = v` / `x := v` of a local before `at`, found walking
        back through the statements of its block and the blocks around it; None if a statement on
        the way assigns it otherwise, or the function takes its address or captures it."""
        from golint_delete.model.flow import enclosing_statement
        from golint_delete.model.uses import ADDRESS, CAPTURED

        func = syntax.enclosing_function(at)
        if func is None:
            return None
        # A closure made, or an address taken, after `at` cannot have seen the value yet, unless a
        # loop around `at` runs it again.
        loops = []
        n = at.parent
        while n is not None and n != func:
            if n.type == "for_statement":
                loops.append(n)
            n = n.parent
        for u in self.uses(obj, file, func):
            if u.kind in (ADDRESS, CAPTURED) and (u.node.start_byte < at.end_byte or any(
                    lp.start_byte <= u.node.start_byte < lp.end_byte for lp in loops)):
                return None
        stmt = enclosing_statement(at)
        while stmt is not None:
            prev = stmt.prev_named_sibling
            while prev is not None:
                if prev.type in ("assignment_statement", "short_var_declaration") \
                        and (prev.type == "short_var_declaration" or prev.child_by_field_name("operator").text == b"="):
                    names = syntax.named_non_comment_children(prev.child_by_field_name("left"))
                    vals = syntax.named_non_comment_children(prev.child_by_field_name("right"))
                    hit = [i for i, n in enumerate(names) if n.type == "identifier" and n.text == obj.name
                           and self.object_of(n, file) == obj]
                    if hit:
                        return vals[hit[0]] if len(vals) == len(names) else None
                if prev.type != "comment" and self.assignments_to(prev, obj, file):
                    return None
                prev = prev.prev_named_sibling
            holder = stmt.parent.parent if stmt.parent is not None else None
            if holder is None or holder.type in syntax.FUNCS or holder == func:
                return None
            stmt = enclosing_statement(holder)
        return None

    def sole_value(self, obj: Obj, file: SourceFile) -> Node | None:
        """The only value a variable ever holds: its declaration's value, when nothing assigns it
        again or takes its address (None otherwise, and for parameters)."""
        spec = obj.spec
        if obj.kind != "var" or spec is None or obj.decl is None:
            return None
        if spec.type == "short_var_declaration":
            names = syntax.named_non_comment_children(spec.child_by_field_name("left"))
            values = spec.child_by_field_name("right")
        elif spec.type == "var_spec":
            names = [c for i, c in enumerate(spec.children) if spec.field_name_for_child(i) == "name"]
            values = spec.child_by_field_name("value")
        else:
            return None
        vals = syntax.named_non_comment_children(values) if values is not None else []
        if len(vals) != len(names) or obj.decl not in names:
            return None
        if _is_package_level(spec):
            if self.is_assigned(obj.name):
                return None
        else:
            func = syntax.enclosing_function(spec)
            f = self.types.file_of(spec, file)
            if func is None or self.assignments_to(func, obj, f):
                return None
        return vals[names.index(obj.decl)]

    def ends_by_leaving(self, block: Node | None, file: SourceFile) -> bool:
        """Whether a block's last statement leaves (`if x == nil { return }`)."""
        from golint_delete.model.flow import ends_by_leaving

        return ends_by_leaving(self, block, file)

    def exits_loop_after(self, node: Node, loop: Node, file: SourceFile) -> bool:
        """Whether the statement holding `node` is followed, on every path, by leaving `loop`
        (`delete(m, x); break`), so the rest of the iteration cannot be affected."""
        from golint_delete.model.flow import exits_loop_after

        return exits_loop_after(self, node, loop, file)

    def accesses_after(self, file: SourceFile, site: Node, obj: Obj, spawner: Node) -> bool:
        """Whether the spawning function uses `obj` after the goroutine's start and before it
        joins (model/goroutines.py)."""
        from golint_delete.model.goroutines import accesses_after

        return accesses_after(self, file, site, obj, spawner)

    def is_fresh(self, value: Node, file: SourceFile) -> bool:
        """Whether an expression makes a new value: a composite literal, `&T{...}`, make or new."""
        v = without_address(value)
        if v.type == "composite_literal":
            return True
        fn = unparen(v.child_by_field_name("function")) if v.type == "call_expression" else None
        return fn is not None and fn.type == "identifier" and fn.text in (b"make", b"new") \
            and self.is_builtin(fn, fn.text, file)

    def is_made(self, value: Node, file: SourceFile) -> bool:
        """Whether an expression gives its user a value of its own: fresh, or from a constructor of
        the package (a call of a function that returns_fresh)."""
        if self.is_fresh(value, file):
            return True
        v = unparen(value)
        if v.type != "call_expression":
            return False
        callee = self.callee(v, file)
        return callee is not None and callee.decl.type != "func_literal" and self.returns_fresh(callee.decl, callee.file)

    def returns_fresh(self, func: Node, file: SourceFile) -> bool:
        """Whether every return of the function hands out a value it made (a constructor such as
        `func newDir(...) *node { return &node{Children: make(...)} }`), so a caller's value
        from it is its own. Recursion counts as not fresh."""
        return self.memo("returns_fresh", func, lambda: self._returns_fresh(func, file), cycle=False)

    def _returns_fresh(self, func: Node, file: SourceFile) -> bool:
        body = func.child_by_field_name("body")
        result = func.child_by_field_name("result")
        if body is None or result is None or result.type == "parameter_list" and len(
                syntax.named_non_comment_children(result)) != 1:
            return False
        f = self.types.file_of(func, file)
        returns = [n for n in syntax.walk_outside_closures(body) if n.type == "return_statement"]
        if not returns:
            return False
        for r in returns:
            values = syntax.named_non_comment_children(r.named_children[0]) if r.named_children else []
            if len(values) != 1:
                return False
            v = unparen(values[0])
            if v.type == "identifier":
                obj = self.object_of(v, f)
                if obj is None or self.shared_key_of_var(obj) is not None:
                    return False  # a package var is one value for every caller
                v = self.sole_value(obj, f)
                if v is None:
                    return False
            if not self.is_made(v, f):
                return False
        return True

    def leaves(self, stmt: Node, file: SourceFile):
        """How a statement leaves the code after it (model/flow.py Leave), or None."""
        from golint_delete.model.flow import leaves

        return leaves(self, stmt, file)

    def package_var_initial(self, obj: Obj) -> frozenset:
        """Facts a package-level map var has at any point: nil when it is declared without a value
        and nothing in the package ever assigns it or takes its address; unknown otherwise."""
        return self.memo("package_var_initial", obj, lambda: self._package_var_initial(obj))

    def _package_var_initial(self, obj: Obj) -> frozenset:
        from golint_delete.model.nilness import UNK, NilOrigin
        from golint_delete.model.types import is_map

        result = frozenset({UNK})
        spec = obj.spec
        if obj.kind == "var" and spec is not None and spec.type == "var_spec" \
                and spec.child_by_field_name("value") is None and _is_package_level(spec):
            f = self.types.file_of(spec, self.files[0])
            if is_map(self.types.type_of_obj(obj, f)) and not self.is_assigned(obj.name):
                # The declaration may be in another file of the package: the fact says which.
                result = frozenset({NilOrigin("zero", obj.decl.start_byte, f.path)})
        return result

    def is_assigned(self, name: bytes) -> bool:
        """Whether some statement of the package assigns the package-level var `name` or takes
        its address."""
        return self.memo("assigned", name, lambda: self._assigns(name))

    def _assigns(self, name: bytes) -> bool:
        q = syntax.query(_ASSIGNED)
        for f in self.files:
            if name not in f.source:
                continue  # a file that never spells the name cannot assign it
            for _, caps in syntax.matches(q, f.root):
                ident = caps["id"][0]
                if ident.text != name:
                    continue  # most are locals: resolve only the name asked about
                obj = self.object_of(ident, f)
                if obj is not None and obj.spec is not None and _is_package_level(obj.spec):
                    return True
        return False

    def type_of(self, expr: Node, file: SourceFile):
        return self.types.type_of(expr, file)

    def type_of_node(self, node: Node | None, file: SourceFile):
        """The type a type expression denotes (`map[string]int`, `T`, `*pkg.T`)."""
        return self.types.from_type_node(node, file)

    def type_of_obj(self, obj: Obj | None, file: SourceFile):
        return self.types.type_of_obj(obj, file)

    def field(self, t, name: bytes):
        """(Field, its type, field-name path through embedded structs) of struct type t, or None."""
        return self.types.field(t, name)

    def summary(self, func: Node, file: SourceFile):
        """What a function does that its callers see (model/summaries.py Summary)."""
        from golint_delete.model.summaries import Summaries

        return self.analysis(Summaries).of(func, file)

    def call_nil_map_return(self, call: Node, file: SourceFile):
        """How the package function a call reaches returns a nil map with no error beside it
        (model/summaries.py NilReturn), or None."""
        from golint_delete.model.summaries import Summaries

        return self.analysis(Summaries).call_nil_map_return(call, file)

    def nil_map_call_at(self, file: SourceFile, offset: int):
        """(call, NilReturn) for a nil origin of kind "call": the call at `offset` in `file`."""
        n = file.root.descendant_for_byte_range(offset, offset)
        while n is not None and not (n.type == "call_expression" and n.start_byte == offset):
            n = n.parent
        found = self.call_nil_map_return(n, file) if n is not None else None
        return (n, found) if found is not None else None

    def call_writes_shared(self, call: Node, file: SourceFile):
        """The Mutation, if any, by which a call of a package function writes, without a Lock, a map
        the caller can see: through the callee's receiver, a package var, or an argument that is
        not a value the caller just made (the callee's summary, applied to this call)."""
        from golint_delete.model.summaries import Summaries

        return self.analysis(Summaries).call_writes_shared(call, file)

    def runs_started(self, func: Node, file: SourceFile, without: frozenset = frozenset(),
                     holder: Node | None = None):
        """(Start, calls) when `func` runs on a started goroutine or serves requests, itself or
        through a chain of calls from such a function, none holding a mutex field `without` of
        the value `holder` (an expression in `func`, `rl.cc` of `rl.cc.streams`) as the caller
        names it (model/goroutines.py), else None."""
        from golint_delete.model.goroutines import runs_started
        from golint_delete.model.locks import receiver_obj

        rel = ()
        if holder is not None:
            path, mine = self.path(holder, file), receiver_obj(self, func, file)
            rel = path[1:] if path is not None and mine is not None and path[0] == mine else None
        return runs_started(self, func, file, without, rel)

    def decoded_writes(self, call: Node, file: SourceFile) -> list:
        """The writes to map fields of the value a decoding call fills that it leaves nil
        (DecodedWrite; model/decoded.py)."""
        from golint_delete.model.decoded import decoded_writes

        return self.memo("decoded_writes", call, lambda: decoded_writes(self, call, file))

    def callers_using_after(self, func: Node, file: SourceFile, param: Obj) -> list:
        """The calls of `func` after which the caller uses the variable it passed for `param`
        again (CallSites; model/goroutines.py)."""
        from golint_delete.model.goroutines import callers_using_after

        return callers_using_after(self, func, file, param)

    def goroutine_call_writes(self, go: Node, file: SourceFile) -> list:
        """The calls a `go` statement's goroutine makes that write a map argument through the
        callee, unlocked (CallWrite(call, arg, write, start); model/goroutines.py)."""
        from golint_delete.model.goroutines import goroutine_call_writes

        return goroutine_call_writes(self, go, file)

    def writes_finished_before(self, key: SharedKey, at: Node, file: SourceFile) -> bool:
        """Every non-test write of the map field has finished before `at` runs: its goroutines
        joined, or the library calls that call it back returned (model/ordering.py)."""
        from golint_delete.model.ordering import writes_finished_before

        return self.memo("writes_finished_before", (key, at),
                         lambda: writes_finished_before(self, key, at, file))

    def writes_ordered_by_spawner(self, start, key: SharedKey) -> bool:
        """Every write of the map field runs on the spawner of `start`, before the `go` and with
        a join after it in the same round (model/goroutines.py)."""
        from golint_delete.model.goroutines import writes_ordered_by_spawner

        return self.memo("writes_ordered_by_spawner", (start.site, key),
                         lambda: writes_ordered_by_spawner(self, start, key))

    def goroutine_origin(self, func: Node, file: SourceFile):
        """The one `go` statement whose goroutine a declared function runs on for its receiver
        value (unexported, called only on that goroutine, started once by a constructor), else
        None (model/goroutines.py)."""
        from golint_delete.model.goroutines import goroutine_origin

        return goroutine_origin(self, func, file)

    def read_lock_sharers(self, key: SharedKey, mutex: bytes, exclude: tuple = ()) -> list:
        """(node, file) of each access of the shared map `key` made under only the read lock of
        the mutex `mutex` of the same value (or package), outside the functions `exclude`."""
        from golint_delete.model.locks import read_lock_sharers

        return read_lock_sharers(self, key, mutex, exclude)

    def write_discipline(self, key: SharedKey):
        """The mutex most writes of a map field hold and the writes that hold none (locks.py
        Discipline), or None."""
        from golint_delete.model.locks import write_discipline

        if not self.memo("takes_locks", None, lambda: any(b"Lock()" in f.source for f in self.files)):
            return None
        return self.memo("write_discipline", key, lambda: write_discipline(self, key))

    def escaped_maps(self, func: Node, file: SourceFile):
        """The returns of `func` that hand out a map field while holding the mutex all its writes
        hold (locks.py EscapedMap), and where callers then use the map without it."""
        from golint_delete.model.locks import escaped_maps

        return self.memo("escaped_maps", func, lambda: escaped_maps(self, func, file))

    def uses_of_escaped(self, func: Node, escaped):
        """The callers' ranges, reads, writes and deletes of the map an EscapedMap hands out,
        holding none of its guard's mutexes (locks.py EscapedUse)."""
        from golint_delete.model.locks import uses_of_escaped

        return self.memo("uses_of_escaped", (func, escaped.ret, escaped.index),
                         lambda: uses_of_escaped(self, func, escaped))

    def field_guard(self, m: Node, file: SourceFile):
        """For a map field expression `x.f`: FieldGuard(its SharedKey, the Guard all its non-test
        writes hold), or None when it is no map field of a package struct or has no such
        discipline (GD403, GD408)."""
        if m.type != "selector_expression" or not self.is_map(m, file):
            return None
        key = self.shared_key(m, file)
        if key is None or key.owner is None:
            return None
        guard = self.guarding_mutex(key)
        return None if guard is None else FieldGuard(key, guard)

    def guarding_mutex(self, key: SharedKey):
        """The mutex field held at every write of the shared map field `key`, and how many
        writes there are (at least two), or None (model/locks.py)."""
        from golint_delete.model.locks import guarding_mutex

        return self.memo("guarding_mutex", key, lambda: guarding_mutex(self, key))

    def is_map(self, expr: Node, file: SourceFile) -> bool:
        from golint_delete.model.types import is_map

        return is_map(self.types.type_of(expr, file))

    # Names ---------------------------------------------------------------------------------------

    def package_decls(self) -> dict[bytes, Obj]:
        if self._decls is None:
            decls: dict[bytes, Obj] = {}
            for f in self.files:
                for top in f.root.named_children:
                    if top.type == "function_declaration":
                        name = top.child_by_field_name("name")
                        if name is not None:
                            decls.setdefault(name.text, Obj(name.text, "func", name, top))
                    else:
                        for ident, kind, spec in statement_decls(top):
                            decls.setdefault(ident.text, Obj(ident.text, kind, ident, spec))
            self._decls = decls
        return self._decls

    def lookup_package_level(self, name: bytes, file: SourceFile) -> Obj | None:
        obj = self.package_decls().get(name)
        if obj is not None:
            return obj
        obj = file.imports().get(name)
        if obj is not None:
            return obj
        return universe(name)

    def object_of(self, ident: Node, file: SourceFile) -> Obj | None:
        if ident.type not in ("identifier", "type_identifier", "package_identifier"):
            return None
        return self.resolver.resolve(ident, file)

    def is_builtin(self, ident: Node, name: bytes, file: SourceFile) -> bool:
        """True when `ident` is the predeclared `name`, not shadowed by any declaration."""
        if ident.type != "identifier" or ident.text != name:
            return False
        obj = self.object_of(ident, file)
        return obj is not None and obj.is_builtin

    def builtin_call(self, node: Node, name: bytes, file: SourceFile) -> Node | None:
        """The call_expression if `node` (an expression or expression statement) calls builtin `name`."""
        if node.type == "expression_statement" and node.named_child_count == 1:
            node = node.named_children[0]
        node = unparen(node)
        if node.type != "call_expression":
            return None
        fn = node.child_by_field_name("function")
        if fn is None or not self.is_builtin(unparen(fn), name, file):
            return None
        return node

    # Expressions ---------------------------------------------------------------------------------

    def path(self, expr: Node, file: SourceFile) -> tuple | None:
        """The access path of a side-effect-free expression: (root object, step, ...), a step a
        field name (bytes) or an Index. `m`, `s.m`, `(*p).f`, `ms[0]`, `ms[i]`. Go dereferences
        selectors implicitly, so `(*p).f` is `p.f` and `*p` is p. Equal paths name the same
        variable; different paths may still alias (q := p makes q.f and p.f one map), which the
        nil-ness analysis handles by forgetting the fields of a value that gains a second name.
        None for anything that could compute or have effects (calls, receives, ...)."""
        e = unparen(expr)
        t = e.type
        if t == "identifier":
            obj = self.object_of(e, file)
            return None if obj is None else (obj,)
        if t == "selector_expression":
            operand = e.child_by_field_name("operand")
            fld = e.child_by_field_name("field")
            if operand is None or fld is None:
                return None
            inner = self.path(operand, file)
            return None if inner is None else inner + (fld.text,)
        if t == "unary_expression":
            op = e.child(0)
            operand = e.child_by_field_name("operand")
            if op is None or op.type != "*" or operand is None:
                return None
            return self.path(operand, file)
        if t == "index_expression":
            operand = e.child_by_field_name("operand")
            index = e.child_by_field_name("index")
            if operand is None or index is None:
                return None
            inner = self.path(operand, file)
            idx = self._const_key(index) or self.path(index, file)
            return None if inner is None or idx is None else inner + (Index(idx),)
        return None

    @staticmethod
    def _const_key(node: Node) -> tuple | None:
        node = unparen(node)
        if node.type in ("int_literal", "interpreted_string_literal", "raw_string_literal", "rune_literal"):
            return ("lit", node.text)
        return None

    def same_path(self, a: Node, b: Node, file: SourceFile) -> bool:
        ka = self.path(a, file)
        return ka is not None and ka == self.path(b, file)

    def is_ranged_map(self, expr: Node, loop: RangeLoop, file: SourceFile) -> bool:
        """Whether `expr` in the loop's body is the map the loop ranges over: the same access path,
        and nothing in the body rebinds that path (`vars = maps.Clone(vars)` makes later `vars`
        another map; range evaluated the original once)."""
        if not self.same_path(expr, loop.collection, file):
            return False
        return not self.memo("range_rebound", loop.node, lambda: self._rebound_in_body(loop, file))

    def _rebound_in_body(self, loop: RangeLoop, file: SourceFile) -> bool:
        whole = self.path(loop.collection, file)
        if whole is None:
            return False
        for n in syntax.walk(loop.body):
            if n.type == "assignment_statement":
                left = n.child_by_field_name("left")
            elif n.type == "range_clause" and not any(c.type == ":=" for c in n.children):
                left = n.child_by_field_name("left")
            else:
                continue
            for target in left.named_children if left is not None else ():
                p = self.path(target, file)
                if p is not None and whole[:len(p)] == p:
                    return True
        return False

    @staticmethod
    def path_text(path: tuple) -> str:
        """`s.mu` for the path (s, b"mu"): for messages."""
        out = path[0].name.decode()
        for step in path[1:]:
            out += "[...]" if isinstance(step, Index) else "." + step.decode()
        return out

    # Statements ----------------------------------------------------------------------------------

    def range_loop(self, for_stmt: Node) -> RangeLoop | None:
        if for_stmt.type != "for_statement":
            return None
        clause = next((c for c in for_stmt.named_children if c.type == "range_clause"), None)
        body = for_stmt.child_by_field_name("body")
        if clause is None or body is None:
            return None
        right = clause.child_by_field_name("right")
        if right is None:
            return None
        left = clause.child_by_field_name("left")
        names = [] if left is None else [c for c in left.named_children if c.type != "comment"]
        key = names[0] if names else None
        value = names[1] if len(names) > 1 else None
        key = key if key is not None and key.text != b"_" else None
        value = value if value is not None and value.text != b"_" else None
        define = any(not c.is_named and c.type == ":=" for c in clause.children)
        return RangeLoop(for_stmt, key, value, define, right, body)

    def is_current_key(self, expr: Node, loop: RangeLoop, file: SourceFile) -> bool:
        """Whether `expr` is the loop's key variable holding the current key at this point."""
        expr = unparen(expr)
        if expr.type != "identifier" or loop.key is None:
            return False
        key = self.object_of(loop.key, file)
        if key is None or self.object_of(expr, file) != key:
            return False
        # The range sets the key afresh each iteration, so only an assignment that can run before
        # `expr` within an iteration changes it: one earlier in the body, or one in an inner loop
        # that also holds `expr` (its next round sees the new value).
        for stmt in self.assignments_to(loop.body, key, file):
            if stmt.start_byte < expr.start_byte or _common_inner_loop(stmt, expr, loop.node):
                return False
        return True

    def call_inserts(self, call: Node, file: SourceFile) -> list:
        """The maps a call of a declared function of the package writes (may insert into),
        through its receiver or its arguments, as the caller's access paths, with the argument
        used as the key when the callee's key is one of its parameters (model/inserts.py)."""
        from golint_delete.model.inserts import call_inserts

        return call_inserts(self, call, file)

    def current_entry_key(self, expr: Node, loop: RangeLoop, file: SourceFile) -> Node | None:
        """The insert elsewhere in the package showing that `expr` is the key the loop's current
        entry is stored under, through its value (`string(v.sid)` where inserts store `sub` under
        `string(sub.sid)`): model/keys.py. None without that evidence."""
        from golint_delete.model.keys import keyed_by_current_entry

        return keyed_by_current_entry(self, expr, loop, file)

    def normalised_current_key(self, expr: Node, loop: RangeLoop, file: SourceFile):
        """`strings.ToLower(k)` (directly or through a local holding only that) for the loop's
        current key k and a standard function f with f(f(x)) == f(x): the Qualified f, else None.
        Such an inserted key, if the loop visits it, normalises to itself."""
        from golint_delete.model.knowledge import IDEMPOTENT_NORMALISERS

        e = unparen(expr)
        if e.type == "identifier":
            obj = self.object_of(e, file)
            value = self.sole_value(obj, file) if obj is not None else None
            if value is None:
                return None
            e = unparen(value)
        if e.type != "call_expression":
            return None
        q = self.qualified(e.child_by_field_name("function"), file)
        args = syntax.named_non_comment_children(e.child_by_field_name("arguments"))
        if q is None or (q.path, q.name) not in IDEMPOTENT_NORMALISERS or len(args) != 1:
            return None
        return q if self.is_current_key(args[0], loop, file) else None

    def enclosing_range_loops(self, node: Node, file: SourceFile):
        """Range loops whose body holds `node` (in `file`), innermost first, stopping at a function
        literal (its body may run after the loop)."""
        for child, n in syntax.upward(node, file.root):
            if n.type in syntax.FUNCS:
                return
            if n.type == "for_statement" and child == n.child_by_field_name("body"):
                loop = self.range_loop(n)
                if loop is not None:
                    yield loop

    def uses(self, obj: Obj, file: SourceFile, within: Node):
        """Every use of a variable in a function, classified (model/uses.py Use: index, field,
        method, range, operand, builtin, argument, address, assigned, captured, value)."""
        return self.memo("uses", (obj, within), lambda: uses.uses(self, obj, file, within))

    def hands_on_after(self, obj: Obj, file: SourceFile, stmt: Node, func: Node) -> bool:
        """A use of the variable that can run after `stmt` and hands its value on, or a capture."""
        return uses.hands_on_after(self, obj, file, stmt, func)

    def used_after(self, obj: Obj, file: SourceFile, stmt: Node, func: Node) -> bool:
        return uses.used_after(self, obj, file, stmt, func)

    def read_after(self, obj: Obj, file: SourceFile, stmt: Node, func: Node) -> bool:
        """A later read of the variable's value (not a write into it, not an assignment)."""
        return uses.read_after(self, obj, file, stmt, func)

    def range_element_copy(self, obj: Obj, file: SourceFile) -> Node | None:
        """The range clause whose struct element copy `obj` is (`for _, c := range cols`), else None."""
        from golint_delete.model.types import Struct

        spec = obj.spec
        if obj.kind != "var" or spec is None or spec.type != "range_clause":
            return None
        names = syntax.named_non_comment_children(spec.child_by_field_name("left"))
        if len(names) != 2 or names[1] != obj.decl or not isinstance(self.type_of_obj(obj, file).underlying(), Struct):
            return None
        return spec

    @staticmethod
    def may_run_after(node: Node, stmt: Node) -> bool:
        """`node` follows `stmt` or shares a loop around it, in one function."""
        return uses.may_run_after(node, stmt)

    def assignments_to(self, region: Node, obj: Obj, file: SourceFile) -> list[Node]:
        """Statements in `region` that assign to (or take the address of) the variable `obj`."""
        from golint_delete.syntax import walk

        out: list[Node] = []
        for n in walk(region):
            t = n.type
            if t in ("assignment_statement", "short_var_declaration"):
                left = n.child_by_field_name("left")
                targets = [] if left is None else left.named_children
            elif t in ("inc_statement", "dec_statement"):
                targets = n.named_children[:1]
            elif t == "unary_expression" and n.child(0) is not None and n.child(0).type == "&":
                targets = [n.child_by_field_name("operand")]
            elif t == "range_clause" and not any(c.type == ":=" for c in n.children):
                left = n.child_by_field_name("left")
                targets = [] if left is None else left.named_children
            else:
                continue
            for target in targets:
                if target is None:
                    continue
                target = unparen(target)
                if target.type != "identifier":
                    continue
                found = self.object_of(target, file)
                if found == obj and not (t == "short_var_declaration" and found.decl == target):
                    out.append(n)
                    break
        return out


def _called_name(call: Node) -> tuple[Node | None, bytes | None]:
    """The function expression of a call and the name it calls by: `f` of `f(x)`, `m` of
    `x.m(y)`; (None, None) when it has neither."""
    fn = call.child_by_field_name("function")
    if fn is None:
        return None, None
    name = fn.child_by_field_name("field") if fn.type == "selector_expression" else fn
    return fn, (name.text if name is not None and name.type in ("identifier", "field_identifier") else None)


# `func (l Labels)`: a value receiver (a pointer one can make the map, so it writes none as given).
_VALUE_RECEIVER = re.compile(rb"\bfunc\s*\(\s*(\w+)\s+(\w+)\s*\)")
# `type Labels map[...]`, alone or in a group: the package's named map types, from the text.
_MAP_TYPE = re.compile(rb"(?m)^\s*(?:type\s+)?(\w+)\s+map\[")
# A parameter of a map type in a signature: `func f(..., m map[...`.
_MAP_PARAM = re.compile(rb"\bfunc\b[^{\n]*\w\s+map\[")
_MAP_POINTER_PARAM = re.compile(rb"\bfunc\b[^{\n]*\w\s+\*[\w.]+[,)]")  # `q *url.Values`: maybe a map


def _common_inner_loop(a: Node, b: Node, outer: Node) -> bool:
    n = a.parent
    while n is not None and n != outer:
        if n.type == "for_statement" and n.start_byte <= b.start_byte < n.end_byte:
            return True
        n = n.parent
    return False


def _is_package_level(spec: Node) -> bool:
    n = spec.parent
    while n is not None and n.type in ("var_spec_list", "var_declaration"):
        n = n.parent
    return n is not None and n.type == "source_file"


def _receiver_base(recv: Node | None) -> bytes | None:
    if recv is None:
        return None
    for decl in recv.named_children:
        t = decl.child_by_field_name("type")
        while t is not None and t.type in ("pointer_type", "generic_type", "parenthesized_type"):
            t = t.child_by_field_name("type") if t.type == "generic_type" else \
                next((c for c in t.named_children if c.type != "comment"), None)
        if t is not None and t.type == "type_identifier":
            return t.text
    return None


def single_statement(block: Node) -> Node | None:
    stmts = statements(block)
    return stmts[0] if len(stmts) == 1 else None
