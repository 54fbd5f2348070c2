"""The queries the model's indexes read from each file's one shared pass (syntax.MatchIndex).

Declared here, in one place, and handed to the pass by whoever builds it (engine.analyse): a
query the pass does not know still works (it runs on its own, as an extra traversal), so a new
index query belongs in INDEX.
"""

# Map writes: `m[k] = v`, `m[k] op= v`, `m[k]++`, `m[k]--`.
WRITES = """
(assignment_statement left: (expression_list (index_expression) @w))
(inc_statement (index_expression) @w)
(dec_statement (index_expression) @w)
"""

# Once per file: a rule then asks Package.writer_calls for the call statements that may write a
# map by their name (http.Header.Add on a nil Header panics like h[k] = v; `fill(m)` with
# `func fill(m M) { m[k] = v }`), found in the text rather than by matching every call.
WRITER_CALLS = """
(source_file) @file
"""

# Map mutations: the writes and `delete(m, k)` calls.
MUTATIONS = WRITES + """
(call_expression function: (identifier) @fn (#eq? @fn "delete") arguments: (argument_list)) @del
"""

# `go f(...)` calls, and calls of a method named like a handler registration (the predicate keeps
# the other calls, most of a package, from ever reaching Python).
STARTS = """
(go_statement (call_expression) @call)
(call_expression function: (selector_expression field: (field_identifier) @rf)
  arguments: (argument_list) @args (#any-of? @rf "HandleFunc" "Handle" "HandlerFunc" "AfterFunc")) @reg
"""

# What model/fields.py files under field, var and type names: constructions, assignments,
# comparisons with nil and addresses taken of fields.
FIELD_CANDIDATES = """
(unary_expression operator: "&" operand: (selector_expression)) @addr
(composite_literal type: [(type_identifier) (generic_type)]) @lit
(composite_literal type: (map_type value: (type_identifier)) body: (literal_value (keyed_element (literal_element (literal_value) @elided))))
(call_expression function: (identifier) @fn (#eq? @fn "new")) @new
(assignment_statement left: (expression_list) right: (expression_list)) @assign
"""

INDEX = (MUTATIONS, STARTS, FIELD_CANDIDATES)
