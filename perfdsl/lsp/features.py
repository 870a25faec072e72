"""What the language server answers, besides hover and completion: diagnostics and their quick
fixes, navigation and rename, the outline and semantic tokens.

Each function takes an analysed document (and a cursor offset, a language for words) and
returns the protocol's answer as `lsprotocol` types; `perfdsl.lsp.server` only wires them to
requests. Offsets are perfdsl's (characters); `Analysis.range` turns spans into the client's
positions. Nothing here raises for any document: a cursor on nothing gets None or an empty list.
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections.abc import Iterable

from lsprotocol import types as t

from perfdsl.diagnostics import Diagnostic
from perfdsl.language import syntax as s
from perfdsl.language.source import Span
from perfdsl.lsp.analysis import Analysis
from perfdsl.lsp.hover import level_share, weights_line
from perfdsl.lsp.words import label, word, written
from perfdsl.messages import Severity
from perfdsl.tools import highlight, symbols
from perfdsl.tools.symbols import Occurrence, Symbol

# --- Diagnostics ------------------------------------------------------------------------------

_SEVERITY = {Severity.ERROR: t.DiagnosticSeverity.Error,
             Severity.WARNING: t.DiagnosticSeverity.Warning,
             Severity.NOTE: t.DiagnosticSeverity.Hint}

# Warnings about something written but never used: editors fade it.
_UNNECESSARY = frozenset({"W001", "W002"})


def diagnostics(analysis: Analysis, lang: str = "en") -> list[t.Diagnostic]:
    """The compiler's diagnostics, each with its code, severity, hint and related places."""
    return [published(analysis, diagnostic, lang) for diagnostic in analysis.diagnostics
            if _here(analysis, diagnostic)]


def _here(analysis: Analysis, diagnostic: Diagnostic) -> bool:
    """Whether a diagnostic is about this document (phase 2: a template's is on its own file)."""
    return diagnostic.span is None or diagnostic.span.source is analysis.source


def published(analysis: Analysis, diagnostic: Diagnostic, lang: str) -> t.Diagnostic:
    """One diagnostic as the protocol has it: the hint after the message, on its own line."""
    message = diagnostic.message(lang)
    hint = diagnostic.hint(lang)
    if hint:
        message += f"\n{label(lang, 'hint')}{hint}"
    related = [t.DiagnosticRelatedInformation(location=analysis.location(span), message=note)
               for span, note in related_places(analysis, diagnostic, lang)]
    return t.Diagnostic(
        range=analysis.range(diagnostic.span), message=message,
        severity=_SEVERITY.get(diagnostic.severity, t.DiagnosticSeverity.Error),
        code=diagnostic.code, source="perfdsl", related_information=related or None,
        tags=[t.DiagnosticTag.Unnecessary] if diagnostic.code in _UNNECESSARY else None)


def related_places(analysis: Analysis, diagnostic: Diagnostic, lang: str) -> list[tuple[Span, str]]:
    """Other places a diagnostic points at: `related` when the compiler gives them.

    Until every diagnostic carries them, the first definition of a duplicate name (E102) is
    found in the symbol index.
    """
    out = []
    for item in getattr(diagnostic, "related", None) or ():
        span, note = _span_and_note(item, lang)
        if span is not None and span.source is analysis.source:
            out.append((span, note or word(lang, "related")))
    if not out and diagnostic.code == "E102" and diagnostic.span is not None:
        first = next((sym for sym in analysis.index.named(str(diagnostic.args.get("name")))
                      if sym.span.start < diagnostic.span.start), None)
        if first is not None:
            out.append((first.span, word(lang, "first_defined")))
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

# What an unknown name may have been meant to be, by the code that reports it.
_SUGGESTED_KINDS = {"E101": ("input", "let", "indicator", "level"), "E104": ("scale",)}


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
    kinds = _SUGGESTED_KINDS.get(diagnostic.code)
    if kinds is None or diagnostic.span is None or not diagnostic.args.get("suggestion"):
        return None
    name = str(diagnostic.args.get("name") or "")
    names = sorted({sym.name for sym in analysis.index.of_kind(*kinds)})
    close = difflib.get_close_matches(name, names, n=1, cutoff=0.5)
    return (diagnostic.span, symbols.spell(close[0])) if close else None


