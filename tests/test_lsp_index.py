"""The pieces under `perfdsl lsp`, in process: positions, the scanner, the symbol index and the
answers built from them.

What must hold: an offset and its LSP position convert back and forth in every encoding, with
UTF-16 columns counting astral characters twice; the scanner agrees with the compiler's own
lexer on every token of a valid rubric; the symbol index resolves every name of a valid rubric,
keeps working on any damaged one, and a rename gives a rubric that still compiles; no answer
raises, whatever the text and the cursor.
"""

from __future__ import annotations

from pathlib import Path

import re

import pytest
from hypothesis import example, given, settings, strategies as st

from perfdsl.compiler import diagnose
from perfdsl.language.keywords import KEYWORDS
from perfdsl.language.parse import _parser, fold_full_width, parse
from perfdsl.language.source import Source
from perfdsl.lsp import complete, features, hover
from perfdsl.lsp.analysis import analyse
from perfdsl.lsp.positions import LineIndex
from perfdsl.tools import highlight, symbols
from strategies import mutated, rubrics, unicode_text

ROOT = Path(__file__).resolve().parent.parent
SEED = (ROOT / "rubrics" / "department-overall.rubric").read_text("utf-8")


def analysed(text: str):
    return analyse("file:///t.rubric", text, name="t.rubric")


# --- Positions --------------------------------------------------------------------------------

def test_utf16_columns_of_cjk_astral_and_full_width():
    """A CJK or full-width character is one UTF-16 unit, an astral one two; UTF-8 counts bytes."""
    text = "指标 𠀀甲（乙）：1\r\n第二行 𠀀\r第三行"
    lines = LineIndex(text)
    assert lines.position(text.index("甲")) == (0, 5)  # 指 标 space 𠀀(2)
    assert lines.position(text.index("：")) == (0, 9)
    assert lines.position(text.index("第二")) == (1, 0)
    assert lines.position(text.index("第三")) == (2, 0)  # a lone \r ends a line too
    assert lines.offset(0, 5) == text.index("甲")
    assert lines.offset(0, 4) == text.index("𠀀")  # a column inside a surrogate pair stays before
    assert lines.offset(0, 99) == text.index("\r\n")  # past the end of a line: its end
    assert LineIndex(text, "utf-8").position(text.index("甲")) == (0, 11)  # 3+3+1+4
    assert LineIndex(text, "utf-32").position(text.index("甲")) == (0, 4)


@given(st.text(alphabet=st.sampled_from("a甲𠀀（：\n\r \u2028\t"), max_size=40),
       st.sampled_from(["utf-16", "utf-8", "utf-32"]))
def test_positions_round_trip(text, encoding):
    """Every offset goes to a position and back, except inside a `\\r\\n`, which is its line's end;
    a UTF-16 column is the length of the line's prefix in UTF-16 code units."""
    lines = LineIndex(text, encoding)
    for offset in range(len(text) + 1):
        line, column = lines.position(offset)
        back = lines.offset(line, column)
        if text[offset - 1:offset + 1] == "\r\n":
            assert back == offset - 1
        else:
            assert back == offset
        start = lines.line_span(line)[0]
        prefix = text[start:min(offset, lines.line_span(line)[1])]
        codec = {"utf-16": "utf-16-le", "utf-8": "utf-8", "utf-32": "utf-32-le"}[encoding]
        width = {"utf-16": 2, "utf-8": 1, "utf-32": 4}[encoding]
        assert column == len(prefix.encode(codec, "surrogatepass")) // width


# --- The scanner ------------------------------------------------------------------------------

@given(unicode_text())
def test_scan_covers_any_text(text):
    """The scanner cuts any text into lexemes that cover it exactly, in order."""
    position = 0
    for lexeme in highlight.scan(text):
        assert lexeme.start == position < lexeme.end
        position = lexeme.end
    assert position == len(text)


