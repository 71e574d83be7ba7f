"""Stored applications whose dates were changed by hand, sealed again as the office's software
would have sealed them: the history's chain holds, so only the changed dates are wrong."""

from typing import Any

from ocop import audit
from ocop.evaluation import Event


def seal(application: dict[str, Any]) -> dict[str, Any]:
    """``application`` (a stored document) with each event linked to the one before and the
    history sealed by the last event's hash."""
    previous = None
    for event in application["events"]:
        event["previous"] = previous
        previous = audit.event_hash(Event(**event))
    application["history_hash"] = previous
    return application


def seal_round(evaluation_round: dict[str, Any]) -> dict[str, Any]:
    """Every application of a stored round, sealed again."""
    for application in evaluation_round["applications"]:
        seal(application)
    return evaluation_round
