"""A fuzz campaign: mutated rubrics through the API, looking for tracebacks and slow inputs.

    .venv/bin/python bench/fuzz_compile.py [--count N] [--seed S] [--score] [--show K]

Takes every rubric it can find (rubrics/, tests/bad/, docs/examples/, the rubric blocks of
docs/*.md) and rubrics nested as deep as the limits allow and deeper, mutates them — characters,
tokens and lines inserted, deleted, duplicated or swapped; numbers made long; expressions,
groups and chains of values made deep — and runs each through `perfdsl.compile`. With `--score`
a rubric that compiles is also scored (no figures, and figures of every kind at random),
reported as Markdown, traced and dumped as JSON.

Anything but a `CompileError` (or a `DataError`) is a crasher: the script groups them by
exception and innermost perfdsl frame, prints each group with a reproducer written to
/tmp/perfdsl-fuzz/, and exits 1. It also prints compile times (median, 99th percentile, max) and
every input slower than 5 s; an input that runs past 20 s is stopped and counted as a hang.
Deterministic for a given --seed. The suite runs a small derandomised version of this
(tests/test_robustness.py); this is the large campaign, run by hand.
"""

from __future__ import annotations

import argparse
import collections
import random
import re
import signal
import statistics
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import perfdsl  # noqa: E402
from perfdsl.language import limits  # noqa: E402
from perfdsl.language.keywords import FUNCTIONS, KEYWORDS  # noqa: E402

OUT = Path("/tmp/perfdsl-fuzz")
SLOW, HANG = 5.0, 20.0

_TOKEN = re.compile(r"\s+|\"[^\"\n]*\"|[\w“”‘’《》·.%％]+|.", re.S)
_PIECES = sorted({s for spellings in KEYWORDS.values() for s in spellings} | set(FUNCTIONS)) + [
    "{", "}", "(", ")", "[", "]", ":", ";", ",", "=", "<", ">", "≥", "≤", "≠", "%", '"', "#", "-",
    "*", "/", "×", "÷", "（", "）", "：", "；", "，", "％", "＝", "＞", "｛", "｝", "\n", " ",
    "0", "1", "90%", "100", "2.5", "2021.5", "甲", "乙", "x", '"名称"', '"未结束', "\u3000", "\t",
    "\r\n", "。", "“", "”", "、", "\ufeff", "\u200b", "1e5", "0.000000000001", "-0", "0/0",
]


def seeds() -> list[str]:
    """Every rubric text the checkout holds, and deep ones made here."""
    texts = [p.read_text("utf-8") for folder in ("rubrics", "tests/bad", "docs/examples")
             for p in sorted((ROOT / folder).glob("*.rubric"))]
    for doc in sorted((ROOT / "docs").glob("*.md")):
        texts += re.findall(r"```rubric[^\n]*\n(.*?)```", doc.read_text("utf-8"), re.S)
    return texts + [deep(kind, depth) for kind in _DEEP
                    for depth in (limits.MAX_EXPRESSION_DEPTH, 300, 1500)]


def deep(kind: str, n: int) -> str:
    """A small rubric nesting one construct `n` deep."""
    head = "总分 10\n输入 x：百分比 范围 0% 至 100%\n"
    body = _DEEP[kind](n)
    if kind == "groups":
        return head + body
    return head + body[0] + f"分组 组 分值 10 {{\n  指标 甲 分值 10 {{\n    值 {body[1]}\n" \
                            "    评分 按比例 甲\n  }\n}\n"


_DEEP = {
    "parens": lambda n: ("", "(" * n + "x" + ")" * n),
    "minus": lambda n: ("", "-" * n + "x"),
    "sum": lambda n: ("", " + ".join(["x"] * n)),
    "if": lambda n: ("", "如果 x > 1% 则 " * n + "x" + " 否则 0%" * n),
    "calls": lambda n: ("", "max(" * n + "x" + ", 0%)" * n),
    "lets": lambda n: ("令 v0 = x\n" + "".join(f"令 v{i} = v{i - 1}\n" for i in range(1, n)),
                       f"v{n - 1}"),
    "groups": lambda n: "分组 g 分值 10 {\n" * n + "指标 甲 分值 10 { 评分 按比例 x }\n" + "}\n" * n,
    "template": lambda n: ("", 'x；计算分析 "' + "{% if 甲 %}" * min(n, 200) + "{{ 甲 }}"
                           + "{% endif %}" * min(n, 200) + '"'),
}


