"""The keywords of the rubric language, in English and in Chinese.

One row per token type: its English spelling first, then its Chinese spellings. The lexer
retypes any NAME whose text is in this table, so adding a synonym is adding a string here.
Diagnostics use the first two spellings to say what was expected ("`group` / `分组`"; Chinese
messages name only the Chinese one).
"""

from __future__ import annotations

KEYWORDS: dict[str, tuple[str, ...]] = {
    # Header
    "RUBRIC": ("rubric", "评价体系", "指标体系"),
    "YEAR": ("year", "年度"),
    "TOTAL": ("total", "总分"),
    "GRADES": ("grades", "等级"),
    "SCALE": ("scale", "量表"),
    # Declarations
    "INPUT": ("input", "输入"),
    "LET": ("let", "令", "设"),
    "GROUP": ("group", "分组", "指标组"),
    "INDICATOR": ("indicator", "指标"),
    "WEIGHT": ("weight", "分值", "设定分值"),
    "REFERENCE": ("reference", "参考分值"),
    "DESCRIPTION": ("description", "说明", "指标解释"),
    "STANDARD": ("standard", "评分标准"),
    "EXPLAIN": ("explain", "计算分析", "说明模板"),
    "VALUE": ("value", "计算公式", "值", "实际完成值"),
    "SCORE": ("score", "评分"),
    "FALLBACK": ("fallback", "异常得分"),
    "LABEL": ("label", "标签"),
    "DEFAULT": ("default", "默认值"),
    "RANGE": ("range", "范围"),
    "TO": ("to", "至", "到"),
    # Input types
    "MONEY": ("money", "金额"),
    "COUNT": ("count", "数量"),
    "PERCENT_KW": ("percent", "百分比"),
    "RATIO": ("ratio", "比率"),
    "NUMBER_KW": ("number", "数值"),
    "BOOL": ("yesno", "是否"),
    "LEVEL": ("level", "等次"),
    "TEXT": ("text", "文本"),
    # Scoring rules
    "FULL": ("full", "满分"),
    "FULL_IF": ("full_if", "满分条件"),
    "PROPORTIONAL": ("proportional", "按比例"),
    "BANDS": ("bands", "分档"),
    "STEPWISE": ("stepwise", "逐档扣分"),
    "BELOW": ("below", "低于"),
    "ABOVE": ("above", "高于"),
    "DEDUCT": ("deduct", "扣"),
    "PER": ("per", "每"),
    "EACH": ("each", "每处"),
    "FLOOR": ("floor", "不足一档不扣"),
    "CEIL": ("ceil", "不足一档按一档"),
    "EXACT": ("exact", "按实际"),
    "FINDINGS": ("findings", "按处扣分"),
    "DEDUCTIONS": ("deductions", "扣分项"),
    "REASON": ("reason", "原因", "理由"),
    "LEVELS": ("levels", "按等次"),
    "JUDGED": ("judged", "人工评分"),
    "CHECKLIST": ("checklist", "逐项计分"),
    "TARGET": ("target", "对标"),
    "FORMULA": ("formula", "公式"),
    "DECAY": ("decay", "线性递减"),
    "TIMES": ("times", "倍"),
    "OVER_OK": ("over_ok", "超出不扣分"),
    "OVERSHOOT": ("overshoot", "超额"),
    "UNLESS": ("unless", "除非"),
    # Building on a template (perfdsl.checks.compose)
    "EXTENDS": ("extends", "基于"),
    "OVERRIDE": ("override", "修改"),
    "REMOVE": ("remove", "删除"),
    "NOT_APPLICABLE": ("not_applicable", "不适用"),
    "RESCALE": ("rescale", "按比例折算"),
    "CHOOSE": ("choose", "选用"),
    "ONE_OF": ("one_of", "择一", "二者择其一", "多选一"),
    "OPTIONAL": ("optional", "可选"),
    # Declared properties, checked by `perfdsl verify`
    "MONOTONE": ("monotone", "单调"),
    "INCREASING": ("increasing", "递增"),
    "DECREASING": ("decreasing", "递减"),
    "POINTS": ("points", "分"),
    # Targets, checks, policy basis and the printed form
    "GOAL": ("goal", "年度指标值"),
    "QUALITATIVE": ("qualitative", "定性"),
    "CHECK": ("check", "检查"),
    "TOLERANCE": ("tolerance", "误差", "容差"),  # a check's, and an `=` target's
    "BASIS": ("basis", "政策依据"),
    "LAYOUT": ("layout", "表样"),
    # Expressions
    "IF": ("if", "如果", "若", "当"),
    "THEN": ("then", "则", "那么"),
    "ELSE": ("else", "否则", "其他", "其余"),
    "AND": ("and", "且", "并且"),
    "OR": ("or", "或", "或者"),
    "NOT": ("not", "非", "不"),
    "TRUE": ("true", "是"),
    "FALSE": ("false", "否"),
}

