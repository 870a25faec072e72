"""The standard 项目支出绩效自评表 (财预〔2020〕10号) in the language, scored by hand.

rubrics/project-expenditure.rubric is the second real rubric: 预算执行率 10 / 产出 50 / 效益 30 /
满意度 10 with 二级 and 三级 indicators, each quantitative one scored against its 年度指标值 with a
direction (≥ positive, ≤ reverse, = equality). Every expected score below was worked out by hand
from the example files, the arithmetic beside it, rounded to 0.01 half up, then clamped to
[0, weight]:

    positive  ≥   met: full; else actual / target × weight
    reverse   ≤   met: full; else target / actual × weight
    equality  =   met: full; else (1 − |actual − target| / target) × weight
"""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

import perfdsl
from perfdsl.checks import model as m

ROOT = Path(__file__).resolve().parent.parent
RUBRIC = ROOT / "rubrics" / "project-expenditure.rubric"
ROAD = ROOT / "examples" / "project-2023-road.yaml"
SHORTFALL = ROOT / "examples" / "project-2023-road-shortfall.yaml"

D = Decimal


@pytest.fixture(scope="module")
def rubric():
    return perfdsl.compile_file(RUBRIC)


def raw_figures(path: Path) -> dict[str, str]:
    """The figures of an example file as written (text), ready to be changed and re-scored."""
    return {f.name: f.value for f in perfdsl.load_data(path).figures}


def score_with(rubric, path: Path = ROAD, **changes: str):
    """Score an example file's figures with some of them replaced."""
    figures = raw_figures(path)
    for name in changes:
        assert name in figures, name
    figures.update(changes)
    return rubric.evaluate(figures)


@pytest.fixture(scope="module")
def road(rubric):
    return rubric.evaluate(perfdsl.load_data(ROAD))


@pytest.fixture(scope="module")
def shortfall(rubric):
    return rubric.evaluate(perfdsl.load_data(SHORTFALL))


# --- The rubric itself ------------------------------------------------------------------------

def test_rubric_compiles_without_warnings(rubric):
    """The project rubric is clean: it compiles, with no warnings (every input is used)."""
    assert rubric.warnings == ()


def test_first_level_is_the_standard_form(rubric):
    """一级: 预算执行率 10 (an indicator of its own), 产出指标 50, 效益指标 30, 满意度指标 10; total 100."""
    top = rubric.model.groups
    assert [(node.name, node.weight) for node in top] == [
        ("预算执行率", 10), ("产出指标", 50), ("效益指标", 30), ("满意度指标", 10)]
    assert isinstance(top[0], m.Indicator)
    assert rubric.model.total == 100
    assert [(g.name, g.minimum, g.inclusive) for g in rubric.model.grades[:3]] == [
        ("优", 90, True), ("良", 80, True), ("中", 60, True)]
    assert rubric.model.grades[3].name == "差" and rubric.model.grades[3].minimum is None


def test_second_level_is_the_standard_form(rubric):
    """二级: 数量/质量/时效/成本 under 产出, 经济/社会/生态效益/可持续影响 under 效益,
    服务对象满意度指标 under 满意度; the weights of every level add up to their parent."""
    second = {g.name: [(c.name, c.weight) for c in g.children]
              for g in rubric.model.groups[1:]}
    assert second == {
        "产出指标": [("数量指标", 20), ("质量指标", 14), ("时效指标", 6), ("成本指标", 10)],
        "效益指标": [("经济效益", 8), ("社会效益", 12), ("生态效益", 5), ("可持续影响", 5)],
        "满意度指标": [("服务对象满意度指标", 10)],
    }


