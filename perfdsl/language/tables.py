"""The grammar's LALR tables, kept between runs as plain JSON: loading them runs no code.

Building Lark's LALR tables takes about 100 ms, which every `perfdsl` command would pay; a
fresh process loads them from the user's cache folder instead (about 10 ms). Lark's own cache is
a pickle, and unpickling runs code: anyone who could write the cache file would run code as the
user. So the tables are written as JSON — lists, numbers and strings, nothing that executes —
and handed to Lark's deserializer (the one its standalone generator uses).

A cache is also a file someone else may have put there, so it is read and written defensively:

- its folder comes from platformdirs (``~/.cache/perfdsl``, ``$XDG_CACHE_HOME/perfdsl``,
  ``%LOCALAPPDATA%\\perfdsl\\Cache``); no cache at all when the home folder is unknown (an
  empty or relative ``HOME``) rather than one in ``/.cache``;
- the folder must be a real folder (not a symlink) owned by the user and writable by nobody
  else, or it is not used;
- the file is opened without following a symlink and without blocking on a FIFO, and used only
  if it is a regular file of the user's, no larger than `MAX_BYTES`, holding the digest of this
  grammar and this Lark;
- it is written to a temporary file in the same folder and renamed over the old one, so two
  processes starting cold at once each leave a whole file, and a symlink planted at the path
  is replaced, never written through.

Anything wrong with the cache means building the tables again; it never stops a command.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from typing import Any

import lark

FORMAT = 1  # bump when the layout of the JSON changes
MAX_BYTES = 4 * 1024 * 1024  # the tables take about 150 KB; anything far larger is not ours


def parser(grammar: str, path: str | None, **options: Any) -> lark.Lark:
    """A Lark LALR parser for `grammar`, from the table cache at `path` when it is usable."""
    from lark.lark import _LOAD_ALLOWED_OPTIONS

    digest = digest_of(grammar, options)
    runtime = {k: v for k, v in options.items() if k in _LOAD_ALLOWED_OPTIONS}
    if path:
        document = read(path, digest)
        if document is not None:
            try:
                return lark.Lark._load_from_dict(document["data"], document["memo"], **runtime)
            except Exception:  # a damaged or foreign table: build anew, and replace it
                pass
    built = lark.Lark(grammar, **options)
    if path:
        write(path, digest, built)
    return built


def cache_file(grammar: str, **options: Any) -> str | None:
    """Where this grammar's tables are cached, or None when there is no safe place."""
    folder = cache_folder()
    if folder is None:
        return None
    return os.path.join(folder, f"grammar-{digest_of(grammar, options)[:16]}.json")


def cache_folder() -> str | None:
    """The user's perfdsl cache folder, created if need be, or None if it is unsafe to use."""
    if os.name == "posix" and not os.path.isabs(os.environ.get("XDG_CACHE_HOME", "")) \
            and "HOME" in os.environ and not os.path.isabs(os.environ["HOME"]):
        return None  # `HOME=""` would put the cache in /.cache, shared by every such process
    try:
        import platformdirs

        folder = platformdirs.user_cache_dir("perfdsl", appauthor=False)
    except Exception:  # no home folder can be determined at all
        return None
    if not os.path.isabs(folder):
        return None
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        info = os.lstat(folder)
    except (OSError, ValueError):
        return None
    if not stat.S_ISDIR(info.st_mode):  # a symlink or a file where the folder should be
        return None
    if os.name == "posix" and (info.st_uid != os.geteuid() or info.st_mode & 0o022):
        return None  # someone else could put files there
    return folder


def digest_of(grammar: str, options: dict[str, Any]) -> str:
    """What the tables depend on: the grammar, the options that shape them, Lark's version."""
    shaping = sorted((k, repr(v)) for k, v in options.items() if k != "lexer_callbacks")
    key = json.dumps([FORMAT, lark.__version__, grammar, shaping], ensure_ascii=False)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


# --- Reading and writing, defensively ----------------------------------------------------------

_READ_FLAGS = (os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
               | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))
_WRITE_FLAGS = (os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
                | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))


