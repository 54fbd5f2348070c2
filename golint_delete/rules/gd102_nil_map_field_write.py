"""GD102 nil-map-field-write: `x.f[k] = v` with no nil check in its function, while a construction
of x's type elsewhere in the package leaves f nil.

The write is reported, naming the construction (a related location in SARIF). Types designed for
lazy initialisation (some function makes f outside a constructor, or checks it against nil) are
left alone: the order of calls is not visible statically.
"""

from __future__ import annotations

from golint_delete.api import UNK, WRITER_CALLS, WRITES, Ctx, Named, Rule, Severity, deref, unparen, written_nodes


def check(ctx: Ctx, caps: dict) -> None:
    for node in written_nodes(ctx.model, ctx.file, caps):
        _check_write(ctx, node)


def _check_write(ctx: Ctx, node) -> None:
    # A field of a struct type of the package first (cheap), the function's flow analysis after.
    operand = ctx.model.written_map(node, ctx.file)
    sel = unparen(operand) if operand is not None else None
    if sel is None or sel.type != "selector_expression":
        return
    holder_expr, fld = sel.child_by_field_name("operand"), sel.child_by_field_name("field")
    if holder_expr is None or fld is None:
        return
    holder = deref(ctx.model.type_of(holder_expr, ctx.file))
    if not isinstance(holder, Named) or holder.spec is None:
        return
    found = ctx.model.field(holder, fld.text)
    if found is None:
        return
    write = ctx.model.map_write(node, ctx.file)
    if write is None or write.facts != frozenset({UNK}):
        return  # made, checked or nil-ness known on some path here: not this rule's case
    facts = ctx.model.fields()
    key = (holder.name, fld.text)
    makers = facts.made_only_when_nil(key)
    if makers and (any(m.func == write.func for m in makers) or facts.makers_run_first(makers, write.func)):
        return  # this function makes it, or every caller runs a maker first
    if (facts.is_lazy(key) and not makers) or facts.checked_by_caller(key, write.func):
        return
    site = facts.nil_construction(holder.name, fld.text, found.path)
    if site is None:
        return
    name, f = fld.text.decode(), holder.name.decode()
    line = ctx.line_in(site.file, site.node.start_byte)
    what = f"{f}{{...}}" if site.node.type == "composite_literal" else f"new({f})" \
        if site.node.type == "call_expression" else f"the {f} value {{...}} of a map literal"
    related = (ctx.related_in(site.file, site.node.start_byte, f"{what} leaves {name} nil"),)
    how = f"{ctx.text(write.node.child_by_field_name('function'))} writes into {ctx.text(write.map)}" \
        if write.node.type == "call_expression" else f"{ctx.text(write.map)} is written"
    only = ""
    if site.unless is not None:
        label = ctx.model.function_label(site.func) if site.func is not None else "the constructor"
        only = f" unless {ctx.text(site.unless)} ({label} makes it only then, line {ctx.line_in(site.file, site.unless.start_byte)})"
    if makers:
        label = ctx.model.function_label(makers[0].func) if makers[0].func is not None else "a function"
        right = makers[0].node.child_by_field_name("right")
        made = right is not None and any(ctx.model.is_fresh(v, makers[0].file) for v in right.named_children)
        verb = "makes {} (when nil)" if made else "sets {} (to what its caller passes, which may be nil too)"
        only = f", and only {label} {verb.format('it')}: run before that, this write panics"
        related += (ctx.related_in(makers[0].file, makers[0].node.start_byte, f"{label} {verb.format(name)}"),)
    ctx.report(ctx.node_range(write.node),
               f"{how} without a nil check, but {what} at {site.file.path}:{line} "
               f"leaves {name} nil{only if makers else only + ': writing through such a value panics'} "
               f"(assignment to entry in nil map)",
               related=related)


# Writes; and, once per file, the calls that write a map (`c.header.Set(k, v)`).
RULE = Rule("GD102", "nil-map-field-write", Severity.WARNING, query=WRITES + WRITER_CALLS, check=check)
