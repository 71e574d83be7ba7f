import enum
import json
import subprocess
import sys
import typing

import attrs
import pendulum
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given
from hypothesis import strategies as st

from ocop import json as ocop_json
from ocop import signing
from ocop._schema import schema_problems
from ocop.calendar import date
from ocop.certificate import Certificate
from ocop.errors import MissingExtraError, OcopError, SignatureError

# Two offices' private keys, fixed for the tests.
OFFICE = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
OTHER_OFFICE = Ed25519PrivateKey.from_private_bytes(bytes(range(1, 33)))


def an_giang_certificate(**changes):
    fields = {
        "number": "12/GCN-UBND",
        "product_id": "kho-ca-loc",
        "subject_id": "ho-hoa",
        "stars": 4,
        "level": "province",
        "authority": "UBND tỉnh An Giang",
        "decision_no": "1234/QĐ-UBND",
        "decision_date": date(2026, 6, 19),
        "issued_on": date(2026, 6, 19),
        "product_name": "Khô cá lóc",
    }
    return Certificate(**{**fields, **changes})


def test_a_signed_certificate_verifies_with_the_office_s_public_key():
    cert = an_giang_certificate()
    signed = signing.sign(cert, OFFICE)
    assert signing.verify(signed, signing.public_key(OFFICE)) == cert
    assert signed.signature.key_id == signing.key_id(OFFICE)


def test_a_signed_certificate_round_trips_through_json_and_still_verifies():
    signed = signing.sign(an_giang_certificate(), OFFICE)
    data = ocop_json.dump(signed)
    assert schema_problems("signed_certificate", data) == []
    back = ocop_json.loads("signed_certificate", ocop_json.dumps(signed))
    assert back == signed
    assert signing.verify(back, signing.public_key(OFFICE)) == signed.certificate


@given(
    stars=st.integers(3, 5),
    issued=st.dates(min_value=pendulum.date(2019, 1, 1), max_value=pendulum.date(2040, 12, 31)),
    number=st.text(min_size=1, max_size=20).filter(lambda text: text.strip()),
)
def test_any_signed_certificate_round_trips_and_verifies(stars, issued, number):
    cert = an_giang_certificate(stars=stars, number=number, decision_date=issued, issued_on=issued)
    back = ocop_json.loads("signed_certificate", ocop_json.dumps(signing.sign(cert, OFFICE)))
    assert signing.verify(back, signing.public_key(OFFICE)) == cert


def test_the_canonical_json_is_the_published_form_with_sorted_keys_and_no_whitespace():
    assert (
        signing.canonical_json(an_giang_certificate())
        == (
            '{"authority":"UBND tỉnh An Giang","decision_date":"2026-06-19",'
            '"decision_no":"1234/QĐ-UBND","issued_on":"2026-06-19","level":"province",'
            '"number":"12/GCN-UBND","product_id":"kho-ca-loc","product_name":"Khô cá lóc",'
            '"stars":4,"subject_id":"ho-hoa","valid_months":36}'
        ).encode()
    )


def _candidates(name, hint, value, cert):
    """Other values a forger could write in the certificate's field ``name``."""
    later = cert.issued_on.add(days=40).isoformat()
    options = {
        "stars": [5, 3],
        "level": ["district", "centre", "commune"],
        "valid_months": [48, 24, 37],
        "decision_date": [cert.decision_date.subtract(days=1).isoformat()],
        "issued_on": [cert.issued_on.add(days=365).isoformat()],
        "revocation": [
            {
                "ground": "false_dossier",
                "found_on": later,
                "decided_on": later,
                "decision_no": "9/QĐ-UBND",
                "level": "province",
            }
        ],
    }
    if name in options:
        return options[name]
    if isinstance(value, str):
        return [value + " (giả)"]
    if value is None:
        text = typing.get_args(hint)
        if pendulum.Date in text:
            return [later]
        return ["Giả mạo"]
    if isinstance(value, pendulum.Date):
        return [value.add(days=1).isoformat(), value.subtract(days=1).isoformat()]
    if isinstance(value, bool):
        return [not value]
    if isinstance(value, enum.Enum):
        return [member.value for member in type(value) if member is not value]
    if isinstance(value, int):
        return [value + 1, value - 1]
    raise AssertionError(f"no forgery for the certificate's field {name!r}")