def read(path: str, digest: str) -> dict[str, Any] | None:
    """The cached tables for `digest`, or None if the file is absent, foreign or damaged."""
    if not hasattr(os, "O_NOFOLLOW") and os.path.islink(path):
        return None  # Windows: no O_NOFOLLOW, so look first
    try:
        fd = os.open(path, _READ_FLAGS)
    except (OSError, ValueError):
        return None
    with os.fdopen(fd, "rb") as file:
        info = os.fstat(fd)
        # A FIFO would block and /dev/zero never end: only a regular file of ours is read.
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_BYTES:
            return None
        if os.name == "posix" and info.st_uid != os.geteuid():
            return None
        raw = file.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        return None
    try:
        document = json.loads(raw.decode("utf-8"), object_hook=_decode)
    except (ValueError, RecursionError, TypeError, IndexError, KeyError):
        return None
    if not isinstance(document, dict) or document.get("digest") != digest \
            or not isinstance(document.get("data"), dict) or not isinstance(document.get("memo"), dict):
        return None
    return document


def write(path: str, digest: str, built: lark.Lark) -> None:
    """Save `built`'s tables at `path`: a temporary file in the same folder, then a rename."""
    from lark.grammar import Rule
    from lark.lark import _LOAD_ALLOWED_OPTIONS
    from lark.lexer import TerminalDef

    try:
        data, memo = built.memo_serialize([TerminalDef, Rule])
        data["options"] = {k: v for k, v in data["options"].items()
                           if k not in _LOAD_ALLOWED_OPTIONS and k != "cache"}
        document = {"digest": digest, "data": data, "memo": memo}
        text = json.dumps(_encode_document(document), ensure_ascii=False, separators=(",", ":"))
        # Only what reads back exactly is worth keeping (a Lark upgrade may serialize new types).
        if json.loads(text, object_hook=_decode) != document:
            return
    except (TypeError, ValueError, KeyError, RecursionError):
        return
    folder, name = os.path.split(path)
    temporary = os.path.join(folder, f".{name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    try:
        fd = os.open(temporary, _WRITE_FLAGS, 0o600)
        with os.fdopen(fd, "wb") as file:
            file.write(text.encode("utf-8"))
        os.replace(temporary, path)
    except OSError:  # a read-only or full disk, a folder in the way: run without a cache
        try:
            os.unlink(temporary)
        except OSError:
            pass


# --- The JSON form -----------------------------------------------------------------------------
# Lark's serialized tables are dicts, lists, tuples, strings, numbers, booleans and None; JSON
# lacks tuples and integer keys, which are tagged. The parse table (a dict per state of
# token → (action, argument)) is most of the file and is written as flat rows of integers,
# which load about three times faster than tagged dicts.

_TUPLE, _PAIRS, _STATES = "(", "#", "="


def _encode(value: Any) -> Any:
    if isinstance(value, tuple):
        return {_TUPLE: [_encode(v) for v in value]}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        if all(isinstance(k, str) for k in value):
            return {k: _encode(v) for k, v in value.items()}
        return {_PAIRS: [[_encode(k), _encode(v)] for k, v in value.items()]}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"cannot store {type(value).__name__} in the table cache")


def _encode_document(document: dict[str, Any]) -> Any:
    table = document["data"].get("parser", {}).get("parser")
    states = table.get("states") if isinstance(table, dict) else None
    rows = _state_rows(states) if isinstance(states, dict) else None
    if rows is None:
        return _encode(document)
    table["states"] = None
    try:
        encoded = _encode(document)
    finally:
        table["states"] = states
    encoded["data"]["parser"]["parser"]["states"] = {_STATES: rows}
    return encoded


def _state_rows(states: dict[Any, Any]) -> list[list[int]] | None:
    rows = []
    for state, actions in states.items():
        row = [state]
        for token, (action, argument) in actions.items():
            if action == 1 and isinstance(argument, dict) and list(argument) == ["@"]:
                argument = argument["@"]
            elif action != 0:
                return None
            row += [token, action, argument]
        if not all(type(n) is int for n in row):
            return None
        rows.append(row)
    return rows


def _decode(obj: dict[str, Any]) -> Any:
    if len(obj) == 1:
        if _TUPLE in obj:
            return tuple(obj[_TUPLE])
        if _PAIRS in obj:
            return {tuple(k) if isinstance(k, list) else k: v for k, v in obj[_PAIRS]}
        if _STATES in obj:
            return {row[0]: {row[i]: (0, row[i + 2]) if row[i + 1] == 0 else (1, {"@": row[i + 2]})
                             for i in range(1, len(row), 3)}
                    for row in obj[_STATES]}
    return obj
