"""The only module that talks to tree-sitter: the Go grammar, parsing, queries and node helpers.

Everything here works on byte offsets (tree-sitter's unit, and Go's column unit); conversion to
UTF-16 columns for SARIF happens in `findings.py`.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

import tree_sitter_go
from tree_sitter import Language, Node, Parser, Query, QueryCursor, Tree

from golint_delete import interrupt

GO = Language(tree_sitter_go.language())

# Queries rules run to find candidate nodes: a match limit keeps pathological files bounded.
_MATCH_LIMIT = 1 << 16


def parse(source: bytes) -> Tree:
    # A parser per call is cheap (microseconds) and keeps this safe to use from any thread.
    return Parser(GO).parse(source)


@lru_cache(maxsize=None)
def query(text: str) -> Query:
    """Compile a query once per process; a bad node type raises QueryError at import of the rule."""
    with interrupt.critical():  # a time budget's alarm inside the regex compile reads as a bad query
        return Query(GO, text)


def matches(q: Query, node: Node) -> list[tuple[int, dict[str, list[Node]]]]:
    cursor = QueryCursor(q, match_limit=_MATCH_LIMIT)
    return cursor.matches(node)


def captures(q: Query, node: Node) -> list[Node]:
    """Every node any pattern of `q` captures in `node`'s subtree, in document order."""
    got = QueryCursor(q, match_limit=_MATCH_LIMIT).captures(node)
    # py-tree-sitter groups a capture name's nodes by pattern, not by position.
    return sorted((n for ns in got.values() for n in ns), key=lambda n: (n.start_byte, -n.end_byte))


def split_patterns(text: str) -> list[str]:
    """The top-level patterns of a query text, each with its trailing captures, quantifiers and
    top-level predicates (`end_byte_for_pattern` leaves predicates out, so it cannot be used)."""
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
            continue
        if c == ";":  # comment to end of line
            j = text.find("\n", i)
            i = n if j < 0 else j + 1
            continue
        start, depth = i, 0
        while i < n:  # one group, bracket- and string-aware
            c = text[i]
            if c == '"':
                i += 1
                while i < n and text[i] != '"':
                    i += 2 if text[i] == "\\" else 1
            elif c in "([":
                depth += 1
            elif c in ")]":
                depth -= 1
                if depth == 0:
                    i += 1
                    break
            elif depth == 0 and c.isspace():
                break
            i += 1
        while True:  # trailing quantifiers and captures belong to the group
            j = i
            while j < n and text[j] in " \t":
                j += 1
            if j < n and text[j] in "*+?":
                i = j + 1
            elif j < n and text[j] == "@":
                j += 1
                while j < n and (text[j].isalnum() or text[j] in "_.-"):
                    j += 1
                i = j
            else:
                break
        piece = text[start:i].strip()
        if piece.startswith("(#") and out:
            out[-1] += " " + piece
        else:
            out.append(piece)
    return out


@lru_cache(maxsize=None)
def _plan(texts: tuple[str, ...]) -> tuple[Query | None, list[list[tuple[str, int]]]]:
    """One query of the distinct patterns of `texts`, and for each of its patterns the (text,
    pattern index in that text) pairs it stands for: rules sharing a pattern share its matches."""
    unique: dict[str, int] = {}
    owners: list[list[tuple[str, int]]] = []
    for text in texts:
        pieces = split_patterns(text)
        if [query(p).pattern_count for p in pieces] != [1] * query(text).pattern_count:
            pieces = [text]  # not split cleanly: keep the text whole (correct, just not shared)
        for local, piece in enumerate(pieces):
            k = unique.get(piece)
            if k is None:
                k = unique[piece] = len(owners)
                owners.append([])
            owners[k].append((text, local))
    return (query("\n".join(unique)) if unique else None), owners


class MatchIndex:
    """The matches of every shared query text in one tree, from one traversal.

    A query cursor visits every node of the tree whatever the pattern; for this grammar that visit
    costs about half as much as parsing. Running each rule's and each model index's query
    separately paid it six or seven times per file; one combined query pays it once."""

    def __init__(self, root: Node, texts: tuple[str, ...]) -> None:
        self.root = root
        # Declared by whoever builds the file's pass (the engine: the model's index queries, the
        # directives' and the selected rules'); nothing registers itself by being imported.
        self.texts = texts
        self._by_text: dict[str, list] | None = None

    def matches(self, text: str, within: Node | None = None) -> list[tuple[int, dict[str, list[Node]]]]:
        """Matches of `text` (pattern index within the text, captures), in document order;
        only those starting inside `within` when given."""
        if self._by_text is None:
            self._build()
        got = self._by_text.get(text)
        if got is None:  # registered after the pass was built: run it on its own
            got = self._by_text[text] = matches(query(text), self.root)
        if within is None:
            return got
        lo, hi = within.start_byte, within.end_byte
        return [m for m in got if lo <= _start(m[1]) < hi]

    def _build(self) -> None:
        texts = tuple(dict.fromkeys(self.texts))
        q, owners = _plan(texts)
        by_text: dict[str, list] = {t: [] for t in texts}
        if q is not None:
            for index, caps in matches(q, self.root):
                for text, local in owners[index]:
                    by_text[text].append((local, caps))
        self._by_text = by_text


