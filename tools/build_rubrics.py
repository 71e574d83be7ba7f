"""Build the bundled rubric files from the shared score-sheet transcriptions.

Maintainers run this by hand after the transcriptions change; nothing runs it at install, import
or test time. It reads ``criteria_qd1048_2019.json``, ``criteria_qd148_2023.json`` and
``criteria_qd26_2026.json`` (the shared OCOP score-sheet data, with its README listing the known
defects) and writes ``src/ocop/rubric/data/<number>-<year>.json`` in the project's rubric format
(``src/ocop/schemas/rubric.schema.json``):

* codes follow the printed numbering; 148's lettered criteria get their section number
  ("a)" in section 1 is "1.a", "a)-1" in section 6 is "6.a-1");
* QĐ 1048 sets, which the source leaves unnumbered, are numbered in the decision's order;
* points become integers, text is Unicode NFC with runs of blanks made one space;
* the whole-criterion markers of QĐ 148 are placed on the lowest option with points above 0;
* notes that eliminate the dossier or stop the evaluation become elimination rules, with the
  options that state their condition;
* "Chỉ áp dụng …" notes make the criterion conditional;
* each known defect of the transcription is resolved or recorded as an erratum of its sheet,
  and maxima that no option reaches are marked ``unattainable``.

Every file written is loaded back through :func:`ocop.rubric.load_file`, so a build that breaks
a schema or integrity rule fails here.

Usage::

    python tools/build_rubrics.py [SOURCE_DIR]

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
        "source": "criteria_qd1048_2019.json",
        "file": "1048-2019.json",
        "title": "1048/QĐ-TTg",
        "signed": "2019-08-21",
        "effective_from": "2019-08-21",
        "appendix": "Phụ lục",
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
        "QĐ 1048/QĐ-TTg sheets carry no star markers. QĐ 781/QĐ-TTg (08/06/2020) added minimum "
        "criteria per star level; only a part-C excerpt is known (minimum_criteria).",
        "The source stores no maxima: a criterion's maximum is its best option, a section's the "
        "sum of its criteria (alternatives counted once, by the largest), a group's the sum of "
        "its members; the part maxima A 35, B 25, C 40 are the decision's. Where a part's "
        "sections fall short of the decision's maximum the points are marked unattainable and "
        "an erratum says why.",
        "Sets are numbered 1-26 in the order of the decision's product list; QĐ 781/2020 "
        'renamed the tourism group "Dịch vụ du lịch cộng đồng và điểm du lịch".',
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

# 1048: the 26 product sets in the decision's order, by the source's product type.
ORDER_1048 = [
    15,
    18,
    10,
    11,
    26,
    2,
    3,
    4,
    5,
    23,
    9,
    1,
    7,
    6,
    16,
    24,
    14,
    25,
    21,
    12,
    22,
    17,
    13,
    19,
    20,
    8,
]


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
            "unavailable",
            "No copy of this sheet is known: the Bến Tre OCOP application "
            "database (GitHub tranquangduc24011999/ommani_ocop, mysql/init.sql) has the product "
            'type "Gạo, ngũ cốc" but no sections, questions or answers for it, and no other '
            "public copy was found in code repositories or web pages (searched 2026). The set "
            "exists and is numbered, but cannot be scored.",
        ),
        (
            6,
            "kept",
            '6.2 Ngoại hình: options "Tương đối đồng đều" and "Đồng đều" are both '
            "stored with 3 points; kept as stored.",
        ),
        (
            10,
            "kept",
            "Part C sums to 38, not 40: 7. TÍNH ĐỘC ĐÁO is stored with options 0/1/2/3 "
            "(maximum 3), while the other 1048 sheets give the same four options a top score of 5 "
            "or more, on ladders that differ from sheet to sheet (0/1/3/5, 0/2/3/5, 0/1/3/8, "
            "0/2/5/10). Which points this sheet prints cannot be told from the source; the options "
            "are kept as stored and 2 points of part C are unattainable.",
            ("part", "C", 2),
        ),
        (
            14,
            "renumbered",
            'Section 6: sub-criteria "6.1.3. Mùi" and "6.1.4. Vị" follow '
            '"6.1.3. Màu sắc" (number 6.1.3 used twice); they are coded 6.1.4 and 6.1.5, their '
            "titles kept as stored.",
        ),
        (
            16,
            "kept",
            "Part C sums to 38, not 40: section 6 (CHỈ TIÊU CẢM QUAN) has criteria 6.1, "
            "6.2, 6.3 and 6.5 but no 6.4 (18 points, against 20 in the comparable sheets 15 "
            "and 18). The missing criterion is not in the source; 2 points of part C are "
            "unattainable.",
            ("part", "C", 2),
        ),
        (
            19,
            "kept",
            "Part C sums to 38, not 40 (sections 6-13: 5/4/5/6/3/5/5/5); which "
            "criterion lacks points cannot be told from the source; 2 points of part C are "
            "unattainable.",
            ("part", "C", 2),
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
BRANCHES_1048 = (
    ["Thực phẩm"] * 14
    + ["Đồ uống"] * 4
    + ["Thảo dược"] * 4
    + ["Vải và may mặc"]
    + ["Lưu niệm – nội thất – trang trí"] * 2
    + ["Dịch vụ du lịch cộng đồng và điểm du lịch"]
)
CLASSIFICATION_SOURCES = {
    "26/2026": "QĐ 26/2026/QĐ-TTg, Art. 2.2 and Phụ lục I (category, nhóm, phân nhóm, cơ quan "
    "chủ trì quản lý).",
    "148/2023": "QĐ 148/QĐ-TTg, Art. 1.1.a and Phụ lục I: the structure of 26/2026 with the "
    "Ministry of Agriculture and Rural Development; the 148 wording of sets 16 and 18-20 is that "
    "of its sheets.",
    "1048/2019": "QĐ 1048/QĐ-TTg: six branches (ngành hàng); QĐ 781/QĐ-TTg renamed the tourism "
    'branch (formerly "Dịch vụ du lịch nông thôn, bán hàng"). The sources used give no '
    "groups, subgroups or managing ministries for 1048.",
}


def classification(names: dict[str, list[str]]) -> Json:
    """The product classification of each decision, with the sheets' set names."""
    result: Json = {}
    for decision in ("1048/2019", "148/2023", "26/2026"):
        rows = []
        for no, name in enumerate(names[decision], start=1):
            if decision == "1048/2019":
                row: Json = {"no": no, "name": name, "category": BRANCHES_1048[no - 1]}
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
                row = {"no": no, "name": name, "category": category, "group": group}
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
        if self.decision == "1048/2019":
            by_type = {s["source_product_type_id"]: s for s in sets}
            sets = [dict(by_type[t], no=i) for i, t in enumerate(ORDER_1048, start=1)]
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
        notes = [text(n) for n in source.get("set_notes", [])]
        if self.decision == "148/2023" and no == 3:
            notes = [HEADER_148_SET3]
        sheet: Json = {"no": no, "name": text(source["name"])}
        parts = [self.part(no, p) for p in source["parts"]]
        for entry in ERRATA[self.decision]:
            if entry[0] == no:
                self.add_erratum(entry[1], entry[2])
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
        if number == "3" and "3.2" in alternatives and self.decision == "1048/2019":
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


def main(argv: list[str]) -> int:
    source_dir = Path(argv[0]) if argv else DEFAULT_SOURCE
    DATA.mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(ROOT / "src"))
    from ocop.rubric import load_file  # the same checks every user file goes through

    names: dict[str, list[str]] = {}
    for decision, meta in DECISIONS.items():
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
    target = DATA / "classification.json"
    target.write_text(
        json.dumps(classification(names), ensure_ascii=False, indent=1) + "\n", "utf-8"
    )
    print(f"{target.relative_to(ROOT)}: {target.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
