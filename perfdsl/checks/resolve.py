"""Pass 2 — resolve: syntax tree → model, with names resolved and types inferred.

Expects a `syntax.Rubric`. Guarantees a `model.Rubric` (or None when the file has no usable
structure) and every problem found on the way as a diagnostic: unknown and duplicate names (with
"did you mean"), a name of the wrong kind, unit and type errors, non-constant weights, a
division by a constant 0, cycles among derived values, misplaced or missing clauses. An
expression with an error gets the type `ERROR`, which is never reported again, so one mistake
gives one diagnostic.

It also enforces the limits that only it can check (`perfdsl.language.limits`): the digits of
every numeric literal and the size of every folded constant, and the depth of every value
counted through the values it reads. Values are typed in dependency order by an explicit
depth-first walk, so a chain of values of any length never recurses; everything else here
recurses only into one expression or one block, which parse has bounded.

Weight sums and the other whole-rubric checks are `perfdsl.checks.weights`'s.
"""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal

import attrs

from perfdsl.checks import model as m
from perfdsl.checks import targets
from perfdsl.language import limits
from perfdsl.language import syntax as s
from perfdsl.checks import units
from perfdsl.diagnostics import Diagnostic, Related, closest
from perfdsl.language.keywords import KEYWORDS
from perfdsl.language.source import Span
from perfdsl.checks.units import ERROR, Type
from perfdsl.formatting import plain

_KIND_WORDS = {
    "input": ("an input", "输入"), "let": ("a derived value", "派生值"),
    "indicator": ("an indicator", "指标"), "group": ("a group", "指标组"),
    "scale": ("a scale", "量表"), "level": ("a level", "等次"),
}

_OP_WORDS = {"+": ("add", "加"), "-": ("subtract", "减"), "*": ("multiply", "乘"),
             "/": ("divide", "除")}

_HUNDREDTH = Decimal("0.01")

_MAX_PLACES = 10  # round(x, n): n decimal places (negative: tens, hundreds…)

_FUNCTION_ARITY = {"min": (1, None), "max": (1, None), "abs": (1, 1), "round": (1, 2)}

_FUNCTION_ZH = {"min": "最小", "max": "最大", "round": "四舍五入", "abs": "绝对值"}

# What must be a constant number (E311), in the words of either language.
_CONSTANT_WORDS = {
    "total": "总分", "weight": "分值", "reference": "参考分值", "fraction": "比例",
    "range": "范围", "default": "默认值", "grade": "等级下限", "points": "分数",
    "band edge": "分档界限", "band score": "分档得分", "step": "每档幅度", "fallback": "异常得分",
    "round's number of places": "四舍五入的位数",
}

# Grades when a rubric gives none: 财预〔2020〕10号's bands for a total of 100, as shares of the
# rubric's own total, so a rubric out of 10 grades 9 as 优, not 差.
_DEFAULT_GRADES = (("优", Decimal("0.9")), ("良", Decimal("0.8")), ("中", Decimal("0.6")),
                   ("差", None))


def _keyword(token: str) -> tuple[str, str]:
    """A keyword's English and Chinese spellings, to name a clause in a message."""
    spellings = KEYWORDS[token]
    return spellings[0], spellings[1]


_HEADER_KEYWORDS = {"title": "RUBRIC", "year": "YEAR", "total": "TOTAL"}
_CLAUSE_KEYWORDS = {s.ValueClause: "VALUE", s.ScoreClause: "SCORE", s.Fallback: "FALLBACK",
                    s.Monotone: "MONOTONE", s.Group: "GROUP", s.Indicator: "INDICATOR"}
_TEXT_KEYWORDS = {"description": "DESCRIPTION", "standard": "STANDARD", "explain": "EXPLAIN"}


def resolve(tree: s.Rubric, *, recovered: bool = False) -> tuple[m.Rubric | None, list[Diagnostic]]:
    """Resolve a syntax tree; `recovered` says the parser skipped broken statements."""
    resolver = _Resolver(tree, recovered)
    rubric = resolver.run()
    return rubric, resolver.diagnostics


