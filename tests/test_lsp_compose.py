"""`perfdsl lsp` with a unit that builds on a template (`基于 "…"`), end to end over stdio.

What must hold: an error in the template is published on the unit's `基于` line while the
template is not open, and in the template's own file (once) when it is; an unsaved edit to the
open template diagnoses the unit again; go to definition, references and rename cross from the
unit to the template and back (a unit's `修改 NAME` follows a rename in the template, also when
the unit is not open); a rename that cannot be made safely is refused; formatting is
`perfdsl fmt`'s, as minimal edits, and leaves a file with a syntax error alone; hover on a
`修改` line says whose each weight is. The files have Chinese names and CJK, astral and
full-width characters before every position checked, so every column is in UTF-16 units.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types as t
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from perfdsl.compiler import diagnose
from perfdsl.language.source import Source
from perfdsl.tools.fmt import format_text
from test_lsp import doc, position

pytestmark = pytest.mark.asyncio(loop_scope="module")

TEMPLATE = """\
评价体系 "模板"
总分 10
输入 𠀀收入：金额（万元） 范围 ＞ 0
输入 支出：金额（万元） 范围 ≥ 0
分组 甲 分值 10 {
  指标 执行率 参考分值 6 {
    值 支出 ／ 𠀀收入
    评分 按比例 执行率
  }
  指标 结余 参考分值 4 {
    评分 满分条件 支出 ≤ 𠀀收入
  }
}
"""

UNIT = """\
基于 "模板.rubric"
# 本单位的设定分值（与参考分值不同）
修改 执行率 设定分值 5
修改 结余 设定分值 5 {
  评分 满分条件 支出 ≤ 𠀀收入 × 2
}
"""


REGISTERED: list[t.Registration] = []  # what the server asked the client to do for it


@pytest_lsp.fixture(
    scope="module",
    config=ClientServerConfig(server_command=[sys.executable, "-m", "perfdsl", "lsp"]),
)
async def client(lsp_client: LanguageClient):
    @lsp_client.feature(t.CLIENT_REGISTER_CAPABILITY)
    def register(params: t.RegistrationParams) -> None:
        REGISTERED.extend(params.registrations)

    await lsp_client.initialize_session(t.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"),
        initialization_options={"lang": "en"}))
    yield
    await lsp_client.shutdown_session()


def folder(tmp_path: Path, template: str = TEMPLATE, unit: str = UNIT) -> tuple[str, str]:
    """A folder with the template and the unit saved in it; their URIs."""
    (tmp_path / "模板.rubric").write_text(template, "utf-8")
    (tmp_path / "单位.rubric").write_text(unit, "utf-8")
    return (tmp_path / "模板.rubric").as_uri(), (tmp_path / "单位.rubric").as_uri()


def did_open(client: LanguageClient, uri: str, text: str) -> None:
    client.text_document_did_open(t.DidOpenTextDocumentParams(text_document=t.TextDocumentItem(
        uri=uri, language_id="rubric", version=1, text=text)))


def did_change(client: LanguageClient, uri: str, text: str, version: int) -> None:
    client.text_document_did_change(t.DidChangeTextDocumentParams(
        text_document=t.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[t.TextDocumentContentChangeWholeDocument(text=text)]))


def did_close(client: LanguageClient, uri: str) -> None:
    client.text_document_did_close(t.DidCloseTextDocumentParams(text_document=doc(uri)))


async def until(client: LanguageClient, holds, timeout: float = 30) -> None:
    """Wait for published diagnostics until `holds()` is true (failing, never hanging)."""
    async def wait() -> None:
        while not holds():
            await client.wait_for_notification(t.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)

    try:
        await asyncio.wait_for(wait(), timeout)
    except TimeoutError:
        published = {uri: [(d.code, d.range, d.message) for d in found]
                     for uri, found in client.diagnostics.items()}
        raise AssertionError(f"the diagnostics never came: {published}") from None


def codes(client: LanguageClient, uri: str) -> list[str]:
    return sorted(d.code for d in client.diagnostics.get(uri, []))


def span(text: str, needle: str, length: int | None = None, after: int = 0) -> t.Range:
    """The range of `needle` (or `length` characters of it, from `after`) in UTF-16 units."""
    end = after + (len(needle) if length is None else length)
    return t.Range(start=position(text, needle, after), end=position(text, needle, end))


def apply(text: str, edits: list[t.TextEdit]) -> str:
    """The text after non-overlapping edits given in UTF-16 positions."""
    lines = text.splitlines(keepends=True) or [""]

    def offset(p: t.Position) -> int:
        if p.line >= len(lines):
            return len(text)
        start = sum(len(line) for line in lines[:p.line])
        units = 0
        for i, ch in enumerate(lines[p.line]):
            if units >= p.character:
                return start + i
            units += 2 if ord(ch) > 0xFFFF else 1
        return start + len(lines[p.line])

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character),
                       reverse=True):
        text = text[:offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end):]
    return text


def compiles(unit: str, template: str) -> bool:
    files = {"模板.rubric": template}
    compiled, _ = diagnose(Source("单位.rubric", unit),
                           read=lambda path: files[Path(path).name], root="/")
    return compiled is not None


# --- Diagnostics in both files --------------------------------------------------------------

async def test_template_errors_move_between_the_unit_and_the_template(client, tmp_path):
    """A template error shows on the unit's `基于` line (pointing into the template) while the
    template is closed; once the template opens it is published there, once, and the unit's
    line is clear; when the template closes again it comes back to the unit."""
    broken = TEMPLATE.replace("值 支出 ／ 𠀀收入", "值 支出 ／ 𠀀收人")
    template, unit = folder(tmp_path, template=broken)
    did_open(client, unit, UNIT)
    await until(client, lambda: unit in client.diagnostics)
    (error,) = client.diagnostics[unit]
    assert error.code == "E101" and error.range == span(UNIT, '"模板.rubric"')
    assert error.message.startswith("in the template `模板.rubric`: unknown name `𠀀收人`")
    place = error.related_information[0]
    assert place.location.uri == template
    assert place.location.range == span(broken, "𠀀收人", after=0)

    did_open(client, template, broken)
    await until(client, lambda: codes(client, template) == ["E101"] and not codes(client, unit))
    (error,) = client.diagnostics[template]
    assert error.range == span(broken, "𠀀收人")  # 𠀀 is two UTF-16 units
    assert error.message == "unknown name `𠀀收人`\nhint: did you mean `𠀀收入`?"

    did_close(client, template)
    await until(client, lambda: codes(client, unit) == ["E101"])
    assert not client.diagnostics[template]
    did_close(client, unit)


async def test_an_unsaved_edit_to_the_template_diagnoses_the_unit_again(client, tmp_path):
    """Renaming an indicator in the open template (not saved) makes the unit's `修改` of the
    old name an error at once, with a quick fix to the new name; undoing it clears it."""
    template, unit = folder(tmp_path)
    did_open(client, template, TEMPLATE)
    did_open(client, unit, UNIT)
    await until(client, lambda: template in client.diagnostics and unit in client.diagnostics)
    assert not codes(client, unit) and not codes(client, template)

    renamed = TEMPLATE.replace("指标 结余 ", "指标 结余率 ")
    did_change(client, template, renamed, 2)
    await until(client, lambda: codes(client, unit) == ["E804"])
    (error,) = client.diagnostics[unit]
    assert error.range == span(UNIT, "结余 设定分值", 2)
    actions = await client.text_document_code_action_async(t.CodeActionParams(
        text_document=doc(unit), range=error.range,
        context=t.CodeActionContext(diagnostics=[error])))
    assert [a.title for a in actions] == ["Replace with `结余率`"]

    did_change(client, template, TEMPLATE, 3)
    await until(client, lambda: not codes(client, unit))
    did_close(client, unit)
    did_close(client, template)


async def test_a_template_changed_on_the_disk_diagnoses_the_unit_again(client, tmp_path):
    """The server asks to be told of changes to `.rubric` files; when the template (not open)
    changes on the disk, the open unit is diagnosed again."""
    for _ in range(200):  # the server asks once the session is initialized: soon after
        if REGISTERED:
            break
        await asyncio.sleep(0.05)
    (watch,) = [r for r in REGISTERED if r.method == t.WORKSPACE_DID_CHANGE_WATCHED_FILES]
    assert watch.register_options == {"watchers": [{"globPattern": "**/*.rubric"}]}
    template, unit = folder(tmp_path)
    did_open(client, unit, UNIT)
    await until(client, lambda: unit in client.diagnostics)
    assert not codes(client, unit)
    (tmp_path / "模板.rubric").write_text(TEMPLATE.replace("结余", "结存"), "utf-8")
    client.workspace_did_change_watched_files(t.DidChangeWatchedFilesParams(changes=[
        t.FileEvent(uri=template, type=t.FileChangeType.Changed)]))
    await until(client, lambda: codes(client, unit) == ["E804"])
    did_close(client, unit)


# --- Navigation across files ----------------------------------------------------------------

async def test_definition_from_the_unit_into_the_template(client, tmp_path):
    """From `修改 NAME` to NAME in the template, from a template's input read in the unit to its
    declaration, and from the path of `基于` to the template file."""
    template, unit = folder(tmp_path)
    did_open(client, unit, UNIT)
    await until(client, lambda: unit in client.diagnostics)
    (found,) = await client.text_document_definition_async(t.DefinitionParams(
        text_document=doc(unit), position=position(UNIT, "执行率 设定分值", 1)))
    assert found.uri == template and found.range == span(TEMPLATE, "执行率 参考分值", 3)
    (found,) = await client.text_document_definition_async(t.DefinitionParams(
        text_document=doc(unit), position=position(UNIT, "𠀀收入 × 2", 2)))
    assert found.uri == template and found.range == span(TEMPLATE, "𠀀收入：", 3)
    (found,) = await client.text_document_definition_async(t.DefinitionParams(
        text_document=doc(unit), position=position(UNIT, "模板.rubric")))
    assert found.uri == template and found.range.start == t.Position(line=0, character=0)
    did_close(client, unit)


async def test_references_and_rename_reach_the_units_of_a_template(client, tmp_path):
    """In the template, references of an indicator include the `修改` line of a unit of its
    folder that is not open; rename changes both files, and both still compile. A rename
    started on the unit's `修改` line gives the same edits."""
    template, unit = folder(tmp_path)
    did_open(client, template, TEMPLATE)
    await until(client, lambda: template in client.diagnostics)
    at = position(TEMPLATE, "执行率 参考分值", 1)
    found = await client.text_document_references_async(t.ReferenceParams(
        text_document=doc(template), position=at,
        context=t.ReferenceContext(include_declaration=False)))
    places = sorted((loc.uri, loc.range.start.line, loc.range.start.character) for loc in found)
    assert places == sorted([(template, *_line_col(TEMPLATE, "执行率\n")),
                             (unit, *_line_col(UNIT, "执行率 设定分值"))])

    edit = await client.text_document_rename_async(t.RenameParams(
        text_document=doc(template), position=at, new_name="预算执行率"))
    assert set(edit.changes) == {template, unit}
    new_template = apply(TEMPLATE, edit.changes[template])
    new_unit = apply(UNIT, edit.changes[unit])
    assert new_unit.count("预算执行率") == 1 and new_template.count("预算执行率") == 2
    assert compiles(new_unit, new_template)

    did_open(client, unit, UNIT)
    await until(client, lambda: unit in client.diagnostics)
    again = await client.text_document_rename_async(t.RenameParams(
        text_document=doc(unit), position=position(UNIT, "执行率 设定分值"),
        new_name="预算执行率"))
    assert {uri: sorted(_edits(e)) for uri, e in again.changes.items()} == \
        {uri: sorted(_edits(e)) for uri, e in edit.changes.items()}
    did_close(client, unit)
    did_close(client, template)


