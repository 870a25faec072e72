"""`perfdsl lsp`: the language server, over stdio, on pygls.

Wiring only: each request is answered by a function of `perfdsl.lsp.features`, `.hover` or
`.complete` over the document's `Analysis`, which is made once per version of the text and
kept until the next. Diagnostics are published when a document opens and, while the author
types, once the typing pauses (`SETTLE` seconds), so a burst of keystrokes compiles the
rubric once.

Messages follow, in order: `perfdsl lsp --lang`, the `lang` initialization option (`zh` or
`en`), the editor's locale, then `PERFDSL_LANG` and the environment's locale, as
`perfdsl compile` does.
"""

from __future__ import annotations

import asyncio
import logging

from lsprotocol import types as t
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from perfdsl import __version__
from perfdsl.diagnostics import default_lang
from perfdsl.lsp import complete, features, hover as hovers
from perfdsl.lsp.analysis import Analysis, analyse

SETTLE = 0.2  # seconds of quiet after a change before diagnostics are published again

_REQUEST_FAILED = -32803  # the protocol's RequestFailed: a request the server refuses, with why


class RubricServer(LanguageServer):
    """The server, with the analyses of the open documents."""

    def __init__(self, lang: str | None = None) -> None:
        super().__init__("perfdsl", __version__,
                         text_document_sync_kind=t.TextDocumentSyncKind.Full)
        self.fixed_lang = lang  # `perfdsl lsp --lang`: wins over what the editor says
        self.lang = lang or default_lang()
        self.analyses: dict[str, Analysis] = {}

    def analysis(self, uri: str) -> Analysis:
        """The analysis of the document's current text, made once per version."""
        document = self.workspace.get_text_document(uri)
        cached = self.analyses.get(uri)
        if cached is not None and cached.version == document.version \
                and cached.text == document.source:
            return cached
        analysis = analyse(uri, document.source, name=to_fs_path(uri) or uri,
                           version=document.version,
                           encoding=_encoding(self.workspace.position_encoding))
        if analysis.failure:
            self.window_log_message(t.LogMessageParams(
                type=t.MessageType.Error,
                message="perfdsl: internal error (a bug in perfdsl, please report it with the "
                        "rubric):\n" + analysis.failure))
        self.analyses[uri] = analysis
        return analysis

    def publish(self, uri: str) -> None:
        analysis = self.analysis(uri)
        self.text_document_publish_diagnostics(t.PublishDiagnosticsParams(
            uri=uri, version=analysis.version,
            diagnostics=features.diagnostics(analysis, self.lang)))

    def offset(self, uri: str, position: t.Position) -> tuple[Analysis, int]:
        analysis = self.analysis(uri)
        return analysis, analysis.offset(position)


def _encoding(kind) -> str:
    """The agreed position encoding as `LineIndex` names it (`utf-8`, not the enum's repr)."""
    return str(getattr(kind, "value", kind) or "utf-16")


