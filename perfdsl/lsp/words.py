"""The words the language server shows, in English and Chinese, and a node as it was written.

Hovers, outline details, diagnostics' hints and refusals take their words from `WORDS`, so a
message reads as one language whichever the user chose.
"""

from __future__ import annotations

WORDS = {
    "en": {
        "input": "input", "let": "derived value", "indicator": "indicator", "group": "group",
        "scale": "scale", "level": "level", "keyword": "keyword",
        "weight": "weight", "reference": "reference weight", "value": "value",
        "rule": "score", "standard": "scoring standard", "description": "description",
        "label": "label", "type": "type", "unit": "unit", "range": "range",
        "default": "default", "share": "share of the weight", "judged_share": "a judged score "
        "in this level takes", "levels": "levels", "children_sum": "the sum of its parts",
        "indicators": "indicators", "hint": "hint", "first_defined": "first defined here",
        "related": "see here", "fix": "Replace with `{text}`", "not_a_symbol":
        "only a name defined in this rubric can be renamed", "empty_name": "a name cannot be "
        "empty or span lines", "taken": "`{name}` is already the name of {what} (line {line})",
        "template_name": "`{name}` is used in an explanation template, where a name must be "
        "one word (letters, digits, _)", "spellings": "spellings", "used_as": "token",
        "function": "function",
    },
    "zh": {
        "input": "输入", "let": "派生值", "indicator": "指标", "group": "指标组",
        "scale": "量表", "level": "等次", "keyword": "关键字",
        "weight": "分值", "reference": "参考分值", "value": "值",
        "rule": "评分", "standard": "评分标准", "description": "说明",
        "label": "标签", "type": "类型", "unit": "单位", "range": "范围",
        "default": "默认值", "share": "占分值", "judged_share": "人工评分在此等次时占分值",
        "levels": "等次", "children_sum": "下级分值之和", "indicators": "个指标",
        "hint": "建议", "first_defined": "首次定义于此", "related": "参见此处",
        "fix": "改为 `{text}`", "not_a_symbol": "只能重命名本评价体系中定义的名称",
        "empty_name": "名称不能为空，也不能换行", "taken": "`{name}` 已是{what}的名称（第 {line} 行）",
        "template_name": "`{name}` 用在计算分析模板中，模板里的名称只能是一个词（字母、数字、_）",
        "spellings": "写法", "used_as": "记号", "function": "函数",
    },
}


def word(lang: str, key: str, **args) -> str:
    """A word or phrase in `lang` (English for a language it does not have), filled in."""
    return WORDS.get(lang, WORDS["en"])[key].format(**args)


def label(lang: str, key: str) -> str:
    """A word followed by a colon, as each language writes it: `range: ` / `范围：`."""
    return word(lang, key) + ("：" if lang == "zh" else ": ")


def written(node) -> str:
    """A syntax node as the author wrote it, on one line."""
    return " ".join(node.span.text.split()) if node is not None else ""
