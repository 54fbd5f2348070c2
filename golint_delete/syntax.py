"""The only module that talks to tree-sitter: the Go grammar, parsing, queries and node helpers.

Everything here works on byte offsets (tree-sitter's unit, and Go's column unit); conversion to
UTF-16 columns for SARIF happens in `findings.py`.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

import tree_sitter_go
from tree_sitter import Language, Node, Parser, Query, QueryCursor, Tree

GO = Language(tree_sitter_go.language())

# Queries rules run to find candidate nodes: a match limit keeps pathological files bounded.
_MATCH_LIMIT = 1 << 16


def parse(source: bytes) -> Tree:
    # A parser per call is cheap (microseconds) and keeps this safe to use from any thread.
    return Parser(GO).parse(source)


@lru_cache(maxsize=None)
def query(text: str) -> Query:
    """Compile a query once per process; a bad node type raises QueryError at import of the rule."""
    return Query(GO, text)


def matches(q: Query, node: Node) -> list[tuple[int, dict[str, list[Node]]]]:
    cursor = QueryCursor(q, match_limit=_MATCH_LIMIT)
    return cursor.matches(node)


def captures(q: Query, node: Node, name: str) -> list[Node]:
    """Captured nodes of one name in document order (tree-sitter's own order is not that)."""
    cursor = QueryCursor(q, match_limit=_MATCH_LIMIT)
    found = cursor.captures(node).get(name, [])
    found.sort(key=lambda n: n.start_byte)
    return found


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


def unparen(node: Node) -> Node:
    while node.type == "parenthesized_expression" and node.named_child_count == 1:
        node = node.named_children[0]
    return node


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


def error_points(root: Node, limit: int = 5) -> list[tuple[int, int]]:
    """0-based (row, byte column) of the first ERROR or MISSING nodes, for the parse-error report."""
    points: list[tuple[int, int]] = []
    if not root.has_error:
        return points
    cursor = root.walk()
    while True:
        n = cursor.node
        if n.is_error or n.is_missing:
            points.append((n.start_point.row, n.start_point.column))
            if len(points) >= limit:
                return points
            descend = False  # the first point of a garbled region is enough
        else:
            descend = n.has_error
        if descend and cursor.goto_first_child():
            continue
        while not cursor.goto_next_sibling():
            if not cursor.goto_parent():
                return points