def test_indicator_rules_cover_every_direction_and_the_qualitative_kinds(rubric):
    """Quantitative indicators use `对标` with ≥, ≤ and =; one is `人工评分`, two `按等次`,
    and 预算执行率 is `按比例`. 12 三级 indicators under 产出 and 效益."""
    kinds = {}
    for ind in rubric.model.indicators:
        rule = ind.rule
        kinds[ind.name] = f"target {rule.op}" if isinstance(rule, m.Target) else type(rule).__name__
    assert kinds == {
        "预算执行率": "Proportional",
        "农村公路日常养护里程": "target >=", "危桥改造数量": "target >=",
        "聘用公益性岗位养护员": "target =", "交工验收合格率": "target =",
        "农村公路优良路率": "target >=", "路面病害处治时限": "target <=",
        "每公里日常养护成本": "target <=", "带动沿线产业发展": "Judged",
        "公路通行条件改善": "Levels", "路况原因交通事故起数": "target <=",
        "路域环境整治里程": "target >=", "养护长效机制": "Levels",
        "沿线群众满意度": "target >=",
    }
    under = [ind for ind in rubric.model.indicators if ind.path[0] in ("产出指标", "效益指标")]
    assert len(under) == 12


# --- Example 1: examples/project-2023-road.yaml -----------------------------------------------

ROAD_SCORES = {
    # 470 / 500 = 94% → 94% × 10 = 9.40
    "预算执行率": "9.40",
    # 326 ≥ 320 公里: met → 8
    "农村公路日常养护里程": "8.00",
    # 7 < 8 座: 7 / 8 × 7 = 6.125 → 6.13 (half up)
    "危桥改造数量": "6.13",
    # 40 = 40 人: met → 5
    "聘用公益性岗位养护员": "5.00",
    # 100% = 100%: met → 7
    "交工验收合格率": "7.00",
    # 86.4% ≥ 85%: met → 7
    "农村公路优良路率": "7.00",
    # 36 ≤ 48 小时: met → 6
    "路面病害处治时限": "6.00",
    # 0.92 > 0.9 万元/公里 (reverse, missed): 0.9 / 0.92 × 10 = 9.7826… → 9.78
    "每公里日常养护成本": "9.78",
    # judged 7 at 达成, allowed [80%, 100%] × 8 = [6.4, 8] → 7
    "带动沿线产业发展": "7.00",
    # 好 = 100% × 6 = 6
    "公路通行条件改善": "6.00",
    # 1 ≤ 2 起: met → 6
    "路况原因交通事故起数": "6.00",
    # 58 < 60 公里: 58 / 60 × 5 = 4.8333… → 4.83
    "路域环境整治里程": "4.83",
    # 较好 = 80% × 5 = 4
    "养护长效机制": "4.00",
    # 93% ≥ 90%: met → 10
    "沿线群众满意度": "10.00",
}

ROAD_SUBTOTALS = {
    "数量指标": "19.13",    # 8 + 6.13 + 5
    "质量指标": "14.00",    # 7 + 7
    "时效指标": "6.00",
    "成本指标": "9.78",
    "产出指标": "48.91",    # 19.13 + 14 + 6 + 9.78
    "经济效益": "7.00",
    "社会效益": "12.00",    # 6 + 6
    "生态效益": "4.83",
    "可持续影响": "4.00",
    "效益指标": "27.83",    # 7 + 12 + 4.83 + 4
    "服务对象满意度指标": "10.00",
    "满意度指标": "10.00",
}


@pytest.mark.parametrize("name,score", ROAD_SCORES.items())
def test_road_indicator_scores(road, name, score):
    """Each indicator of the 2023 road-maintenance example scores as computed by hand."""
    assert road.indicator(name).score == D(score)
    assert road.indicator(name).problem is None


@pytest.mark.parametrize("name,score", ROAD_SUBTOTALS.items())
def test_road_subtotals(road, name, score):
    """Each 一级 and 二级 subtotal of the road example is the sum of its rounded scores."""
    assert road.subtotal(name) == D(score)


def test_road_total_and_grade(road):
    """Total 9.40 + 48.91 + 27.83 + 10.00 = 96.14, grade 优 (≥ 90), and no data problems."""
    assert road.total == D("96.14")
    assert road.total == sum((D(s) for s in ROAD_SCORES.values()), D(0))
    assert road.grade == "优"
    assert road.problems == ()


