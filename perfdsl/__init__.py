"""perfdsl: a language for performance-evaluation rubrics (绩效评价指标体系) and its compiler.

    import perfdsl
    rubric = perfdsl.compile_file("rubrics/department-overall.rubric")
    result = rubric.evaluate(perfdsl.load_data("examples/huitong-2021.yaml"))
    print(result.total, result.grade)
"""

from perfdsl.compiler import CompiledRubric, compile_file, compile_string
from perfdsl.data.figures import load as load_data
from perfdsl.diagnostics import CompileError, DataError, Diagnostic, PerfdslError
from perfdsl.core.results import GroupResult, IndicatorResult, Result


def compile(source: str, name: str = "<string>") -> CompiledRubric:  # noqa: A001 - the domain word
    """Compile rubric text (use `compile_file` for a path)."""
    return compile_string(source, name)


__all__ = [
    "CompileError", "CompiledRubric", "DataError", "Diagnostic", "GroupResult",
    "IndicatorResult", "PerfdslError", "Result", "compile", "compile_file", "compile_string",
    "load_data",
]
__version__ = "0.1.0"