@given(rubrics())
def test_scan_agrees_with_the_compilers_lexer(text):
    """On a valid rubric every token of the compiler's lexer is one lexeme of the scanner, and a
    keyword is a keyword of the same token type; nothing is an error."""
    lexemes = {(lx.start, lx.end): lx for lx in highlight.scan(text)}
    assert not [lx for lx in lexemes.values() if lx.category == "error"]
    for token in _parser().lex(fold_full_width(text)):
        lexeme = lexemes[(token.start_pos, token.end_pos)]
        if token.type in KEYWORDS:
            assert (lexeme.category, lexeme.detail) == ("keyword", token.type)
        elif token.type == "NAME":
            assert lexeme.category in ("name", "definition")


def test_scan_names_declarations_and_keeps_keywords_whole():
    """The name after a declaration keyword is a definition; a keyword inside a longer name is not
    a keyword (`分值3` is one name, as the compiler reads it)."""
    text = '指标 甲 分值3 # 分值\n输入 "乙 丙"：金额'
    found = [(text[lx.start:lx.end], lx.category, lx.detail) for lx in highlight.scan(text)
             if lx.category != "whitespace"]
    assert found == [("指标", "keyword", "INDICATOR"), ("甲", "definition", "indicator"),
                     ("分值3", "name", ""), ("# 分值", "comment", ""),
                     ("输入", "keyword", "INPUT"), ('"乙 丙"', "string", ""),
                     ("：", "punctuation", ""), ("金额", "keyword", "MONEY")]


def test_language_of():
    """The language of a file is that of most of its keywords; none when it has none."""
    assert highlight.language_of(SEED) == "zh"
    assert highlight.language_of("input x: money\nindicator y weight 3 {}") == "en"
    assert highlight.language_of("甲 乙 # comment") is None


# --- The symbol index -------------------------------------------------------------------------

def index_of(text: str) -> symbols.Index:
    tree, _ = parse(Source("t.rubric", text))
    return symbols.build(tree)


def test_seed_index():
    """The seed's index has its inputs, scales, levels, groups and indicators, and resolves a
    level to the scale of the input it is compared with."""
    index = index_of(SEED)
    kinds = {kind: len(index.of_kind(kind)) for kind in symbols.NAMESPACE}
    assert kinds == {"input": 43, "let": 0, "indicator": 26, "group": 11, "scale": 2, "level": 7}
    rate = index.lookup("value", "在职人员控制率")
    assert [o.span.line for o in index.references(rate)] == [83, 87]
    assert rate.path == ("投入", "预算配置")
    quoted = index.lookup("value", "“三公经费”变动率")
    assert [o.span.text for o in index.references(quoted)] == ['"“三公经费”变动率"', "“三公经费”变动率"]


def test_levels_resolve_by_context():
    """A level name two scales share resolves to the scale of the input it is compared with."""
    text = """量表 甲 { 好 = 100%；差 = 0% }
量表 乙 { 好 = 100%；差 = 0% }
输入 x：等次 乙 默认值 好
指标 t 分值 1 { 评分 满分条件 x = 好 }
"""
    index = index_of(text)
    second = next(sym for sym in index.named("好") if sym.parent.name == "乙")
    spans = [o.span.start for o in index.references(second, include_definition=False)]
    assert spans == [text.index("默认值 好") + 4, text.index("x = 好") + 4]


def test_a_broken_file_keeps_its_symbols():
    """After a syntax error, what follows it is still defined and referenced."""
    text = "输入 a：金额\n指标 t 分值 1 { 值 a / ; 评分 按比例 t }\n输入 b：金额\n令 c = b × 2\n"
    index = index_of(text)
    assert {sym.name for sym in index.symbols} == {"a", "t", "b", "c"}
    b = index.lookup("value", "b")
    assert len(index.references(b)) == 2


