"""One error model for everything a user can get wrong.

A `Diagnostic` is a stable code, a severity, a span and the facts of the case (`args`). Its
message and hint come from the catalogue in `perfdsl.messages`, in English or Chinese, so the
same diagnostic renders in either language and the codes stay stable while wording improves.
Facts an editor can act on are fields, not words in a sentence: `related` holds other places
that matter (the first definition of a duplicate), `suggestion` the name a misspelling most
likely meant. `render` is the one place that lays a diagnostic out like a compiler:
file:line:col, the source line, a caret under the span (counting CJK characters as two cells),
a `note:` line per related place, and the hint.
"""

from __future__ import annotations

import difflib
import json
import os
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from perfdsl.messages import CATALOGUE, DID_YOU_MEAN, NOTES, MissingArgument, Severity, strict
from perfdsl.language.source import Span, cell_width
from perfdsl.untrusted import visible


@attrs.frozen
class Related:
    """Another place that matters to a diagnostic, with a short note from `messages.NOTES`."""

    span: Span
    note: str = attrs.field(validator=attrs.validators.in_(NOTES))

    def message(self, lang: str = "en") -> str:
        en, zh = NOTES[self.note]
        return zh if lang == "zh" else en

    def to_json(self, lang: str = "en") -> dict[str, Any]:
        return {**_position(self.span), "message": self.message(lang)}


@attrs.frozen
class Diagnostic:
    """A problem in a rubric or a data file, with where it is and what to do about it.

    `Diagnostic(code, span, args)` is all most problems need; `related` and `suggestion` are
    keyword-only. When the test suite runs (PERFDSL_STRICT_MESSAGES=1), building a diagnostic
    without an argument its message needs raises `MissingArgument`.
    """

    code: str
    span: Span | None
    args: Mapping[str, Any] = attrs.field(factory=dict)
    severity: Severity = attrs.field()
    related: tuple[Related, ...] = attrs.field(default=(), kw_only=True, converter=tuple)
    suggestion: str | None = attrs.field(default=None, kw_only=True)

    @severity.default
    def _default_severity(self) -> Severity:
        return CATALOGUE[self.code].severity

    def __attrs_post_init__(self) -> None:
        if strict():
            missing = CATALOGUE[self.code].missing(self.args)
            if missing:
                raise MissingArgument(f"{self.code} is built without {sorted(missing)}")

    def _args(self, lang: str) -> Mapping[str, Any]:
        did_you_mean = DID_YOU_MEAN[lang].format(self.suggestion) if self.suggestion else ""
        return {**self.args, "did_you_mean": did_you_mean}

    def message(self, lang: str = "en") -> str:
        return CATALOGUE[self.code].message(lang, self._args(lang))

    def hint(self, lang: str = "en") -> str | None:
        return CATALOGUE[self.code].hint(lang, self._args(lang))

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
            out.update(_position(self.span))
        out["suggestion"] = self.suggestion
        out["related"] = [related.to_json(lang) for related in self.related]
        return out

    def __str__(self) -> str:
        return render(self)


def _position(span: Span) -> dict[str, Any]:
    end_line, end_col = span.source.line_col(span.end)
    return {"file": span.source.name, "line": span.line, "column": span.column,
            "end_line": end_line, "end_column": end_col}


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
    """`zh` when the locale is Chinese, else `en`: from PERFDSL_LANG, LC_ALL, LC_MESSAGES or
    LANG, and where none is set (as on Windows) from the system locale."""
    for var in ("PERFDSL_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    import locale

    try:
        name = locale.getlocale()[0] or ""
    except ValueError:  # an unknown locale setting
        name = ""
    # `zh_CN` on Linux and macOS; `Chinese (Simplified)_China` on Windows
    return "zh" if name.lower().startswith(("zh", "chinese")) else "en"


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
    note = _SEVERITY_WORDS[lang][Severity.NOTE]
    for related in diagnostic.related:
        lines.append(f"  = {note}: {visible(related.span.location())}: {related.message(lang)}")
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


def closest(name: str, candidates) -> str | None:
    """The candidate `name` most likely misspells, or None: a `Diagnostic.suggestion`."""
    close = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.5)
    return close[0] if close else None


def suggest(name: str, candidates) -> tuple[str, str]:
    """A "did you mean" hint in English and Chinese, or empty strings (for messages that still
    take the sentence as an argument; new ones take `closest` as `Diagnostic.suggestion`)."""
    close = closest(name, candidates)
    if close is None:
        return "", ""
    return DID_YOU_MEAN["en"].format(close), DID_YOU_MEAN["zh"].format(close)
