"""The fill-in form of a rubric, and the figures it carries.

Expects a compiled rubric. `Layout.of` lays its inputs out the way the rubric groups its
indicators: an input goes into the innermost group that holds every indicator that reads it
(directly or through derived values), so a figure used by one indicator sits beside it, one
used across 预算执行 and 预算管理 sits under 过程, and one used by 投入 and 过程 alike goes
into a first section of shared figures. Inputs no indicator reads come last. Within a section,
inputs keep the order the rubric declares them in.

The form carries text exactly as typed. `Entered.figures` hands it to
`CompiledRubric.evaluate`, which reads it as data files are read (`40.11`, `40.11万元`,
`401100元`, `95%`, 是/否, a level's name; perfdsl.data.figures), so the page and
`perfdsl score` can never disagree; an empty box is a figure not given (its default applies).
`Entered.from_data_file` fills the form from an uploaded data file (YAML, JSON or a workbook: a
percentage cell's number is written as the percentage it shows) and `figures_yaml` writes the
figures back as one, which reads back to the same form.

Form fields are named by position (`f3`, the fourth input; `mk0`/`mv0` the first fact about the
unit), never by rubric names, so no rubric text ever becomes part of a name or an id.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import attrs

import perfdsl
from perfdsl.checks.model import describe_bounds, show_quantity
from perfdsl.data import figures as data
from perfdsl.formatting import plain
from perfdsl.outputs.report import report_model

META = data.META_KEYS[1]  # 基本信息: facts about the unit (name, date, funds), not figures
UNIT_NAME = "单位名称"
MAX_META = 40  # facts about the unit the form carries at most


# --- The layout --------------------------------------------------------------------------------

@attrs.frozen
class Field:
    """One input's box: what it is called, what it takes, which indicators read it."""

    index: int  # the input's position in the rubric: the box is named f{index}
    name: str
    label: str
    widget: str  # number, choice, text
    kind: str  # how a value is written: money, percent, ratio, count, number, bool, level, text
    unit: str  # shown after the box (万元, 人); "" for rates, yes/no and levels
    options: tuple[str, ...]  # for a choice: the values offered
    range: str  # "≥ 0", "> 0万元"; "" when unbounded
    default: str  # the default as the form writes it; "" when there is none
    description: str
    used_by: tuple[str, ...]  # names of the indicators that read it


@attrs.frozen
class IndicatorSlot:
    number: int  # position among the rubric's indicators: its element's id is i{number}
    path: tuple[str, ...]
    name: str
    weight: str
    reference: str
    is_section = False


@attrs.frozen
class Section:
    number: int  # its element's id is g{number}; -1 for the shared and the unread sections
    path: tuple[str, ...]  # () for the two sections outside the rubric's groups
    name: str  # "" for the shared and the unread sections (the page names them)
    role: str  # group, shared, unread
    weight: str
    reference: str
    depth: int
    fields: tuple[Field, ...]
    items: tuple[Section | IndicatorSlot, ...]
    is_section = True


_KINDS = {  # the input's type → how its box is written and what it offers
    "bool": ("choice", "bool"),
    "level": ("choice", "level"),
    "text": ("text", "text"),
}


@attrs.frozen
class Layout:
    compiled: Any = attrs.field(repr=False, eq=False)
    fields: tuple[Field, ...]
    sections: tuple[Section, ...]
    indicators: tuple[IndicatorSlot, ...]

    @classmethod
    def of(cls, compiled: perfdsl.CompiledRubric) -> Layout:
        model = compiled.model
        graph = compiled.to_json()  # its `inputs` per indicator: every input read, at any depth
        readers: dict[str, list[tuple[str, ...]]] = {decl.name: [] for decl in model.inputs}
        for item in graph["indicators"]:
            for name in item["inputs"]:
                readers.setdefault(name, []).append(tuple(item["path"]))
        scales = {scale.name: scale for scale in model.scales}
        fields = tuple(_field(i, decl, scales, readers.get(decl.name, []))
                       for i, decl in enumerate(model.inputs))
        home = {f.index: _innermost_group(readers.get(f.name, [])) for f in fields}
        slots = tuple(IndicatorSlot(number=n, path=ind.path, name=ind.name,
                                    weight=plain(ind.weight), reference=_weight(ind.reference))
                      for n, ind in enumerate(model.indicators))
        slot_of = {slot.path: slot for slot in slots}
        numbers = iter(range(10 ** 9))

        def section(node, depth: int) -> Section | IndicatorSlot:
            if not hasattr(node, "children"):
                return slot_of[node.path]
            return Section(
                number=next(numbers), path=node.path, name=node.name, role="group",
                weight=plain(node.weight), reference=_weight(node.reference), depth=depth,
                fields=tuple(f for f in fields if home[f.index] == node.path),
                items=tuple(section(child, depth + 1) for child in node.children))

        groups = [section(node, 0) for node in model.groups]
        shared = Section(
            number=-1, path=(), name="", role="shared", weight="", reference="", depth=0,
            fields=tuple(f for f in fields if home[f.index] == ()),
            items=tuple(g for g in groups if not g.is_section))  # indicators outside any group
        unread = Section(number=-1, path=(), name="", role="unread", weight="", reference="",
                         depth=0, fields=tuple(f for f in fields if home[f.index] is None),
                         items=())
        sections = [shared] if shared.fields or shared.items else []
        sections += [g for g in groups if g.is_section]
        sections += [unread] if unread.fields else []
        return cls(compiled=compiled, fields=fields, sections=tuple(sections), indicators=slots)


