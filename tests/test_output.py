"""Writing reports (issue 9, item 6): every way the output can fail is a clear message and
exit status 2, a report is written all at once or not at all, -o never names an input, and
output survives a console that cannot show every character."""

from __future__ import annotations

import errno
import os
import subprocess
import sys

import pytest

from perfdsl.cli import main
from perfdsl.outputs import files

from conftest import ROOT, SEED_DATA, SEED_RUBRIC

SCORE = ["score", str(SEED_RUBRIC), str(SEED_DATA), "--lang", "en"]


def run(args: list[str], cwd, shell_suffix: str = "", env_extra=None):
    """The CLI in a fresh process (through sh, so a redirection can close or divert stdout)."""
    env = {"PATH": "/usr/bin:/bin", "PERFDSL_LANG": "en", "PYTHONPATH": str(ROOT),
           "HOME": str(cwd), "PYTHONIOENCODING": "utf-8", **(env_extra or {})}
    command = " ".join(f"'{a}'" for a in [sys.executable, "-m", "perfdsl", *args]) + shell_suffix
    return subprocess.run(["sh", "-c", command], capture_output=True, env=env, cwd=cwd,
                          timeout=120)


@pytest.mark.parametrize("target,message", [
    ("{tmp}", "cannot write {tmp}: it is a folder; give a file name"),
    ("{tmp}/no/such/folder/r.md", "cannot write {tmp}/no/such/folder/r.md: the folder "
                                  "{tmp}/no/such/folder does not exist"),
])
def test_o_at_a_folder_or_in_a_missing_folder(tmp_path, capsys, target, message):
    """-o naming a folder, or a file in a folder that does not exist: exit 2, a message."""
    target = target.format(tmp=tmp_path)
    assert main(SCORE + ["-o", target]) == 2
    out, err = capsys.readouterr()
    assert err == f"perfdsl: {message.format(tmp=tmp_path)}\n" and out == ""


def test_o_naming_an_input_is_refused(tmp_path, capsys):
    """-o naming the rubric, the data file or the layout (even through a symlink) is refused
    with exit 2, and the file is left as it was."""
    rubric = tmp_path / "r.rubric"
    rubric.write_text(SEED_RUBRIC.read_text("utf-8"), "utf-8")
    data = tmp_path / "d.yaml"
    data.write_text(SEED_DATA.read_text("utf-8"), "utf-8")
    layout = tmp_path / "l.j2"
    layout.write_text("{{ title }}", "utf-8")
    link = tmp_path / "link.yaml"
    link.symlink_to(data)
    for target, original in ((rubric, rubric), (data, data), (link, data), (layout, layout)):
        before = original.read_bytes()
        code = main(["score", str(rubric), str(data), "--format", "markdown", "--template",
                     str(layout), "-o", str(target), "--lang", "en"])
        assert code == 2
        assert f"will not write {target}: it is the input file" in capsys.readouterr().err
        assert original.read_bytes() == before
    assert main(["graph", str(rubric), "-o", str(rubric)]) == 2
    capsys.readouterr()


def test_a_read_only_file_system_is_exit_2(tmp_path, capsys, monkeypatch):
    """EROFS while writing: exit 2 and `the file system is read-only`."""
    real_open = os.open

    def read_only(path, flags, *args, **kwargs):
        if flags & os.O_CREAT:
            raise OSError(errno.EROFS, "Read-only file system", path)
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", read_only)
    assert main(SCORE + ["-o", str(tmp_path / "r.txt")]) == 2
    assert "the file system is read-only" in capsys.readouterr().err


def test_dev_full_is_exit_2(tmp_path):
    """-o /dev/full (a device: written in place, never renamed over) and standard output
    redirected to /dev/full: exit 2 and `the disk is full`, no traceback."""
    for args, suffix in ((SCORE + ["-o", "/dev/full"], ""), (SCORE, " > /dev/full")):
        done = run(args, tmp_path, suffix)
        err = done.stderr.decode("utf-8")
        assert done.returncode == 2, err
        assert "the disk is full" in err and "Traceback" not in err
    assert os.path.exists("/dev/full") and not os.path.isfile("/dev/full")


def test_a_closed_stdout_is_exit_2(tmp_path):
    """Standard output closed (`>&-`): exit 2 and a message saying to give -o."""
    for args in (SCORE, ["compile", str(SEED_RUBRIC)], ["graph", str(SEED_RUBRIC)]):
        done = run(args, tmp_path, " >&-")
        err = done.stderr.decode("utf-8")
        assert done.returncode == 2, err
        assert "standard output is closed; give -o FILE" in err and "Traceback" not in err


def test_a_full_disk_keeps_the_previous_report(tmp_path, monkeypatch, capsys):
    """The disk fills while the report is written: exit 2, the previous report is intact, and
    no half-written or temporary file is left."""
    target = tmp_path / "report.md"
    target.write_text("the previous report", "utf-8")
    real_fsync = os.fsync

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    assert main(SCORE + ["--format", "markdown", "-o", str(target)]) == 2
    assert "the disk is full; the previous file, if any, is unchanged" in capsys.readouterr().err
    assert target.read_text("utf-8") == "the previous report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert main(SCORE + ["--format", "markdown", "-o", str(target)]) == 0
    assert target.read_text("utf-8").startswith("# 部门整体支出绩效自评表")


def test_writes_replace_the_file_and_keep_its_mode_and_links(tmp_path):
    """A report replaces the old one whole, keeps its permissions, and a symlink -o target
    gets the report in the file it points to."""
    target = tmp_path / "r.txt"
    target.write_text("old", "utf-8")
    target.chmod(0o640)
    files.write(target, b"new")
    assert target.read_bytes() == b"new" and (target.stat().st_mode & 0o777) == 0o640
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    files.write(link, b"newer")
    assert link.is_symlink() and target.read_bytes() == b"newer"


def test_a_broken_pipe_is_quiet(tmp_path):
    """`perfdsl score … | head -1`: exit 0 for perfdsl and nothing on stderr."""
    done = run(SCORE, tmp_path, " | head -c 10 > /dev/null")
    assert b"Traceback" not in done.stderr and b"Exception ignored" not in done.stderr


def test_a_gbk_console_gets_every_report(tmp_path):
    """On a console whose encoding is GBK, characters it lacks (an emoji in the unit's name)
    are escaped rather than ending the command with a UnicodeEncodeError."""
    data = tmp_path / "d.yaml"
    data.write_text(SEED_DATA.read_text("utf-8").replace("单位名称: 汇通产业园事业服务中心", "单位名称: 汇通😀中心"),
                    "utf-8")
    for fmt in ("table", "markdown", "json"):
        done = run(["score", str(SEED_RUBRIC), str(data), "--format", fmt], tmp_path,
                   env_extra={"PYTHONIOENCODING": "gbk"})
        assert done.returncode == 0, done.stderr.decode("gbk", "replace")
        out = done.stdout.decode("gbk")
        assert "汇通\\U0001f600中心" in out or "汇通\\ud83d\\ude00中心" in out


def test_a_path_that_is_not_utf8_is_shown_not_a_crash(tmp_path):
    """A file name with bytes that are not UTF-8 in a message: escaped, exit 1."""
    name = os.fsdecode(b"\xff\xfe.rubric")
    done = run(["compile", str(tmp_path / name)], tmp_path)
    err = done.stderr.decode("utf-8")
    assert done.returncode == 1 and "E007" in err and "Traceback" not in err
