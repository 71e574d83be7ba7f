"""What changed for one product set between two decisions' score sheets.

Decisions number their criteria differently (148 prints "a)", "b)" within each section, 1048
and 26/2026 print "1.1", "1.2"), so criteria are matched by their titles. The matching rule,
applied to criteria of the same part (A, B, C), in three passes, each pairing only criteria
left over by the passes before:

1. **Same title**: the normalised titles are equal. A title is normalised by Unicode NFC, case
   folding, dropping its printed number ("1.1.", "a)", "8.a", "3.2(1)") and every
   parenthesised remark, and turning punctuation into spaces.
2. **Similar title**: the similarity of the normalised titles (:class:`difflib.SequenceMatcher`
   ratio) is at least 0.75; the most similar pairs are taken first, ties in printed order.
3. **Same section**: in sections with the same normalised title or number, similarity at
   least 0.5 ("Công bố tiêu chuẩn sản phẩm của cơ sở sản xuất" and "Công bố chất lượng sản
   phẩm" are the one criterion of section 9).

What is left is *removed* (old sheet) or *added* (new sheet). Options of a matched criterion
are matched the same way by label (equal, then similarity ≥ 0.8, then same points and
similarity ≥ 0.4). Sections are matched by normalised title, then similarity ≥ 0.6, then
number.

>>> from ocop.rubric.model import Criterion, Option, Part, Section, Sheet
>>> def sheet(decision, code, title, *points):
...     options = tuple(Option(label=f"Mức {p}", points=p) for p in points)
...     criterion = Criterion(code=code, title=title, part="A", section="1",
...                           max_points=max(points), options=options)
...     return Sheet(decision=decision, set_no=1, name="Rau", markers=(),
...         criteria={code: criterion}, parts=(Part(code="A", title="A", max_points=max(points),
...         sections=(Section(no="1", title="1. TỔ CHỨC SẢN XUẤT", max_points=max(points),
...         criteria=(criterion,)),)),))
>>> old = sheet("148/2023", "1.a", "a) Nguồn gốc sản phẩm", 1, 3, 5)
>>> new = sheet("26/2026", "1.1", "1.1. Nguồn gốc sản phẩm", 1, 2, 3)
>>> change = diff_sheets(old, new).changed[0]
>>> change.old.code, change.new.code, change.old.max_points, change.new.max_points
('1.a', '1.1', 5, 3)
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence
from typing import Final, TypeVar

import attrs

from ocop._text import clean_name
from ocop.errors import Lang
from ocop.ranking import heading
from ocop.rubric.model import Criterion, Section, Sheet

__all__ = [
    "CriterionChange",
    "CriterionRef",
    "MarkerRef",
    "MaximumChange",
    "OptionChange",
    "OptionRef",
    "SheetDiff",
    "diff_sheets",
    "normalise_title",
]

_NUMBERING: Final = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?(?:[a-zđ]\b\.?)?(?:\(\d+\))?|[a-zđ]\))\s*")
_REMARK: Final = re.compile(r"\([^)]*\)")
_PUNCTUATION: Final = re.compile(r"[^\w\s]")

SIMILAR: Final = 0.75
SAME_SECTION: Final = 0.5
SIMILAR_OPTION: Final = 0.8
REWORDED_OPTION: Final = 0.4
SIMILAR_SECTION: Final = 0.6


def normalise_title(title: str) -> str:
    """The key criteria are matched on across decisions.

    >>> normalise_title("a) Câu chuyện về sản phẩm")
    'câu chuyện về sản phẩm'
    >>> normalise_title("4.2. Tổ chức phân phối (Gồm: Tổ chức kinh doanh, phân phối sản phẩm)")
    'tổ chức phân phối'
    """
    text = _NUMBERING.sub("", clean_name(title).casefold(), count=1)
    text = _PUNCTUATION.sub(" ", _REMARK.sub(" ", text))
    return " ".join(text.split())


def _similarity(left: str, right: str) -> float:
    return difflib.SequenceMatcher(None, left, right, autojunk=False).ratio()


T = TypeVar("T")


def _pair(
    old: Sequence[T],
    new: Sequence[T],
    key: Callable[[T], str],
    passes: Sequence[tuple[float, Callable[[T, T], bool]]],
) -> tuple[list[tuple[int, int, float, int]], list[int], list[int]]:
    """Pair items: equal keys first, then each (threshold, admissible) pass, greedily.

    Returns (old index, new index, similarity, pass number) pairs and the unpaired indices.
    """
    keys_old = [key(item) for item in old]
    keys_new = [key(item) for item in new]
    pairs: list[tuple[int, int, float, int]] = []
    used_old: set[int] = set()
    used_new: set[int] = set()
    for i, key_old in enumerate(keys_old):
        for j, key_new in enumerate(keys_new):
            if j not in used_new and key_old == key_new and passes[0][1](old[i], new[j]):
                pairs.append((i, j, 1.0, 1))
                used_old.add(i)
                used_new.add(j)
                break
    for number, (threshold, admissible) in enumerate(passes, start=2):
        candidates = []
        for i, key_old in enumerate(keys_old):
            if i in used_old:
                continue
            for j, key_new in enumerate(keys_new):
                if j in used_new or not admissible(old[i], new[j]):
                    continue
                ratio = _similarity(key_old, key_new)
                if ratio >= threshold:
                    candidates.append((-ratio, i, j))
        for negative, i, j in sorted(candidates):
            if i not in used_old and j not in used_new:
                pairs.append((i, j, -negative, number))
                used_old.add(i)
                used_new.add(j)
    pairs.sort(key=lambda pair: pair[1])
    return (
        pairs,
        [i for i in range(len(old)) if i not in used_old],
        [j for j in range(len(new)) if j not in used_new],
    )


@attrs.frozen(kw_only=True)
class CriterionRef:
    """A criterion as one decision prints it."""

    code: str
    title: str
    part: str
    section: str
    max_points: int

    @classmethod
    def of(cls, criterion: Criterion) -> CriterionRef:
        """The reference to ``criterion``."""
        return cls(
            code=criterion.code,
            title=heading(criterion),
            part=criterion.part,
            section=criterion.section,
            max_points=criterion.max_points,
        )


@attrs.frozen(kw_only=True)
class OptionRef:
    """An option: its label and points."""

    label: str
    points: int


@attrs.frozen(kw_only=True)
class OptionChange:
    """An option present in both sheets whose label or points changed."""

    old: OptionRef
    new: OptionRef


@attrs.frozen(kw_only=True)
class MarkerRef:
    """A star marker: the star, and the option's points and label."""

    star: int
    points: int
    label: str


