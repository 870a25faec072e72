"""`perfdsl verify`: look for figures that break what the compiler could not prove or was told.

Two searches over figures within every input's declared type and range:

1. Bounds. For every indicator whose score `perfdsl.core.bounds` could not prove to lie in
   [0, weight] (W602), figures for which the rule's raw result leaves [0, weight] on a side its
   kind does not floor or cap (`perfdsl.core.kinds.relies_on_clamp`). Such a counterexample is written as a
   data file, every input filled, that `perfdsl score` reproduces (W603).
2. Monotonicity. For every `单调 递增 NAME` (`monotone increasing NAME`) clause, two sets of
   figures that differ in one input, where NAME is higher in the second but the score is lower
   (higher, for `递减`). The pair is written as two data files.

Each search tries the interval endpoints first — every input the indicator depends on at the ends
of its range and just inside them, at the edges of band rows and comparisons and just either side,
alone, all together and at the corners of the box — then a derandomised hypothesis search over the
declared domains. hypothesis is needed only here (`pip install 'perfdsl[verify]'`) and imported
only when a search is needed. Where the analysis was only imprecise, the search finds nothing and
the report says so.
"""

from __future__ import annotations

import decimal
import itertools
from collections.abc import Callable, Iterator
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import attrs

from perfdsl import formatting as fmt
from perfdsl.checks import model as m
from perfdsl.checks.model import reads_of
from perfdsl.compiler import CompiledRubric
from perfdsl.core import exact, ir
from perfdsl.core.bounds import analyse, input_interval
from perfdsl.core.kinds import relies_on_clamp

BIG = Decimal(1000000)  # how far an input with no declared bound is tried
CORNERS = 256  # at most this many corners of the box of an indicator's inputs
INSTALL = "pip install 'perfdsl[verify]'"


class MissingHypothesis(Exception):
    """The search needs hypothesis, which is not installed."""


@attrs.frozen
class BoundFinding:
    """An indicator whose bound the analysis left unproven, and what the search found."""

    indicator: m.Indicator
    bound: str  # what the analysis could not prove, in English …
    bound_zh: str  # … and in Chinese
    figures: dict[str, Any] | None  # a counterexample, or None
    raw: Decimal | None  # the rule's result for it
    file: Path | None
    tried: int


@attrs.frozen
class MonotoneFinding:
    """A declared `monotone` clause, and a pair of figures that breaks it if one was found."""

    indicator: m.Indicator
    clause: m.Monotone
    pair: tuple[dict[str, Any], dict[str, Any]] | None  # NAME lower, NAME higher
    values: tuple[Decimal, Decimal] | None  # NAME in each
    shown: tuple[str, str] | None  # the same as the form shows them (95%, 40.11)
    scores: tuple[Decimal, Decimal] | None  # the score in each
    files: tuple[Path, Path] | None
    tried: int

    @property
    def varied(self) -> str | None:
        """The one input the two figures differ in."""
        if self.pair is None:
            return None
        low, high = self.pair
        return next((name for name in low if low[name] != high[name]), None)


Finding = BoundFinding | MonotoneFinding


def verify(rubric: CompiledRubric, examples: int = 300, out: Path | None = None) -> list[Finding]:
    """One finding per unproven bound and per monotone clause, in the order written.

    Raises `MissingHypothesis` before searching anything if a search is needed and hypothesis
    is not installed."""
    model = rubric.model
    unproven = {d.args["indicator"]: d for d in analyse(model, rubric.program)
                if d.code == "W602"}
    tasks = [(i, ind) for i, ind in enumerate(model.indicators) if ind.name in unproven or ind.monotone]
    if tasks:
        _hypothesis()
    search = _Search(rubric, examples)
    findings: list[Finding] = []
    for index, ind in tasks:
        if ind.name in unproven:
            args = unproven[ind.name].args
            findings.append(search.bound(index, ind, args["bound"], args["bound_zh"], out))
        for clause in ind.monotone:
            findings.append(search.monotone(index, ind, clause, out))
    return findings


def _hypothesis():
    try:
        import hypothesis
        from hypothesis import strategies
    except ImportError:
        raise MissingHypothesis(INSTALL) from None
    return hypothesis, strategies


