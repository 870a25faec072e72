"""Text from someone else, coming in and going out.

In: `decode(raw, name, code)` reads a user's file as UTF-8 (a byte-order mark allowed) or
raises a diagnostic that points, by line and column, at the first byte that is not UTF-8 and
says how to save the file as UTF-8 — naming GBK when the bytes read as GBK, as a file saved by
a Chinese Windows program usually does.

Out: `visible(text)` shows characters that would act on a terminal or a reader instead of being
seen — ESC and the other C0/C1 controls (`\\x1b]0;title\\x07`), DEL, NUL, and the bidirectional
overrides and isolates that can make text read differently from what it is (U+202E) — as
rustc does, `\\u{202e}`; tabs and line breaks become spaces. `markdown(text)` escapes what
Markdown or the HTML inside it would act on, so a value can neither inject markup nor start a
line of its own in a report.
"""

from __future__ import annotations

import re

from perfdsl.language.source import Source, Span

# C0 controls except tab and newlines (handled apart), DEL, C1 controls, the bidirectional
# marks, embeddings, overrides and isolates, and the Unicode line and paragraph separators.
_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029"
                        "\u202a-\u202e\u2066-\u2069\ufeff]")
_BREAKS = str.maketrans({"\t": " ", "\n": " ", "\r": " "})
_ACTS = re.compile(_INVISIBLE.pattern[:-1] + "\t\n\r]")


def visible(text: str, keep_newlines: bool = False) -> str:
    """`text` with every control and bidi character shown as `\\u{…}` (tabs, and line breaks
    unless kept, as spaces)."""
    if not _ACTS.search(text):  # the common case, in one scan
        return text
    if keep_newlines:
        text = text.replace("\t", " ").replace("\r\n", "\n").replace("\r", "\n")
    else:
        text = text.translate(_BREAKS)
    return _INVISIBLE.sub(lambda match: f"\\u{{{ord(match.group()):x}}}", text)


# Characters Markdown (CommonMark and GitHub's tables) gives a meaning to, anywhere in a line:
# emphasis, code, links and images, raw HTML and entities, table cells, strikethrough.
_MARKDOWN = re.compile(r"([\\`*_\[\]<>&|~])")
# …and at the start of a line, where they begin a heading, a list, a quote or a rule.
_LINE_START = re.compile(r"^(\s*)(#{1,6}(?=\s|$)|>|[-+](?=\s|$)|\d{1,9}[.)](?=\s|$)|[=-]+\s*$)")


def markdown(text: str) -> str:
    """`text` as literal Markdown inline text: visible, on one line, nothing it could start."""
    text = _MARKDOWN.sub(r"\\\1", visible(str(text)))
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def json_safe(text: str) -> str:
    """JSON text with every control and bidi character as a `\\uXXXX` escape (same data)."""
    return _INVISIBLE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def decode(raw: bytes, name: str, code: str) -> str:
    """`raw` as text; raise `CompileError` (E008) or `DataError` (D013) if it is not UTF-8."""
    from perfdsl.diagnostics import CompileError, DataError, Diagnostic

    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        bom = 3 if raw.startswith(b"\xef\xbb\xbf") else 0
        before = raw[bom:error.start].decode("utf-8")
        rest = raw[error.start:]
        guess = _looks_like_gbk(rest)
        shown = rest.decode("gb18030") if guess else rest.decode("utf-8", "replace")
        source = Source(name, before + shown)
        span = Span(source, len(before), len(before) + 1)
        diagnostic = Diagnostic(code, span, {
            "byte": f"0x{raw[error.start]:02x}",
            "guess_en": "; it looks like GBK (GB18030) text" if guess else "",
            "guess_zh": "；该文件看起来是 GBK（GB18030）编码" if guess else ""})
        raise (CompileError if code.startswith("E") else DataError)([diagnostic]) from None


def _looks_like_gbk(raw: bytes) -> bool:
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        return False
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)
