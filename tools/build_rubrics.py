"""Build the bundled rubric files from the shared score-sheet transcriptions.

Maintainers run this by hand after the transcriptions change; nothing runs it at install, import
or test time. It reads the shared OCOP score-sheet data (with its README listing the known
defects): ``criteria_qd1048_2019_decision_text.json`` (QĐ 1048 read from the decision's own
text, numbered as the decision numbers its sets) with
``criteria_qd1048_2019_set03_gao_ngu_coc.json`` (its set 3) and, for the tourism sheet of
QĐ 781/2020 only, ``criteria_qd1048_2019.json`` (a provincial application's copy);
``criteria_qd148_2023.json`` and ``criteria_qd26_2026.json``. It writes
``src/ocop/rubric/data/<number>-<year>.json`` in the project's rubric format
(``src/ocop/schemas/rubric.schema.json``):

* codes follow the printed numbering; 148's lettered criteria get their section number
  ("a)" in section 1 is "1.a", "a)-1" in section 6 is "6.a-1");
* QĐ 1048 sets are numbered as the decision numbers them (23 and 24 handicrafts, 25 textiles);
  QĐ 781/2020's tourism sheet replaces the decision's set 26;
* points become integers, text is Unicode NFC with runs of blanks made one space;
* the whole-criterion markers of QĐ 148 are placed on the lowest option with points above 0;
* notes that eliminate the dossier or stop the evaluation become elimination rules, with the
  options that state their condition;
* "Chỉ áp dụng …" notes make the criterion conditional;
* each known defect of the transcription is resolved or recorded as an erratum of its sheet,
  and maxima that no option reaches are marked ``unattainable``.

Every file written is loaded back through :func:`ocop.rubric.load_file`, so a build that breaks
a schema or integrity rule fails here. Each checked file is then written again, prepared for
reading at run time (``src/ocop/rubric/data/prepared/<number>-<year>/``: one file per sheet and
one for the rest of the decision, see ``ocop.rubric._load.prepare``); ``--prepared`` does only
that, from the bundled files, after checking them.

Usage::

    python tools/build_rubrics.py [SOURCE_DIR]
    python tools/build_rubrics.py --prepared

``SOURCE_DIR`` defaults to ``../shared/ocop`` beside the project.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "ocop" / "rubric" / "data"
DEFAULT_SOURCE = ROOT.parent / "shared" / "ocop"
SCHEMA_ID = "https://ocop.dev/schemas/rubric.schema.json"

Json = dict[str, Any]


def text(value: str) -> str:
    """NFC, trimmed, every run of blanks one space."""
    return " ".join(unicodedata.normalize("NFC", value).split())


# -- the decisions -----------------------------------------------------------------------------

DECISIONS: dict[str, Json] = {
    "26/2026": {
        "source": "criteria_qd26_2026.json",
        "file": "26-2026.json",
        "title": "26/2026/QĐ-TTg",
        "signed": "2026-05-22",
        "effective_from": "2026-05-22",
        "appendix": "Phụ lục II",
        "part_maxima": {"A": 40, "B": 25, "C": 35},
    },
    "148/2023": {
        "source": "criteria_qd148_2023.json",
        "file": "148-2023.json",
        "title": "148/QĐ-TTg",
        "signed": "2023-02-24",
        "effective_from": "2023-02-24",
        "appendix": "Phụ lục III",
        "part_maxima": {"A": 40, "B": 25, "C": 35},
    },
    "1048/2019": {
        "source": "criteria_qd1048_2019_decision_text.json",
        "set03": "criteria_qd1048_2019_set03_gao_ngu_coc.json",
        "app": "criteria_qd1048_2019.json",
        "file": "1048-2019.json",
        "title": "1048/QĐ-TTg",
        "signed": "2019-08-21",
        "effective_from": "2019-08-21",
        "appendix": "Phụ lục III",
        "part_maxima": {"A": 35, "B": 25, "C": 40},
    },
}

MARKER_NOTE = (
    "Star markers: an option printed with k asterisks (*** = 3, **** = 4, ***** = 5) is the "
    "minimum a product must reach on that criterion to be ranked k stars (QĐ 26/2026/QĐ-TTg, "
    'note under each sheet: "Dấu sao là yêu cầu tối thiểu phải đạt theo các cấp độ sao").'
)
WHOLE_CRITERION_NOTE = (
    'Whole-criterion markers (148 prints "e) Sở hữu trí tuệ****" on the criterion, not on an '
    "option) are read as a marker on the criterion's lowest option with points above 0: the "
    "criterion must be met at least at its lowest printed level. The option read is recorded "
    "in the criterion's criterion_min_star."
)
ELIMINATION_NOTE = (
    'Elimination notes ("bị loại", "không đánh giá các bước tiếp theo", "không xem xét '
    'các chỉ tiêu khác", "không đánh giá những sản phẩm …") are kept verbatim in the notes '
    "and listed in each sheet's eliminations with the reading applied (see readings); an option "
    "eliminates only where its label states the note's condition."
)
BINARY_NOTE = (
    'A criterion printed with a maximum and no options (26/2026 "Ghi nhãn hàng hóa có sử '
    'dụng song ngữ") is scored 0 or its maximum; its two options "Không" and "Có" are '
    "supplied and the criterion is marked binary."
)

GAZETTE_NOTE = (
    "Transcribed from third-party copies of the decision (see provenance) and compared with "
    "them; not checked against the official gazette (Công báo). Each sheet's errata list where "
    "the data departs from, or keeps a defect of, its source."
)

NOTES: dict[str, list[str]] = {
    "26/2026": [GAZETTE_NOTE, MARKER_NOTE, ELIMINATION_NOTE, BINARY_NOTE],
    "148/2023": [
        GAZETTE_NOTE,
        MARKER_NOTE
        + " The 148 text itself was not available; its sheets use the same asterisks and the "
        "scoring apps of the 148 era read them the same way.",
        WHOLE_CRITERION_NOTE,
        ELIMINATION_NOTE,
    ],
    "1048/2019": [
        GAZETTE_NOTE,
        "Sets 1-25 are read from the decision's own text (Phụ lục III) and numbered as the "
        "decision numbers them (23 Thủ công mỹ nghệ, trang trí; 24 Thủ công mỹ nghệ gia dụng; "
        "25 Vải, may mặc). Set 26 is the tourism sheet as amended by QĐ 781/QĐ-TTg (08/06/2020), "
        'which renamed the tourism group "Dịch vụ du lịch cộng đồng và điểm du lịch"; it '
        "replaces the decision's 2019 sheet and is known only from a provincial application's "
        "copy (see the sheet's errata).",
        "A provincial application's copy of all 26 sheets (Bến Tre, 2022) was compared with the "
        "decision text sheet by sheet: where they differ the decision text is followed, and "
        "where the decision's text is itself defective the sheet's errata say which printing "
        "defect it is and how it is resolved.",
        "A criterion's maximum is the one printed; where the printed maximum differs from the "
        "best option an erratum says which is kept. A section's maximum is the sum of its "
        "criteria (alternatives counted once, by the largest), a group's the sum of its "
        "members; the part maxima A 35, B 25, C 40 are the decision's. Points of a printed "
        "maximum that no option reaches are marked unattainable.",
        "QĐ 1048/QĐ-TTg sheets carry no star markers. QĐ 781/QĐ-TTg (08/06/2020) added minimum "
        "criteria per star level; only a part-C excerpt is known (minimum_criteria).",
        'The header printed on the sheets of sets 1-25 ("Bị loại khi: …") is kept in the '
        "sheet's notes, as on the sheets of the other decisions.",
        ELIMINATION_NOTE,
    ],
}

READINGS = {
    "foreign_matter": (
        "Foreign matter that the note calls unacceptable (a food-safety risk) stops the "
        "evaluation. The option that eliminates is one whose label states foreign matter "
        'without calling it acceptable ("Có tạp chất", "Có tạp chất, không chấp nhận '
        'được"); options labelled "chấp nhận được" never eliminate. Where every option is '
        "acceptable, no option eliminates and the unacceptable matter is a finding of the "
        "council outside the options."
    ),
    "zero_points": (
        '"Nếu bị 0 Điểm, sẽ không đánh giá các bước tiếp theo": every option of the criterion '
        "printed with 0 points eliminates."
    ),
    "zero_points_listed": (
        '"Nếu được 0 điểm tại một trong các chỉ tiêu trên": every option printed with 0 points '
        "in the criteria of the section up to and including the one carrying the note "
        "eliminates."
    ),
    "no_quality_declaration": (
        'Without the quality declaration the note names ("Phiếu công bố", "hồ sơ công '
        'bố"), the evaluation stops: the option stating that there is no declaration '
        "eliminates; where no option says so, the missing declaration is a finding outside "
        "the options."
    ),
    "certificate": (
        "A food-safety or production-condition certificate that is missing or not in order "
        "stops the evaluation; no option states it, so it is a finding of the council outside "
        "the options."
    ),
    "raw_material": (
        "Raw material that is entirely imported or of unknown origin eliminates the dossier; "
        "the options grade the share of local raw material and none states this case, so it is "
        "a finding outside the options."
    ),
    "copied_product": (
        "A product identical to another producer's, with only its name or producer changed, is "
        "eliminated; no option states it, so it is a finding outside the options."
    ),
    "ip_infringement": (
        "A product that infringes intellectual property is eliminated; no option states it, so "
        "it is a finding outside the options."
    ),
    "common_key_product": (
        "Common products of national or provincial key product groups without outstanding "
        "quality and distinction are not evaluated; no option states exactly this case, so it "
        "is a finding outside the options."
    ),
}

# 1048: the product type of QĐ 781/2020's tourism sheet in the provincial application's copy.
TOURISM_TYPE_1048 = 8


# -- errata ------------------------------------------------------------------------------------
# (set number, kind, text[, unattainable target]) per decision; the target says where points of
# a printed maximum are unattainable: ("part", "C", points) or ("criterion", code, points).

ERRATA: dict[str, list[tuple[Any, ...]]] = {
    "26/2026": [
        (1, "read", 'The sheet header "Hồ sơ bị loại khi: …" is printed twice; it is kept once.'),
        (
            3,
            "read",
            '5.1, option "Có câu chuyện sản phẩm được tư liệu hóa, thể hiện …": '
            'the asterisks are printed spaced ("* * * *"); read as 4★.',
        ),
        (
            4,
            "corrected",
            'Section 7 (DINH DƯỠNG), option "Có trên 2 chỉ tiêu": printed 13 '
            "points; set to 3 (the section maximum is printed as 3, sets 1 and 3 print 3 for the "
            "same option, and part C sums to 35 only with 3).",
        ),
        (
            4,
            "corrected",
            '1.2, option "Không được cấp giấy chứng nhận chất lượng": the points '
            "cell is empty; set to 0, as every other sheet prints it.",
        ),
        (
            7,
            "corrected",
            '1.2, option "Không được cấp giấy chứng nhận chất lượng": the points '
            "cell is empty; set to 0, as every other sheet prints it.",
        ),
        (
            7,
            "kept",
            "3.1 Loại hình tổ chức sản xuất: the first two options are both printed with "
            "1 point (every other 26/2026 sheet prints 1/2/3); kept as printed.",
        ),
        (
            10,
            "corrected",
            '1.2, option "Không được cấp giấy chứng nhận chất lượng": the points '
            "cell is empty; set to 0, as every other sheet prints it.",
        ),
        (
            11,
            "corrected",
            '1.2, option "Không được cấp giấy chứng nhận chất lượng": the points '
            "cell is empty; set to 0, as every other sheet prints it.",
        ),
        (
            11,
            "corrected",
            '6.1.1, option "Có rất ít tạp chất, chấp nhận được": printed 11 '
            "points; set to 1 (the criterion maximum is 2 and the same option scores 1 on every "
            "other sheet).",
        ),
        (
            23,
            "corrected",
            "Section 9 (HƯỚNG DẪN SỬ DỤNG): the maximum cell holds two paragraphs, "
            '"4" and "1"; the maximum is 4 (its options score 2 and 4 and part C sums to 35 '
            "with 4).",
        ),
        (
            23,
            "kept",
            '6.2 Màu sắc: options "Chấp nhận được" and "Phù hợp với đặc tính sản '
            'phẩm" are both printed with 1 point; kept as printed.',
        ),
        (
            26,
            "kept",
            'The heading of part A reads "(35 Điểm)" while its points column prints '
            "40 and its sections sum to 40; the maximum is 40, the heading is kept as printed.",
        ),
    ],
    "148/2023": [
        (
            1,
            "supplied",
            'The sheet header "Bị loại khi: …" is taken from the Thái Bình '
            "printouts of this sheet (GitHub quyenncph25762/OCOP_SCORE, Uploads/phieu-cham-*.pdf, "
            "2024); the transcription used carries no sheet header.",
        ),
        (
            1,
            "kept",
            "The Thái Bình printouts of this sheet differ from the transcription in "
            "places (đ) Bảo vệ môi trường printed with maximum 2 and a second ****, its 3-point "
            'option without points; "Rất phù hợp" of 6.b printed with ****; section 8 "Độc đáo, '
            'mang tính đặc trưng" without ****; markers on both options of 3.e; section headings '
            '"(17 ĐIỂM)" and "(22 ĐIỂM)" that do not add up). The printout is an app template '
            "with these internal inconsistencies; the transcription's values are kept.",
        ),
        (
            3,
            "supplied",
            'The sheet header "Hồ sơ bị loại khi: …" is taken from the Bến Tre '
            "OCOP portal's copy of this sheet (https://ocop.bentre.gov.vn/guides/"
            "bo-san-pham-gao-ngu-coc-hat-so-che-khac, published 10/05/2023), with the letters its "
            'web font drops restored ("đầy đ" → "đầy đủ", "công b" → "công bố").',
        ),
        (
            7,
            "kept",
            "6.d Mùi is printed with maximum 4 (section 6 is 16 and part C 35 only with "
            "4) but its options score 1/2/3; no second copy of the 148 text was found, so the "
            "maximum and the options are kept as printed and 1 point is unattainable.",
            ("criterion", "6.d", 1),
        ),
        (
            11,
            "kept",
            "Part C sums to 32, not 35: the sensory section (6. CHỈ TIÊU CẢM QUAN) is "
            "printed with maximum 13 and its sub-criteria sum to it, while the 148 "
            "processed-food sheets (sets 5-10) have 16. Where the missing points belong cannot be "
            "told without the official text; 3 points of part C are unattainable.",
            ("part", "C", 3),
        ),
        (
            11,
            "read",
            'Section 6: the rows "- Tạp chất", "- Hình dạng, màu sắc cánh chè" '
            '(under "a) Ngoại hình") and "- Màu nước", "- Mùi nước", "- Vị nước" (under '
            '"b) Nước pha") are sub-criteria 6.a-1 … 6.b-3 of the groups 6.a and 6.b.',
        ),
        (
            12,
            "kept",
            "Part C sums to 32, not 35: the sensory section (6. CHỈ TIÊU CẢM QUAN) is "
            "printed with maximum 13 and its criteria sum to it, while the 148 "
            "processed-food sheets (sets 5-10) have 16. Where the missing points belong cannot be "
            "told without the official text; 3 points of part C are unattainable.",
            ("part", "C", 3),
        ),
        (
            13,
            "kept",
            "Part C sums to 33, not 35: the sensory section (6. CHỈ TIÊU CẢM QUAN) is "
            "printed with maximum 14 and its sub-criteria sum to it, while the 148 "
            "processed-food sheets (sets 5-10) have 16. Where the missing points belong cannot be "
            "told without the official text; 2 points of part C are unattainable.",
            ("part", "C", 2),
        ),
        (
            13,
            "read",
            'Section 6: the group headings "a) Ngoại hình" and "b) Nước pha" are '
            'printed inside each sub-criterion title ("a) Ngoại hình - Tạp chất lạ"); the '
            "sub-criteria are coded 6.a-1 … 6.b-2 and the group maxima, not printed, are the sums "
            "of their members.",
        ),
        (
            17,
            "corrected",
            '1.d, option "Có hợp đồng liên kết sản xuất từ 50% đến …": the '
            'points are printed "l"; read as 1.',
        ),
        (
            18,
            "corrected",
            '1.b, option "Chế biến đơn giản": the points are printed "t"; read as 1.',
        ),
        (
            18,
            "renumbered",
            'Section 3: the sixth criterion "c) Sở hữu trí tuệ" repeats the '
            "letter c); it is coded 3.e (as in sets 17 and 20), its title kept as printed.",
        ),
        (
            19,
            "renumbered",
            'Section 3: the sixth criterion "c) Sở hữu trí tuệ" repeats the '
            "letter c); it is coded 3.e (as in sets 17 and 20), its title kept as printed.",
        ),
    ],
    "1048/2019": [
        (
            3,
            "corrected",
            'Section 8 is printed "8. CÔNG BỐ CHẤT LƯỢNG SẢN PHẨM" but its description ("Chất '
            'lượng: Có nét riêng, khác biệt, không lẫn với sản phẩm khác, …") and options '
            "(Trung bình / Tương đối độc đáo / Độc đáo / Rất độc đáo: 0/1/3/5) are those of "
            '"8. TÍNH ĐỘC ĐÁO" on every other 1048 food sheet, and section 9 is the quality '
            'declaration; the title is read "8. TÍNH ĐỘC ĐÁO", the description and options as '
            "printed.",
        ),
        (
            4,
            "corrected",
            "9.1 is printed with maximum 3 but its best option scores 2; the maximum is 2 "
            "(part C adds up to the decision's 40 only with 2; the provincial application's "
            "copy has 2).",
        ),
        (
            6,
            "read",
            '6.1, first option: printed "Có tạp chất, không nhận được", a word dropped from '
            '"không chấp nhận được"; the label is kept as printed and read as unacceptable '
            "foreign matter, which stops the evaluation (the provincial application's copy "
            'has "Có các tạp chất, chấp nhận được", which does not).',
        ),
        (
            6,
            "corrected",
            'Section 9 is printed "9. ĐẢM BẢO CHẤT SẢN PHẨM", a word dropped; it is read '
            '"9. ĐẢM BẢO CHẤT LƯỢNG SẢN PHẨM", as on every other 1048 sheet.',
        ),
        (
            6,
            "kept",
            '6.2 Ngoại hình: options "Tương đối đồng đều" and "Đồng đều" are both printed '
            "with 3 points; kept as printed.",
        ),
        (
            7,
            "supplied",
            "3.1 Loại hình tổ chức sản xuất - kinh doanh is printed with maximum 3 and only "
            "the options of 1 and 2 points; part A adds up to 35 only with the third. The "
            'option "HTX tổ chức, hoạt động theo Luật HTX 2012 hoặc công ty cổ phần có vốn góp '
            'của cộng đồng địa phương ≥ 51%" (3 points), printed on every other 1048 sheet and '
            "present in the provincial application's copy, is supplied.",
        ),
        (
            13,
            "corrected",
            "6.3 is printed with maximum 2 but its best option scores 3; the maximum is 3 "
            "(part C adds up to the decision's 40 only with 3; the provincial application's "
            "copy has 3).",
        ),
        (
            14,
            "renumbered",
            'Section 6: sub-criteria "6.1.3. Mùi" and "6.1.4. Vị" follow "6.1.3. Màu sắc" '
            "(number 6.1.3 printed twice); they are coded 6.1.4 and 6.1.5, their titles kept "
            "as printed.",
        ),
        (
            17,
            "corrected",
            "6.1 is printed with maximum 5 but its best option scores 3; the maximum is 3 "
            "(part C adds up to the decision's 40 only with 3; the provincial application's "
            "copy has 3).",
        ),
        (
            19,
            "kept",
            "10. KIỂM TRA ĐỊNH KỲ is printed with maximum 5 but its options score 0/1/3. Part C "
            "adds up to the decision's 40 only with the printed 5, so the 2 points missing from "
            "the options sit on this criterion: a defect of the decision's own text (the "
            "provincial application's copy stores the same options with maximum 3, and its "
            "part C sums to 38). The maximum and the options are kept as printed; 2 points of "
            "criterion 10 are unattainable.",
            ("criterion", "10", 2),
        ),
        (
            19,
            "read",
            'A note "… không đánh giá các bước tiếp theo nếu không có số đăng ký thuốc/giấy '
            'tiếp nhận đăng ký bản công bố sản phẩm" is printed apart from every criterion; its '
            'condition is part of the sheet header ("Bị loại khi: …"), which is kept in the '
            "sheet's notes.",
        ),
        (
            25,
            "corrected",
            "6.5 is printed with maximum 3 but its best option scores 5; the maximum is 5 "
            "(part C adds up to the decision's 40 only with 5; the provincial application's "
            "copy has 5).",
        ),
        (
            26,
            "supplied",
            'QĐ 781/QĐ-TTg (08/06/2020) renamed the tourism group "Dịch vụ du lịch cộng đồng '
            'và điểm du lịch"; the 2019 sheet "Dịch vụ du lịch - truyền thống - lễ hội" of the '
            "decision's Phụ lục III, scored by adding the items ticked, was replaced. This sheet "
            "is the one used from 2020, taken from the only known copy, a provincial "
            "application's database (GitHub tranquangduc24011999/ommani_ocop, "
            "ocop-web-master/ocop-web-master/mysql/init.sql, Bến Tre, dump of 2022-07-29).",
        ),
        (
            26,
            "read",
            "Sections 9, 10 and 16: each option list holds two score ladders without "
            "case headings; they are read as two alternative cases, 9(1)/9(2), 10(1)/10(2) and "
            "16(1)/16(2), as the same criteria are two-case criteria on the 148/2023 tourism "
            "sheet.",
        ),
    ],
}
# QĐ 1048: letters garbled in the decision's copy, mostly by its font conversion (a Word file whose
# text mixes a legacy Vietnamese font with Unicode), as (garbled, restored).
REPAIRS_1048 = (
    ("1. Tổ CHỨC", "1. TỔ CHỨC"),
    ("nguyên Iiệu", "nguyên liệu"),
    ("CÔNG BÔì", "CÔNG BỐ"),
    ("KIểM", "KIỂM"),
    ("TOAÌN", "TOÀN"),
    ("Lýòa", "Lựa"),
    ("Hõi đục", "Hơi đục"),
    ("các THEO trường", "các thị trường"),
    ("MyÞ, Nhâòt", "Mỹ, Nhật"),
    ("KhaÒ", "Khả"),
    ("TRIÊÒN", "TRIỂN"),
    ("PHẩM", "PHẨM"),
    ("cỏ nguồn gốc", "có nguồn gốc"),
    ("han hành", "ban hành"),
    ("vi nằm", "vi nấm"),
)
REPAIRED_1048 = "Letters misprinted in the copy are restored: {pairs}."
# QĐ 1048 set 7, 3.1: the option the copy drops (see the set's errata).
OPTION_1048_07_31 = (
    "HTX tổ chức, hoạt động theo Luật HTX 2012 hoặc công ty cổ phần có vốn góp của cộng đồng "
    "địa phương ≥ 51%"
)


def source_1048(source_dir: Path) -> Json:
    """QĐ 1048's 26 sheets: the decision text's sets 1-25 and 781/2020's tourism sheet."""
    meta = DECISIONS["1048/2019"]
    decision = json.loads((source_dir / meta["source"]).read_text("utf-8"))
    set03 = json.loads((source_dir / meta["set03"]).read_text("utf-8"))
    app = json.loads((source_dir / meta["app"]).read_text("utf-8"))
    sets = [s for s in decision["sets"] if s["no"] <= 25]
    if [s["no"] for s in sets] != list(range(1, 26)):
        raise SystemExit("the decision text does not number its sets 1-25")
    if set03["sets"] != [sets[2]]:
        raise SystemExit("set 3 differs between the decision text and its own file")
    tourism = next(s for s in app["sets"] if s["source_product_type_id"] == TOURISM_TYPE_1048)
    return {
        "provenance": f"Sets 1-25: {decision['provenance']} Set 26 (the tourism sheet of "
        f"QĐ 781/QĐ-TTg): {app['provenance']}",
        "minimum_criteria_781": app["minimum_criteria_781"],
        "sets": [*sets, dict(tourism, no=26)],
    }


