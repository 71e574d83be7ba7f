"""Tamper-evident certificates and OCOP stamps, signed with the issuing office's Ed25519 key.

An office that issues certificates keeps a private key and publishes its public key (the text
``ed25519:…`` of :func:`public_key`, e.g. on its portal or in the recognition decision).
:func:`sign` signs a certificate over its **canonical JSON** (:func:`canonical_json`); anyone
holding the public key checks it offline with :func:`verify`, and a certificate whose stars,
expiry, product or any other field was changed after signing is refused with a
:class:`~ocop.errors.SignatureError`. A :class:`SignedCertificate` is a document kind of its own
(``signed_certificate``, with its schema), so the signature travels with the certificate
through JSON.

The stamp printed on the package carries a QR code with a short signed text
(:class:`Stamp`): the product code, the stars, the expiry, the certificate number, the key that
signed it and the signature. :func:`stamp` makes it, :func:`verify_stamp` checks it, and
:func:`qr`, :func:`qr_svg` and :func:`qr_png` draw it.

Signing and verifying need the ``sign`` extra (``pip install 'ocop[sign]'``, the
``cryptography`` package); drawing the QR code needs the ``qr`` extra (``segno``). This module
imports them only when a function needs them: reading and writing signed documents works
without them, and a function that needs a missing extra raises
:class:`~ocop.errors.MissingExtraError` naming it.

>>> from ocop.certificate import Certificate
>>> from ocop.calendar import date
>>> cert = Certificate(number="12/GCN-UBND", product_id="p1", subject_id="s1", stars=4,
...     level="province", authority="UBND tỉnh An Giang", decision_no="1234/QĐ-UBND",
...     decision_date=date(2026, 6, 19), issued_on=date(2026, 6, 19))
>>> key = new_key()
>>> signed = sign(cert, key)
>>> verify(signed, public_key(key)) == cert
True
>>> forged = attrs.evolve(signed, certificate=attrs.evolve(cert, stars=5))
>>> try:
...     verify(forged, public_key(key))
... except SignatureError as error:
...     print(error.code)
signature.mismatch
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import importlib
import json as _json
import re
from types import ModuleType
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote

import attrs
import pendulum

from ocop import json as ocop_json
from ocop._fields import day, fail, located, text, to_text
from ocop.certificate import Certificate
from ocop.errors import MissingExtraError, OcopError, Problem, SignatureError

if TYPE_CHECKING:
    import segno
    from cryptography.hazmat.primitives.asymmetric.ed25519 import (
        Ed25519PrivateKey,
        Ed25519PublicKey,
    )

__all__ = [
    "ALGORITHM",
    "STAMP_VERSION",
    "Signature",
    "SignedCertificate",
    "Stamp",
    "canonical_json",
    "key_id",
    "new_key",
    "public_key",
    "qr",
    "qr_png",
    "qr_svg",
    "sign",
    "stamp",
    "verify",
    "verify_stamp",
]

ALGORITHM = "ed25519"
"""The only signature algorithm: Ed25519 (RFC 8032)."""

STAMP_VERSION = "OCOP1"
"""The first field of a stamp's text; a later format gets a new one."""

# Each signed message starts with its purpose, so that a signature made for one kind of message
# can never be passed off as a signature of another.
_CERTIFICATE_CONTEXT = b"ocop-certificate/1\n"
_STAMP_CONTEXT = b"ocop-stamp/1\n"
_PUBLIC_PREFIX = "ed25519:"
_KEY_ID = re.compile(r"^[0-9a-f]{16}$")
_SIGNATURE = re.compile(r"^[A-Za-z0-9_-]{86}$")


# -- the optional extras ------------------------------------------------------------------------


def _extra(module: str, extra: str, package: str) -> ModuleType:
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingExtraError(
            Problem(
                code="extra.missing",
                path="$",
                value=extra,
                message_vi=f"Cần cài gói tùy chọn '{extra}' ({package}): "
                f"pip install 'ocop[{extra}]'",
                message_en=f"this needs the optional extra '{extra}' ({package}): "
                f"pip install 'ocop[{extra}]'",
            )
        ) from None


