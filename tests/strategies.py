"""Hypothesis strategies shared by the property tests.

- `figures_for(rubric)`: figures for every input of a compiled rubric, drawn from each input's
  declared type and range (money, counts and percentages within their bounds, yes/no, levels of
  the input's scale); a judged score is drawn inside the range its level allows.
- `as_text(decl, value)`: a figure as a data file would hold it (`40.11万元`, `61.68%`, `是`).
- `rubrics()`: small valid rubrics as text — random nested groups whose weights add up, random
  scoring rules, keywords drawn at random from every spelling, full-width punctuation at random;
  `rubric_templates()` + `keyword_spellings()` + `spell()` give the same rubric spelt two ways.
- `mutated(text)`: a rubric text with characters or tokens deleted, inserted, duplicated, swapped.
- `damaged_rubrics()`: the checkout's rubrics (rubrics/, tests/bad/, docs/examples/) and
  `deep_rubric`s, mutated by characters, tokens or whole lines.
- `deep_rubric(kind, depth)`: a small rubric nesting one construct (parentheses, minus signs,
  sums, conditionals, calls, chains of `令`, groups) `depth` deep.
- `unicode_text()`: any text, or text made of rubric-like pieces, to feed the compiler.
- `wrong_values()`: what a data file or a caller might wrongly give for a figure.
"""

from __future__ import annotations

import re
from decimal import ROUND_DOWN, Decimal
from pathlib import Path

from hypothesis import strategies as st

from perfdsl.checks import model as m
from perfdsl.language.keywords import FUNCTIONS, KEYWORDS
from perfdsl.checks.units import MONEY_UNITS

CENT = Decimal("0.01")

# Where a declared range leaves a side open, values are drawn within these plausible limits.
_OPEN_LIMITS = {"percent": (Decimal(-2), Decimal(3)), "ratio": (Decimal(-2), Decimal(3)),
                "money": (Decimal(-10000), Decimal(10000)), "count": (Decimal(-1000), Decimal(1000)),
                "number": (Decimal(-1000), Decimal(1000))}


# --- Figures ---------------------------------------------------------------------------------------

def _places(decl: m.InputDecl) -> int:
    """Decimal places a figure of this input is written with: rates 61.68% (4), money 2, else 0."""
    t = decl.type
    if t.display in ("percent", "ratio"):
        return 4
    if t.unit in MONEY_UNITS or t.display == "number":
        return 2
    return 0


def quantity_range(decl: m.InputDecl) -> tuple[Decimal, Decimal, int]:
    """The closed range [low, high] and the decimal places of a quantity input's figures."""
    low, high = _OPEN_LIMITS.get(decl.type.display, _OPEN_LIMITS["number"])
    places = _places(decl)
    step = Decimal(1).scaleb(-places)
    for bound in decl.bounds:
        if bound.op in (">=", ">") and bound.value >= low:
            low = bound.value + (step if bound.op == ">" else 0)
        if bound.op in ("<=", "<") and bound.value <= high:
            high = bound.value - (step if bound.op == "<" else 0)
    low = low.quantize(step, "ROUND_CEILING")
    high = high.quantize(step, "ROUND_FLOOR")
    return low, max(low, high), places


def figure_for(decl: m.InputDecl, scales: dict[str, m.Scale]) -> st.SearchStrategy:
    """A typed value for one input, within its declared type and range."""
    t = decl.type
    if t.kind == "bool":
        return st.booleans()
    if t.kind == "level":
        return st.sampled_from([lv.name for lv in scales[t.scale].levels])
    if t.kind == "text":
        return st.text(max_size=20)
    low, high, places = quantity_range(decl)
    step = Decimal(1).scaleb(-places)
    # Integers of steps: every value is exactly representable with `places` decimals, and the
    # ends of the range (where off-by-one mistakes live) are drawn often.
    return st.integers(int(low / step), int(high / step)).map(lambda k: Decimal(k) * step)


def _judged(rubric: m.Rubric) -> list[tuple[str, str, m.Indicator]]:
    """(score input, level input, indicator) of each judged indicator that reads inputs directly."""
    out = []
    for ind in rubric.indicators:
        rule = ind.rule
        if isinstance(rule, m.Judged) and isinstance(rule.score, m.InputRef) \
                and isinstance(rule.level, m.InputRef):
            out.append((rule.score.name, rule.level.name, ind))
    return out


