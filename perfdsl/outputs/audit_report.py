"""The audit of a filed form, in every format: text, Markdown, HTML, Excel and JSON.

Expects an `Audit` (perfdsl.tools.audit). `audit_model` lays it out as plain data: the
discrepancies, each with its class, place, claim, recomputed value, rule, standard, policy basis
and figures; the consistency checks and whether each holds; and the form with what each place
claims beside what perfdsl computes, every row with a discrepancy marked. The formats render
that one model (the Markdown and HTML layouts are Jinja templates in `layouts/`, rendered in the
same sandbox as rubric templates; every text in a workbook is written as text, never a formula).
"""

from __future__ import annotations

import io
import json
from decimal import Decimal
from typing import Any

from perfdsl import formatting as fmt
from perfdsl.language.source import cell_width
from perfdsl.tools.audit import KINDS, WORDS, Audit

MARKS = {"error": "✗", "note": "≈", None: "✓"}

LABELS = {
    "zh": {"code": "代码", "kind": "类别", "place": "位置", "subject": "项目", "claimed": "填报",
           "recomputed": "重算", "rule": "规则", "standard": "标准", "basis": "政策依据",
           "figures": "依据数据", "explanation": "计算", "where": "数据文件", "name": "指标",
           "weight": "分值", "computed": "重算得分", "mark": "核对", "checks": "一致性检查",
           "holds": "成立", "fails": "不成立", "unknown": "无法判断", "problems": "数据问题",
           "discrepancies": "不一致之处", "form": "填报与重算对照", "of": "按", "all": "单位数据",
           "relation": "检查"},
    "en": {"code": "code", "kind": "class", "place": "place", "subject": "item",
           "claimed": "claimed", "recomputed": "recomputed", "rule": "rule",
           "standard": "standard", "basis": "policy basis", "figures": "figures",
           "explanation": "computation", "where": "data file", "name": "indicator",
           "weight": "weight", "computed": "recomputed", "mark": "check",
           "checks": "Consistency checks", "holds": "holds", "fails": "fails",
           "unknown": "cannot tell", "problems": "Data problems",
           "discrepancies": "Discrepancies", "form": "Claimed beside recomputed", "of": "on",
           "all": "the unit's figures", "relation": "check"},
}


def audit_model(audit: Audit, lang: str = "zh") -> dict[str, Any]:
    """The audit as plain data: what every format (and a user's layout) sees."""
    words, labels = WORDS[lang], LABELS[lang]
    result = audit.result
    errors, notes = len(audit.errors), len(audit.notes)
    summary = words["found"].format(n=errors, notes=notes) if audit.discrepancies \
        else words["clean"]
    title = result.rubric.title or ""
    if result.rubric.year:
        title += f"（{result.rubric.year}年度）" if lang == "zh" else f" ({result.rubric.year})"
    unit = str(result.meta.get("单位名称") or result.meta.get("项目名称")
               or result.meta.get("unit") or "")
    items = []
    for d in audit.discrepancies:
        items.append({
            "code": d.code, "kind": d.kind, "what": words[d.kind], "severity": d.severity,
            "mark": MARKS[d.severity], "place": d.place or labels["all"], "subject": d.subject,
            "claimed": d.claimed, "recomputed": d.recomputed, "rule": d.rule or "",
            "standard": d.standard or "", "basis": "；".join(d.basis) if lang == "zh"
            else "; ".join(d.basis),
            "figures": "，".join(f"{n} {v}" for n, v in d.figures) if lang == "zh"
            else ", ".join(f"{n} {v}" for n, v in d.figures),
            "explanation": d.explanation or "", "where": d.where or ""})
    checks = [{"text": c.text, "place": c.place or labels["all"], "sides": c.sides,
               "line": c.line, "file": c.file,
               "verdict": labels["holds"] if c.holds else labels["unknown"] if c.holds is None
               else labels["fails"], "holds": c.holds} for c in audit.checks]
    return {
        "lang": lang, "labels": labels, "title": title, "unit": unit,
        "heading": words["title"], "summary": summary, "exit_code": audit.exit_code,
        "discrepancies": items, "checks": checks, "form": _form(audit, lang),
        "problems": [p.message(lang) for p in audit.problems],
    }


