"""The shared query pass: one traversal per file must give every query text exactly the matches
it would get on its own, and a pattern left out of a file's pass by its trigger must be one that
cannot match there."""

from __future__ import annotations

from pathlib import Path

import pytest

import golint_delete.engine  # noqa: F401 - registers the engine's shared queries
import golint_delete.model.fields  # noqa: F401 - and the model's, which load lazily
from golint_delete import syntax
from golint_delete.runner import BY_ID

TESTDATA = Path(__file__).resolve().parent.parent / "testdata"
SOURCES = sorted(TESTDATA.rglob("*.go"))


def _texts() -> tuple[str, ...]:
    return tuple(dict.fromkeys((*syntax._SHARED, *(r.query for r in BY_ID.values() if r.query))))


def _key(matches) -> list:
    return [(i, sorted((k, [(n.start_byte, n.end_byte, n.type) for n in v]) for k, v in caps.items()))
            for i, caps in matches]


@pytest.mark.parametrize(("piece", "hits", "misses"), [
    ('(call_expression function: (identifier) @fn (#eq? @fn "delete")) @c', [b"delete(m, k)"], [b"del(m)"]),
    ('((selector_expression field: (field_identifier) @f) (#any-of? @f "Handle" "HandleFunc"))',
     [b"mux.Handle(", b"http.HandleFunc("], [b"mux.Serve("]),
    ('((comment) @c (#match? @c "^//(\\\\s?(?i:nolint)|lint:)"))',
     [b"x // NOLINT", b"//nolint:gd101", b"//lint:ignore GD101 ok"], [b"// lint free", b"/* nolint */"]),
])
def test_triggers_read_off_text_predicates(piece: str, hits: list[bytes], misses: list[bytes]) -> None:
    trigger = syntax.pattern_trigger(piece)
    assert trigger is not None
    assert all(trigger(s) for s in hits)
    assert not any(trigger(s) for s in misses)


@pytest.mark.parametrize("piece", [
    "(go_statement) @g",  # no predicate
    '((comment) @c (#match? @c "nolint$"))',  # anchored at the node's end: says nothing of the file
    '((identifier) @i (#match? @i "\\\\bx"))',  # a word boundary depends on what surrounds the node
    '((comment) @c (#not-eq? @c "// x"))',  # a negative predicate holds for any other text
    '(call_expression function: (identifier)? @fn (#eq? @fn "new")) @c',  # @fn may capture nothing
])
def test_no_trigger_where_a_predicate_cannot_bound_the_source(piece: str) -> None:
    syntax.query(piece)  # a valid query
    assert syntax.pattern_trigger(piece) is None


def test_a_pattern_left_out_by_its_trigger_cannot_match() -> None:
    patterns = syntax._patterns(_texts())
    assert sum(1 for _, trigger, _ in patterns if trigger is not None) >= 4
    checked = 0
    for path in SOURCES:
        source = path.read_bytes()
        root = syntax.parse(source).root_node
        for piece, trigger, _ in patterns:
            if trigger is not None and not trigger(source):
                checked += 1
                assert syntax.matches(syntax.query(piece), root) == [], (path, piece)
    assert checked > len(SOURCES)


def test_shared_pass_gives_each_text_its_own_matches() -> None:
    texts = _texts()
    for path in SOURCES:
        source = path.read_bytes()
        root = syntax.parse(source).root_node
        index = syntax.MatchIndex(root, texts, source)
        for text in texts:
            alone = syntax.matches(syntax.query(text), root)
            assert _key(index.matches(text)) == _key(alone), (path, text)


def test_captures_are_in_document_order() -> None:
    source = b"package p\nfunc f() { a := 1; var b int; if a == 0 { b = 2 } }\n"
    root = syntax.parse(source).root_node
    q = syntax.query("(var_spec) @n (short_var_declaration) @n (assignment_statement) @n")
    assert [n.type for n in syntax.captures(q, root)] == ["short_var_declaration", "var_spec",
                                                          "assignment_statement"]
