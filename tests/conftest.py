import pytest
from hypothesis import settings

from ocop import json as ocop_json
from ocop._schema import schema_problems

# The machines are shared and noisy: a property's examples are not timed.
settings.register_profile("ocop", deadline=None)
settings.load_profile("ocop")

# Calls written for the type checkers (tests/test_typing.py), some of them wrong on purpose.
collect_ignore = ["typing/constructors.py"]


def check_round_trip(kind: str, value: object) -> None:
    """Dump → schema-valid JSON → load gives back an equal object."""
    data = ocop_json.dump(value)
    assert schema_problems(kind, data) == []
    assert ocop_json.loads(kind, ocop_json.dumps(value)) == value


@pytest.fixture
def round_trip():
    return check_round_trip
