"""The front door: the passes in order, from rubric text to a compiled, runnable rubric.

    source ─load→ one syntax tree per file (the rubric and the templates it builds on)
    ─compose→ one merged syntax tree ─resolve→ model ─weights→ checked model ─graph→ value order
    ─lower→ core IR program ─bounds→ (band, divisor and score-bound diagnostics)
    ─templates→ explanation templates;  program ─backend→ run;  run + figures → Result
    ─sentences, trace, report→ text

A backend runs the program: `generated` compiles it once to straight-line Python, `interpret`
evaluates it node by node (the reference the others are tested against), `auto` (the default)
interprets the first few units and then compiles.

`compile_file` / `compile_string` run the passes once; `CompiledRubric.evaluate` scores a unit
as often as you like. Any problem with the rubric raises `CompileError` with every diagnostic.
`diagnose` returns the diagnostics instead; `check` also keeps what each pass made — the files
of the chain, the merged tree, a model even when there are errors — for editors (`perfdsl lsp`).
"""

from __future__ import annotations

import decimal
from decimal import Decimal
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from perfdsl import collector
from perfdsl.core import bounds as bounds_pass
from perfdsl.checks import weights as check_pass
from perfdsl.data import figures as data_pass
from perfdsl.core import graph as graph_pass
from perfdsl.core.values import CONTEXT
from perfdsl.diagnostics import CompileError, Diagnostic, sort_key
from perfdsl.messages import Severity
from perfdsl.checks import compose as compose_pass
from perfdsl.checks.resolve import resolve
from perfdsl.language import load as load_pass
from perfdsl.core import ir
from perfdsl.core.lower import lower
from perfdsl.core.results import GroupResult, Result, group_builder
from perfdsl.language.source import Source


class CompiledRubric:
    """A rubric that passed every check: its model, its graph, its core-IR program, and the
    backend that runs it: `auto` (the default) scores the first few units with the reference
    interpreter and then compiles the program to Python (`generated`); `interpret` and
    `generated` choose one. Every backend gives the same Result, digit for digit."""

    def __init__(self, graph: graph_pass.Graph, diagnostics: tuple[Diagnostic, ...],
                 backend: str = "auto", program: ir.Program | None = None):
        self.graph = graph
        self.model = graph.rubric
        self.program = program if program is not None else lower(self.model, graph)
        self.slot_index = self.program.slot_names()  # name → slot, built once, read per value
        # Each group's result (GroupResult) from the subtotals a backend computed.
        self.group_results = group_builder(self.program)
        self.warnings = tuple(d for d in diagnostics if d.severity is Severity.WARNING)
        self.notes = tuple(d for d in diagnostics if d.severity is Severity.NOTE)
        self.backend = backend
        self._backend_run = None  # made on the first evaluate: `perfdsl compile` never pays for it

    @property
    def title(self) -> str | None:
        return self.model.title

    def evaluate(self, figures: Mapping[str, Any] | data_pass.DataFile) -> Result:
        """Score one unit's figures (a mapping of input names to values, or a loaded data file)."""
        run = self._backend_run
        if run is None:
            run = self._backend_run = _BACKENDS[self.backend](self)
        if figures.__class__ is data_pass.DataFile:
            checked, problems = data_pass.check(self.model, figures)
            result = run(checked, problems)
            result.meta = figures.meta
            result.given = frozenset(f.name for f in figures.figures if f.value is not None)
            if figures.sections:
                from perfdsl.data import claims

                result.reasons = claims.reasons_of(self.model, figures)
            return result
        return run(figures, None)

    def evaluate_many(self, table: Any, keys: Sequence[str] = (), connection: Any = None,
                      engine: str = "auto"):
        """Score many units (docs/api.md#scoring-many-units).

        `table` is a path to a .csv, .parquet, .xlsx or .jsonl table (one row per unit, one
        column per input, headed by its name or label; `keys` name columns kept in each
        Result's `meta`), an iterable of figure mappings, or a DuckDB relation. A path or an
        iterable gives an iterator of Results; a relation gives a relation: the scored table,
        computed by DuckDB when it is read (`connection`: the relation's connection, by
        default DuckDB's default one). A CSV or Parquet path is scored by DuckDB, except a CSV
        under 2 MB, which the generated Python scores faster; `engine` "duckdb" or "python"
        forces either. The Results are the same either way."""
        from perfdsl.data import tables

        if isinstance(table, (str, Path)):
            path = Path(table)
            tables.check_text(path)
            if tables.by_duckdb(path, engine):
                return self._duckdb_results(path, keys)
            return self._python_results(tables.rows(path, self.model, keys))
        if type(table).__name__ == "DuckDBPyRelation":
            return self._relation(table, keys, connection)
        return (self.evaluate(figures) for figures in table)

    def _duckdb_results(self, path: Path, keys: Sequence[str]):
        from perfdsl.backends import sql
        from perfdsl.data import tables

        con, types = tables.open_table(path)
        try:
            batch = tables.prepare(self, con, types, keys, raw_columns=True)
        except sql.TooWide:  # arithmetic too deep for DuckDB's digits: one by one
            return self._python_results(tables.rows(path, self.model, keys))
        return tables.results(self, batch)

    def _python_results(self, rows):
        for keys, figures in rows:
            result = self.evaluate(figures)
            result.meta = keys
            yield result

    def _relation(self, relation: Any, keys: Sequence[str], connection: Any):
        import duckdb

        from perfdsl.data import tables

        con = connection or duckdb.default_connection()
        relation.create_view(tables.VIEW, replace=True)
        types = dict(zip(relation.columns, (str(t) for t in relation.types)))
        batch = tables.prepare(self, con, types, keys)
        return con.sql(batch.sql)

    def to_json(self) -> dict[str, Any]:
        """The compiled graph as plain data (docs/graph.md)."""
        return graph_pass.to_json(self.graph)