def _criteria(source: Json) -> list[Json]:
    return [c for p in source["parts"] for s in p["sections"] for c in s["criteria"]]


def repair_1048(value: Any, applied: list[tuple[str, str]]) -> Any:
    """``value`` with every garbled string restored; the repairs made are added to ``applied``."""
    if isinstance(value, dict):
        return {key: repair_1048(item, applied) for key, item in value.items()}
    if isinstance(value, list):
        return [repair_1048(item, applied) for item in value]
    if isinstance(value, str):
        value = unicodedata.normalize("NFC", value)
        for garbled, restored in REPAIRS_1048:
            if garbled in value:
                value = value.replace(garbled, restored)
                if (garbled, restored) not in applied:
                    applied.append((garbled, restored))
    return value


def prepare_1048(source: Json) -> tuple[Json, list[tuple[str, str]]]:
    """A decision-text sheet with the corrections its errata describe, and the letters restored."""
    applied: list[tuple[str, str]] = []
    sheet: Json = repair_1048(source, applied)
    no = sheet["no"]
    criteria = {c["code"]: c for c in _criteria(sheet) if c["code"] != "6.1.3"}
    maxima = {4: ("9.1", 2), 13: ("6.3", 3), 17: ("6.1", 3), 25: ("6.5", 5)}
    if no in maxima:
        code, top = maxima[no]
        criteria[code]["max"] = top
    titles = {3: ("8. CÔNG BỐ CHẤT LƯỢNG SẢN PHẨM", "8. TÍNH ĐỘC ĐÁO")}
    titles[6] = ("9. ĐẢM BẢO CHẤT SẢN PHẨM", "9. ĐẢM BẢO CHẤT LƯỢNG SẢN PHẨM")
    if no in titles:
        printed, read = titles[no]
        for part in sheet["parts"]:
            for section in part["sections"]:
                for item in (section, *section["criteria"]):
                    if item["title"].startswith(printed):
                        item["title"] = read + item["title"][len(printed) :]
    if no == 7:
        criteria["3.1"]["options"].append({"label": OPTION_1048_07_31, "score": 3})
    if no == 12:
        # Criterion 7 (a section of its own) carries the group of section 6 in the shared data.
        criteria["7"].pop("group", None)
    if no == 14:
        printed = [c for c in _criteria(sheet) if c["code"] in ("6.1.3", "6.1.4")]
        for criterion, code in zip(printed[1:], ("6.1.4", "6.1.5"), strict=True):
            criterion["code"] = code
    for part in sheet["parts"]:
        for section in part["sections"]:
            plain = [c["max"] for c in section["criteria"] if not c.get("alternative_group")]
            cases: dict[str, float] = {}
            for c in section["criteria"]:
                if c.get("alternative_group"):
                    group = c["alternative_group"]
                    cases[group] = max(cases.get(group, 0), c["max"])
            section["max"] = sum(plain) + sum(cases.values())
    return sheet, applied


