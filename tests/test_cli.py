import io
import json
import pathlib
import shutil
import subprocess
import sys

import pytest

from ocop.cli import (
    EXIT_CLOSED_PIPE,
    EXIT_INTERNAL,
    EXIT_INVALID,
    EXIT_OK,
    EXIT_UNREADABLE,
    EXIT_USAGE,
    main,
)
from ocop.demo import PUBLISHED_STARS, load_example

SCRIPT = shutil.which("ocop", path=str(pathlib.Path(sys.executable).parent))
WAYS = ["main", "python -m ocop", "script"]


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def invoke(way: str, *argv: str, stdin: str | None = None) -> tuple[int, str, str]:
    """The command run in-process through ``main``, as ``python -m ocop``, or as the script."""
    if way == "main":
        return run(*argv)
    assert SCRIPT is not None, "the package's console script is installed beside Python"
    command = [sys.executable, "-m", "ocop"] if way == "python -m ocop" else [SCRIPT]
    done = subprocess.run(
        [*command, *argv], capture_output=True, text=True, input=stdin, check=False
    )
    return done.returncode, done.stdout, done.stderr


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
    assert len(districts) == 6  # Thoại Sơn, Tri Tôn, Long Xuyên, Châu Thành, Châu Đốc, Tân Châu
    assert len(province.council.scorers) == 9
    stars = {c.product_id: c.stars.stars for c in province.certificates}
    assert stars == PUBLISHED_STARS
    assert {str(c.expires_on) for c in province.certificates} == {"2023-03-25"}


def test_the_illustrative_cards_reproduce_every_published_star():
    from ocop import aggregate, classify, rubric

    cards = load_example("score_card", "cards.jsonl")
    for product, published in PUBLISHED_STARS.items():
        mine = [card for card in cards if card.product == product]
        assert len(mine) == 9
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


def test_rubric_show_prints_the_1048_rice_sheet():
    code, out, _ = run("rubric", "show", "1048", "3")
    assert code == EXIT_OK
    assert "Gạo, ngũ cốc" in out
    assert "[8] 8. TÍNH ĐỘC ĐÁO" in out


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
    (result,) = json.loads(out)["products"]
    assert result["cards"] == 9
    assert result["star"] == 3


def test_advise_gives_the_cheapest_way_to_four_stars(card_file):
    code, out, _ = run("--lang", "en", "advise", str(card_file), "--target", "4")
    assert code == EXIT_OK
    assert "tra-xa-den" in out


def test_advice_in_json_gives_its_target_as_a_number_in_a_fresh_process(card_file):
    # Cards alone, none refused: no line takes the contract's general route first.
    code, out, _ = invoke("script", "--json", "advise", str(card_file), "--target", "4")
    assert code == EXIT_OK
    (result,) = json.loads(out)["products"]
    assert result["advice"]["target"] == 4


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
    code, out, err = run("validate", str(bad))
    assert code == EXIT_INVALID
    assert f"{bad}:1: " in out  # what validate finds is its output
    assert "document.not_json" in out
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
    assert len(due) == 6
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


# -- a season ----------------------------------------------------------------------------------


def season_lines(*, eliminate=True, break_card=False):
    """The An Giang round as one JSON Lines season: products, then every card."""
    from ocop import json as ocop_json

    lines = [ocop_json.dumps(p, indent=None) for p in load_example("product", "products.json")]
    for card in load_example("score_card", "cards.jsonl"):
        data = ocop_json.dump(card)
        if eliminate and card.product == "kho-ca-tra-phong" and card.member.endswith("1"):
            data["choices"]["6.1"] = {"index": 0}  # "Có tạp chất" eliminates the dossier
        if break_card and card.product == "tra-xa-den" and card.member.endswith("3"):
            data["choices"]["1.1"] = 99  # no option prints 99 points
            del data["choices"]["1.2"]
        lines.append(json.dumps(data, ensure_ascii=False))
    return lines


@pytest.fixture
def season(tmp_path):
    path = tmp_path / "season.jsonl"
    path.write_text("\n".join(season_lines()) + "\n", "utf-8")
    return path


@pytest.fixture
def broken_season(tmp_path):
    path = tmp_path / "broken.jsonl"
    path.write_text("\n".join(season_lines(break_card=True)) + "\n", "utf-8")
    return path


