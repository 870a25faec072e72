"""One error model for everything a user can get wrong.

A `Diagnostic` is a stable code, a severity, a span and the facts of the case (`args`). Its
message and hint come from the catalogue in `perfdsl.messages`, in English or Chinese, so the
same diagnostic renders in either language and the codes stay stable while wording improves.
`render` is the one place that lays a diagnostic out like a compiler: file:line:col, the source
line, a caret under the span (counting CJK characters as two cells), and the hint.
"""

from __future__ import annotations

import difflib
import json
import os
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from perfdsl.messages import CATALOGUE, Severity
from perfdsl.language.source import Span, cell_width
from perfdsl.untrusted import visible


@attrs.frozen
class Diagnostic:
    """A problem in a rubric or a data file, with where it is and what to do about it."""

    code: str
    span: Span | None
    args: Mapping[str, Any] = attrs.field(factory=dict)
    severity: Severity = attrs.field()

    @severity.default
    def _default_severity(self) -> Severity:
        return CATALOGUE[self.code].severity

    def message(self, lang: str = "en") -> str:
        return CATALOGUE[self.code].message(lang, self.args)

    def hint(self, lang: str = "en") -> str | None:
        return CATALOGUE[self.code].hint(lang, self.args)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def to_json(self, lang: str = "en") -> dict[str, Any]:
        out: dict[str, Any] = {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message(lang),
            "hint": self.hint(lang),
        }
        if self.span is not None:
            end_line, end_col = self.span.source.line_col(self.span.end)
            out.update(file=self.span.source.name, line=self.span.line, column=self.span.column,
                       end_line=end_line, end_column=end_col)
        return out

    def __str__(self) -> str:
        return render(self)


class PerfdslError(Exception):
    """Base of the errors perfdsl raises for bad input; each carries its diagnostics."""

    def __init__(self, diagnostics: Iterable[Diagnostic]):
        self.diagnostics: tuple[Diagnostic, ...] = tuple(diagnostics)
        super().__init__(render_all(self.diagnostics))

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.is_error)


class CompileError(PerfdslError):
    """The rubric has errors; `diagnostics` lists all of them."""


class DataError(PerfdslError):
    """The data file cannot be read at all (not YAML/JSON, or not a mapping)."""


class InternalError(Exception):
    """A bug in perfdsl: something failed after every check had passed."""

    def __init__(self, what: str):
        super().__init__(
            f"internal error: {what}\nThis is a bug in perfdsl, not in your rubric or data; "
            "please report it with the rubric and data that caused it."
        )


def default_lang() -> str:
    """`zh` when the locale is Chinese, else `en`."""
    for var in ("PERFDSL_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


_SEVERITY_WORDS = {
    "en": {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "note"},
    "zh": {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.NOTE: "提示"},
}
_HINT_WORD = {"en": "hint", "zh": "建议"}
_LONG_LINE = 200  # characters of a source line shown at most


def render(diagnostic: Diagnostic, lang: str = "en") -> str:
    """The compiler-style text of one diagnostic."""
    severity = _SEVERITY_WORDS[lang][diagnostic.severity]
    # Control and bidi characters from a rubric or a data file are shown, never sent to the
    # terminal (an ESC sequence could retitle it or clear it; U+202E reverse what is read).
    head = f"{severity}[{diagnostic.code}]: {visible(diagnostic.message(lang))}"
    lines = []
    span = diagnostic.span
    if span is None:
        lines.append(head)
    else:
        line_no, col = span.source.line_col(span.start)
        lines.append(f"{visible(span.source.name)}:{line_no}:{col}: {head}")
        raw = span.source.line_text(line_no)
        end_line, end_col = span.source.line_col(max(span.end, span.start))
        underline_end = len(raw) + 1 if end_line > line_no else end_col
        # A line of a megabyte (a data file's value) is shown around the place, not in full.
        first = max(0, col - 1 - _LONG_LINE // 4) if len(raw) > _LONG_LINE else 0
        last = min(len(raw), first + _LONG_LINE)
        lead = "…" if first else ""
        text = lead + visible(raw[first:last]) + ("…" if last < len(raw) else "")
        before = lead + visible(raw[first: col - 1])
        marked = visible(raw[col - 1: min(max(underline_end - 1, col), last)])
        gutter = " " * len(str(line_no))
        lines.append(f"{gutter} |")
        lines.append(f"{line_no} | {text}")
        lines.append(f"{gutter} | {' ' * cell_width(before)}{'^' * max(1, cell_width(marked))}")
    hint = diagnostic.hint(lang)
    if hint:
        lines.append(f"  = {_HINT_WORD[lang]}: {visible(hint)}")
    return "\n".join(lines)


def render_all(diagnostics: Iterable[Diagnostic], lang: str = "en") -> str:
    return "\n\n".join(render(d, lang) for d in diagnostics)


def to_json(diagnostics: Iterable[Diagnostic], lang: str = "en") -> str:
    return json.dumps([d.to_json(lang) for d in diagnostics], ensure_ascii=False, indent=2)


def sort_key(diagnostic: Diagnostic) -> tuple:
    span = diagnostic.span
    if span is None:
        return ("", 0, diagnostic.code)
    return (span.source.name, span.start, diagnostic.code)


def suggest(name: str, candidates) -> tuple[str, str]:
    """A "did you mean" hint in English and Chinese, or empty strings."""
    close = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.5)
    if not close:
        return "", ""
    return f"did you mean `{close[0]}`?", f"是否应为 `{close[0]}`？"