class _Resolver:
    def __init__(self, tree: s.Rubric, recovered: bool):
        self.tree = tree
        self.recovered = recovered
        self.diagnostics: list[Diagnostic] = []
        self.names: dict[str, tuple[str, object]] = {}  # name → (kind, syntax node)
        self.scales: dict[str, m.Scale] = {}
        self.input_types: dict[str, Type] = {}
        self.inputs: dict[str, m.InputDecl] = {}
        self.value_types: dict[str, Type] = {}  # lets and indicator values, once resolved
        self.value_exprs: dict[str, s.Expr] = {}
        self.derived: dict[str, m.Derived] = {}
        self.indicator_values: dict[str, m.Expr] = {}
        self.used: set[str] = set()
        self.group_names: dict[str, s.Group] = {}
        # Targets, checks, policy basis, layout (perfdsl.checks.targets)
        self.checks: list[tuple[s.Check, tuple[str, ...] | None]] = []
        self.basis: list[str] = []
        self.layout: s.Layout | None = None
        self.in_check = False
        self.current: tuple[str, m.Expr | None, m.Goal | None] | None = None  # the indicator
        self.scale_names: dict[str, Span] = {}
        self.value_depths: dict[str, int] = {}  # depth of each value, the values it reads in place
        self.deepest_read: dict[str, str] = {}  # the value through which that depth is reached
        self.too_deep: dict[str, None] = {}  # values past MAX_VALUE_DEPTH (E013 at the first)
        self.unfit: set[tuple[str, int]] = set()  # (code, id of the node) reported by E010/E014/E207

    def error(self, code: str, span: Span | None, *, related: tuple[Related, ...] = (),
              suggestion: str | None = None, **args) -> None:
        for key, value in list(args.items()):
            if isinstance(value, Type):  # a type is described in the message's own language
                args[key], args[key + "_zh"] = value.describe(), value.describe("zh")
        self.diagnostics.append(Diagnostic(code, span, args, related=related,
                                           suggestion=suggestion))

    # --- Declarations -------------------------------------------------------------------------

    def run(self) -> m.Rubric | None:
        header: dict[str, object] = {}
        grades: s.Grades | None = None
        lets: list[s.Let] = []
        tops: list = []
        for stmt in self.tree.statements:
            if isinstance(stmt, (s.Title, s.Year, s.Total)):
                key = type(stmt).__name__.lower()
                if key in header:
                    self.twice(stmt.span, header[key].span, *_keyword(_HEADER_KEYWORDS[key]))
                header[key] = stmt
            elif isinstance(stmt, s.Grades):
                if grades is not None:
                    self.twice(stmt.span, grades.span, *_keyword("GRADES"))
                grades = stmt
            elif isinstance(stmt, s.Scale):
                self.declare_scale(stmt)
            elif isinstance(stmt, s.Input):
                self.declare("input", stmt.name, stmt)
            elif isinstance(stmt, s.Let):
                self.declare("let", stmt.name, stmt)
                self.value_exprs[stmt.name.text] = stmt.value
                lets.append(stmt)
            elif isinstance(stmt, (s.Group, s.Indicator, s.OrphanBlock)):
                tops.append(stmt)
                self.declare_tree(stmt)
            elif isinstance(stmt, s.Check):
                self.checks.append((stmt, None))
            elif isinstance(stmt, s.Basis):
                self.basis.append(stmt.text)
            elif isinstance(stmt, s.Layout):
                if self.layout is not None:
                    self.twice(stmt.span, self.layout.span, *_keyword("LAYOUT"))
                self.layout = stmt
        inputs = [stmt for stmt in self.tree.statements if isinstance(stmt, s.Input)]
        for stmt in inputs:  # values need the inputs' types; defaults may not read values
            self.input_types[stmt.name.text] = self.input_type(stmt)
        self.type_values([let.name.text for let in lets] + list(self.value_exprs))
        for stmt in inputs:
            self.inputs[stmt.name.text] = self.resolve_input(stmt)

        total = Decimal(100)
        if "total" in header:
            total = self.constant(header["total"].value, "total") or total  # type: ignore[union-attr]
        elif not self.recovered:
            self.error("E308", Span(self.tree.source, 0, 0))
        children = tuple(self.resolve_children(tops, ()))
        indicators = tuple(_leaves(children))
        declared = any(kind == "indicator" for kind, _ in self.names.values())
        if not declared and not self.recovered:
            self.error("E307", Span(self.tree.source, 0, 0))
        checks = tuple(c for c in (self.resolve_check(check, path) for check, path in self.checks)
                       if c is not None)
        if not self.recovered:  # a skipped statement may be the one that used them
            self.warn_unused()
        title = header.get("title")
        return m.Rubric(
            source=self.tree.source,
            title=title.text if title else None,  # type: ignore[union-attr]
            year=self.year(header.get("year")),  # type: ignore[arg-type]
            total=total,
            grades=self.resolve_grades(grades, total),
            scales=tuple(self.scales.values()),
            inputs=tuple(self.inputs.values()),
            derived=tuple(self.derived[let.name.text] for let in lets
                          if let.name.text in self.derived),
            groups=children,
            indicators=indicators,
            checks=checks,
            basis=tuple(self.basis),
            layout=self.resolve_layout(),
        )

    def twice(self, span: Span, first: Span, what: str, what_zh: str) -> None:
        """E006: a clause or header statement given a second time."""
        self.error("E006", span, what=what, what_zh=what_zh,
                   related=(Related(first, "first-given"),))

    def duplicate(self, name: s.Name, first: Span) -> None:
        """E102 at the second definition of `name`, with the first as a related place."""
        self.error("E102", name.span, name=name.text,
                   related=(Related(first, "first-definition"),))

    def year(self, year: s.Year | None) -> int | None:
        if year is None:
            return None
        value = year.value
        if value != value.to_integral_value() or not 1 <= value <= 9999:
            self.error("E203", year.span, expected="a year, as a whole number such as 2021",
                       expected_zh="年度（整数，例如 2021）", actual=plain(value),
                       actual_zh=plain(value))
            return None
        return int(value)

    def declare(self, kind: str, name: s.Name, node) -> None:
        previous = self.names.get(name.text)
        if previous is not None:
            self.duplicate(name, previous[1].name.span)  # type: ignore[attr-defined]
            return
        self.names[name.text] = (kind, node)

    def declare_tree(self, node) -> None:
        if isinstance(node, s.Group):
            self.group_names.setdefault(node.name.text, node)
        if isinstance(node, s.Indicator):
            self.declare("indicator", node.name, node)
            value = next((c for c in node.clauses if isinstance(c, s.ValueClause)), None)
            if value is not None:
                self.value_exprs[node.name.text] = value.expr
        items = node.children if isinstance(node, s.Group) else (
            node.items if isinstance(node, s.OrphanBlock) else node.clauses)
        for child in items:
            if isinstance(child, (s.Group, s.Indicator, s.OrphanBlock)):
                self.declare_tree(child)

    def declare_scale(self, stmt: s.Scale) -> None:
        name = stmt.name.text
        if name in self.scales:
            self.duplicate(stmt.name, self.scale_names[name])
            return
        self.scale_names[name] = stmt.name.span
        levels = []
        seen: dict[str, Span] = {}
        for row in stmt.rows:
            if row.name.text in seen:
                self.duplicate(row.name, seen[row.name.text])
                continue
            seen[row.name.text] = row.name.span
            low = self.fraction(row.low)
            high = self.fraction(row.high) if row.high is not None else None
            if row.high is None:
                levels.append(m.Level(name=row.name.text, fraction=low, low=None, high=None,
                                      span=row.span))
            else:
                if low is not None and high is not None and low > high:
                    self.error("E312", row.span, scale=name,
                               problem=f"the range of `{row.name.text}` runs backwards",
                               problem_zh=f"`{row.name.text}` 的区间上下限颠倒")
                levels.append(m.Level(name=row.name.text, fraction=None, low=low, high=high,
                                      span=row.span, low_closed=row.low_closed,
                                      high_closed=row.high_closed))
        self.scales[name] = m.Scale(name=name, levels=tuple(levels), span=stmt.span)

    def fraction(self, expr: s.Expr) -> Decimal | None:
        value = self.constant(expr, "fraction")
        if value is not None and not Decimal(0) <= value <= Decimal(1):
            self.error("E409", expr.span, value=_show(expr))
            return None
        return value

    def input_type(self, stmt: s.Input) -> Type:
        """The type an input is declared with (ERROR for a level of an unknown scale)."""
        kind = stmt.type.kind
        argument = stmt.type.argument.text if stmt.type.argument else None
        if kind == "money" and argument is not None \
                and argument.split("/")[0] not in units.MONEY_UNITS:
            self.error("E107", stmt.type.argument.span, unit=argument,  # type: ignore[union-attr]
                       units=", ".join(u for u in units.MONEY_UNITS if not u.isascii()))
            argument = None
        if kind == "level":
            targets.use_standard_scale(self, argument)
        if kind == "level" and argument not in self.scales:
            self.error("E104", stmt.type.span, name=argument,
                       suggestion=closest(argument or "", self.scales))
            return ERROR  # the rules that read this input say nothing more
        return units.declared(kind, argument)

    def resolve_input(self, stmt: s.Input) -> m.InputDecl:
        type_ = self.input_types[stmt.name.text]
        default: Decimal | bool | str | None = None
        if stmt.default is not None and type_ is not ERROR:
            default = self.input_default(stmt, type_)
        bounds = []
        for bound in stmt.bounds:
            self.plain_number_for_percent(type_, bound.value)
            value = self.constant(bound.value, "range")
            if value is not None:
                bounds.append(m.Bound(op=bound.op, value=value))
        if isinstance(default, Decimal):
            from perfdsl.checks.model import describe_bounds, within

            if not all(within(default, b) for b in bounds):
                self.error("E317", stmt.default.span, name=stmt.name.text,  # type: ignore[union-attr]
                           value=plain(default), range=describe_bounds(bounds, type_))
        return m.InputDecl(name=stmt.name.text, type=type_, label=stmt.label, default=default,
                           bounds=tuple(bounds), description=stmt.description, span=stmt.span)

    def input_default(self, stmt: s.Input, type_: Type) -> Decimal | bool | str | None:
        expr = stmt.default
        if type_.kind == "level" and isinstance(expr, s.Ref):
            scale = self.scales.get(type_.scale or "")
            if scale is not None and scale.level(expr.name) is None:
                self.error("E105", expr.span, name=expr.name, scale=scale.name,
                           levels=", ".join(lv.name for lv in scale.levels))
            return expr.name
        if type_.kind == "bool" and isinstance(expr, s.Boolean):
            return expr.value
        if type_.is_quantity and isinstance(expr, (s.Number, s.Negate, s.Binary)):
            self.plain_number_for_percent(type_, expr)
            return self.constant(expr, "default")
        actual = self.expression(expr).type if not isinstance(expr, s.Ref) else units.TEXT
        if actual is ERROR:  # the expression has its own diagnostic
            return None
        self.error("E206", expr.span, name=stmt.name.text, actual=actual,
                   expected=type_)
        return None

    def resolve_grades(self, grades: s.Grades | None, total: Decimal) -> tuple[m.Grade, ...]:
        if grades is None:
            return tuple(m.Grade(name=name, inclusive=True, span=self.tree.span,
                                 minimum=None if share is None else Decimal(plain(share * total)))
                         for name, share in _DEFAULT_GRADES)
        out = []
        previous: Decimal | None = None
        previous_row = None
        for i, row in enumerate(grades.rows):
            minimum = None
            inclusive = True
            if row.bound is None:
                if i != len(grades.rows) - 1:
                    self.error("E310", row.span, name=row.name.text)
            else:
                minimum = self.constant(row.bound.value, "grade")
                inclusive = row.bound.op != ">"
                if row.bound.op not in (">=", ">"):
                    self.error("E314", row.bound.span, what=row.bound.op, what_zh=row.bound.op)
                if minimum is not None and previous is not None and minimum >= previous:
                    self.error("E309", row.span, name=row.name.text, bound=plain(minimum),
                               previous=plain(previous),
                               related=(Related(previous_row.span, "previous-grade"),))
                if minimum is not None:
                    previous, previous_row = minimum, row
            out.append(m.Grade(name=row.name.text, minimum=minimum, inclusive=inclusive,
                               span=row.span))
        if out and out[-1].minimum is not None and (out[-1].minimum > 0 or not out[-1].inclusive):
            self.error("E316", grades.rows[-1].span, name=out[-1].name,
                       bound=plain(out[-1].minimum))
        return tuple(out)

    # --- Groups and indicators ----------------------------------------------------------------

    def resolve_node(self, node, parent: tuple[str, ...]):
        if isinstance(node, s.OrphanBlock):
            if not self.recovered:
                self.error("E313", Span(node.span.source, node.span.start, node.span.start + 1))
            for item in node.items:
                if isinstance(item, (s.Group, s.Indicator, s.OrphanBlock)):
                    self.resolve_node(item, parent)
            return None
        path = parent + (node.name.text,)
        weights = self.weights(node, path)
        texts = {c.kind: c.text for c in node.clauses if isinstance(c, s.Text)}
        if isinstance(node, s.Group):
            for clause in node.clauses:
                if isinstance(clause, s.Check):
                    self.checks.append((clause, None))
                elif isinstance(clause, s.Basis):
                    continue
                elif not isinstance(clause, (s.Weight, s.Text)) or clause.kind in ("standard", "explain"):
                    self.misplaced(clause)
            children = self.resolve_children(node.children, path)
            weight = weights["weight"]
            if weight is None and children and not self.recovered:
                weight = sum((c.weight for c in children), Decimal(0))
            return m.Group(path=path, weight=weight if weight is not None else Decimal(0),
                           reference=weights["reference"], description=texts.get("description"),
                           children=tuple(children), span=node.span,
                           basis=tuple(c.text for c in node.clauses if isinstance(c, s.Basis)))
        return self.resolve_indicator(node, path, weights, texts)

    def resolve_children(self, nodes, path: tuple[str, ...]) -> list:
        """The resolved groups and indicators among `nodes`; a group may not share its name
        with a sibling, or `subtotal()` could not tell them apart (E102)."""
        first: dict[str, Span] = {}
        children = []
        for child in nodes:
            resolved = self.resolve_node(child, path)
            if resolved is None:
                continue
            if isinstance(resolved, m.Group) and resolved.name in first:
                self.duplicate(child.name, first[resolved.name])
            first.setdefault(resolved.name, child.name.span)
            children.append(resolved)
        return children

    def weights(self, node, path) -> dict[str, Decimal | None]:
        found: dict[str, Decimal | None] = {"weight": None, "reference": None}
        spans: dict[str, Span] = {}
        for clause in node.clauses:
            if isinstance(clause, s.Weight):
                value = self.constant(clause.value, clause.kind)
                if value is not None and value <= 0 and clause.kind == "weight":
                    self.error("E304", clause.span, name=path[-1], value=value)
                    value = None
                elif value is not None and value != value.quantize(_HUNDREDTH, ROUND_DOWN):
                    # Scores are kept to 0.01: a finer weight could round a full score past it.
                    self.error("E315", clause.span, name=path[-1], value=plain(value))
                    value = None
                if clause.kind in spans:
                    self.twice(clause.span, spans[clause.kind], *_keyword(clause.kind.upper()))
                spans.setdefault(clause.kind, clause.span)
                found[clause.kind] = value
        if found["weight"] is None and isinstance(node, s.Indicator) and not any(
                isinstance(c, s.Weight) and c.kind == "weight" for c in node.clauses):
            self.error("E303", node.name.span, name=path[-1], kind="indicator", kind_zh="指标")
        return found

    def misplaced(self, clause) -> None:
        if isinstance(clause, s.OrphanBlock):
            what = what_zh = "{ … }"
        else:
            what, what_zh = _keyword(_TEXT_KEYWORDS[clause.kind] if isinstance(clause, s.Text)
                                     else _CLAUSE_KEYWORDS[type(clause)])
        self.error("E314", clause.span, what=what, what_zh=what_zh)

    def resolve_indicator(self, node: s.Indicator, path, weights, texts):
        name = node.name.text
        value = None
        value_span: Span | None = None
        rules = []
        fallback = None
        for clause in node.clauses:
            if isinstance(clause, s.ValueClause):
                if value_span is not None:
                    self.twice(clause.span, value_span, *_keyword("VALUE"))
                value_span = value_span or clause.span
                value = self.indicator_values.get(name)
            elif isinstance(clause, s.ScoreClause):
                rules.append(clause)
            elif isinstance(clause, s.Fallback):
                fallback = self.constant(clause.score, "fallback")
            elif isinstance(clause, (s.Group, s.Indicator, s.OrphanBlock)):
                self.misplaced(clause)
            elif isinstance(clause, s.Check):
                self.checks.append((clause, path))
        goal = self.resolve_goal(node, value)
        if not rules:
            if not self.recovered:  # the rule may be in a statement the parser had to skip
                self.error("E305", node.name.span, name=name)
            return None
        if len(rules) > 1:
            self.error("E306", rules[1].span, name=name,
                       related=(Related(rules[0].span, "first-rule"),))
        weight = weights["weight"]
        if weight is None:
            # Resolve the rule all the same: its own mistakes are reported now, and the inputs
            # it reads are not then called unused (W001).
            self.rule(rules[0].rule, None)
            return None
        self.current = (name, value, goal)
        rule = self.rule(rules[0].rule, weight)
        self.current = None
        if rule is None or not self.rule_within_depth(name, rule):
            return None
        explain = next((c for c in node.clauses if isinstance(c, s.Text) and c.kind == "explain"),
                       None)
        return m.Indicator(path=path, weight=weight, reference=weights["reference"],
                           description=texts.get("description"), standard=texts.get("standard"),
                           value=value, rule=rule, fallback=fallback, span=node.span,
                           explain=explain.text if explain else None,
                           explain_span=explain.span if explain else None,
                           monotone=self.monotone(node, value, rule), goal=goal,
                           basis=tuple(c.text for c in node.clauses if isinstance(c, s.Basis)))

    def monotone(self, node: s.Indicator, value: m.Expr | None, rule: m.Rule) -> tuple:
        """The indicator's `单调 递增 NAME` clauses: NAME is a number its score depends on."""
        from perfdsl.checks.model import reads_of, rule_exprs

        clauses = [c for c in node.clauses if isinstance(c, s.Monotone)]
        if not clauses:
            return ()
        reads: set[str] = {node.name.text} if value is not None else set()
        stack = [value, *rule_exprs(rule)]
        while stack:
            for name in reads_of(stack.pop()):
                if name not in reads:
                    reads.add(name)
                    stack.append(self.derived[name].expr if name in self.derived
                                 else self.indicator_values.get(name))
        out: dict[str, m.Monotone] = {}
        for clause in clauses:
            name = clause.name.text
            kind = self.names.get(name, ("", None))[0]
            if kind == "input":
                type_ = self.inputs[name].type
            elif name in self.value_exprs:
                type_ = self.value_type(name)
            else:  # not a value: E101, E103, or a level
                type_ = self.expression(s.Ref(name=name, span=clause.name.span)).type
                if type_.kind == "level":
                    self.error("E606", clause.name.span, name=name, actual=type_)
                continue
            if name in out:
                monotone, monotone_zh = _keyword("MONOTONE")
                self.twice(clause.span, out[name].span, f"{monotone} {name}",
                           f"{monotone_zh} {name}")
            elif type_ is not ERROR and not type_.is_quantity:
                self.error("E606", clause.name.span, name=name, actual=type_)
            elif name not in reads:
                self.error("E605", clause.name.span, name=name, indicator=node.name.text)
            out[name] = m.Monotone(direction=clause.direction, name=name, span=clause.span)
        return tuple(out.values())

    # --- Derived values and indicator values, in dependency order -----------------------------

    def value_type(self, name: str) -> Type:
        """The type of the let or indicator value `name`; `type_values` has resolved them all."""
        return self.value_types.get(name, ERROR)

    def is_value(self, name: str) -> bool:
        """Whether a reference to `name` reads a let or an indicator's value (as expr_Ref sees it)."""
        kind = self.names.get(name, ("", None))[0]
        return kind == "let" or (kind == "indicator" and name in self.value_exprs)

    def type_values(self, roots: list[str]) -> None:
        """Resolve every value reachable from `roots`, each after the values it reads.

        A depth-first walk with an explicit stack, so that a chain of values of any length costs
        no recursion: a reference back into the stack is a cycle (E106), and a value deeper than
        MAX_VALUE_DEPTH when the values it reads are counted in place is E013. Each value's own
        expression is then resolved by the (recursive, but bounded by parse) expression walk,
        which finds the types of the values it reads already known.
        """
        done: set[str] = set()
        for root in roots:
            if root in done or root not in self.value_exprs:
                continue
            stack = [_Visit(root, _value_reads(self.value_exprs[root], self.is_value))]
            on_stack = {root}
            while stack:
                visit = stack[-1]
                if visit.next < len(visit.reads.refs):
                    ref = visit.reads.refs[visit.next]
                    visit.next += 1
                    if ref.name in on_stack:
                        names = [v.name for v in stack]
                        cycle = names[names.index(ref.name):] + [ref.name]
                        self.error("E106", ref.span, cycle=" → ".join(cycle))
                        for member in cycle:
                            self.value_types[member] = ERROR
                    elif ref.name not in done:
                        on_stack.add(ref.name)
                        stack.append(_Visit(ref.name, _value_reads(self.value_exprs[ref.name],
                                                                   self.is_value)))
                    continue
                stack.pop()
                on_stack.discard(visit.name)
                done.add(visit.name)
                self.finish_value(visit.name, visit.reads)

    def rule_within_depth(self, name: str, rule: m.Rule) -> bool:
        """Whether the expressions of `name`'s rule, with the values they read in place, stay
        within MAX_VALUE_DEPTH (else E013 at the rule): the same bound as for values, so that
        any expression of the model, followed through the values it reads, is that shallow."""
        from perfdsl.checks.model import rule_exprs

        depth, through = 0, None
        stack = [(expr, 1) for expr in rule_exprs(rule)]
        while stack:
            expr, level = stack.pop()
            if isinstance(expr, m.ValueRef):
                below = self.value_depths.get(expr.name, 1)
                if level + below > depth:
                    depth, through = level + below, expr.name
                continue
            depth = max(depth, level)
            stack.extend((operand, level + 1) for operand in _model_operands(expr))
        if depth <= limits.MAX_VALUE_DEPTH:
            return True
        self.error("E013", rule.span, name=name, depth=depth, limit=limits.MAX_VALUE_DEPTH,
                   chain=self.chain([name], through))
        return False

    def chain(self, chain: list[str], through: str | None) -> str:
        """`chain` followed down the deepest values read from `through`, shortened for a message."""
        while through is not None and len(chain) <= limits.MAX_VALUE_DEPTH:
            chain.append(through)
            through = self.deepest_read.get(through)
        shown = chain if len(chain) <= 6 else chain[:3] + ["…"] + chain[-2:]
        return " → ".join(shown)

    def finish_value(self, name: str, reads: _Reads) -> None:
        """Resolve value `name`, whose reads are all resolved (or part of a cycle)."""
        expr = self.expression(self.value_exprs[name])
        if name in self.value_types:  # part of a cycle, reported
            return
        depth, through = reads.height, None
        for ref in reads.refs:
            if ref.name in self.too_deep:
                self.too_deep[name] = None  # the value it reads has the diagnostic
                self.value_types[name] = ERROR
                return
            below = self.value_depths.get(ref.name, 1)
            if ref.depth + below > depth:
                depth, through = ref.depth + below, ref.name
        if depth > limits.MAX_VALUE_DEPTH:
            kind, node = self.names[name]
            self.error("E013", node.name.span, name=name, depth=depth,  # type: ignore[attr-defined]
                       limit=limits.MAX_VALUE_DEPTH, chain=self.chain([name], through))
            self.too_deep[name] = None
            self.value_types[name] = ERROR
            return
        self.value_depths[name] = depth
        if through is not None:
            self.deepest_read[name] = through
        self.value_types[name] = expr.type
        kind, node = self.names[name]
        if kind == "let":
            self.derived[name] = m.Derived(name=name, expr=expr, label=node.label,  # type: ignore[attr-defined]
                                           span=node.span)  # type: ignore[attr-defined]
        else:
            self.indicator_values[name] = expr

    def warn_unused(self) -> None:
        for name, decl in self.inputs.items():
            if name not in self.used and decl.type.kind != "text":  # text is for the report
                self.diagnostics.append(Diagnostic("W001", self.names[name][1].name.span,  # type: ignore[attr-defined]
                                                   {"name": name}))
        for name in self.derived:
            if name not in self.used:
                self.diagnostics.append(Diagnostic("W002", self.names[name][1].name.span,  # type: ignore[attr-defined]
                                                   {"name": name}))

    # --- Expressions --------------------------------------------------------------------------

    def constant(self, expr: s.Expr, what: str) -> Decimal | None:
        """The value of a constant expression (weights, band edges, points), or a diagnostic:
        E311 when it reads a name, E010/E014/E207 when it cannot be folded within the limits."""
        try:
            value = _fold(expr)
        except _Unfit as problem:
            self.unfit_constant(problem)
            return None
        if value is None:
            self.error("E311", expr.span, what=what, what_zh=_CONSTANT_WORDS[what])
        return value

    def unfit_constant(self, problem: _Unfit) -> None:
        """Report a literal, a folded constant or a divisor past the limits, once per node."""
        key = (problem.code, id(problem.node))
        if key not in self.unfit:
            self.unfit.add(key)
            self.error(problem.code, problem.node.span, **problem.facts)

    def expression(self, expr: s.Expr) -> m.Expr:
        method = getattr(self, "expr_" + type(expr).__name__)
        return method(expr)

    def expr_Number(self, expr: s.Number) -> m.Expr:
        if not limits.literal_fits(expr.value, expr.percent):
            self.unfit_constant(_literal_too_long(expr))
            return m.Const(value=Decimal(0), type=ERROR, span=expr.span)
        return m.Const(value=expr.value, type=units.RATE if expr.percent else units.NUMBER,
                       span=expr.span)

    def expr_Boolean(self, expr: s.Boolean) -> m.Expr:
        return m.Const(value=expr.value, type=units.BOOL, span=expr.span)

    def expr_Ref(self, expr: s.Ref) -> m.Expr:
        name = expr.name
        entry = self.names.get(name)
        if entry is None and name in self.group_names:
            entry = ("group", self.group_names[name])
        if entry is None:
            levels = [scale for scale in self.scales.values() if scale.level(name)]
            if levels:
                scale = levels[0].name if len(levels) == 1 else None
                return m.LevelConst(level=name, type=Type("level", scale=scale), span=expr.span)
            if name in self.tree.lost_names:  # declared in a statement with a syntax error
                return m.Const(value=Decimal(0), type=ERROR, span=expr.span)
            candidates = list(self.names) + [lv.name for sc in self.scales.values() for lv in sc.levels]
            self.error("E101", expr.span, name=name, suggestion=closest(name, candidates))
            return m.Const(value=Decimal(0), type=ERROR, span=expr.span)
        kind, node = entry
        self.used.add(name)
        if kind == "input":
            return m.InputRef(name=name, type=self.input_types[name], span=expr.span)
        if kind == "let" or (kind == "indicator" and name in self.value_exprs):
            return m.ValueRef(name=name, type=self.value_type(name), span=expr.span)
        if kind == "indicator" and self.recovered:  # its value may be in a skipped statement
            return m.Const(value=Decimal(0), type=ERROR, span=expr.span)
        self.error("E103", expr.span, name=name, actual=_KIND_WORDS[kind][0],
                   expected="a value", actual_zh=_KIND_WORDS[kind][1], expected_zh="一个值")
        return m.Const(value=Decimal(0), type=ERROR, span=expr.span)

    def expr_Negate(self, expr: s.Negate) -> m.Expr:
        operand = self.expression(expr.operand)
        type_ = operand.type
        if type_ is not ERROR and not type_.is_quantity:
            type_ = self.expect_quantity(operand)
        return m.Unary(op="-", operand=operand, type=type_, span=expr.span)

    def expect_quantity(self, expr: m.Expr) -> Type:
        self.error("E203", expr.span, expected="a number", actual=expr.type.describe(),
                   expected_zh="数值", actual_zh=expr.type.describe("zh"))
        return ERROR

    def expect_bool(self, expr: m.Expr) -> None:
        if expr.type is not ERROR and expr.type.kind != "bool":
            self.error("E203", expr.span, expected="yes/no (a condition)",
                       actual=expr.type.describe(), expected_zh="是/否（条件）",
                       actual_zh=expr.type.describe("zh"))

    def expr_Binary(self, expr: s.Binary) -> m.Expr:
        left, right = self.expression(expr.left), self.expression(expr.right)
        if expr.op == "/" and right.type is not ERROR and _fold_quietly(expr.right) == 0:
            self.unfit_constant(_Unfit("E207", expr.right, divisor=expr.right.span.text))
            return m.Binary(op=expr.op, left=left, right=right, type=ERROR, span=expr.span)
        if ERROR in (left.type, right.type):
            return m.Binary(op=expr.op, left=left, right=right, type=ERROR, span=expr.span)
        type_ = units.arithmetic(expr.op, left.type, right.type)
        if type_ is None:
            en, zh = _OP_WORDS[expr.op]
            hint_en = hint_zh = ""
            if expr.op in "+-" and left.type.is_quantity and right.type.is_quantity:
                hint_en = "both sides of + and − need the same unit"
                hint_zh = "加减两边的单位必须相同"
            self.error("E201", expr.span, op=en, op_zh=zh, left=left.type,
                       right=right.type, hint_en=hint_en, hint_zh=hint_zh)
            type_ = ERROR
        return m.Binary(op=expr.op, left=left, right=right, type=type_, span=expr.span)

    def expr_Compare(self, expr: s.Compare) -> m.Expr:
        left, right = self.expression(expr.left), self.expression(expr.right)
        self.check_comparable(left, right, expr.op, expr.span)
        return m.Binary(op=expr.op, left=left, right=right, type=units.BOOL, span=expr.span)

    def plain_number_for_percent(self, type_: Type, expr: s.Expr) -> None:
        """Warn when a percentage meets a plain number above 1: `完成率 ≥ 90` means 9000%."""
        if type_.display != "percent" or not isinstance(expr, s.Number) or expr.percent \
                or not limits.literal_fits(expr.value):
            return
        if abs(expr.value) > 1:
            self.diagnostics.append(Diagnostic("W003", expr.span, {
                "value": plain(expr.value), "percent": plain(expr.value * 100)}))

    def check_comparable(self, left: m.Expr, right: m.Expr, op: str, span: Span) -> None:
        lt, rt = left.type, right.type
        if ERROR in (lt, rt):
            return
        for quantity, other in ((lt, right), (rt, left)):
            if isinstance(other, m.Const) and other.type.unit == units.ANY_UNIT:
                self.plain_number_for_percent(quantity, s.Number(
                    value=other.value, percent=False, span=other.span))  # type: ignore[arg-type]
        if lt.is_quantity and rt.is_quantity:
            if units.unify_units(lt, rt) is None:
                self.error("E202", span, left=lt, right=rt,
                           hint_en="compare figures of the same unit",
                           hint_zh="只能比较单位相同的数")
            return
        if lt.kind == rt.kind == "bool" and op in ("=", "!="):
            return
        if lt.kind == rt.kind == "level" and op in ("=", "!="):
            for const, other in ((left, rt), (right, lt)):
                if isinstance(const, m.LevelConst) and other.scale in self.scales:
                    scale = self.scales[other.scale]
                    if scale.level(const.level) is None:
                        self.error("E105", const.span, name=const.level, scale=scale.name,
                                   levels=", ".join(lv.name for lv in scale.levels))
            return
        hint_en = hint_zh = ""
        if "level" in (lt.kind, rt.kind):
            hint_en = "a level can only be compared with = or ≠ to a level of its scale"
            hint_zh = "等次只能用 = 或 ≠ 与同一量表的等次比较"
        self.error("E202", span, left=lt, right=rt, hint_en=hint_en,
                   hint_zh=hint_zh)

    def expr_Logical(self, expr: s.Logical) -> m.Expr:
        left, right = self.expression(expr.left), self.expression(expr.right)
        self.expect_bool(left)
        self.expect_bool(right)
        return m.Binary(op=expr.op, left=left, right=right, type=units.BOOL, span=expr.span)

    def expr_Not(self, expr: s.Not) -> m.Expr:
        operand = self.expression(expr.operand)
        self.expect_bool(operand)
        return m.Unary(op="not", operand=operand, type=units.BOOL, span=expr.span)

    def expr_Conditional(self, expr: s.Conditional) -> m.Expr:
        condition = self.expression(expr.condition)
        self.expect_bool(condition)
        then, otherwise = self.expression(expr.then), self.expression(expr.otherwise)
        type_ = then.type
        if ERROR in (then.type, otherwise.type):
            type_ = ERROR
        elif then.type.is_quantity and otherwise.type.is_quantity:
            unit = units.unify_units(then.type, otherwise.type)
            if unit is None:
                self.error("E205", expr.span, left=then.type,
                           right=otherwise.type)
                type_ = ERROR
            else:
                type_ = then.type if then.type.unit != units.ANY_UNIT else otherwise.type
        elif then.type != otherwise.type:
            self.error("E205", expr.span, left=then.type, right=otherwise.type)
            type_ = ERROR
        return m.Cond(condition=condition, then=then, otherwise=otherwise, type=type_,
                      span=expr.span)

    def expr_Call(self, expr: s.Call) -> m.Expr:
        if expr.function in targets.FACTS:
            return targets.fact(self, expr)
        args = tuple(self.expression(a) for a in expr.args)
        low, high = _FUNCTION_ARITY[expr.function]
        if len(args) < low or (high is not None and len(args) > high):
            expected = expected_zh = str(low) if low == high else f"{low}–{high}"
            if high is None:
                expected, expected_zh = f"{low} or more", f"至少 {low}"
            self.error("E204", expr.span, function=expr.function,
                       function_zh=_FUNCTION_ZH[expr.function], expected=expected,
                       expected_zh=expected_zh, actual=len(args))
            return m.Call(function=expr.function, args=args, type=ERROR, span=expr.span)
        if any(a.type is ERROR for a in args):
            return m.Call(function=expr.function, args=args, type=ERROR, span=expr.span)
        for arg in args:
            if not arg.type.is_quantity:
                return m.Call(function=expr.function, args=args, type=self.expect_quantity(arg),
                              span=expr.span)
        type_ = args[0].type
        if expr.function == "round":
            places = (self.constant(expr.args[1], "round's number of places") if len(args) == 2
                      else Decimal(0))
            if places is None:
                pass
            elif places != places.to_integral_value() or abs(places) > _MAX_PLACES:
                self.error("E203", expr.args[1].span,
                           expected=f"a whole number of places from -{_MAX_PLACES} to {_MAX_PLACES}",
                           expected_zh=f"-{_MAX_PLACES} 到 {_MAX_PLACES} 之间的整数位数",
                           actual=expr.args[1].span.text, actual_zh=expr.args[1].span.text)
            elif len(args) == 2:  # the evaluator reads the places as a constant, `-1` included
                args = (args[0], m.Const(value=places, type=units.NUMBER, span=expr.args[1].span))
        else:
            for arg in args[1:]:
                unit = units.unify_units(type_, arg.type)
                if unit is None:
                    self.error("E202", expr.span, left=type_, right=arg.type,
                               hint_en=f"the arguments of `{expr.function}` need one unit",
                               hint_zh=f"`{_FUNCTION_ZH[expr.function]}` 的各参数单位必须相同")
                    return m.Call(function=expr.function, args=args, type=ERROR, span=expr.span)
                if type_.unit == units.ANY_UNIT:
                    type_ = arg.type
        return m.Call(function=expr.function, args=args, type=type_, span=expr.span)

    # --- Scoring rules ------------------------------------------------------------------------

    def rule(self, rule: s.Rule, weight: Decimal | None) -> m.Rule | None:
        """The resolved rule; `weight` None when the indicator has none (checks against it skip)."""
        before = len(self.diagnostics)
        resolved = getattr(self, "rule_" + type(rule).__name__)(rule, weight)
        if any(d.is_error for d in self.diagnostics[before:]):
            return None
        return resolved

    def condition(self, expr: s.Expr) -> m.Expr:
        resolved = self.expression(expr)
        self.expect_bool(resolved)
        return resolved

    def quantity(self, expr: s.Expr, unit_of: m.Expr | None = None) -> m.Expr:
        """A number-valued expression; with `unit_of`, one comparable with that expression."""
        resolved = self.expression(expr)
        if resolved.type is ERROR:
            return resolved
        if not resolved.type.is_quantity:
            self.expect_quantity(resolved)
        elif unit_of is not None and unit_of.type is not ERROR and unit_of.type.is_quantity:
            self.plain_number_for_percent(unit_of.type, expr)
            if units.unify_units(unit_of.type, resolved.type) is None:
                self.error("E202", expr.span, left=unit_of.type,
                           right=resolved.type,
                           hint_en="compare figures of the same unit",
                           hint_zh="只能比较单位相同的数")
        return resolved

    def rate(self, expr: s.Expr) -> m.Expr:
        resolved = self.expression(expr)
        if resolved.type is not ERROR and (not resolved.type.is_quantity
                                           or resolved.type.unit not in ("", units.ANY_UNIT)):
            self.error("E203", expr.span, expected="a rate", actual=resolved.type.describe(),
                       expected_zh="比率", actual_zh=resolved.type.describe("zh"))
        return resolved

    def points(self, expr: s.Expr, rule: str) -> Decimal:
        value = self.constant(expr, "points")
        if value is not None and value < 0:
            self.error("E402", expr.span, rule=rule, rule_zh=_keyword(rule.upper())[1],
                       what="points", what_zh="扣分")
        return value if value is not None else Decimal(0)

    def rule_FullIf(self, rule: s.FullIf, weight: Decimal) -> m.Rule:
        return m.FullIf(condition=self.condition(rule.condition), span=rule.span)

    def rule_Proportional(self, rule: s.Proportional, weight: Decimal) -> m.Rule:
        return m.Proportional(rate=self.rate(rule.rate), span=rule.span)

    def rule_Formula(self, rule: s.Formula, weight: Decimal) -> m.Rule:
        return m.Formula(expr=self.quantity(rule.expr), span=rule.span)

    def rule_Bands(self, rule: s.Bands, weight: Decimal) -> m.Rule:
        subject = self.quantity(rule.subject)
        bands = []
        if not rule.rows:
            self.error("E406", rule.span)
        for i, row in enumerate(rule.rows):
            if row.kind == "else" and i != len(rule.rows) - 1:
                self.error("E407", row.span)
            if row.kind == "compare" and row.op == "!=":
                self.error("E411", row.span, op="≠")
                continue
            for edge in (row.low, row.high):
                if edge is not None:
                    self.quantity(edge, subject)
            low = self.constant(row.low, "band edge") if row.low is not None else None
            high = self.constant(row.high, "band edge") if row.high is not None else None
            if row.score is None:
                points = weight
            elif row.points or not (isinstance(row.score, s.Number) and row.score.percent):
                points = self.constant(row.score, "band score")
                if points is not None and weight is not None and not Decimal(0) <= points <= weight:
                    self.error("E410", row.score.span, points=points, weight=weight)
            else:
                fraction = self.fraction(row.score)
                points = None if fraction is None or weight is None else fraction * weight
            if points is not None:
                bands.append(_band(row, low, high, points))
        return m.Bands(subject=subject, bands=tuple(bands), span=rule.span)

    def rule_Stepwise(self, rule: s.Stepwise, weight: Decimal) -> m.Rule:
        subject = self.quantity(rule.subject)
        threshold = self.quantity(rule.threshold, subject)
        self.quantity(rule.step, subject)
        step = self.constant(rule.step, "step")
        if step is not None and step <= 0:
            self.error("E401", rule.step.span, rule="stepwise", rule_zh=_keyword("STEPWISE")[1])
        return m.Stepwise(subject=subject, direction=rule.direction, threshold=threshold,
                          step=step or Decimal(1), points=self.points(rule.points, "stepwise"),
                          mode=rule.mode, span=rule.span)

    def rule_Findings(self, rule: s.Findings, weight: Decimal) -> m.Rule:
        return m.Findings(count=self.quantity(rule.count),
                          points=self.points(rule.points, "findings"), span=rule.span)

    def rule_Deductions(self, rule: s.Deductions, weight: Decimal) -> m.Rule:
        return m.Deductions(deductions=tuple(
            m.Deduction(condition=self.condition(row.condition),
                        points=self.points(row.points, "deductions"), reason=row.reason,
                        span=row.span)
            for row in rule.rows), span=rule.span)

    def level_subject(self, expr: s.Expr) -> tuple[m.Expr, m.Scale | None]:
        resolved = self.expression(expr)
        if resolved.type is ERROR:
            return resolved, None
        if resolved.type.kind != "level" or resolved.type.scale not in self.scales:
            self.error("E403", expr.span, name=expr.span.text)
            return resolved, None
        return resolved, self.scales[resolved.type.scale]

    def rule_Levels(self, rule: s.Levels, weight: Decimal) -> m.Rule:
        subject, scale = self.level_subject(rule.subject)
        if scale is not None:
            for level in scale.levels:
                # A level with no fraction and no range had its fraction reported (E409).
                if level.fraction is None and (level.low is not None or level.high is not None):
                    self.error("E404", rule.span, scale=scale.name, level=level.name)
        return m.Levels(subject=subject, scale=scale, span=rule.span)  # type: ignore[arg-type]

    def rule_Judged(self, rule: s.Judged, weight: Decimal) -> m.Rule:
        score = self.quantity(rule.score)
        level, scale = self.level_subject(rule.level)
        if scale is not None:
            for lv in scale.levels:
                if lv.low is None and lv.fraction is not None:
                    self.error("E405", rule.span, scale=scale.name, level=lv.name)
        return m.Judged(score=score, level=level, scale=scale, span=rule.span)  # type: ignore[arg-type]

    def rule_Checklist(self, rule: s.Checklist, weight: Decimal) -> m.Rule:
        items = []
        for item in rule.items:
            label = item.label or item.condition.span.text
            items.append(m.ChecklistItem(condition=self.condition(item.condition),
                                         points=self.points(item.points, "checklist"),
                                         label=label, span=item.span))
        total = sum((item.points for item in items), Decimal(0))
        if weight is not None and total > weight:
            self.error("E408", rule.span, actual=plain(total), weight=plain(weight))
        return m.Checklist(items=tuple(items), span=rule.span)

    def rule_Target(self, rule: s.Target, weight: Decimal) -> m.Rule:
        if rule.actual is None:  # `对标` alone: against the indicator's declared 年度指标值
            return targets.declared_target(self, rule)
        actual = self.quantity(rule.actual)
        target = self.quantity(rule.target, actual)
        if rule.tolerance is not None or rule.over_ok:
            return self.equal_target(rule, actual, target)
        if rule.overshoot is not None:
            return self.overshoot_target(rule, actual, target, weight)
        constant = _fold(rule.target)
        if rule.op in ("<=", ">=") and constant is not None and constant < 0:
            # A reduction target (变动率 ≤ −30%): T ÷ A would be negative, so it has its own kind.
            return m.NegativeTarget(actual=actual, op=rule.op, target=target, span=rule.span)
        return m.Target(actual=actual, op=rule.op, target=target, span=rule.span)

    def equal_target(self, rule: s.Target, actual: m.Expr, target: m.Expr) -> m.Rule:
        if rule.op != "=":
            self.error("E452", rule.span, option="容差 / 超出不扣分", option_en="tolerance / over_ok",
                       op="=")
        tolerance = Decimal(0)
        if rule.tolerance is not None:
            self.quantity(rule.tolerance, actual)
            tolerance = self.constant(rule.tolerance, "tolerance") or Decimal(0)
            if tolerance < 0:
                self.error("E453", rule.tolerance.span, value=_show(rule.tolerance))
        return m.EqualTarget(actual=actual, target=target, tolerance=tolerance,
                             over_ok=rule.over_ok, span=rule.span)

    def overshoot_target(self, rule: s.Target, actual: m.Expr, target: m.Expr,
                         weight: Decimal | None) -> m.Rule:
        cut = rule.overshoot
        assert cut is not None
        if rule.op != ">=":
            self.error("E452", cut.span, option="超额", option_en="overshoot", op="≥")
        self.rate(cut.ratio)
        ratio = self.constant(cut.ratio, "overshoot") or Decimal(0)
        if cut.op not in (">=", ">") or ratio <= 1:
            self.error("E454", cut.span, value=_show(cut.ratio))
        points = self.points(cut.points, "overshoot")
        unless = self.condition(cut.unless) if cut.unless is not None else None
        return m.OvershootTarget(actual=actual, target=target, op=cut.op, ratio=ratio,
                                 points=points, unless=unless, span=rule.span)

    def rule_Decay(self, rule: s.Decay, weight: Decimal) -> m.Rule:
        actual = self.quantity(rule.actual)
        target = self.quantity(rule.target, actual)
        factor = Decimal(2)
        if rule.factor is not None:
            factor = self.constant(rule.factor, "decay") or factor
            if factor <= 1:
                self.error("E451", rule.factor.span, value=_show(rule.factor))
        return m.Decay(actual=actual, target=target, factor=factor, span=rule.span)

    # --- Targets, checks, policy basis and layout (perfdsl.checks.targets) --------------------

    def resolve_goal(self, node: s.Indicator, value: m.Expr | None) -> m.Goal | None:
        return targets.goal(self, node, value)

    def resolve_check(self, check: s.Check, path: tuple[str, ...] | None) -> m.Check | None:
        return targets.check(self, check, path)

    def resolve_layout(self) -> str:
        return targets.layout(self, self.layout)