def test_each_single_field_forgery_of_a_signed_certificate_is_caught():
    cert = an_giang_certificate()
    signed = signing.sign(cert, OFFICE)
    original = ocop_json.dump(signed)
    hints = typing.get_type_hints(Certificate)
    caught = []
    for field in attrs.fields(Certificate):
        for candidate in _candidates(
            field.name, hints[field.name], getattr(cert, field.name), cert
        ):
            data = json.loads(json.dumps(original))
            data["certificate"][field.name] = candidate
            try:
                forged = ocop_json.load("signed_certificate", data)
            except OcopError:
                continue  # not a certificate at all: refused before any signature check
            with pytest.raises(SignatureError) as raised:
                signing.verify(forged, signing.public_key(OFFICE))
            assert raised.value.code == "signature.mismatch"
            assert raised.value.path == "$.signature"
            assert "changed after it was signed" in raised.value.message("en")
            assert "bị sửa" in raised.value.message("vi")
            caught.append(field.name)
            break
    assert caught == [field.name for field in attrs.fields(Certificate)]


def test_a_forged_expiry_is_caught():
    signed = signing.sign(an_giang_certificate(), OFFICE)
    longer = attrs.evolve(signed, certificate=attrs.evolve(signed.certificate, valid_months=60))
    assert longer.certificate.expires_on == date(2031, 6, 19)
    with pytest.raises(SignatureError, match="changed after it was signed"):
        signing.verify(longer, signing.public_key(OFFICE))


def test_a_certificate_signed_by_another_office_names_the_key_that_signed_it():
    signed = signing.sign(an_giang_certificate(), OTHER_OFFICE)
    with pytest.raises(SignatureError) as raised:
        signing.verify(signed, signing.public_key(OFFICE))
    assert raised.value.code == "signature.wrong_key"
    assert raised.value.path == "$.signature.key_id"
    assert signing.key_id(OTHER_OFFICE) in raised.value.message("en")


def test_a_forger_who_re_signs_with_their_own_key_is_caught():
    forged = signing.sign(an_giang_certificate(stars=5), OTHER_OFFICE)
    foreign = attrs.evolve(
        forged, signature=attrs.evolve(forged.signature, key_id=signing.key_id(OFFICE))
    )
    with pytest.raises(SignatureError) as raised:
        signing.verify(foreign, signing.public_key(OFFICE))
    assert raised.value.code == "signature.mismatch"


def test_a_tampered_signature_is_refused_with_its_path():
    data = ocop_json.dump(signing.sign(an_giang_certificate(), OFFICE))
    data["signature"]["value"] = data["signature"]["value"][:-2]
    data["signature"]["algorithm"] = "rsa"
    with pytest.raises(OcopError) as raised:
        ocop_json.load("signed_certificate", data)
    assert {p.path for p in raised.value.problems} >= {
        "$.signature.value",
        "$.signature.algorithm",
    }


def test_public_keys_are_read_in_every_published_form():
    private = signing.new_key()
    text = signing.public_key(private)
    assert text.startswith("ed25519:")
    assert len(text) == len("ed25519:") + 43
    pem = private.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    raw = private.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    signed = signing.sign(an_giang_certificate(), private)
    for key in (text, pem, pem.decode(), raw, private.public_key(), private):
        assert signing.verify(signed, key) == signed.certificate


def test_a_private_key_is_taken_as_its_32_raw_bytes():
    raw = bytes(range(32))
    signed = signing.sign(an_giang_certificate(), raw)
    assert signing.verify(signed, signing.public_key(OFFICE)) == signed.certificate


def test_a_key_that_is_not_ed25519_is_a_coded_error():
    signed = signing.sign(an_giang_certificate(), OFFICE)
    with pytest.raises(SignatureError) as raised:
        signing.verify(signed, "ed25519:not-a-key")
    assert raised.value.code == "signature.bad_public_key"
    with pytest.raises(SignatureError) as raised:
        signing.sign(an_giang_certificate(), b"short")
    assert raised.value.code == "signature.bad_private_key"


# -- stamps ---------------------------------------------------------------------------------------