def _ed25519() -> ModuleType:
    return _extra("cryptography.hazmat.primitives.asymmetric.ed25519", "sign", "cryptography")


def _serialization() -> ModuleType:
    return _extra("cryptography.hazmat.primitives.serialization", "sign", "cryptography")


def _segno() -> ModuleType:
    return _extra("segno", "qr", "segno")


# -- keys ---------------------------------------------------------------------------------------


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _key_problem(code: str, vi: str, en: str) -> SignatureError:
    return SignatureError(Problem(code=code, path="$", value=None, message_vi=vi, message_en=en))


def new_key() -> Ed25519PrivateKey:
    """A new private key for an issuing office. Keep it secret; publish :func:`public_key`."""
    key: Ed25519PrivateKey = _ed25519().Ed25519PrivateKey.generate()
    return key


def _private(key: Ed25519PrivateKey | bytes) -> Ed25519PrivateKey:
    _ed25519()
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    if isinstance(key, Ed25519PrivateKey):
        return key
    if isinstance(key, bytes) and len(key) == 32:
        return Ed25519PrivateKey.from_private_bytes(key)
    if isinstance(key, bytes):
        try:
            loaded = load_pem_private_key(key, password=None)
        except (ValueError, TypeError):
            loaded = None
        if isinstance(loaded, Ed25519PrivateKey):
            return loaded
    raise _key_problem(
        "signature.bad_private_key",
        "Khóa bí mật phải là khóa Ed25519 (32 byte hoặc PEM PKCS#8)",
        "a private key must be an Ed25519 key (32 raw bytes or PEM PKCS#8)",
    )


def _public(key: Ed25519PrivateKey | Ed25519PublicKey | bytes | str) -> Ed25519PublicKey:
    _ed25519()
    from cryptography.hazmat.primitives.asymmetric.ed25519 import (
        Ed25519PrivateKey,
        Ed25519PublicKey,
    )
    from cryptography.hazmat.primitives.serialization import load_pem_public_key

    if isinstance(key, Ed25519PublicKey):
        return key
    if isinstance(key, Ed25519PrivateKey):
        return key.public_key()
    raw: bytes | None = None
    if isinstance(key, str) and key.startswith(_PUBLIC_PREFIX):
        try:
            raw = _unb64(key[len(_PUBLIC_PREFIX) :])
        except (binascii.Error, ValueError):
            raw = None
    elif isinstance(key, bytes) and len(key) == 32:
        raw = key
    elif isinstance(key, str | bytes):
        pem = key.encode("utf-8") if isinstance(key, str) else key
        try:
            loaded = load_pem_public_key(pem)
        except (ValueError, TypeError, UnicodeEncodeError):
            loaded = None
        if isinstance(loaded, Ed25519PublicKey):
            return loaded
    if raw is not None and len(raw) == 32:
        return Ed25519PublicKey.from_public_bytes(raw)
    raise _key_problem(
        "signature.bad_public_key",
        "Khóa công khai phải là khóa Ed25519 ('ed25519:…', 32 byte hoặc PEM)",
        "a public key must be an Ed25519 key ('ed25519:…', 32 raw bytes or PEM)",
    )


def _raw_public(key: Ed25519PublicKey) -> bytes:
    serialization = _serialization()
    raw: bytes = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return raw


def public_key(key: Ed25519PrivateKey | Ed25519PublicKey | bytes | str) -> str:
    """The public key as the text an office publishes: ``ed25519:`` and 43 base64url characters.

    Accepts a private key object (its public half is taken), a public key object, or a public
    key as its text, its 32 raw bytes or PEM.
    """
    return _PUBLIC_PREFIX + _b64(_raw_public(_public(key)))


