"""Highlighting: what each word of a rubric is, for editors and documentation.

Expects any text, a broken rubric included. Guarantees `scan`, a lexer that never fails and
never recurses: it cuts the whole text into `Lexeme`s (whitespace included), each with a
category — a keyword and its kind, a name, the name a declaration introduces, a number, a
string, a comment, an operator, punctuation, or `error` for a character the compiler would
reject. Keywords come from `perfdsl.language.keywords`, so a synonym added there is highlighted
everywhere without touching this file.

One scanner, three consumers, so the three agree:
- the Pygments lexer (`perfdsl.tools.pygments_lexer`, for Sphinx and MkDocs);
- the language server's semantic tokens (`perfdsl.lsp`), which add what only the symbol index
  knows (an input versus a `令` value);
- the TextMate grammar of the VS Code extension, generated from the same patterns by
  `textmate_grammar` (Oniguruma has no full-width folding, so every pattern here accepts the
  full-width punctuation a Chinese input method types, as the parser does after folding).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from perfdsl.language.keywords import FUNCTIONS, KEYWORDS, TOKEN_OF

# The kind of each keyword, by token type. A token type missing here is a plain `keyword`
# (a clause word such as 分值 or 说明), so a keyword added to keywords.py is highlighted at once.
KEYWORD_KINDS: dict[str, str] = {
    **dict.fromkeys(("RUBRIC", "SCALE", "INPUT", "LET", "GROUP", "INDICATOR"), "declaration"),
    **dict.fromkeys(("MONEY", "COUNT", "PERCENT_KW", "RATIO", "NUMBER_KW", "BOOL", "LEVEL",
                     "TEXT"), "type"),
    **dict.fromkeys(("FULL_IF", "PROPORTIONAL", "BANDS", "STEPWISE", "FINDINGS", "DEDUCTIONS",
                     "LEVELS", "JUDGED", "CHECKLIST", "TARGET", "FORMULA", "DECAY"), "rule"),
    # Building on a template: what a unit takes from it and changes (perfdsl.checks.compose)
    **dict.fromkeys(("EXTENDS", "OVERRIDE", "REMOVE", "NOT_APPLICABLE", "CHOOSE", "ONE_OF",
                     "OPTIONAL"), "composition"),
    **dict.fromkeys(("IF", "THEN", "ELSE"), "control"),
    **dict.fromkeys(("AND", "OR", "NOT"), "operator_word"),
    **dict.fromkeys(("TRUE", "FALSE"), "constant"),
}

# What the name after a declaration keyword is.
DECLARES: dict[str, str] = {
    "INPUT": "input", "LET": "let", "GROUP": "group", "INDICATOR": "indicator", "SCALE": "scale",
}

# Characters of a name, as the grammar's NAME token has them (grammar/perfdsl.lark), in Python's
# `re` and in Oniguruma's syntax. Python's \w is a letter, a number or `_`; [^\W\d] the same
# without decimal digits. tests/test_editors.py checks the two spellings agree on every
# character of the Basic Multilingual Plane, and this one against the grammar's.
NAME = r"(?:[^\W\d]|[“‘《])[\w“”‘’《》·]*"
_NAME_START_ONIG = r"[\p{L}\p{Nl}\p{No}_“‘《]"
_NAME_CHAR_ONIG = r"[\p{L}\p{N}_“”‘’《》·]"
NAME_ONIG = _NAME_START_ONIG + _NAME_CHAR_ONIG + "*"

# The lexical patterns, in the order they are tried; each is valid in both Python's `re` and
# Oniguruma (full-width twins written out: the parser folds them, an editor's grammar cannot).
DIGITS = "[0-9０-９]+(?:[.．][0-9０-９]+)?"
PATTERNS: dict[str, str] = {
    "comment": r"(?:[#＃]|[/／][/／])[^\n]*",
    "string": r'"(?:[^"\\]|\\.)*"',
    "number": DIGITS + r"(?:[ \t]*[%％])?",
    "operator": r"[<＜>＞!！=＝][=＝]|[≤≦≥≧≠<＜>＞=＝+＋\-－−–*＊×/／÷]",
    "punctuation": r"[{}()\[\]:;,｛｝（）［］：；，、]",
}

_SCANNER = re.compile(
    r"(?P<whitespace>\s+)"
    + "".join(f"|(?P<{kind}>{pattern})" for kind, pattern in PATTERNS.items())
    + f"|(?P<name>{NAME})"
    + r'|(?P<unterminated>"[^\n]*)',
    re.DOTALL,
)


class Lexeme(NamedTuple):
    """Characters [start, end) of the text and what they are.

    `category` is one of whitespace, comment, string, number, operator, punctuation, keyword,
    function, name, definition, error. `detail` says more: the token type of a keyword
    (`INDICATOR`), the canonical function (`min`), what a definition declares (`indicator`).
    """

    start: int
    end: int
    category: str
    detail: str = ""


def keyword_kind(token_type: str) -> str:
    """The highlighting kind of a keyword token type: declaration, type, rule… or keyword."""
    return KEYWORD_KINDS.get(token_type, "keyword")


def scan(text: str) -> Iterator[Lexeme]:
    """Every lexeme of `text`, in order, covering it exactly; never raises."""
    declaring = ""  # the declaration keyword just read: the next name is what it declares
    pos, end = 0, len(text)
    while pos < end:
        match = _SCANNER.match(text, pos)
        if match is None:
            yield Lexeme(pos, pos + 1, "error")
            declaring = ""
            pos += 1
            continue
        kind = match.lastgroup or "error"
        start, pos = match.start(), match.end()
        if kind == "whitespace" or kind == "comment":
            yield Lexeme(start, pos, kind)
            continue
        if kind == "unterminated":  # a string that never closes: the compiler says E004
            yield Lexeme(start, pos, "error")
        elif kind == "name":
            word = match.group()
            token_type = TOKEN_OF.get(word)
            if token_type == "FUNCTION":
                yield Lexeme(start, pos, "function", FUNCTIONS[word])
            elif token_type is not None:
                yield Lexeme(start, pos, "keyword", token_type)
                declaring = DECLARES.get(token_type, "")
                continue
            elif declaring:
                yield Lexeme(start, pos, "definition", declaring)
            else:
                yield Lexeme(start, pos, "name")
        else:
            yield Lexeme(start, pos, kind)
        declaring = ""


def language_of(text: str, lexemes: Iterable[Lexeme] | None = None) -> str | None:
    """`zh` or `en`: the language most of the text's keywords are written in (None: no keyword).

    `lexemes` are the text's, when they have been scanned already.
    """
    counts = {"zh": 0, "en": 0}
    for lexeme in scan(text) if lexemes is None else lexemes:
        if lexeme.category == "keyword":
            counts["en" if text[lexeme.start:lexeme.end].isascii() else "zh"] += 1
    if not any(counts.values()):
        return None
    return "zh" if counts["zh"] >= counts["en"] else "en"


# --- The TextMate grammar of the VS Code extension ----------------------------------------------

SCOPE = "source.rubric"

# TextMate scope of each keyword kind, lexeme category and declared name.
TEXTMATE_SCOPES: dict[str, str] = {
    "declaration": "keyword.declaration.rubric",
    "type": "support.type.rubric",
    "rule": "keyword.control.rule.rubric",
    "control": "keyword.control.conditional.rubric",
    "composition": "keyword.control.import.rubric",
    "operator_word": "keyword.operator.word.rubric",
    "constant": "constant.language.rubric",
    "keyword": "keyword.other.rubric",
    "function": "support.function.rubric",
    "comment": "comment.line.rubric",
    "string": "string.quoted.double.rubric",
    "number": "constant.numeric.rubric",
    "operator": "keyword.operator.rubric",
    "punctuation": "punctuation.separator.rubric",
    "name": "variable.other.rubric",
    "error": "invalid.illegal.rubric",
    "input": "variable.parameter.input.rubric",
    "let": "variable.other.constant.let.rubric",
    "group": "entity.name.namespace.group.rubric",
    "indicator": "entity.name.function.indicator.rubric",
    "scale": "entity.name.type.enum.scale.rubric",
}


def _words(spellings) -> str:
    """An Oniguruma alternation of whole words: not inside a longer name, longest first."""
    ordered = sorted(set(spellings), key=lambda w: (-len(w), w))
    alternation = "|".join(re.escape(w) for w in ordered)
    return f"(?<!{_NAME_CHAR_ONIG})(?:{alternation})(?!{_NAME_CHAR_ONIG})"


def textmate_grammar() -> dict:
    """The TextMate grammar of rubric files, with every keyword of keywords.py in it."""
    by_kind: dict[str, list[str]] = {}
    for token_type, spellings in KEYWORDS.items():
        by_kind.setdefault(keyword_kind(token_type), []).extend(spellings)
    string_body = r'(?:[^"\\]|\\.)*'
    declarations = [
        {
            "comment": f"`{' / '.join(KEYWORDS[token_type])}` and the name it declares",
            "match": f"({_words(KEYWORDS[token_type])})[\\s　]+({NAME_ONIG}|\"{string_body}\")",
            "captures": {"1": {"name": TEXTMATE_SCOPES["declaration"]},
                         "2": {"name": TEXTMATE_SCOPES[declared]}},
        }
        for token_type, declared in DECLARES.items() if token_type in KEYWORDS
    ]
    keywords = [
        {"match": _words(by_kind[kind]), "name": TEXTMATE_SCOPES[kind]}
        for kind in ("declaration", "composition", "type", "rule", "control", "operator_word",
                     "constant", "keyword") if kind in by_kind
    ]
    return {
        "$schema": "https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json",
        "comment": "Generated by editors/vscode/generate.py from perfdsl/tools/highlight.py and "
                   "perfdsl/language/keywords.py; do not edit by hand.",
        "name": "Rubric (perfdsl)",
        "scopeName": SCOPE,
        "fileTypes": ["rubric"],
        "patterns": [{"include": f"#{part}"} for part in (
            "comment", "string", "declaration", "number", "keyword", "function", "name",
            "operator", "punctuation", "invalid")],
        "repository": {
            "comment": {"match": PATTERNS["comment"], "name": TEXTMATE_SCOPES["comment"]},
            "string": {
                "begin": '"', "end": '"', "name": TEXTMATE_SCOPES["string"],
                "patterns": [
                    {"match": r"\\.", "name": "constant.character.escape.rubric"},
                    {"comment": "explanation templates (计算分析) are Jinja: {{ … }}, {% … %}",
                     "match": r"\{\{.*?\}\}|\{%.*?%\}", "name": "meta.embedded.template.rubric"},
                ],
            },
            "declaration": {"patterns": declarations},
            "number": {"match": PATTERNS["number"], "name": TEXTMATE_SCOPES["number"]},
            "keyword": {"patterns": keywords},
            "function": {"match": _words(FUNCTIONS), "name": TEXTMATE_SCOPES["function"]},
            "name": {"match": NAME_ONIG, "name": TEXTMATE_SCOPES["name"]},
            "operator": {"match": PATTERNS["operator"], "name": TEXTMATE_SCOPES["operator"]},
            "punctuation": {"match": PATTERNS["punctuation"],
                            "name": TEXTMATE_SCOPES["punctuation"]},
            "invalid": {"match": r"\S", "name": TEXTMATE_SCOPES["error"]},
        },
    }


def textmate_json() -> str:
    """The grammar as the checked-in file holds it (editors/vscode/syntaxes/)."""
    import json

    return json.dumps(textmate_grammar(), ensure_ascii=False, indent=2) + "\n"