def mutate(rng: random.Random, text: str) -> str:
    """`text` with one to six random edits."""
    for _ in range(rng.randint(1, 6)):
        text = rng.choice(_EDITS)(rng, text)
    return text


def nudge(rng: random.Random, text: str) -> str:
    """`text` with one or two edits that keep it parsing: to reach the passes after parsing."""
    for _ in range(rng.randint(1, 2)):
        text = rng.choice((_number, _swap_words))(rng, text)
    return text


def _units(rng, text):
    how = rng.random()
    if how < 0.4:
        return list(text), ""
    if how < 0.8:
        return _TOKEN.findall(text), ""
    return text.split("\n"), "\n"


def _edit_units(rng, text):
    units, joiner = _units(rng, text)
    if not units:
        return rng.choice(_PIECES)
    i = rng.randrange(len(units))
    action = rng.choice(("delete", "insert", "replace", "swap", "duplicate", "repeat"))
    if action == "delete":
        del units[i]
    elif action in ("insert", "replace"):
        piece = rng.choice(_PIECES) if rng.random() < 0.8 else chr(rng.randrange(0x20, 0x3000))
        if action == "replace":
            units[i] = piece
        else:
            units.insert(i, piece)
    elif action == "swap" and i + 1 < len(units):
        units[i], units[i + 1] = units[i + 1], units[i]
    elif action == "repeat":
        units[i:i + 1] = [units[i]] * rng.choice((2, 10, 100, 600))
    else:
        units.insert(i, units[i])
    return joiner.join(units)


def _long_number(rng, text):
    numbers = list(re.finditer(r"\d+(\.\d+)?", text))
    if not numbers:
        return text
    found = rng.choice(numbers)
    digits = "".join(rng.choice("0123456789") for _ in range(rng.randint(12, 40)))
    if rng.random() < 0.5:
        digits = digits[:rng.randint(1, len(digits) - 1)] + "." + digits[rng.randint(1, 5):]
    return text[:found.start()] + digits + text[found.end():]


def _deepen(rng, text):
    names = list(re.finditer(r"(?<![\w\"])[^\W\d][\w]*(?![\w\"])", text))
    if not names:
        return text
    found = rng.choice(names)
    n = rng.choice((50, 99, 100, 101, 250, 1000))
    wrap = rng.choice((("(" * n, ")" * n), ("-" * n, ""), ("max(" * n, ", 0)" * n),
                       ("", " + x" * n), ("非 " * n, "")))
    return text[:found.start()] + wrap[0] + found.group() + wrap[1] + text[found.end():]


def _number(rng, text):
    """A number replaced by another that still parses: 0, negative, tiny, huge, many decimals."""
    numbers = list(re.finditer(r"(?<![\w.])\d+(\.\d+)?", text))
    if not numbers:
        return text
    found = rng.choice(numbers)
    new = rng.choice(("0", "0.0", "1", "999999999999999", "0.0000000001", "100000", "3",
                      "2.5", "1000000000000000", "0.00000000001", "99999999999999.9999999999"))
    return text[:found.start()] + new + text[found.end():]


def _swap_words(rng, text):
    """An operator, keyword or name replaced by another of the text, so it still parses."""
    words = re.findall(r"[^\W\d][\w]*|[-+*/×÷<>≤≥=≠%]", text)
    if len(words) < 2:
        return text
    old, new = rng.choice(words), rng.choice(words)
    spots = [m.start() for m in re.finditer(re.escape(old), text)]
    at = rng.choice(spots)
    return text[:at] + new + text[at + len(old):]


_EDITS = (_edit_units, _edit_units, _edit_units, _long_number, _deepen, _number, _number,
          _swap_words, _swap_words)


def _compiles(text: str) -> bool:
    try:
        perfdsl.compile(text)
    except Exception:  # noqa: BLE001 - a seed that crashes is found again by the campaign
        return False
    return True


class _Hang(Exception):
    pass


def _alarm(signum, frame):
    raise _Hang()


