"""The files the language server reads: the editor's open documents first, then the disk.

Expects the server's workspace (the open documents, by URI). Guarantees that every analysis
reads a template the way the author sees it — the unsaved text of an open document, else the
file on the disk (read again only when its size or time changes) — so an edit to an open
template counts at once; that an analysis is reused only while its own text and every file it
read are unchanged (`fresh`); and `units_of`, the rubrics that build on a file — the open
documents and the `.rubric` files of its folder, followed down chains (a unit of a unit) — for
references and rename across files. Never raises for a file that is missing or unreadable.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from urllib.parse import unquote

from pygls.uris import from_fs_path, to_fs_path

from perfdsl.language.keywords import KEYWORDS
from perfdsl.language.load import read_file
from perfdsl.lsp.analysis import Analysis, analyse

# `基于 "…"` at the start of a line: enough to find which files build on which, without
# compiling every rubric of a folder.
_EXTENDS = re.compile(
    r"^[ \t\u3000]*(?:" + "|".join(map(re.escape, KEYWORDS["EXTENDS"])) + r")[ \t\u3000]+"
    r'"((?:[^"\\\n]|\\.)*)"', re.MULTILINE)


def path_of(uri: str) -> str | None:
    """The normal, absolute path of a `file:` URI (None for an unsaved, untitled document)."""
    path = to_fs_path(uri) if uri.startswith("file:") else None
    return os.path.normpath(path) if path else None


def _same_path(path: str) -> str:
    return os.path.normcase(os.path.normpath(path))


class Documents:
    """The open documents and the disk, as the analyses read them; the analyses, cached."""

    def __init__(self, workspace: Callable[[], object], encoding: Callable[[], str]) -> None:
        self._workspace = workspace  # pygls's, made when the client initializes
        self.encoding = encoding  # the position encoding agreed with the client, once known
        self._disk: dict[str, tuple[tuple[int, int], str]] = {}  # path → (stamp, text)
        self._analyses: dict[str, Analysis] = {}  # URI (or path, for a closed file) → analysis

    @property
    def workspace(self):
        return self._workspace()

    # --- Reading ------------------------------------------------------------------------------

    def uris(self) -> list[str]:
        """The open documents' URIs, as the editor wrote them. (pygls keys its table by the
        URI unquoted: a Chinese file name is `%E6%A8%A1…` to the editor, `模板` to the key.)"""
        return [document.uri for document in list(self.workspace.text_documents.values())]

    def document(self, uri: str):
        """An open document (None when it is not open)."""
        return self.workspace.text_documents.get(unquote(uri))

    def _open(self) -> dict[str, str]:
        """The open documents' URIs, by normal path."""
        out = {}
        for uri in self.uris():
            path = path_of(uri)
            if path is not None:
                out[_same_path(path)] = uri
        return out

    def uri_of(self, path: str) -> str:
        """The URI the editor knows a file by: an open document's own, else the file's."""
        return self._open().get(_same_path(path)) or from_fs_path(path) or path

    def is_open(self, uri: str) -> bool:
        return self.document(uri) is not None

    def read(self, path: str) -> str:
        """A file's text as the author sees it: an open document's, else the disk's (UTF-8).
        Raises OSError or UnicodeDecodeError as the loader expects."""
        uri = self._open().get(_same_path(path))
        document = self.document(uri) if uri is not None else None
        if document is not None:
            return document.source
        return self._on_disk(path)

    def _on_disk(self, path: str) -> str:
        stat = os.stat(path)
        stamp = (stat.st_mtime_ns, stat.st_size)
        cached = self._disk.get(path)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        text = read_file(path)
        self._disk[path] = (stamp, text)
        return text

    def _current(self, path: str) -> str:
        try:
            return self.read(path)
        except (OSError, UnicodeDecodeError):
            return ""

    def fresh(self, analysis: Analysis) -> bool:
        """Whether every file the analysis read still reads the same."""
        return all(self._current(path) == text for path, text in analysis.reads)

    # --- Analyses -----------------------------------------------------------------------------

    def analysis(self, uri: str) -> Analysis:
        """The analysis of an open document's current text, made once per version of it and
        of every file it builds on."""
        document = self.workspace.get_text_document(uri)
        cached = self._analyses.get(uri)
        if cached is not None and cached.version == document.version \
                and cached.text == document.source and self.fresh(cached):
            return cached
        path = path_of(uri)
        analysis = analyse(uri, document.source, name=path or uri, version=document.version,
                           encoding=self.encoding(), read=self.read if path else _unsaved,
                           uri_of=self.uri_of)
        self._analyses[uri] = analysis
        return analysis

    def analysis_of_path(self, path: str) -> Analysis | None:
        """The analysis of a file, open or not (None when it cannot be read)."""
        uri = self._open().get(_same_path(path))
        if uri is not None:
            return self.analysis(uri)
        try:
            text = self._on_disk(path)
        except (OSError, UnicodeDecodeError):
            return None
        cached = self._analyses.get(path)
        if cached is not None and cached.text == text and self.fresh(cached):
            return cached
        analysis = analyse(from_fs_path(path) or path, text, name=path,
                           encoding=self.encoding(), read=self.read, uri_of=self.uri_of)
        self._analyses[path] = analysis
        return analysis

    def cached(self, uri: str) -> Analysis | None:
        return self._analyses.get(uri)

    def forget(self, uri: str) -> None:
        self._analyses.pop(uri, None)


    # --- Which files build on which ----------------------------------------------------------

    def units_of(self, path: str) -> list[str]:
        """The rubrics that build on `path`, directly or through another: among the open
        documents and the `.rubric` files of the folders involved."""
        target = _same_path(path)
        candidates = {_same_path(p): p for p in (path_of(u) for u in self._open().values()) if p}
        scanned: set[str] = set()
        folders = {os.path.dirname(path)}
        found: dict[str, str] = {}
        wanted = {target}
        while True:
            for folder in folders - scanned:
                scanned.add(folder)
                for name in _rubrics_in(folder):
                    full = os.path.join(folder, name)
                    candidates.setdefault(_same_path(full), full)
            new = {key: full for key, full in candidates.items()
                   if key not in found and key != target
                   and _builds_on(full, self._current(full)) in wanted}
            if not new:
                return list(found.values())
            found.update(new)
            wanted |= set(new)
            folders = {os.path.dirname(full) for full in new.values()}

    def analyses_of(self, paths: Iterable[str], besides: Analysis) -> list[Analysis]:
        """The analyses of these files, except the one given."""
        out = []
        for path in paths:
            if _same_path(path) == _same_path(besides.path):
                continue
            analysis = self.analysis_of_path(path)
            if analysis is not None:
                out.append(analysis)
        return out


def _rubrics_in(folder: str) -> list[str]:
    try:
        return sorted(name for name in os.listdir(folder) if name.endswith(".rubric"))
    except OSError:
        return []


def _builds_on(path: str, text: str) -> str | None:
    """The normal path of the template a rubric names with `基于 "…"`, if it names one."""
    match = _EXTENDS.search(text)
    if match is None:
        return None
    written = match.group(1).replace("\\\\", "\\").replace("\\", "/")
    return _same_path(os.path.join(os.path.dirname(path), *written.split("/")))


def _unsaved(path: str) -> str:
    """How an untitled document reads a template: it cannot, having no folder."""
    raise OSError("an unsaved document has no folder to find its template in: save it first")