def key_id(key: Ed25519PrivateKey | Ed25519PublicKey | bytes | str) -> str:
    """The key's short name: the first 16 hex digits of the SHA-256 of its 32 public bytes.

    A signature names the key that made it, so that a verifier holding the keys of several
    offices picks the right one, and a certificate signed by another office is told apart
    from a forged one.
    """
    return hashlib.sha256(_raw_public(_public(key))).hexdigest()[:16]


# -- signed certificates ------------------------------------------------------------------------


def canonical_json(certificate: Certificate) -> bytes:
    """The bytes a certificate's signature covers.

    The certificate's published JSON form (:func:`ocop.json.dump`, described by
    ``certificate.schema.json``: optional fields that are empty left out, days as
    ``YYYY-MM-DD``, stars as a number, text NFC-normalised by the constructors), written with
    object keys sorted by code point, no whitespace at all, non-ASCII text as itself (no
    ``\\u`` escapes), encoded as UTF-8.

    >>> from ocop.calendar import date
    >>> canonical_json(Certificate(number="1", product_id="p", subject_id="s", stars=3,
    ...     level="province", authority="UBND tỉnh", decision_no="2",
    ...     decision_date=date(2026, 7, 1), issued_on=date(2026, 7, 1))).decode()[:60]
    '{"authority":"UBND tỉnh","decision_date":"2026-07-01","decis'
    """
    return _json.dumps(
        ocop_json.dump(certificate),
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        allow_nan=False,
    ).encode("utf-8")


def _to_algorithm(value: str, path: str) -> str:
    """The name of the signature algorithm: only Ed25519."""
    written = to_text(value, path)
    if written != ALGORITHM:
        raise SignatureError(
            Problem(
                code="signature.unsupported_algorithm",
                path=path,
                value=value,
                message_vi=f"Thuật toán chữ ký không được hỗ trợ (chỉ có {ALGORITHM})",
                message_en=f"an unsupported signature algorithm (only {ALGORITHM})",
            )
        )
    return written


def _to_key_id(value: str, path: str) -> str:
    """A key id: 16 lowercase hexadecimal digits."""
    written = to_text(value, path)
    if not _KEY_ID.match(written):
        raise fail(
            "signature.bad_key_id",
            path,
            value,
            "Mã khóa gồm 16 chữ số thập lục phân viết thường",
            "a key id is 16 lowercase hexadecimal digits",
        )
    return written


def _to_signature_value(value: str, path: str) -> str:
    """An Ed25519 signature: 86 base64url characters."""
    written = to_text(value, path)
    if not _SIGNATURE.match(written):
        raise fail(
            "signature.malformed",
            path,
            value,
            "Chữ ký Ed25519 gồm 86 ký tự base64url (64 byte)",
            "an Ed25519 signature is 86 base64url characters (64 bytes)",
        )
    return written


def _to_stamp_stars(value: int, path: str) -> int:
    """The stars a stamp may carry: 3, 4 or 5."""
    if isinstance(value, bool) or not isinstance(value, int) or not 3 <= value <= 5:
        raise fail(
            "stamp.bad_stars",
            path,
            value,
            "Tem OCOP ghi từ 3 đến 5 sao",
            "an OCOP stamp carries 3 to 5 stars",
        )
    return value


if TYPE_CHECKING:

    def _algorithm(value: str) -> str: ...
    def _key_id(value: str) -> str: ...
    def _signature_value(value: str) -> str: ...
    def _stamp_stars(value: int) -> int: ...

else:
    _algorithm = located(_to_algorithm)
    _key_id = located(_to_key_id)
    _signature_value = located(_to_signature_value)
    _stamp_stars = located(_to_stamp_stars)


