"""A unit's figures: reading YAML/JSON data files and turning each figure into a typed value —
money in any unit, percentages, yes/no, levels — and every problem reported together, by name."""

from __future__ import annotations

from decimal import Decimal

import pytest

import perfdsl
from perfdsl.data import figures as data
from perfdsl.core.values import Unavailable

D = Decimal

RUBRIC = perfdsl.compile("""\
总分 10
量表 评价 { 好 = 100%；较好 = 80%；差 = 0% }
输入 经费：金额（万元） 范围 ≥ 0 标签 "年初预算"
输入 率：百分比 范围 0% 至 100%
输入 比：比率
输入 ok：是否
输入 lv：等次 评价
输入 n：数量（人） 范围 ≥ 0
输入 单位名称：文本
分组 组 分值 10 {
  指标 甲 分值 10 { 评分 逐项计分 { 经费 > 0：2；n > 0：2；ok：2；lv = 好：2；率 + 比 > 0%：2 } }
}
""", "t.rubric")

GOOD = "经费: 40.11\n率: 61.68%\n比: 0.5\nok: 是\nlv: 好\nn: 8\n单位名称: 汇通\n"


def check(text: str):
    """Typed figures and problems of a data file's text."""
    return data.check(RUBRIC.model, data.loads(text, "d.yaml"))


def figure(name: str, raw: str):
    """The typed value of one figure written `raw` (the others as in GOOD)."""
    lines = [line for line in GOOD.splitlines() if not line.startswith(f"{name}:")]
    figures, problems = check("\n".join(lines + [f"{name}: {raw}"]) + "\n")
    return figures[name], problems


def where(problem) -> tuple[str, int, int]:
    return problem.code, problem.span.line, problem.span.column


# --- Money ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("raw", ["40.11", "40.11万元", "'40.11'", "401100元", "401.1千元",
                                 "0.004011亿元", "４０．１１", "40.11 万元"])
def test_money_in_any_unit_is_converted_to_the_inputs_unit(raw):
    """40.11, 40.11万元, 401100元, 401.1千元 and full-width digits are all 40.11 万元."""
    value, problems = figure("经费", raw)
    assert problems == ()
    assert value == D("40.11") and isinstance(value, Decimal)


def test_yaml_numbers_are_read_from_their_text_not_through_floats():
    """`0.1` in YAML is exactly Decimal('0.1'), not the float nearest to it."""
    value, _ = figure("经费", "0.1")
    assert value == D("0.1") and str(value) == "0.1"


def test_thousands_separators_are_accepted():
    """1,000 is a thousand."""
    assert figure("经费", "'1,000.50'")[0] == D("1000.50")


@pytest.mark.parametrize("raw", ["'40,11'", "'1,0,0'", "'40，11'", "'1,00'"])
def test_a_comma_is_only_a_thousands_separator(raw):
    """`40,11` (a decimal comma) is not silently read as 4011: D003 with the hint to write a
    decimal point."""
    value, problems = figure("经费", raw)
    assert isinstance(value, Unavailable)
    assert [p.code for p in problems] == ["D003"]
    assert problems[0].hint("en") == ("write decimals with a point, e.g. 40.11; a comma only "
                                      "separates thousands, e.g. 1,000")


def test_a_count_may_carry_its_unit():
    """`8人` for a 人 input is 8; `8个` is the wrong unit (D003, saying which unit)."""
    assert figure("n", "8人") == (D(8), ())
    _, problems = figure("n", "8个")
    assert [p.code for p in problems] == ["D003"]
    assert problems[0].hint("en") == "the unit here is 人"


# --- Percentages ----------------------------------------------------------------------------------

@pytest.mark.parametrize("raw,value", [("61.68%", "0.6168"), ("'61.68%'", "0.6168"),
                                       ("100%", "1"), ("0%", "0"), ("61.68 %", "0.6168"),
                                       ("６１．６８％", "0.6168")])
def test_percentages(raw, value):
    """61.68% is 0.6168, exactly."""
    assert figure("率", raw) == (D(value), ())


