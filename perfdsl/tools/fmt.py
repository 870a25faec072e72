"""`perfdsl fmt`: a rubric in its canonical layout.

`format_text(text)` expects any text and returns it laid out canonically; it never raises, so
an editor can call it on a file half typed. What it changes is whitespace outside strings and
comments, and nothing else:

- each line is indented two spaces per enclosing `{ }`, and two more when it continues the
  statement above (it begins with `标签`, `原因`, `误差`, `除非`, `则`, `且`, `或`…); tabs,
  trailing spaces and blank lines at the end go;
- words are one space apart; binary operators (`+ − × / ≤ ≥ = ≠ < >`) have one space on each
  side, a minus sign in front of a number none after it; nothing inside `( )` and `[ ]` at
  their edges, and none between a function or a type and its parenthesis (`min(`, `金额（万元）`);
- `：` `；` `，` `、` typed with a Chinese input method touch their neighbours; their ASCII twins
  `:` `;` `,` are followed by one space; `{` and `}` are set off by one space;
- `100 %` is written `100%`; a comment after code is two spaces after it;
- the rows of a band table (分档) or a checklist (逐项计分) written one per line are aligned on
  their `：`, counting a Chinese character as two columns.

Lines stay where they are — every line of the result is the line of the same number in the
text, re-spaced — so a diagnostic's line means the same before and after, and the compiled
graph is the same (tests/test_fmt.py checks both, and that formatting twice changes nothing).
The author's words are kept as written: Chinese or English keywords, full-width or ASCII
punctuation, the spelling of names.
"""

from __future__ import annotations

import re

import attrs

from perfdsl.language.keywords import FUNCTIONS, TOKEN_OF
from perfdsl.language.parse import FULL_WIDTH
from perfdsl.language.source import cell_width

_NAME = re.compile(r"(?:[^\W\d]|[“‘《])[\w“”‘’《》·]*")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_PERCENT = re.compile(r"[ \t]*[%％]")
_TWO = ("<=", ">=", "!=", "==")
_OPERATORS = frozenset("=<>+-*/×÷≤≥≦≧≠−–!") | frozenset(_TWO)
_OPEN, _CLOSE = frozenset("([{"), frozenset(")]}")
# A word before `(` that takes it as its own: a function, or a type with its unit or scale.
_HUGGING = frozenset({"FUNCTION", "MONEY", "COUNT", "LEVEL"})
_ROW_TABLES = frozenset({"BANDS", "CHECKLIST"})
# Words that never begin a statement, a clause or a row: a line starting with one continues the
# statement above it, and is indented one step more (a hanging indent).
_CONTINUING = frozenset({"LABEL", "REASON", "TOLERANCE", "UNLESS", "THEN", "AND", "OR",
                         "DEFAULT", "RANGE", "OVERSHOOT", "OVER_OK"})


@attrs.frozen
class _Token:
    kind: str  # word, string, comment, open, close, op, colon, semi, comma, other
    text: str  # as written (a percentage without the spaces before its `%`)
    folded: str  # its ASCII twin, for deciding; strings and comments as written