@st.composite
def figures_for(draw, rubric: m.Rubric, omit_defaults: bool = True) -> dict:
    """Figures for every input of `rubric`, within range; inputs with a default may be left out
    (when `omit_defaults`); each judged score lies in the range its drawn level allows."""
    scales = {sc.name: sc for sc in rubric.scales}
    figures = {}
    for decl in rubric.inputs:
        if omit_defaults and decl.default is not None and draw(st.integers(0, 3)) == 0:
            continue
        figures[decl.name] = draw(figure_for(decl, scales), label=decl.name)
    done: set[str] = set()
    for score_name, level_name, ind in _judged(rubric):
        if score_name in done or level_name not in figures:
            continue
        level = ind.rule.scale.level(figures[level_name])
        if level is None or level.low is None or level.high is None:
            continue
        low, high = level.low * ind.weight, level.high * ind.weight
        first = int((low / CENT).to_integral_value("ROUND_CEILING"))
        last = int((high / CENT).to_integral_value("ROUND_FLOOR"))
        if not level.low_closed and Decimal(first) * CENT == low:
            first += 1
        if not level.high_closed and Decimal(last) * CENT == high:
            last -= 1
        decl = rubric.input(score_name)
        if first <= last and decl is not None:
            value = Decimal(draw(st.integers(first, last), label=score_name)) * CENT
            if all(_within(value, b) for b in decl.bounds):
                figures[score_name] = value
                done.add(score_name)
    return figures


def _within(value: Decimal, bound: m.Bound) -> bool:
    from perfdsl.checks.model import within

    return within(value, bound)


def as_text(decl: m.InputDecl, value) -> st.SearchStrategy[str]:
    """`value` written as a data file holds it, in one of the ways the data reader accepts."""
    t = decl.type
    if isinstance(value, bool):
        return st.sampled_from(["是", "yes", "true", "有"] if value else ["否", "no", "false", "无"])
    if not isinstance(value, Decimal):
        return st.just(str(value))
    plain = format(value, "f")
    if t.display == "percent":
        return st.just(format((value * 100).normalize(), "f") + "%")
    if t.display == "ratio":
        return st.sampled_from([plain, format((value * 100).normalize(), "f") + "%"])
    unit = t.unit
    if unit in MONEY_UNITS:
        options = [plain, plain + unit]
        yuan = value * MONEY_UNITS[unit]
        if yuan == yuan.to_integral_value():
            options.append(format(yuan.quantize(Decimal(1)), "f") + "元")
        return st.sampled_from(options)
    if unit and "/" not in unit:
        return st.sampled_from([plain, plain + unit])
    return st.just(plain)


def wrong_values() -> st.SearchStrategy:
    """Anything a data file or a caller might wrongly give for a figure."""
    return st.one_of(
        st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
        st.text(max_size=12), st.decimals(allow_nan=True, allow_infinity=True),
        st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
        st.sampled_from(["", "%", "12万", "3元", "是", "否", "好", "1e9999", "NaN", "-0", "∞",
                         "４０．１１", "61.68%%", "1,0,0", "-", ".", "１２３４５６７８９０亿元",
                         "9" * 40, "0.0000000000000000000000000001%", "40.11万元/人"]))


# --- Rubrics ---------------------------------------------------------------------------------------

# The inputs every generated rubric declares (a rubric leaves some of them unused: W001 is fine).
_DECLARATIONS = [
    "{SCALE} 评价 {{ 好 = 100%；较好 = 80%；一般 = 60%；差 = 0% }}",
    "{SCALE} 达成 {{ 达成 = [80%, 100%]；部分 = [60%, 80%)；未达成 = [0%, 60%) }}",
    "{INPUT} r：{PERCENT_KW} {RANGE} 0% {TO} 150%",
    "{INPUT} q：{PERCENT_KW} {RANGE} ≥ 0%",
    "{INPUT} n：{COUNT}（处） {RANGE} 0 {TO} 20",
    "{INPUT} a：{MONEY}（万元） {RANGE} ≥ 0",
    "{INPUT} b：{MONEY}（万元） {RANGE} > 0",
    "{INPUT} ok：{BOOL}",
    "{INPUT} ok2：{BOOL} {DEFAULT} {TRUE}",
    "{INPUT} lv：{LEVEL} 评价",
    "{INPUT} dc：{LEVEL} 达成",
    "{INPUT} s：{NUMBER_KW} {RANGE} 0 {TO} 100",
    "{LET} 比 = a / b",
]


