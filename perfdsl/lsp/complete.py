"""Completion: keywords in the file's language, names in scope, levels, scales and units.

The context is read from the words before the cursor on its line: after `评分` the rule kinds
and the shapes of the rules a keyword alone does not show (`对标 … = … 容差 …`, `线性递减 … ≤ …
至 … 倍`…, as snippets), after `输入 名称：` the types, after `等次` (in an input) the scales,
after `金额（`/`数量（` the units, after `单调` the directions, after `修改`/`删除`/`不适用`/`选用`
the indicators and groups (the template's too), inside the string after `基于` the other
rubric files of the folder; elsewhere the values, levels and every keyword, keywords first at
the start of a statement. Names in scope include those of the templates a unit builds on.
Each item replaces the part of the name already typed, so CJK names complete whatever the
editor thinks a word is. Nothing else inside strings or comments.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable

from lsprotocol import types as t

from perfdsl.checks.units import MONEY_UNITS
from perfdsl.language import syntax as s
from perfdsl.language.keywords import KEYWORDS
from perfdsl.language.source import Span
from perfdsl.lsp.analysis import Analysis
from perfdsl.lsp.words import word
from perfdsl.tools import highlight, symbols

_COUNT_UNITS = ("人", "个", "处", "项", "次", "家", "户", "件", "台")  # after those the file uses
_NAME_CHAR = re.compile(r"[\w“”‘’《》·]")


def completion(analysis: Analysis, offset: int, lang: str = "en") -> t.CompletionList:
    """Keywords in the file's language, names in scope, levels, scales and units."""
    text = analysis.text
    if _inside_text(analysis, offset):
        return t.CompletionList(is_incomplete=False, items=_templates(analysis, offset))
    start = offset
    while start > 0 and _NAME_CHAR.match(text[start - 1]):
        start -= 1
    replace = analysis.range(Span(analysis.source, start, offset))
    line_start = text.rfind("\n", 0, start) + 1
    before = [lx for lx in highlight.scan(text[line_start:start])
              if lx.category not in ("whitespace", "comment")]
    words = [text[line_start + lx.start:line_start + lx.end] for lx in before]
    items = _items_for(analysis, before, words, analysis.language, lang)
    return t.CompletionList(is_incomplete=False, items=[
        t.CompletionItem(label=label, kind=kind, detail=detail, sort_text=f"{rank}{label}",
                         filter_text=label,
                         text_edit=t.TextEdit(range=replace, new_text=insert),
                         insert_text_format=t.InsertTextFormat.Snippet
                         if kind == t.CompletionItemKind.Snippet else None)
        for label, insert, kind, detail, rank in items])


def _templates(analysis: Analysis, offset: int) -> list[t.CompletionItem]:
    """Inside the string of `基于 "…"`: the other rubric files of the document's folder."""
    lexeme = analysis.lexeme_before(offset)
    if lexeme is None or lexeme.category not in ("string", "error") \
            or analysis.text[lexeme.start] != '"':
        return []
    before = [lx for lx in analysis.lexemes if lx.end <= lexeme.start
              and lx.category not in ("whitespace", "comment")]
    if not before or before[-1].detail != "EXTENDS":
        return []
    folder = os.path.dirname(analysis.path)
    try:
        names = sorted(name for name in os.listdir(folder)
                       if name.endswith(".rubric") and os.path.join(folder, name) != analysis.path)
    except OSError:
        return []
    typed = Span(analysis.source, lexeme.start + 1, offset)
    return [t.CompletionItem(label=name, kind=t.CompletionItemKind.File,
                             text_edit=t.TextEdit(range=analysis.range(typed), new_text=name))
            for name in names]


def _inside_text(analysis: Analysis, offset: int) -> bool:
    """Whether the cursor is inside a string or a comment, where nothing is completed."""
    lexeme = analysis.lexeme_before(offset)
    if lexeme is None:
        return False
    if lexeme.category == "string":
        return offset < lexeme.end  # just after the closing quote is outside
    # A comment, or a string that never closes, runs to the end of its line: so does the cursor.
    return lexeme.category == "comment" or (
        lexeme.category == "error" and analysis.text[lexeme.start] == '"')


Item = tuple[str, str, t.CompletionItemKind, str, int]  # label, insert, kind, detail, rank


