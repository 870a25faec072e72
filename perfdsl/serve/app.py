"""The pages of `perfdsl serve`: Starlette routes rendering the Jinja templates in
perfdsl/serve/templates.

    GET  /                               the rubrics of the folder, each with its status
    GET  /fill/{name}                    the rubric's form, empty (defaults apply)
    POST /fill/{name}                    the form scored: the page again with every score
                                         (the page's script posts here as figures are typed and
                                         swaps in the parts marked data-live)
    POST /fill/{name}/upload             the form filled from an uploaded data file (YAML, JSON or
                                         a workbook); with the audit of what it claims, if it does
    POST /fill/{name}/download/{format}  the filled form as xlsx, html or json; the figures as yaml
    POST /fill/{name}/audit/{format}     the audit of an uploaded file as markdown, html, xlsx or
                                         json, as `perfdsl audit --format` writes it
    GET  /batch/{name}                   a table of units to upload
    POST /batch/{name}                   the table scored: counts, the first rows, their problems
    POST /batch/{name}/download/{format} the scored table as csv, xlsx, parquet or jsonl, as
                                         `perfdsl score RUBRIC UNITS -o OUT` writes it
    GET  /check[?rubric=NAME]            a rubric's text to check (a folder rubric, or empty)
    POST /check                          the text's diagnostics and outline
    GET  /static/{asset}                 the page's stylesheet and script

`{name}` is looked up in the folder's listing (perfdsl.serve.folder), never joined to a path.
GET only reads; a POST computes a page or a file from what it carries and keeps nothing, so no
request changes anything on the server. Every text from a rubric or a data file reaches the
page through Jinja's autoescaping (templates run in Jinja's sandbox, as every template in
perfdsl does). A bug shows a plain page and is logged with its traceback, never shown.

An uploaded file is read in memory, or in a temporary folder removed before the response is
sent (perfdsl.serve.uploads); a page that offers downloads made from an upload (the audit, the
scored table) carries the file's bytes in a hidden field, and the download posts them back to
be read again through the same limits. So the server keeps nothing, and a download works
without a script.
"""

from __future__ import annotations

import hashlib
import importlib.util
import logging
from collections.abc import Callable
from importlib import resources
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import quote, urlencode

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from perfdsl.data import claims as claims_pass
from perfdsl.data import figures as data
from perfdsl.diagnostics import DataError, PerfdslError
from perfdsl.outputs import report
from perfdsl.serve import batch, check, texts, uploads
from perfdsl.serve.folder import Loaded, RubricFolder
from perfdsl.serve.form import UNIT_NAME, Entered, Scored, figures_yaml
from perfdsl.serve.guard import LOOPBACK_HOSTS, Guard
from perfdsl.serve.uploads import Refused, Upload

log = logging.getLogger("perfdsl.serve")

MAX_BODY_BYTES = 4 * 1024 * 1024  # any request: a pasted rubric of 1 M characters fits
MAX_UPLOAD_BYTES = 1024 * 1024  # an uploaded data file (the seed's is 2 KB) or table of units
MAX_WORKBOOK_UNPACKED = 4 * 1024 * 1024  # a one-unit workbook, unpacked (the seed's is 50 KB)
MAX_TABLE_UNPACKED = 32 * 1024 * 1024  # a workbook of units, unpacked (1 MB of it is ~15 MB)
MAX_RUBRIC_CHARS = 1_000_000  # text pasted into the check page
MAX_FORM_FIELDS = 5000  # boxes of a submitted form: a rubric's inputs and facts, and a few more


def _size(n: int) -> str:
    return f"{n // (1024 * 1024)} MB"


# --- Reading uploaded data files -----------------------------------------------------------------

# A file's suffix → (its kind, as the page names it; how it is read), as `perfdsl score` reads
# data files: YAML and JSON as text, a workbook (`perfdsl template`'s, or a scored form) with
# perfdsl.data.workbook.
READERS: dict[str, tuple[str, Callable[[Upload, int], data.DataFile]]] = {
    ".yaml": ("YAML", uploads.read_text_data),
    ".yml": ("YAML", uploads.read_text_data),
    ".json": ("JSON", uploads.read_text_data),
    ".xlsx": ("Excel", uploads.read_workbook_data),
}
_DATA_SUFFIXES = {suffix: kind for suffix, (kind, _) in READERS.items()}
_UPLOAD_KINDS = " / ".join(dict.fromkeys(_DATA_SUFFIXES.values()))
_TABLE_KINDS = " / ".join(batch.TABLE_KINDS.values())
_FILE_CODES = frozenset({"D001", "D010"})  # problems of the file itself, not of a box