def test_road_budget_execution_rate_value(road):
    """预算执行率 is the exact ratio 全年执行数 / 全年预算数 = 470 / 500 = 0.94."""
    assert road.indicator("预算执行率").value == D("0.94")


# --- Example 2: examples/project-2023-road-shortfall.yaml -------------------------------------

SHORTFALL_SCORES = {
    # 356.8 / 500 = 71.36% → 71.36% × 10 = 7.136 → 7.14
    "预算执行率": "7.14",
    # 288 < 320: 288 / 320 × 8 = 0.9 × 8 = 7.20
    "农村公路日常养护里程": "7.20",
    # 5 < 8: 5 / 8 × 7 = 4.375 → 4.38 (half up)
    "危桥改造数量": "4.38",
    # 44 ≠ 40 (equality, over): (1 − |44 − 40| / 40) × 5 = 0.9 × 5 = 4.50
    "聘用公益性岗位养护员": "4.50",
    # 96% ≠ 100% (equality, under): (1 − 4% / 100%) × 7 = 0.96 × 7 = 6.72
    "交工验收合格率": "6.72",
    # 80.75% < 85%: 0.8075 / 0.85 × 7 = 0.95 × 7 = 6.65
    "农村公路优良路率": "6.65",
    # 64 > 48 小时 (reverse, missed): 48 / 64 × 6 = 0.75 × 6 = 4.50
    "路面病害处治时限": "4.50",
    # 0.72 ≤ 0.9 (reverse, over-achieved): met → 10, not 0.9 / 0.72 × 10 = 12.5
    "每公里日常养护成本": "10.00",
    # judged 5.5 at 部分达成, allowed [60%, 80%] × 8 = [4.8, 6.4] → 5.50
    "带动沿线产业发展": "5.50",
    # 较好 = 80% × 6 = 4.80
    "公路通行条件改善": "4.80",
    # 3 > 2 起 (reverse, missed): 2 / 3 × 6 = 4.00
    "路况原因交通事故起数": "4.00",
    # 45 < 60: 45 / 60 × 5 = 0.75 × 5 = 3.75
    "路域环境整治里程": "3.75",
    # 一般 = 60% × 5 = 3.00
    "养护长效机制": "3.00",
    # 82% < 90%: 0.82 / 0.9 × 10 = 9.111… → 9.11
    "沿线群众满意度": "9.11",
}

SHORTFALL_SUBTOTALS = {
    "数量指标": "16.08",    # 7.20 + 4.38 + 4.50
    "质量指标": "13.37",    # 6.72 + 6.65
    "时效指标": "4.50",
    "成本指标": "10.00",
    "产出指标": "43.95",    # 16.08 + 13.37 + 4.50 + 10.00
    "经济效益": "5.50",
    "社会效益": "8.80",     # 4.80 + 4.00
    "生态效益": "3.75",
    "可持续影响": "3.00",
    "效益指标": "21.05",    # 5.50 + 8.80 + 3.75 + 3.00
    "服务对象满意度指标": "9.11",
    "满意度指标": "9.11",
}


@pytest.mark.parametrize("name,score", SHORTFALL_SCORES.items())
def test_shortfall_indicator_scores(shortfall, name, score):
    """Each indicator of the shortfall example (several targets missed) scores as by hand."""
    assert shortfall.indicator(name).score == D(score)
    assert shortfall.indicator(name).problem is None


@pytest.mark.parametrize("name,score", SHORTFALL_SUBTOTALS.items())
def test_shortfall_subtotals(shortfall, name, score):
    """Each 一级 and 二级 subtotal of the shortfall example is the sum of its rounded scores."""
    assert shortfall.subtotal(name) == D(score)


