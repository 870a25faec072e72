"""Pass 6 — report: a `Result` → the filled self-evaluation table.

Expects a `Result` from `perfdsl.backends.interpret`. `report_model` lays the table out like the seed
form — header (unit, date, the funds block), then 一级 / 二级 / 三级 indicators with 参考分值,
设定分值, 计算分析情况 and 评价得分, a row per group with its subtotal, group cells merged over
their rows, the total and the grade — as plain data. The formats render that one model:

    table     aligned text for a terminal (CJK characters two cells wide)
    markdown  a Jinja layout shipped in perfdsl/outputs/layouts (or --template FILE)
    html      one standalone printable page (A4, no external assets), a Jinja layout too
    xlsx      an Excel workbook with merged cells and real numbers (perfdsl.outputs.xlsx)
    json      the result schema of docs/results.md plus header and explanations

Layouts render in the same sandbox as rubric templates, with the same bounds (perfdsl.checks.
templates): a layout passed with --template can show the model and nothing else, cannot run
long or grow without end, and fails as a `LayoutError` with its line, never a traceback.

Text from the rubric or the data file cannot act on the reader: the model shows control and
bidi characters visibly (`\\u{202e}`); the Markdown layout escapes every value (`md`), the HTML
layout HTML-escapes it (`e`), and the workbook stores text as text, never as a formula.
"""

from __future__ import annotations

import json
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

from perfdsl import collector
from perfdsl import formatting as fmt
from perfdsl import untrusted
from perfdsl.checks import templates
from perfdsl.data.figures import FUND_KEYS
from perfdsl.outputs.phrases import not_applicable_words, rescaled_words
from perfdsl.outputs.sentences import explanations
from perfdsl.core.results import Result
from perfdsl.language.source import cell_width

LABELS = {
    "zh": {"levels": ["一级指标", "二级指标", "三级指标"], "level_n": "{n}级指标",
           "reference": "参考分值", "weight": "设定分值", "explanation": "计算分析情况",
           "value": "指标值", "score": "评价得分", "subtotal": "小计", "total": "合计",
           "grade": "等级", "problems": "数据问题", "funds": "资金情况（万元）",
           "max_total": "总分"},
    "en": {"levels": ["Level 1", "Level 2", "Level 3"], "level_n": "Level {n}",
           "reference": "Reference weight", "weight": "Weight", "explanation": "Calculation and analysis",
           "value": "Value", "score": "Score", "subtotal": "Subtotal", "total": "Total",
           "grade": "Grade", "problems": "Data problems", "funds": "Funds (10k yuan)",
           "max_total": "Out of"},
}

