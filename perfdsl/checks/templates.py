"""Explanation templates and report layouts: Jinja in a sandbox that is bounded in every way.

An indicator may carry `计算分析 "..."` / `explain "..."`, a Jinja template for its 计算分析情况
cell, with the indicator's own numbers in scope by their rubric names:

    计算分析 "（在职人员{{ 在职人员数 }}人/编制数{{ 编制数 }}人）×100% = {{ 值 | 百分比 }}"

`check(model)` is a pass over the checked model: it compiles every template and reports, with a
position in the rubric, a syntax error (E501), a name the indicator does not use (E502),
anything that reaches for Python internals or repeats (E503), an unknown filter (E504), or a
template too large or too deeply nested to compile within bounds (E505). It returns the
compiled templates. `--template FILE` report layouts (`compile_layout`) go through the same
checks, with loops allowed.

A rubric or a layout may come from someone else, so a template can neither escape nor exhaust
the machine (docs/security.md):

- **No escape.** An immutable sandbox with no globals and `StrictUndefined`; no attribute or
  item starting with `_`, no `include`/`import`/`extends`, no macros, call blocks or blocks
  (which can recurse), no recursive loops, and in a rubric's explanation no loops at all — a
  sentence needs none.
- **Bounded compilation.** Before Jinja parses a template, a scan of its tokens bounds its size,
  the nesting of its blocks and brackets, the parts of one tag and the digits of a number;
  after parsing, the depth of every expression. So neither Jinja's recursive parser nor
  Python's compiler of the generated code can overflow, and compiling is linear. Jinja folds
  constant expressions at compile time; every operator is intercepted and every filter takes
  the context, so nothing is folded that could grow (`'%0999999999d' % 1`, `10 ** 10 ** 9`).
- **Bounded rendering** (`Limits`): every string or list a template makes (operators `*`, `+`,
  `~`, `%`, string methods such as `center` or `replace`, filters such as `join`), the whole
  output, the operations (lookups, calls, operators, filters, loop turns) and the wall-clock
  time. Each check runs before the work it guards, so memory is never spent first.

A rubric template that passes a bound while rendering leaves the sentence to perfdsl (W501,
printed by `perfdsl score`); a layout that does is a report error (`LayoutError`).
"""

from __future__ import annotations

import contextlib
import contextvars
import time
import traceback
from collections.abc import Iterator, Mapping, MappingView, Set
from decimal import Decimal
from typing import Any

import attrs
import jinja2
from jinja2 import meta, nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.visitor import NodeTransformer

from perfdsl import formatting as fmt
from perfdsl.checks import model as m
from perfdsl.diagnostics import Diagnostic
from perfdsl.checks.model import reads_of, rule_exprs
from perfdsl.language.source import Span

# Names every indicator's template has, in both languages.
FIXED_NAMES = {"值": "value", "value": "value", "得分": "score", "score": "score",
               "分值": "weight", "weight": "weight", "参考分值": "reference",
               "reference": "reference", "指标": "name", "name": "name",
               "扣分": "deduction", "deduction": "deduction", "等次": "level", "level": "level"}

_UNSAFE_ATTRIBUTES = {"mro", "gi_frame", "gi_code", "cr_frame", "f_globals", "f_locals",
                      "func_globals", "func_code", "im_class", "im_func", "format", "format_map"}
_SAFE_BUILTIN_FILTERS = {"abs", "round", "default", "d", "join", "length", "count", "lower",
                         "upper", "trim", "replace", "first", "last", "int", "float", "string",
                         "sum", "min", "max", "truncate", "e", "escape", "list"}
# Statements a template may not use: each can reach files, define code or recurse.
_FORBIDDEN = (nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends, nodes.Macro,
              nodes.CallBlock, nodes.Block)
_WORDS = {nodes.Include: "include", nodes.Import: "import", nodes.FromImport: "import",
          nodes.Extends: "extends", nodes.Macro: "macro", nodes.CallBlock: "call",
          nodes.Block: "block", nodes.For: "for"}


# --- Limits -----------------------------------------------------------------------------------

@attrs.frozen
class Limits:
    """How far one template may go. Compile-time bounds first, then rendering bounds."""

    source: int  # characters of template text
    tag_parts: int  # tokens inside one {{ }} or {% %}
    brackets: int  # ( [ { nested inside one tag
    blocks: int  # {% if %} / {% for %} … nested
    depth: int  # nodes nested in one expression (chains of filters or operators)
    digits: int  # characters of one number literal
    text: int  # characters (or items) of any one string or list made while rendering
    output: int  # characters written, all told
    steps: int  # lookups, calls, operators, filters, outputs and loop turns
    seconds: float  # wall-clock backstop: no check can be skipped for longer than one step