def _percent(draw, low: int = 0, high: int = 150) -> int:
    return draw(st.integers(low, high))


def _points(draw, weight: Decimal) -> Decimal:
    """Points of a deduction or an item: up to the weight (or a little over it, for deductions
    that must floor at 0)."""
    return Decimal(draw(st.integers(1, max(1, int(weight * 150))))) * CENT


def _condition(draw) -> str:
    return draw(st.sampled_from([
        "r ≥ {p}%", "{NOT} ok", "ok {AND} ok2", "n ≤ {k}", "比 ≥ {p}%", "lv = 好 {OR} dc = 达成",
        "a > b", "q < {p}%", "{NOT} (n = 0)", "max(r, q) > {p}%", "abs(n - {k}) ≤ 2",
    ])).replace("{p}", str(_percent(draw))).replace("{k}", str(draw(st.integers(0, 20))))


def _rule(draw, weight: Decimal, name: str) -> tuple[str, str]:
    """A scoring rule for an indicator of `weight` called `name`, and its optional value clause."""
    kind = draw(st.sampled_from(["full_if", "proportional", "bands", "stepwise", "findings",
                                 "deductions", "levels", "judged", "checklist", "target",
                                 "formula", "decay", "equal", "negative", "overshoot"]))
    value = ""
    if kind == "full_if":
        rule = f"{{FULL_IF}} {_condition(draw)}"
    elif kind == "proportional":
        subject = draw(st.sampled_from(["r", "q", "比", "min(r, 100%)", name]))
        if subject == name:
            value = "{VALUE} a / b"
        rule = f"{{PROPORTIONAL}} {subject}"
    elif kind == "bands":
        low, high = sorted(draw(st.lists(st.integers(1, 149), min_size=2, max_size=2, unique=True)))
        fraction = draw(st.integers(0, 100))
        rest = draw(st.sampled_from(["0", "{FULL}", f"{_points(draw, weight).min(weight)} {{POINTS}}"]))
        rule = (f"{{BANDS}} r {{{{ ≥ {high}%：{{FULL}}；[{low}%, {high}%)：{fraction}%；"
                f"{{ELSE}}：{rest} }}}}")
    elif kind == "stepwise":
        direction = draw(st.sampled_from(["{BELOW}", "{ABOVE}"]))
        mode = draw(st.sampled_from(["{FLOOR}", "{CEIL}", "{EXACT}"]))
        step, points = draw(st.integers(1, 10)), _points(draw, weight)
        amount = draw(st.sampled_from([f"{{PER}} {step}% {{DEDUCT}} {points} {{POINTS}}",
                                       f"{{DEDUCT}} {points} {{POINTS}} {{PER}} {step}%"]))
        rule = f"{{STEPWISE}} r {direction} {_percent(draw)}% {amount} {mode}"
    elif kind == "findings":
        rule = f"{{FINDINGS}} n {{EACH}} {{DEDUCT}} {_points(draw, weight)} {{POINTS}}"
    elif kind == "deductions":
        rows = [f'{{IF}} {_condition(draw)} {{DEDUCT}} {_points(draw, weight)} {{POINTS}}'
                + draw(st.sampled_from(["", ' {REASON} "未达标"']))
                for _ in range(draw(st.integers(1, 3)))]
        rule = "{DEDUCTIONS} {{ " + "；".join(rows) + " }}"
    elif kind == "levels":
        rule = "{LEVELS} lv"
    elif kind == "judged":
        rule = "{JUDGED} s {LEVEL} dc"
    elif kind == "checklist":
        count = draw(st.integers(1, 3))
        share = (weight / count).quantize(CENT, ROUND_DOWN)
        # An item may be labelled; an unlabelled one is labelled with its condition as written,
        # which differs between keyword spellings by design.
        rows = [f"{_condition(draw)}：{share} {{POINTS}}"
                + draw(st.sampled_from(["", f' "第{i + 1}项"'])) for i in range(count)]
        rule = "{CHECKLIST} {{ " + "；".join(rows) + " }}"
    elif kind == "target":
        rule = draw(st.sampled_from(["{TARGET} a ≥ b", "{TARGET} a ≤ b", "{TARGET} a = b",
                                     f"{{TARGET}} n ≤ {draw(st.integers(0, 20))}",
                                     f"{{TARGET}} r = {_percent(draw)}%",
                                     f"{{TARGET}} q ≥ {_percent(draw, 1)}%"]))
    elif kind == "decay":
        factor = draw(st.sampled_from(["", " {TO} 2 {TIMES}", " {TO} 1.5 {TIMES}", " {TO} 3 {TIMES}"]))
        rule = draw(st.sampled_from(["{DECAY} a ≤ b", f"{{DECAY}} n ≤ {draw(st.integers(0, 20))}",
                                     f"{{DECAY}} q ≤ {_percent(draw)}%"])) + factor
    elif kind == "equal":
        tolerance = draw(st.sampled_from(["", " {TOLERANCE} 0", " {TOLERANCE} 2",
                                          f" {{TOLERANCE}} {_percent(draw, 0, 20)}%"]))
        subject = "r" if "%" in tolerance else draw(st.sampled_from(["a", "n"]))
        targets = ["0", str(draw(st.integers(1, 20)))] + (["b"] if subject == "a" else [])
        target = draw(st.sampled_from(targets)) if subject != "r" else f"{_percent(draw)}%"
        over = draw(st.sampled_from(["", " {OVER_OK}"]))
        rule = f"{{TARGET}} {subject} = {target}{tolerance}{over}"
        if not tolerance and not over:
            rule += " {OVER_OK}"
    elif kind == "negative":
        rule = draw(st.sampled_from([f"{{TARGET}} (a - b) / b ≤ -{_percent(draw, 1, 90)}%",
                                     f"{{TARGET}} r - 100% ≥ -{_percent(draw, 1, 90)}%",
                                     f"{{TARGET}} q - 50% ≤ -{_percent(draw, 1, 40)}%"]))
    elif kind == "overshoot":
        ratio = draw(st.integers(101, 200))
        unless = draw(st.sampled_from(["", " {UNLESS} ok", " {UNLESS} n > 3"]))
        op = draw(st.sampled_from(["≥", ">"]))
        rule = draw(st.sampled_from(["{TARGET} a ≥ b", f"{{TARGET}} r ≥ {_percent(draw)}%"])) \
            + f" {{OVERSHOOT}} {op} {ratio}% {{DEDUCT}} {_points(draw, weight)} {{POINTS}}{unless}"
    else:
        rule = draw(st.sampled_from([
            f"{{FORMULA}} n * {_points(draw, weight)} - 3",
            f"{{FORMULA}} {{IF}} ok {{THEN}} {weight} {{ELSE}} s / 10",
            "{FORMULA} round(s / 10, 1) - 1", "{FORMULA} (a - b) / 2",
        ]))
    return rule, value


