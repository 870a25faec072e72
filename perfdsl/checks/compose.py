"""Pass 1b — compose: the files of a chain → one syntax tree, the template with the unit's changes.

Expects a `perfdsl.language.load.Loaded` whose files all parsed. Guarantees a `Composed`: one
`syntax.Rubric` that `perfdsl.checks.resolve` checks as if it were one file — its nodes keep the
spans of the file each was written in, so a diagnostic points into the template or the unit,
wherever its cause is — and the facts the later passes need that a tree cannot say: what does
not apply to this unit and how its weight is shared out (`annotate` puts them on the model).

Each file, from the base template to the unit, changes what the files before it built:

- a header line (评价体系, 年度, 总分, 等级, 表样, `不适用 按比例折算 …`) replaces the template's;
  a check (检查) or a 政策依据 is added to the template's;
- a scale, input or derived value of a template's name replaces it where it stood; a new one is
  added. An indicator or group of a template's name is an error (E805): say `修改` to change it;
- `修改 NAME 分值 W { … }` changes an indicator or group: its weight (设定分值; the 参考分值
  stays the template's, E806), any clause it repeats (评分, 值, 指标解释…), and for a group,
  new children (个性指标);
- `删除 NAME` takes an indicator or group out: its weight is not shared out, so the weights
  must add up again without it (checked after composition, as always);
- `不适用 NAME` takes it out of the scoring; its weight is shared out as the rubric's policy says
  (`不适用 按比例折算 总分`, the default, or `… 分组`): see `perfdsl.core.lower`;
- `择一 { A; B }` declares alternatives: the unit scores the one it `选用` (the first when it
  chooses none). A group marked `可选` holds optional items: when the unit `选用`s some, the
  others do not apply, and the chosen share the group's weight.

Then: a node with a 参考分值 and no 分值 takes the reference as its weight (设定分值 defaults to
参考分值), and an input or derived value that only removed, inapplicable or unchosen indicators
read is dropped, so a unit is never asked for a figure it does not score (its data may still
give it: `Rubric.ignored_inputs`). Every change is recorded with the template symbol it refers
to (`Composed.changes`), for editors.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import attrs

from perfdsl.checks import model as m
from perfdsl.diagnostics import Diagnostic, Related, closest
from perfdsl.language import syntax as s
from perfdsl.language.load import Loaded
from perfdsl.language.source import Span

_HEADERS = (s.Title, s.Year, s.Total, s.Grades, s.Rescale, s.Layout)
_DECLARATIONS = (s.Scale, s.Input, s.Let)
_CHANGES = (s.Override, s.Remove, s.NotApplicable, s.Choose)


@attrs.frozen
class Change:
    """One change a file makes to what it builds on: for editors (hover, go to definition)."""

    kind: str  # override, remove, not_applicable, choose, replace
    name: str
    span: Span  # the name where the change is written
    target: Span | None  # the name where the template declares it


@attrs.frozen
class Excluded:
    """A node that does not count for this unit, by the path of the group it was in."""

    name: str
    weight: Decimal
    span: Span
    why: str  # not_applicable, not_chosen
    cause: Span | None
    syntax: object = attrs.field(default=None, eq=False, repr=False)  # the node, as composed


@attrs.frozen(eq=False)
class Composed:
    tree: s.Rubric
    changes: tuple[Change, ...] = ()
    rescale: str = "total"
    excluded: dict = attrs.field(factory=dict)  # parent path → tuple[Excluded, ...]
    pools: frozenset = frozenset()  # paths of `可选` groups
    implicit: frozenset = frozenset()  # paths of groups whose weight is their children's sum
    changed: dict = attrs.field(factory=dict)  # path (() for the top) → the change to blame
    ignored_inputs: frozenset[str] = frozenset()


class _Node:
    """A group, an indicator or an alternatives block while the files are applied."""

    __slots__ = ("kind", "syntax", "clauses", "children", "state", "cause", "origin")

    def __init__(self, syntax, origin: int):
        self.syntax = syntax
        self.origin = origin  # which file of the chain declared it
        self.state: str | None = None  # removed, not_applicable
        self.cause: Span | None = None
        if isinstance(syntax, s.OneOf):
            self.kind, self.clauses = "one_of", []
            self.children = [_Node(c, origin) for c in syntax.children]
        elif isinstance(syntax, s.Group):
            self.kind, self.clauses = "group", list(syntax.clauses)
            self.children = [_Node(c, origin) if isinstance(c, (s.Group, s.Indicator, s.OneOf))
                             else _without_composition(c) for c in syntax.children]
        else:
            self.kind, self.clauses, self.children = "indicator", list(syntax.clauses), []

    @property
    def name(self) -> str | None:
        return None if self.kind == "one_of" else self.syntax.name.text

    @property
    def pool(self) -> bool:
        return any(isinstance(c, s.Pool) for c in self.clauses)

    def weight_clause(self, kind: str = "weight") -> s.Weight | None:
        return next((c for c in self.clauses if isinstance(c, s.Weight) and c.kind == kind), None)

    def nodes(self) -> list[_Node]:
        return [c for c in self.children if isinstance(c, _Node)]


def compose(loaded: Loaded) -> tuple[Composed, list[Diagnostic]]:
    """The chain's files as one tree, and the problems found putting them together."""
    composer = _Composer()
    for number, file in enumerate(loaded.files):
        assert file.tree is not None, "compose expects every file parsed"
        composer.apply(file.tree, number)
    return composer.finish(loaded.files[-1].tree), composer.diagnostics