def _line_col(text: str, needle: str) -> tuple[int, int]:
    p = position(text, needle)
    return p.line, p.character


def _edits(edits: list[t.TextEdit]) -> list[tuple]:
    return [(e.range.start.line, e.range.start.character, e.range.end.character, e.new_text)
            for e in edits]


async def test_rename_refused_where_it_cannot_be_safe(client, tmp_path):
    """prepareRename refuses a name that a statement the parser could not read mentions (the
    rename could not reach it), saying so; a rename to a name a unit already uses is refused
    with the file it is in."""
    template, unit = folder(tmp_path)
    broken = UNIT + "修改 执行率 设定分值 ；\n"
    did_open(client, unit, broken)
    await until(client, lambda: unit in client.diagnostics)
    with pytest.raises(Exception, match="could not read"):
        await client.text_document_prepare_rename_async(t.PrepareRenameParams(
            text_document=doc(unit), position=position(broken, "执行率 设定分值 5")))
    did_close(client, unit)

    with_own = UNIT + "修改 甲 {\n  指标 新增 分值 1 { 评分 满分条件 支出 ≥ 0 }\n}\n"
    template, unit = folder(tmp_path, unit=with_own)
    did_open(client, template, TEMPLATE)
    await until(client, lambda: template in client.diagnostics)
    with pytest.raises(Exception, match="`新增` is already the name of indicator"):
        await client.text_document_rename_async(t.RenameParams(
            text_document=doc(template), position=position(TEMPLATE, "执行率 参考分值"),
            new_name="新增"))
    did_close(client, template)


