"""The `perfdsl` command: compile, score, graph.

    perfdsl compile FILE...                     check rubrics; exit 1 if any has an error
    perfdsl score RUBRIC DATA [--format F]      the filled table, total and grade
    perfdsl audit RUBRIC DATA [--format F]      every claim of a filed form against the rules
    perfdsl template RUBRIC -o FILE.xlsx        a workbook for a unit to fill in
    perfdsl score RUBRIC UNITS [--key COL] -o OUT   a table of units scored, row by row
    perfdsl sql RUBRIC --dialect D [--schema]   the SQL query scoring a table of units
    perfdsl trace RUBRIC DATA [INDICATOR]       the computation behind a score, step by step
    perfdsl verify RUBRIC [--out DIR]           search for figures that break an unproven bound
                                                or a declared `monotone`
    perfdsl graph RUBRIC                        the compiled evaluation graph as JSON
    perfdsl test [PATHS…]                       run the test cases beside rubrics (*.test.yaml)
    perfdsl fmt [--check] [--diff] FILES…       lay rubrics out canonically
    perfdsl diff A B [DATA]                     what changed between two rubrics, and its effect
                                                on a unit's scores
    perfdsl expand UNIT [-o FILE]               a rubric built on a template, written out as one
                                                file with every change applied
    perfdsl serve [--rubrics DIR] [--port N]    a local web page to fill in and score forms
                                                and to check rubrics
    perfdsl lsp                                 the language server for editors, over stdio

Exit codes: 0 clean; 1 the rubric or the data has errors (verify: a counterexample was found;
audit: the form contradicts its rules); 2 the command line is wrong (verify: hypothesis is not
installed; audit: the rubric, figures or claims cannot be used), or the output cannot be
written (-o names a folder, a missing folder, an input file; a full or read-only disk; a closed
standard output). DATA is a YAML or JSON file, or an .xlsx workbook (`perfdsl template`'s, or a
scored form). Bad input never produces a traceback; an unexpected exception is reported as a
bug. Output survives any console: characters it cannot encode (a GBK console) are escaped.
"""

from __future__ import annotations

import argparse
import codecs
import errno
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from perfdsl import untrusted
from perfdsl.diagnostics import PerfdslError, default_lang, render, to_json
from perfdsl.outputs.files import OutputError


