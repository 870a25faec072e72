"""One open document, analysed: its diagnostics, its syntax tree and its symbol index.

Expects the text an editor holds (any text: half-typed, broken, huge). Guarantees an `Analysis`
and never raises: the compiler's diagnostics come from `perfdsl.compiler.diagnose`, exactly what
`perfdsl compile` reports; the symbol index is built from the syntax tree, which the parser
produces even after syntax errors, so a file with mistakes still has hover, completion and an
outline — also one that ends in the middle of a statement, as a file does while it is typed.
Should a pass fail — a bug in perfdsl — the failure is kept in `failure` for the
server to log, and the rest of the analysis stands.
"""

from __future__ import annotations

import bisect
import traceback

import attrs
from lsprotocol import types as t
from pygls.uris import from_fs_path

from perfdsl.diagnostics import Diagnostic
from perfdsl.language import syntax as s
from perfdsl.language.keywords import STATEMENT_TOKENS
from perfdsl.language.source import Source, Span
from perfdsl.lsp.positions import LineIndex
from perfdsl.tools import highlight, symbols


@attrs.frozen(eq=False)
class Analysis:
    uri: str
    version: int | None
    source: Source
    lines: LineIndex
    tree: s.Rubric | None
    index: symbols.Index
    diagnostics: tuple[Diagnostic, ...]
    lexemes: tuple[highlight.Lexeme, ...]  # the text cut by the shared scanner
    language: str | None  # the language of the file's keywords: zh, en, or None (no keyword)
    failure: str | None = None  # the traceback of a pass that failed: a bug to report
    _lexeme_starts: list[int] = attrs.field(init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_lexeme_starts", [lx.start for lx in self.lexemes])

    @property
    def text(self) -> str:
        return self.source.text

    def offset(self, position: t.Position) -> int:
        """The character offset of a client's position."""
        return self.lines.offset(position.line, position.character)

    def range(self, span: Span | None) -> t.Range:
        """The client's range of a span of this document (the start of the file for None)."""
        if span is None:
            return t.Range(start=t.Position(line=0, character=0),
                           end=t.Position(line=0, character=0))
        start = self.lines.position(span.start)
        end = self.lines.position(max(span.end, span.start))
        return t.Range(start=t.Position(line=start[0], character=start[1]),
                       end=t.Position(line=end[0], character=end[1]))

    def location(self, span: Span) -> t.Location:
        """Where a span is: this document, or (a template's span) the file its source names."""
        uri = self.uri if span.source is self.source else from_fs_path(span.source.name) or ""
        return t.Location(uri=uri, range=self.range(span))

    def lexeme_before(self, offset: int) -> highlight.Lexeme | None:
        """The lexeme holding the character just before a cursor at `offset`."""
        i = bisect.bisect_right(self._lexeme_starts, offset - 1) - 1
        return self.lexemes[i] if 0 <= i < len(self.lexemes) and offset > 0 else None

    def lexeme_at(self, offset: int) -> highlight.Lexeme | None:
        """The word, number, string… under a cursor at `offset` (not whitespace)."""
        i = bisect.bisect_right(self._lexeme_starts, offset) - 1
        for j in (i, i - 1):
            if 0 <= j < len(self.lexemes):
                lexeme = self.lexemes[j]
                if lexeme.start <= offset <= lexeme.end and lexeme.category != "whitespace":
                    return lexeme
        return None


_OPEN, _CLOSE = frozenset("{｛"), frozenset("}｝")
_TRIES = 3  # unfinished statements dropped, at most, before giving up on a tree


def _unfinished(source: Source, lexemes, parse) -> s.Rubric | None:
    """The syntax tree of a text that ends in the middle of a statement, as it does while typed.

    The parser gives no tree when the text ends too soon (E003): a block still open, a formula
    cut short. Closing the open blocks at the end, and failing that dropping the unfinished
    statements at the end one by one (blanked, so no offset moves), recovers everything before
    them. The tree's spans point into the repaired copy; the symbol index re-points them.
    """
    text = source.text
    starts = [lx.start for lx in lexemes
              if lx.category == "keyword" and lx.detail in STATEMENT_TOKENS]
    for cut in [len(text), *reversed(starts[-_TRIES:])]:
        kept = text[:cut] + "".join(ch if ch == "\n" else " " for ch in text[cut:])
        depth = 0
        for lexeme in lexemes:
            if lexeme.start >= cut:
                break
            if lexeme.category == "punctuation":
                char = text[lexeme.start]
                depth += (char in _OPEN) - (char in _CLOSE)
        tree, _ = parse(Source(source.name, kept + "\n" + "}" * max(depth, 0)))
        if tree is not None:
            return tree
    return None


def analyse(uri: str, text: str, *, name: str, version: int | None = None,
            encoding: str = "utf-16") -> Analysis:
    """Analyse one document; `name` is how diagnostics name the file (its path)."""
    from perfdsl.compiler import diagnose
    from perfdsl.language.parse import parse

    source = Source(name, text)
    failures = []
    diagnostics: list[Diagnostic] = []
    tree = None
    lexemes = tuple(highlight.scan(text))
    try:
        _, diagnostics = diagnose(source)
    except Exception:  # noqa: BLE001 - a bug in perfdsl must not stop the editor's server
        failures.append(traceback.format_exc())
    try:
        # The compiler keeps its tree to itself; parsing again costs a few milliseconds.
        tree, _ = parse(source)
        if tree is None:
            tree = _unfinished(source, lexemes, parse)
    except Exception:  # noqa: BLE001
        failures.append(traceback.format_exc())
    try:
        index = symbols.build(tree, source)
    except Exception:  # noqa: BLE001
        failures.append(traceback.format_exc())
        index = symbols.build(None)
    return Analysis(uri=uri, version=version, source=source, lines=LineIndex(text, encoding),
                    tree=tree, index=index, diagnostics=tuple(diagnostics), lexemes=lexemes,
                    language=highlight.language_of(text, lexemes),
                    failure="\n".join(failures) or None)
