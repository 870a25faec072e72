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
import os
import re
from collections.abc import Callable, Iterable

from lsprotocol import types as t

from perfdsl.diagnostics import Diagnostic
from perfdsl.language import syntax as s
from perfdsl.language.source import Source, Span
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
    """The compiler's diagnostics of this document, as published when no template it builds on
    is open: an error in a template on the line that names it (`by_file`)."""
    return by_file(analysis, lang).get(analysis.uri, [])


def by_file(analysis: Analysis, lang: str = "en",
            is_open: Callable[[str], bool] = lambda uri: False) -> dict[str, list[t.Diagnostic]]:
    """Every diagnostic of the analysis, by the URI it is published to.

    One in this document is published to it. One in a template this document builds on is
    published to the template's file when the editor has it open — with a related place on
    this document's `基于` line, the unit that puts it there — and otherwise, when it is an
    error, on this document's `基于` line, with the place in the template as a related place
    (as clangd reports an error in a header at its #include): the editor shows it where the
    author is, and a click opens the template. Warnings of a template that is not open are left
    to the template (the compiler reports them when it is compiled alone).
    """
    out: dict[str, list[t.Diagnostic]] = {analysis.uri: []}
    extends = analysis.extends()
    for diagnostic in analysis.diagnostics:
        span = diagnostic.span
        if span is None or span.source is analysis.source or analysis.file_of(span.source) is None:
            out[analysis.uri].append(published(analysis, diagnostic, lang))
            continue
        uri = analysis.uri_of_source(span.source)
        if is_open(uri):
            shown = published(analysis, diagnostic, lang)
            if extends is not None:
                shown.related_information = [*(shown.related_information or ()),
                                             t.DiagnosticRelatedInformation(
                    location=analysis.location(extends.path_span),
                    message=word(lang, "built_on_by", name=_base(analysis.path)))]
            out.setdefault(uri, []).append(shown)
        elif diagnostic.is_error and extends is not None:
            out[analysis.uri].append(_on_extends(analysis, diagnostic, extends, lang))
    return out


def _base(path: str) -> str:
    return os.path.basename(path) or path


def _on_extends(analysis: Analysis, diagnostic: Diagnostic, extends: s.Extends,
                lang: str) -> t.Diagnostic:
    """An error in a template that is not open, shown on the `基于` line that reads it."""
    inner = published(analysis, diagnostic, lang)
    found = analysis.file_of(diagnostic.span.source)  # type: ignore[union-attr]
    name = _base(found.path) if found is not None else diagnostic.span.source.name  # type: ignore
    inner.message = word(lang, "in_template", name=name, message=inner.message)
    inner.range = analysis.range(extends.path_span)
    inner.related_information = [
        t.DiagnosticRelatedInformation(location=analysis.location(diagnostic.span),  # type: ignore
                                       message=word(lang, "template_place")),
        *(inner.related_information or ())]
    inner.tags = None
    return inner


def published(analysis: Analysis, diagnostic: Diagnostic, lang: str) -> t.Diagnostic:
    """One diagnostic as the protocol has it: the hint after the message, on its own line, and
    the compiler's related places (a duplicate's first definition…) as related information."""
    message = diagnostic.message(lang)
    hint = diagnostic.hint(lang)
    if hint:
        message += f"\n{label(lang, 'hint')}{hint}"
    related = [t.DiagnosticRelatedInformation(location=analysis.location(item.span),
                                              message=item.message(lang))
               for item in diagnostic.related]
    return t.Diagnostic(
        range=analysis.range(diagnostic.span), message=message,
        severity=_SEVERITY.get(diagnostic.severity, t.DiagnosticSeverity.Error),
        code=diagnostic.code, source="perfdsl", related_information=related or None,
        tags=[t.DiagnosticTag.Unnecessary] if diagnostic.code in _UNNECESSARY else None)


# --- Quick fixes ------------------------------------------------------------------------------

