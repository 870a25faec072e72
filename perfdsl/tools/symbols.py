"""Symbols: every name a rubric defines and every place it is written, read from the syntax tree.

Expects a `syntax.Rubric` — also one the parser recovered from syntax errors: a broken statement
is simply absent, so everything else keeps its definitions and references, and an editor's
hover, completion and outline go on working while the author types. Guarantees an `Index` with
one `Symbol` per definition (inputs, `令` values, scales and their levels, groups, indicators)
and one `Occurrence` per place a name is written, resolved as `perfdsl.checks.resolve` resolves
it: inputs, `令` values and indicators share one namespace and the first definition wins; a
name no value has is tried as a group, then as a level of a scale (the scale of a level input
it is compared with first). Names inside explanation templates (计算分析) count as references.
Never raises, and walks the tree with an explicit stack, so a deeply nested file cannot
exhaust Python's.

A rubric that builds on templates (`基于 "…"`) is indexed with them, as
`perfdsl.checks.compose` puts them together: the templates' names are in scope in the unit, a
unit's scale, input or derived value of a template's name takes its place (`Symbol.replaces`),
`修改/删除/不适用/选用 NAME` refer to the template's indicator or group, and the indicators a
`修改` block adds are inside the group it changes. Each occurrence keeps the span of its own
file; `Index.at` looks in one file at a time.

Read by the language server (`perfdsl.lsp`): hover, go to definition, references, rename, the
outline and semantic tokens.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal

import attrs

from perfdsl.language import syntax as s
from perfdsl.language.keywords import TOKEN_OF
from perfdsl.language.source import Source, Span
from perfdsl.tools.highlight import NAME

# Which namespace each kind of symbol lives in: the resolver's tables, one row per kind.
NAMESPACE = {"input": "value", "let": "value", "indicator": "value", "group": "group",
             "scale": "scale", "level": "level"}

_BARE_NAME = re.compile(NAME)
_BLOCKS = (s.Group, s.Indicator, s.OrphanBlock)


@attrs.frozen(eq=False)
class Symbol:
    """A defined name: `kind` is input, let, indicator, group, scale or level."""

    kind: str
    name: str
    span: Span  # the name as written in the definition (with its quotes, if quoted)
    node: object  # the syntax node that defines it: s.Input, s.Let, s.Scale, s.ScaleRow…
    parent: Symbol | None = None  # the group around a group or indicator; a level's scale
    replaces: Symbol | None = None  # a template's declaration of the name it takes the place of

    @property
    def origin(self) -> Symbol:
        """The first declaration of the name down the chain of templates (itself if none)."""
        symbol = self
        while symbol.replaces is not None:
            symbol = symbol.replaces
        return symbol

    @property
    def path(self) -> tuple[str, ...]:
        """The names of the groups around it (the scale of a level), outermost first."""
        out: list[str] = []
        parent = self.parent
        while parent is not None:
            out.append(parent.name)
            parent = parent.parent
        return tuple(reversed(out))


@attrs.frozen(eq=False)
class Occurrence:
    """A place where a name is written; `symbol` is None when nothing defines the name."""

    span: Span
    name: str
    symbol: Symbol | None
    is_definition: bool = False
    in_template: bool = False  # inside an explanation template: written bare, Jinja's way


@attrs.frozen(eq=False)
class Index:
    symbols: tuple[Symbol, ...]  # in the order they are written, the base template's first
    occurrences: tuple[Occurrence, ...]  # file by file (the base template's first), by position
    _namespaces: dict = attrs.field(repr=False)  # namespace → name → the symbol that counts
    source: Source | None = None  # the file indexed (None: the tree's own)
    _files: dict = attrs.field(init=False, repr=False)  # source → (starts, its occurrences)
    _children: dict = attrs.field(init=False, repr=False)  # symbol (None: top) → its children
    _uses: dict = attrs.field(init=False, repr=False)  # symbol → its occurrences

    def __attrs_post_init__(self) -> None:
        files: dict = {}
        for occurrence in self.occurrences:
            files.setdefault(occurrence.span.source, []).append(occurrence)
        object.__setattr__(self, "_files", {
            source: ([o.span.start for o in found], found) for source, found in files.items()})
        children: dict = {}
        for symbol in self.symbols:
            children.setdefault(symbol.parent, []).append(symbol)
        object.__setattr__(self, "_children", children)
        uses: dict = {}
        for occurrence in self.occurrences:
            if occurrence.symbol is not None:
                uses.setdefault(occurrence.symbol, []).append(occurrence)
        object.__setattr__(self, "_uses", uses)

    def at(self, offset: int, source: Source | None = None) -> Occurrence | None:
        """The occurrence under a cursor at `offset` of a file (by default the one indexed;
        touching its end counts)."""
        source = source or self.source
        if source is None:  # an index of one tree, built without naming its source
            source = self.occurrences[0].span.source if self.occurrences else None
        starts, found = self._files.get(source, ((), ()))
        i = bisect.bisect_right(starts, offset) - 1
        for j in (i, i - 1):
            if 0 <= j < len(found):
                occurrence = found[j]
                if occurrence.span.start <= offset <= occurrence.span.end:
                    return occurrence
        return None

    def in_file(self, source: Source) -> tuple[Occurrence, ...]:
        """The occurrences written in one file, by position."""
        return tuple(self._files.get(source, ((), ()))[1])

    def family(self, symbol: Symbol) -> list[Symbol]:
        """The symbol and every declaration that replaces, or is replaced by, the same name
        down the chain of templates: what a rename must change together."""
        origin = symbol.origin
        return [other for other in self.symbols if other.origin is origin]

    def lookup(self, namespace: str, name: str) -> Symbol | None:
        """The symbol `name` means in a namespace (value, group, scale): the first defined."""
        return self._namespaces.get(namespace, {}).get(name)

    def named(self, name: str) -> Iterator[Symbol]:
        """Every symbol with this name, of any kind."""
        return (symbol for symbol in self.symbols if symbol.name == name)

    def references(self, symbol: Symbol, include_definition: bool = True) -> list[Occurrence]:
        return [o for o in self._uses.get(symbol, ()) if include_definition or not o.is_definition]

    def children(self, symbol: Symbol | None) -> list[Symbol]:
        """The symbols directly inside a group or scale (None: the top level), in order."""
        return list(self._children.get(symbol, ()))

    def of_kind(self, *kinds: str) -> list[Symbol]:
        """The symbols of these kinds that a name resolves to (not later duplicates)."""
        return [sym for sym in self.symbols if sym.kind in kinds and self.counts(sym)]

    def counts(self, symbol: Symbol) -> bool:
        """Whether the symbol is the one its name means (a duplicate definition is not)."""
        if symbol.kind == "level":
            return symbol.parent is not None and _first_level(self, symbol) is symbol
        return self.lookup(NAMESPACE[symbol.kind], symbol.name) is symbol


def _first_level(index: Index, level: Symbol) -> Symbol | None:
    return next((sym for sym in index.children(level.parent) if sym.name == level.name), None)


def build(tree: s.Rubric | None, source: Source | None = None, *,
          templates: Iterable[tuple[s.Rubric | None, Source]] = ()) -> Index:
    """The symbol index of a syntax tree (an empty one for None), with the templates it builds
    on: `(tree, source)` of each, the base template first.

    With `source`, every span of the index points into it: for a tree parsed from a repaired
    copy of that text (blanked or completed at the end, so every offset is the same); the same
    holds for each template's tree and source.
    """
    files = [*templates, (tree, source)]
    builder = _Builder({id(t.source): real for t, real in files
                        if t is not None and real is not None and real is not t.source})
    order = {}
    for number, (file_tree, real) in enumerate(files):
        if file_tree is not None:
            order[builder.real(file_tree.source)] = number
            builder.declare(file_tree, number)
    for file_tree, _real in files:
        if file_tree is not None:
            builder.refer(file_tree)
    occurrences = sorted(builder.occurrences, key=lambda o: (
        order.get(o.span.source, len(files)), o.span.start, o.span.end))
    main = source if source is not None else (tree.source if tree is not None else None)
    return Index(symbols=tuple(builder.symbols), occurrences=tuple(occurrences),
                 namespaces=builder.namespaces, source=main)


# --- Building ---------------------------------------------------------------------------------

class _Builder:
    def __init__(self, sources: dict[int, Source]) -> None:
        self.sources = sources  # id of a repaired copy's source → the editor's source
        self.symbols: list[Symbol] = []
        self.occurrences: list[Occurrence] = []
        self.namespaces: dict[str, dict[str, Symbol]] = {"value": {}, "group": {}, "scale": {}}
        self.levels: dict[Symbol, dict[str, Symbol]] = {}  # scale → level name → level
        self.file = 0  # which file of the chain is being declared
        self.files: dict[Symbol, int] = {}  # the file each symbol is declared in

    def real(self, source: Source) -> Source:
        return self.sources.get(id(source), source)

    def span(self, span: Span) -> Span:
        real = self.sources.get(id(span.source))
        return span if real is None else Span(real, span.start, span.end)

    def define(self, kind: str, name: s.Name, node, parent: Symbol | None = None) -> Symbol:
        span = self.span(name.span)
        replaced = None
        if kind in ("input", "let", "scale"):  # a template's declaration of the name: replaced
            previous = self.namespaces[NAMESPACE[kind]].get(name.text)
            if previous is not None and previous.kind == kind \
                    and self.files[previous] < self.file:
                replaced = previous
        symbol = Symbol(kind=kind, name=name.text, span=span, node=node, parent=parent,
                        replaces=replaced)
        self.symbols.append(symbol)
        self.files[symbol] = self.file
        self.occurrences.append(Occurrence(span=span, name=name.text, symbol=symbol,
                                           is_definition=True))
        if kind == "level":
            assert parent is not None  # a level is always declared inside its scale
            self.levels.setdefault(parent, {}).setdefault(name.text, symbol)
        elif replaced is not None:
            self.namespaces[NAMESPACE[kind]][name.text] = symbol
        else:
            self.namespaces[NAMESPACE[kind]].setdefault(name.text, symbol)
        return symbol

    def declare(self, tree: s.Rubric, file: int = 0) -> None:
        self.file = file
        overrides = []
        for statement in tree.statements:
            if isinstance(statement, s.Scale):
                scale = self.define("scale", statement.name, statement)
                self.levels.setdefault(scale, {})
                for row in statement.rows:
                    self.define("level", row.name, row, scale)
            elif isinstance(statement, s.Input):
                self.define("input", statement.name, statement)
            elif isinstance(statement, s.Let):
                self.define("let", statement.name, statement)
            elif isinstance(statement, _BLOCKS + (s.OneOf,)):
                self.declare_blocks(statement, None)
            elif isinstance(statement, s.Override):
                overrides.append(statement)
        for statement in overrides:  # a unit's 个性指标, added to the group it changes
            group = self.namespaces["group"].get(statement.name.text)
            for child in statement.children:
                if isinstance(child, _BLOCKS + (s.OneOf,)):
                    self.declare_blocks(child, group)

    def declare_blocks(self, top, parent: Symbol | None) -> None:
        """Groups and indicators, outermost first, each with the group around it."""
        stack: list[tuple[object, Symbol | None]] = [(top, parent)]
        while stack:
            node, parent = stack.pop()
            inner = parent
            if isinstance(node, s.Group):
                inner = self.define("group", node.name, node, parent)
                items = node.children
            elif isinstance(node, s.Indicator):
                inner = self.define("indicator", node.name, node, parent)
                items = node.clauses  # a misplaced group inside an indicator still declares
            elif isinstance(node, s.OneOf):  # alternatives: declared in the group around them
                items = node.children
            else:
                items = node.items  # type: ignore[attr-defined]
            blocks = [item for item in items if isinstance(item, _BLOCKS + (s.OneOf,))]
            stack.extend((block, inner) for block in reversed(blocks))

    # References

    def refer(self, tree: s.Rubric) -> None:
        """Every name written outside a definition: in expressions, types, clauses, templates."""
        stack: list[tuple[object, str | None]] = [(tree, None)]
        while stack:
            node, scale = stack.pop()
            if isinstance(node, s.Ref):
                self.reference(node.name, node.span, scale)
                continue
            if isinstance(node, s.Name):
                continue  # definitions were read by `declare`; other names below
            if isinstance(node, s.TypeSpec):
                if node.kind == "level" and node.argument is not None:
                    self.occur(node.argument.text, node.argument.span,
                               self.namespaces["scale"].get(node.argument.text))
                continue
            if isinstance(node, s.Monotone):
                self.occur(node.name.text, node.name.span,
                           self.namespaces["value"].get(node.name.text))
                continue
            if isinstance(node, (s.Override, s.Remove, s.NotApplicable, s.Choose)):
                # 修改/删除/不适用/选用 NAME: a use of the indicator or group NAME
                names = (node.name,) if isinstance(node, s.Override) else node.names
                for name in names:
                    self.reference(name.text, name.span, None)
            if isinstance(node, s.Text) and node.kind == "explain":
                self.template(node)
                continue
            context = self.scale_context(node)
            children = list(_children(node))
            stack.extend((child, context.get(id(child))) for child in reversed(children))

    def reference(self, name: str, span: Span, scale: str | None) -> None:
        symbol = self.namespaces["value"].get(name) or self.namespaces["group"].get(name)
        if symbol is None:
            symbol = self.level(name, scale)
        self.occur(name, span, symbol)

    def occur(self, name: str, span: Span, symbol: Symbol | None,
              in_template: bool = False) -> None:
        self.occurrences.append(Occurrence(span=self.span(span), name=name, symbol=symbol,
                                           in_template=in_template))

    def level(self, name: str, scale: str | None) -> Symbol | None:
        """The level `name`: of `scale` when it has one, else of the first scale that does
        (of the scales that count: not one a unit replaced)."""
        preferred = self.namespaces["scale"].get(scale) if scale else None
        if preferred is not None and name in self.levels.get(preferred, {}):
            return self.levels[preferred][name]
        counting = set(self.namespaces["scale"].values())
        return next((levels[name] for scale_symbol, levels in self.levels.items()
                     if scale_symbol in counting and name in levels), None)

    def scale_context(self, node) -> dict[int, str]:
        """Which scale a bare level name in a child of `node` belongs to, when `node` says."""
        if isinstance(node, s.Compare) and node.op in ("=", "!="):
            left, right = self.scale_of(node.left), self.scale_of(node.right)
            return {id(node.right): left, id(node.left): right}  # type: ignore[dict-item]
        if isinstance(node, s.Input) and node.type.kind == "level" and node.type.argument:
            return {id(node.default): node.type.argument.text}
        return {}

    def scale_of(self, expr) -> str | None:
        """The scale of a level input named by `expr`, if it is one."""
        if not isinstance(expr, s.Ref):
            return None
        symbol = self.namespaces["value"].get(expr.name)
        if symbol is None or symbol.kind != "input":
            return None
        type_ = symbol.node.type  # type: ignore[attr-defined]
        return type_.argument.text if type_.kind == "level" and type_.argument else None

    def template(self, text: s.Text) -> None:
        """Values an explanation template reads: `{{ 在职人员数 }}` refers to the input."""
        for name, start, end in template_names(text.text, text.span):
            symbol = self.namespaces["value"].get(name)
            if symbol is not None:  # other names are the template's own (值, 得分, loop names)
                self.occur(name, Span(text.span.source, start, end), symbol, in_template=True)


def _children(node) -> Iterator[object]:
    """The syntax nodes directly inside `node`, in field order."""
    if not attrs.has(type(node)):
        return
    for field in attrs.fields(type(node)):
        value = getattr(node, field.name)
        for item in (value if isinstance(value, tuple) else (value,)):
            if type(item).__module__ == s.__name__:  # a syntax node, not a Span or a str
                yield item


# --- Explanation templates --------------------------------------------------------------------

_TEMPLATE_REGION = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)
_TEMPLATE_WORD = re.compile(r"""'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|([.|]\s*)?([^\W\d]\w*)""")