EXPLANATION_LIMITS = Limits(source=10_000, tag_parts=200, brackets=16, blocks=8, depth=40,
                            digits=40, text=100_000, output=100_000, steps=100_000, seconds=2.0)


def layout_limits(model: Any) -> Limits:
    """A layout's bounds, in proportion to the report it lays out (its rows and its text)."""
    size = _size(model, 10**9)
    rows = len(model.get("rows", ())) if isinstance(model, Mapping) else 0
    return Limits(source=1_000_000, tag_parts=400, brackets=16, blocks=8, depth=40, digits=40,
                  text=max(1_000_000, 4 * size), output=max(2_000_000, 20 * size),
                  steps=1_000_000 + 1_000 * rows, seconds=10.0 + rows / 200)


_MAX_POWER_BITS = 100_000  # bits an integer `**` or `*` may make (about 30,000 digits)
# (en, zh) of each way a template can pass a bound; {limit} is filled from `Limits`.
_REASONS = {
    "source": ("has {found} characters, more than {limit}", "长度为 {found} 个字符，超过上限 {limit}"),
    "tag_parts": ("has a tag of more than {limit} parts", "有一个标签超过 {limit} 个成分"),
    "brackets": ("nests brackets more than {limit} deep", "括号嵌套超过 {limit} 层"),
    "blocks": ("nests blocks ({{% if %}}, {{% for %}}…) more than {limit} deep",
               "块（{{% if %}}、{{% for %}} 等）嵌套超过 {limit} 层"),
    "depth": ("nests an expression more than {limit} deep (a long chain of filters or operators)",
              "表达式嵌套超过 {limit} 层（过滤器或运算符链过长）"),
    "digits": ("has a number of more than {limit} digits", "有超过 {limit} 位的数字"),
    "compile": ("cannot be compiled: {found}", "无法编译：{found}"),
    "text": ("makes a text or list longer than {limit}", "生成的文本或列表长度超过 {limit}"),
    "output": ("writes more than {limit} characters", "输出超过 {limit} 个字符"),
    "steps": ("takes more than {limit} steps", "运算超过 {limit} 步"),
    "time": ("runs longer than {limit} seconds", "运行超过 {limit} 秒"),
    "report_time": ("was not run: the report's templates took {limit} seconds in all",
                    "未运行：本报告的模板合计已运行 {limit} 秒"),
    "power": ("makes a number of more than {limit} bits", "生成超过 {limit} 位（二进制）的数"),
    "percent": ("formats text with `%`; use the filters instead", "用 `%` 格式化文本；请改用过滤器"),
    "method": ("calls `{found}`, which templates may not use", "调用了模板不允许使用的 `{found}`"),
    "argument": ("gives `{found}` an argument out of range", "给 `{found}` 的参数超出范围"),
    "error": ("fails: {found}", "出错：{found}"),
}


class LimitExceeded(jinja2.exceptions.SecurityError):
    """A template passed one of its bounds (or did something it may not); says which, in en/zh."""

    def __init__(self, reason: str, limit: Any = "", found: Any = ""):
        self.reason, self.limit, self.found = reason, limit, _cut(str(found), 80)
        super().__init__(self.text("en"))

    def text(self, lang: str = "en") -> str:
        en, zh = _REASONS[self.reason]
        return (zh if lang == "zh" else en).format(limit=self.limit, found=self.found)


class _Budget:
    """What one render has spent; every hook of the sandbox charges it."""

    __slots__ = ("limits", "steps", "output", "deadline", "counting")

    def __init__(self, limits: Limits, counting: bool = True):
        self.limits, self.counting = limits, counting
        self.steps = self.output = 0
        self.deadline = time.monotonic() + limits.seconds

    def step(self) -> None:
        if not self.counting:
            return
        self.steps += 1
        if self.steps > self.limits.steps:
            raise LimitExceeded("steps", self.limits.steps)
        if time.monotonic() > self.deadline:
            raise LimitExceeded("time", self.limits.seconds)

    def emit(self, characters: int) -> None:
        if not self.counting:
            return
        self.output += characters
        if self.output > self.limits.output:
            raise LimitExceeded("output", self.limits.output)

    def text(self, size: int) -> None:
        if size > self.limits.text:
            raise LimitExceeded("text", self.limits.text)


_BUDGET: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar("perfdsl_budget",
                                                                         default=None)


def _budget() -> _Budget:
    """This render's budget; outside a render (Jinja folding constants while it compiles),
    one that checks sizes but counts nothing."""
    return _BUDGET.get() or _IDLE


