"""`perfdsl lsp` end to end: a real client talks to the server over stdio (pytest-lsp).

What must hold: opening a broken rubric publishes the compiler's diagnostics with their codes
and exact ranges; hover, completion, navigation, rename, the outline and semantic tokens work
on a file with mistakes; every position is in UTF-16 code units, whatever CJK, astral or
full-width characters come before it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types as t
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

ROOT = Path(__file__).resolve().parent.parent
SERVER: dict = {}  # what the server said when it started

pytestmark = pytest.mark.asyncio(loop_scope="module")

# A rubric with three mistakes: a misspelt name (E101), a formula cut short (E002, where the
# next statement begins) and so an indicator left without a value (E103).
BROKEN = """\
评价体系 "测试"
总分 10
输入 收入：金额（万元） 范围 ≥ 0 标签 "本年收入"
输入 支出：金额（万元）
令 结余 = 收入 - 支出
分组 甲组 分值 10 {
  指标 执行率 分值 6 参考分值 5 {
    值 支出 / 收入
    评分 按比例 执形率
  }
  指标 结余率 分值 4 {
    值 结余 / 收入 ×
    评分 满分条件 结余率 ≥ 0%
  }
}
"""

# Names with a character outside the Basic Multilingual Plane (two UTF-16 units) and
# full-width punctuation before the mistake.
ASTRAL = """\
总分 10
量表 评价 { 好 = 100%；差 = 0% }
输入 𠀀𠀁收入：金额（万元）
输入 工作评价：等次 评价 默认值 好
指标 𠀀执行率 分值 10 {
  值 𠀀𠀁收入 ／ 𠀀𠀁收人
  评分 按比例 𠀀执行率
}
"""

# A clean rubric in English keywords, with an explanation template that reads an input.
ENGLISH = """\
total 10
input income: money(万元) range > 0
input spent: money(万元) range >= 0
indicator rate weight 10 reference 8 {
  value spent / income
  score proportional rate
  explain "spent {{ spent | 金额 }} of {{ income }}"
}
"""


@pytest_lsp.fixture(
    scope="module",
    config=ClientServerConfig(server_command=[sys.executable, "-m", "perfdsl", "lsp"]),
)
async def client(lsp_client: LanguageClient):
    @lsp_client.feature(t.CLIENT_REGISTER_CAPABILITY)
    def register(params: t.RegistrationParams) -> None:
        SERVER.setdefault("registrations", []).extend(params.registrations)

    result = await lsp_client.initialize_session(t.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"),
        initialization_options={"lang": "en"},
        workspace_folders=[t.WorkspaceFolder(uri=ROOT.as_uri(), name="perfdsl")],
    ))
    SERVER["capabilities"] = result.capabilities
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(
    scope="module",
    config=ClientServerConfig(server_command=[sys.executable, "-m", "perfdsl", "lsp"]),
)
async def neovim(lsp_client: LanguageClient):
    """A client that prefers UTF-8 positions, as Neovim does."""
    result = await lsp_client.initialize_session(t.InitializeParams(
        capabilities=client_capabilities("neovim"), locale="zh-CN"))
    SERVER["neovim"] = result.capabilities
    yield
    await lsp_client.shutdown_session()


async def open_document(client: LanguageClient, name: str, text: str) -> str:
    """Open `text` as a new document and wait for its diagnostics; return its URI."""
    uri = (ROOT / "scratch" / f"{len(client.diagnostics)}-{name}").as_uri()
    client.text_document_did_open(t.DidOpenTextDocumentParams(text_document=t.TextDocumentItem(
        uri=uri, language_id="rubric", version=1, text=text)))
    while uri not in client.diagnostics:
        await client.wait_for_notification(t.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return uri


def position(text: str, needle: str, after: int = 0, encoding: str = "utf-16") -> t.Position:
    """The position of `needle` (plus `after` characters) in `text`, in UTF-16 (or UTF-8) units."""
    offset = text.index(needle) + after
    line = text.count("\n", 0, offset)
    prefix = text[text.rfind("\n", 0, offset) + 1:offset]
    if encoding == "utf-8":
        return t.Position(line=line, character=len(prefix.encode("utf-8")))
    return t.Position(line=line, character=len(prefix.encode("utf-16-le")) // 2)


def doc(uri: str) -> t.TextDocumentIdentifier:
    return t.TextDocumentIdentifier(uri=uri)


async def test_capabilities(client: LanguageClient):
    """The server says it offers every feature the editors rely on."""
    caps = SERVER["capabilities"]
    assert caps.hover_provider and caps.definition_provider and caps.references_provider
    assert caps.document_symbol_provider and caps.document_highlight_provider
    assert caps.document_formatting_provider
    assert caps.rename_provider.prepare_provider
    assert caps.completion_provider is not None
    assert "enumMember" in caps.semantic_tokens_provider.legend.token_types
    assert list(caps.code_action_provider.code_action_kinds) == [t.CodeActionKind.QuickFix]
    assert caps.position_encoding in (None, t.PositionEncodingKind.Utf16)


async def test_broken_rubric_diagnostics(client: LanguageClient):
    """didOpen of a broken rubric publishes each diagnostic with its code, severity and range."""
    uri = await open_document(client, "broken.rubric", BROKEN)
    found = {d.code: d for d in client.diagnostics[uri]}
    assert set(found) == {"E101", "E002"}  # error recovery leaves no cascade
    unknown = found["E101"]
    assert unknown.range == t.Range(start=position(BROKEN, "执形率"),
                                    end=position(BROKEN, "执形率", 3))
    assert unknown.severity == t.DiagnosticSeverity.Error and unknown.source == "perfdsl"
    assert unknown.message == "unknown name `执形率`\nhint: did you mean `执行率`?"
    syntax = found["E002"]
    assert syntax.range.start == position(BROKEN, "评分 满分条件")
    assert syntax.range.end == position(BROKEN, "评分 满分条件", 2)


async def test_hover_indicator_shows_weight(client: LanguageClient):
    """Hover on an indicator shows its weight, reference weight, value and rule in words."""
    uri = await open_document(client, "broken.rubric", BROKEN)
    result = await client.text_document_hover_async(t.HoverParams(
        text_document=doc(uri), position=position(BROKEN, "执行率 分值", 1)))
    text = result.contents.value
    assert "(indicator) 甲组 › **执行率**" in text
    assert "weight 6 · reference weight 5" in text
    assert "value = `支出 / 收入`" in text
    assert "score: `按比例 执形率`" in text  # the rule has a mistake: shown as written
    assert result.range == t.Range(start=position(BROKEN, "执行率 分值"),
                                   end=position(BROKEN, "执行率 分值", 3))


async def test_hover_on_a_broken_file(client: LanguageClient):
    """Hover still answers on a file with errors: an input's type, unit, range and label."""
    uri = await open_document(client, "broken.rubric", BROKEN)
    result = await client.text_document_hover_async(t.HoverParams(
        text_document=doc(uri), position=position(BROKEN, "收入 - 支出")))
    text = result.contents.value
    assert "(input) **收入** — 本年收入" in text
    assert "type: money (万元)" in text and "unit: 万元" in text and "range: ≥ 0" in text