def _interpreter(compiled: CompiledRubric):
    """The reference interpreter as a backend: exact, node by node."""
    from perfdsl.backends import interpret

    program = compiled.program
    model = compiled.model
    names = [i.name for i in program.inputs]

    def run(checked: Mapping[str, Any], input_problems: tuple[Diagnostic, ...] | None) -> Result:
        if input_problems is None:  # figures from Python, not checked yet
            checked, input_problems = data_pass.check(model, data_pass.from_mapping(checked))
        slots, scores, stopped = interpret.run(program, [checked[name] for name in names])
        subtotals, total = interpret.totals(program, scores)
        return Result(compiled, slots, scores, stopped, total, grade_of(program, total),
                      input_problems, subtotals)

    return run


def grade_of(program, total: Decimal) -> str:
    """The grade of a total: the first whose bound it meets."""
    for grade in program.grades:
        if grade.minimum is None or total > grade.minimum or (grade.inclusive and total == grade.minimum):
            return grade.name
    return ""  # only when a total is below every grade, which the checks rule out


def _generated(compiled: CompiledRubric):
    """The generated Python as a backend: the program compiled once to straight-line code."""
    from perfdsl.backends import codegen

    program, model = compiled.program, compiled.model
    check, unknown = data_pass.slow_checks(model, [i.name for i in program.inputs])
    limits = (Decimal(10) ** data_pass.MAX_DIGITS, Decimal(10) ** -data_pass.MAX_PLACES)
    fallback = _interpreter(compiled)
    try:
        with collector.paused():
            run = codegen.compile_program(program, check, unknown, limits)
            compiled.group_results = codegen.compile_groups(program, GroupResult)
    except (RecursionError, MemoryError, SyntaxError):  # pragma: no cover - see the comment
        # Python's own compiler has limits of its own (nesting, size) that no rubric within
        # the language's limits should reach; if one does, the reference interpreter scores it
        # — slower, never wrong — rather than a crash.
        return fallback

    exact_context = codegen.exact.CONTEXT
    get, put = decimal.getcontext, decimal.setcontext

    def evaluate(figures: Mapping[str, Any],
                 input_problems: tuple[Diagnostic, ...] | None) -> Result:
        # The caller's decimal context is set aside and put back, not copied: cheaper than
        # localcontext, and the generated code runs in the exact context whatever the caller's.
        previous = get()
        put(exact_context)
        try:
            slots, scores, subtotals, total, grade, found, stopped = run(figures)
        except ArithmeticError:  # beyond exact Decimal arithmetic: the interpreter never is
            put(previous)
            return fallback(figures, input_problems)
        put(previous)
        if found:
            input_problems = (input_problems or ()) + tuple(found)
        return Result(compiled, slots, scores, stopped, total, grade, input_problems or (),
                      subtotals)

    return evaluate


# Units the `auto` backend scores with the interpreter before it compiles the program: making
# the generated code costs about as much as interpreting ten units, of any size of rubric, so a
# single `perfdsl score` never pays for it and a batch pays it once.
WARM_UP = 8


def _auto(compiled: CompiledRubric):
    """The interpreter for the first units, then the generated Python (it replaces itself)."""
    interpreter = _interpreter(compiled)
    left = WARM_UP

    def evaluate(figures: Mapping[str, Any],
                 input_problems: tuple[Diagnostic, ...] | None) -> Result:
        nonlocal left
        left -= 1
        if left <= 0:
            compiled._backend_run = _generated(compiled)
        return interpreter(figures, input_problems)

    return evaluate


_BACKENDS = {"auto": _auto, "interpret": _interpreter, "generated": _generated}