_IDLE = _Budget(EXPLANATION_LIMITS, counting=False)


def _size(value: Any, limit: int) -> int:
    """About how many characters `str(value)` would take, counted only until it passes `limit`,
    without building the string."""
    total = 0
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            total += len(item)
        elif isinstance(item, bool) or item is None:
            total += 5
        elif isinstance(item, int):
            total += item.bit_length() * 3 // 10 + 2
        elif isinstance(item, Decimal):
            total += fmt.plain_size(item)
        elif isinstance(item, Mapping):
            total += 2 + 4 * len(item)
            if total <= limit:
                stack.extend(item.keys())
                stack.extend(item.values())
        elif isinstance(item, (list, tuple, Set, MappingView)):
            total += 2 + 2 * len(item)
            if total <= limit:
                stack.extend(item)
        else:
            total += 40
        if total > limit:
            return total
    return total


def _check_size(value: Any) -> None:
    budget = _budget()
    budget.text(_size(value, budget.limits.text))


# --- Filters ----------------------------------------------------------------------------------

def _money(value: Any, unit: str | bool = False) -> str:
    if not isinstance(value, Decimal):
        return fmt.value(value, None)
    if unit is True:
        unit = "万元"
    return fmt.money(value, str(unit or ""), with_unit=bool(unit))


def _percent(value: Any) -> str:
    return fmt.percent(value) if isinstance(value, Decimal) else fmt.value(value, None)


def _score(value: Any) -> str:
    return fmt.score(value) if isinstance(value, Decimal) else fmt.value(value, None)


def _number(value: Any, places: int | None = None) -> str:
    if not isinstance(value, Decimal):
        return fmt.value(value, None)
    if places is None:
        return fmt.plain(value)
    if not isinstance(places, int) or not 0 <= places <= 20:
        raise LimitExceeded("argument", found="数/number")
    return fmt.fixed(value, places)


def _level(value: Any) -> str:
    return f"“{value}”" if isinstance(value, str) else fmt.value(value, None)


DOMAIN_FILTERS = {
    "金额": _money, "money": _money,
    "百分比": _percent, "percent": _percent,
    "分数": _score, "score": _score,
    "数": _number, "number": _number,
    "等次": _level, "level": _level,
}


def _join_size(value: Any, d: Any = "", attribute: Any = None) -> int:
    items = list(value) if not isinstance(value, (str, Mapping)) else value
    budget = _budget()
    budget.text(len(items))
    return _size(items, budget.limits.text) + _size(d, budget.limits.text) * max(len(items) - 1, 0)


def _replace_size(s: Any, old: Any = "", new: Any = "", count: Any = None) -> int:
    s, old, new = str(s), str(old), str(new)
    found = len(s) + 1 if old == "" else s.count(old)
    if isinstance(count, int) and count >= 0:
        found = min(found, count)
    return len(s) + found * max(len(new) - len(old), 0)


def _check_truncate(s: Any, length: Any = 255, killwords: Any = False, end: Any = "...",
                    leeway: Any = None) -> None:
    if not isinstance(length, int) or length < len(str(end)) \
            or not (leeway is None or isinstance(leeway, int) and leeway >= 0):
        raise LimitExceeded("argument", found="truncate")


def _check_round(value: Any, precision: Any = 0, method: Any = "common") -> None:
    if not isinstance(precision, int) or not -100 <= precision <= 100:
        raise LimitExceeded("argument", found="round")


def _check_int(value: Any, *args: Any, **kwargs: Any) -> None:
    if isinstance(value, Decimal) and value.is_finite() and value.adjusted() > 4000:
        raise LimitExceeded("power", _MAX_POWER_BITS)


def _check_sum(iterable: Any, attribute: Any = None, start: Any = 0) -> None:
    if not isinstance(start, (int, float, Decimal)):  # sum(lists, []) is quadratic
        raise LimitExceeded("argument", found="sum")


# Filters that turn their input into text (so its size is checked first), and the checks some
# filters need on their arguments before they run.
_STRINGIFYING = {"lower", "upper", "trim", "string", "e", "escape", "md", "truncate",
                 "金额", "money", "百分比", "percent", "分数", "score", "数", "number", "等次",
                 "level"}
_BEFORE = {"truncate": _check_truncate, "round": _check_round, "int": _check_int,
           "sum": _check_sum}
_RESULT_SIZE = {"join": _join_size, "replace": _replace_size}