SPLIT_32 = (
    '3.2 Sự tham gia của cộng đồng trong quản lý, điều hành ("Lựa chọn một trong hai trường '
    'hợp sau") is stored as one option list without case headings; it is read as two '
    'alternative cases, 3.2(1) (management board, up to {a} points) and 3.2(2) ("Giám '
    'đốc/Chủ hộ", up to {b}); the codes (1) and (2) are assigned here.'
)
BINARY_ERRATUM = (
    '{code} "Ghi nhãn hàng hóa có sử dụng song ngữ …" is printed with a maximum of {max} and '
    'no options; it is scored 0 or {max}, with the two options "Không" (0) and "Có" ({max}) '
    "supplied."
)
HEADER_148_MISSING = (
    'The sheet header ("Hồ sơ bị loại khi: …", printed on the known copies of sets 1 and 3) '
    "is not in the transcription used for this set and no other copy was found; the sheet has "
    "no header notes."
)

# QĐ 148 set 3, sheet header as printed on the Bến Tre portal (letters restored, see errata).
HEADER_148_SET3 = (
    "Hồ sơ bị loại khi: Giả mạo hồ sơ hoặc không tuân thủ đầy đủ các quy định về giấy chứng "
    "nhận cơ sở đủ điều kiện ATTP (hoặc tương đương); hoặc Hồ sơ tự công bố sản phẩm, ghi nhãn "
    "sản phẩm không đúng theo quy định; hoặc không đáp ứng quy định Hồ sơ dự thi theo quy định."
)


