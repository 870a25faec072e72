"""What the language server answers, as plain functions of an `Analysis`.

Each function takes an analysed document (and a cursor offset, a language for words) and
returns the protocol's answer as `lsprotocol` types; `perfdsl.lsp.server` only wires them to
requests. Offsets are perfdsl's (characters); `Analysis.lines` turns them into the client's
positions. Nothing here raises for any document: a cursor on nothing gets None or an empty list.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from decimal import Decimal

from lsprotocol import types as t

from perfdsl.diagnostics import Diagnostic
from perfdsl.language import syntax as s
from perfdsl.language.keywords import FUNCTIONS, KEYWORDS
from perfdsl.language.source import Span
from perfdsl.lsp.analysis import Analysis
from perfdsl.messages import Severity
from perfdsl.tools import highlight, symbols
from perfdsl.tools.symbols import Occurrence, Symbol

# --- Words ------------------------------------------------------------------------------------

WORDS = {
    "en": {
        "input": "input", "let": "derived value", "indicator": "indicator", "group": "group",
        "scale": "scale", "level": "level", "keyword": "keyword",
        "weight": "weight", "reference": "reference weight", "value": "value",
        "rule": "score", "standard": "scoring standard", "description": "description",
        "label": "label", "type": "type", "unit": "unit", "range": "range",
        "default": "default", "share": "share of the weight", "judged_share": "a judged score "
        "in this level takes", "levels": "levels", "children_sum": "the sum of its parts",
        "indicators": "indicators", "hint": "hint", "first_defined": "first defined here",
        "related": "see here", "fix": "Replace with `{text}`", "not_a_symbol":
        "only a name defined in this rubric can be renamed", "empty_name": "a name cannot be "
        "empty or span lines", "taken": "`{name}` is already the name of {what} (line {line})",
        "template_name": "`{name}` is used in an explanation template, where a name must be "
        "one word (letters, digits, _)", "spellings": "spellings", "used_as": "token",
        "function": "function",
    },
    "zh": {
        "input": "输入", "let": "派生值", "indicator": "指标", "group": "指标组",
        "scale": "量表", "level": "等次", "keyword": "关键字",
        "weight": "分值", "reference": "参考分值", "value": "值",
        "rule": "评分", "standard": "评分标准", "description": "说明",
        "label": "标签", "type": "类型", "unit": "单位", "range": "范围",
        "default": "默认值", "share": "占分值", "judged_share": "人工评分在此等次时占分值",
        "levels": "等次", "children_sum": "下级分值之和", "indicators": "个指标",
        "hint": "建议", "first_defined": "首次定义于此", "related": "参见此处",
        "fix": "改为 `{text}`", "not_a_symbol": "只能重命名本评价体系中定义的名称",
        "empty_name": "名称不能为空，也不能换行", "taken": "`{name}` 已是{what}的名称（第 {line} 行）",
        "template_name": "`{name}` 用在计算分析模板中，模板里的名称只能是一个词（字母、数字、_）",
        "spellings": "写法", "used_as": "记号", "function": "函数",
    },
}


def _w(lang: str, key: str, **args) -> str:
    return WORDS.get(lang, WORDS["en"])[key].format(**args)


def _label(lang: str, key: str) -> str:
    """A word followed by a colon, as each language writes it: `range: ` / `范围：`."""
    return _w(lang, key) + ("：" if lang == "zh" else ": ")


def _written(node) -> str:
    """A syntax node as the author wrote it, on one line."""
    return " ".join(node.span.text.split()) if node is not None else ""


# --- Diagnostics ------------------------------------------------------------------------------

_SEVERITY = {Severity.ERROR: t.DiagnosticSeverity.Error,
             Severity.WARNING: t.DiagnosticSeverity.Warning,
             Severity.NOTE: t.DiagnosticSeverity.Hint}

# Warnings about something written but never used: editors fade it.
_UNNECESSARY = frozenset({"W001", "W002"})


def _range(analysis: Analysis, span: Span | None) -> t.Range:
    if span is None:
        return t.Range(start=t.Position(line=0, character=0), end=t.Position(line=0, character=0))
    start, end = analysis.range_of(span)
    return t.Range(start=t.Position(line=start[0], character=start[1]),
                   end=t.Position(line=end[0], character=end[1]))


def _location(analysis: Analysis, span: Span, uri_of: Callable[[Span], str] | None = None) -> t.Location:
    uri = analysis.uri if uri_of is None or span.source is analysis.source else uri_of(span)
    return t.Location(uri=uri, range=_range(analysis, span))


def diagnostics(analysis: Analysis, lang: str = "en") -> list[t.Diagnostic]:
    """The compiler's diagnostics, each with its code, severity, hint and related places."""
    out = []
    for diagnostic in analysis.diagnostics:
        if diagnostic.span is not None and diagnostic.span.source is not analysis.source:
            continue  # phase 2: a template file's problem is published on that file
        message = diagnostic.message(lang)
        hint = diagnostic.hint(lang)
        if hint:
            message += f"\n{_label(lang, 'hint')}{hint}"
        related = [t.DiagnosticRelatedInformation(location=_location(analysis, span),
                                                  message=note)
                   for span, note in related_places(analysis, diagnostic, lang)]
        out.append(t.Diagnostic(
            range=_range(analysis, diagnostic.span), message=message,
            severity=_SEVERITY.get(diagnostic.severity, t.DiagnosticSeverity.Error),
            code=diagnostic.code, source="perfdsl",
            related_information=related or None,
            tags=[t.DiagnosticTag.Unnecessary] if diagnostic.code in _UNNECESSARY else None,
        ))
    return out


