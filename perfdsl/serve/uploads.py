"""Files a request carries: a data file for the form, a table of units for the batch page.

Expects the bytes of an uploaded file and the name the browser gave it. Guarantees:
- only the file's own name is kept (a browser may send a whole Windows path), and it is never
  used as a path: a file that must be on disk to be read (a workbook, a table for DuckDB) is
  written under a fixed name into a fresh temporary folder, which is removed, with everything
  in it, before the response is sent (`on_disk`). Nothing is kept between requests;
- a workbook is refused before any reader opens it when its parts would unpack to more than a
  stated size (`workbook_refusal`): an .xlsx is a zip archive, and 1 MB of it can unpack to
  gigabytes. Python's zipfile never inflates a part beyond the size its directory declares,
  so the declared sizes bound what openpyxl can be made to read;
- every message about the file names it as the user knows it, never by the temporary path
  (`renamed`);
- a YAML/JSON data file that is not UTF-8 is D013 at the first byte that is not, as for
  `perfdsl score`.

A page that shows what an upload gave, and offers downloads made from it, carries the file's
bytes back in the page (`carry`) rather than keeping them: the download posts them again and
they are read again, through the same limits, as if uploaded anew.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import tempfile
from collections.abc import Iterator
from pathlib import Path, PurePath
from typing import Any

import attrs

from perfdsl.data import figures as data
from perfdsl.data import workbook
from perfdsl.diagnostics import DataError, Diagnostic
from perfdsl.untrusted import decode

MAX_WORKBOOK_PARTS = workbook.MAX_PARTS


@attrs.frozen
class Upload:
    """A file as a request carried it: its own name (no folder) and its bytes."""

    name: str
    content: bytes

    @property
    def suffix(self) -> str:
        return PurePath(self.name).suffix.lower()

    @property
    def stem(self) -> str:
        return PurePath(self.name).stem


def own_name(filename: str) -> str:
    """The file's own name, without any folder a browser sent with it (`C:\\x\\a.yaml`)."""
    return PurePath(filename.replace("\\", "/")).name


def carry(upload: Upload) -> str:
    """The bytes as text a page can hold in a hidden field and post back."""
    return base64.b64encode(upload.content).decode("ascii")


def carried(text: str) -> bytes | None:
    """The bytes `carry` wrote, or None for text that is not what it wrote. (The request's
    size limit bounds the text; the upload's limit is checked on the bytes, as for a file.)"""
    try:
        return base64.b64decode(text.strip().encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError, ValueError):
        return None


def workbook_refusal(content: bytes, max_unpacked: int) -> str | None:
    """Why a workbook is not read (`perfdsl.data.workbook.refusal`), or None."""
    from perfdsl.data.workbook import refusal

    return refusal(content, max_unpacked)


@contextlib.contextmanager
def on_disk(upload: Upload) -> Iterator[Path]:
    """The upload written into a fresh temporary folder, removed (with whatever was written
    beside it) when the block ends. The file has the upload's own name when that is a plain
    name on every system (readers quote it), else `upload` and its suffix."""
    name = upload.name if _plain_name(upload.name) else f"upload{upload.suffix}"
    with tempfile.TemporaryDirectory(prefix="perfdsl-serve-", ignore_cleanup_errors=True) as folder:
        path = Path(folder) / name
        path.write_bytes(upload.content)
        yield path


def _plain_name(name: str) -> bool:
    """A name that means only itself to every reader and system: letters and digits of any
    script, spaces and `-_.()（）` — no glob pattern for DuckDB, no quote, no device name of
    Windows (CON, NUL.csv…), no hidden file, not too long."""
    stem = name.split(".")[0].upper()
    return (0 < len(name.encode("utf-8")) <= 120 and not name.startswith(".")
            and name.strip(" .") == name and stem not in _DEVICES
            and all(ch.isalnum() or ch in " -_.()（）" for ch in name))


_DEVICES = {"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(10)),
            *(f"LPT{n}" for n in range(10))}


def renamed(diagnostics: tuple[Diagnostic, ...] | list[Diagnostic], path: Path,
            name: str) -> list[Diagnostic]:
    """The diagnostics with the temporary path in any of their texts replaced by `name`."""
    return [attrs.evolve(d, args={k: rename(v, path, name) for k, v in d.args.items()})
            for d in diagnostics]


def rename(value: Any, path: Path, name: str) -> Any:
    """`value` with the temporary `path` (and its folder) replaced by the file's own name."""
    if not isinstance(value, str):
        return value
    value = value.replace(str(path), name).replace(str(path.parent), "")
    return value if path.name == name else value.replace(path.name, name)


# --- Data files for the form ---------------------------------------------------------------------

def read_text_data(upload: Upload, max_unpacked: int) -> data.DataFile:
    """A YAML or JSON data file, as `perfdsl score` reads one."""
    return data.loads(decode(upload.content, upload.name, "D013"), upload.name)


def read_workbook_data(upload: Upload, max_unpacked: int) -> data.DataFile:
    """The `perfdsl template` workbook or a scored `--format xlsx` form, as `perfdsl score`
    reads them (perfdsl.data.workbook); raises `Refused` for a workbook not to be opened."""
    refusal = workbook_refusal(upload.content, max_unpacked)
    if refusal is not None:
        raise Refused(refusal)
    with on_disk(upload) as path:
        try:
            return workbook.load(path)
        except DataError as error:
            raise DataError(renamed(error.diagnostics, path, upload.name)) from None


class Refused(Exception):
    """A file the page will not read, and why (a key of the page's words: `zip`, `parts`,
    `unpacked`)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason
