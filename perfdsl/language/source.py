"""Source texts and spans: where in which file a thing was written.

A `Span` is a pair of character offsets into one `Source`; line and column are computed on
demand, so building spans costs nothing on the hot path. Columns are 1-based and count
characters; the renderer counts terminal cells separately (CJK characters take two).
"""

from __future__ import annotations

import bisect
import os
import unicodedata

import attrs


@attrs.frozen(eq=False)
class Source:
    """A named text: a rubric file, a data file, or a string given to the API."""

    name: str
    text: str
    _line_starts: list[int] = attrs.field(init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        starts = [0]
        starts.extend(i + 1 for i, ch in enumerate(self.text) if ch == "\n")
        object.__setattr__(self, "_line_starts", starts)

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a character offset."""
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return line + 1, offset - self._line_starts[line] + 1

    def line_text(self, line: int) -> str:
        start = self._line_starts[line - 1]
        end = self.text.find("\n", start)
        return self.text[start:] if end < 0 else self.text[start:end]


@attrs.frozen
class Span:
    """Characters [start, end) of a source."""

    source: Source = attrs.field(eq=False, repr=False)
    start: int
    end: int

    @property
    def line(self) -> int:
        return self.source.line_col(self.start)[0]

    @property
    def column(self) -> int:
        return self.source.line_col(self.start)[1]

    @property
    def text(self) -> str:
        return self.source.text[self.start:self.end]

    def to(self, other: Span) -> Span:
        """The span from the start of this one to the end of `other`."""
        return Span(self.source, min(self.start, other.start), max(self.end, other.end))

    def location(self) -> str:
        line, col = self.source.line_col(self.start)
        return f"{self.source.name}:{line}:{col}"


def file_of(span: Span, rubric: Source) -> str | None:
    """The file `span` is in, relative to the folder of `rubric` (the rubric a command was
    given), or None when it is in `rubric` itself: a template a unit builds on
    (`department-framework.rubric`), so "line 12" says of which file."""
    if span.source is rubric or span.source.name == rubric.name:
        return None
    folder = os.path.dirname(rubric.name)
    try:
        return os.path.relpath(span.source.name, folder or os.curdir)
    except ValueError:  # another drive on Windows
        return span.source.name


def cell_width(text: str) -> int:
    """Terminal cells `text` takes, as wcwidth counts them: wide and full-width characters two,
    combining marks and the joiners of an emoji sequence none, an emoji sequence two."""
    try:
        from wcwidth import wcswidth, wcwidth
    except ImportError:  # a broken install: the East Asian width alone
        return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    width = wcswidth(text)
    if width >= 0:
        return width
    # A control character (a tab, a stray \x08) has no width of its own: count the rest.
    return sum(max(wcwidth(ch), 0) for ch in text)