async def test_hover_while_typing(client: LanguageClient):
    """A file that ends in the middle of a statement (as while typing) gets its E003 and still
    answers hovers for what comes before."""
    typing = BROKEN[:BROKEN.index("评分 按比例")]  # the first indicator's block still open
    uri = await open_document(client, "typing.rubric", typing)
    assert [d.code for d in client.diagnostics[uri]] == ["E003"]
    result = await client.text_document_hover_async(t.HoverParams(
        text_document=doc(uri), position=position(typing, "执行率")))
    assert "weight 6 · reference weight 5" in result.contents.value


async def test_hover_level_share_after_astral_characters(client: LanguageClient):
    """Hover on a level gives its share; positions after astral characters are UTF-16."""
    uri = await open_document(client, "astral.rubric", ASTRAL)
    result = await client.text_document_hover_async(t.HoverParams(
        text_document=doc(uri), position=position(ASTRAL, "默认值 好", 4)))
    assert "share of the weight 100%" in result.contents.value
    unknown = next(d for d in client.diagnostics[uri] if d.code == "E101")
    assert unknown.range.start == position(ASTRAL, "𠀀𠀁收人")
    assert unknown.range.end.character - unknown.range.start.character == 6  # 2+2+1+1 units
    defined = await client.text_document_definition_async(t.DefinitionParams(
        text_document=doc(uri), position=position(ASTRAL, "𠀀执行率\n", 3)))
    assert defined[0].range.start == position(ASTRAL, "𠀀执行率 分值")
    assert defined[0].range.end == position(ASTRAL, "𠀀执行率 分值", 4)