@pytest.mark.parametrize("way", WAYS)
def test_a_season_with_an_eliminated_product_prints_every_other_products_star(way, season):
    code, out, _ = invoke(way, "score", str(season), "--lang", "en")
    assert code == EXIT_OK
    assert "Khô cá tra phồng" in out
    eliminated = out.split("kho-ca-tra-phong (Khô cá tra phồng): ")[1].split("\n")[0]
    assert eliminated.endswith("points, band 3★, eliminated.")
    for product, stars in PUBLISHED_STARS.items():
        if product != "kho-ca-tra-phong":
            assert f"ranked {stars}★" in out.split(f"{product} (")[2].split("\n")[0]
    assert out.rstrip().splitlines()[-1].startswith("6 products: 5 ranked (3★ 3, 4★ 2), 1 elim")


@pytest.mark.parametrize("way", WAYS)
def test_a_refused_product_exits_1_with_its_problems_located_and_the_rest_scored(
    way, broken_season
):
    code, out, _ = invoke(way, "--json", "score", str(broken_season))
    assert code == EXIT_INVALID
    report = json.loads(out)
    statuses = {p["product"]: p["status"] for p in report["products"]}
    assert statuses["tra-xa-den"] == "refused"
    assert statuses["tranh-la-thot-not"] == "ranked"
    assert report["summary"]["statuses"]["refused"] == 1
    refused = next(p for p in report["products"] if p["product"] == "tra-xa-den")
    located = {(p["file"], p["line"], p["name"], p["path"], p["code"]) for p in refused["problems"]}
    line = 6 + 2 * 9 + 3  # products, two councils of nine, then the third card
    assert (str(broken_season), line, "Trà xạ đen", '$.choices["1.1"]', "card.no_such_option") in (
        located
    )
    assert (
        str(broken_season),
        line,
        "Trà xạ đen",
        '$.choices["1.2"]',
        "card.missing_criterion",
    ) in (located)
    assert all(p["file"] != "ocop" for p in refused["problems"])
    code, text, _ = invoke(way, "score", str(broken_season), "--lang", "en")
    assert code == EXIT_INVALID
    assert f'{broken_season}:{line}: tra-xa-den (Trà xạ đen): $.choices["1.1"]:' in text


def test_score_reads_a_season_on_standard_input(season):
    code, out, _ = invoke("script", "score", "-", "--json", stdin=season.read_text("utf-8"))
    assert code == EXIT_OK
    assert json.loads(out)["summary"]["products"] == 6


@pytest.mark.parametrize("way", WAYS)
def test_validate_runs_the_checks_of_score_on_cards_with_the_kind_given(way, tmp_path):
    card = ocop_card("tra-xa-den")
    card["choices"] = {"1.1": 99}
    path = tmp_path / "card.json"
    path.write_text(json.dumps(card), "utf-8")
    code, out, _ = invoke(way, "--json", "validate", str(path), "--kind", "score_card")
    assert code == EXIT_INVALID
    codes = [problem["code"] for problem in json.loads(out)["problems"]]
    assert codes[0] == "card.no_such_option"
    assert codes.count("card.missing_criterion") > 20
    assert all(problem["line"] == 1 for problem in json.loads(out)["problems"])


def test_validate_names_a_single_line_in_the_singular(tmp_path):
    one = tmp_path / "one.jsonl"
    one.write_text(json.dumps(ocop_card("tra-xa-den")) + "\n", encoding="utf-8")
    code, out, _ = run("validate", str(one), "--lang", "en")
    assert code == EXIT_OK
    assert f"{one}: line 1: score_card" in out
    code, out, _ = run("validate", str(one))
    assert f"{one}: dòng 1: score_card" in out


def ocop_card(product):
    from ocop import json as ocop_json

    card = next(c for c in load_example("score_card", "cards.jsonl") if c.product == product)
    return ocop_json.dump(card)


@pytest.mark.parametrize("way", WAYS)
def test_validate_tells_each_lines_kind_and_finds_what_score_finds(way, broken_season):
    code, out, _ = invoke(way, "validate", str(broken_season), "--lang", "en")
    assert code == EXIT_INVALID
    assert f"{broken_season}: lines 1–6: product" in out
    assert f"{broken_season}: lines 7–60: score_card" in out
    assert '[score_card] tra-xa-den (Trà xạ đen): $.choices["1.1"]' in out
    code, report, _ = invoke(way, "validate", str(broken_season), "--json")
    scored = json.loads(invoke(way, "score", str(broken_season), "--json")[1])
    found = [p for product in scored["products"] for p in product["problems"]]
    assert sorted(map(str, json.loads(report)["problems"])) == sorted(map(str, found))
    assert json.loads(report)["lines"] == [
        {"kind": "product", "first": 1, "last": 6},
        {"kind": "score_card", "first": 7, "last": 60},
    ]


