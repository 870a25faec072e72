"""Hover: what the thing under the cursor is, in words.

On an indicator its weight, reference weight, value formula and scoring rule in words, with
its 评分标准 and 指标解释; on a group its weights and number of indicators; on an input its
label, type, unit, range and default; on a `令` value its formula; on a scale its levels, on a
level its share of the weight; on a keyword its token and every spelling; on the path of
`基于 "…"` the template it names.

Weights and rules come from the compiler's model of the composed rubric, when it has the node:
the weight a unit sets (设定分值) beside the template's reference (参考分值), the rule after the
unit's changes, said in its kind's own words (`perfdsl.outputs.phrases.rule_words`), and
whether it applies to this unit. A node the model lacks (a file with mistakes) is described
from its syntax, as written, so a broken file still has hovers.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from decimal import Decimal

import attrs
from lsprotocol import types as t

from perfdsl.formatting import plain
from perfdsl.language import syntax as s
from perfdsl.language.keywords import FUNCTIONS, KEYWORDS
from perfdsl.language.source import Span
from perfdsl.lsp.analysis import Analysis
from perfdsl.lsp.words import label, word, written
from perfdsl.tools import highlight, symbols
from perfdsl.tools.symbols import Symbol


def hover(analysis: Analysis, offset: int, lang: str = "en") -> t.Hover | None:
    """What the name, keyword or template path under the cursor is."""
    extends = analysis.extends()
    if extends is not None and extends.path_span.start <= offset <= extends.path_span.end:
        text = _describe_template(analysis, lang)
        where = extends.path_span
    else:
        occurrence = analysis.index.at(offset)
        if occurrence is not None and occurrence.symbol is not None:
            text = describe(occurrence.symbol, analysis, lang, change=_change_at(analysis, offset))
            where = occurrence.span
        else:
            lexeme = analysis.lexeme_at(offset)
            if lexeme is None or lexeme.category not in ("keyword", "function"):
                return None
            text = _describe_keyword(analysis.text[lexeme.start:lexeme.end], lexeme, lang)
            where = Span(analysis.source, lexeme.start, lexeme.end)
    return t.Hover(contents=t.MarkupContent(kind=t.MarkupKind.Markdown, value=text),
                   range=analysis.range(where))


def _change_at(analysis: Analysis, offset: int) -> object | None:
    """The `修改`/`删除`/`不适用`/`选用` statement whose name is under the cursor, if any."""
    if analysis.tree is None:
        return None
    for statement in analysis.tree.statements:
        names = (statement.name,) if isinstance(statement, s.Override) else \
            getattr(statement, "names", ()) if isinstance(
                statement, (s.Remove, s.NotApplicable, s.Choose)) else ()
        if any(name.span.start <= offset <= name.span.end for name in names):
            return statement
    return None


def _describe_keyword(spelling: str, lexeme: highlight.Lexeme, lang: str) -> str:
    if lexeme.category == "function":
        spellings = [w for w, f in FUNCTIONS.items() if f == lexeme.detail]
        head = f"({word(lang, 'function')}) **{spelling}** — `{lexeme.detail}`"
    else:
        spellings = list(KEYWORDS.get(lexeme.detail, (spelling,)))
        head = (f"({word(lang, 'keyword')}) **{spelling}** — "
                f"{word(lang, 'used_as')} `{lexeme.detail}`")
    listed = ("、" if lang == "zh" else ", ").join(f"`{w}`" for w in spellings)
    return f"{head}\n\n{label(lang, 'spellings')}{listed}"


def _describe_template(analysis: Analysis, lang: str) -> str:
    """The template a `基于` names: its file, title and what it holds."""
    extends = analysis.extends()
    template = analysis.templates[0] if analysis.templates else None
    head = f"({word(lang, 'template')}) `{extends.path if extends else ''}`"
    if template is None or template.tree is None:
        return f"{head}\n\n{word(lang, 'not_read')}"
    lines = [head, f"`{template.path}`"]
    title = next((st.text for st in template.tree.statements if isinstance(st, s.Title)), None)
    if title:
        lines.append(f"**{title}**")
    counts = {kind: 0 for kind in ("indicator", "group", "input")}
    for symbol in analysis.index.symbols:
        if symbol.span.source is template.source and symbol.kind in counts:
            counts[symbol.kind] += 1
    lines.append(" · ".join(f"{n} {word(lang, kind + 's')}" for kind, n in counts.items()))
    return "\n\n".join(lines)


def describe(symbol: Symbol, analysis: Analysis, lang: str = "en", change=None) -> str:
    """The Markdown an editor shows for a symbol (`change`: the 修改/删除… under the cursor)."""
    text = _DESCRIBERS[symbol.kind](symbol, analysis, lang, change)
    elsewhere = symbol.span.source is not analysis.source
    if elsewhere:  # declared in a template: say which
        found = analysis.file_of(symbol.span.source)
        name = os.path.basename(found.path) if found is not None else symbol.span.source.name
        text += f"\n\n{label(lang, 'declared_in')}`{name}`:{symbol.span.line}"
    return text


def _title(symbol: Symbol, lang: str) -> str:
    path = " › ".join(symbol.path)
    where = f"{path} › " if path else ""
    return f"({word(lang, symbol.kind)}) {where}**{symbol.name}**"


# --- The model of the composed rubric ----------------------------------------------------------

def model_node(analysis: Analysis, symbol: Symbol):
    """The model's indicator or group a symbol names, or None (a file with mistakes)."""
    if symbol.kind not in ("indicator", "group"):
        return None
    return analysis.model_node(symbol.kind, symbol.name)