def _guarded(name: str, function: Any) -> Any:
    """`function` as a filter that charges the budget, checks its input and arguments before it
    runs, and the size of what it made after. Taking the context also stops Jinja from running
    it at compile time (it folds only filters that do not)."""
    passes = getattr(getattr(function, "jinja_pass_arg", None), "name", None)

    @jinja2.pass_context
    def guarded(context: jinja2.runtime.Context, value: Any, *args: Any, **kwargs: Any) -> Any:
        budget = _budget()
        budget.step()
        if name in _STRINGIFYING:
            _check_size(value)
        if name in _BEFORE:
            _BEFORE[name](value, *args, **kwargs)
        if name in _RESULT_SIZE:
            budget.text(_RESULT_SIZE[name](value, *args, **kwargs))
        first = {"context": (context,), "eval_context": (context.eval_ctx,),
                 "environment": (context.environment,)}.get(passes or "", ())
        result = function(*first, value, *args, **kwargs)
        if isinstance(result, (str, list)):
            budget.text(len(result))
        return result

    guarded.__name__ = f"guarded_{name}"
    return guarded


@jinja2.pass_context
def _loop(context: Any, iterable: Any, literal: int = 0) -> Iterator[Any]:
    """Every `{% for %}` iterates through this: a loop turn is a step, and it writes (at most)
    the literal text of its body, which is charged before it is written."""
    budget = _budget()
    budget.step()
    for item in iterable:
        budget.step()
        budget.emit(literal)
        yield item


@jinja2.pass_context
def _concat(context: Any, parts: list[Any]) -> str:
    """`a ~ b`: Jinja joins the parts' text with no hook; this one measures them first."""
    budget = _budget()
    budget.step()
    budget.text(sum(_size(part, budget.limits.text) for part in parts))
    return "".join(_text(part) for part in parts)


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Decimal):
        return fmt.plain(value)
    return str(value)


def _finalize(value: Any) -> Any:
    """How a bare `{{ x }}` prints: decimals plainly (8, 0.5), yes/no as 是/否 — measured."""
    budget = _budget()
    budget.step()
    if isinstance(value, jinja2.Undefined):
        return value  # StrictUndefined raises when it is printed
    if not isinstance(value, str):
        budget.text(_size(value, budget.limits.text))
        value = _text(value)
    budget.emit(len(value))
    return value


# --- The sandbox ------------------------------------------------------------------------------

# String methods a template may call; the ones marked with a size rule can grow a string, and
# are measured before they run. Anything else on a string (`translate`, `expandtabs`, `encode`,
# `format`…) is refused.
_STRING_METHODS: dict[str, Any] = {name: None for name in (
    "capitalize", "casefold", "count", "endswith", "find", "index", "isalnum", "isalpha",
    "isascii", "isdecimal", "isdigit", "islower", "isnumeric", "isspace", "istitle", "isupper",
    "lower", "lstrip", "partition", "removeprefix", "removesuffix", "rfind", "rindex",
    "rpartition", "rsplit", "rstrip", "split", "splitlines", "startswith", "strip", "swapcase",
    "title", "upper")}
_STRING_METHODS.update({
    "center": lambda s, width=0, *_: max(len(s), _width(width)),
    "ljust": lambda s, width=0, *_: max(len(s), _width(width)),
    "rjust": lambda s, width=0, *_: max(len(s), _width(width)),
    "zfill": lambda s, width=0: max(len(s), _width(width)),
    "replace": lambda s, old="", new="", count=-1: _replace_size(s, old, new, count),
    "join": lambda s, items=(): _join_size(items, s),
})
_UNSAFE_METHODS = {int: {"to_bytes"}, Decimal: {"as_integer_ratio"}}


def _width(width: Any) -> int:
    return width if isinstance(width, int) else 0