# -- product classification -------------------------------------------------------------------
# QĐ 26/2026/QĐ-TTg Phụ lục I (category I-VI → nhóm → phân nhóm → set, "Cơ quan chủ trì quản
# lý"); QĐ 148/QĐ-TTg Art. 1.1.a and Phụ lục I, the same structure with the Ministry of
# Agriculture and Rural Development; QĐ 1048/QĐ-TTg, six "ngành hàng" (the tourism one renamed by
# QĐ 781/QĐ-TTg). Rows: (category, group, subgroup, ministries).

NNMT, CT, YT, VH = (
    "Bộ Nông nghiệp và Môi trường",
    "Bộ Công Thương",
    "Bộ Y tế",
    ("Bộ Văn hóa, Thể thao và Du lịch"),
)
MARD = "Bộ Nông nghiệp và Phát triển nông thôn"
FOOD, DRINK, HERB = "Thực phẩm", "Đồ uống", "Dược liệu và sản phẩm từ dược liệu"
CRAFT, ORNAMENTAL = "Hàng thủ công mỹ nghệ", "Sinh vật cảnh"
TOURISM = "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch"
CLASSES_26: list[tuple[str, str, str | None, list[str]]] = [
    (FOOD, "Thực phẩm tươi sống", "Rau, củ, quả, hạt tươi", [NNMT]),
    (FOOD, "Thực phẩm tươi sống", "Thịt, thủy sản, trứng, sữa tươi", [NNMT]),
    (FOOD, "Thực phẩm thô, sơ chế", "Gạo, ngũ cốc, hạt sơ chế khác", [NNMT]),
    (FOOD, "Thực phẩm thô, sơ chế", "Mật ong, mật khác và nông sản thực phẩm khác", [NNMT]),
    (FOOD, "Thực phẩm chế biến", "Đồ ăn nhanh", [CT]),
    (FOOD, "Thực phẩm chế biến", "Chế biến từ gạo, ngũ cốc", [NNMT, CT]),
    (FOOD, "Thực phẩm chế biến", "Chế biến từ rau, củ, quả, hạt", [NNMT]),
    (
        FOOD,
        "Thực phẩm chế biến",
        "Chế biến từ thịt, trứng, sữa, thủy sản, các sản phẩm từ mật "
        "ong, mật khác và nông sản thực phẩm khác",
        [NNMT, CT],
    ),
    (FOOD, "Gia vị", "Tương, nước mắm, gia vị dạng lỏng khác", [NNMT]),
    (FOOD, "Gia vị", "Gia vị khác", [NNMT]),
    (FOOD, "Chè", "Chè tươi, chế biến", [NNMT]),
    (FOOD, "Chè", "Sản phẩm chè từ thực vật khác", [NNMT]),
    (FOOD, "Cà phê, ca cao", None, [NNMT]),
    (DRINK, "Đồ uống có cồn", "Rượu trắng", [CT]),
    (DRINK, "Đồ uống có cồn", "Đồ uống có cồn khác", [CT]),
    (DRINK, "Đồ uống không cồn", "Nước khoáng thiên nhiên, nước uống đóng chai", [YT]),
    (DRINK, "Đồ uống không cồn", "Đồ uống không cồn", [CT]),
    (HERB, "Thực phẩm chức năng, thuốc dược liệu, thuốc cổ truyền", None, [YT]),
    (HERB, "Mỹ phẩm có thành phần từ dược liệu", None, [YT]),
    (HERB, "Tinh dầu và dược liệu khác", None, [YT, CT]),
    (CRAFT, "Thủ công mỹ nghệ gia dụng, trang trí", None, [CT, NNMT]),
    (CRAFT, "Vải, may mặc", None, [CT]),
    (ORNAMENTAL, "Hoa", None, [NNMT]),
    (ORNAMENTAL, "Cây cảnh", None, [NNMT]),
    (ORNAMENTAL, "Động vật cảnh", None, [NNMT]),
    (TOURISM, TOURISM, None, [VH, NNMT]),
]
# QĐ 148: the names that differ from 26/2026 (the 148 sheets' wording), by set number.
RENAMED_148 = {
    16: ("subgroup", "Nước khoáng thiên nhiên, nước uống tinh khiết đóng chai"),
    18: ("group", "Thực phẩm chức năng, thuốc dược liệu, thuốc y học cổ truyền"),
    19: ("group", "Mỹ phẩm có thành phần từ thảo dược"),
    20: ("group", "Tinh dầu và thảo dược khác"),
}
# QĐ 1048/QĐ-TTg Phụ lục I (nhóm, phân nhóm, cơ quan chủ trì) as extracted beside the decision's
# text in GitHub congnn1107/ocop_project, setup-data/database/OCOP_DB.sql (tables tb_nhom_sp,
# tb_phan_nhom_sp, tb_pnhom_bo, tb_bo_ql; commit c3fe803); the branches (ngành hàng) are those of
# QĐ 490/QĐ-TTg, the tourism one renamed by QĐ 781/QĐ-TTg. Rows: (group, subgroup, ministries).
KHCN = "Bộ Khoa học và Công nghệ"
FOOD_1048, DRINK_1048, HERB_1048 = "Thực phẩm", "Đồ uống", "Thảo dược"
CRAFT_1048, TEXTILE_1048 = "Lưu niệm – nội thất – trang trí", "Vải và may mặc"
TOURISM_1048 = "Dịch vụ du lịch cộng đồng và điểm du lịch"
CLASSES_1048: list[tuple[str, str, str | None, list[str]]] = [
    (FOOD_1048, "Thực phẩm tươi sống", "Rau, củ, quả, hạt tươi", [MARD]),
    (FOOD_1048, "Thực phẩm tươi sống", "Thịt, trứng, sữa tươi", [MARD]),
    (FOOD_1048, "Thực phẩm thô, sơ chế", "Gạo, ngũ cốc", [MARD]),
    (FOOD_1048, "Thực phẩm thô, sơ chế", "Mật ong, các sản phẩm từ mật ong, mật khác", [MARD]),
    (FOOD_1048, "Thực phẩm chế biến", "Đồ ăn nhanh", [CT]),
    (FOOD_1048, "Thực phẩm chế biến", "Chế biến từ gạo, ngũ cốc", [MARD]),
    (FOOD_1048, "Thực phẩm chế biến", "Chế biến từ rau, củ, quả, hạt", [MARD]),
    (FOOD_1048, "Thực phẩm chế biến", "Chế biến từ thịt, trứng, sữa", [MARD, CT]),
    (FOOD_1048, "Thực phẩm chế biến", "Chế biến từ thủy, hải sản", [MARD]),
    (FOOD_1048, "Gia vị", "Tương, nước mắm, gia vị lỏng khác", [MARD]),
    (FOOD_1048, "Gia vị", "Gia vị khác", [MARD]),
    (FOOD_1048, "Chè", "Chè tươi, chế biến", [MARD]),
    (FOOD_1048, "Chè", "Các sản phẩm khác từ chè, trà", [MARD]),
    (FOOD_1048, "Cà phê, ca cao", None, [MARD]),
    (DRINK_1048, "Đồ uống có cồn", "Rượu trắng", [CT]),
    (DRINK_1048, "Đồ uống có cồn", "Đồ uống có cồn khác", [CT]),
    (DRINK_1048, "Đồ uống không cồn", "Nước khoáng thiên nhiên, nước uống tinh khiết", [YT]),
    (DRINK_1048, "Đồ uống không cồn", "Đồ uống không cồn", [CT]),
    (HERB_1048, "Thực phẩm chức năng, thuốc từ dược liệu, thuốc Y học cổ truyền", None, [YT]),
    (HERB_1048, "Mỹ phẩm", None, [YT]),
    (HERB_1048, "Trang thiết bị, dụng cụ y tế", None, [YT]),
    (HERB_1048, "Thảo dược khác", None, [YT]),
    (CRAFT_1048, "Thủ công mỹ nghệ, trang trí", None, [KHCN]),
    (CRAFT_1048, "Thủ công mỹ nghệ gia dụng", None, [KHCN]),
    (TEXTILE_1048, "Vải, may mặc", None, [CT]),
    (TOURISM_1048, TOURISM_1048, None, [VH]),
]
CLASSIFICATION_SOURCES = {
    "26/2026": "QĐ 26/2026/QĐ-TTg, Art. 2.2 and Phụ lục I (category, nhóm, phân nhóm, cơ quan "
    "chủ trì quản lý).",
    "148/2023": "QĐ 148/QĐ-TTg, Art. 1.1.a and Phụ lục I: the structure of 26/2026 with the "
    "Ministry of Agriculture and Rural Development; the 148 wording of sets 16 and 18-20 is that "
    "of its sheets.",
    "1048/2019": "QĐ 1048/QĐ-TTg, Phụ lục I (nhóm, phân nhóm, cơ quan chủ trì), as extracted "
    "beside the decision's text (GitHub congnn1107/ocop_project, setup-data/database/OCOP_DB.sql); "
    "branches (ngành hàng) of QĐ 490/QĐ-TTg. QĐ 781/QĐ-TTg renamed the tourism branch and group "
    '(formerly "Dịch vụ du lịch nông thôn, bán hàng" and "Dịch vụ du lịch - truyền thống - lễ '
    'hội").',
}


