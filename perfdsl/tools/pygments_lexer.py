"""A Pygments lexer for rubric files, so Sphinx, MkDocs and `pygmentize` highlight them.

Registered under the `pygments.lexers` entry point as `rubric` (pyproject.toml): once perfdsl
is installed, a Markdown fence written ```` ```rubric ```` is highlighted, and so is
`pygmentize -l rubric FILE`. The words are cut by `perfdsl.tools.highlight.scan`, the scanner
the language server and the VS Code grammar share; this module only says which Pygments token
each of its categories is. Pygments is imported here and nowhere else.
"""

from __future__ import annotations

from collections.abc import Iterator

from pygments.lexer import Lexer
from pygments.token import (Comment, Error, Keyword, Name, Number, Operator, Punctuation, String,
                            Text, _TokenType)

from perfdsl.tools.highlight import keyword_kind, scan

# Pygments token of each keyword kind, lexeme category and declared name.
TOKENS: dict[str, _TokenType] = {
    "declaration": Keyword.Declaration,
    "type": Keyword.Type,
    "rule": Keyword.Reserved,
    "control": Keyword,
    "composition": Keyword.Namespace,
    "operator_word": Operator.Word,
    "constant": Keyword.Constant,
    "keyword": Keyword,
    "function": Name.Builtin,
    "comment": Comment.Single,
    "string": String.Double,
    "number": Number,
    "operator": Operator,
    "punctuation": Punctuation,
    "whitespace": Text.Whitespace,
    "name": Name.Variable,
    "error": Error,
    "input": Name.Variable,
    "let": Name.Constant,
    "group": Name.Namespace,
    "indicator": Name.Function,
    "scale": Name.Class,
}


class RubricLexer(Lexer):
    """Rubric files of perfdsl (绩效评价指标体系), in Chinese or English keywords."""

    name = "Rubric (perfdsl)"
    aliases = ["rubric", "perfdsl", "rubric-fragment", "rubric-error"]
    filenames = ["*.rubric"]
    mimetypes = ["text/x-rubric"]

    def get_tokens_unprocessed(self, text: str) -> Iterator[tuple[int, _TokenType, str]]:
        for lexeme in scan(text):
            if lexeme.category == "keyword":
                token = TOKENS[keyword_kind(lexeme.detail)]
            elif lexeme.category == "definition":
                token = TOKENS[lexeme.detail]
            else:
                token = TOKENS[lexeme.category]
            yield lexeme.start, token, text[lexeme.start:lexeme.end]
