"""What the language server costs on top of the compiler: one document's analysis (the
compiler's diagnostics, a second parse for the syntax tree, the symbol index, the scanner)
against `diagnose` alone, and the answers an editor asks for while the author types.

    .venv/bin/python bench/bench_lsp.py [--quick]

Prints medians of repeated runs in this process, for the seed rubric and a generated rubric of
5,000 indicators (bench_compile.py's). Targets: the analysis within 2× the compiler's own time
(it parses twice until the compiler hands out its tree); every answer under 50 ms on the seed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_compile import generated  # noqa: E402

from perfdsl.compiler import diagnose  # noqa: E402
from perfdsl.language.source import Source  # noqa: E402
from perfdsl.lsp import complete, features, hover  # noqa: E402
from perfdsl.lsp.analysis import analyse  # noqa: E402


def median_ms(action, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    args = parser.parse_args()
    seed = (ROOT / "rubrics" / "department-overall.rubric").read_text("utf-8")
    cases = [("seed (26 indicators)", seed, 3 if args.quick else 15),
             ("generated (5,000 indicators)", generated(5000), 1 if args.quick else 3)]
    diagnose(Source("warm-up", seed))
    print(f"{'':32} {'diagnose':>10} {'analysis':>10} {'ratio':>6} {'hover':>8} "
          f"{'complete':>9} {'tokens':>8} {'outline':>8}")
    for name, text, repeats in cases:
        compiler = median_ms(lambda: diagnose(Source("t.rubric", text)), repeats)
        lsp = median_ms(lambda: analyse("file:///t.rubric", text, name="t.rubric"), repeats)
        analysis = analyse("file:///t.rubric", text, name="t.rubric")
        middle = text.index("指标", len(text) // 2) + 3
        answers = [
            median_ms(lambda: hover.hover(analysis, middle, "zh"), repeats * 3),
            median_ms(lambda: complete.completion(analysis, middle, "zh"), repeats * 3),
            median_ms(lambda: features.semantic_tokens(analysis), repeats),
            median_ms(lambda: features.document_symbols(analysis, "zh"), repeats),
        ]
        print(f"{name:32} {compiler:8.1f}ms {lsp:8.1f}ms {lsp / compiler:5.2f}× "
              + " ".join(f"{ms:6.1f}ms" for ms in answers[:1])
              + f" {answers[1]:7.1f}ms " + " ".join(f"{ms:6.1f}ms" for ms in answers[2:]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
