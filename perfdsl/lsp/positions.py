"""Positions: perfdsl's character offsets ↔ the Language Server Protocol's line and column.

perfdsl's spans count characters (code points) from the start of the text. LSP positions are a
0-based line and a column counted in the code units of the encoding the client and server
agreed on: UTF-16 unless the client offers another. The two differ on every character outside
the Basic Multilingual Plane (𠀀 is one character and two UTF-16 units), and in UTF-8 on every
CJK character and full-width punctuation mark (three bytes each).

Lines end at `\\n`, `\\r\\n` or `\\r`, as the protocol says. (pygls's own helpers split lines with
`str.splitlines`, which also breaks at U+2028, form feeds and other separators that the
protocol and the editor do not: a position after one would land on the wrong line.)
"""

from __future__ import annotations

import bisect
import re

# Code units a character takes in each encoding the protocol knows.
_UNITS = {
    "utf-16": lambda ch: 2 if ord(ch) > 0xFFFF else 1,
    "utf-8": lambda ch: len(ch.encode("utf-8", "surrogatepass")),
    "utf-32": lambda ch: 1,
}
# The same for a whole text, at C speed: its length once encoded, in units.
_CODECS = {"utf-16": ("utf-16-le", 2), "utf-8": ("utf-8", 1)}

_LINE_END = re.compile(r"\r\n|\r|\n")


class LineIndex:
    """The lines of one text, for converting offsets to positions and back."""

    def __init__(self, text: str, encoding: str = "utf-16"):
        self.text = text
        self.encoding = encoding if encoding in _UNITS else "utf-16"
        self._units = _UNITS[self.encoding]
        self._starts = [0] + [m.end() for m in _LINE_END.finditer(text)]
        # Where each line's content ends (before its line break); the last line ends the text.
        self._ends = [m.start() for m in _LINE_END.finditer(text)] + [len(text)]

    def units(self, text: str) -> int:
        """The code units `text` takes in this encoding."""
        if self.encoding == "utf-32" or text.isascii():
            return len(text)
        codec, width = _CODECS[self.encoding]
        return len(text.encode(codec, "surrogatepass")) // width

    def position(self, offset: int) -> tuple[int, int]:
        """The 0-based line and column (in code units) of a character offset."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self._starts, offset) - 1
        start = self._starts[line]
        offset = min(offset, self._ends[line])  # inside a `\r\n`: the end of the line
        return line, self.units(self.text[start:offset])

    def offset(self, line: int, column: int) -> int:
        """The character offset of a position; past the end of a line is its end."""
        if line < 0:
            return 0
        if line >= len(self._starts):
            return len(self.text)
        start, end = self._starts[line], self._ends[line]
        counted = 0
        for i in range(start, end):
            if counted >= column:
                return i
            counted += self._units(self.text[i])
            if counted > column:  # the column falls inside a character: stay before it
                return i
        return end

    def line_count(self) -> int:
        return len(self._starts)

    def line_span(self, line: int) -> tuple[int, int]:
        """Offsets of the start and end (before the line break) of a 0-based line."""
        line = max(0, min(line, len(self._starts) - 1))
        return self._starts[line], self._ends[line]