class _Composer:
    def __init__(self) -> None:
        self.diagnostics: list[Diagnostic] = []
        self.statements: list = []  # headers, declarations, nodes: in the order they count
        self.changes: list[Change] = []
        self.chosen: dict[str, s.Choose] = {}
        self.changed: dict[tuple[str, ...], Span] = {}
        self.removed: list[_Node] = []  # taken out by 删除, or alternatives not chosen
        self.file = 0

    def error(self, code: str, span: Span | None, *, related: tuple[Related, ...] = (),
              suggestion: str | None = None, **args) -> None:
        self.diagnostics.append(Diagnostic(code, span, args, related=related,
                                           suggestion=suggestion))

    # --- Applying one file ------------------------------------------------------------------

    def apply(self, tree: s.Rubric, number: int) -> None:
        self.file = number
        statements = [st for st in tree.statements if not isinstance(st, s.Extends)]
        headers = {type(st) for st in statements if isinstance(st, _HEADERS)}
        if headers and number:
            self.statements = [st for st in self.statements
                               if not (isinstance(st, _HEADERS) and type(st) in headers)]
        for statement in statements:
            if isinstance(statement, _HEADERS):
                self.statements.append(statement)
            elif isinstance(statement, _DECLARATIONS):
                self.declare(statement)
            elif isinstance(statement, (s.Group, s.Indicator, s.OneOf)):
                self.add(statement, ())
            elif isinstance(statement, s.OrphanBlock):
                self.statements.append(_without_composition(statement))
            elif not isinstance(statement, _CHANGES + (s.OneOf,)):
                # 检查, 政策依据…: a unit's add to the template's
                self.statements.append(statement)
        for statement in statements:
            if isinstance(statement, s.Override):
                self.override(statement)
            elif isinstance(statement, s.Remove):
                for name in statement.names:
                    self.exclude(name, "removed", statement.span)
            elif isinstance(statement, s.NotApplicable):
                for name in statement.names:
                    self.exclude(name, "not_applicable", statement.span)
            elif isinstance(statement, s.Choose):
                for name in statement.names:
                    self.choose(name, statement)

    def declare(self, statement) -> None:
        """A scale, input or derived value; one of a template's name replaces it in place."""
        name = statement.name.text
        for i, existing in enumerate(self.statements):
            if type(existing) is type(statement) and existing.name.text == name \
                    and self.file and existing.name.span.source is not statement.name.span.source:
                self.statements[i] = statement
                self.changes.append(Change("replace", name, statement.name.span,
                                           existing.name.span))
                return
        self.statements.append(statement)

    def add(self, syntax, parent: tuple[str, ...]) -> None:
        """A new top-level group or indicator; a template's name needs `修改` instead."""
        clash = self.clash(syntax)
        if clash is not None:
            return
        self.statements.append(_Node(syntax, self.file))
        if self.file:
            self.changed[parent] = syntax.span

    def clash(self, syntax) -> _Node | None:
        """The template's node of the same name as a node this file declares, reported."""
        if not self.file or isinstance(syntax, s.OneOf):
            return None
        for node, _path in self.walk():
            if node.name == syntax.name.text and node.origin < self.file:
                self.error("E805", syntax.name.span, name=node.name,
                           template=node.syntax.name.span.location(),
                           related=(Related(node.syntax.name.span, "template-declaration"),))
                return node
        return None

    # --- Finding nodes ------------------------------------------------------------------------

    def walk(self, live_only: bool = True) -> Iterator[tuple[_Node, tuple[str, ...]]]:
        """Every node with the path of the group it is in (alternatives blocks are see-through)."""
        stack = [(n, ()) for n in reversed(self.statements) if isinstance(n, _Node)]
        while stack:
            node, path = stack.pop()
            if live_only and node.state == "removed":
                continue
            yield node, path
            inner = path + (node.name,) if node.kind == "group" else path
            stack.extend((c, inner) for c in reversed(node.nodes()))

    def find(self, name: s.Name, what: str) -> tuple[_Node, tuple[str, ...]] | None:
        found = [(n, p) for n, p in self.walk() if n.name == name.text]
        if not found:
            known = {n.name for n, _ in self.walk() if n.name}
            self.error("E804", name.span, name=name.text, what=what[0], what_zh=what[1],
                       suggestion=closest(name.text, known))
            return None
        if len(found) > 1:
            self.error("E814", name.span, name=name.text, count=len(found),
                       places=", ".join(f"`{n.syntax.name.span.location()}`" for n, _ in found))
            return None
        return found[0]

    # --- The changes --------------------------------------------------------------------------

    def override(self, statement: s.Override) -> None:
        found = self.find(statement.name, ("change", "修改"))
        if found is None:
            return
        node, path = found
        self.changes.append(Change("override", node.name, statement.name.span,
                                   node.syntax.name.span))
        own = path + (node.name,) if node.kind == "group" else path
        for clause in statement.clauses:
            if isinstance(clause, s.Weight) and clause.kind == "reference":
                self.error("E806", clause.span, name=node.name)
                continue
            if isinstance(clause, s.Weight):
                self.changed[own if node.kind == "group" else path] = clause.span
            at = next((i for i, c in enumerate(node.clauses) if _same_clause(c, clause)), None)
            if at is None:
                node.clauses.append(clause)
            else:  # in the place of the template's, so the clauses keep their order
                node.clauses = [c for c in node.clauses if not _same_clause(c, clause)]
                node.clauses.insert(at, clause)
        for child in statement.children:
            if node.kind != "group":
                what = ("group", "分组") if isinstance(child, s.Group) else ("indicator", "指标")
                self.error("E314", child.span, what=what[0], what_zh=what[1])
                continue
            if self.clash(child) is None:
                node.children.append(_Node(child, self.file))
                self.changed[own] = child.span

    def exclude(self, name: s.Name, state: str, span: Span) -> None:
        words = {"removed": ("remove", "删除"), "not_applicable": ("mark not applicable", "标为不适用")}
        found = self.find(name, words[state])
        if found is None:
            return
        node, path = found
        node.state, node.cause = state, span
        if state == "removed":
            self.removed.append(node)
            self.changed[path] = span
        self.changes.append(Change(state, node.name, name.span, node.syntax.name.span))

    def choose(self, name: s.Name, statement: s.Choose) -> None:
        found = self.find(name, ("choose", "选用"))
        if found is None:
            return
        node, _path = found
        holder = self.holder(node)
        if holder is None or not (holder.kind == "one_of" or holder.pool):
            self.error("E807", name.span, name=name.text)
            return
        self.chosen[name.text] = statement
        self.changes.append(Change("choose", node.name, name.span, node.syntax.name.span))

    def holder(self, target: _Node) -> _Node | None:
        for node, _path in self.walk():
            if target in node.nodes():
                return node
        return None

    # --- Putting it together ------------------------------------------------------------------

    def finish(self, unit: s.Rubric) -> Composed:
        excluded: dict[tuple[str, ...], list[Excluded]] = {}
        pools: set[tuple[str, ...]] = set()
        implicit: set[tuple[str, ...]] = set()
        top = [st for st in self.statements if isinstance(st, _Node)]
        kept = self.settle(top, (), None, excluded, pools, implicit)
        statements = []
        nodes = iter(kept)
        placed = False
        for statement in self.statements:
            if isinstance(statement, _Node):
                if not placed:  # the tree where the first node stood, in its order
                    statements.extend(nodes)
                    placed = True
                continue
            statements.append(statement)
        if not placed:
            statements.extend(nodes)
        rescale = [st for st in statements if isinstance(st, s.Rescale)]
        for extra in rescale[1:]:
            self.error("E006", extra.span, what="not_applicable rescale",
                       what_zh="不适用 按比例折算")
        if not kept and excluded.get(()):
            self.error("E812", excluded[()][0].cause or unit.span)
        statements = [st for st in statements if not isinstance(st, s.Rescale)]
        statements, ignored = self.drop_unread(statements)
        lost = frozenset().union(unit.lost_names)
        tree = s.Rubric(source=unit.source, statements=tuple(statements), span=unit.span,
                        lost_names=lost)
        return Composed(tree=tree, changes=tuple(self.changes),
                        rescale=rescale[-1].scope if rescale else "total",
                        excluded={k: tuple(v) for k, v in excluded.items()},
                        pools=frozenset(pools), implicit=frozenset(implicit),
                        changed=dict(self.changed), ignored_inputs=ignored)

    def settle(self, nodes: list, path: tuple[str, ...], holder: _Node | None, excluded: dict,
               pools: set, implicit: set) -> list:
        """The syntax of the nodes that count, in order; what does not apply, by parent path."""
        nodes = self.choose_alternatives(nodes)
        pool_chosen = None
        if holder is not None and holder.pool:
            pools.add(path)
            named = [n for n in nodes if isinstance(n, _Node) and n.name in self.chosen]
            pool_chosen = {n.name for n in named} if named else None
        out = []
        for node in nodes:
            if not isinstance(node, _Node):
                out.append(node)  # an orphan block: resolve reports it
                continue
            if node.state == "removed":
                continue
            why = None
            if node.state == "not_applicable":
                why = "not_applicable"
            elif pool_chosen is not None and node.name not in pool_chosen:
                why = "not_chosen"
                node.cause = self.chosen[next(iter(pool_chosen))].span
            syntax = self.rebuild(node, path, excluded, pools, implicit) if why is None else None
            if why is None and syntax is None:  # a group left with nothing that applies
                why, node.cause = "not_applicable", _first_cause(excluded, path + (node.name,))
            if why is not None:
                excluded.setdefault(path, []).append(Excluded(
                    name=node.name, weight=_weight_of(node), span=node.syntax.name.span, why=why,
                    cause=node.cause, syntax=self.rebuild(node, path, {}, set(), set(),
                                                          quiet=True) or node.syntax))
                continue
            out.append(syntax)
        return out

    def choose_alternatives(self, nodes: list) -> list:
        """Each alternatives block replaced by the member the unit chose (its first by default)."""
        out = []
        for node in nodes:
            if not (isinstance(node, _Node) and node.kind == "one_of"):
                out.append(node)
                continue
            members = [n for n in node.nodes() if n.state != "removed"]
            if len(node.nodes()) < 2:
                self.error("E810", node.syntax.span)
            chosen = [n for n in members if n.name in self.chosen]
            for other in chosen[1:]:
                self.error("E808", self.chosen[other.name].span, name=other.name,
                           other=chosen[0].name)
            pick = chosen[0] if chosen else (members[0] if members else None)
            for member in members:
                if member is not pick:
                    self.removed.append(member)
            if pick is not None:
                out.append(pick)
        return out

    def rebuild(self, node: _Node, path: tuple[str, ...], excluded: dict, pools: set,
                implicit: set, quiet: bool = False):
        """The syntax node with the changes applied, or None for a group with nothing left.
        `quiet`: for a node that does not count, built only to be shown (no diagnostics)."""
        if quiet:
            saved = self.diagnostics
            self.diagnostics = []
            try:
                return self.rebuild(node, path, excluded, pools, implicit)
            finally:
                self.diagnostics = saved
        clauses = list(node.clauses)
        if node.weight_clause() is None and node.weight_clause("reference") is not None:
            # 设定分值 defaults to 参考分值: a template gives the reference, a unit may change it.
            reference = node.weight_clause("reference")
            clauses.append(s.Weight(kind="weight", value=reference.value, span=reference.span))
        if node.kind == "indicator":
            for clause in clauses:
                if isinstance(clause, s.OneOf):
                    self.error("E314", clause.span, what="one_of", what_zh="择一")
            clauses = [c for c in clauses if not isinstance(c, s.OneOf)]
            if clauses == list(node.syntax.clauses):
                return node.syntax
            return attrs.evolve(node.syntax, clauses=tuple(clauses))
        own = path + (node.name,)
        children = self.settle(node.children, own, node, excluded, pools, implicit)
        if not any(isinstance(c, (s.Group, s.Indicator)) for c in children) and excluded.get(own):
            return None
        if not any(isinstance(c, s.Weight) and c.kind == "weight" for c in clauses):
            implicit.add(own)
        clauses = [c for c in clauses if not isinstance(c, s.Pool)]
        if clauses == list(node.syntax.clauses) and len(children) == len(node.syntax.children) \
                and all(a is b for a, b in zip(children, node.syntax.children)):
            return node.syntax
        return attrs.evolve(node.syntax, clauses=tuple(clauses), children=tuple(children))

    def drop_unread(self, statements: list) -> tuple[list, frozenset[str]]:
        """Without the inputs and derived values that only what no longer counts read."""
        gone = self.removed + [n for n, _ in self.walk() if n.state == "not_applicable"]
        if not gone and not any(n.kind == "group" and n.pool for n, _ in self.walk()):
            return statements, frozenset()
        lets = {st.name.text: st for st in statements if isinstance(st, s.Let)}
        inputs = {st.name.text for st in statements if isinstance(st, s.Input)}
        # What reads values besides the tree: the rubric's checks (检查), and anything else kept.
        live_roots = [st for st in statements if not isinstance(st, (s.Input, s.Let))]
        every_roots: list = []
        for node, _path in self.walk(live_only=False):
            every_roots += [node.syntax, *node.clauses]
        every = _closure(_refs(every_roots), lets)
        # A derived value no node reads stays (resolve warns of it), and so does what it reads.
        live = _closure(_refs(live_roots) | (set(lets) - every), lets)
        dropped = (every - live) & (inputs | set(lets))
        kept = [st for st in statements
                if not (isinstance(st, (s.Input, s.Let)) and st.name.text in dropped)]
        return kept, frozenset(dropped & inputs)