def _has_claims(file: data.DataFile) -> bool:
    """Whether the file records what a filed form claims (a `填报` section), so it is audited."""
    return any(key in file.sections for key in claims_pass.CLAIMS_KEYS)


# --- Downloads ---------------------------------------------------------------------------------

def _report(renderer):
    return lambda layout, entered, result, lang: renderer(result, lang)


DOWNLOADS: dict[str, tuple[Callable, str]] = {  # format → (what makes it, its media type)
    "xlsx": (_report(report.render_xlsx),
             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "html": (_report(report.render_html), "text/html; charset=utf-8"),
    "json": (_report(report.render_json), "application/json; charset=utf-8"),
    "yaml": (lambda layout, entered, result, lang: figures_yaml(layout, entered),
             "application/yaml; charset=utf-8"),
}


# The audit's formats, as `perfdsl audit --format` names them → (suffix, media type).
AUDIT_DOWNLOADS: dict[str, tuple[str, str]] = {
    "markdown": (".md", "text/markdown; charset=utf-8"),
    "html": (".html", "text/html; charset=utf-8"),
    "xlsx": (".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "json": (".json", "application/json; charset=utf-8"),
}


def _file(content: bytes | str, media: str, filename: str) -> Response:
    return Response(content, media_type=media, headers={
        "content-disposition": _attachment(filename), "cache-control": "no-store"})


def _attachment(filename: str) -> str:
    """A Content-Disposition for a file name in any script (RFC 6266 with an ASCII fallback)."""
    fallback = "".join(ch if ch.isascii() and (ch.isalnum() or ch in "-_.") else "_"
                       for ch in filename)
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def _file_stem(text: str) -> str:
    """Text fit for a downloaded file's name on Windows and Linux."""
    kept = "".join("_" if ch in '<>:"/\\|?*' or ord(ch) < 32 else ch for ch in text).strip(" .")
    return kept[:80] or "perfdsl"


# --- The site ------------------------------------------------------------------------------------

class Site:
    """The routes' shared state: the rubric folder, the templates, the default language."""

    def __init__(self, folder: RubricFolder, lang: str):
        self.folder = folder
        self.lang = texts.pick(lang)
        self.env = ImmutableSandboxedEnvironment(
            loader=jinja2.PackageLoader("perfdsl.serve", "templates"),
            autoescape=True, trim_blocks=True, lstrip_blocks=True,
            undefined=jinja2.StrictUndefined)
        self.assets = {}
        for name, media in (("app.css", "text/css; charset=utf-8"),
                            ("app.js", "text/javascript; charset=utf-8")):
            content = resources.files("perfdsl.serve").joinpath("static", name).read_bytes()
            self.assets[name] = (content, media, hashlib.sha256(content).hexdigest()[:12])
        self.env.globals.update(href=href, static=self.static, excel=_have_openpyxl())
        self.env.filters["show"] = check.show

    def static(self, name: str) -> str:
        return f"/static/{name}?v={self.assets[name][2]}"

    def render(self, template: str, lang: str, **context: Any) -> str:
        return self.env.get_template(template).render(lang=lang, t=texts.words(lang), **context)

    def page(self, template: str, lang: str, status: int = 200, **context: Any) -> HTMLResponse:
        return HTMLResponse(self.render(template, lang, **context), status_code=status,
                            headers={"cache-control": "no-store"})

    def error(self, lang: str, status: int, message: str) -> HTMLResponse:
        return self.page("error.html.j2", lang, status=status, message=message)

    # --- Home ------------------------------------------------------------------------------

    async def home(self, request: Request) -> Response:
        lang = texts.pick(request.query_params.get("lang"), self.lang)
        return await run_in_threadpool(self._home, lang)

    def _home(self, lang: str) -> Response:
        rubrics = [self.folder.load(entry) for entry in self.folder.entries()]
        return self.page("home.html.j2", lang, rubrics=rubrics, folder=str(self.folder.given),
                         folder_exists=self.folder.exists())

    # --- Fill and score -------------------------------------------------------------------

    def _loaded(self, name: str) -> Loaded | None:
        entry = self.folder.find(name)
        return None if entry is None else self.folder.load(entry)

    async def fill(self, request: Request) -> Response:
        name = request.path_params["name"]
        if request.method == "GET":
            lang = texts.pick(request.query_params.get("lang"), self.lang)
            return await run_in_threadpool(self._fill, name, lang, None)
        form = await request.form(max_files=0, max_fields=MAX_FORM_FIELDS)
        lang = texts.pick(form.get("switch_lang") or form.get("lang"), self.lang)
        return await run_in_threadpool(self._fill, name, lang, form)

    def _fill(self, name: str, lang: str, form) -> Response:
        loaded = self._loaded(name)
        if loaded is None:
            return self.error(lang, 404, texts.words(lang)["error_no_rubric"].format(name=name))
        if loaded.compiled is None:
            return self.page("broken.html.j2", lang, status=409, loaded=loaded)
        layout = loaded.form
        entered = Entered() if form is None else Entered.from_form(layout, form)
        return self._scored_page(loaded, entered, lang)

    def _scored_page(self, loaded: Loaded, entered: Entered, lang: str, **upload: Any) -> Response:
        layout = loaded.form
        result = loaded.compiled.evaluate(entered.figures(layout))
        scored = Scored.of(layout, result, lang)
        upload.setdefault("upload_message", "")
        upload.setdefault("upload_failed", False)
        upload.setdefault("upload_notices", ())
        upload.setdefault("audit", None)
        upload.setdefault("audit_file", "")
        upload.setdefault("audit_carried", "")
        return self.page("fill.html.j2", lang, loaded=loaded, layout=layout, entered=entered,
                         scored=scored, kinds=_UPLOAD_KINDS, accept=",".join(READERS),
                         audit_formats=AUDIT_DOWNLOADS, **upload)

    async def _received(self, request: Request) -> tuple[Any, Upload | None]:
        """The posted form and the file it carries: uploaded (`file`) or carried back by a page
        (`carried`, with its `filename`), at most one byte past the limit; None for neither."""
        form = await request.form(max_files=1, max_fields=20, max_part_size=MAX_BODY_BYTES)
        file = form.get("file")
        if isinstance(file, UploadFile) and file.filename:
            content = await file.read(MAX_UPLOAD_BYTES + 1)
            return form, Upload(uploads.own_name(file.filename), content)
        text, name = form.get("carried"), form.get("filename")
        if isinstance(text, str) and text and isinstance(name, str) and name:
            content = uploads.carried(text)
            if content is None:
                raise HTTPException(400)
            return form, Upload(uploads.own_name(name), content)
        return form, None

    @staticmethod
    def _refusal(lang: str, upload: Upload | None, kinds: dict[str, str]) -> str | None:
        """Why an upload is not read before any reader sees it (`kinds`: the suffixes the page
        takes → their names), in the page's words; None when it may be read."""
        t = texts.words(lang)
        shown = " / ".join(dict.fromkeys(kinds.values()))
        if upload is None:
            return t["upload_none"]
        if upload.suffix not in kinds:
            return t["upload_kind"].format(kinds=shown, name=upload.name)
        if len(upload.content) > MAX_UPLOAD_BYTES:
            return t["upload_too_big"].format(size=_size(MAX_UPLOAD_BYTES))
        return None

    @staticmethod
    def _refused(lang: str, refused: Refused, limit: int) -> str:
        return texts.words(lang)["refused_" + refused.reason].format(size=_size(limit))

    async def upload(self, request: Request) -> Response:
        name = request.path_params["name"]
        form, upload = await self._received(request)
        lang = texts.pick(form.get("lang"), self.lang)
        return await run_in_threadpool(self._uploaded, name, lang, upload)

    def _uploaded(self, name: str, lang: str, upload: Upload | None) -> Response:
        loaded = self._loaded(name)
        if loaded is None:
            return self.error(lang, 404, texts.words(lang)["error_no_rubric"].format(name=name))
        if loaded.compiled is None:
            return self.page("broken.html.j2", lang, status=409, loaded=loaded)
        t = texts.words(lang)
        refused = self._refusal(lang, upload, _DATA_SUFFIXES)
        if refused is not None:
            return self._scored_page(loaded, Entered(), lang, upload_message=refused,
                                     upload_failed=True)
        _, reader = READERS[upload.suffix]
        try:
            file = reader(upload, MAX_WORKBOOK_UNPACKED)
        except Refused as refusal:
            return self._scored_page(loaded, Entered(), lang, upload_failed=True,
                                     upload_message=self._refused(lang, refusal,
                                                                  MAX_WORKBOOK_UNPACKED))
        except DataError as error:
            return self._scored_page(loaded, Entered(), lang, upload_failed=True,
                                     upload_notices=[check.show(d, lang) for d in error.diagnostics])
        _, problems = data.check(loaded.compiled.model, file)
        notices = [check.show(d, lang) for d in problems if d.code in _FILE_CODES]
        found = None
        if _has_claims(file):
            try:
                found = self._audit(loaded, file, lang)
            except PerfdslError as error:  # the claims cannot be used at all: say why
                notices += [check.show(d, lang) for d in error.diagnostics]
        return self._scored_page(loaded, Entered.from_data_file(loaded.form, file), lang,
                                 upload_message=t["upload_done"].format(name=upload.name),
                                 upload_notices=notices, audit=found,
                                 audit_file=upload.name if found else "",
                                 audit_carried=uploads.carry(upload) if found else "")

    @staticmethod
    def _audit(loaded: Loaded, file: data.DataFile, lang: str) -> dict[str, Any]:
        """The audit of a file with claims, laid out as every audit format lays it out."""
        from perfdsl.outputs.audit_report import audit_model
        from perfdsl.tools.audit import audit

        return audit_model(audit(loaded.compiled, file, lang), lang)

    async def audit_download(self, request: Request) -> Response:
        name, kind = request.path_params["name"], request.path_params["format"]
        form, upload = await self._received(request)
        lang = texts.pick(form.get("lang"), self.lang)
        return await run_in_threadpool(self._audit_download, name, kind, lang, upload)

    def _audit_download(self, name: str, kind: str, lang: str, upload: Upload | None) -> Response:
        from perfdsl.outputs.audit_report import RENDERERS
        from perfdsl.tools.audit import audit

        t = texts.words(lang)
        loaded = self._loaded(name)
        if loaded is None or kind not in AUDIT_DOWNLOADS:
            return self.error(lang, 404, t["error_no_rubric"].format(name=name)
                              if loaded is None else t["error_404"])
        if loaded.compiled is None:
            return self.page("broken.html.j2", lang, status=409, loaded=loaded)
        refused = self._refusal(lang, upload, _DATA_SUFFIXES)
        if refused is not None:
            return self.error(lang, 400, refused)
        _, reader = READERS[upload.suffix]
        try:
            file = reader(upload, MAX_WORKBOOK_UNPACKED)
            found = audit(loaded.compiled, file, lang)
        except Refused as refusal:
            return self.error(lang, 400, self._refused(lang, refusal, MAX_WORKBOOK_UNPACKED))
        except PerfdslError as error:
            return self.error(lang, 400, "; ".join(d.message(lang) for d in error.diagnostics))
        suffix, media = AUDIT_DOWNLOADS[kind]
        content = RENDERERS[kind](found, lang)
        return _file(content, media, _file_stem(f"{upload.stem}-{t['audit_file']}") + suffix)

    async def download(self, request: Request) -> Response:
        name, kind = request.path_params["name"], request.path_params["format"]
        form = await request.form(max_files=0, max_fields=MAX_FORM_FIELDS)
        lang = texts.pick(form.get("lang"), self.lang)
        return await run_in_threadpool(self._download, name, kind, lang, form)

    def _download(self, name: str, kind: str, lang: str, form) -> Response:
        t = texts.words(lang)
        loaded = self._loaded(name)
        if loaded is None or kind not in DOWNLOADS:
            return self.error(lang, 404, t["error_no_rubric"].format(name=name)
                              if loaded is None else t["error_404"])
        if loaded.compiled is None:
            return self.page("broken.html.j2", lang, status=409, loaded=loaded)
        if kind == "xlsx" and not _have_openpyxl():
            return self.error(lang, 501, t["no_excel"])
        layout = loaded.form
        entered = Entered.from_form(layout, form)
        result = loaded.compiled.evaluate(entered.figures(layout))
        make, media = DOWNLOADS[kind]
        content = make(layout, entered, result, lang)
        unit = dict(entered.meta).get(UNIT_NAME, "")
        stem = _file_stem(PurePath(loaded.name).stem + (f"-{unit}" if unit else ""))
        return _file(content, media, f"{stem}.{kind}")

    # --- Batch ----------------------------------------------------------------------------

    async def batch(self, request: Request) -> Response:
        name = request.path_params["name"]
        if request.method == "GET":
            lang = texts.pick(request.query_params.get("lang"), self.lang)
            return await run_in_threadpool(self._batch, name, lang, None, "", False)
        form, upload = await self._received(request)
        lang = texts.pick(form.get("switch_lang") or form.get("lang"), self.lang)
        keys = form.get("keys")
        return await run_in_threadpool(self._batch, name, lang, upload,
                                       keys if isinstance(keys, str) else "", True)

    def _batch(self, name: str, lang: str, upload: Upload | None, keys: str,
               posted: bool) -> Response:
        loaded = self._loaded(name)
        if loaded is None:
            return self.error(lang, 404, texts.words(lang)["error_no_rubric"].format(name=name))
        if loaded.compiled is None:
            return self.page("broken.html.j2", lang, status=409, loaded=loaded)
        page = dict(loaded=loaded, keys=keys, scoring=None, message="", notices=(),
                    table="", carried="", kinds=_TABLE_KINDS, formats=batch.OUTPUTS,
                    accept=",".join(batch.TABLE_KINDS), size=_size(MAX_UPLOAD_BYTES))
        if not posted:
            return self.page("batch.html.j2", lang, **page)
        refused = self._refusal(lang, upload, batch.TABLE_KINDS)
        if refused is not None:
            return self.page("batch.html.j2", lang, **{**page, "message": refused})
        try:
            scoring = batch.score(loaded.compiled, upload, keys, lang, MAX_TABLE_UNPACKED)
        except Refused as refusal:
            return self.page("batch.html.j2", lang, **{
                **page, "message": self._refused(lang, refusal, MAX_TABLE_UNPACKED)})
        except batch.TableError as error:
            return self.page("batch.html.j2", lang, **{
                **page, "notices": [check.show(d, lang) for d in error.diagnostics],
                "message": texts.words(lang)["batch_unreadable"].format(name=upload.name)})
        return self.page("batch.html.j2", lang, **{
            **page, "scoring": scoring, "table": upload.name, "carried": uploads.carry(upload),
            "keys": keys})

    async def batch_download(self, request: Request) -> Response:
        name, kind = request.path_params["name"], request.path_params["format"]
        form, upload = await self._received(request)
        lang = texts.pick(form.get("lang"), self.lang)
        keys = form.get("keys")
        return await run_in_threadpool(self._batch_download, name, kind, lang, upload,
                                       keys if isinstance(keys, str) else "")

    def _batch_download(self, name: str, kind: str, lang: str, upload: Upload | None,
                        keys: str) -> Response:
        t = texts.words(lang)
        loaded = self._loaded(name)
        if loaded is None or kind not in batch.OUTPUTS:
            return self.error(lang, 404, t["error_no_rubric"].format(name=name)
                              if loaded is None else t["error_404"])
        if loaded.compiled is None:
            return self.page("broken.html.j2", lang, status=409, loaded=loaded)
        refused = self._refusal(lang, upload, batch.TABLE_KINDS)
        if refused is not None:
            return self.error(lang, 400, refused)
        try:
            content = batch.scored_file(loaded.compiled, upload, keys, kind, MAX_TABLE_UNPACKED)
        except Refused as refusal:
            return self.error(lang, 400, self._refused(lang, refusal, MAX_TABLE_UNPACKED))
        except batch.TableError as error:
            return self.error(lang, 400, "; ".join(d.message(lang) for d in error.diagnostics))
        suffix, media = batch.OUTPUTS[kind]
        return _file(content, media, _file_stem(f"{upload.stem}-{t['batch_file']}") + suffix)

    # --- Rubric check ---------------------------------------------------------------------

    async def check(self, request: Request) -> Response:
        if request.method == "GET":
            lang = texts.pick(request.query_params.get("lang"), self.lang)
            return await run_in_threadpool(self._check_file, request.query_params.get("rubric"),
                                           lang)
        form = await request.form(max_files=0, max_fields=10, max_part_size=MAX_BODY_BYTES)
        lang = texts.pick(form.get("switch_lang") or form.get("lang"), self.lang)
        text = form.get("text")
        name = form.get("name")
        return await run_in_threadpool(
            self._check_text, text if isinstance(text, str) else "",
            name if isinstance(name, str) else "", lang)

    def _check_file(self, name: str | None, lang: str) -> Response:
        if not name:
            return self.page("check.html.j2", lang, text="", name="", checked=None, problem="")
        loaded = self._loaded(name)
        if loaded is None:
            return self.error(lang, 404, texts.words(lang)["error_no_rubric"].format(name=name))
        return self.page("check.html.j2", lang, text=loaded.text, name=loaded.name,
                         checked=loaded.checked, problem="")

    def _check_text(self, text: str, name: str, lang: str) -> Response:
        """Check pasted text; `name` is the folder file it was opened from, if any (messages
        name it; the text checked is always the one posted)."""
        text = text.replace("\r\n", "\n")  # browsers send a textarea's lines with CRLF
        name = PurePath(name.replace("\\", "/")).name
        if len(text) > MAX_RUBRIC_CHARS:
            problem = texts.words(lang)["check_too_long"].format(n=f"{MAX_RUBRIC_CHARS:,}")
            return self.page("check.html.j2", lang, status=413, text="", name=name, checked=None,
                             problem=problem)
        return self.page("check.html.j2", lang, text=text, name=name,
                         checked=check.check_text(text, name or "rubric", self.folder.root),
                         problem="")

    # --- Static assets, errors ------------------------------------------------------------

    async def asset(self, request: Request) -> Response:
        found = self.assets.get(request.path_params["asset"])
        if found is None:
            raise HTTPException(404)
        content, media, _ = found
        return Response(content, media_type=media,
                        headers={"cache-control": "public, max-age=86400"})

    def refusal(self, status: int, reason: str) -> tuple[bytes, bytes]:
        """The page the guard sends when it refuses a request before any route sees it."""
        t = texts.words(self.lang)
        message = {"host": t["error_host"],
                   "413": t["error_413"].format(size=_size(MAX_BODY_BYTES))}.get(reason,
                                                                                 t["error_400"])
        return (self.render("error.html.j2", self.lang, message=message).encode("utf-8"),
                b"text/html; charset=utf-8")

    async def http_error(self, request: Request, error: Exception) -> Response:
        status = getattr(error, "status_code", 500)
        t = texts.words(self.lang)
        message = {404: t["error_404"], 405: t["error_405"],
                   413: t["error_413"].format(size=_size(MAX_BODY_BYTES))}.get(status,
                                                                              t["error_400"])
        return self.error(self.lang, status, message)

    async def internal_error(self, request: Request, error: Exception) -> Response:
        log.error("internal error on %s %s", request.method, request.url.path, exc_info=error)
        return HTMLResponse(self.render("error.html.j2", self.lang,
                                        message=texts.words(self.lang)["error_500"]),
                            status_code=500)


def href(path: str, *parts: str, **query: str) -> str:
    """A URL of this site: path parts percent-encoded whole (a slash in a name stays inside
    its part), then the query."""
    url = path + "".join("/" + quote(part, safe="") for part in parts)
    query = {k: v for k, v in query.items() if v}
    return url + ("?" + urlencode(query) if query else "")


def _have_openpyxl() -> bool:
    return importlib.util.find_spec("openpyxl") is not None


def create_app(rubrics: str | Path, *, lang: str = texts.DEFAULT_LANG,
               allowed_hosts: tuple[str, ...] | None = LOOPBACK_HOSTS):
    """The ASGI application serving the rubrics of the folder `rubrics`.

    `allowed_hosts` are the names the Host header may carry (None: any, for a server the user
    bound to a network address)."""
    site = Site(RubricFolder(rubrics), lang)
    routes = [
        Route("/", site.home, methods=["GET"], name="home"),
        Route("/fill/{name}", site.fill, methods=["GET", "POST"], name="fill"),
        Route("/fill/{name}/upload", site.upload, methods=["POST"], name="upload"),
        Route("/fill/{name}/download/{format}", site.download, methods=["POST"], name="download"),
        Route("/fill/{name}/audit/{format}", site.audit_download, methods=["POST"], name="audit"),
        Route("/batch/{name}", site.batch, methods=["GET", "POST"], name="batch"),
        Route("/batch/{name}/download/{format}", site.batch_download, methods=["POST"],
              name="batch_download"),
        Route("/check", site.check, methods=["GET", "POST"], name="check"),
        Route("/static/{asset}", site.asset, methods=["GET"], name="static"),
    ]
    app = Starlette(routes=routes, exception_handlers={
        HTTPException: site.http_error, Exception: site.internal_error})
    app.state.site = site
    return Guard(app, allowed_hosts=allowed_hosts, max_body=MAX_BODY_BYTES, refuse=site.refusal)