def test_a_bare_number_for_a_percentage_is_rejected_with_a_hint():
    """`61.68` for a percentage is ambiguous (61.68% or 6168%?): D003 with the hint to write
    `61.68%`."""
    value, problems = figure("率", "61.68")
    assert isinstance(value, Unavailable)
    assert [where(p) for p in problems] == [("D003", 7, 4)]
    assert problems[0].message("en") == "`率` should be a percentage, found `61.68`"
    assert problems[0].hint("en") == "write `61.68%` for a percentage (a bare number is ambiguous)"
    assert problems[0].hint("zh") == "百分比请写成 `61.68%`（不带 % 的数字含义不明确）"


def test_a_ratio_may_be_a_bare_number_or_a_percentage():
    """A ratio accepts 0.5 and 50% alike."""
    assert figure("比", "0.5")[0] == figure("比", "50%")[0] == D("0.5")


# --- Yes/no, levels, text -----------------------------------------------------------------------

@pytest.mark.parametrize("raw,value", [("是", True), ("否", False), ("yes", True), ("no", False),
                                       ("true", True), ("false", False), ("Yes", True),
                                       ("有", True), ("无", False), ("达标", True), ("未达标", False)])
def test_yes_no_in_either_language(raw, value):
    """是/否, yes/no, true/false (any case) and 有/无, 达标/未达标 are yes/no."""
    assert figure("ok", raw) == (value, ())


def test_a_yes_no_figure_that_is_neither_is_d003():
    """`maybe` for a yes/no is D003 with the hint to write 是/否."""
    _, problems = figure("ok", "maybe")
    assert [p.code for p in problems] == ["D003"]
    assert problems[0].hint("zh") == "请填写 是/否（或 yes/no）"


@pytest.mark.parametrize("level", ["好", "较好", "差"])
def test_level_names(level):
    """A level of the input's scale is itself."""
    assert figure("lv", level) == (level, ())


def test_a_level_not_in_the_scale_is_d003_listing_the_levels():
    """`中` is not a level of 评价: D003 listing 好、较好、差."""
    _, problems = figure("lv", "中")
    assert problems[0].message("en") == "`lv` should be a level of scale `评价`, found `中`"
    assert problems[0].hint("en") == "one of: 好、较好、差"


def test_text_is_kept_as_written():
    """A text input is its text."""
    assert figure("单位名称", "汇通产业园")[0] == "汇通产业园"


# --- Problems -----------------------------------------------------------------------------------

def test_a_good_file_has_no_problems():
    """Every figure given and right: typed values, no problem."""
    figures, problems = check(GOOD)
    assert problems == ()
    assert figures == {"经费": D("40.11"), "率": D("0.6168"), "比": D("0.5"), "ok": True,
                       "lv": "好", "n": D(8), "单位名称": "汇通"}


def test_an_unknown_key_is_d001_with_a_suggestion():
    """A figure the rubric has no input for is D001 at its key, with the closest input name."""
    figures, problems = check(GOOD.replace("经费:", "经废:"))
    unknown = [p for p in problems if p.code == "D001"]
    assert [where(p) for p in unknown] == [("D001", 1, 1)]
    assert unknown[0].message("en") == "unknown figure `经废`: the rubric has no input of that name"
    assert unknown[0].hint("en") == "did you mean `经费`?"


def test_a_missing_figure_is_d002_at_the_input_with_its_label():
    """A figure left out is D002, pointing at the input in the rubric and naming its label."""
    _, problems = check(GOOD.replace("经费: 40.11\n", ""))
    assert [p.code for p in problems] == ["D002"]
    assert problems[0].message("en") == "missing figure `经费` (年初预算)"
    assert problems[0].span.source.name == "t.rubric" and problems[0].span.line == 3
    assert problems[0].hint("en") == "add `经费: ...` to the data file"


def test_a_figure_of_the_wrong_type_is_d003():
    """Text for money is D003 with the hint to write a number."""
    _, problems = figure("经费", "很多")
    assert problems[0].message("en") == "`经费` should be money (万元), found `很多`"
    assert problems[0].hint("en") == "write a number, e.g. 40.11"


