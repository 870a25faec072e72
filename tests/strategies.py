"""Hypothesis strategies shared by the property tests: figures, rubrics, mutated texts."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

from perfdsl import model as m
from perfdsl.units import MONEY_UNITS


def figure_for(decl: m.InputDecl, scales: dict[str, m.Scale]) -> st.SearchStrategy:
    """A value for one input, within its declared type and range."""
    t = decl.type
    if t.kind == "bool":
        return st.booleans()
    if t.kind == "level":
        return st.sampled_from([lv.name for lv in scales[t.scale].levels])
    if t.kind == "text":
        return st.text(max_size=20)
    low, high = Decimal(-1000), Decimal(1000)
    low_open = high_open = False
    for bound in decl.bounds:
        if bound.op in (">=", ">") and bound.value >= low:
            low, low_open = bound.value, bound.op == ">"
        if bound.op in ("<=", "<") and bound.value <= high:
            high, high_open = bound.value, bound.op == "<"
    places = 4 if t.display in ("percent", "ratio") else (2 if t.unit in MONEY_UNITS else 0)
    step = Decimal(1).scaleb(-places)
    if low_open:
        low += step
    if high_open:
        high -= step
    if places == 0:
        return st.integers(int(low.to_integral_value("ROUND_CEILING")),
                           int(high.to_integral_value("ROUND_FLOOR"))).map(Decimal)
    return st.decimals(min_value=low, max_value=high, places=places)


def figures_for(rubric: m.Rubric) -> st.SearchStrategy[dict]:
    """Figures for every input of a rubric; judged scores are drawn in range of their level."""
    scales = {sc.name: sc for sc in rubric.scales}
    return st.fixed_dictionaries({decl.name: figure_for(decl, scales) for decl in rubric.inputs})


def wrong_values() -> st.SearchStrategy:
    """Anything a data file or a caller might wrongly give."""
    return st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
                     st.text(max_size=12), st.decimals(allow_nan=True, allow_infinity=True),
                     st.lists(st.integers(), max_size=3), st.sampled_from(
                         ["", "%", "12万", "3元", "是", "否", "好", "1e9999", "NaN", "-0", "∞",
                          "４０．１１", "61.68%%", "1,0,0"]))


RULES = [
    "评分 按比例 r",
    "评分 满分条件 r ≥ 90%",
    "评分 分档 r {{ ≥ 90%：满分；[60%, 90%)：60%；其他：0 }}",
    "评分 逐档扣分 r 低于 100% 每 1% 扣 {p} 分 不足一档不扣",
    "评分 逐档扣分 r 高于 50% 每 5% 扣 {p} 分 不足一档按一档",
    "评分 按处扣分 n 每处 扣 {p} 分",
    "评分 扣分项 {{ 若 非 ok 扣 {p} 分 原因 \"未达标\"；若 r < 50% 扣 {p} 分 }}",
    "评分 按等次 lv",
    "评分 公式 n * {p} - 3",
    "评分 对标 r ≥ 80%",
    "评分 对标 n ≤ 5",
    "评分 对标 n = 4",
]


@st.composite
def rubrics(draw) -> str:
    """A small valid rubric: random groups and weights that add up, random rules."""
    groups = draw(st.integers(1, 3))
    lines = ["量表 评价 { 好 = 100%；中 = 60%；差 = 0% }",
             "输入 r：百分比 范围 0% 至 150%", "输入 n：数量（处） 范围 0 至 20",
             "输入 ok：是否", "输入 lv：等次 评价"]
    total = Decimal(0)
    k = 0
    for g in range(groups):
        count = draw(st.integers(1, 4))
        weights = [Decimal(draw(st.integers(1, 40))) / 2 for _ in range(count)]
        lines.append(f"分组 组{g} 分值 {sum(weights)} {{")
        for w in weights:
            rule = draw(st.sampled_from(RULES)).format(p=draw(st.sampled_from(["0.5", "1", "2"])))
            lines.append(f"  指标 指标{k} 分值 {w} {{ {rule} }}")
            k += 1
        lines.append("}")
        total += sum(weights)
    return f"总分 {total}\n" + "\n".join(lines) + "\n"


@st.composite
def mutated(draw, text: str) -> str:
    """`text` with a few characters deleted, inserted or swapped."""
    chars = list(text)
    for _ in range(draw(st.integers(1, 6))):
        if not chars:
            break
        i = draw(st.integers(0, len(chars) - 1))
        action = draw(st.sampled_from(["delete", "insert", "swap", "dup"]))
        if action == "delete":
            del chars[i]
        elif action == "insert":
            chars.insert(i, draw(st.sampled_from(list("{}()[]:;,=<>≥≤%\"#-*/ \n0123456789指标分组评分值")
                                                 + [draw(st.characters())])))
        elif action == "swap" and i + 1 < len(chars):
            chars[i], chars[i + 1] = chars[i + 1], chars[i]
        else:
            chars.insert(i, chars[i])
    return "".join(chars)