@attrs.frozen(kw_only=True)
class CriterionChange:
    """A criterion found in both sheets, and how it changed.

    Attributes:
        old: the criterion in the old sheet.
        new: the criterion in the new sheet.
        rule: the matching pass: ``"same title"``, ``"similar title"`` or ``"same section"``.
        similarity: of the normalised titles (1.0 for the same title).
        options_added: options only in the new sheet.
        options_removed: options only in the old sheet.
        options_changed: options in both whose label or points changed.
        markers_old: the old sheet's markers on the criterion.
        markers_new: the new sheet's markers on the criterion.
    """

    old: CriterionRef
    new: CriterionRef
    rule: str
    similarity: float
    options_added: tuple[OptionRef, ...] = ()
    options_removed: tuple[OptionRef, ...] = ()
    options_changed: tuple[OptionChange, ...] = ()
    markers_old: tuple[MarkerRef, ...] = ()
    markers_new: tuple[MarkerRef, ...] = ()

    @property
    def reweighted(self) -> bool:
        """Whether the criterion's maximum changed."""
        return self.old.max_points != self.new.max_points

    @property
    def options_differ(self) -> bool:
        """Whether any option was added, removed, relabelled or re-pointed."""
        return bool(self.options_added or self.options_removed or self.options_changed)

    @property
    def markers_moved(self) -> bool:
        """Whether the star markers on the criterion differ (star, points or option)."""
        return _marker_keys(self.markers_old) != _marker_keys(self.markers_new)

    @property
    def substantive(self) -> bool:
        """Whether anything beyond the numbering and wording of the title changed."""
        return self.reweighted or self.options_differ or self.markers_moved


def _marker_keys(markers: Sequence[MarkerRef]) -> list[tuple[int, int, str]]:
    return sorted((m.star, m.points, normalise_title(m.label)) for m in markers)


@attrs.frozen(kw_only=True)
class MaximumChange:
    """A part or section whose maximum changed, or that exists in only one sheet.

    Attributes:
        level: ``"part"`` or ``"section"``.
        old_key: the part code or section number in the old sheet (``None`` if added).
        new_key: the same in the new sheet (``None`` if removed).
        title: the title (the new one when both exist).
        old_max: the old maximum (``None`` if added).
        new_max: the new maximum (``None`` if removed).
    """

    level: str
    old_key: str | None
    new_key: str | None
    title: str
    old_max: int | None
    new_max: int | None


_RULES: Final = {1: "same title", 2: "similar title", 3: "same section"}