# --- Hover, completion, formatting ------------------------------------------------------------

async def test_hover_on_a_change_says_whose_each_weight_is(client, tmp_path):
    """On a unit's `修改` line the hover gives the template's reference weight and the weight
    the unit sets, and the rule as the unit changed it, in its kind's words."""
    template, unit = folder(tmp_path)
    did_open(client, unit, UNIT)
    await until(client, lambda: unit in client.diagnostics)
    result = await client.text_document_hover_async(t.HoverParams(
        text_document=doc(unit), position=position(UNIT, "结余 设定分值")))
    text = result.contents.value
    assert "weight 5 (set by this unit) · reference weight 4 (the template's)" in text
    assert "score: full_if — full marks when 支出 ≤ 𠀀收入 × 2, else 0" in text
    assert "declared in: `模板.rubric`:10" in text
    did_close(client, unit)


async def test_completion_of_a_unit(client, tmp_path):
    """After `修改` the template's indicators and groups; inside `基于 "…"` the other rubric
    files of the folder; after `评分` the rule shapes as snippets."""
    template, unit = folder(tmp_path)
    typing = UNIT + "修改 "
    did_open(client, unit, typing)
    await until(client, lambda: unit in client.diagnostics)
    found = await client.text_document_completion_async(t.CompletionParams(
        text_document=doc(unit), position=t.Position(line=typing.count("\n"), character=3)))
    assert {"执行率", "结余", "甲"} <= {item.label for item in found.items}
    files = await client.text_document_completion_async(t.CompletionParams(
        text_document=doc(unit), position=position(typing, "模板.rubric")))
    assert [item.label for item in files.items] == ["模板.rubric"]
    rules = await client.text_document_completion_async(t.CompletionParams(
        text_document=doc(unit), position=position(typing, "满分条件")))
    snippets = [i for i in rules.items if i.kind == t.CompletionItemKind.Snippet]
    assert "线性递减 … ≤ … 至 … 倍" in {i.label for i in snippets}
    assert all(i.insert_text_format == t.InsertTextFormat.Snippet for i in snippets)
    did_close(client, unit)


