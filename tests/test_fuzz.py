"""A few mutated documents of every kind, through every route and the command, in ``make test``.

``make fuzz`` runs the same fuzzer (``tests/fuzzing.py``) over many thousands of inputs.
"""

import pytest

from fuzzing import command_outcome, fuzz, seeds
from ocop import json as ocop_json


@pytest.mark.parametrize("kind", ocop_json.kinds())
def test_no_mutated_document_crashes_any_route(kind):
    tally = fuzz(kind, 8, command_every=4)
    assert tally.tried == 8
    assert tally.crashes == 0, "\n".join(crash for _, crash in tally.signatures.values())


@pytest.mark.parametrize("kind", ocop_json.kinds())
def test_every_seed_is_accepted_by_every_route_and_the_command(kind):
    for document in seeds()[kind]:
        verdict, detail = command_outcome(kind, document)
        assert verdict == "accepted", detail