def make_server(lang: str | None = None) -> RubricServer:
    """A server with every feature registered; `lang` fixes the language of its messages."""
    server = RubricServer(lang)

    @server.feature(t.INITIALIZE)
    def initialize(ls: RubricServer, params: t.InitializeParams) -> None:
        options = params.initialization_options
        asked = options.get("lang") if isinstance(options, dict) else None
        locale = (params.locale or "").lower()
        if ls.fixed_lang:
            return
        if asked in ("zh", "en"):
            ls.lang = asked
        elif locale:
            ls.lang = "zh" if locale.startswith("zh") else "en"

    @server.feature(t.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: RubricServer, params: t.DidOpenTextDocumentParams) -> None:
        ls.publish(params.text_document.uri)

    @server.feature(t.TEXT_DOCUMENT_DID_CHANGE)
    async def did_change(ls: RubricServer, params: t.DidChangeTextDocumentParams) -> None:
        uri, version = params.text_document.uri, params.text_document.version
        await asyncio.sleep(SETTLE)
        document = ls.workspace.text_documents.get(uri)
        if document is not None and document.version == version:  # no newer change meanwhile
            ls.publish(uri)

    @server.feature(t.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: RubricServer, params: t.DidCloseTextDocumentParams) -> None:
        ls.analyses.pop(params.text_document.uri, None)
        ls.text_document_publish_diagnostics(t.PublishDiagnosticsParams(
            uri=params.text_document.uri, diagnostics=[]))

    @server.feature(t.TEXT_DOCUMENT_HOVER)
    def hover(ls: RubricServer, params: t.HoverParams) -> t.Hover | None:
        analysis, offset = ls.offset(params.text_document.uri, params.position)
        return hovers.hover(analysis, offset, ls.lang)

    @server.feature(t.TEXT_DOCUMENT_COMPLETION,
                    t.CompletionOptions(trigger_characters=["(", "（", ":", "："]))
    def completion(ls: RubricServer, params: t.CompletionParams) -> t.CompletionList:
        analysis, offset = ls.offset(params.text_document.uri, params.position)
        return complete.completion(analysis, offset, ls.lang)

    @server.feature(t.TEXT_DOCUMENT_DEFINITION)
    def definition(ls: RubricServer, params: t.DefinitionParams) -> list[t.Location]:
        analysis, offset = ls.offset(params.text_document.uri, params.position)
        return features.definition(analysis, offset)

    @server.feature(t.TEXT_DOCUMENT_REFERENCES)
    def references(ls: RubricServer, params: t.ReferenceParams) -> list[t.Location]:
        analysis, offset = ls.offset(params.text_document.uri, params.position)
        return features.references(analysis, offset, params.context.include_declaration)

    @server.feature(t.TEXT_DOCUMENT_DOCUMENT_HIGHLIGHT)
    def highlights(ls: RubricServer,
                   params: t.DocumentHighlightParams) -> list[t.DocumentHighlight]:
        analysis, offset = ls.offset(params.text_document.uri, params.position)
        return features.highlights(analysis, offset)

    @server.feature(t.TEXT_DOCUMENT_PREPARE_RENAME)
    def prepare_rename(ls: RubricServer, params: t.PrepareRenameParams):
        analysis, offset = ls.offset(params.text_document.uri, params.position)
        return features.prepare_rename(analysis, offset)

    @server.feature(t.TEXT_DOCUMENT_RENAME, t.RenameOptions(prepare_provider=True))
    def rename(ls: RubricServer, params: t.RenameParams) -> t.WorkspaceEdit:
        analysis, offset = ls.offset(params.text_document.uri, params.position)
        try:
            return features.rename(analysis, offset, params.new_name, ls.lang)
        except features.RenameRefused as refused:
            raise JsonRpcException(str(refused), code=_REQUEST_FAILED) from None

    @server.feature(t.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    def document_symbols(ls: RubricServer,
                         params: t.DocumentSymbolParams) -> list[t.DocumentSymbol]:
        return features.document_symbols(ls.analysis(params.text_document.uri), ls.lang)

    @server.feature(t.TEXT_DOCUMENT_SEMANTIC_TOKENS_FULL, features.LEGEND)
    def semantic_tokens(ls: RubricServer, params: t.SemanticTokensParams) -> t.SemanticTokens:
        return features.semantic_tokens(ls.analysis(params.text_document.uri))

    @server.feature(t.TEXT_DOCUMENT_CODE_ACTION,
                    t.CodeActionOptions(code_action_kinds=[t.CodeActionKind.QuickFix]))
    def code_actions(ls: RubricServer, params: t.CodeActionParams) -> list[t.CodeAction]:
        return features.code_actions(ls.analysis(params.text_document.uri), params.range, ls.lang)

    return server


def serve(lang: str | None = None) -> int:
    """Run the server on stdin and stdout until the client says exit."""
    logging.basicConfig(level=logging.WARNING)  # to stderr, which editors show as the server's log
    make_server(lang).start_io()
    return 0
