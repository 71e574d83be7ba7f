"""ocop: Vietnam's OCOP programme (Mỗi xã một sản phẩm) as validated domain objects."""

from ocop import calendar, identifiers, places, product_code, rubric
from ocop.classification import ProductSet, product_set, product_sets
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
from ocop.product import Product
from ocop.product_code import ProductCode
from ocop.rating import StarRating
from ocop.rubric import (
    Criterion,
    EvaluationType,
    Marker,
    Option,
    Part,
    Rubric,
    Section,
    Sheet,
    decision_for,
    normalise_decision,
)
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
    "Criterion",
    "DeadlineError",
    "District",
    "DocumentError",
    "EnterpriseSize",
    "Era",
    "EvaluationType",
    "Gender",
    "IncompleteDossierError",
    "InputError",
    "Marker",
    "OcopError",
    "Option",
    "Part",
    "PlaceError",
    "Problem",
    "ProcessError",
    "Product",
    "ProductCode",
    "ProductCodeError",
    "ProductSet",
    "Province",
    "Representative",
    "Rubric",
    "RubricError",
    "ScoreCardError",
    "Section",
    "Sheet",
    "StarRating",
    "Subject",
    "SubjectKind",
    "TaxCodeError",
    "TransitionError",
    "__version__",
    "calendar",
    "decision_for",
    "identifiers",
    "normalise_decision",
    "places",
    "product_code",
    "product_set",
    "product_sets",
    "rubric",
]