def test_shortfall_total_and_grade(shortfall):
    """Total 7.14 + 43.95 + 21.05 + 9.11 = 81.25, grade 良 (80 ≤ total < 90), no data problems."""
    assert shortfall.total == D("81.25")
    assert shortfall.total == sum((D(s) for s in SHORTFALL_SCORES.values()), D(0))
    assert shortfall.grade == "良"
    assert shortfall.problems == ()


# --- Directions: reverse (≤) and equality (=) -------------------------------------------------

@pytest.mark.parametrize("actual,score", [
    ("48", "6.00"),    # exactly at the ceiling: met
    ("36", "6.00"),    # under the ceiling: met
    ("1", "6.00"),     # far under (over-achieved): full marks, never more
    ("0", "6.00"),     # zero: met, and no division by the zero actual
    ("50", "5.76"),    # 48 / 50 × 6 = 5.76
    ("72", "4.00"),    # 48 / 72 × 6 = 4
    ("96", "3.00"),    # twice the ceiling: 48 / 96 × 6 = 3, not 0 (the ratio rule, not linear decay)
    ("4800", "0.06"),  # 48 / 4800 × 6 = 0.06
])
def test_reverse_indicator_scores_target_over_actual(rubric, actual, score):
    """A reverse indicator (≤) scores full marks at or under its 年度指标值, otherwise
    年度指标值 / 实际完成值 × 分值 — 路面病害处治时限, target 48 小时, weight 6."""
    result = score_with(rubric, 处治时限完成值=actual)
    assert result.indicator("路面病害处治时限").score == D(score)
    assert result.problems == ()


@pytest.mark.parametrize("target,actual,score", [
    ("0", "0", "6.00"),   # no accidents allowed, none happened: met
    ("0", "1", "0.00"),   # no accidents allowed, one happened: 0 (no ratio with a zero target)
    ("2", "4", "3.00"),   # 2 / 4 × 6 = 3
])
def test_reverse_indicator_with_zero_target(rubric, target, actual, score):
    """路况原因交通事故起数 ≤ 0 起: zero accidents score full marks, any accident scores 0."""
    result = score_with(rubric, 事故起数指标值=target, 事故起数完成值=actual)
    assert result.indicator("路况原因交通事故起数").score == D(score)


def test_over_achieved_reverse_indicator_is_capped_at_its_weight(shortfall):
    """每公里日常养护成本 0.72 against ≤ 0.9: the ratio would give 12.5 of 10; the score is 10."""
    ind = shortfall.indicator("每公里日常养护成本")
    assert ind.score == ind.weight == D(10)


@pytest.mark.parametrize("actual,score", [
    ("40", "5.00"),    # equal: met
    ("44", "4.50"),    # 4 over: (1 − 4/40) × 5 = 4.5
    ("36", "4.50"),    # 4 under: the same deviation, the same score
    ("39", "4.88"),    # (1 − 1/40) × 5 = 4.875 → 4.88
    ("60", "2.50"),    # (1 − 20/40) × 5 = 2.5
    ("80", "0.00"),    # deviation equal to the target: 0
    ("100", "0.00"),   # deviation beyond the target: clamped to 0, never negative
    ("0", "0.00"),     # nobody hired: (1 − 40/40) × 5 = 0
])
def test_equality_indicator_scores_by_deviation(rubric, actual, score):
    """An equality indicator (=) scores full marks only when 实际完成值 equals 年度指标值,
    otherwise (1 − |实际 − 目标| / 目标) × 分值, alike above and below — 聘用公益性岗位养护员,
    target 40 人, weight 5."""
    result = score_with(rubric, 养护员人数完成值=actual)
    assert result.indicator("聘用公益性岗位养护员").score == D(score)


def test_equality_indicator_with_percentages(rubric):
    """交工验收合格率 = 100%: 98.5% scores (1 − 1.5%/100%) × 7 = 6.895 → 6.90; 100% scores 7."""
    assert score_with(rubric, 验收合格率完成值="98.5%").indicator("交工验收合格率").score == D("6.90")
    assert score_with(rubric, 验收合格率完成值="100%").indicator("交工验收合格率").score == D("7.00")