def _weight(value) -> str:
    return "" if value is None else plain(value)


def _innermost_group(paths: list[tuple[str, ...]]) -> tuple[str, ...] | None:
    """The path of the innermost group holding every one of these indicators (None for none)."""
    if not paths:
        return None
    common = paths[0][:-1]
    for path in paths[1:]:
        group = path[:-1]
        n = 0
        while n < min(len(common), len(group)) and common[n] == group[n]:
            n += 1
        common = common[:n]
    return common


def _field(index: int, decl, scales, readers) -> Field:
    type_ = decl.type
    widget, kind = _KINDS.get(type_.kind, ("number", type_.display))
    if type_.kind == "quantity" and kind not in ("money", "percent", "ratio", "count"):
        kind = "number"
    options: tuple[str, ...] = ()
    if kind == "bool":
        options = ("是", "否")
    elif kind == "level":
        scale = scales.get(type_.scale or "")
        options = tuple(level.name for level in scale.levels) if scale else ()
    unit = type_.unit if kind in ("money", "count") else ""
    return Field(
        index=index, name=decl.name, label=decl.label or decl.name, widget=widget, kind=kind,
        unit=unit, options=options,
        range=describe_bounds(decl.bounds, type_) if decl.bounds else "",
        default=_as_text(decl.default, type_), description=decl.description or "",
        used_by=tuple(dict.fromkeys(path[-1] for path in readers)))


def _as_text(value, type_) -> str:
    """A typed value (a default, a figure read from a file) as the form writes it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if type_.kind == "quantity":
        return show_quantity(value, type_)
    return str(value)


# --- What the form carries ---------------------------------------------------------------------

@attrs.frozen
class Entered:
    """The text of every box that is not empty (by input position) and the facts about the unit."""

    values: Mapping[int, str] = attrs.field(factory=dict)
    meta: tuple[tuple[str, str], ...] = ((UNIT_NAME, ""),)

    @classmethod
    def from_form(cls, layout: Layout, form: Mapping[str, Any]) -> Entered:
        values = {}
        for field in layout.fields:
            raw = form.get(f"f{field.index}")
            if isinstance(raw, str) and raw.strip():
                values[field.index] = raw.strip()
        meta = []
        for n in range(MAX_META):
            key, value = form.get(f"mk{n}"), form.get(f"mv{n}")
            if isinstance(key, str) and key.strip():
                meta.append((key.strip(), value.strip() if isinstance(value, str) else ""))
        return cls(values, _with_unit_name(meta))

    @classmethod
    def from_data_file(cls, layout: Layout, file: data.DataFile) -> Entered:
        """The form filled from a data file: each figure's text as written, yes/no as 是/否."""
        by_name = {field.name: field for field in layout.fields}
        decls = layout.compiled.model.inputs
        scales = {scale.name: scale for scale in layout.compiled.model.scales}
        values = {}
        for figure in file.figures:
            field = by_name.get(figure.name)
            if field is None or figure.value is None:
                continue
            text = _scalar_text(figure.value)
            if isinstance(figure.value, Decimal) and decls[field.index].type.kind == "quantity":
                # a workbook's percentage-formatted cell: 0.95 is the 95% it shows
                text = show_quantity(figure.value, decls[field.index].type)
            if field.kind == "bool":  # a choice box shows 是/否 for `yes`, `true`, `达标`…
                value, problem = data.coerce(decls[field.index], figure.value, None, scales)
                if problem is None:
                    text = "是" if value else "否"
            values[field.index] = text
        meta = [(str(k), _scalar_text(v)) for k, v in file.meta.items()][:MAX_META]
        return cls(values, _with_unit_name(meta))

    def figures(self, layout: Layout) -> data.DataFile:
        """What `CompiledRubric.evaluate` reads: the figures as text, with the facts as meta."""
        mapping = {layout.fields[i].name: text for i, text in sorted(self.values.items())}
        return attrs.evolve(data.from_mapping(mapping),
                            meta={k: v for k, v in self.meta if v})

    def text(self, field: Field) -> str:
        return self.values.get(field.index, "")

    def options(self, field: Field) -> tuple[str, ...]:
        """A choice's values, with a value from a file that is not among them kept visible."""
        current = self.text(field)
        return field.options + ((current,) if current and current not in field.options else ())