def suggestion(analysis: Analysis, diagnostic: Diagnostic) -> tuple[Span, str] | None:
    """The replacement a diagnostic suggests for its span in this document: the name in its
    `suggestion`, written as a rubric writes it (quoted if it must be)."""
    span = diagnostic.span
    if not diagnostic.suggestion or span is None or span.source is not analysis.source:
        return None
    return span, symbols.spell(diagnostic.suggestion)


def code_actions(analysis: Analysis, within: t.Range, lang: str = "en") -> list[t.CodeAction]:
    """A quick fix for every diagnostic in the range that suggests a replacement."""
    low, high = analysis.offset(within.start), analysis.offset(within.end)
    out = []
    for diagnostic in analysis.diagnostics:
        fix = suggestion(analysis, diagnostic)
        if fix is None or fix[0].end < low or fix[0].start > high:
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


def _on_extends_path(analysis: Analysis, offset: int) -> bool:
    extends = analysis.extends()
    return extends is not None and extends.path_span.start <= offset <= extends.path_span.end


def definition(analysis: Analysis, offset: int) -> list[t.Location]:
    """Where the name under the cursor is declared — in this file or a template — or, on the
    path of `基于 "…"`, the template file itself."""
    if _on_extends_path(analysis, offset):
        if not analysis.templates:
            return []  # not read: the diagnostic on this line says why
        start = t.Position(line=0, character=0)
        return [t.Location(uri=analysis.uri_of(analysis.templates[0].path),
                           range=t.Range(start=start, end=start))]
    found = _symbol_at(analysis, offset)
    if found is None:
        return []
    return [analysis.location(found[1].span)]


def home(analysis: Analysis, offset: int) -> str | None:
    """The path of the file that first declares the name under the cursor: the units that
    build on it are where else it may be used (for references and rename across files)."""
    found = _symbol_at(analysis, offset)
    if found is None:
        return None
    origin = found[1].origin
    file = analysis.file_of(origin.span.source)
    return file.path if file is not None else None


def _key(analysis: Analysis, symbol: Symbol) -> tuple | None:
    """What the same declaration is called in every analysis: its file, kind and place."""
    origin = symbol.origin
    file = analysis.file_of(origin.span.source)
    return None if file is None else (os.path.normcase(file.path), origin.kind,
                                      origin.span.start)


def _same(other: Analysis, key: tuple) -> Symbol | None:
    """The symbol of another analysis that is the same declaration."""
    for symbol in other.index.symbols:
        if symbol.replaces is None and _key(other, symbol) == key:
            return symbol
    return None


def _uses(analysis: Analysis, symbol: Symbol, include_declaration: bool = True,
          others: Iterable[Analysis] = ()) -> list[tuple[Analysis, Occurrence]]:
    """Every place the declaration is written, with the analysis that found it: its family in
    this analysis (a template's declaration and a unit's that replaces it are one name), and
    in every other analysis given (the units building on its file), each place once."""
    out: list[tuple[Analysis, Occurrence]] = []
    seen: set[tuple[str, int, int]] = set()
    key = _key(analysis, symbol)
    for each, chosen in [(analysis, symbol)] + [
            (other, _same(other, key)) for other in others if key is not None]:
        if chosen is None:
            continue
        for member in each.index.family(chosen):
            for occurrence in each.index.references(member, include_declaration):
                uri = each.uri_of_source(occurrence.span.source)
                place = (uri, occurrence.span.start, occurrence.span.end)
                if place not in seen:
                    seen.add(place)
                    out.append((each, occurrence))
    return out


def references(analysis: Analysis, offset: int, include_declaration: bool = True,
               others: Iterable[Analysis] = ()) -> list[t.Location]:
    """Every use of the name under the cursor: in this file, the templates it builds on, and
    (`others`) the units that build on the file declaring it — their `修改 NAME` lines too."""
    found = _symbol_at(analysis, offset)
    if found is None:
        return []
    return [each.location(o.span)
            for each, o in _uses(analysis, found[1], include_declaration, others)]