def _without_composition(node):
    """What is left of a block whose header a syntax error took (an orphan block), with what
    only this pass reads taken out — a `可选` mark, an alternatives block (its first member
    stands for it) — so resolve sees only what it knows and reports the block."""
    if isinstance(node, s.OrphanBlock):
        return attrs.evolve(node, items=tuple(_without_composition(i) for i in node.items
                                              if not isinstance(i, s.Pool)))
    if isinstance(node, s.OneOf):
        members = [c for c in node.children if isinstance(c, (s.Group, s.Indicator))]
        return _without_composition(members[0]) if members else s.OrphanBlock(items=(),
                                                                             span=node.span)
    if isinstance(node, s.Group):
        return attrs.evolve(node, clauses=tuple(c for c in node.clauses
                                                if not isinstance(c, s.Pool)),
                            children=tuple(_without_composition(c) for c in node.children))
    if isinstance(node, s.Indicator):
        return attrs.evolve(node, clauses=tuple(_without_composition(c) for c in node.clauses))
    return node


def _same_clause(old, new) -> bool:
    """Whether `new` (from a 修改) takes the place of the template's clause `old`."""
    if isinstance(old, s.Text) and isinstance(new, s.Text):
        return old.kind == new.kind
    if isinstance(old, s.Weight) and isinstance(new, s.Weight):
        return old.kind == new.kind
    single = (s.ValueClause, s.ScoreClause, s.Fallback, s.Goal)
    return isinstance(new, single) and type(old) is type(new)


