"""Run perfdsl commands in this process, one after another, and print what each did as JSON.

Used by tests/test_fuzz_cli.py, which starts it in a fresh process under a memory limit and a
time limit: `python tests/fuzz_driver.py FOLDER` runs every command line of FOLDER/commands.json
through `perfdsl.cli.main` and prints, for each, the exit status, whether a traceback or an
internal error was printed, and how much was written (the start of standard error too).
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
from pathlib import Path


def run(argv: list[str]) -> dict:
    from perfdsl.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exit:  # argparse
            code = exit.code if isinstance(exit.code, int) else 2
        except BaseException as error:  # noqa: BLE001 - whatever escapes main is what we look for
            code = f"escaped {type(error).__name__}: {error}"[:500]
    text = err.getvalue()
    return {"argv": argv, "code": code, "traceback": "Traceback" in text,
            "internal": "internal error" in text, "out": len(out.getvalue()), "err": len(text),
            "stderr": text[:1500]}


def main() -> None:
    folder = Path(sys.argv[1])
    commands = json.loads((folder / "commands.json").read_text("utf-8"))
    print(json.dumps([run(argv) for argv in commands], ensure_ascii=True))


if __name__ == "__main__":
    main()
