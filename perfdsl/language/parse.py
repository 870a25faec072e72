"""Pass 1 — parse: rubric text → syntax tree (`perfdsl.language.syntax`), with every syntax error.

Expects any text. Guarantees either a `syntax.Rubric` plus the syntax diagnostics found on the
way, or — when the text is beyond repair — no tree and at least one diagnostic. Never raises for
bad input.

Three steps:
1. Fold full-width punctuation typed with a Chinese input method (（）：，％；＝＞＜…) to its
   ASCII twin, one character for one so every offset still points into the author's text.
   Strings and comments are left as written.
2. Parse with Lark's LALR parser. On a syntax error, report it, blank the broken statement
   (from the keyword that began it to the next keyword, brace or end of line) with spaces, and
   parse again: each round finds one more error, and positions never move. A round starts
   from the parser's state saved at a statement boundary before the repair, not from the top,
   so many errors in a long file cost little more than one parse.
3. Transform Lark's parse tree into frozen attrs nodes carrying spans, without recursion.
4. Check the language's limits (`perfdsl.language.limits`): an expression or a block nested too
   deep is reported, left out like a broken statement, and the text parsed again, so the tree
   handed on never nests deeper than the limits and every later pass may recurse.
"""

from __future__ import annotations

import copy
import functools
import re
from decimal import Decimal, InvalidOperation
from importlib import resources
from pathlib import Path
from typing import Any

import attrs
import lark
from lark import Token, v_args
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedToken, VisitError
from lark.visitors import Transformer_NonRecursive

from perfdsl.language import limits
from perfdsl.language import syntax as s
from perfdsl.diagnostics import Diagnostic
from perfdsl.language.keywords import FUNCTIONS, STATEMENT_TOKENS, TOKEN_OF, describe_token_type
from perfdsl.language.source import Source, Span

MAX_SYNTAX_ERRORS = limits.MAX_SYNTAX_ERRORS
# Parser states are saved at statement boundaries at least this many characters apart, and
# further apart the deeper the parser's stack (so saving costs at most an eighth of the
# characters parsed, however deep the nesting).
_CHECKPOINT_EVERY = 2000
_CHECKPOINT_COST = 8
# Error recovery parses at most this many times the text, plus this many characters.
_PARSES = 3
_PARSE_BASE = 100_000
_NAME = re.compile(r"(?:[^\W\d]|[“‘《])[\w“”‘’《》·]*")

FULL_WIDTH = str.maketrans({
    "（": "(", "）": ")", "：": ":", "，": ",", "％": "%", "；": ";", "＝": "=", "＞": ">",
    "＜": "<", "＋": "+", "－": "-", "＊": "*", "／": "/", "［": "[", "］": "]", "｛": "{",
    "｝": "}", "！": "!", "＃": "#", "．": ".", "、": ",", "\u3000": " ", "\u00a0": " ",
    **{chr(0xFF10 + d): str(d) for d in range(10)},
})


# What folding leaves as written: a string (to its closing quote, or to the end of the text when
# it never closes) and a comment, `#` or `//` in either width, to the end of its line.
_VERBATIM = re.compile(r'"(?:[^"\\]|\\.)*"?|[#＃][^\n]*|[/／][/／][^\n]*', re.S)


def fold_full_width(text: str) -> str:
    """Full-width punctuation outside strings and comments → ASCII, keeping every offset."""
    out = []
    position = 0
    for kept in _VERBATIM.finditer(text):
        out.append(text[position:kept.start()].translate(FULL_WIDTH))
        verbatim = kept.group()
        if verbatim[0] in "#＃":
            verbatim = "#" + verbatim[1:]
        elif verbatim[0] != '"':
            verbatim = "//" + verbatim[2:]
        out.append(verbatim)
        position = kept.end()
    out.append(text[position:].translate(FULL_WIDTH))
    return "".join(out)


def _retype_keyword(token: Token) -> Token:
    kind = TOKEN_OF.get(token.value)
    if kind is not None:
        token.type = kind
    return token


def grammar_text() -> str:
    """The Lark grammar: shipped in the wheel as `perfdsl.grammar`, or read from the checkout."""
    try:
        return resources.files("perfdsl.grammar").joinpath("perfdsl.lark").read_text("utf-8")
    except ModuleNotFoundError:
        return (Path(__file__).parent.parent.parent / "grammar" / "perfdsl.lark").read_text("utf-8")


