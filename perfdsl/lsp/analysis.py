"""One open document, analysed: its diagnostics, its syntax tree and its symbol index.

Expects the text an editor holds (any text: half-typed, broken, huge). Guarantees an `Analysis`
and never raises: the compiler's diagnostics come from `perfdsl.compiler.diagnose`, exactly what
`perfdsl compile` reports; the symbol index is built from the syntax tree, which the parser
produces even after syntax errors, so a file with mistakes still has hover, completion and an
outline. Should a pass fail — a bug in perfdsl — the failure is kept in `failure` for the
server to log, and the rest of the analysis stands.
"""

from __future__ import annotations

import traceback

import attrs

from perfdsl.diagnostics import Diagnostic
from perfdsl.language import syntax as s
from perfdsl.language.source import Source, Span
from perfdsl.lsp.positions import LineIndex
from perfdsl.tools import symbols


@attrs.frozen(eq=False)
class Analysis:
    uri: str
    version: int | None
    source: Source
    lines: LineIndex
    tree: s.Rubric | None
    index: symbols.Index
    diagnostics: tuple[Diagnostic, ...]
    failure: str | None = None  # the traceback of a pass that failed: a bug to report

    @property
    def text(self) -> str:
        return self.source.text

    def range_of(self, span: Span) -> tuple[tuple[int, int], tuple[int, int]]:
        """The LSP start and end positions of a span of this document."""
        return self.lines.position(span.start), self.lines.position(max(span.end, span.start))


def analyse(uri: str, text: str, *, name: str, version: int | None = None,
            encoding: str = "utf-16") -> Analysis:
    """Analyse one document; `name` is how diagnostics name the file (its path)."""
    from perfdsl.compiler import diagnose
    from perfdsl.language.parse import parse

    source = Source(name, text)
    failures = []
    diagnostics: list[Diagnostic] = []
    tree = None
    try:
        _, diagnostics = diagnose(source)
    except Exception:  # noqa: BLE001 - a bug in perfdsl must not stop the editor's server
        failures.append(traceback.format_exc())
    try:
        # The compiler keeps its tree to itself; parsing again costs a few milliseconds.
        tree, _ = parse(source)
    except Exception:  # noqa: BLE001
        failures.append(traceback.format_exc())
    try:
        index = symbols.build(tree)
    except Exception:  # noqa: BLE001
        failures.append(traceback.format_exc())
        index = symbols.build(None)
    return Analysis(uri=uri, version=version, source=source, lines=LineIndex(text, encoding),
                    tree=tree, index=index, diagnostics=tuple(diagnostics),
                    failure="\n".join(failures) or None)