async def test_formatting_is_perfdsl_fmt_in_minimal_edits(client, tmp_path):
    """Formatting a mangled unit gives `perfdsl fmt`'s text, by edits that leave unchanged
    lines alone and keep the file's CRLF line breaks; a file with a syntax error is left as
    it is."""
    template, unit = folder(tmp_path)
    mangled = UNIT.replace("修改 执行率 设定分值 5", "修改   执行率  设定分值 5  ").replace(
        "  评分", "\t评分").replace("\n", "\r\n")
    did_open(client, unit, mangled)
    await until(client, lambda: unit in client.diagnostics)
    edits = await client.text_document_formatting_async(t.DocumentFormattingParams(
        text_document=doc(unit), options=t.FormattingOptions(tab_size=2, insert_spaces=True)))
    assert apply(mangled, edits) == format_text(mangled).replace("\n", "\r\n")
    assert {e.range.start.line for e in edits} == {2, 4}  # only the two lines that change
    assert all("\n" not in e.new_text for e in edits)

    broken = "指标   甲 分值 {\n"
    did_change(client, unit, broken, 2)
    await until(client, lambda: "E003" in codes(client, unit))
    edits = await client.text_document_formatting_async(t.DocumentFormattingParams(
        text_document=doc(unit), options=t.FormattingOptions(tab_size=2, insert_spaces=True)))
    assert not edits
    did_close(client, unit)