def related_places(analysis: Analysis, diagnostic: Diagnostic, lang: str) -> list[tuple[Span, str]]:
    """Other places a diagnostic points at: `related` when the compiler gives them.

    Until every diagnostic carries them, the first definition of a duplicate name (E102) is
    found in the symbol index.
    """
    out = []
    for item in getattr(diagnostic, "related", None) or ():
        span, note = _span_and_note(item, lang)
        if span is not None and span.source is analysis.source:
            out.append((span, note or _w(lang, "related")))
    if not out and diagnostic.code == "E102" and diagnostic.span is not None:
        first = next((sym for sym in analysis.index.named(str(diagnostic.args.get("name")))
                      if sym.span.start < diagnostic.span.start), None)
        if first is not None:
            out.append((first.span, _w(lang, "first_defined")))
    return out


def _span_and_note(item, lang: str) -> tuple[Span | None, str | None]:
    """A related location as a Span, a (span, note) pair, or an object with `span` and a note."""
    if isinstance(item, Span):
        return item, None
    if isinstance(item, tuple) and item and isinstance(item[0], Span):
        return item[0], str(item[1]) if len(item) > 1 else None
    span = getattr(item, "span", None)
    note = getattr(item, "message", None) or getattr(item, "note", None)
    if callable(note):
        note = note(lang)
    return (span if isinstance(span, Span) else None), (str(note) if note else None)


# --- Quick fixes ------------------------------------------------------------------------------

def suggestion(analysis: Analysis, diagnostic: Diagnostic) -> tuple[Span, str] | None:
    """The replacement a diagnostic suggests: its `suggestion`, where the compiler gives one.

    A suggestion is the text to put in place of the diagnostic's span (a name for a misspelt
    one), or an object with `span` and `text`/`replacement`. Until the compiler gives them as
    fields, an unknown name (E101) or scale (E104) for which it said "did you mean" gets the
    closest defined name of the right kind.
    """
    given = getattr(diagnostic, "suggestion", None)
    if isinstance(given, str) and given and diagnostic.span is not None:
        return diagnostic.span, given
    if given is not None and not isinstance(given, str):
        span = getattr(given, "span", None) or diagnostic.span
        text = getattr(given, "text", None) or getattr(given, "replacement", None)
        if isinstance(span, Span) and isinstance(text, str):
            return span, text
    kinds = {"E101": ("input", "let", "indicator", "level"), "E104": ("scale",)}.get(diagnostic.code)
    if kinds is None or diagnostic.span is None or not diagnostic.args.get("suggestion"):
        return None
    name = str(diagnostic.args.get("name") or "")
    names = sorted({sym.name for sym in analysis.index.of_kind(*kinds)})
    close = difflib.get_close_matches(name, names, n=1, cutoff=0.5)
    return (diagnostic.span, symbols.spell(close[0])) if close else None