class _Search:
    def __init__(self, rubric: CompiledRubric, examples: int):
        self.rubric = rubric
        self.model = rubric.model
        self.examples = examples
        self.slots = rubric.graph.slots()
        self.scales = {sc.name: sc for sc in self.model.scales}
        self.decls = {d.name: d for d in self.model.inputs}
        edges = self.edges = _edges(rubric.program)
        self.options = {d.name: _interesting(d, self.scales, edges.get(d.name, ())) or [None]
                        for d in self.model.inputs}
        # The figures not under study: 1 where allowed (100% for a rate), else the middle.
        self.base = self.settle({
            name: Decimal(1) if self.decls[name].type.is_quantity and Decimal(1) in values
            else values[len(values) // 2] for name, values in self.options.items()})

    # Running the rubric
    def run(self, figures: dict[str, Any], index: int):
        """The result, or None when these figures are a data problem for the indicator."""
        result = self.rubric.evaluate(figures)
        if result.input_problems or result.problem_of(index) is not None:
            return None
        return result

    def value_of(self, result, name: str) -> Any:
        return result.exact(name)

    def settle(self, figures: dict[str, Any], keep=()) -> dict[str, Any]:
        """Figures with the inputs not in `keep` moved, one at a time through their values worth
        trying, until no indicator has a data problem (a judged score outside its level's
        range, a zero divisor) — so that a data file written from them shows only what it is
        written to show."""
        figures = dict(figures)
        result = self.rubric.evaluate(figures)
        for _ in range(len(self.model.indicators)):
            stopped = [i for i in range(len(self.model.indicators))
                       if result.problem_of(i) is not None]
            if not stopped:
                break
            index = stopped[0]
            movable = [name for name in sorted(self.rubric.graph.indicators[index].inputs,
                                               key=list(self.decls).index) if name not in keep]
            fixed = False
            for name in movable:
                for value in self.options[name]:
                    trial = self.rubric.evaluate({**figures, name: value})
                    if trial.problem_of(index) is None and not trial.input_problems:
                        figures[name], result, fixed = value, trial, True
                        break
                if fixed:
                    break
            if not fixed:
                break
        return figures

    # Bounds
    def bound(self, index: int, ind: m.Indicator, bound: str, bound_zh: str,
              out: Path | None) -> BoundFinding:
        inputs = sorted(self.rubric.graph.indicators[index].inputs, key=list(self.decls).index)
        tried = 0

        def breaks(figures: dict[str, Any]) -> Decimal | None:
            nonlocal tried
            tried += 1
            result = self.run(figures, index)
            raw = None if result is None else result.indicator_at(index).raw
            kind = self.rubric.program.indicators[index].kind
            return raw if raw is not None and relies_on_clamp(kind, ind.rule, raw, ind.weight) \
                else None

        found = None
        for figures in itertools.chain(self.endpoints(inputs), self.near_edges(index, inputs)):
            raw = breaks(figures)
            if raw is not None:
                found = (figures, raw)
                break
        if found is None:
            figures = self.find(inputs, lambda f: breaks(f) is not None)
            if figures is not None:
                found = (figures, breaks(figures))
        path = None
        if found is not None and out is not None:
            path = _write(out / f"{_file_name(ind.name)}.counterexample.yaml",
                          self.data_file(found[0], [
                              f"a counterexample for `{ind.name}` (weight {fmt.plain(ind.weight)}):",
                              f"its rule gives {fmt.plain(found[1])}, outside [0, {fmt.plain(ind.weight)}].",
                              f"Reproduce: perfdsl score {self.model.source.name} THIS_FILE"]))
        return BoundFinding(indicator=ind, bound=bound, bound_zh=bound_zh,
                            figures=found[0] if found else None, raw=found[1] if found else None,
                            file=path, tried=tried)

    # Monotonicity
    def monotone(self, index: int, ind: m.Indicator, clause: m.Monotone,
                 out: Path | None) -> MonotoneFinding:
        name = clause.name
        if name in self.decls:
            varied = [name]
        else:
            varied = [i for i in self.rubric.graph.indicators[index].inputs
                      if i in _depends_on(self.model, name) and self.decls[i].type.is_quantity]
            varied.sort(key=list(self.decls).index)
        rising = clause.direction == "increasing"
        tried = 0  # pairs compared
        cache: dict[tuple, tuple[Decimal, Decimal] | None] = {}

        def point(figures: dict[str, Any]) -> tuple[Decimal, Decimal] | None:
            key = tuple(figures.items())
            if key not in cache:
                result = self.run(figures, index)
                value = None if result is None else self.value_of(result, name)
                # a value that could not be computed is a data problem, not a score
                cache[key] = (value, result.scores[index]) if exact.is_number(value) else None
            return cache[key]

        def broken(a: dict[str, Any], b: dict[str, Any]):
            nonlocal tried
            tried += 1  # an example is a pair
            pa, pb = point(a), point(b)
            if pa is None or pb is None or pa[0] == pb[0]:
                return None
            (low, p_low), (high, p_high) = (a, pa), (b, pb)
            if pa[0] > pb[0]:
                (low, p_low), (high, p_high) = (b, pb), (a, pa)
            wrong = p_low[1] > p_high[1] if rising else p_low[1] < p_high[1]
            return (low, high, p_low, p_high) if wrong else None

        found = None
        inputs = sorted(self.rubric.graph.indicators[index].inputs, key=list(self.decls).index)
        bases = list(itertools.islice(self.endpoints(inputs), 64))
        for number, (base, x) in enumerate(itertools.product(bases, varied)):
            values = self.options[x]
            if name not in self.decls and number < 16:  # where the value meets its edges
                values = sorted(set(values) | set(self.crossings(base, x, name)))
            line = [{**base, x: v} for v in values]
            # Neighbours first: the closest pair that breaks the declaration is the clearest.
            pairs = ((line[i], line[i + gap]) for gap in range(1, len(line))
                     for i in range(len(line) - gap))
            for a, b in pairs:
                found = broken(a, b)
                if found:
                    break
            if found:
                break
        if found is None and varied:
            pair = self.find(inputs, None, varied=varied,
                             pair_test=lambda a, b: broken(a, b) is not None)
            if pair is not None:
                found = broken(*pair)
        if found is None:
            return MonotoneFinding(indicator=ind, clause=clause, pair=None, values=None,
                                   shown=None, scores=None, files=None, tried=tried)
        low, high, (v_low, s_low), (v_high, s_high) = found
        shown = (self.show(name, v_low), self.show(name, v_high))
        files = None
        if out is not None:
            stem = _file_name(ind.name)
            varied_input = next(x for x in low if low[x] != high[x])
            note = (f"`{ind.name}` is declared monotone {clause.direction} in `{name}`, but with "
                    f"`{name}` = {shown[0]} it scores {fmt.score(s_low)}, and with `{name}` = "
                    f"{shown[1]} {fmt.score(s_high)} (only `{varied_input}` differs).")
            files = (_write(out / f"{stem}.monotone.lower.yaml", self.data_file(low, [
                         note, f"This file: `{name}` = {shown[0]}; compare "
                         f"{stem}.monotone.higher.yaml."])),
                     _write(out / f"{stem}.monotone.higher.yaml", self.data_file(high, [
                         note, f"This file: `{name}` = {shown[1]}; compare "
                         f"{stem}.monotone.lower.yaml."])))
        return MonotoneFinding(indicator=ind, clause=clause, pair=(low, high),
                               values=(v_low, v_high), shown=shown, scores=(s_low, s_high),
                               files=files, tried=tried)

    def show(self, name: str, value: Decimal) -> str:
        """A value of an input or value as the form shows it: 95% for a rate, else plainly."""
        decl = self.decls.get(name)
        type_ = decl.type if decl is not None else _values(self.model)[name].type
        if type_.display == "percent":
            return _short(value * 100) + "%"
        return _short(value)

    # Candidates
    def crossings(self, base: dict[str, Any], x: str, name: str) -> list[Decimal]:
        """Values of input `x` (the rest as in `base`) where the value `name` crosses one of the
        edges it is compared with — found by bisection on x's grid — and one step either side:
        the figures where a band or a condition on a computed value changes its mind."""
        edges = self.edges.get(name, ())
        lo_x, hi_x, step = _domain(self.decls[x])

        def at(v: Decimal) -> Decimal | None:
            result = self.rubric.evaluate({**base, x: v})
            value = self.value_of(result, name)
            return value if exact.is_number(value) else None

        line = [(v, at(v)) for v in self.options[x]]
        line = [(v, y) for v, y in line if y is not None]
        out: list[Decimal] = []
        for edge in dict.fromkeys(edges):
            for (v1, y1), (v2, y2) in zip(line, line[1:]):
                if (y1 < edge) == (y2 < edge):
                    continue
                below = y1 < edge
                while v2 - v1 > step:  # V(v1) and V(v2) lie on either side of the edge
                    mid = _on_step((v1 + v2) / 2, step, ROUND_FLOOR)
                    y = at(mid) if v1 < mid < v2 else None
                    if y is None:
                        break
                    v1, v2 = (mid, v2) if (y < edge) == below else (v1, mid)
                out += [v for v in (v1 - step, v1, v2, v2 + step) if lo_x <= v <= hi_x]
        return out

    def near_edges(self, index: int, inputs: list[str]) -> Iterator[dict[str, Any]]:
        """Figures where a computed value the indicator reads meets an edge it is compared
        with, one input moved at a time from the base."""
        node = self.rubric.graph.indicators[index]
        read = set().union(*(_depends_on(self.model, name) for name in node.reads)) if node.reads \
            else set()
        values = [name for name in read if name not in self.decls and name in self.edges]
        for name, x in itertools.product(sorted(values), inputs):
            if self.decls[x].type.is_quantity and x in _depends_on(self.model, name):
                for v in self.crossings(self.base, x, name):
                    yield {**self.base, x: v}

    def endpoints(self, inputs: list[str]) -> Iterator[dict[str, Any]]:
        """The interval endpoints of the inputs an indicator depends on, the others at `base`:
        all low, all high, one at a time, then the corners of the box."""
        base = self.base
        options = {name: self.options[name] for name in inputs}
        for pick in (0, -1):
            yield self.settle({**base, **{name: values[pick]
                                          for name, values in options.items()}}, inputs)
        for name, values in options.items():
            for value in values:
                yield {**base, name: value}
        ends = [dict.fromkeys((options[name][0], options[name][-1])) for name in inputs]
        for corner in itertools.islice(itertools.product(*ends), CORNERS):
            yield self.settle({**base, **dict(zip(inputs, corner))}, inputs)

    def find(self, inputs: list[str], test: Callable[[dict], bool] | None, *,
             varied: list[str] | None = None,
             pair_test: Callable[[dict, dict], bool] | None = None):
        """hypothesis.find over the declared domains of `inputs` (the rest at `base`): figures
        for which `test` holds, or for `pair_test` a pair differing in one of `varied`."""
        hypothesis, st = _hypothesis()
        from hypothesis.errors import NoSuchExample

        if any(self.options[name] == [None] for name in inputs):
            return None  # an input no value fits: there is nothing to search

        figures = st.fixed_dictionaries({name: self.strategy(self.decls[name], st)
                                         for name in inputs}).map(lambda f: {**self.base, **f})
        settings = hypothesis.settings(max_examples=max(self.examples, 1), database=None,
                                       derandomize=True, deadline=None,
                                       suppress_health_check=list(hypothesis.HealthCheck))
        try:
            if pair_test is None:
                return hypothesis.find(figures, test, settings=settings)
            pairs = st.tuples(figures, st.sampled_from(varied)).flatmap(
                lambda fx: st.tuples(st.just(fx[0]), st.just(fx[1]),
                                     self.strategy(self.decls[fx[1]], st),
                                     self.strategy(self.decls[fx[1]], st)))
            a, x, v1, v2 = hypothesis.find(
                pairs, lambda p: pair_test({**p[0], p[1]: p[2]}, {**p[0], p[1]: p[3]}),
                settings=settings)
            return {**a, x: v1}, {**a, x: v2}
        except NoSuchExample:
            return None

    def strategy(self, decl: m.InputDecl, st):
        t = decl.type
        if t.kind == "bool":
            return st.booleans()
        if t.kind == "level":
            return st.sampled_from([lv.name for lv in self.scales[t.scale].levels])
        if t.kind == "text":
            return st.just("")
        lo, hi, step = _domain(decl)
        if step == 1:
            return st.integers(int(lo), int(hi)).map(Decimal)
        return st.decimals(min_value=lo, max_value=hi, places=-step.as_tuple().exponent)

    def data_file(self, figures: dict[str, Any], notes: list[str]) -> str:
        """Figures as a data file `perfdsl score` reads, every input filled."""
        lines = ["# perfdsl verify: " + notes[0]] + [f"# {note}" for note in notes[1:]]
        for decl in self.model.inputs:
            lines.append(f"{_key(decl.name)}: {_yaml_value(figures.get(decl.name), decl)}")
        return "\n".join(lines) + "\n"


# --- The values worth trying ------------------------------------------------------------------

def _step(decl: m.InputDecl) -> Decimal:
    if decl.type.display in ("percent", "ratio"):
        return Decimal("0.0001")  # 0.01%
    if decl.type.display == "count":
        return Decimal(1)
    return Decimal("0.01")  # money, plain numbers


def _domain(decl: m.InputDecl) -> tuple[Decimal, Decimal, Decimal]:
    """The lowest and highest value worth writing on a form, and the step between values (finer
    than usual where the range's own ends are: `范围 > 0.001`). lo > hi when no value fits."""
    step = _step(decl)
    if decl.type.display != "count":
        for bound in decl.bounds:
            if bound.value % step:
                step = min(step, Decimal(1).scaleb(bound.value.normalize().as_tuple().exponent - 1))
    allowed = input_interval(decl.bounds)
    lo = -BIG if allowed.lo.is_infinite() else _on_step(allowed.lo, step, ROUND_CEILING)
    hi = BIG if allowed.hi.is_infinite() else _on_step(allowed.hi, step, ROUND_FLOOR)
    if not allowed.lo_closed and lo == allowed.lo:
        lo += step
    if not allowed.hi_closed and hi == allowed.hi:
        hi -= step
    return lo, hi, step


def _on_step(x: Decimal, step: Decimal, rounding: str) -> Decimal:
    return (x / step).to_integral_value(rounding) * step


def _interesting(decl: m.InputDecl, scales: dict[str, m.Scale], edges) -> list[Any]:
    """One input's values worth trying, in rising order: the ends of its range and just inside
    them, the edges that band rows and comparisons test it against and just either side, 0, 1
    and the middle."""
    t = decl.type
    if t.kind == "bool":
        return [False, True]
    if t.kind == "level":
        return [lv.name for lv in scales[t.scale].levels] if t.scale in scales else []
    if t.kind == "text":
        return [""]
    lo, hi, step = _domain(decl)
    if lo > hi:
        return []
    middle = _on_step((lo + hi) / 2, step, ROUND_HALF_UP)
    values = [lo, hi, lo + step, hi - step, middle, Decimal(0), Decimal(1)]
    for edge in edges:
        edge = _on_step(edge, step, ROUND_HALF_UP)
        values += [edge - step, edge, edge + step]
    return sorted({v for v in values if lo <= v <= hi})


def _edges(program: ir.Program) -> dict[str, list[Decimal]]:
    """Constants each input or value is compared with, read from the lowered program: for a
    comparison with a constant, the values of each name the compared expression turns on at
    that constant (`x − 1 ≤ 0` turns on at x = 1; `⌊gap ÷ step⌋ = 0` at gap = 0 and = step),
    through steps, values that are just another name for a value, sums and products."""
    names = {i.slot: i.name for i in program.inputs}
    names.update((v.slot, v.name) for v in program.values)
    definitions = {v.slot: v.expr for v in program.values}
    out: dict[str, list[Decimal]] = {}

    def note(slot: int, value: Decimal) -> None:
        while True:
            out.setdefault(names[slot], []).append(value)
            alias = definitions.get(slot)
            if not isinstance(alias, ir.Slot):
                return
            slot = alias.index

    def constant(node: ir.Expr, steps: dict[str, ir.Expr]) -> Decimal | None:
        while isinstance(node, ir.Local) and node.name in steps:
            node = steps[node.name]
        if isinstance(node, ir.Const) and isinstance(node.value, Decimal):
            return node.value
        return None

    def invert(node: ir.Expr, value: Decimal, steps: dict[str, ir.Expr], depth: int = 0) -> None:
        if depth > 20:
            return
        if isinstance(node, ir.Local) and node.name in steps:
            invert(steps[node.name], value, steps, depth + 1)
        elif isinstance(node, ir.Slot):
            note(node.index, value)
        elif isinstance(node, ir.Neg):
            invert(node.operand, -value, steps, depth + 1)
        elif isinstance(node, (ir.Floor, ir.Ceil)):
            invert(node.operand, value, steps, depth + 1)
            invert(node.operand, value + 1, steps, depth + 1)
        elif isinstance(node, ir.Arith):
            left, right = constant(node.left, steps), constant(node.right, steps)
            with decimal.localcontext(exact.CONTEXT) as context:
                context.traps[decimal.Inexact] = False
                if right is not None:
                    inverse = {"+": value - right, "-": value + right,
                               "*": value / right if right else None, "/": value * right}
                    if inverse[node.op] is not None:
                        invert(node.left, inverse[node.op], steps, depth + 1)
                if left is not None:
                    inverse = {"+": value - left, "-": left - value,
                               "*": value / left if left else None,
                               "/": left / value if value else None}
                    if inverse[node.op] is not None:
                        invert(node.right, inverse[node.op], steps, depth + 1)

    def walk(node: ir.Expr, steps: dict[str, ir.Expr]) -> None:
        for current in ir.walk(node):
            if isinstance(current, ir.Cmp):
                for side, other in ((current.left, current.right), (current.right, current.left)):
                    value = constant(other, steps)
                    if value is not None:
                        invert(side, value, steps)

    for value in program.values:
        walk(value.expr, {})
    for indicator in program.indicators:
        steps: dict[str, ir.Expr] = {}
        for name, expr in indicator.locals:
            walk(expr, steps)
            steps[name] = expr
        walk(indicator.raw, steps)
    return out


def _values(model: m.Rubric) -> dict[str, m.Expr]:
    """The expression of every derived value and indicator value, by name."""
    exprs = {d.name: d.expr for d in model.derived}
    exprs.update({i.name: i.value for i in model.indicators if i.value is not None})
    return exprs


def _depends_on(model: m.Rubric, name: str) -> set[str]:
    """The names a value is computed from, directly or not (inputs among them), and itself."""
    exprs = _values(model)
    seen: set[str] = set()
    stack = [name]
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        stack.extend(reads_of(exprs.get(current)))
    return seen


def _short(value: Any) -> str:
    """A computed value to four decimals at most: 66.6667, not 66.66666666666666666666666667."""
    if not isinstance(value, Decimal) or value.as_tuple().exponent < -4:  # type: ignore[operator]
        return fmt.plain(Decimal(fmt.fixed(value, 4)))
    return fmt.plain(value)


# --- Files ------------------------------------------------------------------------------------

def _file_name(name: str) -> str:
    return "".join("_" if ch in '/\\:*?"<>|' or ord(ch) < 32 else ch for ch in name)


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


_YAML_WORDS = {"yes", "no", "on", "off", "y", "n", "true", "false", "null"}


def _key(name: str) -> str:
    if name.isidentifier() and name.lower() not in _YAML_WORDS:
        return name
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _yaml_value(value: Any, decl: m.InputDecl) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Decimal):
        if decl.type.display == "percent":
            return f"{fmt.plain(value * 100)}%"
        return fmt.plain(value)
    if value is None:
        return '""'
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


# --- The report -------------------------------------------------------------------------------

_SAY = {
    "counterexample": (
        "{where}: `{indicator}`: counterexample — the rule gives {raw}, outside [0, {weight}] "
        "({bound}){file}",
        "{where}：指标 `{indicator}` 找到反例——规则结果为 {raw}，超出 [0, {weight}]（{bound_zh}）{file_zh}"),
    "imprecise": (
        "{where}: `{indicator}`: bound not proven by interval analysis ({bound}), but no "
        "counterexample found in {tried} examples",
        "{where}：指标 `{indicator}` 的得分范围未能由区间分析证明（{bound_zh}），但在 {tried} 组数据中"
        "未找到反例"),
    "monotone broken": (
        "{where}: `{indicator}` is declared monotone {direction} in `{name}`, but raising "
        "`{name}` from {low} to {high}, the rest fixed, {moves} the score from {before} to "
        "{after}{files}",
        "{where}：指标 `{indicator}` 声明对 `{name}` 单调{direction_zh}，但其他数据不变、`{name}` 从 "
        "{low} 升到 {high} 时，得分从 {before} {moves_zh}到 {after}{files_zh}"),
    "monotone broken via": (
        "{where}: `{indicator}` is declared monotone {direction} in `{name}`, but when `{name}` "
        "rises from {low} to {high} (only `{varied}` changed) the score {moves_past} from "
        "{before} to {after}{files}",
        "{where}：指标 `{indicator}` 声明对 `{name}` 单调{direction_zh}，但只改变 `{varied}`、使 "
        "`{name}` 从 {low} 升到 {high} 时，得分从 {before} {moves_zh}到 {after}{files_zh}"),
    "monotone held": (
        "{where}: `{indicator}`: monotone {direction} in `{name}` — no counterexample found in "
        "{tried} examples",
        "{where}：指标 `{indicator}` 对 `{name}` 单调{direction_zh}——在 {tried} 组数据中未找到反例"),
    "nothing": ("ok: every score is proven to lie within [0, weight], and no indicator declares "
                "`monotone`",
                "通过：每个指标的得分都已证明在 [0, 分值] 之内，且没有指标声明 `单调`"),
    "missing": ("perfdsl verify needs hypothesis to search for counterexamples: {install}",
                "perfdsl verify 需要 hypothesis 来查找反例：{install}"),
}


def say(key: str, lang: str = "en", **args: Any) -> str:
    en, zh = _SAY[key]
    return (zh if lang == "zh" else en).format(**args)


def describe(finding: Finding, lang: str = "en") -> str:
    """One line of the report for a finding, in English or Chinese."""
    ind = finding.indicator
    if isinstance(finding, BoundFinding):
        where = ind.rule.span.location()
        if finding.figures is None:
            return say("imprecise", lang, where=where, indicator=ind.name, bound=finding.bound,
                       bound_zh=finding.bound_zh, tried=finding.tried)
        return say("counterexample", lang, where=where, indicator=ind.name,
                   raw=fmt.plain(finding.raw), weight=fmt.plain(ind.weight), bound=finding.bound,
                   bound_zh=finding.bound_zh,
                   file=f"; written to {finding.file}" if finding.file else "",
                   file_zh=f"；数据已写入 {finding.file}" if finding.file else "")
    where = finding.clause.span.location()
    clause = finding.clause
    direction_zh = "递增" if clause.direction == "increasing" else "递减"
    if finding.pair is None:
        return say("monotone held", lang, where=where, indicator=ind.name, name=clause.name,
                   direction=clause.direction, direction_zh=direction_zh, tried=finding.tried)
    (low, high), (before, after) = finding.shown, finding.scores
    files = finding.files
    key = "monotone broken" if finding.varied == clause.name else "monotone broken via"
    return say(key, lang, where=where, indicator=ind.name, name=clause.name,
               direction=clause.direction, direction_zh=direction_zh, varied=finding.varied,
               low=low, high=high, before=fmt.score(before),
               after=fmt.score(after),
               moves="lowers" if after < before else "raises",
               moves_past="falls" if after < before else "rises",
               moves_zh="降" if after < before else "升",
               files=f"; written to {files[0]} and {files[1]}" if files else "",
               files_zh=f"；数据已写入 {files[0]} 和 {files[1]}" if files else "")


def broken(finding: Finding) -> bool:
    """Whether the search found a counterexample."""
    return (finding.figures if isinstance(finding, BoundFinding) else finding.pair) is not None
