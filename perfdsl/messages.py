"""The catalogue of diagnostics: every code perfdsl can report, in English and Chinese.

A row is a code, its severity, and message and hint templates filled from the diagnostic's
`args`. Codes are stable: wording may improve, a code's meaning never changes. Groups:
E00x syntax · E01x limits of the language · E1xx names · E2xx types and units · E3xx weights and
structure · E4xx scoring rules · E5xx templates · E6xx verification · D0xx data (figures given
for a unit) · W0xx warnings · N notes.

Every placeholder of a row must be filled by the diagnostic's `args` (or be one of `DERIVED`,
which the diagnostic fills from its own fields): `Entry.placeholders` lists them, and the test
suite's strict mode raises for a diagnostic built without one. A placeholder that is a word has
a `_zh` twin for the Chinese template.
`docs/diagnostics.md` lists them all with an example each.
"""

from __future__ import annotations

import enum
import os
import string
from collections.abc import Mapping
from typing import Any

import attrs


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


_SEVERITY = {s.value: s for s in Severity}


class MissingArgument(KeyError):
    """A diagnostic was built without an argument its message needs: a bug in perfdsl."""


STRICT_ENV = "PERFDSL_STRICT_MESSAGES"


def strict() -> bool:
    """Whether a diagnostic missing a template argument fails loudly (the test suite sets
    PERFDSL_STRICT_MESSAGES=1) instead of rendering the nearest thing a user can still read.
    Read once: a diagnostic is made for every bad figure of every unit."""
    global _STRICT
    if _STRICT is None:
        _STRICT = os.environ.get(STRICT_ENV) == "1"
    return _STRICT


_STRICT: bool | None = None


# Arguments every template may use without the caller giving them: the diagnostic supplies them
# from its own structured fields (`Diagnostic.suggestion`).
DERIVED = frozenset({"did_you_mean"})


def _fields(template: str | None) -> frozenset[str]:
    if template is None:
        return frozenset()
    return frozenset(name for _, name, _, _ in string.Formatter().parse(template) if name)


@attrs.frozen
class Entry:
    severity_name: str
    en: str
    zh: str
    hint_en: str | None = None
    hint_zh: str | None = None

    @property
    def severity(self) -> Severity:
        return _SEVERITY[self.severity_name]

    @property
    def placeholders(self) -> frozenset[str]:
        """Every argument the message and hint need, in either language."""
        return frozenset().union(*(_fields(t) for t in (self.en, self.zh, self.hint_en,
                                                        self.hint_zh))) - DERIVED

    def missing(self, args: Mapping[str, Any]) -> frozenset[str]:
        """The placeholders `args` does not fill."""
        return frozenset(name for name in self.placeholders if name not in args)

    def message(self, lang: str, args: Mapping[str, Any]) -> str:
        return (self.zh if lang == "zh" else self.en).format_map(_Args(args))

    def hint(self, lang: str, args: Mapping[str, Any]) -> str | None:
        template = self.hint_zh if lang == "zh" else self.hint_en
        if template is None:
            return None
        text = template.format_map(_Args(args))
        return text or None


class _Args(dict):
    """Template arguments. A missing one is a bug that the test suite catches (strict mode);
    a user who meets one anyway reads the English twin of a missing `_zh` argument, or nothing,
    rather than a traceback."""

    def __init__(self, args: Mapping[str, Any]):
        super().__init__(args)

    def __missing__(self, key: str) -> str:
        if strict():
            raise MissingArgument(key)
        if key.endswith("_zh") and key[:-3] in self:
            return self[key[:-3]]
        return ""


# Short messages of related locations (`Diagnostic.related`), in English and Chinese.
NOTES: dict[str, tuple[str, str]] = {
    "first-definition": ("first defined here", "第一次定义在这里"),
    "first-given": ("first given here", "第一次给出在这里"),
    "first-rule": ("the first scoring rule", "第一条评分规则"),
    "previous-grade": ("the grade above", "上一等级"),
    "template-declaration": ("declared here in the template", "模板中的定义"),
}

DID_YOU_MEAN = {"en": "did you mean `{}`?", "zh": "是否应为 `{}`？"}


