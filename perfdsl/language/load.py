"""Pass 1a — load: a rubric's text and the templates it builds on → one parsed tree per file.

Expects the text of a rubric, the name it goes by (its path, as the user gave it) and how to read
another file: `read(path)` returns a file's text, or raises `OSError` / `UnicodeDecodeError`. An
editor passes its own `read`, so unsaved buffers count; the default reads the disk as UTF-8.

Guarantees a `Loaded`: the files of the chain, the template the rubric builds on first (and the
one *it* builds on before it), the rubric itself last, each with its own `Source` — so every
diagnostic points into the file where its cause is — and parsed by `perfdsl.language.parse`.
`基于 "模板.rubric"` / `extends "…"` names a path relative to the folder of the file that writes
it, which may not lead outside the root: the folder of the rubric itself, unless the caller
declares a wider one. A missing or unreadable template (E801), a path outside the root (E802),
a chain that comes back to a file already in it (E803) and a second `基于` in one file (E006)
are diagnostics; nothing here raises for bad input.

What the files *mean* together — the template with the unit's changes — is
`perfdsl.checks.compose`'s.
"""

from __future__ import annotations

import os
from collections.abc import Callable

import attrs

from perfdsl.diagnostics import Diagnostic
from perfdsl.language import syntax as s
from perfdsl.language.parse import parse
from perfdsl.language.source import Source

Reader = Callable[[str], str]

MAX_CHAIN = 8  # templates of templates: a real chain is two or three long; each file nests
#                 blocks up to the language's limit, so a longer chain could nest past what the passes
#                 that follow the tree by recursion take


@attrs.frozen(eq=False)
class File:
    """One file of the chain: `path` is absolute and normal, `source.name` how messages call it."""

    path: str
    source: Source
    tree: s.Rubric | None
    extends: s.Extends | None  # the statement naming the next file down the chain


@attrs.frozen(eq=False)
class Loaded:
    files: tuple[File, ...]  # the base template first, the rubric itself last
    diagnostics: tuple[Diagnostic, ...]

    @property
    def sources(self) -> dict[str, Source]:
        """Each file's source, by absolute path."""
        return {f.path: f.source for f in self.files}

    @property
    def complete(self) -> bool:
        """Every file was read and parsed into a tree."""
        return all(f.tree is not None for f in self.files)


def read_file(path: str) -> str:
    """The default reader: the file as UTF-8 text (a byte-order mark is dropped)."""
    with open(path, encoding="utf-8-sig") as handle:
        return handle.read()


_REASONS_ZH = {FileNotFoundError: "文件不存在", PermissionError: "没有读取权限",
               IsADirectoryError: "这是一个文件夹", UnicodeDecodeError: "不是 `UTF-8` 文本"}


def _nowhere(path: str) -> str:
    raise OSError("a rubric given as text, with no path, builds on no file")


def absolute(name: str, base: str | None = None) -> str:
    """A file name as an absolute, normal path: relative to `base` (default: the current
    folder), where names like `<string>` stay too."""
    return os.path.normpath(os.path.join(base or os.getcwd(), name))


def load(source: Source, *, read: Reader | None = None, root: str | None = None,
         base: str | None = None) -> Loaded:
    """Read `source` and every template it builds on. `source.name` is the rubric's path,
    relative to `base` (default: the current folder); `root` is the folder no template may be
    outside (default: the rubric's own folder)."""
    if read is None:
        # Text with no path (`<string>`) has no folder of its own: it reads no file unless the
        # caller says how (a `read`) or where from (a `base` or a `root`).
        named = not (source.name.startswith("<") and base is None and root is None)
        read = read_file if named else _nowhere
    path = absolute(source.name, base)
    shown_root = ("this rubric's folder", "本评价体系所在的文件夹") if root is None \
        else (f"`{root}`", f"`{root}`")
    root = absolute(root, base) if root is not None else os.path.dirname(path)
    diagnostics: list[Diagnostic] = []
    chain: list[File] = []
    current: tuple[str, Source] | None = (path, source)
    while current is not None:
        path, source = current
        tree, found = parse(source)
        diagnostics += found
        extends = _extends_of(tree, diagnostics)
        chain.append(File(path=path, source=source, tree=tree, extends=extends))
        current = None
        if extends is None or tree is None:
            break
        target = _target(path, extends.path)
        display = _display(source.name, extends.path)
        if not _inside(target, root):
            diagnostics.append(Diagnostic("E802", extends.path_span, {
                "path": extends.path, "root": shown_root[0], "root_zh": shown_root[1]}))
        elif target in (f.path for f in chain):
            names = [f"`{f.source.name}`" for f in chain] + [f"`{display}`"]
            diagnostics.append(Diagnostic("E803", extends.path_span, {
                "path": extends.path, "chain": " → ".join(names),
                "chain_zh": " → ".join(names)}))
        elif len(chain) >= MAX_CHAIN:
            diagnostics.append(Diagnostic("E803", extends.path_span, {
                "path": extends.path, "chain": f"more than {MAX_CHAIN} files",
                "chain_zh": f"超过 {MAX_CHAIN} 个文件"}))
        else:
            try:
                text = read(target)
            except (OSError, UnicodeDecodeError) as error:
                reason = getattr(error, "strerror", None) or str(error)
                diagnostics.append(Diagnostic("E801", extends.path_span, {
                    "path": extends.path, "reason": reason,
                    "reason_zh": _REASONS_ZH.get(type(error), "无法读取")}))
            else:
                current = (target, Source(display, text))
    return Loaded(files=tuple(reversed(chain)), diagnostics=tuple(diagnostics))


def _extends_of(tree: s.Rubric | None, diagnostics: list[Diagnostic]) -> s.Extends | None:
    if tree is None:
        return None
    found = [st for st in tree.statements if isinstance(st, s.Extends)]
    for extra in found[1:]:
        diagnostics.append(Diagnostic("E006", extra.span, {"what": "extends", "what_zh": "基于"}))
    return found[0] if found else None


def _target(including: str, written: str) -> str:
    """The absolute path `written` names, relative to the folder of the file that wrote it.
    Either slash separates folders, so a rubric written on Windows reads the same on Linux."""
    relative = written.replace("\\", "/")
    return os.path.normpath(os.path.join(os.path.dirname(including), *relative.split("/")))


def _display(including_name: str, written: str) -> str:
    """How messages name the template: beside the including file as the user named that one."""
    relative = written.replace("\\", "/")
    return os.path.normpath(os.path.join(os.path.dirname(including_name), *relative.split("/")))


def _inside(path: str, root: str) -> bool:
    """Whether `path` is `root` or under it, after following symbolic links on the disk."""
    real, base = os.path.realpath(path), os.path.realpath(root)
    try:
        return os.path.commonpath([real, base]) == base
    except ValueError:  # another drive on Windows
        return False
