"""A rubric's text → its diagnostics and the outline of its groups and indicators.

Expects rubric text (from the folder or pasted into the check page). Guarantees a `Checked`
for any text whatever: the compiled rubric or None, every diagnostic in source order, and an
outline with each group's and indicator's weights. A rubric that compiles is outlined from its
checked model (weights as numbers); one with errors is outlined from its syntax tree, as far as
it parses, with the weights as written — so an author sees the shape of a broken rubric too.
"""

from __future__ import annotations

from pathlib import Path

from collections.abc import Sequence

import attrs

import perfdsl
from perfdsl.diagnostics import CompileError, Diagnostic, sort_key
from perfdsl.formatting import plain
from perfdsl.language import syntax as s
from perfdsl.language.parse import parse
from perfdsl.language.source import Source
from perfdsl.messages import Severity


@attrs.frozen
class Node:
    """One line of the outline: a group (with children) or an indicator."""

    kind: str  # group, indicator
    name: str
    weight: str  # as a number when compiled, as written otherwise; "" when not given
    reference: str
    line: int
    children: tuple[Node, ...] = ()


@attrs.frozen
class Summary:
    title: str
    year: str
    total: str


@attrs.frozen
class Checked:
    compiled: perfdsl.CompiledRubric | None
    diagnostics: tuple[Diagnostic, ...]
    outline: tuple[Node, ...]
    summary: Summary

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity is Severity.WARNING)

    @classmethod
    def unreadable(cls, problem: Diagnostic) -> Checked:
        return cls(None, (problem,), (), Summary("", "", ""))


def check_text(text: str, name: str, folder: Path | None = None) -> Checked:
    """Compile `text` (called `name` in messages) and outline it. A template it builds on
    (`基于`) is read from the served `folder` and nowhere else; with no folder, from nowhere."""
    try:
        if folder is None:
            compiled = perfdsl.compile_string(text, name, read=_no_templates)
        else:
            compiled = perfdsl.compile_string(text, name, base=str(folder), root=str(folder))
    except CompileError as error:
        tree, _ = parse(Source(name, text))
        statements = tree.statements if tree is not None else ()
        return Checked(None, error.diagnostics, _syntax_outline(statements),
                       _syntax_summary(statements))
    model = compiled.model
    diagnostics = tuple(sorted(compiled.warnings + compiled.notes, key=sort_key))
    summary = Summary(model.title or "", "" if model.year is None else str(model.year),
                      plain(model.total))
    return Checked(compiled, diagnostics, tuple(_model_node(n) for n in model.groups), summary)


def _no_templates(path: str) -> str:
    raise OSError("no folder to read templates from")


def _model_node(node) -> Node:
    children = tuple(_model_node(c) for c in getattr(node, "children", ()))
    return Node(kind="group" if hasattr(node, "children") else "indicator", name=node.name,
                weight=plain(node.weight),
                reference="" if node.reference is None else plain(node.reference),
                line=node.span.line, children=children)


def _syntax_outline(items: Sequence) -> tuple[Node, ...]:
    out: list[Node] = []
    for item in items:
        if isinstance(item, s.OrphanBlock):  # a block whose header was lost: keep its contents
            out += _syntax_outline(item.items)
        elif isinstance(item, (s.Group, s.Indicator)):
            weights = {c.kind: c.value.span.text.strip() for c in item.clauses
                       if isinstance(c, s.Weight)}
            children = _syntax_outline(item.children) if isinstance(item, s.Group) else ()
            out.append(Node(kind="group" if isinstance(item, s.Group) else "indicator",
                            name=item.name.text, weight=weights.get("weight", ""),
                            reference=weights.get("reference", ""), line=item.span.line,
                            children=children))
    return tuple(out)


def _syntax_summary(statements: Sequence) -> Summary:
    found = {type(st): st for st in statements}
    title = found.get(s.Title)
    year = found.get(s.Year)
    total = found.get(s.Total)
    return Summary(title.text if title else "", str(year.value) if year else "",
                   total.value.span.text.strip() if total else "")


# --- Diagnostics as the page shows them ----------------------------------------------------------

@attrs.frozen
class Shown:
    """A diagnostic laid out for the page: where, what, the hint, and its source line cut in
    three around the place it points at."""

    code: str
    severity: str  # error, warning, note
    line: int | None
    column: int | None
    message: str
    hint: str
    before: str = ""
    marked: str = ""
    after: str = ""


def show(diagnostic: Diagnostic, lang: str) -> Shown:
    span = diagnostic.span
    common = dict(code=diagnostic.code, severity=diagnostic.severity.value,
                  message=diagnostic.message(lang), hint=diagnostic.hint(lang) or "")
    if span is None:
        return Shown(line=None, column=None, **common)
    line, column = span.source.line_col(span.start)
    text = span.source.line_text(line)
    end_line, end_column = span.source.line_col(max(span.end, span.start))
    stop = len(text) + 1 if end_line > line else max(end_column, column + 1)
    return Shown(line=line, column=column, before=text[: column - 1],
                 marked=text[column - 1: stop - 1], after=text[stop - 1:], **common)