def classification(names: dict[str, list[str]]) -> Json:
    """The product classification of each decision, with the sheets' set names."""
    result: Json = {}
    for decision in ("1048/2019", "148/2023", "26/2026"):
        rows = []
        for no, name in enumerate(names[decision], start=1):
            if decision == "1048/2019":
                category, group, subgroup, ministries = CLASSES_1048[no - 1]
            else:
                category, group, subgroup, ministries = CLASSES_26[no - 1]
                if decision == "148/2023":
                    ministries = [MARD if m == NNMT else m for m in ministries]
                    if no in RENAMED_148:
                        field, renamed = RENAMED_148[no]
                        if field == "group":
                            group = renamed
                        else:
                            subgroup = renamed
            row: Json = {"no": no, "name": name, "category": category, "group": group}
            if subgroup is not None:
                row["subgroup"] = subgroup
            row["ministries"] = ministries
            rows.append(row)
        result[decision] = {"source": CLASSIFICATION_SOURCES[decision], "sets": rows}
    return result


# -- conversion --------------------------------------------------------------------------------

LETTER = re.compile(r"^([a-zđ])\)(-\d+)?$")


def code_of(decision: str, section: str, code: str) -> str:
    """The project's code for a printed code: 148's "a)" in section 1 is "1.a"."""
    if decision == "148/2023":
        found = LETTER.match(code.replace(" ", ""))
        if found:
            return f"{section}.{found.group(1)}{found.group(2) or ''}"
    return code