@pytest.mark.parametrize("text", [
    "输入 a：金额\n指标 x 分值 3 {\n  值 a",          # a block still open
    "输入 a：金额\n指标 x 分值 3 {\n  值 a /",        # a formula cut short, in an open block
    "输入 a：金额\n分组 g {\n  指标 x 分值 3 {\n",   # two blocks open
])
def test_a_file_being_typed_keeps_its_symbols(text):
    """A text that ends in the middle of a statement, which the parser gives no tree for (E003),
    still has its symbols, with spans in the editor's text, and completes the names in scope."""
    assert parse(Source("t.rubric", text))[0] is None
    analysis = analysed(text)
    assert {"a", "x"} <= {sym.name for sym in analysis.index.symbols}
    assert all(sym.span.source is analysis.source for sym in analysis.index.symbols)
    assert "a" in {item.label for item in complete.completion(analysis, len(text), "zh").items}
    described = hover.hover(analysis, text.index("x"), "en").contents.value
    assert "**x**" in described and "weight 3" in described


@given(rubrics())
def test_every_name_of_a_valid_rubric_resolves(text):
    """The compiler accepts the rubric, so every name in it resolves to a definition, and the
    occurrence under each name's first character is that name's."""
    compiled, diagnostics = diagnose(Source("t.rubric", text))
    assert compiled is not None, diagnostics
    index = index_of(text)
    for occurrence in index.occurrences:
        assert occurrence.symbol is not None, occurrence.name
        written = occurrence.span.text
        assert written in (occurrence.name, symbols.spell(occurrence.name))
        assert index.at(occurrence.span.start).span.start == occurrence.span.start


@given(rubrics(), st.data())
def test_rename_keeps_a_rubric_valid(text, data):
    """Renaming any symbol of a valid rubric to a fresh name gives a rubric that compiles to the
    same indicators with the same weights."""
    analysis = analysed(text)
    chosen = data.draw(st.sampled_from(analysis.index.symbols))
    edit = features.rename(analysis, chosen.span.start, "新名称 1")
    renamed = apply(analysis, edit.changes[analysis.uri])
    before, _ = diagnose(Source("t.rubric", text))
    after, diagnostics = diagnose(Source("t.rubric", renamed))
    assert after is not None, (renamed, diagnostics)
    assert [i.weight for i in after.model.indicators] == [i.weight for i in before.model.indicators]
    assert "新名称 1" in [sym.name for sym in analysed(renamed).index.symbols]