@st.composite
def _weights(draw, count: int) -> list[Decimal]:
    """`count` positive weights with at most two decimals."""
    unit = draw(st.sampled_from([Decimal(1), Decimal("0.5"), CENT]))
    return [Decimal(draw(st.integers(1, 40 if unit != CENT else 2000))) * unit
            for _ in range(count)]


@st.composite
def _node(draw, weight: Decimal | None, depth: int, counter: list) -> tuple[str, Decimal]:
    """A group (with children) or an indicator, as text with `{KEYWORD}` placeholders.
    `counter[0]` numbers the nodes; the indicators' names are appended to `counter`."""
    counter[0] += 1
    number = counter[0]
    if depth < 3 and draw(st.integers(0, 2)) == 0:
        children = [draw(_node(w, depth + 1, counter)) for w in draw(_weights(draw(st.integers(1, 3))))]
        total = sum((w for _, w in children), Decimal(0))
        omit = draw(st.integers(0, 5)) == 0  # a group may leave its weight to its children
        pool = not omit and draw(st.integers(0, 5)) == 0  # optional items sharing the weight
        if pool:
            total = draw(_weights(1))[0]
        header = f"{{GROUP}} 组{number}" + ("" if omit else f" {{WEIGHT}} {total}") \
            + (" {OPTIONAL}" if pool else "")
        body = "\n".join(text for text, _ in children)
        return f"{header} {{{{\n{body}\n}}}}", total
    weight = weight if weight is not None else draw(_weights(1))[0]
    name = f"指标{number}"
    counter.append(name)
    rule, value = _rule(draw, weight, name)
    fallback = ""
    if draw(st.integers(0, 4)) == 0:
        fallback = f"{{FALLBACK}} {(weight * draw(st.integers(0, 4)) / 4).quantize(CENT, ROUND_DOWN)}"
    clauses = " ".join(c for c in (value, f"{{SCORE}} {rule}", fallback) if c)
    reference = f" {{REFERENCE}} {weight}" if draw(st.booleans()) else ""
    return f"  {{INDICATOR}} {name} {{WEIGHT}} {weight}{reference} {{{{ {clauses} }}}}", weight


