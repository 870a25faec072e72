"""What the language server costs on top of the compiler: one document's analysis (the
compiler's diagnostics and the trees it keeps, the symbol index, the scanner) against
`diagnose` alone, and the answers an editor asks for while the author types; then the latency
an author sees from a real `perfdsl lsp` over stdio on a big rubric.

    .venv/bin/python bench/bench_lsp.py [--quick]

Prints medians of repeated runs in this process, for the seed rubric and a generated rubric of
5,000 indicators (bench_compile.py's). Targets: the analysis within 1.5× the compiler's own
time; every answer under 50 ms on the seed.

The second table starts the server as a fresh process, opens the generated rubric, and then
times, as the editor sees them: didChange → publishDiagnostics of that version (the server
waits `SETTLE` seconds of quiet first, shown apart), and a hover in the middle of the file;
each against `diagnose` of the same text in this process. Target: didChange → diagnostics,
less the settle, within 1.5× `diagnose`; a hover under 50 ms.
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
    server_latency(generated(1000 if args.quick else 5000), 2 if args.quick else 5)
    return 0


def server_latency(text: str, repeats: int) -> None:
    """didChange → publishDiagnostics and hover, over stdio, against `diagnose` in process."""
    import asyncio

    from lsprotocol import types as t
    from pygls.lsp.client import LanguageClient

    from perfdsl.lsp.server import SETTLE

    compiler = median_ms(lambda: diagnose(Source("big.rubric", text)), repeats)
    uri = (ROOT / "bench" / "big.rubric").as_uri()  # never written: the text is the editor's
    middle = text.index("指标", len(text) // 2) + 3
    line = text.count("\n", 0, middle)
    hover_at = t.Position(line=line, character=middle - text.rfind("\n", 0, middle) - 1)

    async def run() -> tuple[float, list[float], list[float]]:
        client = LanguageClient("bench", "1")
        published: dict[int, float] = {}

        @client.feature(t.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def diagnostics(params: t.PublishDiagnosticsParams) -> None:
            published.setdefault(params.version or 0, time.perf_counter())

        await client.start_io(sys.executable, "-m", "perfdsl", "lsp", "--lang", "zh")
        await client.initialize_async(t.InitializeParams(capabilities=t.ClientCapabilities()))
        client.initialized(t.InitializedParams())

        async def until(version: int) -> float:
            while version not in published:
                await asyncio.sleep(0.001)
            return published[version]

        start = time.perf_counter()
        client.text_document_did_open(t.DidOpenTextDocumentParams(text_document=t.TextDocumentItem(
            uri=uri, language_id="rubric", version=1, text=text)))
        opened = (await until(1) - start) * 1000
        changes, hovers = [], []
        for version in range(2, repeats + 2):
            edited = text.replace("分值 1 {", "分值 1  {", version)  # a new text every time
            start = time.perf_counter()
            client.text_document_did_change(t.DidChangeTextDocumentParams(
                text_document=t.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[t.TextDocumentContentChangeWholeDocument(text=edited)]))
            changes.append((await until(version) - start) * 1000)
            start = time.perf_counter()
            await client.text_document_hover_async(t.HoverParams(
                text_document=t.TextDocumentIdentifier(uri=uri), position=hover_at))
            hovers.append((time.perf_counter() - start) * 1000)
        await client.shutdown_async(None)
        client.exit(None)
        await client.stop()
        return opened, changes, hovers

    opened, changes, hovers = asyncio.run(run())
    change, hover = statistics.median(changes), statistics.median(hovers)
    working = change - SETTLE * 1000
    indicators = text.count("指标 ") - text.count("指标组")
    print(f"\nperfdsl lsp over stdio, {indicators:,} indicators, median of {repeats}:")
    print(f"{'':44} {'median':>10} {'diagnose':>10} {'ratio':>6}")
    print(f"{'didOpen → publishDiagnostics (first)':44} {opened:8.1f}ms {compiler:8.1f}ms "
          f"{opened / compiler:5.2f}×")
    print(f"{'didChange → publishDiagnostics':44} {change:8.1f}ms {compiler:8.1f}ms "
          f"{change / compiler:5.2f}×")
    print(f"{f'  less the {SETTLE * 1000:.0f} ms settle':44} {working:8.1f}ms {compiler:8.1f}ms "
          f"{working / compiler:5.2f}×")
    print(f"{'hover after the change':44} {hover:8.1f}ms {compiler:8.1f}ms "
          f"{hover / compiler:5.2f}×")


if __name__ == "__main__":
    sys.exit(main())