_PARSER_OPTIONS = dict(parser="lalr", lexer="basic", propagate_positions=True,
                       maybe_placeholders=False)


@functools.cache
def _parser() -> lark.Lark:
    from perfdsl.language import tables

    grammar = grammar_text()
    # The built LALR tables are kept in the user's cache folder as JSON (never a pickle, which
    # would run code planted there): a fresh `perfdsl` process loads them instead of spending
    # ~100 ms rebuilding them. perfdsl.language.tables says how the file is guarded.
    return tables.parser(grammar, _cache_file(grammar), **_PARSER_OPTIONS,
                         lexer_callbacks={"NAME": _retype_keyword})


def _cache_file(grammar: str) -> str | None:
    from perfdsl.language import tables

    return tables.cache_file(grammar, **_PARSER_OPTIONS)


def parse(source: Source) -> tuple[s.Rubric | None, list[Diagnostic]]:
    """Parse a rubric; return its syntax tree (None if unrecoverable) and syntax diagnostics."""
    diagnostics: list[Diagnostic] = []
    lost: set[str] = set()  # names in blanked statements: resolve does not call them unknown
    run = _Run(_parser(), fold_full_width(source.text))
    repeated = None  # the token of the last syntax error, to notice a repair that did not help
    while len(diagnostics) < MAX_SYNTAX_ERRORS and run.work < run.budget:
        text = run.text
        try:
            tree = run.parse()
        except UnexpectedCharacters as error:
            pos = error.pos_in_stream
            diagnostics.append(_unexpected_character(source, text, pos))
            if text[pos] == '"':
                # An unterminated string: its text would be read as names and numbers and give
                # one more error each; skip the statement it opens, to the end of the line.
                start, end = run.statement_around(Token("STRING", '"', start_pos=pos,
                                                        end_pos=pos + 1))
                lost.update(_NAME.findall(text[start:pos]))
                run.blank(start, end)
            else:
                run.blank(pos, pos + 1)
        except UnexpectedEOF as error:
            diagnostics.append(_unexpected_end(source, error.expected))
            return None, diagnostics
        except _TooLong as error:
            token = error.token
            diagnostics.append(Diagnostic("E015", Span(source, token.start_pos, token.end_pos), {
                "limit": limits.MAX_TOKENS}))
            return None, diagnostics
        except UnexpectedToken as error:
            # `accepts` is what the parser can take after the reductions the token allows;
            # `expected` is the raw lookahead set of the state, which after a name lists every
            # operator.
            expected = _accepts(error.state) or error.expected
            if error.token.type == "$END":
                diagnostics.append(_unexpected_end(source, expected))
                return None, diagnostics
            token = error.token
            if repeated == (token.start_pos, token.type):
                # Blanking its statement did not help (a stray `}` survives it, as blanking
                # keeps braces): the token itself goes, and is not reported twice.
                lost.update(_NAME.findall(token.value))
                run.blank(token.start_pos, token.end_pos, braces=True)
                continue
            repeated = (token.start_pos, token.type)
            diagnostics.append(_unexpected_token(source, token, expected))
            start, end = run.statement_around(error.token)
            lost.update(_NAME.findall(text[start:end]))
            run.blank(start, end)
        else:
            rubric = _transform(source, tree)
            breaches = limits.check(rubric)
            if not breaches:
                return attrs.evolve(rubric, lost_names=frozenset(lost)), diagnostics
            for breach in breaches:
                diagnostics.append(breach.diagnostic)
                lost.update(_NAME.findall(text[breach.cut.start:breach.cut.end]))
                run.blank(breach.cut.start, breach.cut.end, braces=True)
    diagnostics.append(Diagnostic("E005", None, {"count": len(diagnostics)}))
    return None, diagnostics