_TO_FULL_WIDTH = str.maketrans({"(": "（", ")": "）", ":": "：", ",": "，", "%": "％", ";": "；",
                                "{": "｛", "}": "｝", "[": "［", "]": "］", "<": "＜", ">": "＞"})


@st.composite
def rubric_templates(draw) -> str:
    """A small valid rubric with `{KEYWORD}` placeholders for its keywords (see `spell`): random
    nested groups whose weights add up, random rules with random parameters."""
    counter = [0]
    tops = [draw(_node(w, 0, counter)) for w in draw(_weights(draw(st.integers(1, 3))))]
    total = sum((w for _, w in tops), Decimal(0))
    lines = [f"{{TOTAL}} {total}"]
    if draw(st.booleans()):
        high, low = sorted(draw(st.lists(st.integers(1, 99), min_size=2, max_size=2, unique=True)),
                           reverse=True)
        best, good = ((total * share / 100).quantize(CENT) for share in (high, low))
        if best > good:
            lines.append(f"{{GRADES}} {{{{ 优 ≥ {best}；良 > {good}；差 }}}}")
    lines += _DECLARATIONS + [text for text, _ in tops]
    # Some indicators do not apply to the unit (never all of them): their weight is shared out.
    names = counter[1:]
    if len(names) > 1 and draw(st.integers(0, 3)) == 0:
        gone = draw(st.lists(st.sampled_from(names), min_size=1, max_size=len(names) - 1,
                             unique=True))
        lines.append("{NOT_APPLICABLE} " + "，".join(gone))
        lines.append(draw(st.sampled_from(["", "{NOT_APPLICABLE} {RESCALE} {TOTAL}",
                                           "{NOT_APPLICABLE} {RESCALE} {GROUP}"])))
    return "\n".join(lines) + "\n"


def keyword_spellings() -> st.SearchStrategy[dict[str, str]]:
    """A spelling for every keyword — English, Chinese or a synonym — each drawn on its own."""
    return st.fixed_dictionaries({token: st.sampled_from(spellings)
                                  for token, spellings in KEYWORDS.items()})


def spell(template: str, keywords: dict[str, str], full_width: bool = False) -> str:
    """A rubric template written out with these keyword spellings, and with its punctuation
    typed full-width if `full_width`."""
    text = template.format(**keywords)
    if full_width:
        text = "\n".join(_full_width(line) for line in text.split("\n"))
    return text


@st.composite
def rubrics(draw) -> str:
    """A small valid rubric: random nested groups whose weights add up, random rules with random
    parameters, keywords in random spellings, and full-width punctuation or not."""
    return spell(draw(rubric_templates()), draw(keyword_spellings()), draw(st.booleans()))


def _full_width(line: str) -> str:
    """ASCII punctuation of `line` typed full-width, outside quoted strings."""
    parts = line.split('"')
    return '"'.join(p if i % 2 else p.translate(_TO_FULL_WIDTH) for i, p in enumerate(parts))


# --- Damaged and random text ---------------------------------------------------------------------