def highlights(analysis: Analysis, offset: int) -> list[t.DocumentHighlight]:
    found = _symbol_at(analysis, offset)
    if found is None:
        return []
    return [t.DocumentHighlight(range=analysis.range(o.span),
                                kind=t.DocumentHighlightKind.Write if o.is_definition
                                else t.DocumentHighlightKind.Read)
            for each, o in _uses(analysis, found[1]) if o.span.source is analysis.source]


class RenameRefused(Exception):
    """A rename that would break the rubric; the message says why, in the user's language."""


def prepare_rename(analysis: Analysis, offset: int,
                   lang: str = "en") -> t.PrepareRenamePlaceholder | None:
    """The name under the cursor and its range, or None where nothing can be renamed; refused
    (with why) when a statement the parser could not read mentions it."""
    found = _symbol_at(analysis, offset)
    if found is None:
        return None
    occurrence, symbol = found
    _refuse_lost(analysis, symbol.name, lang)
    return t.PrepareRenamePlaceholder(range=analysis.range(occurrence.span),
                                      placeholder=symbol.name)


def _refuse_lost(analysis: Analysis, name: str, lang: str) -> None:
    lost = analysis.lost(name)
    if lost is not None:
        raise RenameRefused(word(lang, "lost", name=name, file=_base(lost.path)))


_TEMPLATE_NAME = re.compile(r"[^\W\d]\w*")


def rename(analysis: Analysis, offset: int, new_name: str, lang: str = "en",
           others: Iterable[Analysis] = ()) -> t.WorkspaceEdit:
    """Every occurrence of the symbol under the cursor renamed, in every file that writes it —
    the template that declares it and (`others`) each unit that builds on it, whose `修改 NAME`
    follows — or refused, with why, when the new name would break one of them."""
    found = _symbol_at(analysis, offset)
    if found is None:
        raise RenameRefused(word(lang, "not_a_symbol"))
    symbol = found[1]
    name = new_name.strip()
    if len(name) > 1 and name[0] == name[-1] == '"':
        name = name[1:-1]
    if not name or "\n" in name or "\r" in name:
        raise RenameRefused(word(lang, "empty_name"))
    others = list(others)
    key = _key(analysis, symbol)
    for each in [analysis, *others]:
        chosen = symbol if each is analysis else (_same(each, key) if key else None)
        if chosen is None:
            continue
        _refuse_lost(each, symbol.name, lang)
        for member in each.index.family(chosen):
            clash = _clash(each.index, member, name)
            if clash is not None:
                where = "" if clash.span.source is analysis.source else \
                    f"`{_base(each.uri_of_source(clash.span.source))}` "
                raise RenameRefused(word(lang, "taken", name=name, what=word(lang, clash.kind),
                                         line=f"{where}{clash.span.line}".strip()))
    uses = _uses(analysis, symbol, True, others)
    if any(o.in_template for _, o in uses):
        from perfdsl.checks.templates import FIXED_NAMES  # Jinja only for rubrics with templates

        if not _TEMPLATE_NAME.fullmatch(name):
            raise RenameRefused(word(lang, "template_name", name=name))
        if name in FIXED_NAMES:  # {{ 值 }} already means the indicator's own value
            raise RenameRefused(word(lang, "template_fixed", name=name))
    changes: dict[str, list[t.TextEdit]] = {}
    for each, occurrence in uses:
        changes.setdefault(each.uri_of_source(occurrence.span.source), []).append(t.TextEdit(
            range=each.range(occurrence.span),
            new_text=name if occurrence.in_template else symbols.spell(name)))
    return t.WorkspaceEdit(changes=changes)