class _Run:
    """The text being parsed, repaired after each error, and parser states to resume from.

    A checkpoint is the parser's state just before the token at its position, taken at a
    statement boundary: text before it is never changed by a later repair, so parsing may start
    again there. `work` counts the characters parsed so far; past `budget` the parser stops with
    E005 even with fewer than MAX_SYNTAX_ERRORS errors, so that no text costs more than a few
    parses of itself (a deeply nested file has few places to save a state).
    """

    def __init__(self, parser: lark.Lark, text: str):
        self.parser = parser
        self.text = text
        self.start = parser.parse_interactive("").parser_state  # Lark's ParserState
        # (position, `_save`d parser state, tokens before the position)
        self.checkpoints: list[tuple[int, tuple, int]] = [(0, _save(self.start), 0)]
        self.repairs: list[int] = []  # where each blanked stretch begins
        self.work = 0
        self.budget = _PARSES * len(text) + _PARSE_BASE

    def parse(self) -> lark.Tree:
        position, saved, count = self.checkpoints[-1]
        state = _restore(saved, self.start)
        last, gap = position, _CHECKPOINT_EVERY  # the last checkpoint, and the gap due after it
        token = None
        try:
            for token in self.tokens_from(position):
                count += 1
                if count > limits.MAX_TOKENS:
                    raise _TooLong(token)
                if token.start_pos - last >= gap and _is_boundary(token):
                    gap = max(_CHECKPOINT_EVERY, _CHECKPOINT_COST * len(state.state_stack))
                    if token.start_pos - last >= gap:
                        self.checkpoints.append((token.start_pos, _save(state), count - 1))
                        last, gap = token.start_pos, _CHECKPOINT_EVERY
                state.feed_token(token)
            end = Token.new_borrow_pos("$END", "", token) if token else Token("$END", "", 0, 1, 1)
            return state.feed_token(end, True)
        finally:
            self.work += (token.end_pos if token is not None else position) - position + 1

    def tokens_from(self, position: int):
        """The tokens of the text from `position` on, at their offsets in the whole text."""
        return self.parser.lex(" " * position + self.text[position:])

    def blank(self, start: int, end: int, braces: bool = False) -> None:
        self.text = _blank(self.text, start, end, braces)
        self.repairs.append(start)
        while self.checkpoints[-1][0] > start:
            self.checkpoints.pop()

    def statement_around(self, bad: Token) -> tuple[int, int]:
        """The statement to blank after an error at `bad` (see `_statement_around`)."""
        floor = max((start for start in self.repairs if start <= bad.start_pos), default=0)
        position = next(p for p, _, _ in reversed(self.checkpoints) if p <= floor)
        return _statement_around(self, self.text, bad, position, floor)


class _TooLong(Exception):
    """The text has more than MAX_TOKENS tokens: `token` is the first past the limit."""

    def __init__(self, token: Token):
        super().__init__(token)
        self.token = token


def _save(state: Any) -> tuple:
    """What `_restore` needs to parse on from `state` later, however `state` goes on.

    Lark builds the list of a left-recursive rule (the statements of the file, the items of a
    block) by appending to the children of the tree already on the value stack, in place; it
    never changes them otherwise. So a saved state keeps the stacks and the length of each
    tree's children, and restoring cuts the lists back to those lengths: saving costs the depth
    of the stack, not the length of the lists.
    """
    values = list(state.value_stack)
    return (list(state.state_stack), values,
            [len(v.children) if isinstance(v, lark.Tree) else -1 for v in values])


def _restore(saved: tuple, start: Any) -> Any:
    """A parser state as it was when `_save`d (`start` gives the parser's tables)."""
    states, values, lengths = saved
    for value, length in zip(values, lengths):
        if length >= 0:
            del value.children[length:]
    return type(start)(start.parse_conf, start.lexer, list(states), list(values))


def _fork(state: Any) -> Any:
    """A copy of a parser state, for a probe that builds no trees (so changes none)."""
    return type(state)(state.parse_conf, state.lexer, list(state.state_stack),
                       list(state.value_stack))


def _accepts(state: Any) -> set[str]:
    """The terminals the parser in `state` can take (as Lark's `InteractiveParser.accepts`)."""
    if state is None:
        return set()
    quiet = copy.copy(state.parse_conf)
    quiet.callbacks = {}  # no trees are built for a probe
    accepts = set()
    for terminal in state.parse_conf.states[state.position]:
        if terminal.isupper():
            probe = _fork(state)
            probe.parse_conf = quiet
            try:
                probe.feed_token(Token(terminal, ""), terminal == "$END")
            except UnexpectedToken:
                continue
            accepts.add(terminal)
    return accepts


def _blank(text: str, start: int, end: int, braces: bool = False) -> str:
    """Spaces over [start, end), keeping newlines (so lines stay put) and, unless the text is a
    whole statement or block whose braces balance, braces (so blocks do)."""
    keep = "\n" if braces else "\n{}"
    kept = "".join(ch if ch in keep else " " for ch in text[start:end])
    return text[:start] + kept + text[end:]


def _transform(source: Source, tree: lark.Tree) -> s.Rubric:
    try:
        return _ToSyntax(source).transform(tree)
    except VisitError as error:  # Lark wraps what a callback raises: show the bug itself
        raise error.orig_exc from None