def points(value: float) -> int:
    if value != int(value):
        raise SystemExit(f"non-integer points {value}")
    return int(value)


def eliminating(label: str) -> bool:
    """An option whose label states unacceptable foreign matter."""
    lab = text(label).lower()
    if "tạp chất" not in lab or "rất ít" in lab:
        return False
    if lab.startswith(("sạch", "không")):
        return False
    return "không chấp nhận" in lab or "chấp nhận" not in lab


def rule_of(note: str) -> str | None:
    low = text(note).lower()
    if "nếu được 0 điểm tại một trong các chỉ tiêu trên" in low:
        return "zero_points_listed"
    if "nếu bị 0 điểm" in low:
        return "zero_points"
    if "tạp chất" in low and ("tiếp theo" in low or "không xem xét" in low):
        return "foreign_matter"
    if "công bố" in low and "tiếp theo" in low:
        return "no_quality_declaration"
    if "chứng nhận đủ điều kiện" in low and "tiếp theo" in low:
        return "certificate"
    if "nguyên liệu nhập khẩu" in low:
        return "raw_material"
    if "giống hệt" in low:
        return "copied_product"
    if "sở hữu trí tuệ" in low and "loại" in low:
        return "ip_infringement"
    if "không đánh giá những sản phẩm có tính phổ biến" in low:
        return "common_key_product"
    if "loại" in low or "tiếp theo" in low:
        raise SystemExit(f"elimination note without a reading: {note}")
    return None