def code_actions(analysis: Analysis, within: t.Range, lang: str = "en") -> list[t.CodeAction]:
    """A quick fix for every diagnostic in the range that suggests a replacement."""
    lines = analysis.lines
    low = lines.offset(within.start.line, within.start.character)
    high = lines.offset(within.end.line, within.end.character)
    published = {id(d): p for d, p in zip(analysis.diagnostics, diagnostics(analysis, lang))} \
        if analysis.diagnostics else {}
    out = []
    for diagnostic in analysis.diagnostics:
        span = diagnostic.span
        if span is None or span.source is not analysis.source or span.end < low or span.start > high:
            continue
        fix = suggestion(analysis, diagnostic)
        if fix is None:
            continue
        where, text = fix
        edit = t.TextEdit(range=_range(analysis, where), new_text=text)
        out.append(t.CodeAction(
            title=_w(lang, "fix", text=text), kind=t.CodeActionKind.QuickFix,
            diagnostics=[published[id(diagnostic)]] if id(diagnostic) in published else None,
            is_preferred=True, edit=t.WorkspaceEdit(changes={analysis.uri: [edit]})))
    return out


# --- Hover ------------------------------------------------------------------------------------

def hover(analysis: Analysis, offset: int, lang: str = "en") -> t.Hover | None:
    """What the name or keyword under the cursor is: weights and rule, type and range, share."""
    occurrence = analysis.index.at(offset)
    if occurrence is not None and occurrence.symbol is not None:
        text = describe(occurrence.symbol, analysis.index, lang)
        where = occurrence.span
    else:
        lexeme = _lexeme_at(analysis.text, offset)
        if lexeme is None or lexeme.category not in ("keyword", "function"):
            return None
        text = _describe_keyword(analysis.text[lexeme.start:lexeme.end], lexeme, lang)
        where = Span(analysis.source, lexeme.start, lexeme.end)
    return t.Hover(contents=t.MarkupContent(kind=t.MarkupKind.Markdown, value=text),
                   range=_range(analysis, where))


def _lexeme_at(text: str, offset: int) -> highlight.Lexeme | None:
    for lexeme in highlight.scan(text):
        if lexeme.start <= offset <= lexeme.end and lexeme.category != "whitespace":
            return lexeme
        if lexeme.start > offset:
            break
    return None


def _describe_keyword(word: str, lexeme: highlight.Lexeme, lang: str) -> str:
    if lexeme.category == "function":
        spellings = [w for w, f in FUNCTIONS.items() if f == lexeme.detail]
        head = f"({_w(lang, 'function')}) **{word}** — `{lexeme.detail}`"
    else:
        spellings = list(KEYWORDS.get(lexeme.detail, (word,)))
        head = f"({_w(lang, 'keyword')}) **{word}** — {_w(lang, 'used_as')} `{lexeme.detail}`"
    return f"{head}\n\n{_label(lang, 'spellings')}" + ("、" if lang == "zh" else ", ").join(f"`{w}`" for w in spellings)


def describe(symbol: Symbol, index: symbols.Index, lang: str = "en") -> str:
    """The Markdown an editor shows for a symbol."""
    return _DESCRIBERS[symbol.kind](symbol, index, lang)


def _title(symbol: Symbol, lang: str) -> str:
    path = " › ".join(symbol.path)
    where = f"{path} › " if path else ""
    return f"({_w(lang, symbol.kind)}) {where}**{symbol.name}**"


def _weights_line(symbol: Symbol, index: symbols.Index, lang: str) -> str:
    found = symbols.weights(symbol.node)
    parts = []
    weight = found.get("weight")
    if weight is not None:
        parts.append(f"{_w(lang, 'weight')} {_written(weight.value)}")
    elif symbol.kind == "group":
        total = _sum_of_parts(symbol, index)
        if total is not None:
            parts.append(f"{_w(lang, 'weight')} {total}（{_w(lang, 'children_sum')}）"
                         if lang == "zh" else
                         f"{_w(lang, 'weight')} {total} ({_w(lang, 'children_sum')})")
    if "reference" in found:
        parts.append(f"{_w(lang, 'reference')} {_written(found['reference'].value)}")
    return " · ".join(parts)