def report_model(result: Result, lang: str = "zh") -> dict[str, Any]:
    """The filled form as plain data: what every layout (and a user's --template) sees."""
    labels = LABELS[lang]
    texts = explanations(result, lang)
    not_applicable = result.not_applicable
    depth = max([len(ind.path) for ind in result.indicators]
                + [len(n.path) for n in not_applicable], default=1)
    rows: list[dict[str, Any]] = []
    groups = {g.path: g for g in result.groups}
    by_path = {ind.path: (ind, text) for ind, text in zip(result.indicators, texts)}
    not_scored: dict[tuple[str, ...], list] = {}  # parent path → what does not apply in it
    for item in not_applicable:
        not_scored.setdefault(item.path[:-1], []).append(item)

    def not_applicable_rows(parent: tuple[str, ...]) -> int:
        """A row for each child of `parent` the unit is not scored on (不适用, not chosen):
        its weight, why, and 不适用 where a score would be."""
        for item in not_scored.get(parent, ()):
            d = len(item.path) - 1
            shown, why = not_applicable_words(item, lang)
            rows.append({
                "kind": "not_applicable", "status": item.status, "depth": d,
                "path": list(item.path), "name": item.name,
                "cells": _level_cells(d, depth, item.name, 1, depth - d),
                "reference": fmt.weight(item.reference), "weight": fmt.weight(item.weight),
                "value": "", "explanation": why, "score": shown,
                "reference_number": item.reference,
                "weight_number": item.weight, "score_number": None, "problem": None,
                "reason": item.reason or ""})
        return len(not_scored.get(parent, ()))

    def walk(node) -> int:
        """Append the rows of `node`'s subtree; return how many rows it took."""
        path = node.path
        d = len(path) - 1
        if path in by_path:
            ind, text = by_path[path]
            rows.append({
                "kind": "indicator", "depth": d, "path": list(path), "name": ind.name,
                "cells": _level_cells(d, depth, ind.name, 1, depth - d),
                "reference": fmt.weight(ind.reference), "weight": fmt.weight(ind.weight),
                "value": fmt.value(ind.value, ind.indicator.value.type if ind.indicator.value
                                   is not None else None, lang),
                "explanation": text, "score": fmt.score(ind.score),
                "reference_number": ind.reference, "weight_number": ind.weight,
                "score_number": ind.score,
                "problem": ind.problem.message(lang) if ind.problem else None})
            return 1
        group = groups[path]
        position = len(rows)
        rows.append({})  # filled once the subtree's size is known
        count = 1 + sum(walk(child) for child in node.children) + not_applicable_rows(path)
        cells = _level_cells(d, depth, group.name, count, 1)
        if depth - 1 - d > 0:
            cells.append({"text": labels["subtotal"], "rowspan": 1, "colspan": depth - 1 - d,
                          "column": d + 1})
        rows[position] = {
            "kind": "group", "depth": d, "path": list(path), "name": group.name, "cells": cells,
            "reference": fmt.weight(group.reference), "weight": fmt.weight(group.weight),
            "value": "", "explanation": "", "score": fmt.score(group.score),
            "reference_number": group.reference, "weight_number": group.weight,
            "score_number": group.score, "problem": None}
        return count

    for top in result.rubric.groups:
        walk(top)
    not_applicable_rows(())
    levels = (labels["levels"] + [labels["level_n"].format(n=n) for n in range(4, depth + 1)])
    levels = levels[:depth] if depth >= 3 else labels["levels"][: depth - 1] + [labels["levels"][2]]
    meta = {str(k): "" if v is None else str(v) for k, v in result.meta.items()}
    rubric = result.rubric
    reference_total = _reference_total(result)
    from perfdsl.outputs.forms import funds_unit, notes

    unit = funds_unit(result, [meta[k] for k in FUND_KEYS if k in meta])
    labels = dict(labels, funds=_funds_caption(lang, unit))  # the unit the data gives, if any
    return _visible({
        "lang": lang,
        "labels": labels,
        "title": rubric.title or "",
        "year": rubric.year,
        "header": [{"label": k, "value": v} for k, v in meta.items() if k not in FUND_KEYS],
        "funds": [{"label": k, "value": meta[k]} for k in FUND_KEYS if k in meta],
        "unit": meta.get("单位名称") or meta.get("unit") or "",
        "levels": levels,
        "depth": depth,
        "rows": rows,
        "total": {"reference": fmt.weight(reference_total), "weight": fmt.weight(rubric.total),
                  "score": fmt.score(result.total), "reference_number": reference_total,
                  "weight_number": rubric.total, "score_number": result.total},
        "grade": result.grade,
        "problems": [d.message(lang) for d in result.problems],
        # each subtotal and the total shared out over what applies, with its numbers
        "rescaled": [rescaled_words(r, lang) for r in result.rescaled],
        # 指标解释, 评分标准 and 政策依据 of each indicator, numbered as notes under the table
        "notes": notes(result, lang),
        "notes_title": "指标解释与评分标准" if lang == "zh"
        else "Indicators explained and scoring standards",
        "basis": list(rubric.basis),
        "funds_unit": unit,
    })


