"""The canonical spacing of rubric text: tokens, and the whitespace between two of them.

`tokens(text)` splits any text into the tokens layout cares about (words, numbers with their
`%`, strings, comments, brackets, operators, punctuation), with None for each line break
outside strings; it never raises. `join(tokens)` writes one line's tokens with the canonical
space between each two (`perfdsl.tools.fmt` lays whole files out with it). `normal(text)` is a
piece of a rubric — a condition, an expression — on one line, spaced canonically, comments
left out: what reports and results show where a rubric gives no words of its own (a checklist
item with no `标签`, a deduction with no `原因`), so how an author spaced a condition, or
whether `perfdsl fmt` ran, never changes any output.
"""

from __future__ import annotations

import re

import attrs

from perfdsl.language.keywords import FUNCTIONS, TOKEN_OF
from perfdsl.language.parse import FULL_WIDTH

_NAME = re.compile(r"(?:[^\W\d]|[“‘《])[\w“”‘’《》·]*")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_PERCENT = re.compile(r"[ \t]*[%％]")
_TWO = ("<=", ">=", "!=", "==")
_OPERATORS = frozenset("=<>+-*/×÷≤≥≦≧≠−–!") | frozenset(_TWO)
_OPEN, _CLOSE = frozenset("([{"), frozenset(")]}")
# A word before `(` that takes it as its own: a function, or a type with its unit or scale.
_HUGGING = frozenset({"FUNCTION", "MONEY", "COUNT", "LEVEL"})


@attrs.frozen
class Token:
    kind: str  # word, string, comment, open, close, op, colon, semi, comma, other
    text: str  # as written (a percentage without the spaces before its `%`)
    folded: str  # its ASCII twin, for deciding; strings and comments as written


def normal(text: str) -> str:
    """`text` on one line in the canonical spacing, without comments: `a≤b` and `a  ≤ b`
    (or the same over two lines) are both `a ≤ b`."""
    found = [t for t in tokens(text) if t is not None and t.kind != "comment"]
    return join(found) if found else ""


def tokens(text: str) -> list[Token | None]:
    """The text's tokens, with None for each line break outside strings."""
    out: list[Token | None] = []
    every = text.translate(FULL_WIDTH)  # one character for one: offsets agree
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        folded = every[i]
        if ch == "\n":
            out.append(None)
            i += 1
        elif folded in " \t" or ch.isspace():
            i += 1
        elif folded == '"':
            end = string_end(text, i)
            out.append(Token("string", text[i:end], text[i:end]))
            i = end
        elif folded == "#" or (folded == "/" and every[i + 1:i + 2] == "/"):
            end = text.find("\n", i)
            end = n if end < 0 else end
            out.append(Token("comment", text[i:end].rstrip(), text[i:end].rstrip()))
            i = end
        elif folded.isdigit():
            match = _NUMBER.match(every, i)
            end = match.end() if match else i + 1
            word = text[i:end]
            percent = _PERCENT.match(text, end)
            if percent:
                word += percent.group().strip()
                end = percent.end()
            out.append(Token("word", word, word.translate(FULL_WIDTH)))
            i = end
        elif _NAME.match(ch):
            match = _NAME.match(text, i)
            end = match.end() if match else i + 1
            out.append(Token("word", text[i:end], text[i:end]))
            i = end
        else:
            two = every[i:i + 2]
            if two in _TWO:
                out.append(Token("op", text[i:i + 2], two))
                i += 2
                continue
            kind = ("open" if folded in _OPEN else "close" if folded in _CLOSE
                    else "op" if folded in _OPERATORS else "colon" if folded == ":"
                    else "semi" if folded == ";" else "comma" if folded == "," else "other")
            out.append(Token(kind, ch, folded))
            i += 1
    return out


def string_end(text: str, start: int) -> int:
    i = start + 1
    while i < len(text):
        if text[i] == "\\":
            i += 2
        elif text[i] == '"':
            return i + 1
        else:
            i += 1
    return len(text)


def lines(tokens: list[Token | None]) -> list[list[Token]]:
    lines: list[list[Token]] = [[]]
    for token in tokens:
        if token is None:
            lines.append([])
        else:
            lines[-1].append(token)
    return lines


def join(tokens: list[Token]) -> str:
    parts = [tokens[0].text]
    for before, (a, b) in enumerate(zip(tokens, tokens[1:])):
        parts.append(_space(a, b, tokens[before - 1] if before else None) + b.text)
    return "".join(parts)


def _space(a: Token, b: Token, before_a: Token | None) -> str:
    """The whitespace between two tokens of a line."""
    if b.kind == "comment":
        return "  "
    if a.kind == "open" and a.folded in "([":
        return ""
    if b.kind == "close" and b.folded in ")]":
        return ""
    if b.kind in ("colon", "semi", "comma"):
        return ""
    if a.kind in ("colon", "semi", "comma"):
        return " " if a.text.isascii() else ""
    if b.kind == "open" and b.folded == "(" and a.kind == "word" and (
            TOKEN_OF.get(a.text) in _HUGGING or a.text not in TOKEN_OF):
        return ""
    if a.kind == "op" and a.folded in "-−–" and _unary(before_a):
        return ""
    return " "


def _unary(before: Token | None) -> bool:
    """Whether a minus after `before` is a sign (no space after it) rather than a subtraction."""
    if before is None:
        return True
    if before.kind in ("op", "open", "colon", "semi", "comma"):
        return True
    return before.kind == "word" and before.text in TOKEN_OF and before.text not in FUNCTIONS \
        and TOKEN_OF[before.text] not in ("TRUE", "FALSE")