def _sum_of_parts(group: Symbol, index: symbols.Index) -> Decimal | None:
    total = Decimal(0)
    for child in index.children(group):
        weight = symbols.weights(child.node).get("weight")
        value = symbols.constant(weight.value) if weight is not None else None
        if value is None:
            value = _sum_of_parts(child, index) if child.kind == "group" else None
        if value is None:
            return None
        total += value
    return total


def _describe_indicator(symbol: Symbol, index: symbols.Index, lang: str) -> str:
    node = symbol.node
    lines = [_title(symbol, lang)]
    weights = _weights_line(symbol, index, lang)
    if weights:
        lines.append(weights)
    value = next(symbols.clauses(node, s.ValueClause), None)
    if value is not None:
        lines.append(f"{_w(lang, 'value')} = `{_written(value.expr)}`")
    score = next(symbols.clauses(node, s.ScoreClause), None)
    if score is not None:
        lines.append(f"{_label(lang, 'rule')}{rule_in_words(score.rule, lang)}")
    texts = {clause.kind: clause.text for clause in symbols.clauses(node, s.Text)}
    for kind in ("standard", "description"):
        if kind in texts:
            lines.append(f"{_label(lang, kind)}{texts[kind]}")
    return "\n\n".join(lines)


def _describe_group(symbol: Symbol, index: symbols.Index, lang: str) -> str:
    lines = [_title(symbol, lang)]
    weights = _weights_line(symbol, index, lang)
    if weights:
        lines.append(weights)
    count = sum(1 for sym in _descendants(symbol, index) if sym.kind == "indicator")
    lines.append(f"{count} {_w(lang, 'indicators')}")
    texts = {clause.kind: clause.text for clause in symbols.clauses(symbol.node, s.Text)}
    if "description" in texts:
        lines.append(f"{_label(lang, 'description')}{texts['description']}")
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
    lines.append(f"{_label(lang, 'type')}{units.declared(node.type.kind, argument).describe(lang)}")
    if node.type.kind in ("money", "count"):
        unit = argument or ("万元" if node.type.kind == "money" else "个")
        lines.append(f"{_label(lang, 'unit')}{unit}")
    if node.bounds:
        written = list(dict.fromkeys(_written(bound) for bound in node.bounds))
        lines.append(f"{_label(lang, 'range')}" + ", ".join(written))
    if node.default is not None:
        lines.append(f"{_label(lang, 'default')}{_written(node.default)}")
    if node.description:
        lines.append(f"{_label(lang, 'description')}{node.description}")
    return "\n\n".join(lines)


def _describe_let(symbol: Symbol, index: symbols.Index, lang: str) -> str:
    node: s.Let = symbol.node  # type: ignore[assignment]
    title = _title(symbol, lang) + (f" — {node.label}" if node.label else "")
    return f"{title}\n\n{_w(lang, 'value')} = `{_written(node.value)}`"


def _describe_scale(symbol: Symbol, index: symbols.Index, lang: str) -> str:
    rows = [f"- **{level.name}** {level_share(level.node)}" for level in index.children(symbol)]
    return _title(symbol, lang) + "\n\n" + "\n".join(rows)


def _describe_level(symbol: Symbol, index: symbols.Index, lang: str) -> str:
    row: s.ScaleRow = symbol.node  # type: ignore[assignment]
    key = "share" if row.high is None else "judged_share"
    return f"{_title(symbol, lang)}\n\n{_w(lang, key)} {level_share(row)}"


