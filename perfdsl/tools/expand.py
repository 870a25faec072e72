"""A rubric that builds on a template, written out as one file with every change applied.

`expand(composed)` expects the `perfdsl.checks.compose.Composed` of a rubric and returns the
text of a single rubric that means the same: the template's statements with the unit's
replacing them, the 设定分值 in force beside each 参考分值, the alternative chosen and nothing of
the others, nothing removed; what does not apply is kept and marked `不适用` (or, for the
optional items of a `可选` group, the chosen are named with `选用`). Each clause is copied as
its author wrote it, keywords and all, then the whole is laid out by `perfdsl.tools.fmt`.

`rubrics/department-overall.rubric` is `rubrics/huitong-2021.rubric` expanded; a test
regenerates it and compares (PERFDSL_UPDATE_GOLDEN=1 rewrites it).

    python -m perfdsl.tools.expand rubrics/huitong-2021.rubric
"""

from __future__ import annotations

import sys

from perfdsl.checks.compose import Composed
from perfdsl.language import syntax as s
from perfdsl.tools.fmt import format_text

_HEADERS = (s.Title, s.Year, s.Total, s.Grades, s.Layout)


def expand(composed: Composed, comment: tuple[str, ...] = ()) -> str:
    """The composed rubric as the text of one file, preceded by `comment` lines."""
    out = [f"# {line}" if line else "#" for line in comment]
    if comment:
        out.append("")
    statements = composed.tree.statements
    for header in _HEADERS:
        out += [st.span.text for st in statements if isinstance(st, header)]
    if composed.rescale != "total":
        out.append("不适用 按比例折算 分组")
    out.append("")
    previous = None
    tops = [st for st in statements if isinstance(st, (s.Group, s.Indicator))]
    tops += [e.syntax for e in composed.excluded.get((), ())]
    ordered: list = []  # the statements in order, the whole tree where its first node stood
    for statement in statements:
        if not isinstance(statement, (s.Group, s.Indicator)):
            ordered.append(statement)
        elif tops:
            ordered += tops
            tops = []
    for statement in ordered + tops:
        if isinstance(statement, _HEADERS):
            continue
        kind = type(statement)
        comments, apart = _leading_comments(statement)
        source = statement.span.source
        if previous is not None and (apart or kind in (s.Group, s.Indicator) or (
                previous[1] is not source and kind is not previous[0])):
            out.append("")  # where the author left a line, between blocks, between files' parts
        out += comments
        previous = (kind, source)
        if isinstance(statement, (s.Group, s.Indicator)):
            out.extend(_node(statement, (), composed))
        else:
            out.append(statement.span.text)
    gone = [e for excluded in composed.excluded.values() for e in excluded]
    marked = [e.name for e in gone if e.why == "not_applicable"]
    if marked:
        out += ["", "不适用 " + "、".join(marked)]
    for path in sorted(composed.pools):
        if any(e.why == "not_chosen" for e in composed.excluded.get(path, ())):
            chosen = _children_named(statements, path)
            out += ["", "选用 " + "、".join(chosen)]
    return format_text("\n".join(out) + "\n")


def _leading_comments(statement) -> tuple[list[str], bool]:
    """The comment lines right above a statement in its own file (a section heading), and
    whether a blank line stands above them."""
    source, line = statement.span.source, statement.span.line
    comments: list[str] = []
    while line > 1:
        text = source.line_text(line - 1).strip()
        if not text.startswith(("#", "//")):
            return comments, not text
        comments.insert(0, text)
        line -= 1
    return [], False  # the file's own heading: not this statement's


def _children_named(statements, path: tuple[str, ...]) -> list[str]:
    nodes = [st for st in statements if isinstance(st, (s.Group, s.Indicator))]
    for name in path:
        node = next(n for n in nodes if n.name.text == name)
        nodes = [c for c in getattr(node, "children", ()) if isinstance(c, (s.Group, s.Indicator))]
    return [n.name.span.text for n in nodes]


def _node(node: s.Group | s.Indicator, parent: tuple[str, ...], composed: Composed) -> list[str]:
    keyword = node.span.text.split(None, 1)[0]
    english = keyword.isascii()
    head = [keyword, node.name.span.text]
    for kind, word in (("weight", ("分值", "weight")), ("reference", ("参考分值", "reference"))):
        clause = next((c for c in node.clauses if isinstance(c, s.Weight) and c.kind == kind),
                      None)
        if clause is not None:
            head += [word[english], clause.value.span.text]
    path = parent + (node.name.text,)
    if isinstance(node, s.Group) and path in composed.pools:
        head.append("optional" if english else "可选")
    lines = [" ".join(head) + " {"]
    for clause in node.clauses:
        if isinstance(clause, s.Weight):
            continue
        if isinstance(clause, s.Text) and clause.kind == "explain":
            lines.append(("explain " if english else "计算分析 ") + clause.span.text)
        else:
            lines.append(clause.span.text)
    children = list(getattr(node, "children", ()))
    if isinstance(node, s.Group):
        children += [e.syntax for e in composed.excluded.get(path, ())]
    for child in children:
        if isinstance(child, (s.Group, s.Indicator)):
            lines.extend(_node(child, path, composed))
        else:
            lines.append(child.span.text)
    lines.append("}")
    return lines


def main(argv: list[str]) -> int:
    from perfdsl.compiler import compose, read_rubric
    from perfdsl.diagnostics import PerfdslError, render
    from perfdsl.language.source import Source

    try:
        _loaded, composed, diagnostics = compose(Source(argv[0], read_rubric(argv[0])))
    except PerfdslError as error:
        diagnostics, composed = list(error.diagnostics), None
    for diagnostic in diagnostics:
        print(render(diagnostic), file=sys.stderr)
    if composed is None or any(d.is_error for d in diagnostics):
        return 1
    sys.stdout.write(expand(composed, tuple(argv[1:])))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