def template_names(template: str, span: Span) -> Iterator[tuple[str, int, int]]:
    """The variables a template reads, each with its offsets in the rubric's text.

    `template` is the template as the parser gives it (escaped quotes unescaped) and `span`
    that of the string literal it was written as. Attributes (`.x`), filters (`| 百分比`) and
    string literals are not variables; a name Jinja would read from its context is.
    """
    offsets = _template_offsets(span)
    if len(offsets) != len(template):  # not the literal the parser read: nothing to map
        return
    read = _read_names(template)
    for region in _TEMPLATE_REGION.finditer(template):
        for word in _TEMPLATE_WORD.finditer(template, region.start(), region.end()):
            name = word.group(2)
            if name is None or word.group(1) or (read is not None and name not in read):
                continue
            start, end = word.start(2), word.end(2)
            yield name, offsets[start], offsets[end - 1] + 1


def _template_offsets(span: Span) -> list[int]:
    """The offset in the rubric of each character of the template written at `span`."""
    raw = span.text
    out = []
    i = 1  # past the opening quote
    while i < len(raw) - 1:
        if raw.startswith('\\"', i):
            i += 1  # `\"` is one `"` of the template: keep the quote's offset
        out.append(span.start + i)
        i += 1
    return out


def _read_names(template: str) -> set[str] | None:
    """The names a template reads from its context (None when Jinja cannot parse it)."""
    try:
        from jinja2 import meta

        return set(meta.find_undeclared_variables(_jinja().parse(template)))
    except Exception:  # noqa: BLE001 - a broken template is the compiler's E501, not ours
        return None


@functools.cache
def _jinja():
    from perfdsl.checks.templates import environment  # Jinja only for rubrics with templates

    return environment()


# --- Names as written ------------------------------------------------------------------------

def is_bare_name(text: str) -> bool:
    """Whether `text` can be written unquoted: a NAME of the grammar that is not a keyword."""
    return bool(_BARE_NAME.fullmatch(text)) and text not in TOKEN_OF


def spell(name: str) -> str:
    """How to write `name` in a rubric: bare when it can be, else quoted and escaped."""
    if is_bare_name(name):
        return name
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def constant(expr) -> Decimal | None:
    """The value of a weight written as a plain number (None for anything else)."""
    if isinstance(expr, s.Number) and not expr.percent:
        return expr.value
    return None


def weights(node) -> dict[str, s.Weight]:
    """A group's or indicator's weight clauses by kind (weight, reference): the first of each."""
    out: dict[str, s.Weight] = {}
    for clause in getattr(node, "clauses", ()):
        if isinstance(clause, s.Weight):
            out.setdefault(clause.kind, clause)
    return out


def clauses(node, kind: type) -> Iterable:
    return (clause for clause in getattr(node, "clauses", ()) if isinstance(clause, kind))