def level_share(row: s.ScaleRow) -> str:
    """A level's share of the weight as written: `100%`, or a range `[60%, 80%)` / `80% 至 100%`."""
    if row.high is None:
        return _written(row.low)
    written = _written(row)
    return written[written.find("=") + 1:].strip() if "=" in written else \
        f"{_written(row.low)} – {_written(row.high)}"


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
        "en": lambda r: f"full marks when {_written(r.condition)}, else 0",
        "zh": lambda r: f"{_written(r.condition)} 时得满分，否则不得分"},
    s.Proportional: {
        "en": lambda r: f"{_written(r.rate)} × the weight",
        "zh": lambda r: f"{_written(r.rate)} × 分值"},
    s.Stepwise: {
        "en": lambda r: f"{_written(r.points)} points off for every {_written(r.step)} that "
                        f"{_written(r.subject)} is {_DIRECTION[r.direction][0]} "
                        f"{_written(r.threshold)}; {_MODE[r.mode][0]}",
        "zh": lambda r: f"{_written(r.subject)} {_DIRECTION[r.direction][1]} "
                        f"{_written(r.threshold)} 时，每 {_written(r.step)} 扣 {_written(r.points)} "
                        f"分，{_MODE[r.mode][1]}，扣完为止"},
    s.Findings: {
        "en": lambda r: f"{_written(r.points)} points off for each of {_written(r.count)} findings",
        "zh": lambda r: f"按 {_written(r.count)} 每处扣 {_written(r.points)} 分，扣完为止"},
    s.Levels: {
        "en": lambda r: f"the share of the level of {_written(r.subject)}",
        "zh": lambda r: f"按 {_written(r.subject)} 的等次计分"},
    s.Judged: {
        "en": lambda r: f"{_written(r.score)}, judged, within the range of level {_written(r.level)}",
        "zh": lambda r: f"人工评分 {_written(r.score)}，须在等次 {_written(r.level)} 的区间内"},
    s.Target: {
        "en": lambda r: f"full marks when {_written(r.actual)} {_OP[r.op]} {_written(r.target)}, "
                        "else a share",
        "zh": lambda r: f"{_written(r.actual)} {_OP[r.op]} {_written(r.target)} 时得满分，否则按比例得分"},
    s.Formula: {
        "en": lambda r: f"= {_written(r.expr)}",
        "zh": lambda r: f"= {_written(r.expr)}"},
    s.Bands: {
        "en": lambda r: f"by bands of {_written(r.subject)}",
        "zh": lambda r: f"按 {_written(r.subject)} 分档"},
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
        return f"`{_written(rule)}`"
    text = f"{name} — {sentences[lang if lang in sentences else 'en'](rule)}" if name \
        else sentences[lang if lang in sentences else "en"](rule)
    rows = getattr(rule, _RULE_ROWS.get(type(rule), ""), ())
    if rows:
        text += "\n" + "\n".join(f"- `{_written(row)}`" for row in rows)
    return text


# --- Navigation -------------------------------------------------------------------------------

def _symbol_at(analysis: Analysis, offset: int) -> tuple[Occurrence, Symbol] | None:
    occurrence = analysis.index.at(offset)
    if occurrence is None or occurrence.symbol is None:
        return None
    return occurrence, occurrence.symbol


def definition(analysis: Analysis, offset: int) -> list[t.Location]:
    found = _symbol_at(analysis, offset)
    if found is None:
        return []
    return [_location(analysis, found[1].span)]


def references(analysis: Analysis, offset: int, include_declaration: bool = True) -> list[t.Location]:
    found = _symbol_at(analysis, offset)
    if found is None:
        return []
    return [_location(analysis, o.span)
            for o in analysis.index.references(found[1], include_declaration)]


def highlights(analysis: Analysis, offset: int) -> list[t.DocumentHighlight]:
    found = _symbol_at(analysis, offset)
    if found is None:
        return []
    return [t.DocumentHighlight(range=_range(analysis, o.span),
                                kind=t.DocumentHighlightKind.Write if o.is_definition
                                else t.DocumentHighlightKind.Read)
            for o in analysis.index.references(found[1])]


class RenameRefused(Exception):
    """A rename that would break the rubric; the message says why, in the user's language."""


def prepare_rename(analysis: Analysis, offset: int) -> t.PrepareRenamePlaceholder | None:
    found = _symbol_at(analysis, offset)
    if found is None:
        return None
    occurrence, symbol = found
    return t.PrepareRenamePlaceholder(range=_range(analysis, occurrence.span),
                                      placeholder=symbol.name)


_TEMPLATE_NAME = re.compile(r"[^\W\d]\w*")


