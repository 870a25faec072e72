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

from perfdsl.language import spacing
from perfdsl.language.keywords import TOKEN_OF
from perfdsl.language.parse import FULL_WIDTH
from perfdsl.language.source import cell_width

_ROW_TABLES = frozenset({"BANDS", "CHECKLIST"})
# Words that never begin a statement, a clause or a row: a line starting with one continues the
# statement above it, and is indented one step more (a hanging indent).
_CONTINUING = frozenset({"LABEL", "REASON", "TOLERANCE", "UNLESS", "THEN", "AND", "OR",
                         "DEFAULT", "RANGE", "OVERSHOOT", "OVER_OK"})


def format_text(text: str) -> str:
    """`text` in the canonical layout (see the module docstring); never raises."""
    text = text.replace("\r\n", "\n")
    lines = spacing.lines(spacing.tokens(text))
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
        out.append("  " * indent + spacing.join(tokens))
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
            i = spacing.string_end(line, i)
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