def no_declaration(label: str) -> bool:
    lab = text(label).lower()
    return lab.startswith(
        ("không có hồ sơ công bố", "không có phiếu công bố", "không có bản công bố")
    )


class Builder:
    def __init__(self, decision: str, source: Json) -> None:
        self.decision = decision
        self.source = source
        self.short = decision.split("/")[0]

    def build(self) -> Json:
        meta = DECISIONS[self.decision]
        sets = self.source["sets"]
        document: Json = {
            "$schema": SCHEMA_ID,
            "format": 1,
            "decision": self.decision,
            "title": meta["title"],
            "signed": meta["signed"],
            "effective_from": meta["effective_from"],
            "appendix": meta["appendix"],
            "part_maxima": meta["part_maxima"],
            "provenance": text(self.source["provenance"]),
            "notes": NOTES[self.decision],
            "readings": {},
        }
        if self.decision == "1048/2019":
            document["amended_by"] = ["781/QĐ-TTg"]
            document["minimum_criteria"] = self.minimum_criteria()
        document["sheets"] = [self.sheet(s) for s in sets]
        used = sorted({e["reading"] for s in document["sheets"] for e in s.get("eliminations", [])})
        document["readings"] = {name: READINGS[name] for name in used}
        return document

    def minimum_criteria(self) -> Json:
        excerpt = self.source["minimum_criteria_781"]
        return {
            "decision": "781/QĐ-TTg",
            "title": text(excerpt["decision"]),
            "source": text(excerpt["source"]),
            "complete": False,
            "items": [text(item) for item in excerpt["part_C_minima_excerpt"]],
            "missing": text(excerpt["missing"]),
        }

    def sheet(self, source: Json) -> Json:
        no = source["no"]
        self.no = no
        self.errata: list[Json] = []
        self.eliminations: list[Json] = []
        repaired: list[tuple[str, str]] = []
        if self.decision == "1048/2019" and no <= 25:
            source, repaired = prepare_1048(source)
        notes = [text(n) for n in source.get("set_notes", [])]
        if self.decision == "148/2023" and no == 3:
            notes = [HEADER_148_SET3]
        sheet: Json = {"no": no, "name": text(source["name"])}
        parts = [self.part(no, p) for p in source["parts"]]
        for entry in ERRATA[self.decision]:
            if entry[0] == no:
                self.add_erratum(entry[1], entry[2])
        for correction in source.get("corrections", []) if self.decision == "1048/2019" else ():
            self.add_erratum("corrected", text(correction))
        if repaired:
            pairs = "; ".join(f'"{a}" → "{b}"' for a, b in repaired)
            self.add_erratum("corrected", REPAIRED_1048.format(pairs=pairs))
        if self.decision == "148/2023" and no not in (1, 3):
            self.add_erratum("unavailable", HEADER_148_MISSING)
        self.mark_unattainable(no, parts)
        if not parts:
            sheet["available"] = False
        if notes:
            sheet["notes"] = notes
        sheet["parts"] = parts
        if self.eliminations:
            sheet["eliminations"] = self.eliminations
        if self.errata:
            sheet["errata"] = self.errata
        return sheet

    def add_erratum(self, kind: str, body: str) -> str:
        ident = f"{self.short}-{self.no:02d}-{len(self.errata) + 1}"
        self.errata.append({"id": ident, "kind": kind, "text": body})
        return ident

    def mark_unattainable(self, no: int, parts: list[Json]) -> None:
        for entry in ERRATA[self.decision]:
            if entry[0] != no or len(entry) < 4:
                continue
            ident = next(e["id"] for e in self.errata if e["text"] == entry[2])
            level, where, amount = entry[3]
            target: Json
            if level == "part":
                target = next(p for p in parts if p["code"] == where)
            else:
                target = next(
                    c
                    for p in parts
                    for s in p["sections"]
                    for c in s["criteria"]
                    if c["code"] == where
                )
            target["unattainable"] = {"points": amount, "erratum": ident}

    def part(self, no: int, source: Json) -> Json:
        return {
            "code": source["code"],
            "title": text(source["title"]),
            "max": points(source["max"]),
            "sections": [self.section(no, s) for s in source["sections"]],
        }

    def section(self, no: int, source: Json) -> Json:
        number = text(source["no"])
        section: Json = {"no": number, "title": text(source["title"]), "max": points(source["max"])}
        if source.get("notes"):
            section["notes"] = [text(n) for n in source["notes"]]
        groups = []
        for group in source.get("groups", []):
            entry: Json = {
                "code": code_of(self.decision, number, group["code"]),
                "title": text(group["title"]),
                "max": points(group["max"]),
            }
            if group.get("notes"):
                entry["notes"] = [text(n) for n in group["notes"]]
            groups.append(entry)
        if groups:
            section["groups"] = groups
        criteria = [self.criterion(number, c) for c in source["criteria"]]
        section["criteria"] = criteria
        for group in groups:
            for index, note in enumerate(group.get("notes", [])):
                self.elimination(
                    group["code"],
                    index,
                    note,
                    [c for c in criteria if c.get("group") == group["code"]],
                )
        for position, criterion in enumerate(criteria):
            for index, note in enumerate(criterion.get("notes", [])):
                self.elimination(
                    criterion["code"], index, note, [criterion], listed=criteria[: position + 1]
                )
        alternatives = {c.get("alternative_group") for c in criteria} - {None}
        tourism_1048 = self.decision == "1048/2019" and self.no == 26
        if number == "3" and "3.2" in alternatives and tourism_1048:
            cases = [c for c in criteria if c.get("alternative_group") == "3.2"]
            self.add_erratum("read", SPLIT_32.format(a=cases[0]["max"], b=cases[1]["max"]))
        return section

    def criterion(self, section: str, source: Json) -> Json:
        code = code_of(self.decision, section, source["code"])
        criterion: Json = {
            "code": code,
            "title": text(source["title"]),
            "max": points(source["max"]),
        }
        notes = [text(n) for n in source.get("notes", [])]
        if notes:
            criterion["notes"] = notes
        conditional = [i for i, n in enumerate(notes) if n.lower().startswith("chỉ áp dụng")]
        if conditional:
            criterion["applies_when"] = conditional[0]
        if source.get("alternative_group"):
            criterion["alternative_group"] = source["alternative_group"]
        if source.get("group"):
            criterion["group"] = code_of(self.decision, section, source["group"])
        if source.get("binary_no_options"):
            top = criterion["max"]
            criterion["binary"] = True
            criterion["options"] = [{"label": "Không", "points": 0}, {"label": "Có", "points": top}]
            self.add_erratum("supplied", BINARY_ERRATUM.format(code=code, max=top))
            return criterion
        options = []
        for option in source["options"]:
            entry: Json = {"label": text(option["label"]), "points": points(option["score"])}
            if option.get("min_star"):
                entry["min_star"] = option["min_star"]
            options.append(entry)
        criterion["options"] = options
        if source.get("criterion_min_star"):
            lowest = min(
                (i for i, o in enumerate(options) if o["points"] > 0),
                key=lambda i: (options[i]["points"], i),
            )
            criterion["criterion_min_star"] = {
                "star": source["criterion_min_star"],
                "option": lowest,
            }
        return criterion

    def elimination(
        self, at: str, index: int, note: str, own: list[Json], listed: list[Json] | None = None
    ) -> None:
        rule = rule_of(note)
        if rule is None:
            return
        found: list[list[Any]] = []
        if rule == "foreign_matter":
            found = [
                [c["code"], i]
                for c in own
                for i, o in enumerate(c["options"])
                if eliminating(o["label"])
            ]
        elif rule == "zero_points":
            found = [
                [c["code"], i] for c in own for i, o in enumerate(c["options"]) if o["points"] == 0
            ]
        elif rule == "zero_points_listed":
            found = [
                [c["code"], i]
                for c in (listed or own)
                for i, o in enumerate(c["options"])
                if o["points"] == 0
            ]
        elif rule == "no_quality_declaration":
            found = [
                [c["code"], i]
                for c in own
                for i, o in enumerate(c["options"])
                if no_declaration(o["label"])
            ]
        entry: Json = {"at": at, "note": index, "reading": rule}
        if found:
            entry["options"] = found
        self.eliminations.append(entry)