def _weight_of(node: _Node) -> Decimal:
    """The weight of a node that no longer counts: as written (or its reference), or for a
    group with none, its children's."""
    from perfdsl.checks.resolve import _fold

    clause = node.weight_clause() or node.weight_clause("reference")
    if clause is not None:
        return _fold(clause.value) or Decimal(0)
    total = Decimal(0)
    for child in node.nodes():
        if child.state != "removed":
            total += _weight_of(child if child.kind != "one_of" else (child.nodes() or [child])[0])
    return total


def _first_cause(excluded: dict, path: tuple[str, ...]) -> Span | None:
    return next((e.cause for e in excluded.get(path, ()) if e.cause is not None), None)


def _refs(roots) -> set[str]:
    """Every name an expression under these syntax nodes refers to (without recursion)."""
    names: set[str] = set()
    stack = list(roots)
    while stack:
        node = stack.pop()
        if isinstance(node, s.Ref):
            names.add(node.name)
            continue
        if isinstance(node, s.Monotone):
            names.add(node.name.text)
            continue
        if not attrs.has(type(node)):
            continue
        for field in attrs.fields(type(node)):
            value = getattr(node, field.name)
            for item in value if isinstance(value, tuple) else (value,):
                if type(item).__module__ == s.__name__:
                    stack.append(item)
    return names


