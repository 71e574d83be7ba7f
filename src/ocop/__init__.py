"""ocop: Vietnam's OCOP programme (Mỗi xã một sản phẩm) as validated domain objects."""

from ocop import calendar, identifiers, places, product_code
from ocop.errors import (
    AuthorityError,
    ConflictOfInterestError,
    DeadlineError,
    DocumentError,
    IncompleteDossierError,
    InputError,
    OcopError,
    PlaceError,
    Problem,
    ProcessError,
    ProductCodeError,
    RubricError,
    ScoreCardError,
    TaxCodeError,
    TransitionError,
)
from ocop.places import Commune, District, Era, Province
from ocop.product_code import ProductCode
from ocop.rating import StarRating
from ocop.subject import (
    Address,
    Contact,
    EnterpriseSize,
    Gender,
    Representative,
    Subject,
    SubjectKind,
)

__version__ = "0.1.0"

__all__ = [
    "Address",
    "AuthorityError",
    "Commune",
    "ConflictOfInterestError",
    "Contact",
    "DeadlineError",
    "District",
    "DocumentError",
    "EnterpriseSize",
    "Era",
    "Gender",
    "IncompleteDossierError",
    "InputError",
    "OcopError",
    "PlaceError",
    "Problem",
    "ProcessError",
    "ProductCode",
    "ProductCodeError",
    "Province",
    "Representative",
    "RubricError",
    "ScoreCardError",
    "StarRating",
    "Subject",
    "SubjectKind",
    "TaxCodeError",
    "TransitionError",
    "__version__",
    "calendar",
    "identifiers",
    "places",
    "product_code",
]
