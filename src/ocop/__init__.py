"""ocop: Vietnam's OCOP programme (Mỗi xã một sản phẩm) as validated domain objects."""

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

__version__ = "0.1.0"

__all__ = [
    "AuthorityError",
    "ConflictOfInterestError",
    "DeadlineError",
    "DocumentError",
    "IncompleteDossierError",
    "InputError",
    "OcopError",
    "PlaceError",
    "Problem",
    "ProcessError",
    "ProductCodeError",
    "RubricError",
    "ScoreCardError",
    "TaxCodeError",
    "TransitionError",
    "__version__",
]
