"""GD105 decoded-map-write: a write to a map field of a value a decoder just filled, which the
decoder leaves nil.

`json.Unmarshal(data, &c)` (yaml, toml, xml, msgpack, gob alike) makes a map field only when the
input has it and never sets an unexported one. The write is reported when c started with the field
nil, nothing between the decode and the write makes or checks it (or calls anything on c), and,
for an exported field, the package never makes it outside a constructor nor checks it against nil:
an error for an unexported field (nil whatever the input), a warning for an exported one (nil when
the input lacks it).
"""

from __future__ import annotations

from golint_delete.api import Ctx, Rule, Severity


def check(ctx: Ctx, caps: dict) -> None:
    call = caps["call"][0]
    for w in ctx.model.decoded_writes(call, ctx.file):
        m = ctx.text(w.map)
        field = w.map.child_by_field_name("field").text.decode()
        dec = w.decoder.decode()
        fn = ctx.text(w.decode.child_by_field_name("function"))
        fn = fn if len(fn) <= 40 else f"{dec} ... {fn.rsplit('.', 1)[-1]}"
        holder = ctx.text(w.map.child_by_field_name("operand"))
        line = ctx.line_of(w.decode.start_byte)
        related = (ctx.related(w.decode.start_byte, f"{dec} fills the value here"),
                   ctx.related(w.declared.start_byte, f"{field} is nil here"))
        if w.exported:
            ctx.report(ctx.node_range(w.write),
                       f"{m} is written after {fn}(...) at line {line} filled {holder}, with no make or nil "
                       f"check between, and nothing in the package makes or checks {field}: an input without it "
                       f"leaves {m} nil, and this write panics (assignment to entry in nil map); make it "
                       f"when it is nil", related=related)
        else:
            ctx.report(ctx.node_range(w.write),
                       f"{m} is unexported, so {fn}(...) at line {line} never sets it, and {holder} started "
                       f"with it nil (line {ctx.line_of(w.declared.start_byte)}): this write panics on every input "
                       f"(assignment to entry in nil map); make it first", related=related,
                       severity=Severity.ERROR)


RULE = Rule("GD105", "decoded-map-write", Severity.WARNING,
            query='(call_expression function: (selector_expression field: (field_identifier) @fn '
                  '(#any-of? @fn "Unmarshal" "UnmarshalStrict" "Decode"))) @call',
            check=check)