_TOKEN = re.compile(r"\s+|\"[^\"\n]*\"|[\w“”‘’《》·.%％]+|.", re.S)
_PIECES = sorted({s for spellings in KEYWORDS.values() for s in spellings} | set(FUNCTIONS)) + [
    "{", "}", "(", ")", "[", "]", ":", ";", ",", "=", "<", ">", "≥", "≤", "≠", "%", '"', "#", "-",
    "*", "/", "×", "÷", "（", "）", "：", "；", "，", "％", "＝", "＞", "｛", "｝", "\n", " ",
    "0", "1", "90%", "100", "2.5", "甲", "乙", "x", "指标甲", "分值10", '"名称"', '"未结束',
    "\u3000", "\t", "\r\n", "。", "“", "”", "、", "\ufeff", "\u200b",
]


@st.composite
def mutated(draw, text: str) -> str:
    """`text` with a few characters or tokens deleted, inserted, duplicated or swapped."""
    if draw(st.booleans()):
        units = list(text)
    else:
        units = _TOKEN.findall(text)
    for _ in range(draw(st.integers(1, 6))):
        if not units:
            break
        i = draw(st.integers(0, len(units) - 1))
        action = draw(st.sampled_from(["delete", "insert", "swap", "duplicate", "replace"]))
        if action == "delete":
            del units[i]
        elif action in ("insert", "replace"):
            piece = draw(st.one_of(st.sampled_from(_PIECES), st.characters()))
            if action == "replace":
                units[i] = piece
            else:
                units.insert(i, piece)
        elif action == "swap" and i + 1 < len(units):
            units[i], units[i + 1] = units[i + 1], units[i]
        else:
            units.insert(i, units[i])
    return "".join(units)


def unicode_text(max_size: int = 200) -> st.SearchStrategy[str]:
    """Any text at all, or text made of rubric-like pieces (keywords, names, numbers,
    punctuation in both widths) that gets further into the compiler."""
    pieces = st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=3)), max_size=60)
    return st.one_of(st.text(max_size=max_size), pieces.map(" ".join), pieces.map("".join))


# --- Rubrics of the checkout, deep rubrics, and damaged versions of both --------------------------

ROOT = Path(__file__).resolve().parent.parent
def _utf8(path: Path) -> str | None:
    try:
        return path.read_text("utf-8")
    except UnicodeDecodeError:  # tests/bad/E008.rubric is saved in GBK on purpose
        return None


SEED_TEXTS = tuple(text for folder in ("rubrics", "tests/bad", "docs/examples")
                   for p in sorted((ROOT / folder).glob("*.rubric"))
                   if (text := _utf8(p)) is not None)

_DEEP_HEAD = "总分 10\n输入 x：百分比 范围 0% 至 100%\n"
_DEEP_BODY = {
    "parens": lambda n: ("", "(" * n + "x" + ")" * n),
    "minus": lambda n: ("", "-" * n + "x"),
    "sum": lambda n: ("", " + ".join(["x"] * n)),
    "if": lambda n: ("", "如果 x > 1% 则 " * n + "x" + " 否则 0%" * n),
    "calls": lambda n: ("", "max(" * n + "x" + ", 0%)" * n),
    "not": lambda n: ("", "如果 " + "非 " * n + "x > 1% 则 x 否则 0%"),
    "lets": lambda n: ("令 v0 = x\n" + "".join(f"令 v{i} = v{i - 1}\n" for i in range(1, n)),
                       f"v{n - 1}"),
}
DEEP_KINDS = tuple(_DEEP_BODY) + ("groups",)


def deep_rubric(kind: str, depth: int) -> str:
    """A rubric out of 10 whose one indicator nests `kind` `depth` deep (or, for "groups", whose
    groups nest `depth` deep)."""
    if kind == "groups":
        return (_DEEP_HEAD + "分组 g 分值 10 {\n" * depth + "指标 甲 分值 10 { 评分 按比例 x }\n"
                + "}\n" * depth)
    before, expr = _DEEP_BODY[kind](depth)
    return (_DEEP_HEAD + before + "分组 组 分值 10 {\n  指标 甲 分值 10 {\n    值 " + expr
            + "\n    评分 按比例 甲\n  }\n}\n")