def _closure(names: set[str], lets: dict[str, s.Let]) -> set[str]:
    """The names and, through derived values, every name they read."""
    out: set[str] = set()
    stack = list(names)
    while stack:
        name = stack.pop()
        if name in out:
            continue
        out.add(name)
        if name in lets:
            stack.extend(_refs([lets[name].value]))
    return out


# --- After resolve: the facts a tree cannot carry -----------------------------------------------

def annotate(rubric: m.Rubric, composed: Composed) -> m.Rubric:
    """The model with what does not apply, the pools and the policy on it. Indicators are the
    same objects: only the groups are rebuilt."""
    if not (composed.excluded or composed.pools or composed.changed or composed.ignored_inputs
            or composed.rescale != "total"):
        return rubric

    def group(node):
        if isinstance(node, m.Indicator):
            return node
        path = node.path
        gone = tuple(_model_excluded(e) for e in composed.excluded.get(path, ()))
        children = tuple(group(c) for c in node.children)
        weight = node.weight
        if path in composed.implicit:  # its children's weights, and theirs that do not apply
            weight = sum((c.weight for c in children), Decimal(0)) \
                + sum((e.weight for e in gone), Decimal(0))
        return attrs.evolve(node, children=children, excluded=gone, weight=weight,
                            pool=path in composed.pools, changed=composed.changed.get(path))

    return attrs.evolve(
        rubric, groups=tuple(group(n) for n in rubric.groups), rescale=composed.rescale,
        excluded=tuple(_model_excluded(e) for e in composed.excluded.get((), ())),
        ignored_inputs=composed.ignored_inputs, changed=composed.changed.get(()))


def _model_excluded(e: Excluded) -> m.Excluded:
    return m.Excluded(name=e.name, weight=e.weight, span=e.span, why=e.why, cause=e.cause)


