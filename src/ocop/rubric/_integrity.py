"""The meaning of a rubric file: what its schema cannot say.

Run after the schema has accepted the document (the shapes and types are then known). Every rule
adds a :class:`~ocop.errors.Problem` with a stable ``rubric.*`` code and the exact path; nothing
stops at the first problem.

* Parts: the codes and maxima are the file's ``part_maxima`` (for a bundled decision, the
  decision's: QĐ 1048/QĐ-TTg A 35/B 25/C 40; QĐ 148/QĐ-TTg and QĐ 26/2026/QĐ-TTg Art. 3.1
  A 40/B 25/C 35), which add up to 100.
* Maxima add up: part = Σ sections, section = Σ criteria (the cases of an alternative group
  counted once, by the largest: "Lựa chọn một trong hai trường hợp sau"), group = Σ members,
  criterion = best option; plus any points marked unattainable by an erratum.
* Star markers sit on existing options and rise with the star level within a criterion: a
  higher star never on fewer points, no star twice.
* Codes are unique within a sheet; set numbers run 1..N without repeats.
* Every note, criterion, option, reading and erratum that something refers to exists.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ocop.errors import Problems, join_path
from ocop.rubric._decisions import Decision

__all__ = ["SETS_PER_DECISION", "check_document"]

# QĐ 148/QĐ-TTg Phụ lục III, QĐ 26/2026/QĐ-TTg Phụ lục II: one sheet per product set, 26 sets
# (QĐ 1048/QĐ-TTg also has 26).
SETS_PER_DECISION = 26

Json = Mapping[str, Any]


def _sum_criteria(criteria: Iterable[Json]) -> int:
    plain = 0
    alternatives: dict[str, int] = {}
    for criterion in criteria:
        group = criterion.get("alternative_group")
        if group is None:
            plain += criterion["max"]
        else:
            alternatives[group] = max(alternatives.get(group, 0), criterion["max"])
    return plain + sum(alternatives.values())


def _unattainable(node: Json) -> int:
    extra = node.get("unattainable")
    return int(extra["points"]) if extra else 0


class _Checker:
    def __init__(self, document: Json, decision: Decision | None) -> None:
        self.document = document
        self.decision = decision
        self.expected = None if decision is None else dict(decision.part_maxima)
        self.found = Problems()

    def add(self, code: str, path: str, value: object, vi: str, en: str) -> None:
        self.found.add(code, path, value, vi=vi, en=en)

    def run(self) -> Problems:
        maxima: Mapping[str, int] = self.document["part_maxima"]
        total = sum(maxima.values())
        if total != 100:
            self.add(
                "rubric.total_not_100",
                "$.part_maxima",
                total,
                f"Tổng điểm tối đa các phần là {total}, không phải 100",
                f"the part maxima add up to {total}, not 100",
            )
        if self.expected is not None and dict(maxima) != dict(self.expected):
            self.add(
                "rubric.part_maxima_mismatch",
                "$.part_maxima",
                dict(maxima),
                f"Điểm tối đa các phần của quyết định này là {dict(self.expected)}",
                f"this decision's part maxima are {dict(self.expected)}",
            )
        if self.decision is not None:
            self.check_decision(self.decision)
        readings = set(self.document.get("readings", {}))
        numbers: dict[int, int] = {}
        for index, sheet in enumerate(self.document["sheets"]):
            path = join_path("$.sheets", index)
            if sheet["no"] in numbers:
                self.add(
                    "rubric.duplicate_set",
                    join_path(path, "no"),
                    sheet["no"],
                    f"Bộ sản phẩm số {sheet['no']} đã có ở $.sheets[{numbers[sheet['no']]}]",
                    f"set {sheet['no']} already appears at $.sheets[{numbers[sheet['no']]}]",
                )
            else:
                numbers[sheet["no"]] = index
            _SheetChecker(self, sheet, path, maxima, readings).run()
        count = len(self.document["sheets"])
        missing = sorted(set(range(1, count + 1)) - set(numbers))
        if missing:
            self.add(
                "rubric.missing_set",
                "$.sheets",
                missing,
                f"Thiếu bộ sản phẩm số {missing}: các bộ phải được đánh số 1–{count}",
                f"sets {missing} are missing: sets are numbered 1–{count}",
            )
        return self.found

    def check_decision(self, decision: Decision) -> None:
        stated = {
            "title": (self.document["title"], decision.title),
            "signed": (self.document["signed"], decision.signed.isoformat()),
            "effective_from": (
                self.document["effective_from"],
                decision.effective_from.isoformat(),
            ),
        }
        for field, (value, expected) in stated.items():
            if value != expected:
                self.add(
                    "rubric.decision_mismatch",
                    join_path("$", field),
                    value,
                    f"QĐ {decision.key}: '{field}' là {expected}, không phải {value}",
                    f"decision {decision.key}: '{field}' is {expected}, not {value}",
                )
        count = len(self.document["sheets"])
        if count != SETS_PER_DECISION:
            self.add(
                "rubric.sheet_count",
                "$.sheets",
                count,
                f"QĐ {decision.key} có {SETS_PER_DECISION} bộ sản phẩm, không phải {count}",
                f"decision {decision.key} has {SETS_PER_DECISION} product sets, not {count}",
            )


class _SheetChecker:
    def __init__(
        self,
        owner: _Checker,
        sheet: Json,
        path: str,
        maxima: Mapping[str, int],
        readings: set[str],
    ) -> None:
        self.owner = owner
        self.sheet = sheet
        self.path = path
        self.maxima = maxima
        self.readings = readings
        self.errata = {erratum["id"] for erratum in sheet.get("errata", [])}
        # code -> (path, object, kind) for every criterion and group of the sheet
        self.codes: dict[str, tuple[str, Json, str]] = {}

    def add(self, code: str, path: str, value: object, vi: str, en: str) -> None:
        self.owner.add(code, path, value, vi, en)

    def run(self) -> None:
        self.check_errata()
        parts = self.sheet["parts"]
        if self.sheet.get("available", True) is False:
            if parts:
                self.add(
                    "rubric.unavailable_sheet_content",
                    join_path(self.path, "parts"),
                    len(parts),
                    "Phiếu được đánh dấu không có bản văn bản nhưng lại có các phần",
                    "a sheet marked unavailable has parts",
                )
            if not any(e["kind"] == "unavailable" for e in self.sheet.get("errata", [])):
                self.add(
                    "rubric.unavailable_sheet_content",
                    join_path(self.path, "errata"),
                    None,
                    "Phiếu không có bản văn bản phải có một đính chính loại 'unavailable' "
                    "nói rõ lý do",
                    "an unavailable sheet needs an erratum of kind 'unavailable' that says why",
                )
            return
        codes = [part["code"] for part in parts]
        if codes != list(self.maxima):
            self.add(
                "rubric.part_codes",
                join_path(self.path, "parts"),
                codes,
                f"Các phần phải là {list(self.maxima)}, theo thứ tự",
                f"the parts must be {list(self.maxima)}, in that order",
            )
        for p_index, part in enumerate(parts):
            self.check_part(join_path(self.path, "parts", p_index), part)
        self.check_eliminations()

    def check_errata(self) -> None:
        seen: set[str] = set()
        for index, erratum in enumerate(self.sheet.get("errata", [])):
            if erratum["id"] in seen:
                self.add(
                    "rubric.duplicate_erratum",
                    join_path(self.path, "errata", index, "id"),
                    erratum["id"],
                    f"Mã đính chính '{erratum['id']}' bị trùng",
                    f"the erratum id '{erratum['id']}' is repeated",
                )
            seen.add(erratum["id"])

    def check_unattainable(self, path: str, node: Json) -> None:
        extra = node.get("unattainable")
        if extra and extra["erratum"] not in self.errata:
            self.add(
                "rubric.unknown_erratum",
                join_path(path, "unattainable", "erratum"),
                extra["erratum"],
                f"Không có đính chính '{extra['erratum']}' trong phiếu này",
                f"the sheet has no erratum '{extra['erratum']}'",
            )

    def check_part(self, path: str, part: Json) -> None:
        self.check_unattainable(path, part)
        expected = self.maxima.get(part["code"])
        if expected is not None and part["max"] != expected:
            self.add(
                "rubric.part_max_mismatch",
                join_path(path, "max"),
                part["max"],
                f"Phần {part['code']} có tối đa {expected} điểm, không phải {part['max']}",
                f"part {part['code']} is worth {expected} points, not {part['max']}",
            )
        sections = sum(section["max"] for section in part["sections"]) + _unattainable(part)
        if sections != part["max"]:
            self.add(
                "rubric.part_sum_mismatch",
                join_path(path, "max"),
                part["max"],
                f"Phần {part['code']} ghi {part['max']} điểm nhưng các mục cộng lại {sections}",
                f"part {part['code']} says {part['max']} points but its sections add up to "
                f"{sections}",
            )
        for s_index, section in enumerate(part["sections"]):
            self.check_section(join_path(path, "sections", s_index), section)

    def check_section(self, path: str, section: Json) -> None:
        self.check_unattainable(path, section)
        criteria = section["criteria"]
        total = _sum_criteria(criteria) + _unattainable(section)
        if total != section["max"]:
            self.add(
                "rubric.section_max_mismatch",
                join_path(path, "max"),
                section["max"],
                f"Mục {section['no']} ghi {section['max']} điểm nhưng các tiêu chí cộng lại "
                f"{total}",
                f"section {section['no']} says {section['max']} points but its criteria add up "
                f"to {total}",
            )
        alternatives: dict[str, list[int]] = {}
        for c_index, criterion in enumerate(criteria):
            group = criterion.get("alternative_group")
            if group is not None:
                alternatives.setdefault(group, []).append(c_index)
        for group, cases in alternatives.items():
            if len(cases) < 2:
                self.add(
                    "rubric.lonely_alternative",
                    join_path(path, "criteria", cases[0], "alternative_group"),
                    group,
                    f"Nhóm lựa chọn '{group}' chỉ có một trường hợp",
                    f"the alternative group '{group}' has a single case",
                )
        groups = section.get("groups", [])
        for g_index, group_node in enumerate(groups):
            g_path = join_path(path, "groups", g_index)
            self.register(group_node["code"], g_path, group_node, "group")
            members = [c for c in criteria if c.get("group") == group_node["code"]]
            if not members:
                self.add(
                    "rubric.empty_group",
                    join_path(g_path, "code"),
                    group_node["code"],
                    f"Nhóm tiêu chí {group_node['code']} không có tiêu chí nào",
                    f"the group {group_node['code']} has no criteria",
                )
                continue
            total = sum(member["max"] for member in members)
            if total != group_node["max"]:
                self.add(
                    "rubric.group_max_mismatch",
                    join_path(g_path, "max"),
                    group_node["max"],
                    f"Nhóm {group_node['code']} ghi {group_node['max']} điểm nhưng các tiêu chí "
                    f"cộng lại {total}",
                    f"group {group_node['code']} says {group_node['max']} points but its "
                    f"criteria add up to {total}",
                )
        group_codes = {group_node["code"] for group_node in groups}
        for c_index, criterion in enumerate(criteria):
            c_path = join_path(path, "criteria", c_index)
            if criterion.get("group") is not None and criterion["group"] not in group_codes:
                self.add(
                    "rubric.unknown_group",
                    join_path(c_path, "group"),
                    criterion["group"],
                    f"Mục {section['no']} không có nhóm tiêu chí {criterion['group']}",
                    f"section {section['no']} has no group {criterion['group']}",
                )
            self.check_criterion(c_path, criterion)

    def register(self, code: str, path: str, node: Json, kind: str) -> None:
        if code in self.codes:
            self.add(
                "rubric.duplicate_code",
                join_path(path, "code"),
                code,
                f"Mã {code} đã dùng ở {self.codes[code][0]}",
                f"the code {code} is already used at {self.codes[code][0]}",
            )
        else:
            self.codes[code] = (path, node, kind)

    def check_criterion(self, path: str, criterion: Json) -> None:
        self.register(criterion["code"], path, criterion, "criterion")
        self.check_unattainable(path, criterion)
        options = criterion["options"]
        code = criterion["code"]
        if criterion.get("binary"):
            if sorted(option["points"] for option in options) != [0, criterion["max"]]:
                self.add(
                    "rubric.binary_shape",
                    join_path(path, "options"),
                    [option["points"] for option in options],
                    f"Tiêu chí {code} chấm 0 hoặc {criterion['max']} điểm: cần đúng hai phương án "
                    "0 và tối đa",
                    f"criterion {code} scores 0 or {criterion['max']}: it needs exactly two "
                    "options, 0 and the maximum",
                )
        elif len(options) < 2:
            self.add(
                "rubric.too_few_options",
                join_path(path, "options"),
                len(options),
                f"Tiêu chí {code} cần ít nhất hai phương án",
                f"criterion {code} needs at least two options",
            )
        best = max(option["points"] for option in options) + _unattainable(criterion)
        if best != criterion["max"]:
            self.add(
                "rubric.criterion_max_mismatch",
                join_path(path, "max"),
                criterion["max"],
                f"Tiêu chí {code} ghi {criterion['max']} điểm nhưng phương án cao nhất là {best}",
                f"criterion {code} says {criterion['max']} points but its best option gives {best}",
            )
        notes = len(criterion.get("notes", []))
        if "applies_when" in criterion and criterion["applies_when"] >= notes:
            self.add(
                "rubric.unknown_note",
                join_path(path, "applies_when"),
                criterion["applies_when"],
                f"Tiêu chí {code} không có ghi chú số {criterion['applies_when']}",
                f"criterion {code} has no note {criterion['applies_when']}",
            )
        stars: list[tuple[int, int, str]] = [
            (option["min_star"], index, join_path(path, "options", index, "min_star"))
            for index, option in enumerate(options)
            if "min_star" in option
        ]
        whole = criterion.get("criterion_min_star")
        if whole is not None:
            w_path = join_path(path, "criterion_min_star", "option")
            if whole["option"] >= len(options):
                self.add(
                    "rubric.marker_on_missing_option",
                    w_path,
                    whole["option"],
                    f"Dấu sao của tiêu chí {code} đặt vào phương án số {whole['option']}, "
                    f"nhưng tiêu chí chỉ có {len(options)} phương án",
                    f"the star marker of criterion {code} is read on option {whole['option']}, "
                    f"but the criterion has {len(options)} options",
                )
            elif "min_star" in options[whole["option"]]:
                self.add(
                    "rubric.marker_conflict",
                    w_path,
                    whole["option"],
                    f"Phương án số {whole['option']} của tiêu chí {code} đã có dấu sao riêng",
                    f"option {whole['option']} of criterion {code} already carries a marker",
                )
            else:
                stars.append((whole["star"], whole["option"], w_path))
        self.check_markers(code, options, stars)

    def check_markers(
        self, code: str, options: list[Json], stars: list[tuple[int, int, str]]
    ) -> None:
        seen: dict[int, str] = {}
        for star, _, path in sorted(stars):
            if star in seen:
                self.add(
                    "rubric.duplicate_marker",
                    path,
                    star,
                    f"Tiêu chí {code} có hai dấu {star} sao (đã có ở {seen[star]})",
                    f"criterion {code} carries the {star}-star marker twice (also at {seen[star]})",
                )
            seen.setdefault(star, path)
        for star, index, path in stars:
            for other, other_index, _ in stars:
                lower, higher = options[other_index]["points"], options[index]["points"]
                if other < star and higher <= lower:
                    self.add(
                        "rubric.markers_not_increasing",
                        path,
                        star,
                        f"Tiêu chí {code}: dấu {star} sao ở phương án {higher} điểm không cao hơn "
                        f"dấu {other} sao ở phương án {lower} điểm",
                        f"criterion {code}: the {star}-star marker is on a {higher}-point option, "
                        f"not above the {other}-star marker on a {lower}-point option",
                    )

    def check_eliminations(self) -> None:
        for index, rule in enumerate(self.sheet.get("eliminations", [])):
            path = join_path(self.path, "eliminations", index)
            if rule["reading"] not in self.readings:
                self.add(
                    "rubric.unknown_reading",
                    join_path(path, "reading"),
                    rule["reading"],
                    f"Cách đọc '{rule['reading']}' không có trong 'readings' của tệp",
                    f"the reading '{rule['reading']}' is not in the file's readings",
                )
            target = self.codes.get(rule["at"])
            if target is None:
                self.add(
                    "rubric.unknown_criterion",
                    join_path(path, "at"),
                    rule["at"],
                    f"Phiếu không có tiêu chí hay nhóm {rule['at']}",
                    f"the sheet has no criterion or group {rule['at']}",
                )
            elif rule["note"] >= len(target[1].get("notes", [])):
                self.add(
                    "rubric.unknown_note",
                    join_path(path, "note"),
                    rule["note"],
                    f"{rule['at']} không có ghi chú số {rule['note']}",
                    f"{rule['at']} has no note {rule['note']}",
                )
            for o_index, (code, option) in enumerate(rule.get("options", [])):
                o_path = join_path(path, "options", o_index)
                found = self.codes.get(code)
                if found is None or found[2] != "criterion":
                    self.add(
                        "rubric.unknown_criterion",
                        join_path(o_path, 0),
                        code,
                        f"Phiếu không có tiêu chí {code}",
                        f"the sheet has no criterion {code}",
                    )
                elif option >= len(found[1]["options"]):
                    self.add(
                        "rubric.unknown_option",
                        join_path(o_path, 1),
                        option,
                        f"Tiêu chí {code} không có phương án số {option}",
                        f"criterion {code} has no option {option}",
                    )


def check_document(document: Json, decision: Decision | None) -> Problems:
    """Every integrity problem of a schema-valid rubric document.

    Args:
        document: the parsed file, already accepted by the schema.
        decision: the decision the file claims to be, when it is a bundled one: its title,
            dates, part maxima and number of sets are then checked too.
    """
    return _Checker(document, decision).run()