def main(argv: Sequence[str] | None = None) -> int:
    _safe_streams()
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
        return 2
    if getattr(args, "lang", None) is None and args.before_command_lang:
        args.lang = args.before_command_lang
    if args.command == "lsp" and args.lsp_lang is None:
        args.lsp_lang = args.before_command_lang
    # Reports are Chinese unless asked otherwise; messages follow the locale.
    args.report_lang = args.lang or "zh"
    args.lang = args.lang or default_lang()
    try:
        code = args.run(args)
        _flush_stdout()
        return code
    except PerfdslError as error:
        _print_diagnostics(error.diagnostics, args)
        return 1
    except OutputError as error:
        print(f"perfdsl: {error.message(args.lang)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        _silence_stdout()
        return 0
    except Exception as error:  # a bug in perfdsl: say so, never dump a traceback on a user
        import traceback

        print("internal error: this is a bug in perfdsl, not in your rubric or data.\n"
              "Please report it with the files that caused it and this trace:\n",
              file=sys.stderr)
        traceback.print_exception(error, file=sys.stderr)
        return 3


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=("zh", "en"),
                        help="language of messages and reports (default: messages follow the "
                             "locale, reports are in Chinese)")
    rooted = argparse.ArgumentParser(add_help=False)
    rooted.add_argument("--root", metavar="DIR",
                        help="the folder templates a rubric builds on (基于) may come from "
                             "(default: the rubric's own folder)")
    parser = argparse.ArgumentParser(
        prog="perfdsl", description="Compile and run performance-evaluation rubrics (绩效评价指标体系).")
    # Also before the command (`perfdsl --lang zh score …`), as git and cargo take options.
    parser.add_argument("--lang", dest="before_command_lang", choices=("zh", "en"),
                        help="language of messages and reports, for any command")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("compile", parents=[common, rooted], help="check rubrics and report every problem")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--format", choices=("text", "json"), default="text",
                   help="diagnostics as compiler text (default) or JSON")
    p.add_argument("--notes", action="store_true",
                   help="also print notes (e.g. deductions that can exceed the weight and floor "
                        "at 0); JSON always has them")
    p.set_defaults(run=_compile)

    p = sub.add_parser("score", parents=[common, rooted],
                       help="score a unit's figures, or a table of units (.csv, .xlsx, .parquet, "
                            ".jsonl) into a scored table")
    p.add_argument("rubric", metavar="RUBRIC")
    p.add_argument("data", metavar="DATA",
                   help="YAML or JSON mapping input names to values; or a table of units, one "
                        "row per unit, one column per input")
    p.add_argument("--key", action="append", default=[], metavar="COL",
                   help="a table's column kept as it is in the scored table (repeatable)")
    p.add_argument("--engine", choices=("auto", "duckdb", "python"), default="auto",
                   help="how a table is scored: DuckDB's one query, the generated Python row by "
                        "row, or (auto) Python for a CSV under 2 MB, DuckDB otherwise; the same "
                        "rows either way")
    p.add_argument("--format", choices=("table", "json", "markdown", "html", "xlsx"),
                   default="table")
    p.add_argument("-o", "--output", metavar="FILE", help="write the report here, not to stdout")
    p.add_argument("--template", metavar="FILE",
                   help="your own Jinja layout for --format markdown or html")
    p.set_defaults(run=_score)

    p = sub.add_parser("audit", parents=[common],
                       help="recompute a filed form and list every claim that disagrees with "
                            "the rules (exit 0: none, 1: discrepancies, 2: unusable input)")
    p.add_argument("rubric", metavar="RUBRIC")
    p.add_argument("data", metavar="DATA",
                   help="the unit's figures and what its form claims (YAML, JSON or .xlsx)")
    p.add_argument("--format", choices=("text", "markdown", "html", "json", "xlsx"),
                   default="text")
    p.add_argument("-o", "--output", metavar="FILE", help="write the audit here, not to stdout")
    p.set_defaults(run=_audit)

    p = sub.add_parser("template", parents=[common],
                       help="write an Excel workbook for a unit to fill in (figures, header, "
                            "claims), which score and audit read back")
    p.add_argument("rubric", metavar="RUBRIC")
    p.add_argument("-o", "--output", metavar="FILE", required=True,
                   help="the workbook to write, e.g. 填报表.xlsx")
    p.set_defaults(run=_template)

    p = sub.add_parser("sql", parents=[common],
                       help="print the SQL query that scores a table of units in your database")
    p.add_argument("rubric", metavar="RUBRIC")
    p.add_argument("--dialect", required=True,
                   choices=("duckdb", "postgres", "mysql", "oracle", "spark", "trino"))
    p.add_argument("--table", default="units", help="the table of units (default: units)")
    p.add_argument("--key", action="append", default=[], metavar="COL",
                   help="a column kept as it is in the result (repeatable)")
    p.add_argument("--schema", action="store_true",
                   help="print the CREATE TABLE the query expects instead")
    p.set_defaults(run=_sql)

    p = sub.add_parser("trace", parents=[common, rooted], aliases=["explain"],
                       help="show every intermediate value behind one indicator's score (or all); "
                            "`explain` is the old name of this command")
    p.add_argument("rubric", metavar="RUBRIC")
    p.add_argument("data", metavar="DATA")
    p.add_argument("indicator", metavar="INDICATOR", nargs="?")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(run=_explain)

    p = sub.add_parser("verify", parents=[common, rooted],
                       help="search for figures that push a score the analysis could not bound "
                            "outside [0, weight], or break a declared `monotone`")
    p.add_argument("rubric", metavar="RUBRIC")
    p.add_argument("--out", metavar="DIR", default=".",
                   help="where counterexample data files are written (default: here)")
    p.add_argument("--examples", type=int, default=300, metavar="N",
                   help="random examples to try per bound or monotone clause after the interval "
                        "endpoints (default: 300)")
    p.set_defaults(run=_verify)

    p = sub.add_parser("graph", parents=[common, rooted], help="print the compiled evaluation graph as JSON")
    p.add_argument("rubric", metavar="RUBRIC")
    p.add_argument("-o", "--output", metavar="FILE")
    p.set_defaults(run=_graph)

    p = sub.add_parser("test", parents=[common],
                       help="run the test cases written beside rubrics (NAME.test.yaml)")
    p.add_argument("paths", nargs="*", metavar="PATH", default=["."],
                   help="test files, or folders searched for *.test.yaml (default: here)")
    p.add_argument("--reset", action="store_true",
                   help="rewrite each case's expect: with what the rubric gives now")
    p.add_argument("--junit", metavar="FILE", help="also write a JUnit XML report")
    p.add_argument("--coverage", action="store_true",
                   help="list the band rows, deductions, checklist items and fallbacks the "
                        "cases exercised, and those they never did")
    p.add_argument("--root", metavar="DIR",
                   help="the folder data files may be read from (default: here)")
    p.set_defaults(run=_test)

    p = sub.add_parser("fmt", parents=[common], help="lay rubrics out in the canonical way")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--check", action="store_true",
                   help="change nothing; exit 1 if a file is not laid out canonically")
    p.add_argument("--diff", action="store_true", help="change nothing; print what would change")
    p.set_defaults(run=_fmt)

    p = sub.add_parser("diff", parents=[common, rooted],
                       help="what changed between two rubrics (two editions, a template and a "
                            "unit), and with a unit's figures, what it does to the scores")
    p.add_argument("before", metavar="A")
    p.add_argument("after", metavar="B")
    p.add_argument("data", metavar="DATA", nargs="?")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(run=_diff)

    p = sub.add_parser("expand", parents=[common, rooted],
                       help="write a rubric that builds on a template (基于) out as one file, "
                            "with every change of the unit applied")
    p.add_argument("rubric", metavar="UNIT")
    p.add_argument("-o", "--output", metavar="FILE", help="write the rubric here, not to stdout")
    p.add_argument("--comment", action="append", default=[], metavar="TEXT",
                   help="a comment line to head the file with (repeatable)")
    p.set_defaults(run=_expand)

    p = sub.add_parser("serve", parents=[common],
                       help="a local web page to fill in and score forms and to check rubrics")
    p.add_argument("--rubrics", metavar="DIR", type=Path,
                   help="the folder of .rubric files to serve (default: rubrics/ of the current "
                        "folder if there is one, else the current folder)")
    p.add_argument("--host", default="127.0.0.1",
                   help="the address to listen on (default: 127.0.0.1, this machine only)")
    p.add_argument("--port", type=int, default=8000,
                   help="the port to listen on (default: 8000; 0 picks a free one)")
    p.set_defaults(run=_serve)

    p = sub.add_parser("lsp", help="run the language server for editors (diagnostics, hover, "
                                   "completion, rename…) over stdin and stdout")
    p.add_argument("--lang", dest="lsp_lang", choices=("zh", "en"),
                   help="language of messages (default: the editor's, else the locale's)")
    p.set_defaults(run=_lsp, lang=None)
    return parser