def test_an_empty_value_is_d003():
    """`经费:` with nothing after it is D003: a value is needed."""
    _, problems = figure("经费", "")
    assert problems[0].code == "D003" and "found nothing" in problems[0].message("en")
    assert problems[0].message("zh") == "`经费` 应为金额（万元），实际为 空值"


@pytest.mark.parametrize("name,raw,shown", [("经费", "-1", "`经费` = -1万元 is outside its allowed range ≥ 0万元"),
                                            ("率", "101%", "`率` = 101% is outside its allowed range ≥ 0%, ≤ 100%"),
                                            ("n", "-3", "`n` = -3人 is outside its allowed range ≥ 0人")])
def test_a_figure_out_of_range_is_d004(name, raw, shown):
    """A figure outside its declared range is D004, giving the value and the range in the
    input's own unit."""
    value, problems = figure(name, raw)
    assert isinstance(value, Unavailable)
    assert [p.message("en") for p in problems] == [shown]


def test_a_figure_given_twice_is_d010_and_the_last_is_used():
    """The same key twice: D010 at the second, whose value is used."""
    figures, problems = check(GOOD + "经费: 50\n")
    assert [where(p) for p in problems] == [("D010", 8, 1)]
    assert figures["经费"] == D(50)


def test_every_problem_is_reported_together_by_name():
    """One file with an unknown key, a wrong type, a bad level, a value out of range and a
    missing figure reports all five, each naming its figure."""
    text = "经废: 1\n率: 61.68\nok: 也许\nlv: 中\nn: -1\n单位名称: x\n"
    figures, problems = check(text)
    assert [(p.code, p.args["name"]) for p in problems] == [
        ("D001", "经废"), ("D003", "率"), ("D003", "ok"), ("D003", "lv"), ("D004", "n"),
        ("D002", "经费"), ("D002", "比")]
    assert all(isinstance(figures[name], Unavailable) for name in ("率", "ok", "lv", "n", "经费", "比"))


# --- Whole files --------------------------------------------------------------------------------

@pytest.mark.parametrize("text,found", [("- 1\n- 2\n", "a list"), ("3\n", "a single value"),
                                        ("'只是一句话'\n", "a single value")])
def test_a_file_that_is_not_a_mapping_is_d009(text, found):
    """A data file must map names to values: a list or a lone value is DataError D009."""
    with pytest.raises(perfdsl.DataError) as info:
        data.loads(text, "d.yaml")
    assert [(d.code, d.span.line, d.span.column) for d in info.value.diagnostics] == [("D009", 1, 1)]
    assert info.value.diagnostics[0].message("en") == (
        f"the data must be a mapping of figure names to values, found {found}")


@pytest.mark.parametrize("text,line,column", [("经费: [1\n", 2, 1), ("a: b: c\n", 1, 5),
                                              ("经费: 1\n  率: 2\n", 2, 4), ('"open\n', 2, 1)])
def test_invalid_yaml_is_d007_with_a_position(text, line, column):
    """YAML that cannot be read is DataError D007 at the place the reader stopped, with the
    reader's reason."""
    with pytest.raises(perfdsl.DataError) as info:
        data.loads(text, "d.yaml")
    (diagnostic,) = info.value.diagnostics
    assert (diagnostic.code, diagnostic.span.line, diagnostic.span.column) == ("D007", line, column)
    assert diagnostic.message("en").startswith("the data file cannot be read: ")
    assert "d.yaml:" in str(info.value)


def test_data_nested_thousands_deep_is_d007():
    """A value nested thousands of lists deep is DataError D007 (not a RecursionError)."""
    with pytest.raises(perfdsl.DataError) as info:
        data.loads("经费: " + "[" * 5000 + "]" * 5000 + "\n", "d.yaml")
    assert [d.message("en") for d in info.value.diagnostics] == [
        "the data file cannot be read: the data is nested too deeply"]