@st.composite
def deep_rubrics(draw) -> str:
    """A `deep_rubric` of any kind, as deep as the limits allow, one more, or far beyond."""
    from perfdsl.language import limits

    kind = draw(st.sampled_from(DEEP_KINDS))
    depth = draw(st.sampled_from((1, 20, limits.MAX_BLOCK_DEPTH, limits.MAX_BLOCK_DEPTH + 1,
                                  limits.MAX_EXPRESSION_DEPTH, limits.MAX_EXPRESSION_DEPTH + 1,
                                  limits.MAX_VALUE_DEPTH + 1, 600, 1500)))
    return deep_rubric(kind, depth)


@st.composite
def line_mutated(draw, text: str) -> str:
    """`text` with whole lines deleted, duplicated (up to hundreds of times) or swapped."""
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "repeat", "swap"]))
        if action == "delete" and len(lines) > 1:
            del lines[i]
        elif action == "repeat":
            lines[i:i + 1] = [lines[i]] * draw(st.sampled_from([10, 100, 600]))
        elif action == "swap" and i + 1 < len(lines):
            lines[i], lines[i + 1] = lines[i + 1], lines[i]
        else:
            lines.insert(i, lines[i])
    return "\n".join(lines)


@st.composite
def damaged_rubrics(draw) -> str:
    """A rubric of the checkout or a deep one, damaged by characters, tokens or lines."""
    text = draw(st.one_of(st.sampled_from(SEED_TEXTS), deep_rubrics()), label="original")
    return draw(st.one_of(mutated(text), line_mutated(text), st.just(text)), label="damaged")
# --- Hostile templates and data files (issue 9) -------------------------------------------------

# Jinja a template from someone else might hold: whole statements, ordinary or hostile (every
# attack the issue lists: loops, recursion, huge strings, `%` widths, powers, deep nesting,
# internals), and fragments that break the syntax.
TEMPLATE_STATEMENTS = [
    "{{ 值 }}", "{{ 得分|分数 }}", "{{ 值|百分比 }}", "{{ 指标 }}", "{{ 分值 }}", "{{ 扣分 }}",
    "{% if 值 %}是{% else %}否{% endif %}", "{% for a in 指标 %}{{ a }}{% endfor %}",
    "{% set a = 指标 * 9999 %}{{ a ~ a ~ a }}", "{% set a = 指标 * 9999 %}{{ [a, a, a, a] }}",
    "{% set a = 指标 * 99999 %}{{ a|list|join(a) }}", "{{ 指标.center(10**9) }}",
    "{{ 指标.zfill(999999) }}", "{{ 指标|replace('', 'x' * 99999) }}", "{{ '%0999999d' % 1 }}",
    "{{ 10 ** (10 ** 9) }}", "{{ 10 ** 5000 }}", "{{ 值 / 0 }}", "{{ 指标|truncate(0) }}",
    "{{ 值|round(999) }}", "{{ 值|int }}", "{{ 值.scaleb(99999) }}", "{{ 值.scaleb(999999)|int }}",
    "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", "{% include 'x' %}", "{{ 值.__class__ }}",
    "{{ 值|attr('x') }}", "{{ ''.join }}", "{% filter upper %}{{ 指标 * 9999 }}{% endfilter %}",
    "{{ " + "(" * 30 + "值" + ")" * 30 + " }}", "{{ 值" + "|abs" * 60 + " }}",
    "{% if 1 %}" * 12 + "x" + "{% endif %}" * 12, "{{ " + "9" * 60 + " }}", "\x1b[2J<script>",
    "{% for a in 'x' * 99999 %}{% for b in 'x' * 99999 %}{% endfor %}{% endfor %}",
    "{% for x in [1] recursive %}{{ loop([1]) }}{% endfor %}",
]
LAYOUT_STATEMENTS = [
    "{{ title }}", "{{ unit|md }}", "{{ grade|e }}", "{{ total.score }}", "{{ problems|join('、') }}",
    "{% for r in rows %}{{ r.name|md }}：{{ r.explanation|e }}\n{% endfor %}",
    "{% for h in header %}{{ h.label }}={{ h.value }}{% endfor %}", "{{ rows|length }}",
    "{{ title * 99999 }}", "{% for r in rows %}{{ r.name * 99999 }}{% endfor %}",
    "{% for a in 'x' * 99999 %}{% for b in 'x' * 99999 %}y{% endfor %}{% endfor %}",
    "{% for r in rows recursive %}{{ loop(rows) }}{% endfor %}", "{{ rows }}",
    "{% set s = title * 99999 %}{% for a in 'x' * 99999 %}{{ s }}{% endfor %}",
    "{{ total.score_number / 0 }}", "{{ title + 1 }}", "{{ rows[0].cells[0].__class__ }}",
]
TEMPLATE_FRAGMENTS = ["(", ")", "[", "]", "|", "~", "*", "**", "%", "{{", "}}", "{%", "%}", "'",
                      "\"", "\n", "{% endif %}", "{% endfor %}", "{% if 值 %}", "{% for r in rows %}"]


