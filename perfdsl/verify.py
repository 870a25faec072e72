"""`perfdsl verify`: look for figures that break what the interval analysis could not prove.

For every indicator whose score `perfdsl.bounds` could not prove to lie in [0, weight] (W602),
search for a counterexample: figures within every input's declared type and range for which the
rule's raw result falls outside [0, weight]. First the interval endpoints — each input at the
ends of its range and just inside them, alone and all together — then a hypothesis-driven search
over the declared domains (hypothesis is needed only here: `pip install perfdsl[verify]`). A
counterexample is written as a data file that reproduces it with `perfdsl score` (W603). Where
the analysis was only imprecise, the search finds nothing and says so.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from perfdsl import formatting as fmt
from perfdsl import model as m
from perfdsl.bounds import analyse
from perfdsl.compiler import CompiledRubric
from perfdsl.units import MONEY_UNITS

BIG = Decimal(1000000)


@attrs.frozen
class Finding:
    indicator: str
    bound: str  # what the analysis could not prove
    counterexample: dict[str, Any] | None
    raw: Decimal | None
    file: Path | None
    tried: int


def verify(rubric: CompiledRubric, examples: int = 300, out: Path | None = None) -> list[Finding]:
    """One finding per indicator whose bound the analysis left unproven."""
    model = rubric.model
    unproven = {d.args["indicator"]: d.args["bound"] for d in analyse(model) if d.code == "W602"}
    findings = []
    for index, ind in enumerate(model.indicators):
        if ind.name not in unproven:
            continue
        tried = 0
        found = None
        for figures in _endpoint_candidates(model):
            tried += 1
            raw = _raw(rubric, figures, index)
            if raw is not None and not Decimal(0) <= raw <= ind.weight:
                found = (figures, raw)
                break
        if found is None:
            found, searched = _search(rubric, index, examples)
            tried += searched
        path = None
        if found is not None and out is not None:
            out.mkdir(parents=True, exist_ok=True)
            path = out / f"{ind.name}.counterexample.yaml"
            path.write_text(data_file(model, found[0], ind, found[1]), "utf-8")
        findings.append(Finding(indicator=ind.name, bound=unproven[ind.name],
                                counterexample=found[0] if found else None,
                                raw=found[1] if found else None, file=path, tried=tried))
    return findings


def _raw(rubric: CompiledRubric, figures: dict[str, Any], index: int) -> Decimal | None:
    result = rubric.evaluate(figures)
    if result.problems:
        return None
    return result._raws[index]


def _domain(decl: m.InputDecl) -> tuple[Decimal | None, bool, Decimal | None, bool]:
    low = high = None
    low_open = high_open = False
    for bound in decl.bounds:
        if bound.op in (">=", ">") and (low is None or bound.value >= low):
            low, low_open = bound.value, bound.op == ">"
        if bound.op in ("<=", "<") and (high is None or bound.value <= high):
            high, high_open = bound.value, bound.op == "<"
    return low, low_open, high, high_open


def _step(decl: m.InputDecl) -> Decimal:
    if decl.type.display in ("percent", "ratio"):
        return Decimal("0.0001")
    return Decimal("0.01") if decl.type.unit in MONEY_UNITS else Decimal(1)


def _interesting(decl: m.InputDecl, scales: dict[str, m.Scale]) -> list[Any]:
    """The values of one input worth trying: the ends of its range and just inside them."""
    t = decl.type
    if t.kind == "bool":
        return [True, False]
    if t.kind == "level":
        return [lv.name for lv in scales[t.scale].levels] if t.scale in scales else []
    if t.kind == "text":
        return [""]
    low, low_open, high, high_open = _domain(decl)
    step = _step(decl)
    lo = (low + step if low_open else low) if low is not None else -BIG
    hi = (high - step if high_open else high) if high is not None else BIG
    values = [lo, hi, lo + step, hi - step, (lo + hi) / 2, Decimal(1), Decimal(0)]
    return [v for v in dict.fromkeys(values) if lo <= v <= hi]


def _endpoint_candidates(model: m.Rubric) -> Iterator[dict[str, Any]]:
    scales = {sc.name: sc for sc in model.scales}
    options = {d.name: _interesting(d, scales) or [None] for d in model.inputs}
    for pick in (0, 1):  # every input at its low end, then at its high end
        yield {name: values[min(pick, len(values) - 1)] for name, values in options.items()}
    base = {name: values[len(values) // 2] for name, values in options.items()}
    for name, values in options.items():  # one input at a time
        for value in values:
            yield {**base, name: value}
    names = list(options)[:8]  # small rubrics: the corners of the box
    for corner in itertools.islice(itertools.product(*(options[n][:2] for n in names)), 256):
        yield {**base, **dict(zip(names, corner))}


def _search(rubric: CompiledRubric, index: int, examples: int):
    try:
        from hypothesis import HealthCheck, find, settings
        from hypothesis import strategies as st
        from hypothesis.errors import NoSuchExample
    except ImportError:
        raise SystemExit("perfdsl verify needs hypothesis: pip install 'perfdsl[verify]'") from None
    model = rubric.model
    weight = model.indicators[index].weight
    scales = {sc.name: sc for sc in model.scales}
    strategy = st.fixed_dictionaries({d.name: _strategy(d, scales, st) for d in model.inputs})
    calls = 0

    def breaks(figures: dict[str, Any]) -> bool:
        nonlocal calls
        calls += 1
        raw = _raw(rubric, figures, index)
        return raw is not None and not Decimal(0) <= raw <= weight

    try:
        figures = find(strategy, breaks, settings=settings(
            max_examples=examples, database=None, derandomize=True, deadline=None,
            suppress_health_check=list(HealthCheck)))
    except NoSuchExample:
        return None, calls
    return (figures, _raw(rubric, figures, index)), calls


def _strategy(decl: m.InputDecl, scales: dict[str, m.Scale], st):
    t = decl.type
    if t.kind == "bool":
        return st.booleans()
    if t.kind == "level":
        return st.sampled_from([lv.name for lv in scales[t.scale].levels])
    if t.kind == "text":
        return st.just("")
    low, low_open, high, high_open = _domain(decl)
    step = _step(decl)
    lo = (low + step if low_open else low) if low is not None else -BIG
    hi = (high - step if high_open else high) if high is not None else BIG
    places = -step.as_tuple().exponent
    return st.decimals(min_value=lo, max_value=hi, places=places)


def data_file(model: m.Rubric, figures: dict[str, Any], ind: m.Indicator, raw: Decimal) -> str:
    """The counterexample as a data file `perfdsl score` reads."""
    lines = [f"# perfdsl verify: a counterexample for `{ind.name}` (weight {fmt.plain(ind.weight)}):",
             f"# its rule gives {fmt.plain(raw)}, outside [0, {fmt.plain(ind.weight)}].",
             f"# Reproduce: perfdsl score {model.source.name} THIS_FILE"]
    for decl in model.inputs:
        lines.append(f"{_key(decl.name)}: {_yaml_value(figures.get(decl.name), decl)}")
    return "\n".join(lines) + "\n"


def _key(name: str) -> str:
    return name if name.isidentifier() else '"' + name.replace('"', '\\"') + '"'


def _yaml_value(value: Any, decl: m.InputDecl) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Decimal):
        if decl.type.display == "percent":
            return f"{fmt.plain(value * 100)}%"
        return fmt.plain(value)
    if value is None:
        return '""'
    return '"' + str(value).replace('"', '\\"') + '"'