@pytest.mark.parametrize("text", [
    "经费: &x [*x]\n", "经费: &x {a: *x}\n", "? &k [*k]\n: 1\n",
    "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]\n" for i in range(1, 9))
    + "经费: *a8\n",
], ids=["recursive-list", "recursive-map", "recursive-key", "billion-laughs"])
def test_aliases_that_expand_without_end_are_refused(text):
    """YAML aliases that make a small file denote an endless or huge value (`&x [*x]`, the
    "billion laughs") are refused in bounded time as D012, saying why, before any value is
    expanded."""
    with pytest.raises(perfdsl.DataError) as info:
        data.loads(text, "d.yaml")
    (diagnostic,) = info.value.diagnostics
    assert diagnostic.code == "D012"
    assert "alias" in diagnostic.message("en") and "别名" in diagnostic.message("zh")


def test_aliases_within_the_limit_are_read():
    """An alias used as YAML means it (one value given for two figures) is read as usual."""
    loaded = data.loads("经费: &v 40.11\n" + GOOD.replace("经费: 40.11", "") + "重复: *v\n")
    assert [f.value for f in loaded.figures if f.name in ("经费", "重复")] == ["40.11", "40.11"]


def test_a_missing_data_file_is_d007_not_a_traceback(tmp_path):
    """Loading a path that does not exist raises DataError D007 naming the path."""
    with pytest.raises(perfdsl.DataError) as info:
        perfdsl.load_data(tmp_path / "无.yaml")
    assert info.value.diagnostics[0].code == "D007"
    assert "无.yaml" in info.value.diagnostics[0].message("en")


def test_an_empty_file_has_every_figure_missing():
    """An empty data file reads as no figures: each input without a default is D002."""
    _, problems = check("")
    assert [p.args["name"] for p in problems if p.code == "D002"] == [
        "经费", "率", "比", "ok", "lv", "n", "单位名称"]


def test_json_data_files_are_read_too(tmp_path):
    """A JSON object is a data file (JSON is YAML); percent strings and numbers as in YAML."""
    path = tmp_path / "d.json"
    path.write_text('{"经费": 40.11, "率": "61.68%", "比": 0.5, "ok": "是", "lv": "好", '
                    '"n": 8, "单位名称": "汇通"}', "utf-8")
    result = RUBRIC.evaluate(perfdsl.load_data(path))
    assert result.problems == () and result.total == 10


def test_the_meta_block_is_facts_about_the_unit_not_figures():
    """`基本信息:` holds the unit's name and date: kept as meta, not checked as figures."""
    loaded = data.loads("基本信息:\n  单位名称: 汇通\n  填报日期: 2022-02-15\n" + GOOD)
    assert loaded.meta == {"单位名称": "汇通", "填报日期": "2022-02-15"}
    result = RUBRIC.evaluate(loaded)
    assert result.problems == () and result.meta["单位名称"] == "汇通"


# --- Figures from Python ------------------------------------------------------------------------

@pytest.mark.parametrize("value,expected", [(D("40.11"), D("40.11")), (40, D(40)),
                                            (40.11, D("40.11")), ("40.11万元", D("40.11"))])
def test_figures_from_python_may_be_decimal_int_float_or_text(value, expected):
    """The API takes Decimals, ints, floats (by their shortest repr) and text alike."""
    figures = {**data.check(RUBRIC.model, data.loads(GOOD))[0], "经费": value}
    result = RUBRIC.evaluate(figures)
    assert result.problems == () and result.value("经费") == expected


@pytest.mark.parametrize("value", [True, None, float("nan"), float("inf"), D("NaN"), [1, 2],
                                   {"a": 1}, object()])
def test_figures_from_python_of_the_wrong_type_are_d003(value):
    """A bool, None, NaN, infinity, a list or any object for money is D003, not an exception."""
    figures = {**data.check(RUBRIC.model, data.loads(GOOD))[0], "经费": value}
    result = RUBRIC.evaluate(figures)
    assert [p.code for p in result.problems][:1] == ["D003"]
    assert result.indicator("甲").problem is not None