def _excluded(analysis: Analysis, symbol: Symbol):
    """Why a node does not count for this unit (`不适用`, or not chosen), or None."""
    return analysis.model_node("excluded", symbol.name)


def weights_line(symbol: Symbol, analysis: Analysis, lang: str, change=None) -> str:
    """`weight 6 · reference weight 5`: from the model when it has the node, else as written.
    On a unit's `修改` line, whose each is said: the template's reference, the unit's weight."""
    node = model_node(analysis, symbol)
    if node is not None:
        weight, reference = plain(node.weight), node.reference
        reference = plain(reference) if reference is not None else None
    else:
        weight, reference = _written_weights(symbol, analysis.index)
    parts = []
    if weight is not None:
        parts.append(f"{word(lang, 'weight')} {weight}")
        if isinstance(change, s.Override):
            parts[-1] += _whose(lang, "this_unit")
        elif symbol.kind == "group" and not symbols.weights(symbol.node):
            parts[-1] += _whose(lang, "children_sum")
    if reference is not None:
        parts.append(f"{word(lang, 'reference')} {reference}")
        if isinstance(change, s.Override):
            parts[-1] += _whose(lang, "of_template")
    elif isinstance(change, s.Override):  # the template set a weight, not a reference: its own
        template, _ = _written_weights(symbol, analysis.index)
        if template is not None:
            parts.append(f"{word(lang, 'weight')} {template}{_whose(lang, 'of_template')}")
    return " · ".join(parts)


def _whose(lang: str, key: str) -> str:
    return f"（{word(lang, key)}）" if lang == "zh" else f" ({word(lang, key)})"


def _written_weights(symbol: Symbol, index: symbols.Index) -> tuple[str | None, str | None]:
    found = symbols.weights(symbol.node)
    weight = found.get("weight")
    reference = found.get("reference")
    shown = written(weight.value) if weight is not None else None
    if shown is None and symbol.kind == "group":
        total = _sum_of_parts(symbol, index)
        shown = plain(total) if total is not None else None
    elif shown is None and reference is not None:
        shown = written(reference.value)  # 设定分值 defaults to 参考分值
    return shown, written(reference.value) if reference is not None else None


def _sum_of_parts(group: Symbol, index: symbols.Index) -> Decimal | None:
    """A group's weight when it states none: its parts' (None if one is not a plain number)."""
    total = Decimal(0)
    stack = index.children(group)
    while stack:
        child = stack.pop()
        found = symbols.weights(child.node)
        weight = found.get("weight") or found.get("reference")
        value = symbols.constant(weight.value) if weight is not None else None
        if value is not None:
            total += value
        elif child.kind == "group" and weight is None:
            stack.extend(index.children(child))  # a group without a weight weighs its parts
        else:
            return None
    return total


# --- Each kind of symbol ------------------------------------------------------------------------

def _describe_indicator(symbol: Symbol, analysis: Analysis, lang: str, change) -> str:
    node = symbol.node
    lines = [_title(symbol, lang)]
    weights = weights_line(symbol, analysis, lang, change)
    if weights:
        lines.append(weights)
    lines.extend(_standing(symbol, analysis, lang, change))
    model = model_node(analysis, symbol)
    if model is not None and model.value is not None:
        lines.append(f"{word(lang, 'value')} = `{written(model.value)}`")
    else:
        value = next(symbols.clauses(node, s.ValueClause), None)
        if value is not None:
            lines.append(f"{word(lang, 'value')} = `{written(value.expr)}`")
    if model is not None:
        lines.append(f"{label(lang, 'rule')}{rule_in_words(model.rule, lang)}")
        texts = {"standard": model.standard, "description": model.description}
    else:
        score = next(symbols.clauses(node, s.ScoreClause), None)
        if score is not None:  # not checked yet: the rule as written
            lines.append(f"{label(lang, 'rule')}`{written(score.rule)}`")
        texts = {clause.kind: clause.text for clause in symbols.clauses(node, s.Text)}
    for kind in ("standard", "description"):
        if texts.get(kind):
            lines.append(f"{label(lang, kind)}{texts[kind]}")
    return "\n\n".join(lines)