def _statement_around(run: _Run, text: str, bad: Token, position: int,
                      floor: int) -> tuple[int, int]:
    """The characters to blank after a syntax error at `bad`: the statement it broke.

    When `bad` begins a statement, the statement before it was left unfinished: blank that one,
    from its keyword up to `bad`. Otherwise blank from the start of the broken statement (or of
    the line) to the next statement keyword, brace or end of line. Never before `floor`, where
    an earlier repair began: the text before it was parsed and must not be blanked for an error
    after it. Tokens are lexed from `position`, at or before `floor`.
    """
    tokens: list[Token] = []
    try:
        for token in run.tokens_from(position):
            tokens.append(token)
            if token.start_pos > bad.start_pos and _is_boundary(token):
                break
    except lark.exceptions.LarkError:
        pass
    index = next((i for i, t in enumerate(tokens) if t.start_pos >= bad.start_pos), len(tokens))
    if _is_boundary(bad):
        start = _statement_start(tokens[:index], bad.start_pos, floor)
        if start < bad.start_pos:
            return start, bad.start_pos
    line_start = text.rfind("\n", 0, bad.start_pos) + 1
    start = _statement_start(tokens[:index], bad.start_pos, max(line_start, floor))
    line_end = text.find("\n", bad.end_pos)
    end = len(text) if line_end < 0 else line_end
    for token in tokens[index + 1:]:
        if _is_boundary(token):
            end = min(end, token.start_pos)
            break
    return start, max(end, bad.end_pos)


def _statement_start(before: list[Token], start: int, limit: int) -> int:
    """Where the statement that ends just before `start` began, but not before `limit`."""
    for token in reversed(before):
        if token.type in ("LBRACE", "RBRACE", "SEMICOLON") or token.start_pos < limit:
            break
        start = token.start_pos
        if token.type in STATEMENT_TOKENS:
            break
    return start


def _is_boundary(token: Token) -> bool:
    return token.type in STATEMENT_TOKENS or token.type in ("LBRACE", "RBRACE", "SEMICOLON")


def _unexpected_character(source: Source, text: str, pos: int) -> Diagnostic:
    char = text[pos]
    if char == '"':  # a string that never closes: the lexer cannot match it at all
        return Diagnostic("E004", Span(source, pos, pos + 1))
    hint_en = hint_zh = ""
    if char in "“”":
        hint_en = 'write strings in ASCII quotes "..."; “ ” may only appear inside a name'
        hint_zh = '字符串请用英文引号 "..."；中文引号 “ ” 只能出现在名称中'
    elif char in "。":
        hint_en, hint_zh = "end a statement with a new line or `;`", "语句以换行或 `;` 结束"
    return Diagnostic("E001", Span(source, pos, pos + 1),
                      {"char": char, "hint_en": hint_en, "hint_zh": hint_zh})


def _unexpected_end(source: Source, expected) -> Diagnostic:
    end = len(source.text)
    start = max(0, end - 1)
    return Diagnostic("E003", Span(source, start, end), {
        "expected": _expected(expected), "expected_zh": _expected(expected, "zh")})


def _unexpected_token(source: Source, token: Token, expected) -> Diagnostic:
    if token.type == "STRING" and not token.value.endswith('"') or token.value == '"':
        return Diagnostic("E004", Span(source, token.start_pos, token.start_pos + 1))
    found = describe_token_type(token.type)
    found_zh = describe_token_type(token.type, "zh")
    if token.type in ("NAME", "NUMBER", "PERCENT", "STRING"):
        found = found_zh = f"`{token.value}`"
    elif token.type in TOKEN_OF.values() or token.type == "FUNCTION":
        found, found_zh = f"keyword `{token.value}`", f"关键字 `{token.value}`"
    hint_en = hint_zh = ""
    if token.type == "NAME" and any(token.value.startswith(k) for k in TOKEN_OF if len(k) > 1):
        keyword = next(k for k in sorted(TOKEN_OF, key=len, reverse=True) if token.value.startswith(k))
        hint_en = f"put a space after the keyword `{keyword}`"
        hint_zh = f"关键字 `{keyword}` 后面需要空格"
    return Diagnostic("E002", Span(source, token.start_pos, max(token.end_pos, token.start_pos + 1)),
                      {"expected": _expected(expected), "found": found,
                       "expected_zh": _expected(expected, "zh"), "found_zh": found_zh,
                       "hint_en": hint_en, "hint_zh": hint_zh})