def _items_for(analysis: Analysis, before, words: list[str], language: str | None,
               lang: str) -> list[Item]:
    last = before[-1] if before else None
    first = before[0] if before else None
    after_keyword = last.detail if last is not None and last.category == "keyword" else ""
    in_input = first is not None and first.detail == "INPUT"
    if after_keyword == "SCORE":
        return _keywords(language, lambda token: highlight.keyword_kind(token) == "rule") \
            + _shapes(language)
    if first is not None and first.detail in _CHANGES and (
            last is first or words[-1] in ",，、"):
        names = _symbols(analysis, ("indicator", "group"), lang, readable_only=False)
        if first.detail == "NOT_APPLICABLE" and last is first:
            names += _keywords(language, lambda token: token == "RESCALE")
        return names
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
        return keywords + _ranked(names, 2)
    return names + _ranked(keywords, 2)


def _ranked(items: list[Item], rank: int) -> list[Item]:
    return [(name, insert, kind, detail, rank) for name, insert, kind, detail, _ in items]


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
        out.extend((spelling, spelling, t.CompletionItemKind.Keyword, gloss, 1)
                   for spelling in chosen)
    return out


# What a unit may change in a template: each is followed by the names of indicators or groups.
_CHANGES = frozenset({"OVERRIDE", "REMOVE", "NOT_APPLICABLE", "CHOOSE"})

# The shapes of the rules that a keyword alone does not show, as snippets to fill in after `评分`:
# options of `对标` that make it a kind of its own, and `线性递减`. tests/test_lsp_index.py fills
# each in and compiles it, so a shape cannot drift from the grammar.
SHAPES: dict[str, tuple[tuple[str, str], ...]] = {
    "zh": (
        ("对标 … = … 容差 …", "对标 ${1:实际值} = ${2:目标值} 容差 ${3:0}"),
        ("对标 … = … 容差 … 超出不扣分", "对标 ${1:实际值} = ${2:目标值} 容差 ${3:0} 超出不扣分"),
        ("对标 … ≥ … 超额 ≥ … 扣 … 分 除非 …",
         "对标 ${1:实际值} ≥ ${2:目标值} 超额 ≥ ${3:130%} 扣 ${4:1} 分 除非 ${5:条件}"),
        ("线性递减 … ≤ … 至 … 倍", "线性递减 ${1:实际值} ≤ ${2:目标值} 至 ${3:2} 倍"),
    ),
    "en": (
        ("target … = … tolerance …", "target ${1:actual} = ${2:goal} tolerance ${3:0}"),
        ("target … = … tolerance … over_ok",
         "target ${1:actual} = ${2:goal} tolerance ${3:0} over_ok"),
        ("target … >= … overshoot >= … deduct … points unless …",
         "target ${1:actual} >= ${2:goal} overshoot >= ${3:130%} deduct ${4:1} points "
         "unless ${5:condition}"),
        ("decay … <= … to … times", "decay ${1:actual} <= ${2:goal} to ${3:2} times"),
    ),
}


def _shapes(language: str | None) -> list[Item]:
    chosen = SHAPES.get(language or "", SHAPES["zh"] + SHAPES["en"])
    return [(label, body, t.CompletionItemKind.Snippet, "", 2) for label, body in chosen]


def _symbols(analysis: Analysis, kinds: tuple[str, ...], lang: str,
             readable_only: bool = True) -> list[Item]:
    out: dict[str, Item] = {}
    for symbol in analysis.index.of_kind(*kinds):
        if readable_only and symbol.kind == "indicator" \
                and not any(symbols.clauses(symbol.node, s.ValueClause)):
            continue  # only an indicator with a value can be read
        detail = word(lang, symbol.kind)
        if symbol.kind == "level":
            detail = f"{symbol.parent.name if symbol.parent else ''} {detail}".strip()
        elif symbol.kind == "input" and symbol.node.label:  # type: ignore[attr-defined]
            detail += f" — {symbol.node.label}"  # type: ignore[attr-defined]
        rank = 1 if symbol.kind == "level" else 0  # values first, then levels
        out.setdefault(symbol.name, (symbol.name, symbols.spell(symbol.name),
                                     _COMPLETION_KIND[symbol.kind], detail, rank))
    return list(out.values())


def _units(analysis: Analysis, token: str) -> list[Item]:
    if token == "MONEY":  # the units a money input may take, the default (万元) first
        units: Iterable[str] = sorted(MONEY_UNITS, key=lambda u: (u != "万元", u.isascii()))
    else:
        types = [sym.node.type for sym in analysis.index.of_kind("input")]  # type: ignore
        used = [kind.argument.text for kind in types if kind.kind == "count" and kind.argument]
        units = dict.fromkeys([*used, *_COUNT_UNITS])
    return [(unit, unit, t.CompletionItemKind.Unit, "", 0) for unit in units]