def _clash(index: symbols.Index, symbol: Symbol, name: str) -> Symbol | None:
    """A symbol the new name would collide with, or be confused with where a name is read.

    Values, groups and levels are all tried for a name in an expression, so any two of them
    clash; two levels only within one scale; scales only with scales. A declaration that
    replaces the symbol down the chain of templates is the same name, not a clash.
    """
    family = set(index.family(symbol))
    for other in index.named(name):
        if other is symbol or other in family:
            continue
        if symbol.kind == "level" and other.kind == "level" and other.parent is not symbol.parent:
            continue
        if (symbol.kind == "scale") == (other.kind == "scale"):
            return other
    return None


# --- Formatting -------------------------------------------------------------------------------

def formatting(analysis: Analysis) -> list[t.TextEdit] | None:
    """The edits that lay the document out as `perfdsl fmt` does (`format_text`, the one
    formatter), each as small as it can be; None for a file with a syntax error, which the
    formatter leaves alone as `perfdsl fmt` does — and for one whose result would not parse,
    which can only be a bug, so the author's text is never put at risk."""
    from perfdsl.language.parse import parse
    from perfdsl.tools.fmt import format_text

    text = analysis.text
    _tree, found = parse(analysis.source)
    if any(d.is_error for d in found):
        return None
    formatted = format_text(text)
    if formatted == text:
        return []
    _tree, found = parse(Source(analysis.source.name, formatted))
    if any(d.is_error for d in found):
        return None
    return minimal_edits(analysis, formatted)


def minimal_edits(analysis: Analysis, new: str) -> list[t.TextEdit]:
    """Edits turning the document into `new` (lines ending in `\\n`), touching only what
    differs: lines are matched whole (each with its line break, the document's own — `\\r\\n`
    stays `\\r\\n`), and within a changed line only the characters that differ are replaced."""
    text, lines = analysis.text, analysis.lines
    count = lines.line_count()
    starts = [lines.line_span(i)[0] for i in range(count)] + [len(text)]
    old_units = [(starts[i], text[starts[i]:starts[i + 1]]) for i in range(count)
                 if starts[i] < starts[i + 1]]
    newline = _newline(text)
    parts = new.split("\n")
    new_units = [part + newline for part in parts[:-1]] + ([parts[-1]] if parts[-1] else [])
    matcher = difflib.SequenceMatcher(None, [u for _, u in old_units], new_units,
                                      autojunk=False)
    edits: list[t.TextEdit] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        if op == "replace" and i2 - i1 == j2 - j1:  # lines re-spaced where they stand
            for (at, old), fresh in zip(old_units[i1:i2], new_units[j1:j2]):
                if old != fresh:  # same text, other units: see below
                    edits.append(_text_edit(analysis, at, old, fresh))
            continue
        at = old_units[i1][0] if i1 < len(old_units) else len(text)
        old, fresh = "".join(u for _, u in old_units[i1:i2]), "".join(new_units[j1:j2])
        if old != fresh:  # the same text in other units (a lone CR is a line only to the client)
            edits.append(_text_edit(analysis, at, old, fresh))
    return edits


def _text_edit(analysis: Analysis, at: int, old: str, new: str) -> t.TextEdit:
    """`old`, written at offset `at`, replaced by `new`: only the characters between their
    common beginning and their common end."""
    prefix = 0
    while prefix < min(len(old), len(new)) and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < min(len(old), len(new)) - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    # Neither end of an edit between the CR and the LF of a line break: no position names that
    # place (the client would take the line's end, and the edit would do something else).
    if 0 < prefix < len(old) and old[prefix - 1:prefix + 1] == "\r\n":
        prefix -= 1
    end = len(old) - suffix
    if 0 < end < len(old) and old[end - 1:end + 1] == "\r\n":
        suffix -= 1
    span = Span(analysis.source, at + prefix, at + len(old) - suffix)
    return t.TextEdit(range=analysis.range(span), new_text=new[prefix:len(new) - suffix])


