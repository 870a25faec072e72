"""The grammar's table cache cannot be used against the user (docs/security.md, item 8 of
issue 9): a file planted there runs no code, a symlink is never written through, a FIFO or
/dev/zero does not hang or fill memory, a folder someone else can write is not used, an empty
HOME means no cache, and concurrent cold starts leave a whole file. Whatever is wrong with the
cache, perfdsl still works."""

from __future__ import annotations

import os
import pickle
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from perfdsl.language import parse, tables

from conftest import ROOT, SEED_RUBRIC


class _Plant:
    """A pickle that, when unpickled, creates the file named `marker`."""

    def __init__(self, marker: str):
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def cache_env(home: Path) -> dict[str, str]:
    return {"PATH": "/usr/bin:/bin", "PERFDSL_LANG": "en", "PYTHONPATH": str(ROOT),
            "HOME": str(home), "XDG_CACHE_HOME": str(home / "cache"), "PYTHONIOENCODING": "utf-8"}


def compile_seed(env: dict[str, str], timeout: float = 120):
    """`perfdsl compile` of the seed rubric in a fresh process."""
    return subprocess.run([sys.executable, "-m", "perfdsl", "compile", str(SEED_RUBRIC)],
                          capture_output=True, text=True, encoding="utf-8", env=env,
                          timeout=timeout)


def cache_path(env: dict[str, str]) -> Path:
    """Where a process with `env` keeps the tables (asked of a fresh process)."""
    out = subprocess.run([sys.executable, "-c", "from perfdsl.language import parse; "
                          "print(parse._cache_file(parse.grammar_text()))"],
                         capture_output=True, text=True, env=env, timeout=60, check=True)
    return Path(out.stdout.strip())


def test_a_pickle_planted_at_the_cache_path_runs_no_code(tmp_path):
    """A pickle written where the tables are cached is never unpickled: the code it carries
    does not run, and the command works."""
    env = cache_env(tmp_path)
    path = cache_path(env)
    marker = tmp_path / "ran"
    path.write_bytes(b"0" * 64 + b"\n" + pickle.dumps(_Plant(str(marker))) * 2)
    done = compile_seed(env)
    assert (done.returncode, done.stdout) == (0, "ok\n"), done.stderr
    assert not marker.exists()


def test_a_symlink_at_the_cache_path_is_not_written_through(tmp_path):
    """A symlink planted at the cache path to another file: that file is left as it was."""
    env = cache_env(tmp_path)
    path = cache_path(env)
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", "utf-8")
    path.symlink_to(victim)
    done = compile_seed(env)
    assert done.returncode == 0, done.stderr
    assert victim.read_text("utf-8") == "keep me"
    assert not path.is_symlink() or path.resolve() == victim.resolve()


def test_a_fifo_at_the_cache_path_does_not_hang(tmp_path):
    """A FIFO at the cache path (reading it would wait for a writer for ever) is skipped."""
    env = cache_env(tmp_path)
    path = cache_path(env)
    os.mkfifo(path)
    done = compile_seed(env, timeout=60)
    assert (done.returncode, done.stdout) == (0, "ok\n"), done.stderr


def test_a_link_to_dev_zero_costs_no_memory(tmp_path):
    """A symlink to /dev/zero at the cache path (an endless file) is not read: the command
    works and its peak memory stays under 300 MB (reading it would take all there is)."""
    env = cache_env(tmp_path)
    path = cache_path(env)
    path.symlink_to("/dev/zero")
    script = ("import resource, sys\nfrom perfdsl.cli import main\ncode = main(sys.argv[1:])\n"
              "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
              "sys.exit(code)\n")
    limit = 1024 * 1024 * 1024

    done = subprocess.run([sys.executable, "-c", script, "compile", str(SEED_RUBRIC)],
                          capture_output=True, text=True, env=env, timeout=60,
                          preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (limit, limit)))
    assert (done.returncode, done.stdout) == (0, "ok\n"), done.stderr
    peak_kb = int(done.stderr.split()[-1])
    assert peak_kb < 300 * 1024, peak_kb