class _Sandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox, with every operator, call, lookup and output charged and measured.

    All arithmetic operators are intercepted, so Jinja does not fold them while compiling;
    refused ones raise `LimitExceeded` (a SecurityError).
    """

    intercepted_binops = frozenset({"+", "-", "*", "/", "//", "%", "**"})

    def call_binop(self, context, operator: str, left: Any, right: Any) -> Any:
        budget = _budget()
        budget.step()
        if operator == "%" and isinstance(left, str):
            raise LimitExceeded("percent")
        if operator == "**" and isinstance(left, int) and isinstance(right, int) \
                and abs(left) > 1 and right > 0 and left.bit_length() * right > _MAX_POWER_BITS:
            raise LimitExceeded("power", _MAX_POWER_BITS)
        if operator == "*":
            if type(left) is int and type(right) is int \
                    and left.bit_length() + right.bit_length() > _MAX_POWER_BITS:
                raise LimitExceeded("power", _MAX_POWER_BITS)
            for sequence, count in ((left, right), (right, left)):
                if isinstance(sequence, (str, list, tuple)) and isinstance(count, int):
                    # A list of n references to one long text prints n times that text.
                    unit = len(sequence) if isinstance(sequence, str) \
                        else _size(sequence, budget.limits.text)
                    budget.text(unit * max(count, 0))
        if operator == "+" and isinstance(left, (str, list, tuple)) \
                and isinstance(right, (str, list, tuple)):
            budget.text(len(left) + len(right))
        return super().call_binop(context, operator, left, right)

    def call(__self, __context, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        budget = _budget()
        budget.step()
        owner = getattr(__obj, "__self__", None)
        name = getattr(__obj, "__name__", "")
        if isinstance(owner, str):
            if name not in _STRING_METHODS:
                raise LimitExceeded("method", found=f"str.{name}")
            size_of = _STRING_METHODS[name]
            if size_of is not None:
                budget.text(size_of(owner, *args, **kwargs))
        else:
            for kind, refused in _UNSAFE_METHODS.items():
                if isinstance(owner, kind) and name in refused:
                    raise LimitExceeded("method", found=name)
        result = super().call(__context, __obj, *args, **kwargs)
        if isinstance(result, (str, list)):
            budget.text(len(result))
        return result

    def getattr(self, obj: Any, attribute: str) -> Any:
        _budget().step()
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        _budget().step()
        return super().getitem(obj, argument)


def environment(extra_filters: Mapping[str, Any] | None = None) -> _Sandbox:
    """The sandbox every template renders in: no globals, strict undefined, guarded filters."""
    env = _Sandbox(undefined=jinja2.StrictUndefined, finalize=_finalize, autoescape=False,
                   keep_trailing_newline=True)
    env.globals.clear()
    wanted = {name: f for name, f in env.filters.items() if name in _SAFE_BUILTIN_FILTERS}
    wanted.update(DOMAIN_FILTERS)
    wanted.update(extra_filters or {})
    env.filters = {name: _guarded(name, f) for name, f in wanted.items()}
    env.filters["_perfdsl_loop"] = _loop
    env.filters["_perfdsl_concat"] = _concat
    return env


_ENV = environment()


# --- Compiling ---------------------------------------------------------------------------------

@attrs.frozen
class Problem:
    """Why a template cannot be used: a diagnostic code, where (a line of the template, or the
    needle to find in it), and its arguments."""

    code: str
    line: int | None
    args: dict[str, Any]
    needle: str | None = None
    node: nodes.Node | None = None


_OPENERS = {"for", "if", "macro", "call", "filter", "with", "block", "autoescape", "trans"}


def _scan(env: jinja2.Environment, text: str, limits: Limits) -> Problem | None:
    """Bound a template's shape from its tokens, before Jinja's recursive parser sees it."""
    if len(text) > limits.source:
        return _limit("source", limits.source, 1, found=len(text))
    blocks = brackets = parts = 0
    first_name: str | None = None
    assigns = inside = False
    try:
        for line, kind, value in env.lex(text):
            if kind in ("block_begin", "variable_begin"):
                parts, brackets, first_name, assigns, inside = 0, 0, None, False, True
            elif kind in ("block_end", "variable_end"):
                inside = False
                if kind == "variable_end":
                    continue
                if first_name in _OPENERS or first_name == "set" and not assigns:
                    blocks += 1
                    if blocks > limits.blocks:
                        return _limit("blocks", limits.blocks, line)
                elif first_name and first_name.startswith("end"):
                    blocks = max(blocks - 1, 0)
            elif inside and kind != "whitespace":
                parts += 1
                if parts > limits.tag_parts:
                    return _limit("tag_parts", limits.tag_parts, line)
                if kind == "name" and first_name is None:
                    first_name = value
                elif kind == "operator" and value in "([{":
                    brackets += 1
                    if brackets > limits.brackets:
                        return _limit("brackets", limits.brackets, line)
                elif kind == "operator" and value in ")]}":
                    brackets = max(brackets - 1, 0)
                elif kind == "operator" and value == "=":
                    assigns = True
                elif kind in ("integer", "float") and len(value) > limits.digits:
                    return _limit("digits", limits.digits, line)
    except jinja2.TemplateSyntaxError as error:
        return Problem("E501", error.lineno, {"reason": error.message})
    return None


def _limit(reason: str, limit: Any, line: int | None, found: Any = "") -> Problem:
    exceeded = LimitExceeded(reason, limit, found)
    return Problem("E505", line, {"reason": exceeded.text("en"), "reason_zh": exceeded.text("zh")})


def _depth_problem(tree: nodes.Node, limits: Limits) -> Problem | None:
    """The first node nested deeper than allowed (walked without recursion)."""
    stack = [(tree, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > limits.depth:
            return _limit("depth", limits.depth, getattr(node, "lineno", None))
        stack.extend((child, depth + 1) for child in node.iter_child_nodes())
    return None


class _Bounded(NodeTransformer):
    """Route what Jinja runs without a hook through a measured filter: every loop's iterable
    (`_perfdsl_loop`, charged per turn with its body's literal text) and every `~`
    (`_perfdsl_concat`)."""

    def visit_For(self, node: nodes.For) -> nodes.Node:
        node = self.generic_visit(node)
        literal = sum(len(data.data) for part in node.body + node.else_
                      for data in _with_self(part, nodes.TemplateData))
        node.iter = nodes.Filter(node.iter, "_perfdsl_loop", [nodes.Const(literal)], [], None,
                                 None, lineno=node.lineno)
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        node = self.generic_visit(node)
        return nodes.Filter(nodes.List(node.nodes, lineno=node.lineno), "_perfdsl_concat", [],
                            [], None, None, lineno=node.lineno)


def _with_self(node: nodes.Node, kind: type) -> Iterator[Any]:
    if isinstance(node, kind):
        yield node
    yield from node.find_all(kind)


def _compile(env: jinja2.Environment, text: str, limits: Limits, *, loops: bool,
             scope: set[str] | None = None) -> tuple[jinja2.Template | None, list[Problem]]:
    """Check and compile one template: (the template, []) or (None, its problems)."""
    problem = _scan(env, text, limits)
    if problem is not None:
        return None, [problem]
    try:
        tree = env.parse(text)
    except jinja2.TemplateSyntaxError as error:
        return None, [Problem("E501", error.lineno, {"reason": error.message})]
    except (RecursionError, ValueError, OverflowError) as error:  # e.g. a number Python refuses
        return None, [_limit("compile", "", None, found=error)]
    problem = _depth_problem(tree, limits)
    if problem is not None:
        return None, [problem]
    out = _unsafe(env, tree, loops)
    if scope is not None:
        try:
            undeclared = meta.find_undeclared_variables(tree)
        except jinja2.TemplateAssertionError as error:  # an unknown filter, reported above
            undeclared = set()
            if not out:
                out.append(Problem("E501", error.lineno, {"reason": error.message}))
        for name in sorted(undeclared - scope):
            out.append(Problem("E502", None, {"name": name}, needle=name))
    if out:
        return None, out
    tree = _Bounded().visit(tree)
    tree.set_environment(env)
    try:
        return env.from_string(tree), []
    except jinja2.TemplateSyntaxError as error:
        return None, [Problem("E501", error.lineno, {"reason": error.message})]
    except (RecursionError, SyntaxError, ValueError, OverflowError, MemoryError) as error:
        return None, [_limit("compile", "", None, found=error)]


def _unsafe(env: jinja2.Environment, tree: nodes.Template, loops: bool) -> list[Problem]:
    """Statements, attributes and filters a template may not use (E503, E504)."""
    out = []
    forbidden = _FORBIDDEN if loops else _FORBIDDEN + (nodes.For,)
    for node in tree.find_all(forbidden):
        out.append(Problem("E503", node.lineno, {"what": _WORDS[type(node)]}, node=node))
    for node in tree.find_all(nodes.For):
        if loops and node.recursive:
            out.append(Problem("E503", node.lineno, {"what": "recursive"}, needle="recursive"))
    for node in tree.find_all((nodes.Getattr, nodes.Getitem)):
        attr = node.attr if isinstance(node, nodes.Getattr) else _const(node.arg)
        if isinstance(attr, str) and (attr.startswith("_") or attr in _UNSAFE_ATTRIBUTES):
            out.append(Problem("E503", node.lineno, {"what": attr}, needle=attr))
    filters = ", ".join(sorted(DOMAIN_FILTERS))
    for node in tree.find_all(nodes.Filter):
        if node.name not in env.filters or node.name.startswith("_"):
            if node.name in ("attr", "format", "map"):
                out.append(Problem("E503", node.lineno, {"what": node.name}, needle=node.name))
            else:
                out.append(Problem("E504", node.lineno, {"name": node.name, "filters": filters},
                                   needle=node.name))
    for node in tree.find_all(nodes.Test):
        if node.name not in env.tests:
            out.append(Problem("E504", node.lineno, {"name": node.name, "filters": filters},
                               needle=node.name))
    return out


# --- Explanation templates (rubrics) -------------------------------------------------------------

@attrs.frozen
class Explanation:
    """A compiled explanation template and the indicator it belongs to (for W501)."""

    template: jinja2.Template
    indicator: str
    span: Span | None = attrs.field(eq=False)


def scope_of(indicator: m.Indicator, values: dict[str, m.Expr]) -> list[str]:
    """The names an indicator's template may use: what it reads, directly or through values."""
    seen: dict[str, None] = {}
    if indicator.value is not None:
        seen[indicator.name] = None
    stack = list(reads_of(indicator.value))
    for expr in rule_exprs(indicator.rule):
        stack.extend(reads_of(expr))
    while stack:
        name = stack.pop()
        if name in seen:
            continue
        seen[name] = None
        if name in values:
            stack.extend(reads_of(values[name]))
    return list(seen)


def text_inputs(rubric: m.Rubric) -> list[str]:
    """Text inputs (偏差原因分析…) are for the report: every template may show them."""
    return [decl.name for decl in rubric.inputs if decl.type.kind == "text"]


def value_exprs(rubric: m.Rubric) -> dict[str, m.Expr]:
    exprs = {d.name: d.expr for d in rubric.derived}
    exprs.update({i.name: i.value for i in rubric.indicators if i.value is not None})
    return exprs


def check(rubric: m.Rubric) -> tuple[dict[int, Explanation], list[Diagnostic]]:
    """Compile every explanation template; report each problem at its place in the rubric."""
    templates: dict[int, Explanation] = {}
    diagnostics: list[Diagnostic] = []
    values = value_exprs(rubric)
    for index, indicator in enumerate(rubric.indicators):
        if indicator.explain is None:
            continue
        scope = set(scope_of(indicator, values) + text_inputs(rubric)) | set(FIXED_NAMES)
        template, found = compile_explanation(indicator.explain, indicator.explain_span, scope)
        diagnostics += found
        if template is not None:
            templates[index] = Explanation(template, indicator.name, indicator.explain_span)
    return templates, diagnostics


def check_template(text: str, span: Span | None, scope: set[str]) -> list[Diagnostic]:
    """Every problem in one template; an empty list means it is safe and complete."""
    return compile_explanation(text, span, scope)[1]


def compile_explanation(text: str, span: Span | None,
                        scope: set[str]) -> tuple[jinja2.Template | None, list[Diagnostic]]:
    """One explanation template compiled, or its diagnostics with their places in the rubric."""
    template, problems = _compile(_ENV, text, EXPLANATION_LIMITS, loops=False, scope=scope)
    return template, [_diagnostic(problem, span, text, scope) for problem in problems]


def _diagnostic(problem: Problem, span: Span | None, text: str, scope: set[str]) -> Diagnostic:
    args = dict(problem.args)
    if problem.code == "E502":
        from perfdsl.diagnostics import suggest

        name = args["name"]
        hint, hint_zh = suggest(name, scope)
        shown = "、".join(sorted(n for n in scope if not n.isascii() or n not in FIXED_NAMES))
        args.update(suggestion=hint, suggestion_zh=hint_zh, scope=shown)
    if problem.needle is not None:
        where = _find(span, problem.needle)
    elif problem.node is not None:
        where = _node_span(span, problem.node)
    else:
        where = _line_span(span, problem.line)
    return Diagnostic(problem.code, where, args)


REPORT_SECONDS = 30.0  # all the explanation templates of one report, together


@attrs.define
class _Collection:
    failures: list[Diagnostic]
    seconds: float
    deadline: float


_COLLECTION: contextvars.ContextVar[_Collection | None] = contextvars.ContextVar(
    "perfdsl_template_collection", default=None)


@contextlib.contextmanager
def collecting(seconds: float = REPORT_SECONDS) -> Iterator[list[Diagnostic]]:
    """Collect a W501 for each explanation template that fails while rendering in this block,
    and give all of them `seconds` together: 20,000 templates of a hostile rubric must not take
    20,000 times the bound of one."""
    collection = _Collection([], seconds, time.monotonic() + seconds)
    token = _COLLECTION.set(collection)
    try:
        yield collection.failures
    finally:
        _COLLECTION.reset(token)


def render(template: Explanation | jinja2.Template, context: dict[str, Any]) -> str | None:
    """The rendered text, or None when the template cannot be used for this unit: a value it
    needs is unavailable, or it fails or passes a bound (W501, collected by `collecting`)."""
    explanation = template if isinstance(template, Explanation) else None
    jinja_template = explanation.template if explanation is not None else template
    collection = _COLLECTION.get()
    limits = EXPLANATION_LIMITS
    try:
        if collection is not None:
            left = collection.deadline - time.monotonic()
            if left <= 0:
                raise LimitExceeded("report_time", f"{collection.seconds:g}")
            limits = attrs.evolve(limits, seconds=min(limits.seconds, left))
        return run(jinja_template, context, limits).strip()
    except jinja2.UndefinedError:
        return None  # an unavailable figure: perfdsl writes the sentence, as documented
    except Exception as error:  # the template's own doing, whatever it is: never a traceback
        if collection is not None and explanation is not None:
            exceeded = _as_limit(error)
            collection.failures.append(Diagnostic("W501", explanation.span, {
                "indicator": explanation.indicator, "reason": exceeded.text("en"),
                "reason_zh": exceeded.text("zh")}))
        return None


def run(template: jinja2.Template, context: Mapping[str, Any], limits: Limits) -> str:
    """Render within `limits`; raises what the template raised, or `LimitExceeded`."""
    token = _BUDGET.set(_Budget(limits))
    try:
        return template.render(context)
    except RecursionError:
        raise LimitExceeded("depth", limits.depth) from None
    finally:
        _BUDGET.reset(token)


def _as_limit(error: BaseException) -> LimitExceeded:
    if isinstance(error, LimitExceeded):
        return error
    message = getattr(error, "message", None) or str(error) or type(error).__name__
    return LimitExceeded("error", found=message)


# --- Layouts (--template FILE and the shipped ones) ----------------------------------------------

class LayoutError(Exception):
    """A report layout that cannot be compiled or rendered: where (a line) and why, in en/zh."""

    def __init__(self, line: int | None, en: str, zh: str):
        super().__init__(en)
        self.line, self.en, self.zh = line, en, zh

    def message(self, lang: str = "en") -> str:
        text = self.zh if lang == "zh" else self.en
        if self.line is None:
            return text
        return f"第 {self.line} 行：{text}" if lang == "zh" else f"line {self.line}: {text}"


_LAYOUT_NAME = "<layout>"


def compile_layout(env: jinja2.Environment, text: str, limits: Limits) -> jinja2.Template:
    """A layout compiled with the same checks as explanation templates, loops allowed."""
    template, problems = _compile(env, text, limits, loops=True)
    if template is None:
        problem = problems[0]
        args = {"reason_zh": problem.args.get("reason", ""), **problem.args}
        en, zh = _LAYOUT_PROBLEMS[problem.code]
        raise LayoutError(problem.line, en.format(**args), zh.format(**args))
    return template


_LAYOUT_PROBLEMS = {
    "E501": ("syntax error: {reason}", "语法错误：{reason}"),
    "E503": ("`{what}` is not allowed in a template", "模板中不允许使用 `{what}`"),
    "E504": ("unknown filter `{name}` (filters: {filters})", "未知的过滤器 `{name}`（可用：{filters}）"),
    "E505": ("the template {reason}", "模板{reason_zh}"),
}


def render_layout(template: jinja2.Template, context: Mapping[str, Any], limits: Limits) -> str:
    """Render a layout within `limits`; any failure is a `LayoutError` with its line."""
    try:
        return run(template, context, limits)
    except Exception as error:  # the layout's own doing: an error with its line, never a trace
        exceeded = _as_limit(error)
        raise LayoutError(_template_line(error), "the template " + exceeded.text("en"),
                          "模板" + exceeded.text("zh")) from None


def _template_line(error: BaseException) -> int | None:
    """The layout line the error was raised at (Jinja rewrites tracebacks to template lines)."""
    if isinstance(error, jinja2.TemplateSyntaxError):
        return error.lineno
    line = None
    for frame in traceback.extract_tb(error.__traceback__):
        if frame.filename == "<template>":
            line = frame.lineno
    return line


# --- Positions inside the rubric's string literal ------------------------------------------------

def _const(node: nodes.Node) -> Any:
    return node.value if isinstance(node, nodes.Const) else None


def _find(span: Span | None, needle: str) -> Span | None:
    """The span of `needle`'s first occurrence inside the template's string literal."""
    if span is None:
        return None
    index = span.text.find(needle)
    if index < 0:
        return span
    return Span(span.source, span.start + index, span.start + index + len(needle))


def _line_span(span: Span | None, lineno: int | None) -> Span | None:
    if span is None:
        return None
    raw = span.text
    offset = 1  # past the opening quote
    for _ in range(max((lineno or 1) - 1, 0)):
        newline = raw.find("\n", offset)
        if newline < 0:
            break
        offset = newline + 1
    return Span(span.source, span.start + offset, span.start + offset + 1)


def _node_span(span: Span | None, node: nodes.Node) -> Span | None:
    import re

    word = _WORDS.get(type(node), type(node).__name__.lower())
    found = re.search(r"\{%-?\s*" + re.escape(word), span.text) if span is not None else None
    if span is None or found is None:
        return _line_span(span, getattr(node, "lineno", 1))
    return Span(span.source, span.start + found.start(), span.start + found.end())


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