def test_a_stamp_carries_product_code_stars_expiry_number_issuer_and_signature():
    cert = an_giang_certificate()
    made = signing.stamp(cert, OFFICE, product_code="89-30307-12-2026")
    fields = made.text.split("|")
    assert fields[:6] == [
        "OCOP1",
        "89-30307-12-2026",
        "4",
        "20290619",
        "12%2FGCN-UBND",
        signing.key_id(OFFICE),
    ]
    assert len(fields[6]) == 86
    assert len(made.text) < 160
    checked = signing.verify_stamp(
        made.text, signing.public_key(OFFICE), certificate=cert, product_code="89-30307-12-2026"
    )
    assert checked == made
    assert checked.expires_on == cert.expires_on


def test_each_single_field_forgery_of_a_stamp_is_caught():
    made = signing.stamp(an_giang_certificate(), OFFICE, product_code="89-30307-12-2026")
    fields = made.text.split("|")
    forgeries = {
        1: "89-30307-13-2026",
        2: "5",
        3: "20310619",
        4: "13%2FGCN-UBND",
    }
    for at, forged in forgeries.items():
        text = "|".join([*fields[:at], forged, *fields[at + 1 :]])
        with pytest.raises(SignatureError) as raised:
            signing.verify_stamp(text, signing.public_key(OFFICE))
        assert raised.value.code == "signature.mismatch", at
    other_key = "|".join([*fields[:5], signing.key_id(OTHER_OFFICE), fields[6]])
    with pytest.raises(SignatureError) as raised:
        signing.verify_stamp(other_key, signing.public_key(OFFICE))
    assert raised.value.code == "signature.wrong_key"
    flipped = fields[6][:10] + ("B" if fields[6][10] != "B" else "C") + fields[6][11:]
    with pytest.raises(SignatureError) as raised:
        signing.verify_stamp("|".join([*fields[:6], flipped]), signing.public_key(OFFICE))
    assert raised.value.code == "signature.mismatch"


def test_a_genuine_stamp_on_another_certificate_names_each_field_that_differs():
    made = signing.stamp(an_giang_certificate(), OFFICE)
    other = an_giang_certificate(stars=3, number="13/GCN-UBND")
    with pytest.raises(SignatureError) as raised:
        signing.verify_stamp(made, signing.public_key(OFFICE), certificate=other)
    assert [(p.code, p.path) for p in raised.value.problems] == [
        ("stamp.mismatch", "$.stars"),
        ("stamp.mismatch", "$.number"),
    ]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "stamp.malformed"),
        ("https://example.org/ocop", "stamp.malformed"),
        ("OCOP1|p|4|20290619|n|0123456789abcdef", "stamp.malformed"),
        ("OCOP1|p|7|20290619|n|0123456789abcdef|" + "A" * 86, "stamp.malformed"),
        ("OCOP1|p|4|20291319|n|0123456789abcdef|" + "A" * 86, "stamp.malformed"),
        ("OCOP1|%FF|4|20290619|n|0123456789abcdef|" + "A" * 86, "stamp.malformed"),
        ("OCOP1|p|4|20290619|n|XYZ|" + "A" * 86, "signature.bad_key_id"),
        ("OCOP1|p|4|20290619|n|0123456789abcdef|short", "signature.malformed"),
        ("OCOP9|p|4|20290619|n|0123456789abcdef|" + "A" * 86, "stamp.unsupported_version"),
    ],
)
def test_text_that_is_no_stamp_is_a_coded_error(text, code):
    with pytest.raises(SignatureError) as raised:
        signing.verify_stamp(text, signing.public_key(OFFICE))
    assert raised.value.code == code


def test_a_stamp_s_unreadable_field_is_named_by_its_own_path():
    base = "OCOP1|p|4|20290619|n|"
    cases = {
        base + "0123456789abcdef|short": ("signature.malformed", "$.signature"),
        base + "XYZ|" + "A" * 86: ("signature.bad_key_id", "$.key_id"),
    }
    for text, expected in cases.items():
        with pytest.raises(SignatureError) as raised:
            signing.Stamp.parse(text)
        assert (raised.value.code, raised.value.problems[0].path) == expected


def test_a_product_code_with_separators_or_vietnamese_letters_cannot_shift_the_fields():
    cert = an_giang_certificate(number="Số 12|GCN")
    made = signing.stamp(cert, OFFICE, product_code="khô|cá")
    assert made.text.count("|") == 6
    back = signing.verify_stamp(made.text, signing.public_key(OFFICE))
    assert (back.product, back.number) == ("khô|cá", "Số 12|GCN")