@attrs.frozen(kw_only=True)
class Signature:
    """An issuing office's signature.

    Attributes:
        algorithm: ``"ed25519"``.
        key_id: the short name of the key that signed (its ``key_id``).
        value: the 64-byte signature, base64url without padding.
    """

    algorithm: str = attrs.field(
        default=ALGORITHM, converter=_algorithm, metadata={"schema": {"enum": [ALGORITHM]}}
    )
    key_id: str = attrs.field(converter=_key_id, metadata={"schema": {"pattern": _KEY_ID.pattern}})
    value: str = attrs.field(
        converter=_signature_value, metadata={"schema": {"pattern": _SIGNATURE.pattern}}
    )


@attrs.frozen(kw_only=True)
class SignedCertificate:
    """A certificate with its issuing office's signature over its canonical JSON.

    Attributes:
        certificate: the certificate as signed.
        signature: the signature, made by ``sign`` and checked by ``verify``.
    """

    certificate: Certificate
    signature: Signature


def sign(certificate: Certificate, key: Ed25519PrivateKey | bytes) -> SignedCertificate:
    """The certificate signed by the issuing office's private key.

    The signature covers ``ocop-certificate/1`` and a newline, then
    :func:`canonical_json` of the certificate: every field, so stars, issue day and validity
    (hence expiry), product, subject, numbers and any revocation.

    Raises:
        MissingExtraError: without the ``sign`` extra.
        SignatureError: ``signature.bad_private_key`` for a key that is not Ed25519.
    """
    private = _private(key)
    value = private.sign(_CERTIFICATE_CONTEXT + canonical_json(certificate))
    return SignedCertificate(
        certificate=certificate,
        signature=Signature(key_id=key_id(private), value=_b64(value)),
    )


def _check(
    public: Ed25519PublicKey, signature: Signature, message: bytes, path: str, what: tuple[str, str]
) -> None:
    expected = key_id(public)
    if signature.key_id != expected:
        raise SignatureError(
            Problem(
                code="signature.wrong_key",
                path=f"{path}.key_id",
                value=signature.key_id,
                message_vi=f"{what[0]} được ký bằng khóa {signature.key_id}, không phải khóa "
                f"{expected} đã cho",
                message_en=f"{what[1]} was signed with key {signature.key_id}, not with the "
                f"key {expected} given",
            )
        )
    invalid = importlib.import_module("cryptography.exceptions").InvalidSignature
    try:
        public.verify(_unb64(signature.value), message)
    except invalid:
        raise SignatureError(
            Problem(
                code="signature.mismatch",
                path=path,
                value=signature.key_id,
                message_vi=f"{what[0]} không khớp với chữ ký của nó: nội dung đã bị sửa sau khi ký",
                message_en=f"{what[1]} does not match its signature: it was changed after it "
                "was signed",
            )
        ) from None


def verify(
    signed: SignedCertificate, key: Ed25519PublicKey | Ed25519PrivateKey | bytes | str
) -> Certificate:
    """The certificate, once its signature is checked against the office's public key.

    Args:
        signed: the signed certificate, e.g. from
            ``ocop.json.loads("signed_certificate", text)``.
        key: the issuing office's public key (``"ed25519:…"``, 32 raw bytes, PEM or a key
            object).

    Raises:
        SignatureError: ``signature.wrong_key`` when another key signed it;
            ``signature.mismatch`` when any field was changed after signing.
        MissingExtraError: without the ``sign`` extra.
    """
    message = _CERTIFICATE_CONTEXT + canonical_json(signed.certificate)
    what = ("Giấy chứng nhận", "the certificate")
    _check(_public(key), signed.signature, message, "$.signature", what)
    return signed.certificate


# -- stamps -------------------------------------------------------------------------------------


def _signed_text(product: str, stars: int, expires_on: pendulum.Date, number: str, key: str) -> str:
    return "|".join(
        (
            STAMP_VERSION,
            quote(product, safe=""),
            str(stars),
            expires_on.format("YYYYMMDD"),
            quote(number, safe=""),
            key,
        )
    )