def _band(row: s.BandRow, low: Decimal | None, high: Decimal | None, points: Decimal) -> m.Band:
    """The interval a band row covers, and the points it gives."""
    if row.kind == "interval":
        return m.Band(low=low, low_closed=row.low_closed, high=high, high_closed=row.high_closed,
                      points=points, span=row.span)
    if row.kind == "else":
        return m.Band(low=None, low_closed=True, high=None, high_closed=True,
                      points=points, span=row.span)
    op = row.op
    if op in (">=", ">"):
        return m.Band(low=low, low_closed=op == ">=", high=None, high_closed=True,
                      points=points, span=row.span)
    if op in ("<=", "<"):
        return m.Band(low=None, low_closed=True, high=low, high_closed=op == "<=",
                      points=points, span=row.span)
    if op == "=":
        return m.Band(low=low, low_closed=True, high=low, high_closed=True, points=points,
                      span=row.span)
    raise AssertionError(f"band operator {op!r} is excluded by resolve")


class _Unfit(Exception):
    """A constant that cannot be folded within the limits of the language."""

    def __init__(self, code: str, node: s.Expr, **args):
        super().__init__(code)
        self.code, self.node, self.facts = code, node, args


def _literal_too_long(number: s.Number) -> _Unfit:
    return _Unfit("E010", number, number=number.span.text.strip(),
                  integer_digits=limits.MAX_INTEGER_DIGITS,
                  fraction_digits=limits.MAX_FRACTION_DIGITS)