def test_the_fast_path_and_the_checked_path_agree():
    """Figures already typed take a fast path; it gives the same result as checking them from
    text."""
    from_text = RUBRIC.evaluate(data.loads(GOOD))
    typed = data.check(RUBRIC.model, data.loads(GOOD))[0]
    assert RUBRIC.evaluate(typed).to_json() == from_text.to_json()
    out_of_range = {**typed, "n": D(-1)}
    assert [p.code for p in RUBRIC.evaluate(out_of_range).problems] == ["D004", "D008"]


# --- Data from someone else: exact, bounded, and never echoed whole (issue 9) -----------------------

def test_a_percentage_is_read_exactly():
    """`89.99999999999999999999999999999%` is 0.8999…9 exactly (the point moved), not rounded
    to 28 digits — which would make it 0.9 and put it in a `≥ 90%` band."""
    value, problems = figure("率", "89.99999999999999999999999999999%")
    assert problems == () and value == D("0.8999999999999999999999999999999") and value < D("0.9")


def test_money_in_another_unit_is_converted_exactly():
    """Every digit survives the conversion from 元 to 万元, whatever the caller's precision."""
    value, problems = figure("经费", "123456789012345.123456789012345元")
    assert problems == () and value == D("12345678901.2345123456789012345")


@pytest.mark.parametrize("raw,ok", [
    ("999999999999999", True), ("1" + "0" * 15, False), ("0." + "0" * 29 + "1", True),
    ("0." + "0" * 30 + "1", False), ("1" + "0" * 1000, False), ("0." + "0" * 999 + "1", False),
    ("000000000000000000001", True), ("1,000,000,000,000,000", False)])
def test_figures_have_at_most_15_digits_before_the_point_and_30_after(raw, ok):
    """A figure written with more digits than perfdsl reads is D011, quoting it cut short."""
    value, problems = figure("经费", raw)
    if ok:
        assert problems == ()
    else:
        (problem,) = [p for p in problems if p.code != "D008"]
        assert problem.code == "D011" and isinstance(value, Unavailable)
        assert len(problem.message("en")) < 200 and "15 digits" in problem.message("en")


@pytest.mark.parametrize("value", [D("1e-1000"), D("1e15"), D("-1e999999"), 10**20, 1e300,
                                   D("1e-31")])
def test_figures_from_python_beyond_the_magnitude_are_d011(value):
    """From the API too: a Decimal, int or float of 10^15 or more, or a non-zero one below
    10^-30, is D011 — on the fast path and on the checked path alike."""
    typed = data.check(RUBRIC.model, data.loads(GOOD))[0]
    fast = RUBRIC.evaluate({**typed, "经费": value})
    checked = RUBRIC.evaluate(data.from_mapping({**typed, "经费": value}))
    assert [p.code for p in fast.problems][:1] == ["D011"]
    assert fast.to_json() == checked.to_json()


@pytest.mark.parametrize("raw", ["١٢٣", "1٢３", "१२३", "12٫5", "๑๒"])
def test_digits_of_other_scripts_are_d003(raw):
    """Arabic-Indic, Devanagari, Thai or mixed-script digits are refused with a hint to write
    0-9, not read silently as a number. Full-width digits are still read."""
    value, problems = figure("n", raw)
    (problem,) = [p for p in problems if p.code != "D008"]
    assert problem.code == "D003" and "0-9" in problem.hint("en")
    assert figure("n", "１２３")[0] == D(123)


def test_a_huge_value_is_echoed_cut_short():
    """A figure of a million characters, or an unknown key of that length, is quoted in its
    message in 60 characters ending with "…"."""
    _, problems = check(GOOD.replace("经费: 40.11", "经费: " + "九" * 1_000_000)
                        + "x" * 1000 + ": 1\n")
    messages = [p.message("en") for p in problems]
    assert all(len(m) < 300 for m in messages), [len(m) for m in messages]
    assert any("九" * 50 + "…" in m for m in messages) and any("x" * 50 + "…" in m for m in messages)


