"""Pass 6 — report: a `Result` → the filled self-evaluation table, as text, Markdown or JSON.

Expects a `Result` from `perfdsl.evaluate`. The table follows the seed form: 一级 / 二级 / 三级
indicators, 参考分值, 设定分值, the indicator's value, 评价得分; a subtotal row under every group;
the total and the grade.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from perfdsl import formatting as fmt
from perfdsl.results import Result
from perfdsl.source import cell_width

HEADINGS = {
    "zh": {"levels": ["一级指标", "二级指标", "三级指标"], "reference": "参考分值",
           "weight": "设定分值", "value": "指标值", "score": "评价得分", "subtotal": "小计",
           "total": "合计", "grade": "等级", "problems": "数据问题"},
    "en": {"levels": ["Level 1", "Level 2", "Level 3"], "reference": "Reference",
           "weight": "Weight", "value": "Value", "score": "Score", "subtotal": "Subtotal",
           "total": "Total", "grade": "Grade", "problems": "Data problems"},
}


def rows(result: Result, lang: str = "zh") -> list[list[str]]:
    """The table's rows: one per indicator, then a subtotal per group; group names shown once."""
    words = HEADINGS[lang]
    depth = max((len(ind.path) for ind in result.indicators), default=1)
    groups = {g.path: g for g in result.groups}
    out: list[list[str]] = []
    shown: set[tuple[str, ...]] = set()
    previous: tuple[str, ...] = ()
    for ind in result.indicators:
        # Close the groups the previous indicator was in and this one is not.
        for closed in _closed(previous, ind.path):
            out.append(_subtotal_row(groups[closed], depth, words))
        cells = []
        for level in range(depth - 1):
            prefix = ind.path[: level + 1]
            if level < len(ind.path) - 1 and prefix not in shown:
                shown.add(prefix)
                cells.append(ind.path[level])
            else:
                cells.append("")
        cells.append(ind.name)
        type_ = _value_type(result, ind)
        cells += [fmt.weight(ind.reference), fmt.weight(ind.weight),
                  fmt.value(ind.value, type_, lang), fmt.score(ind.score)
                  + (" !" if ind.problem else "")]
        out.append(cells)
        previous = ind.path
    for closed in _closed(previous, ()):
        out.append(_subtotal_row(groups[closed], depth, words))
    out.append([words["total"]] + [""] * (depth - 1) + [
        fmt.weight(_reference_total(result)), fmt.weight(result.rubric.total),
        f"{words['grade']} {result.grade}", fmt.score(result.total)])
    return out


def _closed(previous: tuple[str, ...], current: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Group paths that end between two indicators, innermost first."""
    out = []
    for n in range(len(previous) - 1, 0, -1):
        prefix = previous[:n]
        if current[:n] != prefix:
            out.append(prefix)
    return out


def _subtotal_row(group, depth: int, words) -> list[str]:
    label = f"{group.name} {words['subtotal']}"
    return [""] * (depth - 1) + [label, fmt.weight(group.reference), fmt.weight(group.weight),
                                 "", fmt.score(group.score)]


def _reference_total(result: Result) -> Decimal | None:
    refs = [g.reference for g in result.groups if len(g.path) == 1]
    return sum(refs, Decimal(0)) if refs and None not in refs else None


def _value_type(result: Result, ind):
    expr = ind.indicator.value
    return expr.type if expr is not None else None


def headings(result: Result, lang: str) -> list[str]:
    words = HEADINGS[lang]
    depth = max((len(ind.path) for ind in result.indicators), default=1)
    levels = (words["levels"] + [f"{n}级" if lang == "zh" else f"Level {n}"
                                 for n in range(4, depth + 1)])[:depth]
    if depth < 3:
        levels = words["levels"][: depth - 1] + [words["levels"][2]]
    return levels + [words["reference"], words["weight"], words["value"], words["score"]]


def render_table(result: Result, lang: str = "zh") -> str:
    """A plain-text table aligned for a terminal, CJK characters counted two cells wide."""
    table = [headings(result, lang)] + rows(result, lang)
    numeric = set(range(len(table[0]) - 4, len(table[0])))
    widths = [max(cell_width(row[i]) for row in table) for i in range(len(table[0]))]
    lines = []
    title = _title(result)
    if title:
        lines += [title, ""]
    for n, row in enumerate(table):
        cells = []
        for i, cell in enumerate(row):
            pad = " " * (widths[i] - cell_width(cell))
            cells.append(pad + cell if i in numeric and n else cell + pad)
        lines.append("  ".join(cells).rstrip())
        if n == 0:
            lines.append("  ".join("─" * w for w in widths))
    lines += _problem_lines(result, lang)
    return "\n".join(lines) + "\n"


def render_markdown(result: Result, lang: str = "zh") -> str:
    table = [headings(result, lang)] + rows(result, lang)
    lines = []
    title = _title(result)
    if title:
        lines += [f"# {title}", ""]
    lines.append("| " + " | ".join(table[0]) + " |")
    lines.append("|" + "|".join("---" if i < len(table[0]) - 4 else "---:"
                                for i in range(len(table[0]))) + "|")
    for row in table[1:]:
        lines.append("| " + " | ".join(_md(cell) for cell in row) + " |")
    words = HEADINGS[lang]
    lines += ["", f"**{words['total']}: {fmt.score(result.total)} / {fmt.weight(result.rubric.total)}"
              f" — {words['grade']}: {result.grade}**"]
    problems = _problem_lines(result, lang)
    if problems:
        lines += [""] + [f"- {p.strip()}" if p.strip() and not p.startswith(words["problems"])
                         else p for p in problems if p.strip()]
    return "\n".join(lines) + "\n"


def _md(cell: str) -> str:
    return cell.replace("|", "\\|")


def _title(result: Result) -> str:
    rubric = result.rubric
    parts = [rubric.title or ""]
    if rubric.year:
        parts.append(f"（{rubric.year}年度）")
    unit = result.meta.get("单位名称") or result.meta.get("unit")
    if unit:
        parts.append(f" — {unit}")
    return "".join(parts).strip()


def _problem_lines(result: Result, lang: str) -> list[str]:
    problems = result.problems
    if not problems:
        return []
    words = HEADINGS[lang]
    return ["", f"{words['problems']}:"] + [f"  {d.message(lang)}" for d in problems]


def render_json(result: Result) -> str:
    return json.dumps(result.to_json(), ensure_ascii=False, indent=2)


RENDERERS: dict[str, Any] = {
    "table": render_table,
    "markdown": render_markdown,
    "json": lambda result, lang="zh": render_json(result) + "\n",
}