def _standing(symbol: Symbol, analysis: Analysis, lang: str, change) -> list[str]:
    """Whether the node counts for this unit: removed, not applicable, not chosen."""
    if isinstance(change, s.Remove):
        return [word(lang, "removed")]
    excluded = _excluded(analysis, symbol)
    if excluded is not None:
        return [word(lang, excluded.why)]
    return []


def _describe_group(symbol: Symbol, analysis: Analysis, lang: str, change) -> str:
    index = analysis.index
    lines = [_title(symbol, lang)]
    weights = weights_line(symbol, analysis, lang, change)
    if weights:
        lines.append(weights)
    lines.extend(_standing(symbol, analysis, lang, change))
    count = sum(1 for sym in _descendants(symbol, index) if sym.kind == "indicator")
    lines.append(f"{count} {word(lang, 'indicators')}")
    texts = {clause.kind: clause.text for clause in symbols.clauses(symbol.node, s.Text)}
    if "description" in texts:
        lines.append(f"{label(lang, 'description')}{texts['description']}")
    return "\n\n".join(lines)


def _descendants(symbol: Symbol, index: symbols.Index) -> Iterable[Symbol]:
    stack = index.children(symbol)
    while stack:
        child = stack.pop()
        yield child
        stack.extend(index.children(child))


def _describe_input(symbol: Symbol, analysis: Analysis, lang: str, change) -> str:
    from perfdsl.checks import units

    node: s.Input = symbol.node  # type: ignore[assignment]
    title = _title(symbol, lang)
    if node.label:
        title += f" — {node.label}"
    lines = [title]
    argument = node.type.argument.text if node.type.argument else None
    lines.append(f"{label(lang, 'type')}{units.declared(node.type.kind, argument).describe(lang)}")
    if node.type.kind in ("money", "count"):
        unit = argument or ("万元" if node.type.kind == "money" else "个")
        lines.append(f"{label(lang, 'unit')}{unit}")
    if node.bounds:
        bounds = dict.fromkeys(written(bound) for bound in node.bounds)  # `0 至 100` is two
        lines.append(f"{label(lang, 'range')}" + ", ".join(bounds))
    if node.default is not None:
        lines.append(f"{label(lang, 'default')}{written(node.default)}")
    if node.description:
        lines.append(f"{label(lang, 'description')}{node.description}")
    return "\n\n".join(lines)


def _describe_let(symbol: Symbol, analysis: Analysis, lang: str, change) -> str:
    node: s.Let = symbol.node  # type: ignore[assignment]
    title = _title(symbol, lang) + (f" — {node.label}" if node.label else "")
    return f"{title}\n\n{word(lang, 'value')} = `{written(node.value)}`"


def _describe_scale(symbol: Symbol, analysis: Analysis, lang: str, change) -> str:
    rows = [f"- **{level.name}** {level_share(level.node)}"
            for level in analysis.index.children(symbol)]
    return _title(symbol, lang) + "\n\n" + "\n".join(rows)


def _describe_level(symbol: Symbol, analysis: Analysis, lang: str, change) -> str:
    row: s.ScaleRow = symbol.node  # type: ignore[assignment]
    key = "share" if row.high is None else "judged_share"
    return f"{_title(symbol, lang)}\n\n{word(lang, key)} {level_share(row)}"


def level_share(row: s.ScaleRow) -> str:
    """A level's share of the weight as written: `100%`, or a range `[60%, 80%)` / `80% 至 100%`."""
    if row.high is None:
        return written(row.low)
    text = written(row)
    return text[text.find("=") + 1:].strip() if "=" in text else \
        f"{written(row.low)} – {written(row.high)}"


_DESCRIBERS: dict[str, Callable[[Symbol, Analysis, str, object], str]] = {
    "indicator": _describe_indicator, "group": _describe_group, "input": _describe_input,
    "let": _describe_let, "scale": _describe_scale, "level": _describe_level,
}


def rule_in_words(rule, lang: str = "en") -> str:
    """A checked rule as its kind's words say it (`perfdsl.outputs.phrases.rule_words`), with
    its rows (bands, deductions, items) as the rubric wrote them."""
    from perfdsl.outputs.phrases import rule_words

    name, sentence = rule_words(rule, lang)
    text = f"{name} — {sentence}"
    rows = [f"- `{written(row)}`" for row in _rows(rule)]
    return "\n".join([text, *rows])


def _rows(rule) -> Iterable:
    """The rows of a rule that has them: the nodes of its tuple fields, each with its span."""
    for field in attrs.fields(type(rule)):
        value = getattr(rule, field.name)
        if isinstance(value, tuple):
            yield from (row for row in value if getattr(row, "span", None) is not None)
