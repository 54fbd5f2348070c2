"""Go syntax newer than the grammar: `new(expr)` (Go 1.26) and generic methods (Go 1.27).

tree-sitter-go 0.25, the newest release, parses `new(` only with a type inside and knows no type
parameters on methods, so valid Go 1.26+ files get ERROR nodes. Where a parse has errors, the
constructs are found by a small Go lexer (never inside a comment or a string), rewritten to text
of the same length that the grammar parses, and the file parsed again:

- `new(42)` -> `new(__)`: the argument becomes a type name of underscores (newlines kept), so the
  call is `new(T)` to the grammar; the model asks `argument(node)` for what was really there.
- `func (r *R) N[T any](x T) T` -> the type parameter list is blanked to spaces (newlines kept);
  the model asks `type_parameters(method)` for it.

Byte offsets, rows and columns are unchanged, so findings and fixes point where they did; node
text in a rewritten span is not the source's, so whatever quotes source text reads the file's own
bytes (SourceFile.text), and a fix whose text would carry a rewritten span is dropped. A rewrite
is kept only if the new parse has no error inside it; nothing is guessed where an error remains.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tree_sitter import Node, Tree

from golint_delete import syntax

NEW_EXPR = "new(expr)"
GENERIC_METHOD = "generic method"
# `make := func(n int) T {...}; make(n - 1)`: valid since Go 1, but the grammar reads any `make(`
# as the builtin's and fails on an expression there (tree-sitter-go issue 189); same rewrite.
SHADOWED_MAKE = "call of a make that shadows the builtin"


def grammar_version() -> str:
    """The installed tree-sitter-go's major.minor, as messages name the parser."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return ".".join(version("tree-sitter-go").split(".")[:2])
    except PackageNotFoundError:
        return "unknown"


@dataclass(frozen=True)
class Rewrite:
    start: int  # byte range of the rewritten text
    end: int
    kind: str  # NEW_EXPR (the argument) or GENERIC_METHOD (the type parameter list, brackets included)
    shimmed: bytes  # what the parser read there


@dataclass
class Shim:
    """What was rewritten in one file, for the model (the real text) and for fixes (what to avoid)."""

    rewrites: list[Rewrite] = field(default_factory=list)
    # Constructs found where the grammar fails but that could not be rewritten (for the message).
    unresolved: list[tuple[int, str]] = field(default_factory=list)

    def touches(self, start: int, end: int) -> bool:
        return any(r.start < end and start < r.end for r in self.rewrites)

    def spoils(self, edits) -> bool:
        """Whether a fix's edits would cut into a rewritten span, or write its rewritten text (text
        read from a node instead of from the source): such a fix would put the parser's text in
        the file. An edit that replaces a whole construct with text read from the source is fine."""
        for e in edits:
            for r in self.rewrites:
                inside = e.start_byte <= r.start and r.end <= e.end_byte
                if not inside and r.start < e.end_byte and e.start_byte < r.end:
                    return True
                if r.kind != GENERIC_METHOD and f"({r.shimmed.decode()})" in e.new_text:
                    return True
        return False


# --------------------------------------------------------------------------- a Go lexer


_OPEN = {ord("("): ord(")"), ord("["): ord("]"), ord("{"): ord("}")}
_CLOSE = frozenset(_OPEN.values())


# Go's tokens as far as finding the constructs needs: white space and comments (dropped), string,
# rune and number literals, identifiers, and single punctuation characters. Unterminated literals
# and comments run to the end of their line (or of the file), as a broken file may have them.
_TOKEN = re.compile(rb"""
    (?P<skip>[ \t\r\n]+ | //[^\n]* | /\*.*?(?:\*/|\Z))
  | (?P<lit>"(?:[^"\\\n]|\\.)*"? | '(?:[^'\\\n]|\\.)*'? | `[^`]*`? | [0-9][0-9A-Za-z_.]*)
  | (?P<id>[A-Za-z_\x80-\xff][A-Za-z0-9_\x80-\xff]*)
  | (?P<p>.)
""", re.S | re.X)


def _tokens(src: bytes) -> list[tuple[str, int, int]]:
    """(kind, start, end) for identifiers ("id"), brackets and other punctuation ("p"), literals
    ("lit"); comments and white space are left out."""
    return [(m.lastgroup, m.start(), m.end()) for m in _TOKEN.finditer(src) if m.lastgroup != "skip"]


def _closing(src: bytes, toks: list[tuple[str, int, int]], k: int) -> int | None:
    """Index of the token that closes the bracket at toks[k], or None (unclosed, or closed by
    the wrong kind of bracket: a syntax error, never rewritten)."""
    stack: list[int] = []
    for j in range(k, len(toks)):
        kind, s, _ = toks[j]
        if kind != "p":
            continue
        c = src[s]
        if c in _OPEN:
            stack.append(_OPEN[c])
        elif c in _CLOSE:
            if not stack or stack.pop() != c:
                return None
            if not stack:
                return j
    return None