def run_one(text: str, score: bool, rng: random.Random) -> bool:
    """Compile `text` (and score it): raise anything that is not a clean PerfdslError. True
    when it compiled."""
    try:
        rubric = perfdsl.compile(text, "fuzz.rubric")
    except perfdsl.CompileError as error:
        str(error)
        for diagnostic in error.diagnostics:
            diagnostic.to_json("zh")
        return False
    if not score:
        return True
    from perfdsl.outputs.report import RENDERERS
    from perfdsl.outputs.trace import to_json, trace
    import json

    for figures in ({}, _figures(rubric, rng)):
        result = rubric.evaluate(figures)
        RENDERERS["markdown"](result, "zh", None)
        json.dumps(result.to_json())
        json.dumps(to_json(trace(result, None)))
    return True


_VALUES = ("0", "0%", "-1", "1e30", "100000000000000000000000000000", "0.0000000000000000001",
           "是", "否", "好", "", "12.5万元", "NaN", "Infinity", 0, 1, -5, True, None)


def _figures(rubric, rng: random.Random) -> dict:
    return {decl.name: rng.choice(_VALUES) for decl in rubric.model.inputs if rng.random() < 0.9}


def signature(error: BaseException) -> str:
    frames = [f for f in traceback.extract_tb(error.__traceback__) if "perfdsl" in f.filename
              and "fuzz_compile" not in f.filename]
    where = f"{Path(frames[-1].filename).relative_to(ROOT)}:{frames[-1].name}" if frames else "?"
    return f"{type(error).__name__} in {where}"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--score", action="store_true", help="also score, report and trace")
    parser.add_argument("--show", type=int, default=3, help="reproducers kept per crasher")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    bases = seeds()
    good = [text for text in bases if _compiles(text)]
    signal.signal(signal.SIGALRM, _alarm)
    OUT.mkdir(exist_ok=True)
    crashers: dict[str, list[tuple[str, str]]] = collections.defaultdict(list)
    times: list[float] = []
    slow: list[tuple[float, str]] = []
    hangs = compiled = 0
    started = time.perf_counter()
    for i in range(args.count):
        text = mutate(rng, rng.choice(bases)) if i % 2 else nudge(rng, rng.choice(good))
        signal.setitimer(signal.ITIMER_REAL, HANG)
        t0 = time.perf_counter()
        try:
            compiled += run_one(text, args.score, random.Random(i))
        except _Hang:
            hangs += 1
            crashers["hang (> 20 s)"].append((text, ""))
        except (perfdsl.DataError,):
            pass
        except BaseException as error:  # noqa: BLE001 - everything else is what we look for
            if isinstance(error, KeyboardInterrupt):
                raise
            crashers[signature(error)].append((text, f"{type(error).__name__}: {str(error)[:200]}"))
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        elapsed = time.perf_counter() - t0
        times.append(elapsed)
        if elapsed > SLOW:
            slow.append((elapsed, text))
    total = time.perf_counter() - started
    times.sort()
    print(f"{args.count} mutated rubrics (seed {args.seed}{', scored' if args.score else ''}) "
          f"in {total:.0f} s; per input: median {statistics.median(times) * 1000:.1f} ms, "
          f"99th percentile {times[int(len(times) * 0.99)] * 1000:.0f} ms, "
          f"max {times[-1]:.2f} s")
    print(f"compiled: {compiled}")
    print(f"crashers: {sum(len(v) for v in crashers.values())} in {len(crashers)} signatures; "
          f"slower than {SLOW:.0f} s: {len(slow)}; hangs: {hangs}")
    for n, (sig, cases) in enumerate(sorted(crashers.items(), key=lambda kv: -len(kv[1]))):
        print(f"\n{len(cases):6d}  {sig}\n        {cases[0][1]}")
        for k, (text, _) in enumerate(sorted(cases, key=lambda c: len(c[0]))[:args.show]):
            path = OUT / f"crash-{n}-{k}.rubric"
            path.write_text(text, "utf-8")
            print(f"        reproducer: {path} ({len(text)} characters)")
    for k, (elapsed, text) in enumerate(sorted(slow, reverse=True)[:10]):
        path = OUT / f"slow-{k}.rubric"
        path.write_text(text, "utf-8")
        print(f"slow: {elapsed:.1f} s  {path} ({len(text)} characters)")
    return 1 if crashers else 0


if __name__ == "__main__":
    sys.exit(main())