_FOLD = {"+": Decimal.__add__, "-": Decimal.__sub__, "*": Decimal.__mul__,
         "/": Decimal.__truediv__}


def _fold(expr: s.Expr) -> Decimal | None:
    """Fold a constant expression to its value; None if it uses names. Raises `_Unfit` for a
    literal with too many digits (E010), a result past 10^15 (E014) or a division by 0 (E207):
    a folded constant always fits the decimal context, so nothing that uses it can trap."""
    if isinstance(expr, s.Number):
        if not limits.literal_fits(expr.value, expr.percent):
            raise _literal_too_long(expr)
        return expr.value
    if isinstance(expr, s.Negate):
        value = _fold(expr.operand)
        return None if value is None else -value
    if isinstance(expr, s.Binary):
        left, right = _fold(expr.left), _fold(expr.right)
        if left is None or right is None:
            return None
        if expr.op == "/" and right == 0:
            raise _Unfit("E207", expr.right, divisor=expr.right.span.text)
        value = _FOLD[expr.op](left, right)
        if not limits.constant_fits(value):
            raise _Unfit("E014", expr, value=plain(value),
                         integer_digits=limits.MAX_INTEGER_DIGITS)
        return value
    return None


def _fold_quietly(expr: s.Expr) -> Decimal | None:
    """The value of a constant expression, or None if it is not one or cannot be folded (the
    walk of the expression itself reports why)."""
    try:
        return _fold(expr)
    except _Unfit:
        return None


