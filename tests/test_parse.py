"""Pass 1, parse: keywords in two languages, full-width punctuation, literals, names, comments,
and syntax errors — every one reported at its line and column, with recovery between them."""

from __future__ import annotations

from decimal import Decimal

import pytest

import perfdsl
from perfdsl.language import syntax as s
from perfdsl.compiler import diagnose
from perfdsl.language.parse import MAX_SYNTAX_ERRORS, fold_full_width, parse
from perfdsl.language.source import Source

# One rubric, three spellings. Each line of one is the same statement as the same line of the
# others, so the compiled graphs (which record lines, not columns) must be identical.
CHINESE = """\
评价体系 "测试"
年度 2021
总分 10
等级 { 优 ≥ 9；差 }
量表 评价 { 好 = 100%；差 = 0% }
输入 收入：金额（万元） 范围 ≥ 0 标签 "收入"
输入 支出：金额（万元） 范围 ≥ 0 默认值 0
输入 lv：等次 评价
令 比 = 支出 / 收入
分组 组 分值 10 参考分值 10 {
  指标 甲 分值 6 {
    说明 "说明"
    值 比
    评分 分档 甲 { ≥ 90%：满分；[50%, 90%)：3 分；其他：0 }
    异常得分 0
  }
  指标 乙 分值 4 { 评分 按等次 lv }
}
"""

ENGLISH = """\
rubric "测试"
year 2021
total 10
grades { 优 >= 9; 差 }
scale 评价 { 好 = 100%; 差 = 0% }
input 收入: money(万元) range >= 0 label "收入"
input 支出: money(万元) range >= 0 default 0
input lv: level 评价
let 比 = 支出 / 收入
group 组 weight 10 reference 10 {
  indicator 甲 weight 6 {
    description "说明"
    value 比
    score bands 甲 { >= 90%: full; [50%, 90%): 3 points; else: 0 }
    fallback 0
  }
  indicator 乙 weight 4 { score levels lv }
}
"""

MIXED = "".join(zh if i % 2 else en for i, (zh, en) in enumerate(
    zip(CHINESE.splitlines(keepends=True), ENGLISH.splitlines(keepends=True))))

# The ASCII punctuation of CHINESE typed instead with a Chinese input method.
TO_FULL_WIDTH = str.maketrans({"(": "（", ")": "）", ":": "：", ",": "，", "%": "％", ";": "；",
                               "=": "＝", ">": "＞", "<": "＜", "{": "｛", "}": "｝", "[": "［",
                               "]": "］", "0": "０", "9": "９"})


def full_width(text: str) -> str:
    """`text` with ASCII punctuation and some digits made full-width, except inside strings."""
    parts = text.split('"')
    return '"'.join(p if i % 2 else p.replace("≥", ">=").translate(TO_FULL_WIDTH)
                    for i, p in enumerate(parts))


def diagnostics(text: str):
    return diagnose(Source("t.rubric", text))[1]


def errors(text: str):
    return [d for d in diagnostics(text) if d.is_error]


def where(diagnostic) -> tuple[str, int, int]:
    return diagnostic.code, diagnostic.span.line, diagnostic.span.column


def tree(text: str) -> s.Rubric:
    rubric, found = parse(Source("t.rubric", text))
    assert rubric is not None and not found, [str(d) for d in found]
    return rubric


def first_expr(text: str):
    """The expression of the first `let` in `text`."""
    return next(st for st in tree(text).statements if isinstance(st, s.Let)).value


# --- Keywords in two languages ------------------------------------------------------------------

def test_english_chinese_and_mixed_keywords_compile_to_the_same_graph():
    """The same rubric written with English keywords, Chinese keywords, or both line by line
    compiles to the same evaluation graph."""
    graphs = [perfdsl.compile(text).to_json() for text in (CHINESE, ENGLISH, MIXED)]
    assert "score" in MIXED and "评分" in MIXED
    assert graphs[0] == graphs[1] == graphs[2]


def test_english_chinese_and_mixed_keywords_score_alike():
    """The three spellings score the same figures to the same result."""
    figures = {"收入": "10", "支出": "7", "lv": "好"}
    results = [perfdsl.compile(text).evaluate(figures).to_json()
               for text in (CHINESE, ENGLISH, MIXED)]
    assert results[0] == results[1] == results[2]
    assert results[0]["total"] == 7


