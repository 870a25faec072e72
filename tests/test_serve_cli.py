"""`perfdsl serve` as a command: where it finds rubrics, what it says when it cannot start, which
hosts it answers — and that no other command pays for the web stack."""

from __future__ import annotations

import re
import socket
import subprocess
import sys

import pytest

from perfdsl.cli import main
from perfdsl.serve import server

from conftest import ROOT, SEED_RUBRIC


def test_the_default_folder_is_rubrics_of_the_current_folder(tmp_path, monkeypatch):
    """Without --rubrics: `rubrics/` of the current folder when there is one (a clone), else the
    current folder itself (a folder of .rubric files)."""
    monkeypatch.chdir(tmp_path)
    assert server.default_folder() == server.Path(".")
    (tmp_path / "rubrics").mkdir()
    assert server.default_folder() == server.Path("rubrics")


def test_a_missing_folder_is_a_usage_error(tmp_path, capsys):
    """--rubrics naming no folder exits 2 with a one-line message, before listening."""
    assert main(["serve", "--rubrics", str(tmp_path / "nowhere"), "--port", "0"]) == 2
    assert "no folder" in capsys.readouterr().err


def test_a_port_in_use_is_a_usage_error(capsys):
    """A port another program holds exits 2 saying so, not with a traceback."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", "--rubrics", str(ROOT / "rubrics"), "--port", str(port)]) == 2
    err = capsys.readouterr().err
    assert f"cannot listen on 127.0.0.1:{port}" in err and "Traceback" not in err


@pytest.mark.parametrize("host,loopback", [
    ("127.0.0.1", True), ("localhost", True), ("::1", True), ("[::1]", True), ("127.0.0.2", True),
    ("0.0.0.0", False), ("192.168.1.10", False), ("::", False), ("perf.intranet", False),
])
def test_which_addresses_are_this_machine(host, loopback):
    """Only a loopback address keeps the Host check; any other address is a network the user
    chose to be reachable on."""
    assert server.is_loopback(host) is loopback


def test_compile_does_not_import_the_web_stack():
    """`perfdsl compile` stays fast: Starlette, uvicorn and multipart are imported only by
    `perfdsl serve`."""
    code = ("import sys, perfdsl.cli; code = perfdsl.cli.main(['compile', sys.argv[1]]); "
            "print(sorted(m for m in ('starlette', 'uvicorn', 'multipart', 'python_multipart', "
            "'perfdsl.serve.app') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code, str(SEED_RUBRIC)], capture_output=True,
                          text=True, encoding="utf-8")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_serve_is_in_the_help():
    """`perfdsl serve --help` names its options and their defaults."""
    done = subprocess.run([sys.executable, "-m", "perfdsl", "serve", "--help"],
                          capture_output=True, text=True, encoding="utf-8")
    assert done.returncode == 0
    for word in ("--rubrics", "--host", "127.0.0.1", "--port", "8000"):
        assert word in done.stdout


# --- The documentation and the CI command ------------------------------------------------------

def test_serve_md_links_and_screenshots_resolve():
    """Every link and image of docs/serve.md points at a file that exists (the screenshots the
    browser tests make)."""
    text = (ROOT / "docs" / "serve.md").read_text("utf-8")
    targets = re.findall(r"\]\(([^)\s#]+)", text)
    assert any(t.startswith("images/serve-") for t in targets)
    missing = [t for t in targets if not (ROOT / "docs" / t).exists()]
    assert not missing, missing


def test_serve_md_states_the_limits_the_code_applies():
    """The limits docs/serve.md promises are the ones the server enforces."""
    from perfdsl.serve.app import (MAX_BODY_BYTES, MAX_RUBRIC_CHARS, MAX_TABLE_UNPACKED,
                                   MAX_UPLOAD_BYTES, MAX_WORKBOOK_UNPACKED)
    from perfdsl.serve.batch import SHOWN_PROBLEM_ROWS, SHOWN_ROWS
    from perfdsl.serve.uploads import MAX_WORKBOOK_PARTS

    text = " ".join((ROOT / "docs" / "serve.md").read_text("utf-8").split())
    assert f"A request body is at most {MAX_BODY_BYTES // 2 ** 20} MB" in text
    assert f"an uploaded data file or table at most {MAX_UPLOAD_BYTES // 2 ** 20} MB" in text
    assert f"a pasted rubric at most {MAX_RUBRIC_CHARS:,} characters" in text
    assert (f"a one-unit workbook may unpack to at most {MAX_WORKBOOK_UNPACKED // 2 ** 20} MB, "
            f"a table of units to {MAX_TABLE_UNPACKED // 2 ** 20} MB, and a workbook of more "
            f"than {MAX_WORKBOOK_PARTS:,} parts is refused") in text
    assert f"shows the first {SHOWN_ROWS} rows" in text
    assert f"the problems of the first {SHOWN_PROBLEM_ROWS} units" in text


def test_the_readme_test_command_installs_chromium_and_ci_runs_it_verbatim():
    """The README's test command installs Chromium and CJK fonts before the tests, and .ci/run
    runs exactly that command; the README's tour shows `perfdsl serve`."""
    readme = (ROOT / "README.md").read_text("utf-8")
    command = next(line.strip() for line in readme.splitlines()
                   if "pytest" in line and line.startswith("    "))
    assert "apt-get install -y -qq chromium fonts-noto-cjk" in command
    assert command.index("apt-get") < command.index("pytest")
    ci = (ROOT / ".ci" / "run").read_text("utf-8").splitlines()
    assert command in [line.strip() for line in ci]
    assert "    perfdsl serve" in readme


def test_the_screenshots_the_docs_show_are_the_ones_the_browser_tests_make():
    """docs/serve.md shows exactly the images the browser tests rewrite, and they are committed."""
    from test_serve_browser import DOC_IMAGES

    text = (ROOT / "docs" / "serve.md").read_text("utf-8")
    shown = set(re.findall(r"\]\(images/([^)]+)\)", text))
    assert shown == DOC_IMAGES
    assert all((ROOT / "docs" / "images" / name).stat().st_size > 10_000 for name in shown)