def _show(expr: s.Expr) -> str:
    return expr.span.text


def _leaves(nodes):
    for node in nodes:
        if isinstance(node, m.Indicator):
            yield node
        else:
            yield from _leaves(node.children)


@attrs.define
class _Ref:
    name: str
    span: Span
    depth: int  # of the reference within its expression (the root is 1)


@attrs.define
class _Reads:
    refs: list[_Ref]  # the values an expression reads, in the order resolve meets them
    height: int  # the depth of the expression itself


@attrs.define
class _Visit:
    name: str
    reads: _Reads
    next: int = 0


_OPERANDS = {
    s.Negate: ("operand",), s.Not: ("operand",), s.Binary: ("left", "right"),
    s.Compare: ("left", "right"), s.Logical: ("left", "right"),
    s.Conditional: ("condition", "then", "otherwise"),
}


def _model_operands(expr: m.Expr) -> tuple:
    if isinstance(expr, m.Unary):
        return (expr.operand,)
    if isinstance(expr, m.Binary):
        return (expr.left, expr.right)
    if isinstance(expr, m.Cond):
        return (expr.condition, expr.then, expr.otherwise)
    if isinstance(expr, m.Call):
        return expr.args
    return ()


def _value_reads(expr: s.Expr, is_value) -> _Reads:
    """The values `expr` reads, left to right, and its depth — found without recursion."""
    refs: list[_Ref] = []
    height = 0
    stack = [(expr, 1)]
    while stack:
        node, depth = stack.pop()
        height = max(height, depth)
        if isinstance(node, s.Ref):
            if is_value(node.name):
                refs.append(_Ref(node.name, node.span, depth))
            continue
        if isinstance(node, s.Call):
            operands = node.args
        else:
            operands = tuple(getattr(node, f) for f in _OPERANDS.get(type(node), ()))
        stack.extend((operand, depth + 1) for operand in reversed(operands))
    return _Reads(refs, height)