@pytest.mark.parametrize("canonical,synonym", [
    ("分组 组", "指标组 组"), ("甲 分值 6", "甲 设定分值 6"), ("    值 比", "    计算公式 比"),
    ("评价体系 ", "指标体系 "), ("令 比", "设 比"), ('说明 "说明"', '指标解释 "说明"'),
    ("其他：0", "其余：0"),
])
def test_keyword_synonyms_are_interchangeable(canonical, synonym):
    """Every Chinese synonym of a keyword reads exactly as its main spelling."""
    assert CHINESE.count(canonical) == 1
    graph = perfdsl.compile(CHINESE.replace(canonical, synonym)).to_json()
    assert graph == perfdsl.compile(CHINESE).to_json()


# --- Full-width punctuation ------------------------------------------------------------------------

def test_full_width_punctuation_is_accepted_wherever_ascii_is():
    """（）：，％；＝＞＜｛｝［］ and full-width digits typed with a Chinese input method compile to
    the same graph as their ASCII twins."""
    typed = full_width(CHINESE)
    for ch in "（）：，％；＝＞｛｝［０９":
        assert ch in typed, ch
    assert perfdsl.compile(typed).to_json() == perfdsl.compile(CHINESE).to_json()


def test_full_width_less_than_and_ideographic_comma_and_space():
    """＜ compares, 、 separates like a comma and the ideographic space separates like a space."""
    text = ("总分 10\n输入　x：数值\n分组 组 分值 10 ｛\n"
            "  指标 甲 分值 10 ｛ 评分 逐项计分 ｛ x ＜ 1：4；x ＜＝ 2：6 ｝ ｝\n｝\n")
    rubric = perfdsl.compile(text)
    assert [rubric.evaluate({"x": v}).total for v in (0, 2, 3)] == [10, 6, 0]
    assert perfdsl.compile("总分 10\n等级 ｛ 优 ≥ 9、差 ｝\n输入 x：数值\n"
                           "分组 组 分值 10 ｛ 指标 甲 分值 10 ｛ 评分 公式 x ｝ ｝\n").model.grades


def test_folding_keeps_every_offset():
    """Folding full-width punctuation replaces one character with one, so every offset of the
    folded text is the same character position in the author's text."""
    text = full_width(CHINESE)
    folded = fold_full_width(text)
    assert len(folded) == len(text)
    assert folded.count("\n") == text.count("\n")


def test_spans_point_into_the_original_text_after_full_width_punctuation():
    """A name written after full-width punctuation has a span whose text, in the author's
    text, is that name — and its line and column count the author's characters."""
    text = "总分（10）\n输入　甲：数值　范围　＞＝　０\n令 乙 ＝ 甲 × ２\n"
    rubric = tree(text)
    let = next(st for st in rubric.statements if isinstance(st, s.Let))
    assert let.name.span.text == "乙"
    assert let.value.left.span.text == "甲"
    assert (let.value.left.span.line, let.value.left.span.column) == (3, 7)
    assert let.span.text == "令 乙 ＝ 甲 × ２"


def test_syntax_error_after_full_width_punctuation_points_at_the_author_character():
    """An error on a full-width character is reported at that character: its span's text is the
    character the author typed, at the column it has in the author's line."""
    found = errors("总分 10\n输入 甲：数值（人）\n")
    assert [where(d) for d in found] == [("E002", 2, 8)]
    assert found[0].span.text == "（"


def test_full_width_punctuation_inside_strings_is_kept():
    """Strings are left as written: a description keeps its （） and ：."""
    text = CHINESE.replace('说明 "说明"', '说明 "完成率（含）：≥ 90％"')
    indicator = perfdsl.compile(text).model.indicators[0]
    assert indicator.description == "完成率（含）：≥ 90％"


# --- Operators ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("typed,op", [
    ("≤", "<="), ("≦", "<="), ("<=", "<="), ("≥", ">="), ("≧", ">="), (">=", ">="),
    ("≠", "!="), ("!=", "!="), ("＝", "="), ("==", "="), ("＜", "<"), ("＞", ">"),
])
def test_comparison_operators_in_every_spelling(typed, op):
    """≤ ≥ ≠ and their ASCII and full-width spellings parse to the same comparison."""
    expr = first_expr(f"令 a = 1 {typed} 2\n")
    assert isinstance(expr, s.Compare) and expr.op == op