@attrs.frozen(kw_only=True)
class Stamp:
    """The signed text in an OCOP stamp's QR code.

    Its text is seven fields separated by ``|``::

        OCOP1|91-30307-12-2026|4|20290619|12%2FGCN-UBND|3f1c0a9b7d2e4f60|<86 characters>

    the format (:data:`STAMP_VERSION`), the product (its OCOP product code, or its identifier
    when it has none), the stars, the last day of validity (``YYYYMMDD``), the certificate's
    number, the issuing office's key id (:func:`key_id`), and the Ed25519 signature of
    ``ocop-stamp/1``, a newline and the text before the last ``|``. Text fields are
    percent-encoded (RFC 3986, UTF-8), so a ``|`` or a Vietnamese letter in a number cannot
    shift the fields.

    Attributes:
        product: the product code or identifier.
        stars: 3, 4 or 5.
        expires_on: the certificate's last day of validity.
        number: the certificate's number.
        key_id: the issuing office's key id.
        signature: the signature, base64url without padding.
    """

    product: str = attrs.field(converter=text)
    stars: int = attrs.field(converter=_stamp_stars)
    expires_on: pendulum.Date = attrs.field(converter=day)
    number: str = attrs.field(converter=text)
    key_id: str = attrs.field(converter=_key_id)
    signature: str = attrs.field(converter=_signature_value)

    @property
    def signed_text(self) -> str:
        """The part of the text the signature covers: every field but the signature."""
        return _signed_text(self.product, self.stars, self.expires_on, self.number, self.key_id)

    @property
    def text(self) -> str:
        """The text to put in the QR code."""
        return f"{self.signed_text}|{self.signature}"

    def __str__(self) -> str:
        return self.text

    @classmethod
    def parse(cls, text: str) -> Stamp:
        """A stamp from the text read from its QR code (not yet verified).

        Raises:
            SignatureError: ``stamp.malformed`` or ``stamp.unsupported_version``.
        """
        fields = text.strip().split("|") if isinstance(text, str) else []
        if fields and fields[0] != STAMP_VERSION and fields[0].startswith("OCOP"):
            raise _stamp_problem(
                "stamp.unsupported_version",
                fields[0],
                f"Phiên bản tem {fields[0]} chưa được hỗ trợ (chỉ có {STAMP_VERSION})",
                f"stamp format {fields[0]} is not supported (only {STAMP_VERSION})",
            )
        if len(fields) != 7 or fields[0] != STAMP_VERSION:
            raise _stamp_problem(
                "stamp.malformed",
                text,
                f"Không phải nội dung tem OCOP ({STAMP_VERSION}|sản phẩm|sao|hạn|số|khóa|chữ ký)",
                f"not the text of an OCOP stamp ({STAMP_VERSION}|product|stars|expiry|number|"
                "key|signature)",
            )
        _, product, stars, expires, number, key, signature = fields
        unreadable = _stamp_problem(
            "stamp.malformed",
            text,
            "Nội dung tem OCOP có trường không đọc được",
            "a field of the OCOP stamp cannot be read",
        )
        if stars not in ("3", "4", "5") or len(expires) != 8 or not expires.isdigit():
            raise unreadable
        try:
            day = pendulum.Date(int(expires[:4]), int(expires[4:6]), int(expires[6:]))
            product, number = unquote(product, errors="strict"), unquote(number, errors="strict")
        except ValueError:
            raise unreadable from None
        try:
            return cls(
                product=product,
                stars=int(stars),
                expires_on=day,
                number=number,
                key_id=key,
                signature=signature,
            )
        except OcopError as error:
            raise SignatureError(error.problems) from None


def _stamp_problem(code: str, value: object, vi: str, en: str) -> SignatureError:
    return SignatureError(Problem(code=code, path="$", value=value, message_vi=vi, message_en=en))


