"""The words the language server shows, in English and Chinese, and a node as it was written.

Hovers, outline details, diagnostics' hints and refusals take their words from `WORDS`, so a
message reads as one language whichever the user chose.
"""

from __future__ import annotations

# One row per word: English, Chinese.
_ROWS: dict[str, tuple[str, str]] = {
    "input": ("input", "输入"),
    "let": ("derived value", "派生值"),
    "indicator": ("indicator", "指标"),
    "group": ("group", "指标组"),
    "scale": ("scale", "量表"),
    "level": ("level", "等次"),
    "keyword": ("keyword", "关键字"),
    "weight": ("weight", "分值"),
    "reference": ("reference weight", "参考分值"),
    "value": ("value", "值"),
    "rule": ("score", "评分"),
    "standard": ("scoring standard", "评分标准"),
    "description": ("description", "说明"),
    "type": ("type", "类型"),
    "unit": ("unit", "单位"),
    "range": ("range", "范围"),
    "default": ("default", "默认值"),
    "share": ("share of the weight", "占分值"),
    "judged_share": ("a judged score in this level takes", "人工评分在此等次时占分值"),
    "children_sum": ("the sum of its parts", "下级分值之和"),
    "indicators": ("indicators", "个指标"),
    "groups": ("groups", "个指标组"),
    "inputs": ("inputs", "个输入"),
    "template": ("template", "模板"),
    "not_read": ("cannot be read: see the diagnostic on this line",
                 "无法读取：见本行的诊断信息"),
    "declared_in": ("declared in", "定义于"),
    "this_unit": ("set by this unit", "本单位设定"),
    "of_template": ("the template's", "模板规定"),
    "removed": ("removed by this unit (删除): its weight is not shared out",
                "本单位已删除：其分值不按比例折算"),
    "not_applicable": ("does not apply to this unit (不适用): its weight is shared out",
                       "不适用于本单位：其分值按比例折算"),
    "not_chosen": ("not chosen by this unit: it does not count",
                   "本单位未选用：不计分"),
    "in_template": ("in the template `{name}`: {message}", "模板 `{name}` 中：{message}"),
    "built_on_by": ("as `{name}` builds on it", "`{name}` 基于此模板时"),
    "template_place": ("here in the template", "模板中的位置"),
    "hint": ("hint", "建议"),
    "fix": ("Replace with `{text}`", "改为 `{text}`"),
    "not_a_symbol": ("only a name defined in this rubric can be renamed", "只能重命名本评价体系中定义的名称"),
    "lost": ("`{name}` is in a statement of `{file}` the parser could not read, which a rename "
             "could not reach: correct the syntax error first",
             "`{file}` 中有一处无法解析的语句用到了 `{name}`，重命名改不到它：请先改正语法错误"),
    "empty_name": ("a name cannot be empty or span lines", "名称不能为空，也不能换行"),
    "taken": ("`{name}` is already the name of {what} (line {line})",
              "`{name}` 已是{what}的名称（第 {line} 行）"),
    "template_name": ("`{name}` is used in an explanation template, where a name must be one "
                      "word (letters, digits, _)",
                      "`{name}` 用在计算分析模板中，模板里的名称只能是一个词（字母、数字、_）"),
    "template_fixed": ("`{name}` already means something in an explanation template (the "
                       "indicator's own value, score, weight…)",
                       "`{name}` 在计算分析模板中已有含义（指标自身的值、得分、分值等）"),
    "spellings": ("spellings", "写法"),
    "used_as": ("token", "记号"),
    "function": ("function", "函数"),
}

WORDS = {lang: {key: row[i] for key, row in _ROWS.items()} for i, lang in enumerate(("en", "zh"))}


def word(lang: str, key: str, **args) -> str:
    """A word or phrase in `lang` (English for a language it does not have), filled in."""
    return WORDS.get(lang, WORDS["en"])[key].format(**args)


def label(lang: str, key: str) -> str:
    """A word followed by a colon, as each language writes it: `range: ` / `范围：`."""
    return word(lang, key) + ("：" if lang == "zh" else ": ")


def written(node) -> str:
    """A syntax node as the author wrote it, on one line."""
    return " ".join(node.span.text.split()) if node is not None else ""