@pytest.mark.parametrize("typed,op", [
    ("×", "*"), ("*", "*"), ("＊", "*"), ("÷", "/"), ("/", "/"), ("／", "/"),
    ("−", "-"), ("–", "-"), ("-", "-"), ("＋", "+"),
])
def test_arithmetic_operators_in_every_spelling(typed, op):
    """× ÷ − and their ASCII and full-width spellings parse to the same arithmetic."""
    expr = first_expr(f"令 a = 6 {typed} 3\n")
    assert isinstance(expr, s.Binary) and expr.op == op


def test_multiplication_binds_tighter_than_addition():
    """`1 + 2 × 3 ÷ 4` is `1 + ((2 × 3) ÷ 4)`."""
    expr = first_expr("令 a = 1 + 2 × 3 ÷ 4\n")
    assert expr.op == "+" and expr.right.op == "/" and expr.right.left.op == "*"


def test_logic_and_conditionals_in_both_languages():
    """`如果 … 则 … 否则`, 且/或/非 and if/then/else, and/or/not build the same tree shapes."""
    zh = first_expr("令 a = 如果 非 x 且 y 或 z 则 1 否则 2\n")
    en = first_expr("let a = if not x and y or z then 1 else 2\n")
    for expr in (zh, en):
        assert isinstance(expr, s.Conditional)
        assert isinstance(expr.condition, s.Logical) and expr.condition.op == "or"
        assert expr.condition.left.op == "and" and isinstance(expr.condition.left.left, s.Not)


# --- Comments ---------------------------------------------------------------------------------------

def test_comments_are_ignored_wherever_they_stand():
    """# and // comments (and the full-width ＃ and ／／) may follow any statement or fill a line,
    and may hold quotes and braces; the rubric compiles as without them."""
    commented = CHINESE.replace("总分 10\n", "总分 10 # 满分 \"一百\" {\n// 整行注释 }\n")
    commented = commented.replace("值 比\n", "值 比 ＃ 比率（%）\n")
    commented = commented.replace("年度 2021\n", "年度 2021 // 年度\n")
    commented = commented.replace("总分 10", "总分 10 ／／ 全角注释 ｛", 1)
    compiled = perfdsl.compile(commented)
    assert compiled.evaluate({"收入": "10", "支出": "7", "lv": "好"}).total == 7


def test_hash_inside_a_string_is_not_a_comment():
    """A # inside a quoted string is part of the string."""
    text = CHINESE.replace('说明 "说明"', '说明 "第 #1 号 // 文件"')
    assert perfdsl.compile(text).model.indicators[0].description == "第 #1 号 // 文件"


# --- Names -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", [
    "预算完成率", "budget_rate", "Ставка", "βαθμός", "ひらがな", "점수", "x2", "_hidden",
    "“三公经费”控制率", "《条例》执行率", "中·外",
])
def test_names_in_any_script(name):
    """A name may be written in any script, contain digits after its first character, and carry
    “ ” 《 》 and · as the form's indicator names do."""
    text = (f"总分 10\n输入 {name}：数值 范围 ≥ 0\n分组 组 分值 10 {{\n"
            f"  指标 甲 分值 10 {{ 值 {name} 评分 公式 甲 }}\n}}\n")
    rubric = perfdsl.compile(text)
    assert rubric.model.inputs[0].name == name
    assert rubric.evaluate({name: 4}).total == 4


def test_quoted_names_may_hold_spaces_and_keywords():
    """A quoted name may contain spaces or be a keyword, and is referred to by the same quotes."""
    text = ('总分 10\n输入 "资金 使用"：数值\n输入 "总分"：数值\n分组 "一级 指标" 分值 10 {\n'
            '  指标 "评分" 分值 10 { 评分 公式 "资金 使用" + "总分" }\n}\n')
    rubric = perfdsl.compile(text)
    assert [d.name for d in rubric.model.inputs] == ["资金 使用", "总分"]
    assert rubric.model.indicators[0].path == ("一级 指标", "评分")
    assert rubric.evaluate({"资金 使用": 3, "总分": 4}).total == 7


def test_a_name_may_start_with_a_keyword():
    """`评分标准化` is a name, not the keyword `评分标准` followed by something."""
    text = ("总分 10\n输入 评分标准化：数值\n分组 组 分值 10 {\n"
            "  指标 甲 分值 10 { 评分 公式 评分标准化 }\n}\n")
    assert perfdsl.compile(text).model.inputs[0].name == "评分标准化"