@st.composite
def template_texts(draw, layout: bool = False) -> str:
    """A Jinja template: mostly whole statements, ordinary and hostile; sometimes fragments,
    or damaged."""
    whole = TEMPLATE_STATEMENTS + (LAYOUT_STATEMENTS if layout else [])
    if draw(st.integers(0, 3)):
        return "".join(draw(st.lists(st.sampled_from(whole), min_size=1, max_size=4)))
    text = "".join(draw(st.lists(st.sampled_from(whole + TEMPLATE_FRAGMENTS), max_size=8)))
    return draw(mutated(text)) if text and draw(st.booleans()) else text


@st.composite
def rubrics_with_templates(draw) -> str:
    """A valid rubric (as `rubrics()`) whose first indicator has an explanation template from
    `template_texts()`."""
    template = draw(template_texts()).replace("\\", "\\\\").replace('"', '\\"')
    text = draw(rubric_templates()).replace(
        "{SCORE}", "{EXPLAIN} \"" + template.replace("{", "{{").replace("}", "}}") + "\" {SCORE}", 1)
    return spell(text, draw(keyword_spellings()), draw(st.booleans()))


_INPUT_NAME = re.compile(r"(?:^|\n)\s*(?:input|输入)\s+(\S+?)\s*[:：]")
FIGURE_TEXTS = [
    "1", "0", "-1", "40.11", "40.11万元", "401100元", "1,000.5", "95%", "61.68 %", "0.5", "是", "否",
    "好", "较好", "达成", "~", "", "''", "[1, 2]", "{a: 1}", "1" + "0" * 40, "0." + "0" * 40 + "1",
    "1e999999999", "NaN", ".inf", "١٢٣", "1٢３", "１２３", "89.99999999999999999999999999999%",
    "\"\\e]0;x\\a\\e[2J\"", "\"\\u202e\"", "\"=HYPERLINK(1)\"", "\"@SUM(1)\"", "\"<script>\"",
    "*big", "[*big, *big, *big]", "&big " + "x" * 2000, "\"A\\n\\n# 合计 100\"", "9" * 5000,
]
META_TEXTS = ["单位名称", "填报日期", "年初预算金额", "预算执行金额", "上年结转金额", "=cmd", "<b>"]


@st.composite
def data_texts(draw, rubric: str) -> str:
    """A YAML data file for `rubric`'s inputs (found by name in its text) and a few others: any
    of the figures a careless or hostile file might hold, a 基本信息 block, aliases; sometimes
    damaged."""
    names = _INPUT_NAME.findall(rubric) + ["未知", "x"]
    lines = ["big: &big " + "y" * draw(st.sampled_from([1, 1000, 100_000]))]
    if draw(st.booleans()):
        lines.append("基本信息:")
        lines += [f"  {draw(st.sampled_from(META_TEXTS))}: {draw(st.sampled_from(FIGURE_TEXTS))}"
                  for _ in range(draw(st.integers(0, 4)))]
    for name in draw(st.lists(st.sampled_from(names), max_size=12)):
        lines.append(f"{name}: {draw(st.sampled_from(FIGURE_TEXTS))}")
    text = "\n".join(lines) + "\n"
    return draw(mutated(text)) if draw(st.integers(0, 3)) == 0 else text