def code_actions(analysis: Analysis, within: t.Range, lang: str = "en") -> list[t.CodeAction]:
    """A quick fix for every diagnostic in the range that suggests a replacement."""
    low, high = analysis.offset(within.start), analysis.offset(within.end)
    out = []
    for diagnostic in analysis.diagnostics:
        span = diagnostic.span
        if span is None or not _here(analysis, diagnostic) or span.end < low or span.start > high:
            continue
        fix = suggestion(analysis, diagnostic)
        if fix is None:
            continue
        where, text = fix
        edit = t.TextEdit(range=analysis.range(where), new_text=text)
        out.append(t.CodeAction(
            title=word(lang, "fix", text=text), kind=t.CodeActionKind.QuickFix,
            diagnostics=[published(analysis, diagnostic, lang)],
            is_preferred=True, edit=t.WorkspaceEdit(changes={analysis.uri: [edit]})))
    return out


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
    return [analysis.location(found[1].span)]


def references(analysis: Analysis, offset: int,
               include_declaration: bool = True) -> list[t.Location]:
    found = _symbol_at(analysis, offset)
    if found is None:
        return []
    return [analysis.location(o.span)
            for o in analysis.index.references(found[1], include_declaration)]


def highlights(analysis: Analysis, offset: int) -> list[t.DocumentHighlight]:
    found = _symbol_at(analysis, offset)
    if found is None:
        return []
    return [t.DocumentHighlight(range=analysis.range(o.span),
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
    return t.PrepareRenamePlaceholder(range=analysis.range(occurrence.span),
                                      placeholder=symbol.name)


_TEMPLATE_NAME = re.compile(r"[^\W\d]\w*")


def rename(analysis: Analysis, offset: int, new_name: str, lang: str = "en") -> t.WorkspaceEdit:
    """Every occurrence of the symbol under the cursor, renamed; refused when it would break."""
    found = _symbol_at(analysis, offset)
    if found is None:
        raise RenameRefused(word(lang, "not_a_symbol"))
    symbol = found[1]
    name = new_name.strip()
    if len(name) > 1 and name[0] == name[-1] == '"':
        name = name[1:-1]
    if not name or "\n" in name or "\r" in name:
        raise RenameRefused(word(lang, "empty_name"))
    clash = _clash(analysis.index, symbol, name)
    if clash is not None:
        raise RenameRefused(word(lang, "taken", name=name, what=word(lang, clash.kind),
                               line=clash.span.line))
    occurrences = analysis.index.references(symbol)
    if any(o.in_template for o in occurrences):
        from perfdsl.checks.templates import FIXED_NAMES  # Jinja only for rubrics with templates

        if not _TEMPLATE_NAME.fullmatch(name):
            raise RenameRefused(word(lang, "template_name", name=name))
        if name in FIXED_NAMES:  # {{ 值 }} already means the indicator's own value
            raise RenameRefused(word(lang, "template_fixed", name=name))
    edits = [t.TextEdit(range=analysis.range(o.span),
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


# Deeper groups are listed at this depth: the outline stays readable, and the protocol's JSON
# encoder (which recurses) is never handed a tree deep enough to exhaust Python's stack.
MAX_OUTLINE_DEPTH = 32


def document_symbols(analysis: Analysis, lang: str = "en") -> list[t.DocumentSymbol]:
    """The outline: groups and indicators with their weights, inputs, values and scales."""
    index = analysis.index
    top: list[t.DocumentSymbol] = []
    stack: list[tuple[Symbol, list[t.DocumentSymbol], int]] = [
        (symbol, top, 1) for symbol in reversed(index.children(None))]
    while stack:
        symbol, siblings, depth = stack.pop()
        span = getattr(symbol.node, "span", symbol.span)
        entry = t.DocumentSymbol(
            name=symbol.name, kind=_SYMBOL_KIND[symbol.kind], detail=_detail(symbol, index, lang),
            range=analysis.range(span.to(symbol.span)),
            selection_range=analysis.range(symbol.span))
        siblings.append(entry)
        children = index.children(symbol)
        if children:
            inner = siblings if depth >= MAX_OUTLINE_DEPTH else []
            if inner is not siblings:
                entry.children = inner
            stack.extend((child, inner, depth + 1) for child in reversed(children))
    return top


def _detail(symbol: Symbol, index: symbols.Index, lang: str) -> str:
    if symbol.kind in ("group", "indicator"):
        return weights_line(symbol, index, lang)
    if symbol.kind == "input":
        node: s.Input = symbol.node  # type: ignore[assignment]
        return node.label or written(node.type)
    if symbol.kind == "let":
        return written(symbol.node.value)  # type: ignore[attr-defined]
    if symbol.kind == "level":
        return level_share(symbol.node)  # type: ignore[arg-type]
    return ""


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
    for lexeme in analysis.lexemes:
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
    i = bisect.bisect_left(taken, (start, start))
    if i > 0 and taken[i - 1][1] > start:
        i -= 1
    for j in range(i, len(taken)):
        low, high = taken[j]
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
