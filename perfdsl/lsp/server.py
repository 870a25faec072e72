"""`perfdsl lsp`: the language server, over stdio, on pygls.

Wiring only: each request is answered by a function of `perfdsl.lsp.features`, `.hover` or
`.complete` over a document's `Analysis`, which `perfdsl.lsp.documents` makes once per version
of the text and of every template it builds on. Diagnostics are published when a document
opens and, while the author types, once the typing pauses (`SETTLE` seconds), so a burst of
keystrokes compiles the rubric once; then every open unit that builds on the changed file is
diagnosed again, since its rubric changed too.

Each open document's analysis may put diagnostics in other files (an error in the template a
unit builds on, published to the template when it is open: `features.by_file`). The server
keeps what each document contributes to each file and publishes, for a file, its own and the
others', each once.

Messages follow, in order: `perfdsl lsp --lang`, the `lang` initialization option (`zh` or
`en`), the editor's locale, then `PERFDSL_LANG` and the environment's locale, as
`perfdsl compile` does.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os

from lsprotocol import types as t
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer

from perfdsl import __version__
from perfdsl.diagnostics import default_lang
from perfdsl.lsp import complete, features, hover as hovers
from perfdsl.lsp.analysis import Analysis
from perfdsl.lsp.documents import Documents, path_of

SETTLE = 0.2  # seconds of quiet after a change before diagnostics are published again

_REQUEST_FAILED = -32803  # the protocol's RequestFailed: a request the server refuses, with why


class RubricServer(LanguageServer):
    """The server, with the analyses of the open documents and the diagnostics each put where."""

    def __init__(self, lang: str | None = None) -> None:
        super().__init__("perfdsl", __version__,
                         text_document_sync_kind=t.TextDocumentSyncKind.Full)
        self.fixed_lang = lang  # `perfdsl lsp --lang`: wins over what the editor says
        self.lang = lang or default_lang()
        self.documents = Documents(lambda: self.workspace, self.encoding)
        # file URI → the URI of the document whose analysis says so → its diagnostics there
        self.contributions: dict[str, dict[str, list[t.Diagnostic]]] = {}
        self.targets: dict[str, set[str]] = {}  # document URI → the files it put diagnostics in
        self.watch = False  # whether the client lets us watch files on the disk

    def encoding(self) -> str:
        """The agreed position encoding as `LineIndex` names it (`utf-8`, not the enum's repr)."""
        kind = self.workspace.position_encoding
        return str(getattr(kind, "value", kind) or "utf-16")

    def analysis(self, uri: str) -> Analysis:
        analysis = self.documents.analysis(uri)
        if analysis.failure:
            self.window_log_message(t.LogMessageParams(
                type=t.MessageType.Error,
                message="perfdsl: internal error (a bug in perfdsl, please report it with the "
                        "rubric):\n" + analysis.failure))
        return analysis

    def offset(self, uri: str, position: t.Position) -> tuple[Analysis, int]:
        analysis = self.analysis(uri)
        return analysis, analysis.offset(position)

    # --- Diagnostics, by the file they are in ------------------------------------------------

    def publish(self, *uris: str) -> None:
        """Publish documents' diagnostics, and those they put in the templates they build on:
        every document's first, then each file they touch, once."""
        touched: set[str] = set()
        for uri in uris:
            touched |= self.update(uri)
        for target in [*uris, *sorted(touched - set(uris))]:
            self.send(target)

    def update(self, uri: str) -> set[str]:
        """What a document's analysis puts in each file now; the files that changed."""
        analysis = self.analysis(uri)
        found = features.by_file(analysis, self.lang, self.documents.is_open)
        previous = self.targets.get(uri, set())
        for target, diagnostics in found.items():
            self.contributions.setdefault(target, {})[uri] = diagnostics
        for target in previous - set(found):
            self.contributions.get(target, {}).pop(uri, None)
        self.targets[uri] = set(found)
        return set(found) | previous

    def send(self, target: str) -> None:
        """A file's diagnostics: its own analysis's first, then the others', each once."""
        owners = self.contributions.get(target, {})
        merged, seen = [], set()
        for owner in sorted(owners, key=lambda owner: owner != target):
            for diagnostic in owners[owner]:
                r = diagnostic.range
                key = (r.start.line, r.start.character, r.end.line, r.end.character,
                       diagnostic.code, diagnostic.message)
                if key not in seen:
                    seen.add(key)
                    merged.append(diagnostic)
        document = self.documents.document(target)
        self.text_document_publish_diagnostics(t.PublishDiagnosticsParams(
            uri=target, version=document.version if document is not None else None,
            diagnostics=merged))

    def forget(self, uri: str) -> None:
        """A document closed: nothing of its analysis stays published anywhere."""
        self.documents.forget(uri)
        for target in self.targets.pop(uri, set()):
            self.contributions.get(target, {}).pop(uri, None)
            if target != uri:
                self.send(target)
        self.contributions.pop(uri, None)
        self.text_document_publish_diagnostics(t.PublishDiagnosticsParams(uri=uri,
                                                                          diagnostics=[]))

    def units(self, uri: str) -> list[str]:
        """The other open documents that build on this file (their analyses read it)."""
        path = path_of(uri)
        if path is None:
            return []
        return [other for other in self.documents.uris()
                if other != uri and any(_same(read, path) for read, _ in self.analysis(other).reads)]

    def publish_stale(self) -> None:
        """Diagnose again every open document a file on the disk changed under."""
        stale = []
        for uri in self.documents.uris():
            cached = self.documents.cached(uri)
            if cached is None or not self.documents.fresh(cached):
                stale.append(uri)
        self.publish(*stale)

    def others(self, analysis: Analysis, offset: int) -> list[Analysis]:
        """The analyses of the units that build on the file declaring the name at `offset`."""
        home = features.home(analysis, offset)
        if home is None:
            return []
        return self.documents.analyses_of(self.documents.units_of(home), besides=analysis)


def _same(a: str, b: str) -> bool:
    return os.path.normcase(os.path.normpath(a)) == os.path.normcase(os.path.normpath(b))


def make_server(lang: str | None = None) -> RubricServer:
    """A server with every feature registered; `lang` fixes the language of its messages."""
    server = RubricServer(lang)

    @server.feature(t.INITIALIZE)
    def initialize(ls: RubricServer, params: t.InitializeParams) -> None:
        options = params.initialization_options
        asked = options.get("lang") if isinstance(options, dict) else None
        locale = (params.locale or "").lower()
        workspace = params.capabilities.workspace
        watched = workspace.did_change_watched_files if workspace is not None else None
        ls.watch = bool(watched is not None and watched.dynamic_registration)
        if ls.fixed_lang:
            return
        if asked in ("zh", "en"):
            ls.lang = asked
        elif locale:
            ls.lang = "zh" if locale.startswith("zh") else "en"

    @server.feature(t.INITIALIZED)
    async def initialized(ls: RubricServer, params: t.InitializedParams) -> None:
        if not ls.watch:
            return
        # Templates change on the disk too (a `git pull`, another editor): ask to be told.
        # A client that says it can but then cannot is no reason to stop.
        with contextlib.suppress(Exception):
            await ls.client_register_capability_async(t.RegistrationParams(registrations=[
                t.Registration(id="perfdsl-rubric-files",
                               method=t.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                               register_options=t.DidChangeWatchedFilesRegistrationOptions(
                                   watchers=[t.FileSystemWatcher(glob_pattern="**/*.rubric")]))]))

    @server.feature(t.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: RubricServer, params: t.DidOpenTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.publish(uri, *ls.units(uri))  # what the units put on their `基于` lines comes here

    @server.feature(t.TEXT_DOCUMENT_DID_CHANGE)
    async def did_change(ls: RubricServer, params: t.DidChangeTextDocumentParams) -> None:
        uri, version = params.text_document.uri, params.text_document.version
        await asyncio.sleep(SETTLE)
        document = ls.documents.document(uri)
        if document is not None and document.version == version:  # no newer change meanwhile
            ls.publish(uri, *ls.units(uri))  # the units built on it changed with it

    @server.feature(t.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: RubricServer, params: t.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        units = ls.units(uri)
        ls.forget(uri)
        ls.publish(*units)  # what they put here goes back to their `基于` lines

    @server.feature(t.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched_files(ls: RubricServer, params: t.DidChangeWatchedFilesParams) -> None:
        ls.publish_stale()

    @server.feature(t.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: RubricServer, params: t.DidSaveTextDocumentParams) -> None:
        ls.publish_stale()  # a client that does not watch files still saves them

    @server.feature(t.TEXT_DOCUMENT_HOVER)
    def hover(ls: RubricServer, params: t.HoverParams) -> t.Hover | None:
        analysis, offset = ls.offset(params.text_document.uri, params.position)
        return hovers.hover(analysis, offset, ls.lang)

    @server.feature(t.TEXT_DOCUMENT_COMPLETION,
                    t.CompletionOptions(trigger_characters=["(", "（", ":", "：", '"']))
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
        return features.references(analysis, offset, params.context.include_declaration,
                                   ls.others(analysis, offset))

    @server.feature(t.TEXT_DOCUMENT_DOCUMENT_HIGHLIGHT)
    def highlights(ls: RubricServer,
                   params: t.DocumentHighlightParams) -> list[t.DocumentHighlight]:
        analysis, offset = ls.offset(params.text_document.uri, params.position)
        return features.highlights(analysis, offset)

    @server.feature(t.TEXT_DOCUMENT_PREPARE_RENAME)
    def prepare_rename(ls: RubricServer, params: t.PrepareRenameParams):
        analysis, offset = ls.offset(params.text_document.uri, params.position)
        try:
            return features.prepare_rename(analysis, offset, ls.lang)
        except features.RenameRefused as refused:
            raise JsonRpcException(str(refused), code=_REQUEST_FAILED) from None

    @server.feature(t.TEXT_DOCUMENT_RENAME, t.RenameOptions(prepare_provider=True))
    def rename(ls: RubricServer, params: t.RenameParams) -> t.WorkspaceEdit:
        analysis, offset = ls.offset(params.text_document.uri, params.position)
        try:
            return features.rename(analysis, offset, params.new_name, ls.lang,
                                   ls.others(analysis, offset))
        except features.RenameRefused as refused:
            raise JsonRpcException(str(refused), code=_REQUEST_FAILED) from None

    @server.feature(t.TEXT_DOCUMENT_FORMATTING)
    def formatting(ls: RubricServer,
                   params: t.DocumentFormattingParams) -> list[t.TextEdit] | None:
        return features.formatting(ls.analysis(params.text_document.uri))

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