def format_text(text: str) -> str:
    """`text` in the canonical layout (see the module docstring); never raises."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = _lines(_tokens(text))
    out: list[str] = []
    depth = 0
    table_depth: int | None = None  # the depth of the rows of the band table being read
    rows: list[int] = []  # indices in `out` of the rows of that table
    for tokens in lines:
        if not tokens:
            out.append("")
            continue
        starts_closed = tokens[0].kind == "close" and tokens[0].folded == "}"
        indent = max(depth - (1 if starts_closed else 0), 0)
        if tokens[0].kind == "word" and TOKEN_OF.get(tokens[0].text) in _CONTINUING:
            indent += 1
        out.append("  " * indent + _join(tokens))
        if table_depth is not None and indent == table_depth and not starts_closed:
            rows.append(len(out) - 1)
        opens = sum(1 for t in tokens if t.kind == "open" and t.folded == "{")
        closes = sum(1 for t in tokens if t.kind == "close" and t.folded == "}")
        depth = max(depth + opens - closes, 0)
        if table_depth is not None and depth < table_depth:
            _align(out, rows)
            table_depth, rows = None, []
        if table_depth is None and tokens[-1].folded == "{" and any(
                TOKEN_OF.get(t.text) in _ROW_TABLES for t in tokens if t.kind == "word"):
            table_depth, rows = depth, []
    if rows:
        _align(out, rows)
    # Nothing at the end of a file means anything (an unclosed string there has lost its end).
    text = "\n".join(out).rstrip()
    return text + "\n" if text else ""


# --- Tokens -------------------------------------------------------------------------------------

def _tokens(text: str) -> list[_Token | None]:
    """The text's tokens, with None for each line break outside strings."""
    out: list[_Token | None] = []
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
            end = _string_end(text, i)
            out.append(_Token("string", text[i:end], text[i:end]))
            i = end
        elif folded == "#" or (folded == "/" and every[i + 1:i + 2] == "/"):
            end = text.find("\n", i)
            end = n if end < 0 else end
            out.append(_Token("comment", text[i:end].rstrip(), text[i:end].rstrip()))
            i = end
        elif folded.isdigit():
            match = _NUMBER.match(every, i)
            end = match.end() if match else i + 1
            word = text[i:end]
            percent = _PERCENT.match(text, end)
            if percent:
                word += percent.group().strip()
                end = percent.end()
            out.append(_Token("word", word, word.translate(FULL_WIDTH)))
            i = end
        elif _NAME.match(ch):
            match = _NAME.match(text, i)
            end = match.end() if match else i + 1
            out.append(_Token("word", text[i:end], text[i:end]))
            i = end
        else:
            two = every[i:i + 2]
            if two in _TWO:
                out.append(_Token("op", text[i:i + 2], two))
                i += 2
                continue
            kind = ("open" if folded in _OPEN else "close" if folded in _CLOSE
                    else "op" if folded in _OPERATORS else "colon" if folded == ":"
                    else "semi" if folded == ";" else "comma" if folded == "," else "other")
            out.append(_Token(kind, ch, folded))
            i += 1
    return out


def _string_end(text: str, start: int) -> int:
    i = start + 1
    while i < len(text):
        if text[i] == "\\":
            i += 2
        elif text[i] == '"':
            return i + 1
        else:
            i += 1
    return len(text)


def _lines(tokens: list[_Token | None]) -> list[list[_Token]]:
    lines: list[list[_Token]] = [[]]
    for token in tokens:
        if token is None:
            lines.append([])
        else:
            lines[-1].append(token)
    return lines


# --- Spacing ------------------------------------------------------------------------------------

def _join(tokens: list[_Token]) -> str:
    parts = [tokens[0].text]
    for before, (a, b) in enumerate(zip(tokens, tokens[1:])):
        parts.append(_space(a, b, tokens[before - 1] if before else None) + b.text)
    return "".join(parts)


def _space(a: _Token, b: _Token, before_a: _Token | None) -> str:
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


def _unary(before: _Token | None) -> bool:
    """Whether a minus after `before` is a sign (no space after it) rather than a subtraction."""
    if before is None:
        return True
    if before.kind in ("op", "open", "colon", "semi", "comma"):
        return True
    return before.kind == "word" and before.text in TOKEN_OF and before.text not in FUNCTIONS \
        and TOKEN_OF[before.text] not in ("TRUE", "FALSE")


def _align(out: list[str], rows: list[int]) -> None:
    """The rows of one table aligned on their first `：` / `:` outside brackets."""
    cuts = {}
    for index in rows:
        cut = _colon(out[index])
        if cut is not None:
            cuts[index] = cut
    if len(cuts) < 2:
        return
    width = max(cell_width(out[i][:cut].rstrip()) for i, cut in cuts.items())
    for index, cut in cuts.items():
        head = out[index][:cut].rstrip()
        out[index] = head + " " * (width - cell_width(head)) + out[index][cut:]


def _colon(line: str) -> int | None:
    depth = 0
    i = 0
    while i < len(line):
        ch = line[i].translate(FULL_WIDTH)
        if ch == '"':
            i = _string_end(line, i)
            continue
        if ch == "#":
            return None
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == ":" and depth == 0:
            return i
        i += 1
    return None
