"""One open document, analysed: its diagnostics, the files it builds on, its syntax tree, a
model and its symbol index.

Expects the text an editor holds (any text: half-typed, broken, huge), the path it is saved at,
and how to read another file (`read(path)`: the editor's unsaved text of an open file, else the
disk). Guarantees an `Analysis` and never raises. The compiler's diagnostics come from
`perfdsl.compiler.check`, exactly what `perfdsl compile` reports, for this file and for the
templates it builds on (`基于 "…"`), each read once through `read`; `reads` records what was
read, so the server knows when a template's change makes the analysis stale.

The symbol index is built from the syntax trees of the whole chain, which the parser produces
even after syntax errors, so a file with mistakes still has hover, completion and an outline —
also one that ends in the middle of a statement, as a file does while it is typed (its tree is
recovered from a repaired copy, and so is a model, when the compiler had none). The model is
the compiler's, partial when the rubric has errors: hover reads weights and rules from it.
Should a pass fail — a bug in perfdsl — the failure is kept in `failure` for the server to log,
and the rest of the analysis stands.
"""

from __future__ import annotations

import bisect
import os
import traceback
from collections.abc import Callable

import attrs
from lsprotocol import types as t
from pygls.uris import from_fs_path

from perfdsl.diagnostics import Diagnostic
from perfdsl.language import syntax as s
from perfdsl.language.keywords import STATEMENT_TOKENS
from perfdsl.language.source import Source, Span
from perfdsl.lsp.positions import LineIndex
from perfdsl.tools import highlight, symbols

Reader = Callable[[str], str]


@attrs.frozen(eq=False)
class File:
    """One file of the chain: a template this document builds on, or the document itself."""

    path: str  # absolute and normal, as the loader names it
    source: Source
    tree: s.Rubric | None  # None only when not even a repaired copy parses
    extends: s.Extends | None  # its `基于 "…"`, naming the next file down the chain
    lines: LineIndex


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
    files: tuple[File, ...] = ()  # the chain, the base template first, this document last
    model: object = None  # checks.model.Rubric of the composed rubric, partial on errors
    reads: tuple[tuple[str, str], ...] = ()  # (path, text) of every file read to analyse it
    uri_of: Callable[[str], str] = from_fs_path  # the URI an editor knows a path by
    _lexeme_starts: list[int] = attrs.field(init=False, repr=False)
    _by_source: dict = attrs.field(init=False, repr=False)
    _nodes: dict = attrs.field(init=False, repr=False, factory=dict)  # made on first use

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_lexeme_starts", [lx.start for lx in self.lexemes])
        object.__setattr__(self, "_by_source", {f.source: f for f in self.files})

    @property
    def text(self) -> str:
        return self.source.text

    @property
    def path(self) -> str:
        return self.files[-1].path if self.files else self.source.name

    @property
    def templates(self) -> tuple[File, ...]:
        """The files this document builds on, the nearest first."""
        return tuple(reversed(self.files[:-1]))

    def model_node(self, kind: str, name: str):
        """The model's indicator or group of a name (`kind`), or one that does not apply to
        this unit (`excluded`), or None: from tables made once per analysis."""
        if not self._nodes and self.model is not None:
            nodes = self._nodes
            nodes.update({("indicator", i.name): i for i in self.model.indicators})
            stack = list(self.model.groups)
            excluded = list(getattr(self.model, "excluded", ()))
            while stack:
                node = stack.pop()
                if hasattr(node, "children"):
                    nodes[("group", node.name)] = node
                    excluded.extend(node.excluded)
                    stack.extend(node.children)
            nodes.update({("excluded", e.name): e for e in excluded})
        return self._nodes.get((kind, name))

    def file_of(self, source: Source) -> File | None:
        return self._by_source.get(source)

    def offset(self, position: t.Position) -> int:
        """The character offset of a client's position."""
        return self.lines.offset(position.line, position.character)

    def range(self, span: Span | None) -> t.Range:
        """The client's range of a span, in the file it is in (the start of this document for
        None)."""
        if span is None:
            return t.Range(start=t.Position(line=0, character=0),
                           end=t.Position(line=0, character=0))
        lines = self.lines
        if span.source is not self.source:
            found = self.file_of(span.source)
            lines = found.lines if found is not None else LineIndex(span.source.text,
                                                                    self.lines.encoding)
        start = lines.position(span.start)
        end = lines.position(max(span.end, span.start))
        return t.Range(start=t.Position(line=start[0], character=start[1]),
                       end=t.Position(line=end[0], character=end[1]))

    def uri_of_source(self, source: Source) -> str:
        """The URI of the file a source was read from: this document, or a template."""
        if source is self.source:
            return self.uri
        found = self.file_of(source)
        return self.uri_of(found.path if found is not None else source.name) or ""

    def location(self, span: Span) -> t.Location:
        """Where a span is: this document, or a template it builds on."""
        return t.Location(uri=self.uri_of_source(span.source), range=self.range(span))

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

    def extends(self) -> s.Extends | None:
        """This document's `基于 "…"`, if it builds on a template."""
        return self.files[-1].extends if self.files else None

    def lost(self, name: str) -> File | None:
        """A file of the chain where a statement the parser had to skip mentions `name`."""
        return next((f for f in self.files if f.tree is not None and name in f.tree.lost_names),
                    None)