def test_the_stamp_is_drawn_as_a_qr_code_in_svg_and_png():
    made = signing.stamp(an_giang_certificate(), OFFICE, product_code="89-30307-12-2026")
    code = signing.qr(made)
    assert code.error == "M"
    assert code.version <= 10
    assert b"<svg" in signing.qr_svg(made)
    assert signing.qr_png(made).startswith(b"\x89PNG\r\n\x1a\n")


# -- without the extras ---------------------------------------------------------------------------


def test_signing_without_the_sign_extra_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "cryptography.hazmat.primitives.asymmetric.ed25519", None)
    with pytest.raises(MissingExtraError) as raised:
        signing.sign(an_giang_certificate(), OFFICE)
    assert raised.value.code == "extra.missing"
    assert "pip install 'ocop[sign]'" in raised.value.message("en")


def test_drawing_without_the_qr_extra_names_the_extra(monkeypatch):
    made = signing.stamp(an_giang_certificate(), OFFICE)
    monkeypatch.setitem(sys.modules, "segno", None)
    with pytest.raises(MissingExtraError, match=r"ocop\[qr\]"):
        signing.qr_svg(made)


def test_the_core_reads_signed_certificates_without_the_extras():
    signed = ocop_json.dumps(signing.sign(an_giang_certificate(), OFFICE))
    script = f"""
import sys
sys.modules["cryptography"] = None
sys.modules["segno"] = None
import ocop, ocop.json, ocop.signing
signed = ocop.json.loads("signed_certificate", {signed!r})
print(signed.certificate.stars.stars)
try:
    ocop.signing.verify(signed, {signing.public_key(OFFICE)!r})
except ocop.MissingExtraError as error:
    print(error.code, error.value)
print(sorted(name for name in sys.modules if name.startswith(("cryptography.", "segno."))))
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert done.stdout.splitlines() == ["4", "extra.missing sign", "[]"]


# -- the command ----------------------------------------------------------------------------------


def _run(*argv):
    import io

    from ocop.cli import main

    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_the_command_verifies_signed_certificates_with_the_published_key(tmp_path):
    genuine = ocop_json.dump(signing.sign(an_giang_certificate(), OFFICE))
    forged = json.loads(json.dumps(genuine))
    forged["certificate"]["stars"] = 5
    good, mixed = tmp_path / "good.json", tmp_path / "mixed.json"
    good.write_text(json.dumps(genuine, ensure_ascii=False), encoding="utf-8")
    text = json.dumps([genuine, forged], ensure_ascii=False, indent=2)
    mixed.write_text(text, encoding="utf-8")
    forged_line = [n for n, line in enumerate(text.splitlines(), 1) if line == "  {"][1]
    key = signing.public_key(OFFICE)
    code, out, _ = _run("--lang", "en", "certificates", "verify", str(good), "--key", key)
    assert code == 0
    assert "12/GCN-UBND" in out
    assert "2029-06-19" in out
    code, _, err = _run("certificates", "verify", str(mixed), "--key", key)
    assert code == 1
    assert err.count("\n") == 1  # the forged one, at the line where it starts
    assert f"mixed.json:{forged_line}: $.signature" in err
    assert "signature.mismatch" in err
    plain = tmp_path / "plain.json"
    plain.write_text(json.dumps(genuine["certificate"], ensure_ascii=False), encoding="utf-8")
    code, _, err = _run("certificates", "verify", str(plain), "--key", key)
    assert code == 1
    assert err.count("\n") == 1
    assert "signature.missing" in err
    pem = tmp_path / "office.pem"

    pem.write_bytes(
        OFFICE.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )
    code, out, _ = _run("--json", "certificates", "verify", str(good), "--key", str(pem))
    assert code == 0
    assert json.loads(out)["key_id"] == signing.key_id(OFFICE)


def test_the_command_checks_a_stamp_s_text():
    made = signing.stamp(an_giang_certificate(), OFFICE, product_code="89-30307-12-2026")
    key = signing.public_key(OFFICE)
    code, out, _ = _run("--json", "certificates", "stamp", made.text, "--key", key)
    assert code == 0
    assert json.loads(out)["star"] == 4
    code, _, err = _run("certificates", "stamp", made.text.replace("|4|", "|5|"), "--key", key)
    assert code == 1
    assert "signature.mismatch" in err