def dump(document: Json) -> str:
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"


def write_prepared(target: Path) -> None:
    """Check a bundled rubric file and write its prepared form beside it."""
    from ocop.rubric import load_file  # the same checks every user file goes through
    from ocop.rubric._load import PREPARED, prepare

    load_file(target)
    folder = DATA / PREPARED / target.stem
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.json"):
        old.unlink()
    files = prepare(json.loads(target.read_text("utf-8")))
    for name, content in files.items():
        (folder / name).write_text(content, "utf-8")
    print(f"{folder.relative_to(ROOT)}: {len(files)} files")


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(ROOT / "src"))
    if argv == ["--prepared"]:
        for meta in DECISIONS.values():
            write_prepared(DATA / meta["file"])
        return 0
    source_dir = Path(argv[0]) if argv else DEFAULT_SOURCE
    DATA.mkdir(parents=True, exist_ok=True)
    from ocop.rubric import load_file  # the same checks every user file goes through

    names: dict[str, list[str]] = {}
    for decision, meta in DECISIONS.items():
        if decision == "1048/2019":
            source = source_1048(source_dir)
        else:
            source = json.loads((source_dir / meta["source"]).read_text("utf-8"))
        document = Builder(decision, source).build()
        names[decision] = [sheet["name"] for sheet in document["sheets"]]
        target = DATA / meta["file"]
        target.write_text(dump(document), "utf-8")
        rubric = load_file(target)
        sheets = rubric.sheets.values()
        print(
            f"{target.relative_to(ROOT)}: {len(rubric.sheets)} sheets, "
            f"{sum(len(s.criteria) for s in sheets)} criteria, "
            f"{sum(len(s.markers) for s in sheets)} markers, "
            f"{sum(len(s.eliminations) for s in sheets)} eliminations, "
            f"{sum(len(s.errata) for s in sheets)} errata, {target.stat().st_size} bytes"
        )
        write_prepared(target)
    target = DATA / "classification.json"
    target.write_text(
        json.dumps(classification(names), ensure_ascii=False, indent=1) + "\n", "utf-8"
    )
    print(f"{target.relative_to(ROOT)}: {target.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