def rename(analysis: Analysis, offset: int, new_name: str, lang: str = "en") -> t.WorkspaceEdit:
    """Every occurrence of the symbol under the cursor, renamed; refused when it would break."""
    found = _symbol_at(analysis, offset)
    if found is None:
        raise RenameRefused(_w(lang, "not_a_symbol"))
    symbol = found[1]
    name = new_name.strip()
    if len(name) > 1 and name[0] == name[-1] == '"':
        name = name[1:-1]
    if not name or "\n" in name or "\r" in name:
        raise RenameRefused(_w(lang, "empty_name"))
    clash = _clash(analysis.index, symbol, name)
    if clash is not None:
        raise RenameRefused(_w(lang, "taken", name=name, what=_w(lang, clash.kind),
                               line=clash.span.line))
    occurrences = analysis.index.references(symbol)
    if any(o.in_template for o in occurrences) and not _TEMPLATE_NAME.fullmatch(name):
        raise RenameRefused(_w(lang, "template_name", name=name))
    edits = [t.TextEdit(range=_range(analysis, o.span),
                        new_text=name if o.in_template else symbols.spell(name))
             for o in occurrences]
    return t.WorkspaceEdit(changes={analysis.uri: edits})


def _clash(index: symbols.Index, symbol: Symbol, name: str) -> Symbol | None:
    """A symbol the new name would collide with, or be confused with where a name is read.

    Values, groups and levels are all tried for a name in an expression, so any two of them
    clash; two levels only within one scale; scales only with scales.
    """
    for other in index.named(name):
        if other is symbol:
            continue
        if symbol.kind == "level" and other.kind == "level" and other.parent is not symbol.parent:
            continue
        if (symbol.kind == "scale") == (other.kind == "scale"):
            return other
    return None


# --- Outline ----------------------------------------------------------------------------------

_SYMBOL_KIND = {"group": t.SymbolKind.Namespace, "indicator": t.SymbolKind.Field,
                "input": t.SymbolKind.Variable, "let": t.SymbolKind.Constant,
                "scale": t.SymbolKind.Enum, "level": t.SymbolKind.EnumMember}


def document_symbols(analysis: Analysis, lang: str = "en") -> list[t.DocumentSymbol]:
    """The outline: groups and indicators with their weights, inputs, values and scales."""
    index = analysis.index

    def node_of(symbol: Symbol) -> t.DocumentSymbol:
        span = getattr(symbol.node, "span", symbol.span)
        return t.DocumentSymbol(
            name=symbol.name, kind=_SYMBOL_KIND[symbol.kind], detail=_detail(symbol, index, lang),
            range=_range(analysis, span.to(symbol.span)),
            selection_range=_range(analysis, symbol.span),
            children=[node_of(child) for child in index.children(symbol)] or None)

    return [node_of(symbol) for symbol in index.children(None)]


def _detail(symbol: Symbol, index: symbols.Index, lang: str) -> str:
    if symbol.kind in ("group", "indicator"):
        return _weights_line(symbol, index, lang)
    if symbol.kind == "input":
        node: s.Input = symbol.node  # type: ignore[assignment]
        return node.label or _written(node.type)
    if symbol.kind == "let":
        return _written(symbol.node.value)  # type: ignore[attr-defined]
    if symbol.kind == "level":
        return level_share(symbol.node)  # type: ignore[arg-type]
    return ""


# --- Completion -------------------------------------------------------------------------------

_MONEY_UNITS = ("万元", "元", "千元", "亿元")
_COUNT_UNITS = ("人", "个", "处", "项", "次", "家", "户", "件", "台")
_NAME_CHAR = re.compile(r"[\w“”‘’《》·]")


def completion(analysis: Analysis, offset: int, lang: str = "en") -> t.CompletionList:
    """Keywords in the file's language, names in scope, levels, scales and units."""
    text = analysis.text
    if _inside_text(text, offset):
        return t.CompletionList(is_incomplete=False, items=[])
    start = offset
    while start > 0 and _NAME_CHAR.match(text[start - 1]):
        start -= 1
    replace = _range(analysis, Span(analysis.source, start, offset))
    line_start = text.rfind("\n", 0, start) + 1
    before = [lx for lx in highlight.scan(text[line_start:start])
              if lx.category not in ("whitespace", "comment")]
    words = [text[line_start + lx.start:line_start + lx.end] for lx in before]
    language = highlight.language_of(text)
    items = _items_for(analysis, before, words, language, lang)
    return t.CompletionList(is_incomplete=False, items=[
        t.CompletionItem(label=label, kind=kind, detail=detail, sort_text=f"{rank}{label}",
                         filter_text=label,
                         text_edit=t.TextEdit(range=replace, new_text=insert))
        for label, insert, kind, detail, rank in items])


