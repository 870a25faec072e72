"""The seed form end to end: every score the 2021 汇通产业园 form gives, from its own figures."""

from __future__ import annotations

from decimal import Decimal

import pytest

FORM_SCORES = {
    "工作规划合理性": 3, "工作目标明确性": 3, "在职人员控制率": 3, "“三公经费”变动率": 3,
    "重点支出安排率": 4, "预算完成率": 0, "预算调整率": 4, "支付进度": 2, "结转结余率": 0,
    "公用经费控制率": 3, "“三公经费”控制率": 3, "政府采购执行率": 0, "管理制度健全性": 3,
    "资金使用合规性": 3, "预决算信息公开性": 3, "基础信息完善性": 3, "资产管理制度健全性": 3,
    "资产管理安全性": 3, "固定资产利用率": 4, "完成实绩情况": 8, "质量达标情况": 8,
    "重点工作完成情况": 6, "经济效益": 5, "社会效益": 5, "生态效益": 5,
    "社会公众或服务对象满意度": 5,
}

FORM_WEIGHTS = {  # 设定分值, 参考分值 (None where the form's cell is empty)
    "预算完成率": (2, None), "预算调整率": (4, 3), "结转结余率": (2, 3), "公用经费控制率": (3, 2),
    "“三公经费”控制率": (3, 2), "政府采购执行率": (2, 3), "在职人员控制率": (3, 3),
}


def test_seed_has_the_forms_26_indicators(seed):
    """All 26 三级 indicators of the form, under four 一级 groups, in the form's order."""
    names = [ind.name for ind in seed.model.indicators]
    assert names == list(FORM_SCORES)
    assert [g.name for g in seed.model.groups] == ["投入", "过程", "产出", "效果"]


@pytest.mark.parametrize("name,score", FORM_SCORES.items())
def test_each_indicator_scores_as_the_form(seed_result, name, score):
    """Each indicator's score equals the 评价得分 column of the form."""
    assert seed_result.indicator(name).score == Decimal(score)


@pytest.mark.parametrize("name,weights", FORM_WEIGHTS.items())
def test_set_and_reference_weights(seed_result, name, weights):
    """设定分值 and 参考分值 are both kept, as the form gives them."""
    ind = seed_result.indicator(name)
    weight, reference = weights
    assert ind.weight == Decimal(weight)
    assert ind.reference == (None if reference is None else Decimal(reference))


def test_subtotals_total_and_grade(seed_result):
    """投入 16, 过程 34 (12 + 12 + 10), 产出 22, 效果 20; total 92, grade 优."""
    assert seed_result.subtotal("投入") == 16
    assert seed_result.subtotal("过程") == 34
    assert seed_result.subtotal("预算执行") == 12
    assert seed_result.subtotal("预算管理") == 12
    assert seed_result.subtotal("资产管理") == 10
    assert seed_result.subtotal("产出") == 22
    assert seed_result.subtotal("效果") == 20
    assert seed_result.total == 92
    assert seed_result.grade == "优"
    assert seed_result.problems == ()


def test_seed_values_are_the_forms_rates(seed_result):
    """The computed rates round to the form's figures (50%, 61.68%, 65.97%, 41.88%, 67.25%)."""
    def pct(name):
        return (seed_result.indicator(name).value * 100).quantize(Decimal("0.01"))

    assert pct("在职人员控制率") == Decimal("50.00")
    assert pct("预算完成率") == Decimal("61.68")
    assert pct("结转结余率") == Decimal("65.97")
    assert pct("公用经费控制率") == Decimal("41.88")
    assert pct("“三公经费”控制率") == Decimal("36.68")
    assert pct("政府采购执行率") == Decimal("67.25")


def test_seed_compiles_without_warnings(seed):
    """The seed rubric is clean: no errors, no warnings."""
    assert seed.warnings == ()


def test_seed_json_has_the_documented_fields(seed_result):
    """The result JSON carries total, grade and indicators with path, weight and score."""
    data = seed_result.to_json()
    assert data["total"] == 92 and data["grade"] == "优"
    first = data["indicators"][0]
    assert first["path"] == ["投入", "工作目标设定", "工作规划合理性"]
    assert first["weight"] == 3 and first["score"] == 3
    assert len(data["indicators"]) == 26