def diagnose(source: Source, *, read: load_pass.Reader | None = None, root: str | None = None,
             base: str | None = None) -> tuple[CompiledRubric | None, list[Diagnostic]]:
    """Run every pass; return the compiled rubric (None if it has errors) and all diagnostics.

    `source.name` is the rubric's path (relative to `base`, default the current folder): the
    templates it builds on (`基于 "…"`) are read beside it with `read(path)` (default: from the
    disk), never from outside `root` (default: its folder)."""
    checked = check(source, read=read, root=root, base=base)
    return checked.compiled, checked.diagnostics


@attrs.frozen(eq=False)
class Checked:
    """What the passes made of a rubric, errors or not: for editors, which need the files of the
    chain, the merged tree and a model also when the rubric has mistakes."""

    loaded: load_pass.Loaded  # every file of the chain, parsed (a tree may be None: E003)
    composed: compose_pass.Composed | None  # None when a file did not parse or load
    model: Any  # checks.model.Rubric, partial when the rubric has errors; None before resolve
    compiled: CompiledRubric | None  # None when the rubric has errors
    diagnostics: list[Diagnostic]


def check(source: Source, *, read: load_pass.Reader | None = None, root: str | None = None,
          base: str | None = None) -> Checked:
    """Run every pass, as `diagnose`, and keep what each made (`Checked`)."""
    # Weights, percentages and band edges are computed in the evaluator's decimal context: the
    # caller's precision or traps must not change them, nor make a weight check raise.
    with collector.paused(), decimal.localcontext(CONTEXT):
        return _check(source, read, root, base)


def compose(source: Source, *, read: load_pass.Reader | None = None, root: str | None = None,
            base: str | None = None
            ) -> tuple[load_pass.Loaded, compose_pass.Composed | None, list[Diagnostic]]:
    """The first passes alone: every file of the chain read and parsed, and — when they all
    parsed — the merged tree with every change it records (for editors: `Composed.changes`)."""
    loaded = load_pass.load(source, read=read, root=root, base=base)
    diagnostics = list(loaded.diagnostics)
    if not loaded.complete or any(d.code in ("E801", "E802", "E803") for d in diagnostics):
        return loaded, None, diagnostics
    composed, found = compose_pass.compose(loaded)
    return loaded, composed, diagnostics + found


def _check(source: Source, read, root, base) -> Checked:
    loaded, composed, diagnostics = compose(source, read=read, root=root, base=base)
    if composed is None:
        return Checked(loaded, None, None, None, diagnostics)
    recovered = any(d.is_error for d in diagnostics)
    model, found = resolve(composed.tree, recovered=recovered)
    diagnostics += found
    if model is not None:
        model = compose_pass.annotate(model, composed)
    templates: dict = {}
    program = None
    if model is not None and not any(d.is_error for d in diagnostics):
        diagnostics += check_pass.check(model)
        graph = graph_pass.build(model)
        program = lower(model, graph)
        diagnostics += bounds_pass.analyse(model, program)
        if any(indicator.explain is not None for indicator in model.indicators):
            from perfdsl.checks import templates as templates_pass  # Jinja only for rubrics that use it

            templates, found = templates_pass.check(model)
            diagnostics += found
    diagnostics.sort(key=sort_key)
    if model is None or program is None or any(d.is_error for d in diagnostics):
        return Checked(loaded, composed, model, None, diagnostics)
    graph = graph_pass.build(model, templates)
    compiled = CompiledRubric(graph, tuple(diagnostics), program=program)
    return Checked(loaded, composed, model, compiled, diagnostics)


def compile_string(text: str, name: str = "<string>", *, read: load_pass.Reader | None = None,
                   root: str | None = None, base: str | None = None) -> CompiledRubric:
    """Compile rubric text; raise `CompileError` listing every error. `name` is its path: a
    template it builds on is read relative to it (see `diagnose`)."""
    compiled, diagnostics = diagnose(Source(name, text), read=read, root=root, base=base)
    if compiled is None:
        raise CompileError(diagnostics)
    return compiled


def compile_file(path: str | Path, *, root: str | Path | None = None) -> CompiledRubric:
    """Compile a `.rubric` file (and the templates it builds on, within `root`, by default its
    folder); raise `CompileError` listing every error."""
    return compile_string(read_rubric(path), str(path), root=None if root is None else str(root))


def read_rubric(path: str | Path) -> str:
    """A rubric file's text: E007 if it cannot be read, E008 (with the place of the first bad
    byte and how to save the file as UTF-8) if it is not UTF-8."""
    from perfdsl.untrusted import decode

    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        raise CompileError([Diagnostic("E007", None, {"reason": f"{path}: {error}"})]) from None
    return decode(raw, str(path), "E008")