async def test_completion_in_the_files_language(client: LanguageClient):
    """Completion offers Chinese keywords in a Chinese file, and the names in scope."""
    uri = await open_document(client, "broken.rubric", BROKEN)
    result = await client.text_document_completion_async(t.CompletionParams(
        text_document=doc(uri), position=position(BROKEN, "结余 / 收入 ×", 2)))
    labels = {item.label for item in result.items}
    assert {"收入", "支出", "结余", "执行率", "如果"} <= labels
    assert "if" not in labels and "indicator" not in labels
    rules = await client.text_document_completion_async(t.CompletionParams(
        text_document=doc(uri), position=position(BROKEN, "按比例 执形率")))
    assert {"按比例", "分档", "逐档扣分"} <= {item.label for item in rules.items}


async def test_completion_in_english(client: LanguageClient):
    """In an English file the keywords are English; after `money(` come money units."""
    uri = await open_document(client, "english.rubric", ENGLISH)
    result = await client.text_document_completion_async(t.CompletionParams(
        text_document=doc(uri), position=position(ENGLISH, "value spent")))
    labels = {item.label for item in result.items}
    assert {"value", "score", "explain"} <= labels and "值" not in labels
    units = await client.text_document_completion_async(t.CompletionParams(
        text_document=doc(uri), position=position(ENGLISH, "万元) range", 0)))
    assert "万元" in {item.label for item in units.items}


async def test_references_include_templates(client: LanguageClient):
    """Find references lists every use, in formulas and in explanation templates."""
    uri = await open_document(client, "english.rubric", ENGLISH)
    found = await client.text_document_references_async(t.ReferenceParams(
        text_document=doc(uri), position=position(ENGLISH, "income:"),
        context=t.ReferenceContext(include_declaration=True)))
    starts = sorted((loc.range.start.line, loc.range.start.character) for loc in found)
    expected = [position(ENGLISH, "income:"), position(ENGLISH, "income\n"),
                position(ENGLISH, "income }}")]
    assert starts == [(p.line, p.character) for p in expected]


async def test_rename_everywhere(client: LanguageClient):
    """Rename changes the definition and every reference, templates included."""
    uri = await open_document(client, "english.rubric", ENGLISH)
    prepared = await client.text_document_prepare_rename_async(t.PrepareRenameParams(
        text_document=doc(uri), position=position(ENGLISH, "spent / income")))
    assert prepared.placeholder == "spent"
    edit = await client.text_document_rename_async(t.RenameParams(
        text_document=doc(uri), position=position(ENGLISH, "spent / income"),
        new_name="outlay"))
    edits = edit.changes[uri]
    assert len(edits) == 3 and {e.new_text for e in edits} == {"outlay"}


async def test_rename_refused_on_a_clash(client: LanguageClient):
    """Renaming to a name that is taken is refused with a message saying where it is."""
    uri = await open_document(client, "english.rubric", ENGLISH)
    with pytest.raises(Exception, match="already the name of input"):
        await client.text_document_rename_async(t.RenameParams(
            text_document=doc(uri), position=position(ENGLISH, "spent / income"),
            new_name="income"))


async def test_document_symbols(client: LanguageClient):
    """The outline nests indicators in their groups, with their weights."""
    uri = await open_document(client, "broken.rubric", BROKEN)
    result = await client.text_document_document_symbol_async(t.DocumentSymbolParams(
        text_document=doc(uri)))
    group = next(sym for sym in result if sym.name == "甲组")
    assert group.kind == t.SymbolKind.Namespace and group.detail == "weight 10"
    assert [(c.name, c.detail) for c in group.children] == [
        ("执行率", "weight 6 · reference weight 5"), ("结余率", "weight 4")]