def test_a_folder_others_can_write_is_not_used(tmp_path, monkeypatch):
    """A cache folder that is group- or world-writable is not used: no file is read from or
    written to it."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    folder = tmp_path / "perfdsl"
    folder.mkdir(mode=0o700)
    assert tables.cache_folder() == str(folder)
    folder.chmod(0o777)
    assert tables.cache_folder() is None
    assert parse._cache_file(parse.grammar_text()) is None


def test_a_folder_or_file_of_another_user_is_not_used(tmp_path, monkeypatch):
    """A cache folder, or a cache file, owned by someone else is not used."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    grammar = parse.grammar_text()
    path = parse._cache_file(grammar)
    assert path is not None
    built = tables.parser(grammar, path, **parse._PARSER_OPTIONS)
    digest = tables.digest_of(grammar, parse._PARSER_OPTIONS)
    assert built is not None and tables.read(path, digest) is not None
    monkeypatch.setattr(os, "geteuid", lambda: os.getuid() + 1)
    assert tables.cache_folder() is None
    assert tables.read(path, digest) is None


def test_a_symlinked_cache_folder_is_not_used(tmp_path, monkeypatch):
    """The perfdsl folder itself may not be a symlink (to a folder someone else controls)."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "perfdsl").symlink_to(elsewhere)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert tables.cache_folder() is None


@pytest.mark.parametrize("home", ["", "relative/home"])
def test_an_empty_or_relative_home_means_no_cache(monkeypatch, home):
    """With HOME empty (or relative) and no XDG_CACHE_HOME, there is no cache — not one in
    /.cache shared by every such process."""
    monkeypatch.setenv("HOME", home)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    assert parse._cache_file(parse.grammar_text()) is None


def test_concurrent_cold_starts_leave_a_whole_cache_file(tmp_path):
    """Six processes starting at once with no cache all work, and leave one whole, loadable
    cache file and no temporary files."""
    env = cache_env(tmp_path)
    path = cache_path(env)
    runs = [subprocess.Popen([sys.executable, "-m", "perfdsl", "compile", str(SEED_RUBRIC)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
            for _ in range(6)]
    for run in runs:
        out, err = run.communicate(timeout=120)
        assert (run.returncode, out) == (0, b"ok\n"), err
    digest = tables.digest_of(parse.grammar_text(), parse._PARSER_OPTIONS)
    assert tables.read(str(path), digest) is not None
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


def test_damaged_or_foreign_cache_files_are_rebuilt(tmp_path):
    """Truncated JSON, JSON of another grammar, or JSON that Lark cannot load: the tables are
    built again, the parser works, and the file is replaced by a good one."""
    grammar = parse.grammar_text()
    options = {**parse._PARSER_OPTIONS, "lexer_callbacks": {"NAME": parse._retype_keyword}}
    digest = tables.digest_of(grammar, options)
    path = tmp_path / "tables.json"
    good = tables.parser(grammar, str(path), **options)
    text = path.read_text("utf-8")
    for bad in (text[: len(text) // 2], text.replace(digest, "0" * 64),
                text.replace('"memo":{', '"memo":{"x":1,', 1), "[]", "\x00" * 10):
        path.write_text(bad, "utf-8")
        rebuilt = tables.parser(grammar, str(path), **options)
        assert rebuilt.parse("总分 10\n") == good.parse("总分 10\n")
        assert tables.read(str(path), digest) is not None


def test_tables_from_the_cache_parse_exactly_like_fresh_ones(tmp_path):
    """A parser loaded from the JSON tables gives the same tree, with the same positions, as
    one built from the grammar."""
    grammar = parse.grammar_text()
    options = {**parse._PARSER_OPTIONS, "lexer_callbacks": {"NAME": parse._retype_keyword}}
    path = str(tmp_path / "tables.json")
    fresh = tables.parser(grammar, path, **options)
    loaded = tables.parser(grammar, path, **options)
    assert loaded is not fresh
    text = parse.fold_full_width(SEED_RUBRIC.read_text("utf-8"))

    def shape(tree):
        return [(t.data, t.meta.line, t.meta.column, t.meta.end_pos) for t in tree.iter_subtrees()
                if not t.meta.empty] + [(tok.type, tok.value, tok.start_pos) for tok in
                                        tree.scan_values(lambda v: True)]

    assert shape(loaded.parse(text)) == shape(fresh.parse(text))
