"""Write the TextMate grammar of rubric files from perfdsl's keyword table.

    python editors/vscode/generate.py           rewrite syntaxes/rubric.tmLanguage.json
    python editors/vscode/generate.py --check   exit 1 if the checked-in grammar is stale

The grammar is `perfdsl.tools.highlight.textmate_grammar()`: the scanner's patterns and every
keyword of perfdsl/language/keywords.py. Run this after adding a keyword; tests/test_editors.py
fails while the checked-in grammar is stale (`PERFDSL_UPDATE_GOLDEN=1` makes it rewrite it).
"""

from __future__ import annotations

import sys
from pathlib import Path

GRAMMAR = Path(__file__).resolve().parent / "syntaxes" / "rubric.tmLanguage.json"


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(GRAMMAR.parent.parent.parent.parent))  # the checkout, if not installed
    from perfdsl.tools.highlight import textmate_json

    text = textmate_json()
    if "--check" in argv:
        current = GRAMMAR.read_text("utf-8") if GRAMMAR.exists() else ""
        if current != text:
            print(f"{GRAMMAR} is stale: run python editors/vscode/generate.py", file=sys.stderr)
            return 1
        return 0
    GRAMMAR.write_text(text, "utf-8", newline="\n")
    print(f"wrote {GRAMMAR}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