@pytest.mark.parametrize("way", WAYS)
def test_validate_finds_a_season_valid_when_score_refuses_no_product(way, season):
    code, out, _ = invoke(way, "validate", str(season), "--lang", "en")
    assert code == EXIT_OK  # an elimination is no problem
    assert out.rstrip().endswith("valid (6 × product, 54 × score_card)")
    assert invoke(way, "score", str(season))[0] == EXIT_OK


def test_validate_of_a_broken_line_checks_it_as_the_kind_it_is_nearest(tmp_path):
    card = ocop_card("tra-xa-den")
    del card["member"]
    path = tmp_path / "cards.jsonl"
    path.write_text(json.dumps(card) + "\n", "utf-8")
    code, out, _ = run("validate", str(path))
    assert code == EXIT_INVALID
    assert f"{path}:1: [score_card] tra-xa-den: $.member:" in out
    assert "--kind" not in out


def test_progress_is_drawn_on_a_terminal_and_not_with_quiet(season):
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    err = Terminal()
    assert main(["score", str(season)], out=io.StringIO(), err=err) == EXIT_OK
    assert "\r" in err.getvalue()
    assert "%" in err.getvalue()
    quiet = Terminal()
    assert main(["score", str(season), "-q"], out=io.StringIO(), err=quiet) == EXIT_OK
    assert quiet.getvalue() == ""
    piped = io.StringIO()
    assert main(["score", str(season)], out=io.StringIO(), err=piped) == EXIT_OK
    assert piped.getvalue() == ""


class _Terminal(io.StringIO):
    def isatty(self):
        return True


class _Writes(io.StringIO):
    """A pipe that counts the writes it is given."""

    writes = 0

    def write(self, text):
        self.writes += 1
        return super().write(text)


@pytest.mark.parametrize("argv", [("--json", "score"), ("score",), ("advise", "--target", "4")])
def test_outcomes_written_a_few_at_a_time_are_those_a_terminal_gets_one_by_one(
    argv, broken_season, monkeypatch
):
    from ocop import cli

    monkeypatch.setattr(cli, "_HELD", 4)
    terminal, piped = _Terminal(), _Writes()
    on_terminal = main([*argv, str(broken_season)], out=terminal, err=io.StringIO())
    assert main([*argv, str(broken_season)], out=piped, err=io.StringIO()) == on_terminal
    assert piped.getvalue() == terminal.getvalue()
    assert on_terminal == EXIT_INVALID
    # Six products, four at a time: the opening, two writes of outcomes, then the summary.
    assert piped.writes == (4 if argv[0] == "--json" else 3)


# -- options, version, pipes, errors -------------------------------------------------------------


@pytest.mark.parametrize("way", WAYS)
@pytest.mark.parametrize(
    "argv",
    [
        ("rubric", "list", "--json"),
        ("--json", "rubric", "list"),
        ("rubric", "--json", "list"),
    ],
)
def test_options_go_before_or_after_the_command(way, argv):
    code, out, _ = invoke(way, *argv)
    assert code == EXIT_OK
    assert len(json.loads(out)) == 78


@pytest.mark.parametrize("way", WAYS)
def test_the_demo_takes_its_language_after_the_command(way):
    code, out, _ = invoke(way, "demo", "--lang", "en")
    assert code == EXIT_OK
    assert "Scoring (illustrative cards" in out


@pytest.mark.parametrize("way", WAYS)
def test_version(way):
    from ocop import __version__

    code, out, _ = invoke(way, "--version")
    assert code == EXIT_OK
    assert out.strip() == f"ocop {__version__}"


