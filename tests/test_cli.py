import io
import json
import pathlib
import shutil
import subprocess
import sys

import pytest

from ocop.cli import EXIT_INVALID, EXIT_OK, EXIT_UNREADABLE, EXIT_USAGE, main
from ocop.demo import PUBLISHED_STARS, load_example


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_the_demo_tells_the_an_giang_round_in_vietnamese_by_default():
    code, out, _ = run("demo")
    assert code == EXIT_OK
    assert "đợt 1 năm 2020" in out
    assert "Công ty Cổ phần Palmania" in out
    assert "minh họa" in out  # the cards are labelled illustrative


def test_the_demo_in_english_places_each_product_in_2020_and_today():
    code, out, _ = run("--lang", "en", "demo")
    assert code == EXIT_OK
    assert "Thị trấn Tri Tôn, Tri Tôn" in out
    assert "Xã Tri Tôn, Tỉnh An Giang" in out
    assert "illustrative" in out


def test_the_demo_runs_the_round_through_the_1048_process_to_certificates():
    from ocop.demo import run_round

    subjects = {s.id: s for s in load_example("subject", "subjects.json")}
    products = load_example("product", "products.json")
    cards = load_example("score_card", "cards.jsonl")
    districts, province = run_round(subjects, products, cards)
    assert len(districts) == 5  # Thoại Sơn, Tri Tôn, Long Xuyên, Châu Đốc, Tân Châu
    assert len(province.council.scorers) == 9
    stars = {c.product_id: c.stars.stars for c in province.certificates}
    assert stars == {k: v for k, v in PUBLISHED_STARS.items() if k != "gao-thom-ngoc-nhan"}
    assert {str(c.expires_on) for c in province.certificates} == {"2023-03-25"}


def test_the_illustrative_cards_reproduce_every_published_star():
    from ocop import aggregate, classify, rubric

    cards = load_example("score_card", "cards.jsonl")
    for product, published in PUBLISHED_STARS.items():
        mine = [card for card in cards if card.product == product]
        if not mine:
            assert product == "gao-thom-ngoc-nhan"  # no public copy of its sheet
            continue
        sheet = rubric.sheet(mine[0].decision, mine[0].set_no)
        ranking = classify(sheet, aggregate(sheet, mine))
        assert ranking.star is not None
        assert ranking.star.stars == published