def _form(audit: Audit, lang: str) -> dict[str, Any]:
    """Each group and indicator with what each place claims for its score beside the
    recomputed score, marked where a discrepancy names it."""
    result = audit.result
    places = [p for p in audit.claims.places
              if any(c.place == p and c.kind in ("score", "total") for c in audit.claims.claims)]
    claimed: dict[tuple[str, str], str] = {}
    for claim in audit.claims.claims:
        if claim.kind in ("score", "total"):
            key = (claim.place, claim.subject or "")
            shown = fmt.plain(claim.value.value)
            claimed[key] = f"{claimed[key]} / {shown}" if key in claimed else shown
    marks: dict[str, str] = {}
    for d in audit.discrepancies:
        name = d.subject.split("（")[0].split(" (")[0]
        if marks.get(name) != "error":
            marks[name] = d.severity
    rows = []
    by_path = {ind.path: ind for ind in result.indicators}
    groups = {g.path: g for g in result.groups}

    def walk(node) -> None:
        path = node.path
        item = by_path.get(path) or groups[path]
        rows.append({"kind": "indicator" if path in by_path else "group", "depth": len(path) - 1,
                     "name": item.name, "weight": fmt.weight(item.weight),
                     "claimed": [claimed.get((p, item.name), "") for p in places],
                     "computed": fmt.score(item.score),
                     "mark": MARKS[marks.get(item.name)] if any(
                         claimed.get((p, item.name)) for p in places) or item.name in marks
                     else ""})
        for child in getattr(node, "children", ()):
            walk(child)

    for top in result.rubric.groups:
        walk(top)
    total_name = WORDS[lang]["total"]
    rows.append({"kind": "total", "depth": 0, "name": total_name,
                 "weight": fmt.weight(result.rubric.total),
                 "claimed": [claimed.get((p, ""), "") for p in places],
                 "computed": fmt.score(result.total),
                 "mark": MARKS[marks.get(total_name)] if any(claimed.get((p, "")) for p in places)
                 else ""})
    return {"places": places, "rows": rows}


# --- Text ---------------------------------------------------------------------------------------

def render_text(audit: Audit, lang: str = "zh", template: Any = None) -> str:
    model = audit_model(audit, lang)
    labels = model["labels"]
    heading = model["heading"] + (("：" if lang == "zh" else ": ") + model["title"]
                                  if model["title"] else "")
    lines = [heading + (f" — {model['unit']}" if model["unit"] else ""), model["summary"], ""]
    if model["problems"]:
        lines += [labels["problems"] + ":"] + [f"  {p}" for p in model["problems"]] + [""]
    for d in model["discrepancies"]:
        lines.append(f"{d['mark']} [{d['code']}] {d['what']} · {d['place']} · {d['subject']}")
        for key in ("claimed", "recomputed", "explanation", "rule", "standard", "basis",
                    "figures", "where"):
            if d[key]:
                label = labels["relation" if key == "claimed" and d["kind"] == "check" else key]
                lines.append(f"    {label}：{d[key]}" if lang == "zh"
                             else f"    {label}: {d[key]}")
        lines.append("")
    if model["checks"]:
        lines.append(labels["checks"] + ("：" if lang == "zh" else ":"))
        for c in model["checks"]:
            lines.append(f"  {c['verdict']:<4}  {c['text']}  [{labels['of']} {c['place']}]"
                         + (f"  {c['sides']}" if c["holds"] is False else ""))
        lines.append("")
    lines += _form_table(model)
    return "\n".join(lines).rstrip() + "\n"


def _form_table(model: dict[str, Any]) -> list[str]:
    form, labels = model["form"], model["labels"]
    if not form["places"]:
        return []
    header = [labels["name"], labels["weight"]] + [f"{labels['claimed']}·{p}"
                                                  for p in form["places"]] + [
        labels["computed"], labels["mark"]]
    table = [header] + [["  " * r["depth"] + r["name"], r["weight"], *r["claimed"],
                         r["computed"], r["mark"]] for r in form["rows"]]
    widths = [max(cell_width(row[i]) for row in table) for i in range(len(header))]
    out = [labels["form"]]
    for n, row in enumerate(table):
        cells = []
        for i, cell in enumerate(row):
            pad = " " * (widths[i] - cell_width(cell))
            cells.append(cell + pad if i == 0 or n == 0 else pad + cell)
        out.append("  ".join(cells).rstrip())
        if n == 0:
            out.append("  ".join("─" * w for w in widths))
    return out