@pytest.mark.parametrize("way", ["python -m ocop", "script"])
def test_a_closed_pipe_ends_the_command_quietly(way):
    command = [sys.executable, "-m", "ocop"] if way == "python -m ocop" else [SCRIPT]
    reader = subprocess.Popen(
        [*command, "rubric", "show", "26/2026", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert reader.stdout is not None
    assert reader.stderr is not None
    reader.stdout.close()  # before the command writes: its first write meets a closed pipe
    err = reader.stderr.read()
    reader.stderr.close()
    assert reader.wait() == EXIT_CLOSED_PIPE
    assert err == b""


def test_an_internal_error_is_reported_as_a_bug_with_its_own_exit_code(monkeypatch):
    from ocop import cli

    def broken(args, out):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(cli, "_demo", broken)
    code, _, err = run("--lang", "en", "demo")
    assert code == EXIT_INTERNAL
    assert "internal error in ocop (a bug, not a problem of the input)" in err
    assert "ZeroDivisionError" in err


@pytest.mark.parametrize("way", WAYS)
def test_a_problem_of_the_command_line_is_not_put_in_a_file_named_ocop(way):
    code, out, _ = invoke(way, "--json", "rubric", "show", "1048", "27")
    assert code == EXIT_INVALID
    (problem,) = json.loads(out)["problems"]
    assert problem["file"] is None
    assert problem["code"] == "rubric.unknown_set"


# -- dates, plans, language ----------------------------------------------------------------------


@pytest.fixture
def certificates_file(tmp_path, an_giang_round):
    from ocop import json as ocop_json

    path = tmp_path / "certificates.json"
    path.write_text(
        json.dumps([ocop_json.dump(c) for c in an_giang_round.certificates], ensure_ascii=False),
        "utf-8",
    )
    return path


@pytest.mark.parametrize("way", WAYS)
def test_certificates_due_takes_a_day_as_vietnamese_offices_write_it(way, certificates_file):
    iso = invoke(
        way, "--json", "certificates", "due", str(certificates_file), "--as-of", "2022-12-01"
    )
    dmy = invoke(
        way, "--json", "certificates", "due", str(certificates_file), "--as-of", "01/12/2022"
    )
    assert iso[0] == dmy[0] == EXIT_OK
    assert json.loads(iso[1]) == json.loads(dmy[1])
    assert len(json.loads(dmy[1])["certificates"]) == 6


@pytest.mark.parametrize("way", WAYS)
def test_certificates_due_is_as_of_today_when_no_day_is_given(way, certificates_file):
    from ocop.calendar import today

    code, out, _ = invoke(way, "--json", "certificates", "due", str(certificates_file))
    assert code == EXIT_OK
    assert json.loads(out)["as_of"] == today().isoformat()


@pytest.mark.parametrize("way", WAYS)
def test_a_bad_day_says_both_forms_it_takes(way):
    code, _, err = invoke(
        way, "--lang", "en", "certificates", "due", "x.json", "--as-of", "31/02/2026"
    )
    assert code == EXIT_INVALID
    assert "YYYY-MM-DD or DD/MM/YYYY" in err


@pytest.mark.parametrize("way", WAYS)
def test_plan_progress_places_products_by_their_subjects(way, tmp_path):
    from importlib import resources

    from ocop import Product, ProductRecord, Subject
    from ocop import json as ocop_json
    from ocop.calendar import date
    from ocop.subject import Address

    plan = resources.files("ocop.examples") / "an_giang_2020" / "plan.json"
    unplaced = Product(id="p", name="Mắm", decision="1048", set_no=10, subject_id="s")
    record = ProductRecord(product=unplaced, proposed_on=date(2020, 3, 1))
    owner = Subject(
        id="s",
        name="Hộ Ba Lộc",
        kind="household",
        address=Address(era="legacy", district_code="887"),
    )
    records = tmp_path / "records.json"
    records.write_text(json.dumps([ocop_json.dump(record)], ensure_ascii=False), "utf-8")
    subjects = tmp_path / "subjects.json"
    subjects.write_text(json.dumps([ocop_json.dump(owner)], ensure_ascii=False), "utf-8")

    def proposed(*extra):
        code, out, _ = invoke(
            way,
            "--json",
            "plan",
            "progress",
            str(plan),
            str(records),
            *extra,
            "--as-of",
            "31/03/2020",
        )
        assert code == EXIT_OK
        return {t["target"]["code"]: t["proposed_ids"] for t in json.loads(out)["targets"]}

    assert proposed()["887"] == []
    assert proposed("--subjects", str(subjects))["887"] == ["p"]
    assert proposed(str(subjects))["887"] == ["p"]  # subjects among the records' files


@pytest.mark.parametrize("way", WAYS)
def test_the_round_report_in_vietnamese_names_levels_in_vietnamese(way, tmp_path, an_giang_round):
    from ocop import json as ocop_json

    path = tmp_path / "round.json"
    path.write_text(ocop_json.dumps(an_giang_round), "utf-8")
    code, out, _ = invoke(way, "round", "report", str(path))
    assert code == EXIT_OK
    assert "province" not in out
    assert "— cấp tỉnh," in out
    code, out, _ = invoke(way, "round", "report", str(path), "--lang", "en")
    assert "— province," in out


def test_the_demo_speaks_one_language_and_tells_todays_status():
    from ocop.calendar import today

    _, vi, _ = run("demo")
    _, en, _ = run("demo", "--lang", "en")
    assert "(communes)" not in vi
    assert "communes," in en
    assert f"Tình trạng {today():%d/%m/%Y}" in vi
    assert f"Status on {today().isoformat()}" in en


# -- help and completion -------------------------------------------------------------------------


@pytest.mark.parametrize("way", WAYS)
def test_help_topics_and_commands(way):
    code, out, _ = invoke(way, "help", "exit-codes", "--lang", "en")
    assert code == EXIT_OK
    assert "141" in out
    assert "70" in out
    code, out, _ = invoke(way, "help", "rubric show")
    assert code == EXIT_OK
    assert out.startswith("usage: ocop rubric show")
    code, _, _ = invoke(way, "help", "nothing-of-the-kind")
    assert code == EXIT_INVALID


def complete(shell_script: str, *words: str) -> list[str]:
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("bash is not installed")
    line = " ".join(f"'{word}'" for word in words)
    done = subprocess.run(
        [
            bash,
            "-c",
            f"{shell_script}\nCOMP_WORDS=(ocop {line}); COMP_CWORD={len(words)}; _ocop; "
            'printf "%s\\n" "${COMPREPLY[@]}"',
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.split()


def test_bash_completes_commands_actions_options_and_their_choices():
    code, script, _ = run("completion", "bash")
    assert code == EXIT_OK
    assert complete(script, "ru") == ["rubric"]
    assert complete(script, "rubric", "sh") == ["show"]
    assert complete(script, "score", "--marker-policy", "") == ["council-mean", "every-card"]
    assert complete(script, "validate", "--kind", "score_") == ["score_card"]
    assert "--lang" in complete(script, "demo", "--")


def test_zsh_completion_loads_the_same_function_through_bashcompinit():
    code, script, _ = run("completion", "zsh")
    assert code == EXIT_OK
    assert script.startswith("#compdef ocop")
    assert "bashcompinit" in script
    assert "_ocop()" in script


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


@pytest.mark.parametrize("day", ["01/01/2200", "2200-01-01"])
def test_a_real_day_beyond_the_supported_years_is_told_so_in_either_form(day):
    code, _, err = run("--lang", "en", "certificates", "due", "x.json", "--as-of", day)
    assert code == EXIT_INVALID
    assert "date.out_of_range" in err


@pytest.mark.parametrize("way", WAYS)
@pytest.mark.parametrize("command", ["score", "validate"])
def test_a_season_line_holding_what_no_document_may_is_refused_at_its_file_line_and_path(
    way, command, tmp_path
):
    lines = season_lines(eliminate=False)
    number = next(
        n for n, line in enumerate(lines, 1) if '"product": "tra-xa-den"' in line and "m3" in line
    )
    lines[number - 1] = lines[number - 1].replace('"m3"', '"m3\\ud800"')[:-1] + ', "set_no": NaN}'
    path = tmp_path / "season.jsonl"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    code, out, _ = invoke(way, "--json", command, str(path))
    assert code == EXIT_INVALID
    report = json.loads(out)
    if command == "score":
        (refused,) = [p for p in report["products"] if p["status"] == "refused"]
        assert refused["product"] == "tra-xa-den"  # its council is refused whole
        problems = refused["problems"]
    else:
        problems = report["problems"]
    assert sorted((p["file"], p["line"], p["path"], p["code"]) for p in problems) == [
        (str(path), number, "$.member", "text.unencodable"),
        (str(path), number, "$.set_no", "document.duplicate_key"),
        (str(path), number, "$.set_no", "number.not_finite"),
    ]


def test_a_document_of_a_json_array_is_refused_at_its_own_line(tmp_path):
    from ocop import json as ocop_json

    products = [ocop_json.dumps(p) for p in load_example("product", "products.json")]
    products[2] = products[2].replace('"Trà xạ đen"', '"Trà \\ud800"')
    path = tmp_path / "products.json"
    path.write_text("[\n" + ",\n".join(products) + "\n]\n", "utf-8")
    code, out, _ = run("--json", "validate", str(path))
    assert code == EXIT_INVALID
    (problem,) = json.loads(out)["problems"]
    line = 2 + sum(p.count("\n") + 1 for p in products[:2])
    assert (problem["line"], problem["product"], problem["path"], problem["code"]) == (
        line,
        "tra-xa-den",
        "$.name",
        "text.unencodable",
    )
