"""The cost of reading a document grows with the document, and no faster.

Work is counted, not timed: the Python lines a load runs and the functions it calls are the
same on a quiet machine and a busy one. A document of ``10 n`` items may cost at most 12 times
one of ``n`` items (ratio measured in one run); ``benchmarks/limits.py`` gives the times.
"""

import copy
import json
import sys
import tracemalloc
from collections.abc import Callable
from types import FrameType

import pytest

from fuzzing import seeds
from ocop import json as ocop_json
from ocop._schema import Limits


def calls(work: Callable[[], object]) -> int:
    """How many Python lines ``work`` runs and functions it calls, returned or refused."""
    count = 0

    def trace(frame: FrameType, event: str, arg: object) -> object:
        nonlocal count
        count += 1
        return trace

    def profile(frame: FrameType, event: str, arg: object) -> None:
        nonlocal count
        if event == "c_call":
            count += 1

    sys.settrace(trace)
    sys.setprofile(profile)
    try:
        work()
    except ocop_json.DocumentError:
        pass
    finally:
        sys.settrace(None)
        sys.setprofile(None)
    return count


def ratio(build: Callable[[int], Callable[[], object]], n: int) -> float:
    calls(build(n))  # what is built once (validators, sheets, caches) is not counted
    small, large = calls(build(n)), calls(build(10 * n))
    return large / small


def card_lines(n: int) -> Callable[[], object]:
    cards = [json.dumps(card, ensure_ascii=False) for card in seeds()["score_card"]]
    lines = [cards[i % len(cards)] for i in range(n)]
    return lambda: list(ocop_json.iter_lines("score_card", lines))


def round_of(n: int) -> Callable[[], object]:
    document = copy.deepcopy(seeds()["evaluation_round"][1])
    model = document["applications"][0]
    applications = []
    for i in range(n):
        application = copy.deepcopy(model)
        application["dossier"]["id"] = f"hs-{i}"
        application["dossier"]["product"]["id"] = f"sp-{i}"
        applications.append(application)
    document["applications"] = applications
    document["cards"] = []
    return lambda: ocop_json.load("evaluation_round", document)


def members_of(n: int) -> Callable[[], object]:
    document = {**seeds()["council"][0], "members": [0] * n}
    text = json.dumps(document)
    return lambda: ocop_json.loads("council", text)


@pytest.mark.parametrize(
    ("build", "n"),
    [
        pytest.param(card_lines, 50, id="score cards, as lines"),
        pytest.param(round_of, 1, id="a round's applications"),
        pytest.param(members_of, 1000, id="a council of wrong members (refused)"),
    ],
)
def test_ten_times_the_items_cost_at_most_twelve_times_the_work(build, n):
    assert ratio(build, n) <= 12


def test_a_round_of_ten_applications_is_read_and_every_one_is_kept():
    assert len(round_of(10)().applications) == 10


def test_a_400_kb_document_with_one_list_of_200000_zeros_is_refused_in_bounded_memory():
    document = {**seeds()["council"][0], "members": [0] * 200_000}
    text = json.dumps(document, separators=(",", ":"))
    assert 400_000 <= len(text) < 410_000
    tracemalloc.start()
    try:
        with pytest.raises(ocop_json.DocumentError) as caught:
            ocop_json.loads("council", text)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(caught.value.problems) == Limits().max_problems + 1
    assert caught.value.problems[-1].code == "document.more_problems"
    assert peak < 8 * 1024 * 1024  # the parsed list itself takes 1.6 MB