def _visible(value: Any) -> Any:
    """Every text of the model with control and bidi characters shown, not acted on."""
    if isinstance(value, str):
        return untrusted.visible(value)
    if isinstance(value, dict):
        return {k: _visible(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_visible(v) for v in value]
    return value


def _funds_caption(lang: str, unit: str) -> str:
    if lang == "zh":
        return f"资金情况（{unit}）" if unit else "资金情况"
    return f"Funds ({unit})" if unit else "Funds"


def _level_cells(d: int, depth: int, text: str, rowspan: int, colspan: int) -> list[dict]:
    return [{"text": text, "rowspan": rowspan, "colspan": colspan, "column": d}]


def _reference_total(result: Result) -> Decimal | None:
    refs = [g.reference for g in result.groups if len(g.path) == 1]
    return sum(refs, Decimal(0)) if refs and None not in refs else None


def level_texts(model: dict[str, Any]) -> list[list[str]]:
    """Each row's level columns as text, merged cells written once (for text formats)."""
    out = []
    for row in model["rows"]:
        texts = [""] * model["depth"]
        for cell in row["cells"]:
            texts[cell["column"]] = cell["text"]
        out.append(texts)
    return out


# --- Jinja layouts ----------------------------------------------------------------------------

def _md_cell(value: Any) -> str:
    """A value as literal Markdown text: no markup, no HTML, no line of its own."""
    return untrusted.markdown(str(value))


_LAYOUT_ENV = templates.environment({"md": _md_cell})
LayoutError = templates.LayoutError


def render_layout(model: dict[str, Any], layout: str, template_file: str | Path | None = None) -> str:
    """Render a shipped layout (`report.md.j2`, `report.html.j2`) or the user's template file,
    within the layout bounds; raise `LayoutError` if it cannot be read, compiled or rendered."""
    limits = templates.layout_limits(model)
    if template_file is not None:
        source = _read_layout(Path(template_file), limits)
        template = templates.compile_layout(_LAYOUT_ENV, source, limits)
    else:
        template = _shipped(layout)
    context = dict(model)
    if "depth" in model and "level_texts" not in model:  # a form's table, not an audit's list
        context["level_texts"] = level_texts(model)
    return templates.render_layout(template, context, limits)


def _shipped(layout: str):
    if layout not in _SHIPPED:
        source = resources.files("perfdsl.outputs").joinpath("layouts", layout).read_text("utf-8")
        _SHIPPED[layout] = templates.compile_layout(_LAYOUT_ENV, source,
                                                    templates.layout_limits({}))
    return _SHIPPED[layout]


_SHIPPED: dict[str, Any] = {}


def _read_layout(path: Path, limits: templates.Limits) -> str:
    """A layout file's text, read no further than its bound allows."""
    try:
        with open(path, "rb") as file:
            raw = file.read(4 * limits.source + 1)  # UTF-8 takes at most 4 bytes a character
    except OSError as error:
        raise LayoutError(None, f"cannot read it: {error.strerror or error}",
                          f"无法读取：{error.strerror or error}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[:error.start].count(b"\n") + 1
        raise LayoutError(line, "it is not UTF-8 text; save it as UTF-8",
                          "不是 UTF-8 编码，请另存为 UTF-8") from None
    if len(text) > limits.source:
        raise LayoutError(None, f"the template is longer than {limits.source:,} characters",
                          f"模板超过 {limits.source:,} 个字符")
    return text


def _collector_paused(render: Any) -> Any:
    """`render` with Python's cycle collector paused (perfdsl.collector): a report makes many
    small objects and no cycles, and each full collection would walk a big rubric's program."""
    import functools

    @functools.wraps(render)
    def paused(*args: Any, **kwargs: Any) -> Any:
        with collector.paused():
            return render(*args, **kwargs)

    return paused


@_collector_paused
def render_markdown(result: Result, lang: str = "zh", template: str | Path | None = None) -> str:
    return render_layout(report_model(result, lang), "report.md.j2", template)


@_collector_paused
def render_html(result: Result, lang: str = "zh", template: str | Path | None = None) -> str:
    return render_layout(report_model(result, lang), "report.html.j2", template)


@_collector_paused
def render_table(result: Result, lang: str = "zh", template: str | Path | None = None) -> str:
    """A plain-text table aligned for a terminal, CJK characters counted two cells wide."""
    model = report_model(result, lang)
    labels = model["labels"]
    table = [model["levels"] + [labels["reference"], labels["weight"], labels["value"],
                                labels["score"]]]
    for row, texts in zip(model["rows"], level_texts(model)):
        score = row["score"] + (" !" if row["problem"] else "")
        value = row["value"] if row["kind"] == "indicator" else ""
        table.append(texts + [row["reference"], row["weight"], value, score])
    total = model["total"]
    table.append([labels["total"]] + [""] * (model["depth"] - 1) + [
        total["reference"], total["weight"], f"{labels['grade']} {model['grade']}", total["score"]])
    numeric = set(range(len(table[0]) - 4, len(table[0])))
    widths = [max(cell_width(r[i]) for r in table) for i in range(len(table[0]))]
    lines = []
    title = _title(model)
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
    # The table has no column for 计算分析情况: why each thing does not apply goes beneath it.
    why = [f"{row['name']}：{row['explanation']}" if model["lang"] == "zh"
           else f"{row['name']}: {row['explanation']}"
           for row in model["rows"] if row["kind"] == "not_applicable"]
    if why or model["rescaled"]:
        lines += [""] + why + model["rescaled"]
    if model["problems"]:
        lines += ["", f"{labels['problems']}:"] + [f"  {p}" for p in model["problems"]]
    from perfdsl.outputs.forms import note_lines

    lines += note_lines(model)
    return "\n".join(lines) + "\n"


def _title(model: dict[str, Any]) -> str:
    title = model["title"]
    if model["year"]:
        title += f"（{model['year']}年度）" if model["lang"] == "zh" else f" ({model['year']})"
    if model["unit"]:
        title += f" — {model['unit']}"
    return title.strip()


@_collector_paused
def render_json(result: Result, lang: str = "zh", template: str | Path | None = None) -> str:
    """The result schema (docs/results.md) plus the header and each indicator's explanation."""
    data = result.to_json(lang)
    data["meta"] = {str(k): "" if v is None else str(v) for k, v in result.meta.items()}
    for item, text in zip(data["indicators"], explanations(result, lang)):
        item["explanation"] = text
    explain_not_applicable(data, result, lang)
    return json_text(data)


def explain_not_applicable(data: dict[str, Any], result: Result, lang: str) -> None:
    """The CLI's words beside the result schema's facts: why each thing does not apply, and
    each rescaling as a reviewer recomputes it."""
    for item, fact in zip(data["not_applicable"], result.not_applicable):
        item["explanation"] = not_applicable_words(fact, lang)[1]
    for item, fact in zip(data["rescaled"], result.rescaled):
        item["explanation"] = rescaled_words(fact, lang)


def json_text(data: Any) -> str:
    """JSON for a file or a terminal: UTF-8 as written, with control and bidi characters as
    JSON escapes (the same data; json.dumps leaves C1 controls and U+202E raw)."""
    return untrusted.json_safe(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"


@_collector_paused
def render_xlsx(result: Result, lang: str = "zh", template: str | Path | None = None) -> bytes:
    from perfdsl.outputs.fillin import with_figures
    from perfdsl.outputs.xlsx import workbook_bytes

    # The form's figures ride along in sheets of their own, so the workbook can be read back.
    return with_figures(workbook_bytes(report_model(result, lang)), result, lang)


RENDERERS: dict[str, Any] = {
    "table": render_table,
    "markdown": render_markdown,
    "html": render_html,
    "json": render_json,
    "xlsx": render_xlsx,
}


def _by_layout(name: str, renderer: Any) -> Any:
    """The renderer of the form the rubric chooses (`表样`): 部门整体 above, 项目支出 in
    perfdsl.outputs.forms."""
    def render(result: Result, lang: str = "zh", template: str | Path | None = None) -> Any:
        if result.rubric.layout == "project":
            from perfdsl.outputs import forms

            return forms.RENDERERS[name](result, lang, template)
        return renderer(result, lang, template)

    render.__doc__ = renderer.__doc__
    return render


RENDERERS = {name: _by_layout(name, renderer) for name, renderer in RENDERERS.items()}
BINARY_FORMATS = {"xlsx"}
TEMPLATE_FORMATS = {"markdown", "html"}