async def test_semantic_tokens(client: LanguageClient):
    """Semantic tokens say what each name is: an input is a parameter, a `令` a variable."""
    uri = await open_document(client, "broken.rubric", BROKEN)
    result = await client.text_document_semantic_tokens_full_async(t.SemanticTokensParams(
        text_document=doc(uri)))
    legend = SERVER["capabilities"].semantic_tokens_provider.legend
    tokens, line, column = {}, 0, 0
    data = result.data
    for i in range(0, len(data), 5):
        line += data[i]
        column = data[i + 1] if data[i] else column + data[i + 1]
        tokens[(line, column)] = legend.token_types[data[i + 3]]
    at = position(BROKEN, "结余 = 收入")
    assert tokens[(at.line, at.character)] == "variable"
    at = position(BROKEN, "收入 - 支出")
    assert tokens[(at.line, at.character)] == "parameter"
    at = position(BROKEN, "分组")
    assert tokens[(at.line, at.character)] == "keyword"


async def test_change_republishes(client: LanguageClient):
    """After an edit, the diagnostics of the new text are published: here a name it broke."""
    uri = await open_document(client, "english.rubric", ENGLISH)
    assert not client.diagnostics[uri]
    changed = ENGLISH.replace("income: money", "earned: money")
    client.text_document_did_change(t.DidChangeTextDocumentParams(
        text_document=t.VersionedTextDocumentIdentifier(uri=uri, version=2),
        content_changes=[t.TextDocumentContentChangeWholeDocument(text=changed)]))
    while not client.diagnostics[uri]:
        await client.wait_for_notification(t.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    found = {d.code: d for d in client.diagnostics[uri]}
    assert set(found) == {"E101", "W001"}  # `income` is unknown now, `earned` unused
    assert found["E101"].range.start == position(changed, "income\n")
    assert list(found["W001"].tags) == [t.DiagnosticTag.Unnecessary]
    client.text_document_did_change(t.DidChangeTextDocumentParams(
        text_document=t.VersionedTextDocumentIdentifier(uri=uri, version=3),
        content_changes=[t.TextDocumentContentChangeWholeDocument(text=ENGLISH)]))
    while client.diagnostics[uri]:
        await client.wait_for_notification(t.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)


async def test_quick_fix_for_a_misspelt_name(client: LanguageClient):
    """A misspelt name gets a quick fix that writes the name the compiler suggests."""
    uri = await open_document(client, "broken.rubric", BROKEN)
    where = t.Range(start=position(BROKEN, "执形率"), end=position(BROKEN, "执形率", 3))
    actions = await client.text_document_code_action_async(t.CodeActionParams(
        text_document=doc(uri), range=where,
        context=t.CodeActionContext(diagnostics=client.diagnostics[uri])))
    assert [a.title for a in actions] == ["Replace with `执行率`"]
    (edit,) = actions[0].edit.changes[uri]
    assert edit.new_text == "执行率" and edit.range == where


async def test_utf8_positions_when_the_client_prefers_them(neovim: LanguageClient):
    """A client that offers UTF-8 first gets UTF-8 columns (bytes): 𠀀 is four, 收 three;
    its locale (zh-CN) makes the messages Chinese."""
    assert SERVER["neovim"].position_encoding == t.PositionEncodingKind.Utf8
    uri = await open_document(neovim, "astral.rubric", ASTRAL)
    unknown = next(d for d in neovim.diagnostics[uri] if d.code == "E101")
    assert unknown.range.start == position(ASTRAL, "𠀀𠀁收人", encoding="utf-8")
    assert unknown.range.end.character - unknown.range.start.character == 14  # 4+4+3+3
    assert unknown.message == "未定义的名称 `𠀀𠀁收人`\n建议：是否应为 `𠀀𠀁收入`？"
    result = await neovim.text_document_hover_async(t.HoverParams(
        text_document=doc(uri), position=position(ASTRAL, "默认值 好", 4, encoding="utf-8")))
    assert "占分值 100%" in result.contents.value