@attrs.frozen(kw_only=True)
class SheetDiff:
    """What changed for a product set from one decision's sheet to another's.

    Attributes:
        old_decision: the old sheet's decision.
        old_set_no: the old sheet's set number.
        old_name: the old sheet's set name.
        new_decision: the new sheet's decision.
        new_set_no: the new sheet's set number.
        new_name: the new sheet's set name.
        matched: every criterion found in both sheets, in the new sheet's order.
        added: criteria only in the new sheet.
        removed: criteria only in the old sheet.
        maxima: parts and sections whose maximum changed, added or removed.
    """

    old_decision: str
    old_set_no: int
    old_name: str
    new_decision: str
    new_set_no: int
    new_name: str
    matched: tuple[CriterionChange, ...]
    added: tuple[CriterionRef, ...]
    removed: tuple[CriterionRef, ...]
    maxima: tuple[MaximumChange, ...]

    @property
    def changed(self) -> tuple[CriterionChange, ...]:
        """Matched criteria whose maximum, options or markers changed."""
        return tuple(change for change in self.matched if change.substantive)

    @property
    def reweighted(self) -> tuple[CriterionChange, ...]:
        """Matched criteria whose maximum changed."""
        return tuple(change for change in self.matched if change.reweighted)

    @property
    def markers_moved(self) -> tuple[CriterionChange, ...]:
        """Matched criteria whose star markers differ."""
        return tuple(change for change in self.matched if change.markers_moved)

    def render(self, lang: Lang = "vi") -> str:
        """The differences as text, in Vietnamese or English."""
        return _render(self, lang == "en")


def _markers_of(sheet: Sheet, code: str) -> tuple[MarkerRef, ...]:
    criterion = sheet.criteria[code]
    return tuple(
        MarkerRef(star=m.star, points=m.points, label=criterion.options[m.option].label)
        for m in sheet.markers
        if m.criterion == code
    )


def _option_changes(
    old: Criterion, new: Criterion
) -> tuple[tuple[OptionRef, ...], tuple[OptionRef, ...], tuple[OptionChange, ...]]:
    old_options = [OptionRef(label=o.label, points=o.points) for o in old.options]
    new_options = [OptionRef(label=o.label, points=o.points) for o in new.options]
    pairs, only_old, only_new = _pair(
        old_options,
        new_options,
        lambda option: normalise_title(option.label),
        [
            (SIMILAR_OPTION, lambda a, b: True),
            (REWORDED_OPTION, lambda a, b: a.points == b.points),
        ],
    )
    changed = tuple(
        OptionChange(old=old_options[i], new=new_options[j])
        for i, j, _, _ in pairs
        if old_options[i].points != new_options[j].points
        or clean_name(old_options[i].label) != clean_name(new_options[j].label)
    )
    return (
        tuple(new_options[j] for j in only_new),
        tuple(old_options[i] for i in only_old),
        changed,
    )


def _sections(sheet: Sheet) -> list[tuple[str, Section]]:
    return [(part.code, section) for part in sheet.parts for section in part.sections]


def _maxima(old: Sheet, new: Sheet) -> list[MaximumChange]:
    changes: list[MaximumChange] = []
    old_parts = {part.code: part for part in old.parts}
    for part in new.parts:
        before = old_parts.pop(part.code, None)
        if before is None or before.max_points != part.max_points:
            changes.append(
                MaximumChange(
                    level="part",
                    old_key=None if before is None else part.code,
                    new_key=part.code,
                    title=clean_name(part.title),
                    old_max=None if before is None else before.max_points,
                    new_max=part.max_points,
                )
            )
    changes.extend(
        MaximumChange(
            level="part",
            old_key=code,
            new_key=None,
            title=clean_name(part.title),
            old_max=part.max_points,
            new_max=None,
        )
        for code, part in old_parts.items()
    )
    old_sections, new_sections = _sections(old), _sections(new)
    pairs, only_old, only_new = _pair(
        old_sections,
        new_sections,
        lambda pair: normalise_title(pair[1].title),
        [
            (SIMILAR_SECTION, lambda a, b: a[0] == b[0]),
            (0.0, lambda a, b: a[0] == b[0] and a[1].no == b[1].no),
        ],
    )
    for i, j, _, _ in pairs:
        earlier, later = old_sections[i][1], new_sections[j][1]
        if earlier.max_points != later.max_points:
            changes.append(
                MaximumChange(
                    level="section",
                    old_key=earlier.no,
                    new_key=later.no,
                    title=clean_name(later.title),
                    old_max=earlier.max_points,
                    new_max=later.max_points,
                )
            )
    for j in only_new:
        section = new_sections[j][1]
        changes.append(
            MaximumChange(
                level="section",
                old_key=None,
                new_key=section.no,
                title=clean_name(section.title),
                old_max=None,
                new_max=section.max_points,
            )
        )
    for i in only_old:
        section = old_sections[i][1]
        changes.append(
            MaximumChange(
                level="section",
                old_key=section.no,
                new_key=None,
                title=clean_name(section.title),
                old_max=section.max_points,
                new_max=None,
            )
        )
    return changes