# --- Positive indicators and the budget execution rate ---------------------------------------

@pytest.mark.parametrize("actual,score", [
    ("320", "8.00"), ("400", "8.00"), ("319", "7.98"), ("160", "4.00"), ("0", "0.00")])
def test_positive_indicator_scores_actual_over_target(rubric, actual, score):
    """A positive indicator (≥) scores full marks at or above its target (over-achievement
    is capped), otherwise 实际 / 目标 × 分值 — 养护里程 target 320 公里, weight 8
    (319 / 320 × 8 = 7.975 → 7.98)."""
    result = score_with(rubric, 养护里程完成值=actual)
    assert result.indicator("农村公路日常养护里程").score == D(score)


@pytest.mark.parametrize("executed,score", [
    ("500", "10.00"),    # 100%
    ("520", "10.00"),    # 104% × 10 = 10.4, capped at the weight
    ("499.75", "10.00"), # 99.95% × 10 = 9.995 → 10.00 (half up)
    ("499.7", "9.99"),   # 99.94% × 10 = 9.994 → 9.99
    ("0", "0.00"),
])
def test_budget_execution_rate_is_proportional_and_capped(rubric, executed, score):
    """预算执行率 scores 执行率 × 10, never above 10."""
    result = score_with(rubric, 全年执行数=executed)
    assert result.indicator("预算执行率").score == D(score)


# --- Qualitative indicators -------------------------------------------------------------------

@pytest.mark.parametrize("level,score", [("好", "6.00"), ("较好", "4.80"), ("一般", "3.60"),
                                         ("较差", "0.00")])
def test_levels_indicator(rubric, level, score):
    """公路通行条件改善 (weight 6) by levels: 好 100%, 较好 80%, 一般 60%, 较差 0."""
    result = score_with(rubric, 通行条件评价=level)
    assert result.indicator("公路通行条件改善").score == D(score)


@pytest.mark.parametrize("level,entered", [
    ("达成", "6.4"), ("达成", "8"), ("部分达成", "4.8"), ("部分达成", "5.5"), ("未达成", "0"),
    ("未达成", "3")])
def test_judged_score_within_its_range_is_accepted(rubric, level, entered):
    """A judged score within its level's range, edges included (达成 [6.4, 8], 部分达成 from 4.8,
    未达成 from 0, for weight 8), is taken as entered. (Whether 部分达成 may take 6.4 — [10]
    practice says [60%, 80%) — is left open: a scale cannot say half-open ranges yet.)"""
    result = score_with(rubric, 产业带动达成情况=level, 产业带动评分=entered)
    assert result.indicator("带动沿线产业发展").score == D(entered)
    assert result.problems == ()


@pytest.mark.parametrize("level,entered,allowed", [
    ("达成", "8.5", "[6.4, 8]"),       # above the range
    ("达成", "6", "[6.4, 8]"),         # below the range
    ("部分达成", "7", "[4.8, 6.4)"),
    ("未达成", "5", "[0, 4.8)"),
])
def test_judged_score_outside_its_range_is_a_data_problem_for_that_indicator_only(
        rubric, road, level, entered, allowed):
    """A judged score outside its level's range gives a D006 problem on 带动沿线产业发展 alone:
    that indicator scores 0 (no fallback given), every other indicator keeps its score, and the
    total drops by exactly the judged indicator's road-example score (96.14 − 7 = 89.14, 良)."""
    result = score_with(rubric, 产业带动达成情况=level, 产业带动评分=entered)
    problems = result.problems
    assert [p.code for p in problems] == ["D006"]
    assert problems[0].args["indicator"] == "带动沿线产业发展"
    assert problems[0].args["level"] == level
    assert allowed in problems[0].message("en")
    judged = result.indicator("带动沿线产业发展")
    assert judged.problem is not None and judged.problem.code == "D006"
    assert judged.score == D(0)
    for name, score in ROAD_SCORES.items():
        if name != "带动沿线产业发展":
            assert result.indicator(name).score == D(score), name
            assert result.indicator(name).problem is None, name
    assert result.subtotal("经济效益") == D(0)
    assert result.subtotal("效益指标") == D("20.83")  # 27.83 − 7
    assert result.total == D("89.14")
    assert result.grade == "良"


