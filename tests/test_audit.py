"""The audit trail: a stored history that was edited, reordered or cut is caught on load."""

import copy
import hashlib
import itertools
import json

import attrs
import pytest

from ocop import json as ocop_json
from ocop.audit import canonical_json, event_hash, history_problems
from ocop.errors import DocumentError, HistoryError
from ocop.evaluation import Application, Event
from test_evaluation import forwarded_app, province_round_with


@pytest.fixture(scope="module")
def reviewed():
    from ocop.calendar import date

    return forwarded_app().review(on=date(2027, 3, 2), by="province")


def test_each_event_carries_the_hash_of_the_one_before_and_the_last_seals_the_history(reviewed):
    events = reviewed.events
    assert len(events) == 5
    assert events[0].previous is None
    for before, event in itertools.pairwise(events):
        assert event.previous == hashlib.sha256(canonical_json(before)).hexdigest()
    assert reviewed.history_hash == event_hash(events[-1])


def test_an_event_s_hash_covers_its_published_json_form(reviewed):
    event = reviewed.events[1]
    text = json.dumps(
        ocop_json.dump(event), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    assert canonical_json(event) == text.encode()
    assert '"previous":"' in text


def test_a_chained_history_round_trips_through_json(reviewed, round_trip):
    round_trip("application", reviewed)
    back = ocop_json.loads("application", ocop_json.dumps(reviewed))
    assert back.events == reviewed.events
    assert back.history_hash == reviewed.history_hash


def _refused(data):
    with pytest.raises(DocumentError) as raised:
        ocop_json.load("application", data)
    [problem] = raised.value.problems
    return problem.code, problem.path


_EDITS = {
    "on": lambda value: "2027-03-03" if value != "2027-03-03" else "2027-03-04",
    "action": lambda value: "resubmit" if value != "resubmit" else "review",
    "actor": lambda value: "centre" if value != "centre" else "province",
    "before": lambda value: "returned" if value != "returned" else "filed",
    "after": lambda value: "returned" if value != "returned" else "filed",
    "level": lambda value: "centre" if value != "centre" else "province",
    "note": lambda value: "sửa" if value != "sửa" else "sửa lại",
}


def test_every_single_field_edit_of_every_event_is_caught_at_that_event(reviewed):
    stored = ocop_json.dump(reviewed)
    fields = [field.name for field in attrs.fields(Event) if field.name != "previous"]
    assert sorted(fields) == sorted(_EDITS)
    for at in range(len(reviewed.events)):
        for name in fields:
            data = copy.deepcopy(stored)
            data["events"][at][name] = _EDITS[name](data["events"][at].get(name))
            assert _refused(data) == ("history.broken", f"$.events[{at}]"), (at, name)


def test_an_edited_link_is_caught_where_the_chain_breaks(reviewed):
    stored = ocop_json.dump(reviewed)
    data = copy.deepcopy(stored)
    data["events"][3]["previous"] = "0" * 64
    assert _refused(data) == ("history.broken", "$.events[2]")
    data = copy.deepcopy(stored)
    data["events"][0]["previous"] = "0" * 64
    assert _refused(data) == ("history.cut", "$.events[0]")


def test_reordered_events_are_caught_at_the_first_one_out_of_place(reviewed):
    data = ocop_json.dump(reviewed)
    data["events"][2], data["events"][3] = data["events"][3], data["events"][2]
    code, path = _refused(data)
    assert (code, path) == ("history.reordered", "$.events[2]")


def test_a_history_cut_at_its_start_in_its_middle_or_at_its_end_is_caught(reviewed):
    stored = ocop_json.dump(reviewed)
    cases = {
        0: ("history.cut", "$.events[0]"),
        2: ("history.broken", "$.events[1]"),
        4: ("history.broken", "$.events[3]"),
    }
    for removed, expected in cases.items():
        data = copy.deepcopy(stored)
        del data["events"][removed]
        assert _refused(data) == expected, removed


def test_an_event_added_after_the_history_was_sealed_is_caught(reviewed):
    data = ocop_json.dump(reviewed)
    extra = dict(data["events"][-1], previous=event_hash(reviewed.events[-1]), note="thêm")
    data["events"].append(extra)
    assert _refused(data) == ("history.appended", "$.events[5]")


def test_a_history_without_its_hashes_is_refused(reviewed):
    data = ocop_json.dump(reviewed)
    for event in data["events"]:
        event.pop("previous", None)
    assert _refused(data) == ("history.unlinked", "$.events[1]")
    data = ocop_json.dump(reviewed)
    del data["history_hash"]
    assert _refused(data) == ("history.unsealed", "$.history_hash")


def test_a_malformed_hash_is_a_schema_error_at_its_path(reviewed):
    data = ocop_json.dump(reviewed)
    data["events"][2]["previous"] = "not a hash"
    with pytest.raises(DocumentError) as raised:
        ocop_json.load("application", data)
    assert raised.value.problems[0].path == "$.events[2].previous"


def test_a_broken_history_inside_a_round_is_named_by_its_full_path(reviewed):
    round_ = province_round_with(forwarded_app())
    data = ocop_json.dump(round_)
    data["applications"][0]["events"][1]["note"] = "sửa"
    with pytest.raises(DocumentError) as raised:
        ocop_json.load("evaluation_round", data)
    assert [(p.code, p.path) for p in raised.value.problems] == [
        ("history.broken", "$.applications[0].events[1]")
    ]


def test_building_an_application_with_an_edited_history_raises_a_history_error(reviewed):
    edited = attrs.evolve(reviewed.events[1], note="sửa")
    events = (reviewed.events[0], edited, *reviewed.events[2:])
    with pytest.raises(HistoryError) as raised:
        attrs.evolve(reviewed, events=events)
    assert (raised.value.code, raised.value.path, raised.value.value) == (
        "history.broken",
        "$.events[1]",
        1,
    )
    assert "event 1 was changed" in raised.value.message("en")
    assert "Sự kiện 1 đã bị sửa" in raised.value.message("vi")


def test_an_application_without_events_has_no_history_to_check():
    assert history_problems((), None) == []
    assert Application.__attrs_attrs__.history_hash.default is None