def diff_sheets(old: Sheet, new: Sheet) -> SheetDiff:
    """Compare one product set's sheet under two decisions.

    Args:
        old: the earlier sheet, e.g. ``ocop.rubric.sheet("148/2023", 1)``.
        new: the later sheet, e.g. ``ocop.rubric.sheet("26/2026", 1)``.

    Returns:
        Criteria added, removed and matched (with their changes of maximum, options and star
        markers), and the parts and sections whose maximum changed.
    """
    old_criteria = list(old.criteria.values())
    new_criteria = list(new.criteria.values())
    section_titles_old = {s.no: normalise_title(s.title) for _, s in _sections(old)}
    section_titles_new = {s.no: normalise_title(s.title) for _, s in _sections(new)}

    def same_part(a: Criterion, b: Criterion) -> bool:
        return a.part == b.part

    def same_section(a: Criterion, b: Criterion) -> bool:
        return a.part == b.part and (
            a.section == b.section
            or section_titles_old.get(a.section) == section_titles_new.get(b.section)
        )

    pairs, only_old, only_new = _pair(
        old_criteria,
        new_criteria,
        lambda criterion: normalise_title(criterion.title),
        [(SIMILAR, same_part), (SAME_SECTION, same_section)],
    )
    matched = []
    for i, j, ratio, number in pairs:
        before, after = old_criteria[i], new_criteria[j]
        added, removed, changed = _option_changes(before, after)
        matched.append(
            CriterionChange(
                old=CriterionRef.of(before),
                new=CriterionRef.of(after),
                rule=_RULES[number],
                similarity=round(ratio, 3),
                options_added=added,
                options_removed=removed,
                options_changed=changed,
                markers_old=_markers_of(old, before.code),
                markers_new=_markers_of(new, after.code),
            )
        )
    return SheetDiff(
        old_decision=old.decision,
        old_set_no=old.set_no,
        old_name=clean_name(old.name),
        new_decision=new.decision,
        new_set_no=new.set_no,
        new_name=clean_name(new.name),
        matched=tuple(matched),
        added=tuple(CriterionRef.of(new_criteria[j]) for j in only_new),
        removed=tuple(CriterionRef.of(old_criteria[i]) for i in only_old),
        maxima=tuple(_maxima(old, new)),
    )


def _max_text(value: int | None) -> str:
    return "-" if value is None else str(value)


def _marker_text(markers: Sequence[MarkerRef]) -> str:
    if not markers:
        return "-"
    return ", ".join(f"{m.star}★ ≥ {m.points}" for m in sorted(markers, key=lambda m: m.star))


def _render(diff: SheetDiff, en: bool) -> str:
    lines = [
        (
            f"Set {diff.old_set_no} ({diff.old_name}), {diff.old_decision} → "
            f"set {diff.new_set_no} ({diff.new_name}), {diff.new_decision}"
        )
        if en
        else (
            f"Bộ {diff.old_set_no} ({diff.old_name}), QĐ {diff.old_decision} → "
            f"bộ {diff.new_set_no} ({diff.new_name}), QĐ {diff.new_decision}"
        )
    ]
    if diff.maxima:
        lines.append("Maxima:" if en else "Điểm tối đa:")
        for maximum in diff.maxima:
            level = (
                ("part" if en else "phần")
                if maximum.level == "part"
                else ("section" if en else "mục")
            )
            lines.append(
                f"  {level} {maximum.new_key or maximum.old_key} {maximum.title}: "
                f"{_max_text(maximum.old_max)} → {_max_text(maximum.new_max)}"
            )
    if diff.added:
        lines.append("Added criteria:" if en else "Tiêu chí mới:")
        lines.extend(f"  + {ref.title} ({ref.max_points})" for ref in diff.added)
    if diff.removed:
        lines.append("Removed criteria:" if en else "Tiêu chí bỏ:")
        lines.extend(f"  - {ref.title} ({ref.max_points})" for ref in diff.removed)
    changed = diff.changed
    if changed:
        lines.append("Changed criteria:" if en else "Tiêu chí thay đổi:")
    for change in changed:
        lines.append(f"  {change.old.code} → {change.new.title}")
        if change.reweighted:
            lines.append(
                f"    {'maximum' if en else 'điểm tối đa'}: "
                f"{change.old.max_points} → {change.new.max_points}"
            )
        for option in change.options_removed:
            lines.append(f"    - {option.label} ({option.points})")
        for option in change.options_added:
            lines.append(f"    + {option.label} ({option.points})")
        for option_change in change.options_changed:
            lines.append(
                f"    ~ {option_change.old.label} ({option_change.old.points}) → "
                f"{option_change.new.label} ({option_change.new.points})"
            )
        if change.markers_moved:
            lines.append(
                f"    {'markers' if en else 'dấu sao'}: {_marker_text(change.markers_old)} → "
                f"{_marker_text(change.markers_new)}"
            )
    if len(lines) == 1:
        lines.append("No differences." if en else "Không có khác biệt.")
    return "\n".join(lines)