def test_out_of_range_judged_score_is_reported_in_chinese(rubric):
    """The D006 message names the indicator, the score, the level and the range, in Chinese."""
    result = score_with(rubric, 产业带动评分="8.5")
    assert result.problems[0].message("zh") == (
        "指标 `带动沿线产业发展`：人工评分 8.5 超出等次 `达成` 允许的范围 [6.4, 8]")


def test_zero_budget_is_confined_to_the_budget_execution_rate(rubric):
    """全年预算数 0 breaks its declared range (> 0): a D004 for the figure and a D008 for
    预算执行率, which scores 0; everything else is scored (96.14 − 9.40 = 86.74, 良)."""
    result = score_with(rubric, 全年预算数="0")
    assert [p.code for p in result.problems] == ["D004", "D008"]
    assert result.indicator("预算执行率").score == D(0)
    assert result.indicator("预算执行率").problem is not None
    assert result.total == D("86.74")
    assert result.grade == "良"


# --- The command line -------------------------------------------------------------------------

def perfdsl_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "perfdsl", *args], cwd=ROOT,
                          capture_output=True, text=True, encoding="utf-8", timeout=60)


def test_cli_scores_the_road_example():
    """`perfdsl score` prints the filled table for the road example: total 96.14, grade 优,
    exit code 0 and nothing on stderr."""
    run = perfdsl_cli("score", str(RUBRIC), str(ROAD))
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""
    assert "96.14" in run.stdout and "优" in run.stdout
    for name in ROAD_SCORES:
        assert name in run.stdout


def test_cli_markdown_of_the_road_example():
    """`--format markdown` prints the 项目支出 form: the header from 基本信息, the funds block,
    a row per indicator with its 年度指标值, 实际完成值 and 偏差原因, each indicator's
    计算分析情况 among the notes, and the total line `| 等级：优 | 100 | **96.14** |`."""
    run = perfdsl_cli("score", str(RUBRIC), str(ROAD), "--format", "markdown")
    assert run.returncode == 0, run.stderr
    out = run.stdout
    assert out.startswith("# 项目支出绩效自评表（2023年度）")
    assert "- 项目名称：2023年农村公路养护工程" in out
    assert "（全年执行数 470.00万元 / 全年预算数 500.00万元）× 100% = 94.00%" in out
    assert "危桥改造完成值 7座 未达到 危桥改造指标值 8座，得分 = 7 / 8 × 7，得 6.13 分" in out
    assert "评价等次为“达成”（可得 6.4–8 分），评分 7 分" in out
    assert "| 年度资金总额 | 500 | 500 | 470 | 10 | 94.00% | 9.40 |" in out
    assert "| 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |" in out
    assert "| ≥ 8座 | 7座 | 7 | 6.13 | 1座危桥因汛期停工顺延至2024年4月完工" in out
    assert "等级：优 | 100 | **96.14** |" in out


def test_cli_reports_an_out_of_range_judged_score(tmp_path):
    """With a judged score outside its range, `perfdsl score` still prints the table (total
    89.14), lists the problem, points at the rubric line of the rule, and exits 1."""
    data = tmp_path / "bad.yaml"
    data.write_text(ROAD.read_text("utf-8").replace("产业带动评分: 7", "产业带动评分: 8.5"), "utf-8")
    run = perfdsl_cli("score", str(RUBRIC), str(data), "--lang", "zh")
    assert run.returncode == 1
    assert "89.14" in run.stdout
    assert "D006" in run.stderr and "project-expenditure.rubric:" in run.stderr