def _candidates(src: bytes) -> list[tuple[int, int, str, int, int]]:
    """(start, end, kind, lo, hi) of every `new(` argument and every method's type parameter list:
    the span to rewrite, and the span where the grammar's error shows when it fails on it (the
    call, or the method's header from `func` to the list's end)."""
    toks = _tokens(src)
    found = []
    for k, (kind, s, e) in enumerate(toks):
        if kind != "id" or k + 1 >= len(toks):
            continue
        word = src[s:e]
        nxt = toks[k + 1]
        if word in (b"new", b"make") and nxt[0] == "p" and src[nxt[1]] == 0x28:
            prev = toks[k - 1] if k else None
            if prev is not None and (prev[0] == "p" and src[prev[1]] == 0x2E or src[prev[1]:prev[2]] == b"func"):
                continue  # x.new(...), func new(...)
            close = _closing(src, toks, k + 1)
            if close is not None and toks[close][1] > nxt[2]:
                found.append((nxt[2], toks[close][1], NEW_EXPR if word == b"new" else SHADOWED_MAKE, s,
                              toks[close][2]))
        elif word == b"func" and nxt[0] == "p" and src[nxt[1]] == 0x28:
            close = _closing(src, toks, k + 1)  # the receiver
            if close is None or close + 2 >= len(toks):
                continue
            name, bracket = toks[close + 1], toks[close + 2]
            if name[0] == "id" and bracket[0] == "p" and src[bracket[1]] == 0x5B:
                end = _closing(src, toks, close + 2)
                if end is not None:
                    found.append((bracket[1], toks[end][2], GENERIC_METHOD, s, toks[end][2] + 1))
    return found


# --------------------------------------------------------------------------- the rewrite


def _error_spans(root: Node) -> list[tuple[int, int]]:
    return [(n.start_byte, max(n.end_byte, n.start_byte + 1)) for n in syntax.error_nodes(root)]


# Every byte but a line break becomes a space: text of the same length and lines, saying nothing.
_BLANK = bytes(b if b in b"\r\n" else 0x20 for b in range(256))


def parse_at(source: bytes, offset: int, head: bytes, text: bytes, tail: bytes = b"") -> Tree | None:
    """`head + text + tail` parsed on its own with `text` at `offset`, its place in `source` (what
    comes before is blanked, lines kept), so that its nodes have the positions of the source's; None
    where `head` does not fit before it."""
    if offset < len(head):
        return None
    return syntax.parse(source[:offset - len(head)].translate(_BLANK) + head + text + tail)


def _replacement(text: bytes, kind: str) -> bytes:
    """Same length, same line breaks: a type name for an argument, blanks for a parameter list."""
    out = bytearray(text.translate(_BLANK))
    if kind != GENERIC_METHOD:
        first = next((i for i, b in enumerate(text) if b not in b" \t\r\n"), None)
        if first is None:
            return bytes(text)
        i = first
        while i < len(text) and text[i] not in b"\r\n":
            out[i] = 0x5F  # _
            i += 1
    return bytes(out)


def parse(source: bytes) -> tuple[Tree, Shim | None]:
    """The file's tree, parsed through the rewrites when the grammar fails on newer syntax."""
    tree = syntax.parse(source)
    if not tree.root_node.has_error or (b"new" not in source and b"make" not in source and b"[" not in source):
        return tree, None
    errors = _error_spans(tree.root_node)
    # A construct is rewritten only where the grammar fails on it (the error lies in the call, or
    # in the method's header up to its parameter list), and only if it is well formed.
    wellformed = [c for c in _candidates(source) if _hit(c, errors) and _newer(source, c)]
    # One rewrite per region: inside a rewritten argument nothing is read, nested ones included.
    chosen = [c for c in wellformed if not any(o is not c and o[0] <= c[0] and c[1] <= o[1] and o[2] != GENERIC_METHOD
                                               for o in wellformed)]
    if not chosen:
        return tree, None
    shim = Shim()
    for _ in range(3):  # drop what still fails and try again: each round keeps fewer
        text = bytearray(source)
        rewrites = []
        for start, end, kind, _, _ in chosen:
            new = _replacement(source[start:end], kind)
            text[start:end] = new
            rewrites.append(Rewrite(start, end, kind, new))
        shimmed = syntax.parse(bytes(text))
        left = _error_spans(shimmed.root_node)
        failing = [c for c in chosen if _hit(c, left)]
        if not failing:
            shim.rewrites = rewrites
            shim.unresolved = _unresolved(wellformed, left)
            return shimmed, shim
        chosen = [c for c in chosen if c not in failing]
        if not chosen:
            break
    shim.unresolved = _unresolved(wellformed, errors)
    return tree, shim if shim.unresolved else None


def _parses(text: bytes) -> bool:
    return not syntax.parse(text).root_node.has_error


def _newer(source: bytes, c) -> bool:
    """The construct is the newer syntax, well formed: an argument that is an expression but not a
    type (`new(T)` inside a region the grammar lost for another reason keeps its text), or a type
    parameter list that parses as one. Anything else is a real syntax error, left as it is."""
    start, end, kind = c[0], c[1], c[2]
    inner = source[start:end]
    if kind == GENERIC_METHOD:
        return _parses(b"package p\nfunc _" + inner + b"() {}")
    call = source[c[3]:c[4]]
    if _parses(b"package p\nvar _ = " + call):
        return False  # `new(T)`: the grammar reads it; an error near it is another one
    # An expression, checked as another function's argument and through these same rewrites,
    # since it may hold newer syntax itself (`new(new(5))`, `new(make(chan int))`).
    tree, _ = parse(b"package p\nvar _ = f(" + inner + b")")
    return not tree.root_node.has_error


def _hit(candidate, errors: list[tuple[int, int]]) -> bool:
    lo, hi = candidate[3], candidate[4]
    return any(s < hi and lo < e for s, e in errors)


def _unresolved(wellformed: list, errors: list[tuple[int, int]]) -> list[tuple[int, str]]:
    """The well-formed newer constructs that errors left in the tree still fall on: what the report
    names as newer than the parser (a malformed one is a syntax error)."""
    return [(c[3], c[2]) for c in wellformed if _hit(c, errors)]