def apply(analysis, edits) -> str:
    """The text after a list of non-overlapping edits."""
    text = analysis.text
    spans = sorted(((analysis.lines.offset(e.range.start.line, e.range.start.character),
                     analysis.lines.offset(e.range.end.line, e.range.end.character), e.new_text)
                    for e in edits), reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def test_rename_refusals():
    """A rename that would make two things one name, or break a template, is refused."""
    text = ('输入 a：金额\n输入 b：金额\n指标 t 分值 1 { 值 a / b\n 评分 按比例 t\n'
            ' 计算分析 "{{ a }}" }\n')
    analysis = analysed(text)
    with pytest.raises(features.RenameRefused, match="already the name of input"):
        features.rename(analysis, text.index("a"), "b")
    with pytest.raises(features.RenameRefused, match="explanation template"):
        features.rename(analysis, text.index("a"), "a b")
    with pytest.raises(features.RenameRefused, match="already means something"):
        features.rename(analysis, text.index("a"), "得分")
    edits = features.rename(analysis, text.index("b"), "c d").changes[analysis.uri]
    assert {e.new_text for e in edits} == {'"c d"'}  # a name with a space is quoted
    template = features.rename(analysis, text.index("a"), "甲").changes[analysis.uri]
    assert len(template) == 3 and apply(analysis, template).count("甲") == 3


@settings(max_examples=50)  # each example compiles the whole seed
@given(mutated(SEED), st.integers(0, len(SEED)))
def test_no_answer_raises_on_a_damaged_seed(text, offset):
    """Whatever the damage and wherever the cursor, every feature answers without raising, and
    semantic tokens come in order, one line each, inside the line."""
    analysis = analysed(text)
    assert analysis.failure is None
    offset = min(offset, len(text))
    features.diagnostics(analysis, "zh")
    hover.hover(analysis, offset, "zh")
    complete.completion(analysis, offset, "zh")
    features.definition(analysis, offset)
    features.references(analysis, offset)
    features.document_symbols(analysis, "en")
    check_tokens(analysis, features.semantic_tokens(analysis).data)


def check_tokens(analysis, data):
    line = column = 0
    end_of_previous = (-1, 0)
    for i in range(0, len(data), 5):
        line += data[i]
        column = data[i + 1] if data[i] else column + data[i + 1]
        start, end = analysis.lines.line_span(line)
        assert column + data[i + 2] <= analysis.lines.units(analysis.text[start:end])
        assert (line, column) >= end_of_previous
        end_of_previous = (line, column + data[i + 2])


@given(unicode_text())
def test_analysis_of_any_text(text):
    """Any text at all is analysed without a failure, and its outline and tokens are sound."""
    analysis = analysed(text)
    assert analysis.failure is None
    features.document_symbols(analysis, "zh")
    check_tokens(analysis, features.semantic_tokens(analysis).data)


def test_hover_words_in_chinese():
    """Hover speaks the user's language: a stepwise rule in Chinese words, weights by name."""
    analysis = analysed(SEED)
    text = hover.hover(analysis, SEED.index("在职人员控制率 分值"), "zh").contents.value
    assert "分值 3 · 参考分值 3" in text
    assert "评分：逐档扣分 — 在职人员控制率 高于 100% 时，每 1% 扣 0.3 分，按实际，扣完为止" in text
    level = hover.hover(analysis, SEED.index("达成 = 80%"), "zh").contents.value
    assert "人工评分在此等次时占分值 80% 至 100%" in level


def test_related_location_of_a_duplicate():
    """A duplicate name's diagnostic points at the first definition."""
    text = "输入 a：金额\n输入 a：金额\n指标 t 分值 1 { 值 a\n 评分 按比例 t }\n"
    analysis = analysed(text)
    (duplicate,) = [d for d in features.diagnostics(analysis, "en") if d.code == "E102"]
    (related,) = duplicate.related_information
    assert related.message == "first defined here"
    assert (related.location.range.start.line, related.location.range.start.character) == (0, 3)


def test_quick_fix_from_the_suggestion_field():
    """A diagnostic's `suggestion` (the compiler's structured fix) becomes a quick fix that
    replaces its span, quoted when the name must be; one without a suggestion has none — no
    name is guessed again outside the compiler."""
    import attrs

    text = "输入 收入：金额\n指标 t 分值 1 { 值 收人\n 评分 按比例 t }\n"
    analysis = analysed(text)
    unknown = next(d for d in analysis.diagnostics if d.code == "E101")
    assert unknown.suggestion == "收入"
    assert features.suggestion(analysis, unknown) == (unknown.span, "收入")
    quoted = attrs.evolve(unknown, suggestion="一 二")
    assert features.suggestion(analysis, quoted) == (unknown.span, '"一 二"')
    assert features.suggestion(analysis, attrs.evolve(unknown, suggestion=None)) is None


# --- Rubrics built on templates ----------------------------------------------------------------

TEMPLATE = """\
总分 10
量表 评价 { 好 = 100%；差 = 0% }
输入 收入：金额（万元） 范围 > 0
输入 支出：金额（万元） 范围 ≥ 0
输入 评：等次 评价
分组 甲 分值 10 {
  指标 执行率 参考分值 5 { 值 支出 / 收入；评分 按比例 执行率 }
  指标 评价指标 参考分值 3 { 评分 按等次 评 }
  指标 结余 参考分值 2 { 评分 满分条件 支出 ≤ 收入 }
}
"""


def reader(files: dict[str, str]):
    """Reading from memory, as an editor's open documents are read: OSError for other files."""
    def read(path: str) -> str:
        if path not in files:
            raise FileNotFoundError(path)
        return files[path]

    return read


def analysed_unit(unit: str, template: str = TEMPLATE):
    """The analysis of a unit saved beside `template` (both read from memory)."""
    return analyse("file:///r/u.rubric", unit, name="/r/u.rubric",
                   read=reader({"/r/t.rubric": template}))


def test_a_units_index_spans_the_template():
    """A unit's names resolve into the template: `修改 NAME` to its indicator, a name of its
    own that replaces a template's input is the same name for a rename, which changes the
    template's declaration and every use in both files."""
    unit = '基于 "t.rubric"\n输入 收入：金额（万元） 范围 ≥ 1\n修改 执行率 设定分值 6 {\n' \
           '  评分 满分条件 收入 > 支出\n}\n修改 结余 设定分值 1\n'
    analysis = analysed_unit(unit)
    assert not [d for d in analysis.diagnostics if d.is_error], analysis.diagnostics
    changed = analysis.index.at(unit.index("执行率")).symbol
    assert changed.kind == "indicator" and changed.span.source.text == TEMPLATE
    own = analysis.index.at(unit.index("收入")).symbol
    assert own.replaces is not None and own.replaces.span.source.text == TEMPLATE
    edit = features.rename(analysis, unit.index("收入 >"), "本年收入")
    template_uri = "file:///r/t.rubric"
    assert set(edit.changes) == {analysis.uri, template_uri}
    assert len(edit.changes[analysis.uri]) == 2  # its declaration and its use
    assert len(edit.changes[template_uri]) == 3  # the declaration and two uses
    located = features.definition(analysis, unit.index("收入 >"))
    assert located[0].uri == analysis.uri  # the declaration that counts is the unit's


def test_hover_in_a_unit_says_what_applies():
    """Hover on `不适用 NAME` says the indicator does not apply and its weight is shared out;
    on `删除 NAME` that it is removed; on `修改 NAME` the template's weight beside the unit's."""
    unit = '基于 "t.rubric"\n不适用 评价指标\n修改 执行率 设定分值 5\n'
    analysis = analysed_unit(unit)
    text = hover.hover(analysis, unit.index("评价指标"), "zh").contents.value
    assert "不适用于本单位：其分值按比例折算" in text
    text = hover.hover(analysis, unit.index("执行率"), "zh").contents.value
    assert "分值 5（本单位设定） · 参考分值 5（模板规定）" in text
    removed = '基于 "t.rubric"\n删除 结余\n修改 执行率 设定分值 7\n'
    text = hover.hover(analysed_unit(removed), removed.index("结余"), "en").contents.value
    assert "removed by this unit" in text


def test_a_unit_cut_short_still_sees_its_template():
    """A unit that ends in the middle of a statement (E003) still resolves and completes the
    template's names, and hovers over what comes before with the template's weights."""
    unit = '基于 "t.rubric"\n修改 执行率 设定分值 6\n修改 结余 设定分值 1 {\n  评分 满分条件 '
    analysis = analysed_unit(unit)
    assert [d.code for d in analysis.diagnostics] == ["E003"]
    labels = {item.label for item in complete.completion(analysis, len(unit), "zh").items}
    assert {"收入", "支出", "执行率"} <= labels
    text = hover.hover(analysis, unit.index("执行率"), "zh").contents.value
    assert "参考分值 5" in text


@settings(max_examples=30)  # each example compiles the template and the unit
@given(mutated((ROOT / "rubrics" / "huitong-2021.rubric").read_text("utf-8")),
       st.integers(0, 2000))
def test_no_answer_raises_on_a_damaged_unit(text, offset):
    """A damaged unit built on the shipped template: every feature answers, for the unit and
    for what it puts in the template, without raising."""
    template = (ROOT / "rubrics" / "department-framework.rubric").read_text("utf-8")
    files = {str(ROOT / "rubrics" / "department-framework.rubric"): template}
    analysis = analyse("file:///u.rubric", text, name=str(ROOT / "rubrics" / "u.rubric"),
                       read=reader(files))
    assert analysis.failure is None
    offset = min(offset, len(text))
    features.by_file(analysis, "zh", lambda uri: True)
    hover.hover(analysis, offset, "en")
    complete.completion(analysis, offset, "zh")
    features.definition(analysis, offset)
    features.references(analysis, offset)
    features.document_symbols(analysis, "zh")
    features.formatting(analysis)
    check_tokens(analysis, features.semantic_tokens(analysis).data)


# --- Rule words, shapes, formatting --------------------------------------------------------------

def test_hover_says_every_kind_in_its_own_words():
    """Hover on each indicator of the every-rule fixture gives its kind's name and sentence
    from `perfdsl.outputs.phrases` (decay, equal, negative and overshoot targets included)."""
    from perfdsl.outputs.phrases import rule_words

    path = ROOT / "tests" / "docs_fixtures" / "every-rule.rubric"
    text = path.read_text("utf-8")
    analysis = analyse(path.as_uri(), text, name=str(path))
    for indicator in analysis.model.indicators:
        offset = text.index(f"指标 {indicator.name} ") + 3
        for lang in ("zh", "en"):
            shown = hover.hover(analysis, offset, lang).contents.value
            name, sentence = rule_words(indicator.rule, lang)
            assert f"{name} — {sentence}" in shown, (indicator.name, shown)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_rule_shapes_compile(lang):
    """Each rule shape offered after `评分`, its blanks filled with names of the rubric, is a
    rule the compiler accepts: a shape cannot drift from the grammar."""
    import re

    from perfdsl.compiler import diagnose

    fills = {"实际值": "完成率", "目标值": "90%", "actual": "done", "goal": "90%",
             "条件": "已解释", "condition": "said"}
    head = {"zh": "总分 10\n输入 完成率：百分比\n输入 已解释：是否\n指标 甲 分值 10 {\n  评分 ",
            "en": "total 10\ninput done: percent\ninput said: yesno\nindicator a weight 10 {\n"
                  "  score "}[lang]
    for _label, body in complete.SHAPES[lang]:
        rule = re.sub(r"\$\{\d+:([^}]*)\}", lambda m: fills.get(m.group(1), m.group(1)), body)
        compiled, found = diagnose(Source("t.rubric", head + rule + "\n}\n"))
        assert compiled is not None, (rule, [str(d) for d in found])


@given(st.one_of(mutated(SEED), rubrics()), st.booleans())
# A carriage return alone is no line break to the compiler (in a comment it is the comment's):
# fmt once made it one, cutting a comment in two and writing a file that did not parse.
@example("#\r" + SEED[1:], False)
@example("\r" + SEED, False)
@example(SEED.replace("总分 100\n", "总分 100\r\n", 1), True)
@example("#\f" + SEED[3:].replace("较差 = 0%", "较差= 0%"), False)
def test_formatting_edits_give_what_perfdsl_fmt_writes(text, crlf):
    """Formatting a rubric that parses gives, once its edits are applied, exactly the text
    `perfdsl fmt` writes, with the file's own line breaks; no edit touches a line that stays
    the same; a text with a syntax error gets no edit."""
    from perfdsl.tools.fmt import format_text

    if crlf:
        text = text.replace("\n", "\r\n")
    analysis = analysed(text)
    edits = features.formatting(analysis)
    if any(d.is_error for d in parse(Source("t.rubric", text))[1]):
        assert edits is None
        return
    expected = format_text(text)
    assert apply(analysis, edits) == (expected.replace("\n", "\r\n") if crlf else expected)
    # lines as the client counts them (LSP: \r\n, \r or \n; not str.splitlines' \f, \x1c…)
    kept = {i for i, (a, b) in enumerate(zip(re.split(r"\r\n|\r|\n", text),
                                              re.split(r"\r\n|\r|\n", expected))) if a == b}
    for edit in edits:
        assert edit.range.start.line not in kept or edit.range.start.line != edit.range.end.line