def _start(caps: dict[str, list[Node]]) -> int:
    return min(n.start_byte for nodes in caps.values() for n in nodes)


def walk(node: Node) -> Iterator[Node]:
    """Pre-order walk with a cursor: no recursion, so 10,000-deep nesting cannot overflow the stack."""
    cursor = node.walk()  # a cursor never moves above or beside the node it was made on
    while True:
        yield cursor.node
        if cursor.goto_first_child():
            continue
        while not cursor.goto_next_sibling():
            if not cursor.goto_parent():
                return


def max_depth(node: Node, stop_at: int) -> int:
    """How deeply the tree nests (a cursor walk: O(nodes)), stopping once past `stop_at`."""
    cursor = node.walk()
    depth = deepest = 0
    while True:
        if cursor.goto_first_child():
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > stop_at:
                    return deepest
            continue
        while not cursor.goto_next_sibling():
            if not cursor.goto_parent():
                return deepest
            depth -= 1


FUNCS = frozenset({"func_literal", "function_declaration", "method_declaration"})


# tree-sitter finds a node's parent by walking down from the root, so each `parent` costs the
# node's depth, and an upward walk its square. Past this many steps, a caller that gives the root
# walks down instead (one step per level).
_UPWARD_STEPS = 32


def enclosing_function(node: Node, root: Node | None = None) -> Node | None:
    """The innermost function declaration, method or function literal holding `node` (`root`, the
    tree's root, keeps a deeply nested node from costing the square of its depth)."""
    for _, n in upward(node, root):
        if n.type in FUNCS:
            return n
    return None


def upward(node: Node, root: Node | None = None) -> Iterator[tuple[Node, Node]]:
    """(child, parent) pairs from `node` up to the root: by `parent` for the first steps, then (given
    the root) along the chain found walking down, so a deep node costs its depth, not its square."""
    child, n, steps = node, node.parent, 0
    while n is not None:
        yield child, n
        steps += 1
        if steps == _UPWARD_STEPS and root is not None:
            for parent in reversed(ancestors(root, n)):
                yield n, parent
                n = parent
            return
        child, n = n, n.parent


def ancestors(root: Node, node: Node) -> list[Node]:
    """The nodes from `root` down to `node`'s parent, found walking down: one step per level,
    where walking up costs the depth at each step."""
    out: list[Node] = []
    n = root
    while n is not None and n != node:
        out.append(n)
        n = n.child_with_descendant(node)
    return out


def walk_outside_closures(node: Node) -> Iterator[Node]:
    """Pre-order walk that does not enter function literals (their bodies run at another time)."""
    cursor = node.walk()
    while True:
        n = cursor.node
        yield n
        if n.type != "func_literal" and cursor.goto_first_child():
            continue
        while not cursor.goto_next_sibling():
            if not cursor.goto_parent():
                return


def unparen(node: Node) -> Node:
    while node.type == "parenthesized_expression" and node.named_child_count == 1:
        node = node.named_children[0]
    return node


def address_operand(node: Node) -> Node | None:
    """`x` of `&x` (parentheses around either dropped), or None when `node` takes no address."""
    node = unparen(node)
    if node.type != "unary_expression" or node.child(0) is None or node.child(0).type != "&":
        return None
    operand = node.child_by_field_name("operand")
    return unparen(operand) if operand is not None else None


def without_address(node: Node) -> Node:
    """`x` for `&x`, else `node`: a pointer to a value stands for the value (`&T{...}` is a new T)."""
    operand = address_operand(node)
    return operand if operand is not None else unparen(node)


def named_non_comment_children(node: Node) -> list[Node]:
    return [c for c in node.named_children if c.type != "comment"]


def statements(block: Node) -> list[Node]:
    """The statements of a `block` (tree-sitter-go nests them in a statement_list), comments left out."""
    for child in block.named_children:
        if child.type == "statement_list":
            return named_non_comment_children(child)
    return []


def in_error(node: Node) -> bool:
    """True when the node is inside an ERROR subtree or is a MISSING token: rules must not guess there."""
    n: Node | None = node
    while n is not None:
        if n.is_error or n.is_missing:
            return True
        n = n.parent
    return False


def error_nodes(root: Node) -> Iterator[Node]:
    """The ERROR and MISSING nodes of a tree, in order: the outermost of each garbled region."""
    if not root.has_error:
        return
    cursor = root.walk()
    while True:
        n = cursor.node
        if n.is_error or n.is_missing:
            yield n
            descend = False  # the first node of a garbled region is enough
        else:
            descend = n.has_error
        if descend and cursor.goto_first_child():
            continue
        while not cursor.goto_next_sibling():
            if not cursor.goto_parent():
                return


def error_points(root: Node, limit: int = 5) -> list[tuple[int, int]]:
    """0-based (row, byte column) of the first ERROR or MISSING nodes, for the parse-error report."""
    points: list[tuple[int, int]] = []
    for n in error_nodes(root):
        points.append((n.start_point.row, n.start_point.column))
        if len(points) >= limit:
            break
    return points