# --- Markdown and HTML: Jinja layouts ------------------------------------------------------------

def _render_layout(model: dict[str, Any], layout: str, template: Any = None) -> str:
    """A shipped audit layout, or the user's --template, rendered within the layout bounds of
    every report (perfdsl.outputs.report.render_layout)."""
    from perfdsl.outputs.report import render_layout

    return render_layout(model, layout, template)


def render_markdown(audit: Audit, lang: str = "zh", template: Any = None) -> str:
    return _render_layout(audit_model(audit, lang), "audit.md.j2", template)


def render_html(audit: Audit, lang: str = "zh", template: Any = None) -> str:
    return _render_layout(audit_model(audit, lang), "audit.html.j2", template)


def render_json(audit: Audit, lang: str = "zh", template: Any = None) -> str:
    return json.dumps(audit.to_json(lang), ensure_ascii=False, indent=2) + "\n"


# --- Excel ---------------------------------------------------------------------------------------

def render_xlsx(audit: Audit, lang: str = "zh", template: Any = None) -> bytes:
    """Two sheets: the discrepancies, and the form with claims beside recomputed scores. Every
    text cell is written as a string, never a formula (`fillin.put`)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    from perfdsl.outputs.fillin import append

    model = audit_model(audit, lang)
    labels = model["labels"]
    book = Workbook()
    sheet = book.active
    sheet.title = labels["discrepancies"][:31]
    bold = Font(bold=True)
    red = PatternFill("solid", fgColor="FBE3E3")
    append(sheet, [f"{model['heading']}：{model['title']} {model['unit']}".strip()])
    append(sheet, [model["summary"]])
    keys = ["code", "kind", "place", "subject", "claimed", "recomputed", "explanation", "rule",
            "standard", "basis", "figures", "where"]
    append(sheet, [labels[k] for k in keys])
    for cell in sheet[3]:
        cell.font = bold
    for d in model["discrepancies"]:
        row = [d["code"], d["what"]] + [d[k] for k in keys[2:]]
        append(sheet, row)
        if d["severity"] == "error":
            for cell in sheet[sheet.max_row]:
                cell.fill = red
    for i, key in enumerate(keys, start=1):
        width = max([cell_width(str(d.get(key, ""))) for d in model["discrepancies"]]
                    + [cell_width(labels[key])])
        sheet.column_dimensions[get_column_letter(i)].width = min(width + 2, 50)
        for cell in sheet[get_column_letter(i)][3:]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    form = model["form"]
    if form["places"]:
        compare = book.create_sheet(labels["form"][:31])
        append(compare, [labels["name"], labels["weight"]] + [
            f"{labels['claimed']}·{p}" for p in form["places"]] + [labels["computed"],
                                                                   labels["mark"]])
        for cell in compare[1]:
            cell.font = bold
        for r in form["rows"]:
            values: list[Any] = ["  " * r["depth"] + r["name"], _number(r["weight"])]
            values += [_number(c) if c and "/" not in c else c for c in r["claimed"]]
            values += [_number(r["computed"]), r["mark"]]
            append(compare, values)
            if r["mark"] == MARKS["error"]:
                for cell in compare[compare.max_row]:
                    cell.fill = red
        compare.column_dimensions["A"].width = max(
            [cell_width("  " * r["depth"] + r["name"]) for r in form["rows"]] + [10]) + 2
    from perfdsl.outputs.xlsx import book_bytes

    return book_bytes(book)


def _number(text: str) -> Any:
    try:
        value = Decimal(text)
    except Exception:  # noqa: BLE001 - not a number: the text as it is
        return text
    return int(value) if value == value.to_integral_value() else float(value)


RENDERERS: dict[str, Any] = {"text": render_text, "markdown": render_markdown,
                             "html": render_html, "json": render_json, "xlsx": render_xlsx}
BINARY_FORMATS = {"xlsx"}
assert set(KINDS)  # every class has words in both languages (tests/test_audit.py)
