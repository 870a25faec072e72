"""Writing a report or a graph to a file: all of it or nothing, never over an input file.

`write(path, data)` writes to a temporary file in the same folder and renames it over the
target only when every byte is on disk, so a full disk, a killed process or a read-only folder
leaves the previous report as it was and no half-written file behind. `os.replace` is atomic
on POSIX and on Windows (where it fails, rather than waits, when Excel holds the file open).
A path that names a device or a FIFO (`/dev/stdout`, `/dev/null`) is written directly: it
cannot be replaced, and must not be. A symlink is followed, so the file it points to gets the
report and the link stays.

Every failure is an `OutputError` whose message says which file and why, in the words of the
user's language; the command line turns it into exit status 2.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class OutputError(Exception):
    """A report could not be written; `message(lang)` says where and why."""

    def __init__(self, path: str, reason: str, **args: str):
        super().__init__(path, reason)
        self.path, self.reason, self.args_ = path, reason, args

    def message(self, lang: str = "en") -> str:
        en, zh = _REASONS[self.reason]
        return (zh if lang == "zh" else en).format(path=self.path, **self.args_)


_REASONS = {
    "folder": ("cannot write {path}: it is a folder; give a file name",
               "无法写入 {path}：这是一个文件夹，请给出文件名"),
    "no_folder": ("cannot write {path}: the folder {folder} does not exist",
                  "无法写入 {path}：文件夹 {folder} 不存在"),
    "input": ("will not write {path}: it is the input file {input}; choose another name",
              "不会写入 {path}：它就是输入文件 {input}，请另选文件名"),
    "read_only": ("cannot write {path}: the file system is read-only",
                  "无法写入 {path}：文件系统为只读"),
    "full": ("cannot write {path}: the disk is full; the previous file, if any, is unchanged",
             "无法写入 {path}：磁盘已满；原有文件（如有）未被改动"),
    "denied": ("cannot write {path}: permission denied (is it open in another program?)",
               "无法写入 {path}：没有权限（文件是否正被其他程序打开？）"),
    "stdout": ("cannot write the output: standard output is closed; give -o FILE",
               "无法输出：标准输出已关闭，请用 -o 指定文件"),
    "other": ("cannot write {path}: {error}", "无法写入 {path}：{error}"),
}
_ERRNO_REASONS = {getattr(errno, name): reason for name, reason in (
    ("EISDIR", "folder"), ("ENOENT", "no_folder"), ("ENOTDIR", "no_folder"),
    ("EROFS", "read_only"), ("ENOSPC", "full"), ("EDQUOT", "full"), ("EFBIG", "full"),
    ("EACCES", "denied"), ("EPERM", "denied")) if hasattr(errno, name)}


def check_target(path: str | os.PathLike[str], inputs: list[str | os.PathLike[str] | None]) -> None:
    """Refuse, before any work, an output path that cannot be a new file or names an input."""
    target = Path(path)
    for given in inputs:
        if given is not None and _same_file(target, Path(given)):
            raise OutputError(str(path), "input", input=str(given))
    real = Path(os.path.realpath(target))
    if real.is_dir():
        raise OutputError(str(path), "folder")
    if not real.parent.is_dir():
        raise OutputError(str(path), "no_folder", folder=str(target.parent))


def write(path: str | os.PathLike[str], data: bytes) -> None:
    """Write `data` to `path` atomically (see the module's docstring); raise OutputError."""
    with replacing(path) as target:
        if target.in_place:  # a device or a FIFO: written as it is, never synced or renamed
            with open(target.path, "wb") as file:
                file.write(data)
                file.flush()
            return
        fd = os.open(target.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL
                     | getattr(os, "O_BINARY", 0), 0o666)  # the umask applies, as for any file
        with os.fdopen(fd, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())  # on disk before the rename, or a crash may leave 0 bytes


class Target:
    """Where a writer inside `replacing` writes: a new file beside the target (same name after
    a random prefix, so its suffix still says its format), or the target itself (`in_place`)
    when it is a device or a FIFO."""

    def __init__(self, path: str, in_place: bool):
        self.path, self.in_place = path, in_place


@contextmanager
def replacing(path: str | os.PathLike[str]) -> Iterator[Target]:
    """A `Target` to write; when the block ends without error the new file is renamed over
    `path` (keeping its permissions), and otherwise removed, `path` left as it was. Every
    OSError, from the checks, the writer or the rename, is an OutputError."""
    shown = str(path)
    real = os.path.realpath(path)  # through a symlink: its target gets the report, the link stays
    folder = os.path.dirname(real) or "."
    try:
        info: os.stat_result | None = os.stat(real)
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise failure(shown, error) from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise OutputError(shown, "folder")
    if info is not None and not stat.S_ISREG(info.st_mode):
        try:
            yield Target(real, in_place=True)
        except OSError as error:
            raise failure(shown, error) from None
        return
    if not os.path.isdir(folder):
        raise OutputError(shown, "no_folder", folder=os.path.dirname(shown) or ".")
    temporary = os.path.join(folder, f".{os.urandom(6).hex()}.{os.path.basename(real)}")
    try:
        try:
            yield Target(temporary, in_place=False)
            if info is not None:
                os.chmod(temporary, stat.S_IMODE(info.st_mode))  # keep the report's permissions
            os.replace(temporary, real)
        except BaseException:
            _remove(temporary)
            raise
    except OSError as error:
        raise failure(shown, error) from None


def failure(shown: str, error: OSError) -> OutputError:
    """The OutputError for an OSError met while writing `shown`."""
    reason = _ERRNO_REASONS.get(error.errno or 0, "other")
    if reason == "no_folder":
        return OutputError(shown, reason, folder=os.path.dirname(shown) or ".")
    return OutputError(shown, reason, error=error.strerror or str(error))


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)  # hard links, symlinks, case-insensitive Windows paths
    except (OSError, ValueError):
        return os.path.normcase(os.path.realpath(a)) == os.path.normcase(os.path.realpath(b))


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