def _inside_text(text: str, offset: int) -> bool:
    """Whether the cursor is inside a string or a comment, where nothing is completed."""
    for lexeme in highlight.scan(text):
        if lexeme.start >= offset:
            return False
        if lexeme.category == "string" and offset < lexeme.end:
            return True
        if lexeme.category == "comment" or (lexeme.category == "error" and text[lexeme.start] == '"'):
            if offset <= lexeme.end:  # to the end of its line, where the cursor may be
                return True
    return False


Item = tuple[str, str, t.CompletionItemKind, str, int]  # label, insert, kind, detail, rank


def _items_for(analysis: Analysis, before, words: list[str], language: str | None,
               lang: str) -> list[Item]:
    last = before[-1] if before else None
    first = before[0] if before else None
    after_keyword = last.detail if last is not None and last.category == "keyword" else ""
    in_input = first is not None and first.detail == "INPUT"
    if after_keyword == "SCORE":
        return _keywords(language, lambda token: highlight.keyword_kind(token) == "rule")
    if after_keyword == "MONOTONE":
        return _keywords(language, lambda token: token in ("INCREASING", "DECREASING"))
    if in_input and last is not None and last.category == "punctuation" and words[-1] in ":：":
        return _keywords(language, lambda token: highlight.keyword_kind(token) == "type")
    if in_input and (after_keyword == "LEVEL" or (
            len(before) > 1 and words[-1] in "(（" and before[-2].detail == "LEVEL")):
        return _symbols(analysis, ("scale",), lang)
    if len(before) > 1 and words[-1] in "(（" and before[-2].detail in ("MONEY", "COUNT"):
        return _units(analysis, before[-2].detail)
    names = _symbols(analysis, ("input", "let", "indicator", "level"), lang)
    keywords = _keywords(language, lambda token: True)
    if not before:  # the start of a statement: keywords first
        return keywords + [(label, insert, kind, detail, 2) for label, insert, kind, detail, _ in names]
    return names + [(label, insert, kind, detail, 2) for label, insert, kind, detail, _ in keywords]


_COMPLETION_KIND = {"input": t.CompletionItemKind.Variable, "let": t.CompletionItemKind.Constant,
                    "indicator": t.CompletionItemKind.Field, "group": t.CompletionItemKind.Module,
                    "scale": t.CompletionItemKind.Enum, "level": t.CompletionItemKind.EnumMember}


def _keywords(language: str | None, wanted: Callable[[str], bool]) -> list[Item]:
    """Keywords of the kinds wanted, spelt in the file's language (both when it has none yet)."""
    out = []
    for token, spellings in KEYWORDS.items():
        if not wanted(token):
            continue
        english, chinese = spellings[0], spellings[1:]
        chosen = {"en": (english,), "zh": chinese}.get(language or "", spellings)
        gloss = chinese[0] if chinese and language == "en" else english
        out.extend((word, word, t.CompletionItemKind.Keyword, gloss, 1) for word in chosen)
    return out


def _symbols(analysis: Analysis, kinds: tuple[str, ...], lang: str) -> list[Item]:
    out: dict[str, Item] = {}
    for symbol in analysis.index.of_kind(*kinds):
        if symbol.kind == "indicator" and next(symbols.clauses(symbol.node, s.ValueClause), None) is None:
            continue  # only an indicator with a value can be read
        detail = _w(lang, symbol.kind)
        if symbol.kind == "level":
            detail = f"{symbol.parent.name if symbol.parent else ''} {detail}".strip()
        elif symbol.kind == "input" and symbol.node.label:  # type: ignore[attr-defined]
            detail += f" — {symbol.node.label}"  # type: ignore[attr-defined]
        rank = 1 if symbol.kind == "level" else 0  # values first, then levels
        out.setdefault(symbol.name, (symbol.name, symbols.spell(symbol.name),
                                     _COMPLETION_KIND[symbol.kind], detail, rank))
    return list(out.values())


