"""The rubric folder: which rubrics the pages may show, each compiled once per version of its file.

Expects the folder `perfdsl serve --rubrics DIR` names. Guarantees that no page reads a file
outside it: a name from a URL is only ever looked up in `RubricFolder.entries()`, never joined
to a path, and an entry is a `.rubric` file directly in the folder whose real path — after
following symlinks — is inside the folder too. So `..`, an absolute path, an encoded slash or a
symlink that leads out of the folder all find nothing. Files are read as UTF-8 (a BOM is
allowed); a file too big or not UTF-8 gets an E007 diagnostic, like `perfdsl compile`.

A rubric is compiled when a page first needs it and again only when its file changes (size or
modification time), so editing a rubric and reloading the page shows the change.
"""

from __future__ import annotations

import functools
import threading
from pathlib import Path

import attrs

from perfdsl.diagnostics import Diagnostic
from perfdsl.serve import check

SUFFIX = ".rubric"
MAX_RUBRIC_BYTES = 4 * 1024 * 1024  # a 5,000-indicator rubric is about 1 MB


@attrs.frozen
class Entry:
    """A rubric file of the folder: `name` is its file name, the only name URLs use."""

    name: str
    path: Path


class Loaded:
    """A rubric as read and compiled: `compiled` is None when it has errors."""

    def __init__(self, entry: Entry, text: str, checked: check.Checked):
        self.entry = entry
        self.text = text
        self.checked = checked

    @property
    def name(self) -> str:
        return self.entry.name

    @property
    def compiled(self):
        return self.checked.compiled

    @functools.cached_property
    def form(self):
        """The fill-in form of a rubric that compiled (built once per version of the file)."""
        from perfdsl.serve.form import Layout

        return Layout.of(self.compiled)


class RubricFolder:
    def __init__(self, root: str | Path):
        self.given = Path(root)
        self.root = Path(root).resolve()
        self._cache: dict[str, tuple[tuple[int, int], Loaded]] = {}
        self._lock = threading.Lock()

    def exists(self) -> bool:
        return self.root.is_dir()

    def entries(self) -> list[Entry]:
        """The `.rubric` files directly in the folder, by name; none that leads outside it."""
        try:
            children = list(self.root.iterdir())
        except OSError:
            return []
        out = []
        for child in children:
            if not child.name.endswith(SUFFIX) or child.name.startswith("."):
                continue
            try:
                real = child.resolve(strict=True)
            except (OSError, RuntimeError):  # a dangling symlink, or a loop of them
                continue
            if real.is_relative_to(self.root) and real.is_file():
                out.append(Entry(child.name, real))
        return sorted(out, key=lambda e: e.name)

    def find(self, name: str) -> Entry | None:
        """The entry called `name` exactly, or None: the only way a URL reaches a file."""
        return next((entry for entry in self.entries() if entry.name == name), None)

    def load(self, entry: Entry) -> Loaded:
        try:
            stat = entry.path.stat()
            version = (stat.st_mtime_ns, stat.st_size)
        except OSError:
            version = (0, -1)
        with self._lock:
            cached = self._cache.get(entry.name)
        if cached is not None and cached[0] == version:
            return cached[1]
        text, problem = read(entry.path)
        if problem is not None:
            loaded = Loaded(entry, "", check.Checked.unreadable(problem))
        else:
            loaded = Loaded(entry, text, check.check_text(text, entry.name, self.root))
        with self._lock:
            self._cache[entry.name] = (version, loaded)
        return loaded


def read(path: Path) -> tuple[str, Diagnostic | None]:
    """A rubric file's text, or the E007 diagnostic saying why it cannot be read."""
    try:
        with path.open("rb") as file:
            data = file.read(MAX_RUBRIC_BYTES + 1)
    except OSError as error:
        return "", Diagnostic("E007", None, {"reason": f"{path.name}: {error.strerror or error}"})
    if len(data) > MAX_RUBRIC_BYTES:
        return "", Diagnostic("E007", None, {
            "reason": f"{path.name}: larger than {MAX_RUBRIC_BYTES // (1024 * 1024)} MB"})
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        return "", Diagnostic("E007", None, {"reason": f"{path.name}: not UTF-8 text ({error.reason} "
                                                       f"at byte {error.start})"})