def test_python_dash_m_runs_the_same_command():
    done = subprocess.run(
        [sys.executable, "-m", "ocop", "--lang", "en", "rubric", "list", "26"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == EXIT_OK
    assert "Rau, củ, quả, hạt tươi" in done.stdout


def test_the_installed_ocop_script_is_the_same_command():
    script = shutil.which("ocop", path=str(pathlib.Path(sys.executable).parent))
    assert script is not None, "the package's console script is installed beside Python"
    done = subprocess.run(
        [script, "--lang", "en", "--json", "rubric", "list", "148"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == EXIT_OK
    assert len(json.loads(done.stdout)) == 26


def test_rubric_list_as_json_has_all_78_sheets():
    code, out, _ = run("--json", "rubric", "list")
    assert code == EXIT_OK
    rows = json.loads(out)
    assert len(rows) == 78
    assert {row["decision"] for row in rows} == {"1048/2019", "148/2023", "26/2026"}


def test_rubric_show_prints_markers():
    code, out, _ = run("rubric", "show", "26/2026", "1")
    assert code == EXIT_OK
    assert "[1.5] 1.5. Liên kết sản xuất" in out
    assert "*****" in out


def test_rubric_show_of_an_unavailable_sheet_is_a_coded_error():
    code, _, err = run("rubric", "show", "1048", "3")
    assert code == EXIT_INVALID
    assert "rubric.sheet_unavailable" in err


def test_rubric_diff_between_148_and_26():
    code, out, _ = run("--lang", "en", "rubric", "diff", "148", "26", "1")
    assert code == EXIT_OK
    assert out.strip()


def test_schema_prints_a_published_schema():
    code, out, _ = run("schema", "score_card")
    assert code == EXIT_OK
    assert json.loads(out)["$id"].endswith("score_card.schema.json")


@pytest.fixture
def card_file(tmp_path):
    cards = [
        card for card in load_example("score_card", "cards.jsonl") if card.product == "tra-xa-den"
    ]
    from ocop import json as ocop_json

    path = tmp_path / "cards.jsonl"
    path.write_text("\n".join(ocop_json.dumps(card, indent=None) for card in cards), "utf-8")
    return path


def test_score_aggregates_several_cards_of_one_product_as_a_council(card_file):
    code, out, _ = run("--json", "score", str(card_file))
    assert code == EXIT_OK
    (result,) = json.loads(out)
    assert result["cards"] == 9
    assert result["star"] == 3


def test_advise_gives_the_cheapest_way_to_four_stars(card_file):
    code, out, _ = run("--lang", "en", "advise", str(card_file), "--target", "4")
    assert code == EXIT_OK
    assert "tra-xa-den" in out


def test_validate_accepts_a_good_file_and_guesses_its_kind(card_file):
    code, out, _ = run("validate", str(card_file))
    assert code == EXIT_OK
    assert "score_card" in out


def test_validate_reports_every_problem_with_its_path_and_exits_1(tmp_path):
    bad = tmp_path / "subject.json"
    bad.write_text(
        json.dumps({"id": "x", "name": "X", "kind": "enterprise", "tax_code": "0312687877"}),
        "utf-8",
    )
    code, out, _ = run("--json", "validate", str(bad), "--kind", "subject")
    assert code == EXIT_INVALID
    report = json.loads(out)
    assert report["problems"][0]["path"] == "$.tax_code"
    assert report["problems"][0]["code"] == "tax_code.bad_checksum"


def test_validate_of_text_that_is_not_json_is_a_coded_error_not_a_traceback(tmp_path):
    bad = tmp_path / "broken.json"
    bad.write_text("{not json", "utf-8")
    code, _, err = run("validate", str(bad))
    assert code == EXIT_INVALID
    assert "document.not_json" in err
    assert "Traceback" not in err


def test_a_missing_file_exits_3():
    code, _, err = run("validate", "/nonexistent/file.json")
    assert code == EXIT_UNREADABLE
    assert "không đọc được" in err.lower()


def test_a_wrong_command_line_exits_2():
    code, _, _ = run("rubric", "frobnicate")
    assert code == EXIT_USAGE


@pytest.fixture
def an_giang_round():
    from ocop.demo import run_round

    subjects = {s.id: s for s in load_example("subject", "subjects.json")}
    products = load_example("product", "products.json")
    cards = load_example("score_card", "cards.jsonl")
    return run_round(subjects, products, cards)[1]


def test_round_report_reads_a_round_document_and_gives_each_product_its_next_step(
    tmp_path, an_giang_round
):
    from ocop import json as ocop_json

    path = tmp_path / "round.json"
    path.write_text(ocop_json.dumps(an_giang_round), "utf-8")
    code, out, _ = run("--json", "round", "report", str(path))
    assert code == EXIT_OK
    report = json.loads(out)
    assert report["level"] == "province"
    stars = {row["product"]: row["star"] for row in report["products"]}
    assert stars["Tranh lá thốt nốt"] == 4
    assert {row["certifying_level"] for row in report["products"]} == {"province"}
    code, text, _ = run("--lang", "en", "round", "report", str(path))
    assert code == EXIT_OK
    assert "an-giang-2020-1" in text


def test_certificates_due_lists_what_expires_within_the_months_asked(tmp_path, an_giang_round):
    from ocop import json as ocop_json

    path = tmp_path / "certificates.json"
    path.write_text(
        json.dumps([ocop_json.dump(c) for c in an_giang_round.certificates], ensure_ascii=False),
        "utf-8",
    )
    code, out, _ = run(
        "--json", "certificates", "due", str(path), "--as-of", "2022-12-01", "--within", "6"
    )
    assert code == EXIT_OK
    due = json.loads(out)["certificates"]
    assert len(due) == 5
    assert {row["expires_on"] for row in due} == {"2023-03-25"}
    code, out, _ = run(
        "--json", "certificates", "due", str(path), "--as-of", "2022-01-01", "--within", "6"
    )
    assert json.loads(out)["certificates"] == []


def test_certificates_due_refuses_a_bad_date_with_a_coded_error(tmp_path):
    path = tmp_path / "none.json"
    path.write_text("[]", "utf-8")
    code, _, err = run("certificates", "due", str(path), "--as-of", "2022-13-01")
    assert code == EXIT_INVALID
    assert "date.invalid" in err


def test_plan_progress_counts_a_round_against_the_plan_per_district(tmp_path, an_giang_round):
    from importlib import resources

    from ocop import json as ocop_json

    plan = resources.files("ocop.examples") / "an_giang_2020" / "plan.json"
    round_path = tmp_path / "round.json"
    round_path.write_text(ocop_json.dumps(an_giang_round), "utf-8")
    code, out, _ = run(
        "--json", "plan", "progress", str(plan), str(round_path), "--as-of", "2020-03-31"
    )
    assert code == EXIT_OK
    targets = {t["target"]["code"]: t for t in json.loads(out)["targets"]}
    assert len(targets) == 11
    assert targets["891"]["proposed_ids"] == ["duong-thot-not-set-palmania"]  # Tri Tôn
    assert targets["886"]["proposed_ids"] == []  # An Phú: nothing yet
    code, text, _ = run("--lang", "en", "plan", "progress", str(plan), "--as-of", "2020-03-31")
    assert code == EXIT_OK
    assert "0 of 11 targets met" in text


@pytest.mark.parametrize(
    ("command", "code"),
    [
        (("round", "report"), "document.one_round"),
        (("plan", "progress", "--as-of", "2020-12-31"), "document.one_plan"),
    ],
)
def test_a_file_holding_no_document_is_refused_with_its_code(tmp_path, command, code):
    empty = tmp_path / "empty.json"
    empty.write_text("[]", encoding="utf-8")
    status, _, err = run(*command[:2], str(empty), *command[2:])
    assert status == 1
    assert code in err