def _expected(expected, lang: str = "en") -> str:
    # A closing brace first: after an unfinished block it is what was most likely meant.
    names = sorted({describe_token_type(t, lang) for t in expected}, key=lambda n: (n != "`}`", n))
    if len(names) > 6:
        names = names[:6] + ["…"]
    separator = "、" if lang == "zh" else ", "
    return separator.join(names) if names else ("其他内容" if lang == "zh" else "something else")


# --- Lark tree → syntax tree ------------------------------------------------------------------

def _unquote(token: Token) -> str:
    body = token.value[1:-1]
    body = re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), body)
    return _join_lines(body)


def _join_lines(text: str) -> str:
    """A string typed over several lines reads as one paragraph: CJK lines join without a space."""
    parts = [p.strip() for p in text.split("\n")]
    if len(parts) == 1:
        return text
    out = parts[0]
    for part in parts[1:]:
        if not part:
            continue
        cjk = (out and ord(out[-1]) > 0x2E80) or ord(part[0]) > 0x2E80
        out += part if cjk or not out else " " + part
    return out


@v_args(meta=True)
class _ToSyntax(Transformer_NonRecursive):
    """Lark's parse tree → `perfdsl.language.syntax`; each method is named for the grammar rule it
    reads. Non-recursive: the tree may nest as deep as the text does, before the limits are
    checked."""

    def __init__(self, source: Source):
        super().__init__()
        self.source = source

    def _span(self, meta) -> Span:
        if getattr(meta, "empty", True):
            return Span(self.source, 0, 0)
        return Span(self.source, meta.start_pos, meta.end_pos)

    def _tspan(self, token: Token) -> Span:
        return Span(self.source, token.start_pos, token.end_pos)

    # Top level
    def start(self, meta, children):
        statements = tuple(c for c in children if not isinstance(c, Token))
        return s.Rubric(source=self.source, statements=statements,
                        span=Span(self.source, 0, len(self.source.text)))

    def name(self, meta, children):
        token = children[0]
        text = _unquote(token) if token.type == "STRING" else token.value
        return s.Name(text=text, span=self._tspan(token))

    def rubric_title(self, meta, children):
        return s.Title(text=children[1].text, span=self._span(meta))

    def year(self, meta, children):
        return s.Year(value=Decimal(children[1].value), span=self._span(meta))

    def total(self, meta, children):
        return s.Total(value=children[1], span=self._span(meta))

    def grades(self, meta, children):
        rows = tuple(c for c in children if isinstance(c, s.GradeRow))
        return s.Grades(rows=rows, span=self._span(meta))

    def grade_row(self, meta, children):
        bound = None
        if len(children) == 3:
            bound = s.Bound(op=children[1], value=children[2], span=self._span(meta))
        return s.GradeRow(name=children[0], bound=bound, span=self._span(meta))

    def scale(self, meta, children):
        rows = tuple(c for c in children if isinstance(c, s.ScaleRow))
        return s.Scale(name=children[1], rows=rows, span=self._span(meta))

    def scale_interval(self, meta, children):
        exprs = [c for c in children if not isinstance(c, (Token, s.Name))]
        closed = self._closedness(meta)
        return s.ScaleRow(name=children[0], low=exprs[0], high=exprs[1], span=self._span(meta),
                          low_closed=closed[0], high_closed=closed[1])

    def _closedness(self, meta) -> tuple[bool, bool]:
        """Whether an interval written `[a, b)` includes its ends: read from its brackets."""
        text = self.source.text[meta.start_pos:meta.end_pos].translate(FULL_WIDTH).rstrip()
        opening = text[text.find("=") + 1:].lstrip()[:1] if "=" in text else text[:1]
        return opening == "[", text[-1:] == "]"

    def scale_row(self, meta, children):
        exprs = [c for c in children if not isinstance(c, (Token, s.Name))]
        return s.ScaleRow(name=children[0], low=exprs[0], high=exprs[1] if len(exprs) > 1 else None,
                          span=self._span(meta))

    # Inputs and derived values
    def input(self, meta, children):
        name, type_ = children[1], children[2]
        fields = {"label": None, "default": None, "bounds": (), "description": None}
        for option in children[3:]:
            if isinstance(option, s.Text):
                key, value = "description", option.text
            else:
                key, value = option
            fields[key] = value
        return s.Input(name=name, type=type_, span=self._span(meta), **fields)

    def unit(self, meta, children):
        names = [c.value for c in children if isinstance(c, Token) and c.type == "NAME"]
        return s.Name(text="/".join(names), span=self._span(meta))

    def _type(self, kind, meta, children):
        argument = next((c for c in children if isinstance(c, s.Name)), None)
        if argument is None:
            token = next((c for c in children[1:] if isinstance(c, Token) and c.type == "NAME"), None)
            if token is not None:
                argument = s.Name(text=token.value, span=self._tspan(token))
        return s.TypeSpec(kind=kind, argument=argument, span=self._span(meta))

    def money_type(self, meta, children):
        return self._type("money", meta, children)

    def count_type(self, meta, children):
        return self._type("count", meta, children)

    def percent_type(self, meta, children):
        return self._type("percent", meta, children)

    def ratio_type(self, meta, children):
        return self._type("ratio", meta, children)

    def number_type(self, meta, children):
        return self._type("number", meta, children)

    def bool_type(self, meta, children):
        return self._type("bool", meta, children)

    def level_type(self, meta, children):
        return self._type("level", meta, children)

    def text_type(self, meta, children):
        return self._type("text", meta, children)

    def label(self, meta, children):
        return ("label", _unquote(children[1]))

    def default(self, meta, children):
        return ("default", children[1])

    def range(self, meta, children):
        return ("bounds", tuple(c for c in children if isinstance(c, s.Bound)))

    def range_between(self, meta, children):
        low, high = children[1], children[3]
        return ("bounds", (s.Bound(op=">=", value=low, span=self._span(meta)),
                           s.Bound(op="<=", value=high, span=self._span(meta))))

    def range_bound(self, meta, children):
        return s.Bound(op=children[0], value=children[1], span=self._span(meta))

    def let(self, meta, children):
        label = children[4][1] if len(children) > 4 else None
        return s.Let(name=children[1], value=children[3], label=label, span=self._span(meta))

    # Groups and indicators
    def group(self, meta, children):
        name = children[1]
        blocks = (s.Group, s.Indicator, s.OrphanBlock, s.OneOf)
        clauses = tuple(c for c in children[2:] if not isinstance(c, (Token, *blocks)))
        kids = tuple(c for c in children[2:] if isinstance(c, blocks))
        return s.Group(name=name, clauses=clauses, children=kids, span=self._span(meta))

    def orphan_block(self, meta, children):
        items = tuple(c for c in children if not isinstance(c, Token))
        return s.OrphanBlock(items=items, span=self._span(meta))

    def indicator(self, meta, children):
        clauses = tuple(c for c in children[2:] if not isinstance(c, Token))
        return s.Indicator(name=children[1], clauses=clauses, span=self._span(meta))

    def weight(self, meta, children):
        return s.Weight(kind="weight", value=children[1], span=self._span(meta))

    def reference(self, meta, children):
        return s.Weight(kind="reference", value=children[1], span=self._span(meta))

    def description(self, meta, children):
        return s.Text(kind="description", text=_unquote(children[1]), span=self._span(meta))

    def standard(self, meta, children):
        return s.Text(kind="standard", text=_unquote(children[1]), span=self._span(meta))

    def explain(self, meta, children):
        # A template keeps its line breaks: they are the template's, not the author's wrapping.
        token = children[1]
        return s.Text(kind="explain", text=token.value[1:-1].replace('\\"', '"'),
                      span=self._tspan(token))

    def value(self, meta, children):
        return s.ValueClause(expr=children[1], span=self._span(meta))

    def fallback(self, meta, children):
        return s.Fallback(score=children[1], span=self._span(meta))

    def monotone(self, meta, children):
        return s.Monotone(direction=children[1].type.lower(), name=children[2],
                          span=self._span(meta))

    def score(self, meta, children):
        return s.ScoreClause(rule=children[1], span=self._span(meta))

    # Scoring rules
    def full_if(self, meta, children):
        return s.FullIf(condition=children[-1], span=self._span(meta))

    def proportional(self, meta, children):
        return s.Proportional(rate=children[1], span=self._span(meta))

    def bands(self, meta, children):
        rows = tuple(c for c in children[2:] if isinstance(c, s.BandRow))
        return s.Bands(subject=children[1], rows=rows, span=self._span(meta))

    def band_row(self, meta, children):
        condition, score = children[0], children[-1]
        return attrs.evolve(condition, score=score[0], points=score[1], span=self._span(meta))

    def band_compare(self, meta, children):
        return s.BandRow(kind="compare", op=children[0], low=children[1], span=self._span(meta))

    def band_interval(self, meta, children):
        exprs = [c for c in children if not isinstance(c, Token)]
        low_closed, high_closed = self._closedness(meta)
        return s.BandRow(kind="interval", low=exprs[0], high=exprs[1], low_closed=low_closed,
                         high_closed=high_closed, span=self._span(meta))

    def band_else(self, meta, children):
        return s.BandRow(kind="else", span=self._span(meta))

    def band_full(self, meta, children):
        return (None, False)

    def band_points(self, meta, children):
        return (children[0], len(children) > 1)

    def stepwise(self, meta, children):
        subject, direction, threshold = children[1], children[2].type.lower(), children[3]
        points = step = None
        pending = None
        for child in children[4:]:
            if isinstance(child, Token):
                if child.type in ("DEDUCT", "PER"):
                    pending = child.type
                continue
            if isinstance(child, str):
                mode = child
            elif pending == "DEDUCT":
                points = child
            elif pending == "PER":
                step = child
        return s.Stepwise(subject=subject, direction=direction, threshold=threshold, step=step,
                          points=points, mode=mode, span=self._span(meta))

    def step_mode(self, meta, children):
        return children[0].type.lower()

    def findings(self, meta, children):
        exprs = [c for c in children if not isinstance(c, Token)]
        return s.Findings(count=exprs[0], points=exprs[1], span=self._span(meta))

    def deductions(self, meta, children):
        rows = tuple(c for c in children if isinstance(c, s.DeductionRow))
        return s.Deductions(rows=rows, span=self._span(meta))

    def deduction_row(self, meta, children):
        exprs = [c for c in children if not isinstance(c, Token)]
        reason = next((_unquote(c) for c in children if isinstance(c, Token) and c.type == "STRING"),
                      None)
        return s.DeductionRow(condition=exprs[0], points=exprs[1], reason=reason,
                              span=self._span(meta))

    def levels(self, meta, children):
        return s.Levels(subject=children[1], span=self._span(meta))

    def judged(self, meta, children):
        return s.Judged(score=children[1], level=children[3], span=self._span(meta))

    def checklist(self, meta, children):
        items = tuple(c for c in children if isinstance(c, s.ChecklistItem))
        return s.Checklist(items=items, span=self._span(meta))

    def checklist_row(self, meta, children):
        exprs = [c for c in children if not isinstance(c, Token)]
        label = next((_unquote(c) for c in children if isinstance(c, Token) and c.type == "STRING"),
                     None)
        return s.ChecklistItem(condition=exprs[0], points=exprs[1], label=label,
                               span=self._span(meta))

    def target(self, meta, children):
        options = {}
        for option in children[4:]:
            key, value = option
            options[key] = value
        return s.Target(actual=children[1], op=children[2], target=children[3],
                        span=self._span(meta), **options)

    def over_ok(self, meta, children):
        return ("over_ok", True)

    def overshoot(self, meta, children):
        exprs = [c for c in children if not isinstance(c, Token)]
        op, ratio, points = exprs[0], exprs[1], exprs[2]
        unless = exprs[3] if len(exprs) > 3 else None
        return ("overshoot", s.Overshoot(op=op, ratio=ratio, points=points, unless=unless,
                                         span=self._span(meta)))

    def decay(self, meta, children):
        exprs = [c for c in children if not isinstance(c, Token)]
        return s.Decay(actual=exprs[0], target=exprs[1],
                       factor=exprs[2] if len(exprs) > 2 else None, span=self._span(meta))

    # Building on a template
    def extends(self, meta, children):
        token = children[1]
        return s.Extends(path=_unquote(token), path_span=self._tspan(token),
                         span=self._span(meta))

    def override(self, meta, children):
        blocks = (s.Group, s.Indicator, s.OrphanBlock, s.OneOf)
        items = [c for c in children[2:] if not isinstance(c, Token)]
        return s.Override(name=children[1],
                          clauses=tuple(c for c in items if not isinstance(c, blocks)),
                          children=tuple(c for c in items if isinstance(c, blocks)),
                          span=self._span(meta))

    def remove(self, meta, children):
        return s.Remove(names=tuple(c for c in children if isinstance(c, s.Name)),
                        span=self._span(meta))

    def not_applicable(self, meta, children):
        reason = next((_unquote(c) for c in children
                       if isinstance(c, Token) and c.type == "STRING"), None)
        return s.NotApplicable(names=tuple(c for c in children if isinstance(c, s.Name)),
                               reason=reason, span=self._span(meta))

    def rescale(self, meta, children):
        return s.Rescale(scope=children[2].type.lower(), span=self._span(meta))

    def choose(self, meta, children):
        return s.Choose(names=tuple(c for c in children if isinstance(c, s.Name)),
                        span=self._span(meta))

    def one_of(self, meta, children):
        return s.OneOf(children=tuple(c for c in children if not isinstance(c, Token)),
                       span=self._span(meta))

    def pool(self, meta, children):
        return s.Pool(span=self._span(meta))
    # Targets, checks, policy basis, layout
    def goal(self, meta, children):
        return s.Goal(op=children[1], value=children[2], text=None, span=self._span(meta))

    def goal_qualitative(self, meta, children):
        return s.Goal(op="qualitative", value=None, text=_unquote(children[2]),
                      span=self._span(meta))

    def check(self, meta, children):
        exprs = [c for c in children if not isinstance(c, (Token, tuple))]
        condition, expr = (exprs[0], exprs[1]) if len(exprs) == 2 else (None, exprs[0])
        return self._check(meta, children, condition, expr)

    def check_if(self, meta, children):
        exprs = [c for c in children if not isinstance(c, (Token, tuple))]
        return self._check(meta, children, exprs[0], exprs[1])

    def _check(self, meta, children, condition, expr):
        options = dict(c for c in children if isinstance(c, tuple))
        return s.Check(condition=condition, expr=expr, tolerance=options.get("tolerance"),
                       label=options.get("label"), span=self._span(meta))

    def tolerance(self, meta, children):
        return ("tolerance", children[1])

    def target_declared(self, meta, children):
        return s.Target(actual=None, op=None, target=None, span=self._span(meta))

    def basis(self, meta, children):
        return s.Basis(text=_unquote(children[1]), span=self._span(meta))

    def layout(self, meta, children):
        return s.Layout(name=children[1], span=self._span(meta))

    def target_op(self, meta, children):
        return _OPERATORS[children[0].type]

    def formula(self, meta, children):
        return s.Formula(expr=children[1], span=self._span(meta))

    # Expressions
    def cmp_op(self, meta, children):
        return _OPERATORS[children[0].type]

    add_op = mul_op = cmp_op

    def number(self, meta, children):
        return s.Number(value=Decimal(children[0].value), percent=False, span=self._span(meta))

    def percent(self, meta, children):
        digits = children[0].value.rstrip("% \t")
        try:
            value = Decimal(digits) / 100
        except InvalidOperation:  # the grammar's regex admits only digits; kept for safety
            value = Decimal(0)
        return s.Number(value=value, percent=True, span=self._span(meta))

    def true(self, meta, children):
        return s.Boolean(value=True, span=self._span(meta))

    def false(self, meta, children):
        return s.Boolean(value=False, span=self._span(meta))

    def reference_to(self, meta, children):
        return s.Ref(name=children[0].text, span=children[0].span)

    def call(self, meta, children):
        function = FUNCTIONS[children[0].value]
        args = tuple(c for c in children[1:] if not isinstance(c, Token))
        return s.Call(function=function, args=args, span=self._span(meta))

    def negate(self, meta, children):
        return s.Negate(operand=children[1], span=self._span(meta))

    def binary(self, meta, children):
        return s.Binary(op=children[1], left=children[0], right=children[2], span=self._span(meta))

    def compare(self, meta, children):
        return s.Compare(op=children[1], left=children[0], right=children[2], span=self._span(meta))

    def or_op(self, meta, children):
        return s.Logical(op="or", left=children[0], right=children[2], span=self._span(meta))

    def and_op(self, meta, children):
        return s.Logical(op="and", left=children[0], right=children[2], span=self._span(meta))

    def not_op(self, meta, children):
        return s.Not(operand=children[1], span=self._span(meta))

    def conditional(self, meta, children):
        exprs = [c for c in children if not isinstance(c, Token)]
        return s.Conditional(condition=exprs[0], then=exprs[1], otherwise=exprs[2],
                             span=self._span(meta))


_OPERATORS = {"LT": "<", "GT": ">", "LE": "<=", "GE": ">=", "EQ": "=", "NE": "!=",
              "PLUS": "+", "MINUS": "-", "STAR": "*", "SLASH": "/"}