def stamp(
    certificate: Certificate, key: Ed25519PrivateKey | bytes, *, product_code: str | None = None
) -> Stamp:
    """The signed stamp text of a certificate, for its QR code.

    Args:
        certificate: the certificate.
        key: the issuing office's private key.
        product_code: the product's OCOP product code (``Product.code``); the certificate's
            product identifier when not given.

    Raises:
        MissingExtraError: without the ``sign`` extra.
    """
    private = _private(key)
    product = product_code if product_code is not None else certificate.product_id
    signer = key_id(private)
    message = _signed_text(
        product, certificate.stars.stars, certificate.expires_on, certificate.number, signer
    )
    return Stamp(
        product=product,
        stars=certificate.stars.stars,
        expires_on=certificate.expires_on,
        number=certificate.number,
        key_id=signer,
        signature=_b64(private.sign(_STAMP_CONTEXT + message.encode("utf-8"))),
    )


def verify_stamp(
    text: Stamp | str,
    key: Ed25519PublicKey | Ed25519PrivateKey | bytes | str,
    *,
    certificate: Certificate | None = None,
    product_code: str | None = None,
) -> Stamp:
    """The stamp read from a QR code, once its signature is checked; and, when a certificate
    is given, once its fields are found to be the certificate's.

    Args:
        text: the text read from the QR code, or a :class:`Stamp`.
        key: the issuing office's public key.
        certificate: the certificate the stamp should belong to.
        product_code: the product code the stamp should carry (with ``certificate``).

    Raises:
        SignatureError: ``stamp.malformed``, ``signature.wrong_key``, ``signature.mismatch``
            (a field of the text was changed), or ``stamp.mismatch`` for each field that
            differs from the certificate's.
        MissingExtraError: without the ``sign`` extra.
    """
    found = text if isinstance(text, Stamp) else Stamp.parse(text)
    signature = Signature(key_id=found.key_id, value=found.signature)
    message = _STAMP_CONTEXT + found.signed_text.encode("utf-8")
    _check(_public(key), signature, message, "$", ("Tem OCOP", "the OCOP stamp"))
    if certificate is not None:
        expected = _stamp_fields(certificate, product_code)
        problems = [
            Problem(
                code="stamp.mismatch",
                path=f"$.{name}",
                value=str(getattr(found, name)),
                message_vi=f"Tem ghi {name} = {getattr(found, name)}, giấy chứng nhận ghi {want}",
                message_en=f"the stamp says {name} = {getattr(found, name)}, the certificate "
                f"says {want}",
            )
            for name, want in expected.items()
            if getattr(found, name) != want
        ]
        if problems:
            raise SignatureError(problems)
    return found


def _stamp_fields(certificate: Certificate, product_code: str | None = None) -> dict[str, Any]:
    """What a stamp of ``certificate`` says, field by field (the signature aside)."""
    return {
        "product": product_code if product_code is not None else certificate.product_id,
        "stars": certificate.stars.stars,
        "expires_on": certificate.expires_on,
        "number": certificate.number,
    }


# -- QR codes -----------------------------------------------------------------------------------


def qr(value: Stamp | str, *, error: str = "m") -> segno.QRCode:
    """The stamp's QR code as a ``segno`` object (``.save()`` it in any format segno writes).

    Args:
        value: the stamp, or its text.
        error: the error-correction level, ``"l"``, ``"m"`` (default), ``"q"`` or ``"h"``.

    Raises:
        MissingExtraError: without the ``qr`` extra.
    """
    code: segno.QRCode = _segno().make_qr(str(value), error=error, boost_error=False)
    return code


def qr_svg(value: Stamp | str, *, scale: int = 4, error: str = "m") -> bytes:
    """The stamp's QR code as an SVG document (UTF-8 bytes)."""
    return _saved(qr(value, error=error), "svg", scale)


def qr_png(value: Stamp | str, *, scale: int = 4, error: str = "m") -> bytes:
    """The stamp's QR code as a PNG image."""
    return _saved(qr(value, error=error), "png", scale)


def _saved(code: segno.QRCode, kind: str, scale: int) -> bytes:
    import io

    out = io.BytesIO()
    code.save(out, kind=kind, scale=scale)
    return out.getvalue()
