"""Hover: what the thing under the cursor is, in words.

On an indicator its weight, reference weight, value formula and scoring rule in words, with
its 评分标准 and 指标解释; on a group its weights and number of indicators; on an input its
label, type, unit, range and default; on a `令` value its formula; on a scale its levels, on a
level its share of the weight; on a keyword its token and every spelling. Everything is read
from the syntax tree through the symbol index, so a file with mistakes still has hovers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal

from lsprotocol import types as t

from perfdsl.language import syntax as s
from perfdsl.language.keywords import FUNCTIONS, KEYWORDS
from perfdsl.language.source import Span
from perfdsl.lsp.analysis import Analysis
from perfdsl.lsp.words import label, word, written
from perfdsl.tools import highlight, symbols
from perfdsl.tools.symbols import Symbol


def hover(analysis: Analysis, offset: int, lang: str = "en") -> t.Hover | None:
    """What the name or keyword under the cursor is: weights and rule, type and range, share."""
    occurrence = analysis.index.at(offset)
    if occurrence is not None and occurrence.symbol is not None:
        text = describe(occurrence.symbol, analysis.index, lang)
        where = occurrence.span
    else:
        lexeme = analysis.lexeme_at(offset)
        if lexeme is None or lexeme.category not in ("keyword", "function"):
            return None
        text = _describe_keyword(analysis.text[lexeme.start:lexeme.end], lexeme, lang)
        where = Span(analysis.source, lexeme.start, lexeme.end)
    return t.Hover(contents=t.MarkupContent(kind=t.MarkupKind.Markdown, value=text),
                   range=analysis.range(where))


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


def describe(symbol: Symbol, index: symbols.Index, lang: str = "en") -> str:
    """The Markdown an editor shows for a symbol."""
    return _DESCRIBERS[symbol.kind](symbol, index, lang)


def _title(symbol: Symbol, lang: str) -> str:
    path = " › ".join(symbol.path)
    where = f"{path} › " if path else ""
    return f"({word(lang, symbol.kind)}) {where}**{symbol.name}**"


def weights_line(symbol: Symbol, index: symbols.Index, lang: str) -> str:
    found = symbols.weights(symbol.node)
    parts = []
    weight = found.get("weight")
    if weight is not None:
        parts.append(f"{word(lang, 'weight')} {written(weight.value)}")
    elif symbol.kind == "group":
        total = _sum_of_parts(symbol, index)
        if total is not None:
            parts.append(f"{word(lang, 'weight')} {total}（{word(lang, 'children_sum')}）"
                         if lang == "zh" else
                         f"{word(lang, 'weight')} {total} ({word(lang, 'children_sum')})")
    if "reference" in found:
        parts.append(f"{word(lang, 'reference')} {written(found['reference'].value)}")
    return " · ".join(parts)


def _sum_of_parts(group: Symbol, index: symbols.Index) -> Decimal | None:
    """A group's weight when it states none: its parts' (None if one is not a plain number)."""
    total = Decimal(0)
    stack = index.children(group)
    while stack:
        child = stack.pop()
        weight = symbols.weights(child.node).get("weight")
        value = symbols.constant(weight.value) if weight is not None else None
        if value is not None:
            total += value
        elif child.kind == "group" and weight is None:
            stack.extend(index.children(child))  # a group without a weight weighs its parts
        else:
            return None
    return total


def _describe_indicator(symbol: Symbol, index: symbols.Index, lang: str) -> str:
    node = symbol.node
    lines = [_title(symbol, lang)]
    weights = weights_line(symbol, index, lang)
    if weights:
        lines.append(weights)
    value = next(symbols.clauses(node, s.ValueClause), None)
    if value is not None:
        lines.append(f"{word(lang, 'value')} = `{written(value.expr)}`")
    score = next(symbols.clauses(node, s.ScoreClause), None)
    if score is not None:
        lines.append(f"{label(lang, 'rule')}{rule_in_words(score.rule, lang)}")
    texts = {clause.kind: clause.text for clause in symbols.clauses(node, s.Text)}
    for kind in ("standard", "description"):
        if kind in texts:
            lines.append(f"{label(lang, kind)}{texts[kind]}")
    return "\n\n".join(lines)


def _describe_group(symbol: Symbol, index: symbols.Index, lang: str) -> str:
    lines = [_title(symbol, lang)]
    weights = weights_line(symbol, index, lang)
    if weights:
        lines.append(weights)
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


def _describe_input(symbol: Symbol, index: symbols.Index, lang: str) -> str:
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


def _describe_let(symbol: Symbol, index: symbols.Index, lang: str) -> str:
    node: s.Let = symbol.node  # type: ignore[assignment]
    title = _title(symbol, lang) + (f" — {node.label}" if node.label else "")
    return f"{title}\n\n{word(lang, 'value')} = `{written(node.value)}`"


def _describe_scale(symbol: Symbol, index: symbols.Index, lang: str) -> str:
    rows = [f"- **{level.name}** {level_share(level.node)}" for level in index.children(symbol)]
    return _title(symbol, lang) + "\n\n" + "\n".join(rows)


def _describe_level(symbol: Symbol, index: symbols.Index, lang: str) -> str:
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


_DESCRIBERS: dict[str, Callable[[Symbol, symbols.Index, str], str]] = {
    "indicator": _describe_indicator, "group": _describe_group, "input": _describe_input,
    "let": _describe_let, "scale": _describe_scale, "level": _describe_level,
}


# The rule in words, one row per rule kind: its keyword and a sentence from its parts as written.
# (Once the core IR of issue 7 gives every rule kind its own explanation, this reads that.)
_RULE_KEYWORD = {s.FullIf: "FULL_IF", s.Proportional: "PROPORTIONAL", s.Bands: "BANDS",
                 s.Stepwise: "STEPWISE", s.Findings: "FINDINGS", s.Deductions: "DEDUCTIONS",
                 s.Levels: "LEVELS", s.Judged: "JUDGED", s.Checklist: "CHECKLIST",
                 s.Target: "TARGET", s.Formula: "FORMULA"}
_MODE = {"floor": ("a part step deducts nothing", "不足一档不扣"),
         "ceil": ("a part step counts as a whole one", "不足一档按一档"),
         "exact": ("a part step deducts its share", "按实际")}
_DIRECTION = {"below": ("below", "低于"), "above": ("above", "高于")}
_OP = {">=": "≥", "<=": "≤", "=": "=", "!=": "≠", ">": ">", "<": "<"}

_RULE_SENTENCES: dict[type, dict[str, Callable]] = {
    s.FullIf: {
        "en": lambda r: f"full marks when {written(r.condition)}, else 0",
        "zh": lambda r: f"{written(r.condition)} 时得满分，否则不得分"},
    s.Proportional: {
        "en": lambda r: f"{written(r.rate)} × the weight",
        "zh": lambda r: f"{written(r.rate)} × 分值"},
    s.Stepwise: {
        "en": lambda r: f"{written(r.points)} points off for every {written(r.step)} that "
                        f"{written(r.subject)} is {_DIRECTION[r.direction][0]} "
                        f"{written(r.threshold)}; {_MODE[r.mode][0]}",
        "zh": lambda r: f"{written(r.subject)} {_DIRECTION[r.direction][1]} "
                        f"{written(r.threshold)} 时，每 {written(r.step)} 扣 {written(r.points)} "
                        f"分，{_MODE[r.mode][1]}，扣完为止"},
    s.Findings: {
        "en": lambda r: f"{written(r.points)} points off for each of {written(r.count)} findings",
        "zh": lambda r: f"按 {written(r.count)} 每处扣 {written(r.points)} 分，扣完为止"},
    s.Levels: {
        "en": lambda r: f"the share of the level of {written(r.subject)}",
        "zh": lambda r: f"按 {written(r.subject)} 的等次计分"},
    s.Judged: {
        "en": lambda r: f"{written(r.score)}, judged, within the range of level {written(r.level)}",
        "zh": lambda r: f"人工评分 {written(r.score)}，须在等次 {written(r.level)} 的区间内"},
    s.Target: {
        "en": lambda r: f"full marks when {written(r.actual)} {_OP[r.op]} {written(r.target)}, "
                        "else a share",
        "zh": lambda r: f"{written(r.actual)} {_OP[r.op]} {written(r.target)} 时得满分，否则按比例得分"},
    s.Formula: {
        "en": lambda r: f"= {written(r.expr)}",
        "zh": lambda r: f"= {written(r.expr)}"},
    s.Bands: {
        "en": lambda r: f"by bands of {written(r.subject)}",
        "zh": lambda r: f"按 {written(r.subject)} 分档"},
    s.Deductions: {"en": lambda r: "the weight, less each deduction that applies",
                   "zh": lambda r: "满分减去每个成立的扣分项，扣完为止"},
    s.Checklist: {"en": lambda r: "the points of each item that holds",
                  "zh": lambda r: "每项成立得相应分数"},
}
_RULE_ROWS = {s.Bands: "rows", s.Deductions: "rows", s.Checklist: "items"}


def rule_in_words(rule, lang: str = "en") -> str:
    """A scoring rule as a sentence, with its rows (bands, deductions, items) as a list."""
    token = _RULE_KEYWORD.get(type(rule))
    spellings = KEYWORDS.get(token or "", ())
    name = spellings[0] if lang == "en" or len(spellings) < 2 else spellings[1]
    sentences = _RULE_SENTENCES.get(type(rule))
    if sentences is None:  # a rule kind this table does not know yet: show it as written
        return f"`{written(rule)}`"
    text = f"{name} — {sentences[lang if lang in sentences else 'en'](rule)}" if name \
        else sentences[lang if lang in sentences else "en"](rule)
    rows = getattr(rule, _RULE_ROWS.get(type(rule), ""), ())
    if rows:
        text += "\n" + "\n".join(f"- `{written(row)}`" for row in rows)
    return text