# Marks perfdsl itself prints, and the stand-in a GBK console has for each (GB 2312 has × and √):
# an audit's ✗/✓ stay readable marks rather than becoming `\u2717`.
_CONSOLE_STAND_INS = {"✗": "×", "✓": "√", "›": ">", "✔": "√", "✘": "×"}
_CONSOLE_ERRORS = "perfdsl-console"


def _console_replace(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    out = []
    for char in error.object[error.start:error.end]:
        stand_in = _CONSOLE_STAND_INS.get(char)
        if stand_in is not None:
            try:
                stand_in.encode(error.encoding)
                out.append(stand_in)
                continue
            except (UnicodeError, LookupError):
                pass
        out.append(char.encode("ascii", "backslashreplace").decode("ascii"))
    return "".join(out), error.end


codecs.register_error(_CONSOLE_ERRORS, _console_replace)


def _safe_streams() -> None:
    """Standard output and error that cannot fail on a character: on a GBK console (Windows)
    or with a path that is not valid UTF-8, what cannot be encoded is written as `\\u…`."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None:
            if name == "stderr":  # closed: messages have nowhere to go, but must not fail
                sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
            continue
        if getattr(stream, "errors", None) == "strict" and hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(errors=_CONSOLE_ERRORS)
            except (ValueError, OSError):
                pass


def _out(text: str) -> None:
    """Write `text` to standard output now; a closed or full one is an OutputError."""
    if sys.stdout is None:
        raise OutputError("-", "stdout")
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except (OSError, ValueError) as error:
        raise _stdout_failure(error) from None


def _flush_stdout() -> None:
    if sys.stdout is not None:
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            raise
        except (OSError, ValueError) as error:
            raise _stdout_failure(error) from None


def _stdout_failure(error: Exception) -> OutputError:
    from perfdsl.outputs.files import failure

    if isinstance(error, OSError) and error.errno not in (None, errno.EBADF):
        return failure("standard output", error)
    return OutputError("-", "stdout")


def _silence_stdout() -> None:
    """After a broken pipe (`perfdsl score … | head`): nothing more to say, and nothing to fail
    when Python flushes standard output on the way out."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, AttributeError, ValueError):
        pass


def _print_diagnostics(diagnostics, args) -> None:
    if getattr(args, "format", None) == "json" and args.command == "compile":
        # machine output: stdout, as ruff and mypy do; the exit code tells success from failure
        _out(untrusted.json_safe(to_json(diagnostics, args.lang)) + "\n")
        return
    for diagnostic in diagnostics:
        print(render(diagnostic, args.lang) + "\n", file=sys.stderr)


def _compile(args) -> int:
    from perfdsl.compiler import diagnose, read_rubric
    from perfdsl.language.source import Source

    everything = []
    failed = False
    for name in args.files:
        try:
            text = read_rubric(name)
        except PerfdslError as error:
            everything += error.diagnostics
            failed = True
            continue
        compiled, diagnostics = diagnose(Source(name, text), root=args.root)
        everything += diagnostics
        failed |= compiled is None
    if args.format == "json":
        # Machine output goes to stdout whatever it says, as ruff and mypy do; the exit code
        # tells success from failure.
        _out(untrusted.json_safe(to_json(everything, args.lang)) + "\n")
    else:
        for diagnostic in everything:
            if diagnostic.severity.value != "note" or args.notes:
                print(render(diagnostic, args.lang) + "\n", file=sys.stderr)
        if not failed:
            _out("ok\n" if len(args.files) == 1 else f"ok: {len(args.files)} rubrics\n")
    return 1 if failed else 0


def _score_data(args):
    from perfdsl.data import figures as data
    from perfdsl.compiler import compile_file

    rubric = compile_file(args.rubric, root=args.root)
    for warning in rubric.warnings:
        print(render(warning, args.lang) + "\n", file=sys.stderr)
    return rubric.evaluate(load_data(args.data))


def load_data(path: str):
    """A data file: YAML or JSON, or an .xlsx workbook (perfdsl.data.workbook)."""
    from perfdsl.data import figures as data
    from perfdsl.data import workbook

    if workbook.is_workbook(path):
        return workbook.load(path)
    return data.load(path)


def _audit(args) -> int:
    from perfdsl.compiler import compile_file
    from perfdsl.outputs.audit_report import BINARY_FORMATS, RENDERERS
    from perfdsl.tools.audit import audit

    if args.format in BINARY_FORMATS and not args.output:
        print(f"perfdsl: --format {args.format} writes a file: give it with -o FILE", file=sys.stderr)
        return 2
    try:
        rubric = compile_file(args.rubric)
        found = audit(rubric, load_data(args.data), args.report_lang)
    except PerfdslError as error:  # the rubric or the file cannot be used: an input error
        _print_diagnostics(error.diagnostics, args)
        return 2
    _write(RENDERERS[args.format](found, args.report_lang), args.output)
    for diagnostic in found.problems:
        print(render(diagnostic, args.lang) + "\n", file=sys.stderr)
    return found.exit_code


def _template(args) -> int:
    from perfdsl.compiler import compile_file
    from perfdsl.outputs.fillin import template_bytes

    rubric = compile_file(args.rubric)
    _write(template_bytes(rubric, args.report_lang), args.output)
    return 0


def _score(args) -> int:
    from perfdsl.outputs.report import BINARY_FORMATS, RENDERERS, TEMPLATE_FORMATS

    suffix = Path(args.data).suffix.lower()
    if suffix in (".csv", ".parquet", ".jsonl") or suffix == ".xlsx" and not _unit_workbook(args):
        return _score_table(args)
    if args.key:
        print("perfdsl: --key is for a table of units (.csv, .xlsx, .parquet, .jsonl)",
              file=sys.stderr)
        return 2

    if args.template and args.format not in TEMPLATE_FORMATS:
        print(f"perfdsl: --template works with --format {' or '.join(sorted(TEMPLATE_FORMATS))}",
              file=sys.stderr)
        return 2
    if args.format in BINARY_FORMATS and not args.output:
        print(f"perfdsl: --format {args.format} writes a file: give it with -o FILE", file=sys.stderr)
        return 2
    if args.format == "xlsx":
        try:
            import openpyxl  # noqa: F401 - only to say how to get it when it is missing
        except ImportError:
            print("perfdsl: Excel output needs openpyxl: pip install 'perfdsl[excel]'",
                  file=sys.stderr)
            return 2
    if args.template and not Path(args.template).is_file():
        print(f"perfdsl: no template file {args.template}", file=sys.stderr)
        return 2
    if args.output:
        from perfdsl.outputs.files import check_target

        check_target(args.output, [args.rubric, args.data, args.template])
    result = _score_data(args)
    report_lang = args.report_lang
    from perfdsl.checks.templates import LayoutError, collecting

    with collecting() as template_failures:
        try:
            output = RENDERERS[args.format](result, report_lang, args.template)
        except LayoutError as error:
            shown = untrusted.visible(args.template or args.format)
            print(f"perfdsl: the template {shown} cannot be rendered: "
                  f"{untrusted.visible(error.message(args.lang))}", file=sys.stderr)
            return 1
    if isinstance(output, str) and args.format != "json":
        output = untrusted.visible(output, keep_newlines=True)
    _write(output, args.output)
    for diagnostic in template_failures + list(result.notices + result.problems):
        print(render(diagnostic, args.lang) + "\n", file=sys.stderr)
    return 1 if result.problems else 0


def _unit_workbook(args) -> bool:
    """An .xlsx that is one unit's workbook (it has perfdsl's marker sheet), not a table."""
    from perfdsl.data.workbook import is_unit_workbook

    return is_unit_workbook(args.data)


def _score_table(args) -> int:
    from perfdsl.compiler import compile_file
    from perfdsl.data import tables

    output = Path(args.output) if args.output else None
    if output is not None and output.suffix.lower() not in tables.FORMATS:
        print(f"perfdsl: the scored table is written as .csv, .xlsx, .parquet or .jsonl, "
              f"not {output.name}", file=sys.stderr)
        return 2
    data = Path(args.data)
    if output is not None:
        from perfdsl.outputs.files import check_target

        check_target(output, [args.rubric, args.data])
    if not data.is_file():  # the words a missing YAML file gets, not DuckDB's or zipfile's
        from perfdsl.diagnostics import DataError, Diagnostic

        raise DataError([Diagnostic("D007", None, {
            "reason": f"{args.data}: no such file" if not data.exists()
            else f"{args.data}: not a file"})])
    rubric = compile_file(args.rubric, root=args.root)
    for warning in rubric.warnings:
        print(render(warning, args.lang) + "\n", file=sys.stderr)
    if output is None:
        units, troubled, unknown = tables.score_table(rubric, data, args.key, None,
                                                      progress=sys.stderr.isatty(),
                                                      engine=args.engine)
    else:
        units, troubled, unknown = _score_table_into(tables, rubric, data, args.key, output,
                                                     args.engine)
    for diagnostic in unknown:
        print(render(diagnostic, args.lang) + "\n", file=sys.stderr)
    if args.lang == "zh":
        print(f"已评分 {units} 个单位，其中 {troubled} 个有问题（见 problems 列）", file=sys.stderr)
    else:
        print(f"scored {units} units, {troubled} with problems (see the problems column)",
              file=sys.stderr)
    return 1 if troubled else 0


def _score_table_into(tables, rubric, data: Path, keys, output: Path, engine: str):
    """Score the table into `output` as every report is written (perfdsl.outputs.files): a new
    file beside it, renamed over it once complete, so a failure leaves the previous one whole.
    The new file keeps the output's suffix, which says the table's format."""
    from perfdsl.outputs.files import OutputError, replacing

    try:
        with replacing(output) as target:
            return tables.score_table(rubric, data, keys, Path(target.path),
                                      progress=sys.stderr.isatty(), engine=engine)
    except Exception as error:
        if type(error).__name__ != "IOException":  # DuckDB's, writing the file: not a bug
            raise
        raise OutputError(str(output), "other", error=str(error)) from None


def _sql(args) -> int:
    from sqlglot import exp

    from perfdsl.backends import sql
    from perfdsl.compiler import compile_file

    rubric = compile_file(args.rubric)
    dialect = sql.DIALECTS[args.dialect]
    try:
        if args.schema:
            text = sql.schema(rubric.program, rubric.model, dialect, args.table, args.key).sql(
                dialect=dialect.sqlglot, pretty=True)
        else:
            table = exp.to_table(args.table, dialect=dialect.sqlglot)
            text = sql.compile_query(rubric.program, rubric.model, dialect, table,
                                     args.key).sql()
    except sql.TooWide as error:
        print(f"perfdsl: {error}; --dialect postgres computes with numerics of any size",
              file=sys.stderr)
        return 1
    _write(text + ";\n", args.output if hasattr(args, "output") else None)
    return 0


def _explain(args) -> int:
    from perfdsl.outputs.trace import render_text, to_json, trace

    result = _score_data(args)
    try:
        traces = trace(result, args.indicator, args.report_lang)
    except KeyError:
        from perfdsl.diagnostics import suggest

        hint, _ = suggest(args.indicator, [i.name for i in result.indicators])
        print(f"perfdsl: no indicator `{args.indicator}` in {args.rubric}. {hint}".rstrip(),
              file=sys.stderr)
        return 1
    if args.format == "json":
        _write(untrusted.json_safe(json.dumps(to_json(traces), ensure_ascii=False, indent=2))
               + "\n", None)
    else:
        _write(untrusted.visible(render_text(traces, args.report_lang), keep_newlines=True), None)
    for problem in result.problems:
        print(render(problem, args.lang) + "\n", file=sys.stderr)
    return 1 if result.problems else 0


def _verify(args) -> int:
    from perfdsl.tools import verify as verify_pass
    from perfdsl.compiler import compile_file

    rubric = compile_file(args.rubric, root=args.root)
    try:
        findings = verify_pass.verify(rubric, examples=args.examples, out=Path(args.out))
    except verify_pass.MissingHypothesis:
        print(verify_pass.say("missing", args.lang, install=verify_pass.INSTALL), file=sys.stderr)
        return 2
    except OSError as error:  # --out names a folder that cannot be written
        print(f"perfdsl: cannot write a counterexample to {args.out}: {error}", file=sys.stderr)
        return 2
    if not findings:
        print(verify_pass.say("nothing", args.lang))
    for finding in findings:
        print(verify_pass.describe(finding, args.lang))
    return 1 if any(verify_pass.broken(f) for f in findings) else 0


def _graph(args) -> int:
    from perfdsl.compiler import compile_file

    if args.output:
        from perfdsl.outputs.files import check_target

        check_target(args.output, [args.rubric])
    rubric = compile_file(args.rubric, root=args.root)
    _write(untrusted.json_safe(json.dumps(rubric.to_json(), ensure_ascii=False, indent=2)) + "\n",
           args.output)
    return 0


def _serve(args) -> int:
    try:
        from perfdsl.serve.server import run
    except ImportError as error:  # Starlette and uvicorn are dependencies: a broken install
        print(f"perfdsl serve needs Starlette and uvicorn ({error}): pip install perfdsl",
              file=sys.stderr)
        return 2
    # Pages are in Chinese, the language of the form, unless --lang says otherwise.
    return run(args.rubrics, args.host, args.port, args.report_lang)


def _lsp(args) -> int:
    try:
        from perfdsl.lsp.server import serve
    except ImportError as error:  # pygls is a dependency; a broken install says what is missing
        print(f"perfdsl: the language server needs pygls ({error}): pip install 'pygls>=2'",
              file=sys.stderr)
        return 2
    code = serve(args.lsp_lang)
    # The protocol owned standard output and pygls closes it on `exit`: nothing is left to
    # flush, and a closed stdout here is the normal end, not a failed write.
    sys.stdout = None
    return code


def _test(args) -> int:
    from perfdsl.tools import testing

    report = testing.run(args.paths, root=args.root, lang=args.lang)
    if not report.outcomes:
        print(f"perfdsl: no test files (*{testing.SUFFIX}) in {' '.join(args.paths)}",
              file=sys.stderr)
        return 1
    if args.reset:
        for path in testing.reset(report):
            print(f"reset {path}")
        report = testing.run(args.paths, root=args.root, lang=args.lang)
    _write(testing.summary(report), None)
    if args.coverage:
        _write("\n" + testing.coverage_text(report), None)
    if args.junit:
        Path(args.junit).write_text(testing.junit(report), "utf-8")
    return 0 if report.ok else 1


def _fmt(args) -> int:
    import difflib

    from perfdsl.compiler import read_rubric
    from perfdsl.language.parse import parse
    from perfdsl.language.source import Source
    from perfdsl.tools.fmt import format_text

    status = 0
    for name in args.files:
        try:
            raw = Path(name).read_bytes()
            text = read_rubric(name)
        except (OSError, PerfdslError) as error:
            diagnostics = getattr(error, "diagnostics", None)
            if diagnostics:
                _print_diagnostics(diagnostics, args)
            else:
                print(f"perfdsl: cannot read {name}: {error}", file=sys.stderr)
            status = 1
            continue
        _tree, found = parse(Source(name, text))
        errors = [d for d in found if d.is_error]
        if errors:  # formatting keeps meaning only where there is one: fix the syntax first
            _print_diagnostics(errors, args)
            status = 1
            continue
        crlf = b"\r\n" in raw
        formatted = format_text(text)
        if formatted == text.replace("\r\n", "\n"):
            continue
        if args.diff:
            sys.stdout.writelines(difflib.unified_diff(
                text.replace("\r\n", "\n").splitlines(True), formatted.splitlines(True),
                name, f"{name} (formatted)"))
        if args.check or args.diff:
            if args.check:
                print(f"would reformat {name}", file=sys.stderr)
            status = 1
            continue
        bom = "\ufeff" if raw.startswith(b"\xef\xbb\xbf") else ""
        with open(name, "w", encoding="utf-8", newline="\r\n" if crlf else "\n") as out:
            out.write(bom + formatted)
        print(f"reformatted {name}")
    return status


def _diff(args) -> int:
    from perfdsl.compiler import compile_file
    from perfdsl.data import figures as data
    from perfdsl.tools import diff

    before = compile_file(args.before, root=args.root)
    after = compile_file(args.after, root=args.root)
    found = diff.changes(before, after)
    scored = diff.effects(before, after, data.load(args.data)) if args.data else None
    if args.format == "json":
        _write(json.dumps(diff.to_json(found, scored), ensure_ascii=False, indent=2) + "\n", None)
    else:
        _write(diff.text(args.before, args.after, found, scored), None)
    return 0


def _expand(args) -> int:
    from perfdsl.compiler import compose, read_rubric
    from perfdsl.diagnostics import CompileError
    from perfdsl.language.source import Source
    from perfdsl.tools.expand import expand

    if args.output:
        from perfdsl.outputs.files import check_target

        check_target(args.output, [args.rubric])
    loaded, composed, diagnostics = compose(Source(args.rubric, read_rubric(args.rubric)),
                                            root=args.root)
    if composed is None or any(d.is_error for d in diagnostics):
        raise CompileError(diagnostics)
    if args.output:  # nor over a template the unit builds on
        check_target(args.output, [file.path for file in loaded.files])
    _write(expand(composed, tuple(args.comment)), args.output)
    return 0


def _write(output: str | bytes, path: str | None) -> None:
    """The report to `path` (atomically: perfdsl.outputs.files) or to standard output."""
    if path:
        from perfdsl.outputs.files import write

        write(path, output if isinstance(output, bytes) else output.encode("utf-8"))
    elif isinstance(output, bytes):
        raise OutputError("-", "stdout")  # binary formats need -o; checked before scoring
    else:
        _out(output)


if __name__ == "__main__":
    sys.exit(main())