# --- Literals ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("literal,value,percent", [
    ("61.68%", "0.6168", True), ("95 %", "0.95", True), ("100％", "1", True), ("0%", "0", True),
    ("0.5", "0.5", False), ("40.11", "40.11", False), ("3", "3", False),
    ("１２．５", "12.5", False), ("0.001%", "0.00001", True),
])
def test_number_and_percent_literals_are_exact_decimals(literal, value, percent):
    """A percentage is its number divided by 100 and a decimal is itself, as exact Decimals —
    never via binary floats."""
    expr = first_expr(f"令 a = {literal}\n")
    assert isinstance(expr, s.Number)
    assert expr.value == Decimal(value) and isinstance(expr.value, Decimal)
    assert expr.percent is percent


def test_negative_numbers_are_negations():
    """`-3` is the negation of 3, so `2 - -3` parses."""
    expr = first_expr("令 a = 2 - -3\n")
    assert expr.op == "-" and isinstance(expr.right, s.Negate)


def test_strings_may_span_lines_and_escape_quotes():
    """A string typed over several lines reads as one paragraph (CJK lines join without a space),
    and \\" is a quote inside it."""
    text = CHINESE.replace('说明 "说明"', '说明 "第一行，\n      第二行 \\"引号\\""')
    assert perfdsl.compile(text).model.indicators[0].description == '第一行，第二行 "引号"'


# --- Syntax errors ---------------------------------------------------------------------------------

MANY_ERRORS = """\
总分 10
输入 a：数值 范围 ≥ 0
输入 b 数值
分组 组 分值 10 {
  指标 甲 分值 10 {
    值 a + * 2
    评分 公式 a
  }
}
令 x = = 3
"""


def test_several_syntax_errors_are_all_reported_at_their_line_and_column():
    """Each broken statement gives one error, at the token that broke it."""
    assert [where(d) for d in errors(MANY_ERRORS)] == [
        ("E002", 3, 6), ("E002", 6, 11), ("E002", 10, 7)]


def test_syntax_error_messages_say_what_was_expected_and_found():
    """After `输入 b` only `:` can come: the message says so, and names the keyword found."""
    first = errors(MANY_ERRORS)[0]
    assert first.message("en") == "expected `:`, found keyword `数值`"
    assert first.message("zh") == "此处应为 `:`，实际为 关键字 `数值`"
    assert "found `*`" in errors(MANY_ERRORS)[1].message("en")


def test_recovery_resumes_at_the_next_statement():
    """After a syntax error the parser resumes at the next statement: a later name error is
    still found, and statements after the broken one are still checked."""
    broken, unknown = "  指标 甲 分值 5 { 值 a + * 2 评分 公式 a }", "  指标 乙 分值 5 { 评分 公式 未知 }"
    text = f"总分 10\n输入 a：数值\n分组 组 分值 10 {{\n{broken}\n{unknown}\n}}\n"
    assert [where(d) for d in errors(text)] == [
        ("E002", 4, broken.index("*") + 1), ("E101", 5, unknown.index("未知") + 1)]


def test_recovery_does_not_invent_errors_for_skipped_names():
    """A name declared in a statement the parser skipped is not then called unknown, and an
    indicator whose rule was skipped is not called ruleless."""
    text = ("总分 10\n输入 a：数值 范围 ≥ ≥ 0\n分组 组 分值 10 {\n"
            "  指标 甲 分值 10 { 评分 公式 a + }\n}\n")
    assert [d.code for d in errors(text)] == ["E002", "E002"]


def test_a_syntax_error_adds_no_unused_warnings():
    """An input read only in a statement the parser had to skip is not called unused: until the
    syntax error is fixed, unused-input warnings would be guesses."""
    text = ("总分 10\n输入 x：数值\n输入 y：数值\n分组 组 分值 10 {\n"
            "  指标 甲 分值 10 { 评分 扣分项 { 若 x > 1 扣 1 分 原因 \"太多 } }\n}\n")
    assert [d.code for d in diagnostics(text)] == ["E004"]