_OPEN, _CLOSE = frozenset("{｛"), frozenset("}｝")
_TRIES = 3  # unfinished statements dropped, at most, before giving up on a tree


def _unfinished(source: Source, lexemes, parse) -> tuple[s.Rubric | None, str]:
    """The syntax tree of a text that ends in the middle of a statement, as it does while typed,
    and the repaired text it was parsed from.

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
        repaired = kept + "\n" + "}" * max(depth, 0)
        tree, _ = parse(Source(source.name, repaired))
        if tree is not None:
            return tree, repaired
    return None, text


def analyse(uri: str, text: str, *, name: str, version: int | None = None,
            encoding: str = "utf-16", read: Reader | None = None, root: str | None = None,
            uri_of: Callable[[str], str] | None = None) -> Analysis:
    """Analyse one document; `name` is its path (how diagnostics name it, and where the
    templates it builds on are found), `read` how to read them (default: the disk), `root` the
    folder they must be in (default: the document's, as for `perfdsl compile`)."""
    from perfdsl.compiler import check
    from perfdsl.language.load import read_file
    from perfdsl.language.parse import parse

    source = Source(name, text)
    reader = read or read_file
    reads: dict[str, str] = {}

    def recording(path: str) -> str:
        try:
            found = reader(path)
        except (OSError, UnicodeDecodeError):
            reads[path] = ""  # a file that appears later makes the analysis stale
            raise
        reads[path] = found
        return found

    failures = []
    diagnostics: list[Diagnostic] = []
    lexemes = tuple(highlight.scan(text))
    files: list[File] = []
    model = None
    try:
        checked = check(source, read=recording, root=root)
        diagnostics = checked.diagnostics
        model = checked.model
        chain = [(f.path, f.source, f.tree, f.extends) for f in checked.loaded.files]
        if chain[-1][2] is None:  # cut short while typed: the chain and a model of a repair
            tree, repaired = _unfinished(source, lexemes, parse)
            if tree is not None:
                again = check(Source(name, repaired), read=recording, root=root)
                model = again.model
                *templates, last = again.loaded.files
                chain = [(f.path, f.source, f.tree, f.extends) for f in templates]
                chain.append((last.path, source, tree, last.extends))
        for path, file_source, tree, extends in chain:
            if tree is None:  # a template cut short: its names, from a repair
                tree, _ = _unfinished(file_source, tuple(highlight.scan(file_source.text)),
                                      parse)
            files.append(File(path=path, source=file_source, tree=tree, extends=extends,
                              lines=LineIndex(file_source.text, encoding)))
    except Exception:  # noqa: BLE001 - a bug in perfdsl must not stop the editor's server
        failures.append(traceback.format_exc())
    if not files or files[-1].source is not source:
        files = [File(path=os.path.normpath(os.path.abspath(name)), source=source, tree=None,
                      extends=None, lines=LineIndex(text, encoding))]
        try:
            tree, _ = parse(source)
            if tree is None:
                tree, _ = _unfinished(source, lexemes, parse)
            files[0] = attrs.evolve(files[0], tree=tree)
        except Exception:  # noqa: BLE001
            failures.append(traceback.format_exc())
    try:
        index = symbols.build(files[-1].tree, source,
                              templates=[(f.tree, f.source) for f in files[:-1]])
    except Exception:  # noqa: BLE001
        failures.append(traceback.format_exc())
        index = symbols.build(None)
    return Analysis(uri=uri, version=version, source=source, lines=files[-1].lines,
                    tree=files[-1].tree, index=index, diagnostics=tuple(diagnostics),
                    lexemes=lexemes, language=highlight.language_of(text, lexemes),
                    failure="\n".join(failures) or None, files=tuple(files), model=model,
                    reads=tuple(reads.items()), uri_of=uri_of or from_fs_path)