def test_aliases_of_a_large_string_are_refused():
    """The issue's case: a 1 MB string and a figure listing 100 aliases to it (100 MB once
    expanded) is D012, not 2.4 GB of memory and 400 MB of output."""
    text = "a: &big " + "x" * 1_000_000 + "\n经费: [" + ", ".join(["*big"] * 100) + "]\n"
    with pytest.raises(perfdsl.DataError) as info:
        data.loads(text, "d.yaml")
    (problem,) = info.value.diagnostics
    assert problem.code == "D012" and "10,000,000 characters" in problem.message("en")
    assert len(str(info.value)) < 2000


def test_a_data_file_over_ten_megabytes_is_refused(tmp_path):
    """A data file larger than 10 MB (or an endless one, like /dev/zero) is D012 after reading
    at most 10 MB."""
    path = tmp_path / "d.yaml"
    path.write_bytes(b"# " + b"x" * 10_000_000 + b"\n")
    for given in (path, "/dev/zero"):
        with pytest.raises(perfdsl.DataError) as info:
            perfdsl.load_data(given)
        assert [d.code for d in info.value.diagnostics] == ["D012"]


def test_a_data_file_that_is_not_utf8_is_d013_at_its_place(tmp_path):
    """A data file saved in GBK: D013 at the line and column of the first byte that is not
    UTF-8, the line shown as text, and a hint to save it as UTF-8."""
    path = tmp_path / "d.yaml"
    path.write_bytes("经费: 40.11\n".encode("utf-8") + "单位名称: 汇通\n".encode("gbk"))
    with pytest.raises(perfdsl.DataError) as info:
        perfdsl.load_data(path)
    (problem,) = info.value.diagnostics
    assert (problem.code, problem.span.line, problem.span.column) == ("D013", 2, 1)
    assert problem.span.source.line_text(2) == "单位名称: 汇通"
    assert "save the file as UTF-8" in problem.hint("en") and "GBK" in problem.hint("en")


@pytest.mark.parametrize("raw,code", [("1e999999999", "D003"), ("1e100000", "D003"),
                                      ("NaN", "D003"), ("1" + "0" * 20, "D011"),
                                      ("一千", "D003"), ("40.11", None), ("401100元", None)])
def test_funds_in_the_basic_block_are_amounts_of_money(raw, code):
    """基本信息's funds (年初预算金额…) are amounts in 万元: anything else, or one too large,
    is a problem at its place — and a report never hangs in int() or shows NaN as blank."""
    loaded = data.loads(f"基本信息:\n  年初预算金额: {raw}\n" + GOOD, "d.yaml")
    _, problems = data.check(RUBRIC.model, loaded)
    assert [p.code for p in problems] == ([] if code is None else [code])
    if code:
        assert problems[0].span.line == 2
    from perfdsl.outputs.report import render_xlsx, render_markdown

    result = RUBRIC.evaluate(loaded)
    assert raw.replace("元", "") in render_markdown(result) or raw == "401100元"
    render_xlsx(result)  # checked by the suite's workbook check; must not hang or raise


def test_unknown_keys_cost_a_fuzzy_search_only_for_the_first_hundred(monkeypatch):
    """20,000 unknown keys (200,000 took minutes): each is D001, but only the first 100 get a
    "did you mean" (a fuzzy search each), so checking the file is linear in its size."""
    import perfdsl.diagnostics

    calls = []
    real = perfdsl.diagnostics.suggest
    monkeypatch.setattr(perfdsl.diagnostics, "suggest", lambda *a: calls.append(1) or real(*a))
    text = GOOD + "".join(f"未知{i}: 1\n" for i in range(20_000))
    _, problems = check(text)
    assert sum(p.code == "D001" for p in problems) == 20_000
    assert len(calls) == data.MAX_SUGGESTIONS


def test_the_data_page_names_the_codes_the_code_uses():
    """docs/data.md's table of problems lists exactly the D codes of the catalogue (a figure
    given twice is D010, not E006)."""
    import re

    from perfdsl.messages import CATALOGUE

    from conftest import ROOT

    page = (ROOT / "docs" / "data.md").read_text("utf-8")
    listed = set(re.findall(r"^\| (D\d{3}) \|", page, re.M))
    assert listed == {code for code in CATALOGUE if code.startswith("D")}
    assert "| E006 |" not in page