# Function names are one token type; the canonical (English) name says which function.
FUNCTIONS: dict[str, str] = {
    "min": "min", "最小": "min", "最小值": "min",
    "max": "max", "最大": "max", "最大值": "max",
    "round": "round", "四舍五入": "round",
    "abs": "abs", "绝对值": "abs",
    # Only in checks: what the unit's data says, beside its figures
    "given": "given", "已填": "given",
    "explained": "explained", "已说明": "explained",
}

TOKEN_OF: dict[str, str] = {
    spelling: token for token, spellings in KEYWORDS.items() for spelling in spellings
}
TOKEN_OF.update({spelling: "FUNCTION" for spelling in FUNCTIONS})

# Keywords that begin a statement or a clause: error recovery resynchronises on them.
STATEMENT_TOKENS = frozenset({
    "RUBRIC", "YEAR", "TOTAL", "GRADES", "SCALE", "INPUT", "LET", "GROUP", "INDICATOR",
    "DESCRIPTION", "STANDARD", "EXPLAIN", "VALUE", "SCORE", "FALLBACK", "MONOTONE",
    "GOAL", "CHECK", "BASIS", "LAYOUT",
    "EXTENDS", "OVERRIDE", "REMOVE", "NOT_APPLICABLE", "CHOOSE", "ONE_OF",
})

PUNCTUATION_NAMES: dict[str, str] = {
    "LBRACE": "`{`", "RBRACE": "`}`", "LPAR": "`(`", "RPAR": "`)`", "LSQB": "`[`", "RSQB": "`]`",
    "COLON": "`:`", "SEMICOLON": "`;`", "COMMA": "`,`", "EQUAL": "`=`", "PLUS": "`+`",
    "MINUS": "`-`", "STAR": "`*`", "SLASH": "`/`", "LESSTHAN": "`<`", "MORETHAN": "`>`",
    "LE": "`<=`", "GE": "`>=`", "NE": "`!=`", "LT": "`<`", "GT": "`>`", "EQ": "`=`",
    "NAME": "a name", "STRING": "a quoted string", "NUMBER": "a number", "PERCENT": "a percentage",
    "$END": "the end of the file",
}


PUNCTUATION_NAMES_ZH: dict[str, str] = {
    "NAME": "名称", "STRING": "带引号的字符串", "NUMBER": "数字", "PERCENT": "百分数",
    "$END": "文件结尾", "FUNCTION": "函数（最小、最大、四舍五入、绝对值）",
}


def describe_token_type(token_type: str, lang: str = "en") -> str:
    """How a diagnostic names a token type: `group` / `分组` for a keyword in English, `分组`
    in Chinese (a Chinese message names Chinese keywords only)."""
    spellings = KEYWORDS.get(token_type)
    if spellings:
        return f"`{spellings[1]}`" if lang == "zh" else " / ".join(f"`{s}`" for s in spellings[:2])
    if lang == "zh" and token_type in PUNCTUATION_NAMES_ZH:
        return PUNCTUATION_NAMES_ZH[token_type]
    if token_type == "FUNCTION":
        return "a function (min, max, round, abs)"
    return PUNCTUATION_NAMES.get(token_type, f"`{token_type.lower()}`")