def _with_unit_name(meta: list[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    if not any(key == UNIT_NAME for key, _ in meta):
        meta = [(UNIT_NAME, "")] + meta
    return tuple(meta[:MAX_META])


def _scalar_text(value: Any) -> str:
    if isinstance(value, (list, dict)):  # a list where one value belongs: shown, then reported
        import json

        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else str(value)


# --- The figures as a data file -----------------------------------------------------------------

def figures_yaml(layout: Layout, entered: Entered) -> str:
    """The entered figures as a YAML data file that `perfdsl score` reads, and the upload reads
    back to the same form: the facts first under 基本信息, then each figure in input order."""
    import yaml

    document: dict[str, Any] = {}
    meta = {key: value for key, value in entered.meta if value}
    if meta:
        document[META] = meta
    for index, text in sorted(entered.values.items()):
        document[layout.fields[index].name] = text
    if not document:
        return "{}\n"
    return yaml.dump(document, Dumper=_dumper(), allow_unicode=True, sort_keys=False,
                     default_flow_style=False, width=10 ** 6)


def _dumper():
    """A YAML dumper that writes `40.11`, `是` and `2022-02-15` plain rather than quoted.

    perfdsl reads every figure from its text, so there is no type to keep: quoting only made
    the file harder to read. Text YAML would read as null (`null`, `~`) is still quoted, and text
    holding a line break of any kind (YAML counts NEL and U+2028/2029 too) is double-quoted, where
    the break is escaped rather than folded into a space when read back."""
    import yaml

    class Dumper(yaml.SafeDumper):
        pass

    def text(dumper, value: str):
        style = '"' if any(ch in _LINE_BREAKS for ch in value) else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    null = "tag:yaml.org,2002:null"
    Dumper.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag == null]
        for first, resolvers in yaml.SafeDumper.yaml_implicit_resolvers.items()}
    Dumper.add_representer(str, text)
    return Dumper


_LINE_BREAKS = frozenset("\n\r\x85\u2028\u2029")


# --- The scores as the page shows them -----------------------------------------------------------

@attrs.frozen
class Shown:
    """A problem beside its box or its indicator: `kind` is `missing` for a figure not given
    (shown quietly while the form is being filled), `problem` for anything else."""

    kind: str
    message: str
    hint: str


_FIELD_CODES = frozenset({"D002", "D003", "D004", "D010"})  # problems of one figure, by `name`


@attrs.frozen
class Scored:
    """One scoring of the form, laid out for the page: every number and sentence it shows."""

    total: str
    grade: str
    groups: Mapping[int, str]  # section number → subtotal
    rows: Mapping[int, Mapping[str, Any]]  # indicator number → its row of the filled form
    fields: Mapping[int, tuple[Shown, ...]]  # input position → its problems
    others: tuple[Shown, ...]  # problems that belong to no box and no indicator
    missing: int  # figures not given that have no default
    wrong: int  # figures given that cannot be used, and problems of no box or indicator
    unscored: int  # indicators that could not be scored

    @classmethod
    def of(cls, layout: Layout, result: perfdsl.Result, lang: str) -> Scored:
        model = report_model(result, lang)
        by_path = {tuple(row["path"]): row for row in model["rows"]}
        groups = {}

        def walk(section):
            if section.path in by_path:
                groups[section.number] = by_path[section.path]["score"]
            for item in section.items:
                if item.is_section:
                    walk(item)

        for section in layout.sections:
            walk(section)
        rows = {slot.number: by_path[slot.path] for slot in layout.indicators}
        index_of = {field.name: field.index for field in layout.fields}
        fields: dict[int, list[Shown]] = {}
        others = []
        for diagnostic in result.problems:
            shown = Shown("missing" if diagnostic.code == "D002" else "problem",
                          diagnostic.message(lang), diagnostic.hint(lang) or "")
            name = diagnostic.args.get("name")
            if diagnostic.code in _FIELD_CODES and name in index_of:
                fields.setdefault(index_of[name], []).append(shown)
            elif "indicator" not in diagnostic.args:  # an indicator's problem is on its row
                others.append(shown)
        beside = [shown for shown_list in fields.values() for shown in shown_list]
        return cls(total=model["total"]["score"], grade=result.grade, groups=groups, rows=rows,
                   fields={k: tuple(v) for k, v in fields.items()}, others=tuple(others),
                   missing=sum(1 for shown in beside if shown.kind == "missing"),
                   wrong=sum(1 for shown in beside if shown.kind == "problem") + len(others),
                   unscored=sum(1 for row in rows.values() if row["problem"]))