def test_unterminated_string_is_one_error_at_its_quote():
    """An unterminated string is E004 at its opening quote, and its words do not give further
    errors of their own."""
    line = '  指标 甲 分值 10 { 说明 "没有结尾'
    text = f"总分 10\n输入 x：数值\n分组 组 分值 10 {{\n{line}\n    评分 公式 x }}\n}}\n"
    assert [where(d) for d in diagnostics(text)] == [("E004", 4, line.index('"') + 1)]
    assert diagnostics(text)[0].hint() == 'close the string with `"`'


def test_unterminated_string_at_the_end_of_the_file():
    """An unterminated string on the last line is E004 at its quote."""
    found = errors('总分 10\n评价体系 "标题')
    assert [where(d) for d in found] == [("E004", 2, 6)]


def test_unexpected_end_of_file():
    """A block left open is E003 at the end of the file, saying what was expected."""
    found = errors("总分 10\n分组 组 分值 10 {\n  指标 甲 分值 10 { 评分 公式 1 }\n")
    assert [d.code for d in found] == ["E003"]
    assert found[0].span.end == len("总分 10\n分组 组 分值 10 {\n  指标 甲 分值 10 { 评分 公式 1 }\n")
    assert found[0].message("en").startswith("the file ends too early: expected ")
    assert "`}`" in found[0].message("en") or "`indicator` / `指标`" in found[0].message("en")
    assert found[0].message("zh").startswith("文件意外结束")


def test_unexpected_end_in_the_middle_of_a_statement():
    """A statement cut off by the end of the file is E003, whatever came before."""
    assert [d.code for d in errors("总分 10\n输入 x：")] == ["E003"]
    assert [d.code for d in errors("总分")] == ["E003"]


@pytest.mark.parametrize("text,keyword,at", [
    ("总分 10\n分组 组 分值 10 {\n  指标甲 分值 10 { 评分 公式 1 }\n}\n", "指标", (3, 3)),
    ("总分 10\n分组 组 分值 10 {\n  指标 甲 分值10 { 评分 公式 1 }\n}\n", "分值", (3, 8)),
    ("总分 10\n分组组 分值 10 {\n  指标 甲 分值 10 { 评分 公式 1 }\n}\n", "分组", (2, 1)),
])
def test_a_keyword_glued_to_a_name_gives_a_hint(text, keyword, at):
    """A keyword written without the space after it is reported where it stands, with a hint to
    put a space after that keyword, in both languages."""
    first = errors(text)[0]
    assert (first.code, first.span.line, first.span.column) == ("E002",) + at
    assert first.hint("en") == f"put a space after the keyword `{keyword}`"
    assert first.hint("zh") == f"关键字 `{keyword}` 后面需要空格"


@pytest.mark.parametrize("char,hint", [
    ("@", None), ("”", 'write strings in ASCII quotes "..."; “ ” may only appear inside a name'),
    ("。", "end a statement with a new line or `;`"),
])
def test_unexpected_characters(char, hint):
    """A character the language has no use for is E001 at that character, with a hint for the
    ones a Chinese input method produces."""
    found = errors(f"总分 10 {char}\n输入 x：数值\n分组 组 分值 10 {{ 指标 甲 分值 10 {{ 评分 公式 x }} }}\n")
    assert [where(d) for d in found] == [("E001", 1, 7)]
    assert found[0].message("en") == f"unexpected character `{char}`"
    assert found[0].hint("en") == hint


def test_too_many_syntax_errors_stop_with_e005():
    """Past the limit the parser stops with E005, which has no position; every error before it
    has one."""
    text = "总分 10\n" + "输入 x 数值\n" * (MAX_SYNTAX_ERRORS + 10)
    found = diagnostics(text)
    assert found[-1].code == "E005" and found[-1].span is None
    assert len(found) == MAX_SYNTAX_ERRORS + 1
    assert all(d.span is not None for d in found[:-1])
    with pytest.raises(perfdsl.CompileError):
        perfdsl.compile(text)


def test_a_broken_rubric_raises_compile_error_with_every_diagnostic():
    """`perfdsl.compile` raises CompileError listing every error; its text is the rendered
    diagnostics."""
    with pytest.raises(perfdsl.CompileError) as info:
        perfdsl.compile(MANY_ERRORS, "many.rubric")
    assert [d.code for d in info.value.errors] == ["E002", "E002", "E002"]
    assert "many.rubric:3:6: error[E002]" in str(info.value)