def _units(analysis: Analysis, token: str) -> list[Item]:
    if token == "MONEY":
        units: Iterable[str] = _MONEY_UNITS
    else:
        used = [sym.node.type.argument.text for sym in analysis.index.of_kind("input")  # type: ignore[attr-defined]
                if sym.node.type.kind == "count" and sym.node.type.argument]  # type: ignore[attr-defined]
        units = dict.fromkeys([*used, *_COUNT_UNITS])
    return [(unit, unit, t.CompletionItemKind.Unit, "", 0) for unit in units]


# --- Semantic tokens --------------------------------------------------------------------------

TOKEN_TYPES = ["keyword", "type", "function", "parameter", "variable", "property", "namespace",
               "enum", "enumMember", "number", "string", "comment", "operator"]
TOKEN_MODIFIERS = ["declaration", "readonly", "defaultLibrary"]
LEGEND = t.SemanticTokensLegend(token_types=TOKEN_TYPES, token_modifiers=TOKEN_MODIFIERS)

_LEXEME_TOKEN = {"comment": "comment", "string": "string", "number": "number",
                 "operator": "operator", "function": "function"}
_SYMBOL_TOKEN = {"input": "parameter", "let": "variable", "indicator": "property",
                 "group": "namespace", "scale": "enum", "level": "enumMember"}


def semantic_tokens(analysis: Analysis) -> t.SemanticTokens:
    """Every keyword, literal and name, names by what they name (an input, a value, a level…)."""
    marks: list[tuple[int, int, str, int]] = []  # start, end, type, modifier bits
    for occurrence in analysis.index.occurrences:
        if occurrence.symbol is None or occurrence.span.source is not analysis.source:
            continue
        bits = 1 if occurrence.is_definition else 0
        if occurrence.symbol.kind in ("input", "let"):
            bits |= 2
        marks.append((occurrence.span.start, occurrence.span.end,
                      _SYMBOL_TOKEN[occurrence.symbol.kind], bits))
    marks.sort()
    names = [(start, end) for start, end, _, _ in marks]
    for lexeme in highlight.scan(analysis.text):
        if lexeme.category == "keyword":
            kind = "type" if highlight.keyword_kind(lexeme.detail) == "type" else "keyword"
        else:
            kind = _LEXEME_TOKEN.get(lexeme.category, "")
        if not kind:
            continue
        bits = 4 if lexeme.category == "function" else 0
        for start, end in _outside(lexeme.start, lexeme.end, names):
            marks.append((start, end, kind, bits))
    marks.sort()
    return t.SemanticTokens(data=_encode(analysis, marks))


def _outside(start: int, end: int, taken: list[tuple[int, int]]) -> Iterable[tuple[int, int]]:
    """The parts of [start, end) that no taken range covers (names inside a template string)."""
    import bisect

    i = bisect.bisect_left(taken, (start, start))
    if i > 0 and taken[i - 1][1] > start:
        i -= 1
    for low, high in taken[i:]:
        if low >= end:
            break
        if low > start:
            yield start, low
        start = max(start, high)
    if start < end:
        yield start, end


def _encode(analysis: Analysis, marks: list[tuple[int, int, str, int]]) -> list[int]:
    """The protocol's relative encoding; a token that spans lines is cut at each line end."""
    data: list[int] = []
    previous_line = previous_column = 0
    lines = analysis.lines
    for start, end, kind, bits in marks:
        line, _ = lines.position(start)
        while start < end:
            line_start, line_end = lines.line_span(line)
            piece_end = min(end, line_end)
            if piece_end > start:
                column = lines.units(analysis.text[line_start:start])
                length = lines.units(analysis.text[start:piece_end])
                data += [line - previous_line,
                         column - previous_column if line == previous_line else column,
                         length, TOKEN_TYPES.index(kind), bits]
                previous_line, previous_column = line, column
            line += 1
            if line >= lines.line_count():
                break
            start = max(start, lines.line_span(line)[0])
    return data