def _e(en: str, zh: str, hint_en: str | None = None, hint_zh: str | None = None) -> Entry:
    return Entry("error", en, zh, hint_en, hint_zh)


def _w(en: str, zh: str, hint_en: str | None = None, hint_zh: str | None = None) -> Entry:
    return Entry("warning", en, zh, hint_en, hint_zh)


CATALOGUE: dict[str, Entry] = {
    # --- Syntax -------------------------------------------------------------------------------
    "E001": _e("unexpected character `{char}`", "无法识别的字符 `{char}`",
               "{hint_en}", "{hint_zh}"),
    "E002": _e("expected {expected}, found {found}", "此处应为 {expected_zh}，实际为 {found_zh}",
               "{hint_en}", "{hint_zh}"),
    "E003": _e("the file ends too early: expected {expected}", "文件意外结束：此处应为 {expected_zh}",
               "close every `{{` with `}}` and finish the last statement",
               "检查每个 `{{` 是否都有对应的 `}}`，以及最后一条语句是否完整"),
    "E004": _e("unterminated string", "字符串缺少结尾的引号",
               "close the string with `\"`", "用 `\"` 结束字符串"),
    "E005": _e("too many syntax errors; stopped after {count}", "语法错误过多，已在第 {count} 处后停止"),
    "E006": _e("`{what}` is given twice", "`{what_zh}` 重复给出",
               "keep one of them", "只保留一处"),
    "E007": _e("the rubric file cannot be read: {reason}", "无法读取评价体系文件：{reason}"),
    # --- Limits (perfdsl.language.limits) -----------------------------------------------------
    "E010": _e("the number `{number}` is too long: a number in a rubric has at most "
               "{integer_digits} digits before the decimal point and {fraction_digits} after",
               "数字 `{number}` 过长：评价体系中的数字小数点前最多 {integer_digits} 位，"
               "小数点后最多 {fraction_digits} 位",
               "write large amounts of money in 万元 or 亿元, and rates with fewer decimals",
               "较大的金额请以万元或亿元为单位，比率请减少小数位数"),
    "E011": _e("this expression is nested {depth} levels deep; at most {limit} are allowed",
               "该表达式嵌套了 {depth} 层，最多允许 {limit} 层",
               "every operator, function, minus sign and name is a level, so a long sum is as "
               "deep as it has terms: add up its parts in derived values (`let`)",
               "每个运算符、函数、负号和名称各算一层，多项相加有几项就有几层："
               "请先用派生值（`令`）分段求和"),
    "E012": _e("groups and indicators are nested {depth} levels deep; at most {limit} are allowed",
               "分组与指标嵌套了 {depth} 层，最多允许 {limit} 层",
               "a rubric has three or four levels (一级, 二级, 三级 indicators); check that every "
               "`{{` is closed by its `}}`",
               "评价体系一般为三到四级（一级、二级、三级指标）；请检查每个 `{{` 是否都有对应的 `}}`"),
    "E013": _e("`{name}` is computed through values nested {depth} levels deep ({chain}); at "
               "most {limit} are allowed, counting each value read in its place",
               "`{name}` 经由其他值层层计算，展开后嵌套 {depth} 层（{chain}）；"
               "最多允许 {limit} 层（所用的值按展开计算）",
               "compute it through fewer intermediate values", "请减少中间值的层数"),
    "E014": _e("this constant works out to {value}, more than {integer_digits} digits before the "
               "decimal point", "该常数的值为 {value}，小数点前超过 {integer_digits} 位",
               "weights, points and thresholds are never that large: check the expression",
               "分值、扣分和界限不会这么大，请检查该表达式"),
    "E015": _e("the rubric is too long: it has more than {limit} names, numbers and symbols; "
               "reading stopped here",
               "评价体系过长：名称、数字和符号超过 {limit} 个，已在此处停止读取",
               "a rubric of 5,000 indicators has about 160,000: check for text repeated by "
               "mistake, or split the rubric",
               "5000 个指标的评价体系约有 16 万个：请检查是否误将内容重复多次，或将评价体系拆分"),
    "E008": _e("the rubric file is not UTF-8 text: byte {byte} here cannot be read",
               "评价体系文件不是 UTF-8 编码：此处的字节 {byte} 无法识别",
               "save the file as UTF-8 (in Notepad or WPS: Save As, Encoding UTF-8){guess_en}",
               "请将文件另存为 UTF-8 编码（记事本或 WPS：另存为，编码选 UTF-8）{guess_zh}"),
    # --- Names --------------------------------------------------------------------------------
    "E101": _e("unknown name `{name}`", "未定义的名称 `{name}`",
               "{did_you_mean}", "{did_you_mean}"),
    "E102": _e("`{name}` is defined twice", "`{name}` 重复定义",
               "rename one of them", "请将其中一个改名"),
    "E103": _e("`{name}` is {actual}, but {expected} is needed here",
               "`{name}` 是{actual_zh}，此处需要{expected_zh}"),
    "E104": _e("unknown scale `{name}`", "未定义的量表 `{name}`",
               "{did_you_mean}", "{did_you_mean}"),
    "E105": _e("`{name}` is not a level of scale `{scale}` (levels: {levels})",
               "`{name}` 不是量表 `{scale}` 中的等次（等次有：{levels}）"),
    "E106": _e("derived values depend on each other in a cycle: {cycle}",
               "派生值之间存在循环依赖：{cycle}",
               "a value cannot be computed from itself; break the cycle",
               "一个值不能由它自身计算得出，请打断循环"),
    "E107": _e("unknown unit `{unit}`", "未知的单位 `{unit}`",
               "known units: {units}", "可用单位：{units}"),
    # --- Types and units ----------------------------------------------------------------------
    "E201": _e("cannot {op} {left} and {right}", "不能对{left_zh}与{right_zh}进行{op_zh}运算",
               "{hint_en}", "{hint_zh}"),
    "E202": _e("cannot compare {left} with {right}", "不能比较{left_zh}与{right_zh}",
               "{hint_en}", "{hint_zh}"),
    "E203": _e("expected {expected}, found {actual}", "此处应为{expected_zh}，实际为{actual_zh}"),
    "E204": _e("`{function}` takes {expected} argument(s), {actual} given",
               "`{function_zh}` 需要 {expected_zh} 个参数，实际给出 {actual} 个"),
    "E207": _e("division by zero: `{divisor}` is always 0", "除数为零：`{divisor}` 恒为 0",
               "nothing can be divided by a constant 0: check the formula",
               "除以恒为 0 的常数无法计算，请检查公式"),
    "E205": _e("the two branches of `if` have different types: {left} and {right}",
               "`如果` 的两个分支类型不同：{left_zh}与{right_zh}"),
    "E206": _e("the default of `{name}` is {actual}, but `{name}` is {expected}",
               "`{name}` 的默认值是{actual_zh}，但 `{name}` 是{expected_zh}"),
    # --- Weights and structure ----------------------------------------------------------------
    "E301": _e("the weights under {name} add up to {actual}, but {name} has weight {expected}",
               "{name} 的子指标分值合计 {actual}，应为 {expected}",
               "children: {children}", "子指标：{children}"),
    "E302": _e("the top-level weights add up to {actual}, but the rubric's total is {expected}",
               "一级指标分值合计 {actual}，应为总分 {expected}",
               "top level: {children}", "一级指标：{children}"),
    "E303": _e("{kind} `{name}` has no weight", "{kind_zh} `{name}` 没有分值",
               "give it one with `weight N` / `分值 N`", "用 `分值 N` 给出分值"),
    "E304": _e("the weight of `{name}` must be positive, found {value}",
               "`{name}` 的分值必须为正数，实际为 {value}"),
    "E305": _e("indicator `{name}` has no scoring rule", "指标 `{name}` 没有评分规则",
               "add `score ...` / `评分 ...`", "添加 `评分 ...`"),
    "E306": _e("indicator `{name}` has more than one scoring rule", "指标 `{name}` 有多条评分规则",
               "an indicator is scored by exactly one rule", "每个指标只能有一条评分规则"),
    "E307": _e("the rubric has no indicators", "评价体系中没有任何指标"),
    "E308": _e("the rubric has no total", "评价体系没有给出总分",
               "add `total 100` / `总分 100`", "添加 `总分 100`"),
    "E309": _e("grade `{name}` has bound {bound}, not below the previous grade's {previous}",
               "等级 `{name}` 的下限 {bound} 不低于上一等级的 {previous}",
               "list grades from the best down, with falling bounds",
               "等级应从高到低排列，下限依次降低"),
    "E310": _e("grade `{name}` is not the last one but has no bound",
               "等级 `{name}` 不是最后一个，却没有下限",
               "only the lowest grade may omit its bound", "只有最低一级可以不写下限"),
    "E311": _e("`{what}` must be a constant number", "{what_zh}必须是常数"),
    "E312": _e("scale `{scale}`: {problem}", "量表 `{scale}`：{problem_zh}"),
    "E313": _e("a block `{{ ... }}` with no header", "代码块 `{{ ... }}` 前缺少标题",
               "start it with `group NAME weight N` or `indicator NAME weight N`",
               "在前面写上 `分组 名称 分值 N` 或 `指标 名称 分值 N`"),
    "E315": _e("the weight of `{name}` is {value}; weights are kept to two decimals",
               "`{name}` 的分值为 {value}；分值最多保留两位小数",
               "scores are rounded to 0.01, so a finer weight could not be scored in full",
               "得分保留两位小数，更细的分值无法得到满分"),
    "E316": _e("the lowest grade `{name}` has the bound {bound}: a total below it gets no grade",
               "最低等级 `{name}` 的下限为 {bound}：低于它的总分没有等级",
               "leave the lowest grade without a bound, e.g. `差`", "最低等级不写下限，例如 `差`"),
    "E317": _e("the default of `{name}`, {value}, is outside its range {range}",
               "`{name}` 的默认值 {value} 超出其范围 {range}"),
    "E314": _e("`{what}` is not allowed here", "此处不允许 `{what_zh}`"),
    # --- Scoring rules ------------------------------------------------------------------------
    "E401": _e("{rule}: the step must be positive", "{rule_zh}：每档的幅度必须为正数"),
    "E402": _e("{rule}: {what} cannot be negative", "{rule_zh}：{what_zh}不能为负数"),
    "E403": _e("`{name}` is not a level input; `levels` scores a level from a scale",
               "`{name}` 不是等次类输入；`按等次` 评分需要一个等次值"),
    "E404": _e("scale `{scale}` maps `{level}` to a range; `levels` needs one fraction per level",
               "量表 `{scale}` 中 `{level}` 对应一个区间；`按等次` 评分需要每个等次对应一个比例"),
    "E405": _e("scale `{scale}` gives `{level}` no range; `judged` needs a score range per level",
               "量表 `{scale}` 中 `{level}` 没有分数区间；`人工评分` 需要每个等次对应一个区间"),
    "E406": _e("a band needs at least one row", "分档评分至少需要一行"),
    "E407": _e("`else` must be the last band row", "`其他` 必须是最后一档"),
    "E408": _e("checklist items give {actual} points in all, more than the weight {weight}",
               "逐项计分各项合计 {actual} 分，超过分值 {weight}",
               "the score is capped at the weight anyway; make the items add up to the weight",
               "得分不会超过分值，但各项分数之和应等于分值"),
    "E409": _e("a fraction of the weight must lie between 0% and 100%, found {value}",
               "占分值的比例必须在 0% 到 100% 之间，实际为 {value}"),
    "E410": _e("a band gives {points} points, outside 0 to the weight {weight}",
               "该档得分 {points} 超出 0 到分值 {weight} 的范围"),
    "E411": _e("`{op}` cannot start a band row; use ≥, >, ≤, <, = or an interval",
               "分档行不能以 `{op}` 开头；请使用 ≥、>、≤、<、= 或区间"),
    "E451": _e("a linear decay reaches 0 at {value} × the target, which must be more than 1",
               "线性递减在目标值的 {value} 倍处降为 0，倍数必须大于 1",
               "write the multiple at which the score is 0, e.g. `to 2 times` / `至 2 倍`",
               "写出得分降为 0 的倍数，如 `至 2 倍`"),
    "E452": _e("`{option_en}` can only follow a target with `{op}`",
               "`{option}` 只能用于 `{op}` 的对标",
               "`tolerance` and `over_ok` are for `=` targets, `overshoot` for `>=` targets",
               "`容差`、`超出不扣分` 用于 `=` 对标，`超额` 用于 `≥` 对标"),
    "E453": _e("the tolerance {value} is negative", "容差 {value} 为负数",
               "a tolerance is how far the actual may be from the target: 0 or more",
               "容差是实际值与目标值允许的偏差，应不小于 0"),
    "E454": _e("overshoot `{value}` must be `>=` or `>` a share of the target above 100%",
               "超额 `{value}` 应为 `≥` 或 `>` 目标值的某个大于 100% 的比例",
               "e.g. `overshoot >= 130% deduct 1 points`", "例如 `超额 ≥ 130% 扣 1 分`"),
    # --- Explanation templates ----------------------------------------------------------------
    "E501": _e("explanation template: {reason}", "计算分析模板有语法错误：{reason}",
               "templates use Jinja syntax: {{{{ 名称 }}}} for a value, {{{{ 值 | 百分比 }}}} with a filter",
               "模板使用 Jinja 语法：{{{{ 名称 }}}} 引用一个值，{{{{ 值 | 百分比 }}}} 使用过滤器"),
    "E502": _e("explanation template uses `{name}`, which this indicator does not compute or read",
               "计算分析模板引用了 `{name}`，但本指标既不计算也不使用它",
               "{suggestion} names in scope: {scope}", "{suggestion_zh} 可用的名称：{scope}"),
    "E503": _e("explanation template: `{what}` is not allowed in a template",
               "计算分析模板中不允许使用 `{what}`",
               "templates may only show values: no attributes starting with _, no imports or includes",
               "模板只能展示数值：不能访问以 _ 开头的属性，不能导入或包含其他文件"),
    "E504": _e("explanation template: unknown filter `{name}`", "计算分析模板：未知的过滤器 `{name}`",
               "filters: {filters}", "可用过滤器：{filters}"),
    "E505": _e("explanation template {reason}", "计算分析模板{reason_zh}",
               "a template shows values in one sentence: keep it short and shallow",
               "计算分析模板只需用一句话展示数值：请保持简短、少嵌套"),
    "W501": _w("indicator `{indicator}`: its explanation template {reason}; perfdsl wrote the sentence instead",
               "指标 `{indicator}`：计算分析模板{reason_zh}，已改用 perfdsl 自动生成的说明",
               "keep templates to showing values with the filters",
               "模板只需用过滤器展示数值"),
    # --- Data ---------------------------------------------------------------------------------
    "D001": _e("unknown figure `{name}`: the rubric has no input of that name",
               "未知的数据项 `{name}`：评价体系中没有这个输入",
               "{suggestion}", "{suggestion_zh}"),
    "D002": _e("missing figure `{name}` ({label})", "缺少数据项 `{name}`（{label_zh}）",
               "add `{name}: ...` to the data file", "在数据文件中添加 `{name}: ...`"),
    "D003": _e("`{name}` should be {expected}, found {found}",
               "`{name}` 应为{expected_zh}，实际为 {found_zh}", "{hint_en}", "{hint_zh}"),
    "D004": _e("`{name}` = {value} is outside its allowed range {range}",
               "`{name}` = {value} 超出允许范围 {range}"),
    "D005": _e("indicator `{indicator}`: division by zero ({divisor} = 0)",
               "指标 `{indicator}`：除数为零（{divisor} = 0）",
               "{fallback_en}", "{fallback_zh}"),
    "D006": _e("indicator `{indicator}`: the judged score {score} is outside {range} allowed for level `{level}`",
               "指标 `{indicator}`：人工评分 {score} 超出等次 `{level}` 允许的范围 {range}"),
    "D007": _e("the data file cannot be read: {reason}", "无法读取数据文件：{reason}"),
    "D008": _e("indicator `{indicator}` cannot be scored: {reason}",
               "指标 `{indicator}` 无法计分：{reason_zh}", "{fallback_en}", "{fallback_zh}"),
    "D009": _e("the data must be a mapping of figure names to values, found {found}",
               "数据应为“名称: 值”的映射，实际为 {found}"),
    "D010": _e("`{name}` is given twice in the data file", "数据文件中 `{name}` 出现了两次",
               "keep one of them; the last one is used", "只保留一处；目前使用最后一处"),
    # --- Claims and workbooks (perfdsl.data.claims, perfdsl.data.workbook) ----------------
    "D021": _e("cell {cell} of sheet `{sheet}` holds a formula with no saved value: {formula}",
               "工作表 `{sheet}` 的单元格 {cell} 是公式，但没有保存计算结果：{formula}",
               "open the workbook in Excel, WPS or LibreOffice and save it, so the formula's value is saved; or type the value",
               "请用 Excel、WPS 或 LibreOffice 打开并保存工作簿，使公式结果被保存；或直接填写数值"),
    "D022": _e("the workbook is not one perfdsl can read: {reason}",
               "无法识别该工作簿：{reason_zh}",
               "use the workbook `perfdsl template` writes, or one written by `perfdsl score --format xlsx`",
               "请使用 `perfdsl template` 生成的填报表，或 `perfdsl score --format xlsx` 生成的自评表"),
    "D023": _e("the claims name `{name}`, which is no {what} of the rubric",
               "填报内容中的 `{name}` 不是评价体系中的{what_zh}",
               "{suggestion}", "{suggestion_zh}"),
    "D024": _e("a claim cannot be read: `{value}`; expected {expected}",
               "无法读取填报内容 `{value}`：应为{expected_zh}"),
    "D011": _e("`{name}` = {value} has too many digits: figures have at most {digits} digits before the decimal point and {places} after",
               "`{name}` = {value} 位数过多：数据最多 {digits} 位整数、{places} 位小数",
               "check the figure; if it really is this large, give it in a larger unit (万元, 亿元)",
               "请核对该数；如确实这么大，请改用更大的单位（万元、亿元）"),
    "D012": _e("the data file is too large: {reason}", "数据文件过大：{reason_zh}",
               "{advice}", "{advice_zh}"),
    "D013": _e("the data file is not UTF-8 text: byte {byte} here cannot be read",
               "数据文件不是 UTF-8 编码：此处的字节 {byte} 无法识别",
               "save the file as UTF-8 (in Notepad or WPS: Save As, Encoding UTF-8){guess_en}",
               "请将文件另存为 UTF-8 编码（记事本或 WPS：另存为，编码选 UTF-8）{guess_zh}"),
    # --- Building on a template (perfdsl.language.load, perfdsl.checks.compose) ---------------
    "E801": _e("cannot read `{path}`, which this rubric builds on: {reason}",
               "无法读取本评价体系所基于的 `{path}`：{reason_zh}",
               "the path is relative to this file's folder; check the name and that the file is "
               "UTF-8 text", "路径相对于本文件所在的文件夹；请检查文件名，并确认文件为 `UTF-8` 文本"),
    "E802": _e("`{path}` is outside {root}", "`{path}` 不在{root_zh}之内",
               "a rubric builds only on files in its own folder or below it (or under the root "
               "you give with `--root`)",
               "评价体系只能基于其所在文件夹（或 `--root` 指定的文件夹）之内的文件"),
    "E803": _e("`{path}` builds on itself: {chain}", "`{path}` 间接基于自身：{chain_zh}",
               "a template cannot build on a rubric that builds on it",
               "模板不能基于以它为基础的评价体系"),
    "E804": _e("no indicator or group `{name}` to {what}", "没有可{what_zh}的指标或指标组 `{name}`",
               "{did_you_mean}", "{did_you_mean}"),
    "E805": _e("`{name}` is already declared in the template at `{template}`",
               "`{name}` 已在模板中定义（`{template}`）",
               "change it with `override {name} …` / `修改 {name} …`, or give yours another name",
               "用 `修改 {name} …` 修改它，或为新指标另取名称"),
    "E806": _e("the reference weight (参考分值) of `{name}` is the template's and cannot be changed",
               "`{name}` 的参考分值由模板规定，不能修改",
               "change the weight the unit sets: `weight N` / `设定分值 N`",
               "请修改单位的设定分值：`设定分值 N`"),
    "E807": _e("`{name}` is neither one of alternatives (one_of / 择一) nor an optional item "
               "(optional / 可选)", "`{name}` 既不是择一的备选指标，也不是可选指标",
               "`choose` / `选用` picks among alternatives or the optional children of a group",
               "`选用` 用于在择一的备选指标或可选指标组的子指标中选择"),
    "E808": _e("`{name}` and `{other}` are alternatives of one block: choose one of them",
               "`{name}` 与 `{other}` 是同一择一中的备选指标，只能选用其一"),
    "E810": _e("one_of / 择一 needs two alternatives or more", "择一至少需要两个备选指标",
               "declare each alternative as an indicator inside the braces",
               "在花括号内将每个备选指标写成一个指标"),
    "E812": _e("nothing in the rubric applies", "评价体系中没有适用的指标",
               "at least one indicator must count towards the total", "至少要有一个指标计入总分"),
    "E814": _e("`{name}` names {count} groups or indicators: {places}",
               "`{name}` 对应 {count} 个指标组或指标：{places}",
               "rename one of them in the template, or change the one you mean another way",
               "请在模板中为其中之一改名"),
    # --- Verification (perfdsl.checks.bounds, perfdsl.tools.verify) ---------------------------------------
    "E601": _e("band row {row} can never apply: no value of {subject} in {range} falls in {interval}",
               "第 {row} 档永远不会适用：{subject} 的取值范围 {range} 与 {interval} 没有交集",
               "remove the row, or widen the input's declared range", "删除这一档，或放宽输入的范围"),
    "E602": _e("band row {row} can never apply: {interval} is already covered by row {rows}",
               "第 {row} 档永远不会适用：{interval} 已被第 {rows_zh} 档覆盖",
               "the first matching row wins; reorder or narrow the rows above",
               "按第一个符合的档计分；请调整顺序或缩小上面的档"),
    "E603": _e("values of {subject} in {gaps} fall in no band",
               "{subject} 在 {gaps} 内的取值不属于任何一档",
               "add a row for them, or an `else` row", "为这些取值加一档，或加上 `其他` 档"),
    "E604": _e("indicator `{indicator}`: the fallback {fallback} is outside 0 to the weight {weight}",
               "指标 `{indicator}`：异常得分 {fallback} 超出 0 到分值 {weight} 的范围",
               "a fallback is a score: give one from 0 to {weight}",
               "异常得分也是得分：应在 0 到 {weight} 之间"),
    "E605": _e("`monotone` names `{name}`, which the score of `{indicator}` does not depend on",
               "`单调` 所指的 `{name}` 与指标 `{indicator}` 的得分无关",
               "name an input or value that the indicator's value or rule reads",
               "请写本指标的计算公式或评分规则用到的输入或值"),
    "E606": _e("`monotone` needs a number, but `{name}` is {actual}",
               "`单调` 需要一个数值，而 `{name}` 是{actual_zh}",
               "a yes/no or a level has no order to rise in", "是否、等次类的值没有大小之分"),
    "W601": _w("indicator `{indicator}` divides by {divisor}, whose range {range} includes 0",
               "指标 `{indicator_zh}` 以 {divisor} 作除数，而其范围 {range} 包含 0",
               "declare the input `range > 0`, or give the indicator `fallback N`",
               "把输入的范围写成 `范围 > 0`，或给指标加上 `异常得分 N`"),
    "W602": _w("cannot prove the score of `{indicator}` lies in [0, {weight}]: {bound} (the rule gives {range})",
               "无法证明指标 `{indicator}` 的得分在 [0, {weight}] 之内：{bound_zh}（规则结果范围 {range}）",
               "the score is clamped to [0, {weight}] anyway; `perfdsl verify` looks for figures that need it",
               "得分总会被限定在 [0, {weight}] 内；`perfdsl verify` 可查找触发限定的数据"),
    "W603": _w("indicator `{indicator}`: the {rule} gives {raw}, outside [0, {weight}]; the score is clamped",
               "指标 `{indicator}`：{rule_zh}结果为 {raw}，超出 [0, {weight}]，得分已被限定在此范围内",
               "the rubric relies on the clamp here; keep the rule within [0, {weight}] or narrow the inputs' ranges",
               "评价体系在此依赖了得分限定；请让规则结果保持在 [0, {weight}] 内，或收窄输入的范围"),
    "N601": Entry("note", "indicator `{indicator}` can deduct up to {most} points, more than its weight {weight}: it floors at 0 (扣完为止)",
                  "指标 `{indicator}` 最多可扣 {most} 分，超过分值 {weight}：扣完为止",
                  "nothing to fix if that is meant", "若本意如此，无需修改"),
    # --- Targets, checks and the printed form (perfdsl.checks.targets, perfdsl.core.bounds) ----
    "E701": _e("check `{check}` can never hold: {reason}",
               "检查 `{check}` 永远不会成立：{reason_zh}",
               "every unit's form would fail it; correct the check or the inputs' declared ranges",
               "任何单位的填报都会违反它；请修改检查或输入的范围"),
    "N701": Entry("note", "check `{check}` always holds for figures within the declared ranges",
                  "检查 `{check}` 对声明范围内的任何数据都成立",
                  "nothing to fix; the ranges already guarantee it",
                  "无需修改；输入的范围已保证它成立"),
    "E702": _e("a tolerance ({tolerance}) needs a check that is one comparison (=, ≤, ≥, <, >) and is not negative",
               "误差（{tolerance}）只能用于一个比较（=、≤、≥、<、>）的检查，且不能为负数",
               "write `检查 A = B 误差 0.01`", "写成 `检查 A = B 误差 0.01`"),
    "E703": _e("indicator `{indicator}`: `target` alone scores against the indicator's `goal`, which it does not declare",
               "指标 `{indicator}`：单独的 `对标` 按本指标的 `年度指标值` 评分，但没有给出年度指标值",
               "add `goal >= 320` (or ≤, =, `qualitative \"...\"`), or write `target A >= T`",
               "加上 `年度指标值 ≥ 320`（或 ≤、=、`定性 \"...\"`），或写成 `对标 A ≥ T`"),
    "E704": _e("indicator `{indicator}`: `target` alone compares the indicator's value with its goal, but it has no value",
               "指标 `{indicator}`：单独的 `对标` 比较本指标的值与年度指标值，但它没有 `实际完成值`",
               "add `value NAME` (in Chinese also `实际完成值 名称`)", "加上 `实际完成值 名称`（即 `值`）"),
    "E705": _e("`{function}` is a fact of the unit's data: it can only be used in a check",
               "`{function}` 说的是单位填报的情况，只能用在 `检查` 中"),
    "E706": _e("`{function}` takes the name of {expected}", "`{function}` 的参数应为一个{expected_zh}的名称"),
    "E707": _e("unknown layout `{name}`", "未知的表样 `{name}`",
               "layouts: {layouts_en}", "可用表样：{layouts}"),
    "E708": _e("indicator `{indicator}` has a qualitative goal: its value must be a level of the scale `{scale}` ({levels})",
               "指标 `{indicator}` 的年度指标值为定性：其实际完成值应为量表 `{scale}` 的等次（{levels}）",
               "declare the input as `level {scale}` / `等次 {scale}`",
               "把输入声明为 `等次 {scale}`"),
    # --- Warnings -----------------------------------------------------------------------------
    "W003": _w("a percentage meets the plain number {value}, which means {percent}%",
               "百分比与普通数字 {value} 相比较或相运算，{value} 即 {percent}%",
               "did you mean {value}%?", "是否应写成 {value}%？"),
    "W001": _w("input `{name}` is never used", "输入 `{name}` 未被使用",
               "remove it, or use it in a value or rule", "删除它，或在计算公式、评分规则中使用"),
    "W002": _w("derived value `{name}` is never used", "派生值 `{name}` 未被使用"),
}