def _newline(text: str) -> str:
    """The line break the text uses most: `\\r\\n` in a file saved on Windows, else `\\n`."""
    crlf = text.count("\r\n")
    return "\r\n" if crlf and crlf * 2 >= text.count("\n") else "\n"


# --- Outline ----------------------------------------------------------------------------------

_SYMBOL_KIND = {"group": t.SymbolKind.Namespace, "indicator": t.SymbolKind.Field,
                "input": t.SymbolKind.Variable, "let": t.SymbolKind.Constant,
                "scale": t.SymbolKind.Enum, "level": t.SymbolKind.EnumMember}


# Deeper groups are listed at this depth: the outline stays readable, and the protocol's JSON
# encoder (which recurses) is never handed a tree deep enough to exhaust Python's stack.
MAX_OUTLINE_DEPTH = 32


def document_symbols(analysis: Analysis, lang: str = "en") -> list[t.DocumentSymbol]:
    """The outline: groups and indicators with their weights, inputs, values and scales — of
    this file; in a unit, each `修改 NAME` with the weight it sets and what it adds."""
    index = analysis.index
    top: list[t.DocumentSymbol] = []
    here = [sym for sym in index.children(None) if sym.span.source is analysis.source]
    for change in _changes(analysis):
        here.append(change)
    here.sort(key=lambda item: item.span.start)
    stack: list[tuple[object, list[t.DocumentSymbol], int]] = [
        (symbol, top, 1) for symbol in reversed(here)]
    while stack:
        item, siblings, depth = stack.pop()
        if isinstance(item, s.Override):
            entry, children = _change_entry(analysis, item, lang)
        else:
            symbol = item
            span = getattr(symbol.node, "span", symbol.span)
            entry = t.DocumentSymbol(
                name=symbol.name, kind=_SYMBOL_KIND[symbol.kind],
                detail=_detail(symbol, analysis, lang),
                range=analysis.range(span.to(symbol.span)),
                selection_range=analysis.range(symbol.span))
            children = index.children(symbol)
        siblings.append(entry)
        children = [child for child in children if child.span.source is analysis.source]
        if children:
            inner = siblings if depth >= MAX_OUTLINE_DEPTH else []
            if inner is not siblings:
                entry.children = inner
            stack.extend((child, inner, depth + 1) for child in reversed(children))
    return top


def _changes(analysis: Analysis) -> list[s.Override]:
    if analysis.tree is None:
        return []
    return [st for st in analysis.tree.statements if isinstance(st, s.Override)]


def _change_entry(analysis: Analysis, change: s.Override,
                  lang: str) -> tuple[t.DocumentSymbol, list[Symbol]]:
    """A unit's `修改 NAME …` in the outline: the template's node it changes, with the weight
    the unit sets, and the indicators its block adds."""
    occurrence = analysis.index.at(change.name.span.start)
    target = occurrence.symbol if occurrence is not None else None
    keyword = analysis.text[change.span.start:change.name.span.start].strip()
    detail = keyword
    if target is not None and target.kind in ("group", "indicator"):
        weights = weights_line(target, analysis, lang, change)
        detail = f"{keyword} · {weights}" if weights else keyword
    entry = t.DocumentSymbol(
        name=change.name.text,
        kind=_SYMBOL_KIND.get(target.kind, t.SymbolKind.Field) if target else t.SymbolKind.Field,
        detail=detail, range=analysis.range(change.span),
        selection_range=analysis.range(change.name.span))
    added = [sym for sym in (analysis.index.children(target) if target is not None else [])
             if change.span.start <= sym.span.start < change.span.end]
    return entry, added


def _detail(symbol: Symbol, analysis: Analysis, lang: str) -> str:
    if symbol.kind in ("group", "indicator"):
        return weights_line(symbol, analysis, lang)
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
    for occurrence in analysis.index.in_file(analysis.source):
        if occurrence.symbol is None:
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
