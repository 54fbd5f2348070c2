"""The shared query pass: one traversal per file must give every query text exactly the matches
it would get on its own."""

from __future__ import annotations

from pathlib import Path

from golint_delete import syntax
from golint_delete.model.queries import INDEX
from golint_delete.suppress import DIRECTIVE_QUERY
from golint_delete.runner import BY_ID

TESTDATA = Path(__file__).resolve().parent.parent / "testdata"
SOURCES = sorted(TESTDATA.rglob("*.go"))


def _texts() -> tuple[str, ...]:
    return tuple(dict.fromkeys((*INDEX, DIRECTIVE_QUERY, *(r.query for r in BY_ID.values() if r.query))))


def _key(matches) -> list:
    return [(i, sorted((k, [(n.start_byte, n.end_byte, n.type) for n in v]) for k, v in caps.items()))
            for i, caps in matches]


def test_shared_pass_gives_each_text_its_own_matches() -> None:
    texts = _texts()
    for path in SOURCES:
        source = path.read_bytes()
        root = syntax.parse(source).root_node
        index = syntax.MatchIndex(root, texts)
        for text in texts:
            alone = syntax.matches(syntax.query(text), root)
            assert _key(index.matches(text)) == _key(alone), (path, text)


def test_captures_are_in_document_order() -> None:
    source = b"package p\nfunc f() { a := 1; var b int; if a == 0 { b = 2 } }\n"
    root = syntax.parse(source).root_node
    q = syntax.query("(var_spec) @n (short_var_declaration) @n (assignment_statement) @n")
    assert [n.type for n in syntax.captures(q, root)] == ["short_var_declaration", "var_spec",
                                                          "assignment_statement"]
